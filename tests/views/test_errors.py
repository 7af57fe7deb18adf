"""Errors: a user error is shown in Chinese; a bug is logged with its traceback to the data
folder's log and shown as a short Chinese message, never a traceback (issue 2 item 7); a known
fault of the machine, made for real (tests/fault_scenarios.py), is shown in its own words and
logged as a warning (issue 12 item 4)."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from crm_desktop import config as config_mod
from crm_desktop.errors import UserError
from crm_desktop.faults import Fault
from crm_desktop.i18n import QT_TRANSLATE_NOOP
from crm_desktop.views import errors as view_errors
from crm_desktop.views.main_window import MainWindow


def test_a_bug_in_a_slot_is_logged_with_traceback_and_shown_briefly(app, database, cfg, qtbot, monkeypatch):
    config_mod.setup_logging(cfg)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window = MainWindow(database)
    qtbot.addWidget(window)

    def broken():
        raise ZeroDivisionError("division by zero in a slot")

    window._guarded(broken)
    for handler in logging.getLogger().handlers:
        handler.flush()
    log_text = cfg.log_file.read_text(encoding="utf-8")
    assert "Traceback" in log_text and "ZeroDivisionError" in log_text
    assert shown and "Traceback" not in shown[0] and "ZeroDivisionError" not in shown[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in shown[0])


def test_a_user_error_is_shown_translated_and_not_logged_as_a_bug(app, cfg, monkeypatch):
    config_mod.setup_logging(cfg)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    error = UserError(QT_TRANSLATE_NOOP("Calls", "Describe the fault the customer reports."), field="fault")
    view_errors.show_error(None, error)
    assert shown == ["请填写客户反映的故障情况。"]


def test_uncaught_exceptions_go_to_the_log(app, cfg, monkeypatch):
    config_mod.setup_logging(cfg)
    view_errors.install_excepthook(silent=True)
    try:
        raise KeyError("lost key")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "KeyError: 'lost key'" in cfg.log_file.read_text(encoding="utf-8")


# -- known faults (issue 12 item 4): their own message, a warning in the log, never the apology ------------

def _shown_for_a_save(window, database, monkeypatch, times: int = 1) -> list[str]:
    """What the clerk is shown when saving a customer (``times`` over) fails."""
    from ..fault_scenarios import save_a_customer

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window._guarded(lambda: [save_a_customer(database) for _ in range(times)])
    return shown


def _assert_told(shown: list[str], cfg, fault) -> None:
    """The fault's message as the app translates it, logged as a warning with its cause."""
    from PySide6.QtCore import QCoreApplication

    assert shown == [QCoreApplication.translate("Faults", fault.message)]
    assert shown[0] != view_errors.message_of(ZeroDivisionError())  # not the apology for a bug
    for handler in logging.getLogger().handlers:
        handler.flush()
    log_text = cfg.log_file.read_text(encoding="utf-8")
    assert f"WARNING crm_desktop.faults: unexpected error: known fault {fault.name}" in log_text
    assert "Traceback" not in log_text and " ERROR " not in log_text


@pytest.fixture
def fresh_window(app, database, cfg, qtbot):
    config_mod.setup_logging(cfg)
    w = MainWindow(database)
    qtbot.addWidget(w)
    database.engine.dispose()  # the fault meets the next connection, as after the window's start
    return w


def test_a_locked_database_is_told_as_such(fresh_window, database, cfg, monkeypatch):
    from crm_desktop import db

    from ..fault_scenarios import write_lock_held

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    with write_lock_held(cfg.sqlite_path):
        shown = _shown_for_a_save(fresh_window, database, monkeypatch)
    _assert_told(shown, cfg, Fault.LOCKED)


def test_a_full_disk_is_told_as_such(fresh_window, database, cfg, monkeypatch):
    from ..fault_scenarios import sqlite_may_not_grow

    with sqlite_may_not_grow():
        shown = _shown_for_a_save(fresh_window, database, monkeypatch, times=200)
        database.engine.dispose()
    _assert_told(shown, cfg, Fault.DISK_FULL)


