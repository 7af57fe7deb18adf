"""Start-up: the program's ``--smoke`` on a 100,000-call database against the baseline.

Target (issue 2, Performance): the wall time of ``python -m crm_desktop --smoke`` within
1.5x that of benchmarks/baseline_startup.py (QApplication + QMainWindow with a QTableView +
``import sqlalchemy.orm`` + a sqlite3 count of service_call in the same file). Both run
offscreen, side by side in one run, alternating, after one unmeasured warm-up each;
the medians of wall time and of peak RSS are compared.

Also checked: a start on a current database imports neither Alembic nor reportlab nor
openpyxl (sys.modules at the end of run_smoke, through benchmarks/_probe_smoke.py), and
``python -X importtime`` shows where the import time goes.

    .venv/bin/python benchmarks/bench_startup.py [--data-dir DIR] [--calls 100000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    OUT,
    PYTHON,
    ensure_demo_database,
    load_note,
    median,
    offscreen_env,
    program_version,
    run_child,
    verdict,
)

TARGET_RATIO = 1.5
WATCHED = ("alembic", "reportlab", "openpyxl")


def smoke_argv(data_dir: Path) -> list[str]:
    return [PYTHON, "-m", "crm_desktop", "--smoke", "--data-dir", str(data_dir)]


def baseline_argv(db_file: Path) -> list[str]:
    return [PYTHON, str(Path(__file__).resolve().parent / "baseline_startup.py"), str(db_file)]


def checked(run, what: str):
    if run.returncode != 0:
        signal = " (killed by a signal)" if run.returncode < 0 else ""
        sys.exit(f"{what} failed ({run.returncode}{signal}):\n{run.stdout}\n{run.stderr}")
    return run


def import_times(argv: list[str], env: dict[str, str]) -> tuple[float, dict[str, float]]:
    """-X importtime: total import time and the self time summed per package (s): per
    top-level package, and per module for the program's own modules."""
    run = checked(run_child([argv[0], "-X", "importtime", *argv[1:]], env=env), "importtime run")
    per_package: dict[str, float] = defaultdict(float)
    total = 0.0
    pattern = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|\s*(\S+)")
    for line in run.stderr.splitlines():
        m = pattern.match(line)
        if not m:
            continue
        self_us, name = int(m[1]), m[3]
        total += self_us
        parts = name.split(".")
        key = ".".join(parts[:2]) if parts[0] == "crm_desktop" else parts[0]
        per_package[key] += self_us
    return total / 1e6, {k: v / 1e6 for k, v in per_package.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=OUT / "calls-100k", help="data folder (made once if missing)")
    parser.add_argument("--calls", type=int, default=100_000, help="demo calls when the folder must be made")
    parser.add_argument("--repeat", type=int, default=7, help="measured runs of each (default 7)")
    args = parser.parse_args()

    data_dir = args.data_dir.resolve()
    db_file = ensure_demo_database(data_dir, args.calls)
    env = offscreen_env()
    program, baseline = smoke_argv(data_dir), baseline_argv(db_file)

    print(program_version() + "; " + load_note("at start"))
    # warm-up (OS file cache, .pyc files), not measured
    checked(run_child(program, env), "program --smoke")
    checked(run_child(baseline, env), "baseline")

    prog_runs, base_runs = [], []
    for i in range(args.repeat):
        order = [("p", program), ("b", baseline)] if i % 2 == 0 else [("b", baseline), ("p", program)]
        for tag, argv in order:
            run = checked(run_child(argv, env), "program --smoke" if tag == "p" else "baseline")
            (prog_runs if tag == "p" else base_runs).append(run)

    def row(name, runs):
        walls = [r.wall for r in runs]
        rss = [r.maxrss_mib for r in runs]
        print(f"  {name:<22} wall median {median(walls):6.3f} s  (min {min(walls):.3f}, max {max(walls):.3f})"
              f"   peak RSS median {median(rss):6.1f} MiB")
        return median(walls), median(rss)

    print(f"\nStart-up on {db_file} ({args.repeat} runs each, alternating, offscreen)")
    p_wall, p_rss = row("program --smoke", prog_runs)
    b_wall, b_rss = row("baseline", base_runs)
    ratio = p_wall / b_wall
    print(f"  wall-time ratio program/baseline: {ratio:.2f}x   (target <= {TARGET_RATIO}x: {verdict(ratio <= TARGET_RATIO)})")
    print(f"  peak RSS: program {p_rss:.1f} MiB vs baseline {b_rss:.1f} MiB (+{p_rss - b_rss:.1f} MiB, {p_rss / b_rss:.2f}x)")
    print("  per-run wall (s) program :", " ".join(f"{r.wall:.3f}" for r in prog_runs))
    print("  per-run wall (s) baseline:", " ".join(f"{r.wall:.3f}" for r in base_runs))

    # what a start on a current database imports
    probe = checked(run_child([PYTHON, str(Path(__file__).resolve().parent / "_probe_smoke.py"),
                               "--smoke", "--data-dir", str(data_dir)], env), "probe")
    report = json.loads(next(line[6:] for line in probe.stdout.splitlines() if line.startswith("PROBE ")))
    heavy = [m for m in report["watched_imported"] if m in WATCHED]
    print(f"\nImports at the end of run_smoke ({report['modules']} modules in sys.modules):")
    for m in WATCHED:
        print(f"  {m:<10} {'IMPORTED' if m in report['watched_imported'] else 'not imported'}")
    print(f"  (also watched: mako {'IMPORTED' if 'mako' in report['watched_imported'] else 'not imported'})")
    print(f"  target (none of them on a current database): {verdict(not heavy)}")

    p_total, p_top = import_times(program, env)
    b_total, b_top = import_times(baseline, env)
    print(f"\n-X importtime: program imports {p_total:.3f} s in all, baseline {b_total:.3f} s "
          f"(+{p_total - b_total:.3f} s); self time per package, largest first:")
    print(f"    {'package':<28} {'program':>9} {'baseline':>9}")
    for name, t in sorted(p_top.items(), key=lambda kv: -kv[1])[:16]:
        print(f"    {name:<28} {t * 1000:7.1f} ms {b_top.get(name, 0.0) * 1000:6.1f} ms")
    crm = sum(t for k, t in p_top.items() if k.startswith("crm_desktop"))
    print(f"    {'(crm_desktop, all modules)':<28} {crm * 1000:7.1f} ms")
    print("\n" + load_note("at end"))
    return 0 if ratio <= TARGET_RATIO and not heavy else 1


if __name__ == "__main__":
    sys.exit(main())
