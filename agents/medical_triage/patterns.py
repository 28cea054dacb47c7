"""Clinical patterns: combinations of individually moderate signs that together call for a given level.

A pattern (``data/patterns.yaml``) names the signs it needs: ``all_of`` (each present), ``any_of`` with
``min_count`` (at least that many different ones present), and a ``context`` (fever, a low temperature, pregnancy
from 20 weeks, an older person...). Sepsis is a fever with confusion or fast breathing; diabetic ketoacidosis is
diabetes with two of vomiting, great thirst, deep fast breathing, sweet-smelling breath or drowsiness. Patterns come
from public guidance (NHS, NICE), named in each ``guidance``. Signs are found with stretching phrases
(``signs.py``) and count only as current findings of the patient. A pattern marked ``graded`` points one level lower
when every sign that set it comes only on exertion or is improving. Each hit carries the signs and context that set
it.

Example::

    >>> from agents.medical_triage.patterns import PatternEngine
    >>> hits = PatternEngine().evaluate("he is 84, muddled and shivering, temperature 39.2")
    >>> [(hit.pattern.id, hit.level.value) for hit in hits][:1]
    [('sepsis_combination', 'emergent')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, Optional

from pydantic import Field, model_validator

from agents.medical_triage.evidence import Evidence, qualifiers_of
from agents.medical_triage.facts import (
    NUM,
    OPENING_GESTATION_EN,
    OPENING_GESTATION_ZH,
    ZH_NUM,
    Facts,
    extract_facts,
    severity_of,
    zh_number,
)
from agents.medical_triage.levels import TriageLevel
from agents.medical_triage.rules import has_fever
from agents.medical_triage.schema import DATA_DIR, Bilingual, _Closed, _validate
from agents.medical_triage.signs import SignLexicon, SignMatch, compile_phrase
from agents.medical_triage.text import normalise

PATTERNS_FILE = DATA_DIR / "patterns.yaml"
ContextFlag = Literal["fever", "fever_or_low_temperature", "pregnant", "pregnant_20_weeks", "elderly", "infant",
                      "child", "adult"]


class Sign(_Closed):
    """A named finding and its lay phrases (English and Chinese), from public guidance."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    background: bool = Field(default=False, description="A long-term condition: counts when stated as history too.")
    en: list[str] = Field(min_length=1, description="English phrases (stems in order, a few words may come between).")
    zh: list[str] = Field(min_length=1, description="Chinese phrases (parts separated by spaces, gaps allowed).")
    unless: list[str] = Field(default_factory=list, description="A match in a sentence holding one of these phrases "
                                                                "does not count (\"confused about the dose\").")


