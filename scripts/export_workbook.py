"""Export the workbook as static HTML: one page per notebook with its saved outputs, plus an
index page (``python3 dev.py export [DIR]``, default ``build/workbook-html``).

* Plotly figures stay interactive (zoom, hover): each figure becomes a ``<div>`` drawn by
  ``Plotly.newPlot``, and plotly.js is written **once** next to the pages (``plotly.min.js``,
  from the installed plotly package) instead of inlined in every figure.
* Widgets need a kernel to do anything, and nbconvert's widget manager would be fetched from a
  CDN (the workbook is offline). So each panel is shown as the static snapshot it saved with its
  view (``uclab.workbook.widgets.snapshot``): what it showed when it was displayed.
* Nothing is fetched from the network (nbconvert's CDN script tags for require.js and MathJax
  are dropped: no notebook uses either); the pages open from disk (``file://``).
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_OUT = ROOT / "build" / "workbook-html"
PLOTLY = "application/vnd.plotly.v1+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PLOTLY_JS = "plotly.min.js"
#: script tags nbconvert's lab template loads from a CDN (no notebook uses require or maths)
_OFFLINE = re.compile(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>\n?')


def _plot_html(figure: dict, div_id: str) -> str:
    data = json.dumps(figure.get("data", []), sort_keys=True)
    layout = json.dumps(figure.get("layout", {}), sort_keys=True)
    config = json.dumps({"responsive": True, "displaylogo": False})
    return (f'<div id="{div_id}" class="uclab-plot" style="width:100%;min-height:200px"></div>'
            f'<script>Plotly.newPlot("{div_id}", {data}, {layout}, {config});</script>')


def static_copy(nb: nbformat.NotebookNode, stem: str) -> tuple[nbformat.NotebookNode, int]:
    """The notebook with each plotly output as an HTML div and each widget view replaced by its
    saved snapshot; also how many figures it holds."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    figures = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data")
            if not data:
                continue
            if PLOTLY in data:
                figures += 1
                data["text/html"] = _plot_html(data.pop(PLOTLY), f"{stem}-plot-{figures}")
                data.pop("text/plain", None)
            if WIDGET_VIEW in data:
                data.pop(WIDGET_VIEW)
                if "text/html" not in data:
                    text = data.get("text/plain", "")
                    data["text/html"] = (f"<pre>{html.escape(text)}</pre><p><i>A panel: run "
                                         "the notebook in JupyterLab to use it.</i></p>")
    return nb, figures


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def export(out: Path) -> list[Path]:
    """Write every notebook's page, plotly.min.js and index.html into ``out``."""
    from nbconvert import HTMLExporter
    from plotly.offline import get_plotlyjs

    out.mkdir(parents=True, exist_ok=True)
    (out / PLOTLY_JS).write_text(get_plotlyjs(), encoding="utf-8")
    exporter = HTMLExporter(template_name="lab")
    pages, rows = [], []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        static, figures = static_copy(nb, path.stem)
        body, _ = exporter.from_notebook_node(static)
        body = _OFFLINE.sub("", body)  # require.js and MathJax from a CDN: neither is used
        body = body.replace("</head>", f'<script src="{PLOTLY_JS}"></script>\n</head>', 1)
        page = out / f"{path.stem}.html"
        page.write_text(body, encoding="utf-8")
        pages.append(page)
        title = _title(nb, path.stem)
        rows.append(f'<li><a href="{page.name}">{html.escape(title)}</a> '
                    f"<small>({figures} interactive figure{'s' if figures != 1 else ''})"
                    "</small></li>")
    index = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>uclab workbook</title>"
             "</head><body style='font-family:sans-serif;max-width:50em;margin:2em auto'>"
             "<h1>uclab workbook</h1><p>OAuth in Cisco Unified Communications, by running it: "
             "the notebooks with their saved outputs. Figures are interactive; the panels are "
             "saved pictures: run the notebooks in JupyterLab (<code>python3 dev.py lab</code>) "
             "to use them.</p><ol>" + "".join(rows) + "</ol></body></html>")
    (out / "index.html").write_text(index, encoding="utf-8")
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="export the workbook as static HTML")
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    pages = export(args.out)
    print(f"wrote {len(pages)} pages and index.html to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
