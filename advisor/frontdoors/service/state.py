"""The parts one service instance holds (advisor, keys, limits, metrics, jobs) and the per-route key check."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from advisor.frontdoors.service.guards import RateLimiter
from advisor.frontdoors.service.jobs import IngestJobs
from advisor.frontdoors.service.keys import KeyRing, Principal
from advisor.frontdoors.service.metrics import ServiceMetrics
from advisor.frontdoors.service.schemas import ServiceConfig

log = logging.getLogger(__name__)
bearer = HTTPBearer(auto_error=False, description="An API key: `advisor keys create --scope ...`, or ADVISOR_API_KEYS.")


class Service:
    """Everything the routes need, built once per app."""

    def __init__(self, advisor: Any, config: ServiceConfig):
        self.advisor = advisor
        self.config = config
        secret = advisor.settings.api_keys
        self.keys = KeyRing(advisor.store, secret.get_secret_value() if secret is not None else None)
        self.limiter = RateLimiter(config.rate_limit)
        self.metrics = ServiceMetrics(refresh_s=config.metrics_refresh_s)
        self.jobs = IngestJobs(advisor, on_done=self.metrics.observe_ingest)
        roots = config.ingest_roots or [advisor.settings.home / "inbox"]
        self.ingest_roots = [root.expanduser().resolve() for root in roots]
        self.ingest_roots[0].mkdir(parents=True, exist_ok=True)
        self.warm = threading.Event()
        self.warm_error: str | None = None

    def warm_up(self) -> None:
        """Load the encoder, the index and the router, so the first request does not pay for it."""
        try:
            _ = self.advisor.encoder, self.advisor.catalog, self.advisor.router
            self.advisor.encoder.encode_text(["warm up"])
            self.warm.set()
        except Exception as exc:  # noqa: BLE001 - /readyz reports it; the service stays up to say so
            self.warm_error = f"{type(exc).__name__}: {exc}"
            log.error("warm-up failed: %s", self.warm_error)

    def start_warm_up(self) -> None:
        threading.Thread(target=self.warm_up, name="warm-up", daemon=True).start()


def service_of(request: Request) -> Service:
    return request.app.state.service


def _limit(service: Service, who: str) -> None:
    if not service.limiter.allow(who):
        retry = service.limiter.retry_after(who)
        raise HTTPException(429, f"rate limit {service.config.rate_limit} reached; retry in {retry} s",
                            headers={"Retry-After": str(retry)})


def require(scope: str | None) -> Callable:
    """A dependency: a valid key (401), holding ``scope`` (403), within its rate (429)."""

    async def check(request: Request,
                    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Principal:
        service = service_of(request)
        challenge = {"WWW-Authenticate": "Bearer"}
        if credentials is None or not credentials.credentials:
            raise HTTPException(401, "missing API key: send 'Authorization: Bearer <key>'", headers=challenge)
        principal = await run_in_threadpool(service.keys.verify, credentials.credentials)
        if principal is None:
            _limit(service, f"client:{request.client.host if request.client else '?'}")  # slows key guessing
            raise HTTPException(401, "unknown or revoked API key", headers=challenge)
        if not principal.allows(scope):
            raise HTTPException(403, f"this key lacks the {scope!r} scope")
        _limit(service, f"key:{principal.name}")
        request.state.principal = principal
        return principal

    return check
