"""A leaving employee's hand-over (I6, I11): what they were responsible for, who took each
over, and from when. Written once, in the transaction that moves the work and closes the
account; the notification letters are printed from it, then or later."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, StrEnum
from .customer import Customer
from .staff import Staff


class HandoverItemKind(StrEnum):
    CUSTOMER = "customer"  # the leaving employee was responsible for the customer (I10)
    CALL = "call"  # an open service call dispatched to them (and its repair card)
    CONTRACT = "contract"  # a maintenance contract they looked after


class Handover(Base):
    __tablename__ = "staff_handover"

    id: Mapped[int] = mapped_column(primary_key=True)
    handover_no: Mapped[str] = mapped_column(String(30), unique=True)
    leaving_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    effective_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(String(200))
    by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    leaving: Mapped[Staff] = relationship(foreign_keys=[leaving_id])
    by: Mapped[Staff] = relationship(foreign_keys=[by_id])
    items: Mapped[list["HandoverItem"]] = relationship(
        back_populates="handover", order_by="HandoverItem.id", cascade="all, delete-orphan"
    )


class HandoverItem(Base):
    __tablename__ = "staff_handover_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    handover_id: Mapped[int] = mapped_column(ForeignKey("staff_handover.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    item_id: Mapped[int] = mapped_column(Integer)  # customer, service call or contract id, by kind
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)  # whom the letter goes to
    replacement_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))

    handover: Mapped[Handover] = relationship(back_populates="items")
    customer: Mapped[Customer] = relationship()
    replacement: Mapped[Staff] = relationship(foreign_keys=[replacement_id])

    __table_args__ = (CheckConstraint("kind IN ('customer', 'call', 'contract')", name="kind_known"),)
