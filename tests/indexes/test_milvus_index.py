"""Milvus-specific behaviour: chunked filter push-down, reopening a collection, descriptors."""
import numpy as np
import pytest

pytest.importorskip("pymilvus", reason="pip install 'smart-advisor[scale]'")
pytest.importorskip("milvus_lite", reason="pip install 'smart-advisor[scale]'")

from indexes import VectorIndexError
from indexes.milvus_index import MilvusIndex, collection_name
from tests.indexes.test_contract import unit


def test_a_large_allowed_set_is_searched_in_chunks_and_merged(tmp_path, monkeypatch):
    import indexes.milvus_index as module

    monkeypatch.setattr(module, "FILTER_CHUNK", 7)
    vecs = unit(100, seed=2)
    index = MilvusIndex(16, uri=str(tmp_path / "m.db"), collection="chunks")
    index.add(range(100), vecs)
    allowed = list(range(20, 60))
    scores, ids = index.search(vecs[[25, 55]], k=4, filter=allowed)
    assert ids[:, 0].tolist() == [25, 55] and set(ids.ravel().tolist()) <= set(allowed)
    assert (np.diff(scores, axis=1) <= 1e-6).all()  # merged results stay sorted by score
    expected = np.argsort(-(vecs[allowed] @ vecs[25]))[:4]
    assert ids[0].tolist() == [allowed[i] for i in expected]


def test_reopening_a_collection_keeps_its_vectors_and_checks_the_dimension(tmp_path):
    uri = str(tmp_path / "m.db")
    first = MilvusIndex(16, uri=uri, collection="space-1.a")
    first.add([4, 9], unit(2))
    first.close()
    again = MilvusIndex(16, uri=uri, collection="space-1.a")
    assert again.ids().tolist() == [4, 9]
    with pytest.raises(VectorIndexError, match="16-d"):
        MilvusIndex(8, uri=uri, collection="space-1.a")


def test_a_corrupt_descriptor_is_a_clear_error(tmp_path):
    path = tmp_path / "space.milvus.json"
    path.write_text("{not json")
    with pytest.raises(VectorIndexError, match="corrupt"):
        MilvusIndex.load(path)


def test_collection_names_are_made_valid():
    assert collection_name("default-3f2a.b") == "default_3f2a_b"
    assert collection_name("9lives") == "c_9lives"
