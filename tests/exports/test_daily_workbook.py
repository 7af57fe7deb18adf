"""The daily reports as .xlsx (S10–S12): totals are formulas, LibreOffice recalculates them
to the figures summed here from the work log, and the file reloads with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from crm_desktop.exports.daily_workbook import write_daily_report
from crm_desktop.models import Staff, WorkLog
from crm_desktop.services import daily_reports, process

from .. import libreoffice
from ..views.branch_data import at, build

DAY = date(2026, 11, 23)


def recalculated(path: Path, out: Path) -> dict[str, list[list[str]]]:
    """Every sheet as LibreOffice computes it: CSV rows by sheet name."""
    return libreoffice.recalculate(path, out)


@pytest.fixture
def signed_day(database):
    ids = build(database)
    with database.Session.begin() as s:
        manager = Staff(name="周经理", role="manager")
        s.add(manager)
        s.flush()
        daily_reports.sign_off(s, DAY, manager.id, when=datetime(2026, 11, 23, 18, 0), now=datetime(2026, 11, 28, 9))
        # the day as signed, straight from the rows
        ids.signed_rows = s.execute(
            select(Staff.name, WorkLog.service_kind, WorkLog.hours)
            .join(Staff, Staff.id == WorkLog.technician_id)
            .where(WorkLog.work_day == DAY, WorkLog.voided_by_step_id.is_(None))
        ).all()
    with database.Session.begin() as s:  # a repair of that day entered after the signature
        process.finish_repair(s, ids.at_risk[2], when=at(23, 17, 30), repair_hours="2.5", by_id=ids.zhao)
    return ids


def test_the_supervisor_workbook_has_formula_totals_and_the_signature(database, signed_day, tmp_path):
    path = write_daily_report(database, DAY, tmp_path / "daily.xlsx")
    book = load_workbook(path)
    summary, jobs = book.worksheets[0], book.worksheets[1]
    assert "周经理" in summary["A2"].value
    assert jobs.cell(jobs.max_row, 6).value.startswith("=SUM(")  # the jobs' total hours
    total_row = [c for c in summary.iter_rows(min_row=4) if c[0].value == "Total"][0]
    assert all(cell.data_type == "f" for cell in total_row[1:])
    assert summary.freeze_panes == "B4" and summary.print_title_rows == "$3:$3"
    assert summary.page_setup.orientation == "portrait" and 85 <= summary.page_setup.scale <= 100
    assert [ws.title for ws in book.worksheets][2] == "Amendments"  # the repair entered after the signature
    amendments = list(book.worksheets[2].iter_rows(min_row=2, values_only=True))
    assert amendments[0][1] == "赵技师" and amendments[0][5] == 2.5


@libreoffice.needs_soffice
def test_libreoffice_recalculates_the_signed_figures(database, signed_day, tmp_path):
    path = write_daily_report(database, DAY, tmp_path / "daily.xlsx")
    rows = signed_day.signed_rows
    assert rows
    sheets = recalculated(path, tmp_path / "csv")
    summary = sheets["Supervisor daily report"]
    table = summary[3:next(i for i, row in enumerate(summary) if row and row[0] == "Total")]
    by_name = {row[0]: row for row in table if row and row[0]}
    expected = {}
    for name, kind, hours in rows:
        jobs, total = expected.get(name, (0, Decimal("0")))
        expected[name] = (jobs + 1, total + hours)
    assert set(by_name) == set(expected)
    for name, (jobs, hours) in expected.items():
        assert int(float(by_name[name][7])) == jobs and Decimal(by_name[name][8]) == hours
    total = next(row for row in summary if row and row[0] == "Total")
    assert Decimal(total[8]) == sum((h for _n, _k, h in rows), Decimal("0"))


def test_one_technicians_day(database, signed_day, tmp_path):
    with database.read_session() as s:
        zhao = s.scalar(select(Staff.id).where(Staff.name == "赵技师"))
    path = write_daily_report(database, DAY, tmp_path / "zhao.xlsx", technician_id=zhao)
    book = load_workbook(path)
    assert book.worksheets[0]["A4"].value == "赵技师"
    assert len(book.worksheets) == 3  # as signed (nothing), the jobs, and the amendment


def test_a_report_open_in_excel_stays_as_it_was_and_no_temporary_is_left(database, signed_day, tmp_path, monkeypatch):
    from crm_desktop import files

    out = tmp_path / "reports"
    out.mkdir()
    target = out / "daily.xlsx"
    target.write_bytes(b"yesterday's report, open in Excel")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(PermissionError):  # the dialog says it ("Could not save …")
        write_daily_report(database, DAY, target)
    assert target.read_bytes() == b"yesterday's report, open in Excel"
    assert files.leftover_temporaries(out) == [] and [p.name for p in out.iterdir()] == ["daily.xlsx"]


# -- as the paper forms print (issue 16) -------------------------------------------------------

def test_printed_like_the_paper_form_widths_header_heights_and_signatures(database, signed_day, tmp_path):
    from openpyxl.utils import get_column_letter

    from crm_desktop.exports import xlsx
    from crm_desktop.translation import standalone_translate

    from ..test_rule_codes import rule_codes_in

    translate = standalone_translate()
    path = write_daily_report(database, DAY, tmp_path / "daily.xlsx", translate=translate)
    book = load_workbook(path)
    normal = next(s for s in book._named_styles if s.name == "Normal")
    assert (normal.font.name, normal.font.sz) == (xlsx.FONT_NAME, xlsx.FONT_SIZE)
    summary, jobs = book.worksheets[0], book.worksheets[1]
    for sheet, header_row in ((summary, 3), (jobs, 1)):
        headers = [c.value for c in sheet[header_row] if c.value]
        widths = [sheet.column_dimensions[get_column_letter(i + 1)].width for i in range(len(headers))]
        assert all(widths), sheet.title  # every column's width is set
        # the wrapped headers ("A 有费服务 件数") have the lines they need: not cut on paper
        lines = max(xlsx.lines_needed(h, w) for h, w in zip(headers, widths))
        assert sheet.row_dimensions[header_row].height >= xlsx.row_height(lines), sheet.title
        assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.scale >= 85  # A4, text at 8.5 pt or more
    assert summary["A2"].value == "经理签字：周经理（2026-11-23 18:00）"  # signed, in plain words
    texts = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)]
    assert "服务主任签字" in texts and "经理审核签字" in texts
    assert any(t.startswith("周经理　2026-11-23 18:00") for t in texts)  # on the manager's line
    assert "本表经分公司经理签字后报送服务部。" in texts
    every = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [t for t in every if not t.startswith("=") and rule_codes_in(t)]

    with database.read_session() as s:
        zhao = s.scalar(select(Staff.id).where(Staff.name == "赵技师"))
    technician = load_workbook(write_daily_report(database, DAY, tmp_path / "zhao.xlsx", technician_id=zhao,
                                                  translate=translate)).worksheets[0]
    texts = [c.value for row in technician.iter_rows() for c in row if isinstance(c.value, str)]
    assert "技术员签字" in texts and "服务主任审核" in texts and "经理审核签字" not in texts


def test_an_unsigned_day_says_so_in_plain_words(database, tmp_path):
    from crm_desktop.translation import standalone_translate

    build(database)
    path = write_daily_report(database, DAY, tmp_path / "unsigned.xlsx", translate=standalone_translate())
    summary = load_workbook(path).worksheets[0]
    assert summary["A2"].value == "经理尚未签字"
