"""Price phrases in English and Chinese -> a range condition (``{"gte": 20, "lte": 50}``), with the matched spans.

>>> [c for c, _ in find_prices("red shoes under $100")]
[{'lt': 100.0}]
>>> [c for c, _ in find_prices("50到100元之间的包")]
[{'gte': 50.0, 'lte': 100.0}]
"""
from __future__ import annotations

import re

NUM = r"(-?\d+(?:,\d{3})*(?:\.\d+)?|[零一二两三四五六七八九十百千万]+)(\s*k\b)?"
CUR_PRE = r"(?:\$|us\$|usd\s*|€|£|¥|rmb\s*)?"
CUR_POST = r"(?:\s*(?:dollars?|usd|bucks|euros?|pounds?|yuan|rmb|元|块钱|块|美元|刀|€|\$|£))?"
LEAD = r"(?:(?:that\s+|which\s+)?(?:costs?|costing|priced(?:\s+at)?|prices?|for|at)\s+)?"
ZH_UNIT = r"\s*(?:元|块钱|块|美元|刀)?"

CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def chinese_number(text: str) -> float | None:
    """Simple Chinese numerals: 五十 -> 50, 一百二十 -> 120, 两千 -> 2000, 十五 -> 15."""
    total, section, digit = 0, 0, None
    for char in text:
        if char in CN_DIGITS:
            digit = CN_DIGITS[char]
        elif char in CN_UNITS:
            unit = CN_UNITS[char]
            if unit == 10000:
                total = (total + section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
        else:
            return None
    return float(total + section + (digit or 0))


def to_number(text: str, thousands: str | None = None) -> float | None:
    text = text.strip()
    if re.fullmatch(r"[零一二两三四五六七八九十百千万]+", text):
        value = chinese_number(text)
    else:
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            return None
    if value is not None and thousands and thousands.strip():
        value *= 1000
    return value


def _has_currency(match: re.Match) -> bool:
    text = match.group(0).lower()
    return bool(re.search(r"[$€£¥元块刀]|dollar|usd|buck|euro|pound|yuan|rmb|price|cost", text))


# (pattern, builder(match) -> condition or None). Order matters: ranges before single bounds.
def _range(m: re.Match, a: int = 1, b: int = 3, need_currency: bool = False):
    if need_currency and not _has_currency(m):
        return None
    low, high = to_number(m.group(a), m.group(a + 1)), to_number(m.group(b), m.group(b + 1))
    if low is None or high is None:
        return None
    return {"gte": min(low, high), "lte": max(low, high)}


def _bound(op: str):
    def build(m: re.Match):
        value = to_number(m.group(1), m.group(2))
        return None if value is None else {op: value}
    return build


def _around(m: re.Match):
    value = to_number(m.group(1), m.group(2))
    if value is None or not _has_currency(m):
        return None
    return {"gte": round(value * 0.8, 2), "lte": round(value * 1.2, 2)}


I = re.IGNORECASE
NEGATED = r"(?:nothing|none|not(?:hing)?|no|never)\s+(?:priced\s+|costing\s+)?"
ENGLISH = [
    # a negated bound flips it: "nothing over 50" = at most 50, "nothing under 10" = at least 10
    (re.compile(rf"\b{NEGATED}(?:over|above|more\s+than|greater\s+than|higher\s+than|pricier\s+than|exceeding)\s*"
                rf"{CUR_PRE}{NUM}{CUR_POST}", I), _bound("lte")),
    (re.compile(rf"\b{NEGATED}(?:under|below|less\s+than|cheaper\s+than|lower\s+than)\s*{CUR_PRE}{NUM}{CUR_POST}", I),
     _bound("gte")),
    (re.compile(rf"\b{LEAD}between\s+{CUR_PRE}{NUM}{CUR_POST}\s+(?:and|&|to)\s+{CUR_PRE}{NUM}{CUR_POST}", I), _range),
    (re.compile(rf"\b{LEAD}from\s+{CUR_PRE}{NUM}{CUR_POST}\s+to\s+{CUR_PRE}{NUM}{CUR_POST}", I),
     lambda m: _range(m, need_currency=True)),
    (re.compile(rf"(?<![\w.-]){LEAD}{CUR_PRE}{NUM}{CUR_POST}\s*(?:-|–|~|to)\s*{CUR_PRE}{NUM}{CUR_POST}(?![\w.])", I),
     lambda m: _range(m, need_currency=True)),
    (re.compile(rf"\b{LEAD}(?:under|below|less\s+than|cheaper\s+than|lower\s+than|<)\s*{CUR_PRE}{NUM}{CUR_POST}", I), _bound("lt")),
    (re.compile(rf"\b{LEAD}(?:at\s+most|up\s+to|no\s+more\s+than|not\s+more\s+than|max(?:imum)?|within|<=)\s*{CUR_PRE}{NUM}{CUR_POST}", I), _bound("lte")),
    (re.compile(rf"\b{LEAD}(?:over|above|more\s+than|greater\s+than|higher\s+than|pricier\s+than|>)\s*{CUR_PRE}{NUM}{CUR_POST}", I), _bound("gt")),
    (re.compile(rf"\b{LEAD}(?:at\s+least|min(?:imum)?|starting\s+at|>=)\s*{CUR_PRE}{NUM}{CUR_POST}", I), _bound("gte")),
    (re.compile(rf"\b{LEAD}(?:around|about|roughly|approximately|~)\s*{CUR_PRE}{NUM}{CUR_POST}", I), _around),
]
CHINESE = [
    (re.compile(rf"(?:价格|价钱)?(?:在)?{NUM}{ZH_UNIT}\s*(?:到|至|-|~|—|－)\s*{NUM}{ZH_UNIT}\s*(?:之间)?"),
     lambda m: _range(m, need_currency=True) if not re.search("之间", m.group(0)) else _range(m)),
    (re.compile(rf"(?:价格|价钱)?(?:在)?{NUM}{ZH_UNIT}\s*(?:和|与)\s*{NUM}{ZH_UNIT}\s*之间"), _range),
    (re.compile(rf"(?:价格|价钱)?(?<!不)(?:低于|少于|小于|不到|便宜于)\s*{NUM}{ZH_UNIT}(?:以下|以内)?"), _bound("lt")),
    (re.compile(rf"(?:价格|价钱)?(?:不超过|不高于|最多|最高|不大于)\s*{NUM}{ZH_UNIT}(?:以下|以内)?"), _bound("lte")),
    (re.compile(rf"(?:价格|价钱)?(?:在)?{NUM}{ZH_UNIT}\s*(?:以下|以内|之内)"), _bound("lte")),
    (re.compile(rf"(?:价格|价钱)?(?<!不)(?:高于|超过|多于|大于|贵于)\s*{NUM}{ZH_UNIT}(?:以上)?"), _bound("gt")),
    (re.compile(rf"(?:价格|价钱)?(?:不低于|至少|最少|起码)\s*{NUM}{ZH_UNIT}(?:以上)?"), _bound("gte")),
    (re.compile(rf"(?:价格|价钱)?(?:在)?{NUM}{ZH_UNIT}\s*以上"), _bound("gte")),
    (re.compile(rf"(?:大约|大概|左右)?\s*{NUM}{ZH_UNIT}\s*左右"), _around),
]
CHEAP = re.compile(r"\b(?:cheap|inexpensive|budget|affordable|low[- ]cost|low[- ]priced|bargain)\b|不贵|便宜|实惠|划算|廉价", I)
EXPENSIVE = re.compile(r"\b(?:expensive|premium|luxury|luxurious|high[- ]end|pricey|upscale)\b|昂贵|高档|奢侈|贵的|高端", I)


def find_prices(text: str) -> list[tuple[dict[str, float], tuple[int, int]]]:
    """Every explicit price condition in the text, with the character span it came from."""
    found: list[tuple[dict[str, float], tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for pattern, build in ENGLISH + CHINESE:
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            condition = build(match)
            if condition is not None:
                found.append((condition, span))
                taken.append(span)
    return sorted(found, key=lambda pair: pair[1])


def merge_conditions(conditions: list[dict[str, float]]) -> dict[str, float]:
    """Intersect range conditions: the highest lower bound and the lowest upper bound win."""
    merged: dict[str, float] = {}
    for condition in conditions:
        for op, value in condition.items():
            if op in ("gt", "gte"):
                merged[op] = max(merged.get(op, value), value)
            elif op in ("lt", "lte"):
                merged[op] = min(merged.get(op, value), value)
            elif op == "nin":  # exclusions add up
                merged[op] = list(dict.fromkeys([*merged.get(op, []), *value]))
            else:  # a later "in"/"eq" replaces an earlier one
                merged[op] = value
    return merged


def describe(field: str, condition: dict[str, float]) -> str:
    """Human form: ``price ≥ 20 and ≤ 50``."""
    symbols = {"gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}
    parts = [f"{symbols[op]} {value:g}" for op, value in sorted(condition.items(), key=lambda kv: kv[0][0] != "g")
             if op in symbols]
    if condition.get("in"):
        parts.insert(0, "= " + " or ".join(map(str, condition["in"])))
    if condition.get("nin"):
        parts.append("not " + " or ".join(map(str, condition["nin"])))
    return f"{field} " + " and ".join(parts)


def is_empty_range(condition: dict[str, float]) -> bool:
    """True when no value can satisfy the condition (e.g. ≥ 50 and ≤ 20)."""
    if isinstance(condition.get("in"), list) and not condition["in"]:
        return True
    low = max([condition[o] for o in ("gt", "gte") if o in condition], default=None)
    high = min([condition[o] for o in ("lt", "lte") if o in condition], default=None)
    if low is None or high is None:
        return False
    strict = ("gt" in condition and condition["gt"] == low) or ("lt" in condition and condition["lt"] == high)
    return low > high or (low == high and strict)
