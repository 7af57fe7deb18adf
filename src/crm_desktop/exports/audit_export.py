"""The audit log as the viewer filters it, to an Excel workbook (I7).

The lines are read page by page through ``services.audit_log`` — so the permission is
checked there, and a refusal is logged as ``denied`` — and streamed into a write-only
sheet. The sheet::

    row 1   title, the filter, the number of lines, when exported
    row 2   the column headers (autofilter; frozen; repeated on every printed page)
    row 3…  the lines, newest first

Times are Excel date-times to the second; the entry number is a number (a gap in the
numbers of an unfiltered export shows a line that is missing). Every text goes through
``xlsx.text_cell``: a failed login typed as ``=HYPERLINK(…)`` stays text.

The workbook is written to a temporary file next to the target (``files.replacing``). Only
when it is complete is the ``audit_export`` line written, with the filter in its detail, and
the file moved into place in the same transaction: there is a line for every file, and no
file (not half of one) for a cancelled or failed export. Nothing here imports Qt.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from .. import clock
from ..db import Database
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Translate
from ..models import Staff
from ..progress import Progress, report
from ..services import audit_log
from ..services.auth import LoggedIn, audit
from . import xlsx
from .register_export import EXPORT_CANCELLED, MAX_SHEET_ROWS, TOO_MANY_ROWS, check_path, replacing_workbook

SUMMARY_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3
CHUNK = 2000  # lines a window: Cancel answers within a fraction of a second
TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"  # an audit line is to the second
TIME_WIDTH = 21
MAX_PAGE_HEADER = 200
# the widest each column may be (None: as its content); a longer text wraps. The seven fit one
# A4 landscape width at 8.5 points: 8 + 21 + 12 + 12 + 16 + 24 + 40
CAPS = (None, None, 12, 12, 16, 24, 40)

TITLE = QT_TRANSLATE_NOOP("AuditExport", "Audit log")
HEADERS = (
    QT_TRANSLATE_NOOP("AuditExport", "No."),
    QT_TRANSLATE_NOOP("AuditExport", "Time"),
    QT_TRANSLATE_NOOP("AuditExport", "Person"),
    QT_TRANSLATE_NOOP("AuditExport", "Login name"),
    QT_TRANSLATE_NOOP("AuditExport", "Action"),
    QT_TRANSLATE_NOOP("AuditExport", "Target"),
    QT_TRANSLATE_NOOP("AuditExport", "Detail"),
)
PERIOD = QT_TRANSLATE_NOOP("AuditExport", "Period: {start} to {end}")
WHOLE_PERIOD = QT_TRANSLATE_NOOP("AuditExport", "Period: all")
OPEN_END = QT_TRANSLATE_NOOP("AuditExport", "open")
PERSON = QT_TRANSLATE_NOOP("AuditExport", "Person: {name}")
EVERYONE = QT_TRANSLATE_NOOP("AuditExport", "Person: everyone")
ACTION = QT_TRANSLATE_NOOP("AuditExport", "Action: {action}")
ALL_ACTIONS = QT_TRANSLATE_NOOP("AuditExport", "Action: all")
TEXT = QT_TRANSLATE_NOOP("AuditExport", "Text: {text}")
LINES = QT_TRANSLATE_NOOP("AuditExport", "{rows} lines")
EXPORTED = QT_TRANSLATE_NOOP("AuditExport", "Exported {at} by {name}")
SEPARATOR = "\u3000\u3000"


@dataclass(frozen=True)
class AuditExportReport:
    path: Path
    rows: int
    summary: str


def summary_line(database: Database, audit_filter: audit_log.AuditFilter, rows: int, at: datetime,
                 by: LoggedIn, translate: Translate | None = None) -> str:
    f = audit_filter
    if f.start is None and f.end is None:
        period = WHOLE_PERIOD.tr(translate)
    else:
        open_end = OPEN_END.tr(translate)
        period = PERIOD.tr(translate, start=f.start.isoformat() if f.start else open_end,
                           end=f.end.isoformat() if f.end else open_end)
    if f.staff_id is None:
        person = EVERYONE.tr(translate)
    else:
        with database.read_session() as session:
            staff = session.get(Staff, f.staff_id)
        person = PERSON.tr(translate, name=staff.name if staff is not None else f"#{f.staff_id}")
    action = ACTION.tr(translate, action=audit_log.action_label(f.action, translate)) if f.action \
        else ALL_ACTIONS.tr(translate)
    parts = [TITLE.tr(translate), period, person, action]
    if f.text and f.text.strip():
        parts.append(TEXT.tr(translate, text=f.text.strip()))
    parts.append(LINES.tr(translate, rows=rows))
    parts.append(EXPORTED.tr(translate, at=f"{at:%Y-%m-%d %H:%M}", name=by.name))
    return SEPARATOR.join(parts)


def row_values(row: audit_log.AuditRow, translate: Translate | None = None) -> list[Any]:
    """One line as typed cell values: the number, the time (a date-time), then texts."""
    return [
        row.id, row.at, xlsx.clean_text(row.person or ""), xlsx.clean_text(row.login or ""),
        xlsx.clean_text(row.action_text(translate)), xlsx.clean_text(row.target_text(translate)),
        xlsx.clean_text(row.detail_text(translate)),
    ]


def export_audit_log(
    database: Database,
    user: LoggedIn | None,
    path: str | os.PathLike[str],
    audit_filter: audit_log.AuditFilter | None = None,
    *,
    translate: Translate | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> AuditExportReport:
    """Write the lines ``audit_filter`` finds to the workbook ``path``, newest first.

    ``progress(done, total)`` after every window; False cancels: ``Cancelled`` is raised, no
    file is left and no line written. Without the permission: a ``UserError`` (and a
    ``denied`` line). A file that cannot be written is a ``UserError``."""
    path = Path(path)
    audit_filter = audit_filter or audit_log.AuditFilter()
    with database.read_session() as session:
        audit_log.require_audit(session, user, audit_log.EXPORT_ACTION)
    check_path(path)
    at = now or clock.now()

    workbook = Workbook(write_only=True)
    xlsx.use_report_font(workbook)
    sheet = workbook.create_sheet(TITLE.tr(translate)[:31])
    saved = False
    try:
        # The line and the file: both or neither. The session takes no lock until the line
        # is written at the end, and the file is renamed into place before the commit, so a
        # failed rename rolls the line back.
        with database.Session.begin() as log_session, replacing_workbook(path) as temporary:
            with database.read_session() as session:
                total = audit_log.count_entries(session, user, **audit_filter.as_kwargs())
                if total > MAX_SHEET_ROWS - FIRST_DATA_ROW + 1:
                    raise UserError(TOO_MANY_ROWS, "period", rows=total, limit=MAX_SHEET_ROWS - FIRST_DATA_ROW + 1)
                first = [row_values(r, translate) for r in
                         audit_log.entries(session, user, **audit_filter.as_kwargs(), limit=CHUNK)]
            summary = summary_line(database, audit_filter, total, at, user, translate)
            headers = [h.tr(translate) for h in HEADERS]
            widths = xlsx.WidthTracker(headers)
            for values in first:
                widths.see(values)
            widths.widths[1] = max(widths.widths[1], TIME_WIDTH)
            column_widths = widths.columns(list(CAPS))
            _lay_out(sheet, len(headers), total, column_widths, summary)
            if height := xlsx.header_height(headers, column_widths):
                sheet.row_dimensions[HEADER_ROW].height = height

            sheet.append([xlsx.text_with_font(sheet, summary, xlsx.TOTAL_FONT)])
            sheet.append(xlsx.header_cells(sheet, headers))

            time_cell = WriteOnlyCell(sheet)
            time_cell.number_format = TIME_FORMAT
            time_cell.alignment = xlsx.TOP_ALIGNMENT
            number_cell = WriteOnlyCell(sheet)
            number_cell.alignment = xlsx.TOP_ALIGNMENT
            texts = [WriteOnlyCell(sheet) for _ in headers[2:]]  # each text column's cell, from row to row
            for cell in texts:
                cell.alignment = xlsx.WRAP_ALIGNMENT
            text_widths = column_widths[2:]
            heights = sheet.row_dimensions
            done = 0
            chunk = first
            row_number = FIRST_DATA_ROW - 1
            while True:
                for values in chunk:
                    row_number += 1
                    time_cell.value = values[1]
                    number_cell.value = values[0]
                    cells: list[Any] = [number_cell, time_cell]
                    lines = 1
                    for cell, width, value in zip(texts, text_widths, values[2:]):
                        if not value:
                            cells.append(None)
                            continue
                        if 2 * len(value) > width - 1:
                            lines = max(lines, xlsx.lines_needed(value, width))
                        if xlsx.is_risky(value):
                            risky = xlsx.text_cell(sheet, value)
                            risky.alignment = xlsx.WRAP_ALIGNMENT
                            cells.append(risky)
                        else:
                            cell.value = value
                            cells.append(cell)
                    if lines > 1:  # as tall as its wrapped text: LibreOffice would not grow the row
                        heights[row_number].height = xlsx.row_height(lines)
                        sheet.append(cells)
                        del heights[row_number]
                    else:
                        sheet.append(cells)
                done += len(chunk)
                report(progress, done, total, EXPORT_CANCELLED)
                if done >= total or not chunk:
                    break
                with database.read_session() as session:
                    chunk = [row_values(r, translate) for r in
                             audit_log.entries(session, user, **audit_filter.as_kwargs(), offset=done, limit=CHUNK)]

            workbook.properties.title = TITLE.tr(translate)
            workbook.properties.description = summary
            workbook.properties.creator = "crm_desktop"
            workbook.save(temporary)
            saved = True
            detail = audit_filter.described(log_session)
            detail.update(rows=done, file=str(path))
            audit(log_session, audit_log.EXPORT_ACTION, staff_id=user.staff_id, login=user.login,
                  target_type=audit_log.TARGET_TYPE, detail=detail)
        return AuditExportReport(path=path, rows=done, summary=summary)
    finally:
        if not saved:
            xlsx.discard_sheet(sheet)


def _lay_out(sheet, columns: int, rows: int, widths: list[int], summary: str) -> None:
    """Before the first row of a write-only sheet: widths, frozen panes, autofilter, print
    setup (A4 landscape at a scale that keeps the text at 8.5 points or more, the header row
    on every page, the summary as the page header, the grid printed)."""
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    last = get_column_letter(columns)
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + rows}"
    xlsx.print_setup(sheet, header_rows=f"{HEADER_ROW}:{HEADER_ROW}", landscape=True)
    xlsx.scale_to_width(sheet, widths, landscape=True)
    sheet.print_area = f"A{HEADER_ROW}:{last}{HEADER_ROW + rows}"
    sheet.print_options.gridLines = True
    sheet.oddHeader.center.text = summary[:MAX_PAGE_HEADER].replace("&", "&&")
    sheet.oddHeader.center.size = xlsx.FONT_SIZE
    sheet.oddFooter.center.text = "&P / &N"
    sheet.HeaderFooter.scaleWithDoc = False
