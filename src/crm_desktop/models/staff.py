"""Staff of the branch: the people who register, dispatch, repair, inspect and sign."""

from __future__ import annotations

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column, validates

from .base import Base, StrEnum, TimestampMixin
from .name_keys import FULL_LENGTH, INITIALS_LENGTH, SORT_LENGTH, name_keys


class Role(StrEnum):
    CLERK = "clerk"  # 业务员
    TECHNICIAN = "technician"  # 技术员
    SUPERVISOR = "supervisor"  # 服务主任
    ACCOUNTANT = "accountant"  # 会计员
    MANAGER = "manager"  # 经理
    INFORMATION = "information"
    MARKETING = "marketing"
    PLANNING = "planning"
    ADMIN = "admin"


class Staff(TimestampMixin, Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    role: Mapped[str] = mapped_column(String(20), default=Role.CLERK.value, index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # migration 0010: the name's pinyin (name_keys.py); pickers and lists sort by name_key
    name_key: Mapped[str] = mapped_column(String(SORT_LENGTH), default="", server_default="", index=True)
    name_initials: Mapped[str] = mapped_column(String(INITIALS_LENGTH), default="", server_default="", index=True)
    name_pinyin: Mapped[str] = mapped_column(String(FULL_LENGTH), default="", server_default="", index=True)

    @validates("name")
    def _keep_name_keys(self, _key: str, name: str) -> str:
        for column, value in name_keys(name).columns().items():
            setattr(self, column, value)
        return name

    def __repr__(self) -> str:
        return f"Staff({self.id}, {self.name!r}, {self.role})"
