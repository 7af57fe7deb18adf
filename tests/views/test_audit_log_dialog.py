"""I7 at the window: the audit-log viewer — a paged model that passes Qt's model tester and
opens 100,000 lines with its first page, filters that change the rows, the export through
the save dialog (and its Cancel), the permission message, and File → Audit log."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog
from sqlalchemy import insert, select

from crm_desktop import clock
from crm_desktop.exports.audit_export import FIRST_DATA_ROW
from crm_desktop.models import AuditEntry, Staff
from crm_desktop.services import audit_chain, audit_log, auth
from crm_desktop.views import audit_log_dialog
from crm_desktop.views.audit_log_dialog import AuditLogDialog, AuditLogModel, show_audit_log
from crm_desktop.views.background import wait_for
from crm_desktop.views.i18n import translate

pytestmark = pytest.mark.demo_data(calls=30, seed=2)


# the labels as the window shows them (translated once the .qm has them)
def label(action: str) -> str:
    """Read when the test runs: the translator is installed with the application."""
    return audit_log.ACTION_LABELS[action].tr(translate)


def card(number: str) -> str:
    return f"{audit_log.TARGET_LABELS['repair_card'].tr(translate)} {number}"

START = datetime(2026, 11, 1, 8, 0)


def _user(database, name, role, login):
    with database.Session.begin() as s:
        staff = Staff(name=name, role=role)
        s.add(staff)
        s.flush()
        return auth.LoggedIn(staff.id, name, role, login, False)


@pytest.fixture
def people(database):
    return {
        "admin": _user(database, "系统管理员", "admin", "admin"),
        "clerk": _user(database, "钱文员", "clerk", "qian"),
        "technician": _user(database, "赵技师", "technician", "zhao"),
    }


def fill(database, people, lines: int) -> None:
    """``lines`` lines a minute apart: the clerk prints, the technician logs in, in turn."""
    clerk, tech = people["clerk"], people["technician"]
    rows = [
        dict(at=START + timedelta(minutes=i), staff_id=(clerk if i % 2 else tech).staff_id,
             login=(clerk if i % 2 else tech).login, action="print" if i % 2 else "login",
             target_type="repair_card" if i % 2 else None, target_id=f"XK{i:06d}" if i % 2 else None, detail=None)
        for i in range(lines)
    ]
    with database.Session.begin() as s:
        s.execute(insert(AuditEntry.__table__), audit_chain.linked(s, rows))  # Core: 100,000 lines in seconds


def lines(database, action=None):
    with database.read_session() as s:
        stmt = select(AuditEntry).order_by(AuditEntry.id)
        if action:
            stmt = stmt.where(AuditEntry.action == action)
        return list(s.scalars(stmt))


def shown(dialog, column=1) -> list[str]:
    model = dialog.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


@pytest.fixture
def dialog(app, database, people, qtbot):
    fill(database, people, 450)
    d = AuditLogDialog(database, people["admin"])
    qtbot.addWidget(d)
    return d


def test_i7_the_paged_model_passes_qts_model_tester(app, database, people, qtbot):
    fill(database, people, 450)
    model = AuditLogModel(database, people["admin"])
    assert model.rowCount() == audit_log.PAGE and model.total == 450 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * audit_log.PAGE
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)  # fetches the rest
    assert model.rowCount() == 450 and not model.canFetchMore(QModelIndex())
    assert model.index(0, 0).data() == (START + timedelta(minutes=449)).strftime("%Y-%m-%d %H:%M:%S")  # newest first
    assert model.index(449, 1).data() == "赵技师" and model.index(449, 3).data() == label("login")
    assert model.index(0, 4).data() == card("XK000449")
    index = model.index(0, 1)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "someone else") and model.index(0, 1).data() == "钱文员"
    ids = [model.index(r, 0).data(audit_log_dialog.ROW_ID_ROLE) for r in range(450)]
    assert len(set(ids)) == 450


def test_i7_a_log_of_100000_lines_opens_with_its_first_page(app, database, people, qtbot):
    fill(database, people, 100_000)
    began = time.perf_counter()
    d = AuditLogDialog(database, people["admin"])
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    elapsed = time.perf_counter() - began
    assert d.model.total == 100_001  # and the line of this opening
    assert d.model.rowCount() <= 2 * audit_log.PAGE  # the view asks for what it shows, not all
    assert "100,001" in d.count_label.text()
    assert elapsed < 2.0, f"opening took {elapsed:.2f} s"
    d.table.scrollToBottom()
    QApplication.processEvents()
    assert d.model.rowCount() > audit_log.PAGE  # scrolling fetched the next page


def test_i7_opening_the_viewer_is_a_line_of_the_log(dialog, database, people):
    opened = lines(database, "audit_view")
    assert [(e.staff_id, e.target_type) for e in opened] == [(people["admin"].staff_id, "audit_log")]
    assert dialog.model.index(0, 3).data() == label("audit_view")


def test_i7_the_filters_change_the_rows(dialog, database, people, qtbot):
    tech = people["technician"]
    dialog.person.setCurrentIndex(dialog.person.findData(tech.staff_id))
    assert dialog.model.total == 225 and set(shown(dialog)) == {"赵技师"}
    dialog.action.setCurrentIndex(dialog.action.findData("print"))
    assert dialog.model.total == 0 and dialog.model.rowCount() == 0
    assert not dialog.export_button.isEnabled()
    dialog.person.setCurrentIndex(0)  # everyone
    assert dialog.model.total == 225 and set(shown(dialog, 3)) == {label("print")}

    qtbot.keyClicks(dialog.text, "XK000007")
    assert dialog.model.total == 225  # not at every key …
    qtbot.waitUntil(lambda: dialog.model.total == 1, timeout=2000)  # … but after the typing pause
    assert shown(dialog, 4) == [card("XK000007")]
    dialog.text.clear()
    dialog.apply_filter()

    dialog.use_period.setChecked(True)
    dialog.date_from.setDate(QDate(2026, 11, 1))
    dialog.date_to.setDate(QDate(2026, 11, 1))  # 08:00 to 15:29: every line of the fill
    assert dialog.model.total == 225
    dialog.date_from.setDate(QDate(2026, 11, 2))  # after the end: refused, said, rows kept
    assert not dialog.message.isHidden() and "2026-11-02" in dialog.message.text()
    assert dialog.model.total == 225
    dialog.date_to.setDate(QDate(2026, 11, 30))
    assert dialog.message.isHidden() and dialog.model.total == 0
    dialog.use_period.setChecked(False)
    assert dialog.model.total == 225


def test_i7_the_selected_line_is_shown_in_full(dialog, database, people):
    dialog.action.setCurrentIndex(dialog.action.findData("print"))
    dialog.table.selectRow(0)
    assert "钱文员" in dialog.detail.text() and "XK000449" in dialog.detail.text()


def test_i7_export_writes_what_the_table_shows(dialog, database, people, tmp_path, monkeypatch):
    target = tmp_path / "审计"
    asked = []

    def save_as(parent, caption, suggested, filters):
        asked.append(suggested)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    dialog.person.setCurrentIndex(dialog.person.findData(people["clerk"].staff_id))
    written = wait_for(dialog.export())
    assert asked and asked[0].endswith(f"-{clock.today():%Y%m%d}.xlsx")
    assert written == tmp_path / "审计.xlsx" and written.exists()  # the extension added
    sheet = load_workbook(written).active
    body = list(sheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True))
    assert len(body) == 225 and {row[2] for row in body} == {"钱文员"}
    assert body[0][1] == START + timedelta(minutes=449) and body[0][5] == card("XK000449")
    assert "225" in dialog.status.text() and str(written) in dialog.status.text()
    exported = lines(database, "audit_export")
    assert len(exported) == 1 and json.loads(exported[0].detail)["staff"] == "钱文员"


def test_i7_cancelling_the_export_leaves_no_file(dialog, database, people, tmp_path, monkeypatch):
    fill(database, people, 4000)
    dialog.refresh()
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a: (str(folder / "log.xlsx"), "")))
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)  # Cancel at the first window
    assert wait_for(dialog.export()) is None
    assert list(folder.iterdir()) == [] and lines(database, "audit_export") == []
    assert dialog.status.text() == dialog.tr("Export cancelled; no file was written.")


def test_i7_without_the_permission_a_message_and_never_the_dialog(app, database, people, qtbot, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: told.append(text)))
    assert show_audit_log(None, database, people["clerk"]) is None
    assert told == ["钱文员（业务员）无权查阅审计日志。"]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, AuditLogDialog) and w.isVisible()]
    denied = lines(database, "denied")
    assert len(denied) == 1 and denied[0].staff_id == people["clerk"].staff_id
    assert lines(database, "audit_view") == []
    with pytest.raises(Exception):
        AuditLogDialog(database, people["technician"])


# -- File → Audit log in the main window ------------------------------------------------------------



def test_i7_the_file_menu_opens_the_audit_log(window, demo_database, qtbot):
    menu = window.menuBar().actions()[0].menu()
    entries = menu.actions()
    assert entries.index(window.act_audit_log) > entries.index(window.act_accounts)
    window.act_audit_log.trigger()
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, AuditLogDialog) and w.isVisible()]
    assert len(opened) == 1
    qtbot.addWidget(opened[0])
    assert opened[0].model.total >= 1 and opened[0].model.index(0, 3).data() == label("audit_view")
    assert [e.action for e in lines(demo_database)][-1] == "audit_view"


def test_i7_the_chain_is_checked_from_the_viewer_and_a_changed_line_is_named(app, database, people, qtbot):
    """Issue 15, item 7: 检查链条 walks every line in the background; intact, the status line
    says so; a line changed with sqlite3 is named in red above the table."""
    import sqlite3

    fill(database, people, 40)
    dialog = AuditLogDialog(database, people["admin"])
    qtbot.addWidget(dialog)
    dialog.show()
    wait_for(dialog.check_chain())
    assert dialog.message.isHidden() and "41" in dialog.status.text()  # and the viewer's own line
    path = database.engine.url.database
    raw = sqlite3.connect(path)
    with raw:
        raw.execute("DROP TRIGGER audit_log_no_update")
        raw.execute("UPDATE audit_log SET target_id = 'XK999999' WHERE id = 12")
    raw.close()
    wait_for(dialog.check_chain())
    assert not dialog.message.isHidden() and "12" in dialog.message.text()
    assert lines(database)[-1].action == "audit_verify"  # the check is itself a line
