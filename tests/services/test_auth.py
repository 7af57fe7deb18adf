"""I7: logins with argon2 hashes, lockout after five wrong passwords, the first start's
administrator and recovery code, permissions checked in the services, the audit log."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy
from sqlalchemy import select

from crm_desktop import demo
from crm_desktop.errors import UserError
from crm_desktop.models import Account, AuditEntry, Staff
from crm_desktop.services import auth

NOW = datetime(2026, 11, 28, 9, 0)


@pytest.fixture
def clerk(database):
    with database.Session.begin() as s:
        staff = Staff(name="钱文员", role="clerk")
        s.add(staff)
        s.flush()
        auth.create_account(s, staff.id, "qian", "mima12345", must_change_password=False)
    return staff


def actions(database) -> list[tuple[str, str | None]]:
    with database.read_session() as s:
        return [(e.action, e.login) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_passwords_are_stored_as_argon2_hashes_only(database, clerk):
    with database.read_session() as s:
        stored = s.scalar(select(Account.password_hash))
    assert stored.startswith("$argon2id$") and "mima12345" not in stored


def test_the_program_hashes_with_argon2_cffis_full_parameters(monkeypatch):
    """The suite hashes cheaply (tests/conftest.py); the program itself keeps argon2-cffi's
    recommended parameters (RFC 9106 low-memory: 3 passes over 64 MiB)."""
    from argon2 import PasswordHasher

    from tests import conftest

    real = conftest.REAL_PASSWORD_HASHER()
    recommended = PasswordHasher()
    assert (real.time_cost, real.memory_cost, real.parallelism) == (
        recommended.time_cost, recommended.memory_cost, recommended.parallelism)
    assert real.time_cost >= 3 and real.memory_cost >= 64 * 1024
    monkeypatch.setattr(auth, "_hasher", conftest.REAL_PASSWORD_HASHER)
    stored = auth.hash_password("mima12345")
    assert stored.startswith(f"$argon2id$v=19$m={recommended.memory_cost},t={recommended.time_cost},")


def test_a_login_is_checked_and_logged(database, clerk):
    user = auth.log_in(database, "qian", "mima12345", now=NOW)
    assert (user.name, user.role) == ("钱文员", "clerk")
    with pytest.raises(UserError):
        auth.log_in(database, "qian", "wrong-password", now=NOW)
    with pytest.raises(UserError):
        auth.log_in(database, "nobody", "whatever1", now=NOW)
    assert actions(database) == [("login", "qian"), ("login_failed", "qian"), ("login_failed", "nobody")]


def test_five_wrong_passwords_lock_the_account_for_15_minutes(database, clerk):
    for _ in range(4):
        with pytest.raises(UserError):
            auth.log_in(database, "qian", "wrong-password", now=NOW)
    with pytest.raises(UserError) as fifth:
        auth.log_in(database, "qian", "wrong-password", now=NOW)
    assert "09:15" in str(fifth.value)
    with pytest.raises(UserError):  # even the right password, while locked
        auth.log_in(database, "qian", "mima12345", now=NOW + timedelta(minutes=14))
    assert auth.log_in(database, "qian", "mima12345", now=NOW + timedelta(minutes=15, seconds=1)).login == "qian"


def test_a_password_under_8_characters_is_refused_and_nothing_saved(database, clerk):
    user = auth.log_in(database, "qian", "mima12345")
    with pytest.raises(UserError) as caught:
        auth.change_password(database, user, "mima12345", "short7!")
    assert caught.value.field == "new_password"
    assert auth.log_in(database, "qian", "mima12345").login == "qian"  # unchanged
    with database.Session.begin() as s:
        other = Staff(name="赵技师", role="technician")
        s.add(other)
        s.flush()
        with pytest.raises(UserError):
            auth.create_account(s, other.id, "zhao", "1234567")


def test_the_first_start_creates_an_admin_who_must_change_the_password(database):
    setup = auth.first_setup(database)
    user = auth.log_in(database, setup.login, setup.password)
    assert user.must_change_password and user.role == "admin"
    changed = auth.change_password(database, user, setup.password, "a-new-secret")
    assert not changed.must_change_password
    with pytest.raises(UserError):
        auth.log_in(database, "admin", setup.password)


def test_the_recovery_code_resets_the_admin_password_once(database):
    setup = auth.first_setup(database)
    with pytest.raises(UserError):
        auth.recover_admin(database, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF", "forgotten-no-more")
    fresh = auth.recover_admin(database, setup.recovery_code.lower(), "forgotten-no-more")
    assert auth.log_in(database, "admin", "forgotten-no-more").login == "admin"
    with pytest.raises(UserError):  # used up: the new code replaces it
        auth.recover_admin(database, setup.recovery_code, "another-password")
    assert fresh != setup.recovery_code


def test_a_real_database_never_has_a_known_password(database):
    setup = auth.first_setup(database)
    for guess in ("admin123", "demo1234", "password", "admin"):
        with pytest.raises(UserError):
            auth.log_in(database, "admin", guess)
    assert len(setup.password) >= 8


def test_the_demo_has_admin_with_admin123_and_is_marked(database):
    demo.generate(database, calls=50, seed=3)
    assert auth.log_in(database, "admin", "admin123").role == "admin"
    with database.read_session() as s:
        assert auth.is_demo(s)
        manager = s.scalar(select(Staff.name).where(Staff.role == "manager"))
    assert auth.log_in(database, manager, "demo1234").role == "manager"


def test_permissions_are_refused_in_the_services_and_the_refusal_is_logged(database, clerk):
    user = auth.log_in(database, "qian", "mima12345")
    auth.authorize(database, user, auth.Permission.EXPORT, "export", target_type="register", target_id="service_call")
    with pytest.raises(UserError) as caught:
        auth.authorize(database, user, auth.Permission.ARCHIVE_VIEW, "archive_open", target_type="customer", target_id=7)
    assert "钱文员" in str(caught.value)
    with pytest.raises(UserError):
        auth.authorize(database, None, auth.Permission.PRINT, "print")
    assert [a for a, _l in actions(database)][-3:] == ["export", "denied", "denied"]


@pytest.mark.parametrize("role, allowed", [
    ("clerk", {"print", "report", "export", "import", "renewals"}),
    ("technician", {"print"}),
    ("admin", {"print", "report", "export", "import", "accounts", "audit", "handover", "restore"}),
])
def test_each_role_has_its_permissions(role, allowed):
    user = auth.LoggedIn(1, "某人", role, "x", False)
    every = set(auth.PERMISSION_NAMES)
    assert {p for p in every if user.may(p)} == allowed
    for refused in every - allowed:
        with pytest.raises(UserError):
            auth.require(user, refused)


def test_the_audit_log_cannot_be_rewritten(database, clerk):
    auth.log_in(database, "qian", "mima12345")
    with pytest.raises(sqlalchemy.exc.DatabaseError):
        with database.Session.begin() as s:
            s.execute(sqlalchemy.text("UPDATE audit_log SET action = 'nothing'"))
    with pytest.raises(sqlalchemy.exc.DatabaseError):
        with database.Session.begin() as s:
            s.execute(sqlalchemy.text("DELETE FROM audit_log"))
    assert actions(database) == [("login", "qian")]


def test_the_administrator_adds_staff_with_one_time_passwords(database):
    setup = auth.first_setup(database)
    admin = auth.change_password(database, auth.log_in(database, "admin", setup.password), setup.password, "admin-secret")
    staff_id, password = auth.add_staff(database, admin, name="孙主任", role="supervisor", login="sun")
    user = auth.log_in(database, "sun", password)
    assert user.must_change_password and user.role == "supervisor"
    with pytest.raises(UserError):
        auth.add_staff(database, admin, name="孙主任", role="clerk", login="sun2")  # the name is taken
    with pytest.raises(UserError):
        auth.add_staff(database, user, name="钱文员", role="clerk", login="qian")  # not the administrator
    again = auth.reset_password(database, admin, staff_id)
    assert auth.log_in(database, "sun", again).must_change_password
    with database.read_session() as s:
        listed = {a.name: a for a in auth.staff_accounts(s)}
    assert listed["孙主任"].login == "sun" and listed["孙主任"].role == "supervisor"


def test_a_member_of_staff_as_the_permission_checks_take_them(database, clerk):
    with database.read_session() as s:
        user = auth.user_of(s, clerk.id)
        assert (user.name, user.role, user.login) == ("钱文员", "clerk", "qian")
        assert auth.user_of(s, None) is None
    with database.Session.begin() as s:
        s.get(Staff, clerk.id).active = False
    with database.read_session() as s:
        assert auth.user_of(s, clerk.id) is None  # someone who left acts as nobody
