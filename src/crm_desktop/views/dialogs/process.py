"""The process steps a register cell may not change in place: dispatch (S3) and a service
kind that differs from the proposal (S1, with a reason)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ... import clock
from ...db import Database
from ...models import ServiceCall
from ...services import calls as call_service
from ...services import labels
from .form import RecordDialog, combo, datetime_edit
from .goods_dialog import staff_combo


def _describe(call: ServiceCall) -> str:
    return " · ".join(x for x in (call.call_no, call.customer_name, call.product_model or "", " ".join(call.fault.split())) if x)


class DispatchDialog(RecordDialog):
    """S3: the supervisor gives the call to a technician. ``by_id`` is who dispatches (the
    current user); the service refuses anyone but an active supervisor, and its message
    (field ``by_id``, not a field of this form) appears under the form."""

    register_name = "service_call"

    def __init__(self, database: Database, call_id: int, parent: QWidget | None = None, *, by_id: int | None = None) -> None:
        super().__init__(database, parent)
        self.call_id = call_id
        self.by_id = by_id
        self.setWindowTitle(self.tr("Dispatch"))
        with database.Session() as s:
            call = s.get(ServiceCall, call_id)
            if call is None:
                raise LookupError(call_id)
            description, current = _describe(call), call.technician_id
        label = QLabel(description)
        label.setWordWrap(True)  # above the form: a wrapped label in a form row gets clipped
        self.body.insertWidget(0, label)
        self.add_field("technician_id", self.tr("Technician"), staff_combo(database, current, roles=("technician",)), required=True)
        self.add_field("when", self.tr("Dispatched at"), datetime_edit(clock.now_to_minute()))
        self.finish_layout()

    def field_for(self, service_field: str | None) -> str | None:
        return "when" if service_field == "dispatched_at" else super().field_for(service_field)

    def save(self, session) -> int:
        call_service.dispatch(session, self.call_id, self.value("technician_id"), self.value("when"), by_id=self.by_id)
        return self.call_id


class ChangeKindDialog(RecordDialog):
    """S1: a kind other than the proposal, with the reason; ``by_id`` (the current user) is
    kept in the call's history."""

    register_name = "service_call"
    record_model = ServiceCall

    def __init__(self, database: Database, call_id: int, parent: QWidget | None = None, *, by_id: int | None = None) -> None:
        super().__init__(database, parent)
        self.call_id = call_id
        self.by_id = by_id
        self.setWindowTitle(self.tr("Change service kind"))
        with database.Session() as s:
            call = s.get(ServiceCall, call_id)
            if call is None:
                raise LookupError(call_id)
            description, kind, reason = _describe(call), call.service_kind, call.kind_override_reason
        label = QLabel(description)
        label.setWordWrap(True)  # above the form: a wrapped label in a form row gets clipped
        self.body.insertWidget(0, label)
        self.add_field("service_kind", self.tr("Service kind"), combo(labels.SERVICE_KIND, kind), required=True)
        self.add_field("kind_override_reason", self.tr("Reason"), QLineEdit(reason or ""), required=True)
        self.finish_layout()

    def save(self, session) -> int:
        call_service.override_kind(
            session, self.call_id, self.value("service_kind"), self.value("kind_override_reason"), by_id=self.by_id
        )
        return self.call_id
