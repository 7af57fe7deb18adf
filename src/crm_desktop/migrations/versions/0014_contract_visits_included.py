"""the service visits a maintenance contract's fee includes (S1: a call beyond them is
proposed as paid); NULL: as many as needed, which every contract made before was

Revision ID: 0014
Revises: 0013
"""
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite adds a column with its CHECK in place (no table rebuild: the contracts keep their rows as they are)
    op.execute("ALTER TABLE maintenance_contract ADD COLUMN visits_included INTEGER "
               "CONSTRAINT ck_maintenance_contract_visits_not_negative CHECK (visits_included IS NULL OR visits_included >= 0)")


def downgrade() -> None:
    with op.batch_alter_table("maintenance_contract") as batch:
        # the table is made again without the column: its CHECK goes first, or the copy would name a column it lacks
        batch.drop_constraint("visits_not_negative", type_="check")
        batch.drop_column("visits_included")
