"""The monthly technician report workbook (X4): it reloads with openpyxl, its totals are
formulas, it has the chart and the print setup, and LibreOffice's recalculation of those
formulas gives the program's own figures."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from crm_desktop import demo, files
from crm_desktop.errors import UserError
from crm_desktop.exports import monthly_workbook
from crm_desktop.exports.monthly_workbook import (
    COL,
    SUMMARY_COLUMNS,
    sheet_names,
    write_monthly_report,
)
from crm_desktop.exports.xlsx import display_width, lines_needed, row_height
from crm_desktop.progress import Cancelled
from crm_desktop.services import calls, process
from crm_desktop.services.monthly_report import SURVEY_ITEMS, SurveyScores
from tests.services.test_monthly_report import LATER, at, build_month

from .. import libreoffice
from ..libreoffice import needs_soffice
from ..test_rule_codes import rule_codes_in

CHINESE = {  # enough of the translation to see it used (the full one lives in the .ts file)
    "MonthlyReport|Summary": "汇总",
    "MonthlyReport|Notes": "说明",
    "MonthlyReport|Total": "合计",
    "MonthlyReport|Yes": "是",
    "MonthlyReport|No": "否",
    "MonthlyReport|{name} (left)": "{name}（已离职）",
}


def chinese(context: str, text: str) -> str:
    return CHINESE.get(f"{context}|{text}", text)


@pytest.fixture
def month_db(database):
    ns = build_month(database)
    with database.Session.begin() as s:  # a customer name that must stay text (formula injection)
        call_id = calls.register_call(s, customer_id=ns.zheda, received_at=at(11, 20, 14), fault="不能开机",
                                      registered_by_id=ns.clerk, customer_name="=HYPERLINK(\"http://x\",\"点我\")").id
        process.dispatch(s, call_id, ns.wang, at(11, 20, 14, 10), ns.boss, now=LATER)
        process.arrive(s, call_id, at(11, 20, 15), ns.wang, now=LATER)
        process.complete_on_site(s, call_id, when=at(11, 20, 16), work_done="更换保险丝", hours_spent="1",
                                 by_id=ns.wang, payment_method="collected", now=LATER)
    return database, ns


def recalculate(path: Path, folder: Path) -> dict[str, list[list[str]]]:
    """Every sheet as LibreOffice computes it (formulas recalculated), by sheet name."""
    return libreoffice.recalculate(path, folder / "csv")


def number(text: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    if text.endswith("%"):
        return Decimal(text[:-1]) / 100
    return Decimal(text.replace(",", ""))


def check_recalculated(report, sheets: dict[str, list[list[str]]], summary_name: str) -> None:
    """The totals, on-time rates and averages LibreOffice computed are the program's figures."""
    f = report.figures
    summary = sheets[summary_name]
    first = 3  # csv rows: title, groups, columns, then the technicians
    body = summary[first:first + len(f.technicians)]
    total_row = summary[first + len(f.technicians)]
    index = {key: i for i, (key, _h, _f) in enumerate(SUMMARY_COLUMNS)}

    def expect(row: list[str], t) -> None:
        want = {
            "A": t.jobs["A"], "B": t.jobs["B"], "C": t.jobs["C"], "jobs": t.total_jobs, "on_site": t.on_site_jobs,
            "repair": t.repair_jobs, "taken_back": t.taken_back, "hours": t.hours, "arrivals": t.arrivals,
            "on_time": t.arrivals_on_time, "late": t.arrivals_late, "response": t.response_minutes,
            "average": t.average_response_hours, "repairs": t.repairs_completed, "parts": t.parts_cost,
            "fees": t.fees_collected, "cards": t.survey.cards if t.survey else 0,
        }
        for key, value in want.items():
            assert number(row[index[key]]) == value, (row[0], key, row[index[key]], value)
        rate = number(row[index["rate"]])
        if t.on_time_rate is None:
            assert rate is None
        else:
            assert abs(rate - t.on_time_rate) < Decimal("1e-12"), (row[0], rate)
        for item in SURVEY_ITEMS:
            got, average = number(row[index[item]]), t.survey_average(item)
            assert (got is None) == (average is None) and (got is None or got == Decimal(str(average)))

    for row, t in zip(body, f.technicians):
        expect(row, t)
    assert total_row[0] == "合计"
    expect(total_row, f.totals)
    # each detail sheet's totals row: jobs, hours, on time, fees and parts of its lines
    for name, t in zip(report.sheets[1:-1], f.technicians):
        rows = sheets[name]
        assert len(rows) == 2 + len(t.lines) + 1
        total = rows[-1]
        assert total[0] == "合计"
        assert number(total[1]) == len(t.lines)
        assert number(total[6]) == sum((l.hours for l in t.lines), Decimal("0"))
        assert number(total[9]) == sum(1 for l in t.lines if l.on_time)
        assert number(total[10]) == sum((l.fee or 0 for l in t.lines), Decimal("0"))
        assert number(total[11]) == sum((l.parts_cost or 0 for l in t.lines), Decimal("0"))


