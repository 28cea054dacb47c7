"""Measure the surveillance method: per-frame macro F1 on labelled synthetic cameras, and frames/s per camera.

Run ``python -m advisor.frontdoors.bench.surveillance_agent --frames 150 --pool test`` (writes nothing but prints JSON). The data are
made by :mod:`agents.surveillance.synth` (clip-art pools split dev/test by file name; the method was tuned on
``dev`` only). ``advisor bench --section surveillance`` calls :func:`bench_frames`.

Example::

    >>> from advisor.frontdoors.bench.surveillance_agent import evaluate
    >>> evaluate(advisor, "/tmp/cams")["macro_f1"]          # doctest: +SKIP
    0.7
"""
from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from advisor.application.facade import Advisor
from advisor.core.encoder import load_encoder
from advisor.core.settings import Settings
from advisor.frontdoors.bench.footage import SPLITS, make_footage

EVAL_RULES = [
    {"name": "person", "prompts": ["a person", "a man", "a woman"], "severity": "info"},
    {"name": "vehicle", "prompts": ["a car", "a truck", "a van", "a bus"], "severity": "warning"},
    {"name": "fire", "prompts": ["fire", "flames", "smoke"], "severity": "critical"},
    {"name": "weapon", "prompts": ["a gun", "a rifle", "a knife", "a weapon"], "severity": "critical"},
]


def f1(labels: list[bool], predicted: list[bool]) -> float:
    tp = sum(a and b for a, b in zip(labels, predicted))
    fp = sum(b and not a for a, b in zip(labels, predicted))
    fn = sum(a and not b for a, b in zip(labels, predicted))
    return 2 * tp / max(2 * tp + fp + fn, 1)


def _frame_key(camera: str, frame: Any) -> tuple[str, str]:
    """A frame named by camera and file name, so a labelled folder can be moved or copied before it is watched."""
    return camera, Path(str(frame)).name


def _fired(alerts: list[dict]) -> set[tuple[str, tuple[str, str]]]:
    return {(a["rule"], _frame_key(a.get("camera", ""), a["frame"])) for a in alerts}


def macro_f1(frames: list[dict], alerts: list[dict], rules: list[str]) -> dict[str, Any]:
    """Per-frame F1 per rule (a frame is predicted positive when any alert of the rule names it) and their mean."""
    fired = _fired(alerts)
    per_rule = {}
    for rule in rules:
        labels = [rule in f["labels"] for f in frames]
        predicted = [(rule, _frame_key(f.get("camera", ""), f["path"])) in fired for f in frames]
        per_rule[rule] = round(f1(labels, predicted), 4)
    return {"macro_f1": round(sum(per_rule.values()) / len(per_rule), 4), "per_rule": per_rule}


def alarm_report(frames: list[dict], alerts: list[dict], rules: list[str], fps: float = 1.0) -> dict[str, Any]:
    """Per rule: per-frame recall on frames showing it, and false alarms (alerts on frames not showing it) per
    camera-hour, per camera; the frames are taken ``1/fps`` seconds apart."""
    fired = _fired(alerts)
    report: dict[str, Any] = {}
    for rule in rules:
        positives = [f for f in frames if rule in f["labels"]]
        hits = sum((rule, _frame_key(f["camera"], f["path"])) in fired for f in positives)
        per_camera = {}
        for camera in sorted({f["camera"] for f in frames}):
            mine = [f for f in frames if f["camera"] == camera]
            false = sum((rule, _frame_key(camera, f["path"])) in fired for f in mine if rule not in f["labels"])
            shown = [f for f in mine if rule in f["labels"]]
            found = sum((rule, _frame_key(camera, f["path"])) in fired for f in shown)
            per_camera[camera] = {"false_alarms": false, "per_camera_hour": round(false * 3600 * fps / len(mine), 1),
                                  "recall": round(found / len(shown), 4) if shown else None}
        report[rule] = {"recall": round(hits / len(positives), 4) if positives else None, "positives": len(positives),
                        "false_alarms": sum(c["false_alarms"] for c in per_camera.values()), "cameras": per_camera}
    return report


