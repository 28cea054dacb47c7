"""Measure the medical_triage agent on a case file as a new user meets it: ``Advisor.ask`` on a fresh data home.

Run from the repository root::

    python -m tests.agents.medical_triage.first_run tests/agents/medical_triage/data/chat_first_run.yaml

Prints the figures per language and the confusion matrices; ``--json FILE`` also writes the reports.
``--names "Priya,陈静"`` then searches every file of the data home (database, logs, caches) for those names, in
UTF-8 and UTF-16, and prints where any was found: the bare-name de-identification measured on the same run.
"""
from __future__ import annotations

import argparse
import json
import re
import tempfile
from pathlib import Path

from advisor import Advisor
from agents.medical_triage.evaluation import load_case_texts, markdown_confusion, score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--json", type=Path, default=None, help="Write the reports to this file.")
    parser.add_argument("--names", default="", help="Comma-separated names the messages contain, to search the "
                        "data home for after the run.")
    args = parser.parse_args()
    reports = {}
    with tempfile.TemporaryDirectory() as home:
        advisor = Advisor.from_settings(home=home)

        answers: dict[str, str] = {}

        def level_of(text: str) -> str:  # each text is asked once; the per-language reports reuse the answers
            if text not in answers:
                answers[text] = advisor.ask(text, agent="medical_triage").data.level.value
            return answers[text]

        for path in args.files:
            texts = load_case_texts(path)
            for lang in ("en", "zh", "all"):
                report = score([t for t in texts if lang in ("all", t[0])], level_of)
                reports[f"{path.stem}:{lang}"] = report
                print(f"== {path.stem} [{lang}] overall {report.overall} by level {report.by_level} "
                      f"under-triaged {len(report.under_triaged)} over-to-emergent {report.over_triaged_to_emergent}")
                print(markdown_confusion(report))
                if lang == "all":
                    for case in report.wrong:
                        print(f"   {case.expected:>12} -> {case.got:<12} {case.text[:150]}")
        if args.names:
            advisor.close()
            names = [n.strip() for n in args.names.split(",") if n.strip()]
            leaks = find_names(Path(home), names)
            print(f"== names searched in the data home: {len(names)}; found: {len(leaks)}")
            for name, where in leaks:
                print(f"   {name!r} in {where}")
    if args.json:
        args.json.write_text(json.dumps({k: r.model_dump() for k, r in reports.items()}, ensure_ascii=False, indent=1))


def find_names(home: Path, names: list[str]) -> list[tuple[str, str]]:
    """(name, file) for every name found in any file under ``home``, in UTF-8 or UTF-16: a Latin name as a whole
    word ("Sam", not "Samaritans" or "Same-day", nor the "Ade" of a database record byte "A" before a hexadecimal id
    "de21c4…"), a Chinese name anywhere."""
    found = []
    for path in sorted(p for p in home.rglob("*") if p.is_file()):
        blob = path.read_bytes()
        for name in names:
            for encoding in ("utf-8", "utf-16-le"):
                pattern = re.escape(name.encode(encoding))
                if name.isascii():
                    pattern = rb"(?<![A-Za-z\x00])" + pattern + rb"(?![a-z0-9\x00])" if encoding == "utf-8" \
                        else pattern + rb"(?![a-z0-9]\x00)"
                if re.search(pattern, blob):
                    found.append((name, str(path.relative_to(home))))
                    break
    return found


if __name__ == "__main__":
    main()
