"""Facts parsed from a symptom description: age, vital signs, duration, trajectory and context (English and Chinese).

Example::

    >>> from agents.medical_triage.facts import extract_facts
    >>> f = extract_facts("my 2-year-old has had a fever of 39.5 for two days and it's getting worse")
    >>> (f.age_years, f.temperature_c, f.duration_days, f.worsening)
    (2.0, 39.5, 2.0, True)
    >>> extract_facts("72岁，发烧39度，心率130").model_dump(exclude_none=True, exclude_defaults=True)
    {'age_years': 72.0, 'temperature_c': 39.0, 'heart_rate': 130, 'elderly': True}
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from agents.medical_triage.context import assert_span
from agents.medical_triage.text import english_words, looks_medical, normalise

Severity = Literal["mild", "moderate", "severe"]


class Facts(BaseModel):
    """What is known about the person and the complaint. None means not (yet) known."""

    model_config = ConfigDict(extra="forbid")
    age_years: Optional[float] = Field(default=None, description="Age in years (months / 12 for babies).")
    temperature_c: Optional[float] = Field(default=None, description="Highest body temperature given, in Celsius.")
    heart_rate: Optional[int] = Field(default=None, description="Heart rate in beats per minute.")
    spo2: Optional[int] = Field(default=None, description="Oxygen saturation in percent.")
    systolic: Optional[int] = Field(default=None, description="Systolic blood pressure, mmHg.")
    diastolic: Optional[int] = Field(default=None, description="Diastolic blood pressure, mmHg.")
    duration_days: Optional[float] = Field(default=None, description="How long the complaint has lasted, in days.")
    worsening: bool = Field(default=False, description="The person says it is getting worse.")
    pregnant: bool = Field(default=False, description="Pregnancy mentioned.")
    immunosuppressed: bool = Field(default=False, description="Chemotherapy, transplant, immunosuppressants...")
    elderly: bool = Field(default=False, description="An older person (65+) by age or by words.")
    infant: bool = Field(default=False, description="A baby (under 1 year) by age or by words.")
    child: bool = Field(default=False, description="A child (under 16) by age or by words.")
    severity: Optional[Severity] = Field(default=None, description="How bad, as the person puts it.")
    pills_taken: Optional[int] = Field(default=None, description="Number of tablets said to have been taken at once.")
    sex: Optional[Literal["female", "male"]] = Field(
        default=None, description="The patient's sex where the message states it (and nothing says otherwise).")

    @property
    def age_months(self) -> Optional[float]:
        return None if self.age_years is None else self.age_years * 12

    def merged_with(self, newer: Facts) -> Facts:
        """Earlier facts updated by the newer ones (known values win over unknown; flags accumulate)."""
        data = self.model_dump()
        for key, value in newer.model_dump().items():
            if isinstance(value, bool):
                data[key] = data[key] or value
            elif value is not None:
                if key == "temperature_c" and data[key] is not None:
                    value = max(value, data[key])
                data[key] = value
        return Facts(**data).with_age_flags()

    def with_age_flags(self) -> Facts:
        if self.age_years is None:
            return self
        return self.model_copy(update={"elderly": self.elderly or self.age_years >= 65,
                                       "infant": self.infant or self.age_years < 1,
                                       "child": self.child or self.age_years < 16})


_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "仨": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_EN_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple of": 2, "a couple of": 2, "few": 3, "a few": 3,
               "several": 4, "half an": 0.5, "half a": 0.5}
ZH_NUM = r"[零〇一二两俩三仨四五六七八九十百半几]+"
NUM = r"\d+(?:\.\d+)?"
_EN_NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"


def zh_number(text: str) -> Optional[float]:
    """Chinese numerals up to 999 ("七十二" → 72, "两" → 2, "半" → 0.5, "几" → 3).

    >>> zh_number("七十二"), zh_number("十五"), zh_number("两")
    (72.0, 15.0, 2.0)
    """
    if not text:
        return None
    if re.fullmatch(NUM, text):
        return float(text)
    if text == "半":
        return 0.5
    if text == "几":
        return 3.0
    total, current = 0, 0
    for char in text:
        if char in _ZH_DIGITS:
            current = _ZH_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "几":
            current = 3
        else:
            return None
    return float(total + current)


def _number(token: str) -> Optional[float]:
    token = token.strip()
    if re.fullmatch(NUM, token):
        return float(token)
    if token in _EN_NUMBERS:
        return float(_EN_NUMBERS[token])
    return zh_number(token)


_UNIT_DAYS = {"minute": 1 / 1440, "min": 1 / 1440, "hour": 1 / 24, "hr": 1 / 24, "day": 1, "night": 1, "week": 7, "wk": 7,
              "month": 30, "mth": 30, "year": 365, "yr": 365, "分钟": 1 / 1440, "小时": 1 / 24, "个小时": 1 / 24, "天": 1, "日": 1, "晚": 1,
              "周": 7, "星期": 7, "个星期": 7, "礼拜": 7, "个礼拜": 7, "个月": 30, "月": 30, "年": 365}

_RELATIVES = (r"(?:great[\s-]?)?(?:grand)?(?:mum|mom|mother|dad|father|ma|pa|parent|aunt|auntie|uncle|son|daughter|"
              r"husband|wife|partner|brother|sister|friend|neighbou?r|flatmate|grandad|granddad|granny|gran|nan|nana|"
              # the chat words for the same people: "hubby rich 30 ...", "bf 24 ..."
              r"hubby|wifey|boyfriend|girlfriend|bf|gf|fianc[eé]e?|step[\s-]?(?:mum|mom|dad|son|daughter))"
              r"(?:[\s-]in[\s-]law)?")
# "ruby is 2 n got into nanas tablets": a name opening the message, then a bare age (not "temp is 38", "pain is 8")
_EN_OPENING_NAME_IS_AGE = re.compile(r"^\s*([a-z][a-z'’-]+) is (\d{1,2})(?=\s*(?:and\b|n\b|&|,|\.|!|\?|$|years?\b|yrs?\b|yo\b))")
_NOT_A_NAME_BEFORE_IS = frozenset("it this that there he she who what which temp temperature sats pulse bp sugar reading score "
                                  "pain level dose weight age rate count number result he's she's mine ours".split())
# a chat message's sex, typed before its age: "m 40", "female, 27"
_EN_SEX_BEFORE_AGE = r"(?:m|f|male|female)\s*,?\s*"
# a caller who gives their name: "I'm Meirion", "this is Dot", "my name's Gwen"
_SELF_INTRODUCED = r"\b(?:i am|i'm|im|this is|it is|it's|my name is|name's)\s+"
# "I'm Meirion, seventy-two, I've got high blood pressure": a caller's name, then their age set off by a comma (the name
# no English word: not "I'm sorry, 2 days ago")
_EN_SELF_NAMED_AGE = re.compile(_SELF_INTRODUCED + r"([a-z][a-z'’-]+|\[name\]),\s*"
                                r"(\d{1,3})(?![\d.])(?=\s*(?:and\b|n\b|&|,|;|\.|!|\?|$|years?\b|yrs?\b))")
# "babys bum is red ..., 8 months, no spots": a baby's age set off by commas in a message about the baby
_EN_BABY_COMMA_MONTHS = re.compile(r"\bbaby[^.?!]{0,60}?,\s*(\d{1,2})\s*(?:months?|mos?|mths?)\s*(?=[,;.!?]|$)")
_EN_AGE = [
    (re.compile(rf"\b({NUM})[\s-]*(?:years?|yrs?|y)[\s-]*old\b"), 1.0),
    (re.compile(rf"\b({NUM})[\s-]*(?:yo|y/o|y\.o\.)(?![a-z])"), 1.0),
    (re.compile(rf"\b(?:aged?|age:?)\s*({NUM})\b"), 1.0),
    (re.compile(rf"\bi am\s+({NUM})\b(?!\s*(?:weeks?|days?|months?|%|kg|lbs?|cm|times?|degrees?|°))"), 1.0),
    (re.compile(rf"\b({NUM})[\s-]*(?:months?|mos?)[\s-]*old\b"), 1 / 12),
    # "baby 4 months", "my son is 9 months", "my baby boy [NAME] is seven months", "my little one bella 10 months": a
    # baby's age given without "old", after the baby and perhaps a name
    (re.compile(rf"\b(?:baby|infant|newborn|toddler|son|daughter|boy|girl|grandson|granddaughter|little one|lo)(?: boy| girl)?"
                rf"(?:\s+(?:\[(?i:name)\]|(?!(?:for|since|over|in|about|around|nearly|almost|had|has|been|the|last|past|of|is|was)\b)"
                rf"[a-z]+))?"
                rf"(?:\s+is|\s+was)?,?\s+({NUM}|{_EN_NUMBER_WORD})\s*(?:months?|mos?|mths?)\b(?!\s+(?:ago|now|pregnant))"), 1 / 12),
    # "7mo keeps screaming", "my 5 mo has d&v": chat shorthand for a baby's age in months
    (re.compile(r"(?:^|\b(?:my|our|the|a)\s+)(\d{1,2})\s*(?:mo|mos|mth|mths)\b(?!\s+ago)"), 1 / 12),
    (re.compile(r"\b(\d{1,2})(?:mo|mos|mth|mths)\b(?!\s+ago)"), 1 / 12),
    (re.compile(rf"\b({NUM})[\s-]*(?:weeks?|wks?)[\s-]*old\b"), 1 / 52),
    # "3wk baby sneezes loads", "my 6 week son": the weeks before the baby, opening the message or after "my"
    (re.compile(rf"(?:^\s*|\b(?:my|our|a|the|his|her)\s+)({NUM}|{_EN_NUMBER_WORD})[\s-]*(?:weeks?|wks?)[\s-]+"
                rf"(?:baby|newborn|infant|son|daughter|boy|girl|lo|grandson|granddaughter)\b"), 1 / 52),
    # "so she's about seven weeks now", "he is only 5 weeks": a baby's age in weeks without "old"
    (re.compile(rf"\b(?:she|he|baby|who)(?:'s|s|\s+is)\s+(?:about|around|nearly|almost|only|just)?\s*({NUM}|{_EN_NUMBER_WORD})\s*"
                rf"(?:weeks?|wks?)\b(?!\s*(?:pregnant|gestation|along|ago|of pregnancy|with (?:her|my|our|their|the) "
                rf"(?:first|second|third|fourth|fifth|baby|twins)))(?![^.]*\bpregnan)"), 1 / 52),
    # "newborn wren 3wks gets hiccups": a baby's age in weeks after the baby and a name
    (re.compile(rf"\b(?:baby|infant|newborn)(?: boy| girl)?\s+(?:\[(?i:name)\]|(?!(?:for|since|over|in|about|around|nearly|almost|"
                rf"had|has|been|the|last|past|of|is|was|and)\b)[a-z]+),?\s+({NUM})\s*(?:weeks?|wks?)\b(?!\s+(?:ago|pregnant|gestation))"),
     1 / 52),
    # "baby boy 10 wks has a lump": a baby's age in weeks straight after the baby
    (re.compile(rf"\b(?:baby|infant|newborn)(?: boy| girl)?,?\s+({NUM}|{_EN_NUMBER_WORD})\s*(?:weeks?|wks?)\b(?!\s+(?:ago|pregnant|gestation))"),
     1 / 52),
    # "she's seven months, and ...", "he is 18 months": the same in months
    (re.compile(rf"\b(?:she|he|who)(?:'s|s| is)\s+(?:about|around|nearly|almost|only|just)?\s*({NUM}|{_EN_NUMBER_WORD})\s*"
                rf"(?:months?|mos?|mths?)\b(?!\s*(?:pregnant|gestation|along|ago|into|in\b|of\b))(?![^.]*\bpregnan)"), 1 / 12),
    (re.compile(rf"\b({NUM})[\s-]*days?[\s-]*old\b"), 1 / 365),
    (re.compile(r"\b(?:in (?:his|her|my|their) )(\d)0s\b"), 10.0),
    (re.compile(rf"\b(?:(?:my|our|his|her) )?(?:(?:little|baby|youngest|eldest|oldest|middle) )?(?:{_RELATIVES}|boy|girl|lad|"
                rf"kid|toddler)(?:\s+(?!is\b)[^\s,.;]+)?\s+is ({NUM})\b(?!\s*(?:weeks?|days?|months?|%|kg|lbs?|cm|°|mins?|minutes?|"
                rf"hours?|hrs?|miles?|km|foot|feet|ft|stone|st)\b)"),
     1.0),
    (re.compile(rf"\b(?:{_RELATIVES})'s ({NUM})(?=\s*(?:years?\b|and\b|[,.;]|$))"),
     1.0),
    # "my mum Margaret 83 suddenly ...", "grandad 91, fell", "mum 80 had a uti": a relative's age straight after who
    # they are
    (re.compile(rf"(?:\b(?:my|our) |^\s*)(?:{_RELATIVES})(?: [a-z]+)?,? ({NUM})\b(?!\s*(?:weeks?|wks?|days?|months?|%|kg|lbs?|cm|°|"
                rf"mins?|minutes?|hours?|hrs?|times?|x\b|puffs?|tablets?|pills?|mg|ml))"), 1.0),
    # "my mum, who's 78, ...", "my dad (he's 81) ...", "she's 84 and ...": an age said of the person described
    (re.compile(rf"\b(?:who|he|she)(?:'s| is)\s+({NUM})(?=\s*(?:years?\b|and\b|now\b|[,.;)]|$))"), 1.0),
    (_EN_BABY_COMMA_MONTHS, 1 / 12),
    # "hes 88", "shes 6": typed without the apostrophe, an age said before a pause or at the end
    (re.compile(rf"\b(?:hes|shes)\s+({NUM})(?=\s*(?:years?\b|and\b|now\b|[,.;)!?]|$))"), 1.0),
    # "im 23, ...", "I'm 40 and ...": one's own age typed without "years"
    (re.compile(rf"\bi(?:'m|m)\s+({NUM})(?=\s*(?:years?\b|and\b|now\b|[,.;)!?]|$))"), 1.0),
    # "..., 63m, feel fine", "32f flew back ...": age and sex in the chat shorthand, opening the message or set off alone
    (re.compile(r"(?:^|[,(;.!?]|\band\b)\s*(\d{2,3})\s?(?:m|f|male|female)(?=\s*(?:[,);.!?/]|$))"), 1.0),
    # "..., no fever, m 40", "f 19 period pain day 1": the sex first, then the age, set off alone or opening the message
    (re.compile(r"(?:^|[,(;.!?]|\band\b)\s*" + _EN_SEX_BEFORE_AGE + r"(\d{1,3})(?![\d.])(?=\s*(?:[,);.!?/]|$))"), 1.0),
    (re.compile(r"^\s*(?:m|f)\s*(\d{1,3})\b(?![.\d])"), 1.0),
    # "71, sudden awful pain ...": a bare age opening the message (not 35-42, which may be a temperature)
    (re.compile(r"^\s*(1[2-9]|2\d|3[0-4]|4[3-9]|[5-9]\d|1[01]\d)\s*,(?!\s*\d)"), 1.0),
    # "..., bleeds when i brush, 70": a bare age closing a chat message after a comma (not after a number or a reading)
    (re.compile(r"(?<![\d.])(?<!\d\s),\s*(1[6-9]|2\d|3[0-4]|4[3-9]|[5-9]\d|1[01]\d)\s*[.!]?\s*$"), 1.0),
    (re.compile(r"^\s*(\d{2,3})(?:m|f)\b(?!'|\s*(?:ago|later|before|after|walk|run))"), 1.0),
]
_EN_AGE_WORDS = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-]*"
                           r"(year|month|week)s?[\s-]*old\b")
# what a body part or a complaint is made of, never a pet name's: "小便疼3个月", "小腿疼3个月", "小肚子胀3个月"
_ZH_NOT_IN_PET_NAME = "便腿肚腹手脚头脸眼耳鼻嘴牙背腰胸脖臂指趾疼痛痒咳烧吐拉肿时候儿孩女子伙姑娘学生"
# the child, then perhaps what it is called, before its pet name and its age (months or weeks below)
_ZH_CHILD_THEN = r"(?:我家|闺女|女儿|儿子|孙子|孙女|外孙|外孙女|宝宝|孩子)\s*(?:[，,]\s*(?=小名|名叫))?(?:小名叫|小名|名叫|叫)?\s*"
# a pet name (小…, or two characters), not a spouse, an old person or a pet, and no symptom in its first characters
_ZH_PET_NAME = (r"(?!老公|老婆|老人|媳妇|男人|先生|太太|爱人|小狗|小猫)(?![^，。,]{0,2}[咳烧吐拉疼痛痒肿])"
                r"(?:小[\u4e00-\u9fff]{1,2}|[\u4e00-\u9fff]{2})")
# a sex said just before a bare age: "男40", "女，35"
_SEX_BEFORE_AGE = r"(?<![\u4e00-\u9fff])(?:男|女)\s*[，,]?\s*"
# the weather after 天 ("天冷", "三天冷得很"): 天 is then the sky, not a day
_ZH_WEATHER_AFTER_DAY = ("冷", "凉", "气温", "亮", "黑", "晴", "阴")
_ZH_AGE = [
    # not "家里还有个两岁的要带": another child at home
    # (nor "我爸七十岁那年得过心梗": an age at some time past)
    (re.compile(rf"(?<!还有个)(?<!还有一个)(?<!另一个)(?<!另外一个)({NUM}|{ZH_NUM})\s*(?:周岁|岁半|岁)(?!那年|那会|的时候|时)"), 1.0),
    (re.compile(rf"({NUM}|{ZH_NUM})\s*个?(?:月大|月龄)"), 1 / 12),
    (re.compile(rf"(?:宝宝|婴儿|孩子|小孩|女儿|闺女|儿子|孙子|孙女|外孙女?|宝|我家\s*\[(?i:name)\])\s*(?:\[(?i:name)\])?\s*(?:才|刚|刚满|满|已经)?"
                # not how long something has (not) happened: "女儿3个月没来月经了", "孩子3个月前"
                rf"({NUM}|{ZH_NUM})\s*个月(?![没不都前后来以])"),
     1 / 12),
    (re.compile(rf"(?:刚满|才满|刚刚满)({NUM}|{ZH_NUM})\s*个?月"), 1 / 12),
    # "我家小芒果八个月了", "闺女佳佳，七个月了", "儿子小名叫石头，十个月", "儿子，小名乐乐，九个月": a child's pet name after 我家 or the child, then
    # months (not a symptom)
    (re.compile(rf"{_ZH_CHILD_THEN}(?:{_ZH_PET_NAME})?\s*[，,]?\s*(?:才|刚|刚满|满|已经)?({NUM}|{ZH_NUM})\s*个月"
                rf"(?=了|大|[，。,\s]|在|正在|刚会|刚学)"),
     1 / 12),
    # "小糖豆9个月，红屁股了", "阿宝8个月，": a message that opens with a child's pet name (小…, 阿…) and months
    (re.compile(rf"^\s*(?:[小阿](?:(?![{_ZH_NOT_IN_PET_NAME}])[\u4e00-\u9fff]){{1,2}}|\[(?i:name)\])\s*(?:才|刚|刚满|满|已经)?({NUM}|{ZH_NUM})\s*个月"
                rf"(?=了|大|[，。,\s])"),
     1 / 12),
    # "3个月的宝宝", "9个月闺女脑门磕了", "4个月的小宝": the months before the child, its pet name or the name put in its
    # place (not "这3个月孩子一直咳", "咳了3个月孩子都瘦了")
    (re.compile(rf"(?<![这近有了快])({NUM}|{ZH_NUM})\s*个月的?\s*(?:小?(?:宝宝|婴儿|孩子|小孩|女儿|闺女|儿子|孙子|孙女|外孙女?|宝|娃|"
                rf"丫头|家伙|宝贝)|小子|\[(?i:name)\])"),
     1 / 12),
    # "男40", "女，35": a sex then a bare age, as a chat message ends (not a reading with a decimal or a unit)
    # ("女67 天冷又..." is an age, then the weather)
    (re.compile(_SEX_BEFORE_AGE + rf"(\d{{1,2}})(?![\d.]|\s*(?:度|℃|°|斤|公斤|kg|cm|天(?!气|{'|'.join(_ZH_WEATHER_AFTER_DAY)})|个|次|分|小时|年|周|月))"), 1.0),
    # "我爷爷79了", "我公公84了", "老爷子81了", "我爷七十九了": an older relative's age said without 岁
    (re.compile(r"(?:爷爷|奶奶|公公|婆婆|外公|外婆|姥姥|姥爷|老爷子|老太太|老人家|老伴|爸|妈|岳父|岳母|她|他|我爷|俺爷|我奶|俺奶)"
                r"[^\d，。,]{0,3}?(\d{2,3}|[二三四五六七八九]十[一二三四五六七八九]?|一百[零一二三四五六七八九十]*)\s*"
                r"(?:了|多了|多岁)"), 1.0),
    # "我妈79，这个月摔了三回": an older relative's age straight after who they are, then a pause (40 and over: "我妈39" might be
    # a reading)
    # (a name between, "我爸老钱67，", "我妈[NAME]72，")
    (re.compile(r"(?:爷爷|奶奶|公公|婆婆|外公|外婆|姥姥|姥爷|老爷子|老太太|老人家|老伴|我爸|我妈|俺爸|俺妈|岳父|岳母|我爷|俺爷|我奶|俺奶)\s*"
                r"(?:\[(?i:name)\]|老[\u4e00-\u9fff])?\s*"
                r"([4-9]\d|1[01]\d|[四五六七八九]十[一二三四五六七八九]?)(?=[，,。；;\s]|$)"), 1.0),
    # "问问我儿子小宇，十九，在外地上大一": a son's or daughter's age in Chinese numerals (or under 35 in digits, so that
    # no reading is taken for one) set off by commas after their name
    (re.compile(r"(?:儿子|女儿|闺女|孙子|孙女|外孙|外孙女)[^。！？!?，,\d]{0,4}[，,]\s*"
                r"(十[一二三四五六七八九]?|[二三]十[一二三四五六七八九]?|[1-9]|[12]\d|3[0-4])\s*(?:了|啦)?(?=[，,。；;\s])"), 1.0),
    # "我儿子十六了，有癫痫": the same straight after the son or daughter, closed by 了
    (re.compile(r"(?:儿子|女儿|闺女|孙子|孙女|外孙|外孙女)(十[一二三四五六七八九]|[二三]十[一二三四五六七八九]?|1\d|2\d)\s*(?:了|啦)"
                r"(?=[，,。；;\s])"), 1.0),
    # "我家老钟，七十四了，...", "[NAME]，67了。": an age standing alone as a clause, after who the person is
    (re.compile(r"(?:我家|我爸|我妈|老伴|爱人|老公|老婆|\[(?i:name)\]|老[\u4e00-\u9fff])[^。！？!?]{0,8}?[，,]\s*"
                r"(\d{2}|[二三四五六七八九]十[一二三四五六七八九]?)\s*(?:了|多了|啦)(?=[，,。；;\s]|$)"), 1.0),
    # "你好，我三十八。", "我三十一，二胎": one's own age said alone after 我, a clause of its own
    (re.compile(r"(?:^|(?<=[，,。！？!?\s]))我\s*(\d{2}|[二三四五六七八九]十[一二三四五六七八九]?)\s*(?:了|多了|啦)?(?=[，,。；;！!？?\s]|$)"), 1.0),
    # "我今年二十三。", "今年四十了，": one's age said after 今年 without 岁
    (re.compile(rf"今年\s*(\d{{1,3}}|{ZH_NUM})\s*(?:了|多了|啦)?(?=[，,。；;！!？?\s]|$)"), 1.0),
    (re.compile(rf"({NUM}|{ZH_NUM})\s*(?:周大|天大)(?![便小])"), None),  # not "这两天大便黑", "两天大小便"
    (re.compile(rf"(?:出生|生下来)\s*(?:才|刚)?({NUM}|{ZH_NUM})\s*(?:天|周)"), None),
    # "才七个礼拜大", "三个星期大": a baby's age in weeks, said with 大
    (re.compile(rf"({NUM}|{ZH_NUM})\s*个?(?:礼拜|星期)大(?![便小])"), 1 / 52),
    # "宝宝才6周", "我家豆豆才三个礼拜": a baby's age in weeks, after who the baby is
    (re.compile(rf"(?:宝宝|婴儿|孩子|小孩|女儿|儿子|孙子|孙女|我家)\s*(?:\[(?i:name)\])?\s*(?:才|刚|刚满)({NUM}|{ZH_NUM})\s*"
                rf"个?(?:周|星期|礼拜)(?!了)"), 1 / 52),
    # "我外孙小名豆豆，刚七个礼拜", "闺女朵朵，才五周": the same after a pet name, as the months above
    (re.compile(rf"{_ZH_CHILD_THEN}(?:{_ZH_PET_NAME})\s*[，,]\s*(?:才|刚|刚满|满|已经)?({NUM}|{ZH_NUM})\s*"
                rf"个?(?:周|星期|礼拜)(?=大|[，。,\s]|$)"), 1 / 52),
    # "儿子十周 大腿根有个包", "宝宝6周，": a baby's age in weeks straight after the baby
    (re.compile(rf"(?:宝宝|婴儿|儿子|女儿|闺女|孙子|孙女)\s*({NUM}|{ZH_NUM})\s*(?:周|个星期|个礼拜)(?=大|[，。,\s]|$)"), 1 / 52),
    # "我家[米粒]五周 鼻子堵": a baby's age in weeks after a name (blanked above)
    (re.compile(rf"(?:宝宝|孩子|儿子|女儿|孙子|孙女|闺女|我家)\s{{2}}(?:才|刚|刚满)?({NUM}|{ZH_NUM})\s*(?:周|个星期|个礼拜)(?=大|了|[，。,\s]|$)"),
     1 / 52),
    # "明天满六周", "刚满5周": a baby's age in weeks, counted to the day
    (re.compile(rf"满\s*({NUM}|{ZH_NUM})\s*(?:周|个星期|个礼拜)(?![^，。,]{{0,3}}孕)"), 1 / 52),
    # "才生下来三个礼拜", "出生两个星期": a newborn's age in weeks
    (re.compile(rf"(?:生下来|出生|刚生)\s*(?:才|刚)?({NUM}|{ZH_NUM})\s*个?(?:礼拜|星期)"), 1 / 52),
]
# "圆圆7个月，流鼻涕", "[NAME]10个月，": a child's doubled (or removed) name opening the message, then months
_ZH_OPENING_NAME_MONTHS = re.compile(rf"^\s*(?:\[(?i:name)\]|([\u4e00-\u9fff])\1|([\u4e00-\u9fff]{{2}}))\s*({NUM}|{ZH_NUM})\s*个月"
                                     r"(?=了|大|[，。,\s])")


def _opening_name_months(text: str) -> Optional[re.Match]:
    """"饭团三个月，…", "[NAME]8个月了": a baby's name (no health word: not "咳嗽三个月") opening the message, then months."""
    match = _ZH_OPENING_NAME_MONTHS.search(text)
    # not "阳了三个月了" (a verb and 了 say how long since): a name does not end in 了, 过 or 的
    return match if match and not (match.group(2) and (looks_medical(match.group(2)) or match.group(2)[-1] in "了过的")) else None
