"""Registering a service call (S2) and editing its plain fields.

The clerk finds the customer by part of a name or phone (or a product by its serial
number), or creates one on the spot; picks the product and sees its service history, with a
warning when it had a call in the last 30 days; types the fault; the district comes from
the customer and the service kind is proposed from the warranty (S1), and overriding the
proposal needs a reason.

An existing call opens on its process (``views/call_process.ProcessPanel``: its status, its
history and the steps it allows now); its registration details are on the other tab.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QTabWidget, QWidget

from ...db import Database
from ...models import Customer, CustomerProduct, ServiceCall
from ...services import calls as call_service
from ...services import customers as customer_service
from ...services import labels
from ...services.closed_records import why_closed
from .. import keys
from ..i18n import translate
from .finder import CustomerFinder
from .form import SAVE_CALLBACK, RecordDialog, combo, datetime_edit, set_value

RECENT_DAYS = 30


class CallDialog(RecordDialog):
    register_name = "service_call"
    record_model = ServiceCall

    def __init__(
        self, database: Database, call_id: int | None = None, parent: QWidget | None = None, *,
        current_user_id: int | None = None, on_saved: SAVE_CALLBACK | None = None,
    ) -> None:
        """``current_user_id`` registers a new call and records the steps taken from the
        process tab; ``on_saved`` is told of each step at once (the dialog stays open)."""
        super().__init__(database, parent)
        self.call_id = call_id
        self.current_user_id = current_user_id
        self.on_saved = on_saved
        self.customer_id: int | None = None
        self._proposed_kind: str | None = None
        self.process_panel = None
        self.tabs: QTabWidget | None = None
        self.setWindowTitle(self.tr("New service call") if call_id is None else self.tr("Service call"))
        self.setMinimumWidth(640)
        if call_id is not None:
            self._make_tabs()

        if call_id is None:
            self.finder = CustomerFinder(database)
            self.finder.chosen.connect(self.set_customer)
            self.finder.product_chosen.connect(self.set_product)
            self.finder.createRequested.connect(self._create_customer)
            self.add_field("customer_id", self.tr("Find customer"), self.finder, required=True)
        self.customer_label = QLabel()
        self.customer_label.setObjectName("customer_label")
        self.form.addRow(self.tr("Customer"), self.customer_label)
        self.product = self.add_field("product_id", self.tr("Product"), QComboBox())
        # filled only when the customer is picked, after the first show: it grows with its
        # products (model and serial number) instead of keeping the empty box's width
        self.product.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.product.setMinimumContentsLength(20)
        self.product.currentIndexChanged.connect(self._product_changed)
        self.history = QListWidget()
        self.history.setObjectName("history")
        self.history.setMaximumHeight(90)
        self.form.addRow(self.tr("Service history"), self.history)
        self.recent_warning = QLabel()
        self.recent_warning.setObjectName("recent_warning")
        self.recent_warning.setStyleSheet("color: #b35c00; font-weight: bold;")
        self.recent_warning.hide()
        self.form.addRow("", self.recent_warning)

        self.add_field("received_at", self.tr("Received"), datetime_edit(), required=True)
        self.fields["received_at"].dateTimeChanged.connect(lambda _v: self._product_changed())
        self.add_field("channel", self.tr("Received via"), combo(labels.CALL_CHANNEL))
        if call_id is not None:
            self.add_field("customer_name", self.tr("Customer name"), QLineEdit(), required=True)
            self.add_field("product_model", self.tr("Product model"), QLineEdit())
            self.add_field("serial_no", self.tr("Serial no."), QLineEdit())
        self.add_field("phone", self.tr("Phone"), QLineEdit())
        self.add_field("address", self.tr("Address"), QLineEdit())
        fault = QPlainTextEdit()
        fault.setMaximumHeight(70)
        self.add_field("fault", self.tr("Fault described"), fault, required=True)
        self.add_field("district", self.tr("District"), combo(labels.DISTRICT))
        kind = combo(labels.SERVICE_KIND)
        self.add_field("service_kind", self.tr("Service kind"), kind)
        kind.currentIndexChanged.connect(self._kind_changed)
        self.kind_basis = QLabel()
        self.kind_basis.setObjectName("kind_basis")
        self.kind_basis.setStyleSheet("color: #555;")
        self.form.addRow("", self.kind_basis)  # S1: why the kind is proposed
        self.reason = self.add_field("kind_override_reason", self.tr("Reason for the kind"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("Needed when the kind differs from the proposal"))
        remarks = QPlainTextEdit()
        remarks.setMaximumHeight(50)
        self.add_field("remarks", self.tr("Remarks"), remarks)
        self.state_label = QLabel()
        self.state_label.setObjectName("state_label")
        self.form.addRow(self.tr("State"), self.state_label)
        self.finish_layout()
        if call_id is not None:
            self._load(call_id)
            self._add_process(call_id)
            self._add_history_tab(call_id)
            self.add_print_button("service_call", call_id)
            # the buttons were made before the tabs: Tab goes through the process, then the
            # registration, then the buttons
            panel = self.process_panel
            keys.chain([self.tabs.tabBar(), panel.view, *panel.step_buttons.values(), panel.undo_button,
                        *self.fields.values(), *keys.buttons_in_order(self.buttons)])
            panel.focus_usual_step()  # opened to take the next step: Enter opens its form
        else:
            self.state_label.setText(labels.CALL_STATUS["registered"].tr(translate))
            self.fields["service_kind"].setEnabled(False)
            self.reason.setEnabled(False)

    # -- the process tab (existing calls) ------------------------------------------------
    def _make_tabs(self) -> None:
        """The registration form goes on a tab of its own, beside the process."""
        self.body.removeWidget(self.form_scroll)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("call_tabs")
        self.tabs.addTab(self.form_scroll, self.tr("Registration"))
        self.body.addWidget(self.tabs, 1)
        # the steps save themselves; the buttons below only save the registration details
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)

    def _add_process(self, call_id: int) -> None:
        from ..call_process import ProcessPanel

        assert self.tabs is not None
        self.process_panel = ProcessPanel(self.database, call_id, self.current_user_id)
        self.process_panel.stepSaved.connect(self._after_step)
        self.tabs.insertTab(0, self.process_panel, self.tr("Process"))
        self.tabs.setCurrentIndex(0)
        self.resize(900, 640)

    def _add_history_tab(self, call_id: int) -> None:
        """The fields' history beside the process: who corrected what, and the undos."""
        from ..record_history import HistoryTable

        assert self.tabs is not None
        self.history_table = HistoryTable(self.database, "service_call", call_id)
        self.history_table.setMaximumHeight(16777215)  # the tab's whole height
        self.tabs.addTab(self.history_table, self.tr("Changes"))

    def _after_step(self, call_id: int) -> None:
        """A step changed the call's state (and maybe its kind): show it, tell the register.
        The registration fields keep what the clerk may be typing."""
        with self.database.read_session() as s:
            call = s.get(ServiceCall, call_id)
            if call is not None:
                self.state_label.setText(self._state_text(call))
                set_value(self.fields["service_kind"], call.service_kind)
                set_value(self.fields["kind_override_reason"], call.kind_override_reason)
        if self.on_saved is not None:
            self.on_saved(self.register_name, call_id)

    def show_user_error(self, exc) -> None:
        if self.tabs is not None:  # the fields in question are on the registration tab
            self.tabs.setCurrentWidget(self.form_scroll)
        super().show_user_error(exc)

    def _state_text(self, call: ServiceCall) -> str:
        status = labels.CALL_STATUS.get(call.status)
        state = status.tr(translate) if status else call.status
        if call.technician is not None:
            state += self.tr(", technician %1").replace("%1", call.technician.name)
        return state

    # -- filling --------------------------------------------------------------------------
    def field_for(self, service_field: str | None) -> str | None:
        if service_field == "kind":
            return "service_kind"
        return super().field_for(service_field)

    def _create_customer(self, typed: str) -> None:
        from .customer_dialog import CustomerDialog

        dialog = CustomerDialog(self.database, parent=self, initial_name=typed, current_user_id=self.current_user_id)
        if dialog.exec() and dialog.saved_id is not None:
            self.set_customer(dialog.saved_id)

    def set_customer(self, customer_id: int) -> None:
        with self.database.read_session() as s:
            customer = s.get(Customer, customer_id)
            if customer is None:
                return
            self.customer_id = customer.id
            if "customer_id" in self.fields:
                self.clear_field_error("customer_id")
            self.customer_label.setText(" · ".join(x for x in (customer.name, customer.phone or "", customer.address or "") if x))
            set_value(self.fields["phone"], customer.phone)
            set_value(self.fields["address"], customer.address)
            set_value(self.fields["district"], customer.district)
            self.product.blockSignals(True)
            self.product.clear()
            self.product.addItem(self.tr("(no product recorded)"), None)
            for p in customer.products:
                text = " ".join(x for x in (p.model, p.serial_no or "") if x)
                self.product.addItem(text, p.id)
            self.product.setCurrentIndex(1 if len(customer.products) == 1 else 0)
            self.product.blockSignals(False)
        self.fields["service_kind"].setEnabled(True)
        self._product_changed()
        # picked by keyboard: the clerk goes on with the product, or with the fault when the
        # customer's only product is already chosen
        (self.fields["fault"] if self.product.currentData() is not None else self.product).setFocus()

    def set_product(self, product_id: int) -> None:
        position = self.product.findData(product_id)
        if position >= 0:
            self.product.setCurrentIndex(position)
            self.fields["fault"].setFocus()  # found by its serial number: the fault comes next

    def _product_changed(self) -> None:
        product_id = self.product.currentData()
        self.history.clear()
        self.recent_warning.hide()
        received = self.value("received_at")
        with self.database.read_session() as s:
            product = s.get(CustomerProduct, product_id) if product_id else None
            if self.call_id is None and isinstance(received, datetime):
                proposal = call_service.kind_proposal(s, product, received)
                self._proposed_kind = proposal.kind
                self.kind_basis.setText(self.tr("Proposed: %1").replace("%1", proposal.explain(translate)))
                set_value(self.fields["service_kind"], self._proposed_kind)
                self._kind_changed()
            if product is None:
                return
            for call in customer_service.product_history(s, product.id):
                if call.id == self.call_id:
                    continue
                status = labels.CALL_STATUS.get(call.status)
                self.history.addItem(
                    f"{call.received_at:%Y-%m-%d} {call.call_no} {status.tr(translate) if status else call.status} "
                    + " ".join(call.fault.split())
                )
            if isinstance(received, datetime):
                recent = customer_service.recent_call(s, product.id, received, days=RECENT_DAYS)
                if recent is not None and recent.id != self.call_id:
                    self.recent_warning.setText(
                        self.tr("Warning: this product already had call %1 on %2, within the last 30 days.")
                        .replace("%1", recent.call_no)
                        .replace("%2", f"{recent.received_at:%Y-%m-%d}")
                    )
                    self.recent_warning.show()

    def _kind_changed(self) -> None:
        if self.call_id is not None:
            return
        differs = self._proposed_kind is not None and self.value("service_kind") != self._proposed_kind
        self.reason.setEnabled(differs)
        if not differs:
            self.reason.clear()

    def _load(self, call_id: int) -> None:
        with self.database.read_session() as s:
            call = s.get(ServiceCall, call_id)
            if call is None:
                raise LookupError(call_id)
            self.setWindowTitle(self.tr("Service call %1").replace("%1", call.call_no))
            self.customer_id = call.customer_id
            self.customer_label.setText(call.customer.name)
            self.product.addItem(" ".join(x for x in (call.product_model or "", call.serial_no or "") if x), call.product_id)
            self.product.setEnabled(False)
            for key in call_service.EDITABLE_CALL_FIELDS:
                if key in self.fields:
                    set_value(self.fields[key], getattr(call, key))
            set_value(self.fields["service_kind"], call.service_kind)
            set_value(self.fields["kind_override_reason"], call.kind_override_reason)
            self.show_length_notices(s, call.id)
            self.state_label.setText(self._state_text(call))
            closed = why_closed(call)
        # process fields change only through their own steps (dispatch, change kind)
        self.fields["service_kind"].setEnabled(False)
        self.reason.setEnabled(False)
        self._product_changed()
        if closed is not None:
            self.show_read_only(closed.render(translate))

    # -- saving ---------------------------------------------------------------------------
    def save(self, session) -> int:
        if self.call_id is None:
            call = call_service.register_call(
                session,
                customer_id=self.customer_id,
                product_id=self.product.currentData(),
                received_at=self.value("received_at"),
                fault=self.value("fault"),
                district=self.value("district"),
                service_kind=self.value("service_kind"),
                kind_override_reason=self.value("kind_override_reason"),
                channel=self.value("channel"),
                phone=self.value("phone"),
                address=self.value("address"),
                remarks=self.value("remarks"),
                registered_by_id=self.current_user_id,
            )
            return call.id
        call = session.get(ServiceCall, self.call_id)
        changes = {}
        for key in call_service.EDITABLE_CALL_FIELDS:
            if key in self.fields:
                new = self.value(key)
                if new != getattr(call, key) and not (new is None and getattr(call, key) in ("", None)):
                    changes[key] = new
        if changes:
            call_service.update_call(session, self.call_id, changes, by_id=self.current_user_id)
        return self.call_id
