"""The contract every ``VectorIndex`` backend keeps, run against FAISS (each kind) and Milvus Lite."""
from __future__ import annotations

import numpy as np
import pytest

from indexes import FaissIndex, VectorIndexError

DIM = 16


def unit(rows: int, dim: int = DIM, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


class Backend:
    """Makes fresh indexes of one backend, and reloads what they saved."""

    def __init__(self, name: str, tmp_path):
        self.name, self.tmp_path = name, tmp_path

    def new(self, dim: int = DIM):
        if self.name.startswith("faiss"):
            return FaissIndex(dim, kind=self.name.split("-")[1], use_gpu=False)
        from indexes.milvus_index import MilvusIndex

        return MilvusIndex(dim, uri=str(self.tmp_path / "milvus.db"), collection=f"contract_{dim}")

    def reload(self, index, path):
        return type(index).load(path) if self.name == "milvus" else FaissIndex.load(path, use_gpu=False)


@pytest.fixture(params=["faiss-flat", "faiss-ivf", "faiss-hnsw", "milvus"])
def backend(request, tmp_path):
    if request.param == "milvus":
        pytest.importorskip("pymilvus", reason="pip install 'smart-advisor[scale]'")
        pytest.importorskip("milvus_lite", reason="pip install 'smart-advisor[scale]'")
    return Backend(request.param, tmp_path)


def test_each_vector_finds_its_own_id_first(backend):
    vecs = unit(50)
    index = backend.new()
    index.add(range(100, 150), vecs)
    scores, ids = index.search(vecs[:5], k=3)
    assert ids[:, 0].tolist() == [100, 101, 102, 103, 104]
    assert np.allclose(scores[:, 0], 1.0, atol=1e-4)
    assert len(index) == 50 and index.dim == DIM
    assert index.ids().tolist() == list(range(100, 150))


def test_remove_and_replace(backend):
    vecs = unit(10)
    index = backend.new()
    index.add(range(10), vecs)
    assert index.remove([3, 4, 99]) == 2
    assert 3 not in index and 5 in index and len(index) == 8
    _, ids = index.search(vecs[3:4], k=10)
    assert 3 not in ids[0].tolist()
    index.add([5], vecs[0:1])  # re-adding an id replaces its vector
    assert len(index) == 8
    _, ids = index.search(vecs[0:1], k=2)
    assert set(ids[0].tolist()) == {0, 5}


def test_filter_restricts_inside_the_search(backend):
    vecs = unit(300, seed=1)
    index = backend.new()
    index.add(range(300), vecs)
    allowed = list(range(150, 160))
    _, ids = index.search(vecs[:3], k=5, filter=allowed)
    assert (ids >= 0).all() and set(ids.ravel().tolist()) <= set(allowed)
    _, ids = index.search(vecs[150:151], k=1, filter=allowed)
    assert ids[0, 0] == 150
    _, ids = index.search(vecs[:1], k=5, filter=[])
    assert (ids == -1).all()


def test_k_beyond_the_collection_pads_with_minus_one(backend):
    index = backend.new()
    index.add([1, 2], unit(2))
    scores, ids = index.search(unit(1, seed=3), k=5)
    assert sorted(ids[0, :2].tolist()) == [1, 2] and ids[0, 2:].tolist() == [-1, -1, -1]
    assert (scores[0, 2:] == 0).all()


def test_save_then_load_gives_the_same_index(backend, tmp_path):
    vecs = unit(30)
    index = backend.new()
    index.add(range(30), vecs)
    path = tmp_path / "saved.index"
    index.save(path)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    loaded = backend.reload(index, path)
    assert len(loaded) == 30 and np.array_equal(loaded.ids(), index.ids())
    _, ids = loaded.search(vecs[7:8], k=1)
    assert ids[0, 0] == 7


def test_bad_input_is_refused_and_loses_nothing(backend, tmp_path):
    index = backend.new()
    index.add([1], unit(1))
    for bad in (np.zeros((2, 8), np.float32), np.full((1, DIM), np.nan, np.float32)):
        with pytest.raises(VectorIndexError):
            index.add(range(10, 10 + len(bad)), bad)
    with pytest.raises(VectorIndexError):
        index.add([-1], unit(1))
    with pytest.raises(VectorIndexError):
        index.add([2, 2], unit(2))
    with pytest.raises(VectorIndexError):
        index.search(unit(1), k=0)
    with pytest.raises(VectorIndexError):
        backend.reload(index, tmp_path / "missing.index")
    assert index.ids().tolist() == [1]
