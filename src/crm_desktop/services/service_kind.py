"""S1: what a call's service kind may be, checked the same way when a call is registered
(``calls.register_call``) and when its kind is changed later (``process.change_kind``).

It lives apart from both so that neither has to import the other for it: registration
records the first step of the process, so ``calls`` depends on ``process``, never the
reverse. The proposal of a kind stays with registration (``calls.kind_proposal``), the
only place that proposes one.
"""

from __future__ import annotations

from ..i18n import QT_TRANSLATE_NOOP
from ..models import ServiceKind
from .validation import check_choice

BAD_KIND = QT_TRANSLATE_NOOP("Calls", "The service kind is A (paid), B (contract) or C (free), not “{value}”.")
CHANGE_REASON_MISSING = QT_TRANSLATE_NOOP("Calls", "Give the reason for changing the service kind.")


def check_kind(value: object, field: str = "service_kind") -> str:
    """The stored code of a service kind (``"A"``, ``"B"``, ``"C"``); ``UserError`` otherwise."""
    return check_choice(value, ServiceKind, field, BAD_KIND)
