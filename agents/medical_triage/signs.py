"""Plain-language danger signs found with phrases that stretch: word stems in order with a few words between them.

A sign (``data/patterns.yaml``) is a named finding ("vomiting_blood", "neck_stiffness") with English and Chinese
phrases taken from lay-language public guidance. Matching allows intervening words, so "vomited a cup of blood" and
"吐了一杯血" match the phrases "vomit blood" and "吐 血":

- English: the Snowball (Porter 2) stemmer reduces the words of the text and of the phrase, so "vomited",
  "vomiting" and "vomit" are one word; a phrase word ending in ``*`` matches any word starting with it. The phrase
  words must appear in order, with at most ``max_gap`` other words between two of them, inside one clause.
- Chinese: a phrase is written as parts separated by spaces ("吐 血", "见光 疼"); the parts must appear in order with
  at most ``zh_max_gap`` characters between two of them, inside one clause. A phrase without spaces is a substring.

Every match is checked with ConText (``context.py``): only current findings of the patient count, so "no blood when
I was sick" and "脖子不硬" do not. Background signs (long-term conditions such as diabetes) also count when stated
as history ("diagnosed with diabetes years ago"), never when negated or someone else's.

Example::

    >>> from agents.medical_triage.signs import SignLexicon
    >>> lexicon = SignLexicon({"vomiting_blood": ["vomit blood", "吐 血"]})
    >>> [(m.sign, m.text) for m in lexicon.find("I just vomited a cup of blood")]
    [('vomiting_blood', 'vomited a cup of blood')]
    >>> [m.sign for m in lexicon.find("我刚吐了一杯血")], [m.sign for m in lexicon.find("吐了，但是没有血")]
    (['vomiting_blood'], [])
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import snowballstemmer

from agents.medical_triage.context import assert_span
from agents.medical_triage.text import CJK, ZH_NOT_PRECEDED, clause_spans, normalise

_AUXILIARIES = frozenset(["is", "are", "was", "were", "has", "have", "had", "do", "does", "did", "can", "could",
                          "will", "would"])
_EN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class SignMatch:
    """A sign found in a text: its id, the words that matched and where."""

    sign: str
    text: str
    start: int
    end: int
    clause: str


@dataclass(frozen=True)
class _EnglishPhrase:
    sign: str
    words: tuple[tuple[str, bool], ...]  # (stem or prefix, is_prefix)
    own_words: frozenset[str]


@dataclass(frozen=True)
class _ChinesePhrase:
    sign: str
    parts: tuple[str, ...]
    own_words: frozenset[str]


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """The Snowball stem of an English word ("vomited" → "vomit").

    >>> stem("vomited"), stem("coughing")
    ('vomit', 'cough')
    """
    return _stemmer().stemWord(word.replace("'", ""))


def compile_phrase(sign: str, phrase: str) -> _EnglishPhrase | _ChinesePhrase:
    """A data-file phrase, compiled for gapped matching (raises ValueError on an empty one)."""
    text = normalise(phrase).strip()
    if not text:
        raise ValueError(f"sign {sign!r}: empty phrase")
    if CJK.search(text):
        parts = tuple(part for part in text.split() if part)
        own = frozenset("".join(parts)) | frozenset(p[i:i + 2] for p in parts for i in range(len(p) - 1))
        return _ChinesePhrase(sign, parts, own)
    raw = re.findall(r"[a-z0-9']+\*?", text)
    words = tuple((w[:-1], True) if w.endswith("*") else (stem(w), False) for w in raw)
    own = frozenset(w.rstrip("*") for w in raw)
    if "not" in own:  # a phrase that holds its own "not" also owns the cue around it ("are not", "has not")
        own |= _AUXILIARIES
    return _EnglishPhrase(sign, words, own)


def _english_tokens(clause: str, offset: int) -> list[tuple[str, str, int, int]]:
    return [(m.group(), stem(m.group()), offset + m.start(), offset + m.end()) for m in _EN_WORD.finditer(clause)]


def _word_matches(wanted: tuple[str, bool], token: tuple[str, str, int, int]) -> bool:
    value, is_prefix = wanted
    return token[0].startswith(value) if is_prefix else token[1] == value


_REFLEXIVES = frozenset(stem(word) for word in ("himself", "herself", "themselves", "myself", "yourself", "themself"))
# the one word that may stand between "not" and the pronoun: "not quite herself" (not "didn't knock herself out")
_DEGREE_WORDS = frozenset(stem(word) for word in ("quite", "really", "very", "totally", "entirely", "completely", "all",
                                                  "at", "like", "feeling", "seeming", "acting", "being", "been", "seem",
                                                  "seemed", "felt", "looked", "looking", "just"))


_NEW_SUBJECTS = frozenset({"they", "it", "he", "she", "i", "we", "you", "there", "that", "this"})


def _new_clause_at(tokens: list, index: int) -> bool:
    """Whether a new clause starts at ``tokens[index]``: "but", or "and" followed by a subject ("and they fade")."""
    word = tokens[index][0]
    following = tokens[index + 1][0] if index + 1 < len(tokens) else ""
    return word == "but" or (word == "and" and following in _NEW_SUBJECTS)


def _match_english(phrase: _EnglishPhrase, tokens: list, max_gap: int) -> Optional[tuple[int, int]]:
    """(start, end) character offsets of the first in-order match with at most ``max_gap`` words between words."""
    for first, token in enumerate(tokens):
        if not _word_matches(phrase.words[0], token):
            continue
        at, end = first, token[3]
        for index, wanted in enumerate(phrase.words[1:]):
            # "not herself" binds the pronoun to its own "not" ("not quite herself"): "not feverish or wetting
            # herself" and "didn't knock herself out" are no "not herself" (other phrases keep their gaps: "can not
            # get a full sentence out")
            gap = max_gap
            if index == 0 and phrase.words[0] == ("not", False) and wanted[0] in _REFLEXIVES:
                gap = min(max_gap, 1) if at + 1 < len(tokens) and tokens[at + 1][1] in _DEGREE_WORDS else 0
            window = range(at + 1, min(len(tokens), at + 2 + gap))
            if phrase.words[index] == ("not", False):
                # a "not" reaches no further than its own clause: "the spots aren't purple and they fade when I press
                # them" is no "not fade when press" (a new subject after "and"), while "not eating and drinking"
                # denies both
                window = range(window.start, next((i for i in window if _new_clause_at(tokens, i)), window.stop))
            at = next((i for i in window if _word_matches(wanted, tokens[i])), -1)
            if at < 0:
                break
            end = tokens[at][3]
        if at >= 0:
            return token[2], end
    return None


def _match_chinese(phrase: _ChinesePhrase, clause: str, offset: int, max_gap: int) -> Optional[tuple[int, int]]:
    before = ZH_NOT_PRECEDED.get(phrase.parts[0][0], "")
    for first in re.finditer(re.escape(phrase.parts[0]), clause):
        if first.start() > 0 and clause[first.start() - 1] in before:
            continue  # 乳头疼 is no 头疼
        end, ok = first.end(), True
        for part in phrase.parts[1:]:
            found = clause.find(part, end, end + max_gap + len(part))
            if found < 0:
                ok = False
                break
            end = found + len(part)
        if ok:
            return offset + first.start(), offset + end
    return None


_CHANGE_OF_STATE = {"gone", "has gone", "have gone"}


def _only_change_of_state(cues: list[str], span_text: str) -> bool:
    """"gone" ends a finding ("the pain has gone") but inside a gapped match it only marks a change of state
    ("my neck has gone really stiff", "lips have gone grey"): then it negates nothing."""
    return bool(cues) and all(cue in _CHANGE_OF_STATE and not span_text.endswith(cue) and cue in span_text
                              for cue in cues)


_SENTENCE_END = re.compile(r"[!?。！？\n]|\.(?!\d)")


def _sentence_of(text: str, lo: int, hi: int) -> str:
    """The sentence around the clause ``text[lo:hi]``."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, lo)), default=0)
    after = _SENTENCE_END.search(text, hi)
    return text[start:after.start() if after else len(text)]


