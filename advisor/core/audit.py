"""The audit log: who looked at sensitive records and who changed them, and when.

Only ids and action names are written (never the triage text or other personal data), so
the log itself holds nothing that the de-identification removed.

Example::

    >>> from advisor.audit import record, events
    >>> record(advisor.store, "maria", "alert.acknowledge", "alert:7")        # doctest: +SKIP
    >>> events(advisor.store, action="alert.acknowledge")[0]["actor"]        # doctest: +SKIP
    'maria'
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any, Optional

from sqlalchemy import JSON, DateTime, Index, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from advisor.core.store.models import Base, utcnow

log = logging.getLogger(__name__)
MAX_ACTOR_CHARS = 128
MAX_SUBJECT_CHARS = 128


class AuditEvent(Base):
    """One audited action: ``actor`` did ``action`` on ``subject`` (e.g. ``triage_case:12``) at ``at``."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    actor: Mapped[str] = mapped_column(String(MAX_ACTOR_CHARS), nullable=False)
    action: Mapped[str] = mapped_column(String(64), nullable=False)
    subject: Mapped[str] = mapped_column(String(MAX_SUBJECT_CHARS), nullable=False)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)

    __table_args__ = (Index("ix_audit_log_at", "at"), Index("ix_audit_log_action", "action"))

    def to_dict(self) -> dict[str, Any]:
        at = self.at.replace(tzinfo=self.at.tzinfo or timezone.utc) if self.at else None  # SQLite drops the zone
        return {"id": self.id, "at": at.isoformat() if at else None, "actor": self.actor,
                "action": self.action, "subject": self.subject, "detail": dict(self.detail or {})}


def _clip(value: Any, limit: int) -> str:
    text = "".join(ch for ch in str(value) if ch.isprintable())
    return text[:limit] or "unknown"


def record(store: Any, actor: Optional[str], action: str, subject: str, detail: Optional[dict[str, Any]] = None,
           session: Any = None) -> None:
    """Append one event; inside ``session`` when given (same transaction as the change it audits)."""
    event = AuditEvent(actor=_clip(actor or "anonymous", MAX_ACTOR_CHARS), action=_clip(action, 64),
                       subject=_clip(subject, MAX_SUBJECT_CHARS), detail=dict(detail or {}))
    if session is not None:
        session.add(event)
        return
    with store.session() as s:
        s.add(event)


def events(store: Any, limit: int = 100, action: Optional[str] = None, actor: Optional[str] = None,
           subject: Optional[str] = None) -> list[dict[str, Any]]:
    """The newest events first, optionally of one action, actor or subject."""
    query = select(AuditEvent)
    if action:
        query = query.where(AuditEvent.action == action)
    if actor:
        query = query.where(AuditEvent.actor == actor)
    if subject:
        query = query.where(AuditEvent.subject == subject)
    with store.session() as s:
        rows = s.scalars(query.order_by(AuditEvent.id.desc()).limit(max(1, int(limit)))).all()
        return [r.to_dict() for r in rows]


class AuditTrail:
    """The audit log of one store, as a service handed to agents and front doors.

    >>> trail = AuditTrail(store)                                             # doctest: +SKIP
    >>> trail.record("nurse-1", "triage.view", "triage_cases:3")              # doctest: +SKIP
    """

    def __init__(self, store: Any):
        self.store = store

    def record(self, actor: Optional[str], action: str, subject: str, detail: Optional[dict[str, Any]] = None,
               session: Any = None) -> None:
        """Append one event; inside ``session`` when given (same transaction as the change it audits)."""
        record(self.store, actor, action, subject, detail, session=session)

    def events(self, limit: int = 100, action: Optional[str] = None, actor: Optional[str] = None,
               subject: Optional[str] = None) -> list[dict[str, Any]]:
        """The newest events first, optionally of one action, actor or subject."""
        return events(self.store, limit=limit, action=action, actor=actor, subject=subject)
