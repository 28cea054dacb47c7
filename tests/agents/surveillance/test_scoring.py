"""Scoring: the open-vocabulary softmax, zones, and the camera calibration (real encoder, text side only)."""
from __future__ import annotations

import numpy as np
import pytest

from agents.surveillance.regions import BackgroundModel, tile_boxes
from agents.surveillance.rules import Rule, Zone
from agents.surveillance.scoring import Calibrator, Crops, FrameScorer, RuleEvidence, ScoringConfig

RULES = [Rule(name="fire", prompts=["fire", "flames"], severity="critical"),
         Rule(name="vehicle", prompts=["a car", "a truck"], severity="warning")]


@pytest.fixture(scope="module")
def scorer(encoder):
    return FrameScorer(encoder, RULES)


def crops_with(scorer, vectors, boxes):
    crops = Crops(boxes=boxes, n_tiles=len(boxes))
    crops.vectors = np.asarray(vectors, np.float32)
    return crops


def test_tiles_cover_the_frame_with_overlap():
    boxes = tile_boxes(640, 480)
    assert len(boxes) == 1 + 4 + 9 and boxes[0] == (0, 0, 640, 480)
    assert max(b[2] for b in boxes) == 640 and max(b[3] for b in boxes) == 480
    two = boxes[1:5]
    assert two[0][2] > two[1][0]  # neighbouring 2x2 tiles overlap


def test_softmax_shares_are_comparable_and_vocabulary_competes(scorer, encoder):
    texts = ["a photo of fire.", "a photo of a car.", "a photo of a turtle."]
    vectors = encoder.encode_text(texts)
    crops = crops_with(scorer, vectors, [(0, 0, 10, 10)] * 3)
    p, raw = scorer.bank.probabilities(crops.vectors, scorer.config.temperature)
    assert p.shape == (3, 2) and np.all((p >= 0) & (p <= 1))
    assert p[0, 0] > 0.5 and p[0, 0] > p[0, 1]  # fire text -> fire rule
    assert p[1, 1] > 0.5 and p[1, 1] > p[1, 0]  # car text -> vehicle rule
    assert p[2].max() < 0.2  # a turtle goes to the vocabulary, not to either rule
    assert "a turtle" in scorer.bank.competitors
    assert abs(scorer.bank.chance[0] - 2 / len(scorer.bank.matrix)) < 1e-9


def test_vocabulary_synonyms_of_a_rule_do_not_compete_with_it(encoder):
    bank = FrameScorer(encoder, [Rule(name="animals", prompts=["a dog", "a cat"])]).bank
    assert "a dog" not in bank.competitors and "a cat" not in bank.competitors
    assert "a chair" in bank.competitors


def test_zones_restrict_which_crops_count(scorer, encoder):
    fire, car = encoder.encode_text(["a photo of fire.", "a photo of a car."])
    left, right = (0, 0, 200, 480), (440, 0, 640, 480)
    crops = crops_with(scorer, [car, fire], [left, right])
    everywhere = scorer.evidence(crops, (640, 480))
    assert everywhere[0].box == right and everywhere[0].probability > 0.5
    left_half = Zone(points=[(0, 0), (0.5, 0), (0.5, 1), (0, 1)])
    zoned = scorer.evidence(crops, (640, 480), zones={"fire": [left_half]})
    assert zoned[0].box == left and zoned[0].probability < 0.2  # the fire is outside the zone
    nowhere = scorer.evidence(crops, (640, 480), zones={"fire": [Zone(points=[(0, 0), (5, 0), (0, 5)])]})
    assert nowhere[0].probability == 0.0 and nowhere[0].box is None


def test_calibration_is_relative_to_the_cameras_background_level():
    config = ScoringConfig()
    busy, quiet = Calibrator(), Calibrator()
    for value in (0.30, 0.32, 0.28, 0.31, 0.29):  # a camera that always looks a bit like the prompts
        busy.observe(value)
    for value in (0.02, 0.03, 0.025, 0.02, 0.03):
        quiet.observe(value)
    busy_score, busy_level = busy.score(0.40)
    quiet_score, quiet_level = quiet.score(0.10)
    assert busy_level == pytest.approx(0.30) and quiet_level == pytest.approx(0.025)
    # 0.40 on the busy camera is ordinary; 0.10 on the quiet one is four times its usual level
    assert busy_score < config.score_threshold <= quiet_score
    assert quiet_score == pytest.approx(1 - 0.025 / 0.10)
    assert Calibrator().score(0.9) == (0.0, 0.9)  # no history, no calibrated score
    assert config.score_threshold == pytest.approx(1 - 1 / config.lift_factor)


def test_decide_needs_the_lift_and_more_than_chance(scorer):
    calibrator = Calibrator()
    for _ in range(5):
        calibrator.observe(0.001)
    tiny = scorer.decide(RULES[0], RuleEvidence(0.01, 0.1, (0, 0, 1, 1), chance=0.02), calibrator)
    assert tiny.score > 0.85 and not tiny.matched  # ten times the background, but below chance
    real = scorer.decide(RULES[0], RuleEvidence(0.4, 0.3, (0, 0, 1, 1), chance=0.02), calibrator)
    assert real.matched
    fixed = Rule(name="fire", prompts=["fire"], threshold=0.35)
    assert not scorer.decide(fixed, RuleEvidence(0.9, 0.3, None, chance=0.02), calibrator).matched
    assert scorer.decide(fixed, RuleEvidence(0.01, 0.4, None, chance=0.02), calibrator).matched


def test_background_model_finds_a_new_object():
    from PIL import Image, ImageDraw

    model = BackgroundModel(history=5, min_frames=3)
    empty = Image.new("RGB", (320, 240), (90, 100, 110))
    assert model.regions(empty) == []  # not ready yet
    for _ in range(3):
        model.add(empty)
    scene = empty.copy()
    ImageDraw.Draw(scene).rectangle((200, 60, 280, 200), fill=(250, 120, 0))
    brighter = scene.point(lambda v: min(255, int(v * 1.1)))  # a lighting change is not an object
    (box,) = model.regions(brighter)
    assert 170 <= box[0] <= 200 and 280 <= box[2] <= 310 and 20 <= box[1] <= 60  # the box covers the object, with padding
