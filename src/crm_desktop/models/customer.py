"""Customers (I1, I3) and the products they own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from .base import Base, StrEnum, TimestampMixin
from .name_keys import FULL_LENGTH, INITIALS_LENGTH, SORT_LENGTH, name_keys


class CustomerCategory(StrEnum):
    """I1: suppliers and distributors; the special category of advisers and financiers;
    and end users, the people and firms who own the products and call for repair."""

    SUPPLIER = "supplier"
    DISTRIBUTOR = "distributor"
    SPECIAL = "special"
    END_USER = "end_user"


class District(StrEnum):
    """S14: the response deadline depends on it."""

    URBAN = "urban"  # 市区
    SUBURBAN = "suburban"  # 郊区


class CustomerStatus(StrEnum):
    """Where the customer stands: still being developed (D1–D5), dealt with, or dormant."""

    PROSPECT = "prospect"  # 潜在
    ACTIVE = "active"  # 往来中
    INACTIVE = "inactive"  # 停止往来


class Importance(StrEnum):
    """I10: an important or promising customer needs at least two responsible staff."""

    NORMAL = "normal"
    IMPORTANT = "important"  # 重要
    PROMISING = "promising"  # 有潜力


VIP_LEVELS = (0, 1, 2, 3)  # I8: 0 none, 1–3 the reception level (3 the highest)


class Customer(TimestampMixin, Base):
    __tablename__ = "customer"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    category: Mapped[str] = mapped_column(String(20), default=CustomerCategory.END_USER.value, index=True)
    district: Mapped[str] = mapped_column(String(10), default=District.URBAN.value, index=True)
    # I3 archive fields
    legal_representative: Mapped[str | None] = mapped_column(String(60))
    address: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(6))
    phone: Mapped[str | None] = mapped_column(String(40), index=True)
    fax: Mapped[str | None] = mapped_column(String(40))
    business_scope: Mapped[str | None] = mapped_column(String(500))
    registered_capital: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    contact_person: Mapped[str | None] = mapped_column(String(60))
    remarks: Mapped[str | None] = mapped_column(String(500))
    # migration 0006: added with plain ALTER TABLE (the search triggers stay)
    status: Mapped[str] = mapped_column(String(10), default=CustomerStatus.ACTIVE.value, server_default="active", index=True)
    vip_level: Mapped[int] = mapped_column(Integer, default=0, server_default="0", index=True)
    importance: Mapped[str] = mapped_column(String(10), default=Importance.NORMAL.value, server_default="normal")
    # migration 0010: the name's pinyin (name_keys.py), written with the name; the registers
    # and lists sort by name_key and find initials and pinyin by prefix in the other two
    name_key: Mapped[str] = mapped_column(String(SORT_LENGTH), default="", server_default="", index=True)
    name_initials: Mapped[str] = mapped_column(String(INITIALS_LENGTH), default="", server_default="", index=True)
    name_pinyin: Mapped[str] = mapped_column(String(FULL_LENGTH), default="", server_default="", index=True)

    products: Mapped[list["CustomerProduct"]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="CustomerProduct.id"
    )

    __table_args__ = (
        CheckConstraint("registered_capital IS NULL OR registered_capital >= 0", name="capital_not_negative"),
        CheckConstraint("district IN ('urban', 'suburban')", name="district_known"),
        CheckConstraint(
            "category IN ('supplier', 'distributor', 'special', 'end_user')", name="category_known"
        ),
        CheckConstraint("status IN ('prospect', 'active', 'inactive')", name="status_known"),
        CheckConstraint("vip_level BETWEEN 0 AND 3", name="vip_level_known"),
        CheckConstraint("importance IN ('normal', 'important', 'promising')", name="importance_known"),
    )

    @validates("name")
    def _keep_name_keys(self, _key: str, name: str) -> str:
        """Every insert and rename through the ORM (dialogs, in-place edits, hand-over, tests)."""
        for column, value in name_keys(name).columns().items():
            setattr(self, column, value)
        return name

    def __repr__(self) -> str:
        return f"Customer({self.id}, {self.name!r})"


class CustomerProduct(TimestampMixin, Base):
    """A product a customer owns: what a service call is about."""

    __tablename__ = "customer_product"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    model: Mapped[str] = mapped_column(String(80))
    serial_no: Mapped[str | None] = mapped_column(String(60), index=True)
    purchase_date: Mapped[date | None] = mapped_column(Date)
    warranty_end: Mapped[date | None] = mapped_column(Date)

    customer: Mapped[Customer] = relationship(back_populates="products")

    __table_args__ = (
        CheckConstraint(
            "warranty_end IS NULL OR purchase_date IS NULL OR warranty_end >= purchase_date",
            name="warranty_after_purchase",
        ),
    )

    def __repr__(self) -> str:
        return f"CustomerProduct({self.id}, {self.model!r}, {self.serial_no!r})"
