"""The customer archive around a ``Customer`` (I2–I5, I9, I10): the customer's contact
people, the staff responsible for the customer, major events, yearly performance and
financial records, and the correspondence log with its attachments (files copied into the
data folder, known by their SHA-256). The history of every archive change is
``RecordChange`` (models/history.py), with the registers' records."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    and_,
    or_,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, StrEnum


class EventKind(StrEnum):
    """I4: major changes of the customer (大事记)."""

    RESTRUCTURE = "restructure"  # 改制
    RENAME = "rename"  # 更名
    RELOCATION = "relocation"  # 迁址
    CAPITAL = "capital"  # 增资/减资
    MANAGEMENT = "management"  # 法人/领导变更
    MERGER = "merger"  # 合并/分立
    OTHER = "other"


class CorrespondenceKind(StrEnum):
    """I5, I9: how the contact happened."""

    LETTER = "letter"  # 信函
    FAX = "fax"  # 传真
    PHONE = "phone"  # 电话
    VISIT = "visit"  # 拜访
    EMAIL = "email"  # 电子邮件
    OTHER = "other"


class Direction(StrEnum):
    INCOMING = "incoming"  # 来
    OUTGOING = "outgoing"  # 往


class CustomerContact(Base):
    """A contact person at the customer (I3). ``left_on`` is set when they leave (I11)."""

    __tablename__ = "customer_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    position: Mapped[str | None] = mapped_column(String(60))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(120))
    remarks: Mapped[str | None] = mapped_column(String(200))
    left_on: Mapped[date | None] = mapped_column(Date)


class CustomerStaff(Base):
    """A member of staff responsible for the customer (I10).

    The dates, the one rule every query and every writer follows: ``since`` is the first
    and ``until`` the last day of the responsibility, both included (the archive shows them
    as 起始 / 截止); ``until`` empty: still responsible. Someone who is no longer
    responsible from day D on — a hand-over effective on D (I6), whose letter says "自D起不再
    负责" — has ``until`` = D − 1 (``last_day_before(D)``), so a list printed on D names the
    successor, whose line starts on D. A line that would end before it starts never took
    effect. Who is responsible on a day is asked through ``responsible_on(day)`` only."""

    __tablename__ = "customer_staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    since: Mapped[date] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    remarks: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (CheckConstraint("until IS NULL OR until >= since", name="until_after_since"),)

    @classmethod
    def responsible_on(cls, day: date):
        """SQL: the line makes its member of staff responsible on ``day``."""
        return and_(cls.since <= day, cls.not_ended_before(day))

    @classmethod
    def not_ended_before(cls, day: date):
        """SQL: the line has not ended before ``day`` (responsible on it, or from a later
        start): what a hand-over effective on ``day`` must end."""
        return or_(cls.until.is_(None), cls.until >= day)

    @staticmethod
    def last_day_before(day: date) -> date:
        """The ``until`` of a line whose member of staff is no longer responsible from ``day`` on."""
        return day - timedelta(days=1)


class CustomerEvent(Base):
    """I4: a major change of the customer (改制, 更名, 迁址 …)."""

    __tablename__ = "customer_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    happened_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(500))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint(
            "kind IN ('restructure', 'rename', 'relocation', 'capital', 'management', 'merger', 'other')",
            name="kind_known",
        ),
    )


class YearlyRecord(Base):
    """I4: the customer's performance and finances of one year."""

    __tablename__ = "customer_yearly_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    sales: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    receivables: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    remarks: Mapped[str | None] = mapped_column(String(500))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        UniqueConstraint("customer_id", "year", name="uq_customer_yearly_record_year"),
        CheckConstraint("year BETWEEN 1900 AND 2200", name="year_plausible"),
    )


class Correspondence(Base):
    """I5, I9: a letter, fax, phone call or visit with the customer."""

    __tablename__ = "correspondence"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    happened_at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(10))
    direction: Mapped[str] = mapped_column(String(10))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    counterpart: Mapped[str | None] = mapped_column(String(60))  # who at the customer
    summary: Mapped[str] = mapped_column(String(1000))
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("kind IN ('letter', 'fax', 'phone', 'visit', 'email', 'other')", name="kind_known"),
        CheckConstraint("direction IN ('incoming', 'outgoing')", name="direction_known"),
    )


class Attachment(Base):
    """A file kept with the archive: copied into the data folder under its SHA-256, so the
    archive does not depend on where the clerk's original was, and a changed copy is noticed."""

    __tablename__ = "customer_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"), index=True)
    correspondence_id: Mapped[int | None] = mapped_column(ForeignKey("correspondence.id", ondelete="CASCADE"), index=True)
    yearly_record_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer_yearly_record.id", ondelete="CASCADE"), index=True
    )
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(100))  # relative to the attachments folder
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    added_at: Mapped[datetime] = mapped_column(DateTime)