# -------------------------------------------------------------------------------------------------


def test_workbook_reloads_with_formulas_chart_and_print_setup(month_db, tmp_path):
    database, ns = month_db
    path = tmp_path / "技术员月报 2026-11.xlsx"
    report = write_monthly_report(database, 2026, 11, path, translate=chinese)
    assert path.exists() and not list(tmp_path.glob("*.part"))
    f = report.figures
    n = len(f.technicians)
    assert report.technicians == n == 5 and report.jobs == f.jobs == 13

    wb = load_workbook(path)
    assert wb.sheetnames == report.sheets
    assert wb.sheetnames[0] == "汇总" and wb.sheetnames[-1] == "说明"
    assert "周技师（已离职）" in wb.sheetnames
    ws = wb["汇总"]
    first, total = 4, 4 + n
    assert [ws.cell(r, 1).value for r in range(first, total)] == [
        t.name if t.active else f"{t.name}（已离职）" for t in f.technicians
    ]
    assert ws.cell(total, 1).value == "合计"
    # every figure of the totals row is a formula, and so are the per-row derived figures
    for c in range(2, len(SUMMARY_COLUMNS) + 1):
        assert ws.cell(total, c).data_type == "f", ws.cell(total, c).coordinate
    assert ws[f"{COL['jobs']}{total}"].value == f"=SUM({COL['jobs']}{first}:{COL['jobs']}{total - 1})"
    assert ws[f"{COL['fees']}{total}"].value == f"=ROUND(SUM({COL['fees']}{first}:{COL['fees']}{total - 1}),2)"
    for r in range(first, total):
        for key in ("jobs", "arrivals", "rate", "average"):
            assert ws[f"{COL[key]}{r}"].data_type == "f"
        assert ws[f"{COL['rate']}{r}"].value == f'=IF({COL["arrivals"]}{r}=0,"",{COL["on_time"]}{r}/{COL["arrivals"]}{r})'
        assert ws[f"{COL['rate']}{r}"].number_format == "0.0%"
        assert ws[f"{COL['fees']}{r}"].number_format == "#,##0.00"
    # the native bar chart: the jobs column, the technicians' names as categories
    assert len(ws._charts) == 1
    series = ws._charts[0].series[0]
    assert series.val.numRef.f == f"'汇总'!${COL['jobs']}${first}:${COL['jobs']}${total - 1}"
    assert series.cat.strRef.f == f"'汇总'!$A${first}:$A${total - 1}"
    # styled headers, frozen panes, widths, print setup
    assert ws["B3"].font.bold and ws["B3"].fill.fgColor.rgb.endswith("2F5597")
    assert "A1:W1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.freeze_panes == "B4"
    assert ws.print_title_rows == "$1:$3"
    assert ws.page_setup.orientation == "landscape"
    # at a scale that keeps the text at 8.5 points or more, whatever fit-to-width would do
    assert ws.page_setup.scale >= 85 and not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["A"].width >= max(display_width(ws.cell(r, 1).value) for r in range(first, total))
    # the wrapped headers have the lines they need (not cut on paper)
    widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1)]
    lines = max(lines_needed(c.value, w) for c, w in zip(ws[3], widths) if c.value)
    assert ws.row_dimensions[3].height >= row_height(lines)

    wang = wb[report.sheets[1 + [t.technician_id for t in f.technicians].index(ns.wang)]]
    assert wang.freeze_panes == "A3" and wang.print_title_rows == "$1:$2"
    assert wang.page_setup.orientation == "landscape" and wang.page_setup.scale >= 85
    last = wang.max_row
    assert wang.cell(last, 1).value == "合计"
    for c in (2, 7, 10, 11, 12):
        assert wang.cell(last, c).data_type == "f"
    assert wang.cell(last, 10).value == f'=COUNTIF(J3:J{last - 1},"是")'
    # a customer name that looks like a formula is text, quoted
    risky = [c for c in wang["D"] if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert len(risky) == 1 and risky[0].data_type == "s" and risky[0].quotePrefix
    assert wang["A3"].number_format == "yyyy-mm-dd" and wang["H3"].number_format == "yyyy-mm-dd hh:mm"
    notes = wb["说明"]
    assert notes["A2"].value.startswith("Month: from 2026-11-01 00:00")


@needs_soffice
def test_libreoffice_recalculates_the_programs_figures(month_db, tmp_path):
    database, ns = month_db

    def surveys(session, start, end):
        return {ns.wang: SurveyScores(3, {"attitude": Decimal("3.67"), "skill": 4, "arrival_time": Decimal("3.5"),
                                          "follow_through": Decimal("2.25")}),
                ns.chen: SurveyScores(2, {item: Decimal("3") for item in SURVEY_ITEMS})}

    path = tmp_path / "monthly.xlsx"
    report = write_monthly_report(database, 2026, 11, path, translate=chinese, surveys=surveys)
    sheets = recalculate(path, tmp_path)
    assert set(sheets) == set(report.sheets)
    check_recalculated(report, sheets, "汇总")
    total = report.figures.totals
    assert total.survey.cards == 5 and total.survey.averages["attitude"] == Decimal("3.40")  # (11.01 + 6) / 5
    assert total.arrivals_late == 1 and total.fees_collected == Decimal("440.00")


@needs_soffice
def test_libreoffice_on_an_empty_month(month_db, tmp_path):
    database, _ns = month_db
    path = tmp_path / "empty.xlsx"
    report = write_monthly_report(database, 2025, 2, path)  # English: no translation given
    assert report.jobs == 0 and report.sheets[0] == "Summary"
    sheets = recalculate(path, tmp_path)
    summary = sheets["Summary"]
    total = summary[3 + report.technicians]
    assert total[0] == "Total" and number(total[1]) == 0 and total[COL_INDEX["rate"]] == ""
    for name in report.sheets[1:-1]:
        assert [number(v) for v in sheets[name][-1][1:2]] == [0]


COL_INDEX = {key: i for i, (key, _h, _f) in enumerate(SUMMARY_COLUMNS)}


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    from crm_desktop import config as config_mod
    from crm_desktop.db import open_database

    db = open_database(config_mod.resolve(tmp_path_factory.mktemp("monthly-demo")))
    demo.generate(db, calls=1200, seed=3, now=datetime(2026, 11, 20, 15, 0))
    yield db
    db.dispose()


@needs_soffice
def test_libreoffice_on_a_demo_month(demo_database, tmp_path):
    path = tmp_path / "demo-2026-10.xlsx"
    report = write_monthly_report(demo_database, 2026, 10, path, translate=chinese)
    assert report.jobs > 100 and report.figures.totals.arrivals_late > 0
    wb = load_workbook(path)  # reloads
    assert wb.sheetnames == report.sheets
    check_recalculated(report, recalculate(path, tmp_path), "汇总")
    # printed: no text under 8 points
    smallest, text = libreoffice.smallest_glyphs(libreoffice.to_pdf(path, out_dir=tmp_path / "pdf")[0])
    assert smallest >= 8.0, (smallest, text)


def test_no_rule_code_in_the_chinese_workbook(demo_database, tmp_path):
    from crm_desktop.translation import standalone_translate

    path = tmp_path / "zh.xlsx"
    write_monthly_report(demo_database, 2026, 10, path, translate=standalone_translate())
    wb = load_workbook(path)
    texts = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    texts += wb.sheetnames + [ws._charts[0].title.tx.rich.p[0].r[0].t for ws in wb.worksheets if ws._charts]
    assert texts and not [t for t in texts if not t.startswith("=") and rule_codes_in(t)]


def test_cancel_leaves_no_file(month_db, tmp_path):
    database, _ns = month_db
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "report.xlsx"
    path.write_bytes(b"the previous report")
    seen = []

    def progress(done, total):
        seen.append((done, total))
        return len(seen) < 4

    with pytest.raises(Cancelled) as caught:
        write_monthly_report(database, 2026, 11, path, progress=progress)
    assert caught.value.render(chinese)  # a UserError the dialog can show
    assert path.read_bytes() == b"the previous report"  # untouched
    assert sorted(p.name for p in folder.iterdir()) == ["report.xlsx"]  # no temporary file left
    assert len(seen) == 4

    with pytest.raises(Cancelled):
        write_monthly_report(database, 2026, 11, folder / "never.xlsx", progress=lambda d, t: False)
    assert sorted(p.name for p in folder.iterdir()) == ["report.xlsx"]


def test_a_report_open_in_excel_is_said_and_stays_as_it_was(month_db, tmp_path, monkeypatch):
    database, _ns = month_db
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "report.xlsx"
    path.write_bytes(b"last month's report, open in Excel")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(UserError) as caught:
        write_monthly_report(database, 2026, 11, path)
    assert caught.value.message == monthly_workbook.FILE_BUSY and str(path) in caught.value.render()
    assert path.read_bytes() == b"last month's report, open in Excel"
    assert files.leftover_temporaries(folder) == [] and [p.name for p in folder.iterdir()] == ["report.xlsx"]


def test_a_folder_that_is_gone_is_said_before_any_sheet_is_made(month_db, tmp_path):
    database, _ns = month_db
    seen = []
    with pytest.raises(UserError) as caught:
        write_monthly_report(database, 2026, 11, tmp_path / "gone" / "report.xlsx",
                             progress=lambda d, t: seen.append(d) or True)
    assert caught.value.message == monthly_workbook.CANNOT_WRITE and caught.value.field == "path"
    assert seen == [0, 1]  # the figures, then nothing
    assert not (tmp_path / "gone").exists()


def test_progress_reports_every_sheet(month_db, tmp_path):
    database, _ns = month_db
    seen = []
    report = write_monthly_report(database, 2026, 11, tmp_path / "r.xlsx", progress=lambda d, t: seen.append((d, t)) or True)
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1]
    done = [d for d, _t in seen]
    assert done == sorted(done)
    assert seen[-1][1] == len(report.sheets) + 2  # figures, each sheet, saving


