"""I6, I11: a leaving employee's customers, open calls and contracts are handed over to
replacements in one recorded transaction; the customers get a letter, the account closes.
I7: only a role with the hand-over permission may do it, checked in the service."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from crm_desktop import clock
from crm_desktop.errors import UserError
from crm_desktop.models import (
    AuditEntry,
    CallStep,
    Correspondence,
    Customer,
    CustomerProduct,
    CustomerStaff,
    Handover,
    HandoverItem,
    MaintenanceContract,
    RepairCard,
    ServiceCall,
    Staff,
)
from crm_desktop.services import archive, auth, calls, contracts, form_data, handover, process
from crm_desktop.services.handover import HandoverItemKind
from crm_desktop.services.registers import REGISTERS, RegisterQuery

NOW = datetime(2026, 11, 27, 17, 0)
DAY = date(2026, 11, 27)


@pytest.fixture
def w(database) -> SimpleNamespace:
    with database.Session.begin() as s:
        people = {
            "admin": Staff(name="系统管理员", role="admin"),
            "admin2": Staff(name="备用管理员", role="admin"),
            "manager": Staff(name="周经理", role="manager"),
            "sales": Staff(name="吴业务", role="marketing"),
            "sales2": Staff(name="郑业务", role="marketing"),
            "tech": Staff(name="王技师", role="technician"),
            "tech2": Staff(name="赵技师", role="technician"),
            "boss": Staff(name="孙主任", role="supervisor"),
            "clerk": Staff(name="钱文员", role="clerk"),
        }
        s.add_all(people.values())
        s.flush()
        for key in ("admin", "admin2", "manager", "clerk", "tech"):
            auth.create_account(s, people[key].id, key, "mima12345", must_change_password=False)
        firm = Customer(name="明达机械厂", code="YH00001", district="urban", phone="025-84561234",
                        address="南京市玄武区中山路1号", contact_person="刘经理", importance="important")
        shop = Customer(name="华联商场", code="YH00002", district="suburban", phone="13812345678",
                        address="南京市江宁区天元路8号")
        s.add_all([firm, shop])
        s.flush()
        product = CustomerProduct(customer_id=shop.id, model="FC-3030", serial_no="SN-1", warranty_end=date(2025, 1, 1))
        s.add(product)
        s.flush()
        # firm: sales and sales2 share it (I10); shop: sales alone
        s.add_all([
            CustomerStaff(customer_id=firm.id, staff_id=people["sales"].id, since=date(2026, 1, 1)),
            CustomerStaff(customer_id=firm.id, staff_id=people["sales2"].id, since=date(2026, 1, 1)),
            CustomerStaff(customer_id=shop.id, staff_id=people["sales"].id, since=date(2026, 3, 1)),
        ])
        contract = contracts.create_contract(
            s, customer_id=shop.id, product_ids=[product.id], start_date="2026-06-01", end_date="2027-05-31",
            fee="1200", staff_id=people["sales"].id)
        old = contracts.create_contract(
            s, customer_id=shop.id, product_ids=[product.id], start_date="2025-06-01", end_date="2026-05-31",
            fee="1000", staff_id=people["sales"].id)
        call = calls.register_call(s, customer_id=shop.id, product_id=product.id, received_at=datetime(2026, 11, 26, 9),
                                   fault="不开机", registered_by_id=people["clerk"].id)
        process.dispatch(s, call.id, people["tech"].id, datetime(2026, 11, 26, 9, 30), people["boss"].id,
                         now=NOW)
        process.arrive(s, call.id, datetime(2026, 11, 26, 11), people["tech"].id, now=NOW)
        process.take_back(s, call.id, when=datetime(2026, 11, 26, 12), by_id=people["tech"].id,
                          condition="外壳完好", accessories="电源线", promised_date="2026-12-01", now=NOW)
        done = calls.register_call(s, customer_id=firm.id, product_id=None, received_at=datetime(2026, 11, 20, 9),
                                   fault="卡纸", registered_by_id=people["clerk"].id)
        process.dispatch(s, done.id, people["tech"].id, datetime(2026, 11, 20, 9, 30), people["boss"].id, now=NOW)
        process.cancel(s, done.id, reason="客户自行解决", when=datetime(2026, 11, 20, 10), by_id=people["boss"].id,
                       now=NOW)
        ids = {k: v.id for k, v in people.items()}
        return SimpleNamespace(**ids, firm=firm.id, shop=shop.id, contract=contract.id, old_contract=old.id,
                               call=call.id, done_call=done.id)


def user(database, staff_id) -> auth.LoggedIn:
    with database.read_session() as s:
        return auth.user_of(s, staff_id)


def plan_of(database, staff_id):
    with database.read_session() as s:
        return handover.departure_plan(s, staff_id, on=DAY)


def test_the_plan_lists_current_customers_open_calls_and_running_contracts(database, w):
    """I6: what the leaving person is responsible for, nothing that is over."""
    sales = plan_of(database, w.sales)
    assert [(i.kind, i.item_id) for i in sales.items] == [
        ("customer", w.firm), ("customer", w.shop), ("contract", w.contract)]  # not the ended contract
    firm = sales.items[0]
    assert (firm.reference, firm.customer_name, firm.suggested_id) == ("YH00001", "明达机械厂", w.sales2)
    tech = plan_of(database, w.tech)
    assert [(i.kind, i.item_id) for i in tech.items] == [("call", w.call)]  # the cancelled call is not listed
    assert tech.items[0].reference.startswith("JX")


def test_hand_over_moves_everything_and_closes_the_account_in_one_go(database, w):
    """I6, I11: replacements take over, history says who and when, each customer gets a
    letter in its correspondence log, the leaving person can no longer log in."""
    done = handover.hand_over(
        database, user(database, w.manager), w.sales,
        {("customer", w.firm): w.sales2, ("customer", w.shop): w.clerk, ("contract", w.contract): w.clerk},
        reason="辞职", effective_on=DAY, now=NOW,
    )
    assert done.handover_no == "JJ2026-0001"
    assert (done.customers, done.calls, done.contracts) == (2, 0, 1)
    with database.read_session() as s:
        current = {
            (r.customer_id, r.staff_id) for r in s.scalars(select(CustomerStaff).where(
                (CustomerStaff.until.is_(None)) | (CustomerStaff.until >= DAY)))
        }
        assert current == {(w.firm, w.sales2), (w.shop, w.clerk)}  # sales2 not doubled on the firm
        ended = s.scalars(select(CustomerStaff).where(CustomerStaff.staff_id == w.sales)).all()
        assert {line.until for line in ended} == {date(2026, 11, 26)}
        assert s.get(MaintenanceContract, w.contract).staff_id == w.clerk
        assert s.get(MaintenanceContract, w.old_contract).staff_id == w.sales  # history stays
        assert s.get(Staff, w.sales).active is False
        shop_history = [(h.field, h.old_value, h.new_value) for h in archive.history(s, w.shop)]
        assert ("responsible_staff", "吴业务", "钱文员") in shop_history
        letters = s.scalars(select(Correspondence).order_by(Correspondence.customer_id)).all()
        assert [(c.customer_id, c.kind, c.direction) for c in letters] == [
            (w.firm, "letter", "outgoing"), (w.shop, "letter", "outgoing")]
        assert "JJ2026-0001" in letters[1].summary and "钱文员" in letters[1].summary
        record = s.scalar(select(Handover))
        assert (record.leaving_id, record.by_id, record.reason) == (w.sales, w.manager, "辞职")
        assert [(i.kind, i.item_id, i.replacement_id) for i in record.items] == [
            ("customer", w.firm, w.sales2), ("customer", w.shop, w.clerk), ("contract", w.contract, w.clerk)]
        line = s.scalar(select(AuditEntry).where(AuditEntry.action == "handover"))
        assert (line.staff_id, line.target_id) == (w.manager, str(w.sales))
        assert '"JJ2026-0001"' in line.detail
    with database.Session.begin() as s:
        auth.create_account(s, w.sales, "wu", "mima12345", must_change_password=False)
    with pytest.raises(UserError, match="left"):
        auth.log_in(database, "wu", "mima12345")


def _named_on(database, day) -> dict[str, tuple[str, ...]]:
    """Customer → who the printed customer list names on ``day``."""
    return {line.name: line.responsible for line in form_data.customer_list(database, {}, "", day).lines}


def _filtered_on(database, staff_id, day) -> set[str]:
    """The customers the register's responsible-staff filter shows for ``staff_id`` on ``day``."""
    query = RegisterQuery(database, REGISTERS["customer"])
    with clock.frozen_at(datetime.combine(day, datetime.min.time()).replace(hour=9)):
        query.set_filters({"staff_id": staff_id})
        ids = query.matching_ids()
    with database.read_session() as s:
        return set(s.scalars(select(Customer.name).where(Customer.id.in_(ids))))


