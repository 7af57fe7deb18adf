"""The customer archive (客户档案, I2–I5, I8–I10) beyond the customer's own fields: contact
people, responsible staff, the change history, major events, yearly records and the
correspondence log with its attachments.

Every function works inside the caller's transaction and refuses bad input at its field
with nothing written (X2). ``by_id`` is the member of staff doing it (kept in the history).
Attachments are copied into the data folder under their SHA-256 (content-addressed: the
same file twice is stored once), so the archive does not depend on the clerk's own copy and
a file changed or lost behind the program's back is noticed when it is opened. No Qt here:
the views open the checked path with the system viewer.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Msg
from ..models import (
    Attachment,
    Correspondence,
    CorrespondenceKind,
    Customer,
    CustomerChange,
    CustomerContact,
    CustomerEvent,
    CustomerStaff,
    CustomerStatus,
    Direction,
    EventKind,
    Importance,
    Staff,
    YearlyRecord,
)
from .customers import MAX_CAPITAL, NO_CUSTOMER, record_change
from .validation import (
    Problems,
    check_choice,
    check_staff,
    column_length,
    fetch,
    normalize_phone,
    optional_text,
    parse_date,
    parse_datetime,
    parse_decimal,
    require_text,
)

MIN_RESPONSIBLE_STAFF = 2  # I10
ATTACHMENTS_FOLDER = "attachments"

# --------------------------------------------------------------------------- labels

CUSTOMER_STATUS: dict[str, Msg] = {
    CustomerStatus.PROSPECT.value: QT_TRANSLATE_NOOP("CustomerStatus", "Prospect"),
    CustomerStatus.ACTIVE.value: QT_TRANSLATE_NOOP("CustomerStatus", "Active"),
    CustomerStatus.INACTIVE.value: QT_TRANSLATE_NOOP("CustomerStatus", "Inactive"),
}
IMPORTANCE: dict[str, Msg] = {
    Importance.NORMAL.value: QT_TRANSLATE_NOOP("Importance", "Normal"),
    Importance.IMPORTANT.value: QT_TRANSLATE_NOOP("Importance", "Important"),
    Importance.PROMISING.value: QT_TRANSLATE_NOOP("Importance", "Promising"),
}
VIP_LEVEL: dict[str, Msg] = {
    "0": QT_TRANSLATE_NOOP("VipLevel", "None"),
    "1": QT_TRANSLATE_NOOP("VipLevel", "VIP 1"),
    "2": QT_TRANSLATE_NOOP("VipLevel", "VIP 2"),
    "3": QT_TRANSLATE_NOOP("VipLevel", "VIP 3"),
}
EVENT_KIND: dict[str, Msg] = {
    EventKind.RESTRUCTURE.value: QT_TRANSLATE_NOOP("EventKind", "Restructuring"),
    EventKind.RENAME.value: QT_TRANSLATE_NOOP("EventKind", "Renamed"),
    EventKind.RELOCATION.value: QT_TRANSLATE_NOOP("EventKind", "Moved"),
    EventKind.CAPITAL.value: QT_TRANSLATE_NOOP("EventKind", "Capital change"),
    EventKind.MANAGEMENT.value: QT_TRANSLATE_NOOP("EventKind", "Change of management"),
    EventKind.MERGER.value: QT_TRANSLATE_NOOP("EventKind", "Merger or split"),
    EventKind.OTHER.value: QT_TRANSLATE_NOOP("EventKind", "Other"),
}
CORRESPONDENCE_KIND: dict[str, Msg] = {
    CorrespondenceKind.LETTER.value: QT_TRANSLATE_NOOP("CorrespondenceKind", "Letter"),
    CorrespondenceKind.FAX.value: QT_TRANSLATE_NOOP("CorrespondenceKind", "Fax"),
    CorrespondenceKind.PHONE.value: QT_TRANSLATE_NOOP("CorrespondenceKind", "Phone call"),
    CorrespondenceKind.VISIT.value: QT_TRANSLATE_NOOP("CorrespondenceKind", "Visit"),
    CorrespondenceKind.EMAIL.value: QT_TRANSLATE_NOOP("CorrespondenceKind", "E-mail"),
    CorrespondenceKind.OTHER.value: QT_TRANSLATE_NOOP("CorrespondenceKind", "Other"),
}
DIRECTION: dict[str, Msg] = {
    Direction.INCOMING.value: QT_TRANSLATE_NOOP("Direction", "From the customer"),
    Direction.OUTGOING.value: QT_TRANSLATE_NOOP("Direction", "To the customer"),
}
# the history shows field names as the archive window labels them
FIELD_LABELS: dict[str, Msg] = {
    "code": QT_TRANSLATE_NOOP("ArchiveField", "Code"),
    "name": QT_TRANSLATE_NOOP("ArchiveField", "Name"),
    "category": QT_TRANSLATE_NOOP("ArchiveField", "Category"),
    "district": QT_TRANSLATE_NOOP("ArchiveField", "District"),
    "legal_representative": QT_TRANSLATE_NOOP("ArchiveField", "Legal representative"),
    "address": QT_TRANSLATE_NOOP("ArchiveField", "Address"),
    "postcode": QT_TRANSLATE_NOOP("ArchiveField", "Postcode"),
    "phone": QT_TRANSLATE_NOOP("ArchiveField", "Phone"),
    "fax": QT_TRANSLATE_NOOP("ArchiveField", "Fax"),
    "business_scope": QT_TRANSLATE_NOOP("ArchiveField", "Business scope"),
    "registered_capital": QT_TRANSLATE_NOOP("ArchiveField", "Registered capital"),
    "contact_person": QT_TRANSLATE_NOOP("ArchiveField", "Contact person"),
    "remarks": QT_TRANSLATE_NOOP("ArchiveField", "Remarks"),
    "status": QT_TRANSLATE_NOOP("ArchiveField", "Status"),
    "vip_level": QT_TRANSLATE_NOOP("ArchiveField", "VIP level"),
    "importance": QT_TRANSLATE_NOOP("ArchiveField", "Importance"),
    "responsible_staff": QT_TRANSLATE_NOOP("ArchiveField", "Responsible staff"),
}

_NO_CONTACT = QT_TRANSLATE_NOOP("Archive", "There is no contact person with id {id}.")
_NO_ASSIGNMENT = QT_TRANSLATE_NOOP("Archive", "There is no responsibility with id {id}.")
_NO_RECORD = QT_TRANSLATE_NOOP("Archive", "There is no yearly record with id {id}.")
_NO_ATTACHMENT = QT_TRANSLATE_NOOP("Archive", "There is no attachment with id {id}.")


def _customer(session: Session, customer_id: object, problems: Problems | None = None) -> Customer | None:
    if problems is None:
        return fetch(session, Customer, customer_id, "customer_id", NO_CUSTOMER)
    return problems.check(fetch, session, Customer, customer_id, "customer_id", NO_CUSTOMER)


# --------------------------------------------------------------------------- opening


def open_archive(session: Session, customer_id: int, user: object | None = None) -> Customer:
    """The one way a view opens a customer's archive (I7): only with the permission to view
    archives, and every opening is written to the audit log (who, when, which customer)."""
    from .auth import Permission, audit, require

    require(user, Permission.ARCHIVE_VIEW)  # type: ignore[arg-type]
    customer = _customer(session, customer_id)
    audit(session, "archive_open", staff_id=user.staff_id, login=user.login, target_type="customer",  # type: ignore[union-attr]
          target_id=customer_id, detail=customer.name)
    return customer  # type: ignore[return-value]


def may_see_confidential(user: object | None) -> bool:
    """I5: whether ``user`` sees the correspondence marked confidential."""
    from .auth import Permission

    return user is not None and user.may(Permission.ARCHIVE_CONFIDENTIAL)  # type: ignore[union-attr]


# --------------------------------------------------------------------------- history


def history(session: Session, customer_id: int) -> list[CustomerChange]:
    """I4: every recorded change of the archive, newest first."""
    return list(
        session.scalars(
            select(CustomerChange)
            .where(CustomerChange.customer_id == customer_id)
            .order_by(CustomerChange.changed_at.desc(), CustomerChange.id.desc())
        )
    )


# --------------------------------------------------------------------------- contacts

CONTACT_FIELDS = ("name", "position", "phone", "email", "remarks", "left_on")


def _clean_contact(values: dict[str, object]) -> tuple[Problems, dict[str, object]]:
    problems = Problems()
    clean: dict[str, object] = {}
    for name, value in values.items():
        if name == "name":
            clean[name] = problems.check(
                require_text, value, "name", QT_TRANSLATE_NOOP("Archive", "Enter the contact person's name."),
                max_length=column_length(CustomerContact, "name"),
            )
        elif name == "phone":
            clean[name] = problems.check(normalize_phone, value, "phone")
        elif name == "left_on":
            clean[name] = problems.check(parse_date, value, "left_on")
        elif name == "email":
            email = problems.check(optional_text, value, "email", max_length=column_length(CustomerContact, "email"))
            if email is not None and ("@" not in email or " " in email):
                problems.report(QT_TRANSLATE_NOOP("Archive", "“{value}” is not an e-mail address."), "email", value=email)
            clean[name] = email
        elif name in CONTACT_FIELDS:
            clean[name] = problems.check(
                optional_text, value, name, max_length=column_length(CustomerContact, name)
            )
        else:
            raise TypeError(f"unknown contact field {name}")
    return problems, clean


def add_contact(session: Session, customer_id: int, **fields: object) -> CustomerContact:
    """A contact person at the customer (I3)."""
    problems, clean = _clean_contact({"name": None, **fields})
    _customer(session, customer_id, problems)
    problems.raise_if_any()
    contact = CustomerContact(customer_id=customer_id, **clean)
    session.add(contact)
    session.flush()
    return contact


def update_contact(session: Session, contact_id: int, changes: dict[str, object]) -> CustomerContact:
    contact = fetch(session, CustomerContact, contact_id, "contact_id", _NO_CONTACT)
    problems, clean = _clean_contact(dict(changes))
    problems.raise_if_any()
    for name, value in clean.items():
        setattr(contact, name, value)
    session.flush()
    return contact


def contacts(session: Session, customer_id: int, *, include_left: bool = True) -> list[CustomerContact]:
    query = select(CustomerContact).where(CustomerContact.customer_id == customer_id)
    if not include_left:
        query = query.where(CustomerContact.left_on.is_(None))
    return list(session.scalars(query.order_by(CustomerContact.left_on.is_not(None), CustomerContact.id)))


# --------------------------------------------------------------------------- responsible staff


def responsible_staff(session: Session, customer_id: int, *, on: date | None = None) -> list[CustomerStaff]:
    """The staff responsible for the customer now (or on ``on``), longest-serving first."""
    day = on or date.today()
    return list(
        session.scalars(
            select(CustomerStaff)
            .where(
                CustomerStaff.customer_id == customer_id,
                CustomerStaff.since <= day,
                or_(CustomerStaff.until.is_(None), CustomerStaff.until >= day),
            )
            .order_by(CustomerStaff.since, CustomerStaff.id)
        )
    )


def _staff_names(session: Session, customer_id: int) -> str | None:
    rows = session.execute(
        select(Staff.name)
        .join(CustomerStaff, CustomerStaff.staff_id == Staff.id)
        .where(CustomerStaff.customer_id == customer_id, CustomerStaff.until.is_(None))
        .order_by(CustomerStaff.since, CustomerStaff.id)
    ).scalars()
    return "、".join(rows) or None


def assign_staff(
    session: Session, customer_id: int, staff_id: int, *, since: date | str | None = None,
    remarks: str | None = None, by_id: int | None = None,
) -> CustomerStaff:
    """Make a member of staff responsible for the customer (I10); the change is in the
    archive's history."""
    problems = Problems()
    customer = _customer(session, customer_id, problems)
    person = problems.check(check_staff, session, staff_id, "staff_id")
    day = problems.check(parse_date, since, "since") or date.today()
    if person is not None and not person.active:
        problems.report(
            QT_TRANSLATE_NOOP("Archive", "{name} no longer works here and cannot be made responsible."),
            "staff_id", name=person.name,
        )
    if customer is not None and person is not None:
        already = session.scalar(
            select(CustomerStaff.id).where(
                CustomerStaff.customer_id == customer.id, CustomerStaff.staff_id == person.id,
                CustomerStaff.until.is_(None),
            )
        )
        if already is not None:
            problems.report(
                QT_TRANSLATE_NOOP("Archive", "{name} is already responsible for this customer."),
                "staff_id", name=person.name,
            )
    problems.raise_if_any()
    assert customer is not None and person is not None
    before = _staff_names(session, customer.id)
    line = CustomerStaff(customer_id=customer.id, staff_id=person.id, since=day, remarks=optional_text(remarks, "remarks"))
    session.add(line)
    session.flush()
    record_change(session, customer.id, "responsible_staff", before, _staff_names(session, customer.id), by_id)
    session.flush()
    return line


