"""Prototype of the fix proposed for the two-character search: a bigram FTS5 index.

Not a benchmark of the program: it copies nothing into the program's database. It builds,
in a scratch file under benchmarks/out/, a contentless FTS5 table whose text is the
overlapping two-character pieces of the register's Chinese search columns ("张伟强" →
"张伟 伟强"), tokenized by unicode61 (each piece a token), and times the two-character
search the program needs (matching ids ordered by call time, up to MATERIALIZE_LIMIT)
against the LIKE scan the program does today on the same 1,000,000-call file.

It also checks that the bigram text can be made by a plain SQL expression (substr(),
no user function), so that triggers like the trigram index's can keep the index current.

    .venv/bin/python benchmarks/probe_bigram.py [--data-dir DIR] [--columns customer_name,address]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import OUT, ensure_demo_database, load_note  # noqa: E402

TERMS = ("张伟", "王芳", "伟强", "鼓楼", "东方")
LIKE_KEYS = ("call_no", "customer_name", "phone", "address", "product_model", "serial_no")
LIMIT = 20_001  # RegisterQuery materializes up to 20,000 ids


def bigrams(*values: str | None) -> str:
    out: list[str] = []
    for v in values:
        for part in (v or "").split():
            out.extend(part[i : i + 2] for i in range(len(part) - 1))
    return " ".join(out)


def sql_bigrams(column: str, max_len: int) -> str:
    """The same pieces by substr() alone (usable in a trigger); single characters at the
    end of a value become one-character tokens, which no two-character query matches."""
    return " || ' ' || ".join(f"substr({column}, {i}, 2)" for i in range(1, max_len))


def timed(con: sqlite3.Connection, sql: str, params: list, runs: int = 5) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        n = len(con.execute(sql, params).fetchall())
        times.append(time.perf_counter() - t0)
    return statistics.median(times), n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=OUT / "calls-1m")
    parser.add_argument("--columns", default="customer_name,address", help="columns to index (default customer_name,address)")
    args = parser.parse_args()
    src = ensure_demo_database(args.data_dir.resolve(), 1_000_000)
    columns = args.columns.split(",")
    scratch = OUT / "scratch-bigram.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(scratch) + suffix).unlink(missing_ok=True)

    print(load_note("at start"))
    con = sqlite3.connect(scratch, isolation_level=None)
    con.execute(f"ATTACH DATABASE '{src.resolve().as_uri()}?mode=ro' AS m")
    con.execute("CREATE VIRTUAL TABLE bigram USING fts5(t, content='', columnsize=0, detail=none, tokenize='unicode61')")
    t0 = time.perf_counter()
    con.execute("BEGIN")
    cur = con.execute(f"SELECT id, {', '.join(columns)} FROM m.service_call")
    while rows := cur.fetchmany(50_000):
        con.executemany("INSERT INTO bigram(rowid, t) VALUES (?, ?)", [(r[0], bigrams(*r[1:])) for r in rows])
    con.execute("COMMIT")
    con.execute("INSERT INTO bigram(bigram) VALUES ('optimize')")
    build = time.perf_counter() - t0
    con.execute("VACUUM")
    size = os.path.getsize(scratch) / 2**20
    print(f"bigram index over {columns}: built in {build:.1f} s (Python bigrams, one transaction), {size:.0f} MiB")

    # the substr() expression gives the same two-character tokens
    lengths = {c: con.execute(f"SELECT max(length({c})) FROM m.service_call").fetchone()[0] for c in columns}
    expr = " || ' ' || ".join(sql_bigrams(c, max(lengths[c], 2)) for c in columns)
    sample = con.execute(f"SELECT {', '.join(columns)}, {expr} FROM m.service_call WHERE id % 997 = 0").fetchall()
    same = all(
        {t for t in bigrams(*r[:-1]).split()} == {t for t in r[-1].split() if len(t) == 2}
        for r in sample
    )
    print(f"substr() expression (max lengths {lengths}) gives the same two-character tokens on "
          f"{len(sample):,} sampled rows: {same}")

    like = " OR ".join(f"s.{k} LIKE ? ESCAPE '\\'" for k in LIKE_KEYS)
    print(f"\n{'term':<6} {'rows':>7}  {'bigram MATCH':>13}  {'LIKE (program today)':>21}")
    for term in TERMS:
        fast, n = timed(con, "SELECT s.id FROM m.service_call s JOIN bigram b ON b.rowid = s.id WHERE bigram MATCH ? "
                             f"ORDER BY s.received_at DESC, s.id DESC LIMIT {LIMIT}", [f'"{term}"'])
        slow, n_like = timed(con, f"SELECT s.id FROM m.service_call s WHERE {like} "
                                  f"ORDER BY s.received_at DESC, s.id DESC LIMIT {LIMIT}", [f"%{term}%"] * len(LIKE_KEYS), runs=3)
        note = "" if n == n_like else f"  (LIKE finds {n_like:,}: it also looks in {', '.join(k for k in LIKE_KEYS if k not in columns)})"
        print(f"{term:<6} {n:>7,}  {fast * 1000:10.1f} ms  {slow * 1000:18.0f} ms{note}")
    con.close()
    print("\n" + load_note("at end"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
