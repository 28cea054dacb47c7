"""Conversation layer of the Advisor (ask / route / history). Owned by the router work (issue 4)."""
from __future__ import annotations


class ConversationMixin:
    """Methods mixed into ``Advisor``: ``ask``, ``route``, conversation history."""
