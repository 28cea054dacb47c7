"""``create_app(advisor)``: the FastAPI application of ``advisor serve``.

Every error is a JSON ``{"error", "detail"}`` body with its status (401, 403, 404, 409, 413, 422, 429, 503);
an unexpected failure is logged with its traceback on the server and answered 500 without one.

Example::

    >>> from advisor import Advisor
    >>> from advisor.service import create_app
    >>> app = create_app(Advisor.from_settings())             # doctest: +SKIP
    >>> import uvicorn; uvicorn.run(app, port=8000)           # doctest: +SKIP
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from advisor import __version__
from advisor.frontdoors.service import ops_routes, routes
from advisor.frontdoors.service.guards import BodyLimitMiddleware, BodyTooLarge, TimingMiddleware
from advisor.frontdoors.service.schemas import ServiceConfig
from advisor.frontdoors.service.state import Service

log = logging.getLogger(__name__)
ERROR_NAMES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
               409: "conflict", 413: "too_large", 415: "unsupported_media_type", 422: "invalid", 429: "rate_limited",
               503: "unavailable"}


def _error(status: int, detail: Any, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": ERROR_NAMES.get(status, "error"), "detail": detail}, status_code=status,
                        headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, exc.detail, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return _error(422, errors)

    @app.exception_handler(BodyTooLarge)
    async def too_large(_request: Request, exc: BodyTooLarge) -> JSONResponse:
        return _error(413, str(exc))

    @app.exception_handler(ValidationError)
    async def invalid_value(_request: Request, exc: ValidationError) -> JSONResponse:
        return _error(422, [{"loc": e["loc"], "msg": e["msg"], "type": e["type"]} for e in exc.errors(include_url=False)])

    @app.exception_handler(ValueError)  # AdvisorError, FeedbackError, ...: the request cannot be served as given
    async def refused(_request: Request, exc: ValueError) -> JSONResponse:
        return _error(422, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(500, f"internal error ({type(exc).__name__}); the server log has the details")


def create_app(advisor: Any, config: ServiceConfig | None = None) -> FastAPI:
    """The REST service over ``advisor`` (an :class:`~advisor.application.facade.Advisor`)."""
    config = config or ServiceConfig()
    service = Service(advisor, config)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        if config.warm_up:
            service.start_warm_up()
        yield
        service.jobs.shutdown()

    app = FastAPI(title="Smart Advisor API", version=__version__, lifespan=lifespan,
                  description="Multimodal search, specialist agents, alerts and feedback over HTTP. Send an API key "
                              "as `Authorization: Bearer <key>`; each route names the scope it needs.")
    app.state.service = service
    app.include_router(routes.router)
    app.include_router(ops_routes.router)
    _install_error_handlers(app)
    app.add_middleware(TimingMiddleware, metrics=service.metrics)
    app.add_middleware(BodyLimitMiddleware, max_bytes=config.max_body_bytes)
    return app
