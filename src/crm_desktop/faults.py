"""Known faults of the machine, told apart from bugs: one place that looks at any exception
and says whether the database or the disk failed in a way the clerk can mend.

A locked database, a full disk, a read-only file or folder, an input/output error and a
damaged database file are not the program's mistakes: each has its own message that says
what happened and what to do, and its own exit code on the command line (``EXIT_CODES``;
0 is success, 1 a bug, 2 a refused step). Everything else is a bug: logged with its
traceback and met with the general apology. As qutebrowser's ``misc/sql.py`` does, the
verdict comes from SQLite's result code where the driver gives one (``sqlite_errorcode``
on Python's sqlite3 errors, which SQLAlchemy wraps as ``.orig``) and from ``errno`` for an
``OSError``; the message text is only a fallback for drivers that give no code. The whole
chain is looked at (``.orig``, ``__cause__``, and ``__context__`` unless suppressed), so a
fault wrapped by SQLAlchemy or re-raised by a service is still recognised.

A ``UserError`` is never a fault here: it has already said what happened in its own words
(a ``DatabaseRefused`` raised from a sqlite3 error included). No Qt here: the views and the
command line translate the messages.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import tempfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .errors import UserError
from .i18n import QT_TRANSLATE_NOOP, Msg, Translate

log = logging.getLogger(__name__)


class Fault(Enum):
    """A known fault: its command-line exit code and its message to the clerk."""

    LOCKED = (3, QT_TRANSLATE_NOOP(
        "Faults", "Another program is holding the database (a second crm_desktop, a backup or a database tool), "
        "so it could not be written: nothing was saved. Close the other program, then try again."))
    DISK_FULL = (4, QT_TRANSLATE_NOOP(
        "Faults", "The disk is full: nothing was saved. Free some space on the disk that holds the data folder "
        "(delete or move files you no longer need), then try again."))
    READ_ONLY = (5, QT_TRANSLATE_NOOP(
        "Faults", "The database or its folder may not be written (a read-only file or disk, or no permission): "
        "nothing was saved. Check that the data folder's permissions allow writing and that the disk is not "
        "write-protected, then try again."))
    IO_ERROR = (6, QT_TRANSLATE_NOOP(
        "Faults", "The disk could not be read or written (an input/output error). Check that the disk or network "
        "drive that holds the data folder is connected and working, then try again; if it happens again, the "
        "disk may be failing: copy the data folder and its backups to another disk."))
    DAMAGED = (7, QT_TRANSLATE_NOOP(
        "Faults", "The database file is damaged and cannot be read safely. Close the program and restore the "
        "latest copy from the data folder's backups folder (backups), or ask for help; do not go on working "
        "with the damaged file."))

    def __init__(self, exit_code: int, message: Msg) -> None:
        self.exit_code = exit_code
        self.message = message

    def render(self, translate: Translate | None = None) -> str:
        """The message in the user's language; ``translate(context, text)`` comes from Qt."""
        return self.message.tr(translate)


EXIT_CODES = {fault: fault.exit_code for fault in Fault}

# SQLite's primary result codes (the low byte of an extended code such as
# SQLITE_IOERR_WRITE or SQLITE_BUSY_SNAPSHOT). SQLITE_CANTOPEN is not here: it does not say
# why (a drive that went away, a read-only folder where the WAL's files cannot be made), and
# ``_cannot_open`` finds out.
_BY_SQLITE_CODE = {
    sqlite3.SQLITE_BUSY: Fault.LOCKED,
    sqlite3.SQLITE_LOCKED: Fault.LOCKED,
    sqlite3.SQLITE_FULL: Fault.DISK_FULL,
    sqlite3.SQLITE_READONLY: Fault.READ_ONLY,
    sqlite3.SQLITE_PERM: Fault.READ_ONLY,
    sqlite3.SQLITE_IOERR: Fault.IO_ERROR,
    sqlite3.SQLITE_CORRUPT: Fault.DAMAGED,
    sqlite3.SQLITE_NOTADB: Fault.DAMAGED,
}
# extended codes that say more than their primary one: SQLite could not make the WAL's
# shared-memory file bigger, which on a disk with no space left is the first write to fail
_BY_EXTENDED_CODE = {
    sqlite3.SQLITE_IOERR_SHMSIZE: Fault.DISK_FULL,
}
# SQLite's own wording, for a database error of a driver that gives no result code
_CODE_BY_TEXT = (
    ("database is locked", sqlite3.SQLITE_BUSY),
    ("database table is locked", sqlite3.SQLITE_LOCKED),
    ("database or disk is full", sqlite3.SQLITE_FULL),
    ("attempt to write a readonly database", sqlite3.SQLITE_READONLY),
    ("disk i/o error", sqlite3.SQLITE_IOERR),
    ("unable to open database file", sqlite3.SQLITE_CANTOPEN),
    ("database disk image is malformed", sqlite3.SQLITE_CORRUPT),
    ("file is not a database", sqlite3.SQLITE_NOTADB),
)
# PEP 249's class names: the text is read only from database errors (of any driver, or
# SQLAlchemy's wrappers of them), never from a bug's message that happens to quote SQLite
_DATABASE_ERROR_NAMES = {"DatabaseError", "OperationalError"}

