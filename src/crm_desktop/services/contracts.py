"""Maintenance contracts (保养合同): the products of a customer they cover, from when to
when, for what fee. A call on a covered product during the contract is proposed as kind B
(S1). Renewal notices (S15) build on this table later."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..i18n import QT_TRANSLATE_NOOP
from ..models import Customer, CustomerProduct, MaintenanceContract, Staff, contract_product
from . import numbering
from .validation import (
    Problems,
    check_staff,
    column_length,
    fetch,
    optional_text,
    parse_date,
    parse_decimal,
    require,
)

NO_CONTRACT = QT_TRANSLATE_NOOP("Contracts", "The maintenance contract cannot be found any more (it may have been removed meanwhile): look it up again.")
NO_CUSTOMER = QT_TRANSLATE_NOOP("Contracts", "The customer cannot be found any more (it may have been removed meanwhile): look it up again.")
_STAFF_LEFT = QT_TRANSLATE_NOOP("Contracts", "{name} no longer works here and cannot look after a contract.")
MAX_MONEY = 9999999999


def _check(
    session: Session, problems: Problems, customer: Customer | None, product_ids: list[int], start: object, end: object,
    fee: object,
) -> tuple[date | None, date | None, object, list[CustomerProduct]]:
    clean_start = problems.check(
        lambda: require(parse_date(start, "start_date"), "start_date",
                        QT_TRANSLATE_NOOP("Contracts", "Enter the day the contract starts."))
    )
    clean_end = problems.check(
        lambda: require(parse_date(end, "end_date"), "end_date",
                        QT_TRANSLATE_NOOP("Contracts", "Enter the day the contract ends."))
    )
    if clean_start and clean_end and clean_end < clean_start:
        problems.report(
            QT_TRANSLATE_NOOP("Contracts", "The contract ends ({end}) before it starts ({start})."),
            field="end_date", end=clean_end.isoformat(), start=clean_start.isoformat(),
        )
    if fee in (None, ""):
        problems.report(QT_TRANSLATE_NOOP("Contracts", "Enter the contract fee."), field="fee")
        clean_fee = None
    else:
        clean_fee = problems.check(parse_decimal, fee, "fee", minimum=0, places=2, maximum=MAX_MONEY)
    products: list[CustomerProduct] = []
    if not product_ids:
        problems.report(QT_TRANSLATE_NOOP("Contracts", "Choose the products the contract covers."), field="products")
    for pid in product_ids:
        product = session.get(CustomerProduct, pid)
        if product is None:
            problems.report(QT_TRANSLATE_NOOP(
                "Contracts", "A product chosen cannot be found any more (it may have been removed meanwhile): "
                "choose the products again."), field="products")
        elif customer is not None and product.customer_id != customer.id:
            problems.report(
                QT_TRANSLATE_NOOP("Contracts", "The product {model} is not one of this customer's products."),
                field="products", model=product.model,
            )
        else:
            products.append(product)
    return clean_start, clean_end, clean_fee, products


BAD_VISITS = QT_TRANSLATE_NOOP(
    "Contracts", "The visits included are a whole number, 1 or more (or leave it empty: as many as needed), not “{value}”.")
MAX_VISITS = 999


def _check_visits(problems: Problems, value: object) -> int | None:
    """The service visits the fee includes: a whole number from 1 to 999, or None (as many as needed)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        visits = int(str(value).strip())
    except ValueError:
        visits = -1
    if not 1 <= visits <= MAX_VISITS or (isinstance(value, float) and not value.is_integer()):
        problems.report(BAD_VISITS, field="visits_included", value=str(value))
        return None
    return visits


def _check_keeper(session: Session, problems: Problems, staff_id: object, current: int | None = None) -> int | None:
    """Who looks after the contract (S15 renewals, I6 hand-over): an active member of staff,
    or nobody. One who has left may stay on an old contract but is never chosen anew."""
    if staff_id in (None, ""):
        return None
    person = problems.check(check_staff, session, staff_id, "staff_id")
    if person is None:
        return None
    if not person.active and person.id != current:
        problems.report(_STAFF_LEFT, field="staff_id", name=person.name)
        return None
    return person.id


