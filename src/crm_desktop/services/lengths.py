"""Text lengths (issue 17, item 4): every user text has a length sized to the form that
prints it (the table "Text lengths" in forms/README.md), and no save path writes more.

Each service checks its fields as it cleans them (``validation.optional_text`` with
``max_length=column_length(...)``), naming the field. Behind them, one check at every flush
of every session: a text of a ``String(n)`` column that is new or changed and longer than
``n`` (outside the tables only the program writes, ``NOT_CHECKED``) is refused (``UserError`` naming the field, the length and the limit) before anything
is written, so a save path that forgot its own check (a process step's reason, a note)
still cannot store more than the form prints. The transaction then rolls back whole.

Texts stored before the lengths existed (migration 0012) are never cut: the longer ones
are kept whole and listed in ``text_over_length``. The rule for them:
- left as it is, such a text stays, and the record can be edited and saved around it (an
  edit sends only the fields that changed);
- changed, it must fit its length like any other text: a change that still leaves it
  longer is refused, saying by how much (the clerk shortens it, and sees how far); once it
  fits, its line in ``text_over_length`` goes.
So such a text can be shortened, never made longer, and never left half-fitting.
"""

from __future__ import annotations

from sqlalchemy import String, delete, event, inspect, select
from sqlalchemy.orm import Session

from ..models import TextOverLength
from .validation import Problems, max_length_error

# Written by the program, not typed into a form: the audit log keeps a login as it was typed
# (a failed log-in of any length must still be recorded, never refused), a step or a change
# what the program composed. Their own services decide what goes in.
NOT_CHECKED = frozenset({"audit_log", "call_step", "customer_change", "setting", "sequences", "work_log", "text_over_length"})


def _limit(column) -> int | None:
    if column.table.name in NOT_CHECKED:
        return None
    return column.type.length if isinstance(column.type, String) else None


def _row_id(state) -> int | None:
    key = state.identity
    return key[0] if key and len(key) == 1 and isinstance(key[0], int) else None


@event.listens_for(Session, "before_flush")
def _refuse_texts_too_long(session: Session, _context, _instances) -> None:
    problems = Problems()
    fitted: list[tuple[str, int, str]] = []  # (table, row, field) changed to a text that fits
    for obj in [*session.new, *session.dirty]:
        state = inspect(obj)
        table = getattr(state.mapper, "local_table", None)
        is_new = state.key is None
        for attr in state.mapper.column_attrs:
            limit = _limit(attr.columns[0])
            if not limit:
                continue
            if not is_new and not state.attrs[attr.key].history.has_changes():
                continue
            value = getattr(obj, attr.key)
            if isinstance(value, str) and len(value) > limit:
                problems.add(max_length_error(attr.key, limit, len(value)))
            elif not is_new and table is not None and _row_id(state) is not None:
                fitted.append((table.name, _row_id(state), attr.key))
    problems.raise_if_any()
    gone = [(inspect(obj).mapper.local_table.name, _row_id(inspect(obj))) for obj in session.deleted]
    if not (fitted or gone) or not _has_flags(session):
        return
    conn = session.connection()
    flags = TextOverLength.__table__
    for table_name, row_id, field in fitted:
        conn.execute(delete(flags).where(flags.c.table_name == table_name, flags.c.row_id == row_id, flags.c.field == field))
    for table_name, row_id in gone:
        if row_id is not None:
            conn.execute(delete(flags).where(flags.c.table_name == table_name, flags.c.row_id == row_id))


def _has_flags(session: Session) -> bool:
    """Most databases have no over-long old text at all: then a save costs no more deletes."""
    flags = TextOverLength.__table__
    return session.connection().execute(select(flags.c.id).limit(1)).first() is not None


def over_length(session: Session, model: type, row_id: int | None) -> list[TextOverLength]:
    """The texts of one record kept longer than their length (oldest first): what its dialog
    says at each such field."""
    if row_id is None:
        return []
    return list(session.scalars(
        select(TextOverLength)
        .where(TextOverLength.table_name == model.__table__.name, TextOverLength.row_id == row_id)  # type: ignore[attr-defined]
        .order_by(TextOverLength.id)
    ))
