"""The printable forms: what each one is called, which fields and lists its layout may use,
and how a record's values are written as on paper from what ``services.form_data`` (and
``daily_reports``, ``branch``) read from the database.

Values are formatted here (dates ``2026-11-20``, times ``2026-11-20 14:30``, money with two
decimals, hours with one decimal, codes as their Chinese names), so the layouts only
place text. Every form also gets the branch's name, address and telephone. Nothing here
queries the database: a function given a session hands it on to a service.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from .. import clock
from ..db import Database
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Msg, Translate
from ..services import branch, daily_reports, form_data, labels, lists
from ..services import staff as staff_service
from .record import Record

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

UNKNOWN_NUMBER = QT_TRANSLATE_NOOP("Printing", "There is no {form} numbered “{number}”.")
UNKNOWN_FORM = QT_TRANSLATE_NOOP("Printing", "There is no form called “{form}”. Forms: {forms}.")
NOBODY_WORKED = QT_TRANSLATE_NOOP("Printing", "No technician logged any work on {day}.")
NO_SUCH_TECHNICIAN = QT_TRANSLATE_NOOP("Printing", "There is no technician called “{name}”.")

VOID = QT_TRANSLATE_NOOP("Printing", "VOID")
PASSED = QT_TRANSLATE_NOOP("Printing", "Passed")
FAILED = QT_TRANSLATE_NOOP("Printing", "Failed")
AGREED = QT_TRANSLATE_NOOP("Printing", "Agreed")
DECLINED = QT_TRANSLATE_NOOP("Printing", "Declined")
CONSENT_BY = QT_TRANSLATE_NOOP("Printing", "{answer} ({who})")
IN_SHOP = QT_TRANSLATE_NOOP("Printing", "In the workshop")
GONE_BACK = QT_TRANSLATE_NOOP("Printing", "Returned")
RECEIPT_VOIDED = QT_TRANSLATE_NOOP("Printing", "Receipt voided")

REPAIRED_IN_WORKSHOP = QT_TRANSLATE_NOOP("Printing", "Workshop repair (card {card_no}): {work}")
PARTS_FITTED = QT_TRANSLATE_NOOP("Printing", "Parts fitted: {parts}")
PART_FITTED = QT_TRANSLATE_NOOP("Printing", "{name} × {quantity}")

SIGNED = QT_TRANSLATE_NOOP("Printing", "Signed by {name} at {at}")
AMENDMENT_ADDED = QT_TRANSLATE_NOOP(
    "Printing", "Added after the signature: {technician} {call_no} {kind} {mode} {hours} h (recorded {at} by {by})")
AMENDMENT_REMOVED = QT_TRANSLATE_NOOP(
    "Printing", "Taken back after the signature: {technician} {call_no} {kind} {mode} {hours} h ({at}, {by})")
CORRECTED_TOTALS = QT_TRANSLATE_NOOP("Printing", "Corrected totals: {jobs} jobs, {hours} h")

BRANCH_FIELDS = frozenset({"branch_name", "branch_address", "branch_phone", "printed_at"})


@dataclass(frozen=True)
class FormSpec:
    name: str  # the layout file's stem
    command: str  # the command line's name
    title: Msg
    fields: frozenset[str]
    tables: dict[str, frozenset[str]]
    numbered: bool  # printed by the number of a record (else for a period or a day)

    @property
    def all_fields(self) -> set[str]:
        return set(self.fields | BRANCH_FIELDS)


def _spec(name, command, title, fields, tables=None, numbered=True) -> FormSpec:
    return FormSpec(
        name, command, title, frozenset(fields.split()),
        {k: frozenset(v.split()) for k, v in (tables or {}).items()}, numbered,
    )


_CALL_FIELDS = """call_no received_at channel customer_name phone address district product_model
    serial_no fault service_kind technician dispatched_at arrival_due_at arrived_at work_done
    hours_spent fee payment_method signed_by signed_at closed_at status invoice_no remarks
    registered_by"""
_PARTS = "line_no part_no name quantity unit_price amount"

FORMS: dict[str, FormSpec] = {
    spec.name: spec
    for spec in (
        _spec(
            "repair_card", "repair-card", QT_TRANSLATE_NOOP("Printing", "repair card"),
            """card_no opened_at customer_name phone address product_model serial_no fault accessories
            condition receipt_no call_no service_kind technician promised_date work_done repair_hours
            labour_fee parts_total total_fee quote_amount consent inspection_verdict inspection_result
            inspected_by inspected_at inspected_on status remarks""",
            {"parts": _PARTS},
        ),
        _spec(
            "goods_receipt", "goods-receipt", QT_TRANSLATE_NOOP("Printing", "goods receipt"),
            """receipt_no taken_in_at customer_name phone address product_model serial_no accessories
            condition fault promised_date taken_in_by call_no card_no voided voided_at returned_at
            received_back_by remarks""",
        ),
        _spec("service_voucher", "service-voucher", QT_TRANSLATE_NOOP("Printing", "service voucher"), _CALL_FIELDS),
        _spec(
            "call_register", "call-register", QT_TRANSLATE_NOOP("Printing", "call register"),
            "date_from date_to count count_a count_b count_c count_open fee_total",
            {"calls": "call_no received_at customer_name phone address product_model fault service_kind "
                      "technician arrived_at status fee"},
            numbered=False,
        ),
        _spec(
            "goods_register", "goods-register", QT_TRANSLATE_NOOP("Printing", "goods register"),
            "date_from date_to count count_returned count_in_shop count_voided",
            {"goods": "receipt_no taken_in_at customer_name phone product_model serial_no accessories "
                      "condition promised_date returned_at received_back_by state"},
            numbered=False,
        ),
        _spec(
            "technician_daily", "technician-daily", QT_TRANSLATE_NOOP("Printing", "technician daily report"),
            """technician day jobs_a jobs_b jobs_c hours_a hours_b hours_c jobs_total hours_total
            hours_on_site hours_repair signed signed_by signed_at amendments""",
            {"jobs": "line_no call_no customer_name service_kind mode hours"},
            numbered=False,
        ),
        _spec(
            "supervisor_daily", "supervisor-daily", QT_TRANSLATE_NOOP("Printing", "supervisor daily report"),
            """day technicians jobs_a jobs_b jobs_c hours_a hours_b hours_c jobs_total hours_total
            hours_on_site hours_repair signed signed_by signed_at amendments""",
            {"technicians": "technician jobs_a hours_a jobs_b hours_b jobs_c hours_c jobs_total hours_total"},
            numbered=False,
        ),
        _spec(
            "customer_list", "customer-list", QT_TRANSLATE_NOOP("Printing", "customer list"),
            "filter count",
            {"customers": "code name category district vip_level status contact_person phone address "
                          "responsible_staff"},
            numbered=False,
        ),
        _spec(
            "renewal_notice", "renewal-notice", QT_TRANSLATE_NOOP("Printing", "contract renewal notice"),
            """contract_no letter_date customer_name customer_address customer_postcode addressee start_date
            end_date fee renewal_fee visits keeper keeper_phone""",
            {"products": "line_no model serial_no"},
        ),
        _spec(
            "handover_letter", "handover-letter", QT_TRANSLATE_NOOP("Printing", "hand-over notification letter"),
            """handover_no letter_date customer_name customer_code customer_address customer_postcode
            addressee leaving_name replacements""",
            {"items": "line_no kind reference detail replacement phone"},
        ),
    )
}


def _list_spec(name: str) -> FormSpec:
    """A list of the window (services/lists.py) printed from its layout: the table ``rows``
    with the list's columns; ``criteria`` (what it was chosen by), ``count``, ``as_of`` and
    ``total_<column>`` of each totalled column."""
    columns = lists.COLUMNS[name]
    totals = " ".join(f"total_{c.key}" for c in columns if c.total)
    return _spec(name, lists.LISTS[name][0], lists.TITLES[name], f"criteria count as_of note {totals}",
                 {"rows": " ".join(c.key for c in columns)}, numbered=False)


FORMS.update({name: _list_spec(name) for name in lists.LISTS})
LIST_FORMS = frozenset(lists.LISTS)
BY_COMMAND = {spec.command: spec for spec in FORMS.values()}


def spec_of(name_or_command: str) -> FormSpec:
    spec = FORMS.get(name_or_command) or BY_COMMAND.get(name_or_command)
    if spec is None:
        raise UserError(UNKNOWN_FORM, "form", form=name_or_command, forms=", ".join(BY_COMMAND))
    return spec


# -- formatting ---------------------------------------------------------------------------------

def fmt_datetime(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def fmt_date(value: date | datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


def fmt_money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def fmt_hours(value: Decimal | None) -> str:
    """Hours with one decimal, as the paper forms write them: 1.0, 0.5, 8.5 (half up)."""
    if value is None:
        return ""
    return f"{Decimal(value).quantize(Decimal('0.1'), ROUND_HALF_UP)}"


def fmt_quantity(value: Decimal | None) -> str:
    """A quantity without trailing zeros: 1, 2, 0.5."""
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


class _Labels:
    def __init__(self, translate: Translate | None) -> None:
        self.translate = translate

    def text(self, msg: Msg, **args: object) -> str:
        return msg.tr(self.translate, **args)

    def __call__(self, table: dict[str, Msg], code: str | None) -> str:
        if not code:
            return ""
        msg = table.get(code)
        return msg.tr(self.translate) if msg is not None else code


def _head(session: Session, now: datetime | None) -> dict[str, str]:
    fields = branch.load(session).as_fields()
    fields["printed_at"] = fmt_datetime(now or clock.now())
    return fields


# -- numbered forms ------------------------------------------------------------------------------

def numbered_records(
    session: Session, form: str, numbers: Sequence[str], translate: Translate | None = None, now: datetime | None = None
) -> list[Record]:
    """The records of ``numbers`` in the order given; an unknown number is refused before
    anything is printed."""
    spec = spec_of(form)
    wanted = [n.strip() for n in numbers]
    if spec.name == "handover_letter":  # one number, a letter per customer concerned
        from .letters import handover_letters

        return handover_letters(form_data.handover_letters(session, wanted), _head(session, now), translate)
    if spec.name == "renewal_notice":
        return renewal_notices(session, wanted, translate, now)
    if spec.name not in _NUMBERED:
        raise UserError(UNKNOWN_FORM, "form", form=form, forms=", ".join(s.command for s in FORMS.values() if s.numbered))
    read, number_of, _make = _NUMBERED[spec.name]
    found = {number_of(row): row for row in read(session, numbers=wanted)}
    for number in wanted:
        if number not in found:
            raise UserError(UNKNOWN_NUMBER, "number", form=spec.title, number=number)
    return _build(session, spec, [found[n] for n in wanted], translate, now)


def records_by_ids(
    session: Session, form: str, ids: Sequence[int], translate: Translate | None = None, now: datetime | None = None
) -> list[Record]:
    """The records of the rows ``ids`` (a selection in a register), in that order."""
    spec = spec_of(form)
    read, _number_of, _make = _NUMBERED[spec.name]
    rows = {row.id: row for row in read(session, ids=list(ids))}
    return _build(session, spec, [rows[i] for i in ids if i in rows], translate, now)


def _build(
    session: Session, spec: FormSpec, rows: list, translate: Translate | None, now: datetime | None
) -> list[Record]:
    head = _head(session, now)
    label = _Labels(translate)
    make = _NUMBERED[spec.name][2]
    records = []
    for row in rows:
        record = make(row, label)
        record.fields.update(head)
        records.append(record)
    return records


def _repair_card(card: form_data.RepairCardData, label: _Labels) -> Record:
    verdict = "" if card.inspection_passed is None else label.text(PASSED if card.inspection_passed else FAILED)
    consent = ""
    if card.consent_given is not None:
        answer = label.text(AGREED if card.consent_given else DECLINED)
        consent = label.text(CONSENT_BY, answer=answer, who=card.consent_by) if card.consent_by else answer
    fields = {
        "card_no": card.card_no,
        "opened_at": fmt_datetime(card.opened_at),
        "customer_name": card.customer_name,
        "phone": card.phone,
        "address": card.address,
        "product_model": card.product_model or "",
        "serial_no": card.serial_no or "",
        "fault": card.fault or "",
        "accessories": card.accessories,
        "condition": card.condition,
        "receipt_no": card.receipt_no,
        "call_no": card.call_no,
        "service_kind": label(labels.SERVICE_KIND, card.service_kind),
        "technician": card.technician,
        "promised_date": fmt_date(card.promised_date),
        "work_done": card.work_done or "",
        "repair_hours": fmt_hours(card.repair_hours),
        "labour_fee": fmt_money(card.labour_fee),
        "parts_total": fmt_money(card.parts_total) if card.parts else "",
        "total_fee": fmt_money(card.total_fee),
        "quote_amount": fmt_money(card.quote_amount),
        "consent": consent,
        "inspection_verdict": verdict,
        "inspection_result": card.inspection_result or "",
        "inspected_by": card.inspected_by,
        "inspected_at": fmt_datetime(card.inspected_at),
        "inspected_on": fmt_date(card.inspected_at),
        "status": label(labels.REPAIR_CARD_STATUS, card.status),
        "remarks": card.remarks or "",
    }
    parts = [
        {
            "line_no": str(p.line_no),
            "part_no": p.part_no or "",
            "name": p.name,
            "quantity": fmt_quantity(p.quantity),
            "unit_price": fmt_money(p.unit_price),
            "amount": fmt_money(p.amount),
        }
        for p in card.parts
    ]
    return Record(fields, {"parts": parts})


def _goods_receipt(goods: form_data.GoodsReceiptData, label: _Labels) -> Record:
    fields = {
        "receipt_no": goods.receipt_no,
        "taken_in_at": fmt_datetime(goods.taken_in_at),
        "customer_name": goods.customer_name,
        "phone": goods.phone or "",
        "address": goods.address,
        "product_model": goods.product_model or "",
        "serial_no": goods.serial_no or "",
        "accessories": goods.accessories or "",
        "condition": goods.condition or "",
        "fault": goods.fault,
        "promised_date": fmt_date(goods.promised_date),
        "taken_in_by": goods.taken_in_by,
        "call_no": goods.call_no,
        "card_no": goods.card_no,
        "voided": label.text(VOID) if goods.receipt_voided_at else "",
        "voided_at": fmt_datetime(goods.receipt_voided_at),
        "returned_at": fmt_datetime(goods.returned_at),
        "received_back_by": goods.received_back_by or "",
        "remarks": goods.remarks or "",
    }
    return Record(fields)


def _whole_job(call: form_data.CallData, label: _Labels) -> str:
    """服务内容 of the voucher: the visit's work, then for goods repaired in the workshop the
    card's work and the parts fitted, one line each."""
    lines = [call.work_done] if call.work_done else []
    repair = call.repair
    if repair is not None:
        if repair.work_done:
            lines.append(label.text(REPAIRED_IN_WORKSHOP, card_no=repair.card_no, work=repair.work_done))
        if repair.parts:
            parts = label.text(LIST_SEPARATOR).join(
                label.text(PART_FITTED, name=p.name, quantity=fmt_quantity(p.quantity)) for p in repair.parts
            )
            lines.append(label.text(PARTS_FITTED, parts=parts))
    return "\n".join(lines)


