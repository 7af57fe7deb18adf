"""Reports → Monthly technician report: a month picker, the file, and a progress dialog
that can be cancelled (nothing is left behind then)."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QDate, QSettings, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from .. import clock
from ..db import Database
from .errors import message_of
from .table_model import translate

log = logging.getLogger(__name__)
LAST_FOLDER_KEY = "export/last_folder"


class MonthDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
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
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save as Excel…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def year_month(self) -> tuple[int, int]:
        chosen = self.month.date()
        return chosen.year(), chosen.month()


def save_monthly_report(
    parent: QWidget | None, database: Database, *, ask: Callable[[QDialog], int] | None = None,
    path: str | None = None,
) -> Path | None:
    """Ask for the month and the file, write the workbook under a cancellable progress dialog;
    the path written, or None (cancelled or not written)."""
    from ..exports.monthly_workbook import write_monthly_report
    from ..progress import Cancelled

    dialog = MonthDialog(parent)
    if (ask or QDialog.exec)(dialog) != QDialog.DialogCode.Accepted:
        return None
    year, month = dialog.year_month()
    if path is None:
        settings = QSettings()
        folder = settings.value(LAST_FOLDER_KEY) or ""
        name = QCoreApplication.translate("MonthlyReportAction", "Technicians %1").replace("%1", f"{year}-{month:02d}")
        path, _filter = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("MonthlyReportAction", "Save the monthly report"),
            str(Path(folder) / f"{name}.xlsx"), QCoreApplication.translate("MonthlyReportAction", "Excel workbooks (*.xlsx)"),
        )
        if not path:
            return None
        settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))
    progress = QProgressDialog(
        QCoreApplication.translate("MonthlyReportAction", "Computing the month and writing the workbook…"),
        QCoreApplication.translate("MonthlyReportAction", "Cancel"), 0, 0, parent,
    )
    progress.setWindowTitle(QCoreApplication.translate("MonthlyReportAction", "Monthly technician report"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def step(done: int, total: int) -> bool:
        progress.setMaximum(max(total, 1))
        progress.setValue(min(done, total))
        QCoreApplication.processEvents()
        return not progress.wasCanceled()

    try:
        report = write_monthly_report(database, year, month, path, progress=step, translate=translate)
    except Cancelled:
        return None
    except OSError as exc:
        log.warning("monthly report not saved: %s", exc)
        QMessageBox.warning(
            parent, QCoreApplication.translate("MonthlyReportAction", "Monthly technician report"),
            QCoreApplication.translate("MonthlyReportAction", "Could not save %1: %2").replace("%1", str(path))
            .replace("%2", message_of(exc)),
        )
        return None
    finally:
        progress.close()
    window = parent.window() if parent is not None else None
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(
            QCoreApplication.translate("MonthlyReportAction", "Monthly report written to %1").replace("%1", str(report.path)),
            15_000,
        )
    return Path(report.path)
