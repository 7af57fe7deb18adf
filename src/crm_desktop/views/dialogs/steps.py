"""One small dialog per step of the service process (S3–S9).

Each shows the call on top (number · customer · model · fault, its status) and asks exactly
what its step in ``services/process/`` takes, with defaults a clerk rarely changes: the
time is now to the minute, the signer the call's customer, the hours the working time since
the work began (``process.proposed_hours``). ``save`` calls the step with ``by_id`` = the
current user, shown in the form as "Recorded by" so that a refusal of the person (only a
supervisor inspects …) appears there; every other refusal appears at the field it names
(X2), and a refused step saves nothing (X1).

Dispatch and the change of service kind have their dialogs in ``process.py``;
``step_dialog`` hands out the right one for any step.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...db import Database
from ...errors import UserError
from ...models import GoodsEntry, PaymentMethod, RepairCard, ServiceCall, ServiceKind, Staff, WorkMode
from ...services import labels, pricing, process
from ...services.goods import NO_ACCESSORIES
from ...services.process import STEP_NAMES, Step
from ...services.validation import column_length, parse_decimal
from ..i18n import translate
from .form import OptionalDateEdit, RecordDialog, combo, datetime_edit
from .goods_dialog import staff_combo

# the time of a step reaches the form as the name of the column it fills
TIME_FIELDS = frozenset(
    {
        "when", "dispatched_at", "arrived_at", "completed_at", "signed_at", "closed_at", "taken_in_at", "quoted_at",
        "consent_at", "started_at", "repaired_at", "inspected_at", "returned_at", "receipt_voided_at", "fee_at",
        "collected_at", "fee_handed_at", "invoice_at", "escalated_at",
    }
)
HOURS_STEP = 0.25
MAX_HOURS = 9999.99


def money(value: Decimal | None) -> str:
    return "" if value is None else f"¥{value:,.2f}"


def computed_text(computed: Decimal | None) -> str:
    if computed is None:
        return QCoreApplication.translate("StepDialog", "no labour rate is set: enter the fee")
    return money(computed)


def describe_call(call: ServiceCall) -> str:
    """number · customer · model · fault, on one line."""
    return " · ".join(
        x for x in (call.call_no, call.customer_name, call.product_model or "", " ".join(call.fault.split())) if x
    )


class RadioChoice(QWidget):
    """Two or three answers side by side, all visible at once (passed / sent back …)."""

    changed = Signal()

    def __init__(self, choices: list[tuple[object, str]], current: object = None) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self._values = [value for value, _text in choices]
        for number, (_value, text) in enumerate(choices):
            button = QRadioButton(text)
            self.group.addButton(button, number)
            row.addWidget(button)
        row.addStretch(1)
        self.set_value(current)
        self.group.idToggled.connect(lambda _id, on: on and self.changed.emit())

    def buttons(self) -> list[QRadioButton]:
        return [self.group.button(n) for n in range(len(self._values))]

    def value(self) -> object:
        checked = self.group.checkedId()
        return None if checked < 0 else self._values[checked]

    def set_value(self, value: object) -> None:
        if value in self._values:
            self.group.button(self._values.index(value)).setChecked(True)


def hours_box(value: Decimal | None) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(2)
    box.setRange(0, MAX_HOURS)
    box.setSingleStep(HOURS_STEP)
    box.setSuffix(QCoreApplication.translate("StepDialog", " h"))
    box.setValue(float(value) if value is not None else 1.0)
    return box


def text_box(text: str | None = None, height: int = 60) -> QPlainTextEdit:
    box = QPlainTextEdit(text or "")
    box.setTabChangesFocus(True)
    box.setMaximumHeight(height)
    return box


def info(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class StepDialog(RecordDialog):
    """The frame of a step's form: the call on top, the step's time, its own fields
    (``build``), and who records it."""

    register_name = "service_call"
    step = ""
    record_model = ServiceCall  # a field named as a column of another table gives its length itself
    has_time = True

    def __init__(
        self, database: Database, call_id: int, parent: QWidget | None = None, *, by_id: int | None = None,
        now: datetime | None = None,
    ) -> None:
        super().__init__(database, parent)
        self.call_id = call_id
        self.by_id = by_id
        self.now = (now or clock.now()).replace(second=0, microsecond=0)
        self.setMinimumWidth(520)
        with database.read_session() as s:
            call = s.get(ServiceCall, call_id)
            if call is None:
                raise LookupError(call_id)
            self.call_no = call.call_no
            self.customer_name = call.customer_name
            self.paid = call.service_kind == ServiceKind.PAID.value
            self.setWindowTitle(f"{STEP_NAMES[self.step].tr(translate)} — {call.call_no}")
            self.body.insertWidget(0, self._header(call))
            if self.has_time:
                self.add_field("when", self.time_label(), datetime_edit(self.now), required=True)
            self.build(s, call)
            person = s.get(Staff, by_id) if by_id is not None else None
            who = person.name if person is not None else QCoreApplication.translate(
                "StepDialog", "(nobody: choose the current user first)"
            )
        self.add_field("by_id", QCoreApplication.translate("StepDialog", "Recorded by"), info(who))
        self.finish_layout()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        self.after_build()
        self.focus_first_to_fill()

    def _header(self, call: ServiceCall) -> QWidget:
        box = QWidget()
        rows = QVBoxLayout(box)
        rows.setContentsMargins(0, 0, 0, 6)
        title = QLabel(describe_call(call))
        title.setObjectName("call_summary")
        title.setWordWrap(True)  # above the form: a wrapped label in a form row gets clipped
        title.setStyleSheet("font-weight: bold;")
        rows.addWidget(title)
        status = labels.CALL_STATUS.get(call.status)
        kind = labels.SERVICE_KIND.get(call.service_kind)
        parts = [
            QCoreApplication.translate("StepDialog", "Status: %1").replace(
                "%1", status.tr(translate) if status else call.status
            ),
            kind.tr(translate) if kind else call.service_kind,
        ]
        if call.technician is not None:
            parts.append(QCoreApplication.translate("StepDialog", "technician %1").replace("%1", call.technician.name))
        state = QLabel(" · ".join(parts))
        state.setObjectName("call_state")
        state.setStyleSheet("color: #555;")
        rows.addWidget(state)
        return box

    # -- what subclasses fill in --------------------------------------------------------
    def time_label(self) -> str:
        return QCoreApplication.translate("StepDialog", "Time")

    def build(self, session, call: ServiceCall) -> None:
        """Add the step's own fields (a session is open: read what the defaults need)."""

    def after_build(self) -> None:
        """Connect live updates once every field exists."""

    # -- helpers --------------------------------------------------------------------------
    def value(self, name: str) -> object:
        widget = self.fields[name]
        if isinstance(widget, RadioChoice):
            return widget.value()
        if isinstance(widget, QDoubleSpinBox):
            return Decimal(f"{widget.value():.2f}")
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        return super().value(name)

    def show_row(self, name: str, visible: bool) -> None:
        holder = self.fields[name].parentWidget()
        self.form.setRowVisible(holder, visible)
        if visible and self.isVisible():
            self.fit_contents()

    def row_visible(self, name: str) -> bool:
        return not self.fields[name].parentWidget().isHidden()

    def field_for(self, service_field: str | None) -> str | None:
        if service_field in TIME_FIELDS and "when" in self.fields:
            return "when"
        return super().field_for(service_field)

    def show_field_error(self, field: str | None, text: str) -> None:
        target = self.field_for(field)
        if target is not None:
            self.show_row(target, True)  # a message never hides in a row the form had folded away
        super().show_field_error(field, text)


