"""Issue 17, item 3 on screen: 编辑 → 撤销 (Ctrl+Z) and 重做 (Ctrl+Y) on the register undo and
redo this session's in-place edits, each naming the edit; an editor open in a cell keeps its
own Ctrl+Z; a refused undo says who changed the field since and when; the record's history is
shown on its dialog, through a table model that passes Qt's QAbstractItemModelTester."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import func, select

from crm_desktop import clock
from crm_desktop.models import Customer, GoodsEntry, RecordChange, Staff
from crm_desktop.services import calls, customers, registers
from crm_desktop.services.registers import REGISTERS
from crm_desktop.views import errors as errors_view
from crm_desktop.views.dialogs.goods_dialog import GoodsDialog
from crm_desktop.views.main_window import MainWindow
from crm_desktop.views.record_history import HistoryModel
from tests.factories import make_registers

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def people(database):
    with database.Session.begin() as s:
        make_registers(s, calls=2)
        clerk, colleague = Staff(name="钱文员", role="clerk"), Staff(name="孙文员", role="clerk")
        s.add_all([clerk, colleague])
        s.flush()
        return {"clerk": clerk.id, "colleague": colleague.id}


@pytest.fixture
def window(app, database, people, qtbot):
    w = MainWindow(database, current_user_id=people["clerk"])
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def shown(monkeypatch):
    """The messages the window shows (instead of modal boxes)."""
    texts: list[str] = []
    monkeypatch.setattr(errors_view, "_show", lambda _parent, exc: texts.append(errors_view.message_of(exc)))
    return texts


def address_cell(window, qtbot):
    view = window.open_register("service_call")
    column = REGISTERS["service_call"].index_of("address")
    index = view.model.index(0, column)
    view.table.setFocus()
    view.table.setCurrentIndex(index)
    view.table.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
    return view, index


def type_into_cell(view, qtbot, text: str) -> None:
    """F2 opens the cell's editor, End goes past what is there, the text, Enter saves."""
    QTest.keyClick(view.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    QTest.keyClick(editor, Qt.Key.Key_End)
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)


def address_of(view, index) -> str:
    return view.model.data(index, Qt.ItemDataRole.EditRole)


def test_ctrl_z_on_the_register_undoes_the_last_in_place_edit_and_ctrl_y_redoes_it(window, qtbot, database):
    view, index = address_cell(window, qtbot)
    before = address_of(view, index)
    assert not window.act_undo.isEnabled() and window.act_undo.text() == "撤销(&U)"
    type_into_cell(view, qtbot, "X")
    assert address_of(view, index) == before + "X"
    assert window.act_undo.isEnabled() and window.act_undo.text() == "撤销 修改“地址”(&U)"

    QTest.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert address_of(view, index) == before
    assert window.act_redo.text() == "重做 修改“地址”(&R)" and not window.act_undo.isEnabled()
    assert "已撤销" in window.statusBar().currentMessage()

    QTest.keyClick(view.table, Qt.Key.Key_Y, CTRL)
    assert address_of(view, index) == before + "X"
    assert window.act_undo.isEnabled() and not window.act_redo.isEnabled()
    with database.read_session() as s:  # an edit, its undo, its redo: nothing deleted
        assert s.scalar(select(func.count()).select_from(RecordChange)) == 3


def test_the_edit_menu_names_the_edit_and_undoes_it(window, qtbot):
    view, index = address_cell(window, qtbot)
    before = address_of(view, index)
    type_into_cell(view, qtbot, "X")
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "编辑(&D)")
    assert [a.text() for a in edit_menu.actions()] == ["撤销 修改“地址”(&U)", "重做(&R)"]
    window.act_undo.trigger()
    assert address_of(view, index) == before


