"""The audit log records who viewed triage cases and who acknowledged or resolved alerts, with no personal data."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from advisor.core import audit
from agents.surveillance.alerts import AlertBook

ADVISOR = str(Path(sys.executable).with_name("advisor"))


def _alert(book: AlertBook) -> int:
    return book.add_alert(rule="fire", camera="gate", frame_ref="f.png", time=datetime.now(timezone.utc), score=0.8,
                          severity="critical", thumbnail=None, scores={}).id


def test_acknowledge_and_resolve_are_audited_with_who(advisor_home):
    book = AlertBook.of(advisor_home.context)
    first, second = _alert(book), _alert(book)
    book.acknowledge(first, by="maria")
    book.resolve(second, by="li")
    rows = audit.events(advisor_home.store)
    assert [(r["actor"], r["action"], r["subject"]) for r in rows] == [
        ("li", "alert.resolve", f"alert:{second}"), ("maria", "alert.acknowledge", f"alert:{first}")]
    assert all(datetime.fromisoformat(r["at"]) <= datetime.now(timezone.utc) for r in rows)
    assert audit.events(advisor_home.store, actor="maria")[0]["subject"] == f"alert:{first}"


def test_a_failed_acknowledge_writes_nothing(advisor_home):
    book = AlertBook.of(advisor_home.context)
    alert = _alert(book)
    book.resolve(alert, by="li")
    try:
        book.acknowledge(alert, by="mallory")
    except Exception as exc:  # noqa: BLE001
        assert "already resolved" in str(exc)
    assert [r["actor"] for r in audit.events(advisor_home.store)] == ["li"]


def test_viewing_triage_cases_is_audited_without_their_text(advisor_home):
    from advisor.application import views as services
    from agents.medical_triage.cases import CaseStore

    reply = advisor_home.ask("My name is John Smith and I have had a sore throat for two days", agent="medical_triage")
    assert reply.data.level is not None
    cases = services.triage_cases(advisor_home, viewer="dr.ng")
    assert cases and "John" not in cases[0]["text"]
    CaseStore(advisor_home.context).get(cases[0]["id"], viewer="nurse.kim")
    rows = audit.events(advisor_home.store, action="triage.view")
    assert [r["actor"] for r in rows] == ["nurse.kim", "dr.ng"]
    assert rows[0]["subject"] == f"triage_case:{cases[0]['id']}" and rows[1]["detail"]["case_ids"] == [cases[0]["id"]]
    assert "John" not in json.dumps(rows) and "throat" not in json.dumps(rows)


def test_hostile_actor_names_are_stored_verbatim_but_bounded(advisor_home):
    hostile = "'); DROP TABLE audit_log; --<script>alert(1)</script>\x00\x1b[31m" + "x" * 500
    audit.record(advisor_home.store, hostile, "alert.acknowledge", "alert:1")
    row = audit.events(advisor_home.store)[0]
    assert row["actor"].startswith("'); DROP TABLE audit_log; --<script>") and len(row["actor"]) <= audit.MAX_ACTOR_CHARS
    assert "\x00" not in row["actor"] and "\x1b" not in row["actor"]
    assert len(audit.events(advisor_home.store)) == 1


def test_cli_lists_the_audit_log(tmp_path):
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")} | {"ADVISOR_HOME": str(home)}
    from advisor.core.settings import Settings
    from advisor.core.store import Store

    store = Store(Settings(home=home).db_url)
    audit.record(store, "maria", "alert.acknowledge", "alert:3")
    store.dispose()
    out = subprocess.run([ADVISOR, "audit", "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    events = json.loads(out.stdout)["events"]
    assert [(e["actor"], e["subject"]) for e in events] == [("maria", "alert:3")]
    text = subprocess.run([ADVISOR, "audit", "--action", "triage.view"], env=env, capture_output=True, text=True, timeout=300)
    assert text.returncode == 0 and "no audit events" in text.stdout
