"""Bare person names (no "my name is" cue), in English and Chinese, for de-identification.

English: a capitalised word that is a first name in the US Census name lists (shipped by the ``names`` package:
about 5,000 first names and 89,000 surnames) or in the world list built from ``names-dataset`` (about 42,000 first
names that rank in the top 1,000 of some country), plus a following capitalised surname. At the start of a sentence,
where every word is capitalised, common English function words ("Will", "May") are left alone. Chinese: jieba's
part-of-speech tagger marks person names ``nr``; foreign names written in Chinese characters are runs of the
transliteration table's characters after who the person is; Chinese characters inside an English message are names.

Example::

    >>> from agents.medical_triage.deid_names import bare_name_spans
    >>> text = "Sam here, my son swallowed pills. Lily Parker fainted"
    >>> [text[s:e] for s, e in bare_name_spans(text)]
    ['Sam', 'Lily Parker']
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources

from agents.medical_triage.text import english_words as _english_words
from agents.medical_triage.text import looks_medical

log = logging.getLogger(__name__)

_CAPITALISED = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?=['’]s\b|(?![A-Za-z])(?!['’-]\w))")
_SENTENCE_START = re.compile(r"(?:^|[.!?\n]\s*|[\"“(]\s*)$")
# common Chinese surnames (single and double), and the prefixes of familiar forms of address (小丽, 阿强, 老王)
SURNAMES_1 = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
               "崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
               "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
               "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
               "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
               # characters that are hardly anything but a surname
               "冼蔺钮鄢谌訾粟禤亓郜逯鞠嵇宓阙荀")
SURNAMES_2 = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "慕容", "令狐", "公孙", "夏侯", "尉迟", "长孙", "宇文",
              "司徒")
_ZH_FAMILIAR = ("小", "阿", "老")
# jieba dictionary count below which a surname + given name word is a name (王建国: 12; 黄绿色: 103)
_RARE_FULL_NAME = 50
# jieba dictionary count from which a run of transliteration characters is an ordinary word (福利 2,519; 杰克 67)
_COMMON_WORD = 1000
# ... and from which a Chinese word inside an English message is an everyday word, not a name (没事 516)
_EVERYDAY_WORD = 100
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
# capitalised at a sentence start, and first names in the census lists too: keep them
_COMMON_WORDS = {"will", "bill", "mark", "art", "don", "pat", "sue", "hope", "grace",
                 "faith", "joy", "rose", "dawn", "summer", "autumn", "sunny", "ray", "gay", "lane", "major", "young",
                 "long", "king", "page", "rich", "chance", "guy", "case", "frank", "love", "see", "son", "an", "in",
                 "else", "so", "hi", "hey", "no", "ok", "she", "he", "can", "mon", "tue", "sun", "sat", "jan", "my",
                 "the", "a", "i", "is", "it", "do", "ever", "after", "day", "one", "tim", "harry"}
_ALWAYS_WORDS = {"may", "june", "april", "august", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                 "sunday", "january", "february",
                 "march", "july", "september", "october", "november", "december", "christmas", "easter", "english",
                 "chinese", "doctor", "nurse", "god"}
EVERYDAY_CAPITALISED = frozenset(_ALWAYS_WORDS)  # months, days, holidays, languages: never a name


@lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), lower case, from the census lists of the ``names`` package."""
    try:
        folder = resources.files("names")
    except ModuleNotFoundError:
        log.warning("medical_triage: the 'names' package is missing (pip install 'names>=0.3,<0.4'); "
                    "bare English names are not de-identified")
        return frozenset(), frozenset()

    def read(name: str) -> frozenset[str]:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        return frozenset(line.split()[0].lower() for line in lines if line.strip())

    return read("dist.male.first") | read("dist.female.first"), read("dist.all.last")


@lru_cache(maxsize=1)
def world_first_names() -> frozenset[str]:
    """The census first names plus about 42,000 names from 106 countries (``data/first_names.txt``, built from
    ``names-dataset`` by ``scripts/build_first_names.py``: Kwame, Priyanka, Tomasz, Siobhan are not in the census)."""
    path = resources.files("agents.medical_triage") / "data" / "first_names.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:  # pragma: no cover - shipped with the package
        log.warning("medical_triage: %s is missing; only US Census first names are recognised", path)
        lines = []
    return _name_lists()[0] | frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


# chat words, contractions typed without the apostrophe, kinship forms and medicines the word lists lack, which open
# a message or follow "my mum" as a name would
_CHAT_WORDS = frozenset("bestie besties bubba bubs missus missis wifey hubs hubbie grandkid grandkids gramps grampa "
                        "grandpop granda nanna nannie stepmum stepmom stepbro stepsis sibs bday yall dunno gonna wanna "
                        "gotta kinda sorta lemme gimme innit tryna idk tbh ngl imo imho btw omg lmao rofl tmrw tmrow "
                        "tonite thru dont doesnt didnt isnt wasnt hasnt havent hadnt cant wont wouldnt couldnt shouldnt "
                        "arent werent aint youre theyre thats whats theres heres wheres shes hes weve youve theyve "
                        "ill itll thatll wouldve couldve shouldve mustnt neednt "
                        "paracetamol acetaminophen calpol nurofen lemsip sudocrem savlon gaviscon piriton rennie "
                        "anbesol bonjela tixylix dioralyte otrivine covid".split())


def is_unknown_word(word: str, min_length: int = 4) -> bool:
    """A lower-case word of four letters or more (``min_length``) that is no English word, chat word or health word: in
    a name's place (opening a message before what happened, after "my mum" or "uncle") it is a name the lists do not
    hold ("mhairi fell off her bike", "my mum vasundhara, ..."; from three letters right after a partner, "hubby gaz")."""
    return (len(word) >= min_length and word.isalpha() and word.islower() and word not in _english_words()
            and word not in _CHAT_WORDS and not looks_medical(word))


