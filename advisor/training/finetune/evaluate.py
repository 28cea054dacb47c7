"""Retrieval metrics for image-caption pairs: recall@k both ways, median rank, matched/unmatched report.

A retrieved item is a hit when it carries the query's caption (duplicated captions exist in real data) or is
the query pair's own image/caption. Queries are the pairs themselves, galleries all pairs of the set.

Example::

    >>> import numpy as np
    >>> e = np.eye(3, dtype=np.float32)
    >>> retrieval_metrics(e, e, np.array([0, 1, 2]))["t2i_recall@1"]
    1.0
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from advisor.core.encoder import load_encoder
from advisor.training.finetune.pairs import PairSet, load_pairs

log = logging.getLogger(__name__)

KS = (1, 5, 10)
PRIMARY_METRIC = "t2i_recall@5"


def relevance(caption_ids: np.ndarray, image_ids: np.ndarray | None = None) -> np.ndarray:
    """(n, n) boolean: pair ``j`` is a right answer for pair ``i`` (same caption, or same image file)."""
    caption_ids = np.asarray(caption_ids)
    relevant = caption_ids[:, None] == caption_ids[None, :]
    if image_ids is not None:
        image_ids = np.asarray(image_ids)
        relevant |= image_ids[:, None] == image_ids[None, :]
    return relevant


def first_hit_ranks(scores: np.ndarray, relevant: np.ndarray) -> np.ndarray:
    """1-based rank of the best-ranked relevant gallery item, per query row (ties counted pessimistically)."""
    best_relevant = np.where(relevant, scores, -np.inf).max(axis=1)
    # items scoring at least as high as the best right answer (excluding right answers themselves)
    above = ((scores >= best_relevant[:, None]) & ~relevant).sum(axis=1)
    return above + 1


def retrieval_metrics(text: np.ndarray, images: np.ndarray, caption_ids: Sequence, image_ids: Sequence | None = None,
                      ks: Sequence[int] = KS) -> dict[str, float]:
    """Recall@k (fractions) and median rank, text->image and image->text, for row-aligned pair embeddings.

    ``text[i]`` and ``images[i]`` embed pair ``i`` (L2-normalised); ``caption_ids[i]`` identifies its caption
    (equal ids = same caption) and ``image_ids[i]`` its image file.
    """
    text = np.asarray(text, dtype=np.float32)
    images = np.asarray(images, dtype=np.float32)
    if len(text) != len(images) or len(text) != len(caption_ids):
        raise ValueError("text, images and caption ids must have one row per pair")
    relevant = relevance(np.asarray(caption_ids), None if image_ids is None else np.asarray(image_ids))
    scores = text @ images.T
    metrics: dict[str, float] = {}
    for name, ranks in (("t2i", first_hit_ranks(scores, relevant)), ("i2t", first_hit_ranks(scores.T, relevant.T))):
        for k in ks:
            metrics[f"{name}_recall@{k}"] = float(np.mean(ranks <= k))
        metrics[f"{name}_median_rank"] = float(np.median(ranks))
    metrics["mean_recall"] = float(np.mean([metrics[f"{d}_recall@{k}"] for d in ("t2i", "i2t") for k in ks]))
    metrics["pairs"] = int(len(text))
    return metrics


def mean_recall(text: np.ndarray, images: np.ndarray, caption_ids: Sequence, image_ids: Sequence | None = None) -> float:
    """Mean of recall@1/5/10 both ways: one number for early stopping."""
    return retrieval_metrics(text, images, caption_ids, image_ids)["mean_recall"]


def ids_of(values: Sequence) -> np.ndarray:
    """Integer ids for hashable values (equal values, equal ids)."""
    lookup: dict = {}
    return np.array([lookup.setdefault(value, len(lookup)) for value in values], dtype=np.int64)


# ---------------------------------------------------------------- matched / unmatched classification


def matched_unmatched_scores(text: np.ndarray, images: np.ndarray, caption_ids: np.ndarray,
                             seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Cosine scores of every true pair and of one random mismatched pair per image; labels 1 = matched."""
    rng = np.random.default_rng(seed)
    count = len(text)
    matched = np.einsum("ij,ij->i", text, images)
    others = []
    for index in range(count):
        candidates = np.flatnonzero(caption_ids != caption_ids[index])
        others.append(rng.choice(candidates) if len(candidates) else index)
    unmatched = np.einsum("ij,ij->i", text[np.array(others)], images)
    scores = np.concatenate([matched, unmatched])
    labels = np.concatenate([np.ones(count, int), np.zeros(count, int)])
    return scores, labels


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    """The cosine threshold that maximises F1 of the 'matched' class on validation scores."""
    from sklearn.metrics import precision_recall_curve  # noqa: PLC0415 - scikit-learn is heavy: loaded on first fit

    precision, recall, thresholds = precision_recall_curve(labels, scores)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    return float(thresholds[int(np.argmax(f1[:-1]))]) if len(thresholds) else 0.5


