"""Build the workbook: notebooks/src/NN-topic.py (jupytext percent format) ->
notebooks/NN-topic.ipynb, executed so that the committed notebook carries the outputs nbval
compares.

Source format (jupytext's "percent" format, jupytext docs "Notebooks as code")::

    # %% [markdown]
    # # Title
    # Some **text**.

    # %%
    import uclab

    # %% tags=["nbval-ignore-output"]
    lab.exchanges[-1]

Usage, from the repository root::

    .venv/bin/python scripts/build_notebooks.py            # read, execute and write all
    .venv/bin/python scripts/build_notebooks.py 06         # only notebooks whose name starts so
    .venv/bin/python scripts/build_notebooks.py --check    # sources and notebooks agree?

jupytext reads a source into cells; measured on the eight sources, it gives exactly the cells
(types, sources, metadata) of the hand-written converter it replaced, and writing each committed
notebook back to percent text reproduces its source byte for byte. Two things are set here on
top of jupytext, so that a rebuilt notebook is the committed one: the notebook metadata (the
kernelspec nbval starts, instead of jupytext's own ``jupytext`` block) and the cell ids
(``c000``, ``c001``, ... instead of jupytext's random ones, so a rebuild does not churn them).
Cell metadata other than ``tags`` is not part of a source (``--check`` ignores it).

Execution uses nbclient with the current interpreter's kernel; the saved notebook keeps its
outputs and execution counts and drops the widget-state metadata (random model ids).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jupytext
import nbformat

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "notebooks" / "src"
OUT = ROOT / "notebooks"
FORMAT = "py:percent"
#: what a source holds: no notebook metadata, and of the cell metadata only the tags
FILTERS = {"notebook_metadata_filter": "-all", "cell_metadata_filter": "tags,-all"}
METADATA = {"kernelspec": {"display_name": "Python 3 (uclab)", "language": "python",
                           "name": "python3"},
            "language_info": {"name": "python"}}


def parse(text: str) -> list[nbformat.NotebookNode]:
    """Cells of a percent-format source, with stable ids ``c000``, ``c001``, ..."""
    cells = jupytext.reads(text, fmt=FORMAT).cells
    for i, cell in enumerate(cells):
        cell["id"] = f"c{i:03d}"
    return cells


def convert(src: Path) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = parse(src.read_text(encoding="utf-8"))
    nb.metadata = nbformat.from_dict(METADATA)
    return nb


def as_source(nb: nbformat.NotebookNode) -> str:
    """A notebook's inputs written back as percent text (what its source should hold)."""
    bare = nbformat.from_dict({**nb, "metadata": {"jupytext": FILTERS}})
    return jupytext.writes(bare, fmt=FORMAT)


def execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(OUT)}})
    client.execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="build the workbook notebooks")
    parser.add_argument("prefix", nargs="?", default="")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    bad = 0
    for src in sorted(SRC.glob(f"{args.prefix}*.py")):
        target = OUT / f"{src.stem}.ipynb"
        if args.check:
            if not target.exists() or (as_source(nbformat.read(target, 4))
                                       != src.read_text(encoding="utf-8")):
                print(f"out of date: {target.relative_to(ROOT)} (run scripts/build_notebooks.py)")
                bad += 1
            continue
        nbformat.write(execute(convert(src)), target)
        print(f"built {target.relative_to(ROOT)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
