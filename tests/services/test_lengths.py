"""Text lengths (issue 17, item 4): every user text has a length sized to where it is printed
(forms/README.md, "Text lengths"); every save path refuses more at the field, with nothing
saved; an old text stored longer than its length is kept, can be shortened to fit, never
made longer."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import Text, func, insert, select, update

from crm_desktop.errors import UserError
from crm_desktop.models import Base, ServiceCall, TextOverLength
from crm_desktop.services import calls, customers, lengths
from crm_desktop.services.validation import TOO_LONG, column_length

# the texts only the program writes: kept as Text, and why (forms/README.md says the same)
MACHINE_TEXT = {
    "call_step.note",  # composed by the program from a step's names and its reason (limited at its source)
    "call_step.changes",  # JSON: the values a step replaced, for taking it back
    "audit_log.detail",  # JSON of the audited action
    "setting.value",  # a setting's value (JSON for lists)
    "daily_report_signoff.snapshot",  # JSON: the day's work log as signed
    "record_change.old_value",  # a field's old and new value, whatever its length then
    "record_change.new_value",
}


def test_every_user_text_column_has_a_length_and_only_machine_texts_stay_unbounded():
    unbounded = {f"{table.name}.{column.name}" for table in Base.metadata.sorted_tables
                 for column in table.columns if isinstance(column.type, Text)}
    assert unbounded == MACHINE_TEXT


@pytest.mark.parametrize(("column", "length"), [
    ("fault", 180),  # the voucher's 故障描述 box: four lines at the 7 pt floor
    ("remarks", 90),  # the voucher's 备注 box: two lines
    ("work_done", 250),  # the voucher's 服务内容 box, shared with the workshop's work and parts
])
def test_the_call_texts_have_the_lengths_of_the_voucher_boxes(column, length):
    assert column_length(ServiceCall, column) == length


@pytest.fixture
def customer_id(session):
    with session.begin():
        return customers.create_customer(session, name="南京宏达", phone="13812345678", address="南京市玄武区中山路1号").id


def test_a_long_fault_typed_through_the_service_is_refused_at_the_field_and_nothing_is_saved(session, customer_id):
    with pytest.raises(UserError) as refused:
        with session.begin():
            calls.register_call(session, customer_id=customer_id, received_at=datetime(2026, 11, 27, 9), fault="复印卡纸" * 46)
    assert refused.value.field == "fault"
    assert refused.value.message == TOO_LONG
    assert refused.value.args_for_message == {"max": 180, "length": 184, "over": 4}
    assert session.scalar(select(func.count()).select_from(ServiceCall)) == 0


def test_every_problem_of_the_form_is_said_at_once_with_the_long_remarks(session, customer_id):
    with pytest.raises(UserError) as refused:
        with session.begin():
            calls.register_call(session, customer_id=customer_id, received_at=datetime(2026, 11, 27, 9), fault="",
                                remarks="备" * 5000)
    fields = [p.field for p in getattr(refused.value, "problems", [refused.value])]
    assert set(fields) == {"fault", "remarks"}


def test_a_save_path_without_its_own_check_is_refused_at_the_flush_naming_the_field(session, customer_id):
    """The check behind every service: a process step's text, a script's write."""
    with session.begin():
        call_id = calls.register_call(session, customer_id=customer_id, received_at=datetime(2026, 11, 27, 9), fault="卡纸").id
    with pytest.raises(UserError) as refused:
        with session.begin():
            session.get(ServiceCall, call_id).cancel_reason = "客户不需要了" * 40
    assert refused.value.field == "cancel_reason" and refused.value.args_for_message["max"] == 200
    session.expire_all()
    assert session.get(ServiceCall, call_id).cancel_reason is None


def _old_long_remarks(session, call_id: int, text: str) -> None:
    """What migration 0012 leaves: the old text whole, and its line in text_over_length."""
    table = ServiceCall.__table__
    session.execute(update(table).where(table.c.id == call_id).values(remarks=text))
    session.execute(insert(TextOverLength.__table__).values(
        table_name="service_call", row_id=call_id, field="remarks", length=len(text), max_length=90))


def test_an_old_long_text_stays_while_other_fields_change_and_is_never_made_longer(session, customer_id):
    with session.begin():
        call_id = calls.register_call(session, customer_id=customer_id, received_at=datetime(2026, 11, 27, 9), fault="卡纸").id
        _old_long_remarks(session, call_id, "备" * 500)
    with session.begin():
        calls.update_call(session, call_id, {"address": "南京市鼓楼区1号"})  # the long remark is left alone
    with pytest.raises(UserError) as longer:
        with session.begin():
            calls.update_call(session, call_id, {"remarks": "备" * 501})
    assert longer.value.field == "remarks"
    with pytest.raises(UserError):  # shortened, but still more than the voucher prints
        with session.begin():
            calls.update_call(session, call_id, {"remarks": "备" * 200})
    session.expire_all()
    assert session.get(ServiceCall, call_id).remarks == "备" * 500
    assert [f.field for f in lengths.over_length(session, ServiceCall, call_id)] == ["remarks"]


def test_an_old_long_text_shortened_to_fit_is_saved_and_no_longer_flagged(session, customer_id):
    with session.begin():
        call_id = calls.register_call(session, customer_id=customer_id, received_at=datetime(2026, 11, 27, 9), fault="卡纸").id
        _old_long_remarks(session, call_id, "备" * 500)
    with session.begin():
        calls.update_call(session, call_id, {"remarks": "备" * 90})
    assert session.get(ServiceCall, call_id).remarks == "备" * 90
    assert lengths.over_length(session, ServiceCall, call_id) == []


def test_a_failed_log_in_with_a_very_long_name_is_still_recorded_not_refused(database):
    """The audit log keeps what was typed: the length check is for the texts of forms."""
    from crm_desktop.models import AuditEntry
    from crm_desktop.services import auth

    typed = "管理员" * 30  # 90 characters, the login column holds 40
    with pytest.raises(UserError) as refused:
        auth.log_in(database, typed, "wrong")
    assert refused.value.field == "password"  # "wrong login or password", not "too long"
    with database.Session() as s:
        assert s.scalar(select(AuditEntry.login).where(AuditEntry.action == "login_failed")) == typed
