"""Every window of the program, each with a factory that opens it over realistic data.

One list (``CATALOGUE``) of every dialog and window class in ``crm_desktop.views``, so that
a check that must hold for all of them (tests/views/test_every_dialog.py: it fits the
clerk's screen, its Tab order, its accelerators) cannot forget one: ``dialog_classes()``
walks the modules of ``views`` for QDialog/QWizard/QMainWindow subclasses, and
``test_every_dialog_class_is_in_the_catalogue`` fails for a class listed nowhere here.

The data is a small demo database (``DEMO``) with what makes a window tall or wide: the
customer with the longest name and address, the call with the longest history, for each
process step a call in a status that allows that step (a paid one where there is one:
its fee fields). ``Scene`` finds them once; a factory takes the scene and returns the window,
not yet shown. A wizard's entry also has ``pages``: the moves that take it to each of its
later pages (each page is checked in turn).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from PySide6.QtWidgets import QDialog, QMainWindow, QWidget
from sqlalchemy import func, select

from crm_desktop import clock
from crm_desktop.db import Database
from crm_desktop.models import (
    CallStep,
    Customer,
    CustomerContact,
    GoodsEntry,
    MaintenanceContract,
    RepairCard,
    RepairPart,
    ServiceCall,
    Staff,
)
from crm_desktop.services import auth
from crm_desktop.services.closed_records import CLOSED_CARD_STATUSES
from crm_desktop.services.process import states
from crm_desktop.services.process.states import Step

DEMO = {"calls": 60, "seed": 5}

# bases that are never opened themselves: their subclasses are listed
BASES = {
    "crm_desktop.views.dialogs.form.RecordDialog",
    "crm_desktop.views.dialogs.steps.StepDialog",
    "crm_desktop.views.archive.edit_dialogs.ArchiveEditDialog",
}
# not a window of its own: the helpers of save_dialog.py ask through Qt's QFileDialog


class Scene:
    """The rows of the demo database that make each window show the most."""

    def __init__(self, database: Database, folder: Path) -> None:
        self.database = database
        self.folder = folder  # for files a window needs (an import sheet)
        self.today = clock.today()
        with database.read_session() as s:
            people = s.scalars(select(Staff).where(Staff.active.is_(True)).order_by(Staff.id)).all()
            self.staff = {p.role: p.id for p in reversed(people)}  # the first of each role
            customers = s.scalars(select(Customer)).all()
            self.customer = max(customers, key=lambda c: len(c.name) + len(c.address or "")).id
            steps = dict(s.execute(select(CallStep.call_id, func.count()).group_by(CallStep.call_id)).all())
            calls = s.scalars(select(ServiceCall)).all()
            longest = lambda c: (steps.get(c.id, 0), len(c.customer_name))  # noqa: E731
            self.call = max((c for c in calls if c.status not in states.CLOSED_STATUSES), key=longest).id
            self.closed_call = max((c for c in calls if c.status in states.CLOSED_STATUSES), key=longest).id
            self.step_calls: dict[str, int] = {}
            for step in [*states.STEPS, Step.UNDO]:
                fitting = [c for c in calls if step == Step.UNDO or states.allows(c.status, step)]
                fitting = [c for c in fitting if c.service_kind == "A"] or fitting  # a paid job: its fee fields
                if fitting:  # the longest history, the longest customer's name
                    self.step_calls[step] = max(fitting, key=longest).id
            self.goods = s.scalar(select(GoodsEntry.id).join(RepairCard, RepairCard.goods_entry_id == GoodsEntry.id)
                                  .order_by(GoodsEntry.id.desc()).limit(1))
            parts = dict(s.execute(select(RepairPart.card_id, func.count()).group_by(RepairPart.card_id)).all())
            cards = s.scalars(select(RepairCard)).all()
            self.card = max((c for c in cards if c.status not in CLOSED_CARD_STATUSES),
                            key=lambda c: (parts.get(c.id, 0), c.id)).id
            self.closed_card = max((c for c in cards if c.status in CLOSED_CARD_STATUSES),
                                   key=lambda c: (parts.get(c.id, 0), c.id)).id
            self.contract = s.scalar(select(MaintenanceContract.id).limit(1))
        with database.Session.begin() as s:  # the archive's contacts are not in the demo
            contact = CustomerContact(customer_id=self.customer, name="欧阳建国", position="设备科科长",
                                      phone="025-84561234", remarks="负责全公司复印机的采购与保养合同")
            s.add(contact)
            s.flush()
            self.contact = contact.id

    def user(self, role: str = "admin") -> auth.LoggedIn:
        with self.database.read_session() as s:
            person = s.get(Staff, self.staff[role])
            return auth.LoggedIn(person.id, person.name, person.role, person.name, False)


Factory = Callable[[Scene], QWidget]
Move = Callable[[QWidget, Scene], None]


@dataclass(frozen=True)
class Entry:
    cls: type
    open: Factory
    pages: tuple[Move, ...] = field(default=())  # a wizard's moves to its next pages
    record: bool = False  # a RecordDialog: a refused save shows a message under every field
    variant: str = ""  # a second way the same class opens (a closed record, read-only)

    @property
    def name(self) -> str:
        return self.cls.__name__ + (f"-{self.variant}" if self.variant else "")


def _pdf(scene: Scene) -> bytes:
    from crm_desktop.printing import forms, print_records
    from crm_desktop.views.i18n import translate

    with scene.database.read_session() as s:
        records = forms.records_by_ids(s, "service_voucher", [scene.call], translate)
    pdf, _report = print_records("service_voucher", records, None, None)
    return pdf


def _renewal_line(scene: Scene):
    """The renewal of the scene's contract, as the renewals page lists it."""
    from crm_desktop.services import renewals
    from crm_desktop.services.contracts import contract_lines, months_before, products_text

    with scene.database.read_session() as s:
        line = contract_lines(s, [scene.contract])[0]
    return renewals.RenewalLine(line.id, line.contract_no, line.customer_name, products_text(line.products), line.end_date,
                                months_before(line.end_date), line.fee, line.keeper or "", None, None, line.keeper or "")


