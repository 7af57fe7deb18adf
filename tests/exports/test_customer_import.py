"""Importing customers and their products from the clerk's own spreadsheet (I2, I3, X2, X5):
every row checked, all rows in one transaction or none, duplicates shown before anything is
written, and each kind of bad file refused with a Chinese message and the database unchanged."""

from __future__ import annotations

import re
import sqlite3
import zipfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from crm_desktop import files
from crm_desktop.errors import UserError
from crm_desktop.exports import customer_import as ci
from crm_desktop.exports.customer_import import reading, writing
from crm_desktop.models import Customer, CustomerProduct
from crm_desktop.progress import Cancelled
from crm_desktop.services import customers

from ..factories import count

# the clerk's own order, an extra column (序号) the program does not take, Chinese synonyms
REALISTIC_HEADERS = ["序号", "单位名称", "联系电话", "联系人", "通讯地址", "邮政编码", "市区/郊区", "客户类别",
                     "注册资本（万元）", "法定代表人", "经营范围", "传真", "产品型号", "机身编号", "购机日期",
                     "保修截止", "备注"]


def write_book(path: Path, rows: list[list[object]], title: str = "客户") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def simple_rows(n: int = 3) -> list[list[object]]:
    rows: list[list[object]] = [["客户名称", "电话", "地址", "邮编", "型号", "序列号", "购买日期"]]
    for i in range(n):
        rows.append([f"客户{i + 1}", f"1381234{i:04d}", f"南京市鼓楼区中山路{i + 1}号", "210008", "理光 MP 2014",
                     f"SN{i:04d}", date(2026, 1, i + 1)])
    return rows


def db_file(database) -> Path:
    return database.config.sqlite_path


def stored(database) -> tuple[list[tuple], list[tuple]]:
    """The customer and product rows as the file holds them, read with sqlite3 (not the ORM)."""
    con = sqlite3.connect(f"{db_file(database).resolve().as_uri()}?mode=ro", uri=True)
    try:
        custs = con.execute(
            "SELECT id, code, name, category, district, legal_representative, address, postcode, phone, fax, "
            "business_scope, registered_capital, contact_person, remarks FROM customer ORDER BY id"
        ).fetchall()
        prods = con.execute(
            "SELECT customer_id, model, serial_no, purchase_date, warranty_end FROM customer_product ORDER BY id"
        ).fetchall()
    finally:
        con.close()
    return custs, prods


def check_file(database, path: Path, mapping: dict | None = None) -> ci.ImportPlan:
    sheet = ci.read_sheet(path)
    return ci.check(database, sheet, ci.propose_mapping(sheet.headers) if mapping is None else mapping)


@pytest.fixture
def zh(qapp):
    """translate(context, text) through the program's Chinese translation (as the views do)."""
    from PySide6.QtCore import QCoreApplication

    from crm_desktop.app import install_translations

    translators = install_translations(qapp)
    yield QCoreApplication.translate
    for t in translators:
        qapp.removeTranslator(t)


def refused_file(database, path: Path) -> UserError:
    """A bad file: a UserError (from reading it, or from writing a plan with bad rows), and
    the customer table unchanged."""
    before = count(database, Customer), count(database, CustomerProduct)
    with pytest.raises(UserError) as caught:
        sheet = ci.read_sheet(path)
        plan = ci.check(database, sheet, ci.propose_mapping(sheet.headers))
        ci.apply(database, plan, skip_duplicates=False)
    assert (count(database, Customer), count(database, CustomerProduct)) == before
    return caught.value


# --------------------------------------------------------------------------- mapping


def test_columns_are_matched_by_their_chinese_names_whatever_their_order():
    mapping = ci.propose_mapping(REALISTIC_HEADERS)
    assert mapping == {
        "name": 1, "category": 7, "district": 6, "legal_representative": 9, "address": 4, "postcode": 5,
        "phone": 2, "fax": 11, "business_scope": 10, "registered_capital": 8, "contact_person": 3, "model": 12,
        "serial_no": 13, "purchase_date": 14, "warranty_end": 15,
    } | {"remarks": 16}
    assert 0 not in mapping.values()  # 序号 is not a field


def test_synonyms_notes_and_full_width_forms_are_matched():
    headers = ["名称", "手机", "邮编", "购买日期(必填)", "机型", "出厂编号", "保修期至", "法人代表", "注册资金",
               "类别", "区域", "地址 ", "＊联系人", "联系电话/手机"]
    mapping = ci.propose_mapping(headers)
    assert mapping["name"] == 0 and mapping["phone"] == 1 and mapping["purchase_date"] == 3
    assert mapping["model"] == 4 and mapping["serial_no"] == 5 and mapping["warranty_end"] == 6
    assert mapping["legal_representative"] == 7 and mapping["contact_person"] == 12 and mapping["address"] == 11
    assert 13 not in mapping.values()  # phone is taken by the better name 手机... each field once


