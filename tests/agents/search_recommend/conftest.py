"""Fixtures of the search & recommend tests: a small shop of drawn shapes, and a small demo catalog."""
from __future__ import annotations

import json

import pytest

from tests.conftest import COLOURS, SHAPES, draw_shape

BASE_PRICE = {"red": 10.0, "green": 20.0, "blue": 30.0, "yellow": 40.0}
SHAPE_PRICE = {"circle": 1.0, "square": 2.0, "triangle": 3.0}
SIZES = {"small": 96, "big": 160}


def shape_price(colour: str, shape: str, size: str) -> float:
    return BASE_PRICE[colour] + SHAPE_PRICE[shape] + (50.0 if size == "big" else 0.0)


@pytest.fixture(scope="session")
def shop_manifest(tmp_path_factory):
    """24 items: 4 colours x 3 shapes x 2 sizes, with category (plural shape), colour and price."""
    folder = tmp_path_factory.mktemp("shop")
    rows = []
    for colour in COLOURS:
        for shape in SHAPES:
            for size, pixels in SIZES.items():
                name = f"{size}_{colour}_{shape}.png"
                draw_shape(colour, shape, size=pixels).save(folder / name)
                rows.append({"image": name, "caption": f"a {size} {colour} {shape}", "category": f"{shape}s",
                             "colour": colour, "price": shape_price(colour, shape, size)})
    manifest = folder / "shop.jsonl"
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return manifest


@pytest.fixture(scope="session")
def shop(tmp_path_factory, encoder, shop_manifest):
    """An Advisor whose catalog is the 24-item shop (shared by the session: use your own user ids)."""
    from advisor.application.facade import Advisor
    from advisor.core.settings import Settings

    adv = Advisor(Settings(home=tmp_path_factory.mktemp("shop-home")), encoder=encoder)
    report = adv.ingest(shop_manifest, domain="catalog")
    assert report.added == 24, report
    yield adv
    adv.close()


@pytest.fixture(scope="session")
def demo_advisor(tmp_path_factory, encoder):
    """An Advisor with a 60-item demo catalog in 4 categories (clip-art, or emoji when clip-art is not installed)."""
    from advisor.application.facade import Advisor
    from advisor.core.settings import Settings
    from advisor.frontdoors.demo.catalog import DemoCatalogError, build_demo_catalog

    try:
        manifest = build_demo_catalog(tmp_path_factory.mktemp("demo"), limit=60,
                                      categories=("animals", "food", "vehicles", "tools"))
    except DemoCatalogError as exc:
        pytest.skip(str(exc))
    adv = Advisor(Settings(home=tmp_path_factory.mktemp("demo-home")), encoder=encoder)
    report = adv.ingest(manifest, domain="catalog")
    assert report.added >= 50, report
    yield adv
    adv.close()
