"""What every record dialog shares: fields laid out with a message line under each, errors
shown at the field (X2), saving in one transaction, and nothing kept when a save fails."""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Callable

from PySide6.QtCore import QAbstractItemModel, QDate, QObject, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...db import Database
from ...errors import UserError, ValidationError
from ...i18n import QT_TRANSLATE_NOOP, Msg
from ...services import auth, history, lengths
from ...services.validation import column_length
from ..delegates import DATE_FORMAT, DATETIME_FORMAT, from_qdate, from_qdatetime, to_qdate, to_qdatetime
from ..errors import log_error, message_of
from ..i18n import tr, translate
from ..text_limits import limit_text, text_limit_of

log = logging.getLogger(__name__)

# a styled border drops the native frame's padding: give it back, or the text is clipped
ERROR_STYLE = "border: 1px solid #b00020; border-radius: 2px; padding: 2px 3px;"
SAVE_CALLBACK = Callable[[str, "int | None"], None]
LONGER_THAN_PRINTED = QT_TRANSLATE_NOOP(
    "RecordDialog",
    "This text is longer than the form prints: {length} characters, of which the form shows {max}. It is kept whole; "
    "a change of it must bring it to at most {max} characters.",
)


def combo(choices: dict[str, Msg], current: str | None = None) -> QComboBox:
    box = QComboBox()
    for code, label in choices.items():
        box.addItem(label.tr(translate), code)
    if current is not None:
        box.setCurrentIndex(max(box.findData(current), 0))
    return box


def datetime_edit(value: datetime | None = None) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setDisplayFormat(DATETIME_FORMAT)
    edit.setCalendarPopup(True)
    edit.setDateTime(to_qdatetime(value or clock.now_to_minute()))
    return edit


class OptionalDateEdit(QDateEdit):
    """A date that may be left empty: the minimum date stands for 'none' and shows blank."""

    def __init__(self, value: date | None = None) -> None:
        super().__init__()
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setMinimumDate(QDate(1990, 1, 1))
        self.setSpecialValueText(" ")
        self.set_value(value)

    def set_value(self, value: date | None) -> None:
        self.setDate(to_qdate(value) if value else self.minimumDate())

    def value(self) -> date | None:
        return None if self.date() == self.minimumDate() else from_qdate(self.date())


def text_of(widget: QWidget) -> object:
    """The value a field holds, as the services take it."""
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, OptionalDateEdit):
        return widget.value()
    if isinstance(widget, QDateEdit):
        return from_qdate(widget.date())
    if isinstance(widget, QDateTimeEdit):
        return from_qdatetime(widget.dateTime())
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    raise TypeError(widget)


def set_value(widget: QWidget, value: object) -> None:
    limit = text_limit_of(widget)
    if limit is not None and value is not None:
        limit.allow(len(str(value)))  # an old text longer than the limit is shown whole, never cut
    if isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(widget.findData(value), 0))
    elif isinstance(widget, OptionalDateEdit):
        widget.set_value(value)  # type: ignore[arg-type]
    elif isinstance(widget, QDateTimeEdit) and isinstance(value, datetime):
        widget.setDateTime(to_qdatetime(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText("" if value is None else str(value))
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))


_VALUE_ROLES = {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole}


def edited_signals(widget: QWidget) -> list:
    """The signals that say a field's value changed — not its colours (a table's cells are
    coloured to show a refusal, which must not take the message away). A field made of
    other widgets (times side by side, a path and its Choose… button) changes with them."""
    own = _own_signals(widget)
    if own is not None:
        return own
    signals = []
    for child in widget.findChildren(QWidget):
        if not isinstance(child.parentWidget(), (QAbstractSpinBox, QComboBox)):  # their inner line
            signals += _own_signals(child) or []
    return signals


def _own_signals(widget: QWidget) -> list | None:
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        return [widget.textChanged]
    if isinstance(widget, QComboBox):
        return [widget.currentIndexChanged, widget.editTextChanged]
    if isinstance(widget, QDateTimeEdit):  # dates and times
        return [widget.dateTimeChanged]
    if isinstance(widget, QAbstractSpinBox) and hasattr(widget, "valueChanged"):
        return [widget.valueChanged]
    if isinstance(widget, QAbstractButton):
        return [widget.toggled]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        return [_ValueChanged.of(model).changed, model.rowsInserted, model.rowsRemoved]
    own = [getattr(widget, n) for n in ("changed", "chosen", "product_chosen") if isinstance(getattr(type(widget), n, None), Signal)]
    return own or None


