"""Display names of the stored codes (statuses, kinds, districts …), marked for translation.
The views show ``label.tr(translate)``; the database keeps the short English codes."""

from __future__ import annotations

from ..i18n import QT_TRANSLATE_NOOP, Msg
from ..models import (
    CallChannel,
    CallStatus,
    ConsentChannel,
    CustomerCategory,
    CustomerStatus,
    District,
    Importance,
    PaymentMethod,
    RepairCardStatus,
    ReturnOutcome,
    Role,
    ServiceKind,
    WorkMode,
)

CALL_STATUS: dict[str, Msg] = {
    CallStatus.REGISTERED.value: QT_TRANSLATE_NOOP("CallStatus", "Registered"),
    CallStatus.DISPATCHED.value: QT_TRANSLATE_NOOP("CallStatus", "Dispatched"),
    CallStatus.ARRIVED.value: QT_TRANSLATE_NOOP("CallStatus", "Arrived"),
    CallStatus.COMPLETED_ON_SITE.value: QT_TRANSLATE_NOOP("CallStatus", "Completed on site"),
    CallStatus.SIGNED_ON_SITE.value: QT_TRANSLATE_NOOP("CallStatus", "Signed by the customer"),
    CallStatus.STRUCK_OFF.value: QT_TRANSLATE_NOOP("CallStatus", "Struck off"),
    CallStatus.TAKEN_BACK.value: QT_TRANSLATE_NOOP("CallStatus", "Taken back"),
    CallStatus.IN_REPAIR.value: QT_TRANSLATE_NOOP("CallStatus", "In repair"),
    CallStatus.REPAIRED.value: QT_TRANSLATE_NOOP("CallStatus", "Repaired, awaiting inspection"),
    CallStatus.INSPECTED.value: QT_TRANSLATE_NOOP("CallStatus", "Inspected"),
    CallStatus.RETURNED.value: QT_TRANSLATE_NOOP("CallStatus", "Returned"),
    CallStatus.RETURN_SIGNED.value: QT_TRANSLATE_NOOP("CallStatus", "Return signed"),
    CallStatus.RECEIPT_VOIDED.value: QT_TRANSLATE_NOOP("CallStatus", "Receipt voided"),
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
    RepairCardStatus.IN_REPAIR.value: QT_TRANSLATE_NOOP("RepairCardStatus", "In repair"),
    RepairCardStatus.REPAIRED.value: QT_TRANSLATE_NOOP("RepairCardStatus", "Repaired"),
    RepairCardStatus.INSPECTED.value: QT_TRANSLATE_NOOP("RepairCardStatus", "Inspected"),
    RepairCardStatus.RETURNED.value: QT_TRANSLATE_NOOP("RepairCardStatus", "Returned"),
    RepairCardStatus.CANCELLED.value: QT_TRANSLATE_NOOP("RepairCardStatus", "Cancelled"),
}

PAYMENT_METHOD: dict[str, Msg] = {
    PaymentMethod.COLLECTED.value: QT_TRANSLATE_NOOP("PaymentMethod", "Collected on site"),
    PaymentMethod.INVOICE.value: QT_TRANSLATE_NOOP("PaymentMethod", "Invoice, collect later"),
}

WORK_MODE: dict[str, Msg] = {
    WorkMode.ON_SITE.value: QT_TRANSLATE_NOOP("WorkMode", "On site"),
    WorkMode.REPAIR.value: QT_TRANSLATE_NOOP("WorkMode", "Workshop repair"),
}

RETURN_OUTCOME: dict[str, Msg] = {
    ReturnOutcome.REPAIRED.value: QT_TRANSLATE_NOOP("ReturnOutcome", "Repaired"),
    ReturnOutcome.UNREPAIRED.value: QT_TRANSLATE_NOOP("ReturnOutcome", "Returned unrepaired"),
}

CONSENT_CHANNEL: dict[str, Msg] = {
    ConsentChannel.PHONE.value: QT_TRANSLATE_NOOP("ConsentChannel", "By phone"),
    ConsentChannel.IN_PERSON.value: QT_TRANSLATE_NOOP("ConsentChannel", "In person"),
    ConsentChannel.LETTER.value: QT_TRANSLATE_NOOP("ConsentChannel", "By letter"),
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

CUSTOMER_STATUS: dict[str, Msg] = {
    CustomerStatus.PROSPECT.value: QT_TRANSLATE_NOOP("CustomerStatus", "Prospect"),
    CustomerStatus.ACTIVE.value: QT_TRANSLATE_NOOP("CustomerStatus", "Active"),
    CustomerStatus.INACTIVE.value: QT_TRANSLATE_NOOP("CustomerStatus", "Inactive"),
}
IMPORTANCE: dict[str, Msg] = {
    Importance.NORMAL.value: QT_TRANSLATE_NOOP("Importance", "Normal"),
    Importance.IMPORTANT.value: QT_TRANSLATE_NOOP("Importance", "Important"),
    Importance.PROMISING.value: QT_TRANSLATE_NOOP("Importance", "Promising"),
}
VIP_LEVEL: dict[str, Msg] = {
    "0": QT_TRANSLATE_NOOP("VipLevel", "None"),
    "1": QT_TRANSLATE_NOOP("VipLevel", "VIP 1"),
    "2": QT_TRANSLATE_NOOP("VipLevel", "VIP 2"),
    "3": QT_TRANSLATE_NOOP("VipLevel", "VIP 3"),
}
