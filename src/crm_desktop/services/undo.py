"""Undoing and redoing in-place edits (issue 17, item 3): Ctrl+Z / 编辑 → 撤销 puts back the
values an edit replaced by writing new changes through the record's own update service, with
the checks of an edit (a closed record, a permission, a read-only window); the new changes
name the ones they reverse, and nothing of the history is deleted. A redo is the undo of
that undo.

An undo is refused, saying who changed the field since and when, once the field no longer
holds the value the edit wrote: another edit, a dialog or another part of the program changed
it again, and undoing would silently throw that away.

``UndoHistory`` is the undo and redo list of one window's session (per login): plain
Python, the window holds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Database
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Msg, Translate
from ..models import RecordChange, RecordType
from .history import MODELS, Edit, edit_of, history_text, same_value, staff_names, take_written

CHANGED_SINCE = QT_TRANSLATE_NOOP(
    "History",
    "“{what}” cannot be undone: {who} changed it again on {at} (from “{old}” to “{new}”). "
    "Change it by hand if it should still be different.",
)
REDO_CHANGED_SINCE = QT_TRANSLATE_NOOP(
    "History",
    "“{what}” cannot be redone: {who} changed it again on {at} (from “{old}” to “{new}”). "
    "Change it by hand if it should still be different.",
)
REDO_CHANGED_ELSEWHERE = QT_TRANSLATE_NOOP(
    "History",
    "“{what}” cannot be redone: it was changed since by another part of the program (a step of the service "
    "process) and is now “{now}”. Change it by hand if it should still be different.",
)
CHANGED_ELSEWHERE = QT_TRANSLATE_NOOP(
    "History",
    "“{what}” cannot be undone: it was changed since by another part of the program (a step of the service "
    "process) and is now “{now}”. Change it by hand if it should still be different.",
)
NO_RECORD = QT_TRANSLATE_NOOP(
    "History", "The record of this edit cannot be found any more (it may have been removed meanwhile)."
)
NOBODY = QT_TRANSLATE_NOOP("History", "someone unknown")
EMPTY = QT_TRANSLATE_NOOP("History", "empty")

# fields a register does not show as a column but a dialog edits
_EXTRA_LABELS: dict[str, dict[str, Msg]] = {
    RecordType.SERVICE_CALL.value: {
        "serial_no": QT_TRANSLATE_NOOP("Register", "Serial no."),
    },
    RecordType.GOODS_ENTRY.value: {
        "taken_in_by_id": QT_TRANSLATE_NOOP("History", "Taken in by"),
    },
}


def field_label(record_type: str, name: str) -> Msg:
    """The field's name as the register or the archive shows it."""
    if record_type == RecordType.CUSTOMER.value:
        from .archive import FIELD_LABELS, HISTORY_LABELS

        label = FIELD_LABELS.get(name) or HISTORY_LABELS.get(name)
        if label is not None:
            return label
    from .registers import REGISTERS

    extra = _EXTRA_LABELS.get(record_type, {})
    if name in extra:
        return extra[name]
    spec = REGISTERS.get(record_type)
    if spec is not None:
        for column in spec.columns:
            if column.key == name:
                return column.header
    return Msg("History", name)


def shown_value(record_type: str, name: str, text: str | None, translate: Translate | None = None,
                staff: dict[int, str] | None = None) -> str:
    """A history value as the register shows it: a choice by its label, a member of staff by
    name, a time without seconds; empty as empty."""
    if text is None or text == "":
        return ""
    from .registers import REGISTERS

    spec = REGISTERS.get(record_type)
    column = None
    if spec is not None:
        column = next((c for c in spec.columns if c.key == name), None)
    if column is not None and column.choices is not None:
        label = column.choices.get(text)
        if label is not None:
            return label.tr(translate)
    if name.endswith("_by_id") and staff is not None and text.isdigit():
        return staff.get(int(text), text)
    if "T" in text and text[:4].isdigit():
        try:
            return datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            pass
    return text


# --------------------------------------------------------------------------- undo


class ChangedSince(UserError):
    """An undo refused because the field no longer holds what the edit wrote."""


def edit_label(edit: Edit, translate: Translate | None = None) -> str:
    """The fields of an edit as the menu names them (撤销 修改“地址”)."""
    return "、".join(field_label(edit.record_type, name).tr(translate) for name in edit.fields)


