"""A service over a small shapes catalog, with keys of different scopes."""
from __future__ import annotations

import pytest

from advisor.frontdoors.service.keys import create_key

FULL_KEY = "full-access-key-for-tests-0001"


@pytest.fixture
def service_advisor(advisor_home, shapes_dir):
    advisor_home.ingest(shapes_dir)
    return advisor_home


@pytest.fixture
def make_client(service_advisor, monkeypatch):
    """Build a TestClient over the advisor (``ADVISOR_API_KEYS`` grants FULL_KEY every scope)."""
    from fastapi.testclient import TestClient

    from advisor.frontdoors.service import ServiceConfig, create_app

    clients = []

    def build(**config) -> TestClient:
        service_advisor.settings.api_keys = f"{FULL_KEY}=*"  # validated on assignment, like ADVISOR_API_KEYS
        client = TestClient(create_app(service_advisor, ServiceConfig(metrics_refresh_s=0, **config)),
                            raise_server_exceptions=False)
        client.__enter__()
        service = client.app.state.service
        assert service.warm.wait(120), service.warm_error
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client):
    return make_client()


@pytest.fixture
def full_headers():
    return {"Authorization": f"Bearer {FULL_KEY}"}


@pytest.fixture
def scoped_key(service_advisor):
    def make(scopes: str) -> dict[str, str]:
        key, _info = create_key(service_advisor.store, f"test-{scopes}", scopes)
        return {"Authorization": f"Bearer {key}"}
    return make
