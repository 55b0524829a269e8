"""A static picture of a uclab panel, saved with its widget view, for a notebook that is opened
but not run.

JupyterLab draws a widget view only for a trusted output, and a notebook opened from disk is not
trusted (it was not run on this machine), so a saved panel would show as its text repr. Each
uclab panel therefore also carries a ``text/html`` snapshot of what it showed when it was
displayed: JupyterLab renders it (sanitised) in an untrusted notebook and the live widget once
the cell runs; nbconvert's HTML export shows the saved widget state instead. The snapshot is
plain HTML made from the widget tree (labels, values, status texts, Output contents), no script.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

__all__ = ["register", "snapshot_html"]

_NOTE = ("<div style='color:#555;font-size:90%;margin-top:4px'>A saved picture of this panel: "
         "run the notebook's cells to use it.</div>")


def _label(w: Any) -> str:
    text = getattr(w, "description", "") or ""
    return f"<b>{html.escape(text)}</b> " if text else ""


def _output_text(out: widgets.Output) -> str:
    parts = []
    for item in out.outputs:
        if item.get("output_type") == "stream":
            parts.append(item.get("text", ""))
        else:
            data = item.get("data", {})
            if "text/plain" in data and "application/vnd.plotly.v1+json" not in data:
                parts.append(data["text/plain"])
            elif "application/vnd.plotly.v1+json" in data:
                parts.append("[figure: run the cell to draw it]")
    text = "\n".join(p.rstrip("\n") for p in parts if p)
    if not text:
        return ""
    return ("<pre style='max-height:240px;overflow:auto;font-size:85%;margin:2px 0'>"
            f"{html.escape(text)}</pre>")


def _node(w: Any, depth: int = 0) -> str:
    if depth > 12:
        return ""
    if isinstance(w, widgets.Accordion | widgets.Tab):
        titles = list(getattr(w, "titles", ()) or ())
        return "".join(
            f"<details><summary>{html.escape(str(titles[i]) if i < len(titles) else '')}"
            f"</summary>{_node(child, depth + 1)}</details>"
            for i, child in enumerate(w.children))
    if isinstance(w, widgets.HBox):
        cells = "".join(f"<span style='margin-right:8px'>{_node(c, depth + 1)}</span>"
                        for c in w.children)
        return f"<div>{cells}</div>"
    if isinstance(w, widgets.Box):
        return "".join(f"<div>{_node(c, depth + 1)}</div>" for c in w.children)
    if isinstance(w, widgets.Output):
        return _output_text(w)
    if isinstance(w, widgets.HTML | widgets.HTMLMath):
        return w.value  # the panel's own HTML, already escaped where it holds data
    if isinstance(w, widgets.Label):
        return html.escape(w.value)
    if isinstance(w, widgets.Button):
        return (f"<button disabled>{html.escape(w.description)}</button>")
    if isinstance(w, widgets.Checkbox | widgets.ToggleButton):
        mark = "&#9745;" if w.value else "&#9744;"
        return f"{mark} {html.escape(w.description)}"
    if isinstance(w, widgets.Dropdown | widgets.RadioButtons | widgets.Select
                  | widgets.ToggleButtons):
        return f"{_label(w)}{html.escape(str(w.label) if w.label is not None else '')}"
    if isinstance(w, widgets.SelectMultiple):
        return f"{_label(w)}{html.escape(', '.join(map(str, w.label)))}"
    if isinstance(w, widgets.Textarea | widgets.Text):
        value = w.value or getattr(w, "placeholder", "")
        return f"{_label(w)}<code>{html.escape(value[:200])}</code>"
    if isinstance(w, widgets.FileUpload):
        return f"{_label(w)}<i>(file upload)</i>"
    if hasattr(w, "value") and hasattr(w, "description"):
        return f"{_label(w)}{html.escape(str(w.value))}"
    return ""


def snapshot_html(widget: Any) -> str | None:
    """The static HTML picture of a uclab panel (None for any other widget)."""
    if not type(widget).__module__.startswith("uclab."):
        return None
    return (f"<div class='uclab-snapshot' style='border:1px solid #ccc;padding:6px'>"
            f"{_node(widget)}{_NOTE}</div>")


def register() -> None:
    """Add the snapshot to every displayed uclab panel (in an IPython kernel; else nothing)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the workbook extra
        return
    shell = get_ipython()
    if shell is None:
        return
    shell.display_formatter.formatters["text/html"].for_type(widgets.Box, snapshot_html)
