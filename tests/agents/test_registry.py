"""The agent registry: built-in agents, an entry-point plug-in from a tiny installed package, a broken plug-in."""
from __future__ import annotations

import logging
import sys
import textwrap

import pytest

from agents import registry
from agents.base import Agent, AgentRequest, Reply

PLUGIN_MODULE = textwrap.dedent('''
    from agents import Agent, Reply

    class PlantCareAgent(Agent):
        name = "plant_care"
        description = "Advice on house plants, watering, repotting and garden pests."
        examples = ["my monstera has yellow leaves", "how often should I water a cactus",
                    "repotting an orchid", "aphids on my roses", "why is my fern drying out",
                    "best soil for succulents", "我的绿萝叶子发黄了", "多肉植物多久浇一次水",
                    "兰花怎么换盆", "玫瑰上长了蚜虫"]

        def invoke(self, request, config=None, **kwargs):
            return Reply(agent=self.name, text=f"Plant advice for: {request.text}")

    def helper():
        return 42
''')


def install_plugins(root):
    """A package installed the way pip leaves it: code + a .dist-info with entry_points.txt (group advisor.agents)."""
    site = root / "site"
    (site / "plant_plugin").mkdir(parents=True)
    (site / "plant_plugin" / "__init__.py").write_text(PLUGIN_MODULE)
    (site / "broken_plugin.py").write_text("raise ImportError('missing dependency: leafy')\n")
    dist = site / "plant_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: plant-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(
        "[advisor.agents]\nplant_care = plant_plugin:PlantCareAgent\nbroken = broken_plugin:BrokenAgent\n"
        "not_an_agent = plant_plugin:helper\n")
    return site


@pytest.fixture
def isolated_registry(monkeypatch):
    """A copy of the registry for this test; the real one is restored afterwards."""
    registry.load_all()
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    monkeypatch.setattr(registry, "_loaded", False)
    yield registry
    for module in ("plant_plugin", "broken_plugin"):
        sys.modules.pop(module, None)


@pytest.fixture
def with_plugins(isolated_registry, monkeypatch, tmp_path):
    monkeypatch.syspath_prepend(str(install_plugins(tmp_path)))
    return isolated_registry


def test_builtin_general_agent_is_registered():
    agents = registry.available()
    assert "general" in agents
    general = agents["general"]
    assert issubclass(general, Agent) and general.description
    assert any("你" in e for e in general.examples) and any(e.isascii() for e in general.examples)
    for name, cls in agents.items():
        assert name == cls.name and name.isidentifier()


def test_entry_point_plugin_is_found_and_broken_ones_are_skipped(with_plugins, caplog):
    with caplog.at_level(logging.WARNING, logger="agents.registry"):
        agents = with_plugins.load_all(reload=True)
    assert "plant_care" in agents and "general" in agents
    assert "broken" not in agents and "not_an_agent" not in agents and "helper" not in agents
    assert "broken" in caplog.text and "leafy" in caplog.text
    assert "not_an_agent" in caplog.text
    reply = agents["plant_care"]().invoke("my cactus is soft")
    assert isinstance(reply, Reply) and reply.agent == "plant_care"


def test_plugin_agent_takes_part_in_routing(with_plugins):
    from advisor.application.router import Router
    from advisor.application.router_model import MiniLMEmbedder

    agents = with_plugins.load_all(reload=True)
    router = Router.fit(agents=agents, embedder=MiniLMEmbedder.shared())
    assert "plant_care" in router.classes
    assert router.route("the leaves of my monstera are turning yellow").agent == "plant_care"
    # a plug-in with a handful of Chinese examples ranks first, though its confidence may sit near the fallback line
    chinese = router.route("我的多肉植物叶子发黄")
    assert max(chinese.scores, key=chinese.scores.get) == "plant_care"
    assert router.route("hello").agent == "general"


def test_general_agent_lists_plugins(with_plugins):
    with_plugins.load_all(reload=True)
    reply = with_plugins.get("general")().invoke("what can you do?")
    assert "plant_care" in reply.text
    assert "plant_care" in [a.name for a in reply.data.agents]


def test_register_rejects_bad_agents(isolated_registry):
    with pytest.raises(TypeError):
        registry.register(object)

    class Nameless(Agent):
        def invoke(self, request, config=None, **kwargs):
            return self.reply("x")

    with pytest.raises(ValueError):
        registry.register(Nameless)


def test_unknown_agent_error_lists_installed():
    with pytest.raises(registry.UnknownAgentError) as info:
        registry.get("no_such_agent")
    assert "general" in str(info.value) and "no_such_agent" in str(info.value)


def test_agent_is_a_runnable_with_batch():
    general = registry.get("general")()
    replies = general.batch(["hello", AgentRequest(text="谢谢")])
    assert [r.agent for r in replies] == ["general", "general"]
