"""The forms of the process steps (S3–S9): a call driven along the on-site path and the
take-back path through the dialogs alone, each refused step shown at its field in Chinese
with nothing saved (X2)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from crm_desktop.clock import now_to_minute as now
from crm_desktop.models import CallStep, Customer, CustomerProduct, GoodsEntry, RepairCard, ServiceCall, Staff, WorkLog
from crm_desktop.services import calls as call_service
from crm_desktop.services import pricing, process, repairs
from crm_desktop.services.process import Step
from crm_desktop.views.dialogs import steps
from crm_desktop.views.dialogs.steps import step_dialog

from ..factories import count

# Steps propose "now" and count working time up to it: each test runs at the moments where the
# working day turns (tests/conftest.py SENSITIVE_MOMENTS).
pytestmark = pytest.mark.clock_sensitive


@pytest.fixture
def w(database) -> SimpleNamespace:
    """Staff of every role, a customer whose product is out of warranty (a paid job, A) and
    the labour rates: on site 80/h (at least 80), repair 60/h (at least 50)."""
    with database.Session.begin() as s:
        people = {
            "clerk": Staff(name="钱文员", role="clerk"),
            "tech": Staff(name="王技师", role="technician"),
            "boss": Staff(name="孙主任", role="supervisor"),
            "accountant": Staff(name="李会计", role="accountant"),
        }
        customer = Customer(name="张伟", district="urban", phone="13812345678", address="南京市鼓楼区中山路5号")
        CustomerProduct(customer=customer, model="FC-2020", serial_no="SN-OLD", warranty_end=now().date() - timedelta(days=400))
        s.add_all([*people.values(), customer])
        s.flush()
        start = (now() - timedelta(days=400)).date()
        pricing.set_rate(s, mode="on_site", valid_from=start, hourly_rate="80", minimum_fee="80")
        pricing.set_rate(s, mode="repair", valid_from=start, hourly_rate="60", minimum_fee="50")
        pricing.save_part(s, part_no="DR-01", name="感光鼓", unit_price="320.00")
        ids = {k: v.id for k, v in people.items()}
        product = customer.products[0].id
        customer_id = customer.id
    return SimpleNamespace(**ids, customer=customer_id, product=product, database=database)


@pytest.fixture(autouse=True)
def _papers_closed():
    """A saved take-back leaves its papers window open (not modal, here without a parent):
    closed after each test, so that it never holds the keyboard of the next."""
    yield
    from PySide6.QtWidgets import QApplication

    from crm_desktop.views.dialogs.takeback_papers import TakeBackPapersDialog

    for window in QApplication.topLevelWidgets():
        if isinstance(window, TakeBackPapersDialog):
            window.close()


def new_call(w, hours_ago: int = 4) -> int:
    with w.database.Session.begin() as s:
        return call_service.register_call(
            s, customer_id=w.customer, product_id=w.product, received_at=now() - timedelta(hours=hours_ago),
            fault="卡纸，有异响", registered_by_id=w.clerk,
        ).id


def open_step(qtbot, w, call_id: int, step: str, by: int):
    dialog = step_dialog(w.database, call_id, step, by_id=by)
    qtbot.addWidget(dialog)
    return dialog


def take(qtbot, w, call_id: int, step: str, by: int, **values) -> None:
    """Fill the form of ``step`` with ``values`` and save it; it must be accepted."""
    dialog = open_step(qtbot, w, call_id, step, by)
    for name, value in values.items():
        widget = dialog.fields[name]
        if isinstance(widget, steps.RadioChoice):
            widget.set_value(value)
        elif hasattr(widget, "setValue") and not hasattr(widget, "setCurrentIndex"):
            widget.setValue(value)
        elif hasattr(widget, "setCurrentIndex"):
            widget.setCurrentIndex(widget.findText(value) if isinstance(value, str) and widget.findText(value) >= 0
                                   else widget.findData(value))
        elif hasattr(widget, "setPlainText"):
            widget.setPlainText(value)
        else:
            widget.setText(value)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.general_message.text() + " | " + " | ".join(
        f"{k}: {v.text()}" for k, v in dialog._messages.items() if not v.isHidden())


def says(text: str, english: str, chinese: str) -> bool:
    """The service's message, in Chinese when the compiled translation has it, else English."""
    return chinese in text or english in text


