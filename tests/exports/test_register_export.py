"""Export of a register's current view to .xlsx (X4): the rows of the search in the sort,
typed cells, text that never becomes a formula, the sheet's layout, cancel and write
failures that leave no file, and the command line's names."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from sqlalchemy import func, or_, select, update

from crm_desktop.errors import UserError
from crm_desktop.exports import register_export, xlsx
from crm_desktop.exports.register_export import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    export_register,
    export_register_by_name,
)
from crm_desktop.models import Customer, GoodsEntry, RepairCard, ServiceCall
from crm_desktop.progress import Cancelled
from crm_desktop.services import labels
from crm_desktop.services.registers import REGISTERS, RegisterQuery

from .. import libreoffice

pytestmark = pytest.mark.demo_data(calls=400, seed=11)

HYPERLINK = '=HYPERLINK("http://x","点我")'
PHONE = "+86 138 0013 8000"
FAULT = "-1+1"
REMARKS = "@SUM(A1)"
NOW = datetime(2026, 11, 28, 9, 30)

KEY_COLUMN = {"service_call": "call_no", "goods_entry": "receipt_no", "repair_card": "card_no", "customer": "name"}
MODELS = {"service_call": ServiceCall, "goods_entry": GoodsEntry, "repair_card": RepairCard, "customer": Customer}




@pytest.fixture
def risky(demo_database):
    """One call and one customer whose text looks like formulas, and a control character."""
    with demo_database.Session.begin() as s:
        call_id = s.scalars(select(ServiceCall.id).order_by(ServiceCall.id).limit(1)).one()
        s.execute(update(ServiceCall).where(ServiceCall.id == call_id).values(
            customer_name=HYPERLINK, phone=PHONE, fault=FAULT, remarks=REMARKS, address="响铃\x07地址"))
        customer_id = s.scalars(select(Customer.id).order_by(Customer.id).limit(1)).one()
        s.execute(update(Customer).where(Customer.id == customer_id).values(name=HYPERLINK, phone=PHONE))
    return demo_database, call_id, customer_id


@pytest.fixture
def out(tmp_path) -> Path:
    """A folder of its own for the workbooks (tmp_path also holds the data folder)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def sheet_of(path: Path):
    workbook = load_workbook(path)
    assert len(workbook.worksheets) == 1
    return workbook.worksheets[0]


def header_of(sheet) -> list[str]:
    return [c.value for c in sheet[HEADER_ROW]]


def last_data_row(sheet) -> int:
    """The autofilter's last row: the totals row under it is not a register's row."""
    return range_boundaries(sheet.auto_filter.ref)[3]


def widths_of(sheet) -> list[float]:
    return [sheet.column_dimensions[get_column_letter(i)].width for i in range(1, sheet.max_column + 1)]


def data_rows(sheet) -> list[tuple]:
    return [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, max_row=last_data_row(sheet))]


def column_values(sheet, spec, key: str) -> list:
    at = spec.index_of(key)
    return [row[at] for row in data_rows(sheet)]


def query_keys(query: RegisterQuery, key: str) -> list:
    at = query.spec.index_of(key) + 1
    return [r[at] for r in query.window(0, query.count())]


# -- every register, its rows in the view's order ----------------------------------------------

@pytest.mark.parametrize("name", list(REGISTERS))
def test_each_register_exports_every_row_in_its_default_order(demo_database, tmp_path, name):
    spec = REGISTERS[name]
    report = export_register(RegisterQuery(demo_database, spec), tmp_path / f"{name}.xlsx", now=NOW)
    sheet = sheet_of(report.path)
    assert header_of(sheet) == [str(c.header) for c in spec.columns]
    model = MODELS[name]
    key = KEY_COLUMN[name]
    order = getattr(model, spec.column(spec.default_sort).sort_by or spec.default_sort)  # names: their pinyin key
    with demo_database.read_session() as s:  # independently of RegisterQuery
        total = s.scalar(select(func.count()).select_from(model))
        by = (order.desc(), model.id.desc()) if spec.default_descending else (order.asc(), model.id.asc())
        expected = s.scalars(select(getattr(model, key)).order_by(*by)).all()
    assert report.rows == total == len(data_rows(sheet)) > 0
    assert column_values(sheet, spec, key) == expected
    assert sheet.title == str(spec.title).replace("/", "_")  # a sheet name has no slash


