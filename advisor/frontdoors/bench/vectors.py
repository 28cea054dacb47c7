"""Generated vector sets for the index benchmark (labelled as generated wherever they are reported).

* ``uniform``: normalised Gaussian vectors, i.e. uniform on the sphere: no structure at all, the worst case
  for approximate search (every point's neighbours are barely closer than a random point).
* ``clustered``: a mixture of normalised Gaussian clusters whose spread decays over a few leading directions,
  closer to real embeddings (which are clustered and have low intrinsic dimension) and the case the
  approximate indexes are designed for.

Example::

    >>> base, queries = make_vectors("clustered", 1000, 384, 10, seed=0)
    >>> base.shape, queries.shape
    ((1000, 384), (10, 384))
"""
from __future__ import annotations

import numpy as np

KINDS = ("uniform", "clustered")
CHUNK = 100_000


def _normalise(array: np.ndarray) -> np.ndarray:
    array /= np.maximum(np.linalg.norm(array, axis=1, keepdims=True), 1e-12)
    return array


def make_vectors(kind: str, n: int, dim: int, n_queries: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` database vectors and ``n_queries`` fresh queries from the same distribution (float32, normalised)."""
    if kind not in KINDS:
        raise ValueError(f"unknown vector kind {kind!r}; choose one of {KINDS}")
    rng = np.random.default_rng(seed)
    if kind == "uniform":
        draw = lambda count: _normalise(rng.standard_normal((count, dim), dtype=np.float32))  # noqa: E731
    else:
        n_clusters = max(8, min(4096, n // 250))
        centres = _normalise(rng.standard_normal((n_clusters, dim), dtype=np.float32))
        # a decaying spectrum: a few directions carry most of the within-cluster spread
        scales = (0.15 / np.sqrt(1.0 + np.arange(dim, dtype=np.float32) / 8.0)).astype(np.float32)
        basis, _ = np.linalg.qr(rng.standard_normal((dim, dim)).astype(np.float32))
        basis = basis.astype(np.float32)

        def draw(count: int) -> np.ndarray:
            owners = rng.integers(0, n_clusters, size=count)
            noise = (rng.standard_normal((count, dim), dtype=np.float32) * scales) @ basis.T
            return _normalise(centres[owners] + noise.astype(np.float32))
    base = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, CHUNK):
        stop = min(n, start + CHUNK)
        base[start:stop] = draw(stop - start)
    return base, np.ascontiguousarray(draw(n_queries))


def exact_neighbours(base: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Ground-truth top-k ids (row numbers) by exact inner product, through a raw FAISS flat index."""
    import faiss  # noqa: PLC0415 - faiss is heavy: loaded when an index is opened

    index = faiss.IndexFlatIP(base.shape[1])
    index.add(base)
    _, ids = index.search(queries, k)
    return ids


def recall_at(found: np.ndarray, truth: np.ndarray, k: int) -> float:
    """Mean share of the true top-k found in the returned top-k (recall@k against exact search)."""
    hits = [len(set(f[:k].tolist()) & set(t[:k].tolist())) for f, t in zip(found, truth)]
    return float(np.mean(hits)) / k


__all__ = ["KINDS", "exact_neighbours", "make_vectors", "recall_at"]
