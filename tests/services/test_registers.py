"""The register queries behind every table (issue 2 item 5): counting, windows, sorting and
search in SQL, including the FTS5 trigram path and the two-character fallback."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crm_desktop import clock
from crm_desktop.models import ServiceCall
from crm_desktop.services import registers
from crm_desktop.services.registers import REGISTERS, RegisterQuery

from ..factories import make_registers


@pytest.fixture
def filled(database):
    with database.Session.begin() as s:
        make_registers(s, calls=40)
    return database


def all_calls(database):
    with database.Session() as s:
        return s.scalars(select(ServiceCall)).all()


def test_count_and_windows_follow_the_default_order(filled):
    q = RegisterQuery(filled, registers.SERVICE_CALLS)
    assert q.count() == 40
    first = q.window(0, 10)
    last = q.window(35, 10)
    assert len(first) == 10 and len(last) == 5
    received = [r[1 + registers.SERVICE_CALLS.index_of("received_at")] for r in first + last]
    assert received[:10] == sorted(received[:10], reverse=True)  # newest first
    expected = sorted(all_calls(filled), key=lambda c: (c.received_at, c.id), reverse=True)
    assert [r[0] for r in last] == [c.id for c in expected[35:]]


def test_sorting_by_any_column_is_done_in_sql(filled):
    q = RegisterQuery(filled, registers.SERVICE_CALLS)
    q.set_sort("customer_name", descending=False)
    names = [r[1 + registers.SERVICE_CALLS.index_of("customer_name")] for r in q.window(0, 40)]
    assert names == sorted(names)
    q.set_sort("customer_name", descending=True)
    assert [r[1 + registers.SERVICE_CALLS.index_of("customer_name")] for r in q.window(0, 40)] == sorted(names, reverse=True)


@pytest.mark.parametrize(
    "term, expected",
    [
        ("张伟", lambda c: "张伟" in c.customer_name),  # two characters: LIKE fallback
        ("张伟强", lambda c: "张伟强" in c.customer_name),  # three: trigram index
        ("漕溪北路1", lambda c: "漕溪北路1" in c.address),
        ("lASerjet", lambda c: "laserjet" in c.product_model.lower()),  # case-insensitive
        ("SN000012", lambda c: c.serial_no == "SN000012"),
        ("13812340007", lambda c: c.phone == "13812340007"),
        ("堃", lambda c: "堃" in c.customer_name),  # one rare character
        ("张伟 卡纸", lambda c: False),  # the fault text is not a search column
        ("精工 有限公司", lambda c: "精工" in c.customer_name and "有限公司" in c.customer_name),
    ],
)
def test_search_finds_chinese_substrings(filled, term, expected):
    q = RegisterQuery(filled, registers.SERVICE_CALLS)
    q.set_search(term)
    want = {c.id for c in all_calls(filled) if expected(c)}
    got = {r[0] for r in q.window(0, 100)}
    assert got == want
    assert q.count() == len(want)


def test_search_by_call_number_finds_exactly_that_call(filled):
    call = all_calls(filled)[7]
    q = RegisterQuery(filled, registers.SERVICE_CALLS)
    q.set_search(call.call_no)
    assert q.count() == 1
    assert q.window(0, 5)[0][0] == call.id


def test_like_wildcards_in_the_search_are_literal(filled):
    q = RegisterQuery(filled, registers.SERVICE_CALLS)
    q.set_search("%")
    assert q.count() == 0
    q.set_search("_")
    assert q.count() == 0


def test_large_results_are_paged_by_sql_not_materialized(filled, monkeypatch):
    monkeypatch.setattr(registers, "MATERIALIZE_LIMIT", 5)
    q = RegisterQuery(filled, registers.SERVICE_CALLS)
    q.set_search("上海市")
    assert q.count() == 40
    assert q._ids is None
    ids = [r[0] for r in q.window(0, 20)] + [r[0] for r in q.window(20, 20)]
    assert len(set(ids)) == 40


def test_position_of_a_row_in_the_current_order(filled):
    q = RegisterQuery(filled, registers.SERVICE_CALLS)
    ordered = [r[0] for r in q.window(0, 40)]
    for pos in (0, 13, 39):
        assert q.position_of(ordered[pos]) == pos
    q.set_sort("technician_id", descending=True)  # a nullable column
    ordered = [r[0] for r in q.window(0, 40)]
    assert [q.position_of(i) for i in ordered] == list(range(40))
    q.set_sort("technician_id", descending=False)
    ordered = [r[0] for r in q.window(0, 40)]
    assert [q.position_of(i) for i in ordered] == list(range(40))


@pytest.mark.parametrize("name", list(REGISTERS))
def test_every_register_counts_pages_and_searches(filled, name):
    q = RegisterQuery(filled, REGISTERS[name])
    total = q.count()
    assert total > 0
    assert len(q.window(0, 1000)) == total
    q.set_search("张伟")
    assert 0 < q.count() < total


def test_numbers_sort_by_issue_order_not_as_text(database):
    """X3 widths are minimums: JX…-1000 must not sort before JX…-999."""
    with database.Session.begin() as s:
        calls = make_registers(s, calls=3)
        calls[0].call_no, calls[1].call_no, calls[2].call_no = "JX20261128-998", "JX20261128-999", "JX20261128-1000"
    q = RegisterQuery(database, registers.SERVICE_CALLS)
    q.set_sort("call_no", descending=False)
    numbers = [r[1] for r in q.window(0, 3)]
    assert numbers == ["JX20261128-998", "JX20261128-999", "JX20261128-1000"]
    assert q.position_of(calls[2].id) == 2


def test_two_character_terms_use_the_bigram_index_and_agree_with_a_scan(filled):
    """张伟 is a whole name here: the trigram index cannot hold it, the bigram index does."""
    q = RegisterQuery(filled, registers.SERVICE_CALLS)
    q.set_search("张伟")
    matches, likes, _either = q._search_parts()
    assert [index for index, _ in matches] == ["service_call_bigram"] and not likes
    with filled.Session() as s:
        scanned = {c.id for c in s.scalars(select(ServiceCall)) if "张伟" in c.customer_name
                   or "张伟" in (c.address or "") or "张伟" in (c.product_model or "")}
    assert {r[0] for r in q.window(0, 100)} == scanned and scanned


def test_the_bigram_index_follows_edits_and_deletions(filled):
    with filled.Session.begin() as s:
        call = s.scalars(select(ServiceCall).where(ServiceCall.customer_name == "王芳")).first()
        call.customer_name = "欧阳娜娜"
        call_id = call.id
    q = RegisterQuery(filled, registers.SERVICE_CALLS)
    q.set_search("娜娜")
    assert [r[0] for r in q.window(0, 10)] == [call_id]
    q.set_search("王芳")
    assert call_id not in {r[0] for r in q.window(0, 100)}
    with filled.Session.begin() as s:
        s.delete(s.get(ServiceCall, call_id))
    q.set_search("娜娜")
    assert q.count() == 0


def test_mixed_terms_and_punctuation(filled):
    q = RegisterQuery(filled, registers.SERVICE_CALLS)
    q.set_search("张伟 漕溪北路1")  # bigram AND trigram
    with filled.Session() as s:
        want = {c.id for c in s.scalars(select(ServiceCall)) if "张伟" in c.customer_name and "漕溪北路1" in c.address}
    assert {r[0] for r in q.window(0, 100)} == want and want
    q.set_search("N0")  # two characters, letters and digits: the bigram index holds models only, not serials
    matches, likes, _either = q._search_parts()
    assert matches and not likes
    q.set_search("1号")
    assert q.count() > 0
    q.set_search("-1")  # punctuation: LIKE
    matches, likes, _either = q._search_parts()
    assert not matches and likes


def test_a_broad_search_is_paged_with_an_exact_count(filled, monkeypatch):
    monkeypatch.setattr(registers, "MATERIALIZE_LIMIT", 3)
    q = RegisterQuery(filled, registers.SERVICE_CALLS)
    q.set_search("张伟")
    total = q.count()
    assert q._paged and q._ids is None and total > 3
    pages = [r[0] for r in q.window(0, 2)] + [r[0] for r in q.window(2, 100)]
    assert len(pages) == total == len(set(pages))
    q.set_sort("received_at", descending=False)
    assert q.count() == total
    ordered = [r[0] for r in q.window(0, 100)]
    assert [q.position_of(i) for i in ordered] == list(range(total))


@pytest.mark.parametrize("search", ["", "上海市"])
def test_windows_past_the_middle_are_read_from_the_end_and_agree(filled, monkeypatch, search):
    monkeypatch.setattr(registers, "MATERIALIZE_LIMIT", 5)  # page the search in SQL too
    q = RegisterQuery(filled, registers.SERVICE_CALLS)
    q.set_search(search)
    everything = [r[0] for r in q.window(0, 1000)]
    assert len(everything) == q.count() == 40
    for offset, limit in [(0, 7), (19, 7), (21, 7), (33, 7), (35, 10), (39, 3), (40, 5)]:
        assert [r[0] for r in q.window(offset, limit)] == everything[offset : offset + limit]
    q.set_sort("customer_name", descending=True)
    everything = [r[0] for r in q.window(0, 1000)]
    assert [r[0] for r in q.window(30, 8)] == everything[30:38]


def test_a_broad_search_walks_the_sort_index(filled):
    """The paged query must not sort every match: SQLite walks the register's order."""
    q = RegisterQuery(filled, registers.SERVICE_CALLS)
    q.set_search("上海市")
    stmt = q._paging_select().limit(10)
    with filled.engine.connect() as conn:
        sql = str(stmt.compile(conn, compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "ix_service_call_received_at" in plan and "TEMP B-TREE FOR ORDER BY" not in plan


def test_i7_archive_fields_are_not_edited_in_the_customer_list(database):
    """The category and the legal representative change only in the customer's dialog, where
    the permission to change archives is checked; the front-desk fields stay editable."""
    from crm_desktop.models import Customer, RecordChange, Staff

    spec = REGISTERS["customer"]
    with database.Session.begin() as s:
        customer = Customer(name="明达", district="urban")
        s.add(customer)
        s.flush()
        customer_id = customer.id
    for key in ("category", "legal_representative", "code"):
        with pytest.raises(KeyError):
            registers.save_edit(database, spec, customer_id, key, "special")
    with database.Session.begin() as s:
        clerk = Staff(name="钱文员", role="clerk")
        s.add(clerk)
        s.flush()
        clerk_id = clerk.id
    registers.save_edit(database, spec, customer_id, "phone", "13812345678", by_id=clerk_id)
    with database.read_session() as s:
        assert (s.get(Customer, customer_id).category, s.get(Customer, customer_id).phone) == ("end_user", "13812345678")
        change = s.scalar(select(RecordChange).where(RecordChange.record_type == "customer", RecordChange.record_id == customer_id))
        assert (change.field, change.new_value, change.changed_by_id) == ("phone", "13812345678", clerk_id)  # I4


def test_i10_the_staff_filter_counts_a_responsibility_until_its_last_day(database):
    """``until`` is the last day someone is responsible (the hand-over ends it the day before
    the replacement starts): until tomorrow still counts today, until yesterday no longer."""
    from datetime import date, timedelta

    from crm_desktop.models import Customer, CustomerStaff, Staff

    today = clock.today()
    with database.Session.begin() as s:
        wu = Staff(name="吴业务", role="marketing")
        ending, ended, starting = (Customer(name=n, district="urban") for n in ("明天结束", "昨天结束", "明天开始"))
        s.add_all([wu, ending, ended, starting])
        s.flush()
        s.add_all([
            CustomerStaff(customer_id=ending.id, staff_id=wu.id, since=date(2026, 1, 1), until=today + timedelta(days=1)),
            CustomerStaff(customer_id=ended.id, staff_id=wu.id, since=date(2026, 1, 1), until=today - timedelta(days=1)),
            CustomerStaff(customer_id=starting.id, staff_id=wu.id, since=today + timedelta(days=1)),
        ])
        wu_id = wu.id
    query = RegisterQuery(database, REGISTERS["customer"])
    query.set_filters({"staff_id": wu_id})
    with database.read_session() as s:
        names = set(s.scalars(select(Customer.name).where(Customer.id.in_(query.matching_ids()))))
    assert names == {"明天结束"}
