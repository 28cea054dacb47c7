"""Choose, create, load and drop a vector index by backend name, so callers never name a backend class.

Adding a backend means one module with a :class:`~indexes.base.VectorIndex` subclass and one entry in each
function below.

Example::

    >>> options = IndexOptions(backend="milvus", milvus_uri="/tmp/vectors.db")     # doctest: +SKIP
    >>> index = new_index(options, dim=256, space="default-1a2b")                  # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from indexes.base import VectorIndex
from indexes.faiss_index import FaissIndex
from indexes.milvus_index import (
    MilvusIndex,  # optional dependency
    drop_collection,  # optional dependency
)

SUFFIXES = {"faiss": ".faiss", "milvus": ".milvus.json"}


class IndexOptions(BaseModel):
    """Which vector engine holds a catalog's vectors, and how to reach it."""

    model_config = ConfigDict(extra="forbid")

    backend: Literal["faiss", "milvus"] = Field(default="faiss", description="Vector engine.")
    kind: Literal["auto", "flat", "ivf", "hnsw"] = Field(default="auto", description="FAISS index type.")
    use_gpu: bool = Field(default=True, description="FAISS: search on the GPU when one is present.")
    milvus_uri: str | None = Field(default=None, description="Milvus Lite file or http://host:19530.")
    milvus_token: str | None = Field(default=None, description="Milvus credentials ('user:password' or an API key).")


def index_path(options: IndexOptions, index_dir: Path, space: str) -> Path:
    """The local file of a space's index: the FAISS file, or the Milvus descriptor."""
    return Path(index_dir) / f"{space}{SUFFIXES[options.backend]}"


def new_index(options: IndexOptions, dim: int, space: str) -> VectorIndex:
    if options.backend == "milvus":
        if not options.milvus_uri:
            raise ValueError("the Milvus backend needs a URI (ADVISOR_MILVUS_URI)")
        return MilvusIndex(dim, uri=options.milvus_uri, collection=f"advisor_{space}", token=options.milvus_token)
    return FaissIndex(dim, kind=options.kind, use_gpu=options.use_gpu)


def load_index(options: IndexOptions, path: Path, use_gpu: bool | None = None) -> VectorIndex:
    """Load what ``save`` wrote at ``path``; raises ``IndexError_`` when it is missing or corrupt."""
    if options.backend == "milvus":
        return MilvusIndex.load(path, token=options.milvus_token)
    return FaissIndex.load(path, use_gpu=options.use_gpu if use_gpu is None else use_gpu)


def drop_index(options: IndexOptions, path: Path, space: str) -> None:
    """Forget a space's index entirely (before a rebuild): the file, and for Milvus the collection."""
    if options.backend == "milvus" and options.milvus_uri:
        drop_collection(options.milvus_uri, f"advisor_{space}", token=options.milvus_token)
    Path(path).unlink(missing_ok=True)