# Hanyu Pinyin of the commonest Chinese surnames (the ``SURNAMES_1`` / ``SURNAMES_2`` characters as people write them)
_PINYIN_SURNAMES = frozenset(
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo gao lin luo zheng liang xie song tang han "
    "feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai du ye cheng su wei lu ding ren shen yao cui zhong tan "
    "fan jin shi liao jia xia fu fang bai zou meng xiong qin qiu yin xue yan duan lei hou long tao qian ouyang situ "
    "shangguan zhuge murong".split())
_PINYIN_SYLLABLE = re.compile(r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:a|ai|an|ang|ao|e|ei|en|eng|er|i|ia|ian|iang|iao|ie|"
                              r"in|ing|iong|iu|o|ong|ou|u|ua|uai|uan|uang|ue|ui|un|uo|v|ve)")
_PINYIN_GIVEN = re.compile(rf"{_PINYIN_SYLLABLE.pattern}(?:{_PINYIN_SYLLABLE.pattern})?")
# lower-case words that are first names in the census lists but far more often ordinary words in a message
_LOWER_NOT_NAMES = frozenset("will may june april august bill mark art don pat sue hope grace faith joy rose dawn "
                             "summer autumn sunny ray gay lane major young long king page rich chance guy case frank "
                             "love see son an in else so hi hey no ok she he can mon tue sun sat jan my the a i is it "
                             "do ever after day one tim harry ben jack jean gene val van lee carol dale drew glen gale "
                             "lou sky star penny ruby amber jade pearl ivy holly daisy iris violet olive cliff rod "
                             "miles sandy rocky rusty woody buddy baby honey sugar angel christian teddy kit".split())


def is_romanised_chinese_name(first: str, second: str | None) -> bool:
    """"zhang wei", "ouyang chen": a common surname in pinyin, then one or two pinyin syllables."""
    return bool(second) and first in _PINYIN_SURNAMES and bool(_PINYIN_GIVEN.fullmatch(second or ""))


# after who the person is ("my 2yo ben", "my daughter grace") most of those everyday words are names; these are not
_ORDINARY_AFTER_RELATION = frozenset("will may can see do so no ok hi hey an in else after day one the a i is it my she "
                                     "he son baby honey sugar angel long young rich major page case chance love guy "
                                     "hope gay lane king star sky sunny".split())


def is_lower_case_first_name(word: str, after_relation: bool = False) -> bool:
    """A lower-case word that is a census first name and not also an everyday word (fewer of those count as
    everyday ``after_relation``, right after who the person is)."""
    if after_relation:  # right after who the person is, a name from any country's list
        return word in world_first_names() and word not in _ALWAYS_WORDS and word not in _ORDINARY_AFTER_RELATION
    first_names, _ = _name_lists()
    if word not in first_names or word in _ALWAYS_WORDS:
        return False
    return word not in _LOWER_NOT_NAMES and word not in _COMMON_WORDS


def _english_spans(text: str) -> list[tuple[int, int]]:
    first_names, surnames = world_first_names(), _name_lists()[1]
    spans: list[tuple[int, int]] = []
    for match in _CAPITALISED.finditer(text):
        word = match.group().lower()
        if word not in first_names or word in _ALWAYS_WORDS or (spans and match.start() < spans[-1][1]):
            continue
        if word in _COMMON_WORDS and _SENTENCE_START.search(text[:match.start()]):
            continue
        end = match.end()
        following = _CAPITALISED.match(text, end + 1) if text[end:end + 1] == " " else None
        if following is not None and following.group().lower() in surnames:
            end = following.end()
        spans.append((match.start(), end))
    return spans


def _tagged_words(text: str) -> list[tuple[int, str, str]]:
    """(offset, word, part-of-speech flag) of every word jieba cuts from the Chinese runs of ``text``."""
    import jieba  # heavy dictionary load on first use  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    jieba.setLogLevel(60)
    words = []
    for run in _CJK_RUN.finditer(text):
        offset = run.start()
        for pair in jieba.posseg.cut(run.group()):
            words.append((offset, pair.word, pair.flag))
            offset += len(pair.word)
    return words


def _chinese_spans(words: list[tuple[int, str, str]], text: str) -> list[tuple[int, int]]:
    return [(offset, offset + len(word)) for offset, word, flag in words
            if flag in ("nr", "nrfg", "nrt") and _looks_like_a_name(word) and not _weeks_of_age(text, offset, word)]


def _weeks_of_age(text: str, offset: int, word: str) -> bool:
    """周 straight after a number is weeks, not the surname Zhou: "宝宝6周大" (jieba tags 周大 a name)."""
    return word.startswith("周") and offset > 0 and (text[offset - 1].isdigit() or text[offset - 1] in "一二两三四五六七八九十几")


# a child's pet name is often a doubled character (乐乐, 朵朵) given right after who the child is ("我儿子乐乐")
_ZH_DOUBLED_AFTER_RELATION = re.compile(
    r"(?:儿子|女儿|孙子|孙女|外孙|外孙女|宝宝|孩子|闺女|侄子|侄女|小孩|娃|女朋友|男朋友|老婆|老公|闺蜜|妹妹|姐姐|弟弟|哥哥|"
    r"外甥|外甥女|儿媳妇|儿媳|女婿|嫂子|弟媳|表妹|表弟|表姐|表哥|我家|我们家|咱家|俺家|我们|咱们|俺们|继子|继女|"
    # a dog or a cat by its breed, then its doubled name: "我家的牧羊犬花花也睡在里头"
    r"牧羊犬|金毛|泰迪|柯基|柴犬|哈士奇|拉布拉多|边牧|小狗|小猫|猫咪|"
    # the children by their place among siblings: "怀老大糖糖那会儿", "二宝乐乐"
    r"老大|老二|老三|老幺|大宝|二宝|三宝|"
    # a flatmate, a classmate or a friend by a doubled pet name: "室友萌萌花生过敏"
    r"室友|舍友|同学|朋友|同事|邻居|队友|闺蜜|学姐|学长|师姐|师兄|"
    # someone sharing the flat or the shop: "跟我合租的圆圆说", "店里的露露给我"
    r"合租的|店里的|车队的)"
    r"([\u4e00-\u9fff])\1(?!\1)")
