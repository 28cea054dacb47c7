"""Process-wide resources of the app: one ``Advisor`` (``st.cache_resource``), its warm-up, optional packages.

The first page load creates the Advisor; a background thread then loads the encoder and the router so that the
first chat reply does not pay for them. ``advisor ui`` starts the same warm-up before any browser connects.
An embedding application (or a test) can hand the app an existing Advisor with :func:`provide`::

    >>> from ui import resources                      # doctest: +SKIP
    >>> resources.provide(Advisor.from_settings(home="/tmp/adv"))   # doctest: +SKIP
"""
from __future__ import annotations

import logging
import threading
from typing import Any

import streamlit as st

from advisor import Advisor
from advisor.application import views

log = logging.getLogger(__name__)

_lock = threading.RLock()
_provided: Any = None
_warm = threading.Event()
_warm_error: list[str] = []


def provide(advisor: Any, warm: bool = False) -> None:
    """Use this Advisor for every session of this process (instead of ``Advisor.from_settings()``).

    ``warm=True`` loads its encoder and router now, in this thread, instead of in the background.
    """
    global _provided
    with _lock:
        _provided = advisor
        _warm.clear()
        _warm_error.clear()
    shared_advisor.clear()
    if warm:
        advisor._ui_warmup_started = True
        warm_up(advisor)


def _build() -> Any:
    with _lock:
        if _provided is not None:
            return _provided
        return Advisor.from_settings()


@st.cache_resource(show_spinner="Opening the data home…")
def shared_advisor() -> Any:
    """The process's Advisor (built once, shared by every browser session); warm-up starts in the background."""
    advisor = _build()
    start_warmup(advisor)
    return advisor


def start_warmup(advisor: Any) -> threading.Thread | None:
    """Load the encoder, the catalog index and the router in a daemon thread (once per Advisor)."""
    if getattr(advisor, "_ui_warmup_started", False):
        return None
    advisor._ui_warmup_started = True
    thread = threading.Thread(target=warm_up, args=(advisor,), name="advisor-warmup", daemon=True)
    thread.start()
    return thread


def warm_up(advisor: Any) -> None:
    """Touch every lazily loaded part so that the first request is fast. Failures are logged, not raised."""
    steps = [("encoder", lambda: advisor.encoder.encode_text(["hello"])), ("catalog", lambda: advisor.catalog.index)]
    if hasattr(advisor, "route"):
        steps.append(("router", lambda: advisor.route("hello")))
    if hasattr(advisor, "agent"):
        steps.extend((f"agent {name}", lambda name=name: _warm_agent(advisor, name)) for name in views.installed_agents())
    for name, step in steps:
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - warm-up is best effort; the page shows the real error later
            log.warning("warm-up of the %s failed: %s: %s", name, type(exc).__name__, exc)
            _warm_error.append(f"{name}: {exc}")
    _warm.set()


def _warm_agent(advisor: Any, name: str) -> None:
    """Create the agent once; an agent that defines ``warm_up()`` loads its own data then (optional hook)."""
    agent = advisor.agent(name)
    hook = getattr(agent, "warm_up", None)
    if callable(hook):
        hook()


def is_warm() -> bool:
    return _warm.is_set()


def wait_warm(timeout: float | None = None) -> bool:
    """Block until the warm-up has finished (True) or ``timeout`` seconds passed (False)."""
    return _warm.wait(timeout)


