"""The program's one source of "now".

Deadlines, numbers by day or month, the dates steps propose and the dates forms print all
depend on the time. Every part of the program asks this module, never ``datetime.now()`` or
``date.today()`` itself, so that one place decides what the time is: the wall clock in use,
a fixed moment in tests (a step proposed at 16:59 must give the same answer whenever the
suite runs) and in a demonstration.

``now()`` is local, naive time, as the registers store it.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime
from typing import Callable, Iterator

_wall_clock: Callable[[], datetime] = datetime.now
_source = _wall_clock


def now() -> datetime:
    """The current local time, to the microsecond."""
    return _source()


def now_to_minute() -> datetime:
    """The current local time without seconds: what a clerk types and the forms show."""
    return _source().replace(second=0, microsecond=0)


def today() -> date:
    return _source().date()


def set_source(source: Callable[[], datetime] | None) -> None:
    """Take the time from ``source`` from now on (None: the wall clock again)."""
    global _source
    _source = source or _wall_clock


def freeze(moment: datetime) -> None:
    """Stop the clock at ``moment``: every ``now()`` returns it until changed."""
    set_source(lambda: moment)


def start_at(moment: datetime) -> None:
    """Run the clock from ``moment`` at the wall clock's pace (time still passes between two
    calls, as some checks of elapsed time need)."""
    offset = moment - datetime.now()
    set_source(lambda: datetime.now() + offset)


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    previous = _source
    freeze(moment)
    try:
        yield
    finally:
        set_source(previous)


def is_wall_clock() -> bool:
    return _source is _wall_clock


__all__ = ["now", "now_to_minute", "today", "set_source", "freeze", "start_at", "frozen_at", "is_wall_clock"]
