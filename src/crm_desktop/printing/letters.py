"""The notification letter of a hand-over (I11: "the customers are told"): one letter per
customer concerned, listing what is taken over, by whom, and how to reach them. Built from
the recorded hand-over, so a letter can be printed again later exactly as it was sent."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import QT_TRANSLATE_NOOP, Translate
from ..models import Customer, CustomerContact, Handover, MaintenanceContract, ServiceCall, Staff
from ..services import handover as handover_service
from .record import Record

CUSTOMER_DETAIL = QT_TRANSLATE_NOOP("Printing", "Day-to-day business and your customer file")


def _addressee(session: Session, customer: Customer) -> str:
    """Whom the letter greets: the customer's contact person, else a current contact, else
    the customer itself."""
    if customer.contact_person:
        return customer.contact_person
    contact = session.scalar(
        select(CustomerContact.name)
        .where(CustomerContact.customer_id == customer.id, CustomerContact.left_on.is_(None))
        .order_by(CustomerContact.id)
    )
    return contact or customer.name


def _item_text(session: Session, kind: str, item_id: int, translate: Translate | None) -> tuple[str, str]:
    if kind == "call":
        call = session.get(ServiceCall, item_id)
        return call.call_no, " ".join(x for x in (call.product_model, call.fault) if x)
    if kind == "contract":
        contract = session.get(MaintenanceContract, item_id)
        return contract.contract_no, f"{contract.start_date.isoformat()} – {contract.end_date.isoformat()}"
    customer = session.get(Customer, item_id)
    return customer.code or "", CUSTOMER_DETAIL.tr(translate)


def handover_letters(
    session: Session, record: Handover, head: dict[str, str], translate: Translate | None = None
) -> list[Record]:
    names: dict[int, Staff] = {s.id: s for s in session.scalars(select(Staff))}
    by_customer: dict[int, list] = {}
    for item in sorted(record.items, key=lambda i: i.id):
        by_customer.setdefault(item.customer_id, []).append(item)
    letters = []
    for customer_id, items in by_customer.items():
        customer = session.get(Customer, customer_id)
        rows = []
        takers: list[str] = []
        for n, item in enumerate(items, 1):
            person = names[item.replacement_id]
            reference, detail = _item_text(session, item.kind, item.item_id, translate)
            rows.append({
                "line_no": str(n), "kind": handover_service.KIND_NAMES[item.kind].tr(translate),
                "reference": reference, "detail": detail, "replacement": person.name, "phone": person.phone or "",
            })
            taker = f"{person.name}（{person.phone}）" if person.phone else person.name
            if taker not in takers:
                takers.append(taker)
        letters.append(Record(
            fields={
                **head,
                "handover_no": record.handover_no,
                "letter_date": record.effective_on.isoformat(),
                "customer_name": customer.name,
                "customer_code": customer.code or "",
                "customer_address": customer.address or "",
                "customer_postcode": customer.postcode or "",
                "addressee": _addressee(session, customer),
                "leaving_name": names[record.leaving_id].name,
                "replacements": "、".join(takers),
            },
            tables={"items": rows},
        ))
    return letters


def letters_by_number(
    session: Session, numbers: Sequence[str], head: dict[str, str], translate: Translate | None = None,
) -> list[Record]:
    """Every letter of the hand-overs ``numbers``; an unknown number is refused first."""
    records = [handover_service.handover_by_number(session, n) for n in numbers]
    return [letter for record in records for letter in handover_letters(session, record, head, translate)]
