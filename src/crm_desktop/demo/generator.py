"""The generator: makes every row of a demo load in plain Python, with no database access (it
runs in a worker thread while the caller's thread writes). ``Generator.chunks`` yields them
in the order they may be written: staff, prices, customers, products, contracts, the calls
with their history and work log, then the goods entries, repair cards and parts.

Its work is split by subject into three parts, each a class in its own module, combined
here: ``master_data.MasterData`` (staff, prices, customers, products, contracts),
``calls.CallPlanner`` (when calls come, their paths, the register lines and their history)
and ``goods.TakenBack`` (what a call taken back needs, then its goods entry, repair card,
parts and the rest of its history). They share one state, set up here and by the steps
before them (the random stream above all: the same seed gives the same rows only if every
draw happens in the same order), so they are parts of one object rather than objects
passing arrays to each other: the hot path reads ``self.c_name`` and the like directly.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..services import numbering
from .calls import CallPlanner
from .goods import TakenBack
from .master_data import MasterData
from .rows import Chunk
from .series import NumberSeries
from .summary import DemoSummary
from .working_time import WorkingDays


@dataclass
class Existing:
    """What the database holds before the load: number patterns and sequences, the next
    free id of each table, names and codes that must not be given twice."""

    patterns: dict[str, numbering.NumberPattern]
    sequences: dict[str, dict[str, int]]
    first_ids: dict[str, int]
    staff_names: set[str]
    customer_codes: set[str]
    labour_rates: list[tuple[str, date, int, int]] = field(default_factory=list)  # mode, from, cents an hour, minimum
    part_prices: dict[str, int] = field(default_factory=dict)  # part number -> cents


class Generator(MasterData, CallPlanner, TakenBack):
    """Makes the rows, in plain Python (no database access: it runs in a worker thread)."""

    def __init__(self, calls: int, seed: int, now: datetime, existing: Existing, goods_units: int) -> None:
        self.n_calls = calls
        self.rng = random.Random(seed)
        self.now = now
        self.existing = existing
        self.goods_units = goods_units
        self.summary = DemoSummary()
        self.numbers = {
            rule: NumberSeries(rule, existing.patterns[rule], existing.sequences[rule]) for rule in existing.patterns
        }
        span_days = max(60, min(3650, calls // 4))
        first = now.date() - timedelta(days=span_days)
        self.cal = WorkingDays(first, now.date() + timedelta(days=120))
        self.now_w = self.cal.minute_of(now)
        self.limit = self.now_w - 1  # the last minute at which something may have happened
        self.step_id = existing.first_ids["call_step"]
        self.work_id = existing.first_ids["work_log"]
        self.steps: list[tuple] = []  # call_step rows made and not yet handed over
        self.works: list[tuple] = []  # work_log rows likewise
        self.declined = self.lost = self.undone = False  # a declined repair, a lost receipt, an undo so far

    def chunks(self) -> Iterator[Chunk]:
        yield from self.make_staff()
        yield from self.make_pricing()
        yield from self.make_customers()
        yield from self.make_products()
        yield from self.make_contracts()
        yield from self.make_calls()
        yield from self.make_goods_and_cards()