def end_responsibility(
    session: Session, assignment_id: int, *, until: date | str | None = None, by_id: int | None = None
) -> CustomerStaff:
    """The member of staff is no longer responsible from ``until`` on (today by default)."""
    line = fetch(session, CustomerStaff, assignment_id, "assignment_id", _NO_ASSIGNMENT)
    day = parse_date(until, "until") or date.today()
    if day < line.since:
        raise UserError(
            QT_TRANSLATE_NOOP("Archive", "The end ({until}) is before the start ({since})."),
            field="until", until=day.isoformat(), since=line.since.isoformat(),
        )
    before = _staff_names(session, line.customer_id)
    line.until = day
    session.flush()
    record_change(session, line.customer_id, "responsible_staff", before, _staff_names(session, line.customer_id), by_id)
    session.flush()
    return line


_UNDERSTAFFED = QT_TRANSLATE_NOOP(
    "Archive",
    "{name} is an important or promising customer and should have at least {minimum} responsible staff; it has {count}.",
)


def staffing_warning(session: Session, customer_id: int) -> UserError | None:
    """I10, warned on save (not refused: the second person may be found later): a message
    when an important or promising customer has fewer than two responsible staff."""
    customer = _customer(session, customer_id)
    assert customer is not None
    if customer.importance == Importance.NORMAL.value or customer.status == CustomerStatus.INACTIVE.value:
        return None
    count = len(responsible_staff(session, customer.id))
    if count >= MIN_RESPONSIBLE_STAFF:
        return None
    return UserError(_UNDERSTAFFED, field="responsible_staff", name=customer.name, minimum=MIN_RESPONSIBLE_STAFF,
                     count=count)


