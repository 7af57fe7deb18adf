"""Money at closing (S5, S8): a paid job is closed only with its fee collected, invoiced or
marked to be invoiced; a quote further from the computed fee than the quote margin (a
setting, 20 % by default) needs a reason, kept in the call's history."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import delete, func, select

from crm_desktop.errors import UserError
from crm_desktop.models import CallStep, LabourRate
from crm_desktop.services import pricing, process, repairs

from . import test_process
from .test_process import at, new_call, returned_and_signed, taken_back

w = test_process.w  # the fixture: staff of every role, a customer, the rates and a part


def refused(session, step, *args, **kwargs) -> UserError:
    with pytest.raises(UserError) as info:
        step(session, *args, **kwargs)
    return info.value


def steps(session) -> int:
    return session.scalar(select(func.count()).select_from(CallStep))


def voided(session, w, call) -> None:
    """A paid repair (fee 440.00) returned, signed and its receipt voided: ready to close."""
    entry = returned_and_signed(session, w, call)
    process.void_receipt(session, call.id, when=at(18, 10, 10), by_id=w.clerk, receipt_no=entry.receipt_no)


def returned_unrepaired(session, w, call, check_fee: str | None) -> None:
    taken_back(session, w, call)
    process.record_quote(session, call.id, amount="900", when=at(16, 13), by_id=w.clerk)
    process.record_consent(session, call.id, given=False, consent_by="张伟", channel="phone", when=at(16, 14), by_id=w.clerk)
    process.set_fee(session, call.id, fee=check_fee or "0", reason="客户不同意报价", when=at(16, 15), by_id=w.clerk)
    entry = process.return_unrepaired(session, call.id, reason="客户不同意报价", when=at(16, 16), by_id=w.clerk)
    process.sign(session, call.id, signed_by="张伟", when=at(16, 17), by_id=w.clerk)
    process.void_receipt(session, call.id, when=at(16, 18), by_id=w.clerk, receipt_no=entry.receipt_no)
    if check_fee is None:
        call.fee = None  # as if no fee had ever been set (the signature asks for one)


# --------------------------------------------------------------------------- closing


def test_a_paid_job_whose_fee_is_neither_collected_nor_invoiced_is_not_closed(session, w):
    call = new_call(session, w)
    voided(session, w, call)
    before = steps(session)
    error = refused(session, process.close, call.id, at(18, 11), w.clerk)
    assert error.field == "payment_method" and "440.00" in str(error) and call.call_no in str(error)
    assert (call.status, call.closed_at, call.payment_method, steps(session)) == ("receipt_voided", None, None, before)
    assert not (session.new or session.dirty)


@pytest.mark.parametrize("settle", ["collect", "invoice", "to_be_invoiced"])
def test_a_paid_job_closes_once_its_fee_is_collected_invoiced_or_marked_to_be_invoiced(session, w, settle):
    call = new_call(session, w)
    voided(session, w, call)
    if settle == "collect":
        process.collect_fee(session, call.id, amount="440", when=at(18, 10, 20), by_id=w.clerk)
    elif settle == "invoice":
        process.record_invoice(session, call.id, invoice_no="No.00000001", when=at(18, 10, 20), by_id=w.accountant)
    process.close(session, call.id, at(18, 11), w.clerk, to_be_invoiced=settle == "to_be_invoiced")
    assert (call.status, call.closed_at) == ("closed", at(18, 11))
    assert call.payment_method == ("collected" if settle == "collect" else "invoice")
    if settle == "to_be_invoiced":  # the mark is the close step's, and goes with it when taken back
        process.undo_last_step(session, call.id, reason="结案录错", by_id=w.boss, now=at(18, 12))
        assert (call.status, call.payment_method) == ("receipt_voided", None)


def test_goods_returned_unrepaired_close_by_the_same_rule_for_their_check_fee(session, w):
    charged = new_call(session, w)
    returned_unrepaired(session, w, charged, "50")
    assert refused(session, process.close, charged.id, at(16, 19), w.clerk).field == "payment_method"
    process.collect_fee(session, charged.id, amount="50", when=at(16, 19), by_id=w.clerk)
    process.close(session, charged.id, at(16, 20), w.clerk)
    for fee in ("0", None):  # no check charged, or no fee set at all: nothing to collect
        free_check = new_call(session, w)
        returned_unrepaired(session, w, free_check, fee)
        process.close(session, free_check.id, at(16, 20), w.clerk)
        assert (free_check.status, free_check.payment_method) == ("closed", None)
    assert charged.status == "closed"


def test_a_free_repair_closes_without_any_fee(session, w):
    call = new_call(session, w)
    process.change_kind(session, call.id, kind="C", reason="厂家特批免费", by_id=w.clerk, now=at(16, 9, 10))
    taken_back(session, w, call)
    process.start_repair(session, call.id, at(17, 9), w.tech)
    process.finish_repair(session, call.id, when=at(17, 11), repair_hours="2", by_id=w.tech)
    process.inspect(session, call.id, passed=True, when=at(17, 14), by_id=w.boss)
    entry = process.return_goods(session, call.id, at(18, 10), w.clerk)
    process.sign(session, call.id, signed_by="张伟", when=at(18, 10, 5), by_id=w.clerk)
    process.void_receipt(session, call.id, when=at(18, 10, 10), by_id=w.clerk, receipt_no=entry.receipt_no)
    process.close(session, call.id, at(18, 11), w.clerk)
    assert (call.status, call.fee, call.payment_method) == ("closed", None, None)


# --------------------------------------------------------------------------- the quote margin


def test_the_quote_margin_is_a_setting_from_0_to_100_percent(session):
    assert pricing.quote_margin(session) == Decimal("20")  # the default
    for bad in ("-1", "100.5", "abc", "", None):
        assert refused(session, pricing.set_quote_margin, bad).field == "quote_margin"
    error = refused(session, pricing.save_charges, rates=[], parts=[], margin="101")
    assert error.field == "quote_margin" and pricing.quote_margin(session) == Decimal("20")
    assert pricing.save_charges(session, rates=[], parts=[], margin="20") == 0  # unchanged: nothing written
    assert pricing.save_charges(session, rates=[], parts=[], margin="50") == 1
    assert pricing.quote_margin(session) == Decimal("50")
    assert pricing.beyond_margin(Decimal("151"), Decimal("100"), Decimal("50"))
    assert not pricing.beyond_margin(Decimal("50"), Decimal("100"), Decimal("50"))


# --------------------------------------------------------------------------- the quote


def test_a_quote_within_the_margin_of_the_computed_fee_needs_no_reason(session, w):
    call = new_call(session, w)
    taken_back(session, w, call)
    card = process.repair_card_of(session, call.id)
    repairs.set_parts(session, card.id, [{"part_no": "DR-01", "quantity": "1"}])
    # 2 h × 60 + the drum 320 = 440; 528 is 20 % above
    process.record_quote(session, call.id, amount="528", hours="2", when=at(16, 13), by_id=w.clerk)
    assert card.quote_amount == Decimal("528.00") and process.history(session, call.id)[-1].note == "528.00"


def test_a_quote_far_from_the_computed_fee_needs_a_reason_kept_in_the_history(session, w):
    call = new_call(session, w)
    taken_back(session, w, call)
    card = process.repair_card_of(session, call.id)
    before = steps(session)
    # 0.5 h: the repair rate's minimum fee, 50
    error = refused(session, process.record_quote, call.id, amount="180", hours="0.5", when=at(16, 13), by_id=w.clerk)
    assert error.field == "quote_reason"
    assert all(s in str(error) for s in ("50.00", "180.00", "0.5 h", "20%"))
    assert (card.quote_amount, steps(session)) == (None, before)
    assert refused(session, process.record_quote, call.id, amount="180", hours="0.5", reason=" ", when=at(16, 13),
                   by_id=w.clerk).field == "quote_reason"
    process.record_quote(session, call.id, amount="180", hours="0.5", reason="需拆机检查主板", when=at(16, 13), by_id=w.clerk)
    assert card.quote_amount == Decimal("180.00")
    assert process.history(session, call.id)[-1].note == "180.00: 需拆机检查主板"
    # far below is as far as above
    assert refused(session, process.record_quote, call.id, amount="30", hours="0.5", when=at(16, 14),
                   by_id=w.clerk).field == "quote_reason"


def test_no_repair_rate_no_margin_check(session, w):
    call = new_call(session, w)
    taken_back(session, w, call)
    session.execute(delete(LabourRate).where(LabourRate.mode == "repair"))
    process.record_quote(session, call.id, amount="180", hours="0.5", when=at(16, 13), by_id=w.clerk)
    assert process.repair_card_of(session, call.id).quote_amount == Decimal("180.00")


def test_the_quote_margin_setting_is_the_one_the_quote_uses(session, w):
    call = new_call(session, w)
    taken_back(session, w, call)
    pricing.set_quote_margin(session, "50")
    # 2 h: 120; 170 is 42 % above: within 50 %
    process.record_quote(session, call.id, amount="170", hours="2", when=at(16, 13), by_id=w.clerk)
    pricing.set_quote_margin(session, "0")  # every other amount needs a reason
    assert refused(session, process.record_quote, call.id, amount="121", hours="2", when=at(16, 14),
                   by_id=w.clerk).field == "quote_reason"
    process.record_quote(session, call.id, amount="120", hours="2", when=at(16, 14), by_id=w.clerk)
