"""Export from the window: the register on screen — its search, its sort, its columns in
the order the clerk arranged them — to an Excel workbook (X4).

The rows are written by ``exports.register_export`` (no Qt); this module asks for the file,
shows a progress dialog that can cancel (it appears only when the export takes a moment),
says in the status bar where the file went, and turns a file that cannot be written (open
in Excel, a folder that is gone) into a short Chinese message. Like printing many cards
(``print_actions``), the export runs on the GUI thread: the window-modal progress dialog
processes events at every window of rows, so Cancel answers within a fraction of a second.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from .. import clock
from ..errors import UserError
from ..services.registers import RegisterQuery
from .register_view import RegisterView
from .table_model import translate

if TYPE_CHECKING:
    from ..exports.register_export import ExportReport

# exports/ (openpyxl, 70 ms) is imported on the first export, not with the window

log = logging.getLogger(__name__)

LAST_FOLDER_KEY = "export/last_folder"
PROGRESS_AFTER_MS = 400  # an export that ends sooner shows no progress dialog
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
    title = re.sub(r'[<>:"/\\|?*]', "_", view.spec.title.tr(translate))  # Goods in/out register
    return f"{title}-{(today or clock.today()):%Y%m%d}.xlsx"


def last_folder() -> Path:
    saved = QSettings().value(LAST_FOLDER_KEY, "", type=str)
    if saved and Path(saved).is_dir():
        return Path(saved)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def ask_file(parent: QWidget | None, view: RegisterView) -> Path | None:
    """The file to write, asked with the save dialog; remembers its folder for next time."""
    file_name, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ExportActions", "Export to Excel"),
        str(last_folder() / suggested_file_name(view)),
        QCoreApplication.translate("ExportActions", "Excel workbook (*.xlsx)"),
    )
    if not file_name:
        return None
    path = Path(file_name)
    if path.suffix.lower() != ".xlsx":  # Qt's own dialog does not add the filter's extension
        path = path.with_name(path.name + ".xlsx")
    QSettings().setValue(LAST_FOLDER_KEY, str(path.parent))
    return path


def _status(parent: QWidget | None, view: RegisterView, text: str) -> None:
    window = (parent or view).window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(text, STATUS_MS)


def _warn(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("ExportActions", "Export to Excel"), text)


def export_current_register(parent: QWidget | None, view: RegisterView) -> Path | None:
    """Ask for a file and export the register on screen to it, as it is searched and
    sorted; the path written, or None (no file chosen, cancelled, or it could not be
    written: the clerk was told why)."""
    from ..progress import Cancelled

    view.apply_search()  # what the search box shows, even if typed a moment ago
    path = ask_file(parent, view)
    if path is None:
        return None
    shown = view.model.query
    # its own query: the table model's keeps its cache, and the export pages on its own
    query = RegisterQuery(shown.database, shown.spec, search=shown.search, sort_key=shown.sort_key,
                          descending=shown.descending, filters=dict(shown.filters))
    try:
        report = run_with_progress(parent, query, path, visible_columns(view))
    except Cancelled:
        _status(parent, view, QCoreApplication.translate("ExportActions", "Export cancelled; no file was written."))
        return None
    except UserError as exc:
        _warn(parent, exc.render(translate))
        return None
    except Exception:  # noqa: BLE001 - the clerk gets a short message, the log the rest
        log.exception("exporting %s to %s", view.spec.name, path)
        _warn(parent, QCoreApplication.translate(
            "ExportActions", "The export could not be finished. The details are in the log file."))
        return None
    done = QCoreApplication.translate("ExportActions", "Exported %1 rows to %2")
    _status(parent, view, done.replace("%1", str(report.rows)).replace("%2", str(report.path)))
    return report.path


def run_with_progress(parent: QWidget | None, query: RegisterQuery, path: Path, columns: list[str]) -> ExportReport:
    """``export_register`` under a progress dialog whose Cancel raises ``Cancelled``."""
    from ..exports.register_export import export_register

    total = query.count()
    progress = QProgressDialog(
        QCoreApplication.translate("ExportActions", "Exporting %1 rows…").replace("%1", str(total)),
        QCoreApplication.translate("ExportActions", "Cancel"), 0, max(total, 1), parent,
    )
    progress.setWindowTitle(QCoreApplication.translate("ExportActions", "Export to Excel"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(PROGRESS_AFTER_MS)
    progress.setAutoClose(False)  # stays up, full, while the workbook is saved after the last row
    progress.setAutoReset(False)
    progress.setValue(0)

    def step(done: int, total_: int) -> bool:
        # a modal progress dialog processes events in setValue once it is shown: the
        # window repaints and Cancel is heard
        progress.setValue(min(done, max(total_, 1)))
        return not progress.wasCanceled()

    try:
        return export_register(query, path, columns=columns, translate=translate, progress=step)
    finally:
        progress.close()
        progress.deleteLater()
