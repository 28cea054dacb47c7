"""Cameras and alert rules: a YAML file parsed into closed pydantic models, with readable errors.

A rules file::

    cameras:
      - name: gate
        source: /data/gate            # a folder of frames, a video file or a stream URL
        fps: 1                        # frames sampled per second (default: every frame of a folder, 1/s of video)
        zones:
          - name: driveway
            points: [[0, 0.5], [1, 0.5], [1, 1], [0, 1]]   # normalised 0-1 (or pixels when any value > 1)
    rules:
      - name: fire
        prompts: ["fire", "flames", "smoke"]
        negative_prompts: ["a red car"]
        severity: critical            # info | warning | critical
        cameras: [gate]               # default: every camera
        zones: [driveway]             # a camera zone name, or an inline polygon {points: [...]}
        schedule: {days: [mon, tue, wed, thu, fri], hours: ["18:00-06:00"]}
        cooldown_s: 60                # quiet time per (rule, camera) after an alert
        min_frames: 1                 # matching frames of one tracked object before firing
        mode: presence                # presence (default) | novelty
        examples: [ref/fire.jpg]      # optional reference images
        loiter_s: 0                   # dwell time a tracked object needs before firing
        threshold: null               # none: calibrated (see docs/SURVEILLANCE.md)

Example::

    >>> from agents.surveillance.rules import load_rules
    >>> spec = load_rules("rules.yaml")                 # doctest: +SKIP
    >>> [r.name for r in spec.rules]                    # doctest: +SKIP
    ['fire']

A malformed file raises :class:`RulesError` whose message names the key path and the reason, e.g.
``rules.yaml: rules[2].severity: must be one of info, warning, critical``.
"""
from __future__ import annotations

import enum
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Optional, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HOURS_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class RulesError(ValueError):
    """A rules file that cannot be used; the message gives the file, the key path and the reason."""


class Severity(str, enum.Enum):
    info = "info"
    warning = "warning"
    critical = "critical"


class Mode(str, enum.Enum):
    """What a rule means: ``presence`` (alert whenever the target is in view) or ``novelty`` (when it is unusual here)."""

    presence = "presence"
    novelty = "novelty"


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Zone(_Closed):
    """A polygon in frame coordinates: normalised 0-1 when every value is <= 1, else pixels."""

    name: str = Field(default="", description="Name other rules can refer to.")
    points: list[tuple[float, float]] = Field(description="Polygon vertices [x, y], at least three.")

    @field_validator("points")
    @classmethod
    def _at_least_three(cls, points: list[tuple[float, float]]) -> list[tuple[float, float]]:
        if len(points) < 3:
            raise ValueError(f"a zone needs at least 3 points, got {len(points)}")
        if any(x < 0 or y < 0 for x, y in points):
            raise ValueError("zone coordinates cannot be negative")
        return points

    @property
    def normalised(self) -> bool:
        return all(x <= 1.0 and y <= 1.0 for x, y in self.points)

    def polygon(self, width: int, height: int) -> list[tuple[float, float]]:
        """The vertices in pixels of a ``width`` x ``height`` frame."""
        if self.normalised:
            return [(x * width, y * height) for x, y in self.points]
        return [(float(x), float(y)) for x, y in self.points]

    def contains(self, x: float, y: float, width: int, height: int) -> bool:
        """Whether pixel (x, y) lies inside the polygon (ray casting)."""
        inside = False
        poly = self.polygon(width, height)
        for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
        return inside


class Schedule(_Closed):
    """When a rule is active: weekdays and hour ranges (``"22:00-06:00"`` wraps past midnight)."""

    days: list[str] = Field(default_factory=lambda: list(WEEKDAYS), description="Weekdays: mon..sun.")
    hours: list[str] = Field(default_factory=lambda: ["00:00-24:00"], description="Ranges 'HH:MM-HH:MM', local time.")

    @field_validator("days")
    @classmethod
    def _known_days(cls, days: list[str]) -> list[str]:
        days = [str(d).strip().lower()[:3] for d in days]
        bad = [d for d in days if d not in WEEKDAYS]
        if bad:
            raise ValueError(f"unknown day {bad[0]!r}; use {', '.join(WEEKDAYS)}")
        return days

    @field_validator("hours")
    @classmethod
    def _ranges(cls, hours: list[str]) -> list[str]:
        for text in hours:
            match = HOURS_RANGE.match(str(text))
            if not match or int(match[1]) > 24 or int(match[3]) > 24 or int(match[2]) > 59 or int(match[4]) > 59:
                raise ValueError(f"hours must look like '08:00-18:00', got {text!r}")
        return hours

    def active(self, when: datetime) -> bool:
        """Whether the rule is active at ``when`` (a range past midnight belongs to the day it starts)."""
        minute = when.hour * 60 + when.minute
        today, yesterday = WEEKDAYS[when.weekday()], WEEKDAYS[(when.weekday() - 1) % 7]
        for text in self.hours:
            h1, m1, h2, m2 = (int(v) for v in HOURS_RANGE.match(text).groups())
            start, end = h1 * 60 + m1, h2 * 60 + m2
            if start <= end:
                if today in self.days and start <= minute < end:
                    return True
            elif (today in self.days and minute >= start) or (yesterday in self.days and minute < end):
                return True
        return False


