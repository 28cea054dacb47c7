"""De-identification of free text in English and Chinese, applied before anything is stored or logged.

Names without a cue ("Lily fainted", "小丽晕倒了") come from ``deid_names``: US Census name lists (the ``names``
package) with capitalisation in English, jieba's person-name tag in Chinese.

We checked the maintained PII libraries: Microsoft Presidio needs a spaCy language model that is only distributed
through a model hub (unavailable offline here) and has no Chinese name recogniser; scrubadub likewise needs hub
models for names. So names, addresses, ID numbers and dates use the tested patterns below, and phone numbers use
Google's ``phonenumbers`` library (maintained, offline) plus a pattern fallback.

Each identifier is replaced by a tag: ``[NAME]``, ``[PHONE]``, ``[EMAIL]``, ``[ID]``, ``[ADDRESS]``, ``[DATE]``,
``[URL]``. Symptoms, ages and vital signs are kept.

Example::

    >>> from agents.medical_triage.deid import deidentify
    >>> deidentify("My name is John Smith, call 415-555-0132. Fever 39.5 since Monday.").text
    'My name is [NAME], call [PHONE]. Fever 39.5 since Monday.'
    >>> deidentify("我叫张伟，身份证110101199003074514，住在北京市朝阳区建国路88号，头疼").text
    '我叫[NAME]，身份证[ID]，住在[ADDRESS]，头疼'
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter

from pydantic import BaseModel, ConfigDict, Field

from agents.medical_triage.deid_names import DOUBLED_WORDS as _ZH_DOUBLED_WORDS
from agents.medical_triage.deid_names import (
    EVERYDAY_CAPITALISED,
    _not_health,
    bare_name_spans,
    is_lower_case_first_name,
    is_romanised_chinese_name,
    is_unknown_word,
    world_first_names,
)
from agents.medical_triage.deid_names import SURNAMES_1 as _SURNAMES_1
from agents.medical_triage.deid_names import SURNAMES_2 as _SURNAMES_2
from agents.medical_triage.text import looks_medical as _looks_medical

TAGS = ("[NAME]", "[PHONE]", "[EMAIL]", "[ID]", "[ADDRESS]", "[DATE]", "[URL]")


class Deidentified(BaseModel):
    """De-identified text and how many identifiers of each kind were removed."""

    model_config = ConfigDict(extra="forbid")
    text: str
    removed: dict[str, int] = Field(default_factory=dict)


# -- identifiers with structure ------------------------------------------------------------------------------------
_NAMES_THAT_ARE_WORDS = frozenset({"son", "sons", "numbers"})  # census first names, far more often the word


def looks_medical(text: str) -> bool:
    """A health word, unless it is a first name of the world list ("rashid", "pooja" begin like "rash" and "poo")."""
    word = text.strip().lower()
    return _looks_medical(text) and not (text.isascii() and word in world_first_names() and word not in _NAMES_THAT_ARE_WORDS)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.I)
_CN_ID = re.compile(r"(?<![\dA-Za-z])([1-9]\d{5})\s?((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))\s?(\d{3}[\dXx])(?![\dA-Za-z])")
_CN_ID_15 = re.compile(r"(?<!\d)[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?!\d)")
_SSN = re.compile(r"(?<![\d-])\d{3}[- ]\d{2}[- ]\d{4}(?![\d-])")
_KEYED_ID = re.compile(
    r"(?i)((?:passport|ssn|social security|nhs|medical record|mrn|insurance|member|patient|policy|license|licence|"
    r"driver'?s? licen[cs]e|health card|account|身份证|护照|医保卡?|社保卡?|病历|住院|就诊卡|证件|卡号|工号|学号|\bid\b)"
    r"(?:\s*(?:number|no\.?|num|#|id|号码|号|卡号))?\s*(?:is|was|是|为|:|：|-)?\s*)([A-Z0-9][A-Z0-9 -]{4,20}[A-Z0-9])")
_PASSPORT = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d{6,9}(?![A-Za-z0-9])")
_LONG_DIGITS = re.compile(r"(?<![\d.])\d(?:[ -]?\d){8,}(?![\d.])")
_PHONE_FALLBACK = re.compile(r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.-]\d{3,4}[\s.-]\d{3,4}(?![\w.])")

# -- dates ---------------------------------------------------------------------------------------------------------
_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATES = [
    re.compile(r"(?<!\d)(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"(?<![\d/])\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}(?![\d/])"),
    re.compile(rf"(?i)\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d{{2}})?\b"),
    re.compile(rf"(?i)\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b(?:,?\s+(?:19|20)\d{{2}})?"),
    re.compile(rf"(?i)\b{_MONTHS}\s+(?:19|20)\d{{2}}\b"),
    re.compile(r"(?:(?:19|20)?\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]"),
    re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:份)?"),
    re.compile(r"(?:19|20)\d{2}\s*年(?=\s*(?:出生|生的|生人))"),
    re.compile(r"[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}[日号])?"),
]
_DOB = re.compile(r"(?i)(?:\b(?:born(?: on| in)?|date of birth|d\.?o\.?b\.?|birthday(?: is)?)\s*:?\s*|(?:出生日期|生日|出生于|生于)\s*[:：是为]?\s*)"
                  r"((?:19|20)\d{2}(?![\d年])|[\d〇零一二三四五六七八九十年月日号/.-]*[\d〇零一二三四五六七八九十日号])")

# -- addresses -----------------------------------------------------------------------------------------------------
_STREET_TYPES = (r"(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|"
                 r"close|crescent|square|sq|parkway|pkwy|highway|hwy|row|gardens|grove|hill)")
_EN_STREET = re.compile(rf"(?i)\b\d{{1,6}}[a-z]?\s+(?:[a-z][a-z'.-]*\s+){{1,3}}{_STREET_TYPES}\b\.?"
                        r"(?:,?\s*(?:apt|apartment|unit|suite|flat|#)\.?\s*[\w-]+)?"
                        r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?(?:,?\s*[A-Z]{2}\s*\d{5}(?:-\d{4})?)?")
_EN_ADDRESS_TRIGGER = re.compile(r"(?i)\b(?:i live at|i live on|my address is|address:|lives at|living at|we live at|"
                                 r"home address is)\s+((?:(?!\s(?:and|but|with|where|since|because|for|i|my)\b)[^.;\n]){3,80})")
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_US_ZIP = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")
_ZH_ADDRESS_TRIGGER = re.compile(r"(住在|住址(?:是|为)?[:：]?|地址(?:是|为)?[:：]?|家住|家在|居住在|现住|住于)"
                                 r"([\u4e00-\u9fff\dA-Za-z#\-－]{2,40})")
_ZH_ADDRESS = re.compile(r"(?:[\u4e00-\u9fff]{2,4}(?:省|自治区))?(?:[\u4e00-\u9fff]{2,4}(?:市|州|盟))?"
                         r"(?:[\u4e00-\u9fff]{1,4}(?:区|县|旗|镇|乡))?[\u4e00-\u9fff]{1,8}(?:路|街|大道|大街|巷|弄|胡同)"
                         r"\s*[\d一二三四五六七八九十]+\s*号(?:\s*[\dA-Za-z一二三四五六七八九十-]+\s*(?:号楼|栋|幢|楼|单元|室|层|号))*")
_ZH_ADMIN = re.compile(r"[\u4e00-\u9fff]{2,4}(?:省|自治区)?[\u4e00-\u9fff]{2,4}市[\u4e00-\u9fff]{1,4}(?:区|县)"
                       r"(?:[\u4e00-\u9fff\d]{1,12}(?:小区|花园|公寓|大厦|村|苑|家园))?")

# -- names ---------------------------------------------------------------------------------------------------------
_NAME_STOP = {"a", "an", "the", "and", "i", "im", "am", "is", "was", "have", "has", "had", "with", "my", "from", "of",
              "in", "at", "to", "for", "but", "so", "not", "very", "really", "feeling", "having", "here", "just",
              "also", "currently", "years", "year", "old", "aged", "age", "sick", "ill", "worried", "pregnant",
              "calling", "writing", "asking", "suffering", "experiencing", "getting", "going", "sorry", "fine", "ok",
              "okay", "tired", "dizzy", "scared", "afraid", "no", "yes", "male", "female", "he", "she", "it",
              "they", "we", "you", "this", "that", "who", "about", "been", "being", "over", "under", "on", "it's"}
_NAME_WORD = r"[A-Za-z][a-z'’-]+"
_EN_NAME_STRONG = re.compile(rf"(?i)\b(?:my name is|my name's|(?:his|her|their|baby's|the baby's) name(?: is|'s|’s)|name\s*:|i am called|i'm called|call me|patient name\s*:?|"
                             rf"full name\s*:?|signed,?|regards,|thanks,|thank you,|cheers,)\s*"
                             rf"((?:{_NAME_WORD})(?:\s+{_NAME_WORD}){{0,2}})")
_EN_NAME_WEAK = re.compile(r"\b(?:[Ii]'m|[Ii] am|[Tt]his is|[Ii]t's|[Ii]ts|[Ii]t is|[Hh]ello,? [Ii]'m|[Hh]i,? [Ii]'m)\s+"
                           r"([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})")
_EN_TITLE_LOWER = re.compile(r"\b(?:mr|mrs|ms|miss|dr)\.?\s+([a-z][a-z'’-]+)")
_EN_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Prof|Nurse|Madame|Mme|Monsieur|Mademoiselle|Herr|Frau|Señora?|Signora?)\.?\s+"
                       r"([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)")
_EN_RELATIONS = (r"(?:son|daughter|wife|husband|mom|mum|mother|dad|father|brother|sister|friend|partner|grandma|grandpa|"
                 r"grandmother|grandfather|baby|boy|girl|kid|child|uncle|aunt|auntie|cousin|neighbou?r|boss|colleague|"
                 r"roommate|flatmate|fiancée?|boyfriend|girlfriend|nephew|niece|toddler|patient|housemate|classmate|"
                 r"co-?worker|workmate|teammate|landlord|landlady|lodger|tenant|carer|pupil|client|resident|godson|goddaughter|stepdad|stepmum|"
                 # who someone is at work: "our kp marek", "our chef dan", "my supervisor lee"
                 r"kp|chef|sous chef|cook|waiter|waitress|porter|kitchen porter|dishwasher|driver|rider|supervisor|manager|"
                 # a company or a band on tour: "our fiddler shona", "crew boss mick", "our trumpet player dev"
                 r"[a-z]+ player|player|drummer|guitarist|bassist|singer|fiddler|violinist|cellist|pianist|trumpeter|"
                 r"saxophonist|dancer|actor|actress|director|stage manager|techie|roadie|rigger|crew boss|crew chief|"
                 r"foreman|bandmate|castmate|understudy|dresser|teacher|coach|trainer|instructor|"
                 # a crew on the water: "my cox amy", "skipper rob 60"
                 r"cox|skipper|crewmate|rower|sailor|"
                 # a climbing wall's staff and regulars: "route setter dev", "my belayer jonno"
                 r"route setter|setter|belayer|climbing partner|"
                 # a balloon or an aircraft's crew: "our pilot gaz 45", "crew chief sam"
                 r"pilot|co-pilot|navigator|"
                 # who someone is on an estate, a park or a club: "groundsman pat 60", "volunteer reg 71"
                 r"groundsman|groundskeeper|gardener|caretaker|janitor|cleaner|volunteer|leader|scout leader|receptionist|"
                 r"postman|postie|warden|steward|marshal|marshall|referee|ref|umpire|site manager|lady|fella|feller|"
                 # a rugby position before a lower-case name: "our prop gaz m 30"
                 r"prop|hooker|flanker|winger|fly-half|scrum-half|"
                 r"mate|buddy|pal|best friend|grandson|granddaughter|gdaughter|gson|grandaughter|stepson|stepdaughter|stepmother|stepfather|nan|nana|"
                 r"nanna|gran|granny|grandad|granddad|grampa|gramps|hubby|missus|gf|bf|bff|bro|sis|bruv|"
                 r"(?:brother|sister|son|daughter|mother|father)-in-law|little one|lil one|lil un|little un|wee one|lad|lass|teen|teenager|eldest|"
                 r"youngest|oldest|newborn|infant|twin|(?:\d+|[a-z]+)[\s-]?(?:year|yr|month|week)s?[\s-]old|"
                 r"\d+\s?(?:yo|y/o|yrs?|mos?))"
                 r"(?:[\s-]in[\s-]law)?")
_EN_RELATION = re.compile(rf"(?i:\b(?:my|our|his|her)\s+(?:(?:little|big|baby|older|younger|twin|kid|step|half|teenage|elderly|other|new|old|eldest|youngest|oldest|middle|"
                          # what two people do or share: "my climbing partner Tamsin", "my stall neighbour Geraint"
                          rf"[a-z]+ing|stall|desk|shift|team|work|school|class|fellow)\s+)?"
                          rf"{_EN_RELATIONS},?)\s+(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr|Madame|Mme|Monsieur|Herr|Frau)\b)([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)")
# "The site manager Trev says…": who someone is at the place, after "the", then a capitalised name
_EN_THE_ROLE = re.compile(r"\b[Tt]he\s+(?:[a-z]+\s+)?(?:manager|marshal|marshall|steward|supervisor|foreman|coach|instructor|"
                          r"referee|umpire|warden|caretaker|groundsman|receptionist|organiser|organizer|owner|landlord|landlady|"
                          r"lifeguard)\s+([A-Z][a-z'’-]+)")
# chat is often typed in lower case: "my flatmate chloe", "my 2yo leo", "grandad arthur 81", "my dad zhang wei"
_EN_AGE_WORD = r"\d+\s*(?:yo|y/o|yr old|year old|month old|mo|m)"
_EN_LOWER_NAME = r"([a-z][a-z'’-]+)(?:\s+([a-z][a-z'’-]+))?"
_EN_RELATION_LOWER = (
    # ("3 wk old baby ava gone yellow": who the person is after an age, without "my")
    re.compile(rf"(?:\b(?:my|our|his|her)\s+(?:{_EN_AGE_WORD}\s+)?|\bold\s+|(?:^|(?<=[.!?\n,]))\s*){_EN_RELATIONS},?\s+{_EN_LOWER_NAME}"),
    re.compile(rf"\b(?:my|our|his|her)\s+{_EN_AGE_WORD}\s+{_EN_LOWER_NAME}"),
)
# "found nephew max 3 with ...": who the person is without "my", a lower-case first name, then a bare age
# (a sex letter may come before the age: "club chef dave m 49")
_EN_RELATION_LOWER_NAME_AGE = re.compile(rf"\b{_EN_RELATIONS}\s+([a-z][a-z'’-]+)\s+(?:[mf]\s?)?\(?\d{{1,2}}\b(?![.,]\d)"
                                         r"(?!\s*(?:mg|ml|%|kg|g\b|tablets?|pills?|times|x\b|hours?|hrs?|mins?|minutes?|days?|"
                                         r"weeks?|wks?|months?|mos?|years?|yrs?|am\b|pm\b|o'?clock))")
# "our coach dave 52 face drooping", "keeper mia 10yo fever": any lower-case word of the census first names that is no
# everyday word, straight before a bare age (not a dose, a count or a time)
_EN_LOWER_NAME_BARE_AGE = re.compile(r"\b([a-z][a-z'’-]+)\s+\(?\d{1,2}(?:\s*(?:yo|y/o|yrs? old|years? old))?\b(?![.,:/]\d)"
                                     r"(?!\s*(?:mg|ml|%|kg|g\b|tablets?|pills?|times|x\b|hours?|hrs?|mins?|minutes?|days?|"
                                     r"weeks?|wks?|months?|mos?|years?|yrs?|am\b|pm\b|o'?clock|th\b|st\b|nd\b|rd\b))")
# "checked on edna next door", "popped round to stan upstairs": a lower-case first name, then where they live
_EN_LOWER_NAME_NEIGHBOUR = re.compile(r"\b(?:on|to|round|with|at|for|like)\s+([a-z][a-z'’-]+)\s+(?=next door|upstairs|downstairs|"
                                      r"across the (?:road|landing|hall|street)|over the road|two doors|three doors|opposite\b)")
# a sign-off at the start of a message or sentence: "Priya here, ...", "Liu Yang here", "Kofi speaking —"; one or two
# capitalised words, known to the name lists or not
_EN_SELF_INTRO = re.compile(r"(?:^|(?<=[.!?\n])\s*|(?<=\b[Hh]i)[,!]?\s+|(?<=\b[Hh]ello)[,!]?\s+|(?<=\b[Hh]ey)[,!]?\s+)"
                            r"([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)(?=\s+(?:here|speaking|writing)(?:\s*[,;:!.—–-]|\s+(?:asking|writing|"
                            r"for|on behalf|again|about)\b)|\s+asking\b)")
# the same sign-off typed in lower case ("kwame here, ...", "zhang wei here."): "here" then a pause
_EN_SELF_INTRO_LOWER = re.compile(r"(?:^|(?<=[.!?\n])\s*|(?<=\bhi)[,!]?\s+|(?<=\bhello)[,!]?\s+|(?<=\bhey)[,!]?\s+)"
                                  r"(?!(?:hi|hello|hey)\b)([a-z][a-z'’-]+(?:\s+[a-z][a-z'’-]+)?)"
                                  r"(?=\s+here(?:\s+(?:lol|lmao|haha+|again|x+))?\s*[,;:!.—–-])")
# a lower-case first name as the subject of what happened ("think charlie swallowed a battery")
_EN_LOWER_SUBJECT = re.compile(r"\b([a-z][a-z'’-]+)\s+(?:(?:just|still|also|suddenly|finally|now)\s+)?(?:swallowed|took|fell|has|had|is|was|got|cut|ate|drank|hit|banged|"
                               r"snores|sleeps|coughs|cries|cried|vomited|stopped|went|came|twisted|sprained|broke|slipped|"
                               r"tripped|pulled|rolled|landed|choked|sliced|scratched|"
                               r"fainted|collapsed|keeps|says|said|seems|looks|feels|woke|started|can't|cant|won't|wont|"
                               r"isn't|isnt|hasn't|hasnt|doesn't|doesnt|threw|passed|bumped|burned|burnt|scalded|flew|"
                               r"stepped|splashed|spilled|spilt|touched|stung|bitten|hurt|crashed|stubbed|caught)\b")
_EN_VERB_AFTER_NAME = re.compile(r"swallowed|took|fell|has|had|is|was|got|cut|ate|drank|hit|banged|fainted|collapsed|"
                                 r"twisted|sprained|broke|hurt|slipped|tripped|crashed|stubbed|pulled|rolled|landed|"
                                 r"choked|burnt|burned|sliced|scratched|sneezed|coughed|caught|picked|reckons|thinks|"
                                 r"keeps|says|said|seems|looks|feels|woke|started|threw|passed|bumped|burned|burnt|"
                                 r"scalded|snores|stops|stopped|sleeps|gets|went|came|coughs|vomited|cries|cried|dived|dove|"
                                 r"jumped|swam|choked|ran|crashed|walked|did|does|can't|cant|won't|wont|didn't|didnt|"
                                 r"doesn't|doesnt|tried|wants|needs|ended|drove|played")
# a kinship title before a lower-case first name, without "my": "nanna joan's tablets", "auntie sue", "uncle dev"
_EN_KIN_TITLES = (r"(?:nanna|nana|nan|nanny|granny|grandma|grandpa|grandad|granddad|gran|gramps|auntie|aunty|aunt|uncle|"
                  r"cousin)")
_EN_KIN_TITLE_LOWER = re.compile(rf"\b{_EN_KIN_TITLES}\s+([a-z][a-z'’-]+?)(?:'s|’s)?\b")
# "grandad Torquil's ring finger": a kinship title, typed in any case, then a capitalised word
_EN_KIN_TITLE_CAPITALISED = re.compile(rf"(?i:\b{_EN_KIN_TITLES})\s+([A-Z][a-z'’-]+?)(?=(?:'s|’s)?\b)")
# "Achieng has a soft lump": a capitalised word opening the message before what happened, that no English word is
_EN_CAPITALISED_OPENING_SUBJECT = re.compile(r"^\s*([A-Z][a-z'’-]+)\s+(?:has|had|is|was|got|keeps|fell|just|cut|hit|took|"
                                             r"swallowed|woke|says|said|cannot|can't|cant|won't|wont|started)\b")
# "hi its marcus.": a lower-case word after a greeting and "it's" / "I'm", then a pause
_EN_GREETING_NAME = re.compile(r"^\s*(?:hi|hello|hey)[,!]?\s+(?:its|it's|it’s|this is|im|i'm|i’m)\s+([a-z][a-z'’-]+)(?=\s*[.,!;:—–-])")
# "olly 8 months teething", "zara, 4yo, ...": a lower-case first name opening the message, then an age
_EN_LOWER_NAME_AGE_OPENING = re.compile(r"^\s*([a-z][a-z'’-]+),?\s+\d{1,2}\s*(?:months?|mos?|mths?|yo\b|y/o|years?|yrs?|weeks?|wks?|"
                                        # "mateus 21 tall skinny guy": a bare age, then a word that is not a unit
                                        r"(?=[,\s]+(?:[-–—:]\s*)?(?!(?:mins?|minutes?|hours?|hrs?|days?|weeks?|times?|mg|ml|kg|lbs?|st|"
                                        r"stone|degrees?|percent|am|pm|bpm|x)\b)[a-z]))")
# "..., zara 2 has spots on her hands", "think freddie 2 swallowed ...": a lower-case first name opening a later clause
# (or after a word that opens the message, or after "n"/"and" in a list of children: ", eli 8 n mae 5 always get"), a
# bare age, then a verb or the next child
_EN_LOWER_NAME_AGE_CLAUSE = re.compile(r"(?:(?<=[,;.!?])|(?<=\bn)|(?<=\band)|(?<=&)|"
                                       r"^\s*(?:i\s+)?(?:think|pretty sure|so|hi|hey|help|omg|um|pls|please)\b)\s+"
                                       r"([a-z][a-z'’-]+),?\s+\d{1,2}\s+(?=(?:has|had|is|was|got|keeps|just|fell|hit|cut|"
                                       r"swallowed|ate|woke|threw|been|now|still|also|always|both|n|and|&)\b)")
# "partner jamal at work", "hubby dave says": a lower-case first name straight after a partner word, without "my"
_EN_PARTNER_LOWER_NAME = re.compile(r"\b(?:partner|husband|hubby|wife|bf|gf|boyfriend|girlfriend|fiance|fiancee)\s+([a-z][a-z'’-]+?)"
                                    r"(?:'s|’s)?\b")
# "its ron, 61, heartburn ...": the same without a greeting, for a first name of the name lists
_EN_OPENING_NAME = re.compile(r"^\s*(?:its|it's|it’s|this is|im|i'm|i’m)\s+([a-z][a-z'’-]+)(?=\s*[,.;:—–-])")
# "my lil one mo (3)", "grandad ray (84)": a word between who the person is and their age in brackets
_EN_NAME_BRACKET_AGE = re.compile(rf"(?i:\b(?:my|our|his|her)\s+{_EN_RELATIONS},?)\s+([A-Za-z][a-z'’-]+)(?=\s*\(\s*\d{{1,3}}\s*\))")
# "是我闺女的事，叫米粒，九个月": 叫 and a name set off by commas before an age (米粒 is also an everyday word)
# "我女儿十一岁，叫可欣。": the name said after the age
_ZH_CALLED_AFTER_AGE = re.compile(r"(?:岁|个月|周|月大|天大)了?[，,]\s*(?:名字|小名|大名)?叫([\u4e00-\u9fff]{2,3})(?=[，。,.;；！!？?、\s]|$)")
# (an age told roughly, "叫秀兰，四十来岁", "叫建军，五十多岁", counts too)
_ZH_CALLED_BEFORE_AGE = re.compile(r"叫([\u4e00-\u9fff]{1,3})[，,]\s*(?=(?:今年|才|刚)?[\d一二三四五六七八九十两]+(?:来|多)?(?:岁|个月|周|个礼拜))")
_EN_NOT_A_SIGN_OFF = {"urgent", "me", "sorry", "late", "early", "quick", "serious", "bad", "worse", "better", "him", "her",
                      "them", "awful", "terrible", "horrible", "important"}
# "lucys eye is pink", "toms knee": a first name with its possessive 's (apostrophe or not) before a body word
# the body parts a first name's possessive comes before ("toms knee", "this is about Nkemdirim's hands")
_EN_BODY_PARTS = (r"eyes?|ears?|knees?|head|tummy|belly|stomach|arms?|legs?|foot|feet|hands?|nose|throat|chest|back|skin|face|"
                  r"neck|mouth|teeth|tooth|fingers?|toes?|wrist|ankle|lips?|hips?|shoulders?|elbows?|jaw|gums?|tongue|"
                  r"bum|groin|heels?|thumbs?|nappy|ribs|eyelids?|cheeks?|chin|forehead|nails?|knuckles?")
_EN_POSSESSIVE_NAME = re.compile(r"\b([a-z][a-z]+?)(?:'s|’s|s)\s+(?:(?:left|right|little|big|top|bottom|lower|upper)\s+)?"
                                 rf"(?:{_EN_BODY_PARTS}|temp|temperature|fever|rash|cough|hair|scalp|breathing|poo|wee|"
                                 r"acne|voice|spots?|periods?|asthma|eczema|sugars?|heart|blood|bum|bottom|"
                                 r"cheek|chin|forehead|nappy|nails?|toenail|ribs?|"
                                 r"groin|thumb|cold|mood|sleep|appetite|meds|tablets|inhaler|wound|cut|burn|bite|"
                                 r"sting|bump|lump|mole|wart|cyst|boil|sinuses|glands?|tonsils|"
                                 # whose pet or home it was: "since cuddling sam's new kitten", "at amy's flat"
                                 r"(?:new\s+)?(?:kitten|puppy|dog|cat|rabbit|hamster|flat|house|place|bungalow|caravan))\b")
_EN_ADVERBS = {"still", "also", "just", "now", "then", "always", "never", "often", "sometimes", "already", "even", "only",
               "too", "again", "suddenly", "today", "tonight", "yesterday", "apparently", "literally", "basically",
               "who", "which", "that", "what", "when", "where", "here", "there", "and", "or", "but", "said", "says"}
_EN_S_WORDS = {"this", "his", "hers", "its", "was", "has", "does", "goes", "yes", "less", "plus", "miss", "kiss", "boss",
               "thus", "bus", "gas", "class", "glass", "grass", "pass", "mass", "loss", "cross", "dress", "press",
               "stress", "mess", "guess", "chess", "moss", "toss", "lens", "gums", "arms", "legs", "ears", "eyes"}
_DETERMINERS = {"my", "your", "his", "her", "our", "their", "the", "a", "an", "this", "that", "these", "those", "some",
                "any", "its", "each", "every", "no", "one", "whose", "which"}
# a name in Latin letters inside Chinese text, after who the person is or 我是/我叫 ("我老公Mark", "我是Priya")
_ZH_LATIN_NAME = re.compile(r"(?:我是|我叫|名叫|叫做|儿子|女儿|孩子|老公|老婆|丈夫|妻子|男朋友|女朋友|朋友|同事|邻居|同学|室友|"
                            r"舍友|妈妈|爸爸|哥哥|姐姐|弟弟|妹妹|闺蜜|宝宝)\s*([A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+)?)")
# "Amira: mole on my back ..." - a name signing the start of a message with a colon
_EN_COLON_SIGN_OFF = re.compile(r"^\s*([A-Z][a-z'’-]+)\s*(?::(?!\d)|\s[-–—]\s)")
_EN_HEADINGS = {"update", "note", "question", "urgent", "help", "edit", "ps", "re", "fyi", "query", "info", "warning",
                "important", "thanks", "context", "background", "history", "details", "summary", "age", "sex", "name",
                "q", "a", "advice", "please", "quick", "morning", "evening", "today", "yesterday", "tonight"}
_EN_NOT_A_NAME = {"mum", "mom", "dad", "mummy", "mommy", "daddy", "mother", "father", "nurse", "doctor", "parent",
                  "grandma", "grandpa", "granny", "nan", "teacher", "carer", "caregiver", "someone", "everyone", "same",
                  "me", "us", "anyone", "anybody", "somebody", "everybody", "all", "new", "first", "hi", "hello", "hey",
                  "again", "still", "back", "wife", "husband", "son", "daughter", "friend", "partner", "patient"}
# a name set off by commas after who the person is, whatever the noun: "our lodger, Tomasz, ...", "my eldest, Jun, ...",
# "the lads, Jonno especially, reckon"
_EN_APPOSITIVE = re.compile(r"\b(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]he)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+,\s+([A-Z][a-z'’-]+?)(?:'s|’s)?"
                            r"(?:\s+(?:especially|in particular|mostly|above all|included|too))?,")
# "the combined pill, Rigevidon, ...": a brand after what kind of medicine it is, no name
_EN_MEDICINE_NOUN = re.compile(r"(?i)\b(?:pills?|tablets?|capsules?|creams?|gels?|ointments?|sprays?|drops|inhalers?|puffers?|"
                               r"patch(?:es)?|coil|implant|injections?|jabs?|vaccines?|medicines?|medication|antibiotics?|"
                               r"painkillers?|syrup|brand|contraceptive|ones?|stuff)$")
# "Lao Zhang next door", "xiao li": a familiar Chinese form in pinyin (老/小 + a common surname)
_PINYIN_FAMILIAR = re.compile(r"\b(?:[Ll]ao|[Xx]iao)\s+([A-Za-z]+)\b")
_EN_NAMED = re.compile(r"(?i:\b(?:named|called|calls?\s+(?:him|her|them))\s+)([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)")

_ZH_NAME_STOPCHARS = set("，。、；：！？,.;:!? \n的是在住今年岁我他她有从因最一昨前这得了头发胸肚腹咳嗽感觉身体孩子宝宝，")
_ZH_NAME_TRIGGER = re.compile(r"(?:我叫|我的名字(?:是|叫)|名字(?:是|叫)|名叫|大名(?:叫|是)?|小名(?:叫|是)?|学名(?:叫|是)?|全名(?:叫|是)?|姓名\s*[:：是为]?\s*|叫做|本人\s*[:：]?\s*|"
                              r"(?:患者|病人)\s*[:：]\s*|(?:他|她|孩子|儿子|女儿|宝宝|老公|老婆|妻子|丈夫|妈妈|爸爸|母亲|父亲|"
                              r"爷爷|奶奶|外婆|外公|朋友|同事)(?:的名字)?(?:叫|名叫|叫做))\s*")
# what "我叫" may be followed by that is no name: "我叫救护车。", "我叫家里人。"
_ZH_CALLED_NOT_A_NAME = frozenset("救护车 急救车 医生 大夫 护士 家里人 家人 邻居 老公 老婆 孩子 他们 她们 别人 同事 朋友 物业".split())
# what follows 叫 when someone is called and does not answer ("孩子叫不醒", "叫了也没反应"), never a name's first character
_ZH_NOT_A_CALLED_NAME = frozenset("不没醒都也")
_ZH_WHOLE_NAME = re.compile(r"([\u4e00-\u9fff]{2,3})(?=[，。,.;；！!？?、\s]|$)")
# titles said after a surname (张大爷, 王总); the two-character ones also after a surname alone when the pair is a word
_ZH_TWO_CHARACTER_TITLES = ("先生", "女士", "小姐", "太太", "老师", "医生", "大夫", "阿姨", "叔叔", "师傅", "同学", "护士", "经理",
                            "奶奶", "爷爷", "大爷", "大妈", "大娘", "婆婆", "伯伯", "大伯", "阿婆", "老太", "老头", "指导", "教练",
                            # "对门的周大姐", "王大哥", "李大叔"
                            "大姐", "大哥", "大叔", "大婶",
                            # who runs a workshop, a department or a factory: "车间郑主任也这么说", "李厂长"
                            "主任", "厂长")
_ZH_SURNAME_TITLE = re.compile(rf"(?:{'|'.join(_SURNAMES_2)}|[{_SURNAMES_1}])[\u4e00-\u9fff]?"
                               rf"(?:{'|'.join(_ZH_TWO_CHARACTER_TITLES)}|总|胖子)")
# 总是, 总会, 总共...: "always", "in all" after 总, not the title
_ZH_ZONG_NOT_A_TITLE = frozenset("是会要算共体归结得觉感")
# a two- or three-character name signing on at the start of a message: "大鹏在此，…", "海涛这边，问一下"
_ZH_SIGN_ON = re.compile(r"^\s*([\u4e00-\u9fff]{2,3}?)(?=在此|这边[，,\s]|来问|来咨询)")
# "my husband Sanjeev, Sanj, ...": a short form set off by commas straight after a name already removed
_EN_NICKNAME_AFTER_NAME = re.compile(r"\[NAME\],\s+([A-Z][a-z'’-]+),")
# "khalid's had the runs", "lucho (4) swallowed", "... any tips? - efua": a lower-case name opening the message before
# "'s had/been", or before an age in brackets, or signing off after a dash at the end
_EN_LOWER_OPENING_POSSESSIVE = re.compile(r"^\s*([a-z][a-z'’-]+?)(?:'s|’s)\s+[a-z]")
# an animal of the household and its name ("our dog Pudding", "my cat, Pickle,", "Juniper, our spaniel"): a pet's
# name identifies a household as well as a person's does
_EN_ANIMALS = (r"(?:dog|cat|puppy|pup|kitten|spaniel|labrador|lab|terrier|retriever|collie|poodle|beagle|dachshund|"
               r"greyhound|whippet|lurcher|pug|husky|rabbit|bunny|hamster|guinea pig|parrot|budgie|pony|horse|tortoise|"
               r"ferret|goldfish)")
_EN_PET_NAME = re.compile(rf"(?i:\b{_EN_ANIMALS}),?\s+([A-Z][a-z'’-]+)\b")
_EN_NAME_THEN_PET = re.compile(rf"\b([A-Z][a-z'’-]+),\s+(?i:(?:that's\s+|that is\s+|who's\s+|who is\s+)?"
                               rf"(?:our|my|his|her|their|the)\s+(?:[a-z]+\s+)?{_EN_ANIMALS})\b")
# "this is about Nkemdirim's hands": a capitalised word inside a sentence, with its possessive, before a body part
_EN_CAPITALISED_POSSESSIVE = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,})(?:'s|’s)\s+(?:(?:left|right)\s+)?"
                                        rf"(?:{_EN_BODY_PARTS}|wrists|ankles)\b")
# diseases and signs named after a person, never a patient's name
_EPONYMS = frozenset("crohn parkinson alzheimer addison cushing graves hashimoto raynaud bell tourette asperger huntington "
                     "hodgkin achilles barrett paget osgood meniere".split())
# "siôn (my dad, 66) fell off ...", "steve (hubby, 61) has ...": a lower-case word opening the message, then who the
# person is in brackets
_EN_LOWER_OPENING_BRACKET_RELATION = re.compile(rf"^\s*([a-z][a-z'’-]+)\s*\(\s*(?:(?:my|our|his|her)\s+)?{_EN_RELATIONS}\b")
# "hye-jin is 10 days old": a lower-case word opening the message, then an age with "old"
_EN_LOWER_OPENING_AGE_OLD = re.compile(r"^\s*([a-z][a-z'’-]+)\s+(?:is|was|'s|’s)\s+(?:only\s+|just\s+|nearly\s+|almost\s+)?"
                                       r"\d{1,2}\s*(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)\s+old\b")
_EN_LOWER_OPENING_BRACKET_AGE = re.compile(r"^\s*([a-z][a-z'’-]+)\s*\(\s*\d{1,2}\s*(?:yo|y|yrs?|m|mo|months?)?\s*[),]")
# "our bodhi is 19 months", "baby zubin 7 months", "after tansy's hen do": a lower-case word where only a name fits
_EN_NUMBER_WORDS = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_EN_AGE_UNITS = r"(?:months?|mos?|mths?|weeks?|wks?|years?|yrs?|yo\b|y/o)"
_EN_OUR_NAME_AGE = re.compile(rf"\b(?:my|our)\s+([a-z][a-z'’-]+)\s+(?:is|'s|’s|was)\s+(?:only\s+|just\s+|nearly\s+|almost\s+)?"
                              rf"{_EN_NUMBER_WORDS}\s*{_EN_AGE_UNITS}")
_EN_BABY_LOWER_NAME_AGE = re.compile(rf"\b(?:baby|little|lil|toddler)\s+([a-z][a-z'’-]+),?\s+(?:is\s+)?\(?\d{{1,2}}\s*"
                                     rf"(?:{_EN_AGE_UNITS}|m\b|w\b)")
_EN_EVENT_POSSESSIVE = re.compile(r"\b(?:after|at|from|before|for|since)\s+([a-z][a-z'’-]{2,})(?:'s|’s)\s+(?:hen|stag|party|"
                                  r"wedding|birthday|bday|b-day|leaving|bbq|barbecue|housewarming|christening|engagement|"
                                  r"funeral|graduation)\b")
# "slept on jamie's sofa", "since i stayed at zoe's in town": a lower-case first name, the home it stands for
_EN_PLACE_POSSESSIVE = re.compile(r"\b(?:at|on|to|from|round|in)\s+([a-z][a-z'’-]{2,})(?:'s|’s)(?=\s+(?:sofa|couch|house|place|"
                                  r"flat|bed|floor|spare room|in|last|over|for)\b|\s*[,.;!?]|\s*$)")
# besides _NAME_STOP, _EN_NOT_A_NAME, _EN_ADVERBS and the relation words, which are checked as well
_EN_NOT_A_LOWER_NAME = {"work", "school", "church", "uni", "college", "office", "last", "nobody", "one", "second", "third",
                        "everything", "nothing", "something", "around", "nearly", "almost"}


# surnames that are also prepositions or adverbs before a person: 连 (even), 向 (to), 于, 和/跟 (with), 把, 给, 对, 从
_ZH_SURNAMES_ALSO_WORDS = frozenset("连向于和跟把给对从")


def _surname_title_not_a_word(match: re.Match) -> bool:
    """"白天总是" is daytime + always, not 白 + a title: the surname and the character after it are no everyday word."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    head, text = match.group(0)[:2], match.group(0)
    if text.endswith("总") and match.string[match.end():match.end() + 1] in _ZH_ZONG_NOT_A_TITLE:
        return False  # "对于总是头疼": 总是 is "always", not a title
    if len(text) == 3 and text[1:] in ("大姐", "大哥", "大叔", "大婶") and any(
            jieba.dt.FREQ.get(match.string[max(0, match.start() - n):match.start()] + text[0], 0) >= 20 for n in (1, 2)):
        return False  # "出租车大哥", "保安大叔", "公交车大叔": the "surname" ends a word for a job or a place, not a name
    if len(text) == 3 and text[1:] in _ZH_TWO_CHARACTER_TITLES:
        # "张大爷": a surname straight before a title ("张大" being a word does not matter), unless the "surname" is a
        # word of the sentence ("连教练都不认识": even the coach; "向医生说": to the doctor)
        # (班主任 is a form teacher, not a director named 班)
        return text[0] not in _ZH_SURNAMES_ALSO_WORDS and text != "班主任"
    return not (len(text) >= 3 and jieba.dt.FREQ.get(head, 0) >= 500)


