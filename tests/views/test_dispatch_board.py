"""The dispatch board (S3, S13, S14) and the current user: the board shows the waiting calls
(carry-overs first and marked) and the technicians' open jobs; the supervisor dispatches by
button or by dropping a call on a technician; nobody else can, in the GUI or in the service.
The board over demo-like data is grabbed to build/screenshots/dispatch_board.png."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select

from crm_desktop import demo
from crm_desktop.errors import UserError
from crm_desktop.models import Customer, ServiceCall, Staff
from crm_desktop.services import calls, customers
from crm_desktop.views import dispatch_board as board_module
from crm_desktop.views.dialogs.process import DispatchDialog
from crm_desktop.views.dispatch_board import (
    CARRY_OVER_BADGE,
    CARRY_OVER_ROLE,
    COUNT_ROLE,
    DispatchBoard,
)
from crm_desktop.views.main_window import BOARD, MainWindow
from crm_desktop.views.table_model import DEADLINE_COLOURS, ROW_ID_ROLE

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
NOW = datetime(2026, 11, 25, 10, 0)  # a Wednesday morning


@pytest.fixture
def b(database) -> SimpleNamespace:
    """A supervisor, a clerk, two technicians; two calls left over from yesterday, two of
    today, one job in hand."""
    with database.Session.begin() as s:
        people = {
            "sun": Staff(name="孙主任", role="supervisor"),
            "qian": Staff(name="钱文员", role="clerk"),
            "wang": Staff(name="王师傅", role="technician"),
            "zhao": Staff(name="赵师傅", role="technician"),
        }
        s.add_all(people.values())
        s.flush()
        city = customers.create_customer(s, name="张伟", phone="13812345678", district="urban")
        suburb = customers.create_customer(s, name="李娜", phone="13912345678", district="suburban")
        made = SimpleNamespace(**{k: p.id for k, p in people.items()})

        def call(customer: Customer, received: datetime, fault: str) -> int:
            return calls.register_call(s, customer_id=customer.id, received_at=received, fault=fault).id

        made.today_city = call(city, datetime(2026, 11, 25, 9, 0), "不能打印")  # due 11-25 16:00
        made.old_suburb = call(suburb, datetime(2026, 11, 24, 8, 45), "卡纸")  # due 11-24 16:45: overdue
        made.old_city = call(city, datetime(2026, 11, 24, 15, 0), "复印件有黑线")  # due 11-25 12:00
        made.today_suburb = call(suburb, datetime(2026, 11, 25, 8, 40), "开机无反应")  # due 11-25 16:40
        made.in_hand = call(city, datetime(2026, 11, 25, 8, 35), "缺粉")
        calls.dispatch(s, made.in_hand, made.wang, datetime(2026, 11, 25, 8, 50), by_id=made.sun)
    return made


def make_board(database, qtbot, user_id: int | None) -> DispatchBoard:
    from crm_desktop.services import users

    with database.Session() as s:
        user = users.find_user(s, user_id)
    board = DispatchBoard(database, user)
    qtbot.addWidget(board)
    board.clock = lambda: NOW
    board.resize(1100, 600)
    board.show()
    qtbot.waitExposed(board)
    board.refresh()
    return board


def shown_ids(board: DispatchBoard) -> list[int]:
    m = board.calls_model
    return [m.data(m.index(r, 0), ROW_ID_ROLE) for r in range(m.rowCount())]


def status_of(database, call_id: int) -> tuple:
    with database.Session() as s:
        call = s.get(ServiceCall, call_id)
        return call.status, call.technician_id, call.dispatched_at


@pytest.fixture
def errors_shown(monkeypatch) -> list[BaseException]:
    """The board's errors, instead of a modal message box."""
    shown: list[BaseException] = []
    monkeypatch.setattr(board_module, "show_error", lambda _parent, exc: shown.append(exc))
    return shown


# --------------------------------------------------------------------------- showing


