"""Typing initials in the customer register (issue 17, item 2): zw brings 张伟 first; one
letter is too broad for pinyin and the register says so in Chinese."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from crm_desktop.services import customers
from crm_desktop.services.registers import REGISTERS
from crm_desktop.views.register_view import RegisterView


def test_i2_typing_zw_in_the_customer_register_brings_zhang_wei_first(app, qtbot, database):
    with database.Session.begin() as s:
        for name in ("王芳", "张伟明", "赵文", "李娜", "张伟", "南京宏达科技有限公司"):
            customers.create_customer(s, name=name)
    view = RegisterView(database, REGISTERS["customer"])
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    name_column = REGISTERS["customer"].index_of("name")
    assert view.model.index(0, name_column).data() == "李娜"  # pinyin order: li, nan, wang, zhang, zhao

    QTest.keyClicks(view.search, "zw")
    qtbot.waitUntil(lambda: view.model.query.search == "zw", timeout=3000)
    shown = [view.model.index(r, name_column).data() for r in range(view.model.rowCount())]
    assert shown == ["张伟", "张伟明", "赵文"]
    assert view.search_notice.isHidden()

    view.search.clear()
    QTest.keyClicks(view.search, "z")
    qtbot.waitUntil(lambda: view.model.query.search == "z", timeout=3000)
    assert view.model.rowCount() == 0  # not every name beginning with z
    assert not view.search_notice.isHidden()
    assert "一个字母范围太大" in view.search_notice.text()  # in Chinese: one letter is too broad
    QTest.keyClick(view.search, Qt.Key.Key_W)
    qtbot.waitUntil(lambda: view.model.query.search == "zw", timeout=3000)
    assert view.search_notice.isHidden()
