"""Every printed form as a person would look at it: pictures at 150 dpi under build/forms/.

    .venv/bin/python tools/form_pictures.py [--out build/forms] [--calls 300]
    python3 dev.py form-pictures

Fills a demo data folder of its own (``OUT/demo``; never the clerk's, never dev.py start's),
makes a departure hand-over there so that its letters exist, picks for each form of forms/
the records that show the most of it — the repair card with the most parts, a voided goods
receipt, the voucher of a repair job, the busiest day of the dailies, the last month of the
registers, every list of the window — prints them through the program's own ``print`` command to PDF, and renders every
page with ``pdftoppm -r 150`` (poppler-utils) to ``OUT/FORM-N.png``. Prints what it made.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from crm_desktop.services.lists import LISTS  # noqa: E402 - from the checkout's src/


def one(con: sqlite3.Connection, sql: str) -> str | None:
    row = con.execute(sql).fetchone()
    return str(row[0]) if row and row[0] is not None else None


def choices(folder: Path) -> dict[str, list[str]]:
    """The ``print`` arguments of each form, for the records that show the most of it."""
    con = sqlite3.connect(folder / "crm_desktop.sqlite3")
    try:
        card = one(con, "SELECT c.card_no FROM repair_card c LEFT JOIN repair_part p ON p.card_id = c.id "
                        "GROUP BY c.id ORDER BY count(p.id) DESC, c.id LIMIT 1")
        receipts = [r[0] for r in con.execute(  # a voided one first: its 作废 stamp
            "SELECT receipt_no FROM goods_entry WHERE receipt_no IS NOT NULL ORDER BY (receipt_voided_at IS NULL), id LIMIT 2")]
        voucher = one(con, "SELECT s.call_no FROM service_call s JOIN goods_entry g ON g.call_id = s.id "
                           "JOIN repair_card c ON c.goods_entry_id = g.id ORDER BY s.id DESC LIMIT 1") \
            or one(con, "SELECT call_no FROM service_call ORDER BY id DESC LIMIT 1")
        busiest = one(con, "SELECT date(received_at) d FROM service_call GROUP BY d ORDER BY count(*) DESC, d DESC LIMIT 1")
        technician = one(con, "SELECT st.name FROM service_call s JOIN staff st ON st.id = s.technician_id "
                              f"WHERE date(s.received_at) = '{busiest}' GROUP BY st.id ORDER BY count(*) DESC LIMIT 1")
        handover = one(con, "SELECT handover_no FROM staff_handover ORDER BY id DESC LIMIT 1")
        contract = one(con, "SELECT c.contract_no FROM maintenance_contract c JOIN contract_product p ON p.contract_id = c.id "
                            "GROUP BY c.id ORDER BY count(*) DESC, c.start_date DESC LIMIT 1")
    finally:
        con.close()
    end = date.fromisoformat(busiest) if busiest else date.today()
    start = end.replace(day=1)
    picked: dict[str, list[str]] = {
        "call-register": ["--from", start.isoformat(), "--to", end.isoformat()],
        "goods-register": ["--from", (start - timedelta(days=62)).isoformat(), "--to", end.isoformat()],
        "customer-list": [],
    }
    if card:
        picked["repair-card"] = [card]
    if receipts:
        picked["goods-receipt"] = receipts
    if voucher:
        picked["service-voucher"] = [voucher]
    if busiest:
        picked["supervisor-daily"] = ["--date", busiest]
        picked["technician-daily"] = ["--date", busiest] + (["--technician", technician] if technician else [])
    if handover:
        picked["handover-letter"] = [handover]
    if contract:
        picked["renewal-notice"] = [contract]
    # the lists of the window, named after their layouts: the cards of the last three months,
    # last month's summary, every other list as of the demo's day
    month = (end.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    for stem, (command, needs) in LISTS.items():
        extra = {"period": ["--from", (start - timedelta(days=62)).isoformat(), "--to", end.isoformat()],
                 "month": ["--month", month]}.get(needs, [])
        picked[stem.replace("_", "-")] = [command, *extra]
    return picked


def hand_over(folder: Path) -> None:
    """A departure hand-over in the demo, so that the hand-over letters can be printed."""
    from sqlalchemy import func, select

    from crm_desktop import config
    from crm_desktop.db import open_database
    from crm_desktop.models import CustomerStaff, Handover, Staff
    from crm_desktop.services import auth, handover

    database = open_database(config.resolve(str(folder), None))
    try:
        with database.read_session() as s:
            if s.scalar(select(func.count()).select_from(Handover)):
                return
            leaver = s.scalar(select(CustomerStaff.staff_id).where(CustomerStaff.until.is_(None))
                              .group_by(CustomerStaff.staff_id).order_by(func.count().desc()).limit(1))
            others = list(s.scalars(select(Staff.id).where(Staff.active, Staff.id != leaver,
                                                           Staff.role.in_(("clerk", "manager", "supervisor")))))
            technician = s.scalar(select(Staff.id).where(Staff.active, Staff.role == "technician", Staff.id != leaver))
        if leaver is None or not others:
            return
        admin = auth.log_in(database, "admin", "admin123")
        with database.read_session() as s:
            plan = handover.departure_plan(s, leaver)
        replacements = {item.key: item.suggested_id or (technician if item.kind == "call" else others[0])
                        for item in plan.items}
        handover.hand_over(database, admin, leaver, replacements, reason="调往总公司")
    except Exception as exc:  # the letters are one form among many: the others still get their pictures
        print(f"no hand-over made for the letters: {exc}", file=sys.stderr)
    finally:
        database.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "forms")
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--dpi", type=int, default=150)
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: install poppler-utils (python3 dev.py setup does)", file=sys.stderr)
        return 2
    os.environ.update({"CRM_DESKTOP_USER": "admin", "CRM_DESKTOP_PASSWORD": "admin123",
                       "CRM_DESKTOP_SETTINGS_DIR": str(args.out / "settings"), "QT_QPA_PLATFORM": "offscreen"})
    os.environ.pop("CRM_DATABASE_URL", None)
    from crm_desktop import cli

    folder = args.out / "demo"
    if not (folder / "crm_desktop.sqlite3").exists():
        if cli.main(["demo", "--calls", str(args.calls), "--quiet", "--data-dir", str(folder)]) != 0:
            return 1
    hand_over(folder)
    made: list[Path] = []
    failed: list[str] = []
    for form, extra in choices(folder).items():
        pdf = args.out / f"{form}.pdf"
        command = [] if form.replace("-", "_") in LISTS else [form]  # a list's command comes first in extra
        if cli.main(["print", *command, *extra, "--data-dir", str(folder), "-o", str(pdf)]) != 0:
            failed.append(form)
            continue
        for old in args.out.glob(f"{form}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(args.out / form)], check=True)
        made += sorted(args.out.glob(f"{form}-*.png"))
    print(f"{len(made)} pictures at {args.dpi} dpi in {args.out}:")
    for picture in made:
        print(f"  {picture.name}")
    if failed:
        print("not printed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
