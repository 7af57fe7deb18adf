"""保养合同 — maintenance contracts (S1 kind B, S15 renewals): the list with its search, and
the record dialog that makes or changes one. A call on a covered product during the
contract is proposed as kind B (services/calls.kind_proposal); the rules are in
services/contracts.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ... import clock
from ...db import Database
from ...models import Customer, CustomerProduct, MaintenanceContract
from ...services import contracts as contract_service
from ...services import staff as staff_service
from ...services.contracts import ContractState
from ..delegates import DATE_FORMAT, from_qdate, to_qdate
from ..i18n import translate
from .finder import CustomerFinder
from .form import RecordDialog

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
PRODUCT_ROLE = Qt.ItemDataRole.UserRole + 3
ENDING_BACKGROUND = QColor("#fde9b8")  # the deadline amber of the registers
EXPIRED_TEXT = QColor("#8a8a8a")

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ContractRow:
    id: int
    contract_no: str
    customer_name: str
    products: str
    start_date: date
    end_date: date
    fee: Decimal
    state: str
    remarks: str
    keeper: str = ""  # who looks after it (S15, I6)
    visits: str = ""  # visits used of those included: 3/6 (S1)
    visits_used_up: bool = False


def contract_row(line: contract_service.ContractLine, today: date) -> ContractRow:
    return ContractRow(
        line.id, line.contract_no, line.customer_name,
        "、".join(model + (f"（{serial_no}）" if serial_no else "") for model, serial_no in line.products),
        line.start_date, line.end_date, line.fee, contract_service.contract_state(line, today), line.remarks or "",
        line.keeper or "", line.visits_text(),
        line.visits_included is not None and line.visits_used >= line.visits_included,
    )


def contract_rows(session: Session, today: date, ids: list[int] | None = None) -> list[ContractRow]:
    """Every contract as the list shows it, newest first (or those of ``ids``, in no order)."""
    return [contract_row(line, today) for line in contract_service.contract_lines(session, ids)]


def sort_value(row: ContractRow, key: str) -> float | str:
    """What the list sorts a column by (SORT_ROLE): the fee as a number, the rest as text."""
    value = getattr(row, key)
    if key == "visits":
        return float(value.split("/")[0] or 0)
    return float(value) if key == "fee" else value.isoformat() if isinstance(value, date) else str(value)


class ContractListModel(QAbstractTableModel):
    """Every contract, newest first. A branch holds thousands of them (the demo 30,000): the
    model knows every contract's id and number, and reads the other columns of a window of
    rows when the view first asks for one of them; ``rows`` reads them all (the search, and
    sorting by a column other than the number, need every row)."""

    KEYS = ("contract_no", "customer_name", "products", "start_date", "end_date", "fee", "visits", "state", "keeper")
    WINDOW = 200  # rows read at once

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.database: Database | None = None
        self.today = clock.today()
        self.ids: list[int] = []
        self.numbers: list[str] = []
        self.ending = 0  # contracts that end within a month
        self._loaded: dict[int, ContractRow] = {}
        self._all = False
        self._haystacks: list[str] | None = None
        self._headers = [
            self.tr("Contract no."), self.tr("Customer"), self.tr("Products covered"), self.tr("Start"),
            self.tr("End"), self.tr("Fee (yuan)"), self.tr("Visits used"), self.tr("State"), self.tr("Looked after by"),
        ]

    def load(self, database: Database, today: date) -> None:
        """Every contract's id and number, and how many end within a month; the rest as the
        rows are shown."""
        with database.read_session() as s:
            numbers = contract_service.contract_numbers(s)
            ending = contract_service.count_ending(s, today)
        self.beginResetModel()
        self.database, self.today = database, today
        self.ids = [i for i, _n in numbers]
        self.numbers = [n for _i, n in numbers]
        self.ending = ending
        self._loaded, self._all, self._haystacks = {}, False, None
        self.endResetModel()

    def set_rows(self, rows: list[ContractRow]) -> None:
        """The list given whole (newest first)."""
        self.beginResetModel()
        self.ids = [r.id for r in rows]
        self.numbers = [r.contract_no for r in rows]
        self.ending = sum(1 for r in rows if r.state == ContractState.ENDING)
        self._loaded, self._all, self._haystacks = {r.id: r for r in rows}, True, None
        self.endResetModel()

    @property
    def rows(self) -> list[ContractRow]:
        """Every row, newest first (read now if not yet)."""
        if not self._all and self.database is not None:
            with self.database.read_session() as s:
                self._loaded = {r.id: r for r in contract_rows(s, self.today)}
            self._all = True
        return [self._loaded[i] for i in self.ids if i in self._loaded]

    def fetch(self, ids: list[int]) -> None:
        """The rows of ``ids`` read, those not read yet, in one go."""
        missing = [i for i in ids if i not in self._loaded]
        if missing and self.database is not None and not self._all:
            with self.database.read_session() as s:
                self._loaded.update((r.id, r) for r in contract_rows(s, self.today, missing))

    def row(self, number: int) -> ContractRow | None:
        contract_id = self.ids[number]
        if contract_id not in self._loaded:
            start = number - number % self.WINDOW
            self.fetch(self.ids[start:start + self.WINDOW])
        return self._loaded.get(contract_id)

    def display(self, row: ContractRow, key: str) -> str:
        value = getattr(row, key)
        if key == "fee":
            return f"{value:,.2f}"
        if key in ("start_date", "end_date"):
            return value.isoformat()
        if key == "state":
            return self.state_text(value)
        return value

    def haystacks(self) -> list[str]:
        """Per row (newest first) the text of every column, lower case, for the search."""
        if self._haystacks is None:
            by_id = {r.id: r for r in self.rows}
            self._haystacks = [
                "\n".join(self.display(by_id[i], key) for key in self.KEYS).lower() if i in by_id else ""
                for i in self.ids
            ]
        return self._haystacks

    def state_text(self, state: str) -> str:
        return {
            ContractState.NOT_STARTED: self.tr("Not started yet"),
            ContractState.ACTIVE: self.tr("Active"),
            ContractState.ENDING: self.tr("Ends within a month"),
            ContractState.EXPIRED: self.tr("Expired"),
        }.get(state, state)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.KEYS):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        if role == ROW_ID_ROLE:
            return self.ids[index.row()]
        row = self.row(index.row())
        if row is None:  # gone since the list was read
            return None
        key = self.KEYS[index.column()]
        value = getattr(row, key)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, key)
        if role == SORT_ROLE:
            return sort_value(row, key)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("products", "customer_name") and value:
            return value + (f"\n{row.remarks}" if row.remarks else "")
        if role == Qt.ItemDataRole.BackgroundRole and row.state == ContractState.ENDING:
            return QBrush(ENDING_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and row.state == ContractState.EXPIRED:
            return QBrush(EXPIRED_TEXT)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("fee", "visits"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and key == "visits" and row.visits_used_up:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ToolTipRole and key == "visits":
            return self.tr("Service calls of kind B on its products during the contract, of the visits its fee includes "
                           "(— : as many as needed)")
        return None


def _qt_text_order(value: float | str) -> float | bytes:
    """A sort value ordered as Qt orders it: text by UTF-16 code units, numbers as numbers."""
    return value.encode("utf-16-be") if isinstance(value, str) else value


class ContractListProxy(QAbstractTableModel):
    """The list as shown: the rows whose text contains the search (any column, any case),
    sorted by a column (SORT_ROLE; equal values keep the list's order) — what a
    QSortFilterProxyModel over the list does, without asking the list for every row of every
    column through ``data``: sorting by the number needs no row read, the rest sort and search
    plain values in Python."""

    def __init__(self, source: ContractListModel, parent=None) -> None:
        super().__init__(parent)
        self.source = source
        self._column = -1
        self._order = Qt.SortOrder.AscendingOrder
        self._filter = ""
        self._sorted: list[int] | None = None  # the list's row numbers, sorted (all of them)
        self._shown: list[int] = []  # the list's row numbers, as shown
        self._positions: dict[int, int] | None = None  # contract id → shown row
        source.modelReset.connect(self._source_reset)

    def sourceModel(self) -> ContractListModel:  # noqa: N802 - Qt's name
        return self.source

    def _arrange(self, resort: bool) -> list[int]:
        """The shown rows; ``resort``: sorted anew (stable: rows of equal value keep the order
        they had, as in a QSortFilterProxyModel), else as they were sorted, refiltered."""
        if self._sorted is None or len(self._sorted) != len(self.source.ids):
            self._sorted, resort = list(range(len(self.source.ids))), True
        if resort and self._column >= 0:
            key = ContractListModel.KEYS[self._column]
            if key == "contract_no":
                values = [_qt_text_order(n) for n in self.source.numbers]
            else:
                by_id = {r.id: r for r in self.source.rows}
                values = [_qt_text_order(sort_value(by_id[i], key)) if i in by_id else b"" for i in self.source.ids]
            self._sorted.sort(key=values.__getitem__, reverse=self._order == Qt.SortOrder.DescendingOrder)
        if not self._filter:
            return list(self._sorted)
        needle = self._filter.lower()
        haystacks = self.source.haystacks()
        return [n for n in self._sorted if needle in haystacks[n]]

    def _source_reset(self) -> None:
        self.beginResetModel()
        self._sorted = None  # the list's order, then sorted
        self._shown = self._arrange(True)
        self._positions = None
        self.endResetModel()

    def _rearrange(self, resort: bool) -> None:
        """Sorted or filtered anew: the rows move, a selected row stays selected if shown."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self.source.ids[self._shown[i.row()]] for i in old]
        self._shown = self._arrange(resort)
        self._positions = None
        new = [self.index(self.row_of(i), o.column()) if self.row_of(i) is not None else QModelIndex()
               for i, o in zip(ids, old)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column, self._order = column, order
        self._rearrange(True)

    def setFilterFixedString(self, text: str) -> None:  # noqa: N802 - QSortFilterProxyModel's name
        self._filter = text
        self._rearrange(False)

    def shown_ids(self) -> list[int]:
        """The contracts shown, in the order shown."""
        return [self.source.ids[n] for n in self._shown]

    def row_of(self, contract_id: int | None) -> int | None:
        """The shown row of the contract (None: not shown)."""
        if self._positions is None:
            self._positions = {self.source.ids[n]: row for row, n in enumerate(self._shown)}
        return self._positions.get(contract_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return self.source.columnCount(parent)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        return self.source.headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        number = self._shown[index.row()]
        if role != ROW_ID_ROLE and self.source.ids[number] not in self.source._loaded:
            start = index.row() - index.row() % ContractListModel.WINDOW  # the shown rows around it, in one go
            self.source.fetch([self.source.ids[n] for n in self._shown[start:start + ContractListModel.WINDOW]])
        return self.source.data(self.source.index(number, index.column()), role)


class ContractsDialog(QDialog):
    """The list of maintenance contracts with a search box; New…/Edit… open ContractDialog."""

    def __init__(self, database: Database, parent: QWidget | None = None, today: date | None = None,
                 user: object | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.user = user
        self.today = today or clock.today()
        self.setWindowTitle(self.tr("Maintenance contracts"))
        self.resize(980, 520)
        self.model = ContractListModel(self)
        self.proxy = ContractListProxy(self.model, self)
        self.search = QLineEdit()
        self.search.setObjectName("contract_search")
        self.search.setPlaceholderText(self.tr("Search by contract number, customer or product"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.search.textChanged.connect(lambda _t: self._count())
        self.view = QTableView()
        self.view.setObjectName("contracts")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 120), (1, 200), (3, 95), (4, 95), (5, 95), (6, 70), (7, 120)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.count_label = QLabel()
        self.count_label.setObjectName("contract_count")
        new = QPushButton(self.tr("New contract…"))
        new.setObjectName("new_contract")
        new.clicked.connect(self.new_contract)
        edit = QPushButton(self.tr("Edit…"))
        edit.setObjectName("edit_contract")
        edit.clicked.connect(self.edit_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        from ..list_output import output_buttons

        outputs, self.print_button, self.export_button = output_buttons(
            self, database, lambda: self.user, self.list_source)
        renewals, self.print_renewals_button, self.export_renewals_button = output_buttons(
            self, database, lambda: self.user, self.renewals_source)
        self.print_renewals_button.setText(self.tr("Print renewals &due…"))
        self.export_renewals_button.setText(self.tr("Export renewals d&ue…"))
        self.print_renewals_button.setObjectName("print_renewals")
        self.export_renewals_button.setObjectName("export_renewals")
        self.print_renewals_button.setToolTip(self.tr(
            "The contracts ending within a month, whose renewal notice is due (S15)"))
        bottom = QHBoxLayout()
        bottom.addWidget(new)
        bottom.addWidget(edit)
        bottom.addStretch(1)
        bottom.addLayout(outputs)
        bottom.addLayout(renewals)
        bottom.addWidget(close)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.view, 1)
        box.addLayout(bottom)
        self.refresh()

    def refresh(self) -> None:
        self.model.load(self.database, self.today)
        self._count()

    def list_source(self):
        """The contracts as shown — searched and sorted — for paper and Excel."""
        from ...services import lists
        from ..list_output import ListSource

        ids, today, search = self.proxy.shown_ids(), self.today, self.search.text()
        return ListSource("contract_list", lambda session: lists.contract_list(session, today, ids, search, translate),
                          {"search": search})

    def renewals_source(self):
        from ...services import lists
        from ..list_output import ListSource

        today = self.today
        return ListSource("renewals_due", lambda session: lists.renewals_due(session, today, translate))

    def _count(self) -> None:
        ending = self.model.ending
        self.count_label.setText(
            self.tr("%1 of %2 contracts; %3 end within a month").replace("%1", str(self.proxy.rowCount()))
            .replace("%2", str(self.model.rowCount())).replace("%3", str(ending))
        )

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ROW_ID_ROLE) if rows else None

    def select_contract(self, contract_id: int | None) -> None:
        row = self.proxy.row_of(contract_id)
        if row is not None:
            self.view.selectRow(row)

    def open_contract(self, contract_id: int | None) -> int | None:
        dialog = ContractDialog(self.database, contract_id, self, today=self.today)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self.refresh()
        self.select_contract(dialog.saved_id)
        return dialog.saved_id

    def new_contract(self) -> int | None:
        return self.open_contract(None)

    def edit_selected(self) -> int | None:
        contract_id = self.selected_id()
        return self.open_contract(contract_id) if contract_id is not None else None


class ContractDialog(RecordDialog):
    """One contract: the customer (found while typing), which of their products it covers,
    from when to when, the fee and remarks."""

    register_name = "maintenance_contract"
    record_model = MaintenanceContract

    def __init__(self, database: Database, contract_id: int | None = None, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(database, parent)
        self.contract_id = contract_id
        self.customer_id: int | None = None
        today = today or clock.today()
        self.today = today
        self.setWindowTitle(self.tr("New maintenance contract") if contract_id is None else self.tr("Maintenance contract"))
        self.setMinimumWidth(680)
        customer = QWidget()
        line = QVBoxLayout(customer)
        line.setContentsMargins(0, 0, 0, 0)
        self.finder: CustomerFinder | None = None
        if contract_id is None:
            self.finder = CustomerFinder(database)
            self.finder.create_button.hide()
            self.finder.chosen.connect(self.set_customer)
            self.finder.product_chosen.connect(self.check_product)
            line.addWidget(self.finder)
        self.customer_label = QLabel(self.tr("No customer chosen yet"))
        self.customer_label.setObjectName("customer_label")
        # no word wrap: a wrapped label in a form row gets clipped (see dialogs/process.py)
        line.addWidget(self.customer_label)
        self.add_field("customer_id", self.tr("Customer"), customer, required=True)
        self.products = QListWidget()
        self.products.setMinimumHeight(90)
        self.products.setMaximumHeight(130)
        self.add_field("products", self.tr("Products covered"), self.products, required=True)
        self.start = QDateEdit(to_qdate(today))
        self.end = QDateEdit(to_qdate(today).addYears(1).addDays(-1))
        for edit in (self.start, self.end):
            edit.setDisplayFormat(DATE_FORMAT)
            edit.setCalendarPopup(True)
        self._end_follows = contract_id is None  # a new contract runs a year until the end is set
        self.start.dateChanged.connect(self._start_changed)
        self.end.dateChanged.connect(self._end_changed)
        self.add_field("start_date", self.tr("Starts"), self.start, required=True)
        self.add_field("end_date", self.tr("Ends"), self.end, required=True)
        self.add_field("fee", self.tr("Fee (yuan)"), QLineEdit(), required=True)
        visits = QLineEdit()
        visits.setMaxLength(3)
        visits.setPlaceholderText(self.tr("as many as needed"))
        visits.setToolTip(self.tr("The service visits the fee includes; a call beyond them is proposed as paid (A)"))
        self.add_field("visits_included", self.tr("Visits included"), visits)
        keeper = QComboBox()
        keeper.addItem(self.tr("(nobody)"), None)
        with database.read_session() as s:
            for person in staff_service.active_staff(s):
                keeper.addItem(person.name, person.id)
        keeper.setToolTip(self.tr("Who looks after the contract and its renewal; handed over when they leave"))
        self.add_field("staff_id", self.tr("Looked after by"), keeper)
        remarks = QPlainTextEdit()
        remarks.setMaximumHeight(60)
        self.add_field("remarks", self.tr("Remarks"), remarks)
        self.finish_layout()
        if contract_id is not None:
            self._load(contract_id)

    # -- the dates ------------------------------------------------------------------------
    def _start_changed(self, day: QDate) -> None:
        if self._end_follows:
            self.end.blockSignals(True)
            self.end.setDate(day.addYears(1).addDays(-1))
            self.end.blockSignals(False)

    def _end_changed(self, _day: QDate) -> None:
        self._end_follows = False

    # -- the customer and their products --------------------------------------------------
    def set_customer(self, customer_id: int, checked: set[int] | None = None) -> None:
        self.customer_id = customer_id
        self.products.clear()
        with self.database.read_session() as s:
            customer = s.get(Customer, customer_id)
            if customer is None:
                return
            self.customer_label.setText(
                " · ".join(x for x in (customer.name, customer.phone or "", customer.address or "") if x)
            )
            for product in customer.products:
                text = self.product_text(product)
                other = contract_service.active_contract_for(s, product.id, self.today)
                if other is not None and other.id != self.contract_id:
                    text += self.tr(" (contract %1 until %2)").replace("%1", other.contract_no).replace(
                        "%2", other.end_date.isoformat())
                item = QListWidgetItem(text)
                item.setToolTip(text)
                item.setData(PRODUCT_ROLE, product.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                on = product.id in checked if checked is not None else len(customer.products) == 1
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                self.products.addItem(item)
            if not customer.products:
                item = QListWidgetItem(self.tr("This customer has no products on file: add them in the customer archive."))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.products.addItem(item)

    def product_text(self, product: CustomerProduct) -> str:
        parts = [product.model]
        if product.serial_no:
            parts.append(self.tr("serial no. %1").replace("%1", product.serial_no))
        if product.warranty_end:
            parts.append(self.tr("warranty until %1").replace("%1", product.warranty_end.isoformat()))
        return " · ".join(parts)

    def check_product(self, product_id: int) -> None:
        for item in self.product_items():
            if item.data(PRODUCT_ROLE) == product_id:
                item.setCheckState(Qt.CheckState.Checked)

    def product_items(self) -> list[QListWidgetItem]:
        items = [self.products.item(row) for row in range(self.products.count())]
        return [i for i in items if i.data(PRODUCT_ROLE) is not None]

    def checked_products(self) -> list[int]:
        return [i.data(PRODUCT_ROLE) for i in self.product_items() if i.checkState() == Qt.CheckState.Checked]

    def _load(self, contract_id: int) -> None:
        with self.database.read_session() as s:
            contract = s.get(MaintenanceContract, contract_id)
            if contract is None:
                raise LookupError(contract_id)
            self.setWindowTitle(self.tr("Maintenance contract %1").replace("%1", contract.contract_no))
            covered = {p.id for p in contract.products}
            customer_id = contract.customer_id
            values = (contract.start_date, contract.end_date, f"{contract.fee:.2f}", contract.remarks or "")
            keeper = contract.staff
            visits = contract.visits_included
            used = contract_service.visits_used(s, [contract_id]).get(contract_id, 0)
        self.set_customer(customer_id, covered)
        box = self.fields["staff_id"]
        if keeper is not None and box.findData(keeper.id) < 0:  # has left since: shown, not offered to others
            box.addItem(keeper.name, keeper.id)
        box.setCurrentIndex(max(box.findData(keeper.id if keeper else None), 0))
        start, end, fee, remarks = values
        self.start.setDate(to_qdate(start))
        self.end.setDate(to_qdate(end))
        self.fields["fee"].setText(fee)
        self.fields["visits_included"].setText("" if visits is None else str(visits))
        self.fields["visits_included"].setToolTip(
            self.tr("Visits used so far: %1").replace("%1", str(used)) + "\n" + self.fields["visits_included"].toolTip())
        self.fields["remarks"].setPlainText(remarks)
        with self.database.read_session() as s:
            self.show_length_notices(s, contract_id)

    # -- saving ---------------------------------------------------------------------------
    def save(self, session: Session) -> int:
        common = dict(
            product_ids=self.checked_products(),
            start_date=from_qdate(self.start.date()),
            end_date=from_qdate(self.end.date()),
            fee=self.value("fee"),
            remarks=self.value("remarks"),
            staff_id=self.value("staff_id"),
            visits_included=self.value("visits_included"),
        )
        if self.contract_id is None:
            contract = contract_service.create_contract(session, customer_id=self.customer_id, **common)
        else:
            contract = contract_service.update_contract(session, self.contract_id, **common)
        return contract.id


def manage_contracts(parent: QWidget | None, database: Database, user: object | None = None) -> None:
    """The list of maintenance contracts, as a modal dialog."""
    ContractsDialog(database, parent, user=user).exec()
