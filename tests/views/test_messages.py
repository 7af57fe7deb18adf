"""Messages a clerk reads (issue 13, items 5 and 7): words, never a database id, "None", an
exception's name or the system's English; a message goes once its field (or the next edit
in a table) is good; a refusal shows under the field that holds the refused value."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QTimeEdit, QWidget
from sqlalchemy import delete

import crm_desktop
from crm_desktop.models import Customer, Staff
from crm_desktop.services import calls as call_service
from crm_desktop.services import customers as customer_service
from crm_desktop.services.registers import REGISTERS
from crm_desktop.views.dialogs.call_dialog import CallDialog
from crm_desktop.views.dialogs.form import edited_signals
from crm_desktop.views.dialogs.goods_dialog import GoodsDialog
from crm_desktop.views.dialogs.pricing_dialog import PART_PRICE, PricingDialog
from crm_desktop.views.register_view import RegisterView

from ..factories import make_registers
from .test_dialogs import choose_customer, message

tr = QCoreApplication.translate
SOURCES = Path(crm_desktop.__file__).parent
# a template that would show a database id, a Python None or an exception to the clerk
PROGRAMMER_WORDS = re.compile(r"\bids?\b|\bID\b(?! card)|\{[a-z_]*_id\}|\{id\}|\bNone\b|\{exc|\{exception|Error\b|Exception\b")
# the system's or SQLite's own text put in a message (it belongs in the log)
RAW_TEXT = re.compile(r"strerror|str\(exc\)|type\(exc\)\.__name__|\{exc\}|repr\(exc\)")


def _messages_in(tree: ast.AST):
    """The English source texts marked for translation: QT_TRANSLATE_NOOP(context, text),
    self.tr(text), translate(context, text)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        texts = {"QT_TRANSLATE_NOOP": 1, "translate": 1, "tr": 0}
        if name in texts and len(node.args) > texts[name]:
            arg = node.args[texts[name]]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield node.lineno, arg.value


def test_no_message_template_speaks_of_ids_none_or_exceptions():
    found = []
    for path in sorted(SOURCES.rglob("*.py")):
        if path.name == "cli.py":  # the command line's options are the administrator's words (--id …)
            continue
        for line, text in _messages_in(ast.parse(path.read_text(encoding="utf-8"))):
            if PROGRAMMER_WORDS.search(text) and text != "None":  # "None" alone is a choice (VIP level 无)
                found.append(f"{path.relative_to(SOURCES)}:{line}: {text}")
    assert found == []


def test_no_system_text_is_put_into_a_message():
    found = []
    for path in sorted(SOURCES.rglob("*.py")):
        if path.name in ("app.py", "faults.py"):  # the smoke run's stderr; faults logs the cause itself
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if RAW_TEXT.search(line) and "log" not in line:
                found.append(f"{path.relative_to(SOURCES)}:{number}: {line.strip()}")
    assert found == []


def _plain(text: str) -> None:
    """Words only: no id, no None, no exception's name."""
    assert text
    assert not re.search(r"\bNone\b|\bid\b|\bID\b|Error|Exception|Traceback", text), text


@pytest.fixture
def shop(database):
    with database.Session.begin() as s:
        s.add(Staff(name="赵技师", role="technician"))
        zhang = customer_service.create_customer(s, name="张伟", phone="13812345678", address="南京市玄武区中山路1号")
        call = call_service.register_call(s, customer_id=zhang.id, received_at="2026-12-07 09:00", fault="卡纸")
    return {"customer": zhang.id, "call": call.id}


# -- the concrete cases ---------------------------------------------------------------


def test_goods_without_a_customer_ask_for_one_at_the_finder(app, database, shop, qtbot):
    dialog = GoodsDialog(database)
    qtbot.addWidget(dialog)
    dialog.accept()
    _plain(message(dialog, "customer_id"))  # was «找不到 ID 为 None 的客户。»
    assert message(dialog, "customer_id") == tr("Validation", "Choose the customer.")
    assert dialog.general_message.isHidden()


