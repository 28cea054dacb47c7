"""Typed messages shared by the advisor's components."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Hit(BaseModel):
    """One search result."""

    model_config = ConfigDict(extra="forbid")

    id: int = Field(description="Item id (the SQL primary key, also the vector id).")
    score: float = Field(description="Cosine similarity between the query and the item.")
    image: str = Field(description="Path or URI of the item's image.")
    caption: str = Field(default="", description="The item's caption.")
    domain: str = Field(default="default", description="Catalog domain of the item.")
    metadata: dict[str, Any] = Field(default_factory=dict, description="Extra item fields (category, price, ...).")
    explanation: str | None = Field(default=None, description="Why this item was returned, when known.")


class Skipped(BaseModel):
    """An input that was not ingested, and why."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(description="File name, or manifest name with line number.")
    reason: str = Field(description="What was wrong with it.")


class IngestReport(BaseModel):
    """What an ingest did."""

    model_config = ConfigDict(extra="forbid")

    added: int = 0
    duplicates: int = 0
    skipped: list[Skipped] = Field(default_factory=list)
    ids: list[int] = Field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.skipped


class IndexReport(BaseModel):
    """Agreement between the database and the vector index."""

    model_config = ConfigDict(extra="forbid")

    items: int = Field(description="Items in the database.")
    vectors: int = Field(description="Vectors in the index.")
    missing_from_index: list[int] = Field(default_factory=list, description="Item ids with no vector.")
    orphans_in_index: list[int] = Field(default_factory=list, description="Vector ids with no item.")
    encoder: str = ""
    kind: str = ""
    dim: int = 0

    @property
    def agree(self) -> bool:
        return not self.missing_from_index and not self.orphans_in_index
