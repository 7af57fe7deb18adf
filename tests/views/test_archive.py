"""The customer archive window (I2–I5, I9, I10) and the customer list's filters."""

from __future__ import annotations

from crm_desktop import clock
from crm_desktop.models import Staff
from crm_desktop.services import archive, auth, customers


def _customer(database, tmp_path):
    with database.Session.begin() as s:
        s.add_all([Staff(name="王业务", role="clerk"), Staff(name="李业务", role="clerk")])
        manager = Staff(name="周经理", role="manager")
        s.add(manager)
        s.flush()
        keeper = auth.user_of(s, manager.id)
        c = customers.create_customer(s, name="鼓楼医院", importance="important", phone="025-83304616")
        customers.update_customer(s, c.id, {"address": "南京市中山路321号"})
        letter = tmp_path / "函.pdf"
        letter.write_bytes(b"%PDF letter")
        archive.log_correspondence(s, keeper, c.id, happened_at="2026-11-20 10:00", kind="letter",
                                   direction="incoming", summary="来函询问保养合同", attachments=[letter],
                                   data_dir=database.config.data_dir)
        archive.log_correspondence(s, keeper, c.id, happened_at="2026-11-21 10:00", kind="visit",
                                   direction="outgoing", summary="保密拜访", confidential=True)
        return c.id


def test_the_archive_window_shows_every_tab_and_adds_through_the_services(app, qtbot, database, tmp_path):
    from crm_desktop.views.archive import CustomerArchiveWindow

    customer_id = _customer(database, tmp_path)
    from crm_desktop.models import Staff
    from crm_desktop.services.auth import LoggedIn

    with database.Session.begin() as s:
        clerk = Staff(name="林信息", role="information")  # may open archives, not read confidential letters
        s.add(clerk)
        s.flush()
        clerk_id = clerk.id
    window = CustomerArchiveWindow(database, customer_id, user=LoggedIn(clerk_id, "林信息", "information", "lin", False))
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert len(titles) == 9
    assert window.archive_values["code"].text() == "YH00001"
    assert window.history.rowCount() == 1
    assert window.correspondence.rowCount() == 1  # the confidential visit is not shown
    assert window.staffing.text() and not window.staffing.isHidden()
    window.correspondence.selectRow(0)
    assert window.attachment_path().read_bytes() == b"%PDF letter"
    dialog = window.contact_dialog()
    qtbot.addWidget(dialog)
    dialog.fields["name"].setText("张科长")
    dialog.fields["phone"].setText("13912345678")
    dialog.accept()
    window.reload()
    assert window.contacts.rowCount() == 1 and window.contacts.item(0, 0).text() == "张科长"
    for index in range(2):
        window.staff_choice.setCurrentIndex(index)
        window._assign_staff()
    assert window.staff_table.rowCount() == 2 and window.staffing.isHidden()
    window.event_text.setText("迁址至江北新区")
    window.event_kind.setCurrentIndex(window.event_kind.findData("relocation"))
    window._add_event()
    assert window.events.rowCount() == 1
    window.event_text.setText("")
    window._add_event()
    assert window.message.text() == "请填写变更内容。" and window.events.rowCount() == 1
    window.staff_table.setCurrentCell(-1, -1)
    window._end_staff()
    assert window.message.text() and window.staff_table.rowCount() == 2  # nothing chosen, nothing ended
    window.staff_table.selectRow(0)
    window._end_staff()
    assert window.staff_table.item(0, 2).text() == clock.today().isoformat()  # responsible to the end of today
    with database.Session() as s:
        assert [e.recorded_by_id for e in archive.events(s, customer_id)] == [clerk_id]


