"""ORM models. Each feature adds its tables here or in its own module, with an Alembic migration."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


# JSONB on PostgreSQL (GIN-indexed, migration 0008), JSON text elsewhere
METADATA_JSON = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    pass


class Item(Base):
    """One catalog item: an image with a caption. Its primary key is its vector id in every index."""

    __tablename__ = "items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uri: Mapped[str] = mapped_column(Text, nullable=False)
    caption: Mapped[str] = mapped_column(Text, nullable=False, default="")
    domain: Mapped[str] = mapped_column(String(64), nullable=False, default="default")
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", METADATA_JSON, nullable=False, default=dict)
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)

    __table_args__ = (Index("ix_items_domain", "domain"), Index("ix_items_sha256", "sha256"))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "uri": self.uri, "caption": self.caption, "domain": self.domain, "metadata": dict(self.meta or {})}


class Embedding(Base):
    """An item's vector in one embedding space (one encoder). The index is rebuilt from these rows."""

    __tablename__ = "embeddings"

    item_id: Mapped[int] = mapped_column(Integer, ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    space: Mapped[str] = mapped_column(String(128), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class KeyValue(Base):
    """Small persistent settings of the data home (e.g. the active embedding space)."""

    __tablename__ = "kv"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
