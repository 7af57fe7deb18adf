"""Printing from the window: Print… on each record, the Print menu's registers and daily
reports, many repair cards under a progress dialog that cancels, the branch details, and a
scanned card number typed into a search box opening the card."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QProgressDialog
from sqlalchemy import select

from crm_desktop.models import GoodsEntry, RepairCard, ServiceCall, Setting
from crm_desktop.services import branch
from crm_desktop.views import print_actions
from crm_desktop.views.background import wait_for, wait_idle
from crm_desktop.views.dialogs.branch_dialog import BranchDialog
from crm_desktop.views.print_preview import PrintPreviewDialog

pytestmark = pytest.mark.demo_data(calls=400, seed=11)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"




def _pages(dialog: PrintPreviewDialog) -> int:
    return len(pdfium.PdfDocument(dialog._pdf))


def _text(dialog: PrintPreviewDialog) -> str:
    """The PDF's text without white space (titles are letter-spaced, values wrap)."""
    document = pdfium.PdfDocument(dialog._pdf)
    return "".join("".join(page.get_textpage().get_text_range().split()) for page in document)


def test_the_print_menu_offers_the_forms_in_chinese(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert "打印(&P)" in titles
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "打印(&P)")
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["打印所选(&P)…", "叫修登记簿(&C)…", "客户商品进出登记簿(&G)…", "修理卡登记簿(&R)…", "技术员工作日报表(&T)…",
                     "服务主任日报表(&S)…", "客户一览表(&U)…"]


def test_print_selected_repair_cards_shows_them_in_the_preview(window, demo_database, qtbot):
    window.open_register("repair_card")
    view = window.current_view()
    view.table.selectRow(0)
    with demo_database.read_session() as s:
        first_id = view.model.row_id(0)
        card_no = s.get(RepairCard, first_id).card_no
    window.print_selected()
    wait_idle()  # drawn in the background
    previews = [w for w in window.findChildren(PrintPreviewDialog)]
    assert len(previews) == 1
    preview = previews[0]
    qtbot.waitExposed(preview)
    assert card_no in preview.windowTitle() and card_no in _text(preview)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    preview.grab().save(str(SCREENSHOTS / "print_preview_repair_card.png"))
    preview.close()


def test_many_cards_draw_under_a_progress_dialog_that_cancels(app, demo_database, qtbot, monkeypatch):
    with demo_database.read_session() as s:
        ids = s.scalars(select(RepairCard.id).order_by(RepairCard.id).limit(30)).all()
    assert len(ids) == 30
    seen = []  # the reports the window showed, one per card drawn

    def started():
        task = print_actions.preview_records(None, demo_database, "repair_card", ids)
        task.progressed.connect(lambda done, _total: seen.append(done))
        return task

    preview = wait_for(started())
    qtbot.addWidget(preview)
    assert seen[-1] == len(ids) and _pages(preview) >= len(ids)

    seen.clear()
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: len(seen) >= 5)
    assert wait_for(started()) is None
    assert len(seen) == 5  # stopped at the fifth card


def test_each_saved_record_has_a_print_button(app, demo_database, qtbot):
    from crm_desktop.views.dialogs.call_dialog import CallDialog
    from crm_desktop.views.dialogs.goods_dialog import GoodsDialog
    from crm_desktop.views.dialogs.repair_dialog import RepairCardDialog

    with demo_database.read_session() as s:
        call = s.scalars(select(ServiceCall).order_by(ServiceCall.id)).first()
        goods = s.scalars(select(GoodsEntry).order_by(GoodsEntry.id)).first()
        card = s.scalars(select(RepairCard).order_by(RepairCard.id)).first()
        numbers = call.call_no, goods.receipt_no, card.card_no
    dialogs = [
        CallDialog(demo_database, call_id=call.id),
        GoodsDialog(demo_database, entry_id=goods.id),
        RepairCardDialog(demo_database, card_id=card.id),
    ]
    for dialog, number in zip(dialogs, numbers):
        qtbot.addWidget(dialog)
        button = dialog.findChild(type(dialog.buttons.buttons()[0]), "print_button")
        assert button is not None and button.text() == "打印…"
        button.click()
        qtbot.waitUntil(lambda: dialog.preview is not None)  # drawn in the background
        assert isinstance(dialog.preview, PrintPreviewDialog)
        assert number in _text(dialog.preview)
        dialog.preview.close()
    new = CallDialog(demo_database)
    qtbot.addWidget(new)
    assert new.findChild(type(new.buttons.buttons()[0]), "print_button") is None  # nothing saved yet to print


def test_a_register_for_a_period_and_a_daily_report_from_the_print_menu(app, demo_database, qtbot):
    def answer(dialog):
        qtbot.addWidget(dialog)
        dialog.date_from.setDate(dialog.date_from.date().addMonths(-2))
        return QDialog.DialogCode.Accepted

    preview = print_actions.ask_and_preview(None, demo_database, "call_register", ask=answer)
    qtbot.addWidget(preview)
    assert "叫修登记簿" in preview.windowTitle()
    text = _text(preview)
    assert "叫修登记簿" in text and "华东办公设备服务公司南京分公司" in text

    def technician(dialog):
        qtbot.addWidget(dialog)
        assert dialog.technician is not None and dialog.technician.count() > 1
        dialog.technician.setCurrentIndex(1)
        return QDialog.DialogCode.Accepted

    daily = print_actions.ask_and_preview(None, demo_database, "technician_daily", ask=technician)
    qtbot.addWidget(daily)
    assert "技术员工作日报表" in _text(daily)
    cancelled = print_actions.ask_and_preview(None, demo_database, "goods_register", ask=lambda d: QDialog.DialogCode.Rejected)
    assert cancelled is None


def test_the_branch_details_are_saved_and_a_bad_phone_is_refused_at_the_field(app, database, qtbot):
    dialog = BranchDialog(database)
    qtbot.addWidget(dialog)
    dialog.fields["name"].setText("华东办公设备服务公司苏州分公司")
    dialog.fields["address"].setText("苏州市姑苏区人民路100号")
    dialog.fields["phone"].setText("电话号码")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog._messages["phone"].isHidden()
    with database.read_session() as s:
        assert s.get(Setting, "branch.name") is None  # nothing half-saved
    dialog.fields["phone"].setText("0512-65123456")
    dialog.accept()
    with database.read_session() as s:
        assert branch.load(s) == branch.BranchInfo("华东办公设备服务公司苏州分公司", "苏州市姑苏区人民路100号", "0512-65123456")


def test_a_scanned_card_number_opens_the_card_from_any_register(window, demo_database, qtbot, monkeypatch):
    from crm_desktop.views import dialogs

    opened = []
    monkeypatch.setattr(dialogs, "open_record", lambda parent, db, name, row_id, *a, **k: opened.append((name, row_id)))
    with demo_database.read_session() as s:
        card_id, card_no = s.execute(select(RepairCard.id, RepairCard.card_no).order_by(RepairCard.id.desc())).first()
        receipt = s.execute(select(GoodsEntry.id, GoodsEntry.receipt_no)).first()
    window.open_register("service_call")
    search = window.current_view().search
    search.setFocus()
    qtbot.keyClicks(search, card_no)  # what a USB scanner does: the characters, then Enter
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert opened == [("repair_card", card_id)]
    search.clear()
    qtbot.keyClicks(search, receipt.receipt_no)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert opened[-1] == ("goods_entry", receipt.id)
