"""Text helpers for English and Chinese symptom descriptions: normalising, clauses, phrase matching with negation.

A *phrase* is written once in the data files and compiled here:

- English words match whole words (case-insensitive); ``word*`` matches any ending (``vomit*`` → vomiting);
  ``...`` allows up to four words in between (``chest ... tight`` → "chest feels really tight").
- Chinese phrases match as substrings; ``...`` allows up to four characters in between (``胸...疼``).
- A leading ``~`` lets a match count when it is told as past ("~menopause" in "went through the menopause years ago"):
  for a past event that makes a present finding matter; negated, hypothetical or other people's matches still do not.

A match counts only as a *current finding of the patient*: the ConText algorithm (``context.py``) sets it aside when it
is negated ("no chest pain", "my neck isn't stiff"), hypothetical ("if I get chest pain"), historical or someone
else's ("family history of stroke"). Phrases are matched within clauses (punctuation, "but"/"但是").

Example::

    >>> from agents.medical_triage.text import Phrase, normalise
    >>> Phrase("chest pain").find(normalise("No chest pain, but my arm hurts"))
    False
    >>> Phrase("胸...疼").find(normalise("我胸口很疼"))
    True
"""
from __future__ import annotations

import gzip
import logging
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from agents.medical_triage.context import assert_span, current_text

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_CONTRACTIONS = [
    (re.compile(r"\bcan'?t\b|\bcannot\b"), "can not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"\b(do|does|did|is|are|was|were|has|have|had|could|would|should)n'?t\b"), r"\1 not"),
    (re.compile(r"\b(i|you|he|she|it|we|they)'m\b"), r"\1 am"),
    (re.compile(r"\bi'm\b"), "i am"),
    # a body part's "'s" is "is" or "has": "her foot's turned out", "his arm's gone white"
    (re.compile(r"\b(foot|leg|arm|hand|wrist|ankle|knee|hip|elbow|shoulder|finger|thumb|toe|face|eye|neck|lip|tongue|"
                r"throat|tummy|belly|skin|chest|head)'s(?= (?:been|got|gone|turned|swollen|swelling|bent|broken|stuck|"
                r"twisted|sticking|pointing|going|all|really|very|so|still|now|bleeding|cold|white|blue|numb)\b)"), r"\1 is"),
    # chat shorthand that needs its context: "voices r telling him", "drinking n weeing fine", "w/ a cough"
    (re.compile(r"\bw/(?=\s)"), "with"),
    (re.compile(r"\br\b(?=\s+(?:\w+ing|not|so|very|all|still|really|too|both|always|getting|coming)\b)"), "are"),
    (re.compile(r"(?<=[a-z)!?] )n(?= [a-z])"), "and"),
    (re.compile(r"(?<=[a-z] )w(?= (?:no|a|an|my|his|her|the|some|their|our)\b)"), "with"),
]
# chat shorthand words: "hurt ppl", "thru the tv"
_SHORTHAND = {"ppl": "people", "thru": "through", "nite": "night", "tmrw": "tomorrow", "tmr": "tomorrow", "pls": "please",
              "plz": "please", "cuz": "because", "coz": "because", "b4": "before", "u": "you", "ur": "your"}
_SHORTHAND_WORD = re.compile(rf"\b(?:{'|'.join(_SHORTHAND)})\b")
# colloquial names of body parts, folded into the words the phrase lists use (phrases go through the same folding)
_ZH_STANDARD = {"脑瓜子": "头", "脑瓜": "头", "脑袋瓜": "头", "脑袋": "头", "脑壳": "头", "心口窝": "胸口", "心口": "胸口",
                "胸膛": "胸口", "肚皮": "肚子", "后脊梁": "后背", "脊梁骨": "后背", "嗓子眼": "嗓子", "眼珠子": "眼球",
                "眼珠": "眼球", "腿肚子": "小腿", "胳膊肘": "胳膊", "手脖子": "手腕",
                "蛰": "蜇",  # "被黄蜂蛰了": the sting is very often typed with the character of 惊蛰
                "水疱": "水泡", "血疱": "血泡"}  # the medical and the everyday character of a blister
_ZH_COLLOQUIAL = re.compile("|".join(sorted(_ZH_STANDARD, key=len, reverse=True)))
_CLAUSE_SPLIT = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])|[;!?\n,:()\[\]]|(?<!\d)\.|\.(?!\d)|[，。；！？、：]|\b(?:but|however|although|though|except)\b|但是|但|可是|(?<![喘透])不过(?!来|气)")


