"""Clinical patterns: combinations of signs, their context and counts, the evidence they carry, and the engine."""
from __future__ import annotations

import pytest
import yaml

from agents.medical_triage.engine import TriageEngine
from agents.medical_triage.patterns import PATTERNS_FILE, PatternEngine, gestation_weeks, load_patterns
from agents.medical_triage.schema import TriageDataError

PATTERNS = load_patterns().patterns
ENGINE = PatternEngine()


def _fired(text: str) -> dict[str, str]:
    return {hit.pattern.id: hit.level.value for hit in ENGINE.evaluate(text)}


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.id for p in PATTERNS])
def test_pattern_fires_on_its_positive_examples_only(pattern):
    for text in pattern.examples_positive:
        assert pattern.id in _fired(text), f"{pattern.id} did not fire on {text!r}"
    for text in pattern.examples_negative:
        assert pattern.id not in _fired(text), f"{pattern.id} fired on {text!r}"


@pytest.mark.parametrize("text, fires", [
    ("type 1 diabetic and I've been vomiting since last night", False),  # one sign of the pattern
    ("type 1 diabetic, vomiting since last night and terribly thirsty", True),
    ("I have diabetes and my breathing is deep and fast, I feel drowsy", True),
    ("我是一型糖尿病，昨晚开始呕吐", False),
    ("我是一型糖尿病，昨晚开始呕吐，口渴得厉害", True),
])
def test_min_count_needs_that_many_different_signs(text, fires):
    assert ("diabetic_ketoacidosis" in _fired(text)) == fires


@pytest.mark.parametrize("text, fires", [
    # the water drunk told object first, the breathing as 喘气, the breath as nail varnish
    ("这两个礼拜水喝得特别多，现在喘气又深又快，嘴里一股指甲油味", True),
    ("这两个礼拜水喝得特别多，天热，人挺精神", False),
])
def test_new_diabetes_in_everyday_chinese(text, fires):
    assert ("new_diabetes_ketoacidosis" in _fired(text)) == fires


@pytest.mark.parametrize("text, fires", [
    ("12 weeks pregnant with a headache and blurred vision", False),
    ("31 weeks pregnant with a headache and blurred vision", True),
    ("怀孕12周，头痛，视力模糊", False),
    ("怀孕七个月，头痛，眼前冒金星", True),
])
def test_context_must_hold(text, fires):
    assert ("pre_eclampsia" in _fired(text)) == fires


def test_gestation_in_weeks_months_and_chinese():
    assert gestation_weeks("she is 36 weeks pregnant") == 36
    assert gestation_weeks("seven months pregnant") == pytest.approx(30.1)
    assert gestation_weeks("孕二十八周") == 28
    assert gestation_weeks("my baby is 8 months old") is None


@pytest.mark.parametrize("text", [
    "if I get a fever and a stiff neck should I worry?",
    "my brother had a fever and a stiff neck last year",
    "temperature 38.5, my neck is not stiff and light does not bother me",
    "发烧38.5度，脖子不硬，也不怕光",
    "如果发烧又脖子僵硬怎么办",
])
def test_signs_that_are_not_current_set_no_pattern(text):
    assert not [p for p, level in _fired(text).items() if level == "emergent"]


def test_a_hit_carries_the_evidence_that_set_it():
    hit = next(h for h in ENGINE.evaluate("temperature of 39.2 and he is muddled") if h.pattern.id == "sepsis_combination")
    assert "39.2" in hit.evidence and '"muddled"' in hit.evidence


def test_unknown_signs_and_bad_counts_are_named(tmp_path):
    raw = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    raw["patterns"][0]["any_of"] = ["no_such_sign"]
    bad = tmp_path / "patterns.yaml"
    bad.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(TriageDataError, match="patterns.yaml: .*no_such_sign"):
        load_patterns(bad)


