"""The whole paid repair at the counter by keys alone (issue 13, item 2): new call, dispatch,
arrival, take-back, quote and consent, repair, inspection, return, signature, receipt voided,
closed — S2–S9 through the main window, the clerk and the supervisor each logging in by
keyboard for their own steps. The database is checked after every step, and every form
that opens lies on the screen.

Nothing here calls a widget: keys go to whatever has the focus (tests/views/keyboard.py).
The suite runs it on its 800×600 screen; tests/views/test_every_dialog.py runs it again on
the clerk's 1366×768 (less the taskbar)."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm_desktop.clock import now_to_minute as now
from crm_desktop.models import CallStep, Customer, CustomerProduct, GoodsEntry, RepairCard, ServiceCall, Staff
from crm_desktop.services import auth, pricing
from crm_desktop.views.dialogs import steps
from crm_desktop.views.dialogs.call_dialog import CallDialog
from crm_desktop.views.dialogs.process import DispatchDialog
from crm_desktop.views.dialogs.takeback_papers import TakeBackPapersDialog
from crm_desktop.views.login import LoginDialog

from .keyboard import ALT, CTRL, back_in, drive, focus, key, modal, modal_is, typing, until

PASSWORD = "counter-2026"


@pytest.fixture
def branch(database):
    """A clerk, a technician and the supervisor, each with an account; a customer whose
    copier is out of warranty (a paid job, A); the repair rate 60/h (at least 50)."""
    with database.Session.begin() as s:
        people = {
            "qian": Staff(name="钱文员", role="clerk"),
            "wang": Staff(name="王技师", role="technician"),
            "sun": Staff(name="孙主任", role="supervisor"),
        }
        customer = Customer(name="张伟", district="urban", phone="13812345678", address="南京市鼓楼区中山路5号")
        CustomerProduct(customer=customer, model="FC-2020", serial_no="SN-OLD",
                        warranty_end=now().date() - timedelta(days=400))
        s.add_all([*people.values(), customer])
        s.flush()
        for login, person in people.items():
            auth.create_account(s, person.id, login, PASSWORD, must_change_password=False)
        start = (now() - timedelta(days=400)).date()
        pricing.set_rate(s, mode="on_site", valid_from=start, hourly_rate="80", minimum_fee="80")
        pricing.set_rate(s, mode="repair", valid_from=start, hourly_rate="60", minimum_fee="50")
        return {login: person.id for login, person in people.items()}


def the_call(database) -> ServiceCall | None:
    with database.read_session() as s:
        call = s.scalar(select(ServiceCall).order_by(ServiceCall.id.desc()))
        if call is not None:
            s.expunge(call)
        return call


def steps_of(database, call_id: int) -> list[str]:
    with database.read_session() as s:
        return list(s.scalars(select(CallStep.step).where(CallStep.call_id == call_id).order_by(CallStep.id)))


@pytest.fixture
def window(app, database, branch, qtbot):
    from crm_desktop.views.main_window import MainWindow

    w = MainWindow(database, current_user_id=branch["qian"])
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


def log_in_as(window, login: str):
    """File → Switch user (Alt+F, U), the login name, Tab, the password, Enter."""
    yield from until(back_in(window), "the main window")
    yield from key("F", ALT)
    yield from key("U")
    yield from until(modal_is(LoginDialog), "the login dialog")
    yield from typing(login)
    yield from key("Tab")
    yield from typing(PASSWORD)
    yield from key("Return")
    yield from until(back_in(window), "the login dialog closed")


def open_selected_call(window):
    """Ctrl+O: the call the register selects, on its process tab."""
    yield from until(back_in(window), "the main window")
    yield from key("O", CTRL)
    yield from until(modal_is(CallDialog), "the call")
    on_the_screen(modal())


def take_step(step: str, form: type):
    """Alt and the step's number, as its button reads (步骤(&3)…), then its form."""
    button = modal().process_panel.step_buttons[step]
    assert button.isEnabled(), (step, button.toolTip())
    number = re.search(r"\(&(\d)\)", button.text()).group(1)
    yield from key(number, ALT)
    yield from until(modal_is(form), f"the form of {step}")
    on_the_screen(modal())


