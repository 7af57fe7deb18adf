"""The bulk writer: rows go into the database while the next ones are made.

On SQLite the tuples go through the DBAPI in multi-row ``INSERT`` statements of a few
thousand values (the values are already what SQLAlchemy stores there); elsewhere through
SQLAlchemy Core, the values turned into Python's. ``in_background`` makes the rows in a
worker thread meanwhile, and shortens the interpreter's switch interval so that the
writing thread gets the GIL back as soon as a statement is done.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from itertools import chain

from sqlalchemy import Boolean, Connection, Date, DateTime, Numeric, Table

from ..models import CallStep
from .paths import STEP_KINDS
from .rows import STEP_COLUMNS, STEP_ROW, Chunk

STATEMENT_PARAMETERS = 2500  # per INSERT (SQLite allows 32766; huge statements cost more a row)
SWITCH_INTERVAL = 0.0002  # seconds, while rows are made in the background (see in_background)


# A history row (rows.STEP_ROW) binds six values: the kind's three texts come from a CASE on
# its index, the time is bound once for happened_at and recorded_at, the id is SQLite's own.
def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _case(column: str, values: Sequence[str]) -> str:
    return f"CASE {column} " + " ".join(f"WHEN {k} THEN {_sql_text(v)}" for k, v in enumerate(values)) + " END"


_STEP_INSERT = (
    f"INSERT INTO {CallStep.__tablename__} ({', '.join(STEP_COLUMNS[1:])}) SELECT column1, "
    + ", ".join(_case("column2", [kind[i] for kind in STEP_KINDS]) for i in range(3))
    + ", column3, column3, column4, column5, column6 FROM (VALUES "
)


class Writer:
    """Inserts tuples in column order: on SQLite through the DBAPI, many rows per
    statement (the values are already what SQLAlchemy stores there: times as text, numbers
    as numbers); elsewhere through SQLAlchemy Core, the values turned into Python's."""

    def __init__(self, conn: Connection, raw: bool) -> None:
        self.conn = conn
        self.raw = raw
        self.cursor = conn.connection.driver_connection.cursor() if raw else None
        self.next_step_id = 1  # (set by the load) the id of the next call_step row
        self._sql: dict[str, str] = {}
        self._converters: dict[str, list[Callable[[object], object] | None]] = {}
        self.max_ids: dict[str, int] = {}

    def insert(self, table: Table, columns: Sequence[str], rows: list[tuple], flat: list | None = None) -> None:
        """``flat``: the rows' values one after the other, made beforehand (by the worker
        thread, ``flattened``) for the SQLite path."""
        if not rows:
            return
        name = table.name
        if columns is STEP_ROW:  # the history's compact rows
            if self.raw:
                self._execute(name + "#steps", _STEP_INSERT, ")", len(columns), rows, flat)
                return
            kinds = STEP_KINDS
            first = self.next_step_id
            rows = [(first + i, call, *kinds[kind], at, at, by, note, undoes)
                    for i, (call, kind, at, by, note, undoes) in enumerate(rows)]
            self.next_step_id = first + len(rows)
            columns = STEP_COLUMNS
        if self.raw:
            self._execute(name, f"INSERT INTO {name} ({', '.join(columns)}) VALUES ", "", len(columns), rows, flat)
        else:
            convert = self._converters.get(name)
            if convert is None:
                convert = [_converter(table.c[c].type) for c in columns]
                self._converters[name] = convert
            values = [
                {c: (f(v) if f is not None and v is not None else v) for c, f, v in zip(columns, convert, row)}
                for row in rows
            ]
            self.conn.execute(table.insert(), values)
            if columns[0] == "id":  # for the serial sequences of PostgreSQL
                self.max_ids[name] = max(self.max_ids.get(name, 0), max(r[0] for r in rows))

    def _execute(self, key: str, head: str, tail: str, width: int, rows: list[tuple], flat: list | None) -> None:
        """Many rows per statement: SQLite then runs long stretches without the GIL
        (executemany takes it back after every row), so the worker thread making the next
        rows runs meanwhile. Not too many though: a statement of thousands of rows costs
        more a row than one of a few dozen (STATEMENT_PARAMETERS)."""
        per = max(1, STATEMENT_PARAMETERS // width)
        one = f"({', '.join('?' * width)})"
        full = self._sql.get(key)
        if full is None:
            full = self._sql[key] = head + ", ".join([one] * per) + tail
        if flat is None:
            flat = list(chain.from_iterable(rows))
        execute = self.cursor.execute
        step = per * width
        for i in range(0, len(flat), step):
            part = flat[i : i + step]
            execute(full if len(part) == step else head + ", ".join([one] * (len(part) // width)) + tail, part)


def flattened(chunks: Iterator[Chunk]) -> Iterator[tuple]:
    """The chunks with their values flattened for the SQLite path, in the worker thread."""
    for table, columns, rows, units in chunks:
        yield table, columns, rows, units, list(chain.from_iterable(rows))


def _converter(sql_type) -> Callable[[object], object] | None:
    if isinstance(sql_type, Boolean):
        return bool
    if isinstance(sql_type, DateTime):
        return datetime.fromisoformat
    if isinstance(sql_type, Date):
        return date.fromisoformat
    if isinstance(sql_type, Numeric):
        return lambda v: Decimal(str(v))
    return None


class _Failure:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


_DONE = object()


def in_background(items: Iterator[Chunk], depth: int = 2) -> Iterator[Chunk]:
    """The items of ``items``, made in a worker thread up to ``depth`` ahead of the
    consumer: the Python work of making rows overlaps SQLite writing them (the sqlite3
    module releases the GIL while a statement runs). An exception in the worker is raised
    here; when the consumer stops early the worker stops too.

    Meanwhile the interpreter's switch interval is short: after each statement the
    writing thread needs the GIL back from the busy worker, and would otherwise wait up to
    5 ms for it, about as long as the statement took (half the load's time)."""
    q: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                pass
        return False

    def work() -> None:
        try:
            for item in items:
                if not put(item):
                    return
            put(_DONE)
        except BaseException as exc:  # handed to the consumer, which raises it
            put(_Failure(exc))
        finally:
            close = getattr(items, "close", None)
            if close is not None:  # a generator's cleanup runs in this thread, now
                close()

    worker = threading.Thread(target=work, name="crm-demo-rows", daemon=True)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    worker.start()
    try:
        while True:
            item = q.get()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise item.exc
            yield item
    finally:
        stop.set()
        worker.join()
        sys.setswitchinterval(interval)
