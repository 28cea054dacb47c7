"""The retrieval pipeline of the search & recommend agent.

1. The metadata filters (and the domain scope) become an id set in SQL (:mod:`advisor.core.filters`), cached per
   catalog version; FAISS searches *inside* it through an id selector, so a filter never drops results after top-k.
2. Candidates: the query vector's nearest ``overfetch`` items, plus the best BM25 matches of the query among the
   captions and metadata words (``bm25s``, inside the same id set).
3. Relevance = reciprocal rank fusion of the vector ranking and the BM25 ranking (``caption_weight`` weighs the
   latter), plus ``preference_weight`` for described colours the item has.
4. MMR re-ranks the candidates (``mmr_lambda``; only pairs above ``mmr_threshold`` cosine count as redundant, so
   near-duplicates are spread out while merely related items keep their order) and the page is cut from that.

Example::

    >>> spec = SearchSpec(text="a red car", filters={"price": {"lt": 100}})          # doctest: +SKIP
    >>> ranked = SearchEngine(advisor, EngineConfig()).rank(spec, page=0, k=10)      # doctest: +SKIP
"""
from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any, Optional

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from advisor.core.filters import matching_ids
from agents.search_recommend.catalog_profile import CatalogProfile
from agents.search_recommend.mmr import mmr
from agents.search_recommend.threads import few_threads

FILTER_CACHE_SIZE = 64
TEXT_CACHE_SIZE = 256


class EngineConfig(BaseModel):
    """Retrieval knobs (part of the agent's config)."""

    model_config = ConfigDict(extra="forbid")

    overfetch: int = Field(default=50, ge=1, le=1000, description="Vector candidates fetched before re-ranking.")
    mmr_lambda: float = Field(default=0.8, ge=0.0, le=1.0, description="MMR trade-off: 1 = pure relevance, lower = more diverse.")
    mmr_threshold: float = Field(default=0.9, ge=0.0, lt=1.0,
                                 description="Only item pairs more similar than this count as redundant (0 = classic MMR).")
    caption_weight: float = Field(default=1.0, ge=0.0, le=2.0,
                                  description="Weight of the BM25 ranking (captions, metadata words) in the fusion (0 = off).")
    caption_candidates: int = Field(default=20, ge=0, le=1000, description="Best BM25 matches added to the candidates.")
    rrf_k: float = Field(default=60.0, gt=0.0, description="Reciprocal rank fusion constant: 1 / (k + rank) per ranking.")
    close_match_floor: float = Field(
        default=0.28, ge=-1.0, le=1.0,
        description="Below this best cosine the reply says there is no close match (fitted for the default encoder on "
                    "the development split of agents/search_recommend/evaldata; refit for another encoder).")
    preference_weight: float = Field(default=0.1, ge=0.0, le=1.0,
                                     description="Relevance added when an item has a described (not required) value.")
    text_weight: float = Field(default=0.5, ge=0.0, le=1.0, description="Share of the text when a query has text and an image.")
    domain: Optional[str] = Field(default=None, description="Search only this catalog domain (None: every catalog domain).")
    exclude_domains: list[str] = Field(default_factory=lambda: ["surveillance", "frames", "triage", "medical"],
                                       description="Domains never searched when domain is None (not catalog items).")
    profile_ttl_s: float = Field(default=5.0, ge=0.0, description="How often to check whether the catalog changed.")
    query_threads: int = Field(default=1, ge=0, le=256,
                               description="torch/FAISS threads while embedding and searching one query (0 = unchanged).")


class SearchSpec(BaseModel):
    """What to search for; saved in the conversation state so follow-ups can re-run it."""

    model_config = ConfigDict(extra="forbid")

    text: Optional[str] = Field(default=None, description="English text to embed.")
    image: Optional[str] = Field(default=None, description="Path of a query image.")
    reference_id: Optional[int] = Field(default=None, description="Find items like this catalog item.")
    filters: dict[str, Any] = Field(default_factory=dict, description="Metadata filters.")
    constraints: list[str] = Field(default_factory=list, description="The filters in words.")
    translations: list[tuple[str, str]] = Field(default_factory=list, description="Chinese words translated.")
    notes: list[str] = Field(default_factory=list, description="Ignored constraints etc.")
    preferences: dict[str, list[str]] = Field(default_factory=dict,
                                              description="Described values that raise an item's rank (field -> values).")


