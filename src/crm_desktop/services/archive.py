"""The customer archive (客户档案, I2–I5, I8–I11) beyond the customer's own fields: contact
people, responsible staff, the change history, major events, yearly records and the
correspondence log with its attachments.

Every function works inside the caller's transaction and refuses bad input at its field
with nothing written (X2).

Permissions are checked here, not in the window (I7): every function that changes the
archive takes the acting ``user`` (``auth.LoggedIn``), refuses with ``ArchiveRefused`` (a
UserError on the field ``user``) unless the role may change archives — a confidential
correspondence entry needs the permission to read confidential entries as well — and,
before anything else is read or written, so a refusal leaves the transaction as it was.
Done, it keeps ``user.staff_id`` as who in the history and writes one ``archive_change``
line to the audit log in the same transaction. A refusal is audited (``denied``) by
``archive_edit``/``record_refusal`` after the refused transaction is gone: see there why.

Attachments are copied into the data folder under their SHA-256 (content-addressed: the
same file twice is stored once), so the archive does not depend on the clerk's own copy and
a file changed or lost behind the program's back is noticed when it is opened. No Qt here:
the views open the checked path with the system viewer.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterator, Mapping

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from .. import clock, faults
from ..db import Database
from ..errors import UserError
from ..files import copy as copy_file
from ..i18n import QT_TRANSLATE_NOOP, Msg
from ..models import (
    Attachment,
    Correspondence,
    CorrespondenceKind,
    Customer,
    CustomerCategory,
    CustomerContact,
    CustomerEvent,
    CustomerStaff,
    CustomerStatus,
    Direction,
    EventKind,
    Importance,
    RecordChange,
    RecordType,
    Staff,
    YearlyRecord,
)
from . import history as field_history
from . import labels
from .auth import LoggedIn, Permission, audit, require
from .customers import MAX_CAPITAL, NO_CUSTOMER, history_text, record_change
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

# the customer's status, importance and VIP level are labelled in labels.py (the register
# shows them without importing this module)
CUSTOMER_STATUS, IMPORTANCE, VIP_LEVEL = labels.CUSTOMER_STATUS, labels.IMPORTANCE, labels.VIP_LEVEL
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

# lines of the history that are not fields of the customer itself
HISTORY_LABELS: dict[str, Msg] = {
    "contacts": QT_TRANSLATE_NOOP("ArchiveField", "Contact people"),
}

# I7: the customer's fields that only those who may change archives change; the front desk's
# fields (name, phone, address, district, contact, products) stay open to whoever registers
# a caller
ARCHIVE_ONLY_FIELDS = (
    "code", "category", "status", "vip_level", "importance", "legal_representative", "business_scope",
    "registered_capital",
)
# what a new customer gets for a field left alone: keeping it is no change
_NEW_CUSTOMER_VALUES: dict[str, object] = {
    "category": CustomerCategory.END_USER.value,
    "status": CustomerStatus.ACTIVE.value,
    "vip_level": 0,
    "importance": Importance.NORMAL.value,
}

_NO_CONTACT = QT_TRANSLATE_NOOP("Archive", "The contact person cannot be found any more (it may have been removed meanwhile): open the customer archive again.")
_NO_ASSIGNMENT = QT_TRANSLATE_NOOP("Archive", "The responsibility cannot be found any more (it may have been removed meanwhile): open the customer archive again.")
_NO_RECORD = QT_TRANSLATE_NOOP("Archive", "The yearly record cannot be found any more (it may have been removed meanwhile): open the customer archive again.")
_NO_ATTACHMENT = QT_TRANSLATE_NOOP("Archive", "The attachment cannot be found any more (it may have been removed meanwhile): open the customer archive again.")
_NO_FILE = QT_TRANSLATE_NOOP("Archive", "The file {path} cannot be found.")


def _customer(session: Session, customer_id: object, problems: Problems | None = None) -> Customer | None:
    if problems is None:
        return fetch(session, Customer, customer_id, "customer_id", NO_CUSTOMER)
    return problems.check(fetch, session, Customer, customer_id, "customer_id", NO_CUSTOMER)


def _owner(session: Session, model: type, row_id: object) -> int | None:
    """The customer a row belongs to, for the audit line of a refusal (None: no such row;
    the missing row is reported once the permission is settled)."""
    try:
        row = session.get(model, int(row_id))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if row is None else row.customer_id


# --------------------------------------------------------------------------- permissions


class ArchiveRefused(UserError):
    """I7: a change of the archive (or a read of confidential entries) refused for lack of
    permission; it carries who tried what on which customer for the ``denied`` audit line."""

    def __init__(self, refusal: UserError, *, user: LoggedIn | None, permission: str, action: str,
                 customer_id: object, detail: Mapping[str, object] | None = None) -> None:
        super().__init__(refusal.message, refusal.field, **refusal.args_for_message)
        self.user = user
        self.permission = permission
        self.action = action
        self.customer_id = customer_id
        self.detail = dict(detail or {})


def _refusal(user: LoggedIn | None, action: str, customer_id: object, *, confidential: bool = False,
             detail: Mapping[str, object] | None = None) -> ArchiveRefused | None:
    needed = (Permission.ARCHIVE_EDIT, Permission.ARCHIVE_CONFIDENTIAL) if confidential else (Permission.ARCHIVE_EDIT,)
    for permission in needed:
        try:
            require(user, permission)
        except UserError as exc:
            return ArchiveRefused(exc, user=user, permission=permission, action=action, customer_id=customer_id,
                                  detail=detail)
    return None


def _require_edit(user: LoggedIn | None, action: str, customer_id: object, *, confidential: bool = False,
                  detail: Mapping[str, object] | None = None) -> LoggedIn:
    refusal = _refusal(user, action, customer_id, confidential=confidential, detail=detail)
    if refusal is not None:
        raise refusal
    assert user is not None
    return user


def _require_confidential(user: LoggedIn | None, customer_id: object) -> None:
    """I5: only who may read confidential correspondence gets it."""
    try:
        require(user, Permission.ARCHIVE_CONFIDENTIAL)
    except UserError as exc:
        raise ArchiveRefused(exc, user=user, permission=Permission.ARCHIVE_CONFIDENTIAL, action="read_confidential",
                             customer_id=customer_id) from None


def edit_refusal(user: LoggedIn | None, *, confidential: bool = False) -> ArchiveRefused | None:
    """Why ``user`` may not change archives (or log confidential entries); None when they may.
    The window greys out its buttons with this as the reason: the services refuse anyway."""
    return _refusal(user, "archive_change", None, confidential=confidential)


def may_edit(user: LoggedIn | None) -> bool:
    return edit_refusal(user) is None


def record_refusal(database: Database, refusal: ArchiveRefused) -> None:
    """Write ``refusal`` to the audit log as ``denied``, in a transaction of its own, once the
    refused one has ended. Inside the refused transaction the line would be rolled back with
    the refused work; beside it (a second connection) it would wait, on SQLite, for the write
    lock that the refused transaction holds from its first statement until the busy timeout."""
    user = refusal.user
    with database.Session.begin() as session:
        audit(session, "denied", staff_id=user.staff_id if user else None, login=user.login if user else None,
              target_type="customer", target_id=refusal.customer_id,
              detail={"permission": refusal.permission, "action": refusal.action, **refusal.detail})


@contextmanager
def archive_edit(database: Database) -> Iterator[Session]:
    """One transaction for a change of the archive. A refusal rolls it back whole (nothing of
    the refused work is kept, X2), is written to the audit log as ``denied`` and raised."""
    try:
        with database.Session.begin() as session:
            yield session
    except ArchiveRefused as refusal:
        record_refusal(database, refusal)
        raise


def _audit_change(session: Session, user: LoggedIn, customer_id: int, change: str, **detail: object) -> None:
    """The one ``archive_change`` line of an edit (I7: who changed what), in its transaction.
    ``change`` says which edit; the other keys are those the audit log viewer names (name,
    staff, fields, old, new, file, start, end); empty ones are left out."""
    audit(session, "archive_change", staff_id=user.staff_id, login=user.login, target_type="customer",
          target_id=customer_id,
          detail={"change": change, **{k: v for k, v in detail.items() if v not in (None, "", [], {})}})


def _changes_detail(changed: Mapping[str, list[str | None]]) -> dict[str, object]:
    """fields / old / new of an edit, for its audit line."""
    return {"fields": list(changed), "old": {k: v[0] for k, v in changed.items()},
            "new": {k: v[1] for k, v in changed.items()}}


def _text(value: object) -> str:
    text = history_text(value)
    return "" if text is None else text.strip()


def _same_value(old: object, new: object) -> bool:
    """Whether a form's value is the one stored: "500000" is 500000.00, "0" is 0, "" is None."""
    a, b = _text(old), _text(new)
    if a == b:
        return True
    try:
        return Decimal(a.replace(",", "")) == Decimal(b.replace(",", ""))
    except InvalidOperation:
        return False


