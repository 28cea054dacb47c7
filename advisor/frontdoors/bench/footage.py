"""Fixed-camera footage made from real photographs, with ground truth, for measuring alerts beyond clip art.

Each camera is a fixed view built from real photographic textures (brick, gravel and grass photos from
scikit-image's sample data) or a real photo used whole (the rocket launch pad, the coffee table). Real photos of
people (scikit-image's cameraman and astronaut, matplotlib's Grace Hopper portrait), of a motorcycle and of a cat
are cut out with OpenCV's GrabCut and walked across the view at 1 frame/s, with what real cameras add: swaying
foliage, slow and sudden lighting changes, sensor noise and JPEG compression. Every frame is labelled with the
categories visible in it (``person``, ``vehicle``; never ``fire`` or ``weapon``).

Two disjoint splits: ``dev`` (tune on it) and ``test`` (measured once, never tuned on): different backgrounds,
different people photos, different seeds. Nothing is stored in the repository but this generator::

    python -m advisor.frontdoors.bench.footage /tmp/footage-test --split test

Needs ``scikit-image`` and ``matplotlib`` (for their bundled sample photos; no download).
"""
from __future__ import annotations

import argparse
import json
import math
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import skimage.data
from PIL import Image

FRAME_SIZE = (640, 480)
HORIZON = 0.55  # where the ground starts, as a fraction of the frame height

# (photo, category, GrabCut rectangle as fractions x0, y0, x1, y1)
SPRITES = {
    "cameraman": ("camera", "person", (0.01, 0.12, 0.80, 0.995)),
    "astronaut": ("astronaut", "person", (0.02, 0.01, 0.66, 0.995)),
    "hopper": ("grace_hopper", "person", (0.02, 0.03, 0.98, 0.995)),
    "motorcycle": ("motorcycle_left", "vehicle", (0.12, 0.28, 0.94, 0.985)),
    "cat": ("chelsea", None, (0.04, 0.02, 0.97, 0.98)),
}
SPLITS = {
    # camera name: (background, scenario, frames)
    "dev": {"yard": ("composite-a", "busy", 40), "garden": ("composite-b", "quiet", 60),
            "table": ("coffee", "passing", 40)},
    "test": {"street": ("composite-c", "busy", 60), "hedge": ("composite-d", "quiet", 120),
             "launch": ("rocket", "passing", 60)},
    # people at the size a real outdoor camera sees them (6-16% of the frame height), several at once
    "far-dev": {"lane": ("composite-b", "far", 40)},
    "far-test": {"plaza": ("composite-a", "far", 60)},
    "far-test2": {"square": ("composite-d", "far", 60)},
    "far-test3": {"crossing": ("composite-c", "far", 60)},
}
PEOPLE = {"dev": ["hopper"], "test": ["cameraman", "astronaut"], "far-dev": ["hopper"], "far-test": ["cameraman", "astronaut"],
          "far-test2": ["cameraman", "astronaut"], "far-test3": ["cameraman", "astronaut"]}
SEEDS = {"dev": 11, "test": 29, "far-dev": 37, "far-test": 53, "far-test2": 71, "far-test3": 97}


@dataclass
class FootageFrame:
    path: str
    camera: str
    labels: list[str]
    objects: list[dict] = field(default_factory=list)


def photo(name: str) -> np.ndarray:
    """An RGB uint8 sample photo by name (scikit-image's data folder or matplotlib's sample data)."""
    if name == "grace_hopper":
        import matplotlib.cbook  # noqa: PLC0415 - optional extra [train]: plots only

        return np.asarray(Image.open(matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)).convert("RGB"))
    if name == "motorcycle_left":
        return np.asarray(Image.open(Path(skimage.data.__file__).parent / "motorcycle_left.png").convert("RGB"))
    pixels = getattr(skimage.data, name)()
    return np.stack([pixels] * 3, axis=-1) if pixels.ndim == 2 else pixels[..., :3]