def _service_voucher(call: form_data.CallData, label: _Labels) -> Record:
    return Record({
        "call_no": call.call_no,
        "received_at": fmt_datetime(call.received_at),
        "channel": label(labels.CALL_CHANNEL, call.channel),
        "customer_name": call.customer_name,
        "phone": call.phone or "",
        "address": call.address or "",
        "district": label(labels.DISTRICT, call.district),
        "product_model": call.product_model or "",
        "serial_no": call.serial_no or "",
        "fault": call.fault or "",
        "service_kind": label(labels.SERVICE_KIND, call.service_kind),
        "technician": call.technician,
        "dispatched_at": fmt_datetime(call.dispatched_at),
        "arrival_due_at": fmt_datetime(call.arrival_due_at),
        "arrived_at": fmt_datetime(call.arrived_at),
        "work_done": _whole_job(call, label),
        "hours_spent": fmt_hours(call.total_hours),
        "fee": fmt_money(call.fee),
        "payment_method": label(labels.PAYMENT_METHOD, call.payment_method),
        "signed_by": call.signed_by or "",
        "signed_at": fmt_datetime(call.signed_at),
        "closed_at": fmt_datetime(call.closed_at),
        "status": label(labels.CALL_STATUS, call.status),
        "invoice_no": call.invoice_no or "",
        "remarks": call.remarks or "",
        "registered_by": call.registered_by,
    })


