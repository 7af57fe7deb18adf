"""The daily reports (S10–S12) as a workbook: the supervisor's summary per technician and
kind, every job of the day, the manager's signature and the amendments since.

Totals are Excel formulas over the rows above them (SUM, SUMIFS over the job sheet), so a
figure changed by hand in Excel moves its total, and LibreOffice recalculates the same.

Printed, each sheet is A4 like the paper forms (forms/technician_daily.toml,
forms/supervisor_daily.toml): the reports' font, columns as wide as their content with the
headers wrapped in a header row as tall as its lines, and under the summary the form's
signature block — the supervisor's and the manager's for the supervisor's report, the
technician's and the supervisor's for a technician's — with a signature recorded in the
program printed on its line.
"""

from __future__ import annotations

import os
from copy import copy
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Side
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
NOT_SIGNED = QT_TRANSLATE_NOOP("DailyWorkbook", "Not yet signed by the manager")
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

# the signature block under the summary, as on the paper forms (forms/*_daily.toml): the
# supervisor's report is signed by the supervisor and checked by the manager (S12), the
# technician's by the technician and checked by the supervisor (S10)
SIGN_SUPERVISOR = QT_TRANSLATE_NOOP("DailyWorkbook", "Supervisor's signature")
SIGN_MANAGER = QT_TRANSLATE_NOOP("DailyWorkbook", "Manager's check and signature")
SIGN_TECHNICIAN = QT_TRANSLATE_NOOP("DailyWorkbook", "Technician's signature")
SIGN_SUPERVISOR_CHECK = QT_TRANSLATE_NOOP("DailyWorkbook", "Supervisor's check")
SIGN_DATE = QT_TRANSLATE_NOOP("DailyWorkbook", "Date:")
SIGNED_IN_PROGRAM = QT_TRANSLATE_NOOP("DailyWorkbook", "{name}, {at}")
SEND_ON = QT_TRANSLATE_NOOP("DailyWorkbook", "Signed by the branch manager, this report goes to the service department.")
BLANK_DATE = "年　　月　　日"  # as the paper forms print it, to be filled in by hand