log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """About 65,000 lower-case English words (Debian's ``wbritish`` and ``wamerican`` word lists, from SCOWL; reduced
    to ``data/english_words.txt.gz`` by ``scripts/build_first_names.py``)."""
    path = resources.files("agents.medical_triage") / "data" / "english_words.txt.gz"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:  # pragma: no cover - shipped with the package
        log.warning("medical_triage: %s is missing; lower-case names outside the name lists are not recognised and "
                    "dropped g's are not restored", path)
        return frozenset()
    return frozenset(gzip.decompress(raw).decode("utf-8").split())


# a chat word with its final g dropped: "droolin n coughin", "scratchin' his head" (restored when the word is no
# English word and the word with its g is one: "cousin", "robin" and "within" stay as they are)
_DROPPED_G = re.compile(r"\b([a-z]{3,}in)'?(?![\w'])")


def _restore_g(match: re.Match) -> str:
    word = match.group(1)
    words = english_words()
    return word + "g" if word not in words and word + "g" in words else match.group(0)


# "lost about a stone in 3 months": the British unit of body weight, not a kidney stone
_STONE_WEIGHT = re.compile(r"\b((?:lost|losing|lose|dropped|shed|gained|put on|putting on|down)(?:\s+(?:about|around|nearly|"
                           r"almost|over|more than|at least|like))?\s+(?:a|half a|one|two|three|four|five|\d+(?:\.\d+)?))\s+stones?\b")

# "the lady from no 12", "flat no. 3b": a house or flat number, not a negation
_HOUSE_NUMBER = re.compile(r"\b(from|at|in|of|to|flat|house|room|bed|bay|ward|cell|unit|door)\s+no\.?\s?(\d{1,4}[a-z]?)\b")


def normalise(text: str) -> str:
    """NFKC (full-width digits and punctuation to ASCII), lower case, straight quotes, expanded negative contractions.

    >>> normalise("I CAN’T breathe，３９．５度")
    'i can not breathe,39.5度'
    """
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = _SHORTHAND_WORD.sub(lambda match: _SHORTHAND[match.group()], text)
    text = _DROPPED_G.sub(_restore_g, text)
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    text = _STONE_WEIGHT.sub(r"\1 kg of weight", text)
    text = _HOUSE_NUMBER.sub(r"\1 number \2", text)
    if CJK.search(text):
        text = _ZH_COLLOQUIAL.sub(lambda match: _ZH_STANDARD[match.group()], text)
    return text


def cjk_fraction(text: str) -> float:
    """Share of the letters that are Chinese characters (0 for pure English, 1 for pure Chinese)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if CJK.match(c)) / len(letters)


def language_of(text: str) -> str:
    """'zh' when Chinese characters make up a good share of the letters, else 'en'."""
    return "zh" if cjk_fraction(text) >= 0.3 else "en"


def clauses(text: str) -> list[str]:
    """Split normalised text into clauses at punctuation and contrastive conjunctions."""
    return [part.strip() for part in _CLAUSE_SPLIT.split(text) if part and part.strip()]


def clause_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the clauses of ``clauses(text)``, so matches keep their place in the whole text."""
    spans, start = [], 0
    for separator in _CLAUSE_SPLIT.finditer(text):
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, len(text)))
    return [(lo, hi) for lo, hi in spans if text[lo:hi].strip()]


