"""The dispatch board (派工板): the supervisor's page for S3 and S13.

Left, the calls waiting for a technician, yesterday's leftovers (遗留) first and marked,
each group by arrival deadline (S14). Right, every active technician with the jobs in hand.
A call goes to a technician by selecting both and pressing 派工, or by dragging the call
onto the technician; either way ``calls.dispatch`` decides, in one transaction, and the
board reloads. The queries are in services/dispatch_board.py.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QDate,
    QLocale,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import clock
from ..db import Database
from ..services import deadlines, labels, users
from ..services.auth import LoggedIn
from ..services.calendar import WorkingCalendar, calendar_from_database
from ..services.dispatch_board import BoardCall, TechnicianJobs, technician_jobs, undispatched_calls
from ..services.registers import REGISTERS
from .errors import show_error
from .i18n import translate
from .table_model import DEADLINE_COLOURS, ROW_ID_ROLE
from .user_names import user_text

log = logging.getLogger(__name__)

CALL_MIME = "application/x-crm-desktop-call-ids"
CARRY_OVER_ROLE = Qt.ItemDataRole.UserRole + 10
TECHNICIAN_ROLE = Qt.ItemDataRole.UserRole + 11  # on a technician row and on its jobs
COUNT_ROLE = Qt.ItemDataRole.UserRole + 12  # a technician's open jobs
NAME_ROLE = Qt.ItemDataRole.UserRole + 13  # a technician's name

CARRY_OVER_BADGE = QColor("#1f5fa8")  # S13: blue, apart from the deadline red and amber
CARRY_OVER_TEXT = QColor("#ffffff")
TECHNICIAN_ROW = QColor("#e8eef6")
EARLIER_DAY_TEXT = QColor("#7a4b00")
ROW_HEIGHT = 24

Index = QModelIndex | QPersistentModelIndex


def _header(key: str) -> str:
    """The call register's own column title, so the board speaks the register's words."""
    return REGISTERS["service_call"].column(key).header.tr(translate)


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _short(value: datetime | None) -> str:
    """Month, day and time: the board is narrow; the tooltip has the year."""
    return value.strftime("%m-%d %H:%M") if value else ""


def _label(table: dict, code: str | None) -> str:
    label = table.get(code) if code is not None else None
    return label.tr(translate) if label is not None else (code or "")


def deadline_text(left: float | None, state: str | None) -> str:
    """The register's wording of S14's working time left (views/table_model.py)."""
    if left is None:
        return ""
    hours = f"{abs(left):.1f}"
    if state == deadlines.OVERDUE:
        return translate("Register", "overdue %1 h").replace("%1", hours)
    return translate("Register", "%1 h left").replace("%1", hours)


def call_ids_mime(ids: list[int]) -> QMimeData:
    data = QMimeData()
    data.setData(CALL_MIME, QByteArray(",".join(str(i) for i in ids).encode("ascii")))
    return data


def call_ids_of(data: QMimeData) -> list[int]:
    if data is None or not data.hasFormat(CALL_MIME):
        return []
    text = bytes(data.data(CALL_MIME).data()).decode("ascii", "replace")
    return [int(part) for part in text.split(",") if part.strip().isdigit()]


class UndispatchedModel(QAbstractTableModel):
    """The waiting calls (a short list, held whole); rows drag out as call ids."""

    KEYS = ("carry_over", "call_no", "received_at", "customer_name", "district", "fault", "service_kind", "arrival_due_at")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[BoardCall] = []
        self.calendar: WorkingCalendar | None = None
        self.now = clock.now()
        self.drag_enabled = True
        self._headers = [self.tr("Carry-over")] + [_header(k) for k in self.KEYS[1:]]
        self._deadlines: dict[int, tuple[float | None, str | None]] = {}

    # -- shape ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.rows):
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.drag_enabled:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    # -- content -------------------------------------------------------------------------
    def set_rows(self, rows: list[BoardCall], calendar: WorkingCalendar | None, now: datetime) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.calendar = calendar
        self.now = now
        self._deadlines.clear()
        self.endResetModel()

    def tick(self, now: datetime) -> None:
        """A minute later: the working time left changes, the rows do not."""
        self.now = now
        self._deadlines.clear()
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.KEYS) - 1))

    def call_at(self, row: int) -> BoardCall | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, call_id: int) -> int | None:
        return next((i for i, c in enumerate(self.rows) if c.id == call_id), None)

    def carry_over_count(self) -> int:
        return sum(1 for c in self.rows if c.carry_over)

    def deadline(self, call: BoardCall) -> tuple[float | None, str | None]:
        if call.id not in self._deadlines:
            if self.calendar is None:
                return None, None
            self._deadlines[call.id] = deadlines.deadline_state(self.calendar, call.arrival_due_at, call.status, self.now)
        return self._deadlines[call.id]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        try:
            return self._data(index, role)
        except Exception:  # a cell must never take the board down
            log.exception("dispatch board: data(%s, %s)", index.row(), index.column())
            return None

    def _data(self, index: Index, role: int) -> Any:
        call = self.call_at(index.row())
        if call is None:
            return None
        key = self.KEYS[index.column()]
        if role == ROW_ID_ROLE:
            return call.id
        if role == CARRY_OVER_ROLE:
            return call.carry_over
        if key == "carry_over":
            if not call.carry_over:
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("Carry-over")
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(CARRY_OVER_BADGE)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(CARRY_OVER_TEXT)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Received before today and still not dispatched: it goes first (S13).")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(call, key)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = DEADLINE_COLOURS.get(self.deadline(call)[1])
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and key == "call_no" and call.carry_over:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "arrival_due_at":
                return _when(call.arrival_due_at) or None
            if key == "received_at":
                return _when(call.received_at)
            if key == "fault":
                return call.fault
            if key == "customer_name":
                return "\n".join(x for x in (call.customer_name, call.phone or "", call.address or "", call.product_model or "") if x)
        return None

    def _text(self, call: BoardCall, key: str) -> str:
        if key == "received_at":
            return _short(call.received_at)
        if key == "district":
            return _label(labels.DISTRICT, call.district)
        if key == "service_kind":
            return _label(labels.SERVICE_KIND, call.service_kind)
        if key == "fault":
            return " ".join(call.fault.split())
        if key == "arrival_due_at":
            return deadline_text(*self.deadline(call))
        value = getattr(call, key)
        return "" if value is None else str(value)

    # -- drag ----------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CALL_MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        ids: list[int] = []
        for index in indexes:
            call = self.call_at(index.row()) if index.isValid() else None
            if call is not None and call.id not in ids:
                ids.append(call.id)
        return call_ids_mime(ids)

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction


class TechnicianModel(QStandardItemModel):
    """Each active technician (a top row) with the open jobs under it. A call dropped on a
    technician, or on one of their jobs, asks for a dispatch: ``callsDropped`` is emitted
    (queue the slot: the board reloads, and must not do so inside the drop)."""

    callsDropped = Signal(list, int)  # noqa: N815 - call ids, technician id

    KEYS = ("name", "customer_name", "status", "dispatched_at")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.accept_drops = True
        self.setHorizontalHeaderLabels(
            [self.tr("Technician / call no."), _header("customer_name"), _header("status"), _header("dispatched_at")]
        )

    def set_technicians(self, technicians: list[TechnicianJobs], calendar: WorkingCalendar | None, now: datetime) -> None:
        """Replace the rows (a few dozen technicians at most)."""
        rows = [self._technician_row(tech, calendar, now) for tech in technicians]
        self.removeRows(0, self.rowCount())
        for row in rows:
            self.appendRow(row)

    def _technician_row(self, tech: TechnicianJobs, calendar: WorkingCalendar | None, now: datetime) -> list[QStandardItem]:
        text = self.tr("%1 · open jobs: %2").replace("%1", tech.name).replace("%2", str(tech.count))
        head = QStandardItem(text)
        font = head.font()
        font.setBold(True)
        head.setFont(font)
        head.setData(tech.id, TECHNICIAN_ROLE)
        head.setData(tech.count, COUNT_ROLE)
        head.setData(tech.name, NAME_ROLE)
        head.setToolTip(
            self.tr("Drop a call here, or select it and press Dispatch, to give it to %1.").replace("%1", tech.name)
            + (f"\n{tech.phone}" if tech.phone else "")
        )
        row = [head] + [QStandardItem() for _ in self.KEYS[1:]]
        for item in row:
            item.setBackground(QBrush(TECHNICIAN_ROW))
            item.setData(tech.id, TECHNICIAN_ROLE)
            self._freeze(item)
        for job in tech.jobs:
            cells = [
                QStandardItem(job.call_no),
                QStandardItem(job.customer_name),
                QStandardItem(_label(labels.CALL_STATUS, job.status)),
                QStandardItem(_short(job.dispatched_at)),
            ]
            left, state = deadlines.deadline_state(calendar, job.arrival_due_at, job.status, now) if calendar else (None, None)
            colour = DEADLINE_COLOURS.get(state)
            tip = "\n".join(x for x in (job.customer_name, _label(labels.DISTRICT, job.district), deadline_text(left, state)) if x)
            for cell in cells:
                cell.setData(tech.id, TECHNICIAN_ROLE)
                cell.setData(job.id, ROW_ID_ROLE)
                if colour is not None:
                    cell.setBackground(QBrush(colour))
                if tip:
                    cell.setToolTip(tip)
                self._freeze(cell)
            cells[3].setToolTip(_when(job.dispatched_at))
            if job.earlier_day:
                cells[3].setForeground(QBrush(EARLIER_DAY_TEXT))
                cells[3].setToolTip(_when(job.dispatched_at) + "\n" + self.tr("Dispatched on an earlier day and still open."))
            head.appendRow(cells)
        return row

    @staticmethod
    def _freeze(item: QStandardItem) -> None:
        item.setSizeHint(QSize(-1, ROW_HEIGHT))
        item.setEditable(False)
        item.setDragEnabled(False)
        item.setDropEnabled(True)

    # -- who is where --------------------------------------------------------------------
    def technician_at(self, index: Index) -> int | None:
        if not index.isValid():
            return None
        value = index.data(TECHNICIAN_ROLE)
        return int(value) if value is not None else None

    def technician_row(self, technician_id: int) -> int | None:
        for row in range(self.rowCount()):
            if self.item(row, 0).data(TECHNICIAN_ROLE) == technician_id:
                return row
        return None

    def count_of(self, technician_id: int) -> int | None:
        row = self.technician_row(technician_id)
        return None if row is None else int(self.item(row, 0).data(COUNT_ROLE))

    def job_ids_of(self, technician_id: int) -> list[int]:
        row = self.technician_row(technician_id)
        if row is None:
            return []
        head = self.item(row, 0)
        return [int(head.child(r, 0).data(ROW_ID_ROLE)) for r in range(head.rowCount())]

    # -- drop ----------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CALL_MIME]

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:  # noqa: N802
        """Only call ids, only onto a technician or one of their jobs (not between rows)."""
        if not self.accept_drops or data is None or not data.hasFormat(CALL_MIME):
            return False
        return self.technician_at(parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:  # noqa: N802
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = call_ids_of(data)
        technician = self.technician_at(parent)
        if not ids or technician is None:
            return False
        self.callsDropped.emit(ids, technician)
        return True


class DispatchBoard(QWidget):
    """The page. ``dispatched`` tells the main window to refresh the register;
    ``openRequested`` opens a call's record (double-click)."""

    dispatched = Signal(list)  # noqa: N815 - call ids
    openRequested = Signal(int)  # noqa: N815
    countChanged = Signal(int)  # noqa: N815 - calls waiting

    def __init__(self, database: Database, user: LoggedIn | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.user: LoggedIn | None = None
        self.clock: Callable[[], datetime] = clock.now  # what "now" is (tests set it)

        self.title = QLabel(self.tr("Dispatch board"))
        self.title.setObjectName("board_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.date_label = QLabel()
        self.date_label.setObjectName("board_date")
        self.summary = QLabel()
        self.summary.setObjectName("board_summary")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(lambda: self._guarded(self.refresh))

        self.calls_model = UndispatchedModel(self)
        self.calls = QTableView()
        self.calls.setObjectName("undispatched_calls")
        self.calls.setModel(self.calls_model)
        self.calls.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.calls.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.calls.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.calls.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.calls.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.calls.setDragEnabled(True)
        self.calls.setWordWrap(False)
        self.calls.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.calls.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.calls.verticalHeader().hide()
        header = self.calls.horizontalHeader()
        for column, width in enumerate((44, 120, 86, 110, 44, 120, 84, 100)):
            header.resizeSection(column, width)
        header.setMinimumSectionSize(36)
        header.setSectionResizeMode(UndispatchedModel.KEYS.index("fault"), QHeaderView.ResizeMode.Stretch)
        self.calls.doubleClicked.connect(self._double_clicked)

        self.tech_model = TechnicianModel(self)
        self.tech_model.callsDropped.connect(self._dropped, Qt.ConnectionType.QueuedConnection)
        self.technicians = QTreeView()
        self.technicians.setObjectName("technicians")
        self.technicians.setModel(self.tech_model)
        self.technicians.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.technicians.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.technicians.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.technicians.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.technicians.setDragDropOverwriteMode(True)  # a drop lands on a row, never between rows
        self.technicians.setDropIndicatorShown(True)
        self.technicians.setAcceptDrops(True)
        self.technicians.setUniformRowHeights(True)
        self.technicians.setIndentation(14)
        theader = self.technicians.header()
        theader.setStretchLastSection(False)
        for column, width in enumerate((140, 120, 56, 84)):
            theader.resizeSection(column, width)
        theader.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.technicians.doubleClicked.connect(self._double_clicked)

        self.calls.selectionModel().selectionChanged.connect(self._update_button)
        self.technicians.selectionModel().selectionChanged.connect(self._update_button)

        self.dispatch_button = QPushButton(self.tr("Dispatch"))
        self.dispatch_button.setObjectName("dispatch_button")
        self.dispatch_button.setDefault(True)
        self.dispatch_button.setMinimumWidth(110)
        self.dispatch_button.clicked.connect(lambda: self._guarded(self.dispatch_selected))
        self.hint = QLabel()
        self.hint.setObjectName("board_hint")
        self.hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("board_message")
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.date_label)
        top.addStretch(1)
        top.addWidget(self.summary)
        top.addSpacing(12)
        top.addWidget(self.refresh_button)

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self._caption(self.tr("Waiting for dispatch (carry-overs first, then by arrival deadline)")))
        left_box.addWidget(self.calls, 1)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self._caption(self.tr("Technicians and their open jobs")))
        right_box.addWidget(self.technicians, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([690, 420])
        self.splitter.setChildrenCollapsible(False)

        from .list_output import output_buttons

        outputs, self.print_button, self.export_button = output_buttons(self, database, lambda: self.user,
                                                                        self.list_source)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addLayout(outputs)
        bottom.addWidget(self.dispatch_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        self.set_user(user)

    def list_source(self):
        """The calls waiting for dispatch as the board lists them, for paper and Excel."""
        from ..services import lists
        from .i18n import translate
        from .list_output import ListSource

        now = self.clock()
        return ListSource("waiting_calls", lambda session: lists.waiting_calls(session, now, translate))

    def print_list(self):
        from .list_output import print_list

        return print_list(self, self.database, self.user, self.list_source())

    def export_list(self):
        from .list_output import export_list

        return export_list(self, self.database, self.user, self.list_source())

    @staticmethod
    def _caption(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("color: #333; font-weight: bold; padding: 2px 0;")
        return label

    def _guarded(self, slot: Callable[[], object]) -> None:
        try:
            slot()
        except Exception as exc:  # the user sees a short message, the log gets the rest
            show_error(self, exc)

    # -- who may dispatch ----------------------------------------------------------------
    @property
    def may_dispatch(self) -> bool:
        return users.may_dispatch(self.user)

    def set_user(self, user: LoggedIn | None) -> None:
        """S3: only the supervisor dispatches. The board greys out what the user may not do;
        the service checks it again."""
        self.user = user
        allowed = self.may_dispatch
        self.calls_model.drag_enabled = allowed
        self.calls.setDragEnabled(allowed)
        self.tech_model.accept_drops = allowed
        self.technicians.setAcceptDrops(allowed)
        self._update_button()

    def not_allowed_text(self) -> str:
        if self.user is None:
            return self.tr("Only the service supervisor dispatches calls; no user is chosen (File → Switch user…).")
        return self.tr("Only the service supervisor dispatches calls; the current user is %1.").replace("%1", user_text(self.user))

    def _update_button(self, *_args) -> None:
        """The button, and the line beside it, say what pressing it would do, or why not."""
        call_id, technician_id = self.selected_call_id(), self.selected_technician_id()
        self.dispatch_button.setEnabled(self.may_dispatch and call_id is not None and technician_id is not None)
        if not self.may_dispatch:
            tip = self.not_allowed_text()
            self.hint.setText(tip)
            self.hint.setStyleSheet("color: #b35c00;")
        elif call_id is None or technician_id is None:
            tip = self.tr("Select a call on the left and a technician on the right.")
            self.hint.setText(self.tr("Select a call and a technician and press Dispatch, or drag the call onto the technician."))
            self.hint.setStyleSheet("color: #555;")
        else:
            row = self.calls_model.row_of(call_id)
            call = self.calls_model.call_at(row) if row is not None else None
            what = self.tr("%1 (%2)").replace("%1", call.call_no).replace("%2", call.customer_name) if call else ""
            tip = self.tr("Give %1 to %2 now.").replace("%1", what).replace("%2", self._technician_name(technician_id))
            self.hint.setText(tip)
            self.hint.setStyleSheet("color: #1f5fa8; font-weight: bold;")
        self.dispatch_button.setToolTip(tip)

    def _technician_name(self, technician_id: int) -> str:
        row = self.tech_model.technician_row(technician_id)
        if row is None:
            return ""
        return str(self.tech_model.item(row, 0).data(NAME_ROLE) or "")

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload both lists; keep the selected call (or the row where it was) and the
        selected technician."""
        call_id = self.selected_call_id()
        call_row = self.calls.currentIndex().row()
        technician_id = self.selected_technician_id()
        now = self.clock()
        with self.database.read_session() as session:
            calendar = calendar_from_database(session)
            waiting = undispatched_calls(session, now.date())
            technicians = technician_jobs(session, now.date())
        self.calls_model.set_rows(waiting, calendar, now)
        self.tech_model.set_technicians(technicians, calendar, now)
        for row in range(self.tech_model.rowCount()):
            self.technicians.setFirstColumnSpanned(row, QModelIndex(), True)
        self.technicians.expandAll()
        row = self.calls_model.row_of(call_id) if call_id is not None else None
        if row is None and call_row >= 0 and self.calls_model.rowCount():
            row = min(call_row, self.calls_model.rowCount() - 1)
        if row is not None:
            self.select_call_row(row)
        if technician_id is not None:
            self.select_technician(technician_id)
        self.date_label.setText(QLocale().toString(QDate(now.year, now.month, now.day), QLocale.FormatType.LongFormat))
        self._update_summary()
        self._update_button()

    def tick(self) -> None:
        """Every minute: the working time left on each call; past midnight, everything
        (what was today's is now a carry-over, S13)."""
        now = self.clock()
        if now.date() != self.calls_model.now.date():
            self.refresh()
        else:
            self.calls_model.tick(now)

    def _update_summary(self) -> None:
        waiting, carried = self.calls_model.rowCount(), self.calls_model.carry_over_count()
        text = self.tr("Waiting: %1   Carry-overs: %2").replace("%1", str(waiting)).replace("%2", str(carried))
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #1f5fa8; font-weight: bold;" if carried else "")
        self.countChanged.emit(waiting)

    # -- selection -----------------------------------------------------------------------
    def selected_call_id(self) -> int | None:
        rows = self.calls.selectionModel().selectedRows()
        if not rows:
            return None
        call = self.calls_model.call_at(rows[0].row())
        return call.id if call else None

    def selected_technician_id(self) -> int | None:
        indexes = self.technicians.selectionModel().selectedIndexes()
        return self.tech_model.technician_at(indexes[0]) if indexes else None

    def select_call_row(self, row: int) -> None:
        index = self.calls_model.index(row, 1)
        self.calls.setCurrentIndex(index)
        self.calls.selectRow(row)

    def select_call(self, call_id: int) -> bool:
        row = self.calls_model.row_of(call_id)
        if row is None:
            return False
        self.select_call_row(row)
        return True

    def select_technician(self, technician_id: int) -> bool:
        row = self.tech_model.technician_row(technician_id)
        if row is None:
            self.technicians.clearSelection()
            return False
        self.technicians.setCurrentIndex(self.tech_model.index(row, 0))
        return True

    def _double_clicked(self, index: QModelIndex) -> None:
        call_id = index.data(ROW_ID_ROLE)
        if call_id is not None:
            self.openRequested.emit(int(call_id))

    # -- dispatching ---------------------------------------------------------------------
    def dispatch_selected(self) -> bool:
        call_id, technician_id = self.selected_call_id(), self.selected_technician_id()
        if call_id is None or technician_id is None:
            self.show_message(self.tr("Select a call on the left and a technician on the right."), error=True)
            return False
        return self.dispatch([call_id], technician_id)

    def _dropped(self, call_ids: list, technician_id: int) -> None:
        self.dispatch([int(i) for i in call_ids], int(technician_id))

    def dispatch(self, call_ids: list[int], technician_id: int) -> bool:
        """S3: give the calls to the technician now (to the minute), as the current user, in
        one transaction; the service refuses what the rules refuse, and nothing is saved."""
        when = self.clock().replace(second=0, microsecond=0)
        by_id = self.user.id if self.user else None
        done: list[str] = []
        name = ""
        try:
            with self.database.Session.begin() as session:
                for call_id in call_ids:
                    from ..services import calls as call_service  # the process rules, when first needed

                    call = call_service.dispatch(session, call_id, technician_id, when, by_id=by_id)
                    done.append(call.call_no)
                    name = call.technician.name if call.technician else ""
        except Exception as exc:
            self.show_message("", error=False)
            show_error(self, exc)
            self.refresh()
            return False
        self.refresh()
        self.technicians.clearSelection()  # the next call needs a deliberate choice
        self.show_message(
            self.tr("Dispatched %1 to %2 at %3.").replace("%1", ", ".join(done)).replace("%2", name).replace("%3", when.strftime("%H:%M"))
        )
        self.dispatched.emit(list(call_ids))
        return True

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")


def board_status_text(board: DispatchBoard) -> str:
    waiting, carried = board.calls_model.rowCount(), board.calls_model.carry_over_count()
    return (
        QCoreApplication.translate("DispatchBoard", "Dispatch board: %1 waiting, %2 carried over")
        .replace("%1", str(waiting))
        .replace("%2", str(carried))
    )
