"""收费标准 (S5, S8): labour rates from a date on and the parts price list, entered in one
dialog and saved in one transaction; a bad cell is marked with the service's message and
nothing is saved (X2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from crm_desktop.models import LabourRate, PartPrice
from crm_desktop.services import pricing
from crm_desktop.views.dialogs.pricing_dialog import (
    PART_ACTIVE,
    PART_NAME,
    PART_NO,
    PART_PRICE,
    RATE_HOURLY,
    RATE_STATE,
    PricingDialog,
)

from ..factories import count

TODAY = date(2026, 11, 20)


def _stored(database):
    with database.Session() as s:
        rates = [(r.mode, r.valid_from, r.hourly_rate, r.minimum_fee) for r in pricing.rates(s)]
        parts = [(p.part_no, p.name, p.unit_price, p.active) for p in pricing.price_list(s, include_inactive=True)]
    return rates, parts


def _dialog(database, qtbot) -> PricingDialog:
    dialog = PricingDialog(database, today=TODAY)
    qtbot.addWidget(dialog)
    return dialog


def test_rates_and_parts_entered_through_the_dialog_are_saved(app, database, qtbot):
    dialog = _dialog(database, qtbot)
    dialog.add_rate("on_site", date(2026, 1, 1), "80", "80")
    dialog.add_rate("repair", date(2026, 1, 1), "60.00", "50")
    dialog.add_part("dr-01", "感光鼓", "320")
    dialog.add_part("FB-02", "搓纸轮", "35.5")
    dialog.add_part("", "", "")  # a spare line left empty is skipped
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    rates, parts = _stored(database)
    assert rates == [
        ("on_site", date(2026, 1, 1), Decimal("80.00"), Decimal("80.00")),
        ("repair", date(2026, 1, 1), Decimal("60.00"), Decimal("50.00")),
    ]
    assert parts == [("DR-01", "感光鼓", Decimal("320.00"), True), ("FB-02", "搓纸轮", Decimal("35.50"), True)]


def test_a_new_rate_keeps_the_old_one_as_history(app, database, qtbot):
    with database.Session.begin() as s:
        pricing.set_rate(s, mode="on_site", valid_from="2026-01-01", hourly_rate="80", minimum_fee="80")
        pricing.save_part(s, part_no="DR-01", name="感光鼓", unit_price="320")
        pricing.save_part(s, part_no="TN-05", name="墨粉盒", unit_price="180")
    dialog = _dialog(database, qtbot)
    assert dialog.rates.rowCount() == 1
    assert not dialog.rates.item(0, RATE_HOURLY).flags() & Qt.ItemFlag.ItemIsEditable  # in force: history
    assert dialog.rates.item(0, RATE_STATE).text() == dialog.tr("In force")
    assert not dialog.parts.item(0, PART_NO).flags() & Qt.ItemFlag.ItemIsEditable  # the key of a stored part
    dialog.add_rate("on_site", date(2026, 12, 1), "90", "90")
    dialog.parts.item(0, PART_PRICE).setText("330")  # a new price
    dialog.parts.item(1, PART_ACTIVE).setCheckState(Qt.CheckState.Unchecked)  # no longer offered
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.saved_id == 3
    rates, parts = _stored(database)
    assert [(r[1], r[2]) for r in rates] == [(date(2026, 1, 1), Decimal("80.00")), (date(2026, 12, 1), Decimal("90.00"))]
    assert parts == [("DR-01", "感光鼓", Decimal("330.00"), True), ("TN-05", "墨粉盒", Decimal("180.00"), False)]
    with database.Session() as s:
        assert pricing.labour_fee(s, "on_site", date(2026, 11, 30), Decimal(1)) == Decimal("80.00")
        assert pricing.labour_fee(s, "on_site", date(2026, 12, 1), Decimal(1)) == Decimal("90.00")
        assert [p.part_no for p in pricing.price_list(s)] == ["DR-01"]


def test_x2_a_negative_price_is_refused_at_the_cell_and_nothing_is_saved(app, database, qtbot):
    dialog = _dialog(database, qtbot)
    dialog.add_rate("on_site", date(2026, 1, 1), "80", "80")
    dialog.add_part("DR-01", "感光鼓", "320")
    dialog.add_part("FB-02", "搓纸轮", "-35")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    cell = dialog.parts.item(1, PART_PRICE)
    assert cell.toolTip() == "数字不能为负数。"  # the service's message, in Chinese
    assert cell.background().color().name() == "#f8d0d0"
    assert not dialog.parts_message.isHidden() and "2" in dialog.parts_message.text()
    assert dialog.tabs.currentIndex() == 1 and dialog.parts.currentRow() == 1
    assert count(database, LabourRate) == 0 and count(database, PartPrice) == 0
    cell.setText("35")  # corrected: the mark goes, the save goes through
    assert not cell.toolTip()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert count(database, LabourRate) == 1 and count(database, PartPrice) == 2


def test_x2_bad_cells_each_get_their_message(app, database, qtbot):
    with database.Session.begin() as s:
        pricing.save_part(s, part_no="DR-01", name="感光鼓", unit_price="320")
    dialog = _dialog(database, qtbot)
    dialog.add_rate("repair", date(2026, 1, 1), "abc", "")
    dialog.add_rate("repair", date(2026, 1, 1), "60", "")  # the same kind from the same day
    dialog.add_part("", "分页器", "12")  # no part number
    dialog.add_part("dr-01", "感光鼓（新）", "300")  # already on line 1
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "abc" in dialog.rates.item(0, RATE_HOURLY).toolTip()
    assert dialog.rates.cellWidget(1, 1).toolTip()  # the date of the duplicate rate
    assert dialog.parts.item(1, PART_NO).toolTip() and dialog.parts.item(2, PART_NO).toolTip()
    assert "DR-01" in dialog.parts.item(2, PART_NO).toolTip()
    assert dialog.tabs.currentIndex() == 0  # the first problem's tab
    assert count(database, LabourRate) == 0 and _stored(database)[1] == [("DR-01", "感光鼓", Decimal("320.00"), True)]


def test_the_quote_margin_is_edited_with_the_rates_and_refused_out_of_0_to_100(app, database, qtbot):
    dialog = _dialog(database, qtbot)
    margin = dialog.fields["quote_margin"]
    assert margin.text() == "20"  # the default
    dialog.tabs.setCurrentIndex(1)
    margin.setText("120")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    label = dialog._messages["quote_margin"]
    assert not label.isHidden() and "100" in label.text() and dialog.tabs.currentIndex() == 0
    with database.Session() as s:
        assert pricing.quote_margin(s) == Decimal("20")
    margin.setText("35")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with database.Session() as s:
        assert pricing.quote_margin(s) == Decimal("35")
    assert _dialog(database, qtbot).fields["quote_margin"].text() == "35"


def test_the_filter_shows_matching_parts_and_new_lines(app, database, qtbot):
    with database.Session.begin() as s:
        for number, name in (("DR-01", "感光鼓"), ("FB-02", "搓纸轮"), ("TN-05", "墨粉盒"), ("FU-01", "定影组件")):
            pricing.save_part(s, part_no=number, name=name, unit_price="10")
    dialog = _dialog(database, qtbot)
    dialog.filter.setText("纸")
    assert [r for r in range(dialog.parts.rowCount()) if not dialog.parts.isRowHidden(r)] == [1]
    dialog.filter.setText("fu")
    assert [dialog.parts.item(r, PART_NAME).text() for r in range(4) if not dialog.parts.isRowHidden(r)] == ["定影组件"]
    row = dialog.add_part(edit=True)
    assert not dialog.parts.isRowHidden(row)
    dialog.filter.clear()
    dialog.parts.selectRow(0)
    dialog.deactivate_selected()
    assert dialog.parts.item(0, PART_ACTIVE).checkState() == Qt.CheckState.Unchecked


def test_service_save_charges_names_the_line_and_field(session):
    from crm_desktop.errors import UserError

    try:
        pricing.save_charges(
            session,
            rates=[{"mode": "on_site", "valid_from": "2026-01-01", "hourly_rate": "-1"}],
            parts=[{"part_no": "A", "name": "x", "unit_price": "1"}, {"part_no": " a ", "name": "y", "unit_price": "2"}],
        )
    except UserError as error:
        fields = sorted(p.field for p in getattr(error, "problems", [error]))
    assert fields == ["parts[2].part_no", "rates[1].hourly_rate"]


# --------------------------------------------------------------------------- the repair card priced from the list


def test_a_known_part_number_fills_name_and_price_on_the_repair_card(app, database, qtbot):
    from PySide6.QtWidgets import QStyleOptionViewItem

    from crm_desktop.models import RepairCard
    from crm_desktop.views.dialogs.repair_dialog import RepairCardDialog

    with database.Session.begin() as s:
        pricing.set_rate(s, mode="repair", valid_from="2026-01-01", hourly_rate="60", minimum_fee="50")
        pricing.save_part(s, part_no="DR-01", name="感光鼓", unit_price="320")
        pricing.save_part(s, part_no="FB-02", name="搓纸轮", unit_price="35.50")
        pricing.save_part(s, part_no="OLD-9", name="旧款定影组件", unit_price="100", active=False)
    dialog = RepairCardDialog(database)
    qtbot.addWidget(dialog)
    dialog.fields["customer_name"].setText("王芳")
    dialog.add_part_line()
    parts = dialog.parts
    parts.item(0, 0).setText("dr-01")  # typed: the list's number, name and price
    assert [parts.item(0, c).text() for c in range(5)] == ["DR-01", "感光鼓", "1", "320.00", "320.00"]
    parts.item(0, 0).setText("FB-02")  # another part: what the list filled follows
    assert (parts.item(0, 1).text(), parts.item(0, 3).text()) == ("搓纸轮", "35.50")
    parts.item(0, 3).setText("30")  # the clerk's price stays when the number changes again
    parts.item(0, 0).setText("DR-01")
    assert (parts.item(0, 1).text(), parts.item(0, 3).text()) == ("感光鼓", "30")
    dialog.add_part_line("OLD-9")  # no longer offered: the name only
    assert (parts.item(1, 1).text(), parts.item(1, 3).text()) == ("旧款定影组件", "")
    assert parts.item(1, 0).toolTip()
    parts.item(1, 3).setText("90")
    dialog.add_part_line("ZZ-404", "", "1", "")  # unknown: left to the clerk
    assert parts.item(2, 1).text() == ""
    parts.removeRow(2)

    # the completer offers parts by number or name and inserts the number
    editor = parts.itemDelegateForColumn(0).createEditor(parts.viewport(), QStyleOptionViewItem(), parts.model().index(0, 0))
    completer = editor.completer()
    completer.setCompletionPrefix("纸轮")
    assert completer.completionCount() == 1 and completer.currentCompletion() == "FB-02"
    completer.setCompletionPrefix("old")
    assert completer.completionCount() == 0  # inactive parts are not offered

    # the total: parts plus labour, from the repair rate while no labour fee is entered
    dialog.fields["repair_hours"].setText("2")
    assert "120.00" in dialog.fields["labour_fee"].placeholderText()
    assert "240.00" in dialog.total_label.text()  # 30 + 90 + 2 h × 60
    dialog.fields["labour_fee"].setText("100")
    assert "220.00" in dialog.total_label.text()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with database.Session() as s:
        card = s.get(RepairCard, dialog.saved_id)
        assert [(p.part_no, p.name, p.unit_price) for p in card.parts] == [
            ("DR-01", "感光鼓", Decimal("30.00")), ("OLD-9", "旧款定影组件", Decimal("90.00"))]


# --------------------------------------------------------------------------- screenshots


def test_the_charges_and_a_priced_repair_card_are_grabbed(app, database, qtbot):
    from pathlib import Path

    from crm_desktop.views.dialogs.repair_dialog import RepairCardDialog

    from .branch_data import TODAY, build

    shots = Path(__file__).resolve().parents[2] / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    b = build(database)
    dialog = PricingDialog(database, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.add_rate("repair", date(2027, 1, 1), "65", "55")
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)  # let the layout settle before grabbing
    assert dialog.grab().save(str(shots / "pricing_rates.png"))
    dialog.tabs.setCurrentIndex(1)
    dialog.add_part("FU-13", "定影组件（整套）", "-560")
    dialog.accept()  # refused at the cell
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.grab().save(str(shots / "pricing_parts_refused.png"))
    dialog.filter.setText("定影")
    assert dialog.grab().save(str(shots / "pricing_parts_filtered.png"))

    card = RepairCardDialog(database, card_id=b.repair_card)
    qtbot.addWidget(card)
    card.show()
    qtbot.waitExposed(card)
    qtbot.wait(50)  # let the layout settle before grabbing
    assert "534.00" in card.total_label.text()  # parts 420 + 2 × 12, labour 1.5 h × 60
    assert card.grab().save(str(shots / "repair_card_priced.png"))

    # a new card: part numbers typed, the labour from the repair rate, the completer open
    fresh = RepairCardDialog(database)
    qtbot.addWidget(fresh)
    fresh.fields["customer_name"].setText("陈堃")
    fresh.fields["product_model"].setText("爱普生 EB-X05")
    fresh.fields["fault"].setPlainText("投影画面偏色")
    fresh.add_part_line("LS-40")
    fresh.add_part_line("cb-07", quantity="2")
    fresh.fields["repair_hours"].setText("2.5")
    fresh.add_part_line()
    fresh.show()
    qtbot.waitExposed(fresh)
    fresh.parts.setCurrentCell(2, 0)
    fresh.parts.editItem(fresh.parts.item(2, 0))
    editor = fresh.parts.findChild(QLineEdit)
    editor.setText("定影")
    editor.completer().setCompletionPrefix("定影")
    editor.completer().complete()
    qtbot.wait(50)
    assert editor.completer().completionCount() == 2
    assert "1,126.00" in fresh.total_label.text()  # 880 + 2 × 48 + 2.5 h × 60 by the repair rate
    assert fresh.grab().save(str(shots / "repair_card_new_priced.png"))
    assert editor.completer().popup().grab().save(str(shots / "repair_card_completer.png"))
