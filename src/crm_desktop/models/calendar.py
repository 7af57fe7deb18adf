"""The official holiday arrangement per year (S14 working hours), editable by the clerk."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, StrEnum


class HolidayKind(StrEnum):
    DAY_OFF = "off"  # statutory day off (放假)
    MAKE_UP = "work"  # make-up working day on a weekend (调休上班)


class Holiday(Base):
    __tablename__ = "holiday"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(4))
    name: Mapped[str | None] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(10), default="clerk")  # 'package' or 'clerk'

    __table_args__ = (
        CheckConstraint("kind IN ('off', 'work')", name="kind_known"),
    )
