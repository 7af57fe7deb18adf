"""The main window over a module's ``demo_database`` (each module fills its own)."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(app, demo_database, qtbot):
    from crm_desktop.views.main_window import MainWindow

    w = MainWindow(demo_database)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w