def message(dialog, field: str) -> str:
    label = dialog._messages[field]
    return label.text() if not label.isHidden() else ""


def call_of(w, call_id: int) -> ServiceCall:
    with w.database.Session() as s:
        call = s.get(ServiceCall, call_id)
        s.expunge(call)
        return call


def history(w, call_id: int) -> list[tuple[str, str | None]]:
    with w.database.Session() as s:
        return [(line.step, line.by) for line in process.history(s, call_id)]


# --------------------------------------------------------------------------- on site (S3–S5)


def test_s4_on_site_path_from_dispatch_to_struck_off_through_the_dialogs(app, w, qtbot):
    call_id = new_call(w)
    take(qtbot, w, call_id, Step.DISPATCH, w.boss, technician_id="王技师")
    take(qtbot, w, call_id, Step.ARRIVE, w.tech)
    complete = open_step(qtbot, w, call_id, Step.COMPLETE_ON_SITE, w.tech)
    assert complete.value("when") == now()  # now, to the minute
    complete.fields["hours_spent"].setValue(1.5)
    assert complete.fields["fee_computed"].text() == "¥120.00"  # S5: 1.5 h × 80
    assert complete.fields["fee"].text() == "120.00"
    assert not complete.row_visible("fee_override_reason")
    assert complete.value("payment_method") == "collected" and complete.row_visible("fee_collected")
    complete.fields["work_done"].setPlainText("清洁搓纸轮")
    complete.accept()
    assert complete.result() == complete.DialogCode.Accepted
    sign = open_step(qtbot, w, call_id, Step.SIGN, w.tech)
    assert sign.fields["signed_by"].text() == "张伟"  # the call's customer
    assert "120.00" in sign.fields["fee"].text()
    sign.accept()
    take(qtbot, w, call_id, Step.STRIKE_OFF, w.clerk)

    call = call_of(w, call_id)
    assert (call.status, call.work_done, call.hours_spent, call.signed_by) == ("struck_off", "清洁搓纸轮", Decimal("1.50"), "张伟")
    assert (call.fee, call.fee_computed, call.payment_method, call.fee_collected) == (
        Decimal("120.00"), Decimal("120.00"), "collected", Decimal("120.00"))
    assert history(w, call_id) == [
        ("register", "钱文员"), ("dispatch", "孙主任"), ("arrive", "王技师"), ("complete_on_site", "王技师"),
        ("sign", "王技师"), ("strike_off", "钱文员"),
    ]


def test_s10_hours_on_site_default_to_the_working_time_since_arrival(app, w, qtbot):
    call_id = new_call(w, hours_ago=30)
    with w.database.Session.begin() as s:
        process.dispatch(s, call_id, w.tech, now() - timedelta(hours=29), w.boss)
        process.arrive(s, call_id, now() - timedelta(hours=28), w.tech)
        expected = process.proposed_hours(s, call_id, now())
    dialog = open_step(qtbot, w, call_id, Step.COMPLETE_ON_SITE, w.tech)
    assert Decimal(f"{dialog.fields['hours_spent'].value():.2f}") == expected
    assert expected % Decimal("0.25") == 0 and expected >= Decimal("0.25")


def test_s5_the_fee_follows_the_hours_and_another_fee_needs_a_reason(app, w, qtbot):
    call_id = new_call(w)
    with w.database.Session.begin() as s:
        process.dispatch(s, call_id, w.tech, now() - timedelta(hours=3), w.boss)
        process.arrive(s, call_id, now() - timedelta(hours=2), w.tech)
    steps_before = count(w.database, CallStep)
    dialog = open_step(qtbot, w, call_id, Step.COMPLETE_ON_SITE, w.tech)
    dialog.fields["hours_spent"].setValue(0.5)
    assert dialog.fields["fee"].text() == "80.00"  # the minimum fee
    dialog.fields["hours_spent"].setValue(2)
    assert dialog.fields["fee_computed"].text() == "¥160.00" and dialog.fields["fee"].text() == "160.00"
    dialog.fields["work_done"].setPlainText("更换搓纸轮")
    dialog.fields["fee"].setText("100")
    dialog.fields["fee"].textEdited.emit("100")
    assert dialog.row_visible("fee_override_reason")
    dialog.fields["hours_spent"].setValue(2.5)  # the typed fee stays
    assert dialog.fields["fee"].text() == "100" and dialog.fields["fee_computed"].text() == "¥200.00"
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    text = message(dialog, "fee_override_reason")
    assert "200.00" in text and says(text, "give the reason", "原因")
    assert count(w.database, CallStep) == steps_before and count(w.database, WorkLog) == 0
    assert call_of(w, call_id).status == "arrived"
    dialog.fields["fee_override_reason"].setText("老客户优惠")
    dialog.fields["payment_method"].setCurrentIndex(dialog.fields["payment_method"].findData("invoice"))
    assert not dialog.row_visible("fee_collected")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    call = call_of(w, call_id)
    assert (call.fee, call.fee_computed, call.fee_override_reason, call.payment_method, call.fee_collected) == (
        Decimal("100.00"), Decimal("200.00"), "老客户优惠", "invoice", None)


