"""Logins, permissions and the audit log (I7).

What logins protect: the use of the program — who may open an archive, print, export,
sign a report — and a record of who did it. What they cannot protect: someone who copies
the database file reads it with any SQLite tool (the README says so).

* Passwords: at least 8 characters, stored as argon2id hashes (argon2-cffi); five wrong
  passwords in a row lock the account for 15 minutes.
* The first start of a real database creates the administrator ``admin`` with a one-time
  password that must be changed at the first login, and a recovery code (shown once, to
  print and lock away) that resets the administrator's password on this PC.
* Permissions are checked here, in the services: the window only greys out what these
  functions would refuse anyway.
* Every login, failed login, export, print, report, import and archive opening is written to
  the append-only ``audit_log``.
"""

from __future__ import annotations

import json
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from .. import clock
from ..db import Database
from ..errors import AuditedRefusal, UserError
from ..i18n import QT_TRANSLATE_NOOP
from ..models import Account, AuditEntry, Role, Setting, Staff
from . import audit_chain

PASSWORD_MIN_LENGTH = 8
LOCK_AFTER_FAILURES = 5
LOCK_MINUTES = 15
ADMIN_LOGIN = "admin"
RECOVERY_SETTING = "auth.recovery_hash"
DEMO_SETTING = "demo.data"

BAD_LOGIN = QT_TRANSLATE_NOOP("Auth", "Wrong login name or password.")
LOCKED = QT_TRANSLATE_NOOP("Auth", "Too many wrong passwords: the account {login} is locked until {until}.")
INACTIVE = QT_TRANSLATE_NOOP("Auth", "The account {login} belongs to someone who has left; it cannot log in.")
SHORT_PASSWORD = QT_TRANSLATE_NOOP("Auth", "A password has at least {length} characters.")
SAME_PASSWORD = QT_TRANSLATE_NOOP("Auth", "Choose a new password, not the one you have.")
LOGIN_TAKEN = QT_TRANSLATE_NOOP("Auth", "The login name {login} is taken.")
LOGIN_MISSING = QT_TRANSLATE_NOOP("Auth", "Enter a login name.")
HAS_ACCOUNT = QT_TRANSLATE_NOOP("Auth", "{name} already has an account.")
NOT_ALLOWED = QT_TRANSLATE_NOOP("Auth", "{name} ({role}) may not {what}.")
NOT_LOGGED_IN = QT_TRANSLATE_NOOP("Auth", "Log in first.")
NOT_SET_UP = QT_TRANSLATE_NOOP(
    "Auth", "This database has no accounts yet: start the program once to create the administrator.")
BAD_RECOVERY = QT_TRANSLATE_NOOP("Auth", "That recovery code is not the one of this database.")
ADMIN_NAME = QT_TRANSLATE_NOOP("Auth", "Administrator")


class Permission:
    """What a role may do. The names are stored in the audit log's details."""

    ARCHIVE_VIEW = "archive.view"
    ARCHIVE_EDIT = "archive.edit"
    ARCHIVE_CONFIDENTIAL = "archive.confidential"
    PRINT = "print"
    REPORT = "report"
    EXPORT = "export"
    IMPORT = "import"
    ACCOUNTS = "accounts"
    AUDIT = "audit"
    HANDOVER = "handover"
    RESTORE = "restore"
    RENEWALS = "renewals"


PERMISSION_NAMES = {
    Permission.ARCHIVE_VIEW: QT_TRANSLATE_NOOP("Auth", "open customer archives"),
    Permission.ARCHIVE_EDIT: QT_TRANSLATE_NOOP("Auth", "change customer archives"),
    Permission.ARCHIVE_CONFIDENTIAL: QT_TRANSLATE_NOOP("Auth", "read confidential correspondence"),
    Permission.PRINT: QT_TRANSLATE_NOOP("Auth", "print forms"),
    Permission.REPORT: QT_TRANSLATE_NOOP("Auth", "produce reports"),
    Permission.EXPORT: QT_TRANSLATE_NOOP("Auth", "export registers"),
    Permission.IMPORT: QT_TRANSLATE_NOOP("Auth", "import customers"),
    Permission.ACCOUNTS: QT_TRANSLATE_NOOP("Auth", "manage accounts"),
    Permission.AUDIT: QT_TRANSLATE_NOOP("Auth", "read the audit log"),
    Permission.HANDOVER: QT_TRANSLATE_NOOP("Auth", "hand over a leaving employee's customers"),
    Permission.RESTORE: QT_TRANSLATE_NOOP("Auth", "restore a backup in place of the database"),
    Permission.RENEWALS: QT_TRANSLATE_NOOP("Auth", "record contract renewals"),
}

