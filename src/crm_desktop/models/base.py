"""Declarative base shared by every model."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import DateTime, MetaData, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .. import clock

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    # Python-side local time, like every business time the program stores; SQLite's
    # CURRENT_TIMESTAMP (the server default, for rows written by other tools) is UTC.
    created_at: Mapped[datetime] = mapped_column(
        DateTime, default=clock.now, server_default=func.current_timestamp()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=clock.now, onupdate=clock.now, server_default=func.current_timestamp()
    )


class StrEnum(str, enum.Enum):
    """Stored as its value (a short English code); shown through the views' translations."""

    def __str__(self) -> str:
        return self.value