# form → (the service that reads its rows by numbers= or ids=, a row's number, its record)
_NUMBERED: dict[str, tuple[Callable, Callable, Callable]] = {
    "repair_card": (form_data.repair_cards, lambda row: row.card_no, _repair_card),
    "goods_receipt": (form_data.goods_receipts, lambda row: row.receipt_no, _goods_receipt),
    "service_voucher": (form_data.service_calls, lambda row: row.call_no, _service_voucher),
}


# -- registers for a period ---------------------------------------------------------------------

def call_register(
    session: Session, start: date, end: date, translate: Translate | None = None, now: datetime | None = None
) -> Record:
    """叫修登记簿 for the calls received from ``start`` to ``end`` (both days included)."""
    register = form_data.call_register(session, start, end)
    label = _Labels(translate)
    rows = [
        {
            "call_no": r.call_no,
            "received_at": fmt_datetime(r.received_at),
            "customer_name": r.customer_name,
            "phone": r.phone or "",
            "address": r.address or "",
            "product_model": r.product_model or "",
            "fault": r.fault or "",
            "service_kind": r.service_kind,
            "technician": r.technician,
            "arrived_at": fmt_datetime(r.arrived_at),
            "status": label(labels.CALL_STATUS, r.status),
            "fee": fmt_money(r.fee),
            # what the fee adds to the page's total: as the period's, cancelled calls not counted
            "_sum_fee": fmt_money(r.fee) if r.counted else "",
        }
        for r in register.lines
    ]
    counts = register.count_by_kind
    fields = {
        "date_from": fmt_date(start), "date_to": fmt_date(end), "count": str(len(rows)),
        "count_a": str(counts.get("A", 0)), "count_b": str(counts.get("B", 0)), "count_c": str(counts.get("C", 0)),
        "count_open": str(register.still_open), "fee_total": fmt_money(register.fee_total),
    }
    fields.update(_head(session, now))
    return Record(fields, {"calls": rows})


