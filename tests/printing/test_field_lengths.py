"""Every text's length is sized to where it is printed (issue 17, item 4; forms/README.md,
"Text lengths"): a text of its full length in the widest characters (Chinese, full-width)
prints whole in the box it was sized from; somewhat more would be cut there. Where a shorter
box still prints it (the repair card is a tag), the cut is said, naming the box and field."""

from __future__ import annotations

import pytest

from crm_desktop.models import GoodsEntry, RepairCard, ServiceCall
from crm_desktop.printing import forms, load_layout, print_records
from crm_desktop.printing.painter import Record
from crm_desktop.services.validation import column_length

from .conftest import BRANCH

WIDE = "字"  # a full-width character: every Chinese character and full-width punctuation is as wide


def _record(form: str, **values: str) -> Record:
    fields = {name: "" for name in forms.FORMS[form].all_fields}
    fields.update(branch_name=BRANCH[0], branch_address=BRANCH[1], branch_phone=BRANCH[2], **values)
    return Record(fields)


def _cut_fields(form: str, record: Record) -> list[str]:
    _pdf, report = print_records(form, [record], None)
    layout = load_layout(form)
    keys = {f"elements[{i}] ({e.field})": e.field for i, e in enumerate(layout.elements) if e.field}
    return [keys.get(key, key) for _record, key in report.truncated]


def _whole_job(call_work: str, card_work: str) -> str:
    """The voucher's 服务内容: the visit's work, the workshop's, the parts (printing/forms.py)."""
    parts = "、".join(f"定影组件加热膜{i} × 1" for i in range(1, 5))
    return f"{call_work}\n修理部修理（卡号 XK202611-0042）：{card_work}\n更换零件：{parts}"


def test_a_call_s_texts_at_their_full_length_print_whole_on_the_voucher():
    n = {name: column_length(ServiceCall, name) for name in ("fault", "remarks", "work_done")}
    record = _record(
        "service_voucher",
        fault=WIDE * n["fault"],
        remarks=WIDE * n["remarks"],
        work_done=_whole_job(WIDE * n["work_done"], WIDE * column_length(RepairCard, "work_done")),
    )
    assert _cut_fields("service_voucher", record) == []


@pytest.mark.parametrize(("field", "more"), [("fault", 50), ("remarks", 50)])
def test_a_text_somewhat_longer_than_its_length_would_be_cut_on_the_voucher(field, more):
    """The length is the box's, not a round number far below it."""
    record = _record("service_voucher", **{field: WIDE * (column_length(ServiceCall, field) + more)})
    assert _cut_fields("service_voucher", record) == [field]


def test_goods_texts_at_their_full_length_print_whole_on_the_goods_receipt():
    record = _record(
        "goods_receipt",
        accessories=WIDE * column_length(GoodsEntry, "accessories"),
        condition=WIDE * column_length(GoodsEntry, "condition"),
        fault=WIDE * column_length(ServiceCall, "fault"),
    )
    assert _cut_fields("goods_receipt", record) == []


def test_the_repair_card_tag_shortens_a_long_fault_and_says_which_field():
    """The tag's 故障 line holds about 30 characters: the card's fault is the call's (180), so a
    longer one is cut there, with "…", and the preview and the command line name the field."""
    record = _record("repair_card", card_no="XK202611-0042", fault=WIDE * column_length(RepairCard, "fault"))
    assert _cut_fields("repair_card", record) == ["fault"]