def test_the_best_name_wins_when_two_columns_could_be_the_name():
    assert ci.propose_mapping(["名称", "客户名称"])["name"] == 1


# --------------------------------------------------------------------------- a realistic sheet


def realistic_sheet(path: Path) -> Path:
    return write_book(path, [
        ["2026 年客户及机器清单"],  # a title row above the table
        REALISTIC_HEADERS,
        [1, "南京华信科技有限公司", "025-8456 1234", "王芳", "南京市鼓楼区中山路1号", 210008, "市区", "经销商", 500,
         "李明", "办公设备销售及维修", "025 84561235", "理光 MP 2014", "SN-001", "2026年3月1日", "2027/3/1", "需预约"],
        [2, "南京华信科技有限公司", "02584561234", None, None, None, None, None, None, None, None, None,
         "佳能 iR 2206", "SN-002", "2026.3.1", datetime(2028, 2, 29), "周末不上班"],
        [3, "张伟", 13912345678, None, "南京市江宁区天元中路8号", "211100", "郊区", "", None, None, None, None,
         "惠普 LaserJet 1020", 20190001, datetime(2025, 5, 4), 46000, None],
        [None] * 5,
        [4, "陈堃", "+86 139-0000-1111", "陈堃", "南京市玄武区北京东路2号", None, None, "最终用户", None, None, None,
         None, None, None, None, None, "老客户"],
        [5, "南京喆达办公用品商行", 2552345678, "赵六", None, 10010, "城区", "供应商", "12.5万", None, None, None,
         "爱普生 EB-X05", None, "20240301", None, None],
    ])


def test_a_realistic_sheet_imports_exactly(database, tmp_path):
    path = realistic_sheet(tmp_path / "客户.xlsx")
    sheet = ci.read_sheet(path)
    assert sheet.header_row == 2 and [n for n, _v in sheet.rows] == [3, 4, 5, 7, 8]  # row 6 is empty
    plan = ci.check(database, sheet, ci.propose_mapping(sheet.headers))
    assert plan.ok, plan.report_text()
    assert (len(plan.customers), plan.product_count, plan.duplicates) == (4, 4, [])
    assert count(database, Customer) == 0  # the check writes nothing

    result = ci.apply(database, plan)
    assert (result.customers, result.products) == (4, 4)

    custs, prods = stored(database)
    ids = [c[0] for c in custs]
    assert [c[1] for c in custs] == ["FX00001", "YH00001", "YH00002", "GY00001"]  # D5: coded by category
    assert [c[1:] for c in custs] == [
        ("FX00001", "南京华信科技有限公司", "distributor", "urban", "李明", "南京市鼓楼区中山路1号", "210008",
         "025-84561234", "025-84561235", "办公设备销售及维修", 5000000, "王芳", "需预约；周末不上班"),
        ("YH00001", "张伟", "end_user", "suburban", None, "南京市江宁区天元中路8号", "211100", "13912345678", None,
         None, None, None, None),
        ("YH00002", "陈堃", "end_user", "urban", None, "南京市玄武区北京东路2号", None, "13900001111", None, None,
         None, "陈堃", "老客户"),
        ("GY00001", "南京喆达办公用品商行", "supplier", "urban", None, None, "010010", "025-52345678", None, None,
         125000, "赵六", None),
    ]
    assert prods == [
        (ids[0], "理光 MP 2014", "SN-001", "2026-03-01", "2027-03-01"),
        (ids[0], "佳能 iR 2206", "SN-002", "2026-03-01", "2028-02-29"),
        (ids[1], "惠普 LaserJet 1020", "20190001", "2025-05-04", (date(1899, 12, 30) + timedelta(46000)).isoformat()),
        (ids[3], "爱普生 EB-X05", None, "2024-03-01", None),
    ]


def test_imported_customers_are_found_like_any_other(database, tmp_path):
    ci.import_file(database, realistic_sheet(tmp_path / "c.xlsx"))
    with database.Session() as s:
        found = customers.find_customers(s, "华信")  # the search index follows the bulk insert
        assert [c.name for c in found] == ["南京华信科技有限公司"]
        assert len(found[0].products) == 2
        assert [c.name for c in customers.find_customers(s, "02584561234")] == ["南京华信科技有限公司"]


