"""Shared fixtures. Qt runs offscreen; every test gets its own data folder and database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from crm_desktop import config as config_mod  # noqa: E402
from crm_desktop.db import Database, open_database  # noqa: E402


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
