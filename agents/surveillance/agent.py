"""The ``surveillance`` agent: answers operators about alerts and past frames, in English and Chinese.

Example::

    >>> from agents.surveillance import SurveillanceAgent
    >>> agent = SurveillanceAgent(advisor)                              # doctest: +SKIP
    >>> agent.invoke("show unacknowledged alerts").data.kind            # doctest: +SKIP
    'alerts'
    >>> agent.invoke("acknowledge alert 42").text                       # doctest: +SKIP
    'Alert 42 (fire at gate) acknowledged by anonymous.'
"""
from __future__ import annotations

import logging
from typing import Any, Optional

from pydantic import Field

from advisor.core.encoder.images import ImageLoadError
from agents.base import Agent, AgentConfig, ReplyData
from agents.registry import register
from agents.surveillance.alerts import AlertBook, AlertError, AlertView, FrameView
from agents.surveillance.chat import Intent, parse_request
from agents.surveillance.checks import check_image

log = logging.getLogger(__name__)


class AlertList(ReplyData):
    """Alerts matching the question (newest first) and the filters that were applied."""

    kind: str = "alerts"
    alerts: list[AlertView] = Field(default_factory=list)
    filters: dict[str, Any] = Field(default_factory=dict)


class FrameList(ReplyData):
    """Stored frames most similar to a text (or image) query."""

    kind: str = "frames"
    query: str = ""
    frames: list[FrameView] = Field(default_factory=list)


class RuleCheck(ReplyData):
    """Scores of one image against every rule ("check this frame")."""

    kind: str = "frame_check"
    image: str = ""
    rules: list[dict[str, Any]] = Field(default_factory=list)


class SurveillanceConfig(AgentConfig):
    max_results: int = Field(default=10, ge=1, le=200, description="Most alerts or frames listed in one reply.")


def _when(alert: AlertView) -> str:
    return alert.time.astimezone().strftime("%Y-%m-%d %H:%M:%S")