SUMMARY_HEAD_ROW = 3  # title, signature line, then the header
NAME_WIDTH = 12  # a technician's name (two to four characters) and a margin
FIGURE_WIDTH = 10  # a count or hours column: its header wraps onto two or three lines
JOB_CAPS = [12, 16, 28, 12, 12, 8]  # the jobs: technician, call no., customer, kind, mode, hours
SIGNATURE_HEIGHT = 36  # points: room to sign by hand
SIGN_LINE = Border(bottom=Side(style="thin", color="000000"))
RIGHT = Alignment(horizontal="right", vertical="center")
SIGNED_ALIGNMENT = Alignment(horizontal="center", vertical="bottom")
MIDDLE = Alignment(vertical="center")
MIDDLE_WRAP = Alignment(vertical="center", wrap_text=True)


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
    xlsx.use_report_font(workbook)
    jobs_sheet_name = tr(JOBS)
    summary = workbook.create_sheet(tr(SUMMARY) if technician_id is None else tr(TECHNICIAN_TITLE))
    jobs = workbook.create_sheet(jobs_sheet_name)

    # -- the jobs, one row each; the summary's figures are formulas over them
    job_headers = [tr(TECHNICIAN), tr(CALL_NO), tr(CUSTOMER), tr(KIND), tr(MODE), tr(HOURS)]
    widths = xlsx.WidthTracker(job_headers)
    job_rows = [[line.technician, line.call_no, line.customer_name, line.service_kind,
                 mode_name.get(line.mode, line.mode), line.hours] for line in report.lines]
    for row in job_rows:
        widths.see(row)
    job_widths = _lay_out(jobs, widths.columns(JOB_CAPS), job_headers, header_row=1, title=title)
    jobs.freeze_panes = "A2"
    jobs.append(xlsx.header_cells(jobs, job_headers))
    wrap = _wrapping(jobs)
    for number, row in enumerate(job_rows, start=2):
        lines = max([xlsx.lines_needed(str(v), w) for v, w in zip(row[:-1], job_widths) if v is not None], default=1)
        cells = [_wrapped(jobs, v, wrap) for v in row[:-1]] + [_number(jobs, row[-1], xlsx.HOURS_FORMAT)]
        _append(jobs, cells, lines, number)
    last_job = len(report.lines) + 1
    jobs.append([_total_label(jobs, tr(TOTAL)), None, None, None, None,
                 _formula(jobs, f"=SUM(F2:F{max(last_job, 2)})" if report.lines else "=0", xlsx.HOURS_FORMAT, total=True)])

    # -- the summary
    names = [name for name, _totals in report.technicians] if technician_id is None else [report.technician]
    headers = [tr(TECHNICIAN)]
    for k in kinds:
        headers += [tr(KIND_JOBS, kind=kind_name[k]), tr(KIND_HOURS, kind=kind_name[k])]
    headers += [tr(TOTAL_JOBS), tr(TOTAL_HOURS)]
    name_width = max([NAME_WIDTH, xlsx.display_width(tr(TOTAL)) + 2] + [min(xlsx.display_width(n) + 2, 20) for n in names])
    summary_widths = _lay_out(summary, [name_width] + [FIGURE_WIDTH] * (len(headers) - 1), headers,
                              header_row=SUMMARY_HEAD_ROW)
    summary.freeze_panes = f"B{SUMMARY_HEAD_ROW + 1}"
    last_col = get_column_letter(len(headers))
    summary.merged_cells.add(f"A1:{last_col}1")
    summary.merged_cells.add(f"A2:{last_col}2")
    summary.row_dimensions[1].height = 24
    summary.append([_title(summary, title)])
    summary.append([signed])
    summary.append(xlsx.header_cells(summary, headers))
    sheet_ref = f"'{jobs_sheet_name}'"
    lo, hi = 2, max(last_job, 2)
    tech_range, kind_range, hours_range = (f"{sheet_ref}!${c}${lo}:${c}${hi}" for c in "ADF")
    for offset, name in enumerate(names):
        r = SUMMARY_HEAD_ROW + 1 + offset
        cells = [_wrapped(summary, name, wrap)]
        for k in kinds:
            criteria = f'{tech_range},$A{r},{kind_range},"{k}"'
            cells.append(_formula(summary, f"=COUNTIFS({criteria})", "0"))
            cells.append(_formula(summary, f"=SUMIFS({hours_range},{criteria})", xlsx.HOURS_FORMAT))
        jobs_cols = [get_column_letter(2 + 2 * i) for i in range(len(kinds))]
        hours_cols = [get_column_letter(3 + 2 * i) for i in range(len(kinds))]
        cells.append(_formula(summary, "=" + "+".join(f"{c}{r}" for c in jobs_cols), "0"))
        cells.append(_formula(summary, "=" + "+".join(f"{c}{r}" for c in hours_cols), xlsx.HOURS_FORMAT))
        _append(summary, cells, xlsx.lines_needed(name, summary_widths[0]), r)
    first, last = SUMMARY_HEAD_ROW + 1, SUMMARY_HEAD_ROW + len(names)
    totals = [_total_label(summary, tr(TOTAL))]
    for col in range(2, len(headers) + 1):
        letter = get_column_letter(col)
        number_format = xlsx.HOURS_FORMAT if (col % 2 == 1) else "0"
        totals.append(_formula(summary, f"=SUM({letter}{first}:{letter}{last})" if names else "=0", number_format, total=True))
    summary.append(totals)
    if technician_id is None:
        left, right = tr(SIGN_SUPERVISOR), tr(SIGN_MANAGER)
        right_signed = (tr(SIGNED_IN_PROGRAM, name=report.signoff.signed_by, at=report.signoff.signed_at.strftime("%Y-%m-%d %H:%M"))
                        if report.signoff else None)
        note = tr(SEND_ON)
    else:
        left, right, right_signed, note = tr(SIGN_TECHNICIAN), tr(SIGN_SUPERVISOR_CHECK), None, None
    _signature_block(summary, len(headers), last + 2, left, right, right_signed, tr(SIGN_DATE), note)

    if report.amendments:
        sheet = workbook.create_sheet(tr(AMENDMENTS))
        amend_headers = [tr(CHANGE), tr(TECHNICIAN), tr(CALL_NO), tr(KIND), tr(MODE), tr(HOURS), tr(RECORDED), tr(RECORDED_BY)]
        amend_widths = xlsx.WidthTracker(amend_headers)
        amend_rows = []
        for a in report.amendments:
            row = [tr(ADDED if a.change == "added" else REMOVED), a.line.technician, a.line.call_no, a.line.service_kind,
                   mode_name.get(a.line.mode, a.line.mode), a.line.hours,
                   a.recorded_at if a.recorded_at and a.recorded_at.year > 1 else None, a.recorded_by]
            amend_widths.see(row)
            amend_rows.append(row)
        caps = [16, 12, 16, 12, 12, 8, 18, 12]
        _lay_out(sheet, amend_widths.columns(caps), amend_headers, header_row=1, landscape=True,
                 title=f"{title}　{tr(AMENDMENTS)}")
        sheet.append(xlsx.header_cells(sheet, amend_headers))
        for row in amend_rows:
            cells = [_wrapped(sheet, v, wrap) for v in row]
            cells[5] = _number(sheet, row[5], xlsx.HOURS_FORMAT)
            if row[6] is not None:
                cells[6] = _number(sheet, row[6], xlsx.DATETIME_FORMAT)
            sheet.append(cells)

    target = Path(path)
    with files.replacing(target) as temporary:
        workbook.save(temporary)
    return target


