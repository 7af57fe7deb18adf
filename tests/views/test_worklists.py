"""The day's work lists (S5, S8, S9): the accountant's invoices to issue and the supervisor's
repairs at risk, each a model checked by QAbstractItemModelTester, driven by the services."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from crm_desktop.models import Customer, CustomerProduct, RepairCard, ServiceCall, Staff
from crm_desktop.services import calls, pricing, process
from crm_desktop.views import worklists as pages
from crm_desktop.views.i18n import translate
from crm_desktop.views.worklists import (
    CALL_ID_ROLE,
    EscalateDialog,
    InvoiceNumberDialog,
    InvoicesPage,
    RepairsAtRiskPage,
)

MON = date(2026, 11, 16)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute)


@pytest.fixture
def w(database) -> SimpleNamespace:
    with database.Session.begin() as s:
        staff = {
            "clerk": Staff(name="钱文员", role="clerk"),
            "tech": Staff(name="王技师", role="technician"),
            "boss": Staff(name="孙主任", role="supervisor"),
            "accountant": Staff(name="李会计", role="accountant"),
        }
        customer = Customer(name="南京喆达办公用品商行", district="urban", phone="025-84561234", address="南京市秦淮区太平南路8号")
        product = CustomerProduct(customer=customer, model="理光 MP 2014", serial_no="RC-778899", warranty_end=date(2025, 1, 1))
        s.add_all([*staff.values(), customer])
        s.flush()
        pricing.set_rate(s, mode="on_site", valid_from="2026-01-01", hourly_rate="80", minimum_fee="80")
        pricing.set_rate(s, mode="repair", valid_from="2026-01-01", hourly_rate="60", minimum_fee="50")
        ids = {k: v.id for k, v in staff.items()}
        return SimpleNamespace(**ids, customer=customer.id, product=product.id)


def new_call(s, w, received: datetime) -> ServiceCall:
    return calls.register_call(
        s, customer_id=w.customer, product_id=w.product, received_at=received, fault="卡纸，纸盒二进纸有异响",
        registered_by_id=w.clerk,
    )


def signed_on_site(database, w, received: datetime = at(16, 9)) -> int:
    """S4/S5: a paid job done on site, the fee collected, the voucher signed."""
    with database.Session.begin() as s:
        call = new_call(s, w, received)
        day = received.day
        process.dispatch(s, call.id, w.tech, at(day, 9, 30), w.boss)
        process.arrive(s, call.id, at(day, 11), w.tech)
        process.complete_on_site(s, call.id, when=at(day, 12), work_done="清洁搓纸轮", hours_spent="1.5", by_id=w.tech,
                                 payment_method="collected")
        process.sign(s, call.id, signed_by="张伟", when=at(day, 12, 5), by_id=w.tech)
        return call.id


def taken_back(database, w, received: datetime, promised: str) -> int:
    with database.Session.begin() as s:
        call = new_call(s, w, received)
        day = received.day
        process.dispatch(s, call.id, w.tech, at(day, 9, 30), w.boss)
        process.arrive(s, call.id, at(day, 11), w.tech)
        process.take_back(s, call.id, when=at(day, 11, 30), by_id=w.tech, condition="外壳有划痕", accessories="电源线",
                          promised_date=promised)
        return call.id


def fake_exec(fill):
    def run(dialog):
        fill(dialog)
        dialog.accept()
        return dialog.result()
    return run


# --------------------------------------------------------------------------- 待开发票 (S5, S8)


def test_s8_the_invoice_page_lists_a_paid_signed_call_and_recording_its_number_removes_it(
    app, database, w, qtbot, monkeypatch
):
    call_id = signed_on_site(database, w)
    page = InvoicesPage(database, current_user_id=w.accountant)
    qtbot.addWidget(page)
    QAbstractItemModelTester(page.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    page.clock = lambda: date(2026, 11, 18)
    page.refresh()
    assert page.model.rowCount() == 1
    cells = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert cells[1] == "南京喆达办公用品商行" and cells[2] == "120.00" and cells[3] == "2026-11-16"
    assert "120.00" in cells[4]  # collected on site: the invoice is mailed
    assert "2" in cells[5]  # overdue by two days
    assert page.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # overdue: red
    assert page.model.index(0, 0).data(CALL_ID_ROLE) == call_id
    assert not page.record_button.isEnabled()
    page.view.selectRow(0)
    assert page.record_button.isEnabled() and page.selected_call_id() == call_id

    def fill(dialog):
        dialog.fields["invoice_no"].setText("04497215")
    monkeypatch.setattr(InvoiceNumberDialog, "exec", fake_exec(fill))
    with qtbot.waitSignal(page.invoiceRecorded):
        assert page.record_invoice() == call_id
    assert page.model.rowCount() == 0
    with database.Session() as s:
        call = s.get(ServiceCall, call_id)
        assert (call.invoice_no, call.invoice_by_id) == ("04497215", w.accountant)


def test_s5_only_the_accountant_records_an_invoice_number(app, database, w, qtbot):
    call_id = signed_on_site(database, w)
    page = InvoicesPage(database, current_user_id=w.clerk)
    qtbot.addWidget(page)
    page.clock = lambda: MON
    page.refresh()
    assert page.model.index(0, 5).data() == page.model.tr("Due today")
    assert page.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    dialog = page.invoice_dialog(call_id)
    qtbot.addWidget(dialog)
    dialog.fields["invoice_no"].setText("04497215")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    expected = translate("Process", "{name} is not an accountant: only an accountant records invoices.").format(name="钱文员")
    assert dialog._messages["by_id"].text() == expected and not dialog._messages["by_id"].isHidden()
    dialog.fields["invoice_no"].clear()
    dialog.accept()
    assert not dialog._messages["invoice_no"].isHidden()  # the missing number, at its field
    with database.Session() as s:
        assert s.get(ServiceCall, call_id).invoice_no is None
    page.refresh()
    assert page.model.rowCount() == 1


# --------------------------------------------------------------------------- 逾期维修预警 (S9)


def test_s9_the_at_risk_page_lists_a_late_repair_with_its_escalation_note(app, database, w, qtbot, monkeypatch):
    late = taken_back(database, w, at(16, 9), "2026-11-19")
    calm = taken_back(database, w, at(16, 9, 10), "2026-11-27")
    page = RepairsAtRiskPage(database, current_user_id=w.tech)
    qtbot.addWidget(page)
    QAbstractItemModelTester(page.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    page.clock = lambda: date(2026, 11, 20)  # Friday: the 19th is missed
    page.refresh()
    assert page.model.rowCount() == 1
    row = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert row[2] == "南京喆达办公用品商行" and row[3] == "理光 MP 2014" and row[4] == "王技师"
    assert row[5] == "2026-11-19" and row[6] == page.model.days_text(-1, date(2026, 11, 19))
    assert page.model.index(0, 6).data(Qt.ItemDataRole.BackgroundRole).color() == pages.OVERDUE_BACKGROUND

    # the technician escalates the other repair: it joins the list with its note
    def fill(dialog):
        dialog.fields["escalation_note"].setPlainText("等配件，厂家缺货，预计下周三到货")
    monkeypatch.setattr(EscalateDialog, "exec", fake_exec(fill))
    with qtbot.waitSignal(page.escalated):
        assert page.escalate(calm) == calm
    assert page.model.rowCount() == 2
    escalated = next(r for r in range(2) if page.model.index(r, 0).data(CALL_ID_ROLE) == calm)
    assert page.model.index(escalated, 8).data() == "等配件，厂家缺货，预计下周三到货"
    assert "等配件" in page.model.index(escalated, 8).data(Qt.ItemDataRole.ToolTipRole)
    with database.Session() as s:
        card = s.query(RepairCard).filter_by(call_id=calm).one()
        assert (card.escalation_note, card.escalated_by_id) == ("等配件，厂家缺货，预计下周三到货", w.tech)

    # amber: due on the next working day
    page.clock = lambda: date(2026, 11, 18)
    page.refresh()
    first = page.model.index(0, 6)
    assert first.data(CALL_ID_ROLE) == late and first.data(Qt.ItemDataRole.BackgroundRole).color() == pages.DUE_SOON_BACKGROUND

    # a wider window shows the repairs promised later
    page.within.setValue(10)
    assert page.model.rowCount() == 2

    # double-click: the main window opens the call
    with qtbot.waitSignal(page.callActivated) as signal:
        page.view.doubleClicked.emit(page.model.index(0, 2))
    assert signal.args == [late]


def test_s9_an_escalation_without_a_note_is_refused_at_the_field(app, database, w, qtbot):
    call_id = taken_back(database, w, at(16, 9), "2026-11-19")
    dialog = EscalateDialog(database, call_id, by_id=w.tech)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not dialog._messages["escalation_note"].isHidden()
    with database.Session() as s:
        assert s.query(RepairCard).filter_by(call_id=call_id).one().escalation_note is None


# --------------------------------------------------------------------------- screenshots

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def test_the_pages_over_a_week_of_work_are_grabbed(app, database, qtbot):
    from .branch_data import TODAY, build

    b = build(database)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    invoices = InvoicesPage(database, current_user_id=b.accountant)
    qtbot.addWidget(invoices)
    invoices.clock = lambda: TODAY
    invoices.resize(1100, 420)
    invoices.show()
    qtbot.waitExposed(invoices)
    qtbot.wait(50)  # let the layout settle before grabbing
    invoices.refresh()
    assert invoices.model.rowCount() == 5
    invoices.view.selectRow(1)
    assert invoices.grab().save(str(SCREENSHOTS / "invoices_page.png"))
    dialog = invoices.invoice_dialog(invoices.selected_call_id())
    qtbot.addWidget(dialog)
    dialog.fields["invoice_no"].setText("04497215")
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)  # let the layout settle before grabbing
    assert dialog.grab().save(str(SCREENSHOTS / "invoice_number_dialog.png"))

    risky = RepairsAtRiskPage(database, current_user_id=b.wang)
    qtbot.addWidget(risky)
    risky.clock = lambda: TODAY
    risky.resize(1280, 420)
    risky.show()
    qtbot.waitExposed(risky)
    qtbot.wait(50)  # let the layout settle before grabbing
    risky.refresh()
    assert risky.model.rowCount() == 5  # four due by Monday (one escalated) and one escalated later
    risky.view.selectRow(1)
    assert risky.grab().save(str(SCREENSHOTS / "repairs_at_risk_page.png"))
    escalate = risky.escalate_dialog(risky.selected_row().call_id)
    qtbot.addWidget(escalate)
    escalate.fields["escalation_note"].setPlainText("投影灯板需返厂检测，约需5个工作日")
    escalate.show()
    qtbot.waitExposed(escalate)
    qtbot.wait(50)  # let the layout settle before grabbing
    assert escalate.grab().save(str(SCREENSHOTS / "escalate_dialog.png"))
