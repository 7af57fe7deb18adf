"""S6: goods that cannot be fixed on site are taken back to the workshop — a line in the
goods register with its receipt and a repair card, both numbered, in one step."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from ...models import GoodsEntry, RepairCard, WorkMode
from .. import goods as goods_service
from .. import repairs as repair_service
from ..validation import Problems, optional_text, parse_decimal
from . import states
from .common import MAX_HOURS, Changes, actor, call_of, log_work, record, step_time
from .states import Step


def take_back(
    session: Session,
    call_id: int,
    *,
    when: datetime | str,
    by_id: int | None,
    condition: str | None = None,
    accessories: str | None = None,
    promised_date: date | str | None = None,
    note: str | None = None,
    hours_spent: object = None,
    now: datetime | None = None,
) -> tuple[GoodsEntry, RepairCard]:
    """S6: the goods cannot be fixed on site. In one step: the goods register line with the
    next goods-receipt number (condition 外观 and accessories 配件 as taken in) and the
    repair card with the next repair-card number. ``hours_spent`` on the visit goes into
    the work log as on-site work (S10)."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.TAKE_BACK)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "taken_in_at")
    clean_note = problems.check(optional_text, note, "note")
    hours = None
    if hours_spent not in (None, ""):
        hours = problems.check(parse_decimal, hours_spent, "hours_spent", minimum=0, places=2, maximum=MAX_HOURS)
    problems.raise_if_any()
    assert moment is not None and who is not None
    entry = goods_service.take_in(
        session,
        customer_id=call.customer_id,
        call_id=call.id,
        taken_in_at=moment,
        taken_in_by_id=call.technician_id or who.id,
        condition=condition,
        accessories=accessories,
        promised_date=promised_date,
    )
    card = repair_service.open_card(
        session, opened_at=moment, goods_entry_id=entry.id, call_id=call.id, technician_id=call.technician_id
    )
    changes = Changes()
    changes.created_row(entry)
    changes.created_row(card)
    if hours is not None:
        changes.set(call, "hours_spent", hours)
    step = record(session, call, Step.TAKE_BACK, to_status, moment, who, changes, clean_note)
    if hours and call.technician_id is not None:
        # S10: the visit that ended in taking the goods back is work on site too
        log_work(session, call, step, call.technician_id, moment.date(), WorkMode.ON_SITE.value, hours)
    return entry, card
