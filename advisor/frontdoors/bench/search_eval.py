"""Retrieval and constraint evaluation on an image-only catalog with opaque file names.

The catalog is built from Debian ``openclipart-png``: the target images listed in ``evaldata/targets.tsv`` plus
distractors drawn (seeded) from the same folders, copied as ``IMG_0001.png``, ``IMG_0002.png``, ... with no
caption, so nothing but the pixels and the metadata can find them. Metadata per item:

* ``category``: the target's category, or the folder's for a distractor;
* ``colour``: the dominant colour of the pixels (:func:`advisor.frontdoors.demo.catalog.dominant_colour`);
* ``price``: SYNTHETIC, seeded per category (:func:`advisor.frontdoors.demo.catalog.synthetic_price`);
* ``size``: SYNTHETIC, seeded (small / medium / large), a field the parser learns from the catalog's own column.

Measured through the public entry points: ``Advisor.ask(text, agent="search_recommend")`` against plain
``Advisor.search(text)``, English against Chinese descriptions of the same items, and whether every result of a
constraint message obeys the expected filter.

Example::

    >>> from advisor.frontdoors.bench.search_eval import build_eval_catalog, evaluate    # doctest: +SKIP
    >>> manifest = build_eval_catalog(Path("/tmp/evalcat"))                           # doctest: +SKIP
    >>> evaluate(advisor, split="dev")["agent_en_hit@10"]                             # doctest: +SKIP
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from advisor.application.facade import Advisor
from advisor.core.settings import Settings
from advisor.frontdoors.demo.catalog import OPENCLIPART_ROOT, dominant_colour, synthetic_price

# Evaluation data lives with the tests, apart from everything the product is built from.
EVAL_DIR = Path(__file__).resolve().parents[3] / "tests" / "agents" / "search_recommend" / "evaldata"
SIZES = ("small", "medium", "large")
DISTRACTOR_FOLDERS = {  # folder under openclipart -> category
    "animals": "animals", "food": "food", "transportation/vehicles": "vehicles", "tools": "tools",
    "electronics": "electronics", "recreation/music": "music", "recreation/sports": "sports",
    "recreation/toys": "toys", "plants": "plants", "office": "office", "buildings": "buildings",
    "people/clothing": "clothing",
}


class EvalDataError(RuntimeError):
    """The evaluation images are not installed; the message names the package."""


def load_targets(split: str | None = None) -> list[dict]:
    with open(EVAL_DIR / "targets.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [r for r in rows if split is None or r["split"] == split]


def load_constraints(split: str) -> list[dict]:
    lines = (EVAL_DIR / f"constraints_{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _distractors(root: Path, taken: set[str], per_folder: int, seed: int) -> list[tuple[str, str]]:
    pick = random.Random(seed)
    out = []
    for folder, category in DISTRACTOR_FOLDERS.items():
        files = sorted(p.relative_to(root).as_posix() for p in (root / folder).rglob("*.png")
                       if "_bw" not in p.name)
        files = [f for f in files if f not in taken]
        out += [(f, category) for f in pick.sample(files, min(per_folder, len(files)))]
    return out


def build_eval_catalog(out_dir: Path, per_folder: int = 12, seed: int = 7, root: Path = OPENCLIPART_ROOT) -> Path:
    """Copy targets and distractors under opaque names into ``out_dir``; returns the JSONL manifest path."""
    if not root.is_dir():
        raise EvalDataError(f"{root} is missing: install the Debian package openclipart-png")
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = load_targets()
    sources = [(t["source"], t["category"]) for t in targets]
    sources += _distractors(root, {s for s, _ in sources}, per_folder, seed)
    order = list(range(len(sources)))
    random.Random(seed).shuffle(order)  # target positions carry no signal
    rows = []
    for number, index in enumerate(order, 1):
        source, category = sources[index]
        name = f"IMG_{number:04d}.png"
        shutil.copyfile(root / source, out_dir / name)
        with Image.open(out_dir / name) as image:
            colour = dominant_colour(image)
        size = SIZES[int(hashlib.sha1(f"size:{source}".encode()).hexdigest()[:6], 16) % 3]
        rows.append({"image": name, "caption": "", "category": category, "colour": colour,
                     "price": synthetic_price(source, category, seed=seed), "size": size, "source": source})
    manifest = out_dir / "catalog.jsonl"
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return manifest


# -- checking results against an expected filter ----------------------------------------------------------------
def _resolve(value: Any, prices: np.ndarray) -> Any:
    if value == "@cheap":
        return float(np.quantile(prices, 1 / 3))
    if value == "@expensive":
        return float(np.quantile(prices, 2 / 3))
    return value


def obeys(metadata: Mapping[str, Any], expect: Mapping[str, Any], prices: np.ndarray) -> bool:
    """True when an item's metadata satisfies the expected filter (equality, any-of, nin, ranges)."""
    for field, spec in expect.items():
        value = metadata.get(field)
        if isinstance(spec, Mapping):
            for op, bound in spec.items():
                bound = _resolve(bound, prices)
                if op == "nin":
                    if value in bound:
                        return False
                    continue
                if not isinstance(value, (int, float)):
                    return False
                ok = {"lt": value < bound, "lte": value <= bound + 1e-9, "gt": value > bound,
                      "gte": value >= bound - 1e-9}[op]
                if not ok:
                    return False
        elif isinstance(spec, list):
            if value not in spec:
                return False
        elif value != spec:
            return False
    return True


