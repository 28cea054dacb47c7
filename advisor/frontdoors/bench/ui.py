"""UI section: resident memory (VmRSS) of the ``advisor ui`` process after the first chat reply.

``advisor ui`` starts on a free port over an empty temporary data home; headless Chromium (Debian's, driven by
Playwright) opens the chat page and sends one message; once the reply is shown the server's VmRSS is read from
``/proc/<pid>/status``. The baseline is the same process's VmRSS once it answered its health check (Streamlit and
the warm-up loaded, no session yet). Without Chromium or Playwright, the section says so (not available).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from advisor.frontdoors.bench.core import BenchContext, Goal, NotAvailable, SectionResult, rss_mb

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
RSS_GOAL = Goal(op="<=", target=1536.0)  # MB (1.5 GB)
START_TIMEOUT_S = 300
REPLY_TIMEOUT_MS = 300_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"advisor ui exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise RuntimeError(f"advisor ui did not answer within {START_TIMEOUT_S} s")


def _first_reply(url: str, message: str) -> float:
    """Open the chat page, send ``message``, wait for the assistant's reply; returns seconds to the reply."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - optional extra [dev]

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.goto(url, timeout=REPLY_TIMEOUT_MS)
            box = page.locator('[data-testid="stChatInputTextArea"]')
            box.wait_for(timeout=REPLY_TIMEOUT_MS)
            started = time.perf_counter()
            box.fill(message)
            box.press("Enter")
            page.wait_for_function(
                """() => document.querySelectorAll('[data-testid="stChatMessageAvatarAssistant"]').length > 0""",
                timeout=REPLY_TIMEOUT_MS)
            return time.perf_counter() - started
        finally:
            browser.close()


def _requirements() -> None:
    if not CHROMIUM.exists():
        raise NotAvailable(f"headless Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401, PLC0415 - optional: the [dev] extra
    except ImportError as exc:
        raise NotAvailable("Playwright for Python is missing (pip install playwright)") from exc


def run(ctx: BenchContext) -> SectionResult:
    if ctx.quick and ctx.config.sections != ["ui"]:
        return SectionResult(name="ui", status="skipped", notes=["not in a quick run of every section (starting the app "
                                                                 "and a browser exceeds its budget); run "
                                                                 "`advisor bench --quick --section ui`"])
    _requirements()
    result = SectionResult(name="ui")
    home = ctx.workdir / "ui-home"
    home.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}
    env.update(ADVISOR_HOME=str(home), HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    log_path = ctx.workdir / "ui-server.log"
    with open(log_path, "w") as log_file:
        process = subprocess.Popen([sys.executable, "-m", "advisor", "ui", "--port", str(port), "--host", "127.0.0.1"],
                                   stdout=log_file, stderr=subprocess.STDOUT, env=env)
    started = time.perf_counter()
    try:
        _wait_healthy(url, process)
        ready = time.perf_counter() - started
        idle = rss_mb(process.pid)
        ctx.log("ui: server up; sending one chat message through headless Chromium")
        seconds = _first_reply(url, "hello, what can you do?")
        time.sleep(1.0)  # let the script run finish its last writes
        after = rss_mb(process.pid)
        result.add("advisor ui VmRSS after the first reply", after, "MB", baseline=idle,
                   baseline_name="same process, healthy, before any session", goal=RSS_GOAL,
                   note="Streamlit server, Advisor, encoder, router and agents in one process")
        result.add("start to healthy (models loaded before the port opens)", ready, "s",
                   note="fresh data home; `advisor ui` loads the encoder, router and agents first (--no-wait skips that)")
        result.add("first reply, from sending to the reply shown", seconds, "s",
                   note="page already open; includes loading whatever the warm-up had not loaded yet")
    except RuntimeError as exc:
        tail = log_path.read_text(errors="replace")[-400:] if log_path.exists() else ""
        raise RuntimeError(f"{exc}; server log tail: {tail}") from exc
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    return result
