"""The one place that shows errors: a user error as a short Chinese message, anything else
logged with its traceback to the data folder's log and shown as a short apology."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..errors import UserError

log = logging.getLogger("crm_desktop.errors")


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def message_of(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        return exc.render(translate)
    return QCoreApplication.translate(
        "Errors", "Something went wrong and the last action was not saved. The details are in the log file."
    )


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show ``exc`` to the user; log it with its traceback unless it is a user error."""
    if not isinstance(exc, UserError):
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    title = QCoreApplication.translate("Errors", "crm_desktop")
    box = QMessageBox(QMessageBox.Icon.Warning, title, message_of(exc), QMessageBox.StandardButton.Ok, parent)
    box.exec()


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    log.error("uncaught exception:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
    if QCoreApplication.instance() is None or _SILENT:
        return
    try:
        show_error(None, exc)
    except Exception:  # never let the hook itself raise
        log.exception("could not show the error")


_SILENT = False


def install_excepthook(silent: bool = False) -> None:
    """Route uncaught exceptions (also those raised inside Qt slots) to the log and a message;
    ``silent`` (the smoke run) only logs, and the caller reports them."""
    global _SILENT
    _SILENT = silent
    sys.excepthook = _excepthook
