"""The machine's faults made for real, for the tests of faults.py, the views and the command
line: a write lock held by another connection, a small disk filled up, a read-only file or
folder, a disk that fails, a database file with pages overwritten.

Root ignores file permissions, so as root a read-only file or folder is a read-only bind
mount over itself (or, where mounting is not allowed, ``chattr +i``); as anyone else it is
the file's mode. A full disk is a small tmpfs where mounting is allowed, and in any case
SQLite refusing to grow the file (``PRAGMA max_page_count``: the engine's own SQLITE_FULL).
A failing disk is an ext4 file system on a loop device, shut down under the program (the
``EXT4_IOC_SHUTDOWN`` ioctl: every later read and write fails with EIO); it needs root and
a loop device, and the test is skipped where the machine has neither. Every mount and loop
device is undone when the block ends, also when the test fails.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
import struct
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

ROOT = os.geteuid() == 0
EXT4_IOC_SHUTDOWN = 0x8004587D  # _IOR('X', 125, __u32)
EXT4_GOING_FLAGS_NOLOGFLUSH = 2


def _run(*command: str | os.PathLike) -> bool:
    return subprocess.run([str(c) for c in command], capture_output=True).returncode == 0


def _unmount(target: Path) -> None:
    if not _run("umount", target):
        _run("umount", "--lazy", target)  # something still holds it: at least it is gone from view


def save_a_customer(database) -> None:
    """A write the clerk makes: a new customer (a number taken, the search index updated)."""
    from crm_desktop.services import customers

    with database.Session.begin() as s:
        customers.create_customer(s, name="张伟", phone="13812345678", address="上海市徐汇区漕溪北路1号")


@contextmanager
def write_lock_held(database_file: Path) -> Iterator[sqlite3.Connection]:
    """Another program holds the write lock (``BEGIN IMMEDIATE``) until the block ends."""
    other = sqlite3.connect(database_file, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield other
    finally:
        other.close()  # rolls back and lets go


@contextmanager
def read_only(path: Path) -> Iterator[str]:
    """``path`` (a file or a folder) cannot be written until the block ends; yields how."""
    if not ROOT:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield "mode"
        finally:
            path.chmod(mode)
        return
    if _run("mount", "--bind", "-o", "ro", path, path):
        try:
            yield "read-only mount"
        finally:
            _unmount(path)
        return
    if _run("chattr", "+i", path):
        try:
            yield "immutable"
        finally:
            _run("chattr", "-i", path)
        return
    pytest.skip("root ignores permissions, and this machine allows neither a read-only bind mount nor chattr +i")


@contextmanager
def small_disk(folder: Path, size: str = "4m") -> Iterator[Path]:
    """A tmpfs of ``size`` at ``folder`` (made empty) until the block ends."""
    folder.mkdir(parents=True, exist_ok=True)
    if not ROOT or not _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder):
        pytest.skip("mounting a small tmpfs needs root and a machine that allows mounts")
    try:
        yield folder
    finally:
        _unmount(folder)


def fill(folder: Path, room: int = 0) -> Path:
    """Fill the disk under ``folder`` until at most ``room`` bytes are left."""
    filler = folder / "filler.bin"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        block = b"\0" * 4096
        while True:
            stats = os.statvfs(folder)
            if stats.f_bavail * stats.f_frsize <= room:
                break
            os.write(descriptor, block)
    except OSError as exc:
        if exc.errno != 28:  # ENOSPC: full already
            raise
    finally:
        os.close(descriptor)
    return filler


@contextmanager
def sqlite_may_not_grow() -> Iterator[None]:
    """Every connection made in the block may not add a page to its database file: the
    next write that needs one fails with SQLite's own SQLITE_FULL, as on a full disk."""

    def cap(dbapi_connection, _record) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(Engine, "connect", cap)
    try:
        yield
    finally:
        event.remove(Engine, "connect", cap)


class FailingDisk:
    """An ext4 file system on a loop device at ``folder``; ``fail()`` shuts it down."""

    def __init__(self, folder: Path, device: str) -> None:
        self.folder = folder
        self.device = device

    def fail(self) -> None:
        # only ever this loop device's file system, never the one the tests run on
        assert os.path.ismount(self.folder) and os.stat(self.folder).st_dev == os.stat(self.device).st_rdev
        descriptor = os.open(self.folder, os.O_RDONLY)
        try:
            fcntl.ioctl(descriptor, EXT4_IOC_SHUTDOWN, struct.pack("I", EXT4_GOING_FLAGS_NOLOGFLUSH))
        finally:
            os.close(descriptor)


@contextmanager
def failing_disk(folder: Path, image: Path, size_mb: int = 16) -> Iterator[FailingDisk]:
    if not (ROOT and shutil.which("losetup") and shutil.which("mkfs.ext4") and Path("/dev/loop-control").exists()):
        pytest.skip("a disk that fails needs root, a loop device and mkfs.ext4")
    folder.mkdir(parents=True, exist_ok=True)
    with open(image, "wb") as f:
        f.truncate(size_mb * 1024 * 1024)
    if not _run("mkfs.ext4", "-q", "-F", image):
        pytest.skip("mkfs.ext4 could not make the file system")
    made = subprocess.run(["losetup", "--find", "--show", str(image)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"no loop device: {made.stderr.strip()}")
    device = made.stdout.strip()
    try:
        if not _run("mount", device, folder):
            pytest.skip("this machine does not allow mounting a loop device")
        try:
            yield FailingDisk(folder, device)
        finally:
            _unmount(folder)
    finally:
        _run("losetup", "--detach", device)
        image.unlink(missing_ok=True)


def damage(database_file: Path, tables: tuple[str, ...] = ("alembic_version",)) -> None:
    """Overwrite the first page of each of ``tables`` in the middle of the file with noise,
    as a bad sector or a half-copied file leaves it. Nothing may have the file open."""
    con = sqlite3.connect(database_file)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the file itself
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        roots = [con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (t,)).fetchone()[0] for t in tables]
    finally:
        con.close()
    with open(database_file, "r+b") as f:
        for root in roots:
            assert root > 1  # never the header page: the file must still look like SQLite
            f.seek((root - 1) * page_size)
            f.write(b"\xa5" * page_size)


def drop_log_handlers() -> None:
    """The command line logs to its data folder: let go of the file (a mount must unmount)."""
    import logging

    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_crm_desktop", False)]:
        root.removeHandler(handler)
        handler.close()