def test_a_search_sorted_descending_gives_the_rows_the_query_gives(demo_database, tmp_path):
    spec = REGISTERS["service_call"]
    query = RegisterQuery(demo_database, spec)
    query.set_search("王")
    query.set_sort("customer_name", descending=True)
    report = export_register(query, tmp_path / "wang.xlsx", now=NOW)
    sheet = sheet_of(report.path)
    exported = column_values(sheet, spec, "call_no")

    terms = [getattr(ServiceCall, k).like("%王%") for k in spec.search_keys]
    with demo_database.read_session() as s:  # the same search and order in plain SQL
        expected = s.scalars(
            select(ServiceCall.call_no).where(or_(*terms))
            .order_by(ServiceCall.customer_name.desc(), ServiceCall.id.desc())
        ).all()
    assert 0 < len(expected) < 400
    assert exported == expected
    assert exported[0] == expected[0] and exported[-1] == expected[-1]
    assert query.count() == len(exported) == report.rows
    assert exported == query_keys(query, "call_no")
    names = column_values(sheet, spec, "customer_name")
    assert all("王" in n or "王" in (r[spec.index_of("address")] or "") or "王" in (r[spec.index_of("phone")] or "")
               for n, r in zip(names, data_rows(sheet)))


@pytest.mark.parametrize(
    "name, search, sort, descending",
    [
        ("goods_entry", "激光", "taken_in_at", False),
        ("repair_card", "", "labour_fee", True),
        ("customer", "南京", "phone", False),
        ("service_call", "LP-1020", "fee", True),
    ],
)
def test_any_search_and_sort_is_kept(demo_database, tmp_path, name, search, sort, descending):
    spec = REGISTERS[name]
    query = RegisterQuery(demo_database, spec)
    query.set_search(search)
    query.set_sort(sort, descending)
    report = export_register(query, tmp_path / "x.xlsx", now=NOW)
    sheet = sheet_of(report.path)
    key = KEY_COLUMN[name]
    assert column_values(sheet, spec, key) == query_keys(query, key)
    assert report.rows == query.count()


def test_the_rows_are_read_in_windows_never_all_at_once(demo_database, tmp_path, monkeypatch):
    monkeypatch.setattr(register_export, "CHUNK", 64)
    asked = []
    window = RegisterQuery.window

    def recording(self, offset, limit):
        asked.append((offset, limit))
        return window(self, offset, limit)

    monkeypatch.setattr(RegisterQuery, "window", recording)
    report = export_register(RegisterQuery(demo_database, REGISTERS["service_call"]), tmp_path / "w.xlsx")
    assert report.rows == 400
    assert asked == [(offset, 64) for offset in range(0, 400, 64)]


def test_by_name_for_the_command_line(demo_database, tmp_path):
    report = export_register_by_name(demo_database, "service-call", tmp_path / "c.xlsx", search="王",
                                     sort_key="customer_name", descending=True, now=NOW)
    query = RegisterQuery(demo_database, REGISTERS["service_call"])
    query.set_search("王")
    query.set_sort("customer_name", True)
    assert column_values(sheet_of(report.path), query.spec, "call_no") == query_keys(query, "call_no")
    # the register's own order without --sort; a header (English or as shown) names a column too
    report = export_register_by_name(demo_database, "customer", tmp_path / "d.xlsx", sort_key="Phone")
    assert "Sorted by Phone, ascending" in sheet_of(report.path)["A1"].value
    report = export_register_by_name(demo_database, "repair_card", tmp_path / "e.xlsx")
    assert "Sorted by Opened, descending" in sheet_of(report.path)["A1"].value


# -- what the cells hold -------------------------------------------------------------------------

