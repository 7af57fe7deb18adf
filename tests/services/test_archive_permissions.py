"""I7: the archive is changed only by who may change it, checked in the services (the window
only greys out what these refuse anyway). Every edit writes one ``archive_change`` audit
line; a refusal leaves the database as it was and is audited as ``denied``. I5: confidential
correspondence is logged and read only with its own permission. The customer's archive-only
fields are refused to the front desk, whose own fields stay open."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm_desktop.models import (
    Attachment,
    AuditEntry,
    Correspondence,
    Customer,
    CustomerContact,
    CustomerEvent,
    CustomerStaff,
    RecordChange,
    Staff,
    YearlyRecord,
)
from crm_desktop.services import archive, auth, customers

ROLES = ("clerk", "technician", "supervisor", "accountant", "manager", "information", "marketing", "planning", "admin")
WITHOUT_EDIT = ("clerk", "technician", "supervisor", "accountant", "marketing", "planning", "admin")
ARCHIVE_TABLES = (Customer, CustomerContact, CustomerStaff, RecordChange, CustomerEvent, YearlyRecord,
                  Correspondence, Attachment)


@pytest.fixture
def users(database) -> dict[str, auth.LoggedIn]:
    """One member of staff of every role, as the permission checks take them."""
    with database.Session.begin() as s:
        people = {role: Staff(name=f"{role}员工", role=role) for role in ROLES}
        s.add_all(people.values())
        s.flush()
        ids = {role: p.id for role, p in people.items()}
    with database.Session() as s:
        return {role: auth.user_of(s, staff_id) for role, staff_id in ids.items()}


@pytest.fixture
def archive_data(database, users, tmp_path):
    """A customer whose archive has one of everything, filed by the manager."""
    manager = users["manager"]
    letter = tmp_path / "来函.pdf"
    letter.write_bytes(b"%PDF letter")
    with database.Session.begin() as s:
        firm = customers.create_customer(s, name="南京明达贸易有限公司", category="distributor",
                                         registered_capital="500000").id
        contact = archive.add_contact(s, manager, firm, name="刘经理", phone="13912345678").id
        line = archive.assign_staff(s, manager, firm, users["clerk"].staff_id, since="2026-01-05").id
        record = archive.add_yearly_record(s, manager, firm, year=2025, sales="1000").id
        entry = archive.log_correspondence(s, manager, firm, happened_at="2026-11-20 10:00", kind="letter",
                                           direction="incoming", summary="来函询价", attachments=[letter],
                                           data_dir=tmp_path / "data").id
    new_file = tmp_path / "年报.pdf"
    new_file.write_bytes(b"%PDF annual report")
    return dict(firm=firm, contact=contact, line=line, record=record, entry=entry, file=new_file,
                data=tmp_path / "data")


# each editing function of the archive, called as ``user`` on the archive above
EDITS = {
    "add_contact": lambda s, u, d: archive.add_contact(s, u, d["firm"], name="张科长"),
    "update_contact": lambda s, u, d: archive.update_contact(s, u, d["contact"], {"phone": "025-83304616"}),
    "mark_contact_left": lambda s, u, d: archive.mark_contact_left(s, u, d["contact"], "2026-03-31"),
    "assign_staff": lambda s, u, d: archive.assign_staff(s, u, d["firm"], u.staff_id),
    "end_responsibility": lambda s, u, d: archive.end_responsibility(s, u, d["line"]),
    "add_event": lambda s, u, d: archive.add_event(s, u, d["firm"], kind="rename", happened_on="2026-03-01",
                                                   description="更名为明达集团"),
    "add_attachment": lambda s, u, d: archive.add_attachment(s, u, d["data"], d["firm"], d["file"]),
    "add_yearly_record": lambda s, u, d: archive.add_yearly_record(s, u, d["firm"], year=2024, sales="900",
                                                                   attachment=d["file"], data_dir=d["data"]),
    "update_yearly_record": lambda s, u, d: archive.update_yearly_record(s, u, d["record"], {"sales": "1200"},
                                                                         attachment=d["file"], data_dir=d["data"]),
    "log_correspondence": lambda s, u, d: archive.log_correspondence(
        s, u, d["firm"], happened_at="2026-11-21 09:30", kind="phone", direction="outgoing", summary="电话回访",
        attachments=[d["file"]], data_dir=d["data"]),
}


def snapshot(database, data_dir) -> tuple:
    """Every archive row (all columns) and every stored file: what a refusal must not change."""
    with database.Session() as s:
        rows = tuple(
            tuple(tuple(getattr(r, c.key) for c in model.__table__.columns) for r in s.scalars(select(model)))
            for model in ARCHIVE_TABLES
        )
    files = tuple(sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*") if p.is_file()))
    return rows, files


def audit_lines(database, action: str) -> list[AuditEntry]:
    with database.Session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize("role", WITHOUT_EDIT)
def test_i7_every_archive_edit_is_refused_without_the_permission_nothing_changes_and_the_refusal_is_audited(
        database, users, archive_data, role, edit):
    user = users[role]
    before = snapshot(database, archive_data["data"])
    changes_logged = len(audit_lines(database, "archive_change"))
    with pytest.raises(archive.ArchiveRefused) as refused:
        with archive.archive_edit(database) as s:
            EDITS[edit](s, user, archive_data)
    assert refused.value.field == "user" and user.name in refused.value.render()
    assert snapshot(database, archive_data["data"]) == before
    assert len(audit_lines(database, "archive_change")) == changes_logged
    (denied,) = audit_lines(database, "denied")
    assert (denied.staff_id, denied.login, denied.target_type) == (user.staff_id, user.login, "customer")
    assert denied.target_id == str(archive_data["firm"])
    assert json.loads(denied.detail) == {"permission": "archive.edit", "action": edit.replace("mark_", "")}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_i7_a_refusal_in_the_callers_own_transaction_leaves_it_untouched(database, users, archive_data, edit):
    """Called inside a transaction the caller manages, the service neither writes nor audits
    anything on a refusal: the caller's transaction may go on (or roll back) as it was."""
    before = snapshot(database, archive_data["data"])
    with database.Session.begin() as s:
        with pytest.raises(archive.ArchiveRefused):
            EDITS[edit](s, users["marketing"], archive_data)
        assert not s.new and not s.dirty and not s.deleted
    assert snapshot(database, archive_data["data"]) == before
    assert audit_lines(database, "denied") == []


