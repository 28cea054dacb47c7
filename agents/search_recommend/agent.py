"""The ``search_recommend`` agent: catalog search by text, image or both, follow-ups, feedback, recommendations.

Example::

    >>> from agents.search_recommend import SearchRecommendAgent
    >>> agent = SearchRecommendAgent(advisor)                                   # doctest: +SKIP
    >>> reply = agent.invoke("red shoes under $50")                             # doctest: +SKIP
    >>> [r.caption for r in reply.data.results][:3]                             # doctest: +SKIP
    >>> agent.invoke({"text": "more like the second one", "state": reply.state})  # doctest: +SKIP
"""
from __future__ import annotations

import logging
from typing import Any

from pydantic import Field

from advisor.core.errors import AdvisorError, FeedbackError
from agents.base import Agent, AgentConfig, AgentRequest, Reply
from agents.registry import register
from agents.search_recommend.engine import EngineConfig, EngineError, Ranked, SearchEngine, SearchSpec
from agents.search_recommend.followup import FollowUp, detect
from agents.search_recommend.parse import ParsedQuery, parse_query
from agents.search_recommend.prices import describe, is_empty_range, merge_conditions
from agents.search_recommend.results import ResultItem, SearchResults

log = logging.getLogger(__name__)
MAX_SEEN = 300
MAX_HISTORY = 5


class SearchRecommendConfig(AgentConfig):
    """Config of the search & recommend agent."""

    k: int = Field(default=10, ge=1, le=100, description="Results per page.")
    engine: EngineConfig = Field(default_factory=EngineConfig, description="Retrieval and re-ranking knobs.")


def _quote(text: str | None, limit: int = 50) -> str:
    text = " ".join((text or "").split())
    return f"'{text[:limit - 1]}…'" if len(text) > limit else f"'{text}'"


