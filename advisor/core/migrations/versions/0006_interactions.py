"""interactions table (feedback for recommendations)

Revision ID: 0006_interactions
Revises: 0002_embeddings
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_interactions"
down_revision = "0002_embeddings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.String(128), nullable=False),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("context", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('view', 'like', 'dislike', 'purchase')", name="ck_interactions_kind"),
    )
    op.create_index("ix_interactions_user_time", "interactions", ["user_id", "created_at"])
    op.create_index("ix_interactions_item", "interactions", ["item_id"])


def downgrade() -> None:
    op.drop_index("ix_interactions_item", "interactions")
    op.drop_index("ix_interactions_user_time", "interactions")
    op.drop_table("interactions")