# verbs said doubled ("替我妈问问", "帮我爸查查"): never a name, even where a name would close the clause
_ZH_DOUBLED_VERBS = frozenset("问问 说说 聊聊 谈谈 查查 找找 听听 瞧瞧 尝尝 量量 算算 转转".split())
# doubled characters that are words, not pet names, after a kin word or an age ("我妈天天说", "我儿子刚刚吃了")
DOUBLED_WORDS = frozenset("常常 天天 刚刚 慢慢 渐渐 偏偏 好好 乖乖 稍稍 时时 早早 久久 悄悄 轻轻 紧紧 多多 哈哈 呵呵 嘿嘿 "
                          "往往 老老 一一 干干 静静 默默 明明 样样 个个 人人 总总 宝宝 "
                          # sounds and reduplicated describing words, common in descriptions of symptoms
                          "哼哼 咳咳 嗯嗯 呼呼 哇哇 嗷嗷 呜呜 咕咕 哈哈 嘿嘿 吭吭 冰冰 凉凉 红红 点点 软软 肿肿 热热 "
                          "烫烫 痒痒 疼疼 晕晕 胀胀 酸酸 麻麻 黄黄 黑黑 白白 紫紫 青青 绿绿 稀稀 湿湿 粘粘 乎乎 呆呆 "
                          "傻傻 蔫蔫 懒懒 昏昏 沉沉 迷迷 糊糊 颤颤 抖抖 哆哆 吐吐 拉拉 蹭蹭 爬爬 看看 试试 想想 等等 "
                          "歇歇 躺躺 走走 揉揉 拍拍 吹吹 擦擦 冲冲 泡泡 星星 满满 重重 高高 低低 长长 短短 大大 "
                          "小小 多多 少少 快快 淡淡 浅浅 深深 隐隐 微微 丝丝 阵阵 时时 处处 层层 块块 片片 条条 颗颗 "
                          "粒粒 口口 声声 步步 夜夜 年年 月月 次次 回回 顿顿 家家 户户 仅仅 整整 足足 每每 "
                          # kin and animals said doubled ("我家妹妹", "我家狗狗")
                          "爸爸 妈妈 哥哥 姐姐 弟弟 妹妹 爷爷 奶奶 姥姥 舅舅 叔叔 婆婆 公公 伯伯 姑姑 婶婶 太太 娃娃 "
                          "狗狗 猫猫 猫咪".split()) | _ZH_DOUBLED_VERBS


# a doubled pet name after an age and 的 ("我家四岁的妞妞", "两岁半的阳阳")
_ZH_DOUBLED_AFTER_AGE = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)(?:岁半?|个月大?|周)的([\u4e00-\u9fff])\1(?!\1)")
# a doubled pet name opening a sentence or after a verb of taking or looking after ("萱萱9岁", "在豆豆头发里", "带乐乐")
_ZH_DOUBLED_AFTER_VERB = re.compile(r"(?:^|(?<=[，。！？；\s])|(?<=[在给带让跟和把叫陪抱喂替帮])|(?<=发现|看见|看到|听见))"
                                    # not the first half of a doubled idiom ("断断续续", "干干净净")
                                    r"([\u4e00-\u9fff])\1(?!\1)(?![的地])(?!([\u4e00-\u9fff])\2)")

# a doubled pet name whose face or hand something happened to ("狗把团团的脸咬了", "猫抓了乐乐的手"): 的 and a body part
# vouch for a person
_ZH_DOUBLED_BEFORE_BODY = re.compile(r"(?:^|(?<=[，。！？；\s])|(?<=[把给帮替在被让])|(?<=咬了|抓了|挠了|打了|踢了|撞了|砸了|蛰了|啄了|"
                                     r"划了|烫了|碰了|咬伤|抓伤|抓破|咬破))([\u4e00-\u9fff])\1(?!\1)"
                                     r"(?=的(?:脸|头|手|脚|腿|胳膊|眼睛|眼|耳朵|嘴|鼻子|肚子|屁股|后背|背|额头|下巴|脖子))")

# "悠悠出生十天", "朵朵今年三岁": a doubled pet name opening a clause, then the child's age or birth
_ZH_DOUBLED_BEFORE_AGE = re.compile(r"(?:^|(?<=[，。！？；\s\]])|(?<=老大|老二|老三|老幺|我家|闺女|儿子|女儿|孩子|宝宝|班上|班里)|"
                                    # a classmate before an age: "我们班阳阳7岁", "班上果果9岁"
                                    r"(?<=我们班|他们班|咱们班))"
                                    r"([\u4e00-\u9fff])\1(?!\1)(?=出生|今年|才|刚满|"
                                    r"(?:\d+|[一二两三四五六七八九十]+)(?:岁|个月|天大|周大))")
# "小土豆手指头上长了个瘊子": a three-character 小 pet name opening the message, straight before a body part
_ZH_OPENING_PET_BEFORE_BODY = re.compile(r"^\s*(小[\u4e00-\u9fff]{2})(?=手|脚|头|脸|身上|肚子|嗓子|眼|耳|鼻|嘴|腿|胳膊|"
                                         r"屁股|后背|背上|脖子|额头|膝盖)")
_ZH_ENDEARMENTS = frozenset("小宝贝 小祖宗 小不点 小可爱 小家伙 小宝宝 小朋友 小孩子 小姑娘 小伙子 小男孩 小女孩 小娃娃 小婴儿".split())