def archive_fields_changed(changes: Mapping[str, object], customer: Customer | None = None) -> list[str]:
    """The archive-only fields among ``changes`` whose value differs from the customer's (for a
    new customer: from what every new customer gets)."""
    changed = []
    for name in ARCHIVE_ONLY_FIELDS:
        if name not in changes:
            continue
        current = getattr(customer, name) if customer is not None else _NEW_CUSTOMER_VALUES.get(name)
        if not _same_value(current, changes[name]):
            changed.append(name)
    return changed


def check_archive_fields(user: LoggedIn | None, changes: Mapping[str, object],
                         customer: Customer | None = None) -> None:
    """I7: refuse a change of an archive-only field (status, VIP level, importance, legal
    representative, business scope, registered capital, code, category) unless ``user`` may
    change archives; call it before ``customers.create_customer``/``update_customer``. The
    other fields are left alone: the front desk registers callers and keeps their phone and
    address right."""
    changed = archive_fields_changed(changes, customer)
    if changed:
        _require_edit(user, "customer_fields", customer.id if customer is not None else None,
                      detail={"fields": changed})


# --------------------------------------------------------------------------- opening


def open_archive(session: Session, customer_id: int, user: LoggedIn | None = None) -> Customer:
    """The one way a view opens a customer's archive (I7): only with the permission to view
    archives, and every opening is written to the audit log (who, when, which customer).
    A refusal is an ``ArchiveRefused``: run it in ``archive_edit`` to have it logged too."""
    try:
        require(user, Permission.ARCHIVE_VIEW)
    except UserError as exc:
        raise ArchiveRefused(exc, user=user, permission=Permission.ARCHIVE_VIEW, action="archive_open",
                             customer_id=customer_id) from None
    assert user is not None
    customer = _customer(session, customer_id)
    assert customer is not None
    audit(session, "archive_open", staff_id=user.staff_id, login=user.login, target_type="customer",
          target_id=customer_id, detail=customer.name)
    return customer


