"""Constraints with scope: negation, bounds, ranges, currencies, cheap/expensive, joined constraints, catalog
fields, in English and Chinese; filters applied inside the search; property tests on what comes back."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.core.filters import FilterError, matching_ids
from advisor.frontdoors.bench.search_eval import obeys
from agents import AgentRequest
from agents.search_recommend import SearchRecommendAgent
from agents.search_recommend.columns import MetadataColumns
from agents.search_recommend.parse import CatalogVocabulary, parse_query

VOCAB = CatalogVocabulary(
    categories={c: c for c in ("animals", "food", "plants", "vehicles", "tools", "music", "electronics", "toys")},
    colours={c: c for c in ("red", "green", "blue", "yellow", "black", "white", "brown")},
    fields={"size": {"small": "small", "large": "large"}}, cheap_max=10.0, expensive_min=50.0)

CONSTRUCTIONS = [
    # negation, English
    ("shoes that aren't black", {"colour": {"nin": ["black"]}}),
    ("anything but green", {"colour": {"nin": ["green"]}}),
    ("no red or yellow things", {"colour": {"nin": ["red", "yellow"]}}),
    ("animals without brown", {"category": "animals", "colour": {"nin": ["brown"]}}),
    ("everything except food", {"category": {"nin": ["food"]}}),
    ("not red animals", {"category": "animals", "colour": {"nin": ["red"]}}),
    ("plants that are not small", {"category": "plants", "size": {"nin": ["small"]}}),
    # negation, Chinese
    ("不要黑色的", {"colour": {"nin": ["black"]}}),
    ("不是红色的动物", {"category": "animals", "colour": {"nin": ["red"]}}),
    ("别给我蓝色的车", {"category": "vehicles", "colour": {"nin": ["blue"]}}),
    ("除了食物", {"category": {"nin": ["food"]}}),
    # bounds and ranges, with currencies
    ("nothing over 30 €", {"price": {"lte": 30.0}}),
    ("nothing above 50 dollars", {"price": {"lte": 50.0}}),
    ("at most 20 euros", {"price": {"lte": 20.0}}),
    ("max $15", {"price": {"lte": 15.0}}),
    ("under 40 yuan", {"price": {"lt": 40.0}}),
    ("tools below 25 dollars", {"category": "tools", "price": {"lt": 25.0}}),
    ("500元以上的电子产品", {"category": "electronics", "price": {"gte": 500.0}}),
    ("between 5 and 9 dollars", {"price": {"gte": 5.0, "lte": 9.0}}),
    ("nothing under 12 euros", {"price": {"gte": 12.0}}),
    ("30元以内", {"price": {"lte": 30.0}}),
    ("50块以下", {"price": {"lte": 50.0}}),
    ("不超过80元", {"price": {"lte": 80.0}}),
    ("100元以上", {"price": {"gte": 100.0}}),
    ("不低于15元", {"price": {"gte": 15.0}}),
    ("不高于15元", {"price": {"lte": 15.0}}),
    ("20到60元之间", {"price": {"gte": 20.0, "lte": 60.0}}),
    # cheap / expensive from the catalog's terciles
    ("cheap tools", {"category": "tools", "price": {"lte": 10.0}}),
    ("expensive music", {"category": "music", "price": {"gte": 50.0}}),
    ("便宜的工具", {"category": "tools", "price": {"lte": 10.0}}),
    # several constraints joined
    ("vehicles, not blue, at most $200", {"category": "vehicles", "colour": {"nin": ["blue"]}, "price": {"lte": 200.0}}),
    ("animals but not white and under 40 dollars", {"category": "animals", "colour": {"nin": ["white"]}, "price": {"lt": 40.0}}),
    ("red or blue toys", {"category": "toys", "colour": ["red", "blue"]}),
    ("200元以上的乐器", {"category": "music", "price": {"gte": 200.0}}),
    ("不要绿色的植物，30块以内", {"category": "plants", "colour": {"nin": ["green"]}, "price": {"lte": 30.0}}),
    # a field learned from the catalog
    ("large items that are not white", {"size": "large", "colour": {"nin": ["white"]}}),
    ("small things between 5 and 20 euros", {"size": "small", "price": {"gte": 5.0, "lte": 20.0}}),
]


@pytest.mark.parametrize("message,filters", CONSTRUCTIONS)
def test_construction_to_filters(message, filters):
    assert parse_query(message, VOCAB).filters == filters


def test_parsed_constraints_are_shown_in_words():
    parsed = parse_query("animals, not red, nothing over 30 €", VOCAB)
    assert parsed.constraints == ["price ≤ 30 €", "category = animals", "colour not red"]
    assert "not" not in parsed.query_text.split() and "red" not in parsed.query_text


def test_a_description_keeps_its_words_and_filters_nothing():
    assert parse_query("a large house by the sea", VOCAB).filters == {}
    assert parse_query("a bowl of food", VOCAB).filters == {}


# -- the filter language: nin / not in SQL and in the in-memory columns ------------------------------------------
@pytest.fixture
def small_store(advisor_home):
    from advisor.core.store.models import Item

    metas = [{"colour": "red", "price": 5}, {"colour": "blue", "price": 50}, {"price": 20}, {"colour": "green"}]
    with advisor_home.store.session() as session:
        for number, meta in enumerate(metas):
            session.add(Item(uri=f"/x/{number}.png", caption="", domain="catalog", meta=meta))
        session.commit()
    return advisor_home.store, metas


@pytest.mark.parametrize("filters,expected", [
    ({"colour": {"nin": ["red"]}}, [1, 2, 3]),
    ({"colour": {"nin": ["red", "blue"]}}, [2, 3]),
    ({"colour": {"not": "green"}}, [0, 1, 2]),
    ({"price": {"not": {"gt": 10}}}, [0, 3]),
    ({"colour": {"nin": []}}, [0, 1, 2, 3]),
    ({"colour": {"in": ["red", "blue"], "nin": ["blue"]}}, [0]),
])
def test_negation_in_sql_and_columns_agree(small_store, filters, expected):
    store, metas = small_store
    ids = sorted(store.item_ids())
    assert sorted(matching_ids(store, filters)) == [ids[i] for i in expected]
    columns = MetadataColumns(ids, ["catalog"] * len(ids), metas)
    assert columns.matching(filters).tolist() == [ids[i] for i in expected]


def test_nin_needs_a_list(small_store):
    with pytest.raises(FilterError, match="nin needs a list"):
        matching_ids(small_store[0], {"colour": {"nin": "red"}})


# -- property: whatever the agent returns obeys the constraint that was asked for ---------------------------------
COLOURS = {"red": "红色", "green": "绿色", "blue": "蓝色", "yellow": "黄色"}
SHAPES = {"circles": "圆形", "squares": "方形", "triangles": "三角形"}


@st.composite
def constraint_messages(draw):
    """A message and the filter it means, over the drawn-shapes shop (colours, shapes, prices 11..93)."""
    chinese = draw(st.booleans())
    expect, english, zh = {}, [], []
    colour = draw(st.sampled_from(sorted(COLOURS)))
    if draw(st.booleans()):
        expect["colour"] = {"nin": [colour]}
        english.append(draw(st.sampled_from(["not {}", "anything but {}", "except {}", "no {} ones"])).format(colour))
        zh.append(f"不要{COLOURS[colour]}的")
    else:
        expect["colour"] = [colour]
        english.append(f"only {colour}")
        zh.append(f"{COLOURS[colour]}的")
    limit = draw(st.integers(min_value=15, max_value=95))
    bound = draw(st.sampled_from(["lte", "lt", "gte"]))
    expect["price"] = {bound: float(limit)}
    english.append({"lte": f"at most {limit} euros", "lt": f"under ${limit}", "gte": f"at least {limit} dollars"}[bound])
    zh.append({"lte": f"{limit}元以内", "lt": f"低于{limit}块", "gte": f"不低于{limit}元"}[bound])
    parts = zh if chinese else english
    order = draw(st.permutations(range(len(parts))))
    return ("，" if chinese else ", ").join(parts[i] for i in order), expect


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=constraint_messages())
def test_every_result_obeys_the_constraint_asked_for(shop, case):
    message, expect = case
    reply = SearchRecommendAgent(shop.context).invoke(AgentRequest(text=message, state={}, user_id="prop"))
    results = reply.data.results
    prices = np.array([11.0, 93.0])
    assert all(obeys(r.metadata, expect, prices) for r in results), (message, reply.data.filters)
    assert all(obeys(r.metadata, reply.data.filters, prices) for r in results)
    everything = shop.search("a shape", k=100)
    possible = [h for h in everything if obeys(h.metadata, expect, prices)]
    assert bool(results) == bool(possible), (message, reply.data.filters)
