"""Finding customers and staff by the pinyin of their names: zw or zhangwei for 张伟, njhd for
南京宏达…. The keys are stored with every name (models/name_keys.py); a word of two or more
Latin letters matches a name whose initials or whose pinyin begin with it, on their indexes.
This is one more way for such a word to match, next to what it matches as text: numbers and
model names (138, lp1020) match exactly what they matched before.
"""

from __future__ import annotations

from sqlalchemy import Integer, TextualSelect, column, text

from ..i18n import QT_TRANSLATE_NOOP, Msg
from ..models.name_keys import MIN_PINYIN_LETTERS, is_pinyin_term, prefix_bounds

TOO_BROAD = QT_TRANSLATE_NOOP(
    "NameSearch", "One letter is too broad to find names by pinyin: type two letters or more (zw finds Zhang Wei)."
)


def pinyin_terms(text: str) -> list[str]:
    """The words of a search that are looked up by pinyin too (lower-cased)."""
    return [w.lower() for w in text.split() if is_pinyin_term(w) and len(w) >= MIN_PINYIN_LETTERS]


def notice(text: str) -> Msg | None:
    """What to tell the clerk about a search: a word of one Latin letter finds names only as
    text (as before pinyin search), since by initials it would begin a tenth of all names."""
    if any(is_pinyin_term(w) and len(w) < MIN_PINYIN_LETTERS for w in text.split()):
        return TOO_BROAD
    return None


def ids_by_pinyin_sql(table: str, term: str, n: int = 0) -> tuple[str, dict[str, str]]:
    """(SQL, its parameters): the ids of the ``table`` rows (customer or staff) whose initials
    or full pinyin begin with ``term`` — two index ranges, one UNION. Plain SQL, as the FTS
    matches it goes with are: it is built for every search, and SQLAlchemy's expression
    building cost more than the query (bench_pinyin.py). ``n`` keeps the parameters of
    several words of one search apart."""
    low, high = prefix_bounds(term)
    where = "{0} >= :pinyin_low{1} AND {0} < :pinyin_high{1}"
    sql = (f"SELECT id FROM {table} WHERE {where.format('name_initials', n)}"
           f" UNION SELECT id FROM {table} WHERE {where.format('name_pinyin', n)}")
    return sql, {f"pinyin_low{n}": low, f"pinyin_high{n}": high}


def as_select(sql: str, params: dict[str, str]) -> TextualSelect:
    """SQL giving one column of ids as something ``column.in_()`` takes."""
    return text(sql).bindparams(**params).columns(column("id", Integer))


def customer_ids_by_pinyin(term: str, n: int = 0) -> tuple[str, dict[str, str]]:
    return ids_by_pinyin_sql("customer", term, n)


def staff_ids_by_pinyin(term: str, n: int = 0) -> tuple[str, dict[str, str]]:
    return ids_by_pinyin_sql("staff", term, n)
