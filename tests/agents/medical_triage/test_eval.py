"""Regression check on the DEVELOPMENT sets (tuned on until they passed), with the real text encoder.

These figures do not estimate accuracy on unseen descriptions: the frozen first-run sets and their figures are in
docs/TRIAGE.md. History of these sets, measured (Nov 2026, default encoder):
- eval_cases.yaml (72 texts, 24 per level, 36 English + 36 Chinese): 100% overall, self-care 100%, 0 emergent
  under-triaged. Written before tuning, but its misses (7 red-flag phrasings) were fixed afterwards.
- holdout_cases.yaml (45 presentations x English + Chinese): first run, before any change it prompted: 85.6% overall
  (English 84.4%, Chinese 86.7%), self-care 96.7%, but 5 emergent texts under-triaged; after fixing those gaps: 100%.
- dev_cases.yaml (52 presentations x English + Chinese, two blind batches): first runs 72.7% (5 under-triaged) and
  88.3% (3 under-triaged); after the fixes they prompted: 100%.
- dev_patterns.yaml (83 presentations x English + Chinese: emergencies set by a combination of signs or by
  stretched wording, controls naming the same signs negated or mildly). Batch A (29): 55.2% with 18 emergent texts
  under-triaged before clinical patterns, 70.7% (9) with the first version of patterns.yaml. Blind batches, first
  runs: B (18) 44.4% (14 under-triaged), C (18, after B was tuned on) 75.0% (7), D (18, after C) 77.8% (5). All
  four after the vocabulary gaps they showed were filled: 92.2%, 0 under-triaged.
The first-run numbers are the honest estimate for unseen descriptions: expect roughly 80-90% and occasional
under-triage of emergencies phrased in ways no rule anticipates yet.
"""
from __future__ import annotations

from collections import Counter

import pytest

from tests.agents.medical_triage.conftest import load_cases

LEVELS = ("emergent", "non_emergent", "self_care")


def _score(engine, cases: list[tuple[str, str, str]]) -> dict:
    right, total, under, wrong = Counter(), Counter(), [], []
    for lang, level, text in cases:
        got = engine.assess(text)[0].level.value
        total[lang, level] += 1
        if got == level:
            right[lang, level] += 1
        else:
            wrong.append((lang, level, got, text))
            if level == "emergent":
                under.append(text)

    def acc(keys):
        keys = list(keys)
        return sum(right[k] for k in keys) / max(1, sum(total[k] for k in keys))

    report = {"overall": acc(total), "under_triaged": under, "wrong": wrong,
              "en": acc(k for k in total if k[0] == "en"), "zh": acc(k for k in total if k[0] == "zh")}
    report.update({level: acc(k for k in total if k[1] == level) for level in LEVELS})
    return report


def _check(report: dict) -> None:
    print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in report.items() if k != "wrong"})
    assert not report["under_triaged"], report["under_triaged"]
    assert report["overall"] >= 0.80, report["wrong"]
    assert report["self_care"] >= 0.60, report["wrong"]
    assert abs(report["en"] - report["zh"]) <= 0.10, report["wrong"]


def test_eval_set_meets_the_thresholds(triage_engine):
    cases = load_cases("eval_cases.yaml")
    assert len(cases) >= 60 and all(sum(c["level"] == lv for c in cases) >= 20 for lv in LEVELS)
    _check(_score(triage_engine, [(c["lang"], c["level"], c["text"]) for c in cases]))


def test_holdout_set_meets_the_thresholds(triage_engine):
    cases = load_cases("holdout_cases.yaml")
    assert len(cases) == 45
    _check(_score(triage_engine, [(lang, c["level"], c[lang]) for c in cases for lang in ("en", "zh")]))


def test_dev_set_meets_the_thresholds(triage_engine):
    cases = load_cases("dev_cases.yaml")
    _check(_score(triage_engine, [(lang, c["level"], c[lang]) for c in cases for lang in ("en", "zh")]))


def test_dev_patterns_set_meets_the_thresholds(triage_engine):
    """Emergencies set by a combination of signs or by stretched wording, with controls naming the same signs."""
    cases = load_cases("dev_patterns.yaml")
    assert sum(c["level"] == "emergent" for c in cases) >= 15
    _check(_score(triage_engine, [(lang, c["level"], c[lang]) for c in cases for lang in ("en", "zh")]))


def test_scorer_can_fail(triage_engine):
    """The harness notices an under-triaged emergency and a wrong label."""
    report = _score(triage_engine, [("en", "emergent", "I have a mild sunburn"), ("en", "self_care", "I have a mild sunburn")])
    assert report["under_triaged"] and report["overall"] == pytest.approx(0.5)


def test_the_name_search_finds_a_whole_name_but_not_one_glued_to_a_hexadecimal_id(tmp_path):
    from tests.agents.medical_triage.first_run import find_names

    (tmp_path / "advisor.db").write_bytes(b"\x15Ade21c40ab8dd4743bf91 user said Priya, not Samaritans")
    assert find_names(tmp_path, ["Ade", "Priya", "Sam"]) == [("Priya", "advisor.db")]
