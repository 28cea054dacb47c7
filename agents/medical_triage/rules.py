"""Evaluate the red-flag rules against a description and its parsed facts.

A rule fires only on findings that ConText reads as current and the patient's, with the attributes stated for that
finding (its own duration and severity, not the longest duration or the worst word of the whole message). A rule
marked ``graded`` points one level lower when its finding comes only on exertion or is improving; the others
are hard floors.

Example::

    >>> from agents.medical_triage.rules import RuleEngine
    >>> [hit.rule.id for hit in RuleEngine().evaluate("my 2 month old has a fever of 38.3")]
    ['infant_fever', 'fever_high_risk_groups']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from agents.medical_triage.context import assert_span
from agents.medical_triage.evidence import (
    FEVER_PHRASES,
    bound_duration,
    passes_on_its_own,
    qualifiers_of,
    without_false_fevers,
)
from agents.medical_triage.facts import Facts, extract_facts, fever_gone, severity_of, temperature_back_to_normal
from agents.medical_triage.levels import TriageLevel
from agents.medical_triage.schema import Condition, RedFlagRule, load_red_flags
from agents.medical_triage.text import Phrase, clause_spans, normalise


@dataclass(frozen=True)
class RuleHit:
    """A rule that fired, the evidence that made it fire and the level it points to."""

    rule: RedFlagRule
    evidence: str
    level: TriageLevel = None  # type: ignore[assignment] - defaults to the rule's level

    def __post_init__(self) -> None:
        if self.level is None:
            object.__setattr__(self, "level", self.rule.level)


def _finding_site(condition: Condition, text: str) -> Optional[tuple[int, int, int]]:
    """(clause start, clause end, offset) of the first current finding of ``condition`` in ``text``."""
    phrases = [*condition.any, *(p for group in [*condition.all, *condition.near] for p in group)]
    if condition.fever:
        phrases += FEVER_PHRASES
    for start, end in clause_spans(text):
        for phrase in phrases:
            compiled_phrase = Phrase(phrase)
            for match in compiled_phrase.pattern.finditer(text, start, end):
                if assert_span(text, match.start(), match.end(), compiled_phrase.own_words).current:
                    return start, end, match.start()
    return None


def bound_facts(condition: Condition, text: str, facts: Facts) -> Facts:
    """``facts`` with the duration and severity of the condition's own finding (unknown when it states none)."""
    if condition.duration_days_at_least is None and condition.duration_days_below is None and condition.severe is None:
        return facts
    site = _finding_site(condition, text)
    if site is None:
        return facts
    start, end, at = site
    severity = severity_of(text[start:end], text[end:end + 60]) or (facts.severity if len(clause_spans(text)) == 1 else None)
    return facts.model_copy(update={"duration_days": bound_duration(text, start, end, at), "severity": severity})


# the last item of an English list: "weeping or bleeding", "nor vomiting", "pus or spots spreading out" (a few words
# joined by or/nor, no pronoun that would make it a clause of its own: "he's drowsy or something" is no list item)
_NOT_ITEM = r"(?!\s*(?:i|i'm|he|he's|she|she's|it|it's|they|we|you|there|his|her|my|our|their)\b)"
_LIST_TAIL = re.compile(_NOT_ITEM + r"^\s*(?:nor\s+)?(?:[a-z'-]+\s+){0,3}(?:or|nor)\s+[a-z'-]+(?:\s+[a-z'-]+){0,2}\s*$")
_LIST_ITEM = re.compile(_NOT_ITEM + r"^\s*(?:[a-z'-]+\s*){1,3}$")


def _between(text: str, spans: list[tuple[int, int]], index: int) -> str:
    """The separator before clause ``index``."""
    return text[spans[index - 1][1]:spans[index][0]].strip()


