"""The archive window's small forms (I4, I5, I9, I11): a contact person, a contact who left,
a yearly record, a correspondence entry. Each one saves through the archive service in one
transaction, shows what the service refuses at its field in Chinese and keeps nothing (X2).
The services check the permission; these forms only pass the acting user along."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...db import Database
from ...errors import UserError
from ...models import Correspondence, CustomerContact, YearlyRecord
from ...services import archive as archive_service
from ...services import staff as staff_service
from ...services.auth import LoggedIn
from ..delegates import to_qdate
from ..dialogs.form import OptionalDateEdit, RecordDialog, combo, datetime_edit, set_value
from ..i18n import translate


def _money_text(value: object) -> str:
    return "" if value is None else f"{value:,.2f}"


def _full_width(widget: QWidget) -> QWidget:
    """A date or number as wide as the other fields: its message line below it wraps to the
    field's width, and a narrow field would clip a Chinese sentence."""
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return widget


def _text_box(height: int = 60) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setMaximumHeight(height)
    box.setTabChangesFocus(True)
    return box


class ArchiveEditDialog(RecordDialog):
    """What the archive's forms share: the acting user, the customer, and a refusal for lack
    of permission written to the audit log (``denied``)."""

    register_name = "customer"

    def __init__(self, database: Database, user: LoggedIn | None, customer_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self.user = user
        self.customer_id = customer_id
        self.setMinimumWidth(460)

    def show_user_error(self, exc: UserError) -> None:
        if isinstance(exc, archive_service.ArchiveRefused):
            # RecordDialog.accept shows an error only after the refused transaction has been
            # rolled back: the audit line goes into a transaction of its own, and is kept
            archive_service.record_refusal(self.database, exc)
        super().show_user_error(exc)


class ContactDialog(ArchiveEditDialog):
    """A contact person at the customer (I3): new, or corrected (also the date they left)."""

    record_model = CustomerContact

    def __init__(self, database: Database, user: LoggedIn | None, customer_id: int, contact_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(database, user, customer_id, parent)
        self.contact_id = contact_id
        self.setWindowTitle(self.tr("New contact person"))
        self.add_field("name", self.tr("Name"), QLineEdit(), required=True)
        self.add_field("position", self.tr("Position"), QLineEdit())
        self.add_field("phone", self.tr("Phone"), QLineEdit())
        self.add_field("email", self.tr("E-mail"), QLineEdit())
        self.add_field("remarks", self.tr("Remarks"), _text_box())
        if contact_id is not None:
            left_on = self.add_field("left_on", self.tr("Left on"), _full_width(OptionalDateEdit()))
            left_on.setToolTip(self.tr("Empty while the person still works at the customer"))
        self.finish_layout()
        if contact_id is not None:
            self._load(contact_id)

    def _load(self, contact_id: int) -> None:
        with self.database.read_session() as s:
            contact = s.get(CustomerContact, contact_id)
            if contact is None:
                raise LookupError(contact_id)
            self.setWindowTitle(self.tr("Contact person %1").replace("%1", contact.name))
            for name in archive_service.CONTACT_FIELDS:
                set_value(self.fields[name], getattr(contact, name))
            self.show_length_notices(s, contact.id)

    def save(self, session) -> int:
        values = {name: self.value(name) for name in archive_service.CONTACT_FIELDS if name in self.fields}
        if self.contact_id is None:
            return archive_service.add_contact(session, self.user, self.customer_id, **values).id
        return archive_service.update_contact(session, self.user, self.contact_id, values).id


class ContactLeftDialog(ArchiveEditDialog):
    """I11: a contact person has left the customer; the form reminds who records it that the
    customer needs someone in their place."""

    def __init__(self, database: Database, user: LoggedIn | None, customer_id: int, contact_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(database, user, customer_id, parent)
        self.contact_id = contact_id
        with self.database.read_session() as s:
            contact = s.get(CustomerContact, contact_id)
            if contact is None:
                raise LookupError(contact_id)
            who = contact.name + (f"（{contact.position}）" if contact.position else "")
        self.setWindowTitle(self.tr("Contact person left"))
        person = QLabel(who)
        person.setObjectName("person")
        self.form.addRow(self.tr("Contact person"), person)
        left_on = OptionalDateEdit()
        left_on.setDate(to_qdate(clock.today()))
        self.add_field("left_on", self.tr("Left on"), _full_width(left_on), required=True)
        hint = QLabel(self.tr("The person stays in the list, greyed. Add the person who takes over as a new "
                              "contact, so that the customer keeps someone to talk to."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.body.addWidget(hint)
        self.finish_layout()

    def save(self, session) -> int:
        return archive_service.mark_contact_left(session, self.user, self.contact_id, self.value("left_on")).id


class FileField(QWidget):
    """One file to file with the record, chosen with the system's file dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = QLineEdit()
        self.path.setObjectName("attachment_path")
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.tr("No file"))
        self.choose = QPushButton(self.tr("Choose…"))
        self.choose.setObjectName("choose_file")
        self.choose.clicked.connect(self._choose)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("clear_file")
        self.clear_button.clicked.connect(self.path.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        row.addWidget(self.clear_button)

    def _choose(self) -> None:
        from ..save_dialog import ATTACHMENT_FOLDER_KEY, ask_open_paths

        chosen = ask_open_paths(self, self.tr("File to keep with the archive"), key=ATTACHMENT_FOLDER_KEY)
        if chosen:
            self.path.setText(str(chosen[0]))

    def value(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text) if text else None


class YearlyRecordDialog(ArchiveEditDialog):
    """I4: the customer's sales and receivables of a year, with a file such as the annual report."""

    record_model = YearlyRecord

    def __init__(self, database: Database, user: LoggedIn | None, customer_id: int, record_id: int | None = None,
                 data_dir: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(database, user, customer_id, parent)
        self.record_id = record_id
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("New yearly record"))
        year = QSpinBox()
        year.setRange(1900, 2200)
        year.setValue(clock.today().year - 1)  # the year just closed is the one reported
        self.add_field("year", self.tr("Year"), _full_width(year), required=True)
        for name, label in (("sales", self.tr("Sales (yuan)")), ("receivables", self.tr("Receivables (yuan)"))):
            self.add_field(name, label, QLineEdit())
        self.add_field("remarks", self.tr("Remarks"), _text_box())
        self.filed = QLabel()
        self.filed.setObjectName("filed")
        self.filed.setWordWrap(True)
        self.file = FileField()
        self.add_field("attachment", self.tr("Attach a file"), self.file)
        self.finish_layout()
        if record_id is not None:
            self._load(record_id)

    def _load(self, record_id: int) -> None:
        with self.database.read_session() as s:
            record = s.get(YearlyRecord, record_id)
            if record is None:
                raise LookupError(record_id)
            self.setWindowTitle(self.tr("Yearly record %1").replace("%1", str(record.year)))
            year = self.fields["year"]
            year.setValue(record.year)
            year.setEnabled(False)
            year.setToolTip(self.tr("A record belongs to its year: another year is a new record."))
            set_value(self.fields["sales"], _money_text(record.sales))
            set_value(self.fields["receivables"], _money_text(record.receivables))
            set_value(self.fields["remarks"], record.remarks)
            self.show_length_notices(s, record.id)
            files = archive_service.attachments(s, yearly_record_id=record_id)
        if files:
            self.filed.setText("、".join(a.original_name for a in files))
            self.form.insertRow(self.form.rowCount() - 1, self.tr("Filed"), self.filed)

    def save(self, session) -> int:
        figures = {name: self.value(name) for name in ("sales", "receivables", "remarks")}
        file = self.file.value()
        if self.record_id is None:
            return archive_service.add_yearly_record(
                session, self.user, self.customer_id, year=self.fields["year"].value(), attachment=file,
                data_dir=self.data_dir, **figures).id
        return archive_service.update_yearly_record(session, self.user, self.record_id, figures, attachment=file,
                                                    data_dir=self.data_dir).id


class CorrespondenceDialog(ArchiveEditDialog):
    """I5, I9: a letter, fax, phone call, visit or e-mail with the customer, and its files."""

    record_model = Correspondence

    def __init__(self, database: Database, user: LoggedIn | None, customer_id: int, data_dir: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(database, user, customer_id, parent)
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("Log a contact with the customer"))
        self.setMinimumWidth(520)
        self.add_field("happened_at", self.tr("When"), datetime_edit(), required=True)
        self.kind = combo(archive_service.CORRESPONDENCE_KIND)
        self.kind.setObjectName("kind")
        self.direction = combo(archive_service.DIRECTION)
        self.direction.setObjectName("direction")
        self.add_field("kind", self.tr("Kind"), self.kind)
        self.add_field("direction", self.tr("Direction"), self.direction)
        staff = QComboBox()
        staff.addItem("", None)
        with self.database.read_session() as s:
            for person in staff_service.active_staff(s):
                staff.addItem(person.name, person.id)
        if user is not None:
            staff.setCurrentIndex(max(staff.findData(user.staff_id), 0))
        self.add_field("staff_id", self.tr("Our staff"), staff)
        counterpart = QLineEdit()
        counterpart.setPlaceholderText(self.tr("Who at the customer"))
        self.add_field("counterpart", self.tr("Counterpart"), counterpart)
        self.add_field("summary", self.tr("Summary"), _text_box(90), required=True)
        self.confidential = QCheckBox(self.tr("Only who may read confidential correspondence sees this entry"))
        refusal = archive_service.edit_refusal(user, confidential=True)
        if refusal is not None:
            self.confidential.setEnabled(False)
            self.confidential.setToolTip(refusal.render(translate))
        self.add_field("confidential", self.tr("Confidential"), self.confidential)
        self.add_field("attachment", self.tr("Files"), self._files_box())
        self.finish_layout()

    def _files_box(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.files = QListWidget()
        self.files.setObjectName("files")
        self.files.setMaximumHeight(80)
        layout.addWidget(self.files)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add files…"))
        add.setObjectName("add_files")
        add.clicked.connect(self._add_files)
        remove = QPushButton(self.tr("Remove"))
        remove.setObjectName("remove_file")
        remove.clicked.connect(self._remove_file)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def _add_files(self) -> None:
        from ..save_dialog import ATTACHMENT_FOLDER_KEY, ask_open_paths

        names = [str(p) for p in ask_open_paths(self, self.tr("Files that came or went with it"),
                                                key=ATTACHMENT_FOLDER_KEY, many=True)]
        present = set(self.file_paths())
        for name in names:
            if Path(name) not in present:
                present.add(Path(name))
                self.files.addItem(name)

    def _remove_file(self) -> None:
        row = self.files.currentRow()
        if row >= 0:
            self.files.takeItem(row)

    def file_paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def save(self, session) -> int:
        entry: Correspondence = archive_service.log_correspondence(
            session, self.user, self.customer_id, happened_at=self.value("happened_at"), kind=self.value("kind"),
            direction=self.value("direction"), staff_id=self.value("staff_id"), counterpart=self.value("counterpart"),
            summary=self.value("summary"), confidential=self.confidential.isChecked(), attachments=self.file_paths(),
            data_dir=self.data_dir,
        )
        return entry.id