# --------------------------------------------------------------------------- on site (S4, S5)


class ArriveDialog(StepDialog):
    """S4, S14: the technician arrived (it stops the response clock)."""

    step = Step.ARRIVE

    def time_label(self) -> str:
        return self.tr("Arrived at")

    def save(self, session) -> int:
        process.arrive(session, self.call_id, self.value("when"), self.by_id)
        return self.call_id


class FeeFields:
    """The fee of a paid job as the form shows it: the computed amount live, the amount
    charged (following the computed one until the clerk types another), and the reason
    row, shown only when the amounts differ (S5). ``reason_without_rate``: whether a fee
    needs a reason when there is no computed one (``set_fee`` asks for it, a completion not)."""

    reason_without_rate = False

    def _add_fee_fields(self: StepDialog, computed_label: str) -> None:  # type: ignore[misc]
        self.computed = None
        self.fee_typed = False
        self.add_field("fee_computed", computed_label, info(""))
        fee = self.add_field("fee", QCoreApplication.translate("StepDialog", "Fee charged"), QLineEdit())
        fee.textEdited.connect(self._fee_edited)
        self.add_field(
            "fee_override_reason", QCoreApplication.translate("StepDialog", "Reason for another fee"), QLineEdit(),
            required=True,
        )
        self.show_row("fee_override_reason", False)

    def _fee_edited(self: StepDialog, _text: str) -> None:  # type: ignore[misc]
        self.fee_typed = True
        self._show_reason()

    def _set_computed(self: StepDialog, computed: Decimal | None, follow: bool = True) -> None:  # type: ignore[misc]
        self.computed = computed
        self.fields["fee_computed"].setText(computed_text(computed))
        if follow and not self.fee_typed:
            self.fields["fee"].setText("" if computed is None else f"{computed:.2f}")
        self._show_reason()

    def _typed_fee(self: StepDialog) -> Decimal | None:  # type: ignore[misc]
        try:
            return parse_decimal(self.fields["fee"].text(), "fee", minimum=0, places=2)
        except UserError:
            return None

    def _show_reason(self: StepDialog) -> None:  # type: ignore[misc]
        typed = self._typed_fee()
        if self.computed is None:
            differs = typed is not None and self.reason_without_rate
        else:
            differs = typed is not None and typed != self.computed
        self.show_row("fee_override_reason", differs)

    def _reason(self: StepDialog) -> object:  # type: ignore[misc]
        return self.value("fee_override_reason") if self.row_visible("fee_override_reason") else None


