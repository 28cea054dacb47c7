"""Surveillance: text-prompt alert rules over camera frames, calibrated per camera, and a chat agent about them.

Public API::

    from agents.surveillance import SurveillanceAgent, Watcher, WatchEvent, load_rules

See docs/SURVEILLANCE.md for the scoring and calibration method and its measured numbers.
"""
from agents.surveillance.agent import AlertList, FrameList, RuleCheck, SurveillanceAgent
from agents.surveillance.alerts import AlertBook, AlertError, AlertView, FrameView
from agents.surveillance.events import EventType, WatchEvent
from agents.surveillance.rules import Rule, RulesError, RulesFile, Severity, load_rules, parse_rules
from agents.surveillance.sources import SourceError
from agents.surveillance.watch import Watcher, WatchOptions

__all__ = ["AlertBook", "AlertError", "AlertList", "AlertView", "EventType", "FrameList", "FrameView", "Rule", "RuleCheck",
           "RulesError", "RulesFile", "Severity", "SourceError", "SurveillanceAgent", "WatchEvent", "Watcher", "WatchOptions",
           "load_rules", "parse_rules"]
