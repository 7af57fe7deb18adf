"""File → 离职交接: a leaving employee's hand-over (I6, I11) in three pages — who leaves and
why; each customer, open call and contract with the colleague who takes it over; a last
look before the one transaction (services/handover.py) that moves everything, records it and
closes the account. The notification letters are then shown in the print preview."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from .. import clock, faults
from ..db import Database
from ..errors import UserError
from ..models import Handover, HandoverItemKind, Role
from ..services import auth, labels
from ..services import handover as handover_service
from ..services import staff as staff_service
from ..services.validation import column_length
from .delegates import DATE_FORMAT, from_qdate, to_qdate
from .errors import log_error, message_of
from .i18n import translate
from .text_limits import limit_text

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020;"


class LeavingPage(QWizardPage):
    def __init__(self, wizard: "HandoverWizard") -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Who leaves"))
        self.setSubTitle(self.tr("Everything this person is responsible for is handed over; then their account is closed."))
        form = QFormLayout(self)
        self.person = QComboBox()
        self.person.setObjectName("leaving")
        self.person.addItem(self.tr("(choose)"), None)
        with wizard.database.read_session() as s:
            for person in staff_service.active_staff(s):
                if person.id != wizard.user.staff_id:
                    role = labels.ROLE.get(person.role)
                    self.person.addItem(f"{person.name}（{role.tr(translate) if role else person.role}）", person.id)
        self.day = QDateEdit(to_qdate(wizard.today))
        self.day.setObjectName("effective_on")
        self.day.setDisplayFormat(DATE_FORMAT)
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(to_qdate(wizard.today))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        limit_text(self.reason, column_length(Handover, "reason"))
        self.reason.setPlaceholderText(self.tr("e.g. resigned; transferred to head office"))
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        form.addRow(self.tr("Leaving"), self.person)
        form.addRow(self.tr("Replacements take over on"), self.day)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.summary)
        earlier = QPushButton(self.tr("Earlier hand-overs and their letters…"))
        earlier.setObjectName("earlier")
        earlier.clicked.connect(lambda: HandoverHistoryDialog(wizard.database, wizard.user, self).exec())
        form.addRow("", earlier)
        self.person.currentIndexChanged.connect(self._changed)
        self.day.dateChanged.connect(self._changed)
        self.reason.textChanged.connect(lambda _t: self.completeChanged.emit())

    def leaving_id(self) -> int | None:
        return self.person.currentData()

    def _changed(self, *_args) -> None:
        leaving = self.leaving_id()
        if leaving is None:
            self.summary.clear()
        else:
            plan = self.owner.load_plan(leaving, from_qdate(self.day.date()))
            counts = {kind: len(plan.of_kind(kind)) for kind in HandoverItemKind}
            self.summary.setText(
                self.tr("%1 customers, %2 open service calls and %3 maintenance contracts to hand over.")
                .replace("%1", str(counts[HandoverItemKind.CUSTOMER]))
                .replace("%2", str(counts[HandoverItemKind.CALL]))
                .replace("%3", str(counts[HandoverItemKind.CONTRACT]))
            )
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.leaving_id() is not None and bool(self.reason.text().strip())


class AssignPage(QWizardPage):
    COLUMNS = 5

    def __init__(self, wizard: "HandoverWizard") -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Who takes over what"))
        self.setSubTitle(self.tr("Choose a colleague for every line; open service calls go to a technician."))
        box = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Give everything to")))
        self.everyone = QComboBox()
        self.everyone.setObjectName("everyone")
        row.addWidget(self.everyone, 1)
        apply = QPushButton(self.tr("Apply to all lines"))
        apply.setObjectName("apply_all")
        apply.clicked.connect(self.apply_to_all)
        row.addWidget(apply)
        box.addLayout(row)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("items")
        self.table.setHorizontalHeaderLabels(
            [self.tr("What"), self.tr("Number"), self.tr("Customer"), self.tr("Details"), self.tr("Taken over by")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.table)
        self.empty = QLabel(self.tr("Nothing to hand over: the account is closed and the departure recorded."))
        self.empty.setObjectName("nothing")
        box.addWidget(self.empty)
        self.combos: dict[tuple[str, int], QComboBox] = {}

    def initializePage(self) -> None:  # noqa: N802
        plan = self.owner.plan
        staff, technicians = self.owner.colleagues()
        self.everyone.clear()
        self.everyone.addItem(self.tr("(choose)"), None)
        for person_id, name in staff:
            self.everyone.addItem(name, person_id)
        self.table.setRowCount(0)
        self.combos.clear()
        for r, item in enumerate(plan.items):
            self.table.insertRow(r)
            values = [handover_service.KIND_NAMES[item.kind].tr(translate), item.reference, item.customer_name,
                      item.detail]
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                self.table.setItem(r, c, cell)
            combo = QComboBox()
            combo.addItem(self.tr("(choose)"), None)
            for person_id, name in (technicians if item.kind == HandoverItemKind.CALL.value else staff):
                combo.addItem(name, person_id)
            if item.suggested_id is not None:
                combo.setCurrentIndex(max(combo.findData(item.suggested_id), 0))
            combo.currentIndexChanged.connect(lambda _i: self.completeChanged.emit())
            self.table.setCellWidget(r, 4, combo)
            self.combos[item.key] = combo
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(4, max(self.table.columnWidth(4), 150))  # a name and the combo's arrow
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(bool(plan.items))
        self.empty.setVisible(not plan.items)

    def apply_to_all(self) -> None:
        """Everything to one colleague; calls only if that colleague is a technician (else
        they keep their own choice)."""
        person = self.everyone.currentData()
        if person is None:
            return
        for combo in self.combos.values():
            index = combo.findData(person)
            if index >= 0:
                combo.setCurrentIndex(index)

    def choices(self) -> dict[tuple[str, int], int | None]:
        return {key: combo.currentData() for key, combo in self.combos.items()}

    def isComplete(self) -> bool:  # noqa: N802
        return all(v is not None for v in self.choices().values())


class ConfirmPage(QWizardPage):
    def __init__(self, wizard: "HandoverWizard") -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Check and hand over"))
        self.setSubTitle(self.tr("One step: everything moves and the account closes, or nothing changes."))
        box = QVBoxLayout(self)
        self.summary = QPlainTextEdit()  # scrolls: a long-serving colleague leaves many lines
        self.summary.setObjectName("confirm_summary")
        self.summary.setReadOnly(True)
        self.summary.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        box.addWidget(self.summary, 1)
        self.print_letters = QCheckBox(self.tr("Show the notification letters to print (one per customer)"))
        self.print_letters.setObjectName("print_letters")
        self.print_letters.setChecked(True)
        box.addWidget(self.print_letters)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        box.addWidget(self.message)

    def initializePage(self) -> None:  # noqa: N802
        self.message.hide()
        plan = self.owner.plan
        names = dict(self.owner.colleagues()[0])
        lines = [self.tr("%1 leaves; replacements take over on %2.")
                 .replace("%1", plan.name).replace("%2", self.owner.effective_on().isoformat())]
        by_person: dict[int, list[str]] = {}
        for item in plan.items:
            person = self.owner.assign_page.choices()[item.key]
            by_person.setdefault(person, []).append(item.what(translate) + f"（{item.customer_name}）")
        for person, things in by_person.items():
            lines.append("")
            lines.append(self.tr("To %1:").replace("%1", names.get(person, str(person))))
            lines.extend(f"  · {thing}" for thing in things)
        lines.append("")
        lines.append(self.tr("%1's account is closed: they can no longer log in.").replace("%1", plan.name))
        self.summary.setPlainText("\n".join(lines))
        customers = {item.customer_id for item in plan.items}
        self.print_letters.setEnabled(bool(customers))
        self.print_letters.setChecked(bool(customers))

    def validatePage(self) -> bool:  # noqa: N802
        try:
            self.owner.result = handover_service.hand_over(
                self.owner.database, self.owner.user, self.owner.plan.staff_id, self.owner.assign_page.choices(),
                reason=self.owner.leaving_page.reason.text(), effective_on=self.owner.effective_on(),
                translate=translate,
            )
        except UserError as exc:
            self.message.setText(exc.render(translate))
            self.message.show()
            return False
        except Exception as exc:  # never a traceback in the user's face; the log has it
            log_error(exc, "hand-over failed")
            self.message.setText(message_of(exc) if faults.is_fault(exc) else self.tr(
                "The hand-over could not be saved; nothing was changed. See the log file."))
            self.message.show()
            return False
        return True


class HandoverWizard(QWizard):
    def __init__(self, database: Database, user: auth.LoggedIn | None, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        auth.require(user, auth.Permission.HANDOVER)  # the service checks again when it writes
        assert user is not None
        self.database = database
        self.user = user
        self.today = today or clock.today()
        self.plan: handover_service.DeparturePlan | None = None
        self.result: handover_service.HandoverDone | None = None
        self.setWindowTitle(self.tr("Departure hand-over"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(860, 560)
        self.leaving_page = LeavingPage(self)
        self.assign_page = AssignPage(self)
        self.confirm_page = ConfirmPage(self)
        for page in (self.leaving_page, self.assign_page, self.confirm_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Hand over"))
        self._colleagues: tuple[list[tuple[int, str]], list[tuple[int, str]]] | None = None

    def effective_on(self) -> date:
        return from_qdate(self.leaving_page.day.date())

    def load_plan(self, leaving_id: int, day: date) -> handover_service.DeparturePlan:
        with self.database.read_session() as s:
            self.plan = handover_service.departure_plan(s, leaving_id, on=day, translate=translate)
        self._colleagues = None
        return self.plan

    def colleagues(self) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        """(everyone who may take over, the technicians among them): active staff but the
        one who leaves."""
        if self._colleagues is None:
            leaving = self.plan.staff_id if self.plan else None
            with self.database.read_session() as s:
                people = [(p.id, p.name, p.role) for p in staff_service.active_staff(s) if p.id != leaving]
            self._colleagues = ([(i, n) for i, n, _r in people],
                                [(i, n) for i, n, r in people if r == Role.TECHNICIAN.value])
        return self._colleagues

    def letters_wanted(self) -> bool:
        return self.result is not None and self.result.customers > 0 and self.confirm_page.print_letters.isChecked()


class HandoverHistoryDialog(QDialog):
    """The hand-overs done so far, newest first, to print a hand-over's letters again."""

    def __init__(self, database: Database, user: auth.LoggedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.user = user
        self.setWindowTitle(self.tr("Earlier hand-overs"))
        self.resize(760, 360)
        box = QVBoxLayout(self)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("handovers")
        self.table.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Effective"), self.tr("Who left"),
                                              self.tr("Recorded by"), self.tr("Lines"), self.tr("Reason")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        box.addWidget(self.table)
        with database.read_session() as s:
            for r, record in enumerate(handover_service.handovers(s)):
                self.table.insertRow(r)
                values = [record.handover_no, record.effective_on.isoformat(), record.leaving.name, record.by.name,
                          str(len(record.items)), record.reason or ""]
                for c, value in enumerate(values):
                    self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(self.tr("Print the letters…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("print_letters")
        self.print_button.clicked.connect(self.print_selected)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        box.addWidget(self.message)

    def selected_number(self) -> str | None:
        row = self.table.currentRow()
        return self.table.item(row, 0).text() if row >= 0 else None

    def print_selected(self):
        number = self.selected_number()
        if number is None:
            self.message.setText(self.tr("Choose a hand-over in the list first."))
            return None
        try:
            return preview_letters(self, self.database, self.user, number)
        except UserError as exc:
            self.message.setText(exc.render(translate))
            return None


def preview_letters(parent: QWidget | None, database: Database, user: auth.LoggedIn | None, number: str):
    """The hand-over's letters in the print preview (printing is permission-checked and
    audited), drawn in the background: the running task, its ``outcome`` the preview."""
    from ..printing import forms
    from .print_actions import _show, render_in_background

    auth.authorize(database, user, auth.Permission.PRINT, "print", target_type="handover_letter", target_id=number)
    with database.read_session() as s:
        records = forms.numbered_records(s, "handover_letter", [number], translate)
    title = forms.spec_of("handover_letter").title.tr(translate)
    return render_in_background(
        parent, database, "handover_letter", lambda: records, len(records),
        lambda _records, pdf: _show(parent, pdf, "handover_letter", f"{title} {number}", f"{title}-{number}.pdf"),
    )


def run_handover(parent: QWidget | None, database: Database, user: auth.LoggedIn | None,
                 today: date | None = None) -> handover_service.HandoverDone | None:
    wizard = HandoverWizard(database, user, parent, today)
    if wizard.exec() != QWizard.DialogCode.Accepted or wizard.result is None:
        return None
    if wizard.letters_wanted():
        preview_letters(parent, database, user, wizard.result.handover_no)
    return wizard.result
