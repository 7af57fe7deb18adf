"""The main window's commands come from one registry (views/actions.py): every one is in a
menu, no menu gives one accelerator letter twice (in English and in Chinese), no two share a
shortcut, and who sees a command follows the permissions of the role in one place (I7)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QKeySequence

from crm_desktop.models import Staff
from crm_desktop.services.auth import ROLE_PERMISSIONS
from crm_desktop.views import actions
from crm_desktop.views.main_window import MainWindow

ACCELERATOR = re.compile(r"&(?!&)(.)")


def accelerator(text: str) -> str | None:
    found = ACCELERATOR.search(text)
    return found.group(1).casefold() if found else None


@pytest.fixture
def make_window(database, qtbot):
    def make(role: str | None = None) -> MainWindow:
        staff_id = None
        if role is not None:
            with database.Session.begin() as s:
                person = Staff(name=f"试用{role}", role=role)
                s.add(person)
                s.flush()
                staff_id = person.id
        window = MainWindow(database, current_user_id=staff_id)
        qtbot.addWidget(window)
        return window

    return make


def menus_of(window: MainWindow):
    return [a.menu() for a in window.menuBar().actions() if a.menu() is not None]


def duplicated_accelerators(window: MainWindow) -> dict[str, list[str]]:
    clashes = {}
    titles = [a.text() for a in window.menuBar().actions()]
    letters = [accelerator(t) for t in titles]
    if len(set(letters)) != len(letters) or None in letters:
        clashes["menu bar"] = titles
    for menu in menus_of(window):
        texts = [a.text() for a in menu.actions() if not a.isSeparator() and accelerator(a.text())]
        letters = [accelerator(t) for t in texts]
        if len(set(letters)) != len(letters):
            clashes[menu.title()] = texts
    return clashes


def test_every_declared_action_is_on_the_window_and_in_a_menu(app, make_window):
    window = make_window()
    in_menus = {a for menu in menus_of(window) for a in menu.actions()}
    for spec in actions.ACTIONS:
        action = getattr(window, f"act_{spec.key}")
        assert action is window.actions_by_key[spec.key]
        assert action in in_menus, spec.key
    assert {key for _title, entries, _tips in actions.MENUS for key in entries if key} - {actions.REGISTER_PAGES} \
        == set(actions.BY_KEY)
    assert len(actions.BY_KEY) == len(actions.ACTIONS)  # keys are unique


def test_no_menu_gives_one_accelerator_letter_twice_in_chinese(app, make_window):
    window = make_window()
    assert window.menuBar().actions()[0].text() == "文件(&F)"  # the translation is loaded
    assert duplicated_accelerators(window) == {}


def test_no_menu_gives_one_accelerator_letter_twice_in_english():
    """The English source texts of the registry (what a window without the translation shows)."""
    titles = [str(title) for title, _entries, _tips in actions.MENUS]
    assert len({accelerator(t) for t in titles}) == len(titles)
    for title, entries, _tips in actions.MENUS:
        texts = [str(actions.BY_KEY[key].text) for key in entries if key not in (actions.SEPARATOR, actions.REGISTER_PAGES)]
        letters = [accelerator(t) for t in texts]
        assert None not in letters and len(set(letters)) == len(letters), (str(title), texts)


def test_no_two_actions_share_a_shortcut(app, make_window):
    window = make_window()
    shortcuts = [a.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
                 for a in window.actions_by_key.values() if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), shortcuts


def test_a_triggered_action_calls_its_slot_with_its_arguments(app, make_window):
    window = make_window("accountant")
    window.act_invoices.trigger()  # open_page("invoices_to_issue")
    assert window.current_name() == "invoices_to_issue"
    window.act_at_risk.trigger()
    assert window.current_name() == "repairs_at_risk"
    window.act_board.trigger()
    assert window.current_name() == "dispatch_board"


@pytest.mark.parametrize("role", sorted(ROLE_PERMISSIONS))
def test_who_sees_a_command_follows_the_roles_permissions(app, make_window, role):
    window = make_window(role)
    allowed = ROLE_PERMISSIONS[role]
    for spec in actions.ACTIONS:
        shown = window.actions_by_key[spec.key].isVisible()
        assert shown == (spec.permission is None or spec.permission in allowed), (role, spec.key)


def test_nobody_logged_in_sees_no_command_that_needs_a_permission(app, make_window):
    window = make_window()
    hidden = {spec.key for spec in actions.ACTIONS if not window.actions_by_key[spec.key].isVisible()}
    assert hidden == {spec.key for spec in actions.ACTIONS if spec.permission is not None}


def test_toolbar_buttons_promise_no_accelerator(app, make_window):
    """A tool button takes no Alt+letter: showing 新建修理卡(R) beside the menu bar's 登记簿(R)
    would have Alt+R promise two things (issue 13)."""
    from PySide6.QtWidgets import QToolBar, QToolButton

    window = make_window()
    texts = [b.text() for b in window.findChild(QToolBar).findChildren(QToolButton) if b.defaultAction()]
    assert texts and all(not re.search(r"\(\w\)|&|…", t) for t in texts), texts
    assert "刷新" in texts and "新建修理卡" in texts
    assert window.act_refresh.text() == "刷新(&R)"  # the menus keep theirs


def test_plain_text_drops_accelerators_and_the_dialog_dots():
    assert actions.plain_text("新建叫修(&C)…") == "新建叫修"
    assert actions.plain_text("E&xport to Excel…") == "Export to Excel"
    assert actions.plain_text("Fish && Chips") == "Fish & Chips"


def test_the_first_window_fits_the_screens_free_area_and_is_centred(app, make_window):
    """No remembered size (a first start): the window lies inside the screen's available
    area — a 1280×800 window on a 1366×768 screen would hide its status bar under the taskbar."""
    from PySide6.QtCore import QSettings

    QSettings().remove("main_window/geometry")  # a first start: what an earlier test's window left is not
    window = make_window()
    window.show()
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    assert area.contains(frame), (area, frame)
    assert abs(frame.center().x() - area.center().x()) <= 2 and abs(frame.center().y() - area.center().y()) <= 2
    assert frame.width() >= area.width() * 0.9  # most of it, not a small window in a corner


def test_a_remembered_size_too_large_for_this_screen_is_not_restored(app, make_window):
    from PySide6.QtCore import QRect, QSettings
    from PySide6.QtWidgets import QMainWindow

    big = QMainWindow()
    big.setGeometry(QRect(0, 0, 3000, 2000))
    QSettings().setValue("main_window/geometry", big.saveGeometry())
    big.deleteLater()
    window = make_window()
    window.show()
    assert window.screen().availableGeometry().contains(window.frameGeometry())
    QSettings().remove("main_window/geometry")


def test_help_lists_every_key_of_the_menus_in_chinese(app, make_window, qtbot):
    """帮助 → 快捷键 (issue 13): read from the registry, so no command with a key is missing."""
    from PySide6.QtWidgets import QTableWidget

    window = make_window()
    help_menu = window.menus["&Help"]
    assert window.act_shortcuts in help_menu.actions() and window.act_shortcuts.text() == "快捷键(&K)…"
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget, "shortcuts")
    listed = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())}
    assert listed["新建叫修"] == "Ctrl+N" and listed["派工板"] == "Ctrl+B" and listed["打开"] == "Ctrl+O"
    with_keys = [s for s in actions.ACTIONS if s.shortcut is not None and not window.actions_by_key[s.key].shortcut().isEmpty()]
    assert len([r for r in range(table.rowCount()) if table.item(r, 1).text() in
                {actions.plain_text(window.actions_by_key[s.key].text()) for s in with_keys}]) == len(with_keys)
    assert any("回车" in text for text in listed)  # the dialogs' own keys too