def check_undoable(session: Session, change: RecordChange, translate: Translate | None = None, *,
                   redo: bool = False) -> None:
    """Refuse (``ChangedSince``) when the field no longer holds what ``change`` wrote."""
    model = MODELS[change.record_type]
    record = session.get(model, change.record_id)
    if record is None:
        raise UserError(NO_RECORD, field=change.field)
    now = history_text(getattr(record, change.field))
    if same_value(now, change.new_value):
        return
    label = field_label(change.record_type, change.field)
    later = session.scalars(
        select(RecordChange)
        .where(RecordChange.record_type == change.record_type, RecordChange.record_id == change.record_id,
               RecordChange.field == change.field, RecordChange.id > change.id)
        .order_by(RecordChange.id.desc()).limit(1)
    ).first()
    staff = staff_names(session, [later.changed_by_id] if later is not None else [])

    def shown(text: str | None) -> str:
        return shown_value(change.record_type, change.field, text, translate, staff) or EMPTY.tr(translate)

    if later is None:
        raise ChangedSince(REDO_CHANGED_ELSEWHERE if redo else CHANGED_ELSEWHERE, field=change.field, what=label,
                           now=shown(now))
    who = staff.get(later.changed_by_id) if later.changed_by_id is not None else None
    raise ChangedSince(
        REDO_CHANGED_SINCE if redo else CHANGED_SINCE, field=change.field,
        what=label, who=who or NOBODY, at=f"{later.changed_at:%Y-%m-%d %H:%M}", old=shown(later.old_value),
        new=shown(later.new_value),
    )


def undo_edit(session: Session, edit: Edit, by_id: int | None, apply, translate: Translate | None = None, *,
              redo: bool = False) -> Edit:
    """Put back the values ``edit`` replaced, all in one ``apply(session, record_id,
    {field: old value}, by_id)`` — the record's own update service, with its checks
    (a closed record, a permission) — and mark each new change as the undo of its edit's.
    Refused whole when any field changed since (``ChangedSince``). Returns the edit that
    redoes it (its undo)."""
    changes = [session.get(RecordChange, i) for i in reversed(edit.change_ids)]
    for change in changes:
        if change is None:
            raise UserError(NO_RECORD)
        check_undoable(session, change, translate, redo=redo)
    take_written(session)  # whatever was written before is not part of this undo
    # every field in one call, as the edit saved them: checks between fields (a promised
    # date not before the taking in) see the values put back together
    apply(session, edit.record_id, {change.field: change.old_value for change in changes}, by_id)
    undone = {change.field: change.id for change in changes}
    written = take_written(session)
    for new in written:
        new.undoes_id = undone.get(new.field)
    session.flush()
    undo = edit_of(written)
    if undo is None:  # nothing to write (the value was already back): the edit is undone as it is
        return Edit(edit.record_type, edit.record_id, (), edit.fields)
    return undo


@dataclass
class UndoHistory:
    """The undo and redo lists of one window's session: the edits made since the login,
    newest last. A new edit empties the redo list."""

    undo_list: list[Edit] = field(default_factory=list)
    redo_list: list[Edit] = field(default_factory=list)

    def push(self, edit: Edit | None) -> None:
        if edit is None:
            return
        self.undo_list.append(edit)
        self.redo_list.clear()

    def clear(self) -> None:
        self.undo_list.clear()
        self.redo_list.clear()

    def next_undo(self) -> Edit | None:
        return self.undo_list[-1] if self.undo_list else None

    def next_redo(self) -> Edit | None:
        return self.redo_list[-1] if self.redo_list else None

    def undone(self, reverse: Edit) -> None:
        """The newest edit was undone by ``reverse``: it can be redone."""
        self.undo_list.pop()
        if reverse.change_ids:
            self.redo_list.append(reverse)

    def redone(self, reverse: Edit) -> None:
        self.redo_list.pop()
        if reverse.change_ids:
            self.undo_list.append(reverse)

    def drop_undo(self) -> None:
        """The newest edit can never be undone (its field changed since): off the list."""
        self.undo_list.pop()

    def drop_redo(self) -> None:
        self.redo_list.pop()


def reverse(database: Database, edit: Edit, by_id: int | None, translate: Translate | None = None, *,
            redo: bool = False) -> Edit:
    """Undo ``edit`` (or redo it: ``edit`` is then the undo to reverse) in one transaction,
    through the update service of the record's register, as an in-place edit is saved
    (``registers.save_edit``). Returns the edit that reverses this one."""
    from .registers import REGISTERS

    spec = REGISTERS[edit.record_type]
    assert spec.update is not None
    with database.Session.begin() as session:
        return undo_edit(session, edit, by_id, spec.update, translate, redo=redo)