_BY_ERRNO = {
    errno.ENOSPC: Fault.DISK_FULL,
    errno.EROFS: Fault.READ_ONLY,
    errno.EACCES: Fault.READ_ONLY,
    errno.EPERM: Fault.READ_ONLY,
    errno.EIO: Fault.IO_ERROR,
}
if hasattr(errno, "EDQUOT"):
    _BY_ERRNO[errno.EDQUOT] = Fault.DISK_FULL  # the user's disk quota: full for them

# Windows error numbers that Python folds into a vaguer errno: a file open in another
# program (a sharing or lock violation) comes as EACCES but is the other program's hold; a
# drive that is not ready or a network drive that went away come as EINVAL or ENOENT.
_BY_WINERROR = {
    32: Fault.LOCKED,  # ERROR_SHARING_VIOLATION
    33: Fault.LOCKED,  # ERROR_LOCK_VIOLATION
    19: Fault.READ_ONLY,  # ERROR_WRITE_PROTECT
    21: Fault.IO_ERROR,  # ERROR_NOT_READY
    23: Fault.IO_ERROR,  # ERROR_CRC
    55: Fault.IO_ERROR,  # ERROR_DEV_NOT_EXIST
    64: Fault.IO_ERROR,  # ERROR_NETNAME_DELETED
    1117: Fault.IO_ERROR,  # ERROR_IO_DEVICE
    1167: Fault.IO_ERROR,  # ERROR_DEVICE_NOT_CONNECTED
}


@dataclass(frozen=True)
class Diagnosis:
    """A fault and the exception in the chain that showed it (for the log)."""

    fault: Fault
    cause: BaseException

    def __str__(self) -> str:
        cause = self.cause
        detail = getattr(cause, "sqlite_errorname", None)
        if detail is None and isinstance(cause, OSError) and cause.errno is not None:
            detail = errno.errorcode.get(cause.errno)
        name = f"{type(cause).__module__}.{type(cause).__qualname__}"
        text = str(cause).splitlines()[0] if str(cause) else ""
        return f"{self.fault.name}: {name}: {text}" + (f" [{detail}]" if detail else "")

    def log(self, what: str) -> None:
        """A warning with the cause, no traceback: the program did nothing wrong."""
        log.warning("%s: known fault %s", what, self)


def diagnose(exc: BaseException, database: Path | None = None) -> Diagnosis | None:
    """The known fault ``exc`` is, or None when it is a bug (or a ``UserError``).
    ``database``, the SQLite file when known, tells why a file could not be opened."""
    if isinstance(exc, UserError):
        return None
    chain = list(_chain(exc))
    for link in chain:
        code = _sqlite_code(link)
        if code is not None:
            fault = _by_sqlite_code(code, database)
        elif isinstance(link, OSError):
            fault = _by_os_error(link)
        else:
            continue
        if fault is not None:
            return Diagnosis(fault, link)
    if any(_sqlite_code(link) is not None for link in chain):
        return None  # SQLite said which error it was, and it is none of ours
    for link in chain:
        # a wrapper's text quotes the statement and its values: read the wrapped error's
        if _is_database_error(link) and not isinstance(getattr(link, "orig", None), BaseException):
            code = _code_in_text(str(link))
            if code is not None:
                return Diagnosis(_by_sqlite_code(code, database), link)
    return None


def classify(exc: BaseException, database: Path | None = None) -> Fault | None:
    """Which known fault ``exc`` is; None for a bug."""
    found = diagnose(exc, database)
    return found.fault if found is not None else None


def is_fault(exc: BaseException) -> bool:
    return diagnose(exc) is not None


