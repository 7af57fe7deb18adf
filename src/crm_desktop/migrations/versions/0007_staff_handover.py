"""a leaving employee's hand-over (I6, I11): the hand-over and its items; the member of
staff who looks after a maintenance contract

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def _staff_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ['staff.id'], name=op.f(f'fk_{table}_{column}_staff'))


def upgrade() -> None:
    # plain ADD COLUMN, not batch mode: recreating maintenance_contract would delete its
    # contract_product rows (ON DELETE CASCADE with foreign keys on)
    op.execute("ALTER TABLE maintenance_contract ADD COLUMN staff_id INTEGER "
               "CONSTRAINT fk_maintenance_contract_staff_id_staff REFERENCES staff (id)")
    op.create_index(op.f('ix_maintenance_contract_staff_id'), 'maintenance_contract', ['staff_id'], unique=False)

    op.create_table(
        'staff_handover',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('handover_no', sa.String(length=30), nullable=False),
        sa.Column('leaving_id', sa.Integer(), nullable=False),
        sa.Column('effective_on', sa.Date(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('by_id', sa.Integer(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        _staff_fk('staff_handover', 'leaving_id'),
        _staff_fk('staff_handover', 'by_id'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_handover')),
        sa.UniqueConstraint('handover_no', name=op.f('uq_staff_handover_handover_no')),
    )
    op.create_index(op.f('ix_staff_handover_leaving_id'), 'staff_handover', ['leaving_id'], unique=False)

    op.create_table(
        'staff_handover_item',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('handover_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('replacement_id', sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('customer', 'call', 'contract')", name=op.f('ck_staff_handover_item_kind_known')),
        sa.ForeignKeyConstraint(['handover_id'], ['staff_handover.id'],
                                name=op.f('fk_staff_handover_item_handover_id_staff_handover'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['customer_id'], ['customer.id'],
                                name=op.f('fk_staff_handover_item_customer_id_customer')),
        _staff_fk('staff_handover_item', 'replacement_id'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_handover_item')),
    )
    op.create_index(op.f('ix_staff_handover_item_handover_id'), 'staff_handover_item', ['handover_id'], unique=False)
    op.create_index(op.f('ix_staff_handover_item_customer_id'), 'staff_handover_item', ['customer_id'], unique=False)


def downgrade() -> None:
    op.drop_table('staff_handover_item')
    op.drop_table('staff_handover')
    op.drop_index(op.f('ix_maintenance_contract_staff_id'), table_name='maintenance_contract')
    op.execute("ALTER TABLE maintenance_contract DROP COLUMN staff_id")
