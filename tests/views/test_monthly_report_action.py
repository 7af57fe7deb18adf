"""Reports → Monthly technician report: month picker, progress that cancels, the file."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QProgressDialog

from crm_desktop import demo
from crm_desktop.views.background import wait_for
from crm_desktop.views.monthly_report_action import save_monthly_report


def test_the_month_chosen_is_written_and_a_cancel_leaves_no_file(app, database, qtbot, tmp_path, monkeypatch):
    demo.generate(database, calls=300, seed=5)

    def october(dialog):
        qtbot.addWidget(dialog)
        dialog.month.setDate(QDate(2026, 10, 1))
        return QDialog.DialogCode.Accepted

    path = wait_for(save_monthly_report(None, database, ask=october, path=str(tmp_path / "10.xlsx")))
    assert path is not None and path.exists()
    book = load_workbook(path)
    assert "2026" in str(book.worksheets[0]["A1"].value) and len(book.worksheets) > 1

    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    assert wait_for(save_monthly_report(None, database, ask=october, path=str(tmp_path / "cancelled.xlsx"))) is None
    assert not (tmp_path / "cancelled.xlsx").exists()
    assert save_monthly_report(None, database, ask=lambda d: QDialog.DialogCode.Rejected) is None
