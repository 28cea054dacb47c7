"""The agent end to end: registration, reply shape, bad input, crisis handling, wording, storage and photos."""
from __future__ import annotations

import json
import re

import pytest

from agents.base import AgentRequest, Reply
from agents.medical_triage import MedicalTriageAgent, TriageAssessment
from agents.registry import available
from tests.conftest import draw_shape


@pytest.fixture(scope="module")
def agent():
    """No advisor: TF-IDF only, nothing stored."""
    return MedicalTriageAgent(context=None, config={"use_encoder": False})


def test_registered_with_bilingual_examples():
    assert available()["medical_triage"] is MedicalTriageAgent
    examples = MedicalTriageAgent.examples
    chinese = [e for e in examples if re.search(r"[\u4e00-\u9fff]", e)]
    assert len(examples) - len(chinese) >= 20 and len(chinese) >= 20
    assert MedicalTriageAgent.description and "\n" not in MedicalTriageAgent.description


def test_reply_json_has_level_and_fields(agent):
    reply = agent.invoke("I have a mild sunburn")
    assert isinstance(reply, Reply) and isinstance(reply.data, TriageAssessment)
    doc = json.loads(reply.model_dump_json())
    assert doc["data"]["kind"] == "triage" and doc["data"]["level"] == "self_care"
    for key in ("reasons", "advice", "follow_up_questions", "disclaimer", "crisis_resources"):
        assert key in doc["data"]
    assert doc["data"]["disclaimer"]


@pytest.mark.parametrize("text", ["", "   ", "asdfghjkl qwerty", "???", "你好"])
def test_empty_or_nonsense_asks_for_a_description(agent, text):
    reply = agent.invoke(text)
    assert reply.data.level is not None
    assert reply.data.needs_description
    assert reply.data.follow_up_questions and re.search(r"describe|描述", reply.data.follow_up_questions[0])


def test_very_long_text_is_truncated_with_notice(agent):
    text = "I have a mild headache. " + "blah " * 3000
    reply = agent.invoke(text)
    assert reply.data.notices and "first 2000" in reply.data.notices[0]
    assert reply.data.level.value == "self_care"


@pytest.mark.parametrize("text, level", [
    ("I have 胸痛 and can't breathe well", "emergent"),
    ("我有点 headache, 不严重", "self_care"),
    ("my 宝宝 is 2 months old and 发烧 38.5", "emergent"),
])
def test_mixed_languages(agent, text, level):
    assert agent.invoke(text).data.level.value == level


def test_self_harm_puts_crisis_resources_first(agent):
    reply = agent.invoke("I don't want to live anymore, I want to kill myself")
    assert reply.data.level.value == "emergent"
    assert reply.data.crisis_resources and any("988" in r for r in reply.data.crisis_resources)
    first_line = reply.text.splitlines()[0]
    assert "reach out" in first_line.lower()
    assert reply.text.index("988") < reply.text.index("Triage level")
    zh = agent.invoke("我不想活了")
    assert zh.data.crisis_resources and zh.text.splitlines()[0].startswith("请现在就寻求帮助")


@pytest.mark.parametrize("text", ["I have a cold", "crushing chest pain", "我头疼", "itchy rash for two months"])
def test_never_claims_a_diagnosis(agent, text):
    from agents.medical_triage.schema import load_conditions

    reply = agent.invoke(text)
    lowered = reply.text.lower()
    names = "|".join(re.escape(entry.name.en.lower()) for entry in load_conditions().conditions)
    assert not re.search(rf"\byou (?:have|'ve got|are suffering from) (?:a |an )?(?:{names})", lowered)
    assert "diagnosed with" not in lowered and not re.search("你得了|您患有|您得了|确诊为", reply.text)
    kb = [r for r in reply.data.reasons if r.source == "knowledge_base"]
    for reason in kb:
        assert "may be consistent with" in reason.detail or "可能与" in reason.detail


def test_chinese_reply_is_in_chinese(agent):
    reply = agent.invoke("嗓子疼两天了")
    assert reply.data.language == "zh" and "分诊级别" in reply.text and "不是诊断" in reply.data.disclaimer


