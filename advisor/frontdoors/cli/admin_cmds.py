"""`advisor doctor`, `advisor reindex` and `advisor audit`."""
from __future__ import annotations

from typing import Optional

import typer

from advisor.frontdoors.cli.common import emit_json, fail, get_advisor


def doctor_cmd(
    skip_model: bool = typer.Option(False, "--skip-model", help="Do not load the encoder."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Check the data home (migrations, index/database agreement, model, disk) and say what to do."""
    from advisor.core.doctor import run_checks  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    checks = run_checks(get_advisor(), load_model=not skip_model)
    healthy = all(c.ok for c in checks)
    if as_json:
        emit_json({"healthy": healthy, "checks": [c.model_dump() for c in checks]})
    else:
        for check in checks:
            typer.echo(f"[{'ok' if check.ok else 'PROBLEM'}] {check.name}: {check.detail}" + ("" if check.ok else f" -> {check.fix}"))
    raise typer.Exit(0 if healthy else 1)


def reindex_cmd(
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Encoder to switch to: a model directory, 'default' or a hub id."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Re-embed the whole catalog with another encoder and switch to it atomically."""
    from advisor.core.encoder import EncoderLoadError  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    advisor = get_advisor()
    try:
        report = advisor.reindex(model or advisor.settings.encoder, progress=not as_json)
    except EncoderLoadError as exc:
        fail(str(exc), as_json=as_json)
    payload = report.model_dump() | {"agree": report.agree}
    if as_json:
        emit_json(payload)
    else:
        typer.echo(f"re-indexed {report.vectors} item(s) with {report.encoder}; now active")


def audit_cmd(
    limit: int = typer.Option(50, "--limit", "-n", min=1, max=100_000, help="How many events, newest first."),
    action: Optional[str] = typer.Option(None, "--action", help="Only this action, e.g. triage.view or alert.acknowledge."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Only this user."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Show the audit log: who viewed triage cases and who acknowledged or resolved alerts, and when."""
    from advisor.core import audit  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    rows = audit.events(get_advisor().store, limit=limit, action=action, actor=actor)
    if as_json:
        emit_json({"events": rows})
        return
    if not rows:
        typer.echo("no audit events yet")
    for row in rows:
        typer.echo(f"{row['at'][:19]}  {row['actor']:<16} {row['action']:<18} {row['subject']}")


def register(app: typer.Typer) -> None:
    app.command("audit")(audit_cmd)
    app.command("doctor")(doctor_cmd)
    app.command("reindex")(reindex_cmd)
