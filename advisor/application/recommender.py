"""Feedback and recommendations: the ``Recommender`` service the ``Advisor`` composes and the agents use.

``feedback`` stores what a user did with an item; ``recommend`` blends three signals for each candidate item:

* **profile**: cosine between the item's vector and the user's profile, a recency-weighted mean of the vectors of
  what they liked or bought (the newest counts most) minus a share of what they disliked;
* **category affinity**: the recency-weighted share of their liked items that are in the item's category;
* **popularity**: interactions of all users with the item (log-scaled to 0..1);
* **collaborative**: item-item co-occurrence: how strongly the users who liked or bought the user's items also
  liked this one (cosine of the items' user sets, weighted by the user's recency weights, scaled to 0..1). It is
  zero until other users have interactions, so a new catalog falls back to the content signals.

Items the user has already seen, liked, bought or disliked are never recommended. With no likes yet (cold start)
the most popular items come first, then the newest. Every pick carries an ``explanation``.

Example::

    >>> adv.feedback("ana", item_id=12, kind="like")                    # doctest: +SKIP
    >>> [(h.caption, h.explanation) for h in adv.recommend("ana", k=3)]   # doctest: +SKIP
    [('a zebra', "because you liked 'a horse'"), ...]
"""
from __future__ import annotations

import math
from collections import defaultdict
from datetime import datetime
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select

from advisor.core.errors import FeedbackError
from advisor.core.filters import matching_ids
from advisor.core.search import SearchService
from advisor.core.store import Store
from advisor.core.store.interaction_models import INTERACTION_KINDS, Interaction
from advisor.core.store.models import Item

POSITIVE_WEIGHT = {"like": 1.0, "purchase": 1.5}
POPULARITY_WEIGHT = {"view": 0.25, "like": 1.0, "purchase": 2.0, "dislike": -0.5}




class Feedback(BaseModel):
    """One recorded interaction."""

    model_config = ConfigDict(extra="forbid")

    id: int = Field(description="Interaction id.")
    user_id: str = Field(description="Who acted.")
    item_id: int = Field(description="The catalog item.")
    kind: str = Field(description="view, like, dislike or purchase.")
    context: str | None = Field(default=None, description="The query that showed the item, when known.")
    created_at: datetime = Field(description="When (UTC).")


class RecommendConfig(BaseModel):
    """Weights of the recommendation blend (they need not sum to 1)."""

    model_config = ConfigDict(extra="forbid")

    profile_weight: float = Field(default=0.6, ge=0, description="Weight of cosine(profile, item).")
    category_weight: float = Field(default=0.3, ge=0, description="Weight of the user's affinity to the item's category.")
    popularity_weight: float = Field(default=0.1, ge=0, description="Weight of the item's popularity (0..1).")
    query_weight: float = Field(default=0.5, ge=0, le=1, description="Share of a query text in the profile when one is given.")
    recency_decay: float = Field(default=0.85, gt=0, le=1, description="Each older positive interaction counts this much less.")
    dislike_weight: float = Field(default=0.3, ge=0, description="How strongly disliked items push the profile away.")
    candidates: int = Field(default=200, ge=10, le=5000, description="Nearest neighbours of the profile considered.")
    history: int = Field(default=500, ge=1, description="How many of the user's latest interactions are read.")
    category_field: str = Field(default="category", description="Metadata field used for category affinity.")
    collaborative_weight: float = Field(default=0.6, ge=0, description="Weight of item-item co-occurrence with the "
                                        "user's liked items (other users who liked those also liked this; 0..1).")
    collaborative_rows: int = Field(default=200_000, ge=1, description="Most recent positive interactions read for "
                                                                      "co-occurrence.")


def _validate_user(user_id: Any) -> str:
    if not isinstance(user_id, str) or not user_id.strip():
        raise FeedbackError("user_id must be a non-empty string")
    if len(user_id) > 128:
        raise FeedbackError(f"user_id is {len(user_id)} characters; the limit is 128")
    return user_id.strip()


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return f"'{text[:limit - 1]}…'" if len(text) > limit else f"'{text}'"