def test_a_name_merged_over_its_product_rows_is_every_rows_name(database, tmp_path):
    wb = Workbook()
    ws = wb.active
    for row in (["客户名称", "电话", "型号", "序列号"], ["南京华信", "025-84561234", "理光 MP 2014", "A1"],
                [None, None, "佳能 iR 2206", "A2"], [None, None, "惠普 1020", "A3"], ["张伟", "13812345678", "X", "B1"]):
        ws.append(row)
    ws.merge_cells("A2:A4")
    ws.merge_cells("B2:B4")
    wb.save(tmp_path / "merged.xlsx")
    plan = check_file(database, tmp_path / "merged.xlsx")
    assert plan.ok, plan.report_text()
    assert [(c.name, len(c.products)) for c in plan.customers] == [("南京华信", 3), ("张伟", 1)]
    assert plan.sheet.filled_merged == ("A2:A4", "B2:B4")


def test_rows_of_one_customer_must_agree(database, tmp_path):
    path = write_book(tmp_path / "c.xlsx", [
        ["客户名称", "电话", "地址", "型号"],
        ["张伟", "13812345678", "南京市鼓楼区中山路1号", "X1"],
        ["张伟", "138 1234 5678", "南京市玄武区北京东路2号", "X2"],
    ])
    plan = check_file(database, path)
    assert [p.render() for p in plan.problems] == [
        "Row 3, column C (Address): same customer as row 2 (same name and phone) but another Address: "
        "“南京市玄武区北京东路2号” here, “南京市鼓楼区中山路1号” there."
    ]


# --------------------------------------------------------------------------- all or nothing


def test_one_bad_row_writes_nothing_and_the_report_lists_it(database, tmp_path):
    rows = simple_rows(5)
    rows[3][3] = "21000"  # row 4: a postcode of five digits
    rows[5][6] = "2026年2月30日"  # row 6: no such day
    path = write_book(tmp_path / "c.xlsx", rows)
    plan = check_file(database, path)
    assert not plan.ok and plan.bad_rows == [4, 6]
    assert plan.problem_lines() == [
        "Row 4, column D (Postcode): A postcode has exactly six digits, e.g. 200040.",
        "Row 6, column G (Purchase date): “2026年2月30日” is not a date: write it as 2026-11-28, 2026/11/28 or 2026年11月28日.",
    ]
    assert "3 correct, 2 with problems" in plan.report_text()
    with pytest.raises(UserError) as caught:
        ci.apply(database, plan)
    assert caught.value.render() == "Nothing was imported: 2 of 5 rows have problems. Correct them in the sheet and check it again."
    assert count(database, Customer) == count(database, CustomerProduct) == 0


def test_a_failure_while_writing_leaves_nothing_behind(database, tmp_path, monkeypatch):
    plan = check_file(database, write_book(tmp_path / "c.xlsx", simple_rows(30)))
    monkeypatch.setattr(writing, "INSERT_CHUNK", 10)
    calls = []

    def progress(done, total):
        calls.append(done)
        return done < 20  # cancel after the second group of customers

    with pytest.raises(Cancelled):
        ci.apply(database, plan, progress=progress)
    assert calls == [10, 20]
    assert count(database, Customer) == count(database, CustomerProduct) == 0


def test_a_dry_run_writes_nothing(database, tmp_path):
    path = write_book(tmp_path / "c.xlsx", simple_rows(3))
    plan, result = ci.import_file(database, path, dry_run=True)
    assert plan.ok and result is None and len(plan.customers) == 3
    assert count(database, Customer) == 0
    lines: list[str] = []
    assert ci.run_command(database, path, dry_run=True, out=lines.append) == 0
    assert lines[-1] == "Dry run: nothing was written." and count(database, Customer) == 0
    assert ci.run_command(database, path, out=lines.append) == 0
    assert lines[-1] == "Imported 3 customers and 3 products."
    assert count(database, Customer) == 3


def test_the_command_reports_bad_rows_and_writes_nothing(database, tmp_path):
    rows = simple_rows(2)
    rows[2][1] = "12345"
    lines: list[str] = []
    assert ci.run_command(database, write_book(tmp_path / "c.xlsx", rows), out=lines.append) == 1
    text = "\n".join(lines)
    assert "Row 3, column B (Phone)" in text and "Nothing was imported: 1 of 2 rows" in text
    assert count(database, Customer) == 0


def test_the_command_asks_for_a_choice_about_duplicates(database, tmp_path):
    with database.Session.begin() as s:
        customers.create_customer(s, name="客户2")
    path = write_book(tmp_path / "c.xlsx", simple_rows(3))
    lines: list[str] = []
    assert ci.run_command(database, path, out=lines.append) == 1
    assert "Row 3: 客户2 13812340001: same name as the existing customer 客户2" in "\n".join(lines)
    assert "--skip-duplicates" in lines[-1] and "--import-duplicates" in lines[-1]
    assert count(database, Customer) == 1
    assert ci.run_command(database, path, skip_duplicates=True, out=lines.append) == 0
    assert lines[-1] == "Imported 2 customers and 2 products.\nSkipped 1 likely duplicate customers (1 rows)."
    assert count(database, Customer) == 3