def create_contract(
    session: Session,
    *,
    customer_id: int | None,
    product_ids: list[int],
    start_date: date | str,
    end_date: date | str,
    fee: object,
    remarks: str | None = None,
    staff_id: int | None = None,
    visits_included: object = None,
) -> MaintenanceContract:
    problems = Problems()
    if customer_id is None:
        problems.report(QT_TRANSLATE_NOOP("Contracts", "Choose the customer the contract is made with."), field="customer_id")
        customer = None
    else:
        customer = problems.check(fetch, session, Customer, customer_id, "customer_id", NO_CUSTOMER)
    start, end, clean_fee, products = _check(session, problems, customer, product_ids, start_date, end_date, fee)
    clean_remarks = problems.check(optional_text, remarks, "remarks", max_length=column_length(MaintenanceContract, "remarks"))
    keeper = _check_keeper(session, problems, staff_id)
    visits = _check_visits(problems, visits_included)
    problems.raise_if_any()
    assert customer is not None and start is not None
    contract = MaintenanceContract(
        contract_no=numbering.next_number(session, numbering.CONTRACT, start),
        customer_id=customer.id,
        start_date=start,
        end_date=end,
        fee=clean_fee,
        remarks=clean_remarks,
        products=products,
        staff_id=keeper,
        visits_included=visits,
    )
    session.add(contract)
    session.flush()
    return contract


def update_contract(
    session: Session,
    contract_id: int,
    *,
    product_ids: list[int],
    start_date: date | str,
    end_date: date | str,
    fee: object,
    remarks: str | None = None,
    staff_id: int | None = None,
    visits_included: object = None,
) -> MaintenanceContract:
    contract = fetch(session, MaintenanceContract, contract_id, "contract_id", NO_CONTRACT)
    problems = Problems()
    start, end, clean_fee, products = _check(
        session, problems, contract.customer, product_ids, start_date, end_date, fee
    )
    clean_remarks = problems.check(optional_text, remarks, "remarks", max_length=column_length(MaintenanceContract, "remarks"))
    keeper = _check_keeper(session, problems, staff_id, contract.staff_id)
    visits = _check_visits(problems, visits_included)
    problems.raise_if_any()
    contract.staff_id = keeper
    contract.visits_included = visits
    contract.start_date, contract.end_date, contract.fee = start, end, clean_fee
    contract.remarks = clean_remarks
    contract.products = products
    session.flush()
    return contract


def active_contract_for(session: Session, product_id: int | None, day: date) -> MaintenanceContract | None:
    """The contract covering the product on ``day`` (the one ending last, if several)."""
    if product_id is None:
        return None
    return session.scalars(
        select(MaintenanceContract)
        .join(contract_product, contract_product.c.contract_id == MaintenanceContract.id)
        .where(
            contract_product.c.product_id == product_id,
            MaintenanceContract.start_date <= day,
            MaintenanceContract.end_date >= day,
        )
        .order_by(MaintenanceContract.end_date.desc())
        .limit(1)
    ).first()


@dataclass(frozen=True)
class ContractLine:
    """A contract as the list of contracts shows it: plain values, its customer's name, the
    products it covers as (model, serial number) in the order they were recorded, and the
    name of who looks after it."""

    id: int
    contract_no: str
    customer_name: str
    products: tuple[tuple[str, str | None], ...]
    start_date: date
    end_date: date
    fee: Decimal
    remarks: str | None
    keeper: str | None
    visits_included: int | None = None
    visits_used: int = 0

    def visits_text(self) -> str:
        """``3/6``: the B calls on its products so far, of the visits included (— : unlimited)."""
        return f"{self.visits_used}/{self.visits_included if self.visits_included is not None else '—'}"


def products_text(products: Iterable[tuple[str, str | None]]) -> str:
    """The products of a contract on one line, as lists and notices print them."""
    return "；".join(f"{model} {serial}" if serial else model for model, serial in products)


IN_CHUNK = 500  # ids bound in one IN (...), well under SQLite's limit of variables


def contract_numbers(session: Session) -> list[tuple[int, str]]:
    """(id, contract number) of every contract, newest first: what the list needs to know of
    all of them before it reads the rows on screen."""
    return [(i, n) for i, n in session.execute(select(MaintenanceContract.id, MaintenanceContract.contract_no)
                                               .order_by(MaintenanceContract.id.desc()))]


def contract_lines(session: Session, ids: Iterable[int] | None = None) -> list[ContractLine]:
    """Every contract, newest first; or the contracts of ``ids`` (in no particular order, an
    id with no contract left out). Read as plain rows in two statements (per chunk of ids):
    a branch's tens of thousands of contracts are no ORM objects."""
    if ids is None:
        return _contract_lines(session, None)
    wanted = list(dict.fromkeys(ids))
    lines: list[ContractLine] = []
    for start in range(0, len(wanted), IN_CHUNK):
        lines += _contract_lines(session, wanted[start:start + IN_CHUNK])
    return lines


