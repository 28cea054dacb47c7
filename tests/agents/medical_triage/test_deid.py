"""De-identification of English and Chinese identifiers, without destroying the medical content."""
from __future__ import annotations

import pytest

from agents.medical_triage.deid import cn_id_valid, deidentify

# (message, identifiers that must disappear, medical words that must stay)
TABLE = [
    ("My name is John Smith and I have a cough", ["John", "Smith"], ["cough"]),
    ("my name is mary jones, fever since yesterday", ["mary", "jones"], ["fever"]),
    ("Hi, I'm Sarah Connor, my chest hurts", ["Sarah", "Connor"], ["chest hurts"]),
    ("my son Tommy has a temperature of 39", ["Tommy"], ["39"]),
    ("Dr. Alice Wong said to rest", ["Alice", "Wong"], ["rest"]),
    ("call me on 415-555-0132 please", ["415-555-0132"], []),
    ("my number is +44 20 7946 0958", ["7946"], []),
    ("email jane.doe@example.com", ["jane.doe@example.com"], []),
    ("SSN 123-45-6789", ["123-45-6789"], []),
    ("passport E12345678", ["E12345678"], []),
    ("NHS number 943 476 5919", ["943 476 5919"], []),
    ("I live at 221B Baker Street, London NW1 6XE and my knee hurts", ["Baker", "NW1 6XE"], ["knee hurts"]),
    ("address: 42 Elm Street, Springfield", ["42 Elm"], []),
    ("123 Main St, Springfield, IL 62704", ["Main St", "62704"], []),
    ("born on 12/03/1985, headache", ["12/03/1985"], ["headache"]),
    ("DOB 1985-03-12", ["1985-03-12"], []),
    ("date of birth: March 12, 1985", ["March 12", "1985"], []),
    ("我叫张伟，今年30岁，咳嗽三天", ["张伟"], ["30岁", "咳嗽三天"]),
    ("我的名字是李小明，发烧", ["李小明"], ["发烧"]),
    ("我是王芳，头疼", ["王芳"], ["头疼"]),
    ("我女儿叫刘丽，发烧38度", ["刘丽"], ["发烧38度"]),
    ("王先生胸口疼", ["王先生"], ["胸口疼"]),
    ("我的手机号是13812345678", ["13812345678"], []),
    ("电话 010-62345678", ["62345678"], []),
    ("身份证号：11010519491231002X", ["11010519491231002X"], []),
    ("身份证110101199003071234", ["110101199003071234"], []),
    ("住在北京市朝阳区建国路88号3单元，胸闷", ["朝阳区", "建国路", "88号"], ["胸闷"]),
    ("地址：上海市浦东新区世纪大道100号2001室", ["世纪大道", "100号"], []),
    ("出生日期1990年3月7日", ["1990年3月7日"], []),
    ("护照号E12345678", ["E12345678"], []),
    ("医保卡号 1234567890123", ["1234567890123"], []),
]


@pytest.mark.parametrize("text, identifiers, kept", TABLE, ids=[row[0][:30] for row in TABLE])
def test_deidentification_table(text, identifiers, kept):
    result = deidentify(text)
    for identifier in identifiers:
        assert identifier not in result.text, (text, result.text)
    for word in kept:
        assert word in result.text, (text, result.text)
    assert result.removed, text


@pytest.mark.parametrize("text", [
    "heart rate 130, bp 190/120, temp 39.5, spo2 88%",
    "I am 35 years old and I'm dizzy",
    "my 3 month old has had a fever for 2 days",
    "我是孕妇，肚子疼",
    "小于3个月的宝宝发烧38.5度",
    "请叫救护车，他昏倒了",
    "I took 20 tablets of 500 mg",
    "pain 8/10 since Monday",
])
def test_medical_text_is_left_alone(text):
    assert deidentify(text).text == text


def test_chinese_resident_id_checksum():
    assert cn_id_valid("11010519491231002X")
    assert not cn_id_valid("110105194912310021")
    assert "[ID]" in deidentify("ID 11010519491231002X").text


# bare names: no "my name is" cue (English: census name lists + capitalisation; Chinese: jieba's person tag)
@pytest.mark.parametrize("message, names, kept", [
    ("Sam here, my son swallowed some pills", ["Sam"], ["son swallowed some pills"]),
    ("Lily fainted and hit her head", ["Lily"], ["fainted and hit her head"]),
    ("Tom's knee has been swollen for a week", ["Tom"], ["knee has been swollen for a week"]),
    ("chest pain, Jennifer Morgan is driving me in", ["Jennifer", "Morgan"], ["chest pain"]),
    ("小丽晕倒撞到了头", ["小丽"], ["晕倒撞到了头"]),
    ("李伟摔了一跤以后膝盖肿了", ["李伟"], ["摔了一跤以后膝盖肿了"]),
    ("阿强昨天开始咳嗽", ["阿强"], ["昨天开始咳嗽"]),
    # sign-offs with names the census lists do not hold
    ("Adaeze here, my mum has had chest pain for an hour", ["Adaeze"], ["my mum has had chest pain"]),
    ("Zhou Ming here, my son has a rash", ["Zhou", "Ming"], ["my son has a rash"]),
    ("Hi, Kwame here — my knee is swollen", ["Kwame"], ["my knee is swollen"]),
    ("Siobhan asking for my dad: he is dizzy", ["Siobhan"], ["he is dizzy"]),
    ("my colleague Oluwaseun fainted at lunch", ["Oluwaseun"], ["fainted at lunch"]),
    ("我同事赵子涵晕倒了", ["赵子涵"], ["晕倒了"]),
    ("我是欧阳晨，今天头疼", ["欧阳晨"], ["今天头疼"]),
])
def test_bare_names_are_removed(message, names, kept):
    text = deidentify(message).text
    assert not [name for name in names if name in text], text
    assert all(word in text for word in kept), text


@pytest.mark.parametrize("message", [
    "Will I need antibiotics for this cough?", "I was fine in May", "小便的时候疼，宝宝过敏，吃了布洛芬",
    "老公说我手脚麻木", "Grace period is over, but my chest hurts",
    "Mum here, my son has a cough", "Pain here, in my lower back",
])
def test_words_that_look_like_names_stay(message):
    text = deidentify(message).text
    assert "[NAME]" not in text or message.startswith("Grace"), text


def test_a_childs_doubled_pet_name_after_who_the_child_is_is_removed():
    from agents.medical_triage.deid_names import bare_name_spans

    for text, name in [("我女儿豆豆发烧两天了", "豆豆"), ("我家宝宝果果一直咳嗽", "果果")]:
        assert [text[a:b] for a, b in bare_name_spans(text)] == [name]
    for text in ["孩子天天咳嗽", "我女儿乖乖的，不发烧", "我儿子常常头疼"]:  # doubled adverbs are not names
        assert bare_name_spans(text) == []


@pytest.mark.parametrize("text, name", [("My sister-in-law Ngozi has had a fever since Monday", "Ngozi"),
                                        ("my housemate Tariq fainted in the kitchen", "Tariq"),
                                        ("我表姐郑小雯头疼了三天", "郑小雯"), ("我姐夫周子航有哮喘", "周子航"),
                                        ("我朋友王芳发烧了", "王芳")])
def test_a_name_after_who_the_person_is_is_removed(text, name):
    from agents.medical_triage.deid import deidentify

    result = deidentify(text)
    cleaned = result if isinstance(result, str) else result.text
    assert name not in cleaned and "[NAME]" in cleaned
    assert ("发烧" in cleaned) == ("发烧" in text)  # the words after the name are kept


@pytest.mark.parametrize("text, name", [
    ("priya here, my knee gave way on the stairs", "priya"),
    ("hi tomasz here. sore ear since friday", "tomasz"),
    ("my girlfriend megan keeps fainting at work", "megan"),
    ("my 5yo oscar has a barking cough tonight", "oscar"),
    ("gran edith 90 slipped in the bath", "edith"),
    ("my neighbour liu yang has a rash on his back", "liu yang"),
    ("my uncle shen has chest pain", "shen"), ("hey its oksana. my ear is blocked", "oksana"),
    ("my brother tariq fell off a ladder", "tariq"), ("emmas knee is swollen after netball", "emma"),
    ("rhys got stung by a wasp", "rhys"), ("omar here lol. bad hangover", "omar"), ("shakil got a splinter", "shakil"),
    ("tariq's had a rash since monday", "tariq"), ("nia (3) has a barking cough", "nia"),
    ("cough for a week, any ideas? - olu", "olu"), ("dry lips, what helps? cheers, nadia", "nadia"),
    ("my mate tobias dived off the pier", "tobias"), ("maya's left ear is sore", "maya"), ("nadia's acne has flared up", "nadia"), ("my bro farid has a rash", "farid"),
])
def test_names_typed_in_lower_case_are_removed(text, name):
    cleaned = deidentify(text).text
    assert name not in cleaned and "[NAME]" in cleaned, cleaned


@pytest.mark.parametrize("text", [
    "my son will not eat anything", "my daughter may have a temperature", "same here, my back is sore",
    "my mum fell over in the garden", "my friend said the rash spreads", "my dad still has chest pain", "my 3yo has a rash",
    "my son often gets nosebleeds", "Will I need antibiotics for this cough?", "pain on my shift is bad",
    "someone on our team fainted",
])
def test_lower_case_words_after_who_the_person_is_stay(text):
    assert deidentify(text).text == text


