"""The window's backups and its watch over the database (X1; issue 15, items 2 and 4).

Once the window shows, and without holding the clerk up for a moment:

1. ``quick_check`` of the database on a read-only connection of its own (SQLite's quick
   check: the file's structure, without the cross-checks of the indexes). A database that
   fails it, or whose write failed with a disk error later in the day (views/errors.py tells
   us), is said loudly with what to do — restore the latest good backup, named — and the
   window refuses every further write (``Database.refuse_writes``).
2. The daily backup, when none was made today: SQLite's online copy with the full
   ``integrity_check`` (backups.py). A failed check is said loudly; a good one in the status
   bar.

Both run on a plain Python thread, not on ``views/background.py``'s pool: that one holds the
window's input back while it works, this must not. SQLite lets go of Python's interpreter
lock while it copies and checks, so the window keeps painting and taking keys.

At exit the program makes a backup with the quick check only (so that shutting the PC down is
not held up), when the database changed since the newest checked backup; the clerk may skip it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from .. import APP_NAME, backups, clock, faults
from ..db import Database
from ..i18n import QT_TRANSLATE_NOOP
from ..progress import Cancelled
from .errors import log_error, message_of, on_disk_failure
from .i18n import translate

log = logging.getLogger(__name__)

CHECK_AFTER_SHOW_MS = 1500  # the window has painted and the clerk can type before the disk gets busy

DAMAGED = QT_TRANSLATE_NOOP(
    "Backups", "THE DATABASE IS DAMAGED ({reason}). To keep the damage from spreading, nothing can be saved any "
               "more. Restore the latest good backup ({latest}) through 文件 → 备份与恢复, or ask for help.")
FAILED_WRITE = {
    faults.Fault.IO_ERROR: QT_TRANSLATE_NOOP("Backups", "a read or write failed with a disk error"),
    faults.Fault.DAMAGED: QT_TRANSLATE_NOOP("Backups", "SQLite found the file damaged while working with it"),
}
DAILY_CHECK_FAILED = QT_TRANSLATE_NOOP("Backups", "the full check of today's backup found errors")
QUICK_CHECK_FAILED = QT_TRANSLATE_NOOP("Backups", "its check after the start found errors; the details are in the log file")
NO_GOOD_BACKUP = QT_TRANSLATE_NOOP("Backups", "there is no checked backup yet")
DAILY_DONE = QT_TRANSLATE_NOOP("Backups", "Today's backup is made and checked: {name}.")
DAILY_RUNNING = QT_TRANSLATE_NOOP("Backups", "Making today's backup in the background…")
AT_EXIT = QT_TRANSLATE_NOOP("Backups", "Backing up before the program closes (Cancel skips it)…")


class QuietWork(QObject):
    """``work()`` on a Python thread of its own; ``done(result)`` or ``failed(exc)`` on the GUI
    thread. Nothing modal, nothing held back: the clerk goes on working meanwhile."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject, work: Callable[[], Any], name: str) -> None:
        super().__init__(parent)
        self._work = work
        self.finished = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> QuietWork:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which tells it
            self.failed.emit(exc)
            self.finished.set()
            return
        self.done.emit(result)
        self.finished.set()

    def wait(self, timeout_s: float) -> bool:
        return self.finished.wait(timeout_s)


def latest_good_name(database: Database) -> str:
    config = database.config
    good = backups.latest_good(config.backups_dir) if config is not None else None
    return str(good.path) if good is not None else NO_GOOD_BACKUP.tr(translate)


