"""The program's one clock: the suite runs on it, and nothing below reads the wall clock itself."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

import crm_desktop
from crm_desktop import clock

from .conftest import FIXED_NOW, SENSITIVE_MOMENTS

SOURCE = Path(crm_desktop.__file__).parent
WALL_CLOCK = re.compile(r"(?<![\w.])(datetime\.now|date\.today|datetime\.today)\b|QDate(Time)?\.current(Date|DateTime)\b")


def test_tests_run_at_the_fixed_moment():
    assert clock.now() == FIXED_NOW
    assert clock.today() == FIXED_NOW.date()


@pytest.mark.clock_sensitive
def test_a_clock_sensitive_test_runs_at_each_moment(clock_moment, request):
    assert clock_moment in SENSITIVE_MOMENTS.values()
    assert clock.now() == clock_moment
    assert request.node.callspec.id in SENSITIVE_MOMENTS


def test_frozen_at_restores_the_clock_before():
    with clock.frozen_at(datetime(2027, 1, 1, 8, 0, 30)):
        assert clock.now_to_minute() == datetime(2027, 1, 1, 8, 0)
        assert clock.today() == date(2027, 1, 1)
    assert clock.now() == FIXED_NOW


def test_a_clock_started_at_a_moment_runs_on():
    clock.start_at(datetime(2030, 5, 6, 9, 0))
    first = clock.now()
    assert datetime(2030, 5, 6, 9, 0) <= first < datetime(2030, 5, 6, 9, 1)
    assert clock.now() >= first
    assert not clock.is_wall_clock()


def test_the_wall_clock_is_the_default():
    clock.set_source(None)
    assert clock.is_wall_clock()
    assert abs((clock.now() - datetime.now()).total_seconds()) < 5


def test_nothing_but_the_clock_module_reads_the_wall_clock():
    """Every "now" goes through crm_desktop.clock, so a test (or a demonstration) can set it."""
    readers = [
        f"{path.relative_to(SOURCE)}:{number}: {line.strip()}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path.name != "clock.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WALL_CLOCK.search(line.split("#", 1)[0])
    ]
    assert readers == []


def test_no_test_reads_the_wall_clock():
    """A test that takes its "now" from the wall clock passes or fails by the hour it runs."""
    tests = Path(__file__).parent
    readers = [
        f"{path.relative_to(tests)}:{number}: {line.strip()}"
        for path in sorted(tests.rglob("*.py"))
        if path.name != "test_clock.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WALL_CLOCK.search(line.split("#", 1)[0])
    ]
    assert readers == []
