"""The triage decision: red-flag rules (which can only raise the level) combined with the nearest knowledge-base
entries, facts accumulated across turns, and follow-up questions. Pure: no storage, no I/O.

Example::

    >>> from agents.medical_triage.engine import TriageEngine, TriageState
    >>> engine = TriageEngine(encoder=None)
    >>> assessment, state = engine.assess("I have a mild sunburn on my shoulders", TriageState())
    >>> assessment.level.value, len(state.texts)
    ('self_care', 1)
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field

from agents.medical_triage.assessment import TriageAssessment, TriageReason
from agents.medical_triage.deid import deidentify
from agents.medical_triage.evidence import Evidence, extract_evidence
from agents.medical_triage.facts import Facts, answer_as_age, extract_facts
from agents.medical_triage.followup import QUESTIONS, is_affirmative, plan_questions
from agents.medical_triage.knowledge import KnowledgeMatch, knowledge_base
from agents.medical_triage.levels import LEVEL_ACTIONS, TriageLevel, highest
from agents.medical_triage.patterns import PatternEngine, PatternHit
from agents.medical_triage.pharmacy import doctor_needed, pharmacy_first_applies
from agents.medical_triage.render import CRISIS_RESOURCES, DISCLAIMER
from agents.medical_triage.rules import RuleEngine, RuleHit
from agents.medical_triage.schema import KnowledgeEntry
from agents.medical_triage.text import Phrase, cjk_fraction, language_of, looks_medical, normalise

EN_MIN_SCORE = 0.30  # below this (encoder + word TF-IDF) an English text matches no entry
ZH_MIN_SCORE = 0.10  # below this (character n-gram TF-IDF) a Chinese text matches no entry
# character n-grams are a weak signal: an emergency entry needs more than this to set the level with no rule behind it
ZH_EMERGENT_MIN_SCORE = 0.30
EN_MIN_SCORE_SPARSE = 0.08  # English threshold when no encoder is available (TF-IDF only)


class TriageState(BaseModel):
    """What the agent carries from one turn to the next (returned in ``Reply.state``). De-identified only."""

    model_config = ConfigDict(extra="forbid")
    version: int = 1
    texts: list[str] = Field(default_factory=list, description="Earlier messages, de-identified.")
    facts: dict[str, Any] = Field(default_factory=dict)
    asked: list[str] = Field(default_factory=list, description="Ids of questions already asked.")
    pending_warning: Optional[dict[str, str]] = Field(default=None, description="Warning-sign question awaiting an answer.")
    escalations: list[dict[str, Any]] = Field(default_factory=list, description="Reasons raised by earlier answers.")
    rounds: int = 0
    language: str = "en"
    case_id: Optional[int] = None
    level: Optional[str] = None


def _fits(entry: KnowledgeEntry, facts: Facts) -> bool:
    """Whether a stated duration and age leave ``entry`` possible.

    >>> entry = KnowledgeEntry.model_validate({"id": "x", "system": "skin", "name": {"en": "x", "zh": "x"},
    ...     "level": "self_care", "symptoms_en": ["a", "b"], "symptoms_zh": ["a", "b"], "advice": {"en": "a", "zh": "a"},
    ...     "escalate": {"en": "a", "zh": "a"}, "source": "NHS", "max_age_years": 3})
    >>> _fits(entry, Facts(age_years=0.2)), _fits(entry, Facts(age_years=40.0)), _fits(entry, Facts())
    (True, False, True)
    >>> baby = entry.model_copy(update={"max_age_years": 0.25})
    >>> _fits(baby, Facts()), _fits(baby, Facts(infant=True)), _fits(baby, Facts(age_years=0.1))
    (False, True, True)
    >>> pregnancy = entry.model_copy(update={"max_age_years": None, "pregnancy_only": True})
    >>> _fits(pregnancy, Facts()), _fits(pregnancy, Facts(pregnant=True))
    (False, True)
    >>> female = entry.model_copy(update={"max_age_years": None, "sex": "female"})
    >>> _fits(female, Facts(sex="male")), _fits(female, Facts(sex="female")), _fits(female, Facts())
    (False, True, True)
    """
    days, age = facts.duration_days, facts.age_years
    if entry.pregnancy_only and not facts.pregnant:
        return False
    if entry.sex is not None and facts.sex is not None and facts.sex != entry.sex:
        return False  # "discharge from the end of my ..., my balls aren't swollen" is no vaginal discharge
    if days is not None and entry.min_duration_days is not None and days < entry.min_duration_days:
        return False
    if age is not None and entry.min_age_years is not None and age < entry.min_age_years:
        return False
    if age is None and entry.max_age_years is not None and entry.max_age_years <= 1 and not facts.infant:
        return False  # a baby-only presentation needs a baby in the message: no age and no baby word, no baby entry
    return not (age is not None and entry.max_age_years is not None and age > entry.max_age_years)


def _cause_named(entry: KnowledgeEntry, text: str, facts: Optional[Facts] = None) -> bool:
    """Whether a presentation with a named cause has its cause in the message (shaking and sweating are too much
    caffeine only when coffee or an energy drink is named; otherwise an overactive thyroid is as likely). For an
    entry that ``needs_current``, only what is said as the patient's own finding counts: "no fever, no back pain"
    or "it could turn into a kidney infection" names no kidney infection. "fever" is also met by a measured fever.
    An entry of one place (``needs_place``) also needs that place said as the patient's own: "her scalp and hair look
    completely normal" is no ringworm of the scalp."""
    if entry.needs_place:
        normalised = normalise(text)
        if not any(Phrase(word).find(normalised) for word in entry.needs_place):
            return False
    if not entry.needs_any:
        return True
    if facts is not None and (facts.temperature_c or 0) >= 38 and "fever" in entry.needs_any:
        return True
    if entry.needs_current:  # each word read with ConText where it stands: "not drowsy" is no drowsiness, "won't feed" is said
        normalised = normalise(text)
        return any(Phrase(word).find(normalised) for word in entry.needs_any)
    lowered = text.lower()
    # a word or its plural ("three double espressos", "energy drinks")
    return any(re.search(rf"(?<![a-z]){re.escape(word.lower())}(?:s|es)?(?![a-z])", lowered) for word in entry.needs_any)


