"""I4: every business dealing of a customer, newest first — the calls, the goods taken in,
the repair cards and the maintenance contracts (survey cards, complaints and renewals join as
they come) — as the customer archive lists them, each naming the register and record it opens.

Read with one statement per kind over indexed customer columns (a repair card belongs to the
customer of its goods entry or of its call). Nothing here imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .. import clock
from ..i18n import QT_TRANSLATE_NOOP, Msg, Translate
from ..models import GoodsEntry, MaintenanceContract, RepairCard, ServiceCall
from . import labels

CALL, GOODS, CARD, CONTRACT = "service_call", "goods_entry", "repair_card", "contract"
KIND: dict[str, Msg] = {
    CALL: QT_TRANSLATE_NOOP("Dealings", "Service call"),
    GOODS: QT_TRANSLATE_NOOP("Dealings", "Goods taken in"),
    CARD: QT_TRANSLATE_NOOP("Dealings", "Repair card"),
    CONTRACT: QT_TRANSLATE_NOOP("Dealings", "Maintenance contract"),
}
GOODS_IN_SHOP = QT_TRANSLATE_NOOP("Dealings", "In the workshop")
GOODS_RETURNED = QT_TRANSLATE_NOOP("Dealings", "Returned")
RECEIPT_VOIDED = QT_TRANSLATE_NOOP("Dealings", "Receipt voided")
CONTRACT_PERIOD = QT_TRANSLATE_NOOP("Dealings", "{start} to {end}; {products}")


@dataclass(frozen=True)
class Dealing:
    kind: str  # CALL, GOODS, CARD or CONTRACT: the register (or the contracts) it opens in
    record_id: int
    number: str
    at: datetime  # received, taken in, opened; a contract: its start
    what: str  # the fault, the goods, the products covered
    status: str  # as the register shows it

    def kind_text(self, translate: Translate | None = None) -> str:
        return KIND[self.kind].tr(translate)


def _label(table: dict[str, Msg], code: str | None, translate: Translate | None) -> str:
    msg = table.get(code) if code else None
    return msg.tr(translate) if msg is not None else (code or "")


def _goods_text(model: str | None, serial: str | None) -> str:
    return " ".join(part for part in (model, serial) if part)


def dealings(session: Session, customer_id: int, translate: Translate | None = None,
             today: date | None = None) -> list[Dealing]:
    """Every dealing of the customer, the newest first (at the same moment: contracts, calls,
    goods, cards)."""
    found: list[Dealing] = []
    for row in session.execute(
        select(ServiceCall.id, ServiceCall.call_no, ServiceCall.received_at, ServiceCall.product_model,
               ServiceCall.fault, ServiceCall.status, ServiceCall.service_kind)
        .where(ServiceCall.customer_id == customer_id)
    ):
        what = " ".join(part for part in (row.product_model, row.fault) if part)
        found.append(Dealing(CALL, row.id, row.call_no, row.received_at, what,
                             f"{row.service_kind} · {_label(labels.CALL_STATUS, row.status, translate)}"))
    goods_ids: list[int] = []
    call_ids = [d.record_id for d in found]
    for row in session.execute(
        select(GoodsEntry.id, GoodsEntry.receipt_no, GoodsEntry.taken_in_at, GoodsEntry.product_model,
               GoodsEntry.serial_no, GoodsEntry.returned_at, GoodsEntry.receipt_voided_at)
        .where(GoodsEntry.customer_id == customer_id)
    ):
        goods_ids.append(row.id)
        state = GOODS_RETURNED if row.returned_at else RECEIPT_VOIDED if row.receipt_voided_at else GOODS_IN_SHOP
        found.append(Dealing(GOODS, row.id, row.receipt_no or "", row.taken_in_at,
                             _goods_text(row.product_model, row.serial_no), state.tr(translate)))
    if goods_ids or call_ids:
        owned = []
        if goods_ids:
            owned.append(RepairCard.goods_entry_id.in_(goods_ids))
        if call_ids:
            owned.append(RepairCard.call_id.in_(call_ids))
        for row in session.execute(
            select(RepairCard.id, RepairCard.card_no, RepairCard.opened_at, RepairCard.product_model,
                   RepairCard.serial_no, RepairCard.fault, RepairCard.status).where(or_(*owned))
        ):
            what = " ".join(part for part in (_goods_text(row.product_model, row.serial_no), row.fault) if part)
            found.append(Dealing(CARD, row.id, row.card_no, row.opened_at, what,
                                 _label(labels.REPAIR_CARD_STATUS, row.status, translate)))
    contract_ids = list(session.scalars(select(MaintenanceContract.id).where(MaintenanceContract.customer_id == customer_id)))
    if contract_ids:
        from .contracts import contract_lines, contract_state
        from .lists import CONTRACT_STATE, products_text

        day = today or clock.today()
        for line in contract_lines(session, contract_ids):
            what = CONTRACT_PERIOD.tr(translate, start=line.start_date.isoformat(), end=line.end_date.isoformat(),
                                      products=products_text(line.products))
            found.append(Dealing(CONTRACT, line.id, line.contract_no, datetime.combine(line.start_date, time.min), what,
                                 CONTRACT_STATE[contract_state(line, day)].tr(translate)))
    order = {CONTRACT: 0, CALL: 1, GOODS: 2, CARD: 3}
    found.sort(key=lambda d: (d.at, -order[d.kind], d.record_id), reverse=True)
    return found
