"""Errors: a user error is shown in Chinese; a bug is logged with its traceback to the data
folder's log and shown as a short Chinese message, never a traceback (issue 2 item 7)."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QMessageBox

from crm_desktop import config as config_mod
from crm_desktop.errors import UserError
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