@dataclass(frozen=True)
class Understaffed:
    customer_id: int
    code: str | None
    name: str
    importance: str
    staff_count: int


def understaffed_customers(session: Session, *, on: date | None = None) -> list[Understaffed]:
    """I10: the important or promising customers (not inactive) with fewer than two
    responsible staff, the fewest first."""
    day = on or date.today()
    current = and_(
        CustomerStaff.customer_id == Customer.id,
        CustomerStaff.since <= day,
        or_(CustomerStaff.until.is_(None), CustomerStaff.until >= day),
    )
    count = select(func.count(CustomerStaff.id)).where(current).correlate(Customer).scalar_subquery()
    rows = session.execute(
        select(Customer.id, Customer.code, Customer.name, Customer.importance, count.label("n"))
        .where(
            Customer.importance != Importance.NORMAL.value,
            Customer.status != CustomerStatus.INACTIVE.value,
            count < MIN_RESPONSIBLE_STAFF,
        )
        .order_by(count, Customer.name)
    ).all()
    return [Understaffed(r.id, r.code, r.name, r.importance, r.n) for r in rows]


# --------------------------------------------------------------------------- events


def add_event(
    session: Session, customer_id: int, *, kind: str, happened_on: date | str | None, description: str | None,
    by_id: int | None = None,
) -> CustomerEvent:
    """I4: a major change of the customer (改制, 更名, 迁址 …)."""
    problems = Problems()
    _customer(session, customer_id, problems)
    clean_kind = problems.check(
        check_choice, kind, EventKind, "kind", QT_TRANSLATE_NOOP("Archive", "Choose what kind of change it was.")
    )
    day = problems.check(parse_date, happened_on, "happened_on")
    if day is None and not problems.has("happened_on"):
        problems.report(QT_TRANSLATE_NOOP("Archive", "Enter the date of the change."), "happened_on")
    text = problems.check(require_text, description, "description",
                          QT_TRANSLATE_NOOP("Archive", "Describe the change."))
    problems.raise_if_any()
    event = CustomerEvent(customer_id=customer_id, kind=clean_kind, happened_on=day, description=text,
                          recorded_by_id=by_id, recorded_at=datetime.now())
    session.add(event)
    session.flush()
    return event


