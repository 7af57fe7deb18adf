"""Shared fixtures. Qt runs offscreen; every test gets its own data folder and database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from crm_desktop import clock  # noqa: E402
from crm_desktop import config as config_mod  # noqa: E402
from crm_desktop.db import Database, open_database  # noqa: E402


# Every test runs at a fixed moment, never the wall clock's (a deadline or a proposed time
# must not depend on when the suite runs): a Monday in working time, unless it asks for another.
FIXED_NOW = datetime(2026, 12, 7, 10, 30)
# Where time-sensitive rules turn: a minute before the lunch break, a minute before the end of
# the working day, and a make-up working Saturday (2026-10-10, worked for the National Day week).
SENSITIVE_MOMENTS = {
    "monday-morning": FIXED_NOW,
    "before-lunch": datetime(2026, 12, 7, 11, 59),
    "before-close": datetime(2026, 12, 7, 16, 59),
    "makeup-saturday": datetime(2026, 10, 10, 10, 30),
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test marked ``clock_sensitive`` runs once at each of SENSITIVE_MOMENTS."""
    if metafunc.definition.get_closest_marker("clock_sensitive") and "clock_moment" in metafunc.fixturenames:
        metafunc.parametrize("clock_moment", list(SENSITIVE_MOMENTS.values()), ids=list(SENSITIVE_MOMENTS), indirect=True)


@pytest.fixture(scope="session", autouse=True)
def _clock_frozen_for_the_session():
    """Module and session fixtures (demo databases) are made at FIXED_NOW too."""
    clock.freeze(FIXED_NOW)
    yield
    clock.set_source(None)


@pytest.fixture
def clock_moment(request: pytest.FixtureRequest) -> datetime:
    return getattr(request, "param", FIXED_NOW)


@pytest.fixture(autouse=True)
def fixed_clock(clock_moment: datetime):
    """The program's clock stands at ``clock_moment`` during the test."""
    clock.freeze(clock_moment)
    yield clock_moment
    clock.freeze(FIXED_NOW)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv(config_mod.DATA_DIR_ENV, str(folder))
    monkeypatch.delenv(config_mod.DATABASE_URL_ENV, raising=False)
    return folder


@pytest.fixture
def cfg(data_dir: Path) -> config_mod.Config:
    return config_mod.resolve(data_dir)


@pytest.fixture
def database(cfg: config_mod.Config) -> Database:
    db = open_database(cfg)
    yield db
    db.dispose()


@pytest.fixture
def session(database: Database):
    with database.Session() as s:
        yield s


@pytest.fixture(autouse=True)
def _qt_test_mode(tmp_path_factory):
    """QSettings and QStandardPaths go to test locations, never the user's real ones."""
    from PySide6.QtCore import QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.getbasetemp() / "settings"))
    yield


@pytest.fixture
def app(qapp):
    """The QApplication set up as the program sets it up: Chinese translation and font."""
    from crm_desktop.app import install_font, install_translations

    translators = install_translations(qapp)
    install_font(qapp)
    yield qapp
    for t in translators:
        qapp.removeTranslator(t)
