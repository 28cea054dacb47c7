"""Demo data, synthetic cameras and the benchmark hooks."""
from __future__ import annotations

import json

from advisor.frontdoors.bench.surveillance_agent import bench_frames, macro_f1
from advisor.frontdoors.demo.cameras import build_demo_cameras
from agents.surveillance.rules import load_rules
from agents.surveillance.synth import make_dataset


def test_demo_cameras_are_written_once(tmp_path):
    rules = build_demo_cameras(tmp_path, frames_per_camera=2)
    spec = load_rules(rules)
    assert [c.name for c in spec.cameras] == ["gate", "parking", "lobby"]
    assert {r.name for r in spec.rules} == {"fire", "weapon", "person", "vehicle"}
    for camera in spec.cameras:
        assert len(list((tmp_path / "surveillance" / "demo" / camera.name).glob("*.jpg"))) == 2
    stamp = rules.stat().st_mtime_ns
    assert build_demo_cameras(tmp_path, frames_per_camera=2) == rules and rules.stat().st_mtime_ns == stamp


def test_synthetic_dataset_is_labelled_and_reproducible(tmp_path):
    first = make_dataset(tmp_path / "a", n_frames=6, seed=3, cameras=("gate", "lobby"))
    again = make_dataset(tmp_path / "b", n_frames=6, seed=3, cameras=("gate", "lobby"))
    assert [f.labels for f in first] == [f.labels for f in again]
    assert {f.camera for f in first} == {"gate", "lobby"}
    saved = json.loads((tmp_path / "a" / "labels.json").read_text())
    assert len(saved) == 6 and all(set(f["labels"]) <= {"person", "vehicle", "fire", "weapon"} for f in saved)
    for frame in first:
        assert {o["category"] for o in frame.objects if o["category"] != "distractor"} == set(frame.labels)


def test_macro_f1_counts_frames_per_rule():
    frames = [{"path": "a", "labels": ["fire"]}, {"path": "b", "labels": []}, {"path": "c", "labels": ["fire", "person"]}]
    alerts = [{"rule": "fire", "frame": "a"}, {"rule": "fire", "frame": "b"}, {"rule": "person", "frame": "c"}]
    result = macro_f1(frames, alerts, ["fire", "person"])
    assert result["per_rule"] == {"fire": 0.5, "person": 1.0} and result["macro_f1"] == 0.75


def test_bench_frames_measures_both_modes(encoder):
    plain = bench_frames(n_frames=2, tiling=False, encoder=encoder)
    tiled = bench_frames(n_frames=2, tiling=True, encoder=encoder)
    assert plain["crops_per_frame"] == 1 and tiled["crops_per_frame"] >= 14
    assert plain["frames_per_s"] > 0 and tiled["frames_per_s"] > 0
