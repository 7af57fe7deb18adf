"""Checking and tidying what a clerk typed (X2), shared by every service that saves a form.

Each ``parse_*``/``check_*`` function takes the raw value of one field (text from an editor,
or already a Python value) and either returns the clean value or raises ``UserError`` with
that field's name, so a dialog can mark the field. Empty text counts as "not given" and comes
back as ``None``; whether a field is required is the caller's decision (``require_text``,
``require``).

A form has several fields: ``Problems`` collects the error of each one and raises them
together (one ``UserError`` alone, several as a ``ValidationError``), so the clerk sees every
bad field at once and nothing is written before all of them are good.

Messages are English source strings marked with ``QT_TRANSLATE_NOOP``; the views translate.
No Qt here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from ..errors import UserError, ValidationError
from ..i18n import QT_TRANSLATE_NOOP, Msg
from ..models import Role, Staff

T = TypeVar("T")


# --------------------------------------------------------------------------- collecting


class Problems:
    """The problems of one form, gathered field by field and raised together.

    ::

        problems = Problems()
        name = problems.check(require_text, values.get("name"), "name", NAME_MISSING)
        with problems.collect():
            ...  # anything that may raise UserError
        problems.raise_if_any()
    """

    def __init__(self) -> None:
        self.errors: list[UserError] = []

    def add(self, error: UserError) -> None:
        if isinstance(error, ValidationError):
            self.errors.extend(error.problems)
        else:
            self.errors.append(error)

    def report(self, message: Msg, field: str | None, **args: object) -> None:
        self.add(UserError(message, field=field, **args))

    def check(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """``func(*args, **kwargs)``, or ``None`` with its UserError recorded."""
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            self.add(exc)
            return None

    @contextmanager
    def collect(self) -> Iterator[None]:
        try:
            yield
        except UserError as exc:
            self.add(exc)

    def has(self, field: str) -> bool:
        return any(e.field == field for e in self.errors)

    @property
    def fields(self) -> list[str | None]:
        return [e.field for e in self.errors]

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ValidationError(list(self.errors))


# --------------------------------------------------------------------------- text


def _tidy(value: object) -> str:
    """Full-width forms (１２３, （）, －) to their plain forms; outer spaces dropped."""
    return unicodedata.normalize("NFKC", str(value)).strip()


TOO_LONG = QT_TRANSLATE_NOOP("Validation", "This text is too long: {length} characters, at most {max} fit ({over} too many).")


def max_length_error(field: str, max_length: int, length: int) -> UserError:
    """A text longer than its column (a length sized to the form that prints it)."""
    return UserError(TOO_LONG, field=field, max=max_length, length=length, over=length - max_length)


def optional_text(value: object, field: str, *, max_length: int | None = None) -> str | None:
    """Stripped text, or ``None`` when empty."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if max_length is not None and len(text) > max_length:
        raise max_length_error(field, max_length, len(text))
    return text


def require_text(value: object, field: str, label_msg: Msg, *, max_length: int | None = None, **args: object) -> str:
    """Stripped text; ``label_msg`` (e.g. "Enter the customer's name.") when it is empty."""
    text = optional_text(value, field, max_length=max_length)
    if text is None:
        raise UserError(label_msg, field=field, **args)
    return text


def require(value: T | None, field: str, label_msg: Msg, **args: object) -> T:
    """``value`` itself, refused with ``label_msg`` when it is ``None`` (a missing date...)."""
    if value is None:
        raise UserError(label_msg, field=field, **args)
    return value


def check_choice(value: object, choices: type[Enum], field: str, label_msg: Msg) -> str:
    """The stored code of an enum member (``"urban"``, ``"A"``...); ``label_msg`` (which may
    use ``{value}``) when the value is not one of them."""
    if isinstance(value, choices):
        return str(value.value)
    text = "" if value is None else str(value).strip()
    allowed = {str(m.value): str(m.value) for m in choices}
    if text in allowed:
        return allowed[text]
    raise UserError(label_msg, field=field, value=text)


# --------------------------------------------------------------------------- numbers