def events(session: Session, customer_id: int) -> list[CustomerEvent]:
    return list(
        session.scalars(
            select(CustomerEvent)
            .where(CustomerEvent.customer_id == customer_id)
            .order_by(CustomerEvent.happened_on.desc(), CustomerEvent.id.desc())
        )
    )


# --------------------------------------------------------------------------- attachments


def attachments_dir(data_dir: Path) -> Path:
    return Path(data_dir) / ATTACHMENTS_FOLDER


def _sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _stored_name(sha: str, original: str) -> str:
    suffix = Path(original).suffix.lower()
    if len(suffix) > 12 or not suffix[1:].isalnum():
        suffix = ""
    return f"{sha[:2]}/{sha}{suffix}"


def add_attachment(
    session: Session, data_dir: Path, customer_id: int, source: Path | str, *,
    correspondence_id: int | None = None, yearly_record_id: int | None = None, by_id: int | None = None,
) -> Attachment:
    """Copy ``source`` into the data folder and keep it with the archive. The copy is
    written to a temporary name and renamed, so a half-copied file never carries the name
    of a whole one; a file already there (same content) is not copied again."""
    path = Path(source)
    if not path.is_file():
        raise UserError(QT_TRANSLATE_NOOP("Archive", "The file {path} cannot be found."), field="attachment",
                        path=str(path))
    _customer(session, customer_id)
    try:
        sha, size = _sha256(path)
        stored = _stored_name(sha, path.name)
        target = attachments_dir(data_dir) / stored
        if not target.exists() or _sha256(target)[0] != sha:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
            os.close(fd)
            try:
                shutil.copyfile(path, tmp)
                os.replace(tmp, target)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
    except OSError as exc:
        raise UserError(QT_TRANSLATE_NOOP("Archive", "The file {path} could not be copied: {error}"),
                        field="attachment", path=str(path), error=exc.strerror or str(exc)) from exc
    attachment = Attachment(
        customer_id=customer_id, correspondence_id=correspondence_id, yearly_record_id=yearly_record_id,
        original_name=path.name[:255], stored_name=stored, sha256=sha, size=size, added_by_id=by_id,
        added_at=datetime.now(),
    )
    session.add(attachment)
    session.flush()
    return attachment


