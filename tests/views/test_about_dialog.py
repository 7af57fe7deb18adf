"""帮助 → 关于 (issue 14 item 6): the version, the data folder, the database file and its
schema revision, the log file — what a support call needs — selectable, and copied to the
clipboard by one button. It is in tests/views/dialog_catalogue.py too (screen, Tab, keys)."""

from __future__ import annotations

import platform
from types import SimpleNamespace

import PySide6
import pytest
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import text
from sqlalchemy.engine import make_url

from crm_desktop import __version__
from crm_desktop.db import Database, make_engine
from crm_desktop.migrations.revisions import HEAD
from crm_desktop.services.about import support_facts
from crm_desktop.views import about_dialog as about
from crm_desktop.views.about_dialog import AboutDialog
from crm_desktop.views.i18n import tr
from crm_desktop.views.main_window import MainWindow


def open_about(database, qtbot) -> AboutDialog:
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.act_about.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, AboutDialog) and w.isVisible())
    qtbot.waitExposed(dialog)
    return dialog


def line(label, value: str) -> str:
    return tr(about.LINE, label=tr(label), value=value)


def test_help_about_shows_what_a_support_call_needs(app, database, cfg, qtbot):
    dialog = open_about(database, qtbot)
    assert dialog.windowTitle() == "关于 crm_desktop"
    assert dialog.heading.text() == f"crm_desktop {__version__}\n分公司售后服务登记簿。"
    lines = dialog.text.toPlainText().splitlines()
    assert lines[:5] == [
        line(about.VERSION, __version__),
        line(about.DATA_DIR, str(cfg.data_dir)),
        line(about.DATABASE_FILE, str(cfg.sqlite_path)),
        line(about.SCHEMA, tr(about.SCHEMA_VALUE, revision=HEAD, program=HEAD)),
        line(about.LOG_FILE, str(cfg.data_dir / "crm_desktop.log")),
    ]
    assert lines[5] == line(about.SYSTEM, platform.platform())
    assert lines[6] == line(about.COMPONENTS, f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {PySide6.__version__}")
    dialog.close()


def test_its_words_are_chinese_once_translated(app, database, qtbot):
    """The translation of the new words (resources/i18n): 版本, 数据文件夹, … with a full-width colon."""
    if tr(about.VERSION) == "Version":
        pytest.skip("the About box's words are not in the compiled translation yet")
    dialog = AboutDialog(database)
    qtbot.addWidget(dialog)
    assert dialog.text.toPlainText().startswith(f"版本：{__version__}\n数据文件夹：")
    assert "复制" in dialog.copy_button.text()


def test_the_facts_are_selectable_and_copied_to_the_clipboard(app, database, qtbot):
    dialog = open_about(database, qtbot)
    assert dialog.text.isReadOnly()
    assert dialog.text.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied == dialog.heading.text() + "\n" + dialog.text.toPlainText()
    assert str(database.config.data_dir) in copied and dialog.copied.text()
    dialog.close()


def test_enter_and_esc_close_it(app, database, qtbot):
    dialog = open_about(database, qtbot)
    assert dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close).isDefault()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    dialog = open_about(database, qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_schema_behind_the_program_shows_both_revisions(app, database, qtbot):
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    dialog = AboutDialog(database)
    qtbot.addWidget(dialog)
    assert line(about.SCHEMA, tr(about.SCHEMA_VALUE, revision="0001", program=HEAD)) in dialog.text.toPlainText().splitlines()


def test_a_database_without_a_configuration_shows_its_url_and_dashes(app, qtbot):
    database = Database(make_engine("sqlite://"))  # in memory: no schema, no data folder, no log
    dialog = AboutDialog(database)
    qtbot.addWidget(dialog)
    lines = dialog.text.toPlainText().splitlines()
    assert line(about.DATABASE, "sqlite://") in lines
    assert line(about.DATA_DIR, "—") in lines and line(about.LOG_FILE, "—") in lines
    assert line(about.SCHEMA, tr(about.UNKNOWN)) in lines
    database.dispose()


def test_a_database_server_is_named_without_its_password():
    def unreachable():
        raise OSError("no server here")

    server = SimpleNamespace(config=None, engine=SimpleNamespace(url=make_url("postgresql+psycopg://clerk:secret@host/crm")),
                             read_connection=unreachable)
    facts = support_facts(server)
    assert facts.database_url == "postgresql+psycopg://clerk:***@host/crm"
    assert facts.database_file is None and facts.schema_revision is None
