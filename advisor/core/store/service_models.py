"""Tables of the REST service and the model lifecycle: ``api_keys`` and ``model_versions`` (migration ``0008_service``).

An API key is stored only as its SHA-256 digest (the key itself is shown once, when it is created); a model
version records what was trained, on which data, how it measured, and whether it serves.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from advisor.core.store.models import Base, utcnow

MODEL_STATUSES = ("candidate", "serving", "retired")


class ApiKey(Base):
    """A service API key: its digest, a short public prefix to recognise it by, and its scopes."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(128), nullable=False)
    prefix: Mapped[str] = mapped_column(String(16), nullable=False)
    digest: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    scopes: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ModelVersion(Base):
    """One encoder known to the registry: a fine-tuning run (or the shipped baseline) and its status."""

    __tablename__ = "model_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    spec: Mapped[str] = mapped_column(Text, nullable=False)
    base: Mapped[str] = mapped_column(Text, nullable=False, default="default")
    mode: Mapped[str] = mapped_column(String(16), nullable=False, default="heads")
    train_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    heldout: Mapped[str | None] = mapped_column(Text, nullable=True)
    metrics_before: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    metrics_after: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    created_by: Mapped[str] = mapped_column(String(128), nullable=False, default="unknown")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="candidate")
    replaced: Mapped[str | None] = mapped_column(Text, nullable=True)
    promoted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    __table_args__ = (Index("ix_model_versions_status", "status"),)
