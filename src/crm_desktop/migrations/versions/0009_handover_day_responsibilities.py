"""responsibilities a hand-over kept to their first day: a leaver's line that began on or
after the hand-over's day was ended on its first day (``until`` = ``since``), so lists of
that day still named the leaver; it never took effect and goes, as a hand-over now does
with it (``CustomerStaff``: ``until`` is the last day responsible)

Revision ID: 0009
Revises: 0008
"""
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the hand-over's history (customer_change) keeps what was recorded at the time
    op.execute(
        "DELETE FROM customer_staff WHERE id IN ("
        " SELECT line.id FROM customer_staff AS line"
        " JOIN staff_handover AS h ON h.leaving_id = line.staff_id"
        " JOIN staff_handover_item AS item ON item.handover_id = h.id AND item.kind = 'customer'"
        "  AND item.customer_id = line.customer_id"
        " WHERE line.since >= h.effective_on AND line.until = line.since)"
    )


def downgrade() -> None:
    pass  # the lines never took effect: nothing to put back
