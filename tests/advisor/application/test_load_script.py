"""The load-test script runs (tiny, bounded) against a fresh local data home and reports no errors."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "load_test.py"


def test_load_script_small_run(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}
    out = subprocess.run([sys.executable, str(SCRIPT), "--home", str(tmp_path / "home"), "--threads", "2",
                          "--requests", "2", "--processes", "1"], env=env, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stdout + out.stderr[-3000:]
    lines = out.stdout.splitlines()
    counts = {line.split()[0]: int(line.split()[1]) for line in lines[1:4]}
    assert counts == {"ask": 4, "search": 4, "ingest": 2}, out.stdout
    assert "errors 0; items 48 (expected 48); index/database agree: True" in out.stdout
