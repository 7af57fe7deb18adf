"""The window's backups and its watch over the database (X1; issue 15, items 2–4): the quick
check and the daily backup after the window shows, in the background while the clerk works;
a damaged database or a failing disk refuses further writes, naming the backup to restore;
the at-exit backup; 文件 → 备份与恢复 and a restore from it."""

from __future__ import annotations

import sqlite3
import time

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from crm_desktop import backups, clock
from crm_desktop.errors import UserError
from crm_desktop.models import Customer, Staff
from crm_desktop.services import auth
from crm_desktop.views import backup_actions, backup_dialog, restore_run
from crm_desktop.views.errors import show_error
from crm_desktop.views.i18n import translate

pytestmark = pytest.mark.demo_data(calls=20, seed=5)


@pytest.fixture
def said(monkeypatch):
    """What the window said in message boxes (answered at once, as the clerk would)."""
    messages: list[str] = []

    def record(answer):
        def box(_parent, _title, text, *args, **kwargs):
            messages.append(text)
            return answer
        return box

    monkeypatch.setattr(QMessageBox, "critical", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", record(QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "information", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: messages.append(box.text()) or 0)
    return messages


def _watch(window, qtbot):
    watch = window.watch
    with qtbot.waitSignal(watch.checked, timeout=60_000) as checked:
        watch.start_after_show(0)
    return watch, checked.args[0]


def test_after_the_window_shows_the_database_is_checked_and_todays_backup_made(window, qtbot, said):
    config = window.database.config
    assert backups.daily_due(config.backups_dir, clock.today())
    with qtbot.waitSignal(window.watch.backedUp, timeout=60_000) as made:
        watch, result = _watch(window, qtbot)
    assert result == "ok"
    backup = made.args[0]
    assert isinstance(backup, backups.Backup) and backup.check == backups.FULL and backup.verified
    assert backup.counts["service_call"] == 20
    assert not backups.daily_due(config.backups_dir, clock.today())
    assert backup.path.name in window.statusBar().currentMessage()
    assert not window.database.writes_refused and not said

    # the next start of the day makes none: one a day
    with qtbot.assertNotEmitted(window.watch.backedUp, wait=300):
        _watch(window, qtbot)


def test_the_window_stays_responsive_while_the_daily_backup_runs(window, qtbot, said):
    path = window.database.config.sqlite_path
    con = sqlite3.connect(path)  # about 120 MB, so that the backup lasts long enough to be watched
    con.execute("CREATE TABLE IF NOT EXISTS ballast(b BLOB)")
    con.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120) "
                "INSERT INTO ballast SELECT randomblob(1000000) FROM n")
    con.commit()
    con.close()
    gaps: list[int] = []
    clock_ = QElapsedTimer()
    clock_.start()
    ticker = QTimer()
    ticker.setInterval(10)

    def tick():
        gaps.append(clock_.restart())

    ticker.timeout.connect(tick)
    ticker.start()
    started = time.monotonic()
    with qtbot.waitSignal(window.watch.backedUp, timeout=120_000) as made:
        window.watch.start_after_show(0)
    took = time.monotonic() - started
    ticker.stop()
    assert isinstance(made.args[0], backups.Backup), made.args[0]
    assert took > 0.3, f"the backup took {took:.2f} s: too short to show anything"
    # the event loop ran all along: no pause of the window's ticks longer than a quarter second
    assert len(gaps) > took * 20 and max(gaps[1:]) < 250, (took, max(gaps), len(gaps))