def test_a_graded_pattern_is_one_level_lower_on_exertion(tmp_path):
    raw = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    pe = next(p for p in raw["patterns"] if p["id"] == "pulmonary_embolism_signs")
    raw["patterns"] = [{**pe, "graded": True}]
    path = tmp_path / "graded.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    engine = PatternEngine(path)
    assert [h.level.value for h in engine.evaluate("short of breath at rest and my calf is swollen")] == ["emergent"]
    assert [h.level.value for h in engine.evaluate("short of breath climbing stairs, calf pain after running")] \
        == ["non_emergent"]


@pytest.fixture(scope="module")
def sparse():
    return TriageEngine(encoder=None)


def test_the_engine_reports_a_pattern_as_a_reason_with_its_evidence(sparse):
    assessment, _ = sparse.assess("I'm 33 weeks pregnant, my face has puffed up and I keep seeing flashing lights")
    reason = next(r for r in assessment.reasons if r.source == "pattern")
    assert assessment.level.value == "emergent" and reason.id == "pre_eclampsia"
    assert "33" in reason.evidence and "flashing lights" in reason.evidence


@pytest.mark.parametrize("text", [
    "my brother keeps saying he is useless and I found out he is stockpiling his painkillers",
    "我弟弟最近很绝望，还偷偷在囤药",
])
def test_suicide_risk_reported_by_someone_else_gets_crisis_resources(sparse, text):
    assessment, _ = sparse.assess(text)
    assert assessment.level.value == "emergent" and assessment.crisis_resources


@pytest.mark.parametrize("text", [
    "I sprained my wrist six days ago and it is still not getting any better",
    "一个星期前扭伤了手腕，到现在还没怎么好转",
    "my sore throat seemed to clear up but now it is worse again",
])
def test_a_course_over_time_reaches_a_doctor(sparse, text):
    assessment, _ = sparse.assess(text)
    assert assessment.level.value == "non_emergent"
    assert any(r.source == "pattern" and r.id.startswith("course_") for r in assessment.reasons)


def test_signs_join_the_typed_evidence_of_the_reply(sparse):
    assessment, _ = sparse.assess("type 1 diabetic, throwing up since this morning and desperately thirsty, no fever")
    signs = {item.finding: item for item in assessment.evidence}
    assert "desperately thirsty" in signs and "diabetic_ketoacidosis" in signs["desperately thirsty"].rules
    assert signs["desperately thirsty"].status == "present" and signs["desperately thirsty"].subject == "patient"
    assert not any(item.finding == "fever" and item.status == "present" for item in assessment.evidence)


@pytest.mark.parametrize("text, fires", [
    ("his temperature has dropped, he is muddled", True),
    ("宝宝体温偏低，叫不醒", True),
    ("he is muddled after a long flight, temperature 36.8", False),
    ("temperature 36.9, breathing fast after climbing the stairs", False),
])
def test_sepsis_needs_a_fever_or_a_low_temperature(text, fires):
    assert ("sepsis_combination" in _fired(text)) == fires


@pytest.mark.parametrize("text, emergent", [
    ("I'm 26 weeks pregnant with a mild headache, eyesight fine and no swelling", False),
    ("怀孕26周，有点头疼，视力正常，不肿", False),
    ("I'm 26 weeks pregnant with a headache and my hands have suddenly swollen", True),
    ("I'm 26 weeks pregnant and this headache will not go away", True),
])
def test_one_mild_headache_in_pregnancy_is_not_an_emergency_but_a_combination_is(sparse, text, emergent):
    assert (sparse.assess(text)[0].level.value == "emergent") == emergent


def test_things_that_are_not_there_are_seen_not_negated():
    assert "confusion" in {m.sign for m in ENGINE.lexicon.find("he is seeing insects that are not there")}


@pytest.mark.parametrize("text, weeks", [
    ("I'm at 31 weeks with our first baby and my face has swollen", 31),
    ("currently 26 weeks, the midwife said all was fine", 26),
    ("怀头胎，已经29周了", 29),
    ("怀二胎，现在七个月", pytest.approx(30.1)),
])
def test_gestation_stated_near_a_pregnancy_word(text, weeks):
    assert gestation_weeks(text) == weeks


