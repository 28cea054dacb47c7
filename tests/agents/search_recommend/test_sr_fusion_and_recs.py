"""Rank fusion (BM25 + vectors), the 'no close match' floor, Chinese through CC-CEDICT, and measured recommendations."""
from __future__ import annotations

import numpy as np
import pytest

from advisor.frontdoors.bench.recommend_eval import evaluate_recommendations, simulate_sessions
from agents import AgentRequest
from agents.search_recommend import SearchRecommendAgent
from agents.search_recommend.catalog_profile import CaptionIndex
from agents.search_recommend.chinese import clean_sense, to_english
from agents.search_recommend.engine import EngineConfig, SearchEngine


def test_bm25_ranks_caption_and_metadata_words():
    index = CaptionIndex(np.array([1, 2, 3]), ["a red fox", "", "a fox and a hound"], ["animals", "animals red", ""])
    top = index.top("red fox", k=3)
    assert next(iter(top)) == 1 and set(top) == {1, 2, 3}
    assert index.top("zebra", k=3) == {}


def test_fusion_keeps_the_vector_order_when_no_words_match():
    engine = SearchEngine(context=None, config=EngineConfig())
    cosine = np.array([0.1, 0.5, 0.3], np.float32)
    fused = engine._fused(cosine, np.zeros(3, np.float32))
    assert list(np.argsort(-fused)) == [1, 2, 0]
    boosted = engine._fused(cosine, np.array([2.0, 0.0, 0.0], np.float32))
    assert int(np.argmax(boosted)) == 0  # first by words, third by vector: the fusion puts it on top


def test_no_close_match_is_said_and_the_nearest_still_offered(shop):
    agent = SearchRecommendAgent(shop.context, {"engine": {"close_match_floor": 0.99}})
    reply = agent.invoke(AgentRequest(text="a fire truck", state={}, user_id="floor"))
    assert reply.data.results and reply.data.close_match is False
    assert reply.text.startswith("No close match for 'a fire truck'")
    relaxed = SearchRecommendAgent(shop.context, {"engine": {"close_match_floor": -1.0}})
    assert relaxed.invoke(AgentRequest(text="a fire truck", state={}, user_id="floor")).data.close_match is True


@pytest.mark.parametrize("chinese,english", [
    ("不是红色的动物", "not red animal"),
    ("一只蜜蜂", "bee"),
    ("插着蜡烛的生日蛋糕", "insert candle birthday cake"),   # a word CC-CEDICT lacks is split into ones it has
    ("一辆大卡车", "big truck"),
])
def test_chinese_words_come_from_the_dictionary(chinese, english):
    assert to_english(chinese).text == english


def test_a_later_sense_is_picked_when_it_names_a_catalog_value():
    assert to_english("玩具").text == "plaything"
    assert to_english("玩具", wanted=lambda sense: sense == "toy").text == "toy"
    assert clean_sense("red (color)") == "red" and clean_sense("to jump") == "jump"


@pytest.fixture
def shop_copy(advisor_home, shop_manifest):
    advisor_home.ingest(shop_manifest, domain="catalog")
    return advisor_home


def test_collaborative_signal_finds_what_similar_shoppers_liked(shop_copy):
    ids = sorted(shop_copy.store.item_ids())
    liked_together = [ids[0], ids[13], ids[22]]  # unrelated shapes and colours, liked together by many shoppers
    for n in range(5):
        for item in liked_together:
            shop_copy.feedback(f"crowd-{n}", item, "like")
    shop_copy.feedback("newcomer", ids[0], "like")
    hits = shop_copy.recommend("newcomer", k=3)
    picks = [h.id for h in hits]
    assert set(picks) & {ids[13], ids[22]}
    assert any("shoppers who liked what you liked" in h.explanation for h in hits if h.id in (ids[13], ids[22]))
    shop_copy.recommender.config = shop_copy.recommender.config.model_copy(update={"collaborative_weight": 0.0})
    content_only = [h.id for h in shop_copy.recommend("newcomer", k=3)]
    assert content_only != picks


def test_recommendation_metrics_from_held_out_sessions(shop_copy):
    items = {i: h.metadata["category"] for i, h in ((h.id, h) for h in shop_copy.hits(shop_copy.store.item_ids(),
                                                                                     [0.0] * 24))}
    sessions = simulate_sessions(items, n_users=12, n_tastes=3, pool_size=6, session_length=4)
    assert all(len(set(liked)) == 4 for liked in sessions.values())
    report = evaluate_recommendations(shop_copy, sessions)
    assert report["users"] == 12
    for name in ("content", "collaborative", "blended"):
        assert 0.0 <= report[name]["ndcg@10"] <= report[name]["hit_rate@10"] <= 1.0
    assert report["collaborative"]["hit_rate@10"] > 0  # shoppers of a taste share items: co-occurrence must help
