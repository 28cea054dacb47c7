"""Feedback persistence and recommendation behaviour (real SQLite, real FAISS, clustered synthetic vectors)."""
from __future__ import annotations

import numpy as np
import pytest

from advisor.core.errors import FeedbackError

CATEGORIES = ("animals", "food", "vehicles", "tools")
PER_CATEGORY = 15


def _fill(adv, seed: int = 0) -> dict[str, list[int]]:
    """60 items in 4 categories; vectors cluster by category."""
    rng = np.random.default_rng(seed)
    dim = adv.encoder.dim
    rows, vectors = [], []
    for category in CATEGORIES:
        centre = rng.standard_normal(dim)
        for n in range(PER_CATEGORY):
            vec = centre + 0.8 * rng.standard_normal(dim)
            vectors.append(vec / np.linalg.norm(vec))
            rows.append({"uri": f"/synthetic/{category}_{n}.png", "caption": f"{category} item {n}", "domain": "catalog",
                         "meta": {"category": category, "price": float(n + 1)}})
    vectors = np.asarray(vectors, np.float32)
    items = adv.store.add_items(rows, vectors=vectors, space=adv.catalog.space)
    adv.catalog.add([i.id for i in items], vectors)
    by_category: dict[str, list[int]] = {c: [] for c in CATEGORIES}
    for item in items:
        by_category[item.meta["category"]].append(item.id)
    return by_category


@pytest.fixture
def shop(advisor_home):
    return advisor_home, _fill(advisor_home)


def test_interactions_table_is_migrated(advisor_home):
    from advisor.core.store.db import current_heads

    applied, heads = current_heads(advisor_home.store.engine)
    assert "0006_interactions" in applied and applied == heads


def test_feedback_is_validated(shop):
    adv, ids = shop
    item = ids["food"][0]
    with pytest.raises(FeedbackError, match="unknown feedback kind"):
        adv.feedback("ana", item, "love")
    with pytest.raises(FeedbackError, match="no item with id 99999"):
        adv.feedback("ana", 99999, "like")
    with pytest.raises(FeedbackError, match="user_id"):
        adv.feedback("  ", item, "like")
    with pytest.raises(FeedbackError, match="integer"):
        adv.feedback("ana", "12", "like")
    with pytest.raises(FeedbackError, match="positive integer"):
        adv.recommend("ana", k=0)
    assert adv.feedback("ana", item, " LIKE ").kind == "like"


def test_feedback_persists_across_advisors(shop, encoder):
    from advisor.application.facade import Advisor

    adv, ids = shop
    adv.feedback("ana", ids["food"][0], "view", context="a cake")
    adv.feedback("ana", ids["food"][1], "purchase")
    again = Advisor(adv.settings, encoder=encoder)
    try:
        rows = again.interactions("ana")
        assert [(r.item_id, r.kind) for r in rows] == [(ids["food"][1], "purchase"), (ids["food"][0], "view")]
        assert rows[1].context == "a cake" and again.interactions("bob") == []
    finally:
        again.close()


def test_deleting_an_item_deletes_its_interactions(shop):
    adv, ids = shop
    adv.feedback("ana", ids["tools"][0], "like")
    adv.delete([ids["tools"][0]])
    assert adv.interactions("ana") == []


def test_cold_start_gives_popular_then_new_items(shop):
    adv, ids = shop
    fresh = adv.recommend("newcomer", k=5)
    assert [h.explanation for h in fresh] == ["new in the catalog"] * 5
    assert [h.id for h in fresh] == sorted((i for v in ids.values() for i in v), reverse=True)[:5]
    for user in ("u1", "u2", "u3"):
        adv.feedback(user, ids["vehicles"][3], "purchase")
    adv.feedback("u1", ids["food"][2], "like")
    picks = adv.recommend("newcomer", k=5)
    assert [h.id for h in picks[:2]] == [ids["vehicles"][3], ids["food"][2]]
    assert picks[0].explanation == "popular with other users" and picks[2].explanation == "new in the catalog"


def test_three_likes_of_one_category_dominate_the_top_ten(shop):
    adv, ids = shop
    for item in ids["animals"][:3]:
        adv.feedback("ana", item, "like")
    adv.feedback("ana", ids["animals"][3], "view")
    adv.feedback("ana", ids["animals"][4], "dislike")
    for user in ("u1", "u2"):  # popular items elsewhere must not outweigh the user's taste
        adv.feedback(user, ids["tools"][0], "purchase")
    picks = adv.recommend("ana", k=10)
    assert len(picks) == 10
    share = sum(h.metadata["category"] == "animals" for h in picks) / len(picks)
    assert share >= 0.6, [h.caption for h in picks]
    assert not {h.id for h in picks} & set(ids["animals"][:5]), "seen, liked and disliked items are excluded"
    assert all(h.explanation.startswith("because you liked 'animals item") for h in picks
               if h.metadata["category"] == "animals")


def test_recent_likes_count_more(shop):
    adv, ids = shop
    for item in ids["food"][:3]:
        adv.feedback("cy", item, "like")
    for item in ids["vehicles"][:3]:
        adv.feedback("cy", item, "like")
    picks = adv.recommend("cy", k=6)
    assert picks[0].metadata["category"] == "vehicles"
    assert sum(h.metadata["category"] == "vehicles" for h in picks) > sum(h.metadata["category"] == "food" for h in picks)


def test_latest_opinion_wins_and_query_is_explained(shop):
    adv, ids = shop
    adv.feedback("dee", ids["tools"][1], "like")
    adv.feedback("dee", ids["tools"][1], "dislike")
    adv.feedback("dee", ids["food"][5], "like")
    picks = adv.recommend("dee", k=5, query="red car")
    assert ids["tools"][1] not in [h.id for h in picks]
    assert all("matches 'red car'" in h.explanation for h in picks)
    assert all("because you liked 'food item 5'" in h.explanation for h in picks)


def test_recommend_respects_domain(shop):
    adv, ids = shop
    adv.feedback("eve", ids["food"][0], "like")
    assert adv.recommend("eve", k=5, domain="elsewhere") == []
    assert len(adv.recommend("eve", k=5, domain="catalog")) == 5
