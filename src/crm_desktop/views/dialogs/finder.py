"""Finding a customer or a product while typing: part of a name, a phone number or a
serial number, Chinese substrings included."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ...db import Database
from ...services import customers as customer_service

FIND_DELAY_MS = 200


class CustomerFinder(QWidget):
    """A search line, a short list of matches, and a button to create a customer on the spot.
    Emits ``chosen(customer_id)``; ``product_chosen(product_id)`` when found by serial number."""

    chosen = Signal(int)
    product_chosen = Signal(int)  # noqa: N815
    createRequested = Signal(str)  # noqa: N815

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.line = QLineEdit()
        self.line.setObjectName("customer_search")
        self.line.setPlaceholderText(self.tr("Type part of a name, a phone number or a serial number"))
        self.line.setClearButtonEnabled(True)
        self.create_button = QPushButton(self.tr("New customer…"))
        self.create_button.setObjectName("create_customer")
        self.results = QListWidget()
        self.results.setObjectName("customer_results")
        self.results.setMaximumHeight(110)
        self.results.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FIND_DELAY_MS)
        self._timer.timeout.connect(self.find)
        self.line.textEdited.connect(lambda _t: self._timer.start())
        self.line.returnPressed.connect(self._enter)
        self.results.itemActivated.connect(self._pick)
        self.results.itemClicked.connect(self._pick)
        self.create_button.clicked.connect(lambda: self.createRequested.emit(self.line.text().strip()))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.create_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.results)

    def find(self) -> None:
        self._timer.stop()
        text = self.line.text().strip()
        self.results.clear()
        if not text:
            self.results.hide()
            return
        with self.database.Session() as s:
            found = customer_service.find_customers(s, text, limit=15)
            products = customer_service.find_products(s, text, limit=5)
            for c in found:
                label = " · ".join(x for x in (c.name, c.phone or "", c.address or "") if x)
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, ("customer", c.id))
                self.results.addItem(item)
            for p in products:
                label = self.tr("%1 — %2, serial no. %3").replace("%1", p.customer.name).replace(
                    "%2", p.model).replace("%3", p.serial_no or "")
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, ("product", p.id, p.customer_id))
                self.results.addItem(item)
        if self.results.count() == 0:
            self.results.addItem(self.tr("No customer found: use \"New customer…\""))
        self.results.show()

    def _enter(self) -> None:
        self.find()
        if self.results.count() == 1 and self.results.item(0).data(Qt.ItemDataRole.UserRole):
            self._pick(self.results.item(0))

    def _pick(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if not data:
            return
        self.results.hide()
        self.line.clear()
        if data[0] == "customer":
            self.chosen.emit(data[1])
        else:
            self.chosen.emit(data[2])
            self.product_chosen.emit(data[1])
