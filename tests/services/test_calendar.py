"""The working calendar (S14): timetable, official days off and make-up working days."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from crm_desktop.errors import UserError
from crm_desktop.services import calendar as cal
from crm_desktop.services.calendar import Timetable, WorkingCalendar, default_calendar

D = datetime


@pytest.fixture(scope="module")
def official():
    return default_calendar()


def test_s14_six_working_hours_within_one_day(official):
    # Tuesday 2026-11-24 08:30 + 6 h: 3.5 h in the morning, 2.5 h after lunch
    assert official.add_working_hours(D(2026, 11, 24, 8, 30), 6) == D(2026, 11, 24, 15, 30)


def test_s14_the_lunch_break_and_the_evening_do_not_count(official):
    assert official.add_working_hours(D(2026, 11, 24, 11, 0), 1.5) == D(2026, 11, 24, 13, 30)
    # Tuesday 16:00 + 7 h (suburban): 1.5 h today, 5.5 h on Wednesday
    assert official.add_working_hours(D(2026, 11, 24, 16, 0), 7) == D(2026, 11, 25, 15, 0)


def test_s14_a_call_outside_working_time_starts_at_the_next_working_minute(official):
    friday_night = D(2026, 11, 27, 20, 15)
    assert official.next_working_minute(friday_night) == D(2026, 11, 30, 8, 30)
    assert official.add_working_hours(friday_night, 6) == D(2026, 11, 30, 15, 30)
    assert official.add_working_hours(D(2026, 11, 24, 12, 30), 0) == D(2026, 11, 24, 13, 0)


def test_s14_national_day_holiday_is_skipped(official):
    # Wednesday 2026-09-30 16:00 + 6 h: 1.5 h that day, 1–7 October off (Golden Week),
    # the remaining 4.5 h from Thursday 8 October 08:30: 3.5 h morning + 1 h afternoon
    assert all(not official.is_working_day(date(2026, 10, d)) for d in range(1, 8))
    assert official.add_working_hours(D(2026, 9, 30, 16, 0), 6) == D(2026, 10, 8, 14, 0)


def test_s14_a_make_up_saturday_is_a_working_day(official):
    # Saturday 2026-10-10 is 调休 (make-up working day) in the 2026 arrangement
    assert official.is_working_day(date(2026, 10, 10))
    assert official.add_working_hours(D(2026, 10, 9, 17, 0), 1) == D(2026, 10, 10, 9, 0)
    # a plain Saturday is not
    assert not official.is_working_day(date(2026, 11, 28))


def test_working_hours_between_is_the_inverse_of_adding(official):
    start = D(2026, 2, 12, 10, 17)  # before the Spring Festival break
    for hours in (0.5, 3, 6, 7, 13.25, 40):
        end = official.add_working_hours(start, hours)
        assert official.working_hours_between(start, end) == pytest.approx(hours)
        assert official.working_hours_between(end, start) == pytest.approx(-hours)


def test_a_year_without_arrangement_falls_back_to_the_week_and_says_so(official):
    assert not official.has_arrangement(2027)
    # 1 January 2027 is a Friday: without an arrangement it counts as a working day
    assert official.is_working_day(date(2027, 1, 1))
    assert official.add_working_hours(D(2026, 12, 31, 17, 0), 1) == D(2027, 1, 1, 9, 0)
    assert official.missing_arrangement(date(2026, 11, 30)) == []
    assert official.missing_arrangement(date(2026, 12, 1)) == [2027]
    assert official.missing_arrangement(date(2027, 3, 1)) == [2027]


def test_a_timetable_is_validated_and_kept_in_settings(session):
    with pytest.raises(UserError):
        Timetable(periods=((time(13, 0), time(12, 0)),))
    with pytest.raises(UserError):
        Timetable(periods=((time(8, 0), time(12, 0)), (time(11, 0), time(17, 0))))
    saturday_mornings = Timetable(weekdays=(0, 1, 2, 3, 4, 5), periods=((time(9, 0), time(12, 0)), (time(13, 0), time(18, 0))))
    cal.save_timetable(session, saturday_mornings)
    assert cal.load_timetable(session) == saturday_mornings
    assert saturday_mornings.hours_per_day == 8


def test_the_database_calendar_is_filled_from_the_package(session, official):
    program = cal.calendar_from_database(session)
    assert program.arranged_years == official.arranged_years
    assert program.add_working_hours(D(2026, 9, 30, 16, 0), 6) == official.add_working_hours(D(2026, 9, 30, 16, 0), 6)


def test_the_clerk_enters_next_years_arrangement(session):
    days_off = {date(2027, 1, 1): "元旦", date(2027, 2, 5): "春节", date(2027, 2, 8): "春节"}
    make_up = {date(2027, 2, 20): "春节调休"}
    cal.set_year_arrangement(session, 2027, days_off, make_up)
    program = cal.calendar_from_database(session)
    assert program.has_arrangement(2027)
    assert not program.is_working_day(date(2027, 1, 1))
    assert program.is_working_day(date(2027, 2, 20))  # a Saturday
    assert program.missing_arrangement(date(2026, 12, 5)) == []
    with pytest.raises(UserError):
        cal.set_year_arrangement(session, 2027, {date(2028, 1, 1): "元旦"}, {})
    with pytest.raises(UserError):
        cal.set_year_arrangement(session, 2027, {date(2027, 2, 20): "x"}, {date(2027, 2, 20): "y"})


def test_an_empty_timetable_is_reported_not_looped():
    never = WorkingCalendar(Timetable(weekdays=()))
    with pytest.raises(ValueError):
        never.add_working_hours(D(2026, 1, 5, 9, 0), 1)


def test_the_notice_for_a_missing_arrangement(official):
    assert cal.missing_arrangement_notice(official.missing_arrangement(date(2026, 6, 1))) is None
    notice = cal.missing_arrangement_notice(official.missing_arrangement(date(2026, 12, 1)))
    assert "2027" in notice


def test_a_week_without_working_days_is_not_saved(session):
    with pytest.raises(UserError) as info:
        cal.save_timetable(session, Timetable(weekdays=()))
    assert info.value.field == "weekdays"
    assert cal.load_timetable(session) == Timetable()
