"""One demo load: ``generate`` checks the database is empty, reads what it holds (number
patterns and sequences, next ids, names taken, prices), pauses the search indexes on a large
SQLite run, writes the rows a ``Generator`` makes in a worker thread, then the sequences,
rebuilds what it paused, and adds the finishing touches (``finish``). One transaction:
nothing is written if anything fails or the caller cancels through ``progress``.
"""

from __future__ import annotations

import time
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from .. import clock
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP
from ..models import (
    CallStep,
    Customer,
    CustomerProduct,
    GoodsEntry,
    LabourRate,
    MaintenanceContract,
    PartPrice,
    RepairCard,
    RepairPart,
    ServiceCall,
    Staff,
    WorkLog,
)
from ..models import Sequence as SequenceRow
from ..progress import Progress
from ..progress import report as report_progress
from ..services import numbering
from .finish import set_accounts, set_branch, set_open_deadlines, set_renewals, set_responsibilities
from .generator import Existing, Generator
from .search_index import SearchIndexPause, with_bigrams
from .series import NumberSeries
from .summary import DemoSummary
from .writer import Writer, flattened, in_background

if TYPE_CHECKING:
    from ..db import Database

DATABASE_NOT_EMPTY = QT_TRANSLATE_NOOP(
    "Demo", "The database already holds service calls; demo data goes only into an empty register."
)
REAL_DATABASE = QT_TRANSLATE_NOOP(
    "Demo", "This data folder holds a real branch's database (its own accounts, staff or customers): demo data "
            "never goes into it. Give the demo a new, empty folder (--data-dir).")
NEGATIVE_CALLS = QT_TRANSLATE_NOOP("Demo", "The number of demo calls cannot be negative ({calls}).")

# On SQLite, runs of at least this many calls drop the full-text triggers and secondary
# indexes while loading and rebuild them at the end; smaller runs keep them (cheaper than a
# rebuild when the database already holds many customers).
FAST_PATH_MIN_CALLS = 20_000
LOAD_CACHE_SIZE = -65536  # SQLite page cache while loading (KiB): index builds need it
LOADED_TABLES = ("customer", "customer_product", "maintenance_contract", "contract_product", "service_call", "call_step",
                 "work_log", "goods_entry", "repair_card", "repair_part")
# Tests switch this off to check that the SQLAlchemy Core path (other databases) writes
# the same rows as the DBAPI path.
_RAW_SQLITE = True


