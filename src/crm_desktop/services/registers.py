"""What each register shows and how it is paged, sorted and searched — in SQL, without Qt.

The generic table model in views/ asks a ``RegisterQuery`` for a row count and for windows
of rows; it never loads a whole table. Counting and offsetting run on the register's own
table (every register row carries its own copy of names and models, see models/service.py),
because through a join they cost seconds at a million rows (DESIGN.md). Search:

* terms of three or more characters go through the FTS5 trigram index;
* two-character terms (Chinese names such as 张伟 are common) are below a trigram's reach
  and go through the bigram index (every two-character piece of the names, addresses and
  models, see migration 0001);
* anything else (one character, punctuation) falls back to ``LIKE`` over the search columns;
* a word of two or more Latin letters may also be the initials or the pinyin of a customer's
  name (zw, zhangwei for 张伟; services/name_search.py): it matches what it matches as text
  OR the rows of the customers whose name keys begin with it (the customer register by its
  own keys, the other registers by their customer); every word must match;
* the indexes first say how many rows can match at most. A result of up to
  ``MATERIALIZE_LIMIT`` rows is then read once as the ordered list of its ids, so its count
  and every window come from that list; a broader one is paged in SQL, ordered by the
  register's index and filtered by ``id IN (the index's rows)``, which stops as soon as a
  window is full instead of sorting every match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping, Sequence

from sqlalchemy import ColumnElement, and_, bindparam, func, literal_column, or_, select, table, text
from sqlalchemy.orm import Session

from .. import clock
from ..db import Database
from ..i18n import QT_TRANSLATE_NOOP, Msg
from ..models import Customer, GoodsEntry, RepairCard, ServiceCall
from . import history, labels, name_search

MATERIALIZE_LIMIT = 20_000
FIRST_WINDOW = 200  # rows read with a search's ids, for the view's first look
MIN_TRIGRAM = 3


@dataclass(frozen=True)
class Column:
    """One column of a register. ``kind`` tells the view how to show and edit it:
    text, multiline, datetime, date, decimal, money, choice (with ``choices``), staff."""

    key: str
    header: Msg
    kind: str = "text"
    choices: Mapping[str, Msg] | None = None
    editable: bool = False
    width: int = 100
    sort_by: str | None = None  # another column that gives this one's order (numbers: their id)


# (…, row id, changes, by_id): validates, saves and writes each changed field to the record's
# history (services/history.py) with who (by_id); an undo goes through it as well (services/undo.py)
UpdateFn = Callable[[Session, int, dict[str, Any], "int | None"], object]


@dataclass(frozen=True)
class RegisterSpec:
    name: str
    title: Msg
    model: type
    columns: tuple[Column, ...]
    search_keys: tuple[str, ...]
    fts_table: str | None
    default_sort: str
    default_descending: bool
    update: UpdateFn | None = None  # the service that validates and saves an in-place edit
    search_hint: Msg | None = None
    bigram_table: str | None = None  # two-character pieces of the columns short terms look in
    # named filters the view offers (customer list: category, district, VIP level, staff):
    # each turns the chosen value into a WHERE condition on the register's table
    filters: Mapping[str, Callable[[Any], ColumnElement]] = field(default_factory=dict)
    # (a pinyin word in lower case, its place n) -> (SQL, parameters) giving the register's ids
    # whose customer's name keys begin with it; None: no names to find by pinyin
    pinyin_ids: Callable[[str, int], tuple[str, dict[str, str]]] | None = None

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def index_of(self, key: str) -> int:
        return [c.key for c in self.columns].index(key)


def _update_call(session: Session, row_id: int, changes: dict[str, Any], by_id: int | None = None) -> object:
    from . import calls

    return calls.update_call(session, row_id, changes, by_id)


def _update_goods(session: Session, row_id: int, changes: dict[str, Any], by_id: int | None = None) -> object:
    from . import goods

    return goods.update_goods_entry(session, row_id, changes, by_id)


def _update_card(session: Session, row_id: int, changes: dict[str, Any], by_id: int | None = None) -> object:
    from . import repairs

    return repairs.update_card(session, row_id, changes, by_id)


def _update_customer(session: Session, row_id: int, changes: dict[str, Any], by_id: int | None = None) -> object:
    from . import customers

    return customers.update_customer(session, row_id, changes, by_id=by_id)


def _calls_by_pinyin(term: str, n: int) -> tuple[str, dict[str, str]]:
    customers, params = name_search.customer_ids_by_pinyin(term, n)
    return f"SELECT id FROM service_call WHERE customer_id IN ({customers})", params


def _goods_by_pinyin(term: str, n: int) -> tuple[str, dict[str, str]]:
    customers, params = name_search.customer_ids_by_pinyin(term, n)
    return f"SELECT id FROM goods_entry WHERE customer_id IN ({customers})", params


def _cards_by_pinyin(term: str, n: int) -> tuple[str, dict[str, str]]:
    # a card knows its customer through its goods entry or its call
    goods, params = _goods_by_pinyin(term, n)
    calls, _same = _calls_by_pinyin(term, n)
    return (f"SELECT id FROM repair_card WHERE goods_entry_id IN ({goods})"
            f" UNION SELECT id FROM repair_card WHERE call_id IN ({calls})"), params



SERVICE_CALLS = RegisterSpec(
    name="service_call",
    title=QT_TRANSLATE_NOOP("Register", "Service call register"),
    model=ServiceCall,
    columns=(
        Column("call_no", QT_TRANSLATE_NOOP("Register", "Call no."), width=130, sort_by="id"),
        Column("received_at", QT_TRANSLATE_NOOP("Register", "Received"), "datetime", editable=True, width=130),
        Column("customer_name", QT_TRANSLATE_NOOP("Register", "Customer"), editable=True, width=160),
        Column("phone", QT_TRANSLATE_NOOP("Register", "Phone"), editable=True, width=120),
        Column("address", QT_TRANSLATE_NOOP("Register", "Address"), editable=True, width=220),
        Column("product_model", QT_TRANSLATE_NOOP("Register", "Product model"), editable=True, width=130),
        Column("fault", QT_TRANSLATE_NOOP("Register", "Fault"), "multiline", editable=True, width=200),
        Column("district", QT_TRANSLATE_NOOP("Register", "District"), "choice", labels.DISTRICT, editable=True, width=60),
        Column("service_kind", QT_TRANSLATE_NOOP("Register", "Kind"), "choice", labels.SERVICE_KIND, width=80),
        Column("status", QT_TRANSLATE_NOOP("Register", "Status"), "choice", labels.CALL_STATUS, width=110),
        Column("arrival_due_at", QT_TRANSLATE_NOOP("Register", "Arrival due"), "deadline", width=120),
        Column("technician_id", QT_TRANSLATE_NOOP("Register", "Technician"), "staff", width=80),
        Column("dispatched_at", QT_TRANSLATE_NOOP("Register", "Dispatched"), "datetime", width=130),
        Column("arrived_at", QT_TRANSLATE_NOOP("Register", "Arrived"), "datetime", width=130),
        Column("fee", QT_TRANSLATE_NOOP("Register", "Fee"), "money", width=80),
        Column("invoice_no", QT_TRANSLATE_NOOP("Register", "Invoice no."), width=100),
        Column("closed_at", QT_TRANSLATE_NOOP("Register", "Struck off / closed"), "datetime", width=130),
        Column("channel", QT_TRANSLATE_NOOP("Register", "By"), "choice", labels.CALL_CHANNEL, editable=True, width=50),
        Column("remarks", QT_TRANSLATE_NOOP("Register", "Remarks"), "multiline", editable=True, width=160),
    ),
    search_keys=("call_no", "customer_name", "phone", "address", "product_model", "serial_no"),
    fts_table="service_call_fts",
    bigram_table="service_call_bigram",
    default_sort="received_at",
    default_descending=True,
    update=_update_call,
    pinyin_ids=_calls_by_pinyin,
    search_hint=QT_TRANSLATE_NOOP("Register", "Search call no., customer, phone, address, model, serial no."),
)

GOODS_ENTRIES = RegisterSpec(
    name="goods_entry",
    title=QT_TRANSLATE_NOOP("Register", "Goods in/out register"),
    model=GoodsEntry,
    columns=(
        Column("receipt_no", QT_TRANSLATE_NOOP("Register", "Receipt no."), width=120, sort_by="id"),
        Column("taken_in_at", QT_TRANSLATE_NOOP("Register", "Taken in"), "datetime", width=130),
        Column("customer_name", QT_TRANSLATE_NOOP("Register", "Customer"), width=160),
        Column("phone", QT_TRANSLATE_NOOP("Register", "Phone"), editable=True, width=120),
        Column("product_model", QT_TRANSLATE_NOOP("Register", "Product model"), width=130),
        Column("serial_no", QT_TRANSLATE_NOOP("Register", "Serial no."), width=120),
        Column("accessories", QT_TRANSLATE_NOOP("Register", "Accessories"), editable=True, width=140),
        Column("condition", QT_TRANSLATE_NOOP("Register", "Condition"), editable=True, width=140),
        Column("promised_date", QT_TRANSLATE_NOOP("Register", "Promised"), "date", editable=True, width=90),
        Column("returned_at", QT_TRANSLATE_NOOP("Register", "Returned"), "datetime", width=130),
        Column("received_back_by", QT_TRANSLATE_NOOP("Register", "Signed for by"), width=90),
        Column("receipt_voided_at", QT_TRANSLATE_NOOP("Register", "Receipt voided"), "datetime", width=130),
        Column("return_outcome", QT_TRANSLATE_NOOP("Register", "Outcome"), "choice", labels.RETURN_OUTCOME, width=90),
        Column("remarks", QT_TRANSLATE_NOOP("Register", "Remarks"), "multiline", editable=True, width=160),
    ),
    search_keys=("receipt_no", "customer_name", "phone", "product_model", "serial_no"),
    fts_table="goods_entry_fts",
    bigram_table="goods_entry_bigram",
    default_sort="taken_in_at",
    default_descending=True,
    update=_update_goods,
    pinyin_ids=_goods_by_pinyin,
    search_hint=QT_TRANSLATE_NOOP("Register", "Search receipt no., customer, phone, model, serial no."),
)

REPAIR_CARDS = RegisterSpec(
    name="repair_card",
    title=QT_TRANSLATE_NOOP("Register", "Repair cards"),
    model=RepairCard,
    columns=(
        Column("card_no", QT_TRANSLATE_NOOP("Register", "Card no."), width=120, sort_by="id"),
        Column("opened_at", QT_TRANSLATE_NOOP("Register", "Opened"), "datetime", width=130),
        Column("customer_name", QT_TRANSLATE_NOOP("Register", "Customer"), width=160),
        Column("product_model", QT_TRANSLATE_NOOP("Register", "Product model"), width=130),
        Column("serial_no", QT_TRANSLATE_NOOP("Register", "Serial no."), width=120),
        Column("fault", QT_TRANSLATE_NOOP("Register", "Fault"), "multiline", editable=True, width=180),
        Column("technician_id", QT_TRANSLATE_NOOP("Register", "Technician"), "staff", width=80),
        Column("promised_date", QT_TRANSLATE_NOOP("Register", "Promised"), "date", editable=True, width=90),
        Column("work_done", QT_TRANSLATE_NOOP("Register", "Work done"), "multiline", editable=True, width=180),
        Column("repair_hours", QT_TRANSLATE_NOOP("Register", "Hours"), "decimal", editable=True, width=60),
        Column("labour_fee", QT_TRANSLATE_NOOP("Register", "Labour fee"), "money", editable=True, width=80),
        Column("status", QT_TRANSLATE_NOOP("Register", "Status"), "choice", labels.REPAIR_CARD_STATUS, width=70),
        Column("remarks", QT_TRANSLATE_NOOP("Register", "Remarks"), "multiline", editable=True, width=160),
    ),
    search_keys=("card_no", "customer_name", "product_model", "serial_no"),
    fts_table="repair_card_fts",
    bigram_table="repair_card_bigram",
    default_sort="opened_at",
    default_descending=True,
    update=_update_card,
    pinyin_ids=_cards_by_pinyin,
    search_hint=QT_TRANSLATE_NOOP("Register", "Search card no., customer, model, serial no."),
)

CUSTOMERS = RegisterSpec(
    name="customer",
    title=QT_TRANSLATE_NOOP("Register", "Customer list"),
    model=Customer,
    columns=(
        Column("code", QT_TRANSLATE_NOOP("Register", "Code"), width=90),
        Column("name", QT_TRANSLATE_NOOP("Register", "Name"), editable=True, width=200, sort_by="name_key"),  # pinyin order
        # archive fields (I7: changed only with the permission, in the customer's dialog)
        Column("category", QT_TRANSLATE_NOOP("Register", "Category"), "choice", labels.CUSTOMER_CATEGORY, width=90),
        Column("district", QT_TRANSLATE_NOOP("Register", "District"), "choice", labels.DISTRICT, editable=True, width=60),
        Column("contact_person", QT_TRANSLATE_NOOP("Register", "Contact"), editable=True, width=80),
        Column("phone", QT_TRANSLATE_NOOP("Register", "Phone"), editable=True, width=130),
        Column("address", QT_TRANSLATE_NOOP("Register", "Address"), editable=True, width=240),
        Column("postcode", QT_TRANSLATE_NOOP("Register", "Postcode"), editable=True, width=70),
        Column("legal_representative", QT_TRANSLATE_NOOP("Register", "Legal representative"), width=90),
        Column("fax", QT_TRANSLATE_NOOP("Register", "Fax"), editable=True, width=120),
    ),
    search_keys=("code", "name", "phone", "address", "contact_person"),
    fts_table="customer_fts",
    bigram_table="customer_bigram",
    default_sort="name",
    default_descending=False,
    update=_update_customer,
    pinyin_ids=name_search.customer_ids_by_pinyin,
    search_hint=QT_TRANSLATE_NOOP("Register", "Search code, name or its initials (zw), phone, address, contact"),
)

def _responsible_staff_filter(staff_id: Any) -> ColumnElement:
    """Customers for whom the member of staff is responsible today (I10), by
    ``CustomerStaff.responsible_on``: on the day of a hand-over, the successor's."""

    from ..models import CustomerStaff

    return Customer.__table__.c.id.in_(
        select(CustomerStaff.customer_id).where(
            CustomerStaff.staff_id == int(staff_id), CustomerStaff.responsible_on(clock.today()))
    )


