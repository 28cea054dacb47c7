"""Read models and actions for front ends (the Streamlit app, the REST service): no domain logic here.

Each function calls a public API of ``Advisor`` or of an agent package and turns its typed result into the plain
dicts a page or a JSON response renders. Front ends import this module, never the core or the agents.
"""
from __future__ import annotations

import json
import logging
import threading
import uuid
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import select

from advisor.core.audit import AuditTrail
from advisor.core.errors import NotInstalledError
from advisor.core.ingest import caption_from_name, escapes
from advisor.core.store.models import Item
from agents.medical_triage import models as triage_models
from agents.medical_triage.cases import CaseStore
from agents.registry import available
from agents.surveillance.alerts import AlertBook
from agents.surveillance.feedback import Feedback as AlertFeedback

__all__ = ["NotInstalledError", "caption_from_name", "escapes"]  # re-exported for upload handling in front ends

log = logging.getLogger(__name__)


def _dump(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return value


# -- conversation --------------------------------------------------------------------------------------------
def ask(advisor: Any, text: str, image: str | None = None, session_id: str | None = None, agent: str | None = None,
        user_id: str = "anonymous") -> Any:
    """``Advisor.ask``: the routed (or forced) agent's ``Reply``."""
    return advisor.ask(text, image=image, session_id=session_id, agent=agent, user_id=user_id)


def message_from_reply(reply: Any) -> dict[str, Any]:
    """A chat message dict from a ``Reply``."""
    return {"role": "assistant", "text": reply.text, "agent": reply.agent, "data": _dump(reply.data),
            "scores": dict(reply.scores or {}), "confidence": reply.confidence, "error": reply.error}


def history(advisor: Any, session_id: str) -> list[dict[str, Any]]:
    """The stored conversation as chat message dicts, oldest first (empty when the layer is missing)."""
    messages = []
    for turn in advisor.history(session_id):
        row = _dump(turn)
        if not isinstance(row, dict):
            continue
        data = row.get("data") if isinstance(row.get("data"), dict) else {}
        messages.append({"role": row.get("role", "assistant"), "text": row.get("text", ""), "agent": row.get("agent"),
                         "data": data if data.get("kind") else None, "scores": row.get("scores") or {},
                         "confidence": row.get("confidence"), "image": row.get("image") or data.get("image"),
                         "error": row.get("error")})
    return messages


def sessions(advisor: Any, user_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """This user's recent conversations (session_id, last_agent, messages, updated_at), newest first."""
    return [_dump(row) for row in advisor.sessions(user_id=user_id, limit=limit)]


def feedback(advisor: Any, user_id: str, item_id: int, kind: str) -> Any:
    """``Advisor.feedback`` (like, dislike, view, purchase)."""
    return advisor.feedback(user_id, item_id, kind)


def recommend(advisor: Any, user_id: str, k: int = 8) -> list[dict[str, Any]]:
    return [_dump(hit) for hit in advisor.recommend(user_id, k=k)]


# -- surveillance --------------------------------------------------------------------------------------------
_books: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()
_books_lock = threading.Lock()


def _alert_book(advisor: Any) -> Any:
    """The surveillance package's ``AlertBook`` of this advisor (one per advisor: it caches the frame index)."""
    with _books_lock:
        book = _books.get(advisor)
        if book is None:
            book = _books[advisor] = AlertBook.of(advisor.context)
    return book


def alert_action(advisor: Any, alert_id: int, action: str, who: str) -> dict[str, Any]:
    """Acknowledge, resolve, dismiss (as a false alarm) or undismiss an alert, recording who did it."""
    if action in ("dismiss", "undismiss"):  # a false alarm lowers that rule's sensitivity on that camera (reversible)
        feedback = AlertFeedback(advisor.store, _alert_book(advisor))
        return _dump(getattr(feedback, action)(int(alert_id), by=who))
    if action not in ("acknowledge", "resolve"):
        raise ValueError(f"unknown alert action {action!r}")
    return _dump(getattr(_alert_book(advisor), action)(int(alert_id), by=who))


def refresh_alerts(advisor: Any, alerts: list[dict[str, Any]]) -> None:
    """Bring alert dicts (e.g. from an earlier chat reply) up to date with the store, in place."""
    book = _alert_book(advisor)
    for alert in alerts:
        try:
            current = _dump(book.get(int(alert["id"])))
        except Exception:  # noqa: BLE001 - a deleted alert keeps its old card
            continue
        alert.update({k: current[k] for k in ("state", "acknowledged_by", "acknowledged_at", "resolved_at") if k in current})


def list_alerts(advisor: Any, camera: str | None = None, rule: str | None = None, state: str | None = None,
                since: Any = None, limit: int = 200) -> list[dict[str, Any]]:
    """Stored alerts, newest first, filtered by camera, rule, state and time."""
    book = _alert_book(advisor)
    return [_dump(a) for a in book.list_alerts(camera=camera, rule=rule, state=state, since=since, limit=limit)]


def alert_facets(advisor: Any) -> dict[str, list[str]]:
    """Cameras and rules known to the surveillance tables (for the filter widgets)."""
    book = _alert_book(advisor)
    return {"cameras": book.camera_names(), "rules": book.rule_names()}


def search_frames(advisor: Any, text: str | None = None, image: str | None = None, k: int = 12,
                  camera: str | None = None) -> list[dict[str, Any]]:
    """Stored camera frames most similar to a text and/or an image (the advisor's query embedding)."""
    book = _alert_book(advisor)
    query = advisor.embed_query(text=text, image=image)
    return [_dump(f) for f in book.search_frames(query, k=k, camera=camera)]


# -- triage --------------------------------------------------------------------------------------------------
def triage_cases(advisor: Any, limit: int = 200, level: str | None = None, viewer: str | None = None) -> list[dict[str, Any]]:
    """Stored de-identified triage cases, newest first (optionally one level); ``viewer`` is audited."""
    case = triage_models.TriageCase
    query = select(case).order_by(case.id.desc()).limit(limit)
    if level:
        query = query.where(case.level == level)
    with advisor.store.session() as session:
        cases = [row.to_dict() for row in session.scalars(query).all()]
        if viewer is not None and cases:
            AuditTrail(advisor.store).record(viewer, "triage.view", f"triage_cases:{len(cases)}",
                         {"case_ids": [c["id"] for c in cases], "level": level}, session=session)
        return cases


def similar_cases(advisor: Any, case_id: int, k: int = 5) -> list[dict[str, Any]]:
    """Past cases whose photos resemble this case's photo."""
    return [_dump(c) for c in CaseStore(advisor.context).similar_cases(case_id, k=k)]


# -- catalog -------------------------------------------------------------------------------------------------
def catalog_facets(advisor: Any) -> dict[str, list[str]]:
    """Values the catalog filters offer: domains and categories present in the store."""
    with advisor.store.session() as session:
        domains = sorted(d for d in session.scalars(select(Item.domain).distinct()).all() if d)
        categories = sorted(c for c in session.scalars(select(Item.meta["category"].as_string()).distinct()).all() if c)
    return {"domains": domains, "categories": categories}


def catalog_filters(category: list[str] | None, price_min: float | None, price_max: float | None) -> dict[str, Any] | None:
    """The ``filters=`` mapping of ``Advisor.search`` for the catalog page's widgets."""
    filters: dict[str, Any] = {}
    if category:
        filters["category"] = list(category)
    price = {op: value for op, value in (("gte", price_min), ("lte", price_max)) if value is not None}
    if price:
        filters["price"] = price
    return filters or None


def browse(advisor: Any, page: int, per_page: int, domain: str | None = None) -> tuple[list[dict[str, Any]], int]:
    """One page of catalog items (newest first) and the total count."""
    ids = advisor.store.item_ids(domain)[::-1]
    chosen = ids[page * per_page:(page + 1) * per_page]
    items = advisor.store.get_items(chosen)
    rows = [{"id": i, "image": items[i].uri, "caption": items[i].caption, "domain": items[i].domain,
             "metadata": dict(items[i].meta or {})} for i in chosen if i in items]
    return rows, len(ids)


def ingest_archive(advisor: Any, extracted: Any, domain: str, progress) -> Any:
    """Ingest an extracted upload archive, confined to its folder (manifest paths may not reach out)."""
    return advisor.ingest(extracted.source, domain=domain or None, progress=progress, confine=True)


def ingest_uploads(advisor: Any, rows: list[dict[str, Any]], folder, domain: str, progress) -> Any:
    """Write a JSONL manifest for already saved uploads and ingest it (``progress(done, total)``)."""
    manifest = Path(folder) / f"manifest-{uuid.uuid4().hex[:8]}.jsonl"
    with open(manifest, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps({k: v for k, v in row.items() if v not in (None, "")}, ensure_ascii=False) + "\n")
    return advisor.ingest(manifest, domain=domain or None, progress=progress, confine=True)


def installed_agents() -> dict[str, str]:
    """Agent name -> one-line description, from the registry."""
    return {name: cls.description for name, cls in sorted(available().items())}
