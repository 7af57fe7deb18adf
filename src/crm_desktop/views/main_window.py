"""The main window: navigation to the registers, the customer list and the dispatch board,
menus, toolbar, status bar with the current user. Slots stay thin: they open a dialog or
call a service, then refresh."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import clock
from ..db import Database
from ..services import users
from ..services.auth import LoggedIn
from ..services.registers import REGISTERS
from . import actions
from .dispatch_board import DispatchBoard, board_status_text
from .errors import show_error
from .i18n import translate
from .register_view import RegisterView
from .undo_actions import WindowUndo
from .user_names import user_text

BOARD = "dispatch_board"  # the navigation name of the dispatch board page
INVOICES = "invoices_to_issue"  # the accountant's list (S5, S8)
AT_RISK = "repairs_at_risk"  # the supervisor's list (S9)
RENEWALS = "renewals_due"  # the contracts whose renewal is due (S15)
LIST_PAGES = (INVOICES, AT_RISK, RENEWALS)
FIRST_SIZE = QSize(1280, 800)  # the window's size at its first start, on a screen large enough
FRAME_ROOM = QSize(4, 32)  # borders and title bar a window manager adds around the window


DATABASE_LABEL_WIDTH = 260  # pixels of the status bar for the database's place


class MainWindow(QMainWindow):
    """``current_user_id``: the member of staff using the program (chosen at start-up by
    app.run_gui; None: nobody chosen, and nothing that needs a role is offered)."""

    def __init__(self, database: Database, current_user_id: int | None = None) -> None:
        super().__init__()
        self.database = database
        self.current_user: LoggedIn | None = None
        self.setWindowTitle(self.tr("crm_desktop — after-sales service"))
        self.views: dict[str, RegisterView] = {}
        self._nav = QListWidget()
        self._nav.setObjectName("navigation")
        self._nav.setMaximumWidth(180)
        self._nav.setStyleSheet("QListWidget#navigation::item { padding: 7px 6px; }")
        self._stack = QStackedWidget()
        for name, spec in REGISTERS.items():
            view = RegisterView(database, spec)
            view.setObjectName(f"register_{name}")
            view.model.edited.connect(lambda edit: self.undo.push(edit))
            view.openRequested.connect(lambda row_id, n=name: self.open_record(n, row_id))
            view.numberEntered.connect(self.open_record)
            view.countChanged.connect(lambda _count, n=name: self._update_status(n))
            self.views[name] = view
            if name == "customer":  # I2: the list filtered by category, district, VIP, staff
                from .archive.list_filters import CustomerListFilters

                view.filters_bar = CustomerListFilters(view)
                # a narrow window cuts the bar's right end rather than grow for it
                view.filters_bar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                view.layout().insertWidget(1, view.filters_bar)
            self._stack.addWidget(view)
            item = QListWidgetItem(spec.title.tr(translate))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self._nav.addItem(item)
        # S3, S13: the supervisor's page, after the registers
        self.board = DispatchBoard(database)
        self.board.setObjectName(BOARD)
        self.board.openRequested.connect(lambda row_id: self.open_record("service_call", row_id))
        self.board.dispatched.connect(lambda _ids: self._after_board_dispatch())
        self.board.countChanged.connect(lambda _count: self._update_status(BOARD))
        self._stack.addWidget(self.board)
        item = QListWidgetItem(self.tr("Dispatch board"))
        item.setData(Qt.ItemDataRole.UserRole, BOARD)
        self._nav.addItem(item)
        # the accountant's and the supervisor's lists: built when first opened
        self._lists: dict[str, QWidget] = {}
        for name, title in ((INVOICES, self.tr("Invoices to issue")), (AT_RISK, self.tr("Repairs at risk")),
                            (RENEWALS, self.tr("Renewals due"))):
            self._stack.addWidget(QWidget())
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self._nav.addItem(item)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._nav)
        splitter.addWidget(self._stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([150, 1100])
        splitter.setObjectName("main_splitter")
        self.splitter = splitter
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.demo_banner = QLabel(self.tr(
            "Demo data: invented customers and calls for trying the program out. Log in as admin / admin123; "
            "colleagues by name with demo1234."))
        self.demo_banner.setObjectName("demo_banner")
        self.demo_banner.setWordWrap(True)  # never widens the window
        self.demo_banner.setStyleSheet("background: #fff3cd; color: #7a5b00; padding: 5px 10px; font-weight: bold;")
        self.demo_banner.setVisible(self._is_demo())
        column.addWidget(self.demo_banner)
        # a window that may not write (opened read-only beside another, or a damaged database): says so
        self.refusal_banner = QLabel()
        self.refusal_banner.setObjectName("refusal_banner")
        self.refusal_banner.setWordWrap(True)
        self.refusal_banner.setStyleSheet("background: #f8d7da; color: #842029; padding: 5px 10px; font-weight: bold;")
        column.addWidget(self.refusal_banner)
        # what is due today, in sight from the moment the window opens (S14, S9, S15, S5)
        from .start_page import StartStrip

        self.start_page = StartStrip(database)
        self.start_page.opened.connect(lambda key: self._guarded(lambda: self.open_due(key)))
        column.addWidget(self.start_page)
        self.show_write_refusal()
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self._nav.currentRowChanged.connect(self._page_changed)

        self.user_label = QLabel()
        self.user_label.setObjectName("user_label")
        self.statusBar().addPermanentWidget(self.user_label)
        self.deadline_label = QLabel()
        self.deadline_label.setObjectName("deadline_label")
        self.statusBar().addPermanentWidget(self.deadline_label)
        self.calendar_label = QLabel()
        self.calendar_label.setObjectName("calendar_label")
        self.calendar_label.setStyleSheet("color: #b35c00;")
        self.statusBar().addPermanentWidget(self.calendar_label)
        # the database's place, shortened in the middle so that it never pushes the user and
        # the deadlines off a 1366-pixel status bar; the whole of it in the tool tip
        where = self._database_text()
        self._database_label = QLabel(self._database_label_metrics().elidedText(where, Qt.TextElideMode.ElideMiddle,
                                                                                 DATABASE_LABEL_WIDTH))
        self._database_label.setObjectName("database_label")
        self._database_label.setToolTip(where)
        self.statusBar().addPermanentWidget(self._database_label)
        self._deadline_timer = QTimer(self)
        self._deadline_timer.setInterval(60_000)
        self._deadline_timer.timeout.connect(lambda: self._guarded(self._minute_passed))
        self._deadline_timer.start()
        self._build_actions()
        self.undo = WindowUndo(self)  # 编辑 → 撤销 / 重做: this session's edits
        self.set_current_user(current_user_id)
        # S13: the supervisor starts the day in front of the calls still waiting
        self._nav.setCurrentRow(self.page_names().index(BOARD) if users.may_dispatch(self.current_user) else 0)
        self._restore_geometry()
        self.update_deadlines()
        self.restore_request = None  # a backup to put in place once this window has closed
        self.last_output = None  # the print or export of a list last started (its task), for tests
        self._built = True
        self._watch = None

    def show_write_refusal(self) -> None:
        """The banner and the title say when this window may not save (db.refuse_writes)."""
        refusal = self.database.refusal
        self.refusal_banner.setVisible(refusal is not None)
        title = self.tr("crm_desktop — after-sales service")
        if refusal is not None:
            message, values = refusal
            self.refusal_banner.setText(message.tr(translate, **values))
            title += self.tr(" (read-only)")
        self.setWindowTitle(title)

    # -- actions -------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], None], shortcut=None, tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: self._guarded(slot))
        return action

    def _guarded(self, slot: Callable[[], None]) -> None:
        try:
            slot()
        except Exception as exc:  # the user sees a short message, the log gets the rest
            show_error(self, exc)

    def _build_actions(self) -> None:
        """Actions, menus and toolbar from the registry in actions.py."""
        self.actions_by_key = actions.build_actions(self, self._guarded)
        opening = [self._action(spec.title.tr(translate), lambda n=name: self.open_register(n))
                   for name, spec in REGISTERS.items()]
        self.menus = actions.build_menus(self, self.actions_by_key, opening)
        self.reports_menu = self.menus["R&eports"]
        toolbar = actions.build_toolbar(self, self.actions_by_key, self.tr("Main toolbar"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setIconSize(QSize(16, 16))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)

    # -- pages ---------------------------------------------------------------------------
    def register_names(self) -> list[str]:
        return list(self.views)

    def page_names(self) -> list[str]:
        """Every page in navigation order: the registers, the dispatch board, the lists."""
        return [*self.views, BOARD, *LIST_PAGES]

    def current_name(self) -> str:
        item = self._nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "service_call"

    def current_view(self) -> RegisterView:
        """The register on screen (the call register while the board is shown)."""
        return self.views.get(self.current_name(), self.views["service_call"])

    def open_register(self, name: str) -> RegisterView:
        self._nav.setCurrentRow(self.page_names().index(name))
        return self.views[name]

    def _list_page(self, name: str) -> QWidget:
        page = self._lists.get(name)
        if page is None:
            from .worklists import InvoicesPage, RepairsAtRiskPage

            if name == INVOICES:
                page = InvoicesPage(self.database, self.current_user_id)
                page.invoiceRecorded.connect(lambda call_id: self.after_save("service_call", call_id))
            elif name == RENEWALS:
                from .renewals_page import RenewalsPage

                page = RenewalsPage(self.database, self.current_user_id)
                page.renewalRecorded.connect(self.update_deadlines)
            else:
                page = RepairsAtRiskPage(self.database, self.current_user_id)
                page.callActivated.connect(lambda call_id: self.open_record("service_call", call_id))
            page.setObjectName(name)
            index = self.page_names().index(name)
            placeholder = self._stack.widget(index)
            self._stack.insertWidget(index, page)
            self._stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._lists[name] = page
        return page

    @property
    def invoices(self):
        return self._list_page(INVOICES)

    @property
    def at_risk(self):
        return self._list_page(AT_RISK)

    def open_page(self, name: str) -> None:
        self._nav.setCurrentRow(self.page_names().index(name))

    def open_board(self) -> DispatchBoard:
        self._nav.setCurrentRow(self.page_names().index(BOARD))
        return self.board

    def _page_changed(self, row: int) -> None:
        name = self.current_name()
        if name in LIST_PAGES:
            self._list_page(name)
        self._stack.setCurrentIndex(row)
        if name == BOARD:
            self._guarded(self.board.refresh)  # always today's list when it comes on screen
        elif name == INVOICES:
            self._guarded(self.invoices.refresh)
        elif name in (AT_RISK, RENEWALS):
            self._guarded(self._list_page(name).refresh)
        self._update_actions()
        self._update_status(name)

    def _update_actions(self) -> None:
        """Dispatch (S3) is the supervisor's: greyed out, with the reason, for anyone else."""
        on_calls = self.current_name() == "service_call"
        allowed = users.may_dispatch(self.current_user)
        self.act_dispatch.setEnabled((on_calls or self.current_name() == BOARD) and allowed)
        self.act_dispatch.setToolTip(
            self.tr("Assign a technician to the selected call") if allowed else self.board.not_allowed_text()
        )
        self.act_dispatch.setStatusTip(self.act_dispatch.toolTip())
        self.act_kind.setEnabled(on_calls)
        # customers print with their archive (a later feature); pages have no form
        self.act_print.setEnabled(self.current_name() in ("service_call", "goods_entry", "repair_card", BOARD, *LIST_PAGES))
        self.act_export.setEnabled(self.current_name() in self.views or self.current_name() in (BOARD, *LIST_PAGES))
        self.act_archive.setEnabled(self.current_name() == "customer")
        from ..services.auth import ROLE_PERMISSIONS

        role = self.current_user.role if self.current_user is not None else None
        actions.apply_permissions(self.actions_by_key, ROLE_PERMISSIONS.get(role, frozenset()))

    def _update_status(self, name: str) -> None:
        if name != self.current_name():
            return
        if name == BOARD:
            self.statusBar().showMessage(board_status_text(self.board))
            return
        if name not in self.views:
            self.statusBar().clearMessage()
            return
        view = self.views[name]
        self.statusBar().showMessage(
            self.tr("%1: %n row(s)", "", view.model.rowCount()).replace("%1", view.spec.title.tr(translate))
        )

    def _is_demo(self) -> bool:
        from ..services import auth

        with self.database.read_session() as session:
            return auth.is_demo(session)

    def _database_label_metrics(self):
        from PySide6.QtGui import QFontMetrics

        return QFontMetrics(self.font())

    def _database_text(self) -> str:
        cfg = self.database.config
        if cfg is not None and cfg.sqlite_path is not None:
            return str(cfg.sqlite_path)
        return self.database.engine.url.render_as_string(hide_password=True)

    # -- current user --------------------------------------------------------------------
    @property
    def current_user_id(self) -> int | None:
        return self.current_user.id if self.current_user else None

    def set_current_user(self, staff_id: int | None) -> None:
        """Use the program as ``staff_id`` (None, or someone no longer active: nobody)."""
        with self.database.read_session() as session:
            self.current_user = users.find_user(session, staff_id)
        if self.current_user is None:
            self.user_label.setText(self.tr("Current user: none"))
        else:
            self.user_label.setText(self.tr("Current user: %1").replace("%1", user_text(self.current_user)))
        self.board.set_user(self.current_user)
        if getattr(self, "_built", False):
            self.update_deadlines()  # the strip follows the new user's role
        for page in self._lists.values():
            page.current_user_id = self.current_user_id
        for view in self.views.values():
            view.model.edited_by = self.current_user_id
        self.undo.clear()  # per login: another user's session has nothing to undo
        self._update_actions()

    def switch_user(self) -> None:
        """Log in as someone else (the next person at the PC); giving up keeps the current user."""
        from .login import log_in

        user = log_in(self.database, self)
        if user is not None:
            self.set_current_user(user.staff_id)

    def logged_in(self):
        """The current user as the services' permission checks take it (None: nobody)."""
        from ..services import auth

        with self.database.read_session() as session:
            return auth.user_of(session, self.current_user_id)

    def open_archive(self) -> None:
        from .archive import open_archive_window

        if self.current_name() != "customer":
            return
        customer_id = self.current_view().current_id()
        if customer_id is not None:
            open_archive_window(self, self.database, customer_id, user=self.logged_in(),
                                current_user_id=self.current_user_id)

    def open_understaffed(self):
        from .archive.understaffed_dialog import UnderstaffedDialog

        dialog = UnderstaffedDialog(self.database, self, user=self.logged_in(), current_user_id=self.current_user_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # shown and forgotten: closed is gone
        dialog.show()
        return dialog

    def authorize(self, permission: str, action: str, **target) -> None:
        """The services' permission check and audit line; a refusal raises (shown by _guarded)."""
        from ..services import auth

        auth.authorize(self.database, self.logged_in(), permission, action, **target)

    def change_password(self) -> None:
        from PySide6.QtWidgets import QDialog

        from .login import ChangePasswordDialog

        user = self.logged_in()
        if user is None or not user.login:
            return
        if ChangePasswordDialog(self.database, user, self).exec() == QDialog.DialogCode.Accepted:
            self.statusBar().showMessage(self.tr("Your password is changed."), 10_000)

    def hand_over(self) -> None:
        from .handover_wizard import run_handover

        done = run_handover(self, self.database, self.logged_in())
        if done is not None:
            self.statusBar().showMessage(
                self.tr("Hand-over %1 recorded: %2 customers, %3 calls, %4 contracts.")
                .replace("%1", done.handover_no).replace("%2", str(done.customers))
                .replace("%3", str(done.calls)).replace("%4", str(done.contracts)), 15_000)
            self.refresh_current()

    def manage_accounts(self) -> None:
        from .accounts_dialog import AccountsDialog

        AccountsDialog(self.database, self.logged_in(), self).exec()

    @property
    def watch(self):
        """The quick check and daily backup of this window (views/backup_actions.py), made
        when first asked for: app.run_gui starts it once the window shows."""
        if self._watch is None:
            from .backup_actions import DatabaseWatch

            self._watch = DatabaseWatch(self)
        return self._watch

    def backups_and_restore(self) -> None:
        """文件 → 备份与恢复; a restore closes this window (app.run_gui carries it out, then
        starts the window again on the restored database)."""
        from .backup_dialog import show_backups

        chosen = show_backups(self, self.database, self.logged_in())
        if chosen is not None:
            self.restore_request = chosen
            self.close()

    def open_audit_log(self):
        from .audit_log_dialog import show_audit_log

        return show_audit_log(self, self.database, self.logged_in())

    def update_deadlines(self, now=None) -> None:
        """S14 at a glance: calls past their arrival deadline, and due within one working
        hour; and a warning while the holiday arrangement of this (or next) year is missing."""

        from ..services import calendar as calendar_service
        from ..services import deadlines

        now = now or clock.now()
        with self.database.read_session() as session:
            calendar = calendar_service.calendar_from_database(session)
            counts = deadlines.deadline_counts(session, calendar, now)
        text = self.tr("Overdue: %1  Due within 1 h: %2").replace("%1", str(counts.overdue)).replace("%2", str(counts.due_soon))
        self.deadline_label.setText(text)
        self.deadline_label.setStyleSheet("color: #b00020; font-weight: bold;" if counts.overdue else "")
        role = self.current_user.role if self.current_user is not None else None
        self.start_page.refresh(calendar, now, role)
        notice = calendar_service.missing_arrangement_notice(calendar.missing_arrangement(now.date()), translate)
        self.calendar_label.setText(self.tr("Holiday arrangement missing") if notice else "")
        self.calendar_label.setToolTip(notice or "")

    def _minute_passed(self) -> None:
        self.update_deadlines()
        if self.current_name() == BOARD:
            self.board.tick()

    def open_due(self, key: str) -> None:
        """The list behind a count of the 今日待办 strip."""
        from ..services import start_page

        if key in (start_page.OPEN_CALLS, start_page.DUE_SOON, start_page.OVERDUE_CALLS):
            self.open_board()
        elif key == start_page.OVERDUE_REPAIRS:
            self.open_page(AT_RISK)
        elif key == start_page.INVOICES:
            self.open_page(INVOICES)
        elif key == start_page.RENEWALS:
            self.open_page(RENEWALS)

    # -- slots ---------------------------------------------------------------------------
    def undo_edit(self) -> None:
        self.undo.undo()

    def redo_edit(self) -> None:
        self.undo.redo()

    def refresh_current(self) -> None:
        if self.current_name() == BOARD:
            self.board.refresh()
        else:
            self.current_view().refresh()
        self.update_deadlines()

    def focus_search(self) -> None:
        if self.current_name() == BOARD:
            return
        self.current_view().search.setFocus()
        self.current_view().search.selectAll()

    def open_current(self) -> None:
        if self.current_name() == BOARD:
            call_id = self.board.selected_call_id()
            if call_id is not None:
                self.open_record("service_call", call_id)
            return
        row_id = self.current_view().current_id()
        if row_id is not None:
            self.open_record(self.current_name(), row_id)

    def open_record(self, name: str, row_id: int) -> None:
        from . import dialogs

        self._guarded(
            lambda: dialogs.open_record(
                self, self.database, name, row_id, self.after_save, current_user_id=self.current_user_id,
                on_edited=self.undo.push,
            )
        )

    def after_save(self, name: str, row_id: int | None) -> None:
        self.views[name].refresh(select_id=row_id)
        self.update_deadlines()
        if name != "service_call" and "service_call" in self.views:
            self.views["service_call"].model.refresh()
        if self.current_name() == BOARD:
            self.board.refresh()
        elif self.current_name() == INVOICES:
            self.invoices.refresh()
        elif self.current_name() == AT_RISK:
            self.at_risk.refresh()

    def _after_board_dispatch(self) -> None:
        self.views["service_call"].model.refresh()
        self.update_deadlines()

    def new_call(self) -> None:
        from . import dialogs

        dialogs.new_call(self, self.database, self.after_save, current_user_id=self.current_user_id)

    def new_goods_entry(self) -> None:
        """Goods of a call come in by the call's step 取回维修 (receipt and repair card in one
        go); from elsewhere, goods brought in without a call."""
        from ..services import process
        from . import dialogs

        if self.current_name() == "service_call":
            call_id = self.views["service_call"].current_id()
            if call_id is not None:
                if process.Step.TAKE_BACK in dialogs.next_steps(self.database, call_id):
                    dialogs.run_step(self, self.database, call_id, process.Step.TAKE_BACK, self.current_user_id,
                                     self.after_save)
                else:
                    from PySide6.QtWidgets import QMessageBox

                    QMessageBox.information(
                        self,
                        self.tr("Take back for repair"),
                        self.tr("Goods of a call are taken back once the technician has arrived: "
                                "open the call and use its step 取回维修."),
                    )
                return
        dialogs.new_goods_entry(self, self.database, self.after_save)

    def new_repair_card(self) -> None:
        from . import dialogs

        goods_id = self.views["goods_entry"].current_id() if self.current_name() == "goods_entry" else None
        dialogs.new_repair_card(self, self.database, self.after_save, goods_entry_id=goods_id)

    def new_customer(self) -> None:
        from . import dialogs

        dialogs.new_customer(self, self.database, self.after_save, current_user_id=self.current_user_id)

    def dispatch_current(self) -> None:
        """S3 from the register: the dispatch dialog, as the current user (the service
        refuses anyone but the supervisor, and the dialog shows why)."""
        from . import dialogs

        if self.current_name() == BOARD:
            self.board.dispatch_selected()
            return
        call_id = self.views["service_call"].current_id()
        if call_id is not None:
            dialogs.dispatch(self, self.database, call_id, self.after_save, self.current_user_id)

    def change_kind_current(self) -> None:
        from . import dialogs

        call_id = self.views["service_call"].current_id()
        if call_id is not None:
            dialogs.change_kind(self, self.database, call_id, self.after_save, self.current_user_id)

    def edit_calendar(self) -> None:
        from .dialogs.calendar_dialog import CalendarDialog
        from .dialogs.form import run_dialog

        if run_dialog(CalendarDialog(self.database, parent=self), None) is not None:
            self.views["service_call"].refresh()
            self.update_deadlines()
            if self.current_name() == BOARD:
                self.board.refresh()

    def edit_pricing(self) -> None:
        from .dialogs.pricing_dialog import edit_pricing

        edit_pricing(self, self.database)

    def manage_contracts(self) -> None:
        from .dialogs.contracts_dialog import manage_contracts

        manage_contracts(self, self.database, self.logged_in())

    # -- printing --------------------------------------------------------------------------
    def print_selected(self) -> None:
        """The selected rows' forms (the current row if none is selected) in the preview."""
        from . import print_actions

        name = self.current_name()
        if name == BOARD:
            call_id = self.board.selected_call_id()
            name, ids = "service_call", [call_id] if call_id is not None else []
        elif name in print_actions.REGISTER_FORM:
            view = self.current_view()
            ids = view.selected_ids() or ([view.current_id()] if view.current_id() is not None else [])
        elif name in LIST_PAGES:  # a list prints as a whole
            self._warn_if_branch_unset()
            self.last_output = self._list_page(name).print_list()
            return
        else:
            return
        if ids:
            self.authorize("print", "print", target_type=print_actions.REGISTER_FORM[name], target_id=ids[:50])
            self._warn_if_branch_unset()
            print_actions.preview_records(self, self.database, name, ids)

    def print_period(self, form: str) -> None:
        from . import print_actions

        self.authorize("print", "print", target_type=form)
        self._warn_if_branch_unset()
        print_actions.ask_and_preview(self, self.database, form)

    def print_customer_list(self) -> None:
        from . import print_actions

        view = self.views["customer"]
        view.apply_search()
        shown = view.model.query
        self.authorize("print", "print", target_type="customer_list", detail={**shown.filters, "search": shown.search})
        self._warn_if_branch_unset()
        print_actions.preview_customer_list(self, self.database, view)

    def _warn_if_branch_unset(self) -> None:
        from . import print_actions

        if not print_actions.branch_is_set(self.database):
            self.statusBar().showMessage(
                self.tr("The branch's name and address are not set: File → Branch details… puts them on every form."), 15_000
            )

    def open_daily_reports(self) -> None:
        from .daily_report_dialog import DailyReportDialog

        dialog = DailyReportDialog(self.database, self.current_user_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def save_monthly_report(self) -> None:
        from .monthly_report_action import save_monthly_report

        self.authorize("report", "report_monthly")
        save_monthly_report(self, self.database)

    def print_monthly_summary(self):
        from .monthly_report_action import preview_monthly_summary

        self.authorize("report", "report_monthly")
        self._warn_if_branch_unset()
        self.last_output = preview_monthly_summary(self, self.database, self.logged_in())
        return self.last_output

    def export_current(self) -> None:
        from . import export_actions

        if self.current_name() in LIST_PAGES:
            self.last_output = self._list_page(self.current_name()).export_list()
            return
        if self.current_name() == BOARD:
            self.last_output = self.board.export_list()
            return
        if self.current_name() in self.views:
            self.authorize("export", "export", target_type="register", target_id=self.current_name())
            export_actions.export_current_register(self, self.current_view())

    def import_customers(self) -> None:
        from .import_dialog import run_import_wizard

        self.authorize("import", "import", target_type="customers")
        result = run_import_wizard(self, self.database, by_id=self.current_user_id)
        if result is not None:
            self.views["customer"].refresh()
            self.statusBar().showMessage(result.describe(translate), 10_000)

    def edit_branch(self) -> None:
        from .dialogs.branch_dialog import BranchDialog
        from .dialogs.form import run_dialog

        run_dialog(BranchDialog(self.database, self), None)

    def show_shortcuts(self):
        from .shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.show()
        return dialog

    def about(self):
        """帮助 → 关于: the version, the data folder, the database and its schema revision,
        the log file (what a support call asks for)."""
        from .about_dialog import AboutDialog

        dialog = AboutDialog(self.database, self)
        dialog.show()
        return dialog

    # -- geometry ------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        """The size and place the window had, if they still fit this screen (a laptop after
        the office's large monitor), else the first size: most of the screen's free area
        (the taskbar left out), at most FIRST_SIZE, centred."""
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        area = self.screen().availableGeometry()
        restored = isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry)
        # Qt squeezes a remembered size too large for this screen onto it, frame outside;
        # before the window is shown its frame is not known: room is left for it
        inside = self.geometry()
        fits = (area.contains(inside) and inside.width() <= area.width() - 2 * FRAME_ROOM.width()
                and inside.height() <= area.height() - FRAME_ROOM.height())
        if not (restored and (self.isMaximized() or fits)):
            width = min(FIRST_SIZE.width(), int(area.width() * 0.96))
            height = min(FIRST_SIZE.height(), int(area.height() * 0.92))
            self.resize(width, height)
            frame = self.frameGeometry()
            frame.moveCenter(area.center())
            self.move(frame.topLeft())
        state = settings.value("main_window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        for key, splitter in self._splitters().items():
            state = settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)
                # a side squeezed to nothing on a smaller screen comes back at its first width
                if any(size == 0 for size in splitter.sizes()):
                    splitter.setSizes([150, 1100] if splitter is self.splitter else [690, 420])

    def _splitters(self) -> dict:
        return {"main_window/splitter": self.splitter, "board/splitter": self.board.splitter}

    def save_layout(self) -> None:
        """Size, place, state, splitters and each register's columns and sort, for the next
        start (QSettings: per Windows user)."""
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/state", self.saveState())
        for key, splitter in self._splitters().items():
            settings.setValue(key, splitter.saveState())
        for view in self.views.values():
            view.save_layout()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.save_layout()
        super().closeEvent(event)
