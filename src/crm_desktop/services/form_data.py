"""What the paper forms show, read from the database: the repair card, the goods receipt and
the service voucher of given rows, the call and goods registers of a period, the customer
list as the customer register shows it, and the letters of a hand-over.

Each function takes a session (the customer list the database: see there) and returns plain
data — dataclasses of values already chosen (which telephone, whose name, which state, what
the totals are) but not yet written for paper: dates stay dates, money stays Decimal and
codes stay codes. ``printing.forms`` writes them as the forms print them; this module knows
nothing of layouts or fonts, so the window and the command line share one reading of the
records. The daily reports' data comes from ``daily_reports``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db import Database
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP
from ..models import (
    CallStatus,
    Customer,
    CustomerContact,
    CustomerStaff,
    GoodsEntry,
    Handover,
    MaintenanceContract,
    RepairCard,
    ServiceCall,
    Staff,
)

# context "Printing": the message was the print's before its query moved here
BAD_RANGE = QT_TRANSLATE_NOOP("Printing", "The period ends ({end}) before it begins ({start}).")


def staff_names(session: Session) -> dict[int, str]:
    """Every member of staff's name by id, people who left included: old forms name them."""
    return dict(session.execute(select(Staff.id, Staff.name)).all())


@cache
def _field_names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))  # asked once a class: fields() is slow for every row


def _copied(cls, row, **chosen):
    """A ``cls`` with the attributes of ``row`` that share its fields' names, and ``chosen``
    for the rest: the dataclasses below name their columns as the models do."""
    return cls(**{name: getattr(row, name) for name in _field_names(cls) if name not in chosen}, **chosen)


# -- the numbered forms: repair card, goods receipt, service voucher ------------------------------------

@dataclass(frozen=True)
class PartLine:
    line_no: int
    part_no: str | None
    name: str
    quantity: Decimal
    unit_price: Decimal

    @property
    def amount(self) -> Decimal:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class RepairCardData:
    """修理卡: the card, with what its goods entry and its call add (phone, accessories, …)."""

    id: int
    card_no: str
    opened_at: datetime
    customer_name: str
    product_model: str | None
    serial_no: str | None
    fault: str | None
    promised_date: date | None
    work_done: str | None
    repair_hours: Decimal | None
    labour_fee: Decimal | None
    quote_amount: Decimal | None
    consent_given: bool | None
    consent_by: str | None
    inspection_passed: bool | None
    inspection_result: str | None
    inspected_at: datetime | None
    status: str
    remarks: str | None
    technician: str  # names, "" for nobody
    inspected_by: str
    phone: str  # the call's, else the goods entry's
    address: str  # the call's
    accessories: str  # the goods entry's
    condition: str
    receipt_no: str
    call_no: str
    service_kind: str | None  # the call's code; None without a call
    parts: tuple[PartLine, ...]  # by line number

    @property
    def parts_total(self) -> Decimal:
        return sum((p.amount for p in self.parts), Decimal("0"))

    @property
    def total_fee(self) -> Decimal | None:
        """Labour and parts; None while the card has neither a labour fee nor parts."""
        if self.labour_fee is None and not self.parts:
            return None
        return (self.labour_fee or Decimal("0")) + self.parts_total


@dataclass(frozen=True)
class GoodsReceiptData:
    """客户商品领取收据: the goods entry, its call's address and fault, and its latest card."""

    id: int
    receipt_no: str
    taken_in_at: datetime
    customer_name: str
    phone: str | None
    product_model: str | None
    serial_no: str | None
    accessories: str | None
    condition: str | None
    promised_date: date | None
    receipt_voided_at: datetime | None
    returned_at: datetime | None
    received_back_by: str | None
    remarks: str | None
    taken_in_by: str
    address: str
    fault: str
    call_no: str
    card_no: str  # the newest card of these goods, "" for none