class CompleteOnSiteDialog(FeeFields, StepDialog):
    """S4, S5: the work done on site and the hours it took; a paid job (A) with its fee and
    whether it was collected on site or is to be invoiced."""

    step = Step.COMPLETE_ON_SITE

    def time_label(self) -> str:
        return self.tr("Completed at")

    def build(self, session, call: ServiceCall) -> None:
        hours = process.proposed_hours(session, call.id, self.now)
        self.add_field("hours_spent", self.tr("Hours on site"), hours_box(hours), required=True)
        self.add_field("work_done", self.tr("Work done"), text_box(call.work_done), required=True)
        if self.paid:
            self._add_fee_fields(self.tr("Computed fee"))
            method = self.add_field("payment_method", self.tr("Payment"), combo(labels.PAYMENT_METHOD, "collected"))
            method.currentIndexChanged.connect(self._method_changed)
            collected = self.add_field("fee_collected", self.tr("Amount collected"), QLineEdit())
            collected.setPlaceholderText(self.tr("the fee charged"))

    def after_build(self) -> None:
        if not self.paid:
            return
        self.fields["hours_spent"].valueChanged.connect(lambda _v: self.update_fee())
        self.fields["when"].dateTimeChanged.connect(lambda _v: self.update_fee())
        self.update_fee()
        self._method_changed()

    def update_fee(self) -> None:
        with self.database.read_session() as s:
            computed = process.proposed_fee(
                s, self.call_id, WorkMode.ON_SITE.value, self.value("when"), self.value("hours_spent")
            )
        self._set_computed(computed)

    def _method_changed(self) -> None:
        self.show_row("fee_collected", self.value("payment_method") == "collected")

    def save(self, session) -> int:
        fees: dict[str, object] = {}
        if self.paid:
            fees = {
                "fee": self.value("fee"),
                "fee_override_reason": self._reason(),
                "payment_method": self.value("payment_method"),
                "fee_collected": self.value("fee_collected") if self.row_visible("fee_collected") else None,
            }
        process.complete_on_site(
            session, self.call_id, when=self.value("when"), work_done=self.value("work_done"),
            hours_spent=self.value("hours_spent"), by_id=self.by_id, **fees,
        )
        return self.call_id


class SignDialog(StepDialog):
    """S4, S7: the customer signs the voucher (after the work on site, or for the goods
    given back)."""

    step = Step.SIGN

    def time_label(self) -> str:
        return self.tr("Signed at")

    def build(self, session, call: ServiceCall) -> None:
        self.add_field("signed_by", self.tr("Signed by"), QLineEdit(call.signed_by or call.customer_name), required=True)
        if self.paid:
            self.add_field("fee", self.tr("Fee"), info(money(call.fee) or self.tr("not set yet")))

    def save(self, session) -> int:
        process.sign(session, self.call_id, signed_by=self.value("signed_by"), when=self.value("when"), by_id=self.by_id)
        return self.call_id


class StrikeOffDialog(StepDialog):
    """S4: the signed voucher is back; the call is struck off the register (注销)."""

    step = Step.STRIKE_OFF

    def time_label(self) -> str:
        return self.tr("Struck off at")

    def build(self, session, call: ServiceCall) -> None:
        if call.signed_by:
            signed = f"{call.signed_by} {call.signed_at:%Y-%m-%d %H:%M}" if call.signed_at else call.signed_by
            self.add_field("signed_by", self.tr("Voucher signed by"), info(signed))

    def save(self, session) -> int:
        process.strike_off(session, self.call_id, self.value("when"), self.by_id)
        return self.call_id


# --------------------------------------------------------------------------- taken back (S6, S7)