@pytest.mark.parametrize("text", ["my baby is 6 weeks old and has a cold", "I've had this cough for 3 weeks", "我女儿10个月大"])
def test_weeks_that_are_not_a_pregnancy(text):
    assert gestation_weeks(text) is None


def test_a_plan_with_things_given_away_is_a_crisis_whoever_reports_it():
    fired = _fired("my flatmate has a plan to end it tonight, been giving his stuff away all week")
    assert "suicide_plan_reported" in fired


def test_weeks_to_the_due_date_are_not_the_weeks_of_the_pregnancy():
    from agents.medical_triage.patterns import gestation_weeks

    assert gestation_weeks("她头胎，现在三十五周。待产包都收拾好了，可还有五个礼拜才到预产期呢") == 35.0


def test_a_toddler_who_says_a_few_words_is_not_breathless():
    from agents.medical_triage.patterns import PatternEngine

    hits = PatternEngine().evaluate("my son is 19 months n still not walking, crawls fine, says a few words")
    assert "too_breathless_to_talk" not in [hit.pattern.id for hit in hits]


def test_everyday_sleepiness_and_a_friend_s_father_s_diabetes_make_no_ketoacidosis():
    from agents.medical_triage.engine import TriageEngine

    text = ("我老公五十五了，这俩月渴得厉害，一宿起来三四趟上厕所，老犯困。朋友说听着跟她爸当年得糖尿病一模一样")
    assessment, _ = TriageEngine(encoder=None).assess(text)
    assert not {"new_diabetes_ketoacidosis", "diabetic_ketoacidosis"} & {reason.id for reason in assessment.reasons}
    text = "她有一型糖尿病，吐了一晚上，渴得厉害，特别犯困，喘气又深又快"
    assessment, _ = TriageEngine(encoder=None).assess(text)
    assert assessment.level.value == "emergent"


def test_a_friend_who_texted_goodbye_after_taking_all_the_pills_is_a_crisis():
    from agents.medical_triage.engine import TriageEngine

    assessment, _ = TriageEngine(encoder=None).assess("我哥们儿刚给我发消息说再见，说把药全吃了，现在打电话也不接")
    assert assessment.level.value == "emergent"


@pytest.mark.parametrize("text, pattern, fires", [
    # numbness told as not feeling one's own bottom, and a stream that will not start
    ("bad back again since lifting at work, and wiping felt odd, like it was not my own bum", "cauda_equina_signs", True),
    ("sciatica flared, and now I have trouble getting a wee started, it just dribbles", "cauda_equina_signs", True),
    ("bad back again since lifting at work, peeing normally and no numbness anywhere", "cauda_equina_signs", False),
    # "didn't knock herself out" is no "not herself"
    ("mum is 84 and had a fall, she didn't knock herself out and is chatting normally", "elderly_new_confusion", False),
    ("mum is 84 and since this morning she's not quite herself, muddled about the day", "elderly_new_confusion", True),
])
def test_saddle_numbness_and_a_stream_that_will_not_start_and_a_fall_without_a_knock_out(text, pattern, fires):
    assert (pattern in _fired(text)) is fires


@pytest.mark.parametrize("text, fires", [
    # a headache that does not wake the patient, and coffee drunk, are no drowsiness and no thirst
    ("type 1 diabetic, drinking a lot of coffee to get through exams, the headache is not waking me up at night", False),
    ("type 1 diabetic, been really thirsty for days and now he's so drowsy and hard to wake", True),
])
def test_a_pain_that_does_not_wake_the_patient_and_coffee_drunk_are_no_ketoacidosis(text, fires):
    assert ("diabetic_ketoacidosis" in _fired(text)) is fires