def _opening_pet_name_spans(text: str) -> list[tuple[int, int]]:
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    match = _ZH_OPENING_PET_BEFORE_BODY.match(text)
    if match is None:
        return []
    jieba.dt.check_initialized()
    word = match.group(1)
    if word in _ZH_ENDEARMENTS or word[:2] in _ZH_FAMILIAR_WORDS or jieba.dt.FREQ.get(word, 0) >= 20 or looks_medical(word):
        return []
    return [match.span(1)]


# what follows a child's name but not an adverb such as 多多 ("a lot") or 天天 ("every day"): 的时候, a pause, an age
_ZH_NAME_CLOSES = re.compile(r"的时候|那会儿|那时候|[，。,！？]|今年|(?:才|刚|刚满)?[\d一二两三四五六七八九十]+\s*(?:岁|个月|周|天)")


# "baby" itself, even where a name's ending follows it ("宝宝三个月，发烧"): never a child's name
_ZH_NEVER_DOUBLED_NAMES = frozenset({"宝宝", "娃娃"}) | _ZH_DOUBLED_VERBS


def _doubled_spans(text: str, pattern: re.Pattern, rare_only: bool) -> list[tuple[int, int]]:
    """Doubled characters where ``pattern`` finds them, unless a common doubled word; ``rare_only`` (where no
    relation word vouches for a name) also skips words jieba's dictionary knows well and health words."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    spans = []
    for match in pattern.finditer(text):
        start = match.start(1)
        word = text[start:start + 2]
        named = not rare_only and _ZH_NAME_CLOSES.match(text, start + 2) is not None  # "怀我儿子多多的时候", "儿子天天9岁"
        if word in _ZH_NEVER_DOUBLED_NAMES or (word in DOUBLED_WORDS and not named) or (rare_only and (jieba.dt.FREQ.get(word, 0) >= 50 or looks_medical(word))):
            continue
        spans.append((start, start + 2))
    return spans


# who the person is, as jieba cuts it: a name often comes right after ("我老公建华", "我朋友小雨", "我家豆豆")
_ZH_RELATION_WORDS = frozenset(
    "儿子 女儿 孩子 闺女 宝宝 老公 老婆 妻子 丈夫 爱人 对象 老伴 妈妈 妈 爸爸 爸 母亲 父亲 爷爷 奶奶 外婆 外公 姥姥 姥爷 "
    "朋友 同事 邻居 同学 室友 舍友 领导 老板 哥哥 姐姐 弟弟 妹妹 表哥 表姐 表妹 表弟 堂哥 堂姐 堂弟 堂妹 姐夫 妹夫 嫂子 "
    "弟媳 岳父 岳母 公公 婆婆 闺蜜 男朋友 女朋友 孙子 孙女 外孙 外孙女 侄子 侄女 儿媳 女婿 我家 我们家 老爷子 老太太 "
    "我妈 我爸 我儿子 我女儿 我老公 我老婆 我朋友 哥们 兄弟 姐们 老铁 发小 哥 姐 弟 妹 小舅子 大舅子 小姨子 大姨子 小叔子 "
    "大伯子 太奶奶 太爷爷 太姥姥 太姥爷 曾祖母 曾祖父 舅舅 姑姑 姨妈 叔叔 伯伯 舅妈 婶婶 姑父 姨父 我妹 我姐 我哥 我弟 "
    "媳妇 媳妇儿 儿媳妇 老丈人 丈母娘 小姑子 大姑姐 干妈 干爹 亲家 二舅 大舅 三叔 二叔 二姨 大姨 "
    # a stepchild or a step-parent, and the one who referees a game ("裁判小马")
    "继子 继女 继父 继母 裁判".split())


# 小/阿 words that are not familiar names, even right after 我家 or 我儿子
_ZH_FAMILIAR_WORDS = frozenset("小孩 小学 小区 小时 小心 小姐 小伙 小狗 小猫 小鸟 小事 小病 小便 小腿 小肚 小手 小脚 小脸 小嘴 小姨 "
                               "小叔 小舅 小姑 阿姨 阿婆 阿公 阿妈 阿爸 小米 小麦 小吃 小卖 小车 小床 小票 小号 小说 小学生 小宝宝 "
                               "小朋友 小伙子 小姑娘 小家伙".split())


def _after_relation_spans(words: list[tuple[int, str, str]]) -> list[tuple[int, int]]:
    """A given name, pet name or familiar form right after who the person is, whatever its first character: jieba
    tags it as a person (``nr``) or another proper name (``nz``), or it is a doubled character (豆豆)."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    spans = []
    previous, run_end = "", -1
    for offset, word, flag in words:
        if offset != run_end:  # a new run of Chinese characters: no relation word before it
            previous = ""
        doubled = len(word) == 2 and word[0] == word[1] and word not in DOUBLED_WORDS
        familiar = len(word) == 2 and word[0] in "小阿" and word not in _ZH_FAMILIAR_WORDS  # 我家小胖
        unknown = jieba.dt.FREQ.get(word, 0) == 0 and all("\u4e00" <= char <= "\u9fff" for char in word)
        longest = 4 if flag.startswith("nr") else 3  # a foreign name in characters is often four (玛格丽特)
        if (previous in _ZH_RELATION_WORDS and 2 <= len(word) <= longest and word not in _ZH_RELATION_WORDS | DOUBLED_WORDS
                and not dictionary_word_not_a_name(word)
                and (familiar or word in _PET_NAMES_NOT_HEALTH or ((flag.startswith("nr") or flag == "nz" or doubled or unknown)
                                  # a rare person-tagged word is a name even with a health character (晓红)
                                  and ((flag.startswith("nr") and jieba.dt.FREQ.get(word, 0) < 50)
                                       or not looks_medical(word))))):
            spans.append((offset, offset + len(word)))
        previous = word if word != "我" else previous
        run_end = offset + len(word)
    return spans