def goods_register(
    session: Session, start: date, end: date, translate: Translate | None = None, now: datetime | None = None
) -> Record:
    """客户商品进出登记簿: the goods taken in from ``start`` to ``end`` and where each is now."""
    register = form_data.goods_register(session, start, end)
    label = _Labels(translate)
    states = {key: label.text(msg) for key, msg in (("in", IN_SHOP), ("back", GONE_BACK), ("void", RECEIPT_VOIDED))}
    rows = [
        {
            "receipt_no": g.receipt_no,
            "taken_in_at": fmt_datetime(g.taken_in_at),
            "customer_name": g.customer_name,
            "phone": g.phone or "",
            "product_model": g.product_model or "",
            "serial_no": g.serial_no or "",
            "accessories": g.accessories or "",
            "condition": g.condition or "",
            "promised_date": fmt_date(g.promised_date),
            "returned_at": fmt_datetime(g.returned_at),
            "received_back_by": g.received_back_by or "",
            "state": states[g.state],
        }
        for g in register.lines
    ]
    fields = {
        "date_from": fmt_date(start), "date_to": fmt_date(end), "count": str(len(rows)),
        "count_returned": str(register.returned), "count_in_shop": str(register.in_shop),
        "count_voided": str(register.voided),
    }
    fields.update(_head(session, now))
    return Record(fields, {"goods": rows})


