"""Conversation layer of the Advisor: ``ask``, ``route``, ``history``, ``sessions`` and the agent cache.

Each ``ask`` routes the message (unless ``agent=`` is given), hands the agent the last turns and the state it
saved last time, and stores both messages through SQLAlchemy (tables ``conversations`` and ``messages``).

Example::

    >>> from advisor import Advisor
    >>> adv = Advisor.from_settings(home="/tmp/advisor-demo")               # doctest: +SKIP
    >>> reply = adv.ask("hello")                                             # doctest: +SKIP
    >>> reply.agent, reply.session_id is not None                           # doctest: +SKIP
    ('general', True)
    >>> adv.ask("我头疼发烧", session_id=reply.session_id).agent              # doctest: +SKIP
    'medical_triage'
"""
from __future__ import annotations

import logging
import re
import threading
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import to_jsonable_python
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from advisor.application.router import RouteDecision, Router
from advisor.core.encoder.images import load_image
from advisor.core.errors import AdvisorError, ImageLoadError
from advisor.core.settings import Settings
from advisor.core.store import Store
from advisor.core.store.conversation_models import Conversation, Message
from advisor.core.store.models import utcnow
from agents.base import Agent, AgentRequest, Reply, Turn
from agents.context import AgentContext
from agents.general import detect_language
from agents.registry import UnknownAgentError, available, get

log = logging.getLogger(__name__)
HISTORY_TURNS = 10
MAX_SESSION_ID = 128
FAILED = {"en": "Sorry, the {agent} agent ran into a problem and could not answer. Please try again or rephrase.",
          "zh": "抱歉，{agent} 智能体出错了，暂时无法回答。请重试或换个说法。"}
# Identifiers removed from every stored user message (agents may redact more through a `redact(text)` method).
REDACTIONS = (
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[EMAIL]"),
    (re.compile(r"(?<!\d)\d{17}[\dXx](?![\dA-Za-z])"), "[ID]"),
    (re.compile(r"(?<![\w.])\+?\d[\d\s().-]{7,}\d(?![\d.])"), "[PHONE]"),
)


class SessionInfo(BaseModel):
    """A conversation, as listed by ``Advisor.sessions()``."""

    model_config = ConfigDict(extra="forbid")
    session_id: str
    user_id: str
    last_agent: Optional[str] = None
    messages: int = Field(description="Messages stored (user and assistant).")
    created_at: datetime
    updated_at: datetime


def redact(text: str) -> str:
    """Remove e-mail addresses, ID numbers and phone numbers before a message is stored.

    >>> redact("call me on +44 7700 900123 or a@b.com")
    'call me on [PHONE] or [EMAIL]'
    """
    for pattern, token in REDACTIONS:
        text = pattern.sub(token, text)
    return text


class AgentPool:
    """The installed agents, created once per advisor with its ``AgentContext``, and the router that picks them."""

    def __init__(self, context: AgentContext, settings: Settings):
        self.context = context
        self.settings = settings
        self._agents: dict[str, Agent] = {}
        self._router: Router | None = None
        self._llm: Any = None
        self._lock = threading.RLock()

    @property
    def router(self) -> Router:
        """The routing model, fitted once per data home and cached on disk (``<home>/models/router``)."""
        with self._lock:
            if self._router is None:
                self._router = Router.load_or_fit(cache_dir=self.settings.models_dir / "router", agents=available(),
                                                  llm=self._llm)
            return self._router

    @router.setter
    def router(self, router: Router) -> None:
        with self._lock:
            self._router = router

    def use_llm(self, llm: Any) -> None:
        """Let a LangChain chat model help routing when the classifier is unsure (``None`` turns it off)."""
        with self._lock:
            self._llm = llm
            if self._router is not None:
                self._router.llm = llm

    def agent(self, name: str) -> Agent:
        """The agent instance called ``name`` (created once). Unknown names raise ``AdvisorError``."""
        with self._lock:
            if name not in self._agents:
                try:
                    cls = get(name)
                except UnknownAgentError as exc:
                    raise AdvisorError(str(exc)) from None
                self._agents[name] = cls(self.context)
            return self._agents[name]


