"""The demo catalog builder: fields, categories, colours, synthetic prices, idempotence, the emoji fallback."""
from __future__ import annotations

import json

import pytest
from PIL import Image, ImageDraw

from advisor.frontdoors.demo.catalog import (
    CATEGORY_PRICES,
    OPENCLIPART_ROOT,
    DemoCatalogError,
    build_demo_catalog,
    dominant_colour,
    emoji_category,
    synthetic_price,
    title_colour,
)
from advisor.training.corpus import EMOJI_FONT

FIELDS = {"image", "caption", "title", "category", "colour", "price", "source", "license"}


def _rows(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.mark.skipif(not OPENCLIPART_ROOT.is_dir(), reason="openclipart-png is not installed")
def test_clipart_catalog_fields_and_idempotence(tmp_path):
    manifest = build_demo_catalog(tmp_path, limit=30, categories=("animals", "food", "vehicles"))
    rows = _rows(manifest)
    assert manifest.name == "catalog.jsonl" and len(rows) == 30
    assert all(set(r) == FIELDS for r in rows)
    assert {r["category"] for r in rows} == {"animals", "food", "vehicles"}
    assert all("/animals/" in r["image"] for r in rows if r["category"] == "animals")
    for row in rows:
        low, high = CATEGORY_PRICES[row["category"]]
        assert low - 1 <= row["price"] <= high and str(row["price"]).endswith(".99")
    stamp = manifest.stat().st_mtime_ns
    assert build_demo_catalog(tmp_path, limit=30, categories=("animals", "food", "vehicles")) == manifest
    assert manifest.stat().st_mtime_ns == stamp, "an unchanged manifest is not rewritten"


@pytest.mark.skipif(not EMOJI_FONT.exists(), reason="fonts-noto-color-emoji is not installed")
def test_emoji_fallback(tmp_path):
    manifest = build_demo_catalog(tmp_path, limit=8, sources=("emoji",))
    rows = _rows(manifest)
    assert len(rows) == 8 and all(r["source"] == "noto-emoji" for r in rows)
    assert all(Image.open(r["image"]).size[0] > 8 for r in rows)


def test_no_source_is_a_named_error(tmp_path):
    with pytest.raises(DemoCatalogError, match="openclipart-png"):
        build_demo_catalog(tmp_path, sources=("openclipart",), openclipart_root=tmp_path / "none")


@pytest.mark.parametrize("rgb,name", [((220, 30, 30), "red"), ((30, 60, 220), "blue"), ((30, 160, 60), "green"),
                                      ((240, 210, 20), "yellow"), ((250, 140, 20), "orange"), ((120, 70, 30), "brown"),
                                      ((20, 20, 20), "black"), ((128, 128, 128), "grey")])
def test_dominant_colour_ignores_the_white_background(rgb, name):
    image = Image.new("RGBA", (100, 100), (255, 255, 255, 0))
    ImageDraw.Draw(image).ellipse((30, 30, 70, 70), fill=rgb + (255,))
    ImageDraw.Draw(image).line((0, 0, 99, 99), fill=(0, 0, 0, 255), width=2)  # a thin outline must not win
    assert dominant_colour(image) == name
    assert dominant_colour(Image.new("RGB", (10, 10), "white")) == "white"


def test_titles_names_and_prices():
    assert title_colour("red apple") == "red" and title_colour("gray cat") == "grey" and title_colour("zebra") is None
    assert emoji_category("red apple") == "food" and emoji_category("cat face") == "animals"
    assert emoji_category("grinning face") == "faces" and emoji_category("keycap 1") == "symbols"
    assert synthetic_price("x.png", "food") == synthetic_price("x.png", "food")
    assert len({synthetic_price(f"{n}.png", "food") for n in range(20)}) > 5
