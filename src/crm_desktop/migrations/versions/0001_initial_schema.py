"""initial schema: staff, customers and products, the three service registers, sequences,
settings; FTS5 trigram indexes (SQLite only) for Chinese substring search

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 07:36:17.352360
"""
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


# Full-text indexes for the registers' search boxes (SQLite only: other databases fall back
# to LIKE). External-content tables: the index refers to the base table's rows instead of
# keeping a second copy of the text; triggers keep it in step.
FTS_TABLES = {
    "service_call": ("call_no", "customer_name", "phone", "address", "product_model", "serial_no"),
    "goods_entry": ("receipt_no", "customer_name", "phone", "product_model", "serial_no"),
    "repair_card": ("card_no", "customer_name", "product_model", "serial_no"),
    "customer": ("code", "name", "phone", "address", "contact_person"),
}


def _create_fts(table: str, columns: tuple[str, ...]) -> None:
    fts = f"{table}_fts"
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        "tokenize='trigram')"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END"
    )


# Two-character terms (张伟, 鼓楼) are below the trigram tokenizer's reach. A second,
# contentless index holds every overlapping two-character piece of the columns people
# search with short terms ("张伟强" -> "张伟 伟强"), one unicode61 token each, so such a term
# is one index lookup instead of a scan. The triggers cut the pieces in SQL (substr() over
# a small table of positions, group_concat() to join them: no application function, so any
# SQLite client can still write the tables); detail=none keeps only which rows hold a
# piece, which is all the search needs.
BIGRAM_TABLES = {
    "service_call": ("customer_name", "address", "product_model"),
    "goods_entry": ("customer_name", "product_model"),
    "repair_card": ("customer_name", "product_model"),
    "customer": ("name", "address", "contact_person"),
}
POSITIONS = "search_bigram_positions"
MAX_TEXT = 255


def _pieces(columns: tuple[str, ...], row: str) -> str:
    values = " UNION ALL ".join(f"SELECT {row}.{c} AS v" for c in columns)
    return (
        f"(SELECT group_concat(substr(v, i, 2), ' ') FROM {POSITIONS} "
        f"JOIN ({values}) ON i < length(v))"
    )