def test_i6_lists_of_the_hand_over_day_name_the_successor_and_of_the_day_before_the_leaver(database, w):
    """Hand-over effective on D: the customer list printed on D names the successor (the
    letters say the leaver is no longer responsible from D on), the one printed on D − 1 still
    the leaver; so do the register's staff filter and the archive. A responsibility begun on
    D itself (the demo's customers took theirs on the day it ran) never took effect: 143
    lines of a demo list named the leaver on the day of JJ2026-0001. A successor planned
    for a later day takes over from D."""
    with database.Session.begin() as s:
        new = Customer(name="新街口商厦", code="YH00003", district="urban")
        s.add(new)
        s.flush()
        s.add(CustomerStaff(customer_id=new.id, staff_id=w.sales, since=DAY))
        s.add(CustomerStaff(customer_id=w.shop, staff_id=w.sales2, since=DAY + timedelta(days=3)))  # planned
        new_id = new.id
    before = DAY - timedelta(days=1)
    assert _named_on(database, DAY)["新街口商厦"] == ("吴业务",)  # as the demo's lists were
    plan = plan_of(database, w.sales)
    assert ("customer", new_id) in {i.key for i in plan.items}
    handover.hand_over(database, user(database, w.manager), w.sales,
                       {i.key: w.sales2 if i.kind == "customer" else w.clerk for i in plan.items},
                       reason="辞职", effective_on=DAY, now=NOW)
    assert _named_on(database, DAY) == {"明达机械厂": ("郑业务",), "华联商场": ("郑业务",), "新街口商厦": ("郑业务",)}
    assert _named_on(database, before) == {"明达机械厂": ("吴业务", "郑业务"), "华联商场": ("吴业务",), "新街口商厦": ()}
    assert _filtered_on(database, w.sales, DAY) == set()
    assert _filtered_on(database, w.sales, before) == {"明达机械厂", "华联商场"}
    assert _filtered_on(database, w.sales2, DAY) == {"明达机械厂", "华联商场", "新街口商厦"}
    with database.read_session() as s:
        assert [x.staff_id for x in archive.responsible_staff(s, new_id, on=DAY)] == [w.sales2]
        assert s.scalars(select(CustomerStaff.until).where(CustomerStaff.staff_id == w.sales)).all() == [before, before]
        assert s.scalars(select(CustomerStaff.since).where(CustomerStaff.customer_id == w.shop,
                                                           CustomerStaff.staff_id == w.sales2)).all() == [DAY]
        assert ("responsible_staff", "吴业务", "郑业务") in [(h.field, h.old_value, h.new_value)
                                                           for h in archive.history(s, new_id)]
        (letter,) = [x for x in form_data.handover_letters(s, ["JJ2026-0001"]) if x.customer_name == "新街口商厦"]
        assert letter.effective_on == DAY  # "自{DAY}起不再负责"