def _capitalised_sign_off(match: re.Match) -> bool:
    word = match.group(1).lower()
    return (word not in _NAME_STOP and word not in _EN_CLOSING_WORDS | _EN_NOT_A_NAME | _EN_NOT_A_SIGN_OFF | _EN_HEADINGS
            and word not in EVERYDAY_CAPITALISED and word not in _EN_ADVERBS and not looks_medical(word))


def _listed_lower_name(match: re.Match) -> bool:
    """A lower-case word of the first-name lists, in a place where a name fits, that is no health word."""
    return is_lower_case_first_name(match.group(1), after_relation=True) and not looks_medical(match.group(1))


def _lower_word_only_a_name(match: re.Match) -> bool:
    return _not_a_word_for_people(match.group(1).lower())


def _not_a_word_for_people(word: str) -> bool:
    """Not a stop word, adverb, relation, kinship title, animal or health word."""
    return (word not in _NAME_STOP and word not in _EN_NOT_A_NAME | _EN_ADVERBS | _EN_NOT_A_LOWER_NAME
            and not re.fullmatch(_EN_RELATIONS, word) and not re.fullmatch(_EN_KIN_TITLES, word)
            and not re.fullmatch(_EN_ANIMALS + "s?", word) and not looks_medical(word))


def _unlisted_name(word: str, min_length: int = 4) -> bool:
    """A lower-case word in a name's place that no name list holds but that is no English word either (from three
    letters right after a partner: "hubby gaz's bp")."""
    return is_unknown_word(word, min_length) and _not_a_word_for_people(word)


