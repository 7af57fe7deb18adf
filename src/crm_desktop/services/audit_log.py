"""Reading the audit log (I7): who logged in, viewed, printed, exported and changed what.

Only a role with ``Permission.AUDIT`` (the branch manager, the administrator) reads it, and
the check is here, not in the window: every page read asks for it. A refusal is written to
the log as ``denied`` in a transaction of its own, so the ``UserError`` that unwinds the
caller's transaction does not take the record of the attempt with it. Opening the viewer is
itself a line (``audit_view``), and so is an export (``audit_export``, exports/audit_export.py).

The log is read newest first, in pages (``offset``/``limit``), filtered in SQL on the base
table: a period (whole days, both ends included), a person, an action, and words that must
each be found in the login, the target, the detail, the person's name or the name of the
customer or colleague the line is about. ``latest_id`` pins a reading to the lines that
existed when the filter was applied, so pages stay consistent while new lines are written
(the viewer's own export adds one).

Each row carries what an administrator needs to read it without looking anything up: the
person's name, and for a line about a customer or a colleague their name. The labels of
actions, targets and details are marked for translation; ``AuditRow.action_text`` and
friends render them in the user's language.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import String, and_, cast, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from .. import backups
from ..db import READ_ONLY, Database
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Msg, Translate
from ..models import AuditEntry, Customer, Staff
from ..progress import Progress
from . import audit_chain
from .auth import PERMISSION_NAMES, LoggedIn, Permission, audit, authorize, require

PAGE = 200  # rows a page: the viewer's fetchMore and the export's windows

VIEW_ACTION = "audit_view"
EXPORT_ACTION = "audit_export"
TARGET_TYPE = "audit_log"

ACTION_LABELS: dict[str, Msg] = {
    "login": QT_TRANSLATE_NOOP("AuditAction", "Logged in"),
    "login_failed": QT_TRANSLATE_NOOP("AuditAction", "Login failed"),
    "locked": QT_TRANSLATE_NOOP("AuditAction", "Account locked"),
    "inactive": QT_TRANSLATE_NOOP("AuditAction", "Login by someone who has left"),
    "denied": QT_TRANSLATE_NOOP("AuditAction", "Refused: no permission"),
    "password_changed": QT_TRANSLATE_NOOP("AuditAction", "Changed own password"),
    "password_reset": QT_TRANSLATE_NOOP("AuditAction", "Issued a one-time password"),
    "account_created": QT_TRANSLATE_NOOP("AuditAction", "Created an account"),
    "setup": QT_TRANSLATE_NOOP("AuditAction", "First start: administrator created"),
    "recovery": QT_TRANSLATE_NOOP("AuditAction", "Administrator password reset with the recovery code"),
    "recovery_failed": QT_TRANSLATE_NOOP("AuditAction", "Wrong recovery code"),
    "archive_open": QT_TRANSLATE_NOOP("AuditAction", "Opened a customer archive"),
    "renewal_notice": QT_TRANSLATE_NOOP("AuditAction", "Recorded a contract's renewal notice as sent"),
    "renewal_renewed": QT_TRANSLATE_NOOP("AuditAction", "Recorded a contract as renewed"),
    "renewal_lost": QT_TRANSLATE_NOOP("AuditAction", "Recorded a contract as not renewed"),
    "archive_change": QT_TRANSLATE_NOOP("AuditAction", "Changed a customer archive"),
    "handover": QT_TRANSLATE_NOOP("AuditAction", "Handed over a leaving employee's work"),
    "print": QT_TRANSLATE_NOOP("AuditAction", "Printed"),
    "report": QT_TRANSLATE_NOOP("AuditAction", "Produced a report"),
    "report_daily": QT_TRANSLATE_NOOP("AuditAction", "Produced a daily report"),
    "report_monthly": QT_TRANSLATE_NOOP("AuditAction", "Produced the monthly technician report"),
    "export": QT_TRANSLATE_NOOP("AuditAction", "Exported a register to Excel"),
    "import": QT_TRANSLATE_NOOP("AuditAction", "Imported customers"),
    "receipt_refused": QT_TRANSLATE_NOOP("AuditAction", "Wrong receipt number presented at voiding"),
    VIEW_ACTION: QT_TRANSLATE_NOOP("AuditAction", "Viewed the audit log"),
    EXPORT_ACTION: QT_TRANSLATE_NOOP("AuditAction", "Exported the audit log"),
    "audit_verify": QT_TRANSLATE_NOOP("AuditAction", "Checked the audit log's chain"),
    "restore": QT_TRANSLATE_NOOP("AuditAction", "Restored the database from a backup"),
    "backup_folder": QT_TRANSLATE_NOOP("AuditAction", "Set the second folder for backups"),
}

# what a line is about; the printed forms keep the titles the printing uses
TARGET_LABELS: dict[str, Msg] = {
    "customer": QT_TRANSLATE_NOOP("AuditTarget", "Customer"),
    "customers": QT_TRANSLATE_NOOP("AuditTarget", "Customers"),
    "staff": QT_TRANSLATE_NOOP("AuditTarget", "Staff"),
    "register": QT_TRANSLATE_NOOP("AuditTarget", "Register"),
    "handover": QT_TRANSLATE_NOOP("AuditTarget", "Hand-over"),
    "database": QT_TRANSLATE_NOOP("AuditTarget", "Database"),
    "service_call": QT_TRANSLATE_NOOP("AuditTarget", "Service call"),
    TARGET_TYPE: QT_TRANSLATE_NOOP("AuditTarget", "Audit log"),
    "repair_card": QT_TRANSLATE_NOOP("Printing", "repair card"),
    "goods_receipt": QT_TRANSLATE_NOOP("Printing", "goods receipt"),
    "service_voucher": QT_TRANSLATE_NOOP("Printing", "service voucher"),
    "call_register": QT_TRANSLATE_NOOP("Printing", "call register"),
    "goods_register": QT_TRANSLATE_NOOP("Printing", "goods register"),
    "technician_daily": QT_TRANSLATE_NOOP("Printing", "technician daily report"),
    "supervisor_daily": QT_TRANSLATE_NOOP("Printing", "supervisor daily report"),
    "customer_list": QT_TRANSLATE_NOOP("Printing", "customer list"),
    "handover_letter": QT_TRANSLATE_NOOP("Printing", "hand-over notification letter"),
}

ID_TARGETS = frozenset({"customer", "staff", "handover"})  # targets named by a row id

DETAIL_KEYS: dict[str, Msg] = {
    "file": QT_TRANSLATE_NOOP("AuditDetail", "File"),
    "search": QT_TRANSLATE_NOOP("AuditDetail", "Search"),
    "sort": QT_TRANSLATE_NOOP("AuditDetail", "Sort"),
    "name": QT_TRANSLATE_NOOP("AuditDetail", "Name"),
    "role": QT_TRANSLATE_NOOP("AuditDetail", "Role"),
    "permission": QT_TRANSLATE_NOOP("AuditDetail", "Permission"),
    "action": QT_TRANSLATE_NOOP("AuditDetail", "Action"),
    "start": QT_TRANSLATE_NOOP("AuditDetail", "From"),
    "end": QT_TRANSLATE_NOOP("AuditDetail", "To"),
    "staff": QT_TRANSLATE_NOOP("AuditDetail", "Person"),
    "text": QT_TRANSLATE_NOOP("AuditDetail", "Text"),
    "rows": QT_TRANSLATE_NOOP("AuditDetail", "Lines"),
    "field": QT_TRANSLATE_NOOP("AuditDetail", "Field"),
    "fields": QT_TRANSLATE_NOOP("AuditDetail", "Fields"),
    "old": QT_TRANSLATE_NOOP("AuditDetail", "Before"),
    "new": QT_TRANSLATE_NOOP("AuditDetail", "After"),
    "reason": QT_TRANSLATE_NOOP("AuditDetail", "Reason"),
    "change": QT_TRANSLATE_NOOP("AuditDetail", "Change"),
    "kind": QT_TRANSLATE_NOOP("AuditDetail", "Kind"),
    "year": QT_TRANSLATE_NOOP("AuditDetail", "Year"),
    "correspondence_id": QT_TRANSLATE_NOOP("AuditDetail", "Entry"),
    "handover_no": QT_TRANSLATE_NOOP("AuditDetail", "Hand-over no."),
    "customer": QT_TRANSLATE_NOOP("AuditDetail", "Customers"),
    "call": QT_TRANSLATE_NOOP("AuditDetail", "Open calls"),
    "contract": QT_TRANSLATE_NOOP("AuditDetail", "Contracts"),
    "receipt_no": QT_TRANSLATE_NOOP("AuditDetail", "Receipt number presented"),
    "receipt_of": QT_TRANSLATE_NOOP("AuditDetail", "That receipt's call"),
    "backup": QT_TRANSLATE_NOOP("AuditDetail", "Backup"),
    "set_aside": QT_TRANSLATE_NOOP("AuditDetail", "Database set aside"),
    "missing": QT_TRANSLATE_NOOP("AuditDetail", "Records to enter again"),
    "chain_from": QT_TRANSLATE_NOOP("AuditDetail", "Audit lines the backup held"),
}
# the plain-text details auth.log_in writes
DETAIL_PHRASES: dict[str, Msg] = {
    "unknown login": QT_TRANSLATE_NOOP("AuditDetail", "no such login name"),
    "wrong password": QT_TRANSLATE_NOOP("AuditDetail", "wrong password"),
    "locked": QT_TRANSLATE_NOOP("AuditDetail", "the account was locked"),
    "inactive": QT_TRANSLATE_NOOP("AuditDetail", "the person has left"),
}
DENIED_DETAIL = QT_TRANSLATE_NOOP("AuditDetail", "{action} (needs the permission to {permission})")
PART_SEPARATOR = "；"
KEY_SEPARATOR = "："

BAD_PERIOD = QT_TRANSLATE_NOOP("AuditLog", "The period ends ({end}) before it begins ({start}).")
NOT_A_DATE = QT_TRANSLATE_NOOP("AuditLog", "“{value}” is not a date.")


# what an archive change (``archive_change``'s "change") or a refused archive edit (a
# ``denied`` line's "action") was, as services/archive.py names them
ARCHIVE_CHANGES: dict[str, Msg] = {
    "customer_fields": QT_TRANSLATE_NOOP("AuditChange", "change the customer's archive fields"),
    "add_contact": QT_TRANSLATE_NOOP("AuditChange", "add a contact person"),
    "contact_added": QT_TRANSLATE_NOOP("AuditChange", "contact person added"),
    "update_contact": QT_TRANSLATE_NOOP("AuditChange", "correct a contact person"),
    "contact_changed": QT_TRANSLATE_NOOP("AuditChange", "contact person corrected"),
    "contact_left": QT_TRANSLATE_NOOP("AuditChange", "contact person left"),
    "assign_staff": QT_TRANSLATE_NOOP("AuditChange", "make someone responsible"),
    "staff_assigned": QT_TRANSLATE_NOOP("AuditChange", "responsible staff added"),
    "end_responsibility": QT_TRANSLATE_NOOP("AuditChange", "end a responsibility"),
    "staff_ended": QT_TRANSLATE_NOOP("AuditChange", "responsibility ended"),
    "add_event": QT_TRANSLATE_NOOP("AuditChange", "record a major event"),
    "event_added": QT_TRANSLATE_NOOP("AuditChange", "major event recorded"),
    "add_attachment": QT_TRANSLATE_NOOP("AuditChange", "attach a file"),
    "attachment_added": QT_TRANSLATE_NOOP("AuditChange", "file attached"),
    "add_yearly_record": QT_TRANSLATE_NOOP("AuditChange", "add a yearly record"),
    "yearly_record_added": QT_TRANSLATE_NOOP("AuditChange", "yearly record added"),
    "update_yearly_record": QT_TRANSLATE_NOOP("AuditChange", "correct a yearly record"),
    "yearly_record_changed": QT_TRANSLATE_NOOP("AuditChange", "yearly record corrected"),
    "log_correspondence": QT_TRANSLATE_NOOP("AuditChange", "log a contact with the customer"),
    "correspondence_logged": QT_TRANSLATE_NOOP("AuditChange", "contact with the customer logged"),
    "read_confidential": QT_TRANSLATE_NOOP("AuditChange", "read confidential correspondence"),
}


def action_label(action: str, translate: Translate | None = None) -> str:
    """The action as the administrator reads it; an action this version does not know, raw."""
    label = ACTION_LABELS.get(action) or ARCHIVE_CHANGES.get(action)
    return label.tr(translate) if label is not None else action


# --------------------------------------------------------------------------- the filter


@dataclass(frozen=True)
class AuditFilter:
    """What the viewer shows and the export writes. ``upto_id``: only lines that existed
    when the filter was applied (None: all, even those written meanwhile)."""

    start: date | None = None
    end: date | None = None
    staff_id: int | None = None
    action: str | None = None
    text: str | None = None
    upto_id: int | None = None

    def as_kwargs(self) -> dict[str, Any]:
        return asdict(self)

    def described(self, session: Session) -> dict[str, Any]:
        """The filter for the audit line of an export: only what was set, the person by name
        too (a JSON object the detail column shows readably)."""
        out: dict[str, Any] = {}
        if self.start is not None:
            out["start"] = self.start.isoformat()
        if self.end is not None:
            out["end"] = self.end.isoformat()
        if self.staff_id is not None:
            out["staff_id"] = self.staff_id
            out["staff"] = session.scalar(select(Staff.name).where(Staff.id == self.staff_id))
        if self.action:
            out["action"] = self.action
        if self.text and self.text.strip():
            out["text"] = self.text.strip()
        if self.upto_id is not None:
            out["upto_id"] = self.upto_id
        return out


def _as_date(value: object, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise UserError(NOT_A_DATE, field=field, value=value) from None


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(start, end, staff_id, action, text, upto_id) -> list:
    start, end = _as_date(start, "start"), _as_date(end, "end")
    if start is not None and end is not None and end < start:
        raise UserError(BAD_PERIOD, field="end", start=start.isoformat(), end=end.isoformat())
    where = []
    if start is not None:
        where.append(AuditEntry.at >= datetime.combine(start, time()))
    if end is not None:  # the whole last day
        where.append(AuditEntry.at < datetime.combine(end + timedelta(days=1), time()))
    if staff_id is not None:
        where.append(AuditEntry.staff_id == staff_id)
    if action:
        where.append(AuditEntry.action == action)
    if upto_id is not None:
        where.append(AuditEntry.id <= upto_id)
    for word in (text or "").split():
        pattern = f"%{_escape_like(word)}%"

        def like(column, pattern=pattern):
            return column.like(pattern, escape="\\")

        where.append(or_(
            like(AuditEntry.login),
            like(AuditEntry.target_type),
            like(AuditEntry.target_id),
            like(AuditEntry.detail),
            AuditEntry.staff_id.in_(select(Staff.id).where(like(Staff.name))),
            and_(AuditEntry.target_type == "staff",
                 AuditEntry.target_id.in_(select(cast(Staff.id, String)).where(like(Staff.name)))),
            and_(AuditEntry.target_type == "customer",
                 AuditEntry.target_id.in_(select(cast(Customer.id, String)).where(like(Customer.name)))),
        ))
    return where


# --------------------------------------------------------------------------- permission


def _record_refusal(session: Session, user: LoggedIn | None, action: str) -> None:
    """Write ``denied`` where the caller's rollback cannot undo it: in a transaction of its
    own, unless the caller's session already holds the write lock (SQLite: a second writer
    would wait for it) or is bound to one connection; then in the caller's transaction."""
    line = dict(staff_id=user.staff_id if user else None, login=user.login if user else None,
                target_type=TARGET_TYPE, detail={"permission": Permission.AUDIT, "action": action})
    bind = session.get_bind()
    transaction = session.get_transaction()
    writing = (transaction is not None and getattr(transaction, "_connections", None)
               and not bind.get_execution_options().get(READ_ONLY, False))
    if isinstance(bind, Connection) or writing:
        audit(session, "denied", **line)
        return
    with Session(bind.execution_options(**{READ_ONLY: False})) as own, own.begin():
        audit(own, "denied", **line)


