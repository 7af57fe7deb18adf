"""What the checked backup and the hash-chained audit log cost (issue 15, *Performance*), on
the 1M-call demo database (about 2.4 GB).

    .venv/bin/python benchmarks/bench_backup.py [--data-dir DIR] [--rounds 1] [--saves 100] [--audit-rounds 5]
                                                [--skip-backup] [--skip-audit] [--warm]

1. ``backups.make_backup`` as the program calls it: with ``integrity_check`` (the daily
   backup) and with ``quick_check`` (the one at exit), in phases — the copy (SQLite's online
   backup API), the check (with the row counts), the SHA-256 of the copy, its fsync and
   rename, the manifest, the pruning — timed by wrapping the module's own steps, so that the
   phases add up to the real call. Before each backup the live file is dropped from the OS
   page cache (the daily backup runs soon after the PC starts; ``--warm`` keeps the cache).
   The copies go to a scratch folder under benchmarks/out/ and are deleted after each run.
   Then, *for information*, one more daily backup while another connection saves a call every
   ``--save-every`` seconds: SQLite's backup API starts its copy again when another
   connection commits between two of its steps, unless the copy holds one read transaction
   throughout (``backups._copy`` does); the script counts how often it started again.
2. The audit log's hash chain per save: a save (a call registered, one transaction, the
   program's ``synchronous=FULL``) against the same save with one audit line
   (``auth.audit``: the last link read, the line's SHA-256, the insert, the link written to
   the log file after the commit), alternately in rounds; and the chain's own part of it
   (``last_link``, ``line_hash``, ``log_anchor``) timed inside the audited saves.

Each save adds a call (fault 基准测试) and each audited one an audit line (action
``benchmark``) to the demo database; it stays usable. Exits 0 when the targets are met:
the daily backup within 10 minutes, the one at exit within 2 minutes, and the chain's part
of an audited save ≤ 1 ms (median).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import ensure_demo_database, evict_os_cache, load_note, program_version, verdict  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from crm_desktop import backups, clock, config, files  # noqa: E402
from crm_desktop.db import open_database  # noqa: E402
from crm_desktop.models import AuditEntry, CustomerProduct, Staff  # noqa: E402
from crm_desktop.services import audit_chain, auth, calls  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
DAILY_TARGET_S = 600.0
EXIT_TARGET_S = 120.0
CHAIN_TARGET_MS = 1.0
PHASES = [  # (module, function, phase): the steps of make_backup, in its order
    (backups, "remove_stale_partials", "clean"),
    (backups, "_copy", "copy"),
    (backups, "_check", "check"),
    (backups, "_sha256", "sha256"),
    (files, "_sync_file", "fsync"),
    (backups, "_write_manifest", "manifest"),
    (backups, "prune", "prune"),
]


class Timers:
    """Wraps functions so that each call's time is added to its phase (seconds)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._undo: list[tuple[object, str, object]] = []

    def wrap(self, owner: object, name: str, phase: str) -> None:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.spent[phase] += time.perf_counter() - started
                self.calls[phase] += 1

        setattr(owner, name, timed)
        self._undo.append((owner, name, original))

    def restore(self) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)
        self._undo.clear()


# -- 1. the backup -------------------------------------------------------------------------------


