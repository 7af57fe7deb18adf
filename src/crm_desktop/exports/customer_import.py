"""Importing customers and their products from the clerk's own spreadsheet (I2, I3; X2, X5).

Four steps, each usable alone (the wizard and the command line call the same ones):

1. ``read_sheet(path)`` reads the workbook once with openpyxl in read-only, values-only mode
   (the fast way) and finds the header row. What that mode cannot see — merged cells and
   formulas — is read from the sheet's XML directly (one pass of a regular expression over
   the decompressed part), so a workbook is never opened twice. Files that are not a
   workbook (CSV, old .xls, a text file renamed .xlsx, a password-protected workbook) are
   recognised by their first bytes and refused with a message that says what to do.
2. ``propose_mapping(headers)`` matches the sheet's columns to the archive's fields by the
   Chinese names clerks use (``HEADER_NAMES``: 客户名称/单位名称/名称, 电话/联系电话/手机 …);
   the clerk may change it.
3. ``check(database, sheet, mapping)`` cleans every row with the program's own validation
   functions (phones, postcodes, dates, amounts) and gives an ``ImportPlan``: the customers
   and products to write, every bad cell with its row as Excel numbers it and the reason,
   and the likely duplicates (same name or same phone as an existing customer or as another
   customer of the file). Nothing is written. Several rows with the same name and phone are
   one customer with several products.
4. ``apply(database, plan, skip_duplicates=…)`` writes every customer and product of the
   plan in one transaction, or nothing: it refuses a plan with a bad row, and a plan with
   likely duplicates until the clerk has chosen to skip them or to import them anyway.
   Rows go in with SQLAlchemy Core bulk inserts (customers with ``RETURNING`` their new
   ids, then the products).

Every message is an English source string marked for translation (context
``CustomerImport``); the header names and value words below are data, in Chinese, because
they are what the clerk's sheets contain. No Qt here.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from .. import clock
from ..db import Database
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Msg, Translate
from ..models import Customer, CustomerCategory, CustomerProduct, District
from ..progress import Progress, report
from ..services.customers import MAX_CAPITAL
from ..services.validation import (
    check_postcode,
    check_staff,
    column_length,
    normalize_phone,
    parse_date,
    parse_decimal,
)

log = logging.getLogger(__name__)


IMPORT_CANCELLED = QT_TRANSLATE_NOOP("CustomerImport", "The import was cancelled: nothing was imported.")


# --------------------------------------------------------------------------- the fields


@dataclass(frozen=True)
class ImportField:
    """One archive field a column can fill."""

    key: str  # the model attribute
    table: str  # "customer" or "product"
    label: Msg
    headers: tuple[str, ...]  # header names a clerk's sheet uses, best first
    required: bool = False


# The Chinese column names and their synonyms (data, not translated strings): the first
# name of each field is the one the program itself would write.
FIELDS: tuple[ImportField, ...] = (
    ImportField("name", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Customer name"),
                ("客户名称", "单位名称", "名称", "客户", "客户名", "客户全称", "公司名称", "企业名称", "单位",
                 "用户名称", "用户", "客户姓名", "姓名"), required=True),
    ImportField("code", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Customer code"),
                ("客户编号", "客户代码", "客户编码", "客户号")),
    ImportField("category", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Category"),
                ("类别", "客户类别", "客户类型", "类型", "客户分类", "分类")),
    ImportField("district", "customer", QT_TRANSLATE_NOOP("CustomerImport", "District"),
                ("区域", "市区郊区", "市区/郊区", "市区或郊区", "地区", "所在区域", "城郊")),
    ImportField("legal_representative", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Legal representative"),
                ("法人代表", "法定代表人", "法人")),
    ImportField("address", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Address"),
                ("地址", "通讯地址", "联系地址", "详细地址", "单位地址", "公司地址", "客户地址", "住址")),
    ImportField("postcode", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Postcode"), ("邮编", "邮政编码")),
    ImportField("phone", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Phone"),
                ("电话", "联系电话", "手机", "电话号码", "手机号", "手机号码", "联系方式", "固定电话", "座机",
                 "办公电话", "联系人电话", "客户电话")),
    ImportField("fax", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Fax"), ("传真", "传真号码", "传真号")),
    ImportField("business_scope", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Business scope"),
                ("经营范围", "主营业务", "主营范围", "业务范围")),
    ImportField("registered_capital", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Registered capital (yuan)"),
                ("注册资金", "注册资本")),
    ImportField("contact_person", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Contact person"),
                ("联系人", "联系人姓名", "负责人", "经办人")),
    ImportField("remarks", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Remarks"), ("备注", "说明", "附注")),
    ImportField("model", "product", QT_TRANSLATE_NOOP("CustomerImport", "Product model"),
                ("型号", "产品型号", "机型", "设备型号", "规格型号", "机器型号", "产品", "产品名称", "设备名称")),
    ImportField("serial_no", "product", QT_TRANSLATE_NOOP("CustomerImport", "Serial no."),
                ("序列号", "机身编号", "出厂编号", "机身号", "机号", "产品序列号", "机身序列号", "sn", "s/n")),
    ImportField("purchase_date", "product", QT_TRANSLATE_NOOP("CustomerImport", "Purchase date"),
                ("购买日期", "购机日期", "购买时间", "购机时间", "购置日期", "购入日期", "销售日期")),
    ImportField("warranty_end", "product", QT_TRANSLATE_NOOP("CustomerImport", "Warranty end"),
                ("保修期至", "保修截止", "保修截止日期", "保修到期", "保修到期日", "保修到期日期", "保修期限",
                 "保修期", "保修至")),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}
CUSTOMER_KEYS = tuple(f.key for f in FIELDS if f.table == "customer")
PRODUCT_KEYS = tuple(f.key for f in FIELDS if f.table == "product")

# Words a clerk writes in the category and district columns (compared after NFKC, without
# spaces, lower case, and without a bracketed part: "特殊类（顾问、银行、保险等）" is 特殊类).
CATEGORY_WORDS = {
    CustomerCategory.SUPPLIER.value: ("供应商", "供货商", "supplier"),
    CustomerCategory.DISTRIBUTOR.value: ("经销商", "代理商", "分销商", "distributor"),
    CustomerCategory.SPECIAL.value: ("特殊", "特殊类", "特殊客户", "特殊类别", "顾问", "银行", "保险", "special"),
    CustomerCategory.END_USER.value: ("最终用户", "终端用户", "用户", "最终客户", "终端客户", "end_user", "enduser"),
}
DISTRICT_WORDS = {
    District.URBAN.value: ("市区", "城区", "市内", "市", "urban"),
    District.SUBURBAN.value: ("郊区", "郊县", "县", "郊", "suburban"),
}

# Longest text a field takes. String columns: their declared length. Text columns (business
# scope, remarks): what one Excel cell can hold, so nothing Excel itself wrote is refused.
EXCEL_CELL_LIMIT = 32767
# Fields whose text is read as a code (phone, date, amount …): longer text than this is
# refused as too long before it is parsed, so no message quotes a huge value.
CODED_TEXT_LIMIT = 100
CODED_FIELDS = frozenset({"postcode", "phone", "fax", "registered_capital", "category", "district",
                          "purchase_date", "warranty_end"})
# A formula in these columns is refused even with a computed value: its number has lost the
# leading zero, or the text is a reference to another cell rather than the code itself.
NO_FORMULA_FIELDS = frozenset({"code", "phone", "fax", "postcode", "serial_no"})
# Free text that may differ between the rows of one customer (a remark about one product):
# the different values are kept, joined, instead of being a conflict.
JOINED_FIELDS = frozenset({"remarks"})
JOIN = "；"
HEADER_SEARCH_ROWS = 20  # the header is looked for among the first non-empty rows
INSERT_CHUNK = 1000  # rows per bulk insert statement group (progress, cancellation)
IN_CHUNK = 2000  # values per IN (...) of the duplicate look-ups


def field_limit(key: str) -> int:
    model = Customer if key in CUSTOMER_KEYS else CustomerProduct
    return column_length(model, key) or EXCEL_CELL_LIMIT


# --------------------------------------------------------------------------- messages

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
NAME_NOT_MAPPED = QT_TRANSLATE_NOOP("CustomerImport", "Choose the column that holds the customer's name.")
NO_NAME_COLUMN = QT_TRANSLATE_NOOP(
    "CustomerImport",
    "No column of the header row (row {row}) is named like the customer's name (客户名称, 单位名称, 名称 …). "
    "The columns found: {headers}.",
)
MODEL_NOT_MAPPED = QT_TRANSLATE_NOOP(
    "CustomerImport", "Product columns are chosen but no product model: choose the column of the product model, or none of "
    "the product columns."
)
COLUMN_TWICE = QT_TRANSLATE_NOOP("CustomerImport", "Column {column} is chosen for both “{first}” and “{second}”.")
NO_SUCH_COLUMN = QT_TRANSLATE_NOOP("CustomerImport", "The sheet has no column {column} for “{what}”.")

CELL_PROBLEM = QT_TRANSLATE_NOOP("CustomerImport", "Row {row}, column {column} ({field}): {reason}")
ROW_PROBLEM = QT_TRANSLATE_NOOP("CustomerImport", "Row {row}: {reason}")
FORMULA = QT_TRANSLATE_NOOP(
    "CustomerImport", "the cell is a formula; copy the column and paste it back as values (Paste Special > Values), then import again."
)
FORMULA_WITHOUT_VALUE = QT_TRANSLATE_NOOP(
    "CustomerImport", "the cell is a formula whose result was never computed; open the file in Excel and save it, or paste the "
    "column as values, then import again."
)
TOO_LONG = QT_TRANSLATE_NOOP(
    "CustomerImport", "the cell holds {length} characters, more than the {max} this field takes. Nothing is cut: shorten it in "
    "the sheet and import again."
)
NAME_MISSING = QT_TRANSLATE_NOOP("CustomerImport", "the customer's name is empty.")
MODEL_MISSING = QT_TRANSLATE_NOOP("CustomerImport", "the row has product details but no product model.")
BAD_CATEGORY = QT_TRANSLATE_NOOP(
    "CustomerImport", "“{value}” is not a customer category: write 供应商, 经销商, 特殊 or 最终用户 (empty: 最终用户)."
)
BAD_DISTRICT = QT_TRANSLATE_NOOP("CustomerImport", "“{value}” is not a district: write 市区 or 郊区 (empty: 市区).")
BAD_DATE_NUMBER = QT_TRANSLATE_NOOP("CustomerImport", "{value} is not a date: write it as 2026-11-28.")
BAD_TEXT_DATE = QT_TRANSLATE_NOOP(
    "CustomerImport", "“{value}” is not a date: write it as 2026-11-28, 2026/11/28 or 2026年11月28日."
)
WARRANTY_BEFORE_PURCHASE = QT_TRANSLATE_NOOP(
    "CustomerImport", "the warranty end ({warranty_end}) is before the purchase date ({purchase_date})."
)
CONFLICT = QT_TRANSLATE_NOOP(
    "CustomerImport", "same customer as row {other} (same name and phone) but another {what}: “{value}” here, “{other_value}” there."
)
CODE_USED = QT_TRANSLATE_NOOP("CustomerImport", "the customer code {code} is already used by the customer {name}.")
CODE_IN_FILE = QT_TRANSLATE_NOOP(
    "CustomerImport", "the customer code {code} is also given to another customer in row {other}."
)

DUP_EXISTING_NAME = QT_TRANSLATE_NOOP(
    "CustomerImport", "same name as the existing customer {name} (ID {id}, phone {phone})"
)
DUP_EXISTING_PHONE = QT_TRANSLATE_NOOP(
    "CustomerImport", "same phone as the existing customer {name} (ID {id}, phone {phone})"
)
DUP_EXISTING_BOTH = QT_TRANSLATE_NOOP("CustomerImport", "same name and phone as the existing customer {name} (ID {id})")
DUP_ROW_NAME = QT_TRANSLATE_NOOP("CustomerImport", "same name as row {other}, another phone ({phone})")
DUP_ROW_PHONE = QT_TRANSLATE_NOOP("CustomerImport", "same phone as row {other} ({name})")
DUPLICATE_LINE = QT_TRANSLATE_NOOP("CustomerImport", "Row {rows}: {name} {phone}: {reasons}")
NO_PHONE = QT_TRANSLATE_NOOP("CustomerImport", "no phone")

HAS_BAD_ROWS = QT_TRANSLATE_NOOP(
    "CustomerImport", "Nothing was imported: {bad} of {rows} rows have problems. Correct them in the sheet and check it again."
)
CLI_CHOOSE_DUPLICATES = QT_TRANSLATE_NOOP(
    "CustomerImport",
    "Nothing was imported: {customers} customers look like duplicates (listed above). Run the command again with "
    "--skip-duplicates to leave them out, or with --import-duplicates to import them anyway.",
)
CHOOSE_DUPLICATES = QT_TRANSLATE_NOOP(
    "CustomerImport", "{customers} customers of the file look like duplicates: choose whether to skip them or to import them anyway."
)
NOTHING_TO_IMPORT = QT_TRANSLATE_NOOP(
    "CustomerImport", "There is nothing to import: every customer of the file was skipped as a likely duplicate."
)
CHANGED_SINCE_CHECK = QT_TRANSLATE_NOOP(
    "CustomerImport", "The customer list changed since the file was checked (for example {name} was added). Nothing was imported: "
    "check the file again."
)

SUMMARY_SOURCE = QT_TRANSLATE_NOOP("CustomerImport", "File {file}, sheet “{sheet}”, header in row {row}.")
SUMMARY_COUNTS = QT_TRANSLATE_NOOP(
    "CustomerImport",
    "{rows} data rows: {ok} correct, {bad} with problems; the correct rows hold {customers} customers and {products} products.",
)
SUMMARY_DUPLICATES = QT_TRANSLATE_NOOP("CustomerImport", "Likely duplicates: {customers} customers ({rows} rows).")
HEADING_PROBLEMS = QT_TRANSLATE_NOOP("CustomerImport", "Rows with problems:")
HEADING_DUPLICATES = QT_TRANSLATE_NOOP("CustomerImport", "Likely duplicates:")
RESULT = QT_TRANSLATE_NOOP("CustomerImport", "Imported {customers} customers and {products} products.")
RESULT_SKIPPED = QT_TRANSLATE_NOOP("CustomerImport", "Skipped {customers} likely duplicate customers ({rows} rows).")
DRY_RUN = QT_TRANSLATE_NOOP("CustomerImport", "Dry run: nothing was written.")
REPORT_SHEET = QT_TRANSLATE_NOOP("CustomerImport", "Problems")
REPORT_DUPLICATES_SHEET = QT_TRANSLATE_NOOP("CustomerImport", "Likely duplicates")
REPORT_ROW = QT_TRANSLATE_NOOP("CustomerImport", "Row")
REPORT_COLUMN = QT_TRANSLATE_NOOP("CustomerImport", "Column")
REPORT_FIELD = QT_TRANSLATE_NOOP("CustomerImport", "Field")
REPORT_REASON = QT_TRANSLATE_NOOP("CustomerImport", "Reason")
REPORT_NAME = QT_TRANSLATE_NOOP("CustomerImport", "Name")
REPORT_PHONE = QT_TRANSLATE_NOOP("CustomerImport", "Phone")
REPORT_RESEMBLES = QT_TRANSLATE_NOOP("CustomerImport", "Resembles")


# --------------------------------------------------------------------------- reading


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
        raise UserError(FILE_UNREADABLE, field="file", file=path.name, reason=exc.strerror or str(exc)) from None


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


def _norm(text: object) -> str:
    """How names and words are compared: NFKC (full-width to plain), no spaces or stars,
    lower case."""
    t = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return re.sub(r"[\s*:]", "", t)


_BRACKET = re.compile(r"[(\[【〔].*?[)\]】〕]")


def _header_candidates(header: str) -> list[str]:
    """``"联系电话/手机（必填）"`` → the whole, without the bracket, and each part."""
    whole = _norm(header)
    if not whole:
        return []
    found = [whole]
    bare = _BRACKET.sub("", whole)
    if bare and bare != whole:
        found.append(bare)
    for part in re.split(r"[/、,，|;；]", bare):
        if part and part not in found:
            found.append(part)
    return found


_SYNONYM_RANK: dict[str, list[tuple[int, str]]] = {}
for _f in FIELDS:
    for _rank, _name in enumerate(_f.headers):
        _SYNONYM_RANK.setdefault(_norm(_name), []).append((_rank, _f.key))


def propose_mapping(headers: Sequence[str]) -> dict[str, int]:
    """Field → column index, by the Chinese names (``HEADER_NAMES``): an exact name first,
    then the name without a bracketed note or one part of ``电话/手机``; each column and
    each field at most once, the best-ranked name and then the leftmost column winning."""
    offers: list[tuple[int, int, str]] = []  # (rank, column, field)
    for col, header in enumerate(headers):
        for level, candidate in enumerate(_header_candidates(header or "")):
            for rank, key in _SYNONYM_RANK.get(candidate, ()):
                offers.append((rank + (100 if level else 0), col, key))
    offers.sort()
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for _rank, col, key in offers:
        if key not in mapping and col not in used:
            mapping[key] = col
            used.add(col)
    return {f.key: mapping[f.key] for f in FIELDS if f.key in mapping}


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _known_headers(row: tuple[Any, ...]) -> int:
    return sum(1 for v in row if isinstance(v, str) and any(c in _SYNONYM_RANK for c in _header_candidates(v)))


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
    header_index = next((i for i, (_n, values) in enumerate(head) if _known_headers(values) >= 2), 0)
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


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class CellProblem:
    """Why a row cannot be imported: its Excel row, the column (index) and field when the
    reason is one cell, and the reason."""

    row: int
    column: int | None
    field: str | None
    error: UserError

    def reason(self, translate: Translate | None = None) -> str:
        return self.error.render(translate)

    def render(self, translate: Translate | None = None) -> str:
        if self.column is None or self.field is None:
            return ROW_PROBLEM.tr(translate, row=self.row, reason=self.reason(translate))
        return CELL_PROBLEM.tr(
            translate,
            row=self.row,
            column=column_letter(self.column),
            field=FIELD_BY_KEY[self.field].label,
            reason=self.reason(translate),
        )


@dataclass(frozen=True)
class Resemblance:
    """Why a customer of the file looks like a duplicate: an existing customer (``existing_id``)
    or an earlier customer of the file (``other_row``) with the same name or phone."""

    kind: str  # "name", "phone" or (an existing customer only) "both"
    existing_id: int | None = None
    existing_name: str | None = None
    existing_phone: str | None = None
    other_row: int | None = None
    other_name: str | None = None
    other_phone: str | None = None

    def render(self, translate: Translate | None = None) -> str:
        no_phone = NO_PHONE.tr(translate)
        if self.existing_id is not None:
            msg = {"name": DUP_EXISTING_NAME, "phone": DUP_EXISTING_PHONE, "both": DUP_EXISTING_BOTH}[self.kind]
            return msg.tr(translate, name=self.existing_name, id=self.existing_id, phone=self.existing_phone or no_phone)
        if self.kind == "name":
            return DUP_ROW_NAME.tr(translate, other=self.other_row, phone=self.other_phone or no_phone)
        return DUP_ROW_PHONE.tr(translate, other=self.other_row, name=self.other_name)


@dataclass
class CustomerDraft:
    """One customer of the file (several rows when it has several products)."""

    rows: list[int]
    values: dict[str, Any]
    products: list[dict[str, Any]] = field(default_factory=list)  # each with "row"
    resembles: list[Resemblance] = field(default_factory=list)
    given_in: dict[str, int] = field(default_factory=dict, repr=False)  # field → row that gave its value

    @property
    def name(self) -> str:
        return self.values["name"]

    @property
    def phone(self) -> str | None:
        return self.values.get("phone")

    def describe_duplicate(self, translate: Translate | None = None) -> str:
        return DUPLICATE_LINE.tr(
            translate,
            rows="、".join(str(r) for r in self.rows),
            name=self.name,
            phone=self.phone or NO_PHONE.tr(translate),
            reasons="；".join(r.render(translate) for r in self.resembles),
        )


@dataclass
class ImportPlan:
    """The checked sheet: what would be written, what is wrong, what looks duplicated."""

    sheet: SheetData
    mapping: dict[str, int]
    customers: list[CustomerDraft]
    problems: list[CellProblem]
    capital_scale: int = 1

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def row_count(self) -> int:
        return len(self.sheet.rows)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})

    @property
    def duplicates(self) -> list[CustomerDraft]:
        return [c for c in self.customers if c.resembles]

    @property
    def duplicate_rows(self) -> list[int]:
        return sorted(r for c in self.duplicates for r in c.rows)

    @property
    def product_count(self) -> int:
        return sum(len(c.products) for c in self.customers)

    def problems_by_cell(self) -> dict[tuple[int, int | None], list[CellProblem]]:
        found: dict[tuple[int, int | None], list[CellProblem]] = {}
        for p in self.problems:
            found.setdefault((p.row, p.column), []).append(p)
        return found

    def summary_lines(self, translate: Translate | None = None) -> list[str]:
        bad = len(self.bad_rows)
        lines = [
            SUMMARY_SOURCE.tr(translate, file=self.sheet.path.name, sheet=self.sheet.sheet_name, row=self.sheet.header_row),
            SUMMARY_COUNTS.tr(
                translate,
                rows=self.row_count,
                ok=self.row_count - bad,
                bad=bad,
                customers=len(self.customers),
                products=self.product_count,
            ),
        ]
        if self.duplicates:
            lines.append(
                SUMMARY_DUPLICATES.tr(translate, customers=len(self.duplicates), rows=len(self.duplicate_rows))
            )
        return lines

    def problem_lines(self, translate: Translate | None = None) -> list[str]:
        return [p.render(translate) for p in self.problems]

    def duplicate_lines(self, translate: Translate | None = None) -> list[str]:
        return [c.describe_duplicate(translate) for c in self.duplicates]

    def report_text(self, translate: Translate | None = None) -> str:
        """The whole check as text: counts, every bad row with its reason, the duplicates."""
        lines = self.summary_lines(translate)
        if self.problems:
            lines += ["", HEADING_PROBLEMS.tr(translate), *self.problem_lines(translate)]
        if self.duplicates:
            lines += ["", HEADING_DUPLICATES.tr(translate), *self.duplicate_lines(translate)]
        return "\n".join(lines)


def mapping_problems(sheet: SheetData, mapping: dict[str, int | None]) -> list[UserError]:
    """What is wrong with a mapping (the wizard shows it live; ``check`` raises the first)."""
    problems: list[UserError] = []
    chosen = {k: v for k, v in mapping.items() if v is not None}
    unknown = set(chosen) - set(FIELD_BY_KEY)
    if unknown:
        raise TypeError(f"unknown import fields: {', '.join(sorted(unknown))}")
    if "name" not in chosen:
        problems.append(UserError(NAME_NOT_MAPPED, field="name"))
    if "model" not in chosen and any(k in chosen for k in PRODUCT_KEYS):
        problems.append(UserError(MODEL_NOT_MAPPED, field="model"))
    seen: dict[int, str] = {}
    for f in FIELDS:
        col = chosen.get(f.key)
        if col is None:
            continue
        if not 0 <= col < sheet.width:
            problems.append(UserError(NO_SUCH_COLUMN, field=f.key, column=col + 1, what=f.label))
        elif col in seen:
            problems.append(UserError(COLUMN_TWICE, field=f.key, column=column_letter(col),
                                      first=FIELD_BY_KEY[seen[col]].label, second=f.label))
        else:
            seen[col] = f.key
    return problems


def capital_scale_of(header: str) -> int:
    """注册资金（万元）: the column is in units of 10,000 yuan."""
    bracket = "".join(_BRACKET.findall(_norm(header)))
    if "亿" in bracket:
        return 100_000_000
    if "万" in bracket:
        return 10_000
    return 1


# -- cleaning one cell ---------------------------------------------------------------------------


def _plain_number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _text(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return _plain_number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ", "minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip() or None


def _phone(value: object, key: str) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = _plain_number_text(value)
        try:
            return normalize_phone(digits, key)
        except UserError:
            # a number cell has lost the landline's leading zero (025… became 25…)
            try:
                return normalize_phone("0" + digits, key)
            except UserError:
                pass
            raise
    return normalize_phone(_text(value), key)


def _postcode(value: object) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = _plain_number_text(value)
        if text.isdigit() and len(text) < 6:
            text = text.zfill(6)  # a number cell has lost the leading zero (010010 became 10010)
        return check_postcode(text, "postcode")
    return check_postcode(_text(value), "postcode")


def _word(value: object, words: dict[str, tuple[str, ...]], message: Msg, key: str) -> str | None:
    text = _text(value)
    if text is None:
        return None
    norm = _norm(text)
    for candidate in (norm, _BRACKET.sub("", norm)):
        for code, names in words.items():
            if candidate in names or candidate == code:
                return code
    raise UserError(message, field=key, value=text)


_TEXT_TIME = re.compile(r"^(.*?\d)\s*[T ]\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EXCEL_SERIAL_MAX = 2958465  # 9999-12-31


def _date(value: object, key: str) -> date | None:
    """A date cell, an Excel date number, ``20260301``, or text: 2026-3-1, 2026/3/1, 2026.3.1,
    2026年3月1日 (号), with or without a time after it."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = _plain_number_text(value)
        m = _COMPACT_DATE.match(text)
        try:
            if m:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if 1 <= value <= _EXCEL_SERIAL_MAX:
                from openpyxl.utils.datetime import from_excel

                day = from_excel(value)
                return day.date() if isinstance(day, datetime) else day
        except (ValueError, OverflowError):
            pass
        raise UserError(BAD_DATE_NUMBER, field=key, value=text)
    text = unicodedata.normalize("NFKC", str(value)).strip().replace("号", "日")
    if not text:
        return None
    m = _TEXT_TIME.match(text)
    if m:
        text = m.group(1).strip()
    m = _COMPACT_DATE.match(text)
    if m:
        text = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    try:
        return parse_date(text, key)
    except UserError:
        raise UserError(BAD_TEXT_DATE, field=key, value=str(value).strip()) from None