# -- daily reports (S10–S12) --------------------------------------------------------------------------

def _kind_fields(totals: daily_reports.KindTotals) -> dict[str, str]:
    fields = {}
    for kind in daily_reports.KINDS:
        fields[f"jobs_{kind.lower()}"] = str(totals.jobs[kind])
        fields[f"hours_{kind.lower()}"] = fmt_hours(totals.hours[kind])
    fields["jobs_total"] = str(totals.total_jobs)
    fields["hours_total"] = fmt_hours(totals.total_hours)
    fields["hours_on_site"] = fmt_hours(totals.by_mode.get("on_site", Decimal("0")))
    fields["hours_repair"] = fmt_hours(totals.by_mode.get("repair", Decimal("0")))
    return fields


def technician_id_by_name(session: Session, name: str) -> int:
    """The technician a report is asked for by name (the command line's ``--technician``)."""
    staff_id = staff_service.staff_id_by_name(session, name)
    if staff_id is None:
        raise UserError(NO_SUCH_TECHNICIAN, "technician", name=name)
    return staff_id


def not_a_period_form(form: str) -> UserError:
    return UserError(UNKNOWN_FORM, "form", form=form, forms=", ".join(s.command for s in FORMS.values() if not s.numbered))


def _signoff_fields(report, label: _Labels) -> dict[str, str]:
    """S12 on paper: who signed and when, and every change made to the day since, each with
    who recorded it and when, then the corrected totals."""
    signoff = report.signoff
    if signoff is None:
        return {"signed": "", "signed_by": "", "signed_at": "", "amendments": ""}
    lines = []
    for a in report.amendments:
        line = a.line
        lines.append(label.text(
            AMENDMENT_ADDED if a.change == "added" else AMENDMENT_REMOVED,
            technician=line.technician, call_no=line.call_no, kind=line.service_kind,
            mode=label(labels.WORK_MODE, line.mode), hours=fmt_hours(line.hours),
            at=fmt_datetime(a.recorded_at) if a.recorded_at and a.recorded_at.year > 1 else "", by=a.recorded_by,
        ))
    if report.corrected is not None:
        lines.append(label.text(CORRECTED_TOTALS, jobs=report.corrected.total_jobs, hours=fmt_hours(report.corrected.total_hours)))
    return {
        "signed": label.text(SIGNED, name=signoff.signed_by, at=fmt_datetime(signoff.signed_at)),
        "signed_by": signoff.signed_by,
        "signed_at": fmt_datetime(signoff.signed_at),
        "amendments": "\n".join(lines),
    }


