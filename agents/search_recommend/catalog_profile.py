"""What the catalog holds (metadata fields and values, price terciles, domains), a BM25 index of captions and
metadata words, and in-memory columns of the filterable metadata.

Both are built from the database on first use and cached per store; they are refreshed when the catalog changes
(item count or highest id), checked at most every ``ttl`` seconds so a warm query costs no SQL.
"""
from __future__ import annotations

import math
import re
import threading
import time
import weakref
from collections import defaultdict

import numpy as np
from sqlalchemy import func, select

from advisor.core.store.models import Item
from agents.search_recommend import lexicon
from agents.search_recommend.columns import NUMERIC_FIELDS, TEXT_FIELDS, MetadataColumns
from agents.search_recommend.lexicon import stem
from agents.search_recommend.parse import CatalogVocabulary

STOPWORDS = frozenset("a an the of and or with in on at to for from by is are be this that these those it its some any "
                      "my your our their his her one".split())
TOKEN = re.compile(r"[a-z0-9]+")
FILTER_FIELDS = TEXT_FIELDS + NUMERIC_FIELDS
MAX_FACET_VALUES = 40
_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()



def tokens(text: str) -> list[str]:
    """Content words of a caption or query, stemmed, stopwords dropped."""
    return [stem(w) for w in TOKEN.findall((text or "").lower()) if w not in STOPWORDS]


