"""The surveillance agent in the chat: English and Chinese questions about alerts and frames, with typed data."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from agents import get
from agents.surveillance.agent import AlertList, FrameList, RuleCheck, SurveillanceAgent
from agents.surveillance.alerts import AlertBook
from agents.surveillance.chat import parse_request, translate_zh

CAMERAS, RULES = ["gate", "parking", "lobby"], ["fire", "person", "vehicle", "weapon"]


@pytest.mark.parametrize("text, kind, fields", [
    ("any alerts at the gate in the last hour?", "list", {"camera": "gate", "window": timedelta(hours=1)}),
    ("show unacknowledged alerts", "list", {"state": "open"}),
    ("critical fire alerts today", "list", {"severity": "critical", "rule": "fire"}),
    ("show alerts from the lobby in the past 30 minutes", "list", {"camera": "lobby", "window": timedelta(minutes=30)}),
    ("acknowledge alert 42", "ack", {"alert_id": 42}),
    ("resolve alert 7", "resolve", {"alert_id": 7}),
    ("find frames with a white van", "find", {"query": "a white van"}),
    ("最近一小时门口有警报吗？", "list", {"camera": "gate", "window": timedelta(hours=1), "chinese": True}),
    ("显示未确认的警报", "list", {"state": "open"}),
    ("过去30分钟停车场有火灾报警吗", "list", {"camera": "parking", "window": timedelta(minutes=30), "rule": "fire"}),
    ("确认警报42", "ack", {"alert_id": 42}),
    ("解决 7 号警报", "resolve", {"alert_id": 7}),
    ("查找有白色面包车的画面", "find", {"query": "white van"}),
])
def test_requests_are_understood(text, kind, fields):
    intent = parse_request(text, CAMERAS, RULES)
    assert intent.kind == kind
    for key, value in fields.items():
        assert getattr(intent, key) == value, key


def test_attached_image_means_check_and_chinese_lexicon():
    assert parse_request("check this frame", CAMERAS, RULES, has_image=True).kind == "check"
    assert parse_request("检查这张图片", CAMERAS, RULES, has_image=True).kind == "check"
    assert translate_zh("穿红色夹克的人") == "wearing red jacket person"


@pytest.fixture
def agent(advisor_home):
    book = AlertBook.of(advisor_home.context)
    now = datetime.now(timezone.utc)
    ids = {}
    for name, rule, camera, minutes, severity in [("old_gate", "fire", "gate", 180, "critical"),
                                                  ("gate", "person", "gate", 10, "info"),
                                                  ("lobby", "weapon", "lobby", 5, "critical")]:
        ids[name] = book.add_alert(rule=rule, camera=camera, frame_ref=f"{name}.jpg", time=now - timedelta(minutes=minutes),
                                   score=0.7, severity=severity, thumbnail=None, scores={}).id
    return SurveillanceAgent(advisor_home.context), ids


def test_agent_is_registered():
    assert get("surveillance") is SurveillanceAgent
    assert len([e for e in SurveillanceAgent.examples if parse_request(e).chinese]) >= 15


def test_alerts_at_the_gate_in_the_last_hour(agent):
    surveillance, ids = agent
    reply = surveillance.invoke("any alerts at the gate in the last hour?")
    assert isinstance(reply.data, AlertList) and reply.data.kind == "alerts"
    assert [a.id for a in reply.data.alerts] == [ids["gate"]]
    assert reply.data.filters["camera"] == "gate" and "#%d" % ids["gate"] in reply.text
    zh = surveillance.invoke("最近一小时门口有警报吗？")
    assert [a.id for a in zh.data.alerts] == [ids["gate"]] and "找到 1 条警报" in zh.text


def test_acknowledge_and_unacknowledged(agent):
    surveillance, ids = agent
    reply = surveillance.invoke({"text": f"acknowledge alert {ids['lobby']}", "user_id": "maria"})
    assert reply.error is None and reply.data.alerts[0].state == "acknowledged"
    assert reply.data.alerts[0].acknowledged_by == "maria" and "maria" in reply.text
    open_ids = [a.id for a in surveillance.invoke("show unacknowledged alerts").data.alerts]
    assert open_ids == [ids["gate"], ids["old_gate"]]
    zh = surveillance.invoke(f"解决警报{ids['gate']}")
    assert zh.data.alerts[0].state == "resolved" and "已解决" in zh.text
    missing = surveillance.invoke("acknowledge alert 9999")
    assert missing.error and "no alert with id 9999" in missing.text


def test_find_frames_by_text(agent, advisor_home):
    from agents.surveillance.synth import compose_frame

    surveillance, _ = agent
    assert "No stored frames" in surveillance.invoke("find frames with a white van").text
    rng = random.Random(3)
    book = AlertBook.of(advisor_home.context)
    now = datetime.now(timezone.utc)
    for camera, labels in (("gate", ["vehicle"]), ("lobby", ["fire"])):
        image, _ = compose_frame(camera, labels, rng, n_distractors=0, scale=(0.6, 0.7))
        book.add_frame(camera, now, f"{camera}.jpg", None, advisor_home.encoder.encode_images([image])[0])
    reply = surveillance.invoke("find frames with a truck")
    assert isinstance(reply.data, FrameList) and reply.data.kind == "frames" and reply.data.query == "a truck"
    assert reply.data.frames[0].camera == "gate"
    zh = surveillance.invoke("查找有火焰的画面")
    assert zh.data.query == "flames" and zh.data.frames[0].camera == "lobby"


def test_check_this_frame(agent, tmp_path):
    from agents.surveillance.synth import draw_background, draw_flames

    surveillance, _ = agent
    rng = random.Random(1)
    scene = draw_background("gate", rng)
    flames = draw_flames(rng, 220)
    scene.paste(flames, (300, 200), flames)
    path = tmp_path / "snapshot.jpg"
    scene.save(path)
    reply = surveillance.invoke({"text": "check this frame", "image": str(path)})
    assert isinstance(reply.data, RuleCheck) and reply.data.kind == "frame_check"
    scores = {r["rule"]: r for r in reply.data.rules}
    assert scores["fire"]["matched"] and scores["fire"]["probability"] == max(r["probability"] for r in reply.data.rules)
    assert "fire" in reply.text
    bad = surveillance.invoke({"text": "check this frame", "image": str(tmp_path / "missing.jpg")})
    assert bad.error and "cannot read the image" in bad.text


def test_agent_without_advisor_explains():
    reply = SurveillanceAgent(None).invoke("show alerts")
    assert reply.error == "no advisor"
