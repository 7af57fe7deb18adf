"""One register on screen: a search box, the table, the row count and a message line."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..db import Database
from ..services.registers import RegisterQuery, RegisterSpec
from .delegates import RegisterDelegate
from .i18n import translate
from .table_model import ROW_ID_ROLE, RegisterTableModel

SEARCH_DELAY_MS = 250


class RegisterView(QWidget):
    openRequested = Signal(int)  # noqa: N815 - a row's id: open its record
    numberEntered = Signal(str, int)  # noqa: N815 - a scanned number: (register, row id) to open
    countChanged = Signal(int)  # noqa: N815

    def __init__(self, database: Database, spec: RegisterSpec, parent=None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.model = RegisterTableModel(RegisterQuery(database, spec), self)
        self.model.editFailed.connect(self._show_edit_error)
        self.model.editSaved.connect(self._clear_edit_error)
        self.model.modelReset.connect(self._update_count)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        if spec.search_hint:
            self.search.setPlaceholderText(spec.search_hint.tr(translate))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._search_entered)

        self.count_label = QLabel()
        # what the search cannot do as typed (one letter is too broad for pinyin initials)
        self.search_notice = QLabel()
        self.search_notice.setObjectName("search_notice")
        self.search_notice.setWordWrap(True)
        self.search_notice.hide()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()

        self.table = QTableView()
        self.table.setModel(self.model)
        delegate = RegisterDelegate(spec, self.table)
        delegate.cut_notice.connect(self._show_cut_notice)
        self.table.setItemDelegate(delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsMovable(True)
        for i, column in enumerate(spec.columns):
            header.resizeSection(i, column.width)
        header.setStretchLastSection(True)
        section, order = self.model.sort_section()
        header.setSortIndicator(section, order)
        self.restore_layout()
        self.table.setSortingEnabled(True)
        self.table.doubleClicked.connect(self._double_clicked)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.search_notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self._update_count()

    # -- what the clerk arranged, remembered per Windows user ------------------------------
    def _settings_key(self) -> str:
        return f"registers/{self.spec.name}/header"

    def restore_layout(self) -> None:
        """The column widths, order, hidden columns and sort this register had when the
        program last closed (QSettings: per Windows user) — only when they were saved for the
        columns it has now: Qt would put an older version's widths on other columns."""
        from PySide6.QtCore import QByteArray, QSettings

        settings = QSettings()
        state = settings.value(self._settings_key())
        saved_for = settings.value(self._settings_key() + "_columns", "", type=str)
        if not isinstance(state, QByteArray) or state.isEmpty() or saved_for != self._column_keys():
            return
        header = self.table.horizontalHeader()
        default = header.saveState()
        if not header.restoreState(state) or header.count() != len(self.spec.columns):
            header.restoreState(default)
            return
        section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if 0 <= section < len(self.spec.columns):
            self.model.sort(section, order)

    def _column_keys(self) -> str:
        return ",".join(c.key for c in self.spec.columns)

    def save_layout(self) -> None:
        from PySide6.QtCore import QSettings

        settings = QSettings()
        settings.setValue(self._settings_key(), self.table.horizontalHeader().saveState())
        settings.setValue(self._settings_key() + "_columns", self._column_keys())

    # -- search --------------------------------------------------------------------------
    def apply_search(self) -> None:
        self._search_timer.stop()
        if self.search.text().strip() != self.model.query.search:
            self.model.set_search(self.search.text())

    def _search_entered(self) -> None:
        """Enter in the search box (also what a barcode scanner types): a repair card's,
        receipt's or call's number opens that record, whichever register is on screen;
        otherwise a lone match opens."""
        from ..services.registers import record_of_number

        found = record_of_number(self.model.query.database, self.search.text())
        if found is not None:
            self.numberEntered.emit(*found)
            return
        self.apply_search()
        if self.model.rowCount() == 1:
            row_id = self.model.row_id(0)
            if row_id is not None:
                self.openRequested.emit(row_id)

    # -- rows ----------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [rid for rid in (self.model.row_id(r) for r in rows) if rid is not None]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def refresh(self, select_id: int | None = None) -> None:
        self.model.refresh()
        if select_id is not None:
            position = self.model.query.position_of(select_id)
            if position is not None:
                index = self.model.index(position, 0)
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _double_clicked(self, index: QModelIndex) -> None:
        row_id = index.data(ROW_ID_ROLE)
        if row_id is not None:
            self.openRequested.emit(int(row_id))

    def _update_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(self.tr("%n row(s)", "", count))
        notice = self.model.query.notice
        self.search_notice.setText(notice.tr(translate) if notice is not None else "")
        self.search_notice.setVisible(notice is not None)
        self.countChanged.emit(count)

    def _show_edit_error(self, index: QModelIndex, text: str) -> None:
        """X2: the message appears at the cell, and stays below the table until an edit is saved."""
        self.message.setText(text)
        self.message.show()
        rect = self.table.visualRect(index)
        QToolTip.showText(self.table.viewport().mapToGlobal(rect.bottomLeft()), text, self.table)

    def _show_cut_notice(self, text: str) -> None:
        """A paste into a cell brought more than the column holds: said below the table."""
        self.message.setText(text)
        self.message.show()

    def _clear_edit_error(self, _index: QModelIndex) -> None:
        """An edit was saved: the message about an earlier refused one goes."""
        self.message.clear()
        self.message.hide()
        QToolTip.hideText()

