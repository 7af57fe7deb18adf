"""The command line: the GUI by default, headless commands by name.

    crm-desktop [--data-dir DIR | --database-url URL] [--smoke]
    crm-desktop demo [--calls N] [--seed N] [--data-dir DIR | --database-url URL]
    crm-desktop backup [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import sys

from . import __version__


def _add_location_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        default=default,
        help="data folder (database, backups, log); default: CRM_DESKTOP_DATA_DIR or the user's app-data folder",
    )
    parser.add_argument(
        "--database-url",
        default=default,
        help="any SQLAlchemy URL; default: CRM_DATABASE_URL or a SQLite file in the data folder",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crm-desktop", description="crm_desktop: after-sales service registers")
    parser.add_argument("--version", action="version", version=f"crm_desktop {__version__}")
    _add_location_options(parser, suppress=False)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start the GUI without waiting for input, open every register, exit 0 if all went well",
    )
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser("demo", help="fill a database with realistic demo data")
    _add_location_options(demo, suppress=True)
    demo.add_argument("--calls", type=int, default=300, help="number of service calls (default 300)")
    demo.add_argument("--seed", type=int, default=20261128, help="random seed, for repeatable data")
    demo.add_argument("--quiet", action="store_true")

    backup = sub.add_parser("backup", help="copy the SQLite database into the data folder's backups/")
    _add_location_options(backup, suppress=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from .app import run_gui

        return run_gui(args)
    return _run_headless(args)


def _run_headless(args: argparse.Namespace) -> int:
    from . import config as config_mod
    from .errors import UserError

    cfg = config_mod.resolve(args.data_dir, args.database_url)
    config_mod.setup_logging(cfg)
    try:
        if args.command == "demo":
            return _cmd_demo(cfg, args)
        if args.command == "backup":
            return _cmd_backup(cfg)
    except UserError as exc:
        print(exc.render(), file=sys.stderr)
        return 2
    raise AssertionError(args.command)


def _cmd_demo(cfg, args) -> int:
    from .db import open_database
    from .services import demo

    database = open_database(cfg)
    try:
        progress = None if args.quiet else (lambda done, total: print(f"\r{done}/{total}", end="", file=sys.stderr))
        summary = demo.generate(database, calls=args.calls, seed=args.seed, progress=progress)
    finally:
        database.dispose()
    if not args.quiet:
        print(file=sys.stderr)
    print(summary.describe())
    return 0


def _cmd_backup(cfg) -> int:
    from .db import backup_sqlite, open_database

    if cfg.sqlite_path is None:
        print("backup copies SQLite files only; use the database server's own tools", file=sys.stderr)
        return 2
    open_database(cfg).dispose()  # refuses foreign or newer files before copying
    print(backup_sqlite(cfg.sqlite_path, cfg.backups_dir))
    return 0
