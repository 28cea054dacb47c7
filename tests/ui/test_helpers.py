"""The app's small helpers: upload checks, reply text, background jobs, the `advisor ui` port choice."""
from __future__ import annotations

import io
import socket
import sys
import time

import pytest
from PIL import Image

from advisor.core.settings import Settings


@pytest.fixture
def settings(tmp_path):
    return Settings(home=tmp_path / "home", max_file_bytes=50_000, max_image_pixels=300 * 300)


def png(size=(64, 64)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd.png", "passwd.png"),
    ("C:\\Users\\me\\My Photo (1).JPG", "My_Photo_1.jpg"),
    ("红色的包.png", "upload.png"),
    ("no_extension", "no_extension"),
    (".hidden.png", "hidden.png"),
])
def test_upload_names_are_sanitised(name, expected):
    from ui.uploads import sanitise_name

    assert sanitise_name(name) == expected


def test_uploads_land_under_the_data_home(settings):
    from ui.uploads import save_upload

    path = save_upload(settings, "../x/a photo.png", png())
    assert path.parent.parent.parent == settings.uploads_dir and path.name.endswith("-a_photo.png")
    assert path.read_bytes() == png()


@pytest.mark.parametrize("name, data, message", [
    ("big.png", b"0" * 60_000, "the limit is"),
    ("fake.png", b"GIF89a not really", "not a readable image"),
    ("bomb.png", png((400, 400)), "pixels; the limit is"),
    ("script.exe", png(), "only png"),
    ("empty.png", b"", "is empty"),
])
def test_bad_uploads_are_refused_and_nothing_is_written(settings, name, data, message):
    from ui.uploads import UploadError, save_upload

    with pytest.raises(UploadError, match=message):
        save_upload(settings, name, data)
    assert not any(settings.uploads_dir.rglob("*.*")) if settings.uploads_dir.exists() else True


def test_pairs_uploads_must_be_utf8_jsonl(settings):
    from ui.uploads import UploadError, save_upload

    assert save_upload(settings, "p.jsonl", b'{"image": "a.png", "caption": "a"}\n', kind="pairs").exists()
    with pytest.raises(UploadError, match="UTF-8"):
        save_upload(settings, "p.jsonl", b"\xff\xfe\x00", kind="pairs")
    with pytest.raises(UploadError, match="only jsonl"):
        save_upload(settings, "p.png", png(), kind="pairs")


def test_lead_text_keeps_the_opening_and_drops_the_lists():
    from ui.render import lead_text

    assert lead_text("Results for red shoes:\n1. red shoe\n2. red boot") == "Results for red shoes:"
    assert lead_text("Triage level: self_care.\nWhy:\n- mild sore throat") == "Triage level: self_care."
    assert lead_text("Hello!\nI can help.") == "Hello!\nI can help."
    assert lead_text("- only a list") == "- only a list"


def test_catalog_filters_from_widgets():
    from advisor.application.views import catalog_filters

    assert catalog_filters([], None, None) is None
    assert catalog_filters(["bag"], 10.0, None) == {"category": ["bag"], "price": {"gte": 10.0}}
    assert catalog_filters(None, None, 50.0) == {"price": {"lte": 50.0}}


def test_background_job_reports_progress_result_and_failure():
    from ui import jobs

    script = ("import sys, time, json\n"
              "for i in range(1, 5):\n"
              "    sys.stderr.write(f'\\rtrain:  {i * 25}%|##  | {i}/4 [00:01<00:00]'); sys.stderr.flush(); time.sleep(0.05)\n"
              "sys.stderr.write('\\nsaved the model\\n')\n"
              "print(json.dumps({'out': 'runs/a', 'after': {'t2i_recall@5': 0.5}}))\n")
    done = []
    job = jobs.start("finetune demo", [], command=[sys.executable, "-c", script], on_success=done.append)
    failed = jobs.start("broken", [], command=[sys.executable, "-c", "import sys; print('error: no pairs', file=sys.stderr); sys.exit(2)"])
    deadline = time.monotonic() + 60
    while (job.state == "running" or failed.state == "running") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (job.state, job.fraction, job.stage) == ("done", 1.0, "train")
    assert job.result == {"out": "runs/a", "after": {"t2i_recall@5": 0.5}} and job.log == ["saved the model"]
    assert done == [job]
    assert (failed.state, failed.error) == ("failed", "error: no pairs")
    assert jobs.all_jobs()[:2] == [failed, job]
    assert jobs.forget_finished() >= 2 and job not in jobs.all_jobs()


def test_ui_port_choice_refuses_a_busy_port():
    from advisor.frontdoors.cli.ui_cmds import choose_port

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ValueError, match="already in use"):
            choose_port("127.0.0.1", port)
    assert choose_port("127.0.0.1", None) >= 8501
    with pytest.raises(ValueError, match="out of range"):
        choose_port("127.0.0.1", 70000)


def test_app_script_is_found_from_the_installed_package():
    from advisor.frontdoors.cli.ui_cmds import app_script

    script = app_script()
    assert script.name == "app.py" and "st.navigation" in script.read_text()
