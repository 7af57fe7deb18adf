"""What the demo adds after its rows, through the program's own services: the branch's
name on the forms, known logins, the staff responsible for firms and contracts, and the
arrival deadlines of the calls still waiting (S14)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from functools import lru_cache

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from ..models import Customer, MaintenanceContract, Role, ServiceCall, Staff
from .catalogue import DEMO_BRANCH


def set_branch(conn: Connection) -> None:
    """The name, address and phone every printed form carries (invented, like the rest)."""
    from ..services import branch

    with Session(bind=conn) as session:
        branch.save(session, *DEMO_BRANCH)
        session.flush()


DEMO_ADMIN_PASSWORD = "admin123"
DEMO_STAFF_PASSWORD = "demo1234"


@lru_cache(maxsize=2)
def _demo_hash(password: str) -> str:
    """One argon2 hash per process: the demo's passwords are public, and hashing each
    account would add a fifth of a second apiece to every demo database the tests make."""
    from ..services.auth import hash_password

    return hash_password(password)


def set_accounts(conn: Connection) -> None:
    """Demo data is marked as such (a banner in the window) and gets known logins: ``admin``
    / admin123 for the administrator, each member of staff by name with demo1234."""
    from ..models import Role, Setting, Staff
    from ..services import auth

    with Session(bind=conn) as session:
        admin = Staff(name="系统管理员", role=Role.ADMIN.value, active=True)
        session.add(admin)
        session.flush()
        auth.create_account(session, admin.id, auth.ADMIN_LOGIN, None, must_change_password=False,
                            password_hash=_demo_hash(DEMO_ADMIN_PASSWORD))
        for staff in session.scalars(select(Staff).where(Staff.id != admin.id).order_by(Staff.id)):
            auth.create_account(session, staff.id, staff.name, None, must_change_password=False,
                                password_hash=_demo_hash(DEMO_STAFF_PASSWORD))
        session.add(Setting(key=auth.DEMO_SETTING, value="1"))
        session.flush()


def _customers_came(conn: Connection, today: date) -> tuple[dict[int, date], date]:
    """Customer → the day of its first dealing with the branch (its first machine bought,
    contract begun or call received), and the day the demo's history begins, for a customer
    with none. Both before ``today``."""
    from sqlalchemy import func

    from ..models import CustomerProduct

    came: dict[int, date] = {}
    for column, owner in ((CustomerProduct.purchase_date, CustomerProduct.customer_id),
                          (MaintenanceContract.start_date, MaintenanceContract.customer_id),
                          (ServiceCall.received_at, ServiceCall.customer_id)):
        for customer_id, first in conn.execute(select(owner, func.min(column)).group_by(owner)):
            if first is None or customer_id is None:
                continue
            day = first.date() if isinstance(first, datetime) else first
            came[customer_id] = min(day, came.get(customer_id, day))
    yesterday = today - timedelta(days=1)
    came = {customer_id: min(day, yesterday) for customer_id, day in came.items()}
    return came, min(came.values(), default=today - timedelta(days=365))


def set_responsibilities(conn: Connection, seed: int, today: date) -> None:
    """I10, I6: the firms the branch deals with (every customer but private persons with
    no contract) get responsible staff — important ones two, as the rule asks, except a
    few that still lack the second so that the warning list has something to show — and
    every contract someone who looks after it; a departure hand-over then has work to move.
    A responsibility begins when the customer came (its first dealing), not on the day the
    demo is made: a hand-over made on that day must leave the leaver on no list."""
    from sqlalchemy import insert, update

    from ..models import CustomerStaff, Importance

    rng = random.Random(seed + 10)
    people = list(conn.execute(
        select(Staff.id).where(Staff.role.in_((Role.CLERK.value, Role.MANAGER.value, Role.SUPERVISOR.value)))
        .order_by(Staff.id)).scalars())
    if not people:
        return
    with_contract = select(MaintenanceContract.customer_id)
    firms = list(conn.execute(
        select(Customer.id).where(
            (Customer.category != "end_user") | Customer.legal_representative.is_not(None)
            | Customer.id.in_(with_contract))
        .order_by(Customer.id)).scalars())
    came, history_begins = _customers_came(conn, today)
    rows, important = [], []
    for n, customer_id in enumerate(firms):
        since = came.get(customer_id, history_begins)
        first = people[n % len(people)]
        rows.append({"customer_id": customer_id, "staff_id": first, "since": since})
        if n % 4 == 0:  # every fourth firm is important (I10) …
            important.append(customer_id)
            if n % 20 != 0 and len(people) > 1:  # … and most of those have their second person
                rows.append({"customer_id": customer_id, "staff_id": people[(n + 1) % len(people)], "since": since})
    for chunk in range(0, len(rows), 5000):
        conn.execute(insert(CustomerStaff), rows[chunk:chunk + 5000])
    for chunk in range(0, len(important), 900):
        conn.execute(update(Customer).where(Customer.id.in_(important[chunk:chunk + 900]))
                     .values(importance=Importance.IMPORTANT.value))
    contracts = list(conn.execute(select(MaintenanceContract.id).order_by(MaintenanceContract.id)).scalars())
    keepers: dict[int, list[int]] = {}
    for contract_id in contracts:
        keepers.setdefault(rng.choice(people), []).append(contract_id)
    for keeper, ids in keepers.items():
        for chunk in range(0, len(ids), 900):
            conn.execute(update(MaintenanceContract).where(MaintenanceContract.id.in_(ids[chunk:chunk + 900]))
                         .values(staff_id=keeper))


def set_open_deadlines(conn: Connection) -> None:
    """S14: the calls still awaiting a technician get their arrival deadline from the
    program's own calendar (a few hundred rows even in a million-call load)."""
    from sqlalchemy import bindparam, update

    from ..services.calendar import calendar_from_database
    from ..services.deadlines import AWAITING_ARRIVAL, arrival_due

    with Session(bind=conn) as session:
        calendar = calendar_from_database(session)
    waiting = conn.execute(
        select(ServiceCall.id, ServiceCall.received_at, ServiceCall.district).where(ServiceCall.status.in_(AWAITING_ARRIVAL))
    ).all()
    if waiting:
        table = ServiceCall.__table__
        conn.execute(
            update(table).where(table.c.id == bindparam("call_id")).values(arrival_due_at=bindparam("due")),
            [{"call_id": i, "due": arrival_due(calendar, received, district)} for i, received, district in waiting],
        )


