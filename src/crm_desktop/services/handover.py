"""A leaving employee's hand-over (I6, I11): nothing leaves with them.

``departure_plan`` lists what the person is responsible for — the customers (I10), their
open service calls and the maintenance contracts they look after. ``hand_over`` gives each
item to a replacement, ends the person's responsibilities (their last day the day before
the hand-over's: lists of that day name the successor), closes their account and records
the hand-over with its number, all in one transaction (X1): either everything moves or
nothing does. Each customer concerned gets a line in its correspondence log for the
notification letter (I9, I11), printed from the recorded hand-over (form handover_letter).

Only a role with ``Permission.HANDOVER`` may do it; the check is here, not only in the
window, and a refusal is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .. import clock
from ..db import Database
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Msg, Translate
from ..models import (
    OPEN_CALL_STATUSES,
    Account,
    Correspondence,
    CorrespondenceKind,
    Customer,
    CustomerStaff,
    Direction,
    Handover,
    HandoverItem,
    HandoverItemKind,
    MaintenanceContract,
    RepairCard,
    RepairCardStatus,
    Role,
    ServiceCall,
    Staff,
)
from . import auth, numbering, process
from .customers import record_change
from .validation import Problems, check_staff, check_technician, column_length, optional_text, parse_date, require_text

HANDOVER_RULE = numbering.HANDOVER

KIND_NAMES: dict[str, Msg] = {
    HandoverItemKind.CUSTOMER.value: QT_TRANSLATE_NOOP("Handover", "Customer"),
    HandoverItemKind.CALL.value: QT_TRANSLATE_NOOP("Handover", "Open service call"),
    HandoverItemKind.CONTRACT.value: QT_TRANSLATE_NOOP("Handover", "Maintenance contract"),
}

_NO_STAFF = QT_TRANSLATE_NOOP("Handover", "This member of staff cannot be found any more: choose again.")
_ALREADY_LEFT = QT_TRANSLATE_NOOP("Handover", "{name} has already left: the hand-over was done.")
_NOT_YOURSELF = QT_TRANSLATE_NOOP("Handover", "You cannot hand over your own work: another administrator or the manager does it.")
_LAST_ADMIN = QT_TRANSLATE_NOOP(
    "Handover", "{name} is the only administrator who can still log in: make someone else administrator first.")
_NOBODY_FOR = QT_TRANSLATE_NOOP("Handover", "Choose who takes over {what}.")
_SAME_PERSON = QT_TRANSLATE_NOOP("Handover", "{what} cannot go to {name}: that is the person who leaves.")
_REPLACEMENT_LEFT = QT_TRANSLATE_NOOP("Handover", "{name} no longer works here and cannot take over {what}.")
_PLAN_CHANGED = QT_TRANSLATE_NOOP(
    "Handover", "{what} is no longer {name}'s (someone changed it meanwhile): open the hand-over again.")
_PLAN_GREW = QT_TRANSLATE_NOOP(
    "Handover", "{what} became {name}'s meanwhile: open the hand-over again so that it is handed over too.")
_REASON_MISSING = QT_TRANSLATE_NOOP("Handover", "Say why the work is handed over (e.g. left the company on 30 November).")
_FUTURE = QT_TRANSLATE_NOOP("Handover", "The hand-over takes effect today or earlier, not on {day}.")
_NO_HANDOVER = QT_TRANSLATE_NOOP("Handover", "There is no hand-over numbered “{number}”.")
LETTER_SUMMARY = QT_TRANSLATE_NOOP(
    "Handover", "Notification letter {number}: {leaving} no longer looks after your business; taken over by {replacements}.")
REPLACEMENT_REMARK = QT_TRANSLATE_NOOP("Handover", "Takes over from {leaving} (hand-over {number})")
CALL_REASON = QT_TRANSLATE_NOOP("Handover", "Hand-over {number}: {reason}")


@dataclass(frozen=True)
class PlanItem:
    """One thing the leaving person is responsible for."""

    kind: str  # HandoverItemKind
    item_id: int  # customer, service call or contract id
    customer_id: int
    customer_name: str
    reference: str  # customer code, call number or contract number
    detail: str  # what a clerk needs to choose the replacement: status, product, end date
    suggested_id: int | None  # who already shares the work, if anyone

    @property
    def key(self) -> tuple[str, int]:
        return self.kind, self.item_id

    def what(self, translate: Translate | None = None) -> str:
        return f"{KIND_NAMES[self.kind].tr(translate)} {self.reference or self.customer_name}"


@dataclass
class DeparturePlan:
    staff_id: int
    name: str
    role: str
    items: list[PlanItem] = field(default_factory=list)

    def of_kind(self, kind: HandoverItemKind) -> list[PlanItem]:
        return [i for i in self.items if i.kind == kind.value]


def _leaving(session: Session, staff_id: object) -> Staff:
    from .validation import fetch

    return fetch(session, Staff, staff_id, "leaving_id", _NO_STAFF)


def _current_lines(session: Session, staff_id: int, day: date) -> list[CustomerStaff]:
    """The person's responsibilities not ended before ``day``: what a hand-over on ``day`` ends."""
    return list(session.scalars(
        select(CustomerStaff)
        .where(CustomerStaff.staff_id == staff_id, CustomerStaff.not_ended_before(day))
        .order_by(CustomerStaff.customer_id, CustomerStaff.id)
    ))


