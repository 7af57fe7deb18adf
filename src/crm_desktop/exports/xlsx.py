"""What every workbook the program writes shares: text that can never become a formula,
column widths that fit Chinese text, one header style, and print setup.

openpyxl stores a string starting with ``=`` as a formula; a customer name, fault text or
phone number typed as ``=HYPERLINK(…)`` or ``+86…`` must stay text (formula injection):
``text_cell`` writes such values as strings with Excel's quote prefix, so they are not
evaluated on opening nor after the cell is edited.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FONT_NAME = "微软雅黑"  # Microsoft YaHei: on every Chinese Windows; LibreOffice substitutes
HEADER_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2F5597")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
BODY_FONT = Font(name=FONT_NAME)
TOTAL_FONT = Font(name=FONT_NAME, bold=True)
TOTAL_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="A6A6A6")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MONEY_FORMAT = "#,##0.00"
HOURS_FORMAT = "0.00"
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 60
MAX_CELL_TEXT = 32_767  # Excel's limit on the characters of one cell


def is_risky(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def excel_value(value: Any) -> Any:
    """A value openpyxl writes as the right cell type (Decimal as a number, exactly)."""
    if isinstance(value, Decimal):
        return float(value)  # Excel holds doubles; money of two decimals round-trips exactly enough
    return value


def text_cell(sheet: Worksheet, value: Any) -> Any:
    """``value`` for ``sheet.append``: risky text as a quoted string cell, anything else as is."""
    if isinstance(value, str) and is_risky(value):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return excel_value(value)


def display_width(value: Any) -> int:
    """Columns an Excel cell needs for ``value``: a Chinese character takes two."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 18  # "2026-11-17 10:28" and a margin: a substituted font is wider than Calibri
    if isinstance(value, date):
        return 10
    if isinstance(value, (int, float, Decimal)):
        return len(f"{value:,.2f}") if isinstance(value, (float, Decimal)) else len(str(value))
    text = str(value)
    longest = max(text.split("\n"), key=len) if "\n" in text else text
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


class WidthTracker:
    """The widest value seen per column, for column widths set after the rows are written."""

    def __init__(self, headers: list[str]) -> None:
        self.widths = [display_width(h) + 2 for h in headers]

    def see(self, row: list[Any]) -> None:
        widths = self.widths
        for i, value in enumerate(row):
            if i < len(widths):
                w = display_width(value)
                if w > widths[i]:
                    widths[i] = w

    def apply(self, sheet: Worksheet) -> None:
        from openpyxl.utils import get_column_letter

        for i, width in enumerate(self.widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, MAX_WIDTH)


def header_cells(sheet: Worksheet, headers: list[str]) -> list[WriteOnlyCell]:
    cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT
        cell.border = GRID
        cells.append(cell)
    return cells


def print_setup(sheet: Worksheet, header_rows: str = "1:1", landscape: bool = True) -> None:
    """Landscape, fit to the page width (any number of pages down), header rows repeated."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = header_rows
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6


def clean_text(text: str) -> str:
    """Text openpyxl accepts and Excel opens: no control characters, at most 32,767 long."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text[:MAX_CELL_TEXT] if len(text) > MAX_CELL_TEXT else text


def text_with_font(sheet, text: str, font) -> Cell:
    safe = text_cell(sheet, text)
    cell = safe if isinstance(safe, Cell) else WriteOnlyCell(sheet, value=safe)
    cell.font = font
    return cell


def discard_sheet(sheet) -> None:
    """Remove the temporary file a write-only sheet streams into (openpyxl removes it only
    when the workbook is saved, or when the program exits)."""
    writer = getattr(sheet, "_writer", None)
    if writer is None:
        return
    rows = getattr(sheet, "_rows", None)
    try:
        if rows is not None:
            rows.close()  # ends sheetData while the stream is still open
        writer.xf.close()
    except Exception:  # noqa: BLE001 - a half-written stream may complain as it closes
        pass
    try:
        writer.cleanup()
    except (OSError, ValueError):
        pass