def cutout(sprite: str) -> Image.Image:
    """The sprite's object as RGBA (GrabCut inside its rectangle), cropped to the object."""
    import cv2  # noqa: PLC0415 - optional extra [surveillance]

    name, _, (x0, y0, x1, y1) = SPRITES[sprite]
    pixels = photo(name)
    height, width = pixels.shape[:2]
    rect = (int(x0 * width), int(y0 * height), int((x1 - x0) * width), int((y1 - y0) * height))
    mask = np.zeros((height, width), np.uint8)
    cv2.grabCut(cv2.cvtColor(pixels, cv2.COLOR_RGB2BGR), mask, rect, np.zeros((1, 65)), np.zeros((1, 65)), 4,
                cv2.GC_INIT_WITH_RECT)
    alpha = np.where((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD), 255, 0).astype(np.uint8)
    alpha = cv2.GaussianBlur(alpha, (5, 5), 0)
    ys, xs = np.nonzero(alpha > 128)
    rgba = np.dstack([pixels, alpha])[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    return Image.fromarray(rgba, "RGBA")


def _texture(name: str, size: tuple[int, int], tint: tuple[float, float, float], offset: int = 0) -> np.ndarray:
    gray = photo(name)[..., 0].astype(np.float32)
    reps = (math.ceil(size[1] / gray.shape[0]) + 1, math.ceil(size[0] / gray.shape[1]) + 1)
    tiled = np.tile(gray, reps)[offset:offset + size[1], offset:offset + size[0]]
    return np.clip(tiled[..., None] * np.array(tint, np.float32), 0, 255)


def background(kind: str, rng: random.Random) -> tuple[np.ndarray, tuple[int, int, int, int] | None]:
    """The empty view (float32 RGB) and the box of its foliage (None when it has none)."""
    width, height = FRAME_SIZE
    if kind in ("coffee", "rocket"):
        return np.asarray(Image.fromarray(photo(kind)).resize(FRAME_SIZE), np.float32), None
    variant = "abcd".index(kind[-1])
    horizon = int(height * (HORIZON + 0.05 * (variant % 2)))
    sky = np.linspace([150, 180, 215], [205, 215, 225], horizon)[:, None, :].repeat(width, axis=1)
    wall_top = int(horizon * (0.35 + 0.1 * variant))
    frame = np.zeros((height, width, 3), np.float32)
    frame[:horizon] = sky
    frame[wall_top:horizon] = _texture("brick", (width, horizon - wall_top), (1.0, 0.62, 0.5), rng.randrange(200))
    frame[horizon:] = _texture("gravel", (width, height - horizon), (0.85, 0.8, 0.72), rng.randrange(200))
    foliage_w = int(width * (0.3 + 0.15 * (variant >= 2)))
    fx = rng.choice([0, width - foliage_w])
    return frame, (fx, int(wall_top * 0.6), fx + foliage_w, horizon + 30)


def _sway(frame: np.ndarray, box, index: int, strength: float) -> None:
    """Paint wind-blown foliage (the grass photo, tinted green, warped by a travelling wave) into ``box``."""
    import cv2  # noqa: PLC0415 - optional extra [surveillance]

    x0, y0, x1, y1 = box
    leaves = _texture("grass", (x1 - x0, y1 - y0), (0.45, 0.75, 0.35))
    ys, xs = np.mgrid[0:y1 - y0, 0:x1 - x0].astype(np.float32)
    phase = index * 1.7
    map_x = xs + strength * np.sin(ys / 23.0 + phase) * (1 - ys / (y1 - y0)) + strength * 0.5 * math.sin(phase)
    warped = cv2.remap(leaves, map_x, ys + 0.3 * strength * np.sin(xs / 31.0 + phase), cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_REFLECT)
    canopy = ((xs - (x1 - x0) / 2) / ((x1 - x0) / 2)) ** 2 + ((ys - (y1 - y0) / 2) / ((y1 - y0) / 2)) ** 2 < 1.0
    region = frame[y0:y1, x0:x1]
    region[canopy] = warped[canopy]


@dataclass
class Actor:
    sprite: str
    category: str | None
    start: int
    end: int
    x_from: float
    x_to: float
    foot_y: float
    height: float  # fraction of the frame height


def _actors(scenario: str, n_frames: int, people: list[str], rng: random.Random) -> list[Actor]:
    def walker(sprite: str, start: int, length: int) -> Actor:
        left = rng.random() < 0.5
        category = SPRITES[sprite][1]
        height = rng.uniform(0.28, 0.45) if category != "vehicle" else rng.uniform(0.3, 0.4)
        return Actor(sprite, category, start, start + length, -0.05 if left else 1.05, 1.05 if left else -0.05,
                     rng.uniform(0.8, 0.97), height)

    actors: list[Actor] = []
    if scenario == "busy":  # someone always in view: overlapping walkers
        start = 0
        while start < n_frames:
            length = rng.randint(14, 22)
            actor = walker(rng.choice(people), start, length)
            actor.x_from, actor.x_to = (0.15, 0.85) if actor.x_from < 0 else (0.85, 0.15)  # enters in view
            actors.append(actor)
            start += length - rng.randint(3, 6)
    elif scenario == "quiet":  # no person or vehicle; a cat wanders through once
        actors.append(walker("cat", n_frames // 3, 12))
        actors[-1].height = 0.18
    elif scenario == "far":  # small, distant people, two to four in view at any time
        for lane in range(3):
            start = -rng.randint(0, 10)
            while start < n_frames:
                length = rng.randint(18, 30)
                actor = walker(rng.choice(people), max(start, 0), length - max(-start, 0))
                actor.foot_y = rng.uniform(0.62, 0.9)
                actor.height = 0.06 + 0.12 * (actor.foot_y - 0.62) / 0.28  # farther up the view = smaller
                actor.x_from, actor.x_to = (0.05, 0.95) if actor.x_from < 0 else (0.95, 0.05)
                actors.append(actor)
                start += length - rng.randint(0, 4) if lane == 0 else length + rng.randint(0, 8)
    else:  # passing: vehicles and a person cross an otherwise empty view
        actors += [walker("motorcycle", 8, 10), walker(rng.choice(people), 25, 12), walker("motorcycle", 44, 9)]
    return actors


def render(frame: np.ndarray, actors: list[Actor], sprites: dict[str, Image.Image], index: int) -> tuple[Image.Image, list[dict]]:
    """Paste the actors present at ``index``; return the image and the visible objects (category, box)."""
    image = Image.fromarray(np.clip(frame, 0, 255).astype(np.uint8))
    width, height = FRAME_SIZE
    objects = []
    for actor in sorted((a for a in actors if a.start <= index < a.end), key=lambda a: a.foot_y):
        t = (index - actor.start) / max(actor.end - actor.start - 1, 1)
        sprite = sprites[actor.sprite]
        h = int(actor.height * height)
        w = int(sprite.width * h / sprite.height)
        foot_x = (actor.x_from + (actor.x_to - actor.x_from) * t) * width
        box = (int(foot_x - w / 2), int(actor.foot_y * height - h), int(foot_x + w / 2), int(actor.foot_y * height))
        scaled = sprite.resize((w, h), Image.BILINEAR)
        if actor.x_to < actor.x_from:
            scaled = scaled.transpose(Image.FLIP_LEFT_RIGHT)
        image.paste(scaled, box[:2], scaled)
        visible = (min(box[2], width) - max(box[0], 0)) / max(w, 1)
        if actor.category and visible >= 0.5:
            objects.append({"category": actor.category, "box": list(box), "sprite": actor.sprite})
    return image, objects


def _camera_effects(image: Image.Image, gain: float, rng: np.random.Generator) -> Image.Image:
    pixels = np.asarray(image, np.float32) * gain + rng.normal(0, 4.0, (FRAME_SIZE[1], FRAME_SIZE[0], 1))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def make_footage(root: str | Path, split: str = "test", seed: int | None = None) -> list[FootageFrame]:
    """Write every camera of ``split`` (one folder of JPEG frames each) and ``labels.json``; return the frames."""
    root = Path(root)
    seed = seed if seed is not None else SEEDS[split]
    rng, noise = random.Random(seed), np.random.default_rng(seed)
    sprites = {name: cutout(name) for name in SPRITES}
    frames: list[FootageFrame] = []
    for camera, (kind, scenario, n_frames) in SPLITS[split].items():
        base, foliage = background(kind, rng)
        actors = _actors(scenario, n_frames, PEOPLE[split], rng)
        folder = root / camera
        folder.mkdir(parents=True, exist_ok=True)
        gain, strength = 1.0, rng.uniform(4, 9) * (2.0 if scenario == "quiet" else 1.0)
        for index in range(n_frames):
            gain = float(np.clip(gain + rng.gauss(0, 0.02) + (rng.choice([-0.25, 0.2]) if rng.random() < 0.04 else 0),
                                 0.6, 1.25))  # drift, and now and then a cloud or a light switched on
            view = base.copy()
            if foliage is not None:
                _sway(view, foliage, index, strength)
            image, objects = render(view, actors, sprites, index)
            path = folder / f"frame_{index:04d}.jpg"
            _camera_effects(image, gain, noise).save(path, quality=80)
            labels = sorted({o["category"] for o in objects})
            frames.append(FootageFrame(str(path), camera, labels, objects))
    (root / "labels.json").write_text(json.dumps([asdict(f) for f in frames], indent=1))
    return frames


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root")
    parser.add_argument("--split", default="test", choices=sorted(SPLITS))
    args = parser.parse_args(argv)
    frames = make_footage(args.root, args.split)
    print(json.dumps({"frames": len(frames), "split": args.split, "root": args.root}))


if __name__ == "__main__":
    main()
