"""The watcher: frames from every camera -> scores -> rule logic (schedule, min_frames, cooldown) -> alerts.

Example::

    >>> from agents.surveillance.watch import Watcher
    >>> from agents.surveillance.rules import load_rules
    >>> watcher = Watcher(advisor, load_rules("rules.yaml"))          # doctest: +SKIP
    >>> for alert in watcher.run():                                     # doctest: +SKIP
    ...     print(alert.rule, alert.camera, alert.frame, alert.score)

Each camera first reads ``warmup_frames`` frames ahead (learning its background image and its usual score
levels), decides on them, then goes on frame by frame. Cameras are read round-robin, so several streams can be
watched at once. Alerts are stored (with a thumbnail and all scores), notified through the sinks, and yielded.

``cooldown_s`` holds back a repeat of the *same* event: within ``cooldown_s`` of an alert, the same rule on the same
camera stays quiet while its best match is where the last alert's was (box overlap at least ``SAME_EVENT_IOU``) and
looks the same (crop embedding cosine at least ``SAME_EVENT_COSINE``). A car parked in view raises one alert per
cooldown; a second car arriving elsewhere raises its own. (Frigate alerts per tracked object for the same reason.)
"""
from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Optional

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from agents.surveillance.alerts import AlertBook, AlertView
from agents.surveillance.notify import Notifier
from agents.surveillance.regions import BackgroundModel, Box
from agents.surveillance.rules import CameraConfig, Rule, RulesFile
from agents.surveillance.scoring import Calibrator, Crops, FrameScorer, RuleEvidence, ScoringConfig
from agents.surveillance.sources import Frame, SourceError, open_source

log = logging.getLogger(__name__)
SAME_EVENT_IOU = 0.5
SAME_EVENT_COSINE = 0.9
BACKGROUNDS_KEY = "surveillance.backgrounds"


class WatchOptions(BaseModel):
    """How the watcher stores what it sees."""

    model_config = ConfigDict(extra="forbid")
    scoring: ScoringConfig = Field(default_factory=ScoringConfig)
    store_frames: bool = Field(default=True, description="Keep every sampled frame (thumbnail + embedding) for search.")
    thumbnail_px: int = Field(default=320, ge=32, description="Longer side of stored thumbnails.")
    max_frames: Optional[int] = Field(default=None, ge=1, description="Stop each camera after this many frames.")


@dataclass
class _Pending:
    frame: Frame
    crops: Crops
    evidence: list[RuleEvidence]


@dataclass
class _RuleState:
    streak: int = 0
    last_alert: Optional[datetime] = None
    last_box: Optional[Box] = None
    last_vector: Optional[np.ndarray] = None


@dataclass
class CameraState:
    camera: CameraConfig
    background: BackgroundModel
    calibrators: dict[str, Calibrator]
    rules: dict[str, _RuleState] = field(default_factory=dict)
    frames_seen: int = 0


def _iou(a: Box, b: Box) -> float:
    x1, y1, x2, y2 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, x2 - x1) * max(0, y2 - y1)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


