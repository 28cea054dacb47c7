"""Turn a benchmark document into ``docs/BENCHMARKS.md`` and a rich table on the terminal.

Every row prints its value beside its same-run baseline and their ratio; rows with a goal say whether it was
met, by how much it was missed, and the floor the work allows on this machine.

Example::

    >>> doc = {"quick": True, "machine": {}, "calibration": {}, "sections": []}
    >>> render_markdown(doc).splitlines()[0]
    '# Benchmarks'
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

GPU_SUFFIX = ".gpu.json"


def fmt(value) -> str:
    """A figure with sensible precision: 1234 -> '1,234', 12.34 -> '12.3', 0.01234 -> '0.0123'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, (int, float)):
        return str(value)
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    if magnitude == 0:
        return "0"
    return f"{value:.3g}"


def _goal_text(goal: dict | None) -> str:
    if not goal:
        return ""
    return f"{'≥' if goal['op'] == '>=' else '≤'} {fmt(goal['target'])}"


def _verdict(row: dict) -> str:
    if row.get("goal") is None or row.get("value") is None:
        return ""
    if row.get("goal_met"):
        return "met"
    goal, value = row["goal"], row["value"]
    if value <= 0:
        return "missed"
    factor = goal["target"] / value if goal["op"] == ">=" else value / goal["target"]
    return f"missed ({factor:.2f}× off)"


def _row_cells(row: dict) -> list[str]:
    ratio = f"{row['ratio']:.2f}×" if row.get("ratio") is not None else ""
    baseline = f"{fmt(row.get('baseline'))} ({row['baseline_name']})" if row.get("baseline") is not None else ""
    goal = _goal_text(row.get("goal"))
    if goal:
        goal = f"{goal}: {_verdict(row)}"
    return [row["metric"], f"{fmt(row.get('value'))} {row['unit']}".strip(), baseline, ratio, goal,
            fmt(row.get("floor")) if row.get("floor") is not None else "", row.get("note", "")]


HEADER = ["figure", "value", "baseline (same run)", "ratio", "goal", "floor", "note"]