def technician_daily(
    session: Session, technician_id: int, day: date, translate: Translate | None = None, now: datetime | None = None
) -> Record:
    report = daily_reports.technician_day(session, technician_id, day)
    label = _Labels(translate)
    fields = {"technician": report.technician, "day": fmt_date(day), **_kind_fields(report.totals)}
    fields.update(_signoff_fields(report, label))
    fields.update(_head(session, now))
    jobs = [
        {
            "line_no": str(i),
            "call_no": line.call_no,
            "customer_name": line.customer_name,
            "service_kind": label(labels.SERVICE_KIND, line.service_kind),
            "mode": label(labels.WORK_MODE, line.mode),
            "hours": fmt_hours(line.hours),
        }
        for i, line in enumerate(report.lines, start=1)
    ]
    return Record(fields, {"jobs": jobs})


def supervisor_daily(session: Session, day: date, translate: Translate | None = None, now: datetime | None = None) -> Record:
    report = daily_reports.supervisor_day(session, day)
    fields = {"day": fmt_date(day), "technicians": str(len(report.technicians)), **_kind_fields(report.totals)}
    fields.update(_signoff_fields(report, _Labels(translate)))
    fields.update(_head(session, now))
    rows = []
    for name, totals in report.technicians:
        row = {"technician": name, **{k: v for k, v in _kind_fields(totals).items() if k.startswith(("jobs_", "hours_"))}}
        rows.append(row)
    return Record(fields, {"technicians": rows})


# -- the customer list (I2) ---------------------------------------------------------------------------

ALL_CUSTOMERS = QT_TRANSLATE_NOOP("Printing", "All customers")
FILTER_PART = QT_TRANSLATE_NOOP("Printing", "{what}: {value}")
FILTER_SEPARATOR = QT_TRANSLATE_NOOP("Printing", "; ")
CHOICE = QT_TRANSLATE_NOOP("Printing", "{code} ({label})")
LIST_SEPARATOR = QT_TRANSLATE_NOOP("Printing", ", ")
UNKNOWN_FILTER_VALUE = QT_TRANSLATE_NOOP("Printing", "{what} “{value}” is unknown. Use one of: {choices}.")
NO_SUCH_STAFF = QT_TRANSLATE_NOOP("Printing", "There is no member of staff called “{name}”.")
# what each of the customer register's filters is called on paper and in messages
CUSTOMER_FILTER_NAMES: dict[str, Msg] = {
    "category": QT_TRANSLATE_NOOP("Printing", "Category"),
    "district": QT_TRANSLATE_NOOP("Printing", "District"),
    "vip_level": QT_TRANSLATE_NOOP("Printing", "VIP level"),
    "status": QT_TRANSLATE_NOOP("Printing", "Status"),
    "staff_id": QT_TRANSLATE_NOOP("Printing", "Responsible staff"),
}
SEARCH = QT_TRANSLATE_NOOP("Printing", "Search")


