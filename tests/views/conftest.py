"""The main window over a module's ``demo_database`` (each module fills its own), used by the
demo's administrator (admin / admin123): printing, exports and imports need a login (I7)."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(app, demo_database, qtbot):
    from sqlalchemy import select

    from crm_desktop.models import Staff
    from crm_desktop.views.main_window import MainWindow

    with demo_database.read_session() as s:
        admin = s.scalar(select(Staff.id).where(Staff.role == "admin"))
    w = MainWindow(demo_database, current_user_id=admin)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture(autouse=True)
def _no_background_work_left():
    """A test that stopped while work ran in the background (a failure) leaves no worker
    behind for the next one."""
    yield
    from crm_desktop.views import background

    if background.running():
        background.shut_down()
