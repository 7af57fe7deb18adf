"""The tests never touch the user's real settings or folders, the programs they start included
(issue 13 item 8): home and every per-user folder pointed at an empty folder stay empty while
the program starts, draws and closes, its settings going to CRM_DESKTOP_SETTINGS_DIR."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crm_desktop import config as config_mod

from .cli_runner import run, run_process
from .conftest import USER_FOLDERS

USER_VARIABLES = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "APPDATA",
                  "LOCALAPPDATA", "USERPROFILE")


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_the_suite_runs_with_its_own_user_folders():
    for variable in USER_VARIABLES:
        assert Path(os.environ[variable]).is_relative_to(USER_FOLDERS), variable
    assert Path(os.environ[config_mod.SETTINGS_DIR_ENV]).is_relative_to(USER_FOLDERS)


@pytest.mark.slow  # a real process
def test_a_started_program_leaves_an_empty_home_empty(tmp_path):
    home, settings, data = tmp_path / "home", tmp_path / "settings", tmp_path / "data"
    home.mkdir()
    assert run("demo", "--calls", "20", "--quiet", "--data-dir", str(data)).returncode == 0
    environment = {variable: str(home) for variable in USER_VARIABLES}
    environment[config_mod.SETTINGS_DIR_ENV] = str(settings)
    result = run_process("--smoke", "--smoke-print", "--data-dir", str(data), env=environment)
    assert result.returncode == 0, result.stderr
    assert files_under(home) == []
    # the window did remember its size: in the folder it was given
    assert any(name.endswith(".ini") for name in files_under(settings)), files_under(settings)