CUSTOMER_FILTERS: dict[str, Callable[[Any], ColumnElement]] = {
    "category": lambda v: Customer.__table__.c.category == str(v),
    "district": lambda v: Customer.__table__.c.district == str(v),
    "vip_level": lambda v: Customer.__table__.c.vip_level == int(v),
    "status": lambda v: Customer.__table__.c.status == str(v),
    "staff_id": _responsible_staff_filter,
}
CUSTOMERS = replace(
    CUSTOMERS,
    columns=CUSTOMERS.columns[:4]
    + (
        Column("status", QT_TRANSLATE_NOOP("Register", "Status"), "choice", labels.CUSTOMER_STATUS,
               editable=True, width=70),
        Column("vip_level", QT_TRANSLATE_NOOP("Register", "VIP"), "choice", labels.VIP_LEVEL, width=50),
    )
    + CUSTOMERS.columns[4:],
    filters=CUSTOMER_FILTERS,
)

REGISTERS: dict[str, RegisterSpec] = {s.name: s for s in (SERVICE_CALLS, GOODS_ENTRIES, REPAIR_CARDS, CUSTOMERS)}


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass
class RegisterQuery:
    """Counts, sorts, searches and pages one register. Holds no session: every call opens
    a short read-only connection, so a long-lived table model never pins a transaction."""

    database: Database
    spec: RegisterSpec
    search: str = ""
    sort_key: str = ""
    descending: bool = False
    _ids: list[int] | None = field(default=None, repr=False)  # materialized search result
    _count: int | None = field(default=None, repr=False)
    _paged: bool = field(default=False, repr=False)  # a search too broad to hold as ids
    _first_rows: list[tuple] | None = field(default=None, repr=False)
    filters: dict[str, Any] = field(default_factory=dict)  # name in spec.filters -> chosen value
    _parts: tuple[str, Any] | None = field(default=None, repr=False)  # (search, its _search_parts)

    def __post_init__(self) -> None:
        if not self.sort_key:
            self.sort_key = self.spec.default_sort
            self.descending = self.spec.default_descending
        self._table = self.spec.model.__table__
        self._fts = self.spec.fts_table if self.database.is_sqlite else None
        self._bigram = self.spec.bigram_table if self.database.is_sqlite else None
        # built once: it runs for every window
        columns = [self._table.c.id, *(self._table.c[c.key] for c in self.spec.columns)]
        self._rows_statement = select(*columns).where(self._table.c.id.in_(bindparam("ids", expanding=True)))

    # -- what the model changes ---------------------------------------------------------
    def set_search(self, text_: str) -> None:
        self.search = " ".join(text_.split())
        self.invalidate()

    def set_filters(self, filters: Mapping[str, Any]) -> None:
        """Keep only the rows that pass every filter given (``None`` or "" = no filter)."""
        self.filters = {k: v for k, v in filters.items() if v is not None and v != ""}
        for key in self.filters:
            self.spec.filters[key]  # KeyError for a filter the register does not have
        self.invalidate()

    def _filter_conditions(self) -> list[ColumnElement]:
        return [self.spec.filters[k](v) for k, v in self.filters.items()]

    def set_sort(self, key: str, descending: bool) -> None:
        self.spec.column(key)
        self.sort_key, self.descending = key, descending
        self._ids = None  # the order changed, the count did not
        self._first_rows = None


    def invalidate(self) -> None:
        self._ids = None
        self._count = None
        self._paged = False
        self._first_rows = None

    # -- SQL -----------------------------------------------------------------------------
    def _sort_column(self) -> ColumnElement:
        # Numbers are issued in id order and their width is only a minimum, so as text
        # JX…-1000 would sort before JX…-999: a number column sorts by id.
        return self._table.c[self.spec.column(self.sort_key).sort_by or self.sort_key]

    def _order_by(self, reverse: bool = False) -> list[ColumnElement]:
        col = self._sort_column()
        pk = self._table.c.id
        return [col.desc(), pk.desc()] if self.descending != reverse else [col.asc(), pk.asc()]

    @property
    def notice(self) -> Msg | None:
        """What the view says about the search: a one-letter word is too broad for pinyin."""
        return name_search.notice(self.search) if self.spec.pinyin_ids else None

    def _like(self, term: str) -> ColumnElement:
        return or_(*(self._table.c[k].like(f"%{_escape_like(term)}%", escape="\\") for k in self.spec.search_keys))

    def _index_of(self, term: str) -> str | None:
        if len(term) >= MIN_TRIGRAM:
            return self._fts
        return self._bigram if len(term) == 2 and term.isalnum() else None

    def _search_parts(self) -> tuple[list[tuple[str, str]], list[ColumnElement], list[tuple[str | None, str, Any]]]:
        """([(index table, MATCH expression)], LIKE conditions, [(index table or None, the
        word, its pinyin ids)]) for the current search: the last are the words that match as
        text OR by the pinyin of a customer's name. Built once per search: the count and
        every window use them."""
        if self._parts is not None and self._parts[0] == self.search:
            return self._parts[1]
        terms = self.search.split()
        pinyin = set(name_search.pinyin_terms(self.search)) if self.spec.pinyin_ids else set()
        either = [(self._index_of(t), t, self.spec.pinyin_ids(t.lower(), n))
                  for n, t in enumerate(terms) if t.lower() in pinyin]
        terms = [t for t in terms if t.lower() not in pinyin]
        trigram = [t for t in terms if len(t) >= MIN_TRIGRAM] if self._fts else []
        bigram = [t for t in terms if len(t) == 2 and t.isalnum()] if self._bigram else []
        short = [t for t in terms if t not in trigram and t not in bigram]
        matches = [
            (index, " AND ".join(_fts_phrase(t) for t in group))
            for index, group in ((self._fts, trigram), (self._bigram, bigram))
            if group
        ]
        likes = [self._like(t) for t in short]
        self._parts = (self.search, (matches, likes, either))
        return matches, likes, either

    @staticmethod
    def _match(index: str, expression: str, n: int) -> ColumnElement:
        return text(f"{index} MATCH :match{n}").bindparams(**{f"match{n}": expression})

    def _ids_select(self, joined: bool = True, ordered_walk: bool = False):
        """The ids of the matching rows. ``joined`` drives the search from the index (few
        matches); otherwise the index's rows are a filter, and with ``ordered_walk`` SQLite
        is kept (by ``+id``) from driving by that list, so that it walks the register's
        sort index and stops once a window is full instead of sorting every match."""
        matches, likes, either = self._search_parts()
        stmt = select(self._table.c.id).select_from(self._table)
        filtered_id = literal_column(f"+{self._table.name}.id") if ordered_walk else self._table.c.id
        for n, (index, expression) in enumerate(matches):
            source = table(index, literal_column("rowid"))
            if joined:
                stmt = stmt.join(source, source.c.rowid == self._table.c.id).where(self._match(index, expression, n))
            else:
                inner = select(source.c.rowid).select_from(source).where(self._match(index, expression, n))
                stmt = stmt.where(filtered_id.in_(inner))
        for n, (index, term, (pinyin_sql, params)) in enumerate(either, start=len(matches)):
            if index is None:
                stmt = stmt.where(or_(self._like(term), filtered_id.in_(name_search.as_select(pinyin_sql, params))))
            else:  # one UNION: what the index finds, what the pinyin finds
                sql = f"SELECT rowid AS id FROM {index} WHERE {index} MATCH :match{n} UNION {pinyin_sql}"
                stmt = stmt.where(filtered_id.in_(name_search.as_select(sql, {**params, f"match{n}": _fts_phrase(term)})))
        if likes:
            stmt = stmt.where(and_(*likes))
        conditions = self._filter_conditions()
        if conditions:
            stmt = stmt.where(*conditions)
        return stmt

    def matching_ids(self):
        """The ids of every row the search and the filters let through, in no order: for a
        report of exactly the rows the register shows (the printed customer list, I2)."""
        return self._ids_select(joined=False)

    def _index_bound(self, conn) -> tuple[int | None, bool]:
        """(the most rows the index terms can match or None without index terms, whether
        that number is exact: one index and no LIKE terms)."""
        matches, likes, either = self._search_parts()

        def index_count(index: str, expression: str) -> int:
            # plain SQL: this runs before every search and SQLAlchemy's statement building
            # would cost more than the count itself (index names come from the spec)
            return conn.exec_driver_sql(f"SELECT count(*) FROM {index} WHERE {index} MATCH ?", (expression,)).scalar()

        counts = [index_count(index, expression) for index, expression in matches]
        for index, term, (pinyin_sql, params) in either:
            if index is not None:  # at most what the text matches and what the pinyin matches
                counts.append(conn.exec_driver_sql(
                    f"SELECT (SELECT count(*) FROM {index} WHERE {index} MATCH :text)"
                    f" + (SELECT count(*) FROM ({pinyin_sql}))", {**params, "text": _fts_phrase(term)}).scalar())
        if not counts:
            return None, False
        return min(counts), len(matches) == 1 and not likes and not either

    def _materialize(self, conn) -> None:
        if self._ids is not None or not self.search or self._paged:
            return
        bound, exact = self._index_bound(conn)
        if bound is not None and bound > MATERIALIZE_LIMIT:
            self._paged = True
            if exact:
                self._count = bound
            return
        stmt = self._ids_select(joined=True).order_by(*self._order_by()).limit(MATERIALIZE_LIMIT + 1)
        ids = list(conn.execute(stmt).scalars())
        if len(ids) <= MATERIALIZE_LIMIT:
            self._ids = ids
            self._count = len(ids)
            # the view asks for the first window next: read it on this connection
            self._first_rows = self._rows_by_id(conn, ids[:FIRST_WINDOW])
        else:
            self._paged = True

    def count(self) -> int:
        if self._count is None:
            with self.database.read_connection() as conn:
                self._materialize(conn)
                if self._count is None:
                    stmt = (
                        select(func.count()).select_from(self._ids_select(joined=False).subquery())
                        if self.search or self.filters
                        else select(func.count()).select_from(self._table)
                    )
                    self._count = conn.execute(stmt).scalar_one()
        return self._count

    def window(self, offset: int, limit: int) -> list[tuple]:
        """Rows ``offset`` … ``offset + limit - 1`` in the current order: (id, value per column)."""
        first = self._first_rows
        if offset == 0 and first is not None and (limit <= len(first) or len(first) == self._count):
            return first[:limit]
        with self.database.read_connection() as conn:
            self._materialize(conn)
            if self._ids is not None:
                return self._rows_by_id(conn, self._ids[offset : offset + limit])
            total = self._count
            if total is not None and offset > total // 2:
                # Past the middle, count from the end: OFFSET walks what it skips, so the
                # last window costs as little as the first.
                end = min(offset + limit, total)
                stmt = self._paging_select(reverse=True).limit(max(end - offset, 0)).offset(total - end)
                ids = list(conn.execute(stmt).scalars())[::-1]
            else:
                ids = list(conn.execute(self._paging_select().limit(limit).offset(offset)).scalars())
            return self._rows_by_id(conn, ids)

    def _paging_select(self, reverse: bool = False):
        return self._ids_select(joined=False, ordered_walk=True).order_by(*self._order_by(reverse))

    def _rows_by_id(self, conn, ids: Sequence[int]) -> list[tuple]:
        if not ids:
            return []
        rows = {r[0]: tuple(r) for r in conn.execute(self._rows_statement, {"ids": list(ids)})}
        return [rows[i] for i in ids if i in rows]

    def row(self, row_id: int) -> tuple | None:
        with self.database.read_connection() as conn:
            rows = self._rows_by_id(conn, [row_id])
        return rows[0] if rows else None

    def position_of(self, row_id: int) -> int | None:
        """Where a row stands in the current order (to select a row just added)."""
        self.count()
        if self._ids is not None:
            try:
                return self._ids.index(row_id)
            except ValueError:
                return None
        col = self._sort_column()
        pk = self._table.c.id
        with self.database.read_connection() as conn:
            key = conn.execute(select(col).where(pk == row_id)).scalar()
            if key is None and conn.execute(select(pk).where(pk == row_id)).scalar() is None:
                return None
            # SQLite sorts NULL first ascending and last descending; the id breaks ties.
            tie = pk > row_id if self.descending else pk < row_id
            if key is None:
                same = and_(col.is_(None), tie)
                before = or_(col.is_not(None), same) if self.descending else same
            else:
                beyond = col > key if self.descending else or_(col < key, col.is_(None))
                before = or_(beyond, and_(col == key, tie))
            stmt = select(func.count()).select_from(self._ids_select(joined=False).where(before).subquery())
            return conn.execute(stmt).scalar_one()


