"""one field history for calls, goods register lines, repair cards and customers (issue 17,
item 3): ``record_change``, into which the customers' ``customer_change`` rows move (their
ids kept); ``customer_change`` stays as a read-only view of the customers' rows, with its
old columns, for whoever reads it with a SQLite tool. The audit log is not touched.

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

_CUSTOMER_CHANGE_VIEW = (
    "CREATE VIEW customer_change AS SELECT id, record_id AS customer_id, field, old_value, new_value, "
    "changed_by_id, changed_at FROM record_change WHERE record_type = 'customer'"
)


def upgrade() -> None:
    op.create_table(
        'record_change',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('record_type', sa.String(length=20), nullable=False),
        sa.Column('record_id', sa.Integer(), nullable=False),
        sa.Column('field', sa.String(length=40), nullable=False),
        sa.Column('old_value', sa.Text(), nullable=True),
        sa.Column('new_value', sa.Text(), nullable=True),
        sa.Column('changed_by_id', sa.Integer(), nullable=True),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.Column('undoes_id', sa.Integer(), nullable=True),
        sa.CheckConstraint("record_type IN ('service_call', 'goods_entry', 'repair_card', 'customer')",
                           name=op.f('ck_record_change_record_type_known')),
        sa.ForeignKeyConstraint(['changed_by_id'], ['staff.id'], name=op.f('fk_record_change_changed_by_id_staff')),
        sa.ForeignKeyConstraint(['undoes_id'], ['record_change.id'],
                                name=op.f('fk_record_change_undoes_id_record_change')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_record_change')),
    )
    op.create_index('ix_record_change_record', 'record_change', ['record_type', 'record_id', 'field'], unique=False)
    op.execute(
        "INSERT INTO record_change (id, record_type, record_id, field, old_value, new_value, changed_by_id, changed_at)"
        " SELECT id, 'customer', customer_id, field, old_value, new_value, changed_by_id, changed_at"
        " FROM customer_change ORDER BY id"
    )
    op.drop_index(op.f('ix_customer_change_customer_id'), table_name='customer_change')
    op.drop_table('customer_change')
    op.execute(_CUSTOMER_CHANGE_VIEW)
    if op.get_bind().dialect.name == "postgresql":  # the ids were copied: the next one follows them
        op.execute("SELECT setval(pg_get_serial_sequence('record_change', 'id'), "
                   "COALESCE((SELECT max(id) FROM record_change), 0) + 1, false)")


def downgrade() -> None:
    op.execute("DROP VIEW customer_change")
    op.create_table(
        'customer_change',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('field', sa.String(length=40), nullable=False),
        sa.Column('old_value', sa.Text(), nullable=True),
        sa.Column('new_value', sa.Text(), nullable=True),
        sa.Column('changed_by_id', sa.Integer(), nullable=True),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_customer_change_customer_id_customer'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['changed_by_id'], ['staff.id'], name=op.f('fk_customer_change_changed_by_id_staff')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_change')),
    )
    op.create_index(op.f('ix_customer_change_customer_id'), 'customer_change', ['customer_id'], unique=False)
    op.execute(
        "INSERT INTO customer_change (id, customer_id, field, old_value, new_value, changed_by_id, changed_at)"
        " SELECT id, record_id, field, old_value, new_value, changed_by_id, changed_at FROM record_change"
        " WHERE record_type = 'customer' AND record_id IN (SELECT id FROM customer) ORDER BY id"
    )
    op.drop_index('ix_record_change_record', table_name='record_change')
    op.drop_table('record_change')
