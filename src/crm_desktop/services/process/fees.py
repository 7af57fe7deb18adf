"""The money of a paid job (S5, S8) and the kind that decides whether there is any (S1):
the fee computed or entered with a reason, collected on site and handed to the
accountant, or invoiced; and the service kind changed against the proposal.

Every one of these steps keeps the call's status; the state table says in which statuses
each may be taken.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import QT_TRANSLATE_NOOP
from ...models import PaymentMethod, Role, ServiceCall, ServiceKind
from .. import pricing
from ..service_kind import CHANGE_REASON_MISSING, check_kind
from ..validation import Problems, check_choice, column_length, parse_decimal, require_text
from . import states
from .common import NOT_ACCOUNTANT, Changes, actor, call_of, in_order, money, record, step_time
from .states import Step

_NO_FEE_FOR_KIND = QT_TRANSLATE_NOOP(
    "Process", "A {kind} job carries no fee; change the service kind first if the customer pays."
)
_OVERRIDE_REASON = QT_TRANSLATE_NOOP(
    "Process", "The computed fee is {computed}; give the reason for charging {fee}."
)
_COLLECTED_MISSING = QT_TRANSLATE_NOOP("Process", "Enter the amount collected.")
# the fee columns a job that is no longer paid drops
_FEE_COLUMNS = ("fee", "fee_computed", "fee_override_reason", "payment_method", "fee_collected")


def fee_values(
    session: Session,
    problems: Problems,
    call: ServiceCall,
    mode: str,
    moment: datetime | None,
    hours: Decimal | None,
    parts: Decimal,
    fee: object,
    reason: object,
    payment_method: object,
    collected: object,
) -> dict[str, object]:
    """The fee columns of a paid job, checked (S5); free and contract jobs carry none."""
    if call.service_kind != ServiceKind.PAID.value:
        if fee not in (None, "") and parse_decimal(fee, "fee", minimum=0) not in (None, Decimal("0")):
            problems.report(_NO_FEE_FOR_KIND, field="fee", kind=call.service_kind)
        return {}
    computed = None
    if moment is not None and hours is not None:
        computed = pricing.job_fee(session, mode, moment.date(), hours, parts)
    given = money(problems, fee, "fee") if fee not in (None, "") else None
    values: dict[str, object] = {"fee_computed": computed}
    if given is None and not problems.has("fee"):
        if computed is None:
            problems.report(
                QT_TRANSLATE_NOOP("Process", "Enter the fee: no labour rate is set for this kind of work."),
                field="fee",
            )
        values["fee"], values["fee_override_reason"] = computed, None
    elif given is not None:
        clean_reason = None
        if computed is not None and given != computed:
            clean_reason = problems.check(
                require_text, reason, "fee_override_reason", _OVERRIDE_REASON,
                computed=f"{computed:.2f}", fee=f"{given:.2f}", max_length=column_length(ServiceCall, "fee_override_reason"),
            )
        values["fee"], values["fee_override_reason"] = given, clean_reason
    if payment_method not in (None, ""):
        method = problems.check(
            check_choice, payment_method, PaymentMethod, "payment_method",
            QT_TRANSLATE_NOOP("Process", "Choose whether the fee was collected on site or is to be invoiced."),
        )
        values["payment_method"] = method
        if method == PaymentMethod.COLLECTED.value:
            amount = money(problems, collected, "fee_collected") if collected not in (None, "") else values.get("fee")
            if amount is None and not problems.has("fee_collected"):
                problems.report(_COLLECTED_MISSING, field="fee_collected")
            values["fee_collected"] = amount
    return values


def set_fee(
    session: Session, call_id: int, *, fee: object, reason: str | None, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> ServiceCall:
    """A paid job's fee entered or changed; another amount than the computed one needs a reason."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.SET_FEE)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "fee_at")
    if call.service_kind != ServiceKind.PAID.value:
        problems.report(_NO_FEE_FOR_KIND, field="fee", kind=call.service_kind)
    if call.invoice_no is not None:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Invoice {invoice_no} is already issued for this fee."),
            field="fee", invoice_no=call.invoice_no,
        )
    amount = None
    if fee in (None, ""):
        problems.report(QT_TRANSLATE_NOOP("Process", "Enter the fee."), field="fee")
    else:
        amount = money(problems, fee, "fee")
    clean_reason = None
    if amount is not None and amount != call.fee_computed:
        clean_reason = problems.check(
            require_text, reason, "fee_override_reason", _OVERRIDE_REASON,
            computed="—" if call.fee_computed is None else f"{call.fee_computed:.2f}", fee=f"{amount:.2f}",
            max_length=column_length(ServiceCall, "fee_override_reason"),
        )
    problems.raise_if_any()
    assert moment is not None and amount is not None
    changes = Changes()
    changes.set(call, "fee", amount)
    changes.set(call, "fee_override_reason", clean_reason)
    record(session, call, Step.SET_FEE, to_status, moment, who, changes, clean_reason or f"{amount:.2f}")
    return call


def fee_settled(call: ServiceCall) -> bool:
    """Whether the money of a job is accounted for (S5, S8): a job that is not paid, or one
    with no fee (or a fee of nothing) has none to account for; a paid fee is collected, to be
    invoiced, or invoiced. A paid job is closed only when it is (``repair.close``)."""
    if call.service_kind != ServiceKind.PAID.value or call.fee is None or call.fee == 0:
        return True
    return call.invoice_no is not None or call.payment_method in (
        PaymentMethod.COLLECTED.value, PaymentMethod.INVOICE.value
    )