def test_s13_board_shows_carry_overs_first_marked_then_by_deadline(app, database, b, qtbot):
    board = make_board(database, qtbot, b.sun)
    m = board.calls_model
    tester = QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert shown_ids(board) == [b.old_suburb, b.old_city, b.today_city, b.today_suburb]
    assert [m.data(m.index(r, 0), CARRY_OVER_ROLE) for r in range(4)] == [True, True, False, False]
    badge = m.index(0, 0)
    assert m.data(badge) == m.tr("Carry-over")  # 遗留
    assert m.data(badge, Qt.ItemDataRole.BackgroundRole).color() == CARRY_OVER_BADGE
    assert m.data(m.index(2, 0)) is None  # today's call: no badge
    headers = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    assert headers[1:] == ["叫修单号", "叫修时间", "客户", "区域", "故障", "服务类别", "到达期限"]
    row = [m.data(m.index(0, c)) for c in range(m.columnCount())]
    assert row[2:7] == ["11-24 08:45", "李娜", "郊区", "卡纸", "A 有费服务"]
    # S14: the register's wording and colours of the working time left
    assert row[7] == "已超时 2.2 小时"  # due 11-24 16:45: 0.75 h that day, 1.5 h this morning
    assert m.data(m.index(0, 3), Qt.ItemDataRole.BackgroundRole).color() == DEADLINE_COLOURS["overdue"]
    assert m.data(m.index(1, 7)) == "剩余 2.0 小时" and m.data(m.index(1, 3), Qt.ItemDataRole.BackgroundRole) is None
    assert "2026-11-24 16:45" in m.data(m.index(0, 7), Qt.ItemDataRole.ToolTipRole)
    assert "4" in board.summary.text() and "2" in board.summary.text()  # waiting, carried over
    board.refresh()
    del tester


def test_s3_board_shows_each_technician_with_open_jobs_and_count(app, database, b, qtbot):
    board = make_board(database, qtbot, b.sun)
    t = board.tech_model
    tester = QAbstractItemModelTester(t, QAbstractItemModelTester.FailureReportingMode.Fatal)
    heads = [t.index(r, 0) for r in range(t.rowCount())]
    assert [h.data(COUNT_ROLE) for h in heads] == [1, 0]
    assert heads[0].data().startswith("王师傅") and "1" in heads[0].data()
    assert heads[1].data().startswith("赵师傅")
    assert t.rowCount(heads[0]) == 1 and t.rowCount(heads[1]) == 0
    job = t.index(0, 0, heads[0])
    assert job.data(ROW_ID_ROLE) == b.in_hand
    assert [t.index(0, c, heads[0]).data() for c in range(1, 4)] == ["张伟", "已派工", "11-25 08:50"]
    assert board.technicians.isExpanded(heads[0]) and board.technicians.isFirstColumnSpanned(0, QModelIndex())
    board.refresh()
    del tester


def test_s13_s14_every_minute_the_time_left_and_past_midnight_the_carry_overs(app, database, b, qtbot):
    board = make_board(database, qtbot, b.sun)
    m = board.calls_model
    row = m.row_of(b.today_city)
    assert m.data(m.index(row, 7)) == "剩余 5.0 小时"  # due 16:00, lunch 12:00–13:00 excluded
    board.clock = lambda: datetime(2026, 11, 25, 11, 0)
    with qtbot.waitSignal(m.dataChanged):
        board.tick()
    assert m.data(m.index(row, 7)) == "剩余 4.0 小时"
    board.clock = lambda: datetime(2026, 11, 26, 8, 30)  # the next morning
    board.tick()
    assert [m.data(m.index(r, 0), CARRY_OVER_ROLE) for r in range(m.rowCount())] == [True] * 4


# --------------------------------------------------------------------------- dispatching


