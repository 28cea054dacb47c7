"""Tracking: one object keeps one identity while it moves; a second object gets its own; lost tracks end."""
from __future__ import annotations

from agents.surveillance.tracking import ObjectTracker


def test_a_walking_object_keeps_one_identity():
    tracker = ObjectTracker()
    ids = [tracker.update([(20 + 25 * step, 100, 100 + 25 * step, 300)]).ids[0] for step in range(8)]
    assert len(set(ids)) == 1 and ids[0] > 0


def test_two_objects_get_two_identities_and_a_lost_one_ends():
    tracker = ObjectTracker(patience=2)
    first = tracker.update([(0, 0, 50, 100), (400, 0, 450, 100)]).ids
    assert len(set(first)) == 2
    second = tracker.update([(5, 0, 55, 100), (405, 0, 455, 100)]).ids
    assert second == first
    ended: list[int] = []
    for _ in range(4):  # the right-hand object leaves the view
        ended += tracker.update([(10, 0, 60, 100)]).ended
    assert ended == [first[1]]
    assert tracker.update([(12, 0, 62, 100)]).ids == [first[0]]
