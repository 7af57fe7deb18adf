"""the audit log as a hash chain: each line's SHA-256 linked to the line before (existing
lines chained here, oldest first); an insert must come after the last line, with its hash

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

from crm_desktop.services.audit_chain import GENESIS, line_hash

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

APPEND_ONLY = "the audit log is append-only"


def upgrade() -> None:
    op.execute("ALTER TABLE audit_log ADD COLUMN hash VARCHAR(64)")
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")  # for the chaining below only
    lines = sa.table(
        "audit_log", sa.column("id", sa.Integer), sa.column("at", sa.DateTime), sa.column("staff_id", sa.Integer),
        sa.column("login", sa.String), sa.column("action", sa.String), sa.column("target_type", sa.String),
        sa.column("target_id", sa.String), sa.column("detail", sa.Text), sa.column("hash", sa.String),
    )
    bind = op.get_bind()
    previous = GENESIS
    links = []
    for row in bind.execute(sa.select(lines).order_by(lines.c.id)):
        previous = line_hash(previous, row.id, row.at, row.staff_id, row.login, row.action, row.target_type,
                             row.target_id, row.detail)
        links.append({"line": row.id, "link": previous})
    if links:
        bind.execute(lines.update().where(lines.c.id == sa.bindparam("line")).values(hash=sa.bindparam("link")), links)
    if sqlite:
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        )
        # INSERT OR REPLACE over an old line deletes it without the delete trigger (no
        # recursive triggers): every insert must come after the last line, with its link
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log "
            "WHEN NEW.id IS NULL OR NEW.id <= (SELECT coalesce(max(id), 0) FROM audit_log) OR NEW.hash IS NULL "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_log_append_only")
    op.execute("ALTER TABLE audit_log DROP COLUMN hash")  # SQLite 3.35+: the table and its triggers stay
