"""I4: the customer archive shows every business dealing of the customer — calls, goods taken
in, repair cards, maintenance contracts — newest first, each naming the record it opens."""

from __future__ import annotations

import pytest
from sqlalchemy import func, or_, select

from crm_desktop.models import GoodsEntry, MaintenanceContract, RepairCard, ServiceCall
from crm_desktop.services.dealings import CALL, CARD, CONTRACT, GOODS, dealings

pytestmark = pytest.mark.demo_data(calls=120, seed=9)


def _busiest_customer(s) -> int:
    """A customer with calls, goods, cards and a contract."""
    with_contract = select(MaintenanceContract.customer_id)
    return s.scalar(
        select(GoodsEntry.customer_id).where(GoodsEntry.customer_id.in_(with_contract))
        .group_by(GoodsEntry.customer_id).order_by(func.count().desc()).limit(1)
    ) or s.scalar(select(GoodsEntry.customer_id).group_by(GoodsEntry.customer_id).order_by(func.count().desc()).limit(1))


def test_i4_dealings_list_every_call_goods_entry_card_and_contract_newest_first(demo_database):
    with demo_database.read_session() as s:
        customer = _busiest_customer(s)
        found = dealings(s, customer)
        calls = set(s.scalars(select(ServiceCall.id).where(ServiceCall.customer_id == customer)))
        goods = set(s.scalars(select(GoodsEntry.id).where(GoodsEntry.customer_id == customer)))
        cards = set(s.scalars(select(RepairCard.id).where(or_(RepairCard.goods_entry_id.in_(goods),
                                                               RepairCard.call_id.in_(calls)))))
        contracts = set(s.scalars(select(MaintenanceContract.id).where(MaintenanceContract.customer_id == customer)))
    by_kind = {kind: {d.record_id for d in found if d.kind == kind} for kind in (CALL, GOODS, CARD, CONTRACT)}
    assert by_kind == {CALL: calls, GOODS: goods, CARD: cards, CONTRACT: contracts}
    assert goods and cards and calls
    assert [d.at for d in found] == sorted((d.at for d in found), reverse=True)
    assert all(d.number and d.status for d in found)


def test_i4_a_customer_without_dealings_has_an_empty_list(demo_database):
    from crm_desktop.models import Customer

    with demo_database.Session.begin() as s:
        s.add(Customer(name="新客户甲", category="end_user", district="urban"))
    with demo_database.read_session() as s:
        customer = s.scalar(select(Customer.id).where(Customer.name == "新客户甲"))
        assert dealings(s, customer) == []
