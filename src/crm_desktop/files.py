"""Writing a file so that it is either the old one or the whole new one, never half.

Every file the program writes for the clerk (workbooks, PDFs, attachments copied into the
data folder) goes through ``replacing``: the content is written to a hidden temporary file
beside the target, flushed to the disk, and only then renamed over the target in one step
(``os.replace``, atomic on the same file system, Windows included). A crash, a full disk, a
cancel or an error while writing leaves the target as it was and no temporary file behind.
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
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX, dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        _sync_file(temporary)
        os.replace(temporary, target)
        _sync_folder(target.parent)
    finally:
        if temporary.exists():
            try:
                temporary.unlink()
            except OSError:
                log.warning("could not remove the temporary file %s", temporary)


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
    """Temporary files a killed program left in ``folder`` (the tests look for none)."""
    return sorted(p for p in Path(folder).glob(f".*{TEMPORARY_SUFFIX}") if p.is_file())


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