# a phrase ending in characters that begin another word there: 肿瘤 is a tumour, not a swelling; 疼爱 is love
_ZH_NOT_FOLLOWED = {"肿": "(?!瘤)", "疼": "(?!爱)", "痛": "(?!快)", "烧": "(?!烤|饼|麦|鸡|鹅|心|到嗓|到喉|到胸)",  # 烧心 is heartburn
                   "烧到": "(?!嗓子|喉咙|胸口|嘴里)",  # heartburn "一直烧到嗓子眼" is no temperature
                   "没用": "(?!过)",  # "喷雾一次没用过": not used, not of no use
                   "火": "(?!龙果|锅|车|腿|柴|机|星|箭)",  # 火龙果 is a dragon fruit
                   "头": "(?!一回|一次|一遍|胎|一天|两天|几天|三天|一个|一年)"}  # 头一回: the first time; 头两天: the first days


# a phrase starting with a character that ends another word there: 乳头疼 is a sore nipple, 脚趾头 a toe, not the head
ZH_NOT_PRECEDED = {"头": "乳指趾拳骨舌枕馒石木眉奶针码罐镜锄外里",  # 外头, 里头: outside, inside
                   "喘": "哮",  # 哮喘 is asthma, the condition, not breathlessness now
                   "过": "抗",  # 抗过敏药 is an antihistamine, not an allergy
                   "烫": "发"}  # 发烫 is skin that feels hot, not a scald


# the gap a "..." allows in a Chinese phrase: up to four characters, the last no negation, so "口子...深" finds
# 口子挺深 but not 口子小不深 (the 不 negates what follows it, whatever ConText reads before the phrase)
_ZH_GAP = "(?:.{0,3}?[^不没无未])??"


def _not_followed(phrase: str) -> str:
    """The guard for the longest listed ending of ``phrase`` (two characters such as 烧到 before one such as 烧)."""
    return next((_ZH_NOT_FOLLOWED[end] for end in sorted(_ZH_NOT_FOLLOWED, key=len, reverse=True) if phrase.endswith(end)), "")


def _compile(phrase: str) -> re.Pattern:
    phrase = normalise(phrase).strip()
    if not phrase:
        raise ValueError("empty phrase")
    if CJK.search(phrase):
        parts = [re.escape(p.strip()) for p in phrase.split("...")]
        before = ZH_NOT_PRECEDED.get(phrase[0])
        return re.compile((f"(?<![{before}])" if before else "") + _ZH_GAP.join(parts) + _not_followed(phrase))
    pieces = []
    for chunk in phrase.split("..."):
        words = chunk.split()
        rendered = []
        for word in words:
            if word.endswith("*"):
                rendered.append(re.escape(word[:-1]) + r"[\w']*")
            else:
                rendered.append(re.escape(word))
        pieces.append(r"[\s\-]+".join(rendered))
    body = r"(?:[\s\-]+[\w'%./-]+){0,4}?[\s\-]+".join(p for p in pieces if p)
    return re.compile(r"(?<![\w])" + body + r"(?![\w])")


@lru_cache(maxsize=8192)
def compiled(phrase: str) -> re.Pattern:
    return _compile(phrase[1:] if phrase.startswith("~") else phrase)


@lru_cache(maxsize=8192)
def _own_words(phrase: str) -> frozenset[str]:
    """The words (English) or the characters and character pairs (Chinese) written in a phrase."""
    phrase = normalise(phrase)
    if CJK.search(phrase):
        chars = phrase.replace("...", "")
        return frozenset(chars) | frozenset(chars[i:i + 2] for i in range(len(chars) - 1))
    return frozenset(re.findall(r"[a-z']+", phrase))


