"""Facts parsed from English and Chinese descriptions."""
from __future__ import annotations

import pytest

from agents.medical_triage.facts import Facts, extract_facts


@pytest.mark.parametrize("text, expected", [
    ("my baby is 3 months old", {"age_years": 0.25, "infant": True}),
    ("baby 5 months, cough since yesterday", {"age_years": 5 / 12, "duration_days": 1.0}),
    ("宝宝7个月，鼻塞", {"age_years": 7 / 12}),
    ("my baby girl Ruby is eight months and off her food", {"age_years": 8 / 12}),
    ("我女儿朵朵九个月，咳嗽", {"age_years": 9 / 12}),
    ("是我儿子，小名乐乐，九个月。从中午开始哭闹", {"age_years": 9 / 12, "infant": True}),
    ("我孙子才生下来两个礼拜，吐奶", {"age_years": 2 / 52}),
    ("我家乐乐才5周，体温38.2", {"age_years": 5 / 52, "temperature_c": 38.2}),
    ("她81了，今天特别糊涂", {"age_years": 81.0, "elderly": True}),
    ("he had a stroke six years ago; for three days his knee has ached", {"duration_days": 3.0}),
    ("我爸十年前搭过桥，这两天咳嗽", {"duration_days": 2.0}),
    ("the migraines started three years ago", {"duration_days": 1095.0}),
    ("我怀三胎十周了，吐得厉害", {"duration_days": None}),
    ("我外公86了，走路不稳", {"age_years": 86.0, "elderly": True}),
    ("他吃了三十多片安眠药", {"pills_taken": 30}),
    ("my 2-year-old has a cough", {"age_years": 2.0, "child": True}),
    ("72岁，走路不稳", {"age_years": 72.0, "elderly": True}),
    ("宝宝两个月大", {"age_years": 2 / 12}),
    ("孩子刚满一个月", {"age_years": 1 / 12}),
    ("发烧39.5度", {"temperature_c": 39.5}),
    ("temperature of 102.2F", {"temperature_c": 39.0}),
    ("体温三十九度五", {"temperature_c": 39.5}),
    ("heart rate 130", {"heart_rate": 130}),
    ("心率130", {"heart_rate": 130}),
    ("oxygen saturation 90%", {"spo2": 90}),
    ("blood pressure 185/118", {"systolic": 185, "diastolic": 118}),
    ("coughing for two weeks", {"duration_days": 14.0}),
    ("咳嗽三天了", {"duration_days": 3.0}),
    ("怀孕20周", {"pregnant": True}),
    ("I'm 6 weeks pregnant", {"pregnant": True}),
    # a woman's weeks without the word, and waters broken, are a pregnancy
    ("my girlfriend is 31 weeks and has a pounding headache", {"pregnant": True}),
    ("im 29 wks, swollen face", {"pregnant": True}),
    ("my wife's 33 weeks and has a sharp pain under her ribs", {"pregnant": True}),
    ("my partner's waters broke twenty minutes ago", {"pregnant": True}),
    ("I'm on chemotherapy", {"immunosuppressed": True}),
    ("it's getting worse", {"worsening": True}),
    ("越来越严重", {"worsening": True}),
    ("severe pain", {"severity": "severe"}),
    ("有点疼", {"severity": "mild"}),
    ("I took 25 paracetamol tablets", {"pills_taken": 25}),
])
def test_facts_table(text, expected):
    facts = extract_facts(text).model_dump()
    for key, value in expected.items():
        assert facts[key] == pytest.approx(value, abs=0.01), (text, key, facts[key])


@pytest.mark.parametrize("text, key", [
    ("I am pregnant, 20 weeks", "duration_days"),
    ("my 3 month old baby", "duration_days"),
    ("宝宝7个月，鼻塞", "duration_days"),
    ("baby 4 months, sneezing", "duration_days"),
    ("my baby girl Ruby is eight months and off her food", "duration_days"),
    ("我女儿朵朵九个月，咳嗽", "duration_days"),
    ("每年五月眼睛就痒", "duration_days"),
    ("咳嗽才一周", "age_years"),
    ("my nose bleeds every four days or so", "duration_days"),
    ("I walked 5 km", "temperature_c"),
    ("took 2 tablets of ibuprofen", "heart_rate"),
])
def test_no_false_facts(text, key):
    assert getattr(extract_facts(text), key) is None


def test_facts_merge_across_turns():
    first = extract_facts("my baby has a fever of 38.2")
    merged = first.merged_with(extract_facts("she is 6 weeks old"))
    assert merged.temperature_c == 38.2 and merged.age_years == pytest.approx(6 / 52, abs=0.01) and merged.infant
    assert Facts().merged_with(extract_facts("getting worse")).worsening


@pytest.mark.parametrize("text, temperature", [
    ("she had a temperature of 38.6 on Monday but it's back to normal now", None),
    ("38.4 on the first day, it has come down since", None),
    ("开始烧到38.5，现在正常了", None),
    ("第一天39度，后来退了", None),
    ("temperature 38.6 since this morning", 38.6),
    ("体温38.3，吃了退烧药还没降下来", 38.3),
    ("his temperature was 38.9 this morning and it hasn't come down", 38.9),
    ("the thermometer says thirty-nine point two", 39.2), ("her temperature was a hundred and one", 38.3),
    ("temperature fine, thirty-eight minutes in the bath", None),
])
def test_a_temperature_back_to_normal_is_not_current(text, temperature):
    assert extract_facts(text).temperature_c == temperature


@pytest.mark.parametrize("text, count", [
    ("she swallowed about 25 ibuprofen an hour ago", 25),
    ("I took 16 paracetamol last night", 16),
    ("took 2 paracetamol for my headache", 2),
])
def test_pills_counted_by_medicine_name(text, count):
    assert extract_facts(text).pills_taken == count


@pytest.mark.parametrize("text, days", [
    ("我一年会长两三次口腔溃疡，这次是昨天开始的", 1.0),
    ("布洛芬一天三次，已经吃了两天", 2.0),
    ("咳嗽三天了", 3.0),
])
def test_a_frequency_is_not_a_duration(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, age", [("I'm calling about my mum, who's 78 and has a chest infection", 78.0),
                                       ("my grandad (he is 91) has been sick twice", 91.0),
                                       ("she's 30 weeks pregnant with a cold", None)])
def test_an_age_said_of_the_person_described(text, age):
    from agents.medical_triage.facts import extract_facts

    assert extract_facts(text).age_years == age


@pytest.mark.parametrize("text, pregnant", [
    # the "not" of a new verb after the weeks denies that verb, not the pregnancy
    ("34 wks pregnant f 30 havent had any kicks since breakfast", True),
    ("29 weeks pregnant m partner says she hasnt been sick", True),
    ("i am not pregnant", False),
    ("not pregnant, have not had a period for two months", False),
])
def test_a_pregnancy_is_not_denied_by_the_not_of_the_next_verb(text, pregnant):
    assert extract_facts(text).pregnant is pregnant


def test_a_negative_pregnancy_test_is_not_a_pregnancy():
    assert extract_facts("spotting for a week, two pregnancy tests negative").pregnant is False
    assert extract_facts("pregnancy test positive, spotting today").pregnant is True


@pytest.mark.parametrize("text, days", [
    ("我女儿两岁三个月，咳嗽五天了", 5.0),
    ("baby mia 4 months has dry patches on her cheeks", None),
    ("咳了三个来礼拜了", 21.0),
    ("十来天了一直头晕", 10.0),
    ("my blood pressure was fine when the nurse checked it two weeks ago", None),
    ("上周体检的时候血糖正常，今天早上开始头疼", 0.3),
    ("the rash started two weeks ago", 14.0),
    ("my blood pressure was fine at my check two months ago", None),
    ("眼睛红了。两个月前体检血压也正常", None),
    ("两个月前开始腰疼", 60.0),
    # years since something was last done, and a month of preparing for an event, are no duration
    ("十多年没穿过旱冰鞋了，昨天摔了一跤，尾巴骨疼", 1.0),
    ("这一个月筹备搬家累坏了，今天早上嘴唇起了水泡", 0.3),
    ("her bottom is red; we changed to a cheaper brand of wipes last week", None),
    # a pet adopted dates the adoption, not the complaint
    ("we adopted a rescue dog last week and the kids love him. he has had a cough since yesterday", 1.0),
    # "5个月宝宝" is a five-month-old baby, not five months of the complaint
    ("这两天天热，5个月宝宝背上起了小红点", 2.0),
    ("8个月孩子今天开始拉肚子", 0.3),
    # years in a job told by what is done in it, and a release from prison, date no complaint
    ("I've been driving buses for twelve years and my ankle has been sore for four days", 4.0),
    ("在小区看门十几年了，这三天腰疼", 3.0),
    ("I was released two months ago; a rash on my arm for four days", 4.0),
    ("半年前刚出狱，这五天一直咳嗽", 5.0),
    # a decade is no duration: "穿了一身三十年代的衣服"
    ("穿了一身三十年代的衣服去逛街，这两天脚后跟磨破了", 2.0),
    # a stay somewhere is no duration, a lump had "here" is
    ("I'm over here for six weeks picking fruit and my ankle has hurt for two days", 2.0),
    ("I've had this lump here for a month", 30.0),
])
def test_ages_events_and_approximate_durations(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, age", [("baby mia 4 months has dry patches on her cheeks", 4 / 12),
                                       ("he was born in the spring, so he's about six weeks now", 6 / 52),
                                       ("she's about 30 weeks pregnant and has a cold", None),
                                       ("my son, he's nine months, keeps pulling his ear", 9 / 12),
                                       ("nose running, shes 5 months, feeding ok", 5 / 12), ("豆豆8个月，流鼻涕", 8 / 12),
                                       ("she's eighty-one and has fallen", 81.0), ("she's fifteen months, teething", 15 / 12),
                                       ("she's six months into her chemo", None)])
