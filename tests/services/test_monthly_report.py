"""The monthly technician report's figures (S10–S16): each checked against figures worked
out by hand for a small branch, and against an independent computation (plain SQL over
the rows and a few lines of Python, sharing no code with ``services.monthly_report``) on
that branch and on demo databases."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from crm_desktop import demo
from crm_desktop.errors import UserError
from crm_desktop.models import Staff
from crm_desktop.models.name_keys import name_keys
from crm_desktop.services import calls, process, repairs
from crm_desktop.services.monthly_report import (
    SURVEY_ITEMS,
    SurveyScores,
    active_technician_count,
    month_bounds,
    monthly_figures,
    parse_month,
)
from tests.views import branch_data

LATER = datetime(2027, 1, 15, 12, 0)  # "now" for steps after today's clock (the services refuse the future)
CENT = Decimal("0.01")


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute)


def build_month(database) -> SimpleNamespace:
    """``branch_data`` (November 2026) and, on top, what the report must get right: a late
    arrival, a work-log line taken back, jobs and arrivals at 23:59 on 30 November and at
    00:00 on 1 December, fees collected on either side of the boundary and one whose later
    collection was taken back, a repair with parts priced to the tenth of a cent, a
    technician with nothing to count and one who left after a job."""
    ns = branch_data.build(database)
    N = lambda day, hour, minute=0: at(11, day, hour, minute)  # noqa: E731
    D = lambda day, hour, minute=0: at(12, day, hour, minute)  # noqa: E731
    with database.Session.begin() as s:
        idle = Staff(name="吴技师", role="technician")
        gone = Staff(name="周技师", role="technician")
        s.add_all([idle, gone])
        s.flush()
        ns.idle, ns.gone = idle.id, gone.id
        copier_b, printer_b, copier_a = ns.zheda_products  # B, B (contract), A (warranty over)

        def call(product, received):
            return calls.register_call(s, customer_id=ns.zheda, product_id=product, received_at=received,
                                       fault="卡纸", registered_by_id=ns.clerk).id

        def visit(call_id, tech, dispatched, arrived):
            process.dispatch(s, call_id, tech, dispatched, ns.boss, now=LATER)
            process.arrive(s, call_id, arrived, tech, now=LATER)

        def done(call_id, tech, when, hours, payment=None):
            process.complete_on_site(s, call_id, when=when, work_done="清洁", hours_spent=hours, by_id=tech,
                                     payment_method=payment, now=LATER)

        # E1 王: late (received Tue 10 Nov 09:00, due 16:00, arrived next day 09:00); the fee
        # is invoiced, then collected in December
        ns.late = call(copier_a, N(10, 9))
        visit(ns.late, ns.wang, N(10, 9, 30), N(11, 9))
        done(ns.late, ns.wang, N(11, 11), "2", "invoice")
        process.collect_fee(s, ns.late, amount="160", when=D(2, 10), by_id=ns.wang, now=LATER)

        # E2 陈: completion recorded with 3 hours by mistake, taken back, recorded again (1.5)
        ns.voided = call(copier_b, N(16, 9))
        visit(ns.voided, ns.chen, N(16, 9, 10), N(16, 10))
        done(ns.voided, ns.chen, N(16, 11), "3")
        process.undo_last_step(s, ns.voided, reason="工时录错", by_id=ns.boss, now=N(16, 11, 20))
        done(ns.voided, ns.chen, N(16, 11, 30), "1.5")

        # E3 赵: arrives and finishes at 23:59 on the last day, the fee collected then
        ns.last_minute = call(copier_a, N(30, 17))
        visit(ns.last_minute, ns.zhao, N(30, 17, 10), N(30, 23, 59))
        done(ns.last_minute, ns.zhao, N(30, 23, 59), "1", "collected")
        # E4 赵: arrives and finishes at 00:00 on 1 December: December's
        ns.next_month = call(copier_a, N(30, 17, 5))
        visit(ns.next_month, ns.zhao, N(30, 17, 15), D(1, 0))
        done(ns.next_month, ns.zhao, D(1, 0), "1", "collected")

        # E6 陈: taken back (0.5 h on the visit), repaired with parts of awkward prices
        ns.repaired = call(copier_b, N(17, 9))
        visit(ns.repaired, ns.chen, N(17, 9, 10), N(17, 10))
        process.take_back(s, ns.repaired, when=N(17, 10, 30), by_id=ns.chen, hours_spent="0.5", now=LATER,
                          condition="外观完好", accessories="电源线")
        process.start_repair(s, ns.repaired, N(18, 9), ns.chen, now=LATER)
        card = process.repair_card_of(s, ns.repaired)
        repairs.set_parts(s, card.id, [
            {"name": "数据线（米）", "quantity": "0.33", "unit_price": "12.35"},  # 4.0755
            {"name": "螺丝", "quantity": "3", "unit_price": "0.15"},  # 0.45
        ])
        process.finish_repair(s, ns.repaired, when=N(18, 11), repair_hours="1", by_id=ns.chen, now=LATER)
        ns.repaired_card = card.id

        # E8 王: invoiced, collected on 13 November, collected again in December by mistake
        # and that taken back: collected in November
        ns.recollected = call(copier_a, N(12, 9))
        visit(ns.recollected, ns.wang, N(12, 9, 10), N(12, 10))
        done(ns.recollected, ns.wang, N(12, 11), "1", "invoice")
        process.collect_fee(s, ns.recollected, amount="80", when=N(13, 10), by_id=ns.wang, now=LATER)
        process.collect_fee(s, ns.recollected, amount="90", when=D(3, 10), by_id=ns.wang, now=LATER)
        process.undo_last_step(s, ns.recollected, reason="重复收费", by_id=ns.boss, now=D(3, 11))

        # E9 周: a job on 5 November, then left the branch
        ns.gone_call = call(printer_b, N(5, 9))
        visit(ns.gone_call, gone.id, N(5, 9, 10), N(5, 10))
        done(ns.gone_call, gone.id, N(5, 11), "1")
        gone.active = False
    return ns


@pytest.fixture
def month_db(database):
    ns = build_month(database)
    return database, ns


# ------------------------------------------------------------------------------------------------
# The independent computation: SQL over the rows, the S14 deadline and working time computed
# here minute-exact from the default timetable and the holiday table.

PERIODS = ((time(8, 30), time(12, 0)), (time(13, 0), time(17, 30)))
ARRIVAL_HOURS = {"urban": 6, "suburban": 7}


def _dt(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _money(value) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal("0")


class Clock:
    def __init__(self, con) -> None:
        rows = con.execute(text("SELECT day, kind FROM holiday")).all()
        self.off = {date.fromisoformat(str(d)) for d, k in rows if k == "off"}
        self.work = {date.fromisoformat(str(d)) for d, k in rows if k == "work"}

    def working(self, day: date) -> bool:
        if day in self.off:
            return False
        return day in self.work or day.weekday() < 5

    def minutes_between(self, a: datetime, b: datetime) -> int:
        total = timedelta()
        day = a.date()
        while day <= b.date():
            if self.working(day):
                for s, e in PERIODS:
                    lo, hi = max(a, datetime.combine(day, s)), min(b, datetime.combine(day, e))
                    if hi > lo:
                        total += hi - lo
            day += timedelta(days=1)
        return round(total.total_seconds() / 60)

    def due(self, received: datetime, district: str) -> datetime:
        left = timedelta(hours=ARRIVAL_HOURS[district])
        day = received.date()
        while True:
            if self.working(day):
                for s, e in PERIODS:
                    begin, end = max(received, datetime.combine(day, s)), datetime.combine(day, e)
                    if begin >= end:
                        continue
                    if left <= end - begin:
                        return begin + left
                    left -= end - begin
            day += timedelta(days=1)


def independent(database, year: int, month: int) -> dict:
    """{technician id: {figure: value}} and the names, from the rows."""
    start = datetime(year, month, 1)
    end = datetime(year + (month == 12), month % 12 + 1, 1)
    out: dict = defaultdict(lambda: {
        "A": 0, "B": 0, "C": 0, "on_site": 0, "repair": 0, "hours": Decimal("0"), "on_time": 0, "late": 0,
        "response": 0, "taken_back": 0, "repairs": 0, "parts": Decimal("0"), "fees": Decimal("0"),
        "lines": [],
    })
    with database.engine.connect() as con:
        clock = Clock(con)
        for tid, in con.execute(text("SELECT id FROM staff WHERE role = 'technician' AND active")):
            out[tid]  # every active technician has a row
        for tid, kind, mode, hours, day, call_id in con.execute(text(
            "SELECT technician_id, service_kind, mode, hours, work_day, call_id FROM work_log "
            "WHERE work_day >= :a AND work_day < :b AND voided_by_step_id IS NULL"),
            {"a": start.date().isoformat(), "b": end.date().isoformat()},
        ):
            row = out[tid]
            row[kind] += 1
            row[mode] += 1
            row["hours"] += _money(hours)
            row["lines"].append((str(day), call_id, mode, _money(hours)))
        for tid, received, district, due, arrived in con.execute(text(
            "SELECT technician_id, received_at, district, arrival_due_at, arrived_at FROM service_call "
            "WHERE arrived_at IS NOT NULL"
        )):
            arrived, received = _dt(arrived), _dt(received)
            if not start <= arrived < end:
                continue
            due = _dt(due) or clock.due(received, district)
            out[tid]["on_time" if arrived <= due else "late"] += 1
            out[tid]["response"] += clock.minutes_between(received, arrived)
        for tid, taken, call_id, cancelled in con.execute(text(
            "SELECT g.taken_in_by_id, g.taken_in_at, g.call_id, "
            "(SELECT count(*) FROM repair_card c WHERE c.goods_entry_id = g.id AND c.status = 'cancelled') "
            "FROM goods_entry g"
        )):
            if call_id is not None and not cancelled and start <= _dt(taken) < end:
                out[tid]["taken_back"] += 1
        part_sums: dict[int, Decimal] = defaultdict(Decimal)
        for card_id, qty, price in con.execute(text("SELECT card_id, quantity, unit_price FROM repair_part")):
            part_sums[card_id] += _money(qty) * _money(price)
        for card_id, tid, repaired, status in con.execute(text(
            "SELECT id, technician_id, repaired_at, status FROM repair_card WHERE repaired_at IS NOT NULL"
        )):
            if status != "cancelled" and start <= _dt(repaired) < end:
                out[tid]["repairs"] += 1
                out[tid]["parts"] += part_sums.get(card_id, Decimal("0")).quantize(CENT)
        steps = con.execute(text(
            "SELECT id, call_id, step, happened_at, undoes_id FROM call_step "
            "WHERE step IN ('collect_fee', 'complete_on_site', 'undo')"
        )).all()
        undone = {u for _i, _c, step, _h, u in steps if step == "undo" and u is not None}
        latest: dict[tuple[int, str], datetime] = {}
        for sid, call_id, step, happened, _u in steps:
            if step != "undo" and sid not in undone:
                key = (call_id, step)
                latest[key] = max(latest.get(key, datetime.min), _dt(happened))
        for call_id, tid, amount, handed, signed in con.execute(text(
            "SELECT id, technician_id, fee_collected, fee_handed_at, signed_at FROM service_call "
            "WHERE payment_method = 'collected' AND fee_collected IS NOT NULL"
        )):
            moment = (latest.get((call_id, "collect_fee")) or latest.get((call_id, "complete_on_site"))
                      or _dt(handed) or _dt(signed))
            if moment is not None and start <= moment < end:
                out[tid]["fees"] += _money(amount)
        names = dict(con.execute(text("SELECT id, name FROM staff")).all())
    return {"rows": dict(out), "names": names}


def as_dict(t) -> dict:
    return {
        "A": t.jobs["A"], "B": t.jobs["B"], "C": t.jobs["C"], "on_site": t.on_site_jobs, "repair": t.repair_jobs,
        "hours": t.hours, "on_time": t.arrivals_on_time, "late": t.arrivals_late, "response": t.response_minutes,
        "taken_back": t.taken_back, "repairs": t.repairs_completed, "parts": t.parts_cost, "fees": t.fees_collected,
    }


def assert_matches(figures, expected: dict) -> None:
    rows = expected["rows"]
    assert {t.technician_id for t in figures.technicians} == set(rows)
    for t in figures.technicians:
        want = {k: v for k, v in rows[t.technician_id].items() if k != "lines"}
        assert as_dict(t) == want, t.name
        assert t.name == expected["names"][t.technician_id]
        # the detail lines are the jobs, one each
        lines = sorted((l.work_day.isoformat(), l.mode, l.hours) for l in t.lines)
        assert lines == sorted((d, m, h) for d, _c, m, h in rows[t.technician_id]["lines"])
        # and the money is to the cent
        for value in (t.hours, t.parts_cost, t.fees_collected):
            assert value == value.quantize(CENT)
    total = figures.totals
    assert total.total_jobs == sum(r["A"] + r["B"] + r["C"] for r in rows.values())
    assert total.fees_collected == sum((r["fees"] for r in rows.values()), Decimal("0"))
    assert total.parts_cost == sum((r["parts"] for r in rows.values()), Decimal("0"))


# ------------------------------------------------------------------------------------------------


def test_november_by_hand(month_db):
    """Every figure of November worked out by hand from branch_data and the additions."""
    database, ns = month_db
    with database.read_session() as s:
        f = monthly_figures(s, 2026, 11)
    by_id = {t.technician_id: t for t in f.technicians}
    assert [t.name for t in f.technicians] == sorted((t.name for t in f.technicians), key=lambda n: name_keys(n).sort)
    assert set(by_id) == {ns.wang, ns.zhao, ns.chen, ns.idle, ns.gone}

    wang = by_id[ns.wang]  # 23, 27 Nov (branch) + E1 (11th, 2 h) + E8 (12th, 1 h)
    assert as_dict(wang) == {
        "A": 4, "B": 0, "C": 0, "on_site": 4, "repair": 0, "hours": Decimal("5.50"),
        "on_time": 5, "late": 1,  # E1 arrived the day after its 16:00 deadline
        # 100 + 115 + 80 + 80 (branch) + E1 480 (09:00–17:30 less lunch, then 08:30–09:00) + E8 60
        "response": 915,
        "taken_back": 2, "repairs": 0, "parts": Decimal("0"),
        "fees": Decimal("280.00"),  # 120 + 80 collected on site, E8's 80 on 13 Nov (its December one taken back)
    }
    assert wang.average_response_hours == Decimal("2.54")  # 915 / 6 / 60 = 2.541…
    assert wang.on_time_rate == Decimal(5) / Decimal(6)

    zhao = by_id[ns.zhao]
    assert as_dict(zhao) == {
        "A": 3, "B": 0, "C": 0, "on_site": 2, "repair": 1, "hours": Decimal("3.50"),
        "on_time": 5, "late": 0, "response": 335 + 30,  # E3: 17:00–17:30, then nothing till 23:59
        "taken_back": 3, "repairs": 1, "parts": Decimal("444.00"),  # 420 + 2 × 12
        "fees": Decimal("80.00"),  # E3 at 23:59 on the 30th; E4 at 00:00 on 1 Dec is December's
    }

    chen = by_id[ns.chen]
    assert as_dict(chen) == {
        "A": 1, "B": 3, "C": 0, "on_site": 3, "repair": 1,
        "hours": Decimal("5.00"),  # 2 + 1.5 (the voided 3 h not counted) + 0.5 + 1
        "on_time": 5, "late": 0, "response": 250 + 60 + 60,
        "taken_back": 3, "repairs": 1,
        "parts": Decimal("4.53"),  # 0.33 × 12.35 + 3 × 0.15 = 4.5255
        "fees": Decimal("0"),
    }
    assert as_dict(by_id[ns.idle]) == as_dict(type(zhao)(ns.idle, "吴技师"))  # a row of zeros
    assert by_id[ns.idle].active and by_id[ns.idle].average_response_hours is None
    gone = by_id[ns.gone]
    assert not gone.active and gone.name == "周技师" and gone.jobs["B"] == 1 and gone.hours == Decimal("1.00")

    t = f.totals
    assert (t.total_jobs, t.arrivals_on_time, t.arrivals_late) == (4 + 3 + 4 + 1, 5 + 5 + 5 + 1, 1)
    assert t.fees_collected == Decimal("360.00") and t.parts_cost == Decimal("448.53")
    assert f.jobs == 12 and (f.start, f.end) == (datetime(2026, 11, 1), datetime(2026, 12, 1))


def test_the_active_technicians_are_counted_before_the_figures(month_db):
    """The workbook's first progress report: one row per active technician at least."""
    database, ns = month_db
    with database.read_session() as s:
        active = {t.technician_id for t in monthly_figures(s, 2026, 11).technicians if t.active}
        assert active_technician_count(s) == len(active) == 4  # 周技师 left: not counted
        assert not s.get(Staff, ns.gone).active