def test_a_read_only_database_is_told_as_such(fresh_window, database, cfg, monkeypatch):
    from ..fault_scenarios import read_only

    with read_only(cfg.sqlite_path):
        shown = _shown_for_a_save(fresh_window, database, monkeypatch)
        database.engine.dispose()
    _assert_told(shown, cfg, Fault.READ_ONLY)


def test_a_failing_disk_is_told_as_such(app, tmp_path, qtbot, monkeypatch):
    from crm_desktop.db import open_database

    from ..fault_scenarios import failing_disk

    with failing_disk(tmp_path / "disk", tmp_path / "disk.img") as disk:
        cfg = config_mod.resolve(tmp_path / "data", config_mod.sqlite_url(disk.folder / "crm_desktop.sqlite3"))
        config_mod.setup_logging(cfg)
        database = open_database(cfg)
        try:
            window = MainWindow(database)
            qtbot.addWidget(window)
            disk.fail()
            shown = _shown_for_a_save(window, database, monkeypatch)
            window.close()
        finally:
            database.dispose()
    _assert_told(shown, cfg, Fault.IO_ERROR)


def test_a_damaged_database_is_told_as_such(fresh_window, database, cfg, monkeypatch):
    from ..fault_scenarios import damage

    damage(cfg.sqlite_path, ("customer",))
    shown = _shown_for_a_save(fresh_window, database, monkeypatch)
    _assert_told(shown, cfg, Fault.DAMAGED)


def test_an_uncaught_fault_is_logged_as_a_warning_not_a_bug(app, database, cfg, monkeypatch):
    from crm_desktop import db

    from ..fault_scenarios import save_a_customer, write_lock_held

    config_mod.setup_logging(cfg)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # given back after the test
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    database.engine.dispose()
    view_errors.install_excepthook(silent=True)
    with write_lock_held(cfg.sqlite_path):
        try:
            save_a_customer(database)
        except Exception:
            sys.excepthook(*sys.exc_info())
    for handler in logging.getLogger().handlers:
        handler.flush()
    log_text = cfg.log_file.read_text(encoding="utf-8")
    assert "uncaught: known fault LOCKED" in log_text and "Traceback" not in log_text


def test_every_fault_message_is_shown_in_chinese(app):
    from PySide6.QtCore import QCoreApplication

    untranslated = [f.name for f in Fault if QCoreApplication.translate("Faults", f.message) == f.message]
    assert untranslated == []
    for fault in Fault:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in view_errors.message_of(_made(fault)))


def _made(fault):
    """An exception that is ``fault`` by its SQLite result code."""
    import sqlite3

    code = {Fault.LOCKED: sqlite3.SQLITE_BUSY, Fault.DISK_FULL: sqlite3.SQLITE_FULL,
            Fault.READ_ONLY: sqlite3.SQLITE_READONLY, Fault.IO_ERROR: sqlite3.SQLITE_IOERR,
            Fault.DAMAGED: sqlite3.SQLITE_CORRUPT}[fault]
    error = sqlite3.OperationalError(fault.name)
    error.sqlite_errorcode = code
    return error


def test_the_window_says_where_the_log_went_when_the_data_folder_refused_it(app, qtbot, monkeypatch, tmp_path):
    """Issue 15, item 6: the log went to the temporary folder (config.setup_logging)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

    from crm_desktop import app as app_module
    from crm_desktop import config
    from crm_desktop.views.i18n import translate

    monkeypatch.setattr(config, "fallback_log", lambda: tmp_path / "crm_desktop-data.log")
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    seen = []

    def read_and_close() -> None:  # the warning runs its own event loop: read it from inside
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.done(0)
        else:
            QTimer.singleShot(20, read_and_close)

    QTimer.singleShot(20, read_and_close)
    app_module._say_where_the_log_went(window, translate)
    qtbot.waitUntil(lambda: bool(seen))
    assert str(tmp_path / "crm_desktop-data.log") in seen[0]
