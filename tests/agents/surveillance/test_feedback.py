"""Feedback: dismissing a false alarm lowers the rule's sensitivity on that camera only; it is audited and undoable."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from advisor.core import audit
from advisor.core.store import Store
from agents.surveillance.alerts import AlertBook, AlertError
from agents.surveillance.feedback import MARGIN, Feedback


@pytest.fixture
def feedback(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    yield Feedback(store, AlertBook(store, tmp_path / "index", space="test-space"))
    store.dispose()


def alert(feedback, probability: float, camera: str = "gate", mode: str = "presence"):
    return feedback.book.add_alert(rule="person", camera=camera, frame_ref="f.png", time=datetime.now(timezone.utc),
                                   score=probability, severity="info", thumbnail=None,
                                   scores={"probability": probability, "score": 0.7, "mode": mode})


def test_dismissing_raises_the_level_on_that_camera_only(feedback):
    assert feedback.raised_level("person", "gate") is None
    false_alarm = alert(feedback, 0.62)
    dismissed = feedback.dismiss(false_alarm.id, by="maria")
    assert dismissed.state == "dismissed"
    assert feedback.raised_level("person", "gate") == pytest.approx(0.62 + MARGIN)
    assert feedback.threshold("person", "gate", base=0.5) == pytest.approx(0.62 + MARGIN)
    assert feedback.threshold("person", "gate", base=0.9) == 0.9  # never lowers a stricter base
    assert feedback.raised_level("person", "lobby") is None and feedback.raised_level("fire", "gate") is None
    feedback.dismiss(alert(feedback, 0.55).id)  # a lower false alarm does not lower the level
    assert feedback.raised_level("person", "gate") == pytest.approx(0.62 + MARGIN)


def test_a_novelty_alert_raises_its_score_level(feedback):
    feedback.dismiss(alert(feedback, 0.3, mode="novelty").id)
    assert feedback.raised_level("person", "gate") == pytest.approx(0.7 + MARGIN)


def test_dismissals_are_audited_and_reversible(feedback):
    false_alarm = alert(feedback, 0.62)
    feedback.dismiss(false_alarm.id, by="maria")
    (event,) = audit.events(feedback.store, action="alert.dismiss")
    assert event["actor"] == "maria" and event["subject"] == f"alert:{false_alarm.id}"
    assert event["detail"]["level_before"] is None and event["detail"]["level_after"] == pytest.approx(0.62 + MARGIN)
    reopened = feedback.undismiss(false_alarm.id, by="maria")
    assert reopened.state == "open" and feedback.raised_level("person", "gate") is None
    assert audit.events(feedback.store, action="alert.undismiss")[0]["detail"]["level_before"] == pytest.approx(0.64)
    with pytest.raises(AlertError):
        feedback.undismiss(false_alarm.id)  # not dismissed any more
    with pytest.raises(AlertError):
        feedback.dismiss(999)  # unknown alert: a clear error, nothing stored
    assert feedback.raised_level("person", "gate") is None
