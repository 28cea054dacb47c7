"""The /v1 routes that talk to the advisor: ask, search, ingest and its jobs, feedback."""
from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from advisor.frontdoors.service.keys import Principal
from advisor.frontdoors.service.schemas import (
    AskRequest,
    AskResponse,
    ErrorBody,
    FeedbackRequest,
    FeedbackResponse,
    HitView,
    IngestRequest,
    JobView,
    SearchRequest,
    SearchResponse,
)
from advisor.frontdoors.service.state import require, service_of

router = APIRouter(prefix="/v1")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"}
ERRORS = {code: {"model": ErrorBody} for code in (401, 403, 413, 422, 429)}
MULTIPART_ASK = {
    "type": "object",
    "properties": {"text": {"type": "string", "maxLength": 10000}, "image": {"type": "string", "format": "binary"},
                   "session_id": {"type": "string", "maxLength": 128}, "agent": {"type": "string", "maxLength": 64},
                   "user_id": {"type": "string", "maxLength": 128}},
}
ASK_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": AskRequest.model_json_schema()},
    "multipart/form-data": {"schema": MULTIPART_ASK}}}}


def _reply_view(reply: Any) -> AskResponse:
    data = reply.data.model_dump(mode="json") if reply.data is not None else None
    return AskResponse(agent=reply.agent, text=reply.text, kind=(data or {}).get("kind"), confidence=reply.confidence,
                       scores=dict(reply.scores or {}), data=data, error=reply.error, session_id=reply.session_id,
                       model_version=reply.model_version)


async def _ask_fields(request: Request, max_bytes: int) -> tuple[AskRequest | None, dict, UploadFile | None]:
    """The message from a JSON body or a multipart form (with an optional ``image`` file)."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form(max_files=1, max_fields=8, max_part_size=max_bytes)
        image = form.get("image")
        fields = {k: v for k, v in form.items() if k != "image" and isinstance(v, str)}
        unknown = sorted(set(fields) - set(AskRequest.model_fields))
        if unknown:
            raise RequestValidationError([{"loc": ("body", unknown[0]), "msg": "unknown field", "type": "extra_forbidden"}])
        image = image if isinstance(image, UploadFile) else None
        if image is None and not fields.get("text", "").strip():
            raise RequestValidationError([{"loc": ("body", "text"), "msg": "send a text, an image, or both",
                                           "type": "missing"}])
        return None, fields, image
    try:
        return AskRequest.model_validate_json(await request.body()), {}, None
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False, include_context=False)) from None


def _save_upload(directory: Path, upload: UploadFile, content: bytes) -> str:
    suffix = Path(upload.filename or "").suffix.lower()
    path = directory / f"api-{uuid.uuid4().hex}{suffix if suffix in IMAGE_SUFFIXES else '.img'}"
    path.write_bytes(content)
    return str(path)


@router.post("/ask", response_model=AskResponse, responses=ERRORS, openapi_extra=ASK_BODY,
             summary="Ask the advisor (JSON, or multipart with an image)")
async def ask(request: Request, principal: Annotated[Principal, Depends(require("ask"))]) -> AskResponse:
    service = service_of(request)
    body, form, upload = await _ask_fields(request, service.config.max_body_bytes)
    fields = body.model_dump() if body is not None else form
    image = None
    if upload is not None:
        content = await upload.read()
        if content:
            image = await run_in_threadpool(_save_upload, service.advisor.settings.uploads_dir, upload, content)
    text = fields.get("text") or None
    if text is None and image is None:
        raise RequestValidationError([{"loc": ("body", "image"), "msg": "the image is empty", "type": "value_error"}])
    started = time.perf_counter()
    reply = await run_in_threadpool(service.advisor.ask, text, image=image, session_id=fields.get("session_id") or None,
                                    agent=fields.get("agent") or None,
                                    user_id=fields.get("user_id") or principal.actor)
    service.metrics.observe_reply(reply, forced=bool(fields.get("agent")), seconds=time.perf_counter() - started)
    return _reply_view(reply)


@router.post("/search", response_model=SearchResponse, responses=ERRORS, summary="Search the catalog by text")
async def search(body: SearchRequest, request: Request,
                 _: Annotated[Principal, Depends(require("search"))]) -> SearchResponse:
    advisor = service_of(request).advisor
    hits = await run_in_threadpool(advisor.search, body.text, k=body.k, domain=body.domain, filters=body.filters)
    results = [HitView(**h.model_dump(exclude={"explanation"})) for h in hits]
    return SearchResponse(results=results, model_version=advisor.model_version)


@router.post("/ingest", response_model=JobView, status_code=202, responses=ERRORS,
             summary="Ingest a server-side folder or manifest in the background")
async def ingest(body: IngestRequest, request: Request,
                 _: Annotated[Principal, Depends(require("ingest"))]) -> JobView:
    service = service_of(request)
    try:
        source = Path(body.path).expanduser()
        resolved = source.resolve()
    except (OSError, RuntimeError, ValueError) as exc:
        raise HTTPException(422, f"unusable path: {exc}") from None
    if not any(resolved == root or root in resolved.parents for root in service.ingest_roots):
        roots = ", ".join(str(r) for r in service.ingest_roots)
        raise HTTPException(422, f"{body.path} is outside the ingest roots ({roots})")
    if not resolved.exists():
        raise HTTPException(422, f"{body.path} does not exist")
    return service.jobs.submit(resolved, body.domain)


@router.get("/jobs/{job_id}", response_model=JobView, responses={**ERRORS, 404: {"model": ErrorBody}},
            summary="State of a background job")
async def job(job_id: str, request: Request, _: Annotated[Principal, Depends(require("ingest"))]) -> JobView:
    found = service_of(request).jobs.get(job_id)
    if found is None:
        raise HTTPException(404, f"no job {job_id!r} (jobs live in the service's memory)")
    return found


@router.post("/feedback", response_model=FeedbackResponse, responses=ERRORS, summary="Record a like, purchase, ...")
async def feedback(body: FeedbackRequest, request: Request,
                   principal: Annotated[Principal, Depends(require("feedback"))]) -> FeedbackResponse:
    advisor = service_of(request).advisor
    row = await run_in_threadpool(advisor.feedback, body.user_id or principal.actor, body.item_id, body.kind,
                                  context=body.context)
    return FeedbackResponse(**json.loads(row.model_dump_json(include=set(FeedbackResponse.model_fields))))
