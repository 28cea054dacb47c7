"""Alert notifications: a log sink and a webhook sink, rate-limited per rule, never blocking frame processing.

Example::

    >>> from agents.surveillance.notify import Notifier, WebhookSink, LogSink
    >>> notifier = Notifier([LogSink(), WebhookSink("http://127.0.0.1:8080/hook")], per_rule=5, window_s=60)  # doctest: +SKIP
    >>> notifier.notify(alert_payload)      # returns at once; a worker thread POSTs it    # doctest: +SKIP
    >>> notifier.close()                    # waits (bounded) for queued deliveries        # doctest: +SKIP

The webhook sink POSTs the alert as JSON from a worker thread fed by a bounded queue; a failed POST is retried
with exponential back-off, and a delivery that still fails is logged and dropped. When the queue is full the
newest alert is dropped and logged, so a slow receiver can never stall the cameras.
"""
from __future__ import annotations

import json
import logging
import queue
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict, deque
from collections.abc import Callable
from typing import Any, Protocol

log = logging.getLogger(__name__)
_STOP = object()


class Sink(Protocol):
    def send(self, payload: dict[str, Any]) -> None: ...

    def close(self, timeout: float = 5.0) -> None: ...


class LogSink:
    """Writes one log line per alert (critical alerts at ERROR level, warnings at WARNING, info at INFO)."""

    LEVELS = {"critical": logging.ERROR, "warning": logging.WARNING, "info": logging.INFO}

    def __init__(self, logger: logging.Logger | None = None):
        self.logger = logger or logging.getLogger("advisor.alerts")

    def send(self, payload: dict[str, Any]) -> None:
        self.logger.log(self.LEVELS.get(str(payload.get("severity")), logging.WARNING),
                        "alert %s: rule=%s camera=%s frame=%s score=%s", payload.get("id"), payload.get("rule"),
                        payload.get("camera"), payload.get("frame"), payload.get("score"))

    def close(self, timeout: float = 5.0) -> None:
        return None


class WebhookSink:
    """POSTs each alert as JSON to ``url`` from a worker thread, retrying with back-off."""

    def __init__(self, url: str, retries: int = 3, backoff_s: float = 0.5, timeout_s: float = 5.0, queue_size: int = 1000,
                 headers: dict[str, str] | None = None, sleep: Callable[[float], None] = time.sleep):
        if not url.lower().startswith(("http://", "https://")):
            raise ValueError(f"webhook URL must start with http:// or https://, got {url!r}")
        self.url, self.retries, self.backoff_s, self.timeout_s = url, retries, backoff_s, timeout_s
        self.headers = {"Content-Type": "application/json", **(headers or {})}
        self.delivered = 0
        self.failed = 0
        self._sleep = sleep
        self._queue: queue.Queue = queue.Queue(maxsize=queue_size)
        self._worker = threading.Thread(target=self._run, name="webhook-sink", daemon=True)
        self._worker.start()

    def send(self, payload: dict[str, Any]) -> None:
        try:
            self._queue.put_nowait(payload)
        except queue.Full:
            self.failed += 1
            log.error("webhook %s: queue full, alert %s dropped", self.url, payload.get("id"))

    def _post(self, body: bytes) -> None:
        request = urllib.request.Request(self.url, data=body, headers=self.headers, method="POST")
        with urllib.request.urlopen(request, timeout=self.timeout_s) as response:  # noqa: S310 - operator-given URL
            if response.status >= 300:
                raise urllib.error.HTTPError(self.url, response.status, "unexpected status", response.headers, None)

    def deliver(self, payload: dict[str, Any]) -> bool:
        """POST one payload, retrying ``retries`` times with back-off; True when delivered."""
        body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
        delay = self.backoff_s
        for attempt in range(self.retries + 1):
            try:
                self._post(body)
                self.delivered += 1
                return True
            except (urllib.error.URLError, OSError, ValueError) as exc:
                if attempt == self.retries:
                    self.failed += 1
                    log.error("webhook %s: alert %s not delivered after %d attempts: %s", self.url, payload.get("id"),
                              attempt + 1, exc)
                    return False
                log.warning("webhook %s: attempt %d failed (%s); retrying in %.1fs", self.url, attempt + 1, exc, delay)
                self._sleep(delay)
                delay *= 2
        return False

    def _run(self) -> None:
        while True:
            payload = self._queue.get()
            try:
                if payload is _STOP:
                    return
                self.deliver(payload)
            except Exception:  # noqa: BLE001 - the worker must survive anything
                log.exception("webhook %s: unexpected error", self.url)
            finally:
                self._queue.task_done()

    def close(self, timeout: float = 5.0) -> None:
        """Let queued alerts go out (at most ``timeout`` seconds), then stop the worker."""
        try:
            self._queue.put(_STOP, timeout=timeout)
        except queue.Full:
            log.error("webhook %s: queue still full at shutdown", self.url)
            return
        self._worker.join(timeout)


class RateLimiter:
    """At most ``per_rule`` notifications per rule in any ``window_s`` seconds (sliding window)."""

    def __init__(self, per_rule: int = 10, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.per_rule, self.window_s, self.clock = per_rule, window_s, clock
        self._sent: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, rule: str) -> bool:
        now = self.clock()
        with self._lock:
            sent = self._sent[rule]
            while sent and now - sent[0] >= self.window_s:
                sent.popleft()
            if len(sent) >= self.per_rule:
                return False
            sent.append(now)
            return True


class Notifier:
    """Fans alerts out to sinks, behind a per-rule rate limit. ``notify`` never blocks on a sink."""

    def __init__(self, sinks: list[Sink] | None = None, per_rule: int = 10, window_s: float = 60.0,
                 clock: Callable[[], float] = time.monotonic):
        self.sinks = list(sinks or [])
        self.limiter = RateLimiter(per_rule, window_s, clock)
        self.suppressed = 0

    def notify(self, payload: dict[str, Any]) -> bool:
        if not self.sinks:
            return False
        if not self.limiter.allow(str(payload.get("rule"))):
            self.suppressed += 1
            log.info("rule %s: notification rate limit reached; alert %s stored but not sent", payload.get("rule"),
                     payload.get("id"))
            return False
        for sink in self.sinks:
            try:
                sink.send(payload)
            except Exception:  # noqa: BLE001 - one broken sink must not stop the others
                log.exception("notification sink %s failed", type(sink).__name__)
        return True

    def close(self, timeout: float = 5.0) -> None:
        for sink in self.sinks:
            sink.close(timeout)
