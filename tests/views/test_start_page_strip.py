"""The 今日待办 strip (the contract-renewals issue, item 4): in sight as the window opens, each
count opens its list, and a save brings the counts up to date."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from crm_desktop import clock
from crm_desktop.models import Role, Staff
from crm_desktop.services import start_page
from crm_desktop.services.process.fees import record_invoice
from crm_desktop.services.worklists import invoices_to_issue
from crm_desktop.views.main_window import AT_RISK, BOARD, INVOICES

pytestmark = pytest.mark.demo_data(calls=60, seed=5)


def test_the_strip_shows_what_is_due_and_opens_each_list(window, demo_database, qtbot):
    strip = window.start_page
    assert strip.isVisible()
    with demo_database.read_session() as s:
        due = len(invoices_to_issue(s, clock.today()))
    assert due > 0
    assert strip.count_of(start_page.INVOICES) == due
    assert strip.buttons[start_page.INVOICES].text().endswith(f" {due}")
    for key, page in ((start_page.INVOICES, INVOICES), (start_page.OVERDUE_REPAIRS, AT_RISK),
                      (start_page.OVERDUE_CALLS, BOARD)):
        strip.buttons[key].click()
        assert window.current_name() == page, key
    # typing in a register is never taken away by the strip
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in strip.buttons.values())


def test_a_recorded_invoice_lowers_the_count_after_the_save(window, demo_database):
    strip = window.start_page
    with demo_database.read_session() as s:
        first = invoices_to_issue(s, clock.today())[0]
        accountant = s.scalar(select(Staff.id).where(Staff.role == Role.ACCOUNTANT.value))
    before = strip.count_of(start_page.INVOICES)
    with demo_database.Session.begin() as s:
        record_invoice(s, first.call_id, invoice_no="FP-0001", when=clock.now(), by_id=accountant)
    window.after_save("service_call", first.call_id)
    assert strip.count_of(start_page.INVOICES) == before - 1


def test_the_strip_follows_the_user_s_role(window, demo_database):
    with demo_database.read_session() as s:
        accountant = s.scalar(select(Staff.id).where(Staff.role == Role.ACCOUNTANT.value))
    window.set_current_user(accountant)
    shown = [key for key, button in window.start_page.buttons.items() if button.isVisibleTo(window)]
    assert shown == [start_page.INVOICES]
