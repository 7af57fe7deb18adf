"""The call's process panel (S2–S9): its history model (checked by QAbstractItemModelTester),
the buttons of the next steps by role, steps and taking back through the panel, and the
panel inside the call's dialog."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from crm_desktop.clock import now_to_minute as now
from crm_desktop.models import CallStep, ServiceCall
from crm_desktop.services import process
from crm_desktop.services.process import Step
from crm_desktop.views.call_process import HistoryModel, ProcessPanel, status_name
from crm_desktop.views.dialogs import next_steps, run_step
from crm_desktop.views.dialogs.call_dialog import CallDialog

from ..factories import count
from .test_steps import new_call, w  # noqa: F401 - the fixture

DISPLAY = Qt.ItemDataRole.DisplayRole


def advance(w, call_id: int, until: str) -> None:
    """The call moved along the take-back path by the services, up to ``until``."""
    start = now() - timedelta(hours=3)

    def t(minutes: int):
        return start + timedelta(minutes=minutes)

    path = [
        ("dispatch", lambda s: process.dispatch(s, call_id, w.tech, t(0), w.boss)),
        ("arrive", lambda s: process.arrive(s, call_id, t(10), w.tech)),
        ("take_back", lambda s: process.take_back(
            s, call_id, when=t(20), by_id=w.tech, condition="外观完好", accessories="电源线")),
        ("quote", lambda s: process.record_quote(s, call_id, amount="380", when=t(30), by_id=w.clerk)),
        ("consent", lambda s: process.record_consent(
            s, call_id, given=True, consent_by="张伟", channel="phone", when=t(40), by_id=w.clerk)),
        ("start_repair", lambda s: process.start_repair(s, call_id, t(50), w.tech)),
        ("finish_repair", lambda s: process.finish_repair(
            s, call_id, when=t(70), repair_hours="1", by_id=w.tech, work_done="更换搓纸轮")),
    ]
    with w.database.Session.begin() as s:
        for name, step in path:
            step(s)
            if name == until:
                return


def panel_for(qtbot, w, call_id: int, user: int | None) -> ProcessPanel:
    panel = ProcessPanel(w.database, call_id, user)
    qtbot.addWidget(panel)
    return panel


def fill_and_accept(**values):
    """An ``exec_dialog`` for the panel: fill the form and save it, as the clerk would."""

    def run(dialog):
        for name, value in values.items():
            dialog.fields[name].setText(value)
        dialog.accept()
        return dialog.result()

    return run


def test_the_history_model_passes_the_model_tester_with_taken_back_lines(app, w, qtbot):
    call_id = new_call(w)
    advance(w, call_id, "take_back")
    with w.database.Session.begin() as s:
        process.undo_last_step(s, call_id, reason="现场已修好，未取回", by_id=w.boss)
        lines = process.history(s, call_id)
    model = HistoryModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_lines(lines)
    model.set_lines(lines[:2])
    model.set_lines(lines)
    assert model.rowCount() == 5 and model.columnCount() == 5
    taken_back, undo = model.index(3, HistoryModel.STEP), model.index(4, HistoryModel.STEP)
    assert model.data(taken_back, Qt.ItemDataRole.FontRole).strikeOut()
    assert "现场已修好，未取回" in model.data(taken_back, Qt.ItemDataRole.ToolTipRole)
    assert model.data(undo, DISPLAY).startswith("↶")
    assert model.data(undo, Qt.ItemDataRole.FontRole).italic() and not model.data(undo, Qt.ItemDataRole.FontRole).strikeOut()
    assert model.data(model.index(0, HistoryModel.STEP), Qt.ItemDataRole.FontRole) is None
    assert "→" in model.data(model.index(1, HistoryModel.STATUS), DISPLAY)
    assert model.data(model.index(1, HistoryModel.BY), DISPLAY) == "孙主任"
    assert model.data(model.index(99, 0), DISPLAY) is None


def test_s3_s7_steps_of_the_supervisor_are_greyed_for_others_with_the_reason(app, w, qtbot):
    call_id = new_call(w)
    clerk = panel_for(qtbot, w, call_id, w.clerk)
    dispatch = clerk.step_buttons[Step.DISPATCH]
    assert not dispatch.isEnabled() and "钱文员" in dispatch.toolTip()
    assert clerk.step_buttons[Step.CANCEL].isEnabled()
    assert not clerk.undo_button.isEnabled()
    advance(w, call_id, "finish_repair")
    clerk.refresh()
    assert not clerk.step_buttons[Step.INSPECT].isEnabled()
    boss = panel_for(qtbot, w, call_id, w.boss)
    assert boss.step_buttons[Step.INSPECT].isEnabled() and boss.undo_button.isEnabled()
    nobody = panel_for(qtbot, w, call_id, None)
    assert not any(b.isEnabled() for s, b in nobody.step_buttons.items() if s != Step.CHANGE_KIND)


def test_s7_return_without_inspection_has_no_button(app, w, qtbot):
    call_id = new_call(w)
    advance(w, call_id, "finish_repair")
    assert Step.RETURN_GOODS not in process.next_steps("repaired")
    panel = panel_for(qtbot, w, call_id, w.boss)
    assert Step.RETURN_GOODS not in panel.step_buttons
    assert Step.INSPECT in panel.step_buttons and Step.RETURN_UNREPAIRED in panel.step_buttons
    assert next_steps(w.database, call_id) == list(panel.step_buttons)


def test_s8_the_invoice_button_is_the_accountants(app, w, qtbot):
    call_id = new_call(w)
    advance(w, call_id, "arrive")
    with w.database.Session.begin() as s:
        process.complete_on_site(s, call_id, when=now() - timedelta(hours=2), work_done="调整", hours_spent="1",
                                 by_id=w.tech, payment_method="invoice")
    assert not panel_for(qtbot, w, call_id, w.clerk).step_buttons[Step.INVOICE].isEnabled()
    assert panel_for(qtbot, w, call_id, w.accountant).step_buttons[Step.INVOICE].isEnabled()


def test_s1_a_free_job_offers_no_fee_or_quote_steps(app, w, qtbot):
    call_id = new_call(w)
    advance(w, call_id, "take_back")
    with w.database.Session.begin() as s:
        process.change_kind(s, call_id, kind="C", reason="保修期内", by_id=w.clerk)
    panel = panel_for(qtbot, w, call_id, w.clerk)
    assert Step.QUOTE not in panel.step_buttons and Step.SET_FEE not in panel.step_buttons
    assert Step.START_REPAIR in panel.step_buttons


def test_s4_a_step_through_the_panel_reloads_it_and_tells_the_register(app, w, qtbot):
    call_id = new_call(w)
    advance(w, call_id, "dispatch")
    panel = panel_for(qtbot, w, call_id, w.tech)
    assert Step.ARRIVE in panel.step_buttons
    panel.exec_dialog = fill_and_accept()
    with qtbot.waitSignal(panel.stepSaved) as signal:
        panel.step_buttons[Step.ARRIVE].click()
    assert signal.args == [call_id]
    assert panel.status == "arrived" and panel.model.rowCount() == 3
    assert Step.COMPLETE_ON_SITE in panel.step_buttons and Step.ARRIVE not in panel.step_buttons
    assert panel.model.data(panel.model.index(2, HistoryModel.BY), DISPLAY) == "王技师"


def test_a_supervisor_takes_a_step_back_through_the_panel(app, w, qtbot):
    call_id = new_call(w)
    advance(w, call_id, "take_back")
    panel = panel_for(qtbot, w, call_id, w.boss)
    assert panel.undo_button.isEnabled()
    cancelled = fill_and_accept()  # no reason: refused, the form stays open and nothing is saved
    panel.exec_dialog = cancelled
    before = count(w.database, CallStep)
    assert panel.run_step(Step.UNDO) is False
    assert count(w.database, CallStep) == before
    panel.exec_dialog = fill_and_accept(reason="现场已修好，未取回")
    with qtbot.waitSignal(panel.stepSaved):
        panel.undo_button.click()
    assert panel.status == "arrived"
    rows = panel.model.rowCount()
    taken_back = panel.model.index(rows - 2, HistoryModel.STEP)
    assert panel.model.data(taken_back, Qt.ItemDataRole.FontRole).strikeOut()
    assert panel.model.data(panel.model.index(rows - 1, HistoryModel.NOTE), DISPLAY) == "现场已修好，未取回"
    assert Step.TAKE_BACK in panel.step_buttons  # offered again


def test_the_call_dialog_opens_on_its_process_and_reports_each_step(app, w, qtbot):
    call_id = new_call(w)
    advance(w, call_id, "dispatch")
    saved = []
    dialog = CallDialog(w.database, call_id=call_id, current_user_id=w.tech, on_saved=lambda n, i: saved.append((n, i)))
    qtbot.addWidget(dialog)
    assert dialog.tabs.currentWidget() is dialog.process_panel
    assert dialog.process_panel.model.rowCount() == 2
    dialog.process_panel.exec_dialog = fill_and_accept()
    dialog.process_panel.run_step(Step.ARRIVE)
    assert saved == [("service_call", call_id)]
    assert dialog.state_label.text().startswith(status_name("arrived"))  # the registration tab too
    with w.database.Session() as s:
        assert s.get(ServiceCall, call_id).status == "arrived"
    # the registration tab still saves plain fields, and shows itself when one is refused
    dialog.fields["phone"].setText("abc")
    dialog.accept()
    assert dialog.tabs.currentWidget() is not dialog.process_panel
    assert not dialog._messages["phone"].isHidden()
    dialog.fields["phone"].setText("025-84561234")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with w.database.Session() as s:
        call = s.get(ServiceCall, call_id)
        assert (call.phone, call.status) == ("025-84561234", "arrived")


def test_run_step_offers_the_same_forms_to_the_main_window(app, w, qtbot, monkeypatch):
    from crm_desktop.views.dialogs import steps

    call_id = new_call(w)
    advance(w, call_id, "dispatch")
    monkeypatch.setattr(steps.ArriveDialog, "exec", lambda self: (self.accept(), self.result())[1])
    saved = []
    assert run_step(None, w.database, call_id, Step.ARRIVE, w.tech, lambda n, i: saved.append((n, i))) == call_id
    assert saved == [("service_call", call_id)]


@pytest.mark.parametrize("user", ["clerk", "boss"])
def test_a_new_call_records_who_registered_it(app, w, qtbot, user):
    from crm_desktop.views.dialogs.call_dialog import CallDialog as Dialog

    dialog = Dialog(w.database, current_user_id=getattr(w, user))
    qtbot.addWidget(dialog)
    dialog.set_customer(w.customer)
    dialog.fields["fault"].setPlainText("不进纸")
    dialog.accept()
    with w.database.Session() as s:
        assert s.get(ServiceCall, dialog.saved_id).registered_by_id == getattr(w, user)