def _customer_codes() -> dict[str, dict[str, Msg]]:
    """The coded filters' codes and names, as the register's columns show them."""
    from ..services import archive

    return {
        "category": labels.CUSTOMER_CATEGORY,
        "district": labels.DISTRICT,
        "vip_level": archive.VIP_LEVEL,
        "status": archive.CUSTOMER_STATUS,
    }


def customer_list_filters(
    session: Session,
    *,
    category: str | None = None,
    district: str | None = None,
    vip_level: str | None = None,
    status: str | None = None,
    staff: str | None = None,
    translate: Translate | None = None,
) -> dict[str, object]:
    """The customer register's filters (``registers.CUSTOMER_FILTERS``) from typed values:
    a code as the register stores it (``end_user``, ``urban``, ``2``, ``active``) or its name
    in English or as shown (最终用户, 市区, VIP 二级); the member of staff by name. A value
    that is none of these is refused with the ones that are."""
    codes = _customer_codes()
    chosen: dict[str, object] = {}
    for key, typed in (("category", category), ("district", district), ("vip_level", vip_level), ("status", status)):
        text = (typed or "").strip()
        if not text:
            continue
        wanted = text.casefold()
        found = next(
            (code for code, name in codes[key].items()
             if wanted in (code.casefold(), str(name).casefold(), name.tr(translate).casefold())),
            None,
        )
        if found is None:
            choices = LIST_SEPARATOR.tr(translate).join(
                CHOICE.tr(translate, code=code, label=name) for code, name in codes[key].items()
            )
            raise UserError(UNKNOWN_FILTER_VALUE, key, what=CUSTOMER_FILTER_NAMES[key], value=text, choices=choices)
        chosen[key] = found
    name = (staff or "").strip()
    if name:
        staff_id = staff_service.staff_id_by_name(session, name)
        if staff_id is None:
            raise UserError(NO_SUCH_STAFF, "staff", name=name)
        chosen["staff_id"] = staff_id
    return chosen


def customer_list(
    database: Database,
    filters: dict[str, object] | None = None,
    search: str = "",
    translate: Translate | None = None,
    now: datetime | None = None,
) -> Record:
    """客户一览表: the customers the customer register shows with ``filters`` (its filter
    bar's: category, district, vip_level, status, staff_id) and ``search`` (its search box),
    by code and then name (customers without a code last), each with the staff responsible
    for it on the day printed. Takes the database, not a session: the rows are chosen by the
    register's own query (``form_data.customer_list``), so the paper never disagrees with the screen."""
    label = _Labels(translate)
    codes = _customer_codes()
    printed = now or clock.now()
    chosen = form_data.customer_list(database, filters, search, printed.date())
    parts = [
        label.text(FILTER_PART, what=CUSTOMER_FILTER_NAMES[key], value=label(codes[key], str(chosen.filters[key])))
        for key in codes
        if key in chosen.filters
    ]
    if "staff_id" in chosen.filters:
        name = chosen.staff_name or str(chosen.filters["staff_id"])
        parts.append(label.text(FILTER_PART, what=CUSTOMER_FILTER_NAMES["staff_id"], value=name))
    if chosen.search:
        parts.append(label.text(FILTER_PART, what=SEARCH, value=chosen.search))
    with database.read_session() as session:
        head = _head(session, printed)
    separator = label.text(LIST_SEPARATOR)
    rows = [
        {
            "code": c.code or "",
            "name": c.name,
            "category": label(labels.CUSTOMER_CATEGORY, c.category),
            "district": label(labels.DISTRICT, c.district),
            "vip_level": label(codes["vip_level"], str(c.vip_level)),
            "status": label(codes["status"], c.status),
            "contact_person": c.contact_person or "",
            "phone": c.phone or "",
            "address": c.address or "",
            "responsible_staff": separator.join(c.responsible),
        }
        for c in chosen.lines
    ]
    fields = {
        "filter": label.text(FILTER_SEPARATOR).join(parts) if parts else label.text(ALL_CUSTOMERS),
        "count": str(len(rows)),
    }
    fields.update(head)
    return Record(fields, {"customers": rows})


