"""The three registers of after-sales service (S2–S8): the call register (叫修登记簿), the
goods in/out register (客户商品进出登记簿) and repair cards (修理卡) with their parts.

Each register row keeps a copy of what was written in the paper register at the time
(customer name, phone, address, product model): the register is a record of what was said
then, it must not change when the customer's archive does, and it lets the register be
counted, sorted and searched on its own table without joins (DESIGN.md).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Index, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .. import clock
from .base import Base, StrEnum, TimestampMixin
from .customer import Customer, CustomerProduct
from .staff import Staff


class ServiceKind(StrEnum):
    """S1."""

    PAID = "A"  # 有费服务
    CONTRACT = "B"  # 合同服务
    FREE = "C"  # 免费服务


class CallChannel(StrEnum):
    PHONE = "phone"
    LETTER = "letter"
    VISIT = "visit"


class CallStatus(StrEnum):
    """Where a call stands in S2–S8; only the steps of ``services.process`` move it."""

    REGISTERED = "registered"
    DISPATCHED = "dispatched"
    ARRIVED = "arrived"
    # done on site (S4)
    COMPLETED_ON_SITE = "completed_on_site"
    SIGNED_ON_SITE = "signed_on_site"
    STRUCK_OFF = "struck_off"  # 注销
    # taken back for repair (S6–S8)
    TAKEN_BACK = "taken_back"
    IN_REPAIR = "in_repair"
    REPAIRED = "repaired"  # waiting for the supervisor's inspection
    INSPECTED = "inspected"
    RETURNED = "returned"
    RETURN_SIGNED = "return_signed"
    RECEIPT_VOIDED = "receipt_voided"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class PaymentMethod(StrEnum):
    """S5: a paid job's fee is collected on site, or invoiced and collected later."""

    COLLECTED = "collected"
    INVOICE = "invoice"


class WorkMode(StrEnum):
    ON_SITE = "on_site"
    REPAIR = "repair"


OPEN_CALL_STATUSES = tuple(
    s.value for s in CallStatus if s not in (CallStatus.STRUCK_OFF, CallStatus.CLOSED, CallStatus.CANCELLED)
)


class ServiceCall(TimestampMixin, Base):
    __tablename__ = "service_call"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_no: Mapped[str] = mapped_column(String(40), unique=True)
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    channel: Mapped[str] = mapped_column(String(10), default=CallChannel.PHONE.value)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("customer_product.id"), index=True)
    # the register's own copy (see module docstring)
    customer_name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(200))
    product_model: Mapped[str | None] = mapped_column(String(80))
    serial_no: Mapped[str | None] = mapped_column(String(60))
    fault: Mapped[str] = mapped_column(String(180))
    district: Mapped[str] = mapped_column(String(10))  # defaults from the customer (S14)
    service_kind: Mapped[str] = mapped_column(String(1))
    kind_override_reason: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default=CallStatus.REGISTERED.value, index=True)
    technician_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTime)
    arrival_due_at: Mapped[datetime | None] = mapped_column(DateTime)
    arrived_at: Mapped[datetime | None] = mapped_column(DateTime)
    work_done: Mapped[str | None] = mapped_column(String(250))
    hours_spent: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    fee: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    signed_by: Mapped[str | None] = mapped_column(String(60))
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    remarks: Mapped[str | None] = mapped_column(String(90))
    # S5, S8: the fee as computed from the rate table and price list, and the one charged
    fee_computed: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    fee_override_reason: Mapped[str | None] = mapped_column(String(200))
    payment_method: Mapped[str | None] = mapped_column(String(10))
    fee_collected: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    fee_handed_at: Mapped[datetime | None] = mapped_column(DateTime)
    fee_handed_to_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    invoice_no: Mapped[str | None] = mapped_column(String(40))  # from the tax-control system
    invoice_at: Mapped[datetime | None] = mapped_column(DateTime)
    invoice_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    cancel_reason: Mapped[str | None] = mapped_column(String(200))

    customer: Mapped[Customer] = relationship()
    product: Mapped[CustomerProduct | None] = relationship()
    technician: Mapped[Staff | None] = relationship(foreign_keys=[technician_id])

    __table_args__ = (
        CheckConstraint("service_kind IN ('A', 'B', 'C')", name="kind_abc"),
        CheckConstraint("district IN ('urban', 'suburban')", name="district_known"),
        CheckConstraint("hours_spent IS NULL OR hours_spent >= 0", name="hours_not_negative"),
        Index("ix_service_call_customer_name", "customer_name"),
        # the paid calls still waiting for their invoice number (S5, S8): a few hundred of a million
        Index("ix_service_call_invoice_to_issue", "status",
              sqlite_where=text("invoice_no IS NULL AND service_kind = 'A' AND fee > 0")),
    )

    def __repr__(self) -> str:
        return f"ServiceCall({self.id}, {self.call_no!r}, {self.status})"