def require_audit(session: Session, user: LoggedIn | None, action: str = VIEW_ACTION) -> LoggedIn:
    """``user`` if they may read the audit log; else the refusal is logged and raised."""
    try:
        return require(user, Permission.AUDIT)
    except UserError:
        _record_refusal(session, user, action)
        raise


def open_log(database: Database, user: LoggedIn | None) -> LoggedIn:
    """The viewer opens: checked, and written as one ``audit_view`` line (or ``denied``)."""
    return authorize(database, user, Permission.AUDIT, VIEW_ACTION, target_type=TARGET_TYPE)


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    staff_id: int | None
    person: str | None  # the member of staff's name; None: nobody (an unknown login)
    login: str | None
    action: str
    target_type: str | None
    target_id: str | None
    target_name: str | None  # the customer's or colleague's name, for a line about one
    detail: str | None  # as stored: JSON, or plain text

    def action_text(self, translate: Translate | None = None) -> str:
        return action_label(self.action, translate)

    def target_text(self, translate: Translate | None = None) -> str:
        """``客户 上海精工（#12）``, ``登记簿 叫修登记簿``, ``修理卡 [3, 4]``; unknown: ``type #id``."""
        if not self.target_type:
            return self.target_id or ""
        label = TARGET_LABELS.get(self.target_type)
        kind = label.tr(translate) if label is not None else self.target_type
        if self.target_id is None:
            return kind
        if self.target_name:
            return f"{kind} {self.target_name}（#{self.target_id}）"
        if self.target_type == "register":
            from .registers import REGISTERS

            spec = REGISTERS.get(self.target_id)
            if spec is not None:
                return f"{kind} {spec.title.tr(translate)}"
        if label is None or self.target_type in ID_TARGETS:
            return f"{kind} #{self.target_id}"
        return f"{kind} {self.target_id}"  # a form's numbers or period, a file

    def detail_text(self, translate: Translate | None = None) -> str:
        """The detail in one readable line: ``文件：D:\\a.xlsx；搜索：张伟``."""
        return describe_detail(self.action, self.detail, translate)