class Watcher:
    """Runs rules over cameras for one Advisor (its encoder, store and data home)."""

    def __init__(self, context, spec: RulesFile, options: WatchOptions | None = None, notifier: Notifier | None = None):
        self.context = context
        self.spec = spec
        self.options = options or WatchOptions()
        self.notifier = notifier or Notifier([])
        self.book = AlertBook.of(context)
        self.book.sync(spec)
        self.scorer = FrameScorer(context.encoder, spec.rules, self.options.scoring)
        self.thumbs = Path(context.settings.home) / "surveillance" / "thumbs"
        self.frames_processed = 0
        self._states: list[CameraState] = []

    # -- public ---------------------------------------------------------------------------------------------
    def run(self, cameras: list[CameraConfig] | None = None) -> Iterator[AlertView]:
        """Watch ``cameras`` (default: those in the rules file) round-robin until every source ends."""
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
            streams.append(self._camera_alerts(state, frames))
        try:
            while streams:
                for stream in list(streams):
                    try:
                        for alert in next(stream):
                            yield alert
                    except StopIteration:
                        streams.remove(stream)
        finally:
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
        return CameraState(camera=camera, background=BackgroundModel(history=cfg.warmup_frames),
                           calibrators={r.name: Calibrator(cfg.history) for r in self.spec.rules},
                           rules={r.name: _RuleState() for r in self.spec.rules})

    def _camera_alerts(self, state: CameraState, frames: Iterator[Frame]) -> Iterator[list[AlertView]]:
        """Yields, per processed frame (or warm-up batch), the alerts it raised."""
        warmup: deque[Frame] = deque()
        limit = self.options.max_frames
        for frame in frames:
            if limit is not None and state.frames_seen >= limit:
                break
            state.frames_seen += 1
            if len(warmup) < self.options.scoring.warmup_frames and state.frames_seen <= self.options.scoring.warmup_frames:
                warmup.append(frame)
                state.background.add(frame.image)
                if len(warmup) < self.options.scoring.warmup_frames:
                    continue
                yield self._flush_warmup(state, warmup)
                continue
            state.background.add(frame.image)
            pending = self._score(state, frame)
            alerts = self._decide(state, pending)
            state_cal = state.calibrators
            for rule, ev in zip(self.spec.rules, pending.evidence):
                state_cal[rule.name].observe(ev.probability)
            yield alerts
        if warmup:  # a source shorter than the warm-up
            yield self._flush_warmup(state, warmup)

    def _flush_warmup(self, state: CameraState, warmup: deque) -> list[AlertView]:
        """Score the read-ahead frames (their crops encoded in shared batches), learn from them, then decide."""
        pending = [self._score(state, frame, encode=False) for frame in warmup]
        images = [image for item in pending for image in item.crops.images]
        vectors = self.scorer.encoder.encode_images(images)
        start = 0
        for item in pending:
            count = len(item.crops.images)
            item.crops.vectors, start = vectors[start:start + count], start + count
            item.evidence = self._evidence(state, item.frame, item.crops)
            for rule, ev in zip(self.spec.rules, item.evidence):
                state.calibrators[rule.name].observe(ev.probability)
        warmup.clear()
        return [alert for item in pending for alert in self._decide(state, item)]

    def _score(self, state: CameraState, frame: Frame, encode: bool = True) -> _Pending:
        regions, cutouts = ([], [])
        if self.options.scoring.regions:
            regions, cutouts = state.background.regions_and_cutouts(frame.image)
        crops = self.scorer.crops(frame.image, regions, cutouts)
        self.frames_processed += 1
        if not encode:
            return _Pending(frame, crops, [])
        self.scorer.encode(frame.image, crops)
        return _Pending(frame, crops, self._evidence(state, frame, crops))

    def _evidence(self, state: CameraState, frame: Frame, crops: Crops) -> list[RuleEvidence]:
        zones = {r.name: r.zones_for(state.camera) for r in self.spec.rules if r.zones}
        return self.scorer.evidence(crops, frame.image.size, zones)

    def _decide(self, state: CameraState, pending: _Pending) -> list[AlertView]:
        frame, fired = pending.frame, []
        frame_id = thumb = None
        if self.options.store_frames:
            frame_id, thumb = self._store_frame(frame, pending.crops)
        for rule, ev in zip(self.spec.rules, pending.evidence):
            if not rule.applies_to(frame.camera):
                continue
            rs = state.rules[rule.name]
            if not rule.active(frame.time.astimezone()):
                rs.streak = 0
                continue
            self.scorer.decide(rule, ev, state.calibrators[rule.name])
            rs.streak = rs.streak + 1 if ev.matched else 0
            if rs.streak < rule.min_frames:
                continue
            vector = pending.crops.vector_at(ev.index)
            if self._same_event(rule, rs, frame.time, ev.box, vector):
                continue
            rs.last_alert, rs.last_box, rs.last_vector = frame.time, ev.box, vector
            if thumb is None:
                frame_id, thumb = self._store_frame(frame, pending.crops, keep_vector=False)
            fired.append(self._raise(rule, ev, frame, frame_id, thumb))
        return fired

    @staticmethod
    def _same_event(rule: Rule, rs: _RuleState, when: datetime, box: Box | None, vector) -> bool:
        """Inside the cooldown and the match is where (and what) the last alert was: the same event."""
        if rs.last_alert is None or when - rs.last_alert >= timedelta(seconds=rule.cooldown_s):
            return False
        same_place = box is None or rs.last_box is None or _iou(box, rs.last_box) >= SAME_EVENT_IOU
        same_look = vector is None or rs.last_vector is None or float(vector @ rs.last_vector) >= SAME_EVENT_COSINE
        return same_place and same_look

    def _raise(self, rule: Rule, ev: RuleEvidence, frame: Frame, frame_id, thumb) -> AlertView:
        scores = {**ev.scores(), "box": list(ev.box) if ev.box else None}
        score = ev.raw if rule.threshold is not None else ev.score  # what the decision was made on
        alert = self.book.add_alert(rule=rule.name, camera=frame.camera, frame_id=frame_id, frame_ref=frame.ref,
                                    time=frame.time, score=round(score, 4), severity=rule.severity.value,
                                    thumbnail=thumb, scores=scores)
        alert.frame = frame.json_ref
        self.notifier.notify(alert.model_dump(mode="json"))
        return alert

    def _store_frame(self, frame: Frame, crops: Crops, keep_vector: bool = True) -> tuple[int, str]:
        vector = None
        if keep_vector and crops.vectors is not None:
            # the whole frame plus its foreground regions: searchable for what was in view, not just the scenery
            n_regions = (len(crops.boxes) - crops.n_tiles) // 2  # plain region crops (their cut-outs follow)
            parts = [crops.vectors[0]] + list(crops.vectors[crops.n_tiles:crops.n_tiles + max(n_regions, 0)])
            vector = np.sum(parts, axis=0)
            vector = vector / max(float(np.linalg.norm(vector)), 1e-12)
        frame_id = self.book.add_frame(frame.camera, frame.time, frame.ref, None, vector)
        folder = self.thumbs / frame.camera
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{frame_id}.jpg"
        thumb = frame.image.copy()
        thumb.thumbnail((self.options.thumbnail_px, self.options.thumbnail_px))
        thumb.save(path, quality=85)
        self.book.set_thumbnail(frame_id, str(path))
        return frame_id, str(path)
