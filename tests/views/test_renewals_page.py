"""续约到期 (S15) in the window: the renewals due listed, the notices printed (one or many), the
notice sent, renewed and not renewed recorded through their dialogs; the start strip's count
opens the page and follows what is recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from crm_desktop import clock
from crm_desktop.models import ContractRenewal, MaintenanceContract
from crm_desktop.services import start_page
from crm_desktop.views.main_window import RENEWALS
from crm_desktop.views.print_preview import PrintPreviewDialog

pytestmark = pytest.mark.demo_data(calls=60, seed=5)


@pytest.fixture
def demo_database(database):
    """Two of the demo's newest contracts end within the month."""
    today = clock.today()
    with database.Session.begin() as s:
        newest = s.scalars(select(MaintenanceContract).order_by(MaintenanceContract.start_date.desc()).limit(2)).all()
        for days, contract in zip((10, 20), newest):
            contract.start_date, contract.end_date = today - timedelta(days=340), today + timedelta(days=days)
        database.made_due = [c.id for c in newest]
    return database


def _select(page, contract_id):
    page.view.clearSelection()
    page.select_contract(contract_id)
    assert [line.contract_id for line in page.selected_lines()] == [contract_id]
    return page.selected_lines()[0]


def test_s15_the_page_lists_prints_and_records_renewals(window, demo_database, qtbot, monkeypatch):
    from crm_desktop.models import Staff

    with demo_database.read_session() as s:
        window.set_current_user(s.scalar(select(Staff.id).where(Staff.role == "manager").limit(1)))
    window.start_page.buttons[start_page.RENEWALS].click()
    assert window.current_name() == RENEWALS
    page = window._list_page(RENEWALS)
    due = page.model.rowCount()
    assert due == window.start_page.count_of(start_page.RENEWALS)
    assert set(demo_database.made_due) <= {line.contract_id for line in page.model.rows}
    page.view.selectAll()
    preview = page.print_notices()
    assert isinstance(preview, PrintPreviewDialog) and len(preview.pages) == due
    preview.close()

    first = _select(page, demo_database.made_due[0])
    monkeypatch.setattr(PrintPreviewDialog, "exec", lambda self: 0)
    dialog = page.notice_dialog()
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.saved_id is not None, dialog.general_message.text()
    page.refresh()
    assert next(r for r in page.model.rows if r.contract_id == first.contract_id).notice_sent_on == clock.today()

    _select(page, first.contract_id)
    dialog = page.lost_dialog()
    qtbot.addWidget(dialog)
    dialog.accept()  # no reason given: refused at its field
    assert dialog.saved_id is None and dialog._messages["lost_reason"].text()
    dialog.fields["lost_reason"].setText("客户改用厂家的保养服务")
    dialog.accept()
    assert dialog.saved_id is not None
    page.refresh()
    window.update_deadlines()
    assert page.model.rowCount() == due - 1 == window.start_page.count_of(start_page.RENEWALS)

    second = _select(page, demo_database.made_due[1])
    dialog = page.renewed_dialog()
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.saved_id is not None, dialog.general_message.text()
    with demo_database.read_session() as s:
        outcomes = {r.contract_id: r.outcome for r in s.scalars(select(ContractRenewal))}
    assert (outcomes[first.contract_id], outcomes[second.contract_id]) == ("lost", "renewed")
    page.refresh()
    assert page.model.rowCount() == due - 2


def test_s15_the_demo_has_renewals_won_and_lost(demo_database):
    """The demo's contracts followed by a later one were renewed, those ended without one lost."""
    with demo_database.read_session() as s:
        outcomes = [r.outcome for r in s.scalars(select(ContractRenewal))]
        renewed = s.scalars(select(ContractRenewal).where(ContractRenewal.outcome == "renewed")).first()
        assert renewed.renewal_id is not None and renewed.notice_sent_on is not None
    assert {"renewed", "lost"} <= set(outcomes)



def test_s15_the_search_narrows_the_list_and_who_may_not_record_sees_why(window, demo_database, qtbot):
    page = window._list_page(RENEWALS)
    window.open_page(RENEWALS)
    first = next(r for r in page.model.rows if r.contract_id == demo_database.made_due[0])
    qtbot.keyClicks(page.search, first.contract_no)
    assert [r.contract_no for r in page.model.rows] == [first.contract_no]
    page.view.selectRow(0)
    assert not page.sent_button.isEnabled() and page.sent_button.toolTip()  # the administrator records no renewals
    assert page.notice_button.isEnabled()  # but prints the notices
