"""Typed results and timing helpers shared by every benchmark section.

A :class:`Row` is one measured figure with the baseline it is compared to (measured in the same run), the
ratio between them, and, where the project set one, its goal and whether it was met. A section returns a
:class:`SectionResult`; a section whose feature is not built yet returns status ``not available``.

Example::

    >>> row = Row(section="index", metric="search p50", value=1.5, unit="ms", baseline=1.2,
    ...           baseline_name="raw FAISS", goal=Goal(op="<=", target=2.0))
    >>> round(row.ratio, 2), row.goal_met
    (1.25, True)
"""
from __future__ import annotations

import gc
import resource
import statistics
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Status = Literal["ok", "not available", "error", "skipped"]


class Goal(BaseModel):
    """A target for a figure: ``value op target`` (``>=`` for rates, ``<=`` for latencies and memory)."""

    model_config = ConfigDict(extra="forbid")

    op: Literal[">=", "<="] = Field(description="'>=' when higher is better, '<=' when lower is better.")
    target: float = Field(description="The figure the project asks for, in the row's unit.")

    def met(self, value: float) -> bool:
        return value >= self.target if self.op == ">=" else value <= self.target

    def shortfall(self, value: float) -> float:
        """How far off, as a factor >= 1 (1.0 means met): target/value for rates, value/target for costs."""
        if self.met(value) or value <= 0:
            return 1.0 if self.met(value) else float("inf")
        return self.target / value if self.op == ">=" else value / self.target

    def __str__(self) -> str:
        return f"{'≥' if self.op == '>=' else '≤'} {self.target:g}"


class Row(BaseModel):
    """One figure, its same-run baseline and ratio, and its goal (if any) with the floor that bounds it."""

    model_config = ConfigDict(extra="forbid")

    section: str = Field(description="Section name, e.g. 'encoder'.")
    metric: str = Field(description="What was measured, e.g. 'images/s, batch 32, onnx'.")
    value: float | None = Field(description="The figure; None when it could not be measured.")
    unit: str = Field(description="Unit of value (and of baseline and floor).")
    baseline: float | None = Field(default=None, description="The same quantity for the baseline, same run.")
    baseline_name: str | None = Field(default=None, description="What the baseline is.")
    ratio: float | None = Field(default=None, description="value / baseline (filled in when both exist).")
    goal: Goal | None = Field(default=None, description="The project's goal for this figure.")
    goal_met: bool | None = Field(default=None, description="Whether value meets the goal.")
    floor: float | None = Field(default=None, description="Best value the work allows on this machine (FLOPs over "
                                                           "measured FLOP/s, bytes over measured bandwidth).")
    note: str = Field(default="", description="How it was measured, or why it is missing.")

    @model_validator(mode="after")
    def _derive(self) -> Row:
        if self.ratio is None and self.value is not None and self.baseline:
            self.ratio = self.value / self.baseline
        if self.goal is not None and self.value is not None:
            self.goal_met = self.goal.met(self.value)
        return self


class SectionResult(BaseModel):
    """What one section measured; ``extra`` holds curves and raw numbers for plots and the JSON output."""

    model_config = ConfigDict(extra="forbid")

    name: str
    status: Status = "ok"
    seconds: float = 0.0
    run_at: str = Field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    rows: list[Row] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    plots: list[str] = Field(default_factory=list, description="PNG file names, next to the markdown report.")
    extra: dict[str, Any] = Field(default_factory=dict)

    def add(self, metric: str, value: float | None, unit: str, **fields: Any) -> Row:
        row = Row(section=self.name, metric=metric, value=value, unit=unit, **fields)
        self.rows.append(row)
        return row


class BenchConfig(BaseModel):
    """One benchmark run."""

    model_config = ConfigDict(extra="forbid")

    quick: bool = Field(default=False, description="Small sizes (CI smoke run, under 2 minutes on 2 cores).")
    out: Path = Field(default=Path("docs/BENCHMARKS.md"), description="Markdown report; PNGs and JSON go next to it.")
    sections: list[str] = Field(default_factory=list, description="Sections to run; empty: all.")
    workdir: Path | None = Field(default=None, description="Scratch directory (default: a temporary one).")
    seed: int = Field(default=0, description="Seed for generated data.")
    index_sizes: list[int] | None = Field(default=None, description="Index sizes (default: 10k quick, 100k and 1M full).")
    merge: bool = Field(default=True, description="Keep sections from the previous JSON that this run did not redo.")


class BenchContext:
    """What a section gets: the config, a scratch dir, where plots go, the machine calibration, a logger."""

    def __init__(self, config: BenchConfig, workdir: Path, calibration: dict[str, float], log: Callable[[str], None]):
        self.config = config
        self.quick = config.quick
        self.workdir = workdir
        self.plot_dir = Path(config.out).parent
        self.calibration = calibration
        self.log = log
        self.cache: dict[str, Any] = {}  # shared between sections of one run (e.g. the loaded encoder)


class NotAvailable(RuntimeError):
    """A section's feature is not built (yet): the report says 'not available' instead of failing."""


# -- timing -------------------------------------------------------------------------------------------------------
def best_rate(fn: Callable[[], Any], items: int, repeats: int = 3, warmup: int = 1) -> float:
    """Items per second of the fastest of ``repeats`` timed calls (after ``warmup`` untimed ones)."""
    for _ in range(warmup):
        fn()
    best = float("inf")
    for _ in range(max(1, repeats)):
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return items / best if best > 0 else float("inf")


def latencies_ms(fn: Callable[[Any], Any], inputs: list, warmup: int = 2) -> list[float]:
    """Per-call wall time in ms, one call per input (warm: the first ``warmup`` inputs are run untimed first)."""
    for item in inputs[:warmup]:
        fn(item)
    out = []
    for item in inputs:
        start = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - start) * 1000.0)
    return out


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    if len(values) == 1:
        return float(values[0])
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process (this one by default) in MB, from /proc (VmRSS)."""
    path = Path(f"/proc/{pid or 'self'}/status")
    try:
        for line in path.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


__all__ = ["BenchConfig", "BenchContext", "Goal", "NotAvailable", "Row", "SectionResult", "best_rate",
           "latencies_ms", "median", "peak_rss_mb", "percentile", "rss_mb"]
