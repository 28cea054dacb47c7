"""Filter parsing (phrases -> filters, English and Chinese), follow-up detection, price phrases."""
from __future__ import annotations

import pytest

from agents.search_recommend.followup import detect
from agents.search_recommend.parse import CatalogVocabulary, parse_query
from agents.search_recommend.prices import chinese_number, find_prices, is_empty_range

VOCAB = CatalogVocabulary(
    categories={c: c for c in ("animals", "food", "plants", "vehicles", "tools", "office", "clothing", "toys")},
    cheap_max=15.0, expensive_min=60.0)

PHRASES = [
    # English prices
    ("under 100", {"price": {"lt": 100.0}}),
    ("below $50", {"price": {"lt": 50.0}}),
    ("less than 20 dollars", {"price": {"lt": 20.0}}),
    ("up to $75", {"price": {"lte": 75.0}}),
    ("between 20 and 50", {"price": {"gte": 20.0, "lte": 50.0}}),
    ("between $50 and $20", {"price": {"gte": 20.0, "lte": 50.0}}),
    ("20-50 dollars", {"price": {"gte": 20.0, "lte": 50.0}}),
    ("$20-$50", {"price": {"gte": 20.0, "lte": 50.0}}),
    ("from $10 to $20", {"price": {"gte": 10.0, "lte": 20.0}}),
    ("over 30", {"price": {"gt": 30.0}}),
    ("at least 1,000 dollars", {"price": {"gte": 1000.0}}),
    ("around $40", {"price": {"gte": 32.0, "lte": 48.0}}),
    ("cheap", {"price": {"lte": 15.0}}),
    ("something expensive", {"price": {"gte": 60.0}}),
    ("under -5", {"price": {"lt": -5.0}}),
    # colours and categories
    ("red shoes under $100", {"price": {"lt": 100.0}, "colour": ["red"]}),
    ("grey or gray ones", {"colour": ["grey"]}),
    ("a dress, only pink", {"colour": ["pink"]}),
    ("a dress in pink", {"colour": ["pink"]}),
    ("show me cheap blue tools", {"price": {"lte": 15.0}, "colour": ["blue"], "category": "tools"}),
    ("animals under 50", {"price": {"lt": 50.0}, "category": "animals"}),
    ("toys", {"category": "toys"}),
    ("category: food", {"category": "food"}),
    ("anything in the office category", {"category": "office"}),
    # Chinese
    ("100元以下", {"price": {"lte": 100.0}}),
    ("低于50块", {"price": {"lt": 50.0}}),
    ("50到100元之间的包", {"price": {"gte": 50.0, "lte": 100.0}}),
    ("30元以上", {"price": {"gte": 30.0}}),
    ("一百元以下的猫", {"price": {"lte": 100.0}}),
    ("便宜", {"price": {"lte": 15.0}}),
    ("红色的", {"colour": ["red"]}),
    ("蓝的", {"colour": ["blue"]}),
    ("有没有蓝的汽车", {"colour": ["blue"], "category": "vehicles"}),
    ("给我找一双100元以下的红色鞋子", {"price": {"lte": 100.0}, "colour": ["red"]}),
    ("超过30元的玩具", {"price": {"gt": 30.0}, "category": "toys"}),
    # descriptions that must stay unfiltered (plain captions)
    ("a zebra", {}),
    ("a grey or gray cat", {}),                # described colours rank instead (see test_described_colours_rank)
    ("an orange", {}),
    ("a bowl of food", {}),
    ("a 2-3 year old child", {}),
    ("keycap 1", {}),
    ("a picture of 3 cats under a tree", {}),
    ("the third man", {}),
]


@pytest.mark.parametrize("phrase,filters", PHRASES)
def test_phrase_to_filters(phrase, filters):
    assert parse_query(phrase, VOCAB).filters == filters