def test_s3_dispatch_by_button(app, database, b, qtbot, errors_shown):
    board = make_board(database, qtbot, b.sun)
    testers = [QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Fatal)
               for m in (board.calls_model, board.tech_model)]
    assert not board.dispatch_button.isEnabled()  # nothing chosen yet
    board.select_call(b.old_city)
    board.select_technician(b.zhao)
    assert board.dispatch_button.isEnabled()
    assert "赵师傅" in board.hint.text()
    with qtbot.waitSignal(board.dispatched) as signal:
        qtbot.mouseClick(board.dispatch_button, Qt.MouseButton.LeftButton)
    assert signal.args == [[b.old_city]]
    assert errors_shown == []
    assert status_of(database, b.old_city) == ("dispatched", b.zhao, NOW)  # now, to the minute
    assert b.old_city not in shown_ids(board)
    assert board.tech_model.count_of(b.zhao) == 1
    assert board.tech_model.job_ids_of(b.zhao) == [b.old_city]
    assert board.selected_call_id() == b.today_city  # the next waiting call, ready
    assert board.selected_technician_id() is None  # the next needs a deliberate choice
    assert "赵师傅" in board.message.text()
    del testers


def test_s3_dispatch_by_dropping_a_call_on_a_technician(app, database, b, qtbot, errors_shown):
    board = make_board(database, qtbot, b.sun)
    testers = [QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Fatal)
               for m in (board.calls_model, board.tech_model)]
    m, t = board.calls_model, board.tech_model
    row = m.row_of(b.old_suburb)
    assert m.flags(m.index(row, 1)) & Qt.ItemFlag.ItemIsDragEnabled
    mime = m.mimeData([m.index(row, c) for c in range(m.columnCount())])  # a whole row dragged
    zhao = t.index(t.technician_row(b.zhao), 0)
    assert t.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, zhao)
    assert not t.canDropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, QModelIndex())  # between rows
    with qtbot.waitSignal(board.dispatched):
        assert t.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, zhao)
    assert errors_shown == []
    assert status_of(database, b.old_suburb) == ("dispatched", b.zhao, NOW)
    assert b.old_suburb not in shown_ids(board) and t.job_ids_of(b.zhao) == [b.old_suburb]
    # dropped on one of a technician's jobs: it goes to that technician
    wang = t.index(t.technician_row(b.wang), 0)
    job = t.index(0, 2, wang)
    mime = m.mimeData([m.index(m.row_of(b.today_city), 1)])
    with qtbot.waitSignal(board.dispatched):
        assert t.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, job)
    assert status_of(database, b.today_city)[:2] == ("dispatched", b.wang)
    assert t.count_of(b.wang) == 2
    del testers


def _drag_over(view, point, mime) -> bool:
    """The view's drag-move handler: would it take the drop here?"""
    move = QDragMoveEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    view.dragMoveEvent(move)
    return move.isAccepted()


def _drop(view, point, mime) -> None:
    """The view's drop handler (a real mouse drag cannot run offscreen)."""
    event = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    event.ignore()  # as Qt hands a drop over: not yet taken by anyone
    view.dropEvent(event)


def test_s3_dispatch_by_a_drop_event_on_the_technician_view(app, database, b, qtbot, errors_shown):
    """The view's own drag and drop handlers, over a technician's row."""
    board = make_board(database, qtbot, b.sun)
    m, t, view = board.calls_model, board.tech_model, board.technicians
    mime = m.mimeData([m.index(m.row_of(b.today_suburb), 1)])
    point = view.visualRect(t.index(t.technician_row(b.zhao), 0)).center()
    assert _drag_over(view, point, mime)
    with qtbot.waitSignal(board.dispatched):
        _drop(view, point, mime)
    assert errors_shown == []
    assert status_of(database, b.today_suburb)[:2] == ("dispatched", b.zhao)


def test_s3_a_refused_dispatch_is_shown_and_nothing_saved(app, database, b, qtbot, errors_shown):
    board = make_board(database, qtbot, b.sun)
    with database.Session.begin() as s:  # someone cancels the call meanwhile
        s.get(ServiceCall, b.old_city).status = "cancelled"
    assert not board.dispatch([b.old_city, b.old_suburb], b.zhao)  # one transaction: neither
    assert len(errors_shown) == 1 and isinstance(errors_shown[0], UserError)
    assert status_of(database, b.old_suburb) == ("registered", None, None)
    assert shown_ids(board) == [b.old_suburb, b.today_city, b.today_suburb]  # reloaded


