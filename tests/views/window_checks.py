"""What tests/views/test_every_dialog.py asks of every window: it lies on the screen's free
area with room for a title bar, its buttons are in sight, Tab walks its fields in the
order they are laid out and then reaches its buttons, and no accelerator letter is given
twice in what the clerk sees at once."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QBoxLayout,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedLayout,
    QStackedWidget,
    QTabBar,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
)

TITLE_BAR = 32  # what a window manager adds above a window (views/dialogs/form.py FRAME_ALLOWANCE)

# -- in sight ---------------------------------------------------------------------------------


def frame_problems(window: QWidget, area: QRect) -> list[str]:
    """Where the window leaves ``area`` (the screen less the taskbar): its frame as placed, and
    its height with a title bar's worth of frame (offscreen draws 2 px borders and no title)."""
    frame = window.frameGeometry()
    decoration = frame.height() - window.height()
    problems = []
    if not area.contains(frame):
        problems.append(f"frame {frame.getRect()} outside the free area {area.getRect()}")
    if window.height() + max(decoration, TITLE_BAR) > area.height():
        problems.append(f"{window.height()} px high: no room for a {TITLE_BAR} px title bar in {area.height()} px")
    return problems


def buttons_of(window: QWidget) -> list[QAbstractButton]:
    """The buttons that close or move the window: its button boxes' and a wizard's."""
    found = [b for box in window.findChildren(QDialogButtonBox) if not box.isHidden() for b in box.buttons()
             if not b.isHidden()]
    if isinstance(window, QWizard):
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
                      QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton):
            button = window.button(which)
            if button is not None and button.isVisible():
                found.append(button)
    return found


def button_problems(window: QWidget) -> list[str]:
    problems = []
    for button in buttons_of(window):
        shown = button.visibleRegion().boundingRect()
        if not button.isVisible() or shown != button.rect():
            problems.append(f"button {button.text()!r} not wholly in sight: {shown.getRect()} of {button.rect().getRect()}")
    return problems


# -- accelerators ----------------------------------------------------------------------------

_MNEMONIC = re.compile(r"&(?!&)(.)")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).upper() if found else None


def _labelled(widget: QWidget) -> list[str]:
    """The texts of ``widget`` that carry an accelerator."""
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QLabel):
        return [widget.text()] if widget.buddy() is not None else []
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i) and widget.isTabEnabled(i)]
    return []


def _scopes(window: QWidget) -> list[tuple[str, list[QWidget]]]:
    """What the clerk sees at once: the window as shown, then with each other page of each
    tab or stack (and each wizard page) in place of the shown one."""
    shown = [w for w in window.findChildren(QWidget) if w.isVisibleTo(window) and w.window() is window]
    scopes = [("as shown", shown)]
    stacks = [s for s in window.findChildren(QStackedWidget) if s.isVisibleTo(window)]
    for stack in stacks:
        current = stack.currentWidget()
        inside_current = set(current.findChildren(QWidget)) | {current} if current is not None else set()
        for index in range(stack.count()):
            page = stack.widget(index)
            if page is current:
                continue
            others = [w for w in shown if w not in inside_current]
            scopes.append((f"page {index} of {stack.objectName() or type(stack.parentWidget()).__name__}",
                           others + [w for w in page.findChildren(QWidget) if w.isVisibleTo(page)]))
    return scopes


def accelerator_clashes(window: QWidget) -> list[str]:
    clashes = []
    for scope, widgets in _scopes(window):
        letters: dict[str, list[str]] = defaultdict(list)
        for widget in widgets:
            for text in _labelled(widget):
                letter = mnemonic(text)
                if letter:
                    letters[letter].append(text)
        clashes += [f"{scope}: &{letter} in {texts}" for letter, texts in letters.items() if len(texts) > 1]
    return clashes


# -- Tab order -------------------------------------------------------------------------------

_LEAVES = (QAbstractItemView, QComboBox, QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit, QTabBar,
           QAbstractButton)


def tab_stop(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isVisible() and widget.isEnabled()


def laid_out(widget: QWidget) -> list[QWidget]:
    """The Tab stops inside ``widget`` in the order its layouts show them: top to bottom, and
    left to right within a row (a form's label before its field, a grid row by row)."""
    found: list[QWidget] = []
    _visit_children(widget, found)
    return found


def _visit(widget: QWidget, found: list[QWidget]) -> None:
    if widget.isHidden() or widget.isWindow():
        return
    if tab_stop(widget) and widget.focusProxy() is None:  # a tab widget's focus is its tab bar's
        found.append(widget)
    if isinstance(widget, _LEAVES):
        return
    _visit_children(widget, found)


def _visit_children(widget: QWidget, found: list[QWidget]) -> None:
    if isinstance(widget, QScrollArea):
        if widget.widget() is not None:
            _visit(widget.widget(), found)
        return
    if isinstance(widget, QTabWidget):
        _visit(widget.tabBar(), found)
        if widget.currentWidget() is not None:
            _visit(widget.currentWidget(), found)
        return
    if isinstance(widget, QStackedWidget):
        if widget.currentWidget() is not None:
            _visit(widget.currentWidget(), found)
        return
    if isinstance(widget, QSplitter):
        for i in range(widget.count()):
            _visit(widget.widget(i), found)
        return
    seen: set[QWidget] = set()
    if widget.layout() is not None:
        _walk_layout(widget.layout(), found, seen)
    # widgets placed without a layout: by their place on the screen
    rest = [c for c in widget.children() if isinstance(c, QWidget) and c not in seen and not c.isWindow()
            and not _in_layout(widget.layout(), c)]
    for child in sorted(rest, key=lambda c: (c.y(), c.x())):
        _visit(child, found)


def _in_layout(layout: QLayout | None, widget: QWidget) -> bool:
    return layout is not None and layout.indexOf(widget) >= 0 or any(
        _in_layout(layout.itemAt(i).layout(), widget) for i in range(layout.count() if layout is not None else 0)
        if layout.itemAt(i).layout() is not None)


def _items(layout: QLayout):
    if isinstance(layout, QFormLayout):
        for row in range(layout.rowCount()):
            for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole):
                item = layout.itemAt(row, role)
                if item is not None:
                    yield item
    elif isinstance(layout, QGridLayout):
        cells = []
        for index in range(layout.count()):
            row, column, _rows, _columns = layout.getItemPosition(index)
            cells.append((row, column, index))
        for _row, _column, index in sorted(cells):
            yield layout.itemAt(index)
    elif isinstance(layout, QStackedLayout):
        if layout.currentWidget() is not None:
            yield layout.itemAt(layout.currentIndex())
    else:
        items = [layout.itemAt(i) for i in range(layout.count())]
        if isinstance(layout, QBoxLayout) and layout.direction() in (QBoxLayout.Direction.RightToLeft,
                                                                      QBoxLayout.Direction.BottomToTop):
            items.reverse()
        yield from items