_EN_THANKS_SIGN_OFF = re.compile(r"\b(?i:thanks|thank you|thx|ta|cheers|tia)[,!.]?\s+([A-Za-z][a-z'’-]+)\s*[.!x]*\s*$")
# "..., im 34. bilal": a lower-case first name alone after the last sentence; "…没怀孕 —丹丹": a Chinese one after a dash
_EN_LAST_WORD_NAME = re.compile(r"(?<=[.!?]\s)([a-z][a-z'’-]+)\s*[.!]*\s*$")
# "... no cold before it. 42. Bronwen": a capitalised word alone as the last sentence, a sign-off
_EN_LAST_CAPITALISED_NAME = re.compile(r"(?<=[.!?]\s)([A-Z][a-z'’-]+)\s*[.!]*\s*$")
# closing words besides the stop words, headings and not-a-name lists that are checked as well
_EN_CLOSING_WORDS = {"thank", "cheers", "ideas", "desperate", "regards", "best", "thankyou", "ta", "asap", "pls", "plz",
                     "thx", "x", "xx", "xxx", "love", "ugh", "argh", "bye", "tia"}
# a character and the title someone is called by ("芳姨", "李哥"), not a kin word such as 姐夫 or 哥哥
_ZH_TITLE_NAME = r"[\u4e00-\u9fff](?:姐|哥|叔|姨|婶|嫂)(?![姐哥妹弟夫])"
_ZH_CALL_ME = re.compile(rf"叫我((?:老|小|阿)[\u4e00-\u9fff]|{_ZH_TITLE_NAME})")
# "我们叫她芳姨", "大家都叫他老海": what someone else is called
# (and a nickname with 头 or 子 after it: "我们都叫他老根头，")
_ZH_CALL_THEM = re.compile(rf"(?:叫|喊|管)[她他]({_ZH_TITLE_NAME}|(?:老|小|阿)[\u4e00-\u9fff][头子]?(?=[，。,.！？!?；;、\s]|$))")
_ZH_DASH_SIGN_OFF = re.compile(r"[—–-]+\s*([\u4e00-\u9fff]{2,3})\s*[。！.!]?\s*$")
_EN_END_SIGN_OFF = re.compile(r"(?:^|\s)[-–—~]+\s*([A-Za-z][a-z'’-]+)\s*[.!]?\s*$")
# "阿坤从早上开始拉肚子", "小芸问下": 阿/小 and a character opening a message or clause, when jieba knows no such word
_ZH_A_NAME_OPENING = re.compile(r"(?:^|(?<=[，。！？；\s]))((?:阿|小)[\u4e00-\u9fff])")
# a full name, then the same surname with a title, as people say it of someone older: "张秀英张阿姨", "李国华李师傅"
_ZH_NAME_THEN_TITLE = re.compile(rf"((?:{'|'.join(_SURNAMES_2)}|[{_SURNAMES_1}])[\u4e00-\u9fff]{{1,2}}?)(?=(?:{'|'.join(_SURNAMES_2)}|[{_SURNAMES_1}])"
                                 rf"(?:阿姨|叔叔|叔|姨|师傅|老师|医生|大夫|大爷|大妈|奶奶|爷爷|阿婆|伯伯|大伯|大姐|大哥|姐|哥))")
# after the relation word: a surname, one character, and a third one unless it is a common word start (a verb, a body
# part, a time word) rather than part of the name ("我同事谢春花去年…" -> 谢春花; "我朋友王芳发烧了" -> 王芳)
_ZH_AFTER_NAME = "的是在有今去发咳头肚胸腰腿手脚眼耳嗓喉吐拉疼痛晕烧肿痒出流被把又也还就都才刚说吃喝得了着过没不很太最昨前从和跟给上下这那来要会能想突一两三几好老总每天晚早摔量问"
# who the person is to the writer, before a name
_ZH_KIN = ("儿子|女儿|孩子|老公|老婆|妻子|丈夫|妈妈|爸爸|母亲|父亲|爷爷|奶奶|外婆|外公|朋友|同事|邻居|同学|室友|舍友|领导|老板|外甥女|外甥|"
           "表哥|表姐|表妹|表弟|哥哥|姐姐|弟弟|妹妹|姐夫|妹夫|嫂子|弟媳|岳父|岳母|公公|婆婆|闺蜜|男朋友|女朋友|孙子|孙女|外孙|"
           "侄子|侄女|堂哥|堂姐|堂弟|堂妹|妈|爸|老伴儿|老伴|爱人|对象|未婚夫|未婚妻|同桌|前夫|前妻|干儿子|干女儿|师傅|徒弟|队友|闺女|儿媳妇|媳妇儿|媳妇|老丈人|丈母娘|小姑子|大姑姐|干妈|干爹|"
           "亲家|二舅|大舅|三叔|二叔|二姨|大姨|老姐妹|姐妹|老姐们儿|老姐们|姐们儿|姐们|老同学|老同事|老朋友|好朋友|老乡|姥爷|姥姥|舅舅|舅妈|姑姑|姑父|叔叔|婶婶|姨妈|姨父|我弟(?!弟)|我哥(?!哥)|我姐(?!姐)|我妹(?!妹)|俺弟(?!弟)|俺哥(?!哥)|俺姐(?!姐)|俺妹(?!妹)|哥们儿|哥们|发小|铁哥们|"
           "小姨|小舅|小姑|大姑|姨夫|工友|战友|病友|球友|牌友|网友|骑友|车友|驴友|跑友|钓友|舞友|歌友|小男孩|小女孩|男孩|女孩|小伙子|小姑娘|妯娌|连襟|弟妹|嫂嫂|"
           # and the one who leads the writer's choir, team or class, or an old mate: "团长郑国平说", "老伙计钱志强让我"
           "老伙计|伙计|团长|队长|班长|组长|村长|厂长|老哥们儿|老哥们|老哥|"
           # a coach, a landlord, a senior student: "我们教练芳姐说", "房主东子说"
           "教练|房主|房东|学长|学姐|师兄|师姐|"
           # the one in charge at work: "我们领班婷姐", "店长娟姐说", "院里管事的芳姐说"
           "领班|店长|主管|经理|老板娘|工头|管事的|带班的|"
           # the first-aider or a colleague by the job: "照我们急救员秀兰说的", "收银员小敏"
           "急救员|安全员|保安|收银员|店员|理货员|服务员|保洁员|护工|门卫|"
           # a player by the place on the team: "守门员妮妮10岁", "队里子豪15岁"
           "守门员|门将|前锋|后卫|中场|队员|球员|队里|队上|组里|"
           # a trainee or an assistant at a gym or a school: "学员阿峰15岁", "我的助教小静说"
           "学员(?![们都])|助教(?!老师)|学徒(?![们都])|"
           # an older couple's names for each other: "老头子国平把药倒进了瓶子里"
           "老头子|老头儿|老太婆|老婆子|"
           # a stepchild or a step-parent, and the one who referees: "陪我继子乐乐来", "裁判小马中暑了"
           "继子|继女|继父|继母|裁判|"
           # who runs the camp, a partner in the business, a student or trainee on placement: "营地负责人红姐说",
           # "合伙的美玲姐", "实习的兽医学生小美"
           "负责人|合伙人|合伙的|学生|实习生|"
           # a team's doctor, a climbing wall's route setter and the writer's climbing or gym partner: "队医娜娜说",
           # "定线员小马", "攀岩搭子小白"
           "队医|定线员|定线师|搭子|岩友|"
           # who runs the yard and who works in it: "我们场长芳姐说", "马工小露让他"
           "场长|马工|马夫|饲养员|"
           # a camp's or a tour's leader, a girl or a boy of the troop: "另一个领队小马说", "一个女生雨萱上个月"
           "领队|女生|男生|"
           # a father's elder brothers: "我大伯建平说人老了都这样"
           "大伯|二伯|三伯|伯伯|伯父|伯母|大伯母|"
           # a wedding party: "我伴娘佳佳让我", "新郎阿峰喝多了"
           "伴娘|伴郎|新娘|新郎|司仪|"
           # a company or a band on tour: "剧组演员小娟", "鼓手阿杰"
           "演员|歌手|舞者|乐手|鼓手|吉他手|贝斯手|键盘手|琴师|导演|编导|舞监|场记|灯光师|音响师|化妆师|剧务|团员|搭档|司机|"
           # someone sharing the flat, the shift or the shop, and an eldest sibling: "跟我合租的思琪说", "车队的小马",
           # "前台的小妹小雪", "我大姐秀兰说"
           "合租的|车队的|店里的|前台的|小妹|大姐|二姐|大哥|二哥|大嫂|二嫂|大姐夫|大舅子|小舅子|小姨子|大姨子|小叔子|"
           # a mother's brother or a parent's sister said short: "我舅老海58" (not 我舅舅, 我姨妈, 我姑父)
           "我舅(?![舅妈])|俺舅(?![舅妈])|我姨(?![姨妈夫父])|俺姨(?![姨妈夫父])|我姑(?![姑妈夫父])|俺姑(?![姑妈夫父])|"
           "我叔(?![叔])|俺叔(?![叔])|我婶(?![婶子])|俺婶(?![婶子])|"
           # someone else's brother or sister said short: "她姐秀云在南方上班" (not 他哥们, 她姐夫, 他弟媳, 她妹妹)
           "他哥(?![哥们儿])|她哥(?![哥们儿])|他姐(?![姐夫妹们])|她姐(?![姐夫妹们])|他弟(?![弟媳妹])|她弟(?![弟媳妹])|"
           "他妹(?![妹夫])|她妹(?![妹夫])")
