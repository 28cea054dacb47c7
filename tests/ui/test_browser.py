"""The real app in headless Chromium: `advisor ui` on a free port, driven by Playwright as a new user would.

One scenario (the server and the browser start once): a message for each agent, an image upload, an alert
acknowledged, a reload that restores the conversation from the database. Screenshots go to the test's
temporary directory. Skipped only when Debian's /usr/bin/chromium (or Playwright for Python) is missing.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import draw_shape
from tests.ui.conftest import copy_home

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
START_TIMEOUT_S = 240
REPLY_TIMEOUT_MS = 300_000  # generous: the first reply waits for the encoder on a busy 2-core machine

BUSY = ('[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"], '
        '[data-testid="stSpinner"], [data-testid="stSkeleton"], [data-stale="true"]')
READY = '[data-testid="stChatInputTextArea"]:not([disabled])'

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"advisor ui exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise AssertionError(f"advisor ui did not answer within {START_TIMEOUT_S}s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory, template_home, encoder):
    """A copy of the twelve-shapes data home, plus three open alerts on stored camera frames."""
    from advisor.application.facade import Advisor
    from advisor.core.settings import Settings
    from tests.ui.seed import seed_alerts

    home = copy_home(template_home, tmp_path_factory.mktemp("browser") / "home")
    advisor = Advisor(Settings(home=home), encoder=encoder)
    try:
        assert len(seed_alerts(advisor, home / "frames")) == 3
    finally:
        advisor.close()
    return home


@pytest.fixture(scope="module")
def server(demo_home):
    """`advisor ui --port <free>` in a subprocess on 127.0.0.1; yields its URL."""
    port = free_port()
    log = demo_home / "server.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}
    env.update(ADVISOR_HOME=str(demo_home), HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    with open(log, "w") as handle:
        process = subprocess.Popen([sys.executable, "-m", "advisor", "ui", "--port", str(port), "--host", "127.0.0.1"],
                                   stdout=handle, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


class Chat:
    """A few helpers over one page of the app."""

    def __init__(self, page, shots: Path):
        self.page, self.shots, self.count = page, shots, 0

    def shot(self, name: str) -> None:
        self.count += 1
        self.page.screenshot(path=str(self.shots / f"{self.count:02d}-{name}.png"), full_page=True)

    def assistant_messages(self):
        return self.page.locator('[data-testid="stChatMessage"]:has([data-testid="stChatMessageAvatarAssistant"])')

    def wait_idle(self, chat: bool = True) -> None:
        """The script run finished: no running indicator, spinner, skeleton or stale element, for a whole second."""
        idle = f"() => !document.querySelector('{BUSY}')" + (f" && !!document.querySelector('{READY}')" if chat else "")
        deadline = time.monotonic() + REPLY_TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            self.page.wait_for_function(idle, timeout=REPLY_TIMEOUT_MS)
            self.page.wait_for_timeout(1000)
            if self.page.evaluate(f"({idle})()"):
                return
        raise AssertionError("the app did not become idle")

    def send(self, text: str, image: Path | None = None):
        before = self.assistant_messages().count()
        if image is not None:
            self.page.locator('[data-testid="stChatInput"] input[type="file"]').set_input_files(str(image))
            self.page.wait_for_timeout(1500)
        box = self.page.locator('[data-testid="stChatInputTextArea"]')
        box.fill(text)
        box.press("Enter")
        self.page.wait_for_function(
            f"""() => document.querySelectorAll('[data-testid="stChatMessageAvatarAssistant"]').length > {before}""",
            timeout=REPLY_TIMEOUT_MS)
        self.wait_idle()
        reply = self.assistant_messages().nth(before)
        return reply

    def assert_no_traceback(self) -> None:
        content = self.page.content()
        assert "Traceback (most recent call last)" not in content
        assert self.page.locator('[data-testid="stException"]').count() == 0


def test_a_new_user_chats_with_every_agent_in_a_real_browser(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(REPLY_TIMEOUT_MS)
    chat = Chat(page, tmp_path)
    page.goto(server)
    page.wait_for_selector('[data-testid="stChatInputTextArea"]')
    chat.wait_idle()
    chat.shot("start")

    reply = chat.send("hello! what can you do?")
    assert "general" in reply.inner_text()
    chat.shot("general")

    reply = chat.send("find me pictures of circles")  # four circles in the catalog
    assert "search_recommend" in reply.inner_text()
    reply.locator("img").nth(2).wait_for()  # a gallery of at least three pictures
    chat.shot("search")

    photo = tmp_path / "query.png"
    draw_shape("blue", "square").save(photo)
    reply = chat.send("something like this photo", image=photo)
    assert "search_recommend" in reply.inner_text()
    reply.locator("img").nth(2).wait_for()
    chat.shot("image-upload")

    reply = chat.send("I have had a mild sore throat and a runny nose for two days")
    text = reply.inner_text()
    assert "medical_triage" in text and any(level in text for level in ("Self-care", "Non-emergent", "Emergent"))
    chat.shot("triage")

    reply = chat.send("show me the unacknowledged camera alerts")
    assert "surveillance" in reply.inner_text()
    acknowledge = reply.get_by_role("button", name="Acknowledge")
    acknowledge.first.wait_for()
    acknowledge.first.click()
    page.get_by_text("acknowledged by local").first.wait_for()
    chat.wait_idle()
    chat.shot("acknowledged")
    chat.assert_no_traceback()

    assert "session=" in page.url
    page.reload()
    page.get_by_text("find me pictures of circles").first.wait_for()
    page.get_by_text("I have had a mild sore throat", exact=False).first.wait_for()
    chat.wait_idle()
    page.get_by_text("acknowledged by local").first.wait_for()  # the restored card shows today's alert state
    assert chat.assistant_messages().count() >= 5
    chat.shot("reloaded")
    chat.assert_no_traceback()

    for name in ("catalog", "alerts", "triage", "models"):
        page.goto(f"{server}/{name}")
        page.wait_for_selector("h1")
        chat.wait_idle(chat=False)
        chat.assert_no_traceback()
        chat.shot(name)
    assert len(list(tmp_path.glob("*.png"))) >= 10
