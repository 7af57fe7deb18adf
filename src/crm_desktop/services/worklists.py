"""The lists the process puts before people each day: the accountant's invoices to issue
(S5, S8), the supervisor's repairs at risk of missing their promised date (S9), and the
work log the daily reports sum (S10–S12)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import case, func, literal_column, select
from sqlalchemy.orm import Session, aliased

from ..models import (
    CallStatus,
    GoodsEntry,
    PaymentMethod,
    RepairCard,
    RepairCardStatus,
    ServiceCall,
    ServiceKind,
    Staff,
    WorkLog,
)
from .calendar import WorkingCalendar

S = CallStatus
# the voucher comes back to the office: the day the invoice is due (S5 same day, S8 the
# day the goods go back)
_VOUCHER_BACK_ON_SITE = (S.SIGNED_ON_SITE, S.STRUCK_OFF)
_VOUCHER_BACK_REPAIR = (S.RETURNED, S.RETURN_SIGNED, S.RECEIPT_VOIDED, S.CLOSED)


@dataclass(frozen=True)
class InvoiceDue:
    call_id: int
    call_no: str
    customer_name: str
    fee: Decimal
    due_on: date
    collected: Decimal | None  # already collected on site: the invoice is mailed
    overdue: bool  # due before the day asked for


def _invoice_due(day: date):
    """When an invoice falls due (the goods back, else the voucher signed), and the conditions
    of a paid call waiting for its invoice number on ``day``."""
    end = datetime.combine(day, datetime.max.time())
    due_on = func.coalesce(GoodsEntry.returned_at, ServiceCall.signed_at)
    # the paid calls without an invoice number, read through the partial index made for them
    # (ix_service_call_invoice_to_issue: its condition written as it is, constants and all, or
    # SQLite would not use it): a few hundred of a million calls, where the index of every
    # status would have SQLite read the 970,000 closed or struck off
    waiting = aliased(ServiceCall)
    unbilled = select(waiting.id).where(
        waiting.invoice_no.is_(None),
        waiting.service_kind == literal_column(f"'{ServiceKind.PAID.value}'"),
        waiting.fee > literal_column("0"),
    )
    conditions = (
        ServiceCall.id.in_(unbilled),
        ServiceCall.status.in_([*_VOUCHER_BACK_ON_SITE, *_VOUCHER_BACK_REPAIR]),
        due_on <= end,
    )
    outer_join = (GoodsEntry.call_id == ServiceCall.id) & GoodsEntry.returned_at.is_not(None)
    return due_on, conditions, outer_join


def invoice_counts(session: Session, day: date) -> tuple[int, int]:
    """How many invoices ``invoices_to_issue`` lists on ``day``, and how many of them are
    overdue (due before that day), counted by the database."""
    due_on, conditions, outer_join = _invoice_due(day)
    start = datetime.combine(day, datetime.min.time())
    due, overdue = session.execute(
        select(func.count(), func.count(case((due_on < start, 1))))
        .select_from(ServiceCall).outerjoin(GoodsEntry, outer_join).where(*conditions)
    ).one()
    return due or 0, overdue or 0


def invoices_to_issue(session: Session, day: date) -> list[InvoiceDue]:
    """S5, S8: paid jobs whose voucher or goods came back on or before ``day`` and have no
    invoice number yet; the oldest first."""
    due_on, conditions, outer_join = _invoice_due(day)
    rows = session.execute(
        select(ServiceCall, due_on).outerjoin(GoodsEntry, outer_join).where(*conditions).order_by(due_on, ServiceCall.id)
    ).all()
    result = []
    for call, moment in rows:
        moment_day = moment.date() if isinstance(moment, datetime) else datetime.fromisoformat(str(moment)).date()
        result.append(
            InvoiceDue(
                call_id=call.id,
                call_no=call.call_no,
                customer_name=call.customer_name,
                fee=call.fee,
                due_on=moment_day,
                collected=call.fee_collected if call.payment_method == PaymentMethod.COLLECTED.value else None,
                overdue=moment_day < day,
            )
        )
    return result


@dataclass(frozen=True)
class RepairAtRisk:
    card_id: int
    card_no: str
    call_id: int | None
    call_no: str | None
    customer_name: str
    product_model: str | None
    technician: str | None
    promised_date: date
    status: str
    working_days_left: int  # negative: missed by that many working days
    escalation_note: str | None
    escalated_at: datetime | None


_UNFINISHED = (RepairCardStatus.OPEN.value, RepairCardStatus.IN_REPAIR.value, RepairCardStatus.REPAIRED.value)


def _working_days_between(calendar: WorkingCalendar, start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if end is earlier)."""
    if end == start:
        return 0
    sign = 1 if end > start else -1
    a, b = (start, end) if sign > 0 else (end, start)
    count = 0
    day = a
    while day < b:
        day = date.fromordinal(day.toordinal() + 1)
        if calendar.is_working_day(day):
            count += 1
    return sign * count


def repairs_at_risk(
    session: Session, today: date, calendar: WorkingCalendar, *, within_working_days: int = 1
) -> list[RepairAtRisk]:
    """S9: repairs not yet through inspection whose promised date has passed or falls
    within ``within_working_days`` working days, and every repair a technician escalated;
    the most urgent first."""
    rows = session.execute(
        select(RepairCard, ServiceCall.call_no, Staff.name)
        .outerjoin(ServiceCall, ServiceCall.id == RepairCard.call_id)
        .outerjoin(Staff, Staff.id == RepairCard.technician_id)
        .where(
            RepairCard.status.in_(_UNFINISHED),
            RepairCard.promised_date.is_not(None) | RepairCard.escalation_note.is_not(None),
        )
    ).all()
    result = []
    for card, call_no, technician in rows:
        promised = card.promised_date
        left = _working_days_between(calendar, today, promised) if promised else 10**6
        if left > within_working_days and card.escalation_note is None:
            continue
        result.append(
            RepairAtRisk(
                card_id=card.id,
                card_no=card.card_no,
                call_id=card.call_id,
                call_no=call_no,
                customer_name=card.customer_name,
                product_model=card.product_model,
                technician=technician,
                promised_date=promised,
                status=card.status,
                working_days_left=left,
                escalation_note=card.escalation_note,
                escalated_at=card.escalated_at,
            )
        )
    result.sort(key=lambda r: (r.working_days_left, r.promised_date or date.max, r.card_no))
    return result


@dataclass(frozen=True)
class WorkLine:
    call_no: str
    customer_name: str
    service_kind: str
    mode: str
    hours: Decimal


def work_of(session: Session, technician_id: int, day: date) -> list[WorkLine]:
    """S10: what the technician's work log holds for ``day`` (work taken back excluded)."""
    rows = session.execute(
        select(ServiceCall.call_no, ServiceCall.customer_name, WorkLog.service_kind, WorkLog.mode, WorkLog.hours)
        .join(ServiceCall, ServiceCall.id == WorkLog.call_id)
        .where(WorkLog.technician_id == technician_id, WorkLog.work_day == day, WorkLog.voided_by_step_id.is_(None))
        .order_by(WorkLog.id)
    ).all()
    return [WorkLine(*row) for row in rows]
