"""What every step of the service process shares: the record of a step in the call's
history with the values it replaced (so that it can be taken back), the checks of a step's
time, who may take a step, and the call's goods and repair card as the steps find them.

The steps themselves live in the modules beside this one; whether a step is possible at
all is for ``states`` to say.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from ... import clock
from ...errors import UserError
from ...i18n import QT_TRANSLATE_NOOP, Msg
from ...models import (
    CallStep,
    GoodsEntry,
    RepairCard,
    RepairCardStatus,
    Role,
    ServiceCall,
    Staff,
    WorkLog,
)
from ..validation import Problems, check_staff, fetch, parse_datetime, parse_decimal, require
from . import states
from .states import STEP_NAMES, Step

NO_CALL = QT_TRANSLATE_NOOP("Process", "The service call cannot be found any more (it may have been removed meanwhile): look it up again.")
MAX_HOURS = Decimal("9999.99")
MAX_MONEY = Decimal("9999999999.99")
# a step's time may be a few minutes ahead of this PC's clock, not more
FUTURE_TOLERANCE = timedelta(minutes=10)

_WHEN_MISSING = QT_TRANSLATE_NOOP("Process", "Enter the date and time of this step.")
_BEFORE_RECEIVED = QT_TRANSLATE_NOOP(
    "Process", "This time is before the call was received ({received_at})."
)
_BEFORE_LAST_STEP = QT_TRANSLATE_NOOP(
    "Process", "This time is before the previous step “{step}” ({at}); steps are recorded in order."
)
_IN_FUTURE = QT_TRANSLATE_NOOP("Process", "This time ({at}) is in the future.")
_NOT_SUPERVISOR = QT_TRANSLATE_NOOP("Process", "{name} is not a supervisor: only a supervisor may {what}.")
NOT_ACCOUNTANT = QT_TRANSLATE_NOOP("Process", "{name} is not an accountant: only an accountant records invoices.")
_INACTIVE = QT_TRANSLATE_NOOP("Process", "{name} no longer works here (inactive).")
_WHO_MISSING = QT_TRANSLATE_NOOP("Process", "Choose who records this step.")


# --------------------------------------------------------------------------- the record


def _encode(value: object) -> object:
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    return value


def decode(value: object) -> object:
    """A value ``Changes`` stored, as it was before the step."""
    if isinstance(value, dict):
        if "datetime" in value:
            return datetime.fromisoformat(value["datetime"])
        if "date" in value:
            return date.fromisoformat(value["date"])
        if "decimal" in value:
            return Decimal(value["decimal"])
    return value


# the tables a step's changes name, for taking the step back
TABLES: dict[str, type] = {"service_call": ServiceCall, "goods_entry": GoodsEntry, "repair_card": RepairCard}


class Changes:
    """What a step does to the rows, remembered so that it can be taken back."""

    def __init__(self) -> None:
        self.old: list[list[Any]] = []  # [table, id, field, old value]
        self.created: list[list[Any]] = []  # [table, id]
        self._seen: set[tuple[str, int, str]] = set()

    def set(self, row: Any, field: str, value: object) -> None:
        key = (row.__tablename__, row.id, field)
        if key not in self._seen:  # the first old value is the one to restore
            self._seen.add(key)
            self.old.append([row.__tablename__, row.id, field, _encode(getattr(row, field))])
        setattr(row, field, value)

    def created_row(self, row: Any) -> None:
        self.created.append([row.__tablename__, row.id])

    def to_json(self) -> str | None:
        if not self.old and not self.created:
            return None
        return json.dumps({"old": self.old, "created": self.created}, ensure_ascii=False)


def record(
    session: Session,
    call: ServiceCall,
    step: str,
    to_status: str,
    when: datetime,
    by: Staff | None,
    changes: Changes,
    note: str | None = None,
) -> CallStep:
    """The step as a line of the call's history; ``to_status`` (from ``states.check``) is the
    call's status after it, the same one for a step that keeps it."""
    from_status = call.status
    if to_status != call.status:
        changes.set(call, "status", to_status)
    row = CallStep(
        call_id=call.id,
        step=step,
        from_status=from_status,
        to_status=call.status,
        happened_at=when,
        recorded_at=clock.now(),
        by_id=by.id if by else None,
        note=note,
        changes=changes.to_json(),
    )
    session.add(row)
    session.flush()
    return row


def record_registration(session: Session, call: ServiceCall) -> CallStep:
    """The first line of every call's history (called by ``calls.register_call``)."""
    row = CallStep(
        call_id=call.id,
        step=Step.REGISTER,
        from_status="",
        to_status=call.status,
        happened_at=call.received_at,
        recorded_at=clock.now(),
        by_id=call.registered_by_id,
    )
    session.add(row)
    return row


def last_step(session: Session, call_id: int, *, including_undone: bool = False) -> CallStep | None:
    """The call's latest step that still stands (not itself an undo, not taken back)."""
    undo = aliased(CallStep)
    stmt = select(CallStep).where(CallStep.call_id == call_id, CallStep.step != Step.UNDO)
    if not including_undone:
        stmt = stmt.where(~exists().where(undo.undoes_id == CallStep.id))
    return session.scalars(stmt.order_by(CallStep.id.desc()).limit(1)).first()


