"""triage_cases table (de-identified triage cases, with an optional photo and its embedding)

Revision ID: 0004_triage
Revises: 0002_embeddings
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_triage"
down_revision = "0002_embeddings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "triage_cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(128), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.Column("text", sa.Text, nullable=False, server_default=""),
        sa.Column("language", sa.String(8), nullable=False, server_default="en"),
        sa.Column("facts", sa.JSON, nullable=False),
        sa.Column("image_uri", sa.Text, nullable=True),
        sa.Column("image_space", sa.String(128), nullable=True),
        sa.Column("image_vector", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_triage_cases_session", "triage_cases", ["session_id"])
    op.create_index("ix_triage_cases_level", "triage_cases", ["level"])


def downgrade() -> None:
    op.drop_index("ix_triage_cases_level", "triage_cases")
    op.drop_index("ix_triage_cases_session", "triage_cases")
    op.drop_table("triage_cases")
