"""The goods in the workshop and back to the customer (S7–S9): the quote and the customer's
answer to it (a paid repair), the repair started and finished, the supervisor's
inspection, the goods returned (repaired or not), the receipt voided, the call closed, and
the S9 warning that a repair will miss its promised date.

The repair card's own columns (parts, labour) are ``services.repairs``'s; here the card
only moves with the call's steps.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import AuditedRefusal, UserError
from ...i18n import QT_TRANSLATE_NOOP
from ...models import (
    ConsentChannel,
    GoodsEntry,
    PaymentMethod,
    RepairCard,
    RepairCardStatus,
    ReturnOutcome,
    ServiceCall,
    ServiceKind,
    Staff,
    WorkMode,
)
from .. import auth, pricing
from .. import repairs as repair_service
from ..validation import (
    Problems,
    check_choice,
    check_technician,
    column_length,
    optional_text,
    parse_decimal,
    require_text,
)
from . import states
from .common import (
    MAX_HOURS,
    Changes,
    actor,
    call_of,
    card_of,
    current_card,
    goods_of,
    hours,
    log_work,
    money,
    record,
    step_time,
    supervisor,
)
from .fees import fee_settled
from .states import FAILED, PASSED, Step

_NO_GOODS = QT_TRANSLATE_NOOP("Process", "Call {call_no} has no goods in the goods register.")
_QUOTE_REASON = QT_TRANSLATE_NOOP(
    "Process",
    "The fee computed for {hours} h and the parts on the card is {computed}; the quote of {amount} is more than {margin}% from it: give the reason.",
)
_FEE_NOT_SETTLED = QT_TRANSLATE_NOOP(
    "Process",
    "The fee of {fee} for call {call_no} is neither collected nor to be invoiced: record it as collected, or mark it to be invoiced, before closing.",
)
# the audit log's action for a receipt number refused at voiding (services/audit_log.py names it)
RECEIPT_REFUSED = "receipt_refused"


def record_quote(
    session: Session, call_id: int, *, amount: object, when: datetime | str, by_id: int | None,
    hours: object = None, reason: str | None = None, now: datetime | None = None,
) -> RepairCard:
    """A paid repair (A): what the repair will cost, told to the customer before work starts.

    Given the estimated repair ``hours``, the fee is computed as the finished repair's will be
    (the repair rate of the day, the parts on the card); a quote further from it than the
    quote margin (``pricing.quote_margin``) needs a ``reason``, kept in the step's note. With
    no estimate or no repair rate there is nothing to compare with."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.QUOTE)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "quoted_at")
    if call.service_kind != ServiceKind.PAID.value:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Only a paid repair (A) needs a quote."), field="quote_amount"
        )
    if amount in (None, ""):
        problems.report(QT_TRANSLATE_NOOP("Process", "Enter the amount quoted."), field="quote_amount")
        value = None
    else:
        value = money(problems, amount, "quote_amount")
    estimate = problems.check(parse_decimal, hours, "quote_hours", minimum=0, places=2, maximum=MAX_HOURS)
    clean_reason = None
    if value is not None and estimate is not None and moment is not None:
        card = card_of(session, call)
        parts = repair_service.parts_total(card) if card is not None else Decimal("0")
        computed = pricing.job_fee(session, WorkMode.REPAIR.value, moment.date(), estimate, parts)
        margin = pricing.quote_margin(session)
        if computed is not None and pricing.beyond_margin(value, computed, margin):
            clean_reason = problems.check(
                require_text, reason, "quote_reason", _QUOTE_REASON, computed=f"{computed:.2f}",
                hours=f"{estimate.normalize():f}", amount=f"{value:.2f}", margin=f"{margin.normalize():f}",
            )
    problems.raise_if_any()
    assert moment is not None and value is not None
    card = current_card(session, call)
    changes = Changes()
    changes.set(card, "quote_amount", value)
    changes.set(card, "quoted_at", moment)
    # a new quote needs a new answer
    changes.set(card, "consent_given", None)
    changes.set(card, "consent_by", None)
    changes.set(card, "consent_at", None)
    changes.set(card, "consent_channel", None)
    note = f"{value:.2f}: {clean_reason}" if clean_reason else f"{value:.2f}"
    record(session, call, Step.QUOTE, to_status, moment, who, changes, note)
    return card


