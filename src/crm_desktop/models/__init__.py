"""SQLAlchemy ORM models (typed ``Mapped[]``); one module per area. No Qt, no views."""

from .archive import (
    Attachment,
    Correspondence,
    CorrespondenceKind,
    CustomerContact,
    CustomerEvent,
    CustomerStaff,
    Direction,
    EventKind,
    YearlyRecord,
)
from .auth import Account, AuditEntry
from .base import Base
from .calendar import Holiday, HolidayKind
from .contract import ContractRenewal, MaintenanceContract, RenewalOutcome, contract_product
from .customer import VIP_LEVELS, Customer, CustomerCategory, CustomerProduct, CustomerStatus, District, Importance
from .handover import Handover, HandoverItem, HandoverItemKind
from .history import RecordChange, RecordType
from .pricing import LabourRate, PartPrice
from .reports import DailyReportSignoff
from .service import (
    OPEN_CALL_STATUSES,
    CallChannel,
    CallStatus,
    CallStep,
    ConsentChannel,
    GoodsEntry,
    PaymentMethod,
    RepairCard,
    RepairCardStatus,
    RepairPart,
    ReturnOutcome,
    ServiceCall,
    ServiceKind,
    WorkLog,
    WorkMode,
)
from .staff import Role, Staff
from .system import Sequence, Setting, TextOverLength

__all__ = [
    "Handover",
    "HandoverItem",
    "HandoverItemKind",
    "Attachment",
    "Correspondence",
    "CorrespondenceKind",
    "RecordChange",
    "RecordType",
    "CustomerContact",
    "CustomerEvent",
    "CustomerStaff",
    "CustomerStatus",
    "Direction",
    "EventKind",
    "Importance",
    "VIP_LEVELS",
    "YearlyRecord",
    "Account",
    "AuditEntry",
    "Base",
    "CallChannel",
    "CallStatus",
    "CallStep",
    "ConsentChannel",
    "DailyReportSignoff",
    "contract_product",
    "LabourRate",
    "MaintenanceContract",
    "ContractRenewal",
    "RenewalOutcome",
    "PartPrice",
    "PaymentMethod",
    "ReturnOutcome",
    "WorkLog",
    "WorkMode",
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
    "TextOverLength",
]
