"""The service call register (叫修登记簿): registering a call (S2), its service kind (S1),
editing its plain fields, and dispatch (S3).

A call keeps its own copy of the customer's name, phone and address and of the product's
model and serial number as they were given on the call (see ``models.service``): the
register is the record of what was said then. The technician and the service kind are not
plain fields: they change through ``dispatch`` and ``override_kind``, which the
service-process rules will extend into the full S2–S8 flow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import QT_TRANSLATE_NOOP, Msg
from ..models import (
    CallChannel,
    CallStatus,
    CallStep,
    Customer,
    CustomerProduct,
    District,
    RecordType,
    ServiceCall,
    ServiceKind,
)
from . import contracts, deadlines, history, numbering, process
from .closed_records import refuse_if_closed
from .service_kind import check_kind
from .validation import (
    Problems,
    check_choice,
    check_staff,
    column_length,
    fetch,
    normalize_phone,
    optional_text,
    parse_datetime,
    refuse_unknown_fields,
    require,
    require_text,
)

NO_CALL = QT_TRANSLATE_NOOP("Calls", "The service call cannot be found any more (it may have been removed meanwhile): look it up again.")
_BASIS_WARRANTY = QT_TRANSLATE_NOOP("Calls", "C: within the warranty (until {end})")
_BASIS_CONTRACT = QT_TRANSLATE_NOOP("Calls", "B: maintenance contract {contract_no} (until {end})")
_BASIS_EXPIRED = QT_TRANSLATE_NOOP("Calls", "A: warranty ended on {end}, no maintenance contract")
_BASIS_NONE = QT_TRANSLATE_NOOP("Calls", "A: no warranty date, no maintenance contract")
_BASIS_NO_PRODUCT = QT_TRANSLATE_NOOP("Calls", "A: no product chosen")
_BASIS_CONTRACT_VISITS = QT_TRANSLATE_NOOP(
    "Calls", "B: maintenance contract {contract_no} (until {end}); visits used {used} of {included}")
_BASIS_VISITS_USED_UP = QT_TRANSLATE_NOOP(
    "Calls", "A: maintenance contract {contract_no} has used all {included} visits it includes")
_BASIS_LAPSED = QT_TRANSLATE_NOOP("Calls", "A: maintenance contract {contract_no} lapsed on {end}, not renewed")
NO_CUSTOMER = QT_TRANSLATE_NOOP("Calls", "The customer cannot be found any more (it may have been removed meanwhile): look it up again.")
CUSTOMER_MISSING = QT_TRANSLATE_NOOP(
    "Calls", "Choose the customer: type part of the name, the phone or a serial number and pick it from the list."
)
NO_PRODUCT = QT_TRANSLATE_NOOP("Calls", "The product cannot be found any more (it may have been removed meanwhile): choose it again.")
_RECEIVED_MISSING = QT_TRANSLATE_NOOP("Calls", "Enter the date and time the call was received.")
_FAULT_MISSING = QT_TRANSLATE_NOOP("Calls", "Describe the fault the customer reports.")
_NAME_MISSING = QT_TRANSLATE_NOOP("Calls", "Enter the customer's name.")
_BAD_CHANNEL = QT_TRANSLATE_NOOP("Calls", "Choose how the call came in: by phone, by letter or in person.")
_BAD_DISTRICT = QT_TRANSLATE_NOOP("Calls", "Choose whether the customer is in the city (市区) or the suburbs (郊区).")
_REASON_MISSING = QT_TRANSLATE_NOOP(
    "Calls", "The proposed service kind is {proposed}; give the reason for choosing {kind} instead."
)

# The plain fields a clerk may correct in place in the register.
EDITABLE_CALL_FIELDS = frozenset(
    {
        "received_at",
        "channel",
        "customer_name",
        "phone",
        "address",
        "product_model",
        "serial_no",
        "fault",
        "district",
        "remarks",
    }
)

# Fields whose change is a step of the process, with the step that changes them.
_PROCESS_FIELDS = {
    "technician_id": QT_TRANSLATE_NOOP("Calls", "The technician is assigned by dispatching the call, not by editing it."),
    "dispatched_at": QT_TRANSLATE_NOOP("Calls", "The dispatch time is set by dispatching the call, not by editing it."),
    "service_kind": QT_TRANSLATE_NOOP("Calls", "The service kind is changed by an override with a reason, not by editing it."),
    "kind_override_reason": QT_TRANSLATE_NOOP("Calls", "The override reason is given with an override of the service kind."),
    "status": QT_TRANSLATE_NOOP("Calls", "The status of a call changes only through the steps of the service process."),
    "call_no": QT_TRANSLATE_NOOP("Calls", "A call number is never changed."),
}


def _text(name: str) -> Callable[[object], str | None]:
    return lambda value: optional_text(value, name, max_length=column_length(ServiceCall, name))


# How each editable field is checked: value in, clean value out (or UserError).
_CLEANERS: dict[str, Callable[[object], object]] = {
    "received_at": lambda v: require(parse_datetime(v, "received_at"), "received_at", _RECEIVED_MISSING),
    "channel": lambda v: check_choice(v, CallChannel, "channel", _BAD_CHANNEL),
    "customer_name": lambda v: require_text(
        v, "customer_name", _NAME_MISSING, max_length=column_length(ServiceCall, "customer_name")
    ),
    "phone": lambda v: normalize_phone(v, "phone"),
    "address": _text("address"),
    "product_model": _text("product_model"),
    "serial_no": _text("serial_no"),
    "fault": lambda v: require_text(v, "fault", _FAULT_MISSING, max_length=column_length(ServiceCall, "fault")),
    "district": lambda v: check_choice(v, District, "district", _BAD_DISTRICT),
    "remarks": _text("remarks"),
}


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


@dataclass(frozen=True)
class KindProposal:
    kind: str
    basis: Msg  # why, to show next to the proposal
    args: dict[str, object]

    def explain(self, translate=None) -> str:
        return self.basis.tr(translate, **self.args)


def kind_proposal(session: Session, product: CustomerProduct | None, when: datetime | date) -> KindProposal:
    """S1: the service kind the system proposes for a call on ``product`` at ``when``, and
    why: C (free) while the product is within its warranty on that day; else B while a
    maintenance contract covers it and has visits left (the visits used are said); else A
    (paid) — saying so when the contract's visits are used up or the contract lapsed. The warranty comes first: work the
    maker's warranty pays for is not charged to the customer's contract."""
    day = when.date() if isinstance(when, datetime) else when
    if product is not None and product.warranty_end is not None and day <= product.warranty_end:
        return KindProposal(ServiceKind.FREE.value, _BASIS_WARRANTY, {"end": product.warranty_end.isoformat()})
    contract = contracts.active_contract_for(session, product.id if product else None, day)
    if contract is not None:
        args = {"contract_no": contract.contract_no, "end": contract.end_date.isoformat()}
        if contract.visits_included is None:
            return KindProposal(ServiceKind.CONTRACT.value, _BASIS_CONTRACT, args)
        used = contracts.visits_used(session, [contract.id]).get(contract.id, 0)
        args.update(used=used, included=contract.visits_included)
        if used >= contract.visits_included:  # this call would be one more than the fee includes
            return KindProposal(ServiceKind.PAID.value, _BASIS_VISITS_USED_UP, args)
        return KindProposal(ServiceKind.CONTRACT.value, _BASIS_CONTRACT_VISITS, args)
    if product is None:
        return KindProposal(ServiceKind.PAID.value, _BASIS_NO_PRODUCT, {})
    lapsed = contracts.lapsed_contract_for(session, product.id, day)
    if lapsed is not None:
        return KindProposal(ServiceKind.PAID.value, _BASIS_LAPSED,
                            {"contract_no": lapsed.contract_no, "end": lapsed.end_date.isoformat()})
    if product.warranty_end is not None:
        return KindProposal(ServiceKind.PAID.value, _BASIS_EXPIRED, {"end": product.warranty_end.isoformat()})
    return KindProposal(ServiceKind.PAID.value, _BASIS_NONE, {})


def propose_kind(session: Session, product: CustomerProduct | None, when: datetime | date) -> str:
    return kind_proposal(session, product, when).kind


def register_call(
    session: Session,
    *,
    customer_id: int,
    received_at: datetime | str,
    fault: str,
    product_id: int | None = None,
    district: str | None = None,
    service_kind: str | None = None,
    kind_override_reason: str | None = None,
    channel: str = CallChannel.PHONE.value,
    phone: str | None = None,
    address: str | None = None,
    remarks: str | None = None,
    registered_by_id: int | None = None,
    customer_name: str | None = None,
    product_model: str | None = None,
    serial_no: str | None = None,
) -> ServiceCall:
    """S2: enter a call in the register and give it its number.

    The customer's name, phone and address and the product's model and serial number are
    copied unless the clerk gave them (a caller may give another phone for this call); the
    district defaults from the customer and is kept on the call (S14 deadlines); the
    service kind defaults to the proposal (S1), and choosing another needs a reason, which
    is kept."""
    problems = Problems()
    received = problems.check(_CLEANERS["received_at"], received_at)
    if customer_id is None:
        problems.report(CUSTOMER_MISSING, field="customer_id")
        customer = None
    else:
        customer = problems.check(fetch, session, Customer, customer_id, "customer_id", NO_CUSTOMER)
    product = None
    if product_id is not None:
        product = problems.check(fetch, session, CustomerProduct, product_id, "product_id", NO_PRODUCT)
        if product is not None and customer is not None and product.customer_id != customer.id:
            problems.report(
                QT_TRANSLATE_NOOP("Calls", "The product {model} belongs to another customer, not to {name}."),
                field="product_id",
                model=product.model,
                name=customer.name,
            )
            product = None
    clean_fault = problems.check(_CLEANERS["fault"], fault)
    clean_channel = problems.check(_CLEANERS["channel"], channel if _given(channel) else CallChannel.PHONE.value)

    def copied(name: str, given: object, source: object) -> object:
        """The clerk's value if given, else the archive's."""
        return problems.check(_CLEANERS[name], given) if _given(given) else source

    clean_name = copied("customer_name", customer_name, customer.name if customer else None)
    clean_phone = copied("phone", phone, customer.phone if customer else None)
    clean_address = copied("address", address, customer.address if customer else None)
    clean_model = copied("product_model", product_model, product.model if product else None)
    clean_serial = copied("serial_no", serial_no, product.serial_no if product else None)
    clean_district = copied("district", district, customer.district if customer else None)
    clean_remarks = problems.check(_CLEANERS["remarks"], remarks)

    kind = None
    reason = None
    if received is not None and not problems.has("product_id"):
        proposed = propose_kind(session, product, received)
        kind = proposed
        if _given(service_kind):
            kind = problems.check(check_kind, service_kind)
            if kind is not None and kind != proposed:
                reason = problems.check(
                    require_text, kind_override_reason, "kind_override_reason", _REASON_MISSING, proposed=proposed, kind=kind,
                    max_length=column_length(ServiceCall, "kind_override_reason"),
                )
    if registered_by_id is not None:
        problems.check(check_staff, session, registered_by_id, "registered_by_id")
    problems.raise_if_any()
    assert received is not None and customer is not None and kind is not None

    call = ServiceCall(
        call_no=numbering.next_number(session, numbering.SERVICE_CALL, received),
        received_at=received,
        channel=clean_channel,
        customer_id=customer.id,
        product_id=product.id if product else None,
        customer_name=clean_name,
        phone=clean_phone,
        address=clean_address,
        product_model=clean_model,
        serial_no=clean_serial,
        fault=clean_fault,
        district=clean_district,
        service_kind=kind,
        kind_override_reason=reason,
        status=CallStatus.REGISTERED.value,
        registered_by_id=registered_by_id,
        remarks=clean_remarks,
    )
    deadlines.set_arrival_due(session, call)  # S14
    session.add(call)
    session.flush()
    process.record_registration(session, call)
    session.flush()
    return call


def update_call(session: Session, call_id: int, changes: dict[str, object], by_id: int | None = None) -> ServiceCall:
    """Correct plain fields of a call in the register (``EDITABLE_CALL_FIELDS``). Any other
    field is refused with a message naming it: the technician and the service kind change
    only through ``dispatch`` and ``override_kind``. Each field that really changes goes
    into the call's field history with who (``by_id``) and when."""
    call = fetch(session, ServiceCall, call_id, "call_id", NO_CALL)
    refuse_unknown_fields(changes, EDITABLE_CALL_FIELDS, _PROCESS_FIELDS)
    refuse_if_closed(call, changes)
    problems = Problems()
    clean = {name: problems.check(_CLEANERS[name], value) for name, value in changes.items()}
    if clean.get("received_at") is not None:
        first = session.scalars(
            select(CallStep.happened_at)
            .where(CallStep.call_id == call.id, CallStep.step != process.Step.REGISTER)
            .order_by(CallStep.id)
            .limit(1)
        ).first()
        if first is not None and clean["received_at"] > first:
            problems.report(
                QT_TRANSLATE_NOOP("Calls", "The call cannot have been received after its first step ({at})."),
                field="received_at",
                at=first.strftime("%Y-%m-%d %H:%M"),
            )
    problems.raise_if_any()
    history.record_changes(session, RecordType.SERVICE_CALL, call, clean, by_id)
    for name, value in clean.items():
        setattr(call, name, value)
    if {"district", "received_at"} & clean.keys():
        deadlines.set_arrival_due(session, call)  # S14: the deadline follows them
    session.flush()
    return call


def dispatch(
    session: Session, call_id: int, technician_id: int, when: datetime | str, by_id: int | None = None
) -> ServiceCall:
    """S3: the supervisor (``by_id``) gives the call to a technician; see ``process.dispatch``."""
    return process.dispatch(session, call_id, technician_id, when, by_id)


def override_kind(
    session: Session, call_id: int, kind: str, reason: str, by_id: int | None = None
) -> ServiceCall:
    """S1: the clerk sets the service kind against the proposal; the reason is kept (and
    the change goes into the call's history: ``process.change_kind``)."""
    return process.change_kind(session, call_id, kind=kind, reason=reason, by_id=by_id)