def attachment_file(session: Session, data_dir: Path, attachment_id: int) -> Path:
    """The stored copy of an attachment, checked against its hash, for the system viewer."""
    attachment = fetch(session, Attachment, attachment_id, "attachment_id", _NO_ATTACHMENT)
    path = attachments_dir(data_dir) / attachment.stored_name
    if not path.is_file():
        raise UserError(QT_TRANSLATE_NOOP("Archive", "The stored copy of {name} is missing from the data folder."),
                        field="attachment", name=attachment.original_name)
    if _sha256(path)[0] != attachment.sha256:
        raise UserError(QT_TRANSLATE_NOOP("Archive", "The stored copy of {name} has been changed since it was filed."),
                        field="attachment", name=attachment.original_name)
    return path


def attachments(session: Session, *, correspondence_id: int | None = None, yearly_record_id: int | None = None,
                customer_id: int | None = None) -> list[Attachment]:
    query = select(Attachment)
    if correspondence_id is not None:
        query = query.where(Attachment.correspondence_id == correspondence_id)
    if yearly_record_id is not None:
        query = query.where(Attachment.yearly_record_id == yearly_record_id)
    if customer_id is not None:
        query = query.where(Attachment.customer_id == customer_id)
    return list(session.scalars(query.order_by(Attachment.id)))


# --------------------------------------------------------------------------- yearly records


def _check_year(value: object) -> int:
    bad = QT_TRANSLATE_NOOP("Archive", "Enter the year as four digits, e.g. 2026.")
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise UserError(bad, field="year") from None
    if not 1900 <= year <= 2200:
        raise UserError(bad, field="year")
    return year


def add_yearly_record(
    session: Session, customer_id: int, *, year: object, sales: object = None, receivables: object = None,
    remarks: str | None = None, attachment: Path | str | None = None, data_dir: Path | None = None,
    by_id: int | None = None,
) -> YearlyRecord:
    """I4: the customer's performance and finances of one year (one record a year), with an
    optional file (the annual report) copied into the data folder."""
    problems = Problems()
    _customer(session, customer_id, problems)
    clean_year = problems.check(_check_year, year)
    clean_sales = problems.check(parse_decimal, sales, "sales", places=2, minimum=-MAX_CAPITAL, maximum=MAX_CAPITAL)
    clean_receivables = problems.check(parse_decimal, receivables, "receivables", places=2, minimum=-MAX_CAPITAL,
                                       maximum=MAX_CAPITAL)
    if clean_year is not None and not problems.has("customer_id"):
        if session.scalar(select(YearlyRecord.id).where(YearlyRecord.customer_id == customer_id,
                                                        YearlyRecord.year == clean_year)) is not None:
            problems.report(QT_TRANSLATE_NOOP("Archive", "There is already a record for {year}: change that one."),
                            "year", year=clean_year)
    if attachment is not None and data_dir is None:
        raise TypeError("an attachment needs the data folder")
    problems.raise_if_any()
    record = YearlyRecord(customer_id=customer_id, year=clean_year, sales=clean_sales, receivables=clean_receivables,
                          remarks=optional_text(remarks, "remarks"), recorded_by_id=by_id, recorded_at=datetime.now())
    session.add(record)
    session.flush()
    if attachment is not None and str(attachment).strip():
        assert data_dir is not None
        add_attachment(session, data_dir, customer_id, attachment, yearly_record_id=record.id, by_id=by_id)
    return record