def on_the_screen(window) -> None:
    area = window.screen().availableGeometry()
    assert area.contains(window.frameGeometry()), (type(window).__name__, area, window.frameGeometry())


def test_a_paid_repair_from_the_call_to_closed_by_keys_only(window, database, branch, qtbot):
    if os.environ.get("CRM_TEST_SCREEN") == "1366x768":
        assert window.screen().geometry().width() == 1366
    on_the_screen(window)
    def script():
        # S2: Ctrl+N, the customer by name, Enter picks the only match (and its only copier);
        # the fault; Ctrl+Enter saves from the text box
        yield from key("N", CTRL)
        yield from until(modal_is(CallDialog), "the new call's form")
        on_the_screen(modal())
        yield from typing("张伟")
        yield from key("Return")
        yield from until(lambda: modal().customer_id is not None, "the customer picked")
        yield from typing("卡纸，有异响")
        yield from key("Return", CTRL)
        yield from until(back_in(window), "the new call saved")
        call = the_call(database)
        assert (call.customer_name, call.fault, call.service_kind, call.status) == ("张伟", "卡纸，有异响", "A", "registered")
        assert call.registered_by_id == branch["qian"] and call.product_id is not None
        assert steps_of(database, call.id) == ["register"]

        # S3: the supervisor logs in and dispatches the call the register now selects (Ctrl+D)
        yield from log_in_as(window, "sun")
        assert window.current_user_id == branch["sun"]
        yield from key("D", CTRL)
        yield from until(modal_is(DispatchDialog), "the dispatch form")
        on_the_screen(modal())
        yield from key("Down")  # the technician
        yield from key("Return")
        yield from until(back_in(window), "the dispatch saved")
        call = the_call(database)
        assert (call.status, call.technician_id) == ("dispatched", branch["wang"])

        # S4: back to the clerk, who records what the technician reports by phone. Ctrl+O
        # opens the call on its process, the keyboard on the usual next step: Enter opens it
        yield from log_in_as(window, "qian")
        yield from open_selected_call(window)
        assert focus() is modal().process_panel.step_buttons["arrive"]
        yield from key("Return")
        yield from until(modal_is(steps.ArriveDialog), "the arrival form")
        yield from key("Return")  # the time proposed is now
        yield from until(modal_is(CallDialog), "back at the call")
        assert the_call(database).status == "arrived"

        # S6: taken back (Alt+number of the step): condition, accessories, the promised date
        yield from take_step("take_back", steps.TakeBackDialog)
        assert focus() is modal().fields["condition"]  # the time is proposed: the first field to fill
        yield from typing("外壳有划痕")
        yield from key("Tab")
        yield from typing("电源线一根")
        yield from key("Return", CTRL)
        yield from until(modal_is(TakeBackPapersDialog), "the papers")
        papers = modal()
        receipt_no, card_no = papers.receipt_no, papers.card_no
        with database.read_session() as s:
            entry = s.scalar(select(GoodsEntry).where(GoodsEntry.receipt_no == receipt_no))
            card = s.scalar(select(RepairCard).where(RepairCard.card_no == card_no))
            assert (entry.condition, entry.accessories, card.goods_entry_id) == ("外壳有划痕", "电源线一根", entry.id)
        assert the_call(database).status == "taken_back"
        yield from key("Escape")  # the papers are printed later
        yield from until(modal_is(CallDialog), "back at the call")

        # S6: the quote (6 h at 60 = 360; 380 is within 20 %), then the customer's yes by phone
        yield from take_step("quote", steps.QuoteDialog)
        assert focus() is modal().fields["quote_amount"]
        yield from typing("380")
        yield from key("Tab")
        yield from typing("6")
        yield from key("Return")
        yield from until(modal_is(CallDialog), "back at the call")
        yield from take_step("consent", steps.ConsentDialog)
        yield from key("Return")  # answered by the customer himself, by phone: as proposed
        yield from until(modal_is(CallDialog), "back at the call")
        with database.read_session() as s:
            card = s.scalar(select(RepairCard).where(RepairCard.card_no == card_no))
            assert (card.quote_amount, card.consent_given, card.consent_by) == (Decimal("380.00"), True, "张伟")

        # S6: repaired: 2 h, the work done
        yield from take_step("start_repair", steps.StartRepairDialog)
        yield from key("Return")
        yield from until(modal_is(CallDialog), "back at the call")
        assert the_call(database).status == "in_repair"
        yield from take_step("finish_repair", steps.FinishRepairDialog)
        yield from key("Tab")  # from the time to the hours
        yield from key("A", CTRL)
        yield from typing("2")
        yield from key("Tab")
        yield from typing("更换搓纸轮")
        yield from key("Return", CTRL)
        yield from until(modal_is(CallDialog), "back at the call")
        with database.read_session() as s:
            card = s.scalar(select(RepairCard).where(RepairCard.card_no == card_no))
            assert (card.repair_hours, card.work_done) == (Decimal("2.00"), "更换搓纸轮")
        assert the_call(database).status == "repaired"

        # S7: the supervisor inspects: Esc closes the call, he logs in, opens it, passes it
        yield from key("Escape")
        yield from log_in_as(window, "sun")
        yield from open_selected_call(window)
        yield from take_step("inspect", steps.InspectDialog)
        yield from key("Return", CTRL)  # passed, as proposed
        yield from until(modal_is(CallDialog), "back at the call")
        assert the_call(database).status == "inspected"
        yield from key("Escape")

        # S7, S8: the clerk returns the goods, the customer signs, the receipt is scanned back
        yield from log_in_as(window, "qian")
        yield from open_selected_call(window)
        yield from take_step("return_goods", steps.ReturnGoodsDialog)
        yield from key("Return")
        yield from until(modal_is(CallDialog), "back at the call")
        yield from take_step("sign", steps.SignDialog)
        yield from key("Return")
        yield from until(modal_is(CallDialog), "back at the call")
        assert the_call(database).status == "return_signed"
        yield from take_step("void_receipt", steps.VoidReceiptDialog)
        yield from typing(receipt_no.lower())  # the scanner types the number and Enter
        yield from key("Return")
        yield from until(modal_is(CallDialog), "back at the call")
        assert the_call(database).status == "receipt_voided"

        # S5, S8: closing with the fee neither collected nor to be invoiced is refused at
        # the field, which takes the keyboard: Space marks it for invoicing, Enter closes
        yield from take_step("close", steps.CloseDialog)
        yield from key("Return")
        yield from until(lambda: not modal()._messages["payment_method"].isHidden(), "the refusal")
        assert the_call(database).status == "receipt_voided"
        assert focus() is modal().fields["payment_method"]
        yield from key("Space")
        yield from key("Return")
        yield from until(modal_is(CallDialog), "back at the call")
        call = the_call(database)
        assert (call.status, call.payment_method) == ("closed", "invoice")
        yield from key("Escape")
        yield from until(back_in(window), "the call closed")

    drive(qtbot, script(), timeout_s=120)
    with database.read_session() as s:
        call = s.scalar(select(ServiceCall))
        by = {step.step: step.by_id for step in s.scalars(select(CallStep).where(CallStep.call_id == call.id))}
    assert steps_of(database, call.id) == [
        "register", "dispatch", "arrive", "take_back", "quote", "consent", "start_repair", "finish_repair",
        "inspect", "return_goods", "sign", "void_receipt", "close"]
    assert (by["dispatch"], by["inspect"], by["close"]) == (branch["sun"], branch["sun"], branch["qian"])