class Phrase:
    """One data-file phrase compiled to a pattern. ``find`` reports a non-negated match in normalised text."""

    __slots__ = ("history_counts", "own_words", "pattern", "text")

    def __init__(self, text: str):
        self.text = text
        self.history_counts = text.startswith("~")
        body = text[1:] if self.history_counts else text
        self.pattern = compiled(body)
        self.own_words = _own_words(body)

    def find(self, normalised_text: str, allow_negated: bool = False) -> bool:
        """Whether the phrase occurs as a current finding of the patient (ConText: not negated, hypothetical,
        historical or someone else's), or at all with ``allow_negated``."""
        for start, end in clause_spans(normalised_text):
            if allow_negated:
                if self.pattern.search(normalised_text[start:end]):
                    return True
            elif self.find_in_clause(normalised_text, start, end):
                return True
        return False

    def find_in_clause(self, normalised_text: str, start: int, end: int) -> bool:
        """Whether the phrase occurs inside the clause ``normalised_text[start:end]`` as a current finding of the
        patient, its assertion read in the whole text: in "没有头疼、脸肿" the list's 没有 covers 脸肿 too."""
        for match in self.pattern.finditer(normalised_text[start:end]):
            assertion = assert_span(normalised_text, start + match.start(), start + match.end(), self.own_words)
            if assertion.current or (self.history_counts and assertion.status == "present"
                                     and assertion.subject == "patient"):
                return True
        return False

    def __repr__(self) -> str:
        return f"Phrase({self.text!r})"


def any_phrase(phrases: list[str], normalised_text: str) -> str | None:
    """The first phrase of ``phrases`` found (not negated) in the text, or None."""
    for phrase in phrases:
        if Phrase(phrase).find(normalised_text):
            return phrase
    return None


def strip_negated(normalised_text: str) -> str:
    """The text without negated, hypothetical, historical or other people's spans, for similarity search.

    >>> strip_negated("runny nose, no fever or cough")
    'runny nose'
    """
    kept = [clause.strip(" ,") for clause in clauses(current_text(normalised_text))]
    return ", ".join(clause for clause in kept if clause)


_ZH_HEALTH = re.compile(
    "疼|痛|痒|肿|烧|热|冷|咳|嗽|痰|吐|呕|泻|拉肚子|拉稀|晕|血|疹|伤|病|不舒服|难受|药|医|感冒|鼻|喉|嗓|头|胸|心|肚|腹|胃|腰|背|"
    "腿|脚|手|臂|膀|膝|踝|颈|脖|眼|耳|牙|嘴|唇|舌|皮|尿|便|屁|月经|例假|怀孕|孕|呼吸|喘|气|累|乏|失眠|睡|焦虑|抑郁|情绪|心情|"
    "过敏|痘|屑|干|麻|酸|僵|抽|虫|咬|蜇|刺|摔|撞|扭|崴|烫|割|划|破|斑|包|块|泡|疱|体温|度|岁|宝宝|孩子|婴儿|老人|想死|自杀|"
    "嗝|嚏|疣|癣|痔|疮|鸡眼|虱|晒|蚊|蛰|秃|结石|发炎|感染|困|时差|"
    "活着|伤害|恶心|虚|汗|抖|昏|倒|醒|流|红|黑|黄|紫|白|涕|喷嚏|脱|掉|瘦|胖|渴|饿|饱|胀|堵|闷|哭|闹|吃|喝|酒|中毒|电池|噩梦|闪回|创伤|多动|绝经|更年期|衣原体|淋病|疫苗|打针|预防针")
