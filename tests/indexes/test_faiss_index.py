import numpy as np
import pytest

from indexes import EXACT_LIMIT, FaissIndex, VectorIndexError


def unit(rows: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_add_search_returns_own_id_first():
    vecs = unit(50)
    index = FaissIndex(16, use_gpu=False)
    index.add(range(100, 150), vecs)
    scores, ids = index.search(vecs[:5], k=3)
    assert ids[:, 0].tolist() == [100, 101, 102, 103, 104]
    assert np.allclose(scores[:, 0], 1.0, atol=1e-5)
    assert len(index) == 50 and index.dim == 16


def test_remove_and_replace():
    vecs = unit(10)
    index = FaissIndex(16, use_gpu=False)
    index.add(range(10), vecs)
    assert index.remove([3, 4, 99]) == 2
    assert 3 not in index and 5 in index
    _, ids = index.search(vecs[3:4], k=10)
    assert 3 not in ids[0].tolist()
    index.add([5], vecs[0:1])  # re-adding an id replaces its vector
    assert len(index) == 8
    _, ids = index.search(vecs[0:1], k=2)
    assert set(ids[0].tolist()) == {0, 5}


def test_filter_restricts_inside_the_search():
    vecs = unit(200, seed=1)
    index = FaissIndex(16, use_gpu=False)
    index.add(range(200), vecs)
    allowed = list(range(150, 160))
    _, ids = index.search(vecs[:3], k=5, filter=allowed)
    assert all(i in allowed for i in ids.ravel().tolist())
    assert (ids >= 0).all()  # five allowed results exist, so the filter did not shrink the top-k
    _, ids = index.search(vecs[:1], k=5, filter=[])
    assert (ids == -1).all()


def test_k_larger_than_index_pads_with_minus_one():
    index = FaissIndex(16, use_gpu=False)
    index.add([1, 2], unit(2))
    scores, ids = index.search(unit(1, seed=3), k=5)
    assert ids[0, 2:].tolist() == [-1, -1, -1]


def test_save_load_roundtrip_is_atomic(tmp_path):
    vecs = unit(30)
    index = FaissIndex(16, use_gpu=False)
    index.add(range(30), vecs)
    path = tmp_path / "idx.faiss"
    index.save(path)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    loaded = FaissIndex.load(path, use_gpu=False)
    assert len(loaded) == 30
    assert np.array_equal(loaded.ids(), index.ids())
    _, ids = loaded.search(vecs[7:8], k=1)
    assert ids[0, 0] == 7


def test_corrupt_file_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.faiss"
    path.write_bytes(b"not an index")
    with pytest.raises(VectorIndexError, match="corrupt"):
        FaissIndex.load(path)


@pytest.mark.parametrize("bad", [np.zeros((2, 8), np.float32), np.full((1, 16), np.nan, np.float32)])
def test_bad_vectors_rejected(bad):
    index = FaissIndex(16, use_gpu=False)
    with pytest.raises(VectorIndexError):
        index.add(range(len(bad)), bad)


def test_ivf_and_hnsw_kinds_support_remove_and_filter():
    vecs = unit(2000, seed=4)
    for kind in ("ivf", "hnsw"):
        index = FaissIndex(16, kind="ivf" if kind == "ivf" else "hnsw", use_gpu=False)
        if kind == "ivf":
            index._rebuild("ivf", np.arange(2000), vecs)
        else:
            index.add(range(2000), vecs)
        assert index.current_kind == kind
        assert index.remove([0, 1]) == 2
        _, ids = index.search(vecs[:1], k=5, filter=range(1000, 1100))
        assert all(1000 <= i < 1100 for i in ids[0].tolist())


def test_auto_switches_to_ivf_beyond_exact_limit(monkeypatch):
    import indexes.faiss_index as module

    monkeypatch.setattr(module, "EXACT_LIMIT", 500)
    vecs = unit(800, seed=5)
    index = FaissIndex(16, use_gpu=False)
    index.add(range(400), vecs[:400])
    assert index.current_kind == "flat"
    index.add(range(400, 800), vecs[400:])
    assert index.current_kind == "ivf" and len(index) == 800
    _, ids = index.search(vecs[:20], k=1)
    assert (ids[:, 0] == np.arange(20)).mean() >= 0.9  # IVF recall on its own vectors
    assert EXACT_LIMIT == 100_000