@pytest.mark.parametrize("text, name", [("我老公志强咳嗽两周了", "志强"), ("我家贝贝今天拉肚子", "贝贝"),
                                        ("我朋友小雯崴了脚", "小雯"), ("我妈淑芬血压高", "淑芬"),
                                        ("我儿媳妇翠英咳嗽", "翠英"), ("我老丈人德胜摔了", "德胜"),
                                        ("我老公俊峰给我买了感冒药", "俊峰"), ("我闺女晓燕让我打这个电话", "晓燕"),
                                        ("我男朋友浩然说我就是焦虑", "浩然"), ("要去我儿子建军那儿住半个月", "建军"),
                                        ("我是问我闺女的，佳琪，十六岁。", "佳琪"),
                                        ("最稳当的那个，卫东，他说先吃两片止疼药", "卫东"), ("志强，就是我男朋友，觉得是累的", "志强"),
                                        ("我未婚夫浩宇非说我瘦了", "浩宇"), ("我们糖糖压根儿没感觉", "糖糖"),
                                        ("我跟老姐妹秀英看完电影出来", "秀英"), ("大伙儿都叫我芬姐，五十六了", "芬姐"),
                                        ("肯定是我老公浩宇传给我的", "浩宇"), ("我姐们儿秀英非让我吃鱼肝油", "秀英"),
                                        ("我舅老海58 走路上胸口发紧", "老海"), ("一块儿值班的老高说是累的", "老高"),
                                        ("她姐振芳在外地上班，说不上话", "振芳"), ("他哥建平今天没来", "建平"),
                                        ("幼儿园老师说朵朵4岁了还尿裤子", "朵朵"), ("学员小峰15岁，练完拳手腕疼", "小峰"),
                                        ("我的助教小静说是扭了", "小静"), ("我儿媳妇丽丽为这事挺着急", "丽丽")])
def test_a_chinese_given_or_pet_name_after_who_the_person_is_is_removed(text, name):
    cleaned = deidentify(text).text
    assert name not in cleaned and "[NAME]" in cleaned, cleaned


@pytest.mark.parametrize("text", ["我家小孩发烧了", "我老婆头疼", "我爸高血压十年了", "我朋友感冒了", "我媳妇怀孕了",
                                  "我老丈人发烧了", "我妈让我拿凉水冲", "孩子他爸把药拿来了", "我婆婆说要给她喂点糖水",
                                  "跟同学踢球把脚崴了", "我妈前两天说头晕", "孩子小脸通红", "帮我姐带孩子", "给闺蜜当伴娘",
                                  "我老公沾枕头就着", "他叫我大哥", "她叫我表姐", "他哥们儿都说没事", "她姐夫昨天来了",
                                  "医生说刚刚3岁的孩子不能吃这个", "他哥在外地打工"])
def test_chinese_words_after_who_the_person_is_stay(text):
    assert deidentify(text).text == text


@pytest.mark.parametrize("text, name", [("我同事老吴发烧了", "老吴"), ("小郑今天一直咳嗽", "小郑"), ("带甜甜去打疫苗，回来有点烧", "甜甜"),
                                        ("我闺女梓萱发烧三天", "梓萱"), ("i reckon oscar swallowed a coin", "oscar"),
                                        ("老黄感觉胸口闷", "老黄"), ("李国华李师傅腰疼", "李国华"),
                                        ("同事刘志明突然晕倒了", "刘志明"), ("小涵都5岁了还尿床", "小涵"), ("海涛在此，问个事", "海涛"),
                                        ("狗把球球的腿咬了", "球球"), ("我妹慧敏发烧了", "慧敏"), ("小蕾问下，嗓子疼", "小蕾"),
                                        ("兄弟大头摔了一跤", "大头"), ("皮皮4岁，咳嗽", "皮皮"), ("子轩6岁，发烧", "子轩"), ("带闺女小雯去打针", "小雯"),
                                        ("阿旺从昨天开始咳嗽", "阿旺"), ("我儿子石头五岁，发烧了", "石头"),
                                        ("年糕3岁，吞了一颗纽扣", "年糕"), ("我嫂子丽红头晕", "丽红"),
                                        ("My wife Adaeze, Ada, has a migraine", "Ada"),
                                        ("our neighbour Ngaio fell. Ngaio says her hip hurts", "Ngaio"),
                                        ("My little girl Aiko is two and has a cough", "Aiko"),
                                        ("the cat scratched Mustafa on the hand", "Mustafa")])
def test_familiar_forms_pet_names_and_lower_case_subjects_are_removed(text, name):
    cleaned = deidentify(text).text
    assert name not in cleaned and "[NAME]" in cleaned, cleaned


@pytest.mark.parametrize("text", ["烧得老高，一个小时了", "体温大于38度，头上起了个大包", "老毛病又犯了", "宝宝哼哼唧唧的，脸红红的", "他皮肤发黄，眼白也黄", "我腿麻木了",
                                  "孩子都8岁了", "我这边问一下", "红红的脸蛋", "son has a fever", "小便的时候疼，宝宝过敏",
                                  "儿童3岁，拉肚子", "阿司匹林吃了两片", "我女儿小时候得过肺炎", "fever for 3 days - help",
                                  "i think olive oil helps", "the brain scan was fine"])
def test_look_alikes_of_familiar_forms_and_subjects_stay(text):
    assert deidentify(text).text == text


@pytest.mark.parametrize("text, name", [("我是Olga，头疼两天了", "Olga"), ("我女儿Chloé发烧了", "Chlo"), ("我同事Rashid晕倒了", "Rashid"),
                                        ("Tobias: rash on my arm since Monday", "Tobias")])
def test_latin_names_in_chinese_text_and_colon_sign_offs_are_removed(text, name):
    cleaned = deidentify(text).text
    assert name not in cleaned and "[NAME]" in cleaned, cleaned


@pytest.mark.parametrize("text", ["急急急！！！孩子发烧了", "Update: the fever has gone", "Symptoms: cough and sore throat"])
def test_headings_and_repeated_characters_stay(text):
    assert deidentify(text).text == text


@pytest.mark.parametrize("text, name", [("its Marta, my son has a rash", "Marta"), ("我妈吴淑珍80了，腿肿", "吴淑珍"),
                                        ("我是晓丽，头晕两天", "晓丽"), ("tess, 30 wks pregnant, heartburn", "tess")])
def test_more_self_introductions_and_names_after_mum_or_dad_are_removed(text, name):
    cleaned = deidentify(text).text
    assert name not in cleaned and "[NAME]" in cleaned, cleaned


@pytest.mark.parametrize("text", ["我爸高血压十年了", "我妈黄疸又重了", "我是孕妇，头疼", "我是医生，想问一下", "its fine, just a cough"])
def test_conditions_after_mum_or_dad_and_plain_self_descriptions_stay(text):
    assert deidentify(text).text == text


@pytest.mark.parametrize("text, name", [
    ("我同事克里斯托弗咳了一个月", "克里斯托弗"), ("孩子叫奥利维亚，五岁，耳朵疼", "奥利维亚"), ("我婆婆伊丽莎白腿肿了", "伊丽莎白"),
    ("my flatmate 思琪 has had a migraine since lunch", "思琪"), ("found a tick on 乐乐's leg after the walk", "乐乐"),
    ("My nine-year-old, Anders, fell off the trampoline", "Anders"), ("our lodger, Tomasz, has had a cough for weeks", "Tomasz"),
    ("my youngest Ines has a temperature", "Ines")])
def test_transliterated_names_chinese_names_in_english_and_appositive_names_are_removed(text, name):
    cleaned = deidentify(text).text
    assert name not in cleaned and "[NAME]" in cleaned, cleaned


@pytest.mark.parametrize("text", ["我女儿拉肚子两天了", "我爸福利院的体检单", "我朋友西安出差回来发烧", "我儿子特别能吃",
                                  "she keeps saying 没事 but looks pale", "My knee, Monday, swelled up again"])
def test_look_alikes_of_transliterated_and_appositive_names_stay(text):
    assert deidentify(text).text == text


@pytest.mark.parametrize("text, name", [
    ("hey its oksana. my ear is blocked", "oksana"), ("my brother tariq fell off a ladder", "tariq"),
    ("Tomasz here. rash on my arms", "Tomasz"), ("Lao Wang upstairs has chest pain", "Wang"), ("李奶奶昨天摔了一跤", "李奶奶"),
    ("我家小胖三岁，发烧两天", "小胖"), ("Ilse, 52, lump in my armpit for a month", "Ilse"),
    ("我家糖豆儿四岁，咳嗽一周", "糖豆儿"), ("my 3yo Rufus fell off the sofa", "Rufus"), ("Joy - sore throat for two days", "Joy"),
    ("checked on mrs adeyemi next door, she has a fever", "adeyemi")])
def test_greetings_verbs_after_names_titles_and_familiar_forms_find_the_name(text, name):
    cleaned = deidentify(text).text
    assert name not in cleaned and "[NAME]" in cleaned, cleaned


@pytest.mark.parametrize("text", ["我奶奶摔了一跤", "我家小孩发烧两天", "hi im tired. cough for a week", "my son still has a cough",
                                  "我家孩子三岁，发烧", "我家老大七岁，咳嗽", "Update - the rash is fading"])
def test_relation_words_and_plain_greetings_stay(text):
    assert deidentify(text).text == text


@pytest.mark.parametrize("text, name", [
    ("Bartosz has had a cough for three weeks", "Bartosz"), ("my neighbour anjali slipped on the ice", "anjali"),
    ("Aoife and Chidi both have diarrhoea", "Chidi"), ("Oluwaseun says his ear is blocked", "Oluwaseun"),
    ("I think Thandiwe has conjunctivitis", "Thandiwe")])
def test_first_names_of_other_countries_are_removed(text, name):
    cleaned = deidentify(text).text
    assert name not in cleaned and "[NAME]" in cleaned, cleaned


@pytest.mark.parametrize("text", ["Since Monday my chest hurts", "Fever and a rash since Tuesday", "Mum says the Calpol helps",
                                  "Ramadan fasting and now I feel faint", "my neighbour fell on the ice"])
def test_everyday_capitalised_words_and_medicines_stay(text):
    assert deidentify(text).text == text


@pytest.mark.parametrize("text, name", [
    ("its dave, 58, sore throat for a week", "dave"), ("my lil one nia (2) has a runny nose", "nia"),
    ("孩子叫豆芽，三岁，发烧了", "豆芽"), ("grandad stan (88) is off his food", "stan")])
def test_openings_bracketed_ages_and_called_before_an_age_find_the_name(text, name):
    cleaned = deidentify(text).text
    assert name not in cleaned and "[NAME]" in cleaned, cleaned


@pytest.mark.parametrize("text", ["im exhausted, 3 kids and a cough", "its worse, 2 days now", "他疼得叫了一声，三天了"])
def test_openings_that_are_not_names_stay(text):
    assert deidentify(text).text == text


