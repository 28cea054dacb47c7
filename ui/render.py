"""Render an agent's reply by its ``data.kind``: gallery, triage card, alert cards, frames, or a generic view.

Every renderer takes the reply data as a plain dict (a live ``ReplyData`` or one restored from the database)
and a :class:`Context`; unknown kinds fall back to :func:`render_generic`, so a new agent never breaks the app.

Example::

    render_reply_data(reply.data, Context(advisor=adv, user_id="local", key="m3"))
"""
from __future__ import annotations

import base64
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import streamlit as st

from advisor.application import views
from ui.errors import describe

log = logging.getLogger(__name__)
LEVEL_STYLE = {  # triage level -> (label, colour for markdown, icon)
    "emergent": ("Emergent: seek care now", "red", ":material/emergency:"),
    "non_emergent": ("Non-emergent: see a doctor within days", "orange", ":material/medical_services:"),
    "self_care": ("Self-care: care at home or from a pharmacy", "green", ":material/home_health:"),
}
TRIAGE_WORDS = {  # the card's own words, in the reply's language
    "en": {"emergent": LEVEL_STYLE["emergent"][0], "non_emergent": LEVEL_STYLE["non_emergent"][0],
           "self_care": LEVEL_STYLE["self_care"][0], "reasons": "Why", "advice": "What to do",
           "questions": "To be more precise, please tell me:",
           "crisis": "If you might act on thoughts of harming yourself, get help now:"},
    "zh": {"emergent": "紧急：请立即就医", "non_emergent": "非紧急：几天内看医生", "self_care": "自我护理：在家或药店处理",
           "reasons": "原因", "advice": "建议", "questions": "为了更准确，请告诉我：",
           "crisis": "如果你可能伤害自己，请立即求助："},
}
SEVERITY_COLOUR = {"critical": "red", "warning": "orange", "info": "blue"}
GALLERY_COLUMNS = 4


@dataclass
class Context:
    """What renderers need besides the data: the advisor, who is looking, a unique key prefix."""

    advisor: Any
    user_id: str = "local"
    key: str = "reply"
    interactive: bool = True


def as_dict(data: Any) -> dict[str, Any] | None:
    if data is None:
        return None
    if hasattr(data, "model_dump"):
        return data.model_dump(mode="json")
    return dict(data) if isinstance(data, dict) else {"value": data}


def image_source(value: Any) -> Any:
    """Something ``st.image`` can show (path, bytes, data URL), or None when the image is gone."""
    if value is None or value == "":
        return None
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    text = str(value)
    if text.startswith("data:image") and "," in text:
        try:
            return base64.b64decode(text.split(",", 1)[1])
        except ValueError:
            return None
    if text.startswith(("http://", "https://")):
        return text
    path = Path(text[7:] if text.startswith("file://") else text)
    return str(path) if path.is_file() else None


def show_image(value: Any, caption: str | None = None) -> None:
    source = image_source(value)
    if source is None:
        st.caption(f":material/hide_image: image not available{f' ({caption})' if caption else ''}")
        return
    try:
        st.image(source, caption=caption, width="stretch")
    except Exception as exc:  # noqa: BLE001 - a broken file shows a note, not an error page
        st.caption(f":material/broken_image: cannot show this image: {describe(exc)}")


def format_time(value: Any) -> str:
    """``2026-11-28T18:00:05.123+00:00`` -> ``2026-11-28 18:00:05 UTC`` (other values unchanged)."""
    try:
        when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    zone = when.tzname() or ""
    return when.strftime("%Y-%m-%d %H:%M:%S") + (f" {zone}" if zone else "")


def _first_list(data: dict, names: tuple[str, ...]) -> list[dict]:
    for name in names:
        value = data.get(name)
        if isinstance(value, list):
            return [v for v in value if isinstance(v, dict)]
    for value in data.values():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            return value
    return []