def test_state_round_trips_through_a_request(agent):
    first = agent.invoke("my baby has a temperature of 38.3")
    json.dumps(first.state)  # what the conversation layer stores must be JSON
    second = agent.invoke(AgentRequest(text="he is 5 weeks old", state=first.state))
    assert second.data.level.value == "emergent"


def test_state_holds_no_raw_identifier(agent):
    reply = agent.invoke("My name is John Smith, phone 415-555-0132, I have a headache")
    dumped = json.dumps(reply.state) + reply.text + reply.model_dump_json()
    assert "John" not in dumped and "Smith" not in dumped and "415-555-0132" not in dumped


def test_bad_state_is_ignored(agent):
    reply = agent.invoke(AgentRequest(text="I have a cold", state={"texts": "not a list", "bogus": 1}))
    assert reply.data.level.value == "self_care"


# -- with a real advisor: storage, photos, similar cases -----------------------------------------------------------
def test_cases_are_stored_and_photos_embedded(advisor_home, tmp_path):
    agent = advisor_home.agent("medical_triage")
    photo = tmp_path / "rash.png"
    draw_shape("red", "circle").save(photo)
    first = agent.invoke(AgentRequest(text="red itchy rash on my arm for a few days", image=str(photo), session_id="s1"))
    assert first.error is None and not first.data.notices and first.data.case_id is not None
    again = agent.invoke(AgentRequest(text="no fever", session_id="s1", state=first.state))
    assert again.data.case_id == first.data.case_id
    other = tmp_path / "other.png"
    draw_shape("red", "square").save(other)
    second = agent.invoke(AgentRequest(text="rash on my leg", image=str(other), session_id="s2"))
    third = agent.invoke(AgentRequest(text="rash on my back", image=str(photo), session_id="s3"))
    similar = agent.similar_cases(first.data.case_id, k=2)
    assert [case.id for case in similar][0] == third.data.case_id
    assert {case.id for case in similar} == {second.data.case_id, third.data.case_id}
    assert similar[0].score > similar[1].score
    stored = agent._cases().get(first.data.case_id)
    assert stored["text"].startswith("red itchy rash") and "no fever" in stored["text"]
    assert stored["image_uri"].startswith(str(advisor_home.settings.uploads_dir))
    assert stored["level"] == first.data.level.value and stored["has_image_vector"]


def test_unusable_photo_is_reported_not_fatal(advisor_home, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    reply = advisor_home.agent("medical_triage").invoke(AgentRequest(text="mild sunburn", image=str(broken)))
    assert reply.error is None and reply.data.level.value == "self_care"
    assert reply.data.notices and "photo could not be used" in reply.data.notices[0]


def test_similar_cases_for_a_case_without_photo_is_a_clear_error(advisor_home):
    from agents.medical_triage.cases import CaseError

    agent = advisor_home.agent("medical_triage")
    reply = agent.invoke("I have a cold")
    with pytest.raises(CaseError, match="no photo"):
        agent.similar_cases(reply.data.case_id)
    with pytest.raises(CaseError, match="no triage case"):
        agent.similar_cases(999_999)


def test_reply_and_stored_case_carry_typed_evidence(advisor_home):
    """The reply lists each finding with its status; the stored case keeps it (de-identified) for the Triage page."""
    from agents.medical_triage.cases import CaseStore
    from ui.pages.triage import evidence_rows

    reply = advisor_home.ask("Oliver here, no chest pain, but a fever for 2 days and a cold for a week",
                             agent="medical_triage")
    found = {item.finding: item for item in reply.data.evidence}
    assert found["chest pain"].status == "absent" and found["fever"].status == "present"
    assert found["fever"].duration_days == 2.0
    stored = CaseStore(advisor_home).get(reply.data.case_id)["facts"]["evidence"]
    assert {row["finding"] for row in stored} == set(found)
    assert all("Oliver" not in row["sentence"] for row in stored)
    assert {"finding", "status", "subject", "duration (days)"} <= set(evidence_rows(stored)[0])