def may_see_confidential(user: LoggedIn | None) -> bool:
    """I5: whether ``user`` sees the correspondence marked confidential."""
    return user is not None and user.may(Permission.ARCHIVE_CONFIDENTIAL)


# --------------------------------------------------------------------------- history


def history(session: Session, customer_id: int) -> list[RecordChange]:
    """I4: every recorded change of the archive, newest first (the customer's lines of the
    one field history of services/history.py)."""
    return field_history.history(session, RecordType.CUSTOMER, customer_id)


# --------------------------------------------------------------------------- contacts

CONTACT_FIELDS = ("name", "position", "phone", "email", "remarks", "left_on")


def _check_left_on(value: object) -> date | None:
    day = parse_date(value, "left_on")
    if day is not None and day > clock.today():
        raise UserError(QT_TRANSLATE_NOOP("Archive", "{date} has not come yet: record a departure once it happened."),
                        field="left_on", date=day.isoformat())
    return day


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
            clean[name] = problems.check(_check_left_on, value)
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


def _contact_names(session: Session, customer_id: int) -> str | None:
    """The contact people still there, as the history keeps them (I4, I11)."""
    session.flush()
    names = session.scalars(
        select(CustomerContact.name)
        .where(CustomerContact.customer_id == customer_id, CustomerContact.left_on.is_(None))
        .order_by(CustomerContact.id)
    )
    return "、".join(names) or None


