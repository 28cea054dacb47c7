"""Figures an operator watches: the serving model, catalog and index sizes, and embedding drift.

Embedding drift compares new catalog items with the distribution the serving model was set up on. The
reference is the model's centroid: the normalised mean vector of the oldest ``reference`` items of the active
embedding space (the catalog the model was promoted or first indexed on). ``recent_cosine`` is the mean cosine
of the newest ``recent`` items to that centroid, ``reference_cosine`` the same for the reference items; a
recent value well below the reference one says new items look unlike what the model was accepted on, time to
re-fine-tune. The REST service exports these as Prometheus gauges and the Models page shows them.

Example::

    >>> snapshot(advisor).model_version                                 # doctest: +SKIP
    'v2'
"""
from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

REFERENCE_ITEMS = 1000
RECENT_ITEMS = 100


class Drift(BaseModel):
    """Mean cosines of item vectors to the model's reference centroid."""

    model_config = ConfigDict(extra="forbid")
    reference_cosine: float = Field(description="Oldest items of the space vs their centroid.")
    recent_cosine: float = Field(description="Newest items vs the same centroid.")
    reference_items: int
    recent_items: int

    @property
    def drop(self) -> float:
        """How much less typical new items are (0 = no drift)."""
        return round(self.reference_cosine - self.recent_cosine, 6)


class Snapshot(BaseModel):
    """The figures of one data home at one moment."""

    model_config = ConfigDict(extra="forbid")
    model_version: str = Field(description="Registry version (or spec) of the serving encoder.")
    encoder: str = Field(description="Encoder spec in use.")
    items: int = Field(description="Items in the database.")
    vectors: int = Field(description="Vectors in the active index.")
    drift: Drift | None = Field(default=None, description="None until the space has two items.")


def _mean_cosine(vectors: np.ndarray, centroid: np.ndarray) -> float:
    return float(np.mean(vectors @ centroid))


def embedding_drift(store: Any, space: str, reference: int = REFERENCE_ITEMS, recent: int = RECENT_ITEMS) -> Drift | None:
    """Drift of the newest items of ``space`` from its oldest ones (see the module docstring)."""
    ids = store.vector_ids(space)
    if len(ids) < 2:
        return None
    old_ids, new_ids = ids[:reference], ids[-recent:]
    old = np.vstack([v for _, v in store.vectors(space, ids=old_ids)])
    new = np.vstack([v for _, v in store.vectors(space, ids=new_ids)])
    centroid = old.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    return Drift(reference_cosine=round(_mean_cosine(old, centroid), 6), recent_cosine=round(_mean_cosine(new, centroid), 6),
                 reference_items=len(old), recent_items=len(new))


def snapshot(advisor: Any) -> Snapshot:
    """Serving model, sizes and drift of an ``Advisor`` (loads the index if it is not loaded yet)."""
    report = advisor.index_report()
    return Snapshot(model_version=advisor.model_version, encoder=report.encoder, items=report.items,
                    vectors=report.vectors, drift=embedding_drift(advisor.store, advisor.catalog.space))
