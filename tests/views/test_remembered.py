"""What the program remembers per Windows user (QSettings, user scope) between starts: the last
login name, the main window's splitters, each register's column widths and sort, and where the
file dialogs open (Documents, then the folder used last)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from crm_desktop.models import Staff
from crm_desktop.views import login as login_view
from crm_desktop.views import save_dialog
from crm_desktop.views.main_window import MainWindow

pytestmark = pytest.mark.demo_data(calls=60, seed=5)


def _window(database, qtbot) -> MainWindow:
    with database.read_session() as s:
        admin = s.scalar(select(Staff.id).where(Staff.role == "admin"))
    window = MainWindow(database, current_user_id=admin)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_login_name_of_the_last_start_is_filled_in(app, demo_database, monkeypatch):
    seen: list[tuple[str, bool]] = []

    def answer(dialog):
        seen.append((dialog.login.text(), dialog.password.hasFocus() or dialog.focusWidget() is dialog.password))
        dialog.login.setText("admin")
        dialog.password.setText("admin123")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(login_view.LoginDialog, "exec", answer)
    assert login_view.log_in_at_start(demo_database) is not None
    assert QSettings().value(login_view.LAST_LOGIN_KEY) == "admin"
    assert login_view.log_in_at_start(demo_database) is not None
    assert seen[0][0] == "" and seen[1][0] == "admin"  # empty the first time, remembered the second


def test_a_register_keeps_its_column_widths_and_sort_and_the_window_its_splitter(app, demo_database, qtbot):
    window = _window(demo_database, qtbot)
    view = window.open_register("customer")
    header = view.table.horizontalHeader()
    name = view.spec.index_of("name")
    header.resizeSection(name, 333)
    view.table.sortByColumn(name, Qt.SortOrder.DescendingOrder)
    first = view.model.row_id(0) if hasattr(view.model, "row_id") else view.model.index(0, name).data()
    window.splitter.setSizes([230, 1000])
    kept = window.splitter.sizes()[0]
    window.close()

    again = _window(demo_database, qtbot)
    view = again.views["customer"]
    header = view.table.horizontalHeader()
    assert header.sectionSize(name) == 333
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (name, Qt.SortOrder.DescendingOrder)
    assert (view.model.row_id(0) if hasattr(view.model, "row_id") else view.model.index(0, name).data()) == first
    assert again.splitter.sizes()[0] == kept
    # the other registers keep their own
    calls = again.views["service_call"]
    assert calls.table.horizontalHeader().sectionSize(name) == calls.spec.columns[name].width


def test_a_remembered_header_of_other_columns_is_ignored(app, demo_database, qtbot):
    """A state saved for three columns (an older version's register) leaves the register as
    it starts without one: its columns, its widths."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView

    other = QTableView()
    qtbot.addWidget(other)
    other.setModel(QStandardItemModel(1, 3, other))
    other.horizontalHeader().resizeSection(0, 444)
    QSettings().setValue("registers/customer/header", other.horizontalHeader().saveState())
    QSettings().setValue("registers/customer/header_columns", "code,name,phone")
    window = _window(demo_database, qtbot)
    view = window.views["customer"]
    header = view.table.horizontalHeader()
    assert header.count() == len(view.spec.columns)
    assert header.sectionSize(0) == view.spec.columns[0].width


def test_open_dialogs_start_in_documents_then_in_the_folder_used_last(app, tmp_path, monkeypatch):
    asked: list[str] = []
    chosen = tmp_path / "from-usb" / "customers.xlsx"
    chosen.parent.mkdir()
    chosen.write_bytes(b"")

    def dialog(parent, title, start, file_filter=""):
        asked.append(start)
        return str(chosen), file_filter

    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    QSettings().remove(save_dialog.IMPORT_FOLDER_KEY)
    assert save_dialog.ask_open_paths(None, "t", "*.xlsx") == [chosen]
    assert save_dialog.ask_open_paths(None, "t", "*.xlsx") == [chosen]
    assert Path(asked[0]) == save_dialog.documents_folder() != Path.cwd()
    assert Path(asked[1]) == chosen.parent

