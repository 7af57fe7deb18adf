"""收费标准 — the charges a paid job is priced from (S5, S8): the labour rates per kind of
work, each valid from a date on, and the parts price list.

A rate already in force is history (older jobs keep the rate of their day): it is shown,
never changed; a new rate is a new line from its date on. Parts are edited in place, and
leave the list by being made inactive. Everything is saved at once through
``pricing.save_charges`` in one transaction; a refused line is marked at its cell with the
service's message, and nothing is saved (X2).
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ... import clock
from ...db import Database
from ...errors import UserError, ValidationError
from ...services import labels, pricing
from ..delegates import DATE_FORMAT, from_qdate, to_qdate
from ..i18n import translate
from .form import ERROR_STYLE, RecordDialog

ERROR_BACKGROUND = QColor("#f8d0d0")
INACTIVE_TEXT = QColor("#8a8a8a")
STORED_ROLE = Qt.ItemDataRole.UserRole + 1  # on column 0: the stored row's key, None when new

RATE_MODE, RATE_FROM, RATE_HOURLY, RATE_MINIMUM, RATE_STATE = range(5)
PART_NO, PART_NAME, PART_PRICE, PART_ACTIVE = range(4)
COLUMNS = {
    "rates": {"mode": RATE_MODE, "valid_from": RATE_FROM, "hourly_rate": RATE_HOURLY, "minimum_fee": RATE_MINIMUM},
    "parts": {"part_no": PART_NO, "name": PART_NAME, "unit_price": PART_PRICE, "active": PART_ACTIVE},
}
LINE_FIELD = re.compile(r"^(rates|parts)\[(\d+)\]\.(\w+)$")


def _money(value) -> str:
    return "" if value is None else f"{value:.2f}"


def _item(text: str, editable: bool = True, money: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if money:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class PricingDialog(RecordDialog):
    register_name = "pricing"

    def __init__(self, database: Database, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(database, parent)
        self.today = today or clock.today()
        self.setWindowTitle(self.tr("Charges"))
        self.setMinimumSize(760, 540)
        self._sent: dict[str, list[int]] = {"rates": [], "parts": []}  # line n → table row
        # the lines of the message under each table: the marked cell (item or editor) → its line
        self._cell_lines: dict[str, list[tuple[object, str]]] = {"rates": [], "parts": []}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.addTab(self._rates_page(), self.tr("Labour rates"))
        self.tabs.addTab(self._parts_page(), self.tr("Parts price list"))
        self.body.addWidget(self.tabs, 1)
        self.finish_layout()
        self._load()

    # -- building -------------------------------------------------------------------------
    def _message_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setStyleSheet("color: #b00020;")
        label.setWordWrap(True)
        label.hide()
        return label

    def _rates_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        hint = QLabel(self.tr(
            "A rate applies from its date on; jobs done earlier keep the rate of their day. "
            "A rate in force is not changed: add a new one from the day it applies."
        ))
        hint.setWordWrap(True)
        box.addWidget(hint)
        self.rates = QTableWidget(0, 5)
        self.rates.setObjectName("rates")
        self.rates.setHorizontalHeaderLabels([
            self.tr("Kind of work"), self.tr("Valid from"), self.tr("Hourly rate (yuan)"),
            self.tr("Minimum fee (yuan)"), self.tr("State"),
        ])
        header = self.rates.horizontalHeader()
        header.setSectionResizeMode(RATE_STATE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((RATE_MODE, 120), (RATE_FROM, 115), (RATE_HOURLY, 125), (RATE_MINIMUM, 115)):
            self.rates.setColumnWidth(column, width)
        self.rates.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rates.itemChanged.connect(self._unmark)
        box.addWidget(self.rates, 1)
        self.rates_message = self._message_label("rates_message")
        box.addWidget(self.rates_message)
        box.addWidget(self._margin_row())
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add a rate"))
        add.setObjectName("add_rate")
        add.clicked.connect(lambda: self.add_rate())
        remove = QPushButton(self.tr("Remove unsaved line"))
        remove.setObjectName("remove_rate")
        remove.clicked.connect(lambda: self._remove_new(self.rates))
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        box.addLayout(row)
        return page

    def _margin_row(self) -> QWidget:
        """The quote margin: how far a quote may be from the computed fee without a reason."""
        holder = QWidget()
        rows = QVBoxLayout(holder)
        rows.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        label = QLabel(self.tr("Quote margin (%)"))
        margin = QLineEdit()
        margin.setObjectName("quote_margin")
        margin.setMaximumWidth(80)
        margin.setAlignment(Qt.AlignmentFlag.AlignRight)
        label.setBuddy(margin)
        row.addWidget(label)
        row.addWidget(margin)
        hint = QLabel(self.tr("a quote further from the computed fee than this (0 to 100) needs a reason"))
        hint.setStyleSheet("color: #555;")
        row.addWidget(hint)
        row.addStretch(1)
        rows.addLayout(row)
        message = self._message_label("quote_margin_message")
        rows.addWidget(message)
        self.fields["quote_margin"] = margin  # a field of the form: its message shows under it
        self._messages["quote_margin"] = message
        return holder

    def _parts_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.filter = QLineEdit()
        self.filter.setObjectName("part_filter")
        self.filter.setPlaceholderText(self.tr("Filter by part number or name"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.apply_filter)
        box.addWidget(self.filter)
        self.parts = QTableWidget(0, 4)
        self.parts.setObjectName("parts")
        self.parts.setHorizontalHeaderLabels(
            [self.tr("Part no."), self.tr("Name"), self.tr("Unit price (yuan)"), self.tr("Offered")]
        )
        header = self.parts.horizontalHeader()
        header.setSectionResizeMode(PART_NAME, QHeaderView.ResizeMode.Stretch)
        self.parts.setColumnWidth(PART_NO, 150)
        self.parts.setColumnWidth(PART_PRICE, 130)
        self.parts.setColumnWidth(PART_ACTIVE, 70)
        self.parts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.parts.itemChanged.connect(self._unmark)
        self.parts.itemChanged.connect(self._grey_inactive)
        box.addWidget(self.parts, 1)
        self.parts_message = self._message_label("parts_message")
        box.addWidget(self.parts_message)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add part"))
        add.setObjectName("add_part")
        add.clicked.connect(lambda: self.add_part(edit=True))
        deactivate = QPushButton(self.tr("No longer offered"))
        deactivate.setObjectName("deactivate_part")
        deactivate.setToolTip(self.tr("The selected parts leave the list; repair cards that used them keep them."))
        deactivate.clicked.connect(self.deactivate_selected)
        remove = QPushButton(self.tr("Remove unsaved line"))
        remove.setObjectName("remove_part")
        remove.clicked.connect(lambda: self._remove_new(self.parts))
        self.part_count = QLabel()
        self.part_count.setObjectName("part_count")
        row.addWidget(add)
        row.addWidget(deactivate)
        row.addWidget(remove)
        row.addStretch(1)
        row.addWidget(self.part_count)
        box.addLayout(row)
        return page

    # -- loading --------------------------------------------------------------------------
    def _load(self) -> None:
        with self.database.read_session() as s:
            rates = [(r.mode, r.valid_from, r.hourly_rate, r.minimum_fee) for r in pricing.rates(s)]
            parts = [(p.part_no, p.name, p.unit_price, p.active) for p in pricing.price_list(s, include_inactive=True)]
            margin = pricing.quote_margin(s)
        self.fields["quote_margin"].setText(f"{margin.normalize():f}")
        in_force: dict[str, date] = {}
        for mode, valid_from, _rate, _minimum in rates:
            if valid_from <= self.today:
                in_force[mode] = max(valid_from, in_force.get(mode, valid_from))
        self.rates.blockSignals(True)
        for mode, valid_from, rate, minimum in rates:
            self._add_stored_rate(mode, valid_from, rate, minimum, in_force.get(mode))
        self.rates.blockSignals(False)
        self.parts.blockSignals(True)
        for part_no, name, price, active in parts:
            self.add_part(part_no, name, _money(price), active, stored=True)
        self.parts.blockSignals(False)
        self._count_parts()

    def _add_stored_rate(self, mode: str, valid_from: date, rate, minimum, in_force: date | None) -> None:
        row = self.rates.rowCount()
        self.rates.insertRow(row)
        label = labels.WORK_MODE.get(mode)
        kind = _item(label.tr(translate) if label else mode, editable=False)
        kind.setData(STORED_ROLE, (mode, valid_from))
        self.rates.setItem(row, RATE_MODE, kind)
        self.rates.setItem(row, RATE_FROM, _item(valid_from.isoformat(), editable=False))
        future = valid_from > self.today  # not yet applied to any job: may still be corrected
        self.rates.setItem(row, RATE_HOURLY, _item(_money(rate), editable=future, money=True))
        self.rates.setItem(row, RATE_MINIMUM, _item(_money(minimum), editable=future, money=True))
        if future:
            state = self.tr("Applies from %1").replace("%1", valid_from.isoformat())
        elif valid_from == in_force:
            state = self.tr("In force")
        else:
            state = self.tr("Earlier rate (history)")
        state_item = _item(state, editable=False)
        if valid_from == in_force:
            font = QFont(state_item.font())
            font.setBold(True)
            for column in range(RATE_STATE):
                self.rates.item(row, column).setFont(font)
            state_item.setFont(font)
        elif not future:
            for column in range(RATE_STATE):
                self.rates.item(row, column).setForeground(QBrush(INACTIVE_TEXT))
            state_item.setForeground(QBrush(INACTIVE_TEXT))
        self.rates.setItem(row, RATE_STATE, state_item)

    # -- rates ----------------------------------------------------------------------------
    def add_rate(self, mode: str = "on_site", valid_from: date | None = None, hourly_rate: str = "",
                 minimum_fee: str = "") -> int:
        """A new line: the rate for a kind of work from a date on (today unless given)."""
        self.rates.blockSignals(True)
        row = self.rates.rowCount()
        self.rates.insertRow(row)
        marker = _item("", editable=False)
        marker.setData(STORED_ROLE, None)
        self.rates.setItem(row, RATE_MODE, marker)
        kinds = QComboBox()
        for code, label in labels.WORK_MODE.items():
            kinds.addItem(label.tr(translate), code)
        kinds.setCurrentIndex(max(kinds.findData(mode), 0))
        self.rates.setCellWidget(row, RATE_MODE, kinds)
        kinds.currentIndexChanged.connect(lambda _i, w=kinds: self._unmark_widget(self.rates, w))
        day = QDateEdit(to_qdate(valid_from or self.today))
        day.setDisplayFormat(DATE_FORMAT)
        day.setCalendarPopup(True)
        self.rates.setCellWidget(row, RATE_FROM, day)
        day.dateChanged.connect(lambda _d, w=day: self._unmark_widget(self.rates, w))
        self.rates.setItem(row, RATE_HOURLY, _item(hourly_rate, money=True))
        self.rates.setItem(row, RATE_MINIMUM, _item(minimum_fee, money=True))
        self.rates.setItem(row, RATE_STATE, _item(self.tr("New, not saved yet"), editable=False))
        self.rates.blockSignals(False)
        self.rates.scrollToBottom()
        self.rates.setCurrentCell(row, RATE_HOURLY)
        return row

    def _rate_values(self, row: int) -> dict[str, object]:
        stored = self.rates.item(row, RATE_MODE).data(STORED_ROLE)
        if stored is not None:
            mode, valid_from = stored
        else:
            mode = self.rates.cellWidget(row, RATE_MODE).currentData()
            valid_from = from_qdate(self.rates.cellWidget(row, RATE_FROM).date())
        return {
            "mode": mode,
            "valid_from": valid_from,
            "hourly_rate": self.rates.item(row, RATE_HOURLY).text().strip(),
            "minimum_fee": self.rates.item(row, RATE_MINIMUM).text().strip(),
        }

    # -- parts ----------------------------------------------------------------------------
    def add_part(self, part_no: str = "", name: str = "", unit_price: str = "", active: bool = True, *,
                 stored: bool = False, edit: bool = False) -> int:
        block = self.parts.blockSignals(True)
        row = self.parts.rowCount()
        self.parts.insertRow(row)
        number = _item(part_no, editable=not stored)  # the key of a stored part stays
        number.setData(STORED_ROLE, part_no if stored else None)
        self.parts.setItem(row, PART_NO, number)
        self.parts.setItem(row, PART_NAME, _item(name))
        self.parts.setItem(row, PART_PRICE, _item(unit_price, money=True))
        offered = QTableWidgetItem()
        offered.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
        offered.setCheckState(Qt.CheckState.Checked if active else Qt.CheckState.Unchecked)
        self.parts.setItem(row, PART_ACTIVE, offered)
        self.parts.blockSignals(block)
        self._grey_inactive(offered)
        if edit:
            self.parts.scrollToItem(number)
            self.parts.setCurrentCell(row, PART_NO)
            self.parts.editItem(number)
            self._count_parts()
        return row

    def deactivate_selected(self) -> None:
        for row in sorted({i.row() for i in self.parts.selectedIndexes()}):
            if self.parts.isRowHidden(row):
                continue
            self.parts.item(row, PART_ACTIVE).setCheckState(Qt.CheckState.Unchecked)

    def _grey_inactive(self, item: QTableWidgetItem) -> None:
        if item.column() != PART_ACTIVE:
            return
        row = item.row()
        colour = QBrush(INACTIVE_TEXT) if item.checkState() != Qt.CheckState.Checked else QBrush()
        block = self.parts.blockSignals(True)
        for column in (PART_NO, PART_NAME, PART_PRICE):
            if self.parts.item(row, column) is not None:
                self.parts.item(row, column).setForeground(colour)
        self.parts.blockSignals(block)
        self._count_parts()

    def apply_filter(self, text: str | None = None) -> None:
        """Show the parts whose number or name contains the text; new lines always show."""
        needle = (self.filter.text() if text is None else text).strip().lower()
        for row in range(self.parts.rowCount()):
            new = self.parts.item(row, PART_NO).data(STORED_ROLE) is None
            haystack = f"{self.parts.item(row, PART_NO).text()} {self.parts.item(row, PART_NAME).text()}".lower()
            self.parts.setRowHidden(row, bool(needle) and not new and needle not in haystack)
        self.parts.scrollToTop()
        self._count_parts()

    def _count_parts(self) -> None:
        total = self.parts.rowCount()
        shown = sum(1 for row in range(total) if not self.parts.isRowHidden(row))
        offered = sum(
            1 for row in range(total)
            if self.parts.item(row, PART_ACTIVE) is not None
            and self.parts.item(row, PART_ACTIVE).checkState() == Qt.CheckState.Checked
        )
        self.part_count.setText(
            self.tr("%1 parts, %2 offered, %3 shown").replace("%1", str(total)).replace("%2", str(offered))
            .replace("%3", str(shown))
        )

    def _part_values(self, row: int) -> dict[str, object]:
        return {
            "part_no": self.parts.item(row, PART_NO).text().strip(),
            "name": self.parts.item(row, PART_NAME).text().strip(),
            "unit_price": self.parts.item(row, PART_PRICE).text().strip(),
            "active": self.parts.item(row, PART_ACTIVE).checkState() == Qt.CheckState.Checked,
        }

    def _remove_new(self, table: QTableWidget) -> None:
        for row in sorted({i.row() for i in table.selectedIndexes()}, reverse=True):
            if table.item(row, 0) is not None and table.item(row, 0).data(STORED_ROLE) is None:
                self._forget_cells(table, lambda cell, row=row: self._row_of(table, cell) == row)
                table.removeRow(row)
        if table is self.parts:
            self._count_parts()

    # -- errors at the cell ---------------------------------------------------------------
    def _unmark(self, item: QTableWidgetItem) -> None:
        """A marked cell edited: its red and its line under the table go."""
        if item.toolTip():
            block = item.tableWidget().blockSignals(True)
            item.setData(Qt.ItemDataRole.BackgroundRole, None)
            item.setToolTip("")
            item.tableWidget().blockSignals(block)
            self._forget_cells(item.tableWidget(), lambda cell: cell is item)

    def _unmark_widget(self, table: QTableWidget, widget: QWidget) -> None:
        if widget.toolTip():
            widget.setStyleSheet("")
            widget.setToolTip("")
            self._forget_cells(table, lambda cell: cell is widget)

    @staticmethod
    def _row_of(table: QTableWidget, cell: object) -> int:
        if cell is None:
            return -1
        if isinstance(cell, QTableWidgetItem):
            return table.row(cell)
        for row in range(table.rowCount()):
            for column in range(table.columnCount()):
                if table.cellWidget(row, column) is cell:
                    return row
        return -1

    def _forget_cells(self, table: QTableWidget, which) -> None:
        """The lines of the cells ``which`` picks leave the message under ``table``; the
        message goes when none is left (a stale line would send the clerk to a good cell)."""
        name = "rates" if table is self.rates else "parts"
        label = self.rates_message if table is self.rates else self.parts_message
        lines = [(cell, text) for cell, text in self._cell_lines[name] if not which(cell)]
        if len(lines) == len(self._cell_lines[name]):
            return
        self._cell_lines[name] = lines
        label.setText("\n".join(text for _cell, text in lines))
        label.setVisible(bool(lines))

    def clear_errors(self) -> None:
        super().clear_errors()
        self._cell_lines = {"rates": [], "parts": []}
        for table, label in ((self.rates, self.rates_message), (self.parts, self.parts_message)):
            label.hide()
            block = table.blockSignals(True)
            for row in range(table.rowCount()):
                for column in range(table.columnCount()):
                    item = table.item(row, column)
                    if item is not None and item.toolTip():
                        item.setData(Qt.ItemDataRole.BackgroundRole, None)
                        item.setToolTip("")
                    widget = table.cellWidget(row, column)
                    if widget is not None:
                        widget.setStyleSheet("")
                        widget.setToolTip("")
            table.blockSignals(block)

    def _mark_cell(self, table: QTableWidget, row: int, column: int, text: str) -> object | None:
        """The cell (its editor or its item) shown in red with ``text``; None if it has neither."""
        widget = table.cellWidget(row, column)
        if widget is not None:
            widget.setStyleSheet(ERROR_STYLE)
            widget.setToolTip(text)
            return widget
        item = table.item(row, column)
        if item is not None:
            block = table.blockSignals(True)
            item.setBackground(QBrush(ERROR_BACKGROUND))
            item.setToolTip(text)
            table.blockSignals(block)
        return item

    def show_user_error(self, exc: UserError) -> None:
        problems = exc.problems if isinstance(exc, ValidationError) else [exc]
        found: dict[str, list[str]] = {"rates": [], "parts": []}
        first: tuple[str, int, int] | None = None
        for problem in problems:
            text = problem.render(translate)
            match = LINE_FIELD.match(problem.field or "")
            if match is None or int(match.group(2)) > len(self._sent[match.group(1)]):
                self.show_field_error(problem.field, text)
                if problem.field in self.fields and first is None:
                    self.tabs.setCurrentIndex(0)  # the quote margin is on the rates' page
                    self.fields[problem.field].setFocus()
                continue
            name, line, key = match.group(1), int(match.group(2)), match.group(3)
            table = self.rates if name == "rates" else self.parts
            row = self._sent[name][line - 1]
            column = COLUMNS[name].get(key, 0)
            cell = self._mark_cell(table, row, column, text)
            header = table.horizontalHeaderItem(column).text()
            line_text = self.tr("Line %1, %2: %3").replace("%1", str(row + 1)).replace("%2", header).replace("%3", text)
            found[name].append(line_text)
            self._cell_lines[name].append((cell, line_text))
            if table.isRowHidden(row):
                self.filter.clear()
            first = first or (name, row, column)
        for name, label in (("rates", self.rates_message), ("parts", self.parts_message)):
            if found[name]:
                label.setText("\n".join(found[name]))
                label.show()
        if first is not None:
            name, row, column = first
            table = self.rates if name == "rates" else self.parts
            self.tabs.setCurrentIndex(0 if name == "rates" else 1)
            table.clearSelection()  # a selected row would hide the red of the bad cell
            table.setCurrentCell(row, column, QItemSelectionModel.SelectionFlag.NoUpdate)
            table.scrollToItem(table.item(row, column))
            table.setFocus()

    # -- saving ---------------------------------------------------------------------------
    def save(self, session: Session) -> int:
        rates, parts = [], []
        self._sent = {"rates": [], "parts": []}
        for row in range(self.rates.rowCount()):
            rates.append(self._rate_values(row))
            self._sent["rates"].append(row)
        for row in range(self.parts.rowCount()):
            values = self._part_values(row)
            new = self.parts.item(row, PART_NO).data(STORED_ROLE) is None
            if new and not (values["part_no"] or values["name"] or values["unit_price"]):
                continue  # a spare line left empty
            parts.append(values)
            self._sent["parts"].append(row)
        return pricing.save_charges(session, rates=rates, parts=parts, margin=self.fields["quote_margin"].text())


def edit_pricing(parent: QWidget | None, database: Database) -> bool:
    """The charges settings as a modal dialog; True when the user saved them."""
    dialog = PricingDialog(database, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
