"""a partial index of the paid calls still waiting for their invoice number: the accountant's
list and the 今日待办 strip count them without reading every call (S5, S8)

Revision ID: 0013
Revises: 0012
"""
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_service_call_invoice_to_issue ON service_call (status) "
        "WHERE invoice_no IS NULL AND service_kind = 'A' AND fee > 0"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_service_call_invoice_to_issue")