def test_s5_collected_fee_handed_over_and_the_invoice_recorded_by_the_accountant_only(app, w, qtbot):
    call_id = new_call(w)
    take(qtbot, w, call_id, Step.DISPATCH, w.boss, technician_id="王技师")
    take(qtbot, w, call_id, Step.ARRIVE, w.tech)
    take(qtbot, w, call_id, Step.COMPLETE_ON_SITE, w.tech, hours_spent=1, work_done="调整定影器")
    handover = open_step(qtbot, w, call_id, Step.HAND_OVER_FEE, w.tech)
    assert handover.fields["fee_handed_to_id"].currentText() == "李会计"  # the branch's only accountant
    assert "80.00" in handover.fields["fee_collected"].text()
    handover.accept()
    assert handover.result() == handover.DialogCode.Accepted

    invoice = open_step(qtbot, w, call_id, Step.INVOICE, w.clerk)
    invoice.fields["invoice_no"].setText("No.00012345")
    invoice.accept()
    assert says(message(invoice, "by_id"), "not an accountant", "会计员")  # at "Recorded by"
    assert call_of(w, call_id).invoice_no is None
    take(qtbot, w, call_id, Step.INVOICE, w.accountant, invoice_no="No.00012345")
    call = call_of(w, call_id)
    assert (call.fee_handed_to_id, call.invoice_no, call.invoice_by_id) == (w.accountant, "No.00012345", w.accountant)


def test_x2_a_time_before_the_call_was_received_is_shown_at_the_time(app, w, qtbot):
    call_id = new_call(w, hours_ago=2)
    take(qtbot, w, call_id, Step.DISPATCH, w.boss, technician_id="王技师")
    dialog = open_step(qtbot, w, call_id, Step.ARRIVE, w.tech)
    dialog.fields["when"].setDateTime(dialog.fields["when"].dateTime().addSecs(-3 * 3600))
    dialog.accept()
    assert says(message(dialog, "when"), "before the call was received", "早于叫修登记时间")
    assert call_of(w, call_id).status == "dispatched"


def test_x2_a_step_without_a_current_user_is_refused_at_recorded_by(app, w, qtbot):
    call_id = new_call(w)
    take(qtbot, w, call_id, Step.DISPATCH, w.boss, technician_id="王技师")
    dialog = open_step(qtbot, w, call_id, Step.ARRIVE, None)
    dialog.accept()
    assert message(dialog, "by_id") and dialog.result() != dialog.DialogCode.Accepted
    assert call_of(w, call_id).status == "dispatched"


# --------------------------------------------------------------------------- taken back (S6–S9)


