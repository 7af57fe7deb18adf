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
FONT_SIZE = 10  # points: every workbook's text but the titles, on screen and on paper
MIN_PRINTED_SIZE = 8.5  # points: printed text never smaller than 8 (a page scaled below 85 % would make it 8.5)
NORMAL_FONT = Font(name=FONT_NAME, sz=FONT_SIZE, family=2, charset=134)  # 134: GB2312, a Chinese font
HEADER_FONT = Font(name=FONT_NAME, sz=FONT_SIZE, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="2F5597")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
BODY_FONT = Font(name=FONT_NAME, sz=FONT_SIZE)
TOTAL_FONT = Font(name=FONT_NAME, sz=FONT_SIZE, bold=True)
WRAP_ALIGNMENT = Alignment(vertical="top", wrap_text=True)
TOP_ALIGNMENT = Alignment(vertical="top")  # a row's cells beside a wrapped text start on its first line
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


def use_report_font(workbook) -> None:
    """Make ``NORMAL_FONT`` the workbook's Normal style: every cell without a font of its own
    — the plain values a write-only sheet streams, and the cells a clerk adds later — shows in
    it, in Excel and in LibreOffice, and the column widths are measured in its digits. Call it
    on a new workbook, before any cell is styled (a style's font is an index into the list
    whose first entry this replaces)."""
    from copy import copy

    from openpyxl.utils.indexed_list import IndexedList

    workbook._fonts = IndexedList([copy(NORMAL_FONT)])
    workbook._named_styles["Normal"].font = copy(NORMAL_FONT)


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
        return 16  # "2026-11-17 10:28"
    if isinstance(value, date):
        return 10
    if isinstance(value, (int, float, Decimal)):
        return len(f"{value:,.2f}") if isinstance(value, (float, Decimal)) else len(str(value))
    text = str(value)
    longest = max(text.split("\n"), key=len) if "\n" in text else text
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


LINE_HEIGHT = 13.2  # points a line of FONT_SIZE text takes in 微软雅黑 (its ascent and descent: 1.32 em)
CJK_UNITS = 1.9  # a Chinese character of 微软雅黑 is about 1.9 of its digits wide (display_width counts 2)


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapping cell ``width`` wide needs for ``text`` (the words of Latin text may
    break a little early, hence the margin of a unit)."""
    room = max(width - 1.0, 1.0)
    if 2 * len(text) <= room and "\n" not in text:
        return 1  # the common case, without measuring
    scale = CJK_UNITS / 2
    return sum(max(1, -(-(display_width(part) * scale) // room)) for part in text.split("\n"))


def row_height(lines: int) -> float:
    return round(LINE_HEIGHT * lines + 2, 1)


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

    def columns(self, caps: list[int] | None = None) -> list[int]:
        """The widths to set: the widest value and a margin, at most its cap (``MAX_WIDTH``
        where ``caps`` gives none); a longer text wraps in a cell that wraps."""
        caps = caps or []
        return [min(width + 2, caps[i] if i < len(caps) and caps[i] else MAX_WIDTH)
                for i, width in enumerate(self.widths)]

    def apply(self, sheet: Worksheet, caps: list[int] | None = None) -> list[int]:
        from openpyxl.utils import get_column_letter

        widths = self.columns(caps)
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        return widths


def header_height(headers: list[str], widths: list[float]) -> float | None:
    """The height a header row of wrapping ``headers`` needs in columns ``widths`` wide (bold,
    and a margin), or None when each fits on one line (the default height)."""
    lines = max((lines_needed(h, w) for h, w in zip(headers, widths) if h), default=1)
    return row_height(lines) + 2 if lines > 1 else None


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
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75  # inches: room for the page header and footer
    sheet.page_margins.header = sheet.page_margins.footer = 0.3


# A4 in centimetres, less print_setup's margins; a column of width w (Excel's units: digits of
# the Normal font) prints about w * CM_PER_WIDTH_UNIT + CM_PER_COLUMN wide at 100 % (LibreOffice
# printed 0.194 cm a unit here; Excel's 7 pixels a digit and 5 a column at 96 dpi make 0.185
# and 0.13): a little more, so that a table said to fit does fit
A4_LONG, A4_SHORT = 29.7, 21.0
CM_PER_WIDTH_UNIT = 0.2
CM_PER_COLUMN = 0.08


def printable_width(landscape: bool = True) -> float:
    return (A4_LONG if landscape else A4_SHORT) - 2 * 0.4 * 2.54


def printed_width(widths: list[float]) -> float:
    """Centimetres the columns take on paper at 100 %."""
    return sum(w * CM_PER_WIDTH_UNIT + CM_PER_COLUMN for w in widths)


def narrow_to_fit(widths: list[int], narrowable: list[int | None], *, landscape: bool = True,
                  body_size: float = FONT_SIZE) -> list[int]:
    """``widths`` with the wrapping columns narrowed — the widest first, each down to its
    ``narrowable`` minimum (None: not at all) — until the table fits one page's width at the
    smallest scale ``scale_to_width`` allows; as they were when even that cannot make it fit
    (the table then continues on pages to its right). The text of a narrowed column wraps
    onto more lines: the screen copy keeps all of it."""
    widths = list(widths)
    room = printable_width(landscape) * body_size / MIN_PRINTED_SIZE
    narrowest = [w if least is None else min(w, least) for w, least in zip(widths, narrowable)]
    if printed_width(narrowest) > room:
        return widths
    while printed_width(widths) > room:
        candidates = [i for i, least in enumerate(narrowable) if least is not None and widths[i] > least]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i] - narrowable[i])
        widths[widest] -= 1
    return widths


def scale_to_width(sheet: Worksheet, widths: list[float], *, landscape: bool = True, title_columns: str | None = "A:A",
                   body_size: float = FONT_SIZE) -> int:
    """Print the columns of ``widths`` as large as one page's width allows, but never with
    text under ``MIN_PRINTED_SIZE``: an explicit scale (not fit-to-width, whose scale the
    program printing decides) of at most 100 %. A table too wide for that continues on pages
    to its right, each page's rows then its right-hand part (over, then down), with
    ``title_columns`` repeated on each. Returns the scale in percent."""
    table = printed_width(widths)
    floor = MIN_PRINTED_SIZE / body_size
    fit = printable_width(landscape) / table if table else 1.0
    scale = max(min(fit, 1.0), floor)
    percent = min(100, max(int(scale * 100), int(-(-floor * 100 // 1))))
    sheet.sheet_properties.pageSetUpPr.fitToPage = False
    sheet.page_setup.fitToWidth = None
    sheet.page_setup.fitToHeight = None
    sheet.page_setup.scale = percent
    sheet.page_setup.pageOrder = "overThenDown"  # a row's two halves on pages one after the other
    if fit < floor and title_columns:
        sheet.print_title_cols = title_columns
    return percent


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
