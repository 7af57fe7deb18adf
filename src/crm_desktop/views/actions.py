"""Every command of the main window declared once: its text, slot, shortcut, tip and the
permission it needs; the menus and the toolbar are lists of these keys.

As MusicBrainz Picard does with its actions registry: one table to read when looking for
what a menu entry does, who may see it, or which accelerator letters a menu already uses
(tests/views/test_actions.py checks that no menu gives one letter twice, in English and in
Chinese). ``build_actions`` makes a QAction per entry, sets it on the window as
``act_<key>``, and ``apply_permissions`` shows or hides them in one loop when the user
changes. Texts are English source strings in the ``MainWindow`` context, translated when
the actions are made.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from ..i18n import QT_TRANSLATE_NOOP, Msg
from ..services.auth import Permission

CONTEXT = "MainWindow"
SEPARATOR = None
REGISTER_PAGES = "registers"  # in a menu: one entry per register, opening it


@dataclass(frozen=True)
class ActionSpec:
    key: str  # the window's attribute is act_<key>
    text: Msg
    slot: str  # the window's method called when triggered
    args: tuple = ()  # given to the slot
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: Msg | None = None
    permission: str | None = None  # shown only to a user whose role has it


ACTIONS: tuple[ActionSpec, ...] = (
    # -- File
    ActionSpec(
        "switch_user", QT_TRANSLATE_NOOP("MainWindow", "Switch &user…"), "switch_user",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Log in as someone else"),
    ),
    ActionSpec(
        "change_password", QT_TRANSLATE_NOOP("MainWindow", "Change &password…"), "change_password",
    ),
    ActionSpec(
        "accounts", QT_TRANSLATE_NOOP("MainWindow", "Staff and &accounts…"), "manage_accounts",
        tip=QT_TRANSLATE_NOOP("MainWindow", "The administrator adds colleagues and gives them one-time passwords"),
        permission=Permission.ACCOUNTS,
    ),
    ActionSpec(
        "handover", QT_TRANSLATE_NOOP("MainWindow", "Departure &hand-over…"), "hand_over",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "A leaving employee's customers, open calls and contracts "
            "to colleagues; a letter to each customer",
        ),
        permission=Permission.HANDOVER,
    ),
    ActionSpec(
        "audit_log", QT_TRANSLATE_NOOP("MainWindow", "Audi&t log…"), "open_audit_log",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Who logged in, viewed, printed, exported and changed what (I7)"),
        permission=Permission.AUDIT,
    ),
    ActionSpec(
        "backups", QT_TRANSLATE_NOOP("MainWindow", "Bac&kups and restore…"), "backups_and_restore",
        tip=QT_TRANSLATE_NOOP("MainWindow", "The checked backups of the database: make one now, restore one"),
    ),
    ActionSpec(
        "branch", QT_TRANSLATE_NOOP("MainWindow", "&Branch details…"), "edit_branch",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Name, address and telephone printed on every form"),
    ),
    ActionSpec(
        "calendar", QT_TRANSLATE_NOOP("MainWindow", "Working ca&lendar…"), "edit_calendar",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Timetable and official holiday arrangement"),
    ),
    ActionSpec(
        "pricing", QT_TRANSLATE_NOOP("MainWindow", "&Charges…"), "edit_pricing",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Labour rates and the parts price list"),
    ),
    ActionSpec(
        "quit", QT_TRANSLATE_NOOP("MainWindow", "E&xit"), "close",
        shortcut=QKeySequence.StandardKey.Quit,
    ),
    # -- Edit (issue 17, item 3): the window's undo list of in-place edits; the texts name the
    # edit (views/undo_actions.py), and an open editor keeps its own Ctrl+Z
    ActionSpec(
        "undo", QT_TRANSLATE_NOOP("MainWindow", "&Undo"), "undo_edit",
        shortcut="Ctrl+Z",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Put back what the last edit of this session changed"),
    ),
    ActionSpec(
        "redo", QT_TRANSLATE_NOOP("MainWindow", "&Redo"), "redo_edit",
        shortcut="Ctrl+Y",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Make the edit just undone again"),
    ),
    # -- Register
    ActionSpec(
        "new_call", QT_TRANSLATE_NOOP("MainWindow", "New service &call…"), "new_call",
        shortcut="Ctrl+N",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Register a call received by phone or letter"),
    ),
    ActionSpec(
        "new_goods", QT_TRANSLATE_NOOP("MainWindow", "New &goods entry…"), "new_goods_entry",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Log goods taken back for repair"),
    ),
    ActionSpec(
        "new_card", QT_TRANSLATE_NOOP("MainWindow", "New &repair card…"), "new_repair_card",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Open a repair card for goods taken back"),
    ),
    ActionSpec(
        "new_customer", QT_TRANSLATE_NOOP("MainWindow", "New c&ustomer…"), "new_customer",
    ),
    ActionSpec(
        "open", QT_TRANSLATE_NOOP("MainWindow", "&Open…"), "open_current",
        shortcut="Ctrl+O",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Open the selected record"),
    ),
    ActionSpec(
        "archive", QT_TRANSLATE_NOOP("MainWindow", "Customer &archive…"), "open_archive",
        shortcut="Ctrl+Shift+A",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "The selected customer's whole archive (with the "
            "permission to view archives)",
        ),
    ),
    ActionSpec(
        "understaffed", QT_TRANSLATE_NOOP("MainWindow", "Customers short of responsible &staff…"), "open_understaffed",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "Important or promising customers with fewer "
            "than two responsible staff (I10)",
        ),
    ),
    # -- Service
    ActionSpec(
        "board", QT_TRANSLATE_NOOP("MainWindow", "Dispatch &board"), "open_board",
        shortcut="Ctrl+B",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "Calls waiting for dispatch, carry-overs first, "
            "and the technicians' open jobs",
        ),
    ),
    ActionSpec(
        "dispatch", QT_TRANSLATE_NOOP("MainWindow", "&Dispatch…"), "dispatch_current",
        shortcut="Ctrl+D",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Assign a technician to the selected call"),
    ),
    ActionSpec(
        "kind", QT_TRANSLATE_NOOP("MainWindow", "Change service &kind…"), "change_kind_current",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Override the proposed service kind, with a reason"),
    ),
    ActionSpec(
        "contracts", QT_TRANSLATE_NOOP("MainWindow", "Maintenance &contracts…"), "manage_contracts",
        tip=QT_TRANSLATE_NOOP("MainWindow", "The customers' maintenance contracts (service kind B)"),
    ),
    ActionSpec(
        "invoices", QT_TRANSLATE_NOOP("MainWindow", "&Invoices to issue"), "open_page",
        args=("invoices_to_issue",),
    ),
    ActionSpec(
        "at_risk", QT_TRANSLATE_NOOP("MainWindow", "Repairs at &risk"), "open_page",
        args=("repairs_at_risk",),
    ),
    ActionSpec(
        "renewals", QT_TRANSLATE_NOOP("MainWindow", "Contract re&newals due"), "open_page",
        args=("renewals_due",),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Renewal notices to send and renewals to decide, a month before contracts end"),
    ),
    # -- Print
    ActionSpec(
        "print", QT_TRANSLATE_NOOP("MainWindow", "&Print selected…"), "print_selected",
        shortcut=QKeySequence.StandardKey.Print,
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "Preview and print the form of the selected rows: service "
            "vouchers, goods receipts or repair cards",
        ),
    ),
    ActionSpec(
        "print_calls", QT_TRANSLATE_NOOP("MainWindow", "&Call register…"), "print_period",
        args=("call_register",),
        tip=QT_TRANSLATE_NOOP("MainWindow", "The call register's pages for a period"),
    ),
    ActionSpec(
        "print_goods", QT_TRANSLATE_NOOP("MainWindow", "&Goods register…"), "print_period",
        args=("goods_register",),
        tip=QT_TRANSLATE_NOOP("MainWindow", "The goods in/out register's pages for a period"),
    ),
    ActionSpec(
        "print_cards", QT_TRANSLATE_NOOP("MainWindow", "&Repair card register…"), "print_period",
        args=("repair_card_register",),
        tip=QT_TRANSLATE_NOOP("MainWindow", "The repair cards opened in a period, with hours, labour and parts"),
    ),
    ActionSpec(
        "print_technician", QT_TRANSLATE_NOOP("MainWindow", "&Technician daily report…"), "print_period",
        args=("technician_daily",),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Each job of a technician's day with its kind and time (S10)"),
    ),
    ActionSpec(
        "print_supervisor", QT_TRANSLATE_NOOP("MainWindow", "&Supervisor daily report…"), "print_period",
        args=("supervisor_daily",),
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "All technicians' day by kind and time, for the "
            "manager's signature (S11, S12)",
        ),
    ),
    ActionSpec(
        "print_customers", QT_TRANSLATE_NOOP("MainWindow", "C&ustomer list…"), "print_customer_list",
        tip=QT_TRANSLATE_NOOP("MainWindow", "The customer list as it is filtered and searched on screen (I2)"),
    ),
    # -- Reports
    ActionSpec(
        "daily_reports", QT_TRANSLATE_NOOP("MainWindow", "&Daily reports…"), "open_daily_reports",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "A day's work by technician and kind (S10, "
            "S11); the manager signs it (S12)",
        ),
    ),
    ActionSpec(
        "monthly", QT_TRANSLATE_NOOP("MainWindow", "&Monthly technician report…"), "save_monthly_report",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "Each technician's month in an Excel workbook: jobs, "
            "hours, arrivals on time, fees, parts",
        ),
    ),
    ActionSpec(
        "monthly_summary", QT_TRANSLATE_NOOP("MainWindow", "Monthly summary on &paper…"), "print_monthly_summary",
        tip=QT_TRANSLATE_NOOP("MainWindow", "The monthly technician report's summary, one line per technician, to print"),
    ),
    ActionSpec(
        "export", QT_TRANSLATE_NOOP("MainWindow", "E&xport to Excel…"), "export_current",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow", "The register or list on screen, as searched and sorted, to an Excel workbook"),
    ),
    ActionSpec(
        "import_customers", QT_TRANSLATE_NOOP("MainWindow", "&Import customers…"), "import_customers",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "Customers and their products from an Excel "
            "workbook: checked row by row, all or none",
        ),
    ),
    # -- View
    ActionSpec(
        "find", QT_TRANSLATE_NOOP("MainWindow", "&Find"), "focus_search",
        shortcut=QKeySequence.StandardKey.Find,
    ),
    ActionSpec(
        "refresh", QT_TRANSLATE_NOOP("MainWindow", "&Refresh"), "refresh_current",
        shortcut=QKeySequence.StandardKey.Refresh,
    ),
    # -- Help
    ActionSpec(
        "shortcuts", QT_TRANSLATE_NOOP("MainWindow", "&Keyboard shortcuts…"), "show_shortcuts",
        shortcut=QKeySequence.StandardKey.HelpContents,
    ),
    ActionSpec(
        "about", QT_TRANSLATE_NOOP("MainWindow", "&About crm_desktop"), "about",
    ),
)
BY_KEY = {spec.key: spec for spec in ACTIONS}

# (title, entries, tool tips shown): an entry is an action's key, SEPARATOR, or REGISTER_PAGES
MENUS: tuple[tuple[Msg, tuple[str | None, ...], bool], ...] = (
    (QT_TRANSLATE_NOOP("MainWindow", "&File"),
     ("switch_user", "change_password", "accounts", "handover", "audit_log", "backups", SEPARATOR,
      "branch", "calendar", "pricing", SEPARATOR, "quit"), False),
    (QT_TRANSLATE_NOOP("MainWindow", "E&dit"), ("undo", "redo"), True),
    (QT_TRANSLATE_NOOP("MainWindow", "&Register"),
     ("new_call", "new_goods", "new_card", "new_customer", SEPARATOR, "open", "archive", "understaffed"), False),
    # a greyed-out Dispatch says why in its tool tip
    (QT_TRANSLATE_NOOP("MainWindow", "&Service"),
     ("board", "dispatch", "kind", SEPARATOR, "contracts", "renewals", "invoices", "at_risk"), True),
    (QT_TRANSLATE_NOOP("MainWindow", "&Print"),
     ("print", SEPARATOR, "print_calls", "print_goods", "print_cards", "print_technician", "print_supervisor",
      "print_customers"), True),
    (QT_TRANSLATE_NOOP("MainWindow", "R&eports"),
     ("daily_reports", "monthly", "monthly_summary", SEPARATOR, "export", "import_customers"), True),
    (QT_TRANSLATE_NOOP("MainWindow", "&View"), ("find", "refresh", REGISTER_PAGES), False),
    (QT_TRANSLATE_NOOP("MainWindow", "&Help"), ("shortcuts", "about"), False),
)
TOOLBAR: tuple[str | None, ...] = (
    "new_call", "new_goods", "new_card", "new_customer", SEPARATOR, "open", "print", "dispatch", "board", "refresh",
)


def text_of(message: Msg) -> str:
    return QCoreApplication.translate(message.context, message)


_ACCELERATOR_MARK = re.compile(r"\(&[^&)]\)|&(?=[^&])")


def plain_text(text: str) -> str:
    """A menu text as a toolbar button shows it: without its accelerator — "(&R)" after a
    Chinese text, "&" inside an English one (a button never takes Alt+letter, so showing the
    letter would promise what the menu bar does instead) — and without the "…" of a dialog."""
    return _ACCELERATOR_MARK.sub("", text).replace("&&", "&").rstrip("…").rstrip(".").strip()


def build_actions(window: QMainWindow, run: Callable[[Callable[[], None]], None]) -> dict[str, QAction]:
    """A QAction for each of ACTIONS, owned by ``window`` and set on it as ``act_<key>``;
    triggering one calls ``run(slot)`` (the window's guard that shows errors)."""
    made: dict[str, QAction] = {}
    for spec in ACTIONS:
        text = text_of(spec.text)
        action = QAction(text, window)
        action.setIconText(plain_text(text))
        action.setObjectName(f"act_{spec.key}")
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip is not None:
            action.setStatusTip(text_of(spec.tip))
        slot = getattr(window, spec.slot)
        call = (lambda s=slot, a=spec.args: s(*a)) if spec.args else slot
        action.triggered.connect(lambda _checked=False, c=call: run(c))
        setattr(window, f"act_{spec.key}", action)
        made[spec.key] = action
    return made


def build_menus(window: QMainWindow, actions: dict[str, QAction],
                register_entries: Sequence[QAction] = ()) -> dict[str, QMenu]:
    """The menu bar from MENUS; ``register_entries`` fill the REGISTER_PAGES place."""
    menus: dict[str, QMenu] = {}
    for title, entries, tips in MENUS:
        menu = window.menuBar().addMenu(text_of(title))
        menu.setToolTipsVisible(tips)
        for entry in entries:
            if entry is SEPARATOR:
                menu.addSeparator()
            elif entry == REGISTER_PAGES:
                for action in register_entries:
                    menu.addAction(action)
            else:
                menu.addAction(actions[entry])
        menus[str(title)] = menu
    return menus


def build_toolbar(window: QMainWindow, actions: dict[str, QAction], title: str) -> QToolBar:
    toolbar = QToolBar(title)
    for entry in TOOLBAR:
        if entry is SEPARATOR:
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[entry])
    return toolbar


def apply_permissions(actions: dict[str, QAction], allowed: frozenset[str]) -> None:
    """Show each action whose permission the user's role has, hide the others (the services
    refuse them anyway: this keeps the menus to what the user may do)."""
    for spec in ACTIONS:
        if spec.permission is not None:
            actions[spec.key].setVisible(spec.permission in allowed)
