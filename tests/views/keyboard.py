"""Driving the program as a clerk at the keyboard: key events sent to whatever holds the
keyboard focus, nothing else: no method called on a widget, no value set behind its back.

A script is a generator that yields what the clerk does next — a key (``key``), text typed
through the input method (``typing``, as a Chinese IME commits it) — or what she waits to
see (``until``). The script itself runs only between key presses and may look at the
database and the screen freely; a key that opens a modal dialog blocks inside Qt's
``exec()``, and the script goes on from the dialog's own event loop, as the clerk does.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Generator

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@dataclass
class Key:
    key: Qt.Key
    modifier: Qt.KeyboardModifier = NO


@dataclass
class Text:
    text: str


@dataclass
class Until:
    condition: Callable[[], object]
    what: str


Script = Generator[object, None, None]


def key(name: str, modifier: Qt.KeyboardModifier = NO, times: int = 1) -> Script:
    """``yield from key("Tab", times=3)``: a key by its Qt name (Key_<name>)."""
    for _ in range(times):
        yield Key(getattr(Qt.Key, f"Key_{name}"), modifier)


def typing(text: str) -> Script:
    """Text as the keyboard gives it: ASCII key by key, anything else through the input method."""
    if text.isascii():
        for char in text:
            yield Text(char)
    else:
        yield Text(text)


def until(condition: Callable[[], object], what: str) -> Script:
    yield Until(condition, what)


def focus() -> QWidget | None:
    return QApplication.focusWidget()


def modal() -> QWidget | None:
    return QApplication.activeModalWidget()


def modal_is(kind: type) -> Callable[[], bool]:
    """The dialog of ``kind`` is up and has the keyboard (activation comes a moment after
    showing: keys sent before it went to the window behind)."""
    def shown() -> bool:
        dialog = modal()
        return isinstance(dialog, kind) and dialog.isVisible() and focus() is not None and focus().window() is dialog
    return shown


def back_in(window: QWidget) -> Callable[[], bool]:
    """Every dialog closed and ``window`` has the keyboard again (its activation comes a
    moment after the dialog closed: a menu opened before it would be closed by it)."""
    return lambda: (modal() is None and QApplication.activePopupWidget() is None
                    and QApplication.activeWindow() is window)


class Clerk:
    """Runs a script; ``run`` returns when it has ended, and raises what went wrong in it."""

    def __init__(self, qtbot, script: Script, timeout_s: float = 60.0, pause_ms: int = 5) -> None:
        self.qtbot = qtbot
        self.script = script
        self.deadline = time.monotonic() + timeout_s
        self.pending: object | None = None
        self.done = False
        self.error: BaseException | None = None
        self.waiting_for = ""
        self.pause_ms = pause_ms
        self._busy = False

    def run(self) -> None:
        self._next_tick()
        try:
            self.qtbot.waitUntil(lambda: self.done, timeout=int((self.deadline - time.monotonic()) * 1000) + 5000)
        finally:
            self.done = True
        if self.error is not None:
            raise self.error

    def _next_tick(self) -> None:
        # a new single-shot timer each time: Qt never fires one timer again while its slot
        # still runs, and a key that opened a modal dialog is such a slot until it closes
        QTimer.singleShot(self.pause_ms, self._tick)

    def _tick(self) -> None:
        if self.done or self._busy:
            return
        self._next_tick()
        _window_manager()
        if time.monotonic() > self.deadline:
            self._stop(TimeoutError(f"still waiting for: {self.waiting_for}; focus: {describe(focus())}; "
                                    f"modal: {describe(modal())}"))
            return
        self._busy = True
        try:
            while True:
                if self.pending is None:
                    self.pending = next(self.script)
                if isinstance(self.pending, Until):
                    self.waiting_for = self.pending.what
                    if not self.pending.condition():
                        return
                    self.pending = None
                    continue
                break
        except StopIteration:
            self._stop(None)
            return
        except BaseException as exc:  # an assertion in the script: reported by run()
            self._stop(exc)
            return
        finally:
            self._busy = False
        action, self.pending = self.pending, None
        self._do(action)  # may block in a modal dialog's exec(): the ticks go on inside it

    def _do(self, action: object) -> None:
        # an open menu takes the keys, as it does on the screen
        target = QApplication.activePopupWidget() or focus() or modal() or QApplication.activeWindow()
        if target is None:
            self._stop(RuntimeError(f"nothing has the keyboard for {action}"))
            return
        if isinstance(action, Key):
            QTest.keyClick(target, action.key, action.modifier)
        elif isinstance(action, Text):
            if action.text.isascii():
                QTest.keyClicks(target, action.text)
            else:
                event = QInputMethodEvent()
                event.setCommitString(action.text)
                QApplication.sendEvent(target, event)
        else:
            self._stop(TypeError(f"a script yields keys, text or waits, not {action!r}"))

    def _stop(self, error: BaseException | None) -> None:
        """End the script; after a failure close what it left open, so that every
        dialog's exec() returns and the test can report."""
        self.error = error
        self.done = True
        if error is not None:
            for _ in range(20):
                dialog = modal()
                if not isinstance(dialog, QDialog):
                    break
                dialog.done(QDialog.DialogCode.Rejected)


def _window_manager() -> None:
    """A closed dialog gives the keyboard back to the window under it: the window manager's
    job, which the offscreen platform does not always do."""
    if QApplication.activeWindow() is None and QApplication.activePopupWidget() is None:
        windows = [modal()] if modal() is not None else [
            w for w in QApplication.topLevelWidgets() if w.isVisible() and isinstance(w, QMainWindow)]
        if windows:
            windows[0].activateWindow()
            QTest.qWaitForWindowActive(windows[0], 2000)


def describe(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    window = widget.window()
    return f"{type(widget).__name__}({widget.objectName()!r}) in {type(window).__name__}({window.windowTitle()!r})"


def drive(qtbot, script: Script, timeout_s: float = 60.0) -> None:
    Clerk(qtbot, script, timeout_s).run()
