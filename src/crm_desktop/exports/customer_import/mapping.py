"""Step 2 of the customer import: which column of the sheet fills which archive field.

``propose_mapping(headers)`` matches the sheet's columns to the archive's fields by the
Chinese names clerks use (``fields.FIELDS``: 客户名称/单位名称/名称, 电话/联系电话/手机 …); the
clerk may change it in the wizard, which shows ``mapping_problems`` as they choose. The
command line, with nobody to choose, takes ``automatic_mapping``. No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...errors import UserError
from ...i18n import QT_TRANSLATE_NOOP
from .fields import BRACKET, FIELD_BY_KEY, FIELDS, PRODUCT_KEYS, SYNONYM_RANK, header_candidates, normalized
from .reading import SheetData, column_letter

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


def propose_mapping(headers: Sequence[str]) -> dict[str, int]:
    """Field → column index, by the Chinese names of ``FIELDS``: an exact name first,
    then the name without a bracketed note or one part of ``电话/手机``; each column and
    each field at most once, the best-ranked name and then the leftmost column winning."""
    offers: list[tuple[int, int, str]] = []  # (rank, column, field)
    for col, header in enumerate(headers):
        for level, candidate in enumerate(header_candidates(header or "")):
            for rank, key in SYNONYM_RANK.get(candidate, ()):
                offers.append((rank + (100 if level else 0), col, key))
    offers.sort()
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for _rank, col, key in offers:
        if key not in mapping and col not in used:
            mapping[key] = col
            used.add(col)
    return {f.key: mapping[f.key] for f in FIELDS if f.key in mapping}


def automatic_mapping(sheet: SheetData) -> dict[str, int]:
    """``propose_mapping`` for a run without the wizard: refused when no column looks like
    the customer's name (nobody is there to choose it)."""
    mapping = propose_mapping(sheet.headers)
    if "name" not in mapping:
        headers = "、".join(sheet.column_title(i) for i in range(sheet.width) if sheet.headers[i]) or "—"
        raise UserError(NO_NAME_COLUMN, field="name", row=sheet.header_row, headers=headers)
    return mapping


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
    bracket = "".join(BRACKET.findall(normalized(header)))
    if "亿" in bracket:
        return 100_000_000
    if "万" in bracket:
        return 10_000
    return 1