def _open_calls(session: Session, staff_id: int) -> list[ServiceCall]:
    """Open calls that are theirs, or whose goods they repair in the workshop."""
    repairing = (
        select(RepairCard.call_id)
        .where(RepairCard.technician_id == staff_id,
               RepairCard.status.not_in((RepairCardStatus.CANCELLED.value, RepairCardStatus.RETURNED.value)))
    )
    return list(session.scalars(
        select(ServiceCall)
        .where(or_(ServiceCall.technician_id == staff_id, ServiceCall.id.in_(repairing)),
               ServiceCall.status.in_(OPEN_CALL_STATUSES))
        .order_by(ServiceCall.received_at, ServiceCall.id)
    ))


def _contracts(session: Session, staff_id: int, day: date) -> list[MaintenanceContract]:
    """Contracts running or still to come; ended ones keep their keeper as history."""
    return list(session.scalars(
        select(MaintenanceContract)
        .where(MaintenanceContract.staff_id == staff_id, MaintenanceContract.end_date >= day)
        .order_by(MaintenanceContract.end_date, MaintenanceContract.id)
    ))


def departure_plan(session: Session, staff_id: int, *, on: date | None = None,
                   translate: Translate | None = None) -> DeparturePlan:
    """Everything ``staff_id`` is responsible for on ``on`` (today), customers first."""
    from .labels import CALL_STATUS

    day = on or clock.today()
    person = _leaving(session, staff_id)
    plan = DeparturePlan(person.id, person.name, person.role)
    for line in _current_lines(session, person.id, day):
        customer = session.get(Customer, line.customer_id)
        others = session.scalars(
            select(CustomerStaff.staff_id).join(Staff, Staff.id == CustomerStaff.staff_id)
            .where(CustomerStaff.customer_id == customer.id, CustomerStaff.staff_id != person.id,
                   CustomerStaff.responsible_on(day), Staff.active.is_(True))
            .order_by(CustomerStaff.since, CustomerStaff.id)
        ).first()
        plan.items.append(PlanItem(
            HandoverItemKind.CUSTOMER.value, customer.id, customer.id, customer.name, customer.code or "",
            " ".join(x for x in (customer.phone, customer.address) if x), others,
        ))
    for call in _open_calls(session, person.id):
        status = CALL_STATUS.get(call.status)
        plan.items.append(PlanItem(
            HandoverItemKind.CALL.value, call.id, call.customer_id, call.customer.name, call.call_no,
            " ".join(x for x in (status.tr(translate) if status else call.status, call.product_model, call.fault) if x),
            None,
        ))
    for contract in _contracts(session, person.id, day):
        plan.items.append(PlanItem(
            HandoverItemKind.CONTRACT.value, contract.id, contract.customer_id, contract.customer.name,
            contract.contract_no, f"{contract.start_date.isoformat()} – {contract.end_date.isoformat()}", None,
        ))
    return plan