def record_consent(
    session: Session,
    call_id: int,
    *,
    given: bool,
    consent_by: str,
    channel: str,
    when: datetime | str,
    by_id: int | None,
    now: datetime | None = None,
) -> RepairCard:
    """The customer's answer to the quote: who answered, when and how (phone, in person,
    letter). A refusal leads to ``return_unrepaired``."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.CONSENT)
    card = current_card(session, call)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "consent_at")
    if card.quote_amount is None:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Record the quote before the customer's answer to it."), field="quote_amount"
        )
    person = problems.check(
        require_text, consent_by, "consent_by", QT_TRANSLATE_NOOP("Process", "Enter who answered for the customer."),
        max_length=column_length(RepairCard, "consent_by"),
    )
    how = problems.check(
        check_choice, channel, ConsentChannel, "consent_channel",
        QT_TRANSLATE_NOOP("Process", "Choose how the customer answered: by phone, in person or by letter."),
    )
    problems.raise_if_any()
    assert moment is not None
    changes = Changes()
    changes.set(card, "consent_given", bool(given))
    changes.set(card, "consent_by", person)
    changes.set(card, "consent_at", moment)
    changes.set(card, "consent_channel", how)
    record(session, call, Step.CONSENT, to_status, moment, who, changes, person)
    return card


def start_repair(
    session: Session, call_id: int, when: datetime | str, by_id: int | None, *, now: datetime | None = None
) -> RepairCard:
    """Work on the goods begins; a paid repair only once the customer agreed to the quote."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.START_REPAIR)
    card = current_card(session, call)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "started_at")
    if call.service_kind == ServiceKind.PAID.value and card.consent_given is not True:
        problems.report(
            QT_TRANSLATE_NOOP(
                "Process",
                "A paid repair starts only after the customer agreed to the quote; a customer who declines gets the goods back unrepaired.",
            ),
            field="consent_given",
        )
    problems.raise_if_any()
    assert moment is not None
    changes = Changes()
    changes.set(card, "status", RepairCardStatus.IN_REPAIR.value)
    record(session, call, Step.START_REPAIR, to_status, moment, who, changes)
    return card


def finish_repair(
    session: Session,
    call_id: int,
    *,
    when: datetime | str,
    repair_hours: object,
    by_id: int | None,
    work_done: str | None = None,
    technician_id: int | None = None,
    now: datetime | None = None,
) -> RepairCard:
    """S7: the technician records the actual repair time (the parts are on the card); the
    repair waits for the supervisor's inspection. A paid repair's fee is computed from the
    repair labour rate and the parts (``set_fee`` overrides it with a reason)."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.FINISH_REPAIR)
    card = current_card(session, call)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "repaired_at")
    spent = hours(
        problems, repair_hours, "repair_hours", QT_TRANSLATE_NOOP("Process", "Enter the actual repair time (hours).")
    )
    work = problems.check(optional_text, work_done, "work_done", max_length=column_length(RepairCard, "work_done"))
    technician = None
    tech_id = technician_id if technician_id is not None else (card.technician_id or call.technician_id)
    if tech_id is None:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Choose the technician who did the repair."), field="technician_id"
        )
    else:
        technician = problems.check(check_technician, session, tech_id, "technician_id")
    problems.raise_if_any()
    assert moment is not None and spent is not None and technician is not None
    changes = Changes()
    changes.set(card, "repair_hours", spent)
    changes.set(card, "repaired_at", moment)
    changes.set(card, "technician_id", technician.id)
    changes.set(card, "status", RepairCardStatus.REPAIRED.value)
    if work is not None:
        changes.set(card, "work_done", work)
    if call.service_kind == ServiceKind.PAID.value:
        labour = pricing.labour_fee(session, WorkMode.REPAIR.value, moment.date(), spent)
        if labour is not None:
            changes.set(card, "labour_fee", labour)
        parts = repair_service.parts_total(card)
        computed = pricing.job_fee(session, WorkMode.REPAIR.value, moment.date(), spent, parts)
        changes.set(call, "fee_computed", computed)
        if call.fee_override_reason is None:
            changes.set(call, "fee", computed)
    step = record(session, call, Step.FINISH_REPAIR, to_status, moment, who, changes, work)
    log_work(session, call, step, technician.id, moment.date(), WorkMode.REPAIR.value, spent, card)
    return card


def inspect(
    session: Session,
    call_id: int,
    *,
    passed: bool,
    when: datetime | str,
    by_id: int | None,
    note: str | None = None,
    now: datetime | None = None,
) -> RepairCard:
    """S7: the supervisor inspects the repair: passed, or sent back to repair (with why)."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.INSPECT, PASSED if passed else FAILED)
    card = current_card(session, call)
    problems = Problems()
    who = problems.check(supervisor, session, by_id, QT_TRANSLATE_NOOP("Process", "inspect repairs"))
    moment = step_time(session, problems, call, when, now, "inspected_at")
    if passed:
        clean_note = problems.check(optional_text, note, "inspection_result", max_length=column_length(RepairCard, "inspection_result"))
    else:
        clean_note = problems.check(
            require_text, note, "inspection_result",
            QT_TRANSLATE_NOOP("Process", "Say what is wrong: the repair goes back to the technician with it."),
            max_length=column_length(RepairCard, "inspection_result"),
        )
    problems.raise_if_any()
    assert moment is not None and who is not None
    changes = Changes()
    changes.set(card, "inspected_by_id", who.id)
    changes.set(card, "inspected_at", moment)
    changes.set(card, "inspection_passed", bool(passed))
    changes.set(card, "inspection_result", clean_note)
    changes.set(card, "status", (RepairCardStatus.INSPECTED if passed else RepairCardStatus.IN_REPAIR).value)
    record(session, call, Step.INSPECT, to_status, moment, who, changes, clean_note)
    return card


