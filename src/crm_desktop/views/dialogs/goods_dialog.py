"""Goods taken back for repair (S6): one line of the goods in/out register, and the number
of the goods receipt (客户商品领取收据) the customer keeps."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ...db import Database
from ...models import Customer, GoodsEntry, ServiceCall
from ...services import goods as goods_service
from ...services import staff as staff_service
from ...services.closed_records import why_closed
from ..i18n import translate
from .finder import CustomerFinder
from .form import OptionalDateEdit, RecordDialog, datetime_edit, set_value


def staff_combo(database: Database, current: int | None = None, roles: tuple[str, ...] | None = None) -> QComboBox:
    box = QComboBox()
    box.addItem("", None)
    with database.Session() as s:
        for person in staff_service.active_staff(s, roles):
            box.addItem(person.name, person.id)
    if current is not None:
        box.setCurrentIndex(max(box.findData(current), 0))
    return box


class GoodsDialog(RecordDialog):
    register_name = "goods_entry"
    record_model = GoodsEntry

    def __init__(self, database: Database, entry_id: int | None = None, call_id: int | None = None,
                 parent: QWidget | None = None, current_user_id: int | None = None) -> None:
        super().__init__(database, parent)
        self.current_user_id = current_user_id
        self.entry_id = entry_id
        self.call_id = call_id
        self.customer_id: int | None = None
        self.product_id: int | None = None
        self.setWindowTitle(self.tr("Goods taken in") if entry_id is None else self.tr("Goods entry"))
        self.setMinimumWidth(560)
        if entry_id is None and call_id is None:
            finder = CustomerFinder(database)
            finder.chosen.connect(self._set_customer)
            finder.create_button.hide()
            self.add_field("customer_id", self.tr("Find customer"), finder, required=True)
        self.customer_label = QLabel()
        self.customer_label.setObjectName("customer_label")
        # a field of its own, for the refusals of the customer, call and product it shows
        self.add_field("customer", self.tr("Customer and product"), self.customer_label)
        self.add_field("taken_in_at", self.tr("Taken in"), datetime_edit(), required=True)
        self.add_field("taken_in_by_id", self.tr("Taken in by"), staff_combo(database))
        self.add_field("phone", self.tr("Phone"), QLineEdit())
        self.add_field("accessories", self.tr("Accessories"), QLineEdit())
        self.add_field("condition", self.tr("Condition"), QLineEdit())
        self.add_field("promised_date", self.tr("Promised return"), OptionalDateEdit())
        remarks = QPlainTextEdit()
        remarks.setMaximumHeight(50)
        self.add_field("remarks", self.tr("Remarks"), remarks)
        if entry_id is not None:
            self.add_history("goods_entry", entry_id)
        self.finish_layout()
        if entry_id is not None:
            self._load(entry_id)
            self.add_print_button("goods_entry", entry_id)
        elif call_id is not None:
            self._from_call(call_id)

    def field_for(self, service_field: str | None) -> str | None:
        if service_field == "customer_id" and "customer_id" in self.fields:
            return "customer_id"
        if service_field in ("customer_id", "call_id", "product_id"):
            return "customer"
        return super().field_for(service_field)

    def _set_customer(self, customer_id: int) -> None:
        with self.database.Session() as s:
            customer = s.get(Customer, customer_id)
            if customer is not None:
                self.customer_id = customer.id
                self.customer_label.setText(customer.name)
                set_value(self.fields["phone"], customer.phone)

    def _from_call(self, call_id: int) -> None:
        with self.database.Session() as s:
            call = s.get(ServiceCall, call_id)
            if call is None:
                raise LookupError(call_id)
            self.customer_id = call.customer_id
            self.product_id = call.product_id
            self.customer_label.setText(
                " · ".join(x for x in (call.call_no, call.customer_name, call.product_model or "", call.serial_no or "") if x)
            )
            set_value(self.fields["phone"], call.phone)

    def _load(self, entry_id: int) -> None:
        with self.database.Session() as s:
            entry = s.get(GoodsEntry, entry_id)
            if entry is None:
                raise LookupError(entry_id)
            self.setWindowTitle(self.tr("Goods entry %1").replace("%1", entry.receipt_no))
            self.customer_label.setText(
                " · ".join(x for x in (entry.customer_name, entry.product_model or "", entry.serial_no or "") if x)
            )
            for key in ("taken_in_at", "taken_in_by_id", "phone", "accessories", "condition", "promised_date", "remarks"):
                set_value(self.fields[key], getattr(entry, key))
            self.show_length_notices(s, entry.id)
            closed = why_closed(entry)
        self.fields["taken_in_at"].setEnabled(False)
        self.fields["taken_in_by_id"].setEnabled(False)
        if closed is not None:
            self.show_read_only(closed.render(translate))

    def save(self, session) -> int:
        if self.entry_id is None:
            entry = goods_service.take_in(
                session,
                customer_id=self.customer_id,
                call_id=self.call_id,
                product_id=self.product_id,
                taken_in_at=self.value("taken_in_at"),
                taken_in_by_id=self.value("taken_in_by_id"),
                accessories=self.value("accessories"),
                condition=self.value("condition"),
                promised_date=self.value("promised_date"),
                remarks=self.value("remarks"),
                phone=self.value("phone"),
            )
            return entry.id
        entry = session.get(GoodsEntry, self.entry_id)
        changes = {}
        for key in goods_service.EDITABLE_GOODS_FIELDS:
            if key in self.fields:
                new = self.value(key)
                if new != getattr(entry, key):
                    changes[key] = new
        if changes:
            goods_service.update_goods_entry(session, self.entry_id, changes, by_id=self.current_user_id)
        return self.entry_id



