"""Scoring: the open-vocabulary softmax, zones by footprint, presence and novelty modes (real encoder, text side)."""
from __future__ import annotations

import numpy as np
import pytest

from agents.surveillance.regions import tile_boxes
from agents.surveillance.rules import Rule, Zone
from agents.surveillance.scoring import Calibrator, Crops, FrameScorer, RuleEvidence, ScoringConfig, fit_threshold

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
    p, _raw = scorer.bank.probabilities(crops.vectors, scorer.config.temperature)
    assert p.shape == (3, 2) and np.all((p >= 0) & (p <= 1))
    assert p[0, 0] > 0.5 and p[0, 0] > p[0, 1]  # fire text -> fire rule
    assert p[1, 1] > 0.5 and p[1, 1] > p[1, 0]  # car text -> vehicle rule
    assert p[2].max() < 0.2  # a turtle goes to the vocabulary, not to either rule
    assert "potted plant" in scorer.bank.competitors and "foliage" in scorer.bank.competitors
    assert abs(scorer.bank.chance[0] - 2 / len(scorer.bank.matrix)) < 1e-9


def test_vocabulary_synonyms_of_a_rule_do_not_compete_with_it(encoder):
    bank = FrameScorer(encoder, [Rule(name="animals", prompts=["dog", "cat"])]).bank
    assert "dog" not in bank.competitors and "cat" not in bank.competitors
    assert "chair" in bank.competitors and len(bank.competitors) > 100  # COCO + scene words


def test_zones_test_the_footprint_of_each_crop(scorer, encoder):
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
    # a tall box whose centre is above the floor zone but whose feet stand in it counts; the reverse does not
    floor = Zone(points=[(0, 0.7), (1, 0.7), (1, 1), (0, 1)])
    standing, hanging = (440, 200, 640, 470), (440, 0, 640, 300)
    crops = crops_with(scorer, [fire, fire], [hanging, standing])
    assert scorer.evidence(crops, (640, 480), zones={"fire": [floor]})[0].box == standing


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


def test_novelty_needs_the_lift_and_more_than_chance(scorer):
    novelty = Rule(name="fire", prompts=["fire", "flames"], mode="novelty")
    calibrator = Calibrator()
    for _ in range(5):
        calibrator.observe(0.001)
    tiny = scorer.decide(novelty, RuleEvidence(0.01, 0.1, (0, 0, 1, 1), chance=0.02), calibrator)
    assert tiny.score > 0.85 and not tiny.matched  # ten times the background, but below chance
    real = scorer.decide(novelty, RuleEvidence(0.4, 0.3, (0, 0, 1, 1), chance=0.02), calibrator)
    assert real.matched and real.mode == "novelty"
    fixed = Rule(name="fire", prompts=["fire"], threshold=0.35)
    assert not scorer.decide(fixed, RuleEvidence(0.9, 0.3, None, chance=0.02), calibrator).matched
    assert scorer.decide(fixed, RuleEvidence(0.01, 0.4, None, chance=0.02), calibrator).matched


def test_presence_fires_on_a_busy_camera_where_novelty_stays_quiet(scorer):
    busy = Calibrator()
    for _ in range(20):
        busy.observe(0.8)  # a person is always in view
    presence = Rule(name="fire", prompts=["fire"])
    novelty = Rule(name="fire", prompts=["fire"], mode="novelty")
    assert presence.mode.value == "presence"  # the default for a prompt-only rule
    seen = scorer.decide(presence, RuleEvidence(0.8, 0.3, (0, 0, 9, 9), chance=0.01, reference=0.01), busy)
    assert seen.matched and seen.threshold == scorer.config.presence_threshold
    # the same share on a box that looks just as much like fire on the empty scene is the scenery, not an object
    assert not scorer.decide(presence, RuleEvidence(0.8, 0.3, (0, 0, 9, 9), chance=0.01, reference=0.5), busy).matched
    # no reference (tiles only): the whole-view share must reach check_probability
    assert not scorer.decide(presence, RuleEvidence(0.3, 0.3, None, chance=0.01), busy).matched
    assert not scorer.decide(novelty, RuleEvidence(0.8, 0.3, (0, 0, 9, 9), chance=0.01), busy).matched
    assert not scorer.decide(presence, RuleEvidence(0.8, 0.3, None, chance=0.01), busy, raised=0.85).matched
    strict = Rule(name="fire", prompts=["fire"], presence_threshold=0.9)
    assert not scorer.decide(strict, RuleEvidence(0.8, 0.3, None, chance=0.01), busy).matched


