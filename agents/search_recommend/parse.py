"""Turn a shopping-style message into metadata filters plus the text to embed.

Constraints become filters for :mod:`advisor.core.filters`, which the search applies inside FAISS; their words are
removed from the text that is embedded. Prices (bounds, ranges, currencies, "cheap"/"expensive" relative to the
catalog's price terciles), colours, categories and the values of any other short text field of the catalog
(learned from its own columns) are recognised; a negation ("not red", "anything but green", "不要黑色的") turns
the values in its scope into exclusions (:mod:`agents.search_recommend.scope`). Chinese is translated into English
words with CC-CEDICT first (:mod:`agents.search_recommend.chinese`), after its price phrases are read.

>>> p = parse_query("red shoes under $100")
>>> p.filters, p.query_text
({'price': {'lt': 100.0}, 'colour': ['red']}, 'shoes')
>>> parse_query("shoes that aren't black").filters
{'colour': {'nin': ['black']}}
"""
from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from agents.search_recommend.chinese import has_chinese, to_english
from agents.search_recommend.lexicon import COLOURS
from agents.search_recommend.prices import CHEAP, EXPENSIVE, describe, find_prices, is_empty_range, merge_conditions
from agents.search_recommend.scope import NEGATION_CUE, ValueMention, find_mentions, matches_value, negation_scopes

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
MASS_NOUNS = {"food", "office", "people", "clothing", "stationery", "furniture", "jewelry", "jewellery", "music"}
EXPLICIT_FIELD = re.compile(r"\b(?:category|section|department|colou?r|size)\b", re.IGNORECASE)
CURRENCY = (("€", re.compile(r"€|\beuros?\b", re.IGNORECASE)), ("$", re.compile(r"\$|\bdollars?\b|\busd\b|\bbucks\b", re.IGNORECASE)),
            ("元", re.compile(r"元|块|\byuan\b|\brmb\b|¥", re.IGNORECASE)), ("£", re.compile(r"£|\bpounds?\b", re.IGNORECASE)))


class CatalogVocabulary(BaseModel):
    """What the catalog's metadata holds, so parsing only filters on fields and values that exist."""

    model_config = ConfigDict(extra="forbid")

    category_field: str | None = Field(default="category", description="Metadata field holding categories, if any.")
    colour_field: str | None = Field(default="colour", description="Metadata field holding colours, if any.")
    price_field: str | None = Field(default="price", description="Numeric metadata field holding prices, if any.")
    categories: dict[str, str] = Field(default_factory=dict, description="Lower-cased category -> stored value.")
    colours: dict[str, str] = Field(default_factory=dict, description="Canonical colour -> stored value.")
    fields: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Other short text fields: field -> lower-cased value -> stored value.")
    cheap_max: float | None = Field(default=None, description="'cheap' means price ≤ this (the catalog's lower third).")
    expensive_min: float | None = Field(default=None, description="'expensive' means price ≥ this (upper third).")

    def all_fields(self) -> dict[str, dict[str, str]]:
        """Every filterable text field with its values (categories and colours included)."""
        out = dict(self.fields)
        if self.category_field and self.categories:
            out[self.category_field] = self.categories
        if self.colour_field:  # colours are recognised by their names even before the catalog lists them
            out[self.colour_field] = self.colours or {c: c for c in lexicon_colours()}
        return out


def lexicon_colours() -> list[str]:
    return list(COLOURS)