def return_goods(
    session: Session, call_id: int, when: datetime | str, by_id: int | None, *, now: datetime | None = None
) -> GoodsEntry:
    """S7: after the inspection, the return date goes in the goods register and the goods
    go back to the customer with the voucher."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.RETURN_GOODS)
    return _give_back(session, call, Step.RETURN_GOODS, to_status, ReturnOutcome.REPAIRED.value, when, by_id, None, now)


def return_unrepaired(
    session: Session, call_id: int, *, reason: str, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> GoodsEntry:
    """The goods go back without repair: the customer declined the quote, or it cannot be
    repaired. The reason is kept."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.RETURN_UNREPAIRED)
    return _give_back(
        session, call, Step.RETURN_UNREPAIRED, to_status, ReturnOutcome.UNREPAIRED.value, when, by_id, reason, now
    )


def _give_back(
    session: Session, call: ServiceCall, step: str, to_status: str, outcome: str, when: object, by_id: object,
    reason: object, now: datetime | None,
) -> GoodsEntry:
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "returned_at")
    clean_reason = None
    if outcome == ReturnOutcome.UNREPAIRED.value:
        clean_reason = problems.check(
            require_text, reason, "reason", QT_TRANSLATE_NOOP("Process", "Say why the goods go back unrepaired.")
        )
    problems.raise_if_any()
    assert moment is not None and who is not None
    entry = goods_of(session, call)
    if entry is None:
        raise UserError(_NO_GOODS, field="goods", call_no=call.call_no)
    changes = Changes()
    changes.set(entry, "returned_at", moment)
    changes.set(entry, "returned_by_id", who.id)
    changes.set(entry, "return_outcome", outcome)
    card = card_of(session, call)
    if card is not None:
        changes.set(card, "status", RepairCardStatus.RETURNED.value)
    record(session, call, step, to_status, moment, who, changes, clean_reason)
    return entry


