"""The goods in/out register (客户商品进出登记簿, S6): goods a technician took back for repair.

Each line is one goods receipt (客户商品领取收据) the customer keeps: ``receipt_no`` is its
number. Like the call register, a line keeps its own copy of the customer's name and phone
and the product's model and serial number. Giving the goods back (S7: return date, receipt
voided) is a process step and belongs to the service-process rules, not to this module.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy.orm import Session

from ..i18n import QT_TRANSLATE_NOOP
from ..models import Customer, CustomerProduct, GoodsEntry, RecordType, ServiceCall
from . import history, numbering
from .closed_records import refuse_if_closed
from .validation import (
    Problems,
    check_staff,
    column_length,
    fetch,
    normalize_phone,
    optional_text,
    parse_date,
    parse_datetime,
    refuse_unknown_fields,
    require,
    require_text,
)

NO_ENTRY = QT_TRANSLATE_NOOP("Goods", "The goods register entry cannot be found any more (it may have been removed meanwhile): look it up again.")
NO_CUSTOMER = QT_TRANSLATE_NOOP("Goods", "The customer cannot be found any more (it may have been removed meanwhile): look it up again.")
NO_CALL = QT_TRANSLATE_NOOP("Goods", "The service call cannot be found any more (it may have been removed meanwhile): look it up again.")
NO_PRODUCT = QT_TRANSLATE_NOOP("Goods", "The product cannot be found any more (it may have been removed meanwhile): choose it again.")
_TAKEN_IN_MISSING = QT_TRANSLATE_NOOP("Goods", "Enter the date and time the goods were taken in.")
_NAME_MISSING = QT_TRANSLATE_NOOP("Goods", "Enter the customer's name.")
_PROMISED_TOO_EARLY = QT_TRANSLATE_NOOP(
    "Goods", "The promised date ({promised}) is before the day the goods were taken in ({taken_in})."
)

# what the goods register, the receipt and the repair card say when the goods came without
# any accessory: written as the paper form says it (附件 column), so that every print and a
# search in the register read it alike, and an empty box always means "not recorded"
NO_ACCESSORIES = "无附件"

# The plain fields a clerk may correct in place in the goods register.
EDITABLE_GOODS_FIELDS = frozenset(
    {
        "taken_in_at",
        "taken_in_by_id",
        "customer_name",
        "phone",
        "product_model",
        "serial_no",
        "accessories",
        "condition",
        "promised_date",
        "remarks",
    }
)

_PROCESS_FIELDS = {
    "returned_at": QT_TRANSLATE_NOOP("Goods", "The return date is entered when the goods go back to the customer."),
    "returned_by_id": QT_TRANSLATE_NOOP("Goods", "Who gave the goods back is entered when the goods go back to the customer."),
    "received_back_by": QT_TRANSLATE_NOOP("Goods", "Who signed for the goods is entered when the goods go back to the customer."),
    "receipt_voided_at": QT_TRANSLATE_NOOP("Goods", "The receipt is voided when the goods go back to the customer."),
    "receipt_no": QT_TRANSLATE_NOOP("Goods", "A receipt number is never changed."),
}


def _text(name: str) -> Callable[[object], str | None]:
    return lambda value: optional_text(value, name, max_length=column_length(GoodsEntry, name))


def _cleaners(session: Session) -> dict[str, Callable[[object], object]]:
    return {
        "taken_in_at": lambda v: require(parse_datetime(v, "taken_in_at"), "taken_in_at", _TAKEN_IN_MISSING),
        "taken_in_by_id": lambda v: check_staff(session, v, "taken_in_by_id").id if v is not None else None,
        "customer_name": lambda v: require_text(
            v, "customer_name", _NAME_MISSING, max_length=column_length(GoodsEntry, "customer_name")
        ),
        "phone": lambda v: normalize_phone(v, "phone"),
        "product_model": _text("product_model"),
        "serial_no": _text("serial_no"),
        "accessories": _text("accessories"),
        "condition": _text("condition"),
        "promised_date": lambda v: parse_date(v, "promised_date"),
        "remarks": _text("remarks"),
    }


def _check_promised(problems: Problems, promised: date | None, taken_in: datetime | None) -> None:
    if promised is not None and taken_in is not None and promised < taken_in.date():
        problems.report(
            _PROMISED_TOO_EARLY,
            field="promised_date",
            promised=promised.isoformat(),
            taken_in=taken_in.date().isoformat(),
        )


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def take_in(
    session: Session,
    *,
    customer_id: int,
    taken_in_at: datetime | str,
    call_id: int | None = None,
    product_id: int | None = None,
    accessories: str | None = None,
    condition: str | None = None,
    promised_date: date | str | None = None,
    taken_in_by_id: int | None = None,
    remarks: str | None = None,
    customer_name: str | None = None,
    phone: str | None = None,
    product_model: str | None = None,
    serial_no: str | None = None,
) -> GoodsEntry:
    """S6: log goods taken back for repair and give the goods receipt its number.

    Names and numbers are copied like ``register_call`` does: from the call when there is
    one (what the register wrote then), else from the customer and the product; the clerk's
    values win. The call and the product must be the customer's."""
    cleaners = _cleaners(session)
    problems = Problems()
    taken_in = problems.check(cleaners["taken_in_at"], taken_in_at)
    customer = problems.check(fetch, session, Customer, customer_id, "customer_id", NO_CUSTOMER)
    call = None
    if call_id is not None:
        call = problems.check(fetch, session, ServiceCall, call_id, "call_id", NO_CALL)
        if call is not None and customer is not None and call.customer_id != customer.id:
            problems.report(
                QT_TRANSLATE_NOOP("Goods", "Call {call_no} is another customer's, not {name}'s."),
                field="call_id",
                call_no=call.call_no,
                name=customer.name,
            )
            call = None
    product = None
    if product_id is None and call is not None and call.product_id is not None:
        product = call.product
    elif product_id is not None:
        product = problems.check(fetch, session, CustomerProduct, product_id, "product_id", NO_PRODUCT)
        if product is not None and customer is not None and product.customer_id != customer.id:
            problems.report(
                QT_TRANSLATE_NOOP("Goods", "The product {model} belongs to another customer, not to {name}."),
                field="product_id",
                model=product.model,
                name=customer.name,
            )
            product = None
        if product is not None and call is not None and call.product_id not in (None, product.id):
            problems.report(
                QT_TRANSLATE_NOOP("Goods", "The product {model} is not the one of call {call_no}."),
                field="product_id",
                model=product.model,
                call_no=call.call_no,
            )
            product = None

    def copied(name: str, given: object, *sources: object) -> object:
        if _given(given):
            return problems.check(cleaners[name], given)
        return next((s for s in sources if s is not None), None)

    clean = {
        "customer_name": copied(
            "customer_name", customer_name, call.customer_name if call else None, customer.name if customer else None
        ),
        "phone": copied("phone", phone, call.phone if call else None, customer.phone if customer else None),
        "product_model": copied(
            "product_model", product_model, call.product_model if call else None, product.model if product else None
        ),
        "serial_no": copied("serial_no", serial_no, call.serial_no if call else None, product.serial_no if product else None),
        "accessories": problems.check(cleaners["accessories"], accessories),
        "condition": problems.check(cleaners["condition"], condition),
        "promised_date": problems.check(cleaners["promised_date"], promised_date),
        "taken_in_by_id": problems.check(cleaners["taken_in_by_id"], taken_in_by_id),
        "remarks": problems.check(cleaners["remarks"], remarks),
    }
    _check_promised(problems, clean["promised_date"], taken_in)  # type: ignore[arg-type]
    problems.raise_if_any()
    assert taken_in is not None and customer is not None

    entry = GoodsEntry(
        receipt_no=numbering.next_number(session, numbering.GOODS_RECEIPT, taken_in),
        taken_in_at=taken_in,
        customer_id=customer.id,
        call_id=call.id if call else None,
        product_id=product.id if product else None,
        **clean,
    )
    session.add(entry)
    session.flush()
    return entry


