"""Alert and frame records: store, list, acknowledge, resolve; search past frames by text or image.

Example::

    >>> from agents.surveillance.alerts import AlertBook
    >>> book = AlertBook(advisor)                                   # doctest: +SKIP
    >>> [a.id for a in book.list_alerts(camera="gate", state="open")]   # doctest: +SKIP
    [3, 7]
    >>> book.acknowledge(7, by="maria").state                       # doctest: +SKIP
    'acknowledged'

Frame embeddings live in the ``frames`` table (the source of truth) and in a FAISS index under
``<home>/index/frames.faiss`` whose ids are the frame row ids; the file is a cache rebuilt when it disagrees
with the table.
"""
from __future__ import annotations

import logging
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

import numpy as np
from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select

from advisor.core import audit
from advisor.core.catalog import space_name
from agents.surveillance.models import AlertRow, AlertRuleRow, AlertState, Camera, FrameRow
from indexes import FaissIndex

log = logging.getLogger(__name__)
FRAMES_INDEX = "frames.faiss"


class AlertError(ValueError):
    """A request about alerts that cannot be served (unknown id, a state change that is not allowed)."""


class AlertView(BaseModel):
    """An alert as shown to operators and returned in replies and JSON."""

    model_config = ConfigDict(extra="forbid")
    id: int
    rule: str
    camera: str
    frame: Any = None
    time: datetime
    score: float
    severity: str
    state: str
    thumbnail: Optional[str] = None
    scores: dict[str, Any] = {}
    acknowledged_by: Optional[str] = None
    acknowledged_at: Optional[datetime] = None
    resolved_at: Optional[datetime] = None


class FrameView(BaseModel):
    """A stored frame found by a search."""

    model_config = ConfigDict(extra="forbid")
    id: int
    camera: str
    time: datetime
    frame: Any = None
    thumbnail: Optional[str] = None
    score: float = 0.0


def _aware(when: datetime | None) -> datetime | None:
    if when is not None and when.tzinfo is None:
        return when.replace(tzinfo=timezone.utc)  # SQLite hands back naive datetimes
    return when


def _view(row: AlertRow) -> AlertView:
    return AlertView(id=row.id, rule=row.rule, camera=row.camera, frame=row.frame_ref, time=_aware(row.time),
                     score=row.score, severity=row.severity, state=row.state, thumbnail=row.thumbnail,
                     scores=dict(row.scores or {}), acknowledged_by=row.acknowledged_by,
                     acknowledged_at=_aware(row.acknowledged_at), resolved_at=_aware(row.resolved_at))


