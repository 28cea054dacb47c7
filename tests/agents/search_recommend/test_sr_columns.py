"""The in-memory filter columns give exactly what advisor.core.filters gives in SQL, or step aside."""
from __future__ import annotations

import pytest

from advisor.core.filters import matching_ids
from agents.search_recommend.catalog_profile import CatalogProfile
from agents.search_recommend.columns import MetadataColumns

FILTERS = [
    {"price": {"lt": 25}}, {"price": {"gte": 20, "lte": 50}}, {"price": {"gt": 100}}, {"price": {"lt": -5}},
    {"price": 11.0}, {"price": [11.0, 62.0]}, {"price": {"ne": 11.0}}, {"price": {"in": [12.0, 13.0]}},
    {"colour": ["red", "blue"]}, {"colour": "green"}, {"colour": {"ne": "green"}}, {"colour": []},
    {"category": "squares", "price": {"lt": 40}}, {"category": {"in": ["circles", "triangles"]}},
    {"domain": ["catalog"]}, {"domain": {"ne": "catalog"}}, {"category": "no such thing"},
]


@pytest.mark.parametrize("filters", FILTERS)
def test_columns_agree_with_sql(shop, filters):
    columns = CatalogProfile.of(shop.store).columns
    fast = columns.matching(filters)
    assert fast is not NotImplemented
    assert fast.tolist() == sorted(matching_ids(shop.store, filters))
    assert columns.matching(filters, domain="elsewhere").tolist() == []


def test_unknown_shapes_step_aside():
    columns = MetadataColumns([1, 2], ["d", "d"], [{"category": 3, "price": "cheap"}, {}])
    assert columns.matching({"category": "x"}) is NotImplemented      # a number stored in a text field
    assert columns.matching({"price": {"lt": 5}}) is NotImplemented    # a string stored in a numeric field
    assert columns.matching({"brand": "acme"}) is NotImplemented      # a field without a column
    assert columns.matching(None) is None
    assert columns.matching({"domain": "d"}).tolist() == [1, 2]