def test_ctrl_z_in_an_open_editor_undoes_the_typing_and_not_the_windows_edit(window, qtbot):
    view, index = address_cell(window, qtbot)
    type_into_cell(view, qtbot, "X")
    saved = address_of(view, index)
    QTest.keyClick(view.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    QTest.keyClick(editor, Qt.Key.Key_End)
    QTest.keyClicks(editor, "YZ")
    assert editor.text() == saved + "YZ"
    QTest.keyClick(editor, Qt.Key.Key_Z, CTRL)  # the line edit's own undo
    assert editor.text() == saved
    QTest.keyClick(editor, Qt.Key.Key_Y, CTRL)  # and its redo (Ctrl+Y on every system)
    assert editor.text() == saved + "YZ"
    assert address_of(view, index) == saved and window.undo.history.next_undo() is not None
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
    QTest.keyClick(view.table, Qt.Key.Key_Z, CTRL)  # now the window's
    assert address_of(view, index) == saved[:-1]


def test_an_undo_of_a_field_changed_since_is_refused_naming_who_and_when(window, qtbot, database, people, shown):
    view, index = address_cell(window, qtbot)
    type_into_cell(view, qtbot, "X")
    row_id = view.model.row_id(0)
    clock.freeze(clock.now() + timedelta(minutes=12))
    with database.Session.begin() as s:  # a colleague corrects it in the call's dialog meanwhile
        calls.update_call(s, row_id, {"address": "漕溪北路 100 号"}, by_id=people["colleague"])
    QTest.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert len(shown) == 1
    assert "孙文员" in shown[0] and f"{clock.now():%Y-%m-%d %H:%M}" in shown[0] and "“地址”不能撤销" in shown[0]
    assert "撤销列表中移除" in shown[0]
    with database.read_session() as s:
        assert view.model.query.row(row_id)[REGISTERS["service_call"].index_of("address") + 1] == "漕溪北路 100 号"
    assert not window.act_undo.isEnabled()  # taken off the list: it can never be undone


def test_a_read_only_window_refuses_the_undo(window, qtbot, database, shown):
    from crm_desktop import app as app_mod

    view, index = address_cell(window, qtbot)
    type_into_cell(view, qtbot, "X")
    database.refuse_writes(app_mod.READ_ONLY_WINDOW, holder="另一台电脑")
    QTest.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert len(shown) == 1 and "只读" in shown[0]
    assert address_of(view, index).endswith("X") and window.act_undo.isEnabled()


def test_switching_user_empties_the_undo_list(window, qtbot, people):
    view, _index = address_cell(window, qtbot)
    type_into_cell(view, qtbot, "X")
    assert window.act_undo.isEnabled()
    window.set_current_user(people["colleague"])
    assert not window.act_undo.isEnabled() and not window.act_redo.isEnabled()


def test_a_customer_edited_in_the_list_is_undone_and_its_archive_history_keeps_both(window, qtbot, database):
    view = window.open_register("customer")
    column = REGISTERS["customer"].index_of("phone")
    index = view.model.index(0, column)
    customer_id = view.model.row_id(0)
    before = address_of(view, index)
    assert view.model.setData(index, "13900001111")
    window.undo_edit()
    assert address_of(view, index) == before
    with database.read_session() as s:
        from crm_desktop.services import archive

        lines = archive.history(s, customer_id)
    assert [(x.old_value, x.new_value) for x in lines] == [("13900001111", before), (before, "13900001111")]
    assert lines[0].undoes_id == lines[1].id


def test_a_dialog_save_goes_on_the_undo_list_and_the_dialog_shows_the_history(window, qtbot, database, people):
    with database.read_session() as s:
        entry_id = s.scalars(select(GoodsEntry.id)).first()
    dialog = GoodsDialog(database, entry_id=entry_id, parent=window, current_user_id=people["clerk"])
    qtbot.addWidget(dialog)
    assert dialog.history_table.model().rowCount() == 0
    dialog.fields["condition"].setText("外壳划伤")
    dialog.accept()
    assert dialog.edit is not None and dialog.edit.fields == ("condition",)
    window.undo.push(dialog.edit)
    assert window.act_undo.text() == "撤销 修改“商品状况”(&U)"
    again = GoodsDialog(database, entry_id=entry_id, parent=window)
    qtbot.addWidget(again)
    model = again.history_table.model()
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(1, 6)] == ["钱文员", "商品状况", "", "外壳划伤", ""]
    window.undo_edit()
    with database.read_session() as s:
        assert s.get(GoodsEntry, entry_id).condition is None


def test_the_history_model_passes_qts_model_tester(app, database, people):
    with database.Session.begin() as s:
        customer_id = s.scalars(select(Customer.id)).first()
    spec = REGISTERS["customer"]
    registers.save_edit(database, spec, customer_id, "phone", "13900001111", by_id=people["clerk"])
    with database.Session.begin() as s:
        customers.update_customer(s, customer_id, {"status": "inactive"}, by_id=people["colleague"])
    model = HistoryModel(database, "customer", customer_id)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 2 and model.columnCount() == 6
    assert model.index(0, 2).data() == "状态" and model.index(0, 4).data() == "停止往来"
    assert model.index(0, 1).data() == "孙文员"
    model.reload()
    assert model.rowCount() == 2
    assert model.headerData(0, Qt.Orientation.Horizontal) == "时间"


def test_ctrl_z_undoes_this_sessions_edits_newest_first(window, qtbot):
    view, index = address_cell(window, qtbot)
    before = address_of(view, index)
    type_into_cell(view, qtbot, "X")
    type_into_cell(view, qtbot, "Y")
    assert address_of(view, index) == before + "XY"
    QTest.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert address_of(view, index) == before + "X"
    QTest.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert address_of(view, index) == before and not window.act_undo.isEnabled()
    QTest.keyClick(view.table, Qt.Key.Key_Y, CTRL)
    QTest.keyClick(view.table, Qt.Key.Key_Y, CTRL)
    assert address_of(view, index) == before + "XY"
