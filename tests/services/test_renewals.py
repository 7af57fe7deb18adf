"""S15: renewal notices fall due one calendar month before a contract ends; the notice sent,
who pursues it, and the outcome — renewed (a new contract linked to the old, products carried
over; a gap allowed with a warning, an overlap refused) or lost (why) — recorded once; the
renewal rate per month and per keeper."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm_desktop.errors import UserError
from crm_desktop.models import AuditEntry, ContractRenewal, MaintenanceContract, Staff
from crm_desktop.services import contracts, customers, renewals

TODAY = date(2026, 12, 7)


@pytest.fixture
def shop(database):
    with database.Session.begin() as s:
        keeper = Staff(name="金国强", role="marketing")
        other_keeper = Staff(name="曾诗涵", role="marketing")
        s.add_all([keeper, other_keeper])
        s.flush()
        customer = customers.create_customer(s, name="南京启明宾馆", phone="025-58694404", address="鼓楼区汉中路407号")
        copier = customers.add_product(s, customer.id, model="DC-3065", serial_no="DC01")
        printer = customers.add_product(s, customer.id, model="LP-1020", serial_no="LP02")
        fax = customers.add_product(s, customer.id, model="FX-780", serial_no="FX03")
        ending = contracts.create_contract(s, customer_id=customer.id, product_ids=[copier.id, printer.id],
                                           start_date="2026-01-01", end_date="2026-12-31", fee="2400",
                                           staff_id=keeper.id, visits_included="6")
        later = contracts.create_contract(s, customer_id=customer.id, product_ids=[fax.id],
                                          start_date="2025-03-01", end_date="2026-02-28", fee="900", staff_id=other_keeper.id)
        return {"customer": customer.id, "copier": copier.id, "printer": printer.id, "ending": ending.id,
                "ending_no": ending.contract_no, "old": later.id, "keeper": keeper.id, "other_keeper": other_keeper.id}


def _refused(database, func, *args, **kwargs) -> UserError:
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            func(s, *args, **kwargs)
    return info.value


def test_s15_the_notice_falls_due_one_calendar_month_before_the_end(database, shop):
    with database.Session() as s:
        contract = s.get(MaintenanceContract, shop["ending"])
        assert renewals.notice_due_on(contract) == date(2026, 11, 30)
        contract.end_date = date(2027, 3, 31)
        assert renewals.notice_due_on(contract) == date(2027, 2, 28)


def test_s15_the_list_of_renewals_due_and_its_count(database, shop):
    with database.Session() as s:
        due = renewals.renewals_due(s, TODAY)
        assert [line.contract_no for line in due] == [shop["ending_no"]]
        line = due[0]
        assert (line.notice_due_on, line.keeper, line.notice_sent_on) == (date(2026, 11, 30), "金国强", None)
        assert renewals.count_due(s, TODAY) == (1, 0)
        assert renewals.renewals_due(s, date(2026, 11, 29)) == []  # a day before the notice falls due


def test_s15_the_notice_sent_and_who_pursues_it_are_recorded_and_audited(database, shop):
    with database.Session.begin() as s:
        renewals.record_notice(s, shop["ending"], sent_on="2026-12-01", how="mail", pursued_by_id=shop["other_keeper"],
                               today=TODAY, by_id=shop["keeper"])
    with database.Session() as s:
        line = renewals.renewals_due(s, TODAY)[0]
        assert (line.notice_sent_on, line.notice_sent_how, line.pursued_by) == (date(2026, 12, 1), "mail", "曾诗涵")
        assert "2026-12-01" in line.state(TODAY)
        assert s.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(1)) == "renewal_notice"


def test_s15_a_notice_sent_before_it_fell_due_is_refused(database, shop):
    error = _refused(database, renewals.record_notice, shop["ending"], sent_on="2026-11-29", how="mail", today=TODAY, by_id=shop["keeper"])
    assert error.field == "notice_sent_on" and "2026-11-30" in error.render()
    with database.Session() as s:
        assert s.scalar(select(ContractRenewal)) is None


def test_s15_a_notice_without_how_or_in_the_future_is_refused(database, shop):
    assert _refused(database, renewals.record_notice, shop["ending"], sent_on="2026-12-01", how="pigeon",
                    today=TODAY, by_id=shop["keeper"]).field == "notice_sent_how"
    assert _refused(database, renewals.record_notice, shop["ending"], sent_on="2026-12-20", how="mail",
                    today=TODAY, by_id=shop["keeper"]).field == "notice_sent_on"


def test_s15_renewed_makes_a_new_contract_linked_to_the_old_with_its_products(database, shop):
    with database.Session.begin() as s:
        done = renewals.record_renewed(s, shop["ending"], start_date="2027-01-01", end_date="2027-12-31", fee="2500",
                                       on="2026-12-06", by_id=shop["keeper"])
        assert done.warning is None
        new_id = done.new_contract.id
    with database.Session() as s:
        new = s.get(MaintenanceContract, new_id)
        renewal = s.scalar(select(ContractRenewal).where(ContractRenewal.contract_id == shop["ending"]))
        assert renewal.renewal_id == new_id and renewal.outcome == "renewed" and renewal.outcome_on == date(2026, 12, 6)
        assert {p.id for p in new.products} == {shop["copier"], shop["printer"]}
        assert (new.staff_id, new.visits_included, new.fee) == (shop["keeper"], 6, Decimal("2500.00"))
        assert renewals.renewals_due(s, TODAY) == []  # decided: off the list


def test_s15_a_renewal_overlapping_its_predecessor_is_refused(database, shop):
    error = _refused(database, renewals.record_renewed, shop["ending"], start_date="2026-12-31", end_date="2027-12-30",
                     fee="2500", by_id=shop["keeper"])
    assert error.field == "start_date" and "2027-01-01" in error.render()
    with database.Session() as s:
        assert len(contracts.contract_lines(s)) == 2  # nothing made


def test_s15_a_renewal_overlapping_another_contract_on_its_product_is_refused(database, shop):
    with database.Session.begin() as s:
        contracts.create_contract(s, customer_id=shop["customer"], product_ids=[shop["printer"]], start_date="2027-06-01",
                                  end_date="2027-08-31", fee="300")
    error = _refused(database, renewals.record_renewed, shop["ending"], start_date="2027-01-01", end_date="2027-12-31",
                     fee="2500", by_id=shop["keeper"])
    assert "LP-1020" in error.render()


def test_s15_a_gap_between_the_two_contracts_is_allowed_with_a_warning(database, shop):
    with database.Session.begin() as s:
        done = renewals.record_renewed(s, shop["ending"], start_date="2027-01-11", end_date="2028-01-10", fee="2500", by_id=shop["keeper"])
    assert done.warning is not None and "10" in done.warning.render()


def test_s15_an_outcome_is_recorded_once_and_a_notice_after_it_is_refused(database, shop):
    with database.Session.begin() as s:
        renewals.record_lost(s, shop["ending"], reason="客户改用厂家服务", on="2026-12-05", by_id=shop["keeper"])
    assert _refused(database, renewals.record_lost, shop["ending"], reason="再记一次", by_id=shop["keeper"]).field == "outcome"
    assert _refused(database, renewals.record_renewed, shop["ending"], start_date="2027-01-01", end_date="2027-12-31",
                    fee="1", by_id=shop["keeper"]).field == "outcome"
    assert _refused(database, renewals.record_notice, shop["ending"], sent_on="2026-12-06", how="mail",
                    today=TODAY, by_id=shop["keeper"]).field == "outcome"


def test_s15_lost_needs_its_reason(database, shop):
    assert _refused(database, renewals.record_lost, shop["ending"], reason="  ", by_id=shop["keeper"]).field == "lost_reason"


def test_s15_the_renewal_rate_per_month_and_per_keeper(database, shop):
    with database.Session.begin() as s:
        renewals.record_renewed(s, shop["old"], start_date="2026-03-01", end_date="2027-02-28", fee="950", on="2026-12-02", by_id=shop["keeper"])
        renewals.record_lost(s, shop["ending"], reason="预算削减", on="2026-12-05", by_id=shop["keeper"])
    with database.Session() as s:
        branch, keepers = renewals.renewal_rates(s, 2026, 12)
        assert (branch.renewed, branch.lost, branch.rate) == (1, 1, Decimal("0.500"))
        assert {(k.keeper, k.renewed, k.lost) for k in keepers} == {("金国强", 0, 1), ("曾诗涵", 1, 0)}
        assert renewals.renewal_rates(s, 2026, 11)[0].rate is None


def test_s15_a_contract_already_followed_by_a_later_one_is_not_due(database, shop):
    with database.Session.begin() as s:
        contracts.create_contract(s, customer_id=shop["customer"], product_ids=[shop["copier"]], start_date="2027-01-01",
                                  end_date="2027-12-31", fee="2400")
    with database.Session() as s:
        assert renewals.renewals_due(s, TODAY) == [] and renewals.count_due(s, TODAY) == (0, 0)


def test_s15_the_notice_prints_contract_products_end_fee_and_keeper(database, shop):
    from crm_desktop.printing import print_numbered

    with database.Session.begin() as s:
        s.get(MaintenanceContract, shop["ending"])
    pdf, report = print_numbered(database, "renewal_notice", [shop["ending_no"]], None)
    import pypdfium2 as pdfium

    text = "".join("".join(p.get_textpage().get_text_range().split()) for p in pdfium.PdfDocument(pdf))
    assert report.records == 1 and not report.truncated
    for expected in (shop["ending_no"], "2026-12-31", "DC-3065", "LP-1020", "2,400.00", "金国强", "南京启明宾馆", "保养到期通知书"):
        assert expected in text, expected


def test_s15_a_notice_for_an_unknown_contract_is_refused_before_anything_prints(database, shop):
    from crm_desktop.printing import print_numbered

    with pytest.raises(UserError):
        print_numbered(database, "renewal_notice", [shop["ending_no"], "BY1999-0001"], None)


def test_s15_the_monthly_report_shows_the_renewal_rate_per_keeper(database, shop, tmp_path):
    import openpyxl

    from crm_desktop.exports.monthly_workbook import write_monthly_report
    from crm_desktop.services import lists

    with database.Session.begin() as s:
        renewals.record_renewed(s, shop["old"], start_date="2026-03-01", end_date="2027-02-28", fee="950", on="2026-12-02", by_id=shop["keeper"])
        renewals.record_lost(s, shop["ending"], reason="预算削减", on="2026-12-05", by_id=shop["keeper"])
    report = write_monthly_report(database, 2026, 12, tmp_path / "month.xlsx")
    book = openpyxl.load_workbook(report.path)
    sheet = book["Renewals"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert rows[:2] == [["曾诗涵", 1, 0, '=IF(B3+C3=0,"",B3/(B3+C3))'], ["金国强", 0, 1, '=IF(B4+C4=0,"",B4/(B4+C4))']]
    assert rows[2][:3] == ["Whole branch", "=SUM(B3:B4)", "=SUM(C3:C4)"]
    with database.read_session() as s:
        note = lists.monthly_summary(s, 2026, 12).note
    assert "1 renewed, 1 not renewed, renewal rate 50.0%" in note and "金国强 0.0% (0/1)" in note



def test_s15_only_the_roles_that_pursue_renewals_record_them(database, shop):
    from crm_desktop.services import auth

    with database.Session.begin() as s:
        technician = Staff(name="王师傅", role="technician")
        s.add(technician)
        s.flush()
        technician_id = technician.id
    assert _refused(database, renewals.record_lost, shop["ending"], reason="x", by_id=technician_id).field == "user"
    assert _refused(database, renewals.record_lost, shop["ending"], reason="x", by_id=None).field == "user"
    with database.Session() as s:
        assert s.scalar(select(ContractRenewal)) is None
        assert auth.user_of(s, shop["keeper"]).may(auth.Permission.RENEWALS)
