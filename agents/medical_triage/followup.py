"""Follow-up questions about missing facts, and reading the answers that come back next turn.

Example::

    >>> from agents.medical_triage.followup import is_affirmative
    >>> is_affirmative("yes"), is_affirmative("有"), is_affirmative("有点头疼"), is_affirmative("no")
    (True, True, False, False)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from agents.medical_triage.facts import Facts
from agents.medical_triage.schema import KnowledgeEntry
from agents.medical_triage.text import normalise

QUESTIONS = {
    "age": {"en": "How old is the person who is unwell?", "zh": "请问患者多大年龄？"},
    "duration": {"en": "How long have the symptoms been going on?", "zh": "症状持续多长时间了？"},
    "severity": {"en": "How bad is it: mild, moderate or severe (or a score out of 10)?", "zh": "严重程度如何：轻微、中等还是严重（或按10分打分）？"},
    "describe": {"en": "Could you describe the main symptom: what it feels like, where it is, and since when?",
                 "zh": "能描述一下主要症状吗：是什么感觉、在哪个部位、从什么时候开始？"},
}
_PAIN = re.compile(r"pain|hurt|ache|sore|cramp|疼|痛")
_YES = re.compile(r"^\s*(?:yes|yeah|yep|yup|yes i do|i do|i have|i did|correct|true|affirmative|y)\b(?!\s*(?:,\s*)?but\b)|"
                  r"^\s*(?:是的?|有的?|对的?|嗯+|有过|是啊|有啊|对啊)(?![点一些])")
_NO = re.compile(r"^\s*(?:no|nope|none|nah|not really|i do not|n)\b|^\s*(?:没有|没|无|不是|都没有|都没)")


def is_affirmative(text: str) -> bool:
    """A bare "yes" answer (English or Chinese), as opposed to a new description."""
    text = normalise(text)
    return bool(_YES.match(text)) and not bool(_NO.match(text))


def is_negative(text: str) -> bool:
    return bool(_NO.match(normalise(text)))


def warning_question(entry: KnowledgeEntry, language: str) -> Optional[str]:
    if entry.warning_signs is None:
        return None
    signs = entry.warning_signs.zh if language == "zh" else entry.warning_signs.en
    if language == "zh":
        return "是否有以下任何一种情况：" + "、".join(signs) + "？"
    return "Do you have any of these: " + "; ".join(signs) + "?"


@dataclass
class QuestionPlan:
    """The questions to ask now (texts) and their ids (kept in state, so they are not asked again)."""

    ids: list[str]
    texts: list[str]


def plan_questions(facts: Facts, text: str, entry: Optional[KnowledgeEntry], asked: list[str], language: str,
                   max_questions: int = 3) -> QuestionPlan:
    """Pick up to ``max_questions`` questions about missing key facts, most useful first."""
    ids, texts = [], []

    def add(qid: str, question: Optional[str]) -> None:
        if question and qid not in asked and qid not in ids and len(ids) < max_questions:
            ids.append(qid)
            texts.append(question)

    if entry is not None and entry.warning_signs is not None and entry.warning_signs.level.rank > entry.level.rank:
        add(f"warning:{entry.id}", warning_question(entry, language))
    if facts.age_years is None:
        add("age", QUESTIONS["age"][language])
    if facts.duration_days is None:
        add("duration", QUESTIONS["duration"][language])
    if facts.severity is None and _PAIN.search(normalise(text)):
        add("severity", QUESTIONS["severity"][language])
    return QuestionPlan(ids=ids, texts=texts)