def _walk_layout(layout: QLayout, found: list[QWidget], seen: set[QWidget]) -> None:
    for item in _items(layout):
        if item.widget() is not None:
            seen.add(item.widget())
            _visit(item.widget(), found)
        elif item.layout() is not None:
            _walk_layout(item.layout(), found, seen)


def _owner(widget: QWidget | None, stops: list[QWidget]) -> QWidget | None:
    """The Tab stop that holds the focus of ``widget`` (a spin box's inner line edit …)."""
    while widget is not None and widget not in stops:
        widget = widget.parentWidget()
    return widget


def _collapse_radios(stops: list[QWidget]) -> list[QWidget]:
    """Tab enters a group of radio buttons once, at its checked one; the arrows move within."""
    out, groups = [], set()
    for widget in stops:
        if isinstance(widget, QRadioButton) and widget.autoExclusive():
            group = widget.group() or widget.parentWidget()
            if group in groups:
                continue
            groups.add(group)
        out.append(widget)
    return out


def _name(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    name = widget.objectName() or text or widget.accessibleName()
    if not name and widget.parentWidget() is not None:
        name = "in " + _name(widget.parentWidget())
    return f"{type(widget).__name__}({name})"


def tab_walk(window: QWidget, limit: int | None = None) -> tuple[list[QWidget | None], bool]:
    """The Tab stops Tab takes the focus to, from the first one laid out, until it comes
    back (or ``limit`` presses); and whether it came back."""
    stops = laid_out(window)
    if not stops:
        return [], True
    window.activateWindow()
    stops[0].setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    stops = laid_out(window)  # what the focus enabled (a list's first row chosen: its buttons)
    start = QApplication.focusWidget()
    walk = [_owner(start, stops)]
    for _press in range(limit or 3 * len(stops) + 10):
        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractItemView) and focus.tabKeyNavigation() and focus.model() is not None:
            _to_last_cell(focus)  # Tab walks an editable table's cells: the clerk has walked them
        QTest.keyClick(focus if focus is not None else window, Qt.Key.Key_Tab)
        owner = _owner(QApplication.focusWidget(), stops) or QApplication.focusWidget()
        if QApplication.focusWidget() is start:
            return walk, True
        if owner is not walk[-1]:  # a table walks its cells with Tab: one stop
            walk.append(owner)
    return walk, False


def _to_last_cell(view: QAbstractItemView) -> None:
    model, root = view.model(), view.rootIndex()
    rows, columns = model.rowCount(root), model.columnCount(root)
    if rows and columns and not (isinstance(view, QTableView) and view.horizontalHeader().sectionsMoved()):
        last = max((c for c in range(columns) if not (isinstance(view, QTableView) and view.isColumnHidden(c))), default=None)
        if last is not None:
            view.setCurrentIndex(model.index(rows - 1, last, root))


def tab_order_problems(window: QWidget) -> list[str]:
    if not laid_out(window):
        return []
    walk, came_back = tab_walk(window)
    expected = laid_out(window)
    buttons = set(buttons_of(window))
    fields = _collapse_radios([w for w in expected if w not in buttons])
    boxed = [w for w in expected if w in buttons]
    visited = [w for w in walk if w not in buttons]
    problems = [] if came_back else [f"Tab is caught in {_name(walk[-1])}: " + " → ".join(map(_name, walk))]
    missing = [w for w in fields if w not in walk]
    radios = [w for w in missing if isinstance(w, QRadioButton)]
    missing = [w for w in missing if w not in radios]
    if missing:
        problems.append("Tab never reaches " + ", ".join(map(_name, missing)))
    order = [w for w in visited if w in fields]
    wanted = [w for w in fields if w in order]
    if order != wanted:
        problems.append("Tab visits " + " → ".join(map(_name, order)) + "\n   laid out " + " → ".join(map(_name, wanted)))
    strays = [w for w in visited if w not in fields]
    if strays:
        problems.append("Tab leaves the window's fields for " + ", ".join(map(_name, strays)))
    if boxed:
        last_field = max((walk.index(w) for w in fields if w in walk), default=-1)
        first_button = min((walk.index(b) for b in boxed if b in walk), default=None)
        if first_button is None:
            problems.append("Tab never reaches the buttons " + ", ".join(map(_name, boxed)) + ": it goes "
                            + " → ".join(map(_name, walk)))
        elif first_button < last_field:
            problems.append(f"Tab reaches the button {_name(walk[first_button])} before the field {_name(walk[last_field])}")
    return problems
