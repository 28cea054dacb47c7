"""The router: which agent should answer a message? A LangChain ``Runnable`` returning a :class:`RouteDecision`.

Features
    MiniLM sentence embeddings (the default encoder's text tower, loaded on its own: routing does not need the
    image tower, and a fine-tuned catalog encoder must not change routing) + character n-gram TF-IDF
    (``char_wb`` 1-3, which reads Chinese, where MiniLM sees mostly ``[UNK]``). The MiniLM block is scaled by
    the message's share of Latin text, so Chinese messages are decided by their n-grams. (jieba word TF-IDF is
    an option; on our evaluation set it did not help.)
Training utterances
    ``advisor/application/router_data/utterances.yaml`` (English and Chinese, per agent) + each installed agent's
    ``examples`` and ``description``.
Classifier and calibration
    Multinomial logistic regression. Out-of-fold logits from stratified k-fold cross-validation fit one
    temperature ``T`` (minimum negative log-likelihood), so ``softmax(logits / T)`` are calibrated probabilities.
Fallback threshold
    Fitted, not picked: on the same out-of-fold probabilities, the threshold ``tau`` that maximises routing
    utility when every message whose top probability is below ``tau`` goes to ``general`` (Chow's reject rule:
    right agent 1, wrong agent 0, a specialist's message sent to ``general`` ``fallback_credit`` = 0.5). Below
    ``tau`` the router answers ``general`` with ``fallback=True``.
Follow-ups
    "more like the third one", "cheaper", "第二个", a short answer to the agent's own question, or any message
    below the threshold stays with the conversation's previous agent.
Cache
    The fitted model is saved (plain arrays, no pickle) under ``<home>/models/router/`` keyed by a hash of the
    training utterances, the embedding space and the config, so a warm process loads it in milliseconds.

Example::

    >>> router = Router.load_or_fit(cache_dir="/tmp/router")                # doctest: +SKIP
    >>> router.invoke("我胸口疼喘不上气").agent                               # doctest: +SKIP
    'medical_triage'
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Optional

import numpy as np
import yaml
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.runnables import Runnable, RunnableConfig
from pydantic import BaseModel, ConfigDict, Field

from advisor.application.router_model import FORMAT_VERSION, MiniLMEmbedder, RouterModel, TextEmbedder, fit_model
from agents.registry import available

log = logging.getLogger(__name__)
UTTERANCES_FILE = Path(__file__).resolve().parent / "router_data" / "utterances.yaml"
SHIPPED_ROUTERS = Path(__file__).resolve().parent / "assets" / "router"  # scripts/build_router_cache.py
GENERAL = "general"

FOLLOW_UP = re.compile(
    r"^\s*(and |what about |how about )?(the )?(first|second|third|fourth|fifth|last|previous|next|other|"
    r"1st|2nd|3rd|4th|5th) (one|item|result|option)s?\b|more like (this|that|it|the)|^\s*(show|give) (me )?more\b"
    r"|^\s*more\b|^\s*(something |anything )?(cheaper|bigger|smaller|larger|darker|lighter)\b|^\s*(and|what about|how about) "
    r"(that|this|it|them|the one before)\b|the one before|^\s*(another|next|previous) (one|page)\b|^\s*(next|again)\s*[?!.]*$"
    r"|^\s*(why|really|are you sure|what do you mean)\s*[?!.]*$|^\s*(yes|no|yeah|yep|nope|ok so)\b"
    r"|^\s*#?\d{1,3}\s*[?!.]*$"
    r"|它呢|那个呢|这个呢|第[一二三四五六七八九十\d]+[个张条项家款]?|上一个|下一个|前一个|再来|再给我|还有吗|还有别的|更多"
    r"|^\s*便宜|便宜点|便宜一点|换一个|换一批|类似的呢|为什么|^\s*(是的|是|不是|对|不对|没有|有)[。！!.]?\s*$", re.I)
SOCIAL = re.compile(r"^\s*(hi|hello|hey|thanks?|thank you|thx|bye|goodbye|你好|您好|谢谢|多谢|再见|拜拜)\b", re.I)
ASKED = re.compile(r"[?？]\s*$")


class RouterError(RuntimeError):
    """The router could not be built (bad utterance file, no training data); the message says why."""


class RouteDecision(BaseModel):
    """Which agent answers, how sure the router is, and why.

    ``scores`` are calibrated probabilities over every agent the router knows (they sum to 1); ``confidence``
    is the score of the chosen agent.
    """

    model_config = ConfigDict(extra="forbid")
    agent: str = Field(description="The agent that should answer.")
    confidence: float = Field(description="Calibrated probability of the chosen agent (0-1).")
    scores: dict[str, float] = Field(default_factory=dict, description="Calibrated probability of every known agent.")
    fallback: bool = Field(default=False, description="True when the router fell back to `general`.")
    reason: str = Field(default="", description="Why this agent: classifier, follow-up, fallback, llm, forced.")


class RouterConfig(BaseModel):
    """How the router is trained. Part of the cache key: change a field and the router is refitted."""

    model_config = ConfigDict(extra="forbid")
    folds: int = Field(default=5, ge=2, le=20, description="Cross-validation folds for calibration and the threshold.")
    regularisation: float = Field(default=10.0, gt=0, description="Logistic regression C (inverse L2 strength).")
    embedding_weight: float = Field(default=1.0, ge=0, description="Weight of the MiniLM block next to the TF-IDF blocks.")
    gate_embeddings: bool = Field(default=True, description="Scale the MiniLM block by the message's share of Latin text.")
    use_jieba: bool = Field(default=False, description="Add word/bigram TF-IDF over jieba tokens (measured: no gain).")
    fallback_credit: float = Field(default=0.5, ge=0, le=1, description="Worth of sending a specialist's message to "
                                   "`general` (0: as bad as a wrong agent, 1: as good as the right one); fits the threshold.")
    include_agent_examples: bool = Field(default=True, description="Train on installed agents' examples too.")
    history_turns: int = Field(default=6, ge=0, le=50, description="Earlier turns shown to the LLM, when one is set.")
    llm_mode: str = Field(default="fallback", pattern="^(fallback|always)$",
                          description="Ask the LLM only when the classifier falls back or is unsure, or always.")


def load_utterances(path: str | Path = UTTERANCES_FILE) -> dict[str, dict[str, Any]]:
    """``{agent: {"description": str, "utterances": [str, ...]}}`` from a YAML file (English and Chinese merged)."""
    try:
        raw = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        raise RouterError(f"cannot read routing utterances {path}: {exc}") from exc
    agents = (raw or {}).get("agents")
    if not isinstance(agents, dict) or not agents:
        raise RouterError(f"{path}: expected a mapping `agents: {{name: {{en: [...], zh: [...]}}}}`")
    out: dict[str, dict[str, Any]] = {}
    for name, entry in agents.items():
        entry = entry or {}
        texts = [str(t).strip() for lang in ("en", "zh") for t in (entry.get(lang) or []) if str(t).strip()]
        out[str(name)] = {"description": str(entry.get("description") or "").strip(), "utterances": texts}
    return out


def training_set(agents: Mapping[str, type] | None = None, utterances: Mapping[str, dict] | None = None,
                 include_agent_examples: bool = True) -> tuple[list[str], list[str], dict[str, str]]:
    """(texts, labels, descriptions): the utterance file plus installed agents' examples and descriptions."""
    utterances = load_utterances() if utterances is None else utterances
    seen: set[tuple[str, str]] = set()
    texts, labels, descriptions = [], [], {}

    def add(label: str, text: str) -> None:
        key = (label, text.strip().lower())
        if text.strip() and key not in seen:
            seen.add(key)
            texts.append(text.strip())
            labels.append(label)

    for name, entry in sorted(utterances.items()):
        descriptions[name] = entry.get("description", "")
        for text in [*entry.get("utterances", []), entry.get("description", "")]:
            add(name, text)
    for name, cls in sorted((agents or {}).items()):
        if getattr(cls, "description", ""):
            descriptions.setdefault(name, cls.description)
            add(name, cls.description)
        if include_agent_examples or name not in utterances:
            for text in getattr(cls, "examples", None) or []:
                add(name, str(text))
    if GENERAL not in set(labels):
        raise RouterError("the routing utterances have no `general` examples; the fallback agent needs some")
    return texts, labels, descriptions


