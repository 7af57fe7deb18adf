"""After a take-back (S6): the two numbers the step gave, and their papers a key away.

The goods leave the counter with paper: the customer keeps the goods receipt, the repair
card hangs on the goods. This small dialog follows the saved step and shows both numbers;
Enter (the default button) previews the receipt, and the default then moves on to the
repair card, so that Enter, print, Esc, Enter, print, Esc does the counter's work. Each
preview is the shared one (``views/print_preview``), which remembers its printer per form:
the receipt goes to the A4 printer, the card to the tag printer.

It is not modal: a clerk may look something up meanwhile. The previews are its children,
and closing one gives the keyboard back to it, on the button that comes next.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...db import Database


def _number(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setStyleSheet("font-weight: bold; font-size: 14pt;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # no Tab stop: Enter prints
    return label


class TakeBackPapersDialog(QDialog):
    """The goods receipt and the repair card of goods just taken back: their numbers, and
    a button each that opens its preview (the receipt first)."""

    def __init__(
        self, database: Database, call_no: str, receipt: tuple[int, str], card: tuple[int, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.receipt_id, self.receipt_no = receipt
        self.card_id, self.card_no = card
        self.previews: list[QDialog] = []  # the previews opened, in order (they draw in the background)
        self.setWindowTitle(self.tr("Papers for the goods — %1").replace("%1", call_no))
        self.setMinimumWidth(440)

        saved = QLabel(self.tr("Saved. The goods were given these numbers:"))
        saved.setWordWrap(True)
        numbers = QFormLayout()
        numbers.addRow(self.tr("Goods receipt"), _number(self.receipt_no, "receipt_no"))
        numbers.addRow(self.tr("Repair card"), _number(self.card_no, "card_no"))
        hint = QLabel(self.tr("The receipt goes to the customer; the card hangs on the goods."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")

        self.receipt_button = QPushButton(self.tr("Print the &receipt…"))
        self.receipt_button.setObjectName("print_receipt")
        self.receipt_button.clicked.connect(self.print_receipt)
        self.card_button = QPushButton(self.tr("Print the repair &card…"))
        self.card_button.setObjectName("print_card")
        self.card_button.clicked.connect(self.print_card)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.reject)
        buttons = QDialogButtonBox()
        buttons.addButton(self.receipt_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.card_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.setTabOrder(self.receipt_button, self.card_button)
        self.setTabOrder(self.card_button, self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(saved)
        layout.addLayout(numbers)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self._next(self.receipt_button)

    def _next(self, button: QPushButton) -> None:
        """``button`` is what Enter does now."""
        button.setDefault(True)
        button.setFocus()

    def print_receipt(self) -> None:
        self._preview("goods_entry", self.receipt_id)
        self._next(self.card_button)

    def print_card(self) -> None:
        self._preview("repair_card", self.card_id)
        self._next(self.close_button)

    def _preview(self, register: str, row_id: int) -> None:
        from ..errors import show_error
        from ..print_actions import preview_records

        def shown(preview: QDialog) -> None:
            self.previews.append(preview)
            preview.finished.connect(self._back)

        try:  # a broken layout or a missing font while drawing: shown by the background helper
            preview_records(self, self.database, register, [row_id], on_shown=shown)
        except Exception as exc:  # … and here before it starts
            show_error(self, exc)

    def _back(self) -> None:
        """A preview closed: the keyboard comes back here, on the next paper's button (not
        every window manager gives it back to the window that opened the preview)."""
        if self.isVisible():
            self.raise_()
            self.activateWindow()
