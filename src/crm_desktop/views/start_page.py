"""今日待办: the strip at the top of the main window that keeps what is due in sight from the
moment the window opens — each count (services/start_page.py) a button that opens its list,
red when something is overdue, amber when a call falls due within the hour. The window reads
it again every minute and after each save. It never takes the keyboard focus (every list it
opens is on the menus too), so typing in a register is never interrupted."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from ..db import Database
from ..services import start_page
from ..services.start_page import DueCount
from .i18n import translate

RED = "color: #b00020; font-weight: bold;"
AMBER = "color: #b35c00; font-weight: bold;"
PLAIN = "color: #1f3864;"


class StartStrip(QFrame):
    """The counts a role is shown; ``opened(key)`` when one is clicked."""

    opened = Signal(str)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setObjectName("start_page")
        self.setStyleSheet("QFrame#start_page { background: #eef3fa; border-bottom: 1px solid #c9d6ea; }")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(10, 3, 10, 3)
        self.title = QLabel(self.tr("Due today:"))
        self.title.setStyleSheet("font-weight: bold;")
        self.row.addWidget(self.title)
        self.buttons: dict[str, QToolButton] = {}
        self.counts: list[DueCount] = []
        self.row.addStretch(1)

    def _button(self, key: str) -> QToolButton:
        button = self.buttons.get(key)
        if button is None:
            button = QToolButton()
            button.setObjectName(f"due_{key}")
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _checked=False, k=key: self.opened.emit(k))
            self.row.insertWidget(self.row.count() - 1, button)
            self.buttons[key] = button
        return button

    def refresh(self, calendar, now: datetime, role: str | None) -> None:
        """The counts ``role`` is shown at ``now`` (``calendar``: the working calendar the window read)."""
        with self.database.read_session() as session:
            self.counts = start_page.due_counts(session, calendar, now, role)
        shown = {c.key for c in self.counts}
        for key, button in self.buttons.items():
            button.setVisible(key in shown)
        for due in self.counts:
            button = self._button(due.key)
            button.setText(f"{due.label(translate)} {due.count}")
            button.setStyleSheet(RED if due.overdue else AMBER if due.soon else PLAIN)
            button.setToolTip(self.tr("Open the list"))
            button.setVisible(True)

    def count_of(self, key: str) -> int | None:
        return next((c.count for c in self.counts if c.key == key), None)