def describe_detail(action: str, detail: str | None, translate: Translate | None = None) -> str:
    if not detail:
        return ""
    try:
        value = json.loads(detail)
    except ValueError:
        value = detail
    if isinstance(value, str):
        phrase = DETAIL_PHRASES.get(value)
        return phrase.tr(translate) if phrase is not None else " ".join(value.split())
    if isinstance(value, dict):
        if action == "denied" and "permission" in value:
            permission = PERMISSION_NAMES.get(str(value["permission"]))
            return DENIED_DETAIL.tr(
                translate, action=action_label(str(value.get("action", "")), translate),
                permission=permission.tr(translate) if permission is not None else value["permission"])
        parts = []
        for key, item in value.items():
            if item is None or item == "" or key in ("staff_id", "upto_id"):
                continue
            label = DETAIL_KEYS.get(key)
            parts.append(f"{label.tr(translate) if label is not None else key}{KEY_SEPARATOR}"
                         f"{_detail_value(key, item, translate)}")
        return PART_SEPARATOR.join(parts)
    return _detail_value("", value, translate)


def _detail_value(key: str, value: object, translate: Translate | None) -> str:
    if key == "role":
        from .labels import ROLE

        label = ROLE.get(str(value))
        return label.tr(translate) if label is not None else str(value)
    if key == "permission":
        label = PERMISSION_NAMES.get(str(value))
        return label.tr(translate) if label is not None else str(value)
    if key in ("action", "change"):
        return action_label(str(value), translate)
    if key in ("field", "fields"):
        from .archive import FIELD_LABELS

        names = value if isinstance(value, list) else [value]
        return "、".join(FIELD_LABELS[n].tr(translate) if n in FIELD_LABELS else str(n) for n in names)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return " ".join(str(value).split())


