"""The ``interactions`` table: what each user did with each catalog item (view, like, dislike, purchase).

Rows feed :meth:`advisor.application.recommender.RecommendMixin.recommend` (profiles, popularity, what to exclude). Deleting an
item deletes its interactions (``ON DELETE CASCADE``). Migration: ``0006_interactions``.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from advisor.core.store.models import Base, utcnow

INTERACTION_KINDS = ("view", "like", "dislike", "purchase")


class Interaction(Base):
    """One user action on one item, with the query that led to it when known (``context``)."""

    __tablename__ = "interactions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(128), nullable=False)
    item_id: Mapped[int] = mapped_column(Integer, ForeignKey("items.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    context: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)

    __table_args__ = (Index("ix_interactions_user_time", "user_id", "created_at"),
                      Index("ix_interactions_item", "item_id"))
