"""Step 4 of the customer import: every customer and product of a checked plan written, or
none; and the whole run (read, map, check, write) for the command line.

``apply(database, plan, skip_duplicates=…)`` writes in one transaction: it refuses a plan
with a bad row, and a plan with likely duplicates until the clerk has chosen to skip them
or to import them anyway. Rows go in with SQLAlchemy Core bulk inserts (customers with
``RETURNING`` their new ids, then the products). No Qt here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session

from ... import clock
from ...db import Database
from ...errors import UserError
from ...i18n import QT_TRANSLATE_NOOP, Translate
from ...models import Customer, CustomerCategory, CustomerProduct
from ...models.name_keys import name_keys
from ...progress import Progress, report
from ...services.validation import check_staff
from .checking import CustomerDraft, ImportPlan, check, chunks, existing_codes, existing_matches
from .fields import CUSTOMER_KEYS, IMPORT_CANCELLED
from .mapping import automatic_mapping
from .reading import read_sheet

log = logging.getLogger(__name__)

INSERT_CHUNK = 1000  # rows per bulk insert statement group (progress, cancellation)

HAS_BAD_ROWS = QT_TRANSLATE_NOOP(
    "CustomerImport", "Nothing was imported: {bad} of {rows} rows have problems. Correct them in the sheet and check it again."
)
CLI_CHOOSE_DUPLICATES = QT_TRANSLATE_NOOP(
    "CustomerImport",
    "Nothing was imported: {customers} customers look like duplicates (listed above). Run the command again with "
    "--skip-duplicates to leave them out, or with --import-duplicates to import them anyway.",
)
CHOOSE_DUPLICATES = QT_TRANSLATE_NOOP(
    "CustomerImport", "{customers} customers of the file look like duplicates: choose whether to skip them or to import them anyway."
)
NOTHING_TO_IMPORT = QT_TRANSLATE_NOOP(
    "CustomerImport", "There is nothing to import: every customer of the file was skipped as a likely duplicate."
)
CHANGED_SINCE_CHECK = QT_TRANSLATE_NOOP(
    "CustomerImport", "The customer list changed since the file was checked (for example {name} was added). Nothing was imported: "
    "check the file again."
)
RESULT = QT_TRANSLATE_NOOP("CustomerImport", "Imported {customers} customers and {products} products.")
RESULT_SKIPPED = QT_TRANSLATE_NOOP("CustomerImport", "Skipped {customers} likely duplicate customers ({rows} rows).")
DRY_RUN = QT_TRANSLATE_NOOP("CustomerImport", "Dry run: nothing was written.")


@dataclass
class ImportResult:
    customers: int
    products: int
    customer_ids: list[int]
    skipped_customers: int = 0
    skipped_rows: list[int] = field(default_factory=list)

    def describe(self, translate: Translate | None = None) -> str:
        text = RESULT.tr(translate, customers=self.customers, products=self.products)
        if self.skipped_customers:
            text += "\n" + RESULT_SKIPPED.tr(translate, customers=self.skipped_customers, rows=len(self.skipped_rows))
        return text


def apply(
    database: Database,
    plan: ImportPlan,
    *,
    skip_duplicates: bool | None = None,
    by_id: int | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Write the plan's customers and products in one transaction: all of them or none.

    Refused (UserError, nothing written) while the plan has a bad row, and while it has
    likely duplicates and ``skip_duplicates`` is None (the clerk has not chosen: True skips
    them, False imports them anyway). Inside the transaction the duplicates and codes are
    looked up again: if the customer list changed since the check, nothing is written.
    ``by_id``, the member of staff importing, must exist; it is written to the log.
    ``progress(done, total)`` returning False cancels (``Cancelled``, rolled back).
    """
    if plan.problems:
        raise UserError(HAS_BAD_ROWS, bad=len(plan.bad_rows), rows=plan.row_count)
    if plan.duplicates and skip_duplicates is None:
        raise UserError(CHOOSE_DUPLICATES, field="skip_duplicates", customers=len(plan.duplicates))
    drafts = [d for d in plan.customers if not (skip_duplicates and d.resembles)]
    skipped = [d for d in plan.customers if skip_duplicates and d.resembles]
    if not drafts:
        raise UserError(NOTHING_TO_IMPORT)
    now = clock.now()
    customer_table = Customer.__table__
    product_table = CustomerProduct.__table__
    total = len(drafts) + sum(len(d.products) for d in drafts)
    done = 0
    with database.Session.begin() as session:
        if by_id is not None:
            check_staff(session, by_id, "by_id")
        _recheck(session, plan, drafts)
        codes = _new_codes(session, drafts)
        ids: list[int] = []
        statement = insert(customer_table).returning(customer_table.c.id, sort_by_parameter_order=True)
        for chunk in chunks(drafts, INSERT_CHUNK):
            rows = [
                {**{k: None for k in CUSTOMER_KEYS}, **d.values, **codes.get(id(d), {}), "created_at": now,
                 "updated_at": now, **name_keys(d.values.get("name")).columns()}  # Core: no model validator
                for d in chunk
            ]
            ids.extend(session.execute(statement, rows).scalars())
            done += len(chunk)
            report(progress, done, total, IMPORT_CANCELLED)
        products = [
            {"customer_id": cid, "model": p["model"], "serial_no": p.get("serial_no"),
             "purchase_date": p.get("purchase_date"), "warranty_end": p.get("warranty_end"),
             "created_at": now, "updated_at": now}
            for d, cid in zip(drafts, ids, strict=True)
            for p in d.products
        ]
        for chunk in chunks(products, INSERT_CHUNK):
            session.execute(insert(product_table), list(chunk))
            done += len(chunk)
            report(progress, done, total, IMPORT_CANCELLED)
    log.info("imported %d customers and %d products from %s (sheet %s)%s; skipped %d likely duplicates",
             len(ids), len(products), plan.sheet.path, plan.sheet.sheet_name,
             f" by staff {by_id}" if by_id is not None else "", len(skipped))
    return ImportResult(
        customers=len(ids),
        products=len(products),
        customer_ids=ids,
        skipped_customers=len(skipped),
        skipped_rows=sorted(r for d in skipped for r in d.rows),
    )


