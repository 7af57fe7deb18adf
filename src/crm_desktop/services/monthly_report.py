"""The figures of the monthly technician report (S10–S16, X4): per technician, what the
records of one calendar month say; ``exports.monthly_workbook`` writes them as a workbook.

The month is the calendar month in local time: from the first day 00:00 up to, not
including, the first day of the next month 00:00. Every figure is computed from what was
recorded, money as ``Decimal`` to the cent, times to the minute:

* **job** — a line of the work log (``work_log``) whose day falls in the month and that was
  not voided (a line whose step a supervisor took back is kept and marked, and not
  counted): one visit, or one repair. A job belongs to the line's technician.
* **kind** — the line's ``service_kind`` (A paid, B contract, C free; S1) as it was when the
  work was recorded.
* **on site / repair** — the line's ``mode``. A visit that ended in taking the goods back is
  logged as on-site work (S10), so "on site" counts visits and "repair" counts finished
  repairs in the workshop (``finish_repair`` logs one line each time).
* **taken back** — the calls whose goods the technician took back in the month (S6): goods
  register lines of a service call taken in (``goods_entry.taken_in_at``) in the month, by
  the technician who took them (``taken_in_by_id``), whose repair card was not cancelled (a
  take-back that was taken back cancels its card).
* **hours** — the sum of the jobs' hours.
* **arrivals** (S14) — the calls whose technician arrived (``arrived_at``) in the month,
  counted for the call's technician (the one who arrived: a call is dispatched again only
  before anyone arrived). On time when ``arrived_at <= arrival_due_at``, late otherwise. A
  call without a stored deadline (rows written by the demo or an import before the
  deadline existed) gets it computed as the program computes it (``deadlines.arrival_due``
  on the branch calendar). The on-time rate is on time ÷ arrivals (blank without arrivals).
* **response** — the working time from ``received_at`` to ``arrived_at`` on the branch
  calendar (``WorkingCalendar.working_hours_between``), in whole working minutes; the
  average response is their sum ÷ arrivals, in hours rounded half up to two decimals.
* **repairs completed** — repair cards whose ``repaired_at`` falls in the month (the last
  time the repair was finished, if an inspection sent it back), not cancelled, counted for
  the card's technician (the one who finished the repair).
* **parts cost** — Σ quantity × unit price of the parts on those cards, each card's sum to
  the cent as the repair card itself totals it (``repairs.parts_total``).
* **fees collected** (S5) — Σ ``fee_collected`` of the calls whose fee was collected
  (``payment_method`` ``collected``) in the month, for the call's technician. The moment of
  collection is the time of the call's latest ``collect_fee`` step that was not taken back;
  failing that, of its latest ``complete_on_site`` step not taken back (a fee collected on
  site is recorded with the completion); failing both (a hand-edited row), the hand-over to
  the accountant (``fee_handed_at``), else the signature (``signed_at``).
* **survey averages** (S16) — per item (态度 attitude, 技术 skill, 到达时间 arrival time,
  答应事情的办理 follow-through), from a ``surveys`` source when one is given (a function
  ``surveys(session, start, end) -> {technician id: SurveyScores}``); there is no survey
  table yet, so by default the columns stay blank.

The report has a row for every active technician (zeros where nothing was recorded) and
for anyone else the month's records name (a technician who left during the month), so that
the totals are the totals of the month.

Each detail line (a job) shows the call's arrival deadline, arrival and whether it was on
time on its on-site lines, and the call's fee and the repair card's parts cost on the
call's latest job (so that a call's fee is never shown twice, whatever month its jobs fall
in): the on-site visit of a call done on site, the (last) repair of a call taken back.
No Qt, no openpyxl here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from .. import clock
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP
from ..models import (
    CallStep,
    GoodsEntry,
    PaymentMethod,
    RepairCard,
    RepairCardStatus,
    RepairPart,
    Role,
    ServiceCall,
    ServiceKind,
    Staff,
    WorkLog,
    WorkMode,
)
from . import branch as branch_service
from .calendar import WorkingCalendar, calendar_from_database
from .deadlines import arrival_due
from .process import Step
from .renewals import renewal_rates

KINDS = tuple(k.value for k in ServiceKind)  # A, B, C
ZERO = Decimal("0")
CENT = Decimal("0.01")

# S16: the four items a survey card rates, in the card's order
SURVEY_ITEMS = ("attitude", "skill", "arrival_time", "follow_through")

_COLLECT_FEE = Step.COLLECT_FEE
_COMPLETE_ON_SITE = Step.COMPLETE_ON_SITE

BAD_MONTH = QT_TRANSLATE_NOOP("MonthlyReport", "Enter the month as year and month, for example 2026-10 (got “{text}”).")
MONTH_OUT_OF_RANGE = QT_TRANSLATE_NOOP("MonthlyReport", "There is no month {month} in a year (1 to 12).")
UNASSIGNED = QT_TRANSLATE_NOOP("MonthlyReport", "(no technician)")


@dataclass(frozen=True)
class SurveyScores:
    """S16, one technician's month: how many survey cards, and the average of each item
    (``SURVEY_ITEMS``) over those cards (the four levels as numbers, as the survey module
    will define them)."""

    cards: int
    averages: Mapping[str, Decimal | float | None]


# surveys(session, start, end) -> {technician id: SurveyScores}
SurveySource = Callable[[Session, datetime, datetime], Mapping[int, SurveyScores]]


@dataclass(frozen=True)
class JobLine:
    """One job of the detail sheet."""

    work_log_id: int
    work_day: date
    call_no: str
    card_no: str | None
    customer_name: str
    service_kind: str
    mode: str
    hours: Decimal
    arrival_due_at: datetime | None  # on-site lines only
    arrived_at: datetime | None
    on_time: bool | None
    fee: Decimal | None  # on the call's latest job only
    parts_cost: Decimal | None  # likewise, when the job has a repair card


@dataclass
class TechnicianMonth:
    technician_id: int | None
    name: str
    active: bool = True
    jobs: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    on_site_jobs: int = 0
    repair_jobs: int = 0
    taken_back: int = 0
    hours: Decimal = ZERO
    arrivals_on_time: int = 0
    arrivals_late: int = 0
    response_minutes: int = 0  # working minutes, summed over the arrivals
    repairs_completed: int = 0
    parts_cost: Decimal = ZERO
    fees_collected: Decimal = ZERO
    survey: SurveyScores | None = None
    lines: list[JobLine] = field(default_factory=list)

    @property
    def total_jobs(self) -> int:
        return sum(self.jobs.values())

    @property
    def arrivals(self) -> int:
        return self.arrivals_on_time + self.arrivals_late

    @property
    def on_time_rate(self) -> Decimal | None:
        """On time ÷ arrivals (None without arrivals); the workbook shows it as a percentage."""
        return Decimal(self.arrivals_on_time) / Decimal(self.arrivals) if self.arrivals else None

    @property
    def average_response_hours(self) -> Decimal | None:
        """Working hours from call to arrival, averaged over the arrivals, two decimals."""
        if not self.arrivals:
            return None
        return (Decimal(self.response_minutes) / Decimal(self.arrivals) / 60).quantize(CENT, ROUND_HALF_UP)

    def survey_average(self, item: str) -> Decimal | float | None:
        if self.survey is None or not self.survey.cards:
            return None
        return self.survey.averages.get(item)


@dataclass
class MonthlyFigures:
    year: int
    month: int
    start: datetime
    end: datetime  # exclusive
    branch_name: str
    technicians: list[TechnicianMonth]
    computed_at: datetime
    # S15: the renewal outcomes recorded in the month, the branch's and per keeper (renewals.renewal_rates)
    renewals: tuple[Any, list[Any]] | None = None

    @property
    def totals(self) -> TechnicianMonth:
        """The whole branch: sums of the rows; survey averages weighted by cards."""
        total = TechnicianMonth(None, "")
        cards = 0
        weighted: dict[str, Decimal] = {item: ZERO for item in SURVEY_ITEMS}
        for t in self.technicians:
            for k in KINDS:
                total.jobs[k] += t.jobs[k]
            total.on_site_jobs += t.on_site_jobs
            total.repair_jobs += t.repair_jobs
            total.taken_back += t.taken_back
            total.hours += t.hours
            total.arrivals_on_time += t.arrivals_on_time
            total.arrivals_late += t.arrivals_late
            total.response_minutes += t.response_minutes
            total.repairs_completed += t.repairs_completed
            total.parts_cost += t.parts_cost
            total.fees_collected += t.fees_collected
            if t.survey is not None and t.survey.cards:
                cards += t.survey.cards
                for item in SURVEY_ITEMS:
                    value = t.survey.averages.get(item)
                    weighted[item] += Decimal(str(value or 0)) * t.survey.cards
        if cards:
            total.survey = SurveyScores(
                cards, {item: (weighted[item] / cards).quantize(CENT, ROUND_HALF_UP) for item in SURVEY_ITEMS}
            )
        return total

    @property
    def jobs(self) -> int:
        return sum(t.total_jobs for t in self.technicians)


# --------------------------------------------------------------------------- the month


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """[first day 00:00, next month's first day 00:00), local time."""
    if not 1 <= month <= 12:
        raise UserError(MONTH_OUT_OF_RANGE, field="month", month=month)
    start = datetime(year, month, 1)
    end = datetime(year + 1, 1, 1) if month == 12 else datetime(year, month + 1, 1)
    return start, end


_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


def parse_month(text: str) -> tuple[int, int]:
    """``2026-10`` (also 2026/10, 2026.10, 2026年10月) → (2026, 10); anything else is a
    UserError on the field ``month``."""
    found = _MONTH.match(text or "")
    if not found:
        raise UserError(BAD_MONTH, field="month", text=text)
    year, month = int(found.group(1)), int(found.group(2))
    month_bounds(year, month)
    return year, month


# --------------------------------------------------------------------------- the figures


def active_technician_count(session: Session) -> int:
    """How many rows the month's report has at least: one per active technician (anyone
    else the month's records name comes on top). One count, so that the report's progress
    bar can start before the figures are computed."""
    return session.scalar(
        select(func.count()).where(Staff.role == Role.TECHNICIAN.value, Staff.active.is_(True))
    ) or 0


def monthly_figures(
    session: Session,
    year: int,
    month: int,
    surveys: SurveySource | None = None,
    *,
    calendar: WorkingCalendar | None = None,
    now: datetime | None = None,
) -> MonthlyFigures:
    """Every technician's figures of the month (see the module docstring for what each
    one counts). Reads only."""
    start, end = month_bounds(year, month)
    calendar = calendar or calendar_from_database(session)
    # Core execution on the session's connection: the rows are plain tuples (the ORM's
    # result processing cost a third of the time on a month of 20,000 jobs)
    conn = session.connection()
    first_day, next_first_day = start.date(), end.date()

    people: dict[int | None, TechnicianMonth] = {}
    for staff_id, name in conn.execute(
        select(Staff.id, Staff.name).where(Staff.role == Role.TECHNICIAN.value, Staff.active.is_(True))
    ):
        people[staff_id] = TechnicianMonth(staff_id, name)

    def person(staff_id: int | None) -> TechnicianMonth:
        row = people.get(staff_id)
        if row is None:
            row = people[staff_id] = TechnicianMonth(staff_id, "", active=False)
        return row

    month_jobs = and_(
        WorkLog.work_day >= first_day, WorkLog.work_day < next_first_day, WorkLog.voided_by_step_id.is_(None)
    )
    month_calls = select(WorkLog.call_id).where(month_jobs)
    month_cards = select(WorkLog.card_id).where(month_jobs, WorkLog.card_id.is_not(None))
    repaired_in_month = and_(
        RepairCard.repaired_at >= start,
        RepairCard.repaired_at < end,
        RepairCard.status != RepairCardStatus.CANCELLED.value,
    )

    # the latest valid job of each call that has a job this month: where its fee is shown
    latest_job = set(
        conn.scalars(
            select(func.max(WorkLog.id))
            .where(WorkLog.voided_by_step_id.is_(None), WorkLog.call_id.in_(month_calls))
            .group_by(WorkLog.call_id)
        )
    )

    # repair cards of this month's jobs and of this month's finished repairs, with their parts
    cards: dict[int, tuple[str, int | None, bool]] = {}
    for card_id, card_no, technician_id, repaired_at, status in conn.execute(
        select(RepairCard.id, RepairCard.card_no, RepairCard.technician_id, RepairCard.repaired_at, RepairCard.status)
        .where(or_(RepairCard.id.in_(month_cards), repaired_in_month))
    ):
        completed = (
            repaired_at is not None and start <= repaired_at < end and status != RepairCardStatus.CANCELLED.value
        )
        cards[card_id] = (card_no, technician_id, completed)
    exact: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for card_id, quantity, unit_price in conn.execute(
        select(RepairPart.card_id, RepairPart.quantity, RepairPart.unit_price).where(
            RepairPart.card_id.in_(select(RepairCard.id).where(or_(RepairCard.id.in_(month_cards), repaired_in_month)))
        )
    ):
        exact[card_id] += (quantity or ZERO) * (unit_price or ZERO)
    # a card's parts to the cent as the card totals them (``repairs.parts_total``)
    parts_cost = {card_id: amount.quantize(CENT) for card_id, amount in exact.items()}
    for card_id, (_no, technician_id, completed) in cards.items():
        if completed:
            row = person(technician_id)
            row.repairs_completed += 1
            row.parts_cost += parts_cost.get(card_id, ZERO)

    # the jobs
    due_cache: dict[tuple[datetime, str], datetime] = {}

    def due_of(received_at: datetime, district: str, stored: datetime | None) -> datetime:
        if stored is not None:
            return stored
        key = (received_at, district)
        due = due_cache.get(key)
        if due is None:
            due = due_cache[key] = arrival_due(calendar, received_at, district)
        return due

    on_site = WorkMode.ON_SITE.value
    for (
        log_id, technician_id, work_day, kind, mode, hours, card_id, call_no, customer_name, received_at, district,
        stored_due, arrived_at, fee,
    ) in conn.execute(
        select(
            WorkLog.id, WorkLog.technician_id, WorkLog.work_day, WorkLog.service_kind, WorkLog.mode, WorkLog.hours,
            WorkLog.card_id, ServiceCall.call_no, ServiceCall.customer_name, ServiceCall.received_at,
            ServiceCall.district, ServiceCall.arrival_due_at, ServiceCall.arrived_at, ServiceCall.fee,
        )
        .join(ServiceCall, ServiceCall.id == WorkLog.call_id)
        .where(month_jobs)
        .order_by(WorkLog.work_day, WorkLog.id)
    ):
        row = person(technician_id)
        hours = hours or ZERO
        row.jobs[kind] += 1
        row.hours += hours
        if mode == on_site:
            row.on_site_jobs += 1
        else:
            row.repair_jobs += 1
        due = on_time = None
        visit = mode == on_site
        if visit and arrived_at is not None:
            due = due_of(received_at, district, stored_due)
            on_time = arrived_at <= due
        latest = log_id in latest_job
        card = cards.get(card_id) if card_id is not None else None
        row.lines.append(
            JobLine(
                work_log_id=log_id,
                work_day=work_day,
                call_no=call_no,
                card_no=card[0] if card else None,
                customer_name=customer_name,
                service_kind=kind,
                mode=mode,
                hours=hours,
                arrival_due_at=due if visit else None,
                arrived_at=arrived_at if visit else None,
                on_time=on_time,
                fee=fee if latest else None,
                parts_cost=parts_cost.get(card_id, ZERO) if latest and card_id is not None else None,
            )
        )

    # S14 arrivals
    for technician_id, received_at, district, stored_due, arrived_at in conn.execute(
        select(
            ServiceCall.technician_id, ServiceCall.received_at, ServiceCall.district, ServiceCall.arrival_due_at,
            ServiceCall.arrived_at,
        ).where(ServiceCall.arrived_at >= start, ServiceCall.arrived_at < end)
    ):
        row = person(technician_id)
        if arrived_at <= due_of(received_at, district, stored_due):
            row.arrivals_on_time += 1
        else:
            row.arrivals_late += 1
        row.response_minutes += round(calendar.working_hours_between(received_at, arrived_at) * 60)

    # S6 taken back
    for technician_id, count in conn.execute(
        select(GoodsEntry.taken_in_by_id, func.count(GoodsEntry.id))
        .where(
            GoodsEntry.taken_in_at >= start,
            GoodsEntry.taken_in_at < end,
            GoodsEntry.call_id.is_not(None),
            ~exists().where(
                RepairCard.goods_entry_id == GoodsEntry.id, RepairCard.status == RepairCardStatus.CANCELLED.value
            ),
        )
        .group_by(GoodsEntry.taken_in_by_id)
    ):
        person(technician_id).taken_back += count

    # S5 fees collected
    for technician_id, amount in _fees_collected(conn, start, end):
        person(technician_id).fees_collected += amount

    # S16
    if surveys is not None:
        for technician_id, scores in (surveys(session, start, end) or {}).items():
            if scores is not None and scores.cards:
                person(technician_id).survey = scores

    missing = [i for i, row in people.items() if not row.name and i is not None]
    if missing:
        for staff_id, name in conn.execute(select(Staff.id, Staff.name).where(Staff.id.in_(missing))):
            people[staff_id].name = name
    if None in people:
        people[None].name = str(UNASSIGNED)
    # in the pinyin order of the names (the key stored with each name)
    keys = dict(conn.execute(select(Staff.id, Staff.name_key).where(Staff.id.in_([i for i in people if i is not None]))).all())
    technicians = sorted(people.values(), key=lambda t: (t.technician_id is None, keys.get(t.technician_id) or t.name,
                                                         t.technician_id or 0))
    return MonthlyFigures(
        year=year,
        month=month,
        start=start,
        end=end,
        branch_name=branch_service.load(session).name,
        technicians=technicians,
        computed_at=(now or clock.now()).replace(microsecond=0),
        renewals=renewal_rates(session, year, month),
    )


def collection_moment(
    collect_at: datetime | None, complete_at: datetime | None, handed_at: datetime | None, signed_at: datetime | None
) -> datetime | None:
    """When a fee collected on site was collected (see the module docstring)."""
    return collect_at or complete_at or handed_at or signed_at


def _fees_collected(conn, start: datetime, end: datetime) -> list[tuple[int | None, Decimal]]:
    """(technician id, amount) of every fee collected in [start, end)."""
    undo = aliased(CallStep)

    def latest(step: str):
        s = aliased(CallStep)
        return (
            select(func.max(s.happened_at))
            .where(s.call_id == ServiceCall.id, s.step == step, ~exists().where(undo.undoes_id == s.id))
            .scalar_subquery()
        )

    later_collection = exists().where(
        CallStep.call_id == ServiceCall.id, CallStep.step == _COLLECT_FEE, CallStep.happened_at >= start
    )
    rows = conn.execute(
        select(
            ServiceCall.technician_id,
            ServiceCall.fee_collected,
            latest(_COLLECT_FEE),
            latest(_COMPLETE_ON_SITE),
            ServiceCall.fee_handed_at,
            ServiceCall.signed_at,
        ).where(
            ServiceCall.payment_method == PaymentMethod.COLLECTED.value,
            ServiceCall.fee_collected.is_not(None),
            ServiceCall.received_at < end,
            # handed to the accountant before the month: collected before it too, unless
            # collected again (corrected) later
            or_(ServiceCall.fee_handed_at.is_(None), ServiceCall.fee_handed_at >= start, later_collection),
        )
    ).all()
    result = []
    for technician_id, amount, collect_at, complete_at, handed_at, signed_at in rows:
        moment = collection_moment(collect_at, complete_at, handed_at, signed_at)
        if moment is not None and start <= moment < end:
            result.append((technician_id, amount))
    return result
