"""Every page of the app driven by Streamlit's ``AppTest`` against a real Advisor (real encoder, FAISS, SQLite)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import draw_shape


def texts(at) -> str:
    """All the text the page shows (markdown, captions, titles, alerts), one string."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error", "toast"):
        parts.extend(str(element.value) for element in getattr(at, kind, []))
    for expander in at.expander:
        parts.append(str(expander.label))
    return "\n".join(parts)


def assert_clean(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def png_bytes(colour: str = "red", shape: str = "circle") -> bytes:
    buffer = io.BytesIO()
    draw_shape(colour, shape).save(buffer, format="PNG")
    return buffer.getvalue()


# -- shell ---------------------------------------------------------------------------------------------------
def test_sidebar_shows_home_encoder_index_and_open_access(app, ui_advisor):
    at = app().run()
    assert_clean(at)
    sidebar = "\n".join(str(c.value) for c in at.sidebar.caption)
    assert str(ui_advisor.settings.home) in sidebar
    assert "12 item(s), 12 vector(s)" in sidebar
    assert "Open local demo" in sidebar
    assert any("Agents installed" in str(e.label) for e in at.sidebar.expander)


def test_every_page_renders_without_error(app):
    at = app().run()
    for page in ("pages/catalog.py", "pages/alerts.py", "pages/triage.py", "pages/models.py", "pages/chat.py"):
        at.switch_page(page).run()
        assert_clean(at)
        assert at.title, page


# -- catalog -------------------------------------------------------------------------------------------------
def test_catalog_text_search_with_price_filter(app):
    at = app()
    at.run().switch_page("pages/catalog.py").run()
    at.text_input(key="catalog-query").set_value("a blue square")
    at.number_input(key="catalog-price-max").set_value(50.0)
    at.button(key="FormSubmitter:catalog-search-Search").click().run()
    assert_clean(at)
    shown = texts(at.tabs[0])
    top3 = [line for line in shown.splitlines() if line.startswith(("**1.", "**2.", "**3."))]
    assert any("a blue square" in line for line in top3), top3
    assert "8 result(s)" in shown and "price 40.0" in shown  # 4 circles + 4 squares
    assert "triangle" not in shown  # price 80 is filtered out inside the search, not after it


def test_catalog_upload_adds_an_item_with_progress(app, ui_advisor):
    at = app()
    at.run().switch_page("pages/catalog.py").run()
    at.file_uploader(key="catalog-add-files").set_value(("../evil dir/green_star.png", png_bytes("green", "square"), "image/png"))
    at.run()
    at.text_input(key="catalog-add-category").set_value("star")
    at.button(key="catalog-add").click().run()
    assert_clean(at)
    assert "Added 1 item(s)" in texts(at)
    assert ui_advisor.store.count_items() == 13
    newest = ui_advisor.store.get_items([max(ui_advisor.store.item_ids())])
    item = next(iter(newest.values()))
    assert item.caption == "green star" and item.meta["category"] == "star"
    saved = ui_advisor.settings.uploads_dir
    assert item.uri.startswith(str(saved)) and ".." not in item.uri and " " not in item.uri.rsplit("/", 1)[-1]


def test_catalog_refuses_a_file_that_is_not_an_image(app, ui_advisor):
    at = app()
    at.run().switch_page("pages/catalog.py").run()
    at.file_uploader(key="catalog-add-files").set_value(("fake.png", b"not an image at all", "image/png"))
    at.run()
    at.button(key="catalog-add").click().run()
    assert not at.exception
    assert "not a readable image" in texts(at)
    assert ui_advisor.store.count_items() == 12


# -- models --------------------------------------------------------------------------------------------------
def test_models_page_lists_runs_with_metrics_and_curve(app, ui_advisor):
    run = ui_advisor.settings.models_dir / "heads-demo"
    run.mkdir(parents=True)
    metrics = {"mode": "heads", "base": "default", "train_pairs": 40, "val_pairs": 10, "seconds": 12.0,
               "before": {"t2i_recall@5": 0.2}, "after": {"t2i_recall@5": 0.45}}
    (run / "metrics.json").write_text(json.dumps(metrics))
    Image.new("RGB", (60, 40), "white").save(run / "curve.png")
    at = app()
    at.run().switch_page("pages/models.py").run()
    assert_clean(at)
    assert any("heads-demo" in str(e.label) for e in at.expander)
    table = at.dataframe[0].value
    assert table.loc[0, "metric"] == "t2i_recall@5" and table.loc[0, "after"] == pytest.approx(0.45)
    assert any("training curve" in image.captions for image in at.image)


# -- chat ----------------------------------------------------------------------------------------------------
def ask(at, text: str, agent: str | None = None, image: bytes | None = None):
    """Send one chat message (optionally forcing an agent / attaching an image) and run the script."""
    if agent is not None:
        at.selectbox(key="chat-agent").set_value(agent)
    if image is not None:
        at.chat_input(key="chat-input").upload("photo.png", image, "image/png")
    at.chat_input(key="chat-input").set_value(text).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def last_reply(at):
    return [m for m in at.chat_message if m.name == "assistant"][-1]


def test_chat_input_accepts_images_and_locks_while_answering(app):
    at = app().run()
    chat_input = at.chat_input(key="chat-input")
    assert chat_input.proto.submit_mode == chat_input.proto.SUBMIT_MODE_DISABLE  # no second message mid-reply
    assert chat_input.proto.accept_file


def test_chat_search_reply_is_a_gallery_and_like_feeds_recommendations(app, ui_advisor):
    at = ask(app().run(), "show me a red circle", agent="search_recommend")
    reply = last_reply(at)
    assert "search_recommend" in texts(reply)
    likes = [b for b in reply.button if b.key and "-like-" in b.key]
    assert likes, "each result card has a like button"
    assert any(e.label.startswith("Routing") for e in reply.expander)
    item_id = int(likes[0].key.split("-like-")[1].split("-")[0])
    likes[0].click().run()
    assert not at.exception
    stored = ui_advisor.interactions("local")
    assert [(row.item_id, row.kind) for row in stored] == [(item_id, "like")]


def test_chat_routes_symptoms_to_a_triage_card_and_the_case_is_listed(app):
    at = ask(app().run(), "I have had a mild sore throat and a runny nose for two days. My name is John Smith.")
    reply = last_reply(at)
    shown = texts(reply)
    assert "medical_triage" in shown
    assert any(label in shown for label in ("Self-care", "Non-emergent", "Emergent"))
    assert "Routing: medical_triage" in shown
    assert any(e.label == "Reply as text" for e in reply.expander)  # the card replaces the long text
    at.switch_page("pages/triage.py").run()
    assert_clean(at)
    page = texts(at)
    assert "Case #1" in page and "sore throat" in page
    assert "John Smith" not in page  # stored de-identified


def test_chat_general_agent_and_history_restored_after_reload(app):
    at = ask(app().run(), "hello, what can you do?", agent="general")
    assert "general" in texts(last_reply(at))
    session = at.query_params["session"]
    session = session[0] if isinstance(session, list) else session
    assert session
    reloaded = app(session=session).run()  # a new browser session with the same URL
    assert not reloaded.exception
    restored = texts(reloaded)
    assert "hello, what can you do?" in restored
    assert [m.name for m in reloaded.chat_message] == ["user", "assistant"]
    fresh = app().run()  # a new conversation; the earlier one is one click away
    assert not fresh.chat_message
    fresh.button(key=f"chat-open-{session}").click().run()
    assert "hello, what can you do?" in texts(fresh)


def test_chat_image_upload_searches_by_image(app, ui_advisor):
    at = ask(app().run(), "something like this", agent="search_recommend", image=png_bytes("blue", "triangle"))
    user = [m for m in at.chat_message if m.name == "user"][-1]
    assert user.image, "the uploaded photo is shown in the conversation"
    saved = list(ui_advisor.settings.uploads_dir.rglob("*photo.png"))
    assert len(saved) == 1
    reply = last_reply(at)
    assert [b for b in reply.button if b.key and "-like-" in b.key]


# -- access and errors ---------------------------------------------------------------------------------------
def test_password_guards_medical_and_surveillance_pages(app, ui_advisor):
    ui_advisor.settings.ui_password = "s3cret"
    at = app().run()
    assert "need sign-in" in "\n".join(str(c.value) for c in at.sidebar.caption)
    assert not at.chat_input, "the chat stays closed until sign-in"
    at.switch_page("pages/triage.py").run()
    assert "Sign in to see triage cases" in texts(at)
    at.text_input(key="password-triage-cases-medical-data").set_value("wrong")
    at.button(key="FormSubmitter:password-form-triage-cases-medical-data-Sign in").click().run()
    assert "Wrong password." in texts(at)
    at.text_input(key="password-triage-cases-medical-data").set_value("s3cret")
    at.button(key="FormSubmitter:password-form-triage-cases-medical-data-Sign in").click().run()
    assert_clean(at)
    assert "Sign in to see" not in texts(at) and "Triage cases" in texts(at)
    at.switch_page("pages/chat.py").run()
    assert at.chat_input, "signed in once, every protected page opens"
    assert at.session_state["ui_signed_in_user"] == "operator"


def test_errors_are_messages_not_tracebacks(app, ui_advisor):
    ui_advisor.settings.max_text_chars = 20
    at = app()
    at.run().switch_page("pages/catalog.py").run()
    at.text_input(key="catalog-query").set_value("a very long description of a red circle")
    at.button(key="FormSubmitter:catalog-search-Search").click().run()
    assert not at.exception
    assert any("searching the catalog" in e.value and "the limit is 20" in e.value for e in at.error)


def test_models_page_starts_a_heads_finetune_job_on_uploaded_pairs(app, ui_advisor, shapes_dir):
    from ui import jobs

    pairs = "".join(json.dumps({"image": str(p), "caption": p.stem.replace("_", " ")}) + "\n"
                    for p in sorted(shapes_dir.glob("*.png")))
    at = app()
    at.run().switch_page("pages/models.py").run()
    at.file_uploader(key="finetune-pairs").set_value(("my pairs.jsonl", pairs.encode(), "application/json"))
    at.text_input(key="finetune-name").set_value("shapes run")
    at.button(key="FormSubmitter:finetune-form-Start fine-tuning").click().run()
    assert_clean(at)
    job = jobs.all_jobs()[0]
    try:
        assert job.title == "finetune shapes-run"
        args = job.command[job.command.index("finetune"):]
        assert args[args.index("--mode") + 1] == "heads" and "--json" in args
        assert args[args.index("--out") + 1] == str(ui_advisor.settings.models_dir / "shapes-run")
        saved = args[args.index("--train") + 1]
        assert saved.startswith(str(ui_advisor.settings.uploads_dir)) and saved.endswith("my_pairs.jsonl")
        assert "Jobs" in texts(at) and at.get("progress") or job.state != "running"
    finally:
        if job.process.poll() is None:  # the real training is tested by the fine-tuning tests
            job.process.terminate()
            job.process.wait(timeout=30)


# -- alerts --------------------------------------------------------------------------------------------------
@pytest.fixture
def alerts(ui_advisor, tmp_path):
    from tests.ui.seed import seed_alerts

    return seed_alerts(ui_advisor, tmp_path / "frames")


def test_alerts_page_filters_acknowledges_and_resolves(app, alerts, ui_advisor):
    from agents.surveillance.alerts import AlertBook

    at = app()
    at.run().switch_page("pages/alerts.py").run()
    assert_clean(at)
    shown = texts(at)
    assert "3 alert(s)" in shown and "person_at_gate" in shown and "camera gate" in shown
    at.selectbox(key="alerts-camera").set_value("parking").run()
    assert "1 alert(s)" in texts(at) and "person_at_gate" not in texts(at)
    at.selectbox(key="alerts-camera").set_value("All").run()
    at.selectbox(key="alerts-window").set_value("Last hour").run()
    assert "2 alert(s)" in texts(at)  # the lobby alert is four hours old
    gate = next(a for a in alerts if a.camera == "gate")
    at.button(key=f"alerts-ack-{gate.id}").click().run()
    assert_clean(at)
    stored = AlertBook.of(ui_advisor.context).get(gate.id)
    assert (stored.state, stored.acknowledged_by) == ("acknowledged", "local")
    at.selectbox(key="alerts-state").set_value("acknowledged").run()
    assert "1 alert(s)" in texts(at) and "acknowledged by local" in texts(at)
    at.button(key=f"alerts-resolve-{gate.id}").click().run()
    at.selectbox(key="alerts-state").set_value("resolved").run()
    assert "1 alert(s)" in texts(at) and "person_at_gate" in texts(at)
    assert AlertBook.of(ui_advisor.context).get(gate.id).state == "resolved"


def frame_captions(at) -> list[str]:
    """Captions of the frame-search results ('camera · time · score'), best first (alert cards say 'camera X')."""
    return [str(c.value) for c in at.caption if " · score " in str(c.value) and not str(c.value).startswith("camera ")]


def test_alerts_page_searches_stored_frames_by_text_and_by_image(app, alerts):
    at = app()
    at.run().switch_page("pages/alerts.py").run()
    at.text_input(key="frames-query").set_value("a yellow circle")
    at.button(key="FormSubmitter:frame-search-Search frames").click().run()
    assert_clean(at)
    assert sorted(c.split(" · ")[0] for c in frame_captions(at)) == ["gate", "lobby", "parking"]
    at.text_input(key="frames-query").set_value("")
    lobby_frame = Path(alerts[2].frame).read_bytes()
    at.file_uploader(key="frames-image").set_value(("frame.png", lobby_frame, "image/png"))
    at.button(key="FormSubmitter:frame-search-Search frames").click().run()
    assert_clean(at)
    best = frame_captions(at)[0]
    assert best.startswith("lobby") and float(best.rsplit("score ", 1)[1]) > 0.99  # the same picture


def test_chat_alert_cards_can_be_acknowledged(app, alerts, ui_advisor):
    from agents.surveillance.alerts import AlertBook

    at = ask(app().run(), "show me the unacknowledged alerts", agent="surveillance")
    reply = last_reply(at)
    assert "surveillance" in texts(reply)
    buttons = [b for b in reply.button if b.key and "-ack-" in b.key]
    assert len(buttons) == 3, [b.key for b in reply.button]
    alert_id = int(buttons[0].key.rsplit("-", 1)[1])
    buttons[0].click().run()
    assert_clean(at)
    assert AlertBook.of(ui_advisor.context).get(alert_id).state == "acknowledged"
    card = texts(last_reply(at))
    assert f"#{alert_id}" in card and "acknowledged by local" in card


def test_oidc_sign_in_when_auth_secrets_are_configured(app):
    at = app()
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "advisor", "client_secret": "s", "server_metadata_url": "https://idp/.well-known"}
    at.user = {"is_logged_in": False}
    at.run().switch_page("pages/triage.py").run()
    assert not at.exception
    assert "Sign in to see triage cases" in texts(at)
    assert at.button(key="login-triage-cases-medical-data").label == "Sign in"
    at.user = {"is_logged_in": True, "email": "ana@example.com"}
    at.run()
    assert_clean(at)
    assert "Triage cases" in texts(at) and "Sign in to see" not in texts(at)
