"""The state table of the service process: for each status of a call, the steps that may be
taken from it and the status each leads to.

``TABLE`` is the one place that says what may follow what. Every step function asks
``check`` before it writes anything (and takes the status to move to from its answer); the
call's dialog offers ``next_steps``, read from the same rows. A new status or step is
added here, and nowhere else decides whether it is possible.

Two steps are not in the table because no status decides them: the registration, which
makes the call, and taking a step back (``undo``), which returns the call to the status the
step found it in.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...errors import UserError
from ...i18n import QT_TRANSLATE_NOOP, Msg
from ...models import CallStatus, ServiceCall, ServiceKind

S = CallStatus


class Step:
    """The names stored in ``call_step.step``, in the order the call's dialog offers them."""

    REGISTER = "register"
    DISPATCH = "dispatch"
    ARRIVE = "arrive"
    COMPLETE_ON_SITE = "complete_on_site"
    SIGN = "sign"
    STRIKE_OFF = "strike_off"
    TAKE_BACK = "take_back"
    QUOTE = "quote"
    CONSENT = "consent"
    START_REPAIR = "start_repair"
    FINISH_REPAIR = "finish_repair"
    INSPECT = "inspect"
    RETURN_GOODS = "return_goods"
    RETURN_UNREPAIRED = "return_unrepaired"
    VOID_RECEIPT = "void_receipt"
    CLOSE = "close"
    CANCEL = "cancel"
    SET_FEE = "set_fee"
    COLLECT_FEE = "collect_fee"
    HAND_OVER_FEE = "hand_over_fee"
    INVOICE = "invoice"
    ESCALATE = "escalate"
    CHANGE_KIND = "change_kind"
    REASSIGN = "reassign"  # a leaving technician's open call goes to another (I6)
    UNDO = "undo"


# every step, in the order of ``Step`` (the order of the dialog's buttons)
STEPS: tuple[str, ...] = tuple(value for name, value in vars(Step).items() if name.isupper())

STEP_NAMES: dict[str, Msg] = {
    Step.REGISTER: QT_TRANSLATE_NOOP("Process", "registered"),
    Step.DISPATCH: QT_TRANSLATE_NOOP("Process", "dispatch"),
    Step.ARRIVE: QT_TRANSLATE_NOOP("Process", "arrival"),
    Step.COMPLETE_ON_SITE: QT_TRANSLATE_NOOP("Process", "completed on site"),
    Step.SIGN: QT_TRANSLATE_NOOP("Process", "customer's signature"),
    Step.STRIKE_OFF: QT_TRANSLATE_NOOP("Process", "struck off"),
    Step.TAKE_BACK: QT_TRANSLATE_NOOP("Process", "taken back for repair"),
    Step.QUOTE: QT_TRANSLATE_NOOP("Process", "quote"),
    Step.CONSENT: QT_TRANSLATE_NOOP("Process", "customer's answer to the quote"),
    Step.START_REPAIR: QT_TRANSLATE_NOOP("Process", "repair started"),
    Step.FINISH_REPAIR: QT_TRANSLATE_NOOP("Process", "repair finished"),
    Step.INSPECT: QT_TRANSLATE_NOOP("Process", "inspection"),
    Step.RETURN_GOODS: QT_TRANSLATE_NOOP("Process", "goods returned"),
    Step.RETURN_UNREPAIRED: QT_TRANSLATE_NOOP("Process", "returned unrepaired"),
    Step.VOID_RECEIPT: QT_TRANSLATE_NOOP("Process", "receipt voided"),
    Step.CLOSE: QT_TRANSLATE_NOOP("Process", "closed"),
    Step.CANCEL: QT_TRANSLATE_NOOP("Process", "cancelled"),
    Step.SET_FEE: QT_TRANSLATE_NOOP("Process", "fee set"),
    Step.COLLECT_FEE: QT_TRANSLATE_NOOP("Process", "fee collected"),
    Step.HAND_OVER_FEE: QT_TRANSLATE_NOOP("Process", "fee handed to the accountant"),
    Step.INVOICE: QT_TRANSLATE_NOOP("Process", "invoice issued"),
    Step.ESCALATE: QT_TRANSLATE_NOOP("Process", "escalated to the supervisor"),
    Step.CHANGE_KIND: QT_TRANSLATE_NOOP("Process", "service kind changed"),
    Step.REASSIGN: QT_TRANSLATE_NOOP("Process", "handed over to another technician"),
    Step.UNDO: QT_TRANSLATE_NOOP("Process", "step taken back"),
}

# A step that records something and leaves the status as it is (fees, the quote …).
KEEP = None
# The inspection's result decides where the repair goes: on to the return, or back to work.
PASSED, FAILED = "passed", "failed"

Target = CallStatus | None | Mapping[str, CallStatus]

