"""`advisor watch [SOURCE] --rules FILE` and `advisor alerts list|ack|resolve`."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Optional

import typer

from advisor.frontdoors.cli.common import emit_json, fail, get_advisor

alerts_app = typer.Typer(help="List, acknowledge and resolve surveillance alerts.", no_args_is_help=True)
ALERT_KEYS = ("id", "rule", "camera", "frame", "score", "severity", "time", "state", "thumbnail", "scores")


def _alert_json(alert) -> dict:
    data = alert.model_dump(mode="json")
    return {key: data.get(key) for key in ALERT_KEYS}


def _cameras(spec, source: Optional[str], camera: Optional[str], fps: Optional[float], as_json: bool):
    from agents.surveillance.rules import CameraConfig  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    if source:
        base = spec.camera(camera) if camera else None
        name = camera or (spec.cameras[0].name if len(spec.cameras) == 1 else Path(source.rstrip("/")).stem or "camera")
        zones = base.zones if base else (spec.camera(name).zones if spec.camera(name) else [])
        return [CameraConfig(name=name, source=source, fps=fps or (base.fps if base else None), zones=zones)]
    cameras = [c for c in spec.cameras if camera is None or c.name == camera]
    if camera and not cameras:
        fail(f"camera {camera!r} is not in the rules file (known: {', '.join(c.name for c in spec.cameras) or 'none'})", as_json=as_json)
    if not cameras:
        fail("give a SOURCE (folder, video file or stream URL) or list cameras with a source in the rules file", as_json=as_json)
    missing = [c.name for c in cameras if not c.source]
    if missing:
        fail(f"camera(s) {', '.join(missing)} have no source in the rules file; give SOURCE", as_json=as_json)
    return [c.model_copy(update={"fps": fps}) if fps else c for c in cameras]


def watch_cmd(
    source: Optional[str] = typer.Argument(None, help="Folder of frames, video file or stream URL (default: the rules file's cameras)."),
    rules: Path = typer.Option(..., "--rules", "-r", help="YAML rules file (cameras and rules)."),
    camera: Optional[str] = typer.Option(None, "--camera", "-c", help="Camera name (for SOURCE, or to watch one listed camera)."),
    fps: Optional[float] = typer.Option(None, "--fps", min=0.001, help="Frames sampled per second (video/stream) or frame spacing (folder)."),
    webhook: Optional[str] = typer.Option(None, "--webhook", help="POST each alert as JSON to this URL (retried, rate-limited)."),
    max_frames: Optional[int] = typer.Option(None, "--max-frames", min=1, help="Stop each camera after this many frames."),
    no_frames: bool = typer.Option(False, "--no-frames", help="Do not keep every frame (thumbnail + embedding) for search."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line on stdout: per alert (type new), per later "
                                 "frame in which its rule still matches the same tracked object (type update, same id), "
                                 "and when the track ends (type end)."),
    events_only: bool = typer.Option(False, "--events-only", help="With --json: one line per alert (type new), no update "
                                     "or end lines."),
) -> None:
    """Watch cameras and raise alerts when a rule's prompts appear (calibrated per camera, no thresholds needed).

    With --json, stdout is a stream of JSON lines: "type": "new" when an alert is raised (stored and notified),
    "update" for each later frame in which the rule still matches the same tracked object, "end" when the track
    ends. All lines of one event share the alert's "id"; "frame", "time", "score" and "scores" are the line's own
    frame. The cooldown still governs stored alerts and notifications; --events-only keeps the "new" lines only.
    """
    from agents.surveillance.notify import LogSink, Notifier, WebhookSink  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast
    from agents.surveillance.rules import RulesError, load_rules  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast
    from agents.surveillance.sources import SourceError  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast
    from agents.surveillance.watch import Watcher, WatchOptions  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    try:
        spec = load_rules(rules)
    except RulesError as exc:
        fail(str(exc), as_json=as_json)
    cameras = _cameras(spec, source, camera, fps, as_json)
    sinks = [LogSink()] if as_json else []  # without --json the alerts are printed anyway
    if webhook:
        try:
            sinks.append(WebhookSink(webhook))
        except ValueError as exc:
            fail(str(exc), as_json=as_json)
    notifier = Notifier(sinks)
    advisor = get_advisor()
    count, watcher = 0, None
    try:
        options = WatchOptions(store_frames=not no_frames, max_frames=max_frames, updates=as_json and not events_only)
        watcher = Watcher(advisor.context, spec, options, notifier)
        for event in watcher.run_events(cameras):
            alert, new = event.alert, event.type.value == "new"
            count += new
            if as_json:
                line = _alert_json(alert) | {"type": event.type.value}
                sys.stdout.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
                sys.stdout.flush()
            elif new:
                typer.echo(f"[{alert.severity}] #{alert.id} {alert.time:%H:%M:%S} {alert.camera}: {alert.rule} "
                           f"(score {alert.score:.2f}) frame {alert.frame}")
    except SourceError as exc:
        fail(str(exc), as_json=as_json)
    except KeyboardInterrupt:
        typer.echo("stopped", err=True)
    finally:
        notifier.close()
        advisor.close()
    typer.echo(f"{count} alert(s) from {watcher.frames_processed if watcher else 0} frame(s)", err=True)


def alerts_list_cmd(
    camera: Optional[str] = typer.Option(None, "--camera", "-c", help="Only this camera."),
    state: Optional[str] = typer.Option(None, "--state", help="open, acknowledged, resolved or dismissed."),
    rule: Optional[str] = typer.Option(None, "--rule", help="Only this rule."),
    limit: int = typer.Option(50, "--limit", "-n", min=1, max=10000, help="Most alerts shown (newest first)."),
    as_json: bool = typer.Option(False, "--json", help="Print {\"alerts\": [...]} on stdout."),
) -> None:
    """List alerts, newest first."""
    from agents.surveillance.alerts import AlertBook  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    if state and state not in ("open", "acknowledged", "resolved", "dismissed"):
        fail("--state must be one of open, acknowledged, resolved, dismissed", as_json=as_json)
    alerts = AlertBook.of(get_advisor().context).list_alerts(camera=camera, state=state, rule=rule, limit=limit)
    if as_json:
        emit_json({"alerts": [_alert_json(a) for a in alerts]})
        return
    if not alerts:
        typer.echo("no alerts")
    for a in alerts:
        typer.echo(f"#{a.id} {a.time:%Y-%m-%d %H:%M:%S} {a.camera}: {a.rule} [{a.severity}, {a.state}] score {a.score:.2f}")


def _change(alert_id: int, action: str, by: str, as_json: bool) -> None:
    from agents.surveillance.alerts import AlertBook, AlertError  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast
    from agents.surveillance.feedback import Feedback  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    advisor = get_advisor()
    book = AlertBook.of(advisor.context)
    try:
        if action in ("dismiss", "undismiss"):  # a false alarm: that rule gets less sensitive on that camera
            alert = getattr(Feedback(advisor.store, book), action)(alert_id, by=by)
        else:
            alert = book.acknowledge(alert_id, by=by) if action == "ack" else book.resolve(alert_id, by=by)
    except AlertError as exc:
        fail(str(exc), as_json=as_json)
    if as_json:
        emit_json(_alert_json(alert) | {"acknowledged_by": alert.acknowledged_by})
    else:
        typer.echo(f"alert {alert.id} is now {alert.state}")


def alerts_ack_cmd(alert_id: int = typer.Argument(..., help="Alert id."),
                   by: str = typer.Option("operator", "--by", help="Who acknowledges it."),
                   as_json: bool = typer.Option(False, "--json", help="Print the alert as JSON.")) -> None:
    """Acknowledge an alert (records who and when)."""
    _change(alert_id, "ack", by, as_json)


def alerts_resolve_cmd(alert_id: int = typer.Argument(..., help="Alert id."),
                       by: str = typer.Option("operator", "--by", help="Who resolves it."),
                       as_json: bool = typer.Option(False, "--json", help="Print the alert as JSON.")) -> None:
    """Resolve an alert."""
    _change(alert_id, "resolve", by, as_json)


def alerts_dismiss_cmd(alert_id: int = typer.Argument(..., help="Alert id."),
                       by: str = typer.Option("operator", "--by", help="Who dismisses it."),
                       as_json: bool = typer.Option(False, "--json", help="Print the alert as JSON.")) -> None:
    """Dismiss an alert as a false alarm: its rule becomes less sensitive on that camera (audited; undismiss undoes it)."""
    _change(alert_id, "dismiss", by, as_json)


def alerts_undismiss_cmd(alert_id: int = typer.Argument(..., help="Alert id."),
                         by: str = typer.Option("operator", "--by", help="Who undoes the dismissal."),
                         as_json: bool = typer.Option(False, "--json", help="Print the alert as JSON.")) -> None:
    """Undo a dismissal: the rule's sensitivity on that camera goes back."""
    _change(alert_id, "undismiss", by, as_json)


def register(app: typer.Typer) -> None:
    logging.getLogger("advisor.alerts").setLevel(logging.WARNING)
    app.command("watch")(watch_cmd)
    alerts_app.command("list")(alerts_list_cmd)
    alerts_app.command("ack")(alerts_ack_cmd)
    alerts_app.command("resolve")(alerts_resolve_cmd)
    alerts_app.command("dismiss")(alerts_dismiss_cmd)
    alerts_app.command("undismiss")(alerts_undismiss_cmd)
    app.add_typer(alerts_app, name="alerts")