def test_the_report_workbooks_only_lay_out_what_the_services_give():
    """exports → services → models: the figures and every query behind them are the services'."""
    from crm_desktop.exports import daily_workbook

    for module in (monthly_workbook, daily_workbook):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert not re.findall(r"^\s*(?:from|import) \S*\b(?:models|sqlalchemy)\b", source, re.M), module


def test_sheet_names_are_valid_and_unique():
    names = sheet_names(
        ["王技师", "王技师", "a[b]:c*d?e/f\\g", "超长的名字" * 8, "汇总", "SUMMARY", "'引号'", ""],
        ["汇总", "Summary"],
    )
    assert names[0] == "王技师" and names[1] == "王技师 (2)"
    assert names[2] == "a_b__c_d_e_f_g"
    assert len(names[3]) == 31
    assert names[4] == "汇总 (2)" and names[5] == "SUMMARY (2)"
    assert names[6] == "引号" and names[7] == "_"
    assert len({n.casefold() for n in names} | {"汇总", "summary"}) == len(names) + 2
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_titles_stay_text(month_db, tmp_path):
    """A branch or technician name that looks like a formula is written as text (xlsx.text_cell)."""
    from crm_desktop.models import Staff
    from crm_desktop.services import branch

    database, ns = month_db
    with database.Session.begin() as s:
        branch.save(s, "=1+1 分公司", "南京市玄武区中山路1号", "")
        s.get(Staff, ns.wang).name = "+王技师"
    path = tmp_path / "r.xlsx"
    report = write_monthly_report(database, 2026, 11, path)
    wb = load_workbook(path)
    title = wb["Summary"]["A1"]
    assert title.value.startswith("=1+1 分公司") and title.data_type == "s" and title.quotePrefix
    assert title.font.bold and title.font.size == 14
    assert "+王技师" in report.sheets
    detail = wb["+王技师"]
    assert detail["A1"].data_type == "s" and detail["A1"].quotePrefix
    name = next(c for c in wb["Summary"]["A"] if c.value == "+王技师")
    assert name.data_type == "s" and name.quotePrefix and name.border.left.style == "thin"