def test_a_babys_age_without_old(text, age):
    found = extract_facts(text).age_years
    assert (found is None and age is None) or found == pytest.approx(age, abs=0.01)


def test_a_thermometer_reading_far_from_the_word_temperature():
    text = "I borrowed the forehead thermometer from next door and after a minute it read 38.7"
    assert extract_facts(text).temperature_c == 38.7


def test_a_temperature_back_to_normal_is_no_fever():
    from agents.medical_triage.facts import temperature_back_to_normal

    assert temperature_back_to_normal("a temperature of 38.1 on Monday but it has been normal since")
    assert not temperature_back_to_normal("a temperature of 38.1 since Monday")


@pytest.mark.parametrize("text, gone", [
    ("头两天有点发烧，后面就没烧过", True),
    ("had a temperature on monday, no fever since", True),
    ("the fever has gone but the cough is still there", True),
    ("发烧，后来就没烧了，昨天又烧起来", False),
    ("fever for three days now", False),
])
def test_a_fever_told_with_its_end_is_no_fever_now(text, gone):
    from agents.medical_triage.facts import fever_gone
    from agents.medical_triage.rules import has_fever

    assert fever_gone(text) is gone
    assert has_fever(text, extract_facts(text)) is not gone


@pytest.mark.parametrize("text, age", [("he's nineteen months old", 19 / 12), ("she is sixty-nine years old", 69.0),
                                       ("twenty-two months old and teething", 22 / 12), ("i am one of three sisters", None)])
def test_ages_in_words(text, age):
    found = extract_facts(text).age_years
    assert (found is None and age is None) or found == pytest.approx(age, abs=0.01)


@pytest.mark.parametrize("text, pills", [("她说大概十六到二十片吧", 20), ("took 16 to 20 tablets last night", 20),
                                         ("一天两到三片", 3)])
def test_a_range_of_tablets_counts_its_upper_end(text, pills):
    assert extract_facts(text).pills_taken == pills


@pytest.mark.parametrize("text, days", [("started metformin last month and had loose poo since", 30.0),
                                        ("my friend had a heart attack last month, I have a cold", None),
                                        ("失眠仨月了，白天没精神", 90.0), ("六月开始就这样", None),
                                        ("邻居家孩子上个月得过水痘", None), ("她外婆前几年长过肿瘤", None),
                                        ("exams in three weeks, headaches since yesterday", 1.0), ("还有两周考试，头疼", None)])
def test_last_month_dates_a_start_not_someone_elses_event(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, days", [("看到个新闻，说有个人咳嗽咳了十年", None), ("口腔溃疡一个月差不多犯两次", None),
                                        ("someone online had the same cough for six months", None),
                                        ("口腔溃疡一个月了", 30.0)])
def test_a_stranger_s_story_and_how_often_are_not_how_long(text, days):
    assert extract_facts(text).duration_days == days


def test_newborn_words_count_only_when_asserted():
    assert not extract_facts("听说这种病毒会传染给新生儿，我姐下周生").infant
    assert extract_facts("新生儿，出生第五天，吃奶少").infant


@pytest.mark.parametrize("text", ["the patch on my leg is bigger now even with the cream", "涂了药膏反而变大了"])
def test_growing_despite_treatment_is_worsening(text):
    assert extract_facts(text).worsening


def test_been_there_a_month_is_a_duration():
    assert extract_facts("a lump under my arm, been there a month, not sore").duration_days == 30.0


def test_a_whole_number_after_i_am_is_an_age_not_a_temperature():
    assert extract_facts("no fever or chills. I'm forty, otherwise fit").temperature_c is None
    assert extract_facts("she has a fever, she's 39.4 now").temperature_c == 39.4


@pytest.mark.parametrize("text", ["her brother had the same bug and it lasted five days; she started being sick today",
                                  "他表哥前阵子也这样，五天就好了，他今天刚开始吐"])
def test_a_course_that_is_over_is_not_how_long_this_has_lasted(text):
    assert extract_facts(text).duration_days is None or extract_facts(text).duration_days < 1


def test_a_child_s_stated_age_outweighs_an_older_relative_named_in_passing():
    facts = extract_facts("it's my daughter, she's six and has a temperature of 38, her grandma thinks it's her ears")
    assert facts.child and not facts.elderly
    assert extract_facts("my grandad has a temperature of 38").elderly


@pytest.mark.parametrize("text, age", [("我家豆豆十个月了，这两天咳嗽", 10 / 12), ("我爷八十二了，这两天咳嗽", 82.0),
                                       ("俺奶九十了，腿肿", 90.0)])
def test_ages_said_after_a_pet_name_or_a_short_kin_word(text, age):
    facts = extract_facts(text)
    assert facts.age_years == pytest.approx(age, abs=0.01)
    assert facts.duration_days is None or facts.duration_days < 30


def test_a_husband_coughing_for_months_is_a_duration_not_an_age():
    facts = extract_facts("我家老公咳了两个月了")
    assert facts.age_years is None and facts.duration_days == 60.0


@pytest.mark.parametrize("text", ["my knee did this about eight years ago and it settled down in three weeks; it went this morning",
                                  "五六年前也扭过一回，养了三个礼拜慢慢好了，今天早上又扭了",
                                  "I've been revising for weeks. Since this morning my gums are sore"])
def test_an_old_episode_its_recovery_and_a_busy_spell_are_not_how_long_this_has_lasted(text):
    assert extract_facts(text).duration_days == 0.3


def test_a_tablet_count_given_later_in_the_sentence_of_taking_them():
    assert extract_facts("he took three packets of ibuprofen, so 48 tablets, an hour ago").pills_taken == 48
    assert extract_facts("there are 28 tablets left in the box").pills_taken is None


@pytest.mark.parametrize("text, days", [("she's had a temperature since Saturday, so today is day four", 4.0),
                                        ("发烧今天已经是第六天了", 6.0),
                                        ("a bug is going round his nursery, the others were off for a week. He's had "
                                         "a cough since this morning", 0.3),
                                        ("for six weeks my thoughts have been going round and round at night", 42.0),
                                        ("my knee clicks, I'm seeing the physio in 2 weeks, it started yesterday", 1.0),
                                        ("他们班好几个孩子都病了，一个礼拜才好。他今天早上开始咳", 0.3)])
def test_day_counts_and_what_is_going_round_others_or_booked_for_later(text, days):
    assert extract_facts(text).duration_days == days


def test_day_counts_of_a_period_or_a_course_are_not_the_complaint():
    assert extract_facts("this is day 2 of my period and I have a headache").duration_days is None
    assert extract_facts("二年级的孩子，今天有点咳").duration_days == 0.3  # 二年级 is a school year


@pytest.mark.parametrize("text, age", [("喂，是我家老邵，八十一了，摔了一跤", 81.0), ("我爱人，52了，胸口闷", 52.0),
                                       ("my little girl is 3 and has a rash", 3.0)])
def test_an_age_said_alone_after_who_the_person_is(text, age):
    assert extract_facts(text).age_years == age


def test_a_reading_after_up_to_and_a_little_boy_is_a_child():
    facts = extract_facts("my little boy has had a fever since Sunday, so it's day four now, up to 39.8")
    assert facts.temperature_c == 39.8 and facts.child


