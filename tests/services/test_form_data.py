"""What the paper forms show, read as plain data: values chosen (names, telephones, states,
totals) but not written for paper, usable after the session has closed, and checked here
against the rows themselves rather than the program's own sums."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm_desktop import clock
from crm_desktop.errors import UserError
from crm_desktop.models import Customer, CustomerStaff, GoodsEntry, RepairCard, ServiceCall, Staff, WorkLog
from crm_desktop.models.base import Base
from crm_desktop.services import daily_reports, form_data

from ..views.branch_data import build

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def branch_office(database):
    return build(database)


def plain(value) -> bool:
    """No ORM instance anywhere inside: nothing that could load lazily once detached."""
    if isinstance(value, Base):
        return False
    if is_dataclass(value):
        return all(plain(getattr(value, f.name)) for f in fields(value))
    if isinstance(value, (list, tuple)):
        return all(plain(v) for v in value)
    if isinstance(value, dict):
        return all(plain(k) and plain(v) for k, v in value.items())
    return True


def test_a_repair_card_is_read_with_its_goods_call_names_and_parts(database, branch_office):
    with database.read_session() as s:
        row = s.get(RepairCard, branch_office.repair_card)
        call, goods = row.call, row.goods_entry
        expected = {
            "card_no": row.card_no, "receipt_no": goods.receipt_no, "call_no": call.call_no,
            "service_kind": call.service_kind, "phone": call.phone, "address": call.address,
            "condition": goods.condition,
        }
        parts = sorted((p.line_no, p.part_no, p.quantity * p.unit_price) for p in row.parts)
        labour = row.labour_fee
        [card] = form_data.repair_cards(s, numbers=[row.card_no])
    # the session is closed: everything is already there
    assert plain(card)
    assert {k: getattr(card, k) for k in expected} == expected
    assert card.technician == "赵技师" and card.inspected_by == "孙主任"
    assert [(p.line_no, p.part_no, p.amount) for p in card.parts] == parts
    assert card.parts_total == sum(a for _n, _p, a in parts)
    assert card.total_fee == (labour or Decimal("0")) + card.parts_total


def test_numbered_rows_are_read_by_number_or_by_id_and_the_missing_left_out(database, branch_office):
    with database.read_session() as s:
        call = s.get(ServiceCall, branch_office.repair_call)
        by_number = form_data.service_calls(s, numbers=[call.call_no, "JX209901-9999"])
        by_id = form_data.service_calls(s, ids=[call.id, 10**9])
        with pytest.raises(TypeError):
            form_data.service_calls(s, numbers=[call.call_no], ids=[call.id])
        with pytest.raises(TypeError):
            form_data.goods_receipts(s)
    assert by_number == by_id and len(by_id) == 1 and plain(by_id[0])
    assert by_id[0].call_no == call.call_no
    assert by_id[0].technician == "赵技师" and by_id[0].registered_by == "钱文员"


def test_a_goods_receipt_names_the_newest_card_of_its_goods(database, branch_office):
    with database.read_session() as s:
        entries = s.scalars(select(GoodsEntry)).all()
        newest = {}
        for card in s.scalars(select(RepairCard).order_by(RepairCard.id)):
            newest[card.goods_entry_id] = card.card_no
        expected = {g.receipt_no: newest.get(g.id, "") for g in entries}
        receipts = form_data.goods_receipts(s, ids=[g.id for g in entries])
    assert plain(receipts)
    assert {r.receipt_no: r.card_no for r in receipts} == expected


def test_the_call_register_of_a_period_sums_its_rows(database, branch_office):
    with database.read_session() as s:
        rows = s.execute(
            select(ServiceCall.call_no, ServiceCall.service_kind, ServiceCall.fee, ServiceCall.status)
            .where(ServiceCall.received_at >= date(2026, 11, 1), ServiceCall.received_at < date(2026, 12, 1))
        ).all()
        register = form_data.call_register(s, *NOVEMBER)
    assert rows and plain(register)
    assert sorted(line.call_no for line in register.lines) == sorted(r.call_no for r in rows)
    for kind in "ABC":
        assert register.count_by_kind[kind] == sum(1 for r in rows if r.service_kind == kind)
    assert register.fee_total == sum((r.fee for r in rows if r.fee is not None and r.status != "cancelled"), Decimal(0))
    finished = {"struck_off", "closed", "cancelled"}
    assert register.still_open == sum(1 for r in rows if r.status not in finished)


def test_a_period_that_ends_before_it_begins_is_refused_by_the_service(database, branch_office):
    with database.read_session() as s:
        for read in (form_data.call_register, form_data.goods_register):
            with pytest.raises(UserError) as caught:
                read(s, date(2026, 11, 30), date(2026, 11, 1))
            assert caught.value.field == "date_to"


def test_the_goods_register_says_where_each_entry_is(database, branch_office):
    with database.read_session() as s:
        entries = {g.receipt_no: g for g in s.scalars(select(GoodsEntry))}
        register = form_data.goods_register(s, *NOVEMBER)
    assert entries and sorted(line.receipt_no for line in register.lines) == sorted(entries)
    for line in register.lines:
        g = entries[line.receipt_no]
        assert line.state == ("void" if g.receipt_voided_at else "back" if g.returned_at else "in")
    assert register.returned == sum(1 for g in entries.values() if g.returned_at) >= 1
    assert register.in_shop == len(entries) - register.returned


def test_the_technicians_with_work_on_a_day_by_name(database, branch_office):
    with database.read_session() as s:
        day = date(2026, 11, 23)
        worked = s.scalars(select(WorkLog.technician_id).where(WorkLog.work_day == day)).all()
        expected = [i for i, _n in sorted(((i, s.get(Staff, i).name) for i in set(worked)), key=lambda p: p[1])]
        assert worked and daily_reports.technicians_with_work(s, day) == expected
        assert daily_reports.technicians_with_work(s, date(2026, 10, 1)) == []


def test_the_customer_list_is_the_registers_rows_with_who_is_responsible(database, branch_office):
    day = clock.today()  # the register's staff filter asks who is responsible today
    with database.Session.begin() as s:
        first, second, third = s.scalars(select(Customer).order_by(Customer.id).limit(3)).all()
        s.add_all([
            CustomerStaff(customer_id=first.id, staff_id=branch_office.wang, since=date(2026, 1, 1)),
            CustomerStaff(customer_id=first.id, staff_id=branch_office.zhao, since=date(2026, 2, 1)),
            CustomerStaff(customer_id=second.id, staff_id=branch_office.wang, since=date(2026, 1, 1),
                          until=day - timedelta(days=1)),  # no longer
            CustomerStaff(customer_id=third.id, staff_id=branch_office.wang, since=day + timedelta(days=1)),  # not yet
        ])
        first_id, second_id, third_id = first.id, second.id, third.id
    everyone = form_data.customer_list(database, {"district": "", "category": None}, "  ", day)
    assert everyone.filters == {} and everyone.search == "" and everyone.staff_name is None
    assert everyone.lines and plain(everyone)
    codes = [line.code for line in everyone.lines]
    assert codes == sorted(codes, key=lambda c: (c is None, c or ""))
    responsible = {line.id: line.responsible for line in everyone.lines}
    assert responsible[first_id] == ("王技师", "赵技师")
    assert responsible[second_id] == responsible[third_id] == ()
    theirs = form_data.customer_list(database, {"staff_id": branch_office.wang}, "", day)
    assert theirs.staff_name == "王技师" and theirs.filters == {"staff_id": branch_office.wang}
    assert [line.id for line in theirs.lines] == [first_id]
