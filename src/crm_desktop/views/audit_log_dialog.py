"""File → Audit log (I7): the branch manager's and the administrator's view of who logged
in, viewed, printed, exported and changed what — filtered by period, person, action and
text, newest first — and its export to Excel.

The table's model fetches the log in pages as the view scrolls (``canFetchMore`` /
``fetchMore``), so a log of 100,000 lines opens with its first page; every page is read
through ``services.audit_log``, which checks the permission. Opening the viewer is itself a
line of the log; without the permission the user is told so and no dialog opens.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import clock
from ..db import Database
from ..errors import UserError
from ..services import audit_log
from ..services.audit_log import AuditFilter, AuditRow
from ..services.auth import LoggedIn
from . import background
from .background import Task
from .delegates import from_qdate, to_qdate
from .dialogs.form import keep_on_screen
from .errors import message_of, show_error
from .i18n import translate
from .save_dialog import ask_save_path

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TEXT_DELAY_MS = 300  # typing pauses this long before the table follows


class AuditLogModel(QAbstractTableModel):
    """The filtered log, read page by page. Holds the rows fetched so far (a page is
    ``audit_log.PAGE`` lines) and their display texts, built when first shown."""

    COLUMNS = ("at", "person", "login", "action", "target", "detail")

    def __init__(self, database: Database, user: LoggedIn, parent=None) -> None:
        super().__init__(parent)
        self.database = database
        self.user = user
        self.filter = AuditFilter()
        self._rows: list[AuditRow] = []
        self._texts: dict[int, tuple[str, ...]] = {}
        self._total = 0
        self.set_filter(AuditFilter())

    # -- reading ----------------------------------------------------------------------------
    def set_filter(self, chosen: AuditFilter) -> None:
        """Show what ``chosen`` finds, as the log stands now; a bad filter (a period that
        ends before it begins) raises UserError and leaves the table as it was."""
        with self.database.read_session() as session:
            pinned = replace(chosen, upto_id=audit_log.latest_id(session) or 0)
            total = audit_log.count_entries(session, self.user, **pinned.as_kwargs())
            first = audit_log.entries(session, self.user, **pinned.as_kwargs(), limit=audit_log.PAGE) if total else []
        self.beginResetModel()
        self.filter, self._total, self._rows, self._texts = pinned, total, first, {}
        self.endResetModel()

    def refresh(self) -> None:
        """The same filter over the log as it stands now (new lines included)."""
        self.set_filter(replace(self.filter, upto_id=None))

    @property
    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802 - Qt's name
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or len(self._rows) >= self._total:
            return
        try:
            with self.database.read_session() as session:
                page = audit_log.entries(session, self.user, **self.filter.as_kwargs(), offset=len(self._rows),
                                         limit=audit_log.PAGE)
        except Exception:  # noqa: BLE001 - a view's fetch never raises into Qt's paint
            log.exception("reading the audit log")
            page = []
        if not page:  # the count was higher than what is there: stop asking
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def row_at(self, row: int) -> AuditRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt's model -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (self.tr("Time"), self.tr("Person"), self.tr("Login name"), self.tr("Action"), self.tr("Target"),
                   self.tr("Detail"))
        return headers[section] if 0 <= section < len(headers) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # the log is read, never edited

    def texts(self, row: int) -> tuple[str, ...]:
        cached = self._texts.get(row)
        if cached is None:
            line = self._rows[row]
            cached = (line.at.strftime("%Y-%m-%d %H:%M:%S"), line.person or "", line.login or "",
                      line.action_text(translate), line.target_text(translate), line.detail_text(translate))
            self._texts[row] = cached
        return cached

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self.COLUMNS):
            return None
        try:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                text = self.texts(index.row())[index.column()]
                return text if role == Qt.ItemDataRole.DisplayRole or text else None
            if role == ROW_ID_ROLE:
                return self._rows[index.row()].id
            if role == Qt.ItemDataRole.ForegroundRole and self._rows[index.row()].action in ("denied", "login_failed",
                                                                                              "recovery_failed"):
                from PySide6.QtGui import QBrush, QColor

                return QBrush(QColor("#b00020"))  # refusals and failed logins stand out
        except Exception:  # noqa: BLE001 - never raise from data() (Anki's browser does the same)
            log.exception("showing audit line %s", index.row())
        return None


class AuditLogDialog(QDialog):
    """Raises UserError (after the refusal is logged) for a user without the permission:
    ``show_audit_log`` turns that into a message."""

    def __init__(self, database: Database, user: LoggedIn | None, parent: QWidget | None = None) -> None:
        allowed = audit_log.open_log(database, user)  # before any widget exists: a refusal leaves none
        super().__init__(parent)
        self.user = allowed
        self.database = database
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(1180, 680)
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.use_period = QCheckBox(self.tr("Period"))
        self.use_period.setObjectName("use_period")
        today = clock.today()
        self.date_from = self._date_edit(today - timedelta(days=30), "date_from")
        self.date_to = self._date_edit(today, "date_to")
        bar.addWidget(self.use_period)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("to")))
        bar.addWidget(self.date_to)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Person")))
        self.person = QComboBox()
        self.person.setObjectName("person")
        bar.addWidget(self.person)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Action")))
        self.action = QComboBox()
        self.action.setObjectName("action")
        bar.addWidget(self.action)
        bar.addSpacing(12)
        self.text = QLineEdit()
        self.text.setObjectName("text")
        self.text.setClearButtonEnabled(True)
        self.text.setPlaceholderText(self.tr("Search login, customer, colleague, target, detail"))
        self.text.setMinimumWidth(220)
        bar.addWidget(self.text, 1)
        layout.addLayout(bar)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        layout.addWidget(self.message)

        self.model = AuditLogModel(database, self.user, self)
        self.table = QTableView()
        self.table.setObjectName("audit_table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(("2026-11-28 09:30:00", "系统管理员", "admin-login", "导出登记簿到 Excel",
                                         "客户 上海精工复印设备有限公司（#1234）")):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        layout.addWidget(self.table, 1)

        self.detail = QLabel()
        self.detail.setObjectName("detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet("color: #444; padding: 2px 0;")
        layout.addWidget(self.detail)

        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        bottom.addWidget(self.count_label)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setStyleSheet("color: #555;")
        bottom.addWidget(self.status, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setObjectName("export_button")
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setObjectName("print_button")
        self.print_button.setToolTip(self.tr("The lines as filtered, on paper (preview first)"))
        self.chain_button = QPushButton(self.tr("Check the chain…"))
        self.chain_button.setObjectName("chain_button")
        self.chain_button.setToolTip(self.tr("Check that no line was changed, removed or slipped in outside the program"))
        for button in (self.refresh_button, self.chain_button, self.print_button, self.export_button):
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

        self._fill_choices()
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DELAY_MS)
        self._text_timer.timeout.connect(self.apply_filter)
        self.text.textEdited.connect(lambda _t: self._text_timer.start())
        self.text.returnPressed.connect(self.apply_filter)
        self.use_period.toggled.connect(self._period_toggled)
        self.date_from.dateChanged.connect(lambda _d: self.apply_filter())
        self.date_to.dateChanged.connect(lambda _d: self.apply_filter())
        self.person.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.action.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.refresh_button.clicked.connect(lambda: self._guarded(self.refresh))
        self.export_button.clicked.connect(lambda: self._guarded(self.export))
        self.print_button.clicked.connect(lambda: self._guarded(self.print_lines))
        self.chain_button.clicked.connect(lambda: self._guarded(self.check_chain))
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_detail(current))
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(lambda *_a: self._update_count())
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self._update_count()


    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        keep_on_screen(self)  # 680 px and a title bar are more than 1280×720 leaves above the taskbar
    def _date_edit(self, day: date, name: str) -> QDateEdit:
        edit = QDateEdit(to_qdate(day))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _fill_choices(self) -> None:
        with self.database.read_session() as session:
            people = audit_log.people(session)
            actions = audit_log.actions(session)
        self.person.addItem(self.tr("Everyone"), None)
        for person in people:
            name = person.name if person.active else self.tr("%1 (left)").replace("%1", person.name)
            self.person.addItem(name, person.staff_id)
        self.action.addItem(self.tr("All actions"), None)
        for action in actions:
            self.action.addItem(audit_log.action_label(action, translate), action)

    # -- filtering --------------------------------------------------------------------------
    def current_filter(self) -> AuditFilter:
        period = self.use_period.isChecked()
        return AuditFilter(
            start=from_qdate(self.date_from.date()) if period else None,
            end=from_qdate(self.date_to.date()) if period else None,
            staff_id=self.person.currentData(),
            action=self.action.currentData(),
            text=self.text.text().strip() or None,
        )

    def apply_filter(self) -> None:
        self._text_timer.stop()
        try:
            self.model.set_filter(self.current_filter())
        except UserError as exc:  # a period that ends before it begins: said under the bar
            self.message.setText(exc.render(translate))
            self.message.show()
            return
        self.message.hide()
        self.detail.clear()

    def refresh(self) -> None:
        self.model.refresh()

    def _period_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filter()

    def _update_count(self) -> None:
        total = self.model.total
        shown = self.model.rowCount()
        text = self.tr("%1 lines").replace("%1", f"{total:,}")
        if shown < total:
            text += self.tr(" (%1 loaded; scroll for more)").replace("%1", f"{shown:,}")
        self.count_label.setText(text)
        self.export_button.setEnabled(total > 0)
        self.print_button.setEnabled(total > 0)

    def _show_detail(self, index: QModelIndex) -> None:
        line = self.model.row_at(index.row()) if index.isValid() else None
        if line is None:
            self.detail.clear()
            return
        texts = self.model.texts(index.row())
        self.detail.setText(" · ".join(t for t in (f"#{line.id}", *texts) if t))

    # -- paper and export ------------------------------------------------------------------
    def print_lines(self) -> Task | None:
        """The lines as filtered, drawn from forms/audit_log.toml into the print preview."""
        from ..services import lists
        from .list_output import ListSource, print_list

        chosen, user, today = self.current_filter(), self.user, clock.today()
        person = self.person.currentText() if chosen.staff_id is not None else None

        def build(session):
            return lists.audit_lines(session, user, chosen, today, translate, staff_name=person)

        self.last_output = print_list(self, self.database, self.user,
                                      ListSource("audit_log", build, {"filter": str(chosen)}))
        return self.last_output

    # -- export -----------------------------------------------------------------------------
    def suggested_file_name(self, today: date | None = None) -> str:
        return f"{self.tr('Audit log')}-{(today or clock.today()):%Y%m%d}.xlsx"

    def ask_file(self) -> Path | None:
        return ask_save_path(self, self.tr("Export the audit log to Excel"), self.suggested_file_name(),
                             self.tr("Excel workbook (*.xlsx)"))

    def check_chain(self) -> Task | None:
        """Walk the whole chain in the background (issue 15, item 7): the first broken link
        shown in red above the table, an intact chain in the status line."""
        database, user = self.database, self.user
        log_file = database.config.log_file if database.config is not None else None
        backups_dir = database.config.backups_dir if database.config is not None and database.config.sqlite_path else None

        def checked(found) -> None:
            text = audit_log.describe_chain(found, translate)
            if found.intact:
                self.message.hide()
                self.status.setText(text)
            else:
                self.message.setText(text)
                self.message.show()
            self.refresh()  # the check is a line of the log itself

        def failed(exc: BaseException) -> None:
            text = exc.render(translate) if isinstance(exc, UserError) else message_of(exc)
            QMessageBox.warning(self, self.tr("Check the chain"), text)

        return background.run_in_background(
            self, lambda progress: audit_log.check_chain(database, user, log_file, progress, backups_dir), checked,
            on_failure=failed, label=self.tr("Checking every line of the audit log…"),
            title=self.tr("Check the chain"), name="audit_chain")

    def export(self) -> Task | None:
        """The lines the table shows (the filter as applied) to a workbook the user names, in
        the background under a progress dialog whose Cancel leaves no file. The running task
        (its ``outcome`` the path written), or None when no file was chosen."""
        from ..exports.audit_export import export_audit_log

        path = self.ask_file()
        if path is None:
            return None
        total = self.model.total
        database, user, audit_filter = self.database, self.user, self.model.filter
        title = self.tr("Export the audit log to Excel")

        def written(report) -> Path:
            done = self.tr("Exported %1 lines to %2")
            self.status.setText(done.replace("%1", f"{report.rows:,}").replace("%2", str(report.path)))
            return report.path

        def failed(exc: BaseException) -> None:
            # a refusal or a file that cannot be written in its words; a bug (already logged) as the apology
            text = exc.render(translate) if isinstance(exc, UserError) else message_of(exc)
            QMessageBox.warning(self, title, text)

        return background.run_in_background(
            self,
            lambda progress: export_audit_log(database, user, path, audit_filter, translate=translate,
                                              progress=progress),
            written,
            on_failure=failed,
            on_cancelled=lambda _exc: self.status.setText(self.tr("Export cancelled; no file was written.")),
            label=self.tr("Exporting %1 lines…").replace("%1", f"{total:,}"),
            title=title,
        )

    def _guarded(self, action) -> None:
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - the user sees a short message, the log the rest
            show_error(self, exc)


def show_audit_log(parent: QWidget | None, database: Database, user: LoggedIn | None) -> AuditLogDialog | None:
    """Open the viewer (not modal: the window stays usable beside it); a user without the
    permission is told so — the refusal is already in the log — and no dialog opens."""
    try:
        dialog = AuditLogDialog(database, user, parent)
    except UserError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("AuditLogDialog", "Audit log"), exc.render(translate))
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
