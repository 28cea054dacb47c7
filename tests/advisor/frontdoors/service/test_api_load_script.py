"""The HTTP load-test script runs (tiny, bounded) against a real `advisor serve` and reports no errors."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[4] / "scripts" / "api_load_test.py"


def test_api_load_script_small_run():
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}
    out = subprocess.run([sys.executable, str(SCRIPT), "--clients", "2", "--rounds", "1"], env=env,
                         capture_output=True, text=True, timeout=600, check=False)
    assert out.returncode == 0, out.stdout + out.stderr[-3000:]
    rows = {line.split()[0]: int(line.split()[1]) for line in out.stdout.splitlines()[1:7]}
    assert rows == {"/v1/ask": 2, "/v1/search": 2, "/v1/feedback": 2, "/v1/agents": 2, "/healthz": 2, "/metrics": 2}
    assert "errors 0" in out.stdout