class Conversations:
    """``ask``, ``route``, ``history`` and ``sessions`` over a store and a pool of agents."""

    def __init__(self, settings: Settings, store: Store, agents: AgentPool,
                 model_version: Callable[[], str] | None = None):
        self.settings = settings
        self.store = store
        self.agents = agents
        self._model_version = model_version or (lambda: settings.encoder)

    @property
    def model_version(self) -> str:
        """The version of the encoder model that serves this advisor's replies (recorded with every reply)."""
        return self._model_version()

    @property
    def router(self) -> Router:
        return self.agents.router

    def agent(self, name: str) -> Agent:
        return self.agents.agent(name)

    # -- routing and asking ------------------------------------------------------------------------------------
    def route(self, text: str, session_id: str | None = None) -> RouteDecision:
        """Which agent would answer ``text`` (in the context of ``session_id``, if given), with every score."""
        text = self._check_text(text, image=None)
        history = self.history(session_id, limit=HISTORY_TURNS) if session_id else []
        return self.router.route(text, history)

    def ask(self, text: str | None, image: Any = None, session_id: str | None = None, agent: str | None = None,
            user_id: str = "anonymous") -> Reply:
        """Answer a message: route it (unless ``agent`` is given), call the agent, store both turns.

        A new or unknown ``session_id`` starts a conversation; the reply carries ``session_id``, ``scores`` and
        ``confidence``. An agent that raises produces a reply with ``error`` set; the conversation goes on.
        """

        text = self._check_text(text, image)
        image_path = self._check_image(image)
        session_id = self._check_session(session_id)
        problem = self._unreadable(image_path)
        if problem is not None:  # named in the reply; a message with text is still answered from the text
            notice = f"I could not read the attached image ({problem})."
            if not text:
                return Reply(agent="general", session_id=session_id, error=f"ImageLoadError: {problem}",
                             text=notice + " Please attach a PNG, JPEG, GIF, BMP or WebP picture.")
            image_path = None
        history = self.history(session_id, limit=HISTORY_TURNS)
        decision = self._decide(text, image_path, history, agent)
        handler = self.agent(decision.agent)
        state = self._agent_state(session_id, decision.agent)
        request = AgentRequest(text=text, image=image_path, session_id=session_id, user_id=user_id or "anonymous",
                               history=history, state=state)
        reply = self._call(handler, request)
        update = {"session_id": session_id, "scores": decision.scores, "confidence": decision.confidence,
                  "model_version": self.model_version}
        if problem is not None:
            update["text"] = f"I could not read the attached image ({problem}), so I answered from your text.\n\n{reply.text}"
        reply = reply.model_copy(update=update)
        self._save_turn(session_id, user_id or "anonymous", handler, text, image_path, reply, decision)
        return reply

    def _decide(self, text: str, image_path: str | None, history: list, agent: str | None) -> RouteDecision:
        if agent is not None:
            self.agent(agent)  # unknown names fail here, listing the installed agents
            scores = self._scores_or_empty(text)
            return RouteDecision(agent=agent, confidence=scores.get(agent, 1.0), scores=scores, reason="forced")
        if text:
            return self.router.route(text, history)
        # an image alone: the conversation's agent if there is one, else catalog search by image
        installed = available()
        previous = next((t.agent for t in reversed(history) if t.role == "assistant" and t.agent != "general"), None)
        chosen = previous or ("search_recommend" if "search_recommend" in installed else "general")
        scores = {name: 0.0 for name in self.router.classes} | {chosen: 1.0}
        return RouteDecision(agent=chosen, confidence=1.0, scores=scores, fallback=chosen == "general",
                             reason="image without text: " + ("conversation's agent" if previous else "image search"))

    def _scores_or_empty(self, text: str) -> dict[str, float]:
        if not text:
            return {}
        try:
            return self.router.scores(text)
        except Exception as exc:  # noqa: BLE001 - a forced agent still answers when the router cannot score
            log.warning("router unavailable (%s: %s); the reply carries no scores", type(exc).__name__, exc)
            return {}

    @staticmethod
    def _call(handler: Agent, request) -> Reply:
        try:
            reply = handler.invoke(request)
            if not isinstance(reply, Reply):
                raise TypeError(f"invoke returned {type(reply).__name__}, not Reply")
            return reply
        except Exception as exc:  # noqa: BLE001 - one failing agent must not end the conversation
            log.exception("agent %s failed on a message", handler.name)
            message = FAILED[detect_language(request.text)].format(agent=handler.name)
            return Reply(agent=handler.name, text=message, error=f"{type(exc).__name__}: {exc}")

    # -- validation ------------------------------------------------------------------------------------------
    def _check_text(self, text: Any, image: Any) -> str:
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise AdvisorError(f"the message must be text, got {type(text).__name__}")
        text = text.strip()
        if not text and image is None:
            raise AdvisorError("the message is empty: type a question, or attach an image")
        limit = self.settings.max_text_chars
        if len(text) > limit:
            raise AdvisorError(f"the message is {len(text)} characters long; the limit is {limit}")
        return text

    def _check_image(self, image: Any) -> str | None:
        if image is None:
            return None
        if hasattr(image, "save") and hasattr(image, "size"):  # a PIL image: keep a copy in the uploads folder
            path = self.settings.uploads_dir / f"{uuid.uuid4().hex}.png"
            image.convert("RGB").save(path)
            return str(path)
        path = Path(image).expanduser()
        if not path.is_file():
            raise AdvisorError(f"cannot read the image {image}: file not found")
        size = path.stat().st_size
        if size > self.settings.max_file_bytes:
            raise AdvisorError(f"the image {image} is {size} bytes; the limit is {self.settings.max_file_bytes}")
        return str(path.resolve())

    def _unreadable(self, image_path: str | None) -> str | None:
        """Why the attached image cannot be decoded (corrupt, truncated, not an image, too many pixels), or None."""
        if image_path is None:
            return None
        try:
            with load_image(image_path, max_pixels=self.settings.max_image_pixels,
                            max_bytes=self.settings.max_file_bytes):
                return None
        except ImageLoadError as exc:
            return str(exc).split(": ", 1)[-1] if str(exc).startswith(str(image_path)) else str(exc)

    @staticmethod
    def _check_session(session_id: Any) -> str:
        if session_id is None or (isinstance(session_id, str) and not session_id.strip()):
            return uuid.uuid4().hex
        if not isinstance(session_id, str) or len(session_id.strip()) > MAX_SESSION_ID:
            raise AdvisorError(f"a session id is a string of at most {MAX_SESSION_ID} characters")
        return session_id.strip()

    # -- persistence -----------------------------------------------------------------------------------------
    def history(self, session_id: str | None, limit: int | None = None) -> list[Turn]:
        """The turns of a conversation, oldest first (the last ``limit`` ones if given; [] for unknown ids)."""
        if not session_id:
            return []
        with self.store.session() as s:
            query = select(Message).where(Message.conversation_id == session_id).order_by(Message.id.desc())
            rows = list(s.scalars(query.limit(limit) if limit else query).all())
        return [Turn(role=m.role, text=m.text, agent=m.agent, data=(m.data or {}).get("data")) for m in reversed(rows)]

    def sessions(self, user_id: str | None = None, limit: int = 100) -> list[SessionInfo]:
        """Stored conversations, most recent first (optionally one user's)."""
        counts = (select(Message.conversation_id, func.count(Message.id).label("n"))
                  .group_by(Message.conversation_id).subquery())
        query = (select(Conversation, func.coalesce(counts.c.n, 0))
                 .outerjoin(counts, counts.c.conversation_id == Conversation.id)
                 .order_by(Conversation.updated_at.desc()).limit(limit))
        if user_id is not None:
            query = query.where(Conversation.user_id == user_id)
        with self.store.session() as s:
            rows = s.execute(query).all()
        return [SessionInfo(session_id=c.id, user_id=c.user_id, last_agent=c.last_agent, messages=int(n),
                            created_at=c.created_at, updated_at=c.updated_at) for c, n in rows]

    def _agent_state(self, session_id: str, agent: str) -> dict[str, Any]:
        with self.store.session() as s:
            conversation = s.get(Conversation, session_id)
            return dict((conversation.agent_state or {}).get(agent) or {}) if conversation else {}

    def _save_turn(self, session_id: str, user_id: str, handler: Agent, text: str, image: str | None,
                   reply: Reply, decision: RouteDecision) -> None:
        stored_text = redact(handler.redact(text) if callable(getattr(handler, "redact", None)) else text)
        meta = to_jsonable_python({"data": reply.data.model_dump(mode="json") if reply.data is not None else None,
                                   "confidence": reply.confidence, "scores": reply.scores, "error": reply.error,
                                   "route": decision.reason, "fallback": decision.fallback,
                                   "model_version": reply.model_version}, fallback=str)
        state = to_jsonable_python(reply.state, fallback=str)
        for attempt in range(2):  # a concurrent first message may create the conversation under us: retry once
            try:
                with self.store.session() as s:
                    conversation = s.get(Conversation, session_id)
                    if conversation is None:
                        conversation = Conversation(id=session_id, user_id=user_id, agent_state={})
                        s.add(conversation)
                    if reply.error is None:
                        conversation.agent_state = {**(conversation.agent_state or {}), reply.agent: state}
                    conversation.last_agent, conversation.updated_at = reply.agent, utcnow()
                    s.add(Message(conversation_id=session_id, role="user", text=stored_text,
                                  data={"data": {"image": image}} if image else None))
                    s.add(Message(conversation_id=session_id, role="assistant", text=reply.text, agent=reply.agent,
                                  data=meta))
                return
            except IntegrityError:
                if attempt:
                    raise
