"""The record dialogs (issue 2 item 6): finding the customer while typing, the product's
history and the 30-day warning, the kind proposal and its reason, errors at the field (X2)
with nothing saved, repair cards with their parts lines."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm_desktop.clock import now_to_minute as now
from crm_desktop.models import Customer, CustomerProduct, GoodsEntry, RepairCard, RepairPart, ServiceCall, Staff
from crm_desktop.services import calls as call_service
from crm_desktop.services import customers as customer_service
from crm_desktop.services import goods as goods_service
from crm_desktop.views.dialogs.call_dialog import CallDialog
from crm_desktop.views.dialogs.customer_dialog import CustomerDialog
from crm_desktop.views.dialogs.goods_dialog import GoodsDialog
from crm_desktop.views.dialogs.process import ChangeKindDialog, DispatchDialog
from crm_desktop.views.dialogs.repair_dialog import RepairCardDialog

from ..factories import count

# Steps propose "now" and count working time up to it: each test runs at the moments where the
# working day turns (tests/conftest.py SENSITIVE_MOMENTS).
pytestmark = pytest.mark.clock_sensitive


@pytest.fixture
def people(database):
    with database.Session.begin() as s:
        s.add_all([Staff(name="赵技师", role="technician"), Staff(name="钱主任", role="supervisor")])
        zhang = customer_service.create_customer(
            s, name="张伟", phone="13812345678", address="南京市玄武区中山路1号", district="suburban"
        )
        customer_service.create_customer(s, name="张伟强", phone="13912345678", address="南京市鼓楼区1号")
        customer_service.add_product(
            s, zhang.id, model="理光 MP 2014", serial_no="RC-778899",
            purchase_date=now().date() - timedelta(days=100), warranty_end=now().date() + timedelta(days=265),
        )
    return database


def message(dialog, field: str) -> str:
    label = dialog._messages[field]
    return label.text() if not label.isHidden() else ""


def choose_customer(dialog, qtbot, text: str) -> None:
    dialog.finder.line.setText(text)
    dialog.finder.find()
    results = dialog.finder.results
    for row in range(results.count()):
        item = results.item(row)
        if item.text().startswith(text + " ·"):
            dialog.finder._pick(item)
            return
    raise AssertionError(f"{text} not offered: {[results.item(r).text() for r in range(results.count())]}")


def test_new_call_finds_the_customer_by_a_two_character_name_and_saves(app, people, qtbot):
    dialog = CallDialog(people)
    qtbot.addWidget(dialog)
    dialog.finder.line.setText("张伟")
    dialog.finder.find()
    offered = [dialog.finder.results.item(r).text() for r in range(dialog.finder.results.count())]
    assert any(t.startswith("张伟 ·") for t in offered) and any(t.startswith("张伟强") for t in offered)
    choose_customer(dialog, qtbot, "张伟")
    assert dialog.fields["district"].currentData() == "suburban"  # S14: from the customer
    assert dialog.product.currentData() is not None  # the only product is chosen
    assert dialog.fields["service_kind"].currentData() == "C"  # S1: within warranty
    assert "C" in dialog.kind_basis.text() and "20" in dialog.kind_basis.text()  # and why: the warranty's end
    dialog.fields["fault"].setPlainText("复印件有黑线")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with people.Session() as s:
        call = s.get(ServiceCall, dialog.saved_id)
        assert call.call_no.startswith("JX") and call.customer_name == "张伟"
        assert call.district == "suburban" and call.service_kind == "C" and call.serial_no == "RC-778899"


def test_customer_found_by_phone_and_product_by_serial_number(app, people, qtbot):
    dialog = CallDialog(people)
    qtbot.addWidget(dialog)
    dialog.finder.line.setText("RC-7788")
    dialog.finder.find()
    item = next(dialog.finder.results.item(r) for r in range(dialog.finder.results.count())
                if "RC-778899" in dialog.finder.results.item(r).text())
    dialog.finder._pick(item)
    assert "张伟" in dialog.customer_label.text()
    with people.Session() as s:
        product_id = s.scalar(select(CustomerProduct.id).where(CustomerProduct.serial_no == "RC-778899"))
    assert dialog.product.currentData() == product_id
    dialog.finder.line.setText("1391234")
    dialog.finder.find()
    assert dialog.finder.results.item(0).text().startswith("张伟强")


def test_x2_a_call_without_fault_is_refused_at_the_field_and_nothing_is_saved(app, people, qtbot):
    dialog = CallDialog(people)
    qtbot.addWidget(dialog)
    dialog.accept()  # no customer, no fault
    assert dialog.result() != dialog.DialogCode.Accepted
    assert message(dialog, "customer_id")
    choose_customer(dialog, qtbot, "张伟")
    dialog.accept()
    assert message(dialog, "fault")
    assert dialog.result() != dialog.DialogCode.Accepted
    assert count(people, ServiceCall) == 0


def test_s1_overriding_the_proposed_kind_needs_a_reason(app, people, qtbot):
    dialog = CallDialog(people)
    qtbot.addWidget(dialog)
    choose_customer(dialog, qtbot, "张伟")
    dialog.fields["fault"].setPlainText("卡纸")
    dialog.fields["service_kind"].setCurrentIndex(dialog.fields["service_kind"].findData("A"))
    assert dialog.reason.isEnabled()
    dialog.accept()
    assert message(dialog, "kind_override_reason")
    assert count(people, ServiceCall) == 0
    dialog.reason.setText("人为损坏，不在保修范围")
    dialog.accept()
    with people.Session() as s:
        call = s.get(ServiceCall, dialog.saved_id)
        assert (call.service_kind, call.kind_override_reason) == ("A", "人为损坏，不在保修范围")


def test_the_product_history_and_the_30_day_warning(app, people, qtbot):
    with people.Session.begin() as s:
        zhang = s.scalar(select(Customer).where(Customer.name == "张伟"))
        call_service.register_call(s, customer_id=zhang.id, product_id=zhang.products[0].id,
                                   received_at=now() - timedelta(days=10), fault="卡纸")
    dialog = CallDialog(people)
    qtbot.addWidget(dialog)
    choose_customer(dialog, qtbot, "张伟")
    assert dialog.history.count() == 1 and "卡纸" in dialog.history.item(0).text()
    assert not dialog.recent_warning.isHidden()
    assert "30" in dialog.recent_warning.text()


def test_editing_a_call_changes_plain_fields_only(app, people, qtbot):
    with people.Session.begin() as s:
        zhang = s.scalar(select(Customer).where(Customer.name == "张伟"))
        call = call_service.register_call(s, customer_id=zhang.id, received_at=now(), fault="卡纸")
        call_id = call.id
    dialog = CallDialog(people, call_id=call_id)
    qtbot.addWidget(dialog)
    assert not dialog.fields["service_kind"].isEnabled()
    dialog.fields["phone"].setText("abc")
    dialog.accept()
    assert message(dialog, "phone")
    dialog.fields["phone"].setText("025-84561234")
    dialog.fields["district"].setCurrentIndex(dialog.fields["district"].findData("urban"))
    dialog.accept()
    with people.Session() as s:
        call = s.get(ServiceCall, call_id)
        assert (call.phone, call.district) == ("025-84561234", "urban")


def test_customer_dialog_refuses_bad_phone_and_warranty_before_purchase(app, people, qtbot):
    dialog = CustomerDialog(people)
    qtbot.addWidget(dialog)
    dialog.fields["name"].setText("南京新街口办公设备商行")
    dialog.fields["phone"].setText("025-8456ABCD")
    before = count(people, Customer)
    dialog.accept()
    assert message(dialog, "phone")
    dialog.fields["phone"].setText("025-84561234 转 8012")
    dialog.new_model.setText("佳能 iR 2206")
    dialog.new_purchase.set_value(date(2026, 5, 1))
    dialog.new_warranty.set_value(date(2026, 4, 1))
    dialog._add_product_row()
    dialog.accept()
    assert message(dialog, "product")
    assert count(people, Customer) == before  # nothing half-saved: no customer without its product
    dialog._new_products[0]["warranty_end"] = date(2027, 5, 1)
    dialog.accept()
    with people.Session() as s:
        customer = s.get(Customer, dialog.saved_id)
        assert customer.phone.startswith("025-84561234") and customer.products[0].warranty_end == date(2027, 5, 1)


def _taken_back(database) -> tuple[int, int]:
    with database.Session.begin() as s:
        zhang = s.scalar(select(Customer).where(Customer.name == "张伟"))
        call = call_service.register_call(s, customer_id=zhang.id, product_id=zhang.products[0].id,
                                          received_at=now() - timedelta(hours=3), fault="不进纸")
        entry = goods_service.take_in(s, customer_id=zhang.id, call_id=call.id, product_id=zhang.products[0].id,
                                      taken_in_at=now() - timedelta(hours=1))
        return call.id, entry.id


def test_goods_entry_from_a_call(app, people, qtbot):
    with people.Session.begin() as s:
        zhang = s.scalar(select(Customer).where(Customer.name == "张伟"))
        call_id = call_service.register_call(s, customer_id=zhang.id, product_id=zhang.products[0].id,
                                             received_at=now() - timedelta(hours=3), fault="不进纸").id
    dialog = GoodsDialog(people, call_id=call_id)
    qtbot.addWidget(dialog)
    assert "RC-778899" in dialog.customer_label.text()
    dialog.fields["accessories"].setText("电源线一根")
    dialog.fields["promised_date"].set_value(now().date() - timedelta(days=3))
    dialog.accept()
    assert message(dialog, "promised_date")
    assert count(people, GoodsEntry) == 0
    dialog.fields["promised_date"].set_value(now().date() + timedelta(days=3))
    dialog.accept()
    with people.Session() as s:
        entry = s.get(GoodsEntry, dialog.saved_id)
        assert entry.receipt_no.startswith("SJ") and entry.call_id == call_id and entry.accessories == "电源线一根"


def test_repair_card_with_parts_lines_refuses_a_negative_quantity(app, people, qtbot):
    _call_id, entry_id = _taken_back(people)
    dialog = RepairCardDialog(people, goods_entry_id=entry_id)
    qtbot.addWidget(dialog)
    assert "不进纸" in dialog.fields["fault"].toPlainText()
    dialog.fields["technician_id"].setCurrentIndex(dialog.fields["technician_id"].findText("赵技师"))
    dialog.add_part_line("FB-01", "搓纸轮", "2", "35.50")
    dialog.add_part_line("", "分页器", "-1", "12")
    dialog.fields["labour_fee"].setText("80")
    dialog.accept()
    assert message(dialog, "parts")
    assert count(people, RepairCard) == 0 and count(people, RepairPart) == 0
    dialog.parts.item(1, 2).setText("1")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with people.Session() as s:
        card = s.get(RepairCard, dialog.saved_id)
        assert [(p.name, p.quantity) for p in card.parts] == [("搓纸轮", Decimal("2")), ("分页器", Decimal("1"))]
        assert card.labour_fee == Decimal("80") and card.technician.name == "赵技师"
    reopened = RepairCardDialog(people, card_id=dialog.saved_id)
    qtbot.addWidget(reopened)
    assert reopened.parts.rowCount() == 2
    assert "163.00" in reopened.total_label.text()  # 2 × 35.50 + 12 + 80


def test_dispatch_and_kind_change_are_process_steps(app, people, qtbot):
    with people.Session.begin() as s:
        zhang = s.scalar(select(Customer).where(Customer.name == "张伟"))
        call_id = call_service.register_call(s, customer_id=zhang.id, received_at=now() - timedelta(hours=1), fault="卡纸").id
    with people.Session() as s:
        boss = s.scalar(select(Staff.id).where(Staff.role == "supervisor"))
    dispatch = DispatchDialog(people, call_id, by_id=boss)
    qtbot.addWidget(dispatch)
    dispatch.accept()
    assert message(dispatch, "technician_id")  # none chosen
    dispatch.fields["technician_id"].setCurrentIndex(dispatch.fields["technician_id"].findText("赵技师"))
    dispatch.accept()
    kind = ChangeKindDialog(people, call_id)
    qtbot.addWidget(kind)
    kind.fields["service_kind"].setCurrentIndex(kind.fields["service_kind"].findData("B"))
    kind.fields["kind_override_reason"].setText("")
    kind.accept()
    assert message(kind, "kind_override_reason")
    kind.fields["kind_override_reason"].setText("客户已签保养合同")
    kind.accept()
    with people.Session() as s:
        call = s.get(ServiceCall, call_id)
        assert call.status == "dispatched" and call.technician.name == "赵技师"
        assert (call.service_kind, call.kind_override_reason) == ("B", "客户已签保养合同")
