"""Training pairs from feedback: the images and captions of items users liked or bought since the last model.

``advisor finetune --from-feedback`` writes them as a seeded train/held-out split of JSONL pair files (the
held-out file is recorded in the registry and used by the promotion gate).

Example::

    >>> train, heldout, count = write_feedback_pairs(advisor.store, since=None, folder=Path("runs/fb"))  # doctest: +SKIP
"""
from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from advisor.core.store.interaction_models import Interaction
from advisor.core.store.models import Item
from advisor.training.finetune.pairs import TooFewPairsError, write_pairs

POSITIVE_KINDS = ("like", "purchase")
MIN_PAIRS = 8  # fewer cannot be split into a training set and a held-out set worth measuring


def feedback_pairs(store: Any, since: datetime | None = None) -> list[tuple[str, str]]:
    """(image, caption) of every distinct captioned item with a like or purchase after ``since``, by item id."""
    query = (select(Item.uri, Item.caption).join(Interaction, Interaction.item_id == Item.id)
             .where(Interaction.kind.in_(POSITIVE_KINDS), Item.caption != "").distinct().order_by(Item.uri))
    if since is not None:
        query = query.where(Interaction.created_at > since)
    with store.session() as s:
        return [(uri, caption) for uri, caption in s.execute(query).all() if Path(uri).is_file()]


def write_feedback_pairs(store: Any, since: datetime | None, folder: Path, seed: int = 0,
                         heldout_fraction: float = 0.2) -> tuple[Path, Path, int]:
    """Write ``feedback-train.jsonl`` and ``feedback-heldout.jsonl`` into ``folder``: (train, held-out, pairs)."""
    pairs = feedback_pairs(store, since)
    if len(pairs) < MIN_PAIRS:
        window = f"since {since:%Y-%m-%d %H:%M}" if since else "so far"
        raise TooFewPairsError(f"{len(pairs)} liked or bought captioned items {window}; fine-tuning from feedback "
                               f"needs at least {MIN_PAIRS}")
    random.Random(seed).shuffle(pairs)
    cut = max(2, round(len(pairs) * heldout_fraction))
    folder.mkdir(parents=True, exist_ok=True)
    heldout, train = pairs[:cut], pairs[cut:]
    train_file = write_pairs(folder / "feedback-train.jsonl", [p[0] for p in train], [p[1] for p in train])
    heldout_file = write_pairs(folder / "feedback-heldout.jsonl", [p[0] for p in heldout], [p[1] for p in heldout])
    return train_file, heldout_file, len(pairs)
