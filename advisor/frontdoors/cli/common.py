"""Helpers shared by the CLI commands: JSON output, readable errors, quiet logging."""
from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import typer

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging() -> None:
    """Log to stderr at ``ADVISOR_LOG_LEVEL`` (default WARNING); also to ``ADVISOR_LOG_FILE`` when set."""
    level = getattr(logging, os.environ.get("ADVISOR_LOG_LEVEL", "WARNING").upper(), logging.WARNING)
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    log_file = os.environ.get("ADVISOR_LOG_FILE")
    if log_file:
        Path(log_file).expanduser().parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(Path(log_file).expanduser(), encoding="utf-8"))
    logging.basicConfig(level=level, handlers=handlers, format=LOG_FORMAT)
    for noisy in ("sentence_transformers", "transformers", "httpx", "urllib3", "filelock", "jieba"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from transformers.utils import logging as hf_logging  # noqa: PLC0415 - transformers is heavy: loaded on first use

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except Exception:  # noqa: BLE001 - transformers is optional at this point
        pass


def emit_json(payload: Any) -> None:
    """Machine-readable output: one JSON document on stdout."""
    if hasattr(payload, "model_dump"):
        payload = payload.model_dump(mode="json")
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def fail(message: str, code: int = 2, as_json: bool = False) -> NoReturn:
    """A readable error (never a traceback), on stderr; with --json also as {"error": ...} on stdout."""
    if as_json:
        emit_json({"error": message})
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def get_advisor():
    from advisor.application.facade import Advisor  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    return Advisor.from_settings()