def _rows(session: Session, entries: list[AuditEntry]) -> list[AuditRow]:
    """The page's lines with names: one query for the people, one for the customers."""
    staff_ids = {e.staff_id for e in entries if e.staff_id is not None}
    staff_ids |= {int(e.target_id) for e in entries if e.target_type == "staff" and _is_id(e.target_id)}
    customer_ids = {int(e.target_id) for e in entries if e.target_type == "customer" and _is_id(e.target_id)}
    names = (dict(session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(staff_ids))).all())
             if staff_ids else {})
    customers = (dict(session.execute(select(Customer.id, Customer.name).where(Customer.id.in_(customer_ids))).all())
                 if customer_ids else {})
    rows = []
    for e in entries:
        target_name = None
        if _is_id(e.target_id):
            if e.target_type == "customer":
                target_name = customers.get(int(e.target_id))
            elif e.target_type == "staff":
                target_name = names.get(int(e.target_id))
        rows.append(AuditRow(e.id, e.at, e.staff_id, names.get(e.staff_id) if e.staff_id is not None else None,
                             e.login, e.action, e.target_type, e.target_id, target_name, e.detail))
    return rows


def _is_id(text: str | None) -> bool:
    return text is not None and text.isdigit()


def entries(
    session: Session, user: LoggedIn | None, *, start: date | str | None = None, end: date | str | None = None,
    staff_id: int | None = None, action: str | None = None, text: str | None = None, upto_id: int | None = None,
    offset: int = 0, limit: int = PAGE,
) -> list[AuditRow]:
    """One page of the log, newest first (ties: the later line first), filtered."""
    require_audit(session, user)
    where = _conditions(start, end, staff_id, action, text, upto_id)
    found = list(session.scalars(
        select(AuditEntry).where(*where).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .offset(max(offset, 0)).limit(max(limit, 0))
    ))
    return _rows(session, found)