def test_a_customer_removed_meanwhile_is_named_in_words_at_its_field(app, database, shop, qtbot):
    with database.Session.begin() as s:
        other = customer_service.create_customer(s, name="王芳", phone="13900001111").id
    dialog = CallDialog(database)
    qtbot.addWidget(dialog)
    choose_customer(dialog, qtbot, "王芳")
    dialog.fields["fault"].setPlainText("不开机")
    with database.Session.begin() as s:
        s.execute(delete(Customer).where(Customer.id == other))
    dialog.accept()
    text = message(dialog, "customer_id")
    _plain(text)
    assert str(other) not in text
    assert text == tr("Calls", "The customer cannot be found any more (it may have been removed meanwhile): look it up again.")


def test_a_call_removed_meanwhile_is_reported_at_the_goods_customer_line(app, database, shop, qtbot):
    dialog = GoodsDialog(database, call_id=shop["call"])
    qtbot.addWidget(dialog)
    dialog.call_id = 987654  # the call is gone by the time of the save
    dialog.accept()
    text = message(dialog, "customer")  # the line that shows the call, not the top of the form
    _plain(text)
    assert "987654" not in text and dialog.general_message.isHidden()
    assert text == tr("Goods", "The service call cannot be found any more (it may have been removed meanwhile): look it up again.")


def test_a_save_that_fails_for_a_bug_shows_the_apology_not_the_exception(app, database, shop, qtbot, monkeypatch):
    dialog = GoodsDialog(database, call_id=shop["call"])
    qtbot.addWidget(dialog)

    def broken(_session):
        raise KeyError("None id 5")

    monkeypatch.setattr(dialog, "save", broken)
    dialog.accept()
    _plain(dialog.general_message.text())
    assert "5" not in dialog.general_message.text()


# -- a message goes when its value is good ----------------------------------------------


def test_a_fields_message_goes_as_soon_as_the_field_is_edited(app, database, shop, qtbot):
    dialog = GoodsDialog(database, call_id=shop["call"])
    qtbot.addWidget(dialog)
    dialog.fields["phone"].setText("abc")
    dialog.fields["promised_date"].set_value(date(2026, 1, 1))  # before the goods came
    dialog.accept()
    assert message(dialog, "phone") and message(dialog, "promised_date")
    dialog.fields["phone"].setText("13812345678")
    assert message(dialog, "phone") == "" and dialog.fields["phone"].styleSheet() == ""
    assert message(dialog, "promised_date")  # the other field still wrong, still said
    dialog.fields["promised_date"].set_value(date(2026, 12, 20))
    assert message(dialog, "promised_date") == ""


def test_the_message_under_a_register_goes_after_the_next_good_edit(app, database, qtbot):
    with database.Session.begin() as s:
        make_registers(s, calls=3)
    view = RegisterView(database, REGISTERS["service_call"])
    qtbot.addWidget(view)
    phone = view.model.index(0, view.spec.index_of("phone"))
    assert not view.model.setData(phone, "abc123")
    assert not view.message.isHidden() and view.message.text()
    assert view.model.setData(phone, "021-62345678")
    assert view.message.isHidden()


def test_the_line_under_the_price_list_goes_when_its_cell_is_corrected(app, database, qtbot):
    dialog = PricingDialog(database, today=date(2026, 11, 20))
    qtbot.addWidget(dialog)
    dialog.add_part("DR-01", "感光鼓", "-1")
    dialog.add_part("FB-02", "搓纸轮", "-35")
    dialog.accept()
    assert dialog.parts_message.text().count("\n") == 1  # two lines
    dialog.parts.item(0, PART_PRICE).setText("320")
    assert not dialog.parts_message.isHidden() and "第 1 行" not in dialog.parts_message.text()
    dialog.parts.item(1, PART_PRICE).setText("35")
    assert dialog.parts_message.isHidden()


def test_the_new_staff_message_goes_when_the_clerk_types(app, qtbot):
    from crm_desktop.views.accounts_dialog import NewStaffDialog

    dialog = NewStaffDialog()
    qtbot.addWidget(dialog)
    dialog.message.setText("已有名叫 张伟 的员工。")
    dialog.message.show()
    qtbot.keyClicks(dialog.name, "2")
    assert dialog.message.isHidden()


def test_a_line_edit_in_a_composite_field_counts_as_an_edit(app, qtbot):
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.addWidget(QTimeEdit())
    row.addWidget(QLineEdit())
    qtbot.addWidget(holder)
    assert len(edited_signals(holder)) == 2  # the time's own signal, not its inner line's too
