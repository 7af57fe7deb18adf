"""Every window of the program on the clerk's screen (issue 13, items 1 and 2): a Windows PC
at 1366×768 with a 40 px taskbar, and the smaller 1280×720.

For each window of tests/views/dialog_catalogue.py, opened over realistic data (the
longest customer, the call with the longest history, each step's form on a call that may
take it, each page of a wizard), and for a record dialog again after a refused save that
put a long message under every field and one above the buttons:

* its frame lies inside the screen's free area, with room for a title bar (offscreen
  windows have none);
* every button of its button box (a wizard's buttons) is shown whole, not scrolled away;
* Tab, from the first field, visits the fields in the order they are laid out (top to
  bottom; in a row left to right; a form's fields in their rows), reaches every field and
  then the buttons, and comes back round;
* no accelerator letter (&X, as the Chinese translation shows it) is given twice in what
  is shown at once (each page of a tab widget or wizard in turn).

The screen: Qt's offscreen platform has one 800×600 screen, which the rest of the suite
assumes, unless it is started with ``offscreen:configfile=`` a JSON list of screens — once
per process. So ``test_every_window_on_the_clerks_screen`` runs this module again in a
child pytest per screen, with ``CRM_TEST_SCREEN`` set and a screen as tall as the free
area on Windows (768 − 40 = 728; 720 − 40 = 680): Windows reports the screen less the
taskbar as ``availableGeometry()``, which is what the program fits itself into
(RecordDialog._keep_on_screen, MainWindow._restore_geometry), so the screen is the honest
stand-in. The child goes through tests/conftest.py like any run: its own home, settings
and data folders. Only there are the per-window tests collected; the Tab and accelerator
checks do not depend on the screen and run at 1366×768 only. The two children take about
20 s together.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from .dialog_catalogue import BASES, catalogue, dialog_classes

SCREEN_ENV = "CRM_TEST_SCREEN"
TASKBAR = 40
SCREENS = {"1366x768": (1366, 768), "1280x720": (1280, 720)}
ROOT = Path(__file__).resolve().parents[2]


def test_every_dialog_class_is_in_the_catalogue() -> None:
    listed = {f"{e.cls.__module__}.{e.cls.__qualname__}" for e in catalogue()}
    missing = dialog_classes() - listed - BASES
    assert not missing, f"open these in tests/views/dialog_catalogue.py too: {sorted(missing)}"
    assert len({e.name for e in catalogue()}) == len(catalogue())  # each way of opening once


def test_the_checks_see_a_clash_a_trap_and_a_field_out_of_order(app, qtbot) -> None:
    """The checks are not blind: two buttons on &S, a text box that keeps Tab, and a field
    the Tab chain takes before the one laid out above it."""
    from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLineEdit, QPlainTextEdit, QVBoxLayout

    from . import window_checks as checks

    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    first, second, text = QLineEdit(), QLineEdit(), QPlainTextEdit()
    for widget in (first, second, QCheckBox("&Stop"), text):
        layout.addWidget(widget)
    layout.addWidget(QDialogButtonBox(QDialogButtonBox.StandardButton.Save))
    dialog.findChild(QDialogButtonBox).buttons()[0].setText("&Save")
    QWidget.setTabOrder(second, first)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert checks.mnemonic("导出到 Excel(&X)…") == "X" and checks.mnemonic("A && B") is None
    assert any("&S" in clash for clash in checks.accelerator_clashes(dialog))
    problems = checks.tab_order_problems(dialog)
    assert any("caught in QPlainTextEdit" in p for p in problems), problems
    assert any("Tab never reaches QLineEdit" in p or "Tab visits" in p for p in problems), problems
    text.setTabChangesFocus(True)
    problems = checks.tab_order_problems(dialog)  # the chain goes second → first → …: out of order
    assert any("Tab visits" in p for p in problems), problems


@pytest.mark.slow
@pytest.mark.skipif(bool(os.environ.get(SCREEN_ENV)), reason="the child run itself")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_window_on_the_clerks_screen(screen: str, tmp_path: Path) -> None:
    width, height = SCREENS[screen]
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({
        "synchronousWindowSystemEvents": False,
        "windowFrameMargins": True,
        "screens": [{"name": screen, "x": 0, "y": 0, "width": width, "height": height - TASKBAR,
                     "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}],
    }))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", SCREEN_ENV: screen}
    child = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--basetemp", str(tmp_path / "child"), str(Path(__file__).relative_to(ROOT)),
         # the counter's paid repair by keys, on the clerk's screen too
         *([str(Path(__file__).with_name("test_counter_by_keys.py").relative_to(ROOT))] if screen == "1366x768" else [])],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=280,
    )
    assert child.returncode == 0, child.stdout[-20000:] + child.stderr[-4000:]


if os.environ.get(SCREEN_ENV):
    from datetime import datetime

    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication, QWidget, QWizard

    from crm_desktop.errors import UserError, ValidationError
    from crm_desktop.i18n import QT_TRANSLATE_NOOP
    from crm_desktop.views.dialogs.form import RecordDialog

    from . import window_checks as checks
    from .dialog_catalogue import DEMO, Scene

    LONG = QT_TRANSLATE_NOOP("Test", "This value is refused for a reason that takes a long sentence to explain to the clerk.")
    WIDTH, HEIGHT = SCREENS[os.environ[SCREEN_ENV]]
    KEYS = os.environ[SCREEN_ENV] == "1366x768"  # Tab and accelerators: once

    @pytest.fixture(scope="module")
    def scene(database_files, tmp_path_factory) -> Scene:
        from crm_desktop import config as config_mod

        folder = tmp_path_factory.mktemp("every-dialog")
        config = config_mod.Config(data_dir=folder, database_url=config_mod.sqlite_url(folder / config_mod.DATABASE_FILENAME))
        database = database_files.open_copy(config, **DEMO)
        yield Scene(database, folder)
        database.dispose()

    def free_area() -> QRect:
        area = QApplication.primaryScreen().availableGeometry()
        assert area == QRect(0, 0, WIDTH, HEIGHT - TASKBAR), area  # the screen the parent configured
        return area

    def refuse_everything(dialog: RecordDialog) -> None:
        """A save refused with a long message under every field and one above the buttons, shown
        as RecordDialog.accept shows a refusal (a save that passes would close the dialog)."""
        dialog.clear_errors()
        dialog.show_user_error(ValidationError([UserError(LONG, name) for name in dialog.fields] + [UserError(LONG)]))
        assert dialog.isVisible() and not dialog.general_message.isHidden()

    def check(window: QWidget, stage: str, problems: list[str], keys: bool = True) -> None:
        QApplication.processEvents()
        found = checks.frame_problems(window, free_area()) + checks.button_problems(window)
        if keys and KEYS:
            found += checks.tab_order_problems(window) + checks.accelerator_clashes(window)
        problems += [f"{stage}: {p}" for p in found]
        shots = os.environ.get("CRM_TEST_SCREENSHOTS")
        if shots:
            window.grab().save(str(Path(shots) / f"{type(window).__name__}-{os.environ[SCREEN_ENV]}-{stage}.png"))

    @pytest.mark.parametrize("entry", catalogue(), ids=lambda e: e.name)
    def test_the_window_fits_and_takes_the_keys(entry, app, scene, qtbot, fixed_clock) -> None:
        assert fixed_clock == datetime(2026, 12, 7, 10, 30)
        window = entry.open(scene)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        problems: list[str] = []
        check(window, "opened", problems)
        for number, move in enumerate(entry.pages, start=2):
            move(window, scene)
            assert isinstance(window, QWizard)
            check(window, f"page {number}", problems)
        if entry.record:
            refuse_everything(window)
            check(window, "refused", problems, keys=False)
        assert not problems, "\n".join(problems)
