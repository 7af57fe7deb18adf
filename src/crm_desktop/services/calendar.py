"""The branch's working calendar (S14 and every other deadline).

Working time is the branch timetable (by default Monday to Friday, 08:30–12:00 and
13:00–17:30) on working days. Working days follow China's official arrangement for each
year: statutory days off, and make-up working days (调休) that fall on a weekend. The
arrangement comes from the ``chinese-calendar`` package for the years it knows and, in the
program, from the holiday table the clerk can edit (the State Council publishes next year's
arrangement around November, usually before the package has it).

A year without an arrangement is never an error: it falls back to the plain weekly
timetable, and ``missing_arrangement`` says so, so that the program can tell the clerk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Iterable, Mapping

from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP

DEFAULT_WEEKDAYS = (0, 1, 2, 3, 4)  # Monday … Friday
DEFAULT_PERIODS = ((time(8, 30), time(12, 0)), (time(13, 0), time(17, 30)))
TIMETABLE_SETTING = "calendar.timetable"
MAX_SEARCH_DAYS = 3660  # a deadline further than ten years away means the timetable is empty
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Timetable:
    weekdays: tuple[int, ...] = DEFAULT_WEEKDAYS
    periods: tuple[tuple[time, time], ...] = DEFAULT_PERIODS

    def __post_init__(self) -> None:
        previous_end = time(0, 0)
        for start, end in self.periods:
            if not start < end or start < previous_end:
                raise UserError(
                    QT_TRANSLATE_NOOP(
                        "Calendar", "Working periods must each end after they start and follow one another: {start}–{end}."
                    ),
                    field="periods",
                    start=start.strftime("%H:%M"),
                    end=end.strftime("%H:%M"),
                )
            previous_end = end
        if any(d not in range(7) for d in self.weekdays):
            raise UserError(QT_TRANSLATE_NOOP("Calendar", "Working weekdays are 0 (Monday) to 6 (Sunday)."), field="weekdays")

    @property
    def hours_per_day(self) -> float:
        return sum((_minutes(e) - _minutes(s)) for s, e in self.periods) / 60

    def to_json(self) -> str:
        return json.dumps(
            {
                "weekdays": list(self.weekdays),
                "periods": [[s.strftime("%H:%M"), e.strftime("%H:%M")] for s, e in self.periods],
            }
        )

    @classmethod
    def from_json(cls, text: str) -> "Timetable":
        data = json.loads(text)
        return cls(
            weekdays=tuple(int(d) for d in data["weekdays"]),
            periods=tuple((time.fromisoformat(s), time.fromisoformat(e)) for s, e in data["periods"]),
        )


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


@dataclass
class WorkingCalendar:
    """Working time of one branch. ``days_off`` and ``make_up_days`` hold the official
    arrangement of the years in ``arranged_years``; other years use the weekly timetable."""

    timetable: Timetable = field(default_factory=Timetable)
    days_off: Mapping[date, str] = field(default_factory=dict)
    make_up_days: Mapping[date, str] = field(default_factory=dict)
    arranged_years: frozenset[int] = frozenset()

    def has_arrangement(self, year: int) -> bool:
        return year in self.arranged_years

    def is_working_day(self, day: date) -> bool:
        if day in self.days_off:
            return False
        if day in self.make_up_days:
            return True
        return day.weekday() in self.timetable.weekdays

    def periods_of(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self.is_working_day(day):
            return []
        return [(datetime.combine(day, s), datetime.combine(day, e)) for s, e in self.timetable.periods]

    def _days_from(self, day: date) -> Iterable[date]:
        for n in range(MAX_SEARCH_DAYS):
            yield day + timedelta(days=n)
        raise ValueError("the working calendar has no working time")

    def next_working_minute(self, moment: datetime) -> datetime:
        """``moment`` itself when it is working time, else the start of the next working period."""
        for day in self._days_from(moment.date()):
            for start, end in self.periods_of(day):
                if moment < end:
                    return max(moment, start)
        raise AssertionError("unreachable")

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The moment ``hours`` of working time after ``start``; time outside working hours
        does not count, so a call received at night starts counting at the next working minute."""
        if hours < 0:
            raise ValueError("hours must not be negative")
        # periods_of() and _days_from() inlined: recomputing every open call's deadline
        # after a timetable change calls this 100,000 times (benchmarks/bench_deadlines.py)
        remaining = timedelta(hours=hours)
        periods = self.timetable.periods
        combine = datetime.combine
        day = start.date()
        for _ in range(MAX_SEARCH_DAYS):
            if self.is_working_day(day):
                for period_start, period_end in periods:
                    end = combine(day, period_end)
                    if start >= end:
                        continue
                    begin = max(start, combine(day, period_start))
                    available = end - begin
                    if remaining <= available:
                        return begin + remaining
                    remaining -= available
            day += _ONE_DAY
        raise ValueError("the working calendar has no working time")

    def working_hours_between(self, a: datetime, b: datetime) -> float:
        """Working hours from ``a`` to ``b`` (negative when ``b`` is before ``a``)."""
        if b < a:
            return -self.working_hours_between(b, a)
        total = timedelta()
        day = a.date()
        while day <= b.date():
            for period_start, period_end in self.periods_of(day):
                overlap = min(b, period_end) - max(a, period_start)
                if overlap > timedelta():
                    total += overlap
            day += timedelta(days=1)
        return total.total_seconds() / 3600

    def same_working_time(self, other: "WorkingCalendar") -> bool:
        """Whether ``other`` counts the same working time: deadlines need no recompute when
        only the names of holidays changed."""
        return (
            self.timetable == other.timetable
            and self.days_off.keys() == other.days_off.keys()
            and self.make_up_days.keys() == other.make_up_days.keys()
        )

    def missing_arrangement(self, today: date) -> list[int]:
        """Years the program works in without an official arrangement: this year always,
        and from 1 December next year too (the State Council publishes it in November)."""
        years = [today.year] + ([today.year + 1] if today.month == 12 else [])
        return [y for y in years if not self.has_arrangement(y)]


