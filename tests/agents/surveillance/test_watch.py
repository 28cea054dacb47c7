"""The watcher's rule logic: min_frames, cooldown (same event vs new event), schedule, cameras; storage of alerts."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PIL import Image

from agents.surveillance.rules import WEEKDAYS, parse_rules
from agents.surveillance.scoring import RuleEvidence, ScoringConfig
from agents.surveillance.watch import Watcher, WatchOptions

LEFT, RIGHT = (0, 0, 16, 24), (16, 0, 32, 24)


def camera_folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "cam"
    folder.mkdir()
    for index in range(n):
        Image.new("RGB", (32, 24), (index * 9, 80, 80)).save(folder / f"f{index:02d}.png")
    return folder


def scripted_watcher(advisor, folder, rule: dict, script: list, warmup: int = 3) -> Watcher:
    """A watcher (whole-frame crops, real encoder) whose rule evidence per frame follows ``script``:
    None (nothing there) or the box where 'fire' is seen."""
    spec = parse_rules({"cameras": [{"name": "cam", "source": str(folder), "fps": 1}],
                        "rules": [{"name": "fire", "prompts": ["fire"], **rule}]})
    config = ScoringConfig(warmup_frames=warmup, grids=[], regions=False)
    watcher = Watcher(advisor.context, spec, WatchOptions(scoring=config))

    def scripted_evidence(state, frame, crops):
        box = script[frame.index]
        if box is None:
            return [RuleEvidence(0.001, 0.0, LEFT, chance=0.01, index=0)]
        return [RuleEvidence(0.6, 0.3, box, chance=0.01, index=0)]

    watcher._evidence = scripted_evidence
    return watcher


def fired_frames(watcher) -> list[int]:
    return [int(Path(a.frame).stem[1:]) for a in watcher.run()]


def test_min_frames_needs_consecutive_matches(advisor_home, tmp_path):
    script = [None] * 6 + [LEFT, LEFT, None, LEFT, None, LEFT, LEFT]
    watcher = scripted_watcher(advisor_home, camera_folder(tmp_path, 13), {"min_frames": 2, "cooldown_s": 0}, script)
    assert fired_frames(watcher) == [7, 12]


def test_cooldown_holds_back_the_same_event_but_not_a_new_one(advisor_home, tmp_path):
    folder = camera_folder(tmp_path, 16)
    same = [None] * 9 + [LEFT] * 7
    watcher = scripted_watcher(advisor_home, folder, {"cooldown_s": 3}, same)
    assert fired_frames(watcher) == [9, 12, 15]  # one alert per 3 s while the same thing stays in the same place
    moving = [None] * 9 + [LEFT, RIGHT, LEFT, LEFT, None, None, None]
    watcher = scripted_watcher(advisor_home, folder, {"cooldown_s": 60}, moving)
    assert fired_frames(watcher) == [9, 10, 11]  # each a different place (or look) than the last alert: new events


def test_schedule_and_cameras_limit_where_and_when(advisor_home, tmp_path):
    folder = camera_folder(tmp_path, 6)
    script = [None, None, None, LEFT, LEFT, LEFT]
    today = WEEKDAYS[datetime.now().astimezone().weekday()]
    other_days = [d for d in WEEKDAYS if d != today]
    assert fired_frames(scripted_watcher(advisor_home, folder, {"cooldown_s": 0, "schedule": {"days": other_days}}, script)) == []
    assert fired_frames(scripted_watcher(advisor_home, folder, {"cooldown_s": 0, "schedule": {"days": [today]}}, script)) == [3, 4, 5]
    spec_other_camera = {"cooldown_s": 0, "cameras": ["cam"]}
    assert fired_frames(scripted_watcher(advisor_home, folder, spec_other_camera, script)) == [3, 4, 5]


def test_alerts_are_stored_with_thumbnail_scores_and_frames(advisor_home, tmp_path):
    from agents.surveillance.alerts import AlertBook

    script = [None, None, None, None, RIGHT]
    watcher = scripted_watcher(advisor_home, camera_folder(tmp_path, 5), {"cooldown_s": 0, "severity": "critical"}, script)
    (alert,) = list(watcher.run())
    stored = AlertBook.of(advisor_home.context).get(alert.id)
    assert stored.state == "open" and stored.severity == "critical" and stored.rule == "fire" and stored.camera == "cam"
    assert stored.frame.endswith("f04.png") and Path(stored.thumbnail).exists()
    assert Path(stored.thumbnail).is_relative_to(advisor_home.settings.home)
    assert stored.scores["box"] == list(RIGHT) and 0 < stored.scores["probability"] <= 1 and stored.score >= 0.6
    assert (advisor_home.settings.index_dir / "frames.faiss").exists()
    book = AlertBook.of(advisor_home.context)
    found = book.search_frames(advisor_home.encoder.encode_text(["a camera frame"])[0], k=10)
    assert len(found) == 5 and all(Path(f.thumbnail).exists() for f in found)


def test_a_short_source_is_still_decided(advisor_home, tmp_path):
    watcher = scripted_watcher(advisor_home, camera_folder(tmp_path, 3), {"cooldown_s": 0}, [None, None, LEFT], warmup=15)
    assert fired_frames(watcher) == [2]


def moving_object_folder(tmp_path: Path, n: int, present: range) -> Path:
    """A fixed noisy view; a dark object walks left to right during the frames in ``present``."""
    import numpy as np

    rng = np.random.default_rng(0)
    folder = tmp_path / "walk"
    folder.mkdir()
    ys, xs = np.mgrid[0:120, 0:160]
    base = 120 + 40 * np.sin(xs / 9.0) * np.cos(ys / 11.0)
    for index in range(n):
        pixels = np.repeat(base[..., None], 3, axis=2) + rng.normal(0, 3, (120, 160, 1))
        if index in present:
            x = 10 + 8 * (index - present.start)
            pixels[40:100, x:x + 25] = (30, 30, 160)
        Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(folder / f"f{index:02d}.png")
    return folder


def evidence_on_first_proposal(state, frame, crops) -> list[RuleEvidence]:
    """Scripted evidence: 'fire' is seen on the first proposal of a frame, and nowhere in a frame without one."""
    if len(crops.boxes) == crops.n_tiles:
        return [RuleEvidence(0.001, 0.0, crops.boxes[0], chance=0.01, index=0)]
    return [RuleEvidence(0.9, 0.3, crops.boxes[crops.n_tiles], chance=0.01, index=crops.n_tiles)]


def tracked_watcher(advisor, folder, rule: dict, notifier=None, **options) -> Watcher:
    """A watcher with real motion proposals and tracking; 'fire' is seen on every proposal (scripted evidence)."""
    spec = parse_rules({"cameras": [{"name": "cam", "source": str(folder), "fps": 1}],
                        "rules": [{"name": "fire", "prompts": ["fire"], **rule}]})
    settings = WatchOptions(scoring=ScoringConfig(warmup_frames=5, grids=[]), people=False, **options)
    watcher = Watcher(advisor.context, spec, settings, notifier)
    watcher._evidence = evidence_on_first_proposal
    return watcher


def test_one_tracked_object_is_one_event_with_an_end_and_a_dwell_time(advisor_home, tmp_path):
    from agents.surveillance.alerts import AlertBook

    folder = moving_object_folder(tmp_path, 20, range(8, 16))
    watcher = tracked_watcher(advisor_home, folder, {})
    alerts = list(watcher.run())
    assert len(alerts) == 1 and int(Path(alerts[0].frame).stem[1:]) == 8
    stored = AlertBook.of(advisor_home.context).get(alerts[0].id)
    assert stored.scores["track"] and stored.scores["dwell_s"] >= 5 and stored.scores["end"]
    assert Path(stored.scores["crop"]).is_file() and stored.scores["mode"] == "presence"
    assert watcher._states[0].frames_gated >= 3  # the still frames after the object left were not scored


def test_cooldown_and_min_frames_apply_per_track(advisor_home, tmp_path):
    folder = moving_object_folder(tmp_path, 18, range(8, 16))
    every = fired_frames(tracked_watcher(advisor_home, folder, {"cooldown_s": 0}))
    assert every == list(range(8, 16))  # no cooldown: every frame the object is matched in
    later = fired_frames(tracked_watcher(advisor_home, folder, {"cooldown_s": 3, "min_frames": 2, "loiter_s": 2}))
    assert later == [10, 13]  # loitering 2 s, then once per 3 s cooldown
