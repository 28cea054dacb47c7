"""embeddings and kv tables

Revision ID: 0002_embeddings
Revises: 0001_items
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_embeddings"
down_revision = "0001_items"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "embeddings",
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("space", sa.String(128), primary_key=True),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )
    op.create_table("kv", sa.Column("key", sa.String(128), primary_key=True), sa.Column("value", sa.Text, nullable=False))


def downgrade() -> None:
    op.drop_table("kv")
    op.drop_table("embeddings")
