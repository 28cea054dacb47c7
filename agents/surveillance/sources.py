"""Frame sources: a folder of frames, a video file, or a network stream, sampled at a configurable rate.

Example::

    >>> from agents.surveillance.sources import open_source
    >>> for frame in open_source("/data/gate", camera="gate"):          # doctest: +SKIP
    ...     print(frame.ref, frame.time, frame.image.size)

Folder frames are taken in file-name order (``frame_2`` before ``frame_10``), one per ``1/fps`` seconds of the
camera's timeline; an unreadable file is logged and skipped. A video is decoded with OpenCV and sampled every
``native_fps / fps`` frames. A stream URL (``rtsp://``, ``http://``, ...) is read through OpenCV and sampled by
wall-clock time; when it drops it is reopened with exponential back-off, a bounded number of times.
"""
from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Optional

from PIL import Image

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff", ".gif"}
VIDEO_SUFFIXES = {".mp4", ".avi", ".mov", ".mkv", ".webm", ".m4v", ".mpg", ".mpeg", ".wmv", ".flv", ".ts", ".mjpeg", ".mjpg"}
STREAM_SCHEMES = ("rtsp://", "rtsps://", "rtmp://", "http://", "https://", "udp://", "tcp://", "srt://")
DEFAULT_VIDEO_FPS = 1.0
MAX_BAD_READS = 25


class SourceError(ValueError):
    """A source that cannot be opened at all (missing path, unsupported file, stream gone for good)."""


@dataclass
class Frame:
    """One sampled frame. ``ref`` is the file path (folder) or the frame index (video) or a stream counter."""

    camera: str
    index: int
    ref: str
    time: datetime
    image: Image.Image
    offset_s: float = 0.0  # seconds since the start of the source

    @property
    def json_ref(self) -> Any:
        """What ``advisor watch --json`` prints as ``frame``: the path, or the frame index for videos/streams."""
        return int(self.ref) if self.ref.isdigit() else self.ref


@dataclass
class Backoff:
    """Exponential back-off for reconnecting: ``initial * factor**n`` seconds, capped, ``max_retries`` times."""

    initial_s: float = 1.0
    factor: float = 2.0
    max_s: float = 30.0
    max_retries: int = 6

    def delays(self) -> Iterator[float]:
        delay = self.initial_s
        for _ in range(self.max_retries):
            yield min(delay, self.max_s)
            delay *= self.factor


def _natural_key(path: Path) -> list:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]


def is_stream(source: str) -> bool:
    return str(source).lower().startswith(STREAM_SCHEMES)


def _cv2():
    try:
        import cv2  # noqa: PLC0415 - optional extra [surveillance]
    except ImportError as exc:  # pragma: no cover - install hint
        raise SourceError("video sources need OpenCV: pip install opencv-python-headless") from exc
    return cv2


def _to_pil(array) -> Image.Image:
    return Image.fromarray(array[:, :, ::-1].copy())  # OpenCV decodes BGR


def folder_frames(folder: Path, camera: str, fps: Optional[float] = None, start: Optional[datetime] = None) -> Iterator[Frame]:
    files = sorted((p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()), key=_natural_key)
    if not files:
        log.warning("camera %s: no image files in %s", camera, folder)
    step = 1.0 / (fps or 1.0)
    start = start or datetime.now(timezone.utc) - timedelta(seconds=step * len(files))
    for index, path in enumerate(files):
        try:
            with Image.open(path) as raw:
                image = raw.convert("RGB")
        except Exception as exc:  # noqa: BLE001 - an unreadable frame is skipped, never fatal
            log.warning("camera %s: skipping unreadable frame %s (%s)", camera, path, exc)
            continue
        offset = index * step
        yield Frame(camera, index, str(path), start + timedelta(seconds=offset), image, offset)