def test_s6_s7_take_back_path_from_arrival_to_closed_through_the_dialogs(app, w, qtbot):
    call_id = new_call(w)
    take(qtbot, w, call_id, Step.DISPATCH, w.boss, technician_id="王技师")
    take(qtbot, w, call_id, Step.ARRIVE, w.tech)
    promised = (now() + timedelta(days=5)).date()
    back = open_step(qtbot, w, call_id, Step.TAKE_BACK, w.tech)
    back.fields["condition"].setText("外壳有划痕")
    back.fields["accessories"].setText("电源线一根")
    back.fields["promised_date"].set_value(promised)
    back.accept()
    assert back.result() == back.DialogCode.Accepted
    receipt_no, card_no = back.numbers
    assert receipt_no.startswith("SJ") and card_no.startswith("XK")

    start = open_step(qtbot, w, call_id, Step.START_REPAIR, w.tech)
    start.accept()  # a paid repair waits for the customer's consent to a quote
    assert says(message(start, "consent_given"), "agreed to the quote", "同意报价")
    take(qtbot, w, call_id, Step.QUOTE, w.clerk, quote_amount="380", quote_hours=6)  # 6 h × 60 = 360
    consent = open_step(qtbot, w, call_id, Step.CONSENT, w.clerk)
    assert consent.fields["consent_by"].text() == "张伟" and consent.value("consent_given") is True
    assert "380.00" in consent.fields["quote_amount"].text()
    consent.fields["consent_channel"].setCurrentIndex(consent.fields["consent_channel"].findData("phone"))
    consent.accept()
    take(qtbot, w, call_id, Step.START_REPAIR, w.tech)
    with w.database.Session.begin() as s:
        repairs.set_parts(s, process.repair_card_of(s, call_id).id, [{"part_no": "DR-01", "quantity": "1"}])
    finish = open_step(qtbot, w, call_id, Step.FINISH_REPAIR, w.tech)
    assert finish.fields["technician_id"].currentText() == "王技师"
    assert "320.00" in finish.fields["parts"].text()
    finish.fields["repair_hours"].setValue(2)
    assert finish.fields["fee_computed"].text() == "¥440.00"  # 2 h × 60 + the drum
    finish.fields["work_done"].setPlainText("更换感光鼓")
    finish.accept()
    assert finish.result() == finish.DialogCode.Accepted

    # S7: only the supervisor inspects; the refusal is shown at "Recorded by", nothing saved
    steps_before = count(w.database, CallStep)
    refused = open_step(qtbot, w, call_id, Step.INSPECT, w.tech)
    refused.accept()
    assert says(message(refused, "by_id"), "not a supervisor", "服务主任")
    assert count(w.database, CallStep) == steps_before and call_of(w, call_id).status == "repaired"
    inspect = open_step(qtbot, w, call_id, Step.INSPECT, w.boss)
    inspect.fields["passed"].set_value(False)
    assert inspect.form.labelForField(inspect.fields["inspection_result"].parentWidget()).text().endswith("*")
    inspect.accept()
    assert says(message(inspect, "inspection_result"), "Say what is wrong", "请说明问题所在")
    take(qtbot, w, call_id, Step.INSPECT, w.boss, passed=False, inspection_result="仍有卡纸")
    assert call_of(w, call_id).status == "in_repair"
    take(qtbot, w, call_id, Step.FINISH_REPAIR, w.tech, repair_hours=0.5)
    take(qtbot, w, call_id, Step.INSPECT, w.boss)  # passed by default
    take(qtbot, w, call_id, Step.RETURN_GOODS, w.clerk)
    take(qtbot, w, call_id, Step.SIGN, w.clerk)

    void = open_step(qtbot, w, call_id, Step.VOID_RECEIPT, w.clerk)
    void.show()
    qtbot.waitExposed(void)
    qtbot.keyClicks(void.fields["receipt_no"], receipt_no.lower())  # the scanner types the number …
    qtbot.keyClick(void.fields["receipt_no"], Qt.Key.Key_Return)  # … and Enter: the form saves
    assert void.result() == void.DialogCode.Accepted
    # S5, S8: the fee is neither collected nor invoiced: the call is closed only as to be invoiced
    close = open_step(qtbot, w, call_id, Step.CLOSE, w.clerk)
    assert "370.00" in close.fields["fee"].text()  # 0.5 h (the minimum fee, 50) + the drum
    close.accept()
    assert says(message(close, "payment_method"), "neither collected nor to be invoiced", "既未收取")
    assert call_of(w, call_id).status == "receipt_voided"
    close.fields["payment_method"].setChecked(True)
    close.accept()
    assert close.result() == close.DialogCode.Accepted

    call = call_of(w, call_id)
    assert (call.status, call.payment_method) == ("closed", "invoice")
    with w.database.Session() as s:
        entry = s.scalar(select(GoodsEntry).where(GoodsEntry.receipt_no == receipt_no))
        card = s.scalar(select(RepairCard).where(RepairCard.card_no == card_no))
        assert (entry.condition, entry.accessories, entry.promised_date, entry.return_outcome) == (
            "外壳有划痕", "电源线一根", promised, "repaired")
        assert entry.received_back_by == "张伟" and entry.receipt_voided_at is not None
        assert (card.quote_amount, card.consent_given, card.consent_by, card.inspection_passed) == (
            Decimal("380.00"), True, "张伟", True)
    assert [step for step, _by in history(w, call_id)] == [
        "register", "dispatch", "arrive", "take_back", "quote", "consent", "start_repair", "finish_repair", "inspect",
        "finish_repair", "inspect", "return_goods", "sign", "void_receipt", "close",
    ]


