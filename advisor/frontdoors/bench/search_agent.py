"""Latency of the search & recommend agent on a synthetic catalog (random normalised vectors, made-up metadata).

The catalog is written straight into the store and the index (no images are encoded); queries go through the
real agent: parsing, the real text encoder, filters inside FAISS, caption matching, MMR and the reply. Queries are
generated fresh (random adjective, colour, object, price), so neither the query-embedding cache nor the filter-id
cache is warm for them; follow-ups ("show more", "cheaper") re-run the previous query, as in a conversation.

Example::

    >>> from agents.search_recommend.bench import bench_agent
    >>> bench_agent(n_items=100_000)["p50_ms"]        # doctest: +SKIP
    21.4
"""
from __future__ import annotations

import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import insert

from advisor.application.facade import Advisor
from advisor.core.settings import Settings
from advisor.core.store.models import Embedding, Item
from agents.search_recommend.agent import SearchRecommendAgent

COLOURS = ("red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black", "white", "grey")
CATEGORIES = {"animals": ("cat", "dog", "horse", "bird", "fish"), "food": ("apple", "cake", "bread", "pizza", "banana"),
              "vehicles": ("car", "bus", "truck", "bicycle", "boat"), "clothing": ("shoes", "hat", "dress", "shirt", "bag"),
              "tools": ("hammer", "saw", "wrench", "drill", "axe"), "electronics": ("phone", "laptop", "camera", "radio", "lamp")}
ADJECTIVES = ("small", "big", "old", "new", "shiny", "wooden", "plastic", "striped", "round", "tiny", "fancy", "simple")
ZH_COLOURS = ("红色的", "蓝色的", "绿色的", "黄色的", "黑色的", "白色的")
ZH_THINGS = ("猫", "狗", "汽车", "鞋子", "帽子", "苹果", "相机", "包", "自行车", "蛋糕")
FOLLOW_UPS = ("show more", "more like the second one", "cheaper")


def make_query(kind: str, pick: random.Random) -> str:
    """A fresh query of one kind; varied so that the query-embedding cache does not hide the encoder's cost."""
    colour, adjective = pick.choice(COLOURS), pick.choice(ADJECTIVES)
    thing = pick.choice(CATEGORIES[pick.choice(list(CATEGORIES))])
    if kind == "text":
        return f"a {adjective} {colour} {thing}"
    if kind == "filtered":
        low = pick.randint(5, 300)
        return pick.choice((f"{adjective} {colour} {thing} under ${low}", f"{adjective} {thing} between {low} and {low + 80} dollars",
                            f"cheap {adjective} {thing}", f"{colour} {pick.choice(list(CATEGORIES))} over {low}"))
    if kind == "chinese":
        return pick.choice((f"{pick.randint(20, 400)}元以下的{pick.choice(ZH_COLOURS)}{pick.choice(ZH_THINGS)}",
                            f"便宜的{pick.choice(ZH_THINGS)}", f"{pick.choice(ZH_COLOURS)}{pick.choice(ZH_THINGS)}"))
    return pick.choice(FOLLOW_UPS)


KINDS = ("text", "filtered", "chinese", "follow_up")


def _percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def build_synthetic_catalog(advisor, n_items: int, seed: int = 0, batch: int = 10_000) -> float:
    """Insert ``n_items`` items with random unit vectors into an empty store and index; returns seconds taken."""
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    pick = random.Random(seed)
    space = advisor.catalog.space
    dim = advisor.encoder.dim
    categories = list(CATEGORIES)
    for start in range(0, n_items, batch):
        ids = np.arange(start + 1, min(start + batch, n_items) + 1, dtype=np.int64)
        vectors = rng.standard_normal((len(ids), dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        items, embeddings = [], []
        for item_id, vector in zip(ids.tolist(), vectors):
            category = pick.choice(categories)
            colour, thing = pick.choice(COLOURS), pick.choice(CATEGORIES[category])
            items.append({"id": item_id, "uri": f"synthetic://{item_id}.png", "caption": f"a {colour} {thing} {item_id}",
                          "domain": "catalog", "meta": {"category": category, "colour": colour,
                                                        "price": round(pick.uniform(1, 500), 2)}})
            embeddings.append({"item_id": item_id, "space": space, "vector": vector.tobytes()})
        with advisor.store.session() as session:
            session.execute(insert(Item), items)
            session.execute(insert(Embedding), embeddings)
        advisor.catalog.add(ids, vectors)
    advisor.catalog.save()
    return time.perf_counter() - started


def bench_agent(n_items: int = 100_000, queries_per_kind: int = 40, seed: int = 0, encoder=None,
                home: str | Path | None = None, warmup: int = 10) -> dict[str, Any]:
    """Build a synthetic catalog of ``n_items`` and time the agent's replies (warm).

    Returns ``{"n_items", "build_s", "p50_ms", "p95_ms", "by_kind": {kind: {"p50_ms", "p95_ms", "n"}}, "cpu_p50_ms",
    "cold_filter_ms", "index_kind", "encoder"}`` (wall-clock milliseconds; ``cpu_p50_ms`` is the process CPU time
    per reply, all threads, which other load on the machine inflates less). The home is temporary unless ``home``
    is given.
    """
    if n_items < 10:
        raise ValueError("n_items must be at least 10")
    temporary = home is None
    home = Path(tempfile.mkdtemp(prefix="sr-bench-")) if temporary else Path(home)
    try:
        advisor = Advisor(Settings(home=home, use_gpu=False), encoder=encoder)
        if advisor.store.count_items():
            raise ValueError(f"{home} already holds a catalog; give an empty home")
        build_s = build_synthetic_catalog(advisor, n_items, seed)
        agent = SearchRecommendAgent(advisor.context)
        pick = random.Random(seed)
        for n in range(warmup):
            agent.invoke(make_query(KINDS[n % 3], pick))  # loads the encoder, builds the catalog profile
        timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
        cpu: list[float] = []
        state: dict = {}
        for _ in range(queries_per_kind):
            for kind in KINDS:
                text = make_query(kind, pick)
                started, cpu_started = time.perf_counter(), time.process_time()
                reply = agent.invoke({"text": text, "state": state if kind == "follow_up" else {}})
                timings[kind].append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
                if kind != "follow_up" and reply.state.get("shown"):
                    state = reply.state
        started = time.perf_counter()
        agent.invoke("purple bicycles between 123 and 321 dollars")
        cold_filter_ms = (time.perf_counter() - started) * 1000
        every = [t for values in timings.values() for t in values]
        index = advisor.catalog.index
        result = {
            "n_items": n_items, "build_s": round(build_s, 2),
            "p50_ms": round(statistics.median(every), 2), "p95_ms": round(_percentile(every, 95), 2),
            "by_kind": {kind: {"p50_ms": round(statistics.median(v), 2), "p95_ms": round(_percentile(v, 95), 2), "n": len(v)}
                        for kind, v in timings.items()},
            "cpu_p50_ms": round(statistics.median(cpu), 2),
            "cold_filter_ms": round(cold_filter_ms, 2), "index_kind": index.current_kind if index is not None else "",
            "encoder": advisor.settings.encoder,
        }
        advisor.close()
        return result
    finally:
        if temporary:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover - manual runs: python -m agents.search_recommend.bench [N]
    import json
    import sys

    print(json.dumps(bench_agent(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000), indent=2))