# longest first: "我哥们儿大鹏" is a mate and his name, not 我哥 and "们儿"
_ZH_KIN = "|".join(sorted(dict.fromkeys(_ZH_KIN.split("|")), key=len, reverse=True))
# "带闺女小月坐船", "我儿子阿宝": 小/阿 and any character after who the person is
# ...or after whoever works or sits next door: "隔壁摊的小娟", "对面铺子的阿芬", "邻床的小梅"
_ZH_FAMILIAR_ANY_AFTER_RELATION = re.compile(rf"(?:{_ZH_KIN}|(?:隔壁|对面|旁边|邻)(?:摊位?|摊儿|铺子|店|床|桌|座|工位)的)"
                                             r"((?:小|阿)[\u4e00-\u9fff])")
# "我们拉二胡的小芸", "管灯光的阿强": 小/阿 and a character after what the person does
# (only after the group: "送外卖的小哥" is a delivery man, "灰白的小水泡" a blister)
_ZH_FAMILIAR_AFTER_ROLE = re.compile(r"(?:我们|咱们|俺们|团里|队里|组里|剧组|乐队|乐团|店里|厂里)[\u4e00-\u9fff]?"
                                     r"(?:拉|弹|吹|敲|唱|跳|演|管|开|送|修|搬|教|带)[\u4e00-\u9fff]{1,4}的((?:小|阿)[\u4e00-\u9fff])")
# a roommate, a brother-in-law, a cousin or a close mate: after them even a common word starting with 大 is a nickname
# ("我姐夫大军", "哥们儿大军")
_ZH_CLOSE_MATES = "同屋的|同屋|姐夫|妹夫|表哥|表弟|堂哥|堂弟|铁哥们儿|铁哥们|哥们儿|哥们|发小"
# "跟哥们儿大刚踢野球", "他同屋大鹏说", "我姐夫大军": 大 and a character after a mate or a brother-in-law, a nickname (not
# after a child: "儿子大了")
# someone worked, trained or roomed beside
_ZH_WORKMATES = "同事|工友|战友|队友|球友|室友|舍友"
_ZH_DA_AFTER_MATE = re.compile(rf"(?:老伙计|伙计|牌友|同学|朋友|老乡|老哥|{_ZH_WORKMATES}|"
                               rf"{_ZH_CLOSE_MATES})"
                               r"(大[\u4e00-\u9fff])")
_ZH_RELATION_NAME = re.compile(rf"(?:我|我的|我们|^|(?<=[，。！？；\s]))(?:{_ZH_KIN})"
                               rf"((?:{'|'.join(_SURNAMES_2)}|[{_SURNAMES_1}])[\u4e00-\u9fff]"
                               # no digit, and no numeral of an age ("闺女安安九个月"), ends a name
                               rf"(?:(?![零一二两三四五六七八九十百]\s*(?:个|岁|周|天|星期|礼拜|月))[^\W\d{_ZH_AFTER_NAME}])?)")
_ZH_SPOUSE = r"(?:老公|老婆|爱人|媳妇儿?|丈夫|妻子|老伴儿?)"
# "跟我合租的小蓓一口咬定": a familiar 小/阿 name after whom the writer lives with (…的)
_ZH_FAMILIAR_AFTER_HOUSEMATE = re.compile(r"(?:合租的|同住的|一起住的|住一起的|住一块儿的|同屋的|同宿舍的|一个宿舍的)((?:小|阿)[\u4e00-\u9fff])")
# "我们领班婷姐看出来了": a character and 姐 or 哥 after who the person is (not 大姐, 表哥, 师姐 or 二哥)
_ZH_TITLE_NAME_AFTER_KIN = re.compile(rf"(?:{_ZH_KIN})((?![大老小二三四五六七八九表堂亲师学空干俺我你他她的])[\u4e00-\u9fff](?:姐|哥))"
                                      r"(?![姐哥妹弟夫们])")
# "我老公海生刚吃了…", "我爸建国昨天…", "老公志刚给我买了药": a two-character given name after who the person is, then
# a time word, a verb or a preposition (not "跟同学踢球把脚崴了": with whom, then what they did; but a spouse's name
# also after 跟, and one's own brother or sister: "我跟我老公建军都头疼", "跟我哥大强一块儿搬柜子")
_ZH_KIN_GIVEN_BEFORE_TIME = re.compile(rf"(?:(?<![跟和与同])(?:{_ZH_KIN})|(?:我|我的|俺)(?:{_ZH_SPOUSE}|哥(?!哥)|姐(?!姐)|弟(?!弟)|妹(?!妹))|"
                                       # "跟老伴儿淑芬搬进了新房子": moving in with one's spouse
                                       rf"(?<=[跟和与同])(?:{_ZH_SPOUSE}))([\u4e00-\u9fff]{{2}})"
                                       rf"(?=刚|今天|昨天|前天|早上|晚上|中午|下午|突然|明天|后天|都|出差了|问的|问一下|不在家|在外地|要考|考试|"
                                       rf"这两天|这几天|最近|一直|今早|昨晚|半夜|又|也|有|从|在|说|问|吃了|喝了|被|正|已经|马上|还|逼|劝|催|非|硬|老说|总说|"
                                       rf"给|帮|替|陪|让|把|那儿|那里|那边|家里|觉得|认为|以为|传|"
                                       # "我姐们儿淑芬家有血糖仪": the name, then that person's home
                                       rf"家有|家在|家住|家离|"
                                       # "我儿媳妇丽丽为这事着急": the name, then what about
                                       rf"为(?:这|那|了|此)|"
                                       # "我老公建国发现我后背有颗痣": the name, then what they noticed
                                       rf"发现|看见|看到|注意到|摸到|听见|"
                                       # "我老公建国嫌他岁数大": the name, then what they object to
                                       rf"嫌|"
                                       # "重活基本都是儿子大军干。": the name, then the work they do
                                       rf"干(?=[。，,.！!？?；;]|$)|干活|"
                                       # "她儿子国庆回电话说": the name, then a call or a message back
                                       rf"回电话|回了电话|来电话|打来电话|回消息|回微信|发消息|发来|上个月|上月|去年|前年|"
                                       # "我老公建军和旁边一个打鱼的想把她抬上车": the name, then with whom
                                       rf"和(?:旁边|邻居|我|他|她|几个|一个)|跟(?:我|他|她|几个|一个)|"
                                       # "室友佳琪和阿杰这礼拜也是": the name, then another familiar one
                                       rf"和(?:阿|小|老)[\u4e00-\u9fff]|"
                                       rf"下班|上班|放学|回来|过来|来了|赶来|赶过来|到了|手里|手上|提了|提过|提起|打电话|发微信|前几天|前两天|上周|上礼拜|上星期|[0-9]|[，,]\s*(?:今年)?[0-9一二两三四五六七八九十]{{1,4}}(?:岁|了|[，,。]|$)|"
                                       rf"过生日|结婚|请客|来看|一口咬定|一块儿|一块|一起|今年|去年|"
                                       # "我老公建军是干防水的", "我老公国强开车出去", "我哥老四前几年也这样"
                                       rf"(?<![也都就还又很太不没在是有老总倒却才竟正再先已曾])是|开车|骑车|骑(?=电动车|摩托|自行车|单车)|开着|出去|出门|回家|赶紧|前几年|前些年|前两年|那年|年轻时|以前|小时候|"
                                       # "他弟弟建国几年前得过前列腺癌"
                                       rf"几年前|好几年前|多年前|"
                                       # "老公国强二型糖尿病": the name, then the type of his diabetes
                                       rf"[一二12]型|"
                                       # "我老公大海打呼噜跟拖拉机似的": the name, then his snoring
                                       rf"打呼噜|打呼|打鼾|搬进|搬到|搬来|搬家|"
                                       # "他同学浩轩的妈妈说": the name, then the person's mother or father
                                       rf"的(?:妈妈|爸爸|奶奶|爷爷|姥姥|姥爷|外婆|外公|妈|爸)|"
                                       # "我老伴儿国庆，他六十三了", "房主东子，说…": the name, then a pause and he or she, or said
                                       rf"[，,]\s*(?:(?:他|她)(?!们)|说))")
# "就怕跟我姐桂兰似的": a name after who the person is, in a comparison (跟…似的 / 一样)
_ZH_KIN_GIVEN_IN_COMPARISON = re.compile(rf"跟(?:我|我的|俺)?(?:{_ZH_KIN})([\u4e00-\u9fff]{{2}})(?=似的|一样|那样)")
# "她们班一个女生叫思雨，": a given name after someone and 叫, then a pause
# (or set off by a comma: "一位顾客，一个大姐，叫秀兰，")
_ZH_SOMEONE_CALLED = re.compile(r"(?:女生|男生|女孩|男孩|女孩子|男孩子|小姑娘|小伙子|姑娘|同学|朋友|同事|邻居|孩子|人|顾客|客人|"
                                r"大姐|大哥|大妈|大爷|大娘|大叔|阿姨|叔叔|老太太|老爷子|老大爷|老大娘|小伙|女士|先生)[，,]?\s*"
                                r"叫([\u4e00-\u9fff]{2})(?=[，,。！？!?；;\s]|$)")


# "狗把小美脸咬了", "带阿杰去打针": 小/阿 and a character after a verb of doing something to someone, before a body part,
# 的 or a pause
_ZH_FAMILIAR_AFTER_VERB = re.compile(r"(?<=[把被给带让叫陪抱喂替帮跟和])((?:小|阿)[\u4e00-\u9fff])(?=脸|头|手|脚|腿|胳膊|眼|耳|鼻|嘴|"
                                     r"肚子|屁股|后背|背上|脖子|额头|膝盖|身上|的|去|[，。！？,.!?\s]|$)")
# "一块儿游泳的小雅说", "隔壁的阿芳告诉我": a familiar name after who the person is (…的), before saying or telling
_ZH_FAMILIAR_AFTER_DE = re.compile(r"的((?:小|阿)[\u4e00-\u9fff])(?=说|讲|告诉|跟我说|让我|叫我|也说|也是|觉得)")
# "小石头2岁，在长牙": a 小/阿 name of two or three characters opening the message or a clause, straight before an age
_ZH_FAMILIAR_OPENING_BEFORE_AGE = re.compile(r"(?:^|(?<=[，。！？；,.!?;\s]))((?:小|阿)(?![的了是都于到点些时])[\u4e00-\u9fff]"
                                             r"(?:(?![都才刚已也今快就还满了是有的])[\u4e00-\u9fff])?)"
                                             r"(?=\s*(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:岁|个月))")
# "、妮妮5岁", "皮皮8岁": a doubled pet name straight before an age in years
_ZH_DOUBLED_BEFORE_AGE = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[、，,和跟的]))(([\u4e00-\u9fff])\2)"
                                    r"(?=\s*(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:岁|个月))")
# "小的那个妞妞今天早上还吐了": a doubled pet name after which of the children it is
# (not "里面那个圆圆扁扁的电池", "以前小小的圆圆的": a shape; which child it is must be said)
_ZH_DOUBLED_AFTER_WHICH_ONE = re.compile(r"(?:(?<![小大])小的|(?<![小大])大的|最小的|最大的|老大|老二|老三)(?:那个|这个)?"
                                         r"(([\u4e00-\u9fff])\2)(?![的地得扁长方尖])")
# "我们队的张浩然踢着球", "班上的王子涵": a full name after the team, class or workplace it belongs to
_ZH_FULL_NAME_OF_GROUP = re.compile(rf"(?:队|班|组|公司|单位|学校|小区|楼|科室|宿舍)(?:里|上)?的((?:{'|'.join(_SURNAMES_2)}|[{_SURNAMES_1}])"
                                    rf"[\u4e00-\u9fff]{{2}})")
# "照顾刘桂兰的护工", "帮同事刘思思问下": a surname and two characters after a verb of caring for or asking for someone
_ZH_FULL_NAME_AFTER_VERB = re.compile(rf"(?:照顾|照看|陪护|护理|看护|伺候|陪着|替|帮|给)(?:{_ZH_KIN})?"
                                      rf"((?:{'|'.join(_SURNAMES_2)}|[{_SURNAMES_1}])[\u4e00-\u9fff]{{2}})(?=的|问|说|[，。！？,.!?\s]|$)")
# "三岁半，叫小宝。": a familiar name after 叫, then a pause
_ZH_CALLED_FAMILIAR = re.compile(r"叫((?:小|阿)[\u4e00-\u9fff])(?=[，,。！？!?；;\s]|$)")
# "老人家叫钟淑珍，今年八十三": a full name after 叫, then a pause or the age
_ZH_CALLED_FULL_NAME = re.compile(rf"叫((?:{'|'.join(_SURNAMES_2)}|[{_SURNAMES_1}])[\u4e00-\u9fff]{{1,2}})(?=[，,。\s]|今年|$)")
# "把我叫成我姐的名字，叫我“秀英”", "叫了我两回“小马”": a name in quotation marks after calling someone by it
_ZH_QUOTED_CALLED = re.compile(r"(?:叫|喊|管)了?(?:(?:我|你|他|她)(?:好几|两|三|几|一)?(?:回|声|次|遍)?(?:成|作|做|叫)?|成|作|做)"
                               r"[“\"「『‘]([\u4e00-\u9fff]{2,3})[”\"」』’]")
# "隔壁刘婶说", "楼下张嫂": a surname straight before the title a neighbour is called by
_ZH_SURNAME_KIN_TITLE = re.compile(rf"([{_SURNAMES_1}](?:婶子|婶儿|婶|嫂子|嫂|姨|叔|伯))(?![姐哥妹弟夫妈父母叔伯们])")
# "shazza's had hiccups for an hour": a lower-case word opening the message with 's and a verb, a name
_EN_LOWER_OPENING_HAS = re.compile(r"^\s*([a-z][a-z'’-]+)(?:'s|’s)\s+(?:had|been|got|gone|just|started|taken|caught)\b")
# "my uncle dafydd 66 has lost ...", "daughter poppy 4 has ...": a lower-case word after who the person is, then an age
_EN_RELATION_LOWER_AGE = re.compile(rf"(?i:(?:\b(?:my|our|his|her)\s+|^\s*){_EN_RELATIONS},?)\s+([a-z][a-z'’-]+),?\s+\(?\d{{1,3}}\b"
                                    rf"(?!\s*(?:days?|weeks?|wks?|hours?|hrs?|mins?|minutes?|times?|kg|lbs?|%|degrees?|°))")


def _someone_called(match: re.Match) -> bool:
    """Two characters after "someone called": a rare word or a person's name, never a function or health word
    ("孩子叫不醒" is a child who cannot be woken)."""
    return not _never_a_given_name(match.group(1)) and _called_full_name(match)


