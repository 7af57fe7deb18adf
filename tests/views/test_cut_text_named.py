"""A text a form's box cannot hold even at its smallest size is cut with “…”, and the print
preview says which box and field (the paper-and-Excel issue, item 2), as the command line does."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from crm_desktop.models import ServiceCall
from crm_desktop.views import background, print_actions

pytestmark = pytest.mark.demo_data(calls=60, seed=5)


def test_the_preview_names_the_field_whose_text_was_cut(window, demo_database):
    with demo_database.Session.begin() as s:
        call_id = s.scalars(select(ServiceCall.id).order_by(ServiceCall.id)).first()
        # 5,000 characters, more than the voucher's box holds at any size: only a text stored
        # before the lengths (migration 0012 keeps it whole) can still be that long, so it is
        # written as such a text was, past the services
        s.execute(update(ServiceCall.__table__).where(ServiceCall.__table__.c.id == call_id)
                  .values(remarks="客户要求" * 1250))
    preview = background.wait_for(print_actions.preview_records(window, demo_database, "service_call", [call_id]))
    assert preview.cut_warning.isVisibleTo(preview)
    assert "remarks" in preview.cut_warning.text() and "…" in preview.cut_warning.text()
    preview.close()


def test_a_form_whose_text_fits_shows_no_warning(window, demo_database):
    with demo_database.read_session() as s:
        call_id = s.scalar(select(ServiceCall.id).where(ServiceCall.remarks.is_(None)).order_by(ServiceCall.id))
    preview = background.wait_for(print_actions.preview_records(window, demo_database, "service_call", [call_id]))
    assert not preview.cut_warning.isVisibleTo(preview)
    preview.close()
