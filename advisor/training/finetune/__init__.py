"""Fine-tuning and evaluation of the encoder (training code: inference users never import it).

Example::

    >>> from advisor.finetune import FinetuneConfig, finetune, evaluate_pairs
    >>> result = finetune(FinetuneConfig(train="train.jsonl", out="runs/heads", mode="heads"))  # doctest: +SKIP
    >>> evaluate_pairs("test.jsonl", model="runs/heads")["t2i_recall@5"]                        # doctest: +SKIP
"""
from __future__ import annotations

from advisor.training.finetune.config import FinetuneConfig, FinetuneResult, Mode
from advisor.training.finetune.evaluate import evaluate_pairs, retrieval_metrics
from advisor.training.finetune.pairs import PairsError, PairSet, TooFewPairsError, load_pairs


def finetune(config: FinetuneConfig) -> FinetuneResult | None:
    """Run one fine-tuning job (see :func:`advisor.training.finetune.run.finetune`); None on the non-main processes
    of a launched data-parallel run."""
    from advisor.training.finetune.run import finetune as _finetune  # noqa: PLC0415 - pulls torch (torch is heavy: loaded on first use)

    return _finetune(config)


__all__ = ["FinetuneConfig", "FinetuneResult", "Mode", "PairSet", "PairsError", "TooFewPairsError", "evaluate_pairs",
           "finetune", "load_pairs", "retrieval_metrics"]
