"""API keys and scopes: keys made by ``advisor keys create`` (stored as SHA-256 digests) and ``ADVISOR_API_KEYS``.

``ADVISOR_API_KEYS`` holds ``KEY=scope,scope`` entries separated by ``;`` (``*`` grants every scope), e.g.
``ADVISOR_API_KEYS="k3y-for-the-shop-frontend=ask,search;k3y-for-the-operators=*"``. Each key is at least
16 characters. Database keys are random 43-character tokens shown once; only their digest is stored.

Example::

    >>> key, info = create_key(store, "shop", ["ask", "search"])           # doctest: +SKIP
    >>> KeyRing(store, settings).verify(key).allows("search")              # doctest: +SKIP
    True
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timezone
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from advisor.core.store.service_models import ApiKey

SCOPES = {
    "ask": "POST /v1/ask",
    "search": "POST /v1/search",
    "ingest": "POST /v1/ingest and GET /v1/jobs/{id}",
    "feedback": "POST /v1/feedback",
    "alerts:read": "GET /v1/alerts",
    "alerts:write": "POST /v1/alerts/{id}/ack (implies alerts:read)",
    "triage:read": "GET /v1/triage/cases (de-identified; every view is audited)",
}
IMPLIED = {"alerts:write": {"alerts:read"}}
MIN_KEY_CHARS = 16
KEY_PREFIX = "adv_"


class ApiKeyError(ValueError):
    """A key or scope list that cannot be accepted; the message says why."""


class Principal(BaseModel):
    """Who is calling: a key's name and what it may do."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(description="Key name (database keys) or 'env:<prefix>' (ADVISOR_API_KEYS).")
    scopes: frozenset[str] = Field(description="Granted scopes ('*' = all).")

    def allows(self, scope: str | None) -> bool:
        if scope is None or "*" in self.scopes or scope in self.scopes:
            return True
        return any(scope in IMPLIED.get(granted, set()) for granted in self.scopes)

    @property
    def actor(self) -> str:
        """The name written to the audit log."""
        return f"api:{self.name}"


class KeyInfo(BaseModel):
    """A stored key as listed (never the key itself)."""

    model_config = ConfigDict(extra="forbid")
    id: int
    name: str
    prefix: str = Field(description="First characters of the key, to recognise it.")
    scopes: list[str]
    created_at: datetime
    revoked_at: datetime | None = None


def parse_scopes(text: str | list[str]) -> list[str]:
    """'ask, search' -> ['ask', 'search']; unknown scopes are refused by name."""
    values = text.split(",") if isinstance(text, str) else list(text)
    scopes = sorted({value.strip() for value in values if value.strip()})
    unknown = [s for s in scopes if s != "*" and s not in SCOPES]
    if unknown or not scopes:
        raise ApiKeyError(f"unknown scope(s) {', '.join(unknown) or '(none given)'}; use {', '.join(SCOPES)} or *")
    return scopes


def parse_env_keys(text: str | None) -> dict[str, frozenset[str]]:
    """The ``ADVISOR_API_KEYS`` format: ``KEY=scope,scope;KEY2=*``."""
    keys: dict[str, frozenset[str]] = {}
    for number, entry in enumerate((text or "").split(";"), start=1):
        if not entry.strip():
            continue
        key, sep, scopes = entry.strip().partition("=")
        if not sep or len(key.strip()) < MIN_KEY_CHARS:
            raise ApiKeyError(f"ADVISOR_API_KEYS entry {number}: write KEY=scope,scope with a key of at least "
                            f"{MIN_KEY_CHARS} characters")
        keys[key.strip()] = frozenset(parse_scopes(scopes))
    return keys


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _info(row: ApiKey) -> KeyInfo:
    def aware(when):
        return when.replace(tzinfo=when.tzinfo or timezone.utc) if when else None

    return KeyInfo(id=row.id, name=row.name, prefix=row.prefix, scopes=list(row.scopes or []),
                   created_at=aware(row.created_at), revoked_at=aware(row.revoked_at))


def create_key(store: Any, name: str, scopes: str | list[str]) -> tuple[str, KeyInfo]:
    """A new random key with these scopes: (the key, shown once; what is stored)."""
    name = " ".join(str(name).split())[:128]
    if not name:
        raise ApiKeyError("a key needs a name (--name)")
    granted = parse_scopes(scopes)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with store.session() as s:
        row = ApiKey(name=name, prefix=key[:10], digest=digest_of(key), scopes=granted)
        s.add(row)
        s.flush()
        return key, _info(row)


def list_keys(store: Any) -> list[KeyInfo]:
    with store.session() as s:
        return [_info(r) for r in s.scalars(select(ApiKey).order_by(ApiKey.id)).all()]


def revoke_key(store: Any, ident: str) -> KeyInfo:
    """Revoke a key by id, name or prefix (exactly one must match)."""
    with store.session() as s:
        rows = [r for r in s.scalars(select(ApiKey).where(ApiKey.revoked_at.is_(None))).all()
                if ident in (str(r.id), r.name, r.prefix)]
        if len(rows) != 1:
            raise ApiKeyError(f"{len(rows)} active keys match {ident!r}; give the id from `advisor keys list`")
        rows[0].revoked_at = datetime.now(timezone.utc)
        return _info(rows[0])


class KeyRing:
    """Checks a presented key against ``ADVISOR_API_KEYS`` and the database."""

    def __init__(self, store: Any, env_keys: str | None = None):
        self.store = store
        self.env_keys = parse_env_keys(env_keys)

    def verify(self, presented: str) -> Principal | None:
        for key, scopes in self.env_keys.items():
            if hmac.compare_digest(key.encode("utf-8"), presented.encode("utf-8")):
                return Principal(name=f"env:{key[:4]}…", scopes=scopes)
        digest = digest_of(presented)
        with self.store.session() as s:
            row = s.scalar(select(ApiKey).where(ApiKey.digest == digest, ApiKey.revoked_at.is_(None)))
            return Principal(name=row.name, scopes=frozenset(row.scopes or [])) if row is not None else None