class GoodsEntry(TimestampMixin, Base):
    """One line of the goods in/out register (S6, S7): goods taken back and given back.
    ``receipt_no`` is the number of the goods receipt (客户商品领取收据) the customer keeps."""

    __tablename__ = "goods_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("service_call.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("customer_product.id"))
    customer_name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(40))
    product_model: Mapped[str | None] = mapped_column(String(80))
    serial_no: Mapped[str | None] = mapped_column(String(60))
    accessories: Mapped[str | None] = mapped_column(String(80))  # 附件
    condition: Mapped[str | None] = mapped_column(String(80))  # 外观
    taken_in_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    taken_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    promised_date: Mapped[date | None] = mapped_column(Date)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    returned_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    received_back_by: Mapped[str | None] = mapped_column(String(60))  # who signed for the goods
    receipt_voided_at: Mapped[datetime | None] = mapped_column(DateTime)  # S7 作废
    remarks: Mapped[str | None] = mapped_column(String(200))
    # the goods went back repaired, or unrepaired (a paid repair the customer declined …)
    return_outcome: Mapped[str | None] = mapped_column(String(12))
    # a customer who lost the receipt gets the goods after a recorded identity check
    receipt_lost: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    identity_checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    identity_document: Mapped[str | None] = mapped_column(String(120))

    call: Mapped[ServiceCall | None] = relationship()
    taken_in_by: Mapped[Staff | None] = relationship(foreign_keys=[taken_in_by_id])

    def __repr__(self) -> str:
        return f"GoodsEntry({self.id}, {self.receipt_no!r})"


class RepairCardStatus(StrEnum):
    OPEN = "open"
    IN_REPAIR = "in_repair"
    REPAIRED = "repaired"
    INSPECTED = "inspected"
    RETURNED = "returned"
    CANCELLED = "cancelled"  # its take-back step was taken back


class ReturnOutcome(StrEnum):
    REPAIRED = "repaired"
    UNREPAIRED = "unrepaired"


class ConsentChannel(StrEnum):
    """How the customer agreed to (or declined) a paid repair's quote."""

    PHONE = "phone"
    IN_PERSON = "in_person"
    LETTER = "letter"