def void_receipt(
    session: Session,
    call_id: int,
    *,
    when: datetime | str,
    by_id: int | None,
    receipt_no: str | None = None,
    identity_document: str | None = None,
    now: datetime | None = None,
) -> GoodsEntry:
    """S7: the original goods receipt is taken back and voided (作废). A customer who lost
    it is identified instead: the document shown and who checked it are recorded. A
    voided receipt number is never valid again.

    The number presented guards the goods: a wrong one is refused without naming the right
    one, as an ``AuditedRefusal`` whose audit line (the number typed, the call, who tried)
    the caller writes once the refused transaction has ended (``auth.record_audited``)."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.VOID_RECEIPT)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "receipt_voided_at")
    entry = goods_of(session, call)
    number = (receipt_no or "").strip().upper()
    document = problems.check(optional_text, identity_document, "identity_document",
                              max_length=column_length(GoodsEntry, "identity_document"))
    if entry is None:
        problems.report(_NO_GOODS, field="receipt_no", call_no=call.call_no)
    elif number:
        try:
            check_receipt_number(session, number, expected=entry)
        except UserError as refusal:
            raise _audited(session, call, who, number, refusal) from None
    elif document is None:
        problems.report(
            QT_TRANSLATE_NOOP(
                "Process",
                "Enter the number of the receipt handed back, or, if the customer lost it, the identity document checked.",
            ),
            field="receipt_no",
        )
    problems.raise_if_any()
    assert entry is not None and moment is not None and who is not None
    changes = Changes()
    changes.set(entry, "receipt_voided_at", moment)
    if not number:
        changes.set(entry, "receipt_lost", True)
        changes.set(entry, "identity_checked_by_id", who.id)
        changes.set(entry, "identity_document", document)
    record(session, call, Step.VOID_RECEIPT, to_status, moment, who, changes,
           entry.receipt_no if number else document)
    return entry


def _audited(session: Session, call: ServiceCall, who: Staff | None, number: str, refusal: UserError) -> AuditedRefusal:
    """The refusal of a presented receipt number with the audit line of the attempt: the
    number as typed, the call, who tried — and, for whoever reads the log, whose receipt
    the number is, if anyone's (the clerk is never told)."""
    user = auth.user_of(session, who.id) if who is not None else None
    detail: dict[str, object] = {"receipt_no": number}
    found = session.scalars(select(GoodsEntry).where(GoodsEntry.receipt_no == number)).first()
    if found is not None and found.call is not None:
        detail["receipt_of"] = found.call.call_no
    return AuditedRefusal(refusal, audit={
        "action": RECEIPT_REFUSED, "staff_id": who.id if who is not None else None,
        "login": (user.login or None) if user is not None else None,
        "target_type": "service_call", "target_id": call.call_no, "detail": detail,
    })


def check_receipt_number(session: Session, receipt_no: str, expected: GoodsEntry | None = None) -> GoodsEntry:
    """The goods entry a presented receipt belongs to; a voided or unknown number, or the
    receipt of other goods, is refused. No message names another receipt than the one
    presented: a check must not give away the number it guards."""
    number = receipt_no.strip().upper()
    entry = session.scalars(select(GoodsEntry).where(GoodsEntry.receipt_no == number)).first()
    if entry is None:
        raise UserError(QT_TRANSLATE_NOOP("Process", "There is no goods receipt numbered {receipt_no}."),
                        field="receipt_no", receipt_no=number)
    if entry.receipt_voided_at is not None:
        raise UserError(
            QT_TRANSLATE_NOOP("Process", "Receipt {receipt_no} was voided on {at} and is no longer valid."),
            field="receipt_no", receipt_no=number, at=entry.receipt_voided_at.strftime("%Y-%m-%d %H:%M"),
        )
    if expected is not None and entry.id != expected.id:
        raise UserError(
            QT_TRANSLATE_NOOP("Process", "Receipt {receipt_no} is not the receipt of these goods."),
            field="receipt_no", receipt_no=number,
        )
    return entry


def close(
    session: Session, call_id: int, when: datetime | str, by_id: int | None, *, to_be_invoiced: bool = False,
    now: datetime | None = None,
) -> ServiceCall:
    """S7: the voucher is filed and the call closed. A paid job's fee (the repair's, or the
    check charged for goods returned unrepaired) must be accounted for first (S5, S8):
    collected, invoiced, or marked here ``to_be_invoiced``; a job with no fee closes as it is."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.CLOSE)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "closed_at")
    settled = fee_settled(call)
    if not settled and not to_be_invoiced:
        problems.report(_FEE_NOT_SETTLED, field="payment_method", call_no=call.call_no, fee=f"{call.fee:.2f}")
    problems.raise_if_any()
    assert moment is not None
    changes = Changes()
    changes.set(call, "closed_at", moment)
    if not settled:
        changes.set(call, "payment_method", PaymentMethod.INVOICE.value)
    record(session, call, Step.CLOSE, to_status, moment, who, changes)
    return call


def escalate(
    session: Session, call_id: int, *, note: str, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> RepairCard:
    """S9: the technician tells the supervisor the repair will miss its promised date, and why."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.ESCALATE)
    card = current_card(session, call)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "escalated_at")
    clean_note = problems.check(
        require_text, note, "escalation_note",
        QT_TRANSLATE_NOOP("Process", "Say why the repair will miss its promised date and what is needed."),
        max_length=column_length(RepairCard, "escalation_note"),
    )
    problems.raise_if_any()
    assert moment is not None and who is not None
    changes = Changes()
    changes.set(card, "escalation_note", clean_note)
    changes.set(card, "escalated_at", moment)
    changes.set(card, "escalated_by_id", who.id)
    record(session, call, Step.ESCALATE, to_status, moment, who, changes, clean_note)
    return card
