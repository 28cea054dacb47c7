"""ConText assertion status of findings, in English and Chinese: negation (lists, post-posed, contractions,
reassurance), hypotheticals, history, family and other persons, scope terminators."""
from __future__ import annotations

import pytest

from agents.medical_triage.context import assert_span
from agents.medical_triage.text import normalise


def _assertion(text: str, target: str):
    text = normalise(text)
    start = text.index(normalise(target))
    return assert_span(text, start, start + len(normalise(target)))


@pytest.mark.parametrize("text, target, status", [
    # lists of negatives
    ("no hives, no swelling of my lips or throat, no trouble breathing", "trouble breathing", "absent"),
    ("no hives, no swelling of my lips or throat, no trouble breathing", "swelling", "absent"),
    ("no fever, cough or rash", "rash", "absent"),
    ("没有发烧、咳嗽，但是胸口疼", "咳嗽", "absent"),
    ("不发烧，不咳嗽，也没有皮疹", "皮疹", "absent"),
    # post-posed negation and reassurance
    ("my neck isn't stiff", "stiff", "absent"),
    # coordinated findings before a post-posed negation, and "nothing"
    ("her lips and tongue aren't swollen", "lips", "absent"),
    ("her lips and tongue aren't swollen", "tongue", "absent"),
    ("chest pain and it is not getting better", "chest pain", "present"),
    ("nothing pulling in under his ribs", "pulling in", "absent"),
    ("baby keeps vomiting, nothing stays down", "vomiting", "present"),
    ("my stools aren't black", "black", "absent"),
    ("I can breathe fine", "breathe", "absent"),
    ("breathing is normal", "breathing", "absent"),
    ("胸口不疼，呼吸也顺畅", "呼吸", "absent"),
    ("脖子不硬", "硬", "absent"),
    # "it's not like ...": a denial; "not like him": unlike the person, a finding
    ("the cut is small, it's not like it's pouring blood", "pouring blood", "absent"),
    ("he keeps falling asleep in his chair, which is not like him", "falling asleep", "present"),
    # contractions
    ("I haven't vomited blood", "vomited blood", "absent"),
    ("I don't have a fever", "fever", "absent"),
    ("she hasn't had a seizure", "seizure", "absent"),
    # symptoms that look like negations
    ("I can't breathe", "breathe", "present"),
    ("the bleeding won't stop", "bleeding", "present"),
    ("my son is not breathing", "not breathing", "present"),
    ("喘不上气，嘴唇发紫", "喘不上气", "present"),
    ("血止不住", "血", "present"),
    ("she hasn't pooed for four days", "pooed", "present"),
    ("no poo for four days now, tummy soft", "poo", "present"),
    ("since lunch his pee has gone the colour of strong tea", "pee", "present"),
    # scope terminators
    ("no fever, but my chest hurts", "chest hurts", "present"),
    ("no fever, my chest hurts", "chest hurts", "present"),
    ("I haven't got a fever, just a blocked nose and a cough", "cough", "present"),
    ("没有发烧，不过胸口很疼", "胸口很疼", "present"),
    # hypotheticals
    ("if I get chest pain what should I do", "chest pain", "possible"),
    ("what should I watch for in case of a stiff neck", "stiff neck", "possible"),
    ("如果发高烧怎么办", "高烧", "possible"),
    ("万一呼吸困难该去哪里", "呼吸困难", "possible"),
])
def test_status(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, target, status", [
    # a body part negated by the comment after it (topic-comment negation), with 也/都/还 between
    ("呼吸顺畅，嘴唇也不肿", "嘴唇", "absent"),
    ("腰不疼，也没有血尿", "腰", "absent"),
    ("胸口不闷", "胸口", "absent"),
    ("胳膊也不疼", "胳膊", "absent"),
    ("嘴唇和舌头都没肿", "嘴唇", "absent"),
    # a longer list closed by 都 or 也: the first item too
    ("脸、嘴唇、舌头都没肿", "脸", "absent"),
    ("眼睛、嘴唇和舌头也不肿", "眼睛", "absent"),
    ("头疼、发烧、肚子不疼", "头疼", "present"),
    ("舌头都没肿", "舌头", "absent"),
    ("头不晕，眼睛也不花", "头", "absent"),
    # other negation forms
    ("没什么胸痛", "胸痛", "absent"),
    ("不太咳嗽", "咳嗽", "absent"),
    ("从没晕倒过", "晕倒", "absent"),
    ("一点都不疼，也没出汗", "出汗", "absent"),
    ("并不发烧", "发烧", "absent"),
    # post-posed reassurance
    ("呼吸还行", "呼吸", "absent"),
    ("胸口疼不明显", "胸口疼", "absent"),
    ("吃喝没什么问题", "吃喝", "absent"),
    # still symptoms: the negation belongs to the finding
    ("呼吸不畅", "呼吸", "present"),
    ("心跳不规律", "心跳", "present"),
    ("用杯子压上去斑点不褪色", "斑点", "present"),
    ("不太舒服，胸口疼", "胸口疼", "present"),
    ("嘴唇发紫，喘不上气", "嘴唇", "present"),
    ("三天没大便了", "大便", "present"),
    # a denial said after the finding, and a food not touched
    ("胸口不闷，呼吸一点问题没有", "呼吸", "absent"),
    ("芒果我这周一口都没碰", "芒果", "absent"),
])
def test_chinese_negation_forms(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, target, subject, historical", [
    ("family history of heart attack, I have a cold", "heart attack", "other", True),
    ("bowel cancer runs in the family", "bowel cancer", "other", False),
    ("my grandfather died of a stroke; I have a headache", "stroke", "other", False),
    ("my dad had a fall this morning and can't get up", "fall", "patient", False),
    ("I had a seizure as a child, now I have a cold", "seizure", "patient", True),
    ("I had a seizure as a child, now I have a cold", "cold", "patient", False),
    ("我妈得过中风，我现在头疼", "中风", "other", True),
    ("家族史有心脏病", "心脏病", "other", False),
    ("我小时候得过肺炎，现在就是咳嗽", "肺炎", "patient", True),
    ("我小时候得过肺炎，现在就是咳嗽", "咳嗽", "patient", False),
    # a count of years ago puts a finding in the past
    ("他五年前心梗住过院，现在就是感冒", "心梗", "patient", True),
    ("他五年前心梗住过院，现在就是感冒", "感冒", "patient", False),
])
def test_subject_and_history(text, target, subject, historical):
    assertion = _assertion(text, target)
    assert (assertion.subject, assertion.historical) == (subject, historical)
    assert assertion.current == (assertion.status == "present" and subject == "patient" and not historical)