def test_i7_a_refusal_rolls_back_the_whole_unit_of_work_and_only_the_denied_line_is_kept(database, users, archive_data):
    before = snapshot(database, archive_data["data"])
    with pytest.raises(archive.ArchiveRefused):
        with archive.archive_edit(database) as s:
            customers.update_customer(s, archive_data["firm"], {"phone": "025-84561234"}, by_id=users["clerk"].staff_id)
            archive.add_event(s, users["clerk"], archive_data["firm"], kind="other", happened_on="2026-11-01",
                              description="前台补记")
    assert snapshot(database, archive_data["data"]) == before
    assert len(audit_lines(database, "denied")) == 1


def test_i7_nobody_logged_in_is_refused_too(database, archive_data):
    with pytest.raises(archive.ArchiveRefused) as refused:
        with archive.archive_edit(database) as s:
            archive.add_contact(s, None, archive_data["firm"], name="张科长")
    assert refused.value.field == "user"
    (denied,) = audit_lines(database, "denied")
    assert denied.staff_id is None and denied.target_id == str(archive_data["firm"])


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize("role", ["manager", "information"])
def test_i7_every_archive_edit_writes_one_audit_line_with_who_and_what(database, users, archive_data, role, edit):
    user = users[role]
    changes_logged = len(audit_lines(database, "archive_change"))
    with archive.archive_edit(database) as s:
        EDITS[edit](s, user, archive_data)
    lines = audit_lines(database, "archive_change")
    assert len(lines) == changes_logged + 1
    line = lines[-1]
    assert (line.staff_id, line.login, line.target_type, line.target_id) == (
        user.staff_id, user.login, "customer", str(archive_data["firm"]))
    detail = json.loads(line.detail)
    assert detail["change"] in {
        "contact_added", "contact_changed", "contact_left", "staff_assigned", "staff_ended", "event_added",
        "attachment_added", "yearly_record_added", "yearly_record_changed", "correspondence_logged"}
    assert audit_lines(database, "denied") == []
    from crm_desktop.services.audit_log import describe_detail

    assert describe_detail(line.action, line.detail)  # the audit log viewer shows it


