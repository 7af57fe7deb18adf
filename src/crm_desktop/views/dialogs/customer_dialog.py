"""A customer's archive fields (I3) and the products they own.

The front desk registers callers here and keeps their name, phone, address and district
right; the archive-only fields (status, VIP level, importance, legal representative,
business scope, registered capital, code, category) are read-only, with the reason as their
tooltip, for whoever may not change archives, and the archive service refuses them anyway (I7)."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...db import Database
from ...errors import UserError
from ...models import Customer
from ...services import archive as archive_service
from ...services import auth, labels
from ...services import customers as customer_service
from ..i18n import translate
from .form import OptionalDateEdit, RecordDialog, combo, set_value

ARCHIVE_FIELDS = (
    "name", "category", "district", "contact_person", "phone", "fax", "address", "postcode",
    "legal_representative", "business_scope", "registered_capital", "remarks",
    "status", "vip_level", "importance",
)


class CustomerDialog(RecordDialog):
    register_name = "customer"
    record_model = Customer

    def __init__(self, database: Database, customer_id: int | None = None, parent: QWidget | None = None,
                 initial_name: str = "", current_user_id: int | None = None) -> None:
        super().__init__(database, parent)
        self.customer_id = customer_id
        self.current_user_id = current_user_id  # who changes the archive (kept in its history, I4)
        with database.read_session() as s:
            self.user = auth.user_of(s, current_user_id)
        self.staffing_warning: str | None = None
        self.setWindowTitle(self.tr("New customer") if customer_id is None else self.tr("Customer"))
        self.setMinimumWidth(560)
        self.add_field("name", self.tr("Name"), QLineEdit(initial_name), required=True)
        code = QLineEdit()
        code.setPlaceholderText(self.tr("Given by the category's rule when left empty"))
        self.add_field("code", self.tr("Customer code"), code)
        self.add_field("category", self.tr("Category"), combo(labels.CUSTOMER_CATEGORY, "end_user"))
        self.add_field("district", self.tr("District"), combo(labels.DISTRICT))
        self.add_field("status", self.tr("Status"), combo(archive_service.CUSTOMER_STATUS, "active"))
        self.add_field("vip_level", self.tr("VIP level"), combo(archive_service.VIP_LEVEL, "0"))
        self.add_field("importance", self.tr("Importance"), combo(archive_service.IMPORTANCE, "normal"))
        self.add_field("contact_person", self.tr("Contact person"), QLineEdit())
        self.add_field("phone", self.tr("Phone"), QLineEdit())
        self.add_field("fax", self.tr("Fax"), QLineEdit())
        self.add_field("address", self.tr("Address"), QLineEdit())
        self.add_field("postcode", self.tr("Postcode"), QLineEdit())
        self.add_field("legal_representative", self.tr("Legal representative"), QLineEdit())
        scope = QPlainTextEdit()
        scope.setMaximumHeight(50)
        self.add_field("business_scope", self.tr("Business scope"), scope)
        self.add_field("registered_capital", self.tr("Registered capital (yuan)"), QLineEdit())
        remarks = QPlainTextEdit()
        remarks.setMaximumHeight(50)
        self.add_field("remarks", self.tr("Remarks"), remarks)

        self.products = QTableWidget(0, 4)
        self.products.setObjectName("products")
        self.products.setHorizontalHeaderLabels(
            [self.tr("Model"), self.tr("Serial no."), self.tr("Purchased"), self.tr("Warranty end")]
        )
        self.products.horizontalHeader().setStretchLastSection(True)
        self.products.setMaximumHeight(120)
        self.form.addRow(self.tr("Products"), self.products)
        self.new_model = QLineEdit()
        self.new_model.setObjectName("new_model")
        self.new_model.setPlaceholderText(self.tr("Model"))
        self.new_serial = QLineEdit()
        self.new_serial.setObjectName("new_serial")
        self.new_serial.setPlaceholderText(self.tr("Serial no."))
        self.new_purchase = OptionalDateEdit()
        self.new_purchase.setObjectName("new_purchase")
        self.new_warranty = OptionalDateEdit()
        self.new_warranty.setObjectName("new_warranty")
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.new_model, 2)
        line.addWidget(self.new_serial, 2)
        line.addWidget(QLabel(self.tr("purchased")))
        line.addWidget(self.new_purchase, 1)
        line.addWidget(QLabel(self.tr("warranty to")))
        line.addWidget(self.new_warranty, 1)
        self.add_field("product", self.tr("Add a product"), row)
        self.add_product_button = QPushButton(self.tr("Add product"))
        self.add_product_button.setObjectName("add_product")
        self.add_product_button.clicked.connect(self._add_product_row)
        self.form.addRow("", self.add_product_button)
        self._new_products: list[dict] = []
        if customer_id is not None:
            self.add_history("customer", customer_id)  # I4
        self.finish_layout()
        if customer_id is not None:
            self._load(customer_id)
        self._lock_archive_fields()

    def _lock_archive_fields(self) -> None:
        """I7: the archive-only fields are read-only, saying why, for who may not change them."""
        refusal = archive_service.edit_refusal(self.user)
        self.archive_fields_locked = refusal is not None
        if refusal is None:
            return
        reason = refusal.render(translate)
        for name in archive_service.ARCHIVE_ONLY_FIELDS:
            widget = self.fields[name]
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setReadOnly(True)
                # read-only text looks editable: give it the greyed background of a disabled field
                palette = widget.palette()
                palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
                widget.setPalette(palette)
            else:
                widget.setEnabled(False)
            widget.setToolTip(reason)

    def field_for(self, service_field: str | None) -> str | None:
        if service_field in ("model", "serial_no", "purchase_date", "warranty_end"):
            return "product"
        return super().field_for(service_field)

    def _add_product_row(self) -> None:
        model = self.new_model.text().strip()
        if not model:
            self.show_field_error("product", self.tr("Type the product model first."))
            return
        product = {
            "model": model,
            "serial_no": self.new_serial.text().strip() or None,
            "purchase_date": self.new_purchase.value(),
            "warranty_end": self.new_warranty.value(),
        }
        self._new_products.append(product)
        self._append_row(product)
        self.new_model.clear()
        self.new_serial.clear()
        self.new_purchase.set_value(None)
        self.new_warranty.set_value(None)
        self.clear_errors()

    def _append_row(self, product: dict) -> None:
        row = self.products.rowCount()
        self.products.insertRow(row)
        for column, key in enumerate(("model", "serial_no", "purchase_date", "warranty_end")):
            value = product.get(key)
            self.products.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))

    def _load(self, customer_id: int) -> None:
        with self.database.Session() as s:
            customer = s.get(Customer, customer_id)
            if customer is None:
                raise LookupError(customer_id)
            self.setWindowTitle(self.tr("Customer %1").replace("%1", customer.name))
            set_value(self.fields["code"], customer.code)
            # D5: a code, once given, stays the customer's for ever
            self.fields["code"].setReadOnly(customer.code is not None)
            for key in ARCHIVE_FIELDS:
                value = getattr(customer, key)
                if key == "vip_level":
                    value = str(value)
                set_value(self.fields[key], f"{value:f}" if key == "registered_capital" and value is not None else value)
            self.show_length_notices(s, customer.id)
            for p in customer.products:
                self._append_row(
                    {"model": p.model, "serial_no": p.serial_no, "purchase_date": p.purchase_date, "warranty_end": p.warranty_end}
                )

    def save(self, session) -> int:
        values = {key: self.value(key) for key in ARCHIVE_FIELDS}
        code = self.value("code")
        if self.customer_id is None:
            archive_service.check_archive_fields(self.user, {**values, "code": code})
            customer = customer_service.create_customer(session, code=code, **values)
        else:
            current = session.get(Customer, self.customer_id)
            if current.code is None and code:
                values["code"] = code
            changes = {k: v for k, v in values.items() if str(v) != str(getattr(current, k))}
            archive_service.check_archive_fields(self.user, changes, current)
            customer = (
                customer_service.update_customer(session, self.customer_id, changes, by_id=self.current_user_id)
                if changes else current
            )
        for product in self._new_products:
            customer_service.add_product(session, customer.id, **product)
        warning = archive_service.staffing_warning(session, customer.id)  # I10: warned, not refused
        self.staffing_warning = warning.render(translate) if warning is not None else None
        return customer.id

    def show_user_error(self, exc: UserError) -> None:
        if isinstance(exc, archive_service.ArchiveRefused):
            # shown once the refused transaction has been rolled back: the audit line is kept
            archive_service.record_refusal(self.database, exc)
        super().show_user_error(exc)

    def accept(self) -> None:
        super().accept()
        if self.result() == self.DialogCode.Accepted and self.staffing_warning:
            QMessageBox.warning(self.parentWidget() or self, self.tr("Responsible staff"), self.staffing_warning)
