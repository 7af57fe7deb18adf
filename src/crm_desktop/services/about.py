"""What a support call asks first (帮助 → 关于): the program's version, where its data, its
database file and its log are, and the database's schema revision against the program's."""

from __future__ import annotations

import logging
import platform
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, text

from .. import __version__
from ..db import Database
from ..migrations.revisions import HEAD

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SupportFacts:
    version: str
    data_dir: Path | None
    database_file: Path | None  # the SQLite file; None for another database (see database_url)
    database_url: str  # without its password
    schema_revision: str | None  # in the database; None when it could not be read
    program_revision: str  # the newest this program knows
    log_file: Path | None
    python: str
    system: str


def schema_revision(database: Database) -> str | None:
    """The revision Alembic recorded in the database (None when it cannot be read: logged)."""
    try:
        with database.read_connection() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - the About box shows "unknown", the log says why
        log.warning("the schema revision could not be read", exc_info=True)
        return None


def support_facts(database: Database) -> SupportFacts:
    config = database.config
    return SupportFacts(
        version=__version__,
        data_dir=config.data_dir if config is not None else None,
        database_file=config.sqlite_path if config is not None else None,
        database_url=database.engine.url.render_as_string(hide_password=True),
        schema_revision=schema_revision(database),
        program_revision=HEAD,
        log_file=config.log_file if config is not None else None,
        python=platform.python_version(),
        system=platform.platform(),
    )
