"""Typed evidence from one message: each finding mentioned, its assertion status and its own attributes.

Findings are the phrases of the red-flag rules (the reviewed finding vocabulary, English and Chinese). Each match
gets its ConText assertion (``context.py``) and the attributes stated in its own clause: a cold of a week and a fever
of two days give the fever a duration of two days, not seven; "mild breathlessness on exertion" carries the
qualifiers mild and exertional.

Example::

    >>> from agents.medical_triage.evidence import extract_evidence
    >>> items = extract_evidence("I've had a cold for a week, no chest pain, and a fever for 2 days")
    >>> [(e.finding, e.status, e.duration_days) for e in items]
    [('fever', 'present', 2.0), ('chest pain', 'absent', None)]
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from agents.medical_triage.context import Status, Subject, assert_span
from agents.medical_triage.facts import Severity, duration_mentions, durations, extract_facts, severity_of
from agents.medical_triage.schema import load_red_flags
from agents.medical_triage.text import Phrase, clause_spans, hot_to_touch_as_fever, normalise

Qualifier = Literal["mild", "exertional", "improving"]
FEVER = "fever"
FEVER_PHRASES = ["fever*", "high temperature", "running a temperature", "temperature of", "temp of", "pyrexia",
                 "burning up", "has a temperature", "got a temperature", "high temp", "running a temp",
                 "发烧", "发热", "高烧", "低烧", "烧到", "体温高", "体温升高", "发着烧", "浑身滚烫", "浑身发烫", "额头滚烫",
                 # how long it has burned: "宝宝烧了6天了", "烧了一宿"
                 "烧了...天", "烧了...礼拜", "烧了...星期", "烧了一夜", "烧了一宿", "烧了一晚上", "烧了一整晚"]
# words with "fever" in them that are no fever of the patient: hay fever, the yellow fever vaccine, and glandular fever,
# the name of an illness (a temperature with it is told in its own words)
_FALSE_FEVERS = re.compile(r"\bhay ?fever|\byellow fever|\bglandular fever")


def without_false_fevers(text: str) -> str:
    """``text`` with hay fever, the yellow fever vaccine, glandular fever and warm-to-the-touch skin written so no fever
    phrase matches, and the forehead or the body hot to the touch written as the fever it is."""
    def neutral(match: re.Match) -> str:
        found = match.group()
        kind = "-allergy" if found.startswith("hay") else "-illness" if found.startswith("glandular") else "-vaccine"
        return found.replace(" ", "").replace("fever", kind)
    return _local_warmth_neutral(_FALSE_FEVERS.sub(neutral, hot_to_touch_as_fever(text, otherwise="摸着温")))


# warmth of a sting, a bite or a wound, told just after it ("蜇的地方周围肿起来了，红，有点发热"): the skin's, not a fever
_LOCAL_SITE = re.compile(r"蜇|叮|咬的|伤口|周围|那块|那片|一块|一片|局部|患处|肿起来")
_BODY_JUST_BEFORE = re.compile(r"(?:浑身|身上|全身|身子|额头|脑门|人|头)(?:有点|有些|也|都)?$")
_WARMTH = re.compile(r"发热|发烫")
_ZH_SENTENCE_STOP = re.compile(r"[。！？!?]")


def _local_warmth_neutral(text: str) -> str:
    def rewrite(match: re.Match) -> str:
        before = _ZH_SENTENCE_STOP.split(text[max(0, match.start() - 16):match.start()])[-1]
        if _LOCAL_SITE.search(before) and not _BODY_JUST_BEFORE.search(before):
            return "发温"
        return match.group()
    return _WARMTH.sub(rewrite, text)


_QUALIFIERS: dict[str, re.Pattern] = {
    "mild": re.compile(r"\b(?:mild|mildly|slight|slightly|a (?:little|bit)|a touch of|not (?:too |that |very )?bad)\b|"
                       r"轻微|有点|有一点|一点点|稍微|轻度|不严重|不太严重"),
    "exertional": re.compile(r"\b(?:on exertion|exert\w*|climbing|climb|stairs|uphill|up (?:a |the )?hills?|hills|"
                             # "breathless going up to the loft", "walking up the road"
                             r"(?:going|walking|getting|carrying \w+) up (?:to |into )?(?:the|a|my|our)\b|"
                             r"running|jogging|exercis\w*|workout|at the gym|walking fast|hurry\w*|after a run)\b|"
                             r"爬楼|上楼|爬坡|上坡|爬山|运动|跑步|走快|"
                             r"走得快|干活|锻炼|往坡|坡上|上山|走路的时候|走路时|一走路|走远路"),
    "improving": re.compile(r"\b(?:getting better|improv\w*|easing|eased|settling|settled|better now|better today|"
                            r"wearing off|going away|clearing up)\b|"
                            r"好转|减轻|好多了|缓解了|在好转|一天比一天好|好些了|好点了|好一点了|刚好点|刚好一点|见好"),
}
_ONSET = {"sudden": re.compile(r"\b(?:sudden\w*|all of a sudden|out of nowhere|abrupt\w*|came on fast)\b|"
                               r"突然|一下子|猛地"),
          "gradual": re.compile(r"\b(?:gradual\w*|slowly|steadily|bit by bit|"
                                r"over (?:the )?(?:last |past )?(?:few |several )?(?:days|weeks)|"
                                r"steadily|bit by bit)\b|慢慢|逐渐|越来越")}


class Evidence(BaseModel):
    """One finding as the message states it."""

    model_config = ConfigDict(extra="forbid")
    finding: str = Field(description="The finding, in the words that matched.")
    rules: list[str] = Field(default_factory=list, description="Red-flag rules (or clinical patterns, for a sign) "
                                                               "whose vocabulary holds this finding.")
    status: Status = Field(description="present, absent (negated) or possible (hypothetical).")
    subject: Subject = Field(description="patient, or other (family history, someone else).")
    historical: bool = Field(default=False, description="Past episode, not the current problem.")
    onset: Optional[Literal["sudden", "gradual"]] = Field(default=None, description="Onset stated in its clause.")
    duration_days: Optional[float] = Field(default=None, description="Duration bound to this finding, in days.")
    severity: Optional[Severity] = Field(default=None, description="Severity stated in its clause.")
    qualifiers: list[Qualifier] = Field(default_factory=list, description="mild / exertional / improving (its clause).")
    age_years: Optional[float] = Field(default=None, description="Age of the person, when stated.")
    pregnant: bool = Field(default=False, description="The patient is pregnant (asserted, not negated).")
    sentence: str = Field(description="The clause the finding came from.")

    @property
    def current(self) -> bool:
        return self.status == "present" and self.subject == "patient" and not self.historical


@lru_cache(maxsize=4)
def _vocabulary(path: Optional[str] = None) -> tuple[tuple[str, Phrase], ...]:
    """(rule id, phrase) for every finding phrase of the red-flag rules (their ``any`` lists), and the fever phrases."""
    entries: list[tuple[str, Phrase]] = [(FEVER, Phrase(p)) for p in FEVER_PHRASES]
    for rule in load_red_flags(path).rules:
        phrases = {phrase for condition in rule.when for phrase in condition.any}
        entries.extend((rule.id, Phrase(p)) for p in sorted(phrases))
    return tuple(entries)


def extract_evidence(text: str, red_flags: Optional[str] = None) -> list[Evidence]:
    """Every finding mentioned in ``text`` (present or not) with its own attributes, one item per finding and clause."""
    normalised = without_false_fevers(normalise(text))
    message = extract_facts(normalised)
    seen: dict[tuple[str, int], Evidence] = {}
    for rule_id, phrase in _vocabulary(red_flags):
        for start, end in clause_spans(normalised):
            match = phrase.pattern.search(normalised, start, end)
            if match is None:
                continue
            key = (match.group(), match.start())
            if key in seen:
                seen[key].rules = sorted({*seen[key].rules, rule_id} - {FEVER})
                continue
            clause = normalised[start:end]
            assertion = assert_span(normalised, match.start(), match.end(), phrase.own_words)
            seen[key] = Evidence(
                finding=match.group(), rules=[] if rule_id == FEVER else [rule_id], status=assertion.status,
                subject=assertion.subject, historical=assertion.historical, onset=_first_key(_ONSET, clause),
                duration_days=bound_duration(normalised, start, end, match.start()), severity=severity_of(clause),
                qualifiers=qualifiers_of(clause),
                age_years=message.age_years, pregnant=message.pregnant, sentence=clause.strip())
    spans = [(start, start + len(finding)) for finding, start in seen]
    inside = {(f, s) for f, s in seen if any(lo <= s and s + len(f) <= hi and (hi - lo) > len(f) for lo, hi in spans)}
    kept = [item for key, item in seen.items() if key not in inside]  # "pain" within "chest pain" adds nothing
    return sorted(kept, key=lambda e: (not e.current, e.finding))


def bound_duration(text: str, start: int, end: int, at: Optional[int] = None) -> Optional[float]:
    """The duration stated for the finding at offset ``at`` in the clause ``text[start:end]``: the nearest duration in
    its own clause, else the single duration of its sentence, else the single duration of the message (two durations
    further away belong to different things: a cold of a week and a fever of two days)."""
    at = start if at is None else at
    own = duration_mentions(text[start:end])
    if own:
        return min(own, key=lambda mention: (abs(start + mention[0] - at), mention[0] < at - start))[1]
    for lo, hi in (_sentence_around(text, start), (0, len(text))):
        found = set(durations(text[lo:hi], numeric_only=True))  # "for ages" elsewhere says little about this one
        if found:
            return found.pop() if len(found) == 1 else None
    return None


# a qualifier said not to hold: "it is not settling", "not getting better", "没好转", "不见减轻"
_NEGATED_BEFORE = re.compile(r"(?:\b(?:not|no|never|hardly|barely)\s+(?:\w+\s+)?|没有?|不见?|未|并没)$")


def qualifiers_of(clause: str) -> list[Qualifier]:
    """mild / exertional / improving, as stated in a clause (and not denied there)."""
    return [q for q, pattern in _QUALIFIERS.items()  # type: ignore[misc]
            if any(not _NEGATED_BEFORE.search(clause[max(0, m.start() - 16):m.start()]) for m in pattern.finditer(clause))]


# a spell that passes on its own within its sentence: "then after ten or fifteen minutes it settles",
# "过个十来分钟又自己好了" (spells that come and go are not a finding going on now)
_PASSES_ON_ITS_OWN = re.compile(
    r"\b(?:then|and) (?:after [^.!?,]{1,30} )?(?:it|they|that) (?:settles|settle|passes|pass|goes off|goes away|wears off)\b|"
    r"\b(?:settles|passes|goes away|goes off|wears off) (?:on its own|by itself|of its own accord)\b|"
    # "they pass in ten or fifteen minutes", "can't breathe for 10 mins then fine"
    r"\b(?:pass|passes|settle|settles|go off|goes off|go away|goes away) (?:in|after|within) (?:a few|a couple of|\d+|five|ten|"
    r"fifteen|twenty|ten or fifteen|five or ten) (?:mins?|minutes)\b|"
    r"\bfor (?:a few|a couple of|\d+|five|ten|fifteen|twenty) (?:mins?|minutes) (?:and )?then (?:fine|ok|okay|it passes|it settles)\b|"
    r"过(?:个|了)?[^，。！？,]{0,6}(?:分钟|会儿|一阵)[^，。！？,]{0,3}(?:又|就)(?:自己|自个儿)?(?:好了|过去了|缓过来了)|"
    # "十来分钟、一刻钟就过去了": how long it lasts, then it passes
    r"(?:分钟|一刻钟|会儿|一阵)(?:左右)?(?:又|就)(?:自己|自个儿)?(?:好了|过去了|缓过来了)|"
    r"(?:又|就)(?:自己|自个儿)(?:好了|过去了|缓过来了)")


def passes_on_its_own(text: str, offset: int) -> bool:
    """Whether the sentence around ``offset`` says the spell passes on its own."""
    lo, hi = _sentence_around(text, offset)
    return bool(_PASSES_ON_ITS_OWN.search(text, lo, hi))


def _sentence_around(text: str, offset: int) -> tuple[int, int]:
    lo = max((m.end() for m in re.finditer(r"[.!?。！？\n]", text[:offset])), default=0)
    after = re.search(r"[.!?。！？\n]", text[offset:])
    return lo, offset + after.start() if after else len(text)


def _first_key(patterns: dict[str, re.Pattern], text: str) -> Optional[str]:
    return next((key for key, pattern in patterns.items() if pattern.search(text)), None)
