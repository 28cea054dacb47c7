"""Typed reply payload of the medical_triage agent.

Example::

    >>> from agents.medical_triage.assessment import TriageAssessment
    >>> TriageAssessment(level="self_care", disclaimer="Not a diagnosis.").model_dump()["kind"]
    'triage'
"""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from agents.base import ReplyData
from agents.medical_triage.evidence import Evidence
from agents.medical_triage.levels import TriageLevel


class TriageReason(BaseModel):
    """One thing that decided (or informed) the level: a red-flag rule, a pattern of signs, a knowledge-base entry, a
    fact or an answer."""

    model_config = ConfigDict(extra="forbid")
    source: Literal["rule", "pattern", "knowledge_base", "duration", "answer", "default"] = Field(
        description="rule: a red-flag rule; pattern: a combination of signs (patterns.yaml); knowledge_base: the "
                    "nearest entry; duration: lasted longer than the entry allows; answer: a yes to a follow-up.")
    id: str = Field(description="Rule or knowledge-base entry id.")
    title: str = Field(description="Human-readable name, in the reply's language.")
    level: TriageLevel = Field(description="The level this reason points to.")
    detail: str = Field(default="", description="Why, in plain words (never a diagnosis).")
    score: Optional[float] = Field(default=None, description="Similarity for knowledge-base entries (0-1).")
    guidance: Optional[str] = Field(default=None, description="Public guidance the rule or entry follows.")
    evidence: str = Field(default="", description="The findings and facts of the message that set this reason.")


class TriageAssessment(ReplyData):
    """The triage result: always a ``level`` (the best estimate so far), with reasons, advice and follow-ups."""

    kind: Literal["triage"] = "triage"
    level: TriageLevel = Field(description="emergent | non_emergent | self_care (best estimate, even when asking follow-ups).")
    reasons: list[TriageReason] = Field(default_factory=list, description="Rules and knowledge-base entries behind the level.")
    advice: list[str] = Field(default_factory=list, description="What to do, most important first.")
    follow_up_questions: list[str] = Field(default_factory=list, description="A short list of questions about missing facts.")
    disclaimer: str = Field(description="Not a diagnosis; when to seek help.")
    crisis_resources: list[str] = Field(default_factory=list, description="Crisis lines, for self-harm or suicide content.")
    language: Literal["en", "zh"] = "en"
    facts: dict[str, Any] = Field(default_factory=dict, description="Facts understood so far (age, temperature, duration...).")
    notices: list[str] = Field(default_factory=list, description="Input problems handled (e.g. text truncated).")
    needs_description: bool = Field(default=False, description="True when the message did not describe symptoms.")
    case_id: Optional[int] = Field(default=None, description="Stored de-identified case id, when stored.")
    evidence: list[Evidence] = Field(default_factory=list, description="Findings of the conversation with their "
                                     "assertion status (present / absent / possible), subject and own attributes.")