_INFANT_WORDS = re.compile(r"\b(newborn|new-born|neonate)\b|新生儿|刚出生")
_BABY_WORDS = re.compile(r"\b(baby|infant)\b|婴儿|宝宝")
# a grown-up called a baby: "he's being a big baby about it", "such a baby", "a crybaby"
_FIGURATIVE_BABY = re.compile(r"\b(?:being (?:a|such a)(?: (?:big|real|total|right|proper|massive|complete))?|such a(?: big)?|"
                              r"a (?:big|real|total|right|proper|massive|complete)) baby\b|\bcry-?baby\b")
_CHILD_WORDS = re.compile(r"\b(toddler|my (?:(?:little|baby|youngest|eldest|oldest|middle) )?(?:son|daughter|kid|child|boy|girl)|"
                          r"little (?:boy|girl)|child|kid)\b|孩子|小孩|儿童|幼儿|女儿|儿子")
_ELDERLY_WORDS = re.compile(r"\b(elderly|grandmother|grandfather|grandma|grandpa|granny|grandad|granddad|nan|nana|nanna|gran|my (?:elderly|old|aged) "
                            r"(?:mother|father|mom|mum|dad|parent)s?|old (?:man|woman|lady)|senior)\b|老人|老年|爷爷|奶奶|姥姥|"
                            r"姥爷|外婆|外公|老母亲|老父亲|老伴|高龄|我爷|俺爷")


def _age(text: str) -> tuple[Optional[float], bool]:
    for pattern, scale in _EN_AGE:
        match = pattern.search(text)
        if match and not (scale == 1.0 and _TEMP_LIKE_DECIMAL.fullmatch(match.group(1))):  # "she is 38.4" is a reading
            return (_number(match.group(1)) or 0.0) * scale, True
    match = _EN_AGE_WORDS.search(text)
    if match:
        scale = {"year": 1.0, "month": 1 / 12, "week": 1 / 52}[match.group(2)]
        return _EN_NUMBERS[match.group(1)] * scale, True
    match = _EN_OPENING_NAME_IS_AGE.search(text)
    if match and match.group(1) not in _NOT_A_NAME_BEFORE_IS and not looks_medical(match.group(1)):
        return float(match.group(2)), True
    match = _EN_SELF_NAMED_AGE.search(text)
    if match and (match.group(1) == "[name]" or (match.group(1) not in english_words() and not looks_medical(match.group(1)))):
        return float(match.group(2)), True
    for pattern, scale in _ZH_AGE:
        match = pattern.search(text)
        if match:
            value = zh_number(match.group(1))
            if value is None:
                continue
            if scale is None:
                scale = 1 / 52 if ("周" in match.group(0)) else 1 / 365
            return value * scale, True
    match = _opening_name_months(text)
    if match and (months := zh_number(match.group(3))) is not None:
        return months / 12, True
    if _asserted(_INFANT_WORDS, text):  # not "网上说这个传给新生儿很危险"
        return 0.05, True
    return None, False


_TEMP_EN = re.compile(rf"({NUM})\s*(?:°\s*|degrees?\s*|deg\s*)?(c|f|celsius|fahrenheit|centigrade)?\b")
_TEMP_CONTEXT = re.compile(r"fever|temp|temperature|thermometer|°|degree|under (?:the |her |his |their )?arm|armpit|"
                           r"发烧|发热|体温|高烧|低烧|烧到|烧了|度|℃|烧(?!心)|腋温|腋下|肛温|耳温|额温")
# "my 7 wk old is 38.4": a reading with one decimal in the range of a body temperature needs no word for it
_TEMP_LIKE_DECIMAL = re.compile(r"(?:3[5-9]|4[0-2])\.\d")
_DENIED_BEFORE = re.compile(r"\b(?:no|not|never|without|hasn'?t|haven'?t|isn'?t|wasn'?t)\b[^,]*\b(?:fever|temp|temperature)|"
                            r"(?:不|没|没有|未|也不|也没)(?:发烧|发热|烧)")
