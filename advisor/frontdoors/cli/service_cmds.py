"""`advisor serve` (the REST service) and `advisor keys create|list|revoke` (its API keys)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from limits import parse

from advisor.frontdoors.cli.common import emit_json, fail, get_advisor

keys_app = typer.Typer(help="API keys of the REST service (stored hashed; a new key is printed once).",
                       no_args_is_help=True)


def serve_cmd(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    max_body_mb: float = typer.Option(16.0, "--max-body-mb", min=0.01, help="Larger requests get 413."),
    rate: str = typer.Option("120/minute", "--rate", help="Requests per API key, e.g. 10/second; more get 429."),
    ingest_root: Optional[list[Path]] = typer.Option(None, "--ingest-root",
                                                     help="Folder POST /v1/ingest may read (repeatable; "
                                                          "default <home>/inbox)."),
) -> None:
    """Serve the advisor over HTTP: /v1/ask, /v1/search, /v1/ingest, ..., /healthz, /readyz, /metrics, /docs."""
    try:
        import uvicorn  # noqa: PLC0415 - optional extra [service]

        from advisor.frontdoors.service import ServiceConfig, create_app  # noqa: PLC0415 - service pulls service pulls pulls fastapi (optional extra [service])
    except ImportError as exc:  # the service extra is optional
        fail(f"the REST service needs the 'service' extra (pip install 'smart-advisor[service]'): {exc}")

    try:
        parse(rate)
        config = ServiceConfig(max_body_bytes=int(max_body_mb * 1024 * 1024), rate_limit=rate,
                               ingest_roots=list(ingest_root or []))
    except ValueError as exc:
        fail(f"invalid option: {exc}")
    advisor = get_advisor()
    try:
        service = create_app(advisor, config)
    except ValueError as exc:  # e.g. a malformed ADVISOR_API_KEYS
        fail(str(exc))
    typer.echo(f"serving {advisor.settings.home} on http://{host}:{port} (docs at /docs); models load in the "
               "background, /readyz says when", err=True)
    uvicorn.run(service, host=host, port=port, log_level="warning")


@keys_app.command("create")
def keys_create(
    scope: str = typer.Option(..., "--scope", help="Comma-separated: ask, search, ingest, feedback, alerts:read, "
                                                   "alerts:write, triage:read, or *."),
    name: str = typer.Option("api-key", "--name", help="A name to recognise the key by (audit log, `keys list`)."),
    as_json: bool = typer.Option(False, "--json", help="Print the key and its record as JSON."),
) -> None:
    """Create a key. It is printed once: only its digest is stored."""
    from advisor.frontdoors.service.keys import ApiKeyError, create_key  # noqa: PLC0415 - service pulls service pulls pulls fastapi (optional extra [service])

    try:
        key, info = create_key(get_advisor().store, name, scope)
    except ApiKeyError as exc:
        fail(str(exc), as_json=as_json)
    if as_json:
        emit_json({"key": key, **info.model_dump(mode="json")})
        return
    typer.echo(key)
    typer.echo(f"key {info.id} ({info.name}) with scopes {', '.join(info.scopes)}: copy it now, it is not shown again",
               err=True)


@keys_app.command("list")
def keys_list(as_json: bool = typer.Option(False, "--json", help="Print the keys as JSON.")) -> None:
    """Stored keys (id, name, prefix, scopes, revoked); never the keys themselves."""
    from advisor.frontdoors.service.keys import list_keys  # noqa: PLC0415 - service pulls service pulls pulls fastapi (optional extra [service])

    rows = list_keys(get_advisor().store)
    if as_json:
        emit_json({"keys": [r.model_dump(mode="json") for r in rows]})
        return
    for r in rows:
        state = f"revoked {r.revoked_at:%Y-%m-%d}" if r.revoked_at else "active"
        typer.echo(f"{r.id:>4}  {r.name:<20} {r.prefix}…  {','.join(r.scopes):<40} {state}")


@keys_app.command("revoke")
def keys_revoke(key_id: str = typer.Argument(..., help="Id, name or prefix from `advisor keys list`."),
                as_json: bool = typer.Option(False, "--json", help="Print the revoked key's record as JSON.")) -> None:
    """Revoke a key; requests with it get 401 from then on."""
    from advisor.frontdoors.service.keys import ApiKeyError, revoke_key  # noqa: PLC0415 - service pulls service pulls pulls fastapi (optional extra [service])

    try:
        info = revoke_key(get_advisor().store, key_id)
    except ApiKeyError as exc:
        fail(str(exc), as_json=as_json)
    if as_json:
        emit_json(info)
        return
    typer.echo(f"revoked key {info.id} ({info.name})", err=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
    app.add_typer(keys_app, name="keys")
