"""The 今日待办 strip's counts on the 1M-call demo database (the contract-renewals issue,
Performance: *the start page's counts within 100 ms in all*).

Each count is timed alone, then all of them as the window reads them (the manager's role,
which is shown every count), warm, median of ``--repeat`` runs after one warm-up.

    .venv/bin/python benchmarks/bench_start_page.py [--data-dir DIR] [--calls 1000000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import ensure_demo_database  # noqa: E402

from crm_desktop import clock, config  # noqa: E402
from crm_desktop.db import open_database  # noqa: E402
from crm_desktop.services import start_page  # noqa: E402
from crm_desktop.services.calendar import calendar_from_database  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT / "benchmarks" / "out" / "calls-1m")
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    ensure_demo_database(args.data_dir, args.calls)
    database = open_database(config.resolve(str(args.data_dir), None))
    now = clock.now()
    with database.read_session() as s:
        calendar = calendar_from_database(s)

    def timed(role_items: tuple[str, ...]) -> float:
        saved = start_page.ROLE_ITEMS.get("bench")
        start_page.ROLE_ITEMS["bench"] = role_items
        try:
            runs = []
            for _ in range(args.repeat + 1):
                began = time.perf_counter()
                with database.read_session() as s:
                    start_page.due_counts(s, calendar, now, "bench")
                runs.append(time.perf_counter() - began)
            return statistics.median(runs[1:]) * 1000
        finally:
            if saved is None:
                start_page.ROLE_ITEMS.pop("bench", None)

    print(f"database: {args.data_dir} ({args.calls:,} calls); now {now:%Y-%m-%d %H:%M}")
    for key in start_page.ALL:
        print(f"  {key:16s} {timed((key,)):7.1f} ms")
    total = timed(start_page.ALL)
    print(f"  {'all (manager)':16s} {total:7.1f} ms   target: 100 ms -> {'OK' if total <= 100 else 'OVER'}")
    with database.read_session() as s:
        for due in start_page.due_counts(s, calendar, now, "manager"):
            print(f"    {due.key}: {due.count}{' (red)' if due.overdue else ''}")
    database.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