# -- search results ------------------------------------------------------------------------------------------
def render_gallery(data: dict, ctx: Context) -> None:
    """Result cards: image, caption, score, explanation, and like/dislike buttons feeding recommendations."""
    results = _first_list(data, ("results", "items", "hits", "recommendations"))
    if data.get("constraints"):
        st.caption("Filters: " + ", ".join(str(c) for c in data["constraints"]))
    for note in data.get("notes") or []:
        st.caption(f"ℹ️ {note}")
    if not results:
        st.caption("No results.")
        return
    for row_start in range(0, len(results), GALLERY_COLUMNS):
        columns = st.columns(GALLERY_COLUMNS)
        for column, (rank, hit) in zip(columns, enumerate(results[row_start:row_start + GALLERY_COLUMNS], row_start + 1)):
            with column, st.container(border=True):
                _result_card(hit, rank, ctx)


def _result_card(hit: dict, rank: int, ctx: Context) -> None:
    show_image(hit.get("image") or hit.get("uri"))
    st.markdown(f"**{rank}. {escape_markdown(str(hit.get('caption') or hit.get('title') or 'item'))}**")
    meta = hit.get("metadata") or {}
    details = [f"score {float(hit['score']):.3f}"] if isinstance(hit.get("score"), (int, float)) else []
    details += [f"{k} {v}" for k, v in meta.items() if k in ("category", "colour", "color", "price") and v not in (None, "")]
    if details:
        st.caption(" · ".join(details))
    if hit.get("explanation"):
        st.caption(f":material/lightbulb: {hit['explanation']}")
    item_id = hit.get("id")
    if ctx.interactive and isinstance(item_id, int):
        like, dislike = st.columns(2)
        if like.button("", icon=":material/thumb_up:", key=f"{ctx.key}-like-{item_id}-{rank}", help="Like: recommend more like this"):
            _feedback(ctx, item_id, "like")
        if dislike.button("", icon=":material/thumb_down:", key=f"{ctx.key}-dislike-{item_id}-{rank}", help="Dislike: show fewer like this"):
            _feedback(ctx, item_id, "dislike")


def _feedback(ctx: Context, item_id: int, kind: str) -> None:
    try:
        views.feedback(ctx.advisor, ctx.user_id, item_id, kind)
    except Exception as exc:  # noqa: BLE001
        st.toast(f"Feedback not saved: {describe(exc)}", icon=":material/warning:")
        return
    st.toast("Thanks! Noted that you like it." if kind == "like" else "Noted: fewer like this.", icon=":material/check_circle:")


# -- triage --------------------------------------------------------------------------------------------------
def as_lines(value: Any) -> list[str]:
    """Markdown lines for a string, a list of strings, or a list of reason-like dicts (title, detail, guidance)."""
    if value in (None, "", []):
        return []
    if isinstance(value, str):
        return [value]
    lines = []
    for entry in value if isinstance(value, list) else [value]:
        if isinstance(entry, dict):
            title = entry.get("title") or entry.get("name") or entry.get("rule") or entry.get("id") or ""
            text = entry.get("text") or entry.get("reason") or entry.get("explanation") or entry.get("detail") or ""
            guidance = entry.get("guidance")
            line = f"**{title}**: {text}" if title and text else f"**{title}**" if title else str(text or entry)
            lines.append(f"{line} _({guidance})_" if guidance else line)
        else:
            lines.append(str(entry))
    return lines


def render_triage(data: dict, ctx: Context) -> None:
    """A triage card: crisis resources first, the level in colour, reasons, advice, follow-ups, disclaimer."""
    words = TRIAGE_WORDS.get(str(data.get("language") or "en"), TRIAGE_WORDS["en"])
    crisis = as_lines(data.get("crisis_resources"))
    if crisis:
        st.error(f"**{words['crisis']}**\n\n" + "\n".join(f"- {c}" for c in crisis))
    level = str(data.get("level") or "unknown")
    _, colour, icon = LEVEL_STYLE.get(level, (level, "gray", ":material/help:"))
    with st.container(border=True):
        st.markdown(f"### {icon} :{colour}[{words.get(level, level.replace('_', ' ').capitalize())}]")
        for key in ("reasons", "advice"):
            lines = as_lines(data.get(key))
            if lines:
                st.markdown(f"**{words[key]}**\n\n" + "\n".join(f"- {line}" for line in lines))
        questions = as_lines(data.get("follow_up_questions"))
        if questions:
            st.markdown(f"**{words['questions']}**\n\n" + "\n".join(f"- {q}" for q in questions))
        if data.get("disclaimer"):
            st.caption(f":material/info: {data['disclaimer']}")