class SignLexicon:
    """Compiled sign phrases; ``find`` returns the current signs of the patient in a text."""

    def __init__(self, phrases: dict[str, list[str]], background: frozenset[str] = frozenset(), max_gap: int = 3,
                 zh_max_gap: int = 4, unless: Optional[dict[str, list[str]]] = None):
        self.background = background
        self.max_gap, self.zh_max_gap = max_gap, zh_max_gap
        self.phrases = [compile_phrase(sign, p) for sign, items in phrases.items() for p in items]
        self.unless = {sign: [compile_phrase(sign, p) for p in items] for sign, items in (unless or {}).items()}

    def find(self, text: str) -> list[SignMatch]:
        """Every sign stated as current in ``text`` (first match per sign and clause), in text order."""
        normalised = normalise(text)
        found: dict[tuple[str, int], SignMatch] = {}
        for lo, hi in clause_spans(normalised):
            clause = normalised[lo:hi]
            tokens = _english_tokens(clause, lo)
            for phrase in self.phrases:
                if (phrase.sign, lo) in found:
                    continue
                if isinstance(phrase, _ChinesePhrase):
                    span = _match_chinese(phrase, clause, lo, self.zh_max_gap)
                else:
                    span = _match_english(phrase, tokens, self.max_gap)
                if span is not None and self._counts(phrase, normalised, span) and not self._excluded(
                        phrase.sign, _sentence_of(normalised, lo, hi)):
                    found[phrase.sign, lo] = SignMatch(phrase.sign, normalised[span[0]:span[1]], span[0], span[1],
                                                       clause.strip())
        return sorted(found.values(), key=lambda m: m.start)

    def _excluded(self, sign: str, sentence: str) -> bool:
        """A sentence holding one of the sign's ``unless`` phrases ("slept awkwardly", "落枕") does not count."""
        return self.holds_any(self.unless.get(sign, []), sentence)

    def holds_any(self, phrases: list[_EnglishPhrase | _ChinesePhrase], text: str) -> bool:
        """Whether ``text`` (normalised) holds one of the compiled ``phrases``, asserted or not."""
        tokens = _english_tokens(text, 0)
        for phrase in phrases:
            if isinstance(phrase, _ChinesePhrase):
                if _match_chinese(phrase, text, 0, self.zh_max_gap) is not None:
                    return True
            elif _match_english(phrase, tokens, self.max_gap) is not None:
                return True
        return False

    def _counts(self, phrase: _EnglishPhrase | _ChinesePhrase, text: str, span: tuple[int, int]) -> bool:
        assertion = assert_span(text, span[0], span[1], phrase.own_words)
        if assertion.status == "absent" and _only_change_of_state(assertion.cues, text[span[0]:span[1]]):
            assertion = assertion.model_copy(update={"status": "present"})
        if phrase.sign in self.background:
            return assertion.status == "present" and assertion.subject == "patient"
        return assertion.current

