"""Maximal Marginal Relevance: re-rank candidates so near-duplicates do not fill the page.

Each step picks the candidate maximising ``λ·relevance − (1−λ)·redundancy``, where redundancy is the highest cosine
to the items already picked. ``λ = 1`` keeps the relevance order; lower values trade relevance for diversity.
With ``threshold`` τ > 0 only near-duplicates are penalised: redundancy = max(0, cosine − τ) / (1 − τ), so items
that are merely related keep their relevance order.

>>> import numpy as np
>>> vectors = np.array([[1, 0], [0.99, 0.14], [0, 1]], np.float32)
>>> mmr([0.9, 0.89, 0.5], vectors, k=2, lambda_=0.5)
[0, 2]
>>> mmr([0.9, 0.89, 0.5], vectors, k=2, lambda_=1.0)
[0, 1]
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class MMRError(ValueError):
    """Inputs that MMR cannot rank (mismatched lengths, λ outside 0..1)."""


def mmr(relevance: Sequence[float], vectors: np.ndarray, k: int, lambda_: float = 0.7, threshold: float = 0.0) -> list[int]:
    """Indices of ``k`` candidates in MMR order (the first is always the most relevant).

    ``relevance``: one score per candidate (higher is better); ``vectors``: (n, d) L2-normalised candidate vectors.
    """
    relevance = np.asarray(relevance, np.float32)
    vectors = np.asarray(vectors, np.float32)
    if vectors.ndim != 2 or len(vectors) != len(relevance):
        raise MMRError(f"{len(relevance)} relevance scores for vectors of shape {vectors.shape}")
    if not 0.0 <= lambda_ <= 1.0:
        raise MMRError(f"lambda must be in [0, 1], got {lambda_}")
    if not 0.0 <= threshold < 1.0:
        raise MMRError(f"threshold must be in [0, 1), got {threshold}")
    n = len(relevance)
    k = min(int(k), n)
    if k <= 0:
        return []
    if lambda_ >= 1.0:
        return [int(i) for i in np.argsort(-relevance, kind="stable")[:k]]
    similarity = vectors @ vectors.T
    if threshold > 0:
        similarity = np.maximum(similarity - threshold, 0.0) / (1.0 - threshold)
    max_sim = np.full(n, -np.inf, np.float32)
    chosen: list[int] = []
    available = np.ones(n, bool)
    for _ in range(k):
        redundancy = np.where(np.isfinite(max_sim), max_sim, 0.0)
        score = lambda_ * relevance - (1.0 - lambda_) * redundancy
        score[~available] = -np.inf
        best = int(np.argmax(score))
        chosen.append(best)
        available[best] = False
        max_sim = np.maximum(max_sim, similarity[best])
    return chosen