# -- surveillance --------------------------------------------------------------------------------------------
def render_alerts(data: dict, ctx: Context) -> None:
    """Alert cards: thumbnail, rule, camera, time, score, severity, state, and an acknowledge button."""
    alerts = _first_list(data, ("alerts",))
    if not alerts:
        st.caption("No alerts.")
        return
    try:
        views.refresh_alerts(ctx.advisor, alerts)  # a reply from earlier shows today's state
    except Exception as exc:  # noqa: BLE001 - the stored snapshot is still worth showing
        log.info("alert states not refreshed: %s", exc)
    for alert in alerts:
        alert_card(alert, ctx)


def alert_card(alert: dict, ctx: Context, allow_resolve: bool = False) -> None:
    alert_id = alert.get("id")
    severity = str(alert.get("severity") or "info")
    state = str(alert.get("state") or "open")
    with st.container(border=True):
        picture, text = st.columns([1, 3])
        with picture:
            show_image(alert.get("thumbnail") or alert.get("frame"))
        with text:
            colour = SEVERITY_COLOUR.get(severity, "gray")
            st.markdown(f"**#{alert_id} · {alert.get('rule', 'rule')}** :{colour}[{severity}] · _{state}_")
            score = alert.get("score")
            st.caption(" · ".join(str(part) for part in (
                f"camera {alert.get('camera', '?')}", format_time(alert.get("time")) if alert.get("time") else "",
                f"score {float(score):.3f}" if isinstance(score, (int, float)) else "") if part))
            if alert.get("acknowledged_by"):
                st.caption(f"acknowledged by {alert['acknowledged_by']}")
            if ctx.interactive and isinstance(alert_id, int):
                buttons = st.columns(2)
                if state == "open" and buttons[0].button("Acknowledge", key=f"{ctx.key}-ack-{alert_id}"):
                    _alert_action(ctx, alert, "acknowledge")
                if allow_resolve and state != "resolved" and buttons[1].button("Resolve", key=f"{ctx.key}-resolve-{alert_id}"):
                    _alert_action(ctx, alert, "resolve")


def _alert_action(ctx: Context, alert: dict, action: str) -> None:
    try:
        views.alert_action(ctx.advisor, alert["id"], action, ctx.user_id)
    except Exception as exc:  # noqa: BLE001
        st.error(f"Could not {action} alert #{alert['id']}: {describe(exc)}")
        return
    # the card may come from an earlier chat reply: show the new state there too
    alert["state"] = "acknowledged" if action == "acknowledge" else "resolved"
    if action == "acknowledge":
        alert["acknowledged_by"] = ctx.user_id
    st.toast(f"Alert #{alert['id']} {alert['state']}.", icon=":material/check_circle:")
    st.rerun()


def render_frames(data: dict, ctx: Context) -> None:
    """Stored camera frames that match a search: image, camera, time, score."""
    frames = _first_list(data, ("frames", "results"))
    if not frames:
        st.caption("No matching frames.")
        return
    columns = st.columns(GALLERY_COLUMNS)
    for index, frame in enumerate(frames):
        with columns[index % GALLERY_COLUMNS], st.container(border=True):
            show_image(frame.get("thumbnail") or frame.get("image") or frame.get("path") or frame.get("frame"))
            score = frame.get("score")
            st.caption(" · ".join(str(p) for p in (frame.get("camera"), format_time(frame.get("time")) if frame.get("time") else None,
                                                   f"score {float(score):.3f}" if isinstance(score, (int, float)) else None) if p))


