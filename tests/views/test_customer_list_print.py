"""Print → Customer list… (客户一览表, I2): the customer register as it is filtered and
searched on screen goes to the print preview, permission-checked and audited."""

from __future__ import annotations

import json

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from crm_desktop.errors import UserError
from crm_desktop.models import AuditEntry, Customer
from crm_desktop.views.print_preview import PrintPreviewDialog

from ..printing.test_customer_list import MADE, make_customers

pytestmark = pytest.mark.demo_data(calls=60, seed=5)


@pytest.fixture
def demo_database(database):
    make_customers(database)
    return database


def _text(dialog: PrintPreviewDialog) -> str:
    document = pdfium.PdfDocument(dialog._pdf)
    return "".join("".join(page.get_textpage().get_text_range().split()) for page in document)


def _print_menu(window):
    return next(a.menu() for a in window.menuBar().actions() if a.menu() is not None and window.act_print in a.menu().actions())


def _last_audit(database) -> AuditEntry:
    with database.read_session() as s:
        return s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()


def test_the_print_menu_prints_the_customer_register_as_filtered_and_searched(window, demo_database, qtbot, monkeypatch):
    """I2: category, district and search set on screen are what the printed list shows; the
    print is in the audit log with them."""
    errors = []
    monkeypatch.setattr("crm_desktop.views.main_window.show_error", lambda _parent, exc: errors.append(exc))
    view = window.open_register("customer")
    bar = view.filters_bar
    bar.boxes["category"].setCurrentIndex(bar.boxes["category"].findData("end_user"))
    bar.boxes["district"].setCurrentIndex(bar.boxes["district"].findData("suburban"))
    view.search.setText("口腔")  # printed at once, before the search box's timer fires
    action = window.act_print_customers
    assert action in _print_menu(window).actions()
    action.trigger()
    assert errors == []
    previews = window.findChildren(PrintPreviewDialog)
    assert len(previews) == 1
    preview = previews[0]
    qtbot.waitExposed(preview)
    text = _text(preview)
    with demo_database.read_session() as s:
        everyone = s.execute(select(Customer.name, Customer.category, Customer.district, Customer.code, Customer.phone,
                                    Customer.address, Customer.contact_person)).all()
    expected = {
        c.name for c in everyone
        if c.category == "end_user" and c.district == "suburban"
        and any("口腔" in (v or "") for v in (c.code, c.name, c.phone, c.address, c.contact_person))
    }
    assert "鼓楼口腔诊所" in expected
    assert all(name in text for name in expected)
    assert not any(m.name in text for m in MADE if m.name not in expected)
    assert f"共{len(expected)}户" in text and "最终用户" in text and "郊区" in text and "客户一览表" in text
    entry = _last_audit(demo_database)
    assert (entry.action, entry.target_type) == ("print", "customer_list")
    assert json.loads(entry.detail) == {"category": "end_user", "district": "suburban", "search": "口腔"}
    preview.close()


def test_the_responsible_staff_filter_prints_only_that_persons_customers(window, demo_database, qtbot, monkeypatch):
    """I2, I10: the list of a member of staff's customers, for handing over or visiting."""
    monkeypatch.setattr("crm_desktop.views.main_window.show_error", lambda _parent, exc: pytest.fail(str(exc)))
    view = window.open_register("customer")
    staff_box = view.filters_bar.boxes["staff_id"]
    staff_box.setCurrentIndex(staff_box.findText("张三"))
    window.act_print_customers.trigger()
    preview = window.findChildren(PrintPreviewDialog)[-1]
    text = _text(preview)
    for m in MADE:
        assert (m.name in text) == ("张三" in m.staff), m.name
    assert "张三" in text
    preview.close()


def test_nobody_logged_in_is_refused_and_the_refusal_audited(app, demo_database, qtbot):
    """I2 printing needs a login like every print (I7): refused, recorded, nothing shown."""
    from crm_desktop.views.main_window import MainWindow

    window = MainWindow(demo_database, current_user_id=None)
    qtbot.addWidget(window)
    with pytest.raises(UserError):
        window.print_customer_list()
    assert window.findChildren(PrintPreviewDialog) == []
    entry = _last_audit(demo_database)
    assert (entry.action, entry.target_type) == ("denied", "customer_list")
