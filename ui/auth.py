"""Sign-in for pages that show medical or surveillance data.

Three modes, chosen by the operator:

- ``oidc``: ``.streamlit/secrets.toml`` has an ``[auth]`` section, so ``st.login()`` signs people in;
- ``password``: ``ADVISOR_UI_PASSWORD`` (the ``ui_password`` setting) is set;
- ``open``: neither; the local demo runs without sign-in and the sidebar says so.

Example (at the top of a protected page)::

    if not auth.gate("surveillance alerts"):
        st.stop()
"""
from __future__ import annotations

import hmac
import logging
import re
from typing import Literal

import streamlit as st

log = logging.getLogger(__name__)
Mode = Literal["open", "password", "oidc"]
SIGNED_IN_KEY = "ui_signed_in_user"


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all, or an unreadable one: not configured
        return False


def _password(settings) -> str | None:
    secret = getattr(settings, "ui_password", None)
    value = secret.get_secret_value() if secret is not None else None
    return value or None


def mode(settings) -> Mode:
    """How this app asks people to sign in."""
    if _oidc_configured():
        return "oidc"
    if _password(settings):
        return "password"
    return "open"


def current_user(settings) -> str | None:
    """Who is signed in (None when nobody is, or when the app runs open)."""
    how = mode(settings)
    if how == "oidc":
        try:
            if st.user.is_logged_in:
                return str(st.user.get("email") or st.user.get("name") or "signed-in user")
        except Exception:  # noqa: BLE001
            return None
        return None
    if how == "password":
        return st.session_state.get(SIGNED_IN_KEY)
    return None


def user_id(settings) -> str:
    """The id used for feedback and audit: the signed-in user, else ``local``."""
    return current_user(settings) or "local"


def gate(settings, area: str) -> bool:
    """True when the viewer may see ``area``; otherwise renders a sign-in form and returns False."""
    how = mode(settings)
    if how == "open" or current_user(settings):
        return True
    st.info(f"Sign in to see {area}.")
    slug = re.sub(r"[^a-z0-9]+", "-", area.lower()).strip("-")
    if how == "oidc":
        st.button("Sign in", key=f"login-{slug}", on_click=st.login, type="primary")
        return False
    with st.form(key=f"password-form-{slug}"):
        typed = st.text_input("Password", type="password", key=f"password-{slug}")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        if hmac.compare_digest(typed.encode(), (_password(settings) or "").encode()):
            st.session_state[SIGNED_IN_KEY] = "operator"
            st.rerun()
        log.warning("failed sign-in attempt for %s", area)
        st.error("Wrong password.")
    return False


def sidebar_status(settings) -> None:
    """One line in the sidebar: open demo, or who is signed in (with a sign-out button)."""
    how = mode(settings)
    if how == "open":
        st.caption(":material/lock_open: Open local demo: no sign-in configured (set ADVISOR_UI_PASSWORD or `[auth]` secrets).")
        return
    who = current_user(settings)
    if not who:
        st.caption(":material/lock: Medical and surveillance pages need sign-in.")
        return
    st.caption(f":material/lock: Signed in as {who}")
    if st.button("Sign out", key="sign-out"):
        if how == "oidc":
            st.logout()
        st.session_state.pop(SIGNED_IN_KEY, None)
        st.rerun()