def _create_bigram(table: str, columns: tuple[str, ...]) -> None:
    index = f"{table}_bigram"
    new, old = _pieces(columns, "new"), _pieces(columns, "old")
    op.execute(
        f"CREATE VIRTUAL TABLE {index} USING fts5(pieces, content='', columnsize=0, detail='none', "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    op.execute(
        f"CREATE TRIGGER {index}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {index}(rowid, pieces) VALUES (new.id, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {index}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {index}({index}, rowid, pieces) VALUES ('delete', old.id, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER {index}_au AFTER UPDATE OF {', '.join(columns)} ON {table} BEGIN "
        f"INSERT INTO {index}({index}, rowid, pieces) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {index}(rowid, pieces) VALUES (new.id, {new}); END"
    )


def _drop_fts(table: str) -> None:
    fts = f"{table}_fts"
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {fts}")
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_bigram_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {table}_bigram")


def upgrade() -> None:
    op.create_table('customer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('district', sa.String(length=10), nullable=False),
    sa.Column('legal_representative', sa.String(length=60), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('postcode', sa.String(length=6), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('fax', sa.String(length=40), nullable=True),
    sa.Column('business_scope', sa.Text(), nullable=True),
    sa.Column('registered_capital', sa.Numeric(precision=16, scale=2), nullable=True),
    sa.Column('contact_person', sa.String(length=60), nullable=True),
    sa.Column('remarks', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("category IN ('supplier', 'distributor', 'special', 'end_user')", name=op.f('ck_customer_category_known')),
    sa.CheckConstraint("district IN ('urban', 'suburban')", name=op.f('ck_customer_district_known')),
    sa.CheckConstraint('registered_capital IS NULL OR registered_capital >= 0', name=op.f('ck_customer_capital_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer')),
    sa.UniqueConstraint('code', name=op.f('uq_customer_code'))
    )
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_phone'), ['phone'], unique=False)

    op.create_table('sequences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=40), nullable=False),
    sa.Column('period', sa.String(length=20), nullable=False),
    sa.Column('last_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sequences')),
    sa.UniqueConstraint('rule', 'period', name='uq_sequences_rule_period')
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff')),
    sa.UniqueConstraint('name', name=op.f('uq_staff_name'))
    )
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_role'), ['role'], unique=False)

    op.create_table('customer_product',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('model', sa.String(length=80), nullable=False),
    sa.Column('serial_no', sa.String(length=60), nullable=True),
    sa.Column('purchase_date', sa.Date(), nullable=True),
    sa.Column('warranty_end', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint('warranty_end IS NULL OR purchase_date IS NULL OR warranty_end >= purchase_date', name=op.f('ck_customer_product_warranty_after_purchase')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_customer_product_customer_id_customer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_product'))
    )
    with op.batch_alter_table('customer_product', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customer_product_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_product_serial_no'), ['serial_no'], unique=False)

    op.create_table('service_call',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_no', sa.String(length=40), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('customer_name', sa.String(length=120), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('product_model', sa.String(length=80), nullable=True),
    sa.Column('serial_no', sa.String(length=60), nullable=True),
    sa.Column('fault', sa.Text(), nullable=False),
    sa.Column('district', sa.String(length=10), nullable=False),
    sa.Column('service_kind', sa.String(length=1), nullable=False),
    sa.Column('kind_override_reason', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('technician_id', sa.Integer(), nullable=True),
    sa.Column('dispatched_at', sa.DateTime(), nullable=True),
    sa.Column('arrival_due_at', sa.DateTime(), nullable=True),
    sa.Column('arrived_at', sa.DateTime(), nullable=True),
    sa.Column('work_done', sa.Text(), nullable=True),
    sa.Column('hours_spent', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('fee', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('signed_by', sa.String(length=60), nullable=True),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('registered_by_id', sa.Integer(), nullable=True),
    sa.Column('remarks', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("district IN ('urban', 'suburban')", name=op.f('ck_service_call_district_known')),
    sa.CheckConstraint("service_kind IN ('A', 'B', 'C')", name=op.f('ck_service_call_kind_abc')),
    sa.CheckConstraint('hours_spent IS NULL OR hours_spent >= 0', name=op.f('ck_service_call_hours_not_negative')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_service_call_customer_id_customer')),
    sa.ForeignKeyConstraint(['product_id'], ['customer_product.id'], name=op.f('fk_service_call_product_id_customer_product')),
    sa.ForeignKeyConstraint(['registered_by_id'], ['staff.id'], name=op.f('fk_service_call_registered_by_id_staff')),
    sa.ForeignKeyConstraint(['technician_id'], ['staff.id'], name=op.f('fk_service_call_technician_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_call')),
    sa.UniqueConstraint('call_no', name=op.f('uq_service_call_call_no'))
    )
    with op.batch_alter_table('service_call', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_call_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index('ix_service_call_customer_name', ['customer_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_call_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_call_received_at'), ['received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_call_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_call_technician_id'), ['technician_id'], unique=False)

    op.create_table('goods_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receipt_no', sa.String(length=40), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('customer_name', sa.String(length=120), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('product_model', sa.String(length=80), nullable=True),
    sa.Column('serial_no', sa.String(length=60), nullable=True),
    sa.Column('accessories', sa.Text(), nullable=True),
    sa.Column('condition', sa.Text(), nullable=True),
    sa.Column('taken_in_at', sa.DateTime(), nullable=False),
    sa.Column('taken_in_by_id', sa.Integer(), nullable=True),
    sa.Column('promised_date', sa.Date(), nullable=True),
    sa.Column('returned_at', sa.DateTime(), nullable=True),
    sa.Column('returned_by_id', sa.Integer(), nullable=True),
    sa.Column('received_back_by', sa.String(length=60), nullable=True),
    sa.Column('receipt_voided_at', sa.DateTime(), nullable=True),
    sa.Column('remarks', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['service_call.id'], name=op.f('fk_goods_entry_call_id_service_call')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_goods_entry_customer_id_customer')),
    sa.ForeignKeyConstraint(['product_id'], ['customer_product.id'], name=op.f('fk_goods_entry_product_id_customer_product')),
    sa.ForeignKeyConstraint(['returned_by_id'], ['staff.id'], name=op.f('fk_goods_entry_returned_by_id_staff')),
    sa.ForeignKeyConstraint(['taken_in_by_id'], ['staff.id'], name=op.f('fk_goods_entry_taken_in_by_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goods_entry')),
    sa.UniqueConstraint('receipt_no', name=op.f('uq_goods_entry_receipt_no'))
    )
    with op.batch_alter_table('goods_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goods_entry_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_entry_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_entry_returned_at'), ['returned_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_entry_taken_in_at'), ['taken_in_at'], unique=False)

    op.create_table('repair_card',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_no', sa.String(length=40), nullable=False),
    sa.Column('goods_entry_id', sa.Integer(), nullable=True),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('customer_name', sa.String(length=120), nullable=False),
    sa.Column('product_model', sa.String(length=80), nullable=True),
    sa.Column('serial_no', sa.String(length=60), nullable=True),
    sa.Column('fault', sa.Text(), nullable=True),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('technician_id', sa.Integer(), nullable=True),
    sa.Column('promised_date', sa.Date(), nullable=True),
    sa.Column('work_done', sa.Text(), nullable=True),
    sa.Column('repair_hours', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('labour_fee', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('repaired_at', sa.DateTime(), nullable=True),
    sa.Column('inspected_by_id', sa.Integer(), nullable=True),
    sa.Column('inspected_at', sa.DateTime(), nullable=True),
    sa.Column('inspection_result', sa.Text(), nullable=True),
    sa.Column('remarks', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint('labour_fee IS NULL OR labour_fee >= 0', name=op.f('ck_repair_card_fee_not_negative')),
    sa.CheckConstraint('repair_hours IS NULL OR repair_hours >= 0', name=op.f('ck_repair_card_hours_not_negative')),
    sa.ForeignKeyConstraint(['call_id'], ['service_call.id'], name=op.f('fk_repair_card_call_id_service_call')),
    sa.ForeignKeyConstraint(['goods_entry_id'], ['goods_entry.id'], name=op.f('fk_repair_card_goods_entry_id_goods_entry')),
    sa.ForeignKeyConstraint(['inspected_by_id'], ['staff.id'], name=op.f('fk_repair_card_inspected_by_id_staff')),
    sa.ForeignKeyConstraint(['technician_id'], ['staff.id'], name=op.f('fk_repair_card_technician_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_repair_card')),
    sa.UniqueConstraint('card_no', name=op.f('uq_repair_card_card_no'))
    )
    with op.batch_alter_table('repair_card', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_repair_card_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_repair_card_goods_entry_id'), ['goods_entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_repair_card_opened_at'), ['opened_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_repair_card_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_repair_card_technician_id'), ['technician_id'], unique=False)

    op.create_table('repair_part',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('part_no', sa.String(length=40), nullable=True),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_repair_part_quantity_positive')),
    sa.CheckConstraint('unit_price >= 0', name=op.f('ck_repair_part_price_not_negative')),
    sa.ForeignKeyConstraint(['card_id'], ['repair_card.id'], name=op.f('fk_repair_part_card_id_repair_card'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_repair_part'))
    )
    with op.batch_alter_table('repair_part', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_repair_part_card_id'), ['card_id'], unique=False)


    if op.get_bind().dialect.name == "sqlite":
        for table, columns in FTS_TABLES.items():
            _create_fts(table, columns)
        op.execute(f"CREATE TABLE {POSITIONS} (i INTEGER PRIMARY KEY)")
        op.execute(f"INSERT INTO {POSITIONS}(i) VALUES " + ", ".join(f"({k})" for k in range(1, MAX_TEXT)))
        for table, columns in BIGRAM_TABLES.items():
            _create_bigram(table, columns)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in FTS_TABLES:
            _drop_fts(table)
        op.execute(f"DROP TABLE IF EXISTS {POSITIONS}")
    with op.batch_alter_table('repair_part', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_repair_part_card_id'))

    op.drop_table('repair_part')
    with op.batch_alter_table('repair_card', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_repair_card_technician_id'))
        batch_op.drop_index(batch_op.f('ix_repair_card_status'))
        batch_op.drop_index(batch_op.f('ix_repair_card_opened_at'))
        batch_op.drop_index(batch_op.f('ix_repair_card_goods_entry_id'))
        batch_op.drop_index(batch_op.f('ix_repair_card_call_id'))

    op.drop_table('repair_card')
    with op.batch_alter_table('goods_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goods_entry_taken_in_at'))
        batch_op.drop_index(batch_op.f('ix_goods_entry_returned_at'))
        batch_op.drop_index(batch_op.f('ix_goods_entry_customer_id'))
        batch_op.drop_index(batch_op.f('ix_goods_entry_call_id'))

    op.drop_table('goods_entry')
    with op.batch_alter_table('service_call', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_call_technician_id'))
        batch_op.drop_index(batch_op.f('ix_service_call_status'))
        batch_op.drop_index(batch_op.f('ix_service_call_received_at'))
        batch_op.drop_index(batch_op.f('ix_service_call_product_id'))
        batch_op.drop_index('ix_service_call_customer_name')
        batch_op.drop_index(batch_op.f('ix_service_call_customer_id'))

    op.drop_table('service_call')
    with op.batch_alter_table('customer_product', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_product_serial_no'))
        batch_op.drop_index(batch_op.f('ix_customer_product_customer_id'))

    op.drop_table('customer_product')
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_role'))

    op.drop_table('staff')
    op.drop_table('setting')
    op.drop_table('sequences')
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_phone'))
        batch_op.drop_index(batch_op.f('ix_customer_name'))
        batch_op.drop_index(batch_op.f('ix_customer_category'))

    op.drop_table('customer')
