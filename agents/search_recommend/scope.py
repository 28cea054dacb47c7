"""Metadata values named in an English message, and whether a negation covers them.

A negation cue ("not", "no", "without", "except", "anything but", "aren't", ...) covers the words after it up to
the end of its clause: punctuation, or "and" / "but" / "with" / "that" (not "or": "no red or yellow things" excludes
both colours). Inside a negation scope, attribute values (colour, size, any other field) are excluded and a
category stays the thing asked for ("not red animals": animals, colour not red); a scope holding only category
names excludes the categories ("anything except food").

>>> from agents.search_recommend.scope import negation_scopes
>>> negation_scopes("animals that aren't brown, under 20")
[(19, 25)]
"""
from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from agents.search_recommend import lexicon
from agents.search_recommend.lexicon import stem

NEGATION_CUE = re.compile(
    r"\b(?:anything|everything|something|items?|things?)\s+(?:but|except|other\s+than)\b|\bnot\s+in\b|"
    r"\b(?:not|no|none|without|except(?:\s+for)?|excluding|other\s+than|apart\s+from|aside\s+from|never|non|neither|"
    r"nor|aren'?t|isn'?t|don'?t\s+(?:want|need|show|give)(?:\s+me)?(?:\s+any)?)\b|\bnon-", re.IGNORECASE)
SCOPE_END = re.compile(r"[,;.!?，。；！？]|\b(?:and|but|with|that|which|who|under|below|over|above|between|for|in|at)\b",
                       re.IGNORECASE)


class ValueMention(BaseModel):
    """A metadata value named in the message."""

    model_config = ConfigDict(extra="forbid")

    field: str = Field(description="Metadata field.")
    value: str = Field(description="The value as stored in the catalog.")
    start: int = Field(description="Start of the words in the message.")
    end: int = Field(description="End of the words in the message.")
    negated: bool = Field(default=False, description="Inside a negation scope.")


def negation_scopes(text: str) -> list[tuple[int, int]]:
    """Character spans covered by a negation, each from the end of its cue to the end of its clause."""
    scopes = []
    for cue in NEGATION_CUE.finditer(text):
        end = SCOPE_END.search(text, cue.end())
        scopes.append((cue.end(), end.start() if end else len(text)))
    return scopes



def word_names(word: str) -> set[str]:
    """Names a word can stand for in a catalog: itself, its stem, the catalog category synonyms of either."""
    word = word.lower()
    names = {word, stem(word)}
    for key in (word, stem(word) + "s"):
        names.update(lexicon.EN_CATEGORY_SYNONYMS.get(key, ()))
    return names


def matches_value(word: str, value: str) -> bool:
    """A message word names a catalog value: equal, same stem, a synonym, or one a prefix of the other
    ("musical" -> music, "electronic" -> electronics) when the shorter has at least 5 letters."""
    value = value.lower()
    names = word_names(word)
    if value in names or stem(value) in names:
        return True
    shorter, longer = sorted((word.lower(), value), key=len)
    return len(shorter) >= 5 and longer.startswith(shorter)


def find_mentions(text: str, fields: dict[str, dict[str, str]], colour_field: str | None) -> list[ValueMention]:
    """Every catalog value named in ``text`` (one- and two-word phrases), marked negated when a scope covers it."""
    scopes = negation_scopes(text)
    mentions: list[ValueMention] = []
    words = list(re.finditer(r"[A-Za-z][A-Za-z']*", text))
    for index, match in enumerate(words):
        candidates = [(match.group(0), match.start(), match.end())]
        if index + 1 < len(words):
            candidates.insert(0, (text[match.start():words[index + 1].end()], match.start(), words[index + 1].end()))
        for phrase, start, end in candidates:
            if any(m.start <= start < m.end for m in mentions):
                break
            found = _lookup(phrase, fields, colour_field)
            if found:
                negated = any(s <= start < e for s, e in scopes)
                mentions += [ValueMention(field=f, value=v, start=start, end=end, negated=negated) for f, v in found]
                break
    return mentions


def _lookup(phrase: str, fields: dict[str, dict[str, str]], colour_field: str | None) -> list[tuple[str, str]]:
    lowered = phrase.lower()
    if colour_field and lowered in lexicon.COLOUR_WORDS and lexicon.COLOUR_WORDS[lowered] in fields.get(colour_field, {}):
        return [(colour_field, fields[colour_field][lexicon.COLOUR_WORDS[lowered]])]
    if lowered in lexicon.STOP_VALUES:
        return []
    found = []
    for field, values in fields.items():
        if field == colour_field:
            continue
        for key, stored in values.items():
            if (" " in key) == (" " in lowered) and matches_value(lowered, key):
                found.append((field, stored))
                break
    return found