def _contract_lines(session: Session, ids: list[int] | None) -> list[ContractLine]:
    mc = MaintenanceContract
    products: dict[int, list[tuple[str, str | None]]] = {}
    covered = (
        select(contract_product.c.contract_id, CustomerProduct.model, CustomerProduct.serial_no)
        .join(CustomerProduct, CustomerProduct.id == contract_product.c.product_id)
        .order_by(contract_product.c.contract_id, contract_product.c.product_id)
    )
    contracts = (
        select(mc.id, mc.contract_no, Customer.name, mc.start_date, mc.end_date, mc.fee, mc.remarks, Staff.name,
               mc.visits_included)
        .join(Customer, Customer.id == mc.customer_id)
        .outerjoin(Staff, Staff.id == mc.staff_id)
        .order_by(mc.id.desc())
    )
    if ids is not None:
        covered = covered.where(contract_product.c.contract_id.in_(ids))
        contracts = contracts.where(mc.id.in_(ids))
    for contract_id, model, serial_no in session.execute(covered):
        products.setdefault(contract_id, []).append((model, serial_no))
    rows = session.execute(contracts).all()
    used = visits_used(session, [r[0] for r in rows]) if rows else {}
    return [
        ContractLine(i, number, customer, tuple(products.get(i, ())), start, end, fee, remarks, keeper, visits,
                     used.get(i, 0))
        for i, number, customer, start, end, fee, remarks, keeper, visits in rows
    ]


def visits_used(session: Session, contract_ids: list[int]) -> dict[int, int]:
    """S1: the visits each contract has used — the calls of kind B on its products received
    from its start to its end (cancelled calls do not count), by contract id."""
    from ..models import CallStatus, ServiceCall

    mc = MaintenanceContract
    found: dict[int, int] = {}
    for start in range(0, len(contract_ids), IN_CHUNK):
        chunk = contract_ids[start:start + IN_CHUNK]
        rows = session.execute(
            select(mc.id, func.count(ServiceCall.id))
            .join(contract_product, contract_product.c.contract_id == mc.id)
            .join(ServiceCall, ServiceCall.product_id == contract_product.c.product_id)
            .where(mc.id.in_(chunk), ServiceCall.service_kind == "B",
                   ServiceCall.status != CallStatus.CANCELLED.value,
                   func.date(ServiceCall.received_at) >= mc.start_date, func.date(ServiceCall.received_at) <= mc.end_date)
            .group_by(mc.id)
        )
        found.update({contract_id: count for contract_id, count in rows})
    return found


def lapsed_contract_for(session: Session, product_id: int | None, day: date) -> MaintenanceContract | None:
    """The contract that last covered the product and ended before ``day`` (S1, S15: a call
    on it is paid, and the form says the contract lapsed)."""
    if product_id is None:
        return None
    return session.scalars(
        select(MaintenanceContract)
        .join(contract_product, contract_product.c.contract_id == MaintenanceContract.id)
        .where(contract_product.c.product_id == product_id, MaintenanceContract.end_date < day)
        .order_by(MaintenanceContract.end_date.desc())
        .limit(1)
    ).first()


def contract(session: Session, contract_id: int) -> MaintenanceContract:
    return fetch(session, MaintenanceContract, contract_id, "contract_id", NO_CONTRACT)


# --------------------------------------------------------------------------- where a contract stands


class ContractState:
    """Where a contract stands on a day (the list of contracts colours by it; S15 renewals
    begin one month before the end)."""

    NOT_STARTED = "not_started"
    ACTIVE = "active"
    ENDING = "ending"  # ends within a month: time for the renewal notice (S15)
    EXPIRED = "expired"


def months_before(day: date, months: int = 1) -> date:
    """The same day ``months`` months earlier (the month's last day when it has no such day:
    one month before 03-31 is 02-28 or 02-29)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def contract_state(contract: MaintenanceContract, day: date) -> str:
    if day < contract.start_date:
        return ContractState.NOT_STARTED
    if day > contract.end_date:
        return ContractState.EXPIRED
    if day >= months_before(contract.end_date):
        return ContractState.ENDING
    return ContractState.ACTIVE


def ending_until(day: date) -> date:
    """The last end date of a contract that ``contract_state`` calls ending on ``day`` (one
    that started and has not ended): ``months_before`` never goes back as the end moves on, so
    the ending contracts are those ending from ``day`` to this date."""
    month_index = day.year * 12 + day.month  # the month after day's
    year, month = divmod(month_index, 12)
    month += 1
    last = date(year, month, min(day.day, monthrange(year, month)[1]))
    while months_before(last + timedelta(days=1)) <= day:
        last += timedelta(days=1)
    return last


def count_ending(session: Session, day: date) -> int:
    """How many contracts ``contract_state`` calls ending on ``day``, counted by the database."""
    mc = MaintenanceContract
    return session.scalar(
        select(func.count()).select_from(mc)
        .where(mc.start_date <= day, mc.end_date >= day, mc.end_date <= ending_until(day))
    ) or 0
