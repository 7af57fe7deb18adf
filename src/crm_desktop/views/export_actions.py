"""Export from the window: the register on screen — its search, its sort, its columns in
the order the clerk arranged them — to an Excel workbook (X4).

The rows are written by ``exports.register_export`` (no Qt) in the background
(``views/background``): the window keeps painting, a progress dialog that can cancel appears
when the export takes a moment, and a cancelled export leaves no file. This module asks for
the file, says in the status bar where it went, and turns a file that cannot be written
(open in Excel, a folder that is gone) into a short Chinese message.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import clock, faults
from ..errors import UserError
from ..services.registers import RegisterQuery
from . import background
from .background import Task
from .errors import message_of
from .i18n import translate
from .register_view import RegisterView
from .save_dialog import EXPORT_FOLDER_KEY, ask_save_path, safe_file_name

if TYPE_CHECKING:
    from ..exports.register_export import ExportReport

# exports/ (openpyxl, 70 ms) is imported on the first export, not with the window

log = logging.getLogger(__name__)

LAST_FOLDER_KEY = EXPORT_FOLDER_KEY
PROGRESS_AFTER_MS = background.PROGRESS_AFTER_MS  # an export that ends sooner shows no progress dialog
STATUS_MS = 30_000


def action_text() -> str:
    """The menu item's text, for the main window's File or Register menu."""
    return QCoreApplication.translate("ExportActions", "Export to E&xcel…")


def visible_columns(view: RegisterView) -> list[str]:
    """The keys of the columns the view shows, in the order the clerk arranged them."""
    header = view.table.horizontalHeader()
    keys = []
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        if 0 <= logical < len(view.spec.columns) and not header.isSectionHidden(logical):
            keys.append(view.spec.columns[logical].key)
    return keys or [c.key for c in view.spec.columns]


def suggested_file_name(view: RegisterView, today: date | None = None) -> str:
    """``叫修登记簿-20261128.xlsx``: the register's title and the day."""
    title = safe_file_name(view.spec.title.tr(translate))  # Goods in/out register
    return f"{title}-{(today or clock.today()):%Y%m%d}.xlsx"


def ask_file(parent: QWidget | None, view: RegisterView) -> Path | None:
    """The file to write, asked with the save dialog; its folder is offered again next time."""
    return ask_save_path(parent, QCoreApplication.translate("ExportActions", "Export to Excel"), suggested_file_name(view),
                         QCoreApplication.translate("ExportActions", "Excel workbook (*.xlsx)"))


def _status(parent: QWidget | None, view: RegisterView, text: str) -> None:
    window = (parent or view).window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(text, STATUS_MS)


def _warn(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("ExportActions", "Export to Excel"), text)


def export_current_register(parent: QWidget | None, view: RegisterView) -> Task | None:
    """Ask for a file and export the register on screen to it, as it is searched and
    sorted, in the background. The running task — its ``outcome`` the path written, or
    None when it was cancelled or could not be written (the clerk was told why) — or None
    when no file was chosen."""
    view.apply_search()  # what the search box shows, even if typed a moment ago
    path = ask_file(parent, view)
    if path is None:
        return None
    shown = view.model.query
    # its own query: the table model's keeps its cache, and the export pages on its own
    query = RegisterQuery(shown.database, shown.spec, search=shown.search, sort_key=shown.sort_key,
                          descending=shown.descending, filters=dict(shown.filters))
    columns = visible_columns(view)  # read from the header here: the work never touches a widget
    total = query.count()

    def written(report: ExportReport) -> Path:
        done = QCoreApplication.translate("ExportActions", "Exported %1 rows to %2")
        _status(parent, view, done.replace("%1", str(report.rows)).replace("%2", str(report.path)))
        return report.path

    def cancelled(_exc: UserError) -> None:
        _status(parent, view, QCoreApplication.translate("ExportActions", "Export cancelled; no file was written."))

    def failed(exc: BaseException) -> None:
        if isinstance(exc, UserError) or faults.diagnose(exc) is not None:
            _warn(parent, message_of(exc))  # a refusal, or the machine's known fault (a full disk), in its words
        else:  # a bug, logged with its traceback by the background helper: the clerk gets a short message
            _warn(parent, QCoreApplication.translate(
                "ExportActions", "The export could not be finished. The details are in the log file."))

    def work(progress) -> ExportReport:
        from ..exports.register_export import export_register  # openpyxl loads here, off the GUI thread

        return export_register(query, path, columns=columns, translate=translate, progress=progress)

    return background.run_in_background(
        parent,
        work,
        written,
        on_failure=failed,
        on_cancelled=cancelled,
        label=QCoreApplication.translate("ExportActions", "Exporting %1 rows…").replace("%1", str(total)),
        title=QCoreApplication.translate("ExportActions", "Export to Excel"),
        show_after_ms=PROGRESS_AFTER_MS,
    )