_NOT_A_TEMPERATURE = re.compile(r"\b(?:bmi|sugar|glucose|weigh\w*|kg|kilos?|stone|cm|inr|hba1c|cholesterol|shoe|size)\b|血糖|体重|公斤|斤")
_TEMP_ZH = re.compile(rf"(?:发烧|发热|体温|高烧|低烧|烧到|烧了|烧(?![烤饼麦鸡鹅心菜水])|温度|温枪|体温计|温度计|量了一下|一量|腋温|腋下|肛温|耳温|额温)[^\d零一二三四五六七八九十]{{0,6}}({NUM}|[三四][十][一二三四五六七八九]?(?:点[一二三四五六七八九零])?)"
                     # "不发烧，喘气正常，44岁", "四十来分钟前": a number that is an age, a count, a time or a weight is no reading
                     r"(?!\s*(?:来|多|几)?(?:岁|个月|周岁|天|次|斤|公斤|年|小时|分钟|个钟头|钟头|个小时))\s*(?:度|℃|°c?)?")
_TEMP_ZH_DEG = re.compile(rf"({NUM}|[三四]十[一二三四五六七八九]?(?:点[一二三四五六七八九零])?)\s*(?:度|℃|°c)")
# "外面三十八度", "洗澡水四十度": the weather or the water, not the body
_NOT_BODY_DEGREES = re.compile(r"(?:气温|天气|外面|室温|屋里|屋子里|水温|洗澡水|空调)[^，。,.]{0,3}$")


def _to_celsius(value: float, unit: Optional[str]) -> Optional[float]:
    if unit and unit.startswith("f"):
        return round((value - 32) * 5 / 9, 1) if 90 <= value <= 115 else None
    if 34 <= value <= 44:
        return value
    if 93 <= value <= 113 and unit is None:
        return round((value - 32) * 5 / 9, 1)
    return None


def _zh_decimal(token: str) -> Optional[float]:
    if "点" in token:
        whole, frac = token.split("点", 1)
        w, f = zh_number(whole), zh_number(frac)
        return None if w is None or f is None else w + f / 10
    return _number(token)


_TEMP_ZH_SPLIT = re.compile(r"(\d{2}|[三四]十[一二三四五六七八九]?)\s*度\s*([一二三四五六七八九\d])(?!\d)")


# a reading followed in its sentence by words saying it has come back to normal is a past temperature
_TEMP_RESOLVED = re.compile(r"(?:normal (?:now|since|again|today)|back to normal|been normal|gone down|come down|came down|"
                            r"settled|went away|gone away|has gone|is gone|现在正常|恢复正常|已经正常|正常了|一直正常|就正常|"
                            r"退了|降下来|降了|退烧了|没再烧|不烧了|没烧了|没烧过|没有再烧)")
_SENTENCE_STOP = re.compile(r"[.!?。！？\n]")
_NOT_YET = re.compile(r"(?:not|n't|never|没|不|未)\s*(?:yet\s*)?(?:\w+\s*)?$")


def _resolved_after(text: str, end: int) -> bool:
    """The rest of the reading's sentence says the temperature is normal again ("38.2 at first, normal now")."""
    stop = _SENTENCE_STOP.search(text, end)
    rest = text[end:stop.start() if stop else len(text)]
    return any(not _NOT_YET.search(rest[max(0, m.start() - 8):m.start()]) for m in _TEMP_RESOLVED.finditer(rest))


def _temperature(text: str) -> Optional[float]:
    """The highest current temperature given (readings since back to normal do not count)."""
    text = _temperature_words_to_digits(text)
    values = [value for value, end in _temperature_readings(text)
              if not _resolved_after(text, end) and not _someone_elses_child(text, end)]
    return max(values) if values else None


# a reading from someone else's child, as a friend tells it: "我闺蜜说她儿子出牙的时候烧到三十九度", "my sister said her boy
# hit 39.5 teething"
_OTHERS_CHILD = re.compile(r"(?:说|讲|告诉我)[^。！？.!?]{0,6}(?:她|他|人家)(?:家)?(?:的)?(?:儿子|女儿|闺女|孩子|宝宝|娃|小孩)|"
                           r"\b(?:said|says|told me)\b[^.!?]{0,20}\b(?:her|his|their) (?:son|daughter|kid|kids|baby|little one|"
                           r"boy|girl)\b")


def _someone_elses_child(text: str, end: int) -> bool:
    sentence = re.split(r"[.!?](?=\s)|[。！？；;]", text[:end])[-1]
    return _OTHERS_CHILD.search(sentence) is not None


@lru_cache(maxsize=256)  # asked once per fever rule of the same message
def temperature_back_to_normal(text: str) -> bool:
    """Temperatures were given and each is said to be normal again ("37.9 on the first day but normal since")."""
    text = _temperature_words_to_digits(normalise(text))
    readings = _temperature_readings(text)
    return bool(readings) and all(_resolved_after(text, end) for _, end in readings)


# a fever told with its end and no reading: "头两天有点发烧，后面就没烧过", "fever for a day, none since"
_FEVER_GONE = re.compile(r"(?:后面|后来|之后|以后|此后|然后)[就也都]?(?:再)?(?:没|没有|不)(?:再)?(?:发)?(?:烧|发热)|烧(?:早就|已经|早)?退了|"
                         r"\bno (?:fever|temperature|temp) since\b|\bnot had (?:a |any )?(?:fever|temperature|temp) since\b|"
                         r"\b(?:fever|temperature|temp)(?: has| had|'s)? (?:gone|settled|broken|broke|went away|gone away)\b|"
                         r"\bno more (?:fever|temperature)\b")
_FEVER_BACK = re.compile(r"又(?:发)?烧|烧起来|反复|came back|back up|again|returned")


@lru_cache(maxsize=256)
def fever_gone(text: str) -> bool:
    """A fever is told with its end and nothing says it came back ("头两天有点发烧，后面就没烧过")."""
    text = normalise(text)
    ends = [match.end() for match in _FEVER_GONE.finditer(text)]
    return bool(ends) and not _FEVER_BACK.search(text, ends[-1])


_AGE_BEFORE = re.compile(r"(?:\bi'?m|\bi am|\bhe'?s|\bshe'?s|\bhe is|\bshe is|\baged?|\bturned|\bturning)\s+$|"
                         # a chat message's sex then its age: "no fever, eating fine, m 40"
                         r"(?:^|[\s,;(])" + _EN_SEX_BEFORE_AGE + "$|"
                         + _SEX_BEFORE_AGE + "$")
_READING_VERB = re.compile(r"\b(?:said|read|reads|showed|shows|came up|registered|was|up to|went up to|reached|peaked at|"
                           r"as high as|hit)\s+(?:at\s+|about\s+)?$")


def _thermometer_reading(text: str, match: re.Match) -> bool:
    """"I used the ear thermometer my mum bought us and it said 38.4": a reading in body-temperature range, after a
    reading verb, in a sentence that names the thermometer or the temperature further back."""
    sentence_start = max(text.rfind(".", 0, match.start() - 1), text.rfind("\n", 0, match.start())) + 1
    return (35.0 <= float(match.group(1)) <= 42.5 and _READING_VERB.search(text[max(0, match.start() - 20):match.start()])
            is not None and _TEMP_CONTEXT.search(text[sentence_start:match.start()]) is not None)


_ARMPIT = re.compile(r"under (?:the |her |his |their )?arm|armpit|腋下")


def _temperature_context(window: str, at: int) -> bool:
    """A word for a temperature near a number; an armpit counts only right next to it ("37.8 under the arm"), since a
    lump in the armpit is told with an age ("lump in my armpit 3 wks, painless, 40")."""
    return any(not _ARMPIT.fullmatch(found.group()) or abs(found.start() - at) <= 15 or abs(found.end() - at) <= 15
               for found in _TEMP_CONTEXT.finditer(window))


def _temperature_readings(text: str) -> list[tuple[float, int]]:
    values = []
    for match in _TEMP_ZH_SPLIT.finditer(text):
        whole, frac = zh_number(match.group(1)), zh_number(match.group(2))
        if whole is not None and frac is not None and (c := _to_celsius(whole + frac / 10, "c")) is not None:
            values.append((c, match.end()))
    for match in _TEMP_ZH.finditer(text):
        if text[max(0, match.start() - 2):match.start()].endswith(("不", "没", "没有", "未")) and re.search("[，,]", match.group(0)):
            continue  # "不发烧，41": a fever denied, then the age
        value = _zh_decimal(match.group(1))
        if value is not None and (c := _to_celsius(value, None)) is not None:
            values.append((c, match.end()))
    for match in _TEMP_ZH_DEG.finditer(text):
        if _NOT_BODY_DEGREES.search(text[max(0, match.start() - 6):match.start()]):
            continue
        value = _zh_decimal(match.group(1))
        if value is not None and (c := _to_celsius(value, "c")) is not None:
            values.append((c, match.end()))
    for match in _TEMP_EN.finditer(text):
        window = text[max(0, match.start() - 40):match.end() + 3]
        unit = match.group(2)
        if (unit is None and not _temperature_context(window, match.start() - max(0, match.start() - 40))
                and not _thermometer_reading(text, match)
                and not (_TEMP_LIKE_DECIMAL.fullmatch(match.group(1)) and not _NOT_A_TEMPERATURE.search(window))):
            continue
        if unit is None and "." not in match.group(1) and _AGE_BEFORE.search(text[max(0, match.start() - 12):match.start()]):
            continue  # "no fever. I'm forty": a whole number after "I'm" is an age ("she's 39.4" is a reading)
        before = text[:match.start()].rstrip()
        if unit is None and "." not in match.group(1) and before.endswith(","):
            previous = before[before.rfind(",", 0, len(before) - 1) + 1:]  # the clause before the number
            if not text[match.end():].strip(" .!?") and not _TEMP_CONTEXT.search(previous):
                continue  # "..., no headache, arms not tingly, 40": the age, typed last on its own ("fever, 39" is a reading)
            if _DENIED_BEFORE.search(previous):
                continue  # "no fever, 39, eyes fine": a whole number straight after a fever denied is the age
        if unit is None and "." not in match.group(1) and 42 < float(match.group(1)) < 50:
            continue  # "no fever, not lost weight. 44.": an age; no body reaches 43 °C (50 and up may be °F)
        if unit is None and re.match(r"\s*(?:%|bpm|beats|kg|lb|mg|ml|years?|months?|weeks?|days?|hours?|times?|岁|个月|天|次|/)",
                                     text[match.end():match.end() + 8]):
            continue
        if (c := _to_celsius(float(match.group(1)), unit)) is not None:
            values.append((c, match.end()))
    return values


_HR = re.compile(rf"(?:\b(?:heart ?rate|pulse|hr|heartbeat|heart(?: is)?(?: racing| beating| pounding| going)?)\b|心率|心跳|脉搏)[^\d]{{0,14}}({NUM})(?!\s*(?:%|岁|years?|/))|({NUM})\s*(?:bpm|beats? (?:a|per) min)|"
                 rf"心跳每分钟\s*({NUM})")
_SPO2 = re.compile(rf"(?:oxygen(?: saturation| sat| level)?|o2(?: sat)?|spo2|sats?|血氧(?:饱和度)?)[^\d]{{0,12}}({NUM})\s*%?")
_BP = re.compile(r"(?:blood pressure|bp|血压)[^\d]{0,25}(\d{2,3})\s*/\s*(\d{2,3})")


def _vitals(text: str) -> dict:
    found: dict = {}
    match = _HR.search(text)
    if match:
        value = float(next(g for g in match.groups() if g))
        if 20 <= value <= 260:
            found["heart_rate"] = int(value)
    match = _SPO2.search(text)
    if match and 50 <= float(match.group(1)) <= 100:
        found["spo2"] = int(float(match.group(1)))
    match = _BP.search(text)
    if match:
        found["systolic"], found["diastolic"] = int(match.group(1)), int(match.group(2))
    return found


# the English units of time, abbreviations included ("2 wks", "a yr")
_EN_UNIT = r"(minute|min|hour|hr|day|night|week|wk|month|mth|year|yr)"
_EN_DURATION = re.compile(r"\b(?:for|past|last|over|about|almost|nearly|since|been(?:\s+(?:there|here|around|going on|like "
                          r"(?:this|that)|on and off))?)\s+(?:the\s+)?(?:past\s+|last\s+)?"
                          r"(\d+(?:\.\d+)?|a couple of|couple of|a few|few|several|half an|half a|an|a|one|two|three|four|"
                          r"five|six|seven|eight|nine|ten|eleven|twelve)\s*" + _EN_UNIT + r"s?\b")
_EN_DURATION_AGO = re.compile(r"\b(\d+(?:\.\d+)?|a couple of|a few|few|several|an|a|one|two|three|four|five|six|seven|"
                              r"eight|nine|ten)\s*" + _EN_UNIT + r"s?\s+(?:ago|now|straight|in a row|back(?=\s*(?:[,.;!?]|$)))\b")
# the months by name ("may" is left out: it is far more often "may be")
_MONTH_NAMES = r"(?:january|february|march|april|june|july|august|september|october|november|december)"
_EN_DURATION_WORDS = [
    (re.compile(r"\b(?:since|from) (?:this|early this) (?:morning|afternoon|evening)\b|\bthis (?:morning|afternoon|evening)\b|\btonight\b|"
                r"\bjust now\b|\b(?:a|an) (?:few )?(?:minutes?|hours?) ago\b|\bsuddenly\b|\ball of a sudden\b|\btoday\b"), 0.3),
    (re.compile(r"\bsince yesterday\b|\byesterday\b|\by'?day\b|\blast night\b|\bovernight\b"), 1.0),
    (re.compile(r"\bsince (?:the )?weekend\b"), 2.0),
    (re.compile(r"\bsince last week\b|\blast week\b"), 7.0),
    (re.compile(r"\bsince last month\b|\b(?:started|began)\b[^,.;]*\blast month\b|\bfor ages\b|\bfor a long time\b|\bfor months\b|"
                # "since about November": a month or more
                rf"\bsince (?:about |around |early |mid-?|late |the (?:start|end|middle) of )?{_MONTH_NAMES}\b|"
                # "been there months", "had it months now"
                r"\bbeen (?:there|here|like (?:this|that)|going on) months\b|\bmonths now\b|"
                # "we separated in March and since then I've not been right": the month named, then "since then"
                rf"\bin {_MONTH_NAMES}\b[^.;!?]{{0,60}}\bsince then\b"), 30.0),
    # "been there since at least last autumn": a season or more
    (re.compile(r"\bsince (?:at least |about |around )?last (?:spring|summer|autumn|fall|winter|year|christmas)\b"), 60.0),
    # "a sore that came up in the spring", "since the summer": a season back, a month or more
    (re.compile(r"(?<!first time )(?<!first )\bsince (?:the )?(?:spring|summer|autumn|fall|winter)\b|"
                r"\b(?:came up|come up|started|began|appeared|came on|cropped up|popped up|showed up|turned up) "
                r"(?:in|during|over) the (?:spring|summer|autumn|fall|winter)\b"), 30.0),
    (re.compile(r"\bfor weeks\b"), 14.0),
    (re.compile(r"\bfor days\b"), 3.0),
]
# "一年要长两三次", "一天三次" are how often, not how long
_ZH_DURATION = re.compile(rf"(?<![满每拜期周])({NUM}|{ZH_NUM})\s*(?:个)?(?:多|来)?(?:个)?(分钟|小时|天|日|晚|星期|周|礼拜|月|年)"
                          # (nor "四十年代打扮": the forties, a decade, not forty years)
                          rf"(?!末|代|大(?!便|小便)|龄|级|的宝宝|的孩子|的婴儿|的疫苗|的针|宝宝|婴儿|小孩|孩子|男宝|女宝|宝贝|娃)(?![^，。,；]{{0,3}}?(?:{NUM}|{ZH_NUM})\s*[次回趟遍])")
