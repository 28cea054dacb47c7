"""Build the world first-name list and the English word list that medical_triage's de-identification reads.

Source: the ``names-dataset`` package (first names from 106 countries with their rank in each country; MIT licence).
It is a 55 MB download and takes 1 GB of memory to load, so it is not a runtime dependency: this script reduces it
once to the names that rank in the top ``--rank`` of at least one country, written in Latin letters, three letters
or more, and drops those that are also everyday English words (a lower-case entry of the system's English word
lists, Debian's ``wbritish`` and ``wamerican``, that is not a US Census first name: "the", "fever", "mum" are in the
dataset but are not kept, while "Yusuf", "Hamish" and "Kenji" are), health words, country and language names
(``pycountry``) and a few capitalised places, holidays and brands. Run it again to refresh the list::

    apt-get install wbritish wamerican
    .venv/bin/pip install names-dataset pycountry
    .venv/bin/python scripts/build_first_names.py            # writes agents/medical_triage/data/first_names.txt
    .venv/bin/python scripts/build_first_names.py --words-only   # only data/english_words.txt.gz (no names-dataset)

The same word lists' lower-case entries are shipped as ``english_words.txt.gz`` (about 65,000 words), so that a
lower-case word in a name's place that is no English word can be read as a name at run time.
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
# the lower-case English words themselves, so that a lower-case word in a name's place that is no English word
# ("mhairi fell off her bike") can be read as a name at run time without the system word lists
WORDS_OUTPUT = ROOT / "agents" / "medical_triage" / "data" / "english_words.txt.gz"
# capitalised words that rank as first names somewhere but, in a message, are places, holidays, shops or brands
NOT_NAMES = frozenset("ramadan eid diwali hanukkah india china japan korea hong kong paris london aldi lidl asia africa "
                      "europe america canada mexico brazil egypt dubai sydney texas florida georgia jersey york "
                      "boston chelsea aston everton tehran kabul baku doha reykjavik barcelona melbourne "
                      "mediterranean british maui siam erie wien khyber berlin madrid dublin vienna lille kiel graz bern "
                      "basel haifa tbilisi tirana vilnius shenzhen macau nebraska maine brooklyn persia sparta nazareth "
                      "bahia aviv benfica spartak liga italia hindu muslim christ islam nazi jamaican swiss nepali "
                      "libyan romani slavic balkan nato cia bsc mba mca cfa mma sega nike coca benz chevy sony hyundai "
                      "mazda negro hasn que une eine auf mon ave dec ign res mer mis monday friday july bro son".split())


WORD_LISTS = (Path("/usr/share/dict/british-english"), Path("/usr/share/dict/american-english"))


def _dictionary() -> set[str]:
    """Lower-case entries of the system English word lists (proper names there are capitalised)."""
    present = [path for path in WORD_LISTS if path.exists()]
    if not present:
        sys.exit("no English word list: apt-get install wbritish wamerican")
    return {line.strip() for path in present for line in path.read_text(encoding="utf-8", errors="ignore").splitlines()
            if line.strip().isalpha() and line.strip().islower()}


def _places_and_languages() -> set[str]:
    """One-word country names and ISO 639-1 language names ("Malta", "Tamil"), which rank as first names somewhere."""
    try:
        import pycountry  # noqa: PLC0415 - a build-time helper only
    except ModuleNotFoundError:
        sys.exit("pycountry is not installed: .venv/bin/pip install pycountry")
    words = {getattr(country, attr, "") for country in pycountry.countries for attr in ("name", "common_name")}
    words |= {language.name for language in pycountry.languages if hasattr(language, "alpha_2")}
    return {word.lower() for word in words if word and word.isalpha()}


_SUFFIXES = ("iness", "ness", "ing", "ers", "er", "ed", "es", "s", "y")


def _health_word(word: str, dictionary: set[str]) -> bool:
    """A health word or one of its forms ("rashy", "son"), not a name that only begins like one ("Rashid", "Pooja")."""
    if not looks_medical(word):
        return False
    stems = [word] + [word[:-len(suffix)] for suffix in _SUFFIXES if word.endswith(suffix) and len(word) > len(suffix) + 2]
    return any(stem in dictionary for stem in stems)


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
    dictionary, census, places = _dictionary(), _census(), _places_and_languages()
    kept = set()
    for name, info in dataset.items():
        ranks = (info or {}).get("rank") or {}
        if not re.fullmatch(r"[A-Z][a-z]{2,}", name) or not ranks or min(ranks.values()) > rank:
            continue
        word = name.lower()
        if (word in dictionary and word not in census) or word in NOT_NAMES | places or _health_word(word, dictionary):
            continue
        kept.add(word)
    return sorted(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rank", type=int, default=1000, help="Keep names in the top RANK of at least one country.")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--words-only", action="store_true", help="Write only the English word list.")
    args = parser.parse_args()
    if not args.words_only:
        _write_names(build(args.rank), args.rank, args.output)
    words = sorted(_dictionary())
    # mtime=0: the same word lists give the same bytes
    WORDS_OUTPUT.write_bytes(gzip.compress(("\n".join(words) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(words)} English words -> {WORDS_OUTPUT}")


def _write_names(names: list[str], rank: int, output: Path) -> None:
    header = (f"# First names ranked in the top {rank} of at least one country in names-dataset (MIT licence),\n"
              "# less everyday English words; built by scripts/build_first_names.py. One lower-case name per line.\n")
    output.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {output}")


if __name__ == "__main__":
    main()