_CAPITAL_UNITS = (("亿元", 100_000_000), ("亿", 100_000_000), ("万元", 10_000), ("万", 10_000), ("元", 1))


def _capital(value: object, scale: int) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number: object = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if scale != 1:
            number = number * scale  # type: ignore[operator]
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
        if not text:
            return None
        unit = scale
        for suffix, factor in _CAPITAL_UNITS:
            if text.endswith(suffix):
                text, unit = text[: -len(suffix)], factor
                break
        number = text
        if unit != 1:
            try:
                number = Decimal(text.replace(",", "").replace("¥", "").replace("￥", "")) * unit
            except InvalidOperation:
                number = str(value).strip()  # parse_decimal says it is not a number
    return parse_decimal(number, "registered_capital", minimum=0, places=2, maximum=MAX_CAPITAL)


def _cleaner(key: str, capital_scale: int) -> Callable[[object], object]:
    if key in ("phone", "fax"):
        return lambda v: _phone(v, key)
    if key == "postcode":
        return _postcode
    if key == "category":
        return lambda v: _word(v, CATEGORY_WORDS, BAD_CATEGORY, key)
    if key == "district":
        return lambda v: _word(v, DISTRICT_WORDS, BAD_DISTRICT, key)
    if key in ("purchase_date", "warranty_end"):
        return lambda v: _date(v, key)
    if key == "registered_capital":
        return lambda v: _capital(v, capital_scale)
    return _text


