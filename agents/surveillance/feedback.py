"""Operator feedback: dismissing an alert as false makes its rule less sensitive on that camera; undoing restores it.

Each dismissal stores the level the alert fired at (its share ``p`` for a presence rule, its novelty score for a
novelty rule) for that (rule, camera). From then on the rule needs more than the highest dismissed level, plus
``MARGIN``, on that camera. Dismissals are kept in the store (key ``surveillance.sensitivity``) and audited
(``alert.dismiss`` / ``alert.undismiss``, with the threshold before and after); undoing a dismissal removes its
level and reopens the alert.

Example::

    >>> feedback = Feedback(store, AlertBook(store))           # doctest: +SKIP
    >>> feedback.dismiss(42, by="maria")                        # doctest: +SKIP
    >>> feedback.raised_level("person", "gate")                 # doctest: +SKIP
    0.83
"""
from __future__ import annotations

import json
from typing import Any

from agents.surveillance.alerts import AlertBook, AlertError, AlertView
from agents.surveillance.models import AlertState

SENSITIVITY_KEY = "surveillance.sensitivity"
MARGIN = 0.02


class Feedback:
    """Dismissals per (rule, camera), stored as ``{rule: {camera: {alert_id: level}}}``."""

    def __init__(self, store: Any, book: AlertBook):
        self.store = store
        self.book = book

    def _levels(self) -> dict[str, dict[str, dict[str, float]]]:
        return json.loads(self.store.get_value(SENSITIVITY_KEY) or "{}")

    def raised_level(self, rule: str, camera: str) -> float | None:
        """The level a decision must exceed on this camera because of dismissals; None when nothing was dismissed."""
        levels = self._levels().get(rule, {}).get(camera, {})
        return min(0.99, max(levels.values()) + MARGIN) if levels else None

    def threshold(self, rule: str, camera: str, base: float) -> float:
        raised = self.raised_level(rule, camera)
        return base if raised is None else max(base, raised)

    def dismiss(self, alert_id: int, by: str = "operator") -> AlertView:
        """Mark an alert as a false alarm and lower its rule's sensitivity on its camera."""
        alert = self.book.get(alert_id)
        if alert.state == AlertState.dismissed.value:
            return alert
        level = float(alert.scores.get("probability" if alert.scores.get("mode", "presence") == "presence" else "score",
                                       alert.score))
        levels = self._levels()
        before = self.raised_level(alert.rule, alert.camera)
        levels.setdefault(alert.rule, {}).setdefault(alert.camera, {})[str(alert.id)] = round(level, 4)
        self.store.set_value(SENSITIVITY_KEY, json.dumps(levels))
        after = self.raised_level(alert.rule, alert.camera)
        return self.book.set_state(alert.id, AlertState.dismissed.value, by, "alert.dismiss",
                                   {"rule": alert.rule, "camera": alert.camera, "level_before": before, "level_after": after})

    def undismiss(self, alert_id: int, by: str = "operator") -> AlertView:
        """Undo a dismissal: forget its level and reopen the alert."""
        alert = self.book.get(alert_id)
        if alert.state != AlertState.dismissed.value:
            raise AlertError(f"alert {alert_id} is not dismissed")
        levels = self._levels()
        before = self.raised_level(alert.rule, alert.camera)
        levels.get(alert.rule, {}).get(alert.camera, {}).pop(str(alert.id), None)
        self.store.set_value(SENSITIVITY_KEY, json.dumps(levels))
        after = self.raised_level(alert.rule, alert.camera)
        return self.book.set_state(alert.id, AlertState.open.value, by, "alert.undismiss",
                                   {"rule": alert.rule, "camera": alert.camera, "level_before": before, "level_after": after})
