"""Fit the router for the built-in agents and ship it in ``advisor/application/assets/router`` (so a fresh data home needs no fit).

Run after changing ``advisor/application/router_data/utterances.yaml``, an agent's examples, the router config or the MiniLM
weights; the file name is the router's cache key, so a stale file is simply never used (the router then fits
and caches in the data home as before).

    .venv/bin/python scripts/build_router_cache.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> None:
    from advisor.application.router import (
        SHIPPED_ROUTERS,
        Router,
        RouterConfig,
        cache_key,
        default_embedder,
        training_set,
    )
    from agents.registry import available

    agents = available()
    builtin = {name: cls for name, cls in agents.items() if cls.__module__.startswith("agents.")}
    if set(builtin) != set(agents):
        print(f"ignoring plug-in agents {sorted(set(agents) - set(builtin))}: the shipped router covers ours only")
    embedder = default_embedder()
    texts, labels, _ = training_set(builtin, None, RouterConfig().include_agent_examples)
    key = cache_key(texts, labels, embedder.space, RouterConfig())
    for old in SHIPPED_ROUTERS.glob("router-*.npz"):
        old.unlink()
    started = time.perf_counter()
    router = Router.load_or_fit(cache_dir=SHIPPED_ROUTERS, agents=builtin, embedder=embedder)
    for path in SHIPPED_ROUTERS.glob("router-*.npz"):
        path.chmod(0o644)
    print(f"fitted {len(texts)} utterances, {len(router.classes)} agents in {time.perf_counter() - started:.1f} s "
          f"-> {SHIPPED_ROUTERS / f'router-{key}.npz'}")

    from advisor.core.encoder import load_encoder
    from agents.medical_triage.knowledge import SHIPPED_CACHE, KnowledgeBase

    for old in SHIPPED_CACHE.glob("kb-*.npy"):
        old.unlink()
    started = time.perf_counter()
    KnowledgeBase(load_encoder("default"), cache_dir=SHIPPED_CACHE)
    for path in SHIPPED_CACHE.glob("kb-*.npy"):
        path.chmod(0o644)
        print(f"embedded the triage knowledge base in {time.perf_counter() - started:.1f} s -> {path}")


if __name__ == "__main__":
    main()
