import numpy as np
from sqlalchemy import inspect

from advisor.core.store import Store
from advisor.core.store.db import current_heads


def test_migrations_create_tables_and_are_current(db_url):
    store = Store(db_url)
    tables = set(inspect(store.engine).get_table_names())
    assert {"items", "embeddings", "kv", "alembic_version"} <= tables
    applied, heads = current_heads(store.engine)
    assert applied == heads
    Store(store.url)  # re-opening re-runs nothing and does not fail


def test_items_with_vectors_roundtrip(db_url):
    store = Store(db_url)
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


def test_sql_looking_text_is_stored_verbatim(db_url):
    store = Store(db_url)
    nasty = "x'); DROP TABLE items; -- <script>alert(1)</script>"
    item = store.add_items([{"uri": "a.png", "caption": nasty}])[0]
    assert store.get_items([item.id])[item.id].caption == nasty
    assert store.count_items() == 1


def test_processes_opening_a_fresh_database_at_once_all_succeed(db_url):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _: Store(db_url), range(4)))
    applied, heads = current_heads(stores[0].engine)
    assert applied == heads
    for store in stores:
        store.dispose()


def test_postgresql_keeps_metadata_as_jsonb_with_a_gin_index(postgres_server):
    from sqlalchemy import text

    store = Store(postgres_server.create_database())
    with store.engine.connect() as connection:
        kind = connection.execute(text("SELECT data_type FROM information_schema.columns "
                                       "WHERE table_name = 'items' AND column_name = 'metadata'")).scalar()
        index = connection.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_items_metadata_gin'")).scalar()
    assert kind == "jsonb"
    assert index is not None and "gin" in index.lower()


def test_concurrent_ingests_store_each_item_once(db_url):
    from concurrent.futures import ThreadPoolExecutor

    store = Store(db_url)
    rows = [{"uri": f"{n}.png", "caption": f"item {n}", "domain": "d", "sha256": f"{n:064x}", "meta": {}} for n in range(20)]
    vectors = np.eye(20, 8, dtype=np.float32)

    def ingest(offset: int):
        order = [(n + offset) % 20 for n in range(20)]
        return store.add_new_items([rows[n] for n in order], vectors[order], "s")[0]

    with ThreadPoolExecutor(4) as pool:
        added = [item for batch in pool.map(ingest, [0, 5, 10, 15]) for item in batch]
    assert len(added) == 20 and store.count_items() == 20 and len(store.vector_ids("s")) == 20
    stored = {item.uri: item.id for item in added}
    ids, got = next(store.vectors("s"))
    assert np.array_equal(got[list(ids).index(stored["3.png"])], vectors[3])


def test_setting_one_key_from_many_threads_at_once_keeps_one_row(db_url):
    """set_value is one upsert statement: writers racing on a fresh key neither fail nor duplicate it."""
    from concurrent.futures import ThreadPoolExecutor

    store = Store(db_url)
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda i: store.set_value("space", f"v{i}"), range(32)))
    assert store.get_value("space") in {f"v{i}" for i in range(32)}
    store.set_value("space", "final")
    assert store.get_value("space") == "final"