def parse_decimal(
    value: object,
    field: str,
    *,
    minimum: Decimal | int | None = None,
    places: int = 2,
    greater_than: Decimal | int | None = None,
    maximum: Decimal | int | None = None,
) -> Decimal | None:
    """A number typed by the clerk (``"1,200.50"``, ``"１２"``, ``"¥30"``) or given as a number;
    ``None`` when empty. At most ``places`` decimal places: a money field does not round a
    typing mistake away silently."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise UserError(QT_TRANSLATE_NOOP("Validation", "Enter a number, e.g. 12.50."), field=field, value=str(value))
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        text = _tidy(value).replace(",", "").replace("¥", "").replace("￥", "").replace(" ", "")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise UserError(
                QT_TRANSLATE_NOOP("Validation", "“{value}” is not a number: enter digits, e.g. 12.50."),
                field=field,
                value=str(value).strip(),
            ) from None
    if not number.is_finite():
        raise UserError(QT_TRANSLATE_NOOP("Validation", "Enter a number, e.g. 12.50."), field=field, value=str(value))
    try:
        rounded = number.quantize(Decimal(1).scaleb(-places))
    except InvalidOperation:  # more digits than a Decimal holds
        raise UserError(
            QT_TRANSLATE_NOOP("Validation", "The number {value} is too large."), field=field, value=str(value)
        ) from None
    if rounded != number:
        raise UserError(
            QT_TRANSLATE_NOOP("Validation", "At most {places} digits after the decimal point, please."),
            field=field,
            places=places,
        )
    if greater_than is not None and not number > Decimal(greater_than):
        raise UserError(
            QT_TRANSLATE_NOOP("Validation", "The number must be greater than {limit}."),
            field=field,
            limit=greater_than,
        )
    if minimum is not None and number < Decimal(minimum):
        if Decimal(minimum) == 0:
            raise UserError(QT_TRANSLATE_NOOP("Validation", "The number cannot be negative."), field=field, limit=0)
        raise UserError(
            QT_TRANSLATE_NOOP("Validation", "The number cannot be less than {limit}."),
            field=field,
            limit=minimum,
        )
    if maximum is not None and number > Decimal(maximum):
        raise UserError(
            QT_TRANSLATE_NOOP("Validation", "The number cannot be more than {limit}."),
            field=field,
            limit=maximum,
        )
    return rounded


# --------------------------------------------------------------------------- dates


_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_TIME_TEXT = re.compile(r"(\d{1,2})\s*[:：时点]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:\.\d+)?\s*秒?|\s*分)?")


def _bad_date(field: str, value: object) -> UserError:
    return UserError(
        QT_TRANSLATE_NOOP("Validation", "“{value}” is not a date: write it as 2026-11-28."),
        field=field,
        value=str(value).strip(),
    )


def _bad_datetime(field: str, value: object) -> UserError:
    return UserError(
        QT_TRANSLATE_NOOP("Validation", "“{value}” is not a date and time: write it as 2026-11-28 09:30."),
        field=field,
        value=str(value).strip(),
    )


def _split_date_time(text: str) -> tuple[re.Match[str] | None, str]:
    m = _DATE_TEXT.match(text)
    if not m:
        return None, text
    return m, text[m.end() :].lstrip("Tt ").strip()


def _local(value: datetime) -> datetime:
    """Times are stored naive, in the branch's local time."""
    return value.astimezone().replace(tzinfo=None) if value.tzinfo is not None else value


def _make_date(m: re.Match[str]) -> date:
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def parse_date(value: object, field: str) -> date | None:
    """A date from a ``date``/``datetime`` or text (``2026-11-28``, ``2026/11/28``,
    ``2026年11月28日``); ``None`` when empty."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _tidy(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    m, rest = _split_date_time(text)
    if m is not None and rest:  # a full ISO date and time: its day
        try:
            return _local(datetime.fromisoformat(text)).date()
        except ValueError:
            pass
    if m is None or rest:
        raise _bad_date(field, value)
    try:
        return _make_date(m)
    except ValueError:
        raise _bad_date(field, value) from None


def parse_datetime(value: object, field: str) -> datetime | None:
    """A date and time from a ``datetime`` (an aware one is turned into local time), a
    ``date`` (midnight) or text (``2026-11-28 09:30``, ISO ``2026-11-28T09:30:00``); ``None``
    when empty."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _local(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = _tidy(value)
    if not text:
        return None
    try:
        return _local(datetime.fromisoformat(text))
    except ValueError:
        pass
    m, rest = _split_date_time(text)
    if m is None:
        raise _bad_datetime(field, value)
    try:
        day = _make_date(m)
        if not rest:
            return datetime(day.year, day.month, day.day)
        t = _TIME_TEXT.fullmatch(rest)
        if not t:
            raise ValueError(rest)
        return datetime(day.year, day.month, day.day, int(t.group(1)), int(t.group(2)), int(t.group(3) or 0))
    except ValueError:
        raise _bad_datetime(field, value) from None


# --------------------------------------------------------------------------- codes


