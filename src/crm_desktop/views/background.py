"""Long work off the GUI thread: the one way every view runs it.

A view hands ``run_in_background`` the work — a plain function that takes a ``progress``
callback (``progress.Progress``) and returns a result — and what to do with the result. The
work runs on ``QThreadPool.globalInstance()``; its progress reports, its result and its
exception come back to the GUI thread through queued signals, so it never touches a widget
and the window keeps painting while it runs. In the spirit of Anki's ``QueryOp`` and
``CollectionOp`` (aqt/operations): the caller says what to run and what to do after, never
how to wait.

While the work runs:

- a window-modal progress dialog with the caller's label and Cancel appears once the work
  has taken ``show_after_ms`` (quick work shows nothing);
- input to the program's windows is held back from the start, as that dialog then does,
  so a second piece of work cannot be started on top of the first; a second request made
  by code is refused (one at a time);
- Cancel makes the next ``progress(...)`` return False: the service raises
  ``progress.Cancelled`` inside its transaction or before its file is put in place, and
  nothing is kept.

How it ends, on the GUI thread: the result goes to ``on_success``; a ``Cancelled`` ends
quietly (``on_cancelled`` may say so in a status line); any other error goes to
``on_failure`` — logged first by ``views/errors.log_error``: a bug with its traceback, a
known fault of the machine with its cause — or, by default, to ``views/errors.show_error``:
a user error's or a known fault's message, or a short apology. Never a traceback on screen.

Work that reads or writes the database opens its own session from the ``Database`` inside
the work: a SQLAlchemy session belongs to one thread, while the engine's pool is shared
safely (for a SQLite file SQLAlchemy uses ``QueuePool`` and opens the connections with
``check_same_thread=False``), and WAL lets the window's read-only sessions go on beside the
worker's write transaction (``db.py``).

``Task.wait`` and ``wait_idle`` let tests and the smoke run wait for the end; ``shut_down``
(at application exit) cancels what still runs and waits for it, so no worker outlives the
window or the database.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QProgressBar, QProgressDialog, QWidget
from shiboken6 import isValid

from ..progress import Cancelled, Progress
from .errors import log_error, show_error

log = logging.getLogger(__name__)

T = TypeVar("T")

PROGRESS_AFTER_MS = 400  # work that ends sooner shows no progress dialog
# a report waits at most this long for the window to show the one before; only a window
# that is stuck (never in a test or a working program) makes reports pile up after it
REPORT_WAIT_S = 2.0
EXIT_WAIT_S = 30.0  # at exit, how long cancelled work may take to roll back
# How long a thread that wants the interpreter lock waits before asking its holder to let
# go, while work runs (Python's default is 5 ms). The window wants the lock for every call
# into Python (each cell a table paints is one) and, with the worker busy in Python, waits
# about this long each time; and the worker lets go for a moment at each write to its file,
# which starts the window's wait again, so that writing a workbook with openpyxl the window
# got the lock only when the work paused at a report. Measured here on a 100,000-row export:
# at 5 ms and 2 ms the window stalled a quarter of a second at a time; at 0.1 ms the longest
# stall was the table's repaint under the dialog (about 140 ms), and the export took as
# long. The wait only matters when both threads want the lock: the worker loses nothing.
SWITCH_INTERVAL_S = 0.0001


def progress_dialog(parent: QWidget | None, label: str, title: str, *, show_after_ms: int = PROGRESS_AFTER_MS,
                    name: str = "") -> QProgressDialog:
    """The one progress dialog of long work: window-modal, the label, a bar without a
    maximum until the first report gives one, Cancel; ``minimumDuration`` is the delay
    before it shows."""
    dialog = QProgressDialog(label, QCoreApplication.translate("Background", "Cancel"), 0, 0, parent)
    if name:
        dialog.setObjectName(name)
    if title:
        dialog.setWindowTitle(title)
    # modal to its window; to the whole program when it has none (it would hold back nothing)
    modality = Qt.WindowModality.WindowModal if parent is not None else Qt.WindowModality.ApplicationModal
    dialog.setWindowModality(modality)
    dialog.setMinimumDuration(show_after_ms)
    dialog.setAutoClose(False)  # stays up, full, while e.g. a workbook is saved after its last row
    dialog.setAutoReset(False)
    return dialog


def gui_thread_progress(dialog: QProgressDialog) -> Progress:
    """Progress for the rare work that must stay on the GUI thread (pages painted on a
    QPrinter, see ``print_preview``): each report goes to the dialog's ``setValue``, which
    for a modal dialog lets Qt handle the Cancel button and repaints meanwhile. Everything
    else runs in the background and never needs this."""

    def report(done: int, total: int) -> bool:
        if total and dialog.maximum() != total:
            dialog.setMaximum(total)
        dialog.setValue(min(done, total) if total else done)
        return not dialog.wasCanceled()

    return report


class _Runner(QRunnable):
    """Runs the task's work on a pool thread; only plain Python crosses back (through the
    task's attributes, then a queued signal)."""

    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task: Task | None = task

    def run(self) -> None:
        # let go of the task at once: PySide may keep this wrapper after Qt deleted the runner
        task, self._task = self._task, None
        try:
            task.result = task._work(task._report)
        except BaseException as exc:  # noqa: BLE001 - every ending goes back to the GUI thread
            task.error = exc
        finally:
            task._ended.set()
            task._finished_in_worker.emit()


