"""`advisor demo`'s data build: the demo catalog and the demo cameras, built once and found the second time."""
from __future__ import annotations

import pytest


def test_demo_catalog_is_built_ingested_and_not_rebuilt(advisor_home):
    from advisor.frontdoors.cli.ui_cmds import build_demo_catalog

    demo_dir = advisor_home.settings.home / "demo"
    first = build_demo_catalog(advisor_home, demo_dir, limit=6)
    if first["status"].startswith("not built"):
        pytest.skip(f"no demo images installed on this machine: {first['status']} (make sysdeps installs them)")
    assert first["status"] == "built" and first["items"] == 6
    assert (demo_dir / "catalog" / "catalog.jsonl").exists()
    assert len(advisor_home.store.item_ids("catalog")) == 6
    hits = advisor_home.search(text="a picture", k=3, domain="catalog")
    assert len(hits) == 3 and all(hit.metadata.get("price") is not None for hit in hits)
    assert build_demo_catalog(advisor_home, demo_dir, limit=6) == {"status": "present", "items": 6}


def test_demo_cameras_are_rendered_and_watched_once(advisor_home):
    from advisor.frontdoors.cli.ui_cmds import build_demo_cameras
    from agents.surveillance.alerts import AlertBook

    first = build_demo_cameras(advisor_home, frames_per_camera=3)
    assert first["status"] == "built" and first["rules"].endswith("rules.yaml")
    book = AlertBook.of(advisor_home.context)
    assert first["alerts"] == book.count_alerts()
    assert sorted(book.camera_names()) == ["gate", "lobby", "parking"]
    if first["alerts"]:
        assert build_demo_cameras(advisor_home, frames_per_camera=3)["status"] == "present"