# status → {step that may be taken: the status it leads to}. Written out in full, one row per
# status, so that a reader sees at a glance what a call in that status may do.
TABLE: dict[CallStatus, dict[str, Target]] = {
    S.REGISTERED: {
        Step.DISPATCH: S.DISPATCHED,
        Step.CANCEL: S.CANCELLED,
        Step.CHANGE_KIND: KEEP,
        Step.REASSIGN: KEEP,
    },
    S.DISPATCHED: {
        Step.DISPATCH: S.DISPATCHED,  # to another technician while nobody has arrived yet
        Step.ARRIVE: S.ARRIVED,
        Step.CANCEL: S.CANCELLED,
        Step.CHANGE_KIND: KEEP,
        Step.REASSIGN: KEEP,
    },
    S.ARRIVED: {
        Step.COMPLETE_ON_SITE: S.COMPLETED_ON_SITE,
        Step.TAKE_BACK: S.TAKEN_BACK,
        Step.CANCEL: S.CANCELLED,
        Step.CHANGE_KIND: KEEP,
        Step.REASSIGN: KEEP,
    },
    # done on site (S4, S5)
    S.COMPLETED_ON_SITE: {
        Step.SIGN: S.SIGNED_ON_SITE,
        Step.CANCEL: S.CANCELLED,
        Step.SET_FEE: KEEP,
        Step.COLLECT_FEE: KEEP,
        Step.HAND_OVER_FEE: KEEP,
        Step.INVOICE: KEEP,
        Step.CHANGE_KIND: KEEP,
        Step.REASSIGN: KEEP,
    },
    S.SIGNED_ON_SITE: {
        Step.STRIKE_OFF: S.STRUCK_OFF,
        Step.CANCEL: S.CANCELLED,
        Step.SET_FEE: KEEP,
        Step.COLLECT_FEE: KEEP,
        Step.HAND_OVER_FEE: KEEP,
        Step.INVOICE: KEEP,
        Step.CHANGE_KIND: KEEP,
        Step.REASSIGN: KEEP,
    },
    S.STRUCK_OFF: {  # closed; the money may still come in and be invoiced
        Step.COLLECT_FEE: KEEP,
        Step.HAND_OVER_FEE: KEEP,
        Step.INVOICE: KEEP,
    },
    # taken back for repair (S6–S9)
    S.TAKEN_BACK: {
        Step.QUOTE: KEEP,
        Step.CONSENT: KEEP,
        Step.START_REPAIR: S.IN_REPAIR,
        Step.RETURN_UNREPAIRED: S.RETURNED,
        Step.SET_FEE: KEEP,
        Step.ESCALATE: KEEP,
        Step.CHANGE_KIND: KEEP,
        Step.REASSIGN: KEEP,
    },
    S.IN_REPAIR: {
        Step.FINISH_REPAIR: S.REPAIRED,
        Step.RETURN_UNREPAIRED: S.RETURNED,
        Step.SET_FEE: KEEP,
        Step.ESCALATE: KEEP,
        Step.CHANGE_KIND: KEEP,
        Step.REASSIGN: KEEP,
    },
    S.REPAIRED: {
        Step.INSPECT: {PASSED: S.INSPECTED, FAILED: S.IN_REPAIR},
        Step.RETURN_UNREPAIRED: S.RETURNED,
        Step.SET_FEE: KEEP,
        Step.ESCALATE: KEEP,
        Step.CHANGE_KIND: KEEP,
        Step.REASSIGN: KEEP,
    },
    S.INSPECTED: {
        Step.RETURN_GOODS: S.RETURNED,
        Step.SET_FEE: KEEP,
        Step.INVOICE: KEEP,
        Step.CHANGE_KIND: KEEP,
        Step.REASSIGN: KEEP,
    },
    S.RETURNED: {
        Step.SIGN: S.RETURN_SIGNED,
        Step.SET_FEE: KEEP,
        Step.COLLECT_FEE: KEEP,
        Step.HAND_OVER_FEE: KEEP,
        Step.INVOICE: KEEP,
        Step.CHANGE_KIND: KEEP,
        Step.REASSIGN: KEEP,
    },
    S.RETURN_SIGNED: {
        Step.VOID_RECEIPT: S.RECEIPT_VOIDED,
        Step.COLLECT_FEE: KEEP,
        Step.HAND_OVER_FEE: KEEP,
        Step.INVOICE: KEEP,
        Step.CHANGE_KIND: KEEP,
        Step.REASSIGN: KEEP,
    },
    S.RECEIPT_VOIDED: {
        Step.CLOSE: S.CLOSED,
        Step.COLLECT_FEE: KEEP,
        Step.HAND_OVER_FEE: KEEP,
        Step.INVOICE: KEEP,
        Step.CHANGE_KIND: KEEP,
        Step.REASSIGN: KEEP,
    },
    S.CLOSED: {  # closed; the money may still come in and be invoiced
        Step.COLLECT_FEE: KEEP,
        Step.HAND_OVER_FEE: KEEP,
        Step.INVOICE: KEEP,
    },
    S.CANCELLED: {},
}

