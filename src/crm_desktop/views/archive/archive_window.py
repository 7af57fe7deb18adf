"""One customer's archive (客户档案) in tabs: 档案, 产品, 联系人, 负责人员, 历史, 大事记,
年度业绩, 往来记录. It opens only through ``services.archive.open_archive`` (the hook where
the permission check and the audit line belong, I7). Every save goes through a service in
one transaction; a refusal is shown and nothing is kept (X2). The services check who may
change the archive; the window only greys out, with the reason, what they would refuse."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QCursor, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...db import Database
from ...errors import UserError
from ...models import Customer, CustomerEvent, Staff
from ...services import archive as archive_service
from ...services import customers as customer_service
from ...services import labels
from ...services import staff as staff_service
from ...services.auth import LoggedIn
from ...services.validation import column_length
from ..delegates import to_qdate
from ..dialogs.form import OptionalDateEdit, RecordDialog
from ..i18n import translate
from ..text_limits import limit_text
from .edit_dialogs import ContactDialog, ContactLeftDialog, CorrespondenceDialog, YearlyRecordDialog

log = logging.getLogger(__name__)

ROW_ID = Qt.ItemDataRole.UserRole
LEFT_COLOUR = QColor("#8a8a8a")  # I11: who left stays listed, greyed


def _table(headers: list[str], name: str, stretch: tuple[int, ...] = ()) -> QTableWidget:
    """A read-only list; the ``stretch`` columns (else the last) share the width left over."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    header = table.horizontalHeader()
    header.setMinimumSectionSize(48)
    header.setStretchLastSection(not stretch)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    return table


def _fill(table: QTableWidget, rows: list[list[object]], ids: list[int] | None = None,
          right_aligned: tuple[int, ...] = ()) -> None:
    table.setRowCount(0)
    for r, values in enumerate(rows):
        table.insertRow(r)
        for c, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            if ids is not None and c == 0:
                item.setData(ROW_ID, ids[r])
            if c in right_aligned:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


def _money(value: object) -> str | None:
    return None if value is None else f"{value:,.2f}"


