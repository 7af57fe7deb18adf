"""Finding a customer or a product while typing: part of a name, a phone number or a
serial number, Chinese substrings included."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ...db import Database
from ...services import customers as customer_service
from ...services import name_search
from ..i18n import translate

FIND_DELAY_MS = 200


class CustomerFinder(QWidget):
    """A search line, a short list of matches, and a button to create a customer on the spot.
    Emits ``chosen(customer_id)``; ``product_chosen(product_id)`` when found by serial number.

    By keyboard: Down (or Up) from the line goes into the list, Enter picks the match under
    the cursor (or the only one); Esc in the list goes back to the line. Enter handled here
    never reaches the dialog, which would otherwise save with no customer chosen."""

    chosen = Signal(int)
    product_chosen = Signal(int)  # noqa: N815
    createRequested = Signal(str)  # noqa: N815

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.line = QLineEdit()
        self.line.setObjectName("customer_search")
        self.line.setPlaceholderText(self.tr("Type part of a name, its initials (zw), a phone number or a serial number"))
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
        self.setFocusProxy(self.line)  # the dialog focusing the finder (a refused save) means its line
        self.line.installEventFilter(self)
        self.results.installEventFilter(self)
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
        notice = name_search.notice(text)
        if notice is not None:  # one letter: found as text only, and why
            self.results.addItem(notice.tr(translate))
        if self.results.count() == 0:
            self.results.addItem(self.tr("No customer found: use \"New customer…\""))
        self.results.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.line:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                return self._into_list(key)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                return self._enter()
        elif watched is self.results:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.results.currentItem()
                if item is not None:
                    self._pick(item)
                return True  # never the dialog's default button
            if key == Qt.Key.Key_Escape:
                self.line.setFocus()
                return True
            if key == Qt.Key.Key_Up and self.results.currentRow() <= 0:
                self.line.setFocus()
                return True
        return False

    def _into_list(self, key: int) -> bool:
        if self._timer.isActive() or (self.line.text().strip() and self.results.isHidden()):
            self.find()  # typed a moment ago: the list the clerk expects
        if self.results.isHidden() or self.results.count() == 0:
            return False
        self.results.setFocus()
        self.results.setCurrentRow(0 if key == Qt.Key.Key_Down else self.results.count() - 1)
        return True

    def _enter(self) -> bool:
        """Enter in the line: the only match is picked; with several the list takes the keys.
        True: handled here (the dialog must not see it)."""
        if not self.line.text().strip():
            return False  # nothing typed: Enter belongs to the dialog
        self.find()
        picks = [self.results.item(i) for i in range(self.results.count())
                 if self.results.item(i).data(Qt.ItemDataRole.UserRole)]
        if len(picks) == 1:
            self._pick(picks[0])
        elif picks:
            self.results.setFocus()
            self.results.setCurrentRow(0)
        return True

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
