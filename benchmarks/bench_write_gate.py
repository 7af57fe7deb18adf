"""What one window per data folder and the damaged-database guard cost (issue 15, items 4–5):

* the data folder's lock (folder_lock.py): taken once at the start and let go at the end —
  its cost is one take and one release, not a cost per save;
* the write gate (``Database.refuse_writes``): a ``before_cursor_execute`` listener that looks
  at every statement for a write. It is attached only once writes are refused, so a window
  that may write pays nothing; measured here is what it would cost if it listened all the
  time (an upper bound): a save (a service call registered through the service, in one
  transaction) with the listener attached but no refusal, against the program's save,
  alternating in rounds on a small demo database (the cost does not grow with the database).

    .venv/bin/python benchmarks/bench_write_gate.py [--saves 200] [--rounds 5]

Target: the gate adds under 2 % to a save (median), the lock under 20 ms to the start.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import load_note, program_version, verdict  # noqa: E402
from bench_durability import saves  # noqa: E402
from sqlalchemy import event, select  # noqa: E402

from crm_desktop import config, demo  # noqa: E402
from crm_desktop.db import open_database  # noqa: E402
from crm_desktop.folder_lock import FolderLock  # noqa: E402
from crm_desktop.models import CustomerProduct, Staff  # noqa: E402

GATE_TARGET = 1.02
LOCK_TARGET_MS = 20.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=200, help="saves per way and round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(program_version())
    print(load_note("start"))

    with tempfile.TemporaryDirectory(prefix="bench-gate-") as folder:
        cfg = config.resolve(folder, None)
        lock_ms = []
        for _ in range(20):
            started = time.perf_counter()
            lock = FolderLock(Path(folder))
            lock.acquire()
            lock.release()
            lock_ms.append((time.perf_counter() - started) * 1000)

        database = open_database(cfg)
        demo.generate(database, calls=200, seed=1)
        with database.read_session() as s:
            product = s.scalars(select(CustomerProduct).order_by(CustomerProduct.id.desc()).limit(1)).first()
            clerk_id = s.scalar(select(Staff.id).where(Staff.role == "clerk").limit(1))
        if product is None or clerk_id is None:
            print("the demo data could not be made here", file=sys.stderr)
            return 2
        gate = database._refuse_writes_when_told
        assert not event.contains(database.engine, "before_cursor_execute", gate)  # the program's save
        results: dict[str, list[float]] = {"with gate": [], "without": []}
        saves(database, "FULL", 20, product.customer_id, product.id, clerk_id)  # warm-up
        for _round in range(args.rounds):
            for way in results:
                listening = event.contains(database.engine, "before_cursor_execute", gate)
                if way == "without" and listening:
                    event.remove(database.engine, "before_cursor_execute", gate)
                elif way == "with gate" and not listening:
                    event.listen(database.engine, "before_cursor_execute", gate)
                results[way] += saves(database, "FULL", args.saves, product.customer_id, product.id, clerk_id)
        database.dispose()

    with_gate, without = statistics.median(results["with gate"]), statistics.median(results["without"])
    print(f"\nsaves: {len(results['without'])} each way, {args.rounds} rounds, alternating")
    print(f"{'way':<12}{'median ms':>12}")
    for way, times in results.items():
        print(f"{way:<12}{statistics.median(times):>12.3f}")
    ratio = with_gate / without
    print(f"the gate costs {with_gate - without:+.3f} ms a save ({ratio:.3f}×)")
    lock = statistics.median(lock_ms)
    print(f"the folder lock: take and let go {lock:.2f} ms (median of {len(lock_ms)}), once per start")
    print(load_note("end"))
    ok = ratio <= GATE_TARGET and lock <= LOCK_TARGET_MS
    print(f"target: the gate ≤ {GATE_TARGET:.2f}× a save, the lock ≤ {LOCK_TARGET_MS:.0f} ms: {verdict(ok)}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