class CameraConfig(_Closed):
    """A camera: a name, where its frames come from, how often to sample them, and named zones."""

    name: str = Field(min_length=1, description="Unique camera name.")
    source: Optional[str] = Field(default=None, description="Folder of frames, video file, or stream URL.")
    fps: Optional[float] = Field(default=None, gt=0, description="Frames sampled per second.")
    zones: list[Zone] = Field(default_factory=list, description="Named polygons rules can refer to.")


class Rule(_Closed):
    """What to alert on, described in words, with where, when and how often."""

    name: str = Field(min_length=1, description="Unique rule name.")
    prompts: list[str] = Field(min_length=1, description="What to look for, in words (e.g. 'fire', 'a person').")
    negative_prompts: list[str] = Field(default_factory=list, description="Look-alikes that must not fire.")
    severity: Severity = Field(default=Severity.warning, description="info, warning or critical.")
    cameras: Optional[list[str]] = Field(default=None, description="Camera names; default every camera.")
    zones: list[Union[str, Zone]] = Field(default_factory=list, description="Camera zone names or inline polygons.")
    schedule: Optional[Schedule] = Field(default=None, description="When the rule is active; default always.")
    cooldown_s: float = Field(default=60.0, ge=0, description="Seconds of quiet per tracked object (per camera for "
                              "whole-view matches) after an alert.")
    min_frames: int = Field(default=1, ge=1, description="Matching frames (of one tracked object) before firing.")
    threshold: Optional[float] = Field(default=None, description="Raw similarity threshold; none means calibrated.")
    mode: Mode = Field(default=Mode.presence, description="presence: alert whenever the target is in view; novelty: "
                       "when the rule's share is well above this camera's usual level.")
    presence_threshold: Optional[float] = Field(default=None, gt=0, lt=1, description="Share of the open-vocabulary "
                                                "softmax a presence rule needs; none: the default (or fitted) level.")
    examples: list[str] = Field(default_factory=list, description="Reference image files that also trigger the rule.")
    loiter_s: float = Field(default=0.0, ge=0, description="Seconds a tracked object must stay before the rule fires.")

    @field_validator("examples")
    @classmethod
    def _readable_examples(cls, examples: list[str]) -> list[str]:
        for example in examples:
            if not Path(example).is_file():
                raise ValueError(f"example image {example!r} not found")
        return examples

    @field_validator("prompts", "negative_prompts")
    @classmethod
    def _non_blank(cls, prompts: list[str]) -> list[str]:
        cleaned = [p.strip() for p in prompts]
        if any(not p for p in cleaned):
            raise ValueError("prompts cannot be blank")
        return cleaned

    def applies_to(self, camera: str) -> bool:
        return self.cameras is None or camera in self.cameras

    def active(self, when: datetime) -> bool:
        return self.schedule is None or self.schedule.active(when)

    def zones_for(self, camera: CameraConfig | None) -> list[Zone]:
        """The polygons of this rule on ``camera`` (named zones resolved); empty means the whole frame."""
        named = {z.name: z for z in (camera.zones if camera else [])}
        return [named[z] if isinstance(z, str) else z for z in self.zones if not isinstance(z, str) or z in named]