def test_a_technicians_open_call_and_its_repair_card_go_to_the_replacement(database, w):
    """I6: the goods in the workshop keep a technician; the call's history shows the move and
    a supervisor can take it back like any step."""
    handover.hand_over(database, user(database, w.admin), w.tech, {("call", w.call): w.tech2},
                       reason="调往总公司", effective_on=DAY, now=NOW)
    with database.Session.begin() as s:
        call = s.get(ServiceCall, w.call)
        assert (call.technician_id, call.status) == (w.tech2, "taken_back")
        card = s.scalar(select(RepairCard).where(RepairCard.call_id == w.call))
        assert card.technician_id == w.tech2
        step = s.scalar(select(CallStep).where(CallStep.call_id == w.call).order_by(CallStep.id.desc()))
        assert step.step == "reassign" and "王技师 → 赵技师" in step.note and "JJ2026-0001" in step.note
        assert s.get(ServiceCall, w.done_call).technician_id == w.tech  # closed calls keep their history
        process.undo_last_step(s, w.call, reason="录错", by_id=w.boss, now=NOW)
        assert s.get(ServiceCall, w.call).technician_id == w.tech
        assert s.scalar(select(RepairCard).where(RepairCard.call_id == w.call)).technician_id == w.tech


def _snapshot(database) -> tuple:
    with database.read_session() as s:
        return (
            s.scalars(select(CustomerStaff.until).order_by(CustomerStaff.id)).all(),
            s.scalars(select(MaintenanceContract.staff_id).order_by(MaintenanceContract.id)).all(),
            s.scalars(select(ServiceCall.technician_id).order_by(ServiceCall.id)).all(),
            s.scalars(select(Staff.active).order_by(Staff.id)).all(),
            len(s.scalars(select(Handover)).all()), len(s.scalars(select(HandoverItem)).all()),
            len(s.scalars(select(Correspondence)).all()),
        )