class TakeBackDialog(StepDialog):
    """S6: the goods go to the workshop: a goods-register line with its receipt number and
    a repair card, in one step. The condition and the accessories are asked as the counter's
    paper asks them — "No accessories" ticked says there were none (printed 无附件). Once
    saved, ``papers`` shows the two numbers and previews their forms a key apart."""

    step = Step.TAKE_BACK

    def time_label(self) -> str:
        return self.tr("Taken back at")

    def build(self, session, call: ServiceCall) -> None:
        hours = process.proposed_hours(session, call.id, self.now)
        self.add_field("hours_spent", self.tr("Hours on site"), hours_box(hours))
        condition = self.add_field("condition", self.tr("Condition"), QLineEdit(), required=True,
                                   max_length=column_length(GoodsEntry, "condition"))
        condition.setPlaceholderText(self.tr("e.g. scratches on the cover; or no visible damage"))
        accessories = self.add_field("accessories", self.tr("Accessories"), QLineEdit(), required=True,
                                     max_length=column_length(GoodsEntry, "accessories"))
        accessories.setPlaceholderText(self.tr("e.g. power cord, remote control"))
        none = self.add_field("no_accessories", "", QCheckBox(self.tr("No accessories")))
        none.toggled.connect(self._no_accessories)
        self.add_field("promised_date", self.tr("Promised return"), OptionalDateEdit())
        self.add_field("note", self.tr("Note"), QLineEdit())
        hint = info(self.tr("The goods receipt and the repair card get their numbers when this is saved."))
        hint.setStyleSheet("color: #555;")
        self.form.addRow("", hint)
        self.numbers: tuple[str, str] | None = None
        self.papers: QDialog | None = None
        self._listed = ""

    def _no_accessories(self, none: bool) -> None:
        """Ticked, the accessories box says what will be printed and takes nothing; what was
        typed comes back when it is unticked."""
        box = self.fields["accessories"]
        if none:
            self._listed = box.text()
            box.clear()
            box.setPlaceholderText(NO_ACCESSORIES)
            self._messages["accessories"].hide()  # answered
            box.setStyleSheet("")
        else:
            box.setText(self._listed)
            box.setPlaceholderText(self.tr("e.g. power cord, remote control"))
        box.setEnabled(not none)

    def save(self, session) -> int:
        none = bool(self.value("no_accessories"))
        entry, card = process.take_back(
            session, self.call_id, when=self.value("when"), by_id=self.by_id, condition=self.value("condition"),
            accessories=None if none else self.value("accessories"), no_accessories=none,
            promised_date=self.value("promised_date"), note=self.value("note"), hours_spent=self.value("hours_spent"),
        )
        self.numbers = (entry.receipt_no, card.card_no)
        self._printed = ((entry.id, entry.receipt_no), (card.id, card.card_no))
        return self.call_id

    def accept(self) -> None:
        super().accept()
        if self.result() == QDialog.DialogCode.Accepted and self.papers is None:
            from .takeback_papers import TakeBackPapersDialog

            receipt, card = self._printed
            self.papers = TakeBackPapersDialog(self.database, self.call_no, receipt, card, self.parentWidget())
            self.papers.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            # shown once this form has closed, over the call, holding the keyboard until they
            # are closed (not exec(): the call's process goes on refreshing behind them)
            QTimer.singleShot(0, self.papers, self.papers.open)


class QuoteDialog(StepDialog):
    """A paid repair: what it will cost, told to the customer before work starts. Beside
    the amount, the fee computed from the estimated hours and the parts on the card; a
    quote further from it than the quote margin shows the reason row (the service asks)."""

    step = Step.QUOTE

    def time_label(self) -> str:
        return self.tr("Quoted at")

    def build(self, session, call: ServiceCall) -> None:
        card = process.repair_card_of(session, call.id)
        self.margin = pricing.quote_margin(session)
        self.computed: Decimal | None = None
        amount = self.add_field("quote_amount", self.tr("Amount quoted"), QLineEdit(), required=True)
        self.add_field("quote_hours", self.tr("Estimated repair hours"), hours_box(None))
        self.add_field("fee_computed", self.tr("Computed fee"), info(""))
        self.add_field("quote_reason", self.tr("Reason for this quote"), QLineEdit(), required=True)
        self.show_row("quote_reason", False)
        if card is not None and card.quote_amount is not None:
            amount.setText(f"{card.quote_amount:.2f}")
            hint = info(self.tr("A new quote needs a new answer from the customer."))
            hint.setStyleSheet("color: #555;")
            self.form.addRow("", hint)

    def after_build(self) -> None:
        self.fields["quote_hours"].valueChanged.connect(lambda _v: self.update_fee())
        self.fields["when"].dateTimeChanged.connect(lambda _v: self.update_fee())
        self.fields["quote_amount"].textChanged.connect(lambda _t: self._show_reason())
        self.update_fee()

    def update_fee(self) -> None:
        with self.database.read_session() as s:
            self.computed = process.proposed_fee(
                s, self.call_id, WorkMode.REPAIR.value, self.value("when"), self.value("quote_hours")
            )
        text = computed_text(self.computed)
        if self.computed is not None:
            text += " · " + self.tr("a quote more than %1% away needs a reason").replace(
                "%1", f"{self.margin.normalize():f}"
            )
        self.fields["fee_computed"].setText(text)
        self._show_reason()

    def _show_reason(self) -> None:
        try:
            amount = parse_decimal(self.fields["quote_amount"].text(), "quote_amount", minimum=0, places=2)
        except UserError:
            amount = None
        far = amount is not None and self.computed is not None and pricing.beyond_margin(amount, self.computed, self.margin)
        self.show_row("quote_reason", far or bool(self.fields["quote_reason"].text()))

    def save(self, session) -> int:
        process.record_quote(
            session, self.call_id, amount=self.value("quote_amount"), hours=self.value("quote_hours"),
            reason=self.value("quote_reason") if self.row_visible("quote_reason") else None, when=self.value("when"),
            by_id=self.by_id,
        )
        return self.call_id


