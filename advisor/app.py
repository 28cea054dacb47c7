"""The ``Advisor`` facade: one object that owns the settings, the store, the encoder and the catalog index.

Example::

    >>> from advisor import Advisor
    >>> adv = Advisor.from_settings(home="/tmp/advisor-demo")        # doctest: +SKIP
    >>> adv.ingest("photos/")                                         # doctest: +SKIP
    IngestReport(added=12, ...)
    >>> [h.caption for h in adv.search(text="a red circle", k=3)]     # doctest: +SKIP
"""
from __future__ import annotations

import hashlib
import logging
import threading
import time
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np

from advisor.conversation import ConversationMixin
from advisor.model_registry import ModelRegistry
from advisor.recommend import RecommendMixin
from advisor.settings import Settings
from advisor.types import Hit, IndexReport, IngestReport, Skipped

log = logging.getLogger(__name__)
INGEST_BATCH = 64
SAVE_EVERY_S = 10.0  # during long ingests the index file is also saved this often


class AdvisorError(ValueError):
    """A request the advisor cannot serve; the message says why."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Advisor(ConversationMixin, RecommendMixin):
    """Facade over store, encoder, index and (later) agents. Heavy parts load on first use."""

    def __init__(self, settings: Settings, encoder=None):
        from advisor.store import Store

        self.settings = settings
        settings.ensure_home()
        self.store = Store(settings.db_url)
        self._encoder = encoder
        self._catalog = None
        self._lock = threading.RLock()

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **overrides: Any) -> "Advisor":
        """Build from ``Settings`` (environment, TOML) with keyword overrides, e.g. ``home=...``."""
        if settings is not None and overrides:
            settings = settings.model_copy(update=overrides)
        return cls(settings or Settings(**overrides))

    # -- parts -------------------------------------------------------------------------------------------------
    @property
    def encoder(self):
        with self._lock:
            if self._encoder is None:
                from advisor.encoder import load_encoder

                self._encoder = load_encoder(self.encoder_spec, settings=self.settings)
            return self._encoder

    @property
    def catalog(self):
        with self._lock:
            if self._catalog is None:
                from advisor.catalog import ACTIVE_SPACE_KEY, CatalogIndex, space_name

                space = space_name(self._encoder.spec if self._encoder is not None else self.encoder_spec)
                catalog = CatalogIndex(self.store, self.settings.index_dir, space,
                                       kind=self.settings.index_type, use_gpu=self.settings.use_gpu)
                catalog.recover()
                self.store.set_value(ACTIVE_SPACE_KEY, space)
                self._catalog = catalog
            return self._catalog

    @property
    def encoder_spec(self) -> str:
        """The encoder in use: set explicitly (env/TOML/argument), else the one `advisor reindex` switched to."""
        from advisor.catalog import ACTIVE_ENCODER_KEY

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

    # -- ingest ------------------------------------------------------------------------------------------------
    def ingest(self, source: str | Path, domain: str | None = None, progress: bool | Callable[[int, int], None] = False,
               confine: bool = False) -> IngestReport:
        """Ingest an image folder, a JSONL/CSV manifest or one image. Bad rows are skipped and named.

        ``confine=True`` (for uploaded sources) skips images outside the source's folder.
        """
        from advisor.encoder.images import ImageLoadError
        from advisor.ingest import Candidate, iter_candidates

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
        from advisor.encoder.images import ImageLoadError

        last_save = time.monotonic()
        for start in range(0, len(candidates), INGEST_BATCH):
            batch = candidates[start:start + INGEST_BATCH]
            rows, images = [], []
            for cand in batch:
                try:
                    image = self.encoder.load_images([cand.image])[0]
                    digest = _sha256(cand.image)
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
        from tqdm import tqdm

        bar = tqdm(total=total, unit="img", desc="ingest")

        def update(done: int, _total: int) -> None:
            bar.update(done - bar.n)
            if done >= _total:
                bar.close()
        return update

    def _is_duplicate(self, digest: str, caption: str, domain: str) -> bool:
        from sqlalchemy import select

        from advisor.store import Item

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
            from advisor.encoder.images import ImageLoadError

            try:
                vec = self.encoder.encode_images([image])[0]
            except ImageLoadError as exc:
                raise AdvisorError(f"cannot read the query image: {exc}") from exc
            parts.append((1.0 - text_weight if text else 1.0, vec))
        query = sum(weight * vec for weight, vec in parts)
        return (query / max(float(np.linalg.norm(query)), 1e-12)).astype(np.float32)

    def search(self, text: str | None = None, image: Any = None, k: int = 10, domain: str | None = None,
               filters: Mapping[str, Any] | None = None, text_weight: float = 0.5) -> list[Hit]:
        """Top-k items for a text and/or image query, inside the domain and metadata filters."""
        from advisor.filters import matching_ids

        if not isinstance(k, int) or isinstance(k, bool) or k < 1:
            raise AdvisorError(f"k must be a positive integer, got {k!r}")
        k = min(k, 1000)
        query = self.embed_query(text, image, text_weight)
        allowed = matching_ids(self.store, filters, domain)
        if allowed is not None and not allowed:
            return []
        scores, ids = self.catalog.search(query[None, :], k, allowed)
        return self.hits(ids[0], scores[0])

    def hits(self, ids, scores) -> list[Hit]:
        valid = [(int(i), float(s)) for i, s in zip(ids, scores) if int(i) >= 0]
        items = self.store.get_items([i for i, _ in valid])
        return [Hit(id=i, score=round(s, 6), image=items[i].uri, caption=items[i].caption, domain=items[i].domain,
                    metadata=dict(items[i].meta or {})) for i, s in valid if i in items]

    # -- index maintenance -----------------------------------------------------------------------------------
    def index_report(self) -> IndexReport:
        return self.catalog.report(encoder=self.encoder_spec)

    def reindex(self, spec: str, progress: bool = False) -> IndexReport:
        """Re-embed the whole catalog with another encoder and switch to it atomically.

        The new vectors and index are built beside the old ones; searches keep using the old index until the
        new one is complete, then the active encoder flips in one database write.
        """
        from advisor.catalog import ACTIVE_ENCODER_KEY, CatalogIndex, space_name
        from advisor.encoder import load_encoder

        encoder = load_encoder(spec, settings=self.settings)
        space = space_name(spec)
        catalog = CatalogIndex(self.store, self.settings.index_dir, space, kind=self.settings.index_type,
                               use_gpu=self.settings.use_gpu)
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
        from advisor.encoder.images import ImageLoadError

        encoder = encoder or self.encoder
        space = space or self.catalog.space
        iterator = range(0, len(ids), INGEST_BATCH)
        if progress:
            from tqdm import tqdm

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
