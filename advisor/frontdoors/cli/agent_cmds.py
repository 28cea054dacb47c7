"""`advisor route`, `advisor ask`, `advisor agents list`."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from advisor.frontdoors.cli.common import emit_json, fail, get_advisor

agents_app = typer.Typer(help="The installed agents.", no_args_is_help=True)


def _message_or_fail(text: Optional[str], as_json: bool, image: Optional[Path] = None) -> str:
    text = (text or "").strip()
    if not text and image is None:
        fail("the message is empty: give a question (and/or --image PATH)", as_json=as_json)
    return text


def route_cmd(
    text: Optional[str] = typer.Argument(None, help="The message to route."),
    session: Optional[str] = typer.Option(None, "--session", "-s", help="Route in the context of this conversation."),
    as_json: bool = typer.Option(False, "--json", help='Print {"agent", "confidence", "scores", "fallback", "reason"}.'),
) -> None:
    """Which agent would answer TEXT, with the calibrated score of every agent."""
    from advisor.core.errors import AdvisorError  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    text = _message_or_fail(text, as_json)
    try:
        decision = get_advisor().route(text, session_id=session)
    except AdvisorError as exc:
        fail(str(exc), as_json=as_json)
    if as_json:
        emit_json(decision)
        return
    typer.echo(f"{decision.agent} ({decision.confidence:.2f}){'  [fallback]' if decision.fallback else ''}")
    for name, score in sorted(decision.scores.items(), key=lambda kv: -kv[1]):
        typer.echo(f"  {name:<20} {score:.3f}", err=True)
    typer.echo(f"  reason: {decision.reason}", err=True)


def ask_cmd(
    text: Optional[str] = typer.Argument(None, help="Your message (may be empty when --image is given)."),
    image: Optional[Path] = typer.Option(None, "--image", "-i", help="Attach an image."),
    agent: Optional[str] = typer.Option(None, "--agent", "-a", help="Ask this agent directly instead of routing."),
    session: Optional[str] = typer.Option(None, "--session", "-s", help="Continue this conversation (new id: new one)."),
    user: str = typer.Option("anonymous", "--user", "-u", help="Who is asking."),
    as_json: bool = typer.Option(False, "--json", help="Print the Reply as JSON."),
) -> None:
    """Ask the advisor: the message is routed to the right agent (or --agent), and the reply printed."""
    from advisor.core.errors import AdvisorError  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    text = _message_or_fail(text, as_json, image)
    if image is not None and not image.is_file():
        fail(f"{image}: file not found", as_json=as_json)
    try:
        reply = get_advisor().ask(text, image=str(image) if image else None, session_id=session, agent=agent,
                                  user_id=user)
    except AdvisorError as exc:
        fail(str(exc), as_json=as_json)
    if as_json:
        emit_json(reply)
        return
    typer.echo(reply.text)
    confidence = f"{reply.confidence:.2f}" if reply.confidence is not None else "-"
    typer.echo(f"[{reply.agent} {confidence}, session {reply.session_id}]", err=True)
    if reply.error:
        typer.echo(f"error: {reply.error}", err=True)
        raise typer.Exit(1)


def _source(module: str, builtins: tuple[str, ...]) -> str:
    return "builtin" if any(module == b or module.startswith(b + ".") for b in builtins) else "plugin"


def list_agents_cmd(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of {name, description, examples, source}."),
) -> None:
    """List the installed agents: built-in ones and plug-ins (entry-point group `advisor.agents`)."""
    from agents.registry import BUILTIN_MODULES, available  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    rows = [{"name": name, "description": cls.description, "examples": len(cls.examples or []),
             "source": _source(cls.__module__, BUILTIN_MODULES), "module": cls.__module__}
            for name, cls in sorted(available().items())]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        typer.echo("no agents installed")
    for row in rows:
        typer.echo(f"{row['name']:<20} {row['source']:<8} {row['description']}")


def register(app: typer.Typer) -> None:
    app.command("route")(route_cmd)
    app.command("ask")(ask_cmd)
    agents_app.command("list")(list_agents_cmd)
    app.add_typer(agents_app, name="agents")