def _previous_agent(history: Sequence[Any] | None) -> tuple[Optional[str], str]:
    """(agent of the last assistant turn, its text) from a history of ``Turn`` objects or dicts."""
    for turn in reversed(list(history or [])):
        get = turn.get if isinstance(turn, dict) else (lambda key, t=turn: getattr(t, key, None))
        if get("role") == "assistant":
            return get("agent"), get("text") or ""
    return None, ""


class Router(Runnable[Any, RouteDecision]):
    """Routes a message (with optional conversation history) to one installed agent.

    ``invoke`` takes a string or ``{"text": ..., "history": [...], "previous_agent": ...}``.
    """

    def __init__(self, model: RouterModel, embedder: TextEmbedder, installed: Iterable[str] | None = None,
                 descriptions: Mapping[str, str] | None = None, llm: Any = None, config: RouterConfig | None = None):
        self.model = model
        self.embedder = embedder
        self.installed = set(installed) if installed is not None else set(model.classes)
        self.installed.add(GENERAL)
        self.descriptions = dict(descriptions or {})
        self.llm = llm
        self.config = config or RouterConfig()

    # -- building --------------------------------------------------------------------------------------------
    @classmethod
    def fit(cls, agents: Mapping[str, type] | None = None, embedder: TextEmbedder | None = None,
            utterances: Mapping[str, dict] | None = None, config: RouterConfig | None = None, llm: Any = None,
            installed: Iterable[str] | None = None) -> Router:
        """Train a router from the utterance file and the installed agents (no cache)."""
        config = config or RouterConfig()
        embedder = embedder or default_embedder()
        texts, labels, descriptions = training_set(agents, utterances, config.include_agent_examples)
        model = fit_model(texts, labels, embedder, config)
        return cls(model, embedder, installed if installed is not None else (agents or {}).keys(), descriptions, llm, config)

    @classmethod
    def load_or_fit(cls, cache_dir: str | Path | None = None, agents: Mapping[str, type] | None = None,
                    embedder: TextEmbedder | None = None, utterances: Mapping[str, dict] | None = None,
                    config: RouterConfig | None = None, llm: Any = None,
                    installed: Iterable[str] | None = None) -> Router:
        """Load the fitted router from ``cache_dir`` if its key matches, else fit and save it there.

        ``agents`` (training examples; default: every installed agent from ``agents.registry.available()``)
        are also the agents it may route to, unless ``installed`` names them.
        """
        if agents is None:
            agents = available()
        config = config or RouterConfig()
        embedder = embedder or default_embedder()
        texts, labels, descriptions = training_set(agents, utterances, config.include_agent_examples)
        key = cache_key(texts, labels, embedder.space, config)
        path = Path(cache_dir) / f"router-{key}.npz" if cache_dir is not None else None
        model = None
        shipped = SHIPPED_ROUTERS / f"router-{key}.npz"  # fitted at release time for the built-in agents
        for candidate in (path, shipped):
            if model is None and candidate is not None and candidate.exists():
                try:
                    model = RouterModel.load(candidate)
                except Exception as exc:  # noqa: BLE001 - a damaged cache is refitted, never fatal
                    log.warning("router cache %s unreadable (%s); refitting", candidate, exc)
        if model is None:
            model = fit_model(texts, labels, embedder, config)
            if path is not None:
                model.save(path)
        return cls(model, embedder, installed if installed is not None else agents.keys(), descriptions, llm, config)

    # -- routing ---------------------------------------------------------------------------------------------
    @property
    def classes(self) -> list[str]:
        return list(self.model.classes)

    def scores(self, text: str) -> dict[str, float]:
        """Calibrated probability of every known agent for one message."""
        probs = self.model.predict_proba([text], self.embedder)[0]
        return {name: round(float(p), 4) for name, p in zip(self.model.classes, probs)}

    def route(self, text: str, history: Sequence[Any] | None = None, previous_agent: str | None = None) -> RouteDecision:
        """Pick the agent for ``text``; ``history`` (turns, oldest first) enables follow-up stickiness."""
        if not isinstance(text, str) or not text.strip():
            raise ValueError("cannot route an empty message")
        scores = self.scores(text)
        top = max(scores, key=scores.get)
        decision = self._classifier_decision(top, scores)
        last_agent, last_text = _previous_agent(history)
        previous = previous_agent or last_agent
        sticky = self._follow_up_reason(text, decision, previous, last_text)
        if sticky:
            decision = RouteDecision(agent=previous, confidence=scores.get(previous, 0.0), scores=scores, reason=sticky)
        elif self.llm is not None and (decision.fallback or self.config.llm_mode == "always"):
            decision = self._ask_llm(text, history, decision)
        return decision

    def _classifier_decision(self, top: str, scores: dict[str, float]) -> RouteDecision:
        probability = scores[top]
        general = scores.get(GENERAL, 0.0)
        if top != GENERAL and probability < self.model.threshold:
            return RouteDecision(agent=GENERAL, confidence=general, scores=scores, fallback=True,
                                 reason=f"low confidence: {top} {probability:.2f} < threshold {self.model.threshold:.2f}")
        if top not in self.installed:
            return RouteDecision(agent=GENERAL, confidence=general, scores=scores, fallback=True,
                                 reason=f"{top} ({probability:.2f}) is not installed")
        return RouteDecision(agent=top, confidence=probability, scores=scores, reason="classifier")

    def _follow_up_reason(self, text: str, decision: RouteDecision, previous: str | None, last_text: str) -> str:
        """Why the message stays with ``previous`` (empty string: it does not)."""
        if not previous or previous == GENERAL or previous not in self.installed or previous == decision.agent:
            return ""
        if SOCIAL.search(text) and decision.agent == GENERAL and not decision.fallback:
            return ""
        if FOLLOW_UP.search(text) and (decision.fallback or decision.agent == GENERAL or decision.confidence < 0.9):
            return f"follow-up: stays with {previous}"
        if decision.fallback:
            return f"unclear on its own ({decision.reason}); stays with {previous}"
        if ASKED.search(last_text) and len(text.split()) <= 8 and len(text) <= 40 and decision.agent == GENERAL:
            return f"answers {previous}'s question; stays with {previous}"
        return ""

    def _ask_llm(self, text: str, history: Sequence[Any] | None, decision: RouteDecision) -> RouteDecision:
        names = sorted(self.installed)
        menu = "\n".join(f"- {n}: {self.descriptions.get(n, '')}" for n in names)
        turns = list(history or [])[-self.config.history_turns:] if self.config.history_turns else []
        context = "\n".join(f"{getattr(t, 'role', '?')}: {getattr(t, 'text', '')}" for t in turns)
        prompt = [SystemMessage(content="You route a user's message to exactly one agent. Answer with the agent's "
                                        f"name only. Agents:\n{menu}"),
                  HumanMessage(content=(f"Conversation so far:\n{context}\n\n" if context else "") + f"Message: {text}")]
        try:
            answer = str(self.llm.invoke(prompt).content)
        except Exception as exc:  # noqa: BLE001 - an LLM outage must not stop routing
            log.warning("LLM routing failed (%s: %s); keeping the classifier's choice", type(exc).__name__, exc)
            return decision
        picked = next((n for n in sorted(names, key=len, reverse=True) if re.search(rf"\b{re.escape(n)}\b", answer)), None)
        if picked is None:
            log.info("LLM answered %r, which names no installed agent; keeping %s", answer[:80], decision.agent)
            return decision
        return RouteDecision(agent=picked, confidence=decision.scores.get(picked, 0.0), scores=decision.scores,
                             fallback=False, reason=f"llm picked {picked} (classifier: {decision.agent})")

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> RouteDecision:
        if isinstance(input, str):
            return self.route(input)
        if isinstance(input, dict):
            return self.route(input.get("text", ""), input.get("history"), input.get("previous_agent"))
        text = getattr(input, "text", None)
        if isinstance(text, str):  # an AgentRequest
            return self.route(text, getattr(input, "history", None))
        raise TypeError(f"the router takes a string or a dict with 'text', not {type(input).__name__}")

    def benchmark(self, texts: Sequence[str], warmup: int = 5) -> dict[str, float]:
        """Warm routing latency in ms: wall-clock p50/p95, and the CPU time of the routing thread (p50/p95).

        On a busy machine wall time includes waiting for a core; CPU time is what one route costs.
        """
        texts = [t for t in texts if t.strip()]
        memoize = getattr(self.embedder, "memoize", None)
        if memoize is not None:  # measure the model, not the memo of recent messages
            self.embedder.memoize = False
        try:
            for text in texts[:warmup]:
                self.route(text)
            wall, cpu = [], []
            for text in texts:
                started_wall, started_cpu = time.perf_counter(), time.thread_time()
                self.route(text)
                wall.append((time.perf_counter() - started_wall) * 1000)
                cpu.append((time.thread_time() - started_cpu) * 1000)
        finally:
            if memoize is not None:
                self.embedder.memoize = memoize
        (wall50, wall95), (cpu50, cpu95) = np.percentile(wall, [50, 95]), np.percentile(cpu, [50, 95])
        return {"messages": len(texts), "wall_p50_ms": round(float(wall50), 2), "wall_p95_ms": round(float(wall95), 2),
                "cpu_p50_ms": round(float(cpu50), 2), "cpu_p95_ms": round(float(cpu95), 2)}

    @property
    def report(self) -> dict[str, Any]:
        """What fitting measured: out-of-fold accuracy, calibration error before/after, threshold, temperature."""
        return dict(self.model.report)


def cache_key(texts: Sequence[str], labels: Sequence[str], space: str, config: RouterConfig) -> str:
    """Hash of everything the fitted router depends on."""
    import sklearn  # noqa: PLC0415 - scikit-learn is heavy: loaded on first fit

    payload = json.dumps({"data": sorted(zip(labels, texts)), "space": space, "format": FORMAT_VERSION,
                          "config": config.model_dump(exclude={"history_turns", "llm_mode"}),
                          "sklearn": sklearn.__version__}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def default_embedder() -> TextEmbedder:
    """The shared MiniLM embedder (loaded once per process)."""
    return MiniLMEmbedder.shared()
