"""API keys: `advisor keys create|list|revoke`, scope parsing, the ADVISOR_API_KEYS format."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from advisor.frontdoors.cli.main import app
from advisor.frontdoors.service.keys import ApiKeyError, KeyRing, parse_env_keys, parse_scopes


def test_keys_cli_create_list_revoke():
    runner = CliRunner()
    made = runner.invoke(app, ["keys", "create", "--scope", "ask,search", "--name", "shop", "--json"])
    assert made.exit_code == 0, made.output
    created = json.loads(made.stdout)
    assert created["key"].startswith("adv_") and created["scopes"] == ["ask", "search"]
    listed = json.loads(runner.invoke(app, ["keys", "list", "--json"]).stdout)["keys"]
    assert [k["name"] for k in listed] == ["shop"] and created["key"] not in json.dumps(listed)
    from advisor.application.facade import Advisor

    store = Advisor.from_settings().store
    assert KeyRing(store).verify(created["key"]).allows("search")
    assert runner.invoke(app, ["keys", "revoke", str(created["id"])]).exit_code == 0
    assert KeyRing(store).verify(created["key"]) is None
    bad = runner.invoke(app, ["keys", "create", "--scope", "ask,root"])
    assert bad.exit_code != 0 and "root" in bad.output


def test_scopes_and_env_format():
    assert parse_scopes(" search, ask ,ask") == ["ask", "search"]
    with pytest.raises(ApiKeyError):
        parse_scopes("")
    keys = parse_env_keys("a-long-enough-key-1=ask,search; another-long-key-2=*")
    assert keys["a-long-enough-key-1"] == frozenset({"ask", "search"}) and keys["another-long-key-2"] == {"*"}
    for bad in ("short=ask", "no-equals-sign-here-at-all", "a-long-enough-key-1=launch"):
        with pytest.raises(ApiKeyError):
            parse_env_keys(bad)


def test_alerts_write_implies_alerts_read():
    from advisor.frontdoors.service.keys import Principal

    principal = Principal(name="ops", scopes=frozenset({"alerts:write"}))
    assert principal.allows("alerts:read") and not principal.allows("triage:read")
