"""S1–S10 as a state machine: every step in order, refused out of order with a message,
recorded in the call's history, taken back by a supervisor with a reason; X2/X3: a refused
step saves nothing and uses no number."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from crm_desktop.errors import AuditedRefusal, UserError
from crm_desktop.models import (
    AuditEntry,
    Customer,
    CustomerProduct,
    GoodsEntry,
    RepairCard,
    ServiceCall,
    Staff,
    WorkLog,
)
from crm_desktop.services import audit_log, auth, calls, goods, pricing, process, repairs, worklists
from crm_desktop.services.calendar import default_calendar

MON = datetime(2026, 11, 16, 9, 0)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute)


@pytest.fixture
def w(session) -> SimpleNamespace:
    staff = {
        "clerk": Staff(name="钱文员", role="clerk"),
        "tech": Staff(name="王技师", role="technician"),
        "tech2": Staff(name="赵技师", role="technician"),
        "boss": Staff(name="孙主任", role="supervisor"),
        "accountant": Staff(name="李会计", role="accountant"),
    }
    customer = Customer(name="张伟", district="urban", phone="13812345678", address="南京市鼓楼区中山路5号")
    expired = CustomerProduct(customer=customer, model="FC-2020", serial_no="SN-OLD", warranty_end=date(2025, 1, 1))
    covered = CustomerProduct(customer=customer, model="FC-3030", serial_no="SN-NEW", warranty_end=date(2027, 1, 1))
    session.add_all([*staff.values(), customer])
    session.flush()
    pricing.set_rate(session, mode="on_site", valid_from="2026-01-01", hourly_rate="80", minimum_fee="80")
    pricing.set_rate(session, mode="repair", valid_from="2026-01-01", hourly_rate="60", minimum_fee="50")
    pricing.save_part(session, part_no="DR-01", name="感光鼓", unit_price="320.00")
    ids = {k: v.id for k, v in staff.items()}
    return SimpleNamespace(**ids, customer=customer.id, expired=expired.id, covered=covered.id)


def new_call(session, w, product=None, received=MON, kind=None, reason=None) -> ServiceCall:
    return calls.register_call(
        session, customer_id=w.customer, product_id=product or w.expired, received_at=received, fault="卡纸",
        registered_by_id=w.clerk, service_kind=kind, kind_override_reason=reason,
    )


def on_site_until(session, w, call, last: str) -> ServiceCall:
    steps = [
        ("dispatch", lambda: process.dispatch(session, call.id, w.tech, at(16, 9, 30), w.boss)),
        ("arrive", lambda: process.arrive(session, call.id, at(16, 11), w.tech)),
        ("complete", lambda: process.complete_on_site(
            session, call.id, when=at(16, 12), work_done="清洁搓纸轮", hours_spent="1.5", by_id=w.tech,
            payment_method="collected")),
        ("sign", lambda: process.sign(session, call.id, signed_by="张伟", when=at(16, 12, 5), by_id=w.tech)),
        ("strike", lambda: process.strike_off(session, call.id, at(16, 15), w.clerk)),
    ]
    for name, step in steps:
        step()
        if name == last:
            break
    return call


# what every take-back must say of the goods (S6): their condition, and their accessories or none
GOODS = {"condition": "外观完好", "accessories": "电源线"}


def taken_back(session, w, call) -> tuple[GoodsEntry, RepairCard]:
    on_site_until(session, w, call, "arrive")
    return process.take_back(
        session, call.id, when=at(16, 11, 30), by_id=w.tech, condition="外壳有划痕", accessories="电源线",
        promised_date="2026-11-19",
    )


def refused(session, func_, *args, **kwargs) -> UserError:
    with pytest.raises(UserError) as info:
        with session.begin_nested():
            func_(session, *args, **kwargs)
    return info.value


def statuses(session, call_id) -> list[tuple[str, str, str]]:
    return [(h.step, h.from_status, h.to_status) for h in process.history(session, call_id)]


# --------------------------------------------------------------------------- on site (S3, S4, S5)


def test_s4_on_site_path_from_registration_to_struck_off_is_recorded_step_by_step(session, w):
    call = on_site_until(session, w, new_call(session, w), "strike")
    assert call.status == "struck_off"
    assert statuses(session, call.id) == [
        ("register", "", "registered"),
        ("dispatch", "registered", "dispatched"),
        ("arrive", "dispatched", "arrived"),
        ("complete_on_site", "arrived", "completed_on_site"),
        ("sign", "completed_on_site", "signed_on_site"),
        ("strike_off", "signed_on_site", "struck_off"),
    ]
    lines = process.history(session, call.id)
    assert [line.by for line in lines] == ["钱文员", "孙主任", "王技师", "王技师", "王技师", "钱文员"]
    assert [line.happened_at for line in lines] == [MON, at(16, 9, 30), at(16, 11), at(16, 12), at(16, 12, 5), at(16, 15)]
    assert (call.arrived_at, call.work_done, call.hours_spent) == (at(16, 11), "清洁搓纸轮", Decimal("1.50"))
    assert (call.signed_by, call.signed_at, call.closed_at) == ("张伟", at(16, 12, 5), at(16, 15))


def test_s3_only_a_supervisor_dispatches(session, w):
    call = new_call(session, w)
    for who in (w.clerk, w.tech, w.accountant):
        error = refused(session, process.dispatch, call.id, w.tech, at(16, 9, 30), who)
        assert error.field == "by_id" and "supervisor" in str(error)
    assert refused(session, process.dispatch, call.id, w.tech, at(16, 9, 30), None).field == "by_id"
    assert call.status == "registered" and call.technician_id is None


def test_s3_redispatch_names_both_technicians_in_the_history(session, w):
    call = new_call(session, w)
    process.dispatch(session, call.id, w.tech, at(16, 9, 30), w.boss)
    process.dispatch(session, call.id, w.tech2, at(16, 9, 40), w.boss)
    assert process.history(session, call.id)[-1].note == "王技师 → 赵技师"
    assert call.technician_id == w.tech2


@pytest.mark.parametrize(
    "step",
    [
        lambda s, w, c: process.arrive(s, c.id, at(16, 11), w.tech),  # before dispatch
        lambda s, w, c: process.strike_off(s, c.id, at(16, 11), w.clerk),
        lambda s, w, c: process.sign(s, c.id, signed_by="张伟", when=at(16, 11), by_id=w.tech),
        lambda s, w, c: process.take_back(s, c.id, when=at(16, 11), by_id=w.tech),
        lambda s, w, c: process.inspect(s, c.id, passed=True, when=at(16, 11), by_id=w.boss),
        lambda s, w, c: process.close(s, c.id, at(16, 11), w.clerk),
    ],
)
def test_x2_a_step_out_of_order_is_refused_with_a_message_and_nothing_saved(session, w, step):
    call = new_call(session, w)
    with pytest.raises(UserError) as info:
        with session.begin_nested():
            step(session, w, call)
    assert info.value.field == "status"
    assert "not possible now" in str(info.value)
    assert call.status == "registered"
    assert statuses(session, call.id) == [("register", "", "registered")]


def test_s14_arrival_before_the_call_was_received_is_refused(session, w):
    call = new_call(session, w, received=at(16, 10))
    process.dispatch(session, call.id, w.tech, at(16, 10, 5), w.boss)
    error = refused(session, process.arrive, call.id, at(16, 9, 59), w.tech)
    assert (error.field, call.status, call.arrived_at) == ("arrived_at", "dispatched", None)
    assert "before the call was received" in str(error)


def test_a_step_before_the_previous_one_or_in_the_future_is_refused(session, w):
    call = new_call(session, w)
    process.dispatch(session, call.id, w.tech, at(16, 10), w.boss)
    assert "previous step" in str(refused(session, process.arrive, call.id, at(16, 9, 45), w.tech))
    error = refused(session, process.arrive, call.id, datetime(2030, 1, 1, 9), w.tech)
    assert error.field == "arrived_at" and "future" in str(error)


def test_s5_a_paid_on_site_job_gets_its_fee_from_the_labour_rate(session, w):
    call = on_site_until(session, w, new_call(session, w), "complete")
    assert call.service_kind == "A"
    assert (call.fee_computed, call.fee, call.fee_override_reason) == (Decimal("120.00"), Decimal("120.00"), None)
    assert (call.payment_method, call.fee_collected) == ("collected", Decimal("120.00"))


def test_s5_another_fee_than_computed_needs_a_reason_which_is_kept(session, w):
    call = on_site_until(session, w, new_call(session, w), "arrive")
    error = refused(
        session, process.complete_on_site, call.id, when=at(16, 12), work_done="换搓纸轮", hours_spent=1, by_id=w.tech,
        fee="100",
    )
    assert error.field == "fee_override_reason" and "80.00" in str(error)
    process.complete_on_site(
        session, call.id, when=at(16, 12), work_done="换搓纸轮", hours_spent=1, by_id=w.tech, fee="100",
        fee_override_reason="老客户优惠", payment_method="invoice",
    )
    assert (call.fee, call.fee_computed, call.fee_override_reason) == (Decimal("100.00"), Decimal("80.00"), "老客户优惠")


@pytest.mark.parametrize("fee", ["-5", "abc", "1.234"])
def test_x2_a_negative_or_malformed_fee_is_refused_and_nothing_saved(session, w, fee):
    call = on_site_until(session, w, new_call(session, w), "arrive")
    error = refused(
        session, process.complete_on_site, call.id, when=at(16, 12), work_done="换搓纸轮", hours_spent=1, by_id=w.tech,
        fee=fee, fee_override_reason="x",
    )
    assert error.field == "fee"
    assert (call.status, call.fee, call.work_done) == ("arrived", None, None)
    assert session.scalar(select(func.count()).select_from(WorkLog)) == 0
    assert refused(session, process.set_fee, call.id, fee="-1", reason="x", when=at(16, 12), by_id=w.tech).field in (
        "fee", "status")


def test_s1_a_free_job_carries_no_fee(session, w):
    call = new_call(session, w, product=w.covered)
    assert call.service_kind == "C"
    on_site_until(session, w, call, "arrive")
    error = refused(
        session, process.complete_on_site, call.id, when=at(16, 12), work_done="x", hours_spent=1, by_id=w.tech,
        fee="50",
    )
    assert error.field == "fee"


def test_s5_collected_fee_handed_to_the_accountant_and_invoice_recorded_by_the_accountant_only(session, w):
    call = on_site_until(session, w, new_call(session, w), "strike")
    assert refused(
        session, process.hand_over_fee, call.id, accountant_id=w.clerk, when=at(16, 16), by_id=w.tech
    ).field == "fee_handed_to_id"
    process.hand_over_fee(session, call.id, accountant_id=w.accountant, when=at(16, 16), by_id=w.tech)
    assert (call.fee_handed_to_id, call.fee_handed_at) == (w.accountant, at(16, 16))
    error = refused(session, process.record_invoice, call.id, invoice_no="No.0001", when=at(16, 17), by_id=w.clerk)
    assert error.field == "by_id" and "accountant" in str(error)
    process.record_invoice(session, call.id, invoice_no="No.0001", when=at(16, 17), by_id=w.accountant)
    assert (call.invoice_no, call.invoice_by_id) == ("No.0001", w.accountant)
    other = on_site_until(session, w, new_call(session, w, received=at(16, 9, 10)), "strike")
    error = refused(session, process.record_invoice, other.id, invoice_no="No.0001", when=at(16, 17), by_id=w.accountant)
    assert error.field == "invoice_no" and call.call_no in str(error)


def test_s8_the_accountant_sees_the_invoices_due_today_and_earlier(session, w):
    paid = new_call(session, w)
    on_site_until(session, w, paid, "sign")
    free = on_site_until(session, w, new_call(session, w, product=w.covered, received=at(16, 9, 5)), "sign")
    due = worklists.invoices_to_issue(session, date(2026, 11, 16))
    assert [d.call_no for d in due] == [paid.call_no]
    assert (due[0].fee, due[0].due_on, due[0].overdue, due[0].collected) == (
        Decimal("120.00"), date(2026, 11, 16), False, Decimal("120.00"))
    assert worklists.invoices_to_issue(session, date(2026, 11, 17))[0].overdue
    assert worklists.invoices_to_issue(session, date(2026, 11, 15)) == []
    process.record_invoice(session, paid.id, invoice_no="No.42", when=at(16, 17), by_id=w.accountant)
    assert worklists.invoices_to_issue(session, date(2026, 11, 16)) == []
    assert free.fee is None


# --------------------------------------------------------------------------- taken back (S6–S8)


def test_s6_take_back_creates_the_goods_entry_and_the_repair_card_in_one_step(session, w):
    call = new_call(session, w)
    entry, card = taken_back(session, w, call)
    assert call.status == "taken_back"
    assert entry.receipt_no.startswith("SJ202611-") and card.card_no.startswith("XK202611-")
    assert (entry.call_id, entry.condition, entry.accessories, entry.promised_date) == (
        call.id, "外壳有划痕", "电源线", date(2026, 11, 19))
    assert (card.call_id, card.goods_entry_id, card.technician_id, card.promised_date) == (
        call.id, entry.id, w.tech, date(2026, 11, 19))


def test_x3_a_refused_take_back_saves_nothing_and_uses_no_number(session, w):
    call = on_site_until(session, w, new_call(session, w), "arrive")
    error = refused(session, process.take_back, call.id, when=at(16, 11, 30), by_id=w.tech, promised_date="2026-11-01",
                    **GOODS)
    assert error.field == "promised_date"
    assert session.scalar(select(func.count()).select_from(GoodsEntry)) == 0
    assert session.scalar(select(func.count()).select_from(RepairCard)) == 0
    entry, card = process.take_back(session, call.id, when=at(16, 11, 30), by_id=w.tech, **GOODS)
    assert entry.receipt_no == "SJ202611-0001" and card.card_no == "XK202611-0001"


def test_s6_a_take_back_without_the_goods_condition_or_accessories_is_refused_at_those_fields(session, w):
    call = on_site_until(session, w, new_call(session, w), "arrive")
    error = refused(session, process.take_back, call.id, when=at(16, 11, 30), by_id=w.tech, condition="  ", accessories="")
    assert [p.field for p in error.problems] == ["condition", "accessories"]
    assert "No accessories" in error.problems[1].render()  # what to do when nothing came with the goods
    # listed and "none" at once: one of the two is wrong
    error = refused(session, process.take_back, call.id, when=at(16, 11, 30), by_id=w.tech, condition="外观完好",
                    accessories="电源线", no_accessories=True)
    assert error.field == "accessories"
    assert session.scalar(select(func.count()).select_from(GoodsEntry)) == 0
    assert session.scalar(select(func.count()).select_from(RepairCard)) == 0
    assert call.status == "arrived"


def test_s6_goods_taken_back_without_accessories_say_so_in_the_register(session, w):
    call = on_site_until(session, w, new_call(session, w), "arrive")
    entry, card = process.take_back(session, call.id, when=at(16, 11, 30), by_id=w.tech, condition=" 外观完好 ",
                                    no_accessories=True)
    assert (entry.condition, entry.accessories) == ("外观完好", goods.NO_ACCESSORIES) == ("外观完好", "无附件")
    assert entry.receipt_no == "SJ202611-0001" and card.card_no == "XK202611-0001"  # the refusals used no number


def test_s6_a_paid_repair_starts_only_after_the_customer_agreed_to_the_quote(session, w):
    call = new_call(session, w)
    taken_back(session, w, call)
    error = refused(session, process.start_repair, call.id, at(16, 14), w.tech)
    assert error.field == "consent_given"
    assert refused(session, process.record_consent, call.id, given=True, consent_by="张伟", channel="phone",
                   when=at(16, 13), by_id=w.clerk).field == "quote_amount"
    process.record_quote(session, call.id, amount="380", when=at(16, 13), by_id=w.clerk)
    process.record_consent(session, call.id, given=True, consent_by="张伟", channel="phone", when=at(16, 13, 30), by_id=w.clerk)
    card = process.start_repair(session, call.id, at(16, 14), w.tech)
    assert (card.quote_amount, card.consent_given, card.consent_by, card.consent_channel, card.consent_at) == (
        Decimal("380.00"), True, "张伟", "phone", at(16, 13, 30))
    assert call.status == "in_repair"


def test_s6_a_declined_quote_ends_with_the_goods_returned_unrepaired(session, w):
    call = new_call(session, w)
    entry, card = taken_back(session, w, call)
    process.record_quote(session, call.id, amount="900", when=at(16, 13), by_id=w.clerk)
    process.record_consent(session, call.id, given=False, consent_by="张伟", channel="in_person", when=at(16, 14), by_id=w.clerk)
    assert refused(session, process.start_repair, call.id, at(16, 15), w.tech).field == "consent_given"
    assert refused(session, process.return_unrepaired, call.id, reason=" ", when=at(16, 15), by_id=w.clerk).field == "reason"
    process.return_unrepaired(session, call.id, reason="客户不同意报价", when=at(16, 15), by_id=w.clerk)
    assert (call.status, entry.return_outcome, entry.returned_at, card.status) == (
        "returned", "unrepaired", at(16, 15), "returned")


def repaired(session, w, call, kind_free=False) -> RepairCard:
    taken_back(session, w, call)
    if not kind_free:
        process.record_quote(session, call.id, amount="500", when=at(16, 13), by_id=w.clerk)
        process.record_consent(session, call.id, given=True, consent_by="张伟", channel="phone", when=at(16, 13), by_id=w.clerk)
    process.start_repair(session, call.id, at(17, 9), w.tech)
    card = process.repair_card_of(session, call.id)
    repairs.set_parts(session, card.id, [{"part_no": "dr-01", "quantity": "1"}])
    return process.finish_repair(session, call.id, when=at(17, 11), repair_hours="2", by_id=w.tech, work_done="更换感光鼓")


def test_s7_parts_come_from_the_price_list_and_the_fee_from_rate_and_parts(session, w):
    call = new_call(session, w)
    card = repaired(session, w, call)
    part = card.parts[0]
    assert (part.part_no, part.name, part.unit_price) == ("DR-01", "感光鼓", Decimal("320.00"))
    assert (card.repair_hours, card.labour_fee, card.status) == (Decimal("2.00"), Decimal("120.00"), "repaired")
    assert (call.fee_computed, call.fee) == (Decimal("440.00"), Decimal("440.00"))


def test_s7_only_a_supervisor_inspects_and_a_failed_inspection_sends_the_repair_back(session, w):
    call = new_call(session, w)
    repaired(session, w, call)
    error = refused(session, process.inspect, call.id, passed=True, when=at(17, 14), by_id=w.tech)
    assert error.field == "by_id" and "supervisor" in str(error)
    assert refused(session, process.inspect, call.id, passed=False, when=at(17, 14), by_id=w.boss).field == "inspection_result"
    card = process.inspect(session, call.id, passed=False, when=at(17, 14), by_id=w.boss, note="仍有卡纸")
    assert (call.status, card.status, card.inspection_passed) == ("in_repair", "in_repair", False)
    process.finish_repair(session, call.id, when=at(17, 16), repair_hours="0.5", by_id=w.tech)
    process.inspect(session, call.id, passed=True, when=at(17, 17), by_id=w.boss)
    assert (call.status, card.status, card.inspection_passed, card.inspected_by_id) == ("inspected", "inspected", True, w.boss)


def test_s7_return_without_inspection_is_refused(session, w):
    call = new_call(session, w)
    entry = process.goods_entry_of(session, call.id)
    repaired(session, w, call)
    error = refused(session, process.return_goods, call.id, at(17, 15), w.clerk)
    assert error.field == "status" and "inspection" in str(error)
    entry = process.goods_entry_of(session, call.id)
    assert (call.status, entry.returned_at) == ("repaired", None)


def returned_and_signed(session, w, call) -> GoodsEntry:
    repaired(session, w, call)
    process.inspect(session, call.id, passed=True, when=at(17, 14), by_id=w.boss)
    entry = process.return_goods(session, call.id, at(18, 10), w.clerk)
    process.sign(session, call.id, signed_by="张伟", when=at(18, 10, 5), by_id=w.clerk)
    return entry


def test_s7_the_whole_repair_path_ends_closed_with_the_receipt_voided(session, w):
    call = new_call(session, w)
    entry = returned_and_signed(session, w, call)
    process.record_invoice(session, call.id, invoice_no="No.00000001", when=at(18, 10, 8), by_id=w.accountant)  # S8
    process.void_receipt(session, call.id, when=at(18, 10, 10), by_id=w.clerk, receipt_no=entry.receipt_no.lower())
    process.close(session, call.id, at(18, 11), w.clerk)
    assert call.status == "closed"
    assert (entry.returned_at, entry.return_outcome, entry.received_back_by, entry.receipt_voided_at) == (
        at(18, 10), "repaired", "张伟", at(18, 10, 10))
    assert [s for s, _, _ in statuses(session, call.id)] == [
        "register", "dispatch", "arrive", "take_back", "quote", "consent", "start_repair", "finish_repair", "inspect",
        "return_goods", "sign", "invoice", "void_receipt", "close",
    ]


def test_s7_a_voided_receipt_number_is_never_valid_again(session, w):
    call = new_call(session, w)
    entry = returned_and_signed(session, w, call)
    number = entry.receipt_no
    process.void_receipt(session, call.id, when=at(18, 10, 10), by_id=w.clerk, receipt_no=number)
    error = pytest.raises(UserError, process.check_receipt_number, session, number).value
    assert error.field == "receipt_no" and "voided" in str(error)
    # and the step that voided it cannot be taken back
    error = refused(session, process.undo_last_step, call.id, reason="弄错了", by_id=w.boss)
    assert error.field == "step"
    assert entry.receipt_voided_at is not None


def test_s7_a_voided_receipt_presented_again_is_refused(session, w):
    first = new_call(session, w)
    old = returned_and_signed(session, w, first)
    process.void_receipt(session, first.id, when=at(18, 10, 10), by_id=w.clerk, receipt_no=old.receipt_no)
    second = new_call(session, w, received=at(16, 9, 20))
    returned_and_signed(session, w, second)
    error = refused(session, process.void_receipt, second.id, when=at(18, 10, 20), by_id=w.clerk, receipt_no=old.receipt_no)
    assert error.field == "receipt_no" and "voided" in str(error)
    assert second.status == "return_signed"


@pytest.mark.parametrize("presented", ["another item's", "unknown", "voided"])
def test_s7_a_wrong_receipt_is_refused_without_naming_the_right_one_and_the_attempt_is_audited(
        database, session, w, presented):
    call = new_call(session, w)
    right = returned_and_signed(session, w, call).receipt_no
    other_call = new_call(session, w, received=at(16, 9, 20))
    other = returned_and_signed(session, w, other_call)
    if presented == "voided":
        process.void_receipt(session, other_call.id, when=at(18, 10, 7), by_id=w.clerk, receipt_no=other.receipt_no)
    number = {"another item's": other.receipt_no, "unknown": "SJ202611-0099", "voided": other.receipt_no}[presented]
    call_no, other_call_no = call.call_no, other_call.call_no
    session.commit()  # the step runs in a transaction of its own, as from its form

    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            process.void_receipt(s, call.id, when=at(18, 10, 10), by_id=w.clerk, receipt_no=f" {number.lower()} ")
    error = info.value
    text = error.render()
    assert error.field == "receipt_no" and number in text
    assert right not in text  # the check gives nothing away
    if presented == "another item's":
        assert text == f"Receipt {number} is not the receipt of these goods."

    # the attempt, written once the refused transaction has ended: who, the call, the number typed
    assert isinstance(error, AuditedRefusal) and auth.record_audited(database, error)
    with database.read_session() as s:
        line = s.scalars(select(AuditEntry).where(AuditEntry.action == "receipt_refused")).one()
        assert (line.staff_id, line.target_type, line.target_id) == (w.clerk, "service_call", call_no)
        detail = json.loads(line.detail)
        assert detail["receipt_no"] == number
        assert detail.get("receipt_of") == (None if presented == "unknown" else other_call_no)
        assert s.get(ServiceCall, call.id).status == "return_signed"  # nothing else of the step was kept
        assert s.get(GoodsEntry, s.scalar(select(GoodsEntry.id).where(GoodsEntry.receipt_no == right))).receipt_voided_at is None
    row = audit_log.AuditRow(line.id, line.at, line.staff_id, "钱文员", line.login, line.action, line.target_type,
                             line.target_id, None, line.detail)
    assert row.action_text() == "Wrong receipt number presented at voiding"
    assert row.target_text() == f"Service call {call_no}" and number in row.detail_text()


def test_s7_no_message_of_the_process_names_an_expected_value():
    """A check that guards something never puts what it expected into its message."""
    for path in Path(process.__file__).parent.glob("*.py"):
        assert "{expected" not in path.read_text(encoding="utf-8"), path.name


def test_s7_a_lost_receipt_needs_a_recorded_identity_check(session, w):
    call = new_call(session, w)
    entry = returned_and_signed(session, w, call)
    assert refused(session, process.void_receipt, call.id, when=at(18, 10, 10), by_id=w.clerk).field == "receipt_no"
    process.void_receipt(session, call.id, when=at(18, 10, 10), by_id=w.clerk, identity_document="身份证 3201**********1234")
    assert (entry.receipt_lost, entry.identity_document, entry.identity_checked_by_id) == (
        True, "身份证 3201**********1234", w.clerk)
    assert entry.receipt_voided_at == at(18, 10, 10)


# --------------------------------------------------------------------------- cancel, undo


def test_a_call_is_cancelled_with_a_reason_from_an_open_state(session, w):
    call = on_site_until(session, w, new_call(session, w), "dispatch")
    assert refused(session, process.cancel, call.id, reason="", when=at(16, 10), by_id=w.clerk).field == "reason"
    process.cancel(session, call.id, reason="客户已自行解决", when=at(16, 10), by_id=w.clerk)
    assert (call.status, call.cancel_reason) == ("cancelled", "客户已自行解决")
    error = refused(session, process.arrive, call.id, at(16, 11), w.tech)
    assert "no further step" in str(error)


def test_a_call_whose_goods_we_hold_is_not_cancelled_but_returned(session, w):
    call = new_call(session, w)
    taken_back(session, w, call)
    error = refused(session, process.cancel, call.id, reason="客户不修了", when=at(16, 12), by_id=w.clerk)
    assert error.field == "status" and "give them back" in str(error)


def test_a_supervisor_takes_back_a_mistaken_step_with_a_reason_and_both_stay_in_the_history(session, w):
    call = on_site_until(session, w, new_call(session, w), "arrive")
    assert refused(session, process.undo_last_step, call.id, reason="记错了", by_id=w.clerk).field == "by_id"
    assert refused(session, process.undo_last_step, call.id, reason=" ", by_id=w.boss).field == "reason"
    process.undo_last_step(session, call.id, reason="技术员尚未到达，误录", by_id=w.boss, now=at(16, 11, 30))
    assert (call.status, call.arrived_at) == ("dispatched", None)
    lines = process.history(session, call.id)
    assert [(line.step, line.undone) for line in lines[-2:]] == [("arrive", True), ("undo", False)]
    assert (lines[-1].note, lines[-1].by, lines[-1].from_status, lines[-1].to_status) == (
        "技术员尚未到达，误录", "孙主任", "arrived", "dispatched")
    # the next taking back goes one step further back
    process.undo_last_step(session, call.id, reason="派错人", by_id=w.boss, now=at(16, 11, 40))
    assert (call.status, call.technician_id, call.dispatched_at) == ("registered", None, None)
    error = refused(session, process.undo_last_step, call.id, reason="x", by_id=w.boss)
    assert error.field == "step"


def test_taking_back_a_take_back_voids_its_receipt_cancels_its_card_and_keeps_the_numbers(session, w):
    call = new_call(session, w)
    entry, card = taken_back(session, w, call)
    process.undo_last_step(session, call.id, reason="现场已修好，未取回", by_id=w.boss, now=at(16, 12))
    assert call.status == "arrived"
    assert entry.receipt_voided_at == at(16, 12) and card.status == "cancelled"
    pytest.raises(UserError, process.check_receipt_number, session, entry.receipt_no)
    entry2, card2 = process.take_back(session, call.id, when=at(16, 12, 30), by_id=w.tech, **GOODS)
    assert entry2.receipt_no != entry.receipt_no and card2.card_no != card.card_no
    assert process.repair_card_of(session, call.id).id == card2.id


def test_s10_work_is_logged_as_recorded_and_taking_the_step_back_voids_it(session, w):
    call = new_call(session, w)
    on_site_until(session, w, call, "complete")
    assert [(x.mode, x.hours, x.service_kind) for x in worklists.work_of(session, w.tech, date(2026, 11, 16))] == [
        ("on_site", Decimal("1.50"), "A")]
    process.undo_last_step(session, call.id, reason="工时记错", by_id=w.boss, now=at(16, 12, 30))
    assert worklists.work_of(session, w.tech, date(2026, 11, 16)) == []
    assert session.scalar(select(func.count()).select_from(WorkLog)) == 1  # kept, marked void
    assert (call.status, call.work_done, call.hours_spent, call.fee) == ("arrived", None, None, None)


def test_s10_repair_work_is_logged_on_the_day_it_was_done(session, w):
    call = new_call(session, w)
    repaired(session, w, call)
    assert [(x.mode, x.hours) for x in worklists.work_of(session, w.tech, date(2026, 11, 17))] == [("repair", Decimal("2.00"))]


# --------------------------------------------------------------------------- S1, S9


def test_s1_kind_proposal_from_warranty_contract_or_paid_with_its_basis(session, w):
    from crm_desktop.services import contracts

    expired = session.get(CustomerProduct, w.expired)
    covered = session.get(CustomerProduct, w.covered)
    assert calls.kind_proposal(session, covered, MON).kind == "C"
    proposal = calls.kind_proposal(session, expired, MON)
    assert proposal.kind == "A" and "2025-01-01" in proposal.explain()
    contract = contracts.create_contract(
        session, customer_id=w.customer, product_ids=[w.expired], start_date="2026-06-01", end_date="2027-05-31", fee="1200"
    )
    assert contract.contract_no == "BY2026-0001"
    proposal = calls.kind_proposal(session, expired, MON)
    assert proposal.kind == "B" and "BY2026-0001" in proposal.explain()
    assert calls.kind_proposal(session, expired, datetime(2027, 6, 1, 9)).kind == "A"
    call = new_call(session, w)
    assert (call.service_kind, call.kind_override_reason) == ("B", None)


def test_s1_overriding_the_kind_keeps_the_reason_and_shows_in_the_history(session, w):
    call = new_call(session, w)
    calls.override_kind(session, call.id, "C", "厂家特批免费", by_id=w.clerk)
    assert (call.service_kind, call.kind_override_reason) == ("C", "厂家特批免费")
    assert process.history(session, call.id)[-1].note == "A → C: 厂家特批免费"


def test_s9_repairs_that_will_miss_their_promised_date_are_listed_with_the_escalation_note(session, w):
    late = new_call(session, w)
    taken_back(session, w, late)  # promised 2026-11-19 (Thursday)
    calm = new_call(session, w, received=at(16, 9, 10))
    on_site_until(session, w, calm, "arrive")
    process.take_back(session, calm.id, when=at(16, 11, 40), by_id=w.tech, promised_date="2026-11-27", **GOODS)
    calendar = default_calendar()
    assert [r.call_no for r in worklists.repairs_at_risk(session, date(2026, 11, 16), calendar)] == []
    risky = worklists.repairs_at_risk(session, date(2026, 11, 18), calendar)
    assert [(r.call_no, r.working_days_left) for r in risky] == [(late.call_no, 1)]
    assert worklists.repairs_at_risk(session, date(2026, 11, 20), calendar)[0].working_days_left == -1
    process.escalate(session, calm.id, note="等配件，厂家缺货", when=at(16, 15), by_id=w.tech)
    risky = worklists.repairs_at_risk(session, date(2026, 11, 18), calendar)
    assert [r.call_no for r in risky] == [late.call_no, calm.call_no]
    assert risky[1].escalation_note == "等配件，厂家缺货"


def test_x2_the_received_time_cannot_move_after_the_calls_first_step(session, w):
    call = on_site_until(session, w, new_call(session, w), "dispatch")
    with pytest.raises(UserError) as info:
        calls.update_call(session, call.id, {"received_at": at(16, 9, 45)})
    assert info.value.field == "received_at"
    calls.update_call(session, call.id, {"received_at": at(16, 8, 45)})
    assert call.received_at == at(16, 8, 45)


def test_s7_finished_repair_hours_are_not_edited_in_place(session, w):
    call = new_call(session, w)
    card = repaired(session, w, call)
    with pytest.raises(UserError) as info:
        repairs.update_card(session, card.id, {"repair_hours": "5"})
    assert info.value.field == "repair_hours"
    repairs.update_card(session, card.id, {"work_done": "更换感光鼓，清洁定影"})
    # parts changed after the repair: the paid job's computed fee follows
    repairs.set_parts(session, card.id, [{"part_no": "DR-01", "quantity": "2"}])
    assert (call.fee_computed, call.fee) == (Decimal("760.00"), Decimal("760.00"))


def test_x2_a_refusal_names_status_and_step_in_the_users_language(session, w):
    call = new_call(session, w)
    error = refused(session, process.strike_off, call.id, at(16, 11), w.clerk)
    chinese = {
        ("Process", "Call {call_no} is “{status}”: the step “{step}” is not possible now."): "叫修 {call_no} 目前为“{status}”，现在不能进行“{step}”。",
        ("CallStatus", "Registered"): "已登记",
        ("Process", "struck off"): "注销",
    }
    text = error.render(lambda context, source: chinese.get((context, source), source))
    assert text == f"叫修 {call.call_no} 目前为“已登记”，现在不能进行“注销”。"


def test_s10_the_visit_that_ends_in_a_take_back_is_logged_as_on_site_work(session, w):
    call = on_site_until(session, w, new_call(session, w), "arrive")
    assert refused(session, process.take_back, call.id, when=at(16, 11, 30), by_id=w.tech, hours_spent="-1",
                   **GOODS).field == "hours_spent"
    process.take_back(session, call.id, when=at(16, 11, 30), by_id=w.tech, hours_spent="0.5", **GOODS)
    assert call.hours_spent == Decimal("0.50")
    assert [(x.mode, x.hours) for x in worklists.work_of(session, w.tech, date(2026, 11, 16))] == [("on_site", Decimal("0.50"))]
    process.undo_last_step(session, call.id, reason="未取回", by_id=w.boss, now=at(16, 12))
    assert worklists.work_of(session, w.tech, date(2026, 11, 16)) == [] and call.hours_spent is None


def test_s1_a_free_or_contract_job_is_offered_no_fee_or_quote_steps(session, w):
    assert process.Step.QUOTE in process.next_steps("taken_back", "A")
    assert process.next_steps("taken_back", "C") == [s for s in process.next_steps("taken_back") if s not in process.PAID_ONLY]
    assert process.Step.INVOICE not in process.next_steps("struck_off", "B")
