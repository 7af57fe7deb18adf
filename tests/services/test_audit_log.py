"""I7: the administrator reads the audit log — who viewed and changed what — filtered by
period, person, action and text, newest first, in pages; only with the audit permission,
checked in the service and a refusal itself logged; opening and exporting the log are lines
of it; the export's workbook; and the log that cannot be rewritten."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy
from openpyxl import load_workbook
from sqlalchemy import func, select

from crm_desktop.errors import UserError
from crm_desktop.exports import audit_export
from crm_desktop.exports.audit_export import FIRST_DATA_ROW, HEADER_ROW, export_audit_log
from crm_desktop.models import AuditEntry, Customer, Staff
from crm_desktop.progress import Cancelled
from crm_desktop.services import audit_log, auth
from crm_desktop.services.audit_log import AuditFilter

SRC = Path(__file__).resolve().parents[2] / "src" / "crm_desktop"


def _user(database, name: str, role: str, login: str) -> auth.LoggedIn:
    with database.Session.begin() as s:
        staff = Staff(name=name, role=role)
        s.add(staff)
        s.flush()
        return auth.LoggedIn(staff.id, name, role, login, False)


@pytest.fixture
def people(database):
    """The administrator, the manager and colleagues without the audit permission."""
    return {
        "admin": _user(database, "系统管理员", "admin", "admin"),
        "manager": _user(database, "周经理", "manager", "zhou"),
        "clerk": _user(database, "钱文员", "clerk", "qian"),
        "technician": _user(database, "赵技师", "technician", "zhao"),
        "supervisor": _user(database, "孙主任", "supervisor", "sun"),
        "accountant": _user(database, "吴会计", "accountant", "wu"),
        "information": _user(database, "郑信息", "information", "zheng"),
        "marketing": _user(database, "冯营销", "marketing", "feng"),
        "planning": _user(database, "陈企划", "planning", "chen"),
    }


@pytest.fixture
def customer(database) -> int:
    with database.Session.begin() as s:
        c = Customer(name="上海精工复印设备有限公司", district="urban")
        s.add(c)
        s.flush()
        return c.id


def write(database, action: str, at: datetime, user: auth.LoggedIn | None = None, **line) -> None:
    with database.Session.begin() as s:
        auth.audit(s, action, staff_id=user.staff_id if user else line.pop("staff_id", None),
                   login=user.login if user else line.pop("login", None), now=at, **line)


def all_lines(database) -> list[AuditEntry]:
    with database.read_session() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def read(database, user, **kwargs) -> list[audit_log.AuditRow]:
    with database.read_session() as s:
        return audit_log.entries(s, user, **kwargs)


def count(database, user, **kwargs) -> int:
    with database.read_session() as s:
        return audit_log.count_entries(s, user, **kwargs)


@pytest.fixture
def month(database, people, customer):
    """A month of lines of several kinds, written out of time order."""
    clerk, tech, admin = people["clerk"], people["technician"], people["admin"]
    write(database, "login", datetime(2026, 11, 3, 8, 30), clerk)
    write(database, "archive_open", datetime(2026, 11, 1, 0, 0), people["manager"], target_type="customer",
          target_id=customer, detail="上海精工复印设备有限公司")
    write(database, "print", datetime(2026, 11, 30, 23, 59, 59), tech, target_type="repair_card", target_id="XK202611-0007")
    write(database, "export", datetime(2026, 12, 1, 0, 0), clerk, target_type="register", target_id="service_call",
          detail={"search": "张伟", "sort": None, "file": "D:\\导出\\叫修.xlsx"})
    write(database, "login_failed", datetime(2026, 10, 31, 23, 59, 59), login="nobody", detail="unknown login")
    write(database, "account_created", datetime(2026, 11, 10, 9, 0), admin, target_type="staff",
          target_id=tech.staff_id, detail={"name": "赵技师", "role": "technician"})
    write(database, "login", datetime(2026, 11, 3, 8, 30), tech)  # the same second as the clerk's
    return people


# -- reading, filtering, paging --------------------------------------------------------------------

def test_i7_lines_come_newest_first_with_names(database, month):
    rows = read(database, month["admin"])
    assert [(r.at, r.action) for r in rows] == [
        (datetime(2026, 12, 1, 0, 0), "export"),
        (datetime(2026, 11, 30, 23, 59, 59), "print"),
        (datetime(2026, 11, 10, 9, 0), "account_created"),
        (datetime(2026, 11, 3, 8, 30), "login"),
        (datetime(2026, 11, 3, 8, 30), "login"),
        (datetime(2026, 11, 1, 0, 0), "archive_open"),
        (datetime(2026, 10, 31, 23, 59, 59), "login_failed"),
    ]
    assert [rows[3].person, rows[4].person] == ["赵技师", "钱文员"]  # same second: the later line first
    opened = rows[5]
    assert opened.person == "周经理" and opened.target_name == "上海精工复印设备有限公司"
    assert opened.target_text() == f"Customer 上海精工复印设备有限公司（#{opened.target_id}）"
    assert rows[2].target_text() == "Staff 赵技师（#%d）" % month["technician"].staff_id
    assert rows[2].detail_text() == "Name：赵技师；Role：Technician"
    assert rows[0].target_text() == "Register Service call register"
    assert rows[0].detail_text() == "Search：张伟；File：D:\\导出\\叫修.xlsx"
    assert rows[1].target_text() == "repair card XK202611-0007"
    failed = rows[6]
    assert failed.person is None and failed.login == "nobody" and failed.detail_text() == "no such login name"
    assert count(database, month["admin"]) == 7


def test_i7_the_period_takes_whole_days_both_ends_included(database, month):
    rows = read(database, month["admin"], start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert {r.at for r in rows} == {
        datetime(2026, 11, 1, 0, 0), datetime(2026, 11, 3, 8, 30), datetime(2026, 11, 10, 9, 0),
        datetime(2026, 11, 30, 23, 59, 59),
    }
    assert count(database, month["admin"], start="2026-11-01", end="2026-11-30") == 5
    assert [r.action for r in read(database, month["admin"], start=date(2026, 12, 1))] == ["export"]
    assert [r.action for r in read(database, month["admin"], end=date(2026, 10, 31))] == ["login_failed"]
    with pytest.raises(UserError) as backwards:
        read(database, month["admin"], start=date(2026, 11, 30), end=date(2026, 11, 1))
    assert backwards.value.field == "end"


def test_i7_filter_by_person_and_by_action(database, month):
    clerk = month["clerk"]
    assert [r.action for r in read(database, month["admin"], staff_id=clerk.staff_id)] == ["export", "login"]
    assert [r.person for r in read(database, month["admin"], action="login")] == ["赵技师", "钱文员"]
    assert read(database, month["admin"], staff_id=clerk.staff_id, action="print") == []
    assert count(database, month["admin"], staff_id=month["technician"].staff_id, action="print") == 1


def test_i7_text_finds_login_detail_target_and_names(database, month):
    admin = month["admin"]

    def actions(text):
        return [r.action for r in read(database, admin, text=text)]

    assert actions("nobody") == ["login_failed"]  # the login typed
    assert actions("叫修") == ["export"]  # the detail
    assert actions("XK202611") == ["print"]  # the target's number
    assert actions("精工") == ["archive_open"]  # the customer's name
    assert actions("赵技师") == ["print", "account_created", "login"]  # who did it, and whom it is about
    assert actions("钱文员 service_call") == ["export"]  # every word must match
    # LIKE's wildcards are plain characters: "_" only in repair_card and service_call
    assert actions("100%") == [] and actions("_") == ["export", "print"]
    assert count(database, admin, text="精工") == 1


def test_i7_pages_follow_each_other_without_gaps_or_repeats(database, people):
    admin = people["admin"]
    start = datetime(2026, 1, 1, 8, 0)
    with database.Session.begin() as s:
        for i in range(450):  # three lines a minute: ties on the time are broken by the id
            auth.audit(s, "print", staff_id=people["clerk"].staff_id, login="qian", target_id=i,
                       now=start + timedelta(seconds=20 * (i // 3)))
    whole = read(database, admin, limit=1000)
    assert len(whole) == 450 == count(database, admin)
    assert [r.target_id for r in whole] == [str(i) for i in reversed(range(450))]
    pages = [read(database, admin, offset=offset, limit=200) for offset in (0, 200, 400, 600)]
    assert [len(p) for p in pages] == [200, 200, 50, 0]
    assert [r.id for p in pages for r in p] == [r.id for r in whole]


def test_i7_a_reading_pinned_to_the_latest_line_ignores_newer_ones(database, month):
    admin = month["admin"]
    with database.read_session() as s:
        pinned = audit_log.latest_id(s)
    write(database, "login", datetime(2027, 1, 1, 9, 0), month["clerk"])
    assert count(database, admin, upto_id=pinned) == 7
    assert count(database, admin) == 8
    assert read(database, admin, upto_id=pinned)[0].action == "export"


def test_i7_people_and_actions_to_choose_from(database, month):
    with database.read_session() as s:
        names = [p.name for p in audit_log.people(s)]
        choices = audit_log.actions(s)
    assert "钱文员" in names and "周经理" in names
    assert choices[: len(audit_log.ACTION_LABELS)] == list(audit_log.ACTION_LABELS)
    write(database, "teleport", datetime(2026, 11, 5, 9, 0), month["clerk"])  # a newer version's action
    with database.read_session() as s:
        assert audit_log.actions(s)[-1] == "teleport"
    row = read(database, month["admin"], action="teleport")[0]
    assert row.action_text() == "teleport"  # unknown: shown raw


# -- labels ----------------------------------------------------------------------------------------

ACTION_LITERAL = re.compile(r"""(?:\baudit\(\s*\w+,\s*|authorize\([^()"]*?,\s*|self\.authorize\(\s*"\w+",\s*)"(\w+)\"""")


def test_i7_every_action_the_program_writes_has_a_label():
    written = set()
    for path in SRC.rglob("*.py"):
        written |= set(ACTION_LITERAL.findall(path.read_text(encoding="utf-8")))
    assert {"login", "login_failed", "denied", "print", "export", "archive_open"} <= written  # the scan works
    assert written - set(audit_log.ACTION_LABELS) == set()
    assert {"report_daily", "report_monthly", "archive_change", "handover", "audit_view", "audit_export",
            "locked", "inactive"} <= set(audit_log.ACTION_LABELS)


def test_i7_a_refusal_reads_as_what_was_wanted_and_the_permission_missing():
    text = audit_log.describe_detail("denied", json.dumps({"permission": "audit", "action": "audit_view"}))
    assert text == "Viewed the audit log (needs the permission to read the audit log)"
    assert audit_log.describe_detail("login_failed", "wrong password") == "wrong password"
    assert audit_log.describe_detail("import", "D:\\客户.xlsx") == "D:\\客户.xlsx"
    assert audit_log.describe_detail("archive_change", json.dumps({"fields": ["name", "phone"]})) == "Fields：Name、Phone"


# -- permission ------------------------------------------------------------------------------------

WITHOUT = ["clerk", "technician", "supervisor", "accountant", "information", "marketing", "planning"]


@pytest.mark.parametrize("role", WITHOUT)
def test_i7_only_the_audit_permission_reads_the_log_and_a_refusal_is_logged(database, month, role):
    user = month[role]
    before = len(all_lines(database))
    with pytest.raises(UserError) as refused:
        with database.Session.begin() as s:  # the caller's transaction rolls back on the error …
            audit_log.entries(s, user)
    assert refused.value.field == "user" and user.name in str(refused.value)
    with pytest.raises(UserError):
        count(database, user)
    lines = all_lines(database)
    assert len(lines) == before + 2  # … and the refusals stay
    last = lines[-1]
    assert (last.action, last.staff_id, last.login) == ("denied", user.staff_id, user.login)
    assert json.loads(last.detail) == {"permission": "audit", "action": "audit_view"}


def test_i7_nobody_logged_in_is_refused_and_logged(database, month):
    with pytest.raises(UserError):
        read(database, None)
    assert (all_lines(database)[-1].action, all_lines(database)[-1].staff_id) == ("denied", None)


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_i7_the_manager_and_the_administrator_read_it_without_a_line_a_page(database, month, role):
    before = len(all_lines(database))
    assert len(read(database, month[role])) == 7
    assert len(all_lines(database)) == before


def test_i7_opening_the_viewer_is_one_audit_view_line(database, month):
    admin = month["admin"]
    assert audit_log.open_log(database, admin) == admin
    last = all_lines(database)[-1]
    assert (last.action, last.staff_id, last.target_type) == ("audit_view", admin.staff_id, "audit_log")
    with pytest.raises(UserError):
        audit_log.open_log(database, month["clerk"])
    last = all_lines(database)[-1]
    assert (last.action, last.staff_id) == ("denied", month["clerk"].staff_id)
    assert sum(1 for e in all_lines(database) if e.action == "audit_view") == 1


def test_i7_the_log_cannot_be_changed_or_deleted(database, month):
    before = [(e.id, e.action, e.detail) for e in all_lines(database)]
    with pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only"):
        with database.Session.begin() as s:
            s.execute(sqlalchemy.text("UPDATE audit_log SET detail = 'nothing happened' WHERE action = 'export'"))
    with pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only"):
        with database.Session.begin() as s:
            s.execute(sqlalchemy.text("DELETE FROM audit_log WHERE action = 'login_failed'"))
    with pytest.raises(sqlalchemy.exc.DatabaseError):
        with database.Session.begin() as s:
            s.delete(s.scalars(select(AuditEntry)).first())
    assert [(e.id, e.action, e.detail) for e in all_lines(database)] == before


# -- export ----------------------------------------------------------------------------------------

NOW = datetime(2026, 12, 2, 10, 15)


def test_i7_the_export_holds_the_filtered_lines_typed_and_is_logged(database, month, tmp_path):
    admin = month["admin"]
    path = tmp_path / "审计日志.xlsx"
    seen = []
    chosen = AuditFilter(start=date(2026, 11, 1), end=date(2026, 11, 30), staff_id=month["technician"].staff_id)
    report = export_audit_log(database, admin, path, chosen, progress=lambda d, t: seen.append((d, t)), now=NOW)
    assert report.rows == 2 and seen[-1] == (2, 2)

    sheet = load_workbook(path).active
    assert "Audit log" in sheet.cell(1, 1).value and "赵技师" in sheet.cell(1, 1).value
    assert "2026-11-01 to 2026-11-30" in sheet.cell(1, 1).value and "2 lines" in sheet.cell(1, 1).value
    assert [c.value for c in sheet[HEADER_ROW]] == ["No.", "Time", "Person", "Login name", "Action", "Target", "Detail"]
    body = [[c.value for c in row] for row in sheet.iter_rows(min_row=FIRST_DATA_ROW)]
    assert [r[1:6] for r in body] == [
        [datetime(2026, 11, 30, 23, 59, 59), "赵技师", "zhao", "Printed", "repair card XK202611-0007"],
        [datetime(2026, 11, 3, 8, 30), "赵技师", "zhao", "Logged in", None],
    ]
    assert all(isinstance(r[0], int) for r in body)
    time_cell = sheet.cell(FIRST_DATA_ROW, 2)
    assert time_cell.is_date and time_cell.number_format == audit_export.TIME_FORMAT
    assert sheet.freeze_panes == f"A{FIRST_DATA_ROW}"
    assert sheet.auto_filter.ref == f"A{HEADER_ROW}:G{HEADER_ROW + 2}"
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}" and sheet.page_setup.orientation == "landscape"
    assert sheet.column_dimensions["B"].width >= audit_export.TIME_WIDTH
    assert sheet.column_dimensions["E"].width >= 10

    last = all_lines(database)[-1]
    assert (last.action, last.staff_id, last.target_type) == ("audit_export", admin.staff_id, "audit_log")
    assert json.loads(last.detail) == {
        "start": "2026-11-01", "end": "2026-11-30", "staff_id": month["technician"].staff_id, "staff": "赵技师",
        "rows": 2, "file": str(path),
    }
    row = read(database, admin, action="audit_export")[0]
    assert row.detail_text().startswith("From：2026-11-01；To：2026-11-30；Person：赵技师；Lines：2；File：")


def test_i7_the_whole_log_exports_newest_first_and_typed_text_stays_text(database, month, tmp_path):
    write(database, "login_failed", datetime(2026, 11, 20, 9, 0), login='=HYPERLINK("http://x","点我")',
          detail="unknown login")
    path = tmp_path / "all.xlsx"
    export_audit_log(database, month["manager"], path, now=NOW)
    sheet = load_workbook(path).active
    times = [c.value for c in sheet["B"][FIRST_DATA_ROW - 1:]]
    assert len(times) == 8 and times == sorted(times, reverse=True)
    risky = next(row for row in sheet.iter_rows(min_row=FIRST_DATA_ROW) if row[4].value == "Login failed"
                 and row[3].value and row[3].value.startswith("="))
    assert risky[3].data_type == "s" and risky[3].quotePrefix


def test_i7_a_cancelled_export_leaves_no_file_and_no_line(database, people, tmp_path):
    with database.Session.begin() as s:
        for i in range(4500):
            auth.audit(s, "print", staff_id=people["clerk"].staff_id, login="qian", target_id=i,
                       now=datetime(2026, 11, 1, 8, 0) + timedelta(seconds=i))
    before = len(all_lines(database))
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "cancelled.xlsx"
    calls = []

    def cancel_at_second_window(done, total):
        calls.append(done)
        return len(calls) < 2

    with pytest.raises(Cancelled):
        export_audit_log(database, people["admin"], path, progress=cancel_at_second_window, now=NOW)
    assert calls == [2000, 4000]
    assert not path.exists() and list(folder.iterdir()) == []  # not even the temporary file
    assert len(all_lines(database)) == before


def test_i7_an_export_that_cannot_be_put_in_place_leaves_the_old_file_no_temporary_and_no_line(
        database, month, tmp_path, monkeypatch):
    from crm_desktop import files

    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "open.xlsx"
    path.write_bytes(b"last month's export, open in Excel")
    before = len(all_lines(database))

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(UserError) as failed:
        export_audit_log(database, month["admin"], path, now=NOW)
    assert failed.value.field == "path" and "it is open in another program" in failed.value.render()
    assert path.read_bytes() == b"last month's export, open in Excel"
    assert files.leftover_temporaries(folder) == [] and [p.name for p in folder.iterdir()] == ["open.xlsx"]
    assert len(all_lines(database)) == before  # the line went with the file that was not written


def test_i7_an_export_without_the_permission_is_refused_and_logged(database, month, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "x.xlsx"
    with pytest.raises(UserError):
        export_audit_log(database, month["clerk"], path, now=NOW)
    assert not path.exists() and list(folder.iterdir()) == []
    last = all_lines(database)[-1]
    assert last.action == "denied" and json.loads(last.detail)["action"] == "audit_export"


def test_i7_an_export_to_a_folder_that_is_gone_says_so(database, month, tmp_path):
    with pytest.raises(UserError) as failed:
        export_audit_log(database, month["admin"], tmp_path / "gone" / "x.xlsx", now=NOW)
    assert failed.value.field == "path"
    with pytest.raises(UserError):
        export_audit_log(database, month["admin"], tmp_path / "x.csv", now=NOW)
    with database.read_session() as s:
        assert s.scalar(select(func.count()).where(AuditEntry.action == "audit_export")) == 0


def test_archive_changes_refusals_and_hand_overs_read_in_words(database):
    """The administrator reads what was changed or refused, not the program's internal names."""
    from crm_desktop.services import audit_log

    zh = {"change": "修改内容", "add_contact": "添加联系人"}
    words = lambda context, source: {  # noqa: E731
        "Change": zh["change"], "add a contact person": zh["add_contact"]}.get(source, source)
    text = audit_log.describe_detail("archive_change", '{"change": "add_contact", "name": "刘经理"}', words)
    assert text.startswith("修改内容") and "添加联系人" in text and "刘经理" in text
    denied = audit_log.describe_detail(
        "denied", '{"permission": "archive.edit", "action": "log_correspondence"}')
    assert "log a contact with the customer" in denied and "change customer archives" in denied
    handover = audit_log.describe_detail("handover", '{"handover_no": "JJ2026-0001", "customer": 2, "call": 1}')
    assert "Hand-over no." in handover and "Open calls" in handover