def count_entries(
    session: Session, user: LoggedIn | None, *, start: date | str | None = None, end: date | str | None = None,
    staff_id: int | None = None, action: str | None = None, text: str | None = None, upto_id: int | None = None,
) -> int:
    """How many lines the filter finds (counted on the base table, without joins)."""
    require_audit(session, user)
    where = _conditions(start, end, staff_id, action, text, upto_id)
    return session.scalar(select(func.count(AuditEntry.id)).where(*where)) or 0


def latest_id(session: Session) -> int | None:
    """The newest line's id: a reading pinned to it ignores the lines written after."""
    return session.scalar(select(func.max(AuditEntry.id)))


@dataclass(frozen=True)
class Person:
    staff_id: int
    name: str
    active: bool


def people(session: Session) -> list[Person]:
    """Everyone who can appear in the log, those still working here first."""
    return [Person(i, n, a) for i, n, a in
            session.execute(select(Staff.id, Staff.name, Staff.active).order_by(Staff.active.desc(), Staff.name_key, Staff.id))]


def actions(session: Session) -> list[str]:
    """Every action to choose from: the known ones in their order, then any other action
    the log holds (written by a newer version, say), as stored."""
    stored = set(session.scalars(select(AuditEntry.action).distinct()))
    return [*ACTION_LABELS, *sorted(stored - set(ACTION_LABELS))]



