"""Index section: our ``FaissIndex`` (flat, IVF, HNSW) against raw FAISS on the very same index object.

Per size and index kind: build time, resident memory added, latency p50/p95 at batch 1, queries/s at batch 64,
recall@10 against exact search, the overhead ratio of our wrapper, and the cost of a filtered search
(FAISS id selector over 10% and 1% of the ids). IVF and HNSW also get a recall/speed curve over
``nprobe``/``efSearch``, which shows the setting that reaches the recall target.
"""
from __future__ import annotations

import time

import numpy as np

from advisor.frontdoors.bench.core import BenchContext, Goal, SectionResult, best_rate, latencies_ms, percentile
from advisor.frontdoors.bench.vectors import exact_neighbours, make_vectors, recall_at
from indexes import FaissIndex

DIM = 384
K = 10
SEARCH_P50_GOAL = Goal(op="<=", target=2.0)  # ms at 100k vectors
RECALL_GOAL = Goal(op=">=", target=0.95)  # recall@10 at 1M vectors
NPROBES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
EF_SEARCHES = (16, 32, 64, 128, 256, 512)


def plan(ctx: BenchContext) -> list[tuple[int, str, tuple[str, ...]]]:
    """(size, vector kind, index kinds) to measure."""
    sizes = ctx.config.index_sizes
    if ctx.quick:
        return [(sizes[0] if sizes else 10_000, "clustered", ("flat", "ivf", "hnsw"))]
    sizes = sizes or [100_000, 1_000_000]
    runs = []
    for size in sizes:
        runs.append((size, "clustered", ("flat", "ivf", "hnsw")))
        if size <= 100_000:
            runs.append((size, "uniform", ("ivf", "hnsw")))
    return runs


def run(ctx: BenchContext) -> SectionResult:
    result = SectionResult(name="index")
    result.notes.append("Vectors are generated, not real embeddings: 'clustered' is a Gaussian mixture with a decaying "
                        "spectrum (like real embeddings), 'uniform' is normalised Gaussian noise (the worst case for "
                        "approximate search). Dimension 384, inner product, k=10; queries are fresh draws.")
    curves: dict[str, dict] = {}
    for size, vector_kind, kinds in plan(ctx):
        n_queries = 32 if ctx.quick else 200
        ctx.log(f"index: generating {size:,} {vector_kind} vectors")
        base, queries = make_vectors(vector_kind, size, DIM, max(n_queries, 64), seed=ctx.config.seed)
        truth = exact_neighbours(base, queries, K)
        for kind in kinds:
            ctx.log(f"index: {kind} at {size:,} ({vector_kind})")
            curve = _measure_kind(ctx, result, kind, size, vector_kind, base, queries, truth, n_queries)
            if curve:
                curves[f"{kind} {size:,} {vector_kind}"] = curve
        del base
    result.extra["curves"] = curves
    result.extra["before_after"] = _before_after(result)
    if curves:
        result.plots.append(_plot_curves(ctx, curves))
    return result


def _measure_kind(ctx, result, kind, size, vector_kind, base, queries, truth, n_queries) -> dict | None:
    ids = np.arange(size, dtype=np.int64)
    start = time.perf_counter()
    index = FaissIndex(DIM, kind=kind, use_gpu=False)
    index.add(ids, base)
    build_s = time.perf_counter() - start
    raw = index._index  # the very FAISS object our wrapper searches: the overhead ratio compares like with like
    label = f"{kind}, {size:,} {vector_kind}"
    setting = _setting(index, raw)
    result.add(f"build time, {label}", build_s, "s", note=setting)
    result.add(f"index size, {label}", _index_bytes(raw) / 1e6, "MB", baseline=size * DIM * 4 / 1e6,
               baseline_name="raw vectors (n·d·4 bytes)", note="serialised FAISS index: vectors, ids, lists or graph")
    ours_ms = latencies_ms(lambda q: index.search(q[None, :], K), list(queries[:n_queries]))
    raw_ms = latencies_ms(lambda q: raw.search(q[None, :], K), list(queries[:n_queries]))
    p50 = percentile(ours_ms, 50)
    floor = size * DIM * 4 / (ctx.calibration["read_gbps"] * 1e9) * 1000.0 if kind == "flat" else None
    result.add(f"search p50, batch 1, {label}", p50, "ms", baseline=percentile(raw_ms, 50), baseline_name="raw FAISS",
               goal=SEARCH_P50_GOAL if size == 100_000 else None, floor=floor,
               note="floor: n·d·4 bytes over measured read bandwidth" if floor else "")
    result.add(f"search p95, batch 1, {label}", percentile(ours_ms, 95), "ms", baseline=percentile(raw_ms, 95),
               baseline_name="raw FAISS")
    if kind in ("flat", "hnsw"):
        single_ms = _one_thread_ms(index, queries[:min(n_queries, 50)])
        result.add(f"search p50, batch 1, 1 OpenMP thread, {label}", percentile(single_ms, 50), "ms", baseline=p50,
                   baseline_name="all threads", note="faiss.omp_set_num_threads(1)")
    batch = queries[:64]
    ours_qps = best_rate(lambda: index.search(batch, K), len(batch))
    raw_qps = best_rate(lambda: raw.search(batch, K), len(batch))
    result.add(f"queries/s, batch 64, {label}", ours_qps, "q/s", baseline=raw_qps, baseline_name="raw FAISS")
    _, found = index.search(queries, K)
    recall = recall_at(found, truth, K)
    result.add(f"recall@10, {label}", recall, "", baseline=1.0, baseline_name="exact search",
               goal=RECALL_GOAL if (size >= 1_000_000 and kind != "flat") else None, note=setting)
    _filtered(result, index, queries[:n_queries], ours_ms, size, label)
    curve = _curve(index, raw, queries, truth, quick=ctx.quick) if kind in ("ivf", "hnsw") else None
    if curve:
        reach = next((point for point in curve["points"] if point["recall"] >= RECALL_GOAL.target), None)
        result.add(f"{curve['param']} for recall@10 ≥ {RECALL_GOAL.target}, {label}",
                   reach["value"] if reach else None, "", note=(f"p50 {reach['p50_ms']:.3f} ms there" if reach
                                                                else "target not reached on the curve"))
    index = raw = None  # free the memory before the next size
    return curve


