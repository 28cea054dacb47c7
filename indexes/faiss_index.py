"""FAISS backend: exact inner product for small collections, IVF beyond a size threshold, GPU when present.

The CPU index is the source of truth; when FAISS sees a GPU, unfiltered searches run on a GPU replica
that is rebuilt lazily after changes. Files are written to a temporary name, fsynced, then renamed.
"""
from __future__ import annotations

import json
import logging
import math
import os
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from indexes.base import IndexError_, VectorIndex, as_ids, as_matrix, checked_batch

log = logging.getLogger(__name__)

EXACT_LIMIT = 100_000  # below this, exact search is fast enough (see docs/BENCHMARKS.md)
RECALL_TARGET = 0.95  # nprobe is chosen so that IVF keeps recall@10 at or above this
# IVF training (docs/SCALING.md): an explicit 'ivf' index stays exact until IVF_TRAIN_MIN vectors exist (k-means on
# fewer points gives meaningless lists), then trains on a random sample of at most TRAIN_POINTS_PER_LIST points per
# list, and retrains (more lists, fresh centroids) each time the collection grows RETRAIN_GROWTH-fold since then.
IVF_TRAIN_MIN = 1_000
RETRAIN_GROWTH = 2.0
TRAIN_POINTS_PER_LIST = 256  # FAISS's own cap per centroid; more points only slow k-means down
MIN_POINTS_PER_LIST = 39  # FAISS warns below this many training points per centroid


def _faiss():
    try:
        import faiss  # noqa: PLC0415 - faiss is heavy: loaded when an index is opened
    except ImportError as exc:  # pragma: no cover - install hint
        raise ImportError("FAISS is missing: pip install faiss-cpu (or smart-advisor[gpu] for faiss-gpu)") from exc
    return faiss


def gpu_count() -> int:
    faiss = _faiss()
    try:
        return int(faiss.get_num_gpus()) if hasattr(faiss, "get_num_gpus") else 0
    except Exception:  # noqa: BLE001 - a broken CUDA setup means CPU
        return 0


