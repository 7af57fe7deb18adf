"""What the step forms propose (S5, S10): the hours since the work began in working time,
to the quarter hour, and the fee the step will compute; who may take which step."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from crm_desktop.models import Role
from crm_desktop.services import process
from crm_desktop.services.process import Step

from .test_process import at, new_call, on_site_until, repaired, w  # noqa: F401 - fixtures


def test_s10_hours_on_site_are_the_time_since_arrival_to_the_quarter_hour(session, w):
    call = on_site_until(session, w, new_call(session, w), "arrive")  # arrived Monday 11:00
    assert process.work_started_at(session, call.id) == at(16, 11)
    # the same day: the time actually spent, over lunch too: 3 h 10 min → 3.25 h
    assert process.proposed_hours(session, call.id, at(16, 14, 10)) == Decimal("3.25")
    assert process.proposed_hours(session, call.id, at(16, 11, 5)) == Decimal("0.25")  # never nothing
    # overnight: only working time counts (Monday 11:00 → Tuesday 09:30 = 5.5 + 1)
    assert process.proposed_hours(session, call.id, datetime(2026, 11, 17, 9, 30)) == Decimal("6.50")


def test_s10_repair_hours_count_from_the_last_return_to_repair(session, w):
    call = new_call(session, w)
    repaired(session, w, call)  # started Tuesday 09:00, finished 11:00
    assert process.proposed_hours(session, call.id, at(17, 12)) is None  # waiting for inspection
    process.inspect(session, call.id, passed=False, when=at(17, 14), by_id=w.boss, note="仍有卡纸")
    assert process.work_started_at(session, call.id) == at(17, 14)
    assert process.proposed_hours(session, call.id, at(17, 15, 20)) == Decimal("1.25")


def test_s5_the_proposed_fee_is_the_one_the_step_computes(session, w):
    call = on_site_until(session, w, new_call(session, w), "arrive")
    assert process.proposed_fee(session, call.id, "on_site", at(16, 12), "1.5") == Decimal("120.00")
    assert process.proposed_fee(session, call.id, "on_site", at(16, 12), "0.5") == Decimal("80.00")  # minimum
    assert process.proposed_fee(session, call.id, "on_site", at(16, 12), "abc") is None
    free = new_call(session, w, product=w.covered, received=at(16, 9, 5))
    assert process.proposed_fee(session, free.id, "on_site", at(16, 12), "1") is None


def test_who_may_take_which_step_and_what_can_be_taken_back(session, w):
    assert process.STEP_ROLES[Step.INSPECT] == Role.SUPERVISOR.value
    assert process.STEP_ROLES[Step.INVOICE] == Role.ACCOUNTANT.value
    call = new_call(session, w)
    assert process.step_to_undo(session, call.id) is None  # only the registration
    on_site_until(session, w, call, "arrive")
    assert process.step_to_undo(session, call.id).step == Step.ARRIVE
