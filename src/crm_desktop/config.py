"""Where things live: the data folder, the database URL, the log file.

The data folder holds the SQLite database, backups/, the log and (later) attachments and
layout overrides. Precedence: ``--data-dir`` > ``CRM_DESKTOP_DATA_DIR`` > the user's own
(``default_data_dir``: ``%APPDATA%\\crm_desktop`` on Windows, Qt's AppDataLocation
elsewhere). The database: ``--database-url`` > ``CRM_DATABASE_URL`` > a SQLite file in the
data folder.

Several Windows accounts of one PC share one data folder by CRM_DESKTOP_DATA_DIR set as a
machine-wide (system) environment variable: the README says how, and which permissions the
folder needs.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import APP_NAME, ORG_NAME
from .errors import UserError
from .i18n import QT_TRANSLATE_NOOP

DATA_DIR_ENV = "CRM_DESKTOP_DATA_DIR"
# the folder of the window's remembered settings (size, printers per form, last folders)
# instead of the user's own (on Windows the registry): tests, and trying the program apart
SETTINGS_DIR_ENV = "CRM_DESKTOP_SETTINGS_DIR"
DATABASE_URL_ENV = "CRM_DATABASE_URL"
DATABASE_FILENAME = "crm_desktop.sqlite3"
LOG_FILENAME = "crm_desktop.log"


def is_windows() -> bool:
    return sys.platform == "win32"


def default_data_dir() -> Path:
    """The user's own data folder: ``%APPDATA%\\crm_desktop`` on Windows (the roaming
    application data, where Windows programs keep theirs and a clerk's support call finds it),
    else Qt's AppDataLocation (``~/.local/share/crm_desktop/crm_desktop`` on Linux)."""
    if is_windows() and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / APP_NAME
    # QtCore only, no QApplication needed; the GUI and the headless commands agree on it.
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location)


def use_settings_folder_from_environment() -> Path | None:
    """With CRM_DESKTOP_SETTINGS_DIR set, QSettings() keeps its values in an .ini file in
    that folder, never in the user's own settings (registry or ~/.config); the folder used,
    or None (the user's own, as usual)."""
    folder = os.environ.get(SETTINGS_DIR_ENV)
    if not folder:
        return None
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
    return Path(folder)


@dataclass(frozen=True)
class Config:
    data_dir: Path
    database_url: str

    @property
    def log_file(self) -> Path:
        return self.data_dir / LOG_FILENAME

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def forms_dir(self) -> Path:
        """The branch's own form layouts: a file here replaces the shipped one of its name."""
        return self.data_dir / "forms"

    @property
    def sqlite_path(self) -> Path | None:
        """The database file when the URL names a SQLite file, else None."""
        from sqlalchemy.engine import make_url

        url = make_url(self.database_url)
        if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
            return None
        return Path(url.database)


DATA_DIR_NOT_A_FOLDER = QT_TRANSLATE_NOOP(
    "Config", "The data folder {path} is a file, not a folder: choose a folder (--data-dir or CRM_DESKTOP_DATA_DIR).")


def resolve(data_dir: str | os.PathLike | None = None, database_url: str | None = None) -> Config:
    if data_dir is None:
        data_dir = os.environ.get(DATA_DIR_ENV) or None
    folder = Path(data_dir).expanduser().resolve() if data_dir else default_data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise UserError(DATA_DIR_NOT_A_FOLDER, "data_dir", path=str(folder)) from None
    url = database_url or os.environ.get(DATABASE_URL_ENV) or sqlite_url(folder / DATABASE_FILENAME)
    return Config(data_dir=folder, database_url=url)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


LOG_MAX_BYTES = 2_000_000
LOG_KEEP = 3


def rotate_log(path: Path, max_bytes: int = LOG_MAX_BYTES, keep: int = LOG_KEEP) -> None:
    """At start, a log grown past ``max_bytes`` becomes .1 (then .2 …, ``keep`` of them).
    Done once per start rather than by logging.handlers, whose import (sockets, pickle)
    costs a start-up noticeably more."""
    try:
        if path.stat().st_size <= max_bytes:
            return
    except FileNotFoundError:
        return
    for n in range(keep - 1, 0, -1):
        older = path.with_name(f"{path.name}.{n}")
        if older.exists():
            older.replace(path.with_name(f"{path.name}.{n + 1}"))
    path.replace(path.with_name(f"{path.name}.1"))


_fallback_log: Path | None = None


def fallback_log() -> Path | None:
    """Where the log went because the data folder could not take it (None: it did)."""
    return _fallback_log


def current_log_file() -> Path | None:
    """The file the program logs to now."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_crm_desktop", False):
            return Path(handler.baseFilename)
    return None


def setup_logging(config: Config, level: int = logging.INFO) -> None:
    """Log to a file in the data folder, rotated at start when it grew too large."""
    global _fallback_log
    root = logging.getLogger()
    for existing in [h for h in root.handlers if getattr(h, "_crm_desktop", False)]:
        if Path(existing.baseFilename) in (config.log_file, _fallback_log):
            return
        root.removeHandler(existing)  # another data folder: log there from now on
        existing.close()
    try:
        rotate_log(config.log_file)
        handler = logging.FileHandler(config.log_file, encoding="utf-8")
        _fallback_log = None
    except OSError:
        # a data folder that may not be written: the log goes to the user's temporary folder
        # (the window says so), never a traceback before anything can be shown
        _fallback_log = Path(tempfile.gettempdir()) / f"{APP_NAME}-{config.data_dir.name or 'data'}.log"
        handler = logging.FileHandler(_fallback_log, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._crm_desktop = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)
