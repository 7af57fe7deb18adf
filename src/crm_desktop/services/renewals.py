"""S15: contract renewals. One calendar month before a maintenance contract ends its renewal
notice (保养到期通知书) falls due; the branch sends it (when, how), names who pursues the
renewal, and records the outcome once: renewed — a new contract linked to the old one, its
products carried over, starting after the old one ends (a gap is allowed with a warning, an
overlap with it or with another contract on the same product is not) — or lost, with the
reason. Every record is written to the audit log. Nothing here imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from .. import clock
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Msg, Translate
from ..models import ContractRenewal, MaintenanceContract, RenewalOutcome, Staff, contract_product
from . import contracts as contract_service
from .auth import audit
from .validation import Problems, check_staff, fetch, parse_date, require, require_text

NOTICE_HOW: dict[str, Msg] = {
    "mail": QT_TRANSLATE_NOOP("Renewals", "By post"),
    "fax": QT_TRANSLATE_NOOP("Renewals", "By fax"),
    "email": QT_TRANSLATE_NOOP("Renewals", "By e-mail"),
    "visit": QT_TRANSLATE_NOOP("Renewals", "Handed over on a visit"),
}
NOT_DUE_YET = QT_TRANSLATE_NOOP(
    "Renewals", "The renewal notice of {contract_no} falls due on {due} (a month before the contract ends on {end}): "
    "it cannot have been sent on {sent}.")
SENT_IN_FUTURE = QT_TRANSLATE_NOOP("Renewals", "The notice cannot be recorded as sent on {sent}, a day still to come.")
ALREADY_DECIDED = QT_TRANSLATE_NOOP(
    "Renewals", "The renewal of {contract_no} was already recorded ({outcome} on {on}); it is recorded once.")
BAD_HOW = QT_TRANSLATE_NOOP("Renewals", "Say how the notice was sent: by post, fax, e-mail or on a visit.")
SENT_MISSING = QT_TRANSLATE_NOOP("Renewals", "Enter the day the notice was sent.")
OUTCOME_DAY_MISSING = QT_TRANSLATE_NOOP("Renewals", "Enter the day of the outcome.")
REASON_MISSING = QT_TRANSLATE_NOOP("Renewals", "Say why the contract was not renewed.")
OVERLAPS_OLD = QT_TRANSLATE_NOOP(
    "Renewals", "The renewal would start on {start}, while {contract_no} still runs until {end}: it starts on {next} "
    "at the earliest.")
OVERLAPS_OTHER = QT_TRANSLATE_NOOP(
    "Renewals", "{model} is already covered by contract {contract_no} from {start} to {end}, which the renewal would overlap.")
GAP_WARNING = QT_TRANSLATE_NOOP(
    "Renewals", "The renewal starts on {start}, {days} day(s) after {contract_no} ended on {end}: calls in between are "
    "not covered by a contract.")
OUTCOME_TEXT: dict[str, Msg] = {
    RenewalOutcome.RENEWED.value: QT_TRANSLATE_NOOP("Renewals", "renewed"),
    RenewalOutcome.LOST.value: QT_TRANSLATE_NOOP("Renewals", "lost"),
}


def _require_recorder(session: Session, by_id: int | None, contract_id: int) -> None:
    """Renewals are recorded by the staff whose role may (clerk, information, marketing,
    manager): refused, naming who and what, for anyone else or nobody — and the refusal kept
    in the audit log (``AuditedRefusal``: written once the refused transaction is gone)."""
    from ..errors import AuditedRefusal
    from .auth import Permission, require, user_of

    user = user_of(session, by_id)
    try:
        require(user, Permission.RENEWALS)
    except UserError as exc:
        raise AuditedRefusal(exc, audit={
            "action": "denied", "staff_id": user.staff_id if user else None, "login": user.login if user else None,
            "target_type": "contract", "target_id": contract_id,
            "detail": {"permission": Permission.RENEWALS, "action": "renewal"}}) from None


def notice_due_on(contract: MaintenanceContract) -> date:
    """The day the renewal notice falls due: one calendar month before the contract ends."""
    return contract_service.months_before(contract.end_date)


def _renewal(session: Session, contract: MaintenanceContract) -> ContractRenewal:
    found = session.scalar(select(ContractRenewal).where(ContractRenewal.contract_id == contract.id))
    if found is None:
        found = ContractRenewal(contract_id=contract.id)
        session.add(found)
    return found


def _refuse_if_decided(renewal: ContractRenewal, contract: MaintenanceContract) -> None:
    if renewal.outcome is not None:
        raise UserError(ALREADY_DECIDED, "outcome", contract_no=contract.contract_no,
                        outcome=OUTCOME_TEXT[renewal.outcome], on=renewal.outcome_on.isoformat() if renewal.outcome_on else "")


def record_notice(session: Session, contract_id: int, *, sent_on: object, how: object, pursued_by_id: object = None,
                  by_id: int | None = None, today: date | None = None) -> ContractRenewal:
    """The notice sent: on a day from its due day to today, how, and who pursues the renewal
    (an active member of staff; by default the contract's keeper). Sent again (a second
    letter) it keeps the latest; after the outcome it is refused."""
    _require_recorder(session, by_id, contract_id)
    contract = fetch(session, MaintenanceContract, contract_id, "contract_id", contract_service.NO_CONTRACT)
    renewal = _renewal(session, contract)
    _refuse_if_decided(renewal, contract)
    today = today or clock.today()
    problems = Problems()
    sent = problems.check(lambda: require(parse_date(sent_on, "notice_sent_on"), "notice_sent_on", SENT_MISSING))
    due = notice_due_on(contract)
    if sent is not None and sent < due:
        problems.report(NOT_DUE_YET, field="notice_sent_on", contract_no=contract.contract_no, due=due.isoformat(),
                        end=contract.end_date.isoformat(), sent=sent.isoformat())
    elif sent is not None and sent > today:
        problems.report(SENT_IN_FUTURE, field="notice_sent_on", sent=sent.isoformat())
    if how not in NOTICE_HOW:
        problems.report(BAD_HOW, field="notice_sent_how")
    pursuer = contract.staff_id if pursued_by_id in (None, "") else problems.check(
        check_staff, session, pursued_by_id, "pursued_by_id")
    problems.raise_if_any()
    renewal.notice_sent_on, renewal.notice_sent_how = sent, str(how)
    renewal.pursued_by_id = pursuer.id if isinstance(pursuer, Staff) else pursuer
    renewal.recorded_by_id = by_id
    session.flush()
    audit(session, "renewal_notice", staff_id=by_id, target_type="contract", target_id=contract.contract_no,
          detail={"sent_on": sent, "how": how, "pursued_by": renewal.pursued_by_id})
    return renewal


@dataclass(frozen=True)
class Renewed:
    renewal: ContractRenewal
    new_contract: MaintenanceContract
    warning: UserError | None  # a gap between the two contracts: allowed, said


def record_renewed(session: Session, contract_id: int, *, start_date: object, end_date: object, fee: object,
                   on: object = None, visits_included: object = None, staff_id: object = None,
                   product_ids: list[int] | None = None, remarks: str | None = None,
                   by_id: int | None = None) -> Renewed:
    """Renewed: the new contract (its products those of the old one unless chosen), linked
    to the old one. It may not start before the old one ends nor overlap another contract on
    one of its products; a gap is allowed and returned as a warning."""
    _require_recorder(session, by_id, contract_id)
    contract = fetch(session, MaintenanceContract, contract_id, "contract_id", contract_service.NO_CONTRACT)
    renewal = _renewal(session, contract)
    _refuse_if_decided(renewal, contract)
    products = product_ids if product_ids is not None else [p.id for p in contract.products]
    start = parse_date(start_date, "start_date")
    end = parse_date(end_date, "end_date")
    if start is not None and start <= contract.end_date:
        raise UserError(OVERLAPS_OLD, "start_date", start=start.isoformat(), contract_no=contract.contract_no,
                        end=contract.end_date.isoformat(), next=(contract.end_date + timedelta(days=1)).isoformat())
    if start is not None and end is not None and products:
        mc = MaintenanceContract
        other = session.execute(
            select(mc.contract_no, mc.start_date, mc.end_date, contract_product.c.product_id)
            .join(contract_product, contract_product.c.contract_id == mc.id)
            .where(contract_product.c.product_id.in_(products), mc.id != contract.id,
                   mc.start_date <= end, mc.end_date >= start)
            .limit(1)
        ).first()
        if other is not None:
            from ..models import CustomerProduct

            product = session.get(CustomerProduct, other.product_id)
            raise UserError(OVERLAPS_OTHER, "start_date", model=product.model if product else "", contract_no=other.contract_no,
                            start=other.start_date.isoformat(), end=other.end_date.isoformat())
    decided = parse_date(on, "outcome_on") if on not in (None, "") else clock.today()
    new = contract_service.create_contract(
        session, customer_id=contract.customer_id, product_ids=products, start_date=start_date, end_date=end_date,
        fee=fee, remarks=remarks, staff_id=contract.staff_id if staff_id in (None, "") else staff_id,
        visits_included=contract.visits_included if visits_included is None else visits_included)
    renewal.outcome, renewal.outcome_on, renewal.renewal_id = RenewalOutcome.RENEWED.value, decided, new.id
    renewal.recorded_by_id = by_id
    session.flush()
    audit(session, "renewal_renewed", staff_id=by_id, target_type="contract", target_id=contract.contract_no,
          detail={"renewal": new.contract_no, "start": new.start_date, "end": new.end_date, "fee": new.fee})
    warning = None
    gap = (new.start_date - contract.end_date).days - 1
    if gap > 0:
        warning = UserError(GAP_WARNING, "start_date", start=new.start_date.isoformat(), days=gap,
                            contract_no=contract.contract_no, end=contract.end_date.isoformat())
    return Renewed(renewal, new, warning)


def record_lost(session: Session, contract_id: int, *, reason: object, on: object = None,
                by_id: int | None = None) -> ContractRenewal:
    """Lost: the customer did not renew; why, and since when."""
    _require_recorder(session, by_id, contract_id)
    contract = fetch(session, MaintenanceContract, contract_id, "contract_id", contract_service.NO_CONTRACT)
    renewal = _renewal(session, contract)
    _refuse_if_decided(renewal, contract)
    problems = Problems()
    why = problems.check(require_text, reason, "lost_reason", REASON_MISSING, max_length=200)
    decided = problems.check(lambda: require(parse_date(on if on not in (None, "") else clock.today(), "outcome_on"),
                                             "outcome_on", OUTCOME_DAY_MISSING))
    problems.raise_if_any()
    renewal.outcome, renewal.outcome_on, renewal.lost_reason = RenewalOutcome.LOST.value, decided, why
    renewal.recorded_by_id = by_id
    session.flush()
    audit(session, "renewal_lost", staff_id=by_id, target_type="contract", target_id=contract.contract_no,
          detail={"reason": why, "on": decided})
    return renewal


# --------------------------------------------------------------------------- what is due


@dataclass(frozen=True)
class RenewalLine:
    contract_id: int
    contract_no: str
    customer_name: str
    products: str
    end_date: date
    notice_due_on: date
    fee: Decimal
    keeper: str
    notice_sent_on: date | None
    notice_sent_how: str | None
    pursued_by: str

    def state(self, today: date, translate: Translate | None = None) -> str:
        if self.end_date < today:
            return STATE_LAPSED.tr(translate)
        if self.notice_sent_on is None:
            return STATE_TO_SEND.tr(translate)
        return STATE_SENT.tr(translate, sent=self.notice_sent_on.isoformat())


STATE_TO_SEND = QT_TRANSLATE_NOOP("Renewals", "Notice to send")
STATE_SENT = QT_TRANSLATE_NOOP("Renewals", "Notice sent {sent}")
STATE_LAPSED = QT_TRANSLATE_NOOP("Renewals", "Ended, no outcome yet")
LAPSED_WITHIN_DAYS = 92  # an ended contract stays on the list this long without an outcome


def _followed_by_another():
    """A later contract already covers one of the contract's products: renewed before this
    program recorded renewals (or without its renewal dialog), so nothing is due."""
    from sqlalchemy import exists
    from sqlalchemy.orm import aliased

    mc = MaintenanceContract
    later = aliased(MaintenanceContract)
    own = contract_product.alias("own")
    theirs = contract_product.alias("theirs")
    return exists(
        select(1).select_from(own)
        .join(theirs, theirs.c.product_id == own.c.product_id)
        .join(later, later.id == theirs.c.contract_id)
        .where(own.c.contract_id == mc.id, later.id != mc.id, later.start_date > mc.start_date)
    )


def renewals_due(session: Session, today: date) -> list[RenewalLine]:
    """The renewals to work on: contracts whose notice has fallen due (their end within a
    calendar month of ``today``) and those ended in the last three months, without an
    outcome yet and not followed by a later contract on their products; the soonest end first."""
    mc = MaintenanceContract
    keeper = Staff.__table__.alias("keeper")
    pursuer = Staff.__table__.alias("pursuer")
    rows = session.execute(
        select(mc.id, mc.end_date, ContractRenewal.notice_sent_on, ContractRenewal.notice_sent_how, pursuer.c.name,
               keeper.c.name)
        .outerjoin(ContractRenewal, ContractRenewal.contract_id == mc.id)
        .outerjoin(keeper, keeper.c.id == mc.staff_id)
        .outerjoin(pursuer, pursuer.c.id == ContractRenewal.pursued_by_id)
        .where(mc.end_date <= contract_service.ending_until(today), mc.end_date >= today - timedelta(days=LAPSED_WITHIN_DAYS),
               mc.start_date <= today,
               or_(ContractRenewal.id.is_(None), ContractRenewal.outcome.is_(None)),
               ~_followed_by_another())
        .order_by(mc.end_date, mc.contract_no)
    ).all()
    lines = {line.id: line for line in contract_service.contract_lines(session, [r[0] for r in rows])}
    from .contracts import products_text

    return [
        RenewalLine(r[0], lines[r[0]].contract_no, lines[r[0]].customer_name, products_text(lines[r[0]].products),
                    r[1], contract_service.months_before(r[1]), lines[r[0]].fee, r[5] or "", r[2], r[3], r[4] or r[5] or "")
        for r in rows if r[0] in lines
    ]


def count_due(session: Session, today: date) -> tuple[int, int]:
    """How many renewals ``renewals_due`` lists, and how many of them end within a week or
    have ended (shown red), counted by the database."""
    mc = MaintenanceContract
    open_ = or_(ContractRenewal.id.is_(None), ContractRenewal.outcome.is_(None))
    base = (select(func.count()).select_from(mc).outerjoin(ContractRenewal, ContractRenewal.contract_id == mc.id)
            .where(mc.end_date <= contract_service.ending_until(today),
                   mc.end_date >= today - timedelta(days=LAPSED_WITHIN_DAYS), mc.start_date <= today, open_,
                   ~_followed_by_another()))
    due = session.scalar(base) or 0
    urgent = session.scalar(base.where(mc.end_date <= today + timedelta(days=7))) or 0
    return due, urgent


@dataclass(frozen=True)
class RenewalRate:
    keeper: str
    renewed: int
    lost: int

    @property
    def rate(self) -> Decimal | None:
        decided = self.renewed + self.lost
        return (Decimal(self.renewed) / Decimal(decided)).quantize(Decimal("0.001")) if decided else None


def renewal_rates(session: Session, year: int, month: int) -> tuple[RenewalRate, list[RenewalRate]]:
    """S15 in the monthly report: the outcomes recorded in the month — renewed ÷ (renewed + lost)
    — for the branch and per keeper of the old contract."""
    first = date(year, month, 1)
    after = date(year + (month == 12), month % 12 + 1, 1)
    mc = MaintenanceContract
    rows = session.execute(
        select(Staff.name, ContractRenewal.outcome, func.count())
        .join(mc, mc.id == ContractRenewal.contract_id)
        .outerjoin(Staff, Staff.id == mc.staff_id)
        .where(and_(ContractRenewal.outcome_on >= first, ContractRenewal.outcome_on < after))
        .group_by(Staff.name, ContractRenewal.outcome)
    ).all()
    per: dict[str, list[int]] = {}
    for name, outcome, count in rows:
        counts = per.setdefault(name or "", [0, 0])
        counts[0 if outcome == RenewalOutcome.RENEWED.value else 1] += count
    keepers = [RenewalRate(name, r, lost) for name, (r, lost) in sorted(per.items())]
    branch = RenewalRate("", sum(k.renewed for k in keepers), sum(k.lost for k in keepers))
    return branch, keepers
