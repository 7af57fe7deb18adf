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
    assert summary.page_setup.orientation == "landscape" and summary.sheet_properties.pageSetUpPr.fitToPage
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
    by_name = {row[0]: row for row in summary[3:] if row and row[0] not in ("Total", "")}
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
