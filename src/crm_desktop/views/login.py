"""Logging in (I7): the login dialog, the forced change of a one-time password, the first
start's administrator and recovery code, and the recovery of the administrator's password.

The checks are the services' (services/auth.py); these dialogs only collect and show."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..db import Database
from ..errors import UserError
from ..services import auth
from .i18n import translate


def _message_label() -> QLabel:
    label = QLabel()
    label.setObjectName("message")
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.hide()
    return label


LAST_LOGIN_KEY = "login/last_name"


class LoginDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None, login: str = "") -> None:
        super().__init__(parent)
        self.database = database
        self.user: auth.LoggedIn | None = None
        self.setWindowTitle(self.tr("Log in to crm_desktop"))
        self.setMinimumWidth(360)
        form = QFormLayout()
        self.login = QLineEdit(login)
        self.login.setObjectName("login")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Login name"), self.login)
        form.addRow(self.tr("Password"), self.password)
        self.message = _message_label()
        self.recover = QPushButton(self.tr("Forgot the administrator's password…"))
        self.recover.setFlat(True)
        self.recover.setObjectName("recover")
        self.recover.clicked.connect(self._recover)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.recover, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        (self.password if login else self.login).setFocus()

    def accept(self) -> None:
        try:
            self.user = auth.log_in(self.database, self.login.text(), self.password.text())
        except UserError as exc:
            self.message.setText(exc.render(translate))
            self.message.show()
            self.password.clear()
            self.password.setFocus()
            return
        QSettings().setValue(LAST_LOGIN_KEY, self.user.login or self.login.text().strip())
        super().accept()

    def _recover(self) -> None:
        dialog = RecoveryDialog(self.database, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.login.setText(auth.ADMIN_LOGIN)
            self.password.clear()
            self.password.setFocus()


class ChangePasswordDialog(QDialog):
    """A new password (twice); ``forced`` for a one-time password: cancelling quits."""

    def __init__(self, database: Database, user: auth.LoggedIn, parent: QWidget | None = None, forced: bool = False) -> None:
        super().__init__(parent)
        self.database = database
        self.user = user
        self.setWindowTitle(self.tr("Change your password"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        if forced:
            note = QLabel(self.tr("This password was given to you once; choose your own now (at least 8 characters)."))
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        self.old, self.new, self.again = (QLineEdit() for _ in range(3))
        for name, edit in (("old_password", self.old), ("new_password", self.new), ("again", self.again)):
            edit.setObjectName(name)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Current password"), self.old)
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("New password again"), self.again)
        layout.addLayout(form)
        self.message = _message_label()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.new.text() != self.again.text():
            self._show(self.tr("The two new passwords differ."))
            return
        try:
            self.user = auth.change_password(self.database, self.user, self.old.text(), self.new.text())
        except UserError as exc:
            self._show(exc.render(translate))
            return
        super().accept()

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


class FirstSetupDialog(QDialog):
    """Shown once, on the first start of a real database: the administrator's one-time
    password and the recovery code, to be written down or printed and locked away."""

    def __init__(self, setup: auth.FirstSetup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The administrator's account"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "The program created the administrator's account. Log in with it now and choose your own password; "
            "then create the accounts of your colleagues."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        mono.setPointSize(mono.pointSize() + 3)
        form = QFormLayout()
        for label, value, name in ((self.tr("Login name"), setup.login, "login"),
                                   (self.tr("One-time password"), setup.password, "password"),
                                   (self.tr("Recovery code"), setup.recovery_code, "recovery")):
            field = QLabel(value)
            field.setObjectName(name)
            field.setFont(mono)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, field)
        layout.addLayout(form)
        warning = QLabel(self.tr(
            "The recovery code is shown only now. Write it down or print this window and lock it away: with it the "
            "administrator's password can be reset on this PC. Anyone who has it can do the same."))
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #b35c00;")
        layout.addWidget(warning)
        self.copy = QPushButton(self.tr("Copy to the clipboard"))
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(
            f"{setup.login}\n{setup.password}\n{setup.recovery_code}"))
        layout.addWidget(self.copy, 0, Qt.AlignmentFlag.AlignLeft)
        self.kept = QCheckBox(self.tr("I have written down the recovery code and will keep it safe"))
        self.kept.setObjectName("kept")
        layout.addWidget(self.kept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.kept.toggled.connect(self.ok.setEnabled)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


class RecoveryDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.new_code: str | None = None
        self.setWindowTitle(self.tr("Reset the administrator's password"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.code, self.new, self.again = (QLineEdit() for _ in range(3))
        self.code.setObjectName("code")
        for edit in (self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Recovery code"), self.code)
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("New password again"), self.again)
        layout.addLayout(form)
        self.message = _message_label()
        layout.addWidget(self.message)
        self.result_label = QLabel()
        self.result_label.setObjectName("new_code")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        layout.addWidget(self.result_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        if self.new_code is not None:  # the new code was read: done
            super().accept()
            return
        if self.new.text() != self.again.text():
            self.message.setText(self.tr("The two new passwords differ."))
            self.message.show()
            return
        try:
            self.new_code = auth.recover_admin(self.database, self.code.text(), self.new.text())
        except UserError as exc:
            self.message.setText(exc.render(translate))
            self.message.show()
            return
        self.message.hide()
        self.result_label.setText(
            self.tr("The password is reset. The old recovery code is used up; the new one is %1 — write it down and "
                    "keep it safe.").replace("%1", self.new_code))
        self.result_label.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()


def log_in(database: Database, parent: QWidget | None = None, login: str = "") -> auth.LoggedIn | None:
    """The login dialog, then the change of a one-time password; None if the user gave up."""
    dialog = LoginDialog(database, parent, login)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user is None:
        return None
    user = dialog.user
    if user.must_change_password:
        change = ChangePasswordDialog(database, user, parent, forced=True)
        if change.exec() != QDialog.DialogCode.Accepted:
            return None
        user = change.user
    return user


def log_in_at_start(database: Database) -> auth.LoggedIn | None:
    """The first start of a database without accounts shows the administrator's account
    and recovery code; then everyone logs in."""
    with database.read_session() as session:
        needs_setup = not auth.has_accounts(session)
    # the last login name of this Windows user: a clerk types only her password
    login = QSettings().value(LAST_LOGIN_KEY, "", type=str)
    if needs_setup:
        setup = auth.new_first_setup()
        if FirstSetupDialog(setup).exec() != QDialog.DialogCode.Accepted:
            return None  # nothing stored: the next start shows a new account and code
        auth.first_setup(database, translate, setup)
        login = setup.login
    return log_in(database, None, login)
