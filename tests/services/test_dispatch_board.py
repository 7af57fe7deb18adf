"""The dispatch board's lists (S3, S13, S14), without Qt: the calls waiting for a
technician, carry-overs first, each group by arrival deadline; every active technician with
the open jobs in hand."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from crm_desktop.models import CallStatus, ServiceCall, Staff
from crm_desktop.services import calls, customers, dispatch_board, users
from crm_desktop.services.dispatch_board import OPEN_JOB_STATUSES, technician_jobs, undispatched_calls

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def b(database) -> SimpleNamespace:
    """Calls of yesterday and today in every state the board must tell apart."""
    with database.Session.begin() as s:
        city = customers.create_customer(s, name="张伟", phone="13812345678", district="urban")
        suburb = customers.create_customer(s, name="李娜", phone="13912345678", district="suburban")
        people = {
            "wang": Staff(name="王师傅", role="technician"),
            "zhao": Staff(name="赵师傅", role="technician"),
            "li": Staff(name="老李", role="technician", active=False),
            "qian": Staff(name="钱文员", role="clerk"),
            "sun": Staff(name="孙主任", role="supervisor"),
        }
        s.add_all(people.values())
        s.flush()

        def call(customer, received: datetime, fault: str = "卡纸") -> ServiceCall:
            return calls.register_call(s, customer_id=customer.id, received_at=received, fault=fault)

        made = SimpleNamespace(**{k: p.id for k, p in people.items()})
        # yesterday, still waiting: S13 carry-overs. Received first, but due last of the two:
        made.old_suburb = call(suburb, datetime(2026, 11, 24, 8, 45)).id  # due 11-24 16:45 (7 h)
        made.old_city = call(city, datetime(2026, 11, 24, 9, 30)).id  # due 11-24 16:30 (6 h)
        made.late_yesterday = call(city, datetime(2026, 11, 24, 23, 59)).id  # due 11-25 15:30
        # today: received first, due last
        made.today_suburb = call(suburb, datetime(2026, 11, 25, 0, 0)).id  # midnight is today; due 11-25 16:30
        made.today_city = call(city, datetime(2026, 11, 25, 9, 0)).id  # due 11-25 16:00
        # not waiting
        made.dispatched_today = call(city, datetime(2026, 11, 25, 8, 40)).id
        calls.dispatch(s, made.dispatched_today, made.wang, datetime(2026, 11, 25, 9, 0), by_id=made.sun)
        made.on_site_since_yesterday = call(suburb, datetime(2026, 11, 24, 14, 0)).id
        calls.dispatch(s, made.on_site_since_yesterday, made.wang, datetime(2026, 11, 24, 14, 30), by_id=made.sun)
        s.get(ServiceCall, made.on_site_since_yesterday).status = CallStatus.ARRIVED.value
        made.done = call(city, datetime(2026, 11, 25, 8, 35)).id
        calls.dispatch(s, made.done, made.wang, datetime(2026, 11, 25, 8, 50), by_id=made.sun)
        s.get(ServiceCall, made.done).status = CallStatus.COMPLETED_ON_SITE.value
        made.cancelled = call(city, datetime(2026, 11, 24, 10, 0)).id
        s.get(ServiceCall, made.cancelled).status = CallStatus.CANCELLED.value
        made.retired_job = call(city, datetime(2026, 11, 24, 11, 0)).id
        s.get(ServiceCall, made.retired_job).technician_id = made.li  # given before 老李 left
        s.get(ServiceCall, made.retired_job).status = CallStatus.DISPATCHED.value
        made.tomorrow = call(city, datetime(2026, 11, 25, 10, 0)).id
        tomorrow = s.get(ServiceCall, made.tomorrow)
        tomorrow.technician_id, tomorrow.status = made.zhao, CallStatus.DISPATCHED.value
        tomorrow.dispatched_at = datetime(2026, 11, 26, 8, 30)  # typed ahead: not a job of today
    return made


def test_s3_only_registered_calls_wait_on_the_board(session, b):
    ids = {c.id for c in undispatched_calls(session, TODAY)}
    assert ids == {b.old_suburb, b.old_city, b.late_yesterday, b.today_suburb, b.today_city}


def test_s13_carry_overs_first_and_marked(session, b):
    board = undispatched_calls(session, TODAY)
    flags = [c.carry_over for c in board]
    assert flags == [True, True, True, False, False]
    assert {c.id for c in board if c.carry_over} == {b.old_suburb, b.old_city, b.late_yesterday}


def test_s13_carry_over_means_received_before_today(session, b):
    board = {c.id: c for c in undispatched_calls(session, TODAY)}
    assert board[b.late_yesterday].carry_over  # 23:59 yesterday
    assert not board[b.today_suburb].carry_over  # 00:00 today
    tomorrow = {c.id: c.carry_over for c in undispatched_calls(session, date(2026, 11, 26))}
    assert all(tomorrow.values())  # tomorrow morning every one of them is a carry-over


def test_s13_s14_each_group_in_order_by_deadline(session, b):
    """Within the carry-overs and within today's calls, the earliest arrival deadline
    first, whatever the order they came in."""
    board = undispatched_calls(session, TODAY)
    assert [c.id for c in board] == [b.old_city, b.old_suburb, b.late_yesterday, b.today_city, b.today_suburb]
    dues = [c.arrival_due_at for c in board]
    assert dues[:3] == sorted(dues[:3]) and dues[3:] == sorted(dues[3:])


def test_s13_a_carry_over_due_later_still_comes_first(session, b):
    with session.begin():
        s_call = session.get(ServiceCall, b.old_city)
        s_call.arrival_due_at = datetime(2026, 11, 30, 9, 0)  # e.g. a corrected district
    board = undispatched_calls(session, TODAY)
    assert [c.id for c in board][:3] == [b.old_suburb, b.late_yesterday, b.old_city]
    assert board[3].arrival_due_at < board[2].arrival_due_at


def test_s14_a_call_without_a_deadline_comes_last_in_its_group(session, b):
    with session.begin():
        session.get(ServiceCall, b.today_city).arrival_due_at = None
    board = undispatched_calls(session, TODAY)
    assert [c.id for c in board][3:] == [b.today_suburb, b.today_city]


def test_board_call_carries_what_the_board_shows(session, b):
    row = next(c for c in undispatched_calls(session, TODAY) if c.id == b.old_suburb)
    assert (row.customer_name, row.district, row.fault, row.service_kind, row.status) == ("李娜", "suburban", "卡纸", "A", "registered")
    assert row.call_no.startswith("JX20261124") and row.received_at == datetime(2026, 11, 24, 8, 45)
    assert row.arrival_due_at == datetime(2026, 11, 24, 16, 45)


def test_s3_open_job_statuses_are_dispatched_and_arrived():
    assert OPEN_JOB_STATUSES == ("dispatched", "arrived")
    assert dispatch_board.UNDISPATCHED_STATUSES == ("registered",)


def test_s3_technician_open_jobs_today(session, b):
    board = technician_jobs(session, TODAY)
    assert [t.name for t in board] == ["王师傅", "赵师傅"]  # active technicians only, by name
    wang, zhao = board
    assert [j.id for j in wang.jobs] == [b.on_site_since_yesterday, b.dispatched_today]  # oldest dispatch first
    assert wang.count == 2
    assert [j.status for j in wang.jobs] == ["arrived", "dispatched"]
    assert [j.earlier_day for j in wang.jobs] == [True, False]  # still open since yesterday
    assert zhao.count == 0 and zhao.jobs == ()  # listed, to be given work


def test_s3_a_dispatch_moves_the_call_across_the_board(session, b):
    with session.begin():
        calls.dispatch(session, b.old_city, b.zhao, datetime(2026, 11, 25, 8, 30), by_id=b.sun)
    assert b.old_city not in {c.id for c in undispatched_calls(session, TODAY)}
    zhao = next(t for t in technician_jobs(session, TODAY) if t.id == b.zhao)
    assert [j.id for j in zhao.jobs] == [b.old_city] and zhao.jobs[0].call_no.startswith("JX20261124")


def test_no_technicians_no_jobs(session):
    assert technician_jobs(session, TODAY) == []
    assert undispatched_calls(session, TODAY) == []


# --------------------------------------------------------------------------- current user


def test_the_current_user_is_an_active_member_of_staff(session, b):
    sun = users.find_user(session, b.sun)
    assert (sun.id, sun.staff_id, sun.name, sun.role) == (b.sun, b.sun, "孙主任", "supervisor")
    assert users.find_user(session, b.li) is None  # left the branch
    assert users.find_user(session, 9999) is None and users.find_user(session, None) is None
    assert [u.name for u in users.choosable_users(session)] == ["钱文员", "孙主任", "王师傅", "赵师傅"]  # pinyin order


def test_s3_only_the_supervisor_may_dispatch(session, b):
    assert users.may_dispatch(users.find_user(session, b.sun))
    assert not users.may_dispatch(users.find_user(session, b.qian))
    assert not users.may_dispatch(users.find_user(session, b.wang))
    assert not users.may_dispatch(None)
