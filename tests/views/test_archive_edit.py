"""Editing the customer archive from its window (I4, I5, I7, I9, I11): the forms for contact
people, a contact who left, yearly records and correspondence save through the services and
are read back; bad input is shown at its field with nothing saved (X2); whoever may not change
archives finds the buttons greyed out with the reason, and the services refuse them anyway.
CustomerDialog keeps the archive-only fields from the front desk (I7)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton
from sqlalchemy import select

from crm_desktop import clock
from crm_desktop.models import (
    Attachment,
    AuditEntry,
    Correspondence,
    Customer,
    CustomerContact,
    CustomerStaff,
    RecordChange,
    Staff,
    YearlyRecord,
)
from crm_desktop.services import archive, auth, customers
from crm_desktop.views.archive import CustomerArchiveWindow
from crm_desktop.views.archive.archive_window import LEFT_COLOUR
from crm_desktop.views.dialogs.customer_dialog import CustomerDialog

from ..factories import count

ROLES = ("manager", "information", "marketing", "supervisor", "clerk")


def message(dialog, field: str) -> str:
    label = dialog._messages[field]
    return label.text() if not label.isHidden() else ""


@pytest.fixture
def shop(database, tmp_path):
    """A customer with a contact and a yearly record, and one member of staff per role."""
    with database.Session.begin() as s:
        people = {role: Staff(name=name, role=role) for role, name in zip(
            ROLES, ("周经理", "林信息", "马营销", "孙主任", "钱文员"))}
        s.add_all(people.values())
        s.flush()
        users = {role: auth.user_of(s, p.id) for role, p in people.items()}
        firm = customers.create_customer(s, name="鼓楼医院设备科", category="distributor", importance="important",
                                         registered_capital="500000", phone="025-83304616")
        contact = archive.add_contact(s, users["manager"], firm.id, name="刘经理", position="采购部经理",
                                      phone="13912345678")
        record = archive.add_yearly_record(s, users["manager"], firm.id, year=2024, sales="800000")
        ids = dict(firm=firm.id, contact=contact.id, record=record.id)
    letter, fax = tmp_path / "来函.pdf", tmp_path / "传真.tif"
    letter.write_bytes(b"%PDF letter")
    fax.write_bytes(b"fax image")
    return dict(users=users, letter=letter, fax=fax, **ids)


def window_for(qtbot, database, shop, role: str) -> CustomerArchiveWindow:
    window = CustomerArchiveWindow(database, shop["firm"], user=shop["users"][role])
    qtbot.addWidget(window)
    return window


def audited(database, action: str) -> list[AuditEntry]:
    with database.Session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


# --------------------------------------------------------------------------- contacts


def test_i3_a_new_contact_is_refused_at_its_fields_then_saved_and_listed(app, qtbot, database, shop):
    window = window_for(qtbot, database, shop, "information")
    dialog = window.contact_dialog()
    qtbot.addWidget(dialog)
    dialog.fields["phone"].setText("12345")
    dialog.fields["email"].setText("zhang-at-gulou")
    dialog.accept()
    assert message(dialog, "name") == "请填写联系人姓名。"
    assert message(dialog, "phone") and "zhang-at-gulou" in message(dialog, "email")
    assert dialog.result() != dialog.DialogCode.Accepted and count(database, CustomerContact) == 1
    dialog.fields["name"].setText("张科长")
    dialog.fields["position"].setText("设备科科长")
    dialog.fields["phone"].setText("025-83304617")
    dialog.fields["email"].setText("zhang@gulou.cn")
    dialog.fields["remarks"].setPlainText("周三下午在")
    dialog.accept()
    with database.Session() as s:
        added = s.get(CustomerContact, dialog.saved_id)
        assert (added.name, added.position, added.phone, added.email, added.remarks, added.left_on) == (
            "张科长", "设备科科长", "025-83304617", "zhang@gulou.cn", "周三下午在", None)
    window.reload()
    assert [window.contacts.item(r, 0).text() for r in range(2)] == ["刘经理", "张科长"]


def test_i4_a_contact_is_edited_in_its_form_and_the_history_names_who(app, qtbot, database, shop):
    window = window_for(qtbot, database, shop, "information")
    dialog = window.contact_dialog(shop["contact"])
    qtbot.addWidget(dialog)
    assert dialog.fields["name"].text() == "刘经理" and dialog.fields["phone"].text() == "13912345678"
    dialog.fields["name"].setText("刘建国")
    dialog.fields["phone"].setText("abc")
    dialog.accept()
    assert message(dialog, "phone")
    with database.Session() as s:
        assert s.get(CustomerContact, shop["contact"]).name == "刘经理"
    dialog.fields["phone"].setText("13987654321")
    dialog.accept()
    with database.Session() as s:
        contact = s.get(CustomerContact, shop["contact"])
        assert (contact.name, contact.phone) == ("刘建国", "13987654321")
        latest = archive.history(s, shop["firm"])[0]
        assert (latest.field, latest.old_value, latest.new_value, latest.changed_by_id) == (
            "contacts", "刘经理", "刘建国", shop["users"]["information"].staff_id)


def test_i11_a_contact_who_left_stays_listed_greyed_and_is_recorded_once(app, qtbot, database, shop):
    window = window_for(qtbot, database, shop, "information")
    window.contacts.setCurrentCell(-1, -1)
    window._contact_left()
    assert window.message.text()  # nobody chosen: nothing happens but the hint
    from crm_desktop.views.archive.edit_dialogs import ContactLeftDialog

    dialog = ContactLeftDialog(database, shop["users"]["information"], shop["firm"], shop["contact"], parent=window)
    qtbot.addWidget(dialog)
    assert "刘经理（采购部经理）" in dialog.findChild(QLabel, "person").text()
    changes = count(database, RecordChange)
    dialog.fields["left_on"].set_value(clock.today() + timedelta(days=3))
    dialog.accept()
    assert message(dialog, "left_on")
    dialog.fields["left_on"].set_value(None)
    dialog.accept()
    assert message(dialog, "left_on")
    with database.Session() as s:
        assert s.get(CustomerContact, shop["contact"]).left_on is None
    assert count(database, RecordChange) == changes
    dialog.fields["left_on"].set_value(date(2026, 10, 31))
    dialog.accept()
    with database.Session() as s:
        assert s.get(CustomerContact, shop["contact"]).left_on == date(2026, 10, 31)
    window.reload()
    left = window.contacts.item(0, 0)
    assert window.contacts.item(0, 4).text() == "2026-10-31"
    assert left.foreground().color() == LEFT_COLOUR and "2026-10-31" in left.toolTip()
    again = ContactLeftDialog(database, shop["users"]["information"], shop["firm"], shop["contact"])
    qtbot.addWidget(again)
    again.accept()
    assert "2026-10-31" in message(again, "left_on")


# --------------------------------------------------------------------------- yearly records


def test_i4_a_yearly_record_is_added_with_its_file_and_refused_at_its_fields(app, qtbot, database, shop, monkeypatch):
    window = window_for(qtbot, database, shop, "manager")
    dialog = window.yearly_dialog()
    qtbot.addWidget(dialog)
    dialog.fields["year"].setValue(2024)
    dialog.fields["sales"].setText("一百万")
    dialog.accept()
    assert message(dialog, "year") == "2024 年已有记录，请修改该记录。" and message(dialog, "sales")
    assert count(database, YearlyRecord) == 1
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(shop["letter"]), ""))
    dialog.file.choose.click()
    assert dialog.file.path.text() == str(shop["letter"])
    dialog.fields["year"].setValue(2025)
    dialog.fields["sales"].setText("1,200,000.50")
    dialog.fields["receivables"].setText("30000")
    dialog.fields["remarks"].setPlainText("回款及时")
    dialog.accept()
    with database.Session() as s:
        record = s.get(YearlyRecord, dialog.saved_id)
        assert (record.year, record.sales, record.receivables, record.remarks) == (
            2025, Decimal("1200000.50"), Decimal("30000.00"), "回款及时")
        (filed,) = archive.attachments(s, yearly_record_id=record.id)
        assert filed.original_name == "来函.pdf" and filed.added_by_id == shop["users"]["manager"].staff_id
    window.reload()
    assert [window.yearly.item(r, 0).text() for r in range(2)] == ["2025", "2024"]
    assert window.yearly.item(0, 1).text() == "1,200,000.50" and window.yearly.item(0, 4).text() == "来函.pdf"
    window.yearly.selectRow(0)
    assert window.yearly_file_path().read_bytes() == b"%PDF letter"


def test_i4_a_yearly_record_is_edited_but_keeps_its_year(app, qtbot, database, shop):
    window = window_for(qtbot, database, shop, "information")
    dialog = window.yearly_dialog(shop["record"])
    qtbot.addWidget(dialog)
    assert dialog.fields["year"].value() == 2024 and not dialog.fields["year"].isEnabled()
    assert dialog.fields["sales"].text() == "800,000.00"
    dialog.fields["receivables"].setText("-")
    dialog.accept()
    assert message(dialog, "receivables")
    with database.Session() as s:
        assert s.get(YearlyRecord, shop["record"]).receivables is None
    dialog.fields["receivables"].setText("45,000")
    dialog.file.path.setText(str(shop["fax"]))
    dialog.accept()
    with database.Session() as s:
        record = s.get(YearlyRecord, shop["record"])
        assert (record.year, record.sales, record.receivables) == (2024, Decimal("800000.00"), Decimal("45000.00"))
        assert [a.original_name for a in archive.attachments(s, yearly_record_id=record.id)] == ["传真.tif"]


# --------------------------------------------------------------------------- correspondence


def test_i9_a_contact_is_logged_with_several_files_and_refused_at_its_fields(app, qtbot, database, shop, monkeypatch):
    window = window_for(qtbot, database, shop, "information")
    dialog = window.correspondence_dialog()
    qtbot.addWidget(dialog)
    assert dialog.fields["staff_id"].currentText() == "林信息"  # who logs it, unless changed
    assert not dialog.confidential.isEnabled() and "林信息" in dialog.confidential.toolTip()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(shop["letter"]), str(shop["fax"]), str(shop["letter"])], ""))
    dialog.findChild(QPushButton, "add_files").click()
    assert dialog.file_paths() == [shop["letter"], shop["fax"]]
    dialog.files.addItem(str(shop["letter"].with_name("不存在.pdf")))
    dialog.accept()
    assert message(dialog, "summary") == "请填写往来内容摘要。"
    assert "不存在.pdf" in message(dialog, "attachment")
    assert count(database, Correspondence) == 0 and count(database, Attachment) == 0
    dialog.files.setCurrentRow(2)
    dialog.findChild(QPushButton, "remove_file").click()
    dialog.kind.setCurrentIndex(dialog.kind.findData("fax"))
    dialog.direction.setCurrentIndex(dialog.direction.findData("outgoing"))
    dialog.fields["counterpart"].setText("刘经理")
    dialog.fields["summary"].setPlainText("传真报价单及保养合同草稿")
    dialog.accept()
    with database.Session() as s:
        entry = s.get(Correspondence, dialog.saved_id)
        assert (entry.kind, entry.direction, entry.counterpart, entry.summary, entry.confidential) == (
            "fax", "outgoing", "刘经理", "传真报价单及保养合同草稿", False)
        assert entry.staff_id == entry.recorded_by_id == shop["users"]["information"].staff_id
        assert [a.original_name for a in archive.attachments(s, correspondence_id=entry.id)] == ["来函.pdf", "传真.tif"]
    window.reload()
    window.correspondence.selectRow(0)
    assert window.correspondence.item(0, 5).text() == "来函.pdf、传真.tif"
    assert window.attachment_path(1).read_bytes() == b"fax image"


def test_i5_the_manager_logs_a_confidential_visit_that_others_do_not_see(app, qtbot, database, shop):
    window = window_for(qtbot, database, shop, "manager")
    dialog = window.correspondence_dialog()
    qtbot.addWidget(dialog)
    assert dialog.confidential.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData("visit"))
    dialog.fields["summary"].setPlainText("与院长面谈明年采购计划")
    dialog.confidential.setChecked(True)
    dialog.accept()
    with database.Session() as s:
        assert s.get(Correspondence, dialog.saved_id).confidential
    window.reload()
    assert window.correspondence.rowCount() == 1
    assert window_for(qtbot, database, shop, "information").correspondence.rowCount() == 0


# --------------------------------------------------------------------------- I7 who may


@pytest.mark.parametrize("role", ["marketing", "supervisor"])
def test_i7_without_the_permission_the_edit_buttons_are_greyed_with_the_reason(app, qtbot, database, shop, role):
    window = window_for(qtbot, database, shop, role)
    names = {b.objectName() for b in window.edit_buttons}
    assert names == {"add_contact", "edit_contact", "contact_left", "assign_staff", "end_staff", "add_event",
                     "add_yearly", "edit_yearly", "log_correspondence"}
    name = shop["users"][role].name
    for button in window.edit_buttons:
        assert not button.isEnabled() and name in button.toolTip() and "修改客户档案" in button.toolTip()
    assert window.findChild(QPushButton, "open_attachment").isEnabled()
    assert window.findChild(QPushButton, "edit_customer").isEnabled()  # the front desk's fields stay open


def test_i7_with_the_permission_every_edit_button_works(app, qtbot, database, shop):
    window = window_for(qtbot, database, shop, "information")
    assert all(b.isEnabled() and not b.toolTip() for b in window.edit_buttons)


def test_i7_the_services_refuse_what_the_greyed_buttons_would_do_and_log_it(app, qtbot, database, shop):
    window = window_for(qtbot, database, shop, "marketing")
    contacts, staff_lines = count(database, CustomerContact), count(database, CustomerStaff)
    dialog = window.contact_dialog()
    qtbot.addWidget(dialog)
    dialog.fields["name"].setText("张科长")
    dialog.accept()
    assert "马营销" in dialog.general_message.text() and not dialog.general_message.isHidden()
    window._assign_staff()
    assert "马营销" in window.message.text()
    yearly = window.yearly_dialog(shop["record"])
    qtbot.addWidget(yearly)
    yearly.fields["sales"].setText("1")
    yearly.accept()
    assert yearly.general_message.text()
    assert count(database, CustomerContact) == contacts and count(database, CustomerStaff) == staff_lines
    with database.Session() as s:
        assert s.get(YearlyRecord, shop["record"]).sales == Decimal("800000.00")
    denied = audited(database, "denied")
    assert [json.loads(d.detail)["action"] for d in denied] == ["add_contact", "assign_staff", "update_yearly_record"]
    assert {d.staff_id for d in denied} == {shop["users"]["marketing"].staff_id}


# --------------------------------------------------------------------------- CustomerDialog


@pytest.fixture(autouse=True)
def _no_staffing_box(monkeypatch):
    """The customer is important with too few staff: the dialog warns (I10) in a message box
    that would wait for a click."""
    from crm_desktop.views.dialogs import customer_dialog

    monkeypatch.setattr(customer_dialog.QMessageBox, "warning", lambda *a, **k: None)


def test_i7_the_front_desk_edits_its_fields_but_not_the_archive_only_ones(app, qtbot, database, shop):
    clerk = shop["users"]["clerk"]
    dialog = CustomerDialog(database, customer_id=shop["firm"], current_user_id=clerk.staff_id)
    qtbot.addWidget(dialog)
    for name in archive.ARCHIVE_ONLY_FIELDS:
        widget = dialog.fields[name]
        locked = widget.isReadOnly() if hasattr(widget, "isReadOnly") else not widget.isEnabled()
        assert locked and "钱文员" in widget.toolTip(), name
    for name in ("name", "phone", "address", "contact_person"):
        assert not dialog.fields[name].isReadOnly() and not dialog.fields[name].toolTip()
    assert dialog.fields["district"].isEnabled()
    dialog.fields["phone"].setText("025-84561234")
    dialog.fields["address"].setText("南京市鼓楼区中山路321号")
    dialog.fields["district"].setCurrentIndex(dialog.fields["district"].findData("suburban"))
    dialog.accept()
    with database.Session() as s:
        firm = s.get(Customer, shop["firm"])
        assert (firm.phone, firm.address, firm.district) == ("025-84561234", "南京市鼓楼区中山路321号", "suburban")
        assert firm.registered_capital == Decimal("500000.00") and firm.importance == "important"


def test_i7_an_archive_field_forced_past_the_lock_is_refused_and_nothing_saved(app, qtbot, database, shop):
    clerk = shop["users"]["clerk"]
    dialog = CustomerDialog(database, customer_id=shop["firm"], current_user_id=clerk.staff_id)
    qtbot.addWidget(dialog)
    dialog.fields["phone"].setText("025-84561234")
    dialog.fields["vip_level"].setCurrentIndex(dialog.fields["vip_level"].findData("3"))
    dialog.accept()
    assert "钱文员" in dialog.general_message.text() and not dialog.general_message.isHidden()
    with database.Session() as s:
        firm = s.get(Customer, shop["firm"])
        assert (firm.vip_level, firm.phone) == (0, "025-83304616")
    (denied,) = audited(database, "denied")
    assert json.loads(denied.detail) == {"permission": "archive.edit", "action": "customer_fields",
                                         "fields": ["vip_level"]}


def test_i7_the_front_desk_creates_a_customer_with_the_defaults(app, qtbot, database, shop):
    clerk = shop["users"]["clerk"]
    dialog = CustomerDialog(database, current_user_id=clerk.staff_id, initial_name="张伟")
    qtbot.addWidget(dialog)
    assert not dialog.fields["category"].isEnabled() and dialog.fields["code"].isReadOnly()
    dialog.fields["phone"].setText("13812345678")
    dialog.accept()
    with database.Session() as s:
        created = s.get(Customer, dialog.saved_id)
        assert (created.name, created.category, created.code, created.vip_level) == ("张伟", "end_user", "YH00001", 0)


def test_i7_who_may_change_archives_changes_the_archive_only_fields(app, qtbot, database, shop):
    info = shop["users"]["information"]
    dialog = CustomerDialog(database, customer_id=shop["firm"], current_user_id=info.staff_id)
    qtbot.addWidget(dialog)
    assert not dialog.archive_fields_locked and dialog.fields["vip_level"].isEnabled()
    assert not dialog.fields["legal_representative"].isReadOnly()
    dialog.fields["vip_level"].setCurrentIndex(dialog.fields["vip_level"].findData("2"))
    dialog.fields["legal_representative"].setText("周院长")
    dialog.accept()
    with database.Session() as s:
        firm = s.get(Customer, shop["firm"])
        assert (firm.vip_level, firm.legal_representative) == (2, "周院长")
        assert {h.field: h.changed_by_id for h in archive.history(s, firm.id)}["vip_level"] == info.staff_id
