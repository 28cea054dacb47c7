"""Fixed overlapping tiles of a frame (the proposals that move are found by :mod:`agents.surveillance.motion`).

Small objects vanish when a whole 640x480 frame is squeezed into the encoder's 224x224 input, so every frame is
also scored as overlapping tiles, besides the motion regions and people boxes.

Example::

    >>> from agents.surveillance.regions import tile_boxes
    >>> tile_boxes(640, 480, grids=((2, 0.6),))[:2]
    [(0, 0, 640, 480), (0, 0, 384, 288)]
"""
from __future__ import annotations

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
