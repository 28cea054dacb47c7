"""surveillance: cameras, alert_rules, frames, alerts

Revision ID: 0005_surveillance
Revises: 0002_embeddings
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_surveillance"
down_revision = "0002_embeddings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cameras",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(128), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=True),
        sa.Column("config", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "alert_rules",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(128), nullable=False, unique=True),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("definition", sa.JSON, nullable=False),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "frames",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("camera", sa.String(128), nullable=False),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ref", sa.Text, nullable=False),
        sa.Column("thumbnail", sa.Text, nullable=True),
        sa.Column("space", sa.String(128), nullable=False),
        sa.Column("embedding", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_frames_camera_time", "frames", ["camera", "time"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("rule", sa.String(128), nullable=False),
        sa.Column("camera", sa.String(128), nullable=False),
        sa.Column("frame_id", sa.Integer, sa.ForeignKey("frames.id", ondelete="SET NULL"), nullable=True),
        sa.Column("frame_ref", sa.Text, nullable=False),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("thumbnail", sa.Text, nullable=True),
        sa.Column("scores", sa.JSON, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("acknowledged_by", sa.String(128), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_alerts_camera_time", "alerts", ["camera", "time"])
    op.create_index("ix_alerts_state", "alerts", ["state"])


def downgrade() -> None:
    op.drop_index("ix_alerts_state", "alerts")
    op.drop_index("ix_alerts_camera_time", "alerts")
    op.drop_table("alerts")
    op.drop_index("ix_frames_camera_time", "frames")
    op.drop_table("frames")
    op.drop_table("alert_rules")
    op.drop_table("cameras")
