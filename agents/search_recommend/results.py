"""Typed reply data of the search & recommend agent (rendered by the UI as a gallery)."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from agents.base import ReplyData


class ResultItem(BaseModel):
    """One item shown to the user."""

    model_config = ConfigDict(extra="forbid")

    id: int = Field(description="Item id (SQL primary key).")
    score: float = Field(description="Relevance used for ranking (vector cosine plus caption-word bonus).")
    image: str = Field(description="Path or URI of the item's image.")
    caption: str = Field(default="", description="The item's caption / title.")
    metadata: dict[str, Any] = Field(default_factory=dict, description="Category, colour, price, ...")
    explanation: Optional[str] = Field(default=None, description="Why this item is here.")


class SearchResults(ReplyData):
    """A page of search results or recommendations, with the query and filters that produced it."""

    kind: Literal["search_results"] = "search_results"
    mode: Literal["search", "more_like", "recommend", "browse", "feedback"] = Field(
        default="search", description="What produced the page.")
    results: list[ResultItem] = Field(default_factory=list, description="Best first.")
    query: str = Field(default="", description="The English text that was embedded (after parsing/translation).")
    query_image: Optional[str] = Field(default=None, description="Image the query used, if any.")
    reference_id: Optional[int] = Field(default=None, description="Item the results are 'more like', if any.")
    filters: dict[str, Any] = Field(default_factory=dict, description="Metadata filters applied inside the search.")
    constraints: list[str] = Field(default_factory=list, description="The filters in words.")
    translations: list[tuple[str, str]] = Field(default_factory=list, description="(Chinese, English) words used.")
    notes: list[str] = Field(default_factory=list, description="Things the user should know (ignored constraints...).")
    page: int = Field(default=0, description="0 for the first page; 'show more' increments it.")
    close_match: bool = Field(default=True, description="False when even the best result is below the calibrated "
                                                        "similarity floor: the results are only the nearest there are.")