def _paid_with_fee(problems: Problems, call: ServiceCall) -> None:
    if call.service_kind != ServiceKind.PAID.value:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Only a paid job (A) has a fee to collect or invoice."), field="fee"
        )
    elif call.fee is None:
        problems.report(QT_TRANSLATE_NOOP("Process", "Set the fee first."), field="fee")


def collect_fee(
    session: Session, call_id: int, *, amount: object, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> ServiceCall:
    """S5: the fee was collected on site (the technician hands it to the accountant)."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.COLLECT_FEE)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "collected_at")
    _paid_with_fee(problems, call)
    value = None
    if amount in (None, ""):
        problems.report(_COLLECTED_MISSING, field="fee_collected")
    else:
        value = money(problems, amount, "fee_collected")
    problems.raise_if_any()
    assert moment is not None and value is not None
    changes = Changes()
    changes.set(call, "payment_method", PaymentMethod.COLLECTED.value)
    changes.set(call, "fee_collected", value)
    record(session, call, Step.COLLECT_FEE, to_status, moment, who, changes, f"{value:.2f}")
    return call


def hand_over_fee(
    session: Session, call_id: int, *, accountant_id: int, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> ServiceCall:
    """S5: the money collected on site is handed to the accountant."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.HAND_OVER_FEE)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "fee_handed_at")
    accountant = problems.check(actor, session, accountant_id, "fee_handed_to_id")
    if accountant is not None and accountant.role != Role.ACCOUNTANT.value:
        problems.report(NOT_ACCOUNTANT, field="fee_handed_to_id", name=accountant.name)
    if call.fee_collected is None:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "No fee was collected on site for this call."), field="fee_collected"
        )
    if call.fee_handed_at is not None:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "This fee was already handed over on {at}."),
            field="fee_handed_at", at=call.fee_handed_at.strftime("%Y-%m-%d %H:%M"),
        )
    problems.raise_if_any()
    assert moment is not None and accountant is not None
    changes = Changes()
    changes.set(call, "fee_handed_at", moment)
    changes.set(call, "fee_handed_to_id", accountant.id)
    record(session, call, Step.HAND_OVER_FEE, to_status, moment, who, changes, accountant.name)
    return call


def record_invoice(
    session: Session, call_id: int, *, invoice_no: str, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> ServiceCall:
    """S5, S8: the accountant records the number of the invoice issued in the tax-control
    system (this program never makes invoice numbers)."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.INVOICE)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    if who is not None and who.role != Role.ACCOUNTANT.value:
        problems.report(NOT_ACCOUNTANT, field="by_id", name=who.name)
    moment = step_time(session, problems, call, when, now, "invoice_at")
    _paid_with_fee(problems, call)
    number = problems.check(
        require_text, invoice_no, "invoice_no", QT_TRANSLATE_NOOP("Process", "Enter the invoice number."),
        max_length=column_length(ServiceCall, "invoice_no"),
    )
    if call.invoice_no is not None:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Invoice {invoice_no} is already recorded for this call."),
            field="invoice_no", invoice_no=call.invoice_no,
        )
    elif number is not None:
        other = session.scalars(
            select(ServiceCall.call_no).where(ServiceCall.invoice_no == number, ServiceCall.id != call.id)
        ).first()
        if other is not None:
            problems.report(
                QT_TRANSLATE_NOOP("Process", "Invoice {invoice_no} is already recorded for call {call_no}."),
                field="invoice_no", invoice_no=number, call_no=other,
            )
    problems.raise_if_any()
    assert moment is not None
    changes = Changes()
    changes.set(call, "invoice_no", number)
    changes.set(call, "invoice_at", moment)
    changes.set(call, "invoice_by_id", who.id if who else None)
    if call.payment_method is None:
        changes.set(call, "payment_method", PaymentMethod.INVOICE.value)
    record(session, call, Step.INVOICE, to_status, moment, who, changes, number)
    return call


def change_kind(
    session: Session, call_id: int, *, kind: str, reason: str, by_id: int | None = None,
    now: datetime | None = None,
) -> ServiceCall:
    """S1: the clerk sets the service kind against the proposal; the reason is kept. A job
    that is no longer paid drops its fee; one whose invoice is issued keeps its kind."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.CHANGE_KIND)
    problems = Problems()
    who = problems.check(actor, session, by_id) if by_id is not None else None
    clean_kind = problems.check(check_kind, kind)
    clean_reason = problems.check(require_text, reason, "kind_override_reason", CHANGE_REASON_MISSING,
                                  max_length=column_length(ServiceCall, "kind_override_reason"))
    if call.invoice_no is not None and clean_kind != call.service_kind:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Invoice {invoice_no} is already issued: the service kind cannot change."),
            field="service_kind", invoice_no=call.invoice_no,
        )
    problems.raise_if_any()
    moment = in_order(session, call, now)  # a correction keeps the history in order
    changes = Changes()
    note = f"{call.service_kind} → {clean_kind}: {clean_reason}"
    changes.set(call, "service_kind", clean_kind)
    changes.set(call, "kind_override_reason", clean_reason)
    if clean_kind != ServiceKind.PAID.value:
        for name in _FEE_COLUMNS:
            if getattr(call, name) is not None:
                changes.set(call, name, None)
    record(session, call, Step.CHANGE_KIND, to_status, moment, who, changes, note)
    return call