def test_detail_lines(month_db):
    database, ns = month_db
    with database.read_session() as s:
        f = monthly_figures(s, 2026, 11)
    wang = next(t for t in f.technicians if t.technician_id == ns.wang)
    assert [l.work_day for l in wang.lines] == sorted(l.work_day for l in wang.lines)
    late = next(l for l in wang.lines if l.work_day == date(2026, 11, 11))
    assert (late.arrival_due_at, late.arrived_at, late.on_time) == (at(11, 10, 16), at(11, 11, 9), False)
    assert late.fee == Decimal("160.00") and late.parts_cost is None and late.card_no is None
    chen = next(t for t in f.technicians if t.technician_id == ns.chen)
    visit, repair = [l for l in chen.lines if l.work_day in (date(2026, 11, 17), date(2026, 11, 18))]
    assert (visit.mode, visit.hours, visit.on_time, visit.parts_cost) == ("on_site", Decimal("0.50"), True, None)
    # the fee and parts of a call taken back go on its latest job, the repair
    assert (repair.mode, repair.arrived_at, repair.on_time) == ("repair", None, None)
    assert repair.parts_cost == Decimal("4.53") and repair.card_no.startswith("XK")
    assert sum(l.hours for l in chen.lines) == chen.hours


def test_month_boundary(month_db):
    """A job and an arrival at 23:59 on 30 November are November's; at 00:00 on 1 December,
    December's; a fee counts in the month it was collected."""
    database, ns = month_db
    with database.read_session() as s:
        nov = {t.technician_id: t for t in monthly_figures(s, 2026, 11).technicians}
        dec = {t.technician_id: t for t in monthly_figures(s, 2026, 12).technicians}
    assert date(2026, 11, 30) in [l.work_day for l in nov[ns.zhao].lines]
    assert date(2026, 12, 1) not in [l.work_day for l in nov[ns.zhao].lines]
    assert [l.work_day for l in dec[ns.zhao].lines] == [date(2026, 12, 1)]
    assert (dec[ns.zhao].arrivals, dec[ns.zhao].response_minutes) == (1, 25)  # 17:05–17:30
    assert dec[ns.zhao].fees_collected == Decimal("80.00")
    assert dec[ns.wang].fees_collected == Decimal("160.00")  # E1 collected on 2 December
    assert dec[ns.wang].total_jobs == 0 and ns.gone not in dec  # left, nothing in December


