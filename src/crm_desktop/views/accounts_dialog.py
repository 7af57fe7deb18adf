"""File → Staff and accounts (the administrator's): who works here, their role and login; a
new colleague gets an account with a one-time password to hand over, a forgotten password
a new one-time password (which also lifts a lock)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..db import Database
from ..errors import UserError
from ..services import auth, labels
from .errors import show_error
from .i18n import translate


class NewStaffDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New member of staff"))
        form = QFormLayout(self)
        self.name, self.login, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        self.role = QComboBox()
        for code in auth.ROLE_PERMISSIONS:
            self.role.addItem(labels.ROLE[code].tr(translate), code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Login name (default: the name)"), self.login)
        form.addRow(self.tr("Phone"), self.phone)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()
        form.addRow(self.message)
        # the message was about what was typed: it goes once the clerk changes it
        for line in (self.name, self.login, self.phone):
            line.textEdited.connect(self.message.hide)
        self.role.currentIndexChanged.connect(self.message.hide)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class AccountsDialog(QDialog):
    def __init__(self, database: Database, user: auth.LoggedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        auth.require(user, auth.Permission.ACCOUNTS)
        self.database = database
        self.user = user
        self.last_password: str | None = None
        self.setWindowTitle(self.tr("Staff and accounts"))
        self.resize(720, 460)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("accounts")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Login name"), self.tr("State"), self.tr("Last login")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("New member of staff…"))
        self.account_button = QPushButton(self.tr("Give an account…"))
        self.reset_button = QPushButton(self.tr("New one-time password…"))
        for button in (self.add_button, self.account_button, self.reset_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(lambda: self._guarded(self.add_staff))
        self.account_button.clicked.connect(lambda: self._guarded(self.give_account))
        self.reset_button.clicked.connect(lambda: self._guarded(self.reset_password))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.load()

    def load(self) -> None:
        with self.database.read_session() as session:
            self.rows = auth.staff_accounts(session)
        self.table.setRowCount(len(self.rows))
        for r, account in enumerate(self.rows):
            if not account.active:
                state = self.tr("Left")
            elif account.login is None:
                state = self.tr("No account")
            elif account.locked_until is not None:
                state = self.tr("Locked until %1").replace("%1", account.locked_until.strftime("%Y-%m-%d %H:%M"))
            elif account.must_change_password:
                state = self.tr("One-time password")
            else:
                state = self.tr("Active")
            role = labels.ROLE.get(account.role)
            values = [account.name, role.tr(translate) if role else account.role, account.login or "", state,
                      account.last_login_at.strftime("%Y-%m-%d %H:%M") if account.last_login_at else ""]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self._update_buttons()

    def selected(self) -> auth.StaffAccount | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.account_button.setEnabled(chosen is not None and chosen.active and chosen.login is None)
        self.reset_button.setEnabled(chosen is not None and chosen.active and chosen.login is not None)

    def _guarded(self, action) -> None:
        try:
            action()
        except Exception as exc:
            show_error(self, exc)

    def _tell_password(self, name: str, password: str, ask=None) -> None:
        self.last_password = password
        text = self.tr("The one-time password of %1 is %2. Hand it over in person; it must be changed at the first login.") \
            .replace("%1", name).replace("%2", password)
        (ask or (lambda t: QMessageBox.information(self, self.tr("One-time password"), t)))(text)

    def add_staff(self, fill=None, tell=None) -> None:
        dialog = NewStaffDialog(self)
        while True:
            if (fill or QDialog.exec)(dialog) != QDialog.DialogCode.Accepted:
                return
            try:
                _staff_id, password = auth.add_staff(
                    self.database, self.user, name=dialog.name.text(), role=dialog.role.currentData(),
                    login=dialog.login.text().strip() or None, phone=dialog.phone.text())
            except UserError as exc:
                dialog.message.setText(exc.render(translate))
                dialog.message.show()
                if fill is not None:
                    raise
                continue
            break
        self.load()
        self._tell_password(dialog.name.text().strip(), password, tell)

    def give_account(self, tell=None) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        password = auth.give_account(self.database, self.user, chosen.staff_id, chosen.name)
        self.load()
        self._tell_password(chosen.name, password, tell)

    def reset_password(self, tell=None) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        password = auth.reset_password(self.database, self.user, chosen.staff_id)
        self.load()
        self._tell_password(chosen.name, password, tell)