class ParsedQuery(BaseModel):
    """The message split into what to embed and what to filter on."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The message as given.")
    query_text: str = Field(default="", description="English text to embed (constraint words removed, Chinese translated).")
    filters: dict[str, Any] = Field(default_factory=dict, description="Metadata filters for advisor.core.filters.")
    constraints: list[str] = Field(default_factory=list, description="The filters in words ('colour not red', 'price ≤ 30 €').")
    translations: list[tuple[str, str]] = Field(default_factory=list, description="(Chinese, English) words used.")
    untranslated: str = Field(default="", description="Chinese characters the dictionary did not know.")
    notes: list[str] = Field(default_factory=list, description="Constraints that could not become filters, and why.")
    like_this: bool = Field(default=False, description="The text asks for items like an attached image.")
    preferences: dict[str, list[str]] = Field(
        default_factory=dict, description="Values described but not required (field -> values): they rank, not filter.")

    @property
    def empty_range(self) -> bool:
        return any(isinstance(c, dict) and is_empty_range(c) for c in self.filters.values())


def _remove(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _tidy(text: str) -> str:
    words = re.sub(r"[,;:!?，。]+", " ", text).split()
    while words and words[0].lower() in DANGLING:
        words.pop(0)
    while words and words[-1].lower().strip(".") in DANGLING:
        words.pop()
    return re.sub(r"\s+", " ", " ".join(words)).strip(" .")


def _currency(text: str) -> str:
    return next((symbol for symbol, pattern in CURRENCY if pattern.search(text)), "")


def parse_query(text: str, vocab: CatalogVocabulary | None = None) -> ParsedQuery:
    """Split ``text`` into filters and the English text to embed; see the module docstring."""
    vocab = vocab or CatalogVocabulary()
    text = text or ""
    parsed = ParsedQuery(text=text)
    prices = find_prices(text)
    currency = _currency(_remove(text, []) if prices else "")
    english = _remove(text, [span for _, span in prices])
    if has_chinese(english):
        # 便宜 / 贵的 are read as price words here: their dictionary glosses would only blur the description
        english = _remove(english, [m.span() for pattern in (CHEAP, EXPENSIVE) for m in pattern.finditer(english)
                                    if has_chinese(m.group(0))])
        values = [v for values in vocab.all_fields().values() for v in values]
        translation = to_english(ZH_REQUEST.sub("", english.strip()),
                                 wanted=lambda sense: any(matches_value(w, v) for w in sense.split() for v in values))
        parsed.translations, parsed.untranslated = translation.pairs, translation.unknown
        english = translation.text
    spans: list[tuple[int, int]] = []
    price = merge_conditions([c for c, _ in prices]) if prices else {}
    price = _cheap_or_expensive(english, vocab, price, spans, parsed, original=text)
    if price and vocab.price_field:
        parsed.filters[vocab.price_field] = price
        parsed.constraints.append(describe(vocab.price_field, price) + (f" {currency}" if currency else ""))
    elif prices:
        parsed.notes.append("the catalog has no prices, so the price limit was ignored")
    requested = bool(ZH_REQUEST.match(text.strip())) if parsed.translations else False
    mentions, preferred = _kept_mentions(english, vocab, shopping=bool(price) or bool(prices) or requested,
                                         translated=bool(parsed.translations))
    for mention in preferred:
        parsed.preferences.setdefault(mention.field, []).append(mention.value)
    if vocab.colour_field is None and find_mentions(english, {"colour": {c: c for c in lexicon_colours()}}, "colour"):
        parsed.notes.append("the catalog records no colours, so the colour was used as a description")
    _add_value_filters(mentions, vocab, parsed)
    spans += [(m.start, m.end) for m in mentions]
    spans += [cue.span() for cue in NEGATION_CUE.finditer(english)
              if any(m.negated and cue.end() <= m.start for m in mentions)]
    like = LIKE_THIS.search(english)
    if like:
        parsed.like_this = True
        spans.append(like.span())
    remaining = _remove(english, spans)
    stripped = REQUEST_LEAD.sub("", remaining)
    changed = bool(spans) or bool(prices) or stripped != remaining or english != text
    parsed.query_text = _tidy(stripped) if changed else text.strip()
    if not parsed.query_text and not parsed.like_this:
        # nothing but constraint words ("a blue", "红色的"): the wanted values are the only description to rank by
        parsed.query_text = " ".join(m.value for m in mentions if not m.negated)
    return parsed


def _kept_mentions(english: str, vocab: CatalogVocabulary, shopping: bool,
                   translated: bool = False) -> tuple[list[ValueMention], list[ValueMention]]:
    """(mentions that become filters, colour mentions that only rank).

    In a shopping-style message (a request phrase, a price, a negation, an explicit field word, or nothing but
    value words) every value filters. Inside a plain description ("a brown fish", "a bowl of food", "a large
    house") nothing filters: a colour there describes the picture, and a catalog's recorded colour is one colour
    per item, so it ranks matching items higher instead of hiding the others.
    """
    mentions = find_mentions(english, vocab.all_fields(), vocab.colour_field)
    mentions = [m for m in mentions if not (m.field == vocab.colour_field and _is_fruit_orange(english, m))]
    shopping = (shopping or bool(REQUEST_LEAD.match(english)) or bool(negation_scopes(english))
                or bool(EXPLICIT_FIELD.search(english)) or bool(LIKE_THIS.search(english))
                or bool(re.search(r"\b(?:in|only)\s+[a-z]+$|\bin\s+[a-z]+\s*(?:,|$)", english.strip(), re.IGNORECASE)))
    if not shopping:  # "toys", "red animals": only value words, the category named as a group (plural or mass noun)
        shopping = _only_words(english, mentions) and all(
            m.field == vocab.colour_field or _names_a_group(english[m.start:m.end], m.value) for m in mentions)
    if not shopping:
        return [], [m for m in mentions if m.field == vocab.colour_field]
    if not translated:  # English names a category as a group: "squares under 25", not "a circle" (Chinese has no plural)
        mentions = [m for m in mentions if m.field == vocab.colour_field or _names_a_group(english[m.start:m.end], m.value)]
    return _scope_heads(mentions, vocab, english), []


def _scope_heads(mentions: list[ValueMention], vocab: CatalogVocabulary, english: str) -> list[ValueMention]:
    """In a negation scope that also names an attribute, the category is what is asked for ("not red animals")."""
    scopes = negation_scopes(english)
    for mention in mentions:
        if not mention.negated or mention.field != vocab.category_field:
            continue
        scope = next((s for s in scopes if s[0] <= mention.start < s[1]), None)
        if scope and any(o.negated and o.field != vocab.category_field and scope[0] <= o.start < scope[1] for o in mentions):
            mention.negated = False
    return mentions


def _names_a_group(word: str, value: str) -> bool:
    word = word.lower()
    return word.endswith("s") or word in MASS_NOUNS or word == value.lower()


def _is_fruit_orange(text: str, mention: ValueMention) -> bool:
    word = text[mention.start:mention.end].lower()
    before = text[:mention.start].rstrip().lower()
    return word == "orange" and (before.endswith(" an") or before == "an" or
                                 bool(re.match(r"\s*(?:juice|s)\b", text[mention.end:])))


def _only_words(text: str, mentions: list[ValueMention]) -> bool:
    return bool(mentions) and not _tidy(_remove(text, [(m.start, m.end) for m in mentions]))


def _add_value_filters(mentions: list[ValueMention], vocab: CatalogVocabulary, parsed: ParsedQuery) -> None:
    fields: dict[str, tuple[list[str], list[str]]] = {}
    for mention in mentions:
        wanted, excluded = fields.setdefault(mention.field, ([], []))
        bucket = excluded if mention.negated else wanted
        if mention.value not in bucket:
            bucket.append(mention.value)
    for field, (wanted, excluded) in fields.items():
        wanted = [v for v in wanted if v not in excluded]
        if wanted and excluded:
            parsed.filters[field] = {"in": wanted, "nin": excluded}
        elif wanted:
            single = field != vocab.colour_field and len(wanted) == 1
            parsed.filters[field] = wanted[0] if single else wanted
        elif excluded:
            parsed.filters[field] = {"nin": excluded}
        words = [" or ".join(wanted)] if wanted else []
        words += [f"not {' or '.join(excluded)}"] if excluded else []
        parsed.constraints.append(f"{field} " + ("= " if wanted else "") + ", ".join(words))


def _cheap_or_expensive(text: str, vocab: CatalogVocabulary, price: dict, spans: list, parsed: ParsedQuery,
                        original: str = "") -> dict:
    """'cheap' / 'expensive' (or 便宜 / 贵的 in the original Chinese) as the catalog's lower / upper price third."""
    for pattern, op, bound, word in ((CHEAP, "lte", vocab.cheap_max, "cheap"), (EXPENSIVE, "gte", vocab.expensive_min, "expensive")):
        match = pattern.search(text)
        if not match and not (original != text and pattern.search(original)):
            continue
        if match:
            spans.append(match.span())
        if vocab.price_field and bound is not None:
            price = merge_conditions([price, {op: bound}])
        else:
            parsed.notes.append(f"the catalog has no prices, so '{word}' was ignored")
    return price
