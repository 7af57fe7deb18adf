"""Every list of the window on paper and in Excel (X4; the paper-and-Excel issue, item 9): the
repair-card register, contracts, renewals due, customers short of staff, repairs at risk,
invoices to issue, the calls waiting for dispatch, the audit log and the monthly summary. Each
is drawn from its layout in forms/ and written as a workbook from the same rows; the totals
on paper and in Excel equal SQL; the command line prints and exports each."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pypdfium2 as pdfium
import pytest
from sqlalchemy import func, select

from crm_desktop import cli, clock
from crm_desktop.exports.list_export import export_list
from crm_desktop.models import MaintenanceContract, RepairCard, RepairCardStatus, RepairPart
from crm_desktop.printing import forms, print_list
from crm_desktop.services import auth, lists
from crm_desktop.translation import standalone_translate

from .. import libreoffice

pytestmark = pytest.mark.demo_data(calls=120, seed=9)
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3


@pytest.fixture
def due(demo_database):
    """The demo with something on every list: a contract ending in ten days (its renewal is
    due), a repair whose promised date passed two days ago."""
    today = clock.today()
    with demo_database.Session.begin() as s:
        contract = s.scalars(select(MaintenanceContract).order_by(MaintenanceContract.start_date.desc())).first()
        contract.start_date, contract.end_date = today - timedelta(days=300), today + timedelta(days=10)
        card = s.scalars(select(RepairCard).order_by(RepairCard.id)).first()
        card.status, card.promised_date = RepairCardStatus.OPEN.value, today - timedelta(days=2)
        return contract.contract_no, card.card_no


@pytest.fixture
def admin(demo_database):
    return auth.log_in(demo_database, "admin", "admin123")


def _build(database, name, user, translate=None):
    today = clock.today()
    with database.read_session() as s:
        return lists.build(s, name, today=today, start=date(2020, 1, 1), end=today, month=(2026, 11), user=user,
                           translate=translate)


def _pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    return "".join("".join(page.get_textpage().get_text_range().split()) for page in document)


def test_x4_every_list_has_a_layout_in_forms_and_both_ways_out(demo_database, due, admin, tmp_path):
    """Each list on paper (its layout's title, every row's first column, the count) and in a
    workbook (title row, the headers, every row, typed cells, totals under the summed columns)."""
    translate = standalone_translate()
    for name in lists.LISTS:
        table = _build(demo_database, name, admin, translate)
        assert table.rows, f"{name}: the test data leaves the list empty"
        pdf, report = print_list(demo_database, lambda s, t=table: t, None, translate=translate)
        assert not report.truncated, (name, report.truncated)
        text = _pdf_text(pdf)
        title = "".join(str(table.title.tr(translate)).split())
        assert title in text, (name, title)
        first = table.columns[0]
        for row in table.rows[:20]:
            assert "".join(forms.list_value(first.kind, row[first.key]).split()) in text, (name, row[first.key])

        book = export_list(table, tmp_path / f"{name}.xlsx", translate=translate)
        sheet = openpyxl.load_workbook(book.path).active
        assert str(table.title.tr(translate)) in sheet.cell(TITLE_ROW, 1).value
        assert [sheet.cell(HEADER_ROW, i + 1).value for i in range(len(table.columns))] == \
            [c.header.tr(translate) for c in table.columns]
        values = [[c.value for c in r] for r in sheet.iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + len(table.rows) - 1)]
        assert len(values) == len(table.rows)
        for i, column in enumerate(table.columns):
            cell = sheet.cell(FIRST_ROW, i + 1)
            if column.kind in (lists.MONEY, lists.HOURS, lists.COUNT) and table.rows[0][column.key] is not None:
                assert isinstance(cell.value, (int, float)), (name, column.key, cell.value)
            if column.total:
                total = sheet.cell(FIRST_ROW + len(table.rows), i + 1).value
                assert total.startswith("=SUBTOTAL(9,"), (name, column.key, total)


def test_x4_every_list_has_its_layout_in_forms_and_a_command(demo_database):
    """Every list has its own layout in forms/ (a branch may override it like any form)."""
    from crm_desktop import paths

    for name in lists.LISTS:
        assert (paths.forms_dir() / f"{name}.toml").is_file(), name
        forms.spec_of(lists.LISTS[name][0])  # printable by its command's name


def test_x4_the_repair_card_register_totals_equal_sql(demo_database, admin):
    """Hours, labour and parts of the cards opened in a period, on paper as in SQL."""
    start, end = date(2026, 1, 1), clock.today()
    table = _build(demo_database, "repair_card_register", admin)
    with demo_database.read_session() as s:
        opened = (RepairCard.opened_at >= start) & (RepairCard.opened_at < end + timedelta(days=1))
        cards = s.scalar(select(func.count()).select_from(RepairCard).where(opened))
        labour = s.scalar(select(func.sum(RepairCard.labour_fee)).where(opened))
        parts = s.scalar(select(func.sum(RepairPart.quantity * RepairPart.unit_price)).join(RepairCard).where(opened))
    with demo_database.read_session() as s:
        table = lists.repair_card_register(s, start, end)
    totals = table.totals()
    assert len(table.rows) == cards
    assert totals["labour_fee"] == Decimal(str(labour)).quantize(Decimal("0.01"))
    assert totals["parts_total"] == Decimal(str(parts)).quantize(Decimal("0.01"))
    with demo_database.read_session() as s:
        record = forms.list_record(s, table)
    assert record.fields["total_labour_fee"] == f"{Decimal(str(labour)):,.2f}"
    assert record.fields["count"] == str(cards)


def test_s15_renewals_due_lists_the_contract_ending_within_a_month(demo_database, due, admin):
    contract_no, _card = due
    table = _build(demo_database, "renewals_due", admin)
    assert contract_no in [r["contract_no"] for r in table.rows]
    assert all(r["notice_due_on"] <= clock.today() for r in table.rows)


def test_s9_repairs_at_risk_on_paper_match_the_supervisors_page(demo_database, due, admin):
    from crm_desktop.services.calendar import calendar_from_database
    from crm_desktop.services.worklists import repairs_at_risk

    _contract, card_no = due
    table = _build(demo_database, "repairs_at_risk", admin)
    with demo_database.read_session() as s:
        page = repairs_at_risk(s, clock.today(), calendar_from_database(s))
    assert [r["card_no"] for r in table.rows] == [r.card_no for r in page]
    assert card_no in [r["card_no"] for r in table.rows]


@libreoffice.needs_soffice
def test_x4_every_list_workbook_prints_on_a4_with_no_text_under_8_points(demo_database, due, admin, tmp_path):
    translate = standalone_translate()
    books = [export_list(_build(demo_database, name, admin, translate), tmp_path / f"{name}.xlsx",
                         translate=translate).path for name in lists.LISTS]
    for name, pdf in zip(lists.LISTS, libreoffice.to_pdf(*books, out_dir=tmp_path / "pdf")):
        smallest, text = libreoffice.smallest_glyphs(pdf)
        assert smallest >= 8.0, (name, smallest, text)


def test_x4_the_command_line_prints_and_exports_each_list(demo_database, due, cfg, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CRM_DESKTOP_USER", "admin")
    monkeypatch.setenv("CRM_DESKTOP_PASSWORD", "admin123")
    demo_database.dispose()
    for name, (command, needs) in lists.LISTS.items():
        extra = {"period": ["--from", "2026-01-01", "--to", "2026-12-07"], "month": ["--month", "2026-11"]}.get(needs, [])
        pdf, book = tmp_path / f"{command}.pdf", tmp_path / f"{command}.xlsx"
        assert cli.main(["print", command, *extra, "--data-dir", str(cfg.data_dir), "-o", str(pdf)]) == 0, capsys.readouterr()
        assert cli.main(["export", command, *extra, "--data-dir", str(cfg.data_dir), "-o", str(book)]) == 0, capsys.readouterr()
        assert pdf.read_bytes().startswith(b"%PDF") and openpyxl.load_workbook(book).active.max_row >= FIRST_ROW
    # a list that needs a period or a month says so; an option a list does not take is refused
    assert cli.main(["print", "repair-card-register", "--data-dir", str(cfg.data_dir), "-o", str(tmp_path / "x.pdf")]) == 2
    assert "--from" in capsys.readouterr().err
    assert cli.main(["export", "invoices-to-issue", "--month", "2026-11", "--data-dir", str(cfg.data_dir),
                     "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "--month" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.xlsx").exists()
