"""Restore (X1, X3; issue 15, item 3): a backup put back in place of the database, without
losing what the database in use held and without issuing a number twice.

In this order, so that a refusal at any step before the last leaves the data folder as it
was (only a hidden temporary file, removed again):

1. The backup is checked: a SQLite file of a schema this program knows (not newer), its
   SHA-256 equal to its manifest's (``backups.py``; computed while it is copied), then
   ``PRAGMA integrity_check`` on the copy.
2. The copy — a hidden temporary file in the data folder, so that the last rename stays on
   one file system — is upgraded with Alembic if its schema is older.
3. The database in use is read (``quick_check``). When it can be read, its write-ahead log
   is checkpointed and it leaves WAL mode, so that it is one whole file (this fails when
   another program has it open: refused, "close it first"). Then the copy gets
   * every counter of the ``sequences`` table raised to at least the set-aside database's
     value (same rule and period; missing rows inserted), and past every number found in
     its registers that the rule's pattern would have made. ``sequences`` alone would be
     enough for the numbers the program issued (it counts in the same transaction as the
     row that takes the number), but a clerk may type a customer code by hand and an
     import keeps the codes of the old files: those never went through a counter;
   * the list of the records the set-aside database holds and the backup lacks (calls,
     goods entries, repair cards, contracts, customers, hand-overs, by their number or
     code), and of those both hold that were changed after the backup: the clerk enters
     them again. The list is the result, and a text file beside the set-aside database.
   A database that cannot be read (damaged, empty, of a newer version) is set aside as it
   is, with a warning that neither could be done.
4. The restore is written to the copy's audit log (who, which backup, what was set aside).
5. The database in use is set aside, never deleted: a second name for the same file (a hard
   link; a copy where the file system has none) in ``backups/replaced/``, with its
   ``-wal``/``-shm`` moved beside it if it still had them; then the checked copy, synced to
   the disk, takes the database's name in one ``os.replace``. At no moment is there no
   database under its name.
6. The log file says that the audit chain begins anew (``audit_chain.log_new_chain``; the
   links logged before are the set-aside database's), then gives the restored chain's newest
   link.

The caller closes its own connections to the database first (``Database.dispose()``) and
opens it again afterwards (``db.open_database``). No Qt here.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .. import backups, clock, faults, files
from ..config import Config, sqlite_url
from ..db import Database, make_engine, read_sqlite_state, upgrade
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Msg, Translate
from ..migrations.revisions import HEAD
from ..progress import Progress, report, scaled
from . import audit_chain, numbering
from .auth import LoggedIn, Permission, audit, require

log = logging.getLogger(__name__)

ACTION = "restore"
REPLACED_FOLDER = "replaced"  # in backups/: the databases a restore set aside
TEMPORARY_PREFIX = ".restore-"
STALE_TEMPORARY_SECONDS = 6 * 3600
SIDECARS = ("-wal", "-shm", "-journal")
COPY_BLOCK = 1 << 20
COPY_SHARE = 80  # of the progress bar: the copy; the checks, upgrade and comparisons the rest

NOT_SQLITE = QT_TRANSLATE_NOOP("Restore", "Restore puts back SQLite database files only; use the database server's own tools.")
NO_SUCH_BACKUP = QT_TRANSLATE_NOOP("Restore", "There is no file {path}: choose a backup that exists.")
IS_THE_DATABASE = QT_TRANSLATE_NOOP("Restore", "{path} is the database in use, not a backup: choose a backup.")
BACKUP_EMPTY = QT_TRANSLATE_NOOP("Restore", "The file {path} holds no data: it is not a backup of crm_desktop. Nothing was changed.")
BACKUP_DAMAGED = QT_TRANSLATE_NOOP(
    "Restore", "The backup {path} is damaged (its check found errors; the details are in the log file) and was not "
               "restored. Nothing was changed: choose another backup.")
BACKUP_MISMATCH = QT_TRANSLATE_NOOP(
    "Restore", "The backup {path} is not the file its manifest describes (its SHA-256 differs): it was changed or "
               "damaged after it was made, and was not restored. Nothing was changed: choose another backup.")
BACKUP_FAILED_CHECK = QT_TRANSLATE_NOOP(
    "Restore", "The backup {path} failed its check when it was made and is not restored. Nothing was changed: choose "
               "another backup.")
IN_USE = QT_TRANSLATE_NOOP(
    "Restore", "The database {path} is open in another program (a crm_desktop window or command): close it, then "
               "restore again. Nothing was changed.")
CANCELLED = QT_TRANSLATE_NOOP("Restore", "The restore was cancelled: nothing was changed.")

RESTORED = QT_TRANSLATE_NOOP("Restore", "The database was restored from the backup {backup}.")
SET_ASIDE = QT_TRANSLATE_NOOP("Restore", "The database in use until now was set aside, not deleted: {path}")
NOTHING_SET_ASIDE = QT_TRANSLATE_NOOP("Restore", "There was no database in use to set aside.")
UPGRADED = QT_TRANSLATE_NOOP("Restore", "The backup's schema {old} was brought up to {new}.")
SEQUENCES_RAISED = QT_TRANSLATE_NOOP(
    "Restore", "Numbers already issued are not issued again: {count} number counter(s) moved past the numbers of the "
               "set-aside database.")
SEQUENCES_KEPT = QT_TRANSLATE_NOOP(
    "Restore", "The backup's number counters were already past every number of the set-aside database.")
UNREADABLE = QT_TRANSLATE_NOOP(
    "Restore", "WARNING: the database in use could not be read, so it was set aside as it was. The numbers it issued "
               "and the records it held that the backup lacks could not be found: look through the forms issued "
               "since the backup was made, enter them again, and compare each new number the program gives with "
               "the numbers already on paper.")
MISSING_NONE = QT_TRANSLATE_NOOP("Restore", "The set-aside database holds no record that the backup lacks.")
MISSING_HEAD = QT_TRANSLATE_NOOP(
    "Restore", "{count} record(s) of the set-aside database are not in the backup; enter them again:")
CHANGED_HEAD = QT_TRANSLATE_NOOP(
    "Restore", "{count} record(s) were changed after the backup was made; enter their changes again:")
LIST_FILE = QT_TRANSLATE_NOOP("Restore", "This list is also in the file {file}.")
FILE_TITLE = QT_TRANSLATE_NOOP("Restore", "Restore of {time}: records to enter again")

KIND_LABELS: dict[str, Msg] = {
    "service_call": QT_TRANSLATE_NOOP("Restore", "Service call"),
    "goods_entry": QT_TRANSLATE_NOOP("Restore", "Goods receipt"),
    "repair_card": QT_TRANSLATE_NOOP("Restore", "Repair card"),
    "maintenance_contract": QT_TRANSLATE_NOOP("Restore", "Maintenance contract"),
    "customer": QT_TRANSLATE_NOOP("Restore", "Customer"),
    "staff_handover": QT_TRANSLATE_NOOP("Restore", "Hand-over"),
}

# the records compared, by the number or code the program issued: (table, number column,
# the column that dates it, an expression that names it, over the set-aside database "old")
RECORDS: tuple[tuple[str, str, str, str], ...] = (
    ("service_call", "call_no", "received_at", "o.customer_name"),
    ("goods_entry", "receipt_no", "taken_in_at", "o.customer_name"),
    ("repair_card", "card_no", "opened_at", "o.customer_name"),
    ("maintenance_contract", "contract_no", "start_date",
     "(SELECT c.name FROM old.customer c WHERE c.id = o.customer_id)"),
    ("customer", "code", "created_at", "o.name"),
    ("staff_handover", "handover_no", "effective_on", "(SELECT s.name FROM old.staff s WHERE s.id = o.leaving_id)"),
)
# the numbering rules and the register column holding their numbers
NUMBERED: dict[str, tuple[str, str]] = {
    numbering.SERVICE_CALL: ("service_call", "call_no"),
    numbering.GOODS_RECEIPT: ("goods_entry", "receipt_no"),
    numbering.REPAIR_CARD: ("repair_card", "card_no"),
    numbering.CONTRACT: ("maintenance_contract", "contract_no"),
    numbering.HANDOVER: ("staff_handover", "handover_no"),
    **{rule: ("customer", "code") for rule in numbering.DEFAULT_PATTERNS if rule.startswith("customer_code.")},
}


@dataclass(frozen=True)
class MissingRecord:
    """A record of the set-aside database to enter again: ``changed`` False, the backup has
    no record of its number; True, the backup has an older state of it."""

    kind: str  # its table: service_call, goods_entry, repair_card, maintenance_contract, customer, staff_handover
    number: str  # the call, receipt, card, contract or hand-over number, the customer code (or name, without one)
    when: str  # the day it was registered (received, taken in, opened, started), as stored
    name: str  # the customer's (or the leaving colleague's) name
    changed: bool = False

    def line(self, translate: Translate | None = None) -> str:
        return "  ".join(part for part in (KIND_LABELS[self.kind].tr(translate), self.number, self.when[:16], self.name)
                         if part)


@dataclass(frozen=True)
class RaisedCounter:
    rule: str
    period: str
    before: int  # the backup's value; 0 when it had no row for the period
    after: int


@dataclass
class RestoreResult:
    backup: Path
    database: Path
    set_aside: Path | None  # where the database in use now is; None: there was none
    compared: bool  # the set-aside database could be read: counters raised, records listed
    schema_before: str | None  # the backup's schema
    schema: str  # the restored database's, after any upgrade
    counters: list[RaisedCounter] = field(default_factory=list)
    missing: list[MissingRecord] = field(default_factory=list)
    missing_file: Path | None = None  # the list as text, beside the set-aside database
    by: str | None = None  # the login the restore was done as

    @property
    def absent(self) -> list[MissingRecord]:
        return [m for m in self.missing if not m.changed]

    @property
    def changed(self) -> list[MissingRecord]:
        return [m for m in self.missing if m.changed]

    def warnings(self, translate: Translate | None = None) -> list[str]:
        return [] if self.compared or self.set_aside is None else [UNREADABLE.tr(translate)]

    def describe(self, translate: Translate | None = None, *, warnings: bool = True) -> str:
        """What was done and what the clerk must enter again, in the user's language (the
        warnings too unless ``warnings`` is false: a command prints them apart)."""
        lines = [RESTORED.tr(translate, backup=str(self.backup))]
        lines.append(SET_ASIDE.tr(translate, path=str(self.set_aside)) if self.set_aside else
                     NOTHING_SET_ASIDE.tr(translate))
        if self.schema_before and self.schema_before != self.schema:
            lines.append(UPGRADED.tr(translate, old=self.schema_before, new=self.schema))
        if warnings:
            lines.extend(self.warnings(translate))
        if self.compared:
            lines.append(SEQUENCES_RAISED.tr(translate, count=len(self.counters)) if self.counters else
                         SEQUENCES_KEPT.tr(translate))
            lines.extend(self.missing_lines(translate))
            if self.missing and self.missing_file is not None:
                lines.append(LIST_FILE.tr(translate, file=str(self.missing_file)))
        return "\n".join(lines)

    def missing_lines(self, translate: Translate | None = None) -> list[str]:
        if not self.missing:
            return [MISSING_NONE.tr(translate)]
        lines = []
        for head, records in ((MISSING_HEAD, self.absent), (CHANGED_HEAD, self.changed)):
            if records:
                lines.append(head.tr(translate, count=len(records)))
                lines.extend("  " + m.line(translate) for m in records)
        return lines


def authorize_restore(database: Database, user: LoggedIn | None) -> LoggedIn:
    """The window's gate before it closes for a restore: ``user`` may restore (the
    administrator or the manager), else a refusal written to the audit log and raised."""
    from .auth import require_audited

    return require_audited(database, user, Permission.RESTORE, "restore")


def restore(config: Config, backup: str | os.PathLike[str], *, by: LoggedIn | None = None,
            log_in: Callable[[Database], LoggedIn] | None = None, progress: Progress | None = None,
            translate: Translate | None = None, now: datetime | None = None) -> RestoreResult:
    """Put ``backup`` in place of ``config``'s database (see the module's docstring).

    ``by``: who restores, logged in at the window (their login is looked up in the backup's
    accounts for the audit line). ``log_in``: called with the checked, upgraded copy before
    it is put in place, for a command that logs in against the accounts it will work with;
    its refusal changes nothing. ``translate`` writes the list file in the user's language.
    Raises ``UserError`` (nothing changed) for a backup that is missing, not SQLite, of a
    newer schema, damaged or not its manifest's, for a database open elsewhere, and
    ``Cancelled`` when ``progress`` says stop before the swap."""
    live = config.sqlite_path
    if live is None:
        raise UserError(NOT_SQLITE, "database_url")
    source = Path(backup).expanduser().resolve()
    live = live.resolve()
    now = (now or clock.now()).replace(microsecond=0)
    if not source.is_file():
        raise UserError(NO_SUCH_BACKUP, "backup", path=str(source))
    if source == live:
        raise UserError(IS_THE_DATABASE, "backup", path=str(source))
    manifest = _check_source(source)
    _remove_stale_temporaries(live.parent)
    handle, name = tempfile.mkstemp(prefix=f"{TEMPORARY_PREFIX}{live.stem}.", suffix=files.TEMPORARY_SUFFIX,
                                    dir=live.parent)
    os.close(handle)
    copy = Path(name)
    set_aside: Path | None = None
    result: RestoreResult | None = None
    try:
        if live.exists():  # the restored file keeps the database's permissions (mkstemp's are the owner's only)
            os.chmod(copy, live.stat().st_mode & 0o777)
        _copy(source, copy, manifest, scaled(progress, 0, COPY_SHARE, 100))
        _check_copy(source, copy)
        before = read_sqlite_state(copy).revision
        report(progress, COPY_SHARE + 5, 100, CANCELLED)
        with _links_kept_out_of_the_log():
            chain_from, user = _prepare(copy, before, by, log_in)
            seen = _state_of(live)
            readable = _usable(live)
            counters, missing = _compare(copy, live) if readable else ([], [])
            report(progress, COPY_SHARE + 15, 100, CANCELLED)
            aside = _free_name(config.backups_dir / REPLACED_FOLDER, live.stem, now)
            set_aside = aside if live.exists() else None
            newest = _audit(copy, user, now, detail={
                "backup": str(source), "set_aside": str(set_aside) if set_aside else None,
                "missing": len(missing) if readable else None, "chain_from": chain_from})
        _settle(copy)
        report(progress, COPY_SHARE + 18, 100, CANCELLED)
        if _state_of(live) != seen:  # written meanwhile: the list would miss what was written
            raise UserError(IN_USE, "database", path=str(live))
        if readable:
            _make_whole(live)
        result = RestoreResult(source, live, set_aside, readable, before, HEAD, counters, missing,
                               by=user.login if user is not None else None)
        aside.parent.mkdir(parents=True, exist_ok=True)
        if readable:
            result.missing_file = aside.with_name(aside.stem + ".missing.txt")
            files.write_bytes(result.missing_file, _list_text(result, now, translate).encode("utf-8-sig"))
        _swap(live, copy, aside)
    except BaseException:
        _remove(copy)
        if result is not None and result.missing_file is not None:
            result.missing_file.unlink(missing_ok=True)
        raise
    files._sync_folder(live.parent)
    files._sync_folder(aside.parent)
    audit_chain.log_new_chain(f"restored from {source.name}")
    audit_chain.log_link(*newest)
    log.info("restored %s from %s; set aside %s; compared %s: %d counters raised, %d records to enter again",
             live, source, set_aside, readable, len(counters), len(missing))
    if progress is not None:
        progress(100, 100)
    return result


# -- the backup ---------------------------------------------------------------------------------

def _check_source(source: Path) -> backups.Backup | None:
    """Refuse a file that is not SQLite, is another program's, of a newer schema, empty or
    recorded as failed; its manifest, when it has one."""
    try:
        state = read_sqlite_state(source)  # DatabaseRefused: not SQLite, foreign, newer
    except sqlite3.DatabaseError as exc:
        if faults.classify(exc, source) is faults.Fault.LOCKED:
            raise
        log.error("backup %s cannot be read: %s", source, exc)
        raise UserError(BACKUP_DAMAGED, "backup", path=str(source)) from None
    if state.empty:
        raise UserError(BACKUP_EMPTY, "backup", path=str(source))
    manifest = backups.read(source) if backups.manifest_of(source).exists() else None
    if manifest is not None and manifest.result not in (None, "ok"):
        raise UserError(BACKUP_FAILED_CHECK, "backup", path=str(source))
    return manifest


def _copy(source: Path, copy: Path, manifest: backups.Backup | None, progress: Progress | None) -> None:
    """The backup's bytes into ``copy``, its SHA-256 computed on the way and compared with
    the manifest's. A backup in WAL mode with a log beside it (a copied live database, not
    one of ours) is copied through SQLite's backup API, which reads the log too."""
    wal = source.with_name(source.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        backups._copy(source, copy, progress)
        return
    digest = hashlib.sha256()
    total = source.stat().st_size
    done = 0
    with open(source, "rb") as src, open(copy, "wb") as dst:
        for block in iter(lambda: src.read(COPY_BLOCK), b""):
            digest.update(block)
            dst.write(block)
            done += len(block)
            report(progress, done, total, CANCELLED)
        dst.flush()
        os.fsync(dst.fileno())
    if manifest is not None and manifest.sha256 and manifest.sha256 != digest.hexdigest():
        log.error("backup %s: SHA-256 %s, its manifest says %s", source, digest.hexdigest(), manifest.sha256)
        raise UserError(BACKUP_MISMATCH, "backup", path=str(source))


def _check_copy(source: Path, copy: Path) -> None:
    try:
        con = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
        try:
            rows = [row[0] for row in con.execute("PRAGMA integrity_check")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        log.error("backup %s cannot be read: %s", source, exc)
        raise UserError(BACKUP_DAMAGED, "backup", path=str(source)) from None
    if rows != ["ok"]:
        log.error("backup %s failed its integrity_check: %s", source, "; ".join(map(str, rows[:5])))
        raise UserError(BACKUP_DAMAGED, "backup", path=str(source))


# -- the database in use -------------------------------------------------------------------------

def _usable(live: Path) -> bool:
    """Whether the database in use can be read for the comparison; a database another
    program is writing is refused (IN_USE)."""
    if not live.exists():
        return False
    try:
        state = read_sqlite_state(live)
        if state.empty:
            log.warning("restore: the database %s holds nothing to compare", live)
            return False
        con = sqlite3.connect(f"{live.as_uri()}?mode=ro", uri=True)
        try:
            rows = [row[0] for row in con.execute("PRAGMA quick_check")]
        finally:
            con.close()
    except UserError as exc:  # not SQLite, another program's, a newer version's
        log.warning("restore: the database %s cannot be compared: %s", live, exc)
        return False
    except sqlite3.DatabaseError as exc:
        if faults.classify(exc, live) is faults.Fault.LOCKED:
            raise UserError(IN_USE, "database", path=str(live)) from None
        log.warning("restore: the database %s cannot be read: %s", live, exc)
        return False
    if rows != ["ok"]:
        log.warning("restore: the database %s failed its quick_check: %s", live, "; ".join(map(str, rows[:5])))
        return False
    return True


def _make_whole(live: Path) -> None:
    """Everything of the write-ahead log into the file itself, and out of WAL mode: the file
    alone is the whole database (the program turns WAL on again when it opens one). Only
    possible while no other program has it open."""
    try:
        con = sqlite3.connect(live, timeout=2, isolation_level=None)
        try:
            busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        log.warning("restore: %s is in use: %s", live, exc)
        raise UserError(IN_USE, "database", path=str(live)) from None
    if busy or str(mode).lower() != "delete":
        raise UserError(IN_USE, "database", path=str(live))


# -- the comparison --------------------------------------------------------------------------------

def _columns(con: sqlite3.Connection, schema: str, table: str) -> set[str]:
    return {row[1] for row in con.execute(f'PRAGMA {schema}.table_info("{table}")')}


def _compare(copy: Path, live: Path) -> tuple[list[RaisedCounter], list[MissingRecord]]:
    """Counters raised in ``copy`` past the set-aside database's numbers, and the records it
    holds that ``copy`` lacks or has older; one transaction on ``copy``."""
    con = sqlite3.connect(copy.as_uri(), uri=True, isolation_level=None)
    try:
        con.execute("ATTACH DATABASE ? AS old", (f"{live.as_uri()}?mode=ro",))
        con.execute("BEGIN IMMEDIATE")
        counters = _raise_counters(con)
        missing = _missing(con)
        con.execute("COMMIT")
        con.execute("DETACH DATABASE old")
    finally:
        con.close()
    return counters, missing


def _highest(con: sqlite3.Connection) -> dict[tuple[str, str], int]:
    """The highest number of each rule and period the set-aside database holds: its counters,
    and the numbers in its registers that the rule's pattern (as either database has it)
    would have made."""
    highest: dict[tuple[str, str], int] = {}
    if _columns(con, "old", "sequences") >= {"rule", "period", "last_value"}:
        for rule, period, value in con.execute("SELECT rule, period, last_value FROM old.sequences"):
            key = (rule, period)
            highest[key] = max(highest.get(key, 0), int(value or 0))
    for rule, (table, column) in NUMBERED.items():
        if column not in _columns(con, "old", table):
            continue
        patterns = set()
        for schema in ("old", "main"):
            if "key" in _columns(con, schema, "setting"):
                stored = con.execute(f"SELECT value FROM {schema}.setting WHERE key = ?",
                                     (numbering.setting_key(rule),)).fetchone()
                if stored and stored[0]:
                    patterns.add(stored[0])
        patterns.add(numbering.DEFAULT_PATTERNS[rule])
        parsers = []
        for text in patterns:
            try:
                parsers.append(numbering.NumberPattern(text))
            except UserError:
                log.warning("restore: the number pattern %r of %s is not valid; its numbers are not parsed", text, rule)
        for (number,) in con.execute(f'SELECT "{column}" FROM old."{table}" WHERE "{column}" IS NOT NULL'):
            for pattern in parsers:
                parsed = pattern.parse(number)
                if parsed is not None:
                    key = (rule, parsed[0])
                    highest[key] = max(highest.get(key, 0), parsed[1])
    return highest


def _raise_counters(con: sqlite3.Connection) -> list[RaisedCounter]:
    ours = {(rule, period): value for rule, period, value in
            con.execute("SELECT rule, period, last_value FROM main.sequences")}
    raised = []
    for (rule, period), value in sorted(_highest(con).items()):
        before = ours.get((rule, period))
        if before is not None and before >= value:
            continue
        if before is None:
            con.execute("INSERT INTO main.sequences (rule, period, last_value) VALUES (?, ?, ?)", (rule, period, value))
        else:
            con.execute("UPDATE main.sequences SET last_value = ? WHERE rule = ? AND period = ?", (value, rule, period))
        raised.append(RaisedCounter(rule, period, before or 0, value))
    return raised


def _missing(con: sqlite3.Connection) -> list[MissingRecord]:
    found: list[MissingRecord] = []
    for table, number, when, name in RECORDS:
        old_columns = _columns(con, "old", table)
        if not {number, when} <= old_columns:
            continue
        key = f"o.{number}" if table != "customer" else "coalesce(o.code, o.name)"
        present = (f"o.{number} IN (SELECT {number} FROM main.{table} WHERE {number} IS NOT NULL)"
                   if table != "customer" else
                   "(o.code IS NOT NULL AND o.code IN (SELECT code FROM main.customer WHERE code IS NOT NULL)) OR "
                   "(o.code IS NULL AND o.name IN (SELECT name FROM main.customer))")
        rows = con.execute(f"SELECT {key}, o.{when}, {name} FROM old.{table} o WHERE NOT ({present}) "
                           f"ORDER BY o.{when}, o.id")
        found += [MissingRecord(table, str(k), str(w or ""), str(n or "")) for k, w, n in rows]
        if "updated_at" in old_columns:
            rows = con.execute(
                f"SELECT o.{number}, o.{when}, {name} FROM old.{table} o JOIN main.{table} m ON m.{number} = o.{number} "
                f"WHERE o.updated_at > m.updated_at ORDER BY o.{when}, o.id")
            found += [MissingRecord(table, str(k), str(w or ""), str(n or ""), changed=True) for k, w, n in rows]
    return found


# -- the audit line and the swap ---------------------------------------------------------------

@contextmanager
def _links_kept_out_of_the_log() -> Iterator[None]:
    """The copy's audit links stay out of the log file until it is the database: a restore
    refused after a login on the copy must not leave links the database in use never had."""
    logger = audit_chain.log
    was = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = was


def _prepare(copy: Path, revision: str | None, by: LoggedIn | None,
             log_in: Callable[[Database], LoggedIn] | None) -> tuple[int, LoggedIn | None]:
    """The copy upgraded, and who restores (``log_in`` on the copy's accounts); the number
    of audit lines the backup held."""
    engine = make_engine(sqlite_url(copy))
    try:
        if revision != HEAD:
            upgrade(engine)
        with engine.connect() as conn:
            chain_from = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM audit_log").scalar()
        if log_in is not None:
            by = log_in(Database(engine))
        if by is not None:
            require(by, Permission.RESTORE)  # the administrator's or the manager's step
    finally:
        engine.dispose()
    return chain_from, by


def _audit(copy: Path, by: LoggedIn | None, now: datetime, detail: dict[str, object]) -> tuple[int, str]:
    """The restore as a line of the copy's audit log (the login looked up in the copy's
    accounts: the staff ids of the set-aside database may differ); the chain's newest link."""
    from sqlalchemy import select

    from ..models import Account

    engine = make_engine(sqlite_url(copy))
    try:
        with Database(engine).Session.begin() as session:
            login = by.login if by is not None else None
            staff_id = session.scalar(select(Account.staff_id).where(Account.login == login)) if login else None
            audit(session, ACTION, staff_id=staff_id, login=login, target_type="database", detail=detail, now=now)
            newest = audit_chain.last_link(session)
    finally:
        engine.dispose()
    return newest


def _state_of(live: Path) -> tuple:
    """What changes when another program writes the database: its size and time, and its
    write-ahead log's (a log that is not there or empty counts as none)."""
    def of(path: Path) -> tuple[int, int]:
        try:
            found = path.stat()
        except OSError:
            return (0, 0)
        return (found.st_size, found.st_mtime_ns) if found.st_size else (0, 0)

    return of(live), of(Path(f"{live}-wal"))


def _settle(copy: Path) -> None:
    """The copy as one whole file on the disk, out of WAL mode, before it takes the name."""
    con = sqlite3.connect(copy, isolation_level=None)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()
    for suffix in SIDECARS:
        _remove(Path(f"{copy}{suffix}"), whole=False)
    files._sync_file(copy)


def _free_name(folder: Path, stem: str, now: datetime) -> Path:
    at = now
    while True:
        target = folder / f"{stem}-before-restore-{at:%Y-%m-%d-%H%M%S}.sqlite3"
        if not target.exists():
            return target
        at = datetime.fromtimestamp(at.timestamp() + 1)


def _swap(live: Path, copy: Path, aside: Path) -> None:
    """The database in use set aside as ``aside`` (a second name for its file, its -wal/-shm
    moved with it — a log without its database too: the restored file must not pick it up),
    then the copy under the database's name in one step; undone if that step fails."""
    moved: list[tuple[Path, Path]] = []
    linked = False
    try:
        if live.exists():
            try:
                os.link(live, aside)
            except OSError:
                files.copy(live, aside)  # a file system without hard links
            linked = True
        for suffix in SIDECARS:
            side = Path(f"{live}{suffix}")
            if side.exists():
                target = Path(f"{aside}{suffix}")
                os.replace(side, target)
                moved.append((side, target))
        os.replace(copy, live)
    except BaseException:
        for side, target in reversed(moved):
            os.replace(target, side)
        if linked and live.exists():
            aside.unlink(missing_ok=True)
        raise


def _remove(path: Path, whole: bool = True) -> None:
    for target in [path, *(Path(f"{path}{s}") for s in SIDECARS)] if whole else [path]:
        try:
            target.unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove %s", target)


def _remove_stale_temporaries(folder: Path) -> None:
    """Copies a killed restore left in the data folder."""
    limit = time.time() - STALE_TEMPORARY_SECONDS
    for path in folder.glob(f"{TEMPORARY_PREFIX}*"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                log.info("removed %s, left by a restore that was stopped", path.name)
        except OSError:
            pass


def _list_text(result: RestoreResult, now: datetime, translate: Translate | None) -> str:
    lines = [FILE_TITLE.tr(translate, time=f"{now:%Y-%m-%d %H:%M}"), "",
             RESTORED.tr(translate, backup=str(result.backup)),
             SET_ASIDE.tr(translate, path=str(result.set_aside)), ""]
    lines += result.missing_lines(translate)
    return "\r\n".join(lines) + "\r\n"  # Notepad on Windows