@pytest.mark.parametrize("text, target, status", [
    ("33 weeks pregnant, haven't felt her move today", "pregnant", "present"),
    ("kicks a lot at night, normally active all day", "kicks", "present"),
    ("stiff neck, not really", "stiff neck", "absent"),
    ("摔了一跤，怕是骨折了", "骨折", "possible"),
    ("是不是中风了", "中风", "possible"),
    ("他骨折了", "骨折", "present"),
    ("她爸在网上看了阑尾炎，在屋里转来转去", "阑尾", "possible"),
    ("脚崴了，可他看啥都说骨折", "骨折", "possible"),
    ("my girlfriend is convinced i've got some allergy that needs testing", "allergy", "possible"),
    ("no fever, lost a bit of weight", "weight", "present"),
    ("he read something online about appendicitis and wants me to go in", "appendicitis", "possible"),
])
def test_clause_openers_and_worries(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, target, status", [
    ("is it a stroke??", "stroke", "possible"),
    ("she's convinced it's a chest infection", "chest infection", "possible"),
    ("痰里没带血", "血", "absent"),
    # "gone" before a colour is a change, not a finding gone away
    ("baby keeps being sick n its gone bright green now", "green", "present"),
    ("the mole on my back has gone darker", "darker", "present"),
    ("2 wks of her creams n its not shifting", "not shifting", "present"),
    ("the rash has gone now", "rash", "absent"),
    # "不会" is "cannot yet" before a skill, "would not" before harm
    ("我也绝对不会伤害孩子", "伤害孩子", "absent"),
    ("两岁了还不会走路", "走路", "present"),
    ("她非说是肺里感染了", "感染", "possible"),
    ("I've read that a tooth abscess can spread to the jaw", "spread", "possible"),
    ("网上看到中耳炎会引起脑膜炎", "脑膜炎", "possible"),
    ("我跟他说这样下去胃病会加重", "加重", "possible"),
    # what might follow, and a fear said aloud, are not findings
    ("my flatmate says it could go to my kidneys and I could get sepsis", "sepsis", "possible"),
    ("I'm worried I've done permanent damage to my ear", "permanent damage", "possible"),
    ("我室友说这个会往上走到肾，弄不好得败血症", "败血症", "possible"),
    ("我一个人住，真怕脱水晕在家里", "晕", "possible"),
    ("我闺女说可能是感染了", "感染", "possible"),
    # what could also be or might come, said by someone beside: "也可能严重过敏", "有可能感染"
    ("隔壁阿姨说被马蜂蜇了也可能严重过敏", "严重过敏", "possible"),
    ("我妈说肯定是对小区里什么花严重过敏", "严重过敏", "possible"),
    # a count after a comma starts a new statement in chat: only the gloves are denied
    ("out all day no gloves, 2 fingers white and hard", "white", "present"),
    ("no rash, no fever, cough for 2 days", "rash", "absent"),
    ("水疱弄破了有可能感染", "感染", "possible"),
    ("吃了不好的东西，肚子疼", "肚子疼", "present"),
    # felt for and not found
    ("脖子上也摸不着疙瘩", "疙瘩", "absent"),
    ("脖子上摸到一个疙瘩", "疙瘩", "present"),
])
def test_guesses_and_phlegm_without_blood(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, target, status", [
    # what someone says teething always brings is no finding
    ("我妈说出牙就得发高烧、拉肚子", "拉肚子", "possible"),
    ("出牙三天，拉肚子了", "拉肚子", "present"),
    # what was not put on says how it happened
    ("she came without sun cream and is pink on her shoulders", "sun cream", "present"),
    ("no rash, no fever", "rash", "absent"),
])
def test_beliefs_about_teething_and_what_was_not_put_on(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, kept, removed", [
    ("runny poo 3 times today, drinking and weeing fine, no vomiting", "runny poo", "vomiting"),
    ("sore throat, eating and drinking are fine", "sore throat", "eating"),
    ("喉咙痛，吃饭喝水都正常", "喉咙痛", "吃饭"),
    # a body part said only to be denied goes with its denial; a complaint said with a denied degree stays
    ("肩膀后背又僵又酸，胸口不疼", "又僵又酸", "胸口"),
    ("嗓子疼，鼻子也不堵", "嗓子疼", "鼻子"),
    ("头疼不厉害，嗓子也不红", "头疼", "嗓子"),
])
def test_a_post_posed_cue_removes_only_its_own_clause_from_the_search_text(text, kept, removed):
    from agents.medical_triage.context import current_text

    left = current_text(text)
    assert kept in left and removed not in left, left