_P = Permission
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.CLERK.value: frozenset({_P.PRINT, _P.REPORT, _P.EXPORT, _P.IMPORT, _P.RENEWALS}),
    Role.TECHNICIAN.value: frozenset({_P.PRINT}),
    Role.SUPERVISOR.value: frozenset({_P.PRINT, _P.REPORT, _P.EXPORT, _P.ARCHIVE_VIEW}),
    Role.ACCOUNTANT.value: frozenset({_P.PRINT, _P.REPORT, _P.EXPORT}),
    Role.MANAGER.value: frozenset({
        _P.PRINT, _P.REPORT, _P.EXPORT, _P.IMPORT, _P.ARCHIVE_VIEW, _P.ARCHIVE_EDIT, _P.ARCHIVE_CONFIDENTIAL, _P.AUDIT,
        _P.HANDOVER, _P.RESTORE, _P.RENEWALS,
    }),
    Role.INFORMATION.value: frozenset({_P.PRINT, _P.REPORT, _P.EXPORT, _P.IMPORT, _P.ARCHIVE_VIEW, _P.ARCHIVE_EDIT,
                                       _P.RENEWALS}),
    Role.MARKETING.value: frozenset({_P.PRINT, _P.REPORT, _P.EXPORT, _P.ARCHIVE_VIEW, _P.RENEWALS}),
    Role.PLANNING.value: frozenset({_P.PRINT, _P.REPORT, _P.EXPORT, _P.ARCHIVE_VIEW}),
    Role.ADMIN.value: frozenset({_P.PRINT, _P.REPORT, _P.EXPORT, _P.IMPORT, _P.ACCOUNTS, _P.AUDIT, _P.HANDOVER, _P.RESTORE}),
}


@dataclass(frozen=True)
class LoggedIn:
    staff_id: int
    name: str
    role: str
    login: str
    must_change_password: bool

    @property
    def id(self) -> int:
        """The member of staff's id (the name the views use)."""
        return self.staff_id

    def may(self, permission: str) -> bool:
        return permission in ROLE_PERMISSIONS.get(self.role, frozenset())


