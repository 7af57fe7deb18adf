"""Keys that behave the same in every window of the program.

Tab and Shift+Tab leave a date or time editor for the next or previous field. Qt's own
QDateTimeEdit uses Tab to walk its sections (year → month → day → hour → minute), so a
clerk who tabbed from 修复时间 to the hours and typed them put the hours into the minutes
and left the hours empty. The sections are still reached by typing, by the arrow keys, or
by a click. An editor inside a table is left alone: there Tab commits and moves to the next
cell, as the table's delegate does it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDateTimeEdit, QWidget


class _TabLeavesDateEditors(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        if event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier):
            return False
        editor = _date_editor_of(watched)
        if editor is None or _in_item_view(editor):
            return False
        forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        QWidget.focusNextPrevChild(editor, forward)  # the widget chain's next, not the next section
        return True


def _date_editor_of(watched: QObject) -> QDateTimeEdit | None:
    """The date/time editor the key went to (it or its inner line edit)."""
    if isinstance(watched, QDateTimeEdit):
        return watched
    parent = watched.parent() if isinstance(watched, QWidget) else None
    return parent if isinstance(parent, QDateTimeEdit) else None


def _in_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def install(app: QApplication) -> QObject:
    """Install the program's keys on ``app`` (once; the filter is returned and kept by it)."""
    existing = app.findChild(_TabLeavesDateEditors)
    if existing is not None:
        return existing
    keys = _TabLeavesDateEditors(app)
    app.installEventFilter(keys)
    return keys