@pytest.mark.parametrize("text, finding", [("he has not slept in days, says voices are telling him to hurt people", "hurt"),
                                           ("no fever, been vomiting all night", "vomiting")])
def test_a_clause_without_its_subject_ends_the_scope_of_no(text, finding):
    start = text.index(finding)
    assert assert_span(text, start, start + len(finding)).status == "present"


def test_chat_shorthand_is_expanded():
    assert normalise("voices r telling him to hurt ppl, drinking n weeing fine") == \
        "voices are telling him to hurt people, drinking and weeing fine"


@pytest.mark.parametrize("text, target, status", [
    ("my sister reckons a new tooth causes a runny nose and loose poo", "loose poo", "possible"),
    ("the pharmacist said the tablets can cause a rash", "rash", "possible"),
    ("walking causes me pain in the left hip", "pain", "present"),
])
def test_a_general_claim_about_a_cause_is_not_a_finding(text, target, status):
    assert _assertion(text, target).status == status


def test_an_illness_had_before_and_a_stranger_s_complaint():
    assert _assertion("我表哥出过麻疹，我现在嗓子疼", "麻疹").historical
    assert _assertion("看到说有个人头晕了好多年", "头晕").subject == "other"


def test_someone_insisting_on_a_diagnosis_is_not_a_finding():
    assert _assertion("我爸非说我是脑震荡", "脑震荡").status == "possible"


