"""The forms as a print shop would deliver them (issue 16): the repair card uses its tag, a
repair job's voucher tells the whole job, the 作废 stamp lies over no value, every barcode
decodes from a 150 dpi rendering, and ledgers carry 本页合计 on every page."""

from __future__ import annotations

import math
import re
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.graphics.barcode.code128 import Code128
from sqlalchemy import select

from crm_desktop.models import GoodsEntry, RepairCard, ServiceCall, Staff
from crm_desktop.printing import forms, load_layout, print_numbered, print_period, print_records
from crm_desktop.printing.painter import CODE128_QUIET_MODULES, Record
from crm_desktop.services import branch, process

from ..views.branch_data import at
from .conftest import BRANCH
from .test_forms import _word_boxes, pdf_text, pytestmark, squeezed  # noqa: F401  (pytestmark: skipped without the tools)

SCAN_DPI = 150
THINNEST_BAR_MM = 0.33  # two dots at 150 dpi: what a cheap scanner and zbar read


def scanned(path: Path, tmp_path: Path) -> list[set[str]]:
    """What zbarimg reads on each page of ``path`` rendered at 150 dpi, a set per page."""
    prefix = tmp_path / f"scan150-{path.stem}"
    subprocess.run(["pdftoppm", "-r", str(SCAN_DPI), "-gray", "-png", str(path), str(prefix)], check=True)
    pages = []
    for image in sorted(tmp_path.glob(f"scan150-{path.stem}*.png")):
        out = subprocess.run(["zbarimg", "-q", str(image)], capture_output=True, text=True).stdout
        pages.append(set(out.split()))
    return pages


def page_texts(path: Path) -> list[str]:
    return pdf_text(path, "-layout").split("\f")[:-1]


# -- barcodes --------------------------------------------------------------------------------------------

def test_every_barcode_on_the_numbered_forms_decodes_at_150_dpi(database, branch_office, tmp_path):
    with database.read_session() as s:
        card_no = s.get(RepairCard, branch_office.repair_card).card_no
        receipt_no = process.goods_entry_of(s, branch_office.repair_call).receipt_no
        call_no = s.get(ServiceCall, branch_office.repair_call).call_no
    wanted = {
        "repair_card": (card_no, {f"QR-Code:{card_no}", f"CODE-128:{card_no}"}),
        "goods_receipt": (receipt_no, {f"CODE-128:{receipt_no}"}),
        "service_voucher": (call_no, {f"CODE-128:{call_no}"}),
    }
    for form, (number, codes) in wanted.items():
        out = tmp_path / f"{form}.pdf"
        print_numbered(database, form, [number], out)
        for page in scanned(out, tmp_path):
            assert page == codes, (form, page)
    # zbarimg reports a value once an image: each copy of the receipt scanned apart
    from PIL import Image

    image = Image.open(sorted(tmp_path.glob("scan150-goods_receipt*.png"))[0])
    layout = load_layout("goods_receipt")
    for copy, following in zip(layout.copies, [*layout.copies[1:], None]):
        top = round((layout.margins[0] + copy.dy) / 25.4 * SCAN_DPI)
        bottom = round((layout.margins[0] + following.dy) / 25.4 * SCAN_DPI) if following else image.height
        part = tmp_path / f"copy-{copy.dy:g}.png"
        image.crop((0, top, image.width, bottom)).save(part)
        out = subprocess.run(["zbarimg", "-q", str(part)], capture_output=True, text=True).stdout
        assert set(out.split()) == {f"CODE-128:{receipt_no}"}, copy.label


@pytest.mark.parametrize("form", ["repair_card", "goods_receipt", "service_voucher"])
def test_the_thinnest_bar_is_wide_enough_for_the_longest_number(form):
    """A number as long as the rules make them (JX20261130-999, XK202611-9999) still prints
    its Code128 with bars of at least 0.33 mm."""
    longest = {"repair_card": "XK202611-9999", "goods_receipt": "SJ202611-9999", "service_voucher": "JX20261130-999"}[form]
    for element in (e for e in load_layout(form).elements if e.type == "code128"):
        modules = Code128(longest, barWidth=1.0, humanReadable=False, quiet=0).width + 2 * CODE128_QUIET_MODULES
        assert element.w / modules >= THINNEST_BAR_MM, (form, element.w / modules)


# -- the 作废 stamp -------------------------------------------------------------------------------------------

