"""The customer archive (I2–I5, I8–I10, D5): codes by rule per category, the change history,
events, yearly records, correspondence with attachments, responsible staff; bad input
refused with nothing saved (X2)."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from crm_desktop import clock, files
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.models import (
    Attachment,
    Correspondence,
    Customer,
    CustomerContact,
    CustomerEvent,
    RecordChange,
    Staff,
    YearlyRecord,
)
from crm_desktop.services import archive, auth, customers, form_data, numbering

from ..factories import count, refused


@pytest.fixture
def staff(database) -> list[int]:
    with database.Session.begin() as s:
        people = [Staff(name="王业务", role="clerk"), Staff(name="李业务", role="clerk"),
                  Staff(name="陈经理", role="manager")]
        s.add_all(people)
        s.flush()
        return [p.id for p in people]


@pytest.fixture
def keeper(database, staff) -> auth.LoggedIn:
    """陈经理, the branch manager: may change archives and read confidential entries (I7)."""
    with database.Session() as s:
        return auth.user_of(s, staff[2])


@pytest.fixture
def firm(database) -> int:
    with database.Session.begin() as s:
        return customers.create_customer(s, name="上海明达贸易有限公司", category="distributor",
                                         phone="021-62345678", registered_capital="500000").id


def _messages(error: UserError) -> dict[str | None, str]:
    problems = error.problems if isinstance(error, ValidationError) else [error]
    return {p.field: p.render() for p in problems}


# --------------------------------------------------------------------------- D5 codes


def test_d5_codes_follow_the_rule_of_each_category_and_are_never_reused(database):
    with database.Session.begin() as s:
        a = customers.create_customer(s, name="甲供应商", category="supplier")
        b = customers.create_customer(s, name="乙供应商", category="supplier")
        c = customers.create_customer(s, name="丙银行", category="special")
        d = customers.create_customer(s, name="丁用户")
        assert (a.code, b.code, c.code, d.code) == ("GY00001", "GY00002", "TB00001", "YH00001")
    with database.Session.begin() as s:
        s.delete(s.get(Customer, b.id))
    with database.Session.begin() as s:
        assert customers.create_customer(s, name="戊供应商", category="supplier").code == "GY00003"


def test_d5_the_code_rule_is_configurable_and_a_hand_typed_code_is_skipped(database):
    with database.Session.begin() as s:
        numbering.set_pattern(s, customers.code_rule("distributor"), "KH-D{seq:03}")
        customers.create_customer(s, name="手工编号", category="distributor", code="KH-D001")
        assert customers.create_customer(s, name="自动编号", category="distributor").code == "KH-D002"


def test_d5_a_refused_customer_does_not_use_up_a_code(database):
    refused(database, customers.create_customer, name="坏邮编", postcode="2000")
    with database.Session.begin() as s:
        assert customers.create_customer(s, name="好客户").code == "YH00001"


def test_bad_input_duplicate_code_is_refused_in_chinese_terms_and_nothing_saved(database, firm):
    with database.Session() as s:
        code = s.get(Customer, firm).code
    before = count(database, Customer)
    error = refused(database, customers.create_customer, name="重复", code=code)
    assert error.field == "code" and code in error.render()
    assert count(database, Customer) == before


@pytest.mark.parametrize("phone", ["13812345678", "+86 138 1234 5678", "021-62345678", "(0571) 8765 4321",
                                   "021-62345678 转 123", "400-820-8820", "0755-12345678-8001"])
def test_bad_input_every_chinese_phone_form_is_accepted(database, phone):
    with database.Session.begin() as s:
        assert customers.create_customer(s, name="电话客户", phone=phone).phone


@pytest.mark.parametrize("phone", ["12345", "62345678", "138123456789", "abc", "+1 415 555 0100"])
def test_bad_input_other_phones_postcodes_and_capital_are_refused_nothing_saved(database, phone):
    error = refused(database, customers.create_customer, name="坏客户", phone=phone, postcode="12345",
                    registered_capital="-1")
    assert set(_messages(error)) == {"phone", "postcode", "registered_capital"}
    assert count(database, Customer) == 0
    error = refused(database, customers.create_customer, name="坏客户", registered_capital="五百万")
    assert error.field == "registered_capital"
    assert count(database, Customer) == 0


def test_i8_vip_level_status_and_importance_are_checked(database):
    error = refused(database, customers.create_customer, name="甲", vip_level="5", status="gone", importance="x")
    assert set(_messages(error)) == {"vip_level", "status", "importance"}
    with database.Session.begin() as s:
        c = customers.create_customer(s, name="乙", vip_level="2", status="prospect", importance="promising")
        assert (c.vip_level, c.status, c.importance) == (2, "prospect", "promising")


# --------------------------------------------------------------------------- I4 history


def test_i4_every_change_of_an_archive_field_is_recorded_with_who_and_when(database, firm, staff):
    with database.Session.begin() as s:
        customers.update_customer(s, firm, {"address": "上海市徐汇区漕溪北路88号", "registered_capital": "800000",
                                            "phone": "021-62345678"}, by_id=staff[0])
    with database.Session() as s:
        lines = {h.field: h for h in archive.history(s, firm)}
    assert set(lines) == {"address", "registered_capital"}  # the phone did not change
    assert (lines["registered_capital"].old_value, lines["registered_capital"].new_value) == ("500000.00", "800000.00")
    assert lines["address"].old_value is None and lines["address"].changed_by_id == staff[0]
    assert isinstance(lines["address"].changed_at, datetime)


def test_i4_a_refused_update_records_no_history(database, firm):
    refused(database, customers.update_customer, firm, {"address": "新地址", "postcode": "1"})
    assert count(database, RecordChange) == 0


def test_i4_major_events_and_yearly_records(database, firm, keeper, tmp_path):
    report = tmp_path / "2025年报.pdf"
    report.write_bytes(b"%PDF-1.4 annual report")
    with database.Session.begin() as s:
        archive.add_event(s, keeper, firm, kind="rename", happened_on="2026-03-01", description="更名为明达集团")
        archive.add_yearly_record(s, keeper, firm, year="2025", sales="1,200,000.50", receivables="30000",
                                  remarks="良好", attachment=report, data_dir=tmp_path / "data")
    with database.Session() as s:
        (event,) = archive.events(s, firm)
        assert (event.kind, event.recorded_by_id) == ("rename", keeper.staff_id)
        (record,) = archive.yearly_records(s, firm)
        assert (record.year, record.sales, record.receivables) == (2025, Decimal("1200000.50"), Decimal("30000.00"))
        assert record.recorded_by_id == keeper.staff_id
        (attached,) = archive.attachments(s, yearly_record_id=record.id)
        assert archive.attachment_file(s, tmp_path / "data", attached.id, keeper).read_bytes() == report.read_bytes()
    error = refused(database, archive.add_yearly_record, keeper, firm, year=2025, sales="abc",
                    attachment=tmp_path / "missing.pdf", data_dir=tmp_path / "data")
    assert set(_messages(error)) == {"year", "sales", "attachment"}
    error = refused(database, archive.add_event, keeper, firm, kind="party", happened_on="昨天", description="")
    assert set(_messages(error)) == {"kind", "happened_on", "description"}
    assert count(database, CustomerEvent) == 1 and count(database, YearlyRecord) == 1


def test_i4_a_yearly_record_is_corrected_and_gets_one_more_file_but_keeps_its_year(database, firm, keeper, tmp_path):
    data = tmp_path / "data"
    audited = tmp_path / "审计报告.pdf"
    audited.write_bytes(b"%PDF audited")
    with database.Session.begin() as s:
        record_id = archive.add_yearly_record(s, keeper, firm, year=2025, sales="100").id
    with database.Session.begin() as s:
        archive.update_yearly_record(s, keeper, record_id, {"sales": "1,250.5", "receivables": "", "remarks": "已审计"},
                                     attachment=audited, data_dir=data)
    with database.Session() as s:
        record = s.get(YearlyRecord, record_id)
        assert (record.sales, record.receivables, record.remarks) == (Decimal("1250.50"), None, "已审计")
        assert [a.original_name for a in archive.attachments(s, yearly_record_id=record_id)] == ["审计报告.pdf"]
    error = refused(database, archive.update_yearly_record, keeper, record_id, {"year": 2024, "sales": "x"})
    assert set(_messages(error)) == {"year", "sales"}
    with database.Session() as s:
        assert (s.get(YearlyRecord, record_id).year, s.get(YearlyRecord, record_id).sales) == (2025, Decimal("1250.50"))


# --------------------------------------------------------------------------- I5, I9 correspondence


def test_i9_correspondence_with_attachments_copied_and_hashed(database, firm, staff, keeper, tmp_path):
    fax = tmp_path / "传真.tif"
    fax.write_bytes(b"fax image")
    data = tmp_path / "data"
    with database.Session.begin() as s:
        entry = archive.log_correspondence(
            s, keeper, firm, happened_at="2026-11-20 10:30", kind="fax", direction="incoming", staff_id=staff[0],
            summary="询价：复印机十台", attachments=[fax], data_dir=data,
        )
        archive.log_correspondence(s, keeper, firm, happened_at=datetime(2026, 11, 21, 9), kind="visit",
                                   direction="outgoing", summary="拜访总经理，谈保密合作", confidential=True)
    fax.unlink()  # the archive keeps its own copy
    with database.Session() as s:
        assert [c.kind for c in archive.correspondence(s, firm)] == ["fax"]
        assert [c.kind for c in archive.correspondence(s, firm, include_confidential=True, user=keeper)] == [
            "visit", "fax"]
        assert s.get(Correspondence, entry.id).recorded_by_id == keeper.staff_id
        (attached,) = archive.attachments(s, correspondence_id=entry.id)
        assert attached.original_name == "传真.tif" and len(attached.sha256) == 64 and attached.size == 9
        assert attached.added_by_id == keeper.staff_id
        path = archive.attachment_file(s, data, attached.id, keeper)
        assert path.read_bytes() == b"fax image"
    path.write_bytes(b"tampered")
    with database.Session() as s:
        with pytest.raises(UserError) as info:
            archive.attachment_file(s, data, attached.id, keeper)
        assert "changed" in info.value.render()


def test_i9_a_bad_correspondence_saves_nothing_not_even_the_file(database, firm, keeper, tmp_path):
    error = refused(database, archive.log_correspondence, keeper, firm, happened_at="", kind="pigeon", direction="in",
                    summary=" ", attachments=[tmp_path / "missing.pdf"], data_dir=tmp_path / "data")
    assert set(_messages(error)) == {"happened_at", "kind", "direction", "summary", "attachment"}
    assert count(database, Correspondence) == 0 and count(database, Attachment) == 0
    assert not (tmp_path / "data" / archive.ATTACHMENTS_FOLDER).exists()


def test_i9_a_copy_that_fails_half_way_keeps_nothing_of_the_file(database, firm, keeper, tmp_path, monkeypatch):
    fax = tmp_path / "传真.tif"
    fax.write_bytes(b"fax image" * 1000)
    data = tmp_path / "data"

    def disk_full(src, dst, **_kwargs):
        Path(dst).write_bytes(b"fax ima")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", disk_full)
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            archive.log_correspondence(s, keeper, firm, happened_at="2026-11-20 10:30", kind="fax",
                                       direction="incoming", summary="询价", attachments=[fax], data_dir=data)
    assert info.value.render() == f"The file {fax} could not be copied: the disk is full"
    assert count(database, Correspondence) == 0 and count(database, Attachment) == 0
    folders = list((data / archive.ATTACHMENTS_FOLDER).rglob("*"))
    assert folders and all(p.is_dir() and files.leftover_temporaries(p) == [] for p in folders)


# --------------------------------------------------------------------------- contacts and I10


def test_contacts_are_kept_and_checked(database, firm, keeper):
    with database.Session.begin() as s:
        archive.add_contact(s, keeper, firm, name="刘经理", position="采购部经理", phone="13912345678",
                            email="liu@mingda.cn")
    error = refused(database, archive.add_contact, keeper, firm, name="", phone="123", email="no-at")
    assert set(_messages(error)) == {"name", "phone", "email"}
    with database.Session() as s:
        assert [c.name for c in archive.contacts(s, firm)] == ["刘经理"]
    assert count(database, CustomerContact) == 1


def test_i4_a_contact_is_corrected_and_a_new_name_shows_in_the_history(database, firm, keeper):
    with database.Session.begin() as s:
        contact_id = archive.add_contact(s, keeper, firm, name="刘经里", phone="13912345678").id
    with database.Session.begin() as s:
        archive.update_contact(s, keeper, contact_id, {"name": "刘经理", "email": "liu@mingda.cn", "phone": "13912345678"})
    with database.Session() as s:
        contact = s.get(CustomerContact, contact_id)
        assert (contact.name, contact.email, contact.phone) == ("刘经理", "liu@mingda.cn", "13912345678")
        lines = [(h.old_value, h.new_value, h.changed_by_id) for h in archive.history(s, firm) if h.field == "contacts"]
    assert lines == [("刘经里", "刘经理", keeper.staff_id), (None, "刘经里", keeper.staff_id)]
    error = refused(database, archive.update_contact, keeper, contact_id, {"name": " ", "email": "x"})
    assert set(_messages(error)) == {"name", "email"}
    with database.Session() as s:
        assert s.get(CustomerContact, contact_id).name == "刘经理"


def test_i11_a_contact_who_left_stays_listed_last_and_the_history_says_so(database, firm, keeper):
    with database.Session.begin() as s:
        liu = archive.add_contact(s, keeper, firm, name="刘经理").id
        archive.add_contact(s, keeper, firm, name="张科长")
    with database.Session.begin() as s:
        archive.mark_contact_left(s, keeper, liu, "2026-03-31")
    with database.Session() as s:
        assert [(c.name, c.left_on) for c in archive.contacts(s, firm)] == [
            ("张科长", None), ("刘经理", date(2026, 3, 31))]
        assert [c.name for c in archive.contacts(s, firm, include_left=False)] == ["张科长"]
        latest = next(h for h in archive.history(s, firm) if h.field == "contacts")
        assert (latest.old_value, latest.new_value, latest.changed_by_id) == ("刘经理、张科长", "张科长", keeper.staff_id)
    changes = count(database, RecordChange)
    error = refused(database, archive.mark_contact_left, keeper, liu, "2026-04-01")
    assert error.field == "left_on" and "2026-03-31" in error.render()
    with database.Session() as s:
        zhang = archive.contacts(s, firm)[0].id
    error = refused(database, archive.mark_contact_left, keeper, zhang, clock.today().replace(year=clock.today().year + 1))
    assert error.field == "left_on"
    error = refused(database, archive.mark_contact_left, keeper, zhang, None)
    assert error.field == "left_on"
    with database.Session() as s:
        assert s.get(CustomerContact, zhang).left_on is None
    assert count(database, RecordChange) == changes


def test_i10_important_customers_need_two_responsible_staff(database, firm, staff, keeper):
    with database.Session.begin() as s:
        customers.update_customer(s, firm, {"importance": "important"})
        quiet = customers.create_customer(s, name="普通客户").id
        warning = archive.staffing_warning(s, firm)
        assert warning is not None and "2" in warning.render() and "0" in warning.render()
        assert archive.staffing_warning(s, quiet) is None
        archive.assign_staff(s, keeper, firm, staff[0], since="2026-01-01")
        assert [u.name for u in archive.understaffed_customers(s)] == ["上海明达贸易有限公司"]
        archive.assign_staff(s, keeper, firm, staff[1], since="2026-01-01")
        assert archive.staffing_warning(s, firm) is None
        assert archive.understaffed_customers(s) == []
        (line,) = [x for x in archive.responsible_staff(s, firm) if x.staff_id == staff[1]]
        archive.end_responsibility(s, keeper, line.id, until=clock.today())
        archive.end_responsibility(s, keeper, line.id, until="2026-01-02")
        assert [u.staff_count for u in archive.understaffed_customers(s)] == [1]
        changes = [h for h in archive.history(s, firm) if h.field == "responsible_staff"]
        assert changes and changes[-1].new_value == "王业务" and changes[-1].changed_by_id == staff[2]
    error = refused(database, archive.assign_staff, keeper, firm, staff[0])
    assert error.field == "staff_id"
    error = refused(database, archive.end_responsibility, keeper, line.id, until="2025-12-31")
    assert error.field == "until"


def test_i10_end_responsibility_keeps_the_person_responsible_to_the_end_of_until(database, firm, staff, keeper):
    """``until`` is the last day responsible (CustomerStaff's rule), as the hand-over writes it
    and every list reads it: ended on 31 March, still named on 31 March, no longer on 1 April;
    a responsibility may last a single day."""
    with database.Session.begin() as s:
        line = archive.assign_staff(s, keeper, firm, staff[0], since="2026-01-01")
        one_day = archive.assign_staff(s, keeper, firm, staff[1], since="2026-03-31")
        archive.end_responsibility(s, keeper, line.id, until="2026-03-31")
        archive.end_responsibility(s, keeper, one_day.id, until="2026-03-31")
        assert (line.until, one_day.until) == (date(2026, 3, 31), date(2026, 3, 31))
        on = {day: [x.staff_id for x in archive.responsible_staff(s, firm, on=day)]
              for day in (date(2026, 3, 30), date(2026, 3, 31), date(2026, 4, 1))}
    assert on == {date(2026, 3, 30): [staff[0]], date(2026, 3, 31): [staff[0], staff[1]], date(2026, 4, 1): []}
    named = {day: {x.id: x.responsible for x in form_data.customer_list(database, {}, "", day).lines}[firm]
             for day in (date(2026, 3, 31), date(2026, 4, 1))}
    assert named == {date(2026, 3, 31): ("王业务", "李业务"), date(2026, 4, 1): ()}


def test_an_archive_opens_only_with_the_permission_and_every_opening_is_logged(database, firm):
    from crm_desktop.models import AuditEntry, Staff
    from crm_desktop.services.auth import LoggedIn

    with database.Session.begin() as s:
        people = [Staff(name="周经理", role="manager"), Staff(name="王师傅", role="technician")]
        s.add_all(people)
        s.flush()
        ids = [p.id for p in people]
    manager = LoggedIn(ids[0], "周经理", "manager", "zhou", False)
    technician = LoggedIn(ids[1], "王师傅", "technician", "wang", False)
    with database.Session.begin() as s:
        assert archive.open_archive(s, firm, manager).id == firm
    with database.Session() as s:
        with pytest.raises(UserError):
            archive.open_archive(s, 9999, manager)
        with pytest.raises(UserError):
            archive.open_archive(s, firm, technician)
        with pytest.raises(UserError):
            archive.open_archive(s, firm, None)
    with database.read_session() as s:
        opened = s.scalars(select(AuditEntry).where(AuditEntry.action == "archive_open")).all()
    assert [(e.login, e.target_id) for e in opened] == [("zhou", str(firm))]
    assert archive.may_see_confidential(manager) and not archive.may_see_confidential(technician)


# --------------------------------------------------------------------------- I2 customer list


def test_i2_the_customer_list_filters_by_category_district_vip_and_staff_with_search(database, staff):
    from crm_desktop.services.registers import REGISTERS, RegisterQuery

    with database.Session.begin() as s:
        a = customers.create_customer(s, name="鼓楼医院设备科", category="end_user", district="urban", vip_level=2).id
        customers.create_customer(s, name="鼓楼区图书馆", category="end_user", district="suburban")
        customers.create_customer(s, name="明达贸易", category="distributor", vip_level=2)
        archive.assign_staff(s, auth.user_of(s, staff[2]), a, staff[0])
    query = RegisterQuery(database, REGISTERS["customer"])
    assert query.count() == 3
    query.set_filters({"category": "end_user"})
    assert query.count() == 2
    query.set_filters({"vip_level": "2", "district": "urban", "category": ""})
    assert sorted(r[2] for r in query.window(0, 10)) == ["明达贸易", "鼓楼医院设备科"]
    query.set_filters({"staff_id": staff[0]})
    assert [r[2] for r in query.window(0, 10)] == ["鼓楼医院设备科"]
    query.set_filters({"category": "end_user"})
    query.set_search("鼓楼")
    assert query.count() == 2
    query.set_filters({"district": "suburban"})
    assert [r[2] for r in query.window(0, 10)] == ["鼓楼区图书馆"]
    assert query.position_of(a) is None


def test_upgrade_0005_to_0006_keeps_the_customer_search_and_gives_defaults(cfg):
    """0006 adds the customer's columns in place: the search triggers must survive."""
    from crm_desktop.db import make_engine, open_database, upgrade
    from crm_desktop.services.registers import REGISTERS, RegisterQuery

    engine = make_engine(cfg.database_url)
    upgrade(engine, "0005")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO customer (id, name, category, district) VALUES (1, '鼓楼医院', 'end_user', 'urban')")
    engine.dispose()
    db = open_database(cfg)
    try:
        with db.Session.begin() as s:
            old = s.get(Customer, 1)
            assert (old.status, old.vip_level, old.importance) == ("active", 0, "normal")
            customers.create_customer(s, name="鼓楼区图书馆")
            customers.update_customer(s, 1, {"name": "南京鼓楼医院集团"})
        assert RegisterQuery(db, REGISTERS["customer"], search="鼓楼").count() == 2
        assert RegisterQuery(db, REGISTERS["customer"], search="医院集团").count() == 1
    finally:
        db.dispose()
