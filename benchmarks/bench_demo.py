#!/usr/bin/env python3
"""Benchmark of the demo data generator (issue 2 item 9): a million service calls with their
customers, products, maintenance contracts, history (about eight steps a call), work log,
goods entries, repair cards and parts, written into a new SQLite database within 2 minutes
on the 2-core reference machine.

    .venv/bin/python benchmarks/bench_demo.py [--calls 1000000] [--data-dir DIR] [--seed N]

Prints the time of the load (``generate``) and of the whole command as a user runs it
(opening and creating the database, the load, closing it: the WAL is checkpointed into the
file), rows written per second, the file size, the peak memory of the process, and the ratio
of the whole to the 120 s target. Exit code 0 whatever the time: the figures go into the note.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 120.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=1_000_000, help="service calls to generate (default 1000000)")
    parser.add_argument("--data-dir", help="an empty or new data folder (default: a temporary folder, removed after)")
    parser.add_argument("--seed", type=int, default=20261128)
    args = parser.parse_args(argv)

    from crm_desktop import config as config_mod
    from crm_desktop import demo
    from crm_desktop.db import open_database

    temporary = args.data_dir is None
    folder = Path(tempfile.mkdtemp(prefix="crm-bench-demo-")) if temporary else Path(args.data_dir)
    try:
        cfg = config_mod.resolve(folder)
        last_report = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.perf_counter()
            if now - last_report[0] >= 5 or done == total:
                last_report[0] = now
                print(f"  {done:>9}/{total}  {now - started:6.1f} s", file=sys.stderr, flush=True)

        started = time.perf_counter()
        database = open_database(cfg)
        opened = time.perf_counter()
        try:
            summary = demo.generate(database, calls=args.calls, seed=args.seed, progress=progress)
        finally:
            database.dispose()
        finished = time.perf_counter()

        path = cfg.sqlite_path
        size = path.stat().st_size if path and path.exists() else 0
        wal = path.with_name(path.name + "-wal") if path else None
        leftover = wal.stat().st_size if wal and wal.exists() else 0
        rows = (
            summary.staff + summary.total_customers + summary.products + summary.total_calls
            + summary.goods_entries + summary.repair_cards + summary.parts
            + summary.contracts + summary.contract_products + summary.labour_rates + summary.part_prices
            + summary.steps + summary.work_logs
        )
        total = finished - started
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

        print(summary.describe())
        print(f"calls:               {summary.total_calls:,}")
        print(f"rows written:        {rows:,} (staff, customers, products, contracts, prices, calls, history steps "
              f"{summary.steps:,}, work log {summary.work_logs:,}, goods entries, repair cards, parts)")
        print(f"load average:        {' '.join(f'{x:.2f}' for x in os.getloadavg())} (other work slows the load)")
        print(f"open/create schema:  {opened - started:7.2f} s")
        print(f"generate:            {summary.seconds:7.2f} s")
        print(f"whole (open..close): {total:7.2f} s")
        print(f"rows per second:     {rows / total:,.0f} ({summary.total_calls / total:,.0f} calls per second)")
        print(f"database file:       {size / 1e6:,.1f} MB ({size / max(summary.total_calls, 1):,.0f} bytes per call)"
              + (f", WAL left {leftover / 1e6:,.1f} MB" if leftover else ""))
        print(f"peak memory (RSS):   {peak_mib:,.0f} MiB")
        print(f"ratio to target:     {total / TARGET_SECONDS:.2f} of {TARGET_SECONDS:.0f} s "
              f"({'within' if total <= TARGET_SECONDS else 'OVER'} target)")
    finally:
        if temporary:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