# The call's open life is over: a step the table does not allow gets "no further step" as
# its answer rather than "not now".
CLOSED_STATUSES = frozenset({S.STRUCK_OFF, S.CLOSED, S.CANCELLED})
# The branch holds the customer's goods: the call cannot be cancelled away.
GOODS_HELD = frozenset({S.TAKEN_BACK, S.IN_REPAIR, S.REPAIRED, S.INSPECTED})
# Steps the table allows that the call's dialog has no button for: a leaving technician's
# hand-over is made where the staff are managed (I6), and a call not yet on site is simply
# dispatched again.
NOT_OFFERED = frozenset({Step.REASSIGN})
# Steps only a paid job (A) can take: the services refuse them for B and C, and the dialog
# does not offer them.
PAID_ONLY = frozenset({Step.QUOTE, Step.CONSENT, Step.SET_FEE, Step.COLLECT_FEE, Step.HAND_OVER_FEE, Step.INVOICE})

# Where each step the dialog offers may start from, read from ``TABLE`` (by step rather than by
# status, for whoever asks "may this step be taken from there?").
ALLOWED_FROM: dict[str, frozenset[str]] = {
    step: frozenset(status for status, row in TABLE.items() if step in row)
    for step in STEPS
    if step not in NOT_OFFERED and any(step in row for row in TABLE.values())
}

# The refusals of a step the table does not allow: "not now", "no further step" once the call's
# open life is over, or one that names the way on.
NOT_NOW = QT_TRANSLATE_NOOP(
    "Process", "Call {call_no} is “{status}”: the step “{step}” is not possible now."
)
NO_FURTHER_STEP = QT_TRANSLATE_NOOP("Process", "Call {call_no} is “{status}”: no further step is possible.")
REFUSALS: dict[str, tuple[frozenset[CallStatus], Msg]] = {
    Step.RETURN_GOODS: (
        frozenset({S.TAKEN_BACK, S.IN_REPAIR, S.REPAIRED}),
        QT_TRANSLATE_NOOP(
            "Process",
            "The repair of call {call_no} has not passed the supervisor's inspection: the goods cannot go back yet (or return them unrepaired).",
        ),
    ),
    Step.CANCEL: (
        GOODS_HELD,
        QT_TRANSLATE_NOOP(
            "Process",
            "The goods of call {call_no} are with us: give them back (unrepaired if need be) instead of cancelling the call.",
        ),
    ),
}


def status_name(status: str) -> Msg:
    from ..labels import CALL_STATUS

    return CALL_STATUS.get(status, QT_TRANSLATE_NOOP("Process", "unknown"))


def allows(status: str, step: str) -> bool:
    """Whether the table lets a call in ``status`` take ``step``."""
    return step in TABLE.get(status, {})  # type: ignore[call-overload] - a status is stored as its text


def leads_to(status: str, step: str, outcome: str | None = None) -> str:
    """The status ``step`` leaves a call in ``status`` in: the same one for a step that keeps
    it; for the inspection, the one its ``outcome`` (``PASSED``/``FAILED``) decides.
    KeyError when the table does not allow the step there."""
    target = TABLE[status][step]  # type: ignore[index]
    if target is KEEP:
        return status
    if isinstance(target, Mapping):
        return target[outcome]  # type: ignore[index]
    return target


def check(call: ServiceCall, step: str, outcome: str | None = None) -> str:
    """The status ``step`` leads ``call`` to; ``UserError`` on the call's status field when the
    table does not allow it from where the call stands."""
    if not allows(call.status, step):
        refusal = REFUSALS.get(step)
        if refusal is not None and call.status in refusal[0]:
            raise UserError(refusal[1], field="status", call_no=call.call_no)
        if call.status in CLOSED_STATUSES:
            raise UserError(NO_FURTHER_STEP, field="status", call_no=call.call_no, status=status_name(call.status))
        raise UserError(
            NOT_NOW, field="status", call_no=call.call_no, status=status_name(call.status), step=STEP_NAMES[step]
        )
    return leads_to(call.status, step, outcome)


def next_steps(status: str, service_kind: str | None = None) -> list[str]:
    """The steps the call's status allows now (the buttons of the call's dialog); given the
    service kind, without the fee and quote steps of a job that is not paid."""
    paid = service_kind in (None, ServiceKind.PAID.value)
    row = TABLE.get(status, {})  # type: ignore[call-overload]
    return [
        step for step in STEPS
        if step in row and step not in NOT_OFFERED and (paid or step not in PAID_ONLY)
    ]
