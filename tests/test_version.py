"""One version: pyproject.toml's (which the Windows build and the installer read) is the
program's own (crm_desktop.__version__: --version, 帮助 → 关于)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import crm_desktop

from .cli_runner import run

ROOT = Path(__file__).resolve().parent.parent


def test_pyproject_and_the_package_give_the_same_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == crm_desktop.__version__


def test_the_command_line_tells_it():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"crm_desktop {crm_desktop.__version__}"
