"""The after-sales service process (S2–S9) as an explicit state machine.

A call moves only through the steps below, each recorded in the call's history
(``CallStep``: who, when, from, to, note)::

    registered → dispatched → arrived ─┬→ completed_on_site → signed_on_site → struck_off
                                       └→ taken_back → in_repair → repaired → inspected
                                            → returned → return_signed → receipt_voided → closed

``cancel`` (with a reason) leaves any open state in which the branch does not hold the
customer's goods; goods already taken back go back, repaired or not (``return_unrepaired``).
A paid repair (A) needs the customer's consent to a quote before work starts. The
supervisor's inspection passes the repair or sends it back. Fees, invoices and the S9
escalation note are recorded as steps that keep the status.

A step recorded by mistake is never edited: a supervisor takes it back (``undo_last_step``)
with a reason. Each step stores the values it replaced, so taking it back restores them;
rows the step created cannot be un-numbered (X3) — a taken-back take-back voids its receipt
and cancels its repair card, and the work it logged is marked void.

Every function works in the caller's transaction and raises ``UserError`` (a Chinese
message after translation) before writing anything when a step is not allowed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from .. import clock
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Msg
from ..models import (
    CallStatus,
    CallStep,
    ConsentChannel,
    GoodsEntry,
    PaymentMethod,
    RepairCard,
    RepairCardStatus,
    ReturnOutcome,
    Role,
    ServiceCall,
    ServiceKind,
    Staff,
    WorkLog,
    WorkMode,
)
from . import goods as goods_service
from . import pricing
from . import repairs as repair_service
from .service_kind import CHANGE_REASON_MISSING, check_kind
from .validation import (
    Problems,
    check_choice,
    check_staff,
    check_technician,
    column_length,
    fetch,
    optional_text,
    parse_datetime,
    parse_decimal,
    require,
    require_text,
)

S = CallStatus

NO_CALL = QT_TRANSLATE_NOOP("Process", "There is no service call with id {id}.")
MAX_HOURS = Decimal("9999.99")
MAX_MONEY = Decimal("9999999999.99")
# a step's time may be a few minutes ahead of this PC's clock, not more
FUTURE_TOLERANCE = timedelta(minutes=10)


class Step:
    """The names stored in ``call_step.step``."""

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


# Where each step may start from. Steps that keep the status (fees, quote …) are listed too.
ALLOWED_FROM: dict[str, frozenset[str]] = {
    Step.DISPATCH: frozenset({S.REGISTERED, S.DISPATCHED}),
    Step.ARRIVE: frozenset({S.DISPATCHED}),
    Step.COMPLETE_ON_SITE: frozenset({S.ARRIVED}),
    Step.SIGN: frozenset({S.COMPLETED_ON_SITE, S.RETURNED}),
    Step.STRIKE_OFF: frozenset({S.SIGNED_ON_SITE}),
    Step.TAKE_BACK: frozenset({S.ARRIVED}),
    Step.QUOTE: frozenset({S.TAKEN_BACK}),
    Step.CONSENT: frozenset({S.TAKEN_BACK}),
    Step.START_REPAIR: frozenset({S.TAKEN_BACK}),
    Step.FINISH_REPAIR: frozenset({S.IN_REPAIR}),
    Step.INSPECT: frozenset({S.REPAIRED}),
    Step.RETURN_GOODS: frozenset({S.INSPECTED}),
    Step.RETURN_UNREPAIRED: frozenset({S.TAKEN_BACK, S.IN_REPAIR, S.REPAIRED}),
    Step.VOID_RECEIPT: frozenset({S.RETURN_SIGNED}),
    Step.CLOSE: frozenset({S.RECEIPT_VOIDED}),
    Step.CANCEL: frozenset({S.REGISTERED, S.DISPATCHED, S.ARRIVED, S.COMPLETED_ON_SITE, S.SIGNED_ON_SITE}),
    Step.SET_FEE: frozenset(
        {S.COMPLETED_ON_SITE, S.SIGNED_ON_SITE, S.TAKEN_BACK, S.IN_REPAIR, S.REPAIRED, S.INSPECTED, S.RETURNED}
    ),
    Step.COLLECT_FEE: frozenset(
        {S.COMPLETED_ON_SITE, S.SIGNED_ON_SITE, S.STRUCK_OFF, S.RETURNED, S.RETURN_SIGNED, S.RECEIPT_VOIDED, S.CLOSED}
    ),
    Step.HAND_OVER_FEE: frozenset(
        {S.COMPLETED_ON_SITE, S.SIGNED_ON_SITE, S.STRUCK_OFF, S.RETURNED, S.RETURN_SIGNED, S.RECEIPT_VOIDED, S.CLOSED}
    ),
    Step.INVOICE: frozenset(
        {S.COMPLETED_ON_SITE, S.SIGNED_ON_SITE, S.STRUCK_OFF, S.INSPECTED, S.RETURNED, S.RETURN_SIGNED,
         S.RECEIPT_VOIDED, S.CLOSED}
    ),
    Step.ESCALATE: frozenset({S.TAKEN_BACK, S.IN_REPAIR, S.REPAIRED}),
    Step.CHANGE_KIND: frozenset(s for s in S if s not in (S.STRUCK_OFF, S.CLOSED, S.CANCELLED)),
}

CLOSED_STATUSES = frozenset({S.STRUCK_OFF, S.CLOSED, S.CANCELLED})
GOODS_HELD = frozenset({S.TAKEN_BACK, S.IN_REPAIR, S.REPAIRED, S.INSPECTED})
# steps that cannot be taken back: the receipt number they voided is never valid again
IRREVERSIBLE = frozenset({Step.REGISTER, Step.VOID_RECEIPT, Step.UNDO})

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

_ILLEGAL = QT_TRANSLATE_NOOP(
    "Process", "Call {call_no} is “{status}”: the step “{step}” is not possible now."
)
_CLOSED = QT_TRANSLATE_NOOP("Process", "Call {call_no} is “{status}”: no further step is possible.")
_WHEN_MISSING = QT_TRANSLATE_NOOP("Process", "Enter the date and time of this step.")
_BEFORE_RECEIVED = QT_TRANSLATE_NOOP(
    "Process", "This time is before the call was received ({received_at})."
)
_BEFORE_LAST_STEP = QT_TRANSLATE_NOOP(
    "Process", "This time is before the previous step “{step}” ({at}); steps are recorded in order."
)
_IN_FUTURE = QT_TRANSLATE_NOOP("Process", "This time ({at}) is in the future.")
_NOT_SUPERVISOR = QT_TRANSLATE_NOOP("Process", "{name} is not a supervisor: only a supervisor may {what}.")
_NOT_ACCOUNTANT = QT_TRANSLATE_NOOP("Process", "{name} is not an accountant: only an accountant records invoices.")
_INACTIVE = QT_TRANSLATE_NOOP("Process", "{name} no longer works here (inactive).")
_WHO_MISSING = QT_TRANSLATE_NOOP("Process", "Choose who records this step.")


# --------------------------------------------------------------------------- the record


def _encode(value: object) -> object:
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    return value


def _decode(value: object) -> object:
    if isinstance(value, dict):
        if "datetime" in value:
            return datetime.fromisoformat(value["datetime"])
        if "date" in value:
            return date.fromisoformat(value["date"])
        if "decimal" in value:
            return Decimal(value["decimal"])
    return value


_TABLES: dict[str, type] = {"service_call": ServiceCall, "goods_entry": GoodsEntry, "repair_card": RepairCard}


class _Changes:
    """What a step does to the rows, remembered so that it can be taken back."""

    def __init__(self) -> None:
        self.old: list[list[Any]] = []  # [table, id, field, old value]
        self.created: list[list[Any]] = []  # [table, id]
        self._seen: set[tuple[str, int, str]] = set()

    def set(self, row: Any, field: str, value: object) -> None:
        key = (row.__tablename__, row.id, field)
        if key not in self._seen:  # the first old value is the one to restore
            self._seen.add(key)
            self.old.append([row.__tablename__, row.id, field, _encode(getattr(row, field))])
        setattr(row, field, value)

    def created_row(self, row: Any) -> None:
        self.created.append([row.__tablename__, row.id])

    def to_json(self) -> str | None:
        if not self.old and not self.created:
            return None
        return json.dumps({"old": self.old, "created": self.created}, ensure_ascii=False)


def _actor(session: Session, by_id: object, field: str = "by_id") -> Staff:
    if by_id is None:
        raise UserError(_WHO_MISSING, field=field)
    person = check_staff(session, by_id, field)
    if not person.active:
        raise UserError(_INACTIVE, field=field, name=person.name)
    return person


def _supervisor(session: Session, by_id: object, what: Msg, field: str = "by_id") -> Staff:
    person = _actor(session, by_id, field)
    if person.role != Role.SUPERVISOR.value:
        raise UserError(_NOT_SUPERVISOR, field=field, name=person.name, what=what)
    return person


def status_name(status: str) -> Msg:
    from .labels import CALL_STATUS

    return CALL_STATUS.get(status, QT_TRANSLATE_NOOP("Process", "unknown"))


def _check_allowed(call: ServiceCall, step: str) -> None:
    if call.status not in ALLOWED_FROM[step]:
        if call.status in CLOSED_STATUSES:
            raise UserError(_CLOSED, field="status", call_no=call.call_no, status=status_name(call.status))
        raise UserError(
            _ILLEGAL, field="status", call_no=call.call_no, status=status_name(call.status), step=STEP_NAMES[step]
        )


def last_step(session: Session, call_id: int, *, including_undone: bool = False) -> CallStep | None:
    """The call's latest step that still stands (not itself an undo, not taken back)."""
    undo = aliased(CallStep)
    stmt = select(CallStep).where(CallStep.call_id == call_id, CallStep.step != Step.UNDO)
    if not including_undone:
        stmt = stmt.where(~exists().where(undo.undoes_id == CallStep.id))
    return session.scalars(stmt.order_by(CallStep.id.desc()).limit(1)).first()


