"""Tables of the surveillance agent: cameras, alert rules, sampled frames (with embeddings) and alerts.

The schema is created by the migration ``agents/surveillance/migrations/versions/0005_surveillance.py``; these ORM classes
subclass the store's ``Base`` so ``Store`` sessions see them once this module is imported.
"""
from __future__ import annotations

import enum
from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from advisor.core.store.models import Base, utcnow


class AlertState(str, enum.Enum):
    open = "open"
    acknowledged = "acknowledged"
    resolved = "resolved"
    dismissed = "dismissed"  # a false alarm: lowers the rule's sensitivity on that camera (see feedback.py)


class Camera(Base):
    __tablename__ = "cameras"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(128), nullable=False, unique=True)
    source: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    config: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)


class AlertRuleRow(Base):
    """A rule as last loaded from a rules file (``definition`` is the validated rule)."""

    __tablename__ = "alert_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(128), nullable=False, unique=True)
    severity: Mapped[str] = mapped_column(String(16), nullable=False)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)


class FrameRow(Base):
    """A sampled frame: where it came from, a thumbnail, and its embedding (searchable by text or image)."""

    __tablename__ = "frames"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    camera: Mapped[str] = mapped_column(String(128), nullable=False)
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    ref: Mapped[str] = mapped_column(Text, nullable=False, default="")
    thumbnail: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    space: Mapped[str] = mapped_column(String(128), nullable=False, default="")
    embedding: Mapped[Optional[bytes]] = mapped_column(LargeBinary, nullable=True)

    __table_args__ = (Index("ix_frames_camera_time", "camera", "time"),)


class AlertRow(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rule: Mapped[str] = mapped_column(String(128), nullable=False)
    camera: Mapped[str] = mapped_column(String(128), nullable=False)
    frame_id: Mapped[Optional[int]] = mapped_column(Integer, ForeignKey("frames.id", ondelete="SET NULL"), nullable=True)
    frame_ref: Mapped[str] = mapped_column(Text, nullable=False, default="")
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    score: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    severity: Mapped[str] = mapped_column(String(16), nullable=False)
    thumbnail: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    state: Mapped[str] = mapped_column(String(16), nullable=False, default=AlertState.open.value)
    acknowledged_by: Mapped[Optional[str]] = mapped_column(String(128), nullable=True)
    acknowledged_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True), nullable=True)
    resolved_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)

    __table_args__ = (Index("ix_alerts_camera_time", "camera", "time"), Index("ix_alerts_state", "state"))
