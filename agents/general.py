"""The ``general`` agent: greetings, thanks, "what can you do", and polite answers outside every agent's scope.

It is also where the router sends a message it is not confident about, so its out-of-scope answer points the
user at what the installed agents can do. English and Chinese: it answers in the language of the message.

Example::

    >>> from agents.general import GeneralAgent
    >>> GeneralAgent().invoke("thanks!").text
    "You're welcome! Anything else I can help with?"
    >>> GeneralAgent().invoke("谢谢").text
    '不客气！还有什么可以帮您？'
"""
from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from agents.base import Agent, AgentConfig, AgentRequest, Reply, ReplyData
from agents.registry import available, register

Intent = Literal["greeting", "thanks", "goodbye", "capabilities", "out_of_scope"]
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

# Small, explicit intent lexicons: the router already decided the message is "general"; these only pick the
# kind of general answer. Checked in order; the first that matches wins.
INTENT_PATTERNS: tuple[tuple[Intent, re.Pattern], ...] = (
    ("capabilities", re.compile(
        r"what (can|could|do) you (do|help)|what are you (able|good)|help me with|^help\b|^\?+$|how (does this|do you) work"
        r"|(which|what) (agents|assistants|skills|services|features)|list (your|the) (skills|agents)|who are you"
        r"|what (kind of|sort of)? ?questions|能做什么|能干嘛|能干什么|会做什么|会什么|有哪些功能|有什么功能|哪些智能体|哪些助手"
        r"|提供什么服务|怎么用|你是谁|^帮助$|能帮我做|可以问你什么|是怎么工作", re.I)),
    ("thanks", re.compile(r"\b(thanks?|thank you|thx|ty|cheers|appreciate|much obliged)\b|谢|感謝|感谢|多謝|辛苦了", re.I)),
    ("goodbye", re.compile(r"\b(bye|goodbye|see you|see ya|good night|farewell)\b|再见|拜拜|晚安|回头见|再見", re.I)),
    ("greeting", re.compile(
        r"^\s*(hi+|hello|hey+|hiya|howdy|yo|greetings|good (morning|afternoon|evening)|hola|sup|what'?s up)\b"
        r"|how are you|how'?s it going|你好|您好|嗨|哈喽|早上好|下午好|晚上好|在吗|最近怎么样|你好吗", re.I)),
)

ANSWERS: dict[str, dict[Intent, str]] = {
    "en": {
        "greeting": "Hello! I'm the Smart Advisor. {menu}",
        "thanks": "You're welcome! Anything else I can help with?",
        "goodbye": "Goodbye! Come back any time.",
        "capabilities": "I can hand your message to these specialists:\n{agents}\nJust describe what you need, in English or Chinese.",
        "out_of_scope": "Sorry, that is outside what I can help with. {menu}",
    },
    "zh": {
        "greeting": "您好！我是智能顾问。{menu}",
        "thanks": "不客气！还有什么可以帮您？",
        "goodbye": "再见！随时欢迎回来。",
        "capabilities": "我可以把您的问题交给这些专家：\n{agents}\n直接用中文或英文描述您的需要即可。",
        "out_of_scope": "抱歉，这个问题超出了我能帮忙的范围。{menu}",
    },
}
MENU = {"en": "I can help with: {names}. Ask \"what can you do?\" for details.",
        "zh": "我可以帮您：{names}。问我“你能做什么”了解详情。"}
FRIENDLY_NAMES = {
    "en": {"search_recommend": "finding and recommending products", "medical_triage": "checking symptoms",
           "surveillance": "camera alerts"},
    "zh": {"search_recommend": "搜索和推荐商品", "medical_triage": "症状分诊", "surveillance": "监控告警"},
}


class AgentInfo(ReplyData):
    """One installed agent, as listed by the ``general`` agent."""

    kind: Literal["agent_info"] = "agent_info"
    name: str
    description: str


class GeneralData(ReplyData):
    """What the ``general`` agent understood, and the installed agents it can hand over to."""

    kind: Literal["general"] = "general"
    intent: Intent = Field(description="greeting, thanks, goodbye, capabilities or out_of_scope.")
    language: Literal["en", "zh"] = Field(description="Language of the answer.")
    agents: list[AgentInfo] = Field(default_factory=list, description="Installed agents other than this one.")


class GeneralConfig(AgentConfig):
    """Settings of the ``general`` agent."""

    list_agents_in_greeting: bool = Field(default=True, description="Mention the installed agents when greeted.")


def detect_language(text: str) -> Literal["en", "zh"]:
    """``zh`` when the message has any CJK character, else ``en``.

    >>> detect_language("你好"), detect_language("hello")
    ('zh', 'en')
    """
    return "zh" if CJK.search(text or "") else "en"


def detect_intent(text: str) -> Intent:
    """The kind of general answer a message wants.

    >>> detect_intent("what can you do?"), detect_intent("谢谢"), detect_intent("what's 2+2")
    ('capabilities', 'thanks', 'out_of_scope')
    """
    for intent, pattern in INTENT_PATTERNS:
        if pattern.search(text or ""):
            return intent
    return "out_of_scope"


@register
class GeneralAgent(Agent):
    """Greets, thanks, lists what the installed agents do, and politely declines out-of-scope questions."""

    name = "general"
    description = "Greetings, thanks, what the advisor can do, and polite answers to questions outside every agent's scope."
    examples = [
        "hello", "thanks a lot", "list the things you are able to help with", "who are you", "tell me a joke", "what's the weather today",
        "你好", "谢谢", "你能做什么", "你是谁", "讲个笑话", "今天天气怎么样",
    ]
    Config = GeneralConfig

    def invoke(self, request: AgentRequest, config: Any = None, **kwargs: Any) -> Reply:
        language = detect_language(request.text)
        intent = detect_intent(request.text)
        agents = self.installed_agents()
        text = ANSWERS[language][intent].format(agents=self._agent_lines(agents, language),
                                               menu=self._menu(agents, language, intent))
        return self.reply(text.strip(), data=GeneralData(intent=intent, language=language, agents=agents))

    def installed_agents(self) -> list[AgentInfo]:
        """Every installed agent except this one, from the registry (plug-ins included)."""
        return [AgentInfo(name=name, description=cls.description or "")
                for name, cls in sorted(available().items()) if name != self.name]

    @staticmethod
    def _agent_lines(agents: list[AgentInfo], language: str) -> str:
        if not agents:
            return "- (no specialist agents are installed yet)" if language == "en" else "- （还没有安装专家智能体）"
        return "\n".join(f"- {a.name}: {a.description}" for a in agents)

    def _menu(self, agents: list[AgentInfo], language: str, intent: Intent) -> str:
        if not agents or (intent == "greeting" and not self.config.list_agents_in_greeting):
            return ""
        names = FRIENDLY_NAMES[language]
        separator = "、" if language == "zh" else ", "
        return MENU[language].format(names=separator.join(names.get(a.name, a.name) for a in agents))
