"""Scoring frame crops against text-prompt (and example-image) rules, in two modes: presence and novelty.

For each frame:

1. **Crops.** The whole frame, 2x2 and 3x3 grids of overlapping tiles, and the frame's *proposals*: moving regions from
   background subtraction and people boxes from the HOG detector (:mod:`agents.surveillance.motion`). All are
   encoded in one batch with the shared image encoder, so a small object is seen at a usable size.
2. **Open-vocabulary softmax.** Each crop is compared with every candidate description: all rules' prompts and
   example images, negative prompts, and a general vocabulary (ImageNet and COCO class names plus scene words,
   :mod:`agents.surveillance.vocabulary`). ``p_rule(crop)`` = the softmax mass (temperature ``temperature``) on
   that rule's prompts. A rule's *evidence* is its best crop (among crops whose footprint, the bottom-centre of
   the box, lies in the rule's zones). Being a share of one distribution, ``p`` means the same for every rule.
3. **Decision**, by the rule's ``mode``:

   * ``presence`` (default): ``p >= threshold``, an absolute level per rule: the rule's ``presence_threshold``,
     else the default ``presence_threshold`` of :class:`ScoringConfig`, raised for a camera by dismissed alerts
     (:mod:`agents.surveillance.feedback`), or fitted from labelled frames (:func:`fit_threshold`).
   * ``novelty``: the rule's share against this camera's own recent frames (``history``): their median is the
     background level ``b`` and the score is ``1 - b / p``; it fires when ``p >= lift_factor * b`` and ``p`` is
     above chance. A parking lot always looks a little like "a car": novelty alerts on what is unusual here.

   With an explicit ``threshold`` the raw cosine of the best crop to the best prompt is compared with it.

Example::

    >>> scorer = FrameScorer(advisor.encoder, spec.rules)             # doctest: +SKIP
    >>> crops = scorer.crops(image, proposals=[])                       # doctest: +SKIP
    >>> evidence = scorer.evidence(scorer.encode(image, crops) and crops, image.size)   # doctest: +SKIP
"""
from __future__ import annotations

import weakref
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from agents.surveillance.motion import footprint
from agents.surveillance.regions import DEFAULT_GRIDS, Box, tile_boxes
from agents.surveillance.rules import Mode, Rule, Zone
from agents.surveillance.vocabulary import SCENE_WORDS, general_vocabulary, templated


class ScoringConfig(BaseModel):
    """How frames are cropped, scored and decided (defaults are the documented method)."""

    model_config = ConfigDict(extra="forbid")
    grids: list[tuple[int, float]] = Field(default_factory=lambda: list(DEFAULT_GRIDS),
                                           description="(n, tile size) grids of overlapping tiles; [] for whole frame only.")
    regions: bool = Field(default=True, description="Also crop proposals (moving regions, people boxes).")
    min_crop: int = Field(default=96, ge=0, description="Smaller proposals are shown to the encoder as a square of this "
                          "many pixels around them (context for distant objects); 0 to crop them tightly.")
    temperature: float = Field(default=0.05, gt=0, description="Softmax temperature over all descriptions.")
    vocabulary: bool = Field(default=True, description="Let the COCO categories and scene words compete with the rules.")
    imagenet: bool = Field(default=False, description="Also the 1,000 ImageNet class names (see docs: they take the "
                           "share of people from 'a person').")
    synonym_cutoff: float = Field(default=0.7, description="Vocabulary words this close to a rule prompt do not compete.")
    presence_threshold: float = Field(default=0.01, gt=0, lt=1, description="Default share a presence rule needs.")
    presence_lift: float = Field(default=4.0, gt=1, description="Presence: how many times the share of the same box on "
                                 "the empty scene a proposal needs.")
    lift_factor: float = Field(default=2.5, gt=1, description="Novelty: how many times its camera's background share a rule needs.")
    check_probability: float = Field(default=0.4, ge=0, le=1, description="Share needed without a reference: a lone "
                                     "image, or a presence rule on tiles before the background is known.")
    warmup_frames: int = Field(default=15, ge=1, description="Frames read ahead to learn a camera before deciding.")
    history: int = Field(default=50, ge=5, description="Recent frames per (camera, rule) used for novelty calibration.")

    @property
    def score_threshold(self) -> float:
        """The novelty score at which a rule fires: ``1 - 1/lift_factor``."""
        return 1.0 - 1.0 / self.lift_factor