def _called_full_name(match: re.Match) -> bool:
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    word = match.group(1)
    if looks_medical(word) or word in _ZH_NOT_A_GIVEN_NAME:
        return False
    jieba.initialize()
    return jieba.posseg.dt.word_tag_tab.get(word, "").startswith("nr") or jieba.dt.FREQ.get(word, 0) < 100


def _full_name_after_verb(match: re.Match) -> bool:
    """A surname and two characters that are no everyday word start ("传给全家了": 全家 is the whole family)."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    word = match.group(1)
    return _called_full_name(match) and jieba.dt.FREQ.get(word[:2], 0) < 300 and word[-1] not in "了们的"


# a close mate, after whom a given name is what usually follows too ("我哥们儿大军说")
_ZH_MATE = r"(?:我|俺)?(?:铁哥们儿?|哥们儿?|闺蜜|发小|老伙计)"


# characters of a pronoun, a particle or a verb of saying or telling, which no given name after who the person is holds
# (nor a negation or "oneself": "我儿子不爱干。", "都是我儿子自己干")
_PRONOUN_OR_VERB_CHARS = frozenset("我你他她它咱俺们的了着过说让要叫这那狗猫问不没自")


def _kin_given_name(match: re.Match) -> bool:
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    word = match.group(1)
    if word in _ZH_NOT_A_GIVEN_NAME or re.fullmatch(_ZH_KIN, word) or word[0] in "们儿妈爸婆公家":
        return False  # "我哥们儿说": 哥们儿 is a mate; "大姨妈又来了": 大姨妈 is a period; "我奶奶家呢": her home
    if set(word) & _PRONOUN_OR_VERB_CHARS:
        return False  # "我妈让我…", "我婆婆说要给…", "孩子他爸把…": a verb or a pronoun, not a given name
    jieba.initialize()
    tag = jieba.posseg.dt.word_tag_tab.get(word, "")
    if looks_medical(word) and not tag.startswith("nr"):
        return False  # a health word, unless jieba knows it as a person's name ("红梅": 红 is also a redness)
    if word[0] == word[1] and word not in _ZH_DOUBLED_WORDS:
        return True  # a doubled pet name after who the person is ("我儿子嘟嘟说"): jieba tags 嘟嘟 a sound
    frequency = jieba.dt.FREQ.get(word, 0)
    # a person or place name, or a rare noun (海生); not an everyday word ("身体", "晚饭", "现在"); after a spouse, a mate
    # or one's own brother or sister, a given name is what usually follows, a less rare one too ("我老公大军在上班": 大军
    # is also an army; "我哥建平说": 建平 is also a county)
    # (and after a son, a daughter or an uncle: "他儿子大军说", "我舅舅大军说")
    limit = 3000 if re.match(rf"(?:我的|我|俺)?{_ZH_SPOUSE}|{_ZH_MATE}|(?:我的|我|俺)?(?:室友|舍友)|(?:我的|我|俺|他|她)[哥姐弟妹]|(?:我的|我|俺)?(?:大伯|二伯|三伯|伯伯|伯父)|"
                             r"(?:我的|我|俺|他|她|他的|她的)?(?:儿子|女儿|闺女|舅舅|叔叔|小舅|大舅|二舅|姑父|姨父)",
                             match.group(0)) else 500
    # a describing word is a name here too when it is rare ("我男朋友浩然说": 浩然 is also "vast")
    # a rare time word too ("我姐姐秋月在…", "我哥国庆说": 秋月 and 国庆 are also the autumn moon and National Day)
    # and a word jieba hardly knows, whatever its tag ("闺女欣怡放学": 欣怡 is tagged an idiom)
    return tag.startswith(("nr", "ns")) or (frequency < limit and (not tag or tag[0] in "na")) or (
        frequency < 200 and tag.startswith("t")) or frequency < 20


# "她好朋友佳琪长了两个", "老姐妹秀兰开车送我": two characters after who the person is that jieba's dictionary does not
# know as a word (or knows as a person's name), whatever follows; no function, pronoun, time or number character
# ("我妈前两天", "我妈说要") and no health word
_ZH_KIN_UNKNOWN_WORD = re.compile(rf"(?<![跟和与同])(?:{_ZH_KIN})([\u4e00-\u9fff]{{2}})")
_NOT_IN_A_GIVEN_NAME = _PRONOUN_OR_VERB_CHARS | frozenset("也都就还又很太不没在是有和跟与被把给从向对倒却才竟刚正再先已曾总"
                                                      "前后今昨早晚两几每个些点天年月周号岁次回遍趟下上里外边面头来去到得地吃喝睡哭笑看")
# "志强，就是我男朋友，…", "…那个，卫东，他说…": a name set off by commas, then who the person is or a pronoun
_ZH_APPOSITIVE_NAME = re.compile(r"(?:^|(?<=[，。！？；,\s]))([\u4e00-\u9fff]{2})(?=[，,]\s*(?:也就是|就是|是)?(?:我|他|她)(?![们]))")
# "我一直劝他，磊子，咱就去医院看一眼": a name called out between commas, then what the speaker urges ("咱", "你", "快")
_ZH_VOCATIVE_NAME = re.compile(r"(?:^|(?<=[，,。！？!?；;\s]))([\u4e00-\u9fff]{2})(?=[，,！!]\s*(?:咱|你|快|别|听我))")


def _never_a_given_name(word: str, health: bool = True) -> bool:
    """A function, pronoun, time or number character, a health word (unless ``health`` is off), a listed word, or who
    the person is."""
    # (刚 ends a given name, as in 志刚; first it is "just")
    return bool(set(word[0]) & _NOT_IN_A_GIVEN_NAME or set(word[1:]) & (_NOT_IN_A_GIVEN_NAME - {"刚"})
                or (health and looks_medical(word)) or word in _ZH_NOT_A_GIVEN_NAME | _ZH_NOT_FAMILIAR_NAMES
                or re.fullmatch(_ZH_KIN, word))


def _common_word(word: str) -> bool:
    """A word jieba's dictionary knows well and does not tag a person's name."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    jieba.initialize()
    return jieba.dt.FREQ.get(word, 0) >= 100 and not jieba.posseg.dt.word_tag_tab.get(word, "").startswith("nr")


def _unknown_word_is_a_name(match: re.Match) -> bool:
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    word = match.group(1)
    if _never_a_given_name(word):
        return False
    jieba.initialize()
    return jieba.dt.FREQ.get(word, 0) == 0 or jieba.posseg.dt.word_tag_tab.get(word, "").startswith("nr")


# what people call each other that is no name: "宝贝，你别怕", "师傅，你看…"
_ZH_ADDRESS_TERMS = frozenset({"宝贝", "宝宝", "师傅", "帅哥", "美女", "老铁", "亲爱", "乖乖", "傻瓜", "兄弟", "哥们", "老弟", "老哥",
                               "大哥", "大姐", "小伙", "同志", "朋友", "各位", "老板", "大夫", "医生", "护士", "老师", "孩子"})


def _vocative_is_a_name(match: re.Match) -> bool:
    """Two characters called out between commas: a word jieba does not know or hardly uses ("强子"), or a rare one it
    tags a person's name; never a term of address, who the person is, or a health word."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    word = match.group(1)
    if word in _ZH_ADDRESS_TERMS or _never_a_given_name(word):
        return False
    jieba.initialize()
    frequency = jieba.dt.FREQ.get(word, 0)
    return frequency < 100 or (frequency < 500 and jieba.posseg.dt.word_tag_tab.get(word, "").startswith("nr"))


_ZH_CLOSE_MATE_BEFORE = re.compile(rf"(?:{_ZH_CLOSE_MATES})$")
# (and after someone worked or played beside, when a verb or a preposition follows: "同事大军从龙舟上掉水里了")
_ZH_WORKMATE_BEFORE = re.compile(rf"(?:{_ZH_WORKMATES})$")
_ZH_AFTER_A_NAME = "从在把被跟和给让说他她刚又突然昨今前早晚上下午一"
# who the person is, said as a word of its own ("小外孙3岁": 外孙 after 小 is who, not a name)
_ZH_KIN_WORD = re.compile(rf"(?:{_ZH_KIN}|外孙女)")


def _da_nickname(match: re.Match) -> bool:
    """大 and a character that jieba hardly knows as a word ("大刚", "大壮"; not "大叫", "大片"), no health word. After a
    brother-in-law, a cousin or a roommate, a commoner word too ("我姐夫大军")."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    word = match.group(1)
    after = match.string[match.end(1):match.end(1) + 1]
    # "跟男朋友大吵了一架": 大 and a verb of quarrelling or crying is how it was done, not who; "同学大学毕业", "同事大半夜",
    # "姐夫大热天", "哥们大中午", "发小大冬天", "哥们儿大礼拜天": a word that starts with 大, or a time of day or year
    if (word[1] in "了的是在有个也都就还又很太不没老概约半部多少家伙人早晚吵闹哭喊骂打笑叫吃喝睡干学热冷声口病量片块腿拇脑过前后年雨雪风清天夜便夫小"
                    "中冬夏周上下礼星"
            or after in "了着过地得" or looks_medical(word) or word in _ZH_NOT_A_GIVEN_NAME):
        return False
    jieba.initialize()
    before = match.string[:match.start(1)]
    close = _ZH_CLOSE_MATE_BEFORE.search(before) or (_ZH_WORKMATE_BEFORE.search(before) and after and after in _ZH_AFTER_A_NAME
                                                      and word[1] not in "姐哥妈爷叔婶娘嫂")
    common = 5000 if close else 50
    return jieba.dt.FREQ.get(word, 0) < common and not any(
        jieba.dt.FREQ.get(match.string[match.start(1):match.start(1) + n], 0) > 0 for n in (3, 4))


def _kin_name_tagged_a_person(match: re.Match) -> bool:
    """The two characters after who the person is, when jieba, cutting the words around them, keeps them as one word
    and tags it a person's name: "老姐妹秀兰开车" (秀兰/nr), not "我妈前两天" (前两天/t)."""
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    # (红 is the one health character among them: 红梅 after a colleague is a name, 红红 a redness)
    word = match.group(1)
    if _two_given_name_characters(word) and (not looks_medical(word) or ("红" in word and word != "红红")):
        return True
    if not _unknown_word_is_a_name(match):
        return False
    first = next(iter(jieba.posseg.cut(match.string[match.start(1):match.start(1) + 6])), None)
    return first is not None and first.word == match.group(1) and first.flag.startswith("nr")


# characters that Chinese given names are most often made of (晓红, 建军, 秀兰, 可欣, 思琪): two of them after who the
# person is make a name even when jieba cuts or tags them otherwise ("我姐晓红发微信" cuts 晓红 as a verb)
_GIVEN_NAME_CHARS = frozenset("晓红秀兰建军可欣思琪美丽芳华伟玲婷娟梅英霞敏燕杰涛磊鹏辉斌峰志桂淑凤萍丹慧佳怡涵浩轩俊豪嘉"
                              "瑶琳颖倩蕾莉艳冬梓萱诗雯刚")


def _two_given_name_characters(word: str) -> bool:
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    return len(word) == 2 and set(word) <= _GIVEN_NAME_CHARS and jieba.dt.FREQ.get(word, 0) < 500


# a given name before a title of respect, after 的 or 叫他: "配班的小雪老师", "大伙儿叫他德福爷爷", "对门的淑珍奶奶"
_ZH_GIVEN_NAME_BEFORE_TITLE = re.compile(r"(?:的|叫他|叫她|喊他|喊她|称他|称她)([\u4e00-\u9fff]{2})"
                                         r"(?=老师|阿姨|叔叔|奶奶|爷爷|大爷|大妈|大娘|婆婆|伯伯|阿婆|姥姥|姥爷|外婆|外公)")
# "对门的桂兰说", "隔壁房车的秀英说": a given name after the neighbour who it is (…的), before what they said or urged
# "一起练的晓雯说", "跟我一个泳道的美玲大姐说", "跟我一块儿的佳佳身上也有": a given name after whom the writer trains,
# works or goes with (…的), before what they said, a title, or what they have too
_ZH_COMPANION_GIVEN_NAME = re.compile(r"(?:一起|一块儿|一块|一道|一个|同组|同队|同一)[\u4e00-\u9fff]{0,4}的([\u4e00-\u9fff]{2})"
                                      r"(?=说|讲|告诉|跟我说|让我|叫我|劝我|也说|觉得|非说|非让|一直说|老说|大姐|大哥|姐姐|哥哥|阿姨|也|都|身上|脸上|腿上|"
                                      r"还|和我|跟我)")
# "是个叫乐乐的小姑娘": a given name between 叫 and 的 before who the person is
_ZH_CALLED_THE = re.compile(r"叫([\u4e00-\u9fff]{2})的(?=小姑娘|小伙子|姑娘|小伙|孩子|男孩|女孩|小孩|人|老人|大爷|阿姨|同学|同事|朋友|"
                            r"邻居|队员|女生|男生|老太太|老头)")
# "管我叫她妹妹的名字秀兰。", "好像叫秀芬，": a two-character name straight after 名字 or 叫, then a pause
_ZH_NAME_AFTER_NAMING = re.compile(r"(?:名字(?:是|叫)?|好像叫|名叫|大名叫|全名叫)([\u4e00-\u9fff]{2})(?=[，,。！!？?；;、\s]|$)")
# "我们队的小芸，三十五，": a familiar 小/阿 name set off by a comma before an age
_ZH_FAMILIAR_BEFORE_AGE = re.compile(r"((?:小|阿)[\u4e00-\u9fff])(?=[，,]\s*(?:今年)?[0-9一二两三四五六七八九十]{1,4}(?:岁|了|[，,。]))")
# (and after what the neighbour sells or does, before 姐 or 哥: "隔壁卖棉花糖的桂兰姐说")
_ZH_NEIGHBOUR_GIVEN_NAME = re.compile(r"(?:隔壁|对门|对面|楼上|楼下|邻居|同屋|同院)[\u4e00-\u9fff]{0,5}的([\u4e00-\u9fff]{2})"
                                      r"(?=说|讲|告诉|跟我说|让我|叫我|劝我|也说|觉得|非说|非让|一直说|老说|姐说|哥说|大姐|大哥|姐姐|哥哥)")
# jobs, shifts, subjects and places said before those titles: "值班的护工阿姨", "教数学的语文老师", "对门奶奶"
_ZH_NOT_A_NAME_BEFORE_TITLE = re.compile(r"护工|保姆|保洁|保安|司机|厨师|门卫|配班|带班|值班|夜班|白班|班主|代课|实习|新来|"
                                         r"数学|语文|英语|体育|音乐|美术|科学|物理|化学|生物|历史|地理|政治|舞蹈|钢琴|书法|"
                                         r"[门壁边面头里下上楼院区村家班号床屋层房室]$")


