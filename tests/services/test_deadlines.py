"""S14: the arrival deadline of a call, stored on it and kept in step with district and time."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from crm_desktop.models import Customer, ServiceCall, Staff
from crm_desktop.progress import Cancelled
from crm_desktop.services import calendar as cal
from crm_desktop.services import calls, customers, deadlines


def _customer(session, district: str) -> Customer:
    return customers.create_customer(session, name="张伟", phone="13812345678", district=district)


def test_s14_urban_deadline_is_six_working_hours(session):
    call = calls.register_call(session, customer_id=_customer(session, "urban").id,
                               received_at=datetime(2026, 11, 24, 8, 30), fault="卡纸")
    assert call.arrival_due_at == datetime(2026, 11, 24, 15, 30)


def test_s14_suburban_deadline_is_seven_and_skips_the_weekend(session):
    call = calls.register_call(session, customer_id=_customer(session, "suburban").id,
                               received_at=datetime(2026, 11, 27, 16, 0), fault="卡纸")  # Friday
    assert call.arrival_due_at == datetime(2026, 11, 30, 15, 0)  # 1.5 h Friday; Monday 3.5 h + 2 h


def test_s14_the_deadline_follows_a_changed_district_or_time(session):
    call = calls.register_call(session, customer_id=_customer(session, "urban").id,
                               received_at=datetime(2026, 11, 24, 8, 30), fault="卡纸")
    calls.update_call(session, call.id, {"district": "suburban"})
    assert call.arrival_due_at == datetime(2026, 11, 24, 16, 30)
    calls.update_call(session, call.id, {"received_at": datetime(2026, 9, 30, 16, 0)})
    assert call.arrival_due_at == datetime(2026, 10, 8, 15, 0)  # National Day week skipped


def test_s14_a_make_up_working_day_counts(session):
    cal.set_year_arrangement(session, 2027, {date(2027, 1, 1): "元旦"}, {date(2027, 1, 2): "调休"})  # a Saturday
    call = calls.register_call(session, customer_id=_customer(session, "urban").id,
                               received_at=datetime(2026, 12, 31, 17, 0), fault="卡纸")
    assert call.arrival_due_at == datetime(2027, 1, 2, 15, 0)  # 0.5 h on the 31st, 3.5 h + 2 h on the 2nd


def test_counts_of_overdue_and_due_soon_calls(session):
    customer = _customer(session, "urban")
    tech = Staff(name="赵技师", role="technician")
    boss = Staff(name="孙主任", role="supervisor")
    session.add_all([tech, boss])
    session.flush()
    now = datetime(2026, 11, 25, 10, 0)
    overdue = calls.register_call(session, customer_id=customer.id, received_at=datetime(2026, 11, 24, 9, 0), fault="a")
    soon = calls.register_call(session, customer_id=customer.id, received_at=datetime(2026, 11, 24, 13, 30), fault="b")
    calls.register_call(session, customer_id=customer.id, received_at=datetime(2026, 11, 25, 9, 0), fault="c")
    arrived = calls.register_call(session, customer_id=customer.id, received_at=datetime(2026, 11, 24, 8, 30), fault="d")
    calls.dispatch(session, soon.id, tech.id, datetime(2026, 11, 24, 14, 0), by_id=boss.id)  # still running after dispatch
    arrived.status = "arrived"
    session.flush()
    calendar = cal.calendar_from_database(session)
    counts = deadlines.deadline_counts(session, calendar, now)
    assert (counts.overdue, counts.due_soon) == (1, 1)
    assert overdue.arrival_due_at < now <= soon.arrival_due_at
    assert deadlines.remaining_hours(calendar, soon.arrival_due_at, now) == 0.5
    assert session.scalar(select(Customer.id)) == customer.id


# -- recomputing the open calls' deadlines after the calendar changed ---------------------

# Monday to Saturday, 08:00–12:00 and 14:00–18:00: every deadline of the default timetable moves
SATURDAYS_TOO = cal.Timetable(weekdays=(0, 1, 2, 3, 4, 5), periods=((time(8, 0), time(12, 0)), (time(14, 0), time(18, 0))))


def _call(session, received_at: datetime, district: str = "urban", status: str | None = None) -> ServiceCall:
    customer = _customer(session, district)
    call = calls.register_call(session, customer_id=customer.id, received_at=received_at, fault="卡纸")
    if status is not None:
        call.status = status
        session.flush()
    return call


def _stored_deadlines(database) -> dict[int, datetime]:
    with database.Session() as s:
        return {i: due for i, due in s.execute(select(ServiceCall.id, ServiceCall.arrival_due_at))}


def test_s14_recompute_after_timetable_change_moves_open_deadlines(session):
    friday = datetime(2026, 11, 27, 16, 0)
    urban = _call(session, friday)
    suburban = _call(session, friday, "suburban")  # same time: the district alone sets it apart
    before_golden_week = _call(session, datetime(2026, 9, 30, 16, 0))
    registered = _call(session, datetime(2026, 11, 24, 9, 0))
    dispatched = _call(session, datetime(2026, 11, 24, 9, 0), status="dispatched")
    assert (urban.arrival_due_at, suburban.arrival_due_at) == (datetime(2026, 11, 30, 14, 0), datetime(2026, 11, 30, 15, 0))

    cal.save_timetable(session, SATURDAYS_TOO)
    moved = deadlines.recompute_open_deadlines(session)

    # Friday 16:00–18:00, then Saturday from 08:00: 4 h more (urban), 4 h + 1 h (suburban)
    assert urban.arrival_due_at == datetime(2026, 11, 28, 12, 0)
    assert suburban.arrival_due_at == datetime(2026, 11, 28, 15, 0)
    # 2 h on 30 September, 1–7 October off, 4 h from 08:00 on Thursday 8 October
    assert before_golden_week.arrival_due_at == datetime(2026, 10, 8, 12, 0)
    calendar = cal.calendar_from_database(session)
    assert calendar.timetable == SATURDAYS_TOO
    for call, hours in ((urban, 6), (suburban, 7), (before_golden_week, 6), (registered, 6), (dispatched, 6)):
        assert call.arrival_due_at == calendar.add_working_hours(call.received_at, hours)
    assert moved == 5


def test_s14_recompute_after_next_years_arrangement_is_entered(session):
    new_years_eve = _call(session, datetime(2026, 12, 31, 17, 0))
    # no arrangement for 2027 yet: New Year's Day, a Friday, counts as a plain working day
    assert new_years_eve.arrival_due_at == datetime(2027, 1, 1, 15, 0)
    cal.set_year_arrangement(session, 2027, {date(2027, 1, 1): "元旦"}, {})
    assert deadlines.recompute_open_deadlines(session) == 1
    assert new_years_eve.arrival_due_at == datetime(2027, 1, 4, 15, 0)  # after the weekend


def test_s14_recompute_keeps_deadlines_of_arrived_calls(session):
    received = datetime(2026, 11, 27, 16, 0)
    arrived = _call(session, received, status="arrived")
    closed = _call(session, received, status="closed")
    waiting = _call(session, received)
    old = waiting.arrival_due_at
    assert arrived.arrival_due_at == closed.arrival_due_at == old

    cal.save_timetable(session, SATURDAYS_TOO)
    assert deadlines.recompute_open_deadlines(session) == 1

    assert waiting.arrival_due_at == datetime(2026, 11, 28, 12, 0)
    assert arrived.arrival_due_at == closed.arrival_due_at == old  # the record of the arrival


def test_s14_recompute_writes_only_deadlines_that_move(session):
    tuesday = _call(session, datetime(2026, 11, 24, 8, 30))
    assert deadlines.recompute_open_deadlines(session) == 0  # nothing changed: nothing written
    lunch_moved = cal.Timetable(periods=((time(8, 30), time(12, 0)), (time(12, 30), time(17, 0))))
    cal.save_timetable(session, lunch_moved)
    assert deadlines.recompute_open_deadlines(session) == 1
    assert tuesday.arrival_due_at == datetime(2026, 11, 24, 15, 0)  # 3.5 h + 2.5 h from 12:30


def test_s14_recompute_reports_progress_every_chunk(session, monkeypatch):
    monkeypatch.setattr(deadlines, "RECOMPUTE_CHUNK", 2)
    for day in (23, 24, 25, 26, 27):
        _call(session, datetime(2026, 11, day, 9, 0))
    cal.save_timetable(session, SATURDAYS_TOO)
    reports = []
    deadlines.recompute_open_deadlines(session, progress=lambda done, total: reports.append((done, total)) or True)
    assert reports == [(0, 5), (2, 5), (4, 5), (5, 5)]


def test_s14_recompute_cancelled_changes_nothing(database, monkeypatch):
    monkeypatch.setattr(deadlines, "RECOMPUTE_CHUNK", 1)
    with database.Session.begin() as s:
        ids = [_call(s, datetime(2026, 11, day, 16, 0)).id for day in (23, 24, 25)]
    old = _stored_deadlines(database)
    reports = []

    def cancel_after_the_first_chunk(done: int, total: int) -> bool:
        reports.append(done)
        return done < 1

    with pytest.raises(Cancelled) as info:
        with database.Session.begin() as s:
            cal.save_timetable(s, SATURDAYS_TOO)
            deadlines.recompute_open_deadlines(s, progress=cancel_after_the_first_chunk)
    assert reports == [0, 1]  # the first call's new deadline was written, then rolled back
    assert info.value.field is None and "cancelled" in info.value.render()
    assert _stored_deadlines(database) == old and set(old) == set(ids)
    with database.Session() as s:
        assert cal.load_timetable(s) == cal.Timetable()


# --------------------------------------------------------------------------- S14 on the official calendar


@pytest.mark.parametrize(
    ("received", "district", "due"),
    [
        # Friday 13 Feb 16:00: 1.5 h; Saturday 14 Feb is a make-up working day (调休)
        (datetime(2026, 2, 13, 16, 0), "urban", datetime(2026, 2, 14, 14, 0)),
        (datetime(2026, 2, 13, 16, 0), "suburban", datetime(2026, 2, 14, 15, 0)),
        # the make-up Saturday 16:00: 1.5 h, then 15–23 Feb off (Spring Festival), on from Tuesday 24 Feb
        (datetime(2026, 2, 14, 16, 0), "urban", datetime(2026, 2, 24, 14, 0)),
        (datetime(2026, 2, 14, 16, 0), "suburban", datetime(2026, 2, 24, 15, 0)),
        # Wednesday 30 Sep 17:00: 0.5 h; 1–7 Oct off (National Day), 8–9 Oct working
        (datetime(2026, 9, 30, 17, 0), "urban", datetime(2026, 10, 8, 15, 0)),
        # Friday 9 Oct 17:00: 0.5 h; Saturday 10 Oct is a make-up working day
        (datetime(2026, 10, 9, 17, 0), "suburban", datetime(2026, 10, 10, 16, 0)),
        # Friday 20 Nov 17:20: ten minutes that evening, the rest from Monday 08:30
        (datetime(2026, 11, 20, 17, 20), "urban", datetime(2026, 11, 23, 15, 20)),
        (datetime(2026, 11, 20, 17, 20), "suburban", datetime(2026, 11, 23, 16, 20)),
        # Sunday 22 Nov: counting starts at Monday's first working minute
        (datetime(2026, 11, 22, 10, 0), "urban", datetime(2026, 11, 23, 15, 30)),
        (datetime(2026, 11, 22, 10, 0), "suburban", datetime(2026, 11, 23, 16, 30)),
    ],
)
def test_s14_arrival_deadline_across_holidays_make_up_days_evenings_and_sundays(session, received, district, due):
    calendar = cal.calendar_from_database(session)
    assert deadlines.arrival_due(calendar, received, district) == due
    assert deadlines.arrival_due(cal.default_calendar(), received, district) == due
    call = calls.register_call(session, customer_id=_customer(session, district).id, received_at=received, fault="卡纸")
    assert call.arrival_due_at == due


def test_s14_suburban_calls_get_one_working_hour_more_than_urban(session):
    calendar = cal.calendar_from_database(session)
    for received in (datetime(2026, 11, 23, 8, 30), datetime(2026, 11, 20, 17, 20), datetime(2026, 2, 13, 16, 0)):
        urban = deadlines.arrival_due(calendar, received, "urban")
        suburban = deadlines.arrival_due(calendar, received, "suburban")
        assert calendar.working_hours_between(received, urban) == pytest.approx(6)
        assert calendar.working_hours_between(urban, suburban) == pytest.approx(1)