def returned_and_signed(w, call_id: int, minutes: int) -> str:
    """A free repair (kind changed) taken back, repaired, inspected, returned and signed."""
    at = now() - timedelta(hours=3, minutes=-minutes)
    with w.database.Session.begin() as s:
        process.change_kind(s, call_id, kind="C", reason="保修期内", by_id=w.clerk, now=at - timedelta(minutes=1))
        process.dispatch(s, call_id, w.tech, at, w.boss)
        process.arrive(s, call_id, at + timedelta(minutes=5), w.tech)
        entry, _card = process.take_back(s, call_id, when=at + timedelta(minutes=10), by_id=w.tech, condition="外观完好",
                                          accessories="电源线")
        process.start_repair(s, call_id, at + timedelta(minutes=20), w.tech)
        process.finish_repair(s, call_id, when=at + timedelta(minutes=40), repair_hours="0.5", by_id=w.tech)
        process.inspect(s, call_id, passed=True, when=at + timedelta(minutes=50), by_id=w.boss)
        process.return_goods(s, call_id, at + timedelta(minutes=55), w.clerk)
        process.sign(s, call_id, signed_by="张伟", when=at + timedelta(minutes=56), by_id=w.clerk)
        return entry.receipt_no


def test_s7_a_voided_receipt_number_scanned_again_is_refused_at_the_field(app, w, qtbot):
    first, second = new_call(w), new_call(w)
    old_number = returned_and_signed(w, first, 0)
    returned_and_signed(w, second, 1)
    take(qtbot, w, first, Step.VOID_RECEIPT, w.clerk, receipt_no=old_number)

    dialog = open_step(qtbot, w, second, Step.VOID_RECEIPT, w.clerk)
    dialog.fields["receipt_no"].setText(old_number)
    dialog.accept()
    text = message(dialog, "receipt_no")
    assert old_number in text and says(text, "was voided", "作废")
    assert dialog.fields["receipt_no"].selectedText() == old_number  # the next scan replaces it
    assert call_of(w, second).status == "return_signed"

    # the customer lost the receipt: the identity document checked instead
    dialog.fields["receipt_lost"].setChecked(True)
    assert dialog.row_visible("identity_document") and not dialog.fields["receipt_no"].isEnabled()
    dialog.accept()
    assert message(dialog, "identity_document") and not message(dialog, "receipt_no")  # no document yet
    dialog.fields["identity_document"].setText("身份证 3201**********1234")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with w.database.Session() as s:
        entry = process.goods_entry_of(s, second)
        assert (entry.receipt_lost, entry.identity_document, entry.identity_checked_by_id) == (
            True, "身份证 3201**********1234", w.clerk)


def test_s6_a_declined_quote_proposes_the_reason_for_returning_unrepaired(app, w, qtbot):
    call_id = new_call(w)
    take(qtbot, w, call_id, Step.DISPATCH, w.boss, technician_id="王技师")
    take(qtbot, w, call_id, Step.ARRIVE, w.tech)
    take(qtbot, w, call_id, Step.TAKE_BACK, w.tech, condition="外观完好", accessories="电源线")
    take(qtbot, w, call_id, Step.QUOTE, w.clerk, quote_amount="900", quote_hours=15)
    take(qtbot, w, call_id, Step.CONSENT, w.clerk, consent_given=False, consent_channel="in_person")
    dialog = open_step(qtbot, w, call_id, Step.RETURN_UNREPAIRED, w.clerk)
    assert dialog.fields["reason"].text()  # the customer declined the quote
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with w.database.Session() as s:
        assert process.goods_entry_of(s, call_id).return_outcome == "unrepaired"
    assert call_of(w, call_id).status == "returned"


