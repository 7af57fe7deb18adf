"""S14: from call to technician arrival at most 6 working hours in the city (市区), 7 in the
suburbs (郊区), counted on the branch's working calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import CallStatus, District, ServiceCall
from .calendar import WorkingCalendar, calendar_from_database

ARRIVAL_HOURS = {District.URBAN.value: 6.0, District.SUBURBAN.value: 7.0}
DUE_SOON_HOURS = 1.0
# calls whose technician has not arrived yet: the deadline still runs
AWAITING_ARRIVAL = (CallStatus.REGISTERED.value, CallStatus.DISPATCHED.value)


def arrival_due(calendar: WorkingCalendar, received_at: datetime, district: str) -> datetime:
    return calendar.add_working_hours(received_at, ARRIVAL_HOURS[district])


def set_arrival_due(session: Session, call: ServiceCall, calendar: WorkingCalendar | None = None) -> None:
    """Store the call's arrival deadline (on registration, and when district or time change)."""
    calendar = calendar or calendar_from_database(session)
    call.arrival_due_at = arrival_due(calendar, call.received_at, call.district)


@dataclass(frozen=True)
class DeadlineCounts:
    overdue: int
    due_soon: int  # within DUE_SOON_HOURS working hours


def deadline_counts(session: Session, calendar: WorkingCalendar, now: datetime) -> DeadlineCounts:
    """How many calls still awaiting a technician are overdue, and how many are due within
    one working hour (for the main window)."""
    soon = calendar.add_working_hours(now, DUE_SOON_HOURS)
    waiting = ServiceCall.status.in_(AWAITING_ARRIVAL)
    overdue = session.scalar(select(func.count()).where(waiting, ServiceCall.arrival_due_at < now))
    due_soon = session.scalar(
        select(func.count()).where(waiting, ServiceCall.arrival_due_at >= now, ServiceCall.arrival_due_at <= soon)
    )
    return DeadlineCounts(overdue or 0, due_soon or 0)


def remaining_hours(calendar: WorkingCalendar, due: datetime, now: datetime) -> float:
    """Working hours left until ``due`` (negative once overdue)."""
    return calendar.working_hours_between(now, due)


OVERDUE = "overdue"
DUE_SOON = "due_soon"
RUNNING = "running"


def deadline_state(
    calendar: WorkingCalendar, due: datetime | None, status: str | None, now: datetime
) -> tuple[float | None, str | None]:
    """(working hours left, state) of a call's arrival deadline; (None, None) once the
    technician has arrived or the call has no deadline."""
    if due is None or status not in AWAITING_ARRIVAL:
        return None, None
    left = remaining_hours(calendar, due, now)
    if left < 0:
        return left, OVERDUE
    return left, DUE_SOON if left <= DUE_SOON_HOURS else RUNNING