def generate(
    database: Database,
    calls: int = 300,
    seed: int = 20261128,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> DemoSummary:
    """Fill an empty register with demo data for one branch office: staff, labour rates
    and parts price list, customers of every category with their products and
    maintenance contracts, ``calls`` service calls over every stage of the service
    process up to ``now`` (default: the present minute) with their history and work log,
    their goods entries, repair cards and parts. The same ``seed`` and ``now`` give the
    same rows. ``progress(done, total)`` is called now and then, from the calling thread;
    when it answers False the load stops (``progress.Cancelled``). Refuses (``UserError``) a
    database that holds service calls already. One transaction: nothing is written if
    anything fails or is cancelled."""
    if calls < 0:
        raise UserError(NEGATIVE_CALLS, field="calls", calls=calls)
    started = time.perf_counter()
    now = (now or clock.now()).replace(second=0, microsecond=0)
    with database.engine.connect() as conn:
        # A large load on SQLite checks no foreign keys row by row (a sixth of the cost of
        # writing a row of history): the rows refer only to rows made before them, which the
        # tests check with the checks on. SQLite switches the checks only outside a
        # transaction, so here, and back after.
        driver = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
        unchecked = driver is not None and calls >= FAST_PATH_MIN_CALLS
        if unchecked:
            driver.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                _refuse_unless_empty(conn)
                summary = _Load(conn, calls, seed, now, progress).run()
                set_open_deadlines(conn)
                set_branch(conn)
                set_accounts(conn)
                set_responsibilities(conn, seed, now.date())
                set_renewals(conn, seed, now.date())
        finally:
            if unchecked:
                driver.execute("PRAGMA foreign_keys = ON")
    summary.seconds = time.perf_counter() - started
    return summary


def _refuse_unless_empty(conn: Connection) -> None:
    """Demo rows go only into a new database: one with calls is refused, and one set up for
    real work (accounts, staff or customers, and not marked as demo) with its own words."""
    from ..models import Account, Customer, Setting, Staff
    from ..services.auth import DEMO_SETTING

    has_calls = conn.execute(select(ServiceCall.id).limit(1)).first() is not None
    has_rows = any(conn.execute(select(table.id).limit(1)).first() is not None for table in (Account, Staff, Customer))
    if not (has_calls or has_rows):
        return
    demo = conn.execute(select(Setting.value).where(Setting.key == DEMO_SETTING)).scalar() == "1"
    raise UserError(DATABASE_NOT_EMPTY if demo or (has_calls and not has_rows) else REAL_DATABASE)


class _Load:
    """One load in the caller's transaction: reads what the database already holds, drops
    the search triggers and indexes on a large SQLite run, writes the rows a ``Generator``
    makes in a worker thread, then the sequences, and rebuilds what it dropped."""

    def __init__(self, conn: Connection, calls: int, seed: int, now: datetime, progress: Progress | None) -> None:
        self.conn = conn
        self.calls = calls
        self.seed = seed
        self.now = now
        self.progress = progress
        is_sqlite = conn.dialect.name == "sqlite"
        self.fast = is_sqlite and calls >= FAST_PATH_MIN_CALLS
        self.writer = Writer(conn, raw=is_sqlite and _RAW_SQLITE)
        # progress: one unit a call; what comes after the calls (goods, cards, indexes,
        # search) counts about half as much again
        self.finish_units = max(1, calls // 2)
        self.total = calls + self.finish_units
        self.done = 0

    def report(self, units: int) -> None:
        self.done = min(self.total, self.done + units)
        report_progress(self.progress, self.done, self.total)

    def existing(self) -> Existing:
        conn = self.conn
        with Session(bind=conn) as s:
            patterns = {rule: numbering.pattern_for(s, rule) for rule in numbering.DEFAULT_PATTERNS}
        sequences: dict[str, dict[str, int]] = {rule: {} for rule in patterns}
        for rule, period, last in conn.execute(select(SequenceRow.rule, SequenceRow.period, SequenceRow.last_value)):
            if rule in sequences:
                sequences[rule][period] = last
        first_ids = {
            model.__tablename__: (conn.execute(select(func.max(model.id))).scalar() or 0) + 1
            for model in (Staff, Customer, CustomerProduct, ServiceCall, GoodsEntry, RepairCard, RepairPart, CallStep,
                          WorkLog, MaintenanceContract, LabourRate, PartPrice)
        }
        rates = [
            (mode, valid_from, _cents(rate), _cents(minimum))
            for mode, valid_from, rate, minimum in conn.execute(
                select(LabourRate.mode, LabourRate.valid_from, LabourRate.hourly_rate, LabourRate.minimum_fee)
            )
        ]
        return Existing(
            patterns=patterns,
            sequences=sequences,
            first_ids=first_ids,
            staff_names=set(conn.execute(select(Staff.name)).scalars()),
            customer_codes=set(conn.execute(select(Customer.code).where(Customer.code.is_not(None))).scalars()),
            labour_rates=rates,
            part_prices={no: _cents(price) for no, price in conn.execute(select(PartPrice.part_no, PartPrice.unit_price))},
        )

    def run(self) -> DemoSummary:
        conn = self.conn
        existing = self.existing()
        generator = Generator(self.calls, self.seed, self.now, existing, self.finish_units // 2)
        self.writer.next_step_id = existing.first_ids["call_step"]
        pause = cursor = cache_size = None
        if self.fast:
            cursor = conn.connection.driver_connection.cursor()
            cache_size = cursor.execute("PRAGMA cache_size").fetchone()[0]
            cursor.execute(f"PRAGMA cache_size = {LOAD_CACHE_SIZE}")
            pause = SearchIndexPause(cursor, LOADED_TABLES)
            pause.drop()
        chunks = generator.chunks()
        refilled: set[str] = set()
        automerge: dict[str, int] = {}  # of the indexes filled while loading, as it was
        if pause is not None and self.writer.raw:
            chunks = with_bigrams(chunks, pause.refills, refilled)
            for index, _, _ in pause.refills:
                automerge[index] = pause.lazy_merges(index)
        if self.writer.raw:
            chunks = flattened(chunks)
        try:
            for table, columns, rows, units, *flat in in_background(chunks):
                self.writer.insert(table, columns, rows, *flat)
                self.report(units)
            for index, value in automerge.items():
                pause.set_automerge(index, value)
            # the ids the history's rows refer to (undoes_id, work_log.step_id) are theirs
            last = conn.execute(select(func.max(CallStep.id))).scalar() or 0
            assert last == generator.step_id - 1, (last, generator.step_id)
            self.write_sequences(generator.numbers)
            if pause is not None:
                share = self.finish_units // 2 // (len(pause.fts_tables) + len(pause.refills) + 1)
                pause.restore(lambda: self.report(share), refilled)
            if conn.dialect.name == "postgresql":  # explicit ids leave the serial sequences behind
                for table, last in self.writer.max_ids.items():
                    conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {int(last)})")
        finally:
            if cache_size is not None:
                cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
        self.done = self.total - 1
        self.report(1)
        return generator.summary

    def write_sequences(self, numbers: dict[str, NumberSeries]) -> None:
        """The last value of every rule and period used, so that ``numbering.next_number``
        continues each series (X3)."""
        table = SequenceRow.__table__
        new = []
        for rule, series in numbers.items():
            for period, last in series.used().items():
                if period in series.existing:
                    self.conn.execute(
                        table.update().where(table.c.rule == rule, table.c.period == period).values(last_value=last)
                    )
                else:
                    new.append({"rule": rule, "period": period, "last_value": last})
        if new:
            self.conn.execute(table.insert(), new)


def _cents(amount: object) -> int:
    return int((Decimal(str(amount)) * 100).to_integral_value())
