"""Demo cameras for ``advisor demo``: three folders of synthetic frames and a rules file under the data home.

Example::

    >>> from agents.surveillance.demo import build_demo_cameras
    >>> rules = build_demo_cameras(Path("~/.advisor").expanduser())     # doctest: +SKIP
    >>> # then: advisor watch --rules <rules>
"""
from __future__ import annotations

from pathlib import Path

import yaml

from agents.surveillance.rules import STARTER_RULES
from agents.surveillance.synth import make_dataset

DEMO_FRAMES_PER_CAMERA = 20
DEMO_RULES = STARTER_RULES


def demo_rules_data(folder: Path) -> dict:
    cameras = [{"name": name, "source": str(folder / name), "fps": 1} for name in ("gate", "parking", "lobby")]
    return {"cameras": cameras, "rules": DEMO_RULES}


def build_demo_cameras(home: Path, frames_per_camera: int = DEMO_FRAMES_PER_CAMERA, seed: int = 7) -> Path:
    """Write (once) synthetic frames for cameras gate, parking and lobby plus ``rules.yaml``; return the rules path."""
    folder = Path(home).expanduser() / "surveillance" / "demo"
    rules_path = folder / "rules.yaml"
    complete = rules_path.exists() and all(
        len(list((folder / cam).glob("*.jpg"))) >= frames_per_camera for cam in ("gate", "parking", "lobby"))
    if complete:
        return rules_path
    folder.mkdir(parents=True, exist_ok=True)
    make_dataset(folder, n_frames=3 * frames_per_camera, seed=seed, pool="all")
    tmp = rules_path.with_suffix(".yaml.tmp")
    tmp.write_text(yaml.safe_dump(demo_rules_data(folder), sort_keys=False, allow_unicode=True))
    tmp.replace(rules_path)
    return rules_path
