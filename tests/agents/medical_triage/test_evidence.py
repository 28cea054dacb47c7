"""Typed evidence per message, with attributes bound to their own finding, and decisions made on it."""
from __future__ import annotations

import pytest

from agents.medical_triage.evidence import extract_evidence
from agents.medical_triage.rules import RuleEngine

RULES = RuleEngine()


def _item(text: str, finding: str):
    return next(e for e in extract_evidence(text) if e.finding == finding)


@pytest.mark.parametrize("text, finding, days", [
    ("I have had a cold for a week and a fever for 2 days", "fever", 2.0),
    ("cold for a week, fever since yesterday", "fever", 1.0),
    ("fever for 4 days and a sore throat for a day", "fever", 4.0),
    ("感冒一个星期了，发烧两天", "发烧", 2.0),
    ("发烧四天了，嗓子疼一天", "发烧", 4.0),
])
def test_duration_binds_to_its_own_finding(text, finding, days):
    assert _item(text, finding).duration_days == days


def test_evidence_carries_status_subject_qualifiers_and_clause():
    items = extract_evidence("I'm 34 and 20 weeks pregnant, mild breathlessness when climbing stairs, no chest pain")
    breathless = next(e for e in items if "breath" in e.finding)
    assert breathless.status == "present" and breathless.subject == "patient"
    assert {"mild", "exertional"} <= set(breathless.qualifiers)
    assert breathless.age_years == 34 and breathless.pregnant
    assert "climbing stairs" in breathless.sentence
    assert any(e.finding.startswith("chest pain") and e.status == "absent" for e in items)


def test_not_pregnant_is_not_a_pregnancy():
    assert not any(e.pregnant for e in extract_evidence("burning when I pee, no fever, I'm not pregnant"))


@pytest.mark.parametrize("text", [
    "I've had a cold for a week and a slight fever for 2 days",
    "感冒一个星期了，低烧两天",
])
def test_a_long_cold_with_a_short_fever_is_not_a_prolonged_fever(text):
    assert "fever_prolonged" not in {hit.rule.id for hit in RULES.evaluate(text)}


@pytest.mark.parametrize("text", ["fever of 38.5 for 4 days", "发烧38.5度四天了"])
def test_a_prolonged_fever_still_counts(text):
    assert "fever_prolonged" in {hit.rule.id for hit in RULES.evaluate(text)}


@pytest.mark.parametrize("text, emergent", [
    ("I get a bit short of breath climbing the stairs", False),
    ("爬楼梯的时候有点气短", False),
    ("I get a little breathless walking up a hill with the pushchair", False),
    ("上坡的时候有点喘", False),
    ("往坡上的菜园子走，比以前喘得厉害点", False),
    ("I'm short of breath even sitting still", True),
    ("坐着不动也气短", True),
    # spells of breathlessness that pass on their own within minutes, told in the sentence that tells them
    ("for weeks she gets these turns where she can't catch her breath and her fingers tingle, then after ten minutes it settles", False),
    ("这一个月老犯，心慌，喘不上气，过个几分钟又自己好了", False),
    ("I get these turns where my heart races and I can't breathe, they pass in ten minutes", False),
    ("panic attacks for weeks, heart racing n cant breathe for 5 mins then fine", False),
    ("几个月了时不时犯一阵，心跳飞快，喘不上气，五六分钟、十分钟就过去了", False),
    ("she can't catch her breath and it isn't settling", True),
    ("喘不上气，一直缓不过来", True),
])
def test_breathlessness_on_exertion_or_in_passing_spells_is_graded_down(text, emergent):
    levels = {hit.rule.id: hit.level.value for hit in RULES.evaluate(text)}
    assert ("emergent" in levels.values()) == emergent, levels


@pytest.mark.parametrize("text", [
    "no hives, no swelling of my lips or throat, no trouble breathing, just an itchy rash",
    "my neck isn't stiff and there's no rash, just a cold",
    "I haven't vomited blood and my stools aren't black",
    "没有呼吸困难，嘴唇和喉咙也没有肿，就是有点痒",
    "脖子不硬，也没有皮疹，就是感冒",
    "if I ever get chest pain should I call an ambulance?",
    "my mother had a stroke years ago; I have a mild cold",
])
def test_no_red_flag_on_findings_that_are_not_current(text):
    assert not [hit.rule.id for hit in RULES.evaluate(text) if hit.level.value == "emergent"]


@pytest.mark.parametrize("text", ["asthma, my inhaler isn't helping", "the rash does not fade when I press a glass on it"])
def test_a_negation_inside_the_finding_phrase_is_part_of_it(text):
    assert [hit.rule.id for hit in RULES.evaluate(text) if hit.level.value == "emergent"]


@pytest.mark.parametrize("text", ["severe headache that ibuprofen isn't touching, and now I see zigzag lights",
                                  "my migraine tablets are not doing anything, the headache is the worst I've had"])
def test_a_treatment_that_fails_does_not_negate_the_findings_around_it(text):
    present = [e.finding for e in extract_evidence(text) if e.status == "present"]
    assert any("headache" in finding for finding in present)


@pytest.mark.parametrize("text, fever", [
    # warmth around a sting, a bite or a wound is the skin's; the body or the forehead hot is a fever
    ("手背上被马蜂蜇了，蜇的地方周围肿起来了，红，有点发热", False),
    ("伤口红肿发热", False),
    ("被蜜蜂蜇了，晚上人有点发热", True),
    ("孩子浑身发热", True),
])
def test_warmth_around_a_sting_is_no_fever(text, fever):
    assert ("fever_high_risk_groups" in {hit.rule.id for hit in RULES.evaluate("我姥爷八十四了。" + text)}) == fever


@pytest.mark.parametrize("text, level", [
    # a tummy bug said to be getting better is home care; one that goes on is for a doctor (a child's vomiting past two
    # days, diarrhoea past a week)
    ("闺女九个月，前几天呕吐刚好点，这三天屁股红", "self_care"),
    ("闺女九个月，呕吐三天了，一天好几回", "non_emergent"),
    ("儿子五岁，拉肚子一个多礼拜了，一天好几回", "non_emergent"),
])
def test_a_child_s_tummy_bug_that_is_getting_better_lowers_the_level(text, level):
    hits = [hit for hit in RULES.evaluate(text) if hit.rule.id == "gastro_prolonged_or_febrile"]
    assert hits and hits[0].level.value == level