def _number(sheet, value, number_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=xlsx.excel_value(value))
    cell.number_format = number_format
    cell.alignment = MIDDLE
    return cell


def _formula(sheet, formula: str, number_format: str, total: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=formula)
    cell.number_format = number_format
    cell.alignment = MIDDLE
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


def _lay_out(sheet, widths: list[int], headers: list[str], *, header_row: int, landscape: bool = False,
             title: str | None = None) -> list[int]:
    """Widths, the header row's height (its wrapped lines, none cut on paper), A4 (portrait
    unless ``landscape``) at the largest scale up to 100 % that fits the page's width, never
    under 8.5 points; the header row on every page, and ``title`` at the top of every page."""
    if title:
        sheet.oddHeader.center.text = title[:200].replace("&", "&&")
        sheet.oddHeader.center.size = xlsx.FONT_SIZE
    sheet.oddFooter.center.text = "&P / &N"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    lines = max((xlsx.lines_needed(h, w) for h, w in zip(headers, widths)), default=1)
    sheet.row_dimensions[header_row].height = max(xlsx.row_height(lines) + 2, 18)  # bold, and a margin
    xlsx.print_setup(sheet, f"{header_row}:{header_row}", landscape=landscape)
    xlsx.scale_to_width(sheet, widths, landscape=landscape)
    return widths


def _wrapping(sheet) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet)
    cell.alignment = MIDDLE_WRAP
    return cell


def _wrapped(sheet, value, style: WriteOnlyCell):
    """``value`` in a cell that wraps (text never cut at its column's edge); risky text quoted."""
    if value is None:
        return None
    safe = xlsx.text_cell(sheet, value)
    if isinstance(safe, Cell):  # quoted: keep the quote prefix, add the wrapping
        safe.alignment = MIDDLE_WRAP
        return safe
    cell = WriteOnlyCell(sheet, value=safe)
    cell._style = copy(style._style)
    return cell


def _append(sheet, cells, lines: int, row: int) -> None:
    """Append ``cells`` as row number ``row``, as tall as its wrapped text (LibreOffice would
    not grow it)."""
    if lines > 1:
        sheet.row_dimensions[row].height = xlsx.row_height(lines)
    sheet.append(cells)


def _signature_block(sheet, columns: int, row: int, left: str, right: str, right_signed: str | None, date_label: str,
                     note: str | None) -> None:
    """Under the table, as on the paper form: two signatures side by side, each a label, a
    line to sign on and a date line; the manager's signature recorded in the program is
    printed on its line. ``row`` is the number of the next row, which stays empty."""
    half = columns // 2
    spans = [(1, half), (half + 2, columns)]  # the left and the right signature's columns, a column between
    sheet.append([])
    labels: list = [None] * columns
    line: list = [None] * columns
    dates: list = [None] * columns
    for (a, b), label, text in zip(spans, (left, right), (None, right_signed)):
        first, last = get_column_letter(a), get_column_letter(b)
        sheet.merged_cells.add(f"{first}{row + 2}:{last}{row + 2}")  # the line
        sheet.merged_cells.add(f"{first}{row + 3}:{last}{row + 3}")  # the date
        label_cell = WriteOnlyCell(sheet, value=label)
        label_cell.font = xlsx.TOTAL_FONT
        labels[a - 1] = label_cell
        for col in range(a, b + 1):
            cell = WriteOnlyCell(sheet, value=text if col == a else None)
            cell.border = SIGN_LINE
            cell.alignment = SIGNED_ALIGNMENT
            line[col - 1] = cell
        date_cell = WriteOnlyCell(sheet, value=f"{date_label}　　　　{BLANK_DATE}")
        date_cell.alignment = RIGHT
        dates[a - 1] = date_cell
    sheet.row_dimensions[row + 2].height = SIGNATURE_HEIGHT
    sheet.row_dimensions[row + 3].height = 20
    sheet.append(labels)
    sheet.append(line)
    sheet.append(dates)
    if note:
        sheet.append([])
        sheet.append([note])
