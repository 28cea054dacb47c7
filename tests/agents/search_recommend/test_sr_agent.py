"""The search & recommend agent on a small shop of drawn shapes: each query kind, filters, follow-ups, bad input."""
from __future__ import annotations

import json

import pytest

from agents import AgentRequest, Reply, get
from agents.search_recommend import SearchRecommendAgent, SearchResults


@pytest.fixture
def agent(shop):
    return SearchRecommendAgent(shop.context)


def ask(agent, text="", state=None, image=None, user="tester") -> Reply:
    reply = agent.invoke(AgentRequest(text=text, image=image, state=state or {}, user_id=user))
    json.dumps(reply.model_dump(mode="json"))  # replies and their state are JSON all the way down
    return reply


def captions(reply):
    return [r.caption for r in reply.data.results]


def test_registered_with_bilingual_examples():
    assert get("search_recommend") is SearchRecommendAgent
    chinese = [e for e in SearchRecommendAgent.examples if any("\u4e00" <= ch <= "\u9fff" for ch in e)]
    assert len(chinese) >= 20 and len(SearchRecommendAgent.examples) - len(chinese) >= 20
    assert SearchRecommendAgent.description and "\n" not in SearchRecommendAgent.description


def test_text_query(agent):
    reply = ask(agent, "a big blue triangle")
    assert isinstance(reply.data, SearchResults) and reply.data.kind == "search_results"
    # rank fusion: BM25 ranks the exact caption first, the (weak, drawn-shapes) vector side does not, so it lands
    # among the first few rather than necessarily first; every one of the top 3 shares two of the three words
    shown = {r.caption: r for r in reply.data.results[:5]}
    assert "a big blue triangle" in shown
    assert all(len({"big", "blue", "triangle"} & set(r.caption.split())) >= 2 for r in reply.data.results[:3])
    first = shown["a big blue triangle"]
    assert first.image.endswith("big_blue_triangle.png") and first.metadata["price"] == 83.0 and first.explanation


def test_image_query(agent, shop_manifest):
    reply = ask(agent, image=str(shop_manifest.parent / "small_green_square.png"))
    assert reply.data.results[0].caption == "a small green square"
    assert reply.data.query_image and reply.data.mode == "search"


def test_text_and_image_query_applies_the_colour_inside_the_search(agent, shop_manifest):
    reply = ask(agent, "like this but in blue", image=str(shop_manifest.parent / "small_red_circle.png"))
    assert reply.data.filters == {"colour": ["blue"]}
    assert {r.metadata["colour"] for r in reply.data.results} == {"blue"}
    assert len(reply.data.results) == 6, "every blue item is reachable: the filter runs inside the search"
    assert captions(reply)[0].endswith("blue circle")


def test_filters_are_applied_inside_the_vector_search(agent):
    reply = ask(agent, "a circle, squares under 25")
    # only 2 items are squares under 25; a post-filter on the top-10 of "a circle" would lose them
    assert sorted(captions(reply)) == ["a small green square", "a small red square"]
    assert reply.data.constraints and "price" in reply.data.filters


def test_chinese_query_is_translated(agent):
    reply = ask(agent, "红色的圆形")  # "a red circle": the described colour ranks first, it does not filter
    assert ("圆形", "round") in reply.data.translations and "round" in reply.text
    assert {r.metadata["colour"] for r in reply.data.results[:4]} == {"red"}
    filtered = ask(agent, "红色的")  # a colour alone is a constraint
    assert {r.metadata["colour"] for r in filtered.data.results} == {"red"}


def test_cheap_uses_the_catalog_lower_third(agent):
    reply = ask(agent, "cheap triangles")
    prices = [r.metadata["price"] for r in reply.data.results]
    assert prices and max(prices) <= 33.0 and all(c.endswith("triangle") for c in captions(reply))


def test_mmr_keeps_near_duplicates_from_filling_the_page(shop):
    strict = SearchRecommendAgent(shop.context, {"k": 4, "engine": {"mmr_lambda": 0.5, "mmr_threshold": 0.0, "caption_weight": 0.0}})
    plain = SearchRecommendAgent(shop.context, {"k": 4, "engine": {"mmr_lambda": 1.0, "caption_weight": 0.0}})
    image = shop.store.get_items([1])[1].uri
    diverse, greedy = ask(strict, image=image), ask(plain, image=image)
    assert diverse.data.results[0].id == greedy.data.results[0].id == 1
    shapes = lambda reply: {r.metadata["category"] for r in reply.data.results}
    assert len(shapes(diverse)) >= len(shapes(greedy))
    assert len(shapes(diverse)) >= 2


def test_follow_ups_more_like_show_more_before_cheaper(agent):
    first = ask(agent, "circles")
    shown = [r.id for r in first.data.results]
    assert len(shown) == 8 and all(r.metadata["category"] == "circles" for r in first.data.results)

    like = ask(agent, "more like the third one", first.state)
    assert like.data.mode == "more_like" and like.data.reference_id == shown[2]
    assert shown[2] not in [r.id for r in like.data.results]

    before = ask(agent, "and the one before?", like.state)
    assert before.data.reference_id == shown[1]

    cheaper = ask(agent, "cheaper", first.state)
    limit = sorted(r.metadata["price"] for r in first.data.results)[len(shown) // 2]
    assert cheaper.data.results and all(r.metadata["price"] < limit for r in cheaper.data.results)
    assert all(r.metadata["category"] == "circles" for r in cheaper.data.results)


def test_show_more_pages_do_not_repeat(shop):
    agent = SearchRecommendAgent(shop.context, {"k": 5})
    page0 = ask(agent, "a shape")
    page1 = ask(agent, "show more", page0.state)
    page2 = ask(agent, "再来一些", page1.state)
    ids = [r.id for p in (page0, page1, page2) for r in p.data.results]
    assert len(ids) == 15 and len(set(ids)) == 15 and page2.data.page == 2
    assert page1.text.startswith("More results") and all("similar to" not in r.explanation for r in page1.data.results)
    back = ask(agent, "go back", page2.state)
    assert [r.id for r in back.data.results] == [r.id for r in page1.data.results]


def test_follow_up_without_previous_results_is_a_clear_reply(agent):
    for text in ("more like the third one", "show more", "cheaper", "the one before", "第三个", "I like the second one"):
        reply = ask(agent, text)
        assert "no earlier results" in reply.text and reply.error is None


def test_position_out_of_range(agent):
    first = ask(agent, "triangles under 20")
    reply = ask(agent, "more like the ninth one", first.state)
    assert "no result number 9" in reply.text


def test_bad_inputs_never_raise(agent, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image at all")
    reply = ask(agent, "like this", image=str(broken))
    assert reply.error and "cannot read the query image" in reply.text.lower()
    missing = ask(agent, image=str(tmp_path / "nope.jpg"))
    assert missing.error and "not found" in missing.text
    empty = ask(agent, "under -5")
    assert empty.data.results == [] and "No items match price < -5" in empty.text
    impossible = ask(agent, "between 50 and 20 dollars, over 60")
    assert impossible.data.results == [] and "empty" in impossible.text
    assert "Tell me what you are looking for" in ask(agent, "   ").text
    assert "Chinese dictionary" in ask(agent, "㐀㐁").text
    too_long = ask(agent, "a" * (agent.context.settings.max_text_chars + 1))
    assert too_long.error and "limit" in too_long.text
    assert SearchRecommendAgent(None).invoke("a red circle").error == "no advisor"


def test_feedback_and_recommendations_through_the_agent(agent, shop):
    first = ask(agent, "triangles", user="agent-fan")
    noted = ask(agent, "I like the first one", first.state, user="agent-fan")
    liked = first.data.results[0]
    assert "Noted" in noted.text and liked.caption in noted.text
    assert [f.item_id for f in shop.interactions("agent-fan")] == [liked.id]
    picks = ask(agent, "recommend something for me", noted.state, user="agent-fan")
    assert picks.data.mode == "recommend" and liked.id not in [r.id for r in picks.data.results]
    assert all(r.explanation for r in picks.data.results)
    more = ask(agent, "show more", picks.state, user="agent-fan")
    assert more.data.mode == "recommend" and not {r.id for r in more.data.results} & {r.id for r in picks.data.results}
