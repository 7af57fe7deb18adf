"""Maintenance contracts (保养合同, S1 kind B; S15 renewals come later): which products of a
customer are covered, from when to when, for what fee."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, Integer, Numeric, String, Table
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
    remarks: Mapped[str | None] = mapped_column(String(500))
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


class RenewalOutcome(StrEnum):
    RENEWED = "renewed"
    LOST = "lost"


class ContractRenewal(TimestampMixin, Base):
    """S15: the renewal of one contract — the notice (保养到期通知书) sent (when, how), who
    pursues it, and its outcome: renewed (the new contract) or lost (why). One per contract;
    the outcome is recorded once."""

    __tablename__ = "contract_renewal"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("maintenance_contract.id", ondelete="CASCADE"), unique=True)
    notice_sent_on: Mapped[date | None] = mapped_column(Date)
    notice_sent_how: Mapped[str | None] = mapped_column(String(20))
    pursued_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    outcome: Mapped[str | None] = mapped_column(String(10), index=True)
    outcome_on: Mapped[date | None] = mapped_column(Date, index=True)
    lost_reason: Mapped[str | None] = mapped_column(String(200))
    renewal_id: Mapped[int | None] = mapped_column(ForeignKey("maintenance_contract.id"), unique=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    contract: Mapped[MaintenanceContract] = relationship(foreign_keys=[contract_id])
    renewal: Mapped[MaintenanceContract | None] = relationship(foreign_keys=[renewal_id])

    __table_args__ = (
        CheckConstraint("outcome IS NULL OR outcome IN ('renewed', 'lost')", name="outcome_known"),
        CheckConstraint("outcome != 'renewed' OR renewal_id IS NOT NULL", name="renewed_has_contract"),
        CheckConstraint("outcome != 'lost' OR lost_reason IS NOT NULL", name="lost_has_reason"),
    )
