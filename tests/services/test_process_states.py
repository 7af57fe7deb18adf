"""The state table (services/process/states.py) is the one place that says what may follow
what: every step function refuses, with the table's message and without writing anything,
each step the table does not allow from a status, and the table accepts the others.

The cases are read from the table itself: a new status must get a row, a new step must get a
way to be called here, and both are then checked for every pair. And services/calls.py and
the process package do not import each other in a cycle.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm_desktop.errors import UserError
from crm_desktop.models import CallStatus, CallStep, GoodsEntry, RepairCard, ServiceCall, WorkLog
from crm_desktop.services import process
from crm_desktop.services.process import states
from crm_desktop.services.process.states import KEEP, STEPS, TABLE, Step

from ..test_architecture import IMPORTS, _cycles
from .test_process import at, new_call, w  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "i18n" / "crm_desktop_zh_CN.ts"
WHEN = at(16, 10)

# Each step the table governs, called through the public face (session, the people of ``w``,
# the call's id) with arguments that are all valid, so that only the table can refuse it. A new
# step fails the coverage test below until it is given a line here.
STEP_CALLS: dict[str, Callable] = {
    Step.DISPATCH: lambda s, p, c: process.dispatch(s, c, p.tech, WHEN, p.boss),
    Step.ARRIVE: lambda s, p, c: process.arrive(s, c, WHEN, p.tech),
    Step.COMPLETE_ON_SITE: lambda s, p, c: process.complete_on_site(
        s, c, when=WHEN, work_done="清洁搓纸轮", hours_spent="1", by_id=p.tech, fee="80"),
    Step.SIGN: lambda s, p, c: process.sign(s, c, signed_by="张伟", when=WHEN, by_id=p.tech),
    Step.STRIKE_OFF: lambda s, p, c: process.strike_off(s, c, WHEN, p.clerk),
    Step.TAKE_BACK: lambda s, p, c: process.take_back(
        s, c, when=WHEN, by_id=p.tech, hours_spent="0.5", condition="外观完好", no_accessories=True),
    Step.QUOTE: lambda s, p, c: process.record_quote(s, c, amount="300", when=WHEN, by_id=p.tech),
    Step.CONSENT: lambda s, p, c: process.record_consent(
        s, c, given=True, consent_by="张伟", channel="phone", when=WHEN, by_id=p.clerk),
    Step.START_REPAIR: lambda s, p, c: process.start_repair(s, c, WHEN, p.tech),
    Step.FINISH_REPAIR: lambda s, p, c: process.finish_repair(s, c, when=WHEN, repair_hours="2", by_id=p.tech),
    Step.INSPECT: lambda s, p, c: process.inspect(s, c, passed=True, when=WHEN, by_id=p.boss),
    Step.RETURN_GOODS: lambda s, p, c: process.return_goods(s, c, WHEN, p.clerk),
    Step.RETURN_UNREPAIRED: lambda s, p, c: process.return_unrepaired(
        s, c, reason="客户不同意报价", when=WHEN, by_id=p.clerk),
    Step.VOID_RECEIPT: lambda s, p, c: process.void_receipt(
        s, c, when=WHEN, by_id=p.clerk, identity_document="身份证 3201**********1234"),
    Step.CLOSE: lambda s, p, c: process.close(s, c, WHEN, p.clerk),
    Step.CANCEL: lambda s, p, c: process.cancel(s, c, reason="客户已自行解决", when=WHEN, by_id=p.clerk),
    Step.SET_FEE: lambda s, p, c: process.set_fee(s, c, fee="120", reason="加急", when=WHEN, by_id=p.clerk),
    Step.COLLECT_FEE: lambda s, p, c: process.collect_fee(s, c, amount="120", when=WHEN, by_id=p.tech),
    Step.HAND_OVER_FEE: lambda s, p, c: process.hand_over_fee(
        s, c, accountant_id=p.accountant, when=WHEN, by_id=p.tech),
    Step.INVOICE: lambda s, p, c: process.record_invoice(s, c, invoice_no="No.0001", when=WHEN, by_id=p.accountant),
    Step.ESCALATE: lambda s, p, c: process.escalate(s, c, note="等配件", when=WHEN, by_id=p.tech),
    Step.CHANGE_KIND: lambda s, p, c: process.change_kind(s, c, kind="C", reason="保修期内", by_id=p.clerk),
    Step.REASSIGN: lambda s, p, c: process.reassign_technician(s, c, p.tech2, reason="离职交接", by_id=p.boss),
}
# the two steps no status decides: the registration makes the call, an undo returns it to
# the status the step it takes back found it in
OUTSIDE_THE_TABLE = frozenset({Step.REGISTER, Step.UNDO})


def outcomes(target) -> list[str | None]:
    return list(target) if isinstance(target, Mapping) else [None]


def expected_refusal(status: str, step: str):
    """The message the table gives for a step it does not allow from ``status``."""
    special = states.REFUSALS.get(step)
    if special is not None and status in special[0]:
        return special[1]
    return states.NO_FURTHER_STEP if status in states.CLOSED_STATUSES else states.NOT_NOW


def zh_cn_translations() -> dict[tuple[str, str], str]:
    found = {}
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.text and translation.get("type") is None:
                found[(name, message.findtext("source"))] = translation.text
    return found


def rows_written(session) -> tuple[int, ...]:
    return tuple(
        session.scalar(select(func.count()).select_from(model)) for model in (CallStep, GoodsEntry, RepairCard, WorkLog)
    )


def call_columns(call: ServiceCall) -> dict[str, object]:
    return {column.key: getattr(call, column.key) for column in ServiceCall.__table__.columns}


# --------------------------------------------------------------------------- the table itself


def test_every_status_has_a_row_and_every_row_names_known_steps_and_statuses():
    assert set(TABLE) == set(CallStatus)
    for status, row in TABLE.items():
        for step, target in row.items():
            assert step in STEPS and step not in OUTSIDE_THE_TABLE, (status, step)
            for outcome in outcomes(target):
                assert target is KEEP or states.leads_to(status, step, outcome) in set(CallStatus), (status, step)


def test_every_step_of_the_table_is_called_here():
    assert set(STEP_CALLS) == set(STEPS) - OUTSIDE_THE_TABLE
    assert {step for row in TABLE.values() for step in row} <= set(STEP_CALLS)


def test_the_dialog_offers_exactly_the_table_row_in_step_order():
    for status, row in TABLE.items():
        offered = [step for step in STEPS if step in row and step not in states.NOT_OFFERED]
        assert process.next_steps(status) == offered
        assert process.next_steps(status, "C") == [s for s in offered if s not in process.PAID_ONLY]
    for step, allowed in process.ALLOWED_FROM.items():
        assert allowed == {status for status, row in TABLE.items() if step in row}


# --------------------------------------------------------------------------- the steps ask it


@pytest.mark.parametrize("status", list(CallStatus), ids=[s.value for s in CallStatus])
def test_every_step_the_table_refuses_is_refused_with_its_message_and_nothing_saved(
    session, w, status  # noqa: F811 - the fixture
):
    call = new_call(session, w)
    call.status = status.value  # as if the call had come this far
    session.flush()
    before, columns = rows_written(session), call_columns(call)
    chinese = zh_cn_translations()
    wrong = []
    for step, take in STEP_CALLS.items():
        if states.allows(status, step):
            continue
        try:
            take(session, w, call.id)
        except UserError as error:
            expected = expected_refusal(status, step)
            if (error.message, error.field) != (expected, "status"):
                wrong.append(f"{step}: {error.field}: {error}")
            elif (expected.context, str(expected)) not in chinese:
                wrong.append(f"{step}: no zh_CN translation for {expected!r}")
            elif call.call_no not in str(error):
                wrong.append(f"{step}: the message does not name the call: {error}")
        else:
            wrong.append(f"{step}: not refused")
        if session.new or session.dirty or session.deleted:
            wrong.append(f"{step}: left changes in the session {session.new | session.dirty | session.deleted}")
            session.rollback()
            break
        if rows_written(session) != before or call_columns(call) != columns:
            wrong.append(f"{step}: wrote to the database")
            break
    assert not wrong, f"from “{status}”:\n" + "\n".join(wrong)


@pytest.mark.parametrize("status", list(CallStatus), ids=[s.value for s in CallStatus])
def test_every_step_the_table_allows_passes_its_check_to_the_status_it_names(
    session, w, status  # noqa: F811 - the fixture
):
    call = new_call(session, w)
    call.status = status.value
    session.flush()
    for step, target in TABLE[status].items():
        for outcome in outcomes(target):
            expected = status if target is KEEP else (target[outcome] if outcome else target)
            assert states.check(call, step, outcome) == expected, (status, step, outcome)


def test_a_step_that_keeps_the_status_is_recorded_from_and_to_the_same_status(session, w):  # noqa: F811 - the fixture
    call = new_call(session, w)
    process.change_kind(session, call.id, kind="C", reason="保修期内", by_id=w.clerk)
    line = process.history(session, call.id)[-1]
    assert (line.step, line.from_status, line.to_status, call.status) == (
        Step.CHANGE_KIND, "registered", "registered", "registered")


def test_a_changed_table_changes_what_the_steps_allow(session, w, monkeypatch):  # noqa: F811 - the fixture
    """The step functions hold no list of their own: take a step out of a row and it is
    refused from there; put one in and the call goes where the row says."""
    call = new_call(session, w)
    without_dispatch = {k: v for k, v in TABLE[CallStatus.REGISTERED].items() if k != Step.DISPATCH}
    monkeypatch.setitem(TABLE, CallStatus.REGISTERED, without_dispatch)
    with pytest.raises(UserError) as info:
        process.dispatch(session, call.id, w.tech, WHEN, w.boss)
    assert info.value.message == states.NOT_NOW and call.status == "registered"
    assert Step.DISPATCH not in process.next_steps("registered")
    monkeypatch.setitem(TABLE, CallStatus.REGISTERED, {**without_dispatch, Step.ARRIVE: CallStatus.ARRIVED})
    process.arrive(session, call.id, WHEN, w.tech)
    assert call.status == "arrived"


# --------------------------------------------------------------------------- no import cycle


def test_calls_and_the_process_package_do_not_import_each_other_in_a_cycle():
    """Registration records the first step, so calls imports process; process never imports
    calls back, not even inside a function (the kind check both need is in service_kind).
    The graph is the architecture test's (tests/test_architecture.py), which also keeps the
    whole program free of cycles."""
    graph = {name: ours for name, (ours, _others) in IMPORTS.items()}
    package = "crm_desktop.services.process"
    process_modules = {m for m in graph if m == package or m.startswith(package + ".")}
    assert f"{package}.states" in process_modules
    assert package in graph["crm_desktop.services.calls"]
    assert all("crm_desktop.services.calls" not in graph[m] for m in process_modules)
    for component in _cycles(graph):
        assert not ({"crm_desktop.services.calls"} | process_modules) & set(component), component
