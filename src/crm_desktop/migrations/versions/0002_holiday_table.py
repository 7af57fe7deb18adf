"""holiday table: the official days off and make-up working days per year (S14), filled
from the chinese-calendar package for the years it knows

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# the package names holidays in English; the clerk reads and types them in Chinese
CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def upgrade() -> None:
    holiday = op.create_table(
        'holiday',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=4), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=True),
        sa.Column('source', sa.String(length=10), nullable=False),
        sa.CheckConstraint("kind IN ('off', 'work')", name=op.f('ck_holiday_kind_known')),
        sa.PrimaryKeyConstraint('day', name=op.f('pk_holiday')),
    )
    with op.batch_alter_table('holiday', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_holiday_year'), ['year'], unique=False)

    import chinese_calendar

    rows = [
        {"day": d, "year": d.year, "kind": "off", "name": CHINESE_NAMES.get(name, name), "source": "package"}
        for d, name in chinese_calendar.holidays.items()
    ] + [
        {"day": d, "year": d.year, "kind": "work", "name": CHINESE_NAMES.get(name, name), "source": "package"}
        for d, name in chinese_calendar.workdays.items()
    ]
    op.bulk_insert(holiday, sorted(rows, key=lambda r: r["day"]))


def downgrade() -> None:
    with op.batch_alter_table('holiday', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_holiday_year'))
    op.drop_table('holiday')