def _label(choices, code) -> str:
    msg = choices.get(str(code)) if code is not None else None
    return msg.tr(translate) if msg is not None else ("" if code is None else str(code))


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class CustomerArchiveWindow(QDialog):
    def __init__(self, database: Database, customer_id: int, parent: QWidget | None = None, *,
                 user: LoggedIn | None = None, current_user_id: int | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.customer_id = customer_id
        self.user = user
        self.current_user_id = user.staff_id if user is not None else current_user_id
        self.data_dir = database.config.data_dir if database.config is not None else None
        with archive_service.archive_edit(database) as s:  # the opening's audit line, or the refusal's
            customer = archive_service.open_archive(s, customer_id, user)
            self.setWindowTitle(self.tr("Customer archive: %1").replace("%1", customer.name))
        # why this user may not change the archive (None: they may); the services refuse anyway
        self.edit_refusal = archive_service.edit_refusal(user)
        self.edit_buttons: list[QPushButton] = []
        self._attachment_of_row: list[list[int]] = []
        self._attachment_names: list[list[str]] = []
        self._yearly_files: list[list[int]] = []
        self.resize(960, 620)
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
                               self.tr("By")], "history", stretch=(2, 3))
        self.tabs.addTab(self.history, self.tr("History"))
        self._build_dealings_tab()
        self._build_events_tab()
        self._build_yearly_tab()
        self._build_correspondence_tab()
        self.reload()

    # -- buttons -------------------------------------------------------------------------
    def _button(self, text: str, name: str, slot: Callable[[], None], *, edits: bool = True) -> QPushButton:
        """A button; one that changes the archive is greyed out, with the reason as its
        tooltip, for a user the services would refuse (I7)."""
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        if edits:
            self.edit_buttons.append(button)
            if self.edit_refusal is not None:
                button.setEnabled(False)
                button.setToolTip(self.edit_refusal.render(translate))
        return button

    def _selected_id(self, table: QTableWidget) -> int | None:
        row = table.currentRow()
        if row < 0 or table.item(row, 0) is None:
            self.message.setText(self.tr("Choose a line in the list first."))
            return None
        return table.item(row, 0).data(ROW_ID)

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
        # the front desk's fields are open to everyone: the dialog locks the archive-only ones
        edit = self._button(self.tr("Edit…"), "edit_customer", self._edit_customer, edits=False)
        self.archive_form.addRow("", edit)
        self.tabs.addTab(page, self.tr("Archive"))

    def _build_contacts_tab(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        self.contacts = _table([self.tr("Name"), self.tr("Position"), self.tr("Phone"), self.tr("E-mail"),
                                self.tr("Left on"), self.tr("Remarks")], "contacts", stretch=(5,))
        self.contacts.doubleClicked.connect(lambda _index: self._edit_contact())
        box.addWidget(self.contacts)
        box.addLayout(_buttons(
            self._button(self.tr("Add contact…"), "add_contact", self._add_contact),
            self._button(self.tr("Edit contact…"), "edit_contact", self._edit_contact),
            self._button(self.tr("Contact left…"), "contact_left", self._contact_left),
        ))
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
        with self.database.read_session() as s:
            for person in staff_service.active_staff(s):
                self.staff_choice.addItem(person.name, person.id)
        row.addWidget(self.staff_choice, 1)
        row.addWidget(self._button(self.tr("Make responsible"), "assign_staff", self._assign_staff))
        row.addWidget(self._button(self.tr("End responsibility"), "end_staff", self._end_staff))
        box.addLayout(row)
        self.tabs.addTab(page, self.tr("Responsible staff"))

    def _build_dealings_tab(self) -> None:
        """I4: every call, goods entry, repair card and contract of the customer, newest
        first; Enter or a double-click opens the record."""
        page = QWidget()
        box = QVBoxLayout(page)
        self.dealings = _table([self.tr("Date"), self.tr("Kind"), self.tr("Number"), self.tr("What"), self.tr("Status")],
                               "dealings", stretch=(3,))
        self.dealings.activated.connect(lambda index: self.open_dealing(index.row()))
        self.dealings.doubleClicked.connect(lambda index: self.open_dealing(index.row()))
        self.dealings_count = QLabel()
        self.dealings_count.setObjectName("dealings_count")
        box.addWidget(self.dealings, 1)
        box.addWidget(self.dealings_count)
        self.tabs.addTab(page, self.tr("Dealings"))

    def _fill_dealings(self) -> None:
        from ...services.dealings import dealings

        with self.database.read_session() as s:
            self._dealings = dealings(s, self.customer_id, translate)
        _fill(self.dealings, [[f"{d.at:%Y-%m-%d}", d.kind_text(translate), d.number, d.what, d.status]
                              for d in self._dealings])
        self.dealings.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.dealings_count.setText(self.tr("%1 dealings").replace("%1", str(len(self._dealings))))

    def open_dealing(self, row: int):
        """The record of the dealing in ``row``, in its own dialog (a contract in the contract
        dialog); the list is read again when it closes, for a change made there."""
        if not 0 <= row < len(getattr(self, "_dealings", [])):
            return None
        dealing = self._dealings[row]
        if dealing.kind == "contract":
            from ..dialogs.contracts_dialog import ContractDialog
            from ..dialogs.form import run_dialog

            result = run_dialog(ContractDialog(self.database, dealing.record_id, self), None)
        else:
            from .. import dialogs

            result = dialogs.open_record(self, self.database, dealing.kind, dealing.record_id, lambda *_a: None,
                                         current_user_id=self.current_user_id)
        self._fill_dealings()
        return result

    def _build_events_tab(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        self.events = _table([self.tr("Date"), self.tr("Kind"), self.tr("Description")], "events", stretch=(2,))
        box.addWidget(self.events)
        row = QHBoxLayout()
        self.event_kind = QComboBox()
        self.event_kind.setObjectName("event_kind")
        for code, msg in archive_service.EVENT_KIND.items():
            self.event_kind.addItem(msg.tr(translate), code)
        self.event_date = OptionalDateEdit()
        self.event_date.setObjectName("event_date")
        self.event_date.setDate(to_qdate(clock.today()))
        self.event_text = QLineEdit()
        self.event_text.setObjectName("event_text")
        limit_text(self.event_text, column_length(CustomerEvent, "description"))
        self.event_text.setPlaceholderText(self.tr("What changed"))
        add = self._button(self.tr("Add event"), "add_event", self._add_event)
        for w in (self.event_kind, self.event_date):
            row.addWidget(w)
        row.addWidget(self.event_text, 1)
        row.addWidget(add)
        box.addLayout(row)
        self.tabs.addTab(page, self.tr("Major events"))

    def _build_yearly_tab(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        self.yearly = _table([self.tr("Year"), self.tr("Sales"), self.tr("Receivables"), self.tr("Remarks"),
                              self.tr("File")], "yearly", stretch=(3,))
        self.yearly.doubleClicked.connect(lambda _index: self._edit_yearly())
        box.addWidget(self.yearly)
        box.addLayout(_buttons(
            self._button(self.tr("Add yearly record…"), "add_yearly", self._add_yearly),
            self._button(self.tr("Edit yearly record…"), "edit_yearly", self._edit_yearly),
            self._button(self.tr("Open file"), "open_yearly_file", self._open_yearly_file, edits=False),
        ))
        self.tabs.addTab(page, self.tr("Yearly records"))

    def _build_correspondence_tab(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        self.correspondence = _table([self.tr("When"), self.tr("Kind"), self.tr("Direction"), self.tr("Staff"),
                                      self.tr("Summary"), self.tr("Files")], "correspondence", stretch=(4,))
        box.addWidget(self.correspondence)
        box.addLayout(_buttons(
            self._button(self.tr("Log a contact…"), "log_correspondence", self._log_correspondence),
            self._button(self.tr("Open attachment"), "open_attachment", self._open_attachment, edits=False),
        ))
        self.tabs.addTab(page, self.tr("Correspondence"))

    # -- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        with self.database.read_session() as s:
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
            self._fill_contacts(archive_service.contacts(s, customer.id))
            lines = archive_service.responsible_staff(s, customer.id)
            _fill(self.staff_table, [[names.get(x.staff_id), x.since, x.until, x.remarks] for x in lines],
                  [x.id for x in lines])
            warning = archive_service.staffing_warning(s, customer.id)
            self.staffing.setText(warning.render(translate) if warning else "")
            self.staffing.setVisible(warning is not None)
            field_labels = {**archive_service.FIELD_LABELS, **archive_service.HISTORY_LABELS}
            _fill(self.history, [
                [h.changed_at.strftime("%Y-%m-%d %H:%M"),
                 _label(field_labels, h.field) + (self.tr(" (undo)") if h.undoes_id is not None else ""),
                 h.old_value, h.new_value, names.get(h.changed_by_id)]
                for h in archive_service.history(s, customer.id)
            ])
            _fill(self.events, [[e.happened_on, _label(archive_service.EVENT_KIND, e.kind), e.description]
                                for e in archive_service.events(s, customer.id)])
            records = archive_service.yearly_records(s, customer.id)
            self._yearly_files = []
            rows = []
            for r in records:
                files = archive_service.attachments(s, yearly_record_id=r.id)
                self._yearly_files.append([a.id for a in files])
                rows.append([r.year, _money(r.sales), _money(r.receivables), r.remarks,
                             "、".join(a.original_name for a in files)])
            _fill(self.yearly, rows, [r.id for r in records], right_aligned=(1, 2))
            entries = archive_service.correspondence(
                s, customer.id, include_confidential=archive_service.may_see_confidential(self.user), user=self.user)
            self._attachment_of_row = []
            self._attachment_names = []
            rows = []
            for e in entries:
                files = archive_service.attachments(s, correspondence_id=e.id)
                self._attachment_of_row.append([a.id for a in files])
                self._attachment_names.append([a.original_name for a in files])
                rows.append([e.happened_at.strftime("%Y-%m-%d %H:%M"),
                             _label(archive_service.CORRESPONDENCE_KIND, e.kind),
                             _label(archive_service.DIRECTION, e.direction), names.get(e.staff_id), e.summary,
                             "、".join(a.original_name for a in files)])
            _fill(self.correspondence, rows, [e.id for e in entries])
        self._fill_dealings()

    def _fill_contacts(self, contacts) -> None:
        _fill(self.contacts, [[c.name, c.position, c.phone, c.email, c.left_on, c.remarks] for c in contacts],
              [c.id for c in contacts])
        for row, contact in enumerate(contacts):
            if contact.left_on is None:
                continue
            note = self.tr("Left the customer on %1").replace("%1", contact.left_on.isoformat())
            for column in range(self.contacts.columnCount()):
                item = self.contacts.item(row, column)
                item.setForeground(LEFT_COLOUR)
                item.setToolTip(note)

    # -- actions -------------------------------------------------------------------------
    def _run(self, action) -> bool:
        self.message.clear()
        try:
            with archive_service.archive_edit(self.database) as s:
                action(s)
        except UserError as exc:
            self.message.setText(exc.render(translate))
            return False
        self.reload()
        return True

    def _dialog(self, dialog: RecordDialog) -> bool:
        """Run one of the archive's forms; the window shows what it saved."""
        self.message.clear()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            return True
        return False

    def _edit_customer(self) -> None:
        from ..dialogs.customer_dialog import CustomerDialog

        self._dialog(CustomerDialog(self.database, customer_id=self.customer_id, parent=self,
                                    current_user_id=self.current_user_id))

    def contact_dialog(self, contact_id: int | None = None) -> ContactDialog:
        return ContactDialog(self.database, self.user, self.customer_id, contact_id, parent=self)

    def _add_contact(self) -> None:
        self._dialog(self.contact_dialog())

    def _edit_contact(self) -> None:
        contact_id = self._selected_id(self.contacts)
        if contact_id is not None and self.edit_refusal is None:
            self._dialog(self.contact_dialog(contact_id))

    def _contact_left(self) -> None:
        contact_id = self._selected_id(self.contacts)
        if contact_id is not None:
            self._dialog(ContactLeftDialog(self.database, self.user, self.customer_id, contact_id, parent=self))

    def _assign_staff(self) -> None:
        self._run(lambda s: archive_service.assign_staff(s, self.user, self.customer_id,
                                                         self.staff_choice.currentData()))

    def _end_staff(self) -> None:
        line_id = self._selected_id(self.staff_table)
        if line_id is not None:
            self._run(lambda s: archive_service.end_responsibility(s, self.user, line_id))

    def _add_event(self) -> None:
        if self._run(lambda s: archive_service.add_event(
                s, self.user, self.customer_id, kind=self.event_kind.currentData(),
                happened_on=self.event_date.value(), description=self.event_text.text())):
            self.event_text.clear()

    def yearly_dialog(self, record_id: int | None = None) -> YearlyRecordDialog:
        return YearlyRecordDialog(self.database, self.user, self.customer_id, record_id, self.data_dir, parent=self)

    def _add_yearly(self) -> None:
        self._dialog(self.yearly_dialog())

    def _edit_yearly(self) -> None:
        record_id = self._selected_id(self.yearly)
        if record_id is not None and self.edit_refusal is None:
            self._dialog(self.yearly_dialog(record_id))

    def correspondence_dialog(self) -> CorrespondenceDialog:
        return CorrespondenceDialog(self.database, self.user, self.customer_id, self.data_dir, parent=self)

    def _log_correspondence(self) -> None:
        self._dialog(self.correspondence_dialog())

    # -- attachments ---------------------------------------------------------------------
    def _checked_file(self, attachment_id: int) -> Path | None:
        if self.data_dir is None:
            return None
        try:
            with self.database.read_session() as s:
                return archive_service.attachment_file(s, self.data_dir, attachment_id, self.user)
        except UserError as exc:
            self.message.setText(exc.render(translate))
            return None

    def attachment_path(self, index: int = 0) -> Path | None:
        """The checked stored copy of the selected entry's attachment ``index``."""
        row = self.correspondence.currentRow()
        if row < 0 or index >= len(self._attachment_of_row[row]):
            return None
        return self._checked_file(self._attachment_of_row[row][index])

    def yearly_file_path(self) -> Path | None:
        row = self.yearly.currentRow()
        if row < 0 or not self._yearly_files[row]:
            return None
        return self._checked_file(self._yearly_files[row][-1])  # the latest filed

    def _open_attachment(self) -> None:
        self.message.clear()
        row = self.correspondence.currentRow()
        if row < 0:
            self.message.setText(self.tr("Choose a line in the list first."))
            return
        index = 0
        names = self._attachment_names[row]
        if len(names) > 1:
            menu = QMenu(self)
            for i, name in enumerate(names):
                menu.addAction(name).setData(i)
            chosen = menu.exec(QCursor.pos())
            if chosen is None:
                return
            index = chosen.data()
        self._show(self.attachment_path(index))

    def _open_yearly_file(self) -> None:
        self.message.clear()
        self._show(self.yearly_file_path())

    @staticmethod
    def _show(path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))  # the system viewer


def open_archive_window(parent: QWidget | None, database: Database, customer_id: int, *,
                        user: LoggedIn | None = None,
                        current_user_id: int | None = None) -> CustomerArchiveWindow | None:
    """Open the archive window; a refusal (no such customer, no permission) is shown."""
    try:
        window = CustomerArchiveWindow(database, customer_id, parent, user=user, current_user_id=current_user_id)
    except UserError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, QDialog.tr("Customer archive"), exc.render(translate))
        return None
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # shown and forgotten: closed is gone
    window.show()
    return window
