"""The field history of calls, goods register lines, repair cards and customers (issue 17,
item 3; I4). Undoing an edit by writing a new change is services/undo.py.

Every service that changes a field of one of these records in place — an edit in a
register, a record dialog, the customer archive — writes one ``RecordChange`` per field
that really changes (``record_change``), in the same transaction. A change is never edited
or deleted: an undo writes a new change that names the one it reverses (services/undo.py).
Process steps (dispatch, take-back, repair, inspection, return …) are not recorded here:
they keep their steps and the supervisor's take-back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import clock
from ..models import Customer, GoodsEntry, RecordChange, RecordType, RepairCard, ServiceCall, Staff

MODELS: dict[str, type] = {
    RecordType.SERVICE_CALL.value: ServiceCall,
    RecordType.GOODS_ENTRY.value: GoodsEntry,
    RecordType.REPAIR_CARD.value: RepairCard,
    RecordType.CUSTOMER.value: Customer,
}
_WRITTEN = "record_changes"  # session.info: the changes written in this transaction, in order


def history_text(value: object) -> str | None:
    """How a field's value is kept in the history: text, ``None`` for empty."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def same_value(a: str | None, b: str | None) -> bool:
    """Whether two history texts are one value: "1.5" is "1.50", "" is empty."""
    a, b = (a or "").strip(), (b or "").strip()
    if a == b:
        return True
    try:
        return Decimal(a) == Decimal(b)
    except InvalidOperation:
        return False


def record_change(
    session: Session, record_type: str, record_id: int, name: str, old: object, new: object, by_id: int | None,
    at: datetime | None = None, *, undoes_id: int | None = None,
) -> RecordChange | None:
    """One line of the record's history; nothing when the value did not change."""
    old_text, new_text = history_text(old), history_text(new)
    if old_text == new_text:
        return None
    change = RecordChange(
        record_type=str(record_type), record_id=record_id, field=name, old_value=old_text, new_value=new_text,
        changed_by_id=by_id, changed_at=at or clock.now(), undoes_id=undoes_id,
    )
    session.add(change)
    session.info.setdefault(_WRITTEN, []).append(change)
    return change


def record_changes(session: Session, record_type: str, record: object, clean: dict[str, object],
                   by_id: int | None, at: datetime | None = None) -> list[RecordChange]:
    """The changes of ``clean`` (field → new value) on ``record``, before they are set on it."""
    now = at or clock.now()
    written = [record_change(session, record_type, record.id, name, getattr(record, name), value, by_id, now)  # type: ignore[attr-defined]
               for name, value in clean.items()]
    return [c for c in written if c is not None]


def take_written(session: Session) -> list[RecordChange]:
    """The changes written in ``session`` since the last call (flushed: they have ids)."""
    session.flush()
    return session.info.pop(_WRITTEN, [])


@dataclass(frozen=True)
class Edit:
    """One edit on the undo list: the changes it wrote (one per field) of one record."""

    record_type: str
    record_id: int
    change_ids: tuple[int, ...]
    fields: tuple[str, ...]


def edit_of(changes: list[RecordChange]) -> Edit | None:
    """The undo list's entry for the changes one save wrote (None: it changed nothing)."""
    if not changes:
        return None
    first = changes[0]
    return Edit(first.record_type, first.record_id, tuple(c.id for c in changes),
                tuple(dict.fromkeys(c.field for c in changes)))


def history(session: Session, record_type: str, record_id: int) -> list[RecordChange]:
    """Every recorded change of the record, newest first."""
    return list(session.scalars(
        select(RecordChange)
        .where(RecordChange.record_type == str(record_type), RecordChange.record_id == record_id)
        .order_by(RecordChange.changed_at.desc(), RecordChange.id.desc())
    ))


def staff_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(wanted))).all())
