"""The daily reports: a technician's day (S10) and all technicians' day for the supervisor
(S11), summed from the work log (work taken back is not counted), and the branch
manager's sign-off of a day (S12).

Signing records who and when and keeps the day's work as signed (the work-log rows and
their figures, as JSON). From then on the report shows the day as signed; work recorded for
that day later (a repair finished on paper that day but entered tomorrow) or taken back
later is an **amendment**: listed apart with who recorded it and when, and the corrected
totals beside the signed ones. A day is signed once; nothing rewrites a signed report.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from .. import clock
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP
from ..models import CallStep, DailyReportSignoff, Role, ServiceCall, ServiceKind, Staff, WorkLog
from .validation import check_staff, optional_text, parse_datetime

KINDS = tuple(k.value for k in ServiceKind)  # A, B, C

NOT_MANAGER = QT_TRANSLATE_NOOP("DailyReports", "Only the branch manager signs the daily report (S12); {name} is not the manager.")
ALREADY_SIGNED = QT_TRANSLATE_NOOP(
    "DailyReports", "The report of {day} was signed by {name} at {time}; a correction now goes in as an amendment."
)
FUTURE_DAY = QT_TRANSLATE_NOOP("DailyReports", "The report of {day} cannot be signed before the day has come.")
SIGNED_TOO_EARLY = QT_TRANSLATE_NOOP("DailyReports", "A report is signed on its day or later, not at {time}.")
WHO_MISSING = QT_TRANSLATE_NOOP("DailyReports", "Choose who signs.")


@dataclass
class KindTotals:
    jobs: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    hours: dict[str, Decimal] = field(default_factory=lambda: {k: Decimal("0") for k in KINDS})
    by_mode: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))

    def add(self, kind: str, mode: str, hours: Decimal) -> None:
        self.jobs[kind] += 1
        self.hours[kind] += hours
        self.by_mode[mode] += hours

    @property
    def total_jobs(self) -> int:
        return sum(self.jobs.values())

    @property
    def total_hours(self) -> Decimal:
        return sum(self.hours.values(), Decimal("0"))


@dataclass(frozen=True)
class DayLine:
    """One job of the day: a work-log row."""

    log_id: int
    technician_id: int
    technician: str
    call_no: str
    customer_name: str
    service_kind: str
    mode: str
    hours: Decimal


@dataclass(frozen=True)
class Amendment:
    """A change to a signed day: a job ``added`` (recorded after the signature) or
    ``removed`` (taken back after it), with when and by whom."""

    line: DayLine
    change: str  # "added" | "removed"
    recorded_at: datetime | None
    recorded_by: str


@dataclass(frozen=True)
class Signoff:
    day: date
    signed_by: str
    signed_at: datetime
    remarks: str | None


@dataclass
class TechnicianDay:
    technician: str
    day: date
    lines: list[DayLine]  # as signed when the day is signed, else as recorded now
    totals: KindTotals
    signoff: Signoff | None = None
    amendments: list[Amendment] = field(default_factory=list)
    corrected: KindTotals | None = None  # the totals with the amendments, when there are any


@dataclass
class SupervisorDay:
    day: date
    technicians: list[tuple[str, KindTotals]]  # by name; only those who logged work
    totals: KindTotals
    lines: list[DayLine] = field(default_factory=list)
    signoff: Signoff | None = None
    amendments: list[Amendment] = field(default_factory=list)
    corrected: KindTotals | None = None


# -- reading the work log --------------------------------------------------------------------------

@dataclass(frozen=True)
class _Row:
    line: DayLine
    recorded_at: datetime | None
    recorded_by: str
    voided_at: datetime | None
    voided_by: str


def _rows(session: Session, day: date, technician_id: int | None = None) -> list[_Row]:
    """Every work-log row of ``day``, taken back or not, with when each was recorded and voided."""
    logged, voided = aliased(CallStep), aliased(CallStep)
    logged_by, voided_by, tech = aliased(Staff), aliased(Staff), aliased(Staff)
    query = (
        select(
            WorkLog.id, WorkLog.technician_id, tech.name, ServiceCall.call_no, ServiceCall.customer_name,
            WorkLog.service_kind, WorkLog.mode, WorkLog.hours,
            logged.recorded_at, logged_by.name, voided.recorded_at, voided_by.name, WorkLog.voided_by_step_id,
        )
        .join(ServiceCall, ServiceCall.id == WorkLog.call_id)
        .join(tech, tech.id == WorkLog.technician_id)
        .outerjoin(logged, logged.id == WorkLog.step_id)
        .outerjoin(logged_by, logged_by.id == logged.by_id)
        .outerjoin(voided, voided.id == WorkLog.voided_by_step_id)
        .outerjoin(voided_by, voided_by.id == voided.by_id)
        .where(WorkLog.work_day == day)
        .order_by(WorkLog.id)
    )
    if technician_id is not None:
        query = query.where(WorkLog.technician_id == technician_id)
    rows = []
    for (log_id, tech_id, tech_name, call_no, customer, kind, mode, hours,
         rec_at, rec_by, void_at, void_by, void_step) in session.execute(query):
        line = DayLine(log_id, tech_id, tech_name, call_no, customer, kind, mode, hours)
        voided_at = (void_at or datetime.min) if void_step is not None else None
        rows.append(_Row(line, rec_at, rec_by or "", voided_at, void_by or ""))
    return rows


def _totals(lines: list[DayLine]) -> KindTotals:
    totals = KindTotals()
    for line in lines:
        totals.add(line.service_kind, line.mode, line.hours)
    return totals


def _signoff_row(session: Session, day: date) -> DailyReportSignoff | None:
    return session.scalar(select(DailyReportSignoff).where(DailyReportSignoff.day == day))


def _signed_lines(row: DailyReportSignoff) -> list[DayLine]:
    return [
        DayLine(d["log_id"], d["technician_id"], d["technician"], d["call_no"], d["customer_name"], d["service_kind"],
                d["mode"], Decimal(d["hours"]))
        for d in json.loads(row.snapshot)
    ]


def _state(session: Session, day: date, technician_id: int | None):
    """(lines as the report shows them, signoff, amendments, corrected totals or None)."""
    rows = _rows(session, day, technician_id)
    current = [r.line for r in rows if r.voided_at is None]
    row = _signoff_row(session, day)
    if row is None:
        return current, None, [], None
    signed = [line for line in _signed_lines(row) if technician_id is None or line.technician_id == technician_id]
    signed_ids = {line.log_id for line in signed}
    current_ids = {line.log_id for line in current}
    by_id = {r.line.log_id: r for r in rows}
    amendments = [
        Amendment(r.line, "added", r.recorded_at, r.recorded_by)
        for r in rows if r.line.log_id in current_ids - signed_ids
    ] + [
        Amendment(by_id[i].line, "removed", by_id[i].voided_at, by_id[i].voided_by)
        for i in sorted(signed_ids - current_ids) if i in by_id
    ]
    amendments.sort(key=lambda a: (a.recorded_at or datetime.min, a.line.log_id))
    signoff = Signoff(day, row.signed_by.name, row.signed_at, row.remarks)
    return signed, signoff, amendments, (_totals(current) if amendments else None)


# -- the reports ----------------------------------------------------------------------------------

def technician_day(session: Session, technician_id: int, day: date) -> TechnicianDay:
    staff = session.get(Staff, technician_id)
    lines, signoff, amendments, corrected = _state(session, day, technician_id)
    return TechnicianDay(staff.name if staff else "", day, lines, _totals(lines), signoff, amendments, corrected)


def technicians_with_work(session: Session, day: date) -> list[int]:
    """Every technician who logged work on ``day`` (work taken back not counted), by name:
    the technicians whose report of the day has something to say."""
    worked = select(WorkLog.technician_id).where(WorkLog.work_day == day, WorkLog.voided_by_step_id.is_(None))
    return list(session.scalars(select(Staff.id).where(Staff.id.in_(worked)).order_by(Staff.name_key, Staff.id)))


def supervisor_day(session: Session, day: date) -> SupervisorDay:
    lines, signoff, amendments, corrected = _state(session, day, None)
    per: dict[str, KindTotals] = defaultdict(KindTotals)
    for line in lines:
        per[line.technician].add(line.service_kind, line.mode, line.hours)
    return SupervisorDay(day, sorted(per.items()), _totals(lines), lines, signoff, amendments, corrected)


def sign_off(
    session: Session, day: date, by_id: object, *, when: datetime | str | None = None, remarks: object = None,
    now: datetime | None = None,
) -> Signoff:
    """S12: the branch manager signs the supervisor's report of ``day``; the day's work as it
    stands is kept with the signature."""
    now = now or clock.now()
    if by_id is None:
        raise UserError(WHO_MISSING, field="by_id")
    person = check_staff(session, by_id, "by_id")
    if person.role != Role.MANAGER.value:
        raise UserError(NOT_MANAGER, field="by_id", name=person.name)
    if day > now.date():
        raise UserError(FUTURE_DAY, field="day", day=day.isoformat())
    existing = _signoff_row(session, day)
    if existing is not None:
        raise UserError(ALREADY_SIGNED, field="day", day=day.isoformat(), name=existing.signed_by.name,
                        time=existing.signed_at.strftime("%Y-%m-%d %H:%M"))
    signed_at = parse_datetime(when, "when") if when is not None else now.replace(second=0, microsecond=0)
    if signed_at < datetime.combine(day, time.min) or signed_at > now:
        raise UserError(SIGNED_TOO_EARLY, field="when", time=signed_at.strftime("%Y-%m-%d %H:%M"))
    lines = [r.line for r in _rows(session, day) if r.voided_at is None]
    snapshot = json.dumps(
        [
            {"log_id": line.log_id, "technician_id": line.technician_id, "technician": line.technician,
             "call_no": line.call_no, "customer_name": line.customer_name, "service_kind": line.service_kind,
             "mode": line.mode, "hours": str(line.hours)}
            for line in lines
        ],
        ensure_ascii=False,
    )
    row = DailyReportSignoff(day=day, signed_by_id=person.id, signed_at=signed_at, snapshot=snapshot,
                             remarks=optional_text(remarks, "remarks", max_length=500))
    session.add(row)
    session.flush()
    return Signoff(day, person.name, signed_at, row.remarks)