# familiar forms of address: 老/小/阿/大 + a surname (老孙, 小张, 阿金, 大刘); these look alike but are ordinary words
_FAMILIAR_NOT_NAMES = frozenset(
    "小时 大陆 老师 大师 大米 小麦 大连 大于 小于 小康 小孔 大江 大方 大石 小路 大成 小米 小马 小牛 大宗 大唐 大路 大麦 "
    "小车 老高 大关 小农 大钱 大夏 小包 大包 小费 小叶 大梁 大车 大全 大黄 小曲 大麻 小钱 老牛 小毛 大白 大马 小童 大龙 "
    "大熊 大吉 大安 大林 小房 大段 小商 老成 老农 大钟 小宗 老路 大宫 大田 大项 大曲 小项 大任 大宁 大商 阿米 老翁 大明 "
    "小龙 大王 老汤 小汤 大汤 小强 老江 小江 大胡 小胡 老白 小白 大卫 小丁 大丁 老严 大严 小田 老田 大乔 小乔 大雷 小雷 "
    "老邓 大伍 小伍 大戴 大牛 大余 小余 大邢 大武 大温 老温 小温 大伙 大时 老时 大和 小和 大应 小应 大古 老古 小古 大全 "
    "大多 小单 大单 大于 大华 大夫 小叶 大叶 小花 大花 老花 小巫 大巫 大毛 大宋 大冷 小冷 老冷 大舒 小舒".split())
_FAMILIAR = re.compile(rf"(?<![得很太特])[老小阿大][{SURNAMES_1}]")


def _familiar_spans(text: str) -> list[tuple[int, int]]:
    """老孙, 小张, 阿金, 大刘 anywhere, unless an ordinary word (小时, 大于) or the start of a longer word (老毛病)."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    spans = []
    for match in _FAMILIAR.finditer(text):
        word, start = match.group(), match.start()
        longer = any(jieba.dt.FREQ.get(text[start:start + n], 0) > 0 for n in (3, 4))
        # a surname that is also a health character (黄, 麻, 冷) is a name unless it starts a word (小黄疸, 大麻木)
        medical = looks_medical(word) and any(jieba.dt.FREQ.get(text[start + 1:start + 1 + n], 0) > 0 for n in (2, 3))
        if word not in _FAMILIAR_NOT_NAMES and not longer and not medical:
            spans.append((start, match.end()))
    return spans


# The characters of the Chinese transliteration table for English names (GB/T 17693.1, the 英汉译音表 of the Xinhua
# name dictionaries) and the characters it uses for women's names. Foreign names are written with these alone
# (卡勒姆, 阿米拉, 玛格丽特), and jieba often cuts them apart, so its person tag misses them.
_TRANSLITERATION = frozenset(
    "阿埃艾安昂奥欧伊因英尤翁厄乌耶约扬巴贝拜班邦博鲍布比宾伯帕佩派潘庞波普皮彭蓬珀达德代丹迪丁登杜塔特泰坦唐托陶图蒂"
    "廷滕汀加盖甘冈戈古吉金根贡格卡凯坎康科库基肯孔克扎泽宰赞藏佐祖齐津曾宗兹茨查切柴钱昌乔楚奇钦琼萨塞赛桑索绍苏西辛"
    "森松斯瑟沙谢夏尚肖舒希欣申雄什舍哈赫海汉杭霍豪胡亨洪瓦韦怀万旺沃武威温法费凡福富菲芬丰夫弗维马梅迈曼芒莫穆米蒙"
    "默姆玛纳内奈南诺瑙努尼宁嫩农恩娜妮拉莱兰朗洛劳卢利林伦隆勒尔里莉丽琳露雷赖罗鲁亚贾杰詹朱娅黛丝茜珊萝薇芙琪娃莎蕾"
    "婕逊顿")
_RELATION_CUE = "|".join(sorted(
    "儿子 女儿 孩子 闺女 宝宝 老公 老婆 妻子 丈夫 爱人 对象 老伴 妈妈 妈 爸爸 爸 母亲 父亲 爷爷 奶奶 外婆 外公 姥姥 姥爷 朋友 "
    "同事 邻居 同学 室友 舍友 领导 老板 哥哥 姐姐 弟弟 妹妹 姐夫 妹夫 嫂子 公公 婆婆 闺蜜 男朋友 女朋友 孙子 孙女 外孙 "
    "外孙女 侄子 侄女 儿媳 女婿 我家 我们家 俺家 咱家 叫 名叫 叫做 我是 媳妇 媳妇儿 儿媳妇 老丈人 丈母娘 小姑子 大姑姐 干妈 干爹 亲家 二舅 大舅 三叔 二叔 二姨 大姨".split(), key=len, reverse=True))
# a name between who the person is and their age: "我家小米粒三岁", "我儿子嘟嘟五个月"
# "我家虎子十五了": an age said with 了 alone, then a pause
_ZH_NAME_BEFORE_AGE = re.compile(rf"(?:{_RELATION_CUE})([\u4e00-\u9fff]{{2,3}}?)(?=(?:今年|才|刚)?(?:\d+|[一二两三四五六七八九十]+)"
                                 rf"(?:岁|个月|周岁|了[，,。\s]))")
_ZH_NOT_NAMES_BEFORE_AGE = frozenset("孩子 宝宝 儿子 女儿 闺女 小孩 孙子 孙女 外孙 外孙女 老大 老二 老三 老幺 大的 小的 双胞胎 "
                                     "小宝 大宝 二宝 今年 现在 已经 刚满".split())
_TRANSLITERATED_AFTER_CUE = re.compile(rf"(?:{_RELATION_CUE}|我和|我跟|他和|她和|家的)([{''.join(sorted(_TRANSLITERATION))}]{{2,6}})")
# a name opening a message or clause, straight before an age: "小雨8个月，在长牙", "浩浩三岁，发烧"
_ZH_OPENING_NAME_BEFORE_AGE = re.compile(r"(?:^|(?<=[，。！？；\s]))([\u4e00-\u9fff]{2})(?=(?:今年|才|刚|都|已经|快)?(?:\d+|[一二两三四五六七八九十]+)"
                                         r"(?:岁|个月|周岁))")
# the same name set off by commas before the age ("我是问我闺女的，佳琪，十六岁"): a stricter check, as any clause may
# stand there ("你好，问问，十六岁")
_ZH_APPOSITIVE_NAME_BEFORE_AGE = re.compile(r"(?<=[，,])([\u4e00-\u9fff]{2})(?=[，,]\s*(?:今年|才|刚|都|已经|快)?"
                                            r"(?:\d+|[一二两三四五六七八九十]+)(?:岁|个月|周岁))")
# a full name (surname and a given name of two characters) opening a sentence straight before an age ("晏子豪14岁")
_ZH_OPENING_FULL_NAME_BEFORE_AGE = re.compile(
    rf"(?:^|(?<=[，。！？；\s]))((?:{'|'.join(SURNAMES_2)}|[{SURNAMES_1}])[\u4e00-\u9fff]{{2}})"
    r"(?=(?:今年|才|刚|都|已经|快)?(?:\d+|[一二两三四五六七八九十]+)(?:岁|个月|周岁))")
_ZH_NUMERAL_CHARS = frozenset("零〇一二两俩三四五六七八九十百千几半")
_ZH_NOT_OPENING_NAMES = frozenset("高龄 患者 病人 本人 自己 男孩 女孩 男宝 女宝 小孩子 小朋友 老人 老人家 孩子们 今年 现在 目前 大概 "
                                  "差不多 已经 刚刚 快要 将近 一个 男的 女的 小伙子 姑娘 宝贝 我今年 我现在 我家的 小于 大于 不到 不满 未满 已满 超过 至少 "
                                  "最多 低于 高于 只有 才 刚满 满了 一共 总共 儿童 婴儿 幼儿 宝贝 娃娃 女娃 男娃 小娃 女生 男生 学生 "
                                  "老太 老头 体重 身高 年龄 月龄 女儿 儿子 孙女 孙子 外孙 病娃 孩儿 娃儿 家里 家中 家有 我家 俺家 咱家".split())


# everyday words that contain a health character but are common pet names ("我儿子石头七岁")
_PET_NAMES_NOT_HEALTH = frozenset("石头 馒头 丫头 木头 虎头 毛头 大头 豆包 糖豆 奶糖 芝麻 麻薯 麻团 麻花 小胖 阿胖 胖胖 小瘦 皮蛋 豆皮 皮球".split())


def _not_health(word: str) -> bool:
    return word in _PET_NAMES_NOT_HEALTH or not looks_medical(word)


# what a pet's name after 狗/猫 cannot hold: a symptom (colours such as 黑, 白 are common in pets' names: 黑豆, 小白)
_ZH_PET_NAME_NOT = set("疼痛痒肿烧咳嗽吐泻拉晕病药血便尿伤咬抓挠")


def _familiar_pet_name(word: str) -> bool:
    """小芋头, 阿豆: a familiar name of three characters that holds a body or colour word but no symptom."""
    return len(word) == 3 and word[0] in "小阿" and not set(word) & _ZH_PET_NAME_NOT


def _numeral_led_name(word: str) -> bool:
    """一诺, 一鸣: a given name that starts with 一, when jieba knows no such word (一天, 一直 are words)."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    return word[0] == "一" and word[1] not in _ZH_NUMERAL_CHARS and jieba.dt.FREQ.get(word, 0) == 0


