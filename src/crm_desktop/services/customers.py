"""The customer archive (I2, I3) and the products customers own: adding, editing, finding.

Every add and edit of a customer or a product goes through here, so a bad phone number, a
postcode of five digits or a warranty that ends before the purchase is refused at its field
and nothing is written (X2). Each function works inside the caller's transaction.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from .. import clock
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP
from ..models import (
    VIP_LEVELS,
    CallStatus,
    Customer,
    CustomerCategory,
    CustomerProduct,
    CustomerStatus,
    District,
    Importance,
    RecordChange,
    RecordType,
    ServiceCall,
)
from . import history, name_search, numbering
from .history import history_text  # noqa: F401 - the archive and the hand-over use it from here
from .validation import (
    Problems,
    check_choice,
    check_postcode,
    column_length,
    fetch,
    normalize_phone,
    optional_text,
    parse_date,
    parse_datetime,
    parse_decimal,
    refuse_unknown_fields,
    require,
    require_text,
)

CUSTOMER_FIELDS = frozenset(
    {
        "code",
        "name",
        "category",
        "district",
        "legal_representative",
        "address",
        "postcode",
        "phone",
        "fax",
        "business_scope",
        "registered_capital",
        "contact_person",
        "remarks",
        "status",
        "vip_level",
        "importance",
    }
)
PRODUCT_FIELDS = frozenset({"model", "serial_no", "purchase_date", "warranty_end"})

MAX_CAPITAL = Decimal("99999999999999.99")  # Numeric(16, 2)

NO_CUSTOMER = QT_TRANSLATE_NOOP("Customers", "The customer cannot be found any more (it may have been removed meanwhile): look it up again.")
NO_PRODUCT = QT_TRANSLATE_NOOP("Customers", "The product cannot be found any more (it may have been removed meanwhile): choose it again.")
_WARRANTY_BEFORE_PURCHASE = QT_TRANSLATE_NOOP(
    "Customers", "The warranty end ({warranty_end}) is before the purchase date ({purchase_date})."
)


# --------------------------------------------------------------------------- customer codes

# D5: a customer code by a configurable rule per category (numbering rules
# ``customer_code.<category>``, patterns in the settings like every other number). The
# patterns have no date part, so each category has one counter for ever: a code once issued
# is never issued again, even when its customer is deleted or changes category.
def code_rule(category: str) -> str:
    """The numbering rule of a category's codes (patterns in numbering.DEFAULT_PATTERNS)."""
    return f"customer_code.{category}"


def next_customer_code(session: Session, category: str) -> str:
    """The next code of the category's rule; a number that a clerk already typed by hand
    for another customer is skipped (and stays used: numbers are never reused)."""
    while True:
        code = numbering.next_number(session, code_rule(category), clock.today())
        if session.scalar(select(Customer.id).where(Customer.code == code)) is None:
            return code


def next_customer_codes(session: Session, category: str, count: int, taken: set[str] = frozenset()) -> list[str]:
    """``count`` codes of the category's rule at once (a bulk import); codes already used in
    the database or in ``taken`` (typed in the imported file) are skipped and stay used."""
    codes: list[str] = []
    while len(codes) < count:
        batch = numbering.next_numbers(session, code_rule(category), clock.today(), count - len(codes))
        used = set(taken)
        for start in range(0, len(batch), 500):
            part = batch[start:start + 500]
            used.update(session.scalars(select(Customer.code).where(Customer.code.in_(part))))
        codes.extend(code for code in batch if code not in used)
    return codes


# --------------------------------------------------------------------------- customers


