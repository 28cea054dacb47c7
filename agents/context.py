"""What an agent may use: the ``AgentContext`` handed to every agent, typed, and nothing else.

Agents never see the ``Advisor`` facade. The application layer builds one context per advisor and passes it to
each agent it creates; unit tests build one from a store and a search service, or pass ``None`` for agents that
need no shared services.

Example::

    >>> context = AgentContext(settings=settings, store=store, search=search, audit=AuditTrail(store))  # doctest: +SKIP
    >>> context.search.search(text="a red apple", k=3)                                               # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from advisor.core.audit import AuditTrail
from advisor.core.search import SearchService
from advisor.core.settings import Settings
from advisor.core.store import Store

if TYPE_CHECKING:  # pragma: no cover
    from advisor.core.encoder import Encoder
    from advisor.core.types import Hit


@runtime_checkable
class FeedbackService(Protocol):
    """What users did with catalog items, and recommendations from it (implemented by the application layer)."""

    def feedback(self, user_id: str, item_id: int, kind: str, context: str | None = None) -> Any:
        """Record a view, like, dislike or purchase; raises ``FeedbackError`` on bad input."""

    def recommend(self, user_id: str, k: int = 10, domain: str | None = None, query: str | None = None) -> list[Hit]:
        """Up to ``k`` items for the user, best first, each with an explanation."""


@dataclass(frozen=True)
class AgentContext:
    """The services an agent may use."""

    settings: Settings
    store: Store
    search: SearchService
    audit: AuditTrail
    feedback: FeedbackService | None = None

    @property
    def encoder(self) -> Encoder:
        """The shared encoder (the one that embedded the catalog); loaded on first use."""
        return self.search.encoder
