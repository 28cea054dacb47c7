"""Fixtures of the UI tests: a data home with a small ingested catalog, handed to the app in this process.

The catalog is ingested (and the router fitted) once per session in a template home; each test gets a fresh copy,
so tests stay independent without paying for the encoder or the router fit again.
"""
from __future__ import annotations

import json
import shutil
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


@pytest.fixture(scope="session")
def template_home(tmp_path_factory, encoder, shapes_dir) -> Path:
    """A closed data home with the twelve shapes in domain ``catalog`` and the router fitted and cached."""
    from advisor.application.facade import Advisor
    from advisor.core.settings import Settings

    home = tmp_path_factory.mktemp("ui-template")
    advisor = Advisor(Settings(home=home), encoder=encoder)
    try:
        report = advisor.ingest(write_shapes_manifest(shapes_dir, home / "shapes.jsonl"), domain="catalog")
        assert report.added == 12, report
        advisor.route("hello")  # fits the router once and caches it under <home>/models/router
    finally:
        advisor.close()
    return home


def copy_home(template: Path, target: Path) -> Path:
    """A private copy of a closed data home (database, index files, router cache)."""
    shutil.copytree(template, target)
    return target


@pytest.fixture
def ui_advisor(template_home, encoder, tmp_path):
    """A fresh Advisor on a copy of the template home, provided to the app and warmed up."""
    from advisor.application.facade import Advisor
    from advisor.core.settings import Settings
    from ui import jobs, resources

    jobs.forget_finished()  # jobs are process-wide: earlier tests' jobs would show on the models page
    advisor = Advisor(Settings(home=copy_home(template_home, tmp_path / "adv")), encoder=encoder)
    resources.provide(advisor, warm=True)
    yield advisor
    resources.provide(None)
    advisor.close()


@pytest.fixture
def app(ui_advisor):
    """A fresh ``AppTest`` of the whole app (``ui/app.py``); ``app(session=...)`` sets URL query parameters."""
    from streamlit.testing.v1 import AppTest

    def make(**query_params):
        at = AppTest.from_file(str(APP), default_timeout=180)
        at.query_params.update(query_params)
        return at
    return make
