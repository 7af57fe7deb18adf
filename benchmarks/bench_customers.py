"""The customer list (I2) over 100,000 customers: the program's RegisterQuery against raw
sqlite3 doing the same.

Target (archive issue, Performance): opening the list (row count + first window), sorting
it (by code, by phone descending; it opens in the pinyin order of the names) and finding a Chinese substring (three characters through
the trigram index, two through the bigram index, with a category filter), each under 200 ms
and within 5x of raw sqlite3 (medians of warm runs).

    .venv/bin/python benchmarks/bench_customers.py [--data-dir DIR] [--rows 100000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from crm_desktop import config  # noqa: E402
from crm_desktop.db import open_database  # noqa: E402
from crm_desktop.models.name_keys import name_keys  # noqa: E402
from crm_desktop.services.registers import REGISTERS, RegisterQuery  # noqa: E402

WINDOW = 200
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
PLACES = ["上海", "北京", "南京", "杭州", "苏州", "鼓楼", "静安", "徐汇", "浦东", "宁波"]
TRADES = ["贸易", "机电", "医院", "电子", "科技", "物流", "银行", "保险", "律师事务所", "广告"]
FORMS = ["有限公司", "股份有限公司", "集团", "商行", "中心"]
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"


def fill(path: Path, rows: int) -> None:
    rnd = random.Random(7)
    con = sqlite3.connect(path)
    data = []
    for i in range(1, rows + 1):
        name = rnd.choice(PLACES) + rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(TRADES) + rnd.choice(FORMS)
        data.append((
            i, f"YH{i:06d}", name, rnd.choice(["supplier", "distributor", "special", "end_user"]),
            rnd.choice(["urban", "suburban"]), f"021-{rnd.randrange(10**7, 10**8)}",
            f"{rnd.choice(PLACES)}市{rnd.choice(PLACES)}路{rnd.randrange(1, 999)}号",
            rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN), rnd.choice([0, 0, 0, 1, 2, 3]),
            *name_keys(name).columns().values(),  # what the program writes with a name (issue 17)
        ))
    con.executemany(
        "INSERT INTO customer (id, code, name, category, district, phone, address, contact_person, vip_level,"
        " name_key, name_initials, name_pinyin,"
        " status, importance, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?, 'active', 'normal',"
        " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        data,
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()


def timed(fn, repeat: int) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="bench_customers_"))
    cfg = config.resolve(folder)
    db = open_database(cfg)
    path = cfg.sqlite_path
    with db.engine.connect() as conn:
        have = conn.exec_driver_sql("SELECT count(*) FROM customer").scalar()
    if have != args.rows:
        if have:
            raise SystemExit(f"{path} holds {have} customers, not {args.rows}: use another --data-dir")
        t = time.perf_counter()
        fill(path, args.rows)
        print(f"filled {args.rows} customers in {time.perf_counter() - t:.1f} s")
    spec = REGISTERS["customer"]
    cols = ", ".join(["id", *(c.key for c in spec.columns)])
    raw = sqlite3.connect(path)

    def raw_rows(ids):
        marks = ",".join("?" * len(ids))
        return raw.execute(f"SELECT {cols} FROM customer WHERE id IN ({marks})", ids).fetchall()

    def program(search="", sort=None, descending=False, filters=None):
        def run():
            q = RegisterQuery(db, spec)
            if sort:
                q.set_sort(sort, descending)
            if filters:
                q.set_filters(filters)
            if search:
                q.set_search(search)
            n = q.count()
            rows = q.window(0, WINDOW)
            return n, rows
        return run

    def raw_open():
        n = raw.execute("SELECT count(*) FROM customer").fetchone()[0]
        ids = [r[0] for r in raw.execute("SELECT id FROM customer ORDER BY name_key, id LIMIT ?", (WINDOW,))]
        return n, raw_rows(ids)

    def raw_sort(column, descending):
        order = "DESC" if descending else "ASC"

        def run():
            n = raw.execute("SELECT count(*) FROM customer").fetchone()[0]
            ids = [r[0] for r in raw.execute(
                f"SELECT id FROM customer ORDER BY {column} {order}, id {order} LIMIT ?", (WINDOW,))]
            return n, raw_rows(ids)
        return run

    def raw_search(index, term, category=None):
        def run():
            where = " AND c.category = ?" if category else ""
            params = (f'"{term}"', category) if category else (f'"{term}"',)
            ids = [r[0] for r in raw.execute(
                f"SELECT c.id FROM customer c JOIN {index} f ON f.rowid = c.id WHERE {index} MATCH ?{where}"
                " ORDER BY c.name_key, c.id", params)]
            return len(ids), raw_rows(ids[:WINDOW])
        return run

    def raw_filter(where, params):
        def run():
            n = raw.execute(f"SELECT count(*) FROM customer WHERE {where}", params).fetchone()[0]
            ids = [r[0] for r in raw.execute(
                f"SELECT id FROM customer WHERE {where} ORDER BY name_key, id LIMIT ?", (*params, WINDOW))]
            return n, raw_rows(ids)
        return run

    cases = [
        ("open the list (count + first window)", program(), raw_open),
        ("sort by code", program(sort="code"), raw_sort("code", False)),
        ("sort by phone, descending", program(sort="phone", descending=True), raw_sort("phone", True)),
        ("find 鼓楼王 (trigram)", program(search="鼓楼王"), raw_search("customer_fts", "鼓楼王")),
        ("find 张伟 (bigram)", program(search="张伟"), raw_search("customer_bigram", "张伟")),
        ("find 贸易 among distributors", program(search="贸易", filters={"category": "distributor"}),
         raw_search("customer_bigram", "贸易", "distributor")),
        ("filter VIP 3 + suburban", program(filters={"vip_level": 3, "district": "suburban"}),
         raw_filter("vip_level = ? AND district = ?", (3, "suburban"))),
    ]
    ok = True
    print(f"{'operation':42} {'program ms':>11} {'raw ms':>8} {'ratio':>6}  rows")
    for label, prog, rawfn in cases:
        n_prog = prog()[0]
        n_raw = rawfn()[0]
        p = timed(prog, args.repeat)
        r = timed(rawfn, args.repeat)
        ratio = p / r if r else float("inf")
        good = p < 200 and ratio <= 5
        ok &= good
        print(f"{label:42} {p:11.1f} {r:8.1f} {ratio:6.1f}  {n_prog}/{n_raw} {'ok' if good else 'MISSED'}")
    raw.close()
    db.dispose()
    print("all targets met" if ok else "some targets missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