def _when(
    session: Session, problems: Problems, call: ServiceCall, value: object, now: datetime | None, field: str = "when"
) -> datetime | None:
    """The step's time: given, not in the future, not before the call was received nor
    before the call's previous step."""
    moment = problems.check(lambda: require(parse_datetime(value, field), field, _WHEN_MISSING))
    if moment is None:
        return None
    current = now or clock.now()
    if moment > current + FUTURE_TOLERANCE:
        problems.report(_IN_FUTURE, field=field, at=moment.strftime("%Y-%m-%d %H:%M"))
        return None
    if moment < call.received_at:
        problems.report(_BEFORE_RECEIVED, field=field, received_at=call.received_at.strftime("%Y-%m-%d %H:%M"))
        return None
    previous = last_step(session, call.id)
    if previous is not None and moment < previous.happened_at:
        problems.report(
            _BEFORE_LAST_STEP,
            field=field,
            step=STEP_NAMES.get(previous.step, previous.step),
            at=previous.happened_at.strftime("%Y-%m-%d %H:%M"),
        )
        return None
    return moment


def _record(
    session: Session,
    call: ServiceCall,
    step: str,
    to_status: str | None,
    when: datetime,
    by: Staff | None,
    changes: _Changes,
    note: str | None = None,
) -> CallStep:
    from_status = call.status
    if to_status is not None and to_status != call.status:
        changes.set(call, "status", to_status)
    row = CallStep(
        call_id=call.id,
        step=step,
        from_status=from_status,
        to_status=call.status,
        happened_at=when,
        recorded_at=clock.now(),
        by_id=by.id if by else None,
        note=note,
        changes=changes.to_json(),
    )
    session.add(row)
    session.flush()
    return row


def record_registration(session: Session, call: ServiceCall) -> CallStep:
    """The first line of every call's history (called by ``calls.register_call``)."""
    row = CallStep(
        call_id=call.id,
        step=Step.REGISTER,
        from_status="",
        to_status=call.status,
        happened_at=call.received_at,
        recorded_at=clock.now(),
        by_id=call.registered_by_id,
    )
    session.add(row)
    return row


def _call(session: Session, call_id: int) -> ServiceCall:
    return fetch(session, ServiceCall, call_id, "call_id", NO_CALL)


def _card_of(session: Session, call: ServiceCall) -> RepairCard | None:
    return session.scalars(
        select(RepairCard)
        .where(RepairCard.call_id == call.id, RepairCard.status != RepairCardStatus.CANCELLED.value)
        .order_by(RepairCard.id.desc())
    ).first()


