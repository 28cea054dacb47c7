"""The watcher's event stream: new, then an update per frame the tracked object still matches, then end."""
from __future__ import annotations

from pathlib import Path

from agents.surveillance.alerts import AlertBook
from agents.surveillance.notify import Notifier
from tests.agents.surveillance.test_watch import moving_object_folder, tracked_watcher


class Collect:
    """A notification sink that keeps what it is sent."""

    def __init__(self):
        self.payloads = []

    def send(self, payload):
        self.payloads.append(payload)


def frame_of(event) -> int:
    return int(Path(event.alert.frame).stem[1:])


def test_an_object_in_view_for_n_frames_is_one_alert_and_n_lines(advisor_home, tmp_path):
    folder = moving_object_folder(tmp_path, 20, range(8, 16))
    sink = Collect()
    events = list(tracked_watcher(advisor_home, folder, {}, Notifier([sink])).run_events())
    stored = AlertBook.of(advisor_home.context).list_alerts()
    assert len(stored) == 1 and [p["id"] for p in sink.payloads] == [stored[0].id]  # one alert, notified once
    assert [e.type.value for e in events] == ["new"] + ["update"] * 7 + ["end"]
    assert {e.alert.id for e in events} == {stored[0].id}
    assert [frame_of(e) for e in events[:-1]] == list(range(8, 16))  # each line is its own frame
    assert len({e.alert.time for e in events[:-1]}) == 8 and all(e.alert.rule == "fire" for e in events)
    end = events[-1]
    assert frame_of(end) == 15 and end.alert.scores["frames"] == 8 and end.alert.scores["dwell_s"] == 7.0
    assert stored[0].frame.endswith("f08.png") and stored[0].scores["end"] == end.alert.scores["end"]


def test_with_updates_off_each_event_is_one_message(advisor_home, tmp_path):
    folder = moving_object_folder(tmp_path, 20, range(8, 16))
    events = list(tracked_watcher(advisor_home, folder, {}, updates=False).run_events())
    assert [(e.type.value, frame_of(e)) for e in events] == [("new", 8)]
    assert AlertBook.of(advisor_home.context).get(events[0].alert.id).scores["dwell_s"] == 7.0  # the end is still stored


def test_cooldown_still_governs_stored_alerts_and_notifications(advisor_home, tmp_path):
    folder = moving_object_folder(tmp_path, 18, range(8, 16))
    sink = Collect()
    events = list(tracked_watcher(advisor_home, folder, {"cooldown_s": 3}, Notifier([sink])).run_events())
    new = [e for e in events if e.type.value == "new"]
    assert [frame_of(e) for e in new] == [8, 11, 14]  # the same track alerts again only once its cooldown is over
    stored = AlertBook.of(advisor_home.context).list_alerts()
    assert sorted(a.id for a in stored) == sorted(e.alert.id for e in new) == sorted(p["id"] for p in sink.payloads)
    for alert in new:  # each alert's lines: new, updates until the next alert takes over, end
        lines = [(e.type.value, frame_of(e)) for e in events if e.alert.id == alert.alert.id]
        start = frame_of(alert)
        last = min(start + 2, 15)
        assert lines == [("new", start)] + [("update", f) for f in range(start + 1, last + 1)] + [("end", last)]
