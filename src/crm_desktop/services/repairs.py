"""Repair cards (修理卡, S7): opened for goods taken back, hung on them; the technician
records the actual repair time and every part replaced.

A card copies the customer's name and the product from its goods register line or its call
(what the registers wrote then). Its parts lines are replaced as a whole by ``set_parts``,
as the clerk edits them in one table of the card's dialog: a problem on a line is reported
with the line number in the message and in the field name (``parts[2].quantity``, the
second line as the clerk sees it; ``line`` among the message's values), so the dialog can
mark the cell.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP
from ..models import GoodsEntry, RecordType, RepairCard, RepairCardStatus, RepairPart, ServiceCall
from . import history, numbering
from .closed_records import refuse_if_closed
from .validation import (
    Problems,
    check_technician,
    column_length,
    fetch,
    optional_text,
    parse_date,
    parse_datetime,
    parse_decimal,
    refuse_unknown_fields,
    require,
    require_text,
)

NO_CARD = QT_TRANSLATE_NOOP("Repairs", "The repair card cannot be found any more (it may have been removed meanwhile): look it up again.")
NO_ENTRY = QT_TRANSLATE_NOOP("Repairs", "The goods register entry cannot be found any more (it may have been removed meanwhile): look it up again.")
NO_CALL = QT_TRANSLATE_NOOP("Repairs", "The service call cannot be found any more (it may have been removed meanwhile): look it up again.")
_OPENED_MISSING = QT_TRANSLATE_NOOP("Repairs", "Enter the date and time the repair card was opened.")
_PROMISED_TOO_EARLY = QT_TRANSLATE_NOOP(
    "Repairs", "The promised date ({promised}) is before the day the card was opened ({opened})."
)

MAX_HOURS = Decimal("9999.99")  # Numeric(6, 2)
MAX_MONEY = Decimal("9999999999.99")  # Numeric(12, 2)
MAX_QUANTITY = Decimal("99999999.99")  # Numeric(10, 2)
CENT = Decimal("0.01")

# What the technician and the clerk fill in on the card.
EDITABLE_CARD_FIELDS = frozenset({"fault", "work_done", "repair_hours", "labour_fee", "promised_date", "remarks"})

_PROCESS_FIELDS = {
    "technician_id": QT_TRANSLATE_NOOP("Repairs", "The technician of a repair card is assigned through the service process, not by editing the card."),
    "status": QT_TRANSLATE_NOOP("Repairs", "The status of a repair card changes only through the steps of the service process."),
    "repaired_at": QT_TRANSLATE_NOOP("Repairs", "The repair is marked done through the service process, not by editing the card."),
    "inspected_by_id": QT_TRANSLATE_NOOP("Repairs", "The inspection is recorded by the supervisor's inspection step."),
    "inspected_at": QT_TRANSLATE_NOOP("Repairs", "The inspection is recorded by the supervisor's inspection step."),
    "inspection_result": QT_TRANSLATE_NOOP("Repairs", "The inspection is recorded by the supervisor's inspection step."),
    "card_no": QT_TRANSLATE_NOOP("Repairs", "A repair card number is never changed."),
    "parts": QT_TRANSLATE_NOOP("Repairs", "The parts of a card are changed in its parts table."),
}


def _text(name: str) -> Callable[[object], str | None]:
    return lambda value: optional_text(value, name, max_length=column_length(RepairCard, name))


_CLEANERS: dict[str, Callable[[object], object]] = {
    "fault": _text("fault"),
    "work_done": _text("work_done"),
    "repair_hours": lambda v: parse_decimal(v, "repair_hours", minimum=0, places=2, maximum=MAX_HOURS),
    "labour_fee": lambda v: parse_decimal(v, "labour_fee", minimum=0, places=2, maximum=MAX_MONEY),
    "promised_date": lambda v: parse_date(v, "promised_date"),
    "remarks": _text("remarks"),
}


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _check_promised(problems: Problems, promised: date | None, opened: datetime | None) -> None:
    if promised is not None and opened is not None and promised < opened.date():
        problems.report(
            _PROMISED_TOO_EARLY, field="promised_date", promised=promised.isoformat(), opened=opened.date().isoformat()
        )


def open_card(
    session: Session,
    *,
    opened_at: datetime | str,
    goods_entry_id: int | None = None,
    call_id: int | None = None,
    customer_name: str | None = None,
    product_model: str | None = None,
    serial_no: str | None = None,
    fault: str | None = None,
    technician_id: int | None = None,
    promised_date: date | str | None = None,
    remarks: str | None = None,
) -> RepairCard:
    """S6/S7: open a repair card and give it its number.

    From a goods register line, the card takes its call, customer name, product and
    promised date; from a call, the customer name, product and the fault described. The
    clerk's values win. One card per goods line: the card hangs on those goods."""
    problems = Problems()
    opened = problems.check(
        lambda: require(parse_datetime(opened_at, "opened_at"), "opened_at", _OPENED_MISSING)
    )
    entry = None
    if goods_entry_id is not None:
        entry = problems.check(fetch, session, GoodsEntry, goods_entry_id, "goods_entry_id", NO_ENTRY)
        if entry is not None:
            existing = session.scalars(select(RepairCard.card_no).where(RepairCard.goods_entry_id == entry.id)).first()
            if existing is not None:
                problems.report(
                    QT_TRANSLATE_NOOP("Repairs", "The goods of receipt {receipt_no} already have repair card {card_no}."),
                    field="goods_entry_id",
                    receipt_no=entry.receipt_no,
                    card_no=existing,
                )
    call = None
    if call_id is not None:
        call = problems.check(fetch, session, ServiceCall, call_id, "call_id", NO_CALL)
        if call is not None and entry is not None and entry.call_id not in (None, call.id):
            problems.report(
                QT_TRANSLATE_NOOP("Repairs", "The goods of receipt {receipt_no} came with another call, not {call_no}."),
                field="call_id",
                receipt_no=entry.receipt_no,
                call_no=call.call_no,
            )
    elif entry is not None and entry.call_id is not None:
        call = entry.call

    def copied(name: str, given: object, *sources: object) -> object:
        if _given(given):
            return problems.check(_text(name), given)
        return next((s for s in sources if s is not None), None)

    clean_name = problems.check(
        require_text,
        customer_name if _given(customer_name) else (entry.customer_name if entry else call.customer_name if call else None),
        "customer_name",
        QT_TRANSLATE_NOOP("Repairs", "Enter the customer's name, or open the card from a goods register line or a call."),
        max_length=column_length(RepairCard, "customer_name"),
    )
    clean_model = copied("product_model", product_model, entry.product_model if entry else None, call.product_model if call else None)
    clean_serial = copied("serial_no", serial_no, entry.serial_no if entry else None, call.serial_no if call else None)
    clean_fault = copied("fault", fault, call.fault if call else None)
    technician = None
    if technician_id is not None:
        technician = problems.check(check_technician, session, technician_id, "technician_id")
    if _given(promised_date):
        clean_promised = problems.check(_CLEANERS["promised_date"], promised_date)
        _check_promised(problems, clean_promised, opened)
    else:
        clean_promised = entry.promised_date if entry else None
    clean_remarks = problems.check(_CLEANERS["remarks"], remarks)
    problems.raise_if_any()
    assert opened is not None

    card = RepairCard(
        card_no=numbering.next_number(session, numbering.REPAIR_CARD, opened),
        goods_entry_id=entry.id if entry else None,
        call_id=call.id if call else None,
        customer_name=clean_name,
        product_model=clean_model,
        serial_no=clean_serial,
        fault=clean_fault,
        opened_at=opened,
        technician_id=technician.id if technician else None,
        promised_date=clean_promised,
        remarks=clean_remarks,
    )
    session.add(card)
    session.flush()
    return card