def _goods_of(session: Session, call: ServiceCall) -> GoodsEntry | None:
    card = _card_of(session, call)
    if card is not None and card.goods_entry is not None:
        return card.goods_entry
    return session.scalars(
        select(GoodsEntry)
        .where(GoodsEntry.call_id == call.id, GoodsEntry.receipt_voided_at.is_(None))
        .order_by(GoodsEntry.id.desc())
    ).first()


def repair_card_of(session: Session, call_id: int) -> RepairCard | None:
    """The repair card the call's goods carry now (not one cancelled by a taken-back step)."""
    return _card_of(session, _call(session, call_id))


def goods_entry_of(session: Session, call_id: int) -> GoodsEntry | None:
    return _goods_of(session, _call(session, call_id))


def _hours(problems: Problems, value: object, field: str, missing: Msg) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.report(missing, field=field)
        return None
    return problems.check(parse_decimal, value, field, minimum=0, places=2, maximum=MAX_HOURS)


def _money(problems: Problems, value: object, field: str) -> Decimal | None:
    return problems.check(parse_decimal, value, field, minimum=0, places=2, maximum=MAX_MONEY)


def _log_work(
    session: Session, call: ServiceCall, step: CallStep, technician_id: int, day: date, mode: str, hours: Decimal,
    card: RepairCard | None = None,
) -> WorkLog:
    """S10–S12: the work is logged as it is recorded, with the job's kind at that moment."""
    row = WorkLog(
        call_id=call.id,
        card_id=card.id if card else None,
        technician_id=technician_id,
        work_day=day,
        service_kind=call.service_kind,
        mode=mode,
        hours=hours,
        step_id=step.id,
    )
    session.add(row)
    session.flush()
    return row


# --------------------------------------------------------------------------- dispatch, on site


def dispatch(
    session: Session, call_id: int, technician_id: int, when: datetime | str, by_id: int | None,
    *, now: datetime | None = None,
) -> ServiceCall:
    """S3: the supervisor gives the call to a technician (or to another one while nobody
    has arrived yet); the register shows who and when."""
    call = _call(session, call_id)
    _check_allowed(call, Step.DISPATCH)
    problems = Problems()
    who = problems.check(_supervisor, session, by_id, QT_TRANSLATE_NOOP("Process", "dispatch calls"))
    technician = problems.check(check_technician, session, technician_id, "technician_id")
    moment = _when(session, problems, call, when, now, "dispatched_at")
    problems.raise_if_any()
    assert technician is not None and moment is not None and who is not None
    changes = _Changes()
    note = None
    if call.technician_id not in (None, technician.id):
        previous = session.get(Staff, call.technician_id)
        note = f"{previous.name if previous else call.technician_id} → {technician.name}"
    else:
        note = technician.name
    changes.set(call, "technician_id", technician.id)
    changes.set(call, "dispatched_at", moment)
    _record(session, call, Step.DISPATCH, S.DISPATCHED, moment, who, changes, note)
    return call


def _dated_step(
    session: Session, call_id: int, step: str, to_status: str, field: str, when: object, by_id: object,
    now: datetime | None,
) -> ServiceCall:
    """A step that only records when it happened, in the call's ``field``."""
    call = _call(session, call_id)
    _check_allowed(call, step)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, field)
    problems.raise_if_any()
    assert moment is not None
    changes = _Changes()
    changes.set(call, field, moment)
    _record(session, call, step, to_status, moment, who, changes)
    return call


def arrive(session: Session, call_id: int, when: datetime | str, by_id: int | None, *, now: datetime | None = None) -> ServiceCall:
    """S4, S14: the technician's arrival at the customer (it stops the S14 clock)."""
    return _dated_step(session, call_id, Step.ARRIVE, S.ARRIVED, "arrived_at", when, by_id, now)


def complete_on_site(
    session: Session,
    call_id: int,
    *,
    when: datetime | str,
    work_done: str,
    hours_spent: object,
    by_id: int | None,
    fee: object = None,
    fee_override_reason: str | None = None,
    payment_method: str | None = None,
    fee_collected: object = None,
    now: datetime | None = None,
) -> ServiceCall:
    """S4, S5: the work done on site and the time it took. A paid job (A) carries its fee
    — computed from the on-site labour rate unless entered (another amount needs a reason)
    — and whether it was collected on site or is to be invoiced."""
    call = _call(session, call_id)
    _check_allowed(call, Step.COMPLETE_ON_SITE)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, "completed_at")
    work = problems.check(
        require_text, work_done, "work_done", QT_TRANSLATE_NOOP("Process", "Describe the work done."),
        max_length=None,
    )
    hours = _hours(problems, hours_spent, "hours_spent", QT_TRANSLATE_NOOP("Process", "Enter the time spent (hours)."))
    fee_values = _fee_values(
        session, problems, call, WorkMode.ON_SITE.value, moment, hours, Decimal("0"), fee, fee_override_reason,
        payment_method, fee_collected,
    )
    problems.raise_if_any()
    assert moment is not None and hours is not None
    changes = _Changes()
    changes.set(call, "work_done", work)
    changes.set(call, "hours_spent", hours)
    for name, value in fee_values.items():
        changes.set(call, name, value)
    step = _record(session, call, Step.COMPLETE_ON_SITE, S.COMPLETED_ON_SITE, moment, who, changes)
    if call.technician_id is not None:
        _log_work(session, call, step, call.technician_id, moment.date(), WorkMode.ON_SITE.value, hours)
    return call


def _fee_values(
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
            problems.report(
                QT_TRANSLATE_NOOP("Process", "A {kind} job carries no fee; change the service kind first if the customer pays."),
                field="fee",
                kind=call.service_kind,
            )
        return {}
    computed = None
    if moment is not None and hours is not None:
        computed = pricing.job_fee(session, mode, moment.date(), hours, parts)
    given = _money(problems, fee, "fee") if fee not in (None, "") else None
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
                require_text, reason, "fee_override_reason",
                QT_TRANSLATE_NOOP("Process", "The computed fee is {computed}; give the reason for charging {fee}."),
                computed=f"{computed:.2f}", fee=f"{given:.2f}",
            )
        values["fee"], values["fee_override_reason"] = given, clean_reason
    if payment_method not in (None, ""):
        method = problems.check(
            check_choice, payment_method, PaymentMethod, "payment_method",
            QT_TRANSLATE_NOOP("Process", "Choose whether the fee was collected on site or is to be invoiced."),
        )
        values["payment_method"] = method
        if method == PaymentMethod.COLLECTED.value:
            amount = _money(problems, collected, "fee_collected") if collected not in (None, "") else values.get("fee")
            if amount is None and not problems.has("fee_collected"):
                problems.report(QT_TRANSLATE_NOOP("Process", "Enter the amount collected."), field="fee_collected")
            values["fee_collected"] = amount
    return values


