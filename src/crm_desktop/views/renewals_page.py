"""续约到期 (S15): the renewals to work on — contracts whose notice has fallen due, and those
ended without an outcome — with their notices printed (one or many), the notice sent, and
the outcome: renewed (the new contract) or lost (why). The rules are services/renewals.py's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from ..services import renewals
from ..services import staff as staff_service
from .delegates import to_qdate
from .dialogs.form import OptionalDateEdit, RecordDialog, run_dialog
from .i18n import translate
from .table_model import ROW_ID_ROLE

Index = QModelIndex | QPersistentModelIndex
LATE = QColor("#b00020")


class RenewalsModel(QAbstractTableModel):
    KEYS = ("contract_no", "customer_name", "products", "end_date", "notice_due_on", "state", "fee", "pursued_by")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[renewals.RenewalLine] = []
        self.today = clock.today()
        self._headers = [self.tr("Contract no."), self.tr("Customer"), self.tr("Products covered"), self.tr("Ends"),
                         self.tr("Notice due"), self.tr("State"), self.tr("Fee (yuan)"), self.tr("Pursued by")]

    def set_rows(self, rows: list[renewals.RenewalLine], today: date) -> None:
        self.beginResetModel()
        self.rows, self.today = rows, today
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.KEYS):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        line = self.rows[index.row()]
        key = self.KEYS[index.column()]
        if role == ROW_ID_ROLE:
            return line.contract_id
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "state":
                return line.state(self.today, translate)
            value = getattr(line, key)
            if key == "fee":
                return f"{value:,.2f}"
            if isinstance(value, date):
                return value.isoformat()
            return value
        if role == Qt.ItemDataRole.ForegroundRole and (line.end_date < self.today
                                                       or (line.notice_sent_on is None and key == "state")):
            return QBrush(LATE)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "fee":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _staff_box(database: Database, first: str) -> QComboBox:
    """``first`` (None: the contract's keeper), then the active staff."""
    box = QComboBox()
    box.addItem(first, None)
    with database.read_session() as s:
        for person in staff_service.active_staff(s):
            box.addItem(person.name, person.id)
    return box


class NoticeSentDialog(RecordDialog):
    """The renewal notice sent: when, how, and who pursues the renewal."""

    register_name = "contract_renewal"

    def __init__(self, database: Database, line: renewals.RenewalLine, parent: QWidget | None = None,
                 by_id: int | None = None, today: date | None = None) -> None:
        super().__init__(database, parent)
        self.line, self.by_id, self.today = line, by_id, today or clock.today()
        self.setWindowTitle(self.tr("Renewal notice sent: %1").replace("%1", line.contract_no))
        sent = OptionalDateEdit()
        sent.setDate(to_qdate(min(self.today, max(line.notice_due_on, self.today))))
        self.add_field("notice_sent_on", self.tr("Sent on"), sent, required=True)
        how = QComboBox()
        for code, label in renewals.NOTICE_HOW.items():
            how.addItem(label.tr(translate), code)
        self.add_field("notice_sent_how", self.tr("How"), how, required=True)
        self.add_field("pursued_by_id", self.tr("Pursued by"), _staff_box(database, self.tr("(the contract's keeper)")))
        self.finish_layout()

    def save(self, session) -> int:
        renewal = renewals.record_notice(session, self.line.contract_id, sent_on=self.value("notice_sent_on"),
                                         how=self.value("notice_sent_how"), pursued_by_id=self.value("pursued_by_id"),
                                         by_id=self.by_id, today=self.today)
        return renewal.id


class RenewedDialog(RecordDialog):
    """Renewed: the new contract's period, fee and visits (its products those of the old one)."""

    register_name = "contract_renewal"

    def __init__(self, database: Database, line: renewals.RenewalLine, parent: QWidget | None = None,
                 by_id: int | None = None) -> None:
        super().__init__(database, parent)
        self.line, self.by_id = line, by_id
        self.warning: str | None = None
        self.new_contract_no: str | None = None
        self.setWindowTitle(self.tr("Contract renewed: %1").replace("%1", line.contract_no))
        products = QLabel(line.products)
        products.setObjectName("products")
        self.add_field("products", self.tr("Products (carried over)"), products)
        start = OptionalDateEdit()
        start.setDate(to_qdate(line.end_date + timedelta(days=1)))
        self.add_field("start_date", self.tr("Starts"), start, required=True)
        end = OptionalDateEdit()
        end.setDate(to_qdate(line.end_date.replace(year=line.end_date.year + 1) if not (
            line.end_date.month == 2 and line.end_date.day == 29) else line.end_date + timedelta(days=365)))
        self.add_field("end_date", self.tr("Ends"), end, required=True)
        self.add_field("fee", self.tr("Fee (yuan)"), QLineEdit(f"{line.fee:.2f}"), required=True)
        visits = QLineEdit()
        visits.setMaxLength(3)
        visits.setPlaceholderText(self.tr("as many as needed"))
        self.add_field("visits_included", self.tr("Visits included"), visits)
        self.finish_layout()

    def save(self, session) -> int:
        visits = self.value("visits_included")
        done = renewals.record_renewed(session, self.line.contract_id, start_date=self.value("start_date"),
                                       end_date=self.value("end_date"), fee=self.value("fee"),
                                       visits_included=visits if visits not in (None, "") else None, by_id=self.by_id)
        self.warning = done.warning.render(translate) if done.warning is not None else None
        self.new_contract_no = done.new_contract.contract_no
        return done.renewal.id


class LostDialog(RecordDialog):
    """Lost: why the customer did not renew, and since when."""

    register_name = "contract_renewal"

    def __init__(self, database: Database, line: renewals.RenewalLine, parent: QWidget | None = None,
                 by_id: int | None = None) -> None:
        super().__init__(database, parent)
        self.line, self.by_id = line, by_id
        self.setWindowTitle(self.tr("Contract not renewed: %1").replace("%1", line.contract_no))
        reason = QLineEdit()
        reason.setMaxLength(200)
        self.add_field("lost_reason", self.tr("Why"), reason, required=True)
        day = OptionalDateEdit()
        day.setDate(to_qdate(clock.today()))
        self.add_field("outcome_on", self.tr("Since"), day, required=True)
        self.finish_layout()

    def save(self, session) -> int:
        return renewals.record_lost(session, self.line.contract_id, reason=self.value("lost_reason"),
                                    on=self.value("outcome_on"), by_id=self.by_id).id


class RenewalsPage(QWidget):
    """续约到期: the renewals to work on, and what is done with them."""

    renewalRecorded = Signal()  # noqa: N815

    def __init__(self, database: Database, current_user_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.current_user_id = current_user_id
        self.clock: Callable[[], date] = clock.today
        self._loaded = False
        self.model = RenewalsModel(self)
        self.view = QTableView()
        self.view.setObjectName("renewals")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 115), (1, 200), (3, 95), (4, 95), (5, 150), (6, 95), (7, 80)):
            self.view.setColumnWidth(column, width)
        self.count_label = QLabel()
        self.count_label.setObjectName("renewal_count")
        self.search = QLineEdit()
        self.search.setObjectName("renewal_search")
        self.search.setPlaceholderText(self.tr("Search by contract number, customer, product or who pursues it"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._show_rows())
        title = QLabel(self.tr("Contract renewals due"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(self.tr("The renewal notice falls due one calendar month before a contract ends. Red: the notice is "
                              "still to send, or the contract has ended without an outcome."))
        hint.setWordWrap(True)
        self.notice_button = QPushButton(self.tr("Print &notices…"))
        self.notice_button.setObjectName("print_notices")
        self.notice_button.clicked.connect(lambda: self._guarded(self.print_notices))
        self.sent_button = QPushButton(self.tr("Notice sen&t…"))
        self.sent_button.setObjectName("notice_sent")
        self.sent_button.clicked.connect(lambda: self._guarded(self.record_sent))
        self.renewed_button = QPushButton(self.tr("Rene&wed…"))
        self.renewed_button.setObjectName("renewed")
        self.renewed_button.clicked.connect(lambda: self._guarded(self.record_renewed))
        self.lost_button = QPushButton(self.tr("Not renewe&d…"))
        self.lost_button.setObjectName("lost")
        self.lost_button.clicked.connect(lambda: self._guarded(self.record_lost))
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        from .list_output import output_buttons

        outputs, self.print_button, self.export_button = output_buttons(self, database, self.user, self.list_source)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        for button in (self.notice_button, self.sent_button, self.renewed_button, self.lost_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addLayout(outputs)
        buttons.addWidget(refresh)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(hint)
        box.addWidget(self.search)
        box.addWidget(self.view, 1)
        box.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.view.doubleClicked.connect(lambda _i: self._guarded(self.record_sent))
        self._enable()

    def _guarded(self, action) -> None:
        from .errors import show_error

        try:
            action()
        except Exception as exc:  # a short message; the log gets the rest
            show_error(self, exc)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    def user(self):
        from ..services import auth

        with self.database.read_session() as session:
            return auth.user_of(session, self.current_user_id)

    def refresh(self) -> None:
        self._loaded = True
        today = self.clock()
        with self.database.read_session() as s:
            self._all_rows = renewals.renewals_due(s, today)
        self._today = today
        self._show_rows()

    def _show_rows(self) -> None:
        """The renewals due that the search finds (every word in the contract number, the
        customer, the products or who pursues it)."""
        rows = getattr(self, "_all_rows", [])
        words = self.search.text().casefold().split()
        if words:
            rows = [r for r in rows if all(w in " ".join((r.contract_no, r.customer_name, r.products, r.pursued_by))
                                           .casefold() for w in words)]
        self.model.set_rows(rows, getattr(self, "_today", self.clock()))
        to_send = sum(1 for r in rows if r.notice_sent_on is None)
        self.count_label.setText(self.tr("%1 due, %2 notices to send").replace("%1", str(len(rows)))
                                 .replace("%2", str(to_send)))
        self._enable()

    def selected_lines(self) -> list[renewals.RenewalLine]:
        return [self.model.rows[i.row()] for i in sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())]

    def select_contract(self, contract_id: int) -> None:
        for row, line in enumerate(self.model.rows):
            if line.contract_id == contract_id:
                self.view.selectRow(row)

    def _enable(self) -> None:
        from ..services import auth

        chosen = len(self.selected_lines())
        self.notice_button.setEnabled(chosen > 0)
        user = self.user()
        allowed = user is not None and user.may(auth.Permission.RENEWALS)
        why = "" if allowed else self.tr("Renewals are recorded by the clerk, information, marketing and the manager")
        for button in (self.sent_button, self.renewed_button, self.lost_button):
            button.setEnabled(chosen == 1 and allowed)
            button.setToolTip(why)

    def list_source(self):
        from ..services import lists
        from .list_output import ListSource

        today, search = self.clock(), self.search.text()
        shown = {r.contract_id for r in self.model.rows}

        def build(session):
            table = lists.renewals_due(session, today, translate)
            if search.strip():  # the rows the search shows, as on screen
                numbers = {r.contract_no for r in getattr(self, "_all_rows", []) if r.contract_id in shown}
                table.rows = [row for row in table.rows if row["contract_no"] in numbers]
                table.criteria.append((lists.SEARCH, search.strip()))
            return table

        return ListSource("renewals_due", build, {"search": search})

    # -- the work ----------------------------------------------------------------------------
    def print_notices(self):
        """The selected contracts' notices, all in one PDF, in the print preview."""
        from .print_actions import _override_dir, _show, _warn_if_cut

        lines = self.selected_lines()
        if not lines:
            return None
        from ..printing import print_numbered
        from ..services import auth

        numbers = [line.contract_no for line in lines]
        auth.authorize(self.database, self.user(), auth.Permission.PRINT, "print", target_type="renewal_notice",
                       target_id=",".join(numbers[:50]))
        pdf, report = print_numbered(self.database, "renewal_notice", numbers, None, _override_dir(self.database), translate)
        _warn_if_cut(self, report)
        title = self.tr("Renewal notices")
        name = f"{title}-{numbers[0]}" + (f"-{len(numbers)}" if len(numbers) > 1 else "")
        dialog = _show(self, pdf, "renewal_notice", f"{title} × {len(numbers)}", f"{name}.pdf")
        dialog.show_cut(report.truncated)
        return dialog

    def _run(self, dialog: RecordDialog) -> int | None:
        saved = run_dialog(dialog, None)
        if saved is not None:
            contract_id = self.selected_lines()[0].contract_id if self.selected_lines() else None
            self.refresh()
            if contract_id is not None:
                self.select_contract(contract_id)
            self.renewalRecorded.emit()
        return saved

    def notice_dialog(self) -> NoticeSentDialog:
        return NoticeSentDialog(self.database, self.selected_lines()[0], self, self.current_user_id, self.clock())

    def record_sent(self) -> int | None:
        if len(self.selected_lines()) != 1:
            return None
        return self._run(self.notice_dialog())

    def renewed_dialog(self) -> RenewedDialog:
        return RenewedDialog(self.database, self.selected_lines()[0], self, self.current_user_id)

    def record_renewed(self) -> int | None:
        if len(self.selected_lines()) != 1:
            return None
        dialog = self.renewed_dialog()
        saved = self._run(dialog)
        if saved is not None and dialog.warning:
            QMessageBox.information(self, dialog.windowTitle(), dialog.warning)
        return saved

    def lost_dialog(self) -> LostDialog:
        return LostDialog(self.database, self.selected_lines()[0], self, self.current_user_id)

    def record_lost(self) -> int | None:
        if len(self.selected_lines()) != 1:
            return None
        return self._run(self.lost_dialog())

    def print_list(self):
        from .list_output import print_list

        return print_list(self, self.database, self.user(), self.list_source())

    def export_list(self):
        from .list_output import export_list

        return export_list(self, self.database, self.user(), self.list_source())