def classification_report(text: np.ndarray, images: np.ndarray, caption_ids: np.ndarray,
                          val: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None, seed: int = 0) -> dict:
    """The matched/unmatched pair report (precision, recall, F1 per class) at a threshold fitted on ``val``.

    Without ``val``, a seeded half of the pairs fits the threshold and the other half is reported.
    """
    from sklearn.metrics import classification_report as sk_report  # noqa: PLC0415 - scikit-learn is heavy: loaded on first fit

    caption_ids = np.asarray(caption_ids)
    if val is None:
        order = np.random.default_rng(seed).permutation(len(text))
        fit, rest = order[: len(order) // 2], order[len(order) // 2:]
        val = (text[fit], images[fit], caption_ids[fit])
        text, images, caption_ids = text[rest], images[rest], caption_ids[rest]
    threshold = best_threshold(*matched_unmatched_scores(*val, seed=seed))
    scores, labels = matched_unmatched_scores(text, images, caption_ids, seed=seed + 1)
    predicted = (scores >= threshold).astype(int)
    report = sk_report(labels, predicted, labels=[1, 0], target_names=["matched", "unmatched"], output_dict=True,
                       zero_division=0)
    report["threshold"] = threshold
    return report


def format_report(report: dict) -> str:
    lines = [f"threshold {report['threshold']:.4f} (fitted on validation pairs)",
             f"{'':>12} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>9}"]
    for name in ("matched", "unmatched", "macro avg", "weighted avg"):
        row = report[name]
        lines.append(f"{name:>12} {row['precision']:9.3f} {row['recall']:9.3f} {row['f1-score']:9.3f} {int(row['support']):9d}")
    lines.append(f"{'accuracy':>12} {report['accuracy']:9.3f}")
    return "\n".join(lines)


def format_metrics(metrics: dict) -> str:
    """Two human-readable lines of recall metrics."""
    lines = []
    for direction, label in (("t2i", "text->image"), ("i2t", "image->text")):
        recalls = "  ".join(f"R@{k} {metrics[f'{direction}_recall@{k}']:.3f}" for k in KS)
        lines.append(f"{label}: {recalls}  median rank {metrics[f'{direction}_median_rank']:.1f}")
    return "\n".join(lines)


def encode_pairs(encoder, pairs, progress: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Embed a :class:`~advisor.training.finetune.pairs.PairSet` with an :class:`~advisor.core.encoder.Encoder`."""
    text = encoder.encode_text(pairs.captions, progress=progress)
    images = encoder.encode_images(pairs.images, progress=progress)
    return text, images


def evaluate_pairs(pairs, model: str | Path | None = None, encoder=None, report: bool = False,
                   progress: bool = False) -> dict:
    """Recall metrics of an encoder (``model`` spec, or a loaded ``encoder``) on a pair file or PairSet.

    Example::

        >>> evaluate_pairs("test.jsonl", model="runs/heads")["t2i_recall@5"]     # doctest: +SKIP
        0.41
    """
    pair_set = pairs if isinstance(pairs, PairSet) else load_pairs(pairs, min_pairs=2)
    if encoder is None:
        encoder = load_encoder(str(model) if model else None)
    text, images = encode_pairs(encoder, pair_set, progress=progress)
    metrics = retrieval_metrics(text, images, ids_of(pair_set.captions), ids_of(pair_set.images))
    metrics["skipped"] = len(pair_set.skipped)
    if report:
        metrics["report"] = classification_report(text, images, ids_of(pair_set.captions))
    return metrics