@register
class SearchRecommendAgent(Agent):
    """Finds catalog items from a description, a photo or both, and recommends items from a user's likes."""

    name = "search_recommend"
    description = "Finds products and pictures in the catalog from a description or a photo, and recommends items."
    examples = [
        "show me red shoes under $50", "find a picture of a cat", "I'm looking for a blue backpack",
        "do you have any cheap wooden chairs?", "something like this but in red", "search the catalog for bicycles",
        "recommend something for me", "more like the third one", "show me cheaper ones", "show more results",
        "find pictures of flowers", "I want a green dress between 20 and 50 dollars", "a yellow car toy over 30",
        "what similar products do you have?", "find items that look like this photo", "gift ideas for a child",
        "search for a laptop bag", "any kitchen tools under 20 dollars?", "find me a lamp for my desk",
        "which of your products match this picture?",
        "给我找一双100元以下的红色鞋子", "我想买一只猫的图片", "有没有便宜的蓝色背包", "帮我搜索自行车",
        "给我推荐一些东西", "和第三个类似的", "有没有更便宜的", "再来一些", "找一些花的图片", "我想要一件绿色的连衣裙",
        "像这样的但是红色的", "帮我找个台灯", "搜索一下汽车玩具", "给我看看便宜的手表", "推荐一些我可能喜欢的商品",
        "我要找和这张图片相似的东西", "50到100元之间的包", "帮我找一本书", "有没有白色的杯子", "给孩子买什么礼物好",
    ]
    Config = SearchRecommendConfig

    def __init__(self, context: Any = None, config: AgentConfig | dict | None = None):
        super().__init__(context, config)
        self._engine: SearchEngine | None = None

    @property
    def engine(self) -> SearchEngine:
        if self._engine is None or self._engine.context is not self.context:
            self._engine = SearchEngine(self.context, self.config.engine)
        return self._engine

    # -- entry point --------------------------------------------------------------------------------------------
    def invoke(self, request: AgentRequest, config=None, **kwargs: Any) -> Reply:
        text = (request.text or "").strip()
        if self.context is None:
            return self._say("The catalog is not available (no advisor is attached to this agent).", request.state,
                             error="no advisor")
        if not text and not request.image:
            return self._say("Tell me what you are looking for, or attach a picture of something like it.", request.state)
        limit = self.context.settings.max_text_chars
        if len(text) > limit:
            return self._say(f"That message is {len(text)} characters long; the limit is {limit}.", request.state,
                             error="message too long")
        followup = detect(text) if text and not request.image else None
        try:
            if followup is not None:
                return self._follow_up(followup, request)
            return self._new_search(text, request)
        except EngineError as exc:
            return self._say(f"{exc}.", request.state, error=str(exc))

    # -- fresh queries ------------------------------------------------------------------------------------------
    def _new_search(self, text: str, request: AgentRequest, history: list | None = None) -> Reply:
        parsed = parse_query(text, self.engine.profile.vocabulary) if text else ParsedQuery(text="")
        if parsed.text and not parsed.query_text and not parsed.filters and not request.image:
            if parsed.untranslated:
                return self._say(
                    f"I could not understand {_quote(parsed.untranslated)}: my text model reads English, and the "
                    "Chinese dictionary does not know these words. Try other words, English, or attach a picture.",
                    request.state)
            if parsed.like_this:
                return self._say("Attach a picture of what you mean, and I will find items like it.", request.state)
        spec = SearchSpec(text=parsed.query_text or None, image=request.image, filters=parsed.filters,
                          constraints=parsed.constraints, translations=parsed.translations, notes=parsed.notes,
                          preferences=parsed.preferences)
        if parsed.untranslated and parsed.query_text:
            spec.notes.append(f"I did not know the words {_quote(parsed.untranslated)} and left them out")
        history = history if history is not None else self._push_history(request.state)
        return self._search(spec, page=0, seen=[], history=history, mode="search")

    def _search(self, spec: SearchSpec, page: int, seen: list[int], history: list, mode: str,
                reference_caption: str | None = None, reference_position: int | None = None,
                reference_page: list[int] | None = None) -> Reply:
        k = self.config.k
        try:
            ranked = self.engine.rank(spec, page=page, k=k)
        except AdvisorError as exc:
            return self._say(str(exc)[:1].upper() + str(exc)[1:] + ".", {"history": history}, error=str(exc))
        if seen:  # "show more": whatever comes next that was not shown yet
            shown_before = set(seen)
            page_items = [r for r in ranked if r.id not in shown_before][:k]
        else:
            page_items = ranked[page * k:(page + 1) * k]
            seen = [r.id for r in ranked[:page * k]]
        hits = {h.id: h for h in self.context.search.hits([r.id for r in page_items], [r.relevance for r in page_items])}
        results = [self._result(r, hits[r.id], spec, reference_caption) for r in page_items if r.id in hits]
        data = SearchResults(mode="browse" if not (spec.text or spec.image or spec.reference_id) else mode,
                             results=results, query=spec.text or "", query_image=spec.image,
                             reference_id=spec.reference_id, filters=spec.filters, constraints=spec.constraints,
                             translations=spec.translations, notes=spec.notes, page=page,
                             close_match=self._close_match(spec, page_items))
        state = {"mode": mode, "spec": spec.model_dump(mode="json"), "page": page, "shown": [r.id for r in results],
                 "seen": (seen + [r.id for r in results])[-MAX_SEEN:], "history": history[-MAX_HISTORY:],
                 "reference_position": reference_position, "reference_page": reference_page}
        return Reply(agent=self.name, text=self._summary(data, page > 0, reference_caption), data=data, state=state)

    def _close_match(self, spec: SearchSpec, page_items: list[Ranked]) -> bool:
        if not page_items or not (spec.text or spec.image) or spec.reference_id is not None:
            return True
        return max(r.cosine for r in page_items) >= self.config.engine.close_match_floor

    def _result(self, ranked: Ranked, hit, spec: SearchSpec, reference_caption: str | None) -> ResultItem:
        reasons = []
        if reference_caption is not None:
            reasons.append(f"similar to {_quote(reference_caption)}")
        if spec.text:  # "matches" only when the caption shares words; otherwise say it is the nearest found
            reasons.append(f"matches {_quote(spec.text)}" if ranked.caption_match > 0
                           else f"nearest in meaning to {_quote(spec.text)}")
        elif spec.image and reference_caption is None:
            reasons.append("looks like your picture")
        if ranked.caption_match > 0:
            reasons.append("caption shares words with your query")
        if spec.constraints:
            reasons.append("within " + ", ".join(spec.constraints))
        return ResultItem(id=hit.id, score=round(ranked.relevance, 6), image=hit.image, caption=hit.caption,
                          metadata=hit.metadata, explanation="; ".join(reasons) or None)

    def _summary(self, data: SearchResults, more: bool, reference_caption: str | None) -> str:
        what = (f"items like {_quote(reference_caption)}" if reference_caption is not None else
                f"{_quote(data.query)}" if data.query else "your picture" if data.query_image else "your filters")
        lines = []
        if data.translations:
            lines.append("Translated for the search: " + ", ".join(f"{zh} → {en}" for zh, en in data.translations) + ".")
        empty_range = any(isinstance(c, dict) and is_empty_range(c) for c in data.filters.values())
        if not data.results:
            if more:
                lines.append(f"There are no more results for {what}.")
            elif empty_range:
                lines.append(f"No item can match {', '.join(data.constraints)}: that range is empty.")
            elif data.filters:
                lines.append(f"No items match {', '.join(data.constraints) or 'those filters'}; try a wider range or drop a condition.")
            else:
                lines.append("The catalog is empty: ingest some items first (advisor ingest PATH).")
        else:
            where = f" ({' · '.join(data.constraints)})" if data.constraints else ""
            label = "More results" if more else f"{len(data.results)} result{'s' if len(data.results) != 1 else ''}"
            if not data.close_match and not more:
                lines.append(f"No close match for {what}{where}; these are the nearest items there are:")
            else:
                lines.append(f"{label} for {what}{where}:")
            lines += [f"{i}. {r.caption or r.image}" + _price(r.metadata) for i, r in enumerate(data.results, 1)]
        lines += [f"Note: {note}." for note in data.notes]
        return "\n".join(lines)

    # -- follow-ups ---------------------------------------------------------------------------------------------
    def _follow_up(self, followup: FollowUp, request: AgentRequest) -> Reply:
        state = request.state or {}
        if followup.kind == "recommend":
            return self._recommend(request, page=0)
        if followup.kind == "cheaper" and not state.get("shown") and followup.rest:
            return self._new_search(followup.rest + " cheap", request)
        if followup.kind == "more" and state.get("mode") == "recommend":
            return self._recommend(request, page=int(state.get("page", 0)) + 1)
        shown = [int(i) for i in state.get("shown") or []]
        if not shown:
            return self._say("There are no earlier results in this conversation to refer to. Tell me what you are "
                             "looking for first (for example 'red shoes under $50').", state)
        spec = SearchSpec(**state["spec"]) if state.get("spec") else SearchSpec()
        history = list(state.get("history") or [])
        if followup.kind in ("like", "dislike", "purchase"):
            return self._feedback(followup, shown, state, request)
        if followup.kind == "more":
            reply = self._search(spec, page=int(state.get("page", 0)) + 1, seen=[int(i) for i in state.get("seen") or []],
                                history=history, mode="search" if spec.reference_id is None else "more_like",
                                reference_caption=self._caption(spec.reference_id),
                                reference_position=state.get("reference_position"), reference_page=state.get("reference_page"))
            if reply.data is not None and not reply.data.results:
                reply.state = dict(state)  # nothing more: stay on the last page so "cheaper", "#2" still work
            return reply
        if followup.kind == "cheaper":
            return self._cheaper(spec, shown, followup, state, history)
        if followup.kind == "before":
            return self._before(state, history, request)
        return self._more_like(followup.position, shown, followup.rest, spec, state, request)

    def _pick(self, position: int | None, shown: list[int]) -> int | None:
        if position is None:
            return None
        index = len(shown) - 1 if position == -1 else position - 1
        return shown[index] if 0 <= index < len(shown) else None

    def _more_like(self, position, shown, rest, spec, state, request, page_ids=None) -> Reply:
        page_ids = page_ids or shown
        item_id = self._pick(position, page_ids)
        if item_id is None:
            return self._say(f"There is no result number {position}: the last page showed {len(page_ids)}.", state)
        extra = parse_query(rest, self.engine.profile.vocabulary) if rest else ParsedQuery(text="")
        filters = _merge_filters(spec.filters, extra.filters)
        constraints = _describe_filters(filters, spec.constraints + extra.constraints)
        new_spec = SearchSpec(text=extra.query_text or None, reference_id=item_id, filters=filters,
                              constraints=constraints, translations=extra.translations, notes=extra.notes)
        history = self._push_history(state)
        return self._search(new_spec, page=0, seen=[], history=history, mode="more_like",
                            reference_caption=self._caption(item_id), reference_position=position if position != -1 else len(page_ids),
                            reference_page=page_ids)

    def _cheaper(self, spec: SearchSpec, shown: list[int], followup: FollowUp, state: dict, history: list) -> Reply:
        field = self.engine.profile.vocabulary.price_field
        prices = sorted(p for p in (_price_of(h.metadata, field) for h in self.context.search.hits(shown, [0.0] * len(shown)))
                        if p is not None) if field else []
        if not prices:
            return self._say("These results have no prices, so I cannot look for cheaper ones.", state)
        limit = prices[len(prices) // 2]
        extra = parse_query(followup.rest, self.engine.profile.vocabulary) if followup.rest else ParsedQuery(text="")
        filters = _merge_filters(spec.filters, {field: {"lt": limit}}, extra.filters)
        new_spec = spec.model_copy(update={"filters": filters, "constraints": _describe_filters(filters, [])})
        reply = self._search(new_spec, page=0, seen=[], history=self._push_history(state), mode="search",
                             reference_caption=self._caption(spec.reference_id))
        return reply

    def _before(self, state: dict, history: list, request: AgentRequest) -> Reply:
        spec = SearchSpec(**state["spec"]) if state.get("spec") else SearchSpec()
        position, page_ids = state.get("reference_position"), state.get("reference_page")
        if spec.reference_id is not None and position and page_ids:
            if position <= 1:
                return self._say("That was the first result; there is none before it.", state)
            base = spec.model_copy(update={"reference_id": None, "text": None})
            return self._more_like(position - 1, page_ids, "", base, state, request, page_ids=page_ids)
        page = int(state.get("page", 0))
        if page > 0 and state.get("spec"):
            return self._search(spec, page=page - 1, seen=[], history=history, mode="search")
        if history:
            previous = history[-1]
            return self._search(SearchSpec(**previous["spec"]), page=int(previous.get("page", 0)), seen=[],
                                history=history[:-1], mode="search")
        return self._say("These are the first results of the conversation; there is nothing before them.", state)

    # -- feedback and recommendations ---------------------------------------------------------------------------
    def _feedback(self, followup: FollowUp, shown: list[int], state: dict, request: AgentRequest) -> Reply:
        item_id = self._pick(followup.position, shown)
        if item_id is None:
            return self._say(f"There is no result number {followup.position}: the last page showed {len(shown)}.", state)
        spec = SearchSpec(**state["spec"]) if state.get("spec") else None
        try:
            self.context.feedback.feedback(request.user_id, item_id, followup.kind, context=spec.text if spec else None)
        except FeedbackError as exc:
            return self._say(f"I could not record that: {exc}.", state, error=str(exc))
        verb = {"like": "you like", "dislike": "you do not like", "purchase": "you bought"}[followup.kind]
        return self._say(f"Noted: {verb} {_quote(self._caption(item_id))}. Say 'recommend something' for picks "
                         "based on what you like.", state)

    def _recommend(self, request: AgentRequest, page: int) -> Reply:
        k = self.config.k
        hits = self.context.feedback.recommend(request.user_id, k=k * (page + 1), domain=self.config.engine.domain)[page * k:]
        results = [ResultItem(id=h.id, score=h.score, image=h.image, caption=h.caption, metadata=h.metadata,
                              explanation=h.explanation) for h in hits]
        data = SearchResults(mode="recommend", results=results, page=page)
        if results:
            text = "\n".join([f"Picked for you{' (more)' if page else ''}:"] + [
                f"{i}. {r.caption or r.image} ({r.explanation})" for i, r in enumerate(results, 1)])
        else:
            text = "I have nothing more to recommend right now." if page else "The catalog is empty: nothing to recommend yet."
        state = dict(request.state or {})
        state.update({"mode": "recommend", "page": page, "shown": [r.id for r in results], "spec": state.get("spec")})
        return Reply(agent=self.name, text=text, data=data, state=state)

    # -- helpers --------------------------------------------------------------------------------------------------
    def _caption(self, item_id: int | None) -> str | None:
        if item_id is None:
            return None
        items = self.context.store.get_items([item_id])
        return items[item_id].caption or f"item {item_id}" if item_id in items else f"item {item_id}"

    @staticmethod
    def _push_history(state: dict | None) -> list:
        state = state or {}
        history = list(state.get("history") or [])
        if state.get("spec") and state.get("mode") != "recommend":
            history.append({"spec": state["spec"], "page": state.get("page", 0)})
        return history[-MAX_HISTORY:]

    def _say(self, text: str, state: dict | None, error: str | None = None) -> Reply:
        return Reply(agent=self.name, text=text, state=dict(state or {}), error=error)


def _price_of(metadata: dict, field: str | None) -> float | None:
    value = metadata.get(field) if field else None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _price(metadata: dict) -> str:
    value = _price_of(metadata, "price")
    return f" — {value:.2f}" if value is not None else ""


def _merge_filters(*filter_sets: dict) -> dict:
    merged: dict = {}
    for filters in filter_sets:
        for field, condition in (filters or {}).items():
            if isinstance(condition, dict) and isinstance(merged.get(field), dict):
                merged[field] = merge_conditions([merged[field], condition])
            else:
                merged[field] = condition
    return merged


def _describe_filters(filters: dict, fallback: list[str]) -> list[str]:
    words = []
    for field, condition in filters.items():
        if field == "domain":
            continue
        if isinstance(condition, dict):
            words.append(describe(field, condition))
        elif isinstance(condition, list):
            words.append(f"{field} = {' or '.join(map(str, condition))}")
        else:
            words.append(f"{field} = {condition}")
    return words or fallback