@pytest.mark.parametrize("text, age, days", [("米粒四个月，吃完奶总吐一口", 4 / 12, None), ("咳嗽三个月了，还没好", None, 90.0),
                                             ("小糖豆9个月，红屁股了", 9 / 12, None), ("小便疼3个月了", None, 90.0),
                                             ("小腿疼3个月，走路多了更疼", None, 90.0)])
def test_a_pet_name_opening_a_message_before_months_is_an_age_a_symptom_is_not(text, age, days):
    facts = extract_facts(text)
    assert (facts.age_years is None if age is None else abs(facts.age_years - age) < 0.01) and facts.duration_days == days


@pytest.mark.parametrize("text, days", [("my first gym session in about eight years on Monday, now my thighs ache", None),
                                        ("快五年没锻炼了，周末爬了趟山，腿酸", None), ("三天没大便了", 3.0)])
def test_how_long_since_an_activity_is_not_how_long_the_complaint(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, age", [("My uncle Tomasz is seventy-two and fell", 72.0), ("my gran is ninety-one", 91.0),
                                       ("my son really is 5 minutes away", None)])
def test_an_age_said_of_a_relative_with_a_name_between_and_in_words(text, age):
    assert extract_facts(text).age_years == age


def test_a_blood_pressure_after_a_longer_lead_in_and_an_age_that_looks_like_a_temperature():
    facts = extract_facts("the bp monitor at home reads 210/125 this morning")
    assert (facts.systolic, facts.diastolic) == (210, 125)
    assert extract_facts("no fever, not lost weight. 47. worried it's not a bug").temperature_c is None
    assert extract_facts("temp 102 since lunch").temperature_c == 38.9


@pytest.mark.parametrize("text, weeks", [("baby eliza is 6 wks and sneezes a lot", 6), ("我家豆芽六周 老打喷嚏", 6),
                                         ("外孙才五个礼拜大，有点发热", 5), ("小家伙三个星期大，老吐奶", 3)])
def test_a_baby_s_age_in_weeks_after_a_name_is_an_age_not_a_duration(text, weeks):
    facts = extract_facts(text)
    assert abs(facts.age_years - weeks / 52) < 0.01 and facts.duration_days is None


@pytest.mark.parametrize("text, weeks, days", [("女儿八周 肚脐鼓个包", 8, None), ("baby girl 7 wks, sticky eye", 7, None),
                                               ("宝宝40周加3天出生的 现在一周大 脱皮", 1, None)])
def test_a_baby_s_age_in_weeks_and_the_pregnancy_at_birth_are_no_duration(text, weeks, days):
    facts = extract_facts(text)
    assert abs(facts.age_years - weeks / 52) < 0.01 and facts.duration_days == days


def test_years_in_a_job_are_not_how_long_the_complaint_has_lasted():
    assert extract_facts("他干了三十年瓦工，手上这个口子两个礼拜了").duration_days == 14.0


@pytest.mark.parametrize("text, infant", [
    ("我怀孕24周，产检都正常，宝宝长得挺好，就是鼻子堵", False),
    ("32 weeks pregnant, the baby is kicking fine, I just have a cold", False),
    ("pregnant again and my newborn has a temperature", True),
    ("baby is 3 weeks old and not feeding", True),
])
def test_a_pregnant_woman_s_baby_is_the_one_she_carries(text, infant):
    assert extract_facts(text).infant is infant


@pytest.mark.parametrize("text, age, days", [
    ("I've got a wedding to go to in two weeks and a sore eyelid since yesterday", None, 1.0),
    ("appointment in a month's time, cough for 5 days", None, 5.0),
    ("lost half a stone in two months without trying", None, 60.0),
    ("pharmacy creams have done nothing in 3 months", None, 90.0),
    ("we fly out to spain in three days and my ear is blocked since yesterday", None, 1.0),
    ("两个礼拜后我要去参加婚礼，昨天眼皮上长了个包", None, 1.0),
    ("我怀二胎九周了，孕吐厉害，建档要到两周以后。家里还有个两岁的要带", None, None),
    ("我儿子两岁，咳嗽三天", 2.0, 3.0),
])
def test_a_date_still_to_come_and_another_child_at_home_are_not_the_complaint(text, age, days):
    facts = extract_facts(text)
    assert (facts.age_years, facts.duration_days) == (age, days)


@pytest.mark.parametrize("text, age, pregnant, days", [
    ("found him in his chair, heating off, cold to touch, hes 91", 91.0, False, None),
    ("she's thirty-four weeks with her first and the baby has been quiet since this morning", None, True, 0.3),
    ("我老婆怀二胎，现在三十四周了，今天早上开始没怎么动", None, True, 0.3),
])
def test_an_age_typed_without_apostrophe_and_the_weeks_of_a_pregnancy(text, age, pregnant, days):
    facts = extract_facts(text)
    assert (facts.age_years, facts.pregnant, facts.duration_days) == (age, pregnant, days)


def test_a_verb_with_le_before_months_is_no_baby_s_name():
    facts = extract_facts("阳了三个月了 还是闻不到味儿")
    assert (facts.age_years, facts.infant, facts.duration_days) == (None, False, 90.0)


@pytest.mark.parametrize("text, age", [("I'm twenty-three. A hard lump on my sole", 23.0), ("im 40, normally healthy", 40.0),
                                       ("我今年二十三。脚底长了个疙瘩", 23.0), ("今年四十了，平时身体挺好", 40.0),
                                       ("I'm nine months pregnant", None), ("今年第二次发作", None)])
def test_ones_own_age_said_in_words_or_after_this_year(text, age):
    assert extract_facts(text).age_years == age


@pytest.mark.parametrize("text, pregnant", [
    ("I've had diarrhoea all night. My partner is pregnant and I'm worried about giving it to her.", False),
    ("我拉了一晚上肚子。我老婆怀着孕，怕传给她。", False),
    ("my wife is pregnant and bleeding", True),
    ("im pregnant n my toddler has chickenpox, could he pass it to me?", True),
    ("我怀孕了，孩子得了水痘，会不会传给我", True),
])
def test_a_pregnant_person_the_patient_might_infect_is_not_the_patient(text, pregnant):
    assert extract_facts(text).pregnant is pregnant


@pytest.mark.parametrize("text, days", [
    ("For about two months I've been getting these episodes. They last about ten minutes and then settle.", [60.0]),
    ("差不多两个月了，时不时会突然心跳得特别猛，一般十来分钟就过去了", [60.0]),
    ("We've got a tournament in three weeks and my ankle is sore since Saturday", []),
    ("the pain lasted for three days", [3.0]),
])
def test_how_long_each_episode_lasts_and_an_event_to_come_are_not_how_long(text, days):
    from agents.medical_triage.facts import durations

    assert sorted(set(durations(text, numeric_only=True))) == days


@pytest.mark.parametrize("text, days", [("我嘴唇上起火泡了，昨天开始的。我姐家小外甥才几个月，老让我抱", 1.0),
                                        ("我今天早上开始拉肚子。我儿子上礼拜从幼儿园带回来的", 0.3),
                                        # the party where the bug went round, unless the illness began there
                                        ("上周六同学聚会，好几个人中招了。我昨天开始吐的", 1.0),
                                        ("上周六同学聚会完就开始吐", 7.0),
                                        # how many others have caught it, and since when, dates their illness
                                        ("孩子昨天开始发烧。老师说这三个礼拜有五个小朋友都得了水痘", 1.0)])
def test_a_nephew_s_age_and_the_week_a_child_brought_the_bug_home_are_not_how_long(text, days):
    assert extract_facts(text).duration_days == days


def test_breathless_going_up_to_the_loft_is_on_exertion():
    from agents.medical_triage.evidence import qualifiers_of

    assert "exertional" in qualifiers_of("i'm knackered though, and breathless going up to the loft")


@pytest.mark.parametrize("text, age, pregnant, days", [
    ("ruby is 2 n got into nanas blood pressure tablets", 2.0, False, None),
    ("temp is 38 and rising", None, False, None),
    ("babys bum is red n sore from nappy rash, 8 months, no spots anywhere else", 8 / 12, False, None),
    ("测了验孕棒，两道杠，末次月经大概是六个半礼拜以前。今天早上开始右边小肚子刺痛", None, True, 0.3),
    ("She started her periods about two years ago and gets bad cramps on day one", None, False, None),
])
def test_a_name_before_a_bare_age_a_positive_test_and_when_periods_started(text, age, pregnant, days):
    facts = extract_facts(text)
    assert (facts.age_years if facts.age_years is None else round(facts.age_years, 3),
            facts.pregnant, facts.duration_days) == (age if age is None else round(age, 3), pregnant, days)


