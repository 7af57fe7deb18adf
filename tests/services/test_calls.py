"""S1–S3: registering a call, its service kind, editing it, dispatching it; X2: bad input is
refused at its field with nothing saved; X3: call numbers stay gapless."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from crm_desktop.errors import UserError, ValidationError
from crm_desktop.models import Customer, CustomerProduct, ServiceCall, Staff
from crm_desktop.services import calls, customers, numbering

from ..factories import count

DAY = datetime(2026, 11, 19, 9, 30)


def numbers(database) -> list[str]:
    with database.Session() as s:
        return list(s.scalars(select(ServiceCall.call_no).order_by(ServiceCall.id)))


@pytest.fixture
def w(database) -> SimpleNamespace:
    """Two customers, products in and out of warranty, and the people of the branch."""
    with database.Session.begin() as s:
        zhang = customers.create_customer(
            s, name="张伟", phone="13812345678", address="上海市松江区中山路5号", district="suburban"
        )
        li = customers.create_customer(s, name="李娜", phone="021-62345678", address="上海市静安区南京西路1号")
        fridge = customers.add_product(
            s, zhang.id, model="BCD-215", serial_no="SN-215", purchase_date="2026-01-10", warranty_end="2027-01-09"
        )
        old_tv = customers.add_product(s, zhang.id, model="LED-42", serial_no="SN-42", warranty_end="2025-06-30")
        li_ac = customers.add_product(s, li.id, model="KFR-35GW", serial_no="SN-35")
        staff = [
            Staff(name="王师傅", role="technician"),
            Staff(name="赵师傅", role="technician"),
            Staff(name="老李", role="technician", active=False),
            Staff(name="钱文员", role="clerk"),
            Staff(name="孙主任", role="supervisor"),
        ]
        s.add_all(staff)
        s.flush()
        return SimpleNamespace(
            zhang=zhang.id,
            li=li.id,
            fridge=fridge.id,
            old_tv=old_tv.id,
            li_ac=li_ac.id,
            wang=staff[0].id,
            zhao=staff[1].id,
            retired=staff[2].id,
            clerk=staff[3].id,
            supervisor=staff[4].id,
        )


def register(database, **kwargs) -> int:
    with database.Session.begin() as s:
        return calls.register_call(s, **kwargs).id


def refused(database, func_, *args, **kwargs) -> UserError:
    """Run ``func_`` in its own transaction; it must be refused. Returns the error."""
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            func_(s, *args, **kwargs)
    return info.value


# --------------------------------------------------------------------------- S2 registering


def test_s2_call_copies_customer_and_takes_a_number(database, w):
    cid = register(database, customer_id=w.zhang, product_id=w.fridge, received_at=DAY, fault=" 不制冷 ", registered_by_id=w.clerk)
    with database.Session() as s:
        call = s.get(ServiceCall, cid)
        assert call.call_no == "JX20261119-001"
        assert (call.customer_name, call.phone, call.address) == ("张伟", "13812345678", "上海市松江区中山路5号")
        assert (call.product_model, call.serial_no) == ("BCD-215", "SN-215")
        assert (call.customer_id, call.product_id) == (w.zhang, w.fridge)
        assert (call.fault, call.status, call.channel) == ("不制冷", "registered", "phone")
        assert call.received_at == DAY
        assert call.registered_by_id == w.clerk
        assert call.technician_id is None


def test_s2_what_the_clerk_gives_wins_over_the_archive(database, w):
    cid = register(
        database,
        customer_id=w.zhang,
        received_at="2026-11-19 10:00",
        fault="噪音大",
        phone="138 0000 1111",
        address="上海市松江区新松江路9号",
        channel="letter",
        customer_name="张伟（儿子）",
        product_model="BCD-216",
        serial_no="SN-X",
        remarks="下午在家",
    )
    with database.Session() as s:
        call = s.get(ServiceCall, cid)
        assert (call.phone, call.address, call.channel) == ("13800001111", "上海市松江区新松江路9号", "letter")
        assert (call.customer_name, call.product_model, call.serial_no) == ("张伟（儿子）", "BCD-216", "SN-X")
        assert call.received_at == datetime(2026, 11, 19, 10)
        assert call.remarks == "下午在家"
        assert s.get(Customer, w.zhang).phone == "13812345678"  # the archive is not changed


def test_x3_call_numbers_are_gapless_even_when_a_call_is_refused(database, w):
    register(database, customer_id=w.li, received_at=DAY, fault="不制热")
    refused(database, calls.register_call, customer_id=w.li, received_at=DAY, fault="")
    register(database, customer_id=w.li, received_at=DAY, fault="漏水")
    register(database, customer_id=w.li, received_at=datetime(2026, 11, 20, 8), fault="异响")
    assert numbers(database) == ["JX20261119-001", "JX20261119-002", "JX20261120-001"]


@pytest.mark.parametrize("fault", [None, "", "   "])
def test_x2_a_call_without_a_fault_is_refused_and_nothing_saved(database, w, fault):
    error = refused(database, calls.register_call, customer_id=w.zhang, received_at=DAY, fault=fault)
    assert error.field == "fault"
    assert count(database, ServiceCall) == 0
    with database.Session() as s:
        assert numbering.last_issued(s, numbering.SERVICE_CALL, DAY.date()) == 0  # no number taken


def test_x2_a_call_with_a_phone_number_with_letters_is_refused_and_nothing_saved(database, w):
    error = refused(database, calls.register_call, customer_id=w.zhang, received_at=DAY, fault="漏水", phone="13812345abc")
    assert error.field == "phone"
    assert count(database, ServiceCall) == 0


def test_x2_a_call_needs_a_customer_who_exists_and_a_time(database, w):
    error = refused(database, calls.register_call, customer_id=999, received_at=DAY, fault="漏水")
    assert error.field == "customer_id"
    assert str(error) == "The customer cannot be found any more (it may have been removed meanwhile): look it up again."
    error = refused(database, calls.register_call, customer_id=w.zhang, received_at=None, fault="漏水")
    assert error.field == "received_at"
    error = refused(database, calls.register_call, customer_id=w.zhang, received_at="yesterday", fault="漏水")
    assert error.field == "received_at"
    assert count(database, ServiceCall) == 0


def test_x2_every_bad_field_of_the_call_is_reported_at_once(database, w):
    error = refused(
        database,
        calls.register_call,
        customer_id=w.zhang,
        received_at=DAY,
        fault="",
        phone="abc",
        channel="fax",
        district="rural",
        registered_by_id=999,
    )
    assert isinstance(error, ValidationError)
    assert {p.field for p in error.problems} == {"fault", "phone", "channel", "district", "registered_by_id"}
    assert count(database, ServiceCall) == 0


def test_s2_the_product_must_belong_to_the_customer(database, w):
    error = refused(database, calls.register_call, customer_id=w.zhang, product_id=w.li_ac, received_at=DAY, fault="漏水")
    assert error.field == "product_id"
    error = refused(database, calls.register_call, customer_id=w.zhang, product_id=999, received_at=DAY, fault="漏水")
    assert error.field == "product_id"
    assert count(database, ServiceCall) == 0


# --------------------------------------------------------------------------- S14 district


def test_s14_the_district_defaults_from_the_customer_and_is_kept_on_the_call(database, w):
    suburban = register(database, customer_id=w.zhang, received_at=DAY, fault="漏水")
    urban = register(database, customer_id=w.li, received_at=DAY, fault="漏水")
    with database.Session() as s:
        assert s.get(ServiceCall, suburban).district == "suburban"
        assert s.get(ServiceCall, urban).district == "urban"


def test_s14_the_district_can_be_overridden_for_one_call(database, w):
    cid = register(database, customer_id=w.zhang, received_at=DAY, fault="漏水", district="urban")
    with database.Session() as s:
        assert s.get(ServiceCall, cid).district == "urban"
        assert s.get(Customer, w.zhang).district == "suburban"  # the customer stays suburban
    error = refused(database, calls.register_call, customer_id=w.zhang, received_at=DAY, fault="漏水", district="rural")
    assert error.field == "district"


# --------------------------------------------------------------------------- S1 service kind


def test_s1_the_kind_proposed_is_free_within_warranty_else_paid(session, w):
    fridge = session.get(CustomerProduct, w.fridge)  # warranty to 2027-01-09
    old_tv = session.get(CustomerProduct, w.old_tv)  # warranty ended 2025-06-30
    no_warranty = session.get(CustomerProduct, w.li_ac)
    assert calls.propose_kind(session, fridge, DAY) == "C"
    assert calls.propose_kind(session, fridge, datetime(2027, 1, 9, 17)) == "C"  # the last day still counts
    assert calls.propose_kind(session, fridge, date(2027, 1, 10)) == "A"
    assert calls.propose_kind(session, old_tv, DAY) == "A"
    assert calls.propose_kind(session, no_warranty, DAY) == "A"
    assert calls.propose_kind(session, None, DAY) == "A"


def test_s1_the_kind_defaults_to_the_proposal(database, w):
    free = register(database, customer_id=w.zhang, product_id=w.fridge, received_at=DAY, fault="漏水")
    paid = register(database, customer_id=w.zhang, product_id=w.old_tv, received_at=DAY, fault="花屏")
    with database.Session() as s:
        assert (s.get(ServiceCall, free).service_kind, s.get(ServiceCall, free).kind_override_reason) == ("C", None)
        assert s.get(ServiceCall, paid).service_kind == "A"


def test_s1_a_kind_other_than_the_proposal_needs_a_reason_which_is_kept(database, w):
    error = refused(
        database, calls.register_call, customer_id=w.zhang, product_id=w.fridge, received_at=DAY, fault="摔坏", service_kind="A"
    )
    assert error.field == "kind_override_reason"
    assert str(error) == "The proposed service kind is C; give the reason for choosing A instead."
    assert count(database, ServiceCall) == 0
    cid = register(
        database,
        customer_id=w.zhang,
        product_id=w.fridge,
        received_at=DAY,
        fault="摔坏",
        service_kind="A",
        kind_override_reason="人为损坏，不在保修范围",
    )
    with database.Session() as s:
        call = s.get(ServiceCall, cid)
        assert (call.service_kind, call.kind_override_reason) == ("A", "人为损坏，不在保修范围")


def test_s1_choosing_the_proposed_kind_needs_no_reason(database, w):
    cid = register(database, customer_id=w.zhang, product_id=w.old_tv, received_at=DAY, fault="花屏", service_kind="A")
    with database.Session() as s:
        assert s.get(ServiceCall, cid).service_kind == "A"


def test_s1_an_unknown_kind_is_refused(database, w):
    error = refused(
        database, calls.register_call, customer_id=w.zhang, received_at=DAY, fault="花屏", service_kind="D", kind_override_reason="x"
    )
    assert error.field == "service_kind"
    assert count(database, ServiceCall) == 0


def test_s1_override_kind_keeps_the_reason_and_requires_one(database, w):
    cid = register(database, customer_id=w.zhang, product_id=w.fridge, received_at=DAY, fault="漏水")
    error = refused(database, calls.override_kind, cid, "A", "  ")
    assert error.field == "kind_override_reason"
    error = refused(database, calls.override_kind, cid, "X", "客户要求")
    assert error.field == "service_kind"
    with database.Session() as s:
        assert s.get(ServiceCall, cid).service_kind == "C"
    with database.Session.begin() as s:
        calls.override_kind(s, cid, "B", "已签保养合同 HT-2026-011")
    with database.Session() as s:
        call = s.get(ServiceCall, cid)
        assert (call.service_kind, call.kind_override_reason) == ("B", "已签保养合同 HT-2026-011")


# --------------------------------------------------------------------------- editing


def test_update_call_edits_plain_fields_with_the_same_checks(database, w):
    cid = register(database, customer_id=w.zhang, received_at=DAY, fault="漏水")
    with database.Session.begin() as s:
        calls.update_call(
            s, cid, {"fault": "漏水，门封条老化", "phone": "021 5432 1234-88", "district": "urban", "received_at": "2026-11-19 09:45"}
        )
    with database.Session() as s:
        call = s.get(ServiceCall, cid)
        assert call.fault == "漏水，门封条老化"
        assert call.phone == "021-54321234 转 88"
        assert call.district == "urban"
        assert call.received_at == datetime(2026, 11, 19, 9, 45)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("technician_id", 1),
        ("service_kind", "A"),
        ("kind_override_reason", "x"),
        ("status", "closed"),
        ("call_no", "JX1"),
        ("dispatched_at", "2026-11-19 10:00"),
        ("customer_id", 2),
        ("fee", "30"),
    ],
)
def test_update_call_refuses_a_process_field_naming_it(database, w, field, value):
    cid = register(database, customer_id=w.zhang, received_at=DAY, fault="漏水")
    error = refused(database, calls.update_call, cid, {"fault": "改了", field: value})
    assert error.field == field
    with database.Session() as s:
        call = s.get(ServiceCall, cid)
        assert (call.fault, call.technician_id, call.service_kind, call.status) == ("漏水", None, "A", "registered")


@pytest.mark.parametrize(
    ("field", "step"),
    [("technician_id", "dispatching"), ("service_kind", "override with a reason"), ("status", "service process")],
)
def test_update_call_says_which_step_changes_a_process_field(database, w, field, step):
    cid = register(database, customer_id=w.zhang, received_at=DAY, fault="漏水")
    error = refused(database, calls.update_call, cid, {field: "x"})
    assert step in str(error)
    assert "cannot be changed here" in str(refused(database, calls.update_call, cid, {"fee": "x"}))


@pytest.mark.parametrize(
    ("field", "value"),
    [("customer_name", " "), ("fault", ""), ("phone", "abc"), ("received_at", None), ("district", "x"), ("channel", "email")],
)
def test_x2_a_bad_edit_is_refused_and_the_call_is_unchanged(database, w, field, value):
    cid = register(database, customer_id=w.zhang, received_at=DAY, fault="漏水")
    error = refused(database, calls.update_call, cid, {"remarks": "改了", field: value})
    assert error.field == field
    with database.Session() as s:
        call = s.get(ServiceCall, cid)
        assert (call.remarks, call.customer_name, call.fault, call.phone) == (None, "张伟", "漏水", "13812345678")


def test_update_call_of_a_call_that_does_not_exist(database, w):
    assert refused(database, calls.update_call, 999, {"fault": "x"}).field == "call_id"


# --------------------------------------------------------------------------- S3 dispatch


def test_s3_dispatch_records_who_and_when(database, w):
    cid = register(database, customer_id=w.zhang, received_at=DAY, fault="漏水")
    with database.Session.begin() as s:
        calls.dispatch(s, cid, w.wang, datetime(2026, 11, 19, 10), by_id=w.supervisor)
    with database.Session() as s:
        call = s.get(ServiceCall, cid)
        assert (call.technician_id, call.dispatched_at, call.status) == (w.wang, datetime(2026, 11, 19, 10), "dispatched")


def test_s3_a_dispatched_call_can_be_given_to_another_technician(database, w):
    cid = register(database, customer_id=w.zhang, received_at=DAY, fault="漏水")
    with database.Session.begin() as s:
        calls.dispatch(s, cid, w.wang, datetime(2026, 11, 19, 10), by_id=w.supervisor)
    with database.Session.begin() as s:
        calls.dispatch(s, cid, w.zhao, "2026-11-19 11:00", by_id=w.supervisor)
    with database.Session() as s:
        call = s.get(ServiceCall, cid)
        assert (call.technician_id, call.dispatched_at, call.status) == (w.zhao, datetime(2026, 11, 19, 11), "dispatched")


def test_x2_a_technician_who_does_not_exist_is_refused_and_nothing_saved(database, w):
    cid = register(database, customer_id=w.zhang, received_at=DAY, fault="漏水")
    error = refused(database, calls.dispatch, cid, 999, datetime(2026, 11, 19, 10), by_id=w.supervisor)
    assert error.field == "technician_id"
    assert str(error) == "This technician cannot be found any more: choose again."
    with database.Session() as s:
        call = s.get(ServiceCall, cid)
        assert (call.technician_id, call.dispatched_at, call.status) == (None, None, "registered")


@pytest.mark.parametrize("who", ["retired", "clerk", "supervisor"])
def test_s3_only_an_active_technician_is_dispatched(database, w, who):
    cid = register(database, customer_id=w.zhang, received_at=DAY, fault="漏水")
    error = refused(database, calls.dispatch, cid, getattr(w, who), datetime(2026, 11, 19, 10), by_id=w.supervisor)
    assert error.field == "technician_id"
    with database.Session() as s:
        assert s.get(ServiceCall, cid).status == "registered"


def test_s3_dispatch_is_not_before_the_call_was_received(database, w):
    cid = register(database, customer_id=w.zhang, received_at=DAY, fault="漏水")
    error = refused(database, calls.dispatch, cid, w.wang, datetime(2026, 11, 19, 9), by_id=w.supervisor)
    assert error.field == "dispatched_at"
    error = refused(database, calls.dispatch, cid, w.wang, None, by_id=w.supervisor)
    assert error.field == "dispatched_at"
    error = refused(database, calls.dispatch, cid, w.wang, DAY, by_id=999)
    assert error.field == "by_id"
    with database.Session() as s:
        assert s.get(ServiceCall, cid).status == "registered"


@pytest.mark.parametrize("status", ["arrived", "completed_on_site", "struck_off", "taken_back", "cancelled", "closed"])
def test_s3_only_a_registered_or_dispatched_call_is_dispatched(database, w, status):
    cid = register(database, customer_id=w.zhang, received_at=DAY, fault="漏水")
    with database.Session.begin() as s:
        s.get(ServiceCall, cid).status = status
    error = refused(database, calls.dispatch, cid, w.wang, datetime(2026, 11, 19, 10), by_id=w.supervisor)
    assert error.field == "status"
    with database.Session() as s:
        call = s.get(ServiceCall, cid)
        assert (call.status, call.technician_id) == (status, None)


def test_dispatch_of_a_call_that_does_not_exist(database, w):
    assert refused(database, calls.dispatch, 999, w.wang, DAY, by_id=w.supervisor).field == "call_id"
