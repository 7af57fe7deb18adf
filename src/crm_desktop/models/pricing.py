"""What a paid job costs (S5, S8): the labour rate table and the parts price list."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TimestampMixin


class LabourRate(TimestampMixin, Base):
    """The hourly labour rate for on-site work or workshop repair, from a date on: a new
    rate is a new row, so old jobs keep the rate of their day."""

    __tablename__ = "labour_rate"

    id: Mapped[int] = mapped_column(primary_key=True)
    mode: Mapped[str] = mapped_column(String(10))  # WorkMode
    valid_from: Mapped[date] = mapped_column(Date)
    hourly_rate: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    minimum_fee: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"), server_default="0")

    __table_args__ = (
        UniqueConstraint("mode", "valid_from"),  # one rate per kind of work a day
        CheckConstraint("mode IN ('on_site', 'repair')", name="mode_known"),
        CheckConstraint("hourly_rate >= 0", name="rate_not_negative"),
        CheckConstraint("minimum_fee >= 0", name="minimum_not_negative"),
    )


class PartPrice(TimestampMixin, Base):
    """One spare part of the price list the parts lines of a repair card are priced from."""

    __tablename__ = "part_price"

    id: Mapped[int] = mapped_column(primary_key=True)
    part_no: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    unit_price: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")

    __table_args__ = (CheckConstraint("unit_price >= 0", name="price_not_negative"),)
