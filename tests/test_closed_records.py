"""Closed records are kept as they were (issue 13, item 7): a closed call, goods that went back,
a returned repair card refuse every correction at the field it was for, in the services, in
place in the registers and in their dialogs, which open read-only and say why; an open record
is still corrected as before."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crm_desktop.errors import UserError
from crm_desktop.models import CallStatus, GoodsEntry, RepairCard, RepairCardStatus, ServiceCall
from crm_desktop.services import calls, goods, repairs
from crm_desktop.services.closed_records import CALL_CLOSED, CARD_CLOSED, GOODS_RETURNED, why_closed

pytestmark = pytest.mark.demo_data(calls=150, seed=7)


def first(database, statement):
    with database.read_session() as s:
        return s.scalars(statement.limit(1)).one()


@pytest.fixture
def closed(demo_database):
    return {
        "call": first(demo_database, select(ServiceCall.id).where(ServiceCall.status == CallStatus.CLOSED.value)),
        "open_call": first(demo_database, select(ServiceCall.id).where(ServiceCall.status == CallStatus.REGISTERED.value)),
        "goods": first(demo_database, select(GoodsEntry.id).where(GoodsEntry.returned_at.is_not(None))),
        "card": first(demo_database, select(RepairCard.id).where(RepairCard.status == RepairCardStatus.RETURNED.value)),
    }


@pytest.mark.parametrize("kind, update, field, message", [
    ("call", calls.update_call, "remarks", CALL_CLOSED),
    ("goods", goods.update_goods_entry, "remarks", GOODS_RETURNED),
    ("card", repairs.update_card, "remarks", CARD_CLOSED),
])
def test_a_closed_record_refuses_a_correction_at_its_field_and_keeps_its_value(demo_database, closed, kind, update,
                                                                               field, message):
    model = {"call": ServiceCall, "goods": GoodsEntry, "card": RepairCard}[kind]
    with demo_database.read_session() as s:
        before = getattr(s.get(model, closed[kind]), field)
    with pytest.raises(UserError) as refused:
        with demo_database.Session.begin() as s:
            update(s, closed[kind], {field: "改一下"})
    assert refused.value.message == message and refused.value.field == field
    with demo_database.read_session() as s:
        assert getattr(s.get(model, closed[kind]), field) == before


def test_an_open_call_is_still_corrected(demo_database, closed):
    with demo_database.Session.begin() as s:
        calls.update_call(s, closed["open_call"], {"remarks": "客户改约下午"})
    with demo_database.read_session() as s:
        assert s.get(ServiceCall, closed["open_call"]).remarks == "客户改约下午"
        assert why_closed(s.get(ServiceCall, closed["open_call"])) is None


def test_in_place_in_the_register_the_refusal_is_said_at_the_cell(app, demo_database, closed):
    from PySide6.QtCore import Qt

    from crm_desktop.services.registers import REGISTERS, RegisterQuery
    from crm_desktop.views.table_model import RegisterTableModel

    spec = REGISTERS["service_call"]
    model = RegisterTableModel(RegisterQuery(demo_database, spec))
    said = []
    model.editFailed.connect(lambda index, text: said.append((index.column(), text)))
    column = spec.index_of("remarks")
    row = next(r for r in range(model.rowCount()) if model.row_id(r) == closed["call"])
    assert not model.setData(model.index(row, column), "改一下", Qt.ItemDataRole.EditRole)
    assert len(said) == 1 and said[0][0] == column and "不能再修改" in said[0][1]
    with demo_database.read_session() as s:
        assert s.get(ServiceCall, closed["call"]).remarks != "改一下"


@pytest.mark.parametrize("kind", ["call", "goods", "card"])
def test_the_dialog_of_a_closed_record_opens_read_only_and_says_why(app, demo_database, closed, qtbot, kind):
    from PySide6.QtWidgets import QAbstractSpinBox, QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton

    from crm_desktop.views.dialogs.call_dialog import CallDialog
    from crm_desktop.views.dialogs.goods_dialog import GoodsDialog
    from crm_desktop.views.dialogs.repair_dialog import RepairCardDialog

    dialog = {"call": lambda: CallDialog(demo_database, call_id=closed["call"]),
              "goods": lambda: GoodsDialog(demo_database, entry_id=closed["goods"]),
              "card": lambda: RepairCardDialog(demo_database, card_id=closed["card"])}[kind]()
    qtbot.addWidget(dialog)
    dialog.show()
    reason = dialog.findChild(QLabel, "read_only_reason")
    assert reason is not None and reason.isVisible() and "不能再修改" in reason.text()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is None
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel) or dialog.buttons.button(
        QDialogButtonBox.StandardButton.Close)
    assert close.text() == "关闭"
    printing = dialog.findChild(QPushButton, "print_button")
    assert printing is not None and printing.isEnabled()  # a closed record still prints
    for widget in dialog.fields.values():
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractSpinBox)):
            assert widget.isReadOnly()
        else:
            assert not widget.isEnabled() or getattr(widget, "editTriggers", None)
    remarks = dialog.fields["remarks"]
    assert remarks.isReadOnly()
    dialog.accept()  # Enter: closes, saves nothing
    assert dialog.result() == 0 and not dialog.isVisible()


def test_the_dialog_of_an_open_call_is_editable(app, demo_database, closed, qtbot):
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    from crm_desktop.views.dialogs.call_dialog import CallDialog

    dialog = CallDialog(demo_database, call_id=closed["open_call"])
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLabel, "read_only_reason") is None
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is not None
    assert not dialog.fields["remarks"].isReadOnly()
