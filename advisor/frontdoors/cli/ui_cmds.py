"""`advisor ui` (start the Streamlit app) and `advisor demo` (build the demo data if missing, then start it).

The app runs in this process (Streamlit's own ``streamlit run``). By default the Advisor, the encoder, the router
and the agents are loaded *before* the server opens its port (like a model server that reports healthy only when
it can answer), so the first chat message is answered at once; ``--no-wait`` opens the port first and loads them
in the background instead.
"""
from __future__ import annotations

import contextlib
import importlib.util
import logging
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any, Optional

import typer

from advisor.frontdoors.cli.common import emit_json, fail

log = logging.getLogger(__name__)
DEFAULT_PORT = 8501
DEMO_CATALOG_DOMAIN = "catalog"
DEMO_CATALOG_LIMIT = 400


# -- serving -------------------------------------------------------------------------------------------------
def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def choose_port(host: str, port: Optional[int]) -> int:
    """The requested port (which must be free), or the first free one from 8501."""
    if port is not None:
        if not 1 <= port <= 65535:
            raise ValueError(f"port {port} is out of range (1-65535)")
        if not port_is_free(host, port):
            raise ValueError(f"port {port} on {host} is already in use; choose another with --port")
        return port
    for candidate in range(DEFAULT_PORT, DEFAULT_PORT + 50):
        if port_is_free(host, candidate):
            return candidate
    raise ValueError(f"no free port between {DEFAULT_PORT} and {DEFAULT_PORT + 49}; choose one with --port")


def app_script() -> Path:
    """``ui/app.py`` of the installed package (found by import spec, so a namespace-style install works too)."""
    spec = importlib.util.find_spec("ui")
    for location in (spec.submodule_search_locations or []) if spec is not None else []:
        script = Path(location) / "app.py"
        if script.is_file():
            return script
    raise FileNotFoundError("the app's ui/app.py is not installed; reinstall the package (pip install -e .)")


def streamlit_flags(host: str, port: int, headless: bool | None, max_upload_mb: int) -> list[str]:
    """``headless=None`` lets Streamlit decide (it opens a browser only where a display exists)."""
    return [f"--server.port={port}", f"--server.address={host}",
            *([f"--server.headless={str(headless).lower()}"] if headless is not None else []),
            "--browser.gatherUsageStats=false", "--server.fileWatcherType=none", "--server.runOnSave=false",
            f"--server.maxUploadSize={max_upload_mb}", "--client.showErrorDetails=none", "--client.toolbarMode=minimal",
            "--global.developmentMode=false", "--server.showEmailPrompt=false", f"--browser.serverAddress={host}"]


WARM_TIMEOUT_S = 600


def _warm_now() -> None:
    """Load the shared Advisor and everything the first reply needs, before the server opens its port."""
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
    typer.echo("loading the encoder, the router and the agents (about 15-20 s on 2 cores) …", err=True)
    started = time.perf_counter()
    try:
        from ui import resources  # noqa: PLC0415 - pulls streamlit (optional extra [ui])

        resources.shared_advisor()
        if not resources.wait_warm(WARM_TIMEOUT_S):
            log.warning("warm-up still running after %d s; starting the server anyway", WARM_TIMEOUT_S)
    except Exception as exc:  # noqa: BLE001 - the page shows the real error when it opens
        log.warning("warm-up failed: %s: %s", type(exc).__name__, exc)
    typer.echo(f"ready in {time.perf_counter() - started:.1f} s", err=True)


def _warm_in_background() -> None:
    """Open the shared Advisor and start its warm-up before any browser connects."""
    # the warm-up calls the app's cached factory outside a browser session: Streamlit's note about it is noise
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)

    def run() -> None:
        try:
            from ui import resources  # noqa: PLC0415 - pulls streamlit (optional extra [ui])

            resources.shared_advisor()
        except Exception as exc:  # noqa: BLE001 - the page shows the real error when it opens
            log.warning("warm-up failed: %s: %s", type(exc).__name__, exc)

    threading.Thread(target=run, name="advisor-open", daemon=True).start()


