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


def test_a_later_process_can_search_a_saved_collection(tmp_path):
    """Milvus Lite serves a file from one process at a time: a writer process, then a reader process."""
    import subprocess
    import sys

    np.save(tmp_path / "vectors.npy", unit(20, seed=4))
    prelude = f"import numpy as np; from indexes.milvus_index import MilvusIndex; v = np.load({str(tmp_path / 'vectors.npy')!r}); "
    descriptor = str(tmp_path / "shared.milvus.json")
    writer = prelude + (f"idx = MilvusIndex(16, uri={str(tmp_path / 'm.db')!r}, collection='shared'); "
                        f"idx.add(range(20), v); idx.save({descriptor!r})")
    reader = prelude + f"print(MilvusIndex.load({descriptor!r}).search(v[11:12], k=1)[1][0, 0])"
    for code in (writer, reader):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
        assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "11"