def test_i7_the_audit_detail_says_what_changed(database, users, archive_data):
    manager = users["manager"]
    with archive.archive_edit(database) as s:
        archive.update_contact(s, manager, archive_data["contact"], {"phone": "025-83304616", "position": None})
        archive.update_yearly_record(s, manager, archive_data["record"], {"sales": "1000.00"})  # no change: no line
    (line,) = audit_lines(database, "archive_change")[-1:]
    assert json.loads(line.detail) == {"change": "contact_changed", "name": "刘经理", "fields": ["phone"],
                                       "old": {"phone": "13912345678"}, "new": {"phone": "025-83304616"}}
    # the audit log viewer reads it in one line
    from crm_desktop.services.audit_log import describe_detail

    shown = describe_detail(line.action, line.detail)
    assert "刘经理" in shown and "025-83304616" in shown
    with database.Session() as s:
        assert s.get(CustomerContact, archive_data["contact"]).phone == "025-83304616"
        assert s.get(YearlyRecord, archive_data["record"]).sales == Decimal("1000.00")


def test_i7_who_did_it_is_the_acting_user_in_the_history(database, users, archive_data):
    info = users["information"]
    with archive.archive_edit(database) as s:
        archive.mark_contact_left(s, info, archive_data["contact"], date(2026, 3, 31))
        archive.assign_staff(s, info, archive_data["firm"], info.staff_id)
    with database.Session() as s:
        latest = {h.field: h for h in reversed(archive.history(s, archive_data["firm"]))}
        assert latest["contacts"].changed_by_id == info.staff_id and latest["contacts"].new_value is None
        assert latest["responsible_staff"].changed_by_id == info.staff_id


# --------------------------------------------------------------------------- I5 confidential


def test_i5_only_who_may_read_confidential_entries_logs_one(database, users, archive_data):
    info, manager = users["information"], users["manager"]
    before = snapshot(database, archive_data["data"])
    with pytest.raises(archive.ArchiveRefused) as refused:
        with archive.archive_edit(database) as s:
            archive.log_correspondence(s, info, archive_data["firm"], happened_at="2026-11-22 15:00", kind="visit",
                                       direction="outgoing", summary="与总经理密谈", confidential=True,
                                       attachments=[archive_data["file"]], data_dir=archive_data["data"])
    assert refused.value.field == "user"
    assert snapshot(database, archive_data["data"]) == before
    (denied,) = audit_lines(database, "denied")
    assert json.loads(denied.detail) == {"permission": "archive.confidential", "action": "log_correspondence"}
    with archive.archive_edit(database) as s:
        secret = archive.log_correspondence(s, manager, archive_data["firm"], happened_at="2026-11-22 15:00",
                                            kind="visit", direction="outgoing", summary="与总经理密谈",
                                            confidential=True).id
    detail = audit_lines(database, "archive_change")[-1].detail
    assert "密谈" not in detail and json.loads(detail)["confidential"] is True
    with database.Session() as s:
        assert s.get(Correspondence, secret).confidential