def quick_check(path) -> str:
    """SQLite's quick check of the file on a read-only connection: "ok", or what it found."""
    import sqlite3

    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        rows = [row[0] for row in con.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as failed:  # the file cannot even be read: SQLite's words go to the log
        return f"{type(failed).__name__}: {failed}"
    finally:
        con.close()
    return "ok" if rows == ["ok"] else "; ".join(str(r) for r in rows[:3])


class DatabaseWatch(QObject):
    """The window's quick check and daily backup after it shows, and its refusal of writes
    once the database is found damaged. ``window`` has ``database``, ``statusBar()`` and
    ``show_write_refusal()``."""

    checked = Signal(str)  # the quick check's result
    backedUp = Signal(object)  # the daily backup made (backups.Backup), or the exception

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.database: Database = window.database
        self.works: list[QuietWork] = []
        self.damage_reported = False
        self.stopping = threading.Event()  # set at exit: the daily backup stops at its next step
        stop = on_disk_failure(lambda fault: self.refuse_as_damaged(FAILED_WRITE[fault].tr(translate), say=False))
        self.destroyed.connect(lambda *_: stop())

    def start_after_show(self, delay_ms: int = CHECK_AFTER_SHOW_MS) -> None:
        config = self.database.config
        if config is None or config.sqlite_path is None or self.database.writes_refused:
            return  # a server database is checked by its server; a read-only window backs up nothing
        QTimer.singleShot(delay_ms, self, self._check)

    def _check(self) -> None:
        if self.stopping.is_set():
            return
        path = self.database.config.sqlite_path
        work = QuietWork(self, lambda: quick_check(path), "quick check")
        work.done.connect(self._checked)
        work.failed.connect(lambda failed: self._checked(f"{type(failed).__name__}: {failed}"))
        self.works.append(work.start())

    def _checked(self, result: str) -> None:
        log.info("quick check of the database after the start: %s", result)
        self.checked.emit(result)
        if result != "ok":  # SQLite's own words go to the log; the clerk reads what they mean
            log.error("the quick check of the database found: %s", result)
            self.refuse_as_damaged(QUICK_CHECK_FAILED.tr(translate))
            return
        config = self.database.config
        if not self.stopping.is_set() and backups.daily_due(config.backups_dir, clock.today()):
            self._daily_backup()

    def _daily_backup(self) -> None:
        config = self.database.config
        with self.database.read_session() as session:
            second = backups.second_folder(session)
        self.window.statusBar().showMessage(DAILY_RUNNING.tr(translate))
        work = QuietWork(self, lambda: backups.make_backup(config.sqlite_path, config.backups_dir, check=backups.FULL,
                                                            second_folder=second,
                                                            progress=lambda _done, _total: not self.stopping.is_set()),
                         "daily backup")
        work.done.connect(self._backed_up)
        work.failed.connect(self._backup_failed)
        self.works.append(work.start())

    def _backed_up(self, made: backups.Backup) -> None:
        self.window.statusBar().showMessage(DAILY_DONE.tr(translate, name=made.path.name), 15_000)
        self.backedUp.emit(made)

    def stop(self) -> None:
        self.stopping.set()

    def _backup_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            log.info("the daily backup was stopped: the program closes")
            return
        log_error(exc, "the daily backup")
        self.window.statusBar().clearMessage()
        self.backedUp.emit(exc)
        QMessageBox.critical(self.window, APP_NAME, message_of(exc))
        if getattr(exc, "message", None) is backups.CHECK_FAILED:
            # the copy is the database's pages as they are: its damage is the database's
            self.refuse_as_damaged(DAILY_CHECK_FAILED.tr(translate), say=False)
        elif faults.classify(exc) in (faults.Fault.DAMAGED, faults.Fault.IO_ERROR):
            self._check()  # is it the database? its quick check says, and refuses writes if so

    def refuse_as_damaged(self, reason: str, say: bool = True) -> None:
        """The database failed a check or a write with a disk error: no more writes, said
        loudly once (``say``: not when the failed write's own message is on screen already)."""
        if self.database.config is None or self.database.config.sqlite_path is None:
            return
        latest = latest_good_name(self.database)
        self.database.refuse_writes(DAMAGED, reason=reason, latest=latest)
        self.window.show_write_refusal()
        if not self.damage_reported:
            self.damage_reported = True
            if not say:  # the failed write's fault was logged as a warning with its cause
                log.warning("the database is failing (%s): writes refused; latest good backup %s", reason, latest)
                return
            log.error("the database is damaged (%s): writes refused; latest good backup %s", reason, latest)
            QMessageBox.critical(self.window, APP_NAME, DAMAGED.tr(translate, reason=reason, latest=latest))

    def wait(self, timeout_s: float = 120) -> bool:
        """Tests: until the checks and backups started so far have ended (their signals still
        to be delivered by the event loop)."""
        return all(work.wait(timeout_s) for work in list(self.works))


def backup_at_exit(database: Database, parent: QWidget | None = None) -> backups.Backup | None:
    """The at-exit backup (quick check), when the database changed since the newest checked
    backup; a dialog with Cancel (skip it) while it runs. Never raises: a failure is logged and
    said, and the program goes on closing."""
    config = database.config
    if config is None or config.sqlite_path is None or database.writes_refused:
        return None
    if not config.sqlite_path.exists() or not backups.changed_since_last_backup(config.sqlite_path, config.backups_dir):
        return None
    try:
        with database.read_session() as session:
            second = backups.second_folder(session)
    except Exception:  # noqa: BLE001 - the backup matters more than its second copy
        log.warning("could not read the second backup folder", exc_info=True)
        second = None
    dialog = QProgressDialog(AT_EXIT.tr(translate), QApplication.translate("Backups", "Skip"), 0, 100, parent)
    dialog.setWindowTitle(APP_NAME)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(500)
    state = {"done": 0, "total": 0}
    skipped = threading.Event()  # the worker never touches the dialog itself
    dialog.canceled.connect(skipped.set)

    def progress(done: int, total: int) -> bool:
        state["done"], state["total"] = done, total
        return not skipped.is_set()

    outcome: dict[str, Any] = {}

    def work():
        return backups.make_backup(config.sqlite_path, config.backups_dir, check=backups.QUICK, second_folder=second,
                                   progress=progress)

    runner = QuietWork(QApplication.instance(), work, "backup at exit")
    runner.done.connect(lambda made: outcome.setdefault("made", made))
    runner.failed.connect(lambda exc: outcome.setdefault("error", exc))
    runner.start()
    while not runner.finished.wait(0.05):
        if state["total"]:
            dialog.setValue(min(99, state["done"] * 100 // state["total"]))
        QApplication.processEvents()
    QApplication.processEvents()  # the signals of the end
    dialog.close()
    error = outcome.get("error")
    if isinstance(error, Cancelled):
        log.info("the backup at exit was skipped")
        return None
    if error is not None:
        log_error(error, "the backup at exit")
        QMessageBox.critical(parent, APP_NAME, message_of(error))
        return None
    made = outcome.get("made")
    if made is not None:
        log.info("backup at exit: %s", made.path)
    return made


EXIT_WAIT = QT_TRANSLATE_NOOP("Backups", "Finishing the database check before the program closes…")


def finish_background_checks(window, timeout_s: float = 600) -> None:
    """At exit or before a restore: the daily backup still running is stopped (the at-exit
    backup or the restore follows), and the quick check waited for, with a dialog while it lasts."""
    watch: DatabaseWatch = window.watch
    watch.stop()
    if watch.wait(0.2):
        return
    dialog = QProgressDialog(EXIT_WAIT.tr(translate), "", 0, 0, None)
    dialog.setCancelButton(None)
    dialog.setWindowTitle(APP_NAME)
    dialog.setMinimumDuration(0)
    dialog.show()
    waited = 0.0
    while not watch.wait(0.05) and waited < timeout_s:
        waited += 0.05
        QApplication.processEvents()
    dialog.close()
