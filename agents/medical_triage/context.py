"""Assertion status of a finding mentioned in a message: the ConText algorithm (Harkema et al., 2009).

A *modifier* (cue) such as "no", "if", "used to" or "my mother had" changes the meaning of the findings within its
scope: the findings after it (a preceding cue) or before it (a following cue) in the same sub-sentence, where
sub-sentences end at sentence breaks and at *terminators* ("but", "apart from", "但是", "不过", a comma that opens a
new clause). English negation cues, pseudo-negations and terminators are negspacy's clinical termset (NegEx) run on a
blank spaCy pipeline, extended for lay language (contractions, "is fine", "haven't"); the other categories are
ConText rules of our own. Chinese uses the same algorithm with Chinese cues over jieba tokens.

Example::

    >>> from agents.medical_triage.context import assert_span
    >>> text = "no rash, no swelling of my lips and no trouble breathing"
    >>> assert_span(text, text.index("trouble"), len(text)).status
    'absent'
    >>> text = "我妈得过中风，我现在头疼"
    >>> assert_span(text, text.index("中风"), text.index("中风") + 2).subject
    'other'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from agents.medical_triage.context_terms import (
    EN_CLAUSE_OPENERS,
    EN_EXTRA_NEGATION,
    EN_MODIFIERS,
    EN_PSEUDO,
    EN_REMOVED_NEGATION,
    EN_TERMINATORS,
    ZH_MODIFIERS,
    ZH_PSEUDO,
    ZH_TERMINATORS,
)

Status = Literal["present", "absent", "possible"]
Subject = Literal["patient", "other"]
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
EN_BACKWARD_SCOPE = 24  # characters between a finding and a post-posed cue ("... stiff neck? it is not")
ZH_BACKWARD_SCOPE = 6
_EN_NEW_SUBJECT = re.compile(r"\b(?:and|i|he|she|we|they|you|but|or)\b")
# a comma, then at most an auxiliary: the cue opens the next clause, whose subject is left out
_EN_NEXT_CLAUSE = re.compile(r",\s*(?:have|has|had|do|does|did)\s+$")
_EN_HABITUAL = frozenset({"normally", "usually"})
# a word after "not" that it denies, unless "not really", "not at all", "not much" close the statement before it
_EN_WORD_NEXT = re.compile(r"\s+(?!(?:really|at all|much|anymore|any more|now|today|yet|either|since)\b)[a-z]")
# a brother or sister joined to the patient by "and" ("儿子和他姐姐…晕车"): no other person's finding
_ZH_AND = {"和", "跟", "与", "同"}
_ZH_KIN = frozenset(f"{pronoun}{kin}" for pronoun in "他她" for kin in ("哥哥", "姐姐", "弟弟", "妹妹"))
# cues that are cues only before certain characters
_ZH_CUE_ONLY_BEFORE = {"早晚": "能会得要就", "迟早": "能会得要就"}
_EN_PERSONAL_OBJECTS = frozenset({"me", "him", "her", "us", "them", "my", "his", "our", "their"})
# "his lips and tongue aren't swollen", "nose, throat are fine": the finding is one of coordinated nouns before the cue;
# an auxiliary after "and" starts a second predicate instead ("floppy and won't feed" leaves "floppy" said); the
# pair's own linking verb may follow ("her scalp and hair look completely normal")
_EN_COORDINATED = re.compile(r"\s*(?:,\s*and|,|and|or)\s+(?:my\s+|his\s+|her\s+|the\s+|their\s+)?"
                             r"(?!(?:i|he|she|it|we|they|you|this|that|there|then|now|will|would|do|does|did|is|was|are|were|can|could|has|have|had|should)\b)[a-z]+\s*"
                             r"(?:(?:look|looks|seem|seems|feel|feels|sound|sounds)\s+)?")


class Assertion(BaseModel):
    """How a finding is asserted in its sentence."""

    model_config = ConfigDict(extra="forbid")
    status: Status = Field(default="present", description="present, absent (negated) or possible (hypothetical).")
    subject: Subject = Field(default="patient", description="Whom the finding concerns: the patient or someone else.")
    historical: bool = Field(default=False, description="Happened in the past, not part of the current problem.")
    cues: list[str] = Field(default_factory=list, description="The modifier words that set the status.")

    @property
    def current(self) -> bool:
        """A present finding of the patient, happening now: the only kind that may raise the level."""
        return self.status == "present" and self.subject == "patient" and not self.historical


@dataclass(frozen=True)
class Cue:
    """A modifier found in the text: category, direction and character offsets."""

    category: str  # NEGATED | POSSIBLE | HISTORICAL | OTHER
    direction: str  # forward (scope after the cue) | backward (scope before it) | bidirectional
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Analysis:
    """The cues and the sub-sentence boundaries (character offsets) of one text."""

    cues: tuple[Cue, ...]
    boundaries: tuple[tuple[int, int], ...]


def assert_span(text: str, start: int, end: int, own_words: frozenset[str] = frozenset()) -> Assertion:
    """The assertion of the finding at ``text[start:end]`` (lower-cased text).

    ``own_words`` are the words of the finding's own phrase: a cue among them is part of the finding
    ("rash ... not fade"), not a modifier of it.
    """
    analysis = _analyse(text)
    scope = next(((lo, hi) for lo, hi in analysis.boundaries if lo <= start < hi), (0, len(text)))
    result = {"NEGATED": False, "POSSIBLE": False, "HISTORICAL": False, "OTHER": False}
    cues: list[str] = []
    for cue in analysis.cues:
        if not (scope[0] <= cue.start < scope[1] or cue.start < scope[0] < cue.end):
            continue  # a cue reaches the scope it starts in, or one it runs into ("说就是" over the terminator 就是)
        inside = start < cue.start and cue.end <= end and not _own_cue(cue.text, own_words)  # "neck is not stiff"
        before = cue.end <= start and cue.direction in ("forward", "bidirectional")
        after = cue.start >= end and cue.direction in ("backward", "bidirectional") and _close_after(text, end, cue)
        after = after or (cue.start >= end and _zh_topic_negation(text, end, cue))
        if inside or before or after:
            result[cue.category] = True
            cues.append(cue.text)
    status: Status = "absent" if result["NEGATED"] else "possible" if result["POSSIBLE"] else "present"
    return Assertion(status=status, subject="other" if result["OTHER"] else "patient",
                     historical=result["HISTORICAL"], cues=cues)


def current_text(text: str) -> str:
    """``text`` without the parts that modifiers put out of the present ("no fever", "if it gets worse", "breathing is
    normal", "家族史有心脏病"), for similarity search over the knowledge base.

    >>> current_text("runny nose, no fever or cough")
    'runny nose,'
    """
    analysis = _analyse(text)
    keep = [True] * len(text)
    for lo, hi in analysis.boundaries:
        for cue in analysis.cues:
            if not (lo <= cue.start < hi):
                continue
            if cue.direction in ("forward", "bidirectional"):
                keep[cue.start:hi] = [False] * (hi - cue.start)
                if cue.category == "NEGATED" and _ZH_TOPIC.fullmatch(text[lo:cue.start].strip(" ,，")):
                    keep[lo:cue.start] = [False] * (cue.start - lo)  # "胸口不疼": the body part denied with it
            if cue.direction in ("backward", "bidirectional"):  # back to the start of the cue's own clause
                start = max([lo] + [m.end() for m in _CLAUSE_MARK.finditer(text, lo, cue.start)])
                keep[start:cue.end] = [False] * (cue.end - start)
    return re.sub(r"\s+", " ", "".join(c for c, kept in zip(text, keep, strict=True) if kept)).strip()


# a clause's topic that is nothing but a body part ("胸口不疼", "嗓子也不红"): said only to be denied
_ZH_TOPIC = re.compile("[头腰腿脚手胸腹肚背颈脖眼耳嘴唇脸鼻牙舌肩膝胃心肺嗓喉臂口子部皮肤窝膛睛朵巴]{1,4}[也都还倒]?")
_CLAUSE_MARK = re.compile(r"[,;，；]")  # "runny poo today, drinking and weeing fine": "fine" is the second clause's


def _own_cue(cue: str, own_words: frozenset[str]) -> bool:
    """A cue made of the finding's own words ("is not" in "inhaler is not helping") is part of the finding."""
    words = cue.split() if not CJK.search(cue) else [cue]
    if CJK.search(cue) and any(_shares_negation(cue, word) for word in own_words):
        return True  # "说话也不利索" for "话...不利索": the cue's 不 is the phrase's own
    if CJK.search(cue) and len(cue) > 2:  # a longer Chinese cue written inside the phrase ("医生说可能...惊恐发作")
        return all(cue[i:i + 2] in own_words for i in range(len(cue) - 1))
    return bool(words) and all(word in own_words for word in words)


_ZH_NEGATION_CHARS = "不没无未别"


def _shares_negation(cue: str, word: str) -> bool:
    """A Chinese cue that ends in the negation a word of the phrase begins with ("也不" and "不利索", "都没" and
    "没吃进去"): emphasis on the phrase's own negation, not a second one."""
    return any(word.startswith(cue[-k:]) and cue[-k] in _ZH_NEGATION_CHARS for k in range(1, len(cue) + 1))


def _close_after(text: str, end: int, cue: Cue) -> bool:
    """A post-posed cue modifies only what is just before it ("my neck isn't stiff", "胸口疼没有"), not a finding
    separated from it by a new subject ("a headache and I am not ...")."""
    between = text[end:cue.start]
    if CJK.search(text):
        return len(between) <= ZH_BACKWARD_SCOPE
    if _EN_NEXT_CLAUSE.search(between) or (between.rstrip().endswith(",") and cue.text in _EN_HABITUAL):
        return False  # "30 wks pregnant, have not felt ...", "all day, normally kicks loads": the cue opens a new clause
    if "," in between and cue.text in ("not", "n't") and _EN_WORD_NEXT.match(text, cue.end):
        return False  # "a bump that's not healing, not hot or spreading": the second "not" denies what follows it
    return len(between) <= EN_BACKWARD_SCOPE and (not _EN_NEW_SUBJECT.search(between)
                                                   or _EN_COORDINATED.fullmatch(between) is not None)


# after the finding: the rest of its noun (舌头, 肚子), a place on it (脸上), another noun joined to it (嘴唇和舌头),
# then 也/都/还; more nouns than one when the list is closed by 也 or 都
_ZH_TOPIC_GAP = re.compile(r"[头子巴睛朵部]?[上里]?(?:[和跟与及、][\u4e00-\u9fff]{1,3}|"
                           # a longer list closed by 都 or 也: "脸、嘴唇、舌头都没肿"
                           r"(?:[和跟与及、][\u4e00-\u9fff]{1,3}){2,3}(?=[也都])|"
                           # another part of the body named straight after, without 和: "嘴唇舌头不肿"
                           r"(?:舌头|嗓子|喉咙|脸|眼睛|眼皮|嘴巴|嘴|手|脚|胳膊|腿|脖子|肚子|嘴唇|脸蛋))?[也都还并倒就可]{0,2}")


def _zh_topic_negation(text: str, end: int, cue: Cue) -> bool:
    """Chinese negates a topic with the comment after it: "嘴唇也不肿", "腰不疼", "胳膊也没事", "嘴唇和舌头都没肿". A
    negation cue right after a finding (only 也/都/还, or a noun joined with 和, between) negates it too."""
    return (cue.category == "NEGATED" and cue.direction == "forward" and bool(CJK.search(cue.text))
            and _ZH_TOPIC_GAP.fullmatch(text[end:cue.start]) is not None)


@lru_cache(maxsize=256)
def _analyse(text: str) -> Analysis:
    return _analyse_zh(text) if CJK.search(text) else _analyse_en(text)


# -- English: negspacy (NegEx termset + matcher) plus ConText rules on a blank spaCy pipeline -----------------------
@lru_cache(maxsize=1)
def _english():
    import spacy  # noqa: PLC0415 - spaCy is heavy: loaded on the first English message, not at import
    from negspacy.negation import Negex  # noqa: F401, PLC0415 - registers the "negex" factory (spaCy is heavy)
    from negspacy.termsets import termset  # noqa: PLC0415 - spaCy is heavy: loaded on first use
    from spacy.matcher import PhraseMatcher  # noqa: PLC0415 - spaCy is heavy: loaded on first use

    terms = termset("en_clinical")
    terms.remove_patterns({"preceding_negations": EN_REMOVED_NEGATION})
    terms.add_patterns({"pseudo_negations": EN_PSEUDO, "termination": EN_TERMINATORS, **EN_EXTRA_NEGATION})
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    negex = nlp.add_pipe("negex", config={"neg_termset": terms.get_patterns()})
    modifiers = PhraseMatcher(nlp.vocab, attr="LOWER")
    for (category, direction), phrases in EN_MODIFIERS.items():
        modifiers.add(f"{category}:{direction}", list(nlp.tokenizer.pipe(phrases)))
    return nlp, negex, modifiers


def _analyse_en(text: str) -> Analysis:
    nlp, negex, modifiers = _english()
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "negex":
            doc = proc(doc)
    preceding, following, terminating = negex.process_negations(doc)
    cues = [Cue("NEGATED", "forward", doc[s:e].start_char, doc[s:e].end_char, doc[s:e].text) for _, s, e in preceding]
    cues += [Cue("NEGATED", "backward", doc[s:e].start_char, doc[s:e].end_char, doc[s:e].text) for _, s, e in following
             if not _relative_clause(doc, s)]
    for match_id, s, e in modifiers(doc):
        category, direction = nlp.vocab.strings[match_id].split(":")
        if doc[e - 1].lower_ in ("cause", "causes") and e < len(doc) and doc[e].lower_ in _EN_PERSONAL_OBJECTS:
            continue  # "walking causes me pain" says what happens to the writer
        if category == "OTHER" and s > 0 and doc[s - 1].lower_ in _EN_TOLD:
            continue  # "he told his sister he doesn't see the point": the one told is no one whose finding it is
        if category == "OTHER" and _en_joint_subject(doc, s):
            continue  # "my son kai 7 n his sister get car sick": the patient shares the complaint
        cues.append(Cue(category, direction, doc[s:e].start_char, doc[s:e].end_char, doc[s:e].text))
    # "not breathing" is a finding (a pseudo-negation), "not breathing fast" denies a fast breathing rate
    cues += [Cue("NEGATED", "forward", match.start(), match.start() + 3, "not") for match in _NOT_BEFORE_A_RATE.finditer(text)]
    # "i couldn't see any white spots or pus" (looked for and not found: "could not see" alone is a finding) and "i haven't
    # eaten beetroot" ("not eaten" alone is a finding, a poor intake; before a named food a denial)
    cues += [Cue("NEGATED", "forward", match.start(), match.end(), match.group())
             for pattern in (_LOOKED_NOT_FOUND, _NOT_EATEN_FOOD) for match in pattern.finditer(text)]
    breaks = {sent.start_char for sent in doc.sents} | {doc[s].idx for _, s, _ in terminating}
    breaks |= _en_clause_breaks(doc)
    return Analysis(cues=tuple(cues), boundaries=_spans(sorted(breaks | {0}), len(text)))


_NOT_BEFORE_A_RATE = re.compile(r"\bnot (?=breathing (?:too |very |any |that |so )?(?:fast|faster|quickly|quick|rapidly|hard|heavily)\b)")
_LOOKED_NOT_FOUND = re.compile(r"\b(?:could|can|did|do|does|have|has)\s?(?:not|n't)\s+(?:see|find|spot|notice|noticed|seen|found)"
                               r"\s+any\b(?!\s+(?:of|more|better|further|clearer)\b)")
_NOT_EATEN_FOOD = re.compile(r"\b(?:not|n't|never)\s+(?:eaten|eat|had|drunk|drink)\s+(?:any\s+)?"
                             r"(?=beetroot|beets|dragon fruit|blackberr|rhubarb|red fruit)")
_EN_AND = {"and", "n", "&", "nd"}
_EN_PEOPLE = {"son", "daughter", "boy", "girl", "kid", "child", "baby", "toddler", "he", "she", "husband", "wife",
              "partner", "grandson", "granddaughter", "nephew", "niece", "yo", "old", "months", "mths", "yrs"}
_EN_TOLD = {"told", "tells", "telling", "asked", "asks", "texted", "texts", "messaged", "warned"}
_RELATIVE = {"that", "which", "who"}
_AUXILIARIES = {"has", "have", "had", "is", "are", "was", "were", "does", "do", "did", "will", "would", "can", "could"}


def _en_joint_subject(doc, start: int) -> bool:
    """"my son and his sister both have nits": a relative joined to the patient by "and" shares the complaint (the
    words before "and" name the patient, with a name or age at most, and say nothing else)."""
    if start < 2 or doc[start - 1].lower_ not in _EN_AND:
        return False
    return any(token.lower_ in _EN_PEOPLE or token.like_num for token in doc[max(0, start - 3):start - 1])


def _relative_clause(doc, start: int) -> bool:
    """"a sore on her toe that has not healed": a negation inside a relative clause is about the clause's verb, not the
    noun before it, so it does not reach back; nor does "not even" opening a clause ("ice cold, not even shivering")."""
    before = [token.lower_ for token in doc[max(0, start - 2):start]]
    if before and before[-1] in {",", ";"} and start + 1 < len(doc) and doc[start + 1].lower_ == "even":
        return True  # "she's ice cold, not even shivering": "not even" opening a clause looks forward only
    return bool(before) and (before[-1] in _RELATIVE or (len(before) == 2 and before[0] in _RELATIVE
                                                         and before[1] in _AUXILIARIES))


def _en_clause_breaks(doc) -> set[int]:
    """A comma or dash followed by a clause opener ("my", "i", "just", "now"...) ends the scope of a cue, and so does an
    emoji, which ends a statement in chat ("my breath is bad 😳 teeth are fine"), and a bracket: an aside is a statement
    of its own ("with no goggles (idiot) and something flew in his eye"). A count after a comma starts a new statement
    in chat too ("no gloves, 2 fingers white n hard")."""
    breaks = set()
    for token in doc[:-1]:
        after = doc[token.i + 1]
        if ((token.text in {",", "-", ";", ":"} and (after.lower_ in EN_CLAUSE_OPENERS or after.text[:1].isdigit()))
                or _EMOJI.search(token.text) or token.text in {"(", ")"}):
            breaks.add(doc[token.i + 1].idx)
    return breaks


_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")


# -- Chinese: the same algorithm over jieba tokens ----------------------------------------------------------------
# "没有呼吸" (not breathing) is a finding, "没有呼吸困难" a negated one
# "没带" is "did not bring" (没带药), but "痰里没带血" says there was no blood: a negation before 血
# "不像平时" (unlike himself) finds something wrong, but "不像发炎" (does not look infected) or "不像皮革那样发硬"
# (not leathery) denies it
# "不会走路" (cannot walk yet) is a finding, but "绝对不会伤害孩子" (would never hurt the baby) denies a risk and
# "干活也不会胸闷" (work brings no tight chest) a symptom
_ZH_PSEUDO_UNLESS = {"没带": "血|点血|着血", "没有带": "血|点血|着血", "不像": "发炎|感染|化脓|长脓|骨折|断了|是|皮革|焦|蜡",
                     "不会": "伤害|去伤|伤人|害|杀|动手|打孩子|打人|胸闷|胸口|胸痛|疼|痛|喘|憋|晕|头晕|肿|痒|咳|发烧|发热|发麻|麻", "说不": "上"}
# "喘不上气" is a finding, but "说不上疼" (hardly a pain), "谈不上", "算不上" deny one; "弄不好" (if it goes badly) is a
# hypothetical cue of its own, not the pseudo-negation "不好"
_ZH_PSEUDO_NOT_AFTER = {"不上": "说谈算", "不好": "弄搞闹"}
_ZH_PSEUDO_PATTERN = re.compile("|".join((f"(?<![{_ZH_PSEUDO_NOT_AFTER[p]}])" if p in _ZH_PSEUDO_NOT_AFTER else "")
                                          + re.escape(p) + "(?![困急短])"
                                          + (f"(?!{_ZH_PSEUDO_UNLESS[p]})" if p in _ZH_PSEUDO_UNLESS else "")
                                          for p in sorted(ZH_PSEUDO, key=len, reverse=True)))
# chat writes a space where a comma would go: "四天没睡觉了 说邻居..." (a space between two Chinese characters)
_ZH_BREAK = re.compile("[，。；！？!?;,.\n\U0001F300-\U0001FAFF\u2600-\u27BF]|(?<=[\u4e00-\u9fff])\\s+(?=[\u4e00-\u9fff])")


def _zh_tokens(text: str) -> list[tuple[str, int, int]]:
    import jieba  # heavy dictionary load on first use  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    jieba.setLogLevel(60)
    return [(word, start, end) for word, start, end in jieba.tokenize(text)]


def _analyse_zh(text: str) -> Analysis:
    masked = _ZH_PSEUDO_PATTERN.sub(lambda m: "\u3000" * len(m.group()), text)  # "不停", "无法": not negations
    cues = []
    tokens = _zh_tokens(masked)
    for (category, direction), words in ZH_MODIFIERS.items():
        for word in words:
            for match in re.finditer(re.escape(word), masked):
                if category == "OTHER" and masked.startswith("的", match.end()):
                    continue  # "他姐姐的花生米": whose the thing is, not who has the complaint
                if category == "OTHER" and word in _ZH_KIN and masked[max(0, match.start() - 1):match.start()] in _ZH_AND:
                    continue  # "儿子和他姐姐坐长途车晕车": a relative joined to the patient shares the complaint
                if word in _ZH_CUE_ONLY_BEFORE and masked[match.end():match.end() + 1] not in _ZH_CUE_ONLY_BEFORE[word]:
                    continue  # "早晚能好" is "sooner or later"; "早晚各吸一次" is "morning and evening"
                if _on_token_start(tokens, match.start()) or len(word) > 1:
                    cues.append(Cue(category, direction, match.start(), match.end(), word))
    # "不是" inside "是不是" / "会不会是" (is it ...?) is part of a question, not a negation
    cues = [cue for cue in cues if not (cue.category == "NEGATED" and any(
        other.category == "POSSIBLE" and other.start <= cue.start and cue.end <= other.end
        and other.end - other.start > cue.end - cue.start for other in cues))]
    breaks = {m.end() for m in _ZH_BREAK.finditer(text)}
    for word in ZH_TERMINATORS:
        breaks |= {m.start() for m in re.finditer(re.escape(word), masked)}
    return Analysis(cues=tuple(cues), boundaries=_spans(sorted(breaks | {0}), len(text)))


_ZH_BODY_CHARS = frozenset("头腰腿脚手胸腹肚背颈脖眼耳嘴唇脸鼻牙舌肩膝胃心肺嗓喉臂")


def _on_token_start(tokens: list[tuple[str, int, int]], offset: int) -> bool:
    """A one-character cue (不, 没, 无) counts only where jieba starts a word with it, or inside a word that jieba
    keeps whole for a body part and its negated state ("腰不疼", "头不晕")."""
    return any(start == offset or (len(word) == 3 and start + 1 == offset and word[0] in _ZH_BODY_CHARS)
               for word, start, _ in tokens)


def _spans(starts: list[int], length: int) -> tuple[tuple[int, int], ...]:
    edges = [s for s in starts if s < length] + [length]
    return tuple((lo, hi) for lo, hi in pairwise(edges) if hi > lo)