@dataclass(frozen=True)
class CallData:
    """服务凭证: the fields of one service call, staff by name."""

    id: int
    call_no: str
    received_at: datetime
    channel: str
    customer_name: str
    phone: str | None
    address: str | None
    district: str
    product_model: str | None
    serial_no: str | None
    fault: str
    service_kind: str
    dispatched_at: datetime | None
    arrival_due_at: datetime | None
    arrived_at: datetime | None
    work_done: str | None
    hours_spent: Decimal | None
    fee: Decimal | None
    payment_method: str | None
    signed_by: str | None
    signed_at: datetime | None
    closed_at: datetime | None
    status: str
    invoice_no: str | None
    remarks: str | None
    technician: str
    registered_by: str
    repair: RepairJob | None = None  # the workshop's part of the job when the goods went to a repair card

    @property
    def total_hours(self) -> Decimal | None:
        """The whole job's hours: the visit's and the workshop's (the card's), None with neither."""
        spent = [h for h in (self.hours_spent, self.repair.repair_hours if self.repair else None) if h is not None]
        return sum(spent, Decimal("0")) if spent else None


@dataclass(frozen=True)
class RepairJob:
    """What a call's repair card adds to its voucher: the work done in the workshop, the
    parts fitted and the hours, so that the voucher tells the whole job."""

    card_no: str
    work_done: str | None
    repair_hours: Decimal | None
    parts: tuple[PartLine, ...]  # by line number


def _which(model, number_column, numbers: Sequence[str] | None, ids: Sequence[int] | None):
    if (numbers is None) == (ids is None):
        raise TypeError("give either numbers or ids")
    return number_column.in_(list(numbers)) if numbers is not None else model.id.in_(list(ids))


def repair_cards(
    session: Session, *, numbers: Sequence[str] | None = None, ids: Sequence[int] | None = None
) -> list[RepairCardData]:
    """The cards numbered ``numbers`` or with the ``ids``, in no particular order; those not
    found are left out (the caller says which it missed)."""
    names = staff_names(session)
    cards = session.scalars(
        select(RepairCard)
        .where(_which(RepairCard, RepairCard.card_no, numbers, ids))
        .options(selectinload(RepairCard.parts), selectinload(RepairCard.goods_entry), selectinload(RepairCard.call))
    )
    result = []
    for card in cards:
        goods, call = card.goods_entry, card.call
        result.append(_copied(
            RepairCardData, card,
            technician=names.get(card.technician_id, ""),
            inspected_by=names.get(card.inspected_by_id, ""),
            phone=(call.phone if call else None) or (goods.phone if goods else "") or "",
            address=(call.address if call else "") or "",
            accessories=(goods.accessories if goods else "") or "",
            condition=(goods.condition if goods else "") or "",
            receipt_no=goods.receipt_no if goods else "",
            call_no=call.call_no if call else "",
            service_kind=call.service_kind if call else None,
            parts=tuple(_copied(PartLine, p) for p in sorted(card.parts, key=lambda p: p.line_no)),
        ))
    return result


def goods_receipts(
    session: Session, *, numbers: Sequence[str] | None = None, ids: Sequence[int] | None = None
) -> list[GoodsReceiptData]:
    """The goods entries by receipt number or id, in no particular order; those not found
    are left out."""
    names = staff_names(session)
    entries = list(session.scalars(
        select(GoodsEntry)
        .where(_which(GoodsEntry, GoodsEntry.receipt_no, numbers, ids))
        .options(selectinload(GoodsEntry.call))
    ))
    # a second card for the same goods (a repair reopened) replaces the first: the newest wins
    cards = dict(session.execute(
        select(RepairCard.goods_entry_id, RepairCard.card_no)
        .where(RepairCard.goods_entry_id.in_([g.id for g in entries]))
        .order_by(RepairCard.id)
    ).all())
    return [
        _copied(
            GoodsReceiptData, g,
            taken_in_by=names.get(g.taken_in_by_id, ""),
            address=(g.call.address if g.call else "") or "",
            fault=(g.call.fault if g.call else "") or "",
            call_no=g.call.call_no if g.call else "",
            card_no=cards.get(g.id) or "",
        )
        for g in entries
    ]