def sign(
    session: Session, call_id: int, *, signed_by: str, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> ServiceCall:
    """S4, S7: the customer signs the service voucher — after the work on site, or when
    the goods come back."""
    call = _call(session, call_id)
    _check_allowed(call, Step.SIGN)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, "signed_at")
    signer = problems.check(
        require_text, signed_by, "signed_by", QT_TRANSLATE_NOOP("Process", "Enter the name of the person who signed."),
        max_length=column_length(ServiceCall, "signed_by"),
    )
    if call.service_kind == ServiceKind.PAID.value and call.fee is None:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "A paid job is signed with its fee: set the fee first."), field="fee"
        )
    problems.raise_if_any()
    changes = _Changes()
    changes.set(call, "signed_by", signer)
    changes.set(call, "signed_at", moment)
    target = S.SIGNED_ON_SITE
    if call.status == S.RETURNED:
        target = S.RETURN_SIGNED
        entry = _goods_of(session, call)
        if entry is not None:
            changes.set(entry, "received_back_by", signer)
    assert moment is not None
    _record(session, call, Step.SIGN, target, moment, who, changes, signer)
    return call


def strike_off(session: Session, call_id: int, when: datetime | str, by_id: int | None, *, now: datetime | None = None) -> ServiceCall:
    """S4: the signed voucher is back; the clerk strikes the call off the register (注销)."""
    return _dated_step(session, call_id, Step.STRIKE_OFF, S.STRUCK_OFF, "closed_at", when, by_id, now)


# --------------------------------------------------------------------------- taken back


def take_back(
    session: Session,
    call_id: int,
    *,
    when: datetime | str,
    by_id: int | None,
    condition: str | None = None,
    accessories: str | None = None,
    promised_date: date | str | None = None,
    note: str | None = None,
    hours_spent: object = None,
    now: datetime | None = None,
) -> tuple[GoodsEntry, RepairCard]:
    """S6: the goods cannot be fixed on site. In one step: the goods register line with the
    next goods-receipt number (condition 外观 and accessories 配件 as taken in) and the
    repair card with the next repair-card number. ``hours_spent`` on the visit goes into
    the work log as on-site work (S10)."""
    call = _call(session, call_id)
    _check_allowed(call, Step.TAKE_BACK)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, "taken_in_at")
    clean_note = problems.check(optional_text, note, "note")
    hours = None
    if hours_spent not in (None, ""):
        hours = problems.check(parse_decimal, hours_spent, "hours_spent", minimum=0, places=2, maximum=MAX_HOURS)
    problems.raise_if_any()
    assert moment is not None and who is not None
    entry = goods_service.take_in(
        session,
        customer_id=call.customer_id,
        call_id=call.id,
        taken_in_at=moment,
        taken_in_by_id=call.technician_id or who.id,
        condition=condition,
        accessories=accessories,
        promised_date=promised_date,
    )
    card = repair_service.open_card(
        session, opened_at=moment, goods_entry_id=entry.id, call_id=call.id, technician_id=call.technician_id
    )
    changes = _Changes()
    changes.created_row(entry)
    changes.created_row(card)
    if hours is not None:
        changes.set(call, "hours_spent", hours)
    step = _record(session, call, Step.TAKE_BACK, S.TAKEN_BACK, moment, who, changes, clean_note)
    if hours and call.technician_id is not None:
        # S10: the visit that ended in taking the goods back is work on site too
        _log_work(session, call, step, call.technician_id, moment.date(), WorkMode.ON_SITE.value, hours)
    return entry, card


def _current_card(session: Session, call: ServiceCall) -> RepairCard:
    card = _card_of(session, call)
    if card is None:  # a call taken back always has one; a hand-edited database may not
        raise UserError(
            QT_TRANSLATE_NOOP("Process", "Call {call_no} has no repair card."), field="card", call_no=call.call_no
        )
    return card


def record_quote(
    session: Session, call_id: int, *, amount: object, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> RepairCard:
    """A paid repair (A): what the repair will cost, told to the customer before work starts."""
    call = _call(session, call_id)
    _check_allowed(call, Step.QUOTE)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, "quoted_at")
    if call.service_kind != ServiceKind.PAID.value:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Only a paid repair (A) needs a quote."), field="quote_amount"
        )
    if amount in (None, ""):
        problems.report(QT_TRANSLATE_NOOP("Process", "Enter the amount quoted."), field="quote_amount")
        value = None
    else:
        value = _money(problems, amount, "quote_amount")
    problems.raise_if_any()
    assert moment is not None and value is not None
    card = _current_card(session, call)
    changes = _Changes()
    changes.set(card, "quote_amount", value)
    changes.set(card, "quoted_at", moment)
    # a new quote needs a new answer
    changes.set(card, "consent_given", None)
    changes.set(card, "consent_by", None)
    changes.set(card, "consent_at", None)
    changes.set(card, "consent_channel", None)
    _record(session, call, Step.QUOTE, None, moment, who, changes, f"{value:.2f}")
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
    call = _call(session, call_id)
    _check_allowed(call, Step.CONSENT)
    card = _current_card(session, call)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, "consent_at")
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
    changes = _Changes()
    changes.set(card, "consent_given", bool(given))
    changes.set(card, "consent_by", person)
    changes.set(card, "consent_at", moment)
    changes.set(card, "consent_channel", how)
    _record(session, call, Step.CONSENT, None, moment, who, changes, person)
    return card


