"""What a demo load wrote, as the ``demo`` command prints it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..i18n import QT_TRANSLATE_NOOP, Translate
from ..models import CallStatus, CustomerCategory


@dataclass
class DemoSummary:
    """What ``generate`` wrote."""

    staff: int = 0
    customers: dict[str, int] = field(default_factory=dict)  # by CustomerCategory value
    products: int = 0
    calls: dict[str, int] = field(default_factory=dict)  # by CallStatus value
    goods_entries: int = 0
    repair_cards: int = 0
    parts: int = 0
    contracts: int = 0
    contract_products: int = 0  # the machines the contracts cover
    labour_rates: int = 0
    part_prices: int = 0
    steps: int = 0  # call_step rows, the calls' history
    work_logs: int = 0
    first_day: date | None = None
    last_day: date | None = None
    seconds: float = field(default=0.0, compare=False)

    @property
    def total_customers(self) -> int:
        return sum(self.customers.values())

    @property
    def total_calls(self) -> int:
        return sum(self.calls.values())

    def describe(self, translate: Translate | None = None) -> str:
        from ..services.labels import CALL_STATUS, CUSTOMER_CATEGORY

        categories = ", ".join(
            f"{CUSTOMER_CATEGORY[c.value].tr(translate)} {self.customers[c.value]}"
            for c in CustomerCategory
            if self.customers.get(c.value)
        )
        statuses = ", ".join(
            f"{CALL_STATUS[s.value].tr(translate)} {self.calls[s.value]}" for s in CallStatus if self.calls.get(s.value)
        )
        lines = [
            QT_TRANSLATE_NOOP("Demo", "Demo data: {staff} staff, {customers} customers ({categories}), {products} products.").tr(
                translate,
                staff=self.staff,
                customers=self.total_customers,
                categories=categories,
                products=self.products,
            ),
            QT_TRANSLATE_NOOP("Demo", "{calls} service calls received from {first} to {last}: {statuses}.").tr(
                translate,
                calls=self.total_calls,
                first=self.first_day.isoformat() if self.first_day else "-",
                last=self.last_day.isoformat() if self.last_day else "-",
                statuses=statuses,
            ),
            QT_TRANSLATE_NOOP("Demo", "{goods} goods entries, {cards} repair cards with {parts} parts lines.").tr(
                translate, goods=self.goods_entries, cards=self.repair_cards, parts=self.parts
            ),
            QT_TRANSLATE_NOOP(
                "Demo", "{contracts} maintenance contracts; {steps} steps in the calls' history, {logs} work log lines."
            ).tr(translate, contracts=self.contracts, steps=self.steps, logs=self.work_logs),
            QT_TRANSLATE_NOOP("Demo", "Written in {seconds} s.").tr(translate, seconds=f"{self.seconds:.1f}"),
        ]
        return "\n".join(lines)
