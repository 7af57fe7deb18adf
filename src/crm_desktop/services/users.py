"""Who is using the program: the member of staff who logged in (services/auth.py). The steps
that belong to a role ask the services, which check it again (S3: only the supervisor
dispatches)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..models import Role
from . import staff as staff_service
from .auth import LoggedIn, user_of

# S3: who may dispatch. The rule itself is checked by calls.dispatch; the views only use
# this to grey out what the user may not do.
DISPATCH_ROLES = (Role.SUPERVISOR.value,)


def find_user(session: Session, staff_id: int | None) -> LoggedIn | None:
    """The member of staff ``staff_id`` if they still work here (active), else None: the
    same ``LoggedIn`` the permission checks take (one kind of user everywhere)."""
    return user_of(session, staff_id)


def choosable_users(session: Session) -> list[LoggedIn]:
    """Everyone who may use the program now: the active staff, by name (pinyin order)."""
    return [user for p in staff_service.active_staff(session) if (user := user_of(session, p.id)) is not None]


def may_dispatch(user: LoggedIn | None) -> bool:
    return user is not None and user.role in DISPATCH_ROLES
