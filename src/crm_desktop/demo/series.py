"""X3: the demo's numbers (calls, goods receipts, repair cards, contracts, customer codes)
come from the configured patterns, gapless per period in time order, continuing what the
``sequences`` table holds, so that the program's next number continues each series."""

from __future__ import annotations

from datetime import date

from ..services import numbering


class NumberSeries:
    """Numbers of one rule, issued in time order, gapless per period, continuing any
    values the ``sequences`` table already holds. ``NumberPattern.format`` runs once a day
    (to learn the text around the counter, and to check the first number of the day); the
    numbers in between are plain string building."""

    _PROBE = 7_391_827_364_519  # a counter value whose digits cannot come from a date

    def __init__(self, rule: str, pattern: numbering.NumberPattern, existing: dict[str, int]) -> None:
        self.rule = rule
        self.pattern = pattern
        self.existing = existing
        self._last = dict(existing)  # period -> last value issued
        self._used: dict[str, int] = {}
        self._day: date | None = None
        self._period = ""
        self._head = self._tail = ""
        self._width = 1
        self._value = 0

    def _enter(self, day: date) -> None:
        if self._day is not None:
            self._last[self._period] = self._used[self._period] = self._value
        pattern = self.pattern
        period = pattern.period(day)
        head, _, tail = pattern.format(day, self._PROBE).partition(str(self._PROBE))
        self._day, self._period, self._head, self._tail = day, period, head, tail
        self._width = len(pattern.format(day, 1)) - len(head) - len(tail)
        self._value = value = self._last.get(period, 0)
        self._used[period] = value
        expected = pattern.format(day, value + 1)
        assert head + str(value + 1).zfill(self._width) + tail == expected, (expected, pattern.text)

    def take(self, day: date) -> str:
        if day != self._day:
            self._enter(day)
        self._value += 1
        return self._head + str(self._value).zfill(self._width) + self._tail

    def used(self) -> dict[str, int]:
        """The last value issued in every period this load used."""
        if self._day is not None:
            self._last[self._period] = self._used[self._period] = self._value
        return {period: value for period, value in self._used.items() if value > self.existing.get(period, 0)}
