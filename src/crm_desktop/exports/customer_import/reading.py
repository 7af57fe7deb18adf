"""Step 1 of the customer import: the clerk's workbook read once, its header row found.

``read_sheet(path)`` reads the workbook with openpyxl in read-only, values-only mode (the
fast way) and finds the header row by the field names clerks use (``fields``). What that
mode cannot see — merged cells and formulas — is read from the sheet's XML directly (one
pass of a regular expression over the decompressed part), so a workbook is never opened
twice. Files that are not a workbook (CSV, old .xls, a text file renamed .xlsx, a
password-protected workbook) are recognised by their first bytes and refused with a message
that says what to do. No Qt here.
"""

from __future__ import annotations

import codecs
import logging
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

from ... import faults
from ...errors import UserError
from ...i18n import QT_TRANSLATE_NOOP
from ...progress import Progress, report
from .fields import IMPORT_CANCELLED, known_header_count

log = logging.getLogger(__name__)

HEADER_SEARCH_ROWS = 20  # the header is looked for among the first non-empty rows

FILE_MISSING = QT_TRANSLATE_NOOP("CustomerImport", "The file {file} does not exist.")
FILE_UNREADABLE = QT_TRANSLATE_NOOP("CustomerImport", "The file {file} cannot be read: {reason}")
OLD_XLS = QT_TRANSLATE_NOOP(
    "CustomerImport", "{file} is an old Excel 97-2003 workbook (.xls), which cannot be imported. Open it in Excel or WPS, "
    "save it as an Excel workbook (.xlsx) and import that file."
)
ENCRYPTED = QT_TRANSLATE_NOOP(
    "CustomerImport", "{file} is protected by a password (encrypted) and cannot be read. Open it in Excel, remove the "
    "password (File > Info > Protect Workbook > Encrypt with Password, clear it), save it and import it again."
)
OLE_FILE = QT_TRANSLATE_NOOP(
    "CustomerImport", "{file} is either protected by a password (encrypted) or an old Excel 97-2003 workbook (.xls). Open it in "
    "Excel, remove any password and save it as an Excel workbook (.xlsx), then import that file."
)
TEXT_FILE = QT_TRANSLATE_NOOP(
    "CustomerImport", "{file} is a text or CSV file, not an Excel workbook. Open it in Excel or WPS, save it as an Excel "
    "workbook (.xlsx) and import that file."
)
NOT_XLSX = QT_TRANSLATE_NOOP(
    "CustomerImport", "{file} is not an Excel workbook (.xlsx), or it is damaged. Save the sheet as an Excel workbook (.xlsx) "
    "and import that file."
)
EMPTY_WORKBOOK = QT_TRANSLATE_NOOP("CustomerImport", "The workbook {file} holds no data: every sheet is empty.")
NO_SUCH_SHEET = QT_TRANSLATE_NOOP("CustomerImport", "The workbook has no sheet named “{sheet}”. Its sheets: {sheets}.")
EMPTY_SHEET = QT_TRANSLATE_NOOP("CustomerImport", "The sheet “{sheet}” is empty.")
NO_HEADER = QT_TRANSLATE_NOOP(
    "CustomerImport", "The sheet “{sheet}” has no header row: its first row with data (row {row}) holds no column names. "
    "Put the column names (客户名称, 电话 …) in the row above the data."
)
NO_DATA_ROWS = QT_TRANSLATE_NOOP(
    "CustomerImport", "The sheet “{sheet}” has a header row (row {row}) but no data rows below it."
)
MERGED_HEADER = QT_TRANSLATE_NOOP(
    "CustomerImport", "The header row (row {row}) of the sheet “{sheet}” has merged cells: {cells}. Unmerge them so that each "
    "column has its own name in one row, then import again."
)


@dataclass
class SheetData:
    """The sheet as read: header names and the data rows (Excel row number, values)."""

    path: Path
    sheet_name: str
    sheet_names: list[str]
    header_row: int
    headers: list[str]  # one per column, "" for a column without a name
    rows: list[tuple[int, tuple[Any, ...]]]  # data rows, empty rows left out
    formula_cells: frozenset[tuple[int, int]] = frozenset()  # (row, column index) of formulas
    filled_merged: tuple[str, ...] = ()  # merged data ranges whose value was copied down

    @property
    def width(self) -> int:
        return len(self.headers)

    def column_letter(self, index: int) -> str:
        return column_letter(index)

    def column_title(self, index: int) -> str:
        """``"D 电话"``: the letter Excel shows and the column's name."""
        name = self.headers[index] if index < len(self.headers) else ""
        return f"{column_letter(index)} {name}".rstrip()


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_XLS_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_OLE_SCAN_BYTES = 64 * 1024 * 1024


def _refuse_non_workbook(path: Path) -> None:
    """Raise the right message for a file that is not an .xlsx, judged by its bytes (a file's
    name may lie: a CSV renamed .xlsx, an encrypted workbook keeps its .xlsx name)."""
    if not path.is_file():
        raise UserError(FILE_MISSING, field="file", file=str(path))
    try:
        _judge_bytes(path)
    except OSError as exc:  # no permission, locked by another program, a network drive gone
        raise UserError(FILE_UNREADABLE, field="file", file=path.name, reason=faults.os_reason(exc, "reading the import file")) from None


