"""帮助 → 快捷键: every key of the program in one list, read from the actions registry (so it
never disagrees with the menus) and the keys every dialog and register shares."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ..i18n import QT_TRANSLATE_NOOP
from . import actions
from .i18n import translate

# keys that are not menu commands: the same in every dialog and register
COMMON_KEYS = (
    ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "In a dialog: save (a missing field is shown, nothing is saved)")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("Shortcuts", "In a dialog: save, also from a text box (where Enter starts a new line)")),
    ("Esc", QT_TRANSLATE_NOOP("Shortcuts", "In a dialog: cancel without saving")),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("Shortcuts", "Next / previous field")),
    ("↓ / ↑", QT_TRANSLATE_NOOP("Shortcuts", "In the customer finder: into the matches, then Enter picks one")),
    ("Alt+1 … Alt+9", QT_TRANSLATE_NOOP("Shortcuts", "In a call: the step of that number (as its button reads); Enter: the usual next step")),
    ("F2", QT_TRANSLATE_NOOP("Shortcuts", "In a register: change the selected cell in place")),
    ("Ctrl+Z / Ctrl+Y", QT_TRANSLATE_NOOP(
        "Shortcuts", "In a cell being changed: undo / redo the typing (Edit → Undo acts once the cell is closed)")),
    ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "In the search box: a scanned number opens its record")),
)


def key_rows() -> list[tuple[str, str]]:
    """(key, what it does) for every command with a shortcut, then the common keys."""
    rows = []
    for spec in actions.ACTIONS:
        if spec.shortcut is None:
            continue
        key = QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        if key:
            rows.append((key, actions.plain_text(actions.text_of(spec.text))))
    rows += [(key, text.tr(translate)) for key, text in COMMON_KEYS]
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = key_rows()
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcuts")
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("What it does")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (key, text) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(key))
            self.table.setItem(row, 1, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, min(620, 90 + 28 * len(rows)))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