def _changed_values(row: object, clean: Mapping[str, object]) -> dict[str, list[str | None]]:
    """Field → [old, new] as text, for what ``clean`` really changes on ``row``."""
    return {
        name: [history_text(getattr(row, name)), history_text(value)]
        for name, value in clean.items()
        if history_text(getattr(row, name)) != history_text(value)
    }


def add_contact(session: Session, user: LoggedIn | None, customer_id: int, **fields: object) -> CustomerContact:
    """A contact person at the customer (I3)."""
    user = _require_edit(user, "add_contact", customer_id)
    problems, clean = _clean_contact({"name": None, **fields})
    _customer(session, customer_id, problems)
    problems.raise_if_any()
    before = _contact_names(session, customer_id)
    contact = CustomerContact(customer_id=customer_id, **clean)
    session.add(contact)
    session.flush()
    record_change(session, customer_id, "contacts", before, _contact_names(session, customer_id), user.staff_id)
    _audit_change(session, user, customer_id, "contact_added", name=contact.name)
    return contact


def update_contact(session: Session, user: LoggedIn | None, contact_id: int,
                   changes: Mapping[str, object]) -> CustomerContact:
    """Correct a contact person's details; a change of name or of the leaving date shows in
    the archive's history. Nothing changed, nothing is written."""
    user = _require_edit(user, "update_contact", _owner(session, CustomerContact, contact_id))
    contact = fetch(session, CustomerContact, contact_id, "contact_id", _NO_CONTACT)
    problems, clean = _clean_contact(dict(changes))
    problems.raise_if_any()
    changed = _changed_values(contact, clean)
    if not changed:
        return contact
    before = _contact_names(session, contact.customer_id)
    for name, value in clean.items():
        setattr(contact, name, value)
    record_change(session, contact.customer_id, "contacts", before, _contact_names(session, contact.customer_id),
                  user.staff_id)
    _audit_change(session, user, contact.customer_id, "contact_changed", name=contact.name,
                  **_changes_detail(changed))
    return contact


def mark_contact_left(session: Session, user: LoggedIn | None, contact_id: int, left_on: object) -> CustomerContact:
    """I11: the contact person has left the customer. They stay in the list (with the date),
    the archive's history records it, and the window asks for the replacement."""
    user = _require_edit(user, "contact_left", _owner(session, CustomerContact, contact_id))
    contact = fetch(session, CustomerContact, contact_id, "contact_id", _NO_CONTACT)
    problems = Problems()
    day = problems.check(_check_left_on, left_on)
    if day is None and not problems.has("left_on"):
        problems.report(QT_TRANSLATE_NOOP("Archive", "Enter the date the contact person left."), "left_on")
    if contact.left_on is not None:
        problems.report(QT_TRANSLATE_NOOP("Archive", "{name} is already recorded as having left on {date}."),
                        "left_on", name=contact.name, date=contact.left_on.isoformat())
    problems.raise_if_any()
    before = _contact_names(session, contact.customer_id)
    contact.left_on = day
    record_change(session, contact.customer_id, "contacts", before, _contact_names(session, contact.customer_id),
                  user.staff_id)
    _audit_change(session, user, contact.customer_id, "contact_left", name=contact.name,
                  end=day.isoformat() if day else None)
    return contact


def contacts(session: Session, customer_id: int, *, include_left: bool = True) -> list[CustomerContact]:
    query = select(CustomerContact).where(CustomerContact.customer_id == customer_id)
    if not include_left:
        query = query.where(CustomerContact.left_on.is_(None))
    return list(session.scalars(query.order_by(CustomerContact.left_on.is_not(None), CustomerContact.id)))


