"""The one table model behind every register.

It asks a ``RegisterQuery`` (services/registers.py) for the row count and for windows of
``WINDOW`` rows around what the view shows, keeps the last ``MAX_WINDOWS`` windows, and
forgets them on every sort, search or refresh. A jump to the last row costs one window.
Like Anki's browser table it builds cells lazily in ``data()`` and never raises from it.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from .. import clock
from ..errors import UserError
from ..services import deadlines
from ..services.calendar import WorkingCalendar
from ..services.registers import Column, RegisterQuery, save_edit, staff_names
from .errors import log_error, message_of
from .i18n import translate

log = logging.getLogger(__name__)

DEADLINE_COLOURS = {deadlines.OVERDUE: QColor("#f8d0d0"), deadlines.DUE_SOON: QColor("#fde9b8")}

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2  # the stored value of a choice/staff column

Index = QModelIndex | QPersistentModelIndex


def format_value(column: Column, value: Any, staff: dict[int, str]) -> str:
    if value is None or value == "":
        return ""
    kind = column.kind
    if kind in ("datetime", "deadline") and isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if kind == "date" and isinstance(value, date):
        return value.isoformat()
    if kind == "money" and isinstance(value, (Decimal, int, float)):
        return f"{Decimal(value):,.2f}"
    if kind == "decimal" and isinstance(value, (Decimal, int, float)):
        return f"{Decimal(value).normalize():f}"
    if kind == "choice" and column.choices is not None:
        label = column.choices.get(str(value))
        return label.tr(translate) if label is not None else str(value)
    if kind == "staff":
        return staff.get(int(value), f"#{value}")
    if kind == "multiline":
        return " ".join(str(value).split())
    return str(value)


class RegisterTableModel(QAbstractTableModel):
    WINDOW = 200
    MAX_WINDOWS = 16

    editFailed = Signal(QModelIndex, str)  # noqa: N815 - Qt signal naming
    editSaved = Signal(QModelIndex)  # noqa: N815 - a cell's new value was saved
    edited = Signal(object)  # the services.history.Edit it wrote, for the window's undo list

    def __init__(self, query: RegisterQuery, parent=None) -> None:
        super().__init__(parent)
        self.query = query
        self.spec = query.spec
        self._windows: OrderedDict[int, list[tuple]] = OrderedDict()
        self._count = query.count()
        self._staff = staff_names(query.database) if any(c.kind == "staff" for c in self.spec.columns) else {}
        self._calendar: WorkingCalendar | None = None
        self.clock = clock.now  # what "now" is for the deadlines (tests set it)
        self.edited_by: int | None = None  # who edits in place (the window's current user)
        self._deadline_at = next((i for i, c in enumerate(self.spec.columns) if c.kind == "deadline"), None)
        self._status_at = next((i for i, c in enumerate(self.spec.columns) if c.key == "status"), None)
        if self._deadline_at is not None:
            self._load_calendar()

    # -- shape ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.spec.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.spec.columns) and role == Qt.ItemDataRole.DisplayRole:
                return self.spec.columns[section].header.tr(translate)
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self._count:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.spec.update is not None and self.spec.columns[index.column()].editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- rows ----------------------------------------------------------------------------
    def _row(self, row: int) -> tuple | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self.WINDOW)
        window = self._windows.get(number)
        if window is None:
            window = self.query.window(number * self.WINDOW, self.WINDOW)
            self._windows[number] = window
            while len(self._windows) > self.MAX_WINDOWS:
                self._windows.popitem(last=False)
        else:
            self._windows.move_to_end(number)
        return window[offset] if offset < len(window) else None

    def _load_calendar(self) -> None:
        from ..services.calendar import calendar_from_database

        # a read-only session: a writable one begins IMMEDIATE, and the window's start-up
        # would wait for (or give up on) whoever is writing at that moment
        with self.query.database.read_session() as session:
            self._calendar = calendar_from_database(session)

    def _deadline(self, r: tuple) -> tuple[float | None, str | None]:
        """S14: working hours left before the technician must arrive, and its state."""
        if self._deadline_at is None or self._calendar is None:
            return None, None
        status = r[self._status_at + 1] if self._status_at is not None else None
        return deadlines.deadline_state(self._calendar, r[self._deadline_at + 1], status, self.clock())

    def row_id(self, row: int) -> int | None:
        r = self._row(row)
        return r[0] if r else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        try:
            r = self._row(index.row())
            if r is None:
                return None
            column = self.spec.columns[index.column()]
            value = r[index.column() + 1]
            if role == Qt.ItemDataRole.BackgroundRole and self._deadline_at is not None:
                colour = DEADLINE_COLOURS.get(self._deadline(r)[1])
                return QBrush(colour) if colour is not None else None
            if column.kind == "deadline" and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                left, state = self._deadline(r)
                if role == Qt.ItemDataRole.ToolTipRole:
                    return format_value(column, value, self._staff) or None
                if left is None:
                    return ""
                hours = f"{abs(left):.1f}"
                if state == deadlines.OVERDUE:
                    return translate("Register", "overdue %1 h").replace("%1", hours)
                return translate("Register", "%1 h left").replace("%1", hours)
            if role == Qt.ItemDataRole.DisplayRole:
                return format_value(column, value, self._staff)
            if role == Qt.ItemDataRole.EditRole:
                return value
            if role == Qt.ItemDataRole.ToolTipRole and column.kind == "multiline" and value:
                return str(value)
            if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("money", "decimal"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == ROW_ID_ROLE:
                return r[0]
            if role == CODE_ROLE:
                return value
        except Exception:  # a cell must never take the view down
            log.exception("register %s: data(%s, %s)", self.spec.name, index.row(), index.column())
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row_id = self.row_id(index.row())
        if row_id is None:
            return False
        column = self.spec.columns[index.column()]
        current = self.data(index, Qt.ItemDataRole.EditRole)
        if value == current or (value in ("", None) and current in ("", None)):
            return False
        try:
            edit = save_edit(self.query.database, self.spec, row_id, column.key, value, self.edited_by)
        except UserError as exc:
            self.editFailed.emit(QModelIndex(index), exc.render(translate))
            return False
        except Exception as exc:
            log_error(exc, f"register {self.spec.name}: saving {column.key} of row {row_id}")
            self.editFailed.emit(QModelIndex(index), message_of(exc))
            return False
        self.refresh_row(index.row())
        self.editSaved.emit(QModelIndex(index))
        if edit is not None:
            self.edited.emit(edit)
        return True

    def refresh_row(self, row: int) -> None:
        number, offset = divmod(row, self.WINDOW)
        window = self._windows.get(number)
        if window is not None and offset < len(window):
            fresh = self.query.row(window[offset][0])
            if fresh is not None:
                window[offset] = fresh
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # -- sort, search, refresh -----------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.spec.columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self._reset(lambda: self.query.set_sort(self.spec.columns[column].key, descending))

    def set_search(self, text: str) -> None:
        self._reset(lambda: self.query.set_search(text))

    def refresh(self) -> None:
        if any(c.kind == "staff" for c in self.spec.columns):
            self._staff = staff_names(self.query.database)
        if self._deadline_at is not None:
            self._load_calendar()
        self._reset(self.query.invalidate)

    def _reset(self, change) -> None:
        self.beginResetModel()
        try:
            change()
            self._windows.clear()
            self._count = self.query.count()
        finally:
            self.endResetModel()

    def sort_section(self) -> tuple[int, Qt.SortOrder]:
        order = Qt.SortOrder.DescendingOrder if self.query.descending else Qt.SortOrder.AscendingOrder
        return self.spec.index_of(self.query.sort_key), order