class ConsentDialog(StepDialog):
    """The customer's answer to the quote: yes or no, who answered and how."""

    step = Step.CONSENT

    def time_label(self) -> str:
        return self.tr("Answered at")

    def build(self, session, call: ServiceCall) -> None:
        card = process.repair_card_of(session, call.id)
        quote = card.quote_amount if card is not None else None
        self.add_field("quote_amount", self.tr("Quote"), info(money(quote) if quote is not None else self.tr("no quote yet")))
        self.add_field(
            "consent_given", self.tr("Answer"),
            RadioChoice([(True, self.tr("Agreed")), (False, self.tr("Declined"))], True), required=True,
        )
        self.add_field("consent_by", self.tr("Answered by"), QLineEdit(call.customer_name), required=True)
        self.add_field("consent_channel", self.tr("How"), combo(labels.CONSENT_CHANNEL, "phone"), required=True)

    def save(self, session) -> int:
        process.record_consent(
            session, self.call_id, given=bool(self.value("consent_given")), consent_by=self.value("consent_by"),
            channel=self.value("consent_channel"), when=self.value("when"), by_id=self.by_id,
        )
        return self.call_id


class StartRepairDialog(StepDialog):
    """Work on the goods begins (a paid repair once the customer agreed)."""

    step = Step.START_REPAIR

    def time_label(self) -> str:
        return self.tr("Started at")

    def build(self, session, call: ServiceCall) -> None:
        if not self.paid:
            return
        card = process.repair_card_of(session, call.id)
        if card is None or card.consent_given is None:
            answer = self.tr("no answer to a quote yet")
        elif card.consent_given:
            answer = self.tr("agreed to %1 (%2)").replace("%1", money(card.quote_amount)).replace("%2", card.consent_by or "")
        else:
            answer = self.tr("declined %1").replace("%1", money(card.quote_amount))
        self.add_field("consent_given", self.tr("Customer's answer"), info(answer))

    def save(self, session) -> int:
        process.start_repair(session, self.call_id, self.value("when"), self.by_id)
        return self.call_id


class FinishRepairDialog(StepDialog):
    """S7: the actual repair time and who did it; the repair then waits for inspection. A
    paid repair shows the fee it will carry (labour rate and the parts on the card)."""

    step = Step.FINISH_REPAIR

    def time_label(self) -> str:
        return self.tr("Finished at")

    def build(self, session, call: ServiceCall) -> None:
        from ...services import repairs as repair_service

        card = process.repair_card_of(session, call.id)
        hours = process.proposed_hours(session, call.id, self.now)
        self.add_field("repair_hours", self.tr("Repair hours"), hours_box(hours), required=True)
        self.add_field("work_done", self.tr("Work done"), text_box(card.work_done if card else None),
                       max_length=column_length(RepairCard, "work_done"))
        current = (card.technician_id if card else None) or call.technician_id
        self.add_field(
            "technician_id", self.tr("Technician"), staff_combo(self.database, current, roles=("technician",)), required=True
        )
        if self.paid:
            parts = repair_service.parts_total(card) if card is not None else Decimal("0")
            self.add_field("parts", self.tr("Parts on the card"), info(money(parts)))
            self.add_field("fee_computed", self.tr("Computed fee"), info(""))

    def after_build(self) -> None:
        if self.paid:
            self.fields["repair_hours"].valueChanged.connect(lambda _v: self.update_fee())
            self.fields["when"].dateTimeChanged.connect(lambda _v: self.update_fee())
            self.update_fee()

    def update_fee(self) -> None:
        with self.database.read_session() as s:
            computed = process.proposed_fee(
                s, self.call_id, WorkMode.REPAIR.value, self.value("when"), self.value("repair_hours")
            )
        self.fields["fee_computed"].setText(computed_text(computed))

    def save(self, session) -> int:
        process.finish_repair(
            session, self.call_id, when=self.value("when"), repair_hours=self.value("repair_hours"), by_id=self.by_id,
            work_done=self.value("work_done"), technician_id=self.value("technician_id"),
        )
        return self.call_id