@pytest.mark.parametrize("text, name", [("宇轩肚子疼了一晚上", "宇轩"), ("今天早上起来，明轩发烧了", "明轩")])
def test_a_given_name_opening_a_clause_is_removed(text, name):
    cleaned = deidentify(text).text
    assert name not in cleaned and "[NAME]" in cleaned, cleaned


@pytest.mark.parametrize("text", ["布洛芬吃了也不管用", "大姨妈推迟了一周", "嗓子疼，咳嗽"])
def test_everyday_words_opening_a_clause_stay(text):
    assert deidentify(text).text == text


@pytest.mark.parametrize("text, name", [
    ("the baby is fine, her name's Maisie, but I feel awful", "Maisie"), ("我同事姓欧阳，发烧三天了", "欧阳"),
    ("我家三岁的果果发烧了", "果果"), ("uncle stan's leg is swollen", "stan"), ("my mate kofi sprained his wrist", "kofi"),
    ("我小姨子志华发烧了", "志华")])
def test_more_name_forms_are_removed(text, name):
    cleaned = deidentify(text).text
    assert name not in cleaned and "[NAME]" in cleaned, cleaned


@pytest.mark.parametrize("text", ["my nan has dementia", "auntie has a cold", "my mate just twisted his ankle", "老百姓看病难",
                                  "我家三岁的孩子发烧了"])
def test_kinship_words_without_a_name_stay(text):
    assert deidentify(text).text == text


@pytest.mark.parametrize("text, name", [
    ("maya 10 months, rash on her cheeks", "maya"), ("思远6个月，拉肚子两天", "思远"), ("我跟安娜昨天都吐了", "安娜"),
    ("邻居家的艾玛摔了一跤", "艾玛")])
def test_names_before_an_age_and_after_and_are_removed(text, name):
    cleaned = deidentify(text).text
    assert name not in cleaned and "[NAME]" in cleaned, cleaned


@pytest.mark.parametrize("text", ["患者45岁，男", "我今年28岁", "咳嗽3个月了", "我家的狗三岁了", "我和妈妈去医院", "cough 3 weeks"])
def test_ages_and_durations_after_ordinary_words_stay(text):
    assert deidentify(text).text == text


@pytest.mark.parametrize("text, name", [
    ("我男朋友乐乐昨晚开始拉肚子", "乐乐"), ("可晓雯自己不想去医院", "晓雯"), ("楼下的王胖子摔了一跤", "王胖子"),
    ("my bf tomasz has a fever", "tomasz"), ("我公公老黄，今年快八十了", "老黄"), ("隔壁老黄说他头疼", "老黄"), ("我家宝宝小米，十个月，流口水", "小米"),
    ("我闺女豆包，两岁半，咳嗽", "豆包"), ("we found lice in priya's hair", "priya"), ("我外甥豆豆办满月酒", "豆豆"),
    ("跟老黄在河边钓鱼", "老黄"), ("我家5岁的小胖打呼噜", "小胖")])
def test_names_after_partners_conjunctions_nicknames_and_ages_are_removed(text, name):
    cleaned = deidentify(text).text
    assert name not in cleaned and "[NAME]" in cleaned, cleaned


@pytest.mark.parametrize("text", ["我妈老是咳嗽", "我儿子小时候哮喘", "我家宝宝发烧，三岁", "他血压老高", "三岁的小朋友发烧",
                                  "五岁的小孩咳嗽", "the dog's ear is red", "和老公一起去的"])
def test_adverbs_symptoms_children_words_and_pets_stay(text):
    assert deidentify(text).text == text



@pytest.mark.parametrize("text, name", [("our labrador Biscuit has been limping, and I have a cough", "Biscuit"),
                                        ("my cat, Marmalade, scratched my hand", "Marmalade"),
                                        ("I tripped over Noodle, our terrier, and hurt my wrist", "Noodle"),
                                        ("邻居家的狗豆沙咬了我一口", "豆沙"), ("我们家那只猫咪年糕总往床上跳", "年糕"),
                                        ("我家妞妞屁股红了", "妞妞"), ("fitz's new trainers rubbed a blister", "fitz")])
def test_a_pet_s_name_and_a_possessive_opening_are_removed(text, name):
    from agents.medical_triage.deid import redact

    cleaned = redact(text)
    assert name not in cleaned and "[NAME]" in cleaned


@pytest.mark.parametrize("text", ["我家狗狗身上起了疹子", "猫咪今天不吃东西", "被猫抓伤了手", "我家妹妹发烧了",
                                  "mum's knee is swollen", "the dog I walk bit me"])
def test_animal_and_kin_words_are_not_names(text):
    from agents.medical_triage.deid import redact

    assert "[NAME]" not in redact(text)


@pytest.mark.parametrize("text, name", [("this is about Tendai's knees, sorry", "Tendai"),
                                        ("chasing Biscuit, that's our terrier", "Biscuit"),
                                        ("fergus 34 big guy, sharp pain in his chest", "fergus"),
                                        ("kwesi snores all night and stops breathing", "kwesi"),
                                        ("邝美玲8岁，发烧两天", "邝美玲"), ("隔壁冼叔叔摔了一跤", "冼")])
def test_names_by_their_possessive_age_verb_or_title(text, name):
    from agents.medical_triage.deid import redact

    cleaned = redact(text)
    assert name not in cleaned and "[NAME]" in cleaned


@pytest.mark.parametrize("text", ["he has Crohn's disease and Parkinson's tremor", "temp 38 all day, chills",
                                  "mum 85 fell in the kitchen", "高龄80岁，血压高"])
def test_eponyms_units_and_ages_are_not_names(text):
    from agents.medical_triage.deid import redact

    assert "[NAME]" not in redact(text)


@pytest.mark.parametrize("text, name", [("我是替我外甥小凯问的，他十岁", "小凯"), ("家里养了只猫叫汤圆，养了三年了", "汤圆"),
                                        ("老是口腔溃疡，一个月两三次 —秀芝", "秀芝"),
                                        ("ear still blocked after the drops, im 52. faisal", "faisal"),
                                        ("rohan sprained his ankle at football", "rohan")])
def test_names_after_kin_a_cat_called_a_dash_or_a_last_sentence(text, name):
    from agents.medical_triage.deid import redact

    cleaned = redact(text)
    assert name not in cleaned and "[NAME]" in cleaned


@pytest.mark.parametrize("text", ["狗叫了一晚上，我头疼", "ear feels blocked. thanks", "coughing all night. again"])
def test_barking_and_closing_words_are_not_names(text):
    from agents.medical_triage.deid import redact

    assert "[NAME]" not in redact(text)


@pytest.mark.parametrize("text, name", [("my teammate Tavish's ankle is the size of a grapefruit", "Tavish"),
                                        ("Her little brother Anselmo, he's six, has a rash", "Anselmo"),
                                        ("my sister kiri's fainted twice today", "kiri"),
                                        ("我姓亓，大家叫我老亓", "亓")])
def test_names_after_an_adjective_kin_word_a_possessive_or_call_me(text, name):
    from agents.medical_triage.deid import redact

    cleaned = redact(text)
    assert name not in cleaned and "[NAME]" in cleaned


@pytest.mark.parametrize("text, name", [("our wrenna is 14 months and has a barky cough", "wrenna"),
                                        ("baby thiago 5 months, bit snuffly", "thiago"),
                                        ("headache since i got back from maelle's birthday", "maelle"),
                                        ("我家栓子十二了，肚子疼", "栓子"), ("我们家老甄今年七十九了，摔了一跤", "老甄"),
                                        ("一航两岁三个月了，还不太会说话", "一航"), ("我家猫白糖吐了两回", "白糖")])
def test_lower_case_names_where_only_a_name_fits_and_chinese_home_names(text, name):
    from agents.medical_triage.deid import redact

    cleaned = redact(text)
    assert name not in cleaned and "[NAME]" in cleaned


@pytest.mark.parametrize("text", ["our baby is 7 months and teething", "my little one is 2 years old",
                                  "felt sick after work's christmas party", "我家孩子十二了，肚子疼", "一天一岁的宝宝"])
def test_relations_and_places_in_those_positions_are_not_names(text):
    from agents.medical_triage.deid import redact

    assert "[NAME]" not in redact(text)


@pytest.mark.parametrize("text, name", [("我家小萝卜三岁半，便秘一个礼拜了", "小萝卜"), ("my gf amara just had some peanuts", "amara"),
                                        ("sore throat for a week, no fever. 38. Ottilie", "Ottilie"),
                                        ("can i get something from the chemist? cheers, Fenwick", "Fenwick"),
                                        ("little Oisin's heel is swollen", "Oisin"), ("我老公志坚昨天摔了一跤", "志坚")])
def test_familiar_names_with_a_body_word_adverb_after_the_name_sign_offs_and_given_names_after_kin(text, name):
    from agents.medical_triage.deid import redact

    cleaned = redact(text)
    assert name not in cleaned and "[NAME]" in cleaned


@pytest.mark.parametrize("text", ["我老公身体一直不好", "我妈现在在医院", "it hurts. Thanks", "my knee is sore. Help",
                                  "my bf just had a fit"])
def test_everyday_words_in_those_positions_are_not_names(text):
    from agents.medical_triage.deid import redact

    assert "[NAME]" not in redact(text)


@pytest.mark.parametrize("text, name", [("my cousin rhydian 41 has had chest pain", "rhydian"),
                                        ("tegan's had a rash since sunday", "tegan"),
                                        ("my bf lorcan did a half marathon and his knee is sore", "lorcan"),
                                        ("我们家老逯60，最近老咳嗽", "老逯"), ("邻居大姐叫甘秀琴，今年七十了", "甘秀琴")])
def test_lower_case_names_before_an_age_or_s_had_and_full_names_after_jiao(text, name):
    from agents.medical_triage.deid import redact

    cleaned = redact(text)
    assert name not in cleaned and "[NAME]" in cleaned


@pytest.mark.parametrize("text", ["it's been 3 days", "my husband aged 54 is thirsty", "he's had a cough",
                                  "叫救护车，", "我想叫外卖，", "my wife 3 days ago fell"])
def test_pronouns_ages_and_errands_are_not_names(text):
    from agents.medical_triage.deid import redact

    assert "[NAME]" not in redact(text)


