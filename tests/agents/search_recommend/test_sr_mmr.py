"""MMR re-ranking."""
from __future__ import annotations

import numpy as np
import pytest

from agents.search_recommend.mmr import MMRError, mmr


def _unit(rows):
    rows = np.asarray(rows, np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_lambda_one_keeps_relevance_order():
    rng = np.random.default_rng(0)
    vectors = _unit(rng.standard_normal((20, 8)))
    relevance = rng.random(20)
    assert mmr(relevance, vectors, k=20, lambda_=1.0) == list(np.argsort(-relevance, kind="stable"))


def test_near_duplicates_are_pushed_down():
    # three near-copies of one item, then two distinct items slightly less relevant
    vectors = _unit([[1, 0, 0], [1, 0.01, 0], [1, 0, 0.01], [0, 1, 0], [0, 0, 1]])
    relevance = [0.90, 0.89, 0.88, 0.80, 0.79]
    diverse = mmr(relevance, vectors, k=3, lambda_=0.5)
    assert diverse[0] == 0, "the most relevant item always comes first"
    assert set(diverse) == {0, 3, 4}
    assert mmr(relevance, vectors, k=3, lambda_=1.0) == [0, 1, 2]


def test_every_index_once_and_k_capped():
    vectors = _unit(np.eye(4))
    order = mmr([0.1, 0.4, 0.3, 0.2], vectors, k=10, lambda_=0.3)
    assert sorted(order) == [0, 1, 2, 3] and order[0] == 1
    assert mmr([], np.zeros((0, 4)), k=5) == []


def test_bad_input_is_named():
    with pytest.raises(MMRError):
        mmr([0.1, 0.2], np.eye(3, dtype=np.float32), k=2)
    with pytest.raises(MMRError):
        mmr([0.1], np.eye(1, dtype=np.float32), k=1, lambda_=1.5)