def test_s5_a_quote_far_from_the_computed_fee_asks_for_a_reason_at_its_field(app, w, qtbot):
    call_id = new_call(w)
    take(qtbot, w, call_id, Step.DISPATCH, w.boss, technician_id="王技师")
    take(qtbot, w, call_id, Step.ARRIVE, w.tech)
    take(qtbot, w, call_id, Step.TAKE_BACK, w.tech, condition="外观完好", accessories="电源线")
    steps_before = count(w.database, CallStep)
    quote = open_step(qtbot, w, call_id, Step.QUOTE, w.clerk)
    quote.fields["quote_hours"].setValue(0.5)
    assert quote.fields["fee_computed"].text().startswith("¥50.00")  # beside the amount: the minimum fee
    quote.fields["quote_amount"].setText("55")
    assert not quote.row_visible("quote_reason")  # within 20 %
    quote.fields["quote_amount"].setText("180")
    assert quote.row_visible("quote_reason")
    quote.accept()
    text = message(quote, "quote_reason")
    assert "50.00" in text and "180.00" in text and quote.result() != quote.DialogCode.Accepted
    assert count(w.database, CallStep) == steps_before
    quote.fields["quote_reason"].setText("需拆机检查主板")
    quote.accept()
    assert quote.result() == quote.DialogCode.Accepted
    with w.database.Session() as s:
        assert process.repair_card_of(s, call_id).quote_amount == Decimal("180.00")
        assert process.history(s, call_id)[-1].note == "180.00: 需拆机检查主板"


def test_s9_escalation_and_a_cancelled_call_keep_their_notes(app, w, qtbot):
    late = new_call(w)
    take(qtbot, w, late, Step.DISPATCH, w.boss, technician_id="王技师")
    take(qtbot, w, late, Step.ARRIVE, w.tech)
    take(qtbot, w, late, Step.TAKE_BACK, w.tech, condition="外观完好", accessories="电源线")
    escalate = open_step(qtbot, w, late, Step.ESCALATE, w.tech)
    escalate.accept()
    assert message(escalate, "escalation_note")
    take(qtbot, w, late, Step.ESCALATE, w.tech, escalation_note="等配件，厂家缺货")
    with w.database.Session() as s:
        assert process.repair_card_of(s, late).escalation_note == "等配件，厂家缺货"
    withdrawn = new_call(w)
    cancel = open_step(qtbot, w, withdrawn, Step.CANCEL, w.clerk)
    cancel.accept()
    assert message(cancel, "reason")
    take(qtbot, w, withdrawn, Step.CANCEL, w.clerk, reason="客户已自行解决")
    assert (call_of(w, withdrawn).status, call_of(w, withdrawn).cancel_reason) == ("cancelled", "客户已自行解决")


def test_s5_set_fee_shows_the_reason_only_when_the_fee_differs(app, w, qtbot):
    call_id = new_call(w)
    take(qtbot, w, call_id, Step.DISPATCH, w.boss, technician_id="王技师")
    take(qtbot, w, call_id, Step.ARRIVE, w.tech)
    take(qtbot, w, call_id, Step.COMPLETE_ON_SITE, w.tech, hours_spent=1, work_done="调整", payment_method="invoice")
    dialog = open_step(qtbot, w, call_id, Step.SET_FEE, w.clerk)
    assert dialog.fields["fee"].text() == "80.00" and not dialog.row_visible("fee_override_reason")
    dialog.fields["fee"].setText("60")
    dialog.fields["fee"].textEdited.emit("60")
    assert dialog.row_visible("fee_override_reason")
    dialog.accept()
    assert message(dialog, "fee_override_reason")
    dialog.fields["fee_override_reason"].setText("客户投诉后减免")
    dialog.accept()
    assert (call_of(w, call_id).fee, call_of(w, call_id).fee_override_reason) == (Decimal("60.00"), "客户投诉后减免")