def video_frames(path: Path, camera: str, fps: Optional[float] = None, start: Optional[datetime] = None) -> Iterator[Frame]:
    cv2 = _cv2()
    capture = cv2.VideoCapture(str(path))
    if not capture.isOpened():
        raise SourceError(f"{path}: cannot open as a video")
    native = capture.get(cv2.CAP_PROP_FPS) or 25.0
    every = max(1, round(native / (fps or DEFAULT_VIDEO_FPS)))
    start = start or datetime.now(timezone.utc)
    index = bad = 0
    try:
        while True:
            if index % every:
                ok = capture.grab()
            else:
                ok, array = capture.read()
            if not ok:
                total = capture.get(cv2.CAP_PROP_FRAME_COUNT) or 0
                bad += 1
                if index >= total - 1 or bad > MAX_BAD_READS:
                    return
                log.warning("camera %s: skipping unreadable frame %d of %s", camera, index, path)
                index += 1
                continue
            bad = 0
            if index % every == 0:
                offset = index / native
                yield Frame(camera, index, str(index), start + timedelta(seconds=offset), _to_pil(array), offset)
            index += 1
    finally:
        capture.release()


def stream_frames(url: str, camera: str, fps: Optional[float] = None, backoff: Backoff | None = None,
                  capture_factory: Callable[[str], Any] | None = None, sleep: Callable[[float], None] = time.sleep,
                  max_frames: Optional[int] = None) -> Iterator[Frame]:
    """Read a stream, sampling one frame per ``1/fps`` seconds; reopen it with back-off when it drops."""
    backoff = backoff or Backoff()
    factory = capture_factory or _cv2().VideoCapture
    period = 1.0 / (fps or DEFAULT_VIDEO_FPS)
    started, last_sample, count = time.monotonic(), float("-inf"), 0
    while True:
        capture = _open_with_backoff(url, camera, factory, backoff, sleep)
        try:
            while True:
                ok, array = capture.read()
                if not ok or array is None:
                    log.warning("camera %s: stream %s dropped; reconnecting", camera, url)
                    break
                now = time.monotonic()
                if now - last_sample < period:
                    continue
                last_sample = now
                yield Frame(camera, count, str(count), datetime.now(timezone.utc), _to_pil(array), now - started)
                count += 1
                if max_frames is not None and count >= max_frames:
                    return
        finally:
            capture.release()


def _open_with_backoff(url: str, camera: str, factory, backoff: Backoff, sleep) -> Any:
    capture = factory(url)
    if capture.isOpened():
        return capture
    for attempt, delay in enumerate(backoff.delays(), start=1):
        log.warning("camera %s: cannot open %s; retry %d/%d in %.1fs", camera, url, attempt, backoff.max_retries, delay)
        sleep(delay)
        capture = factory(url)
        if capture.isOpened():
            return capture
    raise SourceError(f"camera {camera}: stream {url} unreachable after {backoff.max_retries} retries")


def open_source(source: str, camera: str, fps: Optional[float] = None, **stream_options: Any) -> Iterator[Frame]:
    """Frames of a folder, a video file, a single image, or a stream URL (chosen by the source's form)."""
    if is_stream(source):
        return stream_frames(source, camera, fps, **stream_options)
    path = Path(source).expanduser()
    if path.is_dir():
        return folder_frames(path, camera, fps)
    if not path.exists():
        raise SourceError(f"camera {camera}: source {source} not found (a folder, a video file or a stream URL)")
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return folder_frames_of([path], camera)
    return video_frames(path, camera, fps)


def folder_frames_of(paths: list[Path], camera: str) -> Iterator[Frame]:
    now = datetime.now(timezone.utc)
    for index, path in enumerate(paths):
        try:
            with Image.open(path) as raw:
                yield Frame(camera, index, str(path), now, raw.convert("RGB"))
        except Exception as exc:  # noqa: BLE001
            log.warning("camera %s: skipping unreadable frame %s (%s)", camera, path, exc)
