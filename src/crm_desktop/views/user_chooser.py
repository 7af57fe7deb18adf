"""The current user until real logins exist: chosen from the active staff at start-up (and
by File → Switch user…), remembered in QSettings for the next start."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ..db import Database
from ..services import labels, users
from ..services.users import CurrentUser
from .table_model import translate

SETTINGS_KEY = "session/current_staff_id"


def remembered_user_id() -> int | None:
    value = QSettings().value(SETTINGS_KEY)
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def remember_user(staff_id: int | None) -> None:
    settings = QSettings()
    if staff_id is None:
        settings.remove(SETTINGS_KEY)
    else:
        settings.setValue(SETTINGS_KEY, staff_id)


def role_text(role: str) -> str:
    label = labels.ROLE.get(role)
    return label.tr(translate) if label is not None else role


def user_text(user: CurrentUser) -> str:
    """张三（服务主任）"""
    return QCoreApplication.translate("UserChooser", "%1 (%2)").replace("%1", user.name).replace("%2", role_text(user.role))


class UserChooser(QDialog):
    """A name from the active staff; the remembered (or current) one preselected."""

    def __init__(self, candidates: list[CurrentUser], current_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose the current user"))
        self.setMinimumWidth(320)
        self.candidates = candidates
        self.combo = QComboBox()
        self.combo.setObjectName("user")
        for user in candidates:
            self.combo.addItem(user_text(user), user.id)
        if current_id is not None:
            self.combo.setCurrentIndex(max(self.combo.findData(current_id), 0))
        question = QLabel(self.tr("Who is using the program?"))
        hint = QLabel(self.tr("What you may do follows your role: only the service supervisor dispatches calls."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.combo)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def chosen(self) -> CurrentUser | None:
        index = self.combo.currentIndex()
        return self.candidates[index] if 0 <= index < len(self.candidates) else None


def candidates(database: Database) -> list[CurrentUser]:
    with database.read_session() as session:
        return users.choosable_users(session)


def remembered_user(database: Database) -> CurrentUser | None:
    """The remembered user if they still work here (the --smoke run takes this, unasked)."""
    with database.read_session() as session:
        return users.find_user(session, remembered_user_id())


def choose_user(database: Database, current_id: int | None, parent: QWidget | None = None) -> tuple[bool, CurrentUser | None]:
    """Ask who uses the program; remember the answer. (False, None) when cancelled, (True,
    None) when there is nobody to choose (no active staff yet)."""
    people = candidates(database)
    if not people:
        return True, None
    dialog = UserChooser(people, current_id, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False, None
    user = dialog.chosen()
    remember_user(user.id if user else None)
    return True, user


def choose_user_at_start(database: Database) -> tuple[bool, int | None]:
    """At start-up: (go on?, staff id). Cancelling the chooser quits, like the first-start
    question; with no active staff at all the program goes on without a user."""
    go_on, user = choose_user(database, remembered_user_id())
    return go_on, user.id if user else None