@lru_cache(maxsize=1)
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def _matches(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def check_password(password: object, field: str = "password") -> str:
    text = "" if password is None else str(password)
    if len(text) < PASSWORD_MIN_LENGTH:
        raise UserError(SHORT_PASSWORD, field=field, length=PASSWORD_MIN_LENGTH)
    return text


# -- the audit log ---------------------------------------------------------------------------------

def audit(
    session: Session, action: str, *, staff_id: int | None = None, login: str | None = None,
    target_type: str | None = None, target_id: object = None, detail: object = None, now: datetime | None = None,
) -> None:
    """Append one line to the audit log (in the caller's transaction), linked to the line
    before (audit_chain); once committed, the newest link goes into the log file too."""
    audit_chain.append(session, AuditEntry(
        at=(now or clock.now()).replace(microsecond=0), staff_id=staff_id, login=login, action=action,
        target_type=target_type, target_id=None if target_id is None else str(target_id),
        detail=detail if detail is None or isinstance(detail, str) else json.dumps(detail, ensure_ascii=False, default=str),
    ))
    if not session.info.get("audit_anchor_hooked"):
        session.info["audit_anchor_hooked"] = True
        event.listen(session, "after_commit", audit_chain.log_anchor)
        event.listen(session, "after_soft_rollback", lambda s, _t: audit_chain.forget_anchor(s))


_audit = audit


def record_audited(database: Database, error: BaseException) -> bool:
    """Write the audit line an ``AuditedRefusal`` carries, in a transaction of its own: call
    it once the refused transaction has ended (rolled back), which took everything else of
    the refused step with it. Whether there was a line to write."""
    if not isinstance(error, AuditedRefusal):
        return False
    line = dict(error.audit)
    action = str(line.pop("action"))
    with database.Session.begin() as session:
        audit(session, action, **line)  # type: ignore[arg-type]
    return True


def require(user: LoggedIn | None, permission: str) -> LoggedIn:
    """``user`` if the role may do ``permission``; else a UserError naming who and what."""
    from .labels import ROLE

    if user is None:
        raise UserError(NOT_LOGGED_IN, field="user")
    if not user.may(permission):
        raise UserError(NOT_ALLOWED, field="user", name=user.name, role=ROLE.get(user.role, user.role),
                        what=PERMISSION_NAMES[permission])
    return user


def require_audited(
    database: Database, user: LoggedIn | None, permission: str, action: str, *,
    target_type: str | None = None, target_id: object = None,
) -> LoggedIn:
    """``require``, and a refusal written to the audit log (action ``denied``) in a
    transaction of its own before it is raised: call it before opening the transaction of
    the work itself, which the refusal would otherwise take with it."""
    try:
        return require(user, permission)
    except UserError:
        with database.Session.begin() as session:
            audit(session, "denied", staff_id=user.staff_id if user else None, login=user.login if user else None,
                  target_type=target_type, target_id=target_id, detail={"permission": permission, "action": action})
        raise


def authorize(
    database: Database, user: LoggedIn | None, permission: str, action: str, *,
    target_type: str | None = None, target_id: object = None, detail: object = None,
) -> LoggedIn:
    """Check ``permission`` and record ``action`` in the audit log, in one transaction; a
    refusal is recorded too (action ``denied``), then raised."""
    require_audited(database, user, permission, action, target_type=target_type, target_id=target_id)
    with database.Session.begin() as session:
        audit(session, action, staff_id=user.staff_id, login=user.login, target_type=target_type, target_id=target_id,
              detail=detail)
    return user


# -- accounts --------------------------------------------------------------------------------------

def has_accounts(session: Session) -> bool:
    return session.scalar(select(func.count(Account.id))) > 0


def create_account(session: Session, staff_id: int, login: object, password: object, *,
                   must_change_password: bool = True, password_hash: str | None = None) -> Account:
    staff = session.get(Staff, staff_id)
    name = (str(login).strip() if login is not None else "")
    if not name:
        raise UserError(LOGIN_MISSING, field="login")
    if session.scalar(select(Account.id).where(Account.login == name)) is not None:
        raise UserError(LOGIN_TAKEN, field="login", login=name)
    if session.scalar(select(Account.id).where(Account.staff_id == staff_id)) is not None:
        raise UserError(HAS_ACCOUNT, field="staff", name=staff.name if staff is not None else name)
    account = Account(
        staff_id=staff_id, login=name, password_hash=password_hash or hash_password(check_password(password)),
        must_change_password=must_change_password, failed_attempts=0, created_at=clock.now().replace(microsecond=0),
    )
    session.add(account)
    session.flush()
    return account


def _logged_in(account: Account) -> LoggedIn:
    return LoggedIn(account.staff_id, account.staff.name, account.staff.role, account.login, account.must_change_password)


def user_of(session: Session, staff_id: int | None) -> LoggedIn | None:
    """The member of staff ``staff_id`` as the permission checks take them (None: nobody, or
    someone who has left)."""
    if staff_id is None:
        return None
    staff = session.get(Staff, staff_id)
    if staff is None or not staff.active:
        return None
    login = session.scalar(select(Account.login).where(Account.staff_id == staff_id))
    return LoggedIn(staff.id, staff.name, staff.role, login or "", False)


def log_in(database: Database, login: str, password: str, *, now: datetime | None = None) -> LoggedIn:
    """Check a login; failures are counted (and logged) even though the call then raises.
    A database that refuses writes (a window opened read-only beside another one) checks the
    login and records nothing: neither the audit line nor the failure count."""
    now = (now or clock.now()).replace(microsecond=0)
    login = (login or "").strip()
    error: UserError | None = None
    audit = _audit if not database.writes_refused else (lambda *_args, **_kwargs: None)
    with (database.Session.begin() if not database.writes_refused else _reading(database)) as session:
        account = session.scalar(select(Account).where(Account.login == login))
        if account is None:
            audit(session, "login_failed", login=login, detail="unknown login", now=now)
            error = UserError(BAD_LOGIN, field="password")
        elif account.locked_until is not None and account.locked_until > now:
            audit(session, "login_failed", staff_id=account.staff_id, login=login, detail="locked", now=now)
            error = UserError(LOCKED, field="login", login=login, until=account.locked_until.strftime("%H:%M"))
        elif not _matches(account.password_hash, password or ""):
            account.failed_attempts += 1
            if account.failed_attempts >= LOCK_AFTER_FAILURES:
                account.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                account.failed_attempts = 0
                error = UserError(LOCKED, field="login", login=login, until=account.locked_until.strftime("%H:%M"))
            else:
                error = UserError(BAD_LOGIN, field="password")
            audit(session, "login_failed", staff_id=account.staff_id, login=login, detail="wrong password", now=now)
        elif not account.staff.active:
            audit(session, "login_failed", staff_id=account.staff_id, login=login, detail="inactive", now=now)
            error = UserError(INACTIVE, field="login", login=login)
        else:
            account.failed_attempts = 0
            account.locked_until = None
            account.last_login_at = now
            audit(session, "login", staff_id=account.staff_id, login=login, now=now)
            user = _logged_in(account)
    if error is not None:
        raise error
    return user


@contextmanager
def _reading(database: Database):
    """A session whose changes are never written (it rolls back when closed)."""
    with database.read_session() as session, session.no_autoflush:
        yield session


def change_password(database: Database, user: LoggedIn, old: str, new: object) -> LoggedIn:
    new_password = check_password(new, "new_password")
    with database.Session.begin() as session:
        account = session.scalar(select(Account).where(Account.staff_id == user.staff_id))
        if account is None or not _matches(account.password_hash, old or ""):
            raise UserError(BAD_LOGIN, field="old_password")
        if _matches(account.password_hash, new_password):
            raise UserError(SAME_PASSWORD, field="new_password")
        account.password_hash = hash_password(new_password)
        account.must_change_password = False
        audit(session, "password_changed", staff_id=user.staff_id, login=user.login)
        return _logged_in(account)


def _new_secret(groups: int) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off paper without doubt
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(groups))