def _chain(exc: BaseException):
    """``exc``, then what it wraps or was raised from or during, each once."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        link = todo.pop(0)
        if link is None or id(link) in seen:
            continue
        seen.add(id(link))
        yield link
        orig = getattr(link, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
        if isinstance(orig, BaseException):
            todo.append(orig)
        todo.append(link.__cause__)
        if not link.__suppress_context__:
            todo.append(link.__context__)


def _sqlite_code(exc: BaseException) -> int | None:
    """The (extended) result code of a sqlite3 error, when the module gave it."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code if isinstance(exc, sqlite3.Error) and isinstance(code, int) else None


def _by_sqlite_code(code: int, database: Path | None) -> Fault | None:
    if code in _BY_EXTENDED_CODE:
        return _BY_EXTENDED_CODE[code]
    if code & 0xFF == sqlite3.SQLITE_CANTOPEN:
        return _cannot_open(database)
    return _BY_SQLITE_CODE.get(code & 0xFF)


def _by_os_error(exc: OSError) -> Fault | None:
    return _BY_WINERROR.get(getattr(exc, "winerror", None)) or _BY_ERRNO.get(exc.errno)


def _cannot_open(database: Path | None) -> Fault:
    """Why SQLite could not open ``database`` (its message never says): a small file written
    beside it fails the way the database did, as an ``OSError`` whose errno does say (a
    read-only disk or folder, a full disk, a failing one). When that file can be written,
    or no path is known, the drive most likely went away: an input/output error."""
    if database is None:
        return Fault.IO_ERROR
    try:
        with tempfile.TemporaryFile(dir=Path(database).parent):
            pass
    except OSError as exc:
        return _by_os_error(exc) or Fault.IO_ERROR
    return Fault.IO_ERROR


def _is_database_error(exc: BaseException) -> bool:
    return any(cls.__name__ in _DATABASE_ERROR_NAMES for cls in type(exc).__mro__)


def _code_in_text(text: str) -> int | None:
    lowered = text.lower()
    for words, code in _CODE_BY_TEXT:
        if words in lowered:
            return code
    return None


# Why a file could not be read or written, in words: the operating system's own text
# ("Permission denied", "[WinError 32] …") is English and means little to a clerk, so a
# message takes one of these as its reason, and the system's text goes to the log.
_OS_REASONS = {
    "missing": QT_TRANSLATE_NOOP("Faults", "the file or folder does not exist"),
    "in_use": QT_TRANSLATE_NOOP("Faults", "the file is open in another program"),
    "denied": QT_TRANSLATE_NOOP("Faults", "no permission to use it, or it is open in another program"),
    "full": QT_TRANSLATE_NOOP("Faults", "the disk is full"),
    "read_only": QT_TRANSLATE_NOOP("Faults", "the disk or folder is read-only"),
    "folder": QT_TRANSLATE_NOOP("Faults", "a folder has that name"),
    "too_long": QT_TRANSLATE_NOOP("Faults", "the name or path is too long"),
    "io": QT_TRANSLATE_NOOP("Faults", "the disk could not be read or written"),
    "other": QT_TRANSLATE_NOOP("Faults", "the details are in the log file"),
}
_REASON_BY_ERRNO = {
    errno.ENOENT: "missing", errno.ENOTDIR: "missing", errno.EACCES: "denied", errno.EPERM: "denied",
    errno.ENOSPC: "full", errno.EROFS: "read_only", errno.EISDIR: "folder", errno.ENAMETOOLONG: "too_long",
    errno.EIO: "io",
}
_REASON_BY_WINERROR = {32: "in_use", 33: "in_use", 5: "denied", 19: "read_only", 206: "too_long", 3: "missing",
                       2: "missing", 21: "io", 23: "io", 55: "io", 64: "io", 1117: "io", 1167: "io"}


def os_reason(exc: BaseException, what: str = "file operation") -> Msg:
    """The reason ``exc`` (an ``OSError``, or anything) gives, in words the views translate;
    the exception itself is logged as a warning, so the detail is in the log file."""
    log.warning("%s: %s: %s", what, type(exc).__name__, exc)
    key = None
    if isinstance(exc, OSError):
        key = _REASON_BY_WINERROR.get(getattr(exc, "winerror", None)) or _REASON_BY_ERRNO.get(exc.errno)
        if key is None and isinstance(exc, FileNotFoundError):
            key = "missing"
        elif key is None and isinstance(exc, PermissionError):
            key = "denied"
    return _OS_REASONS[key or "other"]
