"""Rules files: parsing, readable errors with key paths, zones and schedules."""
from __future__ import annotations

from datetime import datetime

import pytest

from agents.surveillance.rules import RulesError, Schedule, Zone, load_rules, parse_rules

GOOD = """
cameras:
  - name: gate
    source: /tmp/gate
    fps: 2
    zones:
      - name: driveway
        points: [[0, 0.5], [1, 0.5], [1, 1], [0, 1]]
rules:
  - name: fire
    prompts: ["fire", "flames"]
    severity: critical
  - name: car in driveway
    prompts: ["a car"]
    negative_prompts: ["a toy car"]
    severity: warning
    cameras: [gate]
    zones: [driveway, {points: [[0, 0], [10, 0], [10, 10]]}]
    schedule: {days: [mon, tue], hours: ["22:00-06:00"]}
    cooldown_s: 5
    min_frames: 3
    threshold: 0.3
"""


def write(tmp_path, text):
    path = tmp_path / "rules.yaml"
    path.write_text(text)
    return path


def test_good_file_parses_with_defaults(tmp_path):
    spec = load_rules(write(tmp_path, GOOD))
    fire, car = spec.rules
    assert fire.severity.value == "critical" and fire.cooldown_s == 60 and fire.min_frames == 1 and fire.threshold is None
    assert fire.applies_to("anything") and not car.applies_to("lobby")
    assert car.min_frames == 3 and car.threshold == 0.3 and car.negative_prompts == ["a toy car"]
    zones = car.zones_for(spec.camera("gate"))
    assert [z.name for z in zones] == ["driveway", ""]


@pytest.mark.parametrize("data, message", [
    ({"rules": [{"name": "a", "prompts": ["x"]}, {"name": "b", "prompts": ["y"]},
                {"name": "c", "prompts": ["z"], "severity": "loud"}]},
     "rules[2].severity: must be one of info, warning, critical"),
    ({"rules": [{"name": "a", "prompts": []}]}, "rules[0].prompts: must not be empty"),
    ({"rules": [{"name": "a", "prompts": ["x"], "colour": "red"}]}, "rules[0].colour: unknown key"),
    ({"rules": [{"prompts": ["x"]}]}, "rules[0].name: required"),
    ({"rules": [{"name": "a", "prompts": ["x"], "cooldown_s": -1}]}, "rules[0].cooldown_s:"),
    ({"rules": [{"name": "a", "prompts": ["x"], "min_frames": 0}]}, "rules[0].min_frames:"),
    ({"rules": [{"name": "a", "prompts": ["x"], "zones": [{"points": [[0, 0], [1, 1]]}]}]},
     "rules[0].zones[0].points: a zone needs at least 3 points"),
    ({"rules": [{"name": "a", "prompts": ["x"], "zones": ["roof"]}]}, "rules[0].zones: unknown zone 'roof'"),
    ({"cameras": [{"name": "gate"}], "rules": [{"name": "a", "prompts": ["x"], "cameras": ["garage"]}]},
     "rules[0].cameras: unknown camera 'garage'"),
    ({"rules": [{"name": "a", "prompts": ["x"], "schedule": {"days": ["funday"]}}]}, "rules[0].schedule.days: unknown day"),
    ({"rules": [{"name": "a", "prompts": ["x"], "schedule": {"hours": ["8-9"]}}]}, "rules[0].schedule.hours: hours must look like"),
    ({"rules": [{"name": "a", "prompts": ["x"]}, {"name": "a", "prompts": ["y"]}]}, "rules[1].name: duplicate name 'a'"),
    ({"cameras": [{"name": "gate", "fps": 0}], "rules": [{"name": "a", "prompts": ["x"]}]}, "cameras[0].fps:"),
    ({"rules": []}, "rules: must not be empty"),
    ({"camera": []}, "camera: unknown key"),
])
def test_errors_name_the_key_path_and_reason(data, message):
    with pytest.raises(RulesError) as caught:
        parse_rules(data, "r.yaml")
    assert f"r.yaml: {message}" in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_file_level_errors(tmp_path):
    with pytest.raises(RulesError, match="rules file not found"):
        load_rules(tmp_path / "missing.yaml")
    with pytest.raises(RulesError, match=r"line \d+, column \d+: not valid YAML"):
        load_rules(write(tmp_path, "rules:\n  - name: [a\n"))
    with pytest.raises(RulesError, match="top level must be a mapping"):
        load_rules(write(tmp_path, "- just a list\n"))


def test_zone_normalised_and_pixel_polygons():
    triangle = Zone(points=[(0, 0), (1, 0), (0, 1)])
    assert triangle.normalised
    assert triangle.contains(100, 100, 640, 480) and not triangle.contains(600, 400, 640, 480)
    pixels = Zone(points=[(100, 100), (200, 100), (200, 200), (100, 200)])
    assert not pixels.normalised
    assert pixels.contains(150, 150, 640, 480) and not pixels.contains(50, 150, 640, 480)


def test_schedule_days_hours_and_overnight_ranges():
    office = Schedule(days=["mon", "tue", "wed", "thu", "fri"], hours=["08:00-18:00"])
    monday_noon = datetime(2026, 11, 23, 12, 0)  # a Monday
    assert office.active(monday_noon)
    assert not office.active(monday_noon.replace(hour=19))
    assert not office.active(datetime(2026, 11, 29, 12, 0))  # Sunday
    night = Schedule(days=["fri"], hours=["22:00-06:00"])
    assert night.active(datetime(2026, 11, 27, 23, 30))  # Friday night
    assert night.active(datetime(2026, 11, 28, 5, 59))  # early Saturday belongs to Friday's range
    assert not night.active(datetime(2026, 11, 28, 23, 0))  # Saturday night
    assert Schedule().active(monday_noon)
