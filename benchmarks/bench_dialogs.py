"""Opening every dialog the clerk opens, on the 1,000,000-call demo database (issue 13):
each within 150 ms.

The main window is built as the program builds it, with the demo's administrator as the
current user (as tests/views/conftest.py does), 1280×800, offscreen. Each dialog is then
opened by the user's command: the window's slot for it where there is one (new call, the
register's double-click ``open_record``, Charges…, Audit log… …), else the function the slot
or the call's process tab calls with the record's id (``dialogs.run_step`` for a step,
``dialogs.dispatch``, ``open_archive_window``). ``QDialog.exec`` is replaced for the
measurement by a version that shows the dialog and returns at once (the dialog stays open
until the timer has stopped), so that modal and modeless dialogs are timed alike:

    from the command to the dialog shown, exposed, painted, and the event loop idle
    (construct + show + events processed until a zero timer posted after the show fires)

The records are chosen by SQL on the demo data: the call with the longest history, the
customer with the most calls, the repair card with the most parts, and for each step of the
process the most recent call in a status that offers it (a paid call where the step shows
fees). Each dialog is opened once "first" (a fresh process: its modules not yet imported, the
database file evicted from the OS page cache before the first round), then ``--repeat``
times warm, round-robin over the dialogs; the table shows the first open, the warm median
and the SQL statements one open runs.

Target: every dialog's warm median ≤ 150 ms (the first open is printed, not judged).

    .venv/bin/python benchmarks/bench_dialogs.py [--data-dir DIR] [--repeat 7] [--only k1,k2] [--profile KEY] [--sql KEY] [--no-evict]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import re
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# the window's remembered size and the like go to a scratch folder, never the machine user's own
os.environ.setdefault("CRM_DESKTOP_SETTINGS_DIR", tempfile.mkdtemp(prefix="bench-dialogs-settings-"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import OUT, ensure_demo_database, evict_os_cache, load_note, median, program_version, verdict  # noqa: E402

TARGET_MS = 150.0


@dataclass
class Case:
    key: str
    label: str
    command: Callable[[], object]
    first: float = float("nan")
    warm: list[float] = field(default_factory=list)
    role: str = "admin"  # the current user's role while it is opened
    queries: int = -1
    shown: str = ""
    error: str = ""

    @property
    def median(self) -> float:
        return median(self.warm)

    @property
    def ok(self) -> bool:
        return not self.error and self.median * 1000 <= TARGET_MS


def ms(seconds: float) -> str:
    return "—" if seconds != seconds else f"{seconds * 1000:.1f}"


def pick_records(db_file: Path) -> dict[str, int | None]:
    """The records each dialog opens, by plain SQL on the file (read-only)."""
    con = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
    one = lambda sql, *params: (con.execute(sql, params).fetchone() or [None])[0]  # noqa: E731
    ids: dict[str, int | None] = {}
    ids["call_history"] = one("SELECT call_id FROM call_step GROUP BY call_id ORDER BY count(*) DESC, call_id DESC LIMIT 1")
    ids["customer_calls"] = one(
        "SELECT customer_id FROM service_call WHERE customer_id IS NOT NULL GROUP BY customer_id "
        "ORDER BY count(*) DESC, customer_id LIMIT 1")
    ids["goods"] = one("SELECT max(id) FROM goods_entry")
    ids["card_parts"] = one("SELECT card_id FROM repair_part GROUP BY card_id ORDER BY count(*) DESC, card_id DESC LIMIT 1")
    ids["contract"] = one(
        "SELECT contract_id FROM contract_product GROUP BY contract_id ORDER BY count(*) DESC, contract_id DESC LIMIT 1")
    # the newest goods taken back with both papers (the papers dialog after 取回维修)
    ids["takeback_goods"] = one("SELECT max(g.id) FROM goods_entry g JOIN repair_card r ON r.goods_entry_id = g.id")
    papers = con.execute(
        "SELECT c.call_no, g.id, g.receipt_no, r.id, r.card_no FROM goods_entry g JOIN repair_card r ON r.goods_entry_id = g.id "
        "LEFT JOIN service_call c ON c.id = g.call_id WHERE g.id = ?", [ids["takeback_goods"]]).fetchone()
    con.close()
    return ids, papers


def call_in(db_file: Path, statuses: tuple[str, ...], paid: bool | None = None, where: str = "") -> int | None:
    """The most recent call in one of ``statuses`` (paid or not paid when asked)."""
    con = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
    sql = f"SELECT id FROM service_call WHERE status IN ({', '.join('?' * len(statuses))})"
    params: list = list(statuses)
    if paid is not None:
        sql += " AND service_kind " + ("= 'A'" if paid else "<> 'A'")  # ServiceKind.PAID
    if where:
        sql += " AND " + where
    row = con.execute(sql + " ORDER BY received_at DESC, id DESC LIMIT 1", params).fetchone()
    con.close()
    return row[0] if row else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=OUT / "calls-1m", help="data folder (made once if missing)")
    parser.add_argument("--calls", type=int, default=1_000_000, help="demo calls when the folder must be made")
    parser.add_argument("--repeat", type=int, default=7, help="warm opens of each dialog (default 7)")
    parser.add_argument("--only", help="comma-separated dialog keys (see the table)")
    parser.add_argument("--profile", help="cProfile one warm open of this dialog key and print the top")
    parser.add_argument("--sql", help="print the SQL statements (with their time) of one warm open of this dialog key")
    parser.add_argument("--no-evict", action="store_true", help="keep the file in the OS page cache for the first opens")
    args = parser.parse_args()

    data_dir = args.data_dir.resolve()
    db_file = ensure_demo_database(data_dir, args.calls)
    print(load_note("at start"))
    print(program_version())
    print(f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {db_file} "
          f"({db_file.stat().st_size / 2**30:.2f} GB)")

    t0 = time.perf_counter()
    ids, papers_of = pick_records(db_file)
    print(f"records chosen by SQL in {time.perf_counter() - t0:.1f} s: {ids}")

    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QSettings, Qt, QTimer, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
    from sqlalchemy import event, select

    from crm_desktop import config as config_mod
    from crm_desktop.app import make_application
    from crm_desktop.db import open_database
    from crm_desktop.models import Staff
    from crm_desktop.services.process import Step

    QCoreApplication.setOrganizationName("crm_desktop-bench")  # the window's settings not the user's
    QCoreApplication.setApplicationName("bench_dialogs")
    app = make_application()
    QSettings().clear()
    previous_handler = None

    def quiet_offscreen(mode, context, message):  # the offscreen plugin's noise on every show()
        if "propagateSizeHints" in message:
            return
        if previous_handler is not None:
            previous_handler(mode, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous_handler = qInstallMessageHandler(quiet_offscreen)

    # -- dialogs shown, not run: exec() returns at once, the dialog stays until timed -----
    messages: list[str] = []

    def exec_shown(dialog: QDialog) -> int:
        dialog.show()
        return QDialog.DialogCode.Rejected

    def message_exec(box: QMessageBox) -> int:  # an error or a refusal: recorded, the case fails
        messages.append(f"{box.windowTitle()}: {box.text()}")
        return QMessageBox.StandardButton.Ok

    QDialog.exec = exec_shown
    QMessageBox.exec = message_exec
    for name in ("warning", "critical", "information", "question"):
        setattr(QMessageBox, name, staticmethod(lambda parent, title, text, *a, **k: messages.append(f"{title}: {text}")
                                                or QMessageBox.StandardButton.Ok))

    database = open_database(config_mod.resolve(data_dir))
    with database.read_session() as s:  # the first active member of each role
        by_role = {}
        for staff_id, role in s.execute(select(Staff.id, Staff.role).where(Staff.active).order_by(Staff.id)):
            by_role.setdefault(role, staff_id)
    admin = by_role["admin"]

    statements: list[tuple[str, float]] | None = None
    started: dict[int, float] = {}

    @event.listens_for(database.engine, "before_cursor_execute")
    def _before(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        started[id(cursor)] = time.perf_counter()

    @event.listens_for(database.engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        if statements is not None:
            statements.append((statement, time.perf_counter() - started.pop(id(cursor), time.perf_counter())))

    t0 = time.perf_counter()
    from crm_desktop.views.main_window import MainWindow

    window = MainWindow(database, current_user_id=admin)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    print(f"main window built and shown in {time.perf_counter() - t0:.1f} s (not measured)")
    uid = window.current_user_id

    from crm_desktop.views import dialogs
    from crm_desktop.views.archive.archive_window import open_archive_window

    # -- the cases ----------------------------------------------------------------------
    cases: list[Case] = []

    def add(key: str, label: str, command: Callable[[], object], needed: int | None = 0, role: str = "admin") -> None:
        if needed is None:
            print(f"  {key}: no record in the demo data for it, left out")
            return
        cases.append(Case(key, label, command, role=role))

    add("call_new", "new service call (New service call…)", window.new_call)
    add("call_history", f"service call, longest history (id {ids['call_history']})",
        lambda: window.open_record("service_call", ids["call_history"]), ids["call_history"])
    add("customer_new", "new customer", window.new_customer)
    add("customer_calls", f"customer with the most calls (id {ids['customer_calls']})",
        lambda: window.open_record("customer", ids["customer_calls"]), ids["customer_calls"])
    add("goods_new", "new goods entry (from the goods register)", lambda: dialogs.new_goods_entry(window, database, window.after_save))
    add("goods", f"goods entry, newest (id {ids['goods']})", lambda: window.open_record("goods_entry", ids["goods"]), ids["goods"])
    add("card_new", "new repair card", window.new_repair_card)
    add("card_parts", f"repair card, most parts (id {ids['card_parts']})",
        lambda: window.open_record("repair_card", ids["card_parts"]), ids["card_parts"])

    # the steps: the most recent call in a status that offers each (paid where fees show)
    steps: list[tuple[str, tuple[str, ...], bool | None, str]] = [
        (Step.DISPATCH, ("registered",), None, ""),
        (Step.ARRIVE, ("dispatched",), None, ""),
        (Step.COMPLETE_ON_SITE, ("arrived",), True, ""),
        (Step.TAKE_BACK, ("arrived",), None, ""),
        (Step.SIGN, ("completed_on_site", "returned"), True, ""),
        (Step.STRIKE_OFF, ("signed_on_site",), None, ""),
        (Step.QUOTE, ("taken_back",), True, ""),
        (Step.CONSENT, ("taken_back",), True, ""),
        (Step.START_REPAIR, ("taken_back",), True, ""),
        (Step.FINISH_REPAIR, ("in_repair",), True, ""),
        (Step.INSPECT, ("repaired",), None, ""),
        (Step.RETURN_GOODS, ("inspected",), None, ""),
        (Step.RETURN_UNREPAIRED, ("taken_back", "in_repair"), None, ""),
        (Step.VOID_RECEIPT, ("return_signed",), None, ""),
        (Step.CLOSE, ("receipt_voided",), None, ""),
        (Step.CANCEL, ("registered", "dispatched"), None, ""),
        (Step.SET_FEE, ("completed_on_site", "taken_back", "in_repair"), True, ""),
        (Step.COLLECT_FEE, ("completed_on_site", "signed_on_site", "struck_off"), True, ""),
        (Step.HAND_OVER_FEE, ("completed_on_site", "signed_on_site", "struck_off"), True, ""),
        (Step.INVOICE, ("struck_off", "inspected"), True, ""),
        (Step.ESCALATE, ("taken_back", "in_repair"), None, ""),
        (Step.CHANGE_KIND, ("registered", "dispatched"), None, ""),
        (Step.UNDO, ("in_repair", "repaired", "inspected"), None, ""),
    ]
    for step, statuses, paid, where in steps:
        call_id = call_in(db_file, statuses, paid, where)
        if step == Step.DISPATCH:
            command = (lambda c=call_id: dialogs.dispatch(window, database, c, window.after_save, uid))
        elif step == Step.CHANGE_KIND:
            command = (lambda c=call_id: dialogs.change_kind(window, database, c, window.after_save, uid))
        else:  # the call's process tab (and 取回维修 from the register) open the step's form so
            command = (lambda c=call_id, s=step: dialogs.run_step(window, database, c, s, uid, window.after_save))
        add(f"step_{step}", f"step {step} (call {call_id}, {'/'.join(statuses)})", command, call_id)

    def takeback_papers() -> None:  # as TakeBackDialog.accept opens it, with what it has in hand
        from crm_desktop.views.dialogs.takeback_papers import TakeBackPapersDialog

        call_no, entry_id, receipt_no, card_id, card_no = papers_of
        dialog = TakeBackPapersDialog(database, call_no or receipt_no, (entry_id, receipt_no), (card_id, card_no), window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    add("takeback_papers", "papers after 取回维修 (receipt and card numbers)", takeback_papers, ids["takeback_goods"])

    def contract_dialog() -> None:
        from crm_desktop.views.dialogs.contracts_dialog import ContractDialog

        dialogs.form.run_dialog(ContractDialog(database, ids["contract"], window), None)

    add("contracts", "maintenance contracts (Contracts…)", window.manage_contracts)
    add("contract", f"one contract, most machines (id {ids['contract']})", contract_dialog, ids["contract"])
    add("pricing", "charges: labour rates and price list", window.edit_pricing)
    add("calendar", "working calendar", window.edit_calendar)
    add("branch", "branch details", window.edit_branch)
    add("accounts", "staff and accounts", window.manage_accounts)
    add("audit_log", "audit log", window.open_audit_log)
    add("daily_report", "daily reports", window.open_daily_reports)
    add("archive", f"customer archive, most calls (id {ids['customer_calls']})",
        lambda: open_archive_window(window, database, ids["customer_calls"], user=window.logged_in(),
                                    current_user_id=window.current_user_id), ids["customer_calls"], role="manager")
    add("understaffed", "customers short of responsible staff", window.open_understaffed)
    add("handover", "departure hand-over wizard", window.hand_over)
    add("import", "customer import wizard", window.import_customers)
    add("password", "change password", window.change_password)
    add("shortcuts", "keyboard shortcuts", window.show_shortcuts)

    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {c.key for c in cases}
        if unknown:
            sys.exit(f"unknown keys: {', '.join(sorted(unknown))}; known: {', '.join(c.key for c in cases)}")
        cases = [c for c in cases if c.key in wanted]

    # -- measuring ------------------------------------------------------------------------
    def settle() -> None:
        """Events processed until a zero timer posted now has fired (twice: what the first
        round of events posted is done too)."""
        for _ in range(2):
            fired: list[bool] = []
            QTimer.singleShot(0, lambda: fired.append(True))
            while not fired:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)

    def visible_windows() -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]

    def open_once(case: Case) -> float:
        before = set(map(id, visible_windows()))
        messages.clear()
        t0 = time.perf_counter()
        case.command()
        new = [w for w in visible_windows() if id(w) not in before]
        deadline = time.perf_counter() + 5
        for w in new:
            while not (w.windowHandle() is not None and w.windowHandle().isExposed()) and time.perf_counter() < deadline:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        settle()
        elapsed = time.perf_counter() - t0
        case.shown = " + ".join(w.windowTitle() for w in new)
        for w in new:
            w.close()
            w.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
        if messages:
            raise RuntimeError("; ".join(messages))
        if not new:
            raise RuntimeError("no dialog was shown")
        return elapsed

    def use_role(case: Case) -> None:
        """The current user the case is opened by (switched outside the timer)."""
        if window.current_user is None or window.current_user.role != case.role:
            window.set_current_user(by_role[case.role])

    def run(case: Case, into_first: bool) -> None:
        if case.error:
            return
        use_role(case)
        try:
            elapsed = open_once(case)
        except Exception as exc:  # noqa: BLE001 - shown in the table, the case fails
            case.error = f"{type(exc).__name__}: {exc}"
            return
        if into_first:
            case.first = elapsed
        else:
            case.warm.append(elapsed)

    if not args.no_evict:
        evicted = evict_os_cache(db_file)
        print("database file evicted from the OS page cache before the first opens" if evicted
              else "could not evict the file from the OS page cache")
    print(f"\nopening {len(cases)} dialogs: once first, then {args.repeat} warm rounds …", flush=True)
    t_all = time.perf_counter()
    for case in cases:
        run(case, True)
    for _ in range(args.repeat):
        for case in cases:
            run(case, False)
    for case in cases:  # the statements of one more warm open
        if case.error:
            continue
        statements = []
        try:
            use_role(case)
            open_once(case)
        except Exception:  # noqa: BLE001
            pass
        case.queries = len(statements)
        statements = None
    print(f"done in {time.perf_counter() - t_all:.0f} s")

    # -- the table ------------------------------------------------------------------------
    width = max(len(c.key) for c in cases)
    print(f"\n{'dialog':<{width}}  {'first ms':>9}  {'warm ms':>8}  {'min':>7}  {'max':>7}  {'SQL':>4}  target ≤ {TARGET_MS:.0f} ms")
    for c in cases:
        low = ms(min(c.warm)) if c.warm else "—"
        high = ms(max(c.warm)) if c.warm else "—"
        mark = "ERROR " + c.error if c.error else verdict(c.ok)
        print(f"{c.key:<{width}}  {ms(c.first):>9}  {ms(c.median):>8}  {low:>7}  {high:>7}  {c.queries:>4}  {mark}")
    print()
    for c in cases:
        print(f"  {c.key:<{width}}  {c.label}; shown: {c.shown}")

    for key, mode in ((args.profile, "profile"), (args.sql, "sql")):
        if not key:
            continue
        case = next((c for c in cases if c.key == key), None)
        if case is None:
            print(f"\n--{mode} {key}: no such dialog")
            continue
        use_role(case)
        if mode == "profile":
            profiler = cProfile.Profile()
            profiler.enable()
            open_once(case)
            profiler.disable()
            print(f"\n-- cProfile of one warm open of {key} (cumulative, top 45) --")
            pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(45)
        else:
            statements = []
            open_once(case)
            print(f"\n-- SQL of one warm open of {key}: {len(statements)} statements, "
                  f"{sum(t for _s, t in statements) * 1000:.1f} ms in execute --")
            for sql, seconds in statements:
                flat = re.sub(r"\s+", " ", sql)
                print(f"  {seconds * 1000:7.2f} ms  {flat[:300]}")
            statements = None

    missed = [c for c in cases if not c.ok]
    print()
    print(load_note("at end"))
    print(f"verdict: {len(cases) - len(missed)} of {len(cases)} dialogs open within {TARGET_MS:.0f} ms (warm median): "
          + verdict(not missed) + (f" — missed: {', '.join(c.key for c in missed)}" if missed else ""))
    window.close()
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
