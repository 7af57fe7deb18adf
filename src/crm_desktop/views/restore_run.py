"""A restore chosen in 文件 → 备份与恢复, carried out by app.run_gui once the window and its
connections are gone (services/restore.py does the work; here only its progress dialog and
what it found, shown to the clerk: what was set aside and the records to enter again)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit, QProgressDialog, QVBoxLayout

from .. import APP_NAME
from ..i18n import QT_TRANSLATE_NOOP
from ..progress import Cancelled
from ..services.auth import LoggedIn
from .backup_actions import QuietWork
from .errors import log_error, message_of
from .i18n import translate

RESTORING = QT_TRANSLATE_NOOP("Restore", "Checking the backup and putting it in place…")
NOT_RESTORED = QT_TRANSLATE_NOOP("Restore", "The backup was not restored; the database is as it was.\n\n{reason}")
TITLE = QT_TRANSLATE_NOOP("Restore", "Restore done")
ENTER_AGAIN = QT_TRANSLATE_NOOP("Restore", "Log in again to go on. Enter the records listed here again.")


def restore_and_report(config, backup: Path, user: LoggedIn | None):
    """Restore ``backup`` with a progress dialog (Cancel stops it before anything changes),
    then show what was done; the ``RestoreResult``, or None when refused or cancelled (the
    database is then as it was, and the clerk is told why)."""
    from ..services import restore

    dialog = QProgressDialog(RESTORING.tr(translate), QApplication.translate("Restore", "Cancel"), 0, 100)
    dialog.setWindowTitle(APP_NAME)
    dialog.setMinimumDuration(0)
    stop = threading.Event()
    dialog.canceled.connect(stop.set)
    state = {"done": 0}

    def progress(done: int, total: int) -> bool:
        state["done"] = done * 100 // total if total else 0
        return not stop.is_set()

    outcome: dict[str, Any] = {}
    work = QuietWork(QApplication.instance(), lambda: restore.restore(config, backup, by=user, progress=progress,
                                                                       translate=translate), "restore")
    work.done.connect(lambda result: outcome.setdefault("result", result))
    work.failed.connect(lambda exc: outcome.setdefault("error", exc))
    work.start()
    dialog.show()
    while not work.wait(0.05):
        dialog.setValue(min(99, state["done"]))
        QApplication.processEvents()
    QApplication.processEvents()
    dialog.close()
    error = outcome.get("error")
    if error is not None:
        if not isinstance(error, Cancelled):
            log_error(error, "restore")
        QMessageBox.warning(None, APP_NAME, NOT_RESTORED.tr(translate, reason=message_of(error)))
        return None
    result = outcome.get("result")
    if result is not None:
        RestoreReport(result).exec()
    return result


class RestoreReport(QDialog):
    """What the restore did and the records to enter again, as selectable text."""

    def __init__(self, result, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE.tr(translate))
        self.text = QPlainTextEdit(result.describe(translate))
        self.text.setObjectName("report")
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        column = QVBoxLayout(self)
        column.addWidget(QLabel(ENTER_AGAIN.tr(translate)))
        column.addWidget(self.text, 1)
        column.addWidget(buttons)
        self.resize(760, 460)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()
