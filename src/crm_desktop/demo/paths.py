"""The paths a demo call takes through the service process (on site, taken back, declined,
cancelled before or after dispatch), the steps its history records, and the codes the rows
store, ready for the hot path.

A history row carries the index of its (step, from, to) in ``STEP_KINDS``; the writer's
``INSERT`` turns it into the three texts with a ``CASE`` (cheaper than binding them: a million
calls have eight million steps).
"""

from __future__ import annotations

from ..models import CallChannel, CallStatus, District, PaymentMethod, ServiceKind, WorkMode
from ..services.process import Step

# Status of a call by path and by how many of the path's events have happened (S2–S9).
ON_SITE, TAKE_BACK, CANCEL, DECLINED, CANCEL_DISPATCHED = range(5)
PATH_STATUSES = {
    ON_SITE: (CallStatus.REGISTERED, CallStatus.DISPATCHED, CallStatus.ARRIVED, CallStatus.COMPLETED_ON_SITE,
              CallStatus.SIGNED_ON_SITE, CallStatus.STRUCK_OFF),
    TAKE_BACK: (CallStatus.REGISTERED, CallStatus.DISPATCHED, CallStatus.ARRIVED, CallStatus.TAKEN_BACK,
                CallStatus.IN_REPAIR, CallStatus.REPAIRED, CallStatus.INSPECTED, CallStatus.RETURNED,
                CallStatus.RETURN_SIGNED, CallStatus.RECEIPT_VOIDED, CallStatus.CLOSED),
    CANCEL: (CallStatus.REGISTERED, CallStatus.CANCELLED),
    # a paid repair whose quote the customer declined: back unrepaired
    DECLINED: (CallStatus.REGISTERED, CallStatus.DISPATCHED, CallStatus.ARRIVED, CallStatus.TAKEN_BACK,
               CallStatus.RETURNED, CallStatus.RETURN_SIGNED, CallStatus.RECEIPT_VOIDED, CallStatus.CLOSED),
    CANCEL_DISPATCHED: (CallStatus.REGISTERED, CallStatus.DISPATCHED, CallStatus.CANCELLED),
}
TAKEN_PATHS = (TAKE_BACK, DECLINED)
# Where a missing status is best taken from in a small run: the age (working minutes) of a
# call that would plausibly be at that stage now, and the path and event count it needs
# (path -1: any path that has the status at that count, else on site).
TARGETS: dict[CallStatus, tuple[int, int, int]] = {
    CallStatus.REGISTERED: (0, -1, 0),
    CallStatus.DISPATCHED: (60, -1, 1),
    CallStatus.ARRIVED: (150, -1, 2),
    CallStatus.COMPLETED_ON_SITE: (300, ON_SITE, 3),
    CallStatus.SIGNED_ON_SITE: (450, ON_SITE, 4),
    CallStatus.STRUCK_OFF: (1500, ON_SITE, 5),
    CallStatus.TAKEN_BACK: (500, TAKE_BACK, 3),
    CallStatus.IN_REPAIR: (1200, TAKE_BACK, 4),
    CallStatus.REPAIRED: (1800, TAKE_BACK, 5),
    CallStatus.INSPECTED: (2400, TAKE_BACK, 6),
    CallStatus.RETURNED: (3000, TAKE_BACK, 7),
    CallStatus.RETURN_SIGNED: (3300, TAKE_BACK, 8),
    CallStatus.RECEIPT_VOIDED: (3600, TAKE_BACK, 9),
    CallStatus.CLOSED: (4000, TAKE_BACK, 10),
    CallStatus.CANCELLED: (1000, CANCEL, 1),
}

# The codes as stored, for the hot path (an enum member's .value costs a lookup each time).
PATH_STATUS_VALUES = {path: tuple(s.value for s in statuses) for path, statuses in PATH_STATUSES.items()}
PAID, CONTRACT, FREE = ServiceKind.PAID.value, ServiceKind.CONTRACT.value, ServiceKind.FREE.value
PHONE, VISIT, LETTER = CallChannel.PHONE.value, CallChannel.VISIT.value, CallChannel.LETTER.value
SUBURBAN = District.SUBURBAN.value
_ST = CallStatus
REGISTERED, DISPATCHED, ARRIVED = _ST.REGISTERED.value, _ST.DISPATCHED.value, _ST.ARRIVED.value
COMPLETED, SIGNED_ON_SITE, STRUCK_OFF = _ST.COMPLETED_ON_SITE.value, _ST.SIGNED_ON_SITE.value, _ST.STRUCK_OFF.value
TAKEN_BACK, IN_REPAIR, REPAIRED, INSPECTED = (_ST.TAKEN_BACK.value, _ST.IN_REPAIR.value, _ST.REPAIRED.value,
                                              _ST.INSPECTED.value)