def service_calls(
    session: Session, *, numbers: Sequence[str] | None = None, ids: Sequence[int] | None = None
) -> list[CallData]:
    """The calls by call number or id, in no particular order; those not found are left out."""
    names = staff_names(session)
    calls = list(session.scalars(select(ServiceCall).where(_which(ServiceCall, ServiceCall.call_no, numbers, ids))))
    # a call whose goods were repaired twice (a repair reopened): the newest card tells the job
    repairs: dict[int, RepairJob] = {}
    for card in session.scalars(
        select(RepairCard)
        .where(RepairCard.call_id.in_([c.id for c in calls]))
        .order_by(RepairCard.id)
        .options(selectinload(RepairCard.parts))
    ):
        repairs[card.call_id] = RepairJob(
            card.card_no, card.work_done, card.repair_hours,
            tuple(_copied(PartLine, p) for p in sorted(card.parts, key=lambda p: p.line_no)),
        )
    return [
        _copied(CallData, c, technician=names.get(c.technician_id, ""), registered_by=names.get(c.registered_by_id, ""),
                repair=repairs.get(c.id))
        for c in calls
    ]


# -- the registers of a period ---------------------------------------------------------------------------

def _period(start: date, end: date) -> tuple[datetime, datetime]:
    """From the first moment of ``start`` to the first of the day after ``end``."""
    if end < start:
        raise UserError(BAD_RANGE, "date_to", start=f"{start:%Y-%m-%d}", end=f"{end:%Y-%m-%d}")
    return datetime.combine(start, datetime.min.time()), datetime.combine(end + timedelta(days=1), datetime.min.time())


@dataclass(frozen=True)
class CallLine:
    call_no: str
    received_at: datetime
    customer_name: str
    phone: str | None
    address: str | None
    product_model: str | None
    fault: str
    service_kind: str
    technician: str
    arrived_at: datetime | None
    status: str
    fee: Decimal | None

    @property
    def counted(self) -> bool:
        """Whether the fee adds to the register's total (a cancelled call's does not)."""
        return self.status != CallStatus.CANCELLED.value


@dataclass(frozen=True)
class CallRegister:
    """叫修登记簿 of a period, with its totals."""

    start: date
    end: date
    lines: list[CallLine]  # by time received, then number
    count_by_kind: dict[str, int]  # A, B and C always present
    fee_total: Decimal  # the fees of the calls not cancelled
    still_open: int  # neither struck off, closed nor cancelled


_FINISHED = frozenset({CallStatus.STRUCK_OFF.value, CallStatus.CLOSED.value, CallStatus.CANCELLED.value})


def call_register(session: Session, start: date, end: date) -> CallRegister:
    """The calls received from ``start`` to ``end`` (both days included)."""
    low, high = _period(start, end)
    names = staff_names(session)
    lines = []
    counts = {"A": 0, "B": 0, "C": 0}
    fee_total = Decimal("0")
    still_open = 0
    query = (
        select(
            ServiceCall.call_no, ServiceCall.received_at, ServiceCall.customer_name, ServiceCall.phone,
            ServiceCall.address, ServiceCall.product_model, ServiceCall.fault, ServiceCall.service_kind,
            ServiceCall.technician_id, ServiceCall.arrived_at, ServiceCall.status, ServiceCall.fee,
        )
        .where(ServiceCall.received_at >= low, ServiceCall.received_at < high)
        .order_by(ServiceCall.received_at, ServiceCall.call_no)
    )
    for r in session.execute(query):
        counts[r.service_kind] = counts.get(r.service_kind, 0) + 1
        if r.fee is not None and r.status != CallStatus.CANCELLED.value:
            fee_total += r.fee
        still_open += r.status not in _FINISHED
        lines.append(_copied(CallLine, r, technician=names.get(r.technician_id, "")))
    return CallRegister(start, end, lines, counts, fee_total, still_open)


@dataclass(frozen=True)
class GoodsLine:
    receipt_no: str
    taken_in_at: datetime
    customer_name: str
    phone: str | None
    product_model: str | None
    serial_no: str | None
    accessories: str | None
    condition: str | None
    promised_date: date | None
    returned_at: datetime | None
    received_back_by: str | None
    state: str  # "void" (receipt voided), else "back" (returned), else "in" (in the workshop)


@dataclass(frozen=True)
class GoodsRegister:
    """客户商品进出登记簿 of a period, with its counts."""

    start: date
    end: date
    lines: list[GoodsLine]  # by time taken in, then receipt number
    returned: int
    voided: int

    @property
    def in_shop(self) -> int:
        return len(self.lines) - self.returned