_ZH_DURATION_WORDS = [
    (re.compile(r"今天早上|今早|刚才|刚刚|今天|突然|半小时前|今晚"), 0.3),
    (re.compile(r"昨天|昨晚|一夜"), 1.0),
    (re.compile(r"前天"), 2.0),
    # "从周末开始起了红疹子": since the weekend
    (re.compile(r"(?:从|打|自)(?:上个?)?周末(?:开始|起)|周末(?:开始|起)"), 2.0),
    (re.compile(r"上周|上个星期|上礼拜"), 7.0),
    (re.compile(r"上个月|好几个月|很久|"
                # "从十一月份开始", "打九月起": since a month named, a month or more
                r"(?:从|打|自)(?:[一二三四五六七八九十]|十[一二]|\d{1,2})月份?(?:开始|起|以来|到现在)"), 30.0),
    (re.compile(r"好几天|几天"), 3.0),
]


_EN_DURATION_HALF = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+and\s+a\s+half\s*"
                               r"(hour|hr|day|week|wk|month|mth|year|yr)s?\b")
_ZH_DURATION_HALF = re.compile(rf"({NUM}|{ZH_NUM})\s*个半\s*(小时|星期|礼拜|月)")
_EN_DURATION_BARE = re.compile(r"(?<![-\w])(\d+(?:\.\d+)?|a couple of|a few|several|one|two|three|four|five|six|seven|eight|nine|ten|"
                               r"eleven|twelve)\s*" + _EN_UNIT + r"s?\b"
                               # ("a few years back." is "ago")
                               r"(?![\s-]*(?:old|pregnant|of pregnancy|gestation|ago\b|back\s*(?:[,.;!?]|$)))")


def durations(text: str, numeric_only: bool = False) -> list[float]:
    """Every duration stated in ``text``, in days (numbers first; words such as "since yesterday" when none)."""
    return [days for _, days in duration_mentions(text, numeric_only)]


# a time still to come: "exams in two weeks", "my appointment is in 3 days"
_EN_FUTURE = re.compile(r"\b(?:exams?|tests?|appointment|appt|holiday|trip|flight|wedding|due|surgery|operation|interview|"
                        r"deadline|move|results?|dentist|doctor|gp|midwife|consultant|specialist|check-?up|review|physio|optician|"
                        r"clinic|scan|tournament|match|game|race|competition|marathon|5k|10k|fun run|parkrun|triathlon|party|gig|concert|event|christening|"
                        r"funeral|graduation|audition|final|finals|exam)\s+(?:is\s+|are\s+|are\s+all\s+|to go to\s+|to get to\s+|coming up\s+|booked\s+)?"
                        # "we fly out in three days", "off on holiday in a week"
                        r"in\s+(?:about\s+|another\s+|just\s+|only\s+)?$|"
                        r"\b(?:fly|flying|flies|leave|leaving|move|moving|going away|go away|off)(?:\s+[a-z']+){0,3}?\s+in\s+(?:about\s+|another\s+)?$|"
                        # "supposed to be going on a stag do in prague in two weeks"
                        r"\b(?:supposed to|going to|planning|plan to|booked|we're going|we are going|i'm going|i am going)"
                        r"(?:\s+[a-z']+){0,8}?\s+in\s+(?:about\s+|another\s+)?$|"
                        # an event named, then what it is for: "he's got a trial for the county team in three weeks"
                        r"\b(?:trials?|tryouts?|try-outs?|selection|exams?|interview|audition|wedding|holiday|tournament|match|race)"
                        r"\s+(?:for|with|at|in|of|on)(?:\s+[a-z'&-]+){1,4}?\s+in\s+(?:about\s+|another\s+|just\s+|only\s+)?$")
_EN_HOW_OFTEN = re.compile(r"\b(?:every|each|once in|once every|twice in|twice every|per)\s+$")
# "in a month's time", "three days from now": a date still to come, not how long
_EN_FROM_NOW = re.compile(r"(?:'s|s'|s)?\s+time\b|\s+from now\b")
# a stay somewhere: "I'm a student picking grapes here for a month", "we're staying for a fortnight" (not "had this
# lump here for a month")
_EN_STAY_BEFORE = re.compile(r"\b(?:i'm|i am|im|we're|we are|he's|she's|they're)\b(?:(?!\bhad\b)[^,.;!?]){0,50}?\bhere\s+(?:for\s+)?"
                             r"(?:about\s+|around\s+)?$|\b(?:staying|stay|visiting)\s+(?:here\s+|with \w+\s+)?(?:for\s+)?"
                             r"(?:about\s+|around\s+)?$|"
                             # a place signed up or booked for: "I signed up as a volunteer for two weeks"
                             r"\b(?:signed up|volunteer(?:ing|ed)?|booked|enrolled|registered)(?:\s+[a-z']+){0,4}?\s+(?:for\s+)?"
                             r"(?:about\s+|around\s+)?$")
# time off work still to be taken: "I'll have to be signed off for two weeks" is leave, not how long
_EN_LEAVE_BEFORE = re.compile(r"\b(?:signed off|sick note|time off|annual leave)\b[^,.;!?]{0,15}$")
# how long a regular medicine has been taken: "on hrt for 2 years", "been taking metformin for six months"
_EN_MEDICINE_BEFORE = re.compile(r"\b(?:on|taking|been taking|been on|using)\s+(?:the\s+|my\s+|his\s+|her\s+)?(?:hrt|pill|insulin|"
                                 r"metformin|levothyroxine|thyroxine|warfarin|aspirin|statins?|steroids?|antidepressants?|"
                                 r"\w+(?:pril|olol|sartan|statin|prazole|xetine|pine|mab))\s+(?:(?:for|since)\s+(?:about\s+|nearly\s+|over\s+)?)?$")
# what someone says should be done for a time is no time the complaint has lasted: "says I shouldn't let him out of the
# house for a month", "you must keep her off school for a week"
# "my first weekend on the allotment since October": a gap since then, not how long a complaint has lasted
_FIRST_SINCE = re.compile(r"\bfirst\b[^,.;!?]*$")
_SINCE_MONTH = re.compile(rf"since\b[^,.;]*\b{_MONTH_NAMES}\b")
# "just over three weeks", "for more than 3 weeks", "三个多礼拜": longer than the weeks, months or years said (a day
# more, so that "more than 3 weeks" passes a limit of three weeks and a day)
# ("getting worse over 6 months" is during them, not more than them)
_EN_MORE_THAN = re.compile(r"\b(?:(?:for|just|well|a bit|a little|slightly) over|more than)\s+$")
_LONG_UNITS = ("week", "wk", "month", "mth", "year", "yr", "星期", "周", "礼拜", "月", "年")
# how long an episode usually lasts, not this one so far: "they always crust over and go in about a week or ten days"
_EN_USUAL_COURSE = re.compile(r"\b(?:always|usually|normally|typically|every time|each time)\b[^.;!?]{0,60}\b(?:go|goes|gone|clear|"
                              r"clears|heal|heals|settle|settles|disappear|disappears)\b(?:\s+(?:away|up|down|off))?\s+in\b")
# a tetanus jab told with the years since it ("破伤风针这几年打过", "a tetanus booster in the last five years")
_TETANUS = re.compile(r"\btetanus\b|破伤风")
# the time since the last episode: "离上回流鼻血差不多三个礼拜了"
_ZH_SINCE_LAST = re.compile(r"离上(?:回|次|一回|一次)[^，。,.；;]{0,8}$")
_EN_ADVICE_BEFORE = re.compile(r"\b(?:should(?:n't| not)?|must(?:n't| not)?|ought to|wants? (?:me|us|him|her|them) to|"
                               r"(?:told|tells?|advised|asked) (?:me|us|him|her|them) to|says? to)\b(?! have\b)[^,.;!?]{0,40}$")
# the same in Chinese: "一个月都别让他出门", "他爸说要关在屋里隔离两个礼拜"
_ZH_ADVICE_AFTER = re.compile(r"[都也]?(?:别|不要|甭)(?:让|叫|出门|上学|上班|去|碰|沾)")
_ZH_ADVICE_BEFORE = re.compile(r"说(?:要|得|让|叫|最好)[^，。,.；;]{0,10}$")
# years in a job: "I've been a housekeeper at the hotel for eleven years", "worked on the boats for 30 years"
_EN_JOB_BEFORE = re.compile(r"\b(?:been (?:a|an)|worked|working|work(?:ed)? (?:as|at|in|on|for)|"
                            # the job told by what is done in it: "I've been cleaning the toilets here for eight years"
                            r"been (?:cleaning|driving|teaching|nursing|cooking|farming|fishing|plastering|painting|"
                            r"labouring|managing|running (?:the|a|this|my)|doing (?:this|the|that|my) job))\b[^,.;!?]{0,45}$")
# "two or three nights a week", "4 days a month": how often, not how long
_EN_A_WEEK = re.compile(r"\s+(?:a|per|each|every|in a)\s+(?:week|wk|month|fortnight)\b")
_EN_STILL = re.compile(r"\bstill\b")
# the same in Chinese: "生完孩子两个礼拜" (since the birth), unless it is "还" there ("生完五周了，伤口还疼")
_ZH_AFTER_EVENT = ("生完孩子", "生完", "生了孩子", "剖腹产", "剖完", "做完手术", "手术完", "开完刀", "出院")
_ZH_STILL = re.compile(r"[^。！？!?]{0,12}(?:还|一直|仍然|依然)")
# "2 wks after giving birth", "three weeks after my op": how long since an event, not how long the complaint has lasted
_EN_AFTER_EVENT = re.compile(r"\s+(?:after|post|since)\s+(?:giving birth|the birth|birth|having (?:her|him|the baby|my baby|the twins)|"
                             r"(?:my |the |her |his |their )?(?:op|operation|surgery|c-?section|caesarean|cesarean|delivery|"
                             r"procedure|discharge))\b")
# time spent making or preparing something: "a costume I've spent four months making", "花了四个月做的cos服"
_EN_SPENT_BEFORE = re.compile(r"\b(?:spent|spend|spending|took (?:me|us|him|her|them))\s+(?:about\s+|around\s+|over\s+|nearly\s+|"
                              r"almost\s+|the (?:last|past)\s+)?$")
_EN_SPENT_AFTER = re.compile(r"\s+(?:to\s+)?(?:making|make|building|build|sewing|sew|planning|plan|preparing|prepare|saving|save|"
                             r"writing|write|painting|paint|knitting|knit|learning|learn|practising|practicing|rehearsing|"
                             r"working on|getting ready|decorating|renovating|designing|design|crafting|on (?:it|this|that|the|my|a|"
                             r"her|his|their))\b")
_ZH_SPENT_AFTER = re.compile(r"(?:的)?(?:时间|工夫|功夫)?(?:才)?(?:做|缝|准备|攒|学|练|画|写|织|搭|筹备|装修|设计|排练|弄|复习)")
# "两个礼拜后我要去参加婚礼", "建档要到两周以后": a time after something, not how long the complaint has lasted
_ZH_AFTER = re.compile(r"\s*(?:以后|之后|后)")
_EN_YEARS_AGO = re.compile(r".*\b(?:years?|yrs?)\s+(?:ago|back)\b")
_EN_STARTED = re.compile(r"\b(?:started|began|start|begun|since|first)\b")
# a clause that says when the complaint began, in either language (narrower than _EN_STARTED: no "first", as in "first
# thing in the morning"); it chooses between competing word-dates
_ONSET_CLAUSE = re.compile(r"开始|(?:从|打|自)[^，。,.；;]{0,8}起|\bsince\b|\bstarted\b|\bbegan\b|\bstarting\b")
_ZH_YEARS_AGO_EVENT = re.compile(r"前(?![^，。,.；;]{0,3}(?:开始|起|就))")
_ZH_KIN_AGE_BEFORE = re.compile(r"(?:(?<![^，。,；;\s])[他她]|外甥|外甥女|侄子|侄女|外孙|外孙女|孙子|孙女|小孩|孩子|宝宝|儿子|女儿|闺女)(?:才|刚|刚满|才满)$")
_ZH_PREGNANT_BEFORE = re.compile(r"(?:孕|怀了|怀上|怀[一二两三四]?胎)[^，。,.；;]{0,2}$")


# a check-up, a visit, a procedure or a change of product: "the nurse checked it a month ago", "上个月社区医院量血压",
# "we changed to a cheaper brand of wipes last week" date that event, not the
# complaint (unless the clause says the complaint started then)
_EVENT_CLAUSE = re.compile(r"\bcheck(?:ed|s|-up|up)?\b|\bappointment\b|\bvisit(?:ed)?\b|\bnurse\b|\bscan\b|\bx-?ray\b|"
                           r"\bblood tests?\b|\bchemo(?:therapy)?\b|\b(?:chemo|last|treatment) sessions?\b|\binfusions?\b|\bchanged to\b|\bswitched to\b|\bvaccin|\bjabs?\b|\bbooster\b|\boperation\b|\bsurgery\b|\bsmear\b|"
                           # a pet adopted: "we adopted a rescue terrier last week" (not a move: lifting boxes then dates a bad back)
                           r"\badopt(?:ed|ing)?\b|领养|收养|"
                           # a release from prison: "I got released three weeks ago", "三个礼拜前刚放出来"
                           r"\breleased\b(?! from hospital)|\b(?:got|came) out of (?:prison|jail|the nick)\b|出狱|放出来|刑满|"
                           r"体检|检查|化疗|[量测][了过的]?血压|复查|换了|换成|疫苗|打针|手术|社区医院|门诊|看过医生|"
                           # giving up smoking: "十年前就戒烟了", "quit smoking five years ago" (not drinking: the days
                           # since the last drink time a withdrawal)
                           r"戒烟|戒了烟|烟[^，。,.；;]{0,6}戒了|\bquit (?:smoking|cigarettes|the fags)\b|\bgave up (?:smoking|cigarettes)\b|\bstopped smoking\b")
_CLAUSE_BOUNDS = re.compile(r"[,.;!?，。；！？\n]")


# how long each of several attacks lasts, not how long the complaint has gone on: "they last about ten minutes and then
# settle", "一般十来分钟就过去了"
_EN_EPISODE_BEFORE = re.compile(r"\b(?:they|each (?:one|attack|episode|time)|the attacks?|the episodes?|these|it|attacks?|episodes?)\s+"
                                r"(?:usually\s+|normally\s+|only\s+|tend to\s+)?last(?:s|ed)?\s+(?:for\s+)?"
                                r"(?:about\s+|around\s+|roughly\s+|maybe\s+|only\s+|just\s+|up to\s+|a\s+few\s+)?$")
_EN_EPISODE_AFTER = re.compile(r"[^.;!?]{0,25}?\b(?:and|then|before)\s+(?:then\s+)?(?:it\s+|they\s+)?(?:settles?|pass(?:es)?|goes|go away|"
                               r"stops?|eases?|wears? off)\b")
_ZH_EPISODE_AFTER = re.compile(r"[^，。,.；;]{0,6}?(?:左右)?就(?:过去|好|缓|没事|停|消|自己好)")
_ZH_EPISODE_BEFORE = re.compile(r"(?:每次|每回|一般|一次)\s*(?:都|就|能|会)?\s*(?:持续|维持)?\s*(?:个)?$")


def _episode_length(text: str, at: int) -> bool:
    """Is the duration at ``at`` how long one of several episodes lasts ("they last about ten minutes and then settle")?"""
    before = text[max(0, at - 40):at]
    return bool(_EN_EPISODE_BEFORE.search(before) or _ZH_EPISODE_BEFORE.search(before[-8:])
                or _EN_EPISODE_AFTER.match(text, at) or _ZH_EPISODE_AFTER.match(text, at + 1))


