"""The day's work lists the process puts before people (services/worklists.py):

* 待开发票 — the accountant's invoices to issue (S5 the same day the voucher comes back,
  S8 the day the goods go back); the invoice itself is made in the tax-control system and
  only its number is recorded here (``process.record_invoice``, accountants only).
* 逾期维修预警 — the supervisor's repairs that have missed or will miss their promised date,
  with the technicians' escalation notes (S9); a technician escalates from here too
  (``process.escalate``).

Each page reads its list in one short session on ``refresh()`` and holds the plain rows
the service returns (a day's list is short); the model never keeps a session.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import clock
from ..db import Database
from ..services import deadlines, labels, worklists
from ..services.calendar import calendar_from_database
from ..services.worklists import InvoiceDue, RepairAtRisk
from .dialogs.form import run_dialog
from .i18n import translate
from .table_model import DEADLINE_COLOURS, ROW_ID_ROLE

OVERDUE_BACKGROUND = DEADLINE_COLOURS[deadlines.OVERDUE]  # the registers' red
DUE_SOON_BACKGROUND = DEADLINE_COLOURS[deadlines.DUE_SOON]  # and amber
CALL_ID_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


def _now() -> datetime:
    return clock.now_to_minute()


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    return label


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555;")
    return label


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(False)  # the rows carry the deadline colours
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    view.setWordWrap(False)
    return view


class _ListModel(QAbstractTableModel):
    """A short list of frozen rows shown whole; subclasses say how each cell reads."""

    KEYS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.today = clock.today()

    def headers(self) -> list[str]:  # pragma: no cover - every model names its columns
        raise NotImplementedError

    def set_rows(self, rows: list[Any], today: date) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.today = today
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.KEYS):
            return self.headers()[section]
        return None

    def row(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None


# --------------------------------------------------------------------------- 待开发票 (S5, S8)


class InvoicesModel(_ListModel):
    KEYS = ("call_no", "customer_name", "fee", "due_on", "collected", "state")

    def headers(self) -> list[str]:
        return [
            self.tr("Call no."), self.tr("Customer"), self.tr("Fee (yuan)"), self.tr("Invoice due"),
            self.tr("Collected on site"), self.tr("State"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r: InvoiceDue | None = self.row(index.row())
        if r is None:
            return None
        key = self.KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "fee":
                return f"{r.fee:,.2f}"
            if key == "due_on":
                return r.due_on.isoformat()
            if key == "collected":
                if r.collected is None:
                    return self.tr("No: invoice, collect later")
                return self.tr("Yes, %1 yuan: mail the invoice").replace("%1", f"{r.collected:,.2f}")
            if key == "state":
                if r.overdue:
                    return self.tr("Overdue by %1 days").replace("%1", str((self.today - r.due_on).days))
                return self.tr("Due today")
            return getattr(r, key)
        if role == Qt.ItemDataRole.BackgroundRole and r.overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "fee":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (ROW_ID_ROLE, CALL_ID_ROLE):
            return r.call_id
        return None


def __getattr__(name: str):
    """The step forms these lists open (the same as the call's process tab), imported only
    when one is wanted: the window starts without the process forms."""
    if name in ("InvoiceNumberDialog", "EscalateDialog"):
        from .dialogs import steps

        return steps.InvoiceDialog if name == "InvoiceNumberDialog" else steps.EscalateStepDialog
    raise AttributeError(name)


class _ListPage(QWidget):
    """A list read when first shown: the window starts without its queries."""

    _loaded = False

    def __init__(self, database: Database, current_user_id: int | None, model: QAbstractTableModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.current_user_id = current_user_id
        self.clock: Callable[[], date] = clock.today  # what "today" is (tests set it)
        self.model = model
        model.setParent(self)
        self.view = _table(model)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:  # pragma: no cover - every page implements it
        raise NotImplementedError

    def list_source(self):  # pragma: no cover - every page implements it
        """The list as this page shows it, for paper and Excel (list_output.ListSource)."""
        raise NotImplementedError

    def user(self):
        from ..services import auth

        with self.database.read_session() as session:
            return auth.user_of(session, self.current_user_id)

    def _output_buttons(self) -> QHBoxLayout:
        from .list_output import output_buttons

        row, self.print_button, self.export_button = output_buttons(self, self.database, self.user, self.list_source)
        return row

    def print_list(self):
        """The list on paper, in the print preview (the task drawing it)."""
        from .list_output import print_list

        return print_list(self, self.database, self.user(), self.list_source())

    def export_list(self):
        from .list_output import export_list

        return export_list(self, self.database, self.user(), self.list_source())


class InvoicesPage(_ListPage):
    """待开发票: the accountant's list of paid jobs waiting for their invoice number."""

    invoiceRecorded = Signal(int)  # noqa: N815 - the call id

    def __init__(self, database: Database, current_user_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(database, current_user_id, InvoicesModel(), parent)
        self.view.setObjectName("invoices")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 140), (2, 100), (3, 100), (4, 210), (5, 120)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(lambda _i: self.record_invoice())
        self.count_label = QLabel()
        self.count_label.setObjectName("invoice_count")
        self.record_button = QPushButton(self.tr("Record invoice number…"))
        self.record_button.setObjectName("record_invoice")
        self.record_button.clicked.connect(lambda: self.record_invoice())
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setObjectName("refresh")
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(_title(self.tr("Invoices to issue")))
        top.addStretch(1)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addStretch(1)
        buttons.addLayout(self._output_buttons())
        buttons.addWidget(refresh)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(_hint(self.tr(
            "Paid jobs whose signed voucher came back (S5) or whose goods went back to the customer (S8), "
            "without an invoice number yet. Red: due on an earlier day."
        )))
        box.addWidget(self.view, 1)
        box.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())

    def refresh(self) -> None:
        self._loaded = True
        today = self.clock()
        with self.database.read_session() as s:
            rows = worklists.invoices_to_issue(s, today)
        selected = self.selected_call_id()
        self.model.set_rows(rows, today)
        overdue = sum(1 for r in rows if r.overdue)
        self.count_label.setText(
            self.tr("%1 to issue, %2 overdue").replace("%1", str(len(rows))).replace("%2", str(overdue))
        )
        self.select_call(selected)
        self._enable()

    def list_source(self):
        from ..services import lists
        from .list_output import ListSource

        today = self.clock()
        return ListSource("invoices_to_issue", lambda session: lists.invoices_to_issue(session, today, translate))

    def _enable(self) -> None:
        self.record_button.setEnabled(self.selected_call_id() is not None)

    def selected_call_id(self) -> int | None:
        model = self.view.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return rows[0].data(CALL_ID_ROLE) if rows else None

    def select_call(self, call_id: int | None) -> None:
        for row, r in enumerate(self.model.rows):
            if r.call_id == call_id:
                self.view.selectRow(row)
                return

    def invoice_dialog(self, call_id: int):
        from .dialogs.steps import InvoiceDialog

        return InvoiceDialog(self.database, call_id, self, by_id=self.current_user_id)

    def record_invoice(self, call_id: int | None = None) -> int | None:
        call_id = call_id if call_id is not None else self.selected_call_id()
        if call_id is None:
            return None
        saved = run_dialog(self.invoice_dialog(call_id), None)
        if saved is not None:
            self.refresh()
            self.invoiceRecorded.emit(saved)
        return saved


