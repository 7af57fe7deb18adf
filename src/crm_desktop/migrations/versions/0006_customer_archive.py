"""customer archive: status, VIP level and importance on the customer; contact people,
responsible staff, change history, major events, yearly records, correspondence and
attachments (I2–I5, I8–I10)

The customer's columns are added with plain ALTER TABLE ADD COLUMN, not batch mode:
recreating the customer table would drop its search triggers (customer_fts, customer_bigram).

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

CUSTOMER_COLUMNS = (
    ("status", "VARCHAR(10) DEFAULT 'active' NOT NULL "
     "CONSTRAINT ck_customer_status_known CHECK (status IN ('prospect', 'active', 'inactive'))"),
    ("vip_level", "INTEGER DEFAULT '0' NOT NULL "
     "CONSTRAINT ck_customer_vip_level_known CHECK (vip_level BETWEEN 0 AND 3)"),
    ("importance", "VARCHAR(10) DEFAULT 'normal' NOT NULL "
     "CONSTRAINT ck_customer_importance_known CHECK (importance IN ('normal', 'important', 'promising'))"),
)


def _staff_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ['staff.id'], name=op.f(f'fk_{table}_{column}_staff'))


def _customer_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f(f'fk_{table}_customer_id_customer'),
                                   ondelete='CASCADE')


def upgrade() -> None:
    for column, definition in CUSTOMER_COLUMNS:
        op.execute(f"ALTER TABLE customer ADD COLUMN {column} {definition}")
    op.create_index(op.f('ix_customer_status'), 'customer', ['status'], unique=False)
    op.create_index(op.f('ix_customer_vip_level'), 'customer', ['vip_level'], unique=False)
    op.create_index(op.f('ix_customer_district'), 'customer', ['district'], unique=False)

    op.create_table(
        'customer_contact',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('position', sa.String(length=60), nullable=True),
        sa.Column('phone', sa.String(length=40), nullable=True),
        sa.Column('email', sa.String(length=120), nullable=True),
        sa.Column('remarks', sa.Text(), nullable=True),
        sa.Column('left_on', sa.Date(), nullable=True),
        _customer_fk('customer_contact'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_contact')),
    )
    op.create_index(op.f('ix_customer_contact_customer_id'), 'customer_contact', ['customer_id'], unique=False)

    op.create_table(
        'customer_staff',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('since', sa.Date(), nullable=False),
        sa.Column('until', sa.Date(), nullable=True),
        sa.Column('remarks', sa.Text(), nullable=True),
        sa.CheckConstraint('until IS NULL OR until >= since', name=op.f('ck_customer_staff_until_after_since')),
        _customer_fk('customer_staff'),
        _staff_fk('customer_staff', 'staff_id'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_staff')),
    )
    op.create_index(op.f('ix_customer_staff_customer_id'), 'customer_staff', ['customer_id'], unique=False)
    op.create_index(op.f('ix_customer_staff_staff_id'), 'customer_staff', ['staff_id'], unique=False)

    op.create_table(
        'customer_change',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('field', sa.String(length=40), nullable=False),
        sa.Column('old_value', sa.Text(), nullable=True),
        sa.Column('new_value', sa.Text(), nullable=True),
        sa.Column('changed_by_id', sa.Integer(), nullable=True),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        _customer_fk('customer_change'),
        _staff_fk('customer_change', 'changed_by_id'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_change')),
    )
    op.create_index(op.f('ix_customer_change_customer_id'), 'customer_change', ['customer_id'], unique=False)

    op.create_table(
        'customer_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('happened_on', sa.Date(), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('restructure', 'rename', 'relocation', 'capital', 'management', 'merger', 'other')",
            name=op.f('ck_customer_event_kind_known'),
        ),
        _customer_fk('customer_event'),
        _staff_fk('customer_event', 'recorded_by_id'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_event')),
    )
    op.create_index(op.f('ix_customer_event_customer_id'), 'customer_event', ['customer_id'], unique=False)

    op.create_table(
        'customer_yearly_record',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('sales', sa.Numeric(precision=16, scale=2), nullable=True),
        sa.Column('receivables', sa.Numeric(precision=16, scale=2), nullable=True),
        sa.Column('remarks', sa.Text(), nullable=True),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('year BETWEEN 1900 AND 2200', name=op.f('ck_customer_yearly_record_year_plausible')),
        _customer_fk('customer_yearly_record'),
        _staff_fk('customer_yearly_record', 'recorded_by_id'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_yearly_record')),
        sa.UniqueConstraint('customer_id', 'year', name='uq_customer_yearly_record_year'),
    )
    op.create_index(op.f('ix_customer_yearly_record_customer_id'), 'customer_yearly_record', ['customer_id'], unique=False)

    op.create_table(
        'correspondence',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('happened_at', sa.DateTime(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('direction', sa.String(length=10), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=True),
        sa.Column('counterpart', sa.String(length=60), nullable=True),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.Column('confidential', sa.Boolean(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('letter', 'fax', 'phone', 'visit', 'email', 'other')",
                           name=op.f('ck_correspondence_kind_known')),
        sa.CheckConstraint("direction IN ('incoming', 'outgoing')", name=op.f('ck_correspondence_direction_known')),
        _customer_fk('correspondence'),
        _staff_fk('correspondence', 'staff_id'),
        _staff_fk('correspondence', 'recorded_by_id'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_correspondence')),
    )
    op.create_index(op.f('ix_correspondence_customer_id'), 'correspondence', ['customer_id'], unique=False)

    op.create_table(
        'customer_attachment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('correspondence_id', sa.Integer(), nullable=True),
        sa.Column('yearly_record_id', sa.Integer(), nullable=True),
        sa.Column('original_name', sa.String(length=255), nullable=False),
        sa.Column('stored_name', sa.String(length=100), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('added_by_id', sa.Integer(), nullable=True),
        sa.Column('added_at', sa.DateTime(), nullable=False),
        _customer_fk('customer_attachment'),
        sa.ForeignKeyConstraint(['correspondence_id'], ['correspondence.id'],
                                name=op.f('fk_customer_attachment_correspondence_id_correspondence'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['yearly_record_id'], ['customer_yearly_record.id'],
                                name=op.f('fk_customer_attachment_yearly_record_id_customer_yearly_record'),
                                ondelete='CASCADE'),
        _staff_fk('customer_attachment', 'added_by_id'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_attachment')),
    )
    op.create_index(op.f('ix_customer_attachment_customer_id'), 'customer_attachment', ['customer_id'], unique=False)
    op.create_index(op.f('ix_customer_attachment_correspondence_id'), 'customer_attachment', ['correspondence_id'],
                    unique=False)
    op.create_index(op.f('ix_customer_attachment_yearly_record_id'), 'customer_attachment', ['yearly_record_id'],
                    unique=False)


def downgrade() -> None:
    for table in ('customer_attachment', 'correspondence', 'customer_yearly_record', 'customer_event',
                  'customer_change', 'customer_staff', 'customer_contact'):
        op.drop_table(table)  # their indexes go with them
    op.drop_index(op.f('ix_customer_district'), table_name='customer')
    op.drop_index(op.f('ix_customer_vip_level'), table_name='customer')
    op.drop_index(op.f('ix_customer_status'), table_name='customer')
    for column, _definition in reversed(CUSTOMER_COLUMNS):
        op.execute(f"ALTER TABLE customer DROP COLUMN {column}")
