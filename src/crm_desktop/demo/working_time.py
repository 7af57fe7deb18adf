"""The demo's own working calendar: the branch's working time counted in *working minutes*
from the first day's 08:30, 480 a day (08:30–12:00, 13:00–17:30, Monday to Friday; New Year,
May Day and National Day off; movable holidays such as the Spring Festival are not modelled:
the demo needs no holiday calendar).

Why its own and not ``services.calendar``: the generator plans a million calls as sums of
durations, and a duration counted in working minutes always lands in working hours; a
minute becomes the text SQLAlchemy stores by two list lookups (``WorkingDays.day_texts``
and ``MINUTE_TEXTS``), which the hot path does inline.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, datetime, timedelta

DAY_MINUTES = 480
MORNING_MINUTES = 210  # 08:30–12:00, then 13:00–17:30
FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 2), (5, 3), (10, 1), (10, 2), (10, 3), (10, 4), (10, 5), (10, 6), (10, 7)}
NEVER = 2**31 - 1  # a working minute that never comes (fits the record arrays)


def _minute_texts() -> list[str]:
    texts = []
    for m in range(DAY_MINUTES):
        since_midnight = 510 + m if m < MORNING_MINUTES else 780 + (m - MORNING_MINUTES)
        texts.append(f"{since_midnight // 60:02d}:{since_midnight % 60:02d}:00.000000")
    return texts


MINUTE_TEXTS = _minute_texts()


class WorkingDays:
    """Working days from ``first`` to ``last`` and the text SQLAlchemy stores for a
    working minute (``2026-11-28 09:30:00.000000``)."""

    def __init__(self, first: date, last: date) -> None:
        days = []
        d = first
        while d <= last:
            if d.weekday() < 5 and (d.month, d.day) not in FIXED_HOLIDAYS:
                days.append(d)
            d += timedelta(days=1)
        self.days = days
        self.day_isos = [day.isoformat() for day in days]
        self.day_texts = [iso + " " for iso in self.day_isos]
        self.ordinals = [day.toordinal() for day in days]

    def minute_of(self, moment: datetime) -> int:
        """Working minutes from the first day's start to ``moment`` (the end of the last
        working period when ``moment`` falls outside working hours)."""
        i = bisect_left(self.days, moment.date())
        if i < len(self.days) and self.days[i] == moment.date():
            t = moment.hour * 60 + moment.minute
            if t < 510:
                elapsed = 0
            elif t < 720:
                elapsed = t - 510
            elif t < 780:
                elapsed = MORNING_MINUTES
            elif t < 1050:
                elapsed = MORNING_MINUTES + t - 780
            else:
                elapsed = DAY_MINUTES
            return i * DAY_MINUTES + elapsed
        return i * DAY_MINUTES

    def text(self, w: int) -> str:
        return self.day_texts[w // DAY_MINUTES] + MINUTE_TEXTS[w % DAY_MINUTES]

    def date_of(self, w: int) -> date:
        return self.days[w // DAY_MINUTES]


def a_year_later(ordinal: int) -> int:
    """The same day a year later (28 February for 29 February), as an ordinal."""
    d = date.fromordinal(ordinal)
    try:
        return d.replace(year=d.year + 1).toordinal()
    except ValueError:
        return d.replace(year=d.year + 1, day=28).toordinal() + 1