# -- the check -----------------------------------------------------------------------------------


def _chunks(values: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _existing_matches(session: Session, names: Iterable[str], phones: Iterable[str]) -> tuple[dict, dict]:
    """Existing customers by name and by phone, for the file's names and phones: a few
    indexed ``IN (…)`` queries, never one per row."""
    by_name: dict[str, list[tuple[int, str, str | None]]] = {}
    by_phone: dict[str, list[tuple[int, str, str | None]]] = {}
    for chunk in _chunks(sorted(set(names)), IN_CHUNK):
        for row in session.execute(
            select(Customer.id, Customer.name, Customer.phone).where(Customer.name.in_(chunk)).order_by(Customer.id)
        ):
            by_name.setdefault(row.name, []).append(tuple(row))
    for chunk in _chunks(sorted(set(phones)), IN_CHUNK):
        for row in session.execute(
            select(Customer.id, Customer.name, Customer.phone).where(Customer.phone.in_(chunk)).order_by(Customer.id)
        ):
            by_phone.setdefault(row.phone, []).append(tuple(row))
    return by_name, by_phone


def _existing_codes(session: Session, codes: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in _chunks(sorted(set(codes)), IN_CHUNK):
        for code, name in session.execute(select(Customer.code, Customer.name).where(Customer.code.in_(chunk))):
            found[code] = name
    return found


def check(
    database: Database,
    sheet: SheetData,
    mapping: dict[str, int | None],
    *,
    progress: Progress | None = None,
) -> ImportPlan:
    """Validate every row and find the likely duplicates; nothing is written. A mapping
    without the name column (or with a column chosen twice) raises its UserError."""
    mapping_errors = mapping_problems(sheet, mapping)
    if mapping_errors:
        raise mapping_errors[0]
    chosen = {f.key: mapping[f.key] for f in FIELDS if mapping.get(f.key) is not None}
    scale = capital_scale_of(sheet.headers[chosen["registered_capital"]]) if "registered_capital" in chosen else 1
    columns = [
        (key, col, _cleaner(key, scale), field_limit(key) if key not in CODED_FIELDS else CODED_TEXT_LIMIT,
         field_limit(key), key in PRODUCT_KEYS)
        for key, col in chosen.items()
    ]
    product_columns = {k: c for k, c in chosen.items() if k in PRODUCT_KEYS}
    formulas = sheet.formula_cells
    problems: list[CellProblem] = []
    good: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
    total = len(sheet.rows)

    for done, (number, values) in enumerate(sheet.rows, start=1):
        if done % 1000 == 0:
            report(progress, done, total, IMPORT_CANCELLED)
        width = len(values)
        customer: dict[str, Any] = {}
        product: dict[str, Any] = {}
        row_problems: list[CellProblem] = []
        for key, col, clean, text_limit, shown_limit, is_product in columns:
            raw = values[col] if col < width else None
            if formulas and (number, col) in formulas:
                if key in NO_FORMULA_FIELDS:
                    row_problems.append(CellProblem(number, col, key, UserError(FORMULA, field=key)))
                    continue
                if raw is None:
                    row_problems.append(CellProblem(number, col, key, UserError(FORMULA_WITHOUT_VALUE, field=key)))
                    continue
            if raw is None:
                continue
            if isinstance(raw, str) and len(raw) > text_limit and len(raw.strip()) > text_limit:
                row_problems.append(CellProblem(number, col, key, UserError(
                    TOO_LONG, field=key, length=len(raw.strip()), max=shown_limit)))
                continue
            try:
                value = clean(raw)
            except UserError as exc:
                row_problems.append(CellProblem(number, col, key, exc))
                continue
            if value is None:
                continue
            if isinstance(value, str) and len(value) > shown_limit:
                row_problems.append(CellProblem(number, col, key, UserError(
                    TOO_LONG, field=key, length=len(value), max=shown_limit)))
                continue
            (product if is_product else customer)[key] = value
        if "name" not in customer and not any(p.field == "name" for p in row_problems):
            row_problems.append(CellProblem(number, chosen["name"], "name", UserError(NAME_MISSING, field="name")))
        if product or any(p.field in PRODUCT_KEYS for p in row_problems):
            if "model" not in product and not any(p.field == "model" for p in row_problems):
                row_problems.append(CellProblem(number, product_columns["model"], "model",
                                                UserError(MODEL_MISSING, field="model")))
            purchase, warranty = product.get("purchase_date"), product.get("warranty_end")
            if purchase is not None and warranty is not None and warranty < purchase:
                row_problems.append(CellProblem(number, product_columns["warranty_end"], "warranty_end", UserError(
                    WARRANTY_BEFORE_PURCHASE, field="warranty_end",
                    warranty_end=warranty.isoformat(), purchase_date=purchase.isoformat())))
        if row_problems:
            problems.extend(row_problems)
        else:
            good.append((number, customer, product))

    drafts = _group(good, chosen, problems)
    with database.read_session() as session:
        _check_codes(session, drafts, chosen, problems)
        _find_duplicates(session, drafts)
    problems.sort(key=lambda p: (p.row, -1 if p.column is None else p.column))
    bad = {p.row for p in problems}
    drafts = [d for d in drafts if not bad.intersection(d.rows)]
    for d in drafts:
        d.values.setdefault("category", CustomerCategory.END_USER.value)
        d.values.setdefault("district", District.URBAN.value)
    return ImportPlan(sheet=sheet, mapping=dict(chosen), customers=drafts, problems=problems, capital_scale=scale)


def _shown(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _group(good: list[tuple[int, dict[str, Any], dict[str, Any]]], chosen: dict[str, int],
           problems: list[CellProblem]) -> list[CustomerDraft]:
    """Rows with the same name and phone are one customer; its other fields must agree (a
    row may leave them empty)."""
    drafts: dict[tuple[str, str | None], CustomerDraft] = {}
    for number, customer, product in good:
        key = (customer["name"], customer.get("phone"))
        draft = drafts.get(key)
        if draft is None:
            draft = drafts[key] = CustomerDraft(rows=[number], values=dict(customer))
            draft.given_in = dict.fromkeys(customer, number)
        else:
            conflicts = []
            for k, v in customer.items():
                have = draft.values.get(k)
                if have is None:
                    draft.values[k] = v
                    draft.given_in[k] = number
                elif k in JOINED_FIELDS:
                    if v not in have.split(JOIN):
                        draft.values[k] = f"{have}{JOIN}{v}"
                elif have != v:
                    conflicts.append(CellProblem(number, chosen[k], k, UserError(
                        CONFLICT, field=k, other=draft.given_in[k], value=_shown(v), other_value=_shown(have),
                        what=FIELD_BY_KEY[k].label)))
            if conflicts:
                problems.extend(conflicts)
                continue
            draft.rows.append(number)
        if product:
            draft.products.append({"row": number, **product})
    return list(drafts.values())


def _check_codes(session: Session, drafts: list[CustomerDraft], chosen: dict[str, int],
                 problems: list[CellProblem]) -> None:
    if "code" not in chosen:
        return
    seen: dict[str, int] = {}
    for d in drafts:
        code = d.values.get("code")
        if code is None:
            continue
        if code in seen:
            problems.append(CellProblem(d.rows[0], chosen["code"], "code",
                                        UserError(CODE_IN_FILE, field="code", code=code, other=seen[code])))
        else:
            seen[code] = d.rows[0]
    used = _existing_codes(session, seen)
    for d in drafts:
        code = d.values.get("code")
        if code in used and seen.get(code) == d.rows[0]:
            problems.append(CellProblem(d.rows[0], chosen["code"], "code",
                                        UserError(CODE_USED, field="code", code=code, name=used[code])))


def _find_duplicates(session: Session, drafts: list[CustomerDraft]) -> None:
    """Same name or same phone as an existing customer, or as an earlier customer of the file."""
    by_name, by_phone = _existing_matches(
        session, (d.name for d in drafts), (d.phone for d in drafts if d.phone)
    )
    seen_name: dict[str, CustomerDraft] = {}
    seen_phone: dict[str, CustomerDraft] = {}
    for d in drafts:
        found: list[Resemblance] = []
        matched: set[int] = set()
        for cid, name, phone in by_name.get(d.name, ()):
            matched.add(cid)
            kind = "both" if d.phone and phone == d.phone else "name"
            found.append(Resemblance(kind, existing_id=cid, existing_name=name, existing_phone=phone))
        if d.phone:
            for cid, name, phone in by_phone.get(d.phone, ()):
                if cid not in matched:
                    found.append(Resemblance("phone", existing_id=cid, existing_name=name, existing_phone=phone))
        earlier = seen_name.get(d.name)
        if earlier is not None:
            found.append(Resemblance("name", other_row=earlier.rows[0], other_name=earlier.name,
                                     other_phone=earlier.phone))
        if d.phone:
            earlier_phone = seen_phone.get(d.phone)
            if earlier_phone is not None and earlier_phone is not earlier:
                found.append(Resemblance("phone", other_row=earlier_phone.rows[0], other_name=earlier_phone.name,
                                         other_phone=earlier_phone.phone))
            seen_phone.setdefault(d.phone, d)
        seen_name.setdefault(d.name, d)
        d.resembles = found


# --------------------------------------------------------------------------- writing


@dataclass
class ImportResult:
    customers: int
    products: int
    customer_ids: list[int]
    skipped_customers: int = 0
    skipped_rows: list[int] = field(default_factory=list)

    def describe(self, translate: Translate | None = None) -> str:
        text = RESULT.tr(translate, customers=self.customers, products=self.products)
        if self.skipped_customers:
            text += "\n" + RESULT_SKIPPED.tr(translate, customers=self.skipped_customers, rows=len(self.skipped_rows))
        return text


def apply(
    database: Database,
    plan: ImportPlan,
    *,
    skip_duplicates: bool | None = None,
    by_id: int | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Write the plan's customers and products in one transaction: all of them or none.

    Refused (UserError, nothing written) while the plan has a bad row, and while it has
    likely duplicates and ``skip_duplicates`` is None (the clerk has not chosen: True skips
    them, False imports them anyway). Inside the transaction the duplicates and codes are
    looked up again: if the customer list changed since the check, nothing is written.
    ``by_id``, the member of staff importing, must exist; it is written to the log.
    ``progress(done, total)`` returning False cancels (``Cancelled``, rolled back).
    """
    if plan.problems:
        raise UserError(HAS_BAD_ROWS, bad=len(plan.bad_rows), rows=plan.row_count)
    if plan.duplicates and skip_duplicates is None:
        raise UserError(CHOOSE_DUPLICATES, field="skip_duplicates", customers=len(plan.duplicates))
    drafts = [d for d in plan.customers if not (skip_duplicates and d.resembles)]
    skipped = [d for d in plan.customers if skip_duplicates and d.resembles]
    if not drafts:
        raise UserError(NOTHING_TO_IMPORT)
    now = clock.now()
    customer_table = Customer.__table__
    product_table = CustomerProduct.__table__
    total = len(drafts) + sum(len(d.products) for d in drafts)
    done = 0
    with database.Session.begin() as session:
        if by_id is not None:
            check_staff(session, by_id, "by_id")
        _recheck(session, plan, drafts)
        codes = _new_codes(session, drafts)
        ids: list[int] = []
        statement = insert(customer_table).returning(customer_table.c.id, sort_by_parameter_order=True)
        for chunk in _chunks(drafts, INSERT_CHUNK):
            rows = [
                {**{k: None for k in CUSTOMER_KEYS}, **d.values, **codes.get(id(d), {}), "created_at": now,
                 "updated_at": now}
                for d in chunk
            ]
            ids.extend(session.execute(statement, rows).scalars())
            done += len(chunk)
            report(progress, done, total, IMPORT_CANCELLED)
        products = [
            {"customer_id": cid, "model": p["model"], "serial_no": p.get("serial_no"),
             "purchase_date": p.get("purchase_date"), "warranty_end": p.get("warranty_end"),
             "created_at": now, "updated_at": now}
            for d, cid in zip(drafts, ids, strict=True)
            for p in d.products
        ]
        for chunk in _chunks(products, INSERT_CHUNK):
            session.execute(insert(product_table), list(chunk))
            done += len(chunk)
            report(progress, done, total, IMPORT_CANCELLED)
    log.info("imported %d customers and %d products from %s (sheet %s)%s; skipped %d likely duplicates",
             len(ids), len(products), plan.sheet.path, plan.sheet.sheet_name,
             f" by staff {by_id}" if by_id is not None else "", len(skipped))
    return ImportResult(
        customers=len(ids),
        products=len(products),
        customer_ids=ids,
        skipped_customers=len(skipped),
        skipped_rows=sorted(r for d in skipped for r in d.rows),
    )


def _new_codes(session: Session, drafts: list[CustomerDraft]) -> dict[int, dict[str, str]]:
    """D5: a customer imported without a code gets the next of its category's rule, as one
    made in the window does; codes typed in the file are kept and never issued again."""
    from ..services.customers import next_customer_codes

    typed = {d.values["code"] for d in drafts if d.values.get("code")}
    by_category: dict[str, list[CustomerDraft]] = {}
    for d in drafts:
        if not d.values.get("code"):
            by_category.setdefault(d.values.get("category") or CustomerCategory.END_USER.value, []).append(d)
    result: dict[int, dict[str, str]] = {}
    for category, group in by_category.items():
        for d, code in zip(group, next_customer_codes(session, category, len(group), typed), strict=True):
            result[id(d)] = {"code": code}
    return result


def _recheck(session: Session, plan: ImportPlan, drafts: list[CustomerDraft]) -> None:
    """The customer list as the check saw it: an existing customer that matches now but was
    not shown (added since) stops the import."""
    by_name, by_phone = _existing_matches(session, (d.name for d in drafts), (d.phone for d in drafts if d.phone))
    for d in drafts:
        known = {r.existing_id for r in d.resembles if r.existing_id is not None}
        now_matching = [m for m in by_name.get(d.name, ())]
        if d.phone:
            now_matching += by_phone.get(d.phone, [])
        for cid, name, _phone in now_matching:
            if cid not in known:
                raise UserError(CHANGED_SINCE_CHECK, name=name)
    codes = {d.values["code"]: d for d in drafts if d.values.get("code")}
    used = _existing_codes(session, codes)
    if used:
        raise UserError(CHANGED_SINCE_CHECK, name=next(iter(used.values())))


# --------------------------------------------------------------------------- the whole run


def automatic_mapping(sheet: SheetData) -> dict[str, int]:
    """``propose_mapping`` for a run without the wizard: refused when no column looks like
    the customer's name (nobody is there to choose it)."""
    mapping = propose_mapping(sheet.headers)
    if "name" not in mapping:
        headers = "、".join(sheet.column_title(i) for i in range(sheet.width) if sheet.headers[i]) or "—"
        raise UserError(NO_NAME_COLUMN, field="name", row=sheet.header_row, headers=headers)
    return mapping


def import_file(
    database: Database,
    path: str | Path,
    *,
    sheet_name: str | None = None,
    mapping: dict[str, int | None] | None = None,
    dry_run: bool = False,
    skip_duplicates: bool | None = None,
    by_id: int | None = None,
    progress: Progress | None = None,
) -> tuple[ImportPlan, ImportResult | None]:
    """Read, map (by the headers unless ``mapping`` is given), check and, unless ``dry_run``
    or the plan has bad rows, write. Returns the plan and the result (None when nothing was
    written because of a dry run or bad rows); a bad file or an undecided duplicate raises
    UserError."""
    sheet = read_sheet(path, sheet_name, progress=progress)
    plan = check(database, sheet, automatic_mapping(sheet) if mapping is None else mapping, progress=progress)
    if dry_run or not plan.ok:
        return plan, None
    return plan, apply(database, plan, skip_duplicates=skip_duplicates, by_id=by_id, progress=progress)


def run_command(
    database: Database,
    path: str | Path,
    *,
    dry_run: bool = False,
    skip_duplicates: bool | None = None,
    sheet_name: str | None = None,
    translate: Translate | None = None,
    out: Callable[[str], None] = print,
) -> int:
    """``crm-desktop import customers FILE.xlsx [--dry-run] [--skip-duplicates | --import-duplicates]``:
    prints the check's report and the result through ``out``. Exit status 0 when imported (or
    a dry run of a clean file); 1 when nothing was written because rows have problems or
    likely duplicates were found and ``skip_duplicates`` is None (the report lists them, a
    last line says which option to add). A bad file raises UserError (the command line
    prints it to stderr, status 2)."""
    sheet = read_sheet(path, sheet_name)
    plan = check(database, sheet, automatic_mapping(sheet))
    out(plan.report_text(translate))
    if not plan.ok:
        out(HAS_BAD_ROWS.tr(translate, bad=len(plan.bad_rows), rows=plan.row_count))
        return 1
    if dry_run:
        out(DRY_RUN.tr(translate))
        return 0
    if plan.duplicates and skip_duplicates is None:
        out(CLI_CHOOSE_DUPLICATES.tr(translate, customers=len(plan.duplicates)))
        return 1
    result = apply(database, plan, skip_duplicates=skip_duplicates)
    out(result.describe(translate))
    return 0


def write_problem_report(plan: ImportPlan, path: str | Path, translate: Translate | None = None) -> Path:
    """The bad rows (row, column, field, reason) and the likely duplicates as a workbook the
    clerk can keep beside the sheet while correcting it."""
    from openpyxl import Workbook

    from .xlsx import WidthTracker, header_cells, print_setup, text_cell

    def add_sheet(title: Msg, headers: list[Msg], rows: list[list[Any]]) -> None:
        sheet = wb.create_sheet(title.tr(translate))
        names = [h.tr(translate) for h in headers]
        widths = WidthTracker(names)
        for row in rows:
            widths.see(row)
        widths.apply(sheet)  # write-only sheet: the widths go before the first row
        sheet.append(header_cells(sheet, names))
        for row in rows:
            sheet.append([text_cell(sheet, v) for v in row])
        print_setup(sheet)

    wb = Workbook(write_only=True)
    add_sheet(REPORT_SHEET, [REPORT_ROW, REPORT_COLUMN, REPORT_FIELD, REPORT_REASON], [
        [p.row,
         column_letter(p.column) if p.column is not None else "",
         FIELD_BY_KEY[p.field].label.tr(translate) if p.field in FIELD_BY_KEY and p.column is not None else "",
         p.reason(translate)]
        for p in plan.problems
    ])
    add_sheet(REPORT_DUPLICATES_SHEET, [REPORT_ROW, REPORT_NAME, REPORT_PHONE, REPORT_RESEMBLES], [
        ["、".join(str(r) for r in d.rows), d.name, d.phone or "", "；".join(r.render(translate) for r in d.resembles)]
        for d in plan.duplicates
    ])
    path = Path(path)
    wb.save(path)
    return path