class Pattern(_Closed):
    """Signs that together call for ``level``; reviewed data with examples in both directions."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Bilingual
    level: TriageLevel
    context: list[ContextFlag] = Field(default_factory=list, description="Facts that must all hold.")
    all_of: list[str] = Field(default_factory=list, description="Signs that must all be present.")
    any_of: list[str] = Field(default_factory=list, description="Signs of which at least min_count are present.")
    min_count: int = Field(default=1, ge=1, description="How many different any_of signs are needed.")
    duration_days_at_least: Optional[float] = Field(default=None, description="The complaint has lasted this long.")
    not_if: list[str] = Field(default_factory=list, description="A message holding one of these phrases anywhere "
                                                                "rules the pattern out (a decline told as gradual).")
    same_clause: bool = Field(default=False, description="The all_of signs must be found in one clause "
                                                         "(\"threw up what looked like a pint of blood\").")
    graded: bool = Field(default=False, description="Only exertional or improving signs: one level lower.")
    crisis: bool = Field(default=False, description="Self-harm / suicide: crisis resources go first.")
    reason: Bilingual
    advice: Bilingual
    guidance: str = Field(min_length=10, description="The public guidance this pattern follows.")
    examples_positive: list[str] = Field(min_length=1)
    examples_negative: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _needs_signs(self) -> Pattern:
        if not self.all_of and not self.any_of:
            raise ValueError("a pattern needs all_of or any_of signs")
        if self.min_count > max(1, len(self.any_of)):
            raise ValueError("min_count is larger than the any_of list")
        return self


class PatternFile(_Closed):
    version: int = 1
    max_gap: int = Field(default=3, ge=0, le=6, description="English: most words between two phrase words.")
    zh_max_gap: int = Field(default=4, ge=0, le=8, description="Chinese: most characters between two phrase parts.")
    signs: list[Sign] = Field(min_length=1)
    patterns: list[Pattern] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_signs(self) -> PatternFile:
        ids = [sign.id for sign in self.signs]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate sign ids {sorted({i for i in ids if ids.count(i) > 1})}")
        for pattern in self.patterns:
            unknown = sorted(set(pattern.all_of + pattern.any_of) - set(ids))
            if unknown:
                raise ValueError(f"pattern {pattern.id!r} uses unknown signs {unknown}")
        for sign in self.signs:
            for phrase in sign.en + sign.zh:
                compile_phrase(sign.id, phrase)
        for pattern in self.patterns:
            for phrase in pattern.not_if:
                compile_phrase(pattern.id, phrase)
        return self

    def lexicon(self) -> SignLexicon:
        return _lexicon(self)


@lru_cache(maxsize=8)
def _load(path: str) -> PatternFile:
    return _validate(PatternFile, Path(path))


def load_patterns(path: str | Path | None = None) -> PatternFile:
    """The pattern file (validated, cached per path)."""
    return _load(str(Path(path or PATTERNS_FILE).resolve()))


_LEXICONS: dict[int, SignLexicon] = {}


def _lexicon(file: PatternFile) -> SignLexicon:
    if id(file) not in _LEXICONS:
        _LEXICONS[id(file)] = SignLexicon({s.id: s.en + s.zh for s in file.signs},
                                          frozenset(s.id for s in file.signs if s.background),
                                          file.max_gap, file.zh_max_gap,
                                          unless={s.id: s.unless for s in file.signs if s.unless})
    return _LEXICONS[id(file)]


_EN_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_EN_TENS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40}
_EN_WORD_NUMBER = r"(?:ten|twenty|thirty|forty)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|" + \
    "|".join(_EN_UNITS)
_GESTATION = [
    (re.compile(rf"\b({NUM}|{_EN_WORD_NUMBER})[\s-]*(week|wk|month)s?[\s-]*"
                r"(?:pregnant|of pregnancy|gestation|along|preg|preggers|preggo)\b"), None),
    (re.compile(rf"(?:孕|怀孕|怀了?|怀[一二三头]胎|怀着?[一二三头]?胎?|[头二三]胎)\s*({NUM}|{ZH_NUM})\s*(?:个)?(?:多)?(?:个)?"
                r"(周|月)"), None),
    # "I'm at 34 weeks with baby number two", "怀二胎，现在34周": weeks stated near a pregnancy word
    (re.compile(rf"\b(?:i'm|i am|im|at|now|currently)\s+({NUM}|{_EN_WORD_NUMBER})[\s-]*(week)s?\b(?![\s-]*old)"
                r"(?=.*\b(?:pregnan\w*|baby|bump|midwife|kick\w*|expecting|due date|antenatal|maternity)\b)"), None),
    (re.compile(rf"(?:怀孕|怀了?[一二三头]?胎|[头二三]胎|孕)[^。！？\d]{{0,6}}?({NUM}|{ZH_NUM})\s*(?:个)?(?:多)?(?:个)?(周|月)"), None),
    # a message that opens with the weeks: "30 wks, bright red bleeding", "35周，刚破水了"
    (re.compile(OPENING_GESTATION_EN), None),
    (re.compile(OPENING_GESTATION_ZH), None),
    (re.compile(r"\bthird trimester\b|孕晚期|晚孕"), 28.0),
    (re.compile(r"\bsecond trimester\b|孕中期"), 14.0),
]


def _en_word_number(text: str) -> Optional[float]:
    """"thirty-five" → 35, "seven" → 7 (None for anything else)."""
    words = re.split(r"[\s-]+", text)
    if words[0] in _EN_TENS:
        return float(_EN_TENS[words[0]] + (_EN_UNITS.get(words[1], 0) if len(words) > 1 else 0))
    return float(_EN_UNITS[words[0]]) if len(words) == 1 and words[0] in _EN_UNITS else None


def gestation_weeks(text: str) -> Optional[float]:
    """Weeks of pregnancy stated in ``text`` (months count as 4.3 weeks).

    >>> gestation_weeks("i'm 34 and eight months pregnant"), gestation_weeks("我怀二胎八个月了"), gestation_weeks("孕32周")
    (34.4, 34.4, 32.0)
    >>> gestation_weeks("36wks pregnant")
    36.0
    """
    text = normalise(text)
    for pattern, fixed in _GESTATION:
        match = pattern.search(text)
        if match is None:
            continue
        if fixed is not None:
            return fixed
        number = _en_word_number(match.group(1)) or zh_number(match.group(1))
        if number is not None:
            unit = match.group(2)
            return round(number * (4.3 if unit in ("month", "月") else 1.0), 1)
    return None


def _context_holds(flag: str, text: str, facts: Facts, signs: list[SignMatch]) -> Optional[str]:
    """A short description of the fact behind ``flag`` when it holds, else None."""
    temperature = facts.temperature_c
    if flag in ("fever", "fever_or_low_temperature") and has_fever(text, facts):
        return f"fever ({temperature:g} C)" if temperature else "fever"
    if flag == "fever_or_low_temperature" and temperature is not None and temperature < 36.0:
        return f"low temperature ({temperature:g} C)"
    if flag == "fever_or_low_temperature" and temperature is None:
        low = next((m for m in signs if m.sign == "low_temperature"), None)
        return f"low temperature: \"{low.text}\"" if low else None
    if flag == "pregnant_20_weeks":  # a stated gestation is itself the pregnancy ("怀二胎八个月")
        weeks = gestation_weeks(text)
        return f"pregnant, about {weeks:g} weeks" if weeks is not None and weeks >= 20 else None
    if flag == "adult":
        return "adult" if facts.age_years is not None and facts.age_years >= 16 else None
    if flag in ("pregnant", "elderly", "infant", "child") and getattr(facts, flag):
        return flag if facts.age_years is None else f"{flag}, age {facts.age_years:g}"
    return None


@dataclass(frozen=True)
class PatternHit:
    """A pattern that holds, the signs and facts that set it, and the level it points to."""

    pattern: Pattern
    signs: tuple[SignMatch, ...]
    context: tuple[str, ...]
    level: TriageLevel

    @property
    def evidence(self) -> str:
        found = [f"{m.sign.replace('_', ' ')}: \"{m.text}\"" for m in self.signs]
        return " + ".join([*self.context, *found])


class PatternEngine:
    """The reviewed patterns, ready to evaluate on a message (or a whole conversation)."""

    def __init__(self, path: str | Path | None = None):
        self.file = load_patterns(path)
        self.patterns = self.file.patterns
        self.lexicon = self.file.lexicon()
        self.not_if = {p.id: [compile_phrase(p.id, phrase) for phrase in p.not_if] for p in self.patterns if p.not_if}

    def evaluate(self, text: str, facts: Optional[Facts] = None) -> list[PatternHit]:
        """Every pattern that holds on ``text``, most urgent first."""
        normalised = normalise(text)
        facts = facts or extract_facts(text)
        signs = self.lexicon.find(normalised)
        hits = [hit for pattern in self.patterns if (hit := self._hit(pattern, normalised, facts, signs))]
        return sorted(hits, key=lambda hit: -hit.level.rank)

    def evidence(self, text: str, facts: Optional[Facts] = None) -> list[Evidence]:
        """The signs of ``text`` as typed evidence (present, the patient's), each with the patterns that use it."""
        facts = facts or extract_facts(text)
        users: dict[str, list[str]] = {}
        for pattern in self.patterns:
            for sign in dict.fromkeys(pattern.all_of + pattern.any_of):
                users.setdefault(sign, []).append(pattern.id)
        return [Evidence(finding=match.text, rules=users.get(match.sign, []), status="present", subject="patient",
                         severity=severity_of(match.clause), qualifiers=qualifiers_of(match.clause),
                         age_years=facts.age_years, pregnant=facts.pregnant, sentence=match.clause)
                for match in self.lexicon.find(text)]

    def _hit(self, pattern: Pattern, text: str, facts: Facts, signs: list[SignMatch]) -> Optional[PatternHit]:
        context = [_context_holds(flag, text, facts, signs) for flag in pattern.context]
        if not all(context):
            return None
        if pattern.duration_days_at_least is not None and (facts.duration_days or 0) < pattern.duration_days_at_least:
            return None
        if pattern.id in self.not_if and self.lexicon.holds_any(self.not_if[pattern.id], text):
            return None
        first = _first_per_sign(signs, pattern.all_of if pattern.same_clause else [])
        if not all(sign in first for sign in pattern.all_of):
            return None
        chosen = [first[s] for s in pattern.any_of if s in first and s not in pattern.all_of]
        if pattern.any_of and len(chosen) < pattern.min_count:
            return None
        used = tuple([first[s] for s in pattern.all_of] + chosen)
        findings = [m for m in used if m.sign not in self.lexicon.background]  # diabetes is not exertional
        return PatternHit(pattern, used, tuple(c for c in context if c), _graded(pattern, findings))


def _first_per_sign(signs: list[SignMatch], together: list[str]) -> dict[str, SignMatch]:
    """The first match of every sign; with ``together``, those signs are taken from the first clause holding all."""
    first: dict[str, SignMatch] = {}
    for match in signs:
        first.setdefault(match.sign, match)
    if together:
        for clause in dict.fromkeys(m.clause for m in signs):
            here = {m.sign: m for m in signs if m.clause == clause}
            if all(sign in here for sign in together):
                return {**first, **{sign: here[sign] for sign in together}}
        return {sign: m for sign, m in first.items() if sign not in together}
    return first


def _graded(pattern: Pattern, used: list[SignMatch]) -> TriageLevel:
    """One level lower for a graded pattern whose every finding comes only on exertion or is improving."""
    if not pattern.graded or not used or not all({"exertional", "improving"} & set(qualifiers_of(m.clause)) for m in used):
        return pattern.level
    return TriageLevel.non_emergent if pattern.level == TriageLevel.emergent else TriageLevel.self_care
