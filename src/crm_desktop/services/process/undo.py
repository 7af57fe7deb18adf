"""Taking a step back. A step recorded by mistake is never edited: a supervisor takes it
back with a reason. Each step stores the values it replaced (``common.Changes``), so taking
it back restores them; rows the step created cannot be un-numbered (X3) — a taken-back
take-back voids its receipt and cancels its repair card, and the work it logged is marked
void.

Not a step of the state table: no status decides it, the step it takes back does (the call
returns to the status that step found it in).
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ... import clock
from ...i18n import QT_TRANSLATE_NOOP
from ...models import CallStep, GoodsEntry, RepairCard, RepairCardStatus, WorkLog
from ..validation import Problems, require_text
from .common import TABLES, call_of, decode, last_step, supervisor
from .states import STEP_NAMES, Step

# steps that cannot be taken back: the receipt number they voided is never valid again
IRREVERSIBLE = frozenset({Step.REGISTER, Step.VOID_RECEIPT, Step.UNDO})


def undo_last_step(
    session: Session, call_id: int, *, reason: str, by_id: int | None, now: datetime | None = None
) -> CallStep:
    """A supervisor takes back the call's latest step, recorded by mistake, with a reason.

    The values the step replaced come back; the step and its taking back both stay in the
    history. A taken-back take-back voids its goods receipt and cancels its repair card
    (their numbers were issued and are never reused); work it logged is marked void.
    Registration and a voided receipt cannot be taken back."""
    call = call_of(session, call_id)
    problems = Problems()
    who = problems.check(supervisor, session, by_id, QT_TRANSLATE_NOOP("Process", "take back a step"))
    clean_reason = problems.check(
        require_text, reason, "reason", QT_TRANSLATE_NOOP("Process", "Give the reason for taking the step back.")
    )
    step = last_step(session, call.id)
    if step is None or step.step == Step.REGISTER:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Call {call_no} has no step to take back; cancel the call instead."),
            field="step", call_no=call.call_no,
        )
    elif step.changes is None:
        # a step written by another program (the demo, an import) without what it replaced
        problems.report(
            QT_TRANSLATE_NOOP("Process", "The step “{step}” was recorded without its details and cannot be taken back."),
            field="step", step=STEP_NAMES.get(step.step, step.step),
        )
    elif step.step in IRREVERSIBLE:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "The step “{step}” cannot be taken back: a voided receipt stays voided."),
            field="step", step=STEP_NAMES[step.step],
        )
    problems.raise_if_any()
    assert step is not None and who is not None
    moment = now or clock.now()
    before = call.status
    data = json.loads(step.changes) if step.changes else {"old": [], "created": []}
    for table, row_id, field, old in reversed(data["old"]):
        row = session.get(TABLES[table], row_id)
        if row is not None:
            setattr(row, field, decode(old))
    for table, row_id in data["created"]:
        row = session.get(TABLES[table], row_id)
        if isinstance(row, GoodsEntry) and row.receipt_voided_at is None:
            row.receipt_voided_at = moment
        elif isinstance(row, RepairCard):
            row.status = RepairCardStatus.CANCELLED.value
    if step.from_status and call.status != step.from_status:
        call.status = step.from_status
    row = CallStep(
        call_id=call.id,
        step=Step.UNDO,
        from_status=before,
        to_status=call.status,
        happened_at=moment,
        recorded_at=clock.now(),
        by_id=who.id,
        note=clean_reason,
        undoes_id=step.id,
    )
    session.add(row)
    session.flush()
    for log in session.scalars(select(WorkLog).where(WorkLog.step_id == step.id, WorkLog.voided_by_step_id.is_(None))):
        log.voided_by_step_id = row.id
    session.flush()
    return row


def step_to_undo(session: Session, call_id: int) -> CallStep | None:
    """The step ``undo_last_step`` would take back now, or None when there is none (only
    the registration left, or a voided receipt, which stays voided)."""
    step = last_step(session, call_id)
    if step is None or step.step in IRREVERSIBLE:
        return None
    return step
