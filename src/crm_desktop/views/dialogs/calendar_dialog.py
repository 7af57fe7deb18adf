"""Settings of the working calendar (S14): the branch timetable and, per year, the official
days off and make-up working days, so that the clerk enters next year's arrangement in a
few minutes when the State Council publishes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QWidget,
)
from sqlalchemy.orm import Session

from ... import clock
from ...db import Database
from ...errors import UserError
from ...progress import Progress
from ...services import calendar as calendar_service
from ...services import deadlines as deadline_service
from .. import background
from ..delegates import from_qdate, to_qdate
from ..errors import message_of
from ..i18n import translate
from .form import RecordDialog

KINDS = ("off", "work")
PROGRESS_DELAY_MS = 500  # a recompute of a few hundred calls ends before the progress shows


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> time:
    return time(value.hour(), value.minute())


class CalendarDialog(RecordDialog):
    register_name = "service_call"

    def __init__(self, database: Database, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(database, parent)
        self.task: background.Task | None = None  # the save running in the background
        self.setWindowTitle(self.tr("Working calendar"))
        self.setMinimumWidth(560)
        today = today or clock.today()
        with database.Session() as s:
            timetable = calendar_service.load_timetable(s)
            calendar = calendar_service.calendar_from_database(s)

        days = QWidget()
        row = QHBoxLayout(days)
        row.setContentsMargins(0, 0, 0, 0)
        self.weekday_boxes = []
        for number, name in enumerate(
            [self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"), self.tr("Sat"), self.tr("Sun")]
        ):
            box = QCheckBox(name)
            box.setChecked(number in timetable.weekdays)
            self.weekday_boxes.append(box)
            row.addWidget(box)
        self.add_field("weekdays", self.tr("Working weekdays"), days)

        periods = QWidget()
        line = QHBoxLayout(periods)
        line.setContentsMargins(0, 0, 0, 0)
        self.period_edits: list[tuple[QTimeEdit, QTimeEdit]] = []
        for start, end in (list(timetable.periods) + [(time(13, 0), time(17, 30))])[:2]:
            a, b = QTimeEdit(_qtime(start)), QTimeEdit(_qtime(end))
            a.setDisplayFormat("HH:mm")
            b.setDisplayFormat("HH:mm")
            self.period_edits.append((a, b))
            line.addWidget(a)
            line.addWidget(QLabel("–"))
            line.addWidget(b)
            line.addSpacing(12)
        self.add_field("periods", self.tr("Working hours (morning, afternoon)"), periods)

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year + 1 if today.month == 12 else today.year)
        self.year.valueChanged.connect(self._load_year)
        self.add_field("year", self.tr("Holiday arrangement of"), self.year)
        self.days = QTableWidget(0, 3)
        self.days.setObjectName("days")
        self.days.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Day off or make-up working day"), self.tr("Name")])
        self.days.horizontalHeader().setStretchLastSection(True)
        self.days.setColumnWidth(0, 130)
        self.days.setColumnWidth(1, 150)
        self.days.setMinimumHeight(220)
        self.add_field("day", self.tr("Days"), self.days)
        span = QWidget()
        line = QHBoxLayout(span)
        line.setContentsMargins(0, 0, 0, 0)
        self.span_from, self.span_to = QDateEdit(), QDateEdit()
        for edit in (self.span_from, self.span_to):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
            edit.setDate(to_qdate(date(self.year.value(), 1, 1)))
        self.span_kind = QComboBox()
        self.span_kind.addItem(self.tr("Day off"), "off")
        self.span_kind.addItem(self.tr("Make-up working day"), "work")
        self.span_name = QLineEdit()
        self.span_name.setPlaceholderText(self.tr("e.g. Spring Festival"))
        add_span = QPushButton(self.tr("Add these days"))
        add_span.setObjectName("add_span")
        add_span.clicked.connect(self.add_span)
        line.addWidget(self.span_from)
        line.addWidget(QLabel("–"))
        line.addWidget(self.span_to)
        line.addWidget(self.span_kind)
        line.addWidget(self.span_name, 1)
        line.addWidget(add_span)
        self.form.addRow(self.tr("From – to"), span)
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        add = QPushButton(self.tr("Add day"))
        add.setObjectName("add_day")
        add.clicked.connect(lambda: self.add_day(date(self.year.value(), 1, 1), "off", ""))
        remove = QPushButton(self.tr("Remove selected day"))
        remove.clicked.connect(self._remove_day)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.form.addRow("", buttons)
        self.notice = QLabel(calendar_service.missing_arrangement_notice(calendar.missing_arrangement(today), translate) or "")
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b35c00;")
        self.body.addWidget(self.notice)
        self.finish_layout()
        self._load_year()

    def field_for(self, service_field: str | None) -> str | None:
        if service_field == "days_off":
            return "day"
        return super().field_for(service_field)

    def add_day(self, day: date, kind: str, name: str) -> None:
        row = self.days.rowCount()
        self.days.insertRow(row)
        edit = QDateEdit(to_qdate(day))
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        self.days.setCellWidget(row, 0, edit)
        kinds = QComboBox()
        kinds.addItem(self.tr("Day off"), "off")
        kinds.addItem(self.tr("Make-up working day"), "work")
        kinds.setCurrentIndex(KINDS.index(kind))
        self.days.setCellWidget(row, 1, kinds)
        self.days.setItem(row, 2, QTableWidgetItem(name))
        # a day's editors are not the table's data: changing one is an edit of the days too
        edit.dateChanged.connect(lambda *_a: self._field_edited("day"))
        kinds.currentIndexChanged.connect(lambda *_a: self._field_edited("day"))

    def add_span(self) -> None:
        """Days from – to, all of one kind and name (a holiday is usually a run of days)."""
        first, last = from_qdate(self.span_from.date()), from_qdate(self.span_to.date())
        if last < first:
            first, last = last, first
        day = first
        while day <= last:
            self.add_day(day, self.span_kind.currentData(), self.span_name.text().strip())
            day = date.fromordinal(day.toordinal() + 1)

    def _remove_day(self) -> None:
        for row in sorted({i.row() for i in self.days.selectedIndexes()}, reverse=True):
            self.days.removeRow(row)

    def _load_year(self) -> None:
        self.days.setRowCount(0)
        for edit in (self.span_from, self.span_to):
            edit.setDate(to_qdate(date(self.year.value(), 1, 1)))
        with self.database.Session() as s:
            days_off, make_up = calendar_service.year_arrangement(s, self.year.value())
        entries = sorted([(d, "off", n) for d, n in days_off.items()] + [(d, "work", n) for d, n in make_up.items()])
        for day, kind, name in entries:
            self.add_day(day, kind, name)

    def entered_days(self) -> tuple[dict[date, str], dict[date, str]]:
        days_off: dict[date, str] = {}
        make_up: dict[date, str] = {}
        for row in range(self.days.rowCount()):
            day = from_qdate(self.days.cellWidget(row, 0).date())
            kind = self.days.cellWidget(row, 1).currentData()
            name = self.days.item(row, 2).text().strip() if self.days.item(row, 2) else ""
            (days_off if kind == "off" else make_up)[day] = name
        return days_off, make_up

    def entered(self) -> CalendarChoice:
        """What the clerk entered, read from the widgets (on the GUI thread, before the save)."""
        timetable = calendar_service.Timetable(
            weekdays=tuple(i for i, box in enumerate(self.weekday_boxes) if box.isChecked()),
            periods=tuple((_time(a.time()), _time(b.time())) for a, b in self.period_edits),
        )
        days_off, make_up = self.entered_days()
        return CalendarChoice(timetable, self.year.value(), days_off, make_up)

    def accept(self) -> None:
        """Save in the background, the whole save in one transaction there: the timetable,
        the year's arrangement and, when they change working time, the deadlines of the open
        calls (S14). Cancelling the recompute raises Cancelled and rolls everything back; the
        dialog stays open and says so."""
        self.clear_errors()
        try:
            choice = self.entered()
        except UserError as exc:  # a period that ends before it starts: refused at once, at the field
            self.show_user_error(exc)
            return
        database = self.database

        def work(progress: Progress) -> int:
            with database.Session.begin() as session:
                return save_calendar(session, choice, progress)

        def saved(saved_id: int) -> None:
            self.saved_id = saved_id
            QDialog.accept(self)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                self.show_user_error(exc)
            else:  # a bug, logged with its traceback by the background helper
                self.general_message.setText(message_of(exc))
                self.general_message.show()

        self.task = background.run_in_background(
            self, work, saved, on_failure=failed, on_cancelled=failed,
            label=self.tr("Recomputing the arrival deadlines of the open calls…"),
            title=self.tr("Working calendar"),
            show_after_ms=PROGRESS_DELAY_MS,
            name="recompute_progress",
        )


@dataclass(frozen=True)
class CalendarChoice:
    """What the clerk entered, as plain values: the save in the background takes these,
    never the widgets."""

    timetable: calendar_service.Timetable
    year: int
    days_off: dict[date, str]
    make_up: dict[date, str]


def save_calendar(session: Session, choice: CalendarChoice, progress: Progress | None = None) -> int:
    """The timetable and the year's arrangement, and, when they change working time, the
    deadlines of the open calls, in the caller's transaction (no Qt: it runs in the
    background)."""
    before = calendar_service.calendar_from_database(session)
    calendar_service.save_timetable(session, choice.timetable)
    if choice.days_off or choice.make_up:
        calendar_service.set_year_arrangement(session, choice.year, choice.days_off, choice.make_up)
    after = calendar_service.calendar_from_database(session)
    if not after.same_working_time(before):
        deadline_service.recompute_open_deadlines(session, after, progress)
    return 0
