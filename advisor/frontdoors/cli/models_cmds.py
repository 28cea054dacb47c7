"""`advisor models list|promote|rollback`: the model registry and its evaluation gate."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from advisor.frontdoors.cli.common import emit_json, fail, get_advisor

models_app = typer.Typer(help="Registered encoders: list, promote (gated on held-out recall), roll back.",
                         no_args_is_help=True)


@models_app.command("list")
def models_list(as_json: bool = typer.Option(False, "--json", help="Print the registry as JSON.")) -> None:
    """Every registered version, newest first, and the encoder serving now."""
    advisor = get_advisor()
    rows = advisor.registry.list()
    serving = advisor.model_version
    if as_json:
        emit_json({"serving": serving, "models": [r.model_dump(mode="json") for r in rows]})
        return
    typer.echo(f"serving: {serving}", err=True)
    for r in rows:
        after = r.metrics_after.get("mean_recall")
        typer.echo(f"{r.version:<6} {r.status:<10} {r.mode:<6} {r.created_at:%Y-%m-%d %H:%M}  "
                   f"mean recall {after if after is not None else '?'}  {r.spec}")


def _report(report, as_json: bool, verb: str) -> None:
    if as_json:
        emit_json(report)
        return
    if report.gate is not None:
        g = report.gate
        typer.echo(f"gate on {g.pairs}: {g.metric} candidate {g.candidate:.4f} vs serving {g.serving:.4f}", err=True)
    typer.echo(f"{verb}: {report.previous} -> {report.serving}{' (forced)' if report.forced else ''}; index "
               f"{report.index.vectors} vectors for {report.index.items} items", err=True)


@models_app.command("promote")
def models_promote(
    version: str = typer.Argument(..., help="Version from `advisor models list`, e.g. v2."),
    pairs: Optional[Path] = typer.Option(None, "--pairs", help="Held-out JSONL pairs for the gate (default: the "
                                                               "ones recorded at registration)."),
    force: bool = typer.Option(False, "--force", help="Promote even when the gate refuses or cannot run."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Re-embed the catalog with VERSION and switch to it, unless its held-out recall is worse."""
    from advisor.application.model_registry import RegistryError  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast
    from advisor.training.finetune import PairsError  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    try:
        report = get_advisor().registry.promote(version, force=force, pairs=pairs)
    except (RegistryError, PairsError) as exc:
        fail(str(exc), as_json=as_json)
    _report(report, as_json, "promoted")


@models_app.command("rollback")
def models_rollback(as_json: bool = typer.Option(False, "--json", help="Print the result as JSON.")) -> None:
    """Switch back to the encoder the serving version replaced."""
    from advisor.application.model_registry import RegistryError  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    try:
        report = get_advisor().registry.rollback()
    except RegistryError as exc:
        fail(str(exc), as_json=as_json)
    _report(report, as_json, "rolled back")


def register(app: typer.Typer) -> None:
    app.add_typer(models_app, name="models")
