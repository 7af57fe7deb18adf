"""I4: the customer archive's 业务往来 tab lists every call, goods entry, repair card and
contract of the customer, newest first; Enter opens the record."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from crm_desktop.models import GoodsEntry
from crm_desktop.services.dealings import dealings

pytestmark = pytest.mark.demo_data(calls=60, seed=5)


def test_i4_the_archive_lists_the_dealings_and_enter_opens_one(window, demo_database, qtbot, monkeypatch):
    from crm_desktop.views import dialogs
    from crm_desktop.views.archive import CustomerArchiveWindow

    with demo_database.read_session() as s:
        customer = s.scalar(select(GoodsEntry.customer_id).group_by(GoodsEntry.customer_id)
                            .order_by(func.count().desc()).limit(1))
        expected = dealings(s, customer)
    from crm_desktop.models import Staff
    from crm_desktop.services import auth

    with demo_database.read_session() as s:
        manager = auth.user_of(s, s.scalar(select(Staff.id).where(Staff.role == "manager").limit(1)))
    archive = CustomerArchiveWindow(demo_database, customer, window, user=manager)
    qtbot.addWidget(archive)
    archive.show()
    tab = next(i for i in range(archive.tabs.count()) if archive.tabs.tabText(i) == "业务往来")
    archive.tabs.setCurrentIndex(tab)
    assert archive.dealings.rowCount() == len(expected) > 0
    assert [archive.dealings.item(r, 2).text() for r in range(len(expected))] == [d.number for d in expected]
    opened: list[tuple[str, int]] = []
    monkeypatch.setattr(dialogs, "open_record", lambda parent, database, name, row_id, *a, **k: opened.append((name, row_id)))
    row = next(r for r, d in enumerate(expected) if d.kind != "contract")
    archive.dealings.setFocus()
    archive.dealings.setCurrentCell(row, 0)
    qtbot.keyClick(archive.dealings, Qt.Key.Key_Return)
    assert opened == [(expected[row].kind, expected[row].record_id)]
