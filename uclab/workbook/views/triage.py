"""The triage map as a Sankey picture: what the user sees -> the step where the login stopped
-> the faults that can cause it -> the investigations that tell them apart. Every node and link
comes from :func:`uclab.drill.triage_map` (computed from the fault catalogue)."""

from __future__ import annotations

import plotly.graph_objects as go

from uclab.drill import TriageRow, triage_map
from uclab.drill.evidence import label
from uclab.workbook.views.figure import ERROR_COLOR, OK_COLOR, esc, new_figure, wrap

_COLUMN_COLORS = ("#1f4e79", ERROR_COLOR, "#e67e22", "#2e7d32")


def triage_figure(seed: int | str | None = 1, highlight: str | None = None) -> go.Figure:
    """The map for ``seed``; ``highlight`` (a fault id) colours that fault's links."""
    rows: tuple[TriageRow, ...] = triage_map(seed)
    names: list[str] = []
    columns: list[int] = []
    index: dict[tuple[int, str], int] = {}

    def node(column: int, text: str) -> int:  # text: already escaped for plotly
        key = (column, text)
        if key not in index:
            index[key] = len(names)
            names.append(text)
            columns.append(column)
        return index[key]

    src: list[int] = []
    dst: list[int] = []
    colors: list[str] = []
    for row in rows:
        said = node(0, wrap(row.user_says, 40))
        step = node(1, esc(f"stops at {row.step}"))
        for fid in row.faults:
            lit = highlight == fid
            color = "rgba(192,57,43,0.55)" if lit else "rgba(31,78,121,0.18)"
            fault = node(2, esc(fid))
            for a, b in ((said, step), (step, fault)):
                src.append(a)
                dst.append(b)
                colors.append(color)
            for probe in row.tools[fid]:
                src.append(fault)
                dst.append(node(3, esc(label(probe))))
                colors.append(color)
    fig = new_figure("Triage map: what the user sees → where it stops → the faults → the tools "
                     "that tell them apart", 720,
                     margin={"l": 10, "r": 10, "t": 60, "b": 20},
                     meta={"view": "triage", "rows": len(rows), "highlight": highlight or ""})
    fig.add_trace(go.Sankey(
        arrangement="snap",
        node={"label": names, "pad": 12,
              "thickness": 14, "color": [_COLUMN_COLORS[c] for c in columns],
              "line": {"color": OK_COLOR, "width": 0.5}},
        link={"source": src, "target": dst, "value": [1] * len(src), "color": colors}))
    return fig