class InspectDialog(StepDialog):
    """S7: the supervisor passes the repair or sends it back with what is wrong."""

    step = Step.INSPECT

    def time_label(self) -> str:
        return self.tr("Inspected at")

    def build(self, session, call: ServiceCall) -> None:
        card = process.repair_card_of(session, call.id)
        if card is not None:
            done = " · ".join(
                x for x in (
                    card.technician.name if card.technician else "",
                    self.tr("%1 h").replace("%1", f"{card.repair_hours:g}") if card.repair_hours is not None else "",
                    " ".join((card.work_done or "").split()),
                ) if x
            )
            self.add_field("card", self.tr("Repair"), info(f"{card.card_no} · {done}" if done else card.card_no))
        self.add_field(
            "passed", self.tr("Result"),
            RadioChoice([(True, self.tr("Passed")), (False, self.tr("Sent back to repair"))], True), required=True,
        )
        self.add_field("inspection_result", self.tr("Note"), text_box(), max_length=column_length(RepairCard, "inspection_result"))

    def after_build(self) -> None:
        self.fields["passed"].changed.connect(self._result_changed)
        self._result_changed()

    def _result_changed(self) -> None:
        failed = self.value("passed") is False
        label = self.form.labelForField(self.fields["inspection_result"].parentWidget())
        label.setText(self.tr("What is wrong *") if failed else self.tr("Note"))

    def save(self, session) -> int:
        process.inspect(
            session, self.call_id, passed=bool(self.value("passed")), when=self.value("when"), by_id=self.by_id,
            note=self.value("inspection_result"),
        )
        return self.call_id


def _goods_text(session, call_id: int) -> str:
    entry = process.goods_entry_of(session, call_id)
    if entry is None:
        return ""
    parts = [f"{entry.taken_in_at:%Y-%m-%d %H:%M}"]
    if entry.accessories:
        parts.append(entry.accessories)
    if entry.condition:
        parts.append(entry.condition)
    return " · ".join(parts)


class ReturnGoodsDialog(StepDialog):
    """S7: after the inspection, the goods go back with the voucher."""

    step = Step.RETURN_GOODS

    def time_label(self) -> str:
        return self.tr("Returned at")

    def build(self, session, call: ServiceCall) -> None:
        self.add_field("goods", self.tr("Taken in"), info(_goods_text(session, call.id)))

    def save(self, session) -> int:
        process.return_goods(session, self.call_id, self.value("when"), self.by_id)
        return self.call_id


class ReturnUnrepairedDialog(StepDialog):
    """The goods go back unrepaired (quote declined, cannot be repaired), with the reason."""

    step = Step.RETURN_UNREPAIRED

    def time_label(self) -> str:
        return self.tr("Returned at")

    def build(self, session, call: ServiceCall) -> None:
        self.add_field("goods", self.tr("Taken in"), info(_goods_text(session, call.id)))
        card = process.repair_card_of(session, call.id)
        reason = self.tr("The customer declined the quote.") if card is not None and card.consent_given is False else ""
        self.add_field("reason", self.tr("Reason"), QLineEdit(reason), required=True)

    def save(self, session) -> int:
        process.return_unrepaired(
            session, self.call_id, reason=self.value("reason"), when=self.value("when"), by_id=self.by_id
        )
        return self.call_id


class VoidReceiptDialog(StepDialog):
    """S7: the customer's goods receipt is taken back and voided. A USB scanner types the
    number and Enter (the default button saves); a customer who lost it is identified by a
    document instead."""

    step = Step.VOID_RECEIPT

    def time_label(self) -> str:
        return self.tr("Voided at")

    def build(self, session, call: ServiceCall) -> None:
        number = self.add_field("receipt_no", self.tr("Receipt number"), QLineEdit(), required=True)
        number.setPlaceholderText(self.tr("scan or type the number on the receipt"))
        lost = self.add_field("receipt_lost", self.tr("Receipt lost"), QCheckBox(self.tr("The customer lost the receipt")))
        lost.toggled.connect(self._lost_changed)
        document = self.add_field("identity_document", self.tr("Identity document checked"), QLineEdit(), required=True)
        document.setPlaceholderText(self.tr("e.g. ID card, last four digits 1234"))
        self.show_row("identity_document", False)

    def after_build(self) -> None:
        self.fields["receipt_no"].setFocus()

    def _lost_changed(self, lost: bool) -> None:
        self.fields["receipt_no"].setEnabled(not lost)
        if lost:
            self.fields["receipt_no"].clear()
        self.show_row("identity_document", lost)
        (self.fields["identity_document"] if lost else self.fields["receipt_no"]).setFocus()

    def field_for(self, service_field: str | None) -> str | None:
        if service_field == "receipt_no" and self.value("receipt_lost"):
            return "identity_document"  # a lost receipt: what is missing is the document
        return super().field_for(service_field)

    def show_user_error(self, exc: UserError) -> None:
        super().show_user_error(exc)
        if self.fields["receipt_no"].isEnabled():
            self.fields["receipt_no"].selectAll()  # the next scan replaces the refused number

    def save(self, session) -> int:
        lost = bool(self.value("receipt_lost"))
        process.void_receipt(
            session, self.call_id, when=self.value("when"), by_id=self.by_id,
            receipt_no=None if lost else self.value("receipt_no"),
            identity_document=self.value("identity_document") if lost else None,
        )
        return self.call_id


