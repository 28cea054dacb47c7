"""One object, one identity across frames: proposal boxes tracked with norfair (IoU matching + Kalman filter).

The watcher turns tracks into events: a rule fires once for a track (after ``min_frames`` matching frames and,
if set, ``loiter_s`` of dwell), stays quiet on that track for ``cooldown_s``, and the event ends when the track
is lost, recording its dwell time.

Example::

    >>> tracker = ObjectTracker()
    >>> tracker.update([(10, 10, 60, 120)]).ids
    [1]
    >>> tracker.update([(14, 10, 64, 120)]).ids       # the same person, a little further on
    [1]
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from norfair import Detection, Tracker

from agents.surveillance.motion import Box


@dataclass
class TrackUpdate:
    """The track id of each box given to :meth:`ObjectTracker.update` (same order), and the tracks that ended."""

    ids: list[int] = field(default_factory=list)
    ended: list[int] = field(default_factory=list)


class ObjectTracker:
    """Tracks boxes frame to frame; a box that matches no live track starts a new one at once."""

    def __init__(self, max_distance: float = 0.9, patience: int = 3):
        # distance = 1 - IoU; at 1 frame/s a walking person moves a good part of its own width between frames
        self.tracker = Tracker(distance_function="iou", distance_threshold=max_distance, initialization_delay=0,
                               hit_counter_max=patience)
        self.live: set[int] = set()
        self.frame = 0

    def update(self, boxes: list[Box]) -> TrackUpdate:
        self.frame += 1
        detections = [Detection(np.array([[b[0], b[1]], [b[2], b[3]]], float), data=(self.frame, index))
                      for index, b in enumerate(boxes)]
        tracked = self.tracker.update(detections=detections)
        ids = [0] * len(boxes)
        for obj in tracked:
            frame, index = obj.last_detection.data
            if obj.id is not None and frame == self.frame:  # matched now, not coasting on an older detection
                ids[index] = int(obj.id)
        alive = {int(obj.id) for obj in tracked if obj.id is not None}
        ended = sorted(self.live - alive)
        self.live = alive
        # a box norfair left unmatched in this call (rare: two boxes on one track) gets no identity
        return TrackUpdate(ids=ids, ended=ended)
