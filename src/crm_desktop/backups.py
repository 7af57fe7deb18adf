"""Backups that can be trusted (X1, issue 15, item 2).

A backup is SQLite's online copy of the live database (the backup API: a consistent
snapshot while the program goes on working), written under a hidden temporary name in the
backups folder, then **checked** — ``PRAGMA integrity_check`` (the daily backup) or
``quick_check`` (at exit, so that shutting the PC down is not held up) and the row counts of
the main tables — and only when the check passes renamed to its real name, dated to the
second, with a manifest beside it (``….sqlite3.json``: when, size, SHA-256, check and its
result, counts, schema revision, the newest link of the audit chain). A copy that fails its
check is deleted and the failure raised: it never replaces nor pushes out a good backup
(names never collide, and pruning counts verified backups only).

Kept: every verified backup of the last 30 days, and the newest of each of the last 12
months (its month-end). Optionally the verified copy and its manifest also go to a second
folder (a USB disk, a share), pruned the same way.

A killed backup leaves its temporary file: the next backup removes it, since the OS lock
that a running backup holds beside its file (``files.claimed``) is free; a temporary file
with no lock file (from a version before) once it is older than a running backup could be.
No Qt here.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from . import clock, files
from .errors import UserError
from .i18n import QT_TRANSLATE_NOOP
from .progress import Progress, report

log = logging.getLogger(__name__)

KEEP_DAYS = 30
KEEP_MONTHS = 12
PAGES_A_STEP = 4096  # pages copied between progress reports (16 MB at SQLite's 4 KB pages)
PARTIAL_SUFFIX = ".partial"
STALE_PARTIAL_SECONDS = 6 * 3600  # older than any backup runs: left by a killed one
MAIN_TABLES = ("customer", "service_call", "call_step", "goods_entry", "repair_card", "maintenance_contract",
               "staff", "audit_log")
FULL, QUICK = "integrity_check", "quick_check"
NAME = re.compile(r"^(?P<stem>.+)-(?P<day>\d{4}-\d{2}-\d{2})(?:-(?P<time>\d{6}))?\.sqlite3$")

CHECK_FAILED = QT_TRANSLATE_NOOP(
    "Backups", "THE BACKUP FAILED ITS CHECK: the copy made now is damaged (the details are in the log file) and was "
               "deleted; the earlier backups are kept. The database itself may be damaged: do not go on working, "
               "restore the latest good backup ({latest}) or ask for help.")


@dataclass
class Backup:
    path: Path
    made_at: datetime
    size: int
    check: str | None = None  # integrity_check, quick_check; None: no manifest (an older backup)
    result: str | None = None  # "ok", or what the check said
    counts: dict[str, int] = field(default_factory=dict)
    schema: str | None = None
    audit_newest: tuple[int, str] | None = None
    sha256: str | None = None
    source_stamp: str | None = None  # the database's files as they were when the copy began (``stamp``)

    @property
    def verified(self) -> bool:
        return self.result == "ok"

    @property
    def manifest_path(self) -> Path:
        return manifest_of(self.path)


def manifest_of(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def make_backup(database_path: Path, backups_dir: Path, *, check: str = FULL, second_folder: Path | None = None,
                now: datetime | None = None, progress: Progress | None = None) -> Backup:
    """Copy, check, keep: see the module's docstring. Raises ``UserError`` (CHECK_FAILED)
    when the copy fails its check, ``Cancelled`` when ``progress`` says stop; an OSError
    (a full disk) goes to the caller. Nothing partial stays behind in any case."""
    now = (now or clock.now()).replace(microsecond=0)
    backups_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(backups_dir)
    target = _free_name(backups_dir, database_path.stem, now)
    partial = backups_dir / f".{target.name}{PARTIAL_SUFFIX}"
    with files.claimed(partial):  # what tells the next backup whether this one was killed
        try:
            source_stamp = stamp(database_path)
            _copy(database_path, partial, progress)
            made = _check(partial, check, now)
            made.sha256 = _sha256(partial)
            made.source_stamp = source_stamp
            made.path = target
            # the manifest first: a backup under its real name always has one (a kill between
            # the two leaves at most a manifest without its backup, which nothing lists)
            _write_manifest(made)
            files._sync_file(partial)
            os.replace(partial, target)
            files._sync_folder(backups_dir)
        finally:
            for leftover in (partial, *(partial.with_name(partial.name + s) for s in ("-wal", "-shm", "-journal"))):
                leftover.unlink(missing_ok=True)
    log.info("backed up %s to %s (%s: %s; counts %s)", database_path, target, check, made.result, made.counts)
    prune(backups_dir, database_path.stem, now.date())
    if second_folder is not None:
        _copy_to_second_folder(made, second_folder, database_path.stem, now.date())
    return made


def _free_name(folder: Path, stem: str, now: datetime) -> Path:
    target = folder / f"{stem}-{now:%Y-%m-%d-%H%M%S}.sqlite3"
    while target.exists():  # two backups in one second: the second waits for its own name
        now += timedelta(seconds=1)
        target = folder / f"{stem}-{now:%Y-%m-%d-%H%M%S}.sqlite3"
    return target


def _copy(source: Path, partial: Path, progress: Progress | None) -> None:
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        # one read transaction for the whole copy: the backup API starts again from the first
        # page whenever another connection commits between two of its steps (the window saving
        # while the daily backup runs: 1M calls, a save every 2 s, 24 restarts), but not while
        # its source holds a snapshot; under WAL the snapshot holds up no writer
        try:
            if src.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                src.execute("BEGIN")
                src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            pass  # a damaged file: copied as it is, and the check says so
        dst = sqlite3.connect(partial)
        try:
            dst.execute("PRAGMA journal_mode=OFF")  # a half copy is thrown away, not rolled back

            def step(_status: int, remaining: int, total: int) -> None:
                report(progress, total - remaining, total)

            src.backup(dst, pages=PAGES_A_STEP, progress=step if progress is not None else None)
            # the copy took the live file's WAL mode: a plain file of its own, which checking
            # and copying it read without -wal and -shm beside it (the program turns WAL on
            # again when it opens a restored copy)
            try:
                dst.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.DatabaseError:
                pass  # a damaged copy: the check says so
        finally:
            dst.close()
    finally:
        src.close()


def _check(path: Path, check: str, now: datetime) -> Backup:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        try:
            rows = [row[0] for row in con.execute(f"PRAGMA {check}")]
            result = "ok" if rows == ["ok"] else "; ".join(str(r) for r in rows[:5])
            tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in MAIN_TABLES if t in tables}
            schema = con.execute("SELECT version_num FROM alembic_version").fetchone()[0] \
                if "alembic_version" in tables else None
            chained = "audit_log" in tables and "hash" in {row[1] for row in con.execute("PRAGMA table_info(audit_log)")}
            newest = con.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone() if chained else None
        except sqlite3.DatabaseError as exc:  # SQLite's own words go to the log, not to the clerk
            log.error("backup copy %s cannot be read: %s", path, exc)
            result, counts, schema, newest = "unreadable", {}, None, None
    finally:
        con.close()
    if result != "ok":
        log.error("backup %s failed its %s: %s", path, check, result)
        latest = latest_good(path.parent)
        raise UserError(CHECK_FAILED, latest=latest.path.name if latest else "—")
    return Backup(path, now, path.stat().st_size, check, result, counts, schema,
                  tuple(newest) if newest and newest[1] else None)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_manifest(backup: Backup) -> None:
    data = {
        "file": backup.path.name, "made_at": backup.made_at.isoformat(sep=" "), "size": backup.size,
        "sha256": backup.sha256, "check": backup.check, "result": backup.result, "counts": backup.counts,
        "schema": backup.schema, "audit_newest": list(backup.audit_newest) if backup.audit_newest else None,
        "source_stamp": backup.source_stamp,
    }
    files.write_bytes(backup.manifest_path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def read(path: Path) -> Backup | None:
    """A backup file and what its manifest says (None: not a backup's name)."""
    match = NAME.match(path.name)
    if match is None:
        return None
    made_at = datetime.strptime(match["day"] + (match["time"] or "000000"), "%Y-%m-%d%H%M%S")
    try:
        size = path.stat().st_size
    except OSError:
        return None
    backup = Backup(path, made_at, size)
    try:
        data = json.loads(backup.manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return backup
    backup.check, backup.result = data.get("check"), data.get("result")
    backup.counts = dict(data.get("counts") or {})
    backup.schema, backup.sha256 = data.get("schema"), data.get("sha256")
    newest = data.get("audit_newest")
    backup.audit_newest = (int(newest[0]), str(newest[1])) if newest else None
    backup.source_stamp = data.get("source_stamp")
    return backup


def list_backups(backups_dir: Path) -> list[Backup]:
    """Every backup in the folder, newest first."""
    if not backups_dir.is_dir():
        return []
    found = [b for b in (read(p) for p in backups_dir.glob("*.sqlite3")) if b is not None]
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def latest_good(backups_dir: Path) -> Backup | None:
    return next((b for b in list_backups(backups_dir) if b.verified), None)


def audit_anchors(backups_dir: Path) -> list[tuple[int, str]]:
    """The newest audit links the backups' manifests recorded (services/audit_chain)."""
    return [b.audit_newest for b in sorted(list_backups(backups_dir), key=lambda b: b.made_at) if b.audit_newest]


def kept(backups: list[Backup], today: date) -> set[Path]:
    """Which backups stay: every one of the last KEEP_DAYS days, the newest of each of the
    last KEEP_MONTHS months, and always the newest verified one. A backup from before
    manifests (no check recorded) counts as verified by its age rule."""
    oldest_day = today - timedelta(days=KEEP_DAYS - 1)
    keep = {b.path for b in backups if b.made_at.date() >= oldest_day}
    by_month: dict[tuple[int, int], Backup] = {}
    for b in backups:
        if b.result not in (None, "ok"):
            continue
        month = (b.made_at.year, b.made_at.month)
        if month not in by_month or b.made_at > by_month[month].made_at:
            by_month[month] = b
    for month in sorted(by_month, reverse=True)[:KEEP_MONTHS]:
        keep.add(by_month[month].path)
    good = [b for b in backups if b.verified]
    if good:
        keep.add(max(good, key=lambda b: b.made_at).path)
    return keep


def prune(backups_dir: Path, stem: str, today: date) -> None:
    backups = [b for b in list_backups(backups_dir) if NAME.match(b.path.name)["stem"] == stem]
    keep = kept(backups, today)
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            b.manifest_path.unlink(missing_ok=True)
            log.info("backup %s removed (older than the %d days and %d month-ends kept)", b.path.name, KEEP_DAYS,
                     KEEP_MONTHS)


def remove_stale_partials(backups_dir: Path) -> None:
    """Half copies a killed backup left (and their journals and lock files): at once when
    the lock their backup held is free, else once no backup can still be writing them."""
    files.remove_abandoned(backups_dir, f".*{PARTIAL_SUFFIX}")
    limit = time.time() - STALE_PARTIAL_SECONDS
    for path in list(backups_dir.glob(f".*{PARTIAL_SUFFIX}*")) + list(backups_dir.glob(f"*{PARTIAL_SUFFIX}")) + \
            files.leftover_temporaries(backups_dir):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                log.info("removed %s, left by a backup that was stopped", path.name)
        except OSError:
            pass


def _copy_to_second_folder(backup: Backup, folder: Path, stem: str, today: date) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    files.copy(backup.path, folder / backup.path.name)
    files.copy(backup.manifest_path, folder / backup.manifest_path.name)
    prune(folder, stem, today)


# -- when the window backs up (views/backup_actions.py) ----------------------------------------

SECOND_FOLDER_SETTING = "backup.second_folder"  # the administrator's second folder (a USB disk, a share)


def daily_due(backups_dir: Path, today: date) -> bool:
    """No fully checked backup (integrity_check) has been made today: the window makes one
    in the background once it shows."""
    return not any(b.verified and b.check == FULL and b.made_at.date() == today for b in list_backups(backups_dir))


def stamp(database_path: Path) -> str:
    """The size and modification time of the database and its write-ahead log: they change
    with every write (reads leave both alone)."""
    parts = []
    for path in (database_path, database_path.with_name(database_path.name + "-wal")):
        try:
            info = path.stat()
            parts.append(f"{info.st_size}:{info.st_mtime_ns}")
        except FileNotFoundError:
            parts.append("-")
    return "/".join(parts)


def changed_since_last_backup(database_path: Path, backups_dir: Path) -> bool:
    """The database was written after the newest checked backup began: the at-exit backup is
    worth its seconds. Without a checked backup that recorded the database's stamp: True."""
    newest = next((b for b in list_backups(backups_dir)
                   if b.verified and NAME.match(b.path.name)["stem"] == database_path.stem), None)
    return newest is None or newest.source_stamp is None or newest.source_stamp != stamp(database_path)


def second_folder(session) -> Path | None:
    """The second folder the administrator set for copies of every backup, or None."""
    from sqlalchemy import select

    from .models import Setting

    value = session.scalar(select(Setting.value).where(Setting.key == SECOND_FOLDER_SETTING))
    return Path(value) if value else None


def set_second_folder(session, folder: Path | None) -> None:
    """Set (or with None clear) the second folder, in the caller's transaction."""
    from .models import Setting

    setting = session.get(Setting, SECOND_FOLDER_SETTING)
    if setting is None:
        setting = Setting(key=SECOND_FOLDER_SETTING)
        session.add(setting)
    setting.value = str(folder) if folder else None
