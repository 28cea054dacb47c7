"""Understanding operators' questions about alerts and frames, in English and Chinese.

The default text encoder is English-first (most Chinese characters become ``[UNK]``), so Chinese requests are
read with small bilingual lexicons: intent words, time expressions, states, severities, camera places and the
things people search footage for ("白色面包车" -> "white van").

Example::

    >>> from agents.surveillance.chat import parse_request
    >>> intent = parse_request("any alerts at the gate in the last hour?", cameras=["gate", "lobby"])
    >>> intent.kind, intent.camera, round(intent.window.total_seconds())
    ('list', 'gate', 3600)
    >>> parse_request("确认警报42").kind, parse_request("确认警报42").alert_id
    ('ack', 42)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional

CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_NUMBERS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "半": 0.5}
UNITS = {"minute": 60, "min": 60, "hour": 3600, "hr": 3600, "day": 86400, "week": 604800,
         "分钟": 60, "分": 60, "小时": 3600, "钟头": 3600, "天": 86400, "日": 86400, "周": 604800, "星期": 604800}

ACK = re.compile(r"\b(ack|acknowledge|acknowledged|acknowledging)\b|确认|签收|知悉", re.I)
RESOLVE = re.compile(r"\b(resolve|resolved|close|dismiss|clear)\b|解决|关闭|解除|处理完", re.I)
FIND = re.compile(r"\b(find|search|look for|locate|show me)\b.*\b(frames?|footage|images?|pictures?|snapshots?|recordings?|shots?)\b"
                  r"|\b(frames?|footage|snapshots?)\b\s+(with|of|showing|containing)\b"
                  r"|(查找|搜索|寻找|找一?下?|查一?下?|搜).*(画面|帧|图像|图片|录像|截图|镜头)", re.I)
CHECK = re.compile(r"\b(check|scan|analy[sz]e|inspect|look at)\b.*\b(this|frame|image|picture|photo|snapshot)\b"
                   r"|检查|看看这|分析这|这张|这一帧", re.I)
STATES = [
    (re.compile(r"\b(unacknowledged|unacked|unhandled|pending|open|new|unresolved)\b|未确认|未处理|待处理|未解决|新的?", re.I), "open"),
    (re.compile(r"\backnowledged\b|已确认|已签收", re.I), "acknowledged"),
    (re.compile(r"\b(resolved|closed)\b|已解决|已关闭|已处理", re.I), "resolved"),
]
SEVERITIES = [(re.compile(r"\b(critical|urgent|severe)\b|严重|紧急|危急", re.I), "critical"),
              (re.compile(r"\bwarnings?\b|警告", re.I), "warning"),
              (re.compile(r"\binfo(rmational)?\b|提示|信息", re.I), "info")]
CAMERA_WORDS = {"gate": ["大门", "门口", "门"], "parking": ["停车场", "车位"], "lobby": ["大厅", "大堂", "前台"],
                "entrance": ["入口"], "exit": ["出口"], "garage": ["车库"], "yard": ["院子", "庭院"], "street": ["街道", "马路"],
                "office": ["办公室"], "warehouse": ["仓库"], "door": ["门"], "corridor": ["走廊"], "fence": ["围栏", "栅栏"]}
ZH_EN = {
    "行人": "pedestrian", "男人": "man", "女人": "woman", "男子": "man", "女子": "woman", "小孩": "child", "孩子": "child",
    "人员": "person", "人": "person", "面包车": "van", "卡车": "truck", "货车": "truck", "公交车": "bus", "巴士": "bus",
    "摩托车": "motorcycle", "自行车": "bicycle", "轿车": "car", "汽车": "car", "车辆": "vehicle", "车": "car",
    "火焰": "flames", "着火": "fire", "起火": "fire", "失火": "fire", "火灾": "fire", "火": "fire", "烟雾": "smoke",
    "烟": "smoke", "手枪": "pistol", "步枪": "rifle", "枪": "gun", "刀": "knife", "武器": "weapon", "狗": "dog",
    "猫": "cat", "包": "bag", "箱子": "box", "白色": "white", "红色": "red", "黑色": "black", "蓝色": "blue", "绿色": "green",
    "黄色": "yellow", "灰色": "grey", "白": "white", "红": "red", "黑": "black", "蓝": "blue", "夹克": "jacket",
    "外套": "coat", "帽子": "hat", "大门": "gate", "门口": "gate", "围栏": "fence", "栅栏": "fence", "停车场": "parking lot",
    "大厅": "lobby", "附近": "near", "穿": "wearing", "翻越": "climbing", "爬": "climbing",
}
ZH_EN_RULES = {"火": "fire", "火灾": "fire", "起火": "fire", "烟": "smoke", "人": "person", "人员": "person", "行人": "person",
               "车": "vehicle", "车辆": "vehicle", "汽车": "car", "武器": "weapon", "枪": "weapon", "刀": "weapon", "入侵": "intrusion"}
ID = re.compile(r"(?:#|\bid\s*|\balerts?\s*|警报\s*|报警\s*|告警\s*|第\s*)?(\d+)")
FIND_QUERY = re.compile(r"\b(?:with|of|showing|containing|for)\s+(.+)$", re.I)


@dataclass
class Intent:
    kind: str  # list | ack | resolve | find | check
    alert_id: Optional[int] = None
    camera: Optional[str] = None
    window: Optional[timedelta] = None
    since: Optional[datetime] = None
    state: Optional[str] = None
    severity: Optional[str] = None
    rule: Optional[str] = None
    query: Optional[str] = None
    chinese: bool = False


def is_chinese(text: str) -> bool:
    return bool(CJK.search(text or ""))


def _zh_number(text: str) -> float | None:
    if text.isdigit():
        return float(text)
    if text in ZH_NUMBERS:
        return float(ZH_NUMBERS[text])
    if len(text) == 2 and text[0] == "十":
        return 10 + ZH_NUMBERS.get(text[1], 0)
    if len(text) >= 2 and text[1] == "十":
        return ZH_NUMBERS.get(text[0], 1) * 10 + (ZH_NUMBERS.get(text[2], 0) if len(text) > 2 else 0)
    return None


def parse_window(text: str, now: datetime) -> tuple[Optional[timedelta], Optional[datetime]]:
    """(window, since) from 'last hour', 'past 30 minutes', 'today', '最近一小时', '过去30分钟', '今天'..."""
    lower = text.lower()
    match = re.search(r"\b(?:last|past|previous|within(?: the)?(?: last)?)\s+(\d+|an?|one)?\s*(minute|min|hour|hr|day|week)s?\b", lower)
    if match:
        count = match[1]
        amount = 1.0 if count in (None, "a", "an", "one") else float(count)
        window = timedelta(seconds=amount * UNITS[match[2]])
        return window, now - window
    match = re.search(r"(?:最近|过去|近|这)?([0-9一两二三四五六七八九十半]+)\s*个?\s*(分钟|小时|钟头|天|星期|周)(?:内|以来|之内)?", text)
    if match and _zh_number(match[1]) is not None:
        window = timedelta(seconds=_zh_number(match[1]) * UNITS[match[2]])
        return window, now - window
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if re.search(r"\btoday\b|今天|今日", lower):
        return now - midnight, midnight
    if re.search(r"\byesterday\b|昨天|昨日", lower):
        return now - midnight + timedelta(days=1), midnight - timedelta(days=1)
    if re.search(r"\b(this|last) week\b|本周|这周|上周", lower):
        return timedelta(days=7), now - timedelta(days=7)
    return None, None


def match_camera(text: str, cameras: list[str]) -> Optional[str]:
    lower = text.lower()
    for name in sorted(cameras, key=len, reverse=True):
        if re.search(rf"(?<![a-z0-9]){re.escape(name.lower())}(?![a-z0-9])", lower):
            return name
    for key, words in CAMERA_WORDS.items():
        if any(w in text for w in words):
            for name in cameras:
                if key in name.lower():
                    return name
    return None


def match_rule(text: str, rules: list[str]) -> Optional[str]:
    lower = text.lower()
    for name in sorted(rules, key=len, reverse=True):
        if re.search(rf"(?<![a-z0-9]){re.escape(name.lower())}(?![a-z0-9])", lower):
            return name
    for word in sorted(ZH_EN_RULES, key=len, reverse=True):
        if word in text:
            target = ZH_EN_RULES[word]
            for name in rules:
                if target in name.lower():
                    return name
    return None


def translate_zh(text: str) -> str:
    """Greedy longest-match of the surveillance lexicon: '穿红色夹克的人' -> 'wearing red jacket person'."""
    words, i = [], 0
    keys = sorted(ZH_EN, key=len, reverse=True)
    while i < len(text):
        for key in keys:
            if text.startswith(key, i):
                words.append(ZH_EN[key])
                i += len(key)
                break
        else:
            if text[i].isascii() and not text[i].isspace():
                j = i
                while j < len(text) and text[j].isascii() and not text[j].isspace():
                    j += 1
                words.append(text[i:j])
                i = j
            else:
                i += 1
    return " ".join(dict.fromkeys(w for w in words if w))


def _find_query(text: str, chinese: bool) -> str:
    if chinese:
        body = re.sub(r"查找|搜索|寻找|找一?下?|查一?下?|搜|画面|帧|图像|图片|录像|截图|镜头|有|的|包含|出现", " ", text)
        return translate_zh(body)
    match = FIND_QUERY.search(text.strip().rstrip("?.!"))
    if match:
        return match[1].strip()
    return re.sub(r"\b(find|search|look for|locate|show me|frames?|footage|images?|pictures?|snapshots?)\b", " ", text, flags=re.I).strip()


def _alert_id(text: str) -> Optional[int]:
    numbers = [int(m[1]) for m in ID.finditer(text)]
    return numbers[-1] if numbers else None


def parse_request(text: str, cameras: list[str] | None = None, rules: list[str] | None = None,
                  has_image: bool = False, now: datetime | None = None) -> Intent:
    """What the operator wants: list alerts, acknowledge/resolve one, find frames, or check an image."""
    text = (text or "").strip()
    now = now or datetime.now().astimezone()
    chinese = is_chinese(text)
    cameras, rules = cameras or [], rules or []
    if RESOLVE.search(text) and _alert_id(text) is not None and not re.search(r"已解决|已关闭|\bresolved\b", text, re.I):
        return Intent("resolve", alert_id=_alert_id(text), chinese=chinese)
    if ACK.search(text) and _alert_id(text) is not None and not re.search(r"未确认|已确认|\bunacknowledged\b", text, re.I):
        return Intent("ack", alert_id=_alert_id(text), chinese=chinese)
    window, since = parse_window(text, now)
    camera = match_camera(text, cameras)
    if has_image and CHECK.search(text):
        return Intent("check", camera=camera, chinese=chinese)
    if FIND.search(text):
        return Intent("find", camera=camera, window=window, since=since, query=_find_query(text, chinese), chinese=chinese)
    if has_image:
        return Intent("check", camera=camera, chinese=chinese)
    state = next((value for pattern, value in STATES if pattern.search(text)), None)
    severity = next((value for pattern, value in SEVERITIES if pattern.search(text)), None)
    return Intent("list", camera=camera, window=window, since=since, state=state, severity=severity,
                  rule=match_rule(text, rules), chinese=chinese)