def _new_codes(session: Session, drafts: list[CustomerDraft]) -> dict[int, dict[str, str]]:
    """D5: a customer imported without a code gets the next of its category's rule, as one
    made in the window does; codes typed in the file are kept and never issued again."""
    from ...services.customers import next_customer_codes

    typed = {d.values["code"] for d in drafts if d.values.get("code")}
    by_category: dict[str, list[CustomerDraft]] = {}
    for d in drafts:
        if not d.values.get("code"):
            by_category.setdefault(d.values.get("category") or CustomerCategory.END_USER.value, []).append(d)
    result: dict[int, dict[str, str]] = {}
    for category, group in by_category.items():
        for d, code in zip(group, next_customer_codes(session, category, len(group), typed), strict=True):
            result[id(d)] = {"code": code}
    return result


def _recheck(session: Session, plan: ImportPlan, drafts: list[CustomerDraft]) -> None:
    """The customer list as the check saw it: an existing customer that matches now but was
    not shown (added since) stops the import."""
    by_name, by_phone = existing_matches(session, (d.name for d in drafts), (d.phone for d in drafts if d.phone))
    for d in drafts:
        known = {r.existing_id for r in d.resembles if r.existing_id is not None}
        now_matching = [m for m in by_name.get(d.name, ())]
        if d.phone:
            now_matching += by_phone.get(d.phone, [])
        for cid, name, _phone, _code in now_matching:
            if cid not in known:
                raise UserError(CHANGED_SINCE_CHECK, name=name)
    codes = {d.values["code"]: d for d in drafts if d.values.get("code")}
    used = existing_codes(session, codes)
    if used:
        raise UserError(CHANGED_SINCE_CHECK, name=next(iter(used.values())))


# --------------------------------------------------------------------------- the whole run


def import_file(
    database: Database,
    path: str | Path,
    *,
    sheet_name: str | None = None,
    mapping: dict[str, int | None] | None = None,
    dry_run: bool = False,
    skip_duplicates: bool | None = None,
    by_id: int | None = None,
    progress: Progress | None = None,
) -> tuple[ImportPlan, ImportResult | None]:
    """Read, map (by the headers unless ``mapping`` is given), check and, unless ``dry_run``
    or the plan has bad rows, write. Returns the plan and the result (None when nothing was
    written because of a dry run or bad rows); a bad file or an undecided duplicate raises
    UserError."""
    sheet = read_sheet(path, sheet_name, progress=progress)
    plan = check(database, sheet, automatic_mapping(sheet) if mapping is None else mapping, progress=progress)
    if dry_run or not plan.ok:
        return plan, None
    return plan, apply(database, plan, skip_duplicates=skip_duplicates, by_id=by_id, progress=progress)


def run_command(
    database: Database,
    path: str | Path,
    *,
    dry_run: bool = False,
    skip_duplicates: bool | None = None,
    sheet_name: str | None = None,
    translate: Translate | None = None,
    out: Callable[[str], None] = print,
) -> int:
    """``crm-desktop import customers FILE.xlsx [--dry-run] [--skip-duplicates | --import-duplicates]``:
    prints the check's report and the result through ``out``. Exit status 0 when imported (or
    a dry run of a clean file); 1 when nothing was written because rows have problems or
    likely duplicates were found and ``skip_duplicates`` is None (the report lists them, a
    last line says which option to add). A bad file raises UserError (the command line
    prints it to stderr, status 2)."""
    sheet = read_sheet(path, sheet_name)
    plan = check(database, sheet, automatic_mapping(sheet))
    out(plan.report_text(translate))
    if not plan.ok:
        out(HAS_BAD_ROWS.tr(translate, bad=len(plan.bad_rows), rows=plan.row_count))
        return 1
    if dry_run:
        out(DRY_RUN.tr(translate))
        return 0
    if plan.duplicates and skip_duplicates is None:
        out(CLI_CHOOSE_DUPLICATES.tr(translate, customers=len(plan.duplicates)))
        return 1
    result = apply(database, plan, skip_duplicates=skip_duplicates)
    out(result.describe(translate))
    return 0
