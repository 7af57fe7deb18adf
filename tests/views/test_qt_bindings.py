"""The Qt bindings the program runs on keep Python's books: PySide6 6.12.0 dropped a
reference to ``True`` on every ``Signal.emit()``, and on Python 3.11 the interpreter then
aborts ("bool_dealloc") after some thousands of signals — a clerk's morning. pyproject
excludes that release; this test catches any other with the same fault."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit


def test_emitting_a_signal_keeps_the_count_of_true(app):
    edit = QLineEdit()
    before = sys.getrefcount(True)
    for _ in range(500):
        edit.returnPressed.emit()
    assert sys.getrefcount(True) >= before - 10
