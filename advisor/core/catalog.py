"""The catalog's vector index, kept in agreement with the database.

Vectors are stored in the database with their items (one transaction), so the index (a FAISS file, or a Milvus
collection with a small descriptor file) is a cache that can always be rebuilt: on open, the index is compared with
the database and repaired if a crash left them apart. ``index_backend`` in the settings chooses the engine.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from advisor.core.locks import file_lock
from advisor.core.types import IndexReport
from indexes import IndexOptions, VectorIndexError, drop_index, index_path, load_index, new_index

log = logging.getLogger(__name__)
ACTIVE_SPACE_KEY = "active_space"
ACTIVE_ENCODER_KEY = "active_encoder"


def space_name(spec: str) -> str:
    """A stable name for the embedding space of an encoder spec (changes when its weights change)."""
    path = Path(spec).expanduser()
    if spec in ("", "default"):
        from advisor.core.encoder.default import HEADS_FILE  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

        digest = hashlib.sha1(HEADS_FILE.read_bytes()).hexdigest()[:10] if HEADS_FILE.exists() else "bridge"
        return f"default-{digest}"
    if path.exists():
        stamp = "".join(f"{p.name}:{p.stat().st_size}:{int(p.stat().st_mtime)}" for p in sorted(path.rglob("*.safetensors")))
        digest = hashlib.sha1(f"{path.resolve()}|{stamp}".encode()).hexdigest()[:10]
        return f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', path.name)[:40]}-{digest}"
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", spec)[:60]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class CatalogIndex:
    """One vector index per embedding space (a FAISS file under ``<home>/index/``, or a Milvus collection whose
    descriptor lives there); the database is the source of truth.

    Crash safety: a writer drops a marker file (``<space>.writing-<pid>``) before it commits items and removes it
    once the index file is saved. A marker left by a dead process means a write was interrupted; the next
    open repairs the index from the vectors stored in the database. Saves take a file lock and first sync the
    in-memory index with the database, so concurrent writers (threads or processes) never lose each other's items.
    """

    def __init__(self, store, index_dir: Path, space: str, kind: str = "auto", use_gpu: bool = True,
                 options: IndexOptions | None = None):
        self.store = store
        self.space = space
        self.options = options or IndexOptions(kind=kind, use_gpu=use_gpu)
        self.path = index_path(self.options, index_dir, space)
        self.kind = self.options.kind
        self.use_gpu = self.options.use_gpu
        self._index = None
        self._lock = threading.RLock()
        self._seen: tuple | None = None  # the index file as this process last loaded or wrote it

    @classmethod
    def from_settings(cls, store, settings, space: str) -> CatalogIndex:
        """The catalog index of ``space`` on the backend the settings choose (FAISS or Milvus)."""
        token = settings.milvus_token.get_secret_value() if settings.milvus_token is not None else None
        options = IndexOptions(backend=settings.index_backend, kind=settings.index_type, use_gpu=settings.use_gpu,
                               milvus_uri=settings.resolved_milvus_uri, milvus_token=token)
        return cls(store, settings.index_dir, space, options=options)

    @property
    def index(self):
        with self._lock:
            if self._index is None:
                self._index = self._open()
            return self._index

    # -- other processes' writes ------------------------------------------------------------------------------
    def _signature(self) -> tuple | None:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size, stat.st_ino

    def refresh(self) -> bool:
        """Pick up items another process committed: every writer saves the index file after committing, so a
        changed file means the database moved on; the in-memory index then syncs with it (incrementally)."""
        signature = self._signature()
        if signature is None or signature == self._seen or self._index is None:
            return False
        with self._lock:
            signature = self._signature()
            if signature == self._seen or self._index is None:
                return False
            self._sync(self._index)
            self._seen = signature
            return True

    # -- crash markers and locking ----------------------------------------------------------------------------
    def _marker(self) -> Path:
        return self.path.with_name(f"{self.space}.writing-{os.getpid()}")

    def interrupted_writes(self) -> list[Path]:
        """Markers of writers that died before saving the index."""
        found = []
        for marker in self.path.parent.glob(f"{self.space}.writing-*"):
            try:
                pid = int(marker.name.rsplit("-", 1)[1])
            except ValueError:
                continue
            if pid != os.getpid() and not _pid_alive(pid):
                found.append(marker)
        return found

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Wrap a database write of items: the marker survives a crash, so the next start repairs."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        marker = self._marker()
        marker.touch()
        try:
            yield
        finally:
            self.save()
            marker.unlink(missing_ok=True)

    def _file_lock(self):
        return file_lock(self.path.with_name(f"{self.space}.lock"))

    def recover(self) -> bool:
        """Repair after interrupted writes (dead writers' markers); True when something was recovered."""
        markers = self.interrupted_writes()
        if not markers:
            return False
        log.warning("recovering from %d interrupted write(s)", len(markers))
        with self._lock:
            if self._index is None:
                self._index = self._open()
            elif self._index is not None:
                self._sync(self._index)
            self.save()
        for marker in markers:
            marker.unlink(missing_ok=True)
        return True

    def load_saved(self, use_gpu: bool = False):
        """The index as last saved, without any repair (None when nothing was saved); raises when unreadable."""
        return load_index(self.options, self.path, use_gpu=use_gpu) if self.path.exists() else None

    def _open(self):
        index = None
        if self.path.exists():
            try:
                self._seen = self._signature()
                index = load_index(self.options, self.path)
            except VectorIndexError as exc:
                log.warning("%s; rebuilding it from the database", exc)
        if index is None:
            return self._build_from_store()
        self._index = index
        report = self.report()
        if not report.agree:
            log.warning("index and database disagree (%d missing, %d orphans): repairing",
                        len(report.missing_from_index), len(report.orphans_in_index))
            self._repair(index, report)
        return index

    def _build_from_store(self):
        index = None
        for ids, vectors in self.store.vectors(self.space):
            if index is None:
                index = new_index(self.options, vectors.shape[1], self.space)
            index.add(ids, vectors)
        if index is not None:
            self._index = index
            self.save()
        return index

    def _repair(self, index, report: IndexReport) -> None:
        self._sync(index)
        self.save()

    def _sync(self, index) -> None:
        """Make the in-memory index hold exactly the vectors stored for existing items."""
        stored = np.asarray(self.store.vector_ids(self.space), np.int64)
        present = index.ids()
        orphans = np.setdiff1d(present, stored)
        missing = np.setdiff1d(stored, present)
        if len(orphans):
            index.remove(orphans)
        for start in range(0, len(missing), 4096):
            for ids, vectors in self.store.vectors(self.space, ids=missing[start:start + 4096].tolist()):
                index.add(ids, vectors)

    def ensure(self, dim: int):
        with self._lock:
            if self.index is None:
                self._index = new_index(self.options, dim, self.space)
            return self._index

    def add(self, ids, vectors: np.ndarray) -> None:
        with self._lock:
            self.ensure(vectors.shape[1]).add(ids, vectors)

    def remove(self, ids) -> int:
        with self._lock:
            return self.index.remove(ids) if self.index is not None else 0

    def search(self, vectors: np.ndarray, k: int, allowed: list[int] | None = None):
        self.refresh()
        index = self.index
        if index is None or len(index) == 0:
            return np.zeros((len(vectors), k), np.float32), -np.ones((len(vectors), k), np.int64)
        return index.search(vectors, k, filter=allowed)

    def save(self) -> None:
        """Sync with the database under a file lock, then write atomically."""
        with self._lock, self._file_lock():
            if self._index is not None:
                self._sync(self._index)
                self._index.save(self.path)
                self._seen = self._signature()

    def report(self, encoder: str = "") -> IndexReport:
        self.refresh()
        items = self.store.item_ids()
        index = self._index if self._index is not None else (self.index if self.path.exists() or items else None)
        vector_ids = index.ids().tolist() if index is not None else []
        item_set, vector_set = set(items), set(vector_ids)
        return IndexReport(
            items=len(items), vectors=len(vector_ids),
            missing_from_index=sorted(item_set - vector_set)[:1000],
            orphans_in_index=sorted(vector_set - item_set)[:1000],
            encoder=encoder, kind=index.current_kind if index is not None else "", dim=index.dim if index is not None else 0,
        )

    def rebuild(self) -> None:
        """Drop the index file and rebuild it from the vectors stored in the database."""
        with self._lock:
            self._index = None
            drop_index(self.options, self.path, self.space)
            self._index = self._build_from_store()