class _ValueChanged(QObject):
    """A model's ``dataChanged`` for the values only (not a cell's colour)."""

    changed = Signal()

    @classmethod
    def of(cls, model: QAbstractItemModel) -> "_ValueChanged":
        found = model.findChild(cls)
        if found is None:
            found = cls(model)
            model.dataChanged.connect(found._data_changed)
        return found

    def _data_changed(self, _top_left, _bottom_right, roles=()) -> None:
        if not roles or any(Qt.ItemDataRole(r) in _VALUE_ROLES for r in roles):
            self.changed.emit()


READ_ONLY_STYLE = "background: #f1f1f1; color: #333;"
FRAME_ALLOWANCE = 32  # a title bar the window manager adds before the frame is known


class _FormScroll(QScrollArea):
    """The form's fields, scrolled only when the screen is too short for them; otherwise as
    large as they ask (a plain QScrollArea asks for a small fixed size)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # not a stop of its own on the way from field to field: Tab goes from the last field
        # above to the first inside, and the area still scrolls to the field that has the focus
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        inner = self.widget().sizeHint() if self.widget() is not None else QSize(0, 0)
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inner.width() + bar, inner.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        inner = self.widget().minimumSizeHint() if self.widget() is not None else QSize(0, 0)
        return QSize(inner.width(), min(inner.height(), 120))


def _make_read_only(widget: QWidget) -> None:
    """Shown, readable and selectable where Qt allows it (text can still be copied), not editable."""
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractSpinBox)):
        widget.setReadOnly(True)
        widget.setStyleSheet(READ_ONLY_STYLE)  # white boxes would look as if they could be typed in
    elif isinstance(widget, QAbstractItemView):
        widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    else:
        widget.setEnabled(False)


def keep_on_screen(window: QWidget) -> None:
    """At most the screen's free area (the taskbar left out), and inside it; a title bar is
    allowed for before the window manager has told its frame."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - max(extra_h, FRAME_ALLOWANCE))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.left(), area.left()), area.right() - frame.width() + 1)
    y = min(max(frame.top(), area.top()), area.bottom() - frame.height() + 1)
    if (x, y) != (frame.left(), frame.top()):
        window.move(x, y)