def staff_names(database: Database) -> dict[int, str]:
    from ..models import Staff

    with database.read_connection() as conn:
        return dict(conn.execute(select(Staff.id, Staff.name)).all())


# What a scanner may type: the numbers printed as QR or Code128 on the forms.
_SCANNABLE = ("repair_card", "goods_entry", "service_call")
_NUMBER_SHAPE = re.compile(r"\S{4,40}")  # one word: the numbering rules are configurable


def record_of_number(database: Database, text: str) -> tuple[str, int] | None:
    """(register, row id) of the record whose number is exactly ``text`` — a repair card,
    a goods receipt or a service call — or None. What a barcode scanner types into the search
    box is such a number followed by Enter."""
    from ..models import GoodsEntry, RepairCard, ServiceCall

    number = text.strip()
    if not _NUMBER_SHAPE.fullmatch(number):
        return None
    columns = {"repair_card": RepairCard.card_no, "goods_entry": GoodsEntry.receipt_no, "service_call": ServiceCall.call_no}
    with database.read_connection() as conn:
        for register in _SCANNABLE:
            column = columns[register]
            row_id = conn.execute(select(column.class_.id).where(column == number)).scalar()
            if row_id is not None:
                return register, row_id
    return None


def save_edit(database: Database, spec: RegisterSpec, row_id: int, key: str, value: Any,
              by_id: int | None = None) -> history.Edit | None:
    """Save one in-place edit through the register's service, in one transaction; ``by_id``
    is who edits (the record's field history keeps it). Returns the edit as the window's undo
    list keeps it (None: the value was already so, nothing written)."""
    if spec.update is None or not spec.column(key).editable:
        raise KeyError(key)
    with database.Session.begin() as session:
        history.take_written(session)
        spec.update(session, row_id, {key: value}, by_id)
        return history.edit_of(history.take_written(session))
