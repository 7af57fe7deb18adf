"""A list of the window (``services.lists.ListTable``) as an Excel workbook (X4), laid out as
the register exports are (``register_export``), so that every workbook the program writes
reads and prints alike::

    row 1   the list's title, what it was chosen by, the row count, when exported
    row 2   the column headers (autofilter; frozen; repeated on every printed page)
    row 3…  the rows, in the order of the list on screen
    last    under the columns the list totals: SUBTOTAL of what the autofilter shows

Typed cells (dates, times, money, hours, counts, rates), the reports' font as the Normal
style, widths from the content with caps, long text wrapping with its row's height, A4 with
no text printed under 8 points. Written whole to a temporary file and moved into place
(``files.replacing``): a cancelled or failed export leaves no file. Nothing here imports Qt.
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
from ..i18n import QT_TRANSLATE_NOOP, Translate
from ..progress import Progress, report
from ..services import lists
from . import xlsx
from .register_export import (
    EXPORT_CANCELLED,
    FIRST_DATA_ROW,
    HEADER_ROW,
    MAX_PAGE_HEADER,
    MAX_SHEET_ROWS,
    SEPARATOR,
    SUMMARY_EXPORTED,
    SUMMARY_FONT,
    SUMMARY_ROWS,
    TOO_MANY_ROWS,
    _BodyCells,
    _sheet_name,
    check_path,
    replacing_workbook,
)

CHUNK = 1000
NUMBER_FORMATS = {
    lists.DATE: xlsx.DATE_FORMAT,
    lists.DATETIME: xlsx.DATETIME_FORMAT,
    lists.SECOND: "yyyy-mm-dd hh:mm:ss",
    lists.MONEY: xlsx.MONEY_FORMAT,
    lists.HOURS: "0.0",  # hours with one decimal, as every form writes them
    lists.COUNT: "0",
    lists.PERCENT: xlsx.PERCENT_FORMAT,
    lists.SCORE: "0.00",
}
TEXT_CAP = 28  # a company name of 13 characters on one line
FREE_TEXT_CAP = 40
NARROWEST_TEXT = 10
NARROWEST_FREE_TEXT = 14
TOTAL = QT_TRANSLATE_NOOP("ListExport", "Total")


@dataclass(frozen=True)
class ListExportReport:
    path: Path
    name: str
    rows: int
    summary: str


@dataclass(frozen=True)
class _Typed:
    """What ``_BodyCells`` needs of a column: its kind as a number format."""

    key: str
    kind: str


def _cap(column: lists.ListColumn) -> int | None:
    if column.kind != lists.TEXT:
        return None
    return FREE_TEXT_CAP if column.wraps else TEXT_CAP


def _narrowest(column: lists.ListColumn) -> int | None:
    if column.kind != lists.TEXT:
        return None  # numbers, dates and numbers of records never wrap: broken in two they read as two
    return NARROWEST_FREE_TEXT if column.wraps else NARROWEST_TEXT


def _value(column: lists.ListColumn, value: Any) -> Any:
    if value is None or value == "":
        return None
    if column.kind == lists.ID:
        return str(value)
    return xlsx.excel_value(value) if column.kind in NUMBER_FORMATS else xlsx.clean_text(str(value))


def summary_line(table: lists.ListTable, at: datetime, translate: Translate | None = None) -> str:
    parts = [table.title.tr(translate)]
    if table.criteria:
        parts.append(table.criteria_text(translate))
    parts += [SUMMARY_ROWS.tr(translate, rows=len(table.rows)), SUMMARY_EXPORTED.tr(translate, at=f"{at:%Y-%m-%d %H:%M}")]
    return SEPARATOR.join(parts)


def export_list(
    table: lists.ListTable,
    path: str | os.PathLike[str],
    *,
    translate: Translate | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ListExportReport:
    """Write ``table`` to the workbook ``path``; ``progress`` as ``register_export``'s (a False
    cancels: ``Cancelled``, and no file). A file that cannot be written is a ``UserError``."""
    path = Path(path)
    check_path(path)
    at = now or clock.now()
    columns = table.columns
    total = len(table.rows)
    if total > MAX_SHEET_ROWS - FIRST_DATA_ROW:
        from ..errors import UserError

        raise UserError(TOO_MANY_ROWS, "search", rows=total, limit=MAX_SHEET_ROWS - FIRST_DATA_ROW)
    workbook = Workbook(write_only=True)
    xlsx.use_report_font(workbook)
    sheet = workbook.create_sheet(_sheet_name(table.title.tr(translate)))
    saved = False
    try:
        with replacing_workbook(path) as temporary:
            summary = summary_line(table, at, translate)
            headers = [c.header.tr(translate) for c in columns]
            values = [[_value(c, row.get(c.key)) for c in columns] for row in table.rows]
            widths = xlsx.WidthTracker(headers)
            for line in values[:CHUNK * 5]:
                widths.see(line)
            least = [_narrowest(c) for c in columns]
            landscape = len(columns) > 5
            column_widths = xlsx.narrow_to_fit(widths.columns([_cap(c) for c in columns]), least, landscape=landscape)
            totals = [c for c in columns if c.total]
            _lay_out(sheet, column_widths, total + bool(totals), total, summary, landscape)
            if height := xlsx.header_height(headers, column_widths):
                sheet.row_dimensions[HEADER_ROW].height = height
            sheet.append([xlsx.text_with_font(sheet, summary, SUMMARY_FONT)])
            sheet.append(xlsx.header_cells(sheet, headers))
            typed = [_Typed(c.key, c.kind) for c in columns]
            body = _ListCells(sheet, typed, [n is not None for n in least], column_widths)
            rows = sheet.row_dimensions
            for number, line in enumerate(values, start=FIRST_DATA_ROW):
                cells, lines = body.row(line)
                if lines > 1:
                    rows[number].height = xlsx.row_height(lines)
                sheet.append(cells)
                if (number - FIRST_DATA_ROW + 1) % CHUNK == 0:
                    report(progress, number - FIRST_DATA_ROW + 1, total, EXPORT_CANCELLED)
            report(progress, total, total, EXPORT_CANCELLED)
            if totals:
                sheet.append(_totals_row(sheet, columns, total, TOTAL.tr(translate)))
            workbook.properties.title = table.title.tr(translate)
            workbook.properties.description = summary
            workbook.properties.creator = "crm_desktop"
            workbook.save(temporary)
            saved = True
        return ListExportReport(path, table.name, total, summary)
    finally:
        if not saved:
            xlsx.discard_sheet(sheet)


class _ListCells(_BodyCells):
    """``register_export``'s body cells with this module's number formats."""

    def __init__(self, sheet, columns, wrapped, widths) -> None:
        super().__init__(sheet, columns, wrapped, widths)
        for cell, column, i in zip(self.cells, columns, range(len(columns))):
            if column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
                cell.alignment = xlsx.TOP_ALIGNMENT
                self.wraps[i] = False
                self.numbers[i] = True


def _lay_out(sheet, widths: list[int], rows: int, data_rows: int, summary: str, landscape: bool) -> None:
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    last = get_column_letter(max(len(widths), 1))
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + data_rows}"
    xlsx.print_setup(sheet, header_rows=f"{HEADER_ROW}:{HEADER_ROW}", landscape=landscape)
    xlsx.scale_to_width(sheet, widths, landscape=landscape)
    sheet.print_area = f"A{HEADER_ROW}:{last}{HEADER_ROW + rows}"
    sheet.print_options.gridLines = True
    sheet.oddHeader.center.text = summary[:MAX_PAGE_HEADER].replace("&", "&&")
    sheet.oddHeader.center.size = xlsx.FONT_SIZE
    sheet.oddHeader.center.font = f"{xlsx.FONT_NAME},Regular"
    sheet.oddFooter.center.text = "&P / &N"
    sheet.oddFooter.center.size = xlsx.FONT_SIZE
    sheet.HeaderFooter.scaleWithDoc = False


def _totals_row(sheet, columns, rows: int, label: str) -> list[Any]:
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + max(rows, 1) - 1
    cells: list[Any] = []
    for i, column in enumerate(columns, start=1):
        cell = WriteOnlyCell(sheet)
        cell.font = xlsx.TOTAL_FONT
        cell.fill = xlsx.TOTAL_FILL
        if column.total:
            letter = get_column_letter(i)
            cell.value = f"=SUBTOTAL(9,{letter}{first}:{letter}{last})" if rows else 0
            cell.number_format = NUMBER_FORMATS[column.kind]
        elif i == 1:
            cell.value = label
        cells.append(cell)
    return cells
