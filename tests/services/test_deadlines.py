"""S14: the arrival deadline of a call, stored on it and kept in step with district and time."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from crm_desktop.models import Customer, Staff
from crm_desktop.services import calendar as cal, calls, customers, deadlines


def _customer(session, district: str) -> Customer:
    return customers.create_customer(session, name="张伟", phone="13812345678", district=district)


def test_s14_urban_deadline_is_six_working_hours(session):
    call = calls.register_call(session, customer_id=_customer(session, "urban").id,
                               received_at=datetime(2026, 11, 24, 8, 30), fault="卡纸")
    assert call.arrival_due_at == datetime(2026, 11, 24, 15, 30)


def test_s14_suburban_deadline_is_seven_and_skips_the_weekend(session):
    call = calls.register_call(session, customer_id=_customer(session, "suburban").id,
                               received_at=datetime(2026, 11, 27, 16, 0), fault="卡纸")  # Friday
    assert call.arrival_due_at == datetime(2026, 11, 30, 15, 0)  # 1.5 h Friday; Monday 3.5 h + 2 h


def test_s14_the_deadline_follows_a_changed_district_or_time(session):
    call = calls.register_call(session, customer_id=_customer(session, "urban").id,
                               received_at=datetime(2026, 11, 24, 8, 30), fault="卡纸")
    calls.update_call(session, call.id, {"district": "suburban"})
    assert call.arrival_due_at == datetime(2026, 11, 24, 16, 30)
    calls.update_call(session, call.id, {"received_at": datetime(2026, 9, 30, 16, 0)})
    assert call.arrival_due_at == datetime(2026, 10, 8, 15, 0)  # National Day week skipped


def test_s14_a_make_up_working_day_counts(session):
    cal.set_year_arrangement(session, 2027, {date(2027, 1, 1): "元旦"}, {date(2027, 1, 2): "调休"})  # a Saturday
    call = calls.register_call(session, customer_id=_customer(session, "urban").id,
                               received_at=datetime(2026, 12, 31, 17, 0), fault="卡纸")
    assert call.arrival_due_at == datetime(2027, 1, 2, 15, 0)  # 0.5 h on the 31st, 3.5 h + 2 h on the 2nd


def test_counts_of_overdue_and_due_soon_calls(session):
    customer = _customer(session, "urban")
    tech = Staff(name="赵技师", role="technician")
    session.add(tech)
    session.flush()
    now = datetime(2026, 11, 25, 10, 0)
    overdue = calls.register_call(session, customer_id=customer.id, received_at=datetime(2026, 11, 24, 9, 0), fault="a")
    soon = calls.register_call(session, customer_id=customer.id, received_at=datetime(2026, 11, 24, 13, 30), fault="b")
    calls.register_call(session, customer_id=customer.id, received_at=datetime(2026, 11, 25, 9, 0), fault="c")
    arrived = calls.register_call(session, customer_id=customer.id, received_at=datetime(2026, 11, 24, 8, 30), fault="d")
    calls.dispatch(session, soon.id, tech.id, datetime(2026, 11, 24, 14, 0))  # still running after dispatch
    arrived.status = "arrived"
    session.flush()
    calendar = cal.calendar_from_database(session)
    counts = deadlines.deadline_counts(session, calendar, now)
    assert (counts.overdue, counts.due_soon) == (1, 1)
    assert overdue.arrival_due_at < now <= soon.arrival_due_at
    assert deadlines.remaining_hours(calendar, soon.arrival_due_at, now) == 0.5
    assert session.scalar(select(Customer.id)) == customer.id