@pytest.mark.parametrize("text, target, status", [("her face has gone droopy on one side", "face", "present"),
                                                  ("his lips have gone blue", "lips", "present"),
                                                  ("the pain has gone", "pain", "absent")])
def test_gone_with_a_describing_word_is_a_change_not_an_absence(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, target, status", [("下班回家没多久，右边眼睛就胀痛", "痛", "present"),
                                                  ("吃完饭没一会儿肚子就疼", "疼", "present"),
                                                  ("now I'm panicking about meningitis", "meningitis", "possible"),
                                                  ("I'm worried about the bleeding, it won't stop", "bleeding", "present")])
def test_not_long_after_is_not_a_negation_and_a_named_fear_is_not_a_finding(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, target, status", [("28 weeks pregnant, baby has not kicked since lunch", "pregnant", "present"),
                                                  ("my skin is so itchy 😩 no rash though", "itchy", "present"),
                                                  ("两只胳膊发麻没劲", "麻", "present"),
                                                  ("他同学都早就不尿床了", "尿床", "other"),
                                                  ("fell off his scooter no helmet and hit his head", "hit his head", "present")])
def test_a_new_subject_an_emoji_weakness_classmates_and_gear_not_worn(text, target, status):
    result = _assertion(text, target)
    assert (result.status if status != "other" else result.subject) == status


@pytest.mark.parametrize("text, target, status", [("a blister on his heel that has not healed", "blister", "present"),
                                                  ("she is freezing cold, not even shivering", "freezing cold", "present"),
                                                  ("my neck is not stiff", "stiff", "absent")])
def test_a_negation_in_a_relative_clause_or_opening_a_clause_does_not_reach_back(text, target, status):
    assert _assertion(text, target).status == status


def test_whose_thing_it_is_is_not_who_has_the_complaint():
    assert _assertion("他哥哥有糖尿病", "糖尿病").subject != "patient"
    assert _assertion("他抓了他哥哥的花生吃，呛得不行", "花生").subject == "patient"


def test_a_space_between_chinese_characters_ends_a_negation_like_a_comma():
    assert _assertion("他两天没吃饭了 现在胸口疼", "胸口疼").status == "present"
    assert _assertion("他两天没吃饭了，现在胸口疼", "胸口疼").status == "present"


@pytest.mark.parametrize("text, target, status", [("i do not get chest pain in between", "chest pain", "absent"),
                                                  ("she's not breathing fast and she's not drowsy", "breathing fast", "absent"),
                                                  ("he did not get to the toilet in time", "toilet", "present"),
                                                  ("the skin on his shins has gone really dry and itchy", "itchy", "present")])
def test_not_get_and_not_breathing_fast_deny_and_gone_dry_is_a_change(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, target, status", [
    ("her throat's red but i couldn't see any white spots or pus", "pus", "absent"),
    ("i did not find any ticks on him", "ticks", "absent"),
    ("i couldn't see anything out of my right eye for a minute", "anything out", "present"),
])
def test_looked_for_and_not_found_denies_but_cannot_see_is_a_finding(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, target, status", [
    ("脖子不硬，脸上也没歪没麻，吃饭上班都正常", "脸", "absent"),
    ("我老公说就是虫子咬的过敏反应", "过敏", "possible"),
    ("吃了虾以后过敏了", "过敏", "present"),
])
def test_a_place_on_a_body_part_before_its_negation_and_someone_s_explanation(text, target, status):
    assert _assertion(text, target).status == status