def _name_before_age_spans(text: str) -> list[tuple[int, int]]:
    spans = [match.span(1) for match in _ZH_NAME_BEFORE_AGE.finditer(text)
             if match.group(1) not in _ZH_NOT_NAMES_BEFORE_AGE and match.group(1) not in _ZH_RELATION_WORDS
             and not match.group(1).startswith("的") and (_not_health(match.group(1)) or _familiar_pet_name(match.group(1)))]
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    spans += [match.span(1) for match in _ZH_OPENING_FULL_NAME_BEFORE_AGE.finditer(text)
              if match.group(1) not in _ZH_RELATION_WORDS | _ZH_NOT_OPENING_NAMES and _not_health(match.group(1))
              and not _ZH_NUMERAL_CHARS & set(match.group(1))]
    for match in _ZH_OPENING_NAME_BEFORE_AGE.finditer(text):
        word = match.group(1)
        doubled = word[0] == word[1] and word not in DOUBLED_WORDS  # 皮皮: a pet name even with a health character
        if (word in _ZH_NOT_NAMES_BEFORE_AGE | _ZH_NOT_OPENING_NAMES or word in _ZH_RELATION_WORDS
                or not (doubled or _not_health(word)) or word in DOUBLED_WORDS
                or (_ZH_NUMERAL_CHARS & set(word) and not _numeral_led_name(word))
                or word.startswith(("我", "他", "她", "这", "那", "的")) or word.endswith("的")):
            continue
        # a name, not a word: a familiar form (小雨), a doubled pet name (浩浩), or a word jieba's dictionary lacks or tags a person
        familiar = word[0] in "小阿老" and word not in _ZH_FAMILIAR_WORDS and word not in _FAMILIAR_NOT_NAMES
        tag = jieba.posseg.dt.word_tag_tab.get(word, "")
        # a noun or describing word opening the message straight before an age is what the child is called ("糯米4岁，",
        # "浩然6岁，"); not a time word, adverb, number, pronoun or preposition
        if familiar or doubled or jieba.dt.FREQ.get(word, 0) == 0 or (tag and tag[0] not in "tdmrpcufq"):
            spans.append(match.span(1))
    for match in _ZH_APPOSITIVE_NAME_BEFORE_AGE.finditer(text):
        word = match.group(1)
        if (word in _ZH_NOT_NAMES_BEFORE_AGE | _ZH_NOT_OPENING_NAMES or word in _ZH_RELATION_WORDS or not _not_health(word)
                or _ZH_NUMERAL_CHARS & set(word) or word.startswith(("我", "他", "她", "这", "那", "的"))):
            continue
        tag = jieba.posseg.dt.word_tag_tab.get(word, "")
        frequency = jieba.dt.FREQ.get(word, 0)
        first_flag = jieba.posseg.lcut(word)[0].flag
        if ((word[0] == word[1] and word not in DOUBLED_WORDS and not first_flag.startswith("v"))  # not 问问
                or tag.startswith("nr") or (tag in ("a", "nz") and frequency < 200)
                or (frequency == 0 and not first_flag.startswith(("v", "d", "t", "m")))):
            spans.append(match.span(1))
    return spans


