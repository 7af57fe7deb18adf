"""Every list of the window on paper and in Excel (X4): the page or dialog that shows a list
gives a ``ListSource`` — the list's name and how to read it as shown (services/lists.py) —
and gets a print button (the PDF from the list's layout in forms/, in the preview) and an
export button (a workbook, ``exports.list_export``). Both read and draw or write in the
background (``views/background``), both are checked against the user's role and audited
like the registers' prints and exports, and a cancelled export leaves no file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QWidget

from .. import clock, faults
from ..db import Database
from ..errors import UserError
from . import background
from .background import Task
from .errors import message_of, show_error
from .i18n import translate
from .save_dialog import ask_save_path, safe_file_name

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..services.lists import ListTable

log = logging.getLogger(__name__)
STATUS_MS = 30_000


@dataclass
class ListSource:
    """A list as a page or dialog shows it: ``name`` (services.lists.LISTS), ``build`` reads
    it in a session of its own (called off the GUI thread: it must not touch a widget, so a
    page reads its search text and its rows' order before it hands ``build`` over), ``user``
    who asks (for the permission and the audit line)."""

    name: str
    build: Callable[["Session"], "ListTable"]
    detail: dict | None = None


def _title(name: str) -> str:
    from ..services.lists import TITLES

    return TITLES[name].tr(translate)


def _authorize(database: Database, user, permission: str, action: str, source: ListSource) -> None:
    from ..services import auth

    auth.authorize(database, user, permission, action, target_type=source.name, detail=source.detail)


def _status(parent: QWidget | None, text: str) -> None:
    window = parent.window() if parent is not None else None
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(text, STATUS_MS)


def print_list(parent: QWidget | None, database: Database, user, source: ListSource) -> Task | None:
    """The list on paper: drawn from its layout in the background, then shown in the print
    preview (from which it is printed or saved). The running task, its ``outcome`` the preview."""
    from ..printing import forms, print_records
    from .print_actions import _override_dir, _show, _warn_if_cut

    _authorize(database, user, "print", "print", source)
    override = _override_dir(database)
    title = _title(source.name)

    def work(progress):
        with database.read_session() as session:
            table = source.build(session)
            record = forms.list_record(session, table, translate)
        pdf, report = print_records(source.name, [record], None, override, progress=progress)
        return pdf, report

    def drawn(result):
        pdf, report = result
        _warn_if_cut(parent, report)
        day = f"{clock.today():%Y-%m-%d}"
        dialog = _show(parent, pdf, source.name, title, f"{safe_file_name(title)}-{day}.pdf")
        dialog.show_cut(report.truncated)
        return dialog

    return background.run_in_background(
        parent, work, drawn,
        label=QCoreApplication.translate("ListOutput", "Drawing the %1…").replace("%1", title),
        title=QCoreApplication.translate("ListOutput", "Printing"),
        show_after_ms=background.PROGRESS_AFTER_MS,
    )


def export_list(parent: QWidget | None, database: Database, user, source: ListSource) -> Task | None:
    """The list as an Excel workbook: the file asked for, then written in the background. The
    running task (its ``outcome`` the path written, None when cancelled or refused), or None
    when no file was chosen."""
    title = _title(source.name)
    caption = QCoreApplication.translate("ListOutput", "Export to Excel")
    path = ask_save_path(parent, caption, f"{title}-{clock.today():%Y%m%d}.xlsx",
                         QCoreApplication.translate("ListOutput", "Excel workbook (*.xlsx)"))
    if path is None:
        return None
    _authorize(database, user, "export", "export", source)

    def work(progress):
        from ..exports.list_export import export_list as write  # openpyxl loads here, off the GUI thread

        with database.read_session() as session:
            table = source.build(session)
        return write(table, path, translate=translate, progress=progress)

    def written(report):
        done = QCoreApplication.translate("ListOutput", "Exported %1 rows to %2")
        _status(parent, done.replace("%1", str(report.rows)).replace("%2", str(report.path)))
        return report.path

    def cancelled(_exc: UserError) -> None:
        _status(parent, QCoreApplication.translate("ListOutput", "Export cancelled; no file was written."))

    def failed(exc: BaseException) -> None:
        if isinstance(exc, UserError) or faults.diagnose(exc) is not None:
            QMessageBox.warning(parent, caption, message_of(exc))
        else:
            QMessageBox.warning(parent, caption, QCoreApplication.translate(
                "ListOutput", "The export could not be finished. The details are in the log file."))

    return background.run_in_background(
        parent, work, written, on_failure=failed, on_cancelled=cancelled,
        label=QCoreApplication.translate("ListOutput", "Exporting the %1…").replace("%1", title),
        title=caption, show_after_ms=background.PROGRESS_AFTER_MS,
    )


def output_buttons(parent: QWidget, database: Database, user_of: Callable[[], object],
                   source_of: Callable[[], ListSource]) -> tuple[QHBoxLayout, QPushButton, QPushButton]:
    """打印… and 导出 Excel… for a page or dialog showing a list: ``source_of()`` gives the
    list as shown at the moment the button is pressed. A refusal or fault is a short message."""
    row = QHBoxLayout()
    print_button = QPushButton(QCoreApplication.translate("ListOutput", "Print &list…"))
    export_button = QPushButton(QCoreApplication.translate("ListOutput", "E&xport to Excel…"))
    print_button.setObjectName("print_list")
    export_button.setObjectName("export_list")

    def guarded(act) -> None:
        try:
            parent.last_output = act(parent, database, user_of(), source_of())
        except Exception as exc:  # the user sees a short message, the log gets the rest
            show_error(parent, exc)

    print_button.clicked.connect(lambda _checked=False: guarded(print_list))
    export_button.clicked.connect(lambda _checked=False: guarded(export_list))
    row.addWidget(print_button)
    row.addWidget(export_button)
    return row, print_button, export_button