def goods_register(session: Session, start: date, end: date) -> GoodsRegister:
    """The goods taken in from ``start`` to ``end`` and where each is now."""
    low, high = _period(start, end)
    lines = []
    returned = voided = 0
    query = (
        select(
            GoodsEntry.receipt_no, GoodsEntry.taken_in_at, GoodsEntry.customer_name, GoodsEntry.phone,
            GoodsEntry.product_model, GoodsEntry.serial_no, GoodsEntry.accessories, GoodsEntry.condition,
            GoodsEntry.promised_date, GoodsEntry.returned_at, GoodsEntry.received_back_by, GoodsEntry.receipt_voided_at,
        )
        .where(GoodsEntry.taken_in_at >= low, GoodsEntry.taken_in_at < high)
        .order_by(GoodsEntry.taken_in_at, GoodsEntry.receipt_no)
    )
    for g in session.execute(query):
        returned += bool(g.returned_at)
        voided += bool(g.receipt_voided_at)
        state = "void" if g.receipt_voided_at else "back" if g.returned_at else "in"
        lines.append(_copied(GoodsLine, g, state=state))
    return GoodsRegister(start, end, lines, returned, voided)


# -- the customer list (I2) --------------------------------------------------------------------------------

@dataclass(frozen=True)
class CustomerLine:
    id: int
    code: str | None
    name: str
    category: str
    district: str
    vip_level: int
    status: str
    contact_person: str | None
    phone: str | None
    address: str | None
    responsible: tuple[str, ...]  # the staff responsible on the day, in the order they took it on


@dataclass(frozen=True)
class CustomerList:
    lines: list[CustomerLine]  # by code, then name in pinyin order; customers without a code last
    filters: dict[str, object]  # as the register applies them (empty ones dropped)
    search: str  # as the register searches it (white space collapsed)
    staff_name: str | None  # the name of the staff_id filter's person, None without one or if unknown


def customer_list(database: Database, filters: Mapping[str, object] | None, search: str, today: date) -> CustomerList:
    """The customers the customer register shows with ``filters`` (its filter bar's:
    category, district, vip_level, status, staff_id) and ``search`` (its search box), each
    with the staff responsible for it on ``today``. Takes the database, not a session: the
    rows are chosen by the register's own query, so the paper never disagrees with the screen."""
    from . import registers

    query = registers.RegisterQuery(database, registers.CUSTOMERS)
    query.set_filters(filters or {})
    query.set_search(search)
    with database.read_session() as session:
        matching = query.matching_ids()
        customers = session.execute(
            select(
                Customer.id, Customer.code, Customer.name, Customer.category, Customer.district, Customer.vip_level,
                Customer.status, Customer.contact_person, Customer.phone, Customer.address,
            )
            .where(Customer.id.in_(matching))
            .order_by(Customer.code.is_(None), Customer.code, Customer.name_key, Customer.id)
        ).all()
        responsible: dict[int, list[str]] = {}
        current_staff = (
            select(CustomerStaff.customer_id, Staff.name)
            .join(Staff, Staff.id == CustomerStaff.staff_id)
            .where(
                CustomerStaff.customer_id.in_(matching),
                CustomerStaff.responsible_on(today),
            )
            .order_by(CustomerStaff.customer_id, CustomerStaff.since, CustomerStaff.id)
        )
        for customer_id, name in session.execute(current_staff):
            responsible.setdefault(customer_id, []).append(name)
        staff_name = None
        if "staff_id" in query.filters:
            staff_name = session.scalar(select(Staff.name).where(Staff.id == int(query.filters["staff_id"])))
    lines = [_copied(CustomerLine, c, responsible=tuple(responsible.get(c.id, ()))) for c in customers]
    return CustomerList(lines, dict(query.filters), query.search, staff_name)


# -- the hand-over letters (I11) ------------------------------------------------------------------------------

@dataclass(frozen=True)
class LetterItem:
    """One thing taken over: a call (its product and fault), a contract (its term) or the
    customer's business itself (``kind`` "customer": neither)."""

    kind: str
    reference: str  # the call's or contract's number, the customer's code
    product_model: str | None
    fault: str | None
    start_date: date | None
    end_date: date | None
    replacement: str  # who takes it over, and their telephone
    phone: str


