"""The monthly technician report: the program against a bare openpyxl script.

Target (the monthly report issue, *Performance*): ``exports.monthly_workbook.
write_monthly_report(database, year, month, path)`` for a month of 20,000 jobs and 50
technicians, from the database to the saved .xlsx file (the ``Database`` is opened before
the timer), within **2×** the time of a bare openpyxl script that writes the same final
cells with the same styles, formulas and chart from values already in memory, measured in
the same run (medians of --repeat runs, alternating bare, program, …).

The bare reference's input is made before any timer from the program's own file (read
back with openpyxl): per sheet the value of every cell (formulas as their text), its style
(font, fill, border, alignment, number format, quote prefix), the merged ranges, column
widths, row heights, frozen panes, print setup and print titles, and the chart's
references and titles. It is timed from ``Workbook()`` to the saved file. Several ways of
writing are measured and printed under "bare variants"; the reference is the fastest:

* ``write-only, shared styles``: openpyxl's write-only mode, each cell a ``Cell`` given a
  style array made once per distinct style (what the program does);
* ``write-only, styles per cell``: write-only, each cell's ``font``, ``border``,
  ``number_format`` … assigned (the way openpyxl's documentation shows);
* ``normal, shared styles`` and ``normal, styles per cell``: the same in openpyxl's normal
  mode (``ws.cell(row, column, value)``);
* ``plain dump`` (for information, not a reference): the same values with no style,
  widths, chart or print setup, in write-only mode.

Both files are then read back and compared cell by cell (value, font, fill, border,
alignment, number format) with their sheet settings and charts; a difference fails the
run. The program is also timed in openpyxl's normal mode (``write_figures(...,
write_only=False)``), the alternative its module docstring weighs.

The database (``benchmarks/out/monthly/``, made once and reused while its schema is the
program's current one) is not the demo's: the demo cannot be told how many technicians
(it has at most 42) and spreads about four calls a day over years. The script makes the
schema with the program and loads, through SQLAlchemy Core, a branch with 50 technicians
(30 % of them covering the suburbs), 4,000 customers and the calls of six weeks before to
two weeks after the month (October 2026 by default: the National Day holiday and its
make-up working days included), each with its history (``call_step``), work log and, for
the 15 % taken back, goods entry, repair card and parts: S14 deadlines from the program's
calendar, arrivals mostly within them, a paid job's fee collected on site or invoiced, a
few work-log lines voided by a taken-back step — about --jobs jobs in the month.

    .venv/bin/python benchmarks/bench_monthly.py [--data-dir DIR] [--month 2026-10] [--jobs 20000] [--technicians 50] [--repeat 5] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import random
import sqlite3
import sys
import time
from collections import Counter
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    OUT,
    _discard,
    _stale,
    count_calls,
    database_file,
    ensure_empty_database,
    load_note,
    median,
    program_version,
    verdict,
)

TARGET_RATIO = 2.0
SEED = 20261031
INSERT_CHUNK = 5000
DAY_START, DAY_END = clock(8, 30), clock(17, 30)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚",
         "建华", "志强", "海燕", "晓东", "建国", "国庆", "文博", "子轩", "雨桐", "浩然", "堃", "喆"]
FIRMS = ["南京{}科技有限公司", "南京{}商贸有限公司", "{}律师事务所", "江苏{}集团有限公司", "南京市{}中学",
         "{}会计师事务所", "南京{}医院设备科", "{}印务有限公司"]
FIRM_WORDS = ["恒达", "金陵", "紫金", "秦淮", "鼓楼", "玄武", "华海", "新街口", "钟山", "长江", "东方", "汇通",
              "博远", "华信", "天元", "苏宁", "江宁", "仙林", "河西", "中山"]
PARTS = [("DR-01", "感光鼓", "320.00"), ("FB-02", "搓纸轮", "35.50"), ("FB-03", "分页器", "12.00"),
         ("FU-11", "定影上辊", "260.00"), ("TN-05", "墨粉盒（黑）", "180.00"), ("DV-20", "显影单元", "540.00"),
         ("CB-07", "清洁刮板", "48.00"), ("PS-220", "电源板 220V", "420.00"), ("CL-09", "进纸离合器", "95.35"),
         ("CA-01", "数据线（米）", "12.35")]


# -- the database --------------------------------------------------------------------------------
def month_of(text: str) -> tuple[int, int]:
    year, month = text.split("-")
    return int(year), int(month)


def make_database(data_dir: Path, year: int, month: int, jobs: int, technicians: int) -> None:
    """Schema by the program; staff, customers and six weeks before to two weeks after the
    month of calls, history, work log, goods, cards and parts through SQLAlchemy Core."""
    from sqlalchemy import insert

    from crm_desktop import config as config_mod
    from crm_desktop.db import open_database
    from crm_desktop.models import CallStep, Customer, GoodsEntry, RepairCard, RepairPart, ServiceCall, Staff, WorkLog
    from crm_desktop.services import branch
    from crm_desktop.services.calendar import calendar_from_database
    from crm_desktop.services.deadlines import arrival_due

    ensure_empty_database(data_dir)
    database = open_database(config_mod.resolve(data_dir))
    rnd = random.Random(SEED)
    started = time.perf_counter()
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    window_start, window_end = first - timedelta(days=42), following + timedelta(days=14)
    try:
        with database.Session.begin() as s:
            branch.save(s, "华东办公设备服务公司南京分公司", "南京市玄武区珠江路 88 号", "025-84561234")
            calendar = calendar_from_database(s)
        names: list[str] = []
        while len(names) < technicians + 6:
            name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + ("" if rnd.random() < 0.6 else rnd.choice(GIVEN))
            if name not in names:
                names.append(name)
        roles = ["technician"] * technicians + ["supervisor", "supervisor", "clerk", "clerk", "accountant", "manager"]
        staff = [{"id": i + 1, "name": n, "role": r, "phone": f"139{rnd.randrange(10**8):08d}", "active": True}
                 for i, (n, r) in enumerate(zip(names, roles))]
        techs = [p["id"] for p in staff if p["role"] == "technician"]
        cut = max(1, round(len(techs) * 0.3))
        by_district = {"suburban": techs[:cut], "urban": techs[cut:]}
        supervisor, clerk, accountant = (staff[technicians + i]["id"] for i in (0, 2, 4))
        customers = []
        for i in range(4000):
            if rnd.random() < 0.4:
                cname = rnd.choice(FIRMS).format(rnd.choice(FIRM_WORDS) + rnd.choice(FIRM_WORDS))
            else:
                cname = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN)
            customers.append({"id": i + 1, "name": cname, "district": "suburban" if rnd.random() < 0.3 else "urban",
                              "phone": f"025-8{rnd.randrange(10**7):07d}", "address": "南京市玄武区中山路1号"})

        # working days of the window, and how many calls a day give about ``jobs`` in the month
        days = []
        d = window_start
        while d < window_end:
            if calendar.is_working_day(d):
                days.append(d)
            d += timedelta(days=1)
        month_days = sum(1 for d in days if first <= d < following)
        per_day = jobs / 1.2 / month_days

        calls, steps, logs, goods, cards, parts = [], [], [], [], [], []
        ids = Counter()

        def step(call_id, name, before, after, at, by, note=None, undoes=None):
            ids["step"] += 1
            steps.append({"id": ids["step"], "call_id": call_id, "step": name, "from_status": before,
                          "to_status": after, "happened_at": at, "recorded_at": at, "by_id": by, "note": note,
                          "changes": None, "undoes_id": undoes})
            return ids["step"]

        def work(call_id, tech, at, kind, mode, hours, step_id, card_id=None):
            ids["log"] += 1
            logs.append({"id": ids["log"], "call_id": call_id, "card_id": card_id, "technician_id": tech,
                         "work_day": at.date(), "service_kind": kind, "mode": mode, "hours": hours,
                         "step_id": step_id, "voided_by_step_id": None})
            return logs[-1]

        limit = datetime.combine(window_end, clock(0, 0))
        for day in days:
            n = int(per_day * rnd.uniform(0.8, 1.2) * (1.2 if day.weekday() == 0 else 1.0))
            for k in range(n):
                if rnd.random() < 0.1:  # an evening or early call: counted from the next working minute
                    received = datetime.combine(day, clock(rnd.choice([7, 18, 19, 20]), rnd.randrange(60)))
                else:
                    received = datetime.combine(day, DAY_START) + timedelta(minutes=rnd.randrange(540))
                customer = customers[rnd.randrange(len(customers))]
                district = customer["district"]
                kind = rnd.choices("ABC", weights=(45, 25, 30))[0]
                tech = rnd.choice(by_district[district])
                ids["call"] += 1
                call_id = ids["call"]
                due = arrival_due(calendar, received, district)
                dispatched = calendar.add_working_hours(received, rnd.uniform(0.05, 0.8))
                # most arrive within the deadline, some late
                hours_to_arrive = rnd.expovariate(1 / 2.6) + 0.3
                arrived = calendar.add_working_hours(received, hours_to_arrive).replace(second=0, microsecond=0)
                arrived = max(arrived, dispatched + timedelta(minutes=10))
                call = {
                    "id": call_id, "call_no": f"JX{received:%Y%m%d}-{k + 1:04d}", "received_at": received,
                    "channel": "phone", "customer_id": customer["id"], "customer_name": customer["name"],
                    "phone": customer["phone"], "address": customer["address"], "product_model": "理光 MP 2014",
                    "fault": "卡纸，有异响", "district": district, "service_kind": kind, "status": "registered",
                    "technician_id": None, "dispatched_at": None, "arrival_due_at": due, "arrived_at": None,
                    "hours_spent": None, "fee": None, "fee_computed": None, "payment_method": None,
                    "fee_collected": None, "fee_handed_at": None, "fee_handed_to_id": None, "signed_at": None,
                    "closed_at": None,
                    "registered_by_id": clerk,
                }
                calls.append(call)
                step(call_id, "register", "", "registered", received, clerk)
                if dispatched >= limit:
                    continue
                call.update(status="dispatched", technician_id=tech, dispatched_at=dispatched)
                step(call_id, "dispatch", "registered", "dispatched", dispatched, supervisor, names[tech - 1])
                if arrived >= limit:
                    continue
                call.update(status="arrived", arrived_at=arrived)
                step(call_id, "arrive", "dispatched", "arrived", arrived, tech)
                hours = Decimal(rnd.randrange(1, 7)) / 2
                done = calendar.add_working_hours(arrived, float(hours))
                if done >= limit:
                    continue
                if rnd.random() < 0.85:  # done on site (S4, S5)
                    call.update(status="struck_off", hours_spent=hours, signed_at=done, closed_at=done)
                    sid = step(call_id, "complete_on_site", "arrived", "completed_on_site", done, tech)
                    line = work(call_id, tech, done, kind, "on_site", hours, sid)
                    if kind == "A":
                        fee = max(Decimal("80"), hours * 80)
                        call.update(fee=fee, fee_computed=fee)
                        if rnd.random() < 0.6:
                            call.update(payment_method="collected", fee_collected=fee,
                                        fee_handed_at=done + timedelta(hours=20), fee_handed_to_id=accountant)
                        else:
                            call.update(payment_method="invoice")
                    step(call_id, "sign", "completed_on_site", "signed_on_site", done, tech, customer["name"])
                    step(call_id, "strike_off", "signed_on_site", "struck_off", done, clerk)
                    if rnd.random() < 0.005:  # recorded by mistake, taken back: the line is void
                        undo = step(call_id, "undo", "struck_off", "struck_off", done, supervisor, "录错")
                        line["voided_by_step_id"] = undo
                    continue
                # taken back (S6), repaired (S7)
                ids["goods"] += 1
                ids["card"] += 1
                call.update(status="taken_back", hours_spent=hours)
                sid = step(call_id, "take_back", "arrived", "taken_back", done, tech)
                work(call_id, tech, done, kind, "on_site", hours, sid)
                goods.append({"id": ids["goods"], "receipt_no": f"SJ{done:%Y%m%d}-{ids['goods']:05d}",
                              "call_id": call_id, "customer_id": customer["id"], "customer_name": customer["name"],
                              "taken_in_at": done, "taken_in_by_id": tech, "receipt_lost": False})
                card = {"id": ids["card"], "card_no": f"XK{done:%Y%m}-{ids['card']:05d}", "goods_entry_id": ids["goods"],
                        "call_id": call_id, "customer_name": customer["name"], "opened_at": done,
                        "technician_id": tech, "status": "open", "repaired_at": None, "repair_hours": None}
                cards.append(card)
                repair_hours = Decimal(rnd.randrange(1, 9)) / 2
                repaired = calendar.add_working_hours(done, rnd.uniform(2, 30))
                if repaired >= limit:
                    continue
                card.update(status="repaired", repaired_at=repaired, repair_hours=repair_hours)
                call.update(status="repaired")
                for line_no in range(1, rnd.choice([0, 1, 1, 2, 3]) + 1):
                    part_no, pname, price = rnd.choice(PARTS)
                    ids["part"] += 1
                    parts.append({"id": ids["part"], "card_id": card["id"], "line_no": line_no, "part_no": part_no,
                                  "name": pname, "quantity": Decimal(rnd.choice(["1", "1", "2", "0.5", "1.5"])),
                                  "unit_price": Decimal(price)})
                sid = step(call_id, "finish_repair", "in_repair", "repaired", repaired, tech)
                work(call_id, tech, repaired, kind, "repair", repair_hours, sid, card["id"])
                if kind == "A":
                    fee = repair_hours * 60 + sum(p["quantity"] * p["unit_price"] for p in parts
                                                  if p["card_id"] == card["id"])
                    call.update(fee=fee.quantize(Decimal("0.01")), fee_computed=fee.quantize(Decimal("0.01")))
        with database.engine.begin() as conn:
            for table, rows in ((Staff, staff), (Customer, customers), (ServiceCall, calls), (CallStep, steps),
                                (GoodsEntry, goods), (RepairCard, cards), (RepairPart, parts), (WorkLog, logs)):
                for i in range(0, len(rows), INSERT_CHUNK):
                    conn.execute(insert(table.__table__), rows[i : i + INSERT_CHUNK])
    finally:
        database.dispose()
    in_month = sum(1 for line in logs if first <= line["work_day"] < following and line["voided_by_step_id"] is None)
    print(f"  made in {time.perf_counter() - started:.1f} s: {len(calls):,} calls, {len(steps):,} steps, "
          f"{len(logs):,} work-log lines ({in_month:,} jobs in {year}-{month:02d}), {len(cards):,} repair cards, "
          f"{len(parts):,} parts", flush=True)


def jobs_in_month(path: Path, year: int, month: int) -> tuple[int, int]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        jobs = con.execute(
            "SELECT count(*) FROM work_log WHERE work_day >= ? AND work_day < ? AND voided_by_step_id IS NULL",
            (first.isoformat(), following.isoformat()),
        ).fetchone()[0]
        techs = con.execute("SELECT count(*) FROM staff WHERE role = 'technician' AND active").fetchone()[0]
    finally:
        con.close()
    return jobs, techs


def ensure_database(data_dir: Path, year: int, month: int, jobs: int, technicians: int) -> Path:
    data_dir = data_dir.resolve()
    path = database_file(data_dir)
    have = count_calls(path)
    if have and (missing := _stale(path)):
        _discard(data_dir, path, missing)
        have = None
    if not have:
        print(f"making the database: about {jobs:,} jobs of {technicians} technicians in {year}-{month:02d} in "
              f"{data_dir} (once; reused by later runs) …", flush=True)
        make_database(data_dir, year, month, jobs, technicians)
    return path


# -- the bare reference's input (made before the timer, from the program's own file) ------------------
@dataclass
class Style:
    font: object
    fill: object
    border: object
    alignment: object
    number_format: str
    quote_prefix: bool


@dataclass
class ChartSpec:
    title: str
    axis_title: str
    series_title: str
    data: tuple[int, int, int]  # column, first row, last row
    categories: tuple[int, int, int]
    width: float
    height: float
    anchor: str


@dataclass
class SheetPlan:
    title: str
    rows: list[list[tuple[object, int | None, bool]]]  # (value, style index, forced text) per column
    widths: dict[str, float]
    heights: dict[int, float]
    merged: list[str]
    freeze: str | None
    print_rows: str | None
    orientation: str
    fit_width: int
    fit_height: int
    centered: bool
    margins: tuple[float, float, float, float]
    breaks: list[int] = field(default_factory=list)  # manual page breaks after these rows
    chart: ChartSpec | None = None


@dataclass
class Plan:
    styles: list[Style]
    sheets: list[SheetPlan] = field(default_factory=list)

    @property
    def cells(self) -> int:
        return sum(1 for s in self.sheets for row in s.rows for v in row if v[0] is not None or v[1] is not None)


def _text_of(title) -> str:
    return "".join(run.t for p in title.tx.rich.p for run in (p.r or []))


def make_plan(path: Path) -> Plan:
    """What the program's file holds, as plain values and style objects."""
    from openpyxl import load_workbook
    from openpyxl.utils import range_boundaries

    wb = load_workbook(path)
    index: dict[tuple, int] = {}
    styles: list[Style] = []
    plan = Plan(styles)
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            values = []
            for cell in row:
                key = None
                if cell.has_style:
                    s = tuple(cell._style)  # the style's indices in the workbook read back
                    key = index.get(s)
                    if key is None:
                        key = index[s] = len(styles)
                        styles.append(Style(copy(cell.font), copy(cell.fill), copy(cell.border), copy(cell.alignment),
                                            cell.number_format, bool(cell.quotePrefix)))
                value = cell.value
                forced = cell.data_type == "s" and isinstance(value, str) and value.startswith("=")
                values.append((value, key, forced))
            while values and values[-1][0] is None and values[-1][1] is None:
                values.pop()
            rows.append(values)
        chart = None
        if ws._charts:
            ch = ws._charts[0]
            series = ch.series[0]
            data = range_boundaries(series.val.numRef.f.split("!")[1].replace("$", ""))
            cats_ref = series.cat.strRef or series.cat.numRef
            cats = range_boundaries(cats_ref.f.split("!")[1].replace("$", ""))
            ext = ch.anchor.ext
            chart = ChartSpec(_text_of(ch.title), _text_of(ch.y_axis.title), series.tx.v, (data[0], data[1], data[3]),
                              (cats[0], cats[1], cats[3]), ext.cx / 360000, ext.cy / 360000,
                              f"{chr(65 + ch.anchor._from.col)}{ch.anchor._from.row + 1}")
        m = ws.page_margins
        plan.sheets.append(SheetPlan(
            title=ws.title,
            rows=rows,
            widths={k: d.width for k, d in ws.column_dimensions.items() if d.customWidth},
            heights={k: d.height for k, d in ws.row_dimensions.items() if d.height},
            merged=[str(r) for r in ws.merged_cells.ranges],
            freeze=ws.freeze_panes,
            print_rows=ws.print_title_rows,
            orientation=ws.page_setup.orientation,
            fit_width=ws.page_setup.fitToWidth,
            fit_height=ws.page_setup.fitToHeight,
            centered=bool(ws.print_options.horizontalCentered),
            margins=(m.left, m.right, m.top, m.bottom),
            breaks=[b.id for b in ws.row_breaks.brk],
            chart=chart,
        ))
    return plan


