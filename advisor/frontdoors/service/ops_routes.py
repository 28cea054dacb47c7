"""Routes for operators: alerts, triage cases, agents, health, readiness and metrics."""
from __future__ import annotations

import importlib
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from advisor.core import audit
from advisor.frontdoors.service.keys import Principal
from advisor.frontdoors.service.routes import ERRORS
from advisor.frontdoors.service.schemas import MAX_ROW_ID, AgentView, ErrorBody, HealthView, ReadyView
from advisor.frontdoors.service.state import Service, require, service_of
from agents.registry import available

router = APIRouter()
ALERT_STATES = ("open", "acknowledged", "resolved")


def _optional(module: str, what: str) -> Any:
    """An agent package's module, or 503 naming what is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise HTTPException(503, f"{what} is not installed ({exc})") from None


def _alert_book(service: Service) -> Any:
    alerts = _optional("agents.surveillance.alerts", "the surveillance agent")
    if getattr(service, "alert_book", None) is None:
        service.alert_book = alerts.AlertBook.of(service.advisor.context)
    return service.alert_book


def alert_counts(service: Service) -> dict[str, int]:
    try:
        book = _alert_book(service)
    except HTTPException:
        return {}
    return {state: book.count_alerts(state) for state in ALERT_STATES}


@router.get("/v1/alerts", responses=ERRORS, summary="Stored surveillance alerts, newest first")
async def list_alerts(request: Request, principal: Annotated[Principal, Depends(require("alerts:read"))],
                      state: Literal["open", "acknowledged", "resolved"] | None = None,
                      camera: Annotated[str | None, Query(max_length=128)] = None,
                      limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[dict[str, Any]]:
    service = service_of(request)
    book = _alert_book(service)
    rows = await run_in_threadpool(book.list_alerts, camera=camera, state=state, limit=limit)
    if rows:
        await run_in_threadpool(audit.record, service.advisor.store, principal.actor, "alert.view",
                                f"alerts:{len(rows)}", {"alert_ids": [r.id for r in rows]})
    return [r.model_dump(mode="json") for r in rows]


@router.post("/v1/alerts/{alert_id}/ack", responses={**ERRORS, 404: {"model": ErrorBody}, 409: {"model": ErrorBody}},
             summary="Acknowledge an alert (recorded with the key's name)")
async def acknowledge(alert_id: Annotated[int, Path(ge=1, le=MAX_ROW_ID)], request: Request,
                      principal: Annotated[Principal, Depends(require("alerts:write"))]) -> dict[str, Any]:
    service = service_of(request)
    book = _alert_book(service)
    alerts = _optional("agents.surveillance.alerts", "the surveillance agent")
    try:
        view = await run_in_threadpool(book.acknowledge, alert_id, by=principal.actor)
    except alerts.AlertError as exc:
        raise HTTPException(404 if str(exc).startswith("no alert") else 409, str(exc)) from None
    service.metrics.acks.inc()
    return view.model_dump(mode="json")


@router.get("/v1/triage/cases", responses=ERRORS, summary="De-identified triage cases (every view is audited)")
async def triage_cases(request: Request, principal: Annotated[Principal, Depends(require("triage:read"))],
                       level: Literal["emergent", "non_emergent", "self_care"] | None = None,
                       limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[dict[str, Any]]:
    models = _optional("agents.medical_triage.models", "the medical triage agent")
    store = service_of(request).advisor.store

    def read() -> list[dict[str, Any]]:
        query = select(models.TriageCase).order_by(models.TriageCase.id.desc()).limit(limit)
        if level:
            query = query.where(models.TriageCase.level == level)
        with store.session() as session:
            cases = [row.to_dict() for row in session.scalars(query).all()]
            if cases:
                audit.record(store, principal.actor, "triage.view", f"triage_cases:{len(cases)}",
                             {"case_ids": [c["id"] for c in cases], "level": level}, session=session)
            return cases

    return await run_in_threadpool(read)


@router.get("/v1/agents", response_model=list[AgentView], responses=ERRORS, summary="Installed agents")
async def agents(_: Annotated[Principal, Depends(require(None))]) -> list[AgentView]:
    return [AgentView(name=name, description=cls.description, examples=list(cls.examples)[:5])
            for name, cls in available().items()]


@router.get("/healthz", response_model=HealthView, summary="The process answers")
async def healthz() -> HealthView:
    return HealthView()


@router.get("/readyz", response_model=ReadyView, responses={503: {"model": ReadyView}},
            summary="Models loaded, database reachable, index and database agree")
async def readyz(request: Request) -> Any:
    service = service_of(request)
    view = await run_in_threadpool(_readiness, service)
    return JSONResponse(view.model_dump(), status_code=200 if view.ready else 503)


def _readiness(service: Service) -> ReadyView:
    problems = [f"warm-up failed: {service.warm_error}"] if service.warm_error else []
    loaded = service.warm.is_set()
    if not loaded and not problems:
        problems.append("models are still loading")
    try:
        service.advisor.store.count_items()
        database = True
    except Exception as exc:  # noqa: BLE001 - readiness reports the failure instead of raising
        database = False
        problems.append(f"database: {type(exc).__name__}: {exc}")
    report, agrees = None, False
    if loaded and database:
        report = service.advisor.index_report()
        agrees = report.agree
        if not agrees:
            problems.append(f"index and database disagree: {len(report.missing_from_index)} items without vectors, "
                            f"{len(report.orphans_in_index)} vectors without items (run `advisor reindex`)")
    return ReadyView(ready=loaded and database and agrees, models_loaded=loaded, database=database, index_agrees=agrees,
                     items=report.items if report else 0, vectors=report.vectors if report else 0,
                     model_version=service.advisor.model_version if database else None, problems=problems)


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
async def metrics(request: Request) -> Response:
    service = service_of(request)
    if service.warm.is_set():  # catalog figures need the index; before warm-up only request figures exist
        await run_in_threadpool(lambda: service.metrics.refresh(service.advisor, alert_counts(service)))
    return Response(service.metrics.render(), media_type=CONTENT_TYPE_LATEST)