@dataclass(frozen=True)
class HandoverLetter:
    """The letter of one hand-over to one customer concerned."""

    handover_no: str
    effective_on: date
    customer_name: str
    customer_code: str
    customer_address: str
    customer_postcode: str
    addressee: str
    leaving_name: str
    items: tuple[LetterItem, ...]  # in the order recorded


def _addressee(session: Session, customer: Customer) -> str:
    """Whom the letter greets: the customer's contact person, else a current contact, else
    the customer itself."""
    if customer.contact_person:
        return customer.contact_person
    contact = session.scalar(
        select(CustomerContact.name)
        .where(CustomerContact.customer_id == customer.id, CustomerContact.left_on.is_(None))
        .order_by(CustomerContact.id)
    )
    return contact or customer.name


def _letter_item(session: Session, kind: str, item_id: int, replacement: Staff) -> LetterItem:
    who = {"replacement": replacement.name, "phone": replacement.phone or ""}
    if kind == "call":
        call = session.get(ServiceCall, item_id)
        return LetterItem(kind, call.call_no, call.product_model, call.fault, None, None, **who)
    if kind == "contract":
        contract = session.get(MaintenanceContract, item_id)
        return LetterItem(kind, contract.contract_no, None, None, contract.start_date, contract.end_date, **who)
    customer = session.get(Customer, item_id)
    return LetterItem(kind, customer.code or "", None, None, None, None, **who)


def _letters_of(session: Session, record: Handover, staff: dict[int, Staff]) -> list[HandoverLetter]:
    """Built from the recorded hand-over, so a letter printed again later is the one sent."""
    by_customer: dict[int, list] = {}
    for item in sorted(record.items, key=lambda i: i.id):
        by_customer.setdefault(item.customer_id, []).append(item)
    letters = []
    for customer_id, items in by_customer.items():
        customer = session.get(Customer, customer_id)
        letters.append(HandoverLetter(
            handover_no=record.handover_no,
            effective_on=record.effective_on,
            customer_name=customer.name,
            customer_code=customer.code or "",
            customer_address=customer.address or "",
            customer_postcode=customer.postcode or "",
            addressee=_addressee(session, customer),
            leaving_name=staff[record.leaving_id].name,
            items=tuple(_letter_item(session, i.kind, i.item_id, staff[i.replacement_id]) for i in items),
        ))
    return letters


def handover_letters(session: Session, numbers: Sequence[str]) -> list[HandoverLetter]:
    """Every letter of the hand-overs ``numbers``, one per customer concerned; an unknown
    number is refused before any letter is made."""
    from . import handover as handover_service  # with the process rules it needs: only for a letter

    records = [handover_service.handover_by_number(session, n) for n in numbers]
    staff = {s.id: s for s in session.scalars(select(Staff))}
    return [letter for record in records for letter in _letters_of(session, record, staff)]


# -- renewal notices (S15) ------------------------------------------------------------------------

@dataclass(frozen=True)
class RenewalNoticeData:
    contract_no: str
    start_date: date
    end_date: date
    fee: Decimal
    visits_included: int | None
    customer_name: str
    customer_address: str | None
    customer_postcode: str | None
    contact_person: str | None
    keeper: str | None
    keeper_phone: str | None
    products: tuple[tuple[str, str | None], ...]


def renewal_notices(session: Session, contract_numbers: Sequence[str]) -> dict[str, RenewalNoticeData]:
    """The contracts of ``contract_numbers`` as their renewal notice prints them, by number
    (a number with no contract left out)."""
    from ..models import MaintenanceContract

    found = {}
    for contract in session.scalars(select(MaintenanceContract).where(MaintenanceContract.contract_no.in_(list(contract_numbers)))):
        customer, keeper = contract.customer, contract.staff
        found[contract.contract_no] = RenewalNoticeData(
            contract.contract_no, contract.start_date, contract.end_date, contract.fee, contract.visits_included,
            customer.name, customer.address, customer.postcode, customer.contact_person,
            keeper.name if keeper else None, keeper.phone if keeper else None,
            tuple((p.model, p.serial_no) for p in contract.products))
    return found
