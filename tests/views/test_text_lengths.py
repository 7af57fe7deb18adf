"""Editors hold no more text than their column (issue 17, item 4): a paste beyond the limit
keeps what fits and says how much was left out; an old text longer than its length (kept by
migration 0012) is shown whole with a notice, never cut by the editor."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QStyleOptionViewItem, QWidget
from sqlalchemy import insert, update

from crm_desktop.models import ServiceCall, TextOverLength
from crm_desktop.services import calls as call_service
from crm_desktop.services import customers as customer_service
from crm_desktop.services.registers import REGISTERS
from crm_desktop.views.delegates import RegisterDelegate
from crm_desktop.views.dialogs.call_dialog import CallDialog
from crm_desktop.views.text_limits import limit_text

from ..factories import count


@pytest.fixture
def call_db(database):
    with database.Session.begin() as s:
        customer = customer_service.create_customer(s, name="鼓楼医院", phone="13812345678", address="南京市鼓楼区1号")
        call_service.register_call(s, customer_id=customer.id, received_at=datetime(2026, 11, 27, 9), fault="卡纸")
    return database


def message(dialog, field: str) -> str:
    label = dialog._messages[field]
    return label.text() if not label.isHidden() else ""


def test_a_5000_character_paste_into_the_remarks_of_a_call_keeps_what_fits_and_says_what_was_left_out(app, call_db, qtbot):
    dialog = CallDialog(call_db, call_id=1)
    qtbot.addWidget(dialog)
    remarks = dialog.fields["remarks"]
    assert isinstance(remarks, QPlainTextEdit)
    QGuiApplication.clipboard().setText("客户要求上门前电话联系" * 500)  # 5,500 characters
    remarks.setFocus()
    remarks.paste()
    assert remarks.toPlainText() == ("客户要求上门前电话联系" * 500)[:90]  # what fits, from the start
    qtbot.waitUntil(lambda: message(dialog, "remarks") != "")
    said = message(dialog, "remarks")
    assert "90" in said and "5410" in said
    dialog.accept()
    with call_db.Session() as s:
        assert s.get(ServiceCall, 1).remarks == ("客户要求上门前电话联系" * 500)[:90]


def test_typing_at_the_limit_of_a_text_box_says_the_limit(app, qtbot):
    box = QPlainTextEdit()
    qtbot.addWidget(box)
    helper = limit_text(box, 5)
    qtbot.keyClicks(box, "abcdefg")
    assert box.toPlainText() == "abcde"
    assert "5" in helper.last_message


def test_a_line_takes_its_column_length_and_a_paste_beyond_it_says_so(app, call_db, qtbot):
    dialog = CallDialog(call_db, call_id=1)
    qtbot.addWidget(dialog)
    reason = dialog.fields["kind_override_reason"]
    assert isinstance(reason, QLineEdit) and reason.maxLength() == 200
    reason.setEnabled(True)
    QGuiApplication.clipboard().setText("不在保修范围" * 50)  # 300 characters
    reason.setFocus()
    qtbot.keyClick(reason, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert reason.text() == ("不在保修范围" * 50)[:200]
    qtbot.waitUntil(lambda: "100" in message(dialog, "kind_override_reason"))


def test_an_old_remark_longer_than_its_length_is_shown_whole_with_a_notice(app, call_db, qtbot):
    long_remarks = "备注" * 2500
    with call_db.Session.begin() as s:
        s.execute(update(ServiceCall.__table__).values(remarks=long_remarks))
        s.execute(insert(TextOverLength.__table__).values(
            table_name="service_call", row_id=1, field="remarks", length=5000, max_length=90))
    dialog = CallDialog(call_db, call_id=1)
    qtbot.addWidget(dialog)
    assert dialog.fields["remarks"].toPlainText() == long_remarks  # never cut by the editor
    notice = message(dialog, "remarks")
    assert "5000" in notice and "90" in notice
    dialog.fields["address"].setText("南京市鼓楼区2号")
    dialog.accept()  # the record saves around the long text
    with call_db.Session() as s:
        call = s.get(ServiceCall, 1)
        assert call.remarks == long_remarks and call.address == "南京市鼓楼区2号"


def test_a_longer_remark_is_refused_at_the_field_and_nothing_is_saved(app, call_db, qtbot):
    dialog = CallDialog(call_db, call_id=1)
    qtbot.addWidget(dialog)
    limit = dialog.fields["remarks"]._text_limit
    limit.allow(120)  # as if an old text of 120 characters had been shown
    dialog.fields["remarks"].setPlainText("备" * 120)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "90" in message(dialog, "remarks")
    with call_db.Session() as s:
        assert s.get(ServiceCall, 1).remarks is None
    assert count(call_db, ServiceCall) == 1


def test_the_register_cell_editor_takes_the_column_length(app, call_db, qtbot):
    spec = REGISTERS["service_call"]
    delegate = RegisterDelegate(spec)
    parent = QWidget()
    qtbot.addWidget(parent)
    remarks = delegate.createEditor(parent, QStyleOptionViewItem(), _index_of(spec, "remarks"))
    fault = delegate.createEditor(parent, QStyleOptionViewItem(), _index_of(spec, "fault"))
    assert isinstance(remarks, QLineEdit) and remarks.maxLength() == 90
    assert fault.maxLength() == 180
    said = []
    delegate.cut_notice.connect(said.append)
    QGuiApplication.clipboard().setText("长" * 100)
    remarks.setFocus()
    qtbot.keyClick(remarks, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert remarks.text() == "长" * 90
    qtbot.waitUntil(lambda: bool(said) and "10" in said[0])


def _index_of(spec, key: str) -> QModelIndex:
    from PySide6.QtGui import QStandardItemModel

    model = QStandardItemModel(1, len(spec.columns))
    _index_of.keep = model  # type: ignore[attr-defined]
    return model.index(0, spec.index_of(key))


def test_an_old_business_scope_longer_than_its_length_is_shown_whole_with_a_notice(app, call_db, qtbot):
    from crm_desktop.models import Customer
    from crm_desktop.views.dialogs.customer_dialog import CustomerDialog

    scope = "办公设备销售、维修及租赁" * 60  # 720 characters, the column holds 500
    with call_db.Session.begin() as s:
        s.execute(update(Customer.__table__).values(business_scope=scope))
        s.execute(insert(TextOverLength.__table__).values(
            table_name="customer", row_id=1, field="business_scope", length=len(scope), max_length=500))
    dialog = CustomerDialog(call_db, customer_id=1)
    qtbot.addWidget(dialog)
    assert dialog.fields["business_scope"].toPlainText() == scope
    assert "720" in message(dialog, "business_scope") and "500" in message(dialog, "business_scope")
