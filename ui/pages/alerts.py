"""Alerts page: the live alert list with filters, acknowledge/resolve, and semantic search over stored frames."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import streamlit as st

from advisor.application import views
from ui import auth, render, resources
from ui.errors import guard
from ui.uploads import IMAGE_TYPES, UploadError, save_upload

ALL = "All"
STATES = ("open", "acknowledged", "resolved", "dismissed")
WINDOWS = {"Any time": None, "Last hour": timedelta(hours=1), "Last 24 hours": timedelta(days=1),
           "Last 7 days": timedelta(days=7)}
REFRESH_S = 10


def filters(facets: dict[str, list[str]]) -> dict[str, Any]:
    columns = st.columns(4)
    camera = columns[0].selectbox("Camera", [ALL, *facets["cameras"]], key="alerts-camera")
    rule = columns[1].selectbox("Rule", [ALL, *facets["rules"]], key="alerts-rule")
    state = columns[2].selectbox("State", [ALL, *STATES], index=1, key="alerts-state")
    window = columns[3].selectbox("Time", list(WINDOWS), key="alerts-window")
    since = datetime.now(timezone.utc) - WINDOWS[window] if WINDOWS[window] else None
    return {"camera": None if camera == ALL else camera, "rule": None if rule == ALL else rule,
            "state": None if state == ALL else state, "since": since}


@st.fragment(run_every=REFRESH_S)
def alert_list(advisor: Any, user: str, chosen: dict[str, Any]) -> None:
    """The alert cards; refreshed every few seconds so that new alerts appear without a reload."""
    with guard("listing the alerts"):  # a fragment's errors do not reach the page's guard
        alerts = views.list_alerts(advisor, **chosen)
        st.caption(f"{len(alerts)} alert(s) · refreshed {datetime.now().strftime('%H:%M:%S')}")
        if not alerts:
            st.info("No alerts match these filters.")
        for alert in alerts:
            render.alert_card(alert, render.Context(advisor, user, key="alerts"), allow_resolve=True)
            why_it_fired(advisor, user, alert)


def why_it_fired(advisor: Any, user: str, alert: dict[str, Any]) -> None:
    """The crop that fired, its score against the threshold and the rule's mode; dismissing it as a false alarm
    makes the rule less sensitive on this camera (undo restores it)."""
    scores = alert.get("scores") or {}
    with st.expander(f"Why #{alert['id']} fired", expanded=False):
        crop, facts = st.columns([1, 3])
        if scores.get("crop"):
            crop.image(scores["crop"], caption="what matched", width=160)
        mode = scores.get("mode", "presence")
        value = scores.get("probability") if mode == "presence" else scores.get("score")
        facts.markdown(f"mode **{mode}** · score **{float(value or 0):.3f}** ≥ threshold "
                       f"**{float(scores.get('threshold') or 0):.3f}**")
        facts.caption(" · ".join(f"{key} {scores[key]}" for key in ("track", "dwell_s", "end", "box") if scores.get(key)))
        if alert.get("state") == "dismissed":
            if facts.button("Undo dismissal", key=f"alerts-undismiss-{alert['id']}"):
                views.alert_action(advisor, int(alert["id"]), "undismiss", user)
                st.rerun()
        elif facts.button("Dismiss as false alarm", key=f"alerts-dismiss-{alert['id']}"):
            views.alert_action(advisor, int(alert["id"]), "dismiss", user)
            st.toast(f"Alert #{alert['id']} dismissed: rule {alert['rule']} is less sensitive on {alert['camera']}.")
            st.rerun()


def frame_search(advisor: Any, cameras: list[str]) -> None:
    st.subheader("Search past frames")
    with st.form("frame-search"):
        text = st.text_input("Describe what you are looking for", placeholder="person in a red jacket near the gate",
                             key="frames-query")
        image = st.file_uploader("…or show an example frame", type=list(IMAGE_TYPES), key="frames-image")
        camera = st.selectbox("Camera", [ALL, *cameras], key="frames-camera")
        submitted = st.form_submit_button("Search frames")
    if not submitted:
        return
    image_path = None
    if image is not None:
        try:
            image_path = str(save_upload(advisor.settings, image.name, image.getvalue()))
        except UploadError as exc:
            st.error(str(exc))
            return
    if not (text or "").strip() and image_path is None:
        st.warning("Type a description or add an example frame.")
        return
    with guard("searching the frames"), st.spinner("Searching frames…"):
        frames = views.search_frames(advisor, text=text or None, image=image_path, k=12,
                                        camera=None if camera == ALL else camera)
        render.render_frames({"frames": frames}, render.Context(advisor, key="frames", interactive=False))


def render_page() -> None:
    advisor = resources.shared_advisor()
    st.title("🚨 Alerts")
    if not auth.gate(advisor.settings, "surveillance alerts"):
        st.stop()
    user = auth.user_id(advisor.settings)
    facets = views.alert_facets(advisor)
    alert_list(advisor, user, filters(facets))
    frame_search(advisor, facets["cameras"])


with guard("showing the alerts"):
    render_page()