class CloseDialog(StepDialog):
    """S7: the voucher is filed and the call closed. A paid job's fee neither collected nor
    invoiced is shown, with the choice to close it as to be invoiced (the service refuses
    to close it otherwise, at that choice)."""

    step = Step.CLOSE

    def time_label(self) -> str:
        return self.tr("Closed at")

    def build(self, session, call: ServiceCall) -> None:
        self.unsettled = not process.fee_settled(call)
        if self.unsettled:
            self.add_field(
                "fee", self.tr("Fee"), info(f"{money(call.fee)} · " + self.tr("neither collected nor invoiced"))
            )
            self.add_field(
                "payment_method", self.tr("Payment"),
                QCheckBox(labels.PAYMENT_METHOD[PaymentMethod.INVOICE.value].tr(translate)), required=True,
            )

    def save(self, session) -> int:
        process.close(
            session, self.call_id, self.value("when"), self.by_id,
            to_be_invoiced=self.unsettled and bool(self.value("payment_method")),
        )
        return self.call_id


class CancelDialog(StepDialog):
    """The call is withdrawn or was registered in error; the reason is kept."""

    step = Step.CANCEL

    def time_label(self) -> str:
        return self.tr("Cancelled at")

    def build(self, session, call: ServiceCall) -> None:
        self.add_field("reason", self.tr("Reason"), QLineEdit(), required=True,
                       max_length=column_length(ServiceCall, "cancel_reason"))

    def save(self, session) -> int:
        process.cancel(session, self.call_id, reason=self.value("reason"), when=self.value("when"), by_id=self.by_id)
        return self.call_id


# --------------------------------------------------------------------------- fees (S5, S8)


class SetFeeDialog(FeeFields, StepDialog):
    """A paid job's fee entered or changed; another amount than the computed one needs a
    reason."""

    step = Step.SET_FEE
    reason_without_rate = True

    def time_label(self) -> str:
        return self.tr("Set at")

    def build(self, session, call: ServiceCall) -> None:
        self._add_fee_fields(self.tr("Computed fee"))
        self.fields["fee"].setText("" if call.fee is None else f"{call.fee:.2f}")
        self.fields["fee_override_reason"].setText(call.fee_override_reason or "")
        self._computed_at_load = call.fee_computed

    def after_build(self) -> None:
        self.fee_typed = bool(self.fields["fee"].text())
        self._set_computed(self._computed_at_load)

    def save(self, session) -> int:
        process.set_fee(
            session, self.call_id, fee=self.value("fee"), reason=self._reason(), when=self.value("when"), by_id=self.by_id
        )
        return self.call_id


class CollectFeeDialog(StepDialog):
    """S5: the fee was collected on site."""

    step = Step.COLLECT_FEE

    def time_label(self) -> str:
        return self.tr("Collected at")

    def build(self, session, call: ServiceCall) -> None:
        self.add_field("fee", self.tr("Fee"), info(money(call.fee) or self.tr("not set yet")))
        amount = call.fee_collected if call.fee_collected is not None else call.fee
        self.add_field(
            "fee_collected", self.tr("Amount collected"), QLineEdit("" if amount is None else f"{amount:.2f}"), required=True
        )

    def save(self, session) -> int:
        process.collect_fee(
            session, self.call_id, amount=self.value("fee_collected"), when=self.value("when"), by_id=self.by_id
        )
        return self.call_id


class HandOverFeeDialog(StepDialog):
    """S5: the money collected on site goes to the accountant."""

    step = Step.HAND_OVER_FEE

    def time_label(self) -> str:
        return self.tr("Handed over at")

    def build(self, session, call: ServiceCall) -> None:
        collected = money(call.fee_collected) if call.fee_collected is not None else self.tr("nothing collected on site")
        self.add_field("fee_collected", self.tr("Collected on site"), info(collected))
        accountants = staff_combo(self.database, roles=("accountant",))
        if accountants.count() == 2:  # the empty line and the branch's one accountant
            accountants.setCurrentIndex(1)
        self.add_field("fee_handed_to_id", self.tr("Accountant"), accountants, required=True)

    def save(self, session) -> int:
        process.hand_over_fee(
            session, self.call_id, accountant_id=self.value("fee_handed_to_id"), when=self.value("when"), by_id=self.by_id
        )
        return self.call_id


