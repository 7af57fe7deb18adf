"""Printing from the window: gather a form's records (services), draw the PDF (printing/),
then show it in the preview, from which it is printed or saved.

The selected records' forms are gathered and drawn in the background (``views/background``):
many repair cards at once draw under a progress dialog that can be cancelled, and the window
keeps painting meanwhile. The branch's own layouts in the data folder's forms/ are used
when present.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QWidget

from .. import clock
from ..db import Database
from ..printing import Record, RenderReport, forms, print_records
from ..services import branch
from . import background
from .background import Task
from .delegates import from_qdate, to_qdate
from .i18n import translate

log = logging.getLogger(__name__)

PERIOD_FORMS = ("call_register", "goods_register", "repair_card_register")  # printed for a period (else a day)
REGISTER_FORM = {"service_call": "service_voucher", "goods_entry": "goods_receipt", "repair_card": "repair_card"}


def _override_dir(database: Database):
    return database.config.forms_dir if database.config is not None else None


def _show(parent: QWidget | None, pdf: bytes, form: str, title: str, file_name: str) -> QDialog:
    from .print_preview import PrintPreviewDialog

    dialog = PrintPreviewDialog(pdf, form, title, parent, suggested_file_name=file_name)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()  # not modal: the clerk may look something up while the preview is open
    return dialog


def _warn_if_cut(parent: QWidget | None, report: RenderReport) -> None:
    """A box too small for its text even at the smallest size: the text was cut with …; say
    which boxes (their place in the layout and their field) where the clerk looks, without
    stopping the print."""
    if not report.truncated:
        return
    keys = ", ".join(sorted({key for _record, key in report.truncated}))
    log.warning("printed text cut to fit its box: %s", report.truncated)
    window = parent.window() if parent is not None else None
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(
            QCoreApplication.translate("PrintActions", "Some text did not fit its box in the form's layout (%1) and was cut.")
            .replace("%1", keys),
            30_000,
        )


def render_in_background(
    parent: QWidget | None, database: Database, form: str, records_of: Callable[[], Sequence[Record]], count: int,
    show: Callable[[Sequence[Record], bytes], QDialog | None],
) -> Task | None:
    """Gather ``count`` records with ``records_of`` (it opens its own session) and draw their
    PDF in the background, then ``show(records, pdf)`` on the GUI thread. Many records draw
    under a progress dialog that can be cancelled (then nothing is shown). The running task,
    its ``outcome`` what ``show`` returned (None when there was nothing to print)."""
    override = _override_dir(database)

    def work(progress) -> tuple[Sequence[Record], bytes | None, RenderReport | None]:
        records = records_of()
        if not records:
            return records, None, None
        pdf, report = print_records(form, records, None, override, progress=progress)
        return records, pdf, report

    def drawn(result: tuple[Sequence[Record], bytes | None, RenderReport | None]) -> QDialog | None:
        records, pdf, report = result
        if pdf is None:
            return None
        _warn_if_cut(parent, report)
        dialog = show(records, pdf)
        if dialog is not None:
            dialog.show_cut(report.truncated)
        return dialog

    return background.run_in_background(
        parent, work, drawn,
        label=QCoreApplication.translate("PrintActions", "Drawing %1 forms…").replace("%1", str(count)),
        title=QCoreApplication.translate("PrintActions", "Printing"),
    )


def preview_records(parent: QWidget | None, database: Database, register: str, ids: Sequence[int],
                    on_shown: Callable[[QDialog], None] | None = None) -> Task | None:
    """The form of the selected rows of a register in the preview: service vouchers for
    calls, receipts for goods, repair cards for cards; ``on_shown(preview)`` once it shows.
    The running task (its ``outcome`` the preview), or None when there is nothing to print."""
    if not ids:
        return None
    form = REGISTER_FORM[register]
    spec = forms.spec_of(form)
    wanted = list(ids)

    def records_of() -> Sequence[Record]:
        with database.read_session() as session:
            return forms.records_by_ids(session, form, wanted, translate)

    def show(records: Sequence[Record], pdf: bytes) -> QDialog:
        first = records[0].fields
        number = next((first[k] for k in ("card_no", "receipt_no", "call_no") if first.get(k)), "")
        title = spec.title.tr(translate)
        name = f"{title}-{number}" + (f"-{len(records)}" if len(records) > 1 else "")
        shown = f"{title} {number}" if len(records) == 1 else f"{title} × {len(records)}"
        dialog = _show(parent, pdf, form, shown, f"{name}.pdf")
        if on_shown is not None:
            on_shown(dialog)
        return dialog

    return render_in_background(parent, database, form, records_of, len(wanted), show)


# -- registers for a period, daily reports ---------------------------------------------------------

class PeriodDialog(QDialog):
    """Asks for the period of a register, or the day (and technician) of a daily report."""

    def __init__(self, database: Database, form: str, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.form = forms.spec_of(form)
        today = today or clock.today()
        self.setWindowTitle(self.tr("Print %1").replace("%1", self.form.title.tr(translate)))
        layout = QFormLayout(self)
        self.technician: QComboBox | None = None
        if self.form.name in PERIOD_FORMS:
            self.date_from = self._date_edit(today.replace(day=1))
            self.date_to = self._date_edit(today)
            layout.addRow(self.tr("From"), self.date_from)
            layout.addRow(self.tr("To"), self.date_to)
        else:
            self.date_from = self.date_to = self._date_edit(today)
            layout.addRow(self.tr("Day"), self.date_from)
            if self.form.name == "technician_daily":
                self.technician = QComboBox()
                self.technician.addItem(self.tr("Every technician who worked that day"), None)
                from ..models import Role
                from ..services import staff

                with database.read_session() as session:
                    for person in staff.active_staff(session, (Role.TECHNICIAN.value,)):
                        self.technician.addItem(person.name, person.name)
                layout.addRow(self.tr("Technician"), self.technician)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Preview"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    @staticmethod
    def _date_edit(value: date) -> QDateEdit:
        edit = QDateEdit(to_qdate(value))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMaximumDate(to_qdate(clock.today()).addYears(1))
        return edit

    def values(self) -> tuple[date, date, str | None]:
        return (
            from_qdate(self.date_from.date()),
            from_qdate(self.date_to.date()),
            self.technician.currentData() if self.technician is not None else None,
        )


def preview_period(
    parent: QWidget | None, database: Database, form: str, start: date, end: date, technician: str | None = None
) -> QDialog:
    from ..printing import print_period

    spec = forms.spec_of(form)
    pdf, report = print_period(database, spec.name, start, end, None, _override_dir(database), translate, technician)
    _warn_if_cut(parent, report)
    title = spec.title.tr(translate)
    span = f"{start:%Y-%m-%d}" if start == end else f"{start:%Y-%m-%d}—{end:%Y-%m-%d}"
    dialog = _show(parent, pdf, spec.name, f"{title} {span}", f"{title}-{span}.pdf")
    dialog.show_cut(report.truncated)
    return dialog


def ask_and_preview(parent: QWidget | None, database: Database, form: str, ask: Callable[[QDialog], int] | None = None) -> QDialog | None:
    dialog = PeriodDialog(database, form, parent)
    if (ask or QDialog.exec)(dialog) != QDialog.DialogCode.Accepted:
        return None
    start, end, technician = dialog.values()
    return preview_period(parent, database, form, start, end, technician)


def branch_is_set(database: Database) -> bool:
    with database.read_session() as session:
        return branch.load(session).is_set


# -- the customer list (I2) ------------------------------------------------------------------------------

def preview_customer_list(parent: QWidget | None, database: Database, view, now: datetime | None = None) -> QDialog:
    """客户一览表 of the customer register ``view`` as it is filtered and searched on screen."""
    from ..printing import print_customer_list

    view.apply_search()  # what the search box shows, even if typed a moment ago
    shown = view.model.query
    pdf, report = print_customer_list(database, dict(shown.filters), shown.search, None, _override_dir(database), translate, now)
    _warn_if_cut(parent, report)
    title = forms.spec_of("customer_list").title.tr(translate)
    day = f"{now or clock.now():%Y-%m-%d}"
    dialog = _show(parent, pdf, "customer_list", title, f"{title}-{day}.pdf")
    dialog.show_cut(report.truncated)
    return dialog