def one_backup(source: Path, scratch: Path, check: str, warm: bool, progress=None) -> tuple[float, dict[str, float]]:
    """One make_backup into an empty scratch folder: its wall time and its phases."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    if not warm:
        evict_os_cache(source)
    timers = Timers()
    for owner, name, phase in PHASES:
        timers.wrap(owner, name, phase)
    try:
        started = time.perf_counter()
        made = backups.make_backup(source, scratch, check=check, progress=progress)
        wall = time.perf_counter() - started
    finally:
        timers.restore()
    assert made.verified, made.result
    phases = dict(timers.spent)
    phases["fsync"] = phases.get("fsync", 0.0)
    phases["rename and rest"] = wall - sum(phases.values())
    shutil.rmtree(scratch)
    return wall, phases


def bench_backups(source: Path, scratch: Path, rounds: int, warm: bool) -> dict[str, float]:
    size = source.stat().st_size
    print(f"\nbackup of {source} ({size / 2**30:.2f} GiB), {'warm' if warm else 'cold (evicted)'} cache, "
          f"{rounds} round(s)", flush=True)
    walls: dict[str, list[float]] = {backups.FULL: [], backups.QUICK: []}
    phases: dict[str, dict[str, list[float]]] = {backups.FULL: defaultdict(list), backups.QUICK: defaultdict(list)}
    for _round in range(rounds):
        for check in (backups.FULL, backups.QUICK):
            wall, parts = one_backup(source, scratch, check, warm)
            walls[check].append(wall)
            for phase, seconds in parts.items():
                phases[check][phase].append(seconds)
            print(f"  {check:<16}{wall:8.1f} s  " + "  ".join(f"{p} {s:.1f}" for p, s in parts.items()), flush=True)
    order = [p for _o, _n, p in PHASES] + ["rename and rest"]
    print(f"\n{'phase (median s)':<18}{'daily (integrity_check)':>26}{'at exit (quick_check)':>24}")
    for phase in order:
        full, quick = (statistics.median(phases[c][phase]) for c in (backups.FULL, backups.QUICK))
        print(f"{phase:<18}{full:>26.2f}{quick:>24.2f}")
    result = {c: statistics.median(walls[c]) for c in walls}
    print(f"{'total':<18}{result[backups.FULL]:>26.2f}{result[backups.QUICK]:>24.2f}")
    mib = size / 2**20
    print(f"copy rate {mib / statistics.median(phases[backups.FULL]['copy']):.0f} MiB/s; "
          f"integrity_check {mib / statistics.median(phases[backups.FULL]['check']):.0f} MiB/s, "
          f"quick_check {mib / statistics.median(phases[backups.QUICK]['check']):.0f} MiB/s; "
          f"SHA-256 {mib / statistics.median(phases[backups.FULL]['sha256']):.0f} MiB/s")
    return result


def backup_while_saving(source: Path, scratch: Path, save_every: float, warm: bool) -> None:
    """For information: the daily backup while another connection commits now and then.
    A restart shows as the copy's remaining page count going up again."""
    stop = threading.Event()
    saved = [0]

    def saver() -> None:
        database = open_database(config.resolve(str(source.parent), None))
        ids = _save_ids(database)
        try:
            while not stop.wait(save_every):
                _save(database, ids)
                saved[0] += 1
        finally:
            database.dispose()

    restarts = [0]
    last = [None]

    def progress(done: int, total: int) -> None:
        if last[0] is not None and done < last[0]:
            restarts[0] += 1
        last[0] = done

    thread = threading.Thread(target=saver, daemon=True)
    thread.start()
    try:
        wall, parts = one_backup(source, scratch, backups.FULL, warm, progress=progress)
    finally:
        stop.set()
        thread.join()
    print(f"\nfor information: the daily backup while a save commits every {save_every:g} s: {wall:.1f} s "
          f"(copy {parts['copy']:.1f} s), {saved[0]} saves meanwhile, the copy started again {restarts[0]} times")


# -- 2. the hash chain per save ------------------------------------------------------------------------


def _save_ids(database) -> tuple[int, int, int]:
    with database.read_session() as s:
        product = s.scalars(select(CustomerProduct).order_by(CustomerProduct.id.desc()).limit(1)).one()
        clerk_id = s.scalar(select(Staff.id).where(Staff.role == "clerk").limit(1))
        return product.customer_id, product.id, clerk_id


def _save(database, ids: tuple[int, int, int], audited: bool = False) -> None:
    customer_id, product_id, clerk_id = ids
    with database.Session.begin() as session:
        call = calls.register_call(session, customer_id=customer_id, product_id=product_id,
                                   received_at=clock.now_to_minute(), fault="基准测试", registered_by_id=clerk_id)
        if audited:
            auth.audit(session, "benchmark", staff_id=clerk_id, login="bench", target_type="service_call",
                       target_id=call.id, detail={"call_no": call.call_no, "fault": "基准测试"})