@pytest.mark.parametrize("text, temperature, age", [("my 7 wk old is 38.4 under the arm, bit grizzly", 38.4, 7 / 52),
                                                    ("宝宝才7周，腋温38.4，有点闹", 38.4, 7 / 52),
                                                    ("she is 38.4 and floppy", 38.4, None),
                                                    ("my bmi is 38.5 and my knee hurts", None, None)])
def test_a_reading_in_the_armpit_or_with_no_word_for_it_is_a_temperature_not_an_age(text, temperature, age):
    facts = extract_facts(text)
    assert facts.temperature_c == temperature
    assert (facts.age_years is None and age is None) or round(facts.age_years, 3) == round(age, 3)


@pytest.mark.parametrize("text, age, pregnant, days", [
    ("我三十一岁，怀的双胞胎，现在二十九周，右手半夜麻醒三个礼拜了", 31.0, True, 21.0),
    ("医生开了补铁的药，这两天大便黑绿黑绿的", None, False, 2.0),
    ("宝宝才十天大，大便黑", 10 / 365, False, None),
])
def test_twins_are_a_pregnancy_and_two_days_before_a_stool_are_no_age(text, age, pregnant, days):
    facts = extract_facts(text)
    assert (facts.age_years if facts.age_years is None else round(facts.age_years, 3),
            facts.pregnant, facts.duration_days) == (age if age is None else round(age, 3), pregnant, days)


def test_a_letter_home_last_week_dates_the_outbreak_not_the_illness():
    text = ("since yesterday he's had a slight temperature and spots on his hands. nursery sent a letter last week "
            "saying there's hand, foot and mouth going round")
    assert extract_facts(text).duration_days == 1.0


def test_a_run_to_come_is_no_duration():
    assert extract_facts("went over on my ankle on saturday, i'm doing a charity 5k in six weeks").duration_days is None


@pytest.mark.parametrize("text, age, pregnant, child", [
    ("你好，我三十八。我闺女礼拜一从学校带回来肠胃病毒，她一天就好了，现在轮到我了", 38.0, False, False),
    ("你好，我三十一，二胎，现在三十周，宝宝在肚子里踢得欢", 31.0, True, False),
    ("我三十周了，宝宝不怎么动", None, True, False),
    ("我三周前开始咳嗽", None, False, False),
])
def test_one_s_own_bare_age_weeks_of_a_second_pregnancy_and_a_bug_passed_on(text, age, pregnant, child):
    facts = extract_facts(text)
    assert (facts.age_years, facts.pregnant, facts.child) == (age, pregnant, child)


def test_a_colleague_who_had_the_same_last_week_dates_their_illness():
    text = "since tuesday i've had a sore throat. my colleague priya had exactly the same last week"
    assert extract_facts(text).duration_days is None


def test_weeks_before_a_stool_are_how_long():
    assert extract_facts("我六十六。这七八个礼拜大便一直不对劲").duration_days == 56.0


@pytest.mark.parametrize("text, age", [("blood in my pee this morning, no pain, 63m, feel fine", 63.0),
                                       ("32f flew back from bangkok on saturday", 32.0),
                                       ("(45f) lump in my breast", 45.0),
                                       ("walked 10m and got breathless", None),
                                       ("30m ago took 2 pills", None)])
def test_age_and_sex_in_chat_shorthand(text, age):
    assert extract_facts(text).age_years == age


@pytest.mark.parametrize("text, pregnant", [("bloated most days, to the point i look pregnant by the evening", False),
                                            ("到晚上肚子鼓得跟怀孕似的", False),
                                            ("i'm pregnant and bloated", True),
                                            ("像是怀孕了，验孕棒两道杠", True)])
def test_a_pregnancy_as_a_comparison_is_no_pregnancy(text, pregnant):
    assert extract_facts(text).pregnant is pregnant


def test_a_child_s_months_after_a_comma_are_an_age_and_a_blood_pressure_check_dates_no_complaint():
    facts = extract_facts("我想问问我闺女糖糖，七个月了。这三四天老是哼哼唧唧的")
    assert (facts.age_years, facts.duration_days) == (0.583, 4.0)
    assert extract_facts("眼白上一大片红的，一个月前在药店量的血压，正常").duration_days is None
    assert extract_facts("我儿子小名叫石头，十个月。前两天开始拉稀").age_years == 0.833


@pytest.mark.parametrize("text, age", [("71, sudden awful pain in my tummy", 71.0), ("mum 80 had a uti", 80.0),
                                       ("38, fever since yesterday", None), ("3, 4 times a day", None)])
def test_a_bare_age_opening_a_message_and_an_unprefixed_relative_s_age(text, age):
    assert extract_facts(text).age_years == age


def test_tablets_counted_in_words_and_awful_pain_is_severe():
    assert extract_facts("I took twenty paracetamol, the five-hundred ones").pills_taken == 20
    assert extract_facts("sudden awful pain in my tummy").severity == "severe"


@pytest.mark.parametrize("text, sex", [
    ("stinging when i wee since yesterday, not pregnant, 26f", "female"),
    ("I'm a 35-year-old woman and it burns when I pass water", "female"),
    ("my period finished last week and now it stings when I pee", "female"),
    ("没怀孕，从昨天开始小便刺痛", "female"),
    ("女，33岁，尿频尿急", "female"),
    ("50m, burning when i pee for 2 days", "male"),
    ("I'm a 52 year old bloke, peeing every hour", "male"),
    ("我是男的，38岁，尿尿火辣辣的", "male"),
    ("stinging when i pee, my boyfriend says go to a&e", None),
    ("我闺女8岁，最近又开始尿床", None),
    ("我儿子女朋友说他尿尿疼", None),
    ("not pregnant, 40m", None),
])
def test_the_patients_sex_only_where_the_message_says_it(text, sex):
    assert extract_facts(text).sex == sex


@pytest.mark.parametrize("text, days", [
    ("两天前嘴里长了个溃疡，八年前就戒烟了", 2.0),
    ("I gave up smoking three years ago; this cough started 4 days ago", 4.0),
    ("前天开始眼睛红，我同事一个月前也是这样", 2.0),
    ("diarrhoea since yesterday, my colleague Ross, who sits next to me, had the same last week", 1.0),
    ("昨天开始拉肚子，坐我旁边的同事老陈上礼拜也这样", 1.0),
])
def test_a_habit_given_up_and_someone_elses_earlier_spell_are_not_how_long(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, key, value", [
    ("今早量了三十七度五。我表姐说她女儿出牙的时候烧到三十九度", "temperature_c", 37.5),
    ("my friend said her little one hit 39.6 teething. his is 37.5", "temperature_c", 37.5),
    ("lump in my neck 4 wks, no sore throat, 41", "heart_rate", None),
    ("hr 128 on my watch", "heart_rate", 128),
])
def test_a_friends_childs_reading_and_the_hr_inside_throat_are_not_the_patients(text, key, value):
    assert getattr(extract_facts(text), key) == value


@pytest.mark.parametrize("text, temperature", [
    ("感冒五天了，不发烧，喘气正常，44岁", None),
    ("不发烧，41岁，嗓子疼", None),
    ("烧了3天，39.2度", 39.2),
    ("发烧三十九度五", 39.5),
])
def test_an_age_after_a_fever_word_is_no_reading(text, temperature):
    assert extract_facts(text).temperature_c == temperature


@pytest.mark.parametrize("text, duration", [
    # how long a couple has been together, or a run of weekends, is no duration of the complaint
    ("itchy and sore down below since yesterday, I've been with my partner for three years", 1.0),
    ("下面痒，昨天开始的，我跟对象在一起三年了", 1.0),
    ("连着两个周末搬家，这五天右手腕疼", 5.0),
])
def test_a_relationship_or_a_run_of_weekends_is_no_duration(text, duration):
    assert extract_facts(text).duration_days == duration


def test_a_young_child_is_neither_the_one_who_is_pregnant_nor_a_baby_at_two():
    facts = extract_facts("my son is three, he has a fever of 38.4; my wife is 20 weeks pregnant and worried about the baby")
    assert not facts.pregnant and not facts.infant and facts.child
    assert extract_facts("I'm 20 weeks pregnant and have a fever of 38.4").pregnant


def test_a_pregnant_mother_who_gives_her_toddler_s_age_is_still_pregnant():
    facts = extract_facts("我现在怀孕三十三周，小肚子突然疼起来，家里就我和两岁的大宝")
    assert facts.pregnant


def test_a_relative_s_wound_that_took_months_to_heal_is_no_duration():
    assert extract_facts("脚后跟磨了个水泡，我爸以前脚上磨破了烂了好几个月才长好").duration_days is None


