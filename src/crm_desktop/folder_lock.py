"""One window per data folder (X1, issue 15, item 5).

The window holds an operating-system lock on ``crm_desktop.lock`` beside the database for as
long as it runs (``files.try_lock``: ``flock`` on Linux, a locked byte with ``msvcrt.locking``
on Windows, both on a local disk and on a share — what the ``filelock`` package does, without
the 25 ms its import adds to every start). The operating system lets go of it when the program ends in
any way — a crash, a kill, a power cut — so a lock is never left behind by a dead program: a
lock that can be taken is free, whatever the holder file says (that file, if another program
wrote it and is gone, is stale, and is noted in the log and replaced).

Beside it ``crm_desktop.lock.json`` says who holds the folder — the PC, the account, the
process and since when — for the second window's question (open read-only, or quit) and for
a headless command that could not get SQLite's write lock (cli: exit 2 naming the holder).

Headless commands do not take this lock: a nightly export must run beside a window left
open. SQLite's own locking keeps their writes apart from the window's. No Qt here.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import clock, files
from .i18n import QT_TRANSLATE_NOOP, Translate

log = logging.getLogger(__name__)

LOCK_NAME = "crm_desktop.lock"
HOLDER_NAME = "crm_desktop.lock.json"

HELD_BY = QT_TRANSLATE_NOOP(
    "FolderLock", "The data folder {folder} is in use by crm_desktop on the computer {computer} (Windows account "
                  "{user}, program {pid}) since {since}.")
HELD_BY_UNKNOWN = QT_TRANSLATE_NOOP(
    "FolderLock", "The data folder {folder} is in use by another crm_desktop (it did not say who).")


@dataclass(frozen=True)
class Holder:
    computer: str
    user: str
    pid: int
    since: datetime

    @classmethod
    def me(cls) -> Holder:
        return cls(computer=computer_name(), user=_account(), pid=os.getpid(), since=clock.now().replace(microsecond=0))

    def to_json(self) -> str:
        return json.dumps({"computer": self.computer, "user": self.user, "pid": self.pid,
                           "since": self.since.isoformat(sep=" ")}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Holder | None:
        try:
            data = json.loads(text)
            return cls(computer=str(data["computer"]), user=str(data["user"]), pid=int(data["pid"]),
                       since=datetime.fromisoformat(data["since"]))
        except (ValueError, KeyError, TypeError):
            return None

    def is_me(self) -> bool:
        return self.pid == os.getpid() and self.computer == computer_name()


def computer_name() -> str:
    """The PC's name as Windows shows it (COMPUTERNAME), else the host name (without the
    socket module, which the start would otherwise import for this alone)."""
    return os.environ.get("COMPUTERNAME") or (os.uname().nodename if hasattr(os, "uname") else "?")


def _account() -> str:
    name = os.environ.get("USERNAME") or os.environ.get("USER") or os.environ.get("LOGNAME")
    if name:
        return name
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no account name anywhere (a service): still a holder
        return "?"


def describe(folder: Path, holder: Holder | None, translate: Translate | None = None) -> str:
    """Who holds ``folder``, in a sentence for the second window or the command line."""
    if holder is None:
        return HELD_BY_UNKNOWN.tr(translate, folder=str(folder))
    return HELD_BY.tr(translate, folder=str(folder), computer=holder.computer, user=holder.user, pid=holder.pid,
                      since=f"{holder.since:%Y-%m-%d %H:%M}")


class FolderLock:
    """The lock of one data folder, taken by the window at its start and let go at its end."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.lock_path = data_dir / LOCK_NAME
        self.holder_path = data_dir / HOLDER_NAME
        self._descriptor: int | None = None

    @property
    def held(self) -> bool:
        return self._descriptor is not None

    def acquire(self) -> None:
        """Take the folder (the holder file then names this program); ``HeldElsewhere``
        (who holds it, when it said) if another program has it."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        descriptor = _open_lock_file(self.lock_path)
        if not files.try_lock(descriptor):
            os.close(descriptor)
            raise HeldElsewhere(self.data_dir, read_holder(self.data_dir))
        self._descriptor = descriptor
        stale = read_holder(self.data_dir)
        if stale is not None and not stale.is_me():
            log.warning("the data folder's lock was left by a program that is gone (%s, %s, pid %s, since %s): taken over",
                        stale.computer, stale.user, stale.pid, stale.since)
        me = Holder.me()
        try:
            # plainly, without syncing it to the disk (two syncs cost a start ~0.1 s here): a
            # holder file cut short by a power cut only leaves a second window unable to say who
            self.holder_path.write_text(me.to_json(), encoding="utf-8")
        except OSError:  # the lock itself is what counts; a second window then only cannot say who
            log.warning("could not write %s", self.holder_path, exc_info=True)
        log.info("data folder %s taken by this program (pid %s)", self.data_dir, me.pid)

    def release(self) -> None:
        if self._descriptor is None:
            return
        try:
            holder = read_holder(self.data_dir)
            if holder is not None and holder.is_me():
                self.holder_path.unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove %s", self.holder_path, exc_info=True)
        # the lock file stays: removing it could let a second program lock a new file of the
        # same name while a third still waits on the old one
        files.close_unlocked(self._descriptor)
        self._descriptor = None
        log.info("data folder %s let go", self.data_dir)

    def __del__(self) -> None:  # a lock object dropped without release still lets go
        if self._descriptor is not None:
            files.close_unlocked(self._descriptor)
            self._descriptor = None


def _open_lock_file(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)


class HeldElsewhere(Exception):
    """Another program holds the data folder."""

    def __init__(self, folder: Path, holder: Holder | None) -> None:
        super().__init__(f"{folder} held by {holder}")
        self.folder = folder
        self.holder = holder

    def describe(self, translate: Translate | None = None) -> str:
        return describe(self.folder, self.holder, translate)


def read_holder(data_dir: Path) -> Holder | None:
    """What the holder file says (it may be stale: ``current_holder`` checks the lock)."""
    try:
        return Holder.from_json((data_dir / HOLDER_NAME).read_text(encoding="utf-8"))
    except OSError:
        return None


def who_holds(data_dir: Path) -> HeldElsewhere | None:
    """Who holds ``data_dir`` now (``HeldElsewhere``), or None when nobody does: a holder
    file left by a program that is gone does not count, its lock can be taken. Asked by a
    command that found the database locked, to say by whom."""
    try:
        descriptor = os.open(data_dir / LOCK_NAME, os.O_RDWR)
    except OSError:
        return None
    try:
        if not files.try_lock(descriptor):
            return HeldElsewhere(data_dir, read_holder(data_dir))
        return None
    finally:
        files.close_unlocked(descriptor)
