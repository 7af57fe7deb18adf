"""Reports → Daily reports: a day's work by technician and kind (S10, S11), the manager's
sign-off (S12) and any amendment since, printed or saved as a workbook."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import clock
from ..db import Database
from ..services import daily_reports, labels, users
from .delegates import from_qdate, to_qdate
from .errors import message_of, show_error
from .i18n import translate
from .save_dialog import ask_save_path

log = logging.getLogger(__name__)


def _hours(value) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


class DailyReportDialog(QDialog):
    def __init__(self, database: Database, current_user_id: int | None = None, parent: QWidget | None = None,
                 day: date | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.current_user_id = current_user_id
        self.preview = None
        self.setWindowTitle(self.tr("Daily reports"))
        self.resize(860, 620)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Day")))
        self.day = QDateEdit(to_qdate(day or clock.today() - timedelta(days=1)))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.dateChanged.connect(lambda _d: self.load())
        top.addWidget(self.day)
        top.addStretch(1)
        self.state = QLabel()
        self.state.setObjectName("signoff_state")
        top.addWidget(self.state)
        layout.addLayout(top)

        self.summary = QTableWidget(0, 9)
        self.summary.setObjectName("summary")
        kinds = [labels.SERVICE_KIND[k].tr(translate) for k in daily_reports.KINDS]
        headers = [self.tr("Technician")]
        for kind in kinds:
            headers += [self.tr("%1 jobs").replace("%1", kind), self.tr("%1 hours").replace("%1", kind)]
        headers += [self.tr("Jobs"), self.tr("Hours")]
        self.summary.setHorizontalHeaderLabels(headers)
        self.summary.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.summary.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.summary, 1)

        self.lines = QTableWidget(0, 6)
        self.lines.setObjectName("lines")
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Technician"), self.tr("Call no."), self.tr("Customer"), self.tr("Kind"), self.tr("On site / repair"),
             self.tr("Hours")]
        )
        self.lines.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.lines.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.lines.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        layout.addWidget(self.lines, 2)

        self.amendments = QLabel()
        self.amendments.setObjectName("amendments")
        self.amendments.setWordWrap(True)
        self.amendments.setStyleSheet("color: #b35c00;")
        self.amendments.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.amendments)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.sign_button = QPushButton(self.tr("Sign as manager…"))
        self.sign_button.setObjectName("sign_button")
        self.print_supervisor = QPushButton(self.tr("Print supervisor report…"))
        self.print_technician = QPushButton(self.tr("Print technician reports…"))
        self.export_button = QPushButton(self.tr("Save as Excel…"))
        for button in (self.sign_button, self.print_supervisor, self.print_technician, self.export_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.sign_button.clicked.connect(lambda: self._guarded(self.sign))
        self.print_supervisor.clicked.connect(lambda: self._guarded(lambda: self.print_report("supervisor_daily")))
        self.print_technician.clicked.connect(lambda: self._guarded(lambda: self.print_report("technician_daily")))
        self.export_button.clicked.connect(lambda: self._guarded(self.export))
        layout.addWidget(buttons)
        self.load()

    # -- showing ---------------------------------------------------------------------------------
    def selected_day(self) -> date:
        return from_qdate(self.day.date())

    def load(self) -> None:
        day = self.selected_day()
        with self.database.read_session() as session:
            report = daily_reports.supervisor_day(session, day)
            user = users.find_user(session, self.current_user_id)
        self.report = report
        self.summary.setRowCount(0)
        for name, totals in report.technicians + ([(self.tr("Total"), report.totals)] if report.technicians else []):
            row = self.summary.rowCount()
            self.summary.insertRow(row)
            values = [name]
            for kind in daily_reports.KINDS:
                values += [str(totals.jobs[kind]), _hours(totals.hours[kind])]
            values += [str(totals.total_jobs), _hours(totals.total_hours)]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.summary.setItem(row, col, item)
        self.lines.setRowCount(0)
        for line in report.lines:
            row = self.lines.rowCount()
            self.lines.insertRow(row)
            mode = labels.WORK_MODE.get(line.mode)
            for col, value in enumerate([line.technician, line.call_no, line.customer_name, line.service_kind,
                                         mode.tr(translate) if mode else line.mode, _hours(line.hours)]):
                self.lines.setItem(row, col, QTableWidgetItem(value))
        if report.signoff is None:
            self.state.setText(self.tr("Not signed by the manager yet"))
            self.state.setStyleSheet("color: #b00020;")
        else:
            self.state.setText(
                self.tr("Signed by %1 at %2").replace("%1", report.signoff.signed_by)
                .replace("%2", report.signoff.signed_at.strftime("%Y-%m-%d %H:%M"))
            )
            self.state.setStyleSheet("color: #1b6e20;")
        self.amendments.setText(self._amendments_text(report))
        self.amendments.setVisible(bool(report.amendments))
        is_manager = user is not None and user.role == "manager"
        self.sign_button.setEnabled(report.signoff is None and is_manager and day <= clock.today())
        self.sign_button.setToolTip(
            "" if is_manager else self.tr("Only the branch manager signs the daily report (S12).")
        )

    def _amendments_text(self, report: daily_reports.SupervisorDay) -> str:
        if not report.amendments:
            return ""
        parts = [self.tr("Changed after the signature:")]
        for a in report.amendments:
            template = self.tr("+ %1 %2 %3 h (entered %4 by %5)") if a.change == "added" else \
                self.tr("− %1 %2 %3 h (taken back %4 by %5)")
            at = a.recorded_at.strftime("%Y-%m-%d %H:%M") if a.recorded_at and a.recorded_at.year > 1 else ""
            parts.append(template.replace("%1", a.line.technician).replace("%2", a.line.call_no)
                         .replace("%3", _hours(a.line.hours)).replace("%4", at).replace("%5", a.recorded_by))
        corrected = report.corrected
        parts.append(self.tr("Corrected totals: %1 jobs, %2 h").replace("%1", str(corrected.total_jobs))
                     .replace("%2", _hours(corrected.total_hours)))
        return "\n".join(parts)

    # -- actions ---------------------------------------------------------------------------------
    def _guarded(self, action) -> None:
        try:
            action()
        except Exception as exc:  # a short message; the log keeps the rest
            show_error(self, exc)

    def sign(self, confirm=None) -> None:
        day = self.selected_day()
        question = self.tr("Sign the daily report of %1? The figures are then fixed; later corrections show as amendments.") \
            .replace("%1", day.isoformat())
        ask = confirm or (lambda: QMessageBox.question(self, self.tr("Sign the daily report"), question)
                          == QMessageBox.StandardButton.Yes)
        if not ask():
            return
        with self.database.Session.begin() as session:
            daily_reports.sign_off(session, day, self.current_user_id)
        self.load()

    def print_report(self, form: str) -> None:
        from .print_actions import preview_period

        day = self.selected_day()
        self.preview = preview_period(self, self.database, form, day, day)

    def export(self, path: str | None = None) -> Path | None:
        from ..exports.daily_workbook import write_daily_report

        day = self.selected_day()
        if path is None:
            chosen = ask_save_path(self, self.tr("Save as Excel"), f"{self.tr('Daily report')}-{day.isoformat()}.xlsx",
                                   self.tr("Excel workbooks (*.xlsx)"))
            if chosen is None:
                return None
            path = str(chosen)
        try:
            return write_daily_report(self.database, day, path, translate=translate)
        except OSError as exc:
            log.warning("daily report not saved: %s", exc)
            QMessageBox.warning(self, self.tr("Save as Excel"),
                                self.tr("Could not save %1: %2").replace("%1", str(path)).replace("%2", message_of(exc)))
            return None