def test_the_undo_form_says_which_step_it_takes_back_and_what_that_does(app, w, qtbot):
    call_id = new_call(w)
    take(qtbot, w, call_id, Step.DISPATCH, w.boss, technician_id="王技师")
    take(qtbot, w, call_id, Step.ARRIVE, w.tech)
    take(qtbot, w, call_id, Step.TAKE_BACK, w.tech, condition="外观完好", accessories="电源线")
    with w.database.Session() as s:
        receipt_no = process.goods_entry_of(s, call_id).receipt_no
    dialog = open_step(qtbot, w, call_id, Step.UNDO, w.boss)
    text = dialog.fields["step"].text()
    assert says(text, "taken back for repair", "取回维修") and "王技师" in text and receipt_no in text
    assert "when" not in dialog.fields  # taking back happens now
    dialog.accept()
    assert message(dialog, "reason")
    by_clerk = open_step(qtbot, w, call_id, Step.UNDO, w.clerk)
    by_clerk.fields["reason"].setText("误录")
    by_clerk.accept()
    assert says(message(by_clerk, "by_id"), "not a supervisor", "服务主任")
    assert call_of(w, call_id).status == "taken_back"
    dialog.fields["reason"].setText("现场已修好，未取回")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert call_of(w, call_id).status == "arrived"


def test_every_step_has_a_form(app, w, qtbot):
    call_id = new_call(w)
    for step in process.ALLOWED_FROM:
        dialog = open_step(qtbot, w, call_id, step, w.clerk)
        assert dialog.windowTitle()


# --------------------------------------------------------------------------- at the counter, by keys (S6, S7)


def focused():
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def type_chinese(widget, text: str) -> None:
    """What a pinyin input method does when the clerk picks the characters: it commits them
    to the focused field (QTest types only ASCII keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def pdf_text(preview) -> str:
    """The preview's PDF text without white space (values wrap, titles are letter-spaced)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(preview._pdf)
    return "".join("".join(page.get_textpage().get_text_range().split()) for page in document)


def take_back_dialog_by_keys(qtbot, w):
    """A call up to arrival and its take-back form on screen, the keyboard in it."""
    call_id = new_call(w)
    take(qtbot, w, call_id, Step.DISPATCH, w.boss, technician_id="王技师")
    take(qtbot, w, call_id, Step.ARRIVE, w.tech)
    back = open_step(qtbot, w, call_id, Step.TAKE_BACK, w.tech)
    back.show()
    qtbot.waitExposed(back)
    back.activateWindow()
    qtbot.waitUntil(lambda: focused() is not None and focused().window() is back)
    return call_id, back


def test_s6_enter_in_a_half_filled_take_back_saves_nothing_and_goes_to_the_first_problem(app, w, qtbot):
    call_id, back = take_back_dialog_by_keys(qtbot, w)
    steps_before = count(w.database, CallStep)

    # Enter at once: nothing saved; the first field with a problem gets the keyboard
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert back.result() != back.DialogCode.Accepted and back.isVisible()
    assert focused() is back.fields["condition"]
    assert says(message(back, "condition"), "condition of the goods", "外观")
    assert says(message(back, "accessories"), "No accessories", "无附件")
    type_chinese(focused(), "外壳有划痕")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # a scanner's Enter in the wrong field, too
    assert focused() is back.fields["accessories"] and not message(back, "condition")
    assert count(w.database, CallStep) == steps_before and count(w.database, GoodsEntry) == 0

    # nothing came with the goods: Tab to "No accessories", Space ticks it, Enter saves
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is back.fields["no_accessories"]
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert not back.fields["accessories"].isEnabled() and not message(back, "accessories")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert back.result() == back.DialogCode.Accepted
    with w.database.Session() as s:
        entry = process.goods_entry_of(s, call_id)
        assert (entry.condition, entry.accessories, entry.receipt_no) == ("外壳有划痕", "无附件", back.numbers[0])


