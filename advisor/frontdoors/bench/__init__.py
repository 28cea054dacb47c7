"""Benchmarks: each figure measured beside its own baseline in the same run (``advisor bench``, ``make bench``).

Example::

    >>> from advisor.bench import BenchConfig, run_bench
    >>> doc = run_bench(BenchConfig(quick=True, out="/tmp/b/BENCHMARKS.md", sections=["index"]))  # doctest: +SKIP
"""
from advisor.frontdoors.bench.core import BenchConfig, Goal, NotAvailable, Row, SectionResult
from advisor.frontdoors.bench.runner import SECTIONS, BenchError, run_bench

__all__ = ["SECTIONS", "BenchConfig", "BenchError", "Goal", "NotAvailable", "Row", "SectionResult", "run_bench"]