class RulesFile(_Closed):
    """The whole file: cameras (optional) and rules (at least one)."""

    cameras: list[CameraConfig] = Field(default_factory=list, description="Cameras and their sources.")
    rules: list[Rule] = Field(min_length=1, description="Alert rules.")

    @model_validator(mode="after")
    def _cross_checks(self) -> RulesFile:
        _unique([c.name for c in self.cameras], "cameras")
        _unique([r.name for r in self.rules], "rules")
        _known_cameras(self)
        _known_zones(self)
        return self

    def camera(self, name: str) -> CameraConfig | None:
        return next((c for c in self.cameras if c.name == name), None)


def _unique(names: list[str], where: str) -> None:
    seen: set[str] = set()
    for index, name in enumerate(names):
        if name in seen:
            raise ValueError(f"{where}[{index}].name: duplicate name {name!r}")
        seen.add(name)


def _known_cameras(spec: RulesFile) -> None:
    if not spec.cameras:
        return
    names = {c.name for c in spec.cameras}
    for index, rule in enumerate(spec.rules):
        for cam in rule.cameras or []:
            if cam not in names:
                raise ValueError(f"rules[{index}].cameras: unknown camera {cam!r}; known: {', '.join(sorted(names))}")


def _known_zones(spec: RulesFile) -> None:
    zone_names = {z.name for c in spec.cameras for z in c.zones}
    for index, rule in enumerate(spec.rules):
        for zone in rule.zones:
            if isinstance(zone, str) and zone not in zone_names:
                raise ValueError(f"rules[{index}].zones: unknown zone {zone!r}; define it under a camera's zones")


# -- loading and readable errors --------------------------------------------------------------------------------
def _key_path(loc: tuple) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part in UNION_TAGS or "[" in str(part):
            continue  # union branch names pydantic puts in the location
        else:
            path += f".{part}" if path else str(part)
    return path


UNION_TAGS = ("str", "Zone")


def _reason(error: dict) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "enum" and "expected" in ctx:
        options = [o.strip(" '") for o in re.split(r",| or ", ctx["expected"]) if o.strip(" '")]
        return "must be one of " + ", ".join(options)
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required"
    if kind == "too_short" and ctx.get("actual_length") == 0:
        return "must not be empty"
    return str(error.get("msg", "invalid")).removeprefix("Value error, ")


def explain(exc: ValidationError, source: str = "rules") -> str:
    """One line per problem: ``source: key.path: reason``."""
    lines, seen = [], set()
    errors = exc.errors()
    # for "a zone name or a polygon", report the polygon's problem rather than "not a string"
    polygon_errors = {tuple(e["loc"][:e["loc"].index("Zone")]) for e in errors if "Zone" in e.get("loc", ())}
    for error in errors:
        loc = tuple(error.get("loc", ()))
        if "str" in loc and tuple(loc[:loc.index("str")]) in polygon_errors:
            continue
        reason = _reason(error)
        path = _key_path(tuple(error.get("loc", ())))
        if reason.startswith(("rules[", "cameras[")) and ": " in reason:  # cross checks carry their own path
            path, reason = reason.split(": ", 1)
        line = f"{source}: {path}: {reason}" if path else f"{source}: {reason}"
        if line not in seen:
            seen.add(line)
            lines.append(line)
    return "\n".join(lines)


def parse_rules(data: Any, source: str = "rules") -> RulesFile:
    """Validate already-parsed YAML/JSON data; raise :class:`RulesError` with key paths."""
    if not isinstance(data, dict):
        raise RulesError(f"{source}: the top level must be a mapping with 'rules' (and optional 'cameras')")
    try:
        return RulesFile.model_validate(data)
    except ValidationError as exc:
        raise RulesError(explain(exc, source)) from None


def load_rules(path: str | Path) -> RulesFile:
    """Read and validate a YAML rules file."""
    path = Path(path)
    if not path.is_file():
        raise RulesError(f"{path}: rules file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise RulesError(f"{path}: {where}not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    except UnicodeDecodeError:
        raise RulesError(f"{path}: not a UTF-8 text file") from None
    return parse_rules(data, str(path))


# Rules used by a chat about camera images before any rules file was loaded (``advisor watch --rules``).
STARTER_RULES = [
    {"name": "fire", "prompts": ["fire", "flames", "smoke"], "severity": "critical"},
    {"name": "weapon", "prompts": ["a gun", "a rifle", "a pistol", "a knife"], "severity": "critical"},
    {"name": "person", "prompts": ["a person", "a man", "a woman"], "severity": "info"},
    {"name": "vehicle", "prompts": ["a car", "a truck", "a van", "a bus"], "severity": "warning"},
]
