"""Motion gating and region proposals: MOG2 on a noisy fixed view, and the HOG people detector on a real photo."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from agents.surveillance.motion import MotionDetector, PeopleDetector, footprint, iou, suppress


def noisy_view(rng: np.random.Generator, gain: float = 1.0, square: tuple[int, int] | None = None) -> Image.Image:
    """A fixed textured view with sensor noise; optionally a dark 60x90 object with its top-left at ``square``."""
    ys, xs = np.mgrid[0:240, 0:320]
    base = 120 + 40 * np.sin(xs / 17.0) * np.cos(ys / 23.0)
    pixels = np.repeat(base[..., None], 3, axis=2) * gain + rng.normal(0, 3, (240, 320, 1))
    if square is not None:
        x, y = square
        pixels[y:y + 90, x:x + 60] = (30, 40, 200)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def warmed_detector(rng) -> MotionDetector:
    detector = MotionDetector()
    for _ in range(10):
        detector.learn(noisy_view(rng))
    return detector


def test_a_still_noisy_view_has_no_motion_and_is_gated():
    rng = np.random.default_rng(0)
    detector = warmed_detector(rng)
    motion = detector.apply(noisy_view(rng))
    assert not motion.moving and motion.boxes == [] and motion.fraction < 0.01


def test_a_moving_object_is_proposed_as_a_region_around_it():
    rng = np.random.default_rng(1)
    detector = warmed_detector(rng)
    motion = detector.apply(noisy_view(rng, square=(200, 100)))
    assert motion.moving
    box = motion.boxes[0]
    assert iou(box, (200, 100, 260, 190)) > 0.5  # the region covers the object (padded a little)
    assert footprint(box)[1] >= 184  # its footprint is where the object stands


def test_a_lighting_change_is_a_scene_change_not_an_object():
    rng = np.random.default_rng(2)
    detector = warmed_detector(rng)
    motion = detector.apply(noisy_view(rng, gain=1.8))
    assert motion.scene_change and motion.boxes == []


def test_a_change_of_resolution_restarts_the_background_instead_of_failing():
    rng = np.random.default_rng(3)
    detector = warmed_detector(rng)
    small = noisy_view(rng).resize((160, 200))  # another aspect ratio, as when a stream is reconfigured
    assert detector.apply(small).boxes == []
    assert detector.apply(noisy_view(rng).convert("L")).boxes == []  # a grey frame is read as RGB


def test_suppress_keeps_the_best_of_overlapping_boxes():
    kept = suppress([((0, 0, 10, 10), 0.5), ((1, 1, 11, 11), 0.9), ((50, 50, 60, 60), 0.2)], 0.4)
    assert [box for box, _ in kept] == [(1, 1, 11, 11), (50, 50, 60, 60)]


def test_people_detector_finds_a_standing_person():
    from pathlib import Path

    detector = PeopleDetector()
    if not detector.available:
        pytest.skip("this OpenCV build has no HOGDescriptor (OpenCV 5 ships it in opencv-contrib-python-headless)")
    silhouette = Path("/usr/share/openclipart/png/people/silhouette_male_2.png")
    if not silhouette.exists():
        pytest.skip("openclipart-png is not installed")
    person = Image.open(silhouette).convert("RGBA")
    person.thumbnail((200, 200))
    view = Image.new("RGBA", (480, 360), (150, 150, 150, 255))
    view.alpha_composite(person, (140, 100))
    found = detector.detect(view.convert("RGB"))
    assert found, "no person found"
    box, margin = found[0]
    assert iou(box, (140, 100, 140 + person.width, 100 + person.height)) > 0.3 and margin > 0.5
    assert detector.detect(Image.new("RGB", (480, 360), (150, 150, 150))) == []
