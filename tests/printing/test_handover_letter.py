"""I11 "the customers are told": a hand-over prints one notification letter per customer
concerned, from the recorded hand-over, with the embedded font; an unknown number prints
nothing."""

from __future__ import annotations

import shutil

import pytest

from crm_desktop.errors import UserError
from crm_desktop.models import Staff
from crm_desktop.printing import forms, print_numbered
from crm_desktop.services import branch, handover

from ..services.test_handover import DAY, NOW, user, w  # noqa: F401  (the fixture)
from .test_forms import BRANCH, assert_font_embedded, assert_values_printed, pdf_text, rendered_pages, squeezed

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdftoppm")),
    reason="poppler-utils is installed by `python3 dev.py test`",
)


@pytest.fixture
def handed_over(database, w):  # noqa: F811
    with database.Session.begin() as s:
        branch.save(s, *BRANCH)
        s.get(Staff, w.sales2).phone = "13905170001"
    done = handover.hand_over(
        database, user(database, w.manager), w.sales,
        {("customer", w.firm): w.sales2, ("customer", w.shop): w.clerk, ("contract", w.contract): w.sales2},
        reason="辞职", effective_on=DAY, now=NOW,
    )
    return done


def test_one_letter_per_customer_with_every_value_printed(database, handed_over, tmp_path):
    out = tmp_path / "letters.pdf"
    pdf, report = print_numbered(database, "handover-letter", [handed_over.handover_no], out)
    assert report.records == 2 and report.pages == 2 and not report.truncated
    with database.read_session() as s:
        records = forms.numbered_records(s, "handover_letter", [handed_over.handover_no])
    assert [r.fields["customer_name"] for r in records] == ["明达机械厂", "华联商场"]
    firm, shop = records
    assert firm.fields["addressee"] == "刘经理"  # the customer's contact person
    assert shop.fields["replacements"] == "钱文员、郑业务（13905170001）"
    assert [row["reference"] for row in shop.tables["items"]] == ["YH00002", "BY2026-0001"]
    page_texts = pdf_text(out).split("\f")
    assert "明达机械厂" in squeezed(page_texts[0]) and "华联商场" not in squeezed(page_texts[0])
    for phrase in ("业务联系人变更通知函", "吴业务", "2026-11-27", handed_over.handover_no, BRANCH[0]):
        assert phrase in squeezed(page_texts[1])
    # each record's values on its own page
    for n, record in enumerate(records):
        single = tmp_path / f"letter-{n}.pdf"
        from crm_desktop.printing import print_records

        print_records("handover_letter", [record], single)
        assert_values_printed(single, record, "handover_letter")
    assert_font_embedded(out)
    assert len(rendered_pages(out, tmp_path)) == 2


def test_an_unknown_hand_over_number_prints_nothing(database, handed_over, tmp_path):
    out = tmp_path / "none.pdf"
    with pytest.raises(UserError):
        print_numbered(database, "handover-letter", ["JJ2099-0001"], out)
    assert not out.exists()


def test_the_command_line_prints_the_letters_as_a_named_user(database, handed_over, cfg, tmp_path):
    """`print handover-letter NUMBER -o F.pdf`, permission-checked and audited (I7)."""
    from ..cli_runner import run

    out = tmp_path / "cli.pdf"
    result = run("print", "handover-letter", handed_over.handover_no, "-o", str(out), "--data-dir", str(cfg.data_dir),
                 env={"CRM_DESKTOP_USER": "manager", "CRM_DESKTOP_PASSWORD": "mima12345"})
    assert result.returncode == 0, result.stderr
    assert "华联商场" in squeezed(pdf_text(out))
    refused = run("print", "handover-letter", handed_over.handover_no, "-o", str(tmp_path / "no.pdf"),
                  "--data-dir", str(cfg.data_dir), env={"CRM_DESKTOP_USER": "nobody", "CRM_DESKTOP_PASSWORD": "x" * 8})
    assert refused.returncode != 0 and not (tmp_path / "no.pdf").exists()
