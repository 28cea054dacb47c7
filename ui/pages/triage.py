"""Triage page: the stored de-identified triage cases with their level and the reasons behind it."""
from __future__ import annotations

from typing import Any

import streamlit as st

from advisor.application import views
from ui import auth, render, resources
from ui.errors import guard

ALL = "All levels"


def reason_titles(reasons: list[Any]) -> str:
    titles = [str(r.get("title") or r.get("id")) if isinstance(r, dict) else str(r) for r in reasons or []]
    return "; ".join(t for t in titles if t)


def evidence_rows(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One table row per finding: what was said, whether it is present, whose it is and its own attributes."""
    return [{"finding": e.get("finding"), "status": e.get("status"), "subject": e.get("subject"),
             "duration (days)": e.get("duration_days"), "severity": e.get("severity"),
             "qualifiers": ", ".join(e.get("qualifiers") or [])} for e in evidence]


def case_card(case: dict[str, Any], advisor: Any) -> None:
    label, colour, icon = render.LEVEL_STYLE.get(case["level"], (case["level"], "gray", ":material/help:"))
    with st.container(border=True):
        st.markdown(f"**Case #{case['id']}** · {icon} :{colour}[{label}] · {render.format_time(case.get('created_at'))[:16]}"
                    f" · {case.get('language', '')}")
        st.markdown(f"> {case.get('text') or '(no description)'}")
        reasons = render.as_lines(case.get("reasons"))
        if reasons:
            st.markdown("**Why**\n\n" + "\n".join(f"- {line}" for line in reasons))
        facts = dict(case.get("facts") or {})
        evidence = facts.pop("evidence", [])
        if evidence:
            st.dataframe(evidence_rows(evidence), hide_index=True, key=f"evidence-{case['id']}")
        if facts:
            st.caption("Facts: " + ", ".join(f"{k} {v}" for k, v in facts.items()))
        if case.get("image_uri"):
            left, right = st.columns([1, 3])
            with left:
                render.show_image(case["image_uri"])
            if case.get("has_image_vector") and right.button("Similar past cases", key=f"similar-{case['id']}"):
                with guard("finding similar cases"):
                    similar = views.similar_cases(advisor, case["id"])
                    right.markdown("\n".join(f"- #{c['id']} ({c['level']}, {c['score']:.2f}): {c['text'][:80]}"
                                              for c in similar) or "No similar cases with photos.")


def render_page() -> None:
    advisor = resources.shared_advisor()
    st.title(":material/medical_services: Triage cases")
    if not auth.gate(advisor.settings, "triage cases (medical data)"):
        st.stop()
    st.caption("Stored de-identified: names, phone numbers, e-mail and street addresses, ID numbers and dates of birth "
               "are removed before anything is saved.")
    left, right = st.columns([2, 1])
    level = left.selectbox("Level", [ALL, *render.LEVEL_STYLE], key="triage-level",
                           format_func=lambda v: render.LEVEL_STYLE[v][0] if v in render.LEVEL_STYLE else v)
    limit = right.number_input("Show at most", 10, 1000, 100, step=10, key="triage-limit")
    cases = views.triage_cases(advisor, limit=int(limit), level=None if level == ALL else level,
                                   viewer=auth.user_id(advisor.settings))
    if not cases:
        st.info("No triage cases yet. Describe symptoms in the chat to create one.")
        return
    counts = {name: sum(1 for c in cases if c["level"] == name) for name in render.LEVEL_STYLE}
    for column, (name, count) in zip(st.columns(len(counts)), counts.items()):
        column.metric(render.LEVEL_STYLE[name][0].split(":")[0], count)
    for case in cases:
        case_card(case, advisor)


with guard("showing the triage cases"):
    render_page()