def _damage(path) -> None:
    """Random bytes over a page in the middle of the file (a failing disk)."""
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek((size // 4096 // 2) * 4096)
        f.write(b"\xde\xad\xbe\xef" * 1024)


def test_a_damaged_database_is_said_loudly_and_refuses_every_write(window, qtbot, said):
    database = window.database
    config = database.config
    good = backups.make_backup(config.sqlite_path, config.backups_dir)
    con = sqlite3.connect(config.sqlite_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    database.dispose()
    _damage(config.sqlite_path)
    with qtbot.assertNotEmitted(window.watch.backedUp, wait=300):
        watch, result = _watch(window, qtbot)
    assert result != "ok"
    assert database.writes_refused
    assert said and good.path.name in said[0] and "备份与恢复" in said[0]
    assert window.refusal_banner.isVisible() and good.path.name in window.refusal_banner.text()
    with pytest.raises(UserError):
        with database.Session.begin() as s:
            s.add(Customer(name="损坏后新建", district="urban"))


def test_a_write_that_failed_with_a_disk_error_refuses_the_next_ones(window, said):
    assert window.watch is not None  # app.run_gui starts it with the window
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = sqlite3.SQLITE_IOERR_WRITE
    error.sqlite_errorname = "SQLITE_IOERR_WRITE"
    show_error(window, error)
    assert window.database.writes_refused and window.refusal_banner.isVisible()
    assert len(said) == 1  # the fault's own message; the banner says the rest


def test_the_at_exit_backup_is_quick_and_only_when_something_changed(window, said):
    database = window.database
    config = database.config
    made = backup_actions.backup_at_exit(database)
    assert made is not None and made.check == backups.QUICK and made.verified
    assert backup_actions.backup_at_exit(database) is None  # nothing written since
    time.sleep(1.1)  # the next backup's name is a second later
    with database.Session.begin() as s:
        s.add(Customer(name="退出前新建", district="urban"))
    again = backup_actions.backup_at_exit(database)
    assert again is not None and again.counts["customer"] == made.counts["customer"] + 1
    assert len(backups.list_backups(config.backups_dir)) == 2 and not said


def _admin(database):
    return auth.log_in(database, "admin", "admin123")


def test_the_dialog_lists_the_backups_with_check_and_counts(window, qtbot, said):
    database = window.database
    config = database.config
    backups.make_backup(config.sqlite_path, config.backups_dir)
    dialog = backup_dialog.BackupDialog(database, _admin(database), window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    cells = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert cells[2] == "完整检查" and cells[3] == "通过" and cells[4] == "20"
    assert str(config.backups_dir) in dialog.folder_label.text()
    assert dialog.restore_button.isEnabled()

    task = dialog.back_up_now()
    from crm_desktop.views import background

    background.wait_for(task)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    assert any("通过" in text for text in said)


def test_only_the_administrator_or_manager_may_restore_or_set_the_second_folder(window, qtbot):
    database = window.database
    with database.read_session() as s:
        clerk = auth.user_of(s, s.scalar(select(Staff.id).where(Staff.role == "clerk").limit(1)))
    assert clerk is not None and not clerk.may(auth.Permission.RESTORE)
    backups.make_backup(database.config.sqlite_path, database.config.backups_dir)
    dialog = backup_dialog.BackupDialog(database, clerk, window)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled() and not dialog.second_button.isEnabled()
    assert dialog.backup_button.isEnabled()  # anyone may make a backup


def test_the_second_folder_is_kept_audited_and_used_by_the_backups(window, qtbot, tmp_path, said):
    database = window.database
    dialog = backup_dialog.BackupDialog(database, _admin(database), window)
    qtbot.addWidget(dialog)
    usb = tmp_path / "U盘"
    dialog.set_second_folder(usb)
    assert str(usb) in dialog.second_label.text()
    with qtbot.waitSignal(window.watch.backedUp, timeout=60_000) as made:
        _watch(window, qtbot)
    assert (usb / made.args[0].path.name).exists()
    with database.read_session() as s:
        from crm_desktop.models import AuditEntry

        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "backup_folder")) == 1


def test_restore_chosen_in_the_dialog_then_carried_out(window, qtbot, said, monkeypatch):
    database = window.database
    config = database.config
    admin = _admin(database)
    backups.make_backup(config.sqlite_path, config.backups_dir)
    with database.Session.begin() as s:
        s.add(Customer(name="备份后新建", district="urban"))
    dialog = backup_dialog.BackupDialog(database, admin, window)
    qtbot.addWidget(dialog)
    dialog.restore_selected()  # the warning is answered Yes
    assert dialog.restore_requested is not None and "另存" in said[-1]

    reports = []
    monkeypatch.setattr(restore_run.RestoreReport, "exec", lambda self: reports.append(self.text.toPlainText()) or 1)
    database.dispose()
    result = restore_run.restore_and_report(config, dialog.restore_requested, admin)
    assert result is not None and result.set_aside is not None and result.set_aside.exists()
    assert reports and "备份后新建" in reports[0]
    con = sqlite3.connect(config.sqlite_path)
    try:
        assert con.execute("SELECT count(*) FROM customer WHERE name = '备份后新建'").fetchone()[0] == 0
    finally:
        con.close()


def test_a_refused_restore_leaves_the_database_and_says_why(window, tmp_path, said):
    database = window.database
    not_a_backup = tmp_path / "crm_desktop-2026-01-01-000000.sqlite3"
    not_a_backup.write_bytes(b"not a database at all" * 100)
    before = database.config.sqlite_path.read_bytes()
    database.dispose()
    assert restore_run.restore_and_report(database.config, not_a_backup, _admin(database)) is None
    assert said and "未恢复" in said[-1]
    assert database.config.sqlite_path.read_bytes() == before
    assert translate  # the messages above came through Qt's translation


def test_a_daily_backup_that_fails_its_full_check_refuses_writes(window, qtbot, said, monkeypatch):
    """The copy is the database's pages as they are: a failed integrity_check of it is the
    database's damage (one a quick check may miss, e.g. in an index)."""
    copy = backups._copy

    def copied_with_its_damage(source, partial, progress):
        copy(source, partial, progress)
        _damage(partial)  # what a damaged page of the database gives its copy

    monkeypatch.setattr(backups, "_copy", copied_with_its_damage)
    with qtbot.waitSignal(window.watch.backedUp, timeout=60_000) as failed:
        _watch(window, qtbot)
    assert isinstance(failed.args[0], UserError)
    assert window.database.writes_refused and window.refusal_banner.isVisible()
    assert len(said) == 1 and "备份" in said[0]  # the failed check said once, loudly
    assert backups.list_backups(window.database.config.backups_dir) == []  # nothing kept of it
