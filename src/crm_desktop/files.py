"""Writing a file so that it is either the old one or the whole new one, never half.

Every file the program writes for the clerk (workbooks, PDFs, attachments copied into the
data folder) goes through ``replacing``: the content is written to a hidden temporary file
beside the target, flushed to the disk, and only then renamed over the target in one step
(``os.replace``, atomic on the same file system, Windows included). A full disk, a cancel
or an error while writing leaves the target as it was and no temporary file behind.

A killed program cannot remove its temporary file, so while it writes one it holds an OS
lock on a lock file beside it (``claimed``): the OS drops that lock when the process ends,
however it ends, and the next write into the same folder removes the temporary files whose
lock is free (``remove_abandoned``), whatever their age, and never one still being written.
No Qt here.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

TEMPORARY_SUFFIX = ".tmp"
LOCK_SUFFIX = ".lock"  # beside a file being written: ``claimed``


@contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target`` to write the new content to; when the block
    ends normally the content is synced and put in the target's place. On any exception (a
    ``Cancelled`` included) the temporary file is removed and the target left untouched.

    The temporary file is hidden (``.NAME.XXXX.tmp``) and in the target's folder, so that
    the rename never crosses file systems. An ``OSError`` of the writing or the rename goes
    to the caller, which says it in the clerk's words (a folder that is gone, a file open in
    Excel)."""
    target = Path(target)
    remove_abandoned(target.parent, f".*.{'?' * 8}{TEMPORARY_SUFFIX}")  # mkstemp's names, below
    # the lock file's name is the unique one: the temporary file appears only once it is held,
    # so that a kill at any moment leaves nothing that the next write cannot tell dead
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX + LOCK_SUFFIX,
                                    dir=target.parent)
    os.close(handle)
    temporary = Path(name[: -len(LOCK_SUFFIX)])
    with claimed(temporary):
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            yield temporary
            _sync_file(temporary)
            os.replace(temporary, target)
        finally:
            if temporary.exists():
                try:
                    temporary.unlink()
                except OSError:
                    log.warning("could not remove the temporary file %s", temporary)
    _sync_folder(target.parent)


def write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    """``target`` holds ``data``, all of it or (on failure) what it held before."""
    with replacing(target) as temporary:
        temporary.write_bytes(data)
    return Path(target)


def copy(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path:
    """A copy of ``source`` at ``target``, whole or not at all."""
    import shutil

    with replacing(target) as temporary:
        shutil.copyfile(source, temporary)
    return Path(target)


def leftover_temporaries(folder: str | os.PathLike[str]) -> list[Path]:
    """Temporary files (and their lock files) a killed program left in ``folder`` (the tests
    look for none)."""
    found = [*Path(folder).glob(f".*{TEMPORARY_SUFFIX}"), *Path(folder).glob(f".*{TEMPORARY_SUFFIX}{LOCK_SUFFIX}")]
    return sorted(p for p in found if p.is_file())


def lock_file_of(path: Path) -> Path:
    return path.with_name(path.name + LOCK_SUFFIX)


@contextmanager
def claimed(path: Path) -> Iterator[None]:
    """While the block runs, ``path`` is marked as being written by this process: an
    exclusive OS lock is held on ``path.lock`` (the file itself is left alone: SQLite and
    Windows' rename have their own views on locks of the file they work on). The lock file
    is removed at the end; after a kill it stays, but its lock is free."""
    lock_path = lock_file_of(path)
    try:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:  # a folder that takes no more files: the write itself will say so
        descriptor = None
    try:
        if descriptor is not None and not try_lock(descriptor):
            log.warning("could not lock %s", lock_path)
        yield
    finally:
        if descriptor is not None:
            close_unlocked(descriptor)
            try:
                lock_path.unlink(missing_ok=True)
            except OSError:  # Windows: another program is just looking at it; free, it goes next time
                pass


def abandoned(path: Path) -> bool | None:
    """Whether the process that wrote ``path`` (in a ``claimed`` block) is gone: True when
    its lock file is there and its lock free, False while the lock is held, None when there
    is no lock file (not written under a claim, or the claim has just begun or ended)."""
    try:
        descriptor = os.open(lock_file_of(path), os.O_RDWR)
    except OSError:
        return None
    try:
        return try_lock(descriptor)
    finally:
        close_unlocked(descriptor)


def remove_abandoned(folder: Path, pattern: str) -> list[Path]:
    """Remove the files matching ``pattern`` in ``folder`` whose writer is gone (``abandoned``),
    with their lock files and SQLite's journals of them. Returns what was removed. Files
    without a lock file are left alone: they may be no file of this program's."""
    removed: list[Path] = []
    try:
        locks = list(folder.glob(pattern + LOCK_SUFFIX))
    except OSError:
        return removed
    for lock_path in locks:
        path = lock_path.with_name(lock_path.name[: -len(LOCK_SUFFIX)])
        if abandoned(path) is not True:
            continue
        for leftover in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm")), lock_path):
            try:
                leftover.unlink()
                removed.append(leftover)
            except FileNotFoundError:
                pass
            except OSError as exc:
                log.warning("could not remove %s, left by a program that was stopped: %s", leftover, exc)
    if removed:
        log.info("removed %s, left by a program that was stopped", ", ".join(p.name for p in removed))
    return removed


def try_lock(descriptor: int) -> bool:
    """An exclusive lock on the open file, without waiting: False when another holds it."""
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            # flock, not fcntl's record locks: those belong to the whole process, so that its
            # own ``abandoned`` would take them, and closing that descriptor drop them
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def close_unlocked(descriptor: int) -> None:
    """Close, releasing a lock taken by ``try_lock`` (Windows asks for the unlock first)."""
    if os.name == "nt":
        import msvcrt

        try:
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass  # not locked by this descriptor
    os.close(descriptor)


def _sync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _sync_folder(folder: Path) -> None:
    """The rename itself reaches the disk (POSIX; Windows has no directory handles to sync)."""
    if os.name == "nt":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
