"""Chat page: talk to the advisor; each reply is rendered by its agent's kind.

The conversation id lives in the URL (``?session=...``), so a browser reload restores the history from the
database (``Advisor.history``). The input is disabled while a reply is produced (``submit_mode="disable"``).
"""
from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from typing import Any

import streamlit as st

from advisor.application import views
from ui import auth, render, resources
from ui.errors import describe, guard
from ui.uploads import IMAGE_TYPES, UploadError, save_upload

SESSION_PARAM = "session"
SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
AUTO = "Automatic (router)"
STREAM_SECONDS = 0.6  # whole-reply streaming budget: readable, never slow


def session_id() -> str:
    """The conversation id from the URL, or a new one written into the URL."""
    value = st.query_params.get(SESSION_PARAM)
    if isinstance(value, str) and SESSION_ID.match(value):
        return value
    value = uuid.uuid4().hex[:16]
    st.query_params[SESSION_PARAM] = value
    return value


def messages_for(advisor: Any, sid: str) -> list[dict[str, Any]]:
    """This browser session's messages; loaded from the database the first time a conversation is shown."""
    key = f"chat-messages-{sid}"
    if key not in st.session_state:
        try:
            st.session_state[key] = views.history(advisor, sid)
        except Exception as exc:  # noqa: BLE001
            st.warning(f"Earlier messages could not be loaded: {describe(exc)}")
            st.session_state[key] = []
    return st.session_state[key]


def stream_words(text: str) -> Iterator[str]:
    words = re.split(r"(\s+)", text or "")
    delay = min(0.02, STREAM_SECONDS / max(len(words), 1))
    for word in words:
        yield word
        if delay and word.strip():
            time.sleep(delay)


def show_message(message: dict[str, Any], index: int, advisor: Any, user: str, stream: bool = False) -> None:
    role = message.get("role", "assistant")
    with st.chat_message(role):
        if role == "user":
            if message.get("image"):
                render.show_image(message["image"])
            if message.get("text"):
                st.markdown(render.escape_markdown(message["text"]))
            return
        if message.get("agent"):
            st.caption(f"**{message['agent']}**")
        text = message.get("text", "")
        card = render.has_card(message.get("data"))
        shown = render.lead_text(text) if card else text  # the card shows the rest; the full text stays below
        if stream:
            st.write_stream(stream_words(render.escape_markdown(shown)))
        else:
            st.markdown(render.escape_markdown(shown))
        if message.get("error"):
            st.caption(f":material/warning: {message['error']}")
        render.render_reply_data(message.get("data"), render.Context(advisor, user, key=f"m{index}"))
        if card and shown != text.strip():
            with st.expander("Reply as text"):
                st.text(text)
        render.render_scores(message.get("scores"), message.get("agent"), message.get("confidence"), key=f"m{index}")


def answer(advisor: Any, sid: str, prompt: Any, agent: str | None, user: str, messages: list[dict[str, Any]]) -> None:
    text = (prompt if isinstance(prompt, str) else (getattr(prompt, "text", "") or "")).strip()
    files = list(getattr(prompt, "files", None) or [])
    image = None
    if files:
        upload = files[0]
        try:
            image = str(save_upload(advisor.settings, upload.name, upload.getvalue()))
        except UploadError as exc:
            st.error(str(exc))
            return
    if not text and image is None:
        return
    messages.append({"role": "user", "text": text, "image": image})
    show_message(messages[-1], len(messages) - 1, advisor, user)
    waiting = "Thinking…" if resources.is_warm() else "Warming up the encoder (first message only)…"
    with st.spinner(waiting):
        try:
            reply = views.ask(advisor, text, image=image, session_id=sid, agent=agent, user_id=user)
        except Exception as exc:  # noqa: BLE001 - a readable message in the conversation, never a traceback
            message = {"role": "assistant", "text": f"Sorry, I could not answer that: {describe(exc)}",
                       "agent": None, "data": None, "scores": {}, "confidence": None, "error": None}
        else:
            message = views.message_from_reply(reply)
    messages.append(message)
    show_message(message, len(messages) - 1, advisor, user, stream=True)


def header(advisor: Any, user: str, sid: str) -> str | None:
    """Title, agent picker, earlier conversations and a new-conversation button; returns the forced agent."""
    title, picker, earlier, new = st.columns([4, 3, 2, 2], vertical_alignment="bottom")
    title.title(":material/chat: Chat")
    names = list(views.installed_agents())
    choice = picker.selectbox("Agent", [AUTO, *names], key="chat-agent", help="Let the router choose, or ask one agent.")
    with earlier.popover("Conversations", width="stretch"):
        for row in views.sessions(advisor, user):
            label = f"{render.format_time(row['updated_at'])[:16]} · {row.get('last_agent') or '—'} · {row['messages']} msg"
            if st.button(label, key=f"chat-open-{row['session_id']}", disabled=row["session_id"] == sid):
                st.query_params[SESSION_PARAM] = row["session_id"]
                st.rerun()
    if new.button("New conversation", key="chat-new", width="stretch"):
        st.query_params[SESSION_PARAM] = uuid.uuid4().hex[:16]
        st.rerun()
    return None if choice == AUTO else choice


def render_page() -> None:
    advisor = resources.shared_advisor()
    settings = advisor.settings
    if not auth.gate(settings, "the conversation (it can hold medical and surveillance data)"):
        st.stop()
    user = auth.user_id(settings)
    sid = session_id()
    agent = header(advisor, user, sid)
    messages = messages_for(advisor, sid)
    if not messages:
        st.caption("Ask for products (“a red bag under 50”), describe symptoms (“I have had a fever for two days”), "
                   "or ask about cameras (“any alerts at the gate?”). Attach a photo with the + button. "
                   "English and Chinese (中文) both work.")
    for index, message in enumerate(messages):
        show_message(message, index, advisor, user)
    prompt = st.chat_input("Message the advisor…", key="chat-input", accept_file=True, file_type=list(IMAGE_TYPES),
                           max_upload_size=max(1, settings.max_file_bytes // (1024 * 1024)), submit_mode="disable")
    if prompt:
        answer(advisor, sid, prompt, agent, user, messages)


with guard("showing the chat"):
    render_page()
