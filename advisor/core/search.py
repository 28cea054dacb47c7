"""The search service: query embedding, filtered nearest-neighbour search over the catalog index, typed hits.

The facade and the agents share one instance. It does not own the encoder or the index: it asks its providers
for the current ones on every call, so a re-index that switches both is seen at once.

Example::

    >>> search = SearchService(settings, store, encoder=lambda: enc, catalog=lambda: catalog)   # doctest: +SKIP
    >>> [h.caption for h in search.search(text="a red circle", k=3, filters={"price": {"lt": 20}})]  # doctest: +SKIP
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from advisor.core.errors import AdvisorError, ImageLoadError
from advisor.core.filters import matching_ids
from advisor.core.settings import Settings
from advisor.core.types import Hit

if TYPE_CHECKING:  # pragma: no cover
    from advisor.core.catalog import CatalogIndex
    from advisor.core.encoder import Encoder
    from advisor.core.store import Store

MAX_K = 1000


class SearchService:
    """Embed queries, search the catalog index inside domain and metadata filters, and build ``Hit`` rows."""

    def __init__(self, settings: Settings, store: Store, encoder: Callable[[], Encoder],
                 catalog: Callable[[], CatalogIndex]):
        self.settings = settings
        self.store = store
        self._encoder = encoder
        self._catalog = catalog

    @property
    def encoder(self) -> Encoder:
        """The encoder that embedded the active index."""
        return self._encoder()

    @property
    def catalog(self) -> CatalogIndex:
        """The active catalog index (its ``space`` names the encoder's vector space)."""
        return self._catalog()

    @property
    def space(self) -> str:
        return self.catalog.space

    def embed_query(self, text: str | None = None, image: Any = None, text_weight: float = 0.5) -> np.ndarray:
        """The query vector for text, an image, or both (weighted, then renormalised)."""
        if text is not None and not isinstance(text, str):
            raise AdvisorError(f"text must be a string, got {type(text).__name__}")
        text = text.strip() if text else None
        if not text and image is None:
            raise AdvisorError("give a text, an image, or both to search")
        if text and len(text) > self.settings.max_text_chars:
            raise AdvisorError(f"query is {len(text)} characters; the limit is {self.settings.max_text_chars}")
        parts = []
        if text:
            parts.append((text_weight if image is not None else 1.0, self.encoder.encode_text([text])[0]))
        if image is not None:
            try:
                vec = self.encoder.encode_images([image])[0]
            except ImageLoadError as exc:
                raise AdvisorError(f"cannot read the query image: {exc}") from exc
            parts.append((1.0 - text_weight if text else 1.0, vec))
        query = sum(weight * vec for weight, vec in parts)
        return (query / max(float(np.linalg.norm(query)), 1e-12)).astype(np.float32)

    def matching_ids(self, filters: Mapping[str, Any] | None = None, domain: str | None = None) -> list[int] | None:
        """Ids of the items inside ``domain`` and ``filters`` (None: no restriction)."""
        return matching_ids(self.store, filters, domain)

    def nearest(self, query: np.ndarray, k: int, allowed: list[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) of the ``k`` nearest vectors to each query row, restricted to ``allowed`` ids."""
        return self.catalog.search(np.atleast_2d(query), k, allowed)

    def search(self, text: str | None = None, image: Any = None, k: int = 10, domain: str | None = None,
               filters: Mapping[str, Any] | None = None, text_weight: float = 0.5) -> list[Hit]:
        """Top-k items for a text and/or image query, inside the domain and metadata filters."""
        if not isinstance(k, int) or isinstance(k, bool) or k < 1:
            raise AdvisorError(f"k must be a positive integer, got {k!r}")
        query = self.embed_query(text, image, text_weight)
        allowed = self.matching_ids(filters, domain)
        if allowed is not None and not allowed:
            return []
        scores, ids = self.nearest(query, min(k, MAX_K), allowed)
        return self.hits(ids[0], scores[0])

    def hits(self, ids, scores) -> list[Hit]:
        """``Hit`` rows for item ids and their scores, in the given order (unknown ids are dropped)."""
        valid = [(int(i), float(s)) for i, s in zip(ids, scores) if int(i) >= 0]
        items = self.store.get_items([i for i, _ in valid])
        return [Hit(id=i, score=round(s, 6), image=items[i].uri, caption=items[i].caption, domain=items[i].domain,
                    metadata=dict(items[i].meta or {})) for i, s in valid if i in items]

    def vectors(self, ids: list[int] | None = None) -> Iterator[tuple[list[int], np.ndarray]]:
        """Stored item vectors of the active space, in chunks of (ids, matrix)."""
        yield from self.store.vectors(self.space, ids=ids)
