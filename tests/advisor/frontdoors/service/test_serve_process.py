"""`advisor serve` as a real process answers over HTTP: /healthz, 401 without a key, a key made by the CLI works."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_over_http(tmp_path):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}, "ADVISOR_HOME": str(tmp_path / "h")}
    made = subprocess.run([sys.executable, "-m", "advisor", "keys", "create", "--scope", "search", "--name", "proc"],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip()
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "advisor", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                health = httpx.get(f"{base}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stdout.read()
                time.sleep(0.2)
        assert health.status_code == 200 and health.json() == {"status": "ok"}
        assert httpx.post(f"{base}/v1/ask", json={"text": "hello"}, timeout=30).status_code == 401
        ok = httpx.get(f"{base}/v1/agents", headers={"Authorization": f"Bearer {key}"}, timeout=30)
        assert ok.status_code == 200 and any(a["name"] == "general" for a in ok.json())
        assert "advisor_http_requests_total" in httpx.get(f"{base}/metrics", timeout=30).text
    finally:
        server.terminate()
        server.wait(timeout=30)
