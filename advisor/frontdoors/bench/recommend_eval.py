"""Offline evaluation of recommendations: leave-last-out on simulated sessions, scored with ``ranx``.

Simulated shoppers: each belongs to one of a few tastes; a taste is a pool of items, half from one category (what
the content profile can learn) and half drawn from the whole catalog (what only other shoppers' behaviour
reveals). Each shopper likes ``session_length`` items of their pool in random order; every like but the last is
recorded through ``Advisor.feedback`` and the last is held out. Each configuration then recommends 10 items per
shopper; hit rate@10 and NDCG@10 of the held-out item are computed by ``ranx``.

Configurations: **content** (profile, category affinity, popularity; no co-occurrence), **collaborative**
(item-item co-occurrence only) and **blended** (the default weights).

Example::

    >>> from advisor.frontdoors.bench.recommend_eval import evaluate_recommendations    # doctest: +SKIP
    >>> evaluate_recommendations(advisor)["blended"]["ndcg@10"]                        # doctest: +SKIP
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from advisor.application.facade import Advisor
from advisor.core.settings import Settings
from advisor.frontdoors.bench.search_eval import build_eval_catalog

CONFIGS = {
    "content": {"collaborative_weight": 0.0},
    "collaborative": {"profile_weight": 0.0, "category_weight": 0.0, "popularity_weight": 0.0,
                      "collaborative_weight": 1.0},
    "blended": {},
}
METRICS = ("hit_rate@10", "ndcg@10")


def simulate_sessions(items: dict[int, str], n_users: int = 60, n_tastes: int = 6, pool_size: int = 12,
                      session_length: int = 6, seed: int = 0) -> dict[str, list[int]]:
    """User id -> liked item ids in order (``items`` maps item id -> category)."""
    pick = random.Random(seed)
    by_category: dict[str, list[int]] = {}
    for item_id, category in sorted(items.items()):
        by_category.setdefault(category, []).append(item_id)
    categories = sorted(c for c, ids in by_category.items() if len(ids) >= pool_size // 2)
    everything = sorted(items)
    pools = []
    for _ in range(n_tastes):
        themed = pick.sample(by_category[pick.choice(categories)], pool_size // 2)
        rest = [i for i in everything if i not in themed]
        pools.append(themed + pick.sample(rest, pool_size - len(themed)))
    return {f"shopper-{n:03d}": pick.sample(pools[n % n_tastes], session_length) for n in range(n_users)}


def evaluate_recommendations(advisor, sessions: dict[str, list[int]] | None = None, k: int = 10,
                             seed: int = 0) -> dict[str, Any]:
    """Record all but the last like of every session, then score each configuration on the held-out likes."""
    from ranx import Qrels, Run, evaluate  # evaluation-only dependency  # noqa: PLC0415 - evaluation only

    if sessions is None:
        items = {hit_id: str((meta or {}).get("category", "")) for hit_id, meta in _catalog(advisor)}
        sessions = simulate_sessions(items, seed=seed)
    for user, liked in sessions.items():
        for item_id in liked[:-1]:
            advisor.feedback(user, item_id, "like")
    qrels = Qrels({user: {str(liked[-1]): 1} for user, liked in sessions.items()})
    default = advisor.recommender.config
    report: dict[str, Any] = {"users": len(sessions), "held_out": "last like of each session"}
    try:
        for name, overrides in CONFIGS.items():
            advisor.recommender.config = default.model_copy(update=overrides)
            run = {}
            for user in sessions:
                hits = advisor.recommend(user, k=k)
                run[user] = {str(h.id): float(len(hits) - rank) for rank, h in enumerate(hits)} or {"none": 0.0}
            scores = evaluate(qrels, Run(run), list(METRICS))
            report[name] = {metric: round(float(scores[metric]), 4) for metric in METRICS}
    finally:
        advisor.recommender.config = default
    return report


def _catalog(advisor) -> list[tuple[int, dict]]:
    ids = advisor.store.item_ids()
    items = advisor.store.get_items(ids)
    return [(i, items[i].meta) for i in ids if i in items]


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """``python -m advisor.frontdoors.bench.recommend_eval --work /tmp/receval``: on the evaluation catalog."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="Folder for the catalog copy and a fresh data home.")
    parser.add_argument("--users", type=int, default=60, help="Simulated shoppers.")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    manifest = build_eval_catalog(args.work / "images")
    advisor = Advisor(Settings(home=args.work / "rec-home"))
    try:
        if not advisor.store.item_ids():
            advisor.ingest(manifest, domain="catalog")
        items = {i: str((meta or {}).get("category", "")) for i, meta in _catalog(advisor)}
        report = evaluate_recommendations(advisor, simulate_sessions(items, n_users=args.users, seed=args.seed))
    finally:
        advisor.close()
    print(json.dumps(report, indent=1))
    return report


if __name__ == "__main__":
    main()
