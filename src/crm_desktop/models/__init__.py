"""SQLAlchemy ORM models (typed ``Mapped[]``); one module per area. No Qt, no views."""

from .base import Base
from .calendar import Holiday, HolidayKind
from .customer import Customer, CustomerCategory, CustomerProduct, District
from .service import (
    OPEN_CALL_STATUSES,
    CallChannel,
    CallStatus,
    GoodsEntry,
    RepairCard,
    RepairCardStatus,
    RepairPart,
    ServiceCall,
    ServiceKind,
)
from .staff import Role, Staff
from .system import Sequence, Setting

__all__ = [
    "Base",
    "CallChannel",
    "CallStatus",
    "Customer",
    "CustomerCategory",
    "CustomerProduct",
    "District",
    "GoodsEntry",
    "Holiday",
    "HolidayKind",
    "OPEN_CALL_STATUSES",
    "RepairCard",
    "RepairCardStatus",
    "RepairPart",
    "Role",
    "Sequence",
    "ServiceCall",
    "ServiceKind",
    "Setting",
    "Staff",
]
