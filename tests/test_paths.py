"""One module finds resources/ and forms/ from a checkout, an installed wheel and the bundle."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from crm_desktop import paths

ROOT = Path(__file__).resolve().parent.parent


def test_checkout_finds_resources_forms_font_and_migrations():
    assert paths.font_file().is_file() and paths.font_file().stat().st_size > 4_000_000
    assert (paths.forms_dir() / "README.md").is_file()
    assert (paths.migrations_dir() / "env.py").is_file()
    assert (paths.resources_dir() / "fonts" / "LICENSE-wqy-microhei.txt").is_file()


def test_bundle_location_wins(tmp_path, monkeypatch):
    (tmp_path / "resources").mkdir()
    (tmp_path / "forms").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    paths._data_root.cache_clear()
    try:
        assert paths.resources_dir() == tmp_path / "resources"
        assert paths.forms_dir() == tmp_path / "forms"
    finally:
        paths._data_root.cache_clear()


def test_missing_resources_are_reported_with_the_places_looked(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "_PACKAGE_DIR", tmp_path / "pkg")
    paths._data_root.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="cannot find its resources"):
            paths.resources_dir()
    finally:
        paths._data_root.cache_clear()


@pytest.mark.slow  # pip builds a wheel
def test_a_built_wheel_carries_resources_and_forms(tmp_path):
    """A non-editable install has no repository around it: the wheel must carry the files."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("crm_desktop-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "crm_desktop/_data/resources/fonts/wqy-microhei.ttf" in names
    assert "crm_desktop/_data/forms/README.md" in names
    assert "crm_desktop/migrations/versions/0001_initial_schema.py" in names
    assert "crm_desktop/migrations/script.py.mako" in names
