"""The program as a command: --smoke, the data-folder options, refusal of foreign files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    return subprocess.run([sys.executable, "-m", "crm_desktop", *args], capture_output=True, text=True,
                          env=full_env, timeout=120)


def test_smoke_on_a_new_data_folder_creates_the_database_and_exits_0(tmp_path):
    result = run("--smoke", "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 0, result.stderr
    assert "smoke ok: service_call, goods_entry, repair_card, customer" in result.stdout
    assert (tmp_path / "d" / "crm_desktop.sqlite3").exists()
    assert (tmp_path / "d" / "crm_desktop.log").exists()


def test_smoke_on_demo_data_from_the_environment_variable(tmp_path):
    folder = tmp_path / "demo"
    filled = run("demo", "--calls", "120", "--quiet", env={"CRM_DESKTOP_DATA_DIR": str(folder)})
    assert filled.returncode == 0, filled.stderr
    result = run("--smoke", env={"CRM_DESKTOP_DATA_DIR": str(folder)})
    assert result.returncode == 0, result.stderr


def test_smoke_refuses_a_file_that_is_not_a_database_and_leaves_it_alone(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    db = folder / "crm_desktop.sqlite3"
    db.write_text("这是一份客户名单，不是数据库。\n" * 50, encoding="utf-8")
    before = db.read_bytes()
    result = run("--smoke", "--data-dir", str(folder))
    assert result.returncode == 2
    assert "not a SQLite file" in result.stderr
    assert db.read_bytes() == before


def test_database_url_option(tmp_path):
    target = tmp_path / "other.sqlite3"
    result = run("--smoke", "--data-dir", str(tmp_path / "d"), "--database-url", f"sqlite:///{target.as_posix()}")
    assert result.returncode == 0, result.stderr
    assert target.exists() and not (tmp_path / "d" / "crm_desktop.sqlite3").exists()


def test_backup_command_copies_the_database(tmp_path):
    folder = tmp_path / "d"
    assert run("--smoke", "--data-dir", str(folder)).returncode == 0
    result = run("backup", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).exists()
    assert list((folder / "backups").glob("crm_desktop-*.sqlite3"))