# "得过", "长过": an illness had before and over
_ZH_HAD_BEFORE = re.compile(r"得过|患过|长过|生过|犯过|出过|"
                            # "这半个月一半同事都这样过": others who had the same over that time
                            r"都这样过|都这么过|都病过|都中招|"
                            # "早好了好几年了": healed long since, and how long ago
                            r"早好了|早就好了|早没事了|早就没事了")
# a course that is over: "it lasted four days", "was better in a week", "四天就好了"
_EN_OVER_IN = re.compile(r"\b(?:lasted|was over in|back in|back at school in|back to school in|were over in|cleared up in|cleared in|was better in|were better in|got better in|"
                         r"better after|gone in|went in|went away in|went away after|"
                         # the usual course of attacks that come back: "they clear in about ten days"
                         r"(?:usually |normally |always )?(?:clears?|heals?) (?:up )?in|(?:usually |normally |always )?go away in|(?:sorted|settled) (?:itself |himself |"
                         r"herself |themselves )?(?:out |down )?(?:in|after)|healed (?:up )?in|resolved in)\s+"
                         r"(?:about\s+|around\s+|only\s+|just\s+)?$")
# "I've been working late for weeks": how long a busy spell has lasted, not the complaint (word durations only);
# "we queued outside for ages": how long the wait was
_BUSY_CLAUSE = re.compile(r"\b(?:stood|stand|standing|sat|sitting|waited|waiting|queued|queuing|queueing|"
                          # a wound washed or soaked for a long while: "washed it under the tap for ages"
                          r"washed|washing|rinsed|rinsing|soaked|soaking|bathed|bathing|cleaned|cleaning|scrubbed)\b[^,.;]{0,40}"
                          r"\bfor (?:ages|hours|a long time)\b|"
                          r"\b(?:been|was|were)\s+(?:\w+\s+)?(?:working|studying|revising|training|commuting|travelling|"
                          r"traveling|busy|on nights|on lates|doing overtime|caring for|looking after|sitting up with|"
                          r"sleeping in (?:a|the|his|her|my) (?:chair|armchair|recliner))\b|加班|熬夜|备考|复习")
# a medicine taken or put on for a time: "吃了一个多月的依那普利"
_ZH_TAKEN = ("吃了", "用了", "服了", "喝了", "抹了", "涂了", "擦了", "打了", "吃")
# "一礼拜的团", "两周的课": a duration describing a thing (not "三天的时间", which is how long)
_ZH_ATTRIBUTIVE = re.compile(r"的(?!时间|功夫|工夫|光景|日子|事)")
# "这半个月天天对着电脑十二个小时", "这一周天天加班": how long a busy spell has lasted, not the complaint
_ZH_BUSY_SPELL = re.compile(r"天天(?:对着电脑|加班|熬夜|开会|出差|赶|复习|备考)|每天(?:对着电脑|加班|熬夜)|"
                            # "这半个月做选举版面更是加班加点": a spell of overtime
                            r"加班加点|(?:一直|都在|老|总)加班|赶稿|赶工|"
                            # "这一个月筹备婚礼可把我累惨了": a month of preparing for an event
                            r"筹备|张罗|忙婚礼|"
                            # "这一礼拜我都在我姐的夏令营帮忙": a week of helping out dates the helping, not the rash
                            r"帮忙|帮工|打下手|"
                            # "暖气烧了好几个礼拜了": how long the heating has been on, not the complaint
                            r"(?:暖气|地暖|空调|取暖器)(?:都|也)?(?:开|烧|供|来)|"
                            # a spell of caring: "这一个礼拜我都在他屋里沙发椅上窝着打盹" dates the nights up, not the stiff neck
                            r"窝着|守着|陪着|陪床|伺候|照看|照顾")
_ZH_OVER_AFTER = re.compile(r"\s*(?:就|也就|才)?(?:自己|自个儿|慢慢)?(?:就)?(?:都)?(?:好了|好啦|(?:消)?下去了|消了|好(?=[，。,.；;！!]|$)|痊愈|退了|没事了|回去上学|回学校|长好|愈合|"
                            r"返校|回去上班|上班去了)")
# "my first spin class in about ten years", "差不多十年没运动了": how long since an activity, not how long a complaint
def _over_in(before: str) -> bool:
    """How long something took to end ("it healed in ten days"), unless it did not end ("not healed in 4 wks" is how
    long it has lasted; nor has "not getting better after 3 wks of the cream")."""
    match = _EN_OVER_IN.search(before)
    return match is not None and not before[:match.start()].endswith(
        ("not ", "n't ", "never ", "no ", "not any ", "not getting ", "n't getting ", "n't got "))


_EN_FIRST_IN = re.compile(r"\bfirst(?:\s+[a-z-]+){0,3}\s+(?:in|for)\s+"
                          r"(?:about\s+|around\s+|over\s+|nearly\s+|almost\s+|roughly\s+|like\s+)?$")
_ZH_NOT_DONE_SINCE = re.compile(r"(?:了)?(?:都|也)?(?:没|没有|不曾)(?:怎么)?(?:运动|锻炼|健身|跑步|跑过|去过|上过|爬过|打过|打|游过|骑过|练过|练|"
                                # "十五年没穿过冰鞋了": years since skates were last worn
                                r"穿过|滑过|玩过|摸过|"
                                r"动过|出过门|出门旅游|旅游|流过|犯过|发过|得过|长过|疼过|痛过|用过|喷过|发作过|犯病|发病|抽过|需要|"
                                # "好几年没长了": years since a cold sore last came
                                # ("3个月了没长好" has not healed in that time)
                                r"长了|长(?![好大高全齐])|犯了|犯|发作|"
                                # "最近几个月也没啥变化": nothing changed over that time
                                r"(?:啥|什么)?(?:变化|变过|改变|异常))")
# "hasn't had a fit for two years", "haven't needed my blue inhaler in weeks", "no seizures for 2 yrs": how long since an
# attack or a reliever, not how long the complaint has lasted
_EN_NONE_SINCE = re.compile(r"\b(?:hasn'?t|haven'?t|hadn'?t|has not|have not|had not|not|never|no)\s+(?:had|needed|used|"
                            r"taken|been on|had to use|touched)?\s*(?:a |an |any |my |his |her |the |their )?(?:[\w-]+\s+){0,2}?"
                            r"(?:fits?|seizures?|attacks?|flare-?ups?|flares?|episodes?|inhaler|reliever|puffer|pump|spray)\s+"
                            r"(?:(?:for|in)\s+(?:about\s+|over\s+|nearly\s+|almost\s+|more than\s+)?)?$")
_ZH_GESTATION_OR_HABIT = re.compile(r"\s*(?:加|零|\+)\s*[\d一二三四五六]\s*天|(?:的)?(?:时候)?(?:出生|生的|生下|剖的|顺的)|(?:的)?(?:烟|工龄|烟龄)")
# a stay somewhere ("在酒店住一个礼拜") and years in a job ("在酒店做客房保洁十一年了"): not how long a complaint has lasted
_ZH_STAY = ("住", "住了", "待", "待了", "呆", "呆了", "出差", "开会")
# a stint signed up for ("当两个礼拜志愿者") and one winter long ago ("有一年冬天"): not how long a complaint has lasted
_ZH_PLACE_AFTER = re.compile(r"的?(?:志愿者|义工|帮工|临时工|学徒)")
_ZH_ONE_YEAR_AFTER = re.compile(r"(?:的)?(?:冬天|夏天|春天|秋天|冬|夏|春节|过年|的时候)")
_ZH_JOB_BEFORE = re.compile(r"在[^，。,.；;]{1,6}(?:做|干|当|上班|打扫|扫地|保洁|开车|看门|教书|教课)[^，。,.；;]{0,6}$")
# years at a job told by what was worked at, straight after them: "挤了三十年奶了", "开了二十年车", "教了三十年书"
_ZH_JOB_OBJECT_AFTER = re.compile(r"的?[奶车书地牛羊猪鸡鱼菜饭货]了?(?:[，。,.；;！!？?\s]|$)")
# years as a customer somewhere: "三十年来车都在这家修" (a habit of the caller's, not how long a complaint has lasted)
_ZH_CUSTOMER_AFTER = re.compile(r"来?[^，。,.；;]{0,4}?都(?:在|去|找)这(?:家|儿|里)")
# "一年差不多起一两回", "一个月两次": how many times in a year or a month
_ZH_TIMES_IN = re.compile(r"[^，。,.；;]{0,5}?[一二两三四五六七八九十几\d]+\s*(?:回|次)")
# "我一礼拜帮着带三天外孙女", "一周上四天班": days in each week, how often, not how long (the week and the days)
# "一个礼拜有两三个晚上憋醒" and "一周犯两回": nights or times in each week
_ZH_DAYS_A_WEEK = re.compile(r"[^，。,.；;]{0,5}?[一二两三四五六七几\d]\s*(?:天|个晚上|个夜里|晚上|宿|回|次)")
_ZH_WEEK_BEFORE_DAYS = re.compile(r"一\s*(?:个)?(?:周|礼拜|星期)[^，。,.；;]{0,5}?$")
# someone else's story, heard or read: "刷到个新闻，说有人打嗝打了好几年", "someone online had it for years"
_STORY_CLAUSE = re.compile(r"有人|有个人|别人|新闻|网上|听说|据说|"
                           # someone as the teller, not as whom an injury came from ("twisted to sidestep someone")
                           r"(?<!\bsidestep )(?<!\bsidestepping )(?<!\bavoid )(?<!\bavoiding )(?<!\bdodge )(?<!\bdodging )"
                           r"(?<!\btackle )(?<!\btackling )(?<!\btackled )(?<!\binto )(?<!\bby )(?<!\bpast )(?<!\bhit )"
                           r"\b(?:someone|somebody)\b|\bonline\b|\bon the news\b|"
                           r"\bi read\b|\ba friend of\b|"
                           # someone's time off or in hospital told in a clause of its own: "I'll end up like my uncle, who was
                           # off work for a year"
                           r"^\s*who (?:was|were) (?:off work|off sick|in hospital|laid up|in bed)\b|"
                           # an earlier spell like this one, someone's: "我小外甥半个月前也是这样" dates that one
                           r"前[^，。,.；;]{0,3}也(?:是|都)?(?:这样|这么样|这个样|一样|得过|有过)|"
                           # someone else's illness: "my colleague had exactly the same last week"
                           r"\b(?:he|she|they|colleague|friend|mate|sister|brother|neighbour|flatmate|housemate|boss)(?: [a-z]+)? "
                           r"(?:had|has had) (?:exactly |just |pretty much )?the same\b|"
                           # the same, said in a clause of its own after who had it: "my colleague Ross, who sits next to me,
                           # had the same last week"; "坐我旁边的同事老陈上礼拜也这样"
                           r"^\s*(?:and |but )?(?:had|has had) (?:exactly |just |pretty much )?the same\b|"
                           r"(?:同事|朋友|同学|邻居|室友|舍友|姐姐|哥哥|弟弟|妹妹|老公|媳妇)[^，。,.；;]{0,8}也(?:是|都)?(?:这样|这么样|一样)|"
                           # "a couple of the children at his nursery had the same bug last week"
                           r"\b(?:children|kids|babies|toddlers|ones) (?:at|in|from) (?:his|her|their|the|our) "
                           r"(?:nursery|school|class|playgroup|preschool|childminder'?s?)\b|"
                           r"\b(?:had|has had|got|caught) (?:exactly |just |pretty much )?the same (?:bug|virus|thing)\b|"
                           # what is going round a class or a nursery: "half of them were off last week"
                           r"\bhalf (?:of )?(?:them|the class|his class|her class|the kids)\b|"
                           # a letter home from school or nursery dates the outbreak, not this illness
                           r"\b(?:sent|got|had) (?:us |home |out )?(?:a |an )?(?:letter|note|email|message|text)\b|"
                           r"\b(?:bug|virus|something|sickness|illness|flu|cold|germ|tummy bug|mouth|pox|covid|norovirus|"
                           r"measles|impetigo|conjunctivitis|lice|nits|worms)s? (?:is |that's |thats )?"
                           r"going (?:a)?round\b|\bgoing (?:a)?round (?:his|her|their|the) (?:class|school|nursery)\b|"
                           r"\bthe other (?:kids|children)\b|\bthe others\b|\b(?:his|her|their) classmates\b|他们班|班上|班里|同学们|"
                           r"一半(?:的)?(?:孩子|同学|人)|别的孩子|其他孩子|其他小朋友|"
                           # how many others have caught it: "上礼拜幼儿园有五个小朋友都得了水痘"
                           r"有(?:好)?[一二两三四五六七八九十几\d]+个(?:孩子|小朋友|小孩|同学|同事|人)(?:都|也|已经)?"
                           r"(?:得|染|病了|发|确诊|中招)|"
                           # a meal or a party where a bug went round: "上礼拜五公司聚餐完" dates the party, unless the illness
                           # began there ("聚餐完就开始拉")
                           r"(?:聚餐|聚会|年会|团建|酒席|婚宴|吃席|派对)(?![^，。,.；;]*(?:开始|就|起))|"
                           # the bug someone brought home: "我儿子上礼拜从幼儿园带回来的" dates their illness
                           r"带回来|带回家|\bbrought (?:it|this|the bug|a bug|something) (?:home|back)\b|"
                           # an outbreak where someone works or studies: "上礼拜那家养老院闹肠胃病" dates the outbreak
                           r"(?:院|园|校|单位|公司|厂|宿舍|班上|班里|工地|车间)[^，。,.；;]{0,3}(?:闹|流行|传开了|爆发)了?[^，。,.；;]{0,2}"
                           r"(?:肠胃|诺如|流感|甲流|乙流|病毒|手足口|水痘|红眼|疱疹|感冒|拉肚子|呕吐)|"
                           # when periods started, and the last period, date those, not the complaint
                           r"\bstarted (?:her|my|their|your) periods\b|\b(?:her|my) periods started\b|\blast period\b|"
                           r"(?<!没)(?<!没有)(?<!不)(?<!年)(?<!礼拜)(?<!星期)来(?:月经|例假)(?!没)|初潮|末次月经|上次月经|上次例假|"
                           # how long a couple has been together: "been with my boyfriend for two years", "在一起两年了"
                           r"\bbeen (?:with|seeing|dating) (?:my|her|his|their)\b|\bbeen together\b|\bmarried\b|\bin a relationship\b|"
                           r"\bknown (?:him|her|them|each other)\b|在一起|处了|处对象|谈了|结婚|交往|恋爱|"
                           # the writer's own relative, set against the patient: "我自己的妈流了好几年鼻血", "my own mum had ..."
                           r"我自己(?:的|家的|家)(?:妈|爸|母亲|父亲|老妈|老爸|孩子|儿子|女儿|闺女|姐|哥|弟|妹|老公|老婆)|"
                           r"\bmy own (?:mum|mom|mother|dad|father|kids?|son|daughter|sister|brother|husband|wife|nan|gran)\b")


_EN_DAY_N = re.compile(rf"\b(?:this is|it's|its|it is|today is|now on|we're on|we are on|now) day ({NUM}|{_EN_NUMBER_WORD})\b"
                       r"(?!\s+(?:of|on)\s+(?:my|her|the|a|his)\s+(?:period|cycle|antibiotics|course|tablets|pills|holiday|trip))")
_ZH_DAY_N = re.compile(rf"(?:今天|这是|已经|都)(?:是)?第({NUM}|{ZH_NUM})天(?!的?(?:月经|例假|大姨妈|抗生素|疗程|消炎药))")


def _clause_at(text: str, at: int) -> str:
    starts = [m.end() for m in _CLAUSE_BOUNDS.finditer(text, 0, at)]
    end_match = _CLAUSE_BOUNDS.search(text, at)
    return text[starts[-1] if starts else 0:end_match.start() if end_match else len(text)]