@pytest.mark.parametrize("role_key", ["clerk", "tech"])
def test_a_role_without_the_permission_is_refused_by_the_service_and_it_is_audited(database, w, role_key):
    """I7: the check is in the service, not only in the window."""
    before = _snapshot(database)
    with pytest.raises(UserError, match="hand over"):
        handover.hand_over(database, user(database, getattr(w, role_key)), w.sales,
                           {("customer", w.firm): w.sales2, ("customer", w.shop): w.clerk,
                            ("contract", w.contract): w.clerk}, reason="辞职", now=NOW)
    assert _snapshot(database) == before
    with database.read_session() as s:
        denied = s.scalar(select(AuditEntry).where(AuditEntry.action == "denied"))
        assert denied.staff_id == getattr(w, role_key) and '"handover"' in denied.detail
    with pytest.raises(UserError):
        handover.hand_over(database, None, w.sales, {}, reason="辞职", now=NOW)


@pytest.mark.parametrize("case, expected", [
    ("missing", "Choose who takes over"),
    ("leaver", "the person who leaves"),
    ("not_technician", "not a technician"),
    ("inactive", "no longer works here"),
    ("no_reason", "Say why"),
    ("future", "today or earlier"),
    ("stale", "no longer"),
])
def test_bad_hand_overs_are_refused_and_nothing_moves(database, w, case, expected):
    """X2: each refusal names the item; the database is as before."""
    choice = {("customer", w.firm): w.sales2, ("customer", w.shop): w.clerk, ("contract", w.contract): w.clerk}
    leaving, reason, day = w.sales, "辞职", DAY
    if case == "missing":
        choice[("contract", w.contract)] = None
    elif case == "leaver":
        choice[("customer", w.shop)] = w.sales
    elif case == "not_technician":
        leaving, choice = w.tech, {("call", w.call): w.clerk}
    elif case == "inactive":
        with database.Session.begin() as s:
            s.get(Staff, w.sales2).active = False
    elif case == "no_reason":
        reason = "  "
    elif case == "future":
        day = date(2026, 12, 1)
    elif case == "stale":
        choice[("call", w.call)] = w.tech2  # not the marketing man's call
    before = _snapshot(database)
    with pytest.raises(UserError, match=expected):
        handover.hand_over(database, user(database, w.manager), leaving, choice, reason=reason, effective_on=day,
                           now=NOW)
    assert _snapshot(database) == before


def test_an_item_added_after_the_plan_was_read_is_refused_not_left_behind(database, w):
    """I6 'nothing leaves with them': the plan is read again inside the transaction."""
    choice = {("customer", w.firm): w.sales2, ("customer", w.shop): w.clerk, ("contract", w.contract): w.clerk}
    with database.Session.begin() as s:
        extra = Customer(name="新客户", district="urban")
        s.add(extra)
        s.flush()
        s.add(CustomerStaff(customer_id=extra.id, staff_id=w.sales, since=date(2026, 11, 1)))
    with pytest.raises(UserError, match="新客户.*meanwhile"):
        handover.hand_over(database, user(database, w.manager), w.sales, choice, reason="辞职", now=NOW)


def test_nobody_hands_over_themself_nor_the_last_administrator(database, w):
    with pytest.raises(UserError, match="your own"):
        handover.hand_over(database, user(database, w.admin), w.admin, {}, reason="辞职", now=NOW)
    handover.hand_over(database, user(database, w.admin), w.admin2, {}, reason="辞职", now=NOW)
    with pytest.raises(UserError, match="only administrator"):
        handover.hand_over(database, user(database, w.manager), w.admin, {}, reason="辞职", now=NOW)
    with pytest.raises(UserError, match="already left"):
        handover.hand_over(database, user(database, w.manager), w.admin2, {}, reason="辞职", now=NOW)