RETURNED, RETURN_SIGNED, RECEIPT_VOIDED, CLOSED = (_ST.RETURNED.value, _ST.RETURN_SIGNED.value,
                                                   _ST.RECEIPT_VOIDED.value, _ST.CLOSED.value)
CANCELLED = _ST.CANCELLED.value
COLLECTED, INVOICE = PaymentMethod.COLLECTED.value, PaymentMethod.INVOICE.value
MODE_ON_SITE, MODE_REPAIR = WorkMode.ON_SITE.value, WorkMode.REPAIR.value

STEP_REGISTER, STEP_DISPATCH, STEP_ARRIVE, STEP_UNDO, STEP_CANCEL = (
    Step.REGISTER, Step.DISPATCH, Step.ARRIVE, Step.UNDO, Step.CANCEL)
STEP_COMPLETE, STEP_SIGN, STEP_STRIKE_OFF, STEP_HAND_OVER, STEP_INVOICE = (
    Step.COMPLETE_ON_SITE, Step.SIGN, Step.STRIKE_OFF, Step.HAND_OVER_FEE, Step.INVOICE)
STEP_TAKE_BACK, STEP_QUOTE, STEP_CONSENT, STEP_START_REPAIR, STEP_FINISH_REPAIR, STEP_INSPECT = (
    Step.TAKE_BACK, Step.QUOTE, Step.CONSENT, Step.START_REPAIR, Step.FINISH_REPAIR, Step.INSPECT)
STEP_RETURN_GOODS, STEP_RETURN_UNREPAIRED, STEP_SET_FEE, STEP_VOID_RECEIPT, STEP_CLOSE, STEP_ESCALATE = (
    Step.RETURN_GOODS, Step.RETURN_UNREPAIRED, Step.SET_FEE, Step.VOID_RECEIPT, Step.CLOSE, Step.ESCALATE)

# The steps of the history as (step, from status, to status), the frequent first: demo rows
# carry the index.
STEP_KINDS: tuple[tuple[str, str, str], ...] = (
    (STEP_REGISTER, "", REGISTERED),
    (STEP_DISPATCH, REGISTERED, DISPATCHED),
    (STEP_ARRIVE, DISPATCHED, ARRIVED),
    (STEP_COMPLETE, ARRIVED, COMPLETED),
    (STEP_SIGN, COMPLETED, SIGNED_ON_SITE),
    (STEP_STRIKE_OFF, SIGNED_ON_SITE, STRUCK_OFF),
    (STEP_INVOICE, STRUCK_OFF, STRUCK_OFF),
    (STEP_HAND_OVER, STRUCK_OFF, STRUCK_OFF),
    (STEP_TAKE_BACK, ARRIVED, TAKEN_BACK),
    (STEP_START_REPAIR, TAKEN_BACK, IN_REPAIR),
    (STEP_FINISH_REPAIR, IN_REPAIR, REPAIRED),
    (STEP_INSPECT, REPAIRED, INSPECTED),
    (STEP_RETURN_GOODS, INSPECTED, RETURNED),
    (STEP_SIGN, RETURNED, RETURN_SIGNED),
    (STEP_VOID_RECEIPT, RETURN_SIGNED, RECEIPT_VOIDED),
    (STEP_CLOSE, RECEIPT_VOIDED, CLOSED),
    (STEP_QUOTE, TAKEN_BACK, TAKEN_BACK),
    (STEP_CONSENT, TAKEN_BACK, TAKEN_BACK),
    (STEP_INVOICE, INSPECTED, INSPECTED),
    (STEP_CANCEL, REGISTERED, CANCELLED),
    (STEP_CANCEL, DISPATCHED, CANCELLED),
    (STEP_UNDO, DISPATCHED, REGISTERED),
    (STEP_ESCALATE, TAKEN_BACK, TAKEN_BACK),
    (STEP_ESCALATE, IN_REPAIR, IN_REPAIR),
    (STEP_SET_FEE, TAKEN_BACK, TAKEN_BACK),
    (STEP_RETURN_UNREPAIRED, TAKEN_BACK, RETURNED),
    (STEP_INVOICE, RETURN_SIGNED, RETURN_SIGNED),
)
# the index by (step, status before); the register line's steps by name
STEP_CODE = {(step, before): code for code, (step, before, _) in enumerate(STEP_KINDS)}
(K_REGISTER, K_DISPATCH, K_ARRIVE, K_COMPLETE, K_SIGN, K_STRIKE_OFF, K_INVOICE, K_HAND_OVER) = range(8)
K_CANCEL = STEP_CODE[STEP_CANCEL, REGISTERED]
K_CANCEL_DISPATCHED = STEP_CODE[STEP_CANCEL, DISPATCHED]
K_UNDO_DISPATCH = STEP_CODE[STEP_UNDO, DISPATCHED]
