"""The watcher: frames from every camera -> scores -> rule logic (schedule, min_frames, cooldown) -> alerts.

Example::

    >>> from agents.surveillance.watch import Watcher
    >>> from agents.surveillance.rules import load_rules
    >>> watcher = Watcher(advisor, load_rules("rules.yaml"))          # doctest: +SKIP
    >>> for alert in watcher.run():                                     # doctest: +SKIP
    ...     print(alert.rule, alert.camera, alert.frame, alert.score)
    >>> for event in watcher.run_events():                              # new, update and end per event
    ...     print(event.type.value, event.alert.id, event.alert.frame)  # doctest: +SKIP

Each camera first reads ``warmup_frames`` frames ahead (learning its background image and its usual score
levels), decides on them, then goes on frame by frame. Cameras are read round-robin, so several streams can be
watched at once. Alerts are stored (with a thumbnail and all scores), notified through the sinks, and yielded.

``cooldown_s`` holds back a repeat of the *same* event: within ``cooldown_s`` of an alert, the same rule on the same
camera stays quiet while its best match is where the last alert's was (box overlap at least ``SAME_EVENT_IOU``) and
looks the same (crop embedding cosine at least ``SAME_EVENT_COSINE``). A car parked in view raises one alert per
cooldown; a second car arriving elsewhere raises its own. (Frigate alerts per tracked object for the same reason.)

:meth:`Watcher.run` yields the stored alerts; :meth:`Watcher.run_events` yields the life of each one (see
``events.py``): ``new``, an ``update`` for every later frame in which the rule still matches the same tracked object,
and ``end``. Updates store no alert and notify nobody.
"""
from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from agents.surveillance.alerts import AlertBook, AlertView
from agents.surveillance.events import EventType, WatchEvent, ending, follow
from agents.surveillance.feedback import Feedback
from agents.surveillance.motion import Box, MotionDetector, PeopleDetector, iou, suppress
from agents.surveillance.notify import Notifier
from agents.surveillance.rules import CameraConfig, Rule, RulesFile
from agents.surveillance.scoring import Calibrator, Crops, FrameScorer, RuleEvidence, ScoringConfig
from agents.surveillance.sources import Frame, SourceError, open_source
from agents.surveillance.tracking import ObjectTracker

log = logging.getLogger(__name__)
SAME_EVENT_IOU = 0.5
SAME_EVENT_COSINE = 0.9
BACKGROUNDS_KEY = "surveillance.backgrounds"
VIEW = 0  # the event key of a match on a tile (no tracked object)


class WatchOptions(BaseModel):
    """How the watcher stores what it sees."""

    model_config = ConfigDict(extra="forbid")
    scoring: ScoringConfig = Field(default_factory=ScoringConfig)
    store_frames: bool = Field(default=True, description="Keep every sampled frame (thumbnail + embedding) for search.")
    thumbnail_px: int = Field(default=320, ge=32, description="Longer side of stored thumbnails.")
    max_frames: int | None = Field(default=None, ge=1, description="Stop each camera after this many frames.")
    gate: bool = Field(default=True, description="Skip scoring frames with no motion, no person and nothing tracked.")
    people: bool = Field(default=True, description="Propose people boxes with OpenCV's HOG detector (when available).")
    updates: bool = Field(default=True, description="run_events also yields an update for every later frame in which an "
                                                    "alert's rule still matches its tracked object, and its end; off: "
                                                    "only the new alerts (one message per alert).")


@dataclass
class _Pending:
    frame: Frame
    crops: Crops
    evidence: list[RuleEvidence]
    tracks: list[int] = field(default_factory=list)  # per crop: the track id of a proposal, VIEW for tiles
    ended: list[int] = field(default_factory=list)  # tracks lost at this frame


@dataclass
class _Event:
    """One rule on one tracked object (or on the whole view, key VIEW)."""

    first: datetime
    hits: int = 0
    streak: int = 0  # consecutive decided frames with a match
    last_seen: datetime | None = None
    last_alert: datetime | None = None
    alert_id: int | None = None
    best: float = 0.0
    last_box: Box | None = None
    last_vector: np.ndarray | None = None
    last_line: AlertView | None = None  # the current alert as seen on the event's latest matching frame


