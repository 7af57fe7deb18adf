"""A register of 1,000,000 service calls: the table model against raw sqlite3, and the GUI.

Targets (issue 2, Performance), each operation measured three ways in one run on one file:

* program  — RegisterTableModel over RegisterQuery (services/registers.py), as the views use it;
* raw      — sqlite3 running the equivalent hand-written SQL (count(*), first-window id
             query + row fetch, the OFFSET query, ORDER BY … LIMIT, the FTS MATCH join,
             the LIKE scan), with one plain connection;
* GUI      — the same operation through a RegisterView (QTableView, 1280x800, offscreen)
             with processEvents, so that the view asks data() for every visible row.

Target: program ≤ 5x raw (medians) and GUI < 200 ms, for (a) opening the register = row
count + first window, (b) a jump to the last row, (c) sorting by call time both ways and by
customer, (d) a selective three-character search, (e) a two-character name (张伟).
(f) memory: the program's resident memory once the main window has opened every register,
on this database against an empty one (separate processes): within 40 MB.

Each operation runs once cold — the database file evicted from the OS page cache
(posix_fadvise DONTNEED) and fresh SQLite connections — then ``--repeat`` times warm,
alternating program / raw / GUI; the medians of the warm runs are compared. The program's
own SQL statements are captured and also replayed through sqlite3 (a column of their own:
the difference between it and "program" is the Python/SQLAlchemy/model overhead), and the
query plans of both are printed.

    .venv/bin/python benchmarks/bench_register.py [--data-dir DIR] [--repeat 7] [--profile OP]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import re
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    OUT,
    PYTHON,
    ensure_demo_database,
    ensure_empty_database,
    evict_os_cache,
    load_note,
    median,
    offscreen_env,
    program_version,
    run_child,
    verdict,
)

TARGET_RATIO = 5.0
TARGET_GUI_MS = 200.0
TARGET_MEMORY_MB = 40.0
WINDOW = 200  # RegisterTableModel.WINDOW, checked below


# -- raw sqlite3 -------------------------------------------------------------------------
class Raw:
    """Hand-written SQL over one plain sqlite3 connection, doing what the model needs."""

    def __init__(self, path: Path, columns: list[str], search_keys: list[str]) -> None:
        self.path = path
        self.columns = columns
        self.search_keys = search_keys
        self.con: sqlite3.Connection | None = None
        self.reconnect()

    def reconnect(self) -> None:
        if self.con is not None:
            self.con.close()
        self.con = sqlite3.connect(self.path, isolation_level=None)

    @property
    def select_rows(self) -> str:
        return f"SELECT id, {', '.join(self.columns)} FROM service_call WHERE id IN "

    def rows(self, ids: list[int]) -> list[tuple]:
        if not ids:
            return []
        sql = self.select_rows + "(" + ", ".join("?" * len(ids)) + ")"
        by_id = {r[0]: r for r in self.con.execute(sql, ids)}
        return [by_id[i] for i in ids if i in by_id]

    def window(self, where: str, params: list, order: str, offset: int, index: str | None = None) -> list[tuple]:
        sql = self.window_sql(where, order, index) + f" LIMIT {WINDOW} OFFSET {offset}"
        ids = [r[0] for r in self.con.execute(sql, params)]
        return self.rows(ids)

    @staticmethod
    def window_sql(where: str, order: str, index: str | None = None) -> str:
        """The ids of a window; ``index`` (an FTS5 table) drives the search by a join."""
        join = f" JOIN {index} ON {index}.rowid = service_call.id" if index else ""
        return f"SELECT service_call.id FROM service_call{join}{where} ORDER BY {order}"

    def count(self, where: str = "", params: list | None = None, index: str | None = None) -> int:
        frm = index or "service_call"
        return self.con.execute(f"SELECT count(*) FROM {frm}{where}", params or []).fetchone()[0]

    def staff(self) -> dict:
        return dict(self.con.execute("SELECT id, name FROM staff"))

    def like_where(self, term: str) -> tuple[str, list]:
        esc = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        cond = " OR ".join(f"service_call.{k} LIKE ? ESCAPE '\\'" for k in self.search_keys)
        return f" WHERE ({cond})", [f"%{esc}%"] * len(self.search_keys)

    @staticmethod
    def match_where(index: str, term: str) -> tuple[str, list]:
        return f" WHERE {index} MATCH ?", ['"' + term.replace('"', '""') + '"']

    def has_table(self, name: str) -> bool:
        return self.con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [name]).fetchone() is not None


# -- measurements ------------------------------------------------------------------------
@dataclass
class Variant:
    setup: Callable[[], Any]
    run: Callable[[Any], Any]
    teardown: Callable[[Any], None] = lambda state: None


@dataclass
class Result:
    cold: float = float("nan")
    warm: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return median(self.warm)


@dataclass
class Operation:
    key: str
    label: str
    program: Variant
    raw: Variant
    gui: Variant
    raw_sql: list[tuple[str, list]]  # for EXPLAIN QUERY PLAN
    rows: Callable[[], int] = lambda: -1  # rows found (for the table)
    target: bool = True  # False: shown for information, no verdict
    results: dict[str, Result] = field(default_factory=dict)
    replay: Result = field(default_factory=Result)
    program_sql: list[tuple[str, tuple]] = field(default_factory=list)


def timed(variant: Variant) -> float:
    state = variant.setup()
    t0 = time.perf_counter()
    variant.run(state)
    elapsed = time.perf_counter() - t0
    variant.teardown(state)
    return elapsed


def ms(seconds: float) -> str:
    return "—" if seconds != seconds else (f"{seconds * 1000:.1f}" if seconds < 10 else f"{seconds * 1000:.0f}")


def abbreviate(sql: str) -> str:
    sql = re.sub(r"\(\?(, \?)+\)", lambda m: f"(?, … {m[0].count('?')} ids)", sql)
    sql = re.sub(r"\s+", " ", sql)
    return sql if len(sql) <= 400 else sql[:400] + " …"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=OUT / "calls-1m", help="data folder (made once if missing)")
    parser.add_argument("--calls", type=int, default=1_000_000, help="demo calls when the folder must be made")
    parser.add_argument("--empty-dir", type=Path, default=OUT / "empty", help="data folder of the empty database for (f)")
    parser.add_argument("--repeat", type=int, default=7, help="warm runs of each operation (default 7)")
    parser.add_argument("--term3", help="selective three-character term (default: a rare three-character customer name)")
    parser.add_argument("--term2", default="张伟", help="two-character name (default 张伟)")
    parser.add_argument("--common3", default="鼓楼区",
                        help="a common three-character term, timed for information (default 鼓楼区, a district)")
    parser.add_argument("--only", help="comma-separated operation keys to run (a,b,c1,c2,c3,c4,d1,d2,e,d3)")
    parser.add_argument("--profile", help="cProfile one warm program run of this operation key and print the top")
    parser.add_argument("--skip-memory", action="store_true", help="skip (f)")
    parser.add_argument("--diagnose", action="store_true",
                        help="also time the LIKE fallback and alternatives to it (plans of the LIKE scan)")
    args = parser.parse_args()

    data_dir = args.data_dir.resolve()
    db_file = ensure_demo_database(data_dir, args.calls)

    from PySide6.QtCore import QCoreApplication, QEvent, Qt, qInstallMessageHandler
    from sqlalchemy import event

    from crm_desktop import config as config_mod
    from crm_desktop.app import make_application
    from crm_desktop.db import open_database
    from crm_desktop.services.registers import SERVICE_CALLS, RegisterQuery
    from crm_desktop.views.register_view import RegisterView
    from crm_desktop.views.table_model import RegisterTableModel

    assert RegisterTableModel.WINDOW == WINDOW, RegisterTableModel.WINDOW
    app = make_application()
    previous_handler = None

    def quiet_offscreen(mode, context, message):  # the offscreen plugin's noise on every show()
        if "propagateSizeHints" in message:
            return
        if previous_handler is not None:
            previous_handler(mode, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous_handler = qInstallMessageHandler(quiet_offscreen)  # after make_application, which installs its own
    database = open_database(config_mod.resolve(data_dir))
    spec = SERVICE_CALLS
    columns = [c.key for c in spec.columns]
    raw = Raw(db_file, columns, list(spec.search_keys))
    total = raw.count()

    # -- terms ---------------------------------------------------------------------------
    term3 = args.term3
    if not term3:
        row = raw.con.execute(
            "SELECT customer_name, count(*) AS n FROM service_call WHERE length(customer_name) = 3 "
            "GROUP BY customer_name HAVING n BETWEEN 5 AND 40 ORDER BY n, customer_name LIMIT 1"
        ).fetchone()
        term3 = row[0] if row else "王秀英"
    middle = raw.con.execute("SELECT call_no FROM service_call WHERE id >= ? ORDER BY id LIMIT 1", [total // 2]).fetchone()
    day_prefix = middle[0].split("-")[0] if middle else "JX2022"
    term2 = args.term2

    # -- program SQL capture -------------------------------------------------------------
    capture: list[tuple[str, tuple]] | None = None

    @event.listens_for(database.engine, "before_cursor_execute")
    def _capture(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        if capture is not None:
            capture.append((statement, tuple(parameters or ())))

    # -- variants ------------------------------------------------------------------------
    def new_model() -> RegisterTableModel:
        return RegisterTableModel(RegisterQuery(database, spec))

    def cell(model: RegisterTableModel, row: int) -> Any:
        value = model.data(model.index(row, 0))
        if row < model.rowCount() and value is None:
            raise RuntimeError(f"no data at row {row}")
        return value

    def opened_model() -> RegisterTableModel:
        m = new_model()
        cell(m, 0)
        return m

    def destroy_view(view: RegisterView) -> None:
        view.close()
        view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def shown_view() -> RegisterView:
        view = RegisterView(database, spec)
        view.resize(1280, 800)
        view.show()
        app.processEvents()
        if 0 not in view.model._windows:
            raise RuntimeError("the view did not ask for the first window: no paint happened")
        return view

    def painted(view: RegisterView, row: int) -> None:
        app.processEvents()
        if view.model.rowCount() and row // WINDOW not in view.model._windows:
            raise RuntimeError(f"the view did not ask for row {row}")

    # the raw SQL searches through the indexes the file has (older files: no bigram index)
    trigram = "service_call_fts" if raw.has_table("service_call_fts") else None
    bigram = "service_call_bigram" if raw.has_table("service_call_bigram") else None
    col_time = spec.index_of("received_at")
    col_name = spec.index_of("customer_name")
    asc, desc = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
    default_order = "service_call.received_at DESC, service_call.id DESC"
    found: dict[str, int] = {}

    def op_open() -> Operation:
        def raw_run(_):
            raw.count()
            raw.window("", [], default_order, 0)
            raw.staff()

        def gui_run(state: dict) -> None:
            state["view"] = shown_view()  # RegisterView made, shown and painted

        return Operation(
            "a", "open: row count + first window",
            Variant(lambda: None, lambda _: cell(new_model(), 0)),
            Variant(lambda: None, raw_run),
            Variant(dict, gui_run, lambda state: destroy_view(state["view"])),
            [("SELECT count(*) FROM service_call", []), (Raw.window_sql("", default_order) + " LIMIT 200 OFFSET 0", [])],
            rows=lambda: total,
        )

    def op_last() -> Operation:
        last = total - 1
        offset = last // WINDOW * WINDOW

        def gui_run(view):
            view.table.scrollToBottom()
            painted(view, last)

        return Operation(
            "b", "jump to the last row",
            Variant(opened_model, lambda m: cell(m, last)),
            Variant(lambda: None, lambda _: raw.window("", [], default_order, offset)),
            Variant(shown_view, gui_run, destroy_view),
            [(Raw.window_sql("", default_order) + f" LIMIT 200 OFFSET {offset}", [])],
            rows=lambda: total,
        )

    def op_sort(key: str, column: int, order, label: str, pre=None) -> Operation:
        sql_col = spec.columns[column].key
        direction = "DESC" if order == desc else "ASC"
        order_sql = f"service_call.{sql_col} {direction}, service_call.id {direction}"

        def prog_setup():
            m = opened_model()
            if pre is not None:
                m.sort(column, pre)
                cell(m, 0)
            return m

        def prog_run(m):
            m.sort(column, order)
            cell(m, 0)

        def gui_setup():
            view = shown_view()
            if pre is not None:
                view.table.sortByColumn(column, pre)
                painted(view, 0)
            return view

        def gui_run(view):
            view.table.sortByColumn(column, order)
            painted(view, 0)

        return Operation(
            key, label,
            Variant(prog_setup, prog_run),
            Variant(lambda: None, lambda _: raw.window("", [], order_sql, 0)),
            Variant(gui_setup, gui_run, destroy_view),
            [(Raw.window_sql("", order_sql) + " LIMIT 200 OFFSET 0", [])],
            rows=lambda: total,
        )

    def op_search(key: str, term: str, label: str, index: str | None, target: bool = True) -> Operation:
        """``index``: the FTS5 table the raw SQL searches through, None for the LIKE scan."""
        where, params = Raw.match_where(index, term) if index else raw.like_where(term)

        def prog_run(m):
            m.set_search(term)
            found[key] = m.rowCount()
            if m.rowCount():
                cell(m, 0)

        def raw_run(_):
            raw.count(where, params, index=index)
            raw.window(where, params, default_order, 0, index=index)

        def gui_run(view):
            view.search.setText(term)
            view.apply_search()
            painted(view, 0)

        count_sql = f"SELECT count(*) FROM {index or 'service_call'}{where}"
        return Operation(
            key, label,
            Variant(opened_model, prog_run),
            Variant(lambda: None, raw_run),
            Variant(shown_view, gui_run, destroy_view),
            [(count_sql, params), (Raw.window_sql(where, default_order, index) + " LIMIT 200 OFFSET 0", params)],
            rows=lambda: found.get(key, -1),
            target=target,
        )

    operations = [
        op_open(),
        op_last(),
        op_sort("c1", col_time, asc, "sort by call time, ascending"),
        op_sort("c2", col_time, desc, "sort by call time, descending", pre=asc),
        op_sort("c3", col_name, asc, "sort by customer, ascending"),
        op_sort("c4", col_name, desc, "sort by customer, descending", pre=asc),
        op_search("d1", term3, f"search 3 chars: {term3}", trigram),
        op_search("d2", day_prefix, f"search call no. of a day: {day_prefix}", trigram),
        op_search("e", term2, f"search 2-char name: {term2} ({'bigram' if bigram else 'LIKE'})", bigram),
        op_search("d3", args.common3, f"(no target) common 3 chars: {args.common3}", trigram, target=False),
    ]
    if args.only:
        keep = set(args.only.split(","))
        operations = [o for o in operations if o.key in keep]

    print(f"Register benchmark: {db_file} ({db_file.stat().st_size / 2**20:,.0f} MiB, {total:,} calls)")
    print(f"  Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, "
          f"{args.repeat} warm runs per operation; terms: {term3!r}, {day_prefix!r}, {term2!r}")
    print("  " + program_version() + "; " + load_note("at start"))

    def cold_reset() -> None:
        database.engine.dispose()
        raw.reconnect()
        evict_os_cache(db_file)

    for op in operations:
        variants = {"program": op.program, "raw": op.raw, "GUI": op.gui}
        op.results = {name: Result() for name in variants}
        # cold: fresh connections, then the file out of the OS cache after the setup
        for name, v in variants.items():
            cold_reset()
            state = v.setup()
            evict_os_cache(db_file)
            t0 = time.perf_counter()
            v.run(state)
            op.results[name].cold = time.perf_counter() - t0
            v.teardown(state)
        # warm: alternate the order
        names = list(variants)
        for i in range(args.repeat):
            for name in names[i % 3:] + names[: i % 3]:
                op.results[name].warm.append(timed(variants[name]))
        # the program's own SQL, captured on one more run and replayed through sqlite3
        state = op.program.setup()
        capture = []
        op.program.run(state)
        op.program_sql, capture = [s for s in capture if not s[0].startswith("BEGIN")], None
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for sql, params in op.program_sql:
                raw.con.execute(sql, params).fetchall()
            op.replay.warm.append(time.perf_counter() - t0)
        r = op.results
        print(f"  {op.key:<3} {op.label:<44} program {ms(r['program'].median):>7} ms  raw {ms(r['raw'].median):>7} ms"
              f"  GUI {ms(r['GUI'].median):>7} ms", flush=True)

    # -- the table -----------------------------------------------------------------------
    print("\nMedians of warm runs (cold = first run after evicting the file from the OS cache), in ms:\n")
    head = ("op", "operation", "rows", "program cold", "program", "raw cold", "raw", "ratio", "prog. SQL in sqlite3",
            "GUI cold", "GUI", f"≤{TARGET_RATIO:g}x raw", f"GUI <{TARGET_GUI_MS:g} ms")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    all_ok = True
    for op in operations:
        r = op.results
        ratio = r["program"].median / r["raw"].median
        ok_ratio, ok_gui = ratio <= TARGET_RATIO, r["GUI"].median * 1000 < TARGET_GUI_MS
        if op.target:
            all_ok &= ok_ratio and ok_gui
        cells = (op.key, op.label, f"{op.rows():,}", ms(r["program"].cold), ms(r["program"].median), ms(r["raw"].cold),
                 ms(r["raw"].median), f"{ratio:.2f}x", ms(op.replay.median), ms(r["GUI"].cold), ms(r["GUI"].median),
                 verdict(ok_ratio) if op.target else "(info)", verdict(ok_gui) if op.target else "(info)")
        print("| " + " | ".join(cells) + " |")

    print("\nAll warm runs (ms):")
    for op in operations:
        for name, res in op.results.items():
            print(f"  {op.key:<3} {name:<8} " + " ".join(ms(t) for t in res.warm))

    # -- query plans ---------------------------------------------------------------------
    print("\nQuery plans (EXPLAIN QUERY PLAN) — hand-written raw SQL, then the program's own statements:")
    seen: set[str] = set()
    for op in operations:
        print(f"\n  [{op.key}] {op.label}")
        for tag, statements in (("raw", op.raw_sql), ("program", op.program_sql)):
            for sql, params in statements:
                shown = abbreviate(sql)
                key = (tag, shown, repr(params) if len(params) <= 8 else "")  # not the ids of a row fetch
                if key in seen:
                    print(f"    {tag:<7} (same statement and plan as above) {shown[:70]}…")
                    continue
                seen.add(key)
                plan = raw.con.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
                print(f"    {tag:<7} {shown}")
                shown_params = [p for p in params][:3]
                if shown_params:
                    print(f"            params {shown_params}{' …' if len(params) > 3 else ''}")
                for p in plan:
                    print(f"            -> {p[3]}")

    # -- optional profile ----------------------------------------------------------------
    if args.profile:
        op = next(o for o in operations if o.key == args.profile)
        state = op.program.setup()
        prof = cProfile.Profile()
        prof.enable()
        op.program.run(state)
        prof.disable()
        print(f"\ncProfile of one warm program run of [{op.key}] {op.label}:")
        pstats.Stats(prof, stream=sys.stdout).sort_stats("cumulative").print_stats(18)

    if args.diagnose:
        diagnose_like(raw, term2)
    print("\n" + load_note("after the register operations"))
    database.dispose()
    raw.con.close()

    # -- (f) memory ------------------------------------------------------------------------
    if not args.skip_memory:
        all_ok &= memory(data_dir, args.empty_dir.resolve())
    return 0 if all_ok else 1


def diagnose_like(raw: Raw, term: str, runs: int = 5) -> None:
    """What the LIKE fallback costs (the two-character search before the bigram index;
    today terms of one character or punctuation): its plan against alternatives."""
    where, params = raw.like_where(term)
    name_only = " WHERE service_call.customer_name LIKE ? ESCAPE '\\'"
    cases = {
        "program's shape: ORDER BY received_at … LIMIT 20001": (Raw.window_sql(where, "service_call.received_at DESC, service_call.id DESC") + " LIMIT 20001", params),
        "same, ORDER BY +received_at (table scan + sort)": (Raw.window_sql(where, "+service_call.received_at DESC, service_call.id DESC") + " LIMIT 20001", params),
        "count(*) with the LIKEs (table scan)": (f"SELECT count(*) FROM service_call{where}", params),
        "customer_name only, table scan + sort": (Raw.window_sql(name_only, "+service_call.received_at DESC, service_call.id DESC") + " LIMIT 20001", params[:1]),
        "a full scan doing nothing (remarks = '')": ("SELECT count(*) FROM service_call WHERE remarks = '§'", []),
    }
    print(f"\nThe LIKE fallback over {len(params)} columns for {term!r} (raw sqlite3, median of {runs}):")
    for label, (sql, p) in cases.items():
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            raw.con.execute(sql, p).fetchall()
            times.append(time.perf_counter() - t0)
        plan = "; ".join(r[3] for r in raw.con.execute("EXPLAIN QUERY PLAN " + sql, p))
        print(f"  {ms(median(times)):>7} ms  {label:<55} [{plan}]")


def memory(data_dir: Path, empty_dir: Path, runs: int = 3) -> bool:
    """The program (main window, every register opened, via --smoke) on the 1M database
    against the same on an empty one: resident memory at the end of run_smoke."""
    ensure_empty_database(empty_dir)
    probe = Path(__file__).resolve().parent / "_probe_smoke.py"
    env = offscreen_env()
    figures: dict[str, list[dict]] = {"1M": [], "empty": []}
    for i in range(runs + 1):  # the first round warms up and is not counted
        for name, folder in (("1M", data_dir), ("empty", empty_dir)):
            argv = [PYTHON, str(probe), "--smoke", "--data-dir", str(folder)]
            run = run_child(argv, env=env)
            if run.returncode != 0:  # say so, and try once more
                print(f"  warning: smoke on {folder} failed with {run.returncode}"
                      f"{' (killed by a signal)' if run.returncode < 0 else ''}: {run.stderr.strip()[-300:]}")
                run = run_child(argv, env=env)
                if run.returncode != 0:
                    sys.exit(f"smoke on {folder} failed ({run.returncode}):\n{run.stdout}\n{run.stderr}")
            report = json.loads(next(line[6:] for line in run.stdout.splitlines() if line.startswith("PROBE ")))
            report["wall"] = run.wall
            if i:
                figures[name].append(report)
    rss = {k: median([f["rss_kib"] / 1024 for f in v]) for k, v in figures.items()}
    hwm = {k: median([f["hwm_kib"] / 1024 for f in v]) for k, v in figures.items()}
    wall = {k: median([f["wall"] for f in v]) for k, v in figures.items()}
    diff_mib = rss["1M"] - rss["empty"]
    diff_mb = diff_mib * 2**20 / 1e6
    print(f"\n(f) Memory after the main window opened every register (median of {runs} processes each):")
    print(f"  1M-call database: RSS {rss['1M']:.1f} MiB (peak {hwm['1M']:.1f} MiB), smoke wall {wall['1M']:.2f} s, "
          f"rows {figures['1M'][0]['counts']}")
    print(f"  empty database:   RSS {rss['empty']:.1f} MiB (peak {hwm['empty']:.1f} MiB), smoke wall {wall['empty']:.2f} s")
    ok = diff_mb <= TARGET_MEMORY_MB
    print(f"  difference: {diff_mib:+.1f} MiB = {diff_mb:+.1f} MB (peak {hwm['1M'] - hwm['empty']:+.1f} MiB)"
          f"   target within {TARGET_MEMORY_MB:g} MB: {verdict(ok)}")
    return ok


if __name__ == "__main__":
    sys.exit(main())