@dataclass
class RuleEvidence:
    """One rule's reading of one frame."""

    probability: float
    raw: float
    box: Box | None
    chance: float = 0.0
    index: int = -1  # which crop
    score: float = 0.0
    background: float = 0.0
    threshold: float = 0.0
    mode: str = Mode.presence.value
    reference: float | None = None  # the share of the same box on the empty scene
    matched: bool = False

    def scores(self) -> dict[str, float | str | None]:
        return {"score": round(self.score, 4), "probability": round(self.probability, 4),
                "background": round(self.background, 4), "raw": round(self.raw, 4),
                "reference": None if self.reference is None else round(self.reference, 5),
                "threshold": round(self.threshold, 4), "mode": self.mode}


_PROMPT_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class PromptBank:
    """Every candidate description encoded once; ``owner[j]`` is the rule index of row j, or -1 for competitors."""

    def __init__(self, encoder, rules: Sequence[Rule], config: ScoringConfig):
        self.rules = list(rules)
        rule_vectors, owner = [], []
        for index, rule in enumerate(self.rules):
            rule_vectors.append(self._encode(encoder, rule.prompts))
            if rule.examples:  # example images are matched in the same space as the text prompts
                rule_vectors.append(np.asarray(encoder.encode_images(list(rule.examples)), np.float32))
            owner += [index] * (len(rule.prompts) + len(rule.examples))
        negatives = [p for rule in self.rules for p in rule.negative_prompts]
        vocabulary = general_vocabulary(config.imagenet) if config.vocabulary else SCENE_WORDS
        competitors = list(dict.fromkeys(negatives + list(vocabulary)))
        other = self._encode(encoder, competitors)
        rule_vectors = np.vstack(rule_vectors) if rule_vectors else np.zeros((0, other.shape[1]), np.float32)
        # vocabulary words that mean the same as a rule prompt ("assault rifle" for "a rifle") must not compete
        # with it; a rule's own negative prompts always compete
        near = (other @ rule_vectors.T).max(axis=1) if len(rule_vectors) else np.zeros(len(other))
        keep = np.array([c in negatives or s < config.synonym_cutoff for c, s in zip(competitors, near)], bool)
        self.competitors = [c for c, k in zip(competitors, keep) if k]
        self.prompt_vectors = rule_vectors
        self.matrix = np.vstack([rule_vectors, other[keep]]).astype(np.float32)
        self.owner = np.array(owner + [-1] * int(keep.sum()))
        # the share each rule would get if every description were equally likely
        self.chance = [float((self.owner == i).sum()) / len(self.matrix) for i in range(len(self.rules))]

    @staticmethod
    def _encode(encoder, prompts: list[str]) -> np.ndarray:
        """Prompt vectors (mean over templates), cached per encoder: the vocabulary is the same for every watch."""
        try:
            cache = _PROMPT_CACHE.setdefault(encoder, {})
        except TypeError:  # an encoder that cannot be weakly referenced: no cache
            cache = {}
        missing = [p for p in dict.fromkeys(prompts) if p not in cache]
        if missing:
            per = len(templated("x"))
            sentences = [s for p in missing for s in templated(p)]
            vectors = encoder.encode_text(sentences).reshape(len(missing), per, -1).mean(axis=1)
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
            cache.update(zip(missing, vectors))
        return np.stack([cache[p] for p in prompts])

    def probabilities(self, crop_vectors: np.ndarray, temperature: float) -> tuple[np.ndarray, np.ndarray]:
        """(p, raw): per crop and rule, the softmax share of the rule's prompts and the best raw cosine."""
        sims = crop_vectors @ self.matrix.T
        logits = sims / temperature
        logits -= logits.max(axis=1, keepdims=True)
        weights = np.exp(logits)
        weights /= weights.sum(axis=1, keepdims=True)
        p = np.zeros((len(crop_vectors), len(self.rules)), np.float32)
        raw = np.full((len(crop_vectors), len(self.rules)), -1.0, np.float32)
        for index in range(len(self.rules)):
            mine = self.owner == index
            p[:, index] = weights[:, mine].sum(axis=1)
            raw[:, index] = sims[:, mine].max(axis=1)
        return p, raw


class Calibrator:
    """The running background level of one (camera, rule): the median share over its recent frames."""

    def __init__(self, history: int = 50):
        self.values: deque[float] = deque(maxlen=history)

    def observe(self, probability: float) -> None:
        self.values.append(float(probability))

    @property
    def background(self) -> float | None:
        return float(np.median(np.fromiter(self.values, np.float64))) if self.values else None

    def score(self, probability: float) -> tuple[float, float]:
        """(calibrated score in [0, 1), background level): ``1 - background / p``, 0 with no history."""
        background = self.background
        if background is None:
            return 0.0, float(probability)
        if probability <= background or probability <= 0:
            return 0.0, background
        return 1.0 - background / probability, background