@register
class SurveillanceAgent(Agent):
    name = "surveillance"
    description = "Camera surveillance: lists, acknowledges and resolves alerts, finds past frames, checks an image against alert rules."
    examples = [
        "any alerts at the gate in the last hour?", "show unacknowledged alerts", "acknowledge alert 42",
        "resolve alert 17", "find frames with a white van", "check this frame for anything dangerous",
        "were there any fire alerts today?", "show critical alerts from the parking camera",
        "list open security alerts", "did the cameras see a person near the fence?",
        "search camera footage for a person in a red jacket", "is there a weapon in this camera image?",
        "count the alerts nobody has acknowledged", "show me alerts from the lobby camera in the past 30 minutes",
        "any intrusions last night?", "mark alert 5 as acknowledged", "close alert 8, false alarm",
        "what did the surveillance cameras detect?", "show recent camera alerts", "find snapshots of a truck at the gate",
        "最近一小时门口有警报吗？", "显示未确认的警报", "确认警报42", "关闭警报17", "查找有白色面包车的画面",
        "检查这张监控截图", "今天有火灾报警吗？", "显示停车场摄像头的严重警报", "列出所有未处理的告警",
        "摄像头有没有拍到有人翻越围栏？", "搜索穿红色夹克的人的录像", "这张图片里有武器吗？", "还有多少警报没有处理？",
        "大厅摄像头过去30分钟有什么警报？", "昨晚有人闯入吗？", "把42号警报标记为已确认", "监控画面里有可疑车辆吗？",
        "最近的监控报警", "查一下门口有卡车的画面", "解决警报8，误报",
    ]
    Config = SurveillanceConfig

    def invoke(self, request, config=None, **kwargs):
        if self.context is None:
            return self.reply("The surveillance agent needs a data home (an Advisor) to read alerts.",
                              error="no advisor")
        book = AlertBook.of(self.context)
        intent = parse_request(request.text, book.camera_names(), book.rule_names(), has_image=bool(request.image))
        try:
            if intent.kind in ("ack", "resolve"):
                return self._change_state(book, intent, request.user_id)
            if intent.kind == "find":
                return self._find(book, intent, request.image)
            if intent.kind == "check":
                return self._check(request.image, intent)
            return self._list(book, intent)
        except AlertError as exc:
            return self.reply(("无法完成：" if intent.chinese else "Cannot do that: ") + str(exc), error=str(exc))

    # -- intents ----------------------------------------------------------------------------------------------
    def _list(self, book: AlertBook, intent: Intent):
        limit = self.config.max_results
        alerts = book.list_alerts(camera=intent.camera, since=intent.since, state=intent.state, rule=intent.rule,
                                  severity=intent.severity, limit=limit)
        filters = {k: v for k, v in {"camera": intent.camera, "since": intent.since.isoformat() if intent.since else None,
                                     "state": intent.state, "rule": intent.rule, "severity": intent.severity}.items() if v}
        data = AlertList(alerts=alerts, filters=filters)
        where = f" ({', '.join(f'{k}={v}' for k, v in filters.items())})" if filters else ""
        if intent.chinese:
            if not alerts:
                return self.reply(f"没有符合条件的警报{where}。", data=data, state={"last_alerts": []})
            lines = [f"#{a.id} {_when(a)} {a.camera} {a.rule} [{a.severity}] {a.state} 分数 {a.score:.2f}" for a in alerts]
            return self.reply(f"找到 {len(alerts)} 条警报{where}：\n" + "\n".join(lines), data=data,
                              state={"last_alerts": [a.id for a in alerts]})
        if not alerts:
            return self.reply(f"No alerts{where}.", data=data, state={"last_alerts": []})
        lines = [f"#{a.id} {_when(a)} {a.camera}: {a.rule} [{a.severity}, {a.state}] score {a.score:.2f}" for a in alerts]
        more = " (showing the newest)" if len(alerts) == limit else ""
        return self.reply(f"{len(alerts)} alert(s){where}{more}:\n" + "\n".join(lines), data=data,
                          state={"last_alerts": [a.id for a in alerts]})

    def _change_state(self, book: AlertBook, intent: Intent, user: str):
        if intent.kind == "ack":
            alert = book.acknowledge(intent.alert_id, by=user)
            verb, zh = "acknowledged", "已确认"
        else:
            alert = book.resolve(intent.alert_id, by=user)
            verb, zh = "resolved", "已解决"
        data = AlertList(alerts=[alert], filters={"id": alert.id})
        if intent.chinese:
            return self.reply(f"警报 {alert.id}（{alert.camera} 的 {alert.rule}）{zh}，操作人 {user}。", data=data)
        return self.reply(f"Alert {alert.id} ({alert.rule} at {alert.camera}) {verb} by {user}.", data=data)

    def _find(self, book: AlertBook, intent: Intent, image: Optional[str]):
        query = (intent.query or "").strip()
        if not query and not image:
            text = "请说明要查找什么画面，例如“查找有白色面包车的画面”。" if intent.chinese else\
                "What should the frames show? For example: find frames with a white van."
            return self.reply(text, data=FrameList(query=""))
        vector = self.context.search.embed_query(text=query or None, image=image)
        frames = book.search_frames(vector, k=self.config.max_results, camera=intent.camera, since=intent.since)
        data = FrameList(query=query, frames=frames)
        if not frames:
            return self.reply("没有找到已存储的画面。" if intent.chinese else "No stored frames to search yet.", data=data)
        lines = [f"frame {f.id} {f.time.astimezone():%Y-%m-%d %H:%M:%S} {f.camera} ({f.score:.2f}) {f.frame}" for f in frames]
        head = f"与“{query}”最相似的 {len(frames)} 个画面：" if intent.chinese else f"{len(frames)} frame(s) most like '{query}':"
        return self.reply(head + "\n" + "\n".join(lines), data=data)

    def _check(self, image: str, intent: Intent):
        try:
            results = check_image(self.context, image)
        except ImageLoadError as exc:
            raise AlertError(f"cannot read the image: {exc}") from exc
        data = RuleCheck(image=str(image), rules=results)
        hits = [r for r in results if r["matched"]]
        if intent.chinese:
            text = ("可能触发：" + "、".join(f"{r['rule']}（{r['probability']:.2f}）" for r in hits)) if hits else "这张画面没有触发任何规则。"
        else:
            text = ("Looks like: " + ", ".join(f"{r['rule']} ({r['severity']}, p={r['probability']:.2f})" for r in hits)
                    if hits else "Nothing in this frame matches a rule.")
        return self.reply(text, data=data)
