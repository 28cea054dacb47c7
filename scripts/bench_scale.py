"""Scale-out figures for docs/SCALING.md: FAISS vs Milvus Lite at 100k vectors, Ray ingest with 1 vs 2 workers.

    python scripts/bench_scale.py vectors [--n 100000] [--dim 256] [--queries 200] [--indexes milvus-lite ...]
    python scripts/bench_scale.py ray [--images 160] [--workers 1 2]

Prints one JSON object per measurement. Vectors are the benchmark suite's clustered synthetic vectors; the Ray
part renders small shape images and runs the real ingest (database, encoder, index) on a local Ray cluster.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from advisor.frontdoors.bench.vectors import exact_neighbours, make_vectors, recall_at

K = 10


def _measure(index, queries: np.ndarray, truth: np.ndarray) -> dict:
    latencies = []
    found = []
    for query in queries:
        start = time.perf_counter()
        _, ids = index.search(query[None, :], K)
        latencies.append((time.perf_counter() - start) * 1000)
        found.append(ids[0])
    filtered = []
    allowed = np.arange(0, len(index), 100)  # a 1% id filter, pushed into the engine
    for query in queries[:50]:
        start = time.perf_counter()
        index.search(query[None, :], K, filter=allowed)
        filtered.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": round(float(np.percentile(latencies, 50)), 3),
            "p95_ms": round(float(np.percentile(latencies, 95)), 3),
            "filtered_1pct_p50_ms": round(float(np.percentile(filtered, 50)), 3),
            "recall_at_10": round(recall_at(np.asarray(found), truth, K), 4)}


def bench_vectors(n: int, dim: int, n_queries: int, only: list[str] | None = None) -> None:
    from indexes import FaissIndex
    from indexes.milvus_index import MilvusIndex

    base, queries = make_vectors("clustered", n, dim, n_queries)
    truth = exact_neighbours(base, queries, K)
    ids = np.arange(n)
    with tempfile.TemporaryDirectory() as tmp:
        makers = {f"faiss-{kind}": (lambda kind=kind: FaissIndex(dim, kind=kind, use_gpu=False))
                  for kind in ("flat", "ivf", "hnsw")}
        makers["milvus-lite"] = lambda: MilvusIndex(dim, uri=str(Path(tmp) / "bench.db"), collection="bench")
        for name, make in makers.items():
            if only and name not in only:
                continue
            index = make()
            start = time.perf_counter()
            for offset in range(0, n, 10_000):
                index.add(ids[offset:offset + 10_000], base[offset:offset + 10_000])
            build_s = time.perf_counter() - start
            start = time.perf_counter()
            index.save(Path(tmp) / f"{name}.index")  # Milvus: flush, so searches run on sealed, indexed segments
            save_s = time.perf_counter() - start
            print(json.dumps({"index": name, "vectors": n, "dim": dim, "build_s": round(build_s, 2),
                              "save_s": round(save_s, 2),
                              **_measure(index, queries, truth)}), flush=True)


def _render(folder: Path, count: int) -> None:
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(0)
    for n in range(count):
        image = Image.new("RGB", (96, 96), "white")
        draw = ImageDraw.Draw(image)
        colour = tuple(int(c) for c in rng.integers(0, 255, 3))
        box = sorted(rng.integers(4, 92, 2).tolist())
        (draw.ellipse if n % 2 else draw.rectangle)((box[0], box[0], box[1] + 3, box[1] + 3), fill=colour)
        image.save(folder / f"shape_{n:05d}.png")


def bench_ray(images: int, workers: list[int]) -> None:
    import ray

    from advisor.application.facade import Advisor
    from advisor.core.ingest_ray import RayIngestOptions, ingest_with_ray
    from advisor.core.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "images"
        source.mkdir()
        _render(source, images)
        local = Advisor(Settings(home=Path(tmp) / "local"))
        local.encoder  # noqa: B018 - load the model first: the figure is the ingest, as a running service sees it
        report = local.ingest(source)
        print(json.dumps({"engine": "local", "images": report.added, "seconds": report.seconds,
                          "images_per_s": round(report.added / report.seconds, 2)}), flush=True)
        for count in workers:
            ray.init(num_cpus=count + 1, include_dashboard=False, log_to_driver=False)
            adv = Advisor(Settings(home=Path(tmp) / f"ray{count}"))
            report = ingest_with_ray(adv, source, options=RayIngestOptions(workers=count, commit_batch=64))
            ray.shutdown()
            print(json.dumps({"engine": "ray", "workers": count, "images": report.added, "seconds": report.seconds,
                              "images_per_s": round(report.added / report.seconds, 2),
                              "note": "includes starting the actors and loading one model per worker"}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", choices=["vectors", "ray"])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--dim", type=int, default=256)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--images", type=int, default=160)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--indexes", nargs="+", help="Only these (faiss-flat faiss-ivf faiss-hnsw milvus-lite).")
    args = parser.parse_args()
    if args.part == "vectors":
        bench_vectors(args.n, args.dim, args.queries, args.indexes)
    else:
        bench_ray(args.images, args.workers)


if __name__ == "__main__":
    main()
