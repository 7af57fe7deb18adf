"""daily_report_signoff: the manager's sign-off of a day's reports (S12)

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'daily_report_signoff',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('signed_by_id', sa.Integer(), nullable=False),
        sa.Column('signed_at', sa.DateTime(), nullable=False),
        sa.Column('snapshot', sa.Text(), nullable=False),
        sa.Column('remarks', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['signed_by_id'], ['staff.id'], name=op.f('fk_daily_report_signoff_signed_by_id_staff')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_daily_report_signoff')),
        sa.UniqueConstraint('day', name=op.f('uq_daily_report_signoff_day')),
    )


def downgrade() -> None:
    op.drop_table('daily_report_signoff')