@pytest.mark.parametrize("text, name", [("zenzile got a splinter under her nail", "zenzile"),
                                        ("grandpa ruaraidh 79 has swollen ankles", "ruaraidh"),
                                        ("asking for my aunt ysolde, dizzy since lunch", "ysolde"),
                                        ("ianthe's knee is swollen after netball", "ianthe"),
                                        ("we call her Bibi, she's six", "Bibi"),
                                        ("想问问我婆婆的事，房秀梅，七十一了", "房秀梅"), ("我祁秋菊，腰疼了半个月", "祁秋菊"),
                                        ("缪芷晴早上起来就咳嗽", "缪芷晴")])
def test_names_no_list_holds_where_no_english_word_fits_and_full_names_jieba_cuts_apart(text, name):
    from agents.medical_triage.deid import redact
    from agents.medical_triage.deid_names import is_lower_case_first_name

    if name.isascii() and name.islower():  # the name lists do not hold it: the English word lists decide
        assert not is_lower_case_first_name(name, True)
    cleaned = redact(text)
    assert name not in cleaned and "[NAME]" in cleaned


@pytest.mark.parametrize("text", ["toddler fell off the sofa", "hubby has a cough", "bubba got a rash",
                                  "flatmate has flu", "gran had a fall", "doesnt hurt at all", "calpol didnt help",
                                  "everyone got food poisoning", "我妈今年七十，腰疼", "黄疸还没退，宝宝三天了"])
def test_kin_chat_words_contractions_and_medicines_in_a_name_s_place_stay(text):
    from agents.medical_triage.deid import redact

    assert "[NAME]" not in redact(text)


@pytest.mark.parametrize("text, name", [("My dad, Błażej, he's seventy", "Błażej"), ("my wife Małgosia has a cough", "Małgosia"),
                                        ("dominik (my son, 12) twisted his ankle", "dominik"),
                                        ("mum aušra (61) has a bad cough", "aušra"),
                                        ("ji-woo is 3 weeks old and very sleepy", "ji-woo"),
                                        ("小芒果胳膊上起了好多红点，五岁", "小芒果"), ("朵朵出生二十天，黄疸还没退", "朵朵")])
def test_names_with_diacritics_in_brackets_before_an_age_and_chinese_pet_names_opening(text, name):
    from agents.medical_triage.deid import redact

    cleaned = redact(text)
    assert name not in cleaned and "[NAME]" in cleaned


def test_letters_with_diacritics_outside_a_name_are_kept():
    from agents.medical_triage.deid import redact

    assert redact("a café-au-lait patch on the arm, naïve question") == "a café-au-lait patch on the arm, naïve question"
    assert redact("我家小孩子头疼") == "我家小孩子头疼"


@pytest.mark.parametrize("text, name", [("Wanjiru has a hard lump on her wrist", "Wanjiru"),
                                        ("my grandpa Lachlan's knee is swollen", "Lachlan"),
                                        ("我女儿囡囡，大名阙思雨，九岁，发烧了", "阙思雨")])
def test_an_unknown_capitalised_opening_subject_a_name_after_a_kinship_title_and_a_formal_name(text, name):
    from agents.medical_triage.deid import redact

    cleaned = redact(text)
    assert name not in cleaned and "[NAME]" in cleaned


@pytest.mark.parametrize("text", ["白天总是没精神", "产检的时候医生说我血压有点高", "犯不着麻烦医生", "Nothing has helped",
                                  "Everyone has the flu", "Mum has a cough"])
def test_words_that_only_look_like_a_surname_and_a_title_or_an_opening_name_stay(text):
    from agents.medical_triage.deid import redact

    assert redact(text) == text


@pytest.mark.parametrize("text, name", [("the cat scratched nkechi on the arm last night", "nkechi"),
                                        ("隔壁的猫把小蕊手抓破了", "小蕊"),
                                        ("替邻居周淑芬问一下，她血压高", "周淑芬"),
                                        ("我在医院陪护孙玉梅，她八十了", "孙玉梅"),
                                        ("小胖咳嗽三天了", "小胖")])
def test_a_name_as_the_object_of_a_verb_and_a_chubby_nickname_with_a_health_character(text, name):
    from agents.medical_triage.deid import redact

    cleaned = redact(text)
    assert name not in cleaned and "[NAME]" in cleaned


@pytest.mark.parametrize("text", ["媳妇说我把脚气传给全家了", "the dog bit him on the leg", "the ball hit rock on the head",
                                  "被小狗咬了一口", "把小腿抬高一点"])
def test_everyday_words_after_those_verbs_stay(text):
    from agents.medical_triage.deid import redact

    assert redact(text) == text


@pytest.mark.parametrize("text, name", [("ravi fell off the wall and his arm looks bent", "ravi"),
                                        ("found a tick on declan this morning", "declan"),
                                        ("我哥阿伟昨天摔了一跤", "阿伟"),
                                        ("我家豆芽六周 老打喷嚏", "豆芽"),
                                        ("我家老大朵朵5岁 咳嗽", "朵朵")])
def test_a_lower_case_name_opening_or_after_on_a_single_kin_character_and_a_name_straight_before_an_age(text, name):
    from agents.medical_triage.deid import redact

    cleaned = redact(text)
    assert name not in cleaned and "[NAME]" in cleaned


@pytest.mark.parametrize("text", ["宝宝出生3周，脸上长了小红点", "我哥们儿说让我去看看", "孩子今年5岁", "rash on arms this morning",
                                  "nothing has helped"])
def test_birth_time_words_and_a_mate_stay(text):
    from agents.medical_triage.deid import redact

    assert redact(text) == text


@pytest.mark.parametrize("text, name", [("asking for declan - he cut his thumb", "declan"),
                                        ("thanks so much for any help. siobhan x", "siobhan"),
                                        ("看见妞妞揉眼睛", "妞妞"),
                                        ("我们班的刘子墨今天吐了", "刘子墨")])
def test_a_name_after_asking_for_before_a_kiss_after_seeing_and_of_a_class(text, name):
    from agents.medical_triage.deid import redact

    cleaned = redact(text)
    assert name not in cleaned and "[NAME]" in cleaned


@pytest.mark.parametrize("text", ["asking for a friend - is this ok", "love you x", "我们公司的高血压患者不少"])
def test_a_friend_a_kiss_and_a_condition_of_a_workplace_stay(text):
    from agents.medical_triage.deid import redact

    assert redact(text) == text


@pytest.mark.parametrize("text, name", [("our cat scratched daisy on the arm last night", "daisy"),
                                        ("sue 58 - my knees creak on the stairs", "sue"),
                                        ("鹅啄了圆圆的手，破了点皮", "圆圆")])
def test_a_name_hurt_on_a_body_part_and_a_name_opening_before_a_bare_age(text, name):
    from agents.medical_triage.deid import redact

    cleaned = redact(text)
    assert name not in cleaned and "[NAME]" in cleaned


@pytest.mark.parametrize("text", ["a wasp stung him on the hand", "bit my tongue on the left side", "蚊子咬了宝宝的脸",
                                  "猫抓了妈妈的手"])
def test_a_pronoun_a_kin_word_and_a_baby_hurt_on_a_body_part_stay(text):
    from agents.medical_triage.deid import redact

    assert redact(text) == text


@pytest.mark.parametrize("text, cleaned", [("楼下独居的刘大爷90了 家里很冷", "楼下独居的[NAME]90了 家里很冷"),
                                           ("对于总是头疼的人有什么建议", "对于总是头疼的人有什么建议")])
def test_a_surname_straight_before_a_title_and_always_is_no_title(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [("steve (hubby, 61) has crushing chest pain", "[NAME] (hubby, 61) has crushing chest pain"),
                                           ("mia (4, my niece) has a rash", "[NAME] (4, my niece) has a rash"),
                                           ("cough (since monday) and fever", "cough (since monday) and fever"),
                                           ("headache (2 days) and sick", "headache (2 days) and sick")])
def test_a_lower_case_name_before_who_the_person_is_or_their_age_in_brackets(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [("going round nursery, zara 2 has spots on her hands", "going round nursery, [NAME] 2 has spots on her hands"),
                                           ("fever since monday, day 2 has been worse", "fever since monday, day 2 has been worse"),
                                           ("跟怀老大糖糖那会儿一样", "跟怀老大[NAME]那会儿一样"),
                                           ("老大天天咳嗽", "老大天天咳嗽")])
def test_a_lower_case_name_and_bare_age_in_a_later_clause_and_a_doubled_name_after_the_eldest(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [("还给我妈和他女儿妞妞各写了一封信", "还给我妈和他女儿[NAME]各写了一封信"),
                                           ("怀我儿子多多的时候也是这样", "怀我儿子[NAME]的时候也是这样"),
                                           ("儿子多多吃点就好", "儿子多多吃点就好"),
                                           ("女儿天天哭", "女儿天天哭")])
def test_a_conjunction_is_no_surname_and_a_doubled_adverb_is_a_name_when_a_name_s_ending_follows(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [("feel faint 😢 partner jamal at work", "feel faint 😢 partner [NAME] at work"),
                                           ("partner says go to a&e", "partner says go to a&e"),
                                           ("我姐秀芳正往这边赶", "我姐[NAME]正往这边赶"),
                                           ("我哥们儿大伟说喝杯牛奶就好了", "我哥们儿[NAME]说喝杯牛奶就好了"),
                                           ("我姐正在赶过来", "我姐正在赶过来")])
def test_a_name_after_a_partner_word_a_sister_on_her_way_and_a_mate(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [("我儿子五岁，小名叫石头。这几天老喊屁股痒", "我儿子五岁，小名叫[NAME]。这几天老喊屁股痒"),
                                           ("他大名叫王大头，小名叫头头。", "他大名叫[NAME]头，小名叫[NAME]。"),
                                           ("孩子叫肚子疼。", "孩子叫肚子疼。")])
def test_a_word_that_stops_a_name_elsewhere_is_the_name_after_a_nickname_cue(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [("你好，我女儿十一岁，叫可欣。最近特别能喝水", "你好，我女儿十一岁，叫[NAME]。最近特别能喝水"),
                                           ("孩子三岁，叫了救护车。", "孩子三岁，叫了救护车。")])