def test_cells_are_typed_and_codes_carry_their_labels(demo_database, tmp_path):
    spec = REGISTERS["service_call"]
    query = RegisterQuery(demo_database, spec)
    query.set_sort("fee", descending=True)  # paid calls with a fee first
    sheet = sheet_of(export_register(query, tmp_path / "t.xlsx").path)
    first = sheet[FIRST_DATA_ROW]
    received = first[spec.index_of("received_at")]
    fee = first[spec.index_of("fee")]
    status = first[spec.index_of("status")]
    technician = first[spec.index_of("technician_id")]
    window = query.window(0, 1)[0]
    assert isinstance(received.value, datetime) and received.number_format == xlsx.DATETIME_FORMAT
    assert received.value == window[1 + spec.index_of("received_at")]
    assert fee.data_type == "n" and fee.number_format == xlsx.MONEY_FORMAT
    assert fee.value == pytest.approx(float(window[1 + spec.index_of("fee")])) and fee.value > 0
    assert status.value == str(labels.CALL_STATUS[window[1 + spec.index_of("status")]])
    assert technician.data_type == "s" and not technician.value.startswith("#")

    goods = REGISTERS["goods_entry"]
    sheet = sheet_of(export_register(RegisterQuery(demo_database, goods), tmp_path / "g.xlsx").path)
    promised = sheet[FIRST_DATA_ROW][goods.index_of("promised_date")]
    assert promised.number_format == xlsx.DATE_FORMAT and promised.value.date() > date(2020, 1, 1)

    cards = REGISTERS["repair_card"]
    query = RegisterQuery(demo_database, cards)
    query.set_sort("repair_hours", descending=True)
    hours = sheet_of(export_register(query, tmp_path / "r.xlsx").path)[FIRST_DATA_ROW][cards.index_of("repair_hours")]
    assert hours.data_type == "n" and hours.number_format == xlsx.HOURS_FORMAT and hours.value > 0


def test_labels_and_headers_are_in_chinese_with_the_translation(demo_database, tmp_path):
    from crm_desktop.translation import standalone_translate

    translate = standalone_translate()
    spec = REGISTERS["service_call"]
    sheet = sheet_of(export_register(RegisterQuery(demo_database, spec), tmp_path / "zh.xlsx", translate=translate).path)
    assert sheet.title == "叫修登记簿"
    assert header_of(sheet)[:3] == ["叫修单号", "叫修时间", "客户"]
    statuses = set(column_values(sheet, spec, "status"))
    assert "已登记" in statuses and not statuses & {"registered", "Registered"}


def test_text_that_looks_like_a_formula_stays_text(risky, tmp_path):
    database, call_id, customer_id = risky
    spec = REGISTERS["service_call"]
    sheet = sheet_of(export_register(RegisterQuery(database, spec), tmp_path / "risky.xlsx").path)
    row = next(r for r in sheet.iter_rows(min_row=FIRST_DATA_ROW) if r[spec.index_of("customer_name")].value == HYPERLINK)
    for key, text in (("customer_name", HYPERLINK), ("phone", PHONE), ("fault", FAULT), ("remarks", REMARKS)):
        cell = row[spec.index_of(key)]
        assert cell.value == text and cell.data_type == "s", key
        assert cell.quotePrefix, key  # Excel keeps it text after an edit too
    assert row[spec.index_of("address")].value == "响铃地址"  # a control character Excel refuses is dropped

    customers = REGISTERS["customer"]
    sheet = sheet_of(export_register(RegisterQuery(database, customers), tmp_path / "c.xlsx").path)
    names = {c.value: c for c in (r[customers.index_of("name")] for r in sheet.iter_rows(min_row=FIRST_DATA_ROW))}
    assert names[HYPERLINK].data_type == "s"
    assert not any(c.data_type == "f" for r in sheet.iter_rows() for c in r)


def test_a_search_that_looks_like_a_formula_is_text_in_the_summary(demo_database, tmp_path):
    query = RegisterQuery(demo_database, REGISTERS["customer"])
    query.set_search("=1+1")
    sheet = sheet_of(export_register(query, tmp_path / "s.xlsx", now=NOW).path)
    summary = sheet["A1"]
    assert summary.data_type == "s"
    assert "Search: =1+1" in summary.value and "0 rows" in summary.value
    assert data_rows(sheet) == []


def _soffice_csv(xlsx_file: Path, out_dir: Path) -> list[list[str]]:
    sheets = libreoffice.recalculate(xlsx_file, out_dir)
    assert len(sheets) == 1, sheets.keys()  # one sheet, one file
    return next(iter(sheets.values()))


