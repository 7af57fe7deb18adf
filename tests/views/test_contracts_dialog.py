"""保养合同 (S1 kind B, S15): the list of contracts with its search and state, and the record
dialog that makes one; a call on a covered product is then proposed as kind B."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from crm_desktop.models import CustomerProduct, MaintenanceContract
from crm_desktop.services import calls, contracts, customers
from crm_desktop.services.contracts import ContractState
from crm_desktop.views.delegates import to_qdate
from crm_desktop.views.dialogs.contracts_dialog import ContractDialog, ContractsDialog

from ..factories import count

TODAY = date(2026, 11, 20)


@pytest.fixture
def shop(database):
    """A customer with two products out of warranty, and another customer."""
    with database.Session.begin() as s:
        zhang = customers.create_customer(s, name="南京喆达办公用品商行", phone="025-84561234", address="南京市秦淮区太平南路8号")
        copier = customers.add_product(s, zhang.id, model="理光 MP 2014", serial_no="RC-778899", warranty_end=date(2025, 6, 30))
        printer = customers.add_product(s, zhang.id, model="惠普 LaserJet 1020", serial_no="HP-1020-77", warranty_end=date(2024, 1, 31))
        other = customers.create_customer(s, name="王芳", phone="13912345678")
        customers.add_product(s, other.id, model="佳能 iR 2206", serial_no="CN-2206")
        ids = dict(customer=zhang.id, copier=copier.id, printer=printer.id, other=other.id)
    return ids


def _message(dialog, field: str) -> str:
    label = dialog._messages[field]
    return label.text() if not label.isHidden() else ""


def test_s1_a_contract_made_in_the_dialog_makes_the_proposal_b(app, database, shop, qtbot):
    dialog = ContractDialog(database, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.end.date() == to_qdate(date(2027, 11, 19))  # a year by default
    dialog.finder.line.setText("喆达")
    dialog.finder.find()
    dialog.finder._pick(dialog.finder.results.item(0))
    assert dialog.customer_id == shop["customer"] and "喆达" in dialog.customer_label.text()
    assert len(dialog.product_items()) == 2 and dialog.checked_products() == []
    dialog.check_product(shop["copier"])
    dialog.start.setDate(to_qdate(date(2026, 11, 1)))
    assert dialog.end.date() == to_qdate(date(2027, 10, 31))  # the end follows the start
    dialog.fields["fee"].setText("1,200")
    dialog.fields["remarks"].setPlainText("每季度上门保养一次")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with database.Session() as s:
        contract = s.get(MaintenanceContract, dialog.saved_id)
        assert contract.contract_no.startswith("BY2026-")
        assert [p.id for p in contract.products] == [shop["copier"]]
        assert (contract.start_date, contract.end_date, contract.fee) == (date(2026, 11, 1), date(2027, 10, 31), Decimal("1200.00"))
        copier, printer = s.get(CustomerProduct, shop["copier"]), s.get(CustomerProduct, shop["printer"])
        proposal = calls.kind_proposal(s, copier, datetime(2026, 11, 20, 9, 0))
        assert proposal.kind == "B" and contract.contract_no in proposal.explain()
        assert calls.kind_proposal(s, printer, datetime(2026, 11, 20, 9, 0)).kind == "A"  # not covered


def test_x2_errors_are_shown_at_their_fields_and_nothing_saved(app, database, shop, qtbot):
    dialog = ContractDialog(database, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.fields["fee"].setText("-5")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert _message(dialog, "customer_id") and _message(dialog, "products") and _message(dialog, "fee")
    dialog.set_customer(shop["customer"])
    dialog.check_product(shop["printer"])
    dialog.end.setDate(to_qdate(date(2026, 1, 1)))  # before the start
    dialog.fields["fee"].setText("800")
    dialog.accept()
    assert _message(dialog, "end_date") and not _message(dialog, "fee") and not _message(dialog, "customer_id")
    assert count(database, MaintenanceContract) == 0


def test_the_list_shows_state_searches_and_edits(app, database, shop, qtbot):
    with database.Session.begin() as s:
        contracts.create_contract(s, customer_id=shop["customer"], product_ids=[shop["copier"], shop["printer"]],
                                  start_date="2025-12-10", end_date="2026-12-09", fee="1500")
        contracts.create_contract(s, customer_id=shop["customer"], product_ids=[shop["copier"]],
                                  start_date="2024-01-01", end_date="2024-12-31", fee="1000")
        other_product = s.query(CustomerProduct).filter_by(customer_id=shop["other"]).one().id
        contracts.create_contract(s, customer_id=shop["other"], product_ids=[other_product],
                                  start_date="2026-06-01", end_date="2027-05-31", fee="600")
    dialog = ContractsDialog(database, today=TODAY)
    qtbot.addWidget(dialog)
    QAbstractItemModelTester(dialog.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert dialog.model.rowCount() == 3
    states = {r.end_date: r.state for r in dialog.model.rows}
    assert states == {date(2026, 12, 9): ContractState.ENDING, date(2024, 12, 31): ContractState.EXPIRED,
                      date(2027, 5, 31): ContractState.ACTIVE}
    ending = next(i for i, r in enumerate(dialog.model.rows) if r.state == ContractState.ENDING)
    assert dialog.model.index(ending, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "理光 MP 2014" in dialog.model.index(ending, 2).data() and "惠普" in dialog.model.index(ending, 2).data()
    dialog.search.setText("王芳")
    assert dialog.proxy.rowCount() == 1
    dialog.search.setText("rc-7788")  # a serial number, any case
    assert dialog.proxy.rowCount() == 2
    dialog.search.clear()
    dialog.view.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # by fee, as numbers
    assert [dialog.proxy.index(r, 5).data() for r in range(3)] == ["600.00", "1,000.00", "1,500.00"]
    # editing: the contract's products come checked, a change is saved
    contract_id = next(r.id for r in dialog.model.rows if r.end_date == date(2026, 12, 9))
    edit = ContractDialog(database, contract_id, today=TODAY)
    qtbot.addWidget(edit)
    assert edit.finder is None and sorted(edit.checked_products()) == sorted([shop["copier"], shop["printer"]])
    assert edit.fields["fee"].text() == "1500.00"
    for item in edit.product_items():
        if item.data(Qt.ItemDataRole.UserRole + 3) == shop["printer"]:
            item.setCheckState(Qt.CheckState.Unchecked)
    edit.accept()
    assert edit.result() == edit.DialogCode.Accepted
    with database.Session() as s:
        assert [p.id for p in s.get(MaintenanceContract, contract_id).products] == [shop["copier"]]


def test_contract_state_and_the_month_before_the_end():
    contract = MaintenanceContract(start_date=date(2026, 1, 1), end_date=date(2026, 3, 31))
    assert contracts.months_before(date(2026, 3, 31)) == date(2026, 2, 28)
    assert contracts.contract_state(contract, date(2025, 12, 31)) == ContractState.NOT_STARTED
    assert contracts.contract_state(contract, date(2026, 2, 27)) == ContractState.ACTIVE
    assert contracts.contract_state(contract, date(2026, 2, 28)) == ContractState.ENDING
    assert contracts.contract_state(contract, date(2026, 3, 31)) == ContractState.ENDING
    assert contracts.contract_state(contract, date(2026, 4, 1)) == ContractState.EXPIRED


# --------------------------------------------------------------------------- screenshots


def test_the_contracts_are_grabbed(app, database, qtbot):
    from pathlib import Path

    from .branch_data import TODAY, build

    shots = Path(__file__).resolve().parents[2] / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    b = build(database)
    dialog = ContractsDialog(database, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)  # let the layout settle before grabbing
    assert dialog.model.rowCount() == 6
    assert dialog.grab().save(str(shots / "contracts_list.png"))
    edit = ContractDialog(database, b.contracts[2], today=TODAY)
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    qtbot.wait(50)  # let the layout settle before grabbing
    assert edit.grab().save(str(shots / "contract_dialog.png"))
    new = ContractDialog(database, today=TODAY)
    qtbot.addWidget(new)
    new.show()
    qtbot.waitExposed(new)
    qtbot.wait(50)  # let the layout settle before grabbing
    new.finder.line.setText("精工")
    new.finder.find()
    new.finder._pick(new.finder.results.item(0))
    assert "BY2025-0001" in new.product_items()[0].text()  # already under contract: said so
    new.fields["fee"].setText("abc")
    new.accept()
    qtbot.wait(50)
    assert new.grab().save(str(shots / "contract_dialog_new_refused.png"))


def test_who_looks_after_a_contract_is_chosen_shown_and_kept_after_they_leave(app, database, shop, qtbot):
    """S15, I6: the keeper is chosen among active staff and listed; once they have left the
    contract still names them (until the hand-over moves it), but nobody new can pick them."""
    from crm_desktop.models import Staff

    with database.Session.begin() as s:
        wu, zheng = Staff(name="吴业务", role="marketing"), Staff(name="郑业务", role="marketing")
        s.add_all([wu, zheng])
        s.flush()
        wu_id, zheng_id = wu.id, zheng.id
        contract = contracts.create_contract(s, customer_id=shop["customer"], product_ids=[shop["copier"]],
                                             start_date="2026-01-01", end_date="2026-12-31", fee="900", staff_id=wu_id)
        contract_id = contract.id
    listing = ContractsDialog(database, today=TODAY)
    qtbot.addWidget(listing)
    keeper_column = listing.model.KEYS.index("keeper")
    assert listing.model.index(0, keeper_column).data() == "吴业务"
    with database.Session.begin() as s:
        s.get(Staff, wu_id).active = False
    edit = ContractDialog(database, contract_id, today=TODAY)
    qtbot.addWidget(edit)
    box = edit.fields["staff_id"]
    assert box.currentData() == wu_id and box.currentText() == "吴业务"  # still shown
    edit.accept()  # kept as it is
    assert edit.result() == edit.DialogCode.Accepted
    new = ContractDialog(database, today=TODAY)
    qtbot.addWidget(new)
    offered = {new.fields["staff_id"].itemData(i) for i in range(new.fields["staff_id"].count())}
    assert wu_id not in offered and zheng_id in offered
    with database.Session() as s:
        assert s.get(MaintenanceContract, contract_id).staff_id == wu_id


def test_the_ending_count_is_the_states_count(database, shop):
    """count_ending (by the database) counts what contract_state calls ending, on every day
    around month ends, leap February included."""
    from datetime import timedelta

    with database.Session.begin() as s:
        product = s.query(CustomerProduct).filter_by(customer_id=shop["other"]).one().id
        start = date(2023, 12, 25)
        for n in range(80):  # ends on consecutive days over the month ends of Feb and Mar 2024
            end = date(2024, 1, 25) + timedelta(days=n)
            contracts.create_contract(s, customer_id=shop["other"], product_ids=[product], start_date=start.isoformat(),
                                      end_date=end.isoformat(), fee="100")
    with database.read_session() as s:
        every = s.query(MaintenanceContract).all()
        day = date(2023, 12, 20)
        while day <= date(2024, 4, 20):
            expected = sum(1 for c in every if contracts.contract_state(c, day) == ContractState.ENDING)
            assert contracts.count_ending(s, day) == expected, day
            day += timedelta(days=1)


def test_the_list_sorts_and_searches_as_a_proxy_over_every_row(app, database, shop, qtbot):
    """The list reads its rows a window at a time; sorted by any column either way and
    searched, it shows what a QSortFilterProxyModel over every row showed."""
    from PySide6.QtCore import QSortFilterProxyModel

    from crm_desktop.views.dialogs.contracts_dialog import ROW_ID_ROLE, SORT_ROLE, ContractListModel

    with database.Session.begin() as s:
        product = s.query(CustomerProduct).filter_by(customer_id=shop["other"]).one().id
        for n in range(450):  # more than two windows; equal fees and dates, so ties keep the order
            contracts.create_contract(
                s, customer_id=shop["customer"] if n % 3 else shop["other"],
                product_ids=[shop["copier"], shop["printer"]] if n % 3 else [product],
                start_date=f"202{4 + n % 3}-0{1 + n % 9}-1{n % 10}", end_date=f"2027-0{1 + n % 7}-2{n % 8}",
                fee=str(100 * (n % 11)), remarks="备注" if n % 5 == 0 else None,
            )
    dialog = ContractsDialog(database, today=TODAY)
    qtbot.addWidget(dialog)
    whole = ContractListModel()
    whole.set_rows(dialog.model.rows)
    reference = QSortFilterProxyModel()
    reference.setSourceModel(whole)
    reference.setFilterKeyColumn(-1)
    reference.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    reference.setSortRole(SORT_ROLE)

    def shown(model) -> list[tuple]:
        return [tuple(model.index(r, c).data() for c in range(8)) + (model.index(r, 0).data(ROW_ID_ROLE),)
                for r in range(model.rowCount())]

    fresh = ContractsDialog(database, today=TODAY)  # its rows not read yet: the first window only
    qtbot.addWidget(fresh)
    assert fresh.model.rowCount() == 450 and len(fresh.model._loaded) == 0
    reference.sort(0, Qt.SortOrder.DescendingOrder)
    assert shown(fresh.proxy) == shown(reference)
    QAbstractItemModelTester(fresh.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    for column in (*range(8), 5, 1, 6):  # rows of equal value keep the order the last sort gave them
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            dialog.view.sortByColumn(column, order)
            reference.sort(column, order)
            assert shown(dialog.proxy) == shown(reference), (column, order)
    for column in range(8):  # searched: the same rows, in the same order of the sorted column
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            for text in ("", "rc-77", "王芳", "2027-03", "1,000", "已过期", "Expired", "备注"):
                dialog.search.setText(text)
                dialog.view.sortByColumn(column, order)
                reference.setFilterFixedString(text)
                reference.sort(column, order)
                ours, theirs = shown(dialog.proxy), shown(reference)
                assert sorted(ours) == sorted(theirs), (column, order, text)
                assert [r[column] for r in ours] == [r[column] for r in theirs], (column, order, text)
    dialog.search.setText("王芳")
    reference.setFilterFixedString("王芳")
    assert 0 < reference.rowCount() < 450
    assert re.findall(r"\d+", dialog.count_label.text())[:2] == [str(reference.rowCount()), "450"]


def test_the_list_keeps_the_selected_contract_when_sorted(app, database, shop, qtbot):
    with database.Session.begin() as s:
        for fee in ("300", "100", "200"):
            contracts.create_contract(s, customer_id=shop["customer"], product_ids=[shop["copier"]],
                                      start_date="2026-01-01", end_date="2026-12-31", fee=fee)
    dialog = ContractsDialog(database, today=TODAY)
    qtbot.addWidget(dialog)
    cheapest = next(r.id for r in dialog.model.rows if r.fee == Decimal("100"))
    dialog.select_contract(cheapest)
    assert dialog.selected_id() == cheapest
    dialog.view.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    assert dialog.selected_id() == cheapest and dialog.view.currentIndex().row() == 0
    dialog.search.setText("no such contract")
    assert dialog.proxy.rowCount() == 0 and dialog.selected_id() is None
