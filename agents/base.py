"""The agent API: a typed request, a typed reply, and the ``Agent`` base class (a LangChain ``Runnable``).

A complete agent::

    from agents import Agent, Reply

    class WeatherAgent(Agent):
        name = "weather"
        description = "Answers questions about the weather."
        examples = ["will it rain tomorrow?", "明天会下雨吗?"]

        def invoke(self, request, config=None, **kwargs):
            return Reply(agent=self.name, text=f"No forecast yet for: {request.text}")

``invoke`` receives an :class:`AgentRequest` (strings and dicts are converted for you); batch, async and
streaming come from LangChain's ``Runnable``.
"""
from __future__ import annotations

import functools
from typing import Any, ClassVar, Literal, Optional

from langchain_core.runnables import Runnable, RunnableConfig
from pydantic import BaseModel, ConfigDict, Field, SerializeAsAny

from agents.context import AgentContext


class ReplyData(BaseModel):
    """Base of every agent's typed reply payload; ``kind`` tells the UI how to render it."""

    model_config = ConfigDict(extra="forbid")
    kind: str = Field(default="generic", description="Rendering hint: search_results, triage, alerts, frames, ...")


class Turn(BaseModel):
    """One earlier message of the conversation."""

    model_config = ConfigDict(extra="forbid")
    role: Literal["user", "assistant"]
    text: str
    agent: Optional[str] = None
    data: Optional[dict[str, Any]] = None


class AgentRequest(BaseModel):
    """What an agent is asked: the message, an optional image, and the conversation so far."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(default="", description="The user's message.")
    image: Optional[str] = Field(default=None, description="Path of an attached image, if any.")
    session_id: Optional[str] = Field(default=None, description="Conversation id.")
    user_id: str = Field(default="anonymous", description="Who is asking (for personalisation and audit).")
    history: list[Turn] = Field(default_factory=list, description="Earlier turns, oldest first.")
    state: dict[str, Any] = Field(default_factory=dict, description="This agent's state saved from earlier turns.")


class Reply(BaseModel):
    """An agent's answer. Only ``agent`` and ``text`` are required."""

    model_config = ConfigDict(extra="forbid")
    agent: str = Field(description="Name of the agent that answered.")
    text: str = Field(description="The answer, as text.")
    confidence: Optional[float] = Field(default=None, description="Router confidence for this agent (0-1).")
    scores: dict[str, float] = Field(default_factory=dict, description="Router confidence for every agent.")
    data: Optional[SerializeAsAny[ReplyData]] = Field(default=None, description="Agent-specific typed payload.")
    state: dict[str, Any] = Field(default_factory=dict, description="State the agent wants back next turn.")
    error: Optional[str] = Field(default=None, description="Set when the agent failed; text then explains.")
    session_id: Optional[str] = Field(default=None, description="Conversation id the reply belongs to.")
    model_version: Optional[str] = Field(default=None, description="Registry version (or spec) of the encoder that "
                                                                   "served this reply.")


class AgentConfig(BaseModel):
    """Base of every agent's own config (closed: unknown keys are rejected)."""

    model_config = ConfigDict(extra="forbid")


def as_request(value: Any) -> AgentRequest:
    """Accept an AgentRequest, a plain string, or a dict of AgentRequest fields."""
    if isinstance(value, AgentRequest):
        return value
    if isinstance(value, str):
        return AgentRequest(text=value)
    if isinstance(value, dict):
        return AgentRequest(**value)
    raise TypeError(f"an agent takes an AgentRequest, a string or a dict, not {type(value).__name__}")


class Agent(Runnable[Any, Reply]):
    """Base class of every agent. Subclasses set ``name``, ``description``, ``examples`` and implement ``invoke``.

    ``context`` holds the services an agent may use (settings, store, search, encoder, audit, feedback; None
    in isolated unit tests); ``config`` is an instance of the subclass's ``Config`` model.
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    examples: ClassVar[list[str]] = []
    Config: ClassVar[type[AgentConfig]] = AgentConfig

    def __init__(self, context: AgentContext | None = None, config: AgentConfig | dict | None = None):
        if context is not None and not isinstance(context, AgentContext):
            raise TypeError(f"an agent takes an AgentContext (e.g. `advisor.context`), not {type(context).__name__}")
        self.context = context
        self.config = config if isinstance(config, AgentConfig) else self.Config(**(config or {}))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "invoke" in cls.__dict__:
            original = cls.__dict__["invoke"]

            @functools.wraps(original)
            def invoke(self, input: Any, config: RunnableConfig | None = None, **kw: Any) -> Reply:
                return original(self, as_request(input), config, **kw)

            cls.invoke = invoke

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Reply:  # pragma: no cover
        raise NotImplementedError(f"agent {self.name!r} does not implement invoke")

    def reply(self, text: str, data: ReplyData | None = None, **fields: Any) -> Reply:
        return Reply(agent=self.name, text=text, data=data, **fields)

    def __repr__(self) -> str:
        return f"<Agent {self.name}>"
