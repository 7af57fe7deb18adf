"""The program as a command: --smoke, the data-folder options, refusal of foreign files.

The headless commands run in this process through ``cli.main(argv)`` with their output
captured (a new Python process costs 1–3 s each); ``--smoke``, which starts the real window
and the whole program, runs as a real ``python -m crm_desktop`` process.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .cli_runner import run, run_process


@pytest.mark.slow  # a real process
def test_smoke_on_a_new_data_folder_creates_the_database_and_exits_0(tmp_path):
    result = run_process("--smoke", "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 0, result.stderr
    assert "smoke ok: service_call, goods_entry, repair_card, customer" in result.stdout
    assert (tmp_path / "d" / "crm_desktop.sqlite3").exists()
    assert (tmp_path / "d" / "crm_desktop.log").exists()


@pytest.mark.slow  # a real process
def test_smoke_on_demo_data_from_the_environment_variable(tmp_path):
    folder = tmp_path / "demo"
    filled = run("demo", "--calls", "120", "--quiet", env={"CRM_DESKTOP_DATA_DIR": str(folder)})
    assert filled.returncode == 0, filled.stderr
    result = run_process("--smoke", "--smoke-print", env={"CRM_DESKTOP_DATA_DIR": str(folder)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(", printing")


@pytest.mark.slow  # a real process
def test_smoke_refuses_a_file_that_is_not_a_database_and_leaves_it_alone(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    db = folder / "crm_desktop.sqlite3"
    db.write_text("这是一份客户名单，不是数据库。\n" * 50, encoding="utf-8")
    before = db.read_bytes()
    result = run_process("--smoke", "--data-dir", str(folder))
    assert result.returncode == 2
    assert "not a SQLite file" in result.stderr
    assert db.read_bytes() == before


@pytest.mark.slow  # a real process
def test_database_url_option(tmp_path):
    target = tmp_path / "other.sqlite3"
    result = run_process("--smoke", "--data-dir", str(tmp_path / "d"), "--database-url", f"sqlite:///{target.as_posix()}")
    assert result.returncode == 0, result.stderr
    assert target.exists() and not (tmp_path / "d" / "crm_desktop.sqlite3").exists()


def test_backup_command_copies_the_database(tmp_path):
    folder = tmp_path / "d"
    assert run("demo", "--calls", "0", "--quiet", "--data-dir", str(folder)).returncode == 0
    usb = tmp_path / "U盘"
    result = run("backup", "--data-dir", str(folder), "--also-to", str(usb))
    assert result.returncode == 0, result.stderr
    made = Path(result.stdout.splitlines()[0])
    assert made.exists() and made.parent == folder / "backups" and (usb / made.name).exists()
    assert "integrity_check" in result.stdout and "service_call 0" in result.stdout


# -- print (paper forms) ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_folder_made_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder filled by the ``demo`` command, once for the module."""
    folder = tmp_path_factory.mktemp("cli") / "demo"
    result = run("demo", "--calls", "200", "--quiet", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def demo_folder(demo_folder_made_once: Path, tmp_path: Path) -> Path:
    """The test's own copy of the demo data folder."""
    return Path(shutil.copytree(demo_folder_made_once, tmp_path / "demo"))


def _first(folder: Path, sql: str) -> str:
    import sqlite3

    con = sqlite3.connect(folder / "crm_desktop.sqlite3")
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_print_numbered_forms_and_registers_to_pdf(tmp_path, demo_folder):
    import shutil

    folder = demo_folder
    card_no = _first(folder, "SELECT card_no FROM repair_card ORDER BY id LIMIT 1")
    call_no = _first(folder, "SELECT call_no FROM service_call ORDER BY id LIMIT 1")
    out = tmp_path / "cards.pdf"
    result = run("print", "repair-card", card_no, "--data-dir", str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF") and "1" in result.stdout
    vouchers = tmp_path / "vouchers.pdf"
    assert run("print", "service-voucher", call_no, "--data-dir", str(folder), "-o", str(vouchers)).returncode == 0
    register = tmp_path / "register.pdf"
    result = run("print", "call-register", "--from", "2026-11-01", "--to", "2026-11-30", "--data-dir", str(folder),
                 "-o", str(register))
    assert result.returncode == 0, result.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert card_no in text
        assert "叫修登记簿" in subprocess.run(["pdftotext", str(register), "-"], capture_output=True, text=True).stdout


def test_print_warns_which_box_cut_an_old_text_longer_than_its_length(tmp_path, demo_folder):
    """Issue 17, item 4: a remark stored before the lengths and longer than the voucher's box
    (kept whole by migration 0012) is still printed cut, and the command names the box."""
    import sqlite3

    con = sqlite3.connect(demo_folder / "crm_desktop.sqlite3")
    with con:
        call_no = con.execute("SELECT call_no FROM service_call ORDER BY id LIMIT 1").fetchone()[0]
        con.execute("UPDATE service_call SET remarks = ? WHERE call_no = ?", ("客户要求" * 1250, call_no))
    con.close()
    result = run("print", "service-voucher", call_no, "--data-dir", str(demo_folder), "-o", str(tmp_path / "v.pdf"))
    assert result.returncode == 0, result.stderr
    assert "(remarks)" in result.stderr and result.stderr.count("\n") == 1


def test_print_an_unknown_number_says_so_and_exits_2_without_a_file(tmp_path, demo_folder):
    folder = demo_folder
    card_no = _first(folder, "SELECT card_no FROM repair_card ORDER BY id LIMIT 1")
    out = tmp_path / "cards.pdf"
    result = run("print", "repair-card", card_no, "XK209901-0001", "--data-dir", str(folder), "-o", str(out))
    assert result.returncode == 2
    assert "XK209901-0001" in result.stderr and "修理卡" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_print_a_register_needs_its_period(tmp_path):
    result = run("print", "goods-register", "--from", "2026-11-01", "--data-dir", str(tmp_path / "d"),
                 "-o", str(tmp_path / "g.pdf"))
    assert result.returncode == 2 and "--to" in result.stderr


def test_print_with_a_broken_layout_of_the_branch_names_the_file_and_key(tmp_path, demo_folder):
    folder = demo_folder
    (folder / "forms").mkdir()
    (folder / "forms" / "goods_register.toml").write_text('[form]\npage = "A3"\n', encoding="utf-8")
    result = run("print", "goods-register", "--from", "2026-11-01", "--to", "2026-11-30", "--data-dir", str(folder),
                 "-o", str(tmp_path / "g.pdf"))
    assert result.returncode == 2
    assert "goods_register.toml" in result.stderr and "page" in result.stderr and "Traceback" not in result.stderr


def test_the_print_command_offers_exactly_the_printable_forms():
    from crm_desktop import cli
    from crm_desktop.printing import forms

    assert sorted(cli.PRINT_FORMS) == sorted(forms.BY_COMMAND)


def test_report_daily_as_pdf_and_as_workbook(tmp_path, demo_folder):
    folder = demo_folder
    day = _first(folder, "SELECT work_day FROM work_log GROUP BY work_day ORDER BY count(*) DESC LIMIT 1")
    pdf, book = tmp_path / "day.pdf", tmp_path / "day.xlsx"
    assert run("report", "daily", "--date", day, "--data-dir", str(folder), "-o", str(pdf)).returncode == 0
    result = run("report", "daily", "--date", day, "--data-dir", str(folder), "-o", str(book))
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and book.read_bytes().startswith(b"PK")
    wrong = run("report", "daily", "--date", day, "--data-dir", str(folder), "-o", str(tmp_path / "day.doc"))
    assert wrong.returncode == 2 and ".xlsx" in wrong.stderr and not (tmp_path / "day.doc").exists()


def test_import_customers_dry_run_then_for_real(tmp_path, demo_folder):
    import sqlite3

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["单位名称", "联系电话", "通讯地址", "产品型号", "机身编号"])
    sheet.append(["南京华信科技有限公司", "025-8456 7788", "南京市鼓楼区中山路1号", "理光 MP 2014", "RC-0001"])
    sheet.append(["苏州工业园区管委会", "0512-66881234", "苏州市工业园区现代大道999号", "佳能 iR 2206", "CN-0002"])
    path = tmp_path / "客户.xlsx"
    book.save(path)
    folder = demo_folder

    def customers() -> int:
        con = sqlite3.connect(folder / "crm_desktop.sqlite3")
        try:
            return con.execute("SELECT count(*) FROM customer").fetchone()[0]
        finally:
            con.close()

    before = customers()
    dry = run("import", "customers", str(path), "--dry-run", "--data-dir", str(folder))
    assert dry.returncode == 0, dry.stderr
    assert customers() == before
    real = run("import", "customers", str(path), "--data-dir", str(folder))
    assert real.returncode == 0, real.stdout + real.stderr
    assert customers() == before + 2 and "2" in real.stdout
    not_a_workbook = tmp_path / "客户.xlsx.txt"
    not_a_workbook.write_text("名称,电话\n", encoding="utf-8")
    refused = run("import", "customers", str(not_a_workbook), "--data-dir", str(folder))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr and customers() == before + 2


def test_export_a_register_as_searched_and_sorted(tmp_path, demo_folder):
    from openpyxl import load_workbook

    folder = demo_folder
    out = tmp_path / "calls.xlsx"
    result = run("export", "service-call", "--search", "南京", "--sort", "received_at", "--descending",
                 "--data-dir", str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows and "行" in result.stdout
    unknown = run("export", "calls", "--data-dir", str(folder), "-o", str(tmp_path / "x.xlsx"))
    assert unknown.returncode == 2 and "service-call" in unknown.stderr and not (tmp_path / "x.xlsx").exists()


def test_report_monthly_writes_the_workbook(tmp_path, demo_folder):
    from openpyxl import load_workbook

    folder = demo_folder
    out = tmp_path / "2026-10.xlsx"
    result = run("report", "monthly", "--month", "2026-10", "--data-dir", str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert len(load_workbook(out).worksheets) >= 3
    bad = run("report", "monthly", "--month", "2026-13", "--data-dir", str(folder), "-o", str(tmp_path / "x.xlsx"))
    assert bad.returncode == 2 and "13" in bad.stderr and "Traceback" not in bad.stderr


def test_headless_commands_act_as_a_logged_in_user_checked_and_audited(tmp_path, demo_folder):
    import sqlite3

    folder = demo_folder
    out = tmp_path / "calls.xlsx"
    nobody = run("export", "service-call", "--data-dir", str(folder), "-o", str(out),
                 env={"CRM_DESKTOP_USER": "", "CRM_DESKTOP_PASSWORD": ""})
    assert nobody.returncode == 2 and "--user" in nobody.stderr and not out.exists()
    wrong = run("export", "service-call", "--data-dir", str(folder), "-o", str(out), env={"CRM_DESKTOP_PASSWORD": "guess1234"})
    assert wrong.returncode == 2 and not out.exists()
    con = sqlite3.connect(folder / "crm_desktop.sqlite3")
    technician = con.execute("SELECT name FROM staff WHERE role = 'technician' ORDER BY id LIMIT 1").fetchone()[0]
    con.close()
    refused = run("export", "service-call", "--user", technician, "--data-dir", str(folder), "-o", str(out),
                  env={"CRM_DESKTOP_USER": "", "CRM_DESKTOP_PASSWORD": "demo1234"})
    assert refused.returncode == 2 and technician in refused.stderr and not out.exists()
    assert run("export", "service-call", "--data-dir", str(folder), "-o", str(out)).returncode == 0
    con = sqlite3.connect(folder / "crm_desktop.sqlite3")
    actions = [row[0] for row in con.execute("SELECT action FROM audit_log ORDER BY id")]
    con.close()
    assert actions[-5:] == ["login_failed", "login", "denied", "login", "export"]


def test_a_full_disk_while_exporting_is_said_as_the_known_fault(tmp_path, demo_folder, monkeypatch):
    """The export's file cannot be finished because the disk is full: the machine's fault,
    with its own message and exit code, not the export's "cannot write"."""
    from openpyxl import Workbook

    from crm_desktop.faults import Fault

    def disk_full(self, filename):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", disk_full)
    out = tmp_path / "calls.xlsx"
    result = run("export", "service-call", "--data-dir", str(demo_folder), "-o", str(out))
    assert result.returncode == Fault.DISK_FULL.exit_code, result.stderr
    assert "磁盘已满" in result.stderr and "Traceback" not in result.stderr and not out.exists()


def test_audit_verify_finds_a_line_changed_outside_the_program(demo_folder):
    """Issue 15, item 7: exit 0 while every link holds; a line edited with sqlite3 (its
    trigger dropped) is named as the first broken link, exit 7."""
    import sqlite3

    intact = run("audit", "verify", "--data-dir", str(demo_folder))
    assert intact.returncode == 0, intact.stderr
    assert "完整" in intact.stdout or "intact" in intact.stdout
    con = sqlite3.connect(demo_folder / "crm_desktop.sqlite3")
    with con:
        con.execute("DROP TRIGGER audit_log_no_update")
        con.execute("UPDATE audit_log SET login = 'nobody' WHERE id = 1")
    con.close()
    broken = run("audit", "verify", "--data-dir", str(demo_folder))
    assert broken.returncode == 7
    assert "line 1 " in broken.stderr or "第 1 " in broken.stderr


def test_demo_refuses_a_real_database_in_words(tmp_path):
    """Issue 15, item 8: a data folder set up for real work (its administrator made at the
    first start) never gets demo rows."""
    from crm_desktop import config
    from crm_desktop.db import open_database
    from crm_desktop.services import auth

    folder = tmp_path / "branch"
    database = open_database(config.resolve(str(folder), None))
    auth.first_setup(database)
    database.dispose()
    refused = run("demo", "--calls", "5", "--quiet", "--data-dir", str(folder))
    assert refused.returncode == 2
    assert "real branch" in refused.stderr or "真实" in refused.stderr
    assert _first(folder, "SELECT count(*) FROM customer") == 0


def test_a_one_time_password_does_not_run_headless_commands(tmp_path, demo_folder):
    """Issue 15, item 8: an account that must still change its one-time password is
    refused with the reason, exit 2, and nothing is written."""
    import sqlite3

    con = sqlite3.connect(demo_folder / "crm_desktop.sqlite3")
    with con:
        con.execute("UPDATE account SET must_change_password = 1 WHERE login = 'admin'")
    con.close()
    out = tmp_path / "calls.xlsx"
    refused = run("export", "service-call", "--data-dir", str(demo_folder), "-o", str(out))
    assert refused.returncode == 2 and "admin" in refused.stderr and not out.exists()
    assert "one-time" in refused.stderr or "一次性" in refused.stderr
