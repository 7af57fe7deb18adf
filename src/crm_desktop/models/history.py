"""The field history of the records a clerk edits in place (issue 17, item 3; I4 for the
customer): service calls, goods register lines, repair cards and customers keep every field
change in one table — which record, which field, old and new value as text, who and when.

A change is never edited or deleted. Undoing one writes a new change that puts the old value
back and names the change it reverses (``undoes_id``); a redo is the undo of that undo.
Process steps (dispatch, take-back, repair …) are not here: they keep their own steps
(``CallStep``) and the supervisor's take-back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, StrEnum


class RecordType(StrEnum):
    """Which kind of record a change is of: the names of the registers."""

    SERVICE_CALL = "service_call"
    GOODS_ENTRY = "goods_entry"
    REPAIR_CARD = "repair_card"
    CUSTOMER = "customer"


class RecordChange(Base):
    """One field of one record changed: old and new value as text (``None``: empty), who and
    when; ``undoes_id`` is the change an undo (or a redo) reverses. Written by the services on
    every edit; never edited. Migration 0011 moved the customers' ``customer_change`` rows
    here (a view of that name still shows them to tools that read it)."""

    __tablename__ = "record_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("record_change.id"))

    __table_args__ = (
        Index("ix_record_change_record", "record_type", "record_id", "field"),
        CheckConstraint(
            "record_type IN ('service_call', 'goods_entry', 'repair_card', 'customer')", name="record_type_known"
        ),
    )