# --------------------------------------------------------------------------- responsible staff


def responsible_staff(session: Session, customer_id: int, *, on: date | None = None) -> list[CustomerStaff]:
    """The staff responsible for the customer today (or on ``on``), longest-serving first
    (``CustomerStaff.responsible_on``)."""
    day = on or clock.today()
    return list(
        session.scalars(
            select(CustomerStaff)
            .where(CustomerStaff.customer_id == customer_id, CustomerStaff.responsible_on(day))
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
    session: Session, user: LoggedIn | None, customer_id: int, staff_id: int, *, since: date | str | None = None,
    remarks: str | None = None,
) -> CustomerStaff:
    """Make a member of staff responsible for the customer (I10); the change is in the
    archive's history."""
    user = _require_edit(user, "assign_staff", customer_id)
    problems = Problems()
    customer = _customer(session, customer_id, problems)
    person = problems.check(check_staff, session, staff_id, "staff_id")
    day = problems.check(parse_date, since, "since") or clock.today()
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
    line = CustomerStaff(customer_id=customer.id, staff_id=person.id, since=day,
                         remarks=optional_text(remarks, "remarks", max_length=column_length(CustomerStaff, "remarks")))
    session.add(line)
    session.flush()
    record_change(session, customer.id, "responsible_staff", before, _staff_names(session, customer.id), user.staff_id)
    _audit_change(session, user, customer.id, "staff_assigned", staff=person.name, start=day.isoformat())
    return line


def end_responsibility(
    session: Session, user: LoggedIn | None, assignment_id: int, *, until: date | str | None = None
) -> CustomerStaff:
    """The member of staff is responsible up to and including ``until`` (today by default),
    no longer from the day after: ``until`` is the last day (``CustomerStaff``'s rule). To
    be no longer responsible from day D on, end it on D − 1, as a hand-over does."""
    user = _require_edit(user, "end_responsibility", _owner(session, CustomerStaff, assignment_id))
    line = fetch(session, CustomerStaff, assignment_id, "assignment_id", _NO_ASSIGNMENT)
    day = parse_date(until, "until") or clock.today()
    if day < line.since:
        raise UserError(
            QT_TRANSLATE_NOOP("Archive", "The end ({until}) is before the start ({since})."),
            field="until", until=day.isoformat(), since=line.since.isoformat(),
        )
    before = _staff_names(session, line.customer_id)
    line.until = day
    session.flush()
    record_change(session, line.customer_id, "responsible_staff", before, _staff_names(session, line.customer_id),
                  user.staff_id)
    person = session.get(Staff, line.staff_id)
    _audit_change(session, user, line.customer_id, "staff_ended", staff=person.name if person else line.staff_id,
                  end=day.isoformat())
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
    staff_names: str = ""  # who is responsible now, 、-separated


def understaffed_customers(session: Session, *, on: date | None = None) -> list[Understaffed]:
    """I10: the important or promising customers (not inactive) with fewer than two
    responsible staff, the fewest first, with who is responsible now."""
    day = on or clock.today()
    current = and_(CustomerStaff.customer_id == Customer.id, CustomerStaff.responsible_on(day))
    count = select(func.count(CustomerStaff.id)).where(current).correlate(Customer).scalar_subquery()
    rows = session.execute(
        select(Customer.id, Customer.code, Customer.name, Customer.importance, count.label("n"))
        .where(
            Customer.importance != Importance.NORMAL.value,
            Customer.status != CustomerStatus.INACTIVE.value,
            count < MIN_RESPONSIBLE_STAFF,
        )
        .order_by(count, Customer.name_key, Customer.id)
    ).all()
    names: dict[int, list[str]] = {}
    if rows:
        lines = session.execute(
            select(CustomerStaff.customer_id, Staff.name).join(Staff, Staff.id == CustomerStaff.staff_id)
            .where(CustomerStaff.customer_id.in_([r.id for r in rows]), CustomerStaff.responsible_on(day))
            .order_by(CustomerStaff.since, CustomerStaff.id)
        )
        for customer_id, name in lines:
            names.setdefault(customer_id, []).append(name)
    return [Understaffed(r.id, r.code, r.name, r.importance, r.n, "、".join(names.get(r.id, []))) for r in rows]


# --------------------------------------------------------------------------- events


def add_event(
    session: Session, user: LoggedIn | None, customer_id: int, *, kind: str, happened_on: date | str | None,
    description: str | None,
) -> CustomerEvent:
    """I4: a major change of the customer (改制, 更名, 迁址 …)."""
    user = _require_edit(user, "add_event", customer_id)
    problems = Problems()
    _customer(session, customer_id, problems)
    clean_kind = problems.check(
        check_choice, kind, EventKind, "kind", QT_TRANSLATE_NOOP("Archive", "Choose what kind of change it was.")
    )
    day = problems.check(parse_date, happened_on, "happened_on")
    if day is None and not problems.has("happened_on"):
        problems.report(QT_TRANSLATE_NOOP("Archive", "Enter the date of the change."), "happened_on")
    text = problems.check(require_text, description, "description",
                          QT_TRANSLATE_NOOP("Archive", "Describe the change."), max_length=column_length(CustomerEvent, "description"))
    problems.raise_if_any()
    assert day is not None
    event = CustomerEvent(customer_id=customer_id, kind=clean_kind, happened_on=day, description=text,
                          recorded_by_id=user.staff_id, recorded_at=clock.now())
    session.add(event)
    session.flush()
    _audit_change(session, user, customer_id, "event_added", kind=clean_kind, start=day.isoformat())
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


def _files(sources: list[Path | str] | tuple[Path | str, ...], problems: Problems) -> list[Path]:
    """The files chosen (empty entries skipped), each one that cannot be found reported."""
    files = [Path(f) for f in sources if str(f).strip()]
    for f in files:
        if not f.is_file():
            problems.report(_NO_FILE, "attachment", path=str(f))
    return files


def _store_attachment(
    session: Session, data_dir: Path, customer_id: int, source: Path | str, *, correspondence_id: int | None,
    yearly_record_id: int | None, by_id: int | None,
) -> Attachment:
    """Copy ``source`` into the data folder and keep it with the archive. The copy is
    written to a temporary name and renamed (``files.copy``), so a half-copied file never
    carries the name of a whole one; a file already there (same content) is not copied again."""
    path = Path(source)
    if not path.is_file():
        raise UserError(_NO_FILE, field="attachment", path=str(path))
    try:
        sha, size = _sha256(path)
        stored = _stored_name(sha, path.name)
        target = attachments_dir(data_dir) / stored
        if not target.exists() or _sha256(target)[0] != sha:
            target.parent.mkdir(parents=True, exist_ok=True)
            copy_file(path, target)
    except OSError as exc:
        raise UserError(QT_TRANSLATE_NOOP("Archive", "The file {path} could not be copied: {error}"),
                        field="attachment", path=str(path), error=faults.os_reason(exc, "copying an attachment")) from exc
    attachment = Attachment(
        customer_id=customer_id, correspondence_id=correspondence_id, yearly_record_id=yearly_record_id,
        original_name=path.name[:255], stored_name=stored, sha256=sha, size=size, added_by_id=by_id,
        added_at=clock.now(),
    )
    session.add(attachment)
    session.flush()
    return attachment


def add_attachment(
    session: Session, user: LoggedIn | None, data_dir: Path, customer_id: int, source: Path | str, *,
    correspondence_id: int | None = None, yearly_record_id: int | None = None,
) -> Attachment:
    """File ``source`` with the archive (with a correspondence entry or a yearly record, or
    with the customer alone). A file for a confidential entry needs the permission to read
    confidential entries too."""
    entry = session.get(Correspondence, correspondence_id) if correspondence_id is not None else None
    confidential = entry is not None and entry.confidential
    user = _require_edit(user, "add_attachment", customer_id, confidential=bool(confidential))
    _customer(session, customer_id)
    record = session.get(YearlyRecord, yearly_record_id) if yearly_record_id is not None else None
    for owner, given in ((entry, correspondence_id), (record, yearly_record_id)):
        if given is not None and (owner is None or owner.customer_id != customer_id):
            raise ValueError(f"{given} is not an entry of customer {customer_id}")
    attachment = _store_attachment(session, data_dir, customer_id, source, correspondence_id=correspondence_id,
                                   yearly_record_id=yearly_record_id, by_id=user.staff_id)
    _audit_change(session, user, customer_id, "attachment_added", file=attachment.original_name,
                  correspondence_id=correspondence_id, yearly_record_id=yearly_record_id)
    return attachment


def attachment_file(session: Session, data_dir: Path, attachment_id: int, user: LoggedIn | None) -> Path:
    """The stored copy of an attachment, checked against its hash, for the system viewer.
    The file of a confidential correspondence entry is given only to who may read it (I5)."""
    attachment = fetch(session, Attachment, attachment_id, "attachment_id", _NO_ATTACHMENT)
    if attachment.correspondence_id is not None:
        entry = session.get(Correspondence, attachment.correspondence_id)
        if entry is not None and entry.confidential:
            _require_confidential(user, attachment.customer_id)
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


def _money(problems: Problems, value: object, field: str) -> Decimal | None:
    return problems.check(parse_decimal, value, field, places=2, minimum=-MAX_CAPITAL, maximum=MAX_CAPITAL)


def add_yearly_record(
    session: Session, user: LoggedIn | None, customer_id: int, *, year: object, sales: object = None,
    receivables: object = None, remarks: str | None = None, attachment: Path | str | None = None,
    data_dir: Path | None = None,
) -> YearlyRecord:
    """I4: the customer's performance and finances of one year (one record a year), with an
    optional file (the annual report) copied into the data folder."""
    user = _require_edit(user, "add_yearly_record", customer_id)
    problems = Problems()
    _customer(session, customer_id, problems)
    clean_year = problems.check(_check_year, year)
    clean_sales = _money(problems, sales, "sales")
    clean_receivables = _money(problems, receivables, "receivables")
    if clean_year is not None and not problems.has("customer_id"):
        if session.scalar(select(YearlyRecord.id).where(YearlyRecord.customer_id == customer_id,
                                                        YearlyRecord.year == clean_year)) is not None:
            problems.report(QT_TRANSLATE_NOOP("Archive", "There is already a record for {year}: change that one."),
                            "year", year=clean_year)
    files = _files([attachment] if attachment is not None else [], problems)
    if files and data_dir is None:
        raise TypeError("an attachment needs the data folder")
    problems.raise_if_any()
    record = YearlyRecord(customer_id=customer_id, year=clean_year, sales=clean_sales, receivables=clean_receivables,
                          remarks=optional_text(remarks, "remarks", max_length=column_length(YearlyRecord, "remarks")), recorded_by_id=user.staff_id,
                          recorded_at=clock.now())
    session.add(record)
    session.flush()
    for f in files:
        assert data_dir is not None
        _store_attachment(session, data_dir, customer_id, f, correspondence_id=None, yearly_record_id=record.id,
                          by_id=user.staff_id)
    _audit_change(session, user, customer_id, "yearly_record_added", year=clean_year,
                  file="、".join(f.name for f in files))
    return record


def update_yearly_record(
    session: Session, user: LoggedIn | None, record_id: int, changes: Mapping[str, object], *,
    attachment: Path | str | None = None, data_dir: Path | None = None,
) -> YearlyRecord:
    """Correct a year's figures or remarks, or file one more document with it (the year
    itself stays: a record of another year is a new record)."""
    user = _require_edit(user, "update_yearly_record", _owner(session, YearlyRecord, record_id))
    record = fetch(session, YearlyRecord, record_id, "record_id", _NO_RECORD)
    problems = Problems()
    clean: dict[str, object] = {}
    for name, value in changes.items():
        if name in ("sales", "receivables"):
            clean[name] = _money(problems, value, name)
        elif name == "remarks":
            clean[name] = problems.check(optional_text, value, name)
        else:
            problems.report(QT_TRANSLATE_NOOP("Validation", "The field “{name}” cannot be edited here."), name,
                            name=name)
    files = _files([attachment] if attachment is not None else [], problems)
    if files and data_dir is None:
        raise TypeError("an attachment needs the data folder")
    problems.raise_if_any()
    changed = _changed_values(record, clean)
    if not changed and not files:
        return record
    for name, value in clean.items():
        setattr(record, name, value)
    session.flush()
    for f in files:
        assert data_dir is not None
        _store_attachment(session, data_dir, record.customer_id, f, correspondence_id=None,
                          yearly_record_id=record.id, by_id=user.staff_id)
    _audit_change(session, user, record.customer_id, "yearly_record_changed", year=record.year,
                  **(_changes_detail(changed) if changed else {}), file="、".join(f.name for f in files))
    return record


def yearly_records(session: Session, customer_id: int) -> list[YearlyRecord]:
    return list(
        session.scalars(
            select(YearlyRecord).where(YearlyRecord.customer_id == customer_id).order_by(YearlyRecord.year.desc())
        )
    )


# --------------------------------------------------------------------------- correspondence


def log_correspondence(
    session: Session, user: LoggedIn | None, customer_id: int, *, happened_at: object, kind: object,
    direction: object, summary: str | None, staff_id: int | None = None, counterpart: str | None = None,
    confidential: bool = False, attachments: list[Path | str] | tuple[Path | str, ...] = (),
    data_dir: Path | None = None,
) -> Correspondence:
    """I5, I9: a letter, fax, phone call or visit, with the files that came or went with it.
    Nothing is written when a field is bad or a file cannot be found. Only who may read
    confidential entries may mark one confidential (else they could not read their own)."""
    user = _require_edit(user, "log_correspondence", customer_id, confidential=bool(confidential))
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
                          QT_TRANSLATE_NOOP("Archive", "Write a short summary of the contact."),
                          max_length=column_length(Correspondence, "summary"))
    if staff_id is not None:
        problems.check(check_staff, session, staff_id, "staff_id")
    clean_counterpart = problems.check(optional_text, counterpart, "counterpart",
                                       max_length=column_length(Correspondence, "counterpart"))
    files = _files(list(attachments), problems)
    if files and data_dir is None:
        raise TypeError("attachments need the data folder")
    problems.raise_if_any()
    entry = Correspondence(
        customer_id=customer_id, happened_at=when, kind=clean_kind, direction=clean_direction, staff_id=staff_id,
        counterpart=clean_counterpart, summary=text, confidential=bool(confidential), recorded_by_id=user.staff_id,
        recorded_at=clock.now(),
    )
    session.add(entry)
    session.flush()
    for f in files:
        assert data_dir is not None
        _store_attachment(session, data_dir, customer_id, f, correspondence_id=entry.id, yearly_record_id=None,
                          by_id=user.staff_id)
    # the audit log is read by more people than confidential entries: it names no contents
    _audit_change(session, user, customer_id, "correspondence_logged", correspondence_id=entry.id, kind=clean_kind,
                  confidential=entry.confidential, file="、".join(f.name for f in files))
    return entry


def correspondence(session: Session, customer_id: int, *, include_confidential: bool = False,
                   user: LoggedIn | None = None) -> list[Correspondence]:
    """The correspondence log, newest first. I5: entries marked confidential are left out
    unless ``include_confidential``, which ``user`` must be allowed (else ArchiveRefused)."""
    if include_confidential:
        _require_confidential(user, customer_id)
    query = select(Correspondence).where(Correspondence.customer_id == customer_id)
    if not include_confidential:
        query = query.where(Correspondence.confidential.is_(False))
    return list(session.scalars(query.order_by(Correspondence.happened_at.desc(), Correspondence.id.desc())))
