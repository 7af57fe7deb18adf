"""What a paid job costs (S5, S8): the labour rate table and the parts price list.

A job's fee = hours × the hourly rate for its kind of work valid on its day (never less
than that rate's minimum fee) + its parts. Rates change by adding a row from a date on, so
older jobs keep the rate of their day. With no rate for the kind of work, there is no
computed fee and the clerk enters one.

A quote further from the computed fee than the quote margin (a setting, 20 % unless the
charges dialog says otherwise) needs a reason (``beyond_margin``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP
from ..models import LabourRate, PartPrice, Setting, WorkMode
from .validation import (
    Problems,
    check_choice,
    column_length,
    parse_date,
    parse_decimal,
    require,
    require_text,
)

CENT = Decimal("0.01")
MAX_MONEY = Decimal("9999999999.99")


def rate_on(session: Session, mode: str, day: date) -> LabourRate | None:
    """The labour rate for ``mode`` valid on ``day``: the latest one starting on or before it."""
    return session.scalars(
        select(LabourRate)
        .where(LabourRate.mode == mode, LabourRate.valid_from <= day)
        .order_by(LabourRate.valid_from.desc())
        .limit(1)
    ).first()


def labour_fee(session: Session, mode: str, day: date, hours: Decimal) -> Decimal | None:
    rate = rate_on(session, mode, day)
    if rate is None:
        return None
    fee = (Decimal(hours) * rate.hourly_rate).quantize(CENT, rounding=ROUND_HALF_UP)
    return max(fee, rate.minimum_fee)


def job_fee(session: Session, mode: str, day: date, hours: Decimal, parts: Decimal) -> Decimal | None:
    labour = labour_fee(session, mode, day, hours)
    if labour is None:
        return None
    return (labour + Decimal(parts)).quantize(CENT, rounding=ROUND_HALF_UP)


# --------------------------------------------------------------------------- the quote margin

QUOTE_MARGIN_SETTING = "pricing.quote_margin"
DEFAULT_QUOTE_MARGIN = Decimal("20")
_MARGIN_MISSING = QT_TRANSLATE_NOOP("Pricing", "Enter the quote margin, a percentage from 0 to 100.")


def quote_margin(session: Session) -> Decimal:
    """How far (in percent, either way) a quote may be from the computed fee without a reason."""
    row = session.get(Setting, QUOTE_MARGIN_SETTING)
    if row is None or not row.value:
        return DEFAULT_QUOTE_MARGIN
    try:
        value = Decimal(row.value)
    except InvalidOperation:  # a hand-edited setting: the default rather than no check at all
        return DEFAULT_QUOTE_MARGIN
    return value if value.is_finite() and 0 <= value <= 100 else DEFAULT_QUOTE_MARGIN


def check_quote_margin(value: object, field: str = "quote_margin") -> Decimal:
    margin = parse_decimal(value, field, minimum=0, places=2, maximum=100)
    return require(margin, field, _MARGIN_MISSING)


def set_quote_margin(session: Session, value: object) -> Decimal:
    """The quote margin, a percentage from 0 to 100, stored as a setting."""
    margin = check_quote_margin(value)
    text = f"{margin.normalize():f}"
    row = session.get(Setting, QUOTE_MARGIN_SETTING)
    if row is None:
        session.add(Setting(key=QUOTE_MARGIN_SETTING, value=text))
    else:
        row.value = text
    session.flush()
    return margin


def beyond_margin(amount: Decimal, computed: Decimal, margin: Decimal) -> bool:
    """Whether ``amount`` is more than ``margin`` percent above or below ``computed``."""
    return abs(amount - computed) * 100 > computed * margin


def set_rate(
    session: Session, *, mode: str, valid_from: date | str, hourly_rate: object, minimum_fee: object = 0
) -> LabourRate:
    """Enter the rate for a kind of work from a date on (replacing one entered for the same day)."""
    problems = Problems()
    clean_mode = problems.check(
        check_choice, mode, WorkMode, "mode",
        QT_TRANSLATE_NOOP("Pricing", "Choose on-site work or workshop repair."),
    )
    start = problems.check(
        lambda: require(parse_date(valid_from, "valid_from"), "valid_from",
                        QT_TRANSLATE_NOOP("Pricing", "Enter the date the rate applies from."))
    )
    rate = problems.check(parse_decimal, hourly_rate, "hourly_rate", minimum=0, places=2, maximum=MAX_MONEY)
    if rate is None and not problems.has("hourly_rate"):
        problems.report(QT_TRANSLATE_NOOP("Pricing", "Enter the hourly rate."), field="hourly_rate")
    minimum = problems.check(parse_decimal, minimum_fee if minimum_fee not in (None, "") else 0, "minimum_fee",
                             minimum=0, places=2, maximum=MAX_MONEY)
    problems.raise_if_any()
    row = session.scalars(
        select(LabourRate).where(LabourRate.mode == clean_mode, LabourRate.valid_from == start)
    ).first()
    if row is None:
        row = LabourRate(mode=clean_mode, valid_from=start)
        session.add(row)
    row.hourly_rate = rate
    row.minimum_fee = minimum
    session.flush()
    return row


def rates(session: Session) -> list[LabourRate]:
    return list(session.scalars(select(LabourRate).order_by(LabourRate.mode, LabourRate.valid_from)))


# --------------------------------------------------------------------------- parts price list


def price_of(session: Session, part_no: str | None) -> PartPrice | None:
    if not part_no:
        return None
    return session.scalars(select(PartPrice).where(PartPrice.part_no == part_no.strip().upper())).first()


def save_part(
    session: Session, *, part_no: str, name: str, unit_price: object, active: bool = True
) -> PartPrice:
    """Add a part to the price list or change its name, price or whether it is offered."""
    problems = Problems()
    number = problems.check(
        require_text, part_no, "part_no", QT_TRANSLATE_NOOP("Pricing", "Enter the part number."),
        max_length=column_length(PartPrice, "part_no"),
    )
    clean_name = problems.check(
        require_text, name, "name", QT_TRANSLATE_NOOP("Pricing", "Enter the name of the part."),
        max_length=column_length(PartPrice, "name"),
    )
    price = problems.check(parse_decimal, unit_price, "unit_price", minimum=0, places=2, maximum=MAX_MONEY)
    if price is None and not problems.has("unit_price"):
        problems.report(QT_TRANSLATE_NOOP("Pricing", "Enter the unit price."), field="unit_price")
    problems.raise_if_any()
    assert number is not None
    row = price_of(session, number)
    if row is None:
        row = PartPrice(part_no=number.upper())
        session.add(row)
    row.name = clean_name
    row.unit_price = price
    row.active = bool(active)
    session.flush()
    return row


def price_list(session: Session, *, include_inactive: bool = False) -> list[PartPrice]:
    stmt = select(PartPrice).order_by(PartPrice.part_no)
    if not include_inactive:
        stmt = stmt.where(PartPrice.active.is_(True))
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class PricedLine:
    part_no: str | None
    name: str | None
    unit_price: Decimal | None
    from_list: bool


def price_line(session: Session, part_no: str | None, name: str | None, unit_price: object) -> PricedLine:
    """A parts line as the card stores it: a known part number brings its name and list
    price when they were left empty."""
    part = price_of(session, part_no)
    if part is None:
        return PricedLine(part_no, name, None, False)
    if part_no and not part.active and unit_price in (None, ""):
        raise UserError(
            QT_TRANSLATE_NOOP("Pricing", "Part {part_no} is no longer in the price list; enter its price."),
            field="unit_price", part_no=part.part_no,
        )
    return PricedLine(part.part_no, name or part.name, part.unit_price, True)



# --------------------------------------------------------------------------- the settings dialog


def _line_error(problems: Problems, error: UserError, table: str, line: int) -> None:
    """``error`` (about one field, or a ValidationError about several) recorded for its line
    as ``table[line].field``."""
    for p in getattr(error, "problems", [error]):
        problems.report(p.message, field=f"{table}[{line}].{p.field or 'line'}", **{**p.args_for_message, "line": line})


def _same_money(stored: Decimal, given: object, field: str) -> bool:
    try:
        return parse_decimal(given, field, places=2) == stored
    except UserError:
        return False


def save_charges(
    session: Session, *, rates: list[dict[str, object]], parts: list[dict[str, object]], margin: object = None,
) -> int:
    """The charges settings (收费标准) saved at once, in the caller's transaction: the labour
    rates (mode, valid_from, hourly_rate, minimum_fee), the parts of the price list
    (part_no, name, unit_price, active) as the dialog shows them, and the quote ``margin``
    (percent; ``None`` leaves it as it is; a problem with it is at ``quote_margin``).

    Lines are numbered from 1 in the order given, and a problem names its line and field
    (``rates[2].hourly_rate``, ``parts[5].part_no``) so the dialog marks the cell; every line
    is checked, and the caller's transaction is rolled back when any is refused (X2). Two
    lines for the same kind of work from the same day, or one part number twice, are
    refused. A line equal to what is stored writes nothing. Rates are not deleted (they are
    the history of what jobs cost on their day); a part leaves the list by being made
    inactive. Returns how many lines were written."""
    problems = Problems()
    written = 0
    if margin is not None:
        clean_margin = problems.check(check_quote_margin, margin)
        if clean_margin is not None and clean_margin != quote_margin(session):
            set_quote_margin(session, clean_margin)
            written += 1
    stored_rates = {(r.mode, r.valid_from): r for r in session.scalars(select(LabourRate))}
    stored_parts = {p.part_no: p for p in session.scalars(select(PartPrice))}

    seen_rates: dict[tuple[str, date], int] = {}
    for line, values in enumerate(rates, start=1):
        try:
            day = parse_date(values.get("valid_from"), "valid_from")
        except UserError:
            day = None  # set_rate reports it
        key = (str(values.get("mode") or ""), day)
        if day is not None and key in seen_rates:
            problems.report(
                QT_TRANSLATE_NOOP("Pricing", "Line {other} already has a rate for this kind of work from {day}."),
                field=f"rates[{line}].valid_from", line=line, other=seen_rates[key], day=day.isoformat(),  # type: ignore[index]
            )
            continue
        if day is not None:
            seen_rates[key] = line  # type: ignore[index]
        stored = stored_rates.get(key)  # type: ignore[arg-type]
        if (
            stored is not None
            and _same_money(stored.hourly_rate, values.get("hourly_rate"), "hourly_rate")
            and _same_money(stored.minimum_fee, values.get("minimum_fee") or 0, "minimum_fee")
        ):
            continue
        try:
            set_rate(
                session, mode=str(values.get("mode") or ""), valid_from=values.get("valid_from"),  # type: ignore[arg-type]
                hourly_rate=values.get("hourly_rate"), minimum_fee=values.get("minimum_fee"),
            )
            written += 1
        except UserError as error:
            _line_error(problems, error, "rates", line)

    seen_parts: dict[str, int] = {}
    for line, values in enumerate(parts, start=1):
        number = str(values.get("part_no") or "").strip().upper()
        if number and number in seen_parts:
            problems.report(
                QT_TRANSLATE_NOOP("Pricing", "Part number {part_no} is already on line {other}."),
                field=f"parts[{line}].part_no", line=line, other=seen_parts[number], part_no=number,
            )
            continue
        if number:
            seen_parts[number] = line
        stored_part = stored_parts.get(number)
        active = bool(values.get("active", True))
        if (
            stored_part is not None
            and stored_part.name == str(values.get("name") or "").strip()
            and stored_part.active == active
            and _same_money(stored_part.unit_price, values.get("unit_price"), "unit_price")
        ):
            continue
        try:
            save_part(
                session, part_no=str(values.get("part_no") or ""), name=str(values.get("name") or ""),
                unit_price=values.get("unit_price"), active=active,
            )
            written += 1
        except UserError as error:
            _line_error(problems, error, "parts", line)
    problems.raise_if_any()
    return written
