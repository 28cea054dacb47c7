"""On a real (small) demo catalog: the agent never does worse than plain search on item captions, and three
likes of one category steer the recommendations."""
from __future__ import annotations

import collections

from agents.search_recommend import SearchRecommendAgent


def _items(adv):
    return [item for chunk in adv.store.iter_items() for item in chunk]


def _recall(items, ranked_ids) -> float:
    return sum(item.id in ranked_ids[item.id][:10] for item in items) / len(items)


def test_agent_top10_equals_or_beats_plain_search_on_captions(demo_advisor):
    items = _items(demo_advisor)
    plain = {item.id: [h.id for h in demo_advisor.search(text=item.caption, k=10)] for item in items}
    agent = SearchRecommendAgent(demo_advisor.context)
    found = {}
    for item in items:
        reply = agent.invoke(item.caption)
        assert reply.data is not None and reply.data.filters.get("price") is None, item.caption
        found[item.id] = [r.id for r in reply.data.results]
    lost = [item.caption for item in items if item.id in plain[item.id][:10] and item.id not in found[item.id][:10]]
    assert not lost, f"plain search found these, the agent did not: {lost}"
    assert _recall(items, found) >= max(_recall(items, plain), 0.2)


def test_without_reranking_the_agent_returns_exactly_plain_search(demo_advisor):
    """Caption matching and MMR off: parsing a plain caption changes nothing, so the page is plain search's top-10."""
    agent = SearchRecommendAgent(demo_advisor.context, {"engine": {"caption_weight": 0.0, "mmr_lambda": 1.0}})
    for item in _items(demo_advisor)[:20]:
        reply = agent.invoke(item.caption)
        if reply.data.filters:  # a colour named in the caption is a filter, which may only help
            continue
        assert [r.id for r in reply.data.results] == [h.id for h in demo_advisor.search(text=item.caption, k=10)]


def test_three_likes_of_one_category(demo_advisor):
    items = _items(demo_advisor)
    by_category = collections.defaultdict(list)
    for item in items:
        by_category[item.meta["category"]].append(item.id)
    for category, ids in sorted(by_category.items()):
        user = f"fan-of-{category}"
        for item_id in ids[:3]:
            demo_advisor.feedback(user, item_id, "like")
        picks = demo_advisor.recommend(user, k=10)
        share = sum(h.metadata["category"] == category for h in picks) / len(picks)
        assert share >= 0.6, (category, [(h.caption, h.metadata["category"]) for h in picks])
        assert not {h.id for h in picks} & set(ids[:3])
