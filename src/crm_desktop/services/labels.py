"""Display names of the stored codes (statuses, kinds, districts …), marked for translation.
The views show ``label.tr(translate)``; the database keeps the short English codes."""

from __future__ import annotations

from ..i18n import QT_TRANSLATE_NOOP, Msg
from ..models import CallChannel, CallStatus, CustomerCategory, District, RepairCardStatus, Role, ServiceKind

CALL_STATUS: dict[str, Msg] = {
    CallStatus.REGISTERED.value: QT_TRANSLATE_NOOP("CallStatus", "Registered"),
    CallStatus.DISPATCHED.value: QT_TRANSLATE_NOOP("CallStatus", "Dispatched"),
    CallStatus.ARRIVED.value: QT_TRANSLATE_NOOP("CallStatus", "Arrived"),
    CallStatus.COMPLETED_ON_SITE.value: QT_TRANSLATE_NOOP("CallStatus", "Completed on site"),
    CallStatus.STRUCK_OFF.value: QT_TRANSLATE_NOOP("CallStatus", "Struck off"),
    CallStatus.TAKEN_BACK.value: QT_TRANSLATE_NOOP("CallStatus", "Taken back"),
    CallStatus.IN_REPAIR.value: QT_TRANSLATE_NOOP("CallStatus", "In repair"),
    CallStatus.INSPECTED.value: QT_TRANSLATE_NOOP("CallStatus", "Inspected"),
    CallStatus.RETURNED.value: QT_TRANSLATE_NOOP("CallStatus", "Returned"),
    CallStatus.CLOSED.value: QT_TRANSLATE_NOOP("CallStatus", "Closed"),
    CallStatus.CANCELLED.value: QT_TRANSLATE_NOOP("CallStatus", "Cancelled"),
}

SERVICE_KIND: dict[str, Msg] = {
    ServiceKind.PAID.value: QT_TRANSLATE_NOOP("ServiceKind", "A paid"),
    ServiceKind.CONTRACT.value: QT_TRANSLATE_NOOP("ServiceKind", "B contract"),
    ServiceKind.FREE.value: QT_TRANSLATE_NOOP("ServiceKind", "C free"),
}

DISTRICT: dict[str, Msg] = {
    District.URBAN.value: QT_TRANSLATE_NOOP("District", "Urban"),
    District.SUBURBAN.value: QT_TRANSLATE_NOOP("District", "Suburban"),
}

CUSTOMER_CATEGORY: dict[str, Msg] = {
    CustomerCategory.SUPPLIER.value: QT_TRANSLATE_NOOP("CustomerCategory", "Supplier"),
    CustomerCategory.DISTRIBUTOR.value: QT_TRANSLATE_NOOP("CustomerCategory", "Distributor"),
    CustomerCategory.SPECIAL.value: QT_TRANSLATE_NOOP("CustomerCategory", "Special (advisers, banks, insurers)"),
    CustomerCategory.END_USER.value: QT_TRANSLATE_NOOP("CustomerCategory", "End user"),
}

CALL_CHANNEL: dict[str, Msg] = {
    CallChannel.PHONE.value: QT_TRANSLATE_NOOP("CallChannel", "Phone"),
    CallChannel.LETTER.value: QT_TRANSLATE_NOOP("CallChannel", "Letter"),
    CallChannel.VISIT.value: QT_TRANSLATE_NOOP("CallChannel", "Visit"),
}

REPAIR_CARD_STATUS: dict[str, Msg] = {
    RepairCardStatus.OPEN.value: QT_TRANSLATE_NOOP("RepairCardStatus", "Open"),
    RepairCardStatus.REPAIRED.value: QT_TRANSLATE_NOOP("RepairCardStatus", "Repaired"),
    RepairCardStatus.INSPECTED.value: QT_TRANSLATE_NOOP("RepairCardStatus", "Inspected"),
    RepairCardStatus.RETURNED.value: QT_TRANSLATE_NOOP("RepairCardStatus", "Returned"),
}

ROLE: dict[str, Msg] = {
    Role.CLERK.value: QT_TRANSLATE_NOOP("Role", "Clerk"),
    Role.TECHNICIAN.value: QT_TRANSLATE_NOOP("Role", "Technician"),
    Role.SUPERVISOR.value: QT_TRANSLATE_NOOP("Role", "Service supervisor"),
    Role.ACCOUNTANT.value: QT_TRANSLATE_NOOP("Role", "Accountant"),
    Role.MANAGER.value: QT_TRANSLATE_NOOP("Role", "Branch manager"),
    Role.INFORMATION.value: QT_TRANSLATE_NOOP("Role", "Information dept."),
    Role.MARKETING.value: QT_TRANSLATE_NOOP("Role", "Marketing"),
    Role.PLANNING.value: QT_TRANSLATE_NOOP("Role", "Planning"),
    Role.ADMIN.value: QT_TRANSLATE_NOOP("Role", "Administrator"),
}