def _table(rows: list[dict]) -> list[str]:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows:
        cells = [cell.replace("|", "\\|").replace("\n", " ") for cell in _row_cells(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _machine(doc: dict) -> list[str]:
    machine, calibration = doc.get("machine", {}), doc.get("calibration", {})
    if not machine:
        return []
    flags = ", ".join(machine.get("cpu_flags", [])) or "–"
    return [
        "## Machine", "",
        f"- CPU: {machine.get('cpu')} ({machine.get('cores')} cores usable; {flags})",
        f"- RAM: {machine.get('ram_gb')} GB; OS: {machine.get('os')}",
        f"- Python {machine.get('python')}, torch {machine.get('torch')}, FAISS {machine.get('faiss')}, "
        f"ONNX Runtime {machine.get('onnxruntime')}, sentence-transformers {machine.get('sentence_transformers')}, "
        f"numpy {machine.get('numpy')}",
        f"- Date: {machine.get('date')}; load average at start: {machine.get('load_average')}",
        f"- Calibration (same run): fp32 matrix product {fmt(calibration.get('matmul_gflops'))} GFLOP/s (torch, all "
        f"threads); memory read {fmt(calibration.get('read_gbps'))} GB/s (numpy, one pass over a large array). "
        "Floors below are work over these rates.", "",
    ]


def _goals(sections: list[dict]) -> list[str]:
    rows = [row for section in sections for row in section.get("rows", []) if row.get("goal")]
    if not rows:
        return []
    lines = ["## Goals", "", "| figure | measured | goal | verdict | floor | what bounds it |", "|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['metric']} | {fmt(row.get('value'))} {row['unit']} | {_goal_text(row['goal'])} | "
                     f"{_verdict(row)} | {fmt(row.get('floor')) if row.get('floor') is not None else ''} | "
                     f"{row.get('note', '')} |")
    return lines + [""]


def _section(section: dict) -> list[str]:
    title = section["name"].capitalize()
    lines = [f"## {title}", "", f"Status: **{section['status']}** ({section.get('seconds', 0):.0f} s, run "
                                  f"{section.get('run_at', '')})", ""]
    for note in section.get("notes", []):
        lines += [f"- {note}"]
    if section.get("notes"):
        lines.append("")
    if section.get("rows"):
        lines += _table(section["rows"]) + [""]
    for plot in section.get("plots", []):
        lines += [f"![{section['name']}]({plot})", ""]
    return lines


def _before_after(sections: list[dict]) -> list[str]:
    rows = [row for section in sections for row in section.get("extra", {}).get("before_after", [])]
    if not rows:
        return []
    lines = ["## Optimisations: before and after (same run)", "",
             "| change | figure | before | after | speed-up | note |", "|---|---|---|---|---|---|"]
    for row in rows:
        before, after = row.get("before"), row.get("after")
        lower_is_better = row.get("unit") in ("ms", "s", "MB")
        speedup = ""
        if before and after:
            speedup = f"{(before / after if lower_is_better else after / before):.2f}×"
        lines.append(f"| {row['change']} | {row['figure']} | {fmt(before)} {row['unit']} | {fmt(after)} {row['unit']} | "
                     f"{speedup} | {row.get('note', '')} |")
    return lines + [""]


def _gpu(out: Path) -> list[str]:
    path = out.with_name(out.stem + GPU_SUFFIX)
    if not path.exists():
        return []
    try:
        gpu = json.loads(path.read_text())
    except ValueError:
        return []
    lines = ["## GPU (recorded separately, not part of CI)", "",
             f"Recorded by `python advisor/frontdoors/bench/gpu.py` on {gpu.get('device', '?')} ({gpu.get('date', '?')}); "
             "one run. " + gpu.get("note", ""), ""]
    return lines + _table(gpu.get("rows", [])) + [""]


def render_markdown(doc: dict, out: Path | None = None) -> str:
    sections = doc.get("sections", [])
    kind = "quick (CI smoke sizes)" if doc.get("quick") else "full"
    lines = ["# Benchmarks", "",
             f"Written by `advisor bench` ({kind} run). Each section's figures come from one run (its date is "
             "under its heading) on a 2-core machine shared with other jobs, so timings carry their noise; each "
             "baseline beside a figure was measured in the same run (the ratio is value/baseline). Throughputs are "
             "the best of a few timed repeats after a warm-up; "
             "latencies are percentiles over single warm calls. Regenerate with `make bench` "
             "(or `advisor bench --quick` for the CI smoke sizes).", ""]
    lines += _machine(doc) + _goals(sections) + _before_after(sections)
    for section in sections:
        lines += _section(section)
    if out is not None:
        lines += _gpu(out)
    return "\n".join(lines).rstrip() + "\n"


def write_report(doc: dict, out: Path) -> Path:
    out = Path(out)
    out.write_text(render_markdown(doc, out), encoding="utf-8")
    return out


def print_table(doc: dict, file=None) -> None:
    """The figures as a rich table (to stderr by default, so stdout stays free for --json)."""
    console = Console(file=file or sys.stderr, width=160)
    table = Table(title="advisor bench" + (" (quick)" if doc.get("quick") else ""), show_lines=False)
    for column in HEADER[:-1]:
        table.add_column(column, overflow="fold")
    for section in doc.get("sections", []):
        table.add_section()
        if section["status"] != "ok":
            table.add_row(f"[bold]{section['name']}[/]: {section['status']}", "; ".join(section.get("notes", []))[:80],
                          "", "", "", "")
            continue
        for row in section.get("rows", []):
            table.add_row(*_row_cells(row)[:-1])
    console.print(table)


__all__ = ["fmt", "print_table", "render_markdown", "write_report"]
