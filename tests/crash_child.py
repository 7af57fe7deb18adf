"""The program's writing work in a loop, for tests/test_crash_safety.py to kill at a random
moment: ``python tests/crash_child.py DATA_DIR WORK [ARG]``, WORK one of

- ``save``: calls registered through the service, one transaction each; after each commit
  the call's number is printed (flushed), so that the parent knows what was committed
  before the kill;
- ``import FILE.xlsx``: the customer import of the file (read, map, check, one transaction);
  ``writing`` is printed once its first rows are inserted, ``imported N`` after the commit;
- ``backup``: backups of the database into the data folder's backups folder, the daily
  check and the at-exit one in turn; the new backup's file name after each;
- ``export FILE.xlsx``: the call register exported to the file again and again; ``exported``
  after each.

``ready`` is printed once the program is loaded and the work about to begin."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from sqlalchemy import select


def save(database, _arg: str) -> None:
    from crm_desktop.models import CustomerProduct, Staff
    from crm_desktop.services import calls

    with database.read_session() as s:
        product = s.scalars(select(CustomerProduct).limit(1)).one()
        clerk = s.scalar(select(Staff.id).limit(1))
        customer_id, product_id = product.customer_id, product.id
    print("ready", flush=True)
    received = datetime(2026, 12, 7, 9, 0)
    while True:
        with database.Session.begin() as session:
            call = calls.register_call(session, customer_id=customer_id, product_id=product_id, received_at=received,
                                       fault="卡纸", registered_by_id=clerk)
            number = call.call_no
        print(number, flush=True)


def import_(database, path: str) -> None:
    from crm_desktop.exports.customer_import import writing

    write = writing.apply

    def announced(*args, **kwargs):
        said = []

        def inserted(_done: int, _total: int) -> None:
            if not said:  # the first rows are in, the transaction is open
                said.append(True)
                print("writing", flush=True)

        return write(*args, **{**kwargs, "progress": inserted})

    writing.apply = announced
    print("ready", flush=True)
    _plan, result = writing.import_file(database, path, skip_duplicates=True)
    print(f"imported {result.customers}", flush=True)


def backup(database, _arg: str) -> None:
    from crm_desktop import backups

    source, folder = database.config.sqlite_path, database.config.backups_dir
    database.dispose()
    print("ready", flush=True)
    checks = (backups.FULL, backups.QUICK)
    n = 0
    while True:
        made = backups.make_backup(source, folder, check=checks[n % 2])
        print(made.path.name, flush=True)
        n += 1


def export(database, path: str) -> None:
    from crm_desktop.exports.register_export import export_register_by_name

    print("ready", flush=True)
    while True:
        export_register_by_name(database, "service-call", path)
        print("exported", flush=True)


WORK = {"save": save, "import": import_, "backup": backup, "export": export}


def main(data_dir: str, work: str, arg: str = "") -> None:
    from crm_desktop import config
    from crm_desktop.db import open_database

    database = open_database(config.resolve(data_dir, None))
    WORK[work](database, str(Path(arg)) if arg else "")


if __name__ == "__main__":
    main(*sys.argv[1:])
