"""Readable errors: page bodies run inside :func:`guard`, so a failure shows a message, never a traceback.

Example::

    with guard("searching the catalog"):
        hits = advisor.search(text=query)
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from advisor.application.views import NotInstalledError as NotInstalled

log = logging.getLogger(__name__)


def describe(exc: BaseException) -> str:
    """A one-line message for people: the exception's own message, named when it is not ours."""
    text = str(exc).strip() or type(exc).__name__
    if isinstance(exc, (NotInstalled, ValueError, KeyError, FileNotFoundError, PermissionError)):
        return text.strip("'\"")
    return f"{type(exc).__name__}: {text}"


@contextmanager
def guard(action: str) -> Iterator[None]:
    """Show ``st.error`` (or ``st.info`` for a feature that is not installed) instead of raising.

    Streamlit's own control flow (``st.stop``, ``st.rerun``) derives from ``BaseException`` and passes through.
    """
    try:
        yield
    except NotInstalled as exc:
        st.info(f"Not installed: {exc}.")
    except Exception as exc:  # noqa: BLE001 - the app shows errors, it does not crash
        log.warning("error while %s", action, exc_info=True)
        st.error(f"Something went wrong while {action}: {describe(exc)}")
