"""S14: from call to technician arrival at most 6 working hours in the city (市区), 7 in the
suburbs (郊区), counted on the branch's working calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from .. import clock
from ..i18n import QT_TRANSLATE_NOOP
from ..models import CallStatus, District, ServiceCall
from ..progress import Progress, report
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


RECOMPUTE_CHUNK = 2000  # calls between two progress reports (a few ms of work each)

RECOMPUTE_CANCELLED = QT_TRANSLATE_NOOP("Deadlines", "Recomputing the deadlines was cancelled: nothing was changed.")




def recompute_open_deadlines(
    session: Session, calendar: WorkingCalendar | None = None, progress: Progress | None = None
) -> int:
    """Store again the arrival deadline of every call still awaiting its technician, after
    the timetable or a year's holiday arrangement changed; returns how many moved.

    Calls whose technician has arrived keep theirs: it is the record of whether the arrival
    was on time. Runs in the caller's transaction; ``progress(done, total)`` is called
    before the first and after every RECOMPUTE_CHUNK calls, and when it returns False,
    ``Cancelled`` is raised inside the caller's transaction, which must roll back: the
    deadlines written so far and whatever the transaction changed before (the timetable that
    made the recompute necessary) go with it."""
    if calendar is None:
        calendar = calendar_from_database(session)
    rows = session.execute(
        select(ServiceCall.id, ServiceCall.received_at, ServiceCall.district, ServiceCall.arrival_due_at).where(
            ServiceCall.status.in_(AWAITING_ARRIVAL)
        )
    ).all()
    total = len(rows)
    report(progress, 0, total, RECOMPUTE_CANCELLED)
    table = ServiceCall.__table__
    # Core executemany by id: half the time of the ORM's bulk UPDATE by primary key
    # (benchmarks/bench_deadlines.py); one updated_at for all saves a clock.now() a row
    statement = (
        update(table)
        .where(table.c.id == bindparam("call_id"))
        .values(arrival_due_at=bindparam("due"), updated_at=clock.now())
    )
    # open calls are mostly registered within the same few days: many share their inputs
    computed: dict[tuple[datetime, str], datetime] = {}
    moved = 0
    for first in range(0, total, RECOMPUTE_CHUNK):
        changes = []
        for call_id, received_at, district, stored in rows[first : first + RECOMPUTE_CHUNK]:
            key = (received_at, district)
            due = computed.get(key)
            if due is None:
                due = computed[key] = arrival_due(calendar, received_at, district)
            if due != stored:
                changes.append({"call_id": call_id, "due": due})
        if changes:
            session.execute(statement, changes)
            moved += len(changes)
        report(progress, min(first + RECOMPUTE_CHUNK, total), total, RECOMPUTE_CANCELLED)
    _forget_stored_deadlines(session)
    return moved


def _forget_stored_deadlines(session: Session) -> None:
    """Calls loaded in the session read their new deadline from the database next time."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, ServiceCall):
            session.expire(obj, ["arrival_due_at", "updated_at"])


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
