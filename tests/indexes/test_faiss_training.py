"""IVF lists are trained once enough vectors exist, on a sample of all of them, and retrained as the index grows."""
import numpy as np

from indexes import FaissIndex
from indexes.faiss_index import IVF_TRAIN_MIN, RETRAIN_GROWTH, ivf_lists, training_sample
from tests.indexes.test_contract import unit


def clustered(rows: int, centres: int = 40, dim: int = 16, seed: int = 0) -> np.ndarray:
    """Vectors around ``centres`` directions, in an order where each 64-row batch covers only one or two of them."""
    rng = np.random.default_rng(seed)
    centre = unit(centres, dim, seed=seed + 1)
    labels = np.sort(rng.integers(0, centres, rows))
    x = centre[labels] + 0.15 * rng.normal(size=(rows, dim)).astype(np.float32)
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def add_in_batches(index: FaissIndex, vectors: np.ndarray, start: int = 0, batch: int = 64) -> None:
    for offset in range(0, len(vectors), batch):
        index.add(range(start + offset, start + offset + len(vectors[offset:offset + batch])),
                  vectors[offset:offset + batch])


def list_sizes(index: FaissIndex) -> np.ndarray:
    inner = index._index
    return np.array([inner.invlists.list_size(i) for i in range(inner.nlist)])


def own_recall(index: FaissIndex, vectors: np.ndarray, queries: int = 200) -> float:
    _, ids = index.search(vectors[:queries], k=1)
    return float((ids[:, 0] == np.arange(queries)).mean())


def test_ivf_stays_exact_until_enough_vectors_then_trains_on_all_of_them():
    vectors = clustered(IVF_TRAIN_MIN + 200)
    index = FaissIndex(16, kind="ivf", use_gpu=False)
    add_in_batches(index, vectors[:IVF_TRAIN_MIN - 40])
    assert index.current_kind == "flat" and own_recall(index, vectors) == 1.0  # exact while too small to train
    add_in_batches(index, vectors[IVF_TRAIN_MIN - 40:], start=IVF_TRAIN_MIN - 40)
    assert index.current_kind == "ivf" and index.trained_size >= IVF_TRAIN_MIN
    sizes = list_sizes(index)
    assert len(sizes) == ivf_lists(index.trained_size) > 1
    assert sizes.max() < 0.25 * sizes.sum()  # lists learnt from every cluster, not from the first batch's one
    assert own_recall(index, vectors) >= 0.95


def test_ivf_retrains_as_the_collection_grows():
    vectors = clustered(4 * IVF_TRAIN_MIN, seed=3)
    index = FaissIndex(16, kind="ivf", use_gpu=False)
    add_in_batches(index, vectors[:IVF_TRAIN_MIN], batch=500)
    first_size, first_lists = index.trained_size, index._index.nlist
    add_in_batches(index, vectors[IVF_TRAIN_MIN:], start=IVF_TRAIN_MIN, batch=500)
    assert index.trained_size >= RETRAIN_GROWTH * first_size and index._index.nlist > first_lists
    assert len(index) == len(vectors) and own_recall(index, vectors) >= 0.95


def test_training_state_survives_save_and_load(tmp_path):
    vectors = clustered(IVF_TRAIN_MIN + 100, seed=5)
    index = FaissIndex(16, kind="ivf", use_gpu=False)
    index.add(range(len(vectors)), vectors)
    index.save(tmp_path / "ivf.faiss")
    loaded = FaissIndex.load(tmp_path / "ivf.faiss", use_gpu=False)
    assert loaded.current_kind == "ivf" and loaded.trained_size == index.trained_size
    loaded.add([10_000], unit(1, seed=9))  # a small add does not retrain
    assert loaded.trained_size == index.trained_size


def test_training_sample_is_bounded_and_reproducible():
    vectors = unit(5000, seed=7)
    sample = training_sample(vectors, nlist=4)
    assert len(sample) == 4 * 256 and np.array_equal(sample, training_sample(vectors, nlist=4))
    assert training_sample(vectors[:100], nlist=4) is not None and len(training_sample(vectors[:100], nlist=4)) == 100
