"""Advisor.ask / route / history / sessions on a real SQLite store, the real router and real agent classes."""
from __future__ import annotations

import pytest

from advisor.application.facade import Advisor
from advisor.application.router import Router
from advisor.core.errors import AdvisorError
from advisor.core.settings import Settings
from agents import registry
from agents.base import Agent, ReplyData

FOUR = ("general", "medical_triage", "search_recommend", "surveillance")


class CountData(ReplyData):
    kind: str = "count"
    turns_seen: int


class CountingShop(Agent):
    """Stands in for search_recommend: counts its turns in its state and reports the history it was given."""

    name = "search_recommend"
    description = "test double"

    def invoke(self, request, config=None, **kwargs):
        count = int(request.state.get("count", 0)) + 1
        return self.reply(f"result page {count} for {request.text!r}", data=CountData(turns_seen=len(request.history)),
                          state={"count": count, "last_query": request.text})


class Boom(Agent):
    name = "boom"
    description = "always fails"

    def invoke(self, request, config=None, **kwargs):
        raise RuntimeError("kaboom")


class WrongType(Agent):
    name = "wrong_type"
    description = "returns a string"

    def invoke(self, request, config=None, **kwargs):
        return "not a reply"


class Redacting(Agent):
    name = "redacting"
    description = "removes a name"

    def redact(self, text):
        return text.replace("Alice Smith", "[NAME]")

    def invoke(self, request, config=None, **kwargs):
        return self.reply("noted")


@pytest.fixture(scope="session")
def shared_router(tmp_path_factory) -> Router:
    from agents.registry import available

    return Router.load_or_fit(cache_dir=tmp_path_factory.getbasetemp() / "router-cache", agents=available(),
                              installed=FOUR)


@pytest.fixture
def agents(monkeypatch):
    registry.load_all()
    table = dict(registry._REGISTRY)
    table.update({cls.name: cls for cls in (CountingShop, Boom, WrongType, Redacting)})
    monkeypatch.setattr(registry, "_REGISTRY", table)
    return table


def make_advisor(home, router, **settings) -> Advisor:
    adv = Advisor(Settings(home=home, **settings))
    adv.agents.router = router  # the shared, already fitted router: no refit per test
    return adv


@pytest.fixture
def adv(tmp_path, shared_router, agents):
    advisor = make_advisor(tmp_path / "home", shared_router)
    yield advisor
    advisor.close()


def test_ask_routes_and_reply_carries_session_scores_confidence(adv):
    reply = adv.ask("hello")
    assert reply.agent == "general" and reply.error is None
    assert reply.session_id and set(reply.scores) == set(FOUR)
    assert reply.confidence == reply.scores["general"]
    assert adv.ask("show me red sneakers under 50", session_id=reply.session_id).agent == "search_recommend"


def test_persistence_and_state_across_advisor_instances(tmp_path, shared_router, agents):
    home = tmp_path / "home"
    first = make_advisor(home, shared_router)
    reply = first.ask("show me blue backpacks", session_id="s1", user_id="ann")
    assert reply.agent == "search_recommend" and reply.state == {"count": 1, "last_query": "show me blue backpacks"}
    assert reply.data.turns_seen == 0
    first.close()

    second = make_advisor(home, shared_router)
    turns = second.history("s1")
    assert [(t.role, t.agent) for t in turns] == [("user", None), ("assistant", "search_recommend")]
    assert turns[1].data == {"kind": "count", "turns_seen": 0}
    again = second.ask("cheaper", session_id="s1", user_id="ann")
    assert again.agent == "search_recommend"            # a follow-up stays with the conversation's agent
    assert again.state["count"] == 2                    # the state saved by the first instance came back
    assert again.data.turns_seen == 2                   # and the earlier turns were given as history
    (info,) = [s for s in second.sessions() if s.session_id == "s1"]
    assert info.messages == 4 and info.user_id == "ann" and info.last_agent == "search_recommend"
    assert second.sessions(user_id="nobody") == []
    second.close()


def test_history_is_limited_to_the_last_turns(adv):
    for n in range(7):
        adv.ask(f"show me item {n}", session_id="long", agent="search_recommend")
    reply = adv.ask("show me item 7", session_id="long", agent="search_recommend")
    assert reply.data.turns_seen == 10
    assert len(adv.history("long")) == 16 and len(adv.history("long", limit=3)) == 3


def test_unknown_session_starts_a_new_conversation(adv):
    assert adv.history("never-seen") == []
    reply = adv.ask("hi", session_id="never-seen")
    assert reply.session_id == "never-seen" and len(adv.history("never-seen")) == 2


@pytest.mark.parametrize("text", ["", "   \n\t", None])
def test_empty_messages_are_refused(adv, text):
    with pytest.raises(AdvisorError, match="empty"):
        adv.ask(text)


