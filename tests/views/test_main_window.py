"""The main window over demo data: every register opens, searches and is grabbed to PNG at
1280×800 (build/screenshots/, to look at); geometry is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from crm_desktop.services.registers import REGISTERS
from crm_desktop.views.main_window import MainWindow

pytestmark = pytest.mark.demo_data(calls=150, seed=7)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"




def _has_cjk_pixels(image: QImage) -> bool:
    """The grab is not blank: it has dark text pixels on the light table."""
    dark = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            if QColor(image.pixel(x, y)).lightness() < 90:
                dark += 1
    return dark > 500


@pytest.mark.parametrize("name", list(REGISTERS))
def test_each_register_opens_and_is_grabbed(window, name):
    view = window.open_register(name)
    assert window.current_view() is view
    assert view.model.rowCount() > 0
    assert view.isVisible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pixmap = window.grab()
    assert (pixmap.width(), pixmap.height()) == (1280, 800)
    path = SCREENSHOTS / f"main_window_{name}.png"
    assert pixmap.save(str(path))
    assert _has_cjk_pixels(pixmap.toImage())


def test_window_is_chinese(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles and all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in titles)
    assert window.windowTitle().startswith("crm_desktop")
    assert "叫修登记簿" in window._nav.item(0).text()


def test_search_box_filters_the_register(window, qtbot):
    view = window.open_register("service_call")
    total = view.model.rowCount()
    name = view.model.data(view.model.index(0, view.spec.index_of("customer_name")))
    view.search.setText(name[:2])
    view.apply_search()
    assert 0 < view.model.rowCount() <= total
    for row in range(view.model.rowCount()):
        texts = [view.model.data(view.model.index(row, c)) or "" for c in range(view.model.columnCount())]
        assert any(name[:2] in t for t in texts), texts
    view.search.clear()
    view.apply_search()
    assert view.model.rowCount() == total


def test_geometry_is_remembered(app, demo_database, qtbot):
    first = MainWindow(demo_database)
    qtbot.addWidget(first)
    first.resize(640, 480)
    first.move(20, 10)
    first.show()
    first.close()
    assert QSettings().value("main_window/geometry") is not None
    second = MainWindow(demo_database)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (640, 480)


def test_s14_overdue_and_due_soon_calls_are_coloured_and_counted(app, database, qtbot):
    """Calls awaiting a technician show the working time left; overdue ones are red, those
    due within one working hour amber; the status bar counts them."""
    from datetime import datetime

    from PySide6.QtCore import Qt

    from crm_desktop.services import calls, customers

    now = datetime(2026, 11, 25, 10, 0)  # a Wednesday morning
    with database.Session.begin() as s:
        customer = customers.create_customer(s, name="张伟", phone="13812345678")
        ids = {
            "overdue": calls.register_call(s, customer_id=customer.id, received_at=datetime(2026, 11, 24, 9, 0), fault="甲").id,
            "soon": calls.register_call(s, customer_id=customer.id, received_at=datetime(2026, 11, 24, 13, 30), fault="乙").id,
            "running": calls.register_call(s, customer_id=customer.id, received_at=datetime(2026, 11, 25, 9, 0), fault="丙").id,
        }
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.update_deadlines(now)
    view = window.open_register("service_call")
    model = view.model
    model.clock = lambda: now
    column = view.spec.index_of("arrival_due_at")
    rows = {model.row_id(r): r for r in range(model.rowCount())}

    def shown(name):
        return model.data(model.index(rows[ids[name]], column))

    def colour(name):
        brush = model.data(model.index(rows[ids[name]], 0), Qt.ItemDataRole.BackgroundRole)
        return brush.color().name() if brush is not None else None

    assert shown("overdue") == "已超时 3.0 小时" and colour("overdue") == "#f8d0d0"  # due 11-24 16:00
    assert shown("soon") == "剩余 0.5 小时" and colour("soon") == "#fde9b8"
    assert shown("running") == "剩余 5.0 小时" and colour("running") is None
    assert window.deadline_label.text() == "已超时：1 件  1 小时内到期：1 件"


def test_the_accountants_and_supervisors_lists_and_the_settings_are_reachable(app, database, qtbot, monkeypatch):
    from crm_desktop.views import main_window as mw

    window = mw.MainWindow(database)
    qtbot.addWidget(window)
    window.act_invoices.trigger()
    assert window.current_name() == mw.INVOICES and window._stack.currentWidget() is window.invoices
    window.act_at_risk.trigger()
    assert window.current_name() == mw.AT_RISK and window._stack.currentWidget() is window.at_risk
    opened = []
    monkeypatch.setattr("crm_desktop.views.dialogs.pricing_dialog.edit_pricing", lambda *a: opened.append("pricing"))
    monkeypatch.setattr("crm_desktop.views.dialogs.contracts_dialog.manage_contracts", lambda *a: opened.append("contracts"))
    window.act_pricing.trigger()
    window.act_contracts.trigger()
    assert opened == ["pricing", "contracts"]


def test_the_database_place_is_shortened_in_the_status_bar_and_whole_in_its_tip(window):
    """At 1366 pixels a long data folder path pushed the user and the deadlines off the
    status bar: it is cut in the middle, the whole path in the tool tip."""
    label = window.findChild(QLabel, "database_label")
    path = str(window.database.config.sqlite_path)
    assert label.toolTip() == path
    assert label.fontMetrics().horizontalAdvance(label.text()) <= 270
    assert label.text().endswith("crm_desktop.sqlite3") or "…" in label.text()