_EN_HEALTH = re.compile(
    r"\b(?:pain\w*|hurt\w*|ache\w*|aching|sore\w*|itch\w*|swell\w*|swollen|fever\w*|temperature|temp|cough\w*|sneez\w*|"
    r"vomit\w*|sick|nause\w*|queasy|diarrh\w*|constipat\w*|bleed\w*|blood\w*|rash\w*|burn\w*|cut|cuts|bite\w*|bitten|"
    r"sting\w*|stung|dizz\w*|faint\w*|tired|fatigue\w*|weak\w*|numb\w*|tingl\w*|breath\w*|wheez\w*|chest|head\w*|"
    r"stomach|belly|tummy|abdom\w*|back|neck|throat|nose|ear\w*|eye\w*|tooth|teeth|teething|gums?|drool\w*|dribbl\w*|skin|leg|legs|arm|arms|knee\w*|ankle\w*|"
    r"foot|feet|hand\w*|wrist|shoulder\w*|hip|joint\w*|muscle\w*|bone\w*|pee|peeing|urin\w*|poo\w*|stool\w*|period\w*|"
    r"pregnan\w*|baby|infant|child|toddler|son|daughter|kid|mole|lump\w*|spot\w*|pimple\w*|acne|blister\w*|bruis\w*|"
    r"sprain\w*|twist\w*|fell|fall|hit|injur\w*|wound\w*|bled|palms?|graz\w*|callus\w*|allerg\w*|hives|sunburn\w*|hangover|hungover|drunk|sleep\w*|"
    r"insomnia|anxi\w*|panic\w*|depress\w*|sad|low|suicid\w*|kill|die|dying|harm\w*|self|overdos\w*|pill\w*|tablet\w*|"
    r"medic\w*|doctor|hospital|emergency|symptom\w*|ill|illness|unwell|flu|cold|infection|infected|pus|discharge|cramp\w*|"
    r"heartburn|reflux|indigestion|bloat\w*|gas|wind|dandruff|scalp|hair|nail\w*|lip\w*|mouth|ulcer\w*|vision|seeing|nosebleed\w*|"
    r"hearing|deaf|blind|confus\w*|seizure\w*|fit|shak\w*|shiver\w*|sweat\w*|thirst\w*|weight|heart|pulse|pressure|"
    r"sugar|diabet\w*|asthma|inhaler|splinter|wart\w*|lice|worm\w*|snor\w*|hiccup\w*|old|years?|months?|weeks?|"
    r"seasick\w*|carsick\w*|airsick\w*|travel[\s-]?sick\w*|motion[\s-]sick\w*|meds|eczema|psoria\w*|dermatitis|"
    r"emollient\w*|flare\w*|elbows?|ribs?|jaw\w*|fingers?|toes?|thumbs?|thighs?|calf|calves|shins?|groin|gums?|tongue|forehead|cheeks?|chin|stitch\w*|threw up|throw up|throwing up|puk\w*|"
    # complaints named by their common name alone ("has nits AGAIN", "think it's cystitis")
    r"nits?|scabies|verruca\w*|veruca\w*|impetigo|ringworm|thrush|cystitis|utis?|conjunctivitis|styes?|gout|migraine\w*|"
    r"haemorrhoid\w*|hemorrhoid\w*|dehydrat\w*|the runs|the trots|"
    # what a frightening event leaves behind, and the mind's other complaints said in their own words
    r"flashbacks?|nightmares?|trauma\w*|ptsd|adhd|menopaus\w*|perimenopaus\w*|hrt|chlamydia|gonorrh\w*|std|stis?|vaccin\w*|jabs?|immunis\w*|immuniz\w*)\b")


def looks_medical(text: str) -> bool:
    """Whether a message mentions anything health-related at all (else we ask for a description).

    >>> looks_medical("你好"), looks_medical("我头疼"), looks_medical("asdf qwerty"), looks_medical("my knee hurts")
    (False, True, False, True)
    """
    text = normalise(text)
    return bool(_ZH_HEALTH.search(text) or _EN_HEALTH.search(text))


# skin hot to the touch ("摸着发烫"): a fever when it is the forehead or the whole body ("额头摸着发烫", "浑身摸着烫手"),
# a local sign otherwise (a sunburn, an inflamed joint)
_HOT_TO_TOUCH = re.compile(r"摸(?:着|上去|起来)(?:有点|有些)?(?:发热|发烫|热乎乎|烫手|滚烫)")
_FEVERISH_PART = re.compile(r"额头|脑门|脑袋|头|身上|浑身|全身|身子|身体")


def hot_to_touch_as_fever(text: str, otherwise: str | None = None) -> str:
    """``text`` with the forehead or the body hot to the touch written as the fever it is; any other skin hot to the
    touch is written as ``otherwise`` (kept as it is when ``None``).

    >>> hot_to_touch_as_fever("孩子浑身摸着发烫"), hot_to_touch_as_fever("晒伤了摸着发烫", otherwise="摸着温")
    ('孩子浑身发烧', '晒伤了摸着温')
    """
    def rewrite(match: re.Match) -> str:
        if _FEVERISH_PART.search(text, max(0, match.start() - 4), match.start()):
            return "发烧"
        return match.group() if otherwise is None else otherwise
    return _HOT_TO_TOUCH.sub(rewrite, text)
