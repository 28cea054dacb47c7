"""Request guards: body size (413), rate per key (429), and the timing of every request for the metrics.

Both middlewares are plain ASGI, so they see every request, including those rejected before routing.
"""
from __future__ import annotations

import json
import time
from typing import Any

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


class BodyTooLarge(Exception):
    """The request body grew past the limit while it was read (no usable Content-Length)."""

    def __init__(self, limit: int):
        super().__init__(f"the request body is larger than {limit} bytes")
        self.limit = limit


async def send_json(send: Any, status: int, payload: dict, headers: list | None = None) -> None:
    body = json.dumps(payload).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
                + list(headers or [])})
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    """413 for a declared Content-Length over the limit; a streamed body is counted as it arrives."""

    def __init__(self, app: Any, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.strip().isdigit() or int(declared) > self.max_bytes):
            await send_json(send, 413, {"error": "too_large",
                                        "detail": f"the request body is larger than {self.max_bytes} bytes"})
            return
        received = 0

        async def counted_receive() -> dict:
            nonlocal received
            message = await receive()
            if message.get("type") == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counted_receive, send)


class TimingMiddleware:
    """Records route template, method, status and latency of every request in ``ServiceMetrics``."""

    def __init__(self, app: Any, metrics: Any):
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500

        async def watched_send(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, watched_send)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self.metrics.observe_request(route, scope.get("method", "?"), status, time.perf_counter() - started)


class RateLimiter:
    """A moving-window limit per API key (in memory: one service process)."""

    def __init__(self, rate: str):
        self.item = parse(rate)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def allow(self, who: str) -> bool:
        return self.limiter.hit(self.item, who)

    def retry_after(self, who: str) -> int:
        reset, _remaining = self.limiter.get_window_stats(self.item, who)
        return max(1, int(reset - time.time()) + 1)