def test_not_eaten_before_a_named_food_denies_it():
    assert _assertion("my wee was pink. i haven't eaten beetroot", "beetroot").status == "absent"


@pytest.mark.parametrize("text, target, status", [
    # a guess at a cause is no finding
    ("i'm scared it could be something serious like a blood clot", "blood clot", "possible"),
    ("the doctor thinks it might be gallstones", "gallstones", "possible"),
    ("i have gallstones and the pain is back", "gallstones", "present"),
])
def test_a_guess_that_it_could_be_something_is_possible(text, target, status):
    assert _assertion(text, target).status == status


def test_a_relative_of_the_person_who_told_the_story_is_someone_else():
    assertion = _assertion("同事跟我说她女儿肚子疼得住院了", "肚子疼")
    assert assertion.subject == "other"
    assert _assertion("我女儿肚子疼", "肚子疼").subject == "patient"


@pytest.mark.parametrize("text, target, status, subject", [
    ("my husband says it looks infected and wants me to get antibiotics", "infected", "possible", "patient"),
    ("the bite is red, hot and weeping, it looks infected", "infected", "present", "patient"),
    ("我老公说看着像感染了，让我去开药", "感染", "possible", "patient"),
    ("a boy in his class was diagnosed with glandular fever", "glandular fever", "present", "other"),
])
def test_someone_s_reading_of_how_it_looks_and_a_classmate_s_illness(text, target, status, subject):
    assertion = _assertion(text, target)
    assert (assertion.status, assertion.subject) == (status, subject)


def test_a_brother_s_blindness_is_someone_else_s():
    assert _assertion("my husband says see a specialist because his brother went blind", "went blind").subject == "other"


@pytest.mark.parametrize("text, status", [
    ("his breathing is completely normal, no wheezing", "absent"),
    ("her breathing is perfectly normal now", "absent"),
    ("his breathing is worse than normal tonight", "present"),
])
def test_a_finding_said_to_be_completely_normal_is_absent(text, status):
    assert _assertion(text, "breathing").status == status


@pytest.mark.parametrize("text, target, status", [
    ("he isn't wheezy and his voice sounds normal", "voice", "absent"),
    ("her chest sounds fine, no wheeze", "chest", "absent"),
    ("his voice sounds hoarse since the sting", "voice", "present"),
    # a bend where none should be is a finding, not a denial
    ("his forearm has a bend in it that should not be there", "bend in it", "present"),
])
def test_a_finding_that_sounds_normal_is_absent(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, target, status", [
    ("他闺女说泡个热水澡，早晚能尿出来", "能尿出来", "possible"),
    ("她说迟早会好的，我还是咳", "咳", "present"),
    ("早晚各吸一次药，还是喘", "喘", "present"),
])
def test_sooner_or_later_is_a_prediction_but_morning_and_evening_is_not(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, target, status", [
    ("她让我赶紧去医院，别等它扩散", "扩散", "possible"),
    ("伤口天天换药，免得感染", "感染", "possible"),
    ("邻居说得吃消炎药，不然感染了麻烦", "感染", "possible"),
    ("要按时吃药，否则又会抽", "抽", "possible"),
    ("那块红斑这两天在扩散", "扩散", "present"),
])
def test_what_is_feared_next_is_not_what_is(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, target, subject", [
    ("he told his sister he doesn't see the point of anything", "see the point", "patient"),
    ("she texted her brother that her chest hurts", "chest hurts", "patient"),
    ("his sister has had the same rash", "rash", "other"),
])
def test_the_one_told_is_not_the_one_whose_finding_it_is(text, target, subject):
    assert _assertion(text, target).subject == subject


@pytest.mark.parametrize("text, target, subject", [
    ("my son and his sister both have nits again", "nits", "patient"),
    ("my boy 6 n his brother keep getting nosebleeds", "nosebleeds", "patient"),
    ("儿子和他姐姐一坐车就晕车", "晕车", "patient"),
    ("my son has a rash and his sister had chickenpox last week", "chickenpox", "other"),
    ("他哥哥有糖尿病", "糖尿病", "other"),
])
def test_a_relative_joined_to_the_patient_shares_the_complaint(text, target, subject):
    assert _assertion(text, target).subject == subject


