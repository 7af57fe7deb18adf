"""Alembic environment: always run by db.upgrade() with a live connection."""

from alembic import context

from crm_desktop.migrations.env_filters import include_name
from crm_desktop.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
