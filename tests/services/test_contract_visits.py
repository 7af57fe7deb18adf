"""S1 with the contract register (the contract-renewals issue, item 1): a contract counts the
visits its fee includes against the B calls on its products; once they are used up a new
call is proposed as A and the form says why; a call on a product whose contract lapsed is
proposed as A and the form says the contract lapsed."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from crm_desktop.errors import UserError
from crm_desktop.models import CustomerProduct
from crm_desktop.services import calls, contracts, customers

DAY = datetime(2026, 3, 2, 10, 0)


@pytest.fixture
def shop(database):
    with database.Session.begin() as s:
        customer = customers.create_customer(s, name="南京宏达办公设备有限公司", phone="025-84561234", address="南京市玄武区珠江路88号")
        copier = customers.add_product(s, customer.id, model="DC-3065", serial_no="DC3065-01", warranty_end="2025-06-30")
        printer = customers.add_product(s, customer.id, model="LP-1020", serial_no="LP1020-02")
        contract = contracts.create_contract(s, customer_id=customer.id, product_ids=[copier.id], start_date="2026-01-01",
                                             end_date="2026-12-31", fee="2400", visits_included="2")
        lapsed = contracts.create_contract(s, customer_id=customer.id, product_ids=[printer.id],
                                           start_date="2025-01-01", end_date="2025-12-31", fee="1200")
        return {"customer": customer.id, "copier": copier.id, "printer": printer.id, "contract": contract.id,
                "lapsed": lapsed.contract_no}


def _call(database, shop, product, when=DAY, kind=None, reason=None):
    with database.Session.begin() as s:
        return calls.register_call(s, customer_id=shop["customer"], product_id=shop[product], received_at=when,
                                   fault="卡纸", service_kind=kind, kind_override_reason=reason).id


def _proposal(database, shop, product, when=DAY):
    with database.Session() as s:
        return calls.kind_proposal(s, s.get(CustomerProduct, shop[product]), when)


def test_s1_the_visits_used_are_counted_and_shown_until_they_are_used_up(database, shop):
    proposal = _proposal(database, shop, "copier")
    assert proposal.kind == "B" and "0" in proposal.explain() and "2" in proposal.explain()
    _call(database, shop, "copier")
    proposal = _proposal(database, shop, "copier")
    assert proposal.kind == "B" and proposal.args["used"] == 1
    _call(database, shop, "copier", datetime(2026, 4, 1, 9))
    proposal = _proposal(database, shop, "copier")
    assert proposal.kind == "A" and proposal.args == {"contract_no": proposal.args["contract_no"], "end": "2026-12-31",
                                                     "used": 2, "included": 2}
    assert "2" in proposal.explain()
    with database.Session() as s:
        line = contracts.contract_lines(s, [shop["contract"]])[0]
    assert (line.visits_used, line.visits_included, line.visits_text()) == (2, 2, "2/2")


def test_s1_paid_and_cancelled_calls_and_calls_outside_the_period_use_no_visit(database, shop):
    _call(database, shop, "copier", kind="A", reason="客户要求另行付费")
    _call(database, shop, "copier", datetime(2027, 1, 5, 9))  # after the contract's end
    with database.Session() as s:
        assert contracts.visits_used(s, [shop["contract"]]) == {}


def test_s1_a_lapsed_contract_proposes_a_and_says_so(database, shop):
    proposal = _proposal(database, shop, "printer")
    assert proposal.kind == "A"
    assert proposal.args["contract_no"] == shop["lapsed"] and proposal.args["end"] == "2025-12-31"
    assert shop["lapsed"] in proposal.explain()


@pytest.mark.parametrize("visits", ["0", "-1", "two", "1.5", "1000"])
def test_bad_visits_are_refused_at_the_field_and_nothing_saved(database, shop, visits):
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            contracts.create_contract(s, customer_id=shop["customer"], product_ids=[shop["printer"]],
                                      start_date="2026-01-01", end_date="2026-12-31", fee="100", visits_included=visits)
    assert info.value.field == "visits_included"
    with database.Session() as s:
        assert len(contracts.contract_lines(s)) == 2


def test_no_visits_given_means_as_many_as_needed(database, shop):
    with database.Session.begin() as s:
        contracts.update_contract(s, shop["contract"], product_ids=[shop["copier"]], start_date="2026-01-01",
                                  end_date="2026-12-31", fee="2400", visits_included="")
    for month in (3, 4, 5):
        _call(database, shop, "copier", datetime(2026, month, 2, 9))
    assert _proposal(database, shop, "copier", date(2026, 6, 1)).kind == "B"
