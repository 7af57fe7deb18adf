"""The one place that shows errors: a user error as a short Chinese message; a known fault
of the machine (a locked database, a full disk, a read-only file, a failing disk, a damaged
database: ``faults.py``) as its own message, logged as a warning with its cause; anything
else logged with its traceback to the data folder's log and shown as a short apology."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import faults
from ..errors import UserError
from .i18n import translate

log = logging.getLogger("crm_desktop.errors")


def message_of(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        return exc.render(translate)
    found = faults.diagnose(exc)
    if found is not None:
        return found.fault.render(translate)
    return QCoreApplication.translate(
        "Errors", "Something went wrong and the last action was not saved. The details are in the log file."
    )


# told when a database read or write failed because the disk or the file is failing
# (views/backup_actions.DatabaseWatch refuses further writes)
_disk_failure_listeners: list[Callable[[faults.Fault], None]] = []


def on_disk_failure(listener: Callable[[faults.Fault], None]) -> Callable[[], None]:
    """Call ``listener(fault)`` whenever an error shown or logged here is an input/output error
    or a damaged database; returns the function that stops it."""
    _disk_failure_listeners.append(listener)
    return lambda: _disk_failure_listeners.remove(listener) if listener in _disk_failure_listeners else None


def log_error(exc: BaseException, what: str = "unexpected error") -> None:
    """Log ``exc`` as what it is: nothing for a user error (the message says it all), a
    warning with its cause for a known fault, an error with the traceback for a bug."""
    if isinstance(exc, UserError):
        return
    found = faults.diagnose(exc)
    if found is not None:
        found.log(what)
        if found.fault in (faults.Fault.IO_ERROR, faults.Fault.DAMAGED):
            for listener in list(_disk_failure_listeners):
                listener(found.fault)
    else:
        log.error("%s", what, exc_info=(type(exc), exc, exc.__traceback__))


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show ``exc`` to the user; log it unless it is a user error (see ``log_error``)."""
    log_error(exc)
    _show(parent, exc)


def _show(parent: QWidget | None, exc: BaseException) -> None:
    title = QCoreApplication.translate("Errors", "crm_desktop")
    box = QMessageBox(QMessageBox.Icon.Warning, title, message_of(exc), QMessageBox.StandardButton.Ok, parent)
    box.exec()


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    found = faults.diagnose(exc)
    if found is not None:
        found.log("uncaught")
    else:
        log.error("uncaught exception:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
    if QCoreApplication.instance() is None or _SILENT:
        return
    try:
        _show(None, exc)
    except Exception:  # never let the hook itself raise
        log.exception("could not show the error")


_SILENT = False


def install_excepthook(silent: bool = False) -> None:
    """Route uncaught exceptions (also those raised inside Qt slots) to the log and a message;
    ``silent`` (the smoke run) only logs, and the caller reports them."""
    global _SILENT
    _SILENT = silent
    sys.excepthook = _excepthook
