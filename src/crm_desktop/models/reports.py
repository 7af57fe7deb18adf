"""The manager's sign-off of a day's reports (S12): who signed, when, and the figures as
signed. Work recorded for that day afterwards is an amendment, shown as such."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .staff import Staff


class DailyReportSignoff(Base):
    __tablename__ = "daily_report_signoff"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    signed_by_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    signed_at: Mapped[datetime] = mapped_column(DateTime)
    # the day's work log as signed: JSON list of [work_log id, technician, call no, kind, mode, hours]
    snapshot: Mapped[str] = mapped_column(Text)
    remarks: Mapped[str | None] = mapped_column(String(500))

    signed_by: Mapped[Staff] = relationship()