def serve(host: str, port: Optional[int], headless: bool | None = True, as_json: bool = False,
          extra: dict | None = None, wait: bool = True) -> None:
    """Run the app in this process until Ctrl-C."""
    if importlib.util.find_spec("streamlit") is None:
        fail("the app needs Streamlit: pip install 'smart-advisor[ui]'", as_json=as_json)
    from advisor.core.settings import Settings  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    try:
        settings = Settings()
        port = choose_port(host, port)
    except ValueError as exc:
        fail(str(exc), as_json=as_json)
    url = f"http://{'localhost' if host in ('0.0.0.0', '::') else host}:{port}"
    if as_json:
        emit_json({"url": url, "home": str(settings.home), **(extra or {})})
    typer.echo(f"Smart Advisor is starting at {url}  (data home {settings.home}; Ctrl-C stops it)", err=True)
    _warm_now() if wait else _warm_in_background()
    from streamlit.web import cli as streamlit_cli  # noqa: PLC0415 - optional extra [ui]

    max_upload_mb = max(1, settings.max_file_bytes // (1024 * 1024))
    args = ["run", str(app_script()), *streamlit_flags(host, port, headless, max_upload_mb)]
    # with --json, stdout carries exactly one JSON document: Streamlit's own banner goes to stderr
    with contextlib.redirect_stdout(sys.stderr) if as_json else contextlib.nullcontext():
        try:
            streamlit_cli.main(args=args, prog_name="streamlit", standalone_mode=False)
        except KeyboardInterrupt:
            typer.echo("stopped", err=True)


def ui_cmd(
    port: Optional[int] = typer.Option(None, "--port", "-p", help="Port (default: 8501, or the next free one)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0 for every interface)."),
    as_json: bool = typer.Option(False, "--json", help="Print {\"url\", \"home\"} on stdout when starting."),
    wait: bool = typer.Option(True, "--wait/--no-wait",
                              help="Load the models before opening the port (default), or open it at once and load them "
                                   "in the background."),
) -> None:
    """Start the Streamlit app (chat, catalog, alerts, triage, models) on the current data home."""
    serve(host, port, headless=True, as_json=as_json, wait=wait)


# -- demo data -----------------------------------------------------------------------------------------------
def build_demo_catalog(advisor: Any, demo_dir: Path, limit: int = DEMO_CATALOG_LIMIT) -> dict[str, Any]:
    """Build the demo catalog manifest (if missing) and ingest it into domain ``catalog`` (if empty)."""
    existing = len(advisor.store.item_ids(DEMO_CATALOG_DOMAIN))
    if existing:
        return {"status": "present", "items": existing}
    from advisor.frontdoors.demo import catalog as module  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    manifest = demo_dir / "catalog" / "catalog.jsonl"
    if not manifest.exists():
        typer.echo(f"building the demo catalog under {manifest.parent} …", err=True)
        try:
            manifest = Path(module.build_demo_catalog(manifest.parent, limit=limit))
        except (OSError, ValueError, RuntimeError) as exc:  # e.g. no clip-art or emoji font: say which, go on
            return {"status": f"not built: {exc}", "items": 0}
    typer.echo(f"ingesting {manifest} into domain {DEMO_CATALOG_DOMAIN!r} …", err=True)
    report = advisor.ingest(manifest, domain=DEMO_CATALOG_DOMAIN, progress=True)
    return {"status": "built", "items": report.added, "skipped": len(report.skipped), "manifest": str(manifest)}


def build_demo_cameras(advisor: Any, frames_per_camera: int | None = None) -> dict[str, Any]:
    """Render the demo camera frames and rules (if missing) and run the watcher once so that alerts exist."""
    from advisor.frontdoors.demo import cameras as demo  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast
    from agents.surveillance import watch  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast
    from agents.surveillance.alerts import AlertBook  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast
    from agents.surveillance.rules import load_rules  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    existing = AlertBook.of(advisor.context).count_alerts()
    if existing:
        return {"status": "present", "alerts": existing}
    typer.echo("rendering the demo camera frames and rules …", err=True)
    sizes = {"frames_per_camera": frames_per_camera} if frames_per_camera else {}
    rules = Path(demo.build_demo_cameras(advisor.settings.home, **sizes))
    typer.echo(f"running the watcher once over the demo cameras ({rules}) …", err=True)
    alerts = sum(1 for _ in watch.Watcher(advisor.context, load_rules(rules)).run())
    return {"status": "built", "rules": str(rules), "alerts": alerts}


def build_demo(advisor: Any, catalog_limit: int = DEMO_CATALOG_LIMIT) -> dict[str, Any]:
    """Everything the demo needs, built only where missing (a second run is quick)."""
    demo_dir = advisor.settings.home / "demo"
    demo_dir.mkdir(parents=True, exist_ok=True)
    return {"catalog": build_demo_catalog(advisor, demo_dir, catalog_limit), "cameras": build_demo_cameras(advisor)}


def demo_cmd(
    port: Optional[int] = typer.Option(None, "--port", "-p", help="Port (default: 8501, or the next free one)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a browser window."),
    build_only: bool = typer.Option(False, "--build-only", help="Build the demo data, then exit."),
    catalog_limit: int = typer.Option(DEMO_CATALOG_LIMIT, "--catalog-limit", min=1, max=100_000,
                                      help="Items in the demo catalog (when it is built)."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary of the demo data on stdout."),
) -> None:
    """Build the demo catalog, index, camera frames and alerts if missing, then start the app."""
    from advisor.application.facade import Advisor  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    if not build_only:
        try:
            port = choose_port(host, port)  # refuse a busy port before the (long) build, not after it
        except ValueError as exc:
            fail(str(exc), as_json=as_json)
    advisor = Advisor.from_settings()
    try:
        summary = build_demo(advisor, catalog_limit)
    except Exception:
        advisor.close()
        raise
    for part, info in summary.items():
        typer.echo(f"demo {part}: {info.get('status')}" + "".join(f", {k} {v}" for k, v in info.items() if k != "status"), err=True)
    if build_only:
        advisor.close()
        if as_json:
            emit_json(summary)
        return
    from ui import resources  # noqa: PLC0415 - pulls streamlit (optional extra [ui])

    resources.provide(advisor)  # the app reuses the encoder the build already loaded
    serve(host, port, headless=True if no_browser else None, as_json=as_json, extra={"demo": summary})


def register(app: typer.Typer) -> None:
    app.command("ui")(ui_cmd)
    app.command("demo")(demo_cmd)
