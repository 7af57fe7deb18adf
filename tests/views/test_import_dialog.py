"""The customer import wizard, driven step by step: file → columns → check → import."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QWizard

from crm_desktop.exports import customer_import as ci
from crm_desktop.models import Customer, CustomerProduct
from crm_desktop.services import customers
from crm_desktop.views.background import wait_idle
from crm_desktop.views.i18n import translate
from crm_desktop.views.import_dialog import ImportWizard, run_import_wizard

from ..factories import count

SHOTS = os.environ.get("CRM_TEST_SCREENSHOTS")  # a folder to keep the wizard's pictures in


def clerk_sheet(path: Path, bad_phone: str = "见手机") -> Path:
    """A clerk's sheet with an office phone and a mobile column: the office phone of row 4
    is not a number, so the proposed column (电话) fails there and the mobile column works."""
    wb = Workbook()
    ws = wb.active
    ws.title = "客户名单"
    ws.append(["序号", "客户名称", "电话", "手机", "地址", "型号", "机身编号", "购机日期", "备注"])
    ws.append([1, "南京华信科技有限公司", "025-84561234", "13912340001", "南京市鼓楼区中山路1号", "理光 MP 2014",
               "SN-001", "2026年3月1日", None])
    ws.append([2, "南京华信科技有限公司", "025-84561234", "13912340001", None, "佳能 iR 2206", "SN-002",
               "2026/3/2", "二楼"])
    ws.append([3, "张伟", bad_phone, "13912340003", "南京市江宁区天元中路8号", "惠普 LaserJet 1020", "SN-003",
               "2025.5.4", None])
    ws.append([4, "王芳", "13900001111", "13900001111", "南京市玄武区北京东路2号", "爱普生 EB-X05", None, None,
               "老客户"])
    ws.append([5, "陈堃", "025-52345678", "13912340005", None, None, None, None, None])
    wb.save(path)
    return path


@pytest.fixture
def existing(database) -> int:
    with database.Session.begin() as s:
        return customers.create_customer(s, name="王芳", phone="13900001111").id


@pytest.fixture
def wizard(app, database, qtbot, existing):
    w = ImportWizard(database)
    qtbot.addWidget(w)
    w.resize(1100, 760)
    w.show()
    qtbot.waitExposed(w)
    return w


def choose_file(wizard: ImportWizard, qtbot, monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), "Excel"))
    qtbot.mouseClick(wizard.file_page.findChild(QPushButton, "browse"), Qt.MouseButton.LeftButton)
    assert wizard.file_page.path.text() == str(path)


def go(press) -> None:
    """Press Next, Import or Check again, and wait for the reading, checking or writing it
    started in the background (and whatever followed it) to end."""
    press()
    assert wait_idle()


def commit_button(wizard: ImportWizard) -> QPushButton:
    return wizard.button(QWizard.WizardButton.CommitButton)


def shoot(widget, tmp_path: Path, name: str) -> Path:
    QApplication.processEvents()
    target = Path(SHOTS) if SHOTS else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    picture = target / name
    assert widget.grab().save(str(picture))
    return picture


def test_the_wizard_imports_a_sheet_step_by_step(wizard, database, qtbot, monkeypatch, tmp_path):
    choose_file(wizard, qtbot, monkeypatch, clerk_sheet(tmp_path / "客户.xlsx"))
    go(wizard.next)
    assert wizard.currentPage() is wizard.mapping_page
    combos = wizard.mapping_page.combos
    # proposed from the header names; 序号 and 手机 are left out (电话 is the better phone name)
    assert {k: box.currentData() for k, box in combos.items() if box.currentData() is not None} == {
        "name": 1, "phone": 2, "address": 4, "remarks": 8, "model": 5, "serial_no": 6, "purchase_date": 7}
    assert combos["fax"].currentText() == wizard.mapping_page.tr("(not imported)")
    assert wizard.mapping_page.table.item(0, 2).text().startswith("南京华信科技有限公司")  # the name's first values
    shoot(wizard, tmp_path, "import-mapping.png")

    go(wizard.next)  # the check
    page = wizard.check_page
    assert wizard.currentPage() is page
    plan = wizard.plan
    assert plan.bad_rows == [4]
    assert not commit_button(wizard).isEnabled(), "nothing can be imported while a row is bad"
    model = page.model
    phone_column = 1 + [f.key for f in model.fields].index("phone")
    bad = model.index(2, phone_column)  # the sheet's row 4
    assert model.data(model.index(2, 0)) == "4" and model.data(bad) == "见手机"
    assert model.data(bad, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(bad, Qt.ItemDataRole.ToolTipRole) == model.cell_problems(2, phone_column)[0].reason(translate)
    assert model.data(model.index(0, phone_column), Qt.ItemDataRole.BackgroundRole) is None
    assert page.tabs.currentIndex() == 0 and "4" in page.problems.toPlainText()
    shoot(wizard, tmp_path, "import-check-bad-row.png")

    page.only_bad.setChecked(True)
    assert model.rowCount() == 1
    page.only_bad.setChecked(False)

    # back to the columns: the mobile column instead; the check runs again
    wizard.back()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.mapping_page.choose("phone", 3)
    go(wizard.next)
    plan = wizard.plan
    assert plan.ok and page.model.plan is plan
    assert [c.name for c in plan.duplicates] == ["王芳"]
    assert page.tabs.currentIndex() == 1 and page.duplicates.rowCount() == 1
    assert page.duplicates.item(0, 3).text() == plan.duplicates[0].resembles[0].render(translate)
    assert page.skip_duplicates.isChecked()
    assert commit_button(wizard).isEnabled()
    assert page.to_import() == (3, 3)
    shoot(wizard, tmp_path, "import-check-ready.png")
    assert count(database, Customer) == 1, "nothing is written before Import"

    go(commit_button(wizard).click)  # Import
    assert wizard.currentPage() is wizard.result_page
    result = wizard.result_value
    assert (result.customers, result.products, result.skipped_customers) == (3, 3, 1)
    assert wizard.result_page.result_label.text() == result.describe(translate)
    shoot(wizard, tmp_path, "import-done.png")
    with database.Session() as s:
        names = sorted(c.name for c in s.query(Customer))
        assert names == ["南京华信科技有限公司", "张伟", "王芳", "陈堃"]
        huaxin = s.query(Customer).filter_by(name="南京华信科技有限公司").one()
        assert huaxin.phone == "13912340001" and [p.serial_no for p in huaxin.products] == ["SN-001", "SN-002"]
    assert count(database, CustomerProduct) == 3


def test_duplicates_can_be_imported_anyway(wizard, database, qtbot, monkeypatch, tmp_path):
    choose_file(wizard, qtbot, monkeypatch, clerk_sheet(tmp_path / "c.xlsx", bad_phone="025-52340003"))
    go(wizard.next)
    go(wizard.next)
    page = wizard.check_page
    assert wizard.plan.ok and page.to_import() == (3, 3)
    page.skip_duplicates.setChecked(False)
    assert page.to_import() == (4, 4)
    go(commit_button(wizard).click)
    assert wizard.result_value.customers == 4
    assert count(database, Customer) == 5


def test_check_again_reads_the_corrected_file(wizard, database, qtbot, monkeypatch, tmp_path):
    path = clerk_sheet(tmp_path / "c.xlsx")
    choose_file(wizard, qtbot, monkeypatch, path)
    go(wizard.next)
    go(wizard.next)
    assert not commit_button(wizard).isEnabled()
    clerk_sheet(path, bad_phone="025-52340003")  # the clerk corrects the cell in Excel and saves
    go(lambda: qtbot.mouseClick(wizard.check_page.findChild(QPushButton, "recheck"), Qt.MouseButton.LeftButton))
    assert wizard.plan.ok and commit_button(wizard).isEnabled()
    model = wizard.check_page.model
    phone_column = 1 + [f.key for f in model.fields].index("phone")
    assert model.data(model.index(2, phone_column)) == "025-52340003"


def test_a_bad_file_keeps_the_clerk_on_the_first_page(wizard, database, qtbot, monkeypatch, tmp_path):
    csv = tmp_path / "客户.csv"
    csv.write_text("客户名称,电话\n张伟,13812345678\n", encoding="utf-8")
    choose_file(wizard, qtbot, monkeypatch, csv)
    go(wizard.next)
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.error.text() == ci.TEXT_FILE.tr(translate, file="客户.csv")
    wizard.file_page.path.setText("")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_the_name_column_is_required(wizard, qtbot, monkeypatch, tmp_path):
    choose_file(wizard, qtbot, monkeypatch, clerk_sheet(tmp_path / "c.xlsx"))
    go(wizard.next)
    mapping = wizard.mapping_page
    mapping.choose("name", None)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert mapping.status.text() == ci.NAME_NOT_MAPPED.tr(translate)
    mapping.choose("name", 1)
    mapping.choose("address", 1)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    mapping.choose("address", 4)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_going_back_to_the_file_keeps_the_chosen_columns(wizard, qtbot, monkeypatch, tmp_path):
    choose_file(wizard, qtbot, monkeypatch, clerk_sheet(tmp_path / "c.xlsx"))
    go(wizard.next)
    wizard.mapping_page.choose("phone", 3)
    wizard.back()
    go(wizard.next)
    assert wizard.mapping_page.combos["phone"].currentData() == 3
    go(wizard.next)
    assert wizard.plan.ok


def test_the_report_can_be_copied_and_saved(wizard, qtbot, monkeypatch, tmp_path):
    choose_file(wizard, qtbot, monkeypatch, clerk_sheet(tmp_path / "c.xlsx"))
    go(wizard.next)
    go(wizard.next)
    page = wizard.check_page
    qtbot.mouseClick(page.findChild(QPushButton, "copy_problems"), Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == wizard.plan.report_text(translate)
    target = tmp_path / "report.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target.with_suffix("")), "Excel"))
    qtbot.mouseClick(page.findChild(QPushButton, "export_problems"), Qt.MouseButton.LeftButton)
    rows = list(load_workbook(target).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == 4 and rows[1][1] == "C"


def test_run_import_wizard_gives_none_when_cancelled(app, database, qtbot):
    def cancel():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImportWizard)
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert run_import_wizard(None, database) is None
