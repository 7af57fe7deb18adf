"""The branch's staff as the forms offer them: who may be chosen for a step."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Staff


def active_staff(session: Session, roles: tuple[str, ...] | None = None) -> list[Staff]:
    """Active staff in the pinyin order of their names, optionally only those of ``roles`` (e.g. technicians for a
    dispatch); people who left stay in the records but are no longer offered."""
    stmt = select(Staff).where(Staff.active.is_(True)).order_by(Staff.name_key, Staff.id)
    if roles:
        stmt = stmt.where(Staff.role.in_(roles))
    return list(session.scalars(stmt))


def staff_id_by_name(session: Session, name: str) -> int | None:
    """The id of the member of staff called ``name`` (as typed on a command line), or None."""
    return session.scalar(select(Staff.id).where(Staff.name == name.strip()))