@libreoffice.needs_soffice
def test_libreoffice_shows_the_formula_like_text_literally(risky, tmp_path):
    database, _call_id, _customer_id = risky
    spec = REGISTERS["service_call"]
    report = export_register(RegisterQuery(database, spec), tmp_path / "risky.xlsx")
    out = tmp_path / "csv"
    out.mkdir()
    rows = _soffice_csv(report.path, out)
    assert rows[HEADER_ROW - 1] == [str(c.header) for c in spec.columns]
    assert len(rows) == HEADER_ROW + report.rows + 1  # and the totals row
    fees = [float(r[spec.index_of("fee")].replace(",", "") or 0) for r in rows[HEADER_ROW:-1]]
    assert float(rows[-1][spec.index_of("fee")].replace(",", "")) == pytest.approx(sum(fees)) and sum(fees) > 0
    row = next(r for r in rows if r[spec.index_of("customer_name")] == HYPERLINK)  # not evaluated to 点我
    assert row[spec.index_of("phone")] == PHONE  # not the number 86 + 138…
    assert row[spec.index_of("fault")] == FAULT  # not 0
    assert row[spec.index_of("remarks")] == REMARKS
    assert not any("点我" == cell for r in rows for cell in r)


# -- the sheet's layout --------------------------------------------------------------------------

def test_the_sheet_has_its_summary_header_filter_panes_and_print_setup(demo_database, tmp_path):
    spec = REGISTERS["service_call"]
    query = RegisterQuery(demo_database, spec)
    query.set_search("王")
    query.set_sort("customer_name", descending=True)
    report = export_register(query, tmp_path / "layout.xlsx", now=NOW)
    sheet = sheet_of(report.path)
    summary = sheet["A1"].value
    for part in ("Service call register", "Search: 王", "Sorted by Customer, descending", f"{report.rows} rows",
                 "Exported 2026-11-28 09:30"):
        assert part in summary
    assert report.summary == summary
    assert sheet["A1"].font.b
    header = sheet[HEADER_ROW]
    assert all(c.font.b and c.fill.fgColor.rgb.endswith("2F5597") for c in header)
    assert sheet.freeze_panes == f"A{FIRST_DATA_ROW}"
    assert sheet.auto_filter.ref == f"A{HEADER_ROW}:S{HEADER_ROW + report.rows}"
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    # 19 columns do not fit one A4 width at 8.5 points: the rows continue on a page to their
    # right, the call number repeated there, rather than shrinking their text
    assert sheet.page_setup.scale == 85 and not sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_cols == "$A:$A" and sheet.page_setup.pageOrder == "overThenDown"
    assert sheet.max_row == FIRST_DATA_ROW + report.rows  # and the totals row
    # on paper: the table with its grid and its totals, and the summary at the top of every page
    assert sheet.print_area.endswith(f"$A${HEADER_ROW}:$S${HEADER_ROW + report.rows + 1}")
    assert sheet.print_options.gridLines
    assert sheet.oddHeader.center.text == summary
    assert sheet.oddFooter.center.text == "&P / &N"


def test_an_ampersand_in_the_search_is_not_a_page_header_code(demo_database, tmp_path):
    query = RegisterQuery(demo_database, REGISTERS["customer"])
    query.set_search("A&B")
    sheet = sheet_of(export_register(query, tmp_path / "amp.xlsx", now=NOW).path)
    assert "Search: A&B" in sheet["A1"].value
    assert "Search: A&&B" in sheet.oddHeader.center.text


def test_columns_are_wide_enough_for_chinese_text(demo_database, tmp_path):
    from crm_desktop.translation import standalone_translate

    translate = standalone_translate()
    spec = REGISTERS["service_call"]
    sheet = sheet_of(export_register(RegisterQuery(demo_database, spec), tmp_path / "w.xlsx", translate=translate).path)
    letters = "ABCDEFGHIJKLMNOPQRS"
    for i, column in enumerate(spec.columns):
        width = sheet.column_dimensions[letters[i]].width
        assert width >= xlsx.display_width(column.header.tr(translate)) + 2, column.key
    names = column_values(sheet, spec, "customer_name")
    widest = max(xlsx.display_width(n) for n in names)
    # 2 a Chinese character; a longer name wraps in a column of at most TEXT_CAP
    assert sheet.column_dimensions["C"].width == min(widest + 2, register_export.TEXT_CAP)
    assert sheet.column_dimensions["B"].width >= 16  # yyyy-mm-dd hh:mm