@dataclass
class Crops:
    """What is encoded for one frame: ``boxes[i]`` is where ``images[i]`` comes from (tiles first, then proposals)."""

    boxes: list[Box]
    n_tiles: int
    images: list = field(default_factory=list)
    vectors: np.ndarray | None = None
    p: np.ndarray | None = None  # (crops, rules) shares, filled by FrameScorer.evidence
    n_proposals: int = 0  # proposals follow the tiles; then, when a background image is known, their references
    references: bool = False  # whether crops[n_tiles + n_proposals + i] is proposal i's box on the background

    def reference_of(self, index: int) -> int:
        """The index of a proposal's background crop, or -1 (tiles, or no background image)."""
        if not self.references or not self.n_tiles <= index < self.n_tiles + self.n_proposals:
            return -1
        return index + self.n_proposals

    def vector_at(self, index: int) -> np.ndarray | None:
        return None if self.vectors is None or index < 0 else self.vectors[index]


class FrameScorer:
    """Crops, encodes and scores frames for a set of rules (one instance shared by every camera)."""

    def __init__(self, encoder, rules: Sequence[Rule], config: ScoringConfig | None = None):
        self.encoder = encoder
        self.config = config or ScoringConfig()
        self.rules = list(rules)
        self.bank = PromptBank(encoder, self.rules, self.config)

    def crops(self, image, proposals: Sequence[Box] = (), background=None) -> Crops:
        """Tiles (the whole frame first), then the proposals (moving regions, people boxes), then the same
        proposal boxes cut from the camera's ``background`` image (the empty scene), when one is given."""
        tiles = tile_boxes(image.width, image.height, tuple(tuple(g) for g in self.config.grids))
        boxes = list(tiles)
        chosen = []
        if self.config.regions:
            chosen = [tuple(int(v) for v in box) for box in proposals if box[2] - box[0] >= 8 and box[3] - box[1] >= 8]
        seen = [self.context_box(box, image.size) for box in chosen]  # what the encoder is shown of each proposal
        images = [image.crop(box) for box in boxes + seen]
        references = background is not None and bool(chosen)
        if references:
            images += [background.crop(box) for box in seen]
        return Crops(boxes=boxes + chosen + (chosen if references else []), n_tiles=len(tiles), images=images,
                     n_proposals=len(chosen), references=references)

    def context_box(self, box: Box, size: tuple[int, int]) -> Box:
        """A proposal smaller than ``min_crop`` pixels is shown to the encoder as a ``min_crop`` square around its
        centre (inside the frame): a distant pedestrian 40 pixels tall, blown up alone to the encoder's input size,
        is a blur; with some of the street around it, it is a person. The box itself (zones, tracking) is unchanged."""
        x1, y1, x2, y2 = box
        side = self.config.min_crop
        if max(x2 - x1, y2 - y1) >= side:
            return box
        width, height = size
        left = int(min(max(0, (x1 + x2) / 2 - side / 2), max(0, width - side)))
        top = int(min(max(0, (y1 + y2) / 2 - side / 2), max(0, height - side)))
        return left, top, min(width, left + side), min(height, top + side)

    def encode(self, image, crops: Crops) -> np.ndarray:
        crops.vectors = self.encoder.encode_images(crops.images or [image.crop(box) for box in crops.boxes])
        return crops.vectors

    def evidence(self, crops: Crops, size: tuple[int, int], zones: dict[str, list[Zone]] | None = None) -> list[RuleEvidence]:
        """Per rule: the best crop's softmax share (footprint inside the rule's zones), raw cosine and reference.

        A presence rule looks at proposals measured against the same box on the empty scene (its reference
        share); without proposals or a background image, at every crop against an absolute level only.
        """
        p, raw = self.bank.probabilities(crops.vectors, self.config.temperature)
        crops.p = p
        scored = crops.n_tiles + crops.n_proposals  # background crops are references, never candidates
        out = []
        for index, rule in enumerate(self.rules):
            in_zones = crops_in_zones(crops.boxes, (zones or {}).get(rule.name, []), size)
            allowed = in_zones.copy()
            allowed[scored:] = False
            if rule.mode == Mode.presence and crops.references:
                allowed[:crops.n_tiles] = False
            if not allowed.any():
                out.append(RuleEvidence(0.0, -1.0, None, mode=rule.mode.value))
                continue
            candidates = np.where(allowed)[0]
            lift = np.array([p[i, index] / max(p[crops.reference_of(i), index], 1e-6) if crops.reference_of(i) >= 0
                             else np.inf for i in candidates])
            # the best crop that stands out from its own background; else simply the best crop
            standing = candidates[lift >= self.config.presence_lift]
            pool = standing if len(standing) else candidates
            best = int(pool[int(np.argmax(p[pool, index]))])
            proposal_matches = len(standing) and p[best, index] >= self.presence_threshold(rule)
            if rule.mode == Mode.presence and crops.references and not proposal_matches:
                best = self._whole_view(best, p[:, index], crops, in_zones)
            ref = crops.reference_of(best)
            out.append(RuleEvidence(float(p[best, index]), float(raw[candidates, index].max()), crops.boxes[best],
                                    chance=self.bank.chance[index], index=best, mode=rule.mode.value,
                                    reference=float(p[ref, index]) if ref >= 0 else None))
        return out

    def _whole_view(self, best: int, shares: np.ndarray, crops: Crops, allowed: np.ndarray) -> int:
        """No proposal stands out from the empty scene: the best whole-view tile is taken instead when its share
        alone reaches ``check_probability`` (an object too large for, or absorbed by, the background model), and is
        then decided without a reference, like a camera whose background is not known yet."""
        tiles = np.where(allowed[:crops.n_tiles])[0]
        if not len(tiles):
            return best
        tile = int(tiles[int(np.argmax(shares[tiles]))])
        return tile if shares[tile] >= self.config.check_probability else best

    def decide(self, rule: Rule, evidence: RuleEvidence, calibrator: Calibrator, raised: float | None = None) -> RuleEvidence:
        """Fill ``score``/``background``/``threshold``/``matched`` for one rule on one frame.

        ``raised`` is the level dismissed alerts set for this camera (:mod:`agents.surveillance.feedback`): the
        decision value must reach it too. The calibrator is not updated here.
        """
        evidence.score, evidence.background = calibrator.score(evidence.probability)
        evidence.mode = rule.mode.value
        if rule.threshold is not None:
            evidence.threshold = rule.threshold
            evidence.matched = evidence.raw >= rule.threshold
            return evidence
        if rule.mode == Mode.novelty:
            evidence.threshold = max(self.config.score_threshold, raised or 0.0)
            evidence.matched = evidence.score >= evidence.threshold and evidence.probability > evidence.chance
        else:
            # without a reference (no proposal, no background image yet) a whole-view share must carry the decision
            base = self.presence_threshold(rule) if evidence.reference is not None or rule.presence_threshold\
                else self.config.check_probability
            evidence.threshold = max(base, raised or 0.0)
            evidence.score = evidence.probability
            stands_out = evidence.reference is None or evidence.probability >= self.config.presence_lift * evidence.reference
            evidence.matched = evidence.probability >= evidence.threshold and stands_out
        return evidence

    def presence_threshold(self, rule: Rule) -> float:
        return rule.presence_threshold if rule.presence_threshold is not None else self.config.presence_threshold