# --------------------------------------------------------------------------- 逾期维修预警 (S9)


class RepairsAtRiskModel(_ListModel):
    KEYS = ("card_no", "call_no", "customer_name", "product_model", "technician", "promised_date",
            "working_days_left", "status", "escalation_note")

    def headers(self) -> list[str]:
        return [
            self.tr("Repair card"), self.tr("Call no."), self.tr("Customer"), self.tr("Model"), self.tr("Technician"),
            self.tr("Promised"), self.tr("Working days left"), self.tr("Status"), self.tr("Escalation note"),
        ]

    def days_text(self, left: int, promised: date | None) -> str:
        if promised is None:
            return self.tr("no promised date")
        if left < 0:
            return self.tr("missed by %1 working days").replace("%1", str(-left))
        if left == 0:
            return self.tr("due today")
        return self.tr("%1 working days left").replace("%1", str(left))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r: RepairAtRisk | None = self.row(index.row())
        if r is None:
            return None
        key = self.KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "promised_date":
                return r.promised_date.isoformat() if r.promised_date else ""
            if key == "working_days_left":
                return self.days_text(r.working_days_left, r.promised_date)
            if key == "status":
                label = labels.REPAIR_CARD_STATUS.get(r.status)
                return label.tr(translate) if label else r.status
            if key == "escalation_note":
                return " ".join((r.escalation_note or "").split())
            return getattr(r, key) or ""
        if role == Qt.ItemDataRole.ToolTipRole and key == "escalation_note" and r.escalation_note:
            when = r.escalated_at.strftime("%Y-%m-%d %H:%M") if r.escalated_at else ""
            return self.tr("Escalated %1:\n%2").replace("%1", when).replace("%2", r.escalation_note)
        if role == Qt.ItemDataRole.BackgroundRole and r.promised_date is not None:
            if r.working_days_left < 0:
                return QBrush(OVERDUE_BACKGROUND)
            if r.working_days_left <= 1:
                return QBrush(DUE_SOON_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and key == "escalation_note" and r.escalation_note:
            return QBrush(QColor("#8a1c00"))
        if role == ROW_ID_ROLE:
            return r.card_id
        if role == CALL_ID_ROLE:
            return r.call_id
        return None


class RepairsAtRiskPage(_ListPage):
    """逾期维修预警: repairs not through inspection whose promised date has passed or comes
    within a few working days, and every escalated one; the most urgent first."""

    callActivated = Signal(int)  # noqa: N815 - the main window opens the call
    escalated = Signal(int)

    def __init__(self, database: Database, current_user_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(database, current_user_id, RepairsAtRiskModel(), parent)
        self.view.setObjectName("repairs_at_risk")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 115), (1, 130), (2, 210), (3, 135), (4, 70), (5, 90), (6, 125), (7, 90)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(self._activated)
        self.within = QSpinBox()
        self.within.setObjectName("within")
        self.within.setRange(0, 30)
        self.within.setValue(1)
        self.within.valueChanged.connect(lambda _v: self.refresh())
        self.count_label = QLabel()
        self.count_label.setObjectName("risk_count")
        self.escalate_button = QPushButton(self.tr("Escalate to the supervisor…"))
        self.escalate_button.setObjectName("escalate")
        self.escalate_button.clicked.connect(lambda: self.escalate())
        self.open_button = QPushButton(self.tr("Open the call"))
        self.open_button.setObjectName("open_call")
        self.open_button.clicked.connect(self._open_selected)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setObjectName("refresh")
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(_title(self.tr("Repairs at risk")))
        top.addStretch(1)
        top.addWidget(self.count_label)
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Show repairs promised within")))
        options.addWidget(self.within)
        options.addWidget(QLabel(self.tr("working days, and every escalated one")))
        options.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.escalate_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addLayout(self._output_buttons())
        buttons.addWidget(refresh)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(_hint(self.tr(
            "Red: the promised date is missed. Amber: due today or on the next working day. "
            "Double-click a line to open its call."
        )))
        box.addLayout(options)
        box.addWidget(self.view, 1)
        box.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())

    def refresh(self) -> None:
        self._loaded = True
        today = self.clock()
        with self.database.read_session() as s:
            rows = worklists.repairs_at_risk(
                s, today, calendar_from_database(s), within_working_days=self.within.value()
            )
        selected = self.selected_row()
        self.model.set_rows(rows, today)
        missed = sum(1 for r in rows if r.promised_date is not None and r.working_days_left < 0)
        escalated = sum(1 for r in rows if r.escalation_note)
        self.count_label.setText(
            self.tr("%1 repairs: %2 missed, %3 escalated").replace("%1", str(len(rows))).replace("%2", str(missed))
            .replace("%3", str(escalated))
        )
        if selected is not None:
            self.select_card(selected.card_id)
        self._enable()

    def list_source(self):
        from ..services import lists
        from .list_output import ListSource

        today, within = self.clock(), self.within.value()
        return ListSource("repairs_at_risk", lambda session: lists.repairs_at_risk(session, today, translate, within),
                          {"within": within})

    def _enable(self) -> None:
        row = self.selected_row()
        has_call = row is not None and row.call_id is not None
        self.escalate_button.setEnabled(has_call)
        self.open_button.setEnabled(has_call)

    def selected_row(self) -> RepairAtRisk | None:
        model = self.view.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return self.model.row(rows[0].row()) if rows else None

    def select_card(self, card_id: int) -> None:
        for row, r in enumerate(self.model.rows):
            if r.card_id == card_id:
                self.view.selectRow(row)
                return

    def _activated(self, index: QModelIndex) -> None:
        call_id = index.data(CALL_ID_ROLE)
        if call_id is not None:
            self.callActivated.emit(call_id)

    def _open_selected(self) -> None:
        row = self.selected_row()
        if row is not None and row.call_id is not None:
            self.callActivated.emit(row.call_id)

    def escalate_dialog(self, call_id: int):
        from .dialogs.steps import EscalateStepDialog

        return EscalateStepDialog(self.database, call_id, self, by_id=self.current_user_id)

    def escalate(self, call_id: int | None = None) -> int | None:
        if call_id is None:
            row = self.selected_row()
            call_id = row.call_id if row is not None else None
        if call_id is None:
            return None
        saved = run_dialog(self.escalate_dialog(call_id), None)
        if saved is not None:
            self.refresh()
            self.escalated.emit(saved)
        return saved
