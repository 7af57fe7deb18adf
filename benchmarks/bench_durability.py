"""What a durable commit costs (issue 15, item 1): a save — one service call registered
through the service, in one transaction — with ``PRAGMA synchronous=FULL`` (the program's
setting: the WAL is synced at every commit, so a committed number survives a power cut)
against ``NORMAL`` (the setting before, which may lose the last commits), on the 1M-call demo
database. Both run alternately in rounds, so that the machine's other load is shared.

    .venv/bin/python benchmarks/bench_durability.py [--data-dir DIR] [--saves 100] [--rounds 5]

Each save adds a call (fault "基准测试") to the database; the demo database stays usable.
Prints the median milliseconds per save of each setting and their difference; the target is
that a save stays well under what a clerk notices (FULL ≤ 50 ms a save, median).
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

from _common import ensure_demo_database, load_note, program_version, verdict  # noqa: E402
from sqlalchemy import event, select  # noqa: E402

from crm_desktop import clock, config  # noqa: E402
from crm_desktop.db import open_database  # noqa: E402
from crm_desktop.models import CustomerProduct, Staff  # noqa: E402
from crm_desktop.services import calls  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
TARGET_MS = 50.0
CURRENT = ["FULL"]  # the setting each connection is given as a save takes it from the pool


def _apply_setting(dbapi_connection, _record, _proxy) -> None:
    dbapi_connection.execute(f"PRAGMA synchronous={CURRENT[0]}")


def saves(database, setting: str, count: int, customer_id: int, product_id: int, clerk_id: int) -> list[float]:
    """``count`` saves with ``setting`` on every connection; the time of each, in ms."""
    CURRENT[0] = setting
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == {"NORMAL": 1, "FULL": 2}[setting]
    times = []
    for _ in range(count):
        started = time.perf_counter()
        with database.Session.begin() as session:
            calls.register_call(session, customer_id=customer_id, product_id=product_id, received_at=clock.now_to_minute(),
                                fault="基准测试", registered_by_id=clerk_id)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=OUT / "calls-1m")
    parser.add_argument("--calls", type=int, default=1_000_000, help="demo calls when the folder must be made")
    parser.add_argument("--saves", type=int, default=100, help="saves per setting and round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    print(program_version())
    print(load_note("start"))
    ensure_demo_database(args.data_dir, args.calls)
    database = open_database(config.resolve(str(args.data_dir), None))
    event.listen(database.engine, "checkout", _apply_setting)  # both settings pay this alike
    with database.read_session() as s:
        product = s.scalars(select(CustomerProduct).order_by(CustomerProduct.id.desc()).limit(1)).one()
        customer_id, product_id = product.customer_id, product.id
        clerk_id = s.scalar(select(Staff.id).where(Staff.role == "clerk").limit(1))

    results: dict[str, list[float]] = {"NORMAL": [], "FULL": []}
    saves(database, "FULL", 10, customer_id, product_id, clerk_id)  # warm-up, not counted
    for _round in range(args.rounds):
        for setting in ("NORMAL", "FULL"):
            results[setting] += saves(database, setting, args.saves, customer_id, product_id, clerk_id)
    database.dispose()

    normal, full = statistics.median(results["NORMAL"]), statistics.median(results["FULL"])
    p90 = {k: statistics.quantiles(v, n=10)[-1] for k, v in results.items()}
    print(f"\nsaves: {len(results['FULL'])} per setting, {args.rounds} rounds, alternating")
    print(f"{'setting':<10}{'median ms':>12}{'p90 ms':>10}")
    print(f"{'NORMAL':<10}{normal:>12.2f}{p90['NORMAL']:>10.2f}")
    print(f"{'FULL':<10}{full:>12.2f}{p90['FULL']:>10.2f}")
    print(f"FULL costs {full - normal:+.2f} ms a save ({full / normal:.2f}× NORMAL)")
    print(load_note("end"))
    ok = full <= TARGET_MS
    print(f"target: a save with FULL ≤ {TARGET_MS:.0f} ms (median): {verdict(ok)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