# -- the bare scripts ------------------------------------------------------------------------------
def bare_write(plan: Plan, out: Path, mode: str = "write-only, shared styles") -> None:
    """The same cells, styles, formulas, settings and chart with nothing but openpyxl."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.data_source import AxDataSource, StrRef
    from openpyxl.chart.series import SeriesLabel
    from openpyxl.worksheet.pagebreak import Break

    write_only = mode.startswith("write-only")
    shared = mode.endswith("shared styles")
    plain = mode == "plain dump"
    wb = Workbook(write_only=write_only or plain)
    if not (write_only or plain):
        wb.remove(wb.active)
    arrays: list = []
    for sp in plan.sheets:
        ws = wb.create_sheet(sp.title)
        if not plain:
            for letter, width in sp.widths.items():
                ws.column_dimensions[letter].width = width
            for r, height in sp.heights.items():
                ws.row_dimensions[r].height = height
            for ref in sp.merged:
                ws.merged_cells.add(ref)
            ws.freeze_panes = sp.freeze
            ws.page_setup.orientation = sp.orientation
            ws.page_setup.paperSize = 9  # A4
            ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = sp.fit_width, sp.fit_height
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            if sp.print_rows:
                ws.print_title_rows = sp.print_rows
            ws.print_options.horizontalCentered = sp.centered
            ws.page_margins.left, ws.page_margins.right, ws.page_margins.top, ws.page_margins.bottom = sp.margins
            for row_id in sp.breaks:
                ws.row_breaks.append(Break(id=row_id))
            if shared and not arrays:
                for st in plan.styles:  # one style array per distinct style, in the timer
                    c = WriteOnlyCell(ws)
                    c.font, c.fill, c.border, c.alignment = st.font, st.fill, st.border, st.alignment
                    c.number_format = st.number_format
                    c.quotePrefix = st.quote_prefix
                    arrays.append(c._style)
        styles = plan.styles
        if plain:
            for row in sp.rows:
                ws.append([v for v, _k, _f in row])
        elif write_only:
            for row in sp.rows:
                cells = []
                for value, key, forced in row:
                    if key is None:
                        cells.append(value)
                        continue
                    if shared:
                        c = _bare_cell(ws, value, arrays[key])
                    else:
                        c = WriteOnlyCell(ws, value)
                        st = styles[key]
                        c.font, c.fill, c.border, c.alignment = st.font, st.fill, st.border, st.alignment
                        c.number_format = st.number_format
                        if st.quote_prefix:
                            c.quotePrefix = True
                    if forced:
                        c.data_type = "s"
                    cells.append(c)
                ws.append(cells)
        else:
            cell = ws.cell
            for r, row in enumerate(sp.rows, start=1):
                for col, (value, key, forced) in enumerate(row, start=1):
                    if value is None and key is None:
                        continue
                    c = cell(r, col, value)
                    if forced:
                        c.data_type = "s"
                    if key is None:
                        continue
                    if shared:
                        c._style = copy(arrays[key])
                    else:
                        st = styles[key]
                        c.font, c.fill, c.border, c.alignment = st.font, st.fill, st.border, st.alignment
                        c.number_format = st.number_format
                        if st.quote_prefix:
                            c.quotePrefix = True
        if sp.chart is not None and not plain:
            spec = sp.chart
            chart = BarChart()
            chart.type = "col"
            chart.title = spec.title
            chart.y_axis.title = spec.axis_title
            chart.x_axis.delete = chart.y_axis.delete = False
            chart.add_data(Reference(ws, min_col=spec.data[0], min_row=spec.data[1], max_row=spec.data[2]))
            chart.series[0].tx = SeriesLabel(v=spec.series_title)
            names = Reference(ws, min_col=spec.categories[0], min_row=spec.categories[1], max_row=spec.categories[2])
            chart.series[0].cat = AxDataSource(strRef=StrRef(f=str(names)))  # text categories
            chart.legend = None
            chart.width, chart.height = spec.width, spec.height
            ws.add_chart(chart, spec.anchor)
    wb.save(out)


def _bare_cell(ws, value, style_array):
    from openpyxl.cell.cell import Cell

    return Cell(ws, 1, 1, value, style_array)


BARE_MODES = ("write-only, shared styles", "write-only, styles per cell", "normal, shared styles",
              "normal, styles per cell")


# -- checks ----------------------------------------------------------------------------------------
def differences(a: Path, b: Path, limit: int = 5) -> list[str]:
    """Where the two files differ: cells (value, type, style), sheet settings, charts."""
    from openpyxl import load_workbook

    wa, wb_ = load_workbook(a), load_workbook(b)
    found: list[str] = []
    if wa.sheetnames != wb_.sheetnames:
        return [f"sheets {wa.sheetnames[:5]} … ≠ {wb_.sheetnames[:5]} …"]
    for sa, sb in zip(wa.worksheets, wb_.worksheets):
        settings = lambda s: (  # noqa: E731
            s.freeze_panes, s.print_title_rows, s.page_setup.orientation, s.page_setup.fitToWidth,
            s.page_setup.fitToHeight, s.sheet_properties.pageSetUpPr.fitToPage, sorted(map(str, s.merged_cells.ranges)),
            {k: d.width for k, d in s.column_dimensions.items() if d.customWidth},
            {k: d.height for k, d in s.row_dimensions.items() if d.height}, len(s._charts),
            [b.id for b in s.row_breaks.brk], s.print_options.horizontalCentered,
        )
        if settings(sa) != settings(sb):
            found.append(f"{sa.title}: settings {settings(sa)} ≠ {settings(sb)}")
        if sa._charts and sb._charts:
            ca, cb = sa._charts[0], sb._charts[0]
            spec = lambda c: (c.series[0].val.numRef.f, c.series[0].cat.strRef and c.series[0].cat.strRef.f,  # noqa: E731
                              _text_of(c.title), _text_of(c.y_axis.title), c.series[0].tx.v, c.anchor._from.row,
                              c.anchor.ext.cx, c.anchor.ext.cy, c.legend, c.x_axis.delete, c.y_axis.delete)
            if spec(ca) != spec(cb):
                found.append(f"{sa.title}: charts differ")
        if sa.max_row != sb.max_row or sa.max_column != sb.max_column:
            found.append(f"{sa.title}: {sa.max_row}×{sa.max_column} cells ≠ {sb.max_row}×{sb.max_column}")
        for ra, rb in zip(sa.iter_rows(), sb.iter_rows()):
            for ca, cb in zip(ra, rb):
                if (ca.value, ca.data_type, ca.number_format, repr(ca.font), repr(ca.fill), repr(ca.border),
                        repr(ca.alignment), bool(ca.quotePrefix)) != (
                        cb.value, cb.data_type, cb.number_format, repr(cb.font), repr(cb.fill), repr(cb.border),
                        repr(cb.alignment), bool(cb.quotePrefix)):
                    found.append(f"{sa.title}!{ca.coordinate}: {ca.value!r} ≠ {cb.value!r}")
                    if len(found) >= limit:
                        return found
    return found


# -- the measurements --------------------------------------------------------------------------------
def program_run(database, year: int, month: int, out: Path):
    from crm_desktop.exports.monthly_workbook import write_monthly_report

    return write_monthly_report(database, year, month, out)


def program_parts(database, year: int, month: int, out: Path, write_only: bool) -> tuple[float, float]:
    """(figures, workbook) seconds of one run, in the given openpyxl mode."""
    from crm_desktop.exports.monthly_workbook import write_figures
    from crm_desktop.services.monthly_report import monthly_figures

    t0 = time.perf_counter()
    with database.read_session() as session:
        figures = monthly_figures(session, year, month)
    t1 = time.perf_counter()
    write_figures(figures, out, write_only=write_only)
    return t1 - t0, time.perf_counter() - t1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=OUT / "monthly")
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--jobs", type=int, default=20_000)
    parser.add_argument("--technicians", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile of one more program run")
    args = parser.parse_args(argv)
    year, month = month_of(args.month)

    path = ensure_database(args.data_dir, year, month, args.jobs, args.technicians)
    jobs, techs = jobs_in_month(path, year, month)

    import openpyxl

    from crm_desktop import config as config_mod
    from crm_desktop.db import open_database

    print(f"Monthly report benchmark: {year}-{month:02d} from {path} ({path.stat().st_size / 2**20:,.0f} MiB): "
          f"{jobs:,} jobs, {techs} active technicians")
    print(f"  Python {platform.python_version()}, openpyxl {openpyxl.__version__} "
          f"({'lxml' if openpyxl.LXML else 'no lxml: et_xmlfile'}), SQLite {sqlite3.sqlite_version}, "
          f"{os.cpu_count()} CPUs")
    print("  " + program_version() + "; " + load_note("at start"), flush=True)

    out_dir = OUT / "monthly-xlsx"
    out_dir.mkdir(parents=True, exist_ok=True)
    program_file, bare_file = out_dir / "program.xlsx", out_dir / "bare.xlsx"
    first_file = out_dir / "program-first.xlsx"
    database = open_database(config_mod.resolve(args.data_dir.resolve()))
    try:
        # a warm-up, and the bare script's input (kept: the later runs write another time of day
        # in the notes sheet)
        report = program_run(database, year, month, first_file)
        t0 = time.perf_counter()
        plan = make_plan(first_file)
        print(f"  bare plan made in {time.perf_counter() - t0:.1f} s (not timed): {len(plan.sheets)} sheets, "
              f"{plan.cells:,} cells, {len(plan.styles)} distinct styles", flush=True)

        # the bare variants, alternated, three runs each: the fastest is the reference
        variants: dict[str, list[float]] = {}
        scratch = out_dir / "bare-variant.xlsx"
        for run in range(3):
            for mode in (*BARE_MODES, "plain dump"):
                if run and "per cell" in mode:
                    continue  # five times slower than shared styles: once is enough to show it
                t0 = time.perf_counter()
                bare_write(plan, scratch, mode)
                variants.setdefault(mode, []).append(time.perf_counter() - t0)
        scratch.unlink(missing_ok=True)
        reference = min(BARE_MODES, key=lambda m: median(variants[m]))
        print(f"  bare reference: {reference}", flush=True)

        bare_times, program_times, bare_cpu, program_cpu = [], [], [], []
        for i in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            bare_write(plan, bare_file, reference)
            bare_times.append(time.perf_counter() - t0)
            bare_cpu.append(time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time()
            report = program_run(database, year, month, program_file)
            program_times.append(time.perf_counter() - t0)
            program_cpu.append(time.process_time() - c0)
            print(f"  run {i + 1}: bare {bare_times[-1]:6.2f} s (CPU {bare_cpu[-1]:5.2f})   program "
                  f"{program_times[-1]:6.2f} s (CPU {program_cpu[-1]:5.2f})", flush=True)

        modes: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        scratch = out_dir / "program-mode.xlsx"
        for _ in range(3):
            for write_only in (True, False):
                modes[write_only].append(program_parts(database, year, month, scratch, write_only))
        scratch.unlink(missing_ok=True)

        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
            program_run(database, year, month, out_dir / "program-profiled.xlsx")
            prof.disable()
            (out_dir / "program-profiled.xlsx").unlink(missing_ok=True)
    finally:
        database.dispose()

    print("\nChecking that the bare file is the program's (every cell's value, type and style; settings; chart) …",
          flush=True)
    diff = differences(first_file, bare_file)
    for line in diff:
        print("  DIFFERENT: " + line)
    if not diff:
        print("  the same")

    bare_m, program_m = median(bare_times), median(program_times)
    ratio = program_m / bare_m
    print(f"\nThe monthly report of {report.jobs:,} jobs and {report.technicians} technicians "
          f"({len(report.sheets)} sheets, {program_file.stat().st_size:,} bytes), {args.repeat} runs alternating:")
    print("  bare reference: " + "  ".join(f"{t:.2f}" for t in bare_times) + f" s   median {bare_m:.2f} s")
    print("  program:        " + "  ".join(f"{t:.2f}" for t in program_times) + f" s   median {program_m:.2f} s")
    print(f"  ratio program / bare: {ratio:.2f}×   (of the CPU time medians, {median(bare_cpu):.2f} and "
          f"{median(program_cpu):.2f} s: {median(program_cpu) / median(bare_cpu):.2f}×, less sensitive to other work)")
    print("\nBare variants (median of 3 runs; styles per cell: 1 run):")
    for mode, times in variants.items():
        print(f"  {mode:<28} {median(times):6.2f} s" + ("   ← reference" if mode == reference else "")
              + ("   (no style, widths, chart nor print setup; for information)" if mode == "plain dump" else ""))
    print("\nThe program in openpyxl's two modes (3 runs each, median; figures from the database, then the workbook):")
    for write_only, runs in modes.items():
        f_m, w_m = median([r[0] for r in runs]), median([r[1] for r in runs])
        print(f"  {'write-only' if write_only else 'normal':<11} figures {f_m:5.2f} s + workbook {w_m:5.2f} s "
              f"= {f_m + w_m:5.2f} s" + ("   ← the program's" if write_only else ""))
    if args.profile:
        print("\ncProfile of one program run:")
        pstats.Stats(prof, stream=sys.stdout).sort_stats("tottime").print_stats(16)

    ok = ratio <= TARGET_RATIO and not diff
    print(f"\nTarget: program within {TARGET_RATIO:g}× the bare openpyxl script, same file: {verdict(ok)}")
    print(load_note("at end"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
