"""Records that are closed are kept as they were: a call struck off, closed or cancelled; a
goods register line whose goods went back to the customer; a repair card returned with its
goods or cancelled with its take-back.

Their fields no longer change, in a dialog or in place in a register: what was handed to the
customer on paper (the voucher, the receipt, the card) and what the reports counted stays
true. A step taken back by the supervisor (services/process/undo.py) is the way to reopen
one. ``why_closed`` says why in the clerk's words (the dialogs show it and open read-only);
``refuse_if_closed`` is the services' check, reported at the field the change was for.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP
from ..models import OPEN_CALL_STATUSES, GoodsEntry, RepairCard, RepairCardStatus, ServiceCall
from .labels import CALL_STATUS, REPAIR_CARD_STATUS

CALL_CLOSED = QT_TRANSLATE_NOOP(
    "ClosedRecords", "Call {number} is {status}: a closed call is kept as it was and cannot be changed."
)
GOODS_RETURNED = QT_TRANSLATE_NOOP(
    "ClosedRecords",
    "The goods of receipt {number} went back to the customer on {day}: the line is kept as it was and cannot be changed.",
)
CARD_CLOSED = QT_TRANSLATE_NOOP(
    "ClosedRecords", "Repair card {number} is {status}: it is kept as it was and cannot be changed."
)
CLOSED_CARD_STATUSES = frozenset({RepairCardStatus.RETURNED.value, RepairCardStatus.CANCELLED.value})


def why_closed(record: ServiceCall | GoodsEntry | RepairCard, field: str | None = None) -> UserError | None:
    """Why ``record`` can no longer be changed (reported at ``field``), or None if it can."""
    if isinstance(record, ServiceCall) and record.status not in OPEN_CALL_STATUSES:
        return UserError(CALL_CLOSED, field, number=record.call_no, status=CALL_STATUS[record.status])
    if isinstance(record, GoodsEntry) and record.returned_at is not None:
        return UserError(GOODS_RETURNED, field, number=record.receipt_no, day=f"{record.returned_at:%Y-%m-%d}")
    if isinstance(record, RepairCard) and record.status in CLOSED_CARD_STATUSES:
        return UserError(CARD_CLOSED, field, number=record.card_no, status=REPAIR_CARD_STATUS[record.status])
    return None


def refuse_if_closed(record: ServiceCall | GoodsEntry | RepairCard, changed: Iterable[str]) -> None:
    """The services' check before a correction: raises at the first changed field."""
    first = next(iter(changed), None)
    refusal = why_closed(record, first)
    if refusal is not None:
        raise refusal