# -- the chain ---------------------------------------------------------------------------------

CHAIN_ACTION = "audit_verify"


def check_chain(database: Database, user: LoggedIn | None, log_file: Path | None,
                progress: Progress | None = None, backups_dir: Path | None = None) -> audit_chain.ChainReport:
    """Walk the whole chain (audit_chain.verify) against the links kept in the log files and
    the backups' manifests, for someone allowed to read the log; the check itself is a line
    of it."""
    with database.read_session() as session:
        allowed = require_audit(session, user, CHAIN_ACTION)
    anchors = audit_chain.anchors_in_logs(log_file) if log_file is not None else []
    with database.read_session() as session:
        if backups_dir is not None:
            anchors += _backup_anchors(session, backups_dir)
        found = audit_chain.verify(session, anchors, progress)
    with database.Session.begin() as session:
        audit(session, CHAIN_ACTION, staff_id=allowed.staff_id, login=allowed.login, target_type=TARGET_TYPE,
              detail={"lines": found.lines, "intact": found.intact, "broken_at": found.broken_at,
                      "anchor_missing": found.anchor_missing[0] if found.anchor_missing else None})
    return found


def _backup_anchors(session: Session, backups_dir: Path) -> list[tuple[int, str]]:
    """The newest links the backups' manifests hold that this chain must hold too: up to its
    newest line, and none of a database a restore set aside — a backup made before a restore
    whose newest line is past the lines the restored backup held (the restore's
    ``chain_from``) belongs to the chain the restore replaced (the log marks restores;
    manifests cannot)."""
    newest_id = audit_chain.last_link(session)[0]
    restores = []
    for at, detail in session.execute(select(AuditEntry.at, AuditEntry.detail).where(AuditEntry.action == "restore")):
        try:
            restores.append((at, int(json.loads(detail or "{}").get("chain_from"))))
        except (ValueError, TypeError, AttributeError):
            continue
    found = []
    for backup in sorted(backups.list_backups(backups_dir), key=lambda b: b.made_at):
        anchor = backup.audit_newest
        if anchor is None or anchor[0] > newest_id:
            continue
        if any(backup.made_at < at and anchor[0] > chain_from for at, chain_from in restores):
            continue
        found.append(anchor)
    return found


