"""service process: call history (call_step), work log, fees and invoices on the call,
quote/consent/inspection/escalation on the repair card, return outcome and identity check
on the goods entry, maintenance contracts, labour rates and the parts price list

Columns are added with plain ALTER TABLE ADD COLUMN, not batch mode: recreating
service_call, goods_entry or repair_card would drop their search triggers.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


class _StaffReference:
    """A nullable staff id column with its foreign key, written as SQLite's ADD COLUMN
    allows (Alembic would try a separate ALTER … ADD CONSTRAINT, which SQLite lacks)."""

    def __init__(self, table: str, column: str) -> None:
        self.table, self.column = table, column

    def add(self) -> None:
        op.execute(
            f"ALTER TABLE {self.table} ADD COLUMN {self.column} INTEGER "
            f"CONSTRAINT fk_{self.table}_{self.column}_staff REFERENCES staff (id)"
        )


def _staff_fk(table: str, column: str) -> _StaffReference:
    return _StaffReference(table, column)


def _add(table: str, column) -> None:
    if isinstance(column, _StaffReference):
        column.add()
    else:
        op.add_column(table, column)


def upgrade() -> None:
    op.create_table(
        'call_step',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('call_id', sa.Integer(), nullable=False),
        sa.Column('step', sa.String(length=20), nullable=False),
        sa.Column('from_status', sa.String(length=20), nullable=False),
        sa.Column('to_status', sa.String(length=20), nullable=False),
        sa.Column('happened_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.Column('by_id', sa.Integer(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('changes', sa.Text(), nullable=True),
        sa.Column('undoes_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['by_id'], ['staff.id'], name=op.f('fk_call_step_by_id_staff')),
        sa.ForeignKeyConstraint(['call_id'], ['service_call.id'], name=op.f('fk_call_step_call_id_service_call')),
        sa.ForeignKeyConstraint(['undoes_id'], ['call_step.id'], name=op.f('fk_call_step_undoes_id_call_step')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_call_step')),
        sa.UniqueConstraint('undoes_id', name=op.f('uq_call_step_undoes_id')),
    )
    op.create_index(op.f('ix_call_step_call_id'), 'call_step', ['call_id'], unique=False)

    op.create_table(
        'work_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('call_id', sa.Integer(), nullable=False),
        sa.Column('card_id', sa.Integer(), nullable=True),
        sa.Column('technician_id', sa.Integer(), nullable=False),
        sa.Column('work_day', sa.Date(), nullable=False),
        sa.Column('service_kind', sa.String(length=1), nullable=False),
        sa.Column('mode', sa.String(length=10), nullable=False),
        sa.Column('hours', sa.Numeric(precision=6, scale=2), nullable=False),
        sa.Column('step_id', sa.Integer(), nullable=True),
        sa.Column('voided_by_step_id', sa.Integer(), nullable=True),
        sa.CheckConstraint("service_kind IN ('A', 'B', 'C')", name=op.f('ck_work_log_kind_abc')),
        sa.CheckConstraint("mode IN ('on_site', 'repair')", name=op.f('ck_work_log_mode_known')),
        sa.CheckConstraint('hours >= 0', name=op.f('ck_work_log_hours_not_negative')),
        sa.ForeignKeyConstraint(['call_id'], ['service_call.id'], name=op.f('fk_work_log_call_id_service_call')),
        sa.ForeignKeyConstraint(['card_id'], ['repair_card.id'], name=op.f('fk_work_log_card_id_repair_card')),
        sa.ForeignKeyConstraint(['step_id'], ['call_step.id'], name=op.f('fk_work_log_step_id_call_step')),
        sa.ForeignKeyConstraint(['technician_id'], ['staff.id'], name=op.f('fk_work_log_technician_id_staff')),
        sa.ForeignKeyConstraint(['voided_by_step_id'], ['call_step.id'], name=op.f('fk_work_log_voided_by_step_id_call_step')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_work_log')),
    )
    op.create_index(op.f('ix_work_log_call_id'), 'work_log', ['call_id'], unique=False)
    op.create_index('ix_work_log_day_technician', 'work_log', ['work_day', 'technician_id'], unique=False)

    op.create_table(
        'maintenance_contract',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contract_no', sa.String(length=40), nullable=False),
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('start_date', sa.Date(), nullable=False),
        sa.Column('end_date', sa.Date(), nullable=False),
        sa.Column('fee', sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column('remarks', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.CheckConstraint('end_date >= start_date', name=op.f('ck_maintenance_contract_ends_after_start')),
        sa.CheckConstraint('fee >= 0', name=op.f('ck_maintenance_contract_fee_not_negative')),
        sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_maintenance_contract_customer_id_customer')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_maintenance_contract')),
        sa.UniqueConstraint('contract_no', name=op.f('uq_maintenance_contract_contract_no')),
    )
    op.create_index(op.f('ix_maintenance_contract_customer_id'), 'maintenance_contract', ['customer_id'], unique=False)
    op.create_index(op.f('ix_maintenance_contract_end_date'), 'maintenance_contract', ['end_date'], unique=False)
    op.create_table(
        'contract_product',
        sa.Column('contract_id', sa.Integer(), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['contract_id'], ['maintenance_contract.id'], name=op.f('fk_contract_product_contract_id_maintenance_contract'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['product_id'], ['customer_product.id'], name=op.f('fk_contract_product_product_id_customer_product'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('contract_id', 'product_id', name=op.f('pk_contract_product')),
    )
    op.create_index(op.f('ix_contract_product_product_id'), 'contract_product', ['product_id'], unique=False)

    op.create_table(
        'labour_rate',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('mode', sa.String(length=10), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.Column('hourly_rate', sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column('minimum_fee', sa.Numeric(precision=12, scale=2), server_default='0', nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.CheckConstraint("mode IN ('on_site', 'repair')", name=op.f('ck_labour_rate_mode_known')),
        sa.CheckConstraint('hourly_rate >= 0', name=op.f('ck_labour_rate_rate_not_negative')),
        sa.CheckConstraint('minimum_fee >= 0', name=op.f('ck_labour_rate_minimum_not_negative')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_labour_rate')),
        sa.UniqueConstraint('mode', 'valid_from', name=op.f('uq_labour_rate_mode')),
    )
    op.create_table(
        'part_price',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('part_no', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('unit_price', sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column('active', sa.Boolean(), server_default='1', nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.CheckConstraint('unit_price >= 0', name=op.f('ck_part_price_price_not_negative')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_part_price')),
        sa.UniqueConstraint('part_no', name=op.f('uq_part_price_part_no')),
    )

    for column in (
        sa.Column('fee_computed', sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column('fee_override_reason', sa.Text(), nullable=True),
        sa.Column('payment_method', sa.String(length=10), nullable=True),
        sa.Column('fee_collected', sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column('fee_handed_at', sa.DateTime(), nullable=True),
        _staff_fk('service_call', 'fee_handed_to_id'),
        sa.Column('invoice_no', sa.String(length=40), nullable=True),
        sa.Column('invoice_at', sa.DateTime(), nullable=True),
        _staff_fk('service_call', 'invoice_by_id'),
        sa.Column('cancel_reason', sa.Text(), nullable=True),
    ):
        _add('service_call', column)
    for column in (
        sa.Column('return_outcome', sa.String(length=12), nullable=True),
        sa.Column('receipt_lost', sa.Boolean(), server_default='0', nullable=False),
        _staff_fk('goods_entry', 'identity_checked_by_id'),
        sa.Column('identity_document', sa.String(length=120), nullable=True),
    ):
        _add('goods_entry', column)
    for column in (
        sa.Column('inspection_passed', sa.Boolean(), nullable=True),
        sa.Column('quote_amount', sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column('quoted_at', sa.DateTime(), nullable=True),
        sa.Column('consent_given', sa.Boolean(), nullable=True),
        sa.Column('consent_by', sa.String(length=60), nullable=True),
        sa.Column('consent_at', sa.DateTime(), nullable=True),
        sa.Column('consent_channel', sa.String(length=10), nullable=True),
        sa.Column('escalation_note', sa.Text(), nullable=True),
        sa.Column('escalated_at', sa.DateTime(), nullable=True),
        _staff_fk('repair_card', 'escalated_by_id'),
    ):
        _add('repair_card', column)


def downgrade() -> None:
    for table, columns in (
        ('repair_card', ('escalated_by_id', 'escalated_at', 'escalation_note', 'consent_channel', 'consent_at',
                         'consent_by', 'consent_given', 'quoted_at', 'quote_amount', 'inspection_passed')),
        ('goods_entry', ('identity_document', 'identity_checked_by_id', 'receipt_lost', 'return_outcome')),
        ('service_call', ('cancel_reason', 'invoice_by_id', 'invoice_at', 'invoice_no', 'fee_handed_to_id',
                          'fee_handed_at', 'fee_collected', 'payment_method', 'fee_override_reason', 'fee_computed')),
    ):
        for column in columns:
            op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
    op.drop_table('part_price')
    op.drop_table('labour_rate')
    op.drop_index(op.f('ix_contract_product_product_id'), table_name='contract_product')
    op.drop_table('contract_product')
    op.drop_table('maintenance_contract')
    op.drop_index('ix_work_log_day_technician', table_name='work_log')
    op.drop_table('work_log')
    op.drop_table('call_step')
