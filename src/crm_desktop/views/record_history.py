"""A record's field history on its dialog (issue 17, item 3): when, who, which field, the value
before and after, and whether the line is an undo (or a redo) of an earlier one. The lines
come from services/history.py, newest first; a record has few, so the model reads them whole.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ..db import Database
from ..i18n import QT_TRANSLATE_NOOP
from ..services import history, undo
from .i18n import translate

Index = QModelIndex | QPersistentModelIndex

HEADERS = (
    QT_TRANSLATE_NOOP("RecordHistory", "When"),
    QT_TRANSLATE_NOOP("RecordHistory", "Who"),
    QT_TRANSLATE_NOOP("RecordHistory", "Field"),
    QT_TRANSLATE_NOOP("RecordHistory", "Before"),
    QT_TRANSLATE_NOOP("RecordHistory", "After"),
    QT_TRANSLATE_NOOP("RecordHistory", "Note"),
)
UNDO_NOTE = QT_TRANSLATE_NOOP("RecordHistory", "undo of the change of {at}")
REDO_NOTE = QT_TRANSLATE_NOOP("RecordHistory", "redo: takes back the undo of {at}")


class HistoryModel(QAbstractTableModel):
    """The history lines of one record, as display texts; ``reload`` reads them again."""

    def __init__(self, database: Database, record_type: str, record_id: int | None, parent=None) -> None:
        super().__init__(parent)
        self.database = database
        self.record_type = record_type
        self.record_id = record_id
        self._rows: list[tuple[str, ...]] = []
        self._headers = [h.tr(translate) for h in HEADERS]
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        try:
            self._rows = self._read()
        finally:
            self.endResetModel()

    def _read(self) -> list[tuple[str, ...]]:
        if self.record_id is None:
            return []
        with self.database.read_session() as s:
            lines = history.history(s, self.record_type, self.record_id)
            names = history.staff_names(s, [line.changed_by_id for line in lines])
        rows = []
        for line in lines:
            def shown(text: str | None) -> str:
                return undo.shown_value(self.record_type, line.field, text, translate, names)

            note = ""
            if line.undoes_id is not None:
                undone = next((x for x in lines if x.id == line.undoes_id), None)
                kind = REDO_NOTE if undone is not None and undone.undoes_id is not None else UNDO_NOTE
                note = kind.tr(translate, at=f"{undone.changed_at:%Y-%m-%d %H:%M}" if undone else "")
            rows.append((
                f"{line.changed_at:%Y-%m-%d %H:%M}",
                names.get(line.changed_by_id, "") if line.changed_by_id is not None else "",
                undo.field_label(self.record_type, line.field).tr(translate),
                shown(line.old_value),
                shown(line.new_value),
                note,
            ))
        return rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        return None


class HistoryTable(QTableView):
    """The history of one record, read-only, a few lines high; it grows no taller than that."""

    def __init__(self, database: Database, record_type: str, record_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("record_history")
        self.history_model = HistoryModel(database, record_type, record_id, self)
        self.setModel(self.history_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # read-only: Tab goes on to the next field
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(22)
        header = self.horizontalHeader()
        # when, who and which field as wide as they are; the values share what is left
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,) * 3
                                      + (QHeaderView.ResizeMode.Stretch,) * 2
                                      + (QHeaderView.ResizeMode.ResizeToContents,)):
            header.setSectionResizeMode(column, mode)
        self.setMaximumHeight(130)
        self.setMinimumHeight(80)

    def reload(self) -> None:
        self.history_model.reload()
