"""The command line: the GUI by default, headless commands by name.

    crm-desktop [--data-dir DIR | --database-url URL] [--smoke [--smoke-print]]
    crm-desktop demo [--calls N] [--seed N] [--data-dir DIR | --database-url URL]
    crm-desktop backup [--data-dir DIR]
    crm-desktop restore BACKUP [--data-dir DIR] [--user NAME]
    crm-desktop print repair-card|goods-receipt|service-voucher NUMBER... -o FILE.pdf
    crm-desktop print call-register|goods-register --from DATE --to DATE -o FILE.pdf
    crm-desktop print technician-daily|supervisor-daily --date DATE [--technician NAME] -o FILE.pdf
    crm-desktop print customer-list [--category C] [--district D] [--vip N] [--status S] [--staff NAME] [--search TEXT] -o FILE.pdf
    crm-desktop print|export LIST [--from DATE --to DATE] [--date DATE] [--month YYYY-MM] [--search TEXT] -o FILE.pdf|FILE.xlsx
        (LIST: repair-card-register, contracts, renewals-due, short-of-staff, repairs-at-risk,
         invoices-to-issue, waiting-calls, audit-log, monthly-summary)

Help texts and messages are English source strings translated like the GUI's.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys

from . import __version__, console
from .i18n import QT_TRANSLATE_NOOP, Translate

HELP = {
    "description": QT_TRANSLATE_NOOP("Cli", "crm_desktop: the after-sales service registers of the branch office"),
    "data_dir": QT_TRANSLATE_NOOP(
        "Cli", "data folder (database, backups, log); default: CRM_DESKTOP_DATA_DIR or the user's application-data folder"
    ),
    "database_url": QT_TRANSLATE_NOOP("Cli", "any SQLAlchemy URL; default: CRM_DATABASE_URL or a SQLite file in the data folder"),
    "smoke_print": QT_TRANSLATE_NOOP("Cli", "with --smoke: also draw a repair card and show it in the print preview"),
    "smoke": QT_TRANSLATE_NOOP("Cli", "start the window without waiting for input, open every register, exit 0 if all went well"),
    "demo": QT_TRANSLATE_NOOP("Cli", "fill a database with realistic demo data"),
    "calls": QT_TRANSLATE_NOOP("Cli", "number of service calls (default 300)"),
    "seed": QT_TRANSLATE_NOOP("Cli", "random seed, for repeatable data"),
    "quiet": QT_TRANSLATE_NOOP("Cli", "print no progress"),
    "backup": QT_TRANSLATE_NOOP(
        "Cli", "copy the SQLite database into the data folder's backups/, checked (integrity and row counts) before "
               "it is kept"),
    "backup_also_to": QT_TRANSLATE_NOOP(
        "Cli", "also copy the checked backup to this folder (a USB disk, a share), keeping 30 days and 12 month-ends there; "
               "without it, to the second folder set in the window (文件 → 备份与恢复), if any"),
    "restore": QT_TRANSLATE_NOOP(
        "Cli", "put a backup back in place of the database: the backup is checked, the database in use is set aside "
               "in backups/replaced/ (never deleted), numbers already issued are never issued again, and the records "
               "the backup lacks are listed to be entered again"),
    "restore_backup": QT_TRANSLATE_NOOP("Cli", "the backup file (.sqlite3), e.g. from the data folder's backups/"),
    "audit": QT_TRANSLATE_NOOP("Cli", "the audit log"),
    "audit_verify": QT_TRANSLATE_NOOP(
        "Cli", "check that no line of the audit log was changed, removed or slipped in outside the program "
               "(exit 0: intact, 7: broken)"),
    "version": QT_TRANSLATE_NOOP("Cli", "show the version and exit"),
    "print": QT_TRANSLATE_NOOP("Cli", "print forms to a PDF file: repair cards, goods receipts, service vouchers by number; registers for a period; daily reports"),
    "form": QT_TRANSLATE_NOOP("Cli", "the form: {forms}"),
    "numbers": QT_TRANSLATE_NOOP("Cli", "the numbers of the records to print (repair card, receipt or call number)"),
    "output": QT_TRANSLATE_NOOP("Cli", "the PDF file to write"),
    "date_from": QT_TRANSLATE_NOOP("Cli", "first day of the period (registers)"),
    "date_to": QT_TRANSLATE_NOOP("Cli", "last day of the period (registers)"),
    "date": QT_TRANSLATE_NOOP("Cli", "the day (daily reports)"),
    "technician": QT_TRANSLATE_NOOP("Cli", "only this technician's daily report (default: every technician who worked that day)"),
    "report": QT_TRANSLATE_NOOP("Cli", "the daily reports (PDF or Excel) and the monthly technician report (Excel)"),
    "report_daily": QT_TRANSLATE_NOOP("Cli", "a day's supervisor report, or one technician's (S10–S12), as .pdf or .xlsx"),
    "report_monthly": QT_TRANSLATE_NOOP("Cli", "the monthly technician report as .xlsx"),
    "month": QT_TRANSLATE_NOOP("Cli", "the month, e.g. 2026-10"),
    "report_output": QT_TRANSLATE_NOOP("Cli", "the file to write; its ending (.pdf or .xlsx) chooses the format"),
}
# the customer list's filters, as the customer register's filter bar offers them (I2)
CUSTOMER_LIST_HELP = {
    "category": QT_TRANSLATE_NOOP("Cli", "customer list: only this category (supplier, distributor, special, end_user)"),
    "district": QT_TRANSLATE_NOOP("Cli", "customer list: only this district (urban, suburban)"),
    "vip": QT_TRANSLATE_NOOP("Cli", "customer list: only this VIP level (0, 1, 2, 3)"),
    "status": QT_TRANSLATE_NOOP("Cli", "customer list: only this status (prospect, active, inactive)"),
    "staff": QT_TRANSLATE_NOOP("Cli", "customer list: only the customers this member of staff is responsible for"),
    "search": QT_TRANSLATE_NOOP(
        "Cli", "customer list, contracts, audit log: only the lines this search finds (as in the window's search box)"),
}
LIST_HELP = {
    "as_of": QT_TRANSLATE_NOOP("Cli", "lists: the day they are drawn up for (default: today)"),
    "month": QT_TRANSLATE_NOOP("Cli", "monthly summary: the month, e.g. 2026-10"),
}
LIST_OPTIONS_ONLY = QT_TRANSLATE_NOOP("Cli", "--{option} does not apply to the {form}.")
CUSTOMER_LIST_OPTIONS = ("category", "district", "vip", "status", "staff", "search")
PRINT_CUSTOMER_LIST_NO_NUMBERS = QT_TRANSLATE_NOOP(
    "Cli", "The customer list is not printed by number; choose its customers with --category, --district, --vip, "
    "--status, --staff and --search.")
PRINT_FILTERS_ONLY_CUSTOMER_LIST = QT_TRANSLATE_NOOP(
    "Cli", "--category, --district, --vip, --status, --staff and --search choose the customers of the customer list; "
    "the {form} does not take them.")
IMPORT_HELP = {
    "import": QT_TRANSLATE_NOOP("Cli", "import customers and their products from an Excel workbook, all rows or none"),
    "what": QT_TRANSLATE_NOOP("Cli", "what to import: customers"),
    "file": QT_TRANSLATE_NOOP("Cli", "the workbook (.xlsx)"),
    "dry_run": QT_TRANSLATE_NOOP("Cli", "check every row and report, write nothing"),
    "sheet": QT_TRANSLATE_NOOP("Cli", "the sheet to read (default: the first with data)"),
    "skip": QT_TRANSLATE_NOOP("Cli", "leave out the rows that look like customers already in the database"),
    "keep": QT_TRANSLATE_NOOP("Cli", "import the rows that look like existing customers anyway"),
}
EXPORT_HELP = {
    "export": QT_TRANSLATE_NOOP("Cli", "export a register to an Excel workbook, as searched and sorted"),
    "register": QT_TRANSLATE_NOOP(
        "Cli", "the register (service-call, goods-entry, repair-card or customer) or a list (repair-card-register, "
               "contracts, renewals-due, short-of-staff, repairs-at-risk, invoices-to-issue, waiting-calls, audit-log, "
               "monthly-summary)"),
    "output": QT_TRANSLATE_NOOP("Cli", "the workbook to write (.xlsx)"),
    "search": QT_TRANSLATE_NOOP("Cli", "only the rows this search finds (as in the register's search box)"),
    "sort": QT_TRANSLATE_NOOP("Cli", "the column to sort by (its name or its header)"),
    "descending": QT_TRANSLATE_NOOP("Cli", "sort descending"),
}
EXPORTED = QT_TRANSLATE_NOOP("Cli", "{file}: {rows} rows")
REPORT_FORMAT = QT_TRANSLATE_NOOP("Cli", "Write the report to a .pdf or .xlsx file, not {file}.")
REPORT_MONTHLY_FORMAT = QT_TRANSLATE_NOOP("Cli", "The monthly report is a workbook: give a .xlsx file, not {file}.")
WROTE = QT_TRANSLATE_NOOP("Cli", "{file} written")
PRINT_NEEDS_NUMBERS = QT_TRANSLATE_NOOP("Cli", "Give the number of at least one {form} to print.")
PRINT_NEEDS_PERIOD = QT_TRANSLATE_NOOP("Cli", "The {form} is printed for a period: give --from and --to.")
PRINT_NEEDS_DAY = QT_TRANSLATE_NOOP("Cli", "The {form} is printed for a day: give --date.")
PRINT_NO_NUMBERS = QT_TRANSLATE_NOOP("Cli", "The {form} is not printed by number; give the period or day instead.")
PRINTED = QT_TRANSLATE_NOOP("Cli", "{file}: {records} record(s), {pages} page(s)")
PRINT_TRUNCATED = QT_TRANSLATE_NOOP("Cli", "Warning: the layout's box {key} is too small, its text was cut on record {record}.")
NOT_SQLITE = QT_TRANSLATE_NOOP("Cli", "The backup command copies SQLite files only; use the database server's own tools.")


HEADLESS_COMMANDS = ("demo", "backup", "restore", "print", "report", "export", "import", "audit")
# printing.forms.BY_COMMAND's names, written out: the parser is built at every start, and
# importing the forms' module for them would slow the window's start-up (a test keeps the two equal)
LIST_COMMANDS = ("repair-card-register", "contracts", "renewals-due", "short-of-staff", "repairs-at-risk",
                 "invoices-to-issue", "waiting-calls", "audit-log", "monthly-summary")
PRINT_FORMS = ("repair-card", "goods-receipt", "service-voucher", "call-register", "goods-register",
               "technician-daily", "supervisor-daily", "customer-list",
               "handover-letter", "renewal-notice", *LIST_COMMANDS)


USER_HELP = QT_TRANSLATE_NOOP(
    "Cli", "act as this user (the password is asked for); for scheduled jobs set CRM_DESKTOP_USER and CRM_DESKTOP_PASSWORD")
NO_USER = QT_TRANSLATE_NOOP("Cli", "Say who you are: --user NAME, or CRM_DESKTOP_USER and CRM_DESKTOP_PASSWORD.")
NO_PASSWORD = QT_TRANSLATE_NOOP("Cli", "No password: run the command in a terminal, or set CRM_DESKTOP_PASSWORD.")
FAILED = QT_TRANSLATE_NOOP(
    "Cli", "The command failed because of an error in the program; nothing was left half done. The details are "
           "in the log file {log}: send it to whoever looks after the program.")
FOLDER_BUSY = QT_TRANSLATE_NOOP(
    "Cli", "The database stayed busy with another program's writing, so nothing was written: {holder} Try again "
           "when it has finished saving (or close it).")
NO_OUTPUT_FOLDER = QT_TRANSLATE_NOOP("Cli", "The folder {folder} does not exist: choose a file in a folder that exists.")
BACKUP_CHECKED = QT_TRANSLATE_NOOP("Cli", "Checked ({check}: ok). Rows: {counts}.")
MUST_CHANGE_FIRST = QT_TRANSLATE_NOOP(
    "Cli", "{login} still has a one-time password: log in at the program's window once and choose a password of "
           "your own, then run the command again.")
PASSWORD_PROMPT = QT_TRANSLATE_NOOP("Cli", "Password for {login}: ")
USER_ENV, PASSWORD_ENV = "CRM_DESKTOP_USER", "CRM_DESKTOP_PASSWORD"


def _add_user_option(parser: argparse.ArgumentParser, tr) -> None:
    parser.add_argument("--user", metavar="NAME", help=tr(USER_HELP))


def _headless_user(database, args, translate: Translate | None):
    """The user a headless command acts as, logged in like at the window (counted, audited)."""
    import getpass
    import os

    from .errors import UserError
    from .services import auth

    with database.read_session() as session:
        if not auth.has_accounts(session):
            raise UserError(auth.NOT_SET_UP, "user")
    login = args.user or os.environ.get(USER_ENV)
    if not login:
        raise UserError(NO_USER, "user")
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise UserError(NO_PASSWORD, "password")
        password = getpass.getpass(PASSWORD_PROMPT.tr(translate, login=login))
    user = auth.log_in(database, login, password)
    if user.must_change_password:  # a one-time password is for the next login at the window only
        raise UserError(MUST_CHANGE_FIRST, "password", login=login)
    return user


def _add_location_options(parser: argparse.ArgumentParser, tr, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--data-dir", default=default, help=tr(HELP["data_dir"]))
    parser.add_argument("--database-url", default=default, help=tr(HELP["database_url"]))


def build_parser(translate: Translate | None = None) -> argparse.ArgumentParser:
    def tr(msg) -> str:
        return msg.tr(translate)

    parser = argparse.ArgumentParser(prog="crm-desktop", description=tr(HELP["description"]))
    parser.add_argument("--version", action="version", version=f"crm_desktop {__version__}", help=tr(HELP["version"]))
    _add_location_options(parser, tr, suppress=False)
    parser.add_argument("--smoke", action="store_true", help=tr(HELP["smoke"]))
    parser.add_argument("--smoke-print", action="store_true", help=tr(HELP["smoke_print"]))
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser("demo", help=tr(HELP["demo"]), description=tr(HELP["demo"]))
    _add_location_options(demo, tr, suppress=True)
    demo.add_argument("--calls", type=int, default=300, help=tr(HELP["calls"]))
    demo.add_argument("--seed", type=int, default=20261128, help=tr(HELP["seed"]))
    demo.add_argument("--quiet", action="store_true", help=tr(HELP["quiet"]))

    backup = sub.add_parser("backup", help=tr(HELP["backup"]), description=tr(HELP["backup"]))
    _add_location_options(backup, tr, suppress=True)
    backup.add_argument("--also-to", metavar="FOLDER", help=tr(HELP["backup_also_to"]))

    restoring = sub.add_parser("restore", help=tr(HELP["restore"]), description=tr(HELP["restore"]))
    _add_location_options(restoring, tr, suppress=True)
    _add_user_option(restoring, tr)
    restoring.add_argument("backup", metavar="BACKUP", help=tr(HELP["restore_backup"]))

    printing = sub.add_parser("print", help=tr(HELP["print"]), description=tr(HELP["print"]))
    _add_location_options(printing, tr, suppress=True)
    _add_user_option(printing, tr)
    printing.add_argument("form", choices=PRINT_FORMS, metavar="FORM", help=HELP["form"].tr(translate, forms=", ".join(PRINT_FORMS)))
    printing.add_argument("numbers", nargs="*", metavar="NUMBER", help=tr(HELP["numbers"]))
    printing.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help=tr(HELP["output"]))
    printing.add_argument("--from", dest="date_from", metavar="DATE", help=tr(HELP["date_from"]))
    printing.add_argument("--to", dest="date_to", metavar="DATE", help=tr(HELP["date_to"]))
    printing.add_argument("--date", metavar="DATE", help=tr(HELP["date"]))
    printing.add_argument("--technician", metavar="NAME", help=tr(HELP["technician"]))
    printing.add_argument("--month", metavar="YYYY-MM", help=tr(LIST_HELP["month"]))
    for option, metavar in zip(CUSTOMER_LIST_OPTIONS, ("C", "D", "N", "S", "NAME", "TEXT")):
        printing.add_argument(f"--{option}", metavar=metavar, help=tr(CUSTOMER_LIST_HELP[option]))

    report = sub.add_parser("report", help=tr(HELP["report"]), description=tr(HELP["report"]))
    kinds = report.add_subparsers(dest="report", required=True)
    daily = kinds.add_parser("daily", help=tr(HELP["report_daily"]), description=tr(HELP["report_daily"]))
    _add_location_options(daily, tr, suppress=True)
    _add_user_option(daily, tr)
    daily.add_argument("--date", required=True, metavar="DATE", help=tr(HELP["date"]))
    daily.add_argument("--technician", metavar="NAME", help=tr(HELP["technician"]))
    daily.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.xlsx", help=tr(HELP["report_output"]))
    monthly = kinds.add_parser("monthly", help=tr(HELP["report_monthly"]), description=tr(HELP["report_monthly"]))
    _add_location_options(monthly, tr, suppress=True)
    _add_user_option(monthly, tr)
    monthly.add_argument("--month", required=True, metavar="YYYY-MM", help=tr(HELP["month"]))
    monthly.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help=tr(HELP["report_output"]))

    exporting = sub.add_parser("export", help=tr(EXPORT_HELP["export"]), description=tr(EXPORT_HELP["export"]))
    _add_location_options(exporting, tr, suppress=True)
    _add_user_option(exporting, tr)
    exporting.add_argument("register", metavar="REGISTER", help=tr(EXPORT_HELP["register"]))
    exporting.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help=tr(EXPORT_HELP["output"]))
    exporting.add_argument("--search", metavar="TEXT", help=tr(EXPORT_HELP["search"]))
    exporting.add_argument("--sort", metavar="COLUMN", help=tr(EXPORT_HELP["sort"]))
    exporting.add_argument("--descending", action="store_true", help=tr(EXPORT_HELP["descending"]))
    exporting.add_argument("--from", dest="date_from", metavar="DATE", help=tr(HELP["date_from"]))
    exporting.add_argument("--to", dest="date_to", metavar="DATE", help=tr(HELP["date_to"]))
    exporting.add_argument("--date", metavar="DATE", help=tr(LIST_HELP["as_of"]))
    exporting.add_argument("--month", metavar="YYYY-MM", help=tr(LIST_HELP["month"]))

    importing = sub.add_parser("import", help=tr(IMPORT_HELP["import"]), description=tr(IMPORT_HELP["import"]))
    _add_location_options(importing, tr, suppress=True)
    _add_user_option(importing, tr)
    importing.add_argument("what", choices=["customers"], help=tr(IMPORT_HELP["what"]))
    importing.add_argument("file", metavar="FILE.xlsx", help=tr(IMPORT_HELP["file"]))
    importing.add_argument("--dry-run", action="store_true", help=tr(IMPORT_HELP["dry_run"]))
    importing.add_argument("--sheet", help=tr(IMPORT_HELP["sheet"]))
    duplicates = importing.add_mutually_exclusive_group()
    duplicates.add_argument("--skip-duplicates", dest="duplicates", action="store_const", const=True, default=None,
                            help=tr(IMPORT_HELP["skip"]))
    duplicates.add_argument("--import-duplicates", dest="duplicates", action="store_const", const=False,
                            help=tr(IMPORT_HELP["keep"]))

    auditing = sub.add_parser("audit", help=tr(HELP["audit"]), description=tr(HELP["audit"]))
    _add_location_options(auditing, tr, suppress=True)
    _add_user_option(auditing, tr)
    audit_kinds = auditing.add_subparsers(dest="audit_command", required=True)
    verify = audit_kinds.add_parser("verify", help=tr(HELP["audit_verify"]), description=tr(HELP["audit_verify"]))
    _add_location_options(verify, tr, suppress=True)
    _add_user_option(verify, tr)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Chinese output on any console, file or pipe: never a UnicodeEncodeError (console.py)
    console.make_output_safe()
    wants_help = any(a in ("-h", "--help") for a in argv)
    translate = None
    if wants_help or any(a in HEADLESS_COMMANDS for a in argv):
        from .translation import standalone_translate

        translate = standalone_translate()
    args = build_parser(translate).parse_args(argv)
    if args.command is None:
        # SQLAlchemy and the models before PySide6: once PySide6 is imported its import
        # hook inspects every later module, which made start-up a tenth slower.
        # Start-up makes over 100,000 objects that live as long as the program (modules,
        # classes, SQLAlchemy's mappers, Qt wrappers). The cyclic garbage collector walked
        # them again and again while they were being made (0.14 s of a 0.95 s --smoke) and
        # in every full collection after, at exit too (0.17 s): it stays off until
        # app.run_gui has made them and set them aside for good (app.start_up_done).
        gc.disable()
        try:
            from . import db  # noqa: F401
            from .app import run_gui
            from .services import registers  # noqa: F401

            return run_gui(args)
        finally:
            gc.enable()  # even when run_gui failed before its start-up was done
    return _run_headless(args, translate)


def _run_headless(args: argparse.Namespace, translate: Translate | None) -> int:
    """Exit 0 when done, 2 with the message when refused, a fault's own code with its
    message when the machine failed (faults.py: 3 locked … 7 damaged); a bug goes on up
    with its traceback (exit 1)."""
    from . import config as config_mod
    from . import faults
    from .errors import UserError

    cfg = None
    try:
        # inside: a data folder that cannot be made or a log that cannot be written is a fault too
        cfg = config_mod.resolve(args.data_dir, args.database_url)
        config_mod.setup_logging(cfg)
        _check_output_folder(args)
        if args.command == "demo":
            return _cmd_demo(cfg, args, translate)
        if args.command == "backup":
            return _cmd_backup(cfg, args, translate)
        if args.command == "restore":
            return _cmd_restore(cfg, args, translate)
        if args.command == "print":
            return _cmd_print(cfg, args, translate)
        if args.command == "report":
            return _cmd_report(cfg, args, translate)
        if args.command == "import":
            return _cmd_import(cfg, args, translate)
        if args.command == "export":
            return _cmd_export(cfg, args, translate)
        if args.command == "audit":
            return _cmd_audit(cfg, args, translate)
    except UserError as exc:
        print(exc.render(translate), file=sys.stderr)
        return 2
    except Exception as exc:
        found = faults.diagnose(exc, cfg.sqlite_path if cfg is not None else None)
        if found is None:
            # a bug: its traceback goes to the log only; the user reads a sentence and where to look
            logging.getLogger(__name__).exception("command %s failed", args.command)
            log_file = config_mod.current_log_file()
            print(FAILED.tr(translate, log=str(log_file) if log_file else "—"), file=sys.stderr)
            return 1
        found.log(f"command {args.command}")
        if found.fault is faults.Fault.LOCKED and cfg is not None:
            from .folder_lock import who_holds

            held = who_holds(cfg.data_dir)
            if held is not None:  # the window of the data folder is writing: refused, and by whom
                print(FOLDER_BUSY.tr(translate, holder=held.describe(translate)), file=sys.stderr)
                return 2
        print(found.fault.render(translate), file=sys.stderr)
        return found.fault.exit_code
    raise AssertionError(args.command)


def _check_output_folder(args: argparse.Namespace) -> None:
    """A file to write into a folder that is not there is refused before any work."""
    from pathlib import Path

    from .errors import UserError

    output = getattr(args, "output", None)
    if output:
        folder = Path(output).expanduser().resolve().parent
        if not folder.is_dir():
            raise UserError(NO_OUTPUT_FOLDER, "output", folder=str(folder))


def _cmd_demo(cfg, args, translate: Translate | None) -> int:
    from . import demo
    from .db import open_database

    database = open_database(cfg)
    try:
        progress = None if args.quiet else (lambda done, total: print(f"\r{done}/{total}", end="", file=sys.stderr))
        summary = demo.generate(database, calls=args.calls, seed=args.seed, progress=progress)
    finally:
        database.dispose()
    if not args.quiet:
        print(file=sys.stderr)
    print(summary.describe(translate))
    return 0


def _cmd_backup(cfg, args, translate: Translate | None) -> int:
    """The checked backup's path, then what the check found; a copy that fails its check is
    refused loudly (backups.CHECK_FAILED) and nothing replaces the good backups."""
    from pathlib import Path

    from . import backups
    from .db import open_database

    if cfg.sqlite_path is None:
        print(NOT_SQLITE.tr(translate), file=sys.stderr)
        return 2
    database = open_database(cfg)  # refuses foreign or newer files before copying
    try:
        with database.read_session() as session:
            second = Path(args.also_to) if args.also_to else backups.second_folder(session)
    finally:
        database.dispose()
    made = backups.make_backup(cfg.sqlite_path, cfg.backups_dir, second_folder=second)
    print(made.path)
    counts = ", ".join(f"{table} {count}" for table, count in made.counts.items())
    print(BACKUP_CHECKED.tr(translate, check=made.check, counts=counts))
    return 0


def _cmd_restore(cfg, args, translate: Translate | None) -> int:
    """What was restored and set aside, then the records to enter again; the login is
    checked against the backup's accounts (those the restored database keeps) before
    anything changes. A backup that is damaged, not SQLite or newer is refused (exit 2)."""
    from .services import restore

    def log_in(database):
        return _headless_user(database, args, translate)

    result = restore.restore(cfg, args.backup, log_in=log_in, translate=translate)
    for warning in result.warnings(translate):
        print(warning, file=sys.stderr)
    print(result.describe(translate, warnings=False))
    return 0


def _cmd_print(cfg, args, translate: Translate | None) -> int:
    from pathlib import Path

    from . import files
    from .db import open_database
    from .errors import UserError
    from .printing import forms, print_customer_list, print_numbered, print_period
    from .services.validation import parse_date, require

    spec = forms.spec_of(args.form)
    title = spec.title
    if spec.name in forms.LIST_FORMS:
        return _cmd_list(cfg, args, translate, spec.name, "pdf")
    if args.month:
        raise UserError(LIST_OPTIONS_ONLY, "month", option="month", form=title)
    filtered = {option: getattr(args, option) for option in CUSTOMER_LIST_OPTIONS if getattr(args, option) is not None}
    if filtered and spec.name != "customer_list":
        raise UserError(PRINT_FILTERS_ONLY_CUSTOMER_LIST, next(iter(filtered)), form=title)
    if spec.name == "customer_list":
        if args.numbers:
            raise UserError(PRINT_CUSTOMER_LIST_NO_NUMBERS, "numbers")
    elif spec.numbered:
        if not args.numbers:
            raise UserError(PRINT_NEEDS_NUMBERS, "numbers", form=title)
    elif args.numbers:
        raise UserError(PRINT_NO_NUMBERS, "numbers", form=title)
    elif spec.name in ("call_register", "goods_register"):
        start = require(parse_date(args.date_from, "date_from"), "date_from", PRINT_NEEDS_PERIOD, form=title)
        end = require(parse_date(args.date_to, "date_to"), "date_to", PRINT_NEEDS_PERIOD, form=title)
    else:
        start = end = require(parse_date(args.date, "date"), "date", PRINT_NEEDS_DAY, form=title)
    output = Path(args.output)
    database = open_database(cfg)
    try:
        from .services import auth

        user = _headless_user(database, args, translate)
        if spec.name == "customer_list":
            auth.authorize(database, user, auth.Permission.PRINT, "print", target_type=spec.name, detail=filtered)
            with database.read_session() as session:
                filters = forms.customer_list_filters(
                    session, category=args.category, district=args.district, vip_level=args.vip, status=args.status,
                    staff=args.staff, translate=translate)
            pdf, report = print_customer_list(database, filters, args.search or "", None, cfg.forms_dir, translate)
        else:
            auth.authorize(database, user, auth.Permission.PRINT, "print", target_type=spec.name,
                           target_id=",".join(args.numbers) or f"{args.date_from or args.date}..{args.date_to or args.date}")
            if spec.numbered:
                pdf, report = print_numbered(database, spec.name, args.numbers, None, cfg.forms_dir, translate)
            else:
                pdf, report = print_period(database, spec.name, start, end, None, cfg.forms_dir, translate, args.technician)
    finally:
        database.dispose()
    files.write_bytes(output, pdf)  # only once everything was found and drawn, and whole
    for record, key in report.truncated:
        print(PRINT_TRUNCATED.tr(translate, key=key, record=record + 1), file=sys.stderr)
    print(PRINTED.tr(translate, file=str(output), records=report.records, pages=report.pages))
    return 0


def _cmd_report(cfg, args, translate: Translate | None) -> int:
    from pathlib import Path

    from .db import open_database
    from .errors import UserError
    from .services.validation import parse_date, require

    output = Path(args.output)
    suffix = output.suffix.lower()
    database = open_database(cfg)
    try:
        from .services import auth

        user = _headless_user(database, args, translate)
        auth.authorize(database, user, auth.Permission.REPORT, f"report_{args.report}",
                       target_id=getattr(args, "date", None) or getattr(args, "month", None), detail=str(output))
        if args.report == "daily":
            from .printing.forms import spec_of

            day = require(parse_date(args.date, "date"), "date", PRINT_NEEDS_DAY, form=spec_of("supervisor_daily").title)
            if suffix == ".pdf":
                from .printing import print_period

                form = "technician_daily" if args.technician else "supervisor_daily"
                pdf, _report = print_period(database, form, day, day, None, cfg.forms_dir, translate, args.technician)
                from . import files

                files.write_bytes(output, pdf)
            elif suffix == ".xlsx":
                from .exports.daily_workbook import write_daily_report
                from .printing.forms import technician_id_by_name

                technician_id = None
                if args.technician:
                    with database.read_session() as session:
                        technician_id = technician_id_by_name(session, args.technician)
                write_daily_report(database, day, output, technician_id=technician_id, translate=translate)
            else:
                raise UserError(REPORT_FORMAT, "output", file=str(output))
        else:
            if suffix != ".xlsx":
                raise UserError(REPORT_MONTHLY_FORMAT, "output", file=str(output))
            from .exports.monthly_workbook import write_monthly_report
            from .services.monthly_report import parse_month

            year, month = parse_month(args.month)
            report = write_monthly_report(database, year, month, output, translate=translate)
            print(report.describe(translate))
            return 0
    finally:
        database.dispose()
    print(WROTE.tr(translate, file=str(output)))
    return 0


def _cmd_import(cfg, args, translate: Translate | None) -> int:
    """Prints the check report and the result itself; exit 1 when nothing was written
    because of bad rows or undecided duplicates."""
    from .db import open_database
    from .exports import customer_import

    database = open_database(cfg)
    try:
        from .services import auth

        user = _headless_user(database, args, translate)
        auth.authorize(database, user, auth.Permission.IMPORT, "import", target_type="customers", detail=str(args.file))
        return customer_import.run_command(database, args.file, dry_run=args.dry_run, skip_duplicates=args.duplicates,
                                           sheet_name=args.sheet, translate=translate)
    finally:
        database.dispose()


def _list_choices(args, name: str, title) -> dict:
    """The day, period, month and search a list is drawn up for, from the command's options;
    an option the list does not take is refused rather than silently ignored."""
    from datetime import date as date_type

    from . import clock
    from .errors import UserError
    from .services import lists
    from .services.monthly_report import parse_month
    from .services.validation import parse_date

    needs = lists.LISTS[name][1]
    taken = {"period": ("date_from", "date_to"), "audit": ("date_from", "date_to", "search"), "month": ("month",),
             "day": ("date",)}[needs]
    if name == "contract_list":
        taken = ("date", "search")
    for option, flag in (("date_from", "from"), ("date_to", "to"), ("date", "date"), ("month", "month"),
                         ("search", "search"), ("technician", "technician")):
        if getattr(args, option, None) and option not in taken:
            raise UserError(LIST_OPTIONS_ONLY, option, option=flag, form=title)
    for option in ("category", "district", "vip", "status", "staff"):
        if getattr(args, option, None):
            raise UserError(LIST_OPTIONS_ONLY, option, option=option, form=title)
    today = parse_date(args.date, "date") if getattr(args, "date", None) else clock.today()
    choices = {"today": today if isinstance(today, date_type) else clock.today(), "search": args.search or ""}
    if args.date_from or args.date_to:
        choices["start"] = parse_date(args.date_from, "date_from") if args.date_from else None
        choices["end"] = parse_date(args.date_to, "date_to") if args.date_to else None
    if args.month:
        choices["month"] = parse_month(args.month)
    return choices


def _cmd_list(cfg, args, translate: Translate | None, name: str, wanted: str) -> int:
    """A list of the window on paper (``print``: a PDF from its layout) or in a workbook (``export``)."""
    from pathlib import Path

    from . import files
    from .db import open_database
    from .errors import UserError
    from .services import auth, lists

    title = lists.TITLES[name]
    output = Path(args.output)
    if wanted == "xlsx" and output.suffix.lower() != ".xlsx":
        from .exports.register_export import NOT_XLSX

        raise UserError(NOT_XLSX, "output", path=str(output))
    if getattr(args, "numbers", None):
        raise UserError(PRINT_NO_NUMBERS, "numbers", form=title)
    choices = _list_choices(args, name, title)
    database = open_database(cfg)
    try:
        user = _headless_user(database, args, translate)
        permission, action = (auth.Permission.PRINT, "print") if wanted == "pdf" else (auth.Permission.EXPORT, "export")
        auth.authorize(database, user, permission, action, target_type=name,
                       detail={k: str(v) for k, v in choices.items() if v} | {"file": str(output)})

        def table_of(session):
            return lists.build(session, name, user=user, translate=translate, **choices)

        if wanted == "pdf":
            from .printing import print_list

            pdf, report = print_list(database, table_of, None, cfg.forms_dir, translate)
        else:
            from .exports.list_export import export_list

            with database.read_session() as session:
                table = table_of(session)
            written = export_list(table, output, translate=translate)
    finally:
        database.dispose()
    if wanted == "pdf":
        files.write_bytes(output, pdf)
        for record, key in report.truncated:
            print(PRINT_TRUNCATED.tr(translate, key=key, record=record + 1), file=sys.stderr)
        print(PRINTED.tr(translate, file=str(output), records=report.records, pages=report.pages))
    else:
        print(EXPORTED.tr(translate, file=str(written.path), rows=written.rows))
    return 0


def _cmd_export(cfg, args, translate: Translate | None) -> int:
    from .db import open_database
    from .exports.register_export import export_register_by_name
    from .services import lists

    if args.register in lists.BY_COMMAND or args.register in lists.LISTS:
        return _cmd_list(cfg, args, translate, lists.list_name(args.register), "xlsx")
    if args.date_from or args.date_to or args.date or args.month:
        from .errors import UserError

        option = next(o for o in ("date_from", "date_to", "date", "month") if getattr(args, o))
        raise UserError(LIST_OPTIONS_ONLY, option, option=option.replace("date_", ""), form=args.register)

    database = open_database(cfg)
    try:
        from .services import auth

        user = _headless_user(database, args, translate)
        auth.authorize(database, user, auth.Permission.EXPORT, "export", target_type="register", target_id=args.register,
                       detail={"search": args.search, "sort": args.sort, "file": args.output})
        report = export_register_by_name(database, args.register, args.output, search=args.search, sort_key=args.sort,
                                         descending=args.descending, translate=translate)
    finally:
        database.dispose()
    print(EXPORTED.tr(translate, file=str(report.path), rows=report.rows))
    return 0


def _cmd_audit(cfg, args, translate: Translate | None) -> int:
    """``audit verify``: the chain walked against the links kept in the log files."""
    from . import faults
    from .db import open_database
    from .services import audit_log

    database = open_database(cfg)
    try:
        user = _headless_user(database, args, translate)
        found = audit_log.check_chain(database, user, cfg.log_file, backups_dir=cfg.backups_dir)
    finally:
        database.dispose()
    print(audit_log.describe_chain(found, translate), file=sys.stdout if found.intact else sys.stderr)
    return 0 if found.intact else faults.Fault.DAMAGED.exit_code