# a school shut by an outbreak: "school's been shut for a week because so many were off"
_SCHOOL_SHUT = r"\b(?:school|nursery|class)(?:'s| has| is| was)? (?:been )?(?:shut|closed)\b|停课"
# starting nursery, school or a job dates that start, not the complaint: "she started nursery a month ago", "上个月刚上幼儿园"
_NEW_PLACE_CLAUSE = re.compile(r"\b(?:started|starting|began|joined) (?:at )?(?:a |the |her |his |my |their |big )?(?:new )?"
                               r"(?:nursery|school|preschool|pre-school|reception|playgroup|daycare|childminder|uni|university|"
                               r"college|job|work|placement|apprenticeship)\b|"
                               r"(?:刚|才)?(?:上|进)(?:了)?(?:幼儿园|托班|托儿所|小学|初中|高中|大学)|入园|入托|入学|开学|入职|刚上班|"
                               # a move or a birth dated ("moved into halls ten days ago", "三个礼拜前刚生了孩子")
                               r"\bmoved (?:in|into|to|here|house|down|up|over)\b|\bmoving (?:in|into|house)\b|"
                               r"搬到|搬进|搬过来|搬来|搬家|生了孩子|生完孩子|生下|"
                               + _SCHOOL_SHUT)


_SCHOOL_SHUT_CLAUSE = re.compile(_SCHOOL_SHUT)


def _school_shut(clause: str) -> bool:
    """"School's been shut for a week": how long a school has been closed, not how long the child has been ill."""
    return _SCHOOL_SHUT_CLAUSE.search(clause) is not None


# an episode someone else tells of, said once and then told on: "my colleague said her eardrum burst once on a plane and
# she was deaf for weeks", "同事说她有一回坐飞机把耳膜震破了，聋了好几个礼拜" (the rest of that sentence is their story)
_TOLD_ONCE = re.compile(r"\b(?:said|says|told (?:me|us))\b[^.!?]{0,40}\bonce\b|"
                        r"说(?:她|他)(?:自己)?(?:也)?(?:有一回|有一次|有回|有次|那回|那次|上回|上次)")
_SENTENCE_END = re.compile(r"[.!?。！？\n]")
# a duration straight after these is how often, not how long: "隔几天擤出来带血丝", "每隔两天", "每两天"
_ZH_HOW_OFTEN = ("隔", "每")


def _in_told_story(text: str, at: int) -> bool:
    """``at`` lies in a sentence that has told of someone else's past episode before it."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    return _TOLD_ONCE.search(text, starts[-1] if starts else 0, at) is not None


# a complaint dated from the new place, the move or the injury there: "a cough since she started nursery 3 weeks ago",
# "I hurt my back lifting boxes when we moved house three weeks ago"
_DATED_FROM_IT = re.compile(r"\bsince\b|\bever since\b|以来|之后|以后|开始|起|\bwhen\b|\bhurt\b|\binjur|\bstrain|\bpulled\b|"
                            r"\btwisted\b|的时候|那天")


def _dates_an_event(text: str, at: int) -> bool:
    clause = _clause_at(text, at)
    if _NEW_PLACE_CLAUSE.search(clause) and not _DATED_FROM_IT.search(clause):
        return True
    return _EVENT_CLAUSE.search(clause) is not None and not _EN_STARTED.search(clause) and "开始" not in clause


def duration_mentions(text: str, numeric_only: bool = False) -> list[tuple[int, float]]:
    """(offset, days) of every duration stated in ``text``; word durations ("since yesterday") only when no number
    (and never with ``numeric_only``)."""
    values = []
    pregnant = _PREGNANT.search(text) is not None  # twelve weeks or more in a pregnancy are its weeks, not a duration
    en_ages = [match.span(1) for pattern, _ in _EN_AGE for match in pattern.finditer(text)]
    for pattern in (_EN_DURATION, _EN_DURATION_AGO, _EN_DURATION_BARE):
        for match in pattern.finditer(text):
            if match.group(2) in ("week", "wk", "month") and "pregnan" in text[max(0, match.start() - 25):match.end() + 15]:
                continue
            if match.group(2) in ("week", "wk") and pregnant and (_number(match.group(1)) or 0) >= 12:
                continue  # "she's thirty-two weeks with our second": the weeks of the pregnancy
            if match.span(1) in en_ages:  # "baby 4 months" is an age, not how long
                continue
            years_ago = _EN_YEARS_AGO.match(match.group(0)) and not _EN_STARTED.search(text[max(0, match.start() - 30):match.start()])
            if pattern is _EN_DURATION_BARE and (_EN_FROM_NOW.match(text, match.end()) or (
                    _EN_AFTER_EVENT.match(text, match.end()) and not _EN_STILL.search(text, match.end(), match.end() + 60))):
                continue  # (but "5 wks after birth n my stitches still really sore" has lasted since the birth)
            if _EN_HOW_OFTEN.search(text[:match.start()]) or years_ago or _EN_FUTURE.search(text[:match.start()]) or (
                    match.group(2) in ("day", "night") and _EN_A_WEEK.match(text, match.end())) or (
                    match.group(2) in ("year", "yr") and _EN_JOB_BEFORE.search(text[max(0, match.start() - 60):match.start()])) or (
                    _EN_LEAVE_BEFORE.search(text[max(0, match.start() - 40):match.start()])) or (
                    _EN_MEDICINE_BEFORE.search(text[max(0, match.start() - 50):match.start()])) or (
                    _EN_STAY_BEFORE.search(text[max(0, match.start() - 70):match.start()])) or (
                    _EN_ADVICE_BEFORE.search(text[max(0, match.start() - 60):match.start()])) or (
                    _EN_USUAL_COURSE.search(text[max(0, match.start() - 90):match.start()])) or (
                    _EN_SPENT_BEFORE.search(text[max(0, match.start() - 30):match.start()])
                    and _EN_SPENT_AFTER.match(text, match.end())):
                continue  # "every three days" is how often; "a heart attack eight years ago" is history; "spent four
                # months making" is time spent on a thing
            if _over_in(text[max(0, match.start() - 40):match.start()]) or _EN_FIRST_IN.search(
                    text[max(0, match.start() - 40):match.start()]) or _EN_NONE_SINCE.search(
                    text[max(0, match.start() - 60):match.start()]):
                continue
            if pattern is _EN_DURATION and re.match(r"\s+ago\b", text[match.end():]) and not _EN_STARTED.search(
                    text[max(0, match.start() - 30):match.start()]):
                continue  # "I had this once about ten years ago": history; "started about two days ago" is the onset
            if match.group(2) in ("year", "yr") and _TETANUS.search(_clause_at(text, match.start())):
                continue  # "had a tetanus booster in the last five years": when a jab was given, not how long
            if (pattern is _EN_DURATION_AGO and _dates_an_event(text, match.start())) or _STORY_CLAUSE.search(
                    _clause_at(text, match.start())) or _school_shut(_clause_at(text, match.start())) or (
                    _in_told_story(text, match.start())):
                continue
            number = _number(match.group(1))
            if number is not None:
                more = match.group(2) in _LONG_UNITS and _EN_MORE_THAN.search(text, max(0, match.start(1) - 16), match.start(1))
                values.append((match.start(), round(number * _UNIT_DAYS[match.group(2)], 3) + (1 if more else 0)))
    for pattern in (_EN_DAY_N, _ZH_DAY_N):  # "so this is day five", "今天是第五天": that many days so far
        for match in pattern.finditer(text):
            number = _number(match.group(1)) if pattern is _EN_DAY_N else zh_number(match.group(1))
            if number is not None and 1 < number < 60:
                values.append((match.start(), float(number)))
    for pattern in (_EN_DURATION_HALF, _ZH_DURATION_HALF):  # "three and a half weeks", "三个半星期"
        for match in pattern.finditer(text):
            if _STORY_CLAUSE.search(_clause_at(text, match.start())):
                continue
            number = _number(match.group(1))
            if number is not None:
                values.append((match.start(), round((number + 0.5) * _UNIT_DAYS[match.group(2)], 3)))
    ages = [match.span(1) for pattern, _ in _ZH_AGE for match in pattern.finditer(text)]
    ages += [match.span(3) for match in [_opening_name_months(text)] if match]
    for match in _ZH_DURATION.finditer(text):
        before = text[max(0, match.start() - 4):match.start()]
        if before.endswith(("还有", "再过", "还剩")):
            continue  # "还有两个礼拜考试": time still to come
        if match.group(2) == "天" and text.startswith(_ZH_WEATHER_AFTER_DAY, match.end()):
            continue  # "女67 天冷又...", "这三天冷得很": the weather, not how long
        if before.endswith(_ZH_HOW_OFTEN):
            continue  # "隔几天擤出来带血丝", "每隔两天": how often, not how long
        if _ZH_KIN_AGE_BEFORE.search(before):
            continue  # "我姐家小外甥才几个月": someone's age, not how long
        if _ZH_PREGNANT_BEFORE.search(before) or match.span(1) in ages or before.rstrip().endswith(("岁", "岁零")):
            continue  # "宝宝6个月", "一岁八个月" are ages, not how long
        years_ago = match.group(2) == "年" and (_ZH_YEARS_AGO_EVENT.match(text, match.end()) is not None or (
            before.endswith(("前", "早")) and _ZH_YEARS_AGO_EVENT.match("前" + text[match.end():]) is not None))
        month_name = match.group(2) == "月" and "个" not in match.group(0) and match.group(1) not in ("俩", "仨", "两")
        if month_name or years_ago:
            continue  # "六月" is June ("俩月" is two months); "八年前心梗过", "前几年长过" are history (not "三年前开始头疼")
        if _ZH_GESTATION_OR_HABIT.match(text, match.end()) or before.endswith(("干了", "做了", "抽了", "工作了", "当了", "开了", "戒了", "退休")):
            continue  # "41周加5天出生的" is the pregnancy; "干了四十年外墙装修" is a job; "戒了十年了" is since giving up
        if match.group(2) == "年" and before.endswith("了") and _ZH_JOB_OBJECT_AFTER.match(text, match.end()):
            continue  # "挤了三十年奶了", "开了二十年车": years at a job, told by what was worked at
        if before.endswith(_ZH_STAY) or (match.group(2) == "年" and (_ZH_JOB_BEFORE.search(
                text[max(0, match.start() - 16):match.start()]) or _ZH_CUSTOMER_AFTER.match(text, match.end()))):
            continue  # "在酒店住一个礼拜" is a stay; "在酒店做客房保洁十一年了" is a job
        if match.group(2) in ("年", "月") and before.endswith(("歇了", "歇过")):
            continue  # "歇了一年，第一次去训练" is a break from a sport, not how long the complaint has lasted
        if before.endswith(("花了", "费了", "花了整整", "用了整整")) and _ZH_SPENT_AFTER.match(text, match.end()):
            continue  # "花了四个月做的cos服" is time spent making a thing, not how long the complaint has lasted
        if _ZH_PLACE_AFTER.match(text, match.end()) or before.endswith(("报名", "报了", "报名了")):
            continue  # "当两个礼拜志愿者", "报了两个礼拜的班": a place signed up for, not how long the complaint has lasted
        if match.group(2) == "年" and before.endswith("有") and _ZH_ONE_YEAR_AFTER.match(text, match.end()):
            continue  # "有一年冬天也这样过": one winter, an earlier time, not how long the complaint has lasted
        if before.endswith(("得请", "要请", "得休", "要休")):
            continue  # "得请两个礼拜病假" is leave from work still to come, not how long
        if (_ZH_ATTRIBUTIVE.match(text, match.end()) and not looks_medical(text[match.end() + 1:match.end() + 3])
                and not before.endswith(_ZH_TAKEN)):
            continue  # "这趟一礼拜的团" is a week-long tour ("吃了一个月的依那普利" is how long a medicine was taken)
        if before.endswith(_ZH_AFTER_EVENT) and not _ZH_STILL.match(text, match.end()):
            continue  # "生完孩子两个礼拜": how long since the birth or the operation, not how long the complaint has lasted
            # (but "生完五周了，伤口还疼" has lasted since)
        if _ZH_AFTER.match(text, match.end()) or _ZH_ADVICE_AFTER.match(text, match.end()) or _ZH_ADVICE_BEFORE.search(
                text[max(0, match.start() - 14):match.start()]) or _ZH_SINCE_LAST.search(text[max(0, match.start() - 14):match.start()]):
            continue
        if match.group(2) in ("周", "星期", "礼拜") and pregnant and (zh_number(match.group(1)) or 0) >= 12:
            continue  # "她怀二胎，现在三十二周了": the weeks of the pregnancy
        if _ZH_OVER_AFTER.match(text, match.end()) or _ZH_NOT_DONE_SINCE.match(text, match.end()):
            continue  # "十年没运动了" is how long since exercise; "他姐姐上礼拜也这么感冒，四天就好了": a course that is over
        if match.group(1) == "一" and match.group(2) in ("年", "月") and _ZH_TIMES_IN.match(text, match.end()):
            continue  # "一年差不多起一两回" is how often, not how long
        if (match.group(1) == "一" and match.group(2) in ("周", "星期", "礼拜") and _ZH_DAYS_A_WEEK.match(text, match.end())) or (
                match.group(2) in ("天", "晚") and _ZH_WEEK_BEFORE_DAYS.search(text[max(0, match.start() - 10):match.start()])):
            continue  # "一礼拜帮着带三天" is how often, not how long
        clause = _clause_at(text, match.start())
        if _ZH_HAD_BEFORE.search(clause) or _STORY_CLAUSE.search(clause) or _ZH_BUSY_SPELL.search(clause) or (
                _in_told_story(text, match.start())):
            continue  # "上个月刚得过蛲虫": when something was had before; "这半个月天天对着电脑": a busy spell
        if match.group(2) == "年" and _TETANUS.search(clause):
            continue  # "破伤风针这几年打过": when a jab was given, not how long
        if text.startswith("前", match.end()) and _dates_an_event(text, match.start()):
            continue  # "两个月前体检血压也正常" dates the check-up
        number = zh_number(match.group(1))
        if number is not None:
            more = match.group(2) in _LONG_UNITS and "多" in match.group(0)
            values.append((match.start(), round(number * _UNIT_DAYS[match.group(2)], 3) + (1 if more else 0)))
    values = [(at, days) for at, days in values if not (days < 1 and _episode_length(text, at))]
    if values or numeric_only:
        return sorted(set(values))
    found = []
    for patterns in (_EN_DURATION_WORDS, _ZH_DURATION_WORDS):
        for pattern, days in sorted(patterns, key=lambda p: -p[1]):
            for match in pattern.finditer(text):
                clause = _clause_at(text, match.start())
                if not _dates_an_event(text, match.start()) and not _ZH_HAD_BEFORE.search(clause) and not (
                        _BUSY_CLAUSE.search(clause)) and not _STORY_CLAUSE.search(clause) and not (
                        _in_told_story(text, match.start())) and not (
                        text[max(0, match.start() - 2):match.start()].endswith(_ZH_HOW_OFTEN)) and not (
                        _ZH_OVER_AFTER.match(text, match.end())) and not (
                        _over_in(text[max(0, match.start() - 40):match.start()])) and not (
                        _SINCE_MONTH.match(match.group(0).lower()) and _FIRST_SINCE.search(
                            text, max(0, match.start() - 60), match.start())):
                    found.append((match.start(), days, bool(_ONSET_CLAUSE.search(clause))))
    # the longest, unless another clause says when the complaint began: "从今天凌晨开始拉肚子 ... 上礼拜二吃了食堂的咖喱饭"
    onsets = [item for item in found if item[2]]
    return [(at, days) for at, days, _ in (onsets or found)[:1]]


def _duration(text: str) -> Optional[float]:
    found = durations(text)
    return max(found) if found else None


def _asserted(pattern: re.Pattern, text: str) -> bool:
    """A match of ``pattern`` that ConText reads as the patient's, now ("not pregnant", "not getting worse" are not)."""
    return any(assert_span(text, m.start(), m.end()).current for m in pattern.finditer(text))