def _clean_customer(session: Session, values: dict[str, object], customer: Customer | None) -> dict[str, object]:
    """The cleaned values of the fields given; every problem raised together."""
    problems = Problems()
    clean: dict[str, object] = {}

    def length(name: str) -> int | None:
        return column_length(Customer, name)

    for name, value in values.items():
        if name == "name":
            clean[name] = problems.check(
                require_text,
                value,
                "name",
                QT_TRANSLATE_NOOP("Customers", "Enter the customer's name."),
                max_length=length("name"),
            )
        elif name == "category":
            clean[name] = problems.check(
                check_choice,
                value,
                CustomerCategory,
                "category",
                QT_TRANSLATE_NOOP("Customers", "Choose the customer's category (supplier, distributor, special or end user)."),
            )
        elif name == "district":
            clean[name] = problems.check(
                check_choice,
                value,
                District,
                "district",
                QT_TRANSLATE_NOOP("Customers", "Choose whether the customer is in the city (市区) or the suburbs (郊区)."),
            )
        elif name == "status":
            clean[name] = problems.check(
                check_choice,
                value,
                CustomerStatus,
                "status",
                QT_TRANSLATE_NOOP("Customers", "Choose the customer's status (prospect, active or inactive)."),
            )
        elif name == "importance":
            clean[name] = problems.check(
                check_choice,
                value,
                Importance,
                "importance",
                QT_TRANSLATE_NOOP("Customers", "Choose whether the customer is normal, important or promising."),
            )
        elif name == "vip_level":
            clean[name] = problems.check(_check_vip_level, value)
        elif name == "postcode":
            clean[name] = problems.check(check_postcode, value, "postcode")
        elif name in ("phone", "fax"):
            clean[name] = problems.check(normalize_phone, value, name)
        elif name == "registered_capital":
            clean[name] = problems.check(parse_decimal, value, name, minimum=0, places=2, maximum=MAX_CAPITAL)
        elif name == "code":
            code = problems.check(optional_text, value, "code", max_length=length("code"))
            if code is not None:
                query = select(Customer.id, Customer.name).where(Customer.code == code)
                if customer is not None:
                    query = query.where(Customer.id != customer.id)
                other = session.execute(query).first()
                if other is not None:
                    problems.report(
                        QT_TRANSLATE_NOOP("Customers", "The customer code {code} is already used by {name}."),
                        field="code",
                        code=code,
                        name=other.name,
                    )
            clean[name] = code
        else:  # plain text fields
            clean[name] = problems.check(optional_text, value, name, max_length=length(name))
    problems.raise_if_any()
    return clean


_VIP_LEVEL_BAD = QT_TRANSLATE_NOOP("Customers", "The VIP level is 0 (none), 1, 2 or 3.")


def _check_vip_level(value: object) -> int:
    """I8: 0 (not a VIP) to 3; empty means 0."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, bool):
        raise UserError(_VIP_LEVEL_BAD, field="vip_level")
    try:
        level = int(str(value).strip())
    except ValueError:
        raise UserError(_VIP_LEVEL_BAD, field="vip_level") from None
    if level not in VIP_LEVELS:
        raise UserError(_VIP_LEVEL_BAD, field="vip_level")
    return level


def create_customer(session: Session, *, assign_code: bool = True, **fields: object) -> Customer:
    """A new customer archive (I2, I3): name required; category and district default to an
    end user in the city. Without a code typed by the clerk, the category's rule gives one
    (D5) unless ``assign_code`` is false (imports keep the codes of the old files)."""
    unknown = set(fields) - CUSTOMER_FIELDS
    if unknown:
        raise TypeError(f"create_customer() got unknown fields: {', '.join(sorted(unknown))}")
    values: dict[str, object] = {"name": None, **fields}
    if values.get("category") in (None, ""):
        values["category"] = CustomerCategory.END_USER.value
    if values.get("district") in (None, ""):
        values["district"] = District.URBAN.value
    clean = _clean_customer(session, values, None)
    if clean.get("code") is None and assign_code:
        # taken after validation: a refused form does not consume a number
        clean["code"] = next_customer_code(session, str(clean["category"]))
    customer = Customer(**clean)
    session.add(customer)
    session.flush()
    return customer


def record_change(
    session: Session, customer_id: int, field: str, old: object, new: object, by_id: int | None,
    at: datetime | None = None,
) -> RecordChange | None:
    """One line of the archive's history (I4); nothing when the value did not change."""
    return history.record_change(session, RecordType.CUSTOMER, customer_id, field, old, new, by_id, at)


