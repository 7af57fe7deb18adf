"""Who is using the program: the member of staff who logged in (services/auth.py). The steps
that belong to a role ask the services, which check it again (S3: only the supervisor
dispatches)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..models import Role, Staff
from . import staff as staff_service

# S3: who may dispatch. The rule itself is checked by calls.dispatch; the views only use
# this to grey out what the user may not do.
DISPATCH_ROLES = (Role.SUPERVISOR.value,)


@dataclass(frozen=True)
class CurrentUser:
    id: int
    name: str
    role: str

    @property
    def may_dispatch(self) -> bool:
        return self.role in DISPATCH_ROLES


def _user(person: Staff) -> CurrentUser:
    return CurrentUser(person.id, person.name, person.role)


def find_user(session: Session, staff_id: int | None) -> CurrentUser | None:
    """The member of staff ``staff_id`` if they still work here (active), else None."""
    if staff_id is None:
        return None
    person = session.get(Staff, staff_id)
    return _user(person) if person is not None and person.active else None


def choosable_users(session: Session) -> list[CurrentUser]:
    """Everyone who may use the program now: the active staff, by name."""
    return [_user(p) for p in staff_service.active_staff(session)]


def may_dispatch(user: CurrentUser | None) -> bool:
    return user is not None and user.may_dispatch