# ("much worse at night", "worse when I'm warm": when it is worse, not that it is getting worse)
_WORSE = re.compile(r"getting worse|got worse|gotten worse|worse and worse|worsening|much worse(?! (?:at|in|when|after|if|first|by|on)\b)|"
                    r"(?<!none )(?<!none are )(?<!none of them )spreading|getting bigger|bigger now|got bigger|gotten bigger|grown bigger|progressively|deteriorat|"
                    # ("越来越小", "越来越好": getting smaller or better)
                    r"越来越(?!小|好|轻|淡|浅|舒服|精神|有劲|有精神|正常|顺)|加重|恶化|扩散|蔓延|反而变大|反而大了|反而更|越长越大|变大了")
# a message that opens with the weeks of a pregnancy: "30 wks, bright red bleeding", "35周，刚破水了" (group 1: the weeks,
# group 2: the unit; shared with the gestation reader)
OPENING_GESTATION_EN = r"^\s*(1[2-9]|[23]\d|4[0-2])\s*(week|wk)s?\b(?=\s*(?:[,+&]|n\b|and\b|now\b|today\b))"
OPENING_GESTATION_ZH = r"^\s*(1[2-9]|[23]\d|4[0-2])\s*(周)(?=[，,\s])"
# ("I can't be pregnant, my husband's had the snip": ruled out by the writer, not a pregnancy)
_PREGNANT = re.compile(r"(?<!can not be )(?<!cannot be )(?<!can't be )(?<!could not be )(?<!couldn't be )\bpregnan|\bpreg\b|\bpreggers\b|\bpreggo\b|"
                      + OPENING_GESTATION_EN + "|" + OPENING_GESTATION_ZH + "|"
                      # "33 wks n baby has hardly moved since this morning": the weeks of a pregnancy, then the baby moving
                      r"\b(?:1[2-9]|[23]\d|4[0-2])\s*(?:weeks?|wks?)\b(?=[^.?!]{0,40}\b(?:baby|bump)\b[^.?!]{0,40}\b(?:mov|kick))|"
                      r"\bweeks? pregnant|\bexpecting (?:a baby|twins)|\bmy unborn\b|"
                      # "my wife is 34 weeks", "i'm 30 wks": a woman's weeks told without the word; waters breaking
                      r"\b(?:wife|partner|girlfriend|missus|missis|fiancee|i'm|i am|im)(?:'s)?\s+(?:is\s+)?(?:now\s+|only\s+|just\s+)?"
                      r"(?:1[2-9]|[23]\d|4[0-2])\s*(?:weeks?|wks?)\b(?!\s*(?:old|ago|into|of|in|post|since|after|later)\b)|"
                      r"\bwaters? (?:have |has )?(?:gone|broke|broken|went)\b|"
                      # "she's 34 weeks with her first", "32 weeks along", "my due date"
                      r"\b(?:\d{1,2}|(?:twenty|thirty|forty)[\s-]?[a-z]*)\s*(?:weeks?|wks?)\s+(?:with (?:her|my|our|their|the) "
                      r"(?:first|second|third|fourth|baby|twins)|along|gone)\b|\bdue date\b(?<!born on his due date)(?<!born on her due date)"
                      r"(?<!born on the due date)(?<!born on their due date)|怀孕|孕妇|孕期|孕\d+周|孕[一二三四五六七八九十]+周|怀着|"
                      r"(?:^|(?<=[，,。！？!?\s]))我(?:现在|已经)?\s*(?:1[2-9]|[234]\d|十[二三四五六七八九]|[二三]十[一二三四五六七八九]?|四十[一二]?)\s*周|"
                      r"[一二两三头]胎[，,]?\s*(?:现在|已经)?\s*[\d一二三四五六七八九十]+周|宝宝在肚子里|肚子里的宝宝|胎动|怀(?:的)?[一二两三四头]?胎|怀(?:的|了|着)?(?:双胞胎|龙凤胎|三胞胎)|怀上了|怀了(?:[一二两三四头]胎|孕|个|宝宝|老二|二宝)|"
                      # a positive test: "验孕棒两道杠", "测出来阳性"
                      r"两道杠|两条杠|两道线|两条线|验孕[^，。,.]{0,6}阳|\bpositive (?:pregnancy )?test\b|\btest (?:was|came back|is) positive\b")
# "worried about giving it to her", "怕传给她": the pregnant person is someone the patient might infect, not the patient
_CONTAGION_WORRY = re.compile(r"\b(?:giv|pass|spread)(?:e|es|ing)? (?:it|this|that|the bug|anything) (?:on )?to\b(?! me\b| us\b)|"
                              r"\binfect(?:ing)? (?:her|him|them)\b|(?:传|传染|过)给(?!我)")


# "I look pregnant by the evening", "肚子鼓得跟怀孕似的": a pregnancy as a comparison
_SIMILE_BEFORE = re.compile(r"(?:\blook(?:s|ed|ing)?|\blike|\bas if|\bas though)\s+(?:(?:i'?m|i am|she'?s|she is|i was|"
                            r"a|about|almost|months?|\d+|heavily|really|six|seven|eight|nine)\s+){0,3}$|(?:像|跟|好像|就像|似)[^，。,.]{0,2}$")
_SIMILE_AFTER = re.compile(r"^[^，。,.]{0,3}(?:似的|一样|一般)")


def _a_comparison(text: str, start: int, end: int) -> bool:
    return bool(_SIMILE_BEFORE.search(text[max(0, start - 30):start]) and
                (not re.search(r"[\u4e00-\u9fff]", text[start:end]) or _SIMILE_AFTER.search(text[end:end + 6])))


# who else may be the pregnant one: "my wife is 18 weeks pregnant", "孩子他妈怀着二胎"
_ANOTHER_PREGNANT = re.compile(r"\b(?:my|our|his|her) (?:wife|partner|missus|girlfriend|mum|mom|mother|sister|auntie|aunt|"
                               r"daughter-in-law|stepmum|stepmom)\b|\b(?:she|she's|she is|her)\b|老婆|媳妇|爱人|妻子|孩子他妈|孩子妈|"
                               r"他妈|她妈|我妈|孩子的妈|姐姐|嫂子|她")


def _sentence_at(text: str, at: int) -> str:
    """The sentence (up to a full stop, a question mark or a semicolon) around ``text[at]``."""
    return re.split(r"[.!?。！？；;]", text[:at])[-1] + re.split(r"[.!?。！？；;]", text[at:])[0]


def _pregnancy_of_another(text: str) -> bool:
    """Every pregnancy in ``text`` is told of someone named as another (a wife, a mother, "she")."""
    sentences = [_sentence_at(text, match.start()) for match in _PREGNANT.finditer(text)]
    return bool(sentences) and all(_ANOTHER_PREGNANT.search(sentence) for sentence in sentences)


# "I did a pregnancy test last week and it was negative", "验孕棒一道杠": a test that rules a pregnancy out
_NEGATIVE_TEST = re.compile(r"\bnegative\b|一道杠|一条杠|一道线|一条线|阴性")
# "nobody in the house is pregnant", "none of us are pregnant", "家里没有孕妇": a pregnancy denied for everyone
_NOBODY_BEFORE = re.compile(r"\b(?:nobody|no one|no-one|none of (?:us|them|the \w+))\b[^.?!;,]{0,30}$|(?:没有人|没人|没有)$")


def _patient_pregnant(text: str) -> bool:
    """A pregnancy ConText reads as the patient's, not in a sentence that worries about infecting the pregnant one or
    tells a negative test, and not a comparison ("look pregnant", "跟怀孕似的")."""
    for match in _PREGNANT.finditer(text):
        if (_a_comparison(text, match.start(), match.end()) or _NEGATIVE_TEST.search(_sentence_at(text, match.start()))
                or _NOBODY_BEFORE.search(text[max(0, match.start() - 40):match.start()])):
            continue
        if _CONTAGION_WORRY.search(_sentence_at(text, match.start())):
            continue
        if assert_span(text, match.start(), match.end()).current:
            return True
        # "32 wks pregnant havent felt baby move": the "not" of a new verb after it denies that, not the pregnancy
        aux = _AUX_NOT_AFTER.match(text, match.end())
        if aux and assert_span(text[:aux.start(1)], match.start(), match.end()).current:
            return True
    return False


# a pregnancy's words, then (after a few words: "f 28") an auxiliary and "not" that open a new verb
_AUX_NOT_AFTER = re.compile(r"[a-z]*(?:\s+[a-z0-9]+){0,3}?\s+((?:have|has|had|do|does|did)\s+not)\b")


_IMMUNO = re.compile(r"chemo|immunosuppress|immuno-?compromised|weakened immune|organ transplant|transplant|\bhiv\b|"
                     r"(?<!hearing )(?<!walking )(?<!mobility )(?<!visual )(?<!sleep )\baids\b|neutropeni|no spleen|on steroids|biologics?|化疗|放化疗|免疫抑制|免疫力低下|免疫缺陷|器官移植|移植|"
                     r"艾滋|脾切除|激素治疗")
_SEVERE = re.compile(r"\bsevere|\bunbearable|\bexcruciating|\bagoni[sz]ing|\bworst\b|"
                     # (not a trait: "I've always been terrible on boats", "terrible at sitting still")
                     r"\bterrible(?!\s+(?:on|at|with)\b)|\bintense|\bextreme|"
                     r"\bawful pain|\bpain is awful|\bhorrendous|\bhorrific|"
                     r"\bcan not bear|\b(?:9|10)\s*(?:/|out of)\s*10|剧烈|剧痛|非常疼|非常痛|疼得受不了|痛得受不了|"
                     r"受不了|难以忍受|很严重|非常严重|疼得厉害|痛得厉害|撕裂|钻心|要命")
_MILD = re.compile(r"\bmild|\bslight|\ba (?:little|bit)\b|\bminor\b|\bsmall\b|\blittle\b|\bnot (?:too |that |very )?bad|"
                   r"\b[1-3]\s*(?:/|out of)\s*10|轻微|有点|有一点|一点点|稍微|轻度|小小的|不严重|不太严重|还好|不是很")
_MODERATE = re.compile(r"\bmoderate|\bquite (?:bad|painful)|\b[4-6]\s*(?:/|out of)\s*10|中等|比较疼|比较痛|挺疼|挺痛|特别疼|特别痛")


# a severe moment that has since passed: "当时疼得要命，后来好点了", "agony at first but it's settled now"
_EASED_SINCE = re.compile(r"[^。.!?！？;；]{0,30}?(?:后来|之后|过了一会儿?|现在|慢慢|\bbut\b|\bthen\b|\bnow\b|\bsince\b)"
                          r"[^。.!?！？;；]{0,16}?(?:好(?:点|多|些|一点|一些)了|缓(?:过来|解)了|不(?:怎么|太|那么)?疼了|轻(?:多|点|些)了|"
                          r"\bsettled|\beased|\bbetter\b|\bcalmed down|\bworn off|\bwore off|\bgone off|\bfaded)")


# pain that a simple painkiller holds is not severe: "疼得厉害，吃片止疼药能顶住", "bad on the first day but ibuprofen keeps it under control"
_HELD_BY_PAINKILLER = re.compile(
    r"[^。.!?！？;；]{0,24}?(?:(?:吃|喝|用)(?:了|片|粒|颗|点|一片|两片)?[^。，,]{0,4}?(?:止疼药|止痛药|布洛芬|扑热息痛|对乙酰氨基酚|芬必得|去痛片)"
    r"[^。.!?！？;；不没无]{0,6}?(?:能顶住|顶得住|就好|能好|管用|好使|压得住|能压住|就不疼|不那么疼|能缓解|就缓解|缓解了)|"
    r"\b(?:paracetamol|ibuprofen|painkillers?|nurofen|calpol)\b(?:(?!\bnot\b|n't|\bno\b|\bnever\b|\bbarely\b|\bhardly\b)[^.!?;]){0,12}?\b(?:settles? it|settled it|sorts? it|sorted it|controls? it|keeps? it under control|does the trick|works?))")


# when it is at its worst, not how bad it is: "worst going downstairs", "worst first thing in the morning" (but "the worst
# headache of my life" is severe)
_WORST_WHEN = re.compile(r"\s+(?:when|while|going|coming|climbing|walking|getting|at night|in the (?:morning|mornings|evening|"
                         r"evenings)|first thing|after|on|if|bending|sitting|standing|lying|first|by the end)\b")


# how bad it was at the moment it happened, not now: "当时疼得厉害，可马上就能自己走", "at the time it was terrible",
# "一开始疼得厉害", "agony at first"
_AT_THE_TIME = re.compile(r"(?:当时|那会儿|一开始|刚开始|起初|\bat the time\b|\bat first\b)[^。.!?！？;；,，]{0,12}$")
_AT_THE_TIME_AFTER = re.compile(r"[^。.!?！？;；,，]{0,6}?\b(?:at the time|at first)\b")


def severity_of(text: str, following: str = "") -> Optional[Severity]:
    """How bad, as stated in ``text`` ("nothing like the worst" is not severe; nor is pain that was terrible at the
    time and has eased since, in ``text`` or in the ``following`` words when ``text`` is one clause, that a simple
    painkiller holds, or that is told only for the moment it happened)."""
    told = text + following
    if any(assert_span(text, m.start(), m.end()).current and not _EASED_SINCE.match(told, m.end())
           and not _HELD_BY_PAINKILLER.match(told, m.end())
           and not _AT_THE_TIME.search(text, 0, m.start()) and not _AT_THE_TIME_AFTER.match(told, m.end())
           and not (m.group() == "worst" and _WORST_WHEN.match(told, m.end()))
           for m in _SEVERE.finditer(text)):
        return "severe"
    for pattern, severity in ((_MODERATE, "moderate"), (_MILD, "mild")):
        if _asserted(pattern, text):
            return severity
    return None


_PILLS = re.compile(r"(?:took|taken|take|swallowed|ate|had)\s+(?:about|around|like|maybe|over|nearly|almost|at least)?\s*"
                    r"(\d+)\s*(?:[\w'-]+\s+){0,3}(?:tablets?|pills?|capsules?|caplets?|paracetamol|acetaminophen|"
                    r"ibuprofen|aspirin|co-codamol|codeine|tylenol|advil|nurofen|panadol|sleeping)|"
                    r"(?:吃了|服了|吞了|喝了|吃下)[^\d，。,]{0,4}(\d+)\s*(?:片|粒|颗)")


# "吃了二十来片", "吞了三十多粒": Chinese numerals, "about" (来/多) before the measure word; "两盒全吃了，三十多片"
# "吃了二十来片"; "每天加起来得有二十多粒": a total over the day counts too
_ZH_PILLS = re.compile(r"(?:吃了|服了|吞了|喝了|吃下|加起来|一共|总共|得有|全吃了[，,]|全吞了[，,])[^\d，。,]{0,4}?([零一二三四五六七八九十百两]+|\d+)\s*(?:来|多|几)?\s*"
                       r"(?:片|粒|颗)")


# "把家里的扑热息痛全吃了，她说差不多三十二片", "吃了快两板，我估计有二十来片": the count said later in the sentence of
# taking them
_ZH_PILLS_LATER = re.compile(r"(?:吃|吞|服)[^。！？!?]{0,20}?(?:差不多|大概|大约|估计|得有|足有|将近|快|一共|总共)\s*(?:有|是)?\s*"
                             r"([零一二三四五六七八九十百两]+|\d+)\s*(?:来|多)?\s*(?:片|粒|颗)")


