"""S10–S12: the daily reports from the work log, and the manager's sign-off that locks a day:
later work for that day, or work taken back, shows as an amendment with who and when."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from crm_desktop.errors import UserError
from crm_desktop.models import DailyReportSignoff, ServiceCall, Staff, WorkLog
from crm_desktop.printing import forms
from crm_desktop.services import daily_reports, process

from ..views.branch_data import at, build, with_manager

DAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 28, 9, 0)


@pytest.fixture
def branch_office(database):
    return with_manager(database, build(database))


def logged(session, day: date) -> list[tuple[str, str, Decimal]]:
    """The day's work as the log holds it, straight from the rows."""
    return sorted(
        (name, kind, hours)
        for name, kind, hours in session.execute(
            select(Staff.name, WorkLog.service_kind, WorkLog.hours)
            .join(Staff, Staff.id == WorkLog.technician_id)
            .where(WorkLog.work_day == day, WorkLog.voided_by_step_id.is_(None))
        )
    )


def test_the_supervisor_day_sums_every_technician_by_kind_and_time(database, branch_office):
    with database.read_session() as s:
        rows = logged(s, DAY)
        report = daily_reports.supervisor_day(s, DAY)
    assert rows
    assert report.totals.total_hours == sum((h for _n, _k, h in rows), Decimal("0"))
    for name, totals in report.technicians:
        mine = [(k, h) for n, k, h in rows if n == name]
        assert totals.total_jobs == len(mine)
        for kind in "ABC":
            assert totals.hours[kind] == sum((h for k, h in mine if k == kind), Decimal("0"))
    assert report.signoff is None and report.amendments == []


def test_only_the_manager_signs_once_and_not_ahead_of_the_day(database, branch_office):
    with database.Session.begin() as s:
        with pytest.raises(UserError) as caught:
            daily_reports.sign_off(s, DAY, branch_office.boss, now=NOW)
        assert caught.value.field == "by_id"
        with pytest.raises(UserError):
            daily_reports.sign_off(s, date(2026, 11, 29), branch_office.manager, now=NOW)
        with pytest.raises(UserError):
            daily_reports.sign_off(s, DAY, branch_office.manager, when=datetime(2026, 11, 22, 18, 0), now=NOW)
    with database.read_session() as s:
        assert s.scalar(select(DailyReportSignoff.id)) is None  # nothing half-saved
    with database.Session.begin() as s:
        signed = daily_reports.sign_off(s, DAY, branch_office.manager, when=datetime(2026, 11, 23, 18, 0), now=NOW)
    assert signed.signed_by == "周经理" and signed.signed_at == datetime(2026, 11, 23, 18, 0)
    with database.Session.begin() as s:
        with pytest.raises(UserError) as caught:
            daily_reports.sign_off(s, DAY, branch_office.manager, now=NOW)
    assert "周经理" in str(caught.value) and "2026-11-23 18:00" in str(caught.value)


def test_work_recorded_after_the_signature_is_an_amendment_and_the_signed_figures_stay(database, branch_office):
    with database.Session.begin() as s:
        before = logged(s, DAY)
        daily_reports.sign_off(s, DAY, branch_office.manager, when=datetime(2026, 11, 23, 18, 0), now=NOW)
    in_repair = branch_office.at_risk[2]  # 赵技师's repair, started on the 23rd at 16:00
    with database.Session.begin() as s:
        process.finish_repair(s, in_repair, when=at(23, 17, 30), repair_hours="2.5", by_id=branch_office.zhao)
    with database.read_session() as s:
        report = daily_reports.supervisor_day(s, DAY)
        after = logged(s, DAY)
    assert len(after) == len(before) + 1
    assert report.totals.total_hours == sum((h for _n, _k, h in before), Decimal("0"))  # as signed
    assert [(a.change, a.line.technician, a.line.hours) for a in report.amendments] == [("added", "赵技师", Decimal("2.50"))]
    assert report.amendments[0].recorded_by == "赵技师" and report.amendments[0].recorded_at > datetime(2026, 11, 23, 18, 0)
    assert report.corrected.total_hours == sum((h for _n, _k, h in after), Decimal("0"))
    with database.read_session() as s:
        tech_id = s.scalar(select(Staff.id).where(Staff.name == "赵技师"))
        mine = daily_reports.technician_day(s, tech_id, DAY)
        record = forms.supervisor_daily(s, DAY)
    assert mine.signoff is not None and len(mine.amendments) == 1
    assert record.fields["signed_by"] == "周经理" and record.fields["signed_at"] == "2026-11-23 18:00"
    assert "2.5" in record.fields["amendments"] and "赵技师" in record.fields["amendments"]


def test_work_taken_back_after_the_signature_is_an_amendment_too(database, branch_office):
    with database.Session.begin() as s:
        call_id = s.scalar(select(ServiceCall.id).where(ServiceCall.signed_by == "张伟"))  # on site on the 23rd
        daily_reports.sign_off(s, DAY, branch_office.manager, when=datetime(2026, 11, 23, 18, 0), now=NOW)
    with database.Session.begin() as s:
        process.undo_last_step(s, call_id, reason="签字录错", by_id=branch_office.boss)  # the signature
        process.undo_last_step(s, call_id, reason="工时录错，重新登记", by_id=branch_office.boss)  # the completion
    with database.read_session() as s:
        report = daily_reports.supervisor_day(s, DAY)
    assert [(a.change, a.line.hours) for a in report.amendments] == [("removed", Decimal("1.50"))]
    assert report.amendments[0].recorded_by == "孙主任"
    assert report.corrected.total_hours == report.totals.total_hours - Decimal("1.5")
