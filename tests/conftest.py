"""Shared fixtures. Qt runs offscreen; every test gets its own data folder and database.

A test's database is a copy of a file made once per session: the schema migrated by Alembic
(copying it takes a millisecond, migrating takes half a second), or, for a test or module
marked ``demo_data(calls=N, seed=S)``, that file filled by the demo generator. Each test
still owns its copy and may write to it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The suite never touches the user's own settings or folders, in this process or in the
# programs it starts: home and the per-user folders (Qt's QSettings and QStandardPaths read
# them; the children inherit them) point into a folder of the run, removed at its end.
USER_FOLDERS = Path(tempfile.mkdtemp(prefix="crm-desktop-tests-user-"))
for variable in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "APPDATA",
                 "LOCALAPPDATA", "USERPROFILE"):
    os.environ[variable] = str(USER_FOLDERS / variable.lower())
os.environ["CRM_DESKTOP_SETTINGS_DIR"] = str(USER_FOLDERS / "settings")  # config.SETTINGS_DIR_ENV
atexit.register(shutil.rmtree, USER_FOLDERS, ignore_errors=True)

from datetime import datetime  # noqa: E402

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


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashes():
    """Passwords hashed with argon2id at its cheapest parameters (0.1 ms a hash instead of
    about 0.2 s): demo databases hash every colleague's password and many tests log in.
    tests/services/test_auth.py checks the program's own parameters."""
    from argon2 import PasswordHasher, profiles

    from crm_desktop.services import auth

    global REAL_PASSWORD_HASHER
    cheap = PasswordHasher.from_parameters(profiles.CHEAPEST)
    REAL_PASSWORD_HASHER, auth._hasher = auth._hasher, lambda: cheap
    yield
    auth._hasher = REAL_PASSWORD_HASHER


REAL_PASSWORD_HASHER = None  # the program's own, kept while the suite hashes cheaply


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


class DatabaseFiles:
    """Database files made once per session and copied for each test: the migrated schema,
    and demo databases by (calls, seed, now)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[tuple, Path] = {}

    def file(self, calls: int | None = None, seed: int = 20261128, now: datetime | None = None) -> Path:
        key = ("schema",) if calls is None else ("demo", calls, seed, now)
        if key not in self.made:
            self.made[key] = self._make(key, calls, seed, now)
        return self.made[key]

    def _make(self, key: tuple, calls: int | None, seed: int, now: datetime | None) -> Path:
        folder = self.folder / "-".join(str(part).replace(":", "").replace(" ", "_") for part in key)
        folder.mkdir()
        config = config_mod.Config(data_dir=folder, database_url=config_mod.sqlite_url(folder / config_mod.DATABASE_FILENAME))
        if calls is not None:
            shutil.copyfile(self.file(), config.sqlite_path)
        db = open_database(config)
        try:
            if calls is not None:
                from crm_desktop import demo

                demo.generate(db, calls=calls, seed=seed, now=now)
        finally:
            db.dispose()  # the last connection closed: the WAL is checkpointed into the file
        assert not config.sqlite_path.with_name(config.sqlite_path.name + "-wal").exists()
        return config.sqlite_path

    def open_copy(self, config: config_mod.Config, **demo: object) -> Database:
        """A database for ``config`` that starts as a copy of the file for ``demo``."""
        assert config.sqlite_path is not None
        shutil.copyfile(self.file(**demo), config.sqlite_path)
        db = open_database(config)
        db.is_empty_on_open = True  # as the new file it stands for (the first-start question)
        return db


@pytest.fixture(scope="session")
def database_files(tmp_path_factory: pytest.TempPathFactory) -> DatabaseFiles:
    return DatabaseFiles(tmp_path_factory.mktemp("database-files"))


@pytest.fixture
def database(cfg: config_mod.Config, database_files: DatabaseFiles, request: pytest.FixtureRequest) -> Database:
    """The test's own database, at the newest schema; with the demo's rows when the test
    uses ``demo_database`` (the demo of its ``demo_data`` marker)."""
    marker = request.node.get_closest_marker("demo_data") if "demo_database" in request.fixturenames else None
    db = database_files.open_copy(cfg, **(marker.kwargs if marker else {}))
    yield db
    db.dispose()


@pytest.fixture
def demo_database(database: Database, request: pytest.FixtureRequest) -> Database:
    """``database`` filled by the demo generator as the ``demo_data`` marker of the test or
    its module says (made once per session, copied for each test)."""
    assert request.node.get_closest_marker("demo_data"), "demo_database needs a demo_data(calls=…, seed=…) marker"
    return database


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
    # what a window remembers for its user (columns and sort, splitters, the last login) is
    # not carried from one test to the next
    settings = QSettings()
    for group in ("registers", "main_window/splitter", "board/splitter", "login"):
        settings.remove(group)
    yield


@pytest.fixture
def app(qapp):
    """The QApplication set up as the program sets it up: Chinese translation and font."""
    from crm_desktop.app import install_font, install_keys, install_translations

    translators = install_translations(qapp)
    install_font(qapp)
    install_keys(qapp)
    yield qapp
    for t in translators:
        qapp.removeTranslator(t)