def test_without_the_wizard_a_sheet_without_a_name_column_is_refused(database, tmp_path, zh):
    path = write_book(tmp_path / "c.xlsx", [["公司", "电话"], ["张伟", "13812345678"]])
    before = count(database, Customer)
    with pytest.raises(UserError) as caught:
        ci.import_file(database, path)
    assert caught.value.message == ci.NO_NAME_COLUMN and "A 公司、B 电话" in caught.value.render()
    assert "客户名称" in caught.value.render(zh) and "找到的列" in caught.value.render(zh)
    assert count(database, Customer) == before


def test_the_customer_list_changing_after_the_check_stops_the_import(database, tmp_path):
    plan = check_file(database, write_book(tmp_path / "c.xlsx", simple_rows(3)))
    with database.Session.begin() as s:
        customers.create_customer(s, name="某公司", phone="13812340001")  # the file's second customer's phone
    with pytest.raises(UserError) as caught:
        ci.apply(database, plan)
    assert "某公司" in caught.value.render()
    assert count(database, Customer) == 1


def test_the_bad_rows_can_be_saved_as_a_workbook(database, tmp_path):
    rows = simple_rows(3)
    rows[2][1] = "=HYPERLINK(\"x\")"  # stays text in the report
    plan = check_file(database, write_book(tmp_path / "c.xlsx", rows))
    out = ci.write_problem_report(plan, tmp_path / "问题.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Problems", "Likely duplicates"]
    values = [list(r) for r in wb["Problems"].iter_rows(values_only=True)]
    assert values[0] == ["Row", "Column", "Field", "Reason"]
    assert values[1][:3] == [3, "B", "Phone"]


def test_a_problem_report_that_cannot_be_saved_keeps_the_earlier_one(database, tmp_path, monkeypatch):
    rows = simple_rows(3)
    rows[2][1] = "不详"
    plan = check_file(database, write_book(tmp_path / "c.xlsx", rows))
    out = tmp_path / "reports"
    out.mkdir()
    target = out / "问题.xlsx"
    target.write_bytes(b"yesterday's report, open in Excel")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(PermissionError):  # the wizard says it in the clerk's words
        ci.write_problem_report(plan, target)
    assert target.read_bytes() == b"yesterday's report, open in Excel"
    assert files.leftover_temporaries(out) == []


def test_the_import_is_four_steps_that_depend_one_way():
    """reading ← mapping ← checking ← writing (and the field table under all of them): a
    step never imports a later one, so each can be read, and used, without the rest."""
    package = Path(ci.__file__).parent
    order = ["fields", "reading", "mapping", "checking", "writing"]
    for i, name in enumerate(order):
        source = (package / f"{name}.py").read_text(encoding="utf-8")
        imported = set(re.findall(r"^\s*from \.(\w+) import", source, re.M))
        assert imported <= set(order[:i]), f"{name} imports {sorted(imported - set(order[:i]))}"
        assert source.count("\n") < 1000, name


def test_a_changed_mapping_gives_another_check(database, tmp_path):
    path = write_book(tmp_path / "c.xlsx", [["客户名称", "备注", "电话"], ["张伟", "13812345678", "不详"]])
    sheet = ci.read_sheet(path)
    proposed = ci.propose_mapping(sheet.headers)
    assert not ci.check(database, sheet, proposed).ok  # 不详 is not a phone
    fixed = ci.check(database, sheet, {"name": 0, "phone": 1, "remarks": 2})
    assert fixed.ok and fixed.customers[0].values["phone"] == "13812345678"
    assert [e.render() for e in ci.mapping_problems(sheet, {"phone": 1, "remarks": 1})] == [
        "Choose the column that holds the customer's name.", "Column B is chosen for both “Phone” and “Remarks”.",
    ]
    with pytest.raises(UserError):
        ci.check(database, sheet, {"phone": 2})


# --------------------------------------------------------------------------- duplicates


@pytest.fixture
def existing(database) -> dict[str, int]:
    with database.Session.begin() as s:
        a = customers.create_customer(s, name="南京华信科技有限公司", phone="025-8456 1234", code="NJ-001")
        b = customers.create_customer(s, name="王芳", phone="13900001111")
        return {"华信": a.id, "王芳": b.id}


def duplicate_sheet(path: Path) -> Path:
    return write_book(path, [
        ["客户名称", "电话", "型号"],
        ["南京华信科技有限公司", "13800000001", "X1"],  # 2: existing name
        ["华信二部", "02584561234", "X2"],  # 3: existing phone, written another way
        ["李娜", "13800000003", "X3"],  # 4: new
        ["李娜", "13800000004", "X4"],  # 5: same name as row 4, another phone
        ["刘洋", "138 0000 0003", "X5"],  # 6: same phone as row 4
        ["陈静", "13800000006", "X6"],  # 7: new
    ])


