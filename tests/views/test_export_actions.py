"""Export to Excel from the window: the register on screen as it is searched, sorted and
arranged; the save dialog and its remembered folder; the progress dialog that cancels; and
a file that cannot be written, which is a warning and never a traceback."""

from __future__ import annotations

import errno
import logging
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from crm_desktop import clock
from crm_desktop.exports import register_export
from crm_desktop.exports.register_export import FIRST_DATA_ROW, HEADER_ROW
from crm_desktop.views import export_actions
from crm_desktop.views.background import wait_for
from crm_desktop.views.table_model import format_value

pytestmark = pytest.mark.demo_data(calls=400, seed=11)




@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def _fresh_settings():
    QSettings().remove(export_actions.LAST_FOLDER_KEY)
    yield
    QSettings().remove(export_actions.LAST_FOLDER_KEY)


class SaveDialog:
    """QFileDialog.getSaveFileName's stand-in: answers ``answer`` and remembers the question."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.asked: list[tuple] = []

    def __call__(self, parent, caption, directory, filter_, *args, **kwargs):
        self.asked.append((parent, caption, directory, filter_))
        return self.answer, filter_


class Warnings:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def __call__(self, parent, title, text, *args, **kwargs):
        self.shown.append((title, text))
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def warnings(monkeypatch) -> Warnings:
    shown = Warnings()
    monkeypatch.setattr(QMessageBox, "warning", shown)
    return shown


def export(window, view):
    """The export as the File menu starts it, waited for: the path written, or None."""
    return wait_for(export_actions.export_current_register(window, view))


def answer(monkeypatch, path) -> SaveDialog:
    dialog = SaveDialog(str(path))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return dialog


def sorted_calls(window, search: str, key: str, order: Qt.SortOrder):
    window.open_register("service_call")
    view = window.current_view()
    view.search.setText(search)  # not applied yet: the search waits for the typing to stop
    view.table.sortByColumn(view.spec.index_of(key), order)
    return view


def test_export_writes_the_views_search_and_sort(window, out, monkeypatch, warnings):
    view = sorted_calls(window, "王", "customer_name", Qt.SortOrder.DescendingOrder)
    dialog = answer(monkeypatch, out / "王的叫修")  # no .xlsx typed: it is added
    path = export(window, view)

    assert path == out / "王的叫修.xlsx" and path.exists()
    assert view.model.query.search == "王"  # what the box showed was applied first
    sheet = load_workbook(path).worksheets[0]
    last = range_boundaries(sheet.auto_filter.ref)[3]  # the totals row below is not a call
    rows = list(sheet.iter_rows(min_row=FIRST_DATA_ROW, max_row=last, values_only=True))
    model = view.model
    assert len(rows) == model.rowCount() < 400
    numbers = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert [r[0] for r in rows] == numbers  # same rows, same order
    assert [c.value for c in sheet[HEADER_ROW]] == [
        model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())
    ]
    assert "王" in sheet["A1"].value
    assert not warnings.shown
    # the status bar says how many rows went where
    message = window.statusBar().currentMessage()
    assert str(len(rows)) in message and str(path) in message
    # the file dialog suggested the register's title and today's date, in the documents folder
    suggested = Path(dialog.asked[0][2]).name
    assert suggested == f"{view.spec.title.tr(export_actions.translate)}-{clock.today():%Y%m%d}.xlsx"
    assert "*.xlsx" in dialog.asked[0][3]
    # and the next export starts in the folder used last
    assert QSettings().value(export_actions.LAST_FOLDER_KEY) == str(out)
    export(window, view)
    assert Path(dialog.asked[1][2]).parent == out


def test_the_export_shows_what_the_table_shows(window, out, monkeypatch, warnings):
    """Labels, names and times: the workbook's cells read as the table's, only typed."""
    view = sorted_calls(window, "", "fee", Qt.SortOrder.DescendingOrder)
    answer(monkeypatch, out / "calls.xlsx")
    path = export(window, view)
    sheet = load_workbook(path).worksheets[0]
    model = view.model
    for r, row in enumerate(sheet.iter_rows(min_row=FIRST_DATA_ROW, max_row=FIRST_DATA_ROW + 49)):
        for c, column in enumerate(view.spec.columns):
            cell = row[c].value
            if column.kind == "deadline":  # the table counts working hours left; the sheet keeps the time
                shown = model.index(r, c).data(Qt.ItemDataRole.ToolTipRole) or ""
                written = f"{cell:%Y-%m-%d %H:%M}" if cell is not None else ""
            elif isinstance(cell, datetime):
                shown, written = model.index(r, c).data(), f"{cell:%Y-%m-%d %H:%M}"
            elif column.kind in ("money", "decimal"):
                shown, written = model.index(r, c).data(), format_value(column, cell, {})
            else:
                shown, written = model.index(r, c).data(), "" if cell is None else cell
            assert written == shown, (r, column.key)


def test_the_export_follows_the_columns_as_the_clerk_arranged_them(window, out, monkeypatch, warnings):
    window.open_register("customer")
    view = window.current_view()
    header = view.table.horizontalHeader()
    header.moveSection(view.spec.index_of("phone"), 0)  # phone first
    header.setSectionHidden(view.spec.index_of("fax"), True)
    answer(monkeypatch, out / "customers.xlsx")
    sheet = load_workbook(export(window, view)).worksheets[0]
    headers = [c.value for c in sheet[HEADER_ROW]]
    model = view.model
    title = model.headerData
    assert headers[0] == title(view.spec.index_of("phone"), Qt.Orientation.Horizontal)
    assert title(view.spec.index_of("fax"), Qt.Orientation.Horizontal) not in headers
    assert len(headers) == len(view.spec.columns) - 1


def test_the_suggested_name_is_a_valid_file_name_in_any_language(window, monkeypatch):
    window.open_register("goods_entry")
    view = window.current_view()
    day = date(2026, 11, 28)
    assert export_actions.suggested_file_name(view, day) == "客户商品进出登记簿-20261128.xlsx"
    monkeypatch.setattr(export_actions, "translate", lambda context, text: text)  # no translation
    assert export_actions.suggested_file_name(view, day) == "Goods in_out register-20261128.xlsx"


def test_no_file_chosen_exports_nothing(window, out, monkeypatch, warnings):
    window.open_register("customer")
    answer(monkeypatch, "")
    assert export(window, window.current_view()) is None
    assert list(out.iterdir()) == [] and not warnings.shown


def test_a_larger_export_shows_progress_and_cancel_leaves_no_file(window, out, monkeypatch, warnings):
    monkeypatch.setattr(register_export, "CHUNK", 50)
    seen: list[int] = []  # the reports the window showed

    def started(path):
        answer(monkeypatch, path)
        task = export_actions.export_current_register(window, view)
        task.progressed.connect(lambda done, _total: seen.append(done))
        return task

    window.open_register("service_call")
    view = window.current_view()
    assert wait_for(started(out / "all.xlsx")) == out / "all.xlsx"
    assert seen == [*range(50, 401, 50)]

    seen.clear()
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: len(seen) >= 1)  # Cancel after the first window
    assert wait_for(started(out / "cancelled.xlsx")) is None
    assert seen == [50]
    assert sorted(p.name for p in out.iterdir()) == ["all.xlsx"]  # nothing of the cancelled export
    assert window.statusBar().currentMessage() == export_actions.QCoreApplication.translate(
        "ExportActions", "Export cancelled; no file was written.")
    assert not warnings.shown


def test_the_progress_dialog_waits_before_it_appears(window, out, monkeypatch, warnings):
    made: list[QProgressDialog] = []
    init = QProgressDialog.setMinimumDuration

    def recording(self, ms):
        made.append(ms)
        init(self, ms)

    monkeypatch.setattr(QProgressDialog, "setMinimumDuration", recording)
    window.open_register("customer")
    answer(monkeypatch, out / "c.xlsx")
    export(window, window.current_view())
    assert made == [export_actions.PROGRESS_AFTER_MS] and made[0] > 0


def test_a_missing_folder_is_a_warning_not_a_traceback(window, tmp_path, monkeypatch, warnings):
    window.open_register("customer")
    target = tmp_path / "gone" / "c.xlsx"
    answer(monkeypatch, target)
    assert export(window, window.current_view()) is None
    assert len(warnings.shown) == 1
    title, text = warnings.shown[0]
    assert str(target) in text
    assert "Traceback" not in text and not target.parent.exists()


def test_a_file_open_in_excel_is_a_warning_and_the_old_file_stays(window, out, monkeypatch, warnings):
    target = out / "open.xlsx"
    target.write_bytes(b"yesterday's export, open in Excel")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(register_export.os, "replace", locked)
    window.open_register("customer")
    answer(monkeypatch, target)
    assert export(window, window.current_view()) is None
    assert len(warnings.shown) == 1 and str(target) in warnings.shown[0][1]
    assert target.read_bytes() == b"yesterday's export, open in Excel"
    assert [p.name for p in out.iterdir()] == ["open.xlsx"]


def test_an_unexpected_failure_is_logged_and_a_short_warning(window, out, monkeypatch, warnings, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(register_export, "export_register", broken)
    window.open_register("customer")
    answer(monkeypatch, out / "c.xlsx")
    with caplog.at_level(logging.ERROR, logger="crm_desktop.views.export_actions"):
        assert export(window, window.current_view()) is None
    assert len(warnings.shown) == 1
    assert "disk on fire" not in warnings.shown[0][1]  # the clerk reads a short message …
    assert any(r.exc_info and "disk on fire" in str(r.exc_info[1]) for r in caplog.records)  # … the log the rest


def test_a_full_disk_is_said_as_the_machines_fault(window, out, monkeypatch, warnings):
    from crm_desktop import faults
    from crm_desktop.views.errors import message_of

    full = OSError(errno.ENOSPC, "No space left on device")

    def no_room(*args, **kwargs):
        raise full

    monkeypatch.setattr(register_export, "export_register", no_room)
    window.open_register("customer")
    answer(monkeypatch, out / "c.xlsx")
    assert export(window, window.current_view()) is None
    assert warnings.shown == [(warnings.shown[0][0], message_of(full))]
    assert faults.classify(full) == faults.Fault.DISK_FULL and "No space" not in warnings.shown[0][1]


def test_the_window_does_not_load_openpyxl_before_the_first_export():
    code = "import crm_desktop.views.export_actions, sys; print('openpyxl' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.strip() == "False"


def test_the_messages_are_in_chinese(window, tmp_path, out, monkeypatch, warnings):
    """Passes once the ExportActions and Export strings' translations are in resources/i18n."""
    window.open_register("customer")
    view = window.current_view()
    answer(monkeypatch, out / "c.xlsx")
    export(window, view)
    assert window.statusBar().currentMessage().startswith(f"已导出 {view.model.rowCount()} 行到 ")
    answer(monkeypatch, tmp_path / "gone" / "c.xlsx")
    export(window, view)
    title, text = warnings.shown[-1]
    assert title == "导出到 Excel" and "无法写入" in text
    assert export_actions.action_text() == "导出到 Excel(&X)…"