def package_arrangement() -> tuple[dict[date, str], dict[date, str], frozenset[int]]:
    """Days off, make-up working days and the years covered by ``chinese-calendar``."""
    import chinese_calendar

    days_off = dict(chinese_calendar.holidays)
    make_up = dict(chinese_calendar.workdays)
    years = frozenset(d.year for d in days_off)
    return days_off, make_up, years


def default_calendar() -> WorkingCalendar:
    """The default timetable with the package's holiday data; no database needed."""
    days_off, make_up, years = package_arrangement()
    return WorkingCalendar(Timetable(), days_off, make_up, years)


# -- the program's calendar: timetable in settings, arrangement in the holiday table -------

def load_timetable(session) -> Timetable:
    from ..models import Setting

    stored = session.get(Setting, TIMETABLE_SETTING)
    return Timetable.from_json(stored.value) if stored is not None and stored.value else Timetable()


def save_timetable(session, timetable: Timetable) -> None:
    from ..models import Setting

    if not timetable.weekdays:
        # a week without working days leaves no deadline to compute (add_working_hours fails)
        raise UserError(QT_TRANSLATE_NOOP("Calendar", "Choose at least one working weekday."), field="weekdays")
    row = session.get(Setting, TIMETABLE_SETTING)
    if row is None:
        session.add(Setting(key=TIMETABLE_SETTING, value=timetable.to_json()))
    else:
        row.value = timetable.to_json()
    session.flush()


def calendar_from_database(session) -> WorkingCalendar:
    """The calendar the program uses: the branch's timetable and the holiday table."""
    from sqlalchemy import select

    from ..models import Holiday, HolidayKind

    days_off: dict[date, str] = {}
    make_up: dict[date, str] = {}
    years: set[int] = set()
    for day, kind, name in session.execute(select(Holiday.day, Holiday.kind, Holiday.name)):
        (days_off if kind == HolidayKind.DAY_OFF.value else make_up)[day] = name or ""
        years.add(day.year)
    return WorkingCalendar(load_timetable(session), days_off, make_up, frozenset(years))


def set_year_arrangement(
    session, year: int, days_off: Mapping[date, str], make_up_days: Mapping[date, str], source: str = "clerk"
) -> None:
    """Replace one year's arrangement (what the clerk types from the State Council's notice)."""
    from sqlalchemy import delete

    from ..models import Holiday, HolidayKind

    for day in [*days_off, *make_up_days]:
        if day.year != year:
            raise UserError(
                QT_TRANSLATE_NOOP("Calendar", "{day} is not in {year}."), field="day", day=day.isoformat(), year=year
            )
    both = sorted(set(days_off) & set(make_up_days))
    if both:
        raise UserError(
            QT_TRANSLATE_NOOP("Calendar", "{day} cannot be both a day off and a make-up working day."),
            field="day",
            day=both[0].isoformat(),
        )
    if not days_off:
        raise UserError(
            QT_TRANSLATE_NOOP("Calendar", "A year's arrangement has at least its days off (New Year's Day, Spring Festival …)."),
            field="days_off",
        )
    session.execute(delete(Holiday).where(Holiday.year == year))
    session.add_all(
        [Holiday(day=d, year=year, kind=HolidayKind.DAY_OFF.value, name=n, source=source) for d, n in days_off.items()]
        + [Holiday(day=d, year=year, kind=HolidayKind.MAKE_UP.value, name=n, source=source) for d, n in make_up_days.items()]
    )
    session.flush()


MISSING_ARRANGEMENT = QT_TRANSLATE_NOOP(
    "Calendar",
    "No official holiday arrangement is entered for {years}: deadlines follow the weekly timetable only. "
    "Enter the State Council's arrangement in the settings.",
)


def missing_arrangement_notice(years: list[int], translate=None) -> str | None:
    """What the status bar and the settings say while a year lacks its arrangement."""
    if not years:
        return None
    return MISSING_ARRANGEMENT.tr(translate, years="、".join(str(y) for y in years))


def year_arrangement(session, year: int) -> tuple[dict[date, str], dict[date, str]]:
    """(days off, make-up working days) of one year as the holiday table holds them."""
    from sqlalchemy import select

    from ..models import Holiday, HolidayKind

    days_off: dict[date, str] = {}
    make_up: dict[date, str] = {}
    for day, kind, name in session.execute(
        select(Holiday.day, Holiday.kind, Holiday.name).where(Holiday.year == year).order_by(Holiday.day)
    ):
        (days_off if kind == HolidayKind.DAY_OFF.value else make_up)[day] = name or ""
    return days_off, make_up
