"""The store, ingest, search, audit and concurrency tests run on SQLite and on PostgreSQL (``db_url``)."""
from __future__ import annotations

import pytest

from tests.databases import db_url, postgres_server  # noqa: F401 - fixtures


@pytest.fixture
def advisor_home(tmp_path, encoder, db_url):  # noqa: F811 - the fixture above
    """A fresh Advisor on a temporary data home and a fresh database (each kind), sharing the session's encoder."""
    from advisor.application.facade import Advisor
    from advisor.core.settings import Settings

    adv = Advisor(Settings(home=tmp_path / "adv", db_url=db_url), encoder=encoder)
    yield adv
    adv.close()
