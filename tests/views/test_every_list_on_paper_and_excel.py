"""Every register and list of the window goes on paper and into Excel (X4; the paper-and-Excel
issue, item 9). The test walks the window's pages and its list dialogs: each has a way to
print (a preview of its layout from forms/) and a way to export (a workbook); a page added
without both fails here."""

from __future__ import annotations

from datetime import timedelta

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog, QFileDialog
from sqlalchemy import select

from crm_desktop import clock
from crm_desktop.models import AuditEntry, MaintenanceContract, RepairCard, RepairCardStatus
from crm_desktop.views import background
from crm_desktop.views.main_window import AT_RISK, BOARD, INVOICES, RENEWALS
from crm_desktop.views.print_preview import PrintPreviewDialog

pytestmark = pytest.mark.demo_data(calls=60, seed=5)

# page → (how it prints, how it exports)
PAGES = {
    "service_call": ("print_calls", "export"),
    "goods_entry": ("print_goods", "export"),
    "repair_card": ("print_cards", "export"),
    "customer": ("print_customers", "export"),
    BOARD: ("board.print_list", "export"),
    INVOICES: ("print", "export"),
    AT_RISK: ("print", "export"),
    RENEWALS: ("print", "export"),
}
# the lists that open in a dialog of their own, and the monthly report
DIALOG_LISTS = ("contracts", "renewals_due", "understaffed", "audit_log", "monthly")


@pytest.fixture
def demo_database(database):
    today = clock.today()
    with database.Session.begin() as s:
        contract = s.scalars(select(MaintenanceContract).order_by(MaintenanceContract.start_date.desc())).first()
        contract.start_date, contract.end_date = today - timedelta(days=300), today + timedelta(days=10)
        card = s.scalars(select(RepairCard).order_by(RepairCard.id)).first()
        card.status, card.promised_date = RepairCardStatus.OPEN.value, today - timedelta(days=2)
    return database


def _save_as(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), "*.xlsx"))


def _preview(owner, task):
    dialog = background.wait_for(task)
    assert isinstance(dialog, PrintPreviewDialog), owner
    assert dialog._pdf.startswith(b"%PDF"), owner
    dialog.close()
    return dialog


def _workbook(owner, path):
    assert path.is_file(), owner
    sheet = openpyxl.load_workbook(path).active
    assert sheet.max_row >= 3, owner  # the title, the headers, a row at least


def test_x4_every_page_of_the_window_prints_and_exports(window, demo_database, qtbot, monkeypatch, tmp_path):
    assert set(window.page_names()) == set(PAGES), "a page without its print and export"
    accept = lambda dialog: QDialog.DialogCode.Accepted  # noqa: E731 - the period dialogs' defaults
    from crm_desktop.views import print_actions

    monkeypatch.setattr(print_actions, "ask_and_preview",
                        lambda parent, database, form, ask=None, f=print_actions.ask_and_preview: f(parent, database, form, accept))
    for name, (printing, exporting) in PAGES.items():
        window.open_page(name)
        qtbot.wait(10)
        before = set(window.findChildren(PrintPreviewDialog))
        if printing == "board.print_list":
            _preview(name, window.board.print_list())
        elif printing == "print":
            assert window.act_print.isEnabled(), name
            window.act_print.trigger()
            _preview(name, window.last_output)
        else:
            window.actions_by_key[printing].trigger()
            shown = [d for d in window.findChildren(PrintPreviewDialog) if d not in before]
            assert shown and shown[0]._pdf.startswith(b"%PDF"), name
            shown[0].close()
        assert window.act_export.isEnabled(), name
        path = tmp_path / f"{name}.xlsx"
        _save_as(monkeypatch, path)
        window.act_export.trigger()
        background.wait_for(window.last_output) if name in (BOARD, INVOICES, AT_RISK, RENEWALS) else background.wait_idle()
        _workbook(name, path)


def test_x4_every_list_dialog_prints_and_exports(window, demo_database, qtbot, monkeypatch, tmp_path):
    from crm_desktop.views import monthly_report_action
    from crm_desktop.views.archive.understaffed_dialog import UnderstaffedDialog
    from crm_desktop.views.audit_log_dialog import AuditLogDialog
    from crm_desktop.views.dialogs.contracts_dialog import ContractsDialog

    user = window.logged_in()
    contracts = ContractsDialog(demo_database, window, user=user)
    understaffed = UnderstaffedDialog(demo_database, window, user=user)
    audit = AuditLogDialog(demo_database, user, window)
    for dialog in (contracts, understaffed, audit):
        qtbot.addWidget(dialog)
    pairs = {
        "contracts": (contracts.print_button, contracts.export_button),
        "renewals_due": (contracts.print_renewals_button, contracts.export_renewals_button),
        "understaffed": (understaffed.print_button, understaffed.export_button),
    }
    for owner, (print_button, export_button) in pairs.items():
        print_button.click()
        _preview(owner, print_button.window().last_output)
        path = tmp_path / f"{owner}.xlsx"
        _save_as(monkeypatch, path)
        export_button.click()
        background.wait_for(export_button.window().last_output)
        _workbook(owner, path)
    # the audit log prints what its filter shows; its export was there before
    audit.print_button.click()
    _preview("audit_log", audit.last_output)
    path = tmp_path / "audit.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), "*.xlsx"))
    background.wait_for(audit.export())
    _workbook("audit_log", path)
    # the monthly report: its workbook, and its summary on paper
    task = monthly_report_action.preview_monthly_summary(window, demo_database, user,
                                                          ask=lambda d: QDialog.DialogCode.Accepted)
    _preview("monthly", task)
    assert set(pairs) | {"audit_log", "monthly"} == set(DIALOG_LISTS)


def test_x4_a_list_printed_or_exported_is_audited_with_its_name(window, demo_database, monkeypatch, tmp_path):
    window.open_page(INVOICES)
    window.act_print.trigger()
    _preview(INVOICES, window.last_output)
    _save_as(monkeypatch, tmp_path / "invoices.xlsx")
    window.act_export.trigger()
    background.wait_for(window.last_output)
    with demo_database.read_session() as s:
        lines = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(2)).all()
    assert [(line.action, line.target_type) for line in lines] == [("export", "invoices_to_issue"),
                                                                   ("print", "invoices_to_issue")]