def _judge_bytes(path: Path) -> None:
    with open(path, "rb") as f:
        head = f.read(8)
        if head.startswith(_ZIP_SIGNATURES):
            return
        if head == _OLE_SIGNATURE:
            # Office's compound file: an encrypted OOXML workbook (its streams are named
            # EncryptionInfo and EncryptedPackage) or a BIFF .xls (a stream named Workbook)
            f.seek(0)
            body = f.read(_OLE_SCAN_BYTES)
            if any(name in body for name in _ENCRYPTED_STREAMS):
                raise UserError(ENCRYPTED, field="file", file=path.name)
            if any(name in body for name in _XLS_STREAMS):
                raise UserError(OLD_XLS, field="file", file=path.name)
            raise UserError(OLE_FILE, field="file", file=path.name)
        f.seek(0)
        sample = f.read(4096)
    if path.suffix.lower() in (".csv", ".txt", ".tsv") or _looks_like_text(sample):
        raise UserError(TEXT_FILE, field="file", file=path.name)
    raise UserError(NOT_XLSX, field="file", file=path.name)


def _looks_like_text(sample: bytes) -> bool:
    """UTF-16 with its mark, or bytes without NUL that decode as UTF-8 or GB18030 (what a
    Chinese Excel or WPS writes as CSV); the sample may end inside a character."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if not sample or b"\x00" in sample:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
            return True
        except UnicodeDecodeError:
            continue
    return False


def _open_workbook(path: Path):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _refuse_non_workbook(path)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, ElementTree.ParseError,
            EOFError, OSError) as exc:
        log.info("not a readable workbook: %s (%r)", path, exc)
        raise UserError(NOT_XLSX, field="file", file=path.name) from None


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_sheet(path: str | Path, sheet_name: str | None = None, *, progress: Progress | None = None) -> SheetData:
    """The sheet ``sheet_name`` (default: the first with data) of the workbook at ``path``.

    The header row is the first of the first rows with data that holds at least two known
    column names (a title row above the table is passed over), else the first row with data.
    A UserError says what is wrong with a file that is not a readable .xlsx, an empty
    workbook or sheet, a sheet without header or data rows, or a header with merged cells.
    """
    path = Path(path)
    workbook = _open_workbook(path)
    try:
        sheets = list(workbook.worksheets)
        names = [ws.title for ws in sheets]
        if sheet_name is not None:
            chosen = [ws for ws in sheets if ws.title == sheet_name]
            if not chosen:
                raise UserError(NO_SUCH_SHEET, field="sheet", sheet=sheet_name, sheets="、".join(names))
            candidates = chosen
        else:
            candidates = sheets
        for ws in candidates:
            try:
                rows = _read_rows(ws, progress)
            except (ValueError, KeyError, TypeError, ElementTree.ParseError, zipfile.BadZipFile, EOFError,
                    zlib.error) as exc:  # a damaged sheet part
                log.info("damaged sheet %s in %s: %r", ws.title, path, exc)
                raise UserError(NOT_XLSX, field="file", file=path.name) from None
            if rows:
                return _make_sheet_data(path, ws.title, names, rows)
        if sheet_name is not None:
            raise UserError(EMPTY_SHEET, field="sheet", sheet=sheet_name)
        raise UserError(EMPTY_WORKBOOK, field="file", file=path.name)
    finally:
        workbook.close()


def _read_rows(ws, progress: Progress | None) -> list[tuple[int, tuple[Any, ...]]]:
    """Every non-empty row with its Excel row number (openpyxl fills the rows a file leaves
    out, so counting from 1 gives Excel's numbers)."""
    total = ws.max_row or 0  # what the file says: for the progress bar only
    ws.reset_dimensions()  # a wrong <dimension> in the file must not cut the sheet short
    rows: list[tuple[int, tuple[Any, ...]]] = []
    append = rows.append
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if values.count(None) != len(values) and not all(_is_empty(v) for v in values):
            append((number, values))
        if progress is not None and number % 500 == 0:
            total = max(total, number + 1)
            report(progress, number, total, IMPORT_CANCELLED)
    return rows


def _make_sheet_data(path: Path, title: str, names: list[str], rows: list[tuple[int, tuple[Any, ...]]]) -> SheetData:
    head = rows[:HEADER_SEARCH_ROWS]
    header_index = next((i for i, (_n, values) in enumerate(head) if known_header_count(values) >= 2), 0)
    header_row, header_values = rows[header_index]
    if not any(isinstance(v, str) and v.strip() for v in header_values):
        raise UserError(NO_HEADER, field="sheet", sheet=title, row=header_row)
    merged, formulas = _scan_sheet_xml(path, title)
    touching = sorted((r for r in merged if r[1] <= header_row <= r[3]), key=lambda r: (r[1], r[0]))
    if touching:
        cells = "、".join(_range_text(r) for r in touching)
        raise UserError(MERGED_HEADER, field="sheet", sheet=title, row=header_row, cells=cells)
    data = rows[header_index + 1 :]
    if not data:
        raise UserError(NO_DATA_ROWS, field="sheet", sheet=title, row=header_row)
    width = max(len(header_values), max(len(v) for _n, v in data))
    headers = [_header_text(header_values[i]) if i < len(header_values) else "" for i in range(width)]
    while headers and not headers[-1] and not any(len(v) >= len(headers) and not _is_empty(v[len(headers) - 1])
                                                    for _n, v in data):
        headers.pop()
    filled = _fill_merged_down(data, [r for r in merged if r[1] > header_row])
    return SheetData(
        path=path,
        sheet_name=title,
        sheet_names=names,
        header_row=header_row,
        headers=headers,
        rows=data,
        formula_cells=frozenset((row, col) for row, col in formulas if row > header_row),
        filled_merged=tuple(_range_text(r) for r in filled),
    )


def _header_text(value: object) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


Range = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row (1-based)


def _range_text(r: Range) -> str:
    first = f"{column_letter(r[0] - 1)}{r[1]}"
    return first if r[0] == r[2] and r[1] == r[3] else f"{first}:{column_letter(r[2] - 1)}{r[3]}"


def _fill_merged_down(data: list[tuple[int, tuple[Any, ...]]], ranges: list[Range]) -> list[Range]:
    """A customer's name merged over the rows of its products: every row gets the value
    (read-only mode gives it to the top-left cell only). Only down the range's first column:
    the other cells of a merged range are empty in Excel too."""
    if not ranges:
        return []
    index = {number: i for i, (number, _v) in enumerate(data)}
    filled = []
    for min_col, min_row, _max_col, max_row in ranges:
        if max_row == min_row or min_row not in index:
            continue
        col = min_col - 1
        top = data[index[min_row]][1]
        value = top[col] if col < len(top) else None
        if value is None:
            continue
        for number in range(min_row + 1, max_row + 1):
            i = index.get(number)
            if i is None:
                continue
            values = list(data[i][1])
            if len(values) <= col:
                values.extend([None] * (col + 1 - len(values)))
            values[col] = value
            data[i] = (number, tuple(values))
        filled.append((min_col, min_row, _max_col, max_row))
    return filled


# -- what read-only mode does not show: merged ranges and formulas, from the sheet's XML --------

_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_FORMULA_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f[\s>/]")
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _sheet_part(archive: zipfile.ZipFile, title: str) -> str | None:
    """The zip member of the sheet named ``title`` (workbook.xml → its relationships)."""
    workbook_part = "xl/workbook.xml"
    try:
        root_rels = ElementTree.fromstring(archive.read("_rels/.rels"))
        for rel in root_rels:
            if rel.get("Type", "").endswith("/officeDocument"):
                workbook_part = rel.get("Target", workbook_part).lstrip("/")
        workbook = ElementTree.fromstring(archive.read(workbook_part))
        base = PurePosixPath(workbook_part).parent
        rels_part = str(base / "_rels" / (PurePosixPath(workbook_part).name + ".rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in ElementTree.fromstring(archive.read(rels_part))}
    except (KeyError, ElementTree.ParseError):
        return None
    for sheet in workbook.iter():
        if sheet.tag.endswith("}sheet") and sheet.get("name") == title:
            target = targets.get(sheet.get(f"{{{_REL_NS}}}id"), "")
            if not target:
                return None
            return target.lstrip("/") if target.startswith("/") else str(base / target)
    return None


def _might_have_formulas(xml: bytes) -> bool:
    """A quick test (plain byte searches) before the regular expression: most sheets have none."""
    return b"<f>" in xml or b"<f " in xml or b"<f/" in xml or b":f>" in xml or b":f " in xml or b":f/" in xml


def _scan_sheet_xml(path: Path, title: str) -> tuple[list[Range], set[tuple[int, int]]]:
    """Merged ranges (min_col, min_row, max_col, max_row) and formula cells (row, column
    index) of the sheet, found in its XML: a formula cell's first child is ``<f>``."""
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, title)
        if part is None:
            return [], set()
        try:
            xml = archive.read(part)
        except KeyError:
            return [], set()
    merged: list[Range] = []
    # <mergeCells> follows <sheetData>: only the tail is searched (the rows are megabytes)
    end_of_rows = xml.rfind(b"sheetData>")
    for m in _MERGE_REF.finditer(xml, max(end_of_rows, 0)):
        c1, r1 = _column_index(m.group(1)), int(m.group(2))
        c2, r2 = (_column_index(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
        merged.append((min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)))
    formulas: set[tuple[int, int]] = set()
    if _might_have_formulas(xml) and _FORMULA_TAG.search(xml):
        for m in _FORMULA_CELL.finditer(xml):
            ref = _CELL_REF.search(m.group(1))
            if ref:
                formulas.add((int(ref.group(2)), _column_index(ref.group(1)) - 1))
    return merged, formulas
