"""A repair card (S7) with its parts lines: actual repair time and every part replaced."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QWidget

from ...db import Database
from ...models import GoodsEntry, RepairCard
from ...services import labels, repairs as repair_service
from ..table_model import translate
from .form import OptionalDateEdit, RecordDialog, datetime_edit, set_value
from .goods_dialog import staff_combo

PART_KEYS = ("part_no", "name", "quantity", "unit_price")


class RepairCardDialog(RecordDialog):
    register_name = "repair_card"

    def __init__(self, database: Database, card_id: int | None = None, goods_entry_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self.card_id = card_id
        self.goods_entry_id = goods_entry_id
        self.setWindowTitle(self.tr("New repair card") if card_id is None else self.tr("Repair card"))
        self.setMinimumWidth(640)
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
        remarks = QPlainTextEdit()
        remarks.setMaximumHeight(40)
        self.add_field("remarks", self.tr("Remarks"), remarks)

        self.parts = QTableWidget(0, 5)
        self.parts.setHorizontalHeaderLabels(
            [self.tr("Part no."), self.tr("Part name"), self.tr("Quantity"), self.tr("Unit price"), self.tr("Amount")]
        )
        self.parts.horizontalHeader().setStretchLastSection(True)
        self.parts.setMinimumHeight(140)
        self.parts.itemChanged.connect(lambda _item: self._update_total())
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
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        row.addWidget(self.total_label)
        self.form.addRow("", buttons)
        self.finish_layout()
        if card_id is not None:
            self._load(card_id)
        elif goods_entry_id is not None:
            self._from_goods(goods_entry_id)
        self._update_total()

    def field_for(self, service_field: str | None) -> str | None:
        if service_field and (service_field.startswith("parts") or service_field in PART_KEYS):
            return "parts"
        return super().field_for(service_field)

    def add_part_line(self, part_no: str = "", name: str = "", quantity: str = "1", unit_price: str = "0") -> None:
        row = self.parts.rowCount()
        self.parts.insertRow(row)
        for column, value in enumerate((part_no, name, quantity, unit_price)):
            self.parts.setItem(row, column, QTableWidgetItem(value))
        amount = QTableWidgetItem()
        amount.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.parts.setItem(row, 4, amount)
        self._update_total()

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

    def _update_total(self) -> None:
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
        try:
            total += Decimal(str(self.value("labour_fee") or "0"))
        except InvalidOperation:
            pass
        self.total_label.setText(self.tr("Total with labour: %1 yuan").replace("%1", f"{total:,.2f}"))

    def _from_goods(self, goods_entry_id: int) -> None:
        with self.database.Session() as s:
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
        with self.database.Session() as s:
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
            for key in ("repair_hours", "labour_fee"):
                value = getattr(card, key)
                set_value(self.fields[key], None if value is None else f"{value:f}")
            for part in card.parts:
                self.add_part_line(part.part_no or "", part.name, f"{part.quantity.normalize():f}", f"{part.unit_price:f}")
        self.fields["opened_at"].setEnabled(False)
        self.fields["technician_id"].setEnabled(False)

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
                repair_service.update_card(session, card.id, rest)
        else:
            card = session.get(RepairCard, self.card_id)
            repair_service.update_card(session, card.id, plain)
        repair_service.set_parts(session, card.id, self.part_lines())
        return card.id
