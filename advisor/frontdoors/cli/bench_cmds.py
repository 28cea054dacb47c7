"""`advisor bench`: run the benchmark sections, print the table, write docs/BENCHMARKS.md (+ PNGs, JSON)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from pydantic import ValidationError

from advisor.frontdoors.cli.common import emit_json, fail


def bench_cmd(
    quick: bool = typer.Option(False, "--quick", help="Small sizes: finishes in under 2 minutes on 2 cores (CI smoke run)."),
    out: Path = typer.Option(Path("docs/BENCHMARKS.md"), "--out", help="Markdown report; PNG plots and a .json go next to it."),
    sections: Optional[list[str]] = typer.Option(None, "--section", "-s", help="Run only this section (repeatable): "
                                                 "encoder, index, agents, finetune, surveillance, ui."),
    index_sizes: Optional[str] = typer.Option(None, "--index-sizes", help="Comma-separated index sizes, e.g. 100000,1000000."),
    fresh: bool = typer.Option(False, "--fresh", help="Do not keep sections of the previous report that this run skips."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole result as one JSON document on stdout."),
) -> None:
    """Measure encoder, index, agents, fine-tuning, surveillance and UI against same-run baselines."""
    from advisor.frontdoors.bench import BenchConfig, BenchError, run_bench  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast
    from advisor.frontdoors.bench.report import print_table  # noqa: PLC0415 - commands load the product when they run, so `advisor --help` stays fast

    try:
        sizes = [int(part.replace("_", "")) for part in index_sizes.split(",")] if index_sizes else None
        if sizes is not None and any(size < 100 for size in sizes):
            raise ValueError("index sizes must be at least 100")
        config = BenchConfig(quick=quick, out=out, sections=list(sections or []), index_sizes=sizes, merge=not fresh)
        document = run_bench(config)
    except (BenchError, ValidationError, ValueError) as exc:
        fail(str(exc), as_json=as_json)
    print_table(document)
    typer.echo(f"wrote {out} ({document['seconds']:.0f} s)", err=True)
    if as_json:
        emit_json(document)


def register(app: typer.Typer) -> None:
    app.command("bench")(bench_cmd)
