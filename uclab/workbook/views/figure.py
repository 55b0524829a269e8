"""What every figure of :mod:`uclab.workbook.views` shares: the one small explicit template
(no plotly default template, so a plotly patch release does not change a figure), the colours,
a titled empty figure, and escaping for plotly's pseudo-HTML."""

from __future__ import annotations

import textwrap
from typing import Any

import plotly.graph_objects as go

FONT = "Helvetica, Arial, sans-serif"
#: The one template every figure uses: fonts, colours and margins fixed here, nothing inherited
#: from ``plotly.io.templates.default``.
TEMPLATE = go.layout.Template(layout=go.Layout(
    font={"family": FONT, "size": 12, "color": "#222222"},
    paper_bgcolor="#ffffff", plot_bgcolor="#ffffff",
    colorway=["#1f4e79", "#2e7d32", "#c0392b", "#e67e22", "#7f7f7f"],
    title={"font": {"size": 15}, "x": 0.01, "xanchor": "left"},
    hoverlabel={"align": "left", "bgcolor": "#ffffff", "font": {"family": FONT, "size": 11}},
    legend={"orientation": "h", "x": 0, "y": -0.04, "yanchor": "top"},
    xaxis={"showgrid": False, "zeroline": False},
    yaxis={"showgrid": False, "zeroline": False},
))

OK_COLOR = "#1f4e79"
ERROR_COLOR = "#c0392b"        # HTTP 4xx/5xx
TRANSPORT_COLOR = "#8e44ad"    # no response at all (Exchange.error)
CURRENT_COLOR = "#2e7d32"
STALE_COLOR = "#d62728"
NOKEYS_COLOR = "#7f7f7f"
HIGHLIGHT_FILL = "#fff3c4"
DIMMED_COLOR = "#a0a7b4"       # hops after a failure


def new_figure(title: str, height: int, **layout: Any) -> go.Figure:
    """A figure on :data:`TEMPLATE` with an escaped title."""
    return go.Figure(layout=go.Layout(template=TEMPLATE, title={"text": esc(title)},
                                      height=height, **layout))


def empty_figure(title: str, message: str, view: str) -> go.Figure:
    """A figure with nothing but an explanation (empty input is not an error)."""
    fig = new_figure(title, 260, margin={"l": 40, "r": 40, "t": 60, "b": 40}, meta={"view": view,
                                                                                  "empty": True})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(text=esc(message), x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font={"size": 13, "color": "#555555"})
    return fig


def esc(text: str) -> str:
    """Escape for plotly's pseudo-HTML: only ``&`` and ``<`` matter (``->`` stays readable)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;")


def wrap(text: str, width: int = 90) -> str:
    """Escape for plotly's pseudo-HTML and break long lines with ``<br>``."""
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]
    return "<br>".join(esc(line) for line in lines)