@pytest.mark.parametrize("text, age", [
    ("our daughter is three and a half weeks old and her eye waters", 3.5 / 52),
    ("my son is 2 and a half years old, fever since last night", 2.5),
    ("I'm sixty-two and my wee was pink twice", 62.0),
])
def test_an_age_with_a_half_is_read_in_its_own_unit(text, age):
    assert extract_facts(text).age_years == pytest.approx(age, abs=0.01)


def test_a_negative_pregnancy_test_is_no_pregnancy():
    assert not extract_facts("bleeding on and off since the implant, I did a pregnancy test last week and it was negative").pregnant
    assert not extract_facts("出血乱了，上礼拜测了验孕棒，一道杠").pregnant
    assert extract_facts("I did a pregnancy test last week and it was positive, now I'm bleeding").pregnant


def test_a_grown_up_called_a_big_baby_is_no_baby():
    facts = extract_facts("my husband is 45, sore after the gym and being a big baby about it")
    assert not facts.infant and not facts.child
    assert extract_facts("my baby is 3 months old and has a rash").infant


def test_an_event_weeks_away_and_the_writer_s_own_relative_set_no_duration():
    assert extract_facts("sprained her wrist an hour ago, she has a trial with the regional squad in four weeks").duration_days \
        == pytest.approx(1 / 24, abs=0.01)
    assert extract_facts("孩子今天下午流鼻血，捏了一会儿就止住了。我自己的爸爸流了好几年鼻血").duration_days < 1
    assert extract_facts("孩子流鼻血流了好几年了").duration_days is not None


@pytest.mark.parametrize("text", [
    "epileptic, no fits for 2 yrs, bad cold since this morning",
    "he hasn't had a seizure for three years and now has a sore knee",
    "my asthma's fine, I haven't needed my blue inhaler for 3 weeks; stubbed my toe last night",
    "有哮喘，好几个礼拜没用过急救喷雾了，昨晚脚趾踢到床腿上了",
    "癫痫两年没发作过了，今天嗓子疼",
])
def test_how_long_since_an_attack_or_a_reliever_is_not_how_long_the_complaint_has_lasted(text):
    days = extract_facts(text).duration_days
    assert days is None or days <= 1


def test_a_constipation_counted_in_days_without_still_has_its_duration():
    assert extract_facts("no poo for 4 days and my tummy is bloated").duration_days == 4.0


@pytest.mark.parametrize("text", [
    "28, epileptic, we're trying for a baby, should I stop my tablets?",
    "有癫痫在吃药，28岁，我跟老公想要孩子了，药要不要停",
    "我老婆9天前生的孩子，今天出血多",
])
def test_a_baby_wished_for_or_just_born_does_not_make_the_patient_a_child(text):
    facts = extract_facts(text)
    assert not facts.infant and not facts.child
    assert extract_facts("my baby has had a cough for 3 days").infant


def test_the_date_of_the_last_chemotherapy_session_is_not_the_complaint_s_duration():
    text = "halfway through chemo, my last session was eight days ago. Dry skin on my hands for a couple of days"
    assert extract_facts(text).duration_days == 2.0


@pytest.mark.parametrize("text, celsius", [
    ("孩子浑身摸着发烫，量了三十九度，精神还行", 39.0),
    ("量了三十八度五，吃了退烧药", 38.5),
    ("外面三十八度，干了一下午活，头晕", None),
    ("洗澡水四十度，泡完有点晕", None),
    # a barbecue (烧烤) is no fever, and forty-odd minutes no reading
    ("我们在院子里烧烤，四十来分钟前被马蜂蛰了", None),
    ("发烧，四十来个钟头了，还在咳", None),
])
def test_a_reading_said_in_chinese_numerals_is_a_temperature_but_the_weather_is_not(text, celsius):
    assert extract_facts(text).temperature_c == celsius


@pytest.mark.parametrize("text, pregnant", [
    ("the kids have a cough and a runny nose, nobody in the house is pregnant", False),
    ("none of us are pregnant, my son has chickenpox", False),
    ("I'm 20 weeks pregnant and nobody at work has had chickenpox", True),
])
def test_a_pregnancy_denied_for_everyone_is_no_pregnancy(text, pregnant):
    assert extract_facts(text).pregnant is pregnant


@pytest.mark.parametrize("text, years", [
    ("闺女安安9个月在长牙，流口水", 0.75),
    ("闺女[NAME]9个月在长牙", 0.75),
    ("宝宝3个月了，吐奶", 0.25),
])
def test_a_baby_s_age_in_months_after_her_name(text, years):
    assert extract_facts(text).age_years == years


def test_months_without_a_period_are_how_long_not_an_age():
    facts = extract_facts("闺女3个月没来月经了")
    assert facts.age_years is None and facts.duration_days == 90.0


def test_the_week_other_children_had_the_bug_does_not_date_this_one():
    text = ("Since yesterday lunchtime he's had runny nappies. A few of the kids at his nursery had the same bug last "
            "week, and his cousin caught the same virus a fortnight ago.")
    assert extract_facts(text).duration_days == 1.0


@pytest.mark.parametrize("text, celsius, age", [
    # the age typed last, on its own after a comma, is no temperature; a number straight after "fever" is one
    ("woke up with a stiff neck, slept funny, no fever, no headache, arms not tingly, 40", None, None),
    ("shivery all day, fever, 39", 39.0, None),
    # a baby's age in months after a lower-case name, not a duration
    ("nappy rash on my little one maisie 7 months, happy n feeding", None, 7 / 12),
])
def test_an_age_typed_last_and_a_baby_s_months_after_her_name(text, celsius, age):
    facts = extract_facts(text)
    assert facts.temperature_c == celsius
    assert facts.age_years == (None if age is None else round(age, 3))


@pytest.mark.parametrize("text, days", [("上周学校里闹诺如，我儿子今天早上开始吐", 0.3),
                                        ("上个月单位流行甲流，我昨天开始发烧", 1.0)])
def test_when_an_outbreak_at_work_or_school_began_is_not_how_long(text, days):
    assert extract_facts(text).duration_days == days


def test_a_spreading_patch_is_worse_but_one_feared_to_spread_is_not():
    assert extract_facts("左边眼白一大片红，不疼，朋友让我早点看，别等它扩散").worsening is False
    assert extract_facts("腿上那片红这两天在扩散").worsening is True


def test_a_teenager_is_no_older_person_because_a_grandparent_is_named():
    facts = extract_facts("my son is seventeen and his grandma thinks it's just growing pains")
    assert facts.age_years == 17.0 and facts.elderly is False
    assert extract_facts("my grandma is 81 and keeps falling").elderly is True
    # a teenager telling of themselves, a grandmother named in passing: no child, no older person either
    facts = extract_facts("你好，我十七岁，一打喷嚏就停不下来。我奶奶说往鼻孔里抹点凡士林就行")
    assert facts.age_years == 17.0 and facts.elderly is False


def test_a_grown_son_is_no_child():
    assert extract_facts("my son is eighteen and just started at university, cough and a runny nose").child is False
    assert extract_facts("my son is 8 and has a cough").child is True


@pytest.mark.parametrize("text, severity", [
    ("当时疼得要命，后来好点了", None),
    ("the pain was excruciating at first but it's settled now, just a bit sore", "mild"),
    ("疼得要命，一直没好", "severe"),
    ("excruciating pain, it is getting worse", "severe"),
])
def test_pain_that_was_terrible_and_has_eased_is_not_severe(text, severity):
    from agents.medical_triage.facts import severity_of

    assert severity_of(text) == severity


@pytest.mark.parametrize("text, days", [
    ("mouth ulcer on my tongue that has not healed in 4 wks", 28.0),
    # how long something took to heal is no duration of what is wrong now
    ("had one like it last year, it healed in 10 days", None),
    # the usual course of attacks that come back: this one started yesterday
    ("cold sore started tingling yesterday, I get them a few times a year and they clear in about ten days", 1.0),
    ("嘴唇上昨天开始起疱疹，一年总要起几回，一般十来天就下去了", 1.0),
    ("cold sore for ten days and not healing", 10.0),
])
def test_not_healed_in_weeks_is_how_long_it_has_lasted(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, severity", [
    ("头一天疼得厉害，吃片止疼药能顶住", None),
    ("the cramps are terrible on day one but ibuprofen keeps it under control", None),
    ("疼得厉害，吃了止疼药也不管用", "severe"),
    ("terrible pain and paracetamol doesn't work", "severe"),
])
def test_pain_that_a_simple_painkiller_holds_is_not_severe(text, severity):
    from agents.medical_triage.facts import severity_of

    assert severity_of(text) == severity