class CaptionIndex:
    """BM25 (``bm25s``) over each item's caption and metadata words; ``top(query)`` gives the best-matching items.

    Items without a caption are indexed by their metadata words only, so on an image-only catalog a description
    matches nothing here and the vector ranking alone orders the results.
    """

    def __init__(self, ids: np.ndarray, captions: list[str], metadata_words: list[str] | None = None):
        import bm25s  # a core dependency; imported here to keep the module import light  # noqa: PLC0415 - loaded on first search

        self.ids = np.asarray(ids, np.int64)
        words = metadata_words or [""] * len(captions)
        self.n = len(captions)
        self._bm25 = bm25s.BM25()
        self._empty = self.n == 0
        if not self._empty:
            documents = [tokens(f"{caption} {extra}") for caption, extra in zip(captions, words)]
            self._empty = not any(documents)
            if not self._empty:
                self._bm25.index(documents, show_progress=False)

    def score(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        """(rows, BM25 scores) of the items sharing a word with the query."""
        words = list(dict.fromkeys(tokens(query)))
        if not words or self._empty:
            return np.zeros(0, np.int32), np.zeros(0, np.float32)
        known = [w for w in words if w in self._bm25.vocab_dict]
        if not known:
            return np.zeros(0, np.int32), np.zeros(0, np.float32)
        scores = np.asarray(self._bm25.get_scores(known), np.float32)
        rows = np.flatnonzero(scores > 0)
        return rows.astype(np.int32), scores[rows]

    def top(self, query: str, k: int, allowed: np.ndarray | None = None, also: list[int] | None = None) -> dict[int, float]:
        """Item id -> BM25 score for the best ``k`` items (only ``allowed`` ids when given), plus the scores of
        the ids in ``also`` that share a word with the query; one scoring pass."""
        rows, scores = self.score(query)
        out: dict[int, float] = {}
        if also and len(rows):
            wanted = np.searchsorted(self.ids, np.asarray(also, np.int64))
            wanted = wanted[(wanted < len(self.ids))]
            wanted = wanted[np.isin(self.ids[wanted], also)]
            position = np.searchsorted(rows, wanted)
            hit = (position < len(rows)) & (rows[np.minimum(position, len(rows) - 1)] == wanted)
            out.update(zip(self.ids[wanted[hit]].tolist(), scores[position[hit]].tolist()))
        if len(rows) and allowed is not None:
            keep = np.isin(self.ids[rows], allowed)
            rows, scores = rows[keep], scores[keep]
        if len(rows) > k:
            best = np.argpartition(-scores, k - 1)[:k]
            rows, scores = rows[best], scores[best]
        out.update(zip(self.ids[rows].tolist(), scores.tolist()))
        return out


class CatalogProfile:
    """Cached facts about one store's catalog."""

    def __init__(self, store, ttl: float = 5.0):
        self._store = weakref.ref(store)  # the cache is keyed by the store: a strong reference would keep it alive
        self.ttl = ttl
        self._version: tuple[int, int] | None = None
        self._checked = 0.0
        self._lock = threading.RLock()
        self.vocabulary = CatalogVocabulary(category_field=None, colour_field=None, price_field=None)
        self.domains: list[str] = []
        self.captions: CaptionIndex | None = None
        self.columns: MetadataColumns | None = None
        self.filter_cache: dict[str, list[int] | None] = {}

    @property
    def store(self):
        store = self._store()
        if store is None:
            raise RuntimeError("the catalog's store has been closed")
        return store

    @classmethod
    def of(cls, store, ttl: float = 5.0) -> CatalogProfile:
        with _CACHE_LOCK:
            profile = _CACHE.get(store)
            if profile is None:
                profile = _CACHE[store] = cls(store, ttl)
        profile.ttl = ttl
        return profile.refresh()

    def _current_version(self) -> tuple[int, int]:
        with self.store.session() as session:
            count, top = session.execute(select(func.count(Item.id), func.max(Item.id))).one()
        return int(count or 0), int(top or 0)

    def refresh(self, force: bool = False) -> CatalogProfile:
        with self._lock:
            now = time.monotonic()
            if not force and self._version is not None and now - self._checked < self.ttl:
                return self
            self._checked = now
            version = self._current_version()
            if force or version != self._version:
                self._build()
                self._version = version
                self.filter_cache = {}
            return self

    def _build(self) -> None:
        ids, captions, domains, item_domains, metas, all_metas = [], [], set(), [], [], []
        fields: dict[str, dict[str, str]] = {"category": {}, "colour": {}, "color": {}}
        other: dict[str, dict[str, str]] = defaultdict(dict)
        prices: list[float] = []
        with self.store.session() as session:
            rows = session.execute(select(Item.id, Item.caption, Item.domain, Item.meta).order_by(Item.id))
            for item_id, caption, domain, meta in rows:
                ids.append(item_id)
                captions.append(caption or "")
                domains.add(domain)
                item_domains.append(domain)
                meta = meta or {}
                metas.append({field: meta.get(field) for field in FILTER_FIELDS})
                all_metas.append(meta)
                for field, values in fields.items():
                    value = meta.get(field)
                    if isinstance(value, str) and value.strip():
                        values.setdefault(value.strip().lower(), value)
                for field, value in meta.items():
                    if field not in fields and isinstance(value, str) and 0 < len(value.split()) <= 3:
                        other[field].setdefault(value.strip().lower(), value)
                price = meta.get("price")
                if isinstance(price, (int, float)) and not isinstance(price, bool) and math.isfinite(price):
                    prices.append(float(price))
        colour_field = "colour" if fields["colour"] else ("color" if fields["color"] else None)
        colour_values = fields[colour_field] if colour_field else {}
        colours = {lexicon.COLOUR_WORDS.get(k, k): v for k, v in colour_values.items()}
        # a field with a few repeated values is a facet a shopper can name ("size", "material", "brand")
        facets = {f: v for f, v in other.items() if 2 <= len(v) <= MAX_FACET_VALUES and len(v) < len(ids) / 2
                  and re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", f)}
        terciles = np.quantile(prices, [1 / 3, 2 / 3]) if prices else [None, None]
        self.vocabulary = CatalogVocabulary(
            category_field="category" if fields["category"] else None, colour_field=colour_field,
            price_field="price" if prices else None, categories=fields["category"], colours=colours, fields=facets,
            cheap_max=float(terciles[0]) if prices else None, expensive_min=float(terciles[1]) if prices else None)
        self.domains = sorted(domains)
        # colours and short facets ("large") stay out of the word index: one shared word would lift hundreds of
        # items at once, and a described colour already ranks through the parsed preferences
        word_fields = {"category"}
        facet_words = [" ".join(str(v) for f, v in meta.items() if isinstance(v, str) and f in word_fields)
                       for meta in all_metas]
        self.captions = CaptionIndex(np.asarray(ids, np.int64), captions, facet_words)
        self.columns = MetadataColumns(ids, item_domains, metas)
