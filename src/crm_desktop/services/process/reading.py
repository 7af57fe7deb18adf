"""What the call's dialog reads and the step forms propose: the call's history line by
line, when the work now going on began, the hours spent (S10) and the fee (S5, S7) a
completion form fills in before the clerk corrects them. Nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from ... import clock
from ...errors import UserError
from ...i18n import QT_TRANSLATE_NOOP, Msg
from ...models import CallStatus, CallStep, ServiceKind, Staff, WorkMode
from .. import pricing
from .. import repairs as repair_service
from ..validation import parse_decimal
from .common import MAX_HOURS, call_of, card_of
from .states import STEP_NAMES, Step

QUARTER_HOUR = Decimal("0.25")


@dataclass(frozen=True)
class HistoryLine:
    id: int
    step: str
    step_name: Msg
    from_status: str
    to_status: str
    happened_at: datetime
    recorded_at: datetime
    by: str | None
    note: str | None
    undoes_id: int | None
    undone: bool  # a later line took this one back


def history(session: Session, call_id: int) -> list[HistoryLine]:
    """The call's history, oldest first, for the call's dialog."""
    call_of(session, call_id)
    rows = session.execute(
        select(CallStep, Staff.name).outerjoin(Staff, Staff.id == CallStep.by_id)
        .where(CallStep.call_id == call_id).order_by(CallStep.id)
    ).all()
    undone = {step.undoes_id for step, _ in rows if step.undoes_id is not None}
    return [
        HistoryLine(
            id=step.id,
            step=step.step,
            step_name=STEP_NAMES.get(step.step, QT_TRANSLATE_NOOP("Process", "unknown")),
            from_status=step.from_status,
            to_status=step.to_status,
            happened_at=step.happened_at,
            recorded_at=step.recorded_at,
            by=name,
            note=step.note,
            undoes_id=step.undoes_id,
            undone=step.id in undone,
        )
        for step, name in rows
    ]


def work_started_at(session: Session, call_id: int) -> datetime | None:
    """When the work now going on began: the arrival on site, or the start of the repair
    (or its return from a failed inspection)."""
    call = call_of(session, call_id)
    if call.status == CallStatus.ARRIVED:
        return call.arrived_at
    if call.status == CallStatus.IN_REPAIR:
        undo = aliased(CallStep)
        return session.scalars(
            select(CallStep.happened_at)
            .where(
                CallStep.call_id == call.id,
                CallStep.to_status == CallStatus.IN_REPAIR.value,
                CallStep.from_status != CallStatus.IN_REPAIR.value,
                CallStep.step != Step.UNDO,
                ~exists().where(undo.undoes_id == CallStep.id),
            )
            .order_by(CallStep.id.desc())
            .limit(1)
        ).first()
    return None


def proposed_hours(session: Session, call_id: int, now: datetime | None = None) -> Decimal | None:
    """S10: the time spent the completion forms propose, to the quarter hour and at least a
    quarter: for a visit that began today, the time since arrival; otherwise (a repair, or
    a visit recorded on a later day) the working hours (branch calendar) since the work
    began. None when the work has no start."""
    from ..calendar import calendar_from_database

    start = work_started_at(session, call_id)
    if start is None:
        return None
    end = now or clock.now()
    if call_of(session, call_id).status == CallStatus.ARRIVED and start.date() == end.date():
        # a visit is the time actually spent there, lunch or Saturday included
        hours = max((end - start).total_seconds() / 3600, 0.0)
    else:
        hours = calendar_from_database(session).working_hours_between(start, end)
    quarters = (Decimal(str(hours)) / QUARTER_HOUR).quantize(Decimal(1), rounding="ROUND_HALF_UP")
    return max(quarters * QUARTER_HOUR, QUARTER_HOUR)


def proposed_fee(session: Session, call_id: int, mode: str, when: datetime, hours: object) -> Decimal | None:
    """S5, S7: the fee ``complete_on_site`` (mode on site) or ``finish_repair`` (mode repair,
    with the parts on the card) would compute; None for a job that is not paid, for hours
    that are not a number, or without a labour rate."""
    call = call_of(session, call_id)
    if call.service_kind != ServiceKind.PAID.value:
        return None
    try:
        clean = parse_decimal(hours, "hours", minimum=0, places=2, maximum=MAX_HOURS)
    except UserError:
        return None
    if clean is None:
        return None
    parts = Decimal("0")
    if mode == WorkMode.REPAIR.value:
        card = card_of(session, call)
        parts = repair_service.parts_total(card) if card is not None else Decimal("0")
    return pricing.job_fee(session, mode, when.date(), clean, parts)