def test_chosen_columns_in_the_chosen_order(demo_database, tmp_path):
    spec = REGISTERS["customer"]
    report = export_register(RegisterQuery(demo_database, spec), tmp_path / "cols.xlsx", columns=["phone", "name"])
    sheet = sheet_of(report.path)
    assert header_of(sheet) == ["Phone", "Name"] and report.columns == 2
    with demo_database.read_session() as s:
        first = s.execute(select(Customer.phone, Customer.name).order_by(Customer.name_key, Customer.id)).first()  # pinyin order
    assert data_rows(sheet)[0] == tuple(first)


# -- cancel and failures leave no file -------------------------------------------------------

def test_cancel_after_the_first_window_leaves_no_file(demo_database, tmp_path, monkeypatch):
    monkeypatch.setattr(register_export, "CHUNK", 100)
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return False

    target = tmp_path / "out" / "cancelled.xlsx"
    target.parent.mkdir()
    with pytest.raises(Cancelled):
        export_register(RegisterQuery(demo_database, REGISTERS["service_call"]), target, progress=progress)
    assert calls == [(100, 400)]
    assert list(target.parent.iterdir()) == []  # neither the file nor a temporary one


def test_progress_is_reported_after_every_window(demo_database, tmp_path, monkeypatch):
    monkeypatch.setattr(register_export, "CHUNK", 150)
    calls = []
    export_register(RegisterQuery(demo_database, REGISTERS["service_call"]), tmp_path / "p.xlsx",
                    progress=lambda done, total: calls.append((done, total)))  # None: go on
    assert calls == [(150, 400), (300, 400), (400, 400)]


def test_a_missing_folder_is_a_user_error(demo_database, tmp_path):
    target = tmp_path / "no such folder" / "x.xlsx"
    with pytest.raises(UserError) as raised:
        export_register(RegisterQuery(demo_database, REGISTERS["customer"]), target)
    assert raised.value.message == register_export.CANNOT_WRITE
    assert str(target) in str(raised.value)
    assert not target.parent.exists()


def test_a_file_open_in_excel_is_a_user_error_and_stays_as_it_was(demo_database, out, monkeypatch):
    target = out / "open.xlsx"
    target.write_bytes(b"the clerk's earlier export")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(register_export.os, "replace", locked)
    with pytest.raises(UserError) as raised:
        export_register(RegisterQuery(demo_database, REGISTERS["customer"]), target)
    assert raised.value.message == register_export.CANNOT_WRITE and "open in another program" in str(raised.value)
    assert target.read_bytes() == b"the clerk's earlier export"
    assert [p.name for p in out.iterdir()] == ["open.xlsx"]  # no temporary file either


def test_a_disk_that_fills_up_while_saving_leaves_the_old_file_and_no_temporary(demo_database, out, monkeypatch):
    from openpyxl import Workbook

    from crm_desktop import faults, files

    target = out / "calls.xlsx"
    target.write_bytes(b"the clerk's earlier export")
    real_save = Workbook.save

    def disk_full(self, filename):
        real_save(self, filename)  # the sheets are closed as in a real failure at the end
        with open(filename, "r+b") as half:
            half.truncate(100)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", disk_full)
    with pytest.raises(OSError) as raised:
        export_register(RegisterQuery(demo_database, REGISTERS["customer"]), target)
    # not this file's problem but the machine's: said as the known fault, with its own exit code
    assert faults.classify(raised.value) is faults.Fault.DISK_FULL
    assert target.read_bytes() == b"the clerk's earlier export"
    assert files.leftover_temporaries(out) == [] and [p.name for p in out.iterdir()] == ["calls.xlsx"]


def test_only_xlsx_file_names(demo_database, out):
    with pytest.raises(UserError) as raised:
        export_register(RegisterQuery(demo_database, REGISTERS["customer"]), out / "x.xls")
    assert raised.value.message == register_export.NOT_XLSX
    assert list(out.iterdir()) == []


