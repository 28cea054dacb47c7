"""`advisor route`, `advisor ask`, `advisor agents list` through Typer's CliRunner (and one real subprocess)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

FOUR = ("general", "medical_triage", "search_recommend", "surveillance")


@pytest.fixture(scope="session")
def fitted_router_dir(tmp_path_factory) -> Path:
    """The router fitted once per session on the real registry (the same key the CLI's Advisor computes)."""
    from advisor.application.router import Router
    from agents.registry import available

    folder = tmp_path_factory.getbasetemp() / "router-cache"
    Router.load_or_fit(cache_dir=folder, agents=available())
    return folder


@pytest.fixture
def cli(fitted_router_dir, tmp_path, monkeypatch):
    """Run `advisor ...` in-process on a fresh data home that already holds the fitted router."""
    from advisor.frontdoors.cli.main import app

    home = Path(os.environ["ADVISOR_HOME"])
    (home / "models" / "router").mkdir(parents=True, exist_ok=True)
    for fitted in fitted_router_dir.glob("router-*.npz"):
        shutil.copy(fitted, home / "models" / "router")
    runner = CliRunner()

    def run(*args):
        return runner.invoke(app, list(args))
    return run


def _json(result):
    assert result.output.strip(), result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_route_json_has_the_contract_keys(cli):
    result = cli("route", "my chest hurts and I can't breathe", "--json")
    assert result.exit_code == 0, result.output
    doc = _json(result)
    assert {"agent", "confidence", "scores", "fallback"} <= set(doc)
    assert set(FOUR) <= set(doc["scores"])
    assert max(doc["scores"], key=doc["scores"].get) == "medical_triage"


def test_route_human_output(cli):
    result = cli("route", "你好")
    assert result.exit_code == 0 and result.stdout.startswith("general")


def test_ask_json_is_the_reply(cli):
    result = cli("ask", "hello", "--json", "--session", "cli-1", "--user", "bob")
    assert result.exit_code == 0, result.output
    doc = _json(result)
    assert doc["agent"] == "general" and doc["text"] and doc["session_id"] == "cli-1"
    assert set(FOUR) <= set(doc["scores"]) and doc["error"] is None and doc["data"]["kind"] == "general"
    again = _json(cli("ask", "thanks!", "--json", "--session", "cli-1"))
    assert again["session_id"] == "cli-1"
    from advisor.application.facade import Advisor

    assert len(Advisor.from_settings().history("cli-1")) == 4


def test_ask_with_a_forced_agent(cli):
    doc = _json(cli("ask", "what can you do", "--agent", "general", "--json"))
    assert doc["agent"] == "general" and doc["data"]["intent"] == "capabilities"


@pytest.mark.parametrize("args", [("ask", "", "--json"), ("ask", "   ", "--json"), ("route", "", "--json"),
                                  ("ask", "--json")])
def test_empty_message_is_a_clear_error(cli, args):
    result = cli(*args)
    assert result.exit_code == 2
    assert "empty" in _json(result)["error"]
    assert "Traceback" not in result.output


def test_unknown_agent_lists_the_installed_ones(cli):
    result = cli("ask", "hello", "--agent", "nope", "--json")
    assert result.exit_code == 2
    assert "installed" in _json(result)["error"] and "general" in _json(result)["error"]


def test_missing_image_is_a_clear_error(cli, tmp_path):
    result = cli("ask", "like this", "--image", str(tmp_path / "nope.png"), "--json")
    assert result.exit_code == 2 and "not found" in _json(result)["error"]


def test_agents_list(cli):
    result = cli("agents", "list", "--json")
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in _json(result)}
    assert rows["general"]["source"] == "builtin" and rows["general"]["examples"] > 0
    assert {"name", "description", "examples", "source"} <= set(rows["general"])
    human = cli("agents", "list")
    assert "general" in human.stdout


def test_agents_list_marks_plugins(cli, tmp_path, monkeypatch):
    from agents import registry

    site = tmp_path / "site"
    (site / "hello_plugin").mkdir(parents=True)
    (site / "hello_plugin" / "__init__.py").write_text(
        "from agents import Agent, Reply\n\nclass Hi(Agent):\n    name = 'hi_agent'\n    description = 'says hi'\n"
        "    examples = ['hi']\n\n    def invoke(self, request, config=None, **kwargs):\n"
        "        return Reply(agent=self.name, text='hi')\n")
    dist = site / "hello_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: hello-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[advisor.agents]\nhi_agent = hello_plugin:Hi\n")
    monkeypatch.syspath_prepend(str(site))
    registry.load_all()
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    monkeypatch.setattr(registry, "_loaded", False)
    rows = {row["name"]: row for row in _json(cli("agents", "list", "--json"))}
    sys.modules.pop("hello_plugin", None)
    assert rows["hi_agent"]["source"] == "plugin" and rows["hi_agent"]["examples"] == 1


def test_real_entry_point_never_shows_a_traceback(tmp_path):
    advisor = Path(sys.executable).parent / "advisor"
    if not advisor.exists():
        pytest.skip("the advisor console script is not installed in this environment")
    env = {**os.environ, "ADVISOR_HOME": str(tmp_path / "home")}
    done = subprocess.run([str(advisor), "ask", "", "--json"], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    assert "empty" in json.loads(done.stdout)["error"]
