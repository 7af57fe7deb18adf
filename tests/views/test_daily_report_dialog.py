"""Reports → Daily reports: the day's figures, the manager's sign-off (S12) and the
amendments after it, printing and saving as a workbook."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from crm_desktop.models import DailyReportSignoff
from crm_desktop.services import process
from crm_desktop.views.daily_report_dialog import DailyReportDialog

from .branch_data import at, build, with_manager

DAY = date(2026, 11, 23)


@pytest.fixture
def branch_office(database):
    return with_manager(database, build(database))


def test_the_day_is_shown_and_only_the_manager_may_sign(app, database, branch_office, qtbot):
    clerk_view = DailyReportDialog(database, current_user_id=branch_office.clerk, day=DAY)
    qtbot.addWidget(clerk_view)
    assert clerk_view.lines.rowCount() >= 1 and clerk_view.summary.rowCount() >= 2  # a technician and the total
    assert not clerk_view.sign_button.isEnabled() and "经理" in clerk_view.sign_button.toolTip()
    assert "未" in clerk_view.state.text()

    dialog = DailyReportDialog(database, current_user_id=branch_office.manager, day=DAY)
    qtbot.addWidget(dialog)
    assert dialog.sign_button.isEnabled()
    dialog.sign(confirm=lambda: True)
    with database.read_session() as s:
        row = s.scalar(select(DailyReportSignoff))
        assert row.day == DAY and row.signed_by_id == branch_office.manager
    assert "周经理" in dialog.state.text() and not dialog.sign_button.isEnabled()


def test_an_amendment_after_the_signature_is_shown_apart(app, database, branch_office, qtbot):
    dialog = DailyReportDialog(database, current_user_id=branch_office.manager, day=DAY)
    qtbot.addWidget(dialog)
    dialog.sign(confirm=lambda: True)
    rows_signed = dialog.lines.rowCount()
    with database.Session.begin() as s:
        process.finish_repair(s, branch_office.at_risk[2], when=at(23, 17, 30), repair_hours="2.5", by_id=branch_office.zhao)
    dialog.load()
    assert dialog.lines.rowCount() == rows_signed  # the signed report does not change
    assert not dialog.amendments.isHidden() and "赵技师" in dialog.amendments.text() and "2.5" in dialog.amendments.text()
    dialog.resize(900, 640)
    dialog.grab().save("/tmp/daily_report_signed.png")  # to look at


def test_print_and_save_as_excel(app, database, branch_office, qtbot, tmp_path):
    dialog = DailyReportDialog(database, current_user_id=branch_office.clerk, day=DAY)
    qtbot.addWidget(dialog)
    dialog.print_report("supervisor_daily")
    assert dialog.preview is not None and "服务主任日报表" in dialog.preview.windowTitle()
    dialog.preview.close()
    path = dialog.export(str(tmp_path / "day.xlsx"))
    assert path is not None and load_workbook(path).worksheets[0]["A3"].value == "技术员"