def test_likely_duplicates_are_found_before_anything_is_written(database, existing, tmp_path):
    plan = check_file(database, duplicate_sheet(tmp_path / "c.xlsx"))
    assert plan.ok
    assert plan.duplicate_lines() == [
        "Row 2: 南京华信科技有限公司 13800000001: same name as the existing customer 南京华信科技有限公司 "
        "(customer code NJ-001, phone 025-84561234)",
        "Row 3: 华信二部 025-84561234: same phone as the existing customer 南京华信科技有限公司 "
        "(customer code NJ-001, phone 025-84561234)",
        "Row 5: 李娜 13800000004: same name as row 4, another phone (13800000003)",
        "Row 6: 刘洋 13800000003: same phone as row 4 (李娜)",
    ]
    assert plan.duplicate_rows == [2, 3, 5, 6]
    with pytest.raises(UserError) as caught:
        ci.apply(database, plan)  # the clerk has not chosen yet
    assert caught.value.field == "skip_duplicates"
    assert count(database, Customer) == 2


def test_duplicates_are_skipped_when_the_clerk_says_so(database, existing, tmp_path):
    plan = check_file(database, duplicate_sheet(tmp_path / "c.xlsx"))
    result = ci.apply(database, plan, skip_duplicates=True)
    assert (result.customers, result.products, result.skipped_customers, result.skipped_rows) == (2, 2, 4, [2, 3, 5, 6])
    assert "Skipped 4 likely duplicate customers (4 rows)." in result.describe()
    assert [c[2] for c in stored(database)[0]] == ["南京华信科技有限公司", "王芳", "李娜", "陈静"]


def test_duplicates_go_in_when_the_clerk_imports_them_anyway(database, existing, tmp_path):
    plan = check_file(database, duplicate_sheet(tmp_path / "c.xlsx"))
    result = ci.apply(database, plan, skip_duplicates=False)
    assert (result.customers, result.products, result.skipped_customers) == (6, 6, 0)
    assert count(database, Customer) == 8


def test_a_customer_code_must_be_unique(database, tmp_path):
    with database.Session.begin() as s:
        customers.create_customer(s, name="老客户", code="KH-001")
    path = write_book(tmp_path / "c.xlsx", [
        ["客户编号", "客户名称"], ["KH-001", "甲"], ["KH-002", "乙"], ["KH-002", "丙"], [3, "丁"],
    ])
    plan = check_file(database, path)
    assert plan.problem_lines() == [
        "Row 2, column A (Customer code): the customer code KH-001 is already used by the customer 老客户.",
        "Row 4, column A (Customer code): the customer code KH-002 is also given to another customer in row 3.",
    ]


# --------------------------------------------------------------------------- bad files


def test_a_csv_file_is_refused(database, tmp_path, zh):
    path = tmp_path / "客户.csv"
    path.write_text("客户名称,电话\n张伟,13812345678\n", encoding="utf-8")
    error = refused_file(database, path)
    assert error.message == ci.TEXT_FILE
    assert "文本或 CSV 文件" in error.render(zh) and "另存为" in error.render(zh), error.render(zh)


def test_a_text_file_renamed_xlsx_is_refused(database, tmp_path, zh):
    path = tmp_path / "客户.xlsx"
    path.write_text("客户名称\t电话\n张伟\t13812345678\n", encoding="gb18030")
    error = refused_file(database, path)
    assert error.message == ci.TEXT_FILE and "Excel 工作簿" in error.render(zh)


def test_a_damaged_or_foreign_file_is_refused(database, tmp_path, zh):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(bytes(range(256)) * 8)
    assert refused_file(database, junk).message == ci.NOT_XLSX
    other_zip = tmp_path / "other.xlsx"  # a zip, but not a workbook
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("readme.txt", "hello")
    error = refused_file(database, other_zip)
    assert error.message == ci.NOT_XLSX and "不是 Excel 工作簿" in error.render(zh), error.render(zh)


def test_a_damaged_sheet_is_refused(database, tmp_path, zh):
    path = write_book(tmp_path / "c.xlsx", simple_rows(3))
    _patch_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) * 2 // 3])  # cut short
    error = refused_file(database, path)
    assert error.message == ci.NOT_XLSX and "损坏" in error.render(zh), error.render(zh)


