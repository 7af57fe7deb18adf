"""The prints the window and the command line ask for: a form's layout loaded, its records
gathered (``forms``, which has the services read them) and drawn (``painter``).

The renderer (reportlab, qrcode) is imported on the first print, not with this module: the
window's start-up does not pay for it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO, Sequence

from ..db import Database
from ..errors import UserError
from ..i18n import Translate
from ..progress import Progress
from ..services import daily_reports
from . import forms
from .layout import NO_FILE, Layout, LayoutError, layout_path, read_layout
from .record import Record, RenderReport


def render(*args, **kwargs):
    """``painter.render``: draw a layout filled with records (imported on first use)."""
    from .painter import render as draw

    return draw(*args, **kwargs)


def load_layout(form: str, override_dir: Path | None = None) -> Layout:
    """The layout of ``form``: the branch's copy in ``override_dir`` (the data folder's
    forms/) if there is one, else the shipped one; checked against the form's fields."""
    from .. import paths

    spec = forms.spec_of(form)
    path = layout_path(spec.name, paths.forms_dir(), override_dir)
    if not path.is_file():
        raise LayoutError(path, None, NO_FILE)
    return read_layout(path, spec.all_fields, dict(spec.tables))


def print_records(
    form: str,
    records: Sequence[Record],
    out: BinaryIO | Path | str | None,
    override_dir: Path | None = None,
    progress: Progress | None = None,
) -> tuple[bytes | None, RenderReport]:
    layout = load_layout(form, override_dir)
    return render(layout, records, out, total=len(records), progress=progress)


def print_numbered(
    database: Database,
    form: str,
    numbers: Sequence[str],
    out: BinaryIO | Path | str | None,
    override_dir: Path | None = None,
    translate: Translate | None = None,
    progress: Progress | None = None,
) -> tuple[bytes | None, RenderReport]:
    """Repair cards, goods receipts or service vouchers by number, all in one PDF."""
    layout = load_layout(form, override_dir)  # a broken layout is reported before any query
    with database.read_session() as session:
        records = forms.numbered_records(session, form, numbers, translate)
    return render(layout, records, out, total=len(records), progress=progress)


def print_period(
    database: Database,
    form: str,
    start: date,
    end: date,
    out: BinaryIO | Path | str | None,
    override_dir: Path | None = None,
    translate: Translate | None = None,
    technician: str | None = None,
    now: datetime | None = None,
) -> tuple[bytes | None, RenderReport]:
    """A register for a period, or a daily report (``start`` is the day)."""
    spec = forms.spec_of(form)
    layout = load_layout(spec.name, override_dir)
    with database.read_session() as session:
        if spec.name == "call_register":
            records = [forms.call_register(session, start, end, translate, now)]
        elif spec.name == "goods_register":
            records = [forms.goods_register(session, start, end, translate, now)]
        elif spec.name == "repair_card_register":
            from ..services import lists

            table = lists.repair_card_register(session, start, end, translate)
            records = [forms.list_record(session, table, translate, now)]
        elif spec.name == "supervisor_daily":
            records = [forms.supervisor_daily(session, start, translate, now)]
        elif spec.name == "technician_daily":
            if technician:
                ids = [forms.technician_id_by_name(session, technician)]
            else:
                ids = daily_reports.technicians_with_work(session, start)
                if not ids:
                    raise UserError(forms.NOBODY_WORKED, "date", day=start.isoformat())
            records = [forms.technician_daily(session, i, start, translate, now) for i in ids]
        else:
            raise forms.not_a_period_form(form)
    return render(layout, records, out, total=len(records))


def print_customer_list(
    database: Database,
    filters: dict[str, object] | None,
    search: str,
    out: BinaryIO | Path | str | None,
    override_dir: Path | None = None,
    translate: Translate | None = None,
    now: datetime | None = None,
) -> tuple[bytes | None, RenderReport]:
    """客户一览表 (I2) of the customers the customer register shows with ``filters`` and ``search``."""
    layout = load_layout("customer_list", override_dir)  # a broken layout is reported before any query
    records = [forms.customer_list(database, filters, search, translate, now)]
    return render(layout, records, out, total=len(records))


def print_list(
    database: Database,
    table_of,
    out: BinaryIO | Path | str | None,
    override_dir: Path | None = None,
    translate: Translate | None = None,
    now: datetime | None = None,
) -> tuple[bytes | None, RenderReport]:
    """A list of the window (services/lists.py) from its layout: ``table_of(session)`` reads it."""
    with database.read_session() as session:
        table = table_of(session)
        layout = load_layout(table.name, override_dir)
        record = forms.list_record(session, table, translate, now)
    return render(layout, [record], out, total=1)
