"""The three fixed triage levels, ordered by urgency.

Example::

    >>> from agents.medical_triage.levels import TriageLevel, highest
    >>> highest([TriageLevel.self_care, TriageLevel.emergent]).value
    'emergent'
    >>> TriageLevel.non_emergent.rank
    1
"""
from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Optional


class TriageLevel(str, Enum):
    """How urgently to seek care. Values are the public strings emitted in ``data.level``."""

    self_care = "self_care"
    non_emergent = "non_emergent"
    emergent = "emergent"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def at_least(self, other: TriageLevel) -> TriageLevel:
        """The more urgent of the two (rules can only raise a level)."""
        return self if self.rank >= other.rank else other


_RANK = {TriageLevel.self_care: 0, TriageLevel.non_emergent: 1, TriageLevel.emergent: 2}


def highest(levels: Iterable[Optional[TriageLevel]], default: Optional[TriageLevel] = None) -> Optional[TriageLevel]:
    """The most urgent of ``levels`` (None entries ignored), or ``default`` when there are none."""
    best = None
    for level in levels:
        if level is not None and (best is None or level.rank > best.rank):
            best = level
    return default if best is None else best


LEVEL_TITLES = {
    TriageLevel.emergent: {"en": "Seek care now", "zh": "请立即就医"},
    TriageLevel.non_emergent: {"en": "See a doctor within a few days", "zh": "请在几天内看医生"},
    TriageLevel.self_care: {"en": "Care at home or with a pharmacist", "zh": "可在家或药店自我护理"},
}

LEVEL_ACTIONS = {
    TriageLevel.emergent: {
        "en": "Call your local emergency number (999 UK, 911 US, 112 EU, 120 China) or go to an emergency "
              "department now; if the symptoms are less severe, see a doctor today.",
        "zh": "请立即拨打急救电话（中国120）或前往急诊；如症状较轻，也请今天内就医。",
    },
    TriageLevel.non_emergent: {
        "en": "Book an appointment with a GP, urgent care clinic or e-visit within the next few days.",
        "zh": "请在未来几天内预约全科医生、门诊或线上问诊。",
    },
    TriageLevel.self_care: {
        "en": "This can usually be managed at home or with advice from a pharmacist.",
        "zh": "通常可以在家护理，或咨询药剂师。",
    },
}