def test_the_customer_list_filters_narrow_the_register(app, qtbot, database, tmp_path):
    from crm_desktop.services.registers import REGISTERS
    from crm_desktop.views.archive import CustomerListFilters
    from crm_desktop.views.register_view import RegisterView

    _customer(database, tmp_path)
    with database.Session.begin() as s:
        customers.create_customer(s, name="明达贸易", category="distributor", vip_level=3)
    view = RegisterView(database, REGISTERS["customer"])
    qtbot.addWidget(view)
    bar = CustomerListFilters(view)
    qtbot.addWidget(bar)
    assert view.model.rowCount() == 2
    bar.boxes["vip_level"].setCurrentIndex(bar.boxes["vip_level"].findData("3"))
    assert view.model.rowCount() == 1
    bar.boxes["vip_level"].setCurrentIndex(0)
    bar.boxes["category"].setCurrentIndex(bar.boxes["category"].findData("end_user"))
    assert view.model.rowCount() == 1


def test_i10_the_list_of_customers_short_of_staff(qtbot, database):
    """Important or promising customers with fewer than two responsible staff, the fewest
    first; the model passes Qt's tester."""
    from datetime import date

    from PySide6.QtTest import QAbstractItemModelTester

    from crm_desktop.models import Customer, CustomerStaff, Staff
    from crm_desktop.views.archive.understaffed_dialog import CUSTOMER_ID_ROLE, UnderstaffedDialog

    with database.Session.begin() as s:
        a, b = Staff(name="吴业务", role="marketing"), Staff(name="郑业务", role="marketing")
        one = Customer(name="一人负责", code="FX00001", district="urban", importance="important")
        none = Customer(name="无人负责", code="FX00002", district="urban", importance="promising")
        two = Customer(name="两人负责", code="FX00003", district="urban", importance="important")
        normal = Customer(name="普通客户", code="YH00001", district="urban")
        s.add_all([a, b, one, none, two, normal])
        s.flush()
        s.add_all([CustomerStaff(customer_id=one.id, staff_id=a.id, since=date(2026, 1, 1)),
                   CustomerStaff(customer_id=two.id, staff_id=a.id, since=date(2026, 1, 1)),
                   CustomerStaff(customer_id=two.id, staff_id=b.id, since=date(2026, 1, 1)),
                   CustomerStaff(customer_id=one.id, staff_id=b.id, since=date(2026, 1, 1), until=date(2026, 6, 30))])
        ids = (none.id, one.id)
    dialog = UnderstaffedDialog(database)
    qtbot.addWidget(dialog)
    QAbstractItemModelTester(dialog.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model = dialog.model
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == ["无人负责", "一人负责"]
    assert [model.index(r, 3).data() for r in range(2)] == ["0", "1"]
    assert model.index(1, 4).data() == "吴业务"  # 郑业务's responsibility ended
    assert tuple(model.index(r, 0).data(CUSTOMER_ID_ROLE) for r in range(2)) == ids


def test_windows_shown_and_forgotten_delete_themselves_when_closed(app, qtbot, database, tmp_path):
    """The archive window and the I10 list are opened without anyone keeping them: closed, they
    are gone, not hidden (a clerk opening archives all day would pile up windows)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication, QWidget

    from crm_desktop.views.archive import CustomerArchiveWindow, open_archive_window
    from crm_desktop.views.archive.understaffed_dialog import UnderstaffedDialog
    from crm_desktop.views.main_window import MainWindow

    customer_id = _customer(database, tmp_path)
    with database.Session.begin() as s:
        manager_id = s.query(Staff.id).filter(Staff.role == "manager").scalar()
    main = MainWindow(database, current_user_id=manager_id)
    qtbot.addWidget(main)

    def alive(kind: type[QWidget]) -> int:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return sum(isinstance(w, kind) for w in QApplication.allWidgets())

    for _ in range(3):
        window = open_archive_window(main, database, customer_id, user=main.logged_in())
        assert window is not None and window.isVisible()
        window.close()
        dialog = main.open_understaffed()
        dialog.close()
    assert alive(CustomerArchiveWindow) == 0
    assert alive(UnderstaffedDialog) == 0