class TriageEngine:
    """Rules + knowledge base + follow-ups. Build once per encoder (the knowledge base is cached)."""

    def __init__(self, encoder: Any = None, red_flags: str | Path | None = None, conditions: str | Path | None = None,
                 max_chars: int = 2000, max_questions: int = 3, max_rounds: int = 2, cache_dir: str | Path | None = None,
                 patterns: str | Path | None = None):
        self.rules = RuleEngine(red_flags)
        self.patterns = PatternEngine(patterns)
        self.kb = knowledge_base(encoder, conditions, cache_dir)
        self.encoder = encoder
        self.max_chars, self.max_questions, self.max_rounds = max_chars, max_questions, max_rounds

    # -- public ------------------------------------------------------------------------------------------------
    def assess(self, text: str, state: TriageState | dict | None = None) -> tuple[TriageAssessment, TriageState]:
        """Assess one message in the context of ``state``; returns the assessment and the next state."""
        state = state if isinstance(state, TriageState) else TriageState.model_validate(state or {})
        text = (text or "").strip()
        notices: list[str] = []
        language = language_of(text) if any(c.isalpha() for c in text) else state.language
        if len(text) > self.max_chars:
            notices.append(_truncation_notice(len(text), self.max_chars, language))
            text = text[:self.max_chars]
        clean = deidentify(text).text
        facts = self._facts(text, state)
        escalations = list(state.escalations)
        if state.pending_warning and is_affirmative(text):
            escalations.append(self._answer_reason(state.pending_warning, language))
        combined = " . ".join([*state.texts, text]) if text else " . ".join(state.texts)
        hits = self.rules.evaluate(combined, facts) if combined.strip() else []
        pattern_hits = self.patterns.evaluate(combined, facts) if combined.strip() else []
        match = self._best_match(combined, facts)
        pharmacist = match is not None and pharmacy_first_applies(match.entry, facts, combined)
        reasons = self._reasons(hits, match, facts, escalations, language, pharmacist)
        reasons[len(hits):len(hits)] = [_pattern_reason(hit, language) for hit in pattern_hits]
        needs_description = not hits and not pattern_hits and match is None and not escalations
        level = highest([r.level for r in reasons], default=TriageLevel.non_emergent)
        if needs_description:
            reasons.append(TriageReason(source="default", id="no_match", title=_NO_MATCH[language], level=level,
                                        detail=_NO_MATCH[language]))
        evidence = _with_signs(extract_evidence(" . ".join([*state.texts, clean])),
                               self.patterns.evidence(" . ".join([*state.texts, clean]), facts))
        questions, asked_now, pending = self._questions(level, facts, combined, match, state, language, needs_description, text)
        questions, asked_now, pending = self._ask_uncertain_first(level, evidence, state, language, questions,
                                                                  asked_now, pending)
        crisis = any(hit.rule.crisis for hit in hits) or any(hit.pattern.crisis for hit in pattern_hits)
        advice = self._advice(level, hits, match, language, pharmacist)
        advice[0:0] = [hit.pattern.advice.get(language) for hit in pattern_hits if hit.level == level][:1]
        assessment = TriageAssessment(
            level=level, reasons=reasons, advice=list(dict.fromkeys(advice)),
            follow_up_questions=questions, disclaimer=DISCLAIMER[language],
            crisis_resources=list(CRISIS_RESOURCES[language]) if crisis else [], language=language,
            facts=facts.model_dump(exclude_none=True, exclude_defaults=True), notices=notices,
            needs_description=needs_description, evidence=evidence)
        new_state = TriageState(
            texts=[*state.texts, clean] if clean else list(state.texts), facts=facts.model_dump(exclude_none=True),
            asked=[*state.asked, *asked_now], pending_warning=pending, escalations=escalations,
            rounds=state.rounds + (1 if questions else 0), language=language, case_id=state.case_id, level=level.value)
        return assessment, new_state

    # -- steps -------------------------------------------------------------------------------------------------
    def _facts(self, text: str, state: TriageState) -> Facts:
        previous = Facts.model_validate(state.facts) if state.facts else Facts()
        new = extract_facts(text)
        if new.age_years is None and "age" in state.asked:
            age = answer_as_age(text)
            if age is not None:
                new = new.model_copy(update={"age_years": age}).with_age_flags()
        return previous.merged_with(new)

    def _best_match(self, text: str, facts: Optional[Facts] = None) -> Optional[KnowledgeMatch]:
        if not text.strip() or not looks_medical(text):
            return None
        candidates = self.kb.search(text, k=3)
        best = candidates[0]
        if facts is not None:  # a long-lasting presentation does not fit a complaint of a few days, cradle cap an adult
            named = [c for c in candidates if _cause_named(c.entry, text, facts)]
            fitting = [c for c in named if _fits(c.entry, facts)]
            if fitting and fitting[0] is not best and fitting[0].score >= best.score - 0.15:
                best = fitting[0]
            elif best not in named:  # a named-cause entry without its cause is no match at all
                if not fitting:
                    return None
                best = fitting[0]
        share = cjk_fraction(text)
        en_floor = EN_MIN_SCORE if self.encoder is not None else EN_MIN_SCORE_SPARSE
        floor = ZH_MIN_SCORE * share + en_floor * (1 - share)
        strong = best.score >= ZH_EMERGENT_MIN_SCORE * share + en_floor * (1 - share)
        # only the best entry's own "see a doctor after N days": taking the shortest among near-equal candidates
        # sent 11 self-care development cases to a doctor for 6 non-emergent ones it got right (Chinese scores crowd)
        best = KnowledgeMatch(entry=best.entry, score=best.score, strong=strong,
                              escalate_after_days=best.entry.escalate_after_days)
        return best if best.score >= floor else None

    @staticmethod
    def _answer_reason(pending: dict[str, str], language: str) -> dict[str, Any]:
        detail = ("你回答了存在其中一个危险信号。" if language == "zh" else "You answered yes to a warning-sign question.")
        return TriageReason(source="answer", id=pending.get("id", "warning"), title=detail,
                            level=TriageLevel(pending.get("level", "emergent")), detail=detail).model_dump(mode="json")

    def _reasons(self, hits: list[RuleHit], match: Optional[KnowledgeMatch], facts: Facts,
                 escalations: list[dict], language: str, pharmacist: bool = False) -> list[TriageReason]:
        reasons = [TriageReason(source="rule", id=hit.rule.id, title=hit.rule.title.get(language), level=hit.level,
                                detail=hit.rule.reason.get(language), guidance=hit.rule.guidance, evidence=hit.evidence)
                   for hit in hits]
        reasons.extend(TriageReason.model_validate(item) for item in escalations)
        if match is not None:
            entry = match.entry
            name = entry.name.get(language)
            detail = (f"您的描述可能与“{name}”的表现相符（相似度 {match.score:.2f}）；这不是诊断。" if language == "zh" else
                      f"Your description may be consistent with {name.lower()} (similarity {match.score:.2f}); this is not a diagnosis.")
            level = entry.level if match.strong or entry.level != TriageLevel.emergent else TriageLevel.non_emergent
            if level == TriageLevel.self_care and doctor_needed(entry, facts):
                level = TriageLevel.non_emergent
                detail += (" 对孕妇、幼儿或免疫力低下者，常用的家庭或药店治疗并不适用，请看医生。" if language == "zh" else
                           " The usual home or pharmacy treatment is not for you (pregnancy, a young child or a weak "
                           "immune system): see a doctor.")
            if pharmacist and level == TriageLevel.non_emergent:
                level = TriageLevel.self_care
                detail += (" 药剂师可以为您评估和治疗（英国NHS“药房优先”）。" if language == "zh" else
                           " A pharmacist can assess and treat this for you (NHS Pharmacy First).")
            reasons.append(TriageReason(source="knowledge_base", id=entry.id, title=name, level=level, detail=detail,
                                        score=match.score, guidance=entry.source))
            days = match.escalate_after_days
            if days is not None and facts.duration_days is not None and facts.duration_days >= days:
                detail = (f"症状已持续约{facts.duration_days:g}天，超过了通常可自行好转的时间（{days:g}天）。" if language == "zh" else
                          f"It has lasted about {facts.duration_days:g} days, longer than this usually takes to settle ({days:g} days).")
                reasons.append(TriageReason(source="duration", id=f"{entry.id}_duration", title=detail,
                                            level=TriageLevel.non_emergent, detail=detail))
        return reasons

    def _questions(self, level: TriageLevel, facts: Facts, text: str, match: Optional[KnowledgeMatch], state: TriageState,
                   language: str, needs_description: bool, message: str):
        if level == TriageLevel.emergent or state.rounds >= self.max_rounds:
            return [], [], None
        if needs_description:
            return [QUESTIONS["describe"][language]], [], None
        plan = plan_questions(facts, text, match.entry if match else None, state.asked, language, self.max_questions)
        pending = None
        for qid in plan.ids:
            if qid.startswith("warning:") and match is not None and match.entry.warning_signs is not None:
                pending = {"id": match.entry.id, "level": match.entry.warning_signs.level.value}
        return plan.texts, plan.ids, pending

    def _ask_uncertain_first(self, level: TriageLevel, evidence: list[Evidence], state: TriageState, language: str,
                             questions: list[str], asked_now: list[str], pending: Optional[dict[str, str]]):
        """Put first the question whose answer would change the level most: a finding of a more urgent rule that the
        message states only as possible ("if", "in case", "万一"). A "yes" next turn raises the level to that rule's."""
        if level == TriageLevel.emergent or state.rounds >= self.max_rounds:
            return questions, asked_now, pending
        levels = {rule.id: rule.level for rule in self.rules.rules}
        for item in evidence:
            raised = [levels[r] for r in item.rules if levels.get(r, level).rank > level.rank]
            qid = f"now:{item.finding}"
            if item.status != "possible" or item.subject != "patient" or not raised or qid in state.asked:
                continue
            question = (f"现在是否有这种情况：{item.finding}？" if language == "zh" else
                        f"Is this happening now: {item.finding}?")
            top = max(raised, key=lambda lv: lv.rank)
            return ([question, *questions][:self.max_questions], [qid, *asked_now],
                    {"id": item.rules[0], "level": top.value})
        return questions, asked_now, pending

    @staticmethod
    def _advice(level: TriageLevel, hits: list[RuleHit], match: Optional[KnowledgeMatch], language: str,
                pharmacist: bool = False) -> list[str]:
        advice: list[str] = []
        if pharmacist and level == TriageLevel.self_care:
            advice.append(match.entry.pharmacy_first.advice.get(language))  # pharmacist: a match with the block
        top_rules = [hit for hit in hits if hit.level == level]
        for hit in top_rules[:2]:
            advice.append(hit.rule.advice.get(language))
        advice.append(LEVEL_ACTIONS[level][language])
        if match is not None and level != TriageLevel.emergent:
            advice.append(match.entry.advice.get(language))
            seek = "何时需尽快就医：" if language == "zh" else "Seek care sooner if: "
            advice.append(seek + match.entry.escalate.get(language))
        return list(dict.fromkeys(advice))


def _with_signs(findings: list[Evidence], signs: list[Evidence]) -> list[Evidence]:
    """Red-flag findings, then the signs of the patterns that add a finding not already listed for their clause."""
    listed = [(item.finding, item.sentence) for item in findings]
    extra = [sign for sign in signs if not any(sign.sentence == sentence and (sign.finding in finding or finding in
                                                                              sign.finding) for finding, sentence in listed)]
    return findings + extra


def _pattern_reason(hit: PatternHit, language: str) -> TriageReason:
    pattern = hit.pattern
    return TriageReason(source="pattern", id=pattern.id, title=pattern.title.get(language), level=hit.level,
                        detail=pattern.reason.get(language), guidance=pattern.guidance, evidence=hit.evidence)


_NO_MATCH = {"en": "I could not recognise symptoms in the message, so I cannot judge the urgency yet.",
             "zh": "我没能从消息中识别出症状，暂时无法判断紧急程度。"}


def _truncation_notice(length: int, limit: int, language: str) -> str:
    if language == "zh":
        return f"您的消息有{length}个字符，只读取了前{limit}个字符。"
    return f"Your message was {length} characters long; only the first {limit} were read."
