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
outputs, execution counts and the widgets' last state (nbclient's ``store_widget_state``), so a
notebook opened without running shows its widgets. Widget model ids are random uuids in the
kernel; :func:`stable_widget_ids` renames them ``<notebook>-w0001``, ``-w0002``, ... in the
order the outputs and the state reach them, so a rebuild gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import re
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


def sources(prefix: str = "") -> list[Path]:
    """The notebook sources, by name: ``NN-topic.py`` files and ``NN-topic/`` folders (a
    notebook written in parts, one file per section, read in name order)."""
    found = [p for p in SRC.glob(f"{prefix}*") if (p.suffix == ".py" and p.is_file())
             or (p.is_dir() and any(p.glob("*.py")))]
    return sorted(found, key=lambda p: p.name)


def source_text(src: Path) -> str:
    """A source's percent text; a folder's parts joined with one blank line between them."""
    if src.is_dir():
        parts = [part.read_text(encoding="utf-8").strip("\n") + "\n"
                 for part in sorted(src.glob("*.py"))]
        return "\n".join(parts)
    return src.read_text(encoding="utf-8")


def convert(src: Path) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = parse(source_text(src))
    nb.metadata = nbformat.from_dict(METADATA)
    return nb


def as_source(nb: nbformat.NotebookNode) -> str:
    """A notebook's inputs written back as percent text (what its source should hold)."""
    bare = nbformat.from_dict({**nb, "metadata": {"jupytext": FILTERS}})
    return jupytext.writes(bare, fmt=FORMAT)


def execute(nb: nbformat.NotebookNode, prefix: str = "nb") -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(OUT)}},
                            store_widget_state=True)
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.get("outputs"):
            cell.outputs = coalesce_streams(cell.outputs)
    return stable_widget_ids(nb, prefix)


def coalesce_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) chunks into one output: how the kernel cut a print
    into messages depends on timing, and a rebuild must give the same bytes."""
    joined: list = []
    for out in outputs:
        last = joined[-1] if joined else None
        if (out.get("output_type") == "stream" and last is not None
                and last.get("output_type") == "stream" and last.get("name") == out.get("name")):
            last["text"] = last["text"] + out["text"]
        else:
            joined.append(out)
    return joined


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def stable_widget_ids(nb: nbformat.NotebookNode, prefix: str) -> nbformat.NotebookNode:
    """Rename the widget model ids of outputs and saved state in a fixed order: the views in
    cell order, each followed by the models it refers to (depth first, in key order), then
    any model left, by its serialised state."""
    bundle = nb.metadata.get("widgets", {}).get(WIDGET_STATE)
    if not bundle:
        nb.metadata.pop("widgets", None)
        return nb
    state = bundle.get("state", {})
    order: list[str] = []

    def visit(model_id: str) -> None:
        if model_id in order or model_id not in state:
            return
        order.append(model_id)
        for ref in re.findall(r"IPY_MODEL_([0-9a-zA-Z_-]+)",
                              json.dumps(state[model_id], sort_keys=True)):
            visit(ref)

    for cell in nb.cells:
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view:
                visit(view["model_id"])
    for model_id in sorted(set(state) - set(order),
                           key=lambda m: json.dumps(state[m], sort_keys=True)):
        visit(model_id)
    new = {old: f"{prefix}-w{i:04d}" for i, old in enumerate(order, 1)}
    text = json.dumps(bundle, sort_keys=True)
    for old, fresh in new.items():
        text = text.replace(old, fresh)
    nb.metadata["widgets"] = {WIDGET_STATE: json.loads(text)}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view and view.get("model_id") in new:
                view["model_id"] = new[view["model_id"]]
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="build the workbook notebooks")
    parser.add_argument("prefix", nargs="?", default="")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    bad = 0
    for src in sources(args.prefix):
        stem = src.stem if src.is_file() else src.name
        target = OUT / f"{stem}.ipynb"
        if args.check:
            if not target.exists() or (as_source(nbformat.read(target, 4))
                                       != source_text(src)):
                print(f"out of date: {target.relative_to(ROOT)} (run scripts/build_notebooks.py)")
                bad += 1
            continue
        nbformat.write(execute(convert(src), stem.split("-", 1)[0]), target)
        print(f"built {target.relative_to(ROOT)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
