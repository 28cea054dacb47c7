"""The ``Advisor`` facade: one object that owns the settings, the store, the encoder and the catalog index.

Example::

    >>> from advisor import Advisor
    >>> adv = Advisor.from_settings(home="/tmp/advisor-demo")        # doctest: +SKIP
    >>> adv.ingest("photos/")                                         # doctest: +SKIP
    IngestReport(added=12, ...)
    >>> [h.caption for h in adv.search(text="a red circle", k=3)]     # doctest: +SKIP
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select
from tqdm import tqdm

from advisor.application.conversations import AgentPool, Conversations, SessionInfo
from advisor.application.model_registry import ModelRegistry
from advisor.application.recommender import Feedback, Recommender
from advisor.application.router import RouteDecision, Router
from advisor.core.audit import AuditTrail
from advisor.core.catalog import ACTIVE_ENCODER_KEY, ACTIVE_SPACE_KEY, CatalogIndex, space_name
from advisor.core.encoder import Encoder, load_encoder
from advisor.core.errors import AdvisorError, ImageLoadError
from advisor.core.ingest import Candidate, file_sha256, iter_candidates
from advisor.core.search import SearchService
from advisor.core.settings import Settings
from advisor.core.store import Item, Store
from advisor.core.types import Hit, IndexReport, IngestReport, Skipped
from agents.base import Agent, Reply, Turn
from agents.context import AgentContext

__all__ = ["Advisor", "AdvisorError"]

log = logging.getLogger(__name__)
INGEST_BATCH = 64
SAVE_EVERY_S = 10.0  # during long ingests the index file is also saved this often





class Advisor:
    """Facade over the services: store, encoder, catalog index and search (core), agents and conversations,
    recommendations. Heavy parts load on first use.

    Composed services (each usable on its own, with its dependencies declared in its constructor):
    ``search_service`` (:class:`SearchService`), ``recommender`` (:class:`Recommender`), ``agents``
    (:class:`AgentPool`), ``conversations`` (:class:`Conversations`); ``context`` is the :class:`AgentContext`
    every agent receives.
    """

    def __init__(self, settings: Settings, encoder: Encoder | None = None):
        self.settings = settings
        settings.ensure_home()
        self.store = Store(settings.db_url)
        self._encoder = encoder
        self._catalog: CatalogIndex | None = None
        self._lock = threading.RLock()
        self.search_service = SearchService(settings, self.store, encoder=lambda: self.encoder,
                                            catalog=lambda: self.catalog)
        self.audit = AuditTrail(self.store)
        self.recommender = Recommender(self.store, self.search_service)
        self.context = AgentContext(settings=settings, store=self.store, search=self.search_service, audit=self.audit,
                                    feedback=self.recommender)
        self.agents = AgentPool(self.context, settings)
        self.conversations = Conversations(settings, self.store, self.agents, model_version=lambda: self.model_version)

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **overrides: Any) -> Advisor:
        """Build from ``Settings`` (environment, TOML) with keyword overrides, e.g. ``home=...``."""
        if settings is not None and overrides:
            settings = settings.model_copy(update=overrides)
        return cls(settings or Settings(**overrides))

    # -- parts -------------------------------------------------------------------------------------------------
    @property
    def encoder(self) -> Encoder:
        with self._lock:
            if self._encoder is None:
                self._encoder = load_encoder(self.encoder_spec, settings=self.settings)
            return self._encoder

    @property
    def catalog(self) -> CatalogIndex:
        with self._lock:
            if self._catalog is None:
                space = space_name(self._encoder.spec if self._encoder is not None else self.encoder_spec)
                catalog = CatalogIndex.from_settings(self.store, self.settings, space)
                catalog.recover()
                self.store.set_value(ACTIVE_SPACE_KEY, space)
                self._catalog = catalog
            return self._catalog

    @property
    def encoder_spec(self) -> str:
        """The encoder in use: set explicitly (env/TOML/argument), else the one `advisor reindex` switched to."""
        if "encoder" in self.settings.model_fields_set:
            return self.settings.encoder
        return self.store.get_value(ACTIVE_ENCODER_KEY) or self.settings.encoder

    @property
    def registry(self) -> ModelRegistry:
        """The model registry of this data home (``advisor models list|promote|rollback``)."""
        return ModelRegistry(self)

    @property
    def model_version(self) -> str:
        """The registry version of the serving encoder (its spec when it was never registered)."""
        return self.registry.version_of(self.encoder_spec)

    @property
    def router(self) -> Router:
        """The routing model (fitted once per data home, cached under ``<home>/models/router``)."""
        return self.agents.router

    def agent(self, name: str) -> Agent:
        """The agent instance called ``name``; unknown names raise ``AdvisorError``."""
        return self.agents.agent(name)

    def use_llm(self, llm: Any) -> None:
        """Let a LangChain chat model help routing when the classifier is unsure (``None`` turns it off)."""
        self.agents.use_llm(llm)

    # -- conversation ------------------------------------------------------------------------------------------
    def ask(self, text: str | None, image: Any = None, session_id: str | None = None, agent: str | None = None,
            user_id: str = "anonymous") -> Reply:
        """Answer a message: route it (unless ``agent`` is given), call the agent, store both turns.

        A new or unknown ``session_id`` starts a conversation; the reply carries ``session_id``, ``scores`` and
        ``confidence``. An agent that raises produces a reply with ``error`` set; the conversation goes on.
        """
        return self.conversations.ask(text, image=image, session_id=session_id, agent=agent, user_id=user_id)

    def route(self, text: str, session_id: str | None = None) -> RouteDecision:
        """Which agent would answer ``text`` (in the context of ``session_id``, if given), with every score."""
        return self.conversations.route(text, session_id=session_id)

    def history(self, session_id: str | None, limit: int | None = None) -> list[Turn]:
        """The turns of a conversation, oldest first (the last ``limit`` ones if given; [] for unknown ids)."""
        return self.conversations.history(session_id, limit=limit)

    def sessions(self, user_id: str | None = None, limit: int = 100) -> list[SessionInfo]:
        """Stored conversations, most recent first (optionally one user's)."""
        return self.conversations.sessions(user_id=user_id, limit=limit)

    # -- feedback and recommendations --------------------------------------------------------------------------
    def feedback(self, user_id: str, item_id: int, kind: str, context: str | None = None) -> Feedback:
        """Record that ``user_id`` did ``kind`` (view, like, dislike, purchase) to item ``item_id``."""
        return self.recommender.feedback(user_id, item_id, kind, context=context)

    def interactions(self, user_id: str, limit: int = 100) -> list[Feedback]:
        """The user's interactions, newest first."""
        return self.recommender.interactions(user_id, limit=limit)

    def recommend(self, user_id: str, k: int = 10, domain: str | None = None, query: str | None = None) -> list[Hit]:
        """Up to ``k`` items for ``user_id``, best first, each with an ``explanation``."""
        return self.recommender.recommend(user_id, k=k, domain=domain, query=query)

    # -- ingest ------------------------------------------------------------------------------------------------
    def ingest(self, source: str | Path, domain: str | None = None, progress: bool | Callable[[int, int], None] = False,
               confine: bool = False) -> IngestReport:
        """Ingest an image folder, a JSONL/CSV manifest or one image. Bad rows are skipped and named.

        ``confine=True`` (for uploaded sources) skips images outside the source's folder.
        """
        started = time.perf_counter()
        report = IngestReport()
        entries = list(iter_candidates(source, self.settings.max_text_chars, exclude=self.settings.home, confine=confine))
        candidates = [e for e in entries if isinstance(e, Candidate)]
        report.skipped.extend(e for e in entries if isinstance(e, Skipped))
        bar = self._progress_bar(progress, len(candidates))
        if candidates:
            with self.catalog.writing():  # a crash mid-ingest leaves a marker: the next start repairs the index
                self._ingest_batches(candidates, domain, report, bar)
        report.seconds = round(time.perf_counter() - started, 3)
        return report

    def _ingest_batches(self, candidates: list, domain: str | None, report: IngestReport, bar) -> None:
        last_save = time.monotonic()
        for start in range(0, len(candidates), INGEST_BATCH):
            batch = candidates[start:start + INGEST_BATCH]
            rows, images = [], []
            for cand in batch:
                try:
                    image = self.encoder.load_images([cand.image])[0]
                    digest = file_sha256(cand.image)
                except ImageLoadError as exc:
                    report.skipped.append(Skipped(source=cand.source, reason=str(exc).split(": ", 1)[-1]))
                    continue
                except OSError as exc:
                    report.skipped.append(Skipped(source=cand.source, reason=f"unreadable ({exc.strerror or exc})"))
                    continue
                item_domain = domain or cand.domain or "default"
                if self._is_duplicate(digest, cand.caption, item_domain):
                    report.duplicates += 1
                    continue
                rows.append({"uri": str(cand.image.resolve()), "caption": cand.caption, "domain": item_domain,
                             "meta": cand.metadata, "sha256": digest})
                images.append(image)
            if rows:
                ids = self._store_with_vectors(rows, images)
                report.ids.extend(ids)
                report.added += len(ids)
            if bar is not None:
                bar(min(start + INGEST_BATCH, len(candidates)), len(candidates))
            if time.monotonic() - last_save > SAVE_EVERY_S:
                self.catalog.save()
                last_save = time.monotonic()

    @staticmethod
    def _progress_bar(progress, total: int):
        if callable(progress):
            return progress
        if not progress:
            return None

        bar = tqdm(total=total, unit="img", desc="ingest")

        def update(done: int, _total: int) -> None:
            bar.update(done - bar.n)
            if done >= _total:
                bar.close()
        return update

    def _is_duplicate(self, digest: str, caption: str, domain: str) -> bool:
        with self.store.session() as s:
            return s.scalar(select(Item.id).where(Item.sha256 == digest, Item.caption == caption, Item.domain == domain).limit(1)) is not None

    def _store_with_vectors(self, rows: list[dict], images: list) -> list[int]:
        vectors = self.encoder.encode_images(images)
        catalog = self.catalog
        items = self.store.add_items(rows, vectors=vectors, space=catalog.space)  # items + vectors: one transaction
        ids = [item.id for item in items]
        catalog.add(ids, vectors)
        return ids

    def delete(self, ids: list[int]) -> int:
        """Remove items from the database and the index."""
        with self.catalog.writing():
            removed = self.store.delete_items(ids)
            self.catalog.remove(ids)
        return removed

    # -- search ------------------------------------------------------------------------------------------------
    def embed_query(self, text: str | None = None, image: Any = None, text_weight: float = 0.5) -> np.ndarray:
        """The query vector for text, an image, or both (weighted, then renormalised)."""
        return self.search_service.embed_query(text, image, text_weight)

    def search(self, text: str | None = None, image: Any = None, k: int = 10, domain: str | None = None,
               filters: Mapping[str, Any] | None = None, text_weight: float = 0.5) -> list[Hit]:
        """Top-k items for a text and/or image query, inside the domain and metadata filters."""
        return self.search_service.search(text, image, k=k, domain=domain, filters=filters, text_weight=text_weight)

    def hits(self, ids, scores) -> list[Hit]:
        """``Hit`` rows for item ids and scores, in order (unknown ids are dropped)."""
        return self.search_service.hits(ids, scores)

    # -- index maintenance -----------------------------------------------------------------------------------
    def index_report(self) -> IndexReport:
        return self.catalog.report(encoder=self.encoder_spec)

    def reindex(self, spec: str, progress: bool = False) -> IndexReport:
        """Re-embed the whole catalog with another encoder and switch to it atomically.

        The new vectors and index are built beside the old ones; searches keep using the old index until the
        new one is complete, then the active encoder flips in one database write.
        """
        encoder = load_encoder(spec, settings=self.settings)
        space = space_name(spec)
        catalog = CatalogIndex.from_settings(self.store, self.settings, space)
        have = set(self.store.vector_ids(space))
        todo = [i for i in self.store.item_ids() if i not in have]
        self._embed_items(todo, progress, encoder=encoder, space=space)
        catalog.rebuild()
        with self._lock:
            self.store.set_value(ACTIVE_ENCODER_KEY, spec)
            self._encoder, self._catalog = encoder, catalog
        return self.index_report()

    def rebuild_index(self, progress: bool = False) -> IndexReport:
        """Re-embed items that have no stored vector in the active space, then rebuild the index from the store."""
        catalog = self.catalog
        have = set(self.store.vector_ids(catalog.space))
        missing = [i for i in self.store.item_ids() if i not in have]
        if missing:
            self._embed_items(missing, progress)
        catalog.rebuild()
        return self.index_report()

    def _embed_items(self, ids: list[int], progress: bool = False, encoder=None, space: str | None = None) -> None:
        encoder = encoder or self.encoder
        space = space or self.catalog.space
        iterator = range(0, len(ids), INGEST_BATCH)
        if progress:
            iterator = tqdm(iterator, desc="embed", unit="batch")
        for start in iterator:
            chunk = self.store.get_items(ids[start:start + INGEST_BATCH])
            good, images = [], []
            for item_id, item in chunk.items():
                try:
                    images.append(encoder.load_images([item.uri])[0])
                    good.append(item_id)
                except ImageLoadError as exc:
                    log.warning("item %d: %s; it stays without a vector", item_id, exc)
            if good:
                self.store.put_vectors(space, good, encoder.encode_images(images))

    def close(self) -> None:
        if self._catalog is not None:
            self._catalog.save()
        self.store.dispose()