def test_a_file_that_cannot_be_opened_is_refused(database, tmp_path, zh, monkeypatch):
    path = write_book(tmp_path / "c.xlsx", simple_rows(1))

    def locked(_path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(reading, "_judge_bytes", locked)
    error = refused_file(database, path)
    assert error.message == ci.FILE_UNREADABLE and "无法读取" in error.render(zh), error.render(zh)


def test_a_wrong_size_written_in_the_file_does_not_cut_the_sheet(database, tmp_path):
    # read-only mode trusts the sheet's <dimension>; some programs write a wrong one
    path = write_book(tmp_path / "c.xlsx", simple_rows(5))
    _patch_part(path, "xl/worksheets/sheet1.xml", lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1"', xml))
    sheet = ci.read_sheet(path)
    assert len(sheet.headers) == 7 and [n for n, _v in sheet.rows] == [2, 3, 4, 5, 6]


def test_an_old_xls_workbook_is_refused(database, tmp_path, zh):
    # a BIFF .xls is an OLE2 compound file whose main stream is named "Workbook"
    path = tmp_path / "客户.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook".encode("utf-16-le") + bytes(1024))
    error = refused_file(database, path)
    assert error.message == ci.OLD_XLS and ".xls" in error.render(zh) and "另存为" in error.render(zh)


def test_a_password_protected_workbook_is_refused(database, tmp_path, zh):
    # Excel encrypts a workbook into an OLE2 compound file with the streams EncryptionInfo
    # and EncryptedPackage, and keeps the .xlsx name
    path = tmp_path / "客户.xlsx"
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + bytes(64)
                         for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + directory + bytes(range(256)) * 16)
    error = refused_file(database, path)
    assert error.message == ci.ENCRYPTED
    assert "密码" in error.render(zh) and "加密" in error.render(zh), error.render(zh)


def test_a_missing_file_is_refused(database, tmp_path, zh):
    error = refused_file(database, tmp_path / "nowhere.xlsx")
    assert error.message == ci.FILE_MISSING and "不存在" in error.render(zh)


def test_an_empty_workbook_is_refused(database, tmp_path, zh):
    wb = Workbook()
    wb.create_sheet("第二页")
    wb.save(tmp_path / "empty.xlsx")
    error = refused_file(database, tmp_path / "empty.xlsx")
    assert error.message == ci.EMPTY_WORKBOOK and "没有数据" in error.render(zh), error.render(zh)


def test_a_sheet_with_only_a_header_is_refused(database, tmp_path, zh):
    error = refused_file(database, write_book(tmp_path / "c.xlsx", [["客户名称", "电话"]]))
    assert error.message == ci.NO_DATA_ROWS and "没有数据行" in error.render(zh), error.render(zh)


def test_a_sheet_without_a_header_row_is_refused(database, tmp_path, zh):
    error = refused_file(database, write_book(tmp_path / "c.xlsx", [[1, 13812345678, date(2026, 1, 1)], [2, 3, 4]]))
    assert error.message == ci.NO_HEADER and "表头" in error.render(zh), error.render(zh)


def test_the_first_sheet_with_data_is_read_or_the_one_named(database, tmp_path, zh):
    wb = Workbook()
    wb.active.title = "说明"
    ws = wb.create_sheet("客户")
    ws.append(["客户名称"])
    ws.append(["张伟"])
    wb.save(tmp_path / "c.xlsx")
    sheet = ci.read_sheet(tmp_path / "c.xlsx")
    assert (sheet.sheet_name, sheet.sheet_names) == ("客户", ["说明", "客户"])
    with pytest.raises(UserError) as caught:
        ci.read_sheet(tmp_path / "c.xlsx", "产品")
    assert caught.value.message == ci.NO_SUCH_SHEET and "说明、客户" in caught.value.render(zh)


def test_merged_header_cells_are_refused_naming_the_cells(database, tmp_path, zh):
    wb = Workbook()
    ws = wb.active
    ws.append(["客户名称", "联系方式", None, "型号"])
    ws.append([None, "电话", "传真", None])
    ws.append(["张伟", "13812345678", None, "X1"])
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:C1")
    wb.save(tmp_path / "merged.xlsx")
    error = refused_file(database, tmp_path / "merged.xlsx")
    assert error.message == ci.MERGED_HEADER
    assert error.args_for_message["cells"] == "A1:A2、B1:C1"
    assert "合并单元格" in error.render(zh) and "A1:A2" in error.render(zh), error.render(zh)


