"""Alert records (real SQLite through the store's migrations): state changes, filters, the frames index."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from advisor.core.store import Store
from agents.surveillance.alerts import AlertBook, AlertError


@pytest.fixture
def book(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    yield AlertBook(store, tmp_path / "index", space="test-space")
    store.dispose()


def add(book, rule="fire", camera="gate", minutes_ago=0, severity="critical"):
    when = datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)
    return book.add_alert(rule=rule, camera=camera, frame_ref="f.png", time=when, score=0.8, severity=severity,
                          thumbnail=None, scores={"probability": 0.7})


def test_migration_created_the_tables(book):
    from sqlalchemy import inspect

    tables = set(inspect(book.store.engine).get_table_names())
    assert {"cameras", "alert_rules", "alerts", "frames"} <= tables


def test_acknowledge_then_resolve_records_who_and_when(book):
    alert = add(book)
    assert alert.state == "open" and alert.acknowledged_by is None
    acked = book.acknowledge(alert.id, by="maria")
    assert acked.state == "acknowledged" and acked.acknowledged_by == "maria" and acked.acknowledged_at is not None
    again = book.acknowledge(alert.id, by="someone else")  # idempotent: the first acknowledgement stands
    assert again.acknowledged_by == "maria"
    resolved = book.resolve(alert.id, by="maria")
    assert resolved.state == "resolved" and resolved.resolved_at is not None
    with pytest.raises(AlertError, match="already resolved"):
        book.acknowledge(alert.id)
    with pytest.raises(AlertError, match="no alert with id 999"):
        book.resolve(999)


def test_resolving_an_open_alert_acknowledges_it_on_the_way(book):
    alert = add(book)
    resolved = book.resolve(alert.id, by="li")
    assert resolved.state == "resolved" and resolved.acknowledged_by == "li"


def test_list_filters_and_order(book):
    old = add(book, camera="gate", minutes_ago=120)
    recent = add(book, camera="gate", minutes_ago=5, rule="person", severity="info")
    lobby = add(book, camera="lobby", minutes_ago=1)
    book.acknowledge(lobby.id)
    assert [a.id for a in book.list_alerts()] == [lobby.id, recent.id, old.id]
    hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)
    assert [a.id for a in book.list_alerts(camera="gate", since=hour_ago)] == [recent.id]
    assert [a.id for a in book.list_alerts(state="open")] == [recent.id, old.id]
    assert [a.id for a in book.list_alerts(rule="fire", severity="critical")] == [lobby.id, old.id]
    assert book.count_alerts(state="acknowledged") == 1
    assert book.camera_names() == ["gate", "lobby"]


def test_frames_index_is_rebuilt_from_the_table(book, tmp_path):
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(3, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    now = datetime.now(timezone.utc)
    ids = [book.add_frame("gate" if i < 2 else "lobby", now, f"f{i}.png", None, v) for i, v in enumerate(vectors)]
    book.save_index()
    assert (tmp_path / "index" / "frames.faiss").exists()
    assert book.search_frames(vectors[2], k=1)[0].id == ids[2]
    assert [f.id for f in book.search_frames(vectors[2], k=3, camera="gate")] != [] and \
        all(f.camera == "gate" for f in book.search_frames(vectors[2], k=3, camera="gate"))
    # a fresh book (new process) finds the saved index; an extra frame makes it stale and it is rebuilt
    fresh = AlertBook(book.store, tmp_path / "index", space="test-space")
    extra = fresh.add_frame("gate", now, "f9.png", None, vectors[0])
    assert {f.id for f in fresh.search_frames(vectors[0], k=2)} == {ids[0], extra}
    assert AlertBook(book.store, tmp_path / "index", space="other").search_frames(vectors[0]) == []
