"""The engine, the session factory, and the schema: checked, backed up, upgraded.

Opening a database file goes in this order, so that a file that is not ours is never
touched: (1) the header and the stored revision are read through a *read-only* sqlite3
connection; (2) a file that is not SQLite, has tables but no revision of ours, or has a
revision newer than this program is refused with ``DatabaseRefused`` (one that is locked,
on a failing disk or damaged fails as that fault, see faults.py); (3) only then is the
engine made and the pragmas (WAL, foreign keys, busy timeout) set; (4) if the revision is
behind, the file is copied into ``backups/`` with SQLite's online backup API and Alembic
upgrades it. A database already at the head revision opens without importing Alembic.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from . import faults, paths
from .config import Config
from .errors import DatabaseRefused, UserError
from .i18n import QT_TRANSLATE_NOOP, Msg
from .migrations.revisions import HEAD, KNOWN_REVISIONS

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
# how long a write waits for another program's write lock before it fails as Fault.LOCKED;
# read at each new connection, so a test lowers it (monkeypatch) to see the fault at once
BUSY_TIMEOUT_MS = 5000
READ_ONLY = "crm_read_only"  # execution option: a read-only transaction


@dataclass(frozen=True)
class SchemaState:
    empty: bool
    revision: str | None


def read_sqlite_state(path: Path) -> SchemaState:
    """What the file holds, read without writing a byte to it."""
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState(empty=True, revision=None)
    with open(path, "rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseRefused(
            QT_TRANSLATE_NOOP("Database", "The file {path} is not a crm_desktop database (it is not a SQLite file)."),
            path=str(path),
        )
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if faults.classify(exc, path) is not None:
            raise  # locked, a disk that fails, a damaged file: the machine's fault, not a foreign file
        log.warning("%s cannot be read as a database: %s", path, exc)  # SQLite's English words: the log's
        raise DatabaseRefused(
            QT_TRANSLATE_NOOP("Database", "The file {path} cannot be read as a database; the details are in the log file."),
            path=str(path),
        ) from exc
    return _judge(tables - {"alembic_version"}, revision, str(path))


def _judge(tables: set[str], revision: str | None, where: str) -> SchemaState:
    if revision is None:
        if tables:
            raise DatabaseRefused(
                QT_TRANSLATE_NOOP("Database", "The database {path} belongs to another program; crm_desktop will not change it."),
                path=where,
            )
        return SchemaState(empty=True, revision=None)
    if revision not in KNOWN_REVISIONS:
        raise DatabaseRefused(
            QT_TRANSLATE_NOOP(
                "Database",
                "The database {path} was written by a newer version of crm_desktop (schema {revision}). "
                "Install that version or newer to open it.",
            ),
            path=where,
            revision=revision,
        )
    return SchemaState(empty=False, revision=revision)


def _read_engine_state(engine: Engine) -> SchemaState:
    from sqlalchemy import inspect

    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        revision = None
        if "alembic_version" in tables:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return _judge(tables - {"alembic_version"}, revision, engine.url.render_as_string(hide_password=True))


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - exercised by every test
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin
        # (SQLAlchemy's documented recipe for correct SAVEPOINT and read consistency).
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # FULL: in WAL mode NORMAL may roll back the last commits after a power cut (SQLite's
        # documentation of PRAGMA synchronous), and a number already printed on a repair card
        # would be issued again (X3); FULL syncs the WAL at every commit
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover
        # A unit of work that reads and then writes must hold the write lock from its first
        # statement: a deferred transaction whose snapshot went stale fails at its first
        # write (SQLITE_BUSY_SNAPSHOT) instead of waiting. Pure reads (the table models)
        # ask for READ_ONLY and stay deferred, so they never block a writer.
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


BAD_DATABASE_URL = QT_TRANSLATE_NOOP(
    "Database", "The database address {url} cannot be used: {reason}. Check --database-url or CRM_DATABASE_URL.")
NO_DRIVER = QT_TRANSLATE_NOOP(
    "Database", "this program carries no driver for that kind of database (it carries SQLite)")
UNKNOWN_KIND = QT_TRANSLATE_NOOP("Database", "it names no kind of database this program knows")


def make_engine(url: str) -> Engine:
    from sqlalchemy.exc import ArgumentError

    try:
        engine = create_engine(url, future=True)
    except ImportError:
        raise UserError(BAD_DATABASE_URL, "database_url", url=_shown(url), reason=NO_DRIVER) from None
    except ArgumentError:
        raise UserError(BAD_DATABASE_URL, "database_url", url=_shown(url), reason=UNKNOWN_KIND) from None
    if engine.dialect.name == "sqlite":
        _install_sqlite_pragmas(engine)
    return engine


def _shown(url: str) -> str:
    """The address without its password."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def backup_sqlite(path: Path, backups_dir: Path, check: str = "integrity_check") -> Path:
    """A checked backup of a live SQLite database (backups.make_backup); its path."""
    from . import backups

    return backups.make_backup(path, backups_dir, check=check).path


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` with Alembic (imported only here)."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(paths.migrations_dir()))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    log.info("database schema upgraded to %s", revision)


class Database:
    """One open database: the engine and a factory of short-lived sessions."""

    def __init__(self, engine: Engine, config: Config | None = None) -> None:
        self.engine = engine
        self.config = config
        self.Session = sessionmaker(engine, expire_on_commit=False)
        # reads for display (status bar counts, boards, lists): deferred, never the write lock
        self.ReadSession = sessionmaker(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)
        self.is_empty_on_open = False
        self.refusal: tuple[Msg, dict] | None = None  # set: every write is refused with this message
        self.opened_read_only = False  # a second window beside the program that holds the data folder

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> Session:
        return self.Session()

    def read_session(self) -> Session:
        """A session for reads only: it never takes the write lock, so a long write (a
        recompute, an import) does not make the window's periodic reads fail."""
        return self.ReadSession()

    def read_connection(self):
        """A connection for reads only (table models): never takes the write lock."""
        return self.engine.connect().execution_options(**{READ_ONLY: True})

    def dispose(self) -> None:
        self.engine.dispose()

    @property
    def writes_refused(self) -> bool:
        return self.refusal is not None

    def refuse_writes(self, message: Msg, **values) -> None:
        """From now on every write fails with ``UserError(message)`` before it reaches the
        database, and sessions no longer take SQLite's write lock: a window that opened the
        folder read-only, or a database found damaged (the clerk is told to restore). Reads
        go on as before."""
        first = self.refusal is None
        self.refusal = (message, values)
        if first:  # listened to only from now on: a save of a window that may write pays nothing for it
            event.listen(self.engine, "before_cursor_execute", self._refuse_writes_when_told)
        self.engine.update_execution_options(**{READ_ONLY: True})  # every transaction deferred from now on
        if self.is_sqlite and first:
            # SQLite's own refusal as well, for any statement the check below would not know
            event.listen(self.engine, "connect", _query_only)
            self.engine.dispose()  # the idle connections opened before now

    def _refuse_writes_when_told(self, _conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        if self.refusal is not None and _WRITE.match(statement):
            message, values = self.refusal
            raise UserError(message, **values)


_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


def _query_only(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA query_only=ON")
    cur.close()


NOT_FOR_READING_ONLY = QT_TRANSLATE_NOOP(
    "Database", "The database cannot be opened read-only: it is empty or must first be upgraded to this version "
                "of the program, which only the program that holds the data folder may do. Close it, then start "
                "this one again.")


def open_database(config: Config, *, read_only: bool = False) -> Database:
    """Check, back up if needed, upgrade and open the configured database. ``read_only``
    (a second window beside the one holding the data folder) changes nothing, refuses a
    database that would need it, and leaves the caller to ``refuse_writes`` with its reason."""
    path = config.sqlite_path
    state = read_sqlite_state(path) if path else None
    if path and not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(config.database_url)
    try:
        if state is None:
            state = _read_engine_state(engine)
        if read_only and (state.empty or state.revision != HEAD):
            raise UserError(NOT_FOR_READING_ONLY)
        if state.revision != HEAD:
            if path and not state.empty:
                backup_sqlite(path, config.backups_dir, check="quick_check")  # before the upgrade changes it
            upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    db = Database(engine, config)
    db.is_empty_on_open = state.empty
    return db