def test_dates_written_as_text_are_read_and_a_wrong_one_names_its_cell(database, tmp_path, zh):
    rows: list[list[object]] = [["客户名称", "型号", "购机日期", "保修期至"]]
    texts = ["2026年3月1日", "2026/3/1", "2026.3.1", "2026-03-01", "2026年3月1号", "2026/3/1 0:00:00", "20260301",
             " 2026 年 3 月 1 日 "]
    for i, text in enumerate(texts):
        rows.append([f"客户{i}", "X", text, "2027年3月1日"])
    plan = check_file(database, write_book(tmp_path / "ok.xlsx", rows))
    assert plan.ok, plan.report_text()
    assert {p["purchase_date"] for c in plan.customers for p in c.products} == {date(2026, 3, 1)}

    rows.append(["客户坏", "X", "去年三月", "2027年3月1日"])
    path = write_book(tmp_path / "bad.xlsx", rows)
    error = refused_file(database, path)
    assert error.message == ci.HAS_BAD_ROWS
    plan = check_file(database, path)
    [problem] = plan.problems
    assert (problem.row, ci.column_letter(problem.column), problem.field) == (10, "C", "purchase_date")
    text = problem.render(zh)
    assert text.startswith("第 10 行 C 列（购买日期）") and "去年三月" in text and "不是日期" in text, text


def _patch_part(path: Path, member: str, change) -> None:
    """Rewrite XML parts of a workbook, as another program may have written it: ``member``,
    or with ``"*"`` every XML part."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for name in parts if member == "*" else [member]:
        if name.endswith(".xml"):
            parts[name] = change(parts[name].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_a_50000_character_cell_is_refused_never_cut(database, tmp_path, zh):
    rows = simple_rows(2)
    rows[0].append("经营范围")
    rows[1].append("LONG-SCOPE")  # business scope: String(500) (issue 17, item 4), and more than an Excel cell holds
    rows[2].append("复印机维修")
    rows[2][2] = "LONG-ADDRESS"  # address: String(200)
    path = write_book(tmp_path / "long.xlsx", rows)
    # openpyxl cuts strings to Excel's 32,767 characters when it writes: put them in afterwards
    # (in the sheet or in the shared strings, wherever the writer put the text)
    _patch_part(path, "*",
                lambda xml: xml.replace("LONG-SCOPE", "电" * 50_000).replace("LONG-ADDRESS", "南" * 50_000))
    assert len(ci.read_sheet(path).rows[0][1][7]) == 50_000
    plan = check_file(database, path)
    assert [(p.row, ci.column_letter(p.column), p.field) for p in plan.problems] == [
        (2, "H", "business_scope"), (3, "C", "address"),
    ]
    first, second = (p.render() for p in plan.problems)
    assert "50000 characters, more than the 500" in first and "Nothing is cut" in first
    assert "50000 characters, more than the 200" in second
    assert "第 3 行 C 列（地址）" in plan.problems[1].render(zh) and "不会截断" in plan.problems[1].render(zh)
    assert refused_file(database, path).message == ci.HAS_BAD_ROWS
    assert "电" * 100 not in plan.report_text()  # the report quotes no huge value


def _add_cached_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the result Excel would have stored (openpyxl writes none): a
    number, or text (``t="str"``)."""

    def add(xml: str) -> str:
        for ref, value in values.items():
            kind = "" if re.fullmatch(r"-?\d+(\.\d+)?", value) else ' t="str"'
            xml, n = re.subn(rf'<c r="{ref}"([^>]*)>\s*(<f>[^<]*</f>)(?:<v\s*/>|<v></v>)?',
                             rf'<c r="{ref}"\1{kind}>\2<v>{value}</v>', xml)
            assert n == 1, ref
        return xml

    _patch_part(path, "xl/worksheets/sheet1.xml", add)


def test_a_phone_column_full_of_formulas_is_refused(database, tmp_path, zh):
    rows: list[list[object]] = [["客户名称", "区号", "号码", "电话", "型号"]]
    for i in range(3):
        rows.append([f"客户{i}", "025", f"8456123{i}", f'=B{i + 2}&"-"&C{i + 2}', "X"])
    path = write_book(tmp_path / "formulas.xlsx", rows)
    plan = check_file(database, path)  # as openpyxl wrote it: no computed values
    assert [(p.row, ci.column_letter(p.column), p.field) for p in plan.problems] == [(2, "D", "phone"), (3, "D", "phone"),
                                                                                      (4, "D", "phone")]
    assert plan.problems[0].render() == (
        "Row 2, column D (Phone): the cell is a formula; copy the column and paste it back as values "
        "(Paste Special > Values), then import again."
    )
    text = plan.problems[0].render(zh)
    assert text.startswith("第 2 行 D 列（电话）") and "公式" in text and "粘贴为数值" in text, text

    _add_cached_values(path, {f"D{i + 2}": f"025-8456123{i}" for i in range(3)})  # as Excel saves it
    sheet = ci.read_sheet(path)
    assert sheet.rows[0][1][3] == "025-84561230"  # the computed value is there …
    plan = ci.check(database, sheet, ci.propose_mapping(sheet.headers))
    assert len(plan.problems) == 3 and plan.problems[0].error.message == ci.FORMULA  # … and still refused
    assert refused_file(database, path).message == ci.HAS_BAD_ROWS