def test_an_unknown_register_or_column_is_refused_with_the_names(demo_database, out):
    with pytest.raises(UserError) as raised:
        export_register_by_name(demo_database, "calls", out / "x.xlsx")
    assert raised.value.message == register_export.UNKNOWN_REGISTER
    for name in ("service-call", "goods-entry", "repair-card", "customer"):
        assert name in str(raised.value)
    with pytest.raises(UserError) as raised:
        export_register_by_name(demo_database, "service_call", out / "x.xlsx", sort_key="colour")
    assert raised.value.message == register_export.UNKNOWN_COLUMN
    assert "received_at" in str(raised.value) and "colour" in str(raised.value)
    assert list(out.iterdir()) == []


def test_the_refusal_is_in_chinese_for_the_clerk(demo_database, tmp_path, qapp):
    """Passes once the Export strings' translations are in resources/i18n."""
    from PySide6.QtCore import QCoreApplication

    from crm_desktop.app import install_translations

    translators = install_translations(qapp)  # kept: a collected translator translates nothing
    try:
        with pytest.raises(UserError) as raised:
            export_register_by_name(demo_database, "calls", tmp_path / "x.xlsx")
        text = raised.value.render(QCoreApplication.translate)
        assert "没有名为“calls”的登记簿" in text and "service-call (叫修登记簿)" in text, text
        with pytest.raises(UserError) as raised:
            export_register_by_name(demo_database, "service-call", tmp_path / "x.xlsx", sort_key="colour")
        text = raised.value.render(QCoreApplication.translate)
        assert "叫修登记簿没有“colour”这一列" in text and "received_at (叫修时间)" in text, text
        with pytest.raises(UserError) as raised:
            export_register(RegisterQuery(demo_database, REGISTERS["customer"]), tmp_path / "gone" / "x.xlsx")
        assert "无法写入" in raised.value.render(QCoreApplication.translate)
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_too_many_rows_for_a_sheet_is_refused_before_writing(demo_database, out, monkeypatch):
    monkeypatch.setattr(register_export, "MAX_SHEET_ROWS", 100)
    with pytest.raises(UserError) as raised:
        export_register(RegisterQuery(demo_database, REGISTERS["service_call"]), out / "big.xlsx")
    assert raised.value.message == register_export.TOO_MANY_ROWS
    assert list(out.iterdir()) == []


def test_no_temporary_file_of_openpyxl_is_left_after_a_cancel(demo_database, tmp_path, monkeypatch):
    from openpyxl.worksheet import _writer

    monkeypatch.setattr(register_export, "CHUNK", 100)
    before = set(_writer.ALL_TEMP_FILES)
    with pytest.raises(Cancelled):
        export_register(RegisterQuery(demo_database, REGISTERS["service_call"]), tmp_path / "x.xlsx",
                        progress=lambda done, total: False)
    left = set(_writer.ALL_TEMP_FILES) - before
    assert not left and not any(os.path.exists(p) for p in left)


# -- on paper (issue 16) --------------------------------------------------------------------------

