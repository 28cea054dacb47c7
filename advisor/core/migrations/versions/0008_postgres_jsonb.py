"""PostgreSQL: item metadata as JSONB with a GIN index (metadata filters use ``@>`` containment)

On SQLite (JSON stored as text, filtered with ``json_extract``) there is nothing to do.

Revision ID: 0008_postgres_jsonb
Revises: 0001_items
"""
from alembic import op

revision = "0008_postgres_jsonb"
down_revision = "0001_items"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE items ALTER COLUMN metadata TYPE jsonb USING metadata::jsonb")
    # jsonb_path_ops: smaller and faster than the default opclass for the containment queries filters issue
    op.execute("CREATE INDEX IF NOT EXISTS ix_items_metadata_gin ON items USING gin (metadata jsonb_path_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_items_metadata_gin")
    op.execute("ALTER TABLE items ALTER COLUMN metadata TYPE json USING metadata::json")
