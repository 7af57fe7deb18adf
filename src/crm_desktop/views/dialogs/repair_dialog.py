"""A repair card (S7) with its parts lines: actual repair time and every part replaced.

A part number from the price list (services/pricing.py) brings its name and unit price as
it is typed, and the part-number cell completes on numbers and names; the card's total
shows parts plus labour (the labour fee entered, else the repair rate of the rate table
for the hours entered)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ... import clock
from ...db import Database
from ...models import GoodsEntry, RepairCard
from ...services import labels, pricing
from ...services import repairs as repair_service
from ...services.closed_records import why_closed
from ..i18n import translate
from .form import OptionalDateEdit, RecordDialog, datetime_edit, set_value
from .goods_dialog import staff_combo

PART_KEYS = ("part_no", "name", "quantity", "unit_price")
PART_NO_ROLE = Qt.ItemDataRole.UserRole + 5  # on a completion: the part number it stands for
FILLED_ROLE = Qt.ItemDataRole.UserRole + 6  # on a name/price cell: the text the price list put there


class PartCompleter(QCompleter):
    """Completes a part number from part numbers and names (Chinese substrings too); the
    popup shows number, name and price, and choosing inserts the number."""

    def __init__(self, model: QStandardItemModel, parent=None) -> None:
        super().__init__(model, parent)
        self.setCompletionRole(Qt.ItemDataRole.UserRole)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        number = index.data(PART_NO_ROLE)
        return number if number else super().pathFromIndex(index)


class PartNumberDelegate(QStyledItemDelegate):
    """The part-number cell's editor: a line edit with the price-list completer."""

    def __init__(self, completions: QStandardItemModel, parent=None) -> None:
        super().__init__(parent)
        self.completions = completions

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        editor.setFrame(False)
        completer = PartCompleter(self.completions, editor)
        completer.popup().setMinimumWidth(340)  # number, name and price: wider than the cell
        editor.setCompleter(completer)
        completer.activated.connect(lambda _text: self.commitData.emit(editor))
        return editor


