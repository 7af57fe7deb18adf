"""Every form printed from a real branch's records and read back with poppler and zbar:
the font is embedded, every field value is on the page, the QR code and Code128 decode to
the number, long text stays inside its box, and each page renders to an image (S2–S12, X4).

The figures (counts, hours, money) are checked against sums computed here from the rows,
not against the program's own totals."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crm_desktop.models import GoodsEntry, RepairCard, RepairPart, ServiceCall, Staff, WorkLog
from crm_desktop.printing import forms, load_layout, print_numbered, print_period, print_records
from crm_desktop.printing.painter import Record
from crm_desktop.services import branch, goods, process

from ..views.branch_data import at

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdftoppm", "zbarimg")),
    reason="poppler-utils and zbar-tools are installed by `python3 dev.py test`",
)

from .conftest import BRANCH


def pdf_text(path: Path, *extra: str) -> str:
    return subprocess.run(["pdftotext", *extra, str(path), "-"], capture_output=True, text=True, check=True).stdout


def squeezed(text: str) -> str:
    """Without any white space: wrapped values are whole again."""
    return re.sub(r"\s+", "", text)


def assert_values_printed(path: Path, record: Record, form: str) -> None:
    """Every non-empty value the layout places is in the PDF's text."""
    layout = load_layout(form)
    used = set().union(*(e.fields_used() for e in layout.elements))
    text = squeezed(pdf_text(path))
    for name in sorted(used):
        value = str(record.fields.get(name) or "")
        if value and name not in ("page", "pages", "copy_label"):
            assert squeezed(value) in text, f"{form}: {name} = {value!r} not printed"
    table = layout.table()
    if table is not None:
        for row in record.tables.get(table.source, []):
            for column in table.columns:
                value = str(row.get(column.field) or "")
                assert squeezed(value) in text, f"{form}: {table.source}.{column.field} = {value!r} not printed"


def assert_font_embedded(path: Path) -> None:
    rows = pdf_text_fonts(path)
    assert rows, f"{path.name}: no font at all"
    for name, emb in rows:
        assert "WenQuanYiMicroHei" in name and emb == "yes", rows


