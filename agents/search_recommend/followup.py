"""Recognise follow-ups on earlier results: "more like the third one", "cheaper", "show more", "the one before",
"I like the second one", "recommend something", in English and Chinese.

Patterns match whole, short messages only, so an ordinary query ("the third man", "a cheaper car") is never taken
for a follow-up unless it is one.

>>> detect("more like the third one").kind, detect("more like the third one").position
('more_like', 3)
>>> detect("第三个").position
3
>>> detect("a red car") is None
True
"""
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
            "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "ninth": 9, "9th": 9,
            "tenth": 10, "10th": 10, "last": -1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}
ZH_ORDINALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
EN_ORD = (r"(?:the\s+)?(?:(?P<word>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|1st|2nd|3rd|"
          r"[4-9]th|10th)(?:\s+(?:one|item|result|picture|image|pic))?|(?:#|no\.?\s*|number\s+|item\s+|result\s+)"
          r"(?P<num>\d+|one|two|three|four|five|six|seven|eight|nine|ten))")
ZH_ORD = r"(?:第(?P<zh>[一二两三四五六七八九十]|\d+)(?:个|张|件|款|项|条)?|最后(?:一)?(?:个|张|件)(?P<zhlast>))"
END = r"\s*(?:please|pls|thanks|thank you)?\s*[.!?。！？]*\s*$"

Kind = Literal["more_like", "cheaper", "more", "before", "like", "dislike", "purchase", "recommend"]


