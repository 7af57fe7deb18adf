"""The notification letter of a hand-over (I11: "the customers are told"): one letter per
customer concerned, listing what is taken over, by whom, and how to reach them. Written from
``form_data.handover_letters``, which reads the recorded hand-over, so a letter can be printed
again later exactly as it was sent."""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import QT_TRANSLATE_NOOP, Translate
from ..services import handover as handover_service
from ..services.form_data import HandoverLetter, LetterItem
from .record import Record

CUSTOMER_DETAIL = QT_TRANSLATE_NOOP("Printing", "Day-to-day business and your customer file")


def _detail(item: LetterItem, translate: Translate | None) -> str:
    if item.kind == "call":
        return " ".join(x for x in (item.product_model, item.fault) if x)
    if item.kind == "contract":
        return f"{item.start_date.isoformat()} – {item.end_date.isoformat()}"
    return CUSTOMER_DETAIL.tr(translate)


def handover_letters(
    letters: Sequence[HandoverLetter], head: dict[str, str], translate: Translate | None = None
) -> list[Record]:
    records = []
    for letter in letters:
        rows = []
        takers: list[str] = []
        for n, item in enumerate(letter.items, 1):
            rows.append({
                "line_no": str(n), "kind": handover_service.KIND_NAMES[item.kind].tr(translate),
                "reference": item.reference, "detail": _detail(item, translate),
                "replacement": item.replacement, "phone": item.phone,
            })
            taker = f"{item.replacement}（{item.phone}）" if item.phone else item.replacement
            if taker not in takers:
                takers.append(taker)
        records.append(Record(
            fields={
                **head,
                "handover_no": letter.handover_no,
                "letter_date": letter.effective_on.isoformat(),
                "customer_name": letter.customer_name,
                "customer_code": letter.customer_code,
                "customer_address": letter.customer_address,
                "customer_postcode": letter.customer_postcode,
                "addressee": letter.addressee,
                "leaving_name": letter.leaving_name,
                "replacements": "、".join(takers),
            },
            tables={"items": rows},
        ))
    return records
