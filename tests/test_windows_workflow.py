"""The GitHub Actions workflow for a real Windows (.github/workflows/windows.yml, issue 14
item 4). It cannot run here: these checks only keep it well-formed and doing what the README
says — the tests, a console bundle checked with demo and --smoke on a data folder named in
Chinese with a space, the clerks' bundle, the installer, both uploaded."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


def steps() -> list[dict]:
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow.get("on", workflow.get(True)) is not None  # YAML 1.1 reads the key `on` as True
    job = workflow["jobs"]["windows"]
    assert job["runs-on"] == "windows-latest"
    return job["steps"]


def test_the_workflow_parses_and_runs_on_windows_with_python_311():
    found = steps()
    python = next(step for step in found if step.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"
    assert found[0]["uses"].startswith("actions/checkout@")


def test_the_workflow_tests_builds_smokes_and_packs():
    runs = [step.get("run", "") for step in steps()]
    tests = next(step for step in steps() if "dev.py test" in step.get("run", ""))
    assert tests["env"]["QT_QPA_PLATFORM"] == "offscreen"
    console = next(step for step in steps() if step.get("env", {}).get("CRM_BUNDLE_CONSOLE") == "1")
    assert "dev.py build" in console["run"]
    checks = "\n".join(runs)
    assert "crm_desktop.exe demo" in checks and "> demo.txt" in checks  # redirected: the code page case
    assert "crm_desktop.exe --smoke --smoke-print --data-dir $data" in checks
    assert "makensis.exe" in checks and "installer\\crm_desktop.nsi" in checks
    for define in ("-DVERSION=", "-DBUNDLE_DIR=", "-DOUT_FILE="):
        assert define in checks, define
    uploads = [step["with"]["path"] for step in steps() if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads == ["dist/crm_desktop/", "dist/crm_desktop-${{ env.VERSION }}-setup.exe"]


def test_the_workflow_names_its_steps_without_yaml_too():
    """What a look at the file shows, PyYAML or not."""
    text = WORKFLOW.read_text(encoding="utf-8")
    for words in ("runs-on: windows-latest", "actions/setup-python@", 'python-version: "3.11"', "python dev.py test",
                  'CRM_BUNDLE_CONSOLE: "1"', "python dev.py build", "crm_desktop.exe --smoke", "choco install nsis",
                  "makensis.exe", "actions/upload-artifact@"):
        assert words in text, words


def test_the_workflow_takes_the_newest_pyside6_the_project_allows():
    """dev.py installs the project into .venv with pip: no PySide6 of the workflow's own."""
    text = WORKFLOW.read_text(encoding="utf-8")
    assert not re.search(r"pyside6[\w-]*\s*[=<>~!]=", text, re.IGNORECASE)
    assert "pip install" not in text
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert any(d.startswith("pyside6-essentials>=") for d in dependencies)


def test_the_readme_says_the_workflow_is_unverified_here():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".github/workflows/windows.yml" in readme and "not been run" in readme
