"""Run the benchmark sections, write the report, return everything as one JSON-able document.

Example::

    >>> from advisor.bench import BenchConfig, run_bench
    >>> doc = run_bench(BenchConfig(quick=True, out="/tmp/b/BENCHMARKS.md", sections=["index"]))  # doctest: +SKIP
    >>> doc["sections"][0]["name"], doc["sections"][0]["status"]                                  # doctest: +SKIP
    ('index', 'ok')
"""
from __future__ import annotations

import importlib
import json
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from advisor.frontdoors.bench.core import BenchConfig, BenchContext, NotAvailable, SectionResult
from advisor.frontdoors.bench.machine import calibrate, machine_info
from advisor.frontdoors.bench.report import write_report

log = logging.getLogger(__name__)

# section name -> module with run(ctx) -> SectionResult; the order is the report's order
SECTIONS: dict[str, str] = {
    "encoder": "advisor.frontdoors.bench.encoder",
    "index": "advisor.frontdoors.bench.index",
    "agents": "advisor.frontdoors.bench.agents",
    "finetune": "advisor.frontdoors.bench.finetune",
    "surveillance": "advisor.frontdoors.bench.surveillance",
    "ui": "advisor.frontdoors.bench.ui",
}


class BenchError(ValueError):
    """A bad benchmark request (unknown section, unwritable output); the message says which."""


def check_sections(names: list[str]) -> list[str]:
    unknown = [name for name in names if name not in SECTIONS]
    if unknown:
        raise BenchError(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    return [name for name in SECTIONS if name in names] if names else list(SECTIONS)


def run_section(name: str, ctx: BenchContext) -> SectionResult:
    """One section; a missing feature gives 'not available', any other failure 'error' with the reason."""
    started = time.perf_counter()
    try:
        module = importlib.import_module(SECTIONS[name])
        result = module.run(ctx)
    except NotAvailable as exc:
        result = SectionResult(name=name, status="not available", notes=[str(exc)])
    except Exception as exc:  # noqa: BLE001 - a broken section must not stop the others
        log.debug("section %s failed", name, exc_info=True)
        result = SectionResult(name=name, status="error", notes=[f"{type(exc).__name__}: {exc}"])
    result.seconds = round(time.perf_counter() - started, 2)
    return result


def _previous(json_path: Path) -> dict:
    try:
        return json.loads(json_path.read_text())
    except (OSError, ValueError):
        return {}


def run_bench(config: BenchConfig, progress: Callable[[str], None] | None = None) -> dict:
    """Run the chosen sections, write ``config.out`` (+ PNGs and ``.json`` beside it), return the JSON document."""
    names = check_sections(config.sections)
    out = Path(config.out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BenchError(f"cannot create {out.parent}: {exc.strerror or exc}") from exc
    say = progress or (lambda message: print(message, file=sys.stderr, flush=True))
    started = time.perf_counter()
    machine = machine_info()
    say(f"bench: calibrating compute and memory rates on {machine['cpu']} ({machine['cores']} cores)")
    calibration = calibrate(quick=config.quick)
    with tempfile.TemporaryDirectory(prefix="advisor-bench-") as scratch:
        workdir = Path(config.workdir) if config.workdir else Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        ctx = BenchContext(config, workdir, calibration, say)
        results = []
        for name in names:
            say(f"bench: section {name} …")
            result = run_section(name, ctx)
            say(f"bench: section {name}: {result.status} in {result.seconds:.1f}s")
            results.append(result)
    document = {
        "quick": config.quick,
        "machine": machine,
        "calibration": calibration,
        "sections": [result.model_dump(mode="json") for result in results],
        "seconds": round(time.perf_counter() - started, 2),
        "out": str(out),
    }
    json_path = out.with_suffix(".json")
    previous = _previous(json_path) if config.merge else {}
    if previous.get("quick") == config.quick:  # never mix quick and full figures in one report
        kept = [s for s in previous.get("sections", []) if s.get("name") not in names and s.get("name") in SECTIONS]
        document["sections"] = sorted(document["sections"] + kept, key=lambda s: list(SECTIONS).index(s["name"]))
    write_report(document, out)
    json_path.write_text(json.dumps(document, indent=1, ensure_ascii=False, default=str) + "\n")
    return document


__all__ = ["BenchError", "SECTIONS", "check_sections", "run_bench", "run_section"]