@dataclass(frozen=True)
class HandoverDone:
    handover_id: int
    handover_no: str
    customers: int  # customers concerned: one letter each
    calls: int
    contracts: int


def _check_replacement(
    session: Session, problems: Problems, item: PlanItem, replacement_id: object, leaving: Staff,
    translate: Translate | None,
) -> Staff | None:
    what = item.what(translate)
    field_name = f"replacement:{item.kind}:{item.item_id}"
    if replacement_id in (None, ""):
        problems.report(_NOBODY_FOR, field=field_name, what=what)
        return None
    if item.kind == HandoverItemKind.CALL.value:
        person = problems.check(check_technician, session, replacement_id, field_name)
    else:
        person = problems.check(check_staff, session, replacement_id, field_name)
    if person is None:
        return None
    if person.id == leaving.id:
        problems.report(_SAME_PERSON, field=field_name, what=what, name=person.name)
        return None
    if not person.active:
        problems.report(_REPLACEMENT_LEFT, field=field_name, what=what, name=person.name)
        return None
    return person


def _other_admins_can_log_in(session: Session, leaving: Staff) -> bool:
    return session.scalar(
        select(Account.id).join(Staff, Staff.id == Account.staff_id)
        .where(Staff.role == Role.ADMIN.value, Staff.active.is_(True), Staff.id != leaving.id)
        .limit(1)
    ) is not None


def _responsible_names(session: Session, customer_id: int, day: date) -> str | None:
    rows = session.scalars(
        select(Staff.name).join(CustomerStaff, CustomerStaff.staff_id == Staff.id)
        .where(CustomerStaff.customer_id == customer_id, CustomerStaff.responsible_on(day))
        .order_by(CustomerStaff.since, CustomerStaff.id)
    )
    return "、".join(rows) or None