def test_s6_esc_in_a_filled_take_back_and_a_scanned_number_in_the_quote_save_nothing(app, w, qtbot):
    """Keys a clerk presses by mistake: Esc after typing half the take-back; a receipt number
    scanned into the quote's amount, with the scanner's Enter."""
    call_id, back = take_back_dialog_by_keys(qtbot, w)
    assert focused() is back.fields["condition"]  # the time is proposed: the first field to fill
    type_chinese(focused(), "外壳有划痕")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_chinese(focused(), "电源线")
    steps_before = count(w.database, CallStep)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert back.result() == back.DialogCode.Rejected and not back.isVisible()
    assert count(w.database, CallStep) == steps_before and count(w.database, GoodsEntry) == 0
    assert call_of(w, call_id).status == "arrived"

    take(qtbot, w, call_id, Step.TAKE_BACK, w.tech, condition="外壳有划痕", accessories="电源线")
    qtbot.waitUntil(lambda: focused() is not None and focused().objectName() == "print_receipt")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # the papers, printed later
    quote = open_step(qtbot, w, call_id, Step.QUOTE, w.clerk)
    quote.show()
    qtbot.waitExposed(quote)
    quote.activateWindow()
    qtbot.waitUntil(lambda: focused() is quote.fields["quote_amount"])
    qtbot.keyClicks(focused(), "SJ202612-0001")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert quote.isVisible() and message(quote, "quote_amount")
    assert focused() is quote.fields["quote_amount"]
    with w.database.Session() as s:
        assert process.repair_card_of(s, call_id).quote_amount is None
    assert history(w, call_id)[-1][0] == "take_back"


def test_s6_after_a_take_back_the_numbers_show_and_enter_previews_the_receipt_then_the_card(app, w, qtbot):
    from crm_desktop.views.background import wait_idle

    call_id, back = take_back_dialog_by_keys(qtbot, w)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # refused: the keyboard goes to the condition
    type_chinese(focused(), "外观完好")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # the accessories …
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # … and "No accessories"
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # 无附件
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert back.result() == back.DialogCode.Accepted
    with w.database.Session() as s:
        receipt_no = process.goods_entry_of(s, call_id).receipt_no
        card_no = process.repair_card_of(s, call_id).card_no

    # the numbers, and the papers a key apart: the receipt first, then the card
    papers = back.papers
    qtbot.waitExposed(papers)
    assert papers.findChild(steps.QLabel, "receipt_no").text() == receipt_no
    assert papers.findChild(steps.QLabel, "card_no").text() == card_no
    qtbot.waitUntil(lambda: focused() is papers.receipt_button)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    wait_idle()  # drawn in the background
    assert len(papers.previews) == 1
    receipt = papers.previews[0]
    qtbot.waitExposed(receipt)
    assert receipt._form_name == "goods_receipt"  # its own remembered printer (A4)
    assert receipt_no in pdf_text(receipt) and "无附件" in pdf_text(receipt)
    qtbot.keyClick(receipt, Qt.Key.Key_Escape)  # printed (or not): closed, and the keyboard is back …
    qtbot.waitUntil(lambda: focused() is papers.card_button)  # … on the card's button, now the default
    assert papers.card_button.isDefault()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    wait_idle()
    assert len(papers.previews) == 2
    card = papers.previews[1]
    assert card._form_name == "repair_card"  # the tag printer
    assert card_no in pdf_text(card) and "无附件" in pdf_text(card)
    assert count(w.database, GoodsEntry) == 1  # previewing made no second line
    qtbot.keyClick(card, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is papers.close_button)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert not papers.isVisible()


def test_s7_a_wrong_receipt_at_voiding_names_only_the_number_typed_and_the_attempt_is_audited(app, w, qtbot):
    from crm_desktop.models import AuditEntry

    first, second = new_call(w), new_call(w)
    right = returned_and_signed(w, first, 0)
    other = returned_and_signed(w, second, 1)
    void = open_step(qtbot, w, first, Step.VOID_RECEIPT, w.clerk)
    void.show()
    qtbot.waitExposed(void)
    qtbot.keyClicks(void.fields["receipt_no"], other)  # the other item's receipt scanned …
    qtbot.keyClick(void.fields["receipt_no"], Qt.Key.Key_Return)
    assert void.result() != void.DialogCode.Accepted
    text = message(void, "receipt_no")
    assert other in text and right not in text and says(text, "not the receipt of these goods", "不是这件商品的收据")
    call = call_of(w, first)
    assert call.status == "return_signed"  # nothing of the step was kept …
    with w.database.read_session() as s:  # … but the attempt was
        line = s.scalars(select(AuditEntry).where(AuditEntry.action == "receipt_refused")).one()
        assert (line.staff_id, line.target_id) == (w.clerk, call.call_no) and other in line.detail
    qtbot.keyClicks(void.fields["receipt_no"], right)  # … the right one replaces it
    qtbot.keyClick(void.fields["receipt_no"], Qt.Key.Key_Return)
    assert void.result() == void.DialogCode.Accepted
