"""Where something is happening: motion from background subtraction, and people from OpenCV's HOG detector.

Both run on a downscaled frame (``work_width`` pixels wide) and return boxes in full-frame pixels. They are the
*proposals* the encoder then scores: a pedestrian filling 5% of the frame is invisible to a whole-frame
embedding but fills a proposal crop.

* :class:`MotionDetector` wraps OpenCV's MOG2 background subtractor (a per-pixel mixture of Gaussians, so swaying
  leaves and flickering lights become part of the background over time; shadows are marked and dropped). A frame
  whose foreground covers most of the view is a lighting change or a moved camera, not an object: it yields no
  regions. With no motion (and nothing tracked), a frame need not be scored at all: that is the *gate*.
* :class:`PeopleDetector` wraps ``cv2.HOGDescriptor`` with the bundled default people detector (HOG + linear SVM,
  no download). OpenCV 5 moved HOG to the contrib build (``opencv-contrib-python-headless``); without it the
  detector reports itself unavailable and only motion proposes regions.

Example::

    >>> detector = MotionDetector()
    >>> for image in frames:                              # doctest: +SKIP
    ...     motion = detector.apply(image)
    ...     motion.boxes, motion.fraction
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

Box = tuple[int, int, int, int]


@dataclass
class Motion:
    """One frame's motion: moving-region boxes (full-frame pixels, largest first) and the moving share of the view."""

    boxes: list[Box] = field(default_factory=list)
    fraction: float = 0.0
    scene_change: bool = False

    @property
    def moving(self) -> bool:
        return bool(self.boxes)


def _gray_small(image: Image.Image, width: int) -> tuple[np.ndarray, float]:
    scale = width / image.width
    small = image.convert("RGB").resize((width, max(1, round(image.height * scale))), Image.BILINEAR)
    return np.asarray(small), scale


class MotionDetector:
    """MOG2 background subtraction on a downscaled frame, turned into padded region boxes."""

    def __init__(self, work_width: int = 320, history: int = 30, var_threshold: float = 25.0,
                 min_area: float = 0.002, max_foreground: float = 0.5, max_regions: int = 6):
        self.work_width = work_width
        self.settings = (history, var_threshold)
        self.subtractor = self._new_subtractor()
        self.shape: tuple[int, ...] | None = None
        self.min_area = min_area
        self.max_foreground = max_foreground
        self.max_regions = max_regions
        self.frames = 0

    def _new_subtractor(self):
        history, var_threshold = self.settings
        return cv2.createBackgroundSubtractorMOG2(history=history, varThreshold=var_threshold, detectShadows=True)

    def _prepare(self, image: Image.Image) -> tuple[np.ndarray, float]:
        small, scale = _gray_small(image, self.work_width)
        if self.shape is not None and small.shape != self.shape:  # the stream changed resolution: start over
            self.subtractor, self.frames = self._new_subtractor(), 0
        self.shape = small.shape
        return small, scale

    def learn(self, image: Image.Image) -> None:
        """Update the background with ``image`` without reporting (read-ahead frames)."""
        small, _ = self._prepare(image)
        self.subtractor.apply(small)
        self.frames += 1

    def apply(self, image: Image.Image, learning_rate: float = -1.0) -> Motion:
        """The motion in ``image`` against the background so far (the model then learns from it)."""
        small, scale = self._prepare(image)
        mask = self.subtractor.apply(small, learningRate=learning_rate)
        self.frames += 1
        if self.frames <= 2:  # the first frames are all "foreground": nothing is known yet
            return Motion()
        moving = (mask == 255).astype(np.uint8)  # 127 marks shadows: not objects
        moving = cv2.morphologyEx(moving, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
        moving = cv2.dilate(moving, np.ones((7, 7), np.uint8))
        fraction = float(moving.mean())
        if fraction > self.max_foreground:
            return Motion(fraction=fraction, scene_change=True)
        return Motion(boxes=self._boxes(moving, scale, image.size), fraction=fraction)

    def background(self, size: tuple[int, int]) -> Image.Image | None:
        """The learned empty scene at ``size`` (what each proposal is compared with); None before 3 frames."""
        if self.frames < 3:
            return None
        pixels = self.subtractor.getBackgroundImage()
        return None if pixels is None else Image.fromarray(pixels).resize(size, Image.BILINEAR)

    def _boxes(self, mask: np.ndarray, scale: float, size: tuple[int, int]) -> list[Box]:
        _, _, stats, _ = cv2.connectedComponentsWithStats(mask)
        width, height = size
        boxes = []
        for x, y, w, h, area in stats[1:]:
            if area < self.min_area * mask.size:
                continue
            pad_x, pad_y = 0.1 * w, 0.1 * h
            boxes.append((int(max(0, (x - pad_x) / scale)), int(max(0, (y - pad_y) / scale)),
                          int(min(width, (x + w + pad_x) / scale)), int(min(height, (y + h + pad_y) / scale))))
        return sorted(boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), reverse=True)[:self.max_regions]


class PeopleDetector:
    """OpenCV's default HOG people detector on a downscaled frame; boxes with their SVM margins."""

    def __init__(self, work_width: int = 480, min_weight: float = 0.5, max_people: int = 4):
        self.work_width = work_width
        self.min_weight = min_weight
        self.max_people = max_people
        self.hog = None
        if hasattr(cv2, "HOGDescriptor"):
            self.hog = cv2.HOGDescriptor()
            self.hog.setSVMDetector(cv2.HOGDescriptor_getDefaultPeopleDetector())

    @property
    def available(self) -> bool:
        return self.hog is not None

    def detect(self, image: Image.Image) -> list[tuple[Box, float]]:
        """People boxes (full-frame pixels) with their detector margin, best first; [] when HOG is unavailable."""
        if self.hog is None:
            return []
        small, scale = _gray_small(image, min(self.work_width, image.width))
        rects, weights = self.hog.detectMultiScale(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), winStride=(8, 8),
                                                   padding=(8, 8), scale=1.08)
        found = []
        for (x, y, w, h), weight in zip(np.asarray(rects).reshape(-1, 4), np.asarray(weights).reshape(-1)):
            if weight >= self.min_weight:
                found.append(((int(x / scale), int(y / scale), int((x + w) / scale), int((y + h) / scale)), float(weight)))
        found.sort(key=lambda item: item[1], reverse=True)
        return suppress(found, 0.4)[:self.max_people]


def iou(a: Box, b: Box) -> float:
    x1, y1, x2, y2 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, x2 - x1) * max(0, y2 - y1)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def suppress(scored: list[tuple[Box, float]], overlap: float) -> list[tuple[Box, float]]:
    """Greedy non-maximum suppression: keep the best box of each group overlapping by more than ``overlap``."""
    kept: list[tuple[Box, float]] = []
    for box, score in sorted(scored, key=lambda item: item[1], reverse=True):
        if all(iou(box, other) <= overlap for other, _ in kept):
            kept.append((box, score))
    return kept


def footprint(box: Box) -> tuple[float, float]:
    """Where an object stands: the bottom-centre of its box, on its last pixel row (zones test this point)."""
    return (box[0] + box[2]) / 2, float(box[3] - 1)