def update_yearly_record(session: Session, record_id: int, changes: dict[str, object]) -> YearlyRecord:
    record = fetch(session, YearlyRecord, record_id, "record_id", _NO_RECORD)
    problems = Problems()
    clean: dict[str, object] = {}
    for name, value in changes.items():
        if name in ("sales", "receivables"):
            clean[name] = problems.check(parse_decimal, value, name, places=2, minimum=-MAX_CAPITAL, maximum=MAX_CAPITAL)
        elif name == "remarks":
            clean[name] = optional_text(value, name)
        else:
            problems.report(QT_TRANSLATE_NOOP("Validation", "The field “{name}” cannot be edited here."), name,
                            name=name)
    problems.raise_if_any()
    for name, value in clean.items():
        setattr(record, name, value)
    session.flush()
    return record


def yearly_records(session: Session, customer_id: int) -> list[YearlyRecord]:
    return list(
        session.scalars(
            select(YearlyRecord).where(YearlyRecord.customer_id == customer_id).order_by(YearlyRecord.year.desc())
        )
    )


# --------------------------------------------------------------------------- correspondence


def log_correspondence(
    session: Session, customer_id: int, *, happened_at: object, kind: object, direction: object,
    summary: str | None, staff_id: int | None = None, counterpart: str | None = None,
    confidential: bool = False, attachments: list[Path | str] = (), data_dir: Path | None = None,
    by_id: int | None = None,
) -> Correspondence:
    """I5, I9: a letter, fax, phone call or visit, with the files that came or went with it.
    Nothing is written when a field is bad or a file cannot be found."""
    problems = Problems()
    _customer(session, customer_id, problems)
    when = problems.check(parse_datetime, happened_at, "happened_at")
    if when is None and not problems.has("happened_at"):
        problems.report(QT_TRANSLATE_NOOP("Archive", "Enter when the contact took place."), "happened_at")
    clean_kind = problems.check(check_choice, kind, CorrespondenceKind, "kind",
                                QT_TRANSLATE_NOOP("Archive", "Choose letter, fax, phone call or visit."))
    clean_direction = problems.check(check_choice, direction, Direction, "direction",
                                     QT_TRANSLATE_NOOP("Archive", "Choose whether it came from or went to the customer."))
    text = problems.check(require_text, summary, "summary",
                          QT_TRANSLATE_NOOP("Archive", "Write a short summary of the contact."))
    if staff_id is not None:
        problems.check(check_staff, session, staff_id, "staff_id")
    files = [Path(f) for f in attachments if str(f).strip()]
    for f in files:
        if not f.is_file():
            problems.report(QT_TRANSLATE_NOOP("Archive", "The file {path} cannot be found."), "attachment", path=str(f))
    if files and data_dir is None:
        raise TypeError("attachments need the data folder")
    problems.raise_if_any()
    entry = Correspondence(
        customer_id=customer_id, happened_at=when, kind=clean_kind, direction=clean_direction, staff_id=staff_id,
        counterpart=optional_text(counterpart, "counterpart", max_length=column_length(Correspondence, "counterpart")),
        summary=text, confidential=bool(confidential), recorded_by_id=by_id, recorded_at=datetime.now(),
    )
    session.add(entry)
    session.flush()
    for f in files:
        assert data_dir is not None
        add_attachment(session, data_dir, customer_id, f, correspondence_id=entry.id, by_id=by_id)
    return entry


def correspondence(session: Session, customer_id: int, *, include_confidential: bool = False) -> list[Correspondence]:
    """The correspondence log, newest first. I5: entries marked confidential are left out
    unless ``include_confidential`` (the caller decides by the user's permission)."""
    query = select(Correspondence).where(Correspondence.customer_id == customer_id)
    if not include_confidential:
        query = query.where(Correspondence.confidential.is_(False))
    return list(session.scalars(query.order_by(Correspondence.happened_at.desc(), Correspondence.id.desc())))
