"""The sidebar every page shares: data home, encoder in use, index size, installed agents, access mode."""
from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from advisor.application import views
from ui import auth, resources

log = logging.getLogger(__name__)


def active_encoder(advisor: Any) -> str:
    """The encoder in use: the one ``advisor reindex`` switched to, else the configured one."""
    try:
        return str(getattr(advisor, "encoder_spec", None) or advisor.settings.encoder)
    except Exception:  # noqa: BLE001 - a database hiccup must not hide the sidebar
        return str(advisor.settings.encoder)


def encoder_label(advisor: Any) -> str:
    """The encoder in use, for the sidebar."""
    return active_encoder(advisor)


def index_counts(advisor: Any) -> tuple[int, int | None]:
    """(items in the database, vectors in the index); vectors is None while the warm-up is still loading it."""
    items = advisor.store.count_items()
    if not resources.is_warm():
        return items, None
    try:
        index = advisor.catalog.index
        return items, len(index) if index is not None else 0
    except Exception as exc:  # noqa: BLE001
        log.warning("index size unavailable: %s", exc)
        return items, None


def render(advisor: Any) -> None:
    with st.sidebar:
        st.markdown("### :material/explore: Smart Advisor")
        settings = advisor.settings
        items, vectors = index_counts(advisor)
        st.caption(f"**Data home** `{settings.home}`")
        st.caption(f"**Encoder** `{encoder_label(advisor)}`")
        st.caption(f"**Index** {items} item(s)" + (f", {vectors} vector(s)" if vectors is not None else ""))
        if vectors is not None and vectors < items:
            st.caption(f":material/warning: {items - vectors} item(s) have no vector for this encoder: run `advisor index rebuild`.")
        if not resources.is_warm():
            st.caption("⏳ Loading the encoder and router in the background…")
        agents = views.installed_agents()
        with st.expander(f"Agents installed ({len(agents)})"):
            if not agents:
                st.caption("No agents installed.")
            for name, description in agents.items():
                st.markdown(f"**{name}**: {description or '—'}")
        auth.sidebar_status(settings)