def hand_over(
    database: Database,
    user: auth.LoggedIn | None,
    leaving_id: int,
    replacements: dict[tuple[str, int], int | None],
    *,
    reason: str,
    effective_on: date | str | None = None,
    translate: Translate | None = None,
    now: datetime | None = None,
) -> HandoverDone:
    """Hand over everything ``leaving_id`` is responsible for and close their account.

    ``replacements`` maps each item of ``departure_plan`` (``PlanItem.key``) to the member of
    staff who takes it over. The plan is read again inside the transaction: an item added
    or moved meanwhile is refused rather than left behind."""
    user = auth.require_audited(database, user, auth.Permission.HANDOVER, "handover", target_type="staff",
                                target_id=leaving_id)
    moment = (now or clock.now()).replace(microsecond=0)
    with database.Session.begin() as session:
        problems = Problems()
        leaving = _leaving(session, leaving_id)
        day = problems.check(parse_date, effective_on, "effective_on") or moment.date()
        if day > moment.date():
            problems.report(_FUTURE, field="effective_on", day=day.isoformat())
        clean_reason = problems.check(require_text, reason, "reason", _REASON_MISSING, max_length=column_length(Handover, "reason"))
        if not leaving.active:
            raise UserError(_ALREADY_LEFT, field="leaving_id", name=leaving.name)
        if leaving.id == user.staff_id:
            raise UserError(_NOT_YOURSELF, field="leaving_id")
        if leaving.role == Role.ADMIN.value and not _other_admins_can_log_in(session, leaving):
            raise UserError(_LAST_ADMIN, field="leaving_id", name=leaving.name)
        plan = departure_plan(session, leaving.id, on=day, translate=translate)
        planned = {item.key for item in plan.items}
        for key in replacements:
            if key not in planned:
                problems.report(_PLAN_CHANGED, field="plan", what=f"{KIND_NAMES.get(key[0], key[0]).tr(translate)} {key[1]}",
                                name=leaving.name)
        chosen: dict[tuple[str, int], Staff] = {}
        for item in plan.items:
            if item.key not in replacements:
                problems.report(_PLAN_GREW, field="plan", what=item.what(translate), name=leaving.name)
                continue
            person = _check_replacement(session, problems, item, replacements[item.key], leaving, translate)
            if person is not None:
                chosen[item.key] = person
        problems.raise_if_any()
        assert clean_reason is not None

        number = numbering.next_number(session, HANDOVER_RULE, day)
        record = Handover(handover_no=number, leaving_id=leaving.id, effective_on=day,
                          reason=optional_text(clean_reason, "reason"), by_id=user.staff_id, recorded_at=moment)
        session.add(record)
        session.flush()
        remark = REPLACEMENT_REMARK.tr(translate, leaving=leaving.name, number=number)
        last_day = CustomerStaff.last_day_before(day)  # the leaving person's: from ``day`` on, the successor's
        for item in plan.items:
            person = chosen[item.key]
            if item.kind == HandoverItemKind.CUSTOMER.value:
                before = _responsible_names(session, item.customer_id, day)
                for line in _current_lines(session, leaving.id, day):
                    if line.customer_id != item.customer_id:
                        continue
                    if line.since > last_day:  # it starts on the day or later: it never took effect
                        session.delete(line)
                    else:
                        line.until = last_day
                already = session.scalars(
                    select(CustomerStaff).where(
                        CustomerStaff.customer_id == item.customer_id, CustomerStaff.staff_id == person.id,
                        CustomerStaff.not_ended_before(day)).order_by(CustomerStaff.since)).first()
                if already is None:
                    session.add(CustomerStaff(customer_id=item.customer_id, staff_id=person.id, since=day,
                                              remarks=remark))
                elif already.since > day:  # theirs from a later day: from the hand-over's
                    already.since = day
                session.flush()
                record_change(session, item.customer_id, "responsible_staff", before,
                              _responsible_names(session, item.customer_id, day), user.staff_id, moment)
            elif item.kind == HandoverItemKind.CALL.value:
                process.reassign_technician(
                    session, item.item_id, person.id, by_id=user.staff_id, leaving_id=leaving.id, now=moment,
                    reason=CALL_REASON.tr(translate, number=number, reason=clean_reason),
                )
            else:
                session.get(MaintenanceContract, item.item_id).staff_id = person.id
            session.add(HandoverItem(handover_id=record.id, kind=item.kind, item_id=item.item_id,
                                     customer_id=item.customer_id, replacement_id=person.id))
        session.flush()
        customers = _letter_customers(session, record)
        for customer_id, names in customers.items():
            session.add(Correspondence(
                customer_id=customer_id, happened_at=moment, kind=CorrespondenceKind.LETTER.value,
                direction=Direction.OUTGOING.value, staff_id=user.staff_id,
                summary=LETTER_SUMMARY.tr(translate, number=number, leaving=leaving.name, replacements="、".join(names)),
                confidential=False, recorded_by_id=user.staff_id, recorded_at=moment,
            ))
        leaving.active = False  # the account can no longer log in (auth.log_in refuses)
        counts = {kind.value: len(plan.of_kind(kind)) for kind in HandoverItemKind}
        auth.audit(session, "handover", staff_id=user.staff_id, login=user.login, target_type="staff",
                   target_id=leaving.id, now=moment,
                   detail={"handover_no": number, "reason": clean_reason, **counts})
        return HandoverDone(record.id, number, len(customers), counts["call"], counts["contract"])


def _letter_customers(session: Session, record: Handover) -> dict[int, list[str]]:
    """Customer id → the names of who takes over their business, in the items' order."""
    result: dict[int, list[str]] = {}
    for item in sorted(record.items, key=lambda i: i.id):
        names = result.setdefault(item.customer_id, [])
        name = session.get(Staff, item.replacement_id).name
        if name not in names:
            names.append(name)
    return result


def handover_by_number(session: Session, number: str) -> Handover:
    record = session.scalar(select(Handover).where(Handover.handover_no == number.strip()))
    if record is None:
        raise UserError(_NO_HANDOVER, field="handover_no", number=number)
    return record


def handovers(session: Session) -> list[Handover]:
    """Every hand-over, newest first (for reprinting the letters)."""
    return list(session.scalars(select(Handover).order_by(Handover.recorded_at.desc(), Handover.id.desc())))
