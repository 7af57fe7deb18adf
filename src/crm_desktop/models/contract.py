"""Maintenance contracts (保养合同, S1 kind B; S15 renewals come later): which products of a
customer are covered, from when to when, for what fee."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, Integer, Numeric, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin
from .customer import Customer, CustomerProduct
from .staff import Staff

contract_product = Table(
    "contract_product",
    Base.metadata,
    Column("contract_id", ForeignKey("maintenance_contract.id", ondelete="CASCADE"), primary_key=True),
    Column("product_id", ForeignKey("customer_product.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class MaintenanceContract(TimestampMixin, Base):
    __tablename__ = "maintenance_contract"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_no: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date, index=True)
    fee: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    remarks: Mapped[str | None] = mapped_column(Text)
    # service visits the fee includes (None: as many as needed); the B calls on its products
    # count against them, and once they are used up a new call is proposed as A (S1)
    visits_included: Mapped[int | None] = mapped_column(Integer)
    # who looks after the contract and its renewal (S15); handed over when they leave (I6)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)

    customer: Mapped[Customer] = relationship()
    staff: Mapped[Staff | None] = relationship()
    products: Mapped[list[CustomerProduct]] = relationship(secondary=contract_product, order_by="CustomerProduct.id")

    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="ends_after_start"),
        CheckConstraint("fee >= 0", name="fee_not_negative"),
        CheckConstraint("visits_included IS NULL OR visits_included >= 0", name="visits_not_negative"),
    )

    def __repr__(self) -> str:
        return f"MaintenanceContract({self.id}, {self.contract_no!r})"
