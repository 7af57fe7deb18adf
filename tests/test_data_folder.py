"""The data folder on Windows (issue 14 item 5): ``%APPDATA%\\crm_desktop`` — a user's
folder whose name has Chinese characters and spaces included — holding the database, the
log and backups/; CRM_DESKTOP_DATA_DIR (set machine-wide, several accounts share one
folder) chooses another. The platform is Windows by monkeypatching config.is_windows."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_desktop import config as config_mod

from .cli_runner import run


@pytest.fixture
def windows_appdata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Windows user whose profile folder has a Chinese name with spaces."""
    appdata = tmp_path / "Users" / "张 三 (前台)" / "AppData" / "Roaming"
    monkeypatch.setattr(config_mod, "is_windows", lambda: True)
    monkeypatch.setenv("APPDATA", str(appdata))
    monkeypatch.delenv(config_mod.DATA_DIR_ENV, raising=False)
    monkeypatch.delenv(config_mod.DATABASE_URL_ENV, raising=False)
    return appdata


def test_on_windows_the_data_folder_is_appdata_crm_desktop(windows_appdata: Path):
    cfg = config_mod.resolve()
    assert cfg.data_dir == windows_appdata / "crm_desktop"
    assert cfg.data_dir.is_dir()
    assert cfg.sqlite_path == windows_appdata / "crm_desktop" / "crm_desktop.sqlite3"
    assert cfg.backups_dir == cfg.data_dir / "backups" and cfg.log_file == cfg.data_dir / "crm_desktop.log"


def test_the_commands_make_database_log_and_backups_under_a_chinese_appdata_with_spaces(windows_appdata: Path):
    folder = windows_appdata / "crm_desktop"
    filled = run("demo", "--calls", "5", "--quiet")
    assert filled.returncode == 0, filled.stderr
    assert (folder / "crm_desktop.sqlite3").stat().st_size > 0
    assert (folder / "crm_desktop.log").exists()
    backed_up = run("backup")
    assert backed_up.returncode == 0, backed_up.stderr
    copy = Path(backed_up.stdout.splitlines()[0])
    assert copy.parent == folder / "backups" and copy.stat().st_size > 0
    assert list(windows_appdata.iterdir()) == [folder]  # nothing beside it


def test_a_shared_folder_set_machine_wide_wins_over_the_users_own(windows_appdata: Path, tmp_path: Path, monkeypatch):
    shared = tmp_path / "ProgramData" / "crm_desktop 共用"
    monkeypatch.setenv(config_mod.DATA_DIR_ENV, str(shared))
    assert run("demo", "--calls", "0", "--quiet").returncode == 0
    assert (shared / "crm_desktop.sqlite3").exists()
    assert not (windows_appdata / "crm_desktop").exists()


def test_elsewhere_the_data_folder_is_qts_app_data_location(monkeypatch: pytest.MonkeyPatch):
    from PySide6.QtCore import QStandardPaths

    monkeypatch.setattr(config_mod, "is_windows", lambda: False)
    folder = config_mod.default_data_dir()  # names the organisation and the application first
    assert folder == Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    assert folder.parts[-2:] == ("crm_desktop", "crm_desktop")  # on Linux ~/.local/share/crm_desktop/crm_desktop