def start_repair(session: Session, call_id: int, when: datetime | str, by_id: int | None, *, now: datetime | None = None) -> RepairCard:
    """Work on the goods begins; a paid repair only once the customer agreed to the quote."""
    call = _call(session, call_id)
    _check_allowed(call, Step.START_REPAIR)
    card = _current_card(session, call)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, "started_at")
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
    changes = _Changes()
    changes.set(card, "status", RepairCardStatus.IN_REPAIR.value)
    _record(session, call, Step.START_REPAIR, S.IN_REPAIR, moment, who, changes)
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
    call = _call(session, call_id)
    _check_allowed(call, Step.FINISH_REPAIR)
    card = _current_card(session, call)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, "repaired_at")
    hours = _hours(problems, repair_hours, "repair_hours", QT_TRANSLATE_NOOP("Process", "Enter the actual repair time (hours)."))
    work = problems.check(optional_text, work_done, "work_done")
    technician = None
    tech_id = technician_id if technician_id is not None else (card.technician_id or call.technician_id)
    if tech_id is None:
        problems.report(QT_TRANSLATE_NOOP("Process", "Choose the technician who did the repair."), field="technician_id")
    else:
        technician = problems.check(check_technician, session, tech_id, "technician_id")
    problems.raise_if_any()
    assert moment is not None and hours is not None and technician is not None
    changes = _Changes()
    changes.set(card, "repair_hours", hours)
    changes.set(card, "repaired_at", moment)
    changes.set(card, "technician_id", technician.id)
    changes.set(card, "status", RepairCardStatus.REPAIRED.value)
    if work is not None:
        changes.set(card, "work_done", work)
    if call.service_kind == ServiceKind.PAID.value:
        labour = pricing.labour_fee(session, WorkMode.REPAIR.value, moment.date(), hours)
        if labour is not None:
            changes.set(card, "labour_fee", labour)
        computed = pricing.job_fee(session, WorkMode.REPAIR.value, moment.date(), hours, repair_service.parts_total(card))
        changes.set(call, "fee_computed", computed)
        if call.fee_override_reason is None:
            changes.set(call, "fee", computed)
    step = _record(session, call, Step.FINISH_REPAIR, S.REPAIRED, moment, who, changes, work)
    _log_work(session, call, step, technician.id, moment.date(), WorkMode.REPAIR.value, hours, card)
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
    call = _call(session, call_id)
    _check_allowed(call, Step.INSPECT)
    card = _current_card(session, call)
    problems = Problems()
    who = problems.check(_supervisor, session, by_id, QT_TRANSLATE_NOOP("Process", "inspect repairs"))
    moment = _when(session, problems, call, when, now, "inspected_at")
    if passed:
        clean_note = problems.check(optional_text, note, "inspection_result")
    else:
        clean_note = problems.check(
            require_text, note, "inspection_result",
            QT_TRANSLATE_NOOP("Process", "Say what is wrong: the repair goes back to the technician with it."),
        )
    problems.raise_if_any()
    assert moment is not None and who is not None
    changes = _Changes()
    changes.set(card, "inspected_by_id", who.id)
    changes.set(card, "inspected_at", moment)
    changes.set(card, "inspection_passed", bool(passed))
    changes.set(card, "inspection_result", clean_note)
    changes.set(card, "status", (RepairCardStatus.INSPECTED if passed else RepairCardStatus.IN_REPAIR).value)
    _record(session, call, Step.INSPECT, S.INSPECTED if passed else S.IN_REPAIR, moment, who, changes, clean_note)
    return card


def return_goods(session: Session, call_id: int, when: datetime | str, by_id: int | None, *, now: datetime | None = None) -> GoodsEntry:
    """S7: after the inspection, the return date goes in the goods register and the goods
    go back to the customer with the voucher."""
    call = _call(session, call_id)
    if call.status in (S.TAKEN_BACK, S.IN_REPAIR, S.REPAIRED):
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Process",
                "The repair of call {call_no} has not passed the supervisor's inspection: the goods cannot go back yet (or return them unrepaired).",
            ),
            field="status",
            call_no=call.call_no,
        )
    _check_allowed(call, Step.RETURN_GOODS)
    return _give_back(session, call, Step.RETURN_GOODS, ReturnOutcome.REPAIRED.value, when, by_id, None, now)


