"""Turn a shopping-style message into metadata filters plus the text to embed.

Constraints (category, colour, price) become filters for :mod:`advisor.core.filters`, which the search applies inside
FAISS; their words are removed from the text that is embedded. A constraint on a field the catalog does not have
is not turned into a filter: its words stay in the text (a soft preference) so nothing is silently excluded.
Chinese object words are translated with a small lexicon first (the text tower is English-first).

>>> p = parse_query("red shoes under $100")
>>> p.filters, p.query_text
({'colour': ['red'], 'price': {'lt': 100.0}}, 'shoes')
>>> parse_query("100元以下的红色的猫").filters
{'colour': ['red'], 'price': {'lte': 100.0}}
"""
from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from agents.search_recommend import lexicon
from agents.search_recommend.prices import CHEAP, EXPENSIVE, describe, find_prices, is_empty_range, merge_conditions

REQUEST_LEAD = re.compile(
    r"^\s*(?:please\s+|can you\s+|could you\s+)?(?:show\s+me|find\s+me|find|search\s+for|search|look\s+for|"
    r"looking\s+for|i'?m\s+looking\s+for|i\s+am\s+looking\s+for|i\s+want|i'?d\s+like|i\s+would\s+like|i\s+need|"
    r"do\s+you\s+have|have\s+you\s+got|get\s+me|give\s+me|any)\b[\s,:]*(?:some\s+|any\s+)?", re.IGNORECASE)
ZH_REQUEST = re.compile(r"^(?:请|麻烦)?(?:帮我|给我)?(?:找找|找一下|找一找|找|搜索|搜一下|搜|查找|看看|我想要|我想买|我要|想要|有没有|有)"
                        r"(?:一些|一下|一个|一只|一辆|一件|一双|点)?")
LIKE_THIS = re.compile(r"\b(?:(?:something|one|items?|things?)\s+)?(?:(?:just\s+)?like\s+this(?:\s+one)?|similar\s+to\s+this(?:\s+one)?|"
                       r"same\s+as\s+this|this\s+(?:but|in)\b)|像这样的|类似的|这样的|像这个|这个", re.IGNORECASE)
DANGLING = {"in", "but", "and", "or", "for", "with", "that", "which", "are", "is", "of", "some", "any", "ones", "one",
            "items", "things", "stuff", "please", "colour", "color", "coloured", "colored", "a", "an", "the", "only",
            "costing", "priced", "price", "from", "at", "to", "under", "below", "over", "than", "category"}
ZH_FILLER = re.compile(r"[的了吗呢吧啊呀个只辆件双条张把些种款一点请，。！？、,.!?\s]+")
MASS_NOUNS = {"food", "office", "people", "clothing", "stationery", "furniture", "jewelry", "jewellery"}
EXPLICIT_CATEGORY = [re.compile(p, re.IGNORECASE) for p in (
    r"\b(?:in\s+)?(?:the\s+)?category\s*[:=]?\s*['\"]?([\w &-]+?)['\"]?(?=$|[,.;!?]|\s+(?:under|below|over|above|between|for|in|with|that)\b)",
    r"\bin\s+(?:the\s+)?([\w&-]+(?:\s+[\w&-]+)?)\s+(?:category|section|department)\b",
    r"\bfrom\s+(?:the\s+)?([\w&-]+(?:\s+[\w&-]+)?)\s+(?:category|section|department)\b",
)]


class CatalogVocabulary(BaseModel):
    """What the catalog's metadata holds, so parsing only filters on fields and values that exist."""

    model_config = ConfigDict(extra="forbid")

    category_field: str | None = Field(default="category", description="Metadata field holding categories, if any.")
    colour_field: str | None = Field(default="colour", description="Metadata field holding colours, if any.")
    price_field: str | None = Field(default="price", description="Numeric metadata field holding prices, if any.")
    categories: dict[str, str] = Field(default_factory=dict, description="Lower-cased category -> stored value.")
    colours: dict[str, str] = Field(default_factory=dict, description="Canonical colour -> stored value.")
    cheap_max: float | None = Field(default=None, description="'cheap' means price ≤ this (the catalog's lower third).")
    expensive_min: float | None = Field(default=None, description="'expensive' means price ≥ this (upper third).")


