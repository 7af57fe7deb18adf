"""Issue 17, item 3: in-place edits of calls, goods register lines, repair cards and customers
keep a field history (who, when, old, new) in one change table; an undo writes a new change
that puts the old value back — never deleting one — through the same service and checks as an
edit, and is refused, saying who changed the field since and when, once the field no longer
holds what the edit wrote. Services only, without Qt."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from crm_desktop import clock
from crm_desktop.errors import UserError
from crm_desktop.i18n import QT_TRANSLATE_NOOP
from crm_desktop.models import (
    CallStatus,
    Customer,
    GoodsEntry,
    RecordChange,
    RepairCard,
    ServiceCall,
    Staff,
)
from crm_desktop.services import archive, calls, customers, goods, history, registers, repairs, undo
from crm_desktop.services.closed_records import CALL_CLOSED
from crm_desktop.services.registers import REGISTERS
from tests.factories import make_registers


@pytest.fixture
def rows(database):
    """A call with its goods line and repair card, its customer, a clerk and a colleague."""
    with database.Session.begin() as s:
        made = make_registers(s, calls=1)
        call = made[0]
        clerk = Staff(name="钱文员", role="clerk")
        colleague = Staff(name="孙文员", role="clerk")
        s.add_all([clerk, colleague])
        s.flush()
        entry = s.scalars(select(GoodsEntry)).one()
        card = s.scalars(select(RepairCard)).one()
        return {"service_call": call.id, "goods_entry": entry.id, "repair_card": card.id,
                "customer": call.customer_id, "clerk": clerk.id, "colleague": colleague.id}


EDITS = [  # register, field, new value typed, what the history keeps
    ("service_call", "address", "上海市徐汇区漕溪北路1号X", "上海市徐汇区漕溪北路1号X"),
    ("goods_entry", "accessories", "电源线一根", "电源线一根"),
    ("repair_card", "repair_hours", "1.5", "1.50"),
    ("customer", "address", "上海市长宁区延安西路9号", "上海市长宁区延安西路9号"),
]


def value_of(database, register, row_id, field):
    with database.read_session() as s:
        return history.history_text(getattr(s.get(history.MODELS[register], row_id), field))


def changes(database) -> int:
    with database.read_session() as s:
        return s.scalar(select(func.count()).select_from(RecordChange))


@pytest.mark.parametrize("register, field, typed, kept", EDITS)
def test_an_in_place_edit_keeps_who_when_old_and_new_in_the_one_change_table(database, rows, register, field, typed,
                                                                              kept):
    old = value_of(database, register, rows[register], field)
    edit = registers.save_edit(database, REGISTERS[register], rows[register], field, typed, by_id=rows["clerk"])
    assert edit is not None and edit.fields == (field,)
    with database.read_session() as s:
        (change,) = history.history(s, register, rows[register])
        assert (change.record_type, change.record_id, change.field) == (register, rows[register], field)
        assert history.same_value(change.old_value, old) and history.same_value(change.new_value, kept)
        assert (change.changed_by_id, change.changed_at, change.undoes_id) == (rows["clerk"], clock.now(), None)
        assert edit.change_ids == (change.id,)


def test_a_value_saved_as_it_was_writes_no_change(database, rows):
    phone = value_of(database, "service_call", rows["service_call"], "phone")
    assert registers.save_edit(database, REGISTERS["service_call"], rows["service_call"], "phone", phone,
                               by_id=rows["clerk"]) is None
    assert changes(database) == 0


def test_the_record_dialogs_services_write_the_same_history(database, rows):
    """A dialog saves through the same update services, with who saves."""
    with database.Session.begin() as s:
        calls.update_call(s, rows["service_call"], {"serial_no": "SN-NEW", "remarks": "下午来"}, by_id=rows["clerk"])
        goods.update_goods_entry(s, rows["goods_entry"], {"condition": "外壳划伤"}, by_id=rows["clerk"])
        repairs.update_card(s, rows["repair_card"], {"work_done": "换定影组件"}, by_id=rows["clerk"])
        customers.update_customer(s, rows["customer"], {"fax": "021-62345679"}, by_id=rows["clerk"])
    with database.read_session() as s:
        fields = {(c.record_type, c.field) for c in s.scalars(select(RecordChange))}
    assert fields == {("service_call", "serial_no"), ("service_call", "remarks"), ("goods_entry", "condition"),
                      ("repair_card", "work_done"), ("customer", "fax")}


def test_i4_the_archive_history_reads_the_customers_lines_of_the_one_change_table(database, rows):
    registers.save_edit(database, REGISTERS["customer"], rows["customer"], "phone", "13900000000", by_id=rows["clerk"])
    registers.save_edit(database, REGISTERS["service_call"], rows["service_call"], "phone", "13700000000",
                        by_id=rows["clerk"])
    with database.read_session() as s:
        lines = archive.history(s, rows["customer"])
    assert [(line.field, line.new_value) for line in lines] == [("phone", "13900000000")]


@pytest.mark.parametrize("register, field, typed, kept", EDITS)
def test_an_undo_writes_a_new_change_restoring_the_old_value_and_deletes_none(database, rows, register, field, typed,
                                                                              kept):
    old = value_of(database, register, rows[register], field)
    edit = registers.save_edit(database, REGISTERS[register], rows[register], field, typed, by_id=rows["clerk"])
    reverse = undo.reverse(database, edit, rows["clerk"])
    assert history.same_value(value_of(database, register, rows[register], field), old)
    with database.read_session() as s:
        newest, first = history.history(s, register, rows[register])
        assert newest.undoes_id == first.id and reverse.change_ids == (newest.id,)
        assert history.same_value(newest.old_value, kept) and history.same_value(newest.new_value, old)
    assert changes(database) == 2


def test_a_redo_is_the_undo_of_the_undo(database, rows):
    spec = REGISTERS["service_call"]
    edit = registers.save_edit(database, spec, rows["service_call"], "address", "新地址 8 号", by_id=rows["clerk"])
    reverse = undo.reverse(database, edit, rows["clerk"])
    again = undo.reverse(database, reverse, rows["clerk"])
    assert value_of(database, "service_call", rows["service_call"], "address") == "新地址 8 号"
    with database.read_session() as s:
        redo, undone, edited = history.history(s, "service_call", rows["service_call"])
    assert (redo.undoes_id, undone.undoes_id, edited.undoes_id) == (undone.id, edited.id, None)
    assert again.change_ids == (redo.id,)


def test_an_undo_of_a_field_changed_again_since_is_refused_naming_who_and_when(database, rows):
    """Bad input: the clerk's edit, then a colleague's correction in the call's dialog; the
    clerk's undo would throw the colleague's away."""
    spec = REGISTERS["service_call"]
    edit = registers.save_edit(database, spec, rows["service_call"], "address", "漕溪北路1号X", by_id=rows["clerk"])
    later = clock.now() + timedelta(minutes=7)
    clock.freeze(later)
    with database.Session.begin() as s:
        calls.update_call(s, rows["service_call"], {"address": "漕溪北路1号"}, by_id=rows["colleague"])
    before = changes(database)
    with pytest.raises(undo.ChangedSince) as refused:
        undo.reverse(database, edit, rows["clerk"])
    text = refused.value.render()
    assert refused.value.message == undo.CHANGED_SINCE and refused.value.field == "address"
    assert "孙文员" in text and f"{later:%Y-%m-%d %H:%M}" in text and "漕溪北路1号X" in text and "Address" in text
    assert value_of(database, "service_call", rows["service_call"], "address") == "漕溪北路1号"
    assert changes(database) == before  # nothing written


def test_an_undo_of_a_field_another_part_of_the_program_changed_is_refused_saying_so(database, rows):
    spec = REGISTERS["repair_card"]
    edit = registers.save_edit(database, spec, rows["repair_card"], "repair_hours", "1.5", by_id=rows["clerk"])
    with database.Session.begin() as s:  # as a step of the process would, without an edit of the field
        s.get(RepairCard, rows["repair_card"]).repair_hours = 3
    with pytest.raises(undo.ChangedSince) as refused:
        undo.reverse(database, edit, rows["clerk"])
    assert refused.value.message == undo.CHANGED_ELSEWHERE and "3" in refused.value.render()


def test_an_undo_of_several_fields_is_refused_whole_when_one_changed_since(database, rows):
    with database.Session.begin() as s:
        history.take_written(s)
        calls.update_call(s, rows["service_call"], {"phone": "13711112222", "remarks": "改约"}, by_id=rows["clerk"])
        edit = history.edit_of(history.take_written(s))
    registers.save_edit(database, REGISTERS["service_call"], rows["service_call"], "remarks", "又改", by_id=rows["colleague"])
    with pytest.raises(undo.ChangedSince):
        undo.reverse(database, edit, rows["clerk"])
    assert value_of(database, "service_call", rows["service_call"], "phone") == "13711112222"


def test_an_undo_on_a_closed_record_is_refused_as_its_edit_would_be(database, rows):
    edit = registers.save_edit(database, REGISTERS["service_call"], rows["service_call"], "remarks", "备注",
                               by_id=rows["clerk"])
    with database.Session.begin() as s:
        s.get(ServiceCall, rows["service_call"]).status = CallStatus.CLOSED.value
    with pytest.raises(UserError) as refused:
        undo.reverse(database, edit, rows["clerk"])
    assert refused.value.message == CALL_CLOSED
    assert value_of(database, "service_call", rows["service_call"], "remarks") == "备注"


def test_an_undo_in_a_window_that_may_not_write_is_refused(database, rows):
    edit = registers.save_edit(database, REGISTERS["customer"], rows["customer"], "fax", "021-1234567",
                               by_id=rows["clerk"])
    why = QT_TRANSLATE_NOOP("Test", "read-only")
    database.refuse_writes(why)
    with pytest.raises(UserError) as refused:
        undo.reverse(database, edit, rows["clerk"])
    assert refused.value.message == why
    with database.read_session() as s:
        assert s.get(Customer, rows["customer"]).fax == "021-1234567"


def test_the_undo_list_of_a_session_empties_its_redo_list_on_a_new_edit():
    stack = undo.UndoHistory()
    a, b = (history.Edit("customer", 1, (n,), ("phone",)) for n in (1, 2))
    stack.push(a)
    assert stack.next_undo() is a and stack.next_redo() is None
    stack.undone(b)
    assert stack.next_undo() is None and stack.next_redo() is b
    stack.push(history.Edit("customer", 1, (3,), ("fax",)))
    assert stack.next_redo() is None
    stack.clear()
    assert stack.next_undo() is None


def test_an_edit_is_named_by_its_fields_as_the_register_shows_them():
    assert undo.edit_label(history.Edit("customer", 1, (1,), ("address",))) == "Address"
    assert undo.edit_label(history.Edit("service_call", 1, (1, 2), ("phone", "serial_no"))) == "Phone、Serial no."
    assert undo.edit_label(history.Edit("goods_entry", 1, (1,), ("taken_in_by_id",))) == "Taken in by"


def test_undo_keeps_the_time_of_the_undo(database, rows):
    edit = registers.save_edit(database, REGISTERS["goods_entry"], rows["goods_entry"], "condition", "划伤",
                               by_id=rows["clerk"])
    clock.freeze(datetime(2026, 12, 7, 15, 30))
    undo.reverse(database, edit, rows["colleague"])
    with database.read_session() as s:
        newest = history.history(s, "goods_entry", rows["goods_entry"])[0]
    assert (newest.changed_at, newest.changed_by_id) == (datetime(2026, 12, 7, 15, 30), rows["colleague"])


def test_a_redo_of_a_field_changed_since_its_undo_is_refused_as_a_redo(database, rows):
    spec = REGISTERS["customer"]
    edit = registers.save_edit(database, spec, rows["customer"], "phone", "13900001111", by_id=rows["clerk"])
    reverse = undo.reverse(database, edit, rows["clerk"])
    registers.save_edit(database, spec, rows["customer"], "phone", "13900002222", by_id=rows["colleague"])
    with pytest.raises(undo.ChangedSince) as refused:
        undo.reverse(database, reverse, rows["clerk"], redo=True)
    assert refused.value.message == undo.REDO_CHANGED_SINCE and "孙文员" in refused.value.render()


def test_an_edit_of_several_fields_is_undone_together_each_change_naming_its_own(database, rows):
    phone = value_of(database, "service_call", rows["service_call"], "phone")
    with database.Session.begin() as s:
        history.take_written(s)
        calls.update_call(s, rows["service_call"], {"phone": "13711112222", "remarks": "改约"}, by_id=rows["clerk"])
        edit = history.edit_of(history.take_written(s))
    reverse = undo.reverse(database, edit, rows["clerk"])
    assert value_of(database, "service_call", rows["service_call"], "phone") == phone
    assert value_of(database, "service_call", rows["service_call"], "remarks") is None
    with database.read_session() as s:
        by_id = {c.id: c for c in s.scalars(select(RecordChange))}
    assert sorted(by_id[i].field for i in reverse.change_ids) == ["phone", "remarks"]
    assert all(by_id[by_id[i].undoes_id].field == by_id[i].field for i in reverse.change_ids)