@pytest.mark.parametrize("text, severity", [
    ("当时疼得厉害，可马上就能自己走路", None),
    ("it was terrible at the time, I could walk on it straight after", None),
    ("at the time it was terrible", None),
    ("一开始疼得厉害，外边肿起来一点，后来一直在走动", None),
    ("it was agony at first, now it's a dull ache", None),
    ("脚踝疼得厉害，走不了路", "severe"),
    # a trait, not how bad: "always been terrible on boats"
    ("felt queasy on the ride, I've always been terrible on boats", None),
    ("terrible pain in my side", "severe"),
])
def test_pain_told_only_for_the_moment_it_happened_is_not_severe(text, severity):
    from agents.medical_triage.facts import severity_of

    assert severity_of(text) == severity


@pytest.mark.parametrize("text, severity", [
    # when it is at its worst says when, not how bad
    ("thighs are sore after my first yoga class, worst going downstairs", None),
    ("heel pain, worst first thing in the morning", None),
    ("the worst headache of my life", "severe"),
    ("worst pain I've ever had", "severe"),
])
def test_when_it_is_worst_is_not_how_bad_it_is(text, severity):
    from agents.medical_triage.facts import severity_of

    assert severity_of(text) == severity


@pytest.mark.parametrize("text, age, days", [
    # a baby's age in weeks after a pet name and a comma, not how long anything has lasted
    ("我外孙小名豆豆，刚七个礼拜，今天晚上三十八度三", 7 / 52, None),
    ("闺女朵朵，才五周，鼻子堵", 5 / 52, None),
    ("孩子咳嗽，两周了", None, 14.0),
])
def test_a_baby_s_age_in_weeks_after_a_pet_name(text, age, days):
    facts = extract_facts(text)
    assert (facts.age_years is None) == (age is None)
    if age is not None:
        assert facts.age_years == pytest.approx(age, abs=0.01)
    if days is not None:
        assert facts.duration_days == days


@pytest.mark.parametrize("text, immunosuppressed", [
    ("he has hearing aids he hates wearing", False),
    ("she uses walking aids since the hip", False),
    ("he has HIV and AIDS", True),
])
def test_hearing_aids_are_no_weak_immune_system(text, immunosuppressed):
    assert extract_facts(text).immunosuppressed is immunosuppressed


@pytest.mark.parametrize("text, severity", [
    # 特别疼 says what "really sore" says in English: more than a little, not the unbearable pain a doctor must see
    ("口腔溃疡特别疼，吃辣的更疼", "moderate"),
    ("really sore ulcer inside my cheek", None),
    ("疼得受不了，一晚上没睡", "severe"),
    ("肚子非常疼", "severe"),
])
def test_a_chinese_really_sore_is_moderate_and_unbearable_is_severe(text, severity):
    from agents.medical_triage.facts import severity_of

    assert severity_of(text) == severity


@pytest.mark.parametrize("text, days", [
    ("大便一直挺规律，最近几个月也没啥变化，这六天没怎么解", 6.0),
    ("大便习惯这几个月变了", 90.0),
])
def test_months_with_no_change_are_no_duration(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, temperature", [
    ("blocked nose after a cold, no fever, 41, eyes fine", None),
    ("cough and aches, fever, 39, tired", 39.0),
])
def test_a_whole_number_straight_after_a_fever_denied_is_no_temperature(text, temperature):
    assert extract_facts(text).temperature_c == temperature


def test_how_long_the_heating_has_been_on_is_no_duration():
    assert (extract_facts("暖气烧了好几个礼拜了，孩子鼻子里干得结痂，今天流了鼻血").duration_days or 0) < 1
    assert extract_facts("鼻子干得结痂好几个礼拜了").duration_days == 21.0


def test_since_last_season_is_a_long_duration():
    assert extract_facts("a lump on his nose that's been there since at least last autumn").duration_days >= 60


@pytest.mark.parametrize("text, age", [
    ("7mo keeps screaming in bouts", 7 / 12),
    ("my 5 mo has had d&v since yesterday", 5 / 12),
    ("sore throat for 3 mo ago", None),
])
def test_chat_shorthand_for_a_baby_s_months_is_an_age(text, age):
    found = extract_facts(text).age_years
    assert (found is None) if age is None else found == pytest.approx(age, abs=0.01)


def test_preg_is_a_pregnancy_with_its_weeks():
    from agents.medical_triage.patterns import gestation_weeks

    text = "35 wks preg, bad headache since lunch"
    assert extract_facts(text).pregnant and extract_facts(text).duration_days is None
    assert gestation_weeks(text) == 35.0


@pytest.mark.parametrize("text, temperature", [
    # a lump in the armpit, then the age typed on its own: no reading
    ("pea sized lump in my armpit 3 wks, painless, 40, no cold recently", None),
    ("took it under her arm and it was 38", 38.0),
    ("armpit temp 37.9", 37.9),
])
def test_an_armpit_makes_a_number_a_temperature_only_next_to_it(text, temperature):
    assert extract_facts(text).temperature_c == temperature


@pytest.mark.parametrize("text, days", [
    # starting nursery or a job dates that start, not the illness
    ("She started nursery a month ago and yesterday she went off her food", None),
    ("上个月刚上幼儿园，昨天开始不爱吃饭", 1.0),
    # unless the illness is dated from it
    ("cough since she started nursery 3 weeks ago", 21.0),
])
def test_starting_nursery_or_a_job_is_no_duration_of_the_illness(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, age", [
    ("我妈79，这个月在院子里摔了三回了", 79.0),
    ("奶奶八十二，腿肿", 82.0),
    ("我妈39，发烧", None),
])
def test_an_older_relative_s_age_straight_after_who_they_are(text, age):
    assert extract_facts(text).age_years == age


def test_a_young_adult_s_stated_age_outweighs_a_grandparent_named_in_passing():
    facts = extract_facts("你好，问问我儿子小宇，十九，在外地上大一。他爷爷说就是想家")
    assert facts.age_years == 19.0 and not facts.elderly and not facts.child
    # a son's age in digits that could be a reading is not taken for one
    assert extract_facts("闺女，38，发烧了").age_years is None


@pytest.mark.parametrize("text, pregnant, weeks", [
    # a message that opens with the weeks of a pregnancy
    ("30 wks, bright red bleeding soaking a pad", True, 30.0),
    ("35周，刚破水了，还没开始宫缩", True, 35.0),
    ("3 wks, cough and a sore throat", False, None),
    # a baby born on his due date is no pregnancy now
    ("my son is nineteen days old and he was born on his due date", False, None),
])
def test_a_message_opening_with_the_weeks_is_a_pregnancy(text, pregnant, weeks):
    from agents.medical_triage.patterns import gestation_weeks

    facts = extract_facts(text)
    assert facts.pregnant is pregnant and gestation_weeks(text) == weeks
    assert facts.duration_days is None or not pregnant


@pytest.mark.parametrize("text, days", [
    ("my son is nineteen days old", 19),
    ("我儿子生下来十九天了", 19),
    ("外孙18个月在抽，已经6分钟了", 548),
])
def test_a_baby_s_age_in_days_in_words_and_months_before_what_is_happening(text, days):
    assert extract_facts(text).age_years == pytest.approx(days / 365, abs=0.02)


def test_how_long_a_school_has_been_shut_is_no_duration_of_the_illness():
    text = "School's been shut for a week because so many kids were off with flu, and now he has a sore throat since yesterday"
    assert extract_facts(text).duration_days == 1.0


@pytest.mark.parametrize("text, age, child_words", [
    ("2wk baby keeps sneezing after feeds, no temp", 2 / 52, True),
    ("my 6 week son has a blocked nose", 6 / 52, True),
    ("8个月闺女从沙发上滑下来了，哭了一下就好了", 8 / 12, True),
    ("3个月的宝宝鼻子不通气", 3 / 12, True),
])
def test_a_baby_s_age_before_the_baby_is_an_age_not_a_duration(text, age, child_words):
    facts = extract_facts(text)
    assert facts.age_years == pytest.approx(age, abs=0.01) and facts.duration_days is None
    assert facts.child is child_words


@pytest.mark.parametrize("text", ["这3个月孩子一直咳", "咳了3个月孩子都瘦了", "for 3 weeks baby has had a rash"])
def test_months_before_a_child_after_this_or_a_verb_are_how_long_not_an_age(text):
    assert extract_facts(text).age_years is None