def test_a_name_said_after_the_age(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a given name after someone set off by commas, or before an age told roughly
    ("问一位顾客，一个大姐，叫淑芬，四十来岁", "问一位顾客，一个大姐，叫[NAME]，四十来岁"),
    ("我们车间的师傅叫建军，五十多岁", "我们车间的师傅叫[NAME]，五十多岁"),
    ("旁边一个大姐，叫医生，快点", "旁边一个大姐，叫医生，快点"),
    ("那个大爷叫唤了一晚上", "那个大爷叫唤了一晚上"),
])
def test_a_given_name_after_someone_and_a_comma_or_before_a_rough_age(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a doubled pet name before a bare age; a familiar name joined by 和 to a name, or before 她们
    ("儿子乐乐15，肚子疼", "儿子[NAME]15，肚子疼"),
    ("孩子姥姥67，鼻子不通气", "孩子姥姥67，鼻子不通气"),
    ("女儿天天10点睡，", "女儿天天10点睡，"),
    ("同事大刘和小梅也都拉上了", "同事[NAME]和[NAME]也都拉上了"),
    ("同事大刘和小孩都拉了", "同事[NAME]和小孩都拉了"),
    ("说好去帮小芸她们洗车", "说好去帮[NAME]她们洗车"),
    ("小姨她们都来了", "小姨她们都来了"),
    ("学员乐乐12岁游泳呛水了", "学员[NAME]12岁游泳呛水了"),
    # a 老/小 and surname set off by commas after who the person is; someone "called X"; a classmate before the age
    ("问问我妈，老周，七十六了", "问问我妈，[NAME]，七十六了"),
    ("我爸，老人家，七十了", "我爸，老人家，七十了"),
    ("有个叫子轩的说我得去医院", "有个叫[NAME]的说我得去医院"),
    ("有个叫医生的说", "有个叫医生的说"),
    ("我们班的梓涵，十二岁，一型糖尿病", "我们班的[NAME]，十二岁，一型糖尿病"),
    ("我们班的同学，十三岁", "我们班的同学，十三岁"),
    ("me n chloe both got sore arms", "me n [NAME] both got sore arms"),
    ("me n the kids were sick", "me n the kids were sick"),
    # a cycling or running mate is who the person is, like a workmate
    ("骑友小胖在匝道口摔车了", "骑友[NAME]在匝道口摔车了"),
    # two characters given names are made of, after who the person is, even where jieba cuts them as other words
    ("我老公建军天天给我贴膏药", "我老公[NAME]天天给我贴膏药"),
    ("我闺女欣怡十四，上初二", "我闺女[NAME]十四，上初二"),
    ("我妈美丽得很", "我妈美丽得很"),
])
def test_a_doubled_pet_name_before_a_bare_age_and_familiar_names_beside_others(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [("宝宝三个月，发烧38度", "宝宝三个月，发烧38度"),
                                           ("儿子天天9岁", "儿子[NAME]9岁")])
def test_baby_itself_is_never_a_doubled_name(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [("上礼拜哥们儿大壮过生日我都没好意思去", "上礼拜哥们儿[NAME]过生日我都没好意思去"),
                                           ("我妈生日快到了", "我妈生日快到了")])
def test_a_given_name_before_a_birthday(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [("老伴儿秀梅说我电视开得太响", "老伴儿[NAME]说我电视开得太响"),
                                           ("我姥爷王德福，八十二了", "我姥爷[NAME]，八十二了"),
                                           ("我姥姥今天摔了", "我姥姥今天摔了")])
