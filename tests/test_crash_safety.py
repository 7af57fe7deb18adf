"""X1, X3 under a kill (issue 15, item 9): the program's saves killed with SIGKILL at random
moments, 20 times over one data folder. After each kill every number the program had
reported as saved is in the database, the numbers are gapless, SQLite's integrity check
passes, and nothing but the database, its WAL and the log lies in the folder.

A kill leaves the operating system's cache alone, so this does not imitate a power cut: that
rests on ``synchronous=FULL`` (tests/test_db.py, README)."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crm_desktop import config
from crm_desktop.db import open_database
from crm_desktop.models import Customer, CustomerProduct, Staff

CHILD = Path(__file__).with_name("crash_child.py")
TRIALS = 20
ALLOWED = {"crm_desktop.sqlite3", "crm_desktop.sqlite3-wal", "crm_desktop.sqlite3-shm", "crm_desktop.log"}

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def committed_numbers(folder: Path) -> list[str]:
    con = sqlite3.connect(folder / "crm_desktop.sqlite3")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [row[0] for row in con.execute("SELECT call_no FROM service_call ORDER BY id")]
    finally:
        con.close()


@pytest.mark.slow
def test_saves_killed_at_random_moments_lose_nothing_committed_and_leave_no_gap(tmp_path):
    folder = tmp_path / "data"
    database = open_database(config.resolve(str(folder), None))
    with database.Session.begin() as s:
        customer = Customer(name="张伟", district="urban")
        CustomerProduct(customer=customer, model="FC-2020")
        s.add_all([customer, Staff(name="钱文员", role="clerk")])
    database.dispose()

    rnd = random.Random(20261207)
    reported: list[str] = []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[1] / "src"),
                                                         os.environ.get("PYTHONPATH", "")])}
    for trial in range(TRIALS):
        child = subprocess.Popen([sys.executable, str(CHILD), str(folder)], stdout=subprocess.PIPE, text=True, env=env)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", f"trial {trial}: the saving program did not start"
        time.sleep(rnd.uniform(0.02, 0.4))  # anywhere in a save: before, inside or after its commit
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        reported += [line for line in out.split() if line]

        numbers = committed_numbers(folder)
        missing = set(reported) - set(numbers)
        assert not missing, f"trial {trial}: reported as saved but lost: {sorted(missing)}"
        sequence = [int(re.search(r"(\d+)$", number).group(1)) for number in numbers]
        assert sequence == list(range(1, len(sequence) + 1)), f"trial {trial}: numbers with a gap or twice"
        assert {p.name for p in folder.iterdir()} <= ALLOWED, f"trial {trial}: left behind {sorted(p.name for p in folder.iterdir())}"
    assert len(reported) > TRIALS  # the kills fell among many saves, not only at the start