def _given_name_before_title(match: re.Match) -> bool:
    """The two characters are a name unless a job, subject or place, an everyday word, or a health word."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    word = match.group(1)
    if _never_a_given_name(word) or _ZH_NOT_A_NAME_BEFORE_TITLE.search(word):
        return False
    jieba.initialize()
    tag, freq = jieba.posseg.dt.word_tag_tab.get(word, ""), jieba.dt.FREQ.get(word, 0)
    return tag.startswith("nr") or freq == 0 or (freq < 100 and tag in ("n", "ns", "nz", "a") and _not_health(word))


# "我公公老黄，", "隔壁老黄说", "对门的老邓，": 老/小 and a one-character surname after who the person is (老黄 is not in
# jieba's names)
_ZH_FAMILIAR_AFTER_RELATION = re.compile(rf"(?:{_ZH_KIN}|隔壁|对门的|对门|楼上的|楼下的|儿媳妇|儿媳|女婿|外甥|外甥女|跟|和|同|陪|我家|我们家|俺家|咱家)"
                                         rf"((?:老|小)[{_SURNAMES_1}])(?=[^\u4e00-\u9fff]|[{_ZH_AFTER_NAME}]|$)")
# a symptom or time word in the child's place ("宝宝拉稀，三岁", "孩子刚满，两岁") is not a name (looks_medical is too wide
# for pet names: 豆包 has the 包 of a lump)
_ZH_SYMPTOM_OR_TIME = set("疼痛烧热咳嗽吐泻稀疹痒肿晕摔烫伤病药血便尿奶牙满天今昨刚哭闹")
# a familiar 小/阿 name after an age and 的 ("我家5岁的小胖打呼噜")
_ZH_FAMILIAR_AFTER_AGE = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)(?:岁半?|个月大?|周)的((?:小|阿)[\u4e00-\u9fff])")
_ZH_NOT_FAMILIAR = {"小孩", "小时", "小便", "小腿", "小肚", "小脑", "小学", "小朋", "小伙", "小姑", "小儿", "小宝", "小女", "小男",
                    "小家", "小不", "小弟", "小妹", "阿姨", "小名",
                    "小外", "小闺", "小侄",  # 小外孙, 小闺女, 小侄女: who, not a name
                    "小哥", "小姐"}  # "店里的小哥": a young man at work
# "我家米粒五周 鼻子堵", "女儿果果3岁": a two-character name after the child or 我家, straight before an age
_ZH_CHILD_NAME_STRAIGHT_BEFORE_AGE = re.compile(r"(?:宝宝|孩子|儿子|女儿|闺女|孙子|孙女|外孙|外孙女|老大|老二|老三|我家)"
                                                r"([\u4e00-\u9fff]{2})(?=(?:才|刚|刚满|今年|都|已经|也)?[\d一二两三四五六七八九十]{1,3}\s*"
                                                r"(?:岁|个月|周|个星期|个礼拜|天)(?:大|半|了)?(?:[，。,\s]|$))")
# "儿子明明15，先是肚脐疼": a doubled pet name straight after the child and before a bare age (明明 is also "clearly")
# (and after a pupil or team member: "学生佳佳13岁划船掉湖里了")
_ZH_CHILD_DOUBLED_BEFORE_BARE_AGE = re.compile(r"(?:宝宝|孩子|儿子|女儿|闺女|孙子|孙女|外孙|外孙女|我家|学生|同学|学员|队员|"
                                               # told of by the nursery or a teacher: "老师说乐乐5岁就该会了"
                                               r"说)"
                                               r"(([\u4e00-\u9fff])\2)"
                                               r"(?=\s*(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:岁|[，。,\s]))")
# doubled words for people that the kin words (_ZH_KIN_WORD: "孩子姥姥67，", "孩子爷爷72，") leave out: no pet names either
_ZH_KIN_DOUBLED = frozenset({"姨姨", "宝宝", "娃娃", "太太"})
# "同事[NAME]和小雪也都拉上了": a familiar 小/阿 name joined by 和 to a name already found
_ZH_FAMILIAR_AFTER_NAME_AND = re.compile(r"\[NAME\](?:和|跟|还有|与|、)((?:小|阿)[\u4e00-\u9fff])")
# "我爸，老高，七十八了": a 老/小 and surname set off by commas after who the person is
_ZH_FAMILIAR_APPOSITIVE = re.compile(rf"(?:{_ZH_KIN})[，,]\s*((?:老|小)[{_SURNAMES_1}])(?=[，,])")
# "一块儿推车的老高说是…": 老/小 and a surname after who someone is by what they do (…的), then what they say
_ZH_FAMILIAR_AFTER_DOER = re.compile(rf"的((?:老|小)[{_SURNAMES_1}])(?=说|讲|觉得|认为|非说|非让|非要|让我|劝我|叫我|喊我)")
# "有个叫俊杰的说…": a name after 叫 and before 的 ("someone called X")
_ZH_ONE_CALLED = re.compile(r"(?:有个|有一个|一个|那个|这个)叫([\u4e00-\u9fff]{2,3})(?=的)")
# "我们班的思琪，十三岁": a given name after the class, team or group it belongs to, then the age
_ZH_GROUP_GIVEN_BEFORE_AGE = re.compile(r"(?:班|队|组|学校|宿舍|年级)(?:里|上)?的([\u4e00-\u9fff]{2})(?=[，,]\s*(?:今年|才|刚)?"
                                        r"[\d一二两三四五六七八九十]{1,3}\s*岁)")
# "The lads, Kev and Mo, reckon": a capitalised word joined by "and" to a name already found (a short name such as Mo
# is in no list)
# (then a pause or what they did or said: "round India and Nepal ten days ago" joins two places)
_EN_CAPITALISED_AFTER_NAME_AND = re.compile(r"\[NAME\],?\s+(?:and|&|n)\s+([A-Z][a-z]{1,14})\b(?![-'’])"
                                            r"(?=,|\s+(?:both|were|are|have|had|reckon|reckons|think|thinks|thought|said|says|"
                                            r"say|went|came|told|tell|all|keep|keeps|kept)\b)")
# (titles and days, which the words for people below leave out)
_EN_NOT_JOINED_NAMES = frozenset({"mr", "mrs", "ms", "miss", "dr", "god", "monday", "tuesday", "wednesday", "thursday", "friday",
                                  "saturday", "sunday"})


def _capitalised_joined_name(match: re.Match) -> bool:
    word = match.group(1).lower()
    return _not_a_word_for_people(word) and word not in _EN_NOT_JOINED_NAMES and not re.fullmatch(_MONTHS, word)


# "me n zoe both got sore arms": a lower-case name joined to "me"
_EN_ME_AND_LOWER_NAME = re.compile(r"\b(?:me|i)\s+(?:n|and|&)\s+([a-z][a-z'’-]+)\s+(?=(?:both|were|are|have|had|got|went|all)\b)")
# "去帮小娟她们张罗洗车": a familiar 小/阿 name before "and the others" (她们, 他们)
_ZH_FAMILIAR_BEFORE_THEY = re.compile(r"((?:小|阿)[\u4e00-\u9fff])(?=她们|他们|她俩|他俩)")
_ZH_TIME_WORDS = {"今年", "现在", "已经", "刚刚", "才刚", "快要", "差不多", "大概", "大约", "刚满", "才满", "马上", "明天", "下个",
                  "快满", "还不", "不到", "将近", "足足", "整整", "一共", "也就", "出生", "生下", "满月", "已满"}
# "怀老大小宝的时候", "老二阿福也": a familiar name after which child it is (小宝 is a name here, not "the baby")
_ZH_FAMILIAR_AFTER_BIRTH_ORDER = re.compile(r"(?:老大|老二|老三|老四|老幺)((?:小|阿)[\u4e00-\u9fff])"
                                            r"(?=的|都|今年|才|也|还|我|他|她|[，。,\s]|$)")
_ZH_NOT_FAMILIAR_AFTER_BIRTH_ORDER = _ZH_NOT_FAMILIAR - {"小宝"}
# "刚生了我们儿子米粒，": a newborn's name straight after the birth and who the baby is
_ZH_NEWBORN_NAME = re.compile(r"(?:生了|生下|生下了)(?:我们|我家|个|一个)?(?:儿子|女儿|闺女|宝宝|小子|丫头)([\u4e00-\u9fff]{2})(?=[，,。！!\s]|$)")
# "我家宝宝小米，十个月": a two-character name after the child, set off by a comma before an age (小米 is millet too)
_ZH_CHILD_NAME_BEFORE_AGE = re.compile(r"(?:宝宝|孩子|儿子|女儿|闺女|小孩|孙子|孙女|外孙|外孙女|老大|老二|小的|大的)"
                                       r"([\u4e00-\u9fff]{2})[，,]\s*(?=(?:今年|才|刚|快|已经)?[\d一二三四五六七八九十两半]+"
                                       r"(?:岁|个月|周|个礼拜|个星期|了))")
# "我是小雪，", "我是晓燕，": a self-introduction by a given or familiar name, checked with jieba below
_ZH_I_AM_GIVEN = re.compile(r"我是([\u4e00-\u9fff]{2,3})(?=[，,。\s]|$)")
_ZH_NOT_A_GIVEN_NAME = {"小孩", "小学生", "小朋友", "小伙子", "小姑娘", "老人", "老师", "老板", "老年人", "老大", "老二", "老三",
                        "阿姨", "孕妇", "病人", "患者", "家属", "学生", "医生", "护士", "妈妈", "爸爸", "女儿", "儿子",
                        # adverbs jieba does not tag as such often enough ("我妈老是说我胖")
                        "老是", "总是", "一直", "还是", "就是", "也是", "可是", "倒是", "私下", "偷偷", "专门", "特意", "亲自", "单独"}
# "jen, 11 wks pregnant, ...": a lower-case first name opening the message, then a comma
_EN_LOWER_OPENING = re.compile(r"^\s*([a-z][a-z'’-]+),\s")
# "Marek, 40, found a lump ...": a capitalised word opening the message, then the writer's age
_EN_NAME_AGE_OPENING = re.compile(r"^\s*([A-Z][a-z'’-]+),?\s+\d{1,3}\s*(?:,|yo\b|y/o|m\b|f\b|male|female|years?)")
# "他姓刘", "我姓欧阳": a surname given on its own
_ZH_SURNAME_GIVEN = re.compile(rf"姓((?:{'|'.join(_SURNAMES_2)}|[{_SURNAMES_1}]))")
_ZH_I_AM = re.compile(rf"我是((?:{'|'.join(_SURNAMES_2)}|[{_SURNAMES_1}])[\u4e00-\u9fff]{{1,2}})(?=[，,。\s]|$|今年)")


def _cn_id_valid(digits17: str, check: str) -> bool:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(digits17, weights))
    return "10X98765432"[total % 11] == check.upper()


def cn_id_valid(number: str) -> bool:
    """Whether an 18-character Chinese resident ID number has a valid ISO 7064 MOD 11-2 check character.

    >>> cn_id_valid("11010519491231002X"), cn_id_valid("110105194912310021")
    (True, False)
    """
    number = re.sub(r"\s", "", number)
    return bool(re.fullmatch(r"\d{17}[\dXx]", number)) and _cn_id_valid(number[:17], number[17])


def _zh_whole_word_named(text: str, cue: re.Match) -> int:
    """Where a name given as a whole word after ``cue`` ends, or ``cue.end()`` when there is none.

    After a cue that can only introduce a name (小名叫, 大名, 名叫), a whole word up to the punctuation is one, even when
    it is also a word that stops a name elsewhere ("小名叫石头。"). After the patient's own "我叫", a whole word of two or
    three characters alone before the punctuation is one ("我叫子涵，三十一"), unless 叫 is "call" ("我叫救护车",
    "把我叫醒", "我叫过去") or the word is a complaint.
    """
    whole = _ZH_WHOLE_NAME.match(text, cue.end())
    if not whole:
        return cue.end()
    word = whole.group(1)
    if "名" in cue.group():
        return whole.end(1)
    if (cue.group().startswith("我叫") and word not in _ZH_CALLED_NOT_A_NAME
            and (cue.start() == 0 or text[cue.start() - 1] not in "把被让给将")
            and word[0] not in "到过去来起上下出进回" and not looks_medical(word)):
        return whole.end(1)
    return cue.end()


def _zh_name_after(text: str, start: int) -> int:
    """End of a 2-3 character Chinese name starting at ``start`` (or ``start`` if there is none)."""
    end = start
    limit = start + (4 if text[start:start + 2] in _SURNAMES_2 else 3)
    while end < min(limit, len(text)) and "\u4e00" <= text[end] <= "\u9fff" and text[end] not in _ZH_NAME_STOPCHARS:
        end += 1
    return end if end - start >= 2 or (end - start == 1 and end < len(text) and not ("\u4e00" <= text[end] <= "\u9fff")) else start


class _Redactor:
    def __init__(self, text: str):
        self.text = text
        self.counts: Counter[str] = Counter()
        self.names: set[str] = set()  # every name removed, to remove its other mentions too

    def sub(self, pattern: re.Pattern, tag: str, group: int = 0, check=None) -> None:
        def repl(match: re.Match) -> str:
            if check is not None and not check(match):
                return match.group(0)
            self.counts[tag] += 1
            if tag == "[NAME]":
                self.names.add(match.group(group))
            if group == 0:
                return tag
            whole, start = match.group(0), match.start(group) - match.start(0)
            return whole[:start] + tag + whole[start + len(match.group(group)):]
        self.text = pattern.sub(repl, self.text)

    def spans(self, spans: list[tuple[int, int]], tag: str) -> None:
        for start, end in sorted(spans, reverse=True):
            if tag == "[NAME]":
                self.names.add(self.text[start:end])
            self.text = self.text[:start] + tag + self.text[end:]
            self.counts[tag] += 1

    def _given_names(self) -> set[str]:
        """The given name of each Chinese full name found ("闺女郑丽娟 ... 丽娟让我"): said alone later, it is the
        same person (a given name that is an everyday word or a health word is left)."""
        import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

        given = set()
        for name in self.names:
            name = name.strip()
            if (len(name) == 3 and name[0] in _SURNAMES_1 and re.fullmatch(r"[\u4e00-\u9fff]{3}", name)
                    and name[1:] not in _ZH_NOT_A_GIVEN_NAME and not looks_medical(name[1:])
                    and jieba.dt.FREQ.get(name[1:], 0) < 500):
                given.add(name[1:])
        return given

    def other_mentions(self) -> None:
        """A name found once is removed wherever else it appears ("my husband Sione ... Sione says")."""
        for name in sorted(self.names | self._given_names(), key=len, reverse=True):
            name = name.strip()
            if len(name) < 2 or "[" in name or name.lower() in _NAME_STOP:
                continue
            latin, medical = name.isascii(), looks_medical(name)
            if medical and (latin or name[0] == name[1]):
                continue
            # a Chinese name that is also a health word ("红霞": 红 is a redness) again wherever it is not describing
            # ("红霞...给红霞打电话", not "红红的")
            after = r"(?![的地得了])" if medical else ""
            pattern = re.compile(rf"(?<![\w\[]){re.escape(name)}(?![\w\]])" if latin else re.escape(name) + after)
            self.text, count = pattern.subn("[NAME]", self.text)
            self.counts["[NAME]"] += count


def _phones(red: _Redactor) -> None:
    try:
        import phonenumbers  # noqa: PLC0415 - optional: a pattern fallback exists
    except ImportError:  # pragma: no cover - dependency declared; the pattern below still applies
        phonenumbers = None
    if phonenumbers is not None:
        for region in ("US", "CN", "GB"):
            spans = [(m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(red.text, region, leniency=phonenumbers.Leniency.POSSIBLE)]
            spans = [(s, e) for s, e in spans if sum(c.isdigit() for c in red.text[s:e]) >= 7]
            red.spans(spans, "[PHONE]")
    red.sub(_PHONE_FALLBACK, "[PHONE]")


def _not_a_condition(match: re.Match) -> bool:
    """"我爸高血压" is a condition, not 高 + a given name: skip dictionary words and health words."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    word = match.group(1)
    if word[0] in "和跟与同及" and word[1] in "他她我你它":
        return False  # "我妈和他女儿": a conjunction and a pronoun, not the surname 和
    return not looks_medical(word) and all(jieba.dt.FREQ.get(word[:n], 0) < 50 for n in (2, 3) if len(word) >= n)


# 小/阿 words that are not names: the look-alikes of the 小 forms after an age, and more everyday, describing and
# medicine words
_ZH_NOT_FAMILIAR_NAMES = _ZH_NOT_FAMILIAR | frozenset(
    "小脸 小手 小脚 小嘴 小屁 小心 小事 小病 小区 小狗 小猫 小鸟 小米 小麦 小吃 小卖 小车 小床 小票 小号 "
    "小说 小舅 小叔 小姨 小半 小块 小包 小点 小口 小片 小粒 小颗 小红 小白 小黄 小黑 阿婆 阿公 阿妈 阿爸 "
    "阿胶 阿嚏 阿司 阿莫 阿奇 阿托 阿片 阿拉 阿里 阿尔 阿斯 阿昔 阿普 阿德 阿法 阿卡 阿米 阿达".split())


# function characters that never follow 小/阿 in a familiar name ("小的", "阿也")
_ZH_NOT_A_FAMILIAR_SECOND = "的了是在有个也都就还又很太"