@dataclass(frozen=True)
class FirstSetup:
    login: str
    password: str  # one-time: must be changed at the first login
    recovery_code: str  # shown once; resets the administrator's password on this PC


def new_first_setup() -> FirstSetup:
    """The administrator's one-time password and the recovery code, not yet stored: the
    window shows them first and stores them only once the user has confirmed."""
    return FirstSetup(ADMIN_LOGIN, _new_secret(3), _new_secret(6))


def first_setup(database: Database, translate=None, setup: FirstSetup | None = None) -> FirstSetup:
    """A database without accounts gets its administrator (a member of staff with the admin
    role) with a one-time password, and a recovery code; both shown to the user once."""
    setup = setup or new_first_setup()
    password, recovery = setup.password, setup.recovery_code
    with database.Session.begin() as session:
        if has_accounts(session):
            raise UserError(LOGIN_TAKEN, field="login", login=ADMIN_LOGIN)
        staff = session.scalar(select(Staff).where(Staff.role == Role.ADMIN.value))
        if staff is None:
            staff = Staff(name=ADMIN_NAME.tr(translate), role=Role.ADMIN.value, active=True)
            session.add(staff)
            session.flush()
        create_account(session, staff.id, ADMIN_LOGIN, password, must_change_password=True)
        _store_recovery(session, recovery)
        audit(session, "setup", staff_id=staff.id, login=ADMIN_LOGIN)
    return setup


def _store_recovery(session: Session, code: str) -> None:
    row = session.get(Setting, RECOVERY_SETTING)
    value = hash_password(code.replace("-", "").upper())
    if row is None:
        session.add(Setting(key=RECOVERY_SETTING, value=value))
    else:
        row.value = value


def recover_admin(database: Database, code: str, new_password: object) -> str:
    """Reset the administrator's password with the recovery code; the code is used up and a
    new one is returned (to print and lock away again)."""
    password = check_password(new_password, "new_password")
    with database.Session.begin() as session:
        row = session.get(Setting, RECOVERY_SETTING)
        if row is None or not row.value or not _matches(row.value, (code or "").replace("-", "").strip().upper()):
            audit(session, "recovery_failed", login=ADMIN_LOGIN)
            error = UserError(BAD_RECOVERY, field="code")
        else:
            error = None
            account = session.scalar(select(Account).where(Account.login == ADMIN_LOGIN))
            account.password_hash = hash_password(password)
            account.must_change_password = False
            account.failed_attempts = 0
            account.locked_until = None
            fresh = _new_secret(6)
            _store_recovery(session, fresh)
            audit(session, "recovery", staff_id=account.staff_id, login=ADMIN_LOGIN)
    if error is not None:
        raise error
    return fresh