class Task(QObject, Generic[T]):
    """One piece of work running in the background, seen from the GUI thread.

    ``progressed(done, total)`` follows each report once the window has shown it;
    ``finished`` comes after ``on_success``/``on_failure``/``on_cancelled`` ran. Then
    ``result``/``error`` hold what the work returned or raised and ``outcome`` what
    ``on_success`` returned (None after a failure or a cancel): e.g. the file written."""

    progressed = Signal(int, int)
    finished = Signal()
    _reported_in_worker = Signal(int, int)
    _finished_in_worker = Signal()

    def __init__(self, parent: QWidget | None, work: Callable[[Progress], T], on_success: Callable[[T], Any],
                 on_failure: Callable[[BaseException], Any] | None, on_cancelled: Callable[[Cancelled], Any] | None,
                 dialog: QProgressDialog) -> None:
        super().__init__()  # no QObject parent: the task must outlive a window closed under it
        self.parent_widget = parent
        self.dialog = dialog
        self.result: T | None = None
        self.error: BaseException | None = None
        self.outcome: Any = None
        self.is_finished = False
        self._work = work
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_cancelled = on_cancelled
        self._cancel = threading.Event()
        self._taken = threading.Event()  # the window has shown the last report: the next may go
        self._taken.set()
        self._ended = threading.Event()  # the work returned or raised (set on the worker thread)
        self._abandoned = False
        self._reported_in_worker.connect(self._show_report, Qt.ConnectionType.QueuedConnection)
        self._finished_in_worker.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        dialog.canceled.connect(self.cancel)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_dialog)

    # -- the worker's side ------------------------------------------------------------------
    def _report(self, done: int, total: int) -> bool:
        """The ``progress`` the work gets. At most one report is on its way to the window at
        a time, so reports never pile up in the window's queue, and a Cancel given while the
        window shows report n stops the work at report n + 1."""
        self._taken.wait(REPORT_WAIT_S)
        if self._cancel.is_set():
            return False
        self._taken.clear()
        self._reported_in_worker.emit(done, total)
        return True

    # -- the GUI thread's side --------------------------------------------------------------
    def start(self) -> None:
        self._show_timer.start(max(self.dialog.minimumDuration(), 0))
        QThreadPool.globalInstance().start(_Runner(self))

    def cancel(self) -> None:
        """Stop at the next progress report (the work then raises ``Cancelled``)."""
        self._cancel.set()
        self._taken.set()

    @property
    def cancelled(self) -> bool:
        return isinstance(self.error, Cancelled)

    def _dialog_alive(self) -> bool:
        return self.dialog is not None and isValid(self.dialog)

    def _show_dialog(self) -> None:
        if not self.is_finished and not self._cancel.is_set() and self._dialog_alive():
            self.dialog.show()  # window-modal from now on: it holds back the input natively
        _blocker.remove()

    def _show_report(self, done: int, total: int) -> None:
        try:
            if self.is_finished or self._abandoned:
                return
            if self._dialog_alive():
                bar = self.dialog.findChild(QProgressBar)
                if bar is not None:
                    # the bar, not QProgressDialog.setValue: that one processes events in a
                    # modal dialog, re-entering this slot; the GUI thread is free here anyway
                    if bar.maximum() != max(total, 0):
                        bar.setRange(0, max(total, 0))
                    bar.setValue(min(done, total) if total else 0)
            self.progressed.emit(done, total)
            if self._dialog_alive() and self.dialog.wasCanceled():  # cancel() called on the dialog itself
                self.cancel()
        finally:
            self._taken.set()

    def _finish(self) -> None:
        if self.is_finished:
            return
        self.is_finished = True
        self._show_timer.stop()
        _running.discard(self)
        if not _running:
            _blocker.remove()
            _interpreter_lock.as_before()
        if self._dialog_alive():
            self.dialog.hide()
            self.dialog.deleteLater()
        try:
            if self._abandoned:
                return
            if self.parent_widget is not None and not isValid(self.parent_widget):
                log.info("the window of %s closed before it ended; its result is dropped", self._name())
                return
            self._deliver()
        finally:
            self.finished.emit()

    def _deliver(self) -> None:
        error = self.error
        if error is None:
            self.outcome = self._on_success(self.result)  # type: ignore[arg-type]
        elif isinstance(error, Cancelled):
            log.info("%s cancelled", self._name())
            if self._on_cancelled is not None:
                self._on_cancelled(error)
        elif self._on_failure is not None:
            log_error(error, f"{self._name()} failed")
            self._on_failure(error)
        else:
            show_error(self.parent_widget, error)

    def _name(self) -> str:
        return getattr(self._work, "__qualname__", repr(self._work))

    # -- waiting (tests, the smoke run, exit) -----------------------------------------------
    def wait(self, timeout_ms: int = 120_000) -> bool:
        """Let the GUI thread run until the task has finished (its callbacks included); True
        if it did within ``timeout_ms``. For tests and the smoke run: a view never waits."""
        if self.is_finished:
            return True
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        timer = QTimer(loop)
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(timeout_ms)
        loop.exec()
        self.finished.disconnect(loop.quit)
        return self.is_finished

    def abandon(self) -> None:
        """Cancel, and drop the result unseen (the program is closing)."""
        self._abandoned = True
        self.cancel()


