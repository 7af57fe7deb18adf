"""Any register's current view — its search and its sort — as an Excel workbook (X4).

The rows come from the same ``RegisterQuery`` the table shows, read in windows of
``CHUNK`` rows and streamed into a write-only openpyxl sheet, so a register of a million
rows never sits in a list. The cells are typed: times and dates are Excel dates with a
number format, money and hours are numbers, codes (status, kind, district …) carry the
labels the table shows and a technician's id his name. Every text goes through
``xlsx.text_cell``: a customer typed as ``=HYPERLINK(…)`` or a phone as ``+86 …`` stays
text (no formula injection).

The sheet, named after the register::

    row 1   the register's title, the search, the sort, the row count, when exported
    row 2   the column headers (autofilter; frozen; repeated on every printed page)
    row 3…  the rows, in the order of the view
    last    where the register has money or hours: their totals (SUBTOTAL of what the
            autofilter shows), under the autofilter's range

so a program can read it back from a fixed row (``HEADER_ROW``, ``FIRST_DATA_ROW``, the
autofilter's last row). Every cell is in the reports' font (微软雅黑 10 pt, the workbook's
Normal style); a text wider than its column's cap wraps, and its row is given the height of
its lines (LibreOffice does not grow a row for its wrapped text; Excel would). Printed, it is
A4 landscape, the table has its grid, the headers repeat on every page and the summary line
is the page header of every page; no text is printed under 8 points: the free-text columns
are narrowed (their text wrapping) until the table fits one page's width at 85 %, and a
register that still does not (the calls' 19 columns) continues on a page to the right of
each, its first column repeated there, rather than shrinking to 2 points.

Nothing here imports Qt: the command line exports without a window. The workbook is
written to a temporary file next to the target and moved over it at the end
(``files.replacing``), so a cancelled or failed export leaves no file behind, and never
half of one.

Column widths: a write-only sheet writes its column widths before its first row, so they
are measured on the header and the first window of rows (``CHUNK`` rows: the whole export
for most searches) rather than on every row; a longer text later wraps.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter

from .. import clock, faults, files
from ..db import Database
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Msg, Translate
from ..progress import Progress, report
from ..services.registers import REGISTERS, Column, RegisterQuery, RegisterSpec, staff_names
from . import xlsx

log = logging.getLogger(__name__)


CHUNK = 2000  # rows a window: about 0.4 s of work here (19 columns), so Cancel answers soon
SUMMARY_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3
MAX_SHEET_ROWS = 1_048_576  # Excel's limit
MAX_PAGE_HEADER = 200  # of Excel's 255 characters for a page header, with room for its codes
SUMMARY_FONT = xlsx.TOTAL_FONT

UNKNOWN_REGISTER = QT_TRANSLATE_NOOP("Export", "There is no register called “{name}”. The registers are: {names}.")
UNKNOWN_COLUMN = QT_TRANSLATE_NOOP("Export", "The {register} has no column “{column}”. Its columns are: {columns}.")
NOT_XLSX = QT_TRANSLATE_NOOP("Export", "An Excel workbook's file name ends in .xlsx: {path}")
CANNOT_WRITE = QT_TRANSLATE_NOOP(
    "Export", "{path} cannot be written ({reason}). If the file is open in Excel, close it and export again."
)
EXPORT_CANCELLED = QT_TRANSLATE_NOOP("Export", "The export was cancelled: no file was written.")
TOO_MANY_ROWS = QT_TRANSLATE_NOOP(
    "Export", "{rows} rows do not fit on one Excel sheet (at most {limit}); narrow the search and export again."
)
SUMMARY_SEARCH = QT_TRANSLATE_NOOP("Export", "Search: {search}")
SUMMARY_NO_SEARCH = QT_TRANSLATE_NOOP("Export", "No search: every row")
SUMMARY_ASCENDING = QT_TRANSLATE_NOOP("Export", "Sorted by {column}, ascending")
SUMMARY_DESCENDING = QT_TRANSLATE_NOOP("Export", "Sorted by {column}, descending")
SUMMARY_ROWS = QT_TRANSLATE_NOOP("Export", "{rows} rows")
SUMMARY_EXPORTED = QT_TRANSLATE_NOOP("Export", "Exported {at}")
SEPARATOR = "\u3000\u3000"  # two ideographic spaces between the summary's parts
TOTAL_LABEL = QT_TRANSLATE_NOOP("Export", "Total ({rows} rows)")

NUMBER_FORMATS = {
    "datetime": xlsx.DATETIME_FORMAT,
    "deadline": xlsx.DATETIME_FORMAT,
    "date": xlsx.DATE_FORMAT,
    "money": xlsx.MONEY_FORMAT,
    "decimal": xlsx.HOURS_FORMAT,
}
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SUMMED_KINDS = ("money", "decimal")  # the totals row sums these columns
# column widths at most (Excel's units, a Chinese character taking two); a longer text wraps
FREE_TEXT_CAP = 28  # fault, remarks, work done … and addresses
TEXT_CAP = 28  # a company name of 13 characters on one line
FREE_TEXT_KEYS = ("address", "accessories", "condition")  # plain text columns that hold sentences
# numbers and codes never wrap nor narrow: broken in two they read as two
UNBROKEN_KEYS = ("call_no", "receipt_no", "card_no", "code", "invoice_no", "serial_no", "phone", "fax", "postcode")
NARROWEST_FREE_TEXT = 14  # a free text column narrowed to fit the page: about seven Chinese characters a line
NARROWEST_TEXT = 10  # five Chinese characters a line


def width_cap(column: Column) -> int | None:
    """A text column's widest width; None (``xlsx.MAX_WIDTH``) for dates and numbers, which
    never need it."""
    if column.kind == "multiline" or column.key in FREE_TEXT_KEYS:
        return FREE_TEXT_CAP
    if column.kind in ("text", "choice", "staff"):
        return TEXT_CAP
    return None


def narrowest(column: Column) -> int | None:
    """How narrow a column may become to fit the printed page (its text wrapping); None: not
    at all (dates, numbers, codes)."""
    if column.key in UNBROKEN_KEYS:
        return None
    if column.kind == "multiline" or column.key in FREE_TEXT_KEYS:
        return NARROWEST_FREE_TEXT
    if column.kind in ("text", "choice", "staff"):
        return NARROWEST_TEXT
    return None



@dataclass(frozen=True)
class ExportReport:
    path: Path
    register: str
    rows: int
    columns: int
    summary: str  # the sheet's first line: title, search, sort, row count, time


# -- names for the command line ---------------------------------------------------------

def command_name(register: str) -> str:
    """``service_call`` → ``service-call``: the command line's spelling (like ``print``'s forms)."""
    return register.replace("_", "-")


COMMAND_NAMES = tuple(command_name(name) for name in REGISTERS)


class _Listing(Msg):
    """Names with their titles for a message (``service-call (叫修登记簿), …``): the titles
    are translated when the message is shown, like any marked value of a ``UserError``."""

    items: list[tuple[str, Msg]]

    def __new__(cls, items: list[tuple[str, Msg]]) -> "_Listing":
        obj = super().__new__(cls, "Export", ", ".join(f"{name} ({title})" for name, title in items))
        obj.items = items
        return obj

    def tr(self, translate: Translate | None = None, **_args: object) -> str:
        return ", ".join(f"{name} ({title.tr(translate)})" for name, title in self.items)


def spec_by_name(name: str, translate: Translate | None = None) -> RegisterSpec:
    """The register called ``name``: its command name (``service-call``), its key
    (``service_call``) or its title; else a UserError that lists them."""
    wanted = name.strip().replace("-", "_").casefold()
    for spec in REGISTERS.values():
        if wanted in (spec.name, str(spec.title).casefold(), spec.title.tr(translate).casefold()):
            return spec
    names = _Listing([(command_name(s.name), s.title) for s in REGISTERS.values()])
    raise UserError(UNKNOWN_REGISTER, "register", name=name, names=names)


def column_by_name(spec: RegisterSpec, name: str, translate: Translate | None = None) -> Column:
    """The column called ``name``: its key (``received_at``) or its header, in English or
    as shown (``叫修时间``); else a UserError that lists them."""
    wanted = name.strip().replace("-", "_").casefold()
    for column in spec.columns:
        if wanted in (column.key, str(column.header).casefold(), column.header.tr(translate).casefold()):
            return column
    columns = _Listing([(c.key, c.header) for c in spec.columns])
    raise UserError(UNKNOWN_COLUMN, "sort", register=spec.title, column=name, columns=columns)


# -- cell values ---------------------------------------------------------------------------

def cell_value(column: Column, value: Any, staff: dict[int, str], translate: Translate | None = None) -> Any:
    """What the cell of ``column`` holds for the stored ``value``: the same as the table
    shows (``views/table_model.format_value``, which imports Qt) but typed — a time or a
    date stays a date, money and hours stay numbers. A deadline is its due time: the
    working hours left that the table shows change by the minute."""
    if value is None or value == "":
        return None
    kind = column.kind
    if kind in ("datetime", "deadline"):
        return value if isinstance(value, datetime) else xlsx.clean_text(str(value))
    if kind == "date":
        if isinstance(value, datetime):
            return value.date()
        return value if isinstance(value, date) else xlsx.clean_text(str(value))
    if kind in ("money", "decimal"):
        if isinstance(value, (Decimal, int, float)):
            return float(value)
        return xlsx.clean_text(str(value))
    if kind == "choice" and column.choices is not None:
        label = column.choices.get(str(value))
        return label.tr(translate) if label is not None else xlsx.clean_text(str(value))
    if kind == "staff":
        return xlsx.clean_text(staff.get(int(value), f"#{value}"))
    if kind == "multiline":
        return xlsx.clean_text(" ".join(str(value).split()))  # one line, as the table shows it
    return xlsx.clean_text(str(value))


def _sheet_name(title: str) -> str:
    return _SHEET_NAME_FORBIDDEN.sub("_", title).strip("'")[:31] or "Sheet1"


def summary_line(query: RegisterQuery, rows: int, at: datetime, translate: Translate | None = None) -> str:
    spec = query.spec
    sort_header = spec.column(query.sort_key).header.tr(translate)
    parts = [
        spec.title.tr(translate),
        SUMMARY_SEARCH.tr(translate, search=query.search) if query.search else SUMMARY_NO_SEARCH.tr(translate),
        (SUMMARY_DESCENDING if query.descending else SUMMARY_ASCENDING).tr(translate, column=sort_header),
        SUMMARY_ROWS.tr(translate, rows=rows),
        SUMMARY_EXPORTED.tr(translate, at=f"{at:%Y-%m-%d %H:%M}"),
    ]
    return SEPARATOR.join(parts)


# -- the workbook --------------------------------------------------------------------------

def check_path(path: Path) -> None:
    if path.suffix.lower() != ".xlsx":
        raise UserError(NOT_XLSX, "path", path=str(path))


def cannot_write(path: Path, exc: OSError) -> UserError | OSError:
    """The clerk's words for a file that cannot be written. A full or failing disk is not
    this file's problem but the machine's: the OSError itself goes on, and the window or the
    command line says it as its known fault (faults.py: its own message and exit code)."""
    log.warning("export to %s failed: %s", path, exc)
    if faults.classify(exc) in (faults.Fault.DISK_FULL, faults.Fault.IO_ERROR):
        return exc
    return UserError(CANNOT_WRITE, "path", path=str(path), reason=faults.os_reason(exc, "exporting"))


@contextmanager
def replacing_workbook(path: Path) -> Iterator[Path]:
    """``files.replacing(path)`` with its ``OSError`` in the clerk's words (``cannot_write``):
    a folder that is gone or read-only, a file open in Excel (which then stays as it was).
    Entered before the rows are read, so that a folder that is gone is said at once rather
    than after the whole export."""
    try:
        with files.replacing(path) as temporary:
            yield temporary
    except OSError as exc:
        error = cannot_write(path, exc)
        if error is exc:
            raise
        raise error from exc


def export_register(
    query: RegisterQuery,
    path: str | os.PathLike[str],
    *,
    columns: Sequence[str] | None = None,
    translate: Translate | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ExportReport:
    """Write the rows of ``query`` — its search, in its sort — to the workbook ``path``.

    ``columns`` (keys, in order) defaults to every column of the register. ``progress(done,
    total)`` is called after every window of rows; returning False cancels (None goes on, so
    a callback that only prints cannot cancel by mistake): ``Cancelled`` is raised and no
    file is left. A file that cannot be written (a missing folder, no permission, open in
    Excel) is a ``UserError``."""
    path = Path(path)
    check_path(path)
    spec = query.spec
    shown = [spec.column(key) for key in columns] if columns is not None else list(spec.columns)
    positions = [spec.index_of(c.key) + 1 for c in shown]  # a window row is (id, value per column)
    at = now or clock.now()
    staff = staff_names(query.database) if any(c.kind == "staff" for c in shown) else {}

    workbook = Workbook(write_only=True)
    xlsx.use_report_font(workbook)
    sheet = workbook.create_sheet(_sheet_name(spec.title.tr(translate)))
    saved = False
    try:
        with replacing_workbook(path) as temporary:
            total = query.count()
            if total > MAX_SHEET_ROWS - FIRST_DATA_ROW + 1:
                raise UserError(TOO_MANY_ROWS, "search", rows=total, limit=MAX_SHEET_ROWS - FIRST_DATA_ROW + 1)
            summary = summary_line(query, total, at, translate)
            headers = [c.header.tr(translate) for c in shown]

            def values_of(window: list[tuple]) -> list[list[Any]]:
                return [
                    [cell_value(c, r[p], staff, translate) for c, p in zip(shown, positions)]
                    for r in window
                ]

            first = values_of(query.window(0, CHUNK)) if total else []
            widths = xlsx.WidthTracker(headers)
            for values in first:
                widths.see(values)
            least = [narrowest(c) for c in shown]
            column_widths = xlsx.narrow_to_fit(widths.columns([width_cap(c) for c in shown]), least)
            wrapped = [n is not None for n in least]  # no text is cut at its column's edge
            totals = total > 0 and any(c.kind in SUMMED_KINDS for c in shown)
            _lay_out(sheet, len(shown), total + totals, column_widths, summary, total)
            if height := xlsx.header_height(headers, column_widths):  # a narrowed column's header wraps
                sheet.row_dimensions[HEADER_ROW].height = height

            sheet.append([xlsx.text_with_font(sheet, summary, SUMMARY_FONT)])
            sheet.append(xlsx.header_cells(sheet, headers))

            body = _BodyCells(sheet, shown, wrapped, column_widths)
            done = 0
            chunk = first
            rows = sheet.row_dimensions
            row_number = FIRST_DATA_ROW - 1
            while True:
                for values in chunk:
                    row_number += 1
                    cells, lines = body.row(values)
                    if lines > 1:  # a height of its own: LibreOffice would not grow the row for its wrapped text
                        rows[row_number].height = xlsx.row_height(lines)
                        sheet.append(cells)
                        del rows[row_number]  # written: no need to keep it
                    else:
                        sheet.append(cells)
                done += len(chunk)
                report(progress, done, total, EXPORT_CANCELLED)
                if done >= total or not chunk:
                    break
                chunk = values_of(query.window(done, CHUNK))
            if totals:
                sheet.append(_totals_row(sheet, shown, done, TOTAL_LABEL.tr(translate, rows=done)))

            workbook.properties.title = spec.title.tr(translate)
            workbook.properties.description = summary
            workbook.properties.creator = "crm_desktop"
            workbook.save(temporary)
            saved = True
        return ExportReport(path=path, register=spec.name, rows=done, columns=len(shown), summary=summary)
    finally:
        if not saved:
            xlsx.discard_sheet(sheet)


def _lay_out(sheet, columns: int, rows: int, widths: list[int], summary: str, data_rows: int | None = None) -> None:
    """What a write-only sheet needs before its first row: widths, frozen panes; and the
    autofilter and the print setup. ``rows`` counts the totals row, ``data_rows`` not.
    On paper the table prints with grid lines and its header row on every page, and the
    summary line goes to the top of every page instead of standing above the first page's
    table. A4 landscape, its text never under ``xlsx.MIN_PRINTED_SIZE``: a register too
    wide for one page at that size continues on a page to its right, the first column (the
    call, receipt or card number) repeated there (``xlsx.scale_to_width``)."""
    data_rows = rows if data_rows is None else data_rows
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    last = get_column_letter(max(columns, 1))
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"  # the summary and the headers stay in sight
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + data_rows}"
    xlsx.print_setup(sheet, header_rows=f"{HEADER_ROW}:{HEADER_ROW}", landscape=True)
    xlsx.scale_to_width(sheet, widths, landscape=True)
    sheet.print_area = f"A{HEADER_ROW}:{last}{HEADER_ROW + rows}"
    sheet.print_options.gridLines = True  # the body's cells carry no borders (see _BodyCells)
    # Excel allows 255 characters in a page header, and & starts its codes
    sheet.oddHeader.center.text = summary[:MAX_PAGE_HEADER].replace("&", "&&")
    sheet.oddHeader.center.size = xlsx.FONT_SIZE
    sheet.oddHeader.center.font = f"{xlsx.FONT_NAME},Regular"
    sheet.oddFooter.center.text = "&P / &N"
    sheet.oddFooter.center.size = xlsx.FONT_SIZE
    sheet.HeaderFooter.scaleWithDoc = False  # Excel: the page header keeps its size on a scaled page (LibreOffice scales it)


def _totals_row(sheet, columns: Sequence[Column], rows: int, label: str) -> list[Any]:
    """Under the rows: the label in the first column, and under each money or hours column
    the sum of the rows the autofilter shows (SUBTOTAL 9), which Excel and LibreOffice
    compute on opening."""
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + rows - 1
    cells: list[Any] = []
    for i, column in enumerate(columns, start=1):
        cell = WriteOnlyCell(sheet)
        cell.font = xlsx.TOTAL_FONT
        cell.fill = xlsx.TOTAL_FILL
        if column.kind in SUMMED_KINDS:
            letter = get_column_letter(i)
            cell.value = f"=SUBTOTAL(9,{letter}{first}:{letter}{last})"
            cell.number_format = NUMBER_FORMATS[column.kind]
        elif i == 1:
            cell.value = label
        cells.append(cell)
    return cells


class _BodyCells:
    """The body's cells. Each column has one styled cell that carries its style from row to
    row — its number format (dates, times, money, hours), its wrapping (text), the top of the
    row for all — and takes each row's value in turn: a write-only sheet writes a row as soon
    as it is appended, and a new styled cell for each value would cost seconds over a large
    register. Text goes in through ``xlsx.text_cell``'s rule: risky text is quoted. (Every
    cell with borders as well made a 100,000-row export 3 s slower: the grid comes from the
    printed grid lines instead.) A text in a date or number column (rare: a value typed
    before the column was typed) stays as it is, unstyled."""

    def __init__(self, sheet, columns: Sequence[Column], wrapped: Sequence[bool] = (),
                 widths: Sequence[float] = ()) -> None:
        self.sheet = sheet
        self.widths = list(widths) + [xlsx.MAX_WIDTH] * (len(columns) - len(widths))
        wrapped = list(wrapped) + [False] * (len(columns) - len(wrapped))
        self.cells: list[Cell] = []
        self.wraps: list[bool] = []
        self.numbers: list[bool] = []  # a date or number column (text there, rarely, as is)
        for column, wrap in zip(columns, wrapped):
            cell = WriteOnlyCell(sheet)
            number = column.kind in NUMBER_FORMATS
            if number:
                cell.number_format = NUMBER_FORMATS[column.kind]
                wrap = False
            cell.alignment = xlsx.WRAP_ALIGNMENT if wrap else xlsx.TOP_ALIGNMENT
            self.cells.append(cell)
            self.wraps.append(wrap)
            self.numbers.append(number)

    def row(self, values: Sequence[Any]) -> tuple[list[Any], int]:
        """The row's cells, and the lines its tallest wrapped text takes. A row of one line
        gives its texts as plain values (openpyxl writes a styled cell about twice as slowly,
        and on one line neither the wrapping nor the top of the row shows); a taller row gives
        every text its column's cell, wrapping and at the top beside the others."""
        lines = 1
        for wrap, width, value in zip(self.wraps, self.widths, values):
            if wrap and isinstance(value, str) and 2 * len(value) > width - 1:
                lines = max(lines, xlsx.lines_needed(value, width))
        out: list[Any] = []
        sheet = self.sheet
        for cell, number, value in zip(self.cells, self.numbers, values):
            if value is None:
                out.append(None)
            elif isinstance(value, str):
                if xlsx.is_risky(value):
                    risky = xlsx.text_cell(sheet, value)
                    risky.alignment = xlsx.WRAP_ALIGNMENT if lines > 1 else xlsx.TOP_ALIGNMENT
                    out.append(risky)
                elif lines > 1 and not number:
                    cell.value = value
                    out.append(cell)
                else:
                    out.append(value)
            else:
                cell.value = value
                out.append(cell)
        return out, lines


def export_register_by_name(
    database: Database,
    register_name: str,
    path: str | os.PathLike[str],
    search: str | None = None,
    sort_key: str | None = None,
    descending: bool = False,
    translate: Translate | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ExportReport:
    """The command line's export: the register by its name, searched and sorted as given
    (without ``sort_key``: the register's own order, which ``descending`` makes descending)."""
    spec = spec_by_name(register_name, translate)
    if sort_key:
        key = column_by_name(spec, sort_key, translate).key
    else:
        key = spec.default_sort
        descending = descending or spec.default_descending
    query = RegisterQuery(database, spec)
    query.set_sort(key, descending)
    if search:
        query.set_search(search)
    return export_register(query, path, translate=translate, progress=progress, now=now)
