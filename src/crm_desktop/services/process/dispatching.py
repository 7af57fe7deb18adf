"""Who the call is given to, and the call withdrawn: dispatch (S3), the hand-over of a
leaving technician's work (I6), and cancelling a call with its reason."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from ...i18n import QT_TRANSLATE_NOOP
from ...models import RepairCardStatus, ServiceCall, Staff
from ..validation import Problems, check_technician, column_length, require_text
from . import states
from .common import Changes, actor, call_of, card_of, in_order, record, step_time, supervisor
from .states import Step


def dispatch(
    session: Session, call_id: int, technician_id: int, when: datetime | str, by_id: int | None,
    *, now: datetime | None = None,
) -> ServiceCall:
    """S3: the supervisor gives the call to a technician (or to another one while nobody
    has arrived yet); the register shows who and when."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.DISPATCH)
    problems = Problems()
    who = problems.check(supervisor, session, by_id, QT_TRANSLATE_NOOP("Process", "dispatch calls"))
    technician = problems.check(check_technician, session, technician_id, "technician_id")
    moment = step_time(session, problems, call, when, now, "dispatched_at")
    problems.raise_if_any()
    assert technician is not None and moment is not None and who is not None
    changes = Changes()
    note = None
    if call.technician_id not in (None, technician.id):
        previous = session.get(Staff, call.technician_id)
        note = f"{previous.name if previous else call.technician_id} → {technician.name}"
    else:
        note = technician.name
    changes.set(call, "technician_id", technician.id)
    changes.set(call, "dispatched_at", moment)
    record(session, call, Step.DISPATCH, to_status, moment, who, changes, note)
    return call


def reassign_technician(
    session: Session, call_id: int, technician_id: int, *, reason: str, by_id: int | None,
    leaving_id: int | None = None, now: datetime | None = None,
) -> ServiceCall:
    """The work of ``leaving_id`` (by default the call's technician) on an open call goes to
    another technician whatever the call's status: the call if it is theirs, the repair card
    if they repair it (the one who went on site and the one in the workshop may differ). The
    hand-over of someone who leaves (I6). Kept in the call's history like any step, with the
    values it replaced, so that a supervisor can take it back.

    The state table allows it in every open status and keeps the status; it is no button of
    the call's dialog (``states.NOT_OFFERED``: a call not yet on site is simply dispatched
    again)."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.REASSIGN)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    technician = problems.check(check_technician, session, technician_id, "technician_id")
    clean_reason = problems.check(
        require_text, reason, "reason", QT_TRANSLATE_NOOP("Process", "Give the reason for handing the call over."))
    card = card_of(session, call)
    if card is not None and card.status in (RepairCardStatus.CANCELLED.value, RepairCardStatus.RETURNED.value):
        card = None
    previous_id = leaving_id if leaving_id is not None else call.technician_id
    moves_call = previous_id is not None and call.technician_id == previous_id
    moves_card = card is not None and (card.technician_id == previous_id or (moves_call and card.technician_id is None))
    if previous_id is None:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Call {call_no} has no technician yet: dispatch it instead."),
            field="technician_id", call_no=call.call_no,
        )
    elif not (moves_call or moves_card):
        previous = session.get(Staff, previous_id)
        problems.report(
            QT_TRANSLATE_NOOP("Process", "{name} has no work on call {call_no}."),
            field="technician_id", call_no=call.call_no, name=previous.name if previous else previous_id,
        )
    elif technician is not None and technician.id == previous_id:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "Call {call_no} is already {name}'s."),
            field="technician_id", call_no=call.call_no, name=technician.name,
        )
    problems.raise_if_any()
    assert who is not None and technician is not None and previous_id is not None
    moment = in_order(session, call, now)
    previous = session.get(Staff, previous_id)
    changes = Changes()
    if moves_call:
        changes.set(call, "technician_id", technician.id)
    if moves_card:
        changes.set(card, "technician_id", technician.id)
    note = f"{previous.name if previous else previous_id} → {technician.name}: {clean_reason}"
    record(session, call, Step.REASSIGN, to_status, moment, who, changes, note)
    return call


def cancel(
    session: Session, call_id: int, *, reason: str, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> ServiceCall:
    """A call withdrawn or registered in error, with the reason. Goods already taken back
    are not cancelled away: they go back to the customer (``return_unrepaired``)."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.CANCEL)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "closed_at")
    clean_reason = problems.check(
        require_text, reason, "reason", QT_TRANSLATE_NOOP("Process", "Give the reason for cancelling the call."),
        max_length=column_length(ServiceCall, "cancel_reason"),
    )
    problems.raise_if_any()
    assert moment is not None
    changes = Changes()
    changes.set(call, "cancel_reason", clean_reason)
    changes.set(call, "closed_at", moment)
    record(session, call, Step.CANCEL, to_status, moment, who, changes, clean_reason)
    return call
