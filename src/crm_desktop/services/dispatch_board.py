"""The supervisor's dispatch board (派工板): what waits for a technician and what each
technician already has in hand (S3), with yesterday's leftovers first (S13).

Plain Python over a ``Session``; the board view (views/dispatch_board.py) shows these rows
and dispatches through ``calls.dispatch``, which holds the rules. Both lists are small by
nature (the calls still waiting, the jobs in hand), so they are read whole; the register's
paged model is not needed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from ..models import CallStatus, Role, ServiceCall, Staff

# S3: the calls waiting on the board: registered, nobody sent yet.
UNDISPATCHED_STATUSES = (CallStatus.REGISTERED.value,)
# S3: a technician's open jobs: sent to the customer (dispatched) or on site (arrived).
OPEN_JOB_STATUSES = (CallStatus.DISPATCHED.value, CallStatus.ARRIVED.value)


def start_of(day: date) -> datetime:
    return datetime.combine(day, time.min)


@dataclass(frozen=True)
class BoardCall:
    """A call waiting to be dispatched, as the board lists it."""

    id: int
    call_no: str
    received_at: datetime
    customer_name: str
    phone: str | None
    address: str | None
    product_model: str | None
    district: str
    fault: str
    service_kind: str
    status: str
    arrival_due_at: datetime | None
    carry_over: bool  # S13: received before today and still not dispatched


@dataclass(frozen=True)
class BoardJob:
    """An open job of a technician (dispatched or arrived)."""

    id: int
    call_no: str
    customer_name: str
    district: str
    status: str
    dispatched_at: datetime | None
    arrival_due_at: datetime | None
    earlier_day: bool  # dispatched before today and still open


@dataclass(frozen=True)
class TechnicianJobs:
    """An active technician and the jobs in hand today."""

    id: int
    name: str
    phone: str | None
    jobs: tuple[BoardJob, ...]

    @property
    def count(self) -> int:
        return len(self.jobs)


def undispatched_calls(session: Session, today: date) -> list[BoardCall]:
    """S3, S13, S14: every registered call, carry-overs (received before ``today``) first,
    each group by its arrival deadline, earliest first (a call without one last, then by
    the time received)."""
    midnight = start_of(today)
    carry_over = case((ServiceCall.received_at < midnight, 0), else_=1)
    stmt = (
        select(
            ServiceCall.id,
            ServiceCall.call_no,
            ServiceCall.received_at,
            ServiceCall.customer_name,
            ServiceCall.phone,
            ServiceCall.address,
            ServiceCall.product_model,
            ServiceCall.district,
            ServiceCall.fault,
            ServiceCall.service_kind,
            ServiceCall.status,
            ServiceCall.arrival_due_at,
        )
        .where(ServiceCall.status.in_(UNDISPATCHED_STATUSES))
        .order_by(
            carry_over,
            ServiceCall.arrival_due_at.is_(None),
            ServiceCall.arrival_due_at,
            ServiceCall.received_at,
            ServiceCall.id,
        )
    )
    return [BoardCall(*row, carry_over=row.received_at < midnight) for row in session.execute(stmt)]


def technician_jobs(session: Session, today: date) -> list[TechnicianJobs]:
    """S3: every active technician by name, with the open jobs (``OPEN_JOB_STATUSES``)
    dispatched up to the end of ``today``, oldest dispatch first. A job sent out on an
    earlier day and still open is still in hand today, and is marked so."""
    midnight = start_of(today)
    technicians = session.execute(
        select(Staff.id, Staff.name, Staff.phone)
        .where(Staff.active.is_(True), Staff.role == Role.TECHNICIAN.value)
        .order_by(Staff.name_key, Staff.id)
    ).all()
    jobs: dict[int, list[BoardJob]] = {t.id: [] for t in technicians}
    if jobs:
        rows = session.execute(
            select(
                ServiceCall.technician_id,
                ServiceCall.id,
                ServiceCall.call_no,
                ServiceCall.customer_name,
                ServiceCall.district,
                ServiceCall.status,
                ServiceCall.dispatched_at,
                ServiceCall.arrival_due_at,
            )
            .where(
                ServiceCall.technician_id.in_(list(jobs)),
                ServiceCall.status.in_(OPEN_JOB_STATUSES),
                (ServiceCall.dispatched_at.is_(None)) | (ServiceCall.dispatched_at < midnight + timedelta(days=1)),
            )
            .order_by(ServiceCall.dispatched_at, ServiceCall.id)
        )
        for row in rows:
            earlier = row.dispatched_at is not None and row.dispatched_at < midnight
            jobs[row.technician_id].append(BoardJob(*row[1:], earlier_day=earlier))
    return [TechnicianJobs(t.id, t.name, t.phone, tuple(jobs[t.id])) for t in technicians]