LOST_REASONS = ("客户预算削减，暂不续约", "客户改用厂家的保养服务", "设备已淘汰更新", "客户迁址到外区", "对响应时间不满意")


def set_renewals(conn: Connection, seed: int, today: date) -> None:
    """S15: the contracts' renewals as a branch would have them — each contract a later one
    follows was renewed (notice sent a month before its end, outcome a few weeks later,
    linked to its successor); most of those that ended unfollowed were lost, with a reason,
    the last few still undecided; of those now ending, half have had their notice sent."""
    from sqlalchemy import insert

    from ..models import ContractRenewal, RenewalOutcome, contract_product
    from ..services.contracts import ending_until, months_before

    rng = random.Random(seed + 20)
    contracts = {row.id: row for row in conn.execute(
        select(MaintenanceContract.id, MaintenanceContract.start_date, MaintenanceContract.end_date,
               MaintenanceContract.staff_id))}
    if not contracts:
        return
    by_product: dict[int, list[int]] = {}
    covers: dict[int, list[int]] = {}
    for contract_id, product_id in conn.execute(select(contract_product.c.contract_id, contract_product.c.product_id)):
        by_product.setdefault(product_id, []).append(contract_id)
        covers.setdefault(contract_id, []).append(product_id)
    successor: dict[int, int] = {}
    for contract_id, row in contracts.items():
        later = [c for p in covers.get(contract_id, ()) for c in by_product[p]
                 if contracts[c].start_date > row.start_date]
        if later:
            successor[contract_id] = min(later, key=lambda c: contracts[c].start_date)
    taken: set[int] = set()
    rows = []
    last_due = ending_until(today)
    for contract_id in sorted(contracts):
        row = contracts[contract_id]
        due = months_before(row.end_date)
        sent_on = min(due + timedelta(days=rng.randint(0, 6)), today)
        how = rng.choice(("mail", "mail", "visit", "fax", "email"))
        line = {"contract_id": contract_id, "notice_sent_on": None, "notice_sent_how": None,
                "pursued_by_id": row.staff_id, "outcome": None, "outcome_on": None, "lost_reason": None,
                "renewal_id": None, "recorded_by_id": row.staff_id}
        follower = successor.get(contract_id)
        if follower is not None and follower not in taken and due <= today:
            taken.add(follower)
            decided = min(max(sent_on, contracts[follower].start_date - timedelta(days=rng.randint(3, 25))), today)
            line.update(notice_sent_on=sent_on, notice_sent_how=how, outcome=RenewalOutcome.RENEWED.value,
                        outcome_on=decided, renewal_id=follower)
        elif follower is None and row.end_date < today - timedelta(days=30):
            line.update(notice_sent_on=sent_on, notice_sent_how=how, outcome=RenewalOutcome.LOST.value,
                        outcome_on=min(row.end_date + timedelta(days=rng.randint(0, 20)), today),
                        lost_reason=rng.choice(LOST_REASONS))
        elif follower is None and today >= due and row.end_date <= last_due and rng.random() < 0.5:
            line.update(notice_sent_on=sent_on, notice_sent_how=how)  # sent, the answer still awaited
        else:
            continue
        rows.append(line)
    for chunk in range(0, len(rows), 5000):
        conn.execute(insert(ContractRenewal), rows[chunk:chunk + 5000])

