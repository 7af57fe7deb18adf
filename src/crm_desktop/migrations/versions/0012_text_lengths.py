"""every user text gets a length sized to where it is printed (issue 17, item 4); texts
stored before and longer than it are kept whole and flagged in text_over_length

Revision ID: 0012
Revises: 0011

The lengths and why: the table "Text lengths" in forms/README.md.

Nothing stored is cut or refused. A text longer than its new length stays as it is, and a
line of ``text_over_length`` (table, row, field, length, limit) says so: the record shows
"this text is longer than the form prints", and the services refuse a change of it that
does not fit.

SQLite: the declared type of a column is changed in place, by SQLite's own procedure for
schema changes that do not touch the stored rows (https://www.sqlite.org/lang_altertable.html,
"Making Other Kinds Of Table Schema Changes": ``PRAGMA writable_schema``, the table's
``CREATE TABLE`` text edited in ``sqlite_master``, ``schema_version`` raised). TEXT and
VARCHAR(n) have the same (TEXT) affinity and SQLite does not enforce the length, so every
stored record reads exactly as before. Not a batch recreate of the tables, because:
- the upgrade runs in one transaction with ``PRAGMA foreign_keys=ON`` (which cannot be changed
  inside a transaction); dropping the old ``customer`` or ``repair_card`` table then deletes
  every ``customer_product``, ``customer_contact``… or ``repair_part`` row hanging on it
  (ON DELETE CASCADE), and dropping ``service_call`` fails on ``call_step``'s foreign key
  (0007 added a column by plain ALTER TABLE for the same reason);
- a recreate drops the search triggers of service_call, goods_entry, repair_card and
  customer (FTS5 trigram and bigram, migration 0001) and every index, which must then be
  made again; here they are never touched;
- it copies every row: on the 1M-call database minutes, against well under a second here.
Other databases (PostgreSQL) change the column type with ALTER TABLE, except a column that
holds a longer old text: a server enforces VARCHAR(n), so that column stays TEXT (its texts
flagged, new ones held to the length by the services). Not tried on PostgreSQL here.
"""
import re

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

# table → column → length (copied, not imported: a migration never changes with the models)
LENGTHS: dict[str, dict[str, int]] = {
    "service_call": {"fault": 180, "kind_override_reason": 200, "work_done": 250, "remarks": 90,
                     "fee_override_reason": 200, "cancel_reason": 200},
    "goods_entry": {"accessories": 80, "condition": 80, "remarks": 200},
    "repair_card": {"fault": 180, "work_done": 150, "inspection_result": 200, "remarks": 200,
                    "escalation_note": 200},
    "customer": {"business_scope": 500, "remarks": 500},
    "customer_contact": {"remarks": 200},
    "customer_staff": {"remarks": 200},
    "customer_event": {"description": 500},
    "customer_yearly_record": {"remarks": 500},
    "correspondence": {"summary": 1000},
    "maintenance_contract": {"remarks": 500},
    "staff_handover": {"reason": 200},
    "daily_report_signoff": {"remarks": 500},
}


def _retype_sqlite(conn, table: str, columns: dict[str, str | None], old: str, new: dict[str, str]) -> None:
    """In the table's CREATE TABLE text, ``<column> <old>`` becomes ``<column> <new type>``."""
    sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).scalar_one()
    for column in columns:
        pattern = re.compile(rf'(?<![\w"]){re.escape(column)} {re.escape(old if old != "*" else columns[column])}(?![\w(])')
        sql, found = pattern.subn(f"{column} {new[column]}", sql)
        if found != 1:
            raise RuntimeError(f"0012: the column {table}.{column} was not found once in its CREATE TABLE ({found})")
    conn.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (sql, table))


def _change_types(to_varchar: bool) -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        version = conn.exec_driver_sql("PRAGMA schema_version").scalar_one()
        conn.exec_driver_sql("PRAGMA writable_schema = ON")
        try:
            for table, columns in LENGTHS.items():
                if to_varchar:
                    _retype_sqlite(conn, table, dict.fromkeys(columns), "TEXT",
                                   {c: f"VARCHAR({n})" for c, n in columns.items()})
                else:
                    _retype_sqlite(conn, table, {c: f"VARCHAR({n})" for c, n in columns.items()}, "*",
                                   dict.fromkeys(columns, "TEXT"))
            # every connection reads the schema again (SQLite's procedure, step 9)
            conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
        finally:
            conn.exec_driver_sql("PRAGMA writable_schema = OFF")
        for table, columns in LENGTHS.items():  # the edited text reads back as meant
            declared = {row[1]: row[2] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
            for column, n in columns.items():
                expected = f"VARCHAR({n})" if to_varchar else "TEXT"
                if declared.get(column) != expected:
                    raise RuntimeError(f"0012: {table}.{column} is {declared.get(column)}, not {expected}")
        return
    # A server database enforces VARCHAR(n): a column holding a longer old text keeps its
    # unbounded type (its texts are flagged; the services hold new ones to the length), so
    # that nothing stored is refused or cut.
    kept = set()
    if to_varchar:
        kept = {tuple(row) for row in conn.exec_driver_sql("SELECT DISTINCT table_name, field FROM text_over_length")}
    for table, columns in LENGTHS.items():
        for column, n in columns.items():
            if (table, column) in kept:
                continue
            op.alter_column(table, column, type_=sa.String(n) if to_varchar else sa.Text(),
                            existing_type=sa.Text() if to_varchar else sa.String(n))


def upgrade() -> None:
    op.create_table(
        'text_over_length',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('row_id', sa.Integer(), nullable=False),
        sa.Column('field', sa.String(length=40), nullable=False),
        sa.Column('length', sa.Integer(), nullable=False),
        sa.Column('max_length', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_text_over_length')),
        sa.UniqueConstraint('table_name', 'row_id', 'field', name='uq_text_over_length_row_field'),
    )
    # the texts already longer than their new length: kept whole, and flagged
    for table, columns in LENGTHS.items():
        for column, n in columns.items():
            op.execute(
                "INSERT INTO text_over_length (table_name, row_id, field, length, max_length) "
                f"SELECT '{table}', id, '{column}', length({column}), {n} FROM {table} "
                f"WHERE length({column}) > {n}"
            )
    _change_types(to_varchar=True)


def downgrade() -> None:
    _change_types(to_varchar=False)
    op.drop_table('text_over_length')
