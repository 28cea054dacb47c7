"""Load test of the REST service through HTTP, on localhost only: concurrent clients against `advisor serve`.

Builds a small catalog in a fresh data home, starts `advisor serve` on 127.0.0.1, waits for /readyz, then runs
``--clients`` threads that each send ``--rounds`` rounds of (ask, search, feedback, agents, healthz, metrics).
Bounded: a fixed number of requests, then the server is stopped. Prints count, errors and p50/p95 latency per
route; exit status 1 on any 5xx or transport error.

    .venv/bin/python scripts/api_load_test.py --clients 4 --rounds 25
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.load_test import MESSAGES, shapes_folder  # noqa: E402 - after the path set-up

HOST = "127.0.0.1"  # never anything else: this script only loads the local machine


def prepare(home: Path) -> str:
    """Ingest the shapes catalog and make a key with every scope; returns the key."""
    from advisor.application.facade import Advisor
    from advisor.core.settings import Settings
    from advisor.frontdoors.service.keys import create_key

    advisor = Advisor(Settings(home=home))
    advisor.ingest(shapes_folder(Path(tempfile.mkdtemp(prefix="api-load-")), "seed"))
    key, _info = create_key(advisor.store, "load-test", "*")
    advisor.close()
    return key


def start_server(home: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")} | {"ADVISOR_HOME": str(home)}
    server = subprocess.Popen([sys.executable, "-m", "advisor", "serve", "--host", HOST, "--port", str(port),
                               "--rate", "1000000/minute"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return server, f"http://{HOST}:{port}"


def wait_ready(base: str, server: subprocess.Popen, timeout_s: float = 300) -> None:
    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {server.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit("the server did not become ready in time")


def requests_of(client_number: int, round_number: int) -> list[tuple[str, str, str, dict | None]]:
    message = MESSAGES[(client_number + round_number) % len(MESSAGES)]
    return [("/v1/ask", "POST", "/v1/ask", {"text": message, "session_id": f"load-{client_number}"}),
            ("/v1/search", "POST", "/v1/search", {"text": message, "k": 5}),
            ("/v1/feedback", "POST", "/v1/feedback", {"item_id": 1 + (round_number % 12), "kind": "view"}),
            ("/v1/agents", "GET", "/v1/agents", None),
            ("/healthz", "GET", "/healthz", None),
            ("/metrics", "GET", "/metrics", None)]


def run(clients: int, rounds: int) -> int:
    import httpx

    from advisor.frontdoors.bench.core import percentile

    home = Path(tempfile.mkdtemp(prefix="api-load-home-"))
    key = prepare(home)
    server, base = start_server(home)
    latencies: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()

    def worker(number: int) -> None:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=120) as http:
            for round_number in range(rounds):
                for route, method, path, body in requests_of(number, round_number):
                    started = time.perf_counter()
                    try:
                        response = http.request(method, path, json=body)
                        failed = None if response.status_code < 400 else f"{route}: HTTP {response.status_code}"
                    except httpx.HTTPError as exc:
                        failed = f"{route}: {type(exc).__name__}: {exc}"
                    with lock:
                        latencies.setdefault(route, []).append(time.perf_counter() - started)
                        if failed:
                            errors.append(failed)

    try:
        wait_ready(base, server)
        started = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=60)
    total = sum(len(v) for v in latencies.values())
    print(f"{'route':<14} {'count':>6} {'p50 ms':>9} {'p95 ms':>9}")
    for route, values in latencies.items():
        ms = [v * 1000 for v in values]
        print(f"{route:<14} {len(ms):>6} {percentile(ms, 50):>9.1f} {percentile(ms, 95):>9.1f}")
    print(f"{clients} clients x {rounds} rounds: {total} requests in {seconds:.1f} s ({total / seconds:.1f}/s); "
          f"errors {len(errors)}")
    for line in errors[:20]:
        print(f"  {line}")
    return 1 if errors else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=4, help="Concurrent HTTP clients (threads).")
    parser.add_argument("--rounds", type=int, default=25, help="Rounds per client (six requests each).")
    args = parser.parse_args()
    if not 1 <= args.clients <= 64 or not 1 <= args.rounds <= 1000:
        parser.error("keep it bounded: 1-64 clients, 1-1000 rounds")
    sys.exit(run(args.clients, args.rounds))


if __name__ == "__main__":
    main()
