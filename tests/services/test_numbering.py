"""X3: numbers are unique, gapless per period, never reused; patterns are configurable."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from crm_desktop.errors import UserError
from crm_desktop.models import Customer, Sequence, ServiceCall
from crm_desktop.services import numbering
from crm_desktop.services.numbering import NumberPattern


def test_pattern_formats_date_parts_and_minimum_width():
    p = NumberPattern("JX{yyyyMMdd}-{seq:03}")
    assert p.format(date(2026, 11, 28), 7) == "JX20261128-007"
    assert p.format(date(2026, 11, 28), 1000) == "JX20261128-1000"
    assert p.period(date(2026, 11, 28)) == "20261128"
    assert NumberPattern("SJ{yy}-{MM}/{seq}").format(date(2026, 3, 5), 12) == "SJ26-03/12"
    assert NumberPattern("R{seq:05}").period(date(2026, 3, 5)) == ""


@pytest.mark.parametrize("bad", ["JX{yyyyMMdd}", "JX{seq}{seq}", "JX{hh}-{seq}", "JX{}-{seq}"])
def test_bad_patterns_are_refused(bad):
    with pytest.raises(UserError) as info:
        NumberPattern(bad)
    assert info.value.field == "pattern"


@pytest.mark.parametrize("pattern", ["JX{yyyyMMdd}-{seq:03}", "SJ{yyyyMM}-{seq:04}", "GY{seq:05}", "A{yy}.{MM}/{seq}-{dd}"])
def test_a_number_is_read_back_as_its_period_and_value(pattern):
    """A restore moves the counters past the numbers a set-aside database holds."""
    rule = NumberPattern(pattern)
    day = date(2026, 11, 28)
    for value in (1, 999, 1000, 12345):
        assert rule.parse(rule.format(day, value)) == (rule.period(day), value)
    assert rule.parse("XK202611-0001" if not pattern.startswith("XK") else "JX1") is None
    assert rule.parse("") is None


def test_numbers_count_up_within_a_period_and_restart_in_the_next(session):
    day = datetime(2026, 11, 28, 9, 30)
    got = [numbering.next_number(session, numbering.SERVICE_CALL, day) for _ in range(3)]
    assert got == ["JX20261128-001", "JX20261128-002", "JX20261128-003"]
    assert numbering.next_number(session, numbering.SERVICE_CALL, datetime(2026, 11, 29, 8)) == "JX20261129-001"
    assert numbering.next_number(session, numbering.GOODS_RECEIPT, day) == "SJ202611-0001"
    session.commit()
    assert numbering.last_issued(session, numbering.SERVICE_CALL, day.date()) == 3


def _call(session, number: str) -> ServiceCall:
    customer = session.scalar(select(Customer)) or Customer(name="张伟", district="urban")
    call = ServiceCall(
        call_no=number,
        received_at=datetime(2026, 11, 28, 9),
        customer=customer,
        customer_name=customer.name,
        fault="不开机",
        district="urban",
        service_kind="A",
    )
    session.add(call)
    return call


def test_a_rolled_back_save_gives_its_number_back(database):
    day = datetime(2026, 11, 28, 10)
    with database.Session.begin() as s:
        _call(s, numbering.next_number(s, numbering.SERVICE_CALL, day))
    with pytest.raises(RuntimeError):
        with database.Session.begin() as s:
            _call(s, numbering.next_number(s, numbering.SERVICE_CALL, day))
            s.flush()
            raise RuntimeError("power cut before commit")
    with database.Session.begin() as s:
        number = numbering.next_number(s, numbering.SERVICE_CALL, day)
        _call(s, number)
    assert number == "JX20261128-002"  # gapless: the failed save's 002 came back
    with database.Session() as s:
        assert s.scalars(select(ServiceCall.call_no).order_by(ServiceCall.call_no)).all() == [
            "JX20261128-001",
            "JX20261128-002",
        ]


def test_a_number_is_never_reused_even_if_the_counter_is_set_back(database):
    day = datetime(2026, 11, 28, 10)
    with database.Session.begin() as s:
        _call(s, numbering.next_number(s, numbering.SERVICE_CALL, day))
    with database.Session.begin() as s:
        s.execute(Sequence.__table__.update().values(last_value=0))
    with pytest.raises(IntegrityError):  # the unique index refuses a second JX…-001
        with database.Session.begin() as s:
            _call(s, numbering.next_number(s, numbering.SERVICE_CALL, day))


def test_a_configured_pattern_is_used(session):
    numbering.set_pattern(session, numbering.REPAIR_CARD, "修{yyyy}-{seq:02}")
    assert numbering.next_number(session, numbering.REPAIR_CARD, date(2026, 1, 2)) == "修2026-01"
    with pytest.raises(UserError):
        numbering.set_pattern(session, numbering.REPAIR_CARD, "no sequence")


def test_concurrent_writers_never_get_the_same_number(database):
    """Several writers at once on one file (a second program, a scheduled job): each unit of
    work holds the write lock from its first statement, so numbers stay unique and gapless."""
    import threading

    day = date(2026, 11, 28)
    seen: list[str] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(25):
                with database.Session.begin() as s:
                    numbering.pattern_for(s, numbering.SERVICE_CALL)  # a read first
                    seen.append(numbering.next_number(s, numbering.SERVICE_CALL, day))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(seen) == [f"JX20261128-{i:03d}" for i in range(1, 101)]


def test_every_customer_category_has_its_code_rule():
    from crm_desktop.models import CustomerCategory
    from crm_desktop.services import numbering
    from crm_desktop.services.customers import code_rule

    assert all(code_rule(c.value) in numbering.DEFAULT_PATTERNS for c in CustomerCategory)
