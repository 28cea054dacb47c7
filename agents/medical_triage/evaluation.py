"""Score triage levels against labelled cases: accuracy per level and language, confusion matrix, under-triage.

A case file is YAML with ``cases: [{level, en, zh}]`` (one presentation in both languages) or
``cases: [{level, lang, text}]``. The scorer only needs a function from text to level, so it measures the agent
through ``Advisor.ask`` as a user meets it, or the engine directly.

Example::

    >>> from agents.medical_triage.evaluation import score
    >>> report = score([("en", "self_care", "mild sunburn")], lambda text: "self_care")
    >>> report.overall, report.under_triaged
    (1.0, [])
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

LEVELS = ("emergent", "non_emergent", "self_care")
RANK = {"self_care": 0, "non_emergent": 1, "emergent": 2}


class ScoredCase(BaseModel):
    """One text with its label and the level it got."""

    model_config = ConfigDict(extra="forbid")
    lang: str
    expected: str
    got: str
    text: str


class TriageReport(BaseModel):
    """Accuracy figures of one run over a case set."""

    model_config = ConfigDict(extra="forbid")
    overall: float = Field(description="Share of texts given their labelled level.")
    by_level: dict[str, float] = Field(description="Accuracy per labelled level.")
    by_language: dict[str, float] = Field(description="Accuracy per language.")
    confusion: dict[str, dict[str, int]] = Field(description="confusion[labelled][given] = count of texts.")
    under_triaged: list[ScoredCase] = Field(description="Emergent texts given a lower level.")
    over_triaged_to_emergent: int = Field(description="Texts sent to emergency care that did not need it.")
    wrong: list[ScoredCase] = Field(description="Every text given another level than its label.")
    total: int


def load_case_texts(path: Path) -> list[tuple[str, str, str]]:
    """(language, level, text) for every text of a case file."""
    cases = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["cases"]
    texts = []
    for case in cases:
        if "text" in case:
            texts.append((case["lang"], case["level"], case["text"]))
        else:
            texts.extend((lang, case["level"], case[lang]) for lang in ("en", "zh") if lang in case)
    return texts


def score(cases: Iterable[tuple[str, str, str]], level_of: Callable[[str], str]) -> TriageReport:
    """Run ``level_of`` on every text and compare with the labels."""
    scored = [ScoredCase(lang=lang, expected=level, got=level_of(text), text=text) for lang, level, text in cases]
    confusion = {expected: {given: 0 for given in LEVELS} for expected in LEVELS}
    for case in scored:
        confusion[case.expected][case.got] += 1

    def accuracy(selected: list[ScoredCase]) -> float:
        return round(sum(c.got == c.expected for c in selected) / len(selected), 3) if selected else 0.0

    languages = sorted(Counter(c.lang for c in scored))
    return TriageReport(
        overall=accuracy(scored), total=len(scored), confusion=confusion,
        by_level={level: accuracy([c for c in scored if c.expected == level]) for level in LEVELS},
        by_language={lang: accuracy([c for c in scored if c.lang == lang]) for lang in languages},
        under_triaged=[c for c in scored if RANK[c.got] < RANK[c.expected] and c.expected == "emergent"],
        over_triaged_to_emergent=sum(c.got == "emergent" != c.expected for c in scored),
        wrong=[c for c in scored if c.got != c.expected])


def markdown_confusion(report: TriageReport) -> str:
    """The confusion matrix as a Markdown table (rows: labelled level, columns: level given)."""
    lines = ["| labelled \\ given | " + " | ".join(LEVELS) + " |", "|---|" + "---|" * len(LEVELS)]
    lines += [f"| {row} | " + " | ".join(str(report.confusion[row][col]) for col in LEVELS) + " |" for row in LEVELS]
    return "\n".join(lines)