def test_a_name_after_kin_words_with_er_or_of_the_mother_s_side(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("think freddie 2 swallowed a button battery", "think [NAME] 2 swallowed a button battery"),
    ("daughter poppy 4 has chickenpox", "daughter [NAME] 4 has chickenpox"),
    ("daughter has 3 spots on her arm", "daughter has 3 spots on her arm"),
    ("我小孙女小雪一看见我就叫起来了", "我小孙女[NAME]一看见我就叫起来了"),
    ("她十天前刚生了我们儿子米粒，一切都挺好", "她十天前刚生了我们儿子[NAME]，一切都挺好"),
    ("我媳妇红梅一直催我去看", "我媳妇[NAME]一直催我去看"),
    ("我表哥建军有乳糜泻", "我表哥[NAME]有乳糜泻"),
    ("我老公身体有点虚", "我老公身体有点虚"),
    ("孩子小腿抽筋", "孩子小腿抽筋"),
])
def test_names_opening_a_message_after_a_bare_relation_a_newborn_and_dictionary_words_after_kin(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("是我老伴儿凤兰逼着我打的", "是我老伴儿[NAME]逼着我打的"),
    ("我儿子嘟嘟说抹点牙膏就好", "我儿子[NAME]说抹点牙膏就好"),
    ("我妈天天说我", "我妈天天说我"),
    ("Our other flatmate Jonty says everyone has had it", "Our other flatmate [NAME] says everyone has had it"),
])
def test_a_name_before_a_verb_of_urging_a_doubled_pet_name_and_a_relation_with_an_adjective(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("我问问我闺女可欣，十九了。她昨天去海边", "我问问我闺女[NAME]，十九了。她昨天去海边"),
    ("等我姐秀梅下班回来再说", "等我姐[NAME]下班回来再说"),
    ("我姐丽娜41，左边乳房摸着一个硬疙瘩", "我姐[NAME]41，左边乳房摸着一个硬疙瘩"),
    ("一块儿游泳的小雅说她每年都这样", "一块儿游泳的[NAME]说她每年都这样"),
    ("路上好几个钟头，皮皮8岁、妮妮5岁，一坐车就晕", "路上好几个钟头，[NAME]8岁、[NAME]5岁，一坐车就晕"),
    ("long drive sat, eli 8 n mae 5 always get car sick", "long drive sat, [NAME] 8 n [NAME] 5 always get car sick"),
    ("后脑勺发现两块圆圆的秃斑", "后脑勺发现两块圆圆的秃斑"),
    ("bread n 2 eggs and milk", "bread n 2 eggs and milk"),
])
def test_names_before_a_bare_age_work_or_saying_doubled_names_in_a_list_and_children_joined_by_n(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("我老姐妹秀兰说咱这岁数就是干的", "我老姐妹[NAME]说咱这岁数就是干的"),
    ("我老公大军在上班", "我老公[NAME]在上班"),
    ("我老公单位在体检", "我老公单位在体检"),
])
def test_a_name_after_an_old_friend_and_a_common_word_given_as_a_name_after_a_spouse(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("等会儿她女儿建英来了再说", "等会儿她女儿[NAME]来了再说"),
    ("我哥们儿大鹏手上有药", "我哥们儿[NAME]手上有药"),
    ("我劝了半天，强子，你就去看看吧", "我劝了半天，[NAME]，你就去看看吧"),
    ("我跟她说，宝贝，你别怕", "我跟她说，宝贝，你别怕"),
    ("大姨妈又来了，肚子疼", "大姨妈又来了，肚子疼"),
    ("他爸妈都在外地", "他爸妈都在外地"),
])
def test_a_name_before_coming_a_mates_name_a_name_called_out_and_words_that_are_no_names(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("我表姐秋月在家里", "我表姐[NAME]在家里"),
    ("我舅舅国庆说没事", "我舅舅[NAME]说没事"),
    ("小姨秀兰让我停药", "小姨[NAME]让我停药"),
    ("工友大勇发烧了", "工友[NAME]发烧了"),
    ("我同事强子，三十岁，牙疼", "我同事[NAME]，三十岁，牙疼"),
    ("家里3岁的小满发烧", "家里3岁的[NAME]发烧"),
    ("家里3岁的孩子发烧", "家里3岁的孩子发烧"),
    ("卫东，你先坐下", "[NAME]，你先坐下"),
    ("帮我老公问下，31岁，摸到个疙瘩", "帮我老公问下，31岁，摸到个疙瘩"),
    ("我右小腿后面有颗痣，我左小腿也有", "我右小腿后面有颗痣，我左小腿也有"),
])
def test_names_after_more_relations_a_rare_time_word_a_name_opening_an_address_and_a_side_of_the_body(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("跟我妯娌美华提了一嘴", "跟我妯娌[NAME]提了一嘴"),
    ("问问我老伴儿建国，七十五了。", "问问我老伴儿[NAME]，七十五了。"),
    ("我儿子四岁，叫小乐。", "我儿子四岁，叫[NAME]。"),
    ("肚子疼，叫小便的时候也疼", "肚子疼，叫小便的时候也疼"),
])
def test_a_sister_in_laws_name_a_spouses_name_before_an_age_and_a_familiar_name_after_called(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("合唱团团长郑国平说是嗓子累的", "合唱团团长[NAME]说是嗓子累的"),
    ("老伙计钱志强让我多喝水", "老伙计[NAME]让我多喝水"),
    ("周末跟哥们儿大壮去爬山", "周末跟哥们儿[NAME]去爬山"),
    ("昨晚跟男朋友大吵了一架", "昨晚跟男朋友大吵了一架"),
    ("同事大家都说是流感", "同事大家都说是流感"),
])
def test_a_full_name_after_a_leader_or_an_old_mate_and_a_big_nickname_after_a_mate(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("我问问我老伴儿秋生，他七十了。", "我问问我老伴儿[NAME]，他七十了。"),
    ("我闺蜜雅婷一口咬定是过敏", "我闺蜜[NAME]一口咬定是过敏"),
    ("我哥们儿大军说多喝水就好", "我哥们儿[NAME]说多喝水就好"),
    # 大 and a common word after a close mate is a nickname, but not a time of day or year
    ("发小大军上周搬家把腰扭了", "发小[NAME]上周搬家把腰扭了"),
    ("哥们大中午跑来找我喝酒", "哥们大中午跑来找我喝酒"),
    # 弟弟 is who the person is, not 我弟 and a name starting with 弟
    ("我弟弟小刚来看我，小刚说我发烧了", "我弟弟[NAME]来看我，[NAME]说我发烧了"),
    # a neighbour named by what she sells, then 姐
    ("隔壁卖烤红薯的秀芬姐说不要紧", "隔壁卖烤红薯的[NAME]姐说不要紧"),
    # a son's name before the work he does; a negation or 自己 after the son is no name
    ("重活基本都是儿子大军干。", "重活基本都是儿子[NAME]干。"),
    ("我儿子不爱干。", "我儿子不爱干。"),
    # a spouse's name before what they object to; a balloon pilot's lower-case name before an age
    ("我老公建国嫌他岁数大，非要去急诊", "我老公[NAME]嫌他岁数大，非要去急诊"),
    ("我老公也嫌麻烦", "我老公也嫌麻烦"),
    ("our pilot gaz 45 burner flared up in his face", "our pilot [NAME] 45 burner flared up in his face"),
    ("跟三个哥们儿自驾出去玩了几天", "跟三个哥们儿自驾出去玩了几天"),
    ("就怕跟我姐素芬似的", "就怕跟我姐[NAME]似的"),
    ("隔壁班一个男孩叫浩宇，也得了", "隔壁班一个男孩叫[NAME]，也得了"),
    ("孩子叫不醒，怎么办", "孩子叫不醒，怎么办"),
    ("半夜他把我叫醒，说肚子疼", "半夜他把我叫醒，说肚子疼"),
    ("我在我奶奶家呢，她八十了", "我在我奶奶家呢，她八十了"),
])
def test_a_name_before_he_or_she_an_insistent_friend_a_comparison_and_someone_called_but_not_a_call_to_wake(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("我跟我老公永强都咳嗽", "我跟我老公[NAME]都咳嗽"),
    ("我老公国华出差了", "我老公[NAME]出差了"),
    ("女儿诗涵明天要考试", "女儿[NAME]明天要考试"),
    ("跟我老公吵架了", "跟我老公吵架了"),
])
def test_a_spouse_named_after_with_and_a_name_before_a_trip_or_tomorrow(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("上周跟我姐秀云一起去爬山，膝盖就疼上了", "上周跟我姐[NAME]一起去爬山，膝盖就疼上了"),
    ("我跟同学一起去踢球把脚崴了", "我跟同学一起去踢球把脚崴了"),
    ("和我哥一块儿去的，他没事", "和我哥一块儿去的，他没事"),
])
def test_one_s_own_brother_or_sister_named_after_with_before_together(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("我儿子浩宇今年九岁，昨天开始发烧", "我儿子[NAME]今年九岁，昨天开始发烧"),
    ("老公志明二型糖尿病十年了", "老公[NAME]二型糖尿病十年了"),
    ("我女儿今年16，一直挺好", "我女儿今年16，一直挺好"),
])
def test_a_name_after_kin_before_this_year_or_the_type_of_diabetes(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("楼里的人都叫她玉梅阿姨，七十多了，昨晚摔了一跤", "楼里的人都叫她[NAME]阿姨，七十多了，昨晚摔了一跤"),
    ("带他去找隔壁班的春燕老师", "带他去找隔壁班的[NAME]老师"),
    # a job, a school subject or a place before the title is no name
    ("值班的护工阿姨说他一直咳嗽", "值班的护工阿姨说他一直咳嗽"),
    ("教他的数学老师说他上课老揉眼睛", "教他的数学老师说他上课老揉眼睛"),
    ("我的奶奶八十了", "我的奶奶八十了"),
])
def test_a_given_name_before_a_title_of_respect(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("楼上的美凤说这是着凉了", "楼上的[NAME]说这是着凉了"),
    ("邻居家的翠萍劝我去拍个片子", "邻居家的[NAME]劝我去拍个片子"),
    # who the neighbour is, not their name
    ("隔壁的大妈说多喝水就好", "隔壁的大妈说多喝水就好"),
    ("对门的医生说没事", "对门的医生说没事"),
])
def test_a_given_name_after_the_neighbour_who_it_is(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("跟生老二阿福那会儿一样", "跟生老二[NAME]那会儿一样"),
    ("老大小鱼今年上初中了", "老大[NAME]今年上初中了"),
    # a size, then no name ("针眼那么大的小孔")
    ("指头上一个芝麻那么大的小泡", "指头上一个芝麻那么大的小泡"),
    ("我家老三果果都七岁了，还尿床", "我家老三[NAME]都七岁了，还尿床"),
    # which child it is, then no name
    ("老大小时候也这样", "老大小时候也这样"),
    ("老二也咳嗽", "老二也咳嗽"),
])
def test_a_name_after_which_child_it_is(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("你好，我叫子涵，三十一，从小就有哮喘", "你好，我叫[NAME]，三十一，从小就有哮喘"),
    ("我叫孩子，他不理我", "我叫孩子，他不理我"),
    ("老师把我叫到一边，说她上课老走神", "老师把我叫到一边，说她上课老走神"),
])
def test_a_name_given_after_i_am_called_even_when_it_begins_like_a_common_word(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("闺女安安9个月在长牙", "闺女[NAME]9个月在长牙"),
    ("闺女安安九个月在长牙", "闺女[NAME]九个月在长牙"),
])
def test_an_age_straight_after_a_name_is_kept(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("俺是替俺对象建军问的，他五十二了", "俺是替俺对象[NAME]问的，他五十二了"),
    ("我替我室友婉清问一下，她就在我旁边", "我替我室友[NAME]问一下，她就在我旁边"),
    ("我妈老是说我胖", "我妈老是说我胖"),
])
def test_a_name_before_asking_on_their_behalf(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("我替我妈问问，她七十了，最近老头晕", "我替我妈问问，她七十了，最近老头晕"),
    ("替我闺女问问，她发烧了", "替我闺女问问，她发烧了"),
    ("帮我爸查查，他血糖高", "帮我爸查查，他血糖高"),
    # a doubled pet name in the same place is still one
    ("我儿子嘟嘟说抹点牙膏就好", "我儿子[NAME]说抹点牙膏就好"),
    ("怀我儿子多多的时候", "怀我儿子[NAME]的时候"),
])
def test_a_doubled_verb_after_a_relation_is_no_name(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("外孙皮球7岁，摔了一跤", "外孙[NAME]7岁，摔了一跤"),
    ("我们队的李教练让我去拍片", "我们队的[NAME]让我去拍片"),
    ("赵指导说先冰敷", "[NAME]说先冰敷"),
    # a surname that is also a word of the sentence: "even the coach", "to the doctor"
    ("人迷迷糊糊的，连教练都不认识", "人迷迷糊糊的，连教练都不认识"),
])
def test_a_food_nickname_before_an_age_and_a_coach_by_surname(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("我老公建军和旁边一个打鱼的想把她抬上车", "我老公[NAME]和旁边一个打鱼的想把她抬上车"),
    ("我姐秀梅跟我说别担心", "我姐[NAME]跟我说别担心"),
    # an adverb in the same place is no name
    ("她妈妈私下跟我说，孩子最近老咳", "她妈妈私下跟我说，孩子最近老咳"),
])
def test_a_name_after_who_the_person_is_then_with_whom(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a name found once goes wherever it comes again, also one whose first character is a health word (红)
    ("她女儿红梅前两天来过，今天又给红梅打了电话", "她女儿[NAME]前两天来过，今天又给[NAME]打了电话"),
    ("小孩脸上红红的，我儿子红红前天也这样", "小孩脸上红红的，我儿子[NAME]前天也这样"),
    # a name after a spouse or a brother, then 是, driving, or years ago
    ("我爱人志刚是开货车的", "我爱人[NAME]是开货车的"),
    ("我老婆春燕开车送我来的", "我老婆[NAME]开车送我来的"),
    ("我弟老三前些年也查出来过", "我弟[NAME]前些年也查出来过"),
    ("我姐建华说多喝水", "我姐[NAME]说多喝水"),
    # 是 after a word that is no name
    ("孩子是不是着凉了", "孩子是不是着凉了"),
    ("对孩子也总是发脾气", "对孩子也总是发脾气"),
])
def test_a_name_again_and_after_a_spouse_or_brother(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("对门赵婶说拿艾草泡脚", "对门[NAME]说拿艾草泡脚"),
    ("楼下孙嫂子也这么说", "楼下[NAME]也这么说"),
    ("小区里都叫她兰姨", "小区里都叫她[NAME]"),
    ("他糊涂了，老喊我“桂珍”", "他糊涂了，老喊我“[NAME]”"),
    ("她烧糊涂了，叫了我好几回“小芳”", "她烧糊涂了，叫了我好几回“[NAME]”"),
    # what is shouted, a city, a mate and a call are no names
    ("他喊我“快跑”", "他喊我“快跑”"),
    ("他喊了我两声“快跑”", "他喊了我两声“快跑”"),
    ("刚从温哥华回来", "刚从温哥华回来"),
    ("跟哥们儿去爬山", "跟哥们儿去爬山"),
    ("喊他老听不见", "喊他老听不见"),
])
def test_a_neighbour_by_surname_and_title_and_a_name_called_out(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("took niece lily 4 to the park and she fell", "took niece [NAME] 4 to the park and she fell"),
    ("found grandson oscar 2 with the bottle open", "found grandson [NAME] 2 with the bottle open"),
    # a number that is a dose, a count or a time is no age
    ("son has 3 spots on his arm", "son has 3 spots on his arm"),
    ("gave the kid max 2 tablets a day", "gave the kid max 2 tablets a day"),
])
def test_a_lower_case_name_after_who_the_person_is_then_a_bare_age(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("crashed on callum's sofa and woke up stiff", "crashed on [NAME]'s sofa and woke up stiff"),
    ("itchy bumps since i stayed at ellie's", "itchy bumps since i stayed at [NAME]'s"),
    # a home that is no one's name
    ("stayed at mum's last night", "stayed at mum's last night"),
    ("我舍友甜甜说", "我舍友[NAME]说"),
    ("队里教练秀芬让我先冰敷", "队里教练[NAME]让我先冰敷"),
    # a coach or a landlord with no name
    ("教练说我跑得太快", "教练说我跑得太快"),
    ("同学们都去了", "同学们都去了"),
])
def test_a_name_for_a_home_and_after_a_flatmate_or_a_coach(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("几个男生，包括房主东子，说让她睡一觉", "几个男生，包括房主[NAME]，说让她睡一觉"),
    # a dish is no name, though jieba tags 宫保鸡 as one
    ("刚在食堂吃了宫保鸡丁，嘴唇肿了", "刚在食堂吃了宫保鸡丁，嘴唇肿了"),
])
def test_a_name_then_a_pause_and_said_and_a_dish_that_is_no_name(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a surname jieba reads as another word, before a given name it tags a person
    ("跟隔壁摊的何美玲一块儿支棚子", "跟隔壁摊的[NAME]一块儿支棚子"),
    # the given name of a full name found, said alone later
    ("在闺女郑丽娟家吃饭。丽娟让我躺会儿", "在闺女[NAME]家吃饭。[NAME]让我躺会儿"),
    # a mate's name, then riding off
    ("哥们儿大龙骑电动车摔了", "哥们儿[NAME]骑电动车摔了"),
    # a particle is in no name, though jieba tags 关了灯 one
    ("吃了药，关了灯躺会儿", "吃了药，关了灯躺会儿"),
])
def test_a_split_full_name_its_given_name_again_and_no_particle_in_a_name(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a husband's name, then his snoring
    ("我老公振华打呼噜跟打雷似的", "我老公[NAME]打呼噜跟打雷似的"),
    ("我老公睡觉打呼噜", "我老公睡觉打呼噜"),
    # what an older couple call each other, then the name
    ("老头子德顺把药放错了地方", "老头子[NAME]把药放错了地方"),
    ("老头子自己把药停了", "老头子自己把药停了"),
])
def test_a_name_after_a_husband_who_snores_and_after_an_old_man(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # moving in with one's spouse, named after 跟
    ("去年跟老伴儿桂芝搬进了新房子", "去年跟老伴儿[NAME]搬进了新房子"),
    ("我跟老伴儿一起搬进了新房子", "我跟老伴儿一起搬进了新房子"),
    # a classmate's name, then his mother
    ("他同学子轩的妈妈说要拍片子", "他同学[NAME]的妈妈说要拍片子"),
    # a doubled pet name after 的, before an age
    ("大的豆豆八岁，老二还小", "大的[NAME]八岁，老二还小"),
])
def test_a_spouse_named_after_gen_a_classmate_before_his_mother_and_a_pet_name_after_de(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


def test_a_care_home_resident_named_in_lower_case_before_an_age():
    from agents.medical_triage.deid import redact

    assert redact("care home resident mabel 88 has had a fall") == "care home resident [NAME] 88 has had a fall"


@pytest.mark.parametrize("text, cleaned", [
    # a father's elder brother, then his name and what he said
    ("我大伯建平说人老了都这样", "我大伯[NAME]说人老了都这样"),
    ("我大伯身体一直不好", "我大伯身体一直不好"),
    # a flatmate's name, then another familiar name
    ("室友雅琴和阿杰这礼拜也拉肚子", "室友[NAME]和[NAME]这礼拜也拉肚子"),
])
def test_a_name_after_an_uncle_and_before_another_familiar_name(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("our coach dave 52 face drooping on one side", "our coach [NAME] 52 face drooping on one side"),
    ("rugby tackle went wrong, jake 19 lying on the pitch", "rugby tackle went wrong, [NAME] 19 lying on the pitch"),
    ("day 3 of antibiotics, grace 2 days ago", "day 3 of antibiotics, grace 2 days ago"),
    ("问问我儿子浩宇，十六，在俱乐部踢球", "问问我儿子[NAME]，十六，在俱乐部踢球"),
    ("我们队守门员妮妮10岁，发烧", "我们队守门员[NAME]10岁，发烧"),
    ("一起练的晓雯说都这样", "一起练的[NAME]说都这样"),
    ("是个叫乐乐的小姑娘，十一岁", "是个叫[NAME]的小姑娘，十一岁"),
    ("我们队的小芸，三十五，刚跑完", "我们队的[NAME]，三十五，刚跑完"),
    ("一个小时，三十分钟", "一个小时，三十分钟"),
])
def test_a_name_by_a_bare_age_a_team_place_or_whom_one_trains_with(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("checked on edna next door, 84 lives alone", "checked on [NAME] next door, 84 lives alone"),
    ("I went round to the flat next door", "I went round to the flat next door"),
    ("对门的周大姐天天往我门口放碗汤", "对门的[NAME]天天往我门口放碗汤"),
    ("出租车大哥说快到了", "出租车大哥说快到了"),
    ("她儿子国庆回电话说晚上过来", "她儿子[NAME]回电话说晚上过来"),
    ("室友大军把一锅滚油洒胳膊上了", "室友[NAME]把一锅滚油洒胳膊上了"),
])
def test_a_neighbour_by_where_they_live_a_surname_and_big_sister_and_a_name_before_a_call_back(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("our kp marek splashed oven cleaner in his eye", "our kp [NAME] splashed oven cleaner in his eye"),
    ("她男朋友浩然上个月也得过差不多的病", "她男朋友[NAME]上个月也得过差不多的病"),
    ("她男朋友上个月也病了", "她男朋友上个月也病了"),
])
def test_a_name_after_a_job_in_the_kitchen_or_before_last_month(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("我伴娘佳佳让我今天就去医院开点消炎药", "我伴娘[NAME]让我今天就去医院开点消炎药"),
    ("新郎阿峰喝多了吐了", "新郎[NAME]喝多了吐了"),
    ("伴娘说我脸色不好", "伴娘说我脸色不好"),
])
def test_a_name_after_a_place_in_the_wedding_party(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("our trumpet player dev just collapsed backstage", "our trumpet player [NAME] just collapsed backstage"),
    ("crew boss mick whacked his shin on the ramp", "crew boss [NAME] whacked his shin on the ramp"),
    ("剧组演员小娟在化妆间看见了", "剧组演员[NAME]在化妆间看见了"),
    ("我们拉二胡的小芸花粉过敏犯了", "我们拉二胡的[NAME]花粉过敏犯了"),
    ("Her teacher, Madame Roux, says all the girls do", "Her teacher, Madame [NAME], says all the girls do"),
    ("his teacher, Mrs Patel, says he daydreams", "his teacher, Mrs [NAME], says he daydreams"),
    # what someone does, then no name: a delivery man, a blister, a van
    ("送外卖的小哥在店门口摔了", "送外卖的小哥在店门口摔了"),
    ("有的中间带个灰白的小水泡", "有的中间带个灰白的小水泡"),
    ("the bass player has a cold", "the bass player has a cold"),
])
def test_a_name_after_a_part_in_a_company_or_a_band(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("The lads, Dazza especially, say he's just a lightweight", "The lads, [NAME] especially, say he's just a lightweight"),
    ("the shepherd, Morwenna, laughed at me", "the shepherd, [NAME], laughed at me"),
    ("the childminder's, Bella's, rang at noon", "the childminder's, [NAME]'s, rang at noon"),
    ("跟我一块儿去的萌萌身上也起了几个", "跟我一块儿去的[NAME]身上也起了几个"),
    ("一起上课的菲菲也吐了", "一起上课的[NAME]也吐了"),
    # a character and 姐 after the one in charge at work, and a brother's name before "几年前"
    ("是我们领班萍姐先发现的", "是我们领班[NAME]先发现的"),
    ("院里管事的霞姐说没事", "院里管事的[NAME]说没事"),
    ("他哥哥国栋几年前也做过这个手术", "他哥哥[NAME]几年前也做过这个手术"),
    ("我表姐说没事", "我表姐说没事"),
    # the first half of a doubled idiom is no pet name
    ("尿痛，断断续续两个礼拜了", "尿痛，断断续续两个礼拜了"),
    # a medicine's brand after what it is, and a companion who is no name
    ("I'm on the combined pill, Cilest, for two years", "I'm on the combined pill, Cilest, for two years"),
    ("my inhaler, Ventolin, isn't helping", "my inhaler, Ventolin, isn't helping"),
    ("一起吃饭的同事也拉肚子了", "一起吃饭的同事也拉肚子了"),
])
def test_a_name_picked_out_of_a_group_or_a_companion_who_has_it_too(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a nickname after a partner, possessive; a lower-case name after a baby's age; a name before 问 or 量
    ("the nurse took hubby taz's blood pressure", "the nurse took hubby [NAME]'s blood pressure"),
    ("2 wk old baby isla not feeding", "2 wk old baby [NAME] not feeding"),
    ("我老公建军问能不能明天再去", "我老公[NAME]问能不能明天再去"),
    ("护士给我老公老郑量了血压", "护士给我老公[NAME]量了血压"),
    ("跟我合租的小菁非说是过敏", "跟我合租的[NAME]非说是过敏"),
    # a partner with no name, and what the writer shares a flat near
    ("my hubby has a cough", "my hubby has a cough"),
    ("我老公一直问", "我老公一直问"),
])
def test_a_nickname_after_a_partner_a_baby_s_age_and_a_housemate(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a classmate's doubled name before an age; what everybody calls someone
    ("我们班朵朵8岁对鸡蛋过敏", "我们班[NAME]8岁对鸡蛋过敏"),
    ("院里的人都叫他老鲁，六十了", "院里的人都叫他[NAME]，六十了"),
    # 老 as "always" after 喊他 is no name
    ("喊他老听不见，电视开得老大声", "喊他老听不见，电视开得老大声"),
])
def test_a_classmate_before_an_age_and_what_everybody_calls_him(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a nickname with 头 after it, 老 and a surname across the landing, 大 and a character after a roommate or a
    # brother-in-law; not a word that starts with 大
    ("我外公，街坊都叫他老栓头，七十九了", "我外公，街坊都叫他[NAME]，七十九了"),
    ("住对门的老葛，一个人过", "住对门的[NAME]，一个人过"),
    ("我同屋大壮说没事", "我同屋[NAME]说没事"),
    ("我妹夫大海周末来帮忙", "我妹夫[NAME]周末来帮忙"),
    ("我表弟大学刚毕业", "我表弟大学刚毕业"),
    ("我姐夫大热天还在外头干活", "我姐夫大热天还在外头干活"),
])
def test_a_nickname_with_tou_a_neighbour_across_the_landing_and_a_brother_in_law(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a 小/阿 name of two or three characters straight before an age; a first-aider or a colleague named by the job; a
    # partner's name before what they noticed; not who the child is (小外孙), nor 小的 ("the little one")
    ("小豆丁3岁，在出牙", "[NAME]3岁，在出牙"),
    ("照我们保安志强说的，先冲凉水", "照我们保安[NAME]说的，先冲凉水"),
    ("我老公国庆发现我脖子上有个疙瘩", "我老公[NAME]发现我脖子上有个疙瘩"),
    ("小外孙4岁，流鼻涕", "小外孙4岁，流鼻涕"),
    ("小的五岁，没事", "小的五岁，没事"),
])
def test_a_familiar_name_before_an_age_a_colleague_by_the_job_and_what_a_partner_noticed(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # someone sharing the flat, the shift or the shop, and an eldest sibling, named after who they are; not a young man
    # at work (小哥), nor a sister-in-law after a brother (大哥大嫂)
    ("跟我合租的佳怡说多喝热水", "跟我合租的[NAME]说多喝热水"),
    ("跟我合租的甜甜也发烧了", "跟我合租的[NAME]也发烧了"),
    ("我二姐春梅说是上火", "我二姐[NAME]说是上火"),
    ("店里的小哥送来的", "店里的小哥送来的"),
    ("大哥大嫂都来了", "大哥大嫂都来了"),
])
def test_a_flatmate_a_shopmate_and_an_eldest_sibling_by_name(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a colour after 小 is a nickname when the one named speaks, and a small red spot otherwise
    ("我姐小红说她那个就是个囊肿", "我姐[NAME]说她那个就是个囊肿"),
    ("我妹小白也觉得没事", "我妹[NAME]也觉得没事"),
    ("我姐小红也这样", "我姐小红也这样"),
])
def test_a_colour_nickname_that_speaks(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


def test_weeks_after_a_number_are_no_surname():
    # "6周大" is six weeks old: 周 after a number is no surname Zhou
    from agents.medical_triage.deid import redact

    assert redact("宝宝6周大，吃奶后吐") == "宝宝6周大，吃奶后吐"
    assert redact("我同事周大伟说") == "我同事[NAME]说"


@pytest.mark.parametrize("text, cleaned", [
    ("The lads, Kev and Mo, reckon I've pulled something", "The lads, [NAME] and [NAME], reckon I've pulled something"),
    ("grace from our office has a rash on her arms", "[NAME] from our office has a rash on her arms"),
    ("tom on my shift keeps coughing", "[NAME] on my shift keeps coughing"),
    ("Priya and Mum came round", "[NAME] and Mum came round"),
    ("Kev and I went to the walk-in centre", "[NAME] and I went to the walk-in centre"),
])
def test_a_capitalised_word_joined_to_a_name_is_a_name_unless_it_is_who_someone_is(text, cleaned):
    assert deidentify(text).text == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a lower-case name after a job on an estate or in a park, then a bare age, even when the name is also a word
    ("caretaker pat 58 slipped on the stairs", "caretaker [NAME] 58 slipped on the stairs"),
    ("volunteer rose 70 has a cough", "volunteer [NAME] 70 has a cough"),
    # a name after who the person is, then that person's home; a doubled pet name after which child it is
    ("我老姐们儿秀英家有体温计", "我老姐们儿[NAME]家有体温计"),
    ("大的那个豆豆昨晚发烧了", "大的那个[NAME]昨晚发烧了"),
    ("这个点点头的动作", "这个点点头的动作"),
])
def test_a_name_after_a_job_a_home_after_a_name_and_which_child(text, cleaned):
    assert deidentify(text).text == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a sex letter between a lower-case name and its age; a crew member on the water; a name straight after 名字 or 叫
    ("our chef ann f 52 burnt her arm", "our chef [NAME] f 52 burnt her arm"),
    ("my skipper rob told me to ask", "my skipper [NAME] told me to ask"),
    ("她一直把我叫成她姐姐的名字玉兰。", "她一直把我叫成她姐姐的名字[NAME]。"),
    ("来了个老太太，好像叫桂珍，说胸口闷", "来了个老太太，好像叫[NAME]，说胸口闷"),
    ("他好像叫什么，我忘了", "他好像叫什么，我忘了"),
])
def test_a_sex_letter_before_an_age_a_crew_member_and_a_name_after_naming(text, cleaned):
    assert deidentify(text).text == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a rugby position or "gdaughter" before a lower-case name; a son's name that is also a word (大军, an army);
    # 刚 ending a given name (志刚) but not "just" (我老公刚说)
    ("our hooker dan 27 dislocated his shoulder", "our hooker [NAME] 27 dislocated his shoulder"),
    ("gdaughter ivy 4 has a temp", "gdaughter [NAME] 4 has a temp"),
    ("她儿子大军说她最近老忘事", "她儿子[NAME]说她最近老忘事"),
    ("我舅舅大军说明天再来", "我舅舅[NAME]说明天再来"),
    ("我舅舅现在说不用去", "我舅舅现在说不用去"),
    ("我老公建刚发火了", "我老公[NAME]发火了"),
    ("我老公刚说要带我去医院", "我老公刚说要带我去医院"),
    ("我儿子大学毕业了", "我儿子大学毕业了"),
])
def test_a_rugby_position_a_son_s_or_uncle_s_name_and_a_name_ending_in_gang(text, cleaned):
    assert deidentify(text).text == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # what two people do together, between "my" and who they are
    ("My bouldering partner Ffion reckons it's overuse", "My bouldering partner [NAME] reckons it's overuse"),
    ("my running buddy Kez says to ice it", "my running buddy [NAME] says to ice it"),
    ("our sailing pal Rhodri got stung", "our sailing pal [NAME] got stung"),
    ("My stall neighbour Eluned lent me a fan", "My stall neighbour [NAME] lent me a fan"),
    # an everyday "-ing" word that is no relation keeps its sentence
    ("my working day starts at Seven", "my working day starts at Seven"),
])
def test_a_relation_named_by_what_two_people_do_together(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # who someone is at the place, after "the", then a capitalised name; a lower-case name after a marshal or a referee
    ("The range manager Baz says to sit him down", "The range manager [NAME] says to sit him down"),
    ("ref tomasz fainted in the heat", "ref [NAME] fainted in the heat"),
    ("the manager said to rest it", "the manager said to rest it"),
    # a stepchild's pet name, a referee's, and a name after the boss's wife that opens with a health character (红)
    ("我继女甜甜发烧了", "我继女[NAME]发烧了"),
    ("裁判小刘中暑倒了", "裁判[NAME]中暑倒了"),
    ("老板娘红姐说让他回家歇着", "老板娘[NAME]说让他回家歇着"),
    ("他是裁判，今天中暑了", "他是裁判，今天中暑了"),
])
def test_a_role_at_the_place_a_stepchild_and_a_referee_before_a_name(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a name opening with 红 after a colleague (红 is the one health character of common given names), not a redness
    ("我同事红霞说做理疗管用", "我同事[NAME]说做理疗管用"),
    ("我儿子红红的脸蛋", "我儿子红红的脸蛋"),
    # a brother-in-law said as 小舅子; a surname before 主任 or 厂长, but not a form teacher (班主任) or a workshop's head
    ("我小舅子志国前几年也这样", "我小舅子[NAME]前几年也这样"),
    ("车间刘主任也这么说", "车间[NAME]也这么说"),
    ("孩子班主任说要去医院", "孩子班主任说要去医院"),
    ("车间主任说的", "车间主任说的"),
    # a lower-case name after "lady" and before an age
    ("dinner lady sue 70 face drooping", "dinner lady [NAME] 70 face drooping"),
])
def test_a_name_with_red_a_brother_in_law_a_director_and_a_dinner_lady(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a dog by its breed before its doubled name, a student or the one in charge before a name, a business partner's
    # given name before 姐, and a lower-case name after "fella"
    ("我家的金毛豆豆也吐了", "我家的金毛[NAME]也吐了"),
    ("实习生小雯一听就慌了", "实习生[NAME]一听就慌了"),
    ("营地负责人芳姐说不用管", "营地负责人[NAME]说不用管"),
    ("合伙的丽华姐说没事", "合伙的[NAME]姐说没事"),
    ("my fella dom 44 cut his hand", "my fella [NAME] 44 cut his hand"),
    ("学生时代就有这毛病", "学生时代就有这毛病"),
])
def test_a_pet_by_its_breed_a_student_a_partner_and_a_fella_before_a_name(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a nickname with 大 after a workmate, before a verb or a preposition; not 大 and a title, nor a word made with 大
    ("工友大刚在车间把手划了", "工友[NAME]在车间把手划了"),
    ("我队友大志说他没事", "我队友[NAME]说他没事"),
    ("我同事大姐说不要紧", "我同事大姐说不要紧"),
    ("同事大部分都走了", "同事大部分都走了"),
    ("室友大叫了一声", "室友大叫了一声"),
])
def test_a_nickname_with_da_after_a_workmate(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    # a familiar name after whoever works or sits next door; not a child or a young man there
    ("对面摊位的小慧说没事", "对面摊位的[NAME]说没事"),
    ("邻床的阿梅也咳嗽", "邻床的[NAME]也咳嗽"),
    ("隔壁床的小孩一直哭", "隔壁床的小孩一直哭"),
])
def test_a_familiar_name_after_the_stall_or_bed_next_door(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned


@pytest.mark.parametrize("text, cleaned", [
    ("setter kai sliced his thumb on a hold", "setter [NAME] sliced his thumb on a hold"),
    ("my belayer jonno reckons it's a pulley", "my belayer [NAME] reckons it's a pulley"),
    ("我攀岩搭子阿飞说要冰敷", "我攀岩搭子[NAME]说要冰敷"),
    ("队医婷婷给我贴了肌贴", "队医[NAME]给我贴了肌贴"),
    ("场长丽姐说先别骑了", "场长[NAME]说先别骑了"),
    ("马工阿辉帮我牵着马", "马工[NAME]帮我牵着马"),
    ("带队的领队晓丽说先歇着", "带队的领队[NAME]说先歇着"),
    ("班上女生佳琪昨天也吐了", "班上女生[NAME]昨天也吐了"),
    ("男生宿舍有人发烧", "男生宿舍有人发烧"),
    # the job or the partner with no name after it
    ("the setter said the route was graded wrong", "the setter said the route was graded wrong"),
    ("队医说没事", "队医说没事"),
    ("我的饭搭子说好吃", "我的饭搭子说好吃"),
])
def test_a_name_after_a_place_at_the_climbing_wall_the_yard_or_on_the_team(text, cleaned):
    from agents.medical_triage.deid import redact

    assert redact(text) == cleaned