def _familiar_word_is_a_name(match: re.Match) -> bool:
    """小/阿 and a character: a name unless an everyday or health word, or the start of a longer word jieba knows."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    word, start = match.group(1), match.start(1)
    if word[1] in _ZH_NOT_A_FAMILIAR_SECOND:
        return False
    jieba.initialize()
    if word in _ZH_COLOUR_NICKNAMES and _ZH_SPEAKS.match(match.string, match.end(1)):
        return True  # "我姐小红说": one who speaks is a person, though 小红 is also a small red spot
    if word in _ZH_NOT_FAMILIAR_NAMES:
        return False
    if any(jieba.dt.FREQ.get(match.string[start:start + n], 0) > 0 for n in (3, 4)):
        return False  # 阿司匹林, 小时候
    tag = jieba.posseg.dt.word_tag_tab.get(word, "")
    # after who the person is, a rarer noun is a name too ("孙女小雪": 小雪 is also a solar term)
    core = word[:2] if len(word) == 3 and word[2] in "头子" else word  # "老根头": the 头 of a nickname is no head
    return tag.startswith("nr") or (jieba.dt.FREQ.get(word, 0) < (200 if tag in ("n", "ns") else 50) and _not_health(core))


# a colour after 小 or 阿, a nickname as often as a small red or white spot
_ZH_COLOUR_NICKNAMES = frozenset("小红 小白 小黄 小黑 阿红 阿白 阿黄 阿黑".split())
# what only a person does next: says, tells, thinks or urges
_ZH_SPEAKS = re.compile(r"(?:也|还|就|一直|老|非|总|硬)?(?:说|讲|告诉|觉得|认为|劝|让我|叫我|一口咬定)")


# what is shouted rather than a name: "快跑", "别动", "救命", "疼死了"
_ZH_SHOUTED_CHARS = frozenset("快跑走去别不没吃喝救死滚停动")


def _quoted_name(match: re.Match) -> bool:
    """A word in quotation marks after calling someone by it: a name unless who someone is, a title or an everyday word."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    word = match.group(1)
    if re.fullmatch(_ZH_KIN, word) or word in _ZH_CALLED_NOT_A_NAME or word in _ZH_TWO_CHARACTER_TITLES:
        return False  # "叫我“妈妈”", "喊“大夫”"
    if set(word) & (_PRONOUN_OR_VERB_CHARS | _ZH_SHOUTED_CHARS):
        return False  # "喊我“快跑”": what was shouted, not a name
    jieba.initialize()
    tag = jieba.posseg.dt.word_tag_tab.get(word, "")
    return tag.startswith("nr") or (jieba.dt.FREQ.get(word, 0) < 500 and tag[:1] not in ("v", "l", "i")
                                    and not looks_medical(word))


def _surname_kin_title(match: re.Match) -> bool:
    """A surname and 婶/嫂/姨/叔/伯 that jieba does not know as a word, and no longer word begun there ("温哥华")."""
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    word, start, text = match.group(1), match.start(1), match.string
    if word[0] in _ZH_SURNAMES_ALSO_WORDS:
        return False
    jieba.initialize()
    if jieba.dt.FREQ.get(word[:2], 0) > 0 or any(jieba.dt.FREQ.get(text[start:start + n], 0) > 0 for n in (3, 4)):
        return False
    return start == 0 or jieba.dt.FREQ.get(text[start - 1:start + 1], 0) < 500


def _same_surname_then_title(match: re.Match) -> bool:
    name, after = match.group(1), match.string[match.end(1):]
    surname = name[:2] if name[:2] in _SURNAMES_2 else name[0]
    return after.startswith(surname) and len(name) > len(surname) and not looks_medical(name)


def _given_name_after_i_am(match: re.Match) -> bool:
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    word = match.group(1)
    if word in _ZH_NOT_A_GIVEN_NAME or looks_medical(word):
        return False
    tags = [pair.flag for pair in jieba.posseg.cut(word)]
    return (len(tags) == 1 and tags[0].startswith("nr")) or word[0] in "小阿老晓"


# "liam put his hand through the glass": a lower-case listed name opening the message, then a verb in the past
_EN_LOWER_OPENING_VERB = re.compile(r"^\s*([a-z][a-z'’-]+)\s+(?:put|got|fell|cut|hit|bit|ate|took|swallowed|has|had|was|is|"
                                    r"slipped|tripped|burned|burnt|banged|bumped|stood|trod|stepped|caught|came|woke|keeps|"
                                    r"can't|cant|can not|won't|wont)\b")
# "tom on our shift keeps fainting": a lower-case listed name opening the message, then the team they share with the
# writer (a listed name even when it is also a word: "grace", "mark")
_EN_LOWER_OPENING_TEAM = re.compile(r"^\s*([a-z][a-z'’-]+)\s+(?:on|from|in)\s+(?:our|my)\s+"
                                    r"(?:team|crew|shift|ward|course|site|unit|line|lab|office|class|group|squad|department)\b")
# "spotted chickenpox on bjorn this morning": a lower-case listed name after "on", then a time word
_EN_LOWER_ON_TIME = re.compile(r"\bon\s+([a-z][a-z'’-]+)\s+(?:this|last|today|yesterday|tonight|since|after)\b")
# "asking for kwame - ...", "maureen x": a lower-case listed name after "asking for", or before a kiss at the end
_EN_LOWER_ASKING_FOR = re.compile(r"\b(?:asking|ask|writing|messaging|typing|posting|enquiring)(?: this)? (?:for|on behalf of)\s+"
                                  r"([a-z][a-z'’-]+)\b")
_EN_LOWER_KISS_SIGN_OFF = re.compile(r"(?:^|[.!?,]\s*|\s)([a-z][a-z'’-]+)\s+x{1,3}\s*$")
# "the dog bit amara on the face", "took kofi to a&e": a lower-case word as the object of a verb done to a person
_EN_LOWER_OBJECT = re.compile(r"\b(?:bit|bitten|bite|scratched|hit|kicked|pushed|stung|bumped|punched|elbowed|headbutted|"
                              r"knocked|jabbed|poked|took|take|taking|bring|brought|drove|drive|driving|carried|fed|bathed|"
                              r"found|dropped|rushed|checked|woke)\s+([a-z][a-z'’-]+)\s+(?:on|in|to|into|at|up|off|over|"
                              r"round|around|home|back|down)\b")


# "the dog bit lily on the cheek": hurt on a part of the body, so a listed first name is a person even when it is also
# an English word (a lily, a rose)
_EN_LOWER_HURT_ON_BODY = re.compile(r"\b(?:bit|bitten|scratched|kicked|punched|stung|headbutted|elbowed|slapped|pecked|clawed)\s+"
                                    r"([a-z][a-z'’-]+)\s+(?:on|in)\s+(?:the|his|her|their)\s+(?:cheek|face|hand|arm|leg|foot|head|"
                                    r"nose|lip|ear|neck|back|finger|thumb|ankle|knee|chin|eye|shoulder|wrist|calf|thigh|bottom|bum|"
                                    r"tummy|chest|shin)s?\b")


def _lower_case_names(red: _Redactor) -> None:
    """Names typed in lower case: a sign-off ("raj here,"), or a first name from the census lists (or a romanised
    Chinese surname and given name) right after who the person is ("my flatmate chloe", "my dad zhang wei")."""
    def sign_off(match: re.Match) -> bool:
        words = match.group(1).split()
        return all(word not in _NAME_STOP and word not in _EN_NOT_A_NAME for word in words) and not looks_medical(
            match.group(1))

    red.sub(_EN_SELF_INTRO_LOWER, "[NAME]", 1, sign_off)
    spans = []
    for pattern in _EN_RELATION_LOWER:
        for match in pattern.finditer(red.text):
            first, second = match.group(1), match.group(2)
            if is_romanised_chinese_name(first, second):
                spans.append((match.start(1), match.end(2)))
            elif ((is_lower_case_first_name(first, after_relation=True) or _unlisted_name(first))
                  and not looks_medical(first)):
                spans.append(match.span(1))  # "my mum vasundhara, ...": a name of the lists, or no English word
            elif (first.endswith(("'s", "’s")) and len(first) > 4 and first[:-2] not in _NAME_STOP
                  and first[:-2] not in _EN_NOT_A_NAME | _EN_ADVERBS and not looks_medical(first[:-2])):
                spans.append((match.start(1), match.end(1) - 2))  # "my brother daichi's off his meds"
            elif (second is not None and (_EN_VERB_AFTER_NAME.fullmatch(second) or second in _EN_ADVERBS)
                  and first not in _NAME_STOP
                  and first not in _EN_NOT_A_NAME | _EN_ADVERBS and not first.endswith("ly") and not looks_medical(first)):
                spans.append(match.span(1))  # "my mate priya swallowed": a name the census lists lack, then a verb
    for match in (*_EN_LOWER_OBJECT.finditer(red.text), *_EN_LOWER_OPENING_VERB.finditer(red.text),
                  *_EN_LOWER_ON_TIME.finditer(red.text), *_EN_LOWER_ASKING_FOR.finditer(red.text),
                  *_EN_LOWER_KISS_SIGN_OFF.finditer(red.text)):
        word = match.group(1)
        if (word not in _NAME_STOP and word not in _EN_NOT_A_NAME and not looks_medical(word)
                and is_lower_case_first_name(word, after_relation=True) and is_unknown_word(word)):
            spans.append(match.span(1))  # "the dog bit amara on the face": a listed name that is no English word
    for match in _EN_LOWER_OPENING_TEAM.finditer(red.text):
        word = match.group(1)
        if word not in _NAME_STOP and not looks_medical(word) and is_lower_case_first_name(word, after_relation=True):
            spans.append(match.span(1))
    for match in _EN_LOWER_HURT_ON_BODY.finditer(red.text):
        word = match.group(1)
        if (word not in _NAME_STOP and word not in _EN_NOT_A_NAME and not looks_medical(word)
                and is_lower_case_first_name(word, after_relation=True)):
            spans.append(match.span(1))
    for match in _EN_GREETING_NAME.finditer(red.text):
        word = match.group(1)
        if word not in _NAME_STOP and word not in _EN_NOT_A_NAME and word not in _EN_NOT_A_SIGN_OFF and not looks_medical(word):
            spans.append(match.span(1))
    for match in _EN_OPENING_NAME.finditer(red.text):
        word = match.group(1)
        if (word not in _NAME_STOP and word not in _EN_NOT_A_NAME and word not in _EN_NOT_A_SIGN_OFF and not looks_medical(word)
                and is_lower_case_first_name(word, after_relation=True)):
            spans.append(match.span(1))
    for match in _EN_KIN_TITLE_LOWER.finditer(red.text):
        if ((is_lower_case_first_name(match.group(1), after_relation=True) or _unlisted_name(match.group(1)))
                and not looks_medical(match.group(1))):
            spans.append(match.span(1))
    for match in _EN_NAME_BRACKET_AGE.finditer(red.text):
        word = match.group(1)
        if word.lower() not in _NAME_STOP and word.lower() not in _EN_NOT_A_NAME and not looks_medical(word):
            spans.append(match.span(1))
    for match in _EN_POSSESSIVE_NAME.finditer(red.text):
        token = match.group(0).split()[0]
        # with an apostrophe ("priya's hair") a name from any country's list; without one, a census name only
        apostrophe = "'" in token or "’" in token
        if ((is_lower_case_first_name(match.group(1)) or (apostrophe and is_lower_case_first_name(match.group(1), True)))
                and len(match.group(1)) >= 3 and token not in _EN_S_WORDS):
            spans.append((match.start(1), match.end(0) - len(match.group(0)) + len(match.group(0).split()[0])))
    for match in _EN_LOWER_SUBJECT.finditer(red.text):
        before = red.text[:match.start(1)].split()
        # opening the message or a sentence, a name from any country's list ("santi got bitten ..."); elsewhere a
        # census name only
        opening = not red.text[:match.start(1)].strip() or red.text[:match.start(1)].rstrip()[-1] in ".!?\n"
        # opening, a word that is no English word is a name as well ("mhairi fell off her bike")
        if ((is_lower_case_first_name(match.group(1), after_relation=opening)
             or (opening and _unlisted_name(match.group(1)))) and not looks_medical(match.group(1))
                and (not before or before[-1].lower() not in _DETERMINERS)):
            spans.append(match.span(1))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    red.spans(kept, "[NAME]")


