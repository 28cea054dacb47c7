"""Follow-up questions, asked one short list at a time, and answers combined with earlier messages."""
from __future__ import annotations

import pytest

from agents.medical_triage.engine import TriageState


def test_missing_age_is_asked_then_combined(sparse_engine):
    first, state = sparse_engine.assess("my baby has a fever of 38.4", TriageState())
    assert first.level.value in {"non_emergent", "emergent"}
    assert any("old" in q for q in first.follow_up_questions)
    assert 1 <= len(first.follow_up_questions) <= 3
    second, state = sparse_engine.assess("she is 6 weeks old", state)
    assert second.level.value == "emergent"
    assert "infant_fever" in [r.id for r in second.reasons]
    assert second.facts["temperature_c"] == 38.4


def test_bare_age_answer_is_understood(sparse_engine):
    first, state = sparse_engine.assess("I have a mild headache", TriageState())
    assert first.level.value == "self_care"
    assert "age" in state.asked
    second, state = sparse_engine.assess("35", state)
    assert second.facts["age_years"] == 35
    assert not any("old" in q for q in second.follow_up_questions)


def test_yes_to_warning_signs_escalates(sparse_engine):
    first, state = sparse_engine.assess("I have a mild headache after work", TriageState())
    assert first.level.value == "self_care"
    assert state.pending_warning is not None
    second, _ = sparse_engine.assess("yes", state)
    assert second.level.value == "emergent"
    assert "answer" in [r.source for r in second.reasons]


def test_no_to_warning_signs_keeps_the_level(sparse_engine):
    _, state = sparse_engine.assess("有点头疼", TriageState())
    second, state = sparse_engine.assess("没有", state)
    assert second.level.value == "self_care"
    assert second.language == "zh"


def test_duration_answer_escalates_a_lingering_complaint(sparse_engine):
    first, state = sparse_engine.assess("I have a cough", TriageState())
    assert first.level.value == "self_care"
    second, _ = sparse_engine.assess("it has been going on for 5 weeks", state)
    assert second.level.value == "non_emergent"


def test_missing_facts_do_not_escalate_a_mild_complaint(sparse_engine):
    assessment, _ = sparse_engine.assess("I have dandruff", TriageState())
    assert assessment.level.value == "self_care"
    assert assessment.follow_up_questions


def test_follow_ups_stop_after_the_configured_rounds(sparse_engine):
    _, state = sparse_engine.assess("sore throat", TriageState())
    _, state = sparse_engine.assess("no", state)
    third, state = sparse_engine.assess("still sore", state)
    assert third.follow_up_questions == []


def test_emergent_cases_do_not_wait_for_questions(sparse_engine):
    assessment, _ = sparse_engine.assess("crushing chest pain and sweating", TriageState())
    assert assessment.level.value == "emergent" and assessment.follow_up_questions == []


@pytest.mark.parametrize("first, answer", [
    ("I have a mild cough; what should I do if I get chest pain?", "yes"),
    ("有点咳嗽，万一胸口疼怎么办？", "是的"),
])
def test_an_uncertain_red_flag_finding_is_asked_first_and_a_yes_raises_the_level(sparse_engine, first, answer):
    assessment, state = sparse_engine.assess(first, TriageState())
    assert assessment.level.value != "emergent"
    assert assessment.follow_up_questions and ("chest" in assessment.follow_up_questions[0]
                                               or "胸" in assessment.follow_up_questions[0])
    again, _ = sparse_engine.assess(answer, state)
    assert again.level.value == "emergent"