def is_demo(session: Session) -> bool:
    row = session.get(Setting, DEMO_SETTING)
    return row is not None and row.value == "1"


# -- the administrator's work: staff and their accounts --------------------------------------------

NAME_MISSING = QT_TRANSLATE_NOOP("Auth", "Enter the name of the new member of staff.")
NAME_TAKEN = QT_TRANSLATE_NOOP("Auth", "There is already a member of staff called {name}.")
BAD_ROLE = QT_TRANSLATE_NOOP("Auth", "Choose the role of the new member of staff.")


@dataclass(frozen=True)
class StaffAccount:
    staff_id: int
    name: str
    role: str
    active: bool
    login: str | None
    locked_until: datetime | None
    last_login_at: datetime | None
    must_change_password: bool


def staff_accounts(session: Session) -> list[StaffAccount]:
    rows = session.execute(
        select(Staff, Account).outerjoin(Account, Account.staff_id == Staff.id).order_by(Staff.active.desc(), Staff.name_key, Staff.id)
    ).all()
    return [
        StaffAccount(s.id, s.name, s.role, s.active, a.login if a else None, a.locked_until if a else None,
                     a.last_login_at if a else None, a.must_change_password if a else False)
        for s, a in rows
    ]


def add_staff(database: Database, by: LoggedIn | None, *, name: object, role: object, login: object,
              phone: object = None) -> tuple[int, str]:
    """A new member of staff with an account and a one-time password (returned, to hand over)."""
    from .validation import normalize_phone, optional_text

    require_audited(database, by, Permission.ACCOUNTS, "account_created", target_type="staff")
    clean_name = optional_text(name, "name", max_length=40)
    if clean_name is None:
        raise UserError(NAME_MISSING, field="name")
    if role not in ROLE_PERMISSIONS:
        raise UserError(BAD_ROLE, field="role")
    password = _new_secret(3)
    with database.Session.begin() as session:
        if session.scalar(select(Staff.id).where(Staff.name == clean_name)) is not None:
            raise UserError(NAME_TAKEN, field="name", name=clean_name)
        staff = Staff(name=clean_name, role=role, phone=normalize_phone(optional_text(phone, "phone", max_length=40)),
                      active=True)
        session.add(staff)
        session.flush()
        create_account(session, staff.id, login if login else clean_name, password, must_change_password=True)
        audit(session, "account_created", staff_id=by.staff_id, login=by.login, target_type="staff", target_id=staff.id,
              detail={"name": clean_name, "role": role})
        return staff.id, password


def give_account(database: Database, by: LoggedIn | None, staff_id: int, login: object) -> str:
    """An account for a member of staff who has none; the one-time password is returned."""
    require_audited(database, by, Permission.ACCOUNTS, "account_created", target_type="staff", target_id=staff_id)
    password = _new_secret(3)
    with database.Session.begin() as session:
        staff = session.get(Staff, staff_id)
        create_account(session, staff_id, login if login else staff.name, password, must_change_password=True)
        audit(session, "account_created", staff_id=by.staff_id, login=by.login, target_type="staff", target_id=staff_id)
    return password


def reset_password(database: Database, by: LoggedIn | None, staff_id: int) -> str:
    """A new one-time password for someone who forgot theirs (and the lock lifted)."""
    require_audited(database, by, Permission.ACCOUNTS, "password_reset", target_type="staff", target_id=staff_id)
    password = _new_secret(3)
    with database.Session.begin() as session:
        account = session.scalar(select(Account).where(Account.staff_id == staff_id))
        account.password_hash = hash_password(password)
        account.must_change_password = True
        account.failed_attempts = 0
        account.locked_until = None
        audit(session, "password_reset", staff_id=by.staff_id, login=by.login, target_type="staff", target_id=staff_id)
    return password