# "大概十六到二十片", "16 to 20 tablets": a range counts as its upper end
_PILL_RANGE = re.compile(r"(?:[零一二三四五六七八九十百两]+|\d+)\s*(?:到|至|-|~|或)\s*([零一二三四五六七八九十百两]+|\d+)\s*(?:来|多)?\s*"
                         r"(?:片|粒|颗)|\b\d+\s*(?:to|-|or)\s*(\d+)\s+(?:[\w'-]+\s+){0,2}?(?:tablets?|pills?|capsules?|caplets?)\b")


# "she took two packets of paracetamol, so 32 tablets": the count stated later in the sentence of taking them
_PILLS_LATER = re.compile(r"\b(?:took|taken|swallowed)\b[^.!?]{0,60}?\b(?:so|that's|thats|that is|about|around|maybe)\s+"
                          r"(\d{1,3})\s*(?:tablets|pills|capsules|caplets)\b")


def _pills(text: str) -> Optional[int]:
    text = _EN_WORD_COUNT_TAKEN.sub(lambda match: (match.group(1) or "") + _words_value(match.groups()[1:]), text)
    text = _EN_WORD_COUNT_PILLS.sub(lambda match: _words_value(match.groups()), text)
    counts = [int(next(g for g in m.groups() if g)) for m in _PILLS.finditer(text)]
    counts += [int(m.group(1)) for m in _PILLS_LATER.finditer(text)]
    counts += [int(value) for m in _PILL_RANGE.finditer(text) if (value := zh_number(m.group(1) or m.group(2))) is not None]
    counts += [int(value) for pattern in (_ZH_PILLS, _ZH_PILLS_LATER) for m in pattern.finditer(text)
               if (value := zh_number(m.group(1))) is not None]
    return max(counts) if counts else None


# a child's name between who the child is and its age ("my baby boy Noah is seven months", "我儿子豆豆七个月"): blanked
# out (same length) so that the age patterns read the age, and the age is not taken for how long something has lasted
# "my son Alfie is 2", "baby leo 6 months": a child's name between who the child is and the age, blanked out
_EN_CHILD_NAME = re.compile(r"\b(?:baby|son|daughter|boy|girl|grandson|granddaughter)(?: boy| girl)?,? ([A-Z][a-z]+|[a-z]+(?<!really)),?"
                            r"(?= (?:is|was) )|\b(?:baby|son|daughter|grandson|granddaughter)(?: boy| girl)?,? "
                            r"(?!(?:for|is|was|has|had|with|about|since|over|aged|of|in|at|the|a|an|now|just|only|almost|nearly)\b)"
                            r"([A-Za-z][a-z]+),?(?= \d{1,2}\s*(?:months?|mos?|mths?|weeks?|wks?)\b(?! ago))")
_ZH_CHILD_PET_NAME = re.compile(r"(?<=儿子|女儿|宝宝|孩子|孙子|孙女|闺女|我家)([\u4e00-\u9fff])\1(?=(?:才|刚|刚满)?[零〇一二两三四五六七八九十\d])")


# "我家米粒五周", "宝宝糖糖八周大": a two-character name after who the baby is, then the age in weeks (not "咳嗽两周")
_ZH_CHILD_NAME_WEEKS = re.compile(r"(?<=儿子|女儿|宝宝|孩子|孙子|孙女|闺女|我家)([\u4e00-\u9fff]{2})(?=(?:才|刚|刚满)?"
                                  r"[零〇一二两三四五六七八九十\d]{1,2}\s*(?:周|个星期|个礼拜)(?:大|了)?(?:[，。,\s]|$))")


def _blank_child_names(text: str) -> str:
    for pattern in (_EN_CHILD_NAME, _ZH_CHILD_PET_NAME, _ZH_CHILD_NAME_WEEKS):
        text = pattern.sub(lambda match: match.group(0) if pattern is _ZH_CHILD_NAME_WEEKS and looks_medical(match.group(1))
                           else match.group(0).replace(name := next(g for g in match.groups() if g), " " * len(name)), text)
    return text


_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
# a number in words before an age unit and "old": "nineteen months old", "sixty-nine years old"
_EN_WORD_AGE = re.compile(rf"\b(?:({'|'.join(_TENS)})(?:[\s-]({'|'.join(_UNITS)}))?|({'|'.join(_TEENS + _UNITS)}))"
                          r"(?=[\s-]*(?:years?|yrs?|months?|mos?|weeks?|wks?|days?)[\s-]*old\b)")
# "took twenty paracetamol", "swallowed about thirty tablets": a count of tablets said in words
_EN_WORD_COUNT_TAKEN = re.compile(rf"(\b(?:took|taken|take|swallowed|ate|had) (?:(?:about|around|like|maybe|over|nearly|almost|"
                                  rf"at least) )?)\b(?:({'|'.join(_TENS)})(?:[\s-]({'|'.join(_UNITS)}))?|({'|'.join(_TEENS + _UNITS)}))\b")


# "she thinks about thirty-two tablets": a count in words straight before the tablets
_EN_WORD_COUNT_PILLS = re.compile(rf"\b(?:({'|'.join(_TENS)})(?:[\s-]({'|'.join(_UNITS)}))?|({'|'.join(_TEENS)}))\b"
                                  r"(?=\s+(?:[\w'-]+\s+){0,2}?(?:tablets?|pills?|capsules?|caplets?|paracetamol)\b)")


_WORD_VALUES = {word: value for value, word in enumerate(_UNITS + _TEENS, start=1)} | \
    {word: 20 + 10 * index for index, word in enumerate(_TENS)}


# a temperature read out in words: "thirty-eight point three", "thirty nine degrees", "a hundred and two"
_DIGIT_WORDS = {"zero": 0, "oh": 0, **{word: value for value, word in enumerate(_UNITS, start=1)}}
_EN_WORD_TEMP = re.compile(rf"\b(?:(thirty|forty|ninety)(?:[\s-]({'|'.join(_UNITS)}))?|(?:a|one)\s+hundred(?:\s+and)?\s+"
                           rf"({'|'.join(_UNITS[:5])}))(?:\s+point\s+(zero|oh|{'|'.join(_UNITS)}))?"
                           r"(?![\s-]*(?:minutes?|mins?|seconds?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|times?|"
                           r"pounds?|kg|kilos?|percent|%|bpm|beats|mg|ml|tablets?|pills?|puffs?)\b)")


def _temperature_words_to_digits(text: str) -> str:
    def digits(match: re.Match) -> str:
        tens, unit, hundred, decimal = match.groups()
        whole = 100 + _WORD_VALUES[hundred] if hundred else _WORD_VALUES[tens] + (_WORD_VALUES[unit] if unit else 0)
        return f"{whole}.{_DIGIT_WORDS[decimal]}" if decimal else str(whole)

    return _EN_WORD_TEMP.sub(digits, text)


# "she's eighty-six and ...": an older person's age in words said of the person described
_EN_WORD_AGE_SAID = re.compile(rf"(\b(?:she|he|who)(?:'s|s| is)\s+|\bi(?: am|'m|m)\s+|"
                               rf"{_SELF_INTRODUCED}[a-z][a-z'’-]+,\s*|\b(?:{_RELATIVES})(?:\s+(?!is\b)[^\s,.;]+)?\s+is\s+)(?:({'|'.join(_TENS)})(?:[\s-]({'|'.join(_UNITS)}))?|"
                               rf"({'|'.join(_TEENS + _UNITS)}))(?=\s*(?:years?\b|months?\b|weeks?\b|and\b|now\b|[,.;)]|$))")


def _words_value(words) -> str:
    """"sixty", "nine" -> "69": the digits of a number said in words (tens and units, or a teen)."""
    return str(sum(_WORD_VALUES[word] for word in words if word))


# "three and a half weeks old", "2 and a half years": a half said after the number (read as "3.5 weeks old")
_EN_AND_A_HALF = re.compile(rf"\b(\d{{1,2}}|{'|'.join(_TEENS + _UNITS)}) and a half(?=[\s-]+(?:years?|yrs?|months?|mos?|weeks?|wks?)\b)")


def _age_words_to_digits(text: str) -> str:
    text = _EN_AND_A_HALF.sub(lambda match: f"{_WORD_VALUES.get(match.group(1), match.group(1))}.5", text)
    text = _EN_WORD_AGE.sub(lambda match: _words_value(match.groups()), text)
    return _EN_WORD_AGE_SAID.sub(lambda match: match.group(1) + _words_value(match.groups()[1:]), text)


# a baby wished for, carried or just born is not the patient: "we're trying for a baby", "我跟老公想要孩子了",
# "9天前生的孩子" (the mother is)
_NOT_THE_PATIENTS_BABY = re.compile(r"\b(?:try(?:ing)? for|want(?:ing)?|plan(?:ning)? (?:for|to have)|hoping for|"
                                    r"thinking about|think about) (?:a|another|our|my|a second|a 2nd|more) ?(?:baby|babies|child|"
                                    r"children|kids?)\b|\bhad (?:a|the|my|our) baby\b|"
                                    r"(?:想要|要个|想要个|准备要|打算要|备孕|怀着|怀了|生了|生的|生完|生下了?|前生的)(?:个|一个|二胎|了)?"
                                    r"(?:孩子|宝宝|娃|小孩)")


def extract_facts(text: str) -> Facts:
    """Parse the facts stated in one message (raw or normalised text)."""
    text = normalise(_blank_child_names(text))
    age, _ = _age(_age_words_to_digits(text))
    kin = _NOT_THE_PATIENTS_BABY.sub(" ", text)
    facts = Facts(age_years=None if age is None else round(age, 3), temperature_c=_temperature(text),
                  duration_days=_duration(text), worsening=_asserted(_WORSE, text),
                  pregnant=_patient_pregnant(text), immunosuppressed=_asserted(_IMMUNO, text),
                  elderly=bool(_ELDERLY_WORDS.search(text)), infant=bool(_BABY_WORDS.search(_FIGURATIVE_BABY.sub(" ", kin)) or _asserted(_INFANT_WORDS, text)),
                  child=bool(_CHILD_WORDS.search(kin)), severity=severity_of(text), pills_taken=_pills(text),
                  sex=patient_sex(text), **_vitals(text))
    if (facts.pregnant and facts.infant and (facts.age_years is None or facts.age_years >= 12)
            and not _asserted(_INFANT_WORDS, text)):
        # a pregnant woman's "baby" / "宝宝" is the one she carries ("产检都正常，宝宝长得挺好"), not a patient who is a baby
        facts = facts.model_copy(update={"infant": False})
    if facts.infant:
        facts = facts.model_copy(update={"child": True})
    if facts.age_years is not None and facts.age_years >= 60 and facts.elderly:
        # an older patient's son or daughter named in passing ("她儿子说...") does not make the patient a child
        facts = facts.model_copy(update={"child": False, "infant": False})
    if facts.age_years is not None and facts.age_years >= 18 and facts.child and not facts.infant:
        # a grown son or daughter is no child: "my son Josh, he's eighteen and just started at university"
        facts = facts.model_copy(update={"child": False})
    if facts.age_years is not None and facts.age_years < 50 and facts.elderly:
        # a stated age under fifty outweighs an older relative named in passing: a child's ("his nan says give him
        # ibuprofen"; "my son, he's sixteen ... his grandma says"), a teenager's ("我十七岁 ... 我奶奶说") or a young
        # adult's ("我儿子小宇，十九 ... 他爷爷说就是想家")
        facts = facts.model_copy(update={"elderly": False})
    if facts.infant and facts.age_years is not None and facts.age_years >= 2:
        # a stated age of two or more outweighs a baby named in passing ("he's two and a half ... harming the baby")
        facts = facts.model_copy(update={"infant": False})
    if facts.pregnant and facts.age_years is not None and facts.age_years < 11 and _pregnancy_of_another(text):
        # a young child is not the one who is pregnant: "he's two and a half ... my wife is eighteen weeks pregnant"
        # (but "我现在怀孕三十三周 ... 两岁的大宝" is a pregnant mother who gives her toddler's age)
        facts = facts.model_copy(update={"pregnant": False})
    if facts.age_years is not None and facts.age_years >= 18 and _MY_TURN.search(text):
        # "我闺女带回来的肠胃病毒，她一天就好了，现在轮到我了": the child had it, the grown-up writing has it now
        facts = facts.model_copy(update={"child": False, "infant": False})
    return facts.with_age_flags()


# The patient's sex, from what only a woman or only a man says of themselves: the chat shorthand ("28f", "45m"),
# "I'm a woman", periods and pregnancy (stated or denied: "I'm not pregnant"), and the anatomy of one sex. Relation
# words are no evidence: "my boyfriend says..." names someone who is not the patient.
_FEMALE = re.compile(r"(?:^|[\s,(;.!?/])\d{1,3}\s?f(?=\s*(?:[,);.!?/]|$))|\bfemale\b|"
                     r"\bi(?: am|'m)\s+an?\s+(?:[\w-]+\s+){0,3}(?:woman|girl|lady)\b|\b(?:woman|lady),?\s+\d{1,3}\b|\bpregnan|\bmy periods?\b|"
                     r"\bperiod (?:finished|ended|is due|was due|due|late|came)|\bmenopaus|\bvagina|\bvulva|\bwomb\b|"
                     r"怀孕|怀上|孕\d|例假|月经|大姨妈|白带|阴道|外阴|绝经|(?:^|[\s,，。;；])女(?:的|性|生)?(?=[\s,，。;；\d]|$)|"
                     r"我是女|\d{1,3}岁?女(?![儿孩朋婿娃士])|(?<![\u4e00-\u9fff])女\s?\d{1,3}岁?")
_MALE = re.compile(r"(?:^|[\s,(;.!?/])\d{1,3}\s?m(?=\s*(?:[,);.!?/]|$))|(?<!fe)\bmale\b|"
                   r"\bi(?: am|'m)\s+an?\s+(?:[\w-]+\s+){0,3}(?:man|guy|bloke|lad|boy)\b|\b(?:man|guy|bloke),?\s+\d{1,3}\b|\bpenis|\btesticl|\bscrot|"
                   r"\bforeskin|\bprostate|\bfrom the tip\b|\bmy (?:balls|willy|todger|knob)\b|"
                   r"阴茎|睾丸|蛋蛋|前列腺|包皮|龟头|(?:^|[\s,，。;；])男(?:的|性|生)?(?=[\s,，。;；\d]|$)|我是男|我男的|"
                   r"\d{1,3}岁?男(?![孩朋友士娃])|(?<![\u4e00-\u9fff])男\s?\d{1,3}岁?")


def patient_sex(text: str) -> Optional[Literal["female", "male"]]:
    """"female" or "male" where the message says so and says nothing of the other; None otherwise.

    >>> patient_sex("burning when i wee, not pregnant. 28f"), patient_sex("man 45, burning when i pee")
    ('female', 'male')
    >>> patient_sex("我二十九，没怀孕，小便刺痛"), patient_sex("男，45岁，小便烧痛"), patient_sex("burning when I pee")
    ('female', 'male', None)
    """
    female, male = _FEMALE.search(text) is not None, _MALE.search(text) is not None
    return "female" if female and not male else "male" if male and not female else None


_MY_TURN = re.compile(r"轮到我|传给我了|传染给我了|\bnow it'?s my turn\b|\bnow i'?ve got it\b|\bnow i have (?:got )?it\b|"
                      r"\bpassed it (?:on )?to me\b|\bgave it to me\b")


def answer_as_age(text: str) -> Optional[float]:
    """A bare number answering "how old": "35", "35岁", "about 60" (only used right after we asked for the age)."""
    match = re.fullmatch(r"\s*(?:about|around|i am|im|age|大约|大概|今年)?\s*(\d{1,3})\s*(?:岁|years?|yrs?)?\s*[.!。]?\s*",
                         normalise(text))
    if match and 0 < int(match.group(1)) < 120:
        return float(match.group(1))
    return None
