"""The renderer on small layouts written here: pages, copies, conditions, and the cases
where a branch's layout is too small for its text (cut inside the box, and reported)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pypdf import PdfReader

from crm_desktop.printing.layout import parse_layout
from crm_desktop.printing.painter import Record, render

TABLE_LAYOUT = """
[form]
page = "A5"
margins = [10, 10, 10, 10]

[[elements]]
type = "text"
x = 0
y = 0
w = 128
h = 8
text = "{title}　第 {page} 页 共 {pages} 页"

[[elements]]
type = "table"
source = "rows"
x = 0
y = 10
w = 128
h = 60
header_height = 6
row_height = 6
continued = "（接下页）"
totals_label = "合计"
totals = { amount = "{total}" }
columns = [
  { field = "name", header = "名称", width = 100 },
  { field = "amount", header = "金额", width = 28, align = "right" },
]

[[elements]]
type = "signature"
label = "经理签字"
x = 0
y = 75
w = 128
h = 20
date_line = "年　月　日"
pages = "last"

[[elements]]
type = "stamp"
text = "作废"
x = 30
y = 100
w = 60
h = 30
angle = 20
when = "voided"
"""


def layout(text: str = TABLE_LAYOUT):
    return parse_layout(tomllib.loads(text), Path("test.toml"))


def text_of(pdf: bytes) -> list[str]:
    from io import BytesIO

    return ["".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages]


def test_rows_break_onto_numbered_pages_with_the_totals_and_signature_on_the_last():
    rows = [{"name": f"零件{i}", "amount": "1.00"} for i in range(1, 21)]
    pdf, report = render(layout(), [Record({"title": "清单", "total": "20.00"}, {"rows": rows})])
    pages = text_of(pdf)
    assert report.pages == len(pages) == 3 and report.truncated == []
    assert "第1页共3页" in pages[0] and "第3页共3页" in pages[2]
    assert "（接下页）" in pages[0] and "（接下页）" not in pages[2]
    assert "合计" in pages[2] and "20.00" in pages[2] and "合计" not in pages[0]
    assert "经理签字" in pages[2] and "经理签字" not in pages[0]
    assert all(f"零件{i}" in "".join(pages) for i in range(1, 21))


def test_each_record_counts_its_own_pages_and_a_stamp_shows_only_when_its_field_is_set():
    records = [
        Record({"title": "甲", "total": "0", "voided": ""}, {"rows": []}),
        Record({"title": "乙", "total": "0", "voided": "是"}, {"rows": []}),
    ]
    pdf, report = render(layout(), records)
    pages = text_of(pdf)
    assert report.pages == 2 and "第1页共1页" in pages[0] and "第1页共1页" in pages[1]
    assert "作废" not in pages[0] and "作废" in pages[1]


def test_a_row_taller_than_the_whole_table_is_cut_inside_it_and_reported():
    huge = "开机后约十分钟自动关机，面板电源指示灯红绿交替闪烁。" * 60  # about 1,500 characters
    pdf, report = render(layout(), [Record({"title": "长", "total": "1"}, {"rows": [{"name": huge, "amount": "1.00"}]})])
    assert report.truncated == [(0, "elements[1] (rows)")]
    assert "…" in "".join(text_of(pdf))


def test_a_header_too_small_for_its_text_is_reported():
    small = TABLE_LAYOUT.replace('header = "金额", width = 28', 'header = "金额（人民币元，含增值税及附加费用）", width = 28').replace(
        "header_height = 6", "header_height = 3.5")
    _pdf, report = render(layout(small), [Record({"title": "x", "total": "1"}, {"rows": []})])
    assert report.truncated == [(0, "elements[1] (rows)")]


def test_copies_repeat_the_elements_at_their_offset_with_their_label(tmp_path):
    two = """
[form]
page = "A4"
[[copies]]
label = "客户联"
[[copies]]
label = "存根"
offset = [0, 140]
[[elements]]
type = "box"
label = "联"
label_width = 10
text = "{copy_label} No. {number}"
x = 0
y = 0
w = 100
h = 10
[[elements]]
type = "line"
x = 0
y = 138
x2 = 190
y2 = 138
dash = true
copy = 1
"""
    pdf, _report = render(layout(two), [Record({"number": "SJ202611-0001"})])
    page = text_of(pdf)[0]
    assert "客户联No.SJ202611-0001" in page and "存根No.SJ202611-0001" in page