def test_a_bug_during_dispatch_is_a_message_not_a_traceback(app, database, b, qtbot, monkeypatch):
    board = make_board(database, qtbot, b.sun)
    texts = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: texts.append(box.text()) or 0)
    monkeypatch.setattr("crm_desktop.services.calls.dispatch", lambda *a, **k: 1 / 0)
    assert not board.dispatch([b.old_city], b.zhao)
    assert texts and "Traceback" not in texts[0] and "ZeroDivisionError" not in texts[0]


# --------------------------------------------------------------------------- who may


def test_s3_a_non_supervisor_cannot_dispatch_from_the_board(app, database, b, qtbot, errors_shown):
    board = make_board(database, qtbot, b.qian)
    m, t = board.calls_model, board.tech_model
    board.select_call(b.old_city)
    board.select_technician(b.zhao)
    assert not board.dispatch_button.isEnabled()
    assert "钱文员" in board.dispatch_button.toolTip() and "业务员" in board.dispatch_button.toolTip()
    assert board.hint.text() == board.not_allowed_text()
    assert not m.flags(m.index(0, 1)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not board.calls.dragEnabled() and not board.technicians.acceptDrops()
    mime = m.mimeData([m.index(0, 1)])
    zhao = t.index(t.technician_row(b.zhao), 0)
    assert not t.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, zhao)
    assert not t.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, zhao)
    point = board.technicians.visualRect(zhao).center()
    assert not _drag_over(board.technicians, point, mime)
    _drop(board.technicians, point, mime)
    qtbot.wait(20)
    assert status_of(database, b.old_city) == ("registered", None, None) and errors_shown == []
    # and should a dispatch get through the GUI anyway, the service refuses it
    assert not board.dispatch([b.old_city], b.zhao)
    assert len(errors_shown) == 1 and errors_shown[0].field == "by_id" and "钱文员" in str(errors_shown[0])
    assert status_of(database, b.old_city) == ("registered", None, None)


def test_s3_without_a_current_user_nobody_dispatches(app, database, b, qtbot, errors_shown):
    board = make_board(database, qtbot, None)
    board.select_call(b.old_city)
    board.select_technician(b.zhao)
    assert not board.dispatch_button.isEnabled() and board.dispatch_button.toolTip() == board.not_allowed_text()
    assert not board.dispatch([b.old_city], b.zhao)
    assert errors_shown and errors_shown[0].field == "by_id"
    assert status_of(database, b.old_city) == ("registered", None, None)


def test_s3_register_dispatch_dialog_dispatches_as_the_current_user(app, database, b, qtbot):
    refused = DispatchDialog(database, b.old_city, by_id=b.qian)
    qtbot.addWidget(refused)
    refused.fields["technician_id"].setCurrentIndex(refused.fields["technician_id"].findData(b.zhao))
    refused.accept()
    assert refused.result() != QDialog.DialogCode.Accepted
    assert not refused.general_message.isHidden() and "钱文员" in refused.general_message.text()
    assert status_of(database, b.old_city) == ("registered", None, None)
    allowed = DispatchDialog(database, b.old_city, by_id=b.sun)
    qtbot.addWidget(allowed)
    allowed.fields["technician_id"].setCurrentIndex(allowed.fields["technician_id"].findData(b.zhao))
    allowed.accept()
    assert allowed.result() == QDialog.DialogCode.Accepted
    assert status_of(database, b.old_city)[:2] == ("dispatched", b.zhao)


# --------------------------------------------------------------------------- main window