@pytest.mark.parametrize("text, pattern, fires", [
    # type 2 diabetes named by its number or its tablets, with confusion and a drink refused: a severe hypo
    ("wife on gliclazide, her sugar is 2.6, she is clammy and confused and refuses to drink anything", "hypoglycaemia_danger", True),
    ("my dad has type 2 and tonight he is muddled and will not take the juice we give him", "hypoglycaemia_danger", True),
    ("老爸吃二甲双胍，今天下午人迷迷糊糊的，给糖水也不肯喝", "hypoglycaemia_danger", True),
    ("type 2 on metformin, felt shaky before lunch, fine after a biscuit", "hypoglycaemia_danger", False),
    # a muddle while doing a task, in a decline over a year, is no new confusion
    ("grandad is 83 and this year he has got muddled driving home and muddled using the tv remote", "elderly_new_confusion", False),
    ("grandad is 83 and since lunchtime he is muddled and keeps asking where he is", "elderly_new_confusion", True),
])
def test_type_2_diabetes_by_its_tablets_and_a_muddle_while_doing_a_task(text, pattern, fires):
    assert (pattern in _fired(text)) is fires


@pytest.mark.parametrize("text, pattern, fires", [
    # "confused" is confusion: excluding "confusing" must not exclude every form of the word
    ("my wife has type 1, she's clammy, confused and won't drink anything, sugar 2.3", "hypoglycaemia_danger", True),
    ("type 1, I find the new pump confusing to set up, sugars are fine", "hypoglycaemia_danger", False),
    # tablets put by without naming them, with a plan to take them all
    ("my brother says he's been saving them up and he's going to take all his tablets tonight", "suicide_means_reported", True),
    ("my brother is saving up for a car and takes his tablets every night", "suicide_means_reported", False),
])
def test_confused_is_confusion_and_tablets_saved_up_without_their_name(text, pattern, fires):
    assert (pattern in _fired(text)) is fires


@pytest.mark.parametrize("text, fires", [
    ("nosebleed for ten minutes, stopped with pinching; he swallowed a bit of blood and coughed some up", False),
    ("I've been coughing up blood since this morning", True),
])
def test_a_nosebleed_s_swallowed_blood_is_not_blood_coughed_up(text, fires):
    assert ("blood_vomited_or_coughed" in _fired(text)) is fires


@pytest.mark.parametrize("text, fires", [
    ("back pain for a week; when I wipe it feels numb, like sitting on nothing", True),
    ("bad back since lifting, and numb round my bottom since last night", True),
    ("sore bottom after a long bike ride, my back aches a bit, nothing numb", False),
])
def test_saddle_numbness_told_by_wiping_or_sitting_on_nothing(text, fires):
    assert ("cauda_equina_signs" in _fired(text)) is fires


@pytest.mark.parametrize("text, fires", [
    # red skin over the tailbone or a heel that stays red when pressed is pressure damage, not the glass test's rash
    ("我是护工，老人尾骨那儿一块红，按下去不变白", False),
    ("red patch on his heel, doesn't go white when I press it", False),
    ("孩子腿上的小红点，拿杯子压了不褪色", True),
])
def test_the_glass_test_does_not_read_a_pressure_area(text, fires):
    assert ("rash_not_fading_alone" in _fired(text)) == fires


@pytest.mark.parametrize("text, fires", [
    # streaks of blood in phlegm alone are a GP's; with breathlessness and a clot's sign they still count
    ("smoker, coughed up streaks of blood in my phlegm twice this week", False),
    ("今天突然喘不上气，一吸气胸口就刺痛，刚才还咳出一点血丝", True),
])
def test_streaks_of_blood_in_phlegm_are_no_emergency_alone(text, fires):
    fired = _fired(text)
    assert ("blood_vomited_or_coughed" in fired or "pulmonary_embolism_signs" in fired) == fires


@pytest.mark.parametrize("text, fires", [
    # a friend called 老胡 who says something ("老胡说") is no one talking nonsense; 胡说八道 is
    ("我七十二了，腿上起了块红斑。我老伙计老胡说人老了都这样", False),
    ("我爸八十了，今天突然开始胡说八道，还发着烧", True),
])
def test_a_name_then_says_is_no_nonsense_talk(text, fires):
    assert ("elderly_new_confusion" in _fired(text)) == fires
