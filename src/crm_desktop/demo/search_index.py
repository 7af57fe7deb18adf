"""The search indexes during a large load on SQLite: the full-text triggers and the
secondary indexes of the loaded tables are dropped, and rebuilt once at the end from the SQL
``sqlite_master`` held; the two-character (bigram) indexes are filled during the load from
the pieces the worker thread cuts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from .rows import CHUNK, Chunk

# FTS5 merges segments less eagerly while rebuilding (8 s of 25 on a million calls; searches
# stay within a millisecond or two), then goes back to the value it had.
REBUILD_AUTOMERGE = 16


def bigram_pieces(values: Sequence[str | None]) -> str | None:
    """The two-character pieces the bigram triggers cut (migration 0001), as one text."""
    pieces = [v[k : k + 2] for v in values if v for k in range(len(v) - 1)]
    return " ".join(pieces) if pieces else None


class SearchIndexPause:
    """On SQLite, the full-text triggers and the secondary (non-unique) indexes of the
    tables being loaded are dropped, and re-created at the end from the SQL that
    ``sqlite_master`` held; each full-text index is rebuilt once from its content table.
    Inside the caller's transaction, so a failure rolls the drops back too."""

    def __init__(self, cursor, tables: Iterable[str]) -> None:
        self.cursor = cursor
        tables = tuple(tables)
        marks = ", ".join("?" * len(tables))
        fts = cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
        ).fetchall()
        self.fts_tables: list[str] = []
        content_of: dict[str, str] = {}
        contentless = []
        for name, sql in fts:
            m = re.search(r"content\s*=\s*'([^']*)'", sql)
            if m and m.group(1) in tables:
                self.fts_tables.append(name)
                content_of[name] = m.group(1)
            elif m and m.group(1) == "":
                contentless.append(name)
        triggers = cursor.execute(
            f"SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks}) ORDER BY name",
            tables,
        ).fetchall()
        self.triggers = [
            (name, sql)
            for name, table, sql in triggers
            if any(content_of[f] == table and re.search(rf"\b{re.escape(f)}\b", sql) for f in self.fts_tables)
        ]
        # Contentless indexes (the two-character pieces) cannot 'rebuild': they are refilled
        # from the loaded table with the pieces their own AFTER INSERT trigger would cut
        # (every substr(v, i, 2) with i < length(v), of the columns the trigger names).
        self.refills: list[tuple[str, str, list[str]]] = []  # (index, table, columns)
        for name, table, sql in triggers:
            for index in contentless:
                if not re.search(rf"\b{re.escape(index)}\b", sql):
                    continue
                self.triggers.append((name, sql))
                if re.search(rf"AFTER INSERT ON {re.escape(table)}\b", sql):
                    columns = [c for c in re.findall(r"\bnew\.(\w+) AS v\b|UNION ALL SELECT new\.(\w+)", sql) for c in c if c]
                    self.refills.append((index, table, columns))
        indexes = cursor.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks}) "
            "ORDER BY name",
            tables,
        ).fetchall()
        self.indexes = [(name, sql) for name, sql in indexes if not sql.lstrip().upper().startswith("CREATE UNIQUE")]

    def set_automerge(self, index: str, value: int) -> None:
        self.cursor.execute(f"INSERT INTO \"{index}\"(\"{index}\", rank) VALUES ('automerge', {int(value)})")

    def lazy_merges(self, index: str) -> int:
        """Let the full-text index merge its segments less eagerly (while it is filled in
        bulk); returns the setting it had."""
        row = self.cursor.execute(f"SELECT v FROM \"{index}_config\" WHERE k = 'automerge'").fetchone()
        self.set_automerge(index, REBUILD_AUTOMERGE)
        return int(row[0]) if row else 4  # FTS5's default

    def drop(self) -> None:
        for name, _ in self.triggers:
            self.cursor.execute(f'DROP TRIGGER "{name}"')
        for name, _ in self.indexes:
            self.cursor.execute(f'DROP INDEX "{name}"')

    def restore(self, step: Callable[[], None], refilled: Iterable[str] = ()) -> None:
        """Everything back; the contentless indexes named in ``refilled`` were filled
        during the load (``with_bigrams``)."""
        cursor = self.cursor
        refilled = set(refilled)
        for _, sql in self.indexes:
            cursor.execute(sql)
        step()
        for name in self.fts_tables:
            automerge = self.lazy_merges(name)
            cursor.execute(f"INSERT INTO \"{name}\"(\"{name}\") VALUES ('rebuild')")
            self.set_automerge(name, automerge)
            step()
        reader = cursor.connection.cursor()
        for index, table, columns in self.refills:
            if index in refilled:
                step()
                continue
            reader.execute(f'SELECT id, {", ".join(columns)} FROM "{table}"')
            while rows := reader.fetchmany(CHUNK):
                cursor.executemany(
                    f'INSERT INTO "{index}"(rowid, pieces) VALUES (?, ?)', [(r[0], bigram_pieces(r[1:])) for r in rows]
                )
            step()
        reader.close()
        for _, sql in self.triggers:
            cursor.execute(sql)


@dataclass(frozen=True)
class _Index:
    """A full-text index written to like a table (the writer needs its name)."""

    name: str


_PIECES_COLUMNS = ("rowid", "pieces")


def with_bigrams(chunks: Iterator[Chunk], refills: list[tuple[str, str, list[str]]], done: set[str]) -> Iterator[Chunk]:
    """The chunks, each followed by the two-character pieces of its rows for the
    contentless indexes on its table, cut here in the worker thread rather than read back
    and cut by the caller's thread at the end. ``done`` receives the indexes so filled;
    one whose columns the table's rows do not carry is left to the end."""
    wanted: dict[str, list[tuple[str, list[str]]]] = {}
    for index, table, columns in refills:
        wanted.setdefault(table, []).append((index, columns))
    plans: dict[str, tuple[Sequence[str], list[tuple[str, list[int]]]]] = {}  # per table: its columns, what to cut
    memos: dict[str, dict[tuple, str | None] | None] = {}
    seen: dict[str, int] = {}
    for chunk in chunks:
        yield chunk
        table, columns, rows, _ = chunk
        if table.name not in wanted or not rows:
            continue
        if table.name not in plans:
            plans[table.name] = columns, [
                (index, [columns.index(c) for c in names])
                for index, names in wanted[table.name]
                if columns[0] == "id" and set(names) <= set(columns)
            ]
        known, cuts = plans[table.name]
        assert columns == known, (table.name, columns)  # a table's rows always come alike
        for index, positions in cuts:
            # calls repeat their values (a customer's name and address, a model): each is cut
            # once; an index whose values hardly repeat (customers) stops remembering them
            memo = memos.setdefault(index, {})
            if memo is None:
                pieces = [(row[0], bigram_pieces([row[p] for p in positions])) for row in rows]
            else:
                pieces = []
                for row in rows:
                    values = tuple([row[p] for p in positions])
                    cut = memo.get(values)
                    if cut is None:
                        cut = memo[values] = bigram_pieces(values)
                    pieces.append((row[0], cut))
                seen[index] = seen.get(index, 0) + len(pieces)
                if seen[index] >= 50_000 and len(memo) > 0.8 * seen[index]:  # hardly any repeat
                    memos[index] = None
            yield _Index(index), _PIECES_COLUMNS, pieces, 0  # type: ignore[misc]
            done.add(index)
