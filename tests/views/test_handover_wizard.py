"""I6, I11 in the window: the hand-over wizard lists what the leaving person holds, takes a
replacement for each line, hands over in one go and offers the letters; a refusal is shown
on the page and nothing changes. I7: without the permission the wizard does not open."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard
from sqlalchemy import select

from crm_desktop.errors import UserError
from crm_desktop.models import CustomerStaff, Handover, MaintenanceContract, Staff
from crm_desktop.views.handover_wizard import HandoverWizard

from ..services.test_handover import DAY, user, w  # noqa: F401  (the fixture)

pytestmark = pytest.mark.demo_data(calls=30, seed=7)


def open_wizard(qtbot, database, staff_id) -> HandoverWizard:
    wizard = HandoverWizard(database, user(database, staff_id), today=DAY)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def choose(combo, staff_id) -> None:
    combo.setCurrentIndex(combo.findData(staff_id))


def test_the_wizard_hands_over_every_line_and_closes_the_account(qtbot, database, w, tmp_path):  # noqa: F811
    wizard = open_wizard(qtbot, database, w.manager)
    page = wizard.leaving_page
    assert page.person.findData(w.manager) == -1  # nobody hands over themself
    choose(page.person, w.sales)
    assert "2" in page.summary.text() and "1" in page.summary.text()
    assert not page.isComplete()  # no reason yet
    page.reason.setText("辞职")
    assert page.isComplete()
    wizard.next()
    assign = wizard.assign_page
    assert assign.table.rowCount() == 3
    assert [assign.table.item(r, 2).text() for r in range(3)] == ["明达机械厂", "华联商场", "华联商场"]
    assert assign.combos[("customer", w.firm)].currentData() == w.sales2  # already shares the firm (I10)
    assert not assign.isComplete()
    choose(assign.everyone, w.clerk)
    assign.apply_to_all()
    assert assign.isComplete()
    choose(assign.combos[("customer", w.firm)], w.sales2)
    wizard.next()
    text = wizard.confirm_page.summary.toPlainText()
    assert "吴业务" in text and "钱文员" in text and "郑业务" in text
    wizard.grab().save(str(tmp_path / "confirm.png"))
    wizard.confirm_page.print_letters.setChecked(False)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result is not None and wizard.result.handover_no == "JJ2026-0001"
    with database.read_session() as s:
        assert s.get(Staff, w.sales).active is False
        assert s.get(MaintenanceContract, w.contract).staff_id == w.clerk
        current = {(r.customer_id, r.staff_id) for r in s.scalars(
            select(CustomerStaff).where(CustomerStaff.until.is_(None)))}
        assert current == {(w.firm, w.sales2), (w.shop, w.clerk)}


def test_a_call_goes_only_to_a_technician(qtbot, database, w):  # noqa: F811
    wizard = open_wizard(qtbot, database, w.manager)
    choose(wizard.leaving_page.person, w.tech)
    wizard.leaving_page.reason.setText("调走")
    wizard.next()
    combo = wizard.assign_page.combos[("call", w.call)]
    offered = {combo.itemData(i) for i in range(1, combo.count())}
    assert offered == {w.tech2}


def test_a_refusal_is_shown_on_the_last_page_and_nothing_changes(qtbot, database, w):  # noqa: F811
    wizard = open_wizard(qtbot, database, w.manager)
    choose(wizard.leaving_page.person, w.sales)
    wizard.leaving_page.reason.setText("辞职")
    wizard.next()
    choose(wizard.assign_page.everyone, w.sales2)
    wizard.assign_page.apply_to_all()
    wizard.next()
    with database.Session.begin() as s:  # meanwhile the replacement leaves too
        s.get(Staff, w.sales2).active = False
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.currentPage() is wizard.confirm_page
    assert wizard.confirm_page.message.isVisibleTo(wizard)
    assert "郑业务" in wizard.confirm_page.message.text()
    with database.read_session() as s:
        assert s.scalar(select(Handover)) is None
        assert s.get(Staff, w.sales).active is True


@pytest.mark.parametrize("role_key", ["clerk", "tech"])
def test_without_the_permission_the_wizard_does_not_open(qtbot, database, w, role_key):  # noqa: F811
    with pytest.raises(UserError):
        HandoverWizard(database, user(database, getattr(w, role_key)), today=DAY)




def test_the_menu_offers_it_to_who_may_use_it(window):
    """File menu, for a role with the permission (the demo admin); hidden for a clerk."""
    file_menu = window.menuBar().actions()[0].menu()
    assert window.act_handover in file_menu.actions() and window.act_handover.isVisible()
    with window.database.read_session() as s:
        clerk = next(p for p in s.scalars(select(Staff).where(Staff.role == "clerk", Staff.active.is_(True))))
        clerk_id = clerk.id
    window.set_current_user(clerk_id)
    assert not window.act_handover.isVisible()


def test_earlier_hand_overs_are_listed_and_their_letters_print_again(qtbot, database, w, monkeypatch):  # noqa: F811
    """I11: a lost letter is printed again from the recorded hand-over, as it was."""
    from crm_desktop.services import handover
    from crm_desktop.views import handover_wizard
    from crm_desktop.views.background import wait_for

    done = handover.hand_over(database, user(database, w.manager), w.tech, {("call", w.call): w.tech2},
                              reason="调走", effective_on=DAY)
    shown = []
    monkeypatch.setattr("crm_desktop.views.print_actions._show", lambda parent, pdf, form, title, name: shown.append(
        (form, title, pdf[:5])))
    dialog = handover_wizard.HandoverHistoryDialog(database, user(database, w.manager))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == done.handover_no
    assert dialog.print_selected() is None and dialog.message.text()  # nothing chosen yet
    dialog.table.selectRow(0)
    wait_for(dialog.print_selected())
    assert shown and shown[0][0] == "handover_letter" and shown[0][2] == b"%PDF-"
    with database.read_session() as s:
        from crm_desktop.models import AuditEntry

        line = s.scalar(select(AuditEntry).where(AuditEntry.action == "print").order_by(AuditEntry.id.desc()))
        assert (line.target_type, line.target_id) == ("handover_letter", done.handover_no)
