"""What is due, at a glance (the window's 今日待办 strip): today's open calls, calls due
within a working hour, calls past their arrival deadline (S14), repairs past their promised
date (S9), contracts whose renewal notice is due (S15), invoices to issue (S5, S8) — each a
count, marked when something is overdue, naming the list it opens. What a person sees
follows their role: the accountant her invoices, the supervisor the calls and repairs.

Each count is one SQL COUNT over indexed columns (the 1M-call benchmark in
benchmarks/bench_start_page.py). Nothing here imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..i18n import QT_TRANSLATE_NOOP, Msg
from ..models import CallStatus, RepairCard, RepairCardStatus, Role, ServiceCall
from .calendar import WorkingCalendar

OPEN_CALLS, DUE_SOON, OVERDUE_CALLS, OVERDUE_REPAIRS, RENEWALS, INVOICES = (
    "open_calls", "due_soon", "overdue_calls", "overdue_repairs", "renewals_due", "invoices")
LABEL: dict[str, Msg] = {
    OPEN_CALLS: QT_TRANSLATE_NOOP("StartPage", "Today's open calls"),
    DUE_SOON: QT_TRANSLATE_NOOP("StartPage", "Due within an hour"),
    OVERDUE_CALLS: QT_TRANSLATE_NOOP("StartPage", "Calls overdue"),
    OVERDUE_REPAIRS: QT_TRANSLATE_NOOP("StartPage", "Repairs overdue"),
    RENEWALS: QT_TRANSLATE_NOOP("StartPage", "Renewals due"),
    INVOICES: QT_TRANSLATE_NOOP("StartPage", "Invoices to issue"),
}
ALL = (OPEN_CALLS, DUE_SOON, OVERDUE_CALLS, OVERDUE_REPAIRS, RENEWALS, INVOICES)
_CALLS = (OPEN_CALLS, DUE_SOON, OVERDUE_CALLS)
# what each role is shown (everyone not named: the calls)
ROLE_ITEMS: dict[str, tuple[str, ...]] = {
    Role.CLERK.value: (*_CALLS, OVERDUE_REPAIRS, RENEWALS, INVOICES),
    Role.SUPERVISOR.value: (*_CALLS, OVERDUE_REPAIRS),
    Role.TECHNICIAN.value: (*_CALLS, OVERDUE_REPAIRS),
    Role.ACCOUNTANT.value: (INVOICES,),
    Role.MANAGER.value: ALL,
    Role.ADMIN.value: ALL,
    Role.INFORMATION.value: (*_CALLS, RENEWALS),
    Role.MARKETING.value: (RENEWALS,),
    Role.PLANNING.value: (RENEWALS,),
}
_FINISHED = (CallStatus.STRUCK_OFF.value, CallStatus.CLOSED.value, CallStatus.CANCELLED.value)
_UNFINISHED_REPAIR = (RepairCardStatus.OPEN.value, RepairCardStatus.IN_REPAIR.value, RepairCardStatus.REPAIRED.value)


@dataclass(frozen=True)
class DueCount:
    key: str
    count: int
    overdue: bool  # shown red: something is past its time
    soon: bool = False  # shown amber: due within the hour

    def label(self, translate=None) -> str:
        return LABEL[self.key].tr(translate)


def items_for(role: str | None) -> tuple[str, ...]:
    if role is None:
        return _CALLS
    return ROLE_ITEMS.get(role, _CALLS)


def due_counts(session: Session, calendar: WorkingCalendar, now: datetime, role: str | None) -> list[DueCount]:
    """The counts ``role`` is shown, in the strip's order."""
    wanted = items_for(role)
    today = now.date()
    found: dict[str, DueCount] = {}
    if OPEN_CALLS in wanted:
        start = datetime.combine(today, time.min)
        count = session.scalar(select(func.count()).select_from(ServiceCall).where(
            ServiceCall.received_at >= start, ServiceCall.received_at < start + timedelta(days=1),
            ServiceCall.status.not_in(_FINISHED))) or 0
        found[OPEN_CALLS] = DueCount(OPEN_CALLS, count, False)
    if DUE_SOON in wanted or OVERDUE_CALLS in wanted:
        from .deadlines import deadline_counts

        deadlines = deadline_counts(session, calendar, now)
        found[DUE_SOON] = DueCount(DUE_SOON, deadlines.due_soon, False, soon=deadlines.due_soon > 0)
        found[OVERDUE_CALLS] = DueCount(OVERDUE_CALLS, deadlines.overdue, deadlines.overdue > 0)
    if OVERDUE_REPAIRS in wanted:
        count = session.scalar(select(func.count()).select_from(RepairCard).where(
            RepairCard.status.in_(_UNFINISHED_REPAIR), RepairCard.promised_date < today)) or 0
        found[OVERDUE_REPAIRS] = DueCount(OVERDUE_REPAIRS, count, count > 0)
    if RENEWALS in wanted:
        from .renewals import count_due

        due, urgent = count_due(session, today)
        found[RENEWALS] = DueCount(RENEWALS, due, urgent > 0)
    if INVOICES in wanted:
        from .worklists import invoice_counts

        due, overdue = invoice_counts(session, today)
        found[INVOICES] = DueCount(INVOICES, due, overdue > 0)
    return [found[key] for key in wanted]