def _transliterated_spans(text: str) -> list[tuple[int, int]]:
    """A foreign name written in transliteration characters right after who the person is or 叫 (我女儿阿米拉, 叫卡勒姆),
    unless the run is a common word or a place that jieba knows (福利, 西安) or a health word."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    spans = []
    for match in _TRANSLITERATED_AFTER_CUE.finditer(text):
        word = match.group(1)
        tag = jieba.posseg.dt.word_tag_tab.get(word, "")
        common = jieba.dt.FREQ.get(word, 0) >= _COMMON_WORD and not tag.startswith("nr")
        if not common and tag != "ns" and word not in _ZH_DOUBLED_VERBS and not looks_medical(word):
            spans.append(match.span(1))
    return spans


# Chinese characters inside an English message are almost always a name ("小雨 sneezing", "lice in 毛毛's hair")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _chinese_in_english_spans(text: str) -> list[tuple[int, int]]:
    runs = list(_CJK_RUN.finditer(text))
    chinese = sum(len(run.group()) for run in runs)
    if not runs or len(_LATIN_LETTER.findall(text)) < 4 * chinese:
        return []
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    def common(word: str) -> bool:  # "she keeps saying 没事": an everyday word, not a name
        tag = jieba.posseg.dt.word_tag_tab.get(word, "")
        return jieba.dt.FREQ.get(word, 0) >= _EVERYDAY_WORD and not tag.startswith("nr")

    return [run.span() for run in runs
            if len(run.group()) <= 4 and not looks_medical(run.group()) and not common(run.group())]


_CLAUSE_START_CHARS = frozenset("，。！？；、 ,.!?;：:（(\n")
# one-character words a name often follows: but, and, with, let, call, give, take, accompany ("可晓雯自己吓坏了")
_BEFORE_NAME_CHARS = frozenset("可但和跟与让叫给带陪把被替帮找问")
_BEFORE_GIVEN_NAME = _CLAUSE_START_CHARS | _BEFORE_NAME_CHARS


def _clause_initial_given_spans(text: str, words: list[tuple[int, str, str]]) -> list[tuple[int, int]]:
    """A two-character given name opening a clause ("雨桐发烧三天了", "子涵昨晚吐了两次"): jieba's HMM tags it a person
    (``nr``) and its dictionary does not know it, so it is no everyday word (布洛芬 and 大姨妈 are)."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    return [(offset, offset + 2) for offset, word, flag in words
            if flag == "nr" and len(word) == 2 and jieba.dt.FREQ.get(word, 0) == 0 and not looks_medical(word)
            and (offset == 0 or text[offset - 1] in _BEFORE_GIVEN_NAME)]


def _split_full_name_spans(words: list[tuple[int, str, str]]) -> list[tuple[int, int]]:
    """A full name jieba cut in two, surname and given name each tagged a person (王 / 秀英), or a two-character given
    name tagged a person after a surname character jieba read as another word ("隔壁摊的何美玲": 何/r, 美玲/nr): the
    two together. A conjunction, a preposition, an adverb or a verb before the name is no surname ("我和美玲")."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    spans = []
    for (offset, word, flag), (next_offset, given, given_flag) in zip(words, words[1:]):
        surname = flag == "nr" or (len(given) == 2 and given_flag in ("nr", "nrfg") and flag[:1] not in "cpdvu")
        if (surname and word in SURNAMES_1 and next_offset == offset + 1 and given_flag.startswith("nr")
                and 1 <= len(given) <= 2 and jieba.dt.FREQ.get(given, 0) < _RARE_FULL_NAME and not looks_medical(given)):
            spans.append((offset, next_offset + len(given)))
    return spans


def _clause_initial_full_name_spans(text: str, words: list[tuple[int, str, str]]) -> list[tuple[int, int]]:
    """A three-character full name jieba cut where a name's parts do not meet (晏子 / 墨, 柴 / 永福), opening a clause
    or right after 我: the surname part tagged a person, the rest a person or another proper name, the whole no
    dictionary word. A given name may be an everyday word as well (红霞, 永福), up to ``_COMMON_WORD``."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    spans = []
    for (offset, word, flag), (next_offset, rest, rest_flag) in zip(words, words[1:]):
        name = word + rest
        if (len(name) == 3 and next_offset == offset + len(word) and name[0] in SURNAMES_1 and flag.startswith("nr")
                and (rest_flag.startswith("nr") or rest_flag == "nz") and jieba.dt.FREQ.get(name, 0) == 0
                and jieba.dt.FREQ.get(name[1:], 0) < _COMMON_WORD
                and (rest_flag.startswith("nr") or not looks_medical(name))
                and (offset == 0 or text[offset - 1] in _CLAUSE_START_CHARS or text[offset - 1] == "我")):
            spans.append((offset, offset + 3))
    return spans


# particles that a given name does not hold
_PARTICLE_CHARS = frozenset("了着过吗呢吧啊嘛")
# characters of meat, dishes and food that a given name does not hold
_FOOD_CHARS = frozenset("鸡鸭鹅肉饭汤粥饼糕酱醋馅")