def pdf_text_fonts(path: Path) -> list[tuple[str, str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in out if line.strip()]


def decoded(path: Path, tmp_path: Path, page: int = 1) -> list[str]:
    prefix = tmp_path / f"scan-{path.stem}"
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", "-f", str(page), "-l", str(page), str(path), str(prefix)], check=True)
    image = next(tmp_path.glob(f"scan-{path.stem}*.png"))
    result = subprocess.run(["zbarimg", "-q", str(image)], capture_output=True, text=True)
    return result.stdout.splitlines()


def rendered_pages(path: Path, tmp_path: Path, dpi: int = 60) -> list[Path]:
    prefix = tmp_path / f"page-{path.stem}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(prefix)], check=True)
    return sorted(tmp_path.glob(f"page-{path.stem}*.png"))


def card_no_of(database, card_id: int) -> str:
    with database.read_session() as s:
        return s.get(RepairCard, card_id).card_no


# -- the repair card (S6) -------------------------------------------------------------------------------

def test_the_repair_card_carries_every_value_the_font_and_a_scannable_number(database, branch_office, tmp_path):
    card_no = card_no_of(database, branch_office.repair_card)
    out = tmp_path / "card.pdf"
    _pdf, report = print_numbered(database, "repair_card", [card_no], out)
    assert report.records == 1 and report.truncated == []
    assert_font_embedded(out)
    with database.read_session() as s:
        record = forms.numbered_records(s, "repair_card", [card_no])[0]
        card = s.get(RepairCard, branch_office.repair_card)
        parts = s.scalars(select(RepairPart).where(RepairPart.card_id == card.id)).all()
        independent = {
            card.card_no, card.customer_name, card.product_model, card.serial_no, card.fault,
            card.goods_entry.receipt_no, s.get(Staff, card.technician_id).name, *BRANCH,
            *(p.name for p in parts), *(p.part_no for p in parts),
            f"{sum(p.quantity * p.unit_price for p in parts):,.2f}",
        }
    assert_values_printed(out, record, "repair_card")
    text = squeezed(pdf_text(out))
    for value in independent:
        assert squeezed(value) in text, value
    codes = decoded(out, tmp_path)
    assert f"QR-Code:{card_no}" in codes, codes
    assert f"CODE-128:{card_no}" in codes, codes


def test_a_100_character_address_and_30_parts_stay_inside_their_boxes(tmp_path):
    address = ("江苏省南京市鼓楼区中山北路二百八十一号虹桥中心大厦东塔楼二十七层二七零八室（近地铁四号线鼓楼站三号出口，"
               "从北门进入后乘坐东侧电梯至二十七层右转第三间，到达后请先联系前台登记再上楼维修，谢谢配合与支持）")
    assert len(address) == 100
    parts = [
        {"line_no": str(i), "part_no": f"RM1-{i:04d}", "name": f"定影组件加热膜总成第{i}号", "quantity": "1",
         "unit_price": "41.00", "amount": "41.00"}
        for i in range(1, 31)
    ]
    fields = {name: "" for name in forms.FORMS["repair_card"].all_fields}
    fields.update(card_no="XK202611-0042", customer_name="江苏省人民医院设备科", address=address, parts_total="1,230.00",
                  branch_name=BRANCH[0], branch_address=BRANCH[1], branch_phone=BRANCH[2])
    out = tmp_path / "long.pdf"
    _pdf, report = print_records("repair_card", [Record(fields, {"parts": parts})], out)
    # the address would need 5 pt on the tag: it stays at 7 pt, is cut with … and the report names the field
    address_key = next(f"elements[{i}] (address)" for i, e in enumerate(load_layout("repair_card").elements) if e.field == "address")
    assert report.truncated == [(0, address_key)]
    assert report.pages > 1  # the parts go on continuation tags
    text = squeezed(pdf_text(out))
    assert address[:40] in text and "…" in text
    for part in parts:
        assert part["name"] in text and part["part_no"] in text
    layout = load_layout("repair_card")
    page_w, page_h = layout.page_width * 72 / 25.4, layout.page_height * 72 / 25.4
    boxes = _word_boxes(out)
    assert boxes
    for page, word, x0, y0, x1, y1 in boxes:  # nothing off the page, nothing in the margins
        assert layout.margins[3] * 72 / 25.4 - 0.5 <= x0 and x1 <= page_w - layout.margins[1] * 72 / 25.4 + 0.5, word
        assert layout.margins[0] * 72 / 25.4 - 0.5 <= y0 and y1 <= page_h - layout.margins[2] * 72 / 25.4 + 0.5, word
    address_box = next(e for e in layout.elements if e.field == "address")
    left = (layout.margins[3] + address_box.x) * 72 / 25.4
    top = (layout.margins[0] + address_box.y) * 72 / 25.4
    right, bottom = left + address_box.w * 72 / 25.4, top + address_box.h * 72 / 25.4
    in_address = [b for b in boxes if b[0] == 1 and b[1] and b[1].rstrip("…") in address and len(b[1]) > 3]
    assert in_address
    for _page, word, x0, y0, x1, y1 in in_address:
        assert left <= x0 and x1 <= right + 0.5 and top <= y0 and y1 <= bottom + 0.5, word


def _word_boxes(path: Path) -> list[tuple[int, str, float, float, float, float]]:
    """(page, word, xMin, yMin, xMax, yMax) in points from the page's top left (pdftotext -bbox)."""
    html = pdf_text(path, "-bbox")
    boxes = []
    page = 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            boxes.append((page, m.group(5), *(float(m.group(i)) for i in range(1, 5))))
    return boxes


# -- the goods receipt (S6, S7) ----------------------------------------------------------------------------

def test_the_goods_receipt_has_the_customer_copy_and_the_stub_and_a_reprint_after_voiding_is_stamped(database, branch_office, tmp_path):
    call_id = branch_office.repair_call
    with database.read_session() as s:
        receipt_no = process.goods_entry_of(s, call_id).receipt_no
    out = tmp_path / "receipt.pdf"
    print_numbered(database, "goods_receipt", [receipt_no], out)
    assert_font_embedded(out)
    with database.read_session() as s:
        record = forms.numbered_records(s, "goods_receipt", [receipt_no])[0]
    assert_values_printed(out, record, "goods_receipt")
    text = squeezed(pdf_text(out))
    assert "客户联" in text and "存根" in text
    assert text.count(receipt_no) >= 2  # numbered on both parts
    rule_mentions = text.count("作废")  # the printed rules speak of voiding; no stamp yet
    assert f"CODE-128:{receipt_no}" in decoded(out, tmp_path)

    with database.Session.begin() as s:
        process.void_receipt(s, call_id, when=at(27, 10, 10), by_id=branch_office.clerk, receipt_no=receipt_no)
    voided = tmp_path / "receipt-voided.pdf"
    print_numbered(database, "goods_receipt", [receipt_no], voided)
    assert squeezed(pdf_text(voided)).count("作废") >= rule_mentions + 2  # stamped on both parts


def test_goods_taken_back_without_accessories_print_so_on_the_receipt_and_the_card(database, branch_office, tmp_path):
    """无附件, not an empty box: the paper says nothing came with the goods (S6)."""
    with database.read_session() as s:
        entry = process.goods_entry_of(s, branch_office.repair_call)
        assert (entry.accessories, entry.condition) == (goods.NO_ACCESSORIES, "外壳完好")  # taken back with 无附件 ticked
        receipt_no, card_no = entry.receipt_no, process.repair_card_of(s, branch_office.repair_call).card_no
    receipt, card = tmp_path / "receipt.pdf", tmp_path / "card.pdf"
    print_numbered(database, "goods_receipt", [receipt_no], receipt)
    _pdf, report = print_numbered(database, "repair_card", [card_no], card)
    assert report.truncated == []
    assert squeezed(pdf_text(receipt)).count("随机附件无附件") == 2  # the customer's copy and the stub
    text = squeezed(pdf_text(card))
    assert "附件无附件" in text and "外观外壳完好" in text  # the card carries them to the workshop


# -- the service voucher (S2, S4, S5) --------------------------------------------------------------------------

def test_the_service_voucher_carries_the_call_and_the_signature_box(database, branch_office, tmp_path):
    with database.read_session() as s:
        call = s.scalars(select(ServiceCall).where(ServiceCall.signed_by == "刘律师")).one()
        call_no, fee, tech = call.call_no, call.fee, s.get(Staff, call.technician_id).name
    out = tmp_path / "voucher.pdf"
    print_numbered(database, "service_voucher", [call_no], out)
    assert_font_embedded(out)
    with database.read_session() as s:
        record = forms.numbered_records(s, "service_voucher", [call_no])[0]
    assert_values_printed(out, record, "service_voucher")
    text = squeezed(pdf_text(out))
    assert call_no in text and f"{fee:,.2f}" in text and tech in text and "签字" in text
    assert f"CODE-128:{call_no}" in decoded(out, tmp_path)


def test_several_numbers_print_in_one_pdf_in_the_order_given(database, branch_office, tmp_path):
    with database.read_session() as s:
        numbers = s.scalars(select(ServiceCall.call_no).order_by(ServiceCall.call_no.desc()).limit(3)).all()
    out = tmp_path / "three.pdf"
    _pdf, report = print_numbered(database, "service_voucher", numbers, out)
    assert report.records == 3
    text = pdf_text(out)
    assert [text.find(n) for n in numbers] == sorted(text.find(n) for n in numbers)


def test_an_unknown_number_prints_nothing(database, branch_office, tmp_path):
    from crm_desktop.errors import UserError

    out = tmp_path / "none.pdf"
    with pytest.raises(UserError) as caught:
        print_numbered(database, "repair_card", ["XK209901-0001"], out)
    assert caught.value.field == "number" and "XK209901-0001" in str(caught.value)
    assert not out.exists()


# -- the registers (S2, S7) ---------------------------------------------------------------------------------------

def test_the_call_register_lists_every_call_of_the_period_with_page_numbers_and_totals(database, branch_office, tmp_path):
    out = tmp_path / "calls.pdf"
    start, end = date(2026, 11, 1), date(2026, 11, 30)
    _pdf, report = print_period(database, "call_register", start, end, out)
    assert_font_embedded(out)
    with database.read_session() as s:
        rows = s.execute(
            select(ServiceCall.call_no, ServiceCall.fee, ServiceCall.status)
            .where(ServiceCall.received_at >= at(1, 0), ServiceCall.received_at < date(2026, 12, 1))
        ).all()
        record = forms.call_register(s, start, end)
    assert rows
    assert_values_printed(out, record, "call_register")
    text = pdf_text(out)
    for call_no, _fee, _status in rows:
        assert call_no in text
    expected_fees = sum((fee for _n, fee, status in rows if fee is not None and status != "cancelled"), Decimal("0"))
    assert record.fields["count"] == str(len(rows))
    assert record.fields["fee_total"] == f"{expected_fees:,.2f}"
    assert f"{expected_fees:,.2f}" in text
    assert "第1页" in squeezed(text) and f"共{report.pages}页" in squeezed(text)


def test_a_register_of_many_calls_breaks_into_numbered_pages(database, tmp_path):
    from tests.factories import make_registers

    with database.Session.begin() as s:
        make_registers(s, calls=120)
        branch.save(s, *BRANCH)
    out = tmp_path / "many.pdf"
    _pdf, report = print_period(database, "call_register", date(2026, 11, 1), date(2026, 12, 31), out)
    assert report.pages >= 3 and report.truncated == []
    text = pdf_text(out)
    assert f"第{report.pages}页" in squeezed(text)
    with database.read_session() as s:
        numbers = s.scalars(select(ServiceCall.call_no)).all()
    assert all(n in text for n in numbers)
    assert len(rendered_pages(out, tmp_path)) == report.pages


def test_the_goods_register_counts_what_went_back_and_what_is_still_here(database, branch_office, tmp_path):
    out = tmp_path / "goods.pdf"
    print_period(database, "goods_register", date(2026, 11, 1), date(2026, 11, 30), out)
    with database.read_session() as s:
        entries = s.scalars(select(GoodsEntry)).all()
        record = forms.goods_register(s, date(2026, 11, 1), date(2026, 11, 30))
    assert_values_printed(out, record, "goods_register")
    returned = sum(1 for g in entries if g.returned_at)
    assert record.fields["count"] == str(len(entries))
    assert record.fields["count_returned"] == str(returned)
    assert record.fields["count_in_shop"] == str(len(entries) - returned)
    text = pdf_text(out)
    assert all(g.receipt_no in text for g in entries)


def test_an_empty_period_still_prints_the_register_head(database, branch_office, tmp_path):
    out = tmp_path / "empty.pdf"
    _pdf, report = print_period(database, "call_register", date(2025, 1, 1), date(2025, 1, 31), out)
    assert report.pages == 1
    assert BRANCH[0] in pdf_text(out)


# -- daily reports (S10–S12) ----------------------------------------------------------------------------------------

def test_the_technician_daily_report_sums_the_work_log(database, branch_office, tmp_path):
    day = date(2026, 11, 23)
    with database.read_session() as s:
        tech_id = s.scalar(select(Staff.id).where(Staff.name == "王技师"))
        logged = s.execute(
            select(WorkLog.service_kind, WorkLog.hours)
            .where(WorkLog.technician_id == tech_id, WorkLog.work_day == day, WorkLog.voided_by_step_id.is_(None))
        ).all()
        record = forms.technician_daily(s, tech_id, day)
    assert logged
    total = sum((h for _k, h in logged), Decimal("0"))
    assert Decimal(record.fields["hours_total"]) == total
    assert record.fields["jobs_total"] == str(len(logged))
    out = tmp_path / "tech.pdf"
    print_period(database, "technician_daily", day, day, out, technician="王技师")
    assert_values_printed(out, record, "technician_daily")
    assert "王技师" in pdf_text(out)


def busiest_day(session) -> date:
    return session.execute(
        select(WorkLog.work_day).group_by(WorkLog.work_day).order_by(func.count(func.distinct(WorkLog.technician_id)).desc())
    ).scalars().first()


def test_the_supervisor_daily_report_has_every_technician_and_the_managers_signature_box(database, branch_office, tmp_path):
    with database.read_session() as s:
        day = busiest_day(s)
        per_tech = dict(
            s.execute(
                select(Staff.name, func.sum(WorkLog.hours))
                .join(Staff, Staff.id == WorkLog.technician_id)
                .where(WorkLog.work_day == day, WorkLog.voided_by_step_id.is_(None))
                .group_by(Staff.name)
            ).all()
        )
        record = forms.supervisor_daily(s, day)
    assert per_tech
    rows = {row["technician"]: row for row in record.tables["technicians"]}
    assert set(rows) == set(per_tech)
    for name, hours in per_tech.items():
        assert Decimal(rows[name]["hours_total"]) == Decimal(hours)
    out = tmp_path / "supervisor.pdf"
    print_period(database, "supervisor_daily", day, day, out)
    assert_values_printed(out, record, "supervisor_daily")
    assert "经理" in pdf_text(out)


def test_a_day_nobody_worked_is_said_rather_than_printed_blank(database, branch_office, tmp_path):
    from crm_desktop.errors import UserError

    with pytest.raises(UserError) as caught:
        print_period(database, "technician_daily", date(2026, 11, 1), date(2026, 11, 1), tmp_path / "none.pdf")
    assert caught.value.field == "date" and not (tmp_path / "none.pdf").exists()


def test_a_form_without_records_prints_blank_for_filling_in_by_hand(tmp_path):
    out = tmp_path / "blank.pdf"
    _pdf, report = print_records("repair_card", [], out)
    assert report.pages == 1 and "修理卡" in squeezed(pdf_text(out))


# -- every form as an image ------------------------------------------------------------------------------------------

def test_every_form_renders_to_an_image_of_its_paper_size(database, branch_office, tmp_path):
    from PIL import Image

    with database.read_session() as s:
        card_no = s.get(RepairCard, branch_office.repair_card).card_no
        receipt_no = s.scalars(select(GoodsEntry.receipt_no)).first()
        call_no = s.scalars(select(ServiceCall.call_no)).first()
        day = busiest_day(s)
    outputs = {
        "repair_card": print_numbered(database, "repair_card", [card_no], tmp_path / "repair_card.pdf"),
        "goods_receipt": print_numbered(database, "goods_receipt", [receipt_no], tmp_path / "goods_receipt.pdf"),
        "service_voucher": print_numbered(database, "service_voucher", [call_no], tmp_path / "service_voucher.pdf"),
        "call_register": print_period(database, "call_register", date(2026, 11, 1), date(2026, 11, 30), tmp_path / "call_register.pdf"),
        "goods_register": print_period(database, "goods_register", date(2026, 11, 1), date(2026, 11, 30), tmp_path / "goods_register.pdf"),
        "technician_daily": print_period(database, "technician_daily", day, day, tmp_path / "technician_daily.pdf"),
        "supervisor_daily": print_period(database, "supervisor_daily", day, day, tmp_path / "supervisor_daily.pdf"),
    }
    for form, (_pdf, report) in outputs.items():
        assert report.truncated == [], form
        layout = load_layout(form)
        pages = rendered_pages(tmp_path / f"{form}.pdf", tmp_path, dpi=60)
        assert len(pages) == report.pages, form
        width, height = Image.open(pages[0]).size
        assert abs(width - layout.page_width / 25.4 * 60) <= 2 and abs(height - layout.page_height / 25.4 * 60) <= 2, form
        assert_font_embedded(tmp_path / f"{form}.pdf")