def update_card(session: Session, card_id: int, changes: dict[str, object], by_id: int | None = None) -> RepairCard:
    """Fill in or correct the card (``EDITABLE_CARD_FIELDS``): work done, actual repair
    hours and labour fee (never negative), promised date (not before the card was opened).
    Each field that really changes goes into the card's field history with who (``by_id``)
    and when."""
    card = fetch(session, RepairCard, card_id, "card_id", NO_CARD)
    refuse_unknown_fields(changes, EDITABLE_CARD_FIELDS, _PROCESS_FIELDS)
    refuse_if_closed(card, changes)
    if card.repaired_at is not None:
        for name in ("repair_hours", "labour_fee"):
            if name in changes and changes[name] != getattr(card, name):
                # the hours are in the work log and the fee on the call: a correction is a
                # step taken back by the supervisor, or a fee set with a reason
                raise UserError(
                    QT_TRANSLATE_NOOP(
                        "Repairs",
                        "The repair of card {card_no} is recorded as finished: its hours and labour fee change only by taking the step back or setting the fee with a reason.",
                    ),
                    field=name,
                    card_no=card.card_no,
                )
    problems = Problems()
    clean = {name: problems.check(_CLEANERS[name], value) for name, value in changes.items()}
    if "promised_date" in clean and not problems.has("promised_date"):
        _check_promised(problems, clean["promised_date"], card.opened_at)  # type: ignore[arg-type]
    problems.raise_if_any()
    history.record_changes(session, RecordType.REPAIR_CARD, card, clean, by_id)
    for name, value in clean.items():
        setattr(card, name, value)
    session.flush()
    return card


_PART_KEYS = ("name", "part_no", "quantity", "unit_price")