def test_voided_work_log_line_not_counted(month_db):
    database, ns = month_db
    with database.engine.connect() as con:
        voided = con.execute(text(
            "SELECT hours FROM work_log WHERE call_id = :c AND voided_by_step_id IS NOT NULL"), {"c": ns.voided}
        ).all()
    assert [_money(h) for h, in voided] == [Decimal("3")]
    with database.read_session() as s:
        chen = next(t for t in monthly_figures(s, 2026, 11).technicians if t.technician_id == ns.chen)
    assert [l.hours for l in chen.lines if l.work_day == date(2026, 11, 16)] == [Decimal("1.50")]


@pytest.mark.parametrize("month", [10, 11, 12])
def test_branch_against_independent_computation(month_db, month):
    database, _ns = month_db
    with database.read_session() as s:
        figures = monthly_figures(s, 2026, month)
    assert_matches(figures, independent(database, 2026, month))


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    from crm_desktop import config as config_mod
    from crm_desktop.db import open_database

    db = open_database(config_mod.resolve(tmp_path_factory.mktemp("monthly-demo")))
    demo.generate(db, calls=900, seed=11, now=datetime(2026, 11, 20, 15, 0))
    yield db
    db.dispose()


@pytest.mark.parametrize("year, month", [(2026, 5), (2026, 10), (2026, 11)])
def test_demo_against_independent_computation(demo_database, year, month):
    """Months of the demo's history: May Day and National Day inside, November unfinished."""
    with demo_database.read_session() as s:
        figures = monthly_figures(s, year, month)
    expected = independent(demo_database, year, month)
    assert_matches(figures, expected)
    t = figures.totals
    # the demo's month has something of each figure
    assert t.total_jobs > 50 and t.arrivals_late > 0 and t.arrivals_on_time > 0
    assert t.taken_back > 0 and t.repairs_completed > 0 and t.parts_cost > 0 and t.fees_collected > 0