class FollowUp(BaseModel):
    """A recognised follow-up and the result position it refers to (1-based; -1 = the last one)."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind
    position: int | None = Field(default=None, description="1-based position in the previous results, -1 for the last.")
    rest: str = Field(default="", description="Words left after the follow-up phrase (e.g. extra constraints).")


def _position(match: re.Match) -> int | None:
    groups = match.groupdict()
    if groups.get("word"):
        return ORDINALS[groups["word"].lower()]
    if groups.get("num"):
        num = groups["num"].lower()
        return int(num) if num.isdigit() else ORDINALS[num]
    if groups.get("zh"):
        zh = groups["zh"]
        return int(zh) if zh.isdigit() else ZH_ORDINALS[zh]
    if groups.get("zhlast") is not None:
        return -1
    return None


I = re.IGNORECASE
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("dislike", re.compile(rf"^\s*(?:i\s+)?(?:(?:don'?t|do\s+not)\s+(?:really\s+)?like|dislike|hate)\s+{EN_ORD}", I)),
    ("like", re.compile(rf"^\s*(?:i\s+(?:really\s+)?(?:like|love)|love)\s+{EN_ORD}", I)),
    ("purchase", re.compile(rf"^\s*(?:i'?ll\s+|i\s+will\s+|let\s+me\s+)?(?:buy|take|purchase|order)\s+{EN_ORD}", I)),
    ("more_like", re.compile(rf"^\s*(?:show\s+(?:me\s+)?|find\s+|give\s+me\s+|any(?:thing)?\s+)?(?:more|others?|some(?:thing)?|"
                             rf"ones?|items?|things?)?\s*(?:more\s+)?(?:like|similar\s+to|resembling)\s+{EN_ORD}", I)),
    ("more_like", re.compile(rf"^\s*(?:and\s+|what\s+about\s+|how\s+about\s+)?{EN_ORD}{END}", I)),
    ("dislike", re.compile(rf"^\s*(?:我)?(?:不喜欢|讨厌){ZH_ORD}")),
    ("like", re.compile(rf"^\s*(?:我)?(?:很|挺|真)?(?:喜欢|爱){ZH_ORD}")),
    ("purchase", re.compile(rf"^\s*(?:我)?(?:要买|买|购买|就要){ZH_ORD}")),
    ("more_like", re.compile(rf"^\s*(?:再)?(?:来|找|给我看)?(?:些|一些)?(?:和|跟|像)?{ZH_ORD}(?:的)?(?:类似|相似|一样|差不多)?的?")),
    ("more_like", re.compile(rf"^\s*(?:类似|相似于|像){ZH_ORD}")),
    ("before", re.compile(rf"^\s*(?:and\s+|what\s+about\s+|how\s+about\s+)?(?:the\s+)?(?:one|item|result|page|ones)\s+before(?:\s+that)?{END}|"
                          rf"^\s*(?:go\s+)?back{END}|^\s*(?:the\s+)?previous(?:\s+(?:one|page|results?|item))?{END}", I)),
    ("before", re.compile(r"^\s*(?:那)?(?:前一个|上一个|之前那个|之前的|上一页|前一页|返回|回到上一个)[呢吗]?[?？。]*\s*$")),
    ("cheaper", re.compile(r"^\s*(?:show\s+(?:me\s+)?|any(?:thing)?\s+|something\s+|find\s+|are\s+there\s+)?(?:some\s+|any\s+)?"
                           r"(?:cheaper|less\s+expensive|lower[- ]priced|more\s+affordable)(?:\s+(?:ones?|options?|items?|alternatives?|stuff))?", I)),
    ("cheaper", re.compile(r"^\s*(?:有没有|有|要|来)?(?:更便宜|便宜一点|便宜点|便宜些|再便宜|更实惠)")),
    ("more", re.compile(rf"^\s*(?:show\s+(?:me\s+)?|give\s+me\s+|load\s+|see\s+)?(?:some\s+)?(?:more|next(?:\s+page)?|more\s+results|"
                        rf"other\s+(?:ones|options|results)|anything\s+else|what\s+else|others){END}", I)),
    ("more", re.compile(r"^\s*(?:再来|再看|再给我|更多|下一页|还有吗|还有别的|还有其他|换一批|再来一些|再看看|多一些)")),
    ("recommend", re.compile(rf"^\s*(?:please\s+)?(?:recommend|suggest)\s+(?:me\s+)?(?:something|some\s+things?|items?|"
                             rf"anything)?(?:\s+(?:for\s+me|i\s+might\s+like|i'?d\s+like))?{END}|"
                             rf"^\s*what\s+(?:would|do|might)\s+you\s+recommend(?:\s+for\s+me)?{END}|"
                             rf"^\s*(?:any\s+)?recommendations?(?:\s+for\s+me)?{END}", I)),
    ("recommend", re.compile(r"^\s*(?:请|能)?(?:给我|为我|帮我)?(?:推荐|推荐一下|推荐点|推荐一些)(?:东西|商品|点什么|一些|些)?(?:吧|吗)?[?？。！]*\s*$")),
]
# follow-ups that need an item position
NEEDS_POSITION = {"like", "dislike", "purchase"}


def detect(text: str) -> FollowUp | None:
    """The follow-up this message is, or None for a fresh query."""
    text = (text or "").strip()
    if not text or len(text) > 120:
        return None
    for kind, pattern in PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        position = _position(match)
        if kind in NEEDS_POSITION and position is None:
            continue
        rest = text[match.end():].strip(" ,.!?。！？，")
        if kind in ("more_like", "like", "dislike", "purchase") and rest and not _constraint_like(rest):
            continue  # "the third man walks" is a query, not a reference
        return FollowUp(kind=kind, position=position, rest=rest)
    return None


def _constraint_like(rest: str) -> bool:
    """Whether words after a follow-up read as extra constraints ("but in red", "under $50", "但是红色的")."""
    return bool(re.match(r"^(?:but|and|in|under|below|over|above|between|for|that|which|with|only|cheaper|in\s+\w+|"
                         r"但|但是|而且|要|价格|便宜|红|蓝|绿|黄|黑|白|\d)", rest, re.IGNORECASE)) or rest.lower() in (
        "one", "ones", "item", "items", "please", "的", "那个", "呢")
