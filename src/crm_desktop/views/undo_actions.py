"""编辑 → 撤销 / 重做 of the main window (issue 17, item 3): the undo list of this window's
session, per login (switching user empties it). Every in-place edit of a register and every
save of a record's dialog that changed fields goes on it; Ctrl+Z puts back what the newest
changed by writing new changes (services/undo.py), Ctrl+Y makes it again. The menu entries
name the edit they act on (撤销 修改“地址”).

An editor open in a register keeps its own Ctrl+Z: the line edit undoes what is being typed
and the window's undo stays out of it (Qt gives the key to the line edit first; for the
keys Qt gives the window, the window hands undo and redo to the open editor).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QPlainTextEdit, QTextEdit, QWidget

from ..i18n import QT_TRANSLATE_NOOP
from ..services import undo as undo_service
from ..services.history import Edit
from .i18n import translate

UNDO_TEXT = QT_TRANSLATE_NOOP("MainWindow", "&Undo change of “{fields}”")
REDO_TEXT = QT_TRANSLATE_NOOP("MainWindow", "&Redo change of “{fields}”")
UNDONE = QT_TRANSLATE_NOOP("MainWindow", "Undone: the change of “{fields}”.")
REDONE = QT_TRANSLATE_NOOP("MainWindow", "Redone: the change of “{fields}”.")
DROPPED = QT_TRANSLATE_NOOP("MainWindow", "The edit is taken off the undo list.")


class WindowUndo:
    """The undo list of one window and its two menu entries."""

    def __init__(self, window: QMainWindow) -> None:
        """``window``: the main window (its ``act_undo``/``act_redo``, ``views``, ``database``,
        ``current_user_id`` and ``after_save``)."""
        self.window = window
        self.history = undo_service.UndoHistory()
        self._plain_undo = window.act_undo.text()
        self._plain_redo = window.act_redo.text()
        self.update_actions()

    # -- the list ------------------------------------------------------------------------
    def push(self, edit: Edit | None) -> None:
        """An edit was saved: it is the next to undo, and nothing is left to redo."""
        if edit is None:
            return
        self.history.push(edit)
        self.update_actions()

    def clear(self) -> None:
        """Another login: its session starts with nothing to undo."""
        self.history.clear()
        self.update_actions()

    def update_actions(self) -> None:
        for action, edit, plain, named in (
            (self.window.act_undo, self.history.next_undo(), self._plain_undo, UNDO_TEXT),
            (self.window.act_redo, self.history.next_redo(), self._plain_redo, REDO_TEXT),
        ):
            action.setEnabled(edit is not None)
            action.setText(plain if edit is None else named.tr(translate, fields=self.label(edit)))

    @staticmethod
    def label(edit: Edit) -> str:
        return undo_service.edit_label(edit, translate)

    # -- the commands --------------------------------------------------------------------
    def undo(self) -> None:
        self._reverse(undoing=True)

    def redo(self) -> None:
        self._reverse(undoing=False)

    def _open_editor(self) -> QWidget | None:
        """The editor open in a register's cell that has the keyboard, if any."""
        focus = QApplication.focusWidget()
        if focus is None:
            return None
        for view in self.window.views.values():
            if focus is not view.table and view.table.isAncestorOf(focus):
                return focus
        return None

    def _reverse(self, *, undoing: bool) -> None:
        editor = self._open_editor()
        if editor is not None:  # the editor's own undo while editing
            if isinstance(editor, (QLineEdit, QPlainTextEdit, QTextEdit)):
                editor.undo() if undoing else editor.redo()
            return
        edit = self.history.next_undo() if undoing else self.history.next_redo()
        if edit is None:
            return
        try:
            reverse = undo_service.reverse(self.window.database, edit, self.window.current_user_id, translate,
                                           redo=not undoing)
        except undo_service.ChangedSince as refused:
            # the field moved on: this edit can never be undone, the older ones still can
            self.history.drop_undo() if undoing else self.history.drop_redo()
            self.update_actions()
            raise _Refused(refused) from None
        if undoing:
            self.history.undone(reverse)
        else:
            self.history.redone(reverse)
        self.update_actions()
        self.window.after_save(edit.record_type, edit.record_id)
        done = UNDONE if undoing else REDONE
        self.window.statusBar().showMessage(done.tr(translate, fields=self.label(edit)), 10_000)


class _Refused(undo_service.ChangedSince):
    """The refusal as shown: its message, then that the edit left the undo list."""

    def __init__(self, refused: undo_service.ChangedSince) -> None:
        super().__init__(refused.message, refused.field, **refused.args_for_message)

    def render(self, translate_=None) -> str:
        return super().render(translate_) + "\n" + DROPPED.tr(translate_)
