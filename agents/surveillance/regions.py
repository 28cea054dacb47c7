"""Where to look in a frame: fixed overlapping tiles, and foreground regions from a per-camera background model.

Small objects vanish when a whole 640x480 frame is squeezed into the encoder's 224x224 input, so every frame is
also scored as tiles (2x2 and 3x3 grids with overlap) and, once the camera's background is known, as tight
crops around what differs from that background (what Frigate calls motion regions).

Example::

    >>> from agents.surveillance.regions import tile_boxes
    >>> tile_boxes(640, 480, grids=((2, 0.6),))[:2]
    [(0, 0, 640, 480), (0, 0, 384, 288)]
"""
from __future__ import annotations

from collections import deque

import numpy as np
from PIL import Image

Box = tuple[int, int, int, int]
DEFAULT_GRIDS: tuple[tuple[int, float], ...] = ((2, 0.6), (3, 0.4))
MODEL_SIZE = (160, 120)


def tile_boxes(width: int, height: int, grids: tuple[tuple[int, float], ...] = DEFAULT_GRIDS) -> list[Box]:
    """The whole frame, then for each ``(n, size)`` an n x n grid of tiles ``size`` of the frame wide, overlapping."""
    boxes: list[Box] = [(0, 0, width, height)]
    for n, size in grids:
        tile_w, tile_h = width * size, height * size
        for row in range(n):
            for col in range(n):
                x = (width - tile_w) * col / max(n - 1, 1)
                y = (height - tile_h) * row / max(n - 1, 1)
                boxes.append((int(x), int(y), int(x + tile_w), int(y + tile_h)))
    return boxes


def box_centre(box: Box) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def box_area(box: Box) -> float:
    return max(0, box[2] - box[0]) * max(0, box[3] - box[1])


class BackgroundModel:
    """A camera's background as the per-pixel median of its last ``history`` frames (downscaled).

    Objects that come and go are outvoted by the median, so after a few frames the model shows the empty scene;
    regions that differ from it (after matching overall brightness) are proposed as crops.
    """

    def __init__(self, history: int = 15, min_frames: int = 5, diff_threshold: float = 30.0, min_region: float = 0.01,
                 max_foreground: float = 0.6, max_regions: int = 4):
        self.history = deque(maxlen=history)
        self.min_frames = min_frames
        self.diff_threshold = diff_threshold
        self.min_region = min_region
        self.max_foreground = max_foreground
        self.max_regions = max_regions
        self._background: np.ndarray | None = None

    @staticmethod
    def small(image: Image.Image) -> np.ndarray:
        return np.asarray(image.convert("RGB").resize(MODEL_SIZE, Image.BILINEAR), np.float32)

    @property
    def ready(self) -> bool:
        return len(self.history) >= self.min_frames

    def add(self, image: Image.Image) -> None:
        self.history.append(self.small(image))
        self._background = None

    @property
    def background(self) -> np.ndarray | None:
        if not self.ready:
            return None
        if self._background is None:
            self._background = np.median(np.stack(self.history), axis=0)
        return self._background

    def foreground_mask(self, image: Image.Image) -> np.ndarray | None:
        """A 0/1 mask (MODEL_SIZE) of pixels unlike the background; None until the model is ready."""
        import cv2  # noqa: PLC0415 - optional extra [surveillance]

        background = self.background
        if background is None:
            return None
        frame = self.small(image)
        gain = float(np.median(background)) / max(float(np.median(frame)), 1.0)  # lighting changes are not objects
        a = cv2.GaussianBlur(frame * gain, (5, 5), 0)
        b = cv2.GaussianBlur(background, (5, 5), 0)
        mask = (np.abs(a - b).max(axis=-1) > self.diff_threshold).astype(np.uint8)
        return cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))

    def regions(self, image: Image.Image) -> list[Box]:
        """Boxes (frame pixels, padded 10%) around foreground blobs, largest first; [] when nothing stands out."""
        return self.regions_and_cutouts(image, cutouts=False)[0]

    def regions_and_cutouts(self, image: Image.Image, cutouts: bool = True) -> tuple[list[Box], list[Image.Image]]:
        """Foreground boxes and, per box, a cut-out: the box with its background pixels painted white.

        A cut-out shows the object alone, the way clip-art and product photos show it, which is what
        image-text encoders know best; the plain box keeps the context. Both are scored.
        """
        mask = self.foreground_mask(image)
        if mask is None or mask.mean() > self.max_foreground:
            return [], []  # no model yet, or the whole view changed (camera moved, lights): tiles only
        boxes = self._boxes(mask, image.size)
        if not cutouts or not boxes:
            return boxes, []
        import cv2  # noqa: PLC0415 - optional extra [surveillance]

        full = cv2.resize(cv2.dilate(mask, np.ones((5, 5), np.uint8)), image.size, interpolation=cv2.INTER_NEAREST)
        pixels = np.asarray(image.convert("RGB")).copy()
        pixels[full == 0] = 255
        whitened = Image.fromarray(pixels)
        return boxes, [whitened.crop(box) for box in boxes]

    def _boxes(self, mask: np.ndarray, size: tuple[int, int]) -> list[Box]:
        import cv2  # noqa: PLC0415 - optional extra [surveillance]

        width, height = size
        scale_x, scale_y = width / MODEL_SIZE[0], height / MODEL_SIZE[1]
        joined = cv2.dilate(mask, np.ones((9, 9), np.uint8))
        _, _, stats, _ = cv2.connectedComponentsWithStats(joined)
        boxes = []
        for x, y, w, h, _area in stats[1:]:
            if mask[y:y + h, x:x + w].sum() < self.min_region * mask.size:
                continue
            pad_x, pad_y = 0.1 * w, 0.1 * h
            boxes.append((int(max(0, (x - pad_x) * scale_x)), int(max(0, (y - pad_y) * scale_y)),
                          int(min(width, (x + w + pad_x) * scale_x)), int(min(height, (y + h + pad_y) * scale_y))))
        return sorted(boxes, key=box_area, reverse=True)[:self.max_regions]
