"""items table

Revision ID: 0001_items
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001_items"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uri", sa.Text, nullable=False),
        sa.Column("caption", sa.Text, nullable=False, server_default=""),
        sa.Column("domain", sa.String(64), nullable=False, server_default="default"),
        sa.Column("metadata", sa.JSON, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_items_domain", "items", ["domain"])
    op.create_index("ix_items_sha256", "items", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_items_sha256", "items")
    op.drop_index("ix_items_domain", "items")
    op.drop_table("items")
