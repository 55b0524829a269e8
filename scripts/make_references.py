"""Write notebooks/REFERENCES.md: every public source the workbook cites, with its title, its
links and where it is cited (uclab.facts.citations.references_markdown).

Cited means named in a notebook source (notebooks/src/NN-*.py), an exercise file
(uclab/workbook/exercises/NN.toml), the interview bank (uclab.interview, its questions and
the hidden-fault scenarios) or the fault catalogue (uclab.faults, shown by the fault panel).
Every fact-sheet source (S1...) is listed, cited or not.

Usage, from the repository root::

    .venv/bin/python scripts/make_references.py           # write notebooks/REFERENCES.md
    .venv/bin/python scripts/make_references.py --check   # exit 1 if the page is out of date
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "notebooks" / "REFERENCES.md"


def collect(root: Path = ROOT) -> dict[str, set[str]]:
    """source key -> the places that cite it."""
    from uclab import faults, interview
    from uclab.facts.citations import cited_in

    found: dict[str, set[str]] = defaultdict(set)
    src = root / "notebooks" / "src"
    for path in sorted(src.rglob("*.py")):  # a notebook in parts is a folder NN-topic/
        for key in cited_in(path.read_text(encoding="utf-8")):
            found[key].add(f"notebook {path.relative_to(src).parts[0][:2]}")
    for path in sorted((root / "uclab" / "workbook" / "exercises").glob("*.toml")):
        for key in cited_in(path.read_text(encoding="utf-8")):
            found[key].add(f"exercises {path.stem}")
    for q in interview.questions() + interview.scenarios():
        for key in cited_in(" ".join(q.sources) + " " + q.model_answer):
            found[key].add("interview bank")
    for fault in faults.FAULTS.values():
        for key in cited_in(fault.source):
            found[key].add("fault catalogue")
    return dict(found)


def render(root: Path = ROOT) -> str:
    from uclab.facts.citations import references_markdown

    return references_markdown(collect(root))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check the committed page")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            print(f"out of date: {PAGE.relative_to(ROOT)} (run scripts/make_references.py)")
            return 1
        print(f"up to date: {PAGE.relative_to(ROOT)}")
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
