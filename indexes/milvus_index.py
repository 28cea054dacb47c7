"""Milvus backend: a Milvus collection keyed by the items' primary keys (Milvus Lite file, server or cluster).

Milvus Lite serves a file from one process at a time (a lock on the file); several processes need a Milvus server.
The vectors live in Milvus, not in a local file, so :meth:`MilvusIndex.save` writes only a small descriptor (URI,
collection, dimension) and flushes the collection; :meth:`MilvusIndex.load` reconnects to it. Filters push down
into a Milvus boolean expression (``id in [...]``), so the engine searches only inside the allowed items.

Example::

    >>> idx = MilvusIndex(dim=4, uri="/tmp/vectors.db", collection="demo")    # doctest: +SKIP
    >>> idx.add([7, 8], np.eye(4, dtype="float32")[:2])                        # doctest: +SKIP
    >>> idx.search(np.eye(4, dtype="float32")[:1], k=1, filter=[8])            # doctest: +SKIP
    (array([[0.]], dtype=float32), array([[8]]))
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from indexes.base import IndexError_, VectorIndex, as_ids, as_matrix, checked_batch

WRITE_BATCH = 2_000  # rows per upsert request (stays well under Milvus' 64 MB gRPC message limit at d <= 4096)
FILTER_CHUNK = 10_000  # ids per `id in [...]` expression; larger allowed sets are searched chunk by chunk
ID_FIELD, VECTOR_FIELD = "id", "vector"


def _client(uri: str, token: str | None = None):
    try:
        from pymilvus import MilvusClient  # noqa: PLC0415 - optional extra [scale]
    except ImportError as exc:  # pragma: no cover - install hint
        raise ImportError("Milvus is missing: pip install 'smart-advisor[scale]' (pymilvus, milvus-lite)") from exc
    try:
        return MilvusClient(uri=uri, token=token or "")
    except Exception as exc:
        raise IndexError_(f"cannot connect to Milvus at {uri}: {exc}") from exc


def collection_name(name: str) -> str:
    """A valid Milvus collection name (letters, digits, underscores; starts with a letter or underscore)."""
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return ("c_" + cleaned if not re.match(r"[A-Za-z_]", cleaned) else cleaned)[:255]


def normalise_uri(uri: str) -> str:
    """Server URIs pass through; a Milvus Lite file path becomes absolute (its parent folder is created)."""
    if re.match(r"^[a-z]+://", uri):
        return uri
    path = Path(uri).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)


class MilvusIndex(VectorIndex):
    """Normalised vectors in one Milvus collection, inner-product metric, ids = item ids.

    ``uri``: a Milvus Lite file (``/data/vectors.db``), or ``http://host:19530`` for a server or cluster.
    ``index_type``: Milvus' index (``AUTOINDEX`` lets the engine choose; ``HNSW``, ``IVF_FLAT``... on a server).
    """

    def __init__(self, dim: int, uri: str, collection: str, token: str | None = None, index_type: str = "AUTOINDEX"):
        if dim <= 0:
            raise IndexError_("dimension must be positive")
        self.dim = int(dim)
        self.uri = normalise_uri(uri)
        self.collection = collection_name(collection)
        self.index_type = index_type
        self._token = token
        self._lock = threading.RLock()
        self._client = _client(self.uri, token)
        self._ensure_collection()

    def _ensure_collection(self) -> None:
        from pymilvus import DataType  # noqa: PLC0415 - optional extra [scale]

        client = self._client
        if client.has_collection(self.collection):
            fields = client.describe_collection(self.collection)["fields"]
            dims = [int(f["params"]["dim"]) for f in fields if f["name"] == VECTOR_FIELD]
            if dims and dims[0] != self.dim:
                raise IndexError_(f"Milvus collection {self.collection!r} holds {dims[0]}-d vectors, not {self.dim}-d")
            client.load_collection(self.collection)  # a collection opened by another process starts released
            return
        schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field(ID_FIELD, DataType.INT64, is_primary=True)
        schema.add_field(VECTOR_FIELD, DataType.FLOAT_VECTOR, dim=self.dim)
        params = client.prepare_index_params()
        params.add_index(field_name=VECTOR_FIELD, index_type=self.index_type, metric_type="IP")
        # Strong consistency: a search right after an ingest sees what was just written
        client.create_collection(self.collection, schema=schema, index_params=params, consistency_level="Strong")

    @property
    def current_kind(self) -> str:
        return f"milvus-{self.index_type.lower()}"

    # -- VectorIndex ------------------------------------------------------------------------------------------
    def add(self, ids: Iterable[int], vectors: np.ndarray) -> None:
        id_array, matrix = checked_batch(ids, vectors, self.dim)
        with self._lock:
            for start in range(0, len(id_array), WRITE_BATCH):
                rows = [{ID_FIELD: int(i), VECTOR_FIELD: vec.tolist()}
                        for i, vec in zip(id_array[start:start + WRITE_BATCH], matrix[start:start + WRITE_BATCH])]
                self._client.upsert(self.collection, rows)  # upsert: an id already present is replaced

    def remove(self, ids: Iterable[int]) -> int:
        id_array = as_ids(ids)
        if len(id_array) == 0:
            return 0
        removed = 0
        with self._lock:
            for start in range(0, len(id_array), FILTER_CHUNK):
                chunk = id_array[start:start + FILTER_CHUNK].tolist()
                present = self._client.query(self.collection, filter=_id_filter(chunk), output_fields=[ID_FIELD])
                if present:
                    self._client.delete(self.collection, ids=[int(row[ID_FIELD]) for row in present])
                    removed += len(present)
        return removed

    def search(self, vectors: np.ndarray, k: int, filter: Iterable[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        if k <= 0:
            raise IndexError_("k must be positive")
        matrix = as_matrix(vectors, self.dim)
        if filter is None:
            return self._search(matrix, k, "")
        allowed = as_ids(filter)
        if len(allowed) == 0:
            return np.zeros((len(matrix), k), np.float32), -np.ones((len(matrix), k), np.int64)
        parts = [self._search(matrix, k, _id_filter(allowed[s:s + FILTER_CHUNK].tolist()))
                 for s in range(0, len(allowed), FILTER_CHUNK)]
        return _merge(parts, k)

    def _search(self, matrix: np.ndarray, k: int, expression: str) -> tuple[np.ndarray, np.ndarray]:
        scores = np.zeros((len(matrix), k), np.float32)
        ids = -np.ones((len(matrix), k), np.int64)
        with self._lock:
            results = self._client.search(self.collection, data=matrix.tolist(), limit=min(k, 16_384),
                                          filter=expression, output_fields=[ID_FIELD],
                                          search_params={"metric_type": "IP"}, anns_field=VECTOR_FIELD)
        for row, hits in enumerate(results):
            for col, hit in enumerate(hits[:k]):
                ids[row, col] = int(hit["id"])
                scores[row, col] = float(hit["distance"])
        return scores, ids

    def ids(self) -> np.ndarray:
        found: list[int] = []
        with self._lock:
            iterator = self._client.query_iterator(self.collection, batch_size=10_000, filter="",
                                                   output_fields=[ID_FIELD])
            try:
                while batch := iterator.next():
                    found.extend(int(row[ID_FIELD]) for row in batch)
            finally:
                iterator.close()
        return np.sort(np.asarray(found, np.int64))

    def __len__(self) -> int:
        with self._lock:
            rows = self._client.query(self.collection, filter="", output_fields=["count(*)"])
        return int(rows[0]["count(*)"]) if rows else 0

    def save(self, path: str | Path) -> None:
        """Flush the collection (durable on the server) and write a descriptor atomically."""
        final = Path(path)
        final.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            self._client.flush(self.collection)
            descriptor = {"backend": "milvus", "uri": self.uri, "collection": self.collection, "dim": self.dim,
                          "index_type": self.index_type}
            fd, tmp = tempfile.mkstemp(prefix=final.name + ".", suffix=".tmp", dir=final.parent)
            with os.fdopen(fd, "w") as handle:
                json.dump(descriptor, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, final)

    @classmethod
    def load(cls, path: str | Path, token: str | None = None) -> MilvusIndex:
        path = Path(path)
        if not path.exists():
            raise IndexError_(f"no index descriptor at {path}")
        try:
            descriptor = json.loads(path.read_text())
            if descriptor.get("backend") != "milvus":
                raise ValueError("not a Milvus descriptor")
            uri, collection, dim = descriptor["uri"], descriptor["collection"], int(descriptor["dim"])
        except (ValueError, KeyError, TypeError) as exc:
            raise IndexError_(f"index descriptor {path} is unreadable or corrupt: {exc}") from exc
        index = cls(dim, uri=uri, collection=collection, token=token,
                    index_type=descriptor.get("index_type", "AUTOINDEX"))
        return index

    def drop(self) -> None:
        """Delete the collection (used by rebuilds)."""
        with self._lock:
            if self._client.has_collection(self.collection):
                self._client.drop_collection(self.collection)

    def close(self) -> None:
        self._client.close()


def drop_collection(uri: str, collection: str, token: str | None = None) -> bool:
    """Delete a collection if it exists (whatever its dimension); True when one was dropped."""
    client = _client(normalise_uri(uri), token)
    try:
        name = collection_name(collection)
        if not client.has_collection(name):
            return False
        client.drop_collection(name)
        return True
    finally:
        client.close()


def _id_filter(ids: list[int]) -> str:
    return f"{ID_FIELD} in [{','.join(str(int(i)) for i in ids)}]"


def _merge(parts: list[tuple[np.ndarray, np.ndarray]], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top-k over the results of several chunked searches."""
    if len(parts) == 1:
        return parts[0]
    scores = np.hstack([p[0] for p in parts])
    ids = np.hstack([p[1] for p in parts])
    masked = np.where(ids < 0, -np.inf, scores)
    order = np.argsort(-masked, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(scores, order, 1).astype(np.float32), np.take_along_axis(ids, order, 1)