@pytest.mark.parametrize("text, days", [
    # the clause that says when it began outweighs a longer date given to something else
    ("从今天凌晨开始拉肚子，拉了六回。上礼拜二吃了食堂的咖喱饭，同事也请病假了。", 0.3),
    ("我一礼拜帮着带三天外孙女，从周末开始起了红疹子", 2.0),
    ("上礼拜就开始咳嗽，今天又发烧了", 7.0),
])
def test_the_clause_that_says_when_it_began_dates_the_complaint(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, age", [
    ("问问我儿子小磊，十六了，有癫痫，他奶奶说要泡脚", 16.0),
    ("我女儿十九了，脸上长痘", 19.0),
])
def test_a_son_s_or_daughter_s_age_closed_by_le(text, age):
    facts = extract_facts(text)
    assert facts.age_years == age and not facts.elderly


def test_a_week_of_nights_beside_someone_dates_the_caring_not_the_complaint():
    text = "我爸晚上老起来，这一个礼拜我都在他屋里沙发椅上窝着打盹。今早醒来脖子又僵又疼"
    assert extract_facts(text).duration_days == 0.3


@pytest.mark.parametrize("text, worsening", [
    ("itching for three weeks, much worse at night when I'm warm in bed", False),
    ("the itch is much worse than last week", True),
])
def test_worse_at_night_is_when_not_getting_worse(text, worsening):
    assert extract_facts(text).worsening is worsening


def test_a_newborn_s_weeks_after_a_name_are_an_age():
    facts = extract_facts("newborn mia 3wks gets hiccups after every feed")
    assert facts.age_years == pytest.approx(3 / 52, abs=0.005) and facts.duration_days is None


@pytest.mark.parametrize("text, days", [
    # someone else's past episode, told once and then told on: the rest of the sentence is theirs
    ("flew back last night and my ear is blocked. My colleague said her eardrum burst once on a plane and she was deaf "
     "for weeks", 1.0),
    ("昨晚坐飞机回来耳朵堵了。我同事说她有一回坐飞机把耳膜震破了，聋了好几个礼拜", 1.0),
    # since giving up, and how often, are not how long
    ("七个礼拜了，左边鼻子堵。我抽过二十年烟，戒了十年了", 49.0),
    ("鼻子堵着，隔几天擤出来带点血丝", None),
    ("the rash came out this afternoon", 0.3),
    # someone else's time off work, told in a clause of its own
    ("my back went this morning and I'm scared I'll end up like my dad, who was off work for a year", 0.3),
])
def test_someone_s_story_giving_up_and_how_often_are_not_how_long(text, days):
    assert extract_facts(text).duration_days == days


def test_an_age_at_a_time_past_is_not_the_age_now():
    facts = extract_facts("你好，我三十九，心口老是扑腾一下。我爸七十岁那年得过心梗")
    assert facts.age_years == 39.0 and not facts.elderly


@pytest.mark.parametrize("text, pills, pregnant", [
    # a count of tablets in words, or said later in the sentence of taking them; a pregnancy the writer rules out
    ("he took the lot, he reckons about twenty-four tablets", 24, None),
    ("她把止疼药全吃了，说大概二十来片", 20, None),
    ("他吞了两盒头疼药，她估计有三十多片", 30, None),
    ("她把两盒止疼药全吃了，二十多片", 20, None),
    ("heavy periods for months, I can't be pregnant, he's had a vasectomy", None, False),
])
def test_tablets_counted_in_words_and_a_pregnancy_ruled_out(text, pills, pregnant):
    facts = extract_facts(text)
    assert facts.pills_taken == pills
    if pregnant is not None:
        assert facts.pregnant is pregnant


@pytest.mark.parametrize("text, days", [
    # how long since a birth or an operation is not how long the complaint has lasted, unless it is "still" there
    ("3 wks after my op, the scar itches", None),
    ("生完孩子三个礼拜，痔疮有点疼", None),
    ("4 wks after the birth and my stitches are still sore", 28.0),
    ("生完四周了，侧切的伤口还疼", 28.0),
])
def test_time_since_a_birth_or_an_operation(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, days", [
    # nights or times in each week are how often; weekdays are no weeks; a stay or years in a job are not how long
    ("一个礼拜有两三个晚上憋醒，嗓子里呼哧呼哧的", None),
    ("my asthma wakes me two or three nights a week", None),
    ("一个礼拜了，晚上憋醒", 7.0),
    ("礼拜六礼拜天扛了两天沙袋，今天浑身酸疼", 2.0),
    ("周六周日都在搬家，腰酸", None),
    ("来这边开会，在宾馆住一个礼拜。昨晚开始拉肚子", 1.0),
    ("在超市当收银员八年了，手腕疼了三天", 3.0),
    ("I've been a cleaner at the school for nine years and my knuckles have cracked", None),
    ("my back has been sore for two years", 730.0),
])
def test_how_often_a_stay_or_a_job_is_not_how_long(text, days):
    assert extract_facts(text).duration_days == days


def test_a_man_told_by_his_own_body():
    assert extract_facts("stinging when I wee, my balls aren't swollen").sex == "male"


@pytest.mark.parametrize("text, days", [
    # leave from work still to come is not how long the complaint has lasted
    ("blisters on my lip since yesterday, my boss says I'll have to be signed off for two weeks", 1.0),
    ("嘴上起疱疹一天了，同事说我得请两个礼拜病假", 1.0),
    ("off sick for a week with this cough", 7.0),
])
def test_leave_still_to_come_is_not_how_long(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, age, days", [
    # a bare age closing a chat message after a comma (not after a reading or a count); months told without "for"
    ("rough patch on my scalp, been there months, bleeds when i brush, 70", 70.0, 30.0),
    ("itchy flaky scalp, no weeping, 31", 31.0, None),
    # a toddler's age in months is no duration
    ("toddler sam 20 months has a red rash in the nappy area", 1.667, None),
    # a move or someone's birth, dated, is not how long the complaint has lasted (unless it is dated from it)
    ("my son moved into his new flat ten days ago, now a sore throat and a runny nose, 24", 24.0, None),
    ("我姐三个礼拜前刚生了孩子，我嘴上起了个疱疹，35岁", 35.0, None),
    ("a cough since she moved into halls 3 weeks ago, 19", 19.0, 21.0),
    ("hurt my back lifting boxes when we moved house three weeks ago, 45", 45.0, 21.0),
    ("temp 39, 40", None, None),
    ("bp 150/90, 60", None, None),
])
def test_an_age_closing_a_message_and_months_told_bare(text, age, days):
    facts = extract_facts(text)
    assert (facts.age_years, facts.duration_days) == (age, days)


@pytest.mark.parametrize("text, key, value", [
    # heartburn is no heart: a bare age after it is no heart rate
    ("ate too much at dinner, heartburn tonight, 35", "heart_rate", None),
    ("heart racing at 130 since lunch", "heart_rate", 130),
    # what someone says should be done for a time is no time the complaint has lasted
    ("spots on his hands since Tuesday, my mum says I shouldn't take him out for a month", "duration_days", None),
    ("sore back since yesterday, my friend says I should lie flat for a week", "duration_days", 1.0),
    ("嘴里溃疡前天开始的，我妈说一个月都别让他出门", "duration_days", 2.0),
    # years as a customer somewhere are the caller's habit, not how long the complaint has lasted
    ("二十年来我都在这家店配眼镜，今天早上眼睛红了", "duration_days", 0.3),
    # "just over three weeks" and "三个多礼拜" are longer than three weeks; "over the last three weeks" is during them
    ("a dry cough for just over three weeks now", "duration_days", 22.0),
    ("干咳三个多礼拜了", "duration_days", 22.0),
    ("my knee has got stiffer over the last three weeks", "duration_days", 21.0),
])
def test_heartburn_advice_for_a_time_and_more_than_some_weeks(text, key, value):
    assert getattr(extract_facts(text), key) == value


@pytest.mark.parametrize("text, days", [
    # what someone wants done for a time is no time the complaint has lasted
    ("spots on his hands two days now, my husband wants me to keep him indoors for two weeks", 2.0),
    ("手上起疹子两天了，他爸说要关在屋里隔离两个礼拜", 2.0),
    # since a month named: a month or more
    ("since about November I've felt low nearly every day", 30.0),
    ("从十一月份开始心情一直不好", 30.0),
    ("since may i have been low", None),
])
def test_wanted_for_a_time_and_since_a_month_named(text, days):
    assert extract_facts(text).duration_days == days


def test_the_first_time_since_a_month_is_no_duration():
    assert extract_facts("my first weekend on the allotment since October, now my back aches").duration_days is None


