"""S6: goods that cannot be fixed on site are taken back to the workshop — a line in the
goods register with its receipt and a repair card, both numbered, in one step.

The receipt is the customer's proof of what was handed over, so the step asks what the
counter's paper asks: the goods' condition (外观), and the accessories that came with them
(附件) — or, said explicitly, none (``no_accessories``, printed as 无附件): an empty box
would not tell "none" from "forgotten"."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from ...i18n import QT_TRANSLATE_NOOP
from ...models import GoodsEntry, RepairCard, WorkMode
from .. import goods as goods_service
from .. import repairs as repair_service
from ..validation import Problems, column_length, optional_text, parse_decimal, require_text
from . import states
from .common import MAX_HOURS, Changes, actor, call_of, log_work, record, step_time
from .states import Step

_CONDITION_MISSING = QT_TRANSLATE_NOOP(
    "Process", "Describe the condition of the goods as taken in: scratches, dents, missing parts, or no visible damage."
)
_ACCESSORIES_MISSING = QT_TRANSLATE_NOOP(
    "Process", "List the accessories taken in with the goods, or tick “No accessories”."
)
_ACCESSORIES_AND_NONE = QT_TRANSLATE_NOOP(
    "Process", "Accessories are listed and “No accessories” is ticked: keep only one of the two."
)


def take_back(
    session: Session,
    call_id: int,
    *,
    when: datetime | str,
    by_id: int | None,
    condition: str | None = None,
    accessories: str | None = None,
    no_accessories: bool = False,
    promised_date: date | str | None = None,
    note: str | None = None,
    hours_spent: object = None,
    now: datetime | None = None,
) -> tuple[GoodsEntry, RepairCard]:
    """S6: the goods cannot be fixed on site. In one step: the goods register line with the
    next goods-receipt number (condition 外观 and accessories 配件 as taken in) and the
    repair card with the next repair-card number. The condition is required, and so are
    the accessories unless ``no_accessories`` says there were none (stored as
    ``goods.NO_ACCESSORIES``); both at once are refused. ``hours_spent`` on the visit goes
    into the work log as on-site work (S10)."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.TAKE_BACK)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "taken_in_at")
    hours = None
    if hours_spent not in (None, ""):
        hours = problems.check(parse_decimal, hours_spent, "hours_spent", minimum=0, places=2, maximum=MAX_HOURS)
    clean_condition = problems.check(require_text, condition, "condition", _CONDITION_MISSING,
                                     max_length=column_length(GoodsEntry, "condition"))
    listed = problems.check(optional_text, accessories, "accessories", max_length=column_length(GoodsEntry, "accessories"))
    if no_accessories and listed is not None:
        problems.report(_ACCESSORIES_AND_NONE, field="accessories")
    elif not no_accessories and listed is None:
        problems.report(_ACCESSORIES_MISSING, field="accessories")
    clean_note = problems.check(optional_text, note, "note")
    problems.raise_if_any()
    assert moment is not None and who is not None
    entry = goods_service.take_in(
        session,
        customer_id=call.customer_id,
        call_id=call.id,
        taken_in_at=moment,
        taken_in_by_id=call.technician_id or who.id,
        condition=clean_condition,
        accessories=goods_service.NO_ACCESSORIES if no_accessories else listed,
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
