"""The daily reports (S10–S12) as a workbook: the supervisor's summary per technician and
kind, every job of the day, the manager's signature and the amendments since.

Totals are Excel formulas over the rows above them (SUM, SUMIFS over the job sheet), so a
figure changed by hand in Excel moves its total, and LibreOffice recalculates the same.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from .. import files
from ..db import Database
from ..i18n import QT_TRANSLATE_NOOP, Translate
from ..services import branch, daily_reports, labels
from . import xlsx

SUMMARY = QT_TRANSLATE_NOOP("DailyWorkbook", "Supervisor daily report")
TECHNICIAN_TITLE = QT_TRANSLATE_NOOP("DailyWorkbook", "Technician daily report")
JOBS = QT_TRANSLATE_NOOP("DailyWorkbook", "Jobs")
AMENDMENTS = QT_TRANSLATE_NOOP("DailyWorkbook", "Amendments")
TITLE = QT_TRANSLATE_NOOP("DailyWorkbook", "{branch} {report} {day}")
SIGNED = QT_TRANSLATE_NOOP("DailyWorkbook", "Signed by the manager: {name} at {at}")
NOT_SIGNED = QT_TRANSLATE_NOOP("DailyWorkbook", "Not yet signed by the manager (S12)")
TECHNICIAN = QT_TRANSLATE_NOOP("DailyWorkbook", "Technician")
KIND_JOBS = QT_TRANSLATE_NOOP("DailyWorkbook", "{kind} jobs")
KIND_HOURS = QT_TRANSLATE_NOOP("DailyWorkbook", "{kind} hours")
TOTAL_JOBS = QT_TRANSLATE_NOOP("DailyWorkbook", "Jobs in all")
TOTAL_HOURS = QT_TRANSLATE_NOOP("DailyWorkbook", "Hours in all")
TOTAL = QT_TRANSLATE_NOOP("DailyWorkbook", "Total")
CALL_NO = QT_TRANSLATE_NOOP("DailyWorkbook", "Call no.")
CUSTOMER = QT_TRANSLATE_NOOP("DailyWorkbook", "Customer")
KIND = QT_TRANSLATE_NOOP("DailyWorkbook", "Kind")
MODE = QT_TRANSLATE_NOOP("DailyWorkbook", "On site / repair")
HOURS = QT_TRANSLATE_NOOP("DailyWorkbook", "Hours")
CHANGE = QT_TRANSLATE_NOOP("DailyWorkbook", "Change")
RECORDED = QT_TRANSLATE_NOOP("DailyWorkbook", "Recorded")
RECORDED_BY = QT_TRANSLATE_NOOP("DailyWorkbook", "By")
ADDED = QT_TRANSLATE_NOOP("DailyWorkbook", "Added after the signature")
REMOVED = QT_TRANSLATE_NOOP("DailyWorkbook", "Taken back after the signature")

SUMMARY_HEAD_ROW = 3  # title, signature line, then the header


def write_daily_report(
    database: Database, day: date, path: str | os.PathLike, *, technician_id: int | None = None,
    translate: Translate | None = None,
) -> Path:
    """The supervisor's report of ``day`` (or one technician's, with ``technician_id``) as
    .xlsx at ``path``; written to a temporary file first (``files.replacing``), so a failure
    leaves no half file and an earlier report as it was."""
    def tr(msg, **args) -> str:
        return msg.tr(translate, **args)

    with database.read_session() as session:
        branch_name = branch.load(session).name
        if technician_id is None:
            report = daily_reports.supervisor_day(session, day)
            title = tr(TITLE, branch=branch_name, report=tr(SUMMARY), day=day.isoformat())
        else:
            report = daily_reports.technician_day(session, technician_id, day)
            title = tr(TITLE, branch=branch_name, report=f"{tr(TECHNICIAN_TITLE)} {report.technician}", day=day.isoformat())
    kinds = daily_reports.KINDS
    kind_name = {k: labels.SERVICE_KIND[k].tr(translate) for k in kinds}
    mode_name = {code: msg.tr(translate) for code, msg in labels.WORK_MODE.items()}
    signed = (tr(SIGNED, name=report.signoff.signed_by, at=report.signoff.signed_at.strftime("%Y-%m-%d %H:%M"))
              if report.signoff else tr(NOT_SIGNED))

    workbook = Workbook(write_only=True)
    jobs_sheet_name = tr(JOBS)
    summary = workbook.create_sheet(tr(SUMMARY) if technician_id is None else tr(TECHNICIAN_TITLE))
    jobs = workbook.create_sheet(jobs_sheet_name)

    # -- the jobs, one row each; the summary's figures are formulas over them
    job_headers = [tr(TECHNICIAN), tr(CALL_NO), tr(CUSTOMER), tr(KIND), tr(MODE), tr(HOURS)]
    widths = xlsx.WidthTracker(job_headers)
    jobs.freeze_panes = "A2"
    xlsx.print_setup(jobs, "1:1")
    jobs.append(xlsx.header_cells(jobs, job_headers))
    for line in report.lines:
        row = [line.technician, line.call_no, line.customer_name, line.service_kind, mode_name.get(line.mode, line.mode),
               line.hours]
        widths.see(row)
        jobs.append([xlsx.text_cell(jobs, v) for v in row[:-1]] + [_number(jobs, line.hours, xlsx.HOURS_FORMAT)])
    last_job = len(report.lines) + 1
    jobs.append([_total_label(jobs, tr(TOTAL)), None, None, None, None,
                 _formula(jobs, f"=SUM(F2:F{max(last_job, 2)})" if report.lines else "=0", xlsx.HOURS_FORMAT)])
    widths.apply(jobs)

    # -- the summary
    names = [name for name, _totals in report.technicians] if technician_id is None else [report.technician]
    headers = [tr(TECHNICIAN)]
    for k in kinds:
        headers += [tr(KIND_JOBS, kind=kind_name[k]), tr(KIND_HOURS, kind=kind_name[k])]
    headers += [tr(TOTAL_JOBS), tr(TOTAL_HOURS)]
    summary_widths = xlsx.WidthTracker(headers)
    summary.freeze_panes = f"B{SUMMARY_HEAD_ROW + 1}"
    xlsx.print_setup(summary, f"{SUMMARY_HEAD_ROW}:{SUMMARY_HEAD_ROW}")
    summary.append([_title(summary, title)])
    summary.append([signed])
    summary.append(xlsx.header_cells(summary, headers))
    sheet_ref = f"'{jobs_sheet_name}'"
    lo, hi = 2, max(last_job, 2)
    tech_range, kind_range, hours_range = (f"{sheet_ref}!${c}${lo}:${c}${hi}" for c in "ADF")
    for offset, name in enumerate(names):
        r = SUMMARY_HEAD_ROW + 1 + offset
        cells = [xlsx.text_cell(summary, name)]
        for k in kinds:
            criteria = f'{tech_range},$A{r},{kind_range},"{k}"'
            cells.append(_formula(summary, f"=COUNTIFS({criteria})", "0"))
            cells.append(_formula(summary, f"=SUMIFS({hours_range},{criteria})", xlsx.HOURS_FORMAT))
        jobs_cols = [get_column_letter(2 + 2 * i) for i in range(len(kinds))]
        hours_cols = [get_column_letter(3 + 2 * i) for i in range(len(kinds))]
        cells.append(_formula(summary, "=" + "+".join(f"{c}{r}" for c in jobs_cols), "0"))
        cells.append(_formula(summary, "=" + "+".join(f"{c}{r}" for c in hours_cols), xlsx.HOURS_FORMAT))
        summary_widths.see([name])
        summary.append(cells)
    first, last = SUMMARY_HEAD_ROW + 1, SUMMARY_HEAD_ROW + len(names)
    totals = [_total_label(summary, tr(TOTAL))]
    for col in range(2, len(headers) + 1):
        letter = get_column_letter(col)
        number_format = xlsx.HOURS_FORMAT if (col % 2 == 1) else "0"
        totals.append(_formula(summary, f"=SUM({letter}{first}:{letter}{last})" if names else "=0", number_format, total=True))
    summary.append(totals)
    summary_widths.apply(summary)

    if report.amendments:
        sheet = workbook.create_sheet(tr(AMENDMENTS))
        amend_headers = [tr(CHANGE), tr(TECHNICIAN), tr(CALL_NO), tr(KIND), tr(MODE), tr(HOURS), tr(RECORDED), tr(RECORDED_BY)]
        amend_widths = xlsx.WidthTracker(amend_headers)
        xlsx.print_setup(sheet, "1:1")
        sheet.append(xlsx.header_cells(sheet, amend_headers))
        for a in report.amendments:
            row = [tr(ADDED if a.change == "added" else REMOVED), a.line.technician, a.line.call_no, a.line.service_kind,
                   mode_name.get(a.line.mode, a.line.mode), a.line.hours,
                   a.recorded_at if a.recorded_at and a.recorded_at.year > 1 else None, a.recorded_by]
            amend_widths.see(row)
            sheet.append([xlsx.text_cell(sheet, v) for v in row])
        amend_widths.apply(sheet)

    target = Path(path)
    with files.replacing(target) as temporary:
        workbook.save(temporary)
    return target


def _number(sheet, value, number_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=xlsx.excel_value(value))
    cell.number_format = number_format
    return cell


def _formula(sheet, formula: str, number_format: str, total: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=formula)
    cell.number_format = number_format
    if total:
        cell.font = xlsx.TOTAL_FONT
        cell.fill = xlsx.TOTAL_FILL
    return cell


def _total_label(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = xlsx.TOTAL_FONT
    cell.fill = xlsx.TOTAL_FILL
    return cell


def _title(sheet, text: str) -> WriteOnlyCell:
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(name=xlsx.FONT_NAME, bold=True, size=14)
    return cell