def evaluate(advisor, folder: str | Path, rules: list[dict] | None = None) -> dict[str, Any]:
    """Watch every camera folder under ``folder`` (with ``labels.json``) and score the alerts per frame."""
    from agents.surveillance.rules import parse_rules  # noqa: PLC0415 - pulls cv2 (optional extra [surveillance])
    from agents.surveillance.watch import Watcher, WatchOptions  # noqa: PLC0415 - pulls cv2 (optional extra [surveillance])

    folder = Path(folder)
    frames = json.loads((folder / "labels.json").read_text())
    cameras = sorted({f["camera"] for f in frames})
    rules = [dict(r, cooldown_s=0) for r in (rules or EVAL_RULES)]
    spec = parse_rules({"cameras": [{"name": c, "source": str(folder / c)} for c in cameras], "rules": rules})
    started = time.perf_counter()
    watcher = Watcher(advisor.context, spec, WatchOptions(store_frames=False))
    alerts = [a.model_dump(mode="json") for a in watcher.run()]
    seconds = time.perf_counter() - started
    result = macro_f1(frames, alerts, [r["name"] for r in rules])
    result["alarms"] = alarm_report(frames, alerts, [r["name"] for r in rules])
    result.update(frames=len(frames), alerts=len(alerts), seconds=round(seconds, 1),
                  frames_per_s=round(len(frames) / max(seconds, 1e-9), 2))
    return result


def bench_frames(n_frames: int = 24, tiling: bool = True, encoder=None) -> dict[str, float]:
    """Frames/s of one camera through the scoring pipeline (regions, crops, encode, rule evidence)."""
    from agents.surveillance.motion import MotionDetector  # noqa: PLC0415 - pulls cv2 (optional extra [surveillance])
    from agents.surveillance.rules import Rule  # noqa: PLC0415 - pulls cv2 (optional extra [surveillance])
    from agents.surveillance.scoring import FrameScorer, ScoringConfig  # noqa: PLC0415 - pulls cv2 (optional extra [surveillance])
    from agents.surveillance.synth import compose_frame  # noqa: PLC0415 - pulls cv2 (optional extra [surveillance])

    encoder = encoder or load_encoder("default")
    rng = random.Random(0)
    frames = [compose_frame("gate", ["person"] if i % 3 == 0 else [], rng)[0] for i in range(n_frames)]
    config = ScoringConfig() if tiling else ScoringConfig(grids=[], regions=False)
    scorer = FrameScorer(encoder, [Rule(**r) for r in EVAL_RULES], config)
    motion = MotionDetector()
    started = time.perf_counter()
    for frame in frames:
        crops = scorer.crops(frame, motion.apply(frame).boxes if config.regions else [])
        scorer.encode(frame, crops)
        scorer.evidence(crops, frame.size)
    seconds = time.perf_counter() - started
    return {"frames_per_s": n_frames / seconds, "crops_per_frame": len(crops.boxes), "frames": n_frames}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--frames", type=int, default=150)
    parser.add_argument("--pool", default="test", choices=["dev", "test", "all"])
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--folder", default=None, help="An existing labelled folder instead of generating one.")
    parser.add_argument("--footage", default=None, choices=sorted(SPLITS),
                        help="Real-photo fixed-camera footage (advisor.frontdoors.bench.footage) instead of synthetic scenes.")
    parser.add_argument("--speed", action="store_true", help="Also measure frames/s with and without tiling.")
    args = parser.parse_args(argv)
    from agents.surveillance.synth import make_dataset  # noqa: PLC0415 - pulls cv2 (optional extra [surveillance])

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.folder) if args.folder else Path(tmp) / "cams"
        if args.footage and not args.folder:
            make_footage(folder, args.footage)
        elif not args.folder:
            make_dataset(folder, n_frames=args.frames, seed=args.seed, pool=args.pool)
        advisor = Advisor(Settings(home=Path(tmp) / "home"))
        data = {"footage": args.footage} if args.footage else {"pool": args.pool, "seed": args.seed}
        result = {**data, **evaluate(advisor, folder)}
        if args.speed:
            result["speed"] = {"whole_frame": bench_frames(24, False, advisor.encoder),
                               "tiled": bench_frames(24, True, advisor.encoder)}
        advisor.close()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