class InvoiceDialog(StepDialog):
    """S5, S8: the accountant records the number of the invoice issued."""

    step = Step.INVOICE

    def time_label(self) -> str:
        return self.tr("Issued at")

    def build(self, session, call: ServiceCall) -> None:
        self.add_field("fee", self.tr("Fee"), info(money(call.fee) or self.tr("not set yet")))
        self.add_field("invoice_no", self.tr("Invoice number"), QLineEdit(), required=True)

    def save(self, session) -> int:
        process.record_invoice(
            session, self.call_id, invoice_no=self.value("invoice_no"), when=self.value("when"), by_id=self.by_id
        )
        return self.call_id


# --------------------------------------------------------------------------- S9, taking back


class EscalateStepDialog(StepDialog):
    """S9: the repair will miss its promised date; the supervisor is told why."""

    step = Step.ESCALATE

    def time_label(self) -> str:
        return self.tr("Escalated at")

    def build(self, session, call: ServiceCall) -> None:
        card = process.repair_card_of(session, call.id)
        promised = card.promised_date if card is not None else None
        self.add_field(
            "promised_date", self.tr("Promised return"),
            info(promised.isoformat() if promised else self.tr("no date promised")),
        )
        self.add_field(
            "escalation_note", self.tr("Why, and what is needed"), text_box(card.escalation_note if card else None),
            required=True, max_length=column_length(RepairCard, "escalation_note"),
        )

    def save(self, session) -> int:
        process.escalate(
            session, self.call_id, note=self.value("escalation_note"), when=self.value("when"), by_id=self.by_id
        )
        return self.call_id


class UndoDialog(StepDialog):
    """A supervisor takes back the call's latest step, recorded by mistake, with a reason;
    the form says which step that is and what taking it back does."""

    step = Step.UNDO
    has_time = False

    def build(self, session, call: ServiceCall) -> None:
        step = process.step_to_undo(session, call.id)
        if step is None:
            text = self.tr("There is no step to take back.")
        else:
            status = labels.CALL_STATUS.get(step.from_status)
            who = step.by.name if step.by is not None else ""
            text = (
                self.tr("“%1” of %2 %3").replace("%1", STEP_NAMES[step.step].tr(translate))
                .replace("%2", f"{step.happened_at:%Y-%m-%d %H:%M}").replace("%3", who).strip()
            )
            if step.note:
                text += f" ({' '.join(step.note.split())})"
            if step.from_status and step.from_status != step.to_status and status is not None:
                text += "\n" + self.tr("The call goes back to “%1”.").replace("%1", status.tr(translate))
            if step.step == Step.TAKE_BACK:
                entry = process.goods_entry_of(session, call.id)
                card = process.repair_card_of(session, call.id)
                if entry is not None and card is not None:
                    text += "\n" + (
                        self.tr("Goods receipt %1 is voided and repair card %2 cancelled; their numbers are not used again.")
                        .replace("%1", entry.receipt_no).replace("%2", card.card_no)
                    )
        self.add_field("step", self.tr("Step taken back"), info(text))
        self.add_field("reason", self.tr("Reason"), QLineEdit(), required=True)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Take back"))

    def save(self, session) -> int:
        process.undo_last_step(session, self.call_id, reason=self.value("reason"), by_id=self.by_id)
        return self.call_id


DIALOGS: dict[str, type[StepDialog]] = {
    cls.step: cls
    for cls in (
        ArriveDialog, CompleteOnSiteDialog, SignDialog, StrikeOffDialog, TakeBackDialog, QuoteDialog, ConsentDialog,
        StartRepairDialog, FinishRepairDialog, InspectDialog, ReturnGoodsDialog, ReturnUnrepairedDialog,
        VoidReceiptDialog, CloseDialog, CancelDialog, SetFeeDialog, CollectFeeDialog, HandOverFeeDialog, InvoiceDialog,
        EscalateStepDialog, UndoDialog,
    )
}


def step_dialog(
    database: Database, call_id: int, step: str, parent: QWidget | None = None, *, by_id: int | None = None
) -> RecordDialog:
    """The form of ``step`` for the call, recorded by ``by_id`` (the current user)."""
    if step == Step.DISPATCH:
        from .process import DispatchDialog

        return DispatchDialog(database, call_id, parent, by_id=by_id)
    if step == Step.CHANGE_KIND:
        from .process import ChangeKindDialog

        return ChangeKindDialog(database, call_id, parent, by_id=by_id)
    return DIALOGS[step](database, call_id, parent, by_id=by_id)
