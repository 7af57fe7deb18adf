"""The generic register model under Qt's own QAbstractItemModelTester, and its behaviour:
windows, sorting, search, in-place edits through services."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from crm_desktop.services import registers
from crm_desktop.services.registers import REGISTERS, RegisterQuery
from crm_desktop.views.table_model import ROW_ID_ROLE, RegisterTableModel

from ..factories import make_registers


@pytest.fixture
def filled(database):
    with database.Session.begin() as s:
        make_registers(s, calls=30)
    return database


@pytest.mark.parametrize("name", list(REGISTERS))
def test_model_passes_qt_model_tester(app, filled, name):
    model = RegisterTableModel(RegisterQuery(filled, REGISTERS[name]))
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() > 0
    for column in range(model.columnCount()):
        model.sort(column, Qt.SortOrder.DescendingOrder)
    model.set_search("张伟")
    model.set_search("")
    model.refresh()
    del tester


def test_rows_are_fetched_in_windows_not_all_at_once(app, filled, monkeypatch):
    model = RegisterTableModel(RegisterQuery(filled, registers.SERVICE_CALLS))
    model.WINDOW = 8
    calls = []
    original = model.query.window
    monkeypatch.setattr(model.query, "window", lambda o, n: calls.append((o, n)) or original(o, n))
    model.data(model.index(29, 0))
    assert calls == [(24, 8)]  # a jump to the last row costs one window
    model.data(model.index(28, 3))
    assert calls == [(24, 8)]  # cached
    model.data(model.index(0, 0))
    assert calls == [(24, 8), (0, 8)]


def test_display_shows_translated_labels_and_formatted_times(app, filled):
    model = RegisterTableModel(RegisterQuery(filled, registers.SERVICE_CALLS))
    spec = registers.SERVICE_CALLS
    model.sort(spec.index_of("received_at"), Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, spec.index_of("received_at"))) == "2026-11-02 09:00"
    district = model.data(model.index(0, spec.index_of("district")))
    assert district in ("市区", "郊区")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "叫修单号"
    assert model.data(model.index(0, spec.index_of("technician_id"))) == "赵技师"
    assert isinstance(model.data(model.index(0, 0), ROW_ID_ROLE), int)


def test_process_fields_are_not_editable_in_place(app, filled):
    model = RegisterTableModel(RegisterQuery(filled, registers.SERVICE_CALLS))
    spec = registers.SERVICE_CALLS
    for key in ("call_no", "service_kind", "technician_id", "status"):
        assert not model.flags(model.index(0, spec.index_of(key))) & Qt.ItemFlag.ItemIsEditable
    for key in ("fault", "phone", "district", "received_at"):
        assert model.flags(model.index(0, spec.index_of(key))) & Qt.ItemFlag.ItemIsEditable


def test_an_edit_goes_through_the_service_and_a_bad_one_is_refused_in_chinese(app, filled, qtbot):
    model = RegisterTableModel(RegisterQuery(filled, registers.SERVICE_CALLS))
    spec = registers.SERVICE_CALLS
    phone = model.index(3, spec.index_of("phone"))
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(phone, "021-62345678")
    assert model.data(phone) == "021-62345678"
    failures = []
    model.editFailed.connect(lambda index, text: failures.append((index.row(), text)))
    assert not model.setData(phone, "abc123")
    assert failures and failures[0][0] == 3
    assert any("\u4e00" <= ch <= "\u9fff" for ch in failures[0][1])  # a Chinese message
    assert model.data(phone) == "021-62345678"  # nothing saved
    fault = model.index(3, spec.index_of("fault"))
    assert not model.setData(fault, "")


def test_an_edited_time_is_saved(app, filled):
    model = RegisterTableModel(RegisterQuery(filled, registers.SERVICE_CALLS))
    spec = registers.SERVICE_CALLS
    index = model.index(0, spec.index_of("received_at"))
    assert model.setData(index, datetime(2026, 11, 27, 14, 5))
    assert model.data(index) == "2026-11-27 14:05"
    assert model.data(QModelIndex()) is None


def test_an_edit_in_place_is_recorded_as_the_window_users(app, database, qtbot):
    """I4: the customer's history says who changed the phone in the list."""
    from sqlalchemy import select

    from crm_desktop.models import Customer, RecordChange, Staff
    from crm_desktop.services.registers import REGISTERS, RegisterQuery
    from crm_desktop.views.table_model import RegisterTableModel

    with database.Session.begin() as s:
        clerk = Staff(name="钱文员", role="clerk")
        s.add_all([clerk, Customer(name="明达", district="urban")])
        s.flush()
        clerk_id = clerk.id
    model = RegisterTableModel(RegisterQuery(database, REGISTERS["customer"]))
    model.edited_by = clerk_id
    phone = model.index(0, REGISTERS["customer"].index_of("phone"))
    assert model.setData(phone, "13812345678")
    with database.read_session() as s:
        assert s.scalar(select(RecordChange.changed_by_id)) == clerk_id
