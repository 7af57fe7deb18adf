"""The branch office as its paper forms name it: name, address and telephone (settings)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..i18n import QT_TRANSLATE_NOOP
from ..models import Setting
from .validation import Problems, normalize_phone, optional_text, require_text

KEYS = {"name": "branch.name", "address": "branch.address", "phone": "branch.phone"}
NAME_MISSING = QT_TRANSLATE_NOOP("Branch", "Enter the branch's name as the forms print it.")
ADDRESS_MISSING = QT_TRANSLATE_NOOP("Branch", "Enter the branch's address.")


@dataclass(frozen=True)
class BranchInfo:
    name: str = ""
    address: str = ""
    phone: str = ""

    @property
    def is_set(self) -> bool:
        return bool(self.name)

    def as_fields(self) -> dict[str, str]:
        """What every form prints in its head: ``{branch_name}``, ``{branch_address}``, ``{branch_phone}``."""
        return {"branch_name": self.name, "branch_address": self.address, "branch_phone": self.phone}


def load(session: Session) -> BranchInfo:
    values = {attr: session.get(Setting, key) for attr, key in KEYS.items()}
    return BranchInfo(**{attr: (row.value or "") if row is not None else "" for attr, row in values.items()})


def save(session: Session, name: object, address: object, phone: object) -> BranchInfo:
    problems = Problems()
    clean_name = problems.check(require_text, name, "name", NAME_MISSING, max_length=60)
    clean_address = problems.check(require_text, address, "address", ADDRESS_MISSING, max_length=120)
    clean_phone = problems.check(lambda: normalize_phone(optional_text(phone, "phone", max_length=40), "phone"))
    problems.raise_if_any()
    info = BranchInfo(clean_name, clean_address, clean_phone or "")
    for attr, key in KEYS.items():
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=getattr(info, attr)))
        else:
            row.value = getattr(info, attr)
    session.flush()
    return info