def render_frame_check(data: dict, ctx: Context) -> None:
    """"Check this frame": the image and each rule's probability, matches first."""
    picture, table = st.columns([1, 2])
    with picture:
        show_image(data.get("image"))
    rules = sorted(_first_list(data, ("rules",)), key=lambda r: (not r.get("matched"), -float(r.get("probability") or 0)))
    with table:
        for rule in rules:
            colour = SEVERITY_COLOUR.get(str(rule.get("severity")), "gray") if rule.get("matched") else "gray"
            probability = float(rule.get("probability") or 0.0)
            st.progress(min(max(probability, 0.0), 1.0),
                        text=f":{colour}[{rule.get('rule', '?')}] {':material/check: matched' if rule.get('matched') else ''} p={probability:.2f}")


# -- anything else -------------------------------------------------------------------------------------------
def render_generic(data: dict, ctx: Context) -> None:
    """Unknown kinds: images found in list entries as a gallery, the rest as JSON."""
    rows = _first_list(data, ())
    if rows and any(image_source(r.get("image")) for r in rows):
        render_gallery({"results": rows}, Context(ctx.advisor, ctx.user_id, ctx.key, interactive=False))
    payload = {k: v for k, v in data.items() if k != "kind" and v not in (None, "", [], {})}
    if payload:
        with st.expander("Details"):
            st.json(payload, expanded=False)


RENDERERS: dict[str, Callable[[dict, Context], None]] = {
    "search_results": render_gallery,
    "results": render_gallery,
    "recommendations": render_gallery,
    "triage": render_triage,
    "alerts": render_alerts,
    "frames": render_frames,
    "frame_check": render_frame_check,
}


LIST_LINE = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)]|#\d+)\s")


def escape_markdown(text: str) -> str:
    """Agents' plain text as markdown: prices such as "$20 and $50" stay literal (not LaTeX), lines stay lines."""
    return (text or "").replace("$", "\\$").replace("\n", "  \n")


def has_card(data: Any) -> bool:
    """True when ``data`` is rendered by a dedicated card (its text would repeat the card)."""
    payload = as_dict(data)
    return bool(payload) and str(payload.get("kind")) in RENDERERS


def lead_text(text: str) -> str:
    """The reply's opening lines, up to the first list (the card shows the list).

    >>> lead_text("Results for red shoes:\\n1. red shoe\\n2. red boot")
    'Results for red shoes:'
    >>> lead_text("Triage level: self_care.\\nWhy:\\n- mild sore throat")
    'Triage level: self_care.'
    """
    lead: list[str] = []
    for line in (text or "").splitlines():
        if LIST_LINE.match(line) or (not line.strip() and lead):
            break
        lead.append(line)
    while len(lead) > 1 and lead[-1].rstrip().endswith((":", "：")):
        lead.pop()
    return "\n".join(lead).strip() or (text or "").strip()


def render_reply_data(data: Any, ctx: Context) -> None:
    """Render ``data`` by its kind; a renderer that fails shows a note and the raw data instead."""
    payload = as_dict(data)
    if not payload:
        return
    renderer = RENDERERS.get(str(payload.get("kind") or "generic"), render_generic)
    try:
        renderer(payload, ctx)
    except Exception as exc:  # noqa: BLE001 - one odd payload must not break the conversation
        log.warning("rendering %s failed", payload.get("kind"), exc_info=True)
        st.warning(f"Could not display this {payload.get('kind')} reply: {describe(exc)}")
        st.json(payload, expanded=False)


def render_scores(scores: dict[str, float] | None, agent: str | None, confidence: float | None, key: str) -> None:
    """An expander with the router's confidence for every agent."""
    if not scores:
        return
    title = f"Routing: {agent} ({confidence:.0%})" if agent and isinstance(confidence, (int, float)) else "Routing scores"
    with st.expander(title):
        for name, value in sorted(scores.items(), key=lambda kv: -kv[1]):
            st.progress(min(max(float(value), 0.0), 1.0), text=f"{name}: {float(value):.2f}")