# -- the lists of the window (X4) ---------------------------------------------------------------------

def list_value(kind: str, value: object) -> str:
    """A list's value as the paper writes it (hours with one decimal, money with two)."""
    if value is None or value == "":
        return ""
    if kind == lists.MONEY:
        return fmt_money(value)
    if kind == lists.HOURS:
        return fmt_hours(value)
    if kind == lists.DATE:
        return fmt_date(value)
    if kind == lists.DATETIME:
        return fmt_datetime(value)
    if kind == lists.SECOND:
        return f"{value:%Y-%m-%d %H:%M:%S}"
    if kind == lists.PERCENT:
        return f"{Decimal(str(value)) * 100:.1f}%"
    if kind == lists.SCORE:
        return f"{Decimal(str(value)):.2f}"
    return str(value)


def list_record(session: Session, table: lists.ListTable, translate: Translate | None = None,
                now: datetime | None = None) -> Record:
    """The record a list's layout is filled with."""
    rows = [{c.key: list_value(c.kind, row.get(c.key)) for c in table.columns} for row in table.rows]
    fields = {
        "criteria": table.criteria_text(translate),
        "count": str(len(rows)),
        "as_of": fmt_date(table.as_of),
        "note": table.note,
    }
    for key, total in table.totals().items():
        fields[f"total_{key}"] = list_value(table.column(key).kind, total)
    fields.update(_head(session, now))
    return Record(fields, {"rows": rows})


# -- renewal notices (S15) ------------------------------------------------------------------------

VISITS_UNLIMITED = QT_TRANSLATE_NOOP("Printing", "service visits as needed")
VISITS_INCLUDED = QT_TRANSLATE_NOOP("Printing", "{visits} service visits included")
DEAR_SIR = QT_TRANSLATE_NOOP("Printing", "Sir or Madam")


def renewal_notices(session: Session, contract_numbers: Sequence[str], translate: Translate | None = None,
                    now: datetime | None = None) -> list[Record]:
    """保养到期通知书 of the contracts ``contract_numbers``, in that order; an unknown number is
    refused before anything is printed. The renewal fee is the contract's fee."""
    label = _Labels(translate)
    found = form_data.renewal_notices(session, contract_numbers)
    for number in contract_numbers:
        if number not in found:
            raise UserError(UNKNOWN_NUMBER, "number", form=spec_of("renewal_notice").title, number=number)
    head = _head(session, now)
    printed = (now or clock.now()).date()
    records = []
    for number in contract_numbers:
        contract = found[number]
        visits = (label.text(VISITS_UNLIMITED) if contract.visits_included is None
                  else label.text(VISITS_INCLUDED, visits=contract.visits_included))
        fields = {
            "contract_no": contract.contract_no, "letter_date": printed.strftime("%Y年%m月%d日"),
            "customer_name": contract.customer_name, "customer_address": contract.customer_address or "",
            "customer_postcode": contract.customer_postcode or "",
            "addressee": contract.contact_person or label.text(DEAR_SIR),
            "start_date": fmt_date(contract.start_date), "end_date": fmt_date(contract.end_date),
            "fee": fmt_money(contract.fee), "renewal_fee": fmt_money(contract.fee), "visits": visits,
            "keeper": contract.keeper or "", "keeper_phone": contract.keeper_phone or head.get("branch_phone", ""),
        }
        fields.update(head)
        rows = [{"line_no": str(i), "model": model, "serial_no": serial or ""}
                for i, (model, serial) in enumerate(contract.products, start=1)]
        records.append(Record(fields, {"products": rows}))
    return records
