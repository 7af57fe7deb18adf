"""One customer's archive (客户档案) in tabs: 档案, 产品, 联系人, 负责人员, 历史, 大事记,
年度业绩, 往来记录. It opens only through ``services.archive.open_archive`` (the hook where
the permission check and the audit line belong, I7). Every save goes through a service in
one transaction; a refusal is shown and nothing is kept (X2)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...db import Database
from ...errors import UserError
from ...models import Customer, Staff
from ...services import archive as archive_service, customers as customer_service, labels
from ...services import staff as staff_service
from ..dialogs.form import OptionalDateEdit
from ..table_model import translate

log = logging.getLogger(__name__)


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setStretchLastSection(True)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    return table


def _fill(table: QTableWidget, rows: list[list[object]], ids: list[int] | None = None) -> None:
    table.setRowCount(0)
    for r, values in enumerate(rows):
        table.insertRow(r)
        for c, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            if ids is not None and c == 0:
                item.setData(0x0100, ids[r])  # Qt.UserRole
            table.setItem(r, c, item)


def _label(choices, code) -> str:
    msg = choices.get(str(code)) if code is not None else None
    return msg.tr(translate) if msg is not None else ("" if code is None else str(code))


class CustomerArchiveWindow(QDialog):
    def __init__(self, database: Database, customer_id: int, parent: QWidget | None = None, *,
                 user: object | None = None, current_user_id: int | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.customer_id = customer_id
        self.user = user
        self.current_user_id = current_user_id
        self.data_dir = database.config.data_dir if database.config is not None else None
        with database.Session.begin() as s:  # the hook may write the audit line
            customer = archive_service.open_archive(s, customer_id, user)
            self.setWindowTitle(self.tr("Customer archive: %1").replace("%1", customer.name))
        self.resize(900, 600)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs)
        self._build_archive_tab()
        self.products = _table([self.tr("Model"), self.tr("Serial no."), self.tr("Purchased"), self.tr("Warranty end")],
                               "products")
        self.tabs.addTab(self.products, self.tr("Products"))
        self._build_contacts_tab()
        self._build_staff_tab()
        self.history = _table([self.tr("When"), self.tr("Field"), self.tr("Old value"), self.tr("New value"),
                               self.tr("By")], "history")
        self.tabs.addTab(self.history, self.tr("History"))
        self._build_events_tab()
        self.yearly = _table([self.tr("Year"), self.tr("Sales"), self.tr("Receivables"), self.tr("Remarks"),
                              self.tr("File")], "yearly")
        self.tabs.addTab(self.yearly, self.tr("Yearly records"))
        self._build_correspondence_tab()
        self.reload()

    # -- tabs ----------------------------------------------------------------------------
    def _build_archive_tab(self) -> None:
        page = QWidget()
        self.archive_form = QFormLayout(page)
        self.archive_values: dict[str, QLabel] = {}
        for key, msg in archive_service.FIELD_LABELS.items():
            value = QLabel()
            value.setObjectName(f"value_{key}")
            value.setWordWrap(True)
            self.archive_values[key] = value
            self.archive_form.addRow(msg.tr(translate), value)
        edit = QPushButton(self.tr("Edit…"))
        edit.setObjectName("edit_customer")
        edit.clicked.connect(self._edit_customer)
        self.archive_form.addRow("", edit)
        self.tabs.addTab(page, self.tr("Archive"))

    def _build_contacts_tab(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        self.contacts = _table([self.tr("Name"), self.tr("Position"), self.tr("Phone"), self.tr("E-mail"),
                                self.tr("Left on")], "contacts")
        box.addWidget(self.contacts)
        row = QHBoxLayout()
        self.contact_name, self.contact_position, self.contact_phone = QLineEdit(), QLineEdit(), QLineEdit()
        for w, hint, name in ((self.contact_name, self.tr("Name"), "contact_name"),
                              (self.contact_position, self.tr("Position"), "contact_position"),
                              (self.contact_phone, self.tr("Phone"), "contact_phone")):
            w.setPlaceholderText(hint)
            w.setObjectName(name)
            row.addWidget(w)
        add = QPushButton(self.tr("Add contact"))
        add.setObjectName("add_contact")
        add.clicked.connect(self._add_contact)
        row.addWidget(add)
        box.addLayout(row)
        self.tabs.addTab(page, self.tr("Contacts"))

    def _build_staff_tab(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        self.staffing = QLabel()
        self.staffing.setObjectName("staffing_warning")
        self.staffing.setWordWrap(True)
        self.staffing.setStyleSheet("color: #b00020")
        box.addWidget(self.staffing)
        self.staff_table = _table([self.tr("Staff"), self.tr("Since"), self.tr("Until"), self.tr("Remarks")], "staff")
        box.addWidget(self.staff_table)
        row = QHBoxLayout()
        self.staff_choice = QComboBox()
        self.staff_choice.setObjectName("staff_choice")
        with self.database.Session() as s:
            for person in staff_service.active_staff(s):
                self.staff_choice.addItem(person.name, person.id)
        row.addWidget(self.staff_choice, 1)
        assign = QPushButton(self.tr("Make responsible"))
        assign.setObjectName("assign_staff")
        assign.clicked.connect(self._assign_staff)
        row.addWidget(assign)
        end = QPushButton(self.tr("End responsibility"))
        end.setObjectName("end_staff")
        end.clicked.connect(self._end_staff)
        row.addWidget(end)
        box.addLayout(row)
        self.tabs.addTab(page, self.tr("Responsible staff"))

    def _build_events_tab(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        self.events = _table([self.tr("Date"), self.tr("Kind"), self.tr("Description")], "events")
        box.addWidget(self.events)
        row = QHBoxLayout()
        self.event_kind = QComboBox()
        self.event_kind.setObjectName("event_kind")
        for code, msg in archive_service.EVENT_KIND.items():
            self.event_kind.addItem(msg.tr(translate), code)
        self.event_date = OptionalDateEdit()
        self.event_date.setObjectName("event_date")
        self.event_date.setDate(QDate.currentDate())
        self.event_text = QLineEdit()
        self.event_text.setObjectName("event_text")
        self.event_text.setPlaceholderText(self.tr("What changed"))
        add = QPushButton(self.tr("Add event"))
        add.setObjectName("add_event")
        add.clicked.connect(self._add_event)
        for w in (self.event_kind, self.event_date, self.event_text, add):
            row.addWidget(w)
        box.addLayout(row)
        self.tabs.addTab(page, self.tr("Major events"))

    def _build_correspondence_tab(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        self.correspondence = _table([self.tr("When"), self.tr("Kind"), self.tr("Direction"), self.tr("Staff"),
                                      self.tr("Summary"), self.tr("Files")], "correspondence")
        box.addWidget(self.correspondence)
        open_button = QPushButton(self.tr("Open attachment"))
        open_button.setObjectName("open_attachment")
        open_button.clicked.connect(self._open_attachment)
        box.addWidget(open_button)
        self.tabs.addTab(page, self.tr("Correspondence"))

    # -- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        with self.database.Session() as s:
            customer = s.get(Customer, self.customer_id)  # opened (and logged) once, in __init__
            names = dict(s.query(Staff.id, Staff.name).all())
            for key, value_label in self.archive_values.items():
                if key == "responsible_staff":
                    value = "、".join(names.get(x.staff_id, "") for x in archive_service.responsible_staff(s, customer.id))
                elif key == "category":
                    value = _label(labels.CUSTOMER_CATEGORY, customer.category)
                elif key == "district":
                    value = _label(labels.DISTRICT, customer.district)
                elif key == "status":
                    value = _label(archive_service.CUSTOMER_STATUS, customer.status)
                elif key == "vip_level":
                    value = _label(archive_service.VIP_LEVEL, customer.vip_level)
                elif key == "importance":
                    value = _label(archive_service.IMPORTANCE, customer.importance)
                else:
                    raw = getattr(customer, key)
                    value = customer_service.history_text(raw) or ""
                value_label.setText(value)
            _fill(self.products, [[p.model, p.serial_no, p.purchase_date, p.warranty_end] for p in customer.products])
            contacts = archive_service.contacts(s, customer.id)
            _fill(self.contacts, [[c.name, c.position, c.phone, c.email, c.left_on] for c in contacts])
            lines = archive_service.responsible_staff(s, customer.id)
            _fill(self.staff_table, [[names.get(x.staff_id), x.since, x.until, x.remarks] for x in lines],
                  [x.id for x in lines])
            warning = archive_service.staffing_warning(s, customer.id)
            self.staffing.setText(warning.render(translate) if warning else "")
            self.staffing.setVisible(warning is not None)
            _fill(self.history, [
                [h.changed_at.strftime("%Y-%m-%d %H:%M"), _label(archive_service.FIELD_LABELS, h.field),
                 h.old_value, h.new_value, names.get(h.changed_by_id)]
                for h in archive_service.history(s, customer.id)
            ])
            _fill(self.events, [[e.happened_on, _label(archive_service.EVENT_KIND, e.kind), e.description]
                                for e in archive_service.events(s, customer.id)])
            records = archive_service.yearly_records(s, customer.id)
            _fill(self.yearly, [
                [r.year, customer_service.history_text(r.sales), customer_service.history_text(r.receivables),
                 r.remarks, "、".join(a.original_name for a in archive_service.attachments(s, yearly_record_id=r.id))]
                for r in records
            ])
            entries = archive_service.correspondence(
                s, customer.id, include_confidential=archive_service.may_see_confidential(self.user))
            self._attachment_of_row = []
            rows = []
            for e in entries:
                files = archive_service.attachments(s, correspondence_id=e.id)
                self._attachment_of_row.append([a.id for a in files])
                rows.append([e.happened_at.strftime("%Y-%m-%d %H:%M"),
                             _label(archive_service.CORRESPONDENCE_KIND, e.kind),
                             _label(archive_service.DIRECTION, e.direction), names.get(e.staff_id), e.summary,
                             "、".join(a.original_name for a in files)])
            _fill(self.correspondence, rows, [e.id for e in entries])

    # -- actions -------------------------------------------------------------------------
    def _run(self, action) -> bool:
        self.message.clear()
        try:
            with self.database.Session.begin() as s:
                action(s)
        except UserError as exc:
            self.message.setText(exc.render(translate))
            return False
        self.reload()
        return True

    def _edit_customer(self) -> None:
        from ..dialogs.customer_dialog import CustomerDialog

        dialog = CustomerDialog(self.database, customer_id=self.customer_id, parent=self,
                                current_user_id=self.current_user_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def _add_contact(self) -> None:
        if self._run(lambda s: archive_service.add_contact(
                s, self.customer_id, name=self.contact_name.text(), position=self.contact_position.text(),
                phone=self.contact_phone.text())):
            for w in (self.contact_name, self.contact_position, self.contact_phone):
                w.clear()

    def _assign_staff(self) -> None:
        self._run(lambda s: archive_service.assign_staff(s, self.customer_id, self.staff_choice.currentData(),
                                                         by_id=self.current_user_id))

    def _end_staff(self) -> None:
        row = self.staff_table.currentRow()
        if row < 0:
            return
        line_id = self.staff_table.item(row, 0).data(0x0100)
        self._run(lambda s: archive_service.end_responsibility(s, line_id, by_id=self.current_user_id))

    def _add_event(self) -> None:
        if self._run(lambda s: archive_service.add_event(
                s, self.customer_id, kind=self.event_kind.currentData(), happened_on=self.event_date.value(),
                description=self.event_text.text(), by_id=self.current_user_id)):
            self.event_text.clear()

    def attachment_path(self) -> Path | None:
        """The checked stored copy of the selected entry's first attachment."""
        row = self.correspondence.currentRow()
        if row < 0 or not self._attachment_of_row[row] or self.data_dir is None:
            return None
        attachment_id = self._attachment_of_row[row][0]
        try:
            with self.database.Session() as s:
                return archive_service.attachment_file(s, self.data_dir, attachment_id)
        except UserError as exc:
            self.message.setText(exc.render(translate))
            return None

    def _open_attachment(self) -> None:
        path = self.attachment_path()
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))  # the system viewer


def open_archive_window(parent: QWidget | None, database: Database, customer_id: int, *, user: object | None = None,
                        current_user_id: int | None = None) -> CustomerArchiveWindow | None:
    """Open the archive window; a refusal (no such customer, later: no permission) is shown."""
    try:
        window = CustomerArchiveWindow(database, customer_id, parent, user=user, current_user_id=current_user_id)
    except UserError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, QDialog.tr("Customer archive"), exc.render(translate))
        return None
    window.show()
    return window
