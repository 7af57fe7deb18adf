"""登记簿 → 负责人员不足的客户: the important and promising customers with fewer than two
responsible staff (I10), the fewest first; a double-click opens the customer's archive to
assign someone (with the permission to view archives, as always)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...db import Database
from ...services import archive as archive_service
from ...services import labels
from ..i18n import translate

Index = QModelIndex | QPersistentModelIndex
NOBODY_BACKGROUND = QColor("#f8d0d0")
CUSTOMER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


DISPLAY = Qt.ItemDataRole.DisplayRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole


class UnderstaffedModel(QAbstractTableModel):
    """The customers and their texts, made once when loaded: the dialog sizes its columns to
    the contents, which asks ``data`` some 40,000 times for 2,000 customers."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[archive_service.Understaffed] = []
        self._texts: list[tuple[str, str, str, str, str]] = []

    def load(self, database: Database, today: date | None = None) -> None:
        with database.read_session() as s:
            found = archive_service.understaffed_customers(s, on=today)
        self.beginResetModel()
        self.rows = found
        self._texts = [self._row_texts(row) for row in found]
        self.endResetModel()

    @staticmethod
    def _row_texts(row: archive_service.Understaffed) -> tuple[str, str, str, str, str]:
        label = labels.IMPORTANCE.get(row.importance)
        importance = label.tr(translate) if label else row.importance
        return (row.code or "", row.name, importance, str(row.staff_count), row.staff_names)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 5:
            return [self.tr("Code"), self.tr("Customer"), self.tr("Importance"), self.tr("Responsible now"),
                    self.tr("Staff")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == DISPLAY:
            row, column = index.row(), index.column()
            if 0 <= row < len(self._texts) and 0 <= column < 5 and index.isValid():
                return self._texts[row][column]
            return None
        if role == BACKGROUND:
            row = index.row()
            if index.isValid() and 0 <= row < len(self.rows) and self.rows[row].staff_count == 0:
                return QBrush(NOBODY_BACKGROUND)
            return None
        if role == CUSTOMER_ID_ROLE and index.isValid() and 0 <= index.row() < len(self.rows):
            return self.rows[index.row()].customer_id
        return None


class UnderstaffedDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None, *, user: object | None = None,
                 current_user_id: int | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.user = user
        self.current_user_id = current_user_id
        self.today = today or clock.today()
        self.setWindowTitle(self.tr("Customers short of responsible staff"))
        self.resize(760, 420)
        box = QVBoxLayout(self)
        hint = QLabel(self.tr(
            "An important or promising customer has at least two responsible staff (I10). "
            "Red: nobody at all. Double-click a customer to open its archive and assign someone."))
        hint.setWordWrap(True)
        box.addWidget(hint)
        self.model = UnderstaffedModel(self)
        self.model.load(database, today)
        self.view = QTableView()
        self.view.setObjectName("understaffed")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # widths from the rows in sight and 200 more, not from every customer: short codes and
        # counts, and the dialog opens within 150 ms on a large branch (benchmarks/bench_dialogs.py)
        self.view.horizontalHeader().setResizeContentsPrecision(200)
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self.open_archive)
        box.addWidget(self.view, 1)
        self.count = QLabel(self.tr("%1 customers").replace("%1", str(self.model.rowCount())))
        self.count.setObjectName("count")
        box.addWidget(self.count)
        from ..list_output import output_buttons

        outputs, self.print_button, self.export_button = output_buttons(self, database, lambda: self.user,
                                                                        self.list_source)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addLayout(outputs)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        box.addLayout(bottom)

    def list_source(self):
        """The customers listed, for paper and Excel."""
        from ...services import lists
        from ..i18n import translate
        from ..list_output import ListSource

        today = self.today
        return ListSource("understaffed_list", lambda session: lists.understaffed(session, today, translate))

    def open_archive(self, index: QModelIndex):
        from .archive_window import open_archive_window

        customer_id = index.data(CUSTOMER_ID_ROLE)
        if customer_id is None:
            return None
        window = open_archive_window(self, self.database, customer_id, user=self.user,
                                     current_user_id=self.current_user_id)
        if window is not None:
            window.finished.connect(lambda _r: self.model.load(self.database))
        return window
