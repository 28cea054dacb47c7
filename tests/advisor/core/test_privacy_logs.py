"""Personal identifiers in triage messages reach neither the database nor the log files, even at DEBUG level."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ADVISOR = str(Path(sys.executable).with_name("advisor"))
MESSAGES = [
    "My name is John Smith, phone 415-555-0132, email john.smith@example.com. Crushing chest pain for an hour.",
    "我叫张伟，手机13812345678，头疼三天了",
]
IDENTIFIERS = ["John", "Smith", "415-555-0132", "john.smith@example.com", "张伟", "13812345678"]


def test_no_identifier_in_database_or_log_file(tmp_path):
    home, log_file = tmp_path / "home", tmp_path / "logs" / "advisor.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")} | {
        "ADVISOR_HOME": str(home), "ADVISOR_LOG_FILE": str(log_file), "ADVISOR_LOG_LEVEL": "DEBUG"}
    stderr = []
    for message in MESSAGES:
        out = subprocess.run([ADVISOR, "ask", message, "--agent", "medical_triage", "--json"], env=env,
                             capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, out.stderr[-2000:]
        assert json.loads(out.stdout)["data"]["level"] in {"emergent", "non_emergent", "self_care"}
        stderr.append(out.stderr)
    logged = log_file.read_text(encoding="utf-8")
    assert "medical_triage" in logged  # the log file is written at DEBUG level
    database = b"".join(p.read_bytes() for p in sorted(home.glob("advisor.db*")))
    assert b"chest pain" in database  # the de-identified case is stored
    for identifier in IDENTIFIERS:
        assert identifier not in logged, f"{identifier!r} in the log file"
        assert identifier not in "".join(stderr), f"{identifier!r} on stderr"
        assert identifier.encode() not in database, f"{identifier!r} in the database"
