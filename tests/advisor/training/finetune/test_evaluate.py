import numpy as np
import pytest

from advisor.training.finetune.evaluate import (
    classification_report,
    first_hit_ranks,
    ids_of,
    relevance,
    retrieval_metrics,
)


def unit(rows):
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_hand_checked_toy_case():
    # 3 pairs; text 0 -> image 0 best; text 1 -> image 2 then image 1 (rank 2); text 2 -> image 1 .. image 2 rank 2
    text = unit([[1, 0, 0], [0, 0.6, 0.8], [0, 0.8, 0.6]])
    images = unit([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    m = retrieval_metrics(text, images, [0, 1, 2])
    assert m["t2i_recall@1"] == pytest.approx(1 / 3)
    assert m["t2i_recall@5"] == 1.0
    assert m["t2i_median_rank"] == 2.0
    # image 1 -> text 2 (0.8) before its text 1 (0.6): rank 2; image 2 -> text 1 (0.8) before text 2: rank 2
    assert m["i2t_recall@1"] == pytest.approx(1 / 3)
    assert m["i2t_median_rank"] == 2.0
    assert set(m) >= {f"{d}_recall@{k}" for d in ("t2i", "i2t") for k in (1, 5, 10)}


def test_duplicate_captions_count_as_hits():
    text = unit([[1, 0], [1, 0]])
    images = unit([[0.9, 0.1], [1, 0]])  # text 0's own image ranks second, but image 1 has the same caption
    same_caption = retrieval_metrics(text, images, ids_of(["a cat", "a cat"]))
    different = retrieval_metrics(text, images, ids_of(["a cat", "a dog"]))
    assert same_caption["t2i_recall@1"] == 1.0
    assert different["t2i_recall@1"] == 0.5


def test_ties_are_pessimistic():
    scores = np.array([[0.5, 0.5, 0.1]])
    relevant = np.array([[True, False, False]])
    assert first_hit_ranks(scores, relevant)[0] == 2


def test_relevance_includes_same_image():
    rel = relevance(np.array([0, 1]), np.array([7, 7]))
    assert rel.all()


def test_matches_independent_recomputation():
    rng = np.random.default_rng(0)
    text, images = unit(rng.normal(size=(50, 8))), unit(rng.normal(size=(50, 8)))
    scores = text @ images.T
    expected = np.mean([i in np.argsort(-scores[i])[:5] for i in range(50)])
    assert retrieval_metrics(text, images, np.arange(50))["t2i_recall@5"] == pytest.approx(expected)


def test_classification_report_has_both_classes():
    rng = np.random.default_rng(1)
    images = unit(rng.normal(size=(40, 16)))
    text = unit(images + 0.2 * rng.normal(size=(40, 16)))
    report = classification_report(text, images, np.arange(40))
    assert report["matched"]["f1-score"] > 0.8
    assert -1.0 <= report["threshold"] <= 1.0
    assert "unmatched" in report


def test_mismatched_lengths_are_an_error():
    with pytest.raises(ValueError):
        retrieval_metrics(np.zeros((2, 3)), np.zeros((3, 3)), [0, 1])