class RepairCard(TimestampMixin, Base):
    """S7: hung on the goods; actual repair time and every part replaced."""

    __tablename__ = "repair_card"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_no: Mapped[str] = mapped_column(String(40), unique=True)
    goods_entry_id: Mapped[int | None] = mapped_column(ForeignKey("goods_entry.id"), index=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("service_call.id"), index=True)
    customer_name: Mapped[str] = mapped_column(String(120))
    product_model: Mapped[str | None] = mapped_column(String(80))
    serial_no: Mapped[str | None] = mapped_column(String(60))
    fault: Mapped[str | None] = mapped_column(String(180))
    opened_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    technician_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    promised_date: Mapped[date | None] = mapped_column(Date)
    work_done: Mapped[str | None] = mapped_column(String(150))
    repair_hours: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    labour_fee: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    status: Mapped[str] = mapped_column(String(20), default=RepairCardStatus.OPEN.value, index=True)
    repaired_at: Mapped[datetime | None] = mapped_column(DateTime)
    inspected_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    inspected_at: Mapped[datetime | None] = mapped_column(DateTime)
    inspection_result: Mapped[str | None] = mapped_column(String(200))
    remarks: Mapped[str | None] = mapped_column(String(200))
    inspection_passed: Mapped[bool | None] = mapped_column(Boolean)
    # a paid repair: the quote, and the customer's answer before work starts
    quote_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    quoted_at: Mapped[datetime | None] = mapped_column(DateTime)
    consent_given: Mapped[bool | None] = mapped_column(Boolean)
    consent_by: Mapped[str | None] = mapped_column(String(60))
    consent_at: Mapped[datetime | None] = mapped_column(DateTime)
    consent_channel: Mapped[str | None] = mapped_column(String(10))
    # S9: a repair that will miss its promised date goes to the supervisor
    escalation_note: Mapped[str | None] = mapped_column(String(200))
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime)
    escalated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    goods_entry: Mapped[GoodsEntry | None] = relationship()
    call: Mapped[ServiceCall | None] = relationship()
    technician: Mapped[Staff | None] = relationship(foreign_keys=[technician_id])
    parts: Mapped[list["RepairPart"]] = relationship(
        back_populates="card", cascade="all, delete-orphan", order_by="RepairPart.line_no"
    )

    __table_args__ = (
        CheckConstraint("repair_hours IS NULL OR repair_hours >= 0", name="hours_not_negative"),
        CheckConstraint("labour_fee IS NULL OR labour_fee >= 0", name="fee_not_negative"),
    )

    def __repr__(self) -> str:
        return f"RepairCard({self.id}, {self.card_no!r})"


class RepairPart(Base):
    __tablename__ = "repair_part"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("repair_card.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int] = mapped_column()
    part_no: Mapped[str | None] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(80))
    quantity: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    unit_price: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))

    card: Mapped[RepairCard] = relationship(back_populates="parts")

    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price >= 0", name="price_not_negative"),
    )

    @property
    def amount(self) -> Decimal:
        return (self.quantity or Decimal(0)) * (self.unit_price or Decimal(0))


class CallStep(Base):
    """The history of a call (S2–S8): every step and every taking back of a step, with
    who recorded it, when it happened, the status before and after, and a note.

    Rows are only ever added. ``changes`` keeps, as JSON, the values the step replaced
    (table, id, field → old value) and the rows it created, so that a supervisor can take
    the step back exactly; ``undoes_id`` marks a row that takes back an earlier one."""

    __tablename__ = "call_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("service_call.id"), index=True)
    step: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    happened_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    note: Mapped[str | None] = mapped_column(Text)
    changes: Mapped[str | None] = mapped_column(Text)
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("call_step.id"), unique=True)

    by: Mapped[Staff | None] = relationship(foreign_keys=[by_id])

    def __repr__(self) -> str:
        return f"CallStep({self.id}, call {self.call_id}, {self.step}: {self.from_status} → {self.to_status})"


class WorkLog(Base):
    """S10–S12: one line per piece of work as it is recorded — the technician, the day, the
    job's kind, on site or repair, and the hours. A line whose step was taken back is kept
    and marked (``voided_by_step_id``); reports sum the others."""

    __tablename__ = "work_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("service_call.id"), index=True)
    card_id: Mapped[int | None] = mapped_column(ForeignKey("repair_card.id"))
    technician_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    work_day: Mapped[date] = mapped_column(Date)
    service_kind: Mapped[str] = mapped_column(String(1))
    mode: Mapped[str] = mapped_column(String(10))
    hours: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    step_id: Mapped[int | None] = mapped_column(ForeignKey("call_step.id"))
    voided_by_step_id: Mapped[int | None] = mapped_column(ForeignKey("call_step.id"))

    technician: Mapped[Staff] = relationship(foreign_keys=[technician_id])

    __table_args__ = (
        CheckConstraint("service_kind IN ('A', 'B', 'C')", name="kind_abc"),
        CheckConstraint("mode IN ('on_site', 'repair')", name="mode_known"),
        CheckConstraint("hours >= 0", name="hours_not_negative"),
        Index("ix_work_log_day_technician", "work_day", "technician_id"),
    )

    def __repr__(self) -> str:
        return f"WorkLog({self.id}, call {self.call_id}, {self.work_day}, {self.mode}, {self.hours})"
