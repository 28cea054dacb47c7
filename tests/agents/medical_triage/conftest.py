"""Fixtures for the medical_triage tests: engines built once per session on the shared default encoder."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def triage_engine(encoder, tmp_path_factory):
    """The full engine: red-flag rules + knowledge base searched with the real text encoder."""
    from agents.medical_triage.engine import TriageEngine

    return TriageEngine(encoder=encoder, cache_dir=tmp_path_factory.mktemp("kb-cache"))


@pytest.fixture(scope="session")
def sparse_engine():
    """The engine without an encoder (TF-IDF only), for fast logic tests."""
    from agents.medical_triage.engine import TriageEngine

    return TriageEngine(encoder=None)


def load_cases(name: str) -> list[dict]:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["cases"]
