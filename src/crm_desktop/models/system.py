"""Program-wide tables: number sequences (X3) and settings."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Sequence(Base):
    """The last number issued for a rule in a period (e.g. rule service_call, period 20261128).
    Incremented in the same transaction as the row that takes the number: a rolled-back
    save gives its number back, a committed one keeps it for ever."""

    __tablename__ = "sequences"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str] = mapped_column(String(40))
    period: Mapped[str] = mapped_column(String(20))
    last_value: Mapped[int] = mapped_column(default=0)

    __table_args__ = (UniqueConstraint("rule", "period", name="uq_sequences_rule_period"),)


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)


class TextOverLength(Base):
    """A text stored before its column had a length (migration 0012) and longer than it:
    kept whole, never cut, and flagged here so the record says its text is longer than the
    form prints. The line goes when the text is changed to fit (``services.lengths``)."""

    __tablename__ = "text_over_length"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(40))
    length: Mapped[int] = mapped_column(Integer)  # characters stored
    max_length: Mapped[int] = mapped_column(Integer)  # the column's length

    __table_args__ = (
        UniqueConstraint("table_name", "row_id", "field", name="uq_text_over_length_row_field"),
    )
