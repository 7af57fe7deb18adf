"""Long work off the GUI thread (views/background): the window keeps processing events during
a 100,000-row export; Cancel writes nothing; a bug is logged with its traceback and told in
a short message, a refusal as its own message; one piece of work at a time, the window's
input held back meanwhile; the database shared safely with the worker; nothing left running
when the program closes."""

from __future__ import annotations

import gc
import logging
import os
import subprocess
import sys
import threading
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton, QWidget
from sqlalchemy import func, select
from sqlalchemy.pool import QueuePool

from crm_desktop import config as config_mod
from crm_desktop.db import open_database
from crm_desktop.errors import UserError
from crm_desktop.exports.register_export import FIRST_DATA_ROW
from crm_desktop.files import leftover_temporaries
from crm_desktop.i18n import Msg
from crm_desktop.models import Customer, ServiceCall, Staff
from crm_desktop.models.service import CallStatus
from crm_desktop.progress import Cancelled, report
from crm_desktop.services import calls, customers
from crm_desktop.views import background
from crm_desktop.views.background import run_in_background, wait_for
from crm_desktop.views.errors import message_of
from crm_desktop.views.i18n import translate

CALLS = 100_000
TICK_MS = 50


# -- a register of 100,000 calls, made once for the module --------------------------------
@pytest.fixture(scope="module")
def big_database(tmp_path_factory):
    """One call made by the services, copied 99,999 times inside SQLite (a few seconds
    instead of minutes) as closed calls, as most of a register of that size is: an open call
    weeks past its deadline costs the table's paint a working-time count per cell. The
    search indexes' triggers are dropped first: this database is only exported, never
    searched."""
    database = open_database(config_mod.resolve(tmp_path_factory.mktemp("big")))
    with database.Session.begin() as s:
        admin = Staff(name="管理员", role="admin")
        s.add(admin)
        s.flush()
        customer = customers.create_customer(s, name="南京华信科技有限公司", phone="13912340001",
                                             district="urban")
        template = calls.register_call(s, customer_id=customer.id, received_at=datetime(2026, 11, 2, 9, 0),
                                       fault="卡纸")
        admin_id, template_id = admin.id, template.id
    table = ServiceCall.__table__
    copied = [c.name for c in table.columns if c.name not in ("id", "call_no", "received_at", "status", "closed_at")]
    with database.engine.begin() as conn:
        triggers = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'service_call'").scalars().all()
        for name in triggers:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        conn.exec_driver_sql(
            f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {CALLS - 1}) "
            f"INSERT INTO service_call (call_no, received_at, status, closed_at, {', '.join(copied)}) "
            f"SELECT printf('JX-%06d', i), datetime(t.received_at, '+' || i || ' minutes') || '.000000', "
            f"'{CallStatus.CLOSED.value}', datetime(t.received_at, '+' || (i + 1440) || ' minutes') || '.000000', "
            f"{', '.join('t.' + c for c in copied)} FROM n, service_call AS t WHERE t.id = ?", (template_id,))
    with database.read_session() as s:
        assert s.scalar(select(func.count()).select_from(ServiceCall)) == CALLS
    yield database, admin_id
    database.dispose()


@pytest.fixture
def big_window(app, big_database, qtbot):
    from crm_desktop.views.main_window import MainWindow

    database, admin_id = big_database
    window = MainWindow(database, current_user_id=admin_id)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.open_register("service_call")
    return window