def log_work(
    session: Session, call: ServiceCall, step: CallStep, technician_id: int, day: date, mode: str, hours: Decimal,
    card: RepairCard | None = None,
) -> WorkLog:
    """S10–S12: the work is logged as it is recorded, with the job's kind at that moment."""
    row = WorkLog(
        call_id=call.id,
        card_id=card.id if card else None,
        technician_id=technician_id,
        work_day=day,
        service_kind=call.service_kind,
        mode=mode,
        hours=hours,
        step_id=step.id,
    )
    session.add(row)
    session.flush()
    return row


# --------------------------------------------------------------------------- when


def step_time(
    session: Session, problems: Problems, call: ServiceCall, value: object, now: datetime | None, field: str = "when"
) -> datetime | None:
    """The step's time: given, not in the future, not before the call was received nor
    before the call's previous step."""
    moment = problems.check(lambda: require(parse_datetime(value, field), field, _WHEN_MISSING))
    if moment is None:
        return None
    current = now or clock.now()
    if moment > current + FUTURE_TOLERANCE:
        problems.report(_IN_FUTURE, field=field, at=moment.strftime("%Y-%m-%d %H:%M"))
        return None
    if moment < call.received_at:
        problems.report(_BEFORE_RECEIVED, field=field, received_at=call.received_at.strftime("%Y-%m-%d %H:%M"))
        return None
    previous = last_step(session, call.id)
    if previous is not None and moment < previous.happened_at:
        problems.report(
            _BEFORE_LAST_STEP,
            field=field,
            step=STEP_NAMES.get(previous.step, previous.step),
            at=previous.happened_at.strftime("%Y-%m-%d %H:%M"),
        )
        return None
    return moment


def in_order(session: Session, call: ServiceCall, now: datetime | None) -> datetime:
    """The time of a correction that is not given one (a change of kind, a hand-over): now,
    but never before the call's previous step, so that the history stays in order."""
    moment = now or clock.now()
    previous = last_step(session, call.id)
    if previous is not None and moment < previous.happened_at:
        moment = previous.happened_at
    return moment


# --------------------------------------------------------------------------- who

# Who may take a step, for the views to grey out what the current user may not do; the step
# functions check it again (``supervisor``, ``fees.record_invoice``).
STEP_ROLES: dict[str, str] = {
    Step.DISPATCH: Role.SUPERVISOR.value,
    Step.INSPECT: Role.SUPERVISOR.value,
    Step.UNDO: Role.SUPERVISOR.value,
    Step.INVOICE: Role.ACCOUNTANT.value,
}


def actor(session: Session, by_id: object, field: str = "by_id") -> Staff:
    """Who records the step: someone on the staff who still works here."""
    if by_id is None:
        raise UserError(_WHO_MISSING, field=field)
    person = check_staff(session, by_id, field)
    if not person.active:
        raise UserError(_INACTIVE, field=field, name=person.name)
    return person


def supervisor(session: Session, by_id: object, what: Msg, field: str = "by_id") -> Staff:
    person = actor(session, by_id, field)
    if person.role != Role.SUPERVISOR.value:
        raise UserError(_NOT_SUPERVISOR, field=field, name=person.name, what=what)
    return person


# --------------------------------------------------------------------------- the call and its goods


def call_of(session: Session, call_id: int) -> ServiceCall:
    return fetch(session, ServiceCall, call_id, "call_id", NO_CALL)


def card_of(session: Session, call: ServiceCall) -> RepairCard | None:
    return session.scalars(
        select(RepairCard)
        .where(RepairCard.call_id == call.id, RepairCard.status != RepairCardStatus.CANCELLED.value)
        .order_by(RepairCard.id.desc())
    ).first()


def goods_of(session: Session, call: ServiceCall) -> GoodsEntry | None:
    card = card_of(session, call)
    if card is not None and card.goods_entry is not None:
        return card.goods_entry
    return session.scalars(
        select(GoodsEntry)
        .where(GoodsEntry.call_id == call.id, GoodsEntry.receipt_voided_at.is_(None))
        .order_by(GoodsEntry.id.desc())
    ).first()


def current_card(session: Session, call: ServiceCall) -> RepairCard:
    card = card_of(session, call)
    if card is None:  # a call taken back always has one; a hand-edited database may not
        raise UserError(
            QT_TRANSLATE_NOOP("Process", "Call {call_no} has no repair card."), field="card", call_no=call.call_no
        )
    return card


def repair_card_of(session: Session, call_id: int) -> RepairCard | None:
    """The repair card the call's goods carry now (not one cancelled by a taken-back step)."""
    return card_of(session, call_of(session, call_id))


def goods_entry_of(session: Session, call_id: int) -> GoodsEntry | None:
    return goods_of(session, call_of(session, call_id))


# --------------------------------------------------------------------------- amounts


def hours(problems: Problems, value: object, field: str, missing: Msg) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.report(missing, field=field)
        return None
    return problems.check(parse_decimal, value, field, minimum=0, places=2, maximum=MAX_HOURS)


def money(problems: Problems, value: object, field: str) -> Decimal | None:
    return problems.check(parse_decimal, value, field, minimum=0, places=2, maximum=MAX_MONEY)


# --------------------------------------------------------------------------- the simplest steps


def dated_step(
    session: Session, call_id: int, step: str, field: str, when: object, by_id: object, now: datetime | None,
) -> ServiceCall:
    """A step that only records when it happened, in the call's ``field``."""
    call = call_of(session, call_id)
    to_status = states.check(call, step)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, field)
    problems.raise_if_any()
    assert moment is not None
    changes = Changes()
    changes.set(call, field, moment)
    record(session, call, step, to_status, moment, who, changes)
    return call