_running: set[Task] = set()
_stuck: list[Task] = []


class _InputBlocker(QObject):
    """Holds back the clerk's input to the program's windows until the progress dialog
    shows and its window modality does the same natively. The filter sits on each native
    window, where input arrives, not on the application, which sees every event: a filter
    in Python there made the window wait for the interpreter lock, held by the worker, at
    each paint and timer, and the window stalled for a third of a second. Closing the
    program is let through (it cancels the work, see ``shut_down``)."""

    BLOCKED = frozenset({
        QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
        QEvent.Type.DragEnter, QEvent.Type.Drop,
    })

    def __init__(self) -> None:
        super().__init__()
        self._windows: list[QWindow] = []

    def install(self) -> None:
        self.remove()
        self._windows = list(QGuiApplication.topLevelWindows())
        for window in self._windows:
            window.installEventFilter(self)

    def remove(self) -> None:
        for window in self._windows:
            if isValid(window):
                window.removeEventFilter(self)
        self._windows = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        return event.type() in self.BLOCKED


_blocker = _InputBlocker()


class _InterpreterLock:
    """Python's switch interval, shortened while work runs (see SWITCH_INTERVAL_S) and put
    back when the last work has ended."""

    def __init__(self) -> None:
        self._before: float | None = None

    def hand_over_quickly(self) -> None:
        if self._before is None:
            self._before = sys.getswitchinterval()
            sys.setswitchinterval(min(self._before, SWITCH_INTERVAL_S))

    def as_before(self) -> None:
        if self._before is not None:
            sys.setswitchinterval(self._before)
            self._before = None


_interpreter_lock = _InterpreterLock()


def run_in_background(
    parent: QWidget | None,
    work: Callable[[Progress], T],
    on_success: Callable[[T], Any],
    *,
    label: str,
    title: str = "",
    on_failure: Callable[[BaseException], Any] | None = None,
    on_cancelled: Callable[[Cancelled], Any] | None = None,
    show_after_ms: int = PROGRESS_AFTER_MS,
    name: str = "",
) -> Task[T] | None:
    """Run ``work(progress)`` on the thread pool and hand its result to ``on_success`` on
    the GUI thread; the running ``Task``, or None when other work is still running (one at
    a time: the request is refused and logged). ``work`` must not touch widgets: read what
    it needs from them before, and give it to the work as plain values."""
    if _running:
        log.warning("%s refused: other work is still running", getattr(work, "__qualname__", work))
        QApplication.beep()
        return None
    dialog = progress_dialog(parent, label, title, show_after_ms=show_after_ms, name=name)
    task = Task(parent, work, on_success, on_failure, on_cancelled, dialog)
    _interpreter_lock.hand_over_quickly()
    _running.add(task)
    _blocker.install()
    _watch_exit()
    task.start()
    return task


def running() -> list[Task]:
    return list(_running)


def wait_for(task: Task[T] | None, timeout_ms: int = 120_000) -> Any:
    """The task's ``outcome`` once it has finished (None for no task): what a test asks of
    an action that returned a task."""
    if task is None:
        return None
    if not task.wait(timeout_ms):
        raise TimeoutError(f"{task._name()} still running after {timeout_ms} ms")
    return task.outcome


def wait_idle(timeout_ms: int = 120_000) -> bool:
    """Let the GUI thread run until no work is running, work started by the callbacks of
    earlier work included (a check that follows a read)."""
    loop = QEventLoop()
    poll = QTimer(loop)
    poll.timeout.connect(lambda: None if _running else loop.quit())
    poll.start(5)
    limit = QTimer(loop)
    limit.setSingleShot(True)
    limit.timeout.connect(loop.quit)
    limit.start(timeout_ms)
    if _running:
        loop.exec()
    return not _running


def shut_down(timeout_s: float = EXIT_WAIT_S) -> None:
    """At exit: cancel what still runs, wait for it to roll back, and drop its results, so
    that no worker is left running Python while the interpreter and Qt are torn down."""
    tasks = list(_running)
    for task in tasks:
        task.abandon()
    for task in tasks:
        # a Python wait lets the worker take the interpreter lock to finish
        if not task._ended.wait(timeout_s):
            log.error("%s did not stop within %.0f s of the program closing", task._name(), timeout_s)
    QThreadPool.globalInstance().waitForDone(1000)  # the runners return right after the work
    for task in tasks:
        if not task._ended.is_set():
            _stuck.append(task)  # never freed under a worker still running it
        task._finish()
    _blocker.remove()


_exit_watched = False


def _watch_exit() -> None:
    global _exit_watched
    app = QCoreApplication.instance()
    if not _exit_watched and app is not None:
        app.aboutToQuit.connect(shut_down)
        _exit_watched = True
