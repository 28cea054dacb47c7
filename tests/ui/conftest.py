"""Fixtures of the UI tests: a data home with a small ingested catalog, handed to the app in this process."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
PRICES = {"circle": 10.0, "square": 40.0, "triangle": 80.0}


def write_shapes_manifest(shapes_dir: Path, out: Path) -> Path:
    """A JSONL manifest of the twelve shapes with category (shape), colour and price metadata."""
    rows = []
    for image in sorted(shapes_dir.glob("*.png")):
        colour, shape = image.stem.split("_")
        rows.append({"image": str(image), "caption": f"a {colour} {shape}", "category": shape, "colour": colour,
                     "price": PRICES[shape]})
    out.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return out


@pytest.fixture
def ui_advisor(advisor_home, shapes_dir, tmp_path):
    """The test's Advisor with the shapes catalog (domain ``catalog``), provided to the app and warmed up."""
    from ui import jobs, resources

    jobs.forget_finished()  # jobs are process-wide: earlier tests' jobs would show on the models page
    report = advisor_home.ingest(write_shapes_manifest(shapes_dir, tmp_path / "shapes.jsonl"), domain="catalog")
    assert report.added == 12
    resources.provide(advisor_home, warm=True)
    yield advisor_home
    resources.provide(None)


@pytest.fixture
def app(ui_advisor):
    """A fresh ``AppTest`` of the whole app (``ui/app.py``); call ``.run()`` on it."""
    from streamlit.testing.v1 import AppTest

    def make(**query_params):
        at = AppTest.from_file(str(APP), default_timeout=180)
        at.query_params.update(query_params)
        return at
    return make
