"""The general agent: greetings, thanks, capabilities from the registry, polite out-of-scope answers (EN and ZH)."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from agents.base import AgentRequest
from agents.general import GeneralAgent, GeneralData, detect_intent, detect_language


@pytest.fixture
def general():
    return GeneralAgent()


@pytest.mark.parametrize("text, intent", [
    ("hello", "greeting"), ("Good morning!", "greeting"), ("你好", "greeting"), ("在吗", "greeting"),
    ("thanks a lot", "thanks"), ("谢谢你的帮助", "thanks"), ("thx", "thanks"),
    ("bye", "goodbye"), ("再见", "goodbye"),
    ("what can you do?", "capabilities"), ("你能做什么", "capabilities"), ("help", "capabilities"),
    ("which agents are installed", "capabilities"),
    ("what's the capital of Peru", "out_of_scope"), ("讲个笑话", "out_of_scope"), ("17*23", "out_of_scope"),
    ("they said hi to the helpdesk", "out_of_scope"),
])
def test_intents(text, intent):
    assert detect_intent(text) == intent


def test_language():
    assert detect_language("hello") == "en"
    assert detect_language("推荐 shoes") == "zh"


def test_greeting_in_english_mentions_the_agents(general):
    reply = general.invoke("hi there")
    assert reply.agent == "general" and reply.error is None
    assert reply.text.startswith("Hello")
    assert isinstance(reply.data, GeneralData) and reply.data.intent == "greeting" and reply.data.language == "en"


def test_chinese_answers_are_chinese(general):
    for text in ("你好", "谢谢", "你能做什么", "今天天气怎么样"):
        reply = general.invoke(text)
        assert reply.data.language == "zh"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in reply.text)


def test_capabilities_list_every_other_installed_agent(general):
    from agents.registry import available

    reply = general.invoke(AgentRequest(text="what can you do?"))
    others = sorted(name for name in available() if name != "general")
    assert [a.name for a in reply.data.agents] == others
    for name in others:
        assert name in reply.text
    assert "general" not in [a.name for a in reply.data.agents]


def test_out_of_scope_is_polite_and_points_to_the_agents(general):
    reply = general.invoke("what's the weather in Paris?")
    assert reply.data.intent == "out_of_scope"
    assert reply.text.startswith("Sorry")
    zh = general.invoke("明天会下雨吗")
    assert zh.text.startswith("抱歉")


def test_reply_serialises_with_its_kind(general):
    dumped = general.invoke("thanks").model_dump(mode="json")
    assert dumped["data"]["kind"] == "general" and dumped["data"]["intent"] == "thanks"


def test_greeting_without_menu_by_config():
    quiet = GeneralAgent(config={"list_agents_in_greeting": False})
    assert quiet.invoke("hello").text.strip() == "Hello! I'm the Smart Advisor."
    with pytest.raises(ValidationError):
        GeneralAgent(config={"no_such_option": 1})