def test_a_formula_elsewhere_is_taken_by_its_value_unless_it_has_none(database, tmp_path):
    rows = [["客户名称", "购买日期", "保修期至", "型号"], ["张伟", date(2026, 3, 1), "=B2+365", "X"]]
    path = write_book(tmp_path / "f.xlsx", rows)
    plan = check_file(database, path)
    assert [p.error.message for p in plan.problems] == [ci.FORMULA_WITHOUT_VALUE]
    _add_cached_values(path, {"C2": "46447"})
    plan = check_file(database, path)
    assert plan.ok and plan.customers[0].products[0]["warranty_end"] == date(2027, 3, 1)


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(("raw", "stored_as"), [
    ("138 1234 5678", "13812345678"),
    (13812345678, "13812345678"),
    ("+86 138-1234-5678", "13812345678"),
    ("025-8456 1234", "025-84561234"),
    ("(025) 84561234", "025-84561234"),
    (2584561234, "025-84561234"),  # a number cell lost the leading zero
    ("０２５－８４５６１２３４", "025-84561234"),
    ("025-84561234 转 801", "025-84561234 转 801"),
])
def test_phones_in_every_form_are_stored_in_one(database, tmp_path, raw, stored_as):
    plan = check_file(database, write_book(tmp_path / "c.xlsx", [["客户名称", "电话"], ["张伟", raw]]))
    assert plan.ok, plan.report_text()
    assert plan.customers[0].phone == stored_as


@pytest.mark.parametrize(("header", "raw", "expected"), [
    ("注册资金", 1000000, Decimal("1000000")),
    ("注册资金", "1,000,000.50", Decimal("1000000.50")),
    ("注册资金", "500万", Decimal("5000000")),
    ("注册资金", "500万元", Decimal("5000000")),
    ("注册资金（万元）", 12.5, Decimal("125000")),
    ("注册资本(万元)", "30", Decimal("300000")),
])
def test_registered_capital_in_yuan_or_ten_thousands(database, tmp_path, header, raw, expected):
    plan = check_file(database, write_book(tmp_path / "c.xlsx", [["客户名称", header], ["张伟", raw]]))
    assert plan.ok, plan.report_text()
    assert plan.customers[0].values["registered_capital"] == expected


def test_negative_capital_unknown_words_and_a_late_warranty_are_row_errors(database, tmp_path):
    path = write_book(tmp_path / "c.xlsx", [
        ["客户名称", "注册资金", "类别", "区域", "型号", "购买日期", "保修期至", "序列号"],
        ["甲", -5, "朋友", "乡下", "X", "2026-03-01", "2026-02-01", None],
        [None, None, None, None, None, None, None, "SN1"],
    ])
    plan = check_file(database, path)
    assert plan.problem_lines() == [
        "Row 2, column B (Registered capital (yuan)): The number cannot be negative.",
        "Row 2, column C (Category): “朋友” is not a customer category: write 供应商, 经销商, 特殊 or 最终用户 (empty: 最终用户).",
        "Row 2, column D (District): “乡下” is not a district: write 市区 or 郊区 (empty: 市区).",
        "Row 2, column G (Warranty end): the warranty end (2026-02-01) is before the purchase date (2026-03-01).",
        "Row 3, column A (Customer name): the customer's name is empty.",
        "Row 3, column E (Product model): the row has product details but no product model.",
    ]


def test_every_message_has_a_chinese_translation(zh):
    untranslated = [
        msg for msg in vars(ci).values()
        if isinstance(msg, str) and getattr(msg, "context", None) == "CustomerImport" and zh(msg.context, msg) == str(msg)
    ] + [f.label for f in ci.FIELDS if zh(f.label.context, f.label) == str(f.label)]
    assert not untranslated, untranslated


def test_d5_imported_customers_without_a_code_get_the_next_of_their_rule_skipping_typed_codes(database, tmp_path):
    """A code typed in the file is kept; the generated ones skip it and every code already
    in the database, and the series goes on afterwards."""
    with database.Session.begin() as s:
        customers.create_customer(s, name="已有客户")  # YH00001
    rows = [["客户名称", "客户编号", "电话"], ["甲", "", "13812340001"], ["乙", "YH00003", "13812340002"],
            ["丙", "", "13812340003"]]
    plan = check_file(database, write_book(tmp_path / "codes.xlsx", rows))
    assert plan.ok, plan.report_text()
    ci.apply(database, plan)
    custs, _ = stored(database)
    assert [(c[2], c[1]) for c in custs] == [("已有客户", "YH00001"), ("甲", "YH00002"), ("乙", "YH00003"),
                                             ("丙", "YH00004")]
    with database.Session.begin() as s:
        assert customers.create_customer(s, name="丁").code == "YH00005"