def test_i5_confidential_entries_are_read_and_their_files_opened_only_with_the_permission(
        database, users, archive_data):
    info, manager = users["information"], users["manager"]
    with archive.archive_edit(database) as s:
        secret = archive.log_correspondence(s, manager, archive_data["firm"], happened_at="2026-11-22 15:00",
                                            kind="visit", direction="outgoing", summary="密谈纪要", confidential=True,
                                            attachments=[archive_data["file"]], data_dir=archive_data["data"]).id
    with database.Session() as s:
        (secret_file,) = archive.attachments(s, correspondence_id=secret)
        (open_file,) = archive.attachments(s, correspondence_id=archive_data["entry"])
        assert [e.id for e in archive.correspondence(s, archive_data["firm"], user=info)] == [archive_data["entry"]]
        assert [e.id for e in archive.correspondence(s, archive_data["firm"], include_confidential=True,
                                                     user=manager)] == [secret, archive_data["entry"]]
        for reader in (info, users["supervisor"], None):
            with pytest.raises(archive.ArchiveRefused):
                archive.correspondence(s, archive_data["firm"], include_confidential=True, user=reader)
            with pytest.raises(archive.ArchiveRefused):
                archive.attachment_file(s, archive_data["data"], secret_file.id, reader)
        assert archive.attachment_file(s, archive_data["data"], open_file.id, info).read_bytes() == b"%PDF letter"
        assert archive.attachment_file(s, archive_data["data"], secret_file.id, manager).read_bytes() == \
            b"%PDF annual report"
    with pytest.raises(archive.ArchiveRefused):
        with archive.archive_edit(database) as s:
            archive.add_attachment(s, info, archive_data["data"], archive_data["firm"], archive_data["file"],
                                   correspondence_id=secret)
    with database.Session() as s:
        assert len(archive.attachments(s, correspondence_id=secret)) == 1


# --------------------------------------------------------------------------- archive-only customer fields


@pytest.mark.parametrize("role", WITHOUT_EDIT)
@pytest.mark.parametrize("field, value", [
    ("status", "inactive"), ("vip_level", "2"), ("importance", "important"), ("legal_representative", "周总"),
    ("business_scope", "办公设备批发"), ("registered_capital", "800000"), ("category", "supplier"),
])
def test_i7_the_front_desk_may_not_change_archive_only_fields(database, users, archive_data, role, field, value):
    user = users[role]
    with database.Session() as s:
        firm = s.get(Customer, archive_data["firm"])
        with pytest.raises(archive.ArchiveRefused) as refused:
            archive.check_archive_fields(user, {"phone": "025-84561234", field: value}, firm)
    assert refused.value.field == "user" and refused.value.detail == {"fields": [field]}


def test_i7_the_front_desk_keeps_its_own_fields_and_unchanged_archive_fields_pass(database, users, archive_data):
    clerk = users["clerk"]
    with archive.archive_edit(database) as s:
        firm = s.get(Customer, archive_data["firm"])
        # what the dialog sends: every field, the archive ones as loaded ("500000.00", "0")
        values = {"name": "南京明达贸易集团", "phone": "025-84561234", "address": "南京市中山路1号", "district": "suburban",
                  "status": "active", "vip_level": "0", "importance": "normal", "registered_capital": "500000",
                  "legal_representative": "", "business_scope": None, "category": "distributor"}
        archive.check_archive_fields(clerk, values, firm)
        customers.update_customer(s, firm.id, values, by_id=clerk.staff_id)
    with database.Session() as s:
        firm = s.get(Customer, archive_data["firm"])
        assert (firm.name, firm.phone, firm.district, firm.registered_capital) == (
            "南京明达贸易集团", "025-84561234", "suburban", Decimal("500000.00"))


def test_i7_a_new_customer_from_the_front_desk_gets_the_defaults_only(database, users):
    clerk, manager = users["clerk"], users["manager"]
    defaults = {"name": "张伟", "phone": "13812345678", "category": "end_user", "status": "active", "vip_level": "0",
                "importance": "normal", "code": None, "registered_capital": None}
    archive.check_archive_fields(clerk, defaults)
    for field, value in (("category", "distributor"), ("vip_level", "1"), ("code", "YH99999")):
        with pytest.raises(archive.ArchiveRefused):
            archive.check_archive_fields(clerk, {**defaults, field: value})
        archive.check_archive_fields(manager, {**defaults, field: value})


def test_i7_the_window_greys_out_by_the_services_own_answer():
    """edit_refusal is what the window shows as the reason; it agrees with the roles."""
    for role in ROLES:
        user = auth.LoggedIn(1, "某人", role, "x", False)
        assert archive.may_edit(user) is (role in ("manager", "information"))
        refusal = archive.edit_refusal(user, confidential=True)
        assert (refusal is None) is (role == "manager")
    assert archive.edit_refusal(None) is not None
