"""Editors for the register cells, chosen by the column's kind: calendar pop-ups for dates
and times, combo boxes for coded choices, a line edit for the rest (numbers are validated
by the service, which answers in Chinese). A text cell's editor takes no more than its
column's length, and says when a paste brought more (``cut_notice``)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QAbstractItemModel, QDate, QDateTime, QModelIndex, Qt, QTime, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QDateTimeEdit, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from .. import clock
from ..services.registers import RegisterSpec
from ..services.validation import column_length
from .i18n import translate
from .text_limits import limit_text, text_limit_of

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"
DATE_FORMAT = "yyyy-MM-dd"


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second))


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class RegisterDelegate(QStyledItemDelegate):
    cut_notice = Signal(str)  # a paste into a cell brought more than its column holds

    def __init__(self, spec: RegisterSpec, parent=None) -> None:
        super().__init__(parent)
        self.spec = spec

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        column = self.spec.columns[index.column()]
        if column.kind == "datetime":
            editor = QDateTimeEdit(parent)
            editor.setDisplayFormat(DATETIME_FORMAT)
            editor.setCalendarPopup(True)
            return editor
        if column.kind == "date":
            editor = QDateEdit(parent)
            editor.setDisplayFormat(DATE_FORMAT)
            editor.setCalendarPopup(True)
            return editor
        if column.kind == "choice" and column.choices:
            combo = QComboBox(parent)
            for code, label in column.choices.items():
                combo.addItem(label.tr(translate), code)
            return combo
        editor = QLineEdit(parent)
        editor.setFrame(False)
        helper = limit_text(editor, self._length(column.key))
        if helper is not None:
            helper.cut.connect(self.cut_notice)
        return editor

    def _length(self, key: str) -> int | None:
        table = getattr(self.spec.model, "__table__", None)
        if table is None or key not in table.c:
            return None
        return column_length(self.spec.model, key)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QDateTimeEdit) and not isinstance(editor, QDateEdit):
            editor.setDateTime(to_qdatetime(value if isinstance(value, datetime) else clock.now_to_minute()))
        elif isinstance(editor, QDateEdit):
            editor.setDate(to_qdate(value if isinstance(value, date) else clock.today()))
        elif isinstance(editor, QComboBox):
            position = editor.findData(value)
            editor.setCurrentIndex(max(position, 0))
        elif isinstance(editor, QLineEdit):
            if isinstance(value, Decimal):
                editor.setText(f"{value.normalize():f}")
            else:
                text = "" if value is None else str(value)
                limit = text_limit_of(editor)
                if limit is not None:
                    limit.allow(len(text))  # an old text longer than its column is never cut
                editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QDateEdit):
            value: object = from_qdate(editor.date())
        elif isinstance(editor, QDateTimeEdit):
            value = from_qdatetime(editor.dateTime())
        elif isinstance(editor, QComboBox):
            value = editor.currentData()
        elif isinstance(editor, QLineEdit):
            value = editor.text().strip()
        else:  # pragma: no cover
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)