def test_bad_inputs_get_clear_errors(tmp_path, shared_router, agents):
    adv = make_advisor(tmp_path / "h", shared_router, max_text_chars=40)
    with pytest.raises(AdvisorError, match="limit is 40"):
        adv.ask("x" * 41)
    with pytest.raises(AdvisorError, match="limit is 40"):
        adv.route("y" * 41)
    with pytest.raises(AdvisorError, match="must be text"):
        adv.ask(123)
    with pytest.raises(AdvisorError, match="installed: .*general"):
        adv.ask("hello", agent="no_such_agent")
    with pytest.raises(AdvisorError, match="not found"):
        adv.ask("like this", image=str(tmp_path / "missing.png"))
    with pytest.raises(AdvisorError, match="session id"):
        adv.ask("hello", session_id="s" * 200)
    assert adv.sessions() == []  # nothing was stored for refused messages
    adv.close()


def test_image_without_text_is_accepted(adv, tmp_path):
    from PIL import Image

    path = tmp_path / "shoe.png"
    Image.new("RGB", (32, 32), "red").save(path)
    reply = adv.ask("", image=str(path))
    assert reply.agent == "search_recommend" and reply.confidence == 1.0
    (user_turn, _) = adv.history(reply.session_id)
    assert user_turn.data == {"image": str(path.resolve())}
    pil_reply = adv.ask(None, image=Image.new("RGB", (8, 8)), session_id=reply.session_id)
    assert pil_reply.agent == "search_recommend"


def test_agent_that_raises_gives_an_error_reply_and_the_conversation_goes_on(adv, caplog):
    reply = adv.ask("do the thing", agent="boom", session_id="b")
    assert reply.agent == "boom" and reply.error == "RuntimeError: kaboom"
    assert "boom" in reply.text and reply.session_id == "b"
    assert "agent boom failed" in caplog.text
    assert adv.ask("做点事", agent="boom", session_id="b").text.startswith("抱歉")
    wrong = adv.ask("x", agent="wrong_type", session_id="b")
    assert wrong.error and "not Reply" in wrong.error
    assert adv.ask("hello", session_id="b").agent == "general"
    assert len(adv.history("b")) == 8


def test_forced_agent_still_reports_router_scores(adv):
    reply = adv.ask("hello", agent="search_recommend")
    assert reply.agent == "search_recommend"
    assert set(reply.scores) == set(FOUR) and reply.confidence == reply.scores["search_recommend"]


def test_route_uses_the_session_history(adv):
    first = adv.ask("find me a red dress", session_id="r")
    assert first.agent == "search_recommend"
    assert adv.route("第二个", session_id="r").agent == "search_recommend"
    assert adv.route("and the one before?", session_id="r").agent == "search_recommend"


def test_identifiers_are_redacted_before_storage(adv):
    adv.ask("I'm Alice Smith, mail alice@example.com or call +1 415 555 0134", agent="redacting", session_id="p")
    stored = adv.history("p")[0].text
    assert "Alice Smith" not in stored and "alice@example.com" not in stored and "555 0134" not in stored
    assert "[NAME]" in stored and "[EMAIL]" in stored and "[PHONE]" in stored
    adv.ask("my id is 11010519491231002X", session_id="p")
    assert "11010519491231002X" not in adv.history("p")[-2].text


def test_agent_instances_are_cached(adv):
    assert adv.agent("general") is adv.agent("general")
    with pytest.raises(AdvisorError):
        adv.agent("nope")


def test_router_cache_lives_under_the_data_home(tmp_path, shared_router, tmp_path_factory):
    import shutil

    cache = tmp_path / "fresh" / "models" / "router"
    cache.mkdir(parents=True)
    for fitted in (tmp_path_factory.getbasetemp() / "router-cache").glob("router-*.npz"):
        shutil.copy(fitted, cache)
    before = sorted(p.name for p in cache.iterdir())
    adv = Advisor(Settings(home=tmp_path / "fresh"))
    assert adv.route("hello").agent == "general"
    assert sorted(p.name for p in cache.iterdir()) == before  # found by its key: nothing refitted
    assert adv.router is adv.router
    adv.close()


def test_an_unreadable_attachment_is_named_and_the_text_still_answered(advisor_home, tmp_path):
    broken = tmp_path / "photo.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    reply = advisor_home.ask("I have a mild sunburn on my arm", image=broken, agent="medical_triage")
    assert reply.text.startswith("I could not read the attached image (") and "answered from your text" in reply.text
    assert reply.data is not None and reply.data.level is not None
    alone = advisor_home.ask(None, image=broken, session_id=reply.session_id)
    assert alone.error and alone.error.startswith("ImageLoadError") and "could not read the attached image" in alone.text
    turns = advisor_home.history(reply.session_id)
    assert [t.role for t in turns] == ["user", "assistant"]  # the refused attachment stored nothing, lost nothing
