"""S7: repair cards with the actual repair time and every part replaced; X2: bad input
refused at its field (a parts line by its number), nothing saved; X3: card numbers gapless."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from crm_desktop.errors import ValidationError
from crm_desktop.models import RepairCard, RepairPart, Staff
from crm_desktop.services import calls, customers, goods, numbering, repairs

from ..factories import count, refused

DAY = datetime(2026, 11, 28, 15, 0)


@pytest.fixture
def w(database) -> SimpleNamespace:
    with database.Session.begin() as s:
        zhang = customers.create_customer(s, name="张伟", phone="13812345678")
        tv = customers.add_product(s, zhang.id, model="LED-42", serial_no="SN-42")
        call = calls.register_call(s, customer_id=zhang.id, product_id=tv.id, received_at=datetime(2026, 11, 28, 9), fault="花屏")
        other_call = calls.register_call(s, customer_id=zhang.id, received_at=datetime(2026, 11, 28, 9), fault="无声音")
        entry = goods.take_in(s, customer_id=zhang.id, call_id=call.id, taken_in_at=DAY, promised_date="2026-12-05")
        loose = goods.take_in(s, customer_id=zhang.id, taken_in_at=DAY, product_model="DVD-9")
        people = [
            Staff(name="王师傅", role="technician"),
            Staff(name="老李", role="technician", active=False),
            Staff(name="钱文员", role="clerk"),
        ]
        s.add_all(people)
        s.flush()
        return SimpleNamespace(
            zhang=zhang.id,
            call=call.id,
            other_call=other_call.id,
            entry=entry.id,
            loose=loose.id,
            wang=people[0].id,
            retired=people[1].id,
            clerk=people[2].id,
        )


def open_card(database, **kwargs) -> int:
    with database.Session.begin() as s:
        return repairs.open_card(s, **kwargs).id


# --------------------------------------------------------------------------- opening


def test_s7_a_card_opened_from_goods_copies_them_and_takes_a_number(database, w):
    cid = open_card(database, opened_at=DAY, goods_entry_id=w.entry, technician_id=w.wang)
    with database.Session() as s:
        card = s.get(RepairCard, cid)
        assert card.card_no == "XK202611-0001"
        assert (card.customer_name, card.product_model, card.serial_no) == ("张伟", "LED-42", "SN-42")
        assert (card.goods_entry_id, card.call_id, card.fault) == (w.entry, w.call, "花屏")  # the call's fault
        assert (card.technician_id, card.promised_date, card.status) == (w.wang, date(2026, 12, 5), "open")
        assert card.opened_at == DAY


def test_s7_a_card_opened_from_a_call_and_what_the_clerk_gives_wins(database, w):
    cid = open_card(database, opened_at="2026-11-28 16:00", call_id=w.call, fault="花屏，有竖线", serial_no="SN-42A")
    with database.Session() as s:
        card = s.get(RepairCard, cid)
        assert (card.customer_name, card.product_model, card.serial_no, card.fault) == ("张伟", "LED-42", "SN-42A", "花屏，有竖线")
        assert (card.goods_entry_id, card.call_id) == (None, w.call)


def test_x3_card_numbers_are_gapless_even_when_a_card_is_refused(database, w):
    open_card(database, opened_at=DAY, goods_entry_id=w.entry)
    refused(database, repairs.open_card, opened_at=DAY, goods_entry_id=w.loose, technician_id=999)
    open_card(database, opened_at=DAY, goods_entry_id=w.loose)
    with database.Session() as s:
        assert list(s.scalars(select(RepairCard.card_no).order_by(RepairCard.id))) == ["XK202611-0001", "XK202611-0002"]


def test_x2_a_technician_who_does_not_exist_is_refused_and_nothing_saved(database, w):
    error = refused(database, repairs.open_card, opened_at=DAY, goods_entry_id=w.entry, technician_id=999)
    assert error.field == "technician_id"
    assert str(error) == "This technician cannot be found any more: choose again."
    assert count(database, RepairCard) == 0
    with database.Session() as s:
        assert numbering.last_issued(s, numbering.REPAIR_CARD, DAY.date()) == 0


@pytest.mark.parametrize("who", ["retired", "clerk"])
def test_s7_the_card_goes_only_to_an_active_technician(database, w, who):
    error = refused(database, repairs.open_card, opened_at=DAY, goods_entry_id=w.entry, technician_id=getattr(w, who))
    assert error.field == "technician_id"
    assert count(database, RepairCard) == 0


def test_x2_a_card_with_nothing_to_name_the_customer_is_refused(database, w):
    error = refused(database, repairs.open_card, opened_at=DAY, customer_name="  ")
    assert error.field == "customer_name"
    open_card(database, opened_at=DAY, customer_name="路过客户", product_model="收音机")
    assert count(database, RepairCard) == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"opened_at": None}, "opened_at"),
        ({"opened_at": "soon"}, "opened_at"),
        ({"goods_entry_id": 999}, "goods_entry_id"),
        ({"call_id": 999}, "call_id"),
        ({"promised_date": "2026-11-27"}, "promised_date"),
        ({"call_id": "other_call"}, "call_id"),  # not the call the goods came with
    ],
)
def test_x2_bad_input_to_open_card_is_refused_at_its_field(database, w, kwargs, field):
    values = {"opened_at": DAY, "goods_entry_id": w.entry, **kwargs}
    if values.get("call_id") == "other_call":
        values["call_id"] = w.other_call
    error = refused(database, repairs.open_card, **values)
    assert error.field == field
    assert count(database, RepairCard) == 0


def test_s7_one_card_per_goods_entry(database, w):
    open_card(database, opened_at=DAY, goods_entry_id=w.entry)
    error = refused(database, repairs.open_card, opened_at=DAY, goods_entry_id=w.entry)
    assert error.field == "goods_entry_id"
    assert "XK202611-0001" in str(error)
    assert count(database, RepairCard) == 1


# --------------------------------------------------------------------------- editing


@pytest.fixture
def card(database, w) -> int:
    return open_card(database, opened_at=DAY, goods_entry_id=w.entry, technician_id=w.wang)


def test_s7_the_card_records_work_done_and_the_actual_repair_time(database, w, card):
    with database.Session.begin() as s:
        repairs.update_card(s, card, {"work_done": "更换主板", "repair_hours": "2.5", "labour_fee": "80", "promised_date": "2026-12-06"})
    with database.Session() as s:
        c = s.get(RepairCard, card)
        assert (c.work_done, c.repair_hours, c.labour_fee, c.promised_date) == (
            "更换主板",
            Decimal("2.50"),
            Decimal("80.00"),
            date(2026, 12, 6),
        )


@pytest.mark.parametrize(
    ("field", "value"),
    [("repair_hours", "-1"), ("repair_hours", "两小时"), ("labour_fee", "-0.01"), ("labour_fee", "1.005"), ("promised_date", "2026-11-01")],
)
def test_x2_a_bad_card_edit_is_refused_and_the_card_unchanged(database, w, card, field, value):
    error = refused(database, repairs.update_card, card, {"work_done": "x", field: value})
    assert error.field == field
    with database.Session() as s:
        c = s.get(RepairCard, card)
        assert (c.work_done, c.repair_hours, c.labour_fee, c.promised_date) == (None, None, None, date(2026, 12, 5))


@pytest.mark.parametrize("field", ["technician_id", "status", "card_no", "inspected_at", "customer_name"])
def test_update_card_refuses_other_fields_naming_them(database, w, card, field):
    error = refused(database, repairs.update_card, card, {field: "x"})
    assert error.field == field
    with database.Session() as s:
        c = s.get(RepairCard, card)
        assert (c.technician_id, c.status, c.card_no, c.customer_name) == (w.wang, "open", "XK202611-0001", "张伟")


# --------------------------------------------------------------------------- parts


PARTS = [
    {"name": "主板", "part_no": "MB-42", "quantity": "1", "unit_price": "320"},
    {"name": "保险丝", "quantity": 2, "unit_price": Decimal("1.50")},
    {"name": "螺丝", "quantity": "4"},  # no price: 0
]


def test_s7_every_part_replaced_is_recorded_in_numbered_lines(database, w, card):
    with database.Session.begin() as s:
        repairs.set_parts(s, card, PARTS)
    with database.Session() as s:
        parts = s.get(RepairCard, card).parts
        assert [(p.line_no, p.name, p.part_no, p.quantity, p.unit_price) for p in parts] == [
            (1, "主板", "MB-42", Decimal("1.00"), Decimal("320.00")),
            (2, "保险丝", None, Decimal("2.00"), Decimal("1.50")),
            (3, "螺丝", None, Decimal("4.00"), Decimal("0.00")),
        ]


def test_s7_set_parts_replaces_the_lines_and_skips_blank_ones(database, w, card):
    with database.Session.begin() as s:
        repairs.set_parts(s, card, PARTS)
    with database.Session.begin() as s:
        parts = repairs.set_parts(s, card, [{"name": ""}, {"name": "电源板", "quantity": "1", "unit_price": "150"}, {}])
        assert [(p.line_no, p.name) for p in parts] == [(1, "电源板")]
    assert count(database, RepairPart) == 1
    with database.Session.begin() as s:
        assert repairs.set_parts(s, card, []) == []
    assert count(database, RepairPart) == 0


def test_x2_a_negative_part_quantity_is_refused_by_its_line_and_nothing_saved(database, w, card):
    with database.Session.begin() as s:
        repairs.set_parts(s, card, PARTS)
    bad = [{"name": "主板", "quantity": "1", "unit_price": "320"}, {"name": "保险丝", "quantity": "-2", "unit_price": "1.5"}]
    error = refused(database, repairs.set_parts, card, bad)
    assert error.field == "parts[2].quantity"
    assert error.args_for_message["line"] == 2
    assert str(error).startswith("Line 2:")
    with database.Session() as s:  # the old lines are all still there
        assert [p.name for p in s.get(RepairCard, card).parts] == ["主板", "保险丝", "螺丝"]
    assert count(database, RepairPart) == 3


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"name": "", "quantity": "1"}, "parts[1].name"),
        ({"name": "主板"}, "parts[1].quantity"),
        ({"name": "主板", "quantity": "0"}, "parts[1].quantity"),
        ({"name": "主板", "quantity": "一个"}, "parts[1].quantity"),
        ({"name": "主板", "quantity": "1", "unit_price": "-1"}, "parts[1].unit_price"),
        ({"name": "主板", "quantity": "1", "unit_price": "abc"}, "parts[1].unit_price"),
    ],
)
def test_x2_each_bad_part_field_is_refused(database, w, card, line, field):
    error = refused(database, repairs.set_parts, card, [line])
    assert error.field == field
    assert count(database, RepairPart) == 0


def test_x2_problems_on_several_lines_are_reported_together(database, w, card):
    error = refused(
        database,
        repairs.set_parts,
        card,
        [{"name": "主板", "quantity": "1"}, {"name": "", "quantity": "-1"}, {}, {"name": "螺丝", "quantity": "1", "unit_price": "-3"}],
    )
    assert isinstance(error, ValidationError)
    assert [p.field for p in error.problems] == ["parts[2].name", "parts[2].quantity", "parts[4].unit_price"]
    assert count(database, RepairPart) == 0


def test_set_parts_on_a_card_that_does_not_exist(database, w):
    assert refused(database, repairs.set_parts, 999, PARTS).field == "card_id"


def test_s8_card_total_is_parts_plus_labour(database, w, card):
    with database.Session.begin() as s:
        repairs.set_parts(s, card, PARTS)
        repairs.update_card(s, card, {"labour_fee": "50"})
    with database.Session() as s:
        c = s.get(RepairCard, card)
        assert repairs.parts_total(c) == Decimal("323.00")
        assert repairs.card_total(c) == Decimal("373.00")
        c.labour_fee = None
        assert repairs.card_total(c) == Decimal("323.00")
