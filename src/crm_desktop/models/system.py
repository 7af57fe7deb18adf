"""Program-wide tables: number sequences (X3) and settings."""

from __future__ import annotations

from sqlalchemy import String, Text, UniqueConstraint
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
