"""Shared helpers for the benchmark scripts: where databases live, making them once with the
demo command, running child processes with their wall time and peak RSS, and medians.

Not a test module and not part of the program: the scripts import it as a sibling file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"  # gitignored
PYTHON = sys.executable
DATABASE_FILENAME = "crm_desktop.sqlite3"  # config.DATABASE_FILENAME, without importing the program


def offscreen_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("CRM_DESKTOP_DATA_DIR", None)
    env.pop("CRM_DATABASE_URL", None)
    env.update(extra)
    return env


def database_file(data_dir: Path) -> Path:
    return Path(data_dir) / DATABASE_FILENAME


def count_calls(path: Path) -> int | None:
    """service_call rows in the file (read-only), or None when there is no such table."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM service_call").fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    finally:
        con.close()


def schema_names(path: Path) -> set[tuple[str, str, str]]:
    """(type, name, SQL with whitespace collapsed) of every table, index, trigger and view
    in the file (read-only)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {
            (t, n, " ".join((sql or "").split()))
            for t, n, sql in con.execute("SELECT type, name, sql FROM sqlite_master")
            if not n.startswith("sqlite_")
        }
    finally:
        con.close()


def _create_schema(data_dir: Path) -> None:
    """The program makes its database (schema only) in the folder, as at a first start."""
    data_dir.mkdir(parents=True, exist_ok=True)
    code = (
        "import sys; from crm_desktop import config; from crm_desktop.db import open_database; "
        "open_database(config.resolve(sys.argv[1])).dispose()"
    )
    subprocess.run([PYTHON, "-c", code, str(data_dir)], env=offscreen_env(), cwd=ROOT, check=True)


_CURRENT_SCHEMA: set[tuple[str, str, str]] | None = None


def current_schema() -> set[tuple[str, str, str]]:
    """What the program's migrations make today, from a throw-away empty database: a folder
    made by an older checkout (same revision, other tables) must not be reused silently."""
    global _CURRENT_SCHEMA
    if _CURRENT_SCHEMA is None:
        with tempfile.TemporaryDirectory(prefix="crm-bench-schema-") as folder:
            _create_schema(Path(folder))
            _CURRENT_SCHEMA = schema_names(database_file(Path(folder)))
    return _CURRENT_SCHEMA


def _stale(path: Path) -> set[tuple[str, str, str]]:
    """What the current schema has and the file lacks or defines otherwise (empty: the file
    is current)."""
    return current_schema() - schema_names(path)


def _discard(data_dir: Path, path: Path, missing: set[tuple[str, str, str]]) -> None:
    names = ", ".join(sorted({n for _t, n, _sql in missing})[:6])
    if not data_dir.is_relative_to(OUT):
        sys.exit(f"{path} was made by another version of the program (its {names} differ); "
                 f"remove the folder or choose another --data-dir")
    print(f"{path} was made by another version of the program (its {names} differ): making it again", flush=True)
    shutil.rmtree(data_dir)


def ensure_demo_database(data_dir: Path, calls: int) -> Path:
    """The data folder's database with ``calls`` demo calls: made once with the program's own
    demo command, reused afterwards while its schema is the program's current one (a folder
    under benchmarks/out/ with an older schema is made again; a folder with another number
    of calls is used as it is, with a warning)."""
    data_dir = Path(data_dir).resolve()
    path = database_file(data_dir)
    have = count_calls(path)
    if have and (missing := _stale(path)):
        _discard(data_dir, path, missing)
        have = None
    if have:
        if have != calls:
            print(f"warning: {path} holds {have:,} calls, not {calls:,}; using it as it is", file=sys.stderr)
        return path
    data_dir.mkdir(parents=True, exist_ok=True)
    print(f"making the demo database: {calls:,} calls in {data_dir} (once; reused by later runs) …", flush=True)
    t0 = time.perf_counter()
    run = subprocess.run(
        [PYTHON, "-m", "crm_desktop", "demo", "--calls", str(calls), "--quiet", "--data-dir", str(data_dir)],
        env=offscreen_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - t0
    if run.returncode != 0:
        sys.exit(f"demo command failed ({run.returncode}):\n{run.stdout}\n{run.stderr}")
    print(f"  demo data written in {elapsed:.1f} s: {run.stdout.strip()}", flush=True)
    return path


def ensure_empty_database(data_dir: Path) -> Path:
    """A data folder whose database has the current schema and no rows (the program makes it)."""
    data_dir = Path(data_dir).resolve()
    path = database_file(data_dir)
    if count_calls(path) is not None and (missing := _stale(path)):
        _discard(data_dir, path, missing)
    if count_calls(path) is None:
        _create_schema(data_dir)
    return path


@dataclass
class ChildRun:
    wall: float  # seconds, from spawn to reaped
    maxrss_mib: float  # the child's peak resident set (getrusage of that child, via wait4)
    returncode: int
    stdout: str
    stderr: str


def run_child(argv: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> ChildRun:
    """Run one process; its own wall time and peak RSS (os.wait4 gives the rusage of exactly
    that child, unlike RUSAGE_CHILDREN which is cumulative over all reaped children).
    A negative return code is the signal that killed it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    return ChildRun(wall, usage.ru_maxrss / 1024, proc.returncode, stdout, stderr)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def evict_os_cache(path: Path) -> bool:
    """Drop the file's clean pages from the OS page cache (no root needed), so that the next
    read really comes from the disk. Returns False where the OS does not offer it."""
    if not hasattr(os, "posix_fadvise"):
        return False
    ok = True
    for p in (path, Path(str(path) + "-wal")):
        if not p.exists():
            continue
        fd = os.open(p, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            ok = False
        finally:
            os.close(fd)
    return ok


def load_note(when: str) -> str:
    """The machine's load average: other work on a small machine inflates every figure (the
    alternation keeps the ratios fair, not the absolute times)."""
    if not hasattr(os, "getloadavg"):
        return ""
    one, five, _ = os.getloadavg()
    warn = "  (busy machine: absolute times are inflated)" if one > 0.7 else ""
    return f"load average {when}: {one:.2f} (1 min), {five:.2f} (5 min), {os.cpu_count()} CPUs{warn}"


def program_version() -> str:
    """The checkout's commit, and whether src/ has changes not committed (read-only git)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "program version unknown (no git)"
    return f"program at commit {head}" + (" with uncommitted changes in src/" if dirty else "")


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"