def test_the_void_stamp_lies_over_no_printed_word(database, branch_office, tmp_path):
    with database.read_session() as s:
        receipt_no = process.goods_entry_of(s, branch_office.repair_call).receipt_no
    with database.Session.begin() as s:
        process.void_receipt(s, branch_office.repair_call, when=at(27, 10, 10), by_id=branch_office.clerk, receipt_no=receipt_no)
    out = tmp_path / "voided.pdf"
    print_numbered(database, "goods_receipt", [receipt_no], out)
    layout = load_layout("goods_receipt")
    stamp = next(e for e in layout.elements if e.type == "stamp")
    pt = 72 / 25.4
    words = [b for b in _word_boxes(out) if b[1] not in ("作", "废", "作废")]
    assert words
    for copy in layout.copies:
        # the turned frame's bounding box, in points from the page's top left
        cx = (layout.margins[3] + copy.dx + stamp.x + stamp.w / 2) * pt
        cy = (layout.margins[0] + copy.dy + stamp.y + stamp.h / 2) * pt
        a = math.radians(stamp.angle)
        half_w = (stamp.w / 2 * math.cos(a) + stamp.h / 2 * math.sin(a)) * pt
        half_h = (stamp.w / 2 * math.sin(a) + stamp.h / 2 * math.cos(a)) * pt
        for _page, word, x0, y0, x1, y1 in words:
            apart = x1 < cx - half_w or x0 > cx + half_w or y1 < cy - half_h or y0 > cy + half_h
            assert apart, f"the stamp covers {word!r}"
    assert squeezed(pdf_text(out)).count("作废") >= 2


# -- the repair card's tag ---------------------------------------------------------------------------------------

def _card(parts: int) -> Record:
    fields = {name: "" for name in forms.FORMS["repair_card"].all_fields}
    fields.update(card_no="XK202611-0042", customer_name="江苏省人民医院设备科", branch_name=BRANCH[0],
                  parts_total=f"{41 * parts:,.2f}")
    rows = [
        {"line_no": str(i), "part_no": f"RM1-{i:04d}", "name": f"搓纸轮{i}", "quantity": "1", "unit_price": "41.00", "amount": "41.00"}
        for i in range(1, parts + 1)
    ]
    return Record(fields, {"parts": rows})


def test_six_parts_lines_fit_the_first_tag_and_a_seventh_continues_on_a_second_saying_so(tmp_path):
    six, seven = tmp_path / "six.pdf", tmp_path / "seven.pdf"
    _pdf, report = print_records("repair_card", [_card(6)], six)
    assert report.pages == 1 and report.truncated == []
    assert "续下张" not in squeezed(pdf_text(six)) and "第1/1张" not in squeezed(pdf_text(six))
    _pdf, report = print_records("repair_card", [_card(7)], seven)
    assert report.pages == 2 and report.truncated == []
    first, second = (squeezed(t) for t in page_texts(seven))
    assert "第1/2张" in first and "续下张" in first and "搓纸轮6" in first and "搓纸轮7" not in first
    assert "第2/2张" in second and "搓纸轮7" in second and "零件合计" in second


# -- the voucher tells the whole job --------------------------------------------------------------------------------

def test_a_repair_jobs_voucher_has_the_cards_work_parts_and_hours_and_the_signature_date(database, branch_office, tmp_path):
    with database.read_session() as s:
        call = s.get(ServiceCall, branch_office.repair_call)
        card = s.get(RepairCard, branch_office.repair_card)
        call_no, visit_hours = call.call_no, call.hours_spent or Decimal("0")
        parts = [(p.name, p.quantity) for p in card.parts]
        inspector = s.get(Staff, card.inspected_by_id).name
    assert parts
    out = tmp_path / "voucher.pdf"
    print_numbered(database, "service_voucher", [call_no], out)
    text = squeezed(pdf_text(out))
    assert "更换电源板" in text and card.card_no in text
    for name, quantity in parts:
        assert squeezed(f"{name} × {quantity.normalize():f}") in text, name
    hours = f"{visit_hours + Decimal('1.5'):.1f}"
    assert f"工时（小时）{hours}" in text
    assert "王芳" in text and "2026-11-2710:05" in text  # who signed, and when

    card_pdf = tmp_path / "card.pdf"
    print_numbered(database, "repair_card", [card.card_no], card_pdf)
    text = squeezed(pdf_text(card_pdf))
    assert f"{forms.PASSED}检验人：{inspector}日期：2026-11-25" in text  # the verdict (untranslated here), who and when


def test_a_call_without_a_repair_card_keeps_its_own_work_and_hours(database, branch_office):
    with database.read_session() as s:
        call = s.scalars(select(ServiceCall).where(ServiceCall.signed_by == "刘律师")).one()
        record = forms.numbered_records(s, "service_voucher", [call.call_no])[0]
        assert record.fields["work_done"] == call.work_done
        assert record.fields["hours_spent"] == f"{call.hours_spent:.1f}"