class Recommender:
    """Feedback and recommendations over a store and the catalog's search service: ``feedback``, ``interactions``,
    ``recommend``. Implements the agents' ``FeedbackService``."""

    def __init__(self, store: Store, search: SearchService, config: RecommendConfig | None = None):
        self.store = store
        self.search = search
        self.config = config or RecommendConfig()

    # -- feedback ----------------------------------------------------------------------------------------------
    def feedback(self, user_id: str, item_id: int, kind: str, context: str | None = None) -> Feedback:
        """Record that ``user_id`` did ``kind`` (view, like, dislike, purchase) to item ``item_id``.

        >>> adv.feedback("ana", 12, "like")          # doctest: +SKIP
        Feedback(id=1, user_id='ana', item_id=12, kind='like', ...)
        """
        user_id = _validate_user(user_id)
        kind = kind.strip().lower() if isinstance(kind, str) else kind
        if kind not in INTERACTION_KINDS:
            raise FeedbackError(f"unknown feedback kind {kind!r}; use one of {', '.join(INTERACTION_KINDS)}")
        if isinstance(item_id, bool) or not isinstance(item_id, (int, np.integer)):
            raise FeedbackError(f"item_id must be an integer, got {item_id!r}")
        if context is not None:
            context = " ".join(str(context).split())[:500] or None
        with self.store.session() as session:
            if session.get(Item, int(item_id)) is None:
                raise FeedbackError(f"no item with id {int(item_id)} in the catalog")
            row = Interaction(user_id=user_id, item_id=int(item_id), kind=kind, context=context)
            session.add(row)
            session.flush()
            return Feedback(id=row.id, user_id=row.user_id, item_id=row.item_id, kind=row.kind,
                            context=row.context, created_at=row.created_at)

    def interactions(self, user_id: str, limit: int = 100) -> list[Feedback]:
        """The user's interactions, newest first."""
        user_id = _validate_user(user_id)
        with self.store.session() as session:
            rows = session.scalars(select(Interaction).where(Interaction.user_id == user_id)
                                   .order_by(Interaction.created_at.desc(), Interaction.id.desc()).limit(limit)).all()
            return [Feedback(id=r.id, user_id=r.user_id, item_id=r.item_id, kind=r.kind, context=r.context,
                             created_at=r.created_at) for r in rows]

    # -- recommendations -----------------------------------------------------------------------------------------
    def recommend(self, user_id: str, k: int = 10, domain: str | None = None, query: str | None = None) -> list:
        """Up to ``k`` items for ``user_id``, best first, each with an ``explanation``.

        ``query`` (optional text) steers the picks toward it ("matches 'red car'").
        """
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise FeedbackError(f"k must be a positive integer, got {k!r}")
        cfg = self.config
        history = self.interactions(user_id, limit=cfg.history)
        seen = {row.item_id for row in history}
        positives, negatives = self._weighted_history(history, cfg)
        space = self.search.catalog.space
        vectors = self._item_vectors(space, [*positives, *negatives])
        positives = {i: w for i, w in positives.items() if i in vectors}
        profile = self._profile(positives, negatives, vectors, cfg)
        query_vec = None
        if query and query.strip():
            query_vec = self.search.embed_query(text=query.strip())
            profile = query_vec if profile is None else _unit(cfg.query_weight * query_vec + (1 - cfg.query_weight) * profile)
        popularity = self._popularity()
        if profile is None:
            return self._cold_start(k, seen, popularity, domain)
        affinity = self._category_affinity(positives, cfg.category_field)
        collaborative = self._co_occurrence(positives, cfg) if cfg.collaborative_weight else {}
        candidates = self._candidates(profile, k, seen, affinity, popularity, domain, cfg)
        extra = [i for i in sorted(collaborative, key=lambda i: -collaborative[i])[: cfg.candidates] if i not in seen]
        candidates = list(dict.fromkeys([*candidates, *self._in_domain(extra, domain)]))
        if not candidates:
            return []
        cand_vectors = self._item_vectors(space, candidates)
        items = self.store.get_items(candidates)
        scored = []
        for item_id in candidates:
            if item_id not in cand_vectors or item_id not in items:
                continue
            category = (items[item_id].meta or {}).get(cfg.category_field)
            score = (cfg.profile_weight * float(cand_vectors[item_id] @ profile)
                     + cfg.category_weight * affinity.get(str(category), 0.0)
                     + cfg.popularity_weight * popularity.get(item_id, 0.0)
                     + cfg.collaborative_weight * collaborative.get(item_id, 0.0))
            scored.append((score, item_id))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        top = scored[:k]
        hits = self.search.hits([i for _, i in top], [s for s, _ in top])
        liked_items = self.store.get_items(list(positives))
        return [hit.model_copy(update={"explanation": self._explain(
            hit.id, cand_vectors, positives, vectors, liked_items, query, query_vec)
            + ("; liked by shoppers who liked what you liked" if collaborative.get(hit.id, 0.0) >= 0.5 else "")})
            for hit in hits]

    # -- parts ---------------------------------------------------------------------------------------------------
    @staticmethod
    def _weighted_history(history: list[Feedback], cfg: RecommendConfig) -> tuple[dict[int, float], dict[int, float]]:
        """Recency-weighted positive and negative items; the latest opinion on an item wins."""
        latest: dict[int, str] = {}
        for row in history:  # newest first
            if row.kind != "view":
                latest.setdefault(row.item_id, row.kind)
        positives: dict[int, float] = {}
        negatives: dict[int, float] = {}
        rank = 0
        for row in history:
            opinion = latest.get(row.item_id)
            if row.kind in POSITIVE_WEIGHT and opinion in POSITIVE_WEIGHT:
                weight = POSITIVE_WEIGHT[row.kind] * cfg.recency_decay ** rank
                positives[row.item_id] = max(positives.get(row.item_id, 0.0), weight)
                rank += 1
            elif row.kind == "dislike" and opinion == "dislike":
                negatives.setdefault(row.item_id, 1.0)
        return positives, negatives

    def _item_vectors(self, space: str, ids) -> dict[int, np.ndarray]:
        ids = [int(i) for i in ids]
        out: dict[int, np.ndarray] = {}
        if not ids:
            return out
        for chunk_ids, chunk in self.store.vectors(space, ids=ids):
            out.update(zip(chunk_ids.tolist(), chunk))
        return out

    @staticmethod
    def _profile(positives: dict[int, float], negatives: dict[int, float], vectors: dict[int, np.ndarray],
                 cfg: RecommendConfig) -> np.ndarray | None:
        if not positives:
            return None
        profile = sum(w * vectors[i] for i, w in positives.items())
        bad = [vectors[i] for i in negatives if i in vectors]
        if bad and cfg.dislike_weight:
            profile = profile / sum(positives.values()) - cfg.dislike_weight * np.mean(bad, axis=0)
        return _unit(profile)

    def _category_affinity(self, positives: dict[int, float], field: str) -> dict[str, float]:
        items = self.store.get_items(list(positives))
        totals: dict[str, float] = defaultdict(float)
        for item_id, weight in positives.items():
            value = (items[item_id].meta or {}).get(field) if item_id in items else None
            if value is not None:
                totals[str(value)] += weight
        norm = sum(positives.values()) or 1.0
        return {value: total / norm for value, total in totals.items()}

    def _popularity(self) -> dict[int, float]:
        """Item id -> popularity in 0..1 (log-scaled weighted interaction count)."""
        with self.store.session() as session:
            rows = session.execute(select(Interaction.item_id, Interaction.kind, func.count(Interaction.id))
                                   .group_by(Interaction.item_id, Interaction.kind)).all()
        raw: dict[int, float] = defaultdict(float)
        for item_id, kind, count in rows:
            raw[int(item_id)] += POPULARITY_WEIGHT.get(kind, 0.0) * int(count)
        positive = {i: math.log1p(v) for i, v in raw.items() if v > 0}
        top = max(positive.values(), default=0.0)
        return {i: v / top for i, v in positive.items()} if top else {}

    def _co_occurrence(self, positives: dict[int, float], cfg: RecommendConfig) -> dict[int, float]:
        """Item id -> 0..1: cosine between its set of positive users and those of the user's positive items."""
        if not positives:
            return {}
        with self.store.session() as session:
            rows = session.execute(select(Interaction.user_id, Interaction.item_id)
                                   .where(Interaction.kind.in_(tuple(POSITIVE_WEIGHT)))
                                   .order_by(Interaction.id.desc()).limit(cfg.collaborative_rows)).all()
        users_of: dict[int, set[str]] = defaultdict(set)
        for user, item in rows:
            users_of[int(item)].add(user)
        scores: dict[int, float] = defaultdict(float)
        for liked, weight in positives.items():
            liked_users = users_of.get(liked, set())
            if not liked_users:
                continue
            for item, users in users_of.items():
                shared = len(users & liked_users)
                if shared and item != liked:
                    scores[item] += weight * shared / math.sqrt(len(users) * len(liked_users))
        top = max(scores.values(), default=0.0)
        return {i: v / top for i, v in scores.items()} if top else {}

    def _in_domain(self, ids: list[int], domain: str | None) -> list[int]:
        if domain is None or not ids:
            return ids
        items = self.store.get_items(ids)
        return [i for i in ids if i in items and items[i].domain == domain]

    def _candidates(self, profile: np.ndarray, k: int, seen: set[int], affinity: dict[str, float],
                    popularity: dict[int, float], domain: str | None, cfg: RecommendConfig) -> list[int]:
        """Profile neighbours, neighbours inside the liked categories (FAISS id selector), and popular items."""
        fetch = min(cfg.candidates + len(seen), 5000)
        pools = [self._nearest(profile, fetch, matching_ids(self.store, None, domain))]
        if affinity:
            allowed = matching_ids(self.store, {cfg.category_field: sorted(affinity)}, domain)
            if allowed:
                pools.append(self._nearest(profile, min(fetch, len(allowed)), allowed))
        popular = sorted(popularity, key=lambda i: -popularity[i])[: 2 * k + len(seen)]
        if domain is not None and popular:
            allowed_popular = set(matching_ids(self.store, None, domain) or [])
            popular = [i for i in popular if i in allowed_popular]
        pools.append(popular)
        ordered = dict.fromkeys(i for pool in pools for i in pool if i not in seen)
        return list(ordered)

    def _nearest(self, vector: np.ndarray, k: int, allowed: list[int] | None) -> list[int]:
        if allowed is not None and not allowed:
            return []
        _, ids = self.search.catalog.search(vector[None, :].astype(np.float32), max(1, k), allowed)
        return [int(i) for i in ids[0] if int(i) >= 0]

    def _cold_start(self, k: int, seen: set[int], popularity: dict[int, float], domain: str | None) -> list:
        """Popular items first, then the newest ones."""
        popular = [i for i in sorted(popularity, key=lambda i: (-popularity[i], i)) if i not in seen]
        items = self.store.get_items(popular[: 4 * k])
        popular = [i for i in popular if i in items and (domain is None or items[i].domain == domain)][:k]
        picks = [(i, popularity[i], "popular with other users") for i in popular]
        if len(picks) < k:
            taken = set(popular) | seen
            with self.store.session() as session:
                query = select(Item.id).order_by(Item.id.desc()).limit(k + len(taken))
                if domain is not None:
                    query = query.where(Item.domain == domain)
                newest = [i for i in session.scalars(query).all() if i not in taken]
            picks += [(i, 0.0, "new in the catalog") for i in newest[: k - len(picks)]]
        hits = self.search.hits([i for i, _, _ in picks], [s for _, s, _ in picks])
        reasons = {i: why for i, _, why in picks}
        return [hit.model_copy(update={"explanation": reasons[hit.id]}) for hit in hits]

    @staticmethod
    def _explain(item_id: int, cand_vectors: dict[int, np.ndarray], positives: dict[int, float],
                 liked_vectors: dict[int, np.ndarray], liked_items: dict, query: str | None,
                 query_vec: np.ndarray | None) -> str:
        vec = cand_vectors.get(item_id)
        if vec is None:
            return "popular with other users"
        best, best_sim = None, -2.0
        for liked_id in positives:
            sim = float(vec @ liked_vectors[liked_id])
            if sim > best_sim:
                best, best_sim = liked_id, sim
        reasons = []
        if query_vec is not None and query:
            reasons.append(f"matches {_quote(query)}")
        if best is not None and best in liked_items:
            reasons.append(f"because you liked {_quote(liked_items[best].caption or f'item {best}')}")
        return "; ".join(reasons) or "popular with other users"


def _unit(vector: np.ndarray) -> np.ndarray:
    vector = np.asarray(vector, np.float32)
    return (vector / max(float(np.linalg.norm(vector)), 1e-12)).astype(np.float32)