def _fsync_replace(tmp: str, final: Path) -> None:
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, final)
    try:
        dir_fd = os.open(final.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


class FaissIndex(VectorIndex):
    """A FAISS index of normalised vectors keyed by item ids.

    ``kind``: ``flat`` (exact), ``ivf`` (inverted lists, trained on the data), ``hnsw`` (graph), or ``auto``
    (flat up to ``EXACT_LIMIT`` vectors, then IVF). ``use_gpu`` moves searches to the GPU when one exists.
    """

    def __init__(self, dim: int, kind: str = "auto", use_gpu: bool = True):
        if dim <= 0:
            raise IndexError_("dimension must be positive")
        self.dim = int(dim)
        self.kind = kind
        self.use_gpu = use_gpu and gpu_count() > 0
        self._lock = threading.RLock()
        if kind not in ("auto", "flat", "ivf", "hnsw"):
            raise IndexError_(f"unknown index kind {kind!r}; choose flat, ivf, hnsw or auto")
        self._index = self._new_index("hnsw" if kind == "hnsw" else "flat", n_train=0)
        self._gpu = None
        self.nprobe = 16
        self.trained_size = 0  # collection size when the IVF lists were last trained

    # -- construction -------------------------------------------------------------------------------------
    def _new_index(self, kind: str, n_train: int):
        faiss = _faiss()
        if kind == "flat":
            return faiss.IndexIDMap2(faiss.IndexFlatIP(self.dim))
        if kind == "ivf":
            nlist = ivf_lists(n_train)
            quantizer = faiss.IndexFlatIP(self.dim)
            index = faiss.IndexIVFFlat(quantizer, self.dim, nlist, faiss.METRIC_INNER_PRODUCT)
            index.set_direct_map_type(faiss.DirectMap.Hashtable)  # reconstruct by id, add_with_ids allowed
            return index
        if kind == "hnsw":
            inner = faiss.IndexHNSWFlat(self.dim, 32, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efSearch = 128
            inner.hnsw.efConstruction = 80
            return faiss.IndexIDMap2(inner)
        raise IndexError_(f"unknown index kind {kind!r}; choose flat, ivf, hnsw or auto")

    @property
    def current_kind(self) -> str:
        faiss = _faiss()
        if isinstance(self._index, faiss.IndexIVF):
            return "ivf"
        inner = faiss.downcast_index(self._index.index) if hasattr(self._index, "index") else None
        return "hnsw" if isinstance(inner, faiss.IndexHNSW) else "flat"

    def _all_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        ids = self.ids()
        if len(ids) == 0:
            return ids, np.zeros((0, self.dim), dtype=np.float32)
        if self.current_kind == "ivf":
            vectors = np.vstack([self._index.reconstruct(int(i)) for i in ids])
        else:
            vectors = self._index.reconstruct_batch(ids)
        return ids, np.asarray(vectors, dtype=np.float32)

    def _rebuild(self, kind: str, extra_ids: np.ndarray | None = None, extra: np.ndarray | None = None) -> None:
        ids, vectors = self._all_vectors()
        if extra_ids is not None:
            ids, vectors = np.concatenate([ids, extra_ids]), np.vstack([vectors, extra])
        index = self._new_index(kind, n_train=len(ids))
        if kind == "ivf":
            index.train(training_sample(vectors, index.nlist))
            index.nprobe = self.nprobe = min(index.nlist, max(8, index.nlist // 16))
            self.trained_size = len(ids)
        index.add_with_ids(vectors, ids)
        self._index = index
        log.info("rebuilt index as %s with %d vectors", kind, len(ids))

    def _wanted_kind(self, size: int) -> str:
        """The structure a collection of ``size`` vectors should have under this index's ``kind``."""
        if self.kind in ("flat", "hnsw"):
            return self.kind
        limit = IVF_TRAIN_MIN if self.kind == "ivf" else EXACT_LIMIT
        return "ivf" if size >= limit else "flat"

    def needs_training(self, size: int) -> bool:
        """True when adding up to ``size`` vectors should (re)train the IVF lists."""
        if self._wanted_kind(size) != "ivf":
            return False
        return self.current_kind != "ivf" or size >= RETRAIN_GROWTH * max(self.trained_size, 1)

    # -- VectorIndex ------------------------------------------------------------------------------------------
    def add(self, ids: Iterable[int], vectors: np.ndarray) -> None:
        id_array, matrix = checked_batch(ids, vectors, self.dim)
        with self._lock:
            self.remove(id_array)
            if self.needs_training(len(self) + len(id_array)):
                self._rebuild("ivf", id_array, matrix)  # train (or retrain) on a sample of everything held
            else:
                self._index.add_with_ids(matrix, id_array)
            self._gpu = None

    def remove(self, ids: Iterable[int]) -> int:
        id_array = as_ids(ids)
        if len(id_array) == 0:
            return 0
        faiss = _faiss()
        with self._lock:
            if self.current_kind == "hnsw":  # HNSW cannot delete in place: rebuild without them
                present = np.isin(self.ids(), id_array)
                if not present.any():
                    return 0
                keep_ids, keep = self._all_vectors()
                mask = ~np.isin(keep_ids, id_array)
                self._index = self._new_index("hnsw", 0)
                if mask.any():
                    self._index.add_with_ids(keep[mask], keep_ids[mask])
                self._gpu = None
                return int(present.sum())
            selector = faiss.IDSelectorArray(len(id_array), faiss.swig_ptr(id_array)) if self.current_kind == "ivf" \
                else faiss.IDSelectorBatch(id_array)
            removed = int(self._index.remove_ids(selector))
            if removed:
                self._gpu = None
            return removed

    def search(self, vectors: np.ndarray, k: int, filter: Iterable[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        if k <= 0:
            raise IndexError_("k must be positive")
        matrix = as_matrix(vectors, self.dim)
        faiss = _faiss()
        with self._lock:
            n = len(self)
            if n == 0:
                return np.zeros((len(matrix), k), np.float32), -np.ones((len(matrix), k), np.int64)
            if filter is None:
                return self._search_unfiltered(matrix, k)
            allowed = as_ids(filter)
            if len(allowed) == 0:
                return np.zeros((len(matrix), k), np.float32), -np.ones((len(matrix), k), np.int64)
            selector = faiss.IDSelectorBatch(allowed)
            params = self._search_params(selector)
            scores, ids = self._index.search(matrix, min(k, n), params=params)
        return self._pad(scores, ids, k)

    def _search_params(self, selector):
        faiss = _faiss()
        kind = self.current_kind
        if kind == "ivf":
            return faiss.SearchParametersIVF(sel=selector, nprobe=self.nprobe)
        if kind == "hnsw":
            return faiss.SearchParametersHNSW(sel=selector, efSearch=128)
        return faiss.SearchParameters(sel=selector)

    def _search_unfiltered(self, matrix: np.ndarray, k: int):
        index = self._gpu_index() or self._index
        if self.current_kind == "ivf" and index is self._index:
            self._index.nprobe = self.nprobe
        scores, ids = index.search(matrix, min(k, len(self)))
        return self._pad(scores, ids, k)

    def _gpu_index(self):
        if not self.use_gpu or self.current_kind == "hnsw":
            return None
        if self._gpu is None:
            faiss = _faiss()
            try:
                if not hasattr(self, "_resources"):
                    self._resources = faiss.StandardGpuResources()
                self._gpu = faiss.index_cpu_to_gpu(self._resources, 0, self._index)
                if self.current_kind == "ivf":
                    self._gpu.nprobe = self.nprobe
            except Exception as exc:  # noqa: BLE001 - fall back to the CPU, say why once
                log.warning("FAISS GPU unavailable (%s); searching on the CPU", exc)
                self.use_gpu = False
                return None
        return self._gpu

    @staticmethod
    def _pad(scores: np.ndarray, ids: np.ndarray, k: int):
        if scores.shape[1] < k:
            pad = k - scores.shape[1]
            scores = np.hstack([scores, np.zeros((len(scores), pad), np.float32)])
            ids = np.hstack([ids, -np.ones((len(ids), pad), np.int64)])
        scores = np.where(ids < 0, 0.0, scores).astype(np.float32)
        return scores, ids.astype(np.int64)

    def ids(self) -> np.ndarray:
        faiss = _faiss()
        with self._lock:
            if self.current_kind == "ivf":
                invlists = self._index.invlists
                chunks = []
                for list_no in range(self._index.nlist):
                    size = invlists.list_size(list_no)
                    if size:
                        ptr = invlists.get_ids(list_no)
                        chunks.append(faiss.rev_swig_ptr(ptr, size).copy())
                return np.sort(np.concatenate(chunks)) if chunks else np.zeros(0, np.int64)
            return np.sort(faiss.vector_to_array(self._index.id_map).astype(np.int64))

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def save(self, path: str | Path) -> None:
        faiss = _faiss()
        final = Path(path)
        final.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            fd, tmp = tempfile.mkstemp(prefix=final.name + ".", suffix=".tmp", dir=final.parent)
            os.close(fd)
            try:
                faiss.write_index(self._index, tmp)
                _fsync_replace(tmp, final)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            meta = {"dim": self.dim, "kind": self.kind, "ntotal": len(self), "nprobe": self.nprobe,
                    "trained_size": self.trained_size}
            fd, tmp = tempfile.mkstemp(prefix=final.name + ".", suffix=".json.tmp", dir=final.parent)
            with os.fdopen(fd, "w") as handle:
                json.dump(meta, handle)
            _fsync_replace(tmp, final.with_suffix(final.suffix + ".json"))

    @classmethod
    def load(cls, path: str | Path, use_gpu: bool = True) -> FaissIndex:
        faiss = _faiss()
        path = Path(path)
        if not path.exists():
            raise IndexError_(f"no index file at {path}")
        try:
            raw = faiss.read_index(str(path))
        except Exception as exc:
            raise IndexError_(f"index file {path} is unreadable or corrupt: {exc}") from exc
        meta_path = path.with_suffix(path.suffix + ".json")
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        index = cls(raw.d, kind=meta.get("kind", "auto"), use_gpu=use_gpu)
        index._index = raw
        index.nprobe = int(meta.get("nprobe", 16))
        trained = meta.get("trained_size")
        index.trained_size = int(trained) if trained is not None else (len(index) if index.current_kind == "ivf" else 0)
        return index


def ivf_lists(size: int) -> int:
    """Inverted lists for ``size`` vectors: about 4·√n, with at least MIN_POINTS_PER_LIST vectors per list."""
    return max(1, min(int(4 * math.sqrt(max(size, 1))), size // MIN_POINTS_PER_LIST or 1, 65536))


def training_sample(vectors: np.ndarray, nlist: int, seed: int = 0) -> np.ndarray:
    """A uniform random sample (seeded, so rebuilds are reproducible) big enough to train ``nlist`` centroids."""
    limit = TRAIN_POINTS_PER_LIST * nlist
    if len(vectors) <= limit:
        return vectors
    rows = np.random.default_rng(seed).choice(len(vectors), size=limit, replace=False)
    return np.ascontiguousarray(vectors[np.sort(rows)])
