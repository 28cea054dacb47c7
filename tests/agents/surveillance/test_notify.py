"""Notifications: a webhook delivered to a local HTTP server after one failure, never blocking; rate limits."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from agents.surveillance.notify import LogSink, Notifier, RateLimiter, WebhookSink


class Receiver(BaseHTTPRequestHandler):
    """Fails the first POST with 500, accepts the rest; records bodies."""

    received: list = []
    calls = 0
    delay_s = 0.0

    def do_POST(self):  # noqa: N802 - http.server API
        type(self).calls += 1
        body = self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(type(self).delay_s)
        if type(self).calls == 1:
            self.send_response(500)
            self.end_headers()
            return
        type(self).received.append(json.loads(body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Receiver.received, Receiver.calls, Receiver.delay_s = [], 0, 0.0
    httpd = HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/hook"
    httpd.shutdown()
    httpd.server_close()


def test_webhook_retries_after_a_failure_and_delivers(server, caplog):
    sink = WebhookSink(server, retries=3, backoff_s=0.05)
    sink.send({"id": 1, "rule": "fire", "camera": "gate", "severity": "critical", "score": 0.9})
    sink.close(timeout=10)
    assert Receiver.calls == 2  # 500, then 200
    assert Receiver.received == [{"id": 1, "rule": "fire", "camera": "gate", "severity": "critical", "score": 0.9}]
    assert sink.delivered == 1 and sink.failed == 0
    assert "attempt 1 failed" in caplog.text


def test_webhook_failure_is_logged_not_raised(caplog):
    sink = WebhookSink("http://127.0.0.1:9/nothing-listens", retries=1, backoff_s=0.01, timeout_s=1)
    sink.send({"id": 7, "rule": "fire"})
    sink.close(timeout=10)
    assert sink.failed == 1 and sink.delivered == 0
    assert "alert 7 not delivered after 2 attempts" in caplog.text


def test_sending_never_blocks_on_a_slow_receiver(server):
    Receiver.delay_s = 0.5
    sink = WebhookSink(server, retries=0)
    started = time.perf_counter()
    for index in range(5):
        sink.send({"id": index, "rule": "fire"})
    assert time.perf_counter() - started < 0.2  # frame processing goes on while the worker posts
    sink.close(timeout=10)


def test_bad_webhook_url_is_refused():
    with pytest.raises(ValueError, match="http:// or https://"):
        WebhookSink("ftp://example/hook")


def test_rate_limit_is_per_rule_and_slides():
    now = [0.0]
    limiter = RateLimiter(per_rule=2, window_s=10, clock=lambda: now[0])
    assert limiter.allow("fire") and limiter.allow("fire") and not limiter.allow("fire")
    assert limiter.allow("person")  # other rules have their own budget
    now[0] = 10.5
    assert limiter.allow("fire")


def test_notifier_rate_limits_and_survives_a_broken_sink(caplog):
    class Broken:
        def send(self, payload):
            raise RuntimeError("boom")

        def close(self, timeout=5.0):
            pass

    sent = []

    class Collect:
        def send(self, payload):
            sent.append(payload["id"])

        def close(self, timeout=5.0):
            pass

    notifier = Notifier([Broken(), Collect(), LogSink()], per_rule=2, window_s=60)
    results = [notifier.notify({"id": i, "rule": "fire", "severity": "critical"}) for i in range(4)]
    assert results == [True, True, False, False] and sent == [0, 1] and notifier.suppressed == 2
    assert "Broken failed" in caplog.text
