"""Importing 10,000 customer rows from a clerk's workbook: the program against openpyxl's
read-only iteration over the same file.

Target (issue: import of customers and their products, *Performance*):

* ``exports.customer_import`` — read the sheet, map the columns by their Chinese names,
  check every row, write every customer and product in one transaction and commit — of a
  10,000-row sheet into a fresh empty database within **3×** the time openpyxl takes to
  open the same file read-only (``read_only=True, data_only=True``) and read every cell
  (ratio of medians).

The sheet is made once per run (seeded, so the same each time) under
``benchmarks/out/import/``: 14 columns with the names a clerk's sheet uses (客户名称, 联系人,
联系电话, 地址, 邮编, 区域, 类别, 注册资金（万元）, 经营范围, 型号, 序列号, 购机日期, 保修期至, 备注), in
the clerk's order rather than the program's; about 7,000 customers, a third of them with
two or three products on consecutive rows (same name and phone); phones as mobiles and
landlines in every form (``138 1234 5678``, ``025-8456 1234``, ``(025) 84561234``, a number
cell that lost its leading zero); purchase dates as date cells and as text (2024年3月1日,
2024/3/1, 2024.3.1); capital in 万元. Every row is valid and no name or phone repeats an
earlier customer's, so all 10,000 rows go in (the script checks the counts in the database).

Each program run gets a fresh copy of an empty database (schema made once by the program
in ``benchmarks/out/import-empty/``), opened before the timer. Reference and program
alternate after one unmeasured warm-up each; wall time and CPU time.

    .venv/bin/python benchmarks/bench_import.py [--rows 10000] [--repeat 5] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    DATABASE_FILENAME,
    OUT,
    ensure_empty_database,
    load_note,
    median,
    program_version,
    verdict,
)

TARGET_RATIO = 3.0
HEADERS = ["客户名称", "联系人", "联系电话", "地址", "邮编", "区域", "类别", "注册资金（万元）", "经营范围",
           "型号", "序列号", "购机日期", "保修期至", "备注"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
         "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "红梅", "国庆", "文博", "子涵", "雨桐", "浩然",
         "欣怡", "宇轩", "思远", "堃", "喆", "嘉怡", "俊杰", "婷婷")
TRADE_NAMES = ("华信", "金陵", "恒通", "紫金", "鼎盛", "宏达", "新华", "汇丰", "瑞祥", "博远", "天成", "永安", "长江",
               "明达", "众诚", "安泰", "远航", "中恒", "佳和", "东升", "万通", "景程", "同创", "正道", "金桥", "信达",
               "秦淮", "玄武", "栖霞", "江宁", "浦口", "六合", "溧水", "高淳", "雨花", "建邺", "鼓楼", "苏宁", "汉中",
               "凤凰", "龙腾", "兴业", "和信", "德润", "嘉禾", "隆盛", "启明", "海纳", "卓越", "润泽")
TRADES = ("科技有限公司", "贸易有限公司", "办公设备有限公司", "文化传媒有限公司", "会计师事务所", "律师事务所",
          "商贸有限公司", "电子有限公司", "印务有限公司", "建设工程有限公司", "物业管理有限公司", "中学", "小学",
          "医院", "设计院", "酒店有限公司", "广告有限公司", "信息技术有限公司", "物流有限公司", "餐饮管理有限公司")
DISTRICTS = {"鼓楼区": "210008", "玄武区": "210018", "秦淮区": "210001", "建邺区": "210019", "栖霞区": "210046",
             "雨花台区": "210012", "江宁区": "211100", "浦口区": "211800", "六合区": "211500", "溧水区": "211200",
             "高淳区": "211300"}
SUBURBS = {"江宁区", "浦口区", "六合区", "溧水区", "高淳区"}
STREETS = ("中山路", "北京东路", "汉中路", "湖南路", "中央路", "龙蟠路", "应天大街", "江东中路", "广州路", "珠江路",
           "太平南路", "洪武路", "双龙大道", "天元中路", "文澜路", "浦珠路")
MODELS = ("理光 MP 2014", "理光 MP C2011SP", "佳能 iR 2206", "佳能 iR-ADV C3520", "惠普 LaserJet 1020",
          "惠普 LaserJet Pro M404", "爱普生 EB-X05", "京瓷 TASKalfa 2020", "夏普 AR-2048", "柯尼卡美能达 bizhub 226",
          "兄弟 HL-2260D", "富士施乐 S2110")
SCOPES = ("办公设备销售及维修；计算机软硬件开发", "日用百货、五金交电批发零售", "会计咨询；税务代理",
          "广告设计、制作、代理、发布", "普通货物道路运输；仓储服务", "教育信息咨询", "餐饮服务；食品销售",
          "建筑工程施工；室内外装饰工程")
CATEGORIES = ("最终用户", "最终用户", "最终用户", "经销商", "供应商", "特殊", "")


def make_sheet(path: Path, rows: int, seed: int = 20261128) -> tuple[int, int]:
    """The clerk's workbook; returns (customers, products)."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("客户档案")
    ws.append(HEADERS)
    names: set[str] = set()
    phones: set[str] = set()
    customers = products = 0
    row = 0
    while row < rows:
        company = rng.random() < 0.55
        while True:
            if company:
                name = rng.choice(("南京", "南京市", "")) + rng.choice(TRADE_NAMES) + rng.choice(TRADE_NAMES) + rng.choice(TRADES)
            else:
                name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", "", rng.choice(GIVEN)))
            if name not in names:
                break
        names.add(name)
        while True:
            if rng.random() < 0.5:
                digits = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
                key = digits
                shown: object = rng.choice((digits, f"{digits[:3]} {digits[3:7]} {digits[7:]}", int(digits)))
            else:
                local = f"{rng.randrange(2, 10)}{rng.randrange(10**7):07d}"
                key = "025" + local
                shown = rng.choice((f"025-{local}", f"025-{local[:4]} {local[4:]}", f"(025) {local}",
                                    f"025{local}", int("25" + local)))
            if key not in phones:
                break
        phones.add(key)
        district = rng.choice(list(DISTRICTS))
        address = f"南京市{district}{rng.choice(STREETS)}{rng.randrange(1, 400)}号"
        customer = [
            name,
            rng.choice(SURNAMES) + rng.choice(GIVEN) if company else None,
            shown,
            address,
            int(DISTRICTS[district]) if rng.random() < 0.5 else DISTRICTS[district],
            "郊区" if district in SUBURBS else "市区",
            rng.choice(CATEGORIES) if company else "最终用户",
            rng.choice((50, 100, 200, 500, 1000, 30.5)) if company else None,
            rng.choice(SCOPES) if company else None,
        ]
        customers += 1
        for _ in range(min(rng.choice((1, 1, 1, 1, 2, 2, 3)), rows - row)):
            bought = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 2500))
            shown_date: object = rng.choice((
                datetime(bought.year, bought.month, bought.day),
                datetime(bought.year, bought.month, bought.day),
                f"{bought.year}年{bought.month}月{bought.day}日",
                f"{bought.year}/{bought.month}/{bought.day}",
                f"{bought.year}.{bought.month}.{bought.day}",
            ))
            warranty = bought + timedelta(days=rng.choice((365, 730, 1095)))
            ws.append(customer + [
                rng.choice(MODELS),
                f"{rng.choice('ABCDEFGHJK')}{rng.randrange(10**8):08d}",
                shown_date,
                datetime(warranty.year, warranty.month, warranty.day),
                rng.choice((None, None, None, "老客户", "需预约", "周末不上班")),
            ])
            products += 1
            row += 1
    wb.save(path)
    return customers, products


