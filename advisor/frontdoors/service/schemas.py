"""Request and response bodies of the REST service (they make its OpenAPI schema)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_ID_CHARS = 128
MAX_ROW_ID = 2**31 - 1  # database ids are 32-bit integers (PostgreSQL INTEGER): larger ones are a 422, not a 500


class ServiceConfig(BaseModel):
    """How one service instance runs: limits and where server-side ingests may read."""

    model_config = ConfigDict(extra="forbid")
    max_body_bytes: int = Field(default=16 * 1024 * 1024, ge=1024, description="Larger requests get 413.")
    rate_limit: str = Field(default="120/minute", description="Requests per key ('limits' notation, e.g. 10/second); "
                                                              "more get 429.")
    ingest_roots: list[Path] = Field(default_factory=list, description="Folders POST /v1/ingest may read "
                                                                       "(default: <home>/inbox).")
    metrics_refresh_s: float = Field(default=10.0, ge=0, description="Catalog figures of /metrics are re-read "
                                                                     "at most this often.")
    warm_up: bool = Field(default=True, description="Load the encoder, index and router in the background at start.")


class ErrorBody(BaseModel):
    """Every error response."""

    model_config = ConfigDict(extra="forbid")
    error: str = Field(description="Short error class, e.g. unauthorized, forbidden, too_large, invalid.")
    detail: Any = Field(default=None, description="What was wrong, in words (or the validation errors).")


class AskRequest(BaseModel):
    """A message for the advisor (JSON body of POST /v1/ask)."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=10_000, description="The message.")
    session_id: str | None = Field(default=None, max_length=MAX_ID_CHARS, description="Continue a conversation.")
    agent: str | None = Field(default=None, max_length=64, description="Force an agent instead of routing.")
    user_id: str | None = Field(default=None, max_length=MAX_ID_CHARS,
                                   description="End user (personalisation); default the API key's name.")


class AskResponse(BaseModel):
    """The agent's reply (the ``Reply`` of ``advisor ask``, without the agent's private state)."""

    model_config = ConfigDict(extra="forbid")
    agent: str = Field(description="Agent that answered.")
    text: str = Field(description="The answer.")
    kind: str | None = Field(default=None, description="Kind of the typed payload (search_results, triage, ...).")
    confidence: float | None = Field(default=None, description="Router confidence for the agent.")
    scores: dict[str, float] = Field(default_factory=dict, description="Router confidence for every agent.")
    data: dict[str, Any] | None = Field(default=None, description="The agent's typed payload.")
    error: str | None = Field(default=None, description="Set when the agent failed.")
    session_id: str | None = Field(default=None, description="Conversation id.")
    model_version: str | None = Field(default=None, description="Encoder version that produced the reply.")


class SearchRequest(BaseModel):
    """A catalog search by text."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=10_000, description="What to look for.")
    k: int = Field(default=10, ge=1, le=100, description="Results wanted.")
    domain: str | None = Field(default=None, max_length=64, description="Only this catalog domain.")
    filters: dict[str, Any] | None = Field(default=None, description="Metadata filters, as in Advisor.search.")


class HitView(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: int
    score: float
    image: str
    caption: str
    domain: str
    metadata: dict[str, Any]


class SearchResponse(BaseModel):
    model_config = ConfigDict(extra="forbid")
    results: list[HitView]
    model_version: str = Field(description="Encoder version that embedded the query.")


class IngestRequest(BaseModel):
    """A server-side folder or manifest to ingest in the background."""

    model_config = ConfigDict(extra="forbid")
    path: str = Field(min_length=1, max_length=4096, description="Folder or JSONL/CSV manifest inside an ingest root.")
    domain: str | None = Field(default=None, max_length=64, description="Catalog domain of the new items.")


class JobView(BaseModel):
    """A background job."""

    model_config = ConfigDict(extra="forbid")
    id: str
    kind: Literal["ingest"] = "ingest"
    state: Literal["queued", "running", "done", "failed"]
    submitted_at: datetime
    finished_at: datetime | None = None
    result: dict[str, Any] | None = Field(default=None, description="The IngestReport when done.")
    error: str | None = None


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    item_id: int = Field(ge=1, le=MAX_ROW_ID, description="Catalog item.")
    kind: Literal["view", "like", "dislike", "purchase"] = Field(description="What the user did.")
    user_id: str | None = Field(default=None, max_length=MAX_ID_CHARS, description="Default the API key's name.")
    context: str | None = Field(default=None, max_length=500, description="The query that led there.")


class FeedbackResponse(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: int
    user_id: str
    item_id: int
    kind: str
    created_at: datetime


class AgentView(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    description: str
    examples: list[str]


class HealthView(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Literal["ok"] = "ok"


class ReadyView(BaseModel):
    """Readiness: models loaded, database reachable, index and database agree."""

    model_config = ConfigDict(extra="forbid")
    ready: bool
    models_loaded: bool
    database: bool
    index_agrees: bool
    items: int = 0
    vectors: int = 0
    model_version: str | None = None
    problems: list[str] = Field(default_factory=list)
