"""Known faults (issue 12 item 4): a locked database, a full disk, a read-only file or folder,
a failing disk and a damaged file, each made for real (tests/fault_scenarios.py), are told
apart from bugs by faults.py, and the command line says each in its own words with its own
exit code and no traceback. The window's side is in tests/views/test_errors.py."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc

from crm_desktop import cli, db, faults
from crm_desktop import config as config_mod
from crm_desktop.db import Database, make_engine, open_database
from crm_desktop.errors import DatabaseRefused, UserError
from crm_desktop.faults import Fault
from crm_desktop.i18n import QT_TRANSLATE_NOOP, Msg
from crm_desktop.migrations.revisions import HEAD
from crm_desktop.translation import standalone_translate

from .fault_scenarios import (
    damage,
    drop_log_handlers,
    failing_disk,
    fill,
    read_only,
    save_a_customer,
    small_disk,
    sqlite_may_not_grow,
    write_lock_held,
)

QUICK_BUSY_TIMEOUT_MS = 50


def raised(action) -> BaseException:
    try:
        action()
    except Exception as exc:  # noqa: BLE001 - the exception is what the test looks at
        return exc
    raise AssertionError("no error was raised")


def on(folder: Path, tmp_path: Path) -> config_mod.Config:
    """A configuration whose database lives in ``folder``, its data folder (log) elsewhere."""
    return config_mod.resolve(tmp_path / "data", config_mod.sqlite_url(folder / "crm_desktop.sqlite3"))


@pytest.fixture
def quick_busy_timeout(monkeypatch):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", QUICK_BUSY_TIMEOUT_MS)


# -- the faults themselves ---------------------------------------------------------------------------

def test_each_fault_has_its_own_message_and_exit_code():
    codes = [fault.exit_code for fault in Fault]
    assert sorted(codes) == [3, 4, 5, 6, 7] and faults.EXIT_CODES == dict(zip(Fault, codes))
    messages = [fault.message for fault in Fault]
    assert len(set(messages)) == len(messages)
    for message in messages:
        assert isinstance(message, Msg) and message.context == "Faults"
    assert "backups" in Fault.DAMAGED.render() and "Close the other program" in Fault.LOCKED.render()


# -- each fault, made for real, is recognised ---------------------------------------------------------

def test_a_write_lock_held_by_another_connection_is_locked(database, cfg, quick_busy_timeout):
    database.engine.dispose()  # the next connections wait QUICK_BUSY_TIMEOUT_MS, not 5 s
    with write_lock_held(cfg.sqlite_path):
        started = time.perf_counter()
        error = raised(lambda: save_a_customer(database))
        waited = time.perf_counter() - started
    assert isinstance(error, sa_exc.OperationalError)
    found = faults.diagnose(error)
    assert found.fault is Fault.LOCKED and faults.is_fault(error)
    assert found.cause is error.orig and found.cause.sqlite_errorname == "SQLITE_BUSY"
    assert "SQLITE_BUSY" in str(found) and "LOCKED" in str(found)
    assert waited < 2
    save_a_customer(database)  # the lock let go: the same write goes through


def test_the_busy_timeout_stays_five_seconds_for_the_program():
    assert db.BUSY_TIMEOUT_MS == 5000


def test_a_full_small_disk_is_disk_full(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        database = open_database(on(disk, tmp_path))
        try:
            save_a_customer(database)  # the WAL and its shared memory exist before the disk fills
            fill(disk)
            error = raised(lambda: [save_a_customer(database) for _ in range(50)])
            assert faults.classify(error) is Fault.DISK_FULL
            assert faults.diagnose(error).cause.sqlite_errorcode & 0xFF == sqlite3.SQLITE_FULL
            written = raised(lambda: (disk / "report.xlsx").write_bytes(b"x" * 65536))
            assert isinstance(written, OSError) and written.errno == errno.ENOSPC
            assert faults.classify(written) is Fault.DISK_FULL
        finally:
            database.dispose()


def test_a_database_that_may_not_grow_is_disk_full(database):
    """Where no small disk can be mounted, SQLite's own SQLITE_FULL stands in for it."""
    with sqlite_may_not_grow():
        database.engine.dispose()
        error = raised(lambda: [save_a_customer(database) for _ in range(200)])
        database.engine.dispose()
    assert faults.diagnose(error).cause.sqlite_errorname == "SQLITE_FULL"
    assert faults.classify(error) is Fault.DISK_FULL


def test_a_database_opened_read_only_is_read_only(database, cfg):
    uri = f"sqlite:///file:{cfg.sqlite_path.as_posix()}?mode=ro&uri=true"
    read_only_database = Database(make_engine(uri))
    try:
        error = raised(lambda: save_a_customer(read_only_database))
    finally:
        read_only_database.dispose()
    assert faults.diagnose(error).cause.sqlite_errorname == "SQLITE_READONLY"
    assert faults.classify(error) is Fault.READ_ONLY


def test_a_read_only_database_file_is_read_only(cfg):
    open_database(cfg).dispose()
    with read_only(cfg.sqlite_path):
        database = open_database(cfg)  # at the head revision: opening writes nothing
        try:
            error = raised(lambda: save_a_customer(database))
        finally:
            database.dispose()
    assert faults.classify(error) is Fault.READ_ONLY


def test_a_read_only_folder_is_read_only_and_tells_a_database_that_cannot_be_opened(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    config = on(folder, tmp_path)
    open_database(config).dispose()  # closed cleanly: no -wal or -shm file is left beside it
    with read_only(folder):
        written = raised(lambda: (folder / "notes.txt").write_text("x"))
        opened = raised(lambda: open_database(config))
        # SQLite only says it could not open the file; beside it, nothing can be written either
        told = faults.classify(opened, config.sqlite_path)
    assert isinstance(written, OSError) and written.errno in (errno.EROFS, errno.EACCES)
    assert faults.classify(written) is Fault.READ_ONLY
    assert faults.diagnose(opened).cause.sqlite_errorname == "SQLITE_CANTOPEN"
    assert told is Fault.READ_ONLY
    assert faults.classify(opened) is Fault.IO_ERROR  # without the path: a drive that went away


def test_a_disk_that_fails_is_an_io_error(tmp_path):
    with failing_disk(tmp_path / "disk", tmp_path / "disk.img") as disk:
        config = on(disk.folder, tmp_path)
        database = open_database(config)
        try:
            save_a_customer(database)
            disk.fail()
            error = raised(lambda: save_a_customer(database))
        finally:
            database.dispose()
        written = raised(lambda: (disk.folder / "notes.txt").write_text("x"))
        opened = raised(lambda: open_database(config))
        told = faults.classify(opened, config.sqlite_path)
    assert faults.diagnose(error).cause.sqlite_errorcode & 0xFF == sqlite3.SQLITE_IOERR
    assert faults.classify(error) is Fault.IO_ERROR
    assert isinstance(written, OSError) and written.errno == errno.EIO
    assert faults.classify(written) is Fault.IO_ERROR
    assert told is Fault.IO_ERROR


def test_an_input_output_error_from_the_system_is_an_io_error():
    """EIO made by the kernel on any machine: reading a terminal whose other side closed."""
    controller, terminal = os.openpty()
    os.close(terminal)
    try:
        error = raised(lambda: os.read(controller, 1))
    finally:
        os.close(controller)
    assert isinstance(error, OSError) and error.errno == errno.EIO
    assert faults.classify(error) is Fault.IO_ERROR


def test_a_database_with_overwritten_pages_is_damaged_and_not_refused(cfg):
    open_database(cfg).dispose()
    damage(cfg.sqlite_path, ("customer",))
    database = open_database(cfg)
    try:
        error = raised(lambda: save_a_customer(database))
    finally:
        database.dispose()
    assert faults.diagnose(error).cause.sqlite_errorname == "SQLITE_CORRUPT"
    assert faults.classify(error) is Fault.DAMAGED

    damage(cfg.sqlite_path)  # now the page read at opening too
    before = cfg.sqlite_path.read_bytes()
    opened = raised(lambda: open_database(cfg))
    assert not isinstance(opened, DatabaseRefused)  # not another program's file: ours, damaged
    assert faults.classify(opened) is Fault.DAMAGED
    assert cfg.sqlite_path.read_bytes() == before


# -- bugs stay bugs ----------------------------------------------------------------------------------

def test_database_errors_that_are_bugs_are_not_faults(database):
    with database.engine.begin() as conn:
        duplicate = raised(lambda: conn.exec_driver_sql("INSERT INTO alembic_version VALUES (?)", (HEAD,)))
    with database.engine.connect() as conn:
        no_table = raised(lambda: conn.exec_driver_sql("SELECT * FROM no_such_table"))
    assert isinstance(duplicate, sa_exc.IntegrityError) and isinstance(no_table, sa_exc.OperationalError)
    for error in (duplicate, no_table, ZeroDivisionError("1/0"), KeyError("lost"), TypeError("bad call")):
        assert faults.diagnose(error) is None and not faults.is_fault(error)


def _locked() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("database is locked")
    error.sqlite_errorcode, error.sqlite_errorname = sqlite3.SQLITE_BUSY, "SQLITE_BUSY"
    return error


def test_a_fault_is_found_through_the_chain_unless_its_context_was_suppressed():
    def raise_from():
        try:
            raise _locked()
        except sqlite3.OperationalError as exc:
            raise RuntimeError("could not save") from exc

    def raise_during():
        try:
            raise _locked()
        except sqlite3.OperationalError:
            raise RuntimeError("cleaning up failed")

    def raise_from_none():
        try:
            raise _locked()
        except sqlite3.OperationalError:
            raise RuntimeError("a bug of its own") from None

    assert faults.classify(raised(raise_from)) is Fault.LOCKED
    assert faults.classify(raised(raise_during)) is Fault.LOCKED
    assert faults.classify(raised(raise_from_none)) is None


def test_a_user_error_says_it_itself_even_when_a_fault_caused_it():
    try:
        raise _locked()
    except sqlite3.OperationalError as exc:
        refused = UserError(QT_TRANSLATE_NOOP("Calls", "Describe the fault the customer reports."))
        refused.__cause__ = exc
    assert faults.diagnose(refused) is None


def test_message_text_is_read_only_from_database_errors_that_carry_no_code():
    class OperationalError(Exception):  # another driver's, PEP 249 named
        pass

    assert faults.classify(OperationalError("database is locked")) is Fault.LOCKED
    assert faults.classify(OperationalError("database disk image is malformed")) is Fault.DAMAGED
    assert faults.classify(ValueError("database is locked")) is None  # a bug quoting SQLite
    # the statement and its values are no evidence: SQLite's code says it was a constraint
    constraint = sqlite3.IntegrityError("UNIQUE constraint failed: customer.code")
    constraint.sqlite_errorcode, constraint.sqlite_errorname = 2067, "SQLITE_CONSTRAINT_UNIQUE"
    wrapped = sa_exc.IntegrityError("INSERT INTO note VALUES ('disk I/O error')", {}, constraint)
    assert faults.classify(wrapped) is None


def test_operating_system_errors_by_their_number():
    assert faults.classify(OSError(errno.ENOSPC, "No space left on device")) is Fault.DISK_FULL
    assert faults.classify(OSError(errno.EROFS, "Read-only file system")) is Fault.READ_ONLY
    assert faults.classify(PermissionError(errno.EACCES, "Permission denied")) is Fault.READ_ONLY
    assert faults.classify(OSError(errno.EIO, "Input/output error")) is Fault.IO_ERROR
    assert faults.classify(FileNotFoundError(errno.ENOENT, "No such file")) is None
    in_use = PermissionError(errno.EACCES, "The process cannot access the file")
    in_use.winerror = 32  # Windows: ERROR_SHARING_VIOLATION, the file is open in another program
    assert faults.classify(in_use) is Fault.LOCKED
    gone = OSError(errno.EINVAL, "The device is not connected")
    gone.winerror = 1167  # ERROR_DEVICE_NOT_CONNECTED: a USB drive pulled out
    assert faults.classify(gone) is Fault.IO_ERROR
    protected = PermissionError(errno.EACCES, "The media is write protected")
    protected.winerror = 19  # ERROR_WRITE_PROTECT
    assert faults.classify(protected) is Fault.READ_ONLY


# -- the command line ---------------------------------------------------------------------------------

def headless(capsys, *argv: str) -> tuple[int, str]:
    """``crm-desktop ARGV`` in this process: its exit code and what it wrote on stderr."""
    try:
        code = cli.main(list(argv))
    finally:
        drop_log_handlers()
    return code, capsys.readouterr().err


def said(fault: Fault) -> str:
    """The fault's message as the command line prints it: in the program's translation."""
    return fault.render(standalone_translate())


def assert_told(result: tuple[int, str], fault: Fault) -> None:
    code, err = result
    assert (code, err.strip()) == (fault.exit_code, said(fault))
    assert "Traceback" not in err


def test_command_line_on_a_locked_database(cfg, capsys, quick_busy_timeout):
    open_database(cfg).dispose()
    with write_lock_held(cfg.sqlite_path):
        result = headless(capsys, "demo", "--calls", "5", "--quiet", "--data-dir", str(cfg.data_dir))
    assert_told(result, Fault.LOCKED)
    assert "known fault LOCKED" in cfg.log_file.read_text(encoding="utf-8")


def test_command_line_backup_onto_a_full_disk(cfg, capsys):
    open_database(cfg).dispose()
    with small_disk(cfg.backups_dir) as backups:
        fill(backups)
        result = headless(capsys, "backup", "--data-dir", str(cfg.data_dir))
        assert sorted(p.name for p in backups.iterdir()) == ["filler.bin"]  # no half copy left to fill it
    assert_told(result, Fault.DISK_FULL)


def test_command_line_when_the_database_may_not_grow(cfg, capsys):
    open_database(cfg).dispose()
    with sqlite_may_not_grow():
        result = headless(capsys, "demo", "--calls", "5", "--quiet", "--data-dir", str(cfg.data_dir))
    assert_told(result, Fault.DISK_FULL)


def test_command_line_import_onto_a_full_disk_imports_nothing(cfg, capsys, tmp_path, monkeypatch):
    """Issue 15: a disk that fills during an import: the known fault in its words, no row of
    the file kept (one transaction), no traceback."""
    from openpyxl import Workbook

    assert headless(capsys, "demo", "--calls", "0", "--quiet", "--data-dir", str(cfg.data_dir))[0] == 0
    book = Workbook()
    book.active.append(["单位名称", "联系电话", "通讯地址", "产品型号", "机身编号"])
    for n in range(400):
        book.active.append([f"南京第{n}号测试单位有限公司", f"025-8{n:07d}", f"南京市鼓楼区中山路{n}号" + "大厦" * 20,
                            "理光 MP 2014", f"RC-{n:05d}"])
    workbook = tmp_path / "客户.xlsx"
    book.save(workbook)

    def customers() -> int:
        con = sqlite3.connect(cfg.sqlite_path)
        try:
            return con.execute("SELECT count(*) FROM customer").fetchone()[0]
        finally:
            con.close()

    before = customers()
    monkeypatch.setenv("CRM_DESKTOP_USER", "admin")
    monkeypatch.setenv("CRM_DESKTOP_PASSWORD", "admin123")
    with sqlite_may_not_grow():
        result = headless(capsys, "import", "customers", str(workbook), "--data-dir", str(cfg.data_dir))
    assert_told(result, Fault.DISK_FULL)
    assert customers() == before


def test_command_line_on_a_database_in_a_read_only_folder(tmp_path, capsys):
    folder = tmp_path / "shared"
    folder.mkdir()
    config = on(folder, tmp_path)
    open_database(config).dispose()
    with read_only(folder):
        result = headless(capsys, "demo", "--calls", "5", "--quiet", "--data-dir", str(config.data_dir),
                          "--database-url", config.database_url)
    assert_told(result, Fault.READ_ONLY)


def test_command_line_with_a_read_only_data_folder(cfg, capsys):
    open_database(cfg).dispose()
    with read_only(cfg.data_dir):
        result = headless(capsys, "backup", "--data-dir", str(cfg.data_dir))
    assert_told(result, Fault.READ_ONLY)


def test_command_line_on_a_failing_disk(tmp_path, capsys):
    with failing_disk(tmp_path / "disk", tmp_path / "disk.img") as disk:
        config = on(disk.folder, tmp_path)
        open_database(config).dispose()
        disk.fail()
        result = headless(capsys, "demo", "--calls", "5", "--quiet", "--data-dir", str(config.data_dir),
                          "--database-url", config.database_url)
    assert_told(result, Fault.IO_ERROR)


def test_command_line_on_a_damaged_database_leaves_it_as_it_is(cfg, capsys):
    open_database(cfg).dispose()
    damage(cfg.sqlite_path)
    before = cfg.sqlite_path.read_bytes()
    result = headless(capsys, "backup", "--data-dir", str(cfg.data_dir))
    assert_told(result, Fault.DAMAGED)
    assert cfg.sqlite_path.read_bytes() == before


def test_command_line_a_bug_is_a_sentence_and_its_traceback_goes_to_the_log(cfg, capsys, monkeypatch):
    """Issue 15, item 6: a bug is not dressed as a fault (exit 1, not a fault's code), but
    the user reads a sentence that says where the details are; the traceback is in the log."""
    def broken(*_args):
        raise ZeroDivisionError("a bug in the command")

    monkeypatch.setattr(cli, "_cmd_backup", broken)
    code, err = headless(capsys, "backup", "--data-dir", str(cfg.data_dir))
    assert code == 1 and "Traceback" not in err and "ZeroDivisionError" not in err
    assert str(cfg.log_file) in err
    logged = cfg.log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "ZeroDivisionError: a bug in the command" in logged

    def constraint(*_args):
        with sqlite3.connect(":memory:") as con:
            con.execute("CREATE TABLE t (x UNIQUE)")
            con.execute("INSERT INTO t VALUES (1), (1)")

    monkeypatch.setattr(cli, "_cmd_backup", constraint)
    code, err = headless(capsys, "backup", "--data-dir", str(cfg.data_dir))
    assert code == 1 and "IntegrityError" not in err and "IntegrityError" in cfg.log_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", ["output folder missing", "unknown database kind", "no driver", "data folder is a file"])
def test_command_line_bad_places_are_said_in_words(case, tmp_path, capsys, monkeypatch):
    """Issue 15, item 6: each case of the issue gave a traceback."""
    argv = ["print", "call-register", "--from", "2026-01-01", "--to", "2026-12-31", "-o", str(tmp_path / "x.pdf")]
    if case == "output folder missing":
        argv[-1] = str(tmp_path / "no" / "such" / "x.pdf")
        argv += ["--data-dir", str(tmp_path / "d")]
    elif case == "unknown database kind":
        argv += ["--data-dir", str(tmp_path / "d"), "--database-url", "foo://bar"]
    elif case == "no driver":
        argv += ["--data-dir", str(tmp_path / "d"), "--database-url", "postgresql+nosuchdriver://u:secret@localhost/x"]
    else:
        (tmp_path / "afile").write_text("x")
        monkeypatch.setenv("CRM_DESKTOP_DATA_DIR", str(tmp_path / "afile"))
    code, err = headless(capsys, *argv)
    assert code == 2 and "Traceback" not in err and "Error" not in err and "secret" not in err
    assert err.strip() and not (tmp_path / "x.pdf").exists()


def test_a_data_folder_that_cannot_take_the_log_logs_to_the_temporary_folder(tmp_path, capsys, monkeypatch):
    """Issue 15, item 6: the log file cannot be opened (a read-only folder): no OSError, the
    log goes to the user's temporary folder, and the command says what is wrong."""
    import tempfile

    from crm_desktop import config as config_mod

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "crm_desktop.log").mkdir()  # the log's name taken by a folder: it cannot be opened
    code, err = headless(capsys, "audit", "verify", "--data-dir", str(folder))
    assert "Traceback" not in err and "IsADirectoryError" not in err
    assert config_mod.fallback_log() is not None and config_mod.fallback_log().parent == tmp_path / "temp"


def smoke(data_dir: Path) -> subprocess.CompletedProcess:
    """The window's start in a real process (it installs Qt's message handler and hooks)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "crm_desktop", "--smoke", "--data-dir", str(data_dir)],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.slow
def test_the_window_does_not_start_on_a_damaged_database_and_says_why(cfg):
    open_database(cfg).dispose()
    damage(cfg.sqlite_path)
    before = cfg.sqlite_path.read_bytes()
    result = smoke(cfg.data_dir)
    assert result.returncode == Fault.DAMAGED.exit_code, result.stderr
    assert said(Fault.DAMAGED) in result.stderr and "Traceback" not in result.stderr
    assert cfg.sqlite_path.read_bytes() == before
    assert "known fault DAMAGED" in cfg.log_file.read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_window_does_not_start_in_a_read_only_data_folder_and_says_why(cfg):
    """The log cannot even be opened: the message waits for Qt, and the fault's code is the exit code."""
    open_database(cfg).dispose()
    with read_only(cfg.data_dir):
        result = smoke(cfg.data_dir)
    assert result.returncode == Fault.READ_ONLY.exit_code, result.stderr
    assert said(Fault.READ_ONLY) in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_the_window_on_a_data_folder_that_is_a_file_says_so_without_a_traceback(tmp_path):
    """Issue 15, item 6: CRM_DESKTOP_DATA_DIR pointing at a file."""
    afile = tmp_path / "afile"
    afile.write_text("x")
    result = smoke(afile)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(afile) in result.stderr