def test_surveys_plug_in(month_db):
    database, ns = month_db
    asked = []

    def surveys(session, start, end):
        asked.append((start, end))
        return {
            ns.wang: SurveyScores(3, {"attitude": Decimal("3.67"), "skill": 4, "arrival_time": 3.0,
                                      "follow_through": Decimal("3.33")}),
            ns.zhao: SurveyScores(1, {item: 2 for item in SURVEY_ITEMS}),
            ns.chen: SurveyScores(0, {}),
        }

    with database.read_session() as s:
        f = monthly_figures(s, 2026, 11, surveys)
        without = monthly_figures(s, 2026, 11)
    assert asked == [(datetime(2026, 11, 1), datetime(2026, 12, 1))]
    by_id = {t.technician_id: t for t in f.technicians}
    assert by_id[ns.wang].survey_average("attitude") == Decimal("3.67")
    assert by_id[ns.chen].survey is None and by_id[ns.chen].survey_average("skill") is None
    total = f.totals.survey
    assert total.cards == 4
    assert total.averages["attitude"] == Decimal("3.25")  # (3 × 3.67 + 2) / 4 = 3.2525
    assert total.averages["skill"] == Decimal("3.50")
    assert all(t.survey is None for t in without.technicians) and without.totals.survey is None


def test_month_parsing():
    assert parse_month("2026-10") == (2026, 10)
    assert parse_month(" 2026/3 ") == (2026, 3)
    assert parse_month("2026年12月") == (2026, 12)
    assert month_bounds(2026, 12) == (datetime(2026, 12, 1), datetime(2027, 1, 1))
    for bad in ("2026-13", "2026", "10-2026", "", "2026-00"):
        with pytest.raises(UserError) as caught:
            parse_month(bad)
        assert caught.value.field == "month"
    with pytest.raises(UserError):
        month_bounds(2026, 0)
