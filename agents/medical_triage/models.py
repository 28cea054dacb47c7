"""ORM model of a stored, de-identified triage case (table ``triage_cases``, migration ``0004_triage``)."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, DateTime, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from advisor.core.store.models import Base, utcnow


class TriageCase(Base):
    """One triage conversation: its latest level and reasons, the de-identified description, and an optional photo.

    Nothing here may hold a raw identifier: ``text`` is de-identified before it is written, the photo is re-encoded
    without metadata under a random name, and ``session_id`` is the conversation id chosen by the app.
    """

    __tablename__ = "triage_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[Optional[str]] = mapped_column(String(128), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)
    level: Mapped[str] = mapped_column(String(16), nullable=False)
    reasons: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    language: Mapped[str] = mapped_column(String(8), nullable=False, default="en")
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    image_uri: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    image_space: Mapped[Optional[str]] = mapped_column(String(128), nullable=True)
    image_vector: Mapped[Optional[bytes]] = mapped_column(LargeBinary, nullable=True)

    __table_args__ = (Index("ix_triage_cases_session", "session_id"), Index("ix_triage_cases_level", "level"))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "session_id": self.session_id, "created_at": self.created_at.isoformat() if self.created_at else None,
                "level": self.level, "reasons": list(self.reasons or []), "text": self.text, "language": self.language,
                "facts": dict(self.facts or {}), "image_uri": self.image_uri, "has_image_vector": self.image_vector is not None}
