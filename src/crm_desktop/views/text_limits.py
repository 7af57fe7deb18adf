"""An editor holds no more text than its column (issue 17, item 4), and says so when a paste
brings more: what fits is kept, the rest left out, and a line tells how much.

``limit_text(editor, limit)`` works on a ``QLineEdit`` (``setMaxLength``; a paste by the
keyboard, the context menu or a drop is measured first, since Qt cuts it silently) and on a
``QPlainTextEdit`` (which has no maximum: every change the clerk makes is held to it).
A text the program puts in itself (an old record's text, kept longer than the length
before the lengths existed) is never cut: the editor's limit becomes that text's length, so
it can be shortened but not made longer, and the service says what fits when it is saved.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QToolTip, QWidget

from ..i18n import QT_TRANSLATE_NOOP
from .i18n import tr

PASTE_CUT = QT_TRANSLATE_NOOP(
    "TextLimit", "The pasted text is longer than the limit of {max} characters: {cut} characters were left out."
)
AT_LIMIT = QT_TRANSLATE_NOOP("TextLimit", "This field holds at most {max} characters.")


def _paste_cut(limit: int, cut: int) -> str:
    return tr(PASTE_CUT, max=limit, cut=cut)


def _at_limit(limit: int) -> str:
    return tr(AT_LIMIT, max=limit)


class TextLimit(QObject):
    """Keeps one editor within ``limit`` characters; ``cut`` carries the message when input
    was left out (also shown as a tooltip at the editor, and kept in ``last_message``)."""

    cut = Signal(str)

    def __init__(self, editor: QLineEdit | QPlainTextEdit, limit: int) -> None:
        super().__init__(editor)
        self.editor = editor
        self.limit = limit
        self.last_message = ""
        self._busy = False
        self._pending_menu_cut = 0
        current = len(self._text())
        if isinstance(editor, QLineEdit):
            editor.setMaxLength(max(limit, current))
            editor.installEventFilter(self)
        else:
            self._room = max(limit, current)
            editor.document().contentsChange.connect(self._changed)

    # -- what the editor holds -----------------------------------------------------------
    def _text(self) -> str:
        e = self.editor
        return e.text() if isinstance(e, QLineEdit) else e.toPlainText()

    @property
    def effective(self) -> int:
        """The most the editor takes now: the limit, or an old longer text's own length."""
        return self.editor.maxLength() if isinstance(self.editor, QLineEdit) else self._room

    def allow(self, text_length: int) -> None:
        """The program is about to put in a text of this length: never cut it."""
        if isinstance(self.editor, QLineEdit):
            self.editor.setMaxLength(max(self.limit, text_length))
        else:
            self._room = max(self.limit, text_length)

    def _tell(self, message: str) -> None:
        self.last_message = message
        # after the editor's own textChanged, which clears an old message under the field
        QTimer.singleShot(0, self, lambda: self._emit(message))

    def _emit(self, message: str) -> None:
        self.cut.emit(message)
        editor: QWidget = self.editor
        if editor.isVisible():
            QToolTip.showText(editor.mapToGlobal(QPoint(0, editor.height())), message, editor)

    # -- a line: measure a paste before Qt cuts it ----------------------------------------
    def _room_for_insert(self) -> int:
        e = self.editor
        assert isinstance(e, QLineEdit)
        return e.maxLength() - (len(e.text()) - len(e.selectedText()))

    def _measure(self, incoming: str, replaces_selection: bool = True) -> int:
        e = self.editor
        assert isinstance(e, QLineEdit)
        incoming = incoming.replace("\r\n", " ").replace("\n", " ")
        room = self._room_for_insert() if replaces_selection else e.maxLength() - len(e.text())
        return max(0, len(incoming) - max(room, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.editor and isinstance(self.editor, QLineEdit) and not self.editor.isReadOnly():
            kind = event.type()
            if kind == QEvent.Type.KeyPress and event.matches(QKeySequence.StandardKey.Paste):
                cut = self._measure(QGuiApplication.clipboard().text())
                if cut:
                    self.editor.paste()
                    self._tell(_paste_cut(self.limit, cut))
                    return True
            elif kind == QEvent.Type.Drop and event.mimeData() is not None and event.mimeData().hasText():
                cut = self._measure(event.mimeData().text(), replaces_selection=False)
                if cut:
                    self._tell(_paste_cut(self.limit, cut))
            elif kind == QEvent.Type.ContextMenu:
                menu = self.editor.createStandardContextMenu()
                paste = next((a for a in menu.actions() if a.objectName() == "edit-paste"), None)
                if paste is not None:
                    cut = self._measure(QGuiApplication.clipboard().text())
                    if cut:
                        paste.triggered.connect(lambda *_args, cut=cut: self._tell(_paste_cut(self.limit, cut)))
                menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                menu.popup(event.globalPos())
                return True
        return super().eventFilter(watched, event)

    # -- several lines: every change the clerk makes is held to the limit ----------------
    def _changed(self, position: int, _removed: int, added: int) -> None:
        if self._busy:
            return
        document = self.editor.document()
        if not document.isUndoRedoEnabled():
            # setPlainText (the program loading a record) turns undo off while it fills the
            # document: an old text longer than the limit is kept whole
            self._room = max(self.limit, document.characterCount() - 1)
            return
        length = document.characterCount() - 1
        over = length - self._room
        if over <= 0:
            return
        # Qt counts the block's end in ``added`` when the document was empty: the inserted
        # text ends at the document's end at most
        end = min(position + added, length)
        cut = min(over, end - position)
        if cut <= 0:
            return
        self._busy = True
        try:
            cursor = QTextCursor(document)
            cursor.setPosition(end - cut)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        finally:
            self._busy = False
        self._tell(_paste_cut(self.limit, cut) if end - position > 1 else _at_limit(self.limit))


def limit_text(editor: QWidget, limit: int | None) -> TextLimit | None:
    """Hold a line or text editor to ``limit`` characters (nothing for other widgets or no
    limit); the helper is kept as the editor's ``text_limit``."""
    if not limit or not isinstance(editor, (QLineEdit, QPlainTextEdit)):
        return None
    existing = text_limit_of(editor)
    if existing is not None:
        existing.limit = limit
        existing.allow(len(existing._text()))
        return existing
    helper = TextLimit(editor, limit)
    editor.setProperty("text_limit_attached", True)
    editor._text_limit = helper  # type: ignore[attr-defined]
    return helper


def text_limit_of(editor: QWidget) -> TextLimit | None:
    return getattr(editor, "_text_limit", None)
