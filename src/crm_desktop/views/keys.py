"""Keys that behave the same in every window of the program.

Tab and Shift+Tab leave a date or time editor for the next or previous field. Qt's own
QDateTimeEdit uses Tab to walk its sections (year → month → day → hour → minute), so a
clerk who tabbed from 修复时间 to the hours and typed them put the hours into the minutes
and left the hours empty. The sections are still reached by typing, by the arrow keys, or
by a click. An editor inside a table is left alone: there Tab commits and moves to the next
cell, as the table's delegate does it.

Qt's tables walk their cells with Tab and wrap round from the last cell to the first: a
clerk who tabbed into a table never reached the fields and buttons after it. Tab and
Shift+Tab leave a table that cannot be edited (a list to choose from: the contracts, the
audit log; the arrow keys move in it) at once, and a table that can be edited (the parts,
the labour rates, a register) from its last cell (Shift+Tab from its first), or when it
has no rows.

A closed dialog gives the keyboard back to the window it was opened from, also on an X
server without a window manager, which would leave no window active and every shortcut dead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDateTimeEdit, QDialogButtonBox, QTableView, QWidget


class _TabLeavesDateEditors(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        if event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier):
            return False
        leaving = _date_editor_of(watched)
        if leaving is not None and _in_item_view(leaving):
            return False
        forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if leaving is None and isinstance(watched, QAbstractItemView) and _tab_leaves(watched, forward):
            leaving = watched
        if leaving is None:
            return False
        QWidget.focusNextPrevChild(leaving, forward)  # the widget chain's next, not the next section or cell
        return True


def _date_editor_of(watched: QObject) -> QDateTimeEdit | None:
    """The date/time editor the key went to (it or its inner line edit)."""
    if isinstance(watched, QDateTimeEdit):
        return watched
    parent = watched.parent() if isinstance(watched, QWidget) else None
    return parent if isinstance(parent, QDateTimeEdit) else None


def _tab_leaves(view: QAbstractItemView, forward: bool) -> bool:
    """Whether Tab (``forward``) or Shift+Tab leaves ``view`` instead of moving to a cell."""
    if not view.tabKeyNavigation() or view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers:
        return True
    model, current = view.model(), view.currentIndex()
    if model is None or not current.isValid():
        return True
    root = view.rootIndex()
    rows = model.rowCount(root)
    columns = [c for c in range(model.columnCount(root)) if not (isinstance(view, QTableView) and view.isColumnHidden(c))]
    if rows == 0 or not columns:
        return True
    if isinstance(view, QTableView):  # the columns as the clerk sees them (they may be moved)
        columns.sort(key=view.horizontalHeader().visualIndex)
    if forward:
        return current.row() >= rows - 1 and current.column() == columns[-1]
    return current.row() <= 0 and current.column() == columns[0]


def _in_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def chain(widgets: list[QWidget]) -> None:
    """Tab goes through ``widgets`` in this order (each right after the one before; what
    followed the first still follows the last). Qt ignores a widget that takes no focus."""
    focusable = [w for w in widgets if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    for first, second in zip(focusable, focusable[1:]):
        QWidget.setTabOrder(first, second)


def buttons_in_order(box: QDialogButtonBox) -> list[QWidget]:
    """The buttons of ``box`` in the order Tab reaches them (the order the box shows them)."""
    window, buttons = box.window(), set(box.buttons())
    in_order, widget = [], window.nextInFocusChain()
    while widget is not None and widget is not window:
        if widget in buttons:
            in_order.append(widget)
        widget = widget.nextInFocusChain()
    return in_order


class _KeyboardBackToTheWindowBelow(QObject):
    """A closed dialog gives the keyboard back to the window it was opened from. Windows
    does this itself; an X server without a window manager (a kiosk, a bare Xvfb) leaves
    no window active, and then no shortcut works until the clerk clicks somewhere."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Hide and isinstance(watched, QWidget) and watched.isWindow() \
                and watched.windowType() in (Qt.WindowType.Dialog, Qt.WindowType.Window):
            below = watched.parentWidget().window() if watched.parentWidget() is not None else None
            QTimer.singleShot(0, lambda: _give_keyboard_to(below))
        return False


def _give_keyboard_to(window: QWidget | None) -> None:
    if QApplication.activeWindow() is not None or QApplication.activePopupWidget() is not None:
        return  # the system gave it to someone: theirs
    if window is None or not window.isVisible():
        return
    modal = QApplication.activeModalWidget()
    (modal if modal is not None and modal.isVisible() else window).activateWindow()


def install(app: QApplication) -> QObject:
    """Install the program's keys on ``app`` (once; the filter is returned and kept by it)."""
    existing = app.findChild(_TabLeavesDateEditors)
    if existing is not None:
        return existing
    keys = _TabLeavesDateEditors(app)
    app.installEventFilter(keys)
    app.installEventFilter(_KeyboardBackToTheWindowBelow(keys))
    return keys