def check_postcode(value: object, field: str = "postcode") -> str | None:
    """A Chinese postcode: six digits (``200040``); ``None`` when empty."""
    if value is None:
        return None
    text = _tidy(value).replace(" ", "")
    if not text:
        return None
    if not re.fullmatch(r"\d{6}", text):
        raise UserError(
            QT_TRANSLATE_NOOP("Validation", "A postcode has exactly six digits, e.g. 200040."),
            field=field,
            value=text,
        )
    return text


# --------------------------------------------------------------------------- phones

# What a phone field may contain besides the extension words.
_PHONE_CHARS = re.compile(r"[\d\s\-+()]+")
# An extension written with a word: 转123, 分机 123, ext. 123, x123, #123.
_EXTENSION_WORD = re.compile(r"\s*(?:转|分机号?|ext(?:ension)?\.?|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)
_INTL_PREFIX = re.compile(r"^\(?\s*(?:\+|00)\s*86\s*\)?")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_SERVICE_NUMBER = re.compile(r"[48]00\d{7}")  # 400 / 800 numbers
_AREA_CODE = re.compile(r"0\d{2,3}")
_LOCAL_NUMBER = re.compile(r"[1-9]\d{6,7}")  # local numbers never begin with 0

PHONE_BAD_CHARACTERS = QT_TRANSLATE_NOOP(
    "Validation",
    "The phone number may contain only digits, spaces, '-', '+', '(' ')' and an extension such as '转 123'.",
)
PHONE_NOT_CHINESE = QT_TRANSLATE_NOOP(
    "Validation",
    "“{phone}” is not a phone number: enter a mobile number (11 digits, e.g. 13812345678), a landline with its area code (e.g. 021-62345678) or a 400/800 number.",
)
PHONE_NEEDS_AREA_CODE = QT_TRANSLATE_NOOP(
    "Validation", "The landline number “{phone}” needs its area code, e.g. 021-62345678."
)
PHONE_MOBILE_EXTENSION = QT_TRANSLATE_NOOP("Validation", "A mobile number has no extension: “{phone}”.")


def _landline(groups: list[str]) -> str | None:
    """``"021-62345678"`` from digit groups, or ``None`` when they are not a landline.

    When the clerk separated the area code, that grouping is trusted; a single run of
    digits is split by the Chinese plan: 010 and 02x are three digits, the rest four."""
    if not groups or not groups[0].startswith("0"):
        return None
    if len(groups) > 1 and _AREA_CODE.fullmatch(groups[0]):
        area, local = groups[0], "".join(groups[1:])
    else:
        digits = "".join(groups)
        cut = 3 if digits.startswith(("010", "02")) else 4
        area, local = digits[:cut], digits[cut:]
    if _AREA_CODE.fullmatch(area) and _LOCAL_NUMBER.fullmatch(local):
        return f"{area}-{local}"
    return None


def normalize_phone(text: str | None, field: str = "phone") -> str | None:
    """A Chinese phone number in one tidy form, or ``None`` when empty.

    Accepted: mobile numbers (``138 1234 5678``, ``+86 138-1234-5678``, ``0086…``) →
    ``13812345678``; landlines with their area code (``021-62345678``, ``(021) 6234 5678``,
    ``02162345678``, ``+86 21 62345678``) → ``021-62345678``; 400/800 numbers →
    ``400-123-4567``; an extension on a landline or 400/800 number (``-123``, ``转123``,
    ``ext 123``, ``分机123``) → ``021-62345678 转 123``. Full-width digits and brackets are
    read as plain ones. Anything else is refused with a message for the field.
    """
    if text is None:
        return None
    original = str(text).strip()
    s = _tidy(text)
    if not s:
        return None
    extension = None
    m = _EXTENSION_WORD.search(s)
    if m:
        extension = m.group(1)
        s = s[: m.start()].strip()
    if not s or not _PHONE_CHARS.fullmatch(s):
        raise UserError(PHONE_BAD_CHARACTERS, field=field, phone=original)
    international = False
    m = _INTL_PREFIX.match(s)
    if m:
        international = True
        s = re.sub(r"^[\s\-]*\(\s*0\s*\)", "", s[m.end() :])  # "+86 (0)21 …"
    if "+" in s:  # another country, or a stray plus
        raise UserError(PHONE_NOT_CHINESE, field=field, phone=original)
    groups = [g for g in re.split(r"[\s\-()]+", s) if g]
    if not groups:
        raise UserError(PHONE_NOT_CHINESE, field=field, phone=original)
    digits = "".join(groups)

    if _MOBILE.fullmatch(digits):
        if extension:
            raise UserError(PHONE_MOBILE_EXTENSION, field=field, phone=original)
        return digits

    if international and not digits.startswith("0"):
        groups[0] = "0" + groups[0]
        digits = "0" + digits

    number = None
    if not international and _SERVICE_NUMBER.fullmatch(digits):
        number = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if number is None:
        number = _landline(groups)
    if number is None and extension is None and len(groups) > 2 and len(groups[-1]) <= 6:
        # "021-62345678-123": the last group is the extension
        last = groups[-1]
        rest_digits = "".join(groups[:-1])
        if not international and _SERVICE_NUMBER.fullmatch(rest_digits):
            number = f"{rest_digits[:3]}-{rest_digits[3:6]}-{rest_digits[6:]}"
        else:
            number = _landline(groups[:-1])
        if number is not None:
            extension = last
    if number is None:
        if not digits.startswith("0") and _LOCAL_NUMBER.fullmatch(digits):
            raise UserError(PHONE_NEEDS_AREA_CODE, field=field, phone=original)
        raise UserError(PHONE_NOT_CHINESE, field=field, phone=original)
    return f"{number} 转 {extension}" if extension else number


# --------------------------------------------------------------------------- rows


def _as_id(row_id: object) -> int | None:
    if isinstance(row_id, bool):
        return None
    if isinstance(row_id, int):
        return row_id
    try:
        return int(str(row_id).strip())
    except (TypeError, ValueError):
        return None


# a record not chosen (no row id at all): what to choose, by the model — never "id None"
_CHOOSE = {
    "Customer": QT_TRANSLATE_NOOP("Validation", "Choose the customer."),
    "CustomerProduct": QT_TRANSLATE_NOOP("Validation", "Choose the product."),
    "ServiceCall": QT_TRANSLATE_NOOP("Validation", "Choose the service call."),
    "GoodsEntry": QT_TRANSLATE_NOOP("Validation", "Choose the goods register entry."),
    "RepairCard": QT_TRANSLATE_NOOP("Validation", "Choose the repair card."),
    "MaintenanceContract": QT_TRANSLATE_NOOP("Validation", "Choose the maintenance contract."),
    "Staff": QT_TRANSLATE_NOOP("Validation", "Choose a member of staff."),
}
CHOOSE_ONE = QT_TRANSLATE_NOOP("Validation", "Choose one from the list.")


def fetch(session: Session, model: type[T], row_id: object, field: str, missing_msg: Msg) -> T:
    """The row ``row_id`` of ``model``. None chosen: "choose the …"; chosen but gone (removed
    meanwhile): ``missing_msg``, which names the record in words — a database id means
    nothing to the clerk."""
    key = _as_id(row_id)
    if key is None:
        raise UserError(_CHOOSE.get(model.__name__, CHOOSE_ONE), field=field)
    row = session.get(model, key)
    if row is None:
        raise UserError(missing_msg, field=field)
    return row


def check_staff(session: Session, staff_id: object, field: str) -> Staff:
    """A member of staff who exists (someone who registered, took in, inspected...)."""
    return fetch(
        session, Staff, staff_id, field, QT_TRANSLATE_NOOP("Validation", "This member of staff cannot be found any more: choose again.")
    )


def check_technician(session: Session, technician_id: object, field: str = "technician_id") -> Staff:
    """S3, S7: work goes only to a technician who exists and still works here."""
    person = fetch(
        session, Staff, technician_id, field, QT_TRANSLATE_NOOP("Validation", "This technician cannot be found any more: choose again.")
    )
    if person.role != Role.TECHNICIAN.value:
        raise UserError(
            QT_TRANSLATE_NOOP("Validation", "{name} is not a technician: only technicians can be given this work."),
            field=field,
            name=person.name,
        )
    if not person.active:
        raise UserError(
            QT_TRANSLATE_NOOP("Validation", "{name} no longer works here (inactive) and cannot be given work."),
            field=field,
            name=person.name,
        )
    return person


def column_length(model: type, attribute: str) -> int | None:
    """The declared length of a string column (``String(120)`` → 120), for ``max_length``."""
    return getattr(model.__table__.c[attribute].type, "length", None)  # type: ignore[attr-defined]


def refuse_unknown_fields(changes: dict[str, object], editable: frozenset[str], special: dict[str, Msg]) -> None:
    """An edit may change only the plain fields of a register; the others are process steps
    (``special`` says which step) or not editable at all."""
    problems = Problems()
    for name in changes:
        if name in editable:
            continue
        if name in special:
            problems.report(special[name], field=name, name=name)
        else:
            problems.report(
                QT_TRANSLATE_NOOP("Validation", "This value cannot be changed here."), field=name
            )
    problems.raise_if_any()
