"""Load test against the local advisor only: threads asking, searching and ingesting at once, plus ingest processes.

Bounded: every worker sends a fixed number of requests, then stops. Prints a table (count, errors, p50/p95
latency per kind) and checks that the index and the database agree afterwards. Exit status 1 on any error.

    .venv/bin/python scripts/load_test.py --home /tmp/load-home --threads 4 --requests 25 --processes 2
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MESSAGES = ["hello", "show me a red circle", "I have had a mild headache since this morning",
            "any alerts from the gate camera today?", "recommend something like a blue square", "谢谢"]
COLOURS = {"red": (220, 30, 30), "green": (30, 160, 60), "blue": (30, 60, 220), "yellow": (240, 210, 20)}
SHAPES = ("circle", "square", "triangle")


def shapes_folder(root: Path, tag: str, size: int = 96) -> Path:
    """Twelve coloured-shape PNGs whose names are their captions."""
    from PIL import Image, ImageDraw

    folder = root / tag
    folder.mkdir(parents=True, exist_ok=True)
    for colour, rgb in COLOURS.items():
        for shape in SHAPES:
            image = Image.new("RGB", (size, size), "white")
            draw, box = ImageDraw.Draw(image), (size // 5, size // 5, size - size // 5, size - size // 5)
            {"circle": draw.ellipse, "square": draw.rectangle}.get(shape, lambda b, fill: draw.polygon(
                [(size // 2, b[1]), (b[0], b[3]), (b[2], b[3])], fill=fill))(box, fill=rgb)
            image.save(folder / f"{tag}_{colour}_{shape}.png")
    return folder


def run(home: Path, threads: int, requests: int, processes: int) -> int:
    from advisor.application.facade import Advisor
    from advisor.core.settings import Settings
    from advisor.frontdoors.bench.core import percentile

    os.environ["ADVISOR_HOME"] = str(home)
    advisor = Advisor(Settings(home=home))
    work = Path(tempfile.mkdtemp(prefix="load-"))
    advisor.ingest(shapes_folder(work, "seed"))
    before = advisor.store.count_items()
    latencies: dict[str, list[float]] = {"ask": [], "search": [], "ingest": []}
    errors: list[str] = []
    lock = threading.Lock()

    def timed(kind: str, call) -> None:
        started = time.perf_counter()
        try:
            call()
        except Exception as exc:  # noqa: BLE001 - counted and reported
            with lock:
                errors.append(f"{kind}: {type(exc).__name__}: {exc}")
            return
        with lock:
            latencies[kind].append(time.perf_counter() - started)

    def worker(number: int) -> None:
        for i in range(requests):
            message = MESSAGES[(number + i) % len(MESSAGES)]
            timed("ask", lambda: advisor.ask(message, session_id=f"load-{number}-{i % 3}", user_id=f"user{number}"))
            timed("search", lambda: advisor.search(text=message, k=5))
        timed("ingest", lambda: advisor.ingest(shapes_folder(work, f"t{number}")))

    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")} | {"ADVISOR_HOME": str(home)}
    cli = str(Path(sys.executable).with_name("advisor"))
    procs = [subprocess.Popen([cli, "ingest", str(shapes_folder(work, f"p{n}")), "--json"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(processes)]
    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    for proc in procs:
        out, err = proc.communicate(timeout=1800)
        if proc.returncode != 0:
            errors.append(f"process ingest: exit {proc.returncode}: {err.strip()[-300:]}")
    wall = time.perf_counter() - started
    expected = before + 12 * (threads + processes)
    stored, report = advisor.store.count_items(), advisor.index_report()
    print(f"{'kind':<8} {'count':>6} {'p50 s':>8} {'p95 s':>8}")
    for kind, values in latencies.items():
        print(f"{kind:<8} {len(values):>6} {percentile(values, 50):>8.3f} {percentile(values, 95):>8.3f}")
    print(f"wall {wall:.1f} s on {os.cpu_count()} CPU(s); errors {len(errors)}; items {stored} (expected {expected}); "
          f"index/database agree: {report.agree}")
    for error in errors[:20]:
        print("  " + error)
    return 0 if not errors and stored == expected and report.agree else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=None, help="Data home (default: a new temporary folder).")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--requests", type=int, default=10, help="Ask+search pairs per thread.")
    parser.add_argument("--processes", type=int, default=2, help="Concurrent `advisor ingest` processes.")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="load-home-"))
    sys.exit(run(home, max(1, args.threads), max(1, args.requests), max(0, args.processes)))


if __name__ == "__main__":
    main()
