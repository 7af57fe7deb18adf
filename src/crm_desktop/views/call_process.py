"""The service process of one call (S2–S9) as the call's dialog shows it: where the call
stands, its history line by line, and a button for each step its status allows now.

The history is never edited: a step recorded by mistake stays, struck through and grey,
and the line that took it back follows it (``process.undo_last_step``). The buttons offer
``process.next_steps(status)``; a step that belongs to a role the current user lacks
(only a supervisor dispatches, inspects and takes steps back; only an accountant records
invoices) is greyed with the reason — the step itself checks it again.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..db import Database
from ..models import Role, ServiceCall
from ..services import labels, process, users
from ..services.process import STEP_NAMES, HistoryLine, Step
from . import keys
from .i18n import translate

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

UNDONE_COLOUR = QColor("#8a8a8a")
UNDO_COLOUR = QColor("#9a5b00")
UNDO_BACKGROUND = QColor("#fff6e0")
LINE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

# steps that only make sense for a paid job (A): a free or contract job shows no button for them
# steps on the side of the main path, on the second row of buttons
SIDE_STEPS = frozenset(
    {Step.CANCEL, Step.RETURN_UNREPAIRED, Step.SET_FEE, Step.COLLECT_FEE, Step.HAND_OVER_FEE, Step.INVOICE,
     Step.ESCALATE, Step.CHANGE_KIND}
)
BUTTONS_PER_ROW = 5


def offered_steps(status: str, service_kind: str) -> list[str]:
    """``process.next_steps`` without the fee and quote steps of a job that is not paid."""
    return process.next_steps(status, service_kind)


def step_name(step: str) -> str:
    name = STEP_NAMES.get(step)
    return name.tr(translate) if name is not None else step


def status_name(status: str) -> str:
    label = labels.CALL_STATUS.get(status)
    return label.tr(translate) if label is not None else status


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class HistoryModel(QAbstractTableModel):
    """The call's history (``process.history``), oldest first; read-only."""

    TIME, STEP, STATUS, BY, NOTE = range(5)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lines: list[HistoryLine] = []
        self._by_id: dict[int, HistoryLine] = {}
        self._undone_by: dict[int, HistoryLine] = {}

    def set_lines(self, lines: list[HistoryLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._by_id = {line.id: line for line in lines}
        self._undone_by = {line.undoes_id: line for line in lines if line.undoes_id is not None}
        self.endResetModel()

    def line(self, row: int) -> HistoryLine:
        return self._lines[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole or not 0 <= section < 5:
            return None
        return (self.tr("Time"), self.tr("Step"), self.tr("Status"), self.tr("By"), self.tr("Note"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines) or not 0 <= index.column() < 5:
            return None
        try:
            return self._data(self._lines[index.row()], index.column(), role)
        except Exception:  # never raise from data(): log and show nothing
            log.exception("history cell %s,%s", index.row(), index.column())
            return None

    def _data(self, line: HistoryLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if line.undone:
                return QBrush(UNDONE_COLOUR)
            if line.undoes_id is not None:
                return QBrush(UNDO_COLOUR)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and line.undoes_id is not None:
            return QBrush(UNDO_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and (line.undone or line.undoes_id is not None):
            font = QFont()
            font.setStrikeOut(line.undone)
            font.setItalic(line.undoes_id is not None)
            return font
        if role == LINE_ID_ROLE:
            return line.id
        return None

    def _text(self, line: HistoryLine, column: int) -> str:
        if column == self.TIME:
            return f"{line.happened_at:%Y-%m-%d %H:%M}"
        if column == self.STEP:
            if line.undoes_id is not None:
                undone = self._by_id.get(line.undoes_id)
                name = step_name(Step.UNDO)
                if undone is None:
                    return f"↶ {name}"
                return "↶ " + self.tr("%1: %2").replace("%1", name).replace("%2", step_name(undone.step))
            return step_name(line.step)
        if column == self.STATUS:
            if not line.from_status or line.from_status == line.to_status:
                return status_name(line.to_status)
            return f"{status_name(line.from_status)} → {status_name(line.to_status)}"
        if column == self.BY:
            return line.by or ""
        return " ".join((line.note or "").split())

    def _tooltip(self, line: HistoryLine, column: int) -> str | None:
        parts = []
        if line.undone:
            undo = self._undone_by.get(line.id)
            if undo is not None:
                parts.append(
                    self.tr("Taken back on %1 by %2: %3")
                    .replace("%1", f"{undo.happened_at:%Y-%m-%d %H:%M}")
                    .replace("%2", undo.by or "")
                    .replace("%3", undo.note or "")
                )
        if line.undoes_id is not None:
            undone = self._by_id.get(line.undoes_id)
            if undone is not None:
                parts.append(
                    self.tr("Takes back “%1” of %2.")
                    .replace("%1", step_name(undone.step))
                    .replace("%2", f"{undone.happened_at:%Y-%m-%d %H:%M}")
                )
        if column == self.TIME and abs(line.recorded_at - line.happened_at) >= timedelta(minutes=1):
            parts.append(self.tr("Recorded %1").replace("%1", f"{line.recorded_at:%Y-%m-%d %H:%M}"))
        if column == self.NOTE and line.note:
            parts.append(line.note)
        return "\n".join(parts) or None


class ProcessPanel(QWidget):
    """One call's process: status, history, and the next steps as buttons. After a step
    the panel reloads and emits ``stepSaved(call id)`` so that the register can refresh."""

    stepSaved = Signal(int)  # noqa: N815 - Qt signal naming

    def __init__(
        self, database: Database, call_id: int, current_user_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.call_id = call_id
        self.current_user_id = current_user_id
        self.status = ""
        self.step_buttons: dict[str, QPushButton] = {}

        self.status_label = QLabel()
        self.status_label.setObjectName("process_status")
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("font-weight: bold;")

        self.model = HistoryModel(self)
        self.view = QTableView()
        self.view.setObjectName("process_history")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        for column in (HistoryModel.TIME, HistoryModel.STEP, HistoryModel.STATUS, HistoryModel.BY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryModel.NOTE, QHeaderView.ResizeMode.Stretch)

        self.steps_box = QGridLayout()
        self.steps_box.setHorizontalSpacing(6)
        self.none_label = QLabel()
        self.none_label.setObjectName("no_step")
        self.none_label.setStyleSheet("color: #555;")
        self.undo_button = QPushButton(self.tr("Take back the last step…"))
        self.undo_button.setObjectName("undo_step")
        self.undo_button.clicked.connect(lambda: self.run_step(Step.UNDO))

        buttons = QHBoxLayout()
        buttons.addLayout(self.steps_box)
        buttons.addStretch(1)
        undo_column = QVBoxLayout()
        undo_column.addStretch(1)
        undo_column.addWidget(self.undo_button)
        buttons.addLayout(undo_column)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.none_label)
        layout.addLayout(buttons)
        self.refresh()

    # -- loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        with self.database.read_session() as s:
            call = s.get(ServiceCall, self.call_id)
            if call is None:
                raise LookupError(self.call_id)
            self.status = call.status
            kind = call.service_kind
            technician = call.technician.name if call.technician is not None else None
            user = users.find_user(s, self.current_user_id)
            lines = process.history(s, self.call_id)
            to_undo = process.step_to_undo(s, self.call_id)
            undo_name = step_name(to_undo.step) if to_undo is not None else None
        text = self.tr("Status: %1").replace("%1", status_name(self.status))
        if technician:
            text += " · " + self.tr("technician %1").replace("%1", technician)
        self.status_label.setText(text)
        self.model.set_lines(lines)
        self.view.scrollToBottom()
        steps = offered_steps(self.status, kind)
        self._set_buttons(steps, user)
        self._set_undo(user, undo_name)

    def _set_buttons(self, steps: list[str], user: users.LoggedIn | None) -> None:
        for button in self.step_buttons.values():
            self.steps_box.removeWidget(button)
            button.deleteLater()
        self.step_buttons = {}
        main = [s for s in steps if s not in SIDE_STEPS]
        side = [s for s in steps if s in SIDE_STEPS]
        row = 0
        key = 0
        for group in (main, side):
            for number, step in enumerate(group):
                key += 1
                # Alt+1 … Alt+9: each step by keys, numbered as the buttons read
                mnemonic = f"(&{key})" if key <= 9 else ""
                button = QPushButton(_capitalised(step_name(step)) + mnemonic + "…")
                button.setObjectName(f"step_{step}")
                allowed, why = self.may_take(step, user)
                button.setEnabled(allowed)
                if why:
                    button.setToolTip(why)
                button.clicked.connect(lambda _checked=False, s=step: self.run_step(s))
                self.steps_box.addWidget(button, row + number // BUTTONS_PER_ROW, number % BUTTONS_PER_ROW)
                button.show()  # now, not when the layout gets to it: the keyboard may be given to it at once
                self.step_buttons[step] = button
            if group:
                row += (len(group) - 1) // BUTTONS_PER_ROW + 1
        # new buttons join the end of the window's Tab chain: back after the history, in their rows
        keys.chain([self.view, *self.step_buttons.values(), self.undo_button])
        if main and self.step_buttons[main[0]].isEnabled():
            self.step_buttons[main[0]].setStyleSheet("font-weight: bold;")  # the usual next step
        if not steps:
            self.none_label.setText(self.tr("No further step: the call is “%1”.").replace("%1", status_name(self.status)))
        self.none_label.setVisible(not steps)

    def focus_usual_step(self) -> None:
        """The keyboard on the usual next step (Enter opens it), or the first step allowed."""
        allowed = [b for step, b in self.step_buttons.items() if b.isEnabled()]
        main = [b for step, b in self.step_buttons.items() if b.isEnabled() and step not in SIDE_STEPS]
        (main or allowed or [self.view])[0].setFocus()

    def may_take(self, step: str, user: users.LoggedIn | None) -> tuple[bool, str]:
        """Whether the current user may take ``step``, and why not (for the tooltip)."""
        if user is None:
            if step == Step.CHANGE_KIND:  # the kind may change without a known user (S1)
                return True, ""
            return False, self.tr("Choose who is using the program first: every step records who took it.")
        needed = process.STEP_ROLES.get(step)
        if needed is None or user.role == needed:
            return True, ""
        if needed == Role.ACCOUNTANT.value:
            return False, self.tr("Only an accountant records invoices; %1 is not an accountant.").replace("%1", user.name)
        return False, self.tr("Only the service supervisor may do this; %1 is not a supervisor.").replace("%1", user.name)

    def _set_undo(self, user: users.LoggedIn | None, undo_name: str | None) -> None:
        allowed, why = self.may_take(Step.UNDO, user)
        if allowed and undo_name is None:
            allowed, why = False, self.tr("There is no step to take back.")
        elif undo_name is not None and allowed:
            why = self.tr("Takes back “%1”, with a reason.").replace("%1", undo_name)
        self.undo_button.setEnabled(allowed)
        self.undo_button.setToolTip(why)

    # -- steps --------------------------------------------------------------------------
    def run_step(self, step: str) -> bool:
        """Open the step's form; after a save reload and tell the register."""
        from .dialogs.steps import step_dialog

        dialog = step_dialog(self.database, self.call_id, step, self, by_id=self.current_user_id)
        if self.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
            return False
        self.refresh()
        self.focus_usual_step()  # the clerk goes on with the next step from the keyboard
        self.stepSaved.emit(self.call_id)
        return True

    def exec_dialog(self, dialog: QDialog) -> int:
        """Run a step's form modally (tests fill and accept it instead)."""
        return dialog.exec()
