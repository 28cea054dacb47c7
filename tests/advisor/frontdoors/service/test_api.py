"""The REST service end to end through HTTP semantics (TestClient): auth, scopes, limits, errors, metrics."""
from __future__ import annotations

import io
import re

from tests.conftest import draw_shape


def _metric(text: str, name: str, **labels: str) -> float:
    """Sum of the samples of ``name`` whose labels include ``labels``."""
    total = 0.0
    for line in text.splitlines():
        match = re.match(rf"^{re.escape(name)}(\{{(.*)\}})? ([0-9.e+-]+)$", line)
        if match and all(f'{k}="{v}"' in (match.group(2) or "") for k, v in labels.items()):
            total += float(match.group(3))
    return total


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.text
    body = ready.json()
    assert body["ready"] and body["index_agrees"] and body["items"] == 12 and body["vectors"] == 12


def test_no_key_is_401_and_unknown_key_is_401(client):
    assert client.post("/v1/search", json={"text": "a red circle"}).status_code == 401
    response = client.post("/v1/search", json={"text": "a red circle"}, headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"


def test_scopes_are_enforced_per_route(client, scoped_key):
    search_only = scoped_key("search")
    assert client.post("/v1/search", json={"text": "a red circle"}, headers=search_only).status_code == 200
    denied = client.post("/v1/ask", json={"text": "hello"}, headers=search_only)
    assert denied.status_code == 403 and "ask" in denied.json()["detail"]
    assert client.post("/v1/alerts/1/ack", headers=search_only).status_code == 403


def test_revoked_key_is_refused(client, service_advisor):
    from advisor.frontdoors.service.keys import create_key, revoke_key

    key, info = create_key(service_advisor.store, "temporary", "search")
    headers = {"Authorization": f"Bearer {key}"}
    assert client.post("/v1/search", json={"text": "a square"}, headers=headers).status_code == 200
    revoke_key(service_advisor.store, str(info.id))
    assert client.post("/v1/search", json={"text": "a square"}, headers=headers).status_code == 401


def test_search_finds_the_shape(client, full_headers):
    response = client.post("/v1/search", json={"text": "a red circle", "k": 3}, headers=full_headers)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert len(results) == 3 and results[0]["caption"] == "a red circle"


def test_ask_matches_the_facade(client, full_headers, service_advisor):
    text = "show me a blue triangle"
    expected = service_advisor.ask(text)
    response = client.post("/v1/ask", json={"text": text}, headers=full_headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["agent"] == expected.agent
    assert body["kind"] == (expected.data.kind if expected.data is not None else None)
    assert body["model_version"] == "default"


def test_ask_with_an_uploaded_image(client, full_headers):
    buffer = io.BytesIO()
    draw_shape("green", "square").save(buffer, format="PNG")
    files = {"image": ("query.png", buffer.getvalue(), "image/png")}
    response = client.post("/v1/ask", data={"text": "find items like this"}, files=files, headers=full_headers)
    assert response.status_code == 200, response.text
    assert response.json()["agent"]


def test_ask_with_a_photo_larger_than_a_megabyte(client, full_headers):
    import numpy as np
    from PIL import Image

    noise = np.random.default_rng(0).integers(0, 255, (800, 800, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noise).save(buffer, format="PNG")
    assert buffer.tell() > 1024 * 1024
    files = {"image": ("photo.png", buffer.getvalue(), "image/png")}
    response = client.post("/v1/ask", files=files, headers=full_headers)
    assert response.status_code == 200, response.text
    assert not response.json()["error"]


def test_garbage_json_is_422_never_500(client, full_headers):
    for body in (b"{not json", b"[]", b'{"text": 5}', b'{"text": "hi", "extra": 1}', b"\xff\xfe"):
        response = client.post("/v1/ask", content=body, headers={**full_headers, "Content-Type": "application/json"})
        assert response.status_code == 422, (body, response.text)
        assert response.json()["error"] == "invalid"
    response = client.post("/v1/search", content=b"{", headers={**full_headers, "Content-Type": "application/json"})
    assert response.status_code == 422


def test_oversized_body_is_413(make_client, full_headers):
    client = make_client(max_body_bytes=2048)
    response = client.post("/v1/ask", json={"text": "x" * 5000}, headers=full_headers)
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"

    def chunks():  # no Content-Length: the body is counted as it streams in
        for _ in range(8):
            yield b"x" * 1024

    streamed = client.post("/v1/ask", content=chunks(), headers={**full_headers, "Content-Type": "application/json"})
    assert streamed.status_code == 413


def test_rate_limit_is_429(make_client, full_headers):
    client = make_client(rate_limit="3/minute")
    codes = [client.post("/v1/search", json={"text": "a circle"}, headers=full_headers).status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
    assert int(client.post("/v1/search", json={"text": "x"}, headers=full_headers).headers["Retry-After"]) >= 1


def test_feedback_and_unknown_item(client, full_headers):
    ok = client.post("/v1/feedback", json={"item_id": 1, "kind": "like", "user_id": "ana"}, headers=full_headers)
    assert ok.status_code == 200, ok.text
    assert ok.json()["kind"] == "like"
    missing = client.post("/v1/feedback", json={"item_id": 999, "kind": "like"}, headers=full_headers)
    assert missing.status_code == 422 and "999" in missing.json()["detail"]


def test_ingest_job_runs_in_the_background(client, full_headers, service_advisor, tmp_path):
    import time

    inbox = service_advisor.settings.home / "inbox" / "batch"
    inbox.mkdir(parents=True)
    draw_shape("yellow", "circle", size=96).save(inbox / "sun.png")
    (inbox / "sun.txt").write_text("a small yellow sun")
    outside = client.post("/v1/ingest", json={"path": str(tmp_path)}, headers=full_headers)
    assert outside.status_code == 422
    nobody = client.post("/v1/ingest", json={"path": "~no_such_user_here_0/inbox"}, headers=full_headers)
    assert nobody.status_code == 422 and "unusable path" in nobody.json()["detail"]
    job = client.post("/v1/ingest", json={"path": str(inbox)}, headers=full_headers)
    assert job.status_code == 202, job.text
    for _ in range(300):
        state = client.get(f"/v1/jobs/{job.json()['id']}", headers=full_headers).json()
        if state["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert state["state"] == "done" and state["result"]["added"] == 1, state
    assert client.get("/v1/jobs/nope", headers=full_headers).status_code == 404


def test_agents_alerts_and_audit(client, full_headers, service_advisor):
    from advisor.core import audit

    names = [a["name"] for a in client.get("/v1/agents", headers=full_headers).json()]
    assert "general" in names and "search_recommend" in names
    alerts = client.get("/v1/alerts", headers=full_headers)
    assert alerts.status_code == 200 and alerts.json() == []
    missing = client.post("/v1/alerts/12345/ack", headers=full_headers)
    assert missing.status_code == 404
    cases = client.get("/v1/triage/cases", headers=full_headers)
    assert cases.status_code == 200
    client.post("/v1/ask", json={"text": "I have had a sore throat and a mild fever since yesterday"},
                headers=full_headers)
    cases = client.get("/v1/triage/cases", headers=full_headers).json()
    if cases:  # the message was routed to triage: viewing the stored case is audited under the key's name
        assert audit.events(service_advisor.store, action="triage.view")[0]["actor"].startswith("api:env:")


def test_metrics_change_after_requests(client, full_headers):
    before = client.get("/metrics").text
    assert 'advisor_model_info{encoder="default",version="default"} 1.0' in before
    assert _metric(before, "advisor_index_vectors") == 12
    asked = _metric(before, "advisor_routing_decisions_total")
    searches = _metric(before, "advisor_http_requests_total", route="/v1/search", status="200")
    client.post("/v1/search", json={"text": "a green square"}, headers=full_headers)
    client.post("/v1/ask", json={"text": "hello there"}, headers=full_headers)
    client.post("/v1/ask", json={"text": "hello"})  # 401, counted too
    after = client.get("/metrics").text
    assert _metric(after, "advisor_http_requests_total", route="/v1/search", status="200") == searches + 1
    assert _metric(after, "advisor_http_requests_total", route="/v1/ask", status="401") >= 1
    assert _metric(after, "advisor_routing_decisions_total") == asked + 1
    assert _metric(after, "advisor_http_request_duration_seconds_count", route="/v1/search") >= 1
    assert 0 < _metric(after, "advisor_embedding_drift_cosine") <= 1


def test_wrong_keys_are_rate_limited_per_client(make_client):
    client = make_client(rate_limit="2/minute")
    codes = [client.get("/v1/agents", headers={"Authorization": f"Bearer guess-{i}"}).status_code for i in range(4)]
    assert codes == [401, 401, 429, 429]


def test_readyz_reports_an_index_that_disagrees_with_the_database(client, service_advisor):
    service_advisor.catalog.remove([1])  # a vector lost: the item has none in the index
    ready = client.get("/readyz")
    assert ready.status_code == 503
    body = ready.json()
    assert not body["ready"] and body["models_loaded"] and body["database"] and not body["index_agrees"]
    assert "advisor reindex" in body["problems"][0]