def _admin(scene: Scene):
    with scene.database.read_session() as s:
        return auth.user_of(s, scene.staff["admin"])


def _restore_result(scene: Scene):
    """What a restore of yesterday's backup reports: 40 records to enter again."""
    from crm_desktop.services.restore import MissingRecord, RaisedCounter, RestoreResult

    folder = scene.database.config.data_dir
    missing = [MissingRecord("service_call", f"JX20261207-{n:03}", "2026-12-07 09:30", "南京宏达电子设备有限公司")
               for n in range(1, 41)]
    return RestoreResult(folder / "backups" / "crm_desktop-2026-12-06-180000.sqlite3", folder / "crm_desktop.sqlite3",
                         folder / "backups" / "replaced" / "crm_desktop-before-restore-2026-12-07-101500.sqlite3",
                         True, "0008", "0008", [RaisedCounter("service_call", "20261207", 0, 40)], missing)


def _entries() -> Iterator[Entry]:
    from crm_desktop.views import (
        about_dialog,
        accounts_dialog,
        audit_log_dialog,
        backup_dialog,
        daily_report_dialog,
        handover_wizard,
        import_dialog,
        login,
        main_window,
        monthly_report_action,
        print_actions,
        print_preview,
        renewals_page,
        restore_run,
        shortcuts_dialog,
    )
    from crm_desktop.views.archive import archive_window, edit_dialogs, understaffed_dialog
    from crm_desktop.views.dialogs import (
        branch_dialog,
        calendar_dialog,
        call_dialog,
        contracts_dialog,
        customer_dialog,
        goods_dialog,
        pricing_dialog,
        process,
        repair_dialog,
        steps,
        takeback_papers,
    )

    yield Entry(main_window.MainWindow, lambda sc: main_window.MainWindow(sc.database, current_user_id=sc.staff["admin"]))
    yield Entry(login.LoginDialog, lambda sc: login.LoginDialog(sc.database))
    yield Entry(login.ChangePasswordDialog, lambda sc: login.ChangePasswordDialog(sc.database, sc.user(), forced=True))
    yield Entry(login.FirstSetupDialog, lambda sc: login.FirstSetupDialog(auth.new_first_setup()))
    yield Entry(login.RecoveryDialog, lambda sc: login.RecoveryDialog(sc.database))
    yield Entry(handover_wizard.HandoverWizard, lambda sc: handover_wizard.HandoverWizard(sc.database, sc.user("manager")),
                pages=(_handover_assign, _handover_confirm))
    yield Entry(handover_wizard.HandoverHistoryDialog,
                lambda sc: handover_wizard.HandoverHistoryDialog(sc.database, sc.user("admin")))
    yield Entry(print_preview.PrintPreviewDialog,
                lambda sc: print_preview.PrintPreviewDialog(_pdf(sc), "service_voucher", "服务凭证"))
    yield Entry(shortcuts_dialog.ShortcutsDialog, lambda sc: shortcuts_dialog.ShortcutsDialog())
    yield Entry(about_dialog.AboutDialog, lambda sc: about_dialog.AboutDialog(sc.database))
    yield Entry(backup_dialog.BackupDialog, lambda sc: backup_dialog.BackupDialog(sc.database, _admin(sc)))
    yield Entry(restore_run.RestoreReport, lambda sc: restore_run.RestoreReport(_restore_result(sc)))
    yield Entry(print_actions.PeriodDialog, lambda sc: print_actions.PeriodDialog(sc.database, "technician_daily"))
    yield Entry(import_dialog.ImportWizard, lambda sc: import_dialog.ImportWizard(sc.database, by_id=sc.staff["admin"]),
                pages=(_import_mapping, _import_check))
    yield Entry(calendar_dialog.CalendarDialog, lambda sc: calendar_dialog.CalendarDialog(sc.database), record=True)
    yield Entry(process.DispatchDialog,
                lambda sc: process.DispatchDialog(sc.database, sc.step_calls[Step.DISPATCH], by_id=sc.staff["supervisor"]),
                record=True)
    yield Entry(process.ChangeKindDialog,
                lambda sc: process.ChangeKindDialog(sc.database, sc.step_calls[Step.CHANGE_KIND], by_id=sc.staff["supervisor"]),
                record=True)
    yield Entry(customer_dialog.CustomerDialog,
                lambda sc: customer_dialog.CustomerDialog(sc.database, sc.customer, current_user_id=sc.staff["admin"]),
                record=True)
    yield Entry(contracts_dialog.ContractsDialog, lambda sc: contracts_dialog.ContractsDialog(sc.database))
    yield Entry(contracts_dialog.ContractDialog, lambda sc: contracts_dialog.ContractDialog(sc.database, sc.contract),
                record=True)
    for cls in (renewals_page.NoticeSentDialog, renewals_page.RenewedDialog, renewals_page.LostDialog):
        yield Entry(cls, lambda sc, c=cls: c(sc.database, _renewal_line(sc)), record=True)
    for cls in steps.DIALOGS.values():
        yield Entry(cls, _step_factory(cls), record=True)
    yield Entry(repair_dialog.RepairCardDialog, lambda sc: repair_dialog.RepairCardDialog(sc.database, sc.card), record=True)
    yield Entry(repair_dialog.RepairCardDialog, lambda sc: repair_dialog.RepairCardDialog(sc.database, sc.closed_card),
                variant="closed")
    yield Entry(goods_dialog.GoodsDialog, lambda sc: goods_dialog.GoodsDialog(sc.database, sc.goods), record=True)
    yield Entry(call_dialog.CallDialog,
                lambda sc: call_dialog.CallDialog(sc.database, sc.call, current_user_id=sc.staff["admin"]), record=True)
    yield Entry(call_dialog.CallDialog,
                lambda sc: call_dialog.CallDialog(sc.database, sc.closed_call, current_user_id=sc.staff["admin"]),
                variant="closed")
    yield Entry(call_dialog.CallDialog, lambda sc: call_dialog.CallDialog(sc.database, current_user_id=sc.staff["clerk"]),
                record=True, variant="new")
    yield Entry(pricing_dialog.PricingDialog, lambda sc: pricing_dialog.PricingDialog(sc.database), record=True)
    yield Entry(takeback_papers.TakeBackPapersDialog, _papers)
    yield Entry(branch_dialog.BranchDialog, lambda sc: branch_dialog.BranchDialog(sc.database), record=True)
    yield Entry(accounts_dialog.NewStaffDialog, lambda sc: accounts_dialog.NewStaffDialog())
    yield Entry(accounts_dialog.AccountsDialog, lambda sc: accounts_dialog.AccountsDialog(sc.database, sc.user()))
    yield Entry(monthly_report_action.MonthDialog, lambda sc: monthly_report_action.MonthDialog())
    yield Entry(audit_log_dialog.AuditLogDialog, lambda sc: audit_log_dialog.AuditLogDialog(sc.database, sc.user()))
    yield Entry(daily_report_dialog.DailyReportDialog,
                lambda sc: daily_report_dialog.DailyReportDialog(sc.database, current_user_id=sc.staff["supervisor"]))
    yield Entry(understaffed_dialog.UnderstaffedDialog,
                lambda sc: understaffed_dialog.UnderstaffedDialog(sc.database, user=sc.user(), current_user_id=sc.staff["admin"]))
    yield Entry(edit_dialogs.ContactDialog,
                lambda sc: edit_dialogs.ContactDialog(sc.database, sc.user("manager"), sc.customer, sc.contact), record=True)
    yield Entry(edit_dialogs.ContactLeftDialog,
                lambda sc: edit_dialogs.ContactLeftDialog(sc.database, sc.user("manager"), sc.customer, sc.contact), record=True)
    yield Entry(edit_dialogs.YearlyRecordDialog,
                lambda sc: edit_dialogs.YearlyRecordDialog(sc.database, sc.user("manager"), sc.customer), record=True)
    yield Entry(edit_dialogs.CorrespondenceDialog,
                lambda sc: edit_dialogs.CorrespondenceDialog(sc.database, sc.user("manager"), sc.customer), record=True)
    yield Entry(archive_window.CustomerArchiveWindow,
                lambda sc: archive_window.CustomerArchiveWindow(sc.database, sc.customer, user=sc.user("manager")))