def _before_after(result: SectionResult) -> list[dict]:
    """Exact search (what ``auto`` uses up to 100k) against IVF and HNSW at the same size, and 1 OpenMP thread."""
    values = {row.metric: row.value for row in result.rows}
    rows = []
    for metric, before in values.items():
        if not metric.startswith("search p50, batch 1, flat, "):
            continue
        label = metric.removeprefix("search p50, batch 1, flat, ")
        for kind in ("ivf", "hnsw"):
            after = values.get(f"search p50, batch 1, {kind}, {label}")
            if after is not None:
                recall = values.get(f"recall@10, {kind}, {label}")
                rows.append({"change": f"{kind} instead of exact search", "figure": f"search p50, {label}",
                             "before": before, "after": after, "unit": "ms", "note": f"recall@10 {recall:.3f}"})
        single = values.get(f"search p50, batch 1, 1 OpenMP thread, flat, {label}")
        if single is not None:
            rows.append({"change": "1 OpenMP thread for single queries", "figure": f"exact search p50, {label}",
                         "before": before, "after": single, "unit": "ms", "note": "same results"})
    return rows


def _one_thread_ms(index, queries) -> list[float]:
    import faiss  # noqa: PLC0415 - faiss is heavy: loaded when an index is opened

    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        return latencies_ms(lambda q: index.search(q[None, :], K), list(queries))
    finally:
        faiss.omp_set_num_threads(threads)


def _index_bytes(raw) -> int:
    import faiss  # noqa: PLC0415 - faiss is heavy: loaded when an index is opened

    return int(faiss.serialize_index(raw).nbytes)


def _setting(index, raw) -> str:
    import faiss  # noqa: PLC0415 - faiss is heavy: loaded when an index is opened

    if index.current_kind == "ivf":
        return f"nlist {raw.nlist}, nprobe {index.nprobe}"
    if index.current_kind == "hnsw":
        inner = faiss.downcast_index(raw.index)
        return f"M {inner.hnsw.nb_neighbors(1)}, efConstruction {inner.hnsw.efConstruction}, efSearch {inner.hnsw.efSearch}"
    return "exact"


def _filtered(result, index, queries, unfiltered_ms, size, label) -> None:
    rng = np.random.default_rng(1)
    for share in (0.1, 0.01):
        allowed = np.sort(rng.choice(size, size=max(1, int(size * share)), replace=False)).astype(np.int64)
        times = latencies_ms(lambda q: index.search(q[None, :], K, filter=allowed), list(queries))
        result.add(f"filtered search p50 ({share:.0%} of ids allowed), {label}", percentile(times, 50), "ms",
                   baseline=percentile(unfiltered_ms, 50), baseline_name="unfiltered search",
                   note="includes building the FAISS id selector per query, as Advisor.search does")


def _curve(index, raw, queries, truth, quick: bool = False) -> dict | None:
    """Recall@10 and latency over the search-time knob (nprobe for IVF, efSearch for HNSW), on the raw index."""
    import faiss  # noqa: PLC0415 - faiss is heavy: loaded when an index is opened

    points = []
    single = list(queries[:16 if quick else 64])
    if index.current_kind == "ivf":
        param, values, original = "nprobe", [v for v in NPROBES if v <= raw.nlist], raw.nprobe
        setter = lambda v: setattr(raw, "nprobe", v)  # noqa: E731
    else:
        inner = faiss.downcast_index(raw.index)
        param, values, original = "efSearch", list(EF_SEARCHES), inner.hnsw.efSearch
        setter = lambda v: setattr(inner.hnsw, "efSearch", v)  # noqa: E731
    for value in values:
        setter(value)
        _, found = raw.search(queries, K)
        times = latencies_ms(lambda q: raw.search(q[None, :], K), single)
        points.append({"value": value, "recall": recall_at(found, truth, K), "p50_ms": percentile(times, 50)})
    setter(original)
    return {"param": param, "points": points}


def _plot_curves(ctx: BenchContext, curves: dict) -> str:
    import matplotlib  # noqa: PLC0415 - optional extra [train]: plots only

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415 - optional extra [train]: plots only

    figure, axis = plt.subplots(figsize=(7, 4.5))
    for name, curve in curves.items():
        xs = [p["recall"] for p in curve["points"]]
        ys = [p["p50_ms"] for p in curve["points"]]
        axis.plot(xs, ys, marker="o", label=f"{name} ({curve['param']})")
    axis.axvline(RECALL_GOAL.target, color="grey", linestyle="--", linewidth=1)
    axis.set_xlabel("recall@10 vs exact")
    axis.set_ylabel("latency p50, batch 1 (ms)")
    axis.set_yscale("log")
    axis.set_title("Approximate indexes: recall against latency (generated vectors)")
    axis.legend(fontsize=7)
    figure.tight_layout()
    name = "bench_index_recall.png"
    figure.savefig(ctx.plot_dir / name, dpi=110)
    plt.close(figure)
    return name
