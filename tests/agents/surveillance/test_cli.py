"""`advisor watch --rules FILE --json` end to end on a small synthetic camera (real encoder), and `advisor alerts`."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agents.surveillance.synth import compose_frame, draw_flames

RULES = """cameras:
  - name: yard
    source: {folder}
rules:
  - name: fire
    prompts: ["fire", "flames"]
    severity: critical
  - name: vehicle
    prompts: ["a car", "a truck"]
    severity: warning
"""


@pytest.fixture
def cli(advisor_home, monkeypatch):
    import advisor.frontdoors.cli.watch_cmds as watch_cmds
    from advisor.frontdoors.cli.main import app

    monkeypatch.setattr(watch_cmds, "get_advisor", lambda: advisor_home)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


@pytest.fixture
def yard(tmp_path):
    folder = tmp_path / "yard"
    folder.mkdir()
    rng = random.Random(5)
    for index in range(6):
        image, _ = compose_frame("parking", [], rng, n_distractors=index % 2)
        if index >= 4:
            flames = draw_flames(rng, 200)
            image.paste(flames, (120 + 200 * (index - 4), 180), flames)
        image.save(folder / f"frame_{index}.jpg")
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES.format(folder=folder))
    return folder, rules


def test_watch_prints_one_json_alert_per_line(cli, yard):
    folder, rules = yard
    result = cli("watch", "--rules", str(rules), "--json")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    alerts = [json.loads(line) for line in lines]  # every stdout line is JSON
    for alert in alerts:
        assert {"rule", "camera", "frame", "score", "severity", "time", "id"} <= alert.keys()
    fire = {alert["frame"] for alert in alerts if alert["rule"] == "fire"}
    assert fire and fire <= {str(folder / "frame_4.jpg"), str(folder / "frame_5.jpg")}
    assert all(a["severity"] == "critical" and a["camera"] == "yard" for a in alerts if a["rule"] == "fire")

    listed = json.loads(cli("alerts", "list", "--json").stdout)["alerts"]
    assert {a["id"] for a in listed} == {a["id"] for a in alerts}
    first = alerts[0]["id"]
    acked = json.loads(cli("alerts", "ack", str(first), "--by", "sam", "--json").stdout)
    assert acked["state"] == "acknowledged" and acked["acknowledged_by"] == "sam"
    assert json.loads(cli("alerts", "resolve", str(first), "--json").stdout)["state"] == "resolved"
    missing = cli("alerts", "ack", "999999")
    assert missing.exit_code == 2 and "no alert with id 999999" in missing.output


def test_malformed_rules_fail_at_start_with_the_key_path(cli, tmp_path):
    rules = tmp_path / "bad.yaml"
    rules.write_text("rules:\n  - name: fire\n    prompts: [fire]\n    severity: loud\n")
    result = cli("watch", str(tmp_path), "--rules", str(rules), "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout.splitlines()[0])["error"].endswith("rules[0].severity: must be one of info, warning, critical")
    assert "Traceback" not in result.output


def test_watch_needs_a_source(cli, tmp_path):
    rules = tmp_path / "r.yaml"
    rules.write_text("rules:\n  - name: fire\n    prompts: [fire]\n")
    result = cli("watch", "--rules", str(rules))
    assert result.exit_code == 2 and "give a SOURCE" in result.output
    missing = cli("watch", str(tmp_path / "nowhere"), "--rules", str(rules))
    assert missing.exit_code == 2 and "not found" in missing.output


def test_watch_json_streams_new_update_and_end_lines_per_event(cli, tmp_path, monkeypatch):
    from agents.surveillance.watch import Watcher
    from tests.agents.surveillance.test_watch import evidence_on_first_proposal, moving_object_folder

    # scripted rule evidence on the real proposals and tracks: 'fire' is whatever moves through the view
    monkeypatch.setattr(Watcher, "_evidence", lambda self, state, frame, crops: evidence_on_first_proposal(state, frame, crops))
    folder = moving_object_folder(tmp_path, 30, range(18, 26))
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"cameras:\n  - name: walk\n    source: {folder}\nrules:\n  - name: fire\n    prompts: [fire]\n")
    result = cli("watch", "--rules", str(rules), "--json")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]  # every stdout line is one JSON object
    assert [(line["type"], Path(line["frame"]).name) for line in lines] == (
        [("new", "f18.png")] + [("update", f"f{index}.png") for index in range(19, 26)] + [("end", "f25.png")])
    for line in lines:  # today's keys on every line, one event identity: the stored alert's id
        assert {"id", "rule", "camera", "frame", "score", "severity", "time", "state", "scores"} <= line.keys()
        assert line["id"] == lines[0]["id"] and line["rule"] == "fire" and line["camera"] == "walk"
    assert len({line["time"] for line in lines[:-1]}) == 8 and lines[-1]["scores"]["frames"] == 8
    assert [a["id"] for a in json.loads(cli("alerts", "list", "--json").stdout)["alerts"]] == [lines[0]["id"]]

    once = cli("watch", "--rules", str(rules), "--json", "--events-only")
    assert once.exit_code == 0, once.output
    (line,) = [json.loads(text) for text in once.stdout.splitlines()]
    assert line["type"] == "new" and Path(line["frame"]).name == "f18.png" and line["id"] != lines[0]["id"]
