"""Scoring frames against text-prompt rules, and calibrating the scores without per-rule thresholds.

For each frame:

1. **Crops.** The whole frame, overlapping tiles (2x2 and 3x3) and tight boxes around foreground regions found by
   the camera's background model (:mod:`agents.surveillance.regions`), each also as a cut-out on white, are
   encoded in one batch with the shared image encoder, so an object filling a fifth of the frame is seen at a
   usable size.
2. **Open-vocabulary softmax.** Each crop is compared with every candidate description: all rules' prompts
   (under several templates), negative prompts, empty-scene prompts and an everyday-object vocabulary
   (:mod:`agents.surveillance.vocabulary`). ``p_rule(crop)`` = the softmax mass (temperature ``temperature``)
   on that rule's prompts. A rule's *evidence* in a frame is the max over crops (inside its zones, if any).
   Being a share of one distribution, ``p`` means the same thing for every rule: scores are comparable.
3. **Camera calibration.** Each (camera, rule) keeps the evidence of its recent frames (``history``); their
   median is that camera's *background level* for the rule: how much a view with nothing special in it already
   looks like the prompts (a parking lot always looks a bit like "a car"). The frame's calibrated score is the
   share above that level, ``score = 1 - background / p`` (0 when ``p`` is at or below the background).
4. **Decision.** Without a ``threshold`` a rule matches a frame when ``score >= 1 - 1/lift_factor`` (its share is at
   least ``lift_factor`` times the camera's background level, a likelihood-ratio test against the camera's own
   recent frames) **and** ``p`` is above chance (the share the rule's prompts would get from a uniform softmax).
   ``lift_factor`` is one fixed, documented constant, the same for every rule and camera. The first
   ``warmup_frames`` of a camera are read ahead, so they are judged against the warm-up window.
   With an explicit ``threshold`` the raw cosine of the best crop to the best prompt is compared with it.

Example::

    >>> scorer = FrameScorer(advisor.encoder, spec.rules)             # doctest: +SKIP
    >>> crops = scorer.crops(image, regions=[])                         # doctest: +SKIP
    >>> evidence = scorer.evidence(scorer.encode(image, crops), crops, image.size, zones={})   # doctest: +SKIP
"""
from __future__ import annotations

import weakref
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from agents.surveillance.regions import DEFAULT_GRIDS, Box, box_centre, tile_boxes
from agents.surveillance.rules import Rule, Zone
from agents.surveillance.vocabulary import OBJECT_VOCABULARY, SCENE_PROMPTS, templated


class ScoringConfig(BaseModel):
    """How frames are cropped, scored and calibrated (defaults are the documented method)."""

    model_config = ConfigDict(extra="forbid")
    grids: list[tuple[int, float]] = Field(default_factory=lambda: list(DEFAULT_GRIDS),
                                           description="(n, tile size) grids of overlapping tiles; [] for whole frame only.")
    regions: bool = Field(default=True, description="Also crop foreground regions from the background model.")
    temperature: float = Field(default=0.05, gt=0, description="Softmax temperature over all descriptions.")
    vocabulary: bool = Field(default=True, description="Let everyday-object words compete with the rules.")
    synonym_cutoff: float = Field(default=0.7, description="Vocabulary words this close to a rule prompt do not compete.")
    lift_factor: float = Field(default=2.5, gt=1, description="How many times its camera's background share a rule needs.")
    check_probability: float = Field(default=0.5, ge=0, le=1, description="Share needed by a lone image (no camera history).")
    warmup_frames: int = Field(default=15, ge=1, description="Frames read ahead to learn a camera before deciding.")
    history: int = Field(default=50, ge=5, description="Recent frames per (camera, rule) used for calibration.")

    @property
    def score_threshold(self) -> float:
        """The calibrated score at which a rule fires: ``1 - 1/lift_factor``."""
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
    matched: bool = False

    def scores(self) -> dict[str, float]:
        return {"score": round(self.score, 4), "probability": round(self.probability, 4),
                "background": round(self.background, 4), "raw": round(self.raw, 4)}


