"""The real-photo footage generator: cut-outs, the 'someone always in view' scenario, and its labels."""
from __future__ import annotations

import random

import numpy as np
import pytest

pytest.importorskip("skimage.data")

from advisor.frontdoors.bench.footage import FRAME_SIZE, _actors, background, cutout, render


def test_cutout_keeps_the_object_and_drops_its_background():
    sprite = cutout("motorcycle")
    alpha = np.asarray(sprite)[..., 3]
    assert sprite.mode == "RGBA" and 0.2 < (alpha > 128).mean() < 0.95
    assert alpha[0, 0] == 0 or alpha[0, -1] == 0  # a corner of the crop is background


def test_busy_scenario_keeps_someone_in_view_and_labels_follow_visibility():
    rng = random.Random(3)
    actors = _actors("busy", 40, ["cameraman"], rng)
    assert all(any(a.start <= i < a.end for a in actors) for i in range(40))
    view, _ = background("composite-a", rng)
    sprites = {"cameraman": cutout("cameraman")}
    image, objects = render(view, actors, sprites, 5)
    assert image.size == FRAME_SIZE and objects and objects[0]["category"] == "person"
    quiet = [a for a in _actors("quiet", 60, ["cameraman"], rng) if a.category]
    assert quiet == []  # the quiet scenario shows no person or vehicle (only a cat)