@pytest.mark.parametrize("phrase,query", [
    ("red shoes under $100", "shoes"),
    ("I want a green dress between 20 and 50 dollars", "dress"),
    ("find me some yellow flowers", "flowers"),
    ("a zebra", "a zebra"),                    # untouched when nothing is parsed
    ("a red car", "a red car"),                # a colour inside a description ranks, it does not filter
    ("like this but in red", ""),
    ("like this but a cat", "cat"),
    ("animals under 50", "animals"),           # a category word stays in the text: it helps ranking
])
def test_constraint_words_leave_the_embedded_text(phrase, query):
    assert parse_query(phrase, VOCAB).query_text == query


def test_chinese_is_translated_and_reported():
    parsed = parse_query("我想买一只红色的猫的图片", VOCAB)
    assert parsed.filters == {"colour": ["red"]}
    assert parsed.query_text == "cat image"  # CC-CEDICT: 图片 = image
    assert ("猫", "cat") in parsed.translations
    assert parse_query("量子纠缠", VOCAB).query_text == "quantum be in a tangle"  # a real dictionary knows physics
    unknown = parse_query("㐀㐁", VOCAB)  # rare characters CC-CEDICT lacks are reported, not guessed
    assert unknown.query_text == "" and unknown.untranslated == "㐀㐁"


def test_fields_missing_from_the_catalog_become_soft_words():
    bare = CatalogVocabulary(category_field=None, colour_field=None, price_field=None)
    parsed = parse_query("red shoes under $100", bare)
    assert parsed.filters == {}
    assert "red" in parsed.query_text and len(parsed.notes) == 2


def test_catalog_values_are_used_for_colours():
    vocab = CatalogVocabulary(colours={"red": "Red"})
    assert parse_query("red cars under 20", vocab).filters == {"colour": ["Red"], "price": {"lt": 20.0}}


def test_prices_helpers():
    assert chinese_number("一百二十") == 120 and chinese_number("两千") == 2000 and chinese_number("十五") == 15
    assert is_empty_range({"gte": 50, "lte": 20}) and is_empty_range({"gt": 5, "lt": 5})
    assert not is_empty_range({"lt": -5}) and not is_empty_range({"gte": 5, "lte": 5})
    assert find_prices("a dog under a tree") == []


FOLLOW_UPS = [
    ("more like the third one", "more_like", 3),
    ("show me more like #2", "more_like", 2),
    ("like number 4", "more_like", 4),
    ("the last one", "more_like", -1),
    ("第三个", "more_like", 3),
    ("和第二个类似的", "more_like", 2),
    ("cheaper", "cheaper", None),
    ("any cheaper ones?", "cheaper", None),
    ("更便宜的", "cheaper", None),
    ("show more", "more", None),
    ("next page", "more", None),
    ("再来一些", "more", None),
    ("the one before", "before", None),
    ("and the one before?", "before", None),
    ("上一个", "before", None),
    ("I like the second one", "like", 2),
    ("我喜欢第一个", "like", 1),
    ("I don't like #2", "dislike", 2),
    ("buy the first one", "purchase", 1),
    ("recommend something for me", "recommend", None),
    ("给我推荐一些", "recommend", None),
]


@pytest.mark.parametrize("text,kind,position", FOLLOW_UPS)
def test_follow_up_detection(text, kind, position):
    found = detect(text)
    assert found is not None and (found.kind, found.position) == (kind, position)


@pytest.mark.parametrize("text", ["a red car", "the third man", "a second hand watch", "more cats", "number one hit",
                                  "a cheaper car", "I like turtles", "more like this", ""])
def test_ordinary_queries_are_not_follow_ups(text):
    assert detect(text) is None


def test_follow_up_keeps_extra_constraints():
    found = detect("more like the third one but under $50")
    assert found.kind == "more_like" and found.position == 3 and "under $50" in found.rest


def test_described_colours_rank():
    parsed = parse_query("a pink-coloured dress", VOCAB)
    assert parsed.filters == {} and parsed.preferences == {"colour": ["pink"]} and "pink" in parsed.query_text
