"""Start-up against an earlier commit: is the program's ``--smoke`` on the 100,000-call
database still as quick as it was? (Issue 15, Performance: no slower than before by more
than 5 %.) The earlier commit's ``src/`` is checked out with ``git worktree`` under
benchmarks/out/ and run with this checkout's interpreter and packages, alternating with
the current ``src/``, after one unmeasured warm-up each; the medians are compared.

    .venv/bin/python benchmarks/bench_startup_against.py --against 2839020 [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import OUT, PYTHON, ensure_demo_database, load_note, offscreen_env, program_version, verdict  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.05


def checkout(revision: str) -> Path:
    """``revision``'s tree under benchmarks/out/ (made once)."""
    commit = subprocess.run(["git", "rev-parse", "--short", revision], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.strip()
    folder = OUT / f"src-{commit}"
    if not (folder / "src" / "crm_desktop").is_dir():
        subprocess.run(["git", "worktree", "add", "--detach", str(folder), commit], cwd=ROOT, check=True,
                       capture_output=True)
    return folder / "src"


def smoke(src: Path, data_dir: Path) -> float:
    env = offscreen_env(PYTHONPATH=str(src))
    # compiled once by the warm-up, as an installed program is: without the .pyc files every
    # start compiles every module again, and the comparison would weigh lines of source
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    subprocess.run([PYTHON, "-m", "crm_desktop", "--smoke", "--data-dir", str(data_dir)], env=env,
                   capture_output=True, check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True, help="the earlier commit (any git revision)")
    parser.add_argument("--data-dir", type=Path, default=OUT / "calls-100k")
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(program_version())
    print(load_note("start"))
    ensure_demo_database(args.data_dir, args.calls)
    sources = {"now": ROOT / "src", args.against: checkout(args.against)}
    times: dict[str, list[float]] = {name: [] for name in sources}
    for name, src in sources.items():
        smoke(src, args.data_dir)  # warm-up: the .pyc files, the disk cache
    for _ in range(args.repeat):
        for name, src in sources.items():
            times[name].append(smoke(src, args.data_dir))
    now, before = statistics.median(times["now"]), statistics.median(times[args.against])
    print(f"--smoke on {args.data_dir.name}, {args.repeat} runs each, alternating")
    print(f"  now            median {now:.3f} s  (min {min(times['now']):.3f})")
    print(f"  {args.against:<14} median {before:.3f} s  (min {min(times[args.against]):.3f})")
    ratio = now / before
    print(f"  ratio now/before: {ratio:.3f}")
    print(load_note("end"))
    print(f"target: ≤ {TARGET_RATIO:.2f}× the earlier start: {verdict(ratio <= TARGET_RATIO)}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