def save_as(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def rows_in(path: Path) -> int:
    """The rows of the workbook's sheet, counted in its XML (openpyxl reads 100,000 rows slowly)."""
    with zipfile.ZipFile(path) as book:
        return book.read("xl/worksheets/sheet1.xml").count(b"<row ")


@pytest.mark.slow
def test_the_window_keeps_processing_events_during_a_100000_row_export(big_window, tmp_path, monkeypatch):
    target = tmp_path / "all.xlsx"
    save_as(monkeypatch, target)
    # the window as the program has it once started, not the suite's leftovers: earlier tests'
    # windows deleted, garbage collected, then what is left frozen (app.start_up_done)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    QCoreApplication.processEvents()
    gc.freeze()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    try:
        timer.start()
        started = time.perf_counter()
        big_window.act_export.trigger()  # File → Export to Excel…, as the clerk starts it
        running = background.running()
        assert len(running) == 1, "the export runs in the background"
        assert wait_for(running[0], 600_000) == target
        ended = time.perf_counter()
    finally:
        gc.unfreeze()
        timer.stop()
    marks = [started, *ticks, ended]
    gaps = [b - a for a, b in zip(marks, marks[1:])]
    seconds = ended - started
    print(f"\n100,000-row export: {seconds:.1f} s, {len(ticks)} ticks of {TICK_MS} ms, "
          f"longest gap {max(gaps) * 1000:.0f} ms")
    # the GUI thread ticked most of the times it would have idle, and never stopped long
    assert len(ticks) >= 0.6 * seconds * 1000 / TICK_MS
    assert max(gaps) < 0.3
    # the file is whole: the title line, the header, every call and the totals row
    assert rows_in(target) == FIRST_DATA_ROW + CALLS
    assert f"{CALLS}" in big_window.statusBar().currentMessage()
    assert leftover_temporaries(tmp_path) == []


def test_cancel_writes_nothing_and_leaves_no_temporary_file(big_window, tmp_path, monkeypatch):
    target = tmp_path / "cancelled.xlsx"
    save_as(monkeypatch, target)
    big_window.act_export.trigger()
    task = background.running()[0]
    task.progressed.connect(lambda _done, _total: task.dialog.cancel())  # the clerk's Cancel at the first report
    assert wait_for(task) is None
    assert isinstance(task.error, Cancelled)
    assert list(tmp_path.iterdir()) == [] and leftover_temporaries(tmp_path) == []
    assert big_window.statusBar().currentMessage() == QCoreApplication.translate(
        "ExportActions", "Export cancelled; no file was written.")


# -- how work ends ------------------------------------------------------------------------
@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """The texts of the message boxes views/errors.show_error opened (answered at once)."""
    texts: list[str] = []

    def exec_(box) -> int:
        texts.append(box.text())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return texts


def broken_work(progress):
    report(progress, 1, 2)
    raise RuntimeError("disk on fire")


def test_a_bug_in_the_work_is_logged_with_its_traceback_and_the_clerk_reads_a_short_message(app, qtbot, shown,
                                                                                             caplog):
    parent = QWidget()
    qtbot.addWidget(parent)
    succeeded = []
    with caplog.at_level(logging.ERROR):
        task = run_in_background(parent, broken_work, succeeded.append, label="…")
        assert wait_for(task) is None
    assert not succeeded and isinstance(task.error, RuntimeError)
    assert shown == [message_of(task.error)]  # the short apology …
    assert "disk on fire" not in shown[0] and "Traceback" not in shown[0]
    logged = [r for r in caplog.records if r.exc_info and r.exc_info[1] is task.error]
    assert logged, "… and the log has the rest"
    assert "broken_work" in logging.Formatter().formatException(logged[0].exc_info)  # the worker's own frames


def test_a_user_error_is_shown_as_its_message_and_not_logged(app, qtbot, shown, caplog):
    refusal = UserError(Msg("Tests", "The customer {name} has left."), name="张伟")

    def refused(_progress):
        raise refusal

    with caplog.at_level(logging.ERROR):
        assert wait_for(run_in_background(None, refused, lambda r: r, label="…")) is None
    assert shown == [refusal.render(translate)] == ["The customer 张伟 has left."]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_cancel_ends_quietly(app, qtbot, shown):
    told = []
    task = run_in_background(None, lambda progress: [report(progress, i, 9) for i in range(9)], told.append,
                             label="…", on_cancelled=told.append)
    task.cancel()
    assert wait_for(task) is None
    assert len(told) == 1 and isinstance(told[0], Cancelled)  # on_cancelled, not on_success
    assert shown == []  # no message box


def test_the_result_comes_back_to_the_gui_thread(app):
    seen = {}

    def work(progress):
        seen["work"] = threading.current_thread()
        report(progress, 1, 1)
        return 42

    def done(result):
        seen["done"] = threading.current_thread()
        return result + 1

    task = run_in_background(None, work, done, label="…")
    progressed = []
    task.progressed.connect(lambda done_, total: progressed.append((done_, total, threading.current_thread())))
    assert wait_for(task) == 43 and task.result == 42
    assert seen["work"] is not threading.main_thread()
    assert seen["done"] is threading.main_thread()
    assert progressed == [(1, 1, threading.main_thread())]


def test_the_interpreter_lock_changes_hands_quickly_only_while_work_runs(app):
    before = sys.getswitchinterval()
    seen = []
    task = run_in_background(None, lambda progress: seen.append(sys.getswitchinterval()), lambda r: r, label="…")
    wait_for(task)
    assert seen == [pytest.approx(background.SWITCH_INTERVAL_S)] and seen[0] < before
    assert sys.getswitchinterval() == before


# -- one at a time, the window's input held back ------------------------------------------------
def test_one_piece_of_work_at_a_time_and_the_windows_input_held_back(app, qtbot):
    window = QWidget()
    button = QPushButton("导出", window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    clicks = []
    button.clicked.connect(lambda: clicks.append(1))

    def click() -> None:  # through the native window, as the clerk's mouse comes
        QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         button.geometry().center())

    go_on = threading.Event()
    task = run_in_background(window, lambda progress: go_on.wait(30), lambda r: r, label="…", show_after_ms=60_000)
    try:
        assert run_in_background(window, lambda progress: None, lambda r: r, label="…") is None  # refused
        click()
        assert clicks == [] and not task.dialog.isVisible()  # held back before the dialog shows
    finally:
        go_on.set()
    assert wait_for(task) is True
    click()
    assert clicks == [1]  # and given back after


def test_the_progress_dialog_shows_only_for_work_that_takes_a_while(app, qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    quick = run_in_background(window, lambda progress: 1, lambda r: r, label="…", show_after_ms=300)
    dialog = quick.dialog
    assert wait_for(quick) == 1 and not dialog.isVisible()

    go_on = threading.Event()
    slow = run_in_background(window, lambda progress: go_on.wait(30), lambda r: r, label="正在导出…",
                             title="导出到 Excel", show_after_ms=50)
    qtbot.waitUntil(slow.dialog.isVisible, timeout=5000)
    dialog = slow.dialog
    assert isinstance(dialog, QProgressDialog) and dialog.labelText() == "正在导出…"
    assert dialog.windowModality() == Qt.WindowModality.WindowModal and dialog.parent() is window
    go_on.set()
    wait_for(slow)
    assert not dialog.isVisible()


# -- the database from the worker ----------------------------------------------------------------
def test_the_engine_may_be_shared_with_the_worker(database):
    """What the worker's own sessions rely on: for a SQLite file SQLAlchemy pools connections
    (QueuePool) that any thread may use (check_same_thread off)."""
    assert isinstance(database.engine.pool, QueuePool)
    with database.engine.connect() as conn:
        dbapi = conn.connection.dbapi_connection
        errors = []
        thread = threading.Thread(target=lambda: _execute_or_record(dbapi, errors))
        thread.start()
        thread.join()
    assert errors == []


def _execute_or_record(dbapi, errors) -> None:
    try:
        dbapi.execute("SELECT 1").fetchall()
    except Exception as exc:  # noqa: BLE001 - the test reports it
        errors.append(exc)


def test_the_window_reads_while_the_worker_writes_and_a_cancel_rolls_the_write_back(app, database):
    in_transaction, go_on = threading.Event(), threading.Event()

    def work(progress):
        with database.Session.begin() as session:
            customers.create_customer(session, name="写入中的客户", phone="13900000000")
            session.flush()
            in_transaction.set()
            go_on.wait(30)
            report(progress, 1, 2)  # cancelled by then: Cancelled, and the transaction rolls back
            report(progress, 2, 2)

    task = run_in_background(None, work, lambda r: r, label="…")
    assert in_transaction.wait(30)
    started = time.perf_counter()
    with database.read_session() as s:  # WAL: the window's read is not held up by the write lock
        assert s.scalar(select(func.count()).select_from(Customer).where(Customer.name == "写入中的客户")) == 0
    assert time.perf_counter() - started < 1
    task.cancel()
    go_on.set()
    assert wait_for(task) is None and isinstance(task.error, Cancelled)
    with database.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Customer).where(Customer.name == "写入中的客户")) == 0


