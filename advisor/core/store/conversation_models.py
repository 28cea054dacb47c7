"""ORM models of conversations: one row per session, one row per message (migration ``0003_conversations``).

Example::

    >>> with store.session() as s:                                                # doctest: +SKIP
    ...     s.add(Conversation(id="abc", user_id="ann"))
    ...     s.add(Message(conversation_id="abc", role="user", text="hi"))
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from advisor.core.store.models import Base, utcnow


class Conversation(Base):
    """A conversation (session). ``agent_state`` holds each agent's ``Reply.state`` from its last turn."""

    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(128), nullable=False, default="anonymous")
    last_agent: Mapped[Optional[str]] = mapped_column(String(64), nullable=True)
    agent_state: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)

    __table_args__ = (Index("ix_conversations_user", "user_id"), Index("ix_conversations_updated", "updated_at"))


class Message(Base):
    """One message of a conversation: the user's (text as stored after redaction) or an agent's reply."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(String(128), ForeignKey("conversations.id", ondelete="CASCADE"),
                                                 nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    agent: Mapped[Optional[str]] = mapped_column(String(64), nullable=True)
    data: Mapped[Optional[dict[str, Any]]] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)

    __table_args__ = (Index("ix_messages_conversation", "conversation_id", "id"),)
