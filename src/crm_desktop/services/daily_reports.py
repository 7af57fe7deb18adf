"""The figures of the daily reports: a technician's day (S10) and all technicians' day for
the supervisor (S11), summed from the work log (work taken back is not counted)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import ServiceCall, ServiceKind, Staff, WorkLog
from .worklists import WorkLine, work_of

KINDS = tuple(k.value for k in ServiceKind)  # A, B, C


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


@dataclass
class TechnicianDay:
    technician: str
    day: date
    lines: list[WorkLine]
    totals: KindTotals


@dataclass
class SupervisorDay:
    day: date
    technicians: list[tuple[str, KindTotals]]  # by name; only those who logged work
    totals: KindTotals


def technician_day(session: Session, technician_id: int, day: date) -> TechnicianDay:
    staff = session.get(Staff, technician_id)
    lines = work_of(session, technician_id, day)
    totals = KindTotals()
    for line in lines:
        totals.add(line.service_kind, line.mode, line.hours)
    return TechnicianDay(staff.name if staff else "", day, lines, totals)


def supervisor_day(session: Session, day: date) -> SupervisorDay:
    rows = session.execute(
        select(Staff.name, WorkLog.service_kind, WorkLog.mode, WorkLog.hours)
        .join(Staff, Staff.id == WorkLog.technician_id)
        .join(ServiceCall, ServiceCall.id == WorkLog.call_id)
        .where(WorkLog.work_day == day, WorkLog.voided_by_step_id.is_(None))
    ).all()
    per: dict[str, KindTotals] = defaultdict(KindTotals)
    totals = KindTotals()
    for name, kind, mode, hours in rows:
        per[name].add(kind, mode, hours)
        totals.add(kind, mode, hours)
    return SupervisorDay(day, sorted(per.items()), totals)