def update_customer(
    session: Session, customer_id: int, changes: dict[str, object], *, by_id: int | None = None
) -> Customer:
    """Change archive fields; every field that really changes is written to the archive's
    history with its old and new value, who (``by_id``, a staff id) and when (I4). The
    registers keep what was written at the time: a call's copy of the name, phone and
    address does not follow."""
    customer = fetch(session, Customer, customer_id, "customer_id", NO_CUSTOMER)
    refuse_unknown_fields(changes, CUSTOMER_FIELDS, {})
    clean = _clean_customer(session, dict(changes), customer)
    history.record_changes(session, RecordType.CUSTOMER, customer, clean, by_id)
    for name, value in clean.items():
        setattr(customer, name, value)
    session.flush()
    return customer


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def find_customers(session: Session, text: str, limit: int = 20) -> list[Customer]:
    """Customers whose name, phone, code or contact contains each word of ``text`` (I2
    customer list, the call dialog's look-up); a word of two or more Latin letters also finds
    the names whose initials or pinyin begin with it (zw, zhangwei: 张伟; name_search.py). A
    plain LIKE scan: it finds two-character names (张伟) that the trigram index cannot, and the
    customer table is small next to the registers. Names that begin with the text, or whose
    initials or pinyin are the word, come first, shortest first (so the exact name leads), then
    the rest; alike ones in pinyin order."""
    text = " ".join((text or "").split())
    if not text:
        return []
    pinyin = set(name_search.pinyin_terms(text))
    rank_first = [Customer.name.like(_like_pattern(text)[1:], escape="\\")]
    every_word = []
    for n, word in enumerate(text.split()):
        pattern = _like_pattern(word)
        conditions = [
            Customer.name.like(pattern, escape="\\"),
            Customer.phone.like(pattern, escape="\\"),
            Customer.code.like(pattern, escape="\\"),
            Customer.contact_person.like(pattern, escape="\\"),
        ]
        digits = "".join(ch for ch in word if ch.isdigit())
        if len(digits) >= 3 and len(digits) >= len(word.replace("-", "")):
            # 02162345678 finds 021-62345678: compare digits with the separators taken out
            bare = func.replace(func.replace(Customer.phone, "-", ""), " ", "")
            conditions.append(bare.like(f"%{digits}%"))
        if word.lower() in pinyin:
            conditions.append(Customer.id.in_(name_search.as_select(*name_search.customer_ids_by_pinyin(word.lower(), n))))
            rank_first += [Customer.name_initials == word.lower(), Customer.name_pinyin == word.lower()]
        every_word.append(or_(*conditions))
    rank = case((or_(*rank_first), 0), else_=1)
    query = (
        select(Customer).where(and_(*every_word))
        .order_by(rank, func.length(Customer.name), Customer.name_key, Customer.id).limit(limit)
    )
    return list(session.scalars(query))


# --------------------------------------------------------------------------- products


def _clean_product(values: dict[str, object], current: CustomerProduct | None) -> dict[str, object]:
    problems = Problems()
    clean: dict[str, object] = {}
    for name, value in values.items():
        if name == "model":
            clean[name] = problems.check(
                require_text,
                value,
                "model",
                QT_TRANSLATE_NOOP("Customers", "Enter the product model."),
                max_length=column_length(CustomerProduct, "model"),
            )
        elif name == "serial_no":
            clean[name] = problems.check(
                optional_text, value, "serial_no", max_length=column_length(CustomerProduct, "serial_no")
            )
        elif name in ("purchase_date", "warranty_end"):
            clean[name] = problems.check(parse_date, value, name)
    if not problems.has("purchase_date") and not problems.has("warranty_end"):
        purchase = clean["purchase_date"] if "purchase_date" in clean else (current.purchase_date if current else None)
        warranty = clean["warranty_end"] if "warranty_end" in clean else (current.warranty_end if current else None)
        if purchase is not None and warranty is not None and warranty < purchase:
            problems.report(
                _WARRANTY_BEFORE_PURCHASE,
                field="warranty_end",
                warranty_end=warranty.isoformat(),
                purchase_date=purchase.isoformat(),
            )
    problems.raise_if_any()
    return clean