def test_one_chinese_font_for_every_cell_and_the_widths_capped(demo_database, tmp_path):
    from crm_desktop.translation import standalone_translate

    spec = REGISTERS["service_call"]
    report = export_register(RegisterQuery(demo_database, spec), tmp_path / "f.xlsx", translate=standalone_translate())
    workbook = load_workbook(report.path)
    normal = next(s for s in workbook._named_styles if s.name == "Normal")
    assert (normal.font.name, normal.font.sz) == (xlsx.FONT_NAME, xlsx.FONT_SIZE)
    sheet = workbook.worksheets[0]
    for cell in sheet[FIRST_DATA_ROW]:  # the cells take the Normal style's font; none brings another
        assert cell.font.name == xlsx.FONT_NAME and cell.font.sz == xlsx.FONT_SIZE, cell.coordinate
    for i, column in enumerate(spec.columns):
        cap = register_export.width_cap(column)
        width = sheet.column_dimensions[get_column_letter(i + 1)].width
        assert width <= (cap or xlsx.MAX_WIDTH), column.key
        # in a row taller than a line every text wraps, but never a number, a date or a call number
        cell = next((r[i] for r in sheet.iter_rows(min_row=FIRST_DATA_ROW, max_row=last_data_row(sheet))
                     if r[i].value is not None and sheet.row_dimensions[r[i].row].height), None)
        wraps = register_export.narrowest(column) is not None
        assert cell is None or bool(cell.alignment.wrap_text) == wraps, column.key
    # a header narrower than its column wraps onto the lines it needs
    assert sheet.row_dimensions[HEADER_ROW].height == xlsx.header_height([c.value for c in sheet[HEADER_ROW]], widths_of(sheet))
    # a text longer than its column makes its row as tall as its lines (LibreOffice would not)
    widths = [sheet.column_dimensions[get_column_letter(i + 1)].width for i in range(len(spec.columns))]
    tall = 0
    for r in sheet.iter_rows(min_row=FIRST_DATA_ROW, max_row=last_data_row(sheet)):
        lines = max(xlsx.lines_needed(c.value, w) if c.alignment.wrap_text and isinstance(c.value, str) else 1
                    for c, w in zip(r, widths))
        height = sheet.row_dimensions[r[0].row].height
        assert (height == xlsx.row_height(lines)) if lines > 1 else height is None, r[0].row
        tall += lines > 1
    assert tall > 0


def test_a_totals_row_under_the_money_and_hours_columns(demo_database, tmp_path):
    from crm_desktop.translation import standalone_translate

    cards = REGISTERS["repair_card"]
    report = export_register(RegisterQuery(demo_database, cards), tmp_path / "t.xlsx", translate=standalone_translate())
    sheet = sheet_of(report.path)
    last = last_data_row(sheet)
    assert last == FIRST_DATA_ROW + report.rows - 1 and sheet.max_row == last + 1
    totals = sheet[last + 1]
    assert totals[0].value == f"合计（{report.rows} 行）" and totals[0].font.b
    for key in ("repair_hours", "labour_fee"):
        letter = get_column_letter(cards.index_of(key) + 1)
        cell = totals[cards.index_of(key)]
        assert cell.value == f"=SUBTOTAL(9,{letter}{FIRST_DATA_ROW}:{letter}{last})"  # what the filter shows
        assert cell.number_format == register_export.NUMBER_FORMATS[cards.column(key).kind]
    assert all(c.value is None for i, c in enumerate(totals) if i and cards.columns[i].kind not in ("money", "decimal"))
    # the customer list has nothing to add up: no totals row to be read back as a customer
    customers = sheet_of(export_register(RegisterQuery(demo_database, REGISTERS["customer"]), tmp_path / "c.xlsx").path)
    assert customers.max_row == last_data_row(customers)


@libreoffice.needs_soffice
def test_every_register_prints_on_a4_landscape_with_no_text_under_8_points(demo_database, tmp_path):
    """Each register printed by LibreOffice (all four in one start of it): A4 landscape pages,
    every column on them, one font, and the smallest glyph drawn at 8 points or more."""
    import pdfplumber

    from crm_desktop.translation import standalone_translate

    translate = standalone_translate()
    books = {name: export_register(RegisterQuery(demo_database, spec), tmp_path / f"{name}.xlsx", translate=translate).path
             for name, spec in REGISTERS.items()}
    pdfs = libreoffice.to_pdf(*books.values(), out_dir=tmp_path / "pdf")
    for (name, spec), pdf in zip(REGISTERS.items(), pdfs):
        smallest, text = libreoffice.smallest_glyphs(pdf)
        assert smallest >= 8.0, (name, smallest, text)
        with pdfplumber.open(pdf) as document:
            assert all(round(p.width) == 842 and round(p.height) == 595 for p in document.pages), name
            fonts = {c["fontname"].split("+")[-1] for p in document.pages for c in p.chars}
            printed = "".join(c["text"] for p in document.pages[:2] for c in p.chars)
        assert len({f.replace("-Bold", "").replace("Bold", "") for f in fonts}) == 1, (name, fonts)
        for column in spec.columns:  # on the first page, or the one to its right
            assert column.header.tr(translate) in printed, (name, column.key)
