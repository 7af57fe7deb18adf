"""The steps at the customer's (S4, S5): the arrival, the work done on site with its time
and fee, the customer's signature and the call struck off the register.

The signature is also the step that ends a repair's return (S7): the same voucher, signed
when the goods come back; the state table decides which status it leads to.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from ...i18n import QT_TRANSLATE_NOOP
from ...models import CallStatus, ServiceCall, ServiceKind, WorkMode
from ..validation import Problems, column_length, require_text
from . import states
from .common import Changes, actor, call_of, dated_step, goods_of, hours, log_work, record, step_time
from .fees import fee_values
from .states import Step


def arrive(
    session: Session, call_id: int, when: datetime | str, by_id: int | None, *, now: datetime | None = None
) -> ServiceCall:
    """S4, S14: the technician's arrival at the customer (it stops the S14 clock)."""
    return dated_step(session, call_id, Step.ARRIVE, "arrived_at", when, by_id, now)


def complete_on_site(
    session: Session,
    call_id: int,
    *,
    when: datetime | str,
    work_done: str,
    hours_spent: object,
    by_id: int | None,
    fee: object = None,
    fee_override_reason: str | None = None,
    payment_method: str | None = None,
    fee_collected: object = None,
    now: datetime | None = None,
) -> ServiceCall:
    """S4, S5: the work done on site and the time it took. A paid job (A) carries its fee
    — computed from the on-site labour rate unless entered (another amount needs a reason)
    — and whether it was collected on site or is to be invoiced."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.COMPLETE_ON_SITE)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "completed_at")
    work = problems.check(
        require_text, work_done, "work_done", QT_TRANSLATE_NOOP("Process", "Describe the work done."),
        max_length=column_length(ServiceCall, "work_done"),
    )
    spent = hours(problems, hours_spent, "hours_spent", QT_TRANSLATE_NOOP("Process", "Enter the time spent (hours)."))
    values = fee_values(
        session, problems, call, WorkMode.ON_SITE.value, moment, spent, Decimal("0"), fee, fee_override_reason,
        payment_method, fee_collected,
    )
    problems.raise_if_any()
    assert moment is not None and spent is not None
    changes = Changes()
    changes.set(call, "work_done", work)
    changes.set(call, "hours_spent", spent)
    for name, value in values.items():
        changes.set(call, name, value)
    step = record(session, call, Step.COMPLETE_ON_SITE, to_status, moment, who, changes)
    if call.technician_id is not None:
        log_work(session, call, step, call.technician_id, moment.date(), WorkMode.ON_SITE.value, spent)
    return call


def sign(
    session: Session, call_id: int, *, signed_by: str, when: datetime | str, by_id: int | None,
    now: datetime | None = None,
) -> ServiceCall:
    """S4, S7: the customer signs the service voucher — after the work on site, or when
    the goods come back."""
    call = call_of(session, call_id)
    to_status = states.check(call, Step.SIGN)
    problems = Problems()
    who = problems.check(actor, session, by_id)
    moment = step_time(session, problems, call, when, now, "signed_at")
    signer = problems.check(
        require_text, signed_by, "signed_by", QT_TRANSLATE_NOOP("Process", "Enter the name of the person who signed."),
        max_length=column_length(ServiceCall, "signed_by"),
    )
    if call.service_kind == ServiceKind.PAID.value and call.fee is None:
        problems.report(
            QT_TRANSLATE_NOOP("Process", "A paid job is signed with its fee: set the fee first."), field="fee"
        )
    problems.raise_if_any()
    changes = Changes()
    changes.set(call, "signed_by", signer)
    changes.set(call, "signed_at", moment)
    if to_status == CallStatus.RETURN_SIGNED:  # the goods came back with the voucher
        entry = goods_of(session, call)
        if entry is not None:
            changes.set(entry, "received_back_by", signer)
    assert moment is not None
    record(session, call, Step.SIGN, to_status, moment, who, changes, signer)
    return call


def strike_off(
    session: Session, call_id: int, when: datetime | str, by_id: int | None, *, now: datetime | None = None
) -> ServiceCall:
    """S4: the signed voucher is back; the clerk strikes the call off the register (注销)."""
    return dated_step(session, call_id, Step.STRIKE_OFF, "closed_at", when, by_id, now)
