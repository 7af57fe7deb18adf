"""The QApplication as app.make_application sets it up (issue 14 item 5): Qt's own buttons in
Chinese from Qt's qtbase_zh_CN (which the bundle carries, build.spec), the program's icon
on its windows, and --smoke failing when Qt's translation is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from crm_desktop import app as app_mod
from crm_desktop import paths

ROOT = Path(__file__).resolve().parents[2]
Button = QDialogButtonBox.StandardButton


@pytest.fixture
def made(qapp):
    """make_application on the test's QApplication; the translators it added removed after."""
    before = set(qapp.findChildren(QTranslator))
    made = app_mod.make_application()
    assert made is qapp
    yield made
    for translator in set(qapp.findChildren(QTranslator)) - before:
        qapp.removeTranslator(translator)
        translator.deleteLater()


def test_qts_own_chinese_translation_ships_with_pyside6():
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (folder / "qtbase_zh_CN.qm").is_file(), folder


def test_the_standard_buttons_are_chinese_after_make_application(made, qtbot):
    box = QDialogButtonBox(Button.Save | Button.Cancel | Button.Close)
    qtbot.addWidget(box)
    assert box.button(Button.Save).text() == "保存"
    assert box.button(Button.Cancel).text() == "取消"
    assert box.button(Button.Close).text() == "关闭"
    message = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(message)
    assert "是" in message.button(QMessageBox.StandardButton.Yes).text()
    assert "否" in message.button(QMessageBox.StandardButton.No).text()


def test_the_windows_carry_the_programs_icon(made, qtbot):
    assert paths.icon_file().is_file() and paths.windows_icon_file().is_file()
    assert not made.windowIcon().isNull()
    assert made.windowIcon().availableSizes()


def test_the_windows_exe_gets_the_ico_and_the_bundle_the_icons():
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert 'icon=str(ROOT / "resources" / "icons" / "crm_desktop.ico") if IS_WIN' in spec
    assert 'tree(ROOT / "resources", "resources", skip_suffixes=(".ts",))' in spec  # icons/ among them


class _Window:
    """What run_smoke asks of the main window, with nothing to open."""

    def show(self) -> None:
        pass

    def register_names(self) -> list[str]:
        return []

    def open_board(self) -> None:
        pass

    def page_names(self) -> list[str]:
        return []


def test_smoke_fails_without_qts_translation(qapp, capsys, monkeypatch):
    # a test before may have left a translator installed: the check itself is stood in for
    monkeypatch.setattr(app_mod, "qt_translation_missing", lambda: True)
    assert app_mod.run_smoke(qapp, _Window()) == 1
    assert "qtbase_zh_CN.qm" in capsys.readouterr().err


def test_smoke_passes_the_translation_check_with_it(made, capsys):
    assert not app_mod.qt_translation_missing()
    assert app_mod.run_smoke(made, _Window()) == 0
    assert capsys.readouterr().out.startswith("smoke ok")