class ParsedQuery(BaseModel):
    """The message split into what to embed and what to filter on."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The message as given.")
    query_text: str = Field(default="", description="English text to embed (constraint words removed, Chinese translated).")
    filters: dict[str, Any] = Field(default_factory=dict, description="Metadata filters for advisor.core.filters.")
    constraints: list[str] = Field(default_factory=list, description="The filters in words.")
    translations: list[tuple[str, str]] = Field(default_factory=list, description="(Chinese, English) words used.")
    untranslated: str = Field(default="", description="Chinese characters the lexicon did not know.")
    notes: list[str] = Field(default_factory=list, description="Constraints that could not become filters, and why.")
    like_this: bool = Field(default=False, description="The text asks for items like an attached image.")

    @property
    def empty_range(self) -> bool:
        return any(isinstance(c, dict) and is_empty_range(c) for c in self.filters.values())


def _remove(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


def _tidy(text: str) -> str:
    words = re.sub(r"[,;:!?]+", " ", text).split()
    while words and words[0].lower() in DANGLING:
        words.pop(0)
    while words and words[-1].lower().strip(".") in DANGLING:
        words.pop()
    return re.sub(r"\s+", " ", " ".join(words)).strip(" .")


def _category_value(word: str, vocab: CatalogVocabulary) -> str | None:
    word = word.lower().strip()
    for candidate in (word, lexicon.EN_CATEGORY_SYNONYMS.get(word, ())):
        names = (candidate,) if isinstance(candidate, str) else candidate
        for name in names:
            if name in vocab.categories:
                return vocab.categories[name]
    return None


def _categories(text: str, vocab: CatalogVocabulary) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """Category values named in the text: (explicit ones, bare plural names, spans of the explicit phrases).

    Explicit: "category: food", "in the toys section", Chinese category words. Bare: a plural or mass name
    ("animals", "food"); the caller decides whether a bare name is a constraint or part of a description.
    """
    if not vocab.category_field or not vocab.categories:
        return [], [], []
    explicit, spans = [], []
    for pattern in EXPLICIT_CATEGORY:
        for match in pattern.finditer(text):
            value = _category_value(match.group(1), vocab) or _category_value(match.group(1).rstrip("s"), vocab)
            if value and value not in explicit:
                explicit.append(value)
                spans.append(match.span())
    for chinese in sorted(lexicon.ZH_CATEGORIES, key=len, reverse=True):
        start = text.find(chinese)
        if start < 0 or any(s <= start < e for s, e in spans):
            continue
        value = next((vocab.categories[e] for e in lexicon.ZH_CATEGORIES[chinese] if e in vocab.categories), None)
        if value and value not in explicit:
            explicit.append(value)
            spans.append((start, start + len(chinese)))
    bare = []
    lowered = text.lower()
    for name in sorted(set(vocab.categories) | set(lexicon.EN_CATEGORY_SYNONYMS), key=len, reverse=True):
        plural_or_mass = name.endswith("s") or name in MASS_NOUNS
        if len(name) < 3 or not plural_or_mass or not re.search(rf"\b{re.escape(name)}\b", lowered):
            continue
        value = _category_value(name, vocab)
        if value and value not in explicit and value not in bare:
            bare.append(value)
    return explicit, bare, spans


def _only_words(text: str, names: list[str]) -> bool:
    rest = text.lower()
    for name in names:
        rest = re.sub(rf"\b{re.escape(name.lower())}\b", " ", rest)
    return bool(names) and not _tidy(rest)


def _colours(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    colours, spans = [], []
    for match in re.finditer(r"\b(?:in\s+)?([a-z]+)(?:[- ](?:coloured|colored|colour|color))?\b", text, re.IGNORECASE):
        word = match.group(1).lower()
        if word not in lexicon.COLOUR_WORDS:
            continue
        before = text[:match.start()].rstrip().lower()
        if word == "orange" and (before.endswith(" an") or before == "an" or re.match(r"\s*(?:juice|s)\b", text[match.end():])):
            continue  # "an orange" is the fruit
        colour = lexicon.COLOUR_WORDS[word]
        if colour not in colours:
            colours.append(colour)
        spans.append(match.span())
    for chinese in sorted(lexicon.ZH_COLOURS, key=len, reverse=True):
        for match in re.finditer(re.escape(chinese) + "的?", text):
            if any(s <= match.start() < e for s, e in spans):
                continue
            colour = lexicon.ZH_COLOURS[chinese]
            if colour not in colours:
                colours.append(colour)
            spans.append(match.span())
    for char, colour in lexicon.ZH_COLOUR_CHARS.items():
        for match in re.finditer(re.escape(char) + "的", text):
            if any(s <= match.start() < e for s, e in spans):
                continue
            if colour not in colours:
                colours.append(colour)
            spans.append(match.span())
    return colours, spans


def parse_query(text: str, vocab: CatalogVocabulary | None = None) -> ParsedQuery:
    """Split ``text`` into filters and the English text to embed; see the module docstring."""
    vocab = vocab or CatalogVocabulary()
    text = text or ""
    parsed = ParsedQuery(text=text)
    spans: list[tuple[int, int]] = []

    prices = find_prices(text)
    if prices:
        condition = merge_conditions([c for c, _ in prices])
        if vocab.price_field:
            parsed.filters[vocab.price_field] = condition
            parsed.constraints.append(describe(vocab.price_field, condition))
        else:
            parsed.notes.append("the catalog has no prices, so the price limit was ignored")
        spans += [s for _, s in prices]
    _cheap_or_expensive(text, vocab, parsed, spans)

    colours, colour_spans = _colours(text)
    if colours and vocab.colour_field:
        parsed.filters[vocab.colour_field] = [vocab.colours.get(c, c) for c in colours]
        parsed.constraints.append(f"{vocab.colour_field} = {' or '.join(colours)}")
        spans += colour_spans
    elif colours:
        parsed.notes.append(f"the catalog records no colours; '{' '.join(colours)}' was used as a description")

    explicit, bare, category_spans = _categories(text, vocab)
    # a bare category name filters only in a shopping-style message ("show me animals", "toys under 20",
    # "food"), not inside a description ("a bowl of food"), which keeps plain captions unfiltered
    shopping = bool(parsed.filters) or bool(REQUEST_LEAD.match(text)) or _only_words(text, bare)
    categories = explicit + (bare if shopping else [])
    if categories:
        parsed.filters[vocab.category_field] = categories if len(categories) > 1 else categories[0]
        parsed.constraints.append(f"{vocab.category_field} = {' or '.join(categories)}")
        spans += category_spans

    like = LIKE_THIS.search(text)
    if like:
        parsed.like_this = True
        spans.append(like.span())
    remaining = _remove(text, spans) if spans else text
    parsed.query_text = _english_text(remaining, parsed, changed=bool(spans))
    if not parsed.query_text and not parsed.like_this and (colours or categories):
        # nothing but constraint words ("a blue", "红色的"): they are also the only description to rank by
        parsed.query_text = " ".join([*colours, *categories])
    return parsed


def _cheap_or_expensive(text: str, vocab: CatalogVocabulary, parsed: ParsedQuery, spans: list) -> None:
    for pattern, op, bound, word in ((CHEAP, "lte", vocab.cheap_max, "cheap"), (EXPENSIVE, "gte", vocab.expensive_min, "expensive")):
        match = pattern.search(text)
        if not match or any(s <= match.start() < e for s, e in spans):
            continue
        spans.append(match.span())
        if vocab.price_field and bound is not None:
            condition = merge_conditions([parsed.filters.get(vocab.price_field, {}), {op: bound}])
            parsed.filters[vocab.price_field] = condition
            parsed.constraints = [c for c in parsed.constraints if not c.startswith(vocab.price_field + " ")]
            parsed.constraints.append(describe(vocab.price_field, condition) + f" ({word})")
        else:
            parsed.notes.append(f"the catalog has no prices, so '{word}' was ignored")


def _english_text(remaining: str, parsed: ParsedQuery, changed: bool) -> str:
    """The text to embed: request phrasing removed, Chinese translated word by word."""
    if lexicon.has_chinese(remaining):
        remaining = ZH_REQUEST.sub("", remaining.strip())
        words, pairs, leftover = lexicon.translate_chinese(remaining)
        parsed.translations = pairs
        parsed.untranslated = ZH_FILLER.sub("", leftover)
        return _tidy(" ".join(words))
    stripped = REQUEST_LEAD.sub("", remaining)
    if stripped != remaining:
        changed = True
    return _tidy(stripped) if changed else remaining.strip()