class RecordDialog(QDialog):
    """A form of named fields. Subclasses add fields with ``add_field`` and implement
    ``save(session) -> row id``; ``accept`` runs it in one transaction and shows any
    UserError under the field it names."""

    register_name = ""
    # the model whose columns give the text fields their lengths (fields named as its attributes)
    record_model: type | None = None

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.saved_id: int | None = None
        self.current_user_id: int | None = None  # who saves: the record's field history keeps it
        self.edit: history.Edit | None = None  # what the last save changed, for the window's undo list
        self.history_table = None  # the record's field history (add_history)
        self.read_only = False  # a closed record (show_read_only)
        self._grown_to_its_fields = False  # the first show sizes the dialog to its fields
        self.fields: dict[str, QWidget] = {}
        self.required: set[str] = set()
        self._messages: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.general_message = QLabel()
        self.general_message.setObjectName("general_message")
        self.general_message.setStyleSheet("color: #b00020;")
        self.general_message.setWordWrap(True)
        self.general_message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Enter in a text box is a new line: Ctrl+Enter saves from any field
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)
        self.body = QVBoxLayout(self)
        # the fields scroll when the screen is too short for them (1366×768 less the taskbar):
        # the messages and the buttons below them stay in sight
        self.form_page = QWidget()
        self.form_page.setLayout(self.form)
        self.form_scroll = _FormScroll()
        self.form_scroll.setObjectName("form_scroll")
        self.form_scroll.setWidget(self.form_page)
        self.body.addWidget(self.form_scroll, 1)

    def show_read_only(self, reason: str) -> None:
        """A closed record (services/closed_records.py): its fields shown but not editable,
        the reason above them, Save gone and Cancel become Close; printing stays, and so do
        the call's process steps (the supervisor takes a step back to reopen it)."""
        self.read_only = True
        banner = QLabel(reason)
        banner.setObjectName("read_only_reason")
        banner.setWordWrap(True)
        banner.setStyleSheet("background: #eef2f7; color: #33475b; padding: 6px 8px; border-radius: 3px;")
        self.body.insertWidget(0, banner)
        for widget in self.fields.values():
            _make_read_only(widget)
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole) or self.form.itemAt(
                row, QFormLayout.ItemRole.SpanningRole)
            holder = item.widget() if item is not None else None
            if holder is not None:
                for button in [holder, *holder.findChildren(QPushButton)]:
                    if isinstance(button, QPushButton):
                        button.setEnabled(False)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            self.buttons.removeButton(save)
            save.deleteLater()
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel) or self.buttons.button(
            QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(self.tr("Close"))
            close.setDefault(True)

    def add_history(self, record_type: str, record_id: int) -> QWidget:
        """The record's field history (who changed which field when, from what to what), as a
        row of the form; a dialog with tabs puts it on a tab of its own instead."""
        from ..record_history import HistoryTable

        self.history_table = HistoryTable(self.database, record_type, record_id)
        self.form.addRow(self.tr("Changes"), self.history_table)  # before finish_layout: Tab reaches it before the buttons
        return self.history_table

    def finish_layout(self) -> None:
        self.body.addWidget(self.general_message)
        self.body.addWidget(self.buttons)
        if self.form.rowCount() == 0:  # a dialog of its own widgets (tabs): no empty box above them
            self.form_scroll.hide()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._grown_to_its_fields:
            # Qt sizes a new window to at most two thirds of the screen, so that at 125 % the
            # new-call form scrolled with half the screen free: as tall as the fields ask
            # instead, as far as the free area allows, and centred again over the window
            self._grown_to_its_fields = True
            hint = self.sizeHint()
            if hint.height() > self.height() or hint.width() > self.width():
                centre = self.frameGeometry().center()
                self.resize(max(hint.width(), self.width()), max(hint.height(), self.height()))
                parent = self.parentWidget()
                frame = self.frameGeometry()
                frame.moveCenter(parent.window().frameGeometry().center() if parent is not None else centre)
                self.move(frame.topLeft())
        self._keep_on_screen()

    def _keep_on_screen(self) -> None:
        keep_on_screen(self)

    def add_print_button(self, register: str, row_id: int) -> QPushButton:
        """Print… on a saved record: its form (voucher, receipt, repair card) in the preview,
        as stored — a change not yet saved is not printed."""
        button = self.buttons.addButton(self.tr("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName("print_button")
        button.setToolTip(self.tr("Preview, print or save this record's form as PDF (as last saved)"))

        self.preview = None  # the preview once it shows (it is drawn in the background)

        def preview() -> None:
            from ..errors import show_error
            from ..print_actions import preview_records

            def shown(dialog: QDialog) -> None:
                self.preview = dialog

            try:  # a broken layout or a missing font file while drawing: shown by the background helper
                preview_records(self, self.database, register, [row_id], on_shown=shown)
            except Exception as exc:  # … and here before it starts
                show_error(self, exc)

        button.clicked.connect(preview)
        return button

    def add_field(self, name: str, label: str, widget: QWidget, required: bool = False,
                  max_length: int | None = None) -> QWidget:
        """``max_length``: the most a text field takes; by default the length of the column
        ``name`` of ``record_model`` (issue 17, item 4)."""
        widget.setObjectName(name)
        if isinstance(widget, QPlainTextEdit):  # Tab goes on to the next field, never into the text
            widget.setTabChangesFocus(True)
        message = QLabel()
        message.setObjectName(f"{name}_message")
        message.setStyleSheet("color: #b00020;")
        message.setWordWrap(True)
        message.hide()
        holder = QWidget()
        # the holder takes the whole field column, so that a message under a narrow field (a
        # date) wraps at the column's width and its rows are counted, not drawn over the next
        # field; the field itself keeps its own width
        holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        if isinstance(widget, (QAbstractSpinBox, QComboBox)):  # dates, times, numbers, choices
            box.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            box.addWidget(widget)
        box.addWidget(message)
        self.form.addRow(label + (" *" if required else ""), holder)
        self.fields[name] = widget
        self._messages[name] = message
        if required:
            self.required.add(name)
        for signal in edited_signals(widget):
            signal.connect(lambda *_args, name=name: self._field_edited(name))
        limit = max_length or self._column_length(name)
        helper = limit_text(widget, limit)
        if helper is not None:
            helper.cut.connect(lambda text, name=name: self.show_field_notice(name, text))
        return widget

    def _column_length(self, name: str) -> int | None:
        model = self.record_model
        if model is None or name not in model.__table__.c:  # type: ignore[attr-defined]
            return None
        return column_length(model, name)

    def show_field_notice(self, name: str, text: str) -> None:
        """A line under the field that is not a refusal (input left out, an old long text)."""
        self._messages[name].setText(text)
        self._messages[name].show()

    def show_length_notices(self, session, row_id: int | None) -> None:
        """Under each text of the record kept longer than the form prints (stored before the
        lengths existed): that it is, and what a change of it must fit."""
        if self.record_model is None:
            return
        for flag in lengths.over_length(session, self.record_model, row_id):
            if flag.field in self.fields:
                self.show_field_notice(flag.field, tr(LONGER_THAN_PRINTED, length=flag.length, max=flag.max_length))

    def focus_first_to_fill(self, skip: tuple[str, ...] = ()) -> None:
        """The keyboard starts at the first required field still empty (the proposed time
        and the like need no typing), or else at the first field."""
        def empty(widget: QWidget) -> bool:
            if isinstance(widget, QLineEdit):
                return not widget.text().strip()
            if isinstance(widget, QPlainTextEdit):
                return not widget.toPlainText().strip()
            return False

        editable = [name for name, widget in self.fields.items()
                    if name not in skip and widget.isEnabled() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
                    and not widget.parentWidget().isHidden()]
        to_fill = [name for name in editable if name in self.required and empty(self.fields[name])]
        first = (to_fill or editable or [None])[0]
        if first is not None:
            self.fields[first].setFocus()

    def _field_edited(self, name: str) -> None:
        """The clerk changed a field that shows a message: the message was about the value
        that is gone, and it goes with it (the next save checks the new value)."""
        if name in self._messages and not self._messages[name].isHidden():
            self.clear_field_error(name)

    def value(self, name: str) -> object:
        value = text_of(self.fields[name])
        return None if value == "" else value

    # -- errors at the field ------------------------------------------------------------
    def clear_errors(self) -> None:
        for name, label in self._messages.items():
            label.hide()
            self.fields[name].setStyleSheet("")
        self.general_message.hide()

    def clear_field_error(self, name: str) -> None:
        """The field became valid: its message goes (a stale message misleads)."""
        self._messages[name].hide()
        self._messages[name].clear()
        self.fields[name].setStyleSheet("")

    def show_field_error(self, field: str | None, text: str) -> None:
        target = self.field_for(field)
        if target is None:
            self.general_message.setText(text)
            self.general_message.show()
            return
        self._messages[target].setText(text)
        self._messages[target].show()
        self.fields[target].setStyleSheet(ERROR_STYLE)

    def field_for(self, service_field: str | None) -> str | None:
        """The dialog field that shows a service's field (override when names differ)."""
        return service_field if service_field in self.fields else None

    def show_user_error(self, exc: UserError) -> None:
        """Every problem at its field; the focus goes to the first of them in the form's
        order (not the service's), where the clerk's eye and Tab start."""
        problems = exc.problems if isinstance(exc, ValidationError) else [exc]
        shown = set()
        for p in problems:
            self.show_field_error(p.field, p.render(translate))
            shown.add(self.field_for(p.field))
        self.fit_contents()
        first = next((name for name in self.fields if name in shown), None)
        if first:
            self.fields[first].setFocus()

    def fit_contents(self) -> None:
        """Grow to show messages and rows that appeared, instead of squeezing the fields —
        as far as the screen allows; beyond that the fields scroll."""
        self.form.activate()  # the scrolled page's own layout first: its messages just appeared
        self.form_scroll.updateGeometry()
        self.layout().activate()
        hint = self.sizeHint()
        if hint.height() > self.height() or hint.width() > self.width():
            self.resize(max(hint.width(), self.width()), max(hint.height(), self.height()))
        self._keep_on_screen()

    # -- saving -------------------------------------------------------------------------
    def save(self, session) -> int:  # pragma: no cover - every dialog implements it
        raise NotImplementedError

    def accept(self) -> None:
        if self.read_only:  # Enter on a closed record closes it: there is nothing to save
            self.reject()
            return
        self.clear_errors()
        try:
            with self.database.Session.begin() as session:
                history.take_written(session)
                self.saved_id = self.save(session)
                self.edit = _edit_of_one_record(history.take_written(session))
        except UserError as exc:
            self.record_refusal(exc)
            self.show_user_error(exc)
            return
        except Exception as exc:
            log_error(exc, f"saving {type(self).__name__}")
            self.general_message.setText(message_of(exc))
            self.general_message.show()
            return
        super().accept()

    def record_refusal(self, exc: UserError) -> None:
        """A refusal the audit log keeps (``AuditedRefusal``: a wrong receipt number …) is
        written now that the refused transaction has rolled back; a failure to write it is
        logged, and the refusal is shown all the same."""
        try:
            auth.record_audited(self.database, exc)
        except Exception as fault:
            log_error(fault, f"auditing a refusal in {type(self).__name__}")


def _edit_of_one_record(changes: list) -> history.Edit | None:
    """The changes a save wrote as one entry of the undo list, when they are of one record."""
    if len({(c.record_type, c.record_id) for c in changes}) != 1:
        return None
    return history.edit_of(changes)


def run_dialog(dialog: RecordDialog, on_saved: SAVE_CALLBACK | None) -> int | None:
    if dialog.exec() == QDialog.DialogCode.Accepted:
        if on_saved is not None:
            on_saved(dialog.register_name, dialog.saved_id)
        return dialog.saved_id
    return None


def confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes

