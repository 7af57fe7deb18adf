"""The program's saves in a loop, for tests/test_crash_safety.py to kill at a random moment:
run as ``python tests/crash_child.py DATA_DIR``. After each commit it prints the number the
save was given (flushed), so that the parent knows what was committed before the kill."""

from __future__ import annotations

import sys
from datetime import datetime

from sqlalchemy import select


def main(data_dir: str) -> None:
    from crm_desktop import config
    from crm_desktop.db import open_database
    from crm_desktop.models import CustomerProduct, Staff
    from crm_desktop.services import calls

    database = open_database(config.resolve(data_dir, None))
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


if __name__ == "__main__":
    main(sys.argv[1])
