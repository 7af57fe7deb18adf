"""Demo data (issue 2 item 9): the generated rows obey the service rules S1–S8, the numbers
obey X3, the search index finds them, and the load is repeatable and all-or-nothing."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm_desktop import config as config_mod
from crm_desktop.db import open_database
from crm_desktop.errors import UserError
from crm_desktop.models import (
    CallStatus,
    Customer,
    CustomerCategory,
    CustomerProduct,
    GoodsEntry,
    RepairCard,
    RepairCardStatus,
    RepairPart,
    Role,
    Sequence,
    ServiceCall,
    Staff,
)
from crm_desktop.services import demo, numbering
from crm_desktop.services.validation import normalize_phone

CALLS = 400
NOW = datetime(2026, 11, 27, 15, 20)  # a Friday afternoon
ON_SITE = {CallStatus.COMPLETED_ON_SITE.value, CallStatus.STRUCK_OFF.value}
TAKE_BACK = {
    CallStatus.TAKEN_BACK.value,
    CallStatus.IN_REPAIR.value,
    CallStatus.INSPECTED.value,
    CallStatus.RETURNED.value,
    CallStatus.CLOSED.value,
}
NOT_DISPATCHED = {CallStatus.REGISTERED.value, CallStatus.CANCELLED.value}
FINISHED = {CallStatus.STRUCK_OFF.value, CallStatus.CLOSED.value, CallStatus.CANCELLED.value}
LOADED = ("staff", "customer", "customer_product", "service_call", "goods_entry", "repair_card", "repair_part", "sequences")


def _open(folder: Path):
    return open_database(config_mod.resolve(folder))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """One generated database shared by the read-only checks."""
    db = _open(tmp_path_factory.mktemp("demo"))
    summary = demo.generate(db, calls=CALLS, now=NOW)
    yield db, summary
    db.dispose()


def rows(db, table) -> list[dict]:
    with db.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(table.__table__).order_by(table.__table__.c[_key(table)])).mappings()]


def _key(table) -> str:
    return "id" if "id" in table.__table__.c else list(table.__table__.c.keys())[0]


@pytest.fixture(scope="module")
def data(demo_db):
    db, _ = demo_db
    return {
        "staff": {r["id"]: r for r in rows(db, Staff)},
        "customers": {r["id"]: r for r in rows(db, Customer)},
        "products": {r["id"]: r for r in rows(db, CustomerProduct)},
        "calls": rows(db, ServiceCall),
        "goods": rows(db, GoodsEntry),
        "cards": rows(db, RepairCard),
        "parts": rows(db, RepairPart),
        "sequences": rows(db, Sequence),
    }


def raw_table(db, table: str) -> list[tuple]:
    """Every stored value except the moment the row was written."""
    with db.engine.connect() as conn:
        cols = [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})") if r[1] not in ("created_at", "updated_at")]
        return conn.exec_driver_sql(f"SELECT {', '.join(cols)} FROM {table} ORDER BY 1").fetchall()


def schema_objects(db) -> list[tuple]:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name"
        ).fetchall()


# --- what is there ----------------------------------------------------------------------


def test_every_customer_category_and_every_s2_to_s8_stage_is_present(demo_db, data):
    _, summary = demo_db
    assert {c["category"] for c in data["customers"].values()} == {c.value for c in CustomerCategory}
    assert {c["status"] for c in data["calls"]} == {s.value for s in CallStatus}
    assert summary.total_calls == len(data["calls"]) == CALLS
    assert summary.calls == dict(Counter(c["status"] for c in data["calls"]))
    assert summary.customers == dict(Counter(c["category"] for c in data["customers"].values()))
    assert (summary.goods_entries, summary.repair_cards, summary.parts) == (
        len(data["goods"]),
        len(data["cards"]),
        len(data["parts"]),
    )
    # most customers are end users; most calls are finished
    categories = Counter(c["category"] for c in data["customers"].values())
    assert categories[CustomerCategory.END_USER.value] > 0.75 * len(data["customers"])
    assert sum(1 for c in data["calls"] if c["status"] in FINISHED) > 0.8 * CALLS


def test_staff_has_a_supervisor_a_clerk_an_accountant_a_manager_and_technicians(data):
    roles = Counter(s["role"] for s in data["staff"].values())
    for role in (Role.SUPERVISOR, Role.CLERK, Role.ACCOUNTANT, Role.MANAGER):
        assert roles[role.value] >= 1, role
    assert roles[Role.TECHNICIAN.value] >= 4
    assert 6 <= len(data["staff"]) <= 12
    assert all(s["active"] for s in data["staff"].values())


def test_i3_customers_have_chinese_names_addresses_phones_and_postcodes(data):
    customers = list(data["customers"].values())
    names = {c["name"] for c in customers}
    assert {"张伟", "王芳", "李娜"} <= names  # two-character names, the hard case of search (DESIGN.md)
    assert any(ch in name for name in names for ch in "堃喆")  # rarer characters
    assert any(name.endswith("有限公司") for name in names)
    for c in customers:
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,}", c["name"]) or "公司" in c["name"] or c["name"].endswith(
            ("支行", "事务所", "医院", "中心", "办事处", "小学", "中学", "图书馆", "分局", "公证处", "酒店", "宾馆", "商厦", "经营部", "商行", "厂")
        ), c["name"]
        assert re.fullmatch(r"\d{6}", c["postcode"]), c
        assert re.search(r"\d+[号栋]", c["address"]), c
        assert normalize_phone(c["phone"]) == c["phone"], c["phone"]  # the program's own phone rules
        assert re.fullmatch(r"1[3-9]\d{9}|0\d{2,3}-[1-9]\d{6,7}( 转 \d{1,6})?", c["phone"]), c["phone"]
        # codes for suppliers, distributors and the special category; none for end users
        assert (c["code"] is None) == (c["category"] == CustomerCategory.END_USER.value), c
        if c["contact_person"] is None:  # a person
            assert c["registered_capital"] is None
    phones = [c["phone"] for c in customers]
    assert any(p.startswith("1") for p in phones) and any(p.startswith("025-") for p in phones)
    assert any(" 转 " in p for p in phones)  # some with extensions
    assert len({c["code"] for c in customers if c["code"]}) == sum(1 for c in customers if c["code"])


def test_products_are_office_equipment_with_unique_serials_and_warranty_after_purchase(data):
    products = list(data["products"].values())
    assert len({p["serial_no"] for p in products}) == len(products)
    assert all(p["warranty_end"] > p["purchase_date"] for p in products)
    kinds = {p["model"].split(" ", 1)[1] for p in products}
    assert {"数码复印机", "激光打印机", "传真机", "投影机"} <= kinds
    owners = {data["customers"][p["customer_id"]]["category"] for p in products}
    assert CustomerCategory.SUPPLIER.value not in owners


# --- S1–S8 --------------------------------------------------------------------------------


def test_s2_register_lines_copy_the_customer_and_the_product(data):
    for call in data["calls"]:
        customer = data["customers"][call["customer_id"]]
        product = data["products"][call["product_id"]]
        assert product["customer_id"] == customer["id"]
        assert (call["customer_name"], call["phone"], call["address"]) == (
            customer["name"],
            customer["phone"],
            customer["address"],
        )
        assert (call["product_model"], call["serial_no"]) == (product["model"], product["serial_no"])
        assert product["purchase_date"] <= call["received_at"].date()
        assert call["registered_by_id"] in data["staff"]
        assert data["staff"][call["registered_by_id"]]["role"] == Role.CLERK.value
        assert call["fault"]
    for entry in data["goods"]:
        customer = data["customers"][entry["customer_id"]]
        product = data["products"][entry["product_id"]]
        assert (entry["customer_name"], entry["phone"], entry["product_model"], entry["serial_no"]) == (
            customer["name"],
            customer["phone"],
            product["model"],
            product["serial_no"],
        )
    calls = {c["id"]: c for c in data["calls"]}
    for card in data["cards"]:
        call = calls[card["call_id"]]
        assert (card["customer_name"], card["product_model"], card["serial_no"], card["fault"]) == (
            call["customer_name"],
            call["product_model"],
            call["serial_no"],
            call["fault"],
        )


def test_s14_the_call_district_is_the_customers(data):
    for call in data["calls"]:
        assert call["district"] == data["customers"][call["customer_id"]]["district"]
    assert {c["district"] for c in data["calls"]} == {"urban", "suburban"}
    # the address names a district of its kind
    for customer in data["customers"].values():
        district = next(d for d in demo.DISTRICTS if customer["address"].startswith(d))
        assert (customer["district"] == "urban") == demo.DISTRICTS[district][0]


def test_s1_kind_c_only_within_warranty_and_a_kind_against_the_proposal_keeps_its_reason(data):
    kinds = Counter()
    for call in data["calls"]:
        product = data["products"][call["product_id"]]
        within = call["received_at"].date() <= product["warranty_end"]
        kinds[call["service_kind"]] += 1
        if call["service_kind"] == "C":
            assert within, call
        proposed = "C" if within else "A"  # what services.calls.propose_kind proposes
        if call["service_kind"] != proposed:
            assert call["kind_override_reason"], call
        if call["service_kind"] == "B":
            assert not within
            assert data["customers"][call["customer_id"]]["remarks"] == demo.CONTRACT_REMARK
        if call["service_kind"] != "A":
            assert call["fee"] is None, call
    assert set(kinds) == {"A", "B", "C"}


def test_s5_s8_paid_work_has_its_fee_once_done(data):
    cards = {c["call_id"]: c for c in data["cards"]}
    parts = defaultdict(list)
    for p in data["parts"]:
        parts[p["card_id"]].append(p)
    for call in data["calls"]:
        if call["service_kind"] != "A":
            continue
        if call["status"] in ON_SITE:
            assert call["fee"] and call["fee"] > 0, call
        elif call["status"] in TAKE_BACK:
            card = cards[call["id"]]
            if card["status"] == RepairCardStatus.OPEN.value:
                assert call["fee"] is None
            else:
                cost = card["labour_fee"] + sum(p["quantity"] * p["unit_price"] for p in parts[card["id"]])
                assert call["fee"] == cost, (call, card)
        else:
            assert call["fee"] is None


def test_s3_a_technician_and_dispatch_time_exactly_when_past_registered(data):
    for call in data["calls"]:
        dispatched = call["status"] not in NOT_DISPATCHED
        assert (call["technician_id"] is not None) == dispatched, call
        assert (call["dispatched_at"] is not None) == dispatched, call
        if dispatched:
            assert data["staff"][call["technician_id"]]["role"] == Role.TECHNICIAN.value
        arrived = dispatched and call["status"] != CallStatus.DISPATCHED.value
        assert (call["arrived_at"] is not None) == arrived, call
        awaiting = call["status"] in ("registered", "dispatched")
        assert (call["arrival_due_at"] is not None) == awaiting, call  # S14: the deadline still runs


def test_s14_open_calls_carry_the_deadline_of_the_programs_calendar(database):
    from crm_desktop.models import ServiceCall
    from crm_desktop.services import calendar as cal, deadlines

    demo.generate(database, calls=300, seed=5, now=NOW)
    with database.Session() as s:
        calendar = cal.calendar_from_database(s)
        waiting = s.query(ServiceCall).filter(ServiceCall.status.in_(deadlines.AWAITING_ARRIVAL)).all()
        assert waiting
        for call in waiting:
            assert call.arrival_due_at == deadlines.arrival_due(calendar, call.received_at, call.district)


def test_s4_calls_done_on_site_have_work_hours_and_struck_off_ones_the_signature(data):
    for call in data["calls"]:
        if call["status"] in ON_SITE | TAKE_BACK:
            assert call["work_done"] and call["hours_spent"] and call["hours_spent"] > 0, call
            assert call["hours_spent"] * 2 == int(call["hours_spent"] * 2)  # half hours
        else:
            assert call["work_done"] is None and call["hours_spent"] is None, call
        if call["status"] == CallStatus.STRUCK_OFF.value:
            assert call["signed_by"] and call["signed_at"] and call["closed_at"], call
        if call["status"] == CallStatus.COMPLETED_ON_SITE.value:
            assert call["closed_at"] is None and call["signed_by"] is None, call


def test_s6_taken_back_calls_have_goods_entry_and_repair_card(data):
    goods = Counter(g["call_id"] for g in data["goods"])
    cards = Counter(c["call_id"] for c in data["cards"])
    for call in data["calls"]:
        expected = 1 if call["status"] in TAKE_BACK else 0
        assert goods[call["id"]] == expected, call
        assert cards[call["id"]] == expected, call
        if expected:
            assert call["signed_by"], call  # S6: the customer signed the voucher as the goods left
    by_goods = {c["goods_entry_id"]: c for c in data["cards"]}
    for entry in data["goods"]:
        card = by_goods[entry["id"]]
        assert card["call_id"] == entry["call_id"]
        assert card["opened_at"] == entry["taken_in_at"]
        assert card["promised_date"] == entry["promised_date"] >= entry["taken_in_at"].date()
        assert entry["taken_in_by_id"] == card["technician_id"]
        assert entry["accessories"] and entry["condition"]


CARD_STATUS = {
    CallStatus.TAKEN_BACK.value: {RepairCardStatus.OPEN.value},
    CallStatus.IN_REPAIR.value: {RepairCardStatus.OPEN.value, RepairCardStatus.REPAIRED.value},
    CallStatus.INSPECTED.value: {RepairCardStatus.INSPECTED.value},
    CallStatus.RETURNED.value: {RepairCardStatus.RETURNED.value},
    CallStatus.CLOSED.value: {RepairCardStatus.RETURNED.value},
}


def test_s7_the_repair_card_and_the_goods_register_follow_the_call(data):
    calls = {c["id"]: c for c in data["calls"]}
    goods = {g["call_id"]: g for g in data["goods"]}
    parts = defaultdict(list)
    for p in data["parts"]:
        parts[p["card_id"]].append(p)
    supervisors = {i for i, s in data["staff"].items() if s["role"] == Role.SUPERVISOR.value}
    for card in data["cards"]:
        call = calls[card["call_id"]]
        entry = goods[card["call_id"]]
        assert card["status"] in CARD_STATUS[call["status"]], (call["status"], card["status"])
        assert card["technician_id"] == call["technician_id"]
        repaired = card["status"] != RepairCardStatus.OPEN.value
        assert (card["repaired_at"] is not None) == repaired
        assert (card["work_done"] is not None) == repaired
        assert (card["repair_hours"] is not None) == repaired
        if not repaired:
            assert not parts[card["id"]]
        assert [p["line_no"] for p in parts[card["id"]]] == list(range(1, len(parts[card["id"]]) + 1))
        assert len({p["part_no"] for p in parts[card["id"]]}) == len(parts[card["id"]])
        inspected = card["status"] in (RepairCardStatus.INSPECTED.value, RepairCardStatus.RETURNED.value)
        assert (card["inspected_by_id"] in supervisors) == inspected, card
        assert (card["inspected_at"] is not None) == inspected
        returned = call["status"] in (CallStatus.RETURNED.value, CallStatus.CLOSED.value)
        assert (entry["returned_at"] is not None) == returned
        assert (entry["received_back_by"] is not None) == returned
        assert (entry["returned_by_id"] is not None) == returned
        if returned:
            assert entry["received_back_by"] == call["signed_by"]
            assert entry["returned_at"] == call["signed_at"]
        closed = call["status"] == CallStatus.CLOSED.value
        assert (entry["receipt_voided_at"] is not None) == closed
        if closed:
            assert entry["receipt_voided_at"] == call["closed_at"]
        else:
            assert call["closed_at"] is None
    assert any(parts.values())
    assert all(p["quantity"] > 0 and p["unit_price"] > 0 for p in data["parts"])


def test_cancelled_calls_say_why(data):
    cancelled = [c for c in data["calls"] if c["status"] == CallStatus.CANCELLED.value]
    assert cancelled
    for call in cancelled:
        assert call["remarks"] in demo.CANCEL_REASONS
        assert call["closed_at"] is not None and call["technician_id"] is None
    assert all(c["remarks"] is None for c in data["calls"] if c["status"] != CallStatus.CANCELLED.value)


def _moments(call, goods, card) -> list[datetime]:
    """The events of a call in the order they must have happened."""
    seq = [call["received_at"], call["dispatched_at"], call["arrived_at"]]
    if call["status"] in ON_SITE:
        seq += [call["signed_at"], call["closed_at"]]
    elif call["status"] in TAKE_BACK:
        seq += [goods["taken_in_at"], card["opened_at"], card["repaired_at"], card["inspected_at"], goods["returned_at"],
                goods["receipt_voided_at"], call["closed_at"]]
    elif call["status"] == CallStatus.CANCELLED.value:
        seq += [call["closed_at"]]
    return [m for m in seq if m is not None]


def _in_working_hours(moment: datetime) -> bool:
    t = moment.time()
    return moment.weekday() < 5 and (time(8, 30) <= t < time(12) or time(13) <= t < time(17, 30))


def test_timestamps_are_ordered_in_working_hours_and_none_after_now(data):
    goods = {g["call_id"]: g for g in data["goods"]}
    cards = {c["call_id"]: c for c in data["cards"]}
    received = [c["received_at"] for c in data["calls"]]
    assert received == sorted(received)  # the register in the order calls came in
    for call in data["calls"]:
        seq = _moments(call, goods.get(call["id"]), cards.get(call["id"]))
        assert seq == sorted(seq), call
        assert seq[-1] <= NOW
        for moment in seq:
            assert _in_working_hours(moment), (moment, call)
        if call["status"] in TAKE_BACK:
            assert call["arrived_at"] <= call["signed_at"] <= NOW


def test_old_calls_are_finished_and_the_open_stages_are_recent(data):
    old = [c for c in data["calls"] if c["received_at"] < NOW - timedelta(days=21)]
    assert len(old) > CALLS / 2
    assert sum(1 for c in old if c["status"] in FINISHED) >= 0.97 * len(old)
    for call in data["calls"]:
        if call["status"] in (CallStatus.REGISTERED.value, CallStatus.DISPATCHED.value, CallStatus.ARRIVED.value):
            assert call["received_at"] > NOW - timedelta(days=7), call


@pytest.mark.parametrize("now", [datetime(2026, 11, 28, 10, 0), datetime(2026, 11, 26, 7, 45), datetime(2026, 10, 1, 9)])
def test_nothing_happens_after_now_even_at_weekends_holidays_and_before_opening(database, now):
    demo.generate(database, calls=120, now=now)
    with database.engine.connect() as conn:
        latest = conn.execute(
            select(func.max(ServiceCall.received_at), func.max(ServiceCall.dispatched_at), func.max(ServiceCall.closed_at))
        ).one()
        latest_goods = conn.execute(select(func.max(GoodsEntry.taken_in_at), func.max(GoodsEntry.returned_at))).one()
        statuses = set(conn.execute(select(ServiceCall.status)).scalars())
    for moment in (*latest, *latest_goods):
        assert moment is None or (moment <= now and _in_working_hours(moment)), moment
    assert statuses == {s.value for s in CallStatus}


# --- X3 numbers -----------------------------------------------------------------------------


def _pattern_regex(pattern: numbering.NumberPattern) -> re.Pattern:
    parts = re.split(r"(\{[^{}]*\})", pattern.text)
    out = []
    for part in parts:
        if part.startswith("{seq"):
            out.append(r"(?P<seq>\d+)")
        elif part.startswith("{"):
            out.append(r"\d{%d}" % sum(len(t) for t in re.findall(r"yyyy|yy|MM|dd", part)))
        else:
            out.append(re.escape(part))
    return re.compile("".join(out))


def _check_series(session, rule: str, dated: list[tuple[datetime, str]], sequences: dict) -> dict[str, int]:
    pattern = numbering.pattern_for(session, rule)
    regex = _pattern_regex(pattern)
    numbers = [n for _, n in dated]
    assert len(set(numbers)) == len(numbers)  # unique
    per_period: dict[str, list[int]] = defaultdict(list)
    for moment, number in sorted(dated):  # in time order
        m = regex.fullmatch(number)
        assert m, (rule, number, pattern.text)
        value = int(m.group("seq"))
        assert pattern.format(moment.date(), value) == number
        per_period[pattern.period(moment.date())].append(value)
    for period, values in per_period.items():
        assert values == list(range(1, len(values) + 1)), (rule, period)  # gapless, in time order
        assert sequences[(rule, period)] == len(values)
    assert {p for r, p in sequences if r == rule} == set(per_period)
    return {p: len(v) for p, v in per_period.items()}


def test_x3_numbers_follow_the_patterns_gapless_per_period_and_the_sequences_continue(demo_db, data):
    db, _ = demo_db
    sequences = {(s["rule"], s["period"]): s["last_value"] for s in data["sequences"]}
    goods = {g["id"]: g for g in data["goods"]}
    with db.Session() as s:
        calls = _check_series(s, numbering.SERVICE_CALL, [(c["received_at"], c["call_no"]) for c in data["calls"]], sequences)
        receipts = _check_series(s, numbering.GOODS_RECEIPT, [(g["taken_in_at"], g["receipt_no"]) for g in data["goods"]], sequences)
        _check_series(s, numbering.REPAIR_CARD, [(c["opened_at"], c["card_no"]) for c in data["cards"]], sequences)
        assert [goods[c["goods_entry_id"]]["receipt_no"][2:] for c in data["cards"]] == [c["card_no"][2:] for c in data["cards"]]
        # the program's next number continues each series; rolled back, nothing is kept
        last_call = data["calls"][-1]["received_at"]
        period = numbering.pattern_for(s, numbering.SERVICE_CALL).period(last_call.date())
        expected = numbering.pattern_for(s, numbering.SERVICE_CALL).format(last_call.date(), calls[period] + 1)
        assert numbering.next_number(s, numbering.SERVICE_CALL, last_call) == expected
        last_goods = data["goods"][-1]["taken_in_at"]
        period = numbering.pattern_for(s, numbering.GOODS_RECEIPT).period(last_goods.date())
        assert numbering.next_number(s, numbering.GOODS_RECEIPT, last_goods).endswith(f"-{receipts[period] + 1:04d}")
        s.rollback()


def test_x3_configured_patterns_and_numbers_issued_before_are_respected(database):
    with database.Session.begin() as s:
        numbering.set_pattern(s, numbering.SERVICE_CALL, "BX{yy}{MM}{dd}/{seq:02}")
        numbering.set_pattern(s, numbering.REPAIR_CARD, "KA-{seq:05}")  # one period for ever
        # a receipt number issued before (its goods entry since deleted): never reused
        numbering.next_number(s, numbering.GOODS_RECEIPT, NOW)
        numbering.next_number(s, numbering.GOODS_RECEIPT, NOW)
    demo.generate(database, calls=CALLS, now=NOW)
    with database.Session() as s:
        call_nos = s.scalars(select(ServiceCall.call_no).order_by(ServiceCall.id)).all()
        assert all(re.fullmatch(r"BX\d{6}/\d{2,}", n) for n in call_nos)
        card_nos = s.scalars(select(RepairCard.card_no).order_by(RepairCard.id)).all()
        assert card_nos == [f"KA-{i:05d}" for i in range(1, len(card_nos) + 1)]
        assert s.scalar(select(Sequence.last_value).where(Sequence.rule == numbering.REPAIR_CARD)) == len(card_nos)
        this_month = s.scalars(
            select(GoodsEntry.receipt_no).where(GoodsEntry.receipt_no.like(f"SJ{NOW:%Y%m}-%")).order_by(GoodsEntry.id)
        ).all()
        assert this_month and this_month[0] == f"SJ{NOW:%Y%m}-0003"
        assert numbering.last_issued(s, numbering.GOODS_RECEIPT, NOW.date()) == 2 + len(this_month)


# --- search -------------------------------------------------------------------------------

FTS_COLUMNS = {
    "service_call": ("call_no", "customer_name", "phone", "address", "product_model", "serial_no"),
    "goods_entry": ("receipt_no", "customer_name", "phone", "product_model", "serial_no"),
    "repair_card": ("card_no", "customer_name", "product_model", "serial_no"),
    "customer": ("code", "name", "phone", "address", "contact_person"),
}


def _match_equals_like(db, table: str, term: str) -> int:
    with db.engine.connect() as conn:
        matched = conn.exec_driver_sql(
            f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ? ORDER BY rowid", (f'"{term}"',)
        ).scalars().all()
        where = " OR ".join(f"{c} LIKE ?" for c in FTS_COLUMNS[table])
        liked = conn.exec_driver_sql(
            f"SELECT id FROM {table} WHERE {where} ORDER BY id", tuple(f"%{term}%" for _ in FTS_COLUMNS[table])
        ).scalars().all()
    assert matched == liked, (table, term)
    return len(matched)


def _search_terms(db) -> list[tuple[str, str]]:
    """Terms of three characters or more (the trigram index's minimum) and where they are."""
    with db.engine.connect() as conn:
        name = conn.execute(
            select(ServiceCall.customer_name).where(func.length(ServiceCall.customer_name).between(3, 4)).limit(1)
        ).scalar_one()
        firm = conn.execute(
            select(ServiceCall.customer_name).where(ServiceCall.customer_name.like("%有限公司")).limit(1)
        ).scalar_one()
        number = conn.execute(select(GoodsEntry.receipt_no).limit(1)).scalar_one()
    return [(name, "service_call"), (firm[2:6], "service_call"), (number, "goods_entry"), ("复印机", "repair_card")]


def test_the_search_index_finds_generated_names(demo_db):
    db, _ = demo_db
    for term, where in _search_terms(db):
        found = {table: _match_equals_like(db, table, term) for table in FTS_COLUMNS}
        assert found[where] > 0, term


def test_large_runs_rebuild_the_search_index_and_restore_triggers_and_indexes(demo_db, database, monkeypatch):
    before = schema_objects(database)
    monkeypatch.setattr(demo, "FAST_PATH_MIN_CALLS", 0)
    demo.generate(database, calls=CALLS, now=NOW)
    assert schema_objects(database) == before
    for table in LOADED:  # the same rows as the small-run path
        assert raw_table(database, table) == raw_table(demo_db[0], table), table
    for term, where in _search_terms(database):
        assert _match_equals_like(database, where, term) > 0
        for table in FTS_COLUMNS:
            _match_equals_like(database, table, term)
    with database.engine.connect() as conn:
        for table in FTS_COLUMNS:  # the FTS5 integrity check compares the index with the table
            conn.exec_driver_sql(f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('integrity-check', 1)")
        automerge = conn.exec_driver_sql("SELECT v FROM service_call_fts_config WHERE k = 'automerge'").scalar()
        assert automerge in (None, 4)
    # the triggers work again: a call registered by the program is found
    from crm_desktop.services import calls

    with database.Session.begin() as s:
        customer = s.scalar(select(Customer).where(Customer.name == "王芳"))
        call = calls.register_call(s, customer_id=customer.id, received_at=NOW, fault="卡纸")
        assert call.call_no.startswith(f"JX{NOW:%Y%m%d}-")
    with database.engine.connect() as conn:
        hits = conn.exec_driver_sql(
            "SELECT count(*) FROM service_call_fts WHERE service_call_fts MATCH ?", (f'"{call.call_no}"',)
        ).scalar()
    assert hits == 1


# --- the load as a whole --------------------------------------------------------------------


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(demo_db, tmp_path):
    db, summary = demo_db
    again = _open(tmp_path / "again")
    other = _open(tmp_path / "other")
    try:
        assert demo.generate(again, calls=CALLS, now=NOW) == summary
        demo.generate(other, calls=CALLS, now=NOW, seed=7)
        for table in LOADED:
            assert raw_table(again, table) == raw_table(db, table), table
        assert raw_table(other, "service_call") != raw_table(db, "service_call")
    finally:
        again.dispose()
        other.dispose()


def test_the_core_path_for_other_databases_writes_the_same_rows(demo_db, tmp_path, monkeypatch):
    db, _ = demo_db
    monkeypatch.setattr(demo, "_RAW_SQLITE", False)
    core = _open(tmp_path / "core")
    try:
        demo.generate(core, calls=CALLS, now=NOW)
        for table in LOADED:
            assert raw_table(core, table) == raw_table(db, table), table
    finally:
        core.dispose()


def test_a_database_that_holds_calls_is_refused_untouched(demo_db):
    db, _ = demo_db
    before = {table: raw_table(db, table) for table in LOADED}
    with pytest.raises(UserError) as info:
        demo.generate(db, calls=10, now=NOW)
    assert info.value.message.context == "Demo"
    assert {table: raw_table(db, table) for table in LOADED} == before


def test_negative_call_counts_are_refused(database):
    with pytest.raises(UserError):
        demo.generate(database, calls=-1)


@pytest.mark.parametrize("fast", [False, True])
def test_a_failure_midway_leaves_the_database_as_it_was(database, monkeypatch, fast):
    if fast:
        monkeypatch.setattr(demo, "FAST_PATH_MIN_CALLS", 0)
    before = schema_objects(database)

    def broken(self):
        yield from ()
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo._Generator, "make_goods_and_cards", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        demo.generate(database, calls=CALLS, now=NOW)
    assert schema_objects(database) == before
    for table in LOADED:
        assert raw_table(database, table) == [], table
    monkeypatch.undo()
    assert demo.generate(database, calls=50, now=NOW).total_calls == 50


def test_progress_is_reported_up_to_the_total(database):
    seen = []
    demo.generate(database, calls=CALLS, now=NOW, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len({t for _, t in seen}) == 1


def test_describe_names_the_counts_and_is_translatable(demo_db):
    _, summary = demo_db
    english = summary.describe()
    assert f"{CALLS} service calls" in english and "Struck off" in english
    translated = summary.describe(lambda context, source: f"[{context}]{source}")
    assert "[Demo]Demo data:" in translated and "[CallStatus]Struck off" in translated


def test_a_few_calls_or_none_still_make_a_consistent_database(database):
    summary = demo.generate(database, calls=0, now=NOW)
    assert summary.total_calls == 0 and summary.total_customers > 0
    with database.Session() as s:
        assert s.scalar(select(func.count()).select_from(Sequence)) == 0


def test_the_demo_command_fills_a_data_folder(tmp_path):
    folder = tmp_path / "cli"
    cmd = [sys.executable, "-m", "crm_desktop", "demo", "--calls", "50", "--data-dir", str(folder), "--quiet"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "50" in done.stdout
    db = _open(folder)
    try:
        with db.Session() as s:
            assert s.scalar(select(func.count()).select_from(ServiceCall)) == 50
    finally:
        db.dispose()
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert again.returncode == 2 and again.stderr.strip()  # refused: the register is not empty


def test_fast_load_refills_the_bigram_index_like_the_triggers_would(database, monkeypatch):
    """The bulk path drops the search triggers and refills the indexes; the two-character
    index must then answer as a LIKE scan does, and its triggers must be back."""
    import crm_desktop.services.demo as demo_module

    monkeypatch.setattr(demo_module, "FAST_PATH_MIN_CALLS", 1)
    demo_module.generate(database, calls=400, seed=3, now=NOW)
    with database.engine.connect() as conn:
        for term in ("张伟", "鼓楼", "玄武"):
            by_index = conn.exec_driver_sql(
                f"SELECT count(*) FROM service_call_bigram WHERE service_call_bigram MATCH '\"{term}\"'"
            ).scalar()
            by_scan = conn.exec_driver_sql(
                "SELECT count(*) FROM service_call WHERE customer_name LIKE ? OR address LIKE ? OR product_model LIKE ?",
                (f"%{term}%",) * 3,
            ).scalar()
            assert by_index == by_scan
        triggers = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"service_call_bigram_ai", "service_call_bigram_ad", "service_call_bigram_au", "customer_bigram_ai"} <= triggers
