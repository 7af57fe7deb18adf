"""customer and staff names in pinyin order and found by initials (issue 17): name_key (the
sort key), name_initials and name_pinyin on customer and staff, indexed, filled from every
name already stored

The columns are added with plain ALTER TABLE ADD COLUMN, not batch mode: recreating the
customer table would drop its search triggers (customer_fts, customer_bigram). The keys are
computed in Python with pypinyin (models/name_keys.py, as the program writes them from now
on) and written back by id: about 10 s for 100,000 customers.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

from crm_desktop.models.name_keys import FULL_LENGTH, INITIALS_LENGTH, SORT_LENGTH, name_keys

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

TABLES = ("customer", "staff")
COLUMNS = (("name_key", SORT_LENGTH), ("name_initials", INITIALS_LENGTH), ("name_pinyin", FULL_LENGTH))
CHUNK = 5000


def fill(conn, table: str) -> int:
    """Write the three keys of every row of ``table`` (customer or staff); the number of rows."""
    rows = conn.execute(sa.text(f"SELECT id, name FROM {table}")).all()
    update = sa.text(f"UPDATE {table} SET name_key = :name_key, name_initials = :name_initials,"
                     f" name_pinyin = :name_pinyin WHERE id = :id")
    for start in range(0, len(rows), CHUNK):
        conn.execute(update, [{"id": row_id, **name_keys(name).columns()} for row_id, name in rows[start:start + CHUNK]])
    return len(rows)


def upgrade() -> None:
    for table in TABLES:
        for column, length in COLUMNS:
            op.execute(f"ALTER TABLE {table} ADD COLUMN {column} VARCHAR({length}) DEFAULT '' NOT NULL")
    conn = op.get_bind()
    for table in TABLES:
        fill(conn, table)
    # indexes after the keys are in: one sort each instead of an index kept up row by row
    for table in TABLES:
        for column, _length in COLUMNS:
            op.create_index(op.f(f'ix_{table}_{column}'), table, [column], unique=False)


def downgrade() -> None:
    for table in TABLES:
        for column, _length in COLUMNS:
            op.drop_index(op.f(f'ix_{table}_{column}'), table_name=table)
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