def _names(red: _Redactor) -> None:
    def not_stopword(match: re.Match) -> bool:
        first = match.group(1).split()[0].lower().strip("'’")
        return first not in _NAME_STOP

    def strong(match: re.Match) -> str:
        words = match.group(1).split()
        kept = []
        for word in words:
            if word.lower().strip("'’") in _NAME_STOP:
                break
            kept.append(word)
        if not kept:
            return match.group(0)
        red.counts["[NAME]"] += 1
        name = " ".join(kept)
        red.names.add(name)
        head = match.group(0)[:match.start(1) - match.start(0)]
        return head + "[NAME]" + match.group(0)[len(head) + len(name):]

    red.text = _EN_NAME_STRONG.sub(strong, red.text)
    red.sub(_EN_TITLE, "[NAME]", 1, not_stopword)
    red.sub(_EN_TITLE_LOWER, "[NAME]", 1, lambda match: not_stopword(match) and not looks_medical(match.group(1)))
    red.sub(_EN_RELATION, "[NAME]", 1, not_stopword)
    red.sub(_EN_THE_ROLE, "[NAME]", 1, lambda match: not_stopword(match) and not looks_medical(match.group(1)))
    _lower_case_names(red)
    red.sub(_ZH_LATIN_NAME, "[NAME]", 1)
    red.sub(_ZH_I_AM_GIVEN, "[NAME]", 1, _given_name_after_i_am)
    red.sub(_EN_LOWER_OPENING, "[NAME]", 1, lambda match: is_lower_case_first_name(match.group(1)))
    red.sub(_EN_LOWER_NAME_AGE_OPENING, "[NAME]", 1, _listed_lower_name)
    red.sub(_EN_PARTNER_LOWER_NAME, "[NAME]", 1, lambda match: _listed_lower_name(match) or _unlisted_name(match.group(1), 3))
    red.sub(_EN_LOWER_NAME_AGE_CLAUSE, "[NAME]", 1, _listed_lower_name)
    red.sub(_EN_RELATION_LOWER_NAME_AGE, "[NAME]", 1, _listed_lower_name)
    red.sub(_EN_LOWER_NAME_NEIGHBOUR, "[NAME]", 1, _listed_lower_name)
    red.sub(_EN_LOWER_NAME_BARE_AGE, "[NAME]", 1, lambda match: is_lower_case_first_name(match.group(1))
            and _not_a_word_for_people(match.group(1)))
    red.sub(_EN_PLACE_POSSESSIVE, "[NAME]", 1, lambda match: _listed_lower_name(match)
            and match.group(1) not in _EN_NOT_A_NAME | _NAME_STOP)
    red.sub(_EN_NAME_AGE_OPENING, "[NAME]", 1,
            lambda match: match.group(1).lower() not in _EN_NOT_A_NAME | _EN_HEADINGS and not looks_medical(match.group(1)))
    red.sub(_EN_COLON_SIGN_OFF, "[NAME]", 1,
            lambda match: match.group(1).lower() not in _EN_NOT_A_NAME | _EN_HEADINGS and not looks_medical(match.group(1)))
    red.sub(_EN_APPOSITIVE, "[NAME]", 1,
            lambda match: not_stopword(match) and match.group(1).lower() not in _EN_NOT_A_NAME | EVERYDAY_CAPITALISED
            and not looks_medical(match.group(1)) and not _EN_MEDICINE_NOUN.search(match.group(0).split(",")[0]))
    red.sub(_PINYIN_FAMILIAR, "[NAME]", 0, lambda match: is_romanised_chinese_name(match.group(1).lower(), "a"))
    red.sub(_EN_NAMED, "[NAME]", 1, not_stopword)
    red.sub(_EN_NICKNAME_AFTER_NAME, "[NAME]", 1,
            lambda match: not_stopword(match) and match.group(1).lower() not in _EN_NOT_A_NAME | EVERYDAY_CAPITALISED
            and not looks_medical(match.group(1)))
    red.sub(_EN_LOWER_OPENING_POSSESSIVE, "[NAME]", 1, lambda match: (is_lower_case_first_name(match.group(1), True)
            or _unlisted_name(match.group(1))) and match.group(1) not in _NAME_STOP and match.group(1) not in _EN_NOT_A_NAME and not looks_medical(match.group(1)))
    red.sub(_EN_CAPITALISED_POSSESSIVE, "[NAME]", 1, lambda match: not_stopword(match)
            and match.group(1).lower() not in _EPONYMS | _EN_NOT_A_NAME | EVERYDAY_CAPITALISED | _EN_HEADINGS
            and not looks_medical(match.group(1)))
    for pattern in (_EN_PET_NAME, _EN_NAME_THEN_PET):
        red.sub(pattern, "[NAME]", 1, lambda match: not_stopword(match) and not looks_medical(match.group(1))
                and match.group(1).lower() not in _EN_NOT_A_NAME | EVERYDAY_CAPITALISED | _EN_HEADINGS)
    red.sub(_EN_KIN_TITLE_CAPITALISED, "[NAME]", 1, lambda match: _not_a_word_for_people(match.group(1).lower())
            and match.group(1).lower() not in EVERYDAY_CAPITALISED)
    red.sub(_EN_CAPITALISED_OPENING_SUBJECT, "[NAME]", 1, lambda match: _unlisted_name(match.group(1).lower())
            or is_lower_case_first_name(match.group(1).lower(), True))
    red.sub(_EN_LOWER_OPENING_BRACKET_AGE, "[NAME]", 1, lambda match: match.group(1) not in _NAME_STOP
            and match.group(1) not in _EN_NOT_A_NAME and not looks_medical(match.group(1)))
    for pattern in (_EN_OUR_NAME_AGE, _EN_BABY_LOWER_NAME_AGE, _EN_EVENT_POSSESSIVE, _EN_LOWER_OPENING_HAS,
                    _EN_RELATION_LOWER_AGE, _EN_LOWER_OPENING_BRACKET_RELATION, _EN_LOWER_OPENING_AGE_OLD):
        red.sub(pattern, "[NAME]", 1, _lower_word_only_a_name)
    red.sub(_EN_THANKS_SIGN_OFF, "[NAME]", 1, lambda match: (is_lower_case_first_name(match.group(1).lower(), True)
            or (match.group(1)[0].isupper() and _capitalised_sign_off(match)))
            and not looks_medical(match.group(1)))
    red.sub(_EN_LAST_CAPITALISED_NAME, "[NAME]", 1, _capitalised_sign_off)
    red.sub(_EN_END_SIGN_OFF, "[NAME]", 1, lambda match: match.group(1).lower() not in _NAME_STOP
            and match.group(1).lower() not in _EN_NOT_A_NAME | _EN_NOT_A_SIGN_OFF | _EN_HEADINGS | EVERYDAY_CAPITALISED
            and not looks_medical(match.group(1)) and match.group(1).lower() not in _EN_ADVERBS)
    red.sub(_EN_LAST_WORD_NAME, "[NAME]", 1, lambda match: is_lower_case_first_name(match.group(1), True)
            and match.group(1) not in _NAME_STOP and match.group(1) not in _EN_NOT_A_NAME | _EN_NOT_A_SIGN_OFF | _EN_ADVERBS
            and not looks_medical(match.group(1)))
    red.sub(_ZH_CALL_ME, "[NAME]", 1, _familiar_word_is_a_name)
    red.sub(_ZH_CALL_THEM, "[NAME]", 1, _familiar_word_is_a_name)
    # (a health character may open such a name: "老板娘红姐说")
    red.sub(_ZH_TITLE_NAME_AFTER_KIN, "[NAME]", 1,
            lambda match: not _never_a_given_name(match.group(1)[0], health=False))
    red.sub(_ZH_DASH_SIGN_OFF, "[NAME]", 1, lambda match: not looks_medical(match.group(1))
            and match.group(1) not in _ZH_NOT_A_GIVEN_NAME)
    red.sub(_EN_NAME_WEAK, "[NAME]", 1, not_stopword)
    red.sub(_EN_SELF_INTRO, "[NAME]", 1,
            lambda match: not_stopword(match) and match.group(1).split()[0].lower() not in _EN_NOT_A_NAME
            and not looks_medical(match.group(1)))
    spans = []
    for match in _ZH_NAME_TRIGGER.finditer(red.text):
        if red.text[match.end():match.end() + 1] in _ZH_NOT_A_CALLED_NAME:
            continue
        end = _zh_name_after(red.text, match.end())
        if end == match.end():
            end = _zh_whole_word_named(red.text, match)
        if end > match.end():
            spans.append((match.end(), end))
    red.spans(spans, "[NAME]")
    red.sub(_ZH_RELATION_NAME, "[NAME]", 1, _not_a_condition)
    red.sub(_ZH_KIN_GIVEN_BEFORE_TIME, "[NAME]", 1, _kin_given_name)
    red.sub(_ZH_KIN_UNKNOWN_WORD, "[NAME]", 1, _kin_name_tagged_a_person)
    red.sub(_ZH_DA_AFTER_MATE, "[NAME]", 1, _da_nickname)
    red.sub(_ZH_APPOSITIVE_NAME, "[NAME]", 1, _unknown_word_is_a_name)
    red.sub(_ZH_VOCATIVE_NAME, "[NAME]", 1, _vocative_is_a_name)
    red.sub(_ZH_NEWBORN_NAME, "[NAME]", 1, _kin_given_name)
    red.sub(_ZH_CALLED_FULL_NAME, "[NAME]", 1, _called_full_name)
    red.sub(_ZH_QUOTED_CALLED, "[NAME]", 1, _quoted_name)
    red.sub(_ZH_SURNAME_KIN_TITLE, "[NAME]", 1, _surname_kin_title)
    red.sub(_ZH_KIN_GIVEN_IN_COMPARISON, "[NAME]", 1, _kin_given_name)
    red.sub(_ZH_SOMEONE_CALLED, "[NAME]", 1, _someone_called)
    red.sub(_ZH_CALLED_FAMILIAR, "[NAME]", 1, lambda match: not looks_medical(match.group(1)))
    red.sub(_ZH_FULL_NAME_AFTER_VERB, "[NAME]", 1, _full_name_after_verb)
    red.sub(_ZH_FULL_NAME_OF_GROUP, "[NAME]", 1, _full_name_after_verb)
    red.sub(_ZH_FAMILIAR_AFTER_VERB, "[NAME]", 1, _familiar_word_is_a_name)
    red.sub(_ZH_FAMILIAR_AFTER_DE, "[NAME]", 1, _familiar_word_is_a_name)
    red.sub(_ZH_DOUBLED_BEFORE_AGE, "[NAME]", 1, lambda match: match.group(1) not in _ZH_DOUBLED_WORDS)
    red.sub(_ZH_FAMILIAR_OPENING_BEFORE_AGE, "[NAME]", 1, lambda match: match.group(1)[:2] not in _ZH_NOT_FAMILIAR
            and not _ZH_KIN_WORD.fullmatch(match.group(1)[1:]))
    red.sub(_ZH_FAMILIAR_AFTER_RELATION, "[NAME]", 1)
    red.sub(_ZH_FAMILIAR_AFTER_AGE, "[NAME]", 1, lambda match: match.group(1) not in _ZH_NOT_FAMILIAR
            and not set(match.group(1)[1:]) & (_ZH_SYMPTOM_OR_TIME - {"满"}))  # "2岁的小满": a name
    red.sub(_ZH_CHILD_NAME_BEFORE_AGE, "[NAME]", 1,
            lambda match: match.group(1) not in _ZH_NOT_A_GIVEN_NAME and not set(match.group(1)) & _ZH_SYMPTOM_OR_TIME
            # after 大的/小的 a word jieba knows well is what is big or small ("黄豆大的疙瘩，4个礼拜了")
            and not (match.group(0).startswith(("大的", "小的")) and _common_word(match.group(1))))
    red.sub(_ZH_FAMILIAR_AFTER_BIRTH_ORDER, "[NAME]", 1, lambda match: match.group(1) not in _ZH_NOT_FAMILIAR_AFTER_BIRTH_ORDER
            and match.group(1)[1] not in _ZH_NOT_A_FAMILIAR_SECOND + "时")
    red.sub(_ZH_CHILD_NAME_STRAIGHT_BEFORE_AGE, "[NAME]", 1,
            lambda match: match.group(1) not in _ZH_NOT_A_GIVEN_NAME | _ZH_TIME_WORDS
            and not set(match.group(1)) & (_ZH_SYMPTOM_OR_TIME | set("的是了个这那狗猫兔鸟鱼"))
            and _not_health(match.group(1)) and not re.fullmatch(_ZH_KIN, match.group(1)))
    red.sub(_ZH_I_AM, "[NAME]", 1)
    red.sub(_ZH_CALLED_BEFORE_AGE, "[NAME]", 1, lambda match: not looks_medical(match.group(1)))
    red.sub(_ZH_CALLED_AFTER_AGE, "[NAME]", 1, lambda match: not looks_medical(match.group(1))
            and match.group(1)[0] not in "了不醒着过")
    red.sub(_ZH_NAME_THEN_TITLE, "[NAME]", 1, _same_surname_then_title)
    red.sub(_ZH_SIGN_ON, "[NAME]", 1, lambda match: match.group(1) not in _ZH_NOT_A_GIVEN_NAME and not looks_medical(match.group(1))
            and not match.group(1).startswith(("我", "你", "他", "她", "这", "那")))
    red.sub(_ZH_FAMILIAR_ANY_AFTER_RELATION, "[NAME]", 1, _familiar_word_is_a_name)
    red.sub(_ZH_FAMILIAR_AFTER_ROLE, "[NAME]", 1, _familiar_word_is_a_name)
    red.sub(_ZH_FAMILIAR_AFTER_HOUSEMATE, "[NAME]", 1, _familiar_word_is_a_name)
    red.sub(_ZH_A_NAME_OPENING, "[NAME]", 1, _familiar_word_is_a_name)
    red.sub(_ZH_GIVEN_NAME_BEFORE_TITLE, "[NAME]", 1, _given_name_before_title)
    red.sub(_ZH_NEIGHBOUR_GIVEN_NAME, "[NAME]", 1, _given_name_before_title)
    red.sub(_ZH_COMPANION_GIVEN_NAME, "[NAME]", 1, _given_name_before_title)
    red.sub(_ZH_CALLED_THE, "[NAME]", 1, lambda match: not _never_a_given_name(match.group(1)))
    red.sub(_ZH_NAME_AFTER_NAMING, "[NAME]", 1, lambda match: not _never_a_given_name(match.group(1))
            and not _common_word(match.group(1)))
    red.sub(_ZH_FAMILIAR_BEFORE_AGE, "[NAME]", 1, lambda match: match.group(1) not in _ZH_NOT_FAMILIAR
            and match.group(1)[1] not in _ZH_SYMPTOM_OR_TIME)
    red.sub(_ZH_SURNAME_TITLE, "[NAME]", check=_surname_title_not_a_word)
    red.sub(_ZH_SURNAME_GIVEN, "[NAME]", 1)
    # (after 说 the pair may be an everyday doubled word, "说刚刚3岁"; after the child it is a pet name even when it is one,
    # "儿子明明15")
    red.sub(_ZH_CHILD_DOUBLED_BEFORE_BARE_AGE, "[NAME]", 1, lambda match: not looks_medical(match.group(1))
            and not _ZH_KIN_WORD.fullmatch(match.group(1)) and match.group(1) not in _ZH_KIN_DOUBLED
            and not (match.group(0).startswith("说") and match.group(1) in _ZH_DOUBLED_WORDS))
    red.sub(_ZH_DOUBLED_AFTER_WHICH_ONE, "[NAME]", 1, lambda match: match.group(1) not in _ZH_DOUBLED_WORDS
            and match.group(1) not in _ZH_KIN_DOUBLED and not looks_medical(match.group(1)))
    red.sub(_ZH_FAMILIAR_AFTER_NAME_AND, "[NAME]", 1, _familiar_word_is_a_name)
    red.sub(_ZH_FAMILIAR_BEFORE_THEY, "[NAME]", 1, _familiar_word_is_a_name)
    red.sub(_ZH_FAMILIAR_APPOSITIVE, "[NAME]", 1)
    red.sub(_ZH_FAMILIAR_AFTER_DOER, "[NAME]", 1)
    red.sub(_ZH_ONE_CALLED, "[NAME]", 1, lambda match: not looks_medical(match.group(1)) and not _common_word(match.group(1)))
    red.sub(_ZH_GROUP_GIVEN_BEFORE_AGE, "[NAME]", 1, lambda match: not looks_medical(match.group(1))
            and match.group(1) not in _ZH_NOT_A_GIVEN_NAME | _ZH_TIME_WORDS and not _common_word(match.group(1)))
    red.sub(_EN_ME_AND_LOWER_NAME, "[NAME]", 1, _listed_lower_name)
    red.spans([(s, e) for s, e in bare_name_spans(red.text) if "[" not in red.text[max(0, s - 1):e + 1]], "[NAME]")
    red.sub(_EN_CAPITALISED_AFTER_NAME_AND, "[NAME]", 1, _capitalised_joined_name)


def deidentify(text: str) -> Deidentified:
    """Replace names, phone numbers, e-mails, ID numbers, addresses and dates with tags.

    >>> deidentify("SSN 123-45-6789, email jo@x.org, born on 12/03/1985").text
    'SSN [ID], email [EMAIL], born on [DATE]'
    >>> deidentify("My mum, Gülşen, she's 68").text
    "My mum, [NAME], she's 68"
    """
    text = text or ""
    folded = _fold_latin(text)
    result = _deidentify_ascii(folded)
    if folded == text:
        return result
    return Deidentified(text=_unfold(text, folded, result.text), removed=result.removed)


# Latin letters with diacritics read as their base letter, one character for one ("Gülşen" -> "Gulsen", "ondřej" ->
# "ondrej"), so that the name patterns and lists written in ASCII find them; the letters kept are the writer's
_FOLD_EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "s", "æ": "a", "Æ": "A",
               "œ": "o", "Œ": "O", "þ": "t", "ð": "d"}
_TAG = re.compile("|".join(re.escape(tag) for tag in TAGS))
_TAG_MARK = "\ue000"  # a private-use character no text holds: a tag, one character long, while the texts are aligned


def _fold_latin(text: str) -> str:
    out = []
    for char in text:
        if char.isascii() or not char.isalpha() or "\u3400" <= char <= "\u9fff":
            out.append(char)
            continue
        base = _FOLD_EXTRA.get(char) or unicodedata.normalize("NFD", char)[0]
        out.append(base if base.isascii() and base.isalpha() else char)
    return "".join(out)


def _unfold(original: str, folded: str, redacted: str) -> str:
    """``redacted`` (``folded`` with spans replaced by tags) with the original letters back outside the tags."""
    tags = _TAG.findall(redacted)
    marked = _TAG.sub(_TAG_MARK, redacted)
    pieces = []
    matcher = difflib.SequenceMatcher(None, folded, marked, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        pieces.append(original[i1:i2] if op == "equal" else marked[j1:j2])
    out, tags_left = "".join(pieces), iter(tags)
    return re.sub(_TAG_MARK, lambda _: next(tags_left), out)


def _deidentify_ascii(text: str) -> Deidentified:
    red = _Redactor(text)
    red.sub(_EMAIL, "[EMAIL]")
    red.sub(_URL, "[URL]")
    red.sub(_CN_ID, "[ID]", check=lambda m: _cn_id_valid(m.group(1) + m.group(2) + m.group(3)[:3], m.group(3)[3]))
    red.sub(_SSN, "[ID]")
    red.sub(_KEYED_ID, "[ID]", 2, check=lambda m: sum(c.isdigit() for c in m.group(2)) >= 4)
    red.sub(_PASSPORT, "[ID]")
    red.sub(_CN_ID_15, "[ID]")
    for pattern in _DATES:
        red.sub(pattern, "[DATE]")
    red.sub(_DOB, "[DATE]", 1)
    _phones(red)
    red.sub(_LONG_DIGITS, "[ID]")
    red.sub(_ZH_ADDRESS_TRIGGER, "[ADDRESS]", 2)
    red.sub(_ZH_ADDRESS, "[ADDRESS]")
    red.sub(_ZH_ADMIN, "[ADDRESS]")
    red.sub(_EN_ADDRESS_TRIGGER, "[ADDRESS]", 1)
    red.sub(_EN_STREET, "[ADDRESS]")
    red.sub(_UK_POSTCODE, "[ADDRESS]")
    red.sub(_US_ZIP, "[ADDRESS]")
    _names(red)
    red.other_mentions()
    return Deidentified(text=red.text, removed=dict(red.counts))


def redact(text: str) -> str:
    """Shorthand for ``deidentify(text).text`` (use it before logging anything a user wrote)."""
    return deidentify(text).text