# -- ledgers -----------------------------------------------------------------------------------------------------------

def test_hours_print_with_one_decimal():
    assert [forms.fmt_hours(Decimal(v)) for v in ("1", "0.5", "8.50", "0.25", "0")] == ["1.0", "0.5", "8.5", "0.3", "0.0"]
    assert forms.fmt_hours(None) == ""
    assert forms.fmt_quantity(Decimal("2.00")) == "2"


def test_every_page_of_a_register_has_its_page_total_and_the_last_the_periods(database, tmp_path):
    from tests.factories import make_registers

    with database.Session.begin() as s:
        make_registers(s, calls=60)
        branch.save(s, *BRANCH)
    out = tmp_path / "calls.pdf"
    _pdf, report = print_period(database, "call_register", date(2026, 11, 1), date(2026, 12, 31), out)
    assert report.pages >= 2
    with database.read_session() as s:
        rows = s.execute(select(ServiceCall.call_no, ServiceCall.fee, ServiceCall.status)).all()
    fee_of = {n: (fee if status != "cancelled" and fee is not None else Decimal("0")) for n, fee, status in rows}
    pages = page_texts(out)
    assert len(pages) == report.pages
    summed, counted = Decimal("0"), 0
    for number, page in enumerate(pages, start=1):
        line = next(line for line in page.splitlines() if "本页合计" in line)
        on_page = set(re.findall(r"JX\d{8}-\d{3}", page))
        figures = re.findall(r"[\d,]+\.\d\d", line)
        assert figures, line
        page_total = Decimal(figures[-1].replace(",", ""))
        assert page_total == sum((fee_of[n] for n in on_page), Decimal("0")), number
        assert f"共{len(on_page)}件" in squeezed(line)
        summed += page_total
        counted += len(on_page)
        assert ("本期合计" in page) == (number == len(pages))
    assert counted == len(rows)
    assert f"{summed:,.2f}" in next(line for line in pages[-1].splitlines() if "本期合计" in line)


def test_the_goods_register_counts_each_page(database, branch_office, tmp_path):
    out = tmp_path / "goods.pdf"
    print_period(database, "goods_register", date(2026, 11, 1), date(2026, 11, 30), out)
    with database.read_session() as s:
        entries = s.scalars(select(GoodsEntry)).all()
    line = next(line for line in pdf_text(out, "-layout").splitlines() if "本页合计" in line)
    assert f"共{len(entries)}件" in squeezed(line) and f"已送还{sum(1 for g in entries if g.returned_at)}件" in squeezed(line)


# -- the font floor ------------------------------------------------------------------------------------------------------

def _sizes_written(monkeypatch) -> list[tuple[float, str]]:
    from crm_desktop.printing import painter

    written: list[tuple[float, str]] = []
    original = painter._Painter._write

    def spy(self, fitted, *args):
        written.extend((fitted.size, line) for line in fitted.lines)
        return original(self, fitted, *args)

    monkeypatch.setattr(painter._Painter, "_write", spy)
    return written


def test_a_long_value_wraps_at_7_pt_at_least_and_parts_lines_at_6_5(monkeypatch, tmp_path):
    written = _sizes_written(monkeypatch)
    name = "江苏省南京市鼓楼区人民政府机关事务管理局办公设备维修保障中心第二服务部"
    fields = {n: "" for n in forms.FORMS["service_voucher"].all_fields}
    fields.update(call_no="JX20261130-999", customer_name=name, serial_no="G1769800123456789",
                  fault="开机后约十分钟自动关机，面板电源指示灯红绿交替闪烁，重启后故障依旧。" * 2)
    print_records("service_voucher", [Record(fields)], tmp_path / "v.pdf")
    values = [(size, line) for size, line in written if line and (line.rstrip("…") in name + fields["fault"] or line in fields["serial_no"])]
    assert values and all(size >= 7 for size, _line in values), values
    assert "G1769800123456789" in [line for _s, line in values]  # whole, never broken inside

    written.clear()
    card = _card(3)
    card.tables["parts"][0]["name"] = "定影组件加热膜总成（含硅胶压力辊及轴承、齿轮）"
    print_records("repair_card", [card], tmp_path / "c.pdf")
    parts_sizes = {size for size, line in written if line.startswith(("搓纸轮", "定影", "RM1-"))}
    assert parts_sizes and min(parts_sizes) >= 6.5 and len({s for s, line in written if line.startswith("RM1-")}) == 1
