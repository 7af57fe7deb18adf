"""文件 → 备份与恢复 (X1; issue 15, items 2 and 3): the backups with their date, size, check and
row counts; a backup made now; the administrator's second folder; and a restore, which the
window carries out once it has closed its own hold on the database (app.run_gui)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import backups
from ..db import Database
from ..i18n import QT_TRANSLATE_NOOP
from ..services.auth import LoggedIn, Permission
from . import background
from .dialogs import form
from .errors import show_error
from .i18n import translate

COUNTED = (("service_call", QT_TRANSLATE_NOOP("BackupDialog", "Calls")),
           ("customer", QT_TRANSLATE_NOOP("BackupDialog", "Customers")),
           ("repair_card", QT_TRANSLATE_NOOP("BackupDialog", "Repair cards")),
           ("goods_entry", QT_TRANSLATE_NOOP("BackupDialog", "Goods entries")))
CHECK_NAMES = {backups.FULL: QT_TRANSLATE_NOOP("BackupDialog", "full check"),
               backups.QUICK: QT_TRANSLATE_NOOP("BackupDialog", "quick check")}
CONFIRM_RESTORE = QT_TRANSLATE_NOOP(
    "BackupDialog",
    "Restore the backup of {when}?\n\nThe program closes this window, checks the backup, sets the database in use "
    "aside in {aside} (it is never deleted), puts the backup in its place and starts again. Numbers already issued "
    "are never issued again; the records made since the backup are listed for you to enter again.")


def size_text(size: int) -> str:
    if size >= 1024 ** 3:
        return f"{size / 1024 ** 3:.1f} GB"
    if size >= 1024 ** 2:
        return f"{size / 1024 ** 2:.1f} MB"
    return f"{max(size, 1) / 1024:.0f} KB"


class BackupDialog(QDialog):
    """``restore_requested``: the backup the clerk chose to restore (the window then closes
    and app.run_gui restores it), else None."""

    def __init__(self, database: Database, user: LoggedIn | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.user = user
        self.restore_requested: Path | None = None
        config = database.config
        self.backups_dir = config.backups_dir if config is not None else None
        self.setWindowTitle(self.tr("Backups and restore"))

        self.folder_label = QLabel()
        self.folder_label.setObjectName("folder")
        self.folder_label.setWordWrap(True)
        self.second_label = QLabel()
        self.second_label.setObjectName("second_folder")
        self.second_label.setWordWrap(True)

        headers = [self.tr("Made at"), self.tr("Size"), self.tr("Check"), self.tr("Result"),
                   *(name.tr(translate) for _table, name in COUNTED)]
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("backups")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected() if self.restore_button.isEnabled() else None)

        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.setObjectName("backup_now")
        self.restore_button = QPushButton(self.tr("&Restore selected…"))
        self.restore_button.setObjectName("restore")
        self.open_button = QPushButton(self.tr("&Open the folder"))
        self.open_button.setObjectName("open_folder")
        self.second_button = QPushButton(self.tr("&Second folder…"))
        self.second_button.setObjectName("set_second_folder")
        self.second_button.setToolTip(self.tr("A USB disk or a share that receives a copy of every backup"))
        for button in (self.backup_button, self.restore_button, self.open_button, self.second_button):
            button.setAutoDefault(False)
        may_restore = user is not None and user.may(Permission.RESTORE)
        if not may_restore:
            tip = self.tr("Only the administrator or the manager may restore a backup or set the second folder.")
            self.restore_button.setToolTip(tip)
            self.second_button.setToolTip(tip)
        self.second_button.setEnabled(may_restore)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.open_button.clicked.connect(self.open_folder)
        self.second_button.clicked.connect(self.choose_second_folder)

        actions = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.open_button, self.second_button):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        column = QVBoxLayout(self)
        column.addWidget(self.folder_label)
        column.addWidget(self.second_label)
        column.addWidget(self.table, 1)
        column.addLayout(actions)
        column.addWidget(close)
        self.resize(900, 480)
        form.keep_on_screen(self)
        self.refresh()

    # -- what is shown -------------------------------------------------------------------
    def refresh(self) -> None:
        self.listed = backups.list_backups(self.backups_dir) if self.backups_dir is not None else []
        self.folder_label.setText(self.tr("Backups are kept in %1: every day's of the last 30 days and the last of each "
                                          "of 12 months. A backup is made every day and when the program closes.")
                                  .replace("%1", str(self.backups_dir) if self.backups_dir else "—"))
        with self.database.read_session() as session:
            second = backups.second_folder(session)
        self.second_label.setText(self.tr("Second folder: %1").replace(
            "%1", str(second) if second else self.tr("not set (the administrator may set one)")))
        self.table.setRowCount(len(self.listed))
        for row, backup in enumerate(self.listed):
            if backup.check is None:
                check, result = self.tr("not recorded"), "—"
            else:
                name = CHECK_NAMES.get(backup.check)
                check = name.tr(translate) if name is not None else backup.check
                result = self.tr("passed") if backup.verified else self.tr("FAILED: %1").replace("%1", backup.result or "")
            cells = [f"{backup.made_at:%Y-%m-%d %H:%M:%S}", size_text(backup.size), check, result,
                     *(str(backup.counts[t]) if t in backup.counts else "—" for t, _name in COUNTED)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(backup.path))
                self.table.setItem(row, col, item)
        if self.listed:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> backups.Backup | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.listed[min(rows)] if rows else None

    def _update_buttons(self) -> None:
        may = self.user is not None and self.user.may(Permission.RESTORE)
        chosen = self.selected()
        self.restore_button.setEnabled(may and chosen is not None and not self.database.opened_read_only
                                       and (chosen.verified or chosen.check is None))
        self.backup_button.setEnabled(self.backups_dir is not None and self.database.config is not None
                                      and self.database.config.sqlite_path is not None)

    # -- actions -------------------------------------------------------------------------
    def back_up_now(self) -> None:
        config = self.database.config
        with self.database.read_session() as session:
            second = backups.second_folder(session)

        def work(progress):
            return backups.make_backup(config.sqlite_path, config.backups_dir, check=backups.FULL,
                                       second_folder=second, progress=progress)

        def made(backup: backups.Backup) -> None:
            self.refresh()
            QMessageBox.information(self, self.windowTitle(), self.tr("The backup %1 is made and passed its check.")
                                    .replace("%1", backup.path.name))

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self.refresh()

        return background.run_in_background(self, work, made, label=self.tr("Making and checking a backup…"),
                                            title=self.windowTitle(), on_failure=failed, name="backup")

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        from ..services.restore import authorize_restore

        try:
            authorize_restore(self.database, self.user)
        except Exception as exc:  # noqa: BLE001 - said in the clerk's words
            show_error(self, exc)
            return
        aside = self.backups_dir / "replaced" if self.backups_dir else ""
        answer = QMessageBox.warning(
            self, self.windowTitle(), CONFIRM_RESTORE.tr(translate, when=f"{chosen.made_at:%Y-%m-%d %H:%M:%S}",
                                                         aside=str(aside)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore_requested = chosen.path
        self.accept()

    def open_folder(self) -> None:
        if self.backups_dir is not None:
            self.backups_dir.mkdir(parents=True, exist_ok=True)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.backups_dir)))

    def choose_second_folder(self) -> None:
        with self.database.read_session() as session:
            current = backups.second_folder(session)
        from .save_dialog import documents_folder

        folder = QFileDialog.getExistingDirectory(self, self.tr("Second folder for backups"),
                                                  str(current if current is not None and current.is_dir()
                                                      else documents_folder()))
        if not folder:
            if current is not None and QMessageBox.question(
                    self, self.windowTitle(), self.tr("Stop copying backups to %1?").replace("%1", str(current)),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes:
                self.set_second_folder(None)
            return
        self.set_second_folder(Path(folder))

    def set_second_folder(self, folder: Path | None) -> None:
        try:
            from ..services.auth import audit, require

            require(self.user, Permission.RESTORE)
            with self.database.Session.begin() as session:
                backups.set_second_folder(session, folder)
                audit(session, "backup_folder", staff_id=self.user.staff_id, login=self.user.login,
                      detail={"folder": str(folder) if folder else None})
        except Exception as exc:  # noqa: BLE001 - said in the clerk's words
            show_error(self, exc)
        self.refresh()


def show_backups(window, database: Database, user: LoggedIn | None) -> Path | None:
    """The dialog; the backup to restore when the clerk chose one."""
    dialog = BackupDialog(database, user, window)
    dialog.exec()
    return dialog.restore_requested