def test_someone_with_nothing_to_hand_over_still_leaves_with_a_record(database, w):
    done = handover.hand_over(database, user(database, w.manager), w.boss, {}, reason="退休", now=NOW)
    assert (done.customers, done.calls, done.contracts) == (0, 0, 0)
    with database.read_session() as s:
        assert s.get(Staff, w.boss).active is False
        assert handover.handover_by_number(s, done.handover_no).leaving_id == w.boss
        with pytest.raises(UserError):
            handover.handover_by_number(s, "JJ2099-0001")


def test_contract_keeper_must_still_work_here(database, w):
    with database.Session.begin() as s:
        s.get(Staff, w.sales2).active = False
    with pytest.raises(UserError, match="no longer works here"):
        with database.Session.begin() as s:
            contracts.update_contract(s, w.contract, product_ids=[p.id for p in s.get(MaintenanceContract, w.contract).products],
                                      start_date="2026-06-01", end_date="2027-05-31", fee="1200", staff_id=w.sales2)


def test_kind_names_cover_every_item_kind():
    assert set(handover.KIND_NAMES) == {k.value for k in HandoverItemKind}


def test_goods_repaired_by_the_leaver_in_the_workshop_go_too_though_the_call_is_anothers(database, w):
    """I6: the one who went on site and the one repairing in the workshop may differ; the
    leaver's card is handed over and the call stays with its own technician."""
    with database.Session.begin() as s:
        s.scalar(select(RepairCard).where(RepairCard.call_id == w.call)).technician_id = w.tech2
    plan = plan_of(database, w.tech2)
    assert [(i.kind, i.item_id) for i in plan.items] == [("call", w.call)]
    with database.Session.begin() as s:
        third = Staff(name="钱技师", role="technician")
        s.add(third)
        s.flush()
        third_id = third.id
    handover.hand_over(database, user(database, w.manager), w.tech2, {("call", w.call): third_id},
                       reason="辞职", effective_on=DAY, now=NOW)
    with database.read_session() as s:
        assert s.get(ServiceCall, w.call).technician_id == w.tech  # the on-site technician's still
        assert s.scalar(select(RepairCard).where(RepairCard.call_id == w.call)).technician_id == third_id


def test_upgrade_to_0009_drops_the_lines_a_hand_over_kept_to_their_first_day(cfg):
    """Before the rule, a hand-over effective on D ended a leaver's line begun on D on D
    itself (until = since), and the lists of D named the leaver. The upgrade removes such
    lines of recorded hand-overs and keeps every other: ended ones, someone else's, another
    customer's, and a one-day responsibility nobody handed over."""
    from crm_desktop.db import make_engine, upgrade

    engine = make_engine(cfg.database_url)
    upgrade(engine, "0008")
    with engine.begin() as conn:
        sql = conn.exec_driver_sql
        sql("INSERT INTO staff (id, name, role, active) VALUES (1, '吴业务', 'clerk', 0), (2, '郑业务', 'clerk', 1), "
            "(3, '周经理', 'manager', 1)")
        sql("INSERT INTO customer (id, name, category, district) VALUES (1, '明达', 'end_user', 'urban'), "
            "(2, '华联', 'end_user', 'urban'), (3, '新街口', 'end_user', 'urban')")
        sql("INSERT INTO customer_staff (id, customer_id, staff_id, since, until) VALUES "
            "(1, 1, 1, '2026-01-01', '2026-11-26'),"  # handed over as it should be
            "(2, 2, 1, '2026-11-27', '2026-11-27'),"  # begun on the day: kept to it — goes
            "(3, 2, 2, '2026-11-27', NULL),"  # the successor
            "(4, 3, 1, '2026-11-27', '2026-11-27'),"  # a one-day line of a customer not handed over
            "(5, 2, 2, '2026-11-20', '2026-11-20')")  # the successor's own earlier day
        sql("INSERT INTO staff_handover (id, handover_no, leaving_id, effective_on, by_id, recorded_at) "
            "VALUES (1, 'JJ2026-0001', 1, '2026-11-27', 3, '2026-11-27 17:00:00.000000')")
        sql("INSERT INTO staff_handover_item (handover_id, kind, item_id, customer_id, replacement_id) VALUES "
            "(1, 'customer', 1, 1, 2), (1, 'customer', 2, 2, 2)")
    upgrade(engine, "head")
    with engine.connect() as conn:
        assert [r[0] for r in conn.exec_driver_sql("SELECT id FROM customer_staff ORDER BY id")] == [1, 3, 4, 5]
    engine.dispose()