CHAIN_INTACT = QT_TRANSLATE_NOOP("AuditChain", "The audit log is intact: {lines} lines, every link holds.")
CHAIN_EMPTY = QT_TRANSLATE_NOOP("AuditChain", "The audit log is empty.")
CHAIN_BROKEN = QT_TRANSLATE_NOOP(
    "AuditChain", "The audit log was changed outside the program: line {line} (of {at}) no longer links to the line "
                  "before it. Lines from there on cannot be trusted; compare them with a backup.")
CHAIN_REWRITTEN = QT_TRANSLATE_NOOP(
    "AuditChain", "The audit log was rewritten outside the program: line {line}, as the log file recorded it, is no "
                  "longer in it. Compare it with a backup.")


def describe_chain(found: audit_chain.ChainReport, translate: Translate | None = None) -> str:
    if found.broken_at is not None:
        at = f"{found.broken_at_time:%Y-%m-%d %H:%M}" if found.broken_at_time else "?"
        return CHAIN_BROKEN.tr(translate, line=found.broken_at, at=at)
    if found.anchor_missing is not None:
        return CHAIN_REWRITTEN.tr(translate, line=found.anchor_missing[0])
    return CHAIN_INTACT.tr(translate, lines=found.lines) if found.lines else CHAIN_EMPTY.tr(translate)
