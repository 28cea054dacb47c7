"""Session-wide fixtures: offline hub, a fresh data home per test, the default encoder loaded once."""
from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

COLOURS = {"red": (220, 30, 30), "green": (30, 160, 60), "blue": (30, 60, 220), "yellow": (240, 210, 20)}
SHAPES = ("circle", "square", "triangle")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """No test reads the developer's data home or encoder settings."""
    for key in list(os.environ):
        if key.startswith("ADVISOR_"):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="session")
def encoder():
    """The shipped default encoder, loaded once per test session."""
    from advisor.core.encoder import load_encoder

    return load_encoder("default", device="cpu")


def draw_shape(colour: str, shape: str, size: int = 128) -> Image.Image:
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    rgb = COLOURS[colour]
    m = size // 6
    if shape == "circle":
        draw.ellipse((m, m, size - m, size - m), fill=rgb)
    elif shape == "square":
        draw.rectangle((m, m, size - m, size - m), fill=rgb)
    else:
        draw.polygon([(size // 2, m), (size - m, size - m), (m, size - m)], fill=rgb)
    return image


@pytest.fixture(scope="session")
def shapes_dir(tmp_path_factory):
    """Twelve coloured shapes with same-name .txt captions."""
    folder = tmp_path_factory.mktemp("shapes")
    for colour in COLOURS:
        for shape in SHAPES:
            draw_shape(colour, shape).save(folder / f"{colour}_{shape}.png")
            (folder / f"{colour}_{shape}.txt").write_text(f"a {colour} {shape}")
    return folder


@pytest.fixture
def advisor_home(tmp_path, encoder):
    """A fresh Advisor on a temporary data home, sharing the session's encoder."""
    from advisor.application.facade import Advisor
    from advisor.core.settings import Settings

    adv = Advisor(Settings(home=tmp_path / "adv"), encoder=encoder)
    yield adv
    adv.close()