_PROMPT_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class PromptBank:
    """Every candidate description encoded once; ``owner[j]`` is the rule index of row j, or -1 for competitors."""

    def __init__(self, encoder, rules: Sequence[Rule], config: ScoringConfig):
        self.rules = list(rules)
        texts, owner = [], []
        for index, rule in enumerate(self.rules):
            texts += rule.prompts
            owner += [index] * len(rule.prompts)
        negatives = [p for rule in self.rules for p in rule.negative_prompts]
        competitors = list(dict.fromkeys(negatives + list(SCENE_PROMPTS) + (list(OBJECT_VOCABULARY) if config.vocabulary else [])))
        vectors = self._encode(encoder, texts + competitors)
        rule_vectors, other = vectors[:len(texts)], vectors[len(texts):]
        # everyday words that mean the same as a rule prompt ("a bicycle" for "a vehicle") must not compete with it;
        # a rule's own negative prompts always compete
        near = (other @ rule_vectors.T).max(axis=1) if len(texts) else np.zeros(len(other))
        keep = np.array([c in negatives or c in SCENE_PROMPTS or s < config.synonym_cutoff for c, s in zip(competitors, near)], bool)
        self.competitors = [c for c, k in zip(competitors, keep) if k]
        self.prompt_vectors = rule_vectors
        self.matrix = np.vstack([rule_vectors, other[keep]]).astype(np.float32)
        self.owner = np.array(owner + [-1] * int(keep.sum()))
        # the share each rule would get if every description were equally likely
        self.chance = [len(rule.prompts) / len(self.matrix) for rule in self.rules]

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
    """What is encoded for one frame: ``boxes[i]`` is where ``images[i]`` comes from (tiles first)."""

    boxes: list[Box]
    n_tiles: int
    images: list = field(default_factory=list)
    vectors: np.ndarray | None = None

    def vector_at(self, index: int) -> np.ndarray | None:
        return None if self.vectors is None or index < 0 else self.vectors[index]


class FrameScorer:
    """Crops, encodes and scores frames for a set of rules (one instance shared by every camera)."""

    def __init__(self, encoder, rules: Sequence[Rule], config: ScoringConfig | None = None):
        self.encoder = encoder
        self.config = config or ScoringConfig()
        self.rules = list(rules)
        self.bank = PromptBank(encoder, self.rules, self.config)

    def crops(self, image, regions: Sequence[Box] = (), cutouts: Sequence = ()) -> Crops:
        """Tiles, then foreground regions, then their cut-outs (``cutouts[i]`` belongs to ``regions[i]``)."""
        tiles = tile_boxes(image.width, image.height, tuple(tuple(g) for g in self.config.grids))
        boxes, images = list(tiles), [image.crop(box) for box in tiles]
        if self.config.regions:
            regions = [tuple(int(v) for v in box) for box in regions]
            boxes += regions + regions[:len(cutouts)]
            images += [image.crop(box) for box in regions] + list(cutouts)
        return Crops(boxes=boxes, n_tiles=len(tiles), images=images)

    def encode(self, image, crops: Crops) -> np.ndarray:
        crops.vectors = self.encoder.encode_images(crops.images or [image.crop(box) for box in crops.boxes])
        return crops.vectors

    def evidence(self, crops: Crops, size: tuple[int, int], zones: dict[str, list[Zone]] | None = None) -> list[RuleEvidence]:
        """Per rule: the best crop's softmax share (inside the rule's zones) and raw cosine."""
        p, raw = self.bank.probabilities(crops.vectors, self.config.temperature)
        out = []
        for index, rule in enumerate(self.rules):
            allowed = _crops_in_zones(crops.boxes, (zones or {}).get(rule.name, []), size)
            if not allowed.any():
                out.append(RuleEvidence(0.0, -1.0, None))
                continue
            candidates = np.where(allowed)[0]
            best = candidates[int(np.argmax(p[candidates, index]))]
            out.append(RuleEvidence(float(p[best, index]), float(raw[candidates, index].max()), crops.boxes[best],
                                    chance=self.bank.chance[index], index=int(best)))
        return out

    def decide(self, rule: Rule, evidence: RuleEvidence, calibrator: Calibrator) -> RuleEvidence:
        """Fill ``score``/``background``/``matched`` for one rule on one frame (the calibrator is not updated here)."""
        evidence.score, evidence.background = calibrator.score(evidence.probability)
        if rule.threshold is not None:
            evidence.matched = evidence.raw >= rule.threshold
        else:
            evidence.matched = (evidence.score >= self.config.score_threshold and evidence.probability > evidence.chance)
        return evidence


def _crops_in_zones(boxes: list[Box], zones: list[Zone], size: tuple[int, int]) -> np.ndarray:
    """Crops whose centre lies inside any zone (all crops when the rule has no zones)."""
    if not zones:
        return np.ones(len(boxes), bool)
    width, height = size
    return np.array([any(z.contains(*box_centre(b), width, height) for z in zones) for b in boxes], bool)
