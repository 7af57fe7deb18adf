"""Asking where to save a file: the one save dialog of the program.

Every "Save as…" and "Export…" asks through ``ask_save_path``, every "Open…" through
``ask_open_paths``: the dialog opens in the
folder used last for that kind of file (remembered in QSettings under ``key``) if it still
exists — a USB stick taken out, a folder deleted — else in the user's Documents folder,
never in the program's own folder; the folder chosen is remembered for next time; and the
file's suffix is added when the clerk typed a name without it (Qt's own dialog, used where
the system's is missing, does not add it).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

EXPORT_FOLDER_KEY = "export/last_folder"  # workbooks: exports, reports
IMPORT_FOLDER_KEY = "import/last_folder"  # workbooks read in: the customer import
ATTACHMENT_FOLDER_KEY = "archive/last_attachment_folder"  # files kept with the archive
PDF_FOLDER_KEY = "printing/last_pdf_folder"  # forms saved from the print preview

_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|]')  # refused by Windows; titles and form numbers may hold them
_SUFFIX = re.compile(r"\*(\.[\w.]+)")


def safe_file_name(name: str) -> str:
    """``name`` with the characters Windows refuses in file names replaced by ``_``."""
    return _NOT_IN_FILE_NAMES.sub("_", name).strip()


def documents_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def start_folder(key: str = EXPORT_FOLDER_KEY) -> Path:
    """The folder remembered under ``key`` if it still exists, else Documents."""
    saved = QSettings().value(key, "", type=str)
    if saved and Path(saved).is_dir():
        return Path(saved)
    return documents_folder()


def suffix_of(file_filter: str) -> str:
    """The first pattern's suffix of a filter such as ``Excel workbook (*.xlsx)``: ``.xlsx``."""
    found = _SUFFIX.search(file_filter)
    return found.group(1) if found else ""


def ask_save_path(parent: QWidget | None, title: str, suggested_name: str, file_filter: str,
                  key: str = EXPORT_FOLDER_KEY, folder: Path | None = None) -> Path | None:
    """The file the clerk chose to save to, or None if they cancelled.

    The dialog opens in ``folder`` if given and present (the import's check report beside
    its sheet), else in the folder remembered under ``key``, else in Documents, with
    ``suggested_name`` (made a valid file name) filled in. The chosen folder is remembered
    under ``key`` when it exists (a path typed into a missing folder is not worth offering
    again), and the filter's suffix is added if the name lacks it."""
    start = folder if folder is not None and folder.is_dir() else start_folder(key)
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(start / safe_file_name(suggested_name)),
                                                  file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    suffix = suffix_of(file_filter)
    if suffix and path.suffix.lower() != suffix.lower():
        path = path.with_name(path.name + suffix)
    if path.parent.is_dir():
        QSettings().setValue(key, str(path.parent))
    return path


def ask_open_paths(parent: QWidget | None, title: str, file_filter: str = "", key: str = IMPORT_FOLDER_KEY,
                   many: bool = False) -> list[Path]:
    """The files the clerk chose to open (none if she cancelled): the dialog opens in the folder
    used last for that kind of file if it still exists, else in Documents; the chosen folder is
    remembered under ``key``."""
    start = str(start_folder(key))
    if many:
        chosen, _filter = QFileDialog.getOpenFileNames(parent, title, start, file_filter)
    else:
        one, _filter = QFileDialog.getOpenFileName(parent, title, start, file_filter)
        chosen = [one] if one else []
    paths = [Path(name) for name in chosen if name]
    if paths and paths[0].parent.is_dir():
        QSettings().setValue(key, str(paths[0].parent))
    return paths