@dataclass
class CameraState:
    camera: CameraConfig
    motion: MotionDetector
    tracker: ObjectTracker
    calibrators: dict[str, Calibrator]
    events: dict[tuple[str, int], _Event] = field(default_factory=dict)
    frames_seen: int = 0
    frames_gated: int = 0


class Watcher:
    """Runs rules over cameras for one Advisor (its encoder, store and data home)."""

    def __init__(self, context, spec: RulesFile, options: WatchOptions | None = None, notifier: Notifier | None = None):
        self.context = context
        self.spec = spec
        self.options = options or WatchOptions()
        self.notifier = notifier or Notifier([])
        self.book = AlertBook.of(context)
        self.book.sync(spec)
        self.feedback = Feedback(context.store, self.book)
        self.scorer = FrameScorer(context.encoder, spec.rules, self.options.scoring)
        self.people = PeopleDetector() if self.options.people else None
        self.thumbs = Path(context.settings.home) / "surveillance" / "thumbs"
        self.frames_processed = 0
        self._states: list[CameraState] = []

    # -- public ---------------------------------------------------------------------------------------------
    def run(self, cameras: list[CameraConfig] | None = None) -> Iterator[AlertView]:
        """Watch ``cameras`` (default: those in the rules file) round-robin until every source ends; yields new alerts."""
        return (event.alert for event in self.run_events(cameras) if event.type is EventType.new)

    def run_events(self, cameras: list[CameraConfig] | None = None) -> Iterator[WatchEvent]:
        """Like :meth:`run`, but yields each alert's new, update and end messages (updates and ends when
        ``options.updates``)."""
        cameras = cameras if cameras is not None else self.spec.cameras
        if not cameras:
            raise SourceError("no camera to watch: give a SOURCE or list cameras with a source in the rules file")
        streams = []
        for camera in cameras:
            if not camera.source:
                raise SourceError(f"camera {camera.name} has no source")
            frames = open_source(camera.source, camera.name, camera.fps)
            state = self._new_state(camera)
            self._states.append(state)
            streams.append(self._camera_events(state, frames))
        try:
            while streams:
                for stream in list(streams):
                    try:
                        yield from next(stream)
                    except StopIteration:
                        streams.remove(stream)
        finally:
            for state in self._states:  # events still open when the caller stopped early: stored, not yielded
                self._end_events(state, [track for _, track in state.events])
            self.book.save_index()
            self._save_backgrounds()

    def _save_backgrounds(self) -> None:
        """Keep each (rule, camera) background level, so a lone image can be judged later ("check this frame")."""
        levels = json.loads(self.context.store.get_value(BACKGROUNDS_KEY) or "{}")
        for state in self._states:
            for rule, calibrator in state.calibrators.items():
                if calibrator.background is not None:
                    levels.setdefault(rule, {})[state.camera.name] = round(calibrator.background, 6)
        self.context.store.set_value(BACKGROUNDS_KEY, json.dumps(levels))

    # -- per camera -----------------------------------------------------------------------------------------
    def _new_state(self, camera: CameraConfig) -> CameraState:
        cfg = self.options.scoring
        return CameraState(camera=camera, motion=MotionDetector(), tracker=ObjectTracker(),
                           calibrators={r.name: Calibrator(cfg.history) for r in self.spec.rules})

    def _camera_events(self, state: CameraState, frames: Iterator[Frame]) -> Iterator[list[WatchEvent]]:
        """Yields, per processed frame (or warm-up batch), the messages it produced; at the end, the events' ends."""
        warmup: deque[Frame] = deque()
        limit, ahead = self.options.max_frames, self.options.scoring.warmup_frames
        for frame in frames:
            if limit is not None and state.frames_seen >= limit:
                break
            state.frames_seen += 1
            if state.frames_seen <= ahead:
                warmup.append(frame)
                state.motion.learn(frame.image)
                if len(warmup) == ahead:
                    yield self._flush_warmup(state, warmup)
                continue
            motion = state.motion.apply(frame.image)
            pending = self._score(state, frame, motion.boxes, gate=motion.scene_change is False)
            if pending is None:
                yield self._end_events(state, state.tracker.update([]).ended)
                continue
            alerts = self._decide(state, pending)
            for rule, ev in zip(self.spec.rules, pending.evidence):
                state.calibrators[rule.name].observe(ev.probability)
            yield alerts
        if warmup:  # a source shorter than the warm-up
            yield self._flush_warmup(state, warmup)
        yield self._end_events(state, [track for _, track in state.events])

    def _flush_warmup(self, state: CameraState, warmup: deque) -> list[WatchEvent]:
        """Score the read-ahead frames against the background learned from all of them (crops in shared batches)."""
        pending = [self._score(state, f, state.motion.apply(f.image, learning_rate=0).boxes, encode=False) for f in warmup]
        vectors = self.scorer.encoder.encode_images([image for item in pending for image in item.crops.images])
        start = 0
        for item in pending:
            count = len(item.crops.images)
            item.crops.vectors, start = vectors[start:start + count], start + count
            item.evidence = self._evidence(state, item.frame, item.crops)
            for rule, ev in zip(self.spec.rules, item.evidence):
                state.calibrators[rule.name].observe(ev.probability)
        warmup.clear()
        return [alert for item in pending for alert in self._decide(state, item)]

    def _score(self, state: CameraState, frame: Frame, moving: list[Box], encode: bool = True,
               gate: bool = False) -> _Pending | None:
        """Proposals -> tracks -> crops -> (encoded) evidence; None when the gate finds nothing to look at."""
        people = self.people.detect(frame.image) if self.people is not None and self.options.scoring.regions else []
        proposals = [box for box, _ in suppress([(b, 1.0) for b, _ in people] + [(b, 0.5) for b in moving], 0.5)
                     if box[2] - box[0] >= 8 and box[3] - box[1] >= 8]
        if gate and self.options.gate and self.options.scoring.regions and not proposals and not state.tracker.live:
            state.frames_gated += 1
            return None
        update = state.tracker.update(proposals)
        crops = self.scorer.crops(frame.image, proposals, state.motion.background(frame.image.size) if proposals else None)
        tracks = [VIEW] * len(crops.boxes)
        tracks[crops.n_tiles:crops.n_tiles + crops.n_proposals] = update.ids[:crops.n_proposals]
        self.frames_processed += 1
        pending = _Pending(frame, crops, [], tracks, update.ended)
        if encode:
            self.scorer.encode(frame.image, crops)
            pending.evidence = self._evidence(state, frame, crops)
        return pending

    def _evidence(self, state: CameraState, frame: Frame, crops: Crops) -> list[RuleEvidence]:
        zones = {r.name: r.zones_for(state.camera) for r in self.spec.rules if r.zones}
        return self.scorer.evidence(crops, frame.image.size, zones)

    def _decide(self, state: CameraState, pending: _Pending) -> list[WatchEvent]:
        frame, fired = pending.frame, []
        frame_id = thumb = None
        if self.options.store_frames:
            frame_id, thumb = self._store_frame(frame, pending.crops)
        for rule, ev in zip(self.spec.rules, pending.evidence):
            if not rule.applies_to(frame.camera) or not rule.active(frame.time.astimezone()):
                continue
            raised = self.feedback.raised_level(rule.name, frame.camera)
            self.scorer.decide(rule, ev, state.calibrators[rule.name], raised)
            key = pending.tracks[ev.index] if ev.matched and ev.index >= 0 else None
            for (name, other), event in state.events.items():
                if name == rule.name and other != key:
                    event.streak = 0  # min_frames counts consecutive matches
            if key is None:
                continue
            event = state.events.setdefault((rule.name, key), _Event(first=frame.time))
            event.hits, event.streak, event.last_seen = event.hits + 1, event.streak + 1, frame.time
            event.best = max(event.best, ev.probability)
            vector = pending.crops.vector_at(ev.index)
            if not self._due(rule, event, key, frame.time, ev.box, vector):
                if event.last_line is not None and self.options.updates:
                    fired.append(self._update(rule, ev, frame, thumb, key, event))
                continue
            if event.last_line is not None and self.options.updates:  # a new alert takes over this event
                fired.append(ending(event.last_line, {"end": event.last_line.time.isoformat()}))
            event.last_alert, event.last_box, event.last_vector = frame.time, ev.box, vector
            if thumb is None:
                frame_id, thumb = self._store_frame(frame, pending.crops, keep_vector=False)
            alert = self._raise(rule, ev, frame, frame_id, thumb, key)
            event.alert_id, event.last_line = alert.id, alert
            fired.append(WatchEvent(type=EventType.new, alert=alert))
        fired.extend(self._end_events(state, pending.ended))
        return fired

    def _update(self, rule: Rule, ev: RuleEvidence, frame: Frame, thumb: str | None, key: int, event: _Event) -> WatchEvent:
        """The event's alert as seen on this frame (its thumbnail when frames are kept); nothing stored or notified."""
        scores = {**ev.scores(), "box": list(ev.box) if ev.box else None, "track": key or None}
        event.last_line = follow(event.last_line, frame.json_ref, frame.time, self._decision_score(rule, ev), thumb, scores)
        return WatchEvent(type=EventType.update, alert=event.last_line)

    @staticmethod
    def _decision_score(rule: Rule, ev: RuleEvidence) -> float:
        return round(ev.raw if rule.threshold is not None else ev.score, 4)  # what the decision was made on

    @staticmethod
    def _due(rule: Rule, event: _Event, key: int, when: datetime, box: Box | None, vector) -> bool:
        """Whether an event should alert now: enough frames, enough dwell, and out of its cooldown."""
        if event.streak < rule.min_frames or (when - event.first).total_seconds() < rule.loiter_s:
            return False
        if event.last_alert is None or when - event.last_alert >= timedelta(seconds=rule.cooldown_s):
            return True
        if key != VIEW:
            return False  # a tracked object in its cooldown
        same_place = box is None or event.last_box is None or iou(box, event.last_box) >= SAME_EVENT_IOU
        same_look = vector is None or event.last_vector is None or float(vector @ event.last_vector) >= SAME_EVENT_COSINE
        return not (same_place and same_look)

    def _end_events(self, state: CameraState, tracks: list[int]) -> list[WatchEvent]:
        """Close the events of lost tracks: their alerts get the end and dwell time, and an end message each."""
        ended, lines = set(tracks), []
        for key in [k for k in state.events if k[1] in ended]:
            event = state.events.pop(key)
            if event.alert_id is not None and event.last_seen is not None:
                summary = {"end": event.last_seen.isoformat(), "frames": event.hits,
                           "dwell_s": round((event.last_seen - event.first).total_seconds(), 1), "best": round(event.best, 4)}
                self.book.update_scores(event.alert_id, summary)
                if self.options.updates and event.last_line is not None:
                    lines.append(ending(event.last_line, summary))
        return lines

    def _raise(self, rule: Rule, ev: RuleEvidence, frame: Frame, frame_id, thumb, track: int) -> AlertView:
        scores = {**ev.scores(), "box": list(ev.box) if ev.box else None, "track": track or None,
                  "crop": self._store_crop(frame, ev.box, frame_id)}
        alert = self.book.add_alert(rule=rule.name, camera=frame.camera, frame_id=frame_id, frame_ref=frame.ref,
                                    time=frame.time, score=self._decision_score(rule, ev), severity=rule.severity.value,
                                    thumbnail=thumb, scores=scores)
        alert.frame = frame.json_ref
        self.notifier.notify(alert.model_dump(mode="json"))
        return alert

    def _store_crop(self, frame: Frame, box: Box | None, frame_id) -> str | None:
        """The crop that fired, beside the frame's thumbnail (shown as "why" on the Alerts page)."""
        if box is None or frame_id is None:
            return None
        path = self.thumbs / frame.camera / f"{frame_id}_crop_{box[0]}_{box[1]}.jpg"
        crop = frame.image.crop(box)
        crop.thumbnail((self.options.thumbnail_px, self.options.thumbnail_px))
        crop.convert("RGB").save(path, quality=85)
        return str(path)

    def _store_frame(self, frame: Frame, crops: Crops, keep_vector: bool = True) -> tuple[int, str]:
        vector = None
        if keep_vector and crops.vectors is not None:
            # the whole frame plus its proposals: searchable for what was in view, not just the scenery
            parts = [crops.vectors[0]] + list(crops.vectors[crops.n_tiles:crops.n_tiles + crops.n_proposals])
            vector = np.sum(parts, axis=0)
            vector = vector / max(float(np.linalg.norm(vector)), 1e-12)
        frame_id = self.book.add_frame(frame.camera, frame.time, frame.ref, None, vector)
        folder = self.thumbs / frame.camera
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{frame_id}.jpg"
        thumb = frame.image.copy()
        thumb.thumbnail((self.options.thumbnail_px, self.options.thumbnail_px))
        thumb.convert("RGB").save(path, quality=85)
        self.book.set_thumbnail(frame_id, str(path))
        return frame_id, str(path)