def _list_heads(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """For each clause, the first clause of the list it belongs to (itself when it is in none): back over 、
    ("没有头疼、脸肿"), and over an English list that ends in an or/nor item, back to the clause that opens it
    ("isn't red, weeping or bleeding"; "no rash, stiff neck, vomiting or headache")."""
    def between(index: int) -> str:
        return _between(text, spans, index)

    heads = list(range(len(spans)))
    for index in range(1, len(spans)):
        if between(index) == "、":
            heads[index] = heads[index - 1]
    for tail in range(1, len(spans)):
        if heads[tail] != tail or between(tail) != "," or not _LIST_TAIL.match(text[slice(*spans[tail])]):
            continue
        head = tail - 1
        while head > 0 and between(head) == "," and _LIST_ITEM.match(text[slice(*spans[head])]):
            head -= 1
        for index in range(head + 1, tail + 1):
            heads[index] = heads[head]
    return heads


def _clause_windows(text: str) -> list[tuple[str, int, int]]:
    """Each clause as (window, start, end): the clause is ``window[start:end]``, and the window reaches back over the
    items of a list (``_list_heads``) so that the list's negation covers them all. Elsewhere a clause is read alone,
    as the rules were written for: a cue in another clause ("3 negative tests") does not reach it."""
    spans = clause_spans(text)
    heads = _list_heads(text, spans)
    # a Chinese list negated after its last item ("嘴唇、舌头都没肿"): the window also reaches forward to that item
    last = list(range(len(spans)))
    for index in range(len(spans) - 1, 0, -1):
        if _between(text, spans, index) == "、":
            last[index - 1] = last[index]
    windows = []
    for (lo, hi), first, final in zip(spans, heads, last):
        base = spans[first][0]
        windows.append((text[base:spans[final][1]], lo - base, hi - base))
    return windows


def _found(phrases: list[str], text: str, excluded: list[str]) -> Optional[str]:
    """The first phrase present (not negated) in a clause free of excluded phrases."""
    if not excluded:
        for phrase in phrases:
            if Phrase(phrase).find(text):
                return phrase
        return None
    for window, start, end in _clause_windows(text):
        if any(Phrase(ex).find(window[start:end], allow_negated=True) for ex in excluded):
            continue
        for phrase in phrases:
            if Phrase(phrase).find_in_clause(window, start, end):
                return phrase
    return None


def _found_near(groups: list[list[str]], text: str, excluded: list[str]) -> Optional[str]:
    """Phrases, one from each group, all present (not negated) in one clause free of excluded phrases."""
    for window, start, end in _clause_windows(text):
        if excluded and any(Phrase(ex).find(window[start:end], allow_negated=True) for ex in excluded):
            continue
        found = [next((phrase for phrase in group if Phrase(phrase).find_in_clause(window, start, end)), None)
                 for group in groups]
        if all(found):
            return " + ".join(found)
    return None


def has_fever(text: str, facts: Facts) -> bool:
    if facts.temperature_c is not None:
        return facts.temperature_c >= 38.0
    if temperature_back_to_normal(text) or fever_gone(text):  # "38.2 on Monday, normal since", "后面就没烧过"
        return False
    return _found(FEVER_PHRASES, without_false_fevers(text), []) is not None


def _flags_hold(condition: Condition, facts: Facts) -> bool:
    for flag in ("worsening", "pregnant", "immunosuppressed", "elderly", "infant", "child"):
        wanted = getattr(condition, flag)
        if wanted is not None and getattr(facts, flag) != wanted:
            return False
    if condition.severe is not None and (facts.severity == "severe") != condition.severe:
        return False
    return True


def _numbers_hold(c: Condition, facts: Facts) -> bool:
    checks = [
        (c.age_years_below, facts.age_years, lambda want, have: have < want),
        (c.age_years_at_least, facts.age_years, lambda want, have: have >= want),
        (c.temp_c_at_least, facts.temperature_c, lambda want, have: have >= want),
        (c.heart_rate_above, facts.heart_rate, lambda want, have: have > want),
        (c.heart_rate_below, facts.heart_rate, lambda want, have: have < want),
        (c.spo2_below, facts.spo2, lambda want, have: have < want),
        (c.systolic_at_least, facts.systolic, lambda want, have: have >= want),
        (c.diastolic_at_least, facts.diastolic, lambda want, have: have >= want),
        (c.duration_days_at_least, facts.duration_days, lambda want, have: have >= want),
        (c.pills_at_least, facts.pills_taken, lambda want, have: have >= want),
    ]
    for wanted, have, ok in checks:
        if wanted is not None and (have is None or not ok(wanted, have)):
            return False
    if c.duration_days_below is not None and facts.duration_days is not None and facts.duration_days >= c.duration_days_below:
        return False
    return True


_DENIAL_OPENING = re.compile(r"^(?:(?:no|not|never|without)\b|没|不|无|未)")


def _said_denied(phrases: list[str], text: str) -> bool:
    """Whether a phrase that carries its own denial ("no injur*", "没受伤") is said at all: a later negation in the
    same clause ("no injuries, gets herself up, not dizzy") must not deny the denial."""
    return any(_DENIAL_OPENING.match(phrase) and Phrase(phrase).find(text, allow_negated=True) for phrase in phrases)


def condition_evidence(condition: Condition, text: str, facts: Facts) -> Optional[str]:
    """A short description of why ``condition`` holds, or None when it does not."""
    facts = bound_facts(condition, text, facts)
    if not (_flags_hold(condition, facts) and _numbers_hold(condition, facts)):
        return None
    if condition.fever is not None and has_fever(text, facts) != condition.fever:
        return None
    if condition.not_if and (_found(condition.not_if, text, []) is not None or _said_denied(condition.not_if, text)):
        return None
    evidence = []
    if condition.any:
        phrase = _found(condition.any, text, condition.none)
        if phrase is None:
            return None
        evidence.append(phrase)
    for group in condition.all:
        phrase = _found(group, text, condition.none)
        if phrase is None:
            return None
        evidence.append(phrase)
    if condition.near:
        phrase = _found_near(condition.near, text, condition.none)
        if phrase is None:
            return None
        evidence.append(phrase)
    numeric = condition.model_dump(exclude_defaults=True, exclude={"any", "all", "near", "none", "not_if"})
    evidence.extend(f"{key}={value}" for key, value in numeric.items())
    return ", ".join(evidence)


class RuleEngine:
    """The reviewed red-flag rules, ready to evaluate."""

    def __init__(self, path: str | Path | None = None):
        self.rules = load_red_flags(path).rules

    def evaluate(self, text: str, facts: Facts | None = None) -> list[RuleHit]:
        """Every rule that fires on ``text`` (facts parsed from it unless given), most urgent first."""
        normalised = normalise(text)
        facts = facts or extract_facts(text)
        hits = []
        for rule in self.rules:
            for condition in rule.when:
                evidence = condition_evidence(condition, normalised, facts)
                if evidence is not None:
                    hits.append(RuleHit(rule=rule, evidence=evidence, level=_graded_level(rule, condition, normalised)))
                    break
        return sorted(hits, key=lambda hit: -hit.level.rank)


def _graded_level(rule: RedFlagRule, condition: Condition, text: str) -> TriageLevel:
    """The rule's level, one step lower for a graded rule whose finding comes only on exertion, is improving or comes
    in spells that pass on their own ("mild" alone does not lower it: people understate emergencies)."""
    if not rule.graded:
        return rule.level
    site = _finding_site(condition, text)
    if site is None or not ({"exertional", "improving"} & set(qualifiers_of(text[site[0]:site[1]]))
                            or passes_on_its_own(text, site[2])):
        return rule.level
    return TriageLevel.non_emergent if rule.level == TriageLevel.emergent else TriageLevel.self_care
