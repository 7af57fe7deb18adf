"""Reports → Monthly technician report: a month picker, the file, and the workbook written
in the background under a progress dialog that can be cancelled (nothing is left behind
then)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QMessageBox, QWidget

from .. import clock
from ..db import Database
from . import background
from .background import Task
from .errors import message_of
from .i18n import translate
from .save_dialog import ask_save_path


class MonthDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, today: date | None = None, ok_text: str | None = None) -> None:
        super().__init__(parent)
        today = today or clock.today()
        self.setWindowTitle(self.tr("Monthly technician report"))
        layout = QFormLayout(self)
        last_month = QDate(today.year, today.month, 1).addMonths(-1)
        self.month = QDateEdit(last_month)
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setMaximumDate(QDate(today.year, today.month, 1))
        layout.addRow(self.tr("Month"), self.month)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text or self.tr("Save as Excel…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def year_month(self) -> tuple[int, int]:
        chosen = self.month.date()
        return chosen.year(), chosen.month()


def save_monthly_report(
    parent: QWidget | None, database: Database, *, ask: Callable[[QDialog], int] | None = None,
    path: str | None = None,
) -> Task | None:
    """Ask for the month and the file, then write the workbook in the background under a
    cancellable progress dialog. The running task — its ``outcome`` the path written, or None
    when cancelled or not written — or None when no month or file was chosen."""
    from ..exports.monthly_workbook import write_monthly_report

    dialog = MonthDialog(parent)
    if (ask or QDialog.exec)(dialog) != QDialog.DialogCode.Accepted:
        return None
    year, month = dialog.year_month()
    if path is None:
        name = QCoreApplication.translate("MonthlyReportAction", "Technicians %1").replace("%1", f"{year}-{month:02d}")
        chosen = ask_save_path(parent, QCoreApplication.translate("MonthlyReportAction", "Save the monthly report"),
                               f"{name}.xlsx",
                               QCoreApplication.translate("MonthlyReportAction", "Excel workbooks (*.xlsx)"))
        if chosen is None:
            return None
        path = str(chosen)
    target = path

    def written(report) -> Path:
        window = parent.window() if parent is not None else None
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(
                QCoreApplication.translate("MonthlyReportAction", "Monthly report written to %1")
                .replace("%1", str(report.path)),
                15_000,
            )
        return Path(report.path)

    def failed(exc: BaseException) -> None:
        title = QCoreApplication.translate("MonthlyReportAction", "Monthly technician report")
        if isinstance(exc, OSError):  # logged with its traceback by the background helper
            text = QCoreApplication.translate("MonthlyReportAction", "Could not save %1: %2")
            QMessageBox.warning(parent, title, text.replace("%1", str(target)).replace("%2", message_of(exc)))
        else:  # a refusal in its words; a bug (logged by the background helper) as the short apology
            QMessageBox.warning(parent, title, message_of(exc))

    return background.run_in_background(
        parent,
        lambda progress: write_monthly_report(database, year, month, target, progress=progress, translate=translate),
        written,
        on_failure=failed,
        label=QCoreApplication.translate("MonthlyReportAction", "Computing the month and writing the workbook…"),
        title=QCoreApplication.translate("MonthlyReportAction", "Monthly technician report"),
    )


def preview_monthly_summary(parent: QWidget | None, database: Database, user, *,
                            ask: Callable[[QDialog], int] | None = None) -> Task | None:
    """报表 → 月报汇总: the month asked for, then its summary (one line per technician, the
    branch's totals, the signatures) drawn from forms/monthly_summary.toml into the preview.
    The running task, or None when no month was chosen."""
    from ..services import lists
    from .list_output import ListSource, print_list

    dialog = MonthDialog(parent, ok_text=QCoreApplication.translate("MonthlyReportAction", "Preview"))
    if (ask or QDialog.exec)(dialog) != QDialog.DialogCode.Accepted:
        return None
    year, month = dialog.year_month()
    source = ListSource("monthly_summary", lambda session: lists.monthly_summary(session, year, month, translate),
                        {"month": f"{year}-{month:02d}"})
    return print_list(parent, database, user, source)
