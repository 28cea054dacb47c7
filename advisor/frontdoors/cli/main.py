"""The `advisor` command. Each feature registers its commands from its own module."""
from __future__ import annotations

import importlib
import logging
import os
import sys

import typer

from advisor.frontdoors.cli.common import setup_logging

app = typer.Typer(name="advisor", help="Smart Advisor: multimodal search, fine-tuning and specialist agents.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)

# modules that define register(app); a missing one (feature not built) is skipped
COMMAND_MODULES = (
    "advisor.frontdoors.cli.catalog_cmds",
    "advisor.frontdoors.cli.finetune_cmds",
    "advisor.frontdoors.cli.agent_cmds",
    "advisor.frontdoors.cli.watch_cmds",
    "advisor.frontdoors.cli.ui_cmds",
    "advisor.frontdoors.cli.admin_cmds",
    "advisor.frontdoors.cli.bench_cmds",
    "advisor.frontdoors.cli.service_cmds",
    "advisor.frontdoors.cli.models_cmds",
)


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(app)


_register_all()


def main() -> None:
    setup_logging()
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the CLI never shows a traceback unless asked to
        if os.environ.get("ADVISOR_DEBUG"):
            raise
        logging.getLogger("advisor").debug("unhandled", exc_info=True)
        typer.echo(f"error: {type(exc).__name__}: {exc} (set ADVISOR_DEBUG=1 for the traceback)", err=True)
        sys.exit(1)