def bench_chain(data_dir: Path, saves: int, rounds: int) -> float:
    cfg = config.resolve(str(data_dir), None)
    config.setup_logging(cfg)  # the link goes into the log file after each commit, as in the program
    database = open_database(cfg)
    ids = _save_ids(database)
    with database.read_session() as s:
        lines = s.scalar(select(func.count()).select_from(AuditEntry))
    print(f"\naudit chain: {saves} saves per kind and round, {rounds} rounds, alternating; "
          f"the log holds {lines:,} lines", flush=True)
    times: dict[str, list[float]] = {"plain": [], "audited": []}
    for _ in range(10):  # warm-up, not counted
        _save(database, ids, audited=True)
        _save(database, ids)
    chain = Timers()
    per_line: list[float] = []
    for _round in range(rounds):
        for kind in ("plain", "audited"):
            if kind == "audited":
                for name, phase in (("last_link", "last_link"), ("line_hash", "line_hash"), ("log_anchor", "log_anchor")):
                    chain.wrap(audit_chain, name, phase)
            for _ in range(saves):
                before = sum(chain.spent.values())
                started = time.perf_counter()
                _save(database, ids, audited=kind == "audited")
                times[kind].append((time.perf_counter() - started) * 1000)
                if kind == "audited":
                    per_line.append((sum(chain.spent.values()) - before) * 1000)
            chain.restore()
    database.dispose()
    plain, audited = statistics.median(times["plain"]), statistics.median(times["audited"])
    n = len(times["audited"])
    print(f"{'save':<34}{'median ms':>10}{'p90 ms':>9}")
    for kind, label in (("plain", "a call registered"), ("audited", "the same with one audit line")):
        print(f"{label:<34}{statistics.median(times[kind]):>10.2f}{statistics.quantiles(times[kind], n=10)[-1]:>9.2f}")
    print(f"an audit line costs {audited - plain:+.2f} ms a save ({audited / plain:.2f}×)")
    for phase in ("last_link", "line_hash", "log_anchor"):
        print(f"  of it the chain's {phase:<11}{chain.spent[phase] / chain.calls[phase] * 1000:8.3f} ms a call "
              f"({chain.calls[phase]} calls)")
    chain_ms = statistics.median(per_line)
    print(f"  the chain's part of an audited save: {chain_ms:.3f} ms (median of {n})")
    return chain_ms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=OUT / "calls-1m")
    parser.add_argument("--calls", type=int, default=1_000_000, help="demo calls when the folder must be made")
    parser.add_argument("--rounds", type=int, default=1, help="backups of each kind")
    parser.add_argument("--warm", action="store_true", help="keep the live file in the OS cache")
    parser.add_argument("--save-every", type=float, default=2.0, help="seconds between saves during the extra backup")
    parser.add_argument("--saves", type=int, default=100, help="saves per kind and round (audit chain)")
    parser.add_argument("--audit-rounds", type=int, default=5)
    parser.add_argument("--skip-backup", action="store_true")
    parser.add_argument("--skip-saving-backup", action="store_true", help="leave out the backup during saves")
    parser.add_argument("--skip-audit", action="store_true")
    args = parser.parse_args()

    print(program_version())
    print(load_note("start"))
    source = ensure_demo_database(args.data_dir, args.calls)
    scratch = OUT / "bench-backup-scratch"
    free = shutil.disk_usage(OUT).free
    if not args.skip_backup and free < 1.5 * source.stat().st_size:
        sys.exit(f"not enough free disk for a copy of {source} ({free / 2**30:.1f} GiB free)")
    ok = True
    try:
        if not args.skip_backup:
            totals = bench_backups(source, scratch, args.rounds, args.warm)
            if not args.skip_saving_backup:
                backup_while_saving(source, scratch, args.save_every, args.warm)
            daily, at_exit = totals[backups.FULL], totals[backups.QUICK]
            print(f"target: the daily backup ≤ {DAILY_TARGET_S / 60:.0f} min: {verdict(daily <= DAILY_TARGET_S)}; "
                  f"the one at exit ≤ {EXIT_TARGET_S / 60:.0f} min: {verdict(at_exit <= EXIT_TARGET_S)}")
            ok &= daily <= DAILY_TARGET_S and at_exit <= EXIT_TARGET_S
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if not args.skip_audit:
        chain_ms = bench_chain(args.data_dir, args.saves, args.audit_rounds)
        print(f"target: the chain's part of an audited save ≤ {CHAIN_TARGET_MS:g} ms: {verdict(chain_ms <= CHAIN_TARGET_MS)}")
        ok &= chain_ms <= CHAIN_TARGET_MS
    print(load_note("end"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
