"""A second window on a data folder another program holds (X1; issue 15, item 5): asked, it
opens read-only — it logs in without writing, shows why it cannot save, and refuses every
save in words — or quits."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from crm_desktop import app as app_mod
from crm_desktop.errors import UserError
from crm_desktop.folder_lock import FolderLock, computer_name
from crm_desktop.models import AuditEntry, Customer
from crm_desktop.services import auth
from crm_desktop.views.i18n import translate
from crm_desktop.views.main_window import MainWindow

pytestmark = pytest.mark.demo_data(calls=20, seed=3)


def _answer(button_text_part: str) -> None:
    """Click the button of the question on screen whose text holds ``button_text_part``."""
    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        for button in box.buttons():
            if button_text_part in button.text():
                button.click()
                return
        box.reject()  # never leave the test waiting on a question it cannot answer
        raise AssertionError([b.text() for b in box.buttons()])

    QTimer.singleShot(0, click)


@pytest.mark.parametrize("choice, expected", [("只读", "read-only"), ("退出", "quit")])
def test_the_second_window_is_asked_read_only_or_quit(app, cfg, choice, expected):
    holder = FolderLock(cfg.data_dir)
    holder.acquire()
    try:
        _answer(choice)
        taken = app_mod._take_data_folder(cfg, smoke=False, translate=translate)
    finally:
        holder.release()
    if expected == "quit":
        assert taken is None
    else:
        lock, held_by = taken
        assert lock is None and computer_name() in held_by


def test_a_free_folder_is_taken_without_a_question(app, cfg):
    lock, held_by = app_mod._take_data_folder(cfg, smoke=False, translate=None)
    try:
        assert lock is not None and lock.held and held_by is None
    finally:
        lock.release()


def test_the_read_only_window_says_so_and_refuses_every_save(app, qtbot, demo_database):
    demo_database.refuse_writes(app_mod.READ_ONLY_WINDOW, holder="数据文件夹正由另一台电脑使用。")
    with demo_database.read_session() as s:
        lines_before = s.scalar(select(func.count()).select_from(AuditEntry))
    user = auth.log_in(demo_database, "admin", "admin123")  # checked, not recorded
    assert user.login == "admin"
    with pytest.raises(UserError):
        auth.log_in(demo_database, "admin", "wrong")
    window = MainWindow(demo_database, current_user_id=user.staff_id)
    qtbot.addWidget(window)
    window.show()
    assert window.refusal_banner.isVisible()
    assert "只读" in window.refusal_banner.text() and "另一台电脑" in window.refusal_banner.text()
    assert "只读" in window.windowTitle()
    assert window.views["customer"].model.rowCount() > 0  # reading goes on

    with pytest.raises(UserError) as refused:
        with demo_database.Session.begin() as s:
            s.add(Customer(name="只读时新建", district="urban"))
    assert "只读" in refused.value.render(translate)
    with demo_database.read_session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == lines_before
        assert s.scalar(select(Customer.id).where(Customer.name == "只读时新建")) is None


def test_a_window_that_may_write_shows_no_banner(window):
    assert not window.refusal_banner.isVisible() and "只读" not in window.windowTitle()


def test_smoke_does_not_ask_and_is_refused_naming_the_holder(app, cfg):
    holder = FolderLock(cfg.data_dir)
    holder.acquire()
    try:
        with pytest.raises(UserError) as refused:
            app_mod._take_data_folder(cfg, smoke=True, translate=None)
    finally:
        holder.release()
    assert computer_name() in str(refused.value)


def test_run_gui_releases_the_folder_when_it_ends(app, cfg, monkeypatch):
    monkeypatch.setattr(app_mod, "run_smoke", lambda *_args, **_kwargs: 0)
    args = SimpleNamespace(data_dir=str(cfg.data_dir), database_url=None, smoke=True, smoke_print=False)
    assert app_mod.run_gui(args) == 0
    lock = FolderLock(cfg.data_dir)
    lock.acquire()
    lock.release()
