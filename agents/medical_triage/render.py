"""The reply text of a triage assessment (English or Chinese), crisis resources first when needed.

Example::

    >>> from agents.medical_triage.assessment import TriageAssessment
    >>> from agents.medical_triage.render import render, DISCLAIMER
    >>> print(render(TriageAssessment(level="self_care", advice=["Rest."], disclaimer=DISCLAIMER["en"])).splitlines()[0])
    Triage level: self_care: Care at home or with a pharmacist.
"""
from __future__ import annotations

from agents.medical_triage.assessment import TriageAssessment
from agents.medical_triage.levels import LEVEL_TITLES

DISCLAIMER = {
    "en": "This is general health information, not a diagnosis or a substitute for a doctor. If you are worried, or "
          "symptoms change or get worse, contact a health professional; in an emergency call your local emergency number.",
    "zh": "以上为一般健康信息，不是诊断，也不能代替医生。如果您担心、症状变化或加重，请联系医务人员；紧急情况请拨打当地急救电话（中国120）。",
}

CRISIS_RESOURCES = {
    "en": [
        "If you are in immediate danger, call your local emergency number now (999 UK, 911 US, 112 EU, 120/110 China).",
        "US: call or text 988 (Suicide & Crisis Lifeline), available 24/7.",
        "UK & Ireland: Samaritans, call 116 123 (free, 24/7), or text SHOUT to 85258.",
        "China: Beijing Psychological Crisis Research and Intervention Center hotline 010-82951332 (24h); Hope 24 hotline 400-161-9995.",
        "Elsewhere: find a local crisis line at findahelpline.com, or go to the nearest emergency department.",
    ],
    "zh": [
        "如果您现在有危险，请立即拨打急救电话（中国120或110；美国911；英国999）。",
        "北京心理危机研究与干预中心热线：010-82951332（24小时）。",
        "希望24热线：400-161-9995（24小时）。",
        "美国：拨打或发短信至988；英国：撒玛利亚会 116 123。",
        "也可以前往最近的医院急诊，或告诉身边信任的人，请他们陪着您。",
    ],
}

_LABELS = {
    "en": {"level": "Triage level", "crisis": "Please reach out now - you do not have to face this alone:", "why": "Why:",
           "do": "What to do:", "questions": "To help me advise you better:", "notice": "Note:"},
    "zh": {"level": "分诊级别", "crisis": "请现在就寻求帮助——您不必独自面对：", "why": "原因：", "do": "建议：",
           "questions": "为了更好地给您建议，请告诉我：", "notice": "提示："},
}


def render(assessment: TriageAssessment) -> str:
    """Plain-text reply: crisis resources (if any), level, reasons, advice, follow-up questions, disclaimer."""
    lang = assessment.language
    labels = _LABELS[lang]
    lines: list[str] = []
    if assessment.crisis_resources:
        lines.append(labels["crisis"])
        lines.extend(f"- {item}" for item in assessment.crisis_resources)
        lines.append("")
    title = LEVEL_TITLES[assessment.level][lang]
    sep = "：" if lang == "zh" else ": "
    lines.append(f"{labels['level']}{sep}{assessment.level.value}{sep}{title}{'。' if lang == 'zh' else '.'}")
    if assessment.notices:
        lines.append(labels["notice"] + " " + " ".join(assessment.notices))
    if assessment.reasons:
        lines.append(labels["why"])
        lines.extend(f"- {reason.detail or reason.title}" for reason in assessment.reasons)
    if assessment.advice:
        lines.append(labels["do"])
        lines.extend(f"- {item}" for item in assessment.advice)
    if assessment.follow_up_questions:
        lines.append(labels["questions"])
        lines.extend(f"{i}. {q}" for i, q in enumerate(assessment.follow_up_questions, 1))
    lines.append("")
    lines.append(assessment.disclaimer)
    return "\n".join(lines)
