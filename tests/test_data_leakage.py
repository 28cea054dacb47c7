"""No product data may copy evaluation text: every phrase or sentence of every agent's data files, the router's
example utterances and the agents' example utterances stays below 0.8 similarity to every evaluation text.

Files are found by glob, so the check follows them when they move. Similarity is the normalised Indel ratio of
rapidfuzz (the same measure as difflib's ``SequenceMatcher.ratio``), on lower-cased, NFKC-normalised text with
punctuation removed. Evaluation texts are compared whole and sentence by sentence.
"""
from __future__ import annotations

import ast
import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
THRESHOLD = 0.8
PRODUCT_GLOBS = ["agents/**/data/*.yaml", "agents/**/data/*.yml", "agents/**/data/*.json", "agents/**/data/*.jsonl",
                 "advisor/**/utterances.yaml", "advisor/**/router_data/*.yaml", "advisor/**/router_data/*.json"]
EXAMPLE_GLOBS = ["agents/**/examples.py", "agents/**/agent.py", "agents/*.py"]
EVALUATION_GLOBS = ["tests/**/*.yaml", "tests/**/*.yml", "tests/**/*.jsonl"]
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SENTENCE = re.compile(r"(?:[!?。！？；;\n]|\.(?!\d))\s*")  # a decimal point ("38.5") ends no sentence


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def long_enough(text: str) -> bool:
    """A sentence-like string: at least 4 words, or 6 Chinese characters (single terms are vocabulary, not copies)."""
    return len(_CJK.findall(text)) >= 6 or len(text.split()) >= 4


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def _load(path: Path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return yaml.safe_load(text)


def _example_literals(path: Path) -> list[str]:
    """String literals assigned to ``examples`` / ``EXAMPLES`` in agent modules (the routing examples)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {getattr(t, "id", getattr(t, "attr", "")) for t in targets}
            if {"examples", "EXAMPLES"} & names and node.value is not None:
                found += [n.value for n in ast.walk(node.value)
                          if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return found


def _files(globs: list[str]) -> list[Path]:
    return sorted({path for pattern in globs for path in ROOT.glob(pattern) if path.is_file()})


def product_phrases() -> dict[str, set[str]]:
    phrases: dict[str, set[str]] = {}
    for path in _files(PRODUCT_GLOBS):
        for string in _strings(_load(path)):
            for part in [string, *_SENTENCE.split(string)]:
                if long_enough(part):
                    phrases.setdefault(normalised(part), set()).add(str(path.relative_to(ROOT)))
    for path in _files(EXAMPLE_GLOBS):
        for string in _example_literals(path):
            if long_enough(string):
                phrases.setdefault(normalised(string), set()).add(str(path.relative_to(ROOT)))
    return phrases


def evaluation_texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in _files(EVALUATION_GLOBS):
        for string in _strings(_load(path)):
            for part in [string, *_SENTENCE.split(string)]:
                if long_enough(part):
                    texts.setdefault(normalised(part), str(path.relative_to(ROOT)))
    return texts


def too_similar(phrases: list[str], texts: list[str]) -> list[tuple[str, str, float]]:
    from rapidfuzz import fuzz, process

    matrix = process.cdist(phrases, texts, scorer=fuzz.ratio, score_cutoff=THRESHOLD * 100, workers=1)
    pairs = []
    for i, j in zip(*matrix.nonzero(), strict=True):
        pairs.append((phrases[i], texts[j], round(float(matrix[i, j]) / 100, 3)))
    return pairs


def test_the_globs_find_the_files():
    assert any("red_flags" in p.name for p in _files(PRODUCT_GLOBS))
    assert any("utterances" in p.name for p in _files(PRODUCT_GLOBS))
    assert len(_files(EVALUATION_GLOBS)) >= 5


def test_the_check_can_fail():
    copied = "my throat feels tight after eating peanuts and my voice is hoarse"
    assert too_similar([normalised(copied + ".")], [normalised(copied)])
    assert not too_similar([normalised("a runny nose and sneezing for two days")], [normalised(copied)])


def test_no_product_phrase_copies_an_evaluation_text():
    phrases, texts = product_phrases(), evaluation_texts()
    assert phrases and texts
    leaks = too_similar(list(phrases), list(texts))
    report = [f"{score}: {sorted(phrases[p])} {p!r} ~ {texts[t]} {t!r}" for p, t, score in leaks]
    if report:
        pytest.fail(f"{len(report)} product phrases copy evaluation text:\n" + "\n".join(report[:60]))