@pytest.mark.parametrize("text, target, status", [
    ("怀孕二十六周，肚子说不上疼，就是有点胀", "疼", "absent"),
    ("头疼谈不上，就是有点晕", "头疼", "absent"),
    # "can't say where it hurts" is a pain
    ("说不上来哪儿疼，就是浑身难受", "疼", "present"),
    ("喘不上气", "喘不上气", "present"),
])
def test_hardly_a_pain_is_denied_and_cannot_say_where_is_not(text, target, status):
    assert _assertion(text, target).status == status


def test_someone_s_guess_is_only_possible():
    # "my flatmate thinks it might be broken" is a guess, not a finding
    assert _assertion("我室友小雅觉得可能骨折了", "骨折").status == "possible"
    assert _assertion("医生说是骨折了", "骨折").status == "present"


@pytest.mark.parametrize("text, target, status", [
    # a colour or a tone denied after "did not go"; "does not go white" stays the glass test's finding
    ("he did not go blue or floppy", "floppy", "absent"),
    ("a rash that does not go white when pressed", "white", "present"),
    ("坐着的时候喘气也挺顺", "喘气", "absent"),
])
def test_denied_colours_and_a_smooth_breath(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, rule", [
    # the phrase's own negation with 也 or 都 before it ("话...不利索", "药...没吃进去"): emphasis, not a second negation
    ("早上醒来脸有点歪，说话也不利索", "stroke_signs"),
    ("我爸帕金森，吐了两天药都没吃进去，现在全身僵硬", "parkinsons_medicine_missed"),
])
def test_a_phrase_s_own_negation_after_ye_or_dou(text, rule):
    from agents.medical_triage.facts import extract_facts
    from agents.medical_triage.rules import RuleEngine

    assert rule in {hit.rule.id for hit in RuleEngine().evaluate(text, extract_facts(text))}


@pytest.mark.parametrize("text, target, status", [
    # what a complaint could turn into is feared, not found; tablets counted as gone from a packet are no denial
    ("my flatmate reckons it could turn into a kidney infection", "kidney infection", "possible"),
    ("my 3yo got into the iron tablets, maybe 10 gone", "iron tablets", "present"),
    ("the rash has gone", "rash", "absent"),
])
def test_what_it_could_turn_into_and_tablets_gone(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, target, status", [
    # a second "not" after a comma denies what follows it, not the finding before the comma
    ("a red lump on my thumb that's not healing, not hot or spreading", "not healing", "present"),
    ("a rash on his arm, not itchy", "rash", "present"),
    ("a rash on his arm, not itchy", "itchy", "absent"),
    ("a fever, not a cough", "fever", "present"),
    ("a fever, not a cough", "cough", "absent"),
    # what someone predicts will come is not a finding: "我奶奶说出牙肯定要发高烧、拉肚子"
    ("我姥姥说长牙肯定会拉肚子", "拉肚子", "possible"),
    ("孩子拉肚子两天了", "拉肚子", "present"),
    # someone's verdict on how it looks, and a question about what it is
    ("我老伴说肿成这样肯定骨折了", "骨折", "possible"),
    ("我同事说青得这么快肯定是骨折", "骨折", "possible"),
    # "不像皮革那样发硬" (not leathery) denies, as "不像发炎" does
    ("烫伤的地方不像皮革那样发硬", "皮革", "absent"),
])
def test_a_second_not_and_a_prediction(text, target, status):
    assert _assertion(text, target).status == status


@pytest.mark.parametrize("text, target", [
    # a fear that will not go away names no finding
    ("I keep thinking about meningitis", "meningitis"),
    ("我满脑子都是脑膜炎", "脑膜炎"),
])
def test_a_fear_that_fills_the_head_is_only_possible(text, target):
    assert _assertion(text, target).status == "possible"