class RepairCardDialog(RecordDialog):
    register_name = "repair_card"
    record_model = RepairCard

    def __init__(self, database: Database, card_id: int | None = None, goods_entry_id: int | None = None,
                 parent: QWidget | None = None, current_user_id: int | None = None) -> None:
        super().__init__(database, parent)
        self.current_user_id = current_user_id
        self.card_id = card_id
        self.goods_entry_id = goods_entry_id
        self.setWindowTitle(self.tr("New repair card") if card_id is None else self.tr("Repair card"))
        self.setMinimumWidth(680)
        self.header_label = QLabel()
        self.header_label.setObjectName("header_label")
        self.form.addRow(self.tr("Goods"), self.header_label)
        if card_id is None and goods_entry_id is None:
            self.add_field("customer_name", self.tr("Customer name"), QLineEdit(), required=True)
            self.add_field("product_model", self.tr("Product model"), QLineEdit())
            self.add_field("serial_no", self.tr("Serial no."), QLineEdit())
        self.add_field("opened_at", self.tr("Opened"), datetime_edit(), required=True)
        self.add_field("technician_id", self.tr("Technician"), staff_combo(database, roles=("technician",)))
        fault = QPlainTextEdit()
        fault.setMaximumHeight(50)
        self.add_field("fault", self.tr("Fault"), fault)
        self.add_field("promised_date", self.tr("Promised date"), OptionalDateEdit())
        work = QPlainTextEdit()
        work.setMaximumHeight(60)
        self.add_field("work_done", self.tr("Work done"), work)
        self.add_field("repair_hours", self.tr("Repair hours"), QLineEdit())
        self.add_field("labour_fee", self.tr("Labour fee (yuan)"), QLineEdit())
        self.fields["repair_hours"].textChanged.connect(lambda _t: self._update_total())
        self.fields["labour_fee"].textChanged.connect(lambda _t: self._update_total())
        self.labour_day = clock.today()  # the day the repair rate is taken from
        remarks = QPlainTextEdit()
        remarks.setMaximumHeight(40)
        self.add_field("remarks", self.tr("Remarks"), remarks)

        self.parts = QTableWidget(0, 5)
        self.parts.setHorizontalHeaderLabels(
            [self.tr("Part no."), self.tr("Part name"), self.tr("Quantity"), self.tr("Unit price"), self.tr("Amount")]
        )
        self.parts.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((110, 170, 60, 90)):
            self.parts.setColumnWidth(column, width)
        self.parts.setMinimumHeight(140)
        self.price_list: dict[str, tuple[str, Decimal, bool]] = {}
        self.completions = QStandardItemModel(self)
        self._load_price_list()
        self.parts.setItemDelegateForColumn(0, PartNumberDelegate(self.completions, self.parts))
        self.parts.itemChanged.connect(self._part_changed)
        self.add_field("parts", self.tr("Parts replaced"), self.parts)
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        add = QPushButton(self.tr("Add part line"))
        add.setObjectName("add_part")
        add.clicked.connect(lambda: self.add_part_line())
        remove = QPushButton(self.tr("Remove selected line"))
        remove.setObjectName("remove_part")
        remove.clicked.connect(self._remove_line)
        self.total_label = QLabel()
        self.total_label.setObjectName("total_label")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.form.addRow("", buttons)
        self.form.addRow(self.total_label)  # a line of its own: parts + labour is long
        if card_id is not None:
            self.add_history("repair_card", card_id)
        self.finish_layout()
        if card_id is not None:
            self._load(card_id)
            self.add_print_button("repair_card", card_id)
        elif goods_entry_id is not None:
            self._from_goods(goods_entry_id)
        self._update_total()

    def field_for(self, service_field: str | None) -> str | None:
        if service_field and (service_field.startswith("parts") or service_field in PART_KEYS):
            return "parts"
        return super().field_for(service_field)

    def _load_price_list(self) -> None:
        with self.database.read_session() as s:
            parts = pricing.price_list(s, include_inactive=True)
            self.price_list = {p.part_no: (p.name, p.unit_price, p.active) for p in parts}
        self.completions.clear()
        for number, (name, price, active) in self.price_list.items():
            if not active:
                continue
            item = QStandardItem(f"{number}    {name}    ¥{price:,.2f}")
            item.setData(f"{number} {name}", Qt.ItemDataRole.UserRole)
            item.setData(number, PART_NO_ROLE)
            self.completions.appendRow(item)

    def add_part_line(self, part_no: str = "", name: str = "", quantity: str = "1", unit_price: str = "") -> None:
        """A parts line; an empty unit price is filled from the price list for a known part
        number (here as it is typed, and again by the service when saved)."""
        self.parts.blockSignals(True)
        row = self.parts.rowCount()
        self.parts.insertRow(row)
        for column, value in enumerate((part_no, name, quantity, unit_price)):
            item = QTableWidgetItem(value)
            if column in (2, 3):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.parts.setItem(row, column, item)
        amount = QTableWidgetItem()
        amount.setFlags(Qt.ItemFlag.ItemIsEnabled)
        amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.parts.setItem(row, 4, amount)
        self.parts.blockSignals(False)
        if part_no and not (name and unit_price):
            self.fill_from_price_list(row)
        self._update_total()

    def _part_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            self.fill_from_price_list(item.row())
        self._update_total()

    def fill_from_price_list(self, row: int) -> bool:
        """A part number known to the price list fills the line's name and unit price where
        they are empty or still what the list put there (another part chosen replaces them);
        a part no longer offered brings its name only: its price is the clerk's to enter."""
        number_item = self.parts.item(row, 0)
        if number_item is None:
            return False
        key = number_item.text().strip().upper()
        known = self.price_list.get(key)
        if known is None:
            return False
        name, price, active = known
        self.parts.blockSignals(True)
        try:
            if number_item.text() != key:
                number_item.setText(key)
            fills = [(1, name)] + ([(3, f"{price:.2f}")] if active else [])
            for column, value in fills:
                cell = self.parts.item(row, column)
                current = cell.text().strip()
                if not current or current == cell.data(FILLED_ROLE) or (column == 3 and current in ("0", "0.00")):
                    cell.setText(value)
                    cell.setData(FILLED_ROLE, value)
            number_item.setToolTip(
                "" if active else self.tr("No longer in the price list: enter the price charged.")
            )
        finally:
            self.parts.blockSignals(False)
        self._update_total()
        return True

    def _remove_line(self) -> None:
        rows = sorted({i.row() for i in self.parts.selectedIndexes()}, reverse=True)
        for row in rows:
            self.parts.removeRow(row)
        self._update_total()

    def part_lines(self) -> list[dict]:
        lines = []
        for row in range(self.parts.rowCount()):
            values = [(self.parts.item(row, c).text().strip() if self.parts.item(row, c) else "") for c in range(4)]
            if not any(values):
                continue
            lines.append(dict(zip(PART_KEYS, values)))
        return lines

    def _labour(self) -> tuple[Decimal, bool]:
        """The labour fee entered, else the repair rate for the hours entered (True then)."""
        try:
            entered = self.value("labour_fee")
            if entered is not None:
                return Decimal(str(entered).replace(",", "")), False
        except InvalidOperation:
            return Decimal(0), False
        try:
            hours = Decimal(str(self.value("repair_hours") or "").replace(",", ""))
        except InvalidOperation:
            return Decimal(0), False
        if hours <= 0:
            return Decimal(0), False
        with self.database.read_session() as s:
            computed = pricing.labour_fee(s, "repair", self.labour_day, hours)
        return (computed, True) if computed is not None else (Decimal(0), False)

    def _update_total(self) -> None:
        if not hasattr(self, "total_label") or getattr(self, "_loading", False):
            return  # still being built or loaded
        total = Decimal(0)
        self.parts.blockSignals(True)
        for row in range(self.parts.rowCount()):
            try:
                quantity = Decimal(self.parts.item(row, 2).text() or "0")
                price = Decimal(self.parts.item(row, 3).text() or "0")
                amount = quantity * price
                total += amount
                text = f"{amount:,.2f}"
            except (InvalidOperation, AttributeError):
                text = ""
            if self.parts.item(row, 4) is not None:
                self.parts.item(row, 4).setText(text)
        self.parts.blockSignals(False)
        parts_total = total
        labour, by_rate = self._labour()
        total += labour
        self.fields["labour_fee"].setPlaceholderText(
            self.tr("by the repair rate: %1").replace("%1", f"{labour:,.2f}") if by_rate else ""
        )
        detail = (
            self.tr("(parts %1 + labour %2 by the repair rate)") if by_rate else self.tr("(parts %1 + labour %2)")
        ).replace("%1", f"{parts_total:,.2f}").replace("%2", f"{labour:,.2f}")
        self.total_label.setText(self.tr("Total with labour: %1 yuan").replace("%1", f"{total:,.2f}") + " " + detail)

    def _from_goods(self, goods_entry_id: int) -> None:
        with self.database.read_session() as s:
            entry = s.get(GoodsEntry, goods_entry_id)
            if entry is None:
                raise LookupError(goods_entry_id)
            self.header_label.setText(
                " · ".join(x for x in (entry.receipt_no, entry.customer_name, entry.product_model or "", entry.serial_no or "") if x)
            )
            if entry.call is not None:
                set_value(self.fields["fault"], entry.call.fault)
            set_value(self.fields["promised_date"], entry.promised_date)

    def _load(self, card_id: int) -> None:
        self._loading = True  # the total is worked out once, at the end
        try:
            self._load_card(card_id)
        finally:
            self._loading = False

    def _load_card(self, card_id: int) -> None:
        with self.database.read_session() as s:
            card = s.get(RepairCard, card_id)
            if card is None:
                raise LookupError(card_id)
            self.setWindowTitle(self.tr("Repair card %1").replace("%1", card.card_no))
            status = labels.REPAIR_CARD_STATUS.get(card.status)
            self.header_label.setText(
                " · ".join(x for x in (card.card_no, card.customer_name, card.product_model or "", card.serial_no or "",
                                       status.tr(translate) if status else card.status) if x)
            )
            for key in ("opened_at", "technician_id", "fault", "promised_date", "work_done", "remarks"):
                set_value(self.fields[key], getattr(card, key))
            self.show_length_notices(s, card.id)
            for key in ("repair_hours", "labour_fee"):
                value = getattr(card, key)
                set_value(self.fields[key], None if value is None else f"{value:f}")
            if card.repaired_at is not None:
                self.labour_day = card.repaired_at.date()
            for part in card.parts:
                self.add_part_line(part.part_no or "", part.name, f"{part.quantity.normalize():f}", f"{part.unit_price:f}")
            closed = why_closed(card)
        self.fields["opened_at"].setEnabled(False)
        self.fields["technician_id"].setEnabled(False)
        if closed is not None:
            self.show_read_only(closed.render(translate))

    def save(self, session) -> int:
        plain = {key: self.value(key) for key in ("fault", "promised_date", "work_done", "repair_hours", "labour_fee", "remarks")}
        if self.card_id is None:
            card = repair_service.open_card(
                session,
                opened_at=self.value("opened_at"),
                goods_entry_id=self.goods_entry_id,
                customer_name=self.value("customer_name") if "customer_name" in self.fields else None,
                product_model=self.value("product_model") if "product_model" in self.fields else None,
                serial_no=self.value("serial_no") if "serial_no" in self.fields else None,
                fault=plain["fault"],
                technician_id=self.value("technician_id"),
                promised_date=plain["promised_date"],
                remarks=plain["remarks"],
            )
            rest = {k: v for k, v in plain.items() if k in ("work_done", "repair_hours", "labour_fee") and v is not None}
            if rest:
                repair_service.update_card(session, card.id, rest, by_id=self.current_user_id)
        else:
            card = session.get(RepairCard, self.card_id)
            repair_service.update_card(session, card.id, plain, by_id=self.current_user_id)
        repair_service.set_parts(session, card.id, self.part_lines())
        return card.id
