"""Build the workbook: notebooks/src/NN-topic.py (percent format) -> notebooks/NN-topic.ipynb,
executed so that the committed notebook carries the outputs nbval compares.

Source format (the jupytext "percent" convention, read by this small stdlib converter):

    # %% [markdown]
    # # Title
    # Some **text**.

    # %%
    import uclab

    # %% tags=["nbval-ignore-output"]
    lab.exchanges[-1]

Usage, from the repository root::

    .venv/bin/python scripts/build_notebooks.py            # convert + execute all
    .venv/bin/python scripts/build_notebooks.py 06         # only notebooks whose name starts so
    .venv/bin/python scripts/build_notebooks.py --check    # sources and notebooks agree?

Execution uses nbclient with the current interpreter's kernel; the saved notebook keeps its
outputs and execution counts and drops the widget-state metadata (random model ids).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "notebooks" / "src"
OUT = ROOT / "notebooks"
_CELL = re.compile(r"^# %%(?P<md> \[markdown\])?(?: tags=(?P<tags>\[.*\]))?\s*$")


def parse(text: str) -> list[nbformat.NotebookNode]:
    """Cells of a percent-format source."""
    cells: list[nbformat.NotebookNode] = []
    kind, tags, lines = None, [], []

    def flush() -> None:
        if kind is None:
            return
        body = "\n".join(lines).strip("\n")
        if kind == "markdown":
            body = "\n".join(ln[2:] if ln.startswith("# ") else ln.lstrip("#")
                             for ln in body.splitlines())
            cell = nbformat.v4.new_markdown_cell(body)
        else:
            cell = nbformat.v4.new_code_cell(body)
        if tags:
            cell.metadata["tags"] = tags
        cells.append(cell)

    for line in text.splitlines():
        m = _CELL.match(line)
        if m:
            flush()
            kind = "markdown" if m["md"] else "code"
            tags = json.loads(m["tags"]) if m["tags"] else []
            lines = []
        elif kind is not None:
            lines.append(line)
    flush()
    for i, cell in enumerate(cells):
        cell["id"] = f"c{i:03d}"
    return cells


def convert(src: Path) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = parse(src.read_text(encoding="utf-8"))
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (uclab)", "language": "python",
                                  "name": "python3"},
                   "language_info": {"name": "python"}}
    return nb


def execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(OUT)}})
    client.execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


def sources(nb: nbformat.NotebookNode) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source, list(c.metadata.get("tags", []))) for c in nb.cells]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="build the workbook notebooks")
    parser.add_argument("prefix", nargs="?", default="")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    bad = 0
    for src in sorted(SRC.glob(f"{args.prefix}*.py")):
        target = OUT / f"{src.stem}.ipynb"
        nb = convert(src)
        if args.check:
            if not target.exists() or sources(nbformat.read(target, 4)) != sources(nb):
                print(f"out of date: {target.relative_to(ROOT)} (run scripts/build_notebooks.py)")
                bad += 1
            continue
        nbformat.write(execute(nb), target)
        print(f"built {target.relative_to(ROOT)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
