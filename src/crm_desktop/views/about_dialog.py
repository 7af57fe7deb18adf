"""帮助 → 关于: the version and where everything is — what a support call asks for. The facts
are selectable text, and one button copies them all to the clipboard (to paste into a
message, or to read out over the phone)."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication, QTextOption
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ..db import Database
from ..i18n import QT_TRANSLATE_NOOP
from ..services.about import SupportFacts, support_facts
from .i18n import tr

# the Help menu's words for it, shared with the main window's translation
TITLE = QT_TRANSLATE_NOOP("MainWindow", "About crm_desktop")
HEADING = QT_TRANSLATE_NOOP("MainWindow", "crm_desktop %1\nAfter-sales service registers of the branch office.")

LINE = QT_TRANSLATE_NOOP("AboutDialog", "{label}: {value}")
VERSION = QT_TRANSLATE_NOOP("AboutDialog", "Version")
DATA_DIR = QT_TRANSLATE_NOOP("AboutDialog", "Data folder")
DATABASE_FILE = QT_TRANSLATE_NOOP("AboutDialog", "Database file")
DATABASE = QT_TRANSLATE_NOOP("AboutDialog", "Database")
SCHEMA = QT_TRANSLATE_NOOP("AboutDialog", "Database schema revision")
SCHEMA_VALUE = QT_TRANSLATE_NOOP("AboutDialog", "{revision} (this program's: {program})")
UNKNOWN = QT_TRANSLATE_NOOP("AboutDialog", "unknown (see the log file)")
LOG_FILE = QT_TRANSLATE_NOOP("AboutDialog", "Log file")
SYSTEM = QT_TRANSLATE_NOOP("AboutDialog", "System")
COMPONENTS = QT_TRANSLATE_NOOP("AboutDialog", "Components")
NOT_SET = "—"


def fact_lines(facts: SupportFacts) -> list[str]:
    """The facts, one a line, as shown and as copied."""
    if facts.database_file is not None:
        database = (DATABASE_FILE, str(facts.database_file))
    else:
        database = (DATABASE, facts.database_url)
    revision = tr(SCHEMA_VALUE, revision=facts.schema_revision, program=facts.program_revision) \
        if facts.schema_revision else tr(UNKNOWN)
    rows = [
        (VERSION, facts.version),
        (DATA_DIR, str(facts.data_dir) if facts.data_dir else NOT_SET),
        database,
        (SCHEMA, revision),
        (LOG_FILE, str(facts.log_file) if facts.log_file else NOT_SET),
        (SYSTEM, facts.system),
        (COMPONENTS, f"Python {facts.python}, Qt {qVersion()}, PySide6 {PySide6.__version__}"),
    ]
    return [tr(LINE, label=tr(label), value=value) for label, value in rows]


class AboutDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = support_facts(database)
        self.setWindowTitle(tr(TITLE))
        self.heading = QLabel(tr(HEADING).replace("%1", self.facts.version))
        self.heading.setObjectName("heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.text = QPlainTextEdit("\n".join(fact_lines(self.facts)))
        self.text.setObjectName("facts")
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(  # selectable with the mouse and the keyboard, Ctrl+C copies
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setTabChangesFocus(True)
        self.text.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long paths wrap
        self.copied = QLabel()
        self.copied.setObjectName("copied")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy to clipboard"))
        self.copy_button.setObjectName("copy")
        self.copy_button.setAutoDefault(False)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.resize(620, 330)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def text_to_copy(self) -> str:
        return self.heading.text() + "\n" + self.text.toPlainText()

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.text_to_copy())
        self.copied.setText(self.tr("Copied: paste it into a message, or read it out."))