def _from_price_list(session: Session, problems: Problems, line: int, values: dict[str, object]) -> dict[str, object]:
    """A known part number brings its name and list price where the line leaves them empty."""
    from . import pricing

    part_no = values.get("part_no")
    if not _given(part_no):
        return values
    try:
        priced = pricing.price_line(session, str(part_no), values.get("name") or None, values.get("unit_price"))
    except UserError as error:
        problems.report(error.message, field=f"parts[{line}].unit_price", line=line, **error.args_for_message)
        return values
    if not priced.from_list:
        return values
    filled = dict(values, part_no=priced.part_no)
    if not _given(values.get("name")):
        filled["name"] = priced.name
    if not _given(values.get("unit_price")):
        filled["unit_price"] = priced.unit_price
    return filled


def _clean_part(problems: Problems, line: int, values: dict[str, object]) -> dict[str, object]:
    name = problems.check(
        require_text,
        values.get("name"),
        f"parts[{line}].name",
        QT_TRANSLATE_NOOP("Repairs", "Line {line}: enter the name of the part."),
        max_length=column_length(RepairPart, "name"),
        line=line,
    )
    part_no = problems.check(optional_text, values.get("part_no"), f"parts[{line}].part_no", max_length=column_length(RepairPart, "part_no"))
    quantity_field = f"parts[{line}].quantity"
    quantity = None
    if not _given(values.get("quantity")):
        problems.report(QT_TRANSLATE_NOOP("Repairs", "Line {line}: enter the quantity."), field=quantity_field, line=line)
    else:
        try:
            quantity = parse_decimal(values["quantity"], quantity_field, greater_than=0, places=2, maximum=MAX_QUANTITY)
        except UserError:
            problems.report(
                QT_TRANSLATE_NOOP("Repairs", "Line {line}: the quantity must be a number greater than 0 (at most 2 decimals)."),
                field=quantity_field,
                line=line,
                value=values["quantity"],
            )
    price_field = f"parts[{line}].unit_price"
    price = Decimal("0.00")
    if _given(values.get("unit_price")):
        try:
            price = parse_decimal(values["unit_price"], price_field, minimum=0, places=2, maximum=MAX_MONEY)  # type: ignore[assignment]
        except UserError:
            problems.report(
                QT_TRANSLATE_NOOP("Repairs", "Line {line}: the unit price must be a number, 0 or more (at most 2 decimals)."),
                field=price_field,
                line=line,
                value=values["unit_price"],
            )
    return {"name": name, "part_no": part_no, "quantity": quantity, "unit_price": price}


def set_parts(session: Session, card_id: int, parts: list[dict[str, object]]) -> list[RepairPart]:
    """S7: replace the card's parts lines with ``parts`` (each: name, part_no, quantity,
    unit_price). Lines left wholly empty (the editor's spare row) are skipped; the others
    are numbered 1..n. Every line is checked before any is written."""
    card = fetch(session, RepairCard, card_id, "card_id", NO_CARD)
    if card.status in (RepairCardStatus.INSPECTED.value, RepairCardStatus.RETURNED.value, RepairCardStatus.CANCELLED.value):
        raise UserError(
            QT_TRANSLATE_NOOP("Repairs", "Repair card {card_no} is past inspection: its parts can no longer change."),
            field="parts",
            card_no=card.card_no,
        )
    problems = Problems()
    clean: list[dict[str, object]] = []
    for line, values in enumerate(parts, start=1):
        if not any(_given(values.get(k)) for k in _PART_KEYS):
            continue
        clean.append(_clean_part(problems, line, _from_price_list(session, problems, line, values)))
    problems.raise_if_any()
    card.parts = [RepairPart(line_no=n, **values) for n, values in enumerate(clean, start=1)]
    session.flush()
    _refresh_fee(session, card)
    return list(card.parts)


def _refresh_fee(session: Session, card: RepairCard) -> None:
    """Parts changed after the repair was finished: the paid job's computed fee follows
    (the fee charged too, unless it was set by hand with a reason)."""
    from . import pricing

    call = card.call
    if call is None or call.service_kind != "A" or card.repaired_at is None or card.repair_hours is None:
        return
    computed = pricing.job_fee(session, "repair", card.repaired_at.date(), card.repair_hours, parts_total(card))
    call.fee_computed = computed
    if call.fee_override_reason is None and call.invoice_no is None:
        call.fee = computed
    session.flush()


def parts_total(card: RepairCard) -> Decimal:
    return sum((p.amount for p in card.parts), Decimal("0")).quantize(CENT)


def card_total(card: RepairCard) -> Decimal:
    """What the repair costs: every part (quantity × unit price) plus the labour fee."""
    return (parts_total(card) + (card.labour_fee or Decimal("0"))).quantize(CENT)