class AlertBook:
    """The surveillance tables of one data home, plus the FAISS index of frame embeddings."""

    def __init__(self, store, index_dir: Path | str | None = None, space: str = ""):
        self.store = store
        self.index_dir = Path(index_dir) if index_dir is not None else None
        self.space = space
        self._index = None
        self._lock = threading.RLock()

    @classmethod
    def of(cls, context) -> AlertBook:
        spec = context.search.space
        return cls(context.store, context.settings.index_dir, space_name(spec))

    # -- cameras and rules ------------------------------------------------------------------------------------
    def sync(self, spec) -> None:
        """Record the cameras and rules of a validated rules file (insert or update by name)."""
        with self.store.session() as s:
            for cam in spec.cameras:
                row = s.scalar(select(Camera).where(Camera.name == cam.name)) or Camera(name=cam.name)
                row.source, row.config = cam.source, cam.model_dump(mode="json")
                s.add(row)
            for rule in spec.rules:
                row = s.scalar(select(AlertRuleRow).where(AlertRuleRow.name == rule.name)) or AlertRuleRow(name=rule.name)
                row.severity, row.definition = rule.severity.value, rule.model_dump(mode="json")
                row.enabled, row.updated_at = True, datetime.now(timezone.utc)
                s.add(row)

    def camera_names(self) -> list[str]:
        with self.store.session() as s:
            named = set(s.scalars(select(Camera.name)).all()) | set(s.scalars(select(AlertRow.camera).distinct()).all())
            return sorted(named)

    def rule_names(self) -> list[str]:
        with self.store.session() as s:
            return sorted(set(s.scalars(select(AlertRuleRow.name)).all()) | set(s.scalars(select(AlertRow.rule).distinct()).all()))

    # -- alerts -----------------------------------------------------------------------------------------------
    def add_alert(self, **fields: Any) -> AlertView:
        with self.store.session() as s:
            row = AlertRow(state=AlertState.open.value, **fields)
            s.add(row)
            s.flush()
            return _view(row)

    def get(self, alert_id: int) -> AlertView:
        with self.store.session() as s:
            row = s.get(AlertRow, int(alert_id))
            if row is None:
                raise AlertError(f"no alert with id {alert_id}")
            return _view(row)

    def list_alerts(self, camera: str | None = None, since: datetime | None = None, state: str | None = None,
                    rule: str | None = None, severity: str | None = None, limit: int = 50) -> list[AlertView]:
        """Newest first, filtered by any of camera, time, state, rule and severity."""
        query = select(AlertRow)
        if camera:
            query = query.where(AlertRow.camera == camera)
        if since is not None:
            query = query.where(AlertRow.time >= since)
        if state:
            query = query.where(AlertRow.state == state)
        if rule:
            query = query.where(AlertRow.rule == rule)
        if severity:
            query = query.where(AlertRow.severity == severity)
        with self.store.session() as s:
            rows = s.scalars(query.order_by(AlertRow.time.desc(), AlertRow.id.desc()).limit(max(1, limit))).all()
            return [_view(r) for r in rows]

    def count_alerts(self, state: str | None = None) -> int:
        with self.store.session() as s:
            query = select(func.count(AlertRow.id))
            if state:
                query = query.where(AlertRow.state == state)
            return int(s.scalar(query) or 0)

    def acknowledge(self, alert_id: int, by: str = "operator") -> AlertView:
        """open -> acknowledged (who and when are recorded); a resolved alert cannot be acknowledged."""
        with self.store.session() as s:
            row = s.get(AlertRow, int(alert_id))
            if row is None:
                raise AlertError(f"no alert with id {alert_id}")
            if row.state == AlertState.resolved.value:
                raise AlertError(f"alert {alert_id} is already resolved")
            if row.state == AlertState.open.value:
                row.state, row.acknowledged_by = AlertState.acknowledged.value, by
                row.acknowledged_at = datetime.now(timezone.utc)
            audit.record(self.store, by, "alert.acknowledge", f"alert:{row.id}", {"state": row.state}, session=s)
            return _view(row)

    def resolve(self, alert_id: int, by: str = "operator") -> AlertView:
        """open or acknowledged -> resolved (an open alert is acknowledged by the same person on the way)."""
        with self.store.session() as s:
            row = s.get(AlertRow, int(alert_id))
            if row is None:
                raise AlertError(f"no alert with id {alert_id}")
            now = datetime.now(timezone.utc)
            if row.state == AlertState.open.value:
                row.acknowledged_by, row.acknowledged_at = by, now
            if row.state != AlertState.resolved.value:
                row.state, row.resolved_at = AlertState.resolved.value, now
            audit.record(self.store, by, "alert.resolve", f"alert:{row.id}", {"state": row.state}, session=s)
            return _view(row)

    def set_state(self, alert_id: int, state: str, by: str, action: str, detail: dict[str, Any] | None = None) -> AlertView:
        """Move an alert to ``state`` and audit it (``action``, with ``detail``) in the same transaction."""
        with self.store.session() as s:
            row = s.get(AlertRow, int(alert_id))
            if row is None:
                raise AlertError(f"no alert with id {alert_id}")
            row.state = state
            audit.record(self.store, by, action, f"alert:{row.id}", {"state": state, **(detail or {})}, session=s)
            return _view(row)

    def update_scores(self, alert_id: int, extra: dict[str, Any]) -> None:
        """Merge ``extra`` into an alert's stored scores (an event's end, dwell time, best crop)."""
        with self.store.session() as s:
            row = s.get(AlertRow, int(alert_id))
            if row is not None:
                row.scores = {**dict(row.scores or {}), **extra}

    # -- frames -----------------------------------------------------------------------------------------------
    def add_frame(self, camera: str, time: datetime, ref: str, thumbnail: str | None, vector: np.ndarray | None) -> int:
        with self.store.session() as s:
            row = FrameRow(camera=camera, time=time, ref=str(ref), thumbnail=thumbnail, space=self.space,
                           embedding=None if vector is None else np.asarray(vector, np.float32).tobytes())
            s.add(row)
            s.flush()
            frame_id = row.id
        if vector is not None:
            with self._lock:
                index = self._frames_index()
                if index is not None:
                    index.add([frame_id], np.asarray(vector, np.float32)[None, :])
        return frame_id

    def set_thumbnail(self, frame_id: int, path: str) -> None:
        with self.store.session() as s:
            row = s.get(FrameRow, int(frame_id))
            if row is not None:
                row.thumbnail = path

    def _stored_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        with self.store.session() as s:
            rows = s.execute(select(FrameRow.id, FrameRow.embedding).where(FrameRow.space == self.space,
                                                                            FrameRow.embedding.is_not(None))).all()
        if not rows:
            return np.zeros(0, np.int64), np.zeros((0, 0), np.float32)
        return np.array([r[0] for r in rows], np.int64), np.vstack([np.frombuffer(r[1], np.float32) for r in rows])

    def _frames_index(self):
        """The FAISS index of this space's frames, loaded or rebuilt from the table; None when no frames."""
        if self._index is not None:
            return self._index
        ids, vectors = self._stored_vectors()
        if not len(ids):
            return None
        path = self.index_dir / FRAMES_INDEX if self.index_dir is not None else None
        if path is not None and path.exists():
            try:
                index = FaissIndex.load(path, use_gpu=False)
                if index.dim == vectors.shape[1] and len(index) == len(ids) and set(index.ids().tolist()) == set(ids.tolist()):
                    self._index = index
                    return index
            except Exception as exc:  # noqa: BLE001 - a stale or broken cache is rebuilt
                log.warning("frames index %s unusable (%s); rebuilding", path, exc)
        index = FaissIndex(vectors.shape[1], use_gpu=False)
        index.add(ids, vectors)
        self._index = index
        return index

    def save_index(self) -> None:
        with self._lock:
            if self._index is not None and self.index_dir is not None:
                self.index_dir.mkdir(parents=True, exist_ok=True)
                self._index.save(self.index_dir / FRAMES_INDEX)

    def search_frames(self, vector: np.ndarray, k: int = 8, camera: str | None = None, since: datetime | None = None) -> list[FrameView]:
        """Stored frames most similar to a query vector (text or image), optionally of one camera / since a time."""
        with self._lock:
            index = self._frames_index()
            if index is None:
                return []
            allowed = None
            if camera or since is not None:
                query = select(FrameRow.id).where(FrameRow.space == self.space)
                if camera:
                    query = query.where(FrameRow.camera == camera)
                if since is not None:
                    query = query.where(FrameRow.time >= since)
                with self.store.session() as s:
                    allowed = list(s.scalars(query).all())
                if not allowed:
                    return []
            scores, ids = index.search(np.asarray(vector, np.float32)[None, :], k, allowed)
        found = [(int(i), float(sc)) for i, sc in zip(ids[0], scores[0]) if int(i) >= 0]
        with self.store.session() as s:
            rows = {r.id: r for r in s.scalars(select(FrameRow).where(FrameRow.id.in_([i for i, _ in found]))).all()}
        return [FrameView(id=i, camera=rows[i].camera, time=_aware(rows[i].time), frame=rows[i].ref,
                          thumbnail=rows[i].thumbnail, score=round(sc, 4)) for i, sc in found if i in rows]
