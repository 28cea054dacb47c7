"""NHS Pharmacy First: uncomplicated cystitis in a woman of 16 to 64 is home or pharmacy care; everyone else, and
every exclusion, keeps the knowledge-base entry's own level (a doctor within days)."""
from __future__ import annotations

import pytest

from agents.medical_triage.engine import TriageEngine
from agents.medical_triage.facts import extract_facts
from agents.medical_triage.pharmacy import doctor_needed, pharmacy_first_applies
from agents.medical_triage.schema import load_conditions


@pytest.fixture(scope="module")
def uti():
    return next(entry for entry in load_conditions().conditions if entry.id == "uti_symptoms")


@pytest.mark.parametrize("text", [
    "stinging when i wee n going every half hour since yesterday, no fever, not pregnant, 26f",
    "I'm 41 and my period finished last week; since this morning it burns when I pee and I keep needing to go",
    "二十七岁，没怀孕，从昨天开始尿尿刺痛，老想上厕所，不发烧，腰不疼",
])
def test_a_woman_of_working_age_with_simple_cystitis_may_see_a_pharmacist(uti, text):
    assert pharmacy_first_applies(uti, extract_facts(text), text)


@pytest.mark.parametrize("text", [
    "stinging when i wee, going every half hour, 44m",                             # a man
    "stinging when i wee, going every half hour",                                 # sex not stated
    "stinging when i wee, not pregnant, 68f",                                      # older than 64
    "my daughter is 12 and it stings when she wees, she's not started her periods",  # a child
    "I'm 22 weeks pregnant and it burns when I pee",                               # pregnancy
    "third uti this year, stinging when i wee, 30f",                               # recurrent
    "finished the antibiotics on monday but it still burns when i pee, 35f",       # treatment failed
    "burning when i pee and some blood in my wee, 29f",                            # visible blood
    "stings when i wee and a yellow discharge since a new partner, 24f",           # possible STI
    "半年第三次尿路感染了，尿尿刺痛，34岁，没怀孕",                                    # recurrent
    "女，30岁，尿尿刺痛，尿里有血",                                                  # visible blood
])
def test_everyone_else_and_every_exclusion_keeps_the_doctor(uti, text):
    assert not pharmacy_first_applies(uti, extract_facts(text), text)


def test_the_engine_sends_her_to_a_pharmacist_and_says_why():
    engine = TriageEngine(encoder=None)
    text = "burning when i wee n need to go every 10 mins, no fever or back pain, not pregnant. 28f"
    assessment, _ = engine.assess(text)
    assert assessment.level.value == "self_care"
    kb = [reason for reason in assessment.reasons if reason.source == "knowledge_base"]
    assert kb and kb[0].id == "uti_symptoms" and "Pharmacy First" in kb[0].detail
    assert "pharmacist" in assessment.advice[0]
    man, _ = engine.assess(text.replace("28f", "28m"))
    assert man.level.value == "non_emergent"


def _entry(entry_id):
    return next(entry for entry in load_conditions().conditions if entry.id == entry_id)


@pytest.mark.parametrize("entry_id, text, applies", [
    ("shingles", "52, a band of painful blisters across my back since yesterday, not near my face", True),
    ("shingles", "a band of painful blisters across my back for 10 days, 52", False),             # past the 72 hours
    ("shingles", "blisters on my forehead and eyelid since yesterday, 60", False),                  # near the eye
    ("shingles", "my son is 12 and has a band of blisters on his chest", False),                    # a child
    ("earache", "my daughter is 4, earache since last night, calpol helps, nothing coming out", True),
    ("earache", "earache for two days, 35", False),                                                 # an adult
    ("earache", "my son is 6, earache for 3 days and now yellow gunk coming out", False),          # discharge
    ("earache", "孩子5岁，耳朵疼了一天，耳后肿了", False),                                            # swelling behind
])
def test_shingles_in_adults_and_ear_infections_in_children_may_see_a_pharmacist(entry_id, text, applies):
    assert pharmacy_first_applies(_entry(entry_id), extract_facts(text), text) is applies


@pytest.mark.parametrize("text, applies", [
    ("my son is 6, one crusty golden patch beside his nose, otherwise well", True),
    ("孩子7岁，嘴角一小块黄痂，不发烧", True),
    ("my daughter is 4, crusty sores all over her face and arms and a fever", False),
])
def test_localised_impetigo_from_the_age_of_one_may_see_a_pharmacist(text, applies):
    assert pharmacy_first_applies(_entry("impetigo"), extract_facts(text), text) is applies


@pytest.mark.parametrize("entry_id, text, needed", [
    ("threadworms", "I'm 20 weeks pregnant and my bottom itches at night, little white worms in the toilet", True),
    ("threadworms", "孕24周，晚上肛门痒，大便里看到小白虫", True),
    ("threadworms", "my son is 18 months and keeps scratching his bottom at night", True),     # under 2
    ("threadworms", "my son is 6 and keeps scratching his bottom at night", False),
    ("threadworms", "my son is 5, itchy bottom at night, and I'm 20 weeks pregnant so I'm worried", False),  # the mother's
    ("chickenpox", "son leo 4 has chickenpox spots, itchy but happy, nobody pregnant at home", False),
    ("vaginal_thrush", "thrush again, the same itching as last time, 30 weeks pregnant", True),
    ("vaginal_thrush", "thrush again, the same itching as last time, 30, not pregnant", False),
    ("chickenpox", "I'm on chemotherapy and my son's chickenpox spots are now on me too", True),
    ("chickenpox", "my daughter is 5 and has chickenpox spots, eating and playing", False),
    ("common_cold", "12 weeks pregnant with a blocked nose and a sore throat", False),              # no such group
])
def test_some_home_treatments_are_not_for_pregnancy_young_children_or_a_weak_immune_system(entry_id, text, needed):
    assert doctor_needed(_entry(entry_id), extract_facts(text)) is needed


def test_the_engine_sends_a_pregnant_woman_with_threadworms_to_a_doctor_and_says_why():
    engine = TriageEngine(encoder=None)
    child, _ = engine.assess("my son is 7, itchy bottom at night and tiny white threads moving in his poo")
    pregnant, _ = engine.assess("22 weeks pregnant, itchy bottom at night and tiny white threads moving in my poo")
    assert child.level.value == "self_care"
    assert pregnant.level.value == "non_emergent"
    kb = [reason for reason in pregnant.reasons if reason.source == "knowledge_base"]
    assert kb and kb[0].id == "threadworms" and "see a doctor" in kb[0].detail
