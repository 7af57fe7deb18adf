"""I7: every permission is checked by the service that needs it — for each of the nine roles,
each permission's service either works or is refused with a message naming the person and
what they may not do, and a refused write leaves the database as it was."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from crm_desktop.errors import UserError
from crm_desktop.models import AuditEntry, Customer, CustomerEvent, Role, Staff
from crm_desktop.services import archive, audit_log, auth, handover, restore

ROLES = [r.value for r in Role]


# the archive's services run in archive.archive_edit, as the window runs them: the refusal
# is logged once the refused transaction is gone
def _open_archive(database, user, w):
    with archive.archive_edit(database) as s:
        archive.open_archive(s, w["customer"], user)


def _edit_archive(database, user, w):
    with archive.archive_edit(database) as s:
        archive.add_event(s, user, w["customer"], kind="rename", happened_on=date(2026, 11, 2), description="更名")


def _read_confidential(database, user, w):
    with archive.archive_edit(database) as s:
        archive.correspondence(s, w["customer"], include_confidential=True, user=user)


def _authorize(permission):
    def run(database, user, w):
        auth.authorize(database, user, permission, permission)
    return run


def _add_staff(database, user, w):
    auth.add_staff(database, user, name=f"新同事{user.role}", role="clerk", login=f"new-{user.role}")


def _record_renewal(database, user, w):
    """As the renewals page records one: a refusal's audit line written once it rolled back."""
    from crm_desktop.services import contracts, customers, renewals

    try:
        with database.Session.begin() as s:
            product = customers.add_product(s, w["customer"], model="DC-3065")
            contract = contracts.create_contract(s, customer_id=w["customer"], product_ids=[product.id],
                                                 start_date="2026-01-01", end_date="2026-12-31", fee="100")
            renewals.record_lost(s, contract.id, reason="预算削减", on="2026-12-05", by_id=user.staff_id)
    except UserError as exc:
        auth.record_audited(database, exc)
        raise


def _read_audit_log(database, user, w):
    with database.read_session() as s:
        audit_log.entries(s, user)


def _hand_over(database, user, w):
    handover.hand_over(database, user, w["leaver"], {}, reason="辞职")


SERVICES = {
    auth.Permission.ARCHIVE_VIEW: _open_archive,
    auth.Permission.ARCHIVE_EDIT: _edit_archive,
    auth.Permission.ARCHIVE_CONFIDENTIAL: _read_confidential,
    auth.Permission.PRINT: _authorize(auth.Permission.PRINT),
    auth.Permission.REPORT: _authorize(auth.Permission.REPORT),
    auth.Permission.EXPORT: _authorize(auth.Permission.EXPORT),
    auth.Permission.IMPORT: _authorize(auth.Permission.IMPORT),
    auth.Permission.ACCOUNTS: _add_staff,
    auth.Permission.AUDIT: _read_audit_log,
    auth.Permission.HANDOVER: _hand_over,
    # the window's gate before it closes to restore; the restore itself checks the same
    # permission of whoever logs in against the backup's accounts (tests/test_restore.py)
    auth.Permission.RESTORE: lambda database, user, w: restore.authorize_restore(database, user),
    auth.Permission.RENEWALS: _record_renewal,
}


def _state(database) -> tuple:
    with database.read_session() as s:
        return (s.scalar(select(func.count()).select_from(CustomerEvent)),
                s.scalar(select(func.count()).select_from(Staff)),
                tuple(s.scalars(select(Staff.active).order_by(Staff.id))))


def test_every_permission_has_its_service_here():
    assert set(SERVICES) == set(auth.PERMISSION_NAMES)


@pytest.mark.parametrize("role", ROLES)
def test_each_roles_permissions_work_and_the_others_are_refused_by_the_services(database, role):
    with database.Session.begin() as s:
        person = Staff(name=f"用户{role}", role=role)
        other_admin = Staff(name="另一管理员", role="admin")
        leaver = Staff(name="离职员工", role="clerk")
        customer = Customer(name="明达", district="urban")
        s.add_all([person, other_admin, leaver, customer])
        s.flush()
        auth.create_account(s, other_admin.id, "admin2", "mima12345", must_change_password=False)
        w = {"customer": customer.id, "leaver": leaver.id}
        user = auth.LoggedIn(person.id, person.name, role, role, False)
    for permission, service in SERVICES.items():
        if permission in auth.ROLE_PERMISSIONS[role]:
            service(database, user, w)
            continue
        before = _state(database)
        with pytest.raises(UserError) as refused:
            service(database, user, w)
        assert person.name in str(refused.value), (role, permission)
        assert _state(database) == before, (role, permission)
    with database.read_session() as s:
        denied = s.scalars(select(AuditEntry.detail).where(AuditEntry.action == "denied",
                                                           AuditEntry.staff_id == user.staff_id)).all()
    lacking = set(SERVICES) - auth.ROLE_PERMISSIONS[role]
    assert len(denied) == len(lacking)  # every refusal is in the audit log, once
    assert {json.loads(d)["permission"] for d in denied} == lacking
