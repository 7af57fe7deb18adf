"""The lists of the window as tables that go on paper and into Excel (X4): the repair-card
register, the contracts, the renewals due, the customers short of staff, the repairs at risk,
the invoices to issue, the calls waiting on the dispatch board, the audit log, and the
monthly report's summary.

Each builder reads the rows the window shows, from the same service and with the same
choices (the day, the search, the filter), and returns a ``ListTable``: plain values —
dates, Decimals, texts — under named columns. ``printing`` draws it from its layout in
forms/, ``exports.list_export`` writes it as a workbook; neither decides what is in it, so the
paper, the workbook and the screen never disagree. Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Msg, Translate
from ..models import RepairCard, RepairPart, Staff
from . import labels
from .contracts import products_text

# the kinds of a column: how its values are written on paper and typed in Excel
TEXT, ID, DATE, DATETIME, SECOND, MONEY, HOURS, COUNT, PERCENT, SCORE = (
    "text", "id", "date", "datetime", "second", "money", "hours", "count", "percent", "score")
NUMERIC = (MONEY, HOURS, COUNT, PERCENT, SCORE)


@dataclass(frozen=True)
class ListColumn:
    key: str
    header: Msg
    kind: str = TEXT
    total: bool = False  # a sum under the column (on every printed page and at the end)
    wraps: bool = False  # free text: wraps in its cell and may be narrowed on paper


@dataclass
class ListTable:
    name: str  # the list's name: its layout in forms/ (``<name>.toml``) and its command
    title: Msg
    columns: tuple[ListColumn, ...]
    rows: list[dict[str, Any]]
    as_of: date
    criteria: list[tuple[Msg, str]] = field(default_factory=list)  # what it was chosen by, as shown
    note: str = ""  # a line under the table (the monthly summary: the month's renewals)

    def column(self, key: str) -> ListColumn:
        return next(c for c in self.columns if c.key == key)

    def totals(self) -> dict[str, Any]:
        """The sum of each totalled column over every row (None where a column has no figures)."""
        sums: dict[str, Any] = {}
        for column in self.columns:
            if column.total:
                figures = [r[column.key] for r in self.rows if isinstance(r.get(column.key), (int, Decimal))]
                sums[column.key] = sum(figures, Decimal(0) if column.kind in (MONEY, HOURS) else 0) if figures else None
        return sums

    def criteria_text(self, translate: Translate | None = None) -> str:
        parts = [CRITERION.tr(translate, what=what.tr(translate), value=value) for what, value in self.criteria]
        return CRITERIA_SEPARATOR.tr(translate).join(parts)


CRITERION = QT_TRANSLATE_NOOP("Lists", "{what}: {value}")
CRITERIA_SEPARATOR = QT_TRANSLATE_NOOP("Lists", "; ")
AS_OF = QT_TRANSLATE_NOOP("Lists", "As of")
PERIOD = QT_TRANSLATE_NOOP("Lists", "Period")
SEARCH = QT_TRANSLATE_NOOP("Lists", "Search")
PERIOD_TEXT = QT_TRANSLATE_NOOP("Lists", "{start} to {end}")
BAD_PERIOD = QT_TRANSLATE_NOOP("Lists", "The period ends ({end}) before it starts ({start}).")
UNKNOWN_LIST = QT_TRANSLATE_NOOP("Lists", "There is no list “{name}”. The lists: {names}.")


def _c(key: str, header: Msg, kind: str = TEXT, *, total: bool = False, wraps: bool = False) -> ListColumn:
    return ListColumn(key, header, kind, total, wraps)


def _label(table: dict[str, Msg], code: str | None, translate: Translate | None) -> str:
    if code is None:
        return ""
    msg = table.get(code)
    return msg.tr(translate) if msg is not None else code


def _period(start: date, end: date) -> tuple[datetime, datetime]:
    if end < start:
        raise UserError(BAD_PERIOD, "date_to", start=start.isoformat(), end=end.isoformat())
    from datetime import time, timedelta

    return datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)


# --------------------------------------------------------------------------- the repair-card register

REPAIR_CARD_REGISTER = QT_TRANSLATE_NOOP("Lists", "Repair card register")
REPAIR_CARD_COLUMNS = (
    _c("card_no", QT_TRANSLATE_NOOP("Lists", "Card no."), ID),
    _c("opened_at", QT_TRANSLATE_NOOP("Lists", "Opened"), DATETIME),
    _c("customer_name", QT_TRANSLATE_NOOP("Lists", "Customer"), wraps=True),
    _c("product_model", QT_TRANSLATE_NOOP("Lists", "Model")),
    _c("serial_no", QT_TRANSLATE_NOOP("Lists", "Serial no."), ID),
    _c("fault", QT_TRANSLATE_NOOP("Lists", "Fault"), wraps=True),
    _c("technician", QT_TRANSLATE_NOOP("Lists", "Technician")),
    _c("promised_date", QT_TRANSLATE_NOOP("Lists", "Promised"), DATE),
    _c("status", QT_TRANSLATE_NOOP("Lists", "Status")),
    _c("repair_hours", QT_TRANSLATE_NOOP("Lists", "Hours"), HOURS, total=True),
    _c("labour_fee", QT_TRANSLATE_NOOP("Lists", "Labour (yuan)"), MONEY, total=True),
    _c("parts_total", QT_TRANSLATE_NOOP("Lists", "Parts (yuan)"), MONEY, total=True),
)


def repair_card_register(session: Session, start: date, end: date, translate: Translate | None = None) -> ListTable:
    """修理卡登记簿: the repair cards opened from ``start`` to ``end`` (both included), in the
    order they were opened, each with its hours, labour and parts."""
    low, high = _period(start, end)
    parts = (
        select(RepairPart.card_id, func.sum(RepairPart.quantity * RepairPart.unit_price).label("amount"))
        .group_by(RepairPart.card_id).subquery()
    )
    rows = session.execute(
        select(RepairCard.card_no, RepairCard.opened_at, RepairCard.customer_name, RepairCard.product_model,
               RepairCard.serial_no, RepairCard.fault, Staff.name, RepairCard.promised_date, RepairCard.status,
               RepairCard.repair_hours, RepairCard.labour_fee, parts.c.amount)
        .outerjoin(Staff, Staff.id == RepairCard.technician_id)
        .outerjoin(parts, parts.c.card_id == RepairCard.id)
        .where(RepairCard.opened_at >= low, RepairCard.opened_at < high)
        .order_by(RepairCard.opened_at, RepairCard.card_no)
    ).all()
    lines = [
        {
            "card_no": r[0], "opened_at": r[1], "customer_name": r[2], "product_model": r[3] or "",
            "serial_no": r[4] or "", "fault": r[5] or "", "technician": r[6] or "", "promised_date": r[7],
            "status": _label(labels.REPAIR_CARD_STATUS, r[8], translate), "repair_hours": r[9],
            "labour_fee": r[10], "parts_total": Decimal(str(r[11])).quantize(Decimal("0.01")) if r[11] is not None else None,
        }
        for r in rows
    ]
    return ListTable("repair_card_register", REPAIR_CARD_REGISTER, REPAIR_CARD_COLUMNS, lines, end,
                     [(PERIOD, PERIOD_TEXT.tr(translate, start=start.isoformat(), end=end.isoformat()))])


# --------------------------------------------------------------------------- contracts and renewals

CONTRACT_LIST = QT_TRANSLATE_NOOP("Lists", "Maintenance contracts")
CONTRACT_STATE: dict[str, Msg] = {
    "not_started": QT_TRANSLATE_NOOP("Lists", "Not started"),
    "active": QT_TRANSLATE_NOOP("Lists", "Active"),
    "ending": QT_TRANSLATE_NOOP("Lists", "Ending within a month"),
    "expired": QT_TRANSLATE_NOOP("Lists", "Expired"),
}
CONTRACT_COLUMNS = (
    _c("contract_no", QT_TRANSLATE_NOOP("Lists", "Contract no."), ID),
    _c("customer_name", QT_TRANSLATE_NOOP("Lists", "Customer"), wraps=True),
    _c("products", QT_TRANSLATE_NOOP("Lists", "Products covered"), wraps=True),
    _c("start_date", QT_TRANSLATE_NOOP("Lists", "Start"), DATE),
    _c("end_date", QT_TRANSLATE_NOOP("Lists", "End"), DATE),
    _c("fee", QT_TRANSLATE_NOOP("Lists", "Fee (yuan)"), MONEY, total=True),
    _c("visits", QT_TRANSLATE_NOOP("Lists", "Visits used")),
    _c("state", QT_TRANSLATE_NOOP("Lists", "State")),
    _c("keeper", QT_TRANSLATE_NOOP("Lists", "Looked after by")),
)


def contract_list(session: Session, today: date, ids: Sequence[int] | None = None, search: str = "",
                  translate: Translate | None = None) -> ListTable:
    """The maintenance contracts: those of ``ids`` in that order (the list as searched and
    sorted on screen), or every contract, newest first."""
    from . import contracts as contract_service

    lines = contract_service.contract_lines(session, ids)
    if ids is not None:
        position = {contract_id: i for i, contract_id in enumerate(ids)}
        lines.sort(key=lambda line: position.get(line.id, len(position)))
    rows = [
        {
            "contract_no": line.contract_no, "customer_name": line.customer_name, "products": products_text(line.products),
            "start_date": line.start_date, "end_date": line.end_date, "fee": line.fee, "visits": line.visits_text(),
            "state": CONTRACT_STATE[_state(line, today)].tr(translate), "keeper": line.keeper or "",
        }
        for line in lines
    ]
    criteria = [(AS_OF, today.isoformat())]
    if search.strip():
        criteria.append((SEARCH, search.strip()))
    return ListTable("contract_list", CONTRACT_LIST, CONTRACT_COLUMNS, rows, today, criteria)


def _state(line: Any, today: date) -> str:
    from .contracts import contract_state

    return contract_state(line, today)


RENEWALS_DUE = QT_TRANSLATE_NOOP("Lists", "Contract renewals due")
RENEWAL_COLUMNS = (
    _c("contract_no", QT_TRANSLATE_NOOP("Lists", "Contract no."), ID),
    _c("customer_name", QT_TRANSLATE_NOOP("Lists", "Customer"), wraps=True),
    _c("products", QT_TRANSLATE_NOOP("Lists", "Products covered"), wraps=True),
    _c("end_date", QT_TRANSLATE_NOOP("Lists", "End"), DATE),
    _c("notice_due_on", QT_TRANSLATE_NOOP("Lists", "Notice due"), DATE),
    _c("state", QT_TRANSLATE_NOOP("Lists", "State")),
    _c("fee", QT_TRANSLATE_NOOP("Lists", "Fee (yuan)"), MONEY, total=True),
    _c("pursued_by", QT_TRANSLATE_NOOP("Lists", "Pursued by")),
)


def renewals_due(session: Session, today: date, translate: Translate | None = None) -> ListTable:
    """S15: the renewals to work on (services/renewals.py): notices due, sent, or contracts
    ended without an outcome yet; the soonest end first."""
    from .renewals import renewals_due as due

    rows = [
        {"contract_no": line.contract_no, "customer_name": line.customer_name, "products": line.products,
         "end_date": line.end_date, "notice_due_on": line.notice_due_on, "state": line.state(today, translate),
         "fee": line.fee, "pursued_by": line.pursued_by}
        for line in due(session, today)
    ]
    return ListTable("renewals_due", RENEWALS_DUE, RENEWAL_COLUMNS, rows, today, [(AS_OF, today.isoformat())])


# --------------------------------------------------------------------------- customers short of staff (I10)

UNDERSTAFFED = QT_TRANSLATE_NOOP("Lists", "Customers short of responsible staff")
UNDERSTAFFED_COLUMNS = (
    _c("code", QT_TRANSLATE_NOOP("Lists", "Code"), ID),
    _c("name", QT_TRANSLATE_NOOP("Lists", "Customer"), wraps=True),
    _c("importance", QT_TRANSLATE_NOOP("Lists", "Importance")),
    _c("staff_count", QT_TRANSLATE_NOOP("Lists", "Responsible staff"), COUNT),
    _c("staff_names", QT_TRANSLATE_NOOP("Lists", "Responsible now"), wraps=True),
)


def understaffed(session: Session, today: date, translate: Translate | None = None) -> ListTable:
    from .archive import understaffed_customers

    rows = [
        {"code": u.code or "", "name": u.name, "importance": _label(labels.IMPORTANCE, u.importance, translate),
         "staff_count": u.staff_count, "staff_names": u.staff_names}
        for u in understaffed_customers(session, on=today)
    ]
    return ListTable("understaffed_list", UNDERSTAFFED, UNDERSTAFFED_COLUMNS, rows, today, [(AS_OF, today.isoformat())])


# --------------------------------------------------------------------------- repairs at risk (S9)

REPAIRS_AT_RISK = QT_TRANSLATE_NOOP("Lists", "Repairs at risk")
AT_RISK_COLUMNS = (
    _c("card_no", QT_TRANSLATE_NOOP("Lists", "Card no."), ID),
    _c("call_no", QT_TRANSLATE_NOOP("Lists", "Call no."), ID),
    _c("customer_name", QT_TRANSLATE_NOOP("Lists", "Customer"), wraps=True),
    _c("product_model", QT_TRANSLATE_NOOP("Lists", "Model")),
    _c("technician", QT_TRANSLATE_NOOP("Lists", "Technician")),
    _c("promised_date", QT_TRANSLATE_NOOP("Lists", "Promised"), DATE),
    _c("working_days_left", QT_TRANSLATE_NOOP("Lists", "Working days left"), COUNT),
    _c("status", QT_TRANSLATE_NOOP("Lists", "Status")),
    _c("escalation", QT_TRANSLATE_NOOP("Lists", "Escalated"), wraps=True),
)


WITHIN = QT_TRANSLATE_NOOP("Lists", "Promised within")
WITHIN_TEXT = QT_TRANSLATE_NOOP("Lists", "{days} working days, and every escalated one")


def repairs_at_risk(session: Session, today: date, translate: Translate | None = None, within: int = 1) -> ListTable:
    """S9, as the supervisor's page lists them: the most urgent first; days left negative
    when the promised date is missed by that many working days."""
    from .calendar import calendar_from_database
    from .worklists import repairs_at_risk as at_risk

    rows = []
    for r in at_risk(session, today, calendar_from_database(session), within_working_days=within):
        escalation = ""
        if r.escalation_note:
            when = f"{r.escalated_at:%Y-%m-%d %H:%M} " if r.escalated_at else ""
            escalation = when + r.escalation_note
        rows.append({
            "card_no": r.card_no, "call_no": r.call_no or "", "customer_name": r.customer_name,
            "product_model": r.product_model or "", "technician": r.technician or "", "promised_date": r.promised_date,
            "working_days_left": r.working_days_left if r.promised_date else None,
            "status": _label(labels.REPAIR_CARD_STATUS, r.status, translate), "escalation": escalation,
        })
    return ListTable("repairs_at_risk", REPAIRS_AT_RISK, AT_RISK_COLUMNS, rows, today,
                     [(AS_OF, today.isoformat()), (WITHIN, WITHIN_TEXT.tr(translate, days=within))])


# --------------------------------------------------------------------------- invoices to issue (S5, S8)

INVOICES_TO_ISSUE = QT_TRANSLATE_NOOP("Lists", "Invoices to issue")
OVERDUE = QT_TRANSLATE_NOOP("Lists", "Overdue")
INVOICE_COLUMNS = (
    _c("call_no", QT_TRANSLATE_NOOP("Lists", "Call no."), ID),
    _c("customer_name", QT_TRANSLATE_NOOP("Lists", "Customer"), wraps=True),
    _c("due_on", QT_TRANSLATE_NOOP("Lists", "Due"), DATE),
    _c("fee", QT_TRANSLATE_NOOP("Lists", "Fee (yuan)"), MONEY, total=True),
    _c("collected", QT_TRANSLATE_NOOP("Lists", "Collected on site (yuan)"), MONEY, total=True),
    _c("overdue", QT_TRANSLATE_NOOP("Lists", "Overdue")),
)


def invoices_to_issue(session: Session, today: date, translate: Translate | None = None) -> ListTable:
    from .worklists import invoices_to_issue as due

    rows = [
        {"call_no": i.call_no, "customer_name": i.customer_name, "due_on": i.due_on, "fee": i.fee,
         "collected": i.collected, "overdue": OVERDUE.tr(translate) if i.overdue else ""}
        for i in due(session, today)
    ]
    return ListTable("invoices_to_issue", INVOICES_TO_ISSUE, INVOICE_COLUMNS, rows, today, [(AS_OF, today.isoformat())])


# --------------------------------------------------------------------------- the dispatch board (S3, S13)

WAITING_CALLS = QT_TRANSLATE_NOOP("Lists", "Calls waiting for dispatch")
CARRIED_OVER = QT_TRANSLATE_NOOP("Lists", "From an earlier day")
WAITING_COLUMNS = (
    _c("call_no", QT_TRANSLATE_NOOP("Lists", "Call no."), ID),
    _c("received_at", QT_TRANSLATE_NOOP("Lists", "Received"), DATETIME),
    _c("customer_name", QT_TRANSLATE_NOOP("Lists", "Customer"), wraps=True),
    _c("phone", QT_TRANSLATE_NOOP("Lists", "Phone"), ID),
    _c("address", QT_TRANSLATE_NOOP("Lists", "Address"), wraps=True),
    _c("product_model", QT_TRANSLATE_NOOP("Lists", "Model")),
    _c("fault", QT_TRANSLATE_NOOP("Lists", "Fault"), wraps=True),
    _c("service_kind", QT_TRANSLATE_NOOP("Lists", "Kind")),
    _c("arrival_due_at", QT_TRANSLATE_NOOP("Lists", "Arrive by"), DATETIME),
    _c("carry_over", QT_TRANSLATE_NOOP("Lists", "Carried over")),
)


def waiting_calls(session: Session, now: datetime, translate: Translate | None = None) -> ListTable:
    """The dispatch board's calls still waiting for a technician, as the board orders them
    (yesterday's leftovers first, S13)."""
    from .dispatch_board import undispatched_calls

    rows = [
        {"call_no": c.call_no, "received_at": c.received_at, "customer_name": c.customer_name, "phone": c.phone or "",
         "address": c.address or "", "product_model": c.product_model or "", "fault": c.fault,
         "service_kind": c.service_kind, "arrival_due_at": c.arrival_due_at,
         "carry_over": CARRIED_OVER.tr(translate) if c.carry_over else ""}
        for c in undispatched_calls(session, now.date())
    ]
    return ListTable("waiting_calls", WAITING_CALLS, WAITING_COLUMNS, rows, now.date(), [(AS_OF, f"{now:%Y-%m-%d %H:%M}")])


# --------------------------------------------------------------------------- the audit log (I7)

AUDIT_LOG = QT_TRANSLATE_NOOP("Lists", "Audit log")
AUDIT_COLUMNS = (
    _c("id", QT_TRANSLATE_NOOP("Lists", "No."), COUNT),
    _c("at", QT_TRANSLATE_NOOP("Lists", "Time"), SECOND),
    _c("person", QT_TRANSLATE_NOOP("Lists", "Person")),
    _c("login", QT_TRANSLATE_NOOP("Lists", "Login name")),
    _c("action", QT_TRANSLATE_NOOP("Lists", "Action")),
    _c("target", QT_TRANSLATE_NOOP("Lists", "Concerning"), wraps=True),
    _c("detail", QT_TRANSLATE_NOOP("Lists", "Detail"), wraps=True),
)
AUDIT_STAFF = QT_TRANSLATE_NOOP("Lists", "Person")
AUDIT_ACTION = QT_TRANSLATE_NOOP("Lists", "Action")
AUDIT_PAGE = 2000


def audit_lines(session: Session, user: Any, chosen: Any, today: date, translate: Translate | None = None,
                staff_name: str | None = None) -> ListTable:
    """The audit log as the viewer filters it (``chosen``: an ``audit_log.AuditFilter``),
    newest first. The permission is checked by ``audit_log.entries``."""
    from . import audit_log

    rows: list[dict[str, Any]] = []
    offset = 0
    while True:
        page = audit_log.entries(session, user, start=chosen.start, end=chosen.end, staff_id=chosen.staff_id,
                                 action=chosen.action, text=chosen.text, upto_id=chosen.upto_id,
                                 offset=offset, limit=AUDIT_PAGE)
        for line in page:
            target = " ".join(p for p in (line.target_type, line.target_id, line.target_name) if p)
            rows.append({
                "id": line.id, "at": line.at, "person": line.person or "", "login": line.login or "",
                "action": audit_log.action_label(line.action, translate), "target": target,
                "detail": audit_log.describe_detail(line.action, line.detail, translate),
            })
        if len(page) < AUDIT_PAGE:
            break
        offset += AUDIT_PAGE
    criteria: list[tuple[Msg, str]] = []
    if chosen.start or chosen.end:
        criteria.append((PERIOD, PERIOD_TEXT.tr(translate, start=chosen.start.isoformat() if chosen.start else "…",
                                                end=chosen.end.isoformat() if chosen.end else "…")))
    if staff_name:
        criteria.append((AUDIT_STAFF, staff_name))
    if chosen.action:
        criteria.append((AUDIT_ACTION, audit_log.action_label(chosen.action, translate)))
    if chosen.text:
        criteria.append((SEARCH, chosen.text))
    return ListTable("audit_log", AUDIT_LOG, AUDIT_COLUMNS, rows, today, criteria)


# --------------------------------------------------------------------------- the monthly report's summary

MONTHLY_SUMMARY = QT_TRANSLATE_NOOP("Lists", "Monthly technician report (summary)")
MONTH = QT_TRANSLATE_NOOP("Lists", "Month")
MONTHLY_COLUMNS = (
    _c("name", QT_TRANSLATE_NOOP("Lists", "Technician")),
    _c("jobs_a", QT_TRANSLATE_NOOP("Lists", "A jobs"), COUNT, total=True),
    _c("jobs_b", QT_TRANSLATE_NOOP("Lists", "B jobs"), COUNT, total=True),
    _c("jobs_c", QT_TRANSLATE_NOOP("Lists", "C jobs"), COUNT, total=True),
    _c("jobs", QT_TRANSLATE_NOOP("Lists", "Jobs"), COUNT, total=True),
    _c("hours", QT_TRANSLATE_NOOP("Lists", "Hours"), HOURS, total=True),
    _c("on_time", QT_TRANSLATE_NOOP("Lists", "Arrived on time"), COUNT, total=True),
    _c("late", QT_TRANSLATE_NOOP("Lists", "Arrived late"), COUNT, total=True),
    _c("on_time_rate", QT_TRANSLATE_NOOP("Lists", "On-time rate"), PERCENT),
    _c("response_hours", QT_TRANSLATE_NOOP("Lists", "Average response (h)"), HOURS),
    _c("repairs", QT_TRANSLATE_NOOP("Lists", "Repairs completed"), COUNT, total=True),
    _c("parts_cost", QT_TRANSLATE_NOOP("Lists", "Parts (yuan)"), MONEY, total=True),
    _c("fees", QT_TRANSLATE_NOOP("Lists", "Fees collected (yuan)"), MONEY, total=True),
    _c("survey_cards", QT_TRANSLATE_NOOP("Lists", "Survey cards"), COUNT, total=True),
)


def monthly_summary(session: Session, year: int, month: int, translate: Translate | None = None,
                    now: datetime | None = None) -> ListTable:
    """The monthly technician report's summary sheet as a list: one line per technician, the
    branch's totals under it (rates and averages of the branch are in the workbook)."""
    from .monthly_report import monthly_figures

    figures = monthly_figures(session, year, month, now=now)
    rows = []
    for t in figures.technicians:
        rows.append({
            "name": t.name, "jobs_a": t.jobs.get("A", 0), "jobs_b": t.jobs.get("B", 0), "jobs_c": t.jobs.get("C", 0),
            "jobs": t.total_jobs, "hours": t.hours, "on_time": t.arrivals_on_time, "late": t.arrivals_late,
            "on_time_rate": t.on_time_rate, "response_hours": t.average_response_hours,
            "repairs": t.repairs_completed, "parts_cost": t.parts_cost, "fees": t.fees_collected,
            "survey_cards": t.survey.cards if t.survey is not None else 0,
        })
    as_of = (now or figures.computed_at).date()
    return ListTable("monthly_summary", MONTHLY_SUMMARY, MONTHLY_COLUMNS, rows, as_of,
                     [(MONTH, f"{year:04d}-{month:02d}")], renewals_note(figures.renewals, translate))


RENEWALS_NOTE = QT_TRANSLATE_NOOP("Lists", "Contract renewals decided this month: {renewed} renewed, {lost} not renewed, "
                                  "renewal rate {rate}")
KEEPER_RATE = QT_TRANSLATE_NOOP("Lists", "{keeper} {rate} ({renewed}/{decided})")
NO_RATE = QT_TRANSLATE_NOOP("Lists", "none decided")


def renewals_note(renewals: Any, translate: Translate | None = None) -> str:
    """S15: the month's renewal rate, the branch's and per keeper, as one line."""
    if renewals is None:
        return ""
    branch, keepers = renewals

    def rate(r) -> str:
        return f"{r.rate * 100:.1f}%" if r.rate is not None else NO_RATE.tr(translate)

    text = RENEWALS_NOTE.tr(translate, renewed=branch.renewed, lost=branch.lost, rate=rate(branch))
    per = [KEEPER_RATE.tr(translate, keeper=k.keeper or "—", rate=rate(k), renewed=k.renewed, decided=k.renewed + k.lost)
           for k in keepers]
    return text + (CRITERIA_SEPARATOR.tr(translate) + CRITERIA_SEPARATOR.tr(translate).join(per) if per else "")


# --------------------------------------------------------------------------- by name (the command line)

# name → (the command's name, what it needs: "day", "period", "month", "audit")
LISTS: dict[str, tuple[str, str]] = {
    "repair_card_register": ("repair-card-register", "period"),
    "contract_list": ("contracts", "day"),
    "renewals_due": ("renewals-due", "day"),
    "understaffed_list": ("short-of-staff", "day"),
    "repairs_at_risk": ("repairs-at-risk", "day"),
    "invoices_to_issue": ("invoices-to-issue", "day"),
    "waiting_calls": ("waiting-calls", "day"),
    "audit_log": ("audit-log", "audit"),
    "monthly_summary": ("monthly-summary", "month"),
}
BY_COMMAND = {command: name for name, (command, _needs) in LISTS.items()}
TITLES: dict[str, Msg] = {
    "repair_card_register": REPAIR_CARD_REGISTER, "contract_list": CONTRACT_LIST, "renewals_due": RENEWALS_DUE,
    "understaffed_list": UNDERSTAFFED, "repairs_at_risk": REPAIRS_AT_RISK, "invoices_to_issue": INVOICES_TO_ISSUE,
    "waiting_calls": WAITING_CALLS, "audit_log": AUDIT_LOG, "monthly_summary": MONTHLY_SUMMARY,
}
COLUMNS: dict[str, tuple[ListColumn, ...]] = {
    "repair_card_register": REPAIR_CARD_COLUMNS, "contract_list": CONTRACT_COLUMNS, "renewals_due": RENEWAL_COLUMNS,
    "understaffed_list": UNDERSTAFFED_COLUMNS, "repairs_at_risk": AT_RISK_COLUMNS, "invoices_to_issue": INVOICE_COLUMNS,
    "waiting_calls": WAITING_COLUMNS, "audit_log": AUDIT_COLUMNS, "monthly_summary": MONTHLY_COLUMNS,
}


def list_name(name_or_command: str) -> str:
    name = name_or_command if name_or_command in LISTS else BY_COMMAND.get(name_or_command)
    if name is None:
        raise UserError(UNKNOWN_LIST, "list", name=name_or_command, names=", ".join(BY_COMMAND))
    return name



NEEDS_PERIOD = QT_TRANSLATE_NOOP("Lists", "The {title} is printed for a period: give --from and --to.")
NEEDS_MONTH = QT_TRANSLATE_NOOP("Lists", "The {title} is printed for a month: give --month, e.g. 2026-10.")


def build(session: Session, name: str, *, today: date, start: date | None = None, end: date | None = None,
          month: tuple[int, int] | None = None, search: str = "", user: Any = None,
          translate: Translate | None = None, now: datetime | None = None) -> ListTable:
    """The list ``name`` (or its command's name) as the window would show it on ``today``:
    the repair-card register and the audit log for the period ``start``–``end``, the monthly
    summary for ``month`` (year, month), the contracts and the audit log searched with ``search``."""
    name = list_name(name)
    needs = LISTS[name][1]
    title = TITLES[name]
    if needs == "period" and (start is None or end is None):
        raise UserError(NEEDS_PERIOD, "date_from" if start is None else "date_to", title=title)
    if needs == "month" and month is None:
        raise UserError(NEEDS_MONTH, "month", title=title)
    if name == "repair_card_register":
        return repair_card_register(session, start, end, translate)
    if name == "contract_list":
        ids = None
        if search.strip():
            from .contracts import contract_lines

            wanted = search.strip().casefold()
            ids = [line.id for line in contract_lines(session)
                   if wanted in " ".join([line.contract_no, line.customer_name, products_text(line.products),
                                          line.keeper or ""]).casefold()]
        return contract_list(session, today, ids, search, translate)
    if name == "renewals_due":
        return renewals_due(session, today, translate)
    if name == "understaffed_list":
        return understaffed(session, today, translate)
    if name == "repairs_at_risk":
        return repairs_at_risk(session, today, translate)
    if name == "invoices_to_issue":
        return invoices_to_issue(session, today, translate)
    if name == "waiting_calls":
        from datetime import time

        return waiting_calls(session, now or datetime.combine(today, time(23, 59)), translate)
    if name == "audit_log":
        from .audit_log import AuditFilter

        if start is not None and end is not None:
            _period(start, end)
        return audit_lines(session, user, AuditFilter(start=start, end=end, text=search.strip() or None), today, translate)
    return monthly_summary(session, month[0], month[1], translate, now)