def _step_factory(cls) -> Factory:
    return lambda sc: cls(sc.database, sc.step_calls[cls.step], by_id=sc.staff["supervisor"])


def _papers(scene: Scene) -> QWidget:
    from crm_desktop.views.dialogs.takeback_papers import TakeBackPapersDialog

    with scene.database.read_session() as s:
        entry = s.get(GoodsEntry, scene.goods)
        card = s.scalar(select(RepairCard).where(RepairCard.goods_entry_id == entry.id))
        call_no = entry.call.call_no if getattr(entry, "call", None) is not None else entry.receipt_no
        return TakeBackPapersDialog(scene.database, call_no, (entry.id, entry.receipt_no), (card.id, card.card_no))


# -- the wizards' later pages ------------------------------------------------------------------

def _handover_assign(wizard, scene: Scene) -> None:
    page = wizard.leaving_page
    page.person.setCurrentIndex(page.person.findData(scene.staff["technician"]))
    page.reason.setText("调往总公司")
    wizard.next()


def _handover_confirm(wizard, scene: Scene) -> None:
    assign = wizard.assign_page
    assign.everyone.setCurrentIndex(assign.everyone.findData(scene.staff["clerk"]))
    assign.apply_to_all()
    wizard.next()


def _import_mapping(wizard, scene: Scene) -> None:
    from openpyxl import Workbook

    from crm_desktop.views.background import wait_idle

    path = scene.folder / "客户名单.xlsx"
    sheet = Workbook()
    rows = sheet.active
    rows.append(["序号", "客户名称", "电话", "手机", "地址", "型号", "机身编号", "购机日期", "备注"])
    with scene.database.read_session() as s:
        for n, customer in enumerate(s.scalars(select(Customer).limit(12)), start=1):
            rows.append([n, customer.name, customer.phone, "13912340001", customer.address, "理光 MP 2014",
                         f"SN-{n:03}", "2026年3月1日", "二楼" if n % 2 else None])
    sheet.save(path)
    wizard.file_page.path.setText(str(path))
    wizard.next()
    assert wait_idle()


def _import_check(wizard, scene: Scene) -> None:
    from crm_desktop.views.background import wait_idle

    wizard.next()
    assert wait_idle()


CATALOGUE: list[Entry] = []


def catalogue() -> list[Entry]:
    if not CATALOGUE:
        CATALOGUE.extend(_entries())
    return CATALOGUE


def dialog_classes() -> set[str]:
    """The qualified names of the dialog and window classes defined in crm_desktop.views."""
    import crm_desktop.views as views

    found = set()
    for module_info in pkgutil.walk_packages(views.__path__, views.__name__ + "."):
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, (QDialog, QMainWindow)):
                found.add(f"{cls.__module__}.{cls.__qualname__}")
    return found
