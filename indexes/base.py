"""The vector index interface every backend implements.

Ids are the SQL primary keys of the items, so the index and the store never drift apart.
Vectors are float32 and L2-normalised; scores are inner products (cosine similarity).
"""
from __future__ import annotations

import abc
from collections.abc import Iterable
from pathlib import Path

import numpy as np


class IndexError_(RuntimeError):
    """Raised for a bad call on an index (wrong dimension, unknown file, corrupt file)."""


class VectorIndex(abc.ABC):
    """Add, remove and search normalised vectors keyed by integer ids.

    Example::

        >>> idx = FaissIndex(dim=4)                        # doctest: +SKIP
        >>> idx.add([7, 8], np.eye(4, dtype="float32")[:2])   # doctest: +SKIP
        >>> idx.search(np.eye(4, dtype="float32")[:1], k=1)   # doctest: +SKIP
        (array([[1.]], dtype=float32), array([[7]]))
    """

    dim: int

    @abc.abstractmethod
    def add(self, ids: Iterable[int], vectors: np.ndarray) -> None:
        """Add vectors under the given ids; an id already present is replaced."""

    @abc.abstractmethod
    def remove(self, ids: Iterable[int]) -> int:
        """Remove ids; returns how many were present."""

    @abc.abstractmethod
    def search(self, vectors: np.ndarray, k: int, filter: Iterable[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, ids) per query row; ``filter`` restricts the search to these ids. Missing slots are id -1."""

    @abc.abstractmethod
    def ids(self) -> np.ndarray:
        """Every id in the index (int64)."""

    @abc.abstractmethod
    def save(self, path: str | Path) -> None:
        """Persist atomically: a crash leaves either the old file or the new one, never half of one."""

    @classmethod
    @abc.abstractmethod
    def load(cls, path: str | Path) -> VectorIndex:
        """Load what :meth:`save` wrote."""

    @abc.abstractmethod
    def __len__(self) -> int: ...

    def __contains__(self, item_id: int) -> bool:
        return int(item_id) in set(self.ids().tolist())


def as_matrix(vectors, dim: int | None = None) -> np.ndarray:
    """Validate and convert to a C-contiguous float32 (n, d) matrix."""
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim == 1:
        array = array[None, :]
    if array.ndim != 2:
        raise IndexError_(f"vectors must be a (n, d) matrix, got shape {array.shape}")
    if dim is not None and array.shape[1] != dim:
        raise IndexError_(f"vectors have dimension {array.shape[1]}, the index has {dim}")
    if not np.isfinite(array).all():
        raise IndexError_("vectors contain NaN or infinity")
    return np.ascontiguousarray(array)


def as_ids(ids) -> np.ndarray:
    array = np.asarray(list(ids) if not isinstance(ids, np.ndarray) else ids, dtype=np.int64).reshape(-1)
    if (array < 0).any():
        raise IndexError_("ids must be non-negative integers")
    return array


def checked_batch(ids, vectors, dim: int | None) -> tuple[np.ndarray, np.ndarray]:
    """The (ids, matrix) of one ``add`` call, checked: as many ids as vectors, no id twice."""
    id_array = as_ids(ids)
    matrix = as_matrix(vectors, dim)
    if len(id_array) != len(matrix):
        raise IndexError_(f"{len(id_array)} ids for {len(matrix)} vectors")
    if len(set(id_array.tolist())) != len(id_array):
        raise IndexError_("duplicate ids in one add")
    return id_array, matrix