def test_presence_falls_back_to_a_whole_view_tile_only_when_no_proposal_stands_out(scorer, encoder):
    fire, grass, car = encoder.encode_text(["a photo of fire.", "a photo of grass.", "a photo of a car."])
    tiles = [(0, 0, 640, 480), (0, 0, 320, 240)]
    proposal = (400, 300, 500, 420)

    def frame(tile_vectors, proposal_vector, background_vector):
        crops = Crops(boxes=tiles + [proposal, proposal], n_tiles=2, n_proposals=1, references=True)
        crops.vectors = np.asarray(list(tile_vectors) + [proposal_vector, background_vector], np.float32)
        return scorer.evidence(crops, (640, 480))

    calibrator = Calibrator()
    presence = RULES[0]
    # the proposal is grass on grass (nothing stands out), but a whole-view tile is plainly fire
    ev = frame([grass, fire], grass, grass)[0]
    assert ev.index == 1 and ev.reference is None and ev.probability >= scorer.config.check_probability
    assert scorer.decide(presence, ev, calibrator).matched
    # no such tile: the proposal is the evidence, measured against its empty scene, and does not match
    ev = frame([grass, car], grass, grass)[0]
    assert ev.index == 2 and ev.reference is not None
    assert not scorer.decide(presence, ev, calibrator).matched
    # a proposal that stands out wins over any tile
    ev = frame([grass, fire], fire, grass)[0]
    assert ev.index == 2 and scorer.decide(presence, ev, calibrator).matched


def test_small_proposals_are_shown_with_context_but_keep_their_box(scorer):
    from PIL import Image

    frame = Image.new("RGB", (640, 480), "gray")
    small, edge, large = (300, 200, 330, 240), (0, 450, 20, 480), (100, 100, 300, 400)
    crops = scorer.crops(frame, [small, edge, large])
    side = scorer.config.min_crop
    shown = crops.images[crops.n_tiles:crops.n_tiles + 3]
    assert [im.size for im in shown] == [(side, side), (side, side), (200, 300)]
    assert crops.boxes[crops.n_tiles:crops.n_tiles + 3] == [small, edge, large]  # zones and tracks see the object
    assert scorer.context_box(edge, frame.size) == (0, 480 - side, side, 480)  # kept inside the frame
    tight = FrameScorer(scorer.encoder, RULES, ScoringConfig(min_crop=0))
    assert tight.crops(frame, [small]).images[-1].size == (30, 40)


def test_presence_threshold_is_fitted_from_labelled_shares():
    assert fit_threshold([0.9, 0.7, 0.3, 0.1], [True, True, False, False]) == 0.5
    assert fit_threshold([0.6, 0.5, 0.55, 0.1], [True, False, True, False]) == pytest.approx(0.525)
    assert fit_threshold([0.2, 0.3], [False, False]) == pytest.approx(0.31)  # nothing to find: above every share


def test_example_images_trigger_a_rule(encoder, tmp_path):
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (96, 96), "white")
    ImageDraw.Draw(picture).ellipse((10, 10, 86, 86), fill=(230, 40, 40))
    picture.save(tmp_path / "example.png")
    plain = FrameScorer(encoder, [Rule(name="ball", prompts=["a red ball"])])
    with_example = FrameScorer(encoder, [Rule(name="ball", prompts=["a red ball"], examples=[str(tmp_path / "example.png")])])
    crops = with_example.crops(picture)
    with_example.encode(picture, crops)
    assert with_example.evidence(crops, picture.size)[0].probability > plain.evidence(crops, picture.size)[0].probability
    assert with_example.evidence(crops, picture.size)[0].probability > 0.9
