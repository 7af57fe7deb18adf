"""S6: goods taken back for repair are logged in the goods register with a numbered goods
receipt; X2: bad input refused at its field, nothing saved; X3: receipt numbers gapless."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from crm_desktop.errors import ValidationError
from crm_desktop.models import GoodsEntry, Staff
from crm_desktop.services import calls, customers, goods, numbering

from ..factories import count, refused

DAY = datetime(2026, 11, 28, 14, 0)


@pytest.fixture
def w(database) -> SimpleNamespace:
    with database.Session.begin() as s:
        zhang = customers.create_customer(s, name="张伟", phone="13812345678", address="上海市松江区中山路5号")
        li = customers.create_customer(s, name="李娜", phone="021-62345678")
        tv = customers.add_product(s, zhang.id, model="LED-42", serial_no="SN-42")
        radio = customers.add_product(s, zhang.id, model="R-1", serial_no="SN-R1")
        li_ac = customers.add_product(s, li.id, model="KFR-35GW", serial_no="SN-35")
        call = calls.register_call(
            s, customer_id=zhang.id, product_id=tv.id, received_at=datetime(2026, 11, 28, 9), fault="花屏", phone="138 0000 1111"
        )
        li_call = calls.register_call(s, customer_id=li.id, received_at=datetime(2026, 11, 28, 9), fault="不制冷")
        wang = Staff(name="王师傅", role="technician")
        s.add(wang)
        s.flush()
        return SimpleNamespace(
            zhang=zhang.id, li=li.id, tv=tv.id, radio=radio.id, li_ac=li_ac.id, call=call.id, li_call=li_call.id, wang=wang.id
        )


def test_s6_take_in_copies_from_the_call_and_takes_a_receipt_number(database, w):
    with database.Session.begin() as s:
        eid = goods.take_in(
            s,
            customer_id=w.zhang,
            call_id=w.call,
            taken_in_at=DAY,
            accessories="遥控器一个",
            condition="外壳有划痕",
            promised_date="2026-12-05",
            taken_in_by_id=w.wang,
        ).id
    with database.Session() as s:
        e = s.get(GoodsEntry, eid)
        assert e.receipt_no == "SJ202611-0001"
        assert (e.customer_name, e.phone) == ("张伟", "13800001111")  # the call's phone, as the register wrote it
        assert (e.product_model, e.serial_no, e.product_id) == ("LED-42", "SN-42", w.tv)
        assert (e.call_id, e.customer_id, e.taken_in_by_id) == (w.call, w.zhang, w.wang)
        assert (e.accessories, e.condition) == ("遥控器一个", "外壳有划痕")
        assert (e.taken_in_at, e.promised_date) == (DAY, date(2026, 12, 5))
        assert e.returned_at is None


def test_s6_take_in_without_a_call_copies_from_customer_and_product(database, w):
    with database.Session.begin() as s:
        eid = goods.take_in(s, customer_id=w.zhang, product_id=w.radio, taken_in_at="2026-11-28 15:00").id
    with database.Session() as s:
        e = s.get(GoodsEntry, eid)
        assert e.taken_in_at == datetime(2026, 11, 28, 15)
        assert (e.customer_name, e.phone, e.product_model, e.serial_no) == ("张伟", "13812345678", "R-1", "SN-R1")
        assert e.call_id is None


def test_s6_what_the_clerk_gives_wins(database, w):
    with database.Session.begin() as s:
        e = goods.take_in(
            s, customer_id=w.zhang, call_id=w.call, taken_in_at=DAY, phone="021-5555 6666", serial_no="SN-42B", customer_name="张伟之妻"
        )
        assert (e.phone, e.serial_no, e.customer_name) == ("021-55556666", "SN-42B", "张伟之妻")


def test_x3_receipt_numbers_are_gapless_even_when_an_entry_is_refused(database, w):
    with database.Session.begin() as s:
        goods.take_in(s, customer_id=w.zhang, taken_in_at=DAY)
    refused(database, goods.take_in, customer_id=w.zhang, taken_in_at=DAY, promised_date="2026-11-01")
    with database.Session.begin() as s:
        goods.take_in(s, customer_id=w.li, taken_in_at=DAY)
        goods.take_in(s, customer_id=w.li, taken_in_at=datetime(2026, 12, 1, 9))
    with database.Session() as s:
        assert list(s.scalars(select(GoodsEntry.receipt_no).order_by(GoodsEntry.id))) == [
            "SJ202611-0001",
            "SJ202611-0002",
            "SJ202612-0001",
        ]


def test_x2_a_promised_date_before_the_day_taken_in_is_refused_and_nothing_saved(database, w):
    error = refused(database, goods.take_in, customer_id=w.zhang, taken_in_at=DAY, promised_date=date(2026, 11, 27))
    assert error.field == "promised_date"
    assert str(error) == "The promised date (2026-11-27) is before the day the goods were taken in (2026-11-28)."
    assert count(database, GoodsEntry) == 0
    with database.Session() as s:
        assert numbering.last_issued(s, numbering.GOODS_RECEIPT, DAY.date()) == 0
    with database.Session.begin() as s:  # the same day is allowed
        goods.take_in(s, customer_id=w.zhang, taken_in_at=DAY, promised_date=DAY.date())
    assert count(database, GoodsEntry) == 1


def test_x2_the_staff_who_took_the_goods_in_must_exist(database, w):
    error = refused(database, goods.take_in, customer_id=w.zhang, taken_in_at=DAY, taken_in_by_id=999)
    assert error.field == "taken_in_by_id"
    assert count(database, GoodsEntry) == 0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"customer_id": 999}, "customer_id"),
        ({"call_id": 999}, "call_id"),
        ({"product_id": 999}, "product_id"),
        ({"taken_in_at": None}, "taken_in_at"),
        ({"taken_in_at": "next week"}, "taken_in_at"),
        ({"promised_date": "2026-02-30"}, "promised_date"),
        ({"phone": "ring me"}, "phone"),
    ],
)
def test_x2_bad_input_is_refused_at_its_field_and_nothing_saved(database, w, kwargs, field):
    values = {"customer_id": w.zhang, "taken_in_at": DAY, **kwargs}
    error = refused(database, goods.take_in, **values)
    assert error.field == field
    assert count(database, GoodsEntry) == 0


def test_s6_the_call_and_the_product_must_be_the_customers(database, w):
    assert refused(database, goods.take_in, customer_id=w.zhang, call_id=w.li_call, taken_in_at=DAY).field == "call_id"
    assert refused(database, goods.take_in, customer_id=w.zhang, product_id=w.li_ac, taken_in_at=DAY).field == "product_id"
    error = refused(database, goods.take_in, customer_id=w.zhang, call_id=w.call, product_id=w.radio, taken_in_at=DAY)
    assert error.field == "product_id"  # the call was about the television
    assert count(database, GoodsEntry) == 0


def test_x2_several_bad_fields_are_reported_together(database, w):
    error = refused(database, goods.take_in, customer_id=w.zhang, taken_in_at=DAY, phone="x", taken_in_by_id=999)
    assert isinstance(error, ValidationError)
    assert {p.field for p in error.problems} == {"phone", "taken_in_by_id"}


# --------------------------------------------------------------------------- editing


@pytest.fixture
def entry(database, w) -> int:
    with database.Session.begin() as s:
        return goods.take_in(s, customer_id=w.zhang, call_id=w.call, taken_in_at=DAY, promised_date="2026-12-05").id


def test_update_goods_entry_edits_plain_fields(database, w, entry):
    with database.Session.begin() as s:
        goods.update_goods_entry(s, entry, {"accessories": "电源线", "phone": "13912345678", "promised_date": "2026-12-10"})
    with database.Session() as s:
        e = s.get(GoodsEntry, entry)
        assert (e.accessories, e.phone, e.promised_date) == ("电源线", "13912345678", date(2026, 12, 10))


def test_x2_update_keeps_the_promised_date_after_the_day_taken_in(database, w, entry):
    assert refused(database, goods.update_goods_entry, entry, {"promised_date": "2026-11-20"}).field == "promised_date"
    # moving the day taken in past the stored promised date is refused as well
    assert refused(database, goods.update_goods_entry, entry, {"taken_in_at": "2026-12-06 09:00"}).field == "promised_date"
    with database.Session() as s:
        e = s.get(GoodsEntry, entry)
        assert (e.taken_in_at, e.promised_date) == (DAY, date(2026, 12, 5))


@pytest.mark.parametrize("field", ["returned_at", "receipt_voided_at", "receipt_no", "customer_id", "call_id"])
def test_update_goods_entry_refuses_process_fields(database, w, entry, field):
    error = refused(database, goods.update_goods_entry, entry, {"remarks": "x", field: "2026-12-01 10:00"})
    assert error.field == field
    with database.Session() as s:
        e = s.get(GoodsEntry, entry)
        assert (e.remarks, e.returned_at, e.receipt_no) == (None, None, "SJ202611-0001")


def test_x2_a_bad_edit_leaves_the_entry_unchanged(database, w, entry):
    error = refused(database, goods.update_goods_entry, entry, {"customer_name": "", "phone": "abc"})
    assert {p.field for p in error.problems} == {"customer_name", "phone"}
    assert refused(database, goods.update_goods_entry, entry, {"taken_in_by_id": 999}).field == "taken_in_by_id"
    assert refused(database, goods.update_goods_entry, 999, {"remarks": "x"}).field == "entry_id"
    with database.Session() as s:
        e = s.get(GoodsEntry, entry)
        assert (e.customer_name, e.phone, e.taken_in_by_id) == ("张伟", "13800001111", None)
