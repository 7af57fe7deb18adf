"""The customer finder of a new call, by keys only (issue 13, item 2): type part of a name,
Down into the matches, Enter picks — and Enter never saves the dialog with no customer; a
call saved without one says so at the field in words, not "id None", and the message goes
once a customer is picked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from crm_desktop.services import customers as customer_service
from crm_desktop.views.dialogs.call_dialog import CallDialog


@pytest.fixture
def two_li(database):
    with database.Session.begin() as s:  # the finder lists 李晓明 before 李晓燕: pinyin order (ming, yan)
        first = customer_service.create_customer(s, name="李晓明", phone="13800001111", address="南京市玄武区北京东路1号")
        second = customer_service.create_customer(s, name="李晓燕", phone="13800002222", address="南京市鼓楼区中山路2号")
        customer_service.add_product(s, second.id, model="理光 MP 2014", serial_no="LX-0001")
        return database, first.id, second.id


@pytest.fixture
def dialog(app, two_li, qtbot):
    database, _first, _second = two_li
    dialog = CallDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.finder.line.setFocus()
    return dialog


def type_text(widget, text: str) -> None:
    """Typed as a clerk types Chinese: the input method commits the characters (QTest's key
    clicks know Latin keys only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def message(dialog, field: str) -> str:
    label = dialog._messages[field]
    return label.text() if not label.isHidden() else ""


def test_down_down_enter_picks_the_second_match_and_the_dialog_stays_open(dialog, two_li, qtbot):
    _database, _first, second = two_li
    type_text(dialog.finder.line, "李晓")
    QTest.keyClick(dialog.finder.line, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is dialog.finder.results
    QTest.keyClick(dialog.finder.results, Qt.Key.Key_Down)
    QTest.keyClick(dialog.finder.results, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0  # Enter picked; it did not save
    assert dialog.customer_id == second
    assert "李晓燕" in dialog.customer_label.text()
    assert message(dialog, "customer_id") == "" and message(dialog, "fault") == ""
    # her only copier is chosen with her: the keyboard goes on to the fault
    assert dialog.product.currentData() is not None and QApplication.focusWidget() is dialog.fields["fault"]


def test_a_customer_with_no_product_recorded_goes_on_at_the_product(dialog, two_li):
    type_text(dialog.finder.line, "李晓明")
    QTest.keyClick(dialog.finder.line, Qt.Key.Key_Return)
    assert dialog.customer_id == two_li[1]
    assert QApplication.focusWidget() is dialog.product


def test_enter_in_the_line_picks_the_only_match(dialog, two_li):
    _database, first, _second = two_li
    type_text(dialog.finder.line, "1380000111")
    QTest.keyClick(dialog.finder.line, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.customer_id == first


def test_enter_with_several_matches_goes_into_the_list_without_saving(dialog):
    type_text(dialog.finder.line, "李晓")
    QTest.keyClick(dialog.finder.line, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.customer_id is None
    assert QApplication.focusWidget() is dialog.finder.results and dialog.finder.results.currentRow() == 0
    QTest.keyClick(dialog.finder.results, Qt.Key.Key_Escape)  # back to the line, the dialog stays
    assert dialog.isVisible() and QApplication.focusWidget() is dialog.finder.line


def test_saving_without_a_customer_says_so_in_words_and_the_message_goes_when_one_is_picked(dialog, two_li):
    _database, first, _second = two_li
    dialog.accept()  # what Enter on a half-filled dialog does
    assert dialog.isVisible()
    said = message(dialog, "customer_id")
    assert "请选择客户" in said or "Choose the customer" in said
    assert "None" not in said and "ID" not in said
    # the focus went to the first problem, and typing lands in the finder's line
    assert QApplication.focusWidget() is dialog.finder.line
    type_text(QApplication.focusWidget(), "李晓明")
    QTest.keyClick(dialog.finder.line, Qt.Key.Key_Return)
    assert dialog.customer_id == first
    assert message(dialog, "customer_id") == ""