def return_unrepaired(
    session: Session, call_id: int, *, reason: str, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> GoodsEntry:
    """The goods go back without repair: the customer declined the quote, or it cannot be
    repaired. The reason is kept."""
    call = _call(session, call_id)
    _check_allowed(call, Step.RETURN_UNREPAIRED)
    return _give_back(session, call, Step.RETURN_UNREPAIRED, ReturnOutcome.UNREPAIRED.value, when, by_id, reason, now)


def _give_back(
    session: Session, call: ServiceCall, step: str, outcome: str, when: object, by_id: object, reason: object,
    now: datetime | None,
) -> GoodsEntry:
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, "returned_at")
    clean_reason = None
    if outcome == ReturnOutcome.UNREPAIRED.value:
        clean_reason = problems.check(
            require_text, reason, "reason", QT_TRANSLATE_NOOP("Process", "Say why the goods go back unrepaired.")
        )
    problems.raise_if_any()
    assert moment is not None and who is not None
    entry = _goods_of(session, call)
    if entry is None:
        raise UserError(
            QT_TRANSLATE_NOOP("Process", "Call {call_no} has no goods in the goods register."),
            field="goods", call_no=call.call_no,
        )
    changes = _Changes()
    changes.set(entry, "returned_at", moment)
    changes.set(entry, "returned_by_id", who.id)
    changes.set(entry, "return_outcome", outcome)
    card = _card_of(session, call)
    if card is not None:
        changes.set(card, "status", RepairCardStatus.RETURNED.value)
    _record(session, call, step, S.RETURNED, moment, who, changes, clean_reason)
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
    voided receipt number is never valid again."""
    call = _call(session, call_id)
    _check_allowed(call, Step.VOID_RECEIPT)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, "receipt_voided_at")
    entry = _goods_of(session, call)
    number = (receipt_no or "").strip().upper()
    document = problems.check(optional_text, identity_document, "identity_document",
                              max_length=column_length(GoodsEntry, "identity_document"))
    if entry is None:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Call {call_no} has no goods in the goods register."),
            field="receipt_no", call_no=call.call_no,
        )
    elif number:
        check_receipt_number(session, number, expected=entry)
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
    changes = _Changes()
    changes.set(entry, "receipt_voided_at", moment)
    if not number:
        changes.set(entry, "receipt_lost", True)
        changes.set(entry, "identity_checked_by_id", who.id)
        changes.set(entry, "identity_document", document)
    _record(session, call, Step.VOID_RECEIPT, S.RECEIPT_VOIDED, moment, who, changes,
            entry.receipt_no if number else document)
    return entry


def check_receipt_number(session: Session, receipt_no: str, expected: GoodsEntry | None = None) -> GoodsEntry:
    """The goods entry a presented receipt belongs to; a voided or unknown number, or the
    receipt of other goods, is refused."""
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
            QT_TRANSLATE_NOOP("Process", "Receipt {receipt_no} is for other goods, not for receipt {expected}."),
            field="receipt_no", receipt_no=number, expected=expected.receipt_no,
        )
    return entry


def close(session: Session, call_id: int, when: datetime | str, by_id: int | None, *, now: datetime | None = None) -> ServiceCall:
    """S7: the voucher is filed and the call closed."""
    return _dated_step(session, call_id, Step.CLOSE, S.CLOSED, "closed_at", when, by_id, now)


def cancel(
    session: Session, call_id: int, *, reason: str, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> ServiceCall:
    """A call withdrawn or registered in error, with the reason. Goods already taken back
    are not cancelled away: they go back to the customer (``return_unrepaired``)."""
    call = _call(session, call_id)
    if call.status in GOODS_HELD:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Process",
                "The goods of call {call_no} are with us: give them back (unrepaired if need be) instead of cancelling the call.",
            ),
            field="status", call_no=call.call_no,
        )
    _check_allowed(call, Step.CANCEL)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, "closed_at")
    clean_reason = problems.check(
        require_text, reason, "reason", QT_TRANSLATE_NOOP("Process", "Give the reason for cancelling the call.")
    )
    problems.raise_if_any()
    assert moment is not None
    changes = _Changes()
    changes.set(call, "cancel_reason", clean_reason)
    changes.set(call, "closed_at", moment)
    _record(session, call, Step.CANCEL, S.CANCELLED, moment, who, changes, clean_reason)
    return call


# --------------------------------------------------------------------------- fees (S5, S8)


def set_fee(
    session: Session, call_id: int, *, fee: object, reason: str | None, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> ServiceCall:
    """A paid job's fee entered or changed; another amount than the computed one needs a reason."""
    call = _call(session, call_id)
    _check_allowed(call, Step.SET_FEE)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, "fee_at")
    if call.service_kind != ServiceKind.PAID.value:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "A {kind} job carries no fee; change the service kind first if the customer pays."),
            field="fee", kind=call.service_kind,
        )
    if call.invoice_no is not None:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Invoice {invoice_no} is already issued for this fee."),
            field="fee", invoice_no=call.invoice_no,
        )
    amount = None
    if fee in (None, ""):
        problems.report(QT_TRANSLATE_NOOP("Process", "Enter the fee."), field="fee")
    else:
        amount = _money(problems, fee, "fee")
    clean_reason = None
    if amount is not None and amount != call.fee_computed:
        clean_reason = problems.check(
            require_text, reason, "fee_override_reason",
            QT_TRANSLATE_NOOP("Process", "The computed fee is {computed}; give the reason for charging {fee}."),
            computed="—" if call.fee_computed is None else f"{call.fee_computed:.2f}", fee=f"{amount:.2f}",
        )
    problems.raise_if_any()
    assert moment is not None and amount is not None
    changes = _Changes()
    changes.set(call, "fee", amount)
    changes.set(call, "fee_override_reason", clean_reason)
    _record(session, call, Step.SET_FEE, None, moment, who, changes, clean_reason or f"{amount:.2f}")
    return call


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
    call = _call(session, call_id)
    _check_allowed(call, Step.COLLECT_FEE)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, "collected_at")
    _paid_with_fee(problems, call)
    value = None
    if amount in (None, ""):
        problems.report(QT_TRANSLATE_NOOP("Process", "Enter the amount collected."), field="fee_collected")
    else:
        value = _money(problems, amount, "fee_collected")
    problems.raise_if_any()
    assert moment is not None and value is not None
    changes = _Changes()
    changes.set(call, "payment_method", PaymentMethod.COLLECTED.value)
    changes.set(call, "fee_collected", value)
    _record(session, call, Step.COLLECT_FEE, None, moment, who, changes, f"{value:.2f}")
    return call


def hand_over_fee(
    session: Session, call_id: int, *, accountant_id: int, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> ServiceCall:
    """S5: the money collected on site is handed to the accountant."""
    call = _call(session, call_id)
    _check_allowed(call, Step.HAND_OVER_FEE)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, "fee_handed_at")
    accountant = problems.check(_actor, session, accountant_id, "fee_handed_to_id")
    if accountant is not None and accountant.role != Role.ACCOUNTANT.value:
        problems.report(_NOT_ACCOUNTANT, field="fee_handed_to_id", name=accountant.name)
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
    changes = _Changes()
    changes.set(call, "fee_handed_at", moment)
    changes.set(call, "fee_handed_to_id", accountant.id)
    _record(session, call, Step.HAND_OVER_FEE, None, moment, who, changes, accountant.name)
    return call


def record_invoice(
    session: Session, call_id: int, *, invoice_no: str, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> ServiceCall:
    """S5, S8: the accountant records the number of the invoice issued in the tax-control
    system (this program never makes invoice numbers)."""
    call = _call(session, call_id)
    _check_allowed(call, Step.INVOICE)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    if who is not None and who.role != Role.ACCOUNTANT.value:
        problems.report(_NOT_ACCOUNTANT, field="by_id", name=who.name)
    moment = _when(session, problems, call, when, now, "invoice_at")
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
    changes = _Changes()
    changes.set(call, "invoice_no", number)
    changes.set(call, "invoice_at", moment)
    changes.set(call, "invoice_by_id", who.id if who else None)
    if call.payment_method is None:
        changes.set(call, "payment_method", PaymentMethod.INVOICE.value)
    _record(session, call, Step.INVOICE, None, moment, who, changes, number)
    return call


def change_kind(
    session: Session, call_id: int, *, kind: str, reason: str, by_id: int | None = None,
    now: datetime | None = None,
) -> ServiceCall:
    """S1: the clerk sets the service kind against the proposal; the reason is kept. A job
    that is no longer paid drops its fee; one whose invoice is issued keeps its kind."""
    call = _call(session, call_id)
    _check_allowed(call, Step.CHANGE_KIND)
    problems = Problems()
    who = problems.check(_actor, session, by_id) if by_id is not None else None
    clean_kind = problems.check(check_kind, kind)
    clean_reason = problems.check(require_text, reason, "kind_override_reason", CHANGE_REASON_MISSING)
    if call.invoice_no is not None and clean_kind != call.service_kind:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Invoice {invoice_no} is already issued: the service kind cannot change."),
            field="service_kind", invoice_no=call.invoice_no,
        )
    problems.raise_if_any()
    moment = now or clock.now()
    previous = last_step(session, call.id)
    if previous is not None and moment < previous.happened_at:
        moment = previous.happened_at  # a correction keeps the history in order
    changes = _Changes()
    note = f"{call.service_kind} → {clean_kind}: {clean_reason}"
    changes.set(call, "service_kind", clean_kind)
    changes.set(call, "kind_override_reason", clean_reason)
    if clean_kind != ServiceKind.PAID.value:
        for name in ("fee", "fee_computed", "fee_override_reason", "payment_method", "fee_collected"):
            if getattr(call, name) is not None:
                changes.set(call, name, None)
    _record(session, call, Step.CHANGE_KIND, None, moment, who, changes, note)
    return call


