"""The 今日待办 strip's counts (the contract-renewals issue, item 4): each equals its list, is
marked when something is overdue, and follows the person's role."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from crm_desktop import clock
from crm_desktop.models import MaintenanceContract, RepairCard, RepairCardStatus
from crm_desktop.services import start_page
from crm_desktop.services.calendar import calendar_from_database
from crm_desktop.services.renewals import renewals_due
from crm_desktop.services.deadlines import deadline_counts
from crm_desktop.services.worklists import invoices_to_issue

pytestmark = pytest.mark.demo_data(calls=120, seed=9)


def _counts(database, role, now=None):
    now = now or clock.now()
    with database.read_session() as s:
        return {c.key: c for c in start_page.due_counts(s, calendar_from_database(s), now, role)}


def test_s14_s9_s15_s5_each_count_equals_its_list(demo_database):
    today = clock.today()
    with demo_database.Session.begin() as s:
        contract = s.scalars(select(MaintenanceContract).order_by(MaintenanceContract.start_date.desc())).first()
        contract.start_date, contract.end_date = today - timedelta(days=300), today + timedelta(days=5)
        card = s.scalars(select(RepairCard).order_by(RepairCard.id)).first()
        card.status, card.promised_date = RepairCardStatus.OPEN.value, today - timedelta(days=1)
    counts = _counts(demo_database, "manager")
    assert list(counts) == list(start_page.ALL)
    with demo_database.read_session() as s:
        deadlines = deadline_counts(s, calendar_from_database(s), clock.now())
        invoices = invoices_to_issue(s, today)
        ending = len(renewals_due(s, today))
        overdue_cards = sum(1 for c in s.scalars(select(RepairCard)) if c.promised_date and c.promised_date < today
                            and c.status in ("open", "in_repair", "repaired"))
    assert counts["overdue_calls"].count == deadlines.overdue
    assert counts["due_soon"].count == deadlines.due_soon
    assert counts["invoices"].count == len(invoices)
    assert counts["invoices"].overdue == any(i.overdue for i in invoices)
    assert counts["renewals_due"].count == ending >= 1 and counts["renewals_due"].overdue  # ends within a week: red
    assert counts["overdue_repairs"].count == overdue_cards >= 1 and counts["overdue_repairs"].overdue


def test_the_counts_follow_the_role(demo_database):
    assert list(_counts(demo_database, "accountant")) == ["invoices"]
    assert "invoices" not in _counts(demo_database, "supervisor")
    assert list(_counts(demo_database, "marketing")) == ["renewals_due"]
    assert list(_counts(demo_database, None)) == ["open_calls", "due_soon", "overdue_calls"]


def test_nothing_overdue_nothing_red(demo_database):
    late = clock.now().replace(year=2020)  # before every call and card of the demo
    counts = _counts(demo_database, "manager", late)
    assert not counts["overdue_calls"].overdue and not counts["overdue_repairs"].overdue