def dictionary_word_not_a_name(word: str) -> bool:
    """A three-character dictionary word that jieba tags a person but that opens with an everyday word of its own and
    with no surname (幼儿园, 老太婆), or one of the listed everyday words that do open with a surname character (卫生巾,
    黄豆大); not 王国栋, whose 王国 is a word too."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    if word in _EVERYDAY_PERSON_TAGGED:
        return True
    head = word[:2]
    # a word that opens with a surname is left to the name checks: 王国栋 opens with 王国 ("kingdom") too
    return (len(word) == 3 and word[0] not in SURNAMES_1 and jieba.dt.FREQ.get(word, 0) > 0
            and jieba.dt.FREQ.get(head, 0) >= 100 and not jieba.posseg.dt.word_tag_tab.get(head, "").startswith("nr"))


# everyday words that jieba tags a person and that open with a surname character (卫, 黄, 白, 安, 石, 牛, 上)
_EVERYDAY_PERSON_TAGGED = frozenset("卫生巾 卫生纸 黄豆大 黄豆粒 白眼珠 安乐死 石子儿 牛皮糖 上周二 上周三 上周四 上周五 "
                                    "上周六 上周日".split())


def _looks_like_a_name(word: str) -> bool:
    """jieba tags some common words ``nr`` (小便, 麻木, 老公): a name starts with a surname or a familiar prefix and is
    not a common dictionary word (full names such as 王建国 are in the dictionary, but rare)."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    if not 2 <= len(word) <= 4 or not (word[:2] in SURNAMES_2 or word[0] in SURNAMES_1 or word[0] in _ZH_FAMILIAR):
        return False
    if word[0] in "左右" and looks_medical(word[1:]):
        return False  # "我左小腿后面": a side and a body part, though 左 is a surname
    if set(word[1:]) & _PARTICLE_CHARS:
        return False  # "关了灯躺会儿": jieba tags 关了灯 a name; a given name holds no particle
    if set(word[1:]) & _FOOD_CHARS:
        return False  # "吃了宫保鸡丁": jieba tags 宫保鸡 a name; a dish is named after its meat or its kind
    if dictionary_word_not_a_name(word):
        return False
    frequency = jieba.dt.FREQ.get(word, 0)
    return frequency == 0 or (len(word) >= 3 and word[0] in SURNAMES_1 and frequency < _RARE_FULL_NAME)


# an animal of the household, whose name follows it ("家里的狗旺财也蔫了", "小狗柚子能逗他笑"): a pet's name
# identifies a household as well as a person's does
_ZH_ANIMALS = frozenset("猫叫 狗叫 家猫 家狗 狗 猫 狗狗 猫咪 猫猫 小狗 小猫 兔子 仓鼠 鹦鹉 金毛 泰迪 柯基 柴犬 哈士奇 比熊 博美 橘猫 布偶 "
                        "英短 边牧 拉布拉多 乌龟 八哥".split())
_ZH_NOT_AN_ANIMAL_NAME = frozenset("身上 身体 主人 医院 疫苗 毛发 尾巴 爪子 狗粮 猫粮 笼子 窝里 一只 一条 这只 那只".split())
_ZH_NAME_FOLLOWS = re.compile(r"[dvpurcyxa]|ul|uj|ud")  # a name is followed by an adverb, a verb, a particle, punctuation


def _animal_name_spans(words: list[tuple[int, str, str]]) -> list[tuple[int, int]]:
    spans = []
    for index, (offset, word, _) in enumerate(words[:-1]):
        if word not in _ZH_ANIMALS:
            continue
        name, flags, end = "", [], index + 1
        start = offset + len(word)
        if end < len(words) and words[end][1] == "叫" and words[end][0] == start:  # "养了只猫叫雪球"
            end, start = end + 1, start + 1
        if end < len(words) and len(words[end][1]) == 3 and words[end][2] in ("n", "nr", "nz") and words[end][0] == start:
            name, flags, end = words[end][1], [words[end][2]], end + 1  # "猫芝麻糊": a three-character name
        while end < len(words) and len(name) < 2 and words[end][0] == start + len(name):
            name += words[end][1]
            flags.append(words[end][2])
            end += 1
        following = words[end] if end < len(words) and words[end][0] == start + len(name) else None
        if (len(name) in (2, 3) and not any(flag[0] in "vpdurmqfst" for flag in flags) and name not in _ZH_NOT_AN_ANIMAL_NAME
                and not set(name) & _ZH_PET_NAME_NOT and not dictionary_word_not_a_name(name)
                and (following is None or _ZH_NAME_FOLLOWS.match(following[2]))):
            spans.append((start, start + len(name)))
    return spans


def bare_name_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every person name found in ``text`` without a cue, in order, not overlapping."""
    words = _tagged_words(text)  # one part-of-speech pass, shared by the two checks that read it
    spans = sorted(_english_spans(text) + _chinese_spans(words, text) + _after_relation_spans(words) + _familiar_spans(text)
                   + _clause_initial_given_spans(text, words) + _animal_name_spans(words)
                   + _transliterated_spans(text) + _chinese_in_english_spans(text) + _name_before_age_spans(text)
                   + _doubled_spans(text, _ZH_DOUBLED_AFTER_RELATION, rare_only=False)
                   + _doubled_spans(text, _ZH_DOUBLED_AFTER_AGE, rare_only=False) + _split_full_name_spans(words)
                   + _clause_initial_full_name_spans(text, words) + _opening_pet_name_spans(text)
                   + _doubled_spans(text, _ZH_DOUBLED_BEFORE_AGE, rare_only=False)
                   + _doubled_spans(text, _ZH_DOUBLED_AFTER_VERB, rare_only=True)
                   + _doubled_spans(text, _ZH_DOUBLED_BEFORE_BODY, rare_only=False))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept
