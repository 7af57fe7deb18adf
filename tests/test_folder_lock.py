"""One window per data folder (X1; issue 15, item 5): the lock beside the database, who holds
it, a lock left by a killed program, and a headless command that finds the folder's window
writing (exit 2 naming the holder)."""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crm_desktop import folder_lock
from crm_desktop.folder_lock import FolderLock, HeldElsewhere, computer_name, who_holds

from .cli_runner import run, run_process


def test_the_first_program_takes_the_folder_and_a_second_is_told_who_holds_it(tmp_path):
    first = FolderLock(tmp_path)
    first.acquire()
    assert first.held
    holder = json.loads((tmp_path / folder_lock.HOLDER_NAME).read_text(encoding="utf-8"))
    assert holder["pid"] == os.getpid() and holder["computer"] == computer_name()

    with pytest.raises(HeldElsewhere) as held:
        FolderLock(tmp_path).acquire()
    assert held.value.holder is not None and held.value.holder.pid == os.getpid()
    sentence = held.value.describe()
    assert computer_name() in sentence and str(os.getpid()) in sentence and str(tmp_path) in sentence
    assert who_holds(tmp_path) is not None

    first.release()
    assert who_holds(tmp_path) is None
    assert not (tmp_path / folder_lock.HOLDER_NAME).exists()
    second = FolderLock(tmp_path)
    second.acquire()
    second.release()


def test_a_holder_file_left_behind_is_stale_and_taken_over(tmp_path, caplog):
    gone = folder_lock.Holder(computer="前台电脑", user="clerk", pid=999_999, since=folder_lock.clock.now())
    (tmp_path / folder_lock.HOLDER_NAME).write_text(gone.to_json(), encoding="utf-8")
    (tmp_path / folder_lock.LOCK_NAME).touch()
    assert who_holds(tmp_path) is None  # the file says someone, the lock says nobody
    lock = FolderLock(tmp_path)
    with caplog.at_level(logging.WARNING, logger="crm_desktop.folder_lock"):
        lock.acquire()
    assert "前台电脑" in caplog.text and "taken over" in caplog.text
    assert folder_lock.read_holder(tmp_path).pid == os.getpid()
    lock.release()


HOLD = """
import sys, time
from pathlib import Path
from crm_desktop.folder_lock import FolderLock
lock = FolderLock(Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
time.sleep(120)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_killed_program_leaves_no_lock_behind(tmp_path):
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")})
    try:
        assert child.stdout.readline().strip() == "held"
        held = who_holds(tmp_path)
        assert held is not None and held.holder.pid == child.pid
        with pytest.raises(HeldElsewhere):
            FolderLock(tmp_path).acquire()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        child.kill()
        child.stdout.close()
    assert who_holds(tmp_path) is None
    lock = FolderLock(tmp_path)
    lock.acquire()  # the operating system let go of the dead program's lock
    lock.release()


@pytest.fixture(scope="module")
def small_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lock") / "d"
    result = run("demo", "--calls", "0", "--quiet", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


def test_a_writing_command_beside_a_window_that_is_saving_exits_2_naming_the_holder(small_folder, tmp_path):
    window = FolderLock(small_folder)
    window.acquire()
    saving = sqlite3.connect(small_folder / "crm_desktop.sqlite3", isolation_level=None)
    saving.execute("BEGIN IMMEDIATE")  # the window in the middle of a long save
    try:
        result = run("export", "service-call", "--data-dir", str(small_folder), "-o", str(tmp_path / "calls.xlsx"))
    finally:
        saving.execute("ROLLBACK")
        saving.close()
        window.release()
    assert result.returncode == 2, result.stderr
    assert computer_name() in result.stderr and str(os.getpid()) in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "calls.xlsx").exists()


def test_a_command_runs_beside_the_window_when_it_is_not_writing(small_folder, tmp_path):
    window = FolderLock(small_folder)
    window.acquire()
    try:  # a nightly export must not fail because the clerk left the program open
        result = run("export", "service-call", "--data-dir", str(small_folder), "-o", str(tmp_path / "calls.xlsx"))
    finally:
        window.release()
    assert result.returncode == 0, result.stderr


@pytest.mark.slow  # a real process
def test_smoke_on_a_folder_held_by_a_window_is_refused_naming_the_holder(small_folder):
    window = FolderLock(small_folder)
    window.acquire()
    try:
        result = run_process("--smoke", "--data-dir", str(small_folder))
    finally:
        window.release()
    assert result.returncode == 2
    assert str(os.getpid()) in result.stderr and "Traceback" not in result.stderr