# -- the program closing -------------------------------------------------------------------------
def test_shut_down_cancels_running_work_and_drops_its_result(app):
    started = threading.Event()
    delivered = []

    def work(progress):
        started.set()
        for i in range(10_000):
            time.sleep(0.01)
            report(progress, i, 10_000)

    task = run_in_background(None, work, delivered.append, label="…", on_failure=delivered.append)
    assert started.wait(30)
    background.shut_down()
    assert background.running() == [] and task.is_finished
    assert isinstance(task.error, Cancelled) and delivered == []
    loop = QEventLoop()
    QTimer.singleShot(50, loop.quit)
    loop.exec()  # the worker's last signals, if any, find nothing to do
    assert delivered == []


EXIT_SCRIPT = """
import sys, threading, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from crm_desktop.progress import report
from crm_desktop.views import background

app = QApplication([])
window = QMainWindow()
window.show()
seen = []

def work(progress):
    for i in range(100_000):
        time.sleep(0.005)
        report(progress, i, 100_000)

def ended(result):
    seen.append(result)

task = background.run_in_background(window, work, ended, label="...", on_failure=ended)
QTimer.singleShot(int(sys.argv[1]), app.quit)  # the clerk closes the program while the work runs
code = app.exec()
print("ended:", type(task.error).__name__, "delivered:", len(seen), "running:", len(background.running()))
sys.exit(code)
"""


@pytest.mark.slow
@pytest.mark.parametrize("after_ms", [100, 700], ids=["before the dialog shows", "with the dialog up"])
def test_closing_the_program_while_work_runs_stops_it_cleanly(after_ms):
    result = subprocess.run([sys.executable, "-c", EXIT_SCRIPT, str(after_ms)], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert "ended: Cancelled delivered: 0 running: 0" in result.stdout
    assert "QThread" not in result.stderr and "Destroyed" not in result.stderr