def update_goods_entry(session: Session, entry_id: int, changes: dict[str, object], by_id: int | None = None) -> GoodsEntry:
    """Correct plain fields of a goods register line (``EDITABLE_GOODS_FIELDS``); the
    promised date stays on or after the day the goods were taken in. Each field that really
    changes goes into the line's field history with who (``by_id``) and when."""
    entry = fetch(session, GoodsEntry, entry_id, "entry_id", NO_ENTRY)
    refuse_unknown_fields(changes, EDITABLE_GOODS_FIELDS, _PROCESS_FIELDS)
    refuse_if_closed(entry, changes)
    cleaners = _cleaners(session)
    problems = Problems()
    clean = {name: problems.check(cleaners[name], value) for name, value in changes.items()}
    if not problems.has("taken_in_at") and not problems.has("promised_date"):
        _check_promised(
            problems,
            clean["promised_date"] if "promised_date" in clean else entry.promised_date,  # type: ignore[arg-type]
            clean["taken_in_at"] if "taken_in_at" in clean else entry.taken_in_at,  # type: ignore[arg-type]
        )
    problems.raise_if_any()
    history.record_changes(session, RecordType.GOODS_ENTRY, entry, clean, by_id)
    for name, value in clean.items():
        setattr(entry, name, value)
    session.flush()
    return entry
