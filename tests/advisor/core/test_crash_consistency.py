"""Real SIGKILLs in subprocesses: the next start detects and repairs; no half-written file is ever loaded."""
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
from PIL import Image

ADVISOR = str(Path(sys.executable).with_name("advisor"))


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}
    return env | {"ADVISOR_HOME": str(home), "HF_HUB_OFFLINE": "1"}


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return conn.execute("select count(*) from items").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_sigkill_during_ingest_is_repaired_on_next_start(tmp_path):
    folder = tmp_path / "imgs"
    folder.mkdir()
    rng = np.random.default_rng(0)
    for i in range(400):
        Image.fromarray(rng.integers(0, 255, (48, 48, 3), dtype=np.uint8)).save(folder / f"noise_{i:03d}.png")
    home = tmp_path / "home"
    proc = subprocess.Popen([ADVISOR, "ingest", str(folder)], env=_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = home / "advisor.db"
    deadline = time.time() + 240
    while time.time() < deadline and _count(db) < 64 and proc.poll() is None:
        time.sleep(0.2)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = _count(db)
    assert 0 < stored < 400
    markers = list((home / "index").glob("*.writing-*"))
    assert markers, "the interrupted ingest left no marker"
    verify = subprocess.run([ADVISOR, "index", "verify", "--json"], env=_env(home), capture_output=True, text=True, timeout=300)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert '"agree": true' in verify.stdout
    assert f'"items": {stored}' in verify.stdout and f'"vectors": {stored}' in verify.stdout
    assert not list((home / "index").glob("*.writing-*"))
    # the rest ingests afterwards; nothing stored before is lost
    again = subprocess.run([ADVISOR, "ingest", str(folder), "--json"], env=_env(home), capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and _count(db) == 400


def test_sigkill_during_index_save_never_leaves_a_half_file(tmp_path):
    path = tmp_path / "idx.faiss"
    script = textwrap.dedent(f"""
        import numpy as np
        from indexes import FaissIndex
        rng = np.random.default_rng(1)
        index = FaissIndex(64, use_gpu=False)
        n = 0
        while True:
            v = rng.normal(size=(5000, 64)).astype("float32")
            v /= np.linalg.norm(v, axis=1, keepdims=True)
            index.add(range(n, n + 5000), v)
            n += 5000
            index.save({str(path)!r})
            print(n, flush=True)
    """)
    for delay in (0.8, 1.3, 1.9):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
        proc.stdout.readline()  # at least one complete save
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        from indexes import FaissIndex

        loaded = FaissIndex.load(path, use_gpu=False)
        assert len(loaded) % 5000 == 0 and len(loaded) > 0
        path.unlink()
        for leftover in tmp_path.glob("*.tmp"):
            leftover.unlink()  # a temporary file may remain; it is never read