def test_main_window_shows_the_current_user_and_starts_a_supervisor_on_the_board(app, database, b, qtbot):
    window = MainWindow(database, current_user_id=b.sun)
    qtbot.addWidget(window)
    assert window.current_user_id == b.sun
    assert "孙主任" in window.user_label.text() and "服务主任" in window.user_label.text()
    assert window.current_name() == BOARD and window.board.calls_model.rowCount() == 4
    assert window.act_dispatch.isEnabled()  # on the board, Ctrl+D dispatches the selection
    window.open_register("service_call")
    assert window.act_dispatch.isEnabled()
    assert window.page_names()[-4:] == [BOARD, "invoices_to_issue", "repairs_at_risk", "renewals_due"]
    assert window.register_names() == window.page_names()[:-4]


def test_main_window_greys_out_dispatch_for_anyone_else(app, database, b, qtbot):
    window = MainWindow(database, current_user_id=b.qian)
    qtbot.addWidget(window)
    assert window.current_name() == "service_call"  # a clerk starts on the call register
    assert not window.act_dispatch.isEnabled()
    assert "钱文员" in window.act_dispatch.toolTip()
    window.open_board()
    assert not window.act_dispatch.isEnabled() and not window.board.dispatch_button.isEnabled()


def test_main_window_built_directly_has_no_user_and_asks_nothing(app, database, b, qtbot, monkeypatch):
    from crm_desktop.views import login

    monkeypatch.setattr(login.LoginDialog, "exec", lambda self: pytest.fail("login shown"))
    window = MainWindow(database)
    qtbot.addWidget(window)
    assert window.current_user_id is None and not window.act_dispatch.isEnabled()
    assert window.user_label.text()


def test_switch_user_logs_in_someone_else_who_may_dispatch(app, database, b, qtbot, monkeypatch):
    from crm_desktop.services import auth
    from crm_desktop.views import login

    with database.Session.begin() as s:
        auth.create_account(s, b.sun, "sun", "zhuren-mima", must_change_password=False)
    window = MainWindow(database, current_user_id=b.qian)
    qtbot.addWidget(window)
    switch = next(a for a in window.menuBar().actions()[0].menu().actions() if a is window.act_switch_user)
    assert switch.text() and window.act_switch_user.isEnabled()

    def type_in(dialog):
        dialog.login.setText("sun")
        dialog.password.setText("zhuren-mima")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(login.LoginDialog, "exec", type_in)
    window.switch_user()
    assert window.current_user_id == b.sun and window.act_dispatch.isEnabled()
    assert "孙主任" in window.user_label.text()
    monkeypatch.setattr(login.LoginDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    window.switch_user()  # given up: the current user stays
    assert window.current_user_id == b.sun


# --------------------------------------------------------------------------- screenshot


def test_board_over_demo_data_is_grabbed(app, database, qtbot):
    demo.generate(database, calls=150, seed=7, now=NOW)
    faults = ["复印件有黑线", "卡纸，纸盒二进纸有异响", "不能接收传真", "开机显示错误代码 SC542", "通电无反应", "打印颜色偏淡"]
    received = [datetime(2026, 11, 24, 10, 5), datetime(2026, 11, 24, 15, 20), datetime(2026, 11, 24, 16, 50),
                datetime(2026, 11, 25, 8, 35), datetime(2026, 11, 25, 8, 50), datetime(2026, 11, 25, 9, 10)]
    with database.Session.begin() as s:
        people = list(s.scalars(select(Customer).order_by(Customer.id).limit(len(received))))
        for i, (customer, at) in enumerate(zip(people, received)):
            calls.register_call(s, customer_id=customer.id, received_at=at, fault=faults[i])
        supervisor = s.scalar(select(Staff.id).where(Staff.role == "supervisor"))
    window = MainWindow(database, current_user_id=supervisor)
    qtbot.addWidget(window)
    window.board.clock = lambda: NOW
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    board = window.open_board()
    board.refresh()
    assert board.calls_model.carry_over_count() >= 3 and board.tech_model.rowCount() >= 4
    board.select_call_row(2)
    board.select_technician(board.tech_model.index(1, 0).data(board_module.TECHNICIAN_ROLE))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pixmap = window.grab()
    assert pixmap.save(str(SCREENSHOTS / "dispatch_board.png"))
    assert board.grab().save(str(SCREENSHOTS / "dispatch_board_page.png"))