def _rank_of(items: list, target: str) -> int | None:
    for position, item in enumerate(items, 1):
        if Path(str(item)).name == target:
            return position
    return None


def evaluate(advisor, split: str, k: int = 10, manifest: Path | None = None) -> dict[str, Any]:
    """Hit rates at ``k`` (agent vs plain search, English vs Chinese) and constraint obedience on ``split``."""
    rows = [json.loads(line) for line in Path(manifest).read_text().splitlines()] if manifest else None
    by_source = {r["source"]: r["image"] for r in rows} if rows else {}
    prices = np.array([r["price"] for r in rows], float) if rows else np.array([1.0])
    hits = {"agent_en": 0, "agent_zh": 0, "search_en": 0}
    targets = load_targets(split)
    for target in targets:
        name = by_source.get(target["source"], Path(target["source"]).name)
        for language in ("en", "zh"):
            reply = advisor.ask(target[language], agent="search_recommend")
            results = reply.data.results if reply.data is not None else []
            hits[f"agent_{language}"] += _rank_of([r.image for r in results[:k]], name) is not None
        plain = advisor.search(target["en"], k=k)
        hits["search_en"] += _rank_of([h.image for h in plain], name) is not None
    report: dict[str, Any] = {f"{key}_hit@{k}": round(value / max(len(targets), 1), 4) for key, value in hits.items()}
    report["targets"] = len(targets)
    constraints = load_constraints(split)
    obeyed, details = 0, []
    for case in constraints:
        reply = advisor.ask(case["text"], agent="search_recommend")
        results = reply.data.results if reply.data is not None else []
        good = bool(results) and all(obeys(r.metadata, case["expect"], prices) for r in results)
        obeyed += good
        details.append({"text": case["text"], "obeyed": good, "results": len(results),
                        "parsed": list(getattr(reply.data, "constraints", []) or [])})
    report["constraints_obeyed"] = f"{obeyed}/{len(constraints)}"
    report["constraint_details"] = details
    return report


def fit_close_match_floor(advisor, split: str = "dev", manifest: Path | None = None) -> dict[str, Any]:
    """The best-cosine floor that best separates descriptions of catalog items (found in the top 10) from
    descriptions of things the catalog lacks (``evaldata/absent_<split>.txt``), by balanced accuracy."""
    rows = [json.loads(line) for line in Path(manifest).read_text().splitlines()] if manifest else []
    by_source = {r["source"]: r["image"] for r in rows}
    present, absent = [], []
    for target in load_targets(split):
        hits = advisor.search(target["en"], k=10)
        if hits and _rank_of([h.image for h in hits], by_source.get(target["source"], "")) is not None:
            present.append(hits[0].score)
    for line in (EVAL_DIR / f"absent_{split}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            hits = advisor.search(line.strip(), k=1)
            absent.append(hits[0].score if hits else 0.0)
    present_scores, absent_scores = np.array(present), np.array(absent)

    def balanced(floor: float) -> float:
        return float((present_scores >= floor).mean() + (absent_scores < floor).mean()) / 2

    candidates = np.unique(np.concatenate([present_scores, absent_scores]))
    floor = max(candidates, key=balanced) if len(candidates) else 0.0
    return {"floor": round(float(floor), 4), "balanced_accuracy": round(balanced(floor), 4),
            "present": len(present), "absent": len(absent)}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """``python -m advisor.frontdoors.bench.search_eval --split test --work /tmp/evalcat``: build, ingest, measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--work", type=Path, required=True, help="Folder for the catalog copy and the data home.")
    parser.add_argument("--fit-floor", action="store_true", help="Fit the 'no close match' floor instead.")
    args = parser.parse_args(argv)
    manifest = build_eval_catalog(args.work / "images")
    advisor = Advisor(Settings(home=args.work / "home"))
    try:
        if not advisor.store.item_ids():
            advisor.ingest(manifest, domain="catalog")
        report = fit_close_match_floor(advisor, args.split, manifest) if args.fit_floor else evaluate(
            advisor, args.split, manifest=manifest)
    finally:
        advisor.close()
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return report


if __name__ == "__main__":
    main()
