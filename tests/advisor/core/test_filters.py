"""Metadata filters give the same id sets on SQLite and PostgreSQL (JSONB + GIN there)."""
import pytest

from advisor.core.filters import FilterError, build_query, matching_ids
from advisor.core.store import Store

ROWS = [
    {"uri": "a.png", "caption": "a", "domain": "shop", "meta": {"category": "fruit", "price": 10, "colour": "red"}},
    {"uri": "b.png", "caption": "b", "domain": "shop", "meta": {"category": "fruit", "price": "25", "colour": "green"}},
    {"uri": "c.png", "caption": "c", "domain": "shop", "meta": {"category": "toy", "price": 60.5}},
    {"uri": "d.png", "caption": "d", "domain": "zoo", "meta": {"category": "animal", "price": "cheap"}},
    {"uri": "e.png", "caption": "e", "domain": "zoo", "meta": {}},
]
CASES = [
    ({"category": "fruit"}, None, {"a", "b"}),
    ({"colour": ["red", "pink"]}, None, {"a"}),
    ({"price": {"gte": 20, "lte": 50}}, None, {"b"}),
    ({"price": {"gt": 5}}, "shop", {"a", "b", "c"}),
    ({"price": 10}, None, {"a"}),
    ({"price": [10, 60.5]}, None, {"a", "c"}),
    ({"category": {"ne": "fruit"}}, None, {"c", "d"}),
    ({"category": {"in": ["toy", "animal"]}}, None, {"c", "d"}),
    ({"category": {"eq": "toy"}, "price": {"lt": 100}}, None, {"c"}),
    ({"domain": "zoo"}, None, {"d", "e"}),
    ({"colour": []}, None, set()),
    ({}, "zoo", {"d", "e"}),
]


@pytest.fixture
def store(db_url):
    store = Store(db_url)
    store.add_items([dict(row) for row in ROWS])
    yield store
    store.dispose()


@pytest.mark.parametrize(("filters", "domain", "expected"), CASES)
def test_filters_select_the_same_items_on_every_database(store, filters, domain, expected):
    ids = matching_ids(store, filters, domain)
    uris = {item.uri[0] for item in store.get_items(ids).values()}
    assert uris == expected


def test_bad_filters_are_clear_errors(store):
    with pytest.raises(FilterError, match="needs a number"):
        matching_ids(store, {"price": {"lt": "ten"}})
    with pytest.raises(FilterError, match="not a valid metadata name"):
        matching_ids(store, {"price'); DROP TABLE items; --": 1})
    assert store.count_items() == len(ROWS)


def test_postgresql_text_filters_are_served_by_the_gin_index(postgres_server):
    from psycopg.types.json import Jsonb
    from sqlalchemy import text

    store = Store(postgres_server.create_database())
    store.add_items([dict(row) for row in ROWS])
    query = build_query({"category": ["fruit", "toy"]}, dialect="postgresql")
    with store.engine.connect() as connection:
        connection.execute(text("SET enable_seqscan = off"))  # five rows: make the planner show what it can use
        compiled = query.compile(connection)
        params = {name: Jsonb(value) if isinstance(value, dict) else value for name, value in compiled.params.items()}
        plan = "\n".join(row[0] for row in connection.exec_driver_sql("EXPLAIN " + str(compiled), params))
    assert "ix_items_metadata_gin" in plan