def test_someone_else_s_guess_at_what_it_is_is_only_possible():
    assert _assertion("my mate thinks it's frostbite", "frostbite").status == "possible"



@pytest.mark.parametrize("text, target, status", [
    # a noun joined to the finding shares its denial; an auxiliary after "and" starts a second predicate
    ("his lips and tongue are not swollen", "lips", "absent"),
    ("my baby is floppy and won't feed", "floppy", "present"),
    ("he is pale and is not responding", "pale", "present"),
    # the pair's own linking verb before the denial ("look", "seem", "feel")
    ("his scalp and hair look completely normal", "scalp", "absent"),
    ("my neck and back seem fine", "neck", "absent"),
])
def test_a_second_predicate_after_and_keeps_the_first_finding(text, target, status):
    assert _assertion(text, target).status == status


def test_someone_else_s_verdict_on_the_caller_is_only_possible():
    # "Shirley says I must have broken it": a neighbour's verdict, not a break found
    assert _assertion("my neighbour says I must have broken it and need an x-ray", "broken").status == "possible"
    assert _assertion("I fell and I think my wrist is broken", "broken").status == "present"
    # a flatmate who keeps saying the caller might have something: a fear, not a finding
    assert _assertion("my sister keeps saying I might have food poisoning", "food poisoning").status == "possible"
    assert _assertion("我妈一直说我是缺钙", "缺钙").status == "possible"


def test_what_someone_fears_it_will_turn_into_is_only_possible():
    # "thinks I need antibiotics before it turns into tonsillitis": a fear of what comes next, not a finding
    assert _assertion("she thinks I need antibiotics before it turns into tonsillitis", "tonsillitis").status == "possible"
    assert _assertion("the GP said it has turned into tonsillitis", "tonsillitis").status == "present"


def test_the_ring_finger_denies_nothing_and_a_habit_hardly_had_is_denied():
    # 无名指 (the ring finger) holds 无 ("without"), which must not deny what follows it
    assert _assertion("无名指关节歪到一边了", "歪到一边").status == "present"
    assert _assertion("无力气，歪到一边了", "歪到一边").status == "present"
    # "咖啡也很少喝": coffee hardly drunk is no coffee taken
    assert _assertion("心慌手抖，咖啡也很少喝", "咖啡").status == "absent"
    assert _assertion("心慌手抖，咖啡喝得很多", "咖啡").status == "present"


def test_won_t_before_a_symptom_denies_it_and_a_voice_gone_thick_is_a_change():
    # 不会 is "cannot" before an ability (不会走路) but "does not" before a symptom (走路也不会胸闷)
    assert _assertion("肩膀疼，走路干活也不会胸闷", "胸闷").status == "absent"
    assert _assertion("孩子两岁了还不会走路", "走路").status == "present"
    # "my voice has gone thick": gone + a describing word is a change, not a symptom gone away
    assert _assertion("my voice has gone thick since last night", "voice").status == "present"
    assert _assertion("the hoarse voice has gone now", "hoarse voice").status == "absent"


def test_none_before_what_the_items_are_not_denies_it_and_another_parent_is_someone_else():
    # "itchy bites, none hot or spreading": none of the bites is hot or spreading
    assert _assertion("lots of bites on my legs, itchy, none hot or spreading", "spreading").status == "absent"
    assert _assertion("the bites are itchy and one is spreading", "spreading").status == "present"
    # a bystander among the other parents is not the patient
    assert _assertion("my son had a nosebleed and one of the other mums nearly fainted", "fainted").subject == "other"
    assert _assertion("my son fainted after the nosebleed", "fainted").subject == "patient"


@pytest.mark.parametrize("text, target, status", [
    # a colour said to be as usual denies the finding; gone "bright red" is a change, not a thing gone away
    ("achy all over after digging, pee normal colour", "pee", "absent"),
    ("the white of my left eye has gone bright red in one patch", "white of my left eye", "present"),
    ("her sick has gone dark green", "sick", "present"),
])
def test_a_normal_colour_and_a_colour_gone_bright(text, target, status):
    assert _assertion(text, target).status == status
