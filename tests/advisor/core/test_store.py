import numpy as np
from sqlalchemy import inspect

from advisor.core.store import Store
from advisor.core.store.db import current_heads


def test_migrations_create_tables_and_are_current(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    tables = set(inspect(store.engine).get_table_names())
    assert {"items", "embeddings", "kv", "alembic_version"} <= tables
    applied, heads = current_heads(store.engine)
    assert applied == heads
    Store(store.url)  # re-opening re-runs nothing and does not fail


def test_items_with_vectors_roundtrip(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    vecs = np.eye(3, 4, dtype=np.float32)
    items = store.add_items([{"uri": f"{i}.png", "caption": f"c{i}", "meta": {"price": i}} for i in range(3)], vecs, "s1")
    ids = [i.id for i in items]
    got_ids, got = next(store.vectors("s1"))
    assert got_ids.tolist() == ids and np.array_equal(got, vecs)
    assert store.get_items(ids)[ids[1]].meta == {"price": 1}
    assert store.delete_items([ids[0]]) == 1
    assert store.vector_ids("s1") == ids[1:]
    store.set_value("k", "v")
    assert store.get_value("k") == "v" and store.get_value("missing", "d") == "d"


def test_sql_looking_text_is_stored_verbatim(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    nasty = "x'); DROP TABLE items; -- <script>alert(1)</script>"
    item = store.add_items([{"uri": "a.png", "caption": nasty}])[0]
    assert store.get_items([item.id])[item.id].caption == nasty
    assert store.count_items() == 1