def reference(path: Path) -> int:
    """openpyxl's read-only iteration: open the file, read every cell of the sheet."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for value in row:
                if value is not None:
                    cells += 1
    wb.close()
    return cells


def program(database, path: Path) -> tuple[object, dict[str, float]]:
    """The program's import: read, map, check, write, commit."""
    from crm_desktop.exports import customer_import as ci

    t0 = time.perf_counter()
    sheet = ci.read_sheet(path)
    t1 = time.perf_counter()
    plan = ci.check(database, sheet, ci.propose_mapping(sheet.headers))
    t2 = time.perf_counter()
    if not plan.ok:
        sys.exit("the benchmark's sheet has bad rows:\n" + "\n".join(plan.problem_lines()[:20]))
    result = ci.apply(database, plan, skip_duplicates=False)
    t3 = time.perf_counter()
    return result, {"read": t1 - t0, "check": t2 - t1, "write + commit": t3 - t2}


def fresh_database(template: Path, folder: Path):
    from crm_desktop import config as config_mod
    from crm_desktop.db import open_database

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copyfile(template, folder / DATABASE_FILENAME)
    return open_database(config_mod.resolve(folder))


def counts(path: Path) -> tuple[int, int]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return (con.execute("SELECT count(*) FROM customer").fetchone()[0],
                con.execute("SELECT count(*) FROM customer_product").fetchone()[0])
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile of one more program run")
    args = parser.parse_args(argv)

    import openpyxl
    import sqlalchemy

    from crm_desktop.exports import customer_import  # noqa: F401  (imports before any timer)

    out = OUT / "import"
    out.mkdir(parents=True, exist_ok=True)
    sheet_file = out / f"customers-{args.rows}.xlsx"
    t0 = time.perf_counter()
    want_customers, want_products = make_sheet(sheet_file, args.rows)
    made = time.perf_counter() - t0
    template = ensure_empty_database(OUT / "import-empty")

    print(f"Customer import benchmark: {args.rows:,} rows ({want_customers:,} customers, {want_products:,} products), "
          f"{len(HEADERS)} columns, {sheet_file.stat().st_size / 2**20:.2f} MiB ({sheet_file}, made in {made:.1f} s)")
    print(f"  Python {platform.python_version()}, openpyxl {openpyxl.__version__}, SQLAlchemy {sqlalchemy.__version__}, "
          f"SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs")
    print("  " + program_version() + "; " + load_note("at start"), flush=True)

    scratch = Path(tempfile.mkdtemp(prefix="crm-bench-import-"))
    ref_times, ref_cpu, prog_times, prog_cpu, parts = [], [], [], [], []
    try:
        # one unmeasured warm-up each
        reference(sheet_file)
        database = fresh_database(template, scratch / "warm")
        try:
            program(database, sheet_file)
        finally:
            database.dispose()
        for i in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            cells = reference(sheet_file)
            ref_times.append(time.perf_counter() - t0)
            ref_cpu.append(time.process_time() - c0)

            folder = scratch / f"run{i}"
            database = fresh_database(template, folder)
            try:
                t0, c0 = time.perf_counter(), time.process_time()
                result, steps = program(database, sheet_file)
                prog_times.append(time.perf_counter() - t0)
                prog_cpu.append(time.process_time() - c0)
            finally:
                database.dispose()
            parts.append(steps)
            have = counts(folder / DATABASE_FILENAME)
            if have != (want_customers, want_products) or (result.customers, result.products) != have:
                sys.exit(f"run {i + 1}: the database holds {have} customers/products, "
                         f"the sheet {want_customers}/{want_products}")
            shutil.rmtree(folder)
            print(f"  run {i + 1}: openpyxl {ref_times[-1]:5.2f} s (CPU {ref_cpu[-1]:5.2f})   program "
                  f"{prog_times[-1]:5.2f} s (CPU {prog_cpu[-1]:5.2f}: "
                  + ", ".join(f"{k} {v:.2f}" for k, v in steps.items()) + ")", flush=True)

        if args.profile:
            database = fresh_database(template, scratch / "profile")
            prof = cProfile.Profile()
            try:
                prof.enable()
                program(database, sheet_file)
                prof.disable()
            finally:
                database.dispose()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    ref_m, prog_m = median(ref_times), median(prog_times)
    ratio = prog_m / ref_m
    print(f"\n{args.rows:,} rows, {args.repeat} runs alternating (openpyxl, program); {cells:,} non-empty cells:")
    print("  openpyxl read-only iteration: " + "  ".join(f"{t:.2f}" for t in ref_times) + f" s   median {ref_m:.2f} s")
    print("  program import:               " + "  ".join(f"{t:.2f}" for t in prog_times) + f" s   median {prog_m:.2f} s")
    for key in parts[0]:
        print(f"    {key:<15} median {median([p[key] for p in parts]):.2f} s")
    print(f"  ratio program / openpyxl: {ratio:.2f}×   (CPU time medians {median(ref_cpu):.2f} and "
          f"{median(prog_cpu):.2f} s: {median(prog_cpu) / median(ref_cpu):.2f}×)")
    if args.profile:
        print("\ncProfile of one program run (cumulative, top 25):")
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    print("\n  " + load_note("at end"))
    ok = ratio <= TARGET_RATIO
    print(f"\nTarget: import within {TARGET_RATIO:g}× openpyxl's read-only iteration: {ratio:.2f}× — {verdict(ok)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
