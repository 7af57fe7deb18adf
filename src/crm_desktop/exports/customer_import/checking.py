"""Step 3 of the customer import: every row of the sheet checked, nothing written.

``check(database, sheet, mapping)`` cleans every row with the program's own validation
functions (phones, postcodes, dates, amounts) and gives an ``ImportPlan``: the customers
and products to write, every bad cell with its row as Excel numbers it and the reason, and
the likely duplicates (same name or same phone as an existing customer or as another
customer of the file). Several rows with the same name and phone are one customer with
several products. ``write_problem_report`` gives the clerk the bad rows and the duplicates
as a workbook to keep beside the sheet while correcting it. No Qt here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import files
from ...db import Database
from ...errors import UserError
from ...i18n import QT_TRANSLATE_NOOP, Msg, Translate
from ...models import Customer, CustomerCategory, CustomerProduct, District
from ...progress import Progress, report
from ...services.customers import MAX_CAPITAL
from ...services.validation import check_postcode, column_length, normalize_phone, parse_date, parse_decimal
from .fields import BRACKET, CUSTOMER_KEYS, FIELD_BY_KEY, FIELDS, IMPORT_CANCELLED, PRODUCT_KEYS, normalized
from .mapping import capital_scale_of, mapping_problems
from .reading import SheetData, column_letter

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
IN_CHUNK = 2000  # values per IN (...) of the duplicate look-ups


def field_limit(key: str) -> int:
    model = Customer if key in CUSTOMER_KEYS else CustomerProduct
    return column_length(model, key) or EXCEL_CELL_LIMIT


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

# an existing customer is told apart by its customer code (the clerk's number), never by the database's
DUP_EXISTING_NAME = QT_TRANSLATE_NOOP(
    "CustomerImport", "same name as the existing customer {name} (customer code {code}, phone {phone})"
)
DUP_EXISTING_PHONE = QT_TRANSLATE_NOOP(
    "CustomerImport", "same phone as the existing customer {name} (customer code {code}, phone {phone})"
)
DUP_EXISTING_BOTH = QT_TRANSLATE_NOOP(
    "CustomerImport", "same name and phone as the existing customer {name} (customer code {code})"
)
NO_CODE = QT_TRANSLATE_NOOP("CustomerImport", "none")
DUP_ROW_NAME = QT_TRANSLATE_NOOP("CustomerImport", "same name as row {other}, another phone ({phone})")
DUP_ROW_PHONE = QT_TRANSLATE_NOOP("CustomerImport", "same phone as row {other} ({name})")
DUPLICATE_LINE = QT_TRANSLATE_NOOP("CustomerImport", "Row {rows}: {name} {phone}: {reasons}")
NO_PHONE = QT_TRANSLATE_NOOP("CustomerImport", "no phone")

SUMMARY_SOURCE = QT_TRANSLATE_NOOP("CustomerImport", "File {file}, sheet “{sheet}”, header in row {row}.")
SUMMARY_COUNTS = QT_TRANSLATE_NOOP(
    "CustomerImport",
    "{rows} data rows: {ok} correct, {bad} with problems; the correct rows hold {customers} customers and {products} products.",
)
SUMMARY_DUPLICATES = QT_TRANSLATE_NOOP("CustomerImport", "Likely duplicates: {customers} customers ({rows} rows).")
HEADING_PROBLEMS = QT_TRANSLATE_NOOP("CustomerImport", "Rows with problems:")
HEADING_DUPLICATES = QT_TRANSLATE_NOOP("CustomerImport", "Likely duplicates:")
REPORT_SHEET = QT_TRANSLATE_NOOP("CustomerImport", "Problems")
REPORT_DUPLICATES_SHEET = QT_TRANSLATE_NOOP("CustomerImport", "Likely duplicates")
REPORT_ROW = QT_TRANSLATE_NOOP("CustomerImport", "Row")
REPORT_COLUMN = QT_TRANSLATE_NOOP("CustomerImport", "Column")
REPORT_FIELD = QT_TRANSLATE_NOOP("CustomerImport", "Field")
REPORT_REASON = QT_TRANSLATE_NOOP("CustomerImport", "Reason")
REPORT_NAME = QT_TRANSLATE_NOOP("CustomerImport", "Name")
REPORT_PHONE = QT_TRANSLATE_NOOP("CustomerImport", "Phone")
REPORT_RESEMBLES = QT_TRANSLATE_NOOP("CustomerImport", "Resembles")


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
    existing_code: str | None = None
    other_row: int | None = None
    other_name: str | None = None
    other_phone: str | None = None

    def render(self, translate: Translate | None = None) -> str:
        no_phone = NO_PHONE.tr(translate)
        if self.existing_id is not None:
            msg = {"name": DUP_EXISTING_NAME, "phone": DUP_EXISTING_PHONE, "both": DUP_EXISTING_BOTH}[self.kind]
            return msg.tr(translate, name=self.existing_name, code=self.existing_code or NO_CODE.tr(translate),
                          phone=self.existing_phone or no_phone)
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
    norm = normalized(text)
    for candidate in (norm, BRACKET.sub("", norm)):
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


def chunks(values: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    """``values`` a slice at a time: bounded ``IN (…)`` lists and insert groups."""
    for i in range(0, len(values), size):
        yield values[i : i + size]


def existing_matches(session: Session, names: Iterable[str], phones: Iterable[str]) -> tuple[dict, dict]:
    """Existing customers by name and by phone, for the file's names and phones: a few
    indexed ``IN (…)`` queries, never one per row."""
    by_name: dict[str, list[tuple[int, str, str | None, str | None]]] = {}
    by_phone: dict[str, list[tuple[int, str, str | None, str | None]]] = {}
    for chunk in chunks(sorted(set(names)), IN_CHUNK):
        for row in session.execute(
            select(Customer.id, Customer.name, Customer.phone, Customer.code).where(Customer.name.in_(chunk)).order_by(Customer.id)
        ):
            by_name.setdefault(row.name, []).append(tuple(row))
    for chunk in chunks(sorted(set(phones)), IN_CHUNK):
        for row in session.execute(
            select(Customer.id, Customer.name, Customer.phone, Customer.code).where(Customer.phone.in_(chunk)).order_by(Customer.id)
        ):
            by_phone.setdefault(row.phone, []).append(tuple(row))
    return by_name, by_phone


def existing_codes(session: Session, codes: Iterable[str]) -> dict[str, str]:
    """The file's codes that existing customers already have: code → that customer's name."""
    found: dict[str, str] = {}
    for chunk in chunks(sorted(set(codes)), IN_CHUNK):
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
    used = existing_codes(session, seen)
    for d in drafts:
        code = d.values.get("code")
        if code in used and seen.get(code) == d.rows[0]:
            problems.append(CellProblem(d.rows[0], chosen["code"], "code",
                                        UserError(CODE_USED, field="code", code=code, name=used[code])))


def _find_duplicates(session: Session, drafts: list[CustomerDraft]) -> None:
    """Same name or same phone as an existing customer, or as an earlier customer of the file."""
    by_name, by_phone = existing_matches(
        session, (d.name for d in drafts), (d.phone for d in drafts if d.phone)
    )
    seen_name: dict[str, CustomerDraft] = {}
    seen_phone: dict[str, CustomerDraft] = {}
    for d in drafts:
        found: list[Resemblance] = []
        matched: set[int] = set()
        for cid, name, phone, code in by_name.get(d.name, ()):
            matched.add(cid)
            kind = "both" if d.phone and phone == d.phone else "name"
            found.append(Resemblance(kind, existing_id=cid, existing_name=name, existing_phone=phone, existing_code=code))
        if d.phone:
            for cid, name, phone, code in by_phone.get(d.phone, ()):
                if cid not in matched:
                    found.append(Resemblance("phone", existing_id=cid, existing_name=name, existing_phone=phone,
                                             existing_code=code))
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


# -- the check's findings as a workbook --------------------------------------------------------


def write_problem_report(plan: ImportPlan, path: str | Path, translate: Translate | None = None) -> Path:
    """The bad rows (row, column, field, reason) and the likely duplicates as a workbook the
    clerk can keep beside the sheet while correcting it. Written whole or not at all: an
    ``OSError`` (a folder gone, the file open in Excel) leaves an earlier report as it was and
    goes to the caller."""
    from openpyxl import Workbook

    from ..xlsx import WidthTracker, header_cells, print_setup, text_cell

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
    with files.replacing(path) as temporary:
        wb.save(temporary)
    return path