# --------------------------------------------------------------------------- I6


def reassign_technician(
    session: Session, call_id: int, technician_id: int, *, reason: str, by_id: int | None,
    leaving_id: int | None = None, now: datetime | None = None,
) -> ServiceCall:
    """The work of ``leaving_id`` (by default the call's technician) on an open call goes to
    another technician whatever the call's status: the call if it is theirs, the repair card
    if they repair it (the one who went on site and the one in the workshop may differ). The
    hand-over of someone who leaves (I6). Kept in the call's history like any step, with the
    values it replaced, so that a supervisor can take it back.

    Not one of ``ALLOWED_FROM``'s steps: it keeps the status and is no button of the call's
    dialog (a call not yet on site is simply dispatched again)."""
    call = _call(session, call_id)
    if call.status in CLOSED_STATUSES:
        raise UserError(_CLOSED, field="status", call_no=call.call_no, status=status_name(call.status))
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    technician = problems.check(check_technician, session, technician_id, "technician_id")
    clean_reason = problems.check(
        require_text, reason, "reason", QT_TRANSLATE_NOOP("Process", "Give the reason for handing the call over."))
    card = _card_of(session, call)
    if card is not None and card.status in (RepairCardStatus.CANCELLED.value, RepairCardStatus.RETURNED.value):
        card = None
    previous_id = leaving_id if leaving_id is not None else call.technician_id
    moves_call = previous_id is not None and call.technician_id == previous_id
    moves_card = card is not None and (card.technician_id == previous_id or (moves_call and card.technician_id is None))
    if previous_id is None:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Call {call_no} has no technician yet: dispatch it instead."),
            field="technician_id", call_no=call.call_no,
        )
    elif not (moves_call or moves_card):
        previous = session.get(Staff, previous_id)
        problems.report(
            QT_TRANSLATE_NOOP("Process", "{name} has no work on call {call_no}."),
            field="technician_id", call_no=call.call_no, name=previous.name if previous else previous_id,
        )
    elif technician is not None and technician.id == previous_id:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Call {call_no} is already {name}'s."),
            field="technician_id", call_no=call.call_no, name=technician.name,
        )
    problems.raise_if_any()
    assert who is not None and technician is not None and previous_id is not None
    moment = now or clock.now()
    previous_step = last_step(session, call.id)
    if previous_step is not None and moment < previous_step.happened_at:
        moment = previous_step.happened_at  # the history stays in order
    previous = session.get(Staff, previous_id)
    changes = _Changes()
    if moves_call:
        changes.set(call, "technician_id", technician.id)
    if moves_card:
        changes.set(card, "technician_id", technician.id)
    note = f"{previous.name if previous else previous_id} → {technician.name}: {clean_reason}"
    _record(session, call, Step.REASSIGN, None, moment, who, changes, note)
    return call


# --------------------------------------------------------------------------- S9


def escalate(
    session: Session, call_id: int, *, note: str, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> RepairCard:
    """S9: the technician tells the supervisor the repair will miss its promised date, and why."""
    call = _call(session, call_id)
    _check_allowed(call, Step.ESCALATE)
    card = _current_card(session, call)
    problems = Problems()
    who = problems.check(_actor, session, by_id)
    moment = _when(session, problems, call, when, now, "escalated_at")
    clean_note = problems.check(
        require_text, note, "escalation_note",
        QT_TRANSLATE_NOOP("Process", "Say why the repair will miss its promised date and what is needed."),
    )
    problems.raise_if_any()
    assert moment is not None and who is not None
    changes = _Changes()
    changes.set(card, "escalation_note", clean_note)
    changes.set(card, "escalated_at", moment)
    changes.set(card, "escalated_by_id", who.id)
    _record(session, call, Step.ESCALATE, None, moment, who, changes, clean_note)
    return card


# --------------------------------------------------------------------------- taking a step back


def undo_last_step(
    session: Session, call_id: int, *, reason: str, by_id: int | None, now: datetime | None = None
) -> CallStep:
    """A supervisor takes back the call's latest step, recorded by mistake, with a reason.

    The values the step replaced come back; the step and its taking back both stay in the
    history. A taken-back take-back voids its goods receipt and cancels its repair card
    (their numbers were issued and are never reused); work it logged is marked void.
    Registration and a voided receipt cannot be taken back."""
    call = _call(session, call_id)
    problems = Problems()
    who = problems.check(_supervisor, session, by_id, QT_TRANSLATE_NOOP("Process", "take back a step"))
    clean_reason = problems.check(
        require_text, reason, "reason", QT_TRANSLATE_NOOP("Process", "Give the reason for taking the step back.")
    )
    step = last_step(session, call.id)
    if step is None or step.step == Step.REGISTER:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Call {call_no} has no step to take back; cancel the call instead."),
            field="step", call_no=call.call_no,
        )
    elif step.changes is None:
        # a step written by another program (the demo, an import) without what it replaced
        problems.report(
            QT_TRANSLATE_NOOP("Process", "The step “{step}” was recorded without its details and cannot be taken back."),
            field="step", step=STEP_NAMES.get(step.step, step.step),
        )
    elif step.step in IRREVERSIBLE:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "The step “{step}” cannot be taken back: a voided receipt stays voided."),
            field="step", step=STEP_NAMES[step.step],
        )
    problems.raise_if_any()
    assert step is not None and who is not None
    moment = now or clock.now()
    before = call.status
    data = json.loads(step.changes) if step.changes else {"old": [], "created": []}
    for table, row_id, field, old in reversed(data["old"]):
        row = session.get(_TABLES[table], row_id)
        if row is not None:
            setattr(row, field, _decode(old))
    for table, row_id in data["created"]:
        row = session.get(_TABLES[table], row_id)
        if isinstance(row, GoodsEntry) and row.receipt_voided_at is None:
            row.receipt_voided_at = moment
        elif isinstance(row, RepairCard):
            row.status = RepairCardStatus.CANCELLED.value
    if step.from_status and call.status != step.from_status:
        call.status = step.from_status
    row = CallStep(
        call_id=call.id,
        step=Step.UNDO,
        from_status=before,
        to_status=call.status,
        happened_at=moment,
        recorded_at=clock.now(),
        by_id=who.id,
        note=clean_reason,
        undoes_id=step.id,
    )
    session.add(row)
    session.flush()
    for log in session.scalars(select(WorkLog).where(WorkLog.step_id == step.id, WorkLog.voided_by_step_id.is_(None))):
        log.voided_by_step_id = row.id
    session.flush()
    return row


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class HistoryLine:
    id: int
    step: str
    step_name: Msg
    from_status: str
    to_status: str
    happened_at: datetime
    recorded_at: datetime
    by: str | None
    note: str | None
    undoes_id: int | None
    undone: bool  # a later line took this one back