def add_product(
    session: Session,
    customer_id: int,
    *,
    model: str,
    serial_no: str | None = None,
    purchase_date: date | str | None = None,
    warranty_end: date | str | None = None,
) -> CustomerProduct:
    """A product the customer owns; its warranty end decides free service (S1)."""
    problems = Problems()
    customer = problems.check(fetch, session, Customer, customer_id, "customer_id", NO_CUSTOMER)
    clean = problems.check(
        _clean_product,
        {"model": model, "serial_no": serial_no, "purchase_date": purchase_date, "warranty_end": warranty_end},
        None,
    )
    problems.raise_if_any()
    assert customer is not None and clean is not None
    product = CustomerProduct(customer=customer, **clean)
    session.add(product)
    session.flush()
    return product


def update_product(session: Session, product_id: int, changes: dict[str, object]) -> CustomerProduct:
    product = fetch(session, CustomerProduct, product_id, "product_id", NO_PRODUCT)
    refuse_unknown_fields(changes, PRODUCT_FIELDS, {})
    clean = _clean_product(dict(changes), product)
    for name, value in clean.items():
        setattr(product, name, value)
    session.flush()
    return product


def find_products(session: Session, text: str, limit: int = 20, *, customer_id: int | None = None) -> list[CustomerProduct]:
    """Products whose serial number or model contains ``text`` (the call dialog finds a
    product by its serial number); an exact serial number first. ``customer_id`` keeps to
    one customer's products."""
    text = (text or "").strip()
    if not text:
        return []
    pattern = _like_pattern(text)
    query = select(CustomerProduct).where(
        or_(CustomerProduct.serial_no.like(pattern, escape="\\"), CustomerProduct.model.like(pattern, escape="\\"))
    )
    if customer_id is not None:
        query = query.where(CustomerProduct.customer_id == customer_id)
    rank = case((CustomerProduct.serial_no == text, 0), (CustomerProduct.model == text, 1), else_=2)
    return list(session.scalars(query.order_by(rank, CustomerProduct.id).limit(limit)))


def product_history(session: Session, product_id: int) -> list[ServiceCall]:
    """Every call on the product, newest first (the customer archive's service history)."""
    return list(
        session.scalars(
            select(ServiceCall)
            .where(ServiceCall.product_id == product_id)
            .order_by(ServiceCall.received_at.desc(), ServiceCall.id.desc())
        )
    )


def recent_call(
    session: Session,
    product_id: int | None,
    when: datetime | date | str,
    days: int = 30,
    *,
    exclude_call_id: int | None = None,
) -> ServiceCall | None:
    """The latest call on the same product received within ``days`` before ``when``: the
    call dialog warns that the product came back (a repeat repair). Cancelled calls do not
    count; ``exclude_call_id`` leaves out the call being edited."""
    if product_id is None:
        return None
    moment = require(
        parse_datetime(when, "received_at"),
        "received_at",
        QT_TRANSLATE_NOOP("Customers", "Enter the date and time the call was received."),
    )
    if isinstance(when, date) and not isinstance(when, datetime):
        moment = moment + timedelta(days=1) - timedelta(microseconds=1)  # the whole day
    query = (
        select(ServiceCall)
        .where(
            ServiceCall.product_id == product_id,
            ServiceCall.received_at >= moment - timedelta(days=days),
            ServiceCall.received_at <= moment,
            ServiceCall.status != CallStatus.CANCELLED.value,
        )
    )
    if exclude_call_id is not None:
        query = query.where(ServiceCall.id != exclude_call_id)
    return session.scalars(query.order_by(ServiceCall.received_at.desc(), ServiceCall.id.desc()).limit(1)).first()

