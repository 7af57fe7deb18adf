"""Text too long for its box shrinks to the minimum size, then wraps; it never runs out
of the box (issue: paper forms, item 3)."""

from __future__ import annotations

import random

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from crm_desktop.printing.painter import FONT, register_font
from crm_desktop.printing.text_fit import LEADING, fit, wrap

ADDRESS_100 = ("江苏省南京市鼓楼区中山北路二百八十一号虹桥中心大厦东塔楼二十七层二七零八室"
               "（近地铁四号线鼓楼站三号出口，从北门进入后乘坐东侧电梯至二十七层右转第三间，"
               "到达后请先联系前台登记再上楼维修，谢谢配合与支持）")


@pytest.fixture(autouse=True, scope="module")
def _font():
    register_font()


def width(text: str, size: float) -> float:
    return stringWidth(text, FONT, size)


def test_text_that_fits_keeps_its_size_and_line():
    fitted = fit("王芳", FONT, 100, 12, 9, 5)
    assert fitted.size == 9 and fitted.lines == ("王芳",) and not fitted.truncated


def test_a_little_too_long_shrinks_on_one_line():
    text = "南京鼓楼医院设备科"
    box = width(text, 9) * 0.8
    fitted = fit(text, FONT, box, 12, 9, 5)
    assert fitted.lines == (text,)
    assert 5 <= fitted.size < 9
    assert width(text, fitted.size) <= box


def test_the_100_character_address_wraps_at_a_readable_size_inside_its_box():
    assert len(ADDRESS_100) == 100
    box_w, box_h = 220.0, 26.0  # about 78 × 9 mm: the address box of the repair card
    fitted = fit(ADDRESS_100, FONT, box_w, box_h, 8, 5)
    assert not fitted.truncated
    assert "".join(fitted.lines) == ADDRESS_100  # nothing lost
    assert len(fitted.lines) > 1 and fitted.size >= 5
    assert all(width(line, fitted.size) <= box_w + 1e-6 for line in fitted.lines)
    assert fitted.height <= box_h + 0.01


def test_shrinking_stops_at_the_minimum_size_then_wraps():
    fitted = fit(ADDRESS_100, FONT, 120, 200, 10, 7)
    assert fitted.size >= 7
    assert len(fitted.lines) > 1


def test_when_even_wrapping_at_the_minimum_is_not_enough_the_text_is_cut_inside_the_box():
    fitted = fit(ADDRESS_100 * 3, FONT, 100, 20, 9, 6)
    assert fitted.truncated and fitted.lines[-1].endswith("…")
    assert fitted.height <= 20.01
    assert all(width(line, 6) <= 100 for line in fitted.lines)


def test_a_growing_table_cell_keeps_every_line():
    fitted = fit(ADDRESS_100, FONT, 60, 10, 8, 5, grow=True)
    assert not fitted.truncated and "".join(fitted.lines) == ADDRESS_100


def test_latin_words_break_at_spaces_and_punctuation_does_not_start_a_line():
    lines = wrap("HP LaserJet Pro MFP M428fdw 彩色激光多功能一体机", FONT, 9, width("HP LaserJet Pro MFP", 9) + 1)
    assert lines[0] == "HP LaserJet Pro MFP"
    text = "更换定影组件，清洁搓纸轮，调整进纸器，测试打印五十页正常。"
    for box in range(40, 200, 7):
        for line in wrap(text, FONT, 9, box)[1:]:
            assert line[0] not in "，。"


def test_a_number_longer_than_the_line_breaks_only_after_a_separator():
    number = "D001-4012-LONGNUMBER"
    lines = wrap(number, FONT, 9, width("D001-4012-", 9) + 1)
    assert lines == ["D001-4012-", "LONGNUMBER"]
    assert wrap("3,280.00 元", FONT, 9, width("3,280.", 9) + 1)[0] == "3,280.00"  # never after a point


def test_a_number_without_separators_is_not_broken_but_shrunk_then_cut_with_an_ellipsis():
    serial = "G1769800123456789"
    box = width(serial, 9) * 0.9
    shrunk = fit(serial, FONT, box, 40, 9, 7)
    assert shrunk.lines == (serial,) and shrunk.size < 9 and not shrunk.truncated
    cut = fit(serial, FONT, width(serial, 7) * 0.8, 40, 9, 7)
    assert cut.truncated and len(cut.lines) == 1 and cut.lines[0].endswith("…") and cut.lines[0][:-1] in serial
    grown = fit(serial + " 注", FONT, width(serial, 7) * 0.8, 10, 7, 7, grow=True)
    assert grown.truncated and grown.lines[0].endswith("…")


def test_explicit_line_breaks_are_kept():
    assert fit("第一行\n第二行", FONT, 200, 40, 9, 5).lines == ("第一行", "第二行")


def test_random_text_never_leaves_its_box():
    rng = random.Random(20261128)
    alphabet = "南京市鼓楼区中山路号室楼层，。、（）ABCDEFGH0123456789- "
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 160)))
        box_w, box_h = rng.uniform(20, 300), rng.uniform(8, 80)
        fitted = fit(text, FONT, box_w, box_h, rng.choice([8, 9, 10, 12]), 5)
        assert all(width(line, fitted.size) <= box_w + 1e-6 for line in fitted.lines), (text, box_w)
        if not fitted.truncated:
            assert fitted.height <= box_h + 0.01 or len(fitted.lines) == 1
            assert "".join(fitted.lines).replace(" ", "") == text.replace("\n", "").replace(" ", "")
        assert fitted.size * LEADING <= box_h + 0.01 or fitted.size == 5


def test_a_box_with_room_for_two_lines_wraps_instead_of_shrinking_to_a_tiny_line():
    text = "更换定影组件，清洁搓纸轮和分页器，调整进纸器压力"
    box_w = width(text, 9) * 0.6
    fitted = fit(text, FONT, box_w, 9 * LEADING * 2 + 1, 9, 5)
    assert len(fitted.lines) == 2 and fitted.size >= 8
    one_line_only = fit(text, FONT, box_w, 9 * LEADING, 9, 5)  # a box one line high shrinks
    assert one_line_only.lines == (text,) and one_line_only.size < 6