def history(session: Session, call_id: int) -> list[HistoryLine]:
    """The call's history, oldest first, for the call's dialog."""
    _call(session, call_id)
    rows = session.execute(
        select(CallStep, Staff.name).outerjoin(Staff, Staff.id == CallStep.by_id)
        .where(CallStep.call_id == call_id).order_by(CallStep.id)
    ).all()
    undone = {step.undoes_id for step, _ in rows if step.undoes_id is not None}
    return [
        HistoryLine(
            id=step.id,
            step=step.step,
            step_name=STEP_NAMES.get(step.step, QT_TRANSLATE_NOOP("Process", "unknown")),
            from_status=step.from_status,
            to_status=step.to_status,
            happened_at=step.happened_at,
            recorded_at=step.recorded_at,
            by=name,
            note=step.note,
            undoes_id=step.undoes_id,
            undone=step.id in undone,
        )
        for step, name in rows
    ]


# steps only a paid job (A) can take: the services refuse them for B and C
PAID_ONLY = frozenset({Step.QUOTE, Step.CONSENT, Step.SET_FEE, Step.COLLECT_FEE, Step.HAND_OVER_FEE, Step.INVOICE})


def next_steps(status: str, service_kind: str | None = None) -> list[str]:
    """The steps the call's status allows now (the buttons of the call's dialog); given the
    service kind, without the fee and quote steps of a job that is not paid."""
    paid = service_kind in (None, ServiceKind.PAID.value)
    return [step for step, allowed in ALLOWED_FROM.items() if status in allowed and (paid or step not in PAID_ONLY)]


# --------------------------------------------------------------------------- what the forms propose

# Who may take a step, for the views to grey out what the current user may not do; the step
# functions check it again (``_supervisor``, ``record_invoice``).
STEP_ROLES: dict[str, str] = {
    Step.DISPATCH: Role.SUPERVISOR.value,
    Step.INSPECT: Role.SUPERVISOR.value,
    Step.UNDO: Role.SUPERVISOR.value,
    Step.INVOICE: Role.ACCOUNTANT.value,
}

QUARTER_HOUR = Decimal("0.25")


def step_to_undo(session: Session, call_id: int) -> CallStep | None:
    """The step ``undo_last_step`` would take back now, or None when there is none (only
    the registration left, or a voided receipt, which stays voided)."""
    step = last_step(session, call_id)
    if step is None or step.step in IRREVERSIBLE:
        return None
    return step


def work_started_at(session: Session, call_id: int) -> datetime | None:
    """When the work now going on began: the arrival on site, or the start of the repair
    (or its return from a failed inspection)."""
    call = _call(session, call_id)
    if call.status == S.ARRIVED:
        return call.arrived_at
    if call.status == S.IN_REPAIR:
        undo = aliased(CallStep)
        return session.scalars(
            select(CallStep.happened_at)
            .where(
                CallStep.call_id == call.id,
                CallStep.to_status == S.IN_REPAIR.value,
                CallStep.from_status != S.IN_REPAIR.value,
                CallStep.step != Step.UNDO,
                ~exists().where(undo.undoes_id == CallStep.id),
            )
            .order_by(CallStep.id.desc())
            .limit(1)
        ).first()
    return None


def proposed_hours(session: Session, call_id: int, now: datetime | None = None) -> Decimal | None:
    """S10: the time spent the completion forms propose, to the quarter hour and at least a
    quarter: for a visit that began today, the time since arrival; otherwise (a repair, or
    a visit recorded on a later day) the working hours (branch calendar) since the work
    began. None when the work has no start."""
    from .calendar import calendar_from_database

    start = work_started_at(session, call_id)
    if start is None:
        return None
    end = now or clock.now()
    if _call(session, call_id).status == S.ARRIVED and start.date() == end.date():
        # a visit is the time actually spent there, lunch or Saturday included
        hours = max((end - start).total_seconds() / 3600, 0.0)
    else:
        hours = calendar_from_database(session).working_hours_between(start, end)
    quarters = (Decimal(str(hours)) / QUARTER_HOUR).quantize(Decimal(1), rounding="ROUND_HALF_UP")
    return max(quarters * QUARTER_HOUR, QUARTER_HOUR)


def proposed_fee(session: Session, call_id: int, mode: str, when: datetime, hours: object) -> Decimal | None:
    """S5, S7: the fee ``complete_on_site`` (mode on site) or ``finish_repair`` (mode repair,
    with the parts on the card) would compute; None for a job that is not paid, for hours
    that are not a number, or without a labour rate."""
    call = _call(session, call_id)
    if call.service_kind != ServiceKind.PAID.value:
        return None
    try:
        clean = parse_decimal(hours, "hours", minimum=0, places=2, maximum=MAX_HOURS)
    except UserError:
        return None
    if clean is None:
        return None
    parts = Decimal("0")
    if mode == WorkMode.REPAIR.value:
        card = _card_of(session, call)
        parts = repair_service.parts_total(card) if card is not None else Decimal("0")
    return pricing.job_fee(session, mode, when.date(), clean, parts)
