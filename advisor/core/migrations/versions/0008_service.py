"""api_keys and model_versions tables (REST service keys, model registry)

Revision ID: 0008_service
Revises: 0001_items
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_service"
down_revision = "0001_items"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("scopes", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "model_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("version", sa.String(64), nullable=False, unique=True),
        sa.Column("spec", sa.Text, nullable=False),
        sa.Column("base", sa.Text, nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("train_hash", sa.String(64), nullable=True),
        sa.Column("heldout", sa.Text, nullable=True),
        sa.Column("metrics_before", sa.JSON, nullable=False),
        sa.Column("metrics_after", sa.JSON, nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("replaced", sa.Text, nullable=True),
        sa.Column("promoted_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('candidate', 'serving', 'retired')", name="ck_model_versions_status"),
    )
    op.create_index("ix_model_versions_status", "model_versions", ["status"])


def downgrade() -> None:
    op.drop_index("ix_model_versions_status", "model_versions")
    op.drop_table("model_versions")
    op.drop_table("api_keys")