class Ranked(BaseModel):
    """One ranked candidate."""

    model_config = ConfigDict(extra="forbid")

    id: int
    relevance: float
    cosine: float
    caption_match: float


class EngineError(ValueError):
    """The search cannot run (no catalog, unreadable reference); the message is meant for the user."""


class SearchEngine:
    """Runs :class:`SearchSpec` queries against an ``Advisor``'s catalog."""

    def __init__(self, context, config: EngineConfig):
        self.context = context
        self.config = config
        self._text_vectors: OrderedDict[str, np.ndarray] = OrderedDict()  # follow-ups re-run the same text

    @property
    def profile(self) -> CatalogProfile:
        return CatalogProfile.of(self.context.store, ttl=self.config.profile_ttl_s)

    # -- id sets --------------------------------------------------------------------------------------------------
    def allowed_ids(self, filters: dict[str, Any]) -> np.ndarray | None:
        """Ids passing the filters and the domain scope (None: everything), cached per catalog version.

        Simple filters on domain/category/colour/price are evaluated on in-memory columns; anything else goes
        to SQL through :func:`advisor.core.filters.matching_ids`. Either way the ids become a FAISS id selector.
        """
        profile = self.profile
        filters = dict(filters)
        domain = self.config.domain
        if domain is None:
            excluded = set(self.config.exclude_domains) & set(profile.domains)
            if excluded:
                filters["domain"] = [d for d in profile.domains if d not in excluded]
        key = json.dumps([filters, domain], sort_keys=True, default=str)
        cache = profile.filter_cache
        if key not in cache:
            if len(cache) >= FILTER_CACHE_SIZE:
                cache.pop(next(iter(cache)))
            found = profile.columns.matching(filters, domain) if profile.columns is not None else NotImplemented
            if found is NotImplemented:
                found = matching_ids(self.context.store, filters or None, domain)
                found = None if found is None else np.asarray(sorted(found), np.int64)
            cache[key] = found
        return cache[key]

    # -- vectors --------------------------------------------------------------------------------------------------
    def item_vectors(self, ids: list[int]) -> dict[int, np.ndarray]:
        out: dict[int, np.ndarray] = {}
        if ids:
            for chunk_ids, chunk in self.context.store.vectors(self.context.search.space, ids=ids):
                out.update(zip(chunk_ids.tolist(), chunk))
        return out

    def query_vector(self, spec: SearchSpec) -> np.ndarray | None:
        """The query embedding (text, image, reference item, or a weighted mix); None for a filter-only browse."""
        parts: list[tuple[float, np.ndarray]] = []
        if spec.reference_id is not None:
            vector = self.item_vectors([spec.reference_id]).get(spec.reference_id)
            if vector is None:
                raise EngineError(f"item {spec.reference_id} is no longer in the catalog")
            parts.append((1.0, vector))
        if spec.text and not spec.image:
            parts.append((1.0, self._embed_text(spec.text)))
        elif spec.text or spec.image:
            parts.append((1.0, self.context.search.embed_query(text=spec.text or None, image=spec.image,
                                                        text_weight=self.config.text_weight)))
        if not parts:
            return None
        if len(parts) == 2:  # reference item + extra text/image: same weighting as text + image
            weight = self.config.text_weight
            query = (1 - weight) * parts[0][1] + weight * parts[1][1]
        else:
            query = parts[0][1]
        return (query / max(float(np.linalg.norm(query)), 1e-12)).astype(np.float32)

    def _embed_text(self, text: str) -> np.ndarray:
        key = f"{id(self.context.encoder)}:{text}"
        vector = self._text_vectors.get(key)
        if vector is None:
            vector = self.context.search.embed_query(text=text)
            self._text_vectors[key] = vector
            if len(self._text_vectors) > TEXT_CACHE_SIZE:
                self._text_vectors.popitem(last=False)
        else:
            self._text_vectors.move_to_end(key)
        return vector

    def _preferred(self, ids: list[int], spec: SearchSpec) -> np.ndarray:
        """Share of the described values each item has (0..1), from the in-memory metadata columns."""
        columns = self.profile.columns
        out = np.zeros(len(ids), np.float32)
        if not spec.preferences or columns is None or not len(columns.ids):
            return out
        rows = np.clip(np.searchsorted(columns.ids, np.asarray(ids, np.int64)), 0, len(columns.ids) - 1)
        for field, values in spec.preferences.items():
            if field in columns.columns:
                out += np.isin(columns.columns[field][rows], values).astype(np.float32) / len(spec.preferences)
        return out

    def _fused(self, cosine: np.ndarray, bm25: np.ndarray) -> np.ndarray:
        """Reciprocal rank fusion of the vector ranking and the BM25 ranking, scaled so the best possible is 1.

        An item BM25 does not match gets only its vector term, so without caption or metadata words in common
        (an image-only catalog) the order is the vector order.
        """
        k = self.config.rrf_k
        vector_rank = np.empty(len(cosine), np.float64)
        vector_rank[np.argsort(-cosine, kind="stable")] = np.arange(1, len(cosine) + 1)
        fused = 1.0 / (k + vector_rank)
        if self.config.caption_weight > 0 and (bm25 > 0).any():
            # equal BM25 scores share a rank (1 + how many score higher): items matched only by the same metadata
            # word are not put in an arbitrary order
            descending = np.sort(bm25)[::-1]
            text_rank = 1 + np.searchsorted(-descending, -bm25, side="left")
            fused += np.where(bm25 > 0, self.config.caption_weight / (k + text_rank), 0.0)
        best = (1.0 + (self.config.caption_weight if (bm25 > 0).any() else 0.0)) / (k + 1)
        # ranks tie when the two lists disagree by one place; the raw scores break such ties (well below a rank step)
        tie_break = 1e-3 * (bm25 / max(float(bm25.max()), 1e-9) + cosine) / 2
        return (fused / best + tie_break).astype(np.float32)

    # -- ranking --------------------------------------------------------------------------------------------------
    def rank(self, spec: SearchSpec, page: int, k: int) -> list[Ranked]:
        """The MMR order of the candidates, long enough to cut page ``page`` of size ``k`` from it."""
        with few_threads(self.config.query_threads):
            return self._rank(spec, page, k)

    def _rank(self, spec: SearchSpec, page: int, k: int) -> list[Ranked]:
        allowed = self.allowed_ids(spec.filters)
        if allowed is not None and not len(allowed):
            return []
        want = (page + 1) * k
        query = self.query_vector(spec)
        if query is None:
            ids = allowed[:want + 1].tolist() if allowed is not None else self.context.store.item_ids()[:want + 1]
            return [Ranked(id=i, relevance=0.0, cosine=0.0, caption_match=0.0) for i in ids if i != spec.reference_id]
        cfg = self.config
        fetch = max(cfg.overfetch, want + 1) + (1 if spec.reference_id is not None else 0)
        _, found = self.context.search.nearest(query[None, :], fetch, allowed)
        candidates = [int(i) for i in found[0] if int(i) >= 0]
        words: dict[int, float] = {}
        if cfg.caption_weight > 0 and spec.text and self.profile.captions is not None:
            words = self.profile.captions.top(spec.text, cfg.caption_candidates, allowed, also=candidates)
            vector_ids = set(candidates)
            candidates += [i for i in words if i not in vector_ids]
        candidates = [i for i in dict.fromkeys(candidates) if i != spec.reference_id]
        vectors = self.item_vectors(candidates)
        candidates = [i for i in candidates if i in vectors]
        if not candidates:
            return []
        matrix = np.vstack([vectors[i] for i in candidates])
        cosine = matrix @ query
        match = np.array([words.get(i, 0.0) for i in candidates], np.float32)
        relevance = self._fused(cosine, match) + cfg.preference_weight * self._preferred(candidates, spec)
        order = mmr(relevance, matrix, k=min(want, len(candidates)), lambda_=cfg.mmr_lambda, threshold=cfg.mmr_threshold)
        return [Ranked(id=candidates[j], relevance=round(float(relevance[j]), 6), cosine=float(cosine[j]),
                       caption_match=float(match[j])) for j in order]
