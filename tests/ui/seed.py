"""Alerts and camera frames for the UI tests, stored through the surveillance package's public ``AlertBook``."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from tests.conftest import draw_shape

# (camera, rule, severity, what the frame shows, minutes ago)
ALERTS = (("gate", "person_at_gate", "warning", ("red", "triangle"), 5),
          ("parking", "car_in_fire_lane", "critical", ("blue", "square"), 30),
          ("lobby", "fire", "critical", ("yellow", "circle"), 240))


def seed_alerts(advisor: Any, folder: Path) -> list[Any]:
    """Three open alerts on three stored frames (with embeddings, so frame search finds them)."""
    from agents.surveillance.alerts import AlertBook

    folder.mkdir(parents=True, exist_ok=True)
    book = AlertBook.of(advisor.context)
    now = datetime.now(timezone.utc)
    alerts = []
    for index, (camera, rule, severity, (colour, shape), minutes) in enumerate(ALERTS):
        frame = folder / f"{camera}-{index:03d}.png"
        draw_shape(colour, shape, size=160).save(frame)
        when = now - timedelta(minutes=minutes)
        vector = advisor.encoder.encode_images([str(frame)])[0]
        frame_id = book.add_frame(camera, when, str(frame), str(frame), vector)
        alerts.append(book.add_alert(rule=rule, camera=camera, frame_id=frame_id, frame_ref=str(frame), time=when,
                                     score=0.31 + index / 100, severity=severity, thumbnail=str(frame),
                                     scores={rule: 0.31 + index / 100}))
    book.save_index()
    return alerts