def crops_in_zones(boxes: list[Box], zones: list[Zone], size: tuple[int, int]) -> np.ndarray:
    """Crops whose footprint (bottom-centre) lies inside any zone (all crops when the rule has no zones)."""
    if not zones:
        return np.ones(len(boxes), bool)
    width, height = size
    return np.array([any(z.contains(*footprint(b), width, height) for z in zones) for b in boxes], bool)


def fit_threshold(shares: Sequence[float], labels: Sequence[bool]) -> float:
    """The presence level that best separates labelled shares (max F1; midway between neighbouring values).

    >>> fit_threshold([0.9, 0.8, 0.2, 0.1], [True, True, False, False])
    0.5
    """
    pairs = sorted(zip(shares, labels))
    if not any(labels):
        return min(0.99, max(shares) + 0.01) if shares else 0.5
    best, best_f1 = 0.5, -1.0
    positives = sum(labels)
    for i in range(len(pairs)):
        cut = (pairs[i - 1][0] + pairs[i][0]) / 2 if i else pairs[0][0] / 2
        tp = sum(lab for _, lab in pairs[i:])
        fp = len(pairs) - i - tp
        f1 = 2 * tp / max(2 * tp + fp + (positives - tp), 1)
        if f1 > best_f1:
            best, best_f1 = cut, f1
    return round(float(best), 4)
