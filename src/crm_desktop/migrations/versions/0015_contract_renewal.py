"""S15: a contract's renewal — the notice sent (when, how), who pursues it, the outcome
(renewed: the new contract; lost: why)

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'contract_renewal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contract_id', sa.Integer(), nullable=False),
        sa.Column('notice_sent_on', sa.Date(), nullable=True),
        sa.Column('notice_sent_how', sa.String(length=20), nullable=True),
        sa.Column('pursued_by_id', sa.Integer(), nullable=True),
        sa.Column('outcome', sa.String(length=10), nullable=True),
        sa.Column('outcome_on', sa.Date(), nullable=True),
        sa.Column('lost_reason', sa.String(length=200), nullable=True),
        sa.Column('renewal_id', sa.Integer(), nullable=True),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.CheckConstraint("outcome IS NULL OR outcome IN ('renewed', 'lost')", name=op.f('ck_contract_renewal_outcome_known')),
        sa.CheckConstraint("outcome != 'renewed' OR renewal_id IS NOT NULL", name=op.f('ck_contract_renewal_renewed_has_contract')),
        sa.CheckConstraint("outcome != 'lost' OR lost_reason IS NOT NULL", name=op.f('ck_contract_renewal_lost_has_reason')),
        sa.ForeignKeyConstraint(['contract_id'], ['maintenance_contract.id'], ondelete='CASCADE',
                                name=op.f('fk_contract_renewal_contract_id_maintenance_contract')),
        sa.ForeignKeyConstraint(['renewal_id'], ['maintenance_contract.id'],
                                name=op.f('fk_contract_renewal_renewal_id_maintenance_contract')),
        sa.ForeignKeyConstraint(['pursued_by_id'], ['staff.id'], name=op.f('fk_contract_renewal_pursued_by_id_staff')),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['staff.id'], name=op.f('fk_contract_renewal_recorded_by_id_staff')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_contract_renewal')),
        sa.UniqueConstraint('contract_id', name=op.f('uq_contract_renewal_contract_id')),
        sa.UniqueConstraint('renewal_id', name=op.f('uq_contract_renewal_renewal_id')),
    )
    op.create_index(op.f('ix_contract_renewal_pursued_by_id'), 'contract_renewal', ['pursued_by_id'], unique=False)
    op.create_index(op.f('ix_contract_renewal_outcome'), 'contract_renewal', ['outcome'], unique=False)
    op.create_index(op.f('ix_contract_renewal_outcome_on'), 'contract_renewal', ['outcome_on'], unique=False)


def downgrade() -> None:
    op.drop_table('contract_renewal')