@pytest.mark.parametrize("text, age, temperature", [
    # a sex then a bare age closes a chat message; heartburn (烧心) is no fever word; a number after a fever denied is no reading
    ("快两个月天天烧心，男40，没瘦", 40.0, None),
    ("脖子落枕了转不过来，不发烧，41", None, None),
    ("孩子发烧，39度", None, 39.0),
    ("体温38.5，男，30", 30.0, 38.5),
])
def test_a_sex_and_an_age_and_a_number_after_no_fever(text, age, temperature):
    facts = extract_facts(text)
    assert (facts.age_years, facts.temperature_c) == (age, temperature)


@pytest.mark.parametrize("text, key, value", [
    # bites none of which is spreading are not getting worse
    ("itchy bites on both ankles, none spreading or hot", "worsening", False),
    ("the redness round the bite is spreading up my leg", "worsening", True),
    # how long an episode usually lasts is not how long this one has; nor is the time since the last one
    ("cold sore on my lip since last night, they always crust over and go in about ten days", "duration_days", 1.0),
    ("今天又流鼻血了，离上回流鼻血差不多两个礼拜了", "duration_days", 0.3),
])
def test_bites_none_spreading_a_usual_course_and_the_time_since_the_last_one(text, key, value):
    assert getattr(extract_facts(text), key) == value


def test_a_spell_of_overtime_is_no_duration():
    # "这半个月…加班加点" is how long the busy spell has lasted; the headache began four days ago
    assert extract_facts("这半个月赶报表加班加点，这三天头疼，脖子发僵").duration_days == 3.0


@pytest.mark.parametrize("text, age", [
    # a caller's name, then their age set off by a comma, in words or digits; not an English word before the number
    ("Evening, I'm Gethin, seventy-four, my back has gone", 74.0),
    ("hi this is Anwen, 68, sudden pain in my side", 68.0),
    ("I'm sorry, 2 days ago I rang about my cough", None),
    ("I'm worried, 39, and shivering", None),
])
def test_a_caller_s_name_then_their_age(text, age):
    assert extract_facts(text).age_years == age


@pytest.mark.parametrize("text, days", [
    # a duration that describes a thing ("一个月的班", a month-long course) is not how long the complaint has lasted;
    # "三天的时间" is
    ("报了个一个月的班，这两天嗓子疼", 2.0),
    ("三天的时间一直在咳", 3.0),
])
def test_a_duration_describing_a_thing(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, age", [
    # the months before a child's pet name or a word for a little one ("4个月的小宝", "6个月的小家伙")
    ("5个月的小宝今天一口奶都不肯吃", 5 / 12),
    ("6个月的小家伙发烧了", 0.5),
])
def test_months_before_a_pet_name_are_an_age(text, age):
    assert extract_facts(text).age_years == pytest.approx(age, abs=0.01)


@pytest.mark.parametrize("text, days", [
    # healed long since ("早好了好几年了") and a week of helping out ("这一礼拜都在…帮忙") are no duration of the complaint
    ("儿子前臂上起了个红圈，有点痒。他婴儿时有过湿疹，早好了好几年了", None),
    ("这一礼拜我都在亲戚的店里帮忙，孩子屁股红了一片", None),
])
def test_a_complaint_healed_long_since_and_a_week_of_helping_out(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, age, temperature", [
    # a chat message's sex then its age ("m 40", "f 19"), opening the message or set off at its end, is an age and
    # never a temperature, even after "no fever"
    ("blocked nose and a cough 2 days, no fever, sleeping ok, m 40", 40.0, None),
    ("f 19 cramps on day one of my period", 19.0, None),
    ("temp 39.4 since lunch, shivery, f 27", 27.0, 39.4),
])
def test_a_sex_then_an_age_in_chat(text, age, temperature):
    facts = extract_facts(text)
    assert (facts.age_years, facts.temperature_c) == (age, temperature)


@pytest.mark.parametrize("text, age, days", [
    # a sex then an age, then the weather ("女70 天冷"), is no seventy days; a pronoun's "才三个月" is a baby's age
    ("女70 天冷了，这两天手背裂口子", 70.0, 2.0),
    ("这三天冷得很，嗓子有点疼", None, None),
    ("咳嗽三天气喘", None, 3.0),
    ("前天抱过小外孙，他才两个月，我今天嘴角起了泡", None, 2.0),
    # a regular medicine and how long it has been taken is no duration of the complaint
    ("on hrt for 3 years, got a cold and a sore throat", None, None),
    ("been taking ramipril for 4 years and now a dry cough for 2 weeks", None, 14.0),
    ("on and off for 3 weeks", None, 21.0),
])
def test_an_age_then_the_weather_and_a_medicine_s_years(text, age, days):
    facts = extract_facts(text)
    assert (facts.age_years, facts.duration_days) == (age, days)


@pytest.mark.parametrize("text, days", [
    # a long wait is not how long the complaint has lasted; "yday" is yesterday
    ("we queued outside for ages on monday. for the last week or so my fingers have been itchy", 7.0),
    ("back aching after digging the garden yday", 1.0),
    # years since a sport was last played, and others who had the same over a fortnight
    ("三十来年没打了，这两个礼拜膝盖一直疼", 14.0),
    ("两天前开始流鼻涕。这半个月办公室好几个人都这样过", 2.0),
])
def test_a_wait_years_off_a_sport_and_others_who_had_it(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, days", [
    # a wound rinsed for a long while, a jab "a few years back" and a year off a sport are no duration of the complaint
    ("rinsed the cut under the cold tap for ages and it's stopped bleeding", None),
    ("had a tetanus jab when I trod on a nail a few years back. my finger has been sore for two days", 2.0),
    # years said of a tetanus jab date the jab ("破伤风针这几年打过")
    ("the cut on my arm has been sore for two days. tetanus jab in the last five years", 2.0),
    ("二十分钟前被蒸汽烫了一下。破伤风针这几年打过", 0.014),
    # years straight before what was worked at are a job ("挤了三十年奶了")
    ("挤了三十年奶了，这七个来礼拜右边肩膀越来越僵", 49.0),
    ("种了四十年地了，膝盖疼了半年", 182.5),
    ("歇了一年，这礼拜重新开始游泳，肩膀酸", None),
    # someone avoided on the pitch is no one else's story: the weeks still date the injury
    ("two weeks ago I swerved to dodge someone and jarred my ankle", 14.0),
    ("somebody at work had a rash like this for three weeks", None),
])
def test_a_rinse_a_jab_years_back_a_break_and_someone_dodged(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, worse", [("口腔溃疡一个礼拜了，越来越小", False), ("伤口越来越好了", False),
                                         ("疹子越来越多", True), ("尿越来越少", True)])
def test_getting_smaller_or_better_is_not_worsening(text, worse):
    assert extract_facts(text).worsening is worse


@pytest.mark.parametrize("text, days", [
    # a course not over: "not getting better after 3 wks of the cream" has lasted three weeks
    ("eczema behind her knees not getting better after 3 wks of the cream", 21.0),
    ("the rash got better after 3 weeks, now it's back since yesterday", 1.0),
    # "好几年没长了": years since a cold sore last came, not how long this one has lasted
    ("嘴唇上起了一簇水泡，以前也长过，好几年没长了", None),
])
def test_a_course_not_over_and_years_without_one(text, days):
    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, days", [
    # time spent making or preparing something is not how long the complaint has lasted
    ("a costume I've spent four months making, and I've woken up with a cold sore", None),
    ("明天要穿我花了四个月做的衣服，嘴上起疱疹了", None),
    ("I've spent three days in bed with this cough", 3.0),
])
def test_time_spent_making_something_is_no_duration(text, days):
    from agents.medical_triage.facts import extract_facts

    assert extract_facts(text).duration_days == days


@pytest.mark.parametrize("text, age", [("hubby rich 30 sore thighs after his first riding lesson", 30.0),
                                       ("bf 24 threw up twice after the fair", 24.0),
                                       ("my wife 30 weeks pregnant, heartburn", None)])
def test_a_partner_named_by_a_chat_word_then_an_age(text, age):
    assert extract_facts(text).age_years == age


@pytest.mark.parametrize("text, days", [
    ("I signed up as a volunteer for two weeks and after three days of digging I ache everywhere", 3.0),
    ("we booked the cottage for a week; the rash started two days ago", 2.0),
])
def test_a_place_signed_up_for_is_not_a_duration(text, days):
    assert extract_facts(text).duration_days == days


def test_a_volunteer_stint_told_in_chinese_is_not_a_duration():
    assert extract_facts("报名当了两个礼拜志愿者，这三天浑身酸疼").duration_days == 3.0


@pytest.mark.parametrize("text, days", [("好多年前有一年冬天也这样过，这回是昨天开始的", 1.0),
                                        ("这毛病有一年了", 365.0)])
def test_one_winter_long_ago_is_not_a_duration(text, days):
    assert extract_facts(text).duration_days == days
