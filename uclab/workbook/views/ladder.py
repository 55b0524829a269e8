"""The ladder (sequence) diagram of a trace: one lane per participant, one arrow per exchange,
time going down; query-string secrets concealed, MRA edge prefixes decoded (S18)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

import plotly.graph_objects as go

from uclab.core.errors import ConfigError, InvalidRequest
from uclab.core.wire import Exchange
from uclab.protocols.edge_urls import unb64url
from uclab.trace.file import Trace
from uclab.trace.redact import redact
from uclab.workbook.views.figure import (
    ERROR_COLOR,
    HIGHLIGHT_FILL,
    OK_COLOR,
    TRANSPORT_COLOR,
    empty_figure,
    esc,
    new_figure,
    wrap,
)

#: Lanes that always come in this order (after the clients), when they take part.
LANE_ORDER = ("public-dns", "expe", "expc", "cucm-pub", "cucm-sub1", "imp-pub", "cuc-pub")
LANE_ROLES = {"public-dns": "public DNS", "dns": "inside DNS", "expe": "Expressway-E",
              "expc": "Expressway-C", "cucm-pub": "CUCM publisher",
              "cucm-sub1": "CUCM subscriber", "imp-pub": "IM&P", "cuc-pub": "Unity Connection",
              "idp": "SAML IdP", "learner": "your session"}
#: A ladder draws at most this many exchanges (pass a slice to see the rest).
MAX_LADDER_HOPS = 400
_DOMAIN_RE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+(/https?/[a-z0-9.-]+/\d{1,5})?$", re.I)


def _utc(ms: int) -> str:
    dt = datetime.fromtimestamp(ms / 1000, tz=UTC)
    return dt.strftime("%Y-%m-%d %H:%M:%S.") + f"{ms % 1000:03d} UTC"


def _elapsed(ms: int) -> str:
    """A short "+time" label: ms, s, min, h or days, whichever reads best."""
    if ms < 1000:
        return f"+{ms} ms"
    if ms < 60_000:
        return f"+{ms / 1000:.2f} s"
    if ms < 3_600_000:
        return f"+{ms / 60_000:.1f} min"
    if ms < 172_800_000:
        return f"+{ms / 3_600_000:.1f} h"
    return f"+{ms / 86_400_000:.1f} d"



def _exchanges_of(source: object) -> tuple[list[Exchange], str]:
    if isinstance(source, Trace):
        items, name = list(source.exchanges), source.name
    elif isinstance(source, list | tuple):
        items, name = list(source), ""
    else:
        raise ConfigError("ladder needs a uclab Trace (lab.trace(name) or Trace.load("
                          "path)) or a list of Exchange (lab.exchanges[i:]); got "
                          f"{type(source).__name__}")
    for i, ex in enumerate(items):
        if not isinstance(ex, Exchange):
            raise ConfigError(f"ladder needs Exchange objects; item {i} is a "
                              f"{type(ex).__name__}")
    return items, name


def lane_order(exchanges: Sequence[Exchange]) -> list[str]:
    """The ladder's participants, left to right: Jabber clients (and a learner's session),
    then :data:`LANE_ORDER`, then everyone else in the order first seen."""
    seen: list[str] = []
    for ex in exchanges:
        for name in (ex.src, ex.dst):
            if name not in seen:
                seen.append(name)
    clients = [n for n in seen if n.startswith("jabber-") or n == "learner"]
    fixed = [n for n in LANE_ORDER if n in seen]
    return clients + fixed + [n for n in seen if n not in clients and n not in fixed]


def _role(lane: str) -> str:
    return LANE_ROLES.get(lane, "Jabber" if lane.startswith("jabber-") else "")


def _conceal(target: str) -> str:
    """A request target with its secrets concealed (:func:`uclab.trace.redact.redact`)."""
    return redact(target)


def _edge_prefix(path: str) -> str | None:
    """The decoded first path segment when it is an MRA edge prefix (S18), else None."""
    first = path.lstrip("/").split("/", 1)[0]
    if len(first) < 4:
        return None
    try:
        decoded = unb64url(first)
    except InvalidRequest:  # not base64url text
        return None
    return decoded if _DOMAIN_RE.match(decoded) else None


def _short_path(ex: Exchange, width: int = 40) -> str:
    req = ex.request
    if req.method == "XMPP":
        body = req.body.decode("utf-8", "replace")
        tag = re.search(r"<\s*([A-Za-z][\w:.-]*)", body)
        mech = re.search(r"mechanism=['\"]([\w-]+)", body)
        return " ".join(p for p in ("stream" if not tag else tag[1], mech[1] if mech else "")
                        if p)
    path = req.path or "/"
    if _edge_prefix(path) is not None:
        rest = path.lstrip("/").split("/", 1)
        path = "…/" + (rest[1] if len(rest) > 1 else "")
    if len(path) > width:
        path = "…" + path[-(width - 1):]
    return path


def _outcome(ex: Exchange) -> tuple[str, str, str]:
    """(short outcome for the label, long outcome for hover, colour)."""
    if ex.error or ex.response is None:
        return "error", "transport error: " + (ex.error or "no response"), TRANSPORT_COLOR
    status = ex.response.status
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    return str(status), f"{status} {phrase}".strip(), ERROR_COLOR if status >= 400 else OK_COLOR


def _hover(i: int, ex: Exchange, t0: int) -> str:
    req = ex.request
    lines = [f"<b>#{i + 1}</b> {esc(ex.src)} → {esc(ex.dst)}",
             wrap(f"{req.method} {_conceal(req.target)}"),
             esc(f"Host: {req.host}" + (f":{req.port}" if req.port else ""))]
    prefix = _edge_prefix(req.path)
    if prefix is not None:
        first = req.path.lstrip("/").split("/", 1)[0]
        lines.append(wrap(f"edge prefix {first} = base64url('{prefix}')"))
    lines.append("→ " + wrap(_outcome(ex)[1]))
    lines.append(esc(f"at {_utc(ex.started_ms)} ({_elapsed(ex.started_ms - t0)})"))
    return "<br>".join(lines)


def ladder(source: Trace | Sequence[Exchange], *, title: str = "",
           highlight: int | None = None) -> go.Figure:
    """A sequence (ladder) diagram of ``source``: one lane per participant, one arrow per
    exchange from ``src`` to ``dst``, time going down.

    Arrows are labelled ``METHOD path -> status``; HTTP 4xx/5xx are drawn in
    :data:`ERROR_COLOR`, transport errors dashed in :data:`TRANSPORT_COLOR`. Each arrow trace and
    its label carry ``customdata`` = the exchange's index in ``source``, so a click or a player
    step maps back to the raw HTTP. ``highlight`` (an index) emphasises one hop and dims the
    rest. At most :data:`MAX_LADDER_HOPS` exchanges are drawn. Secrets in query strings are
    shown as ``<CONCEALED>``.
    """
    exchanges, name = _exchanges_of(source)
    title = title or (f"Ladder: {name}" if name else "Ladder")
    if highlight is not None and (isinstance(highlight, bool) or not isinstance(highlight, int)):
        raise ConfigError(f"highlight must be an exchange index (int) or None (got "
                          f"{highlight!r})")
    if not exchanges:
        return empty_figure(title, "No exchanges to draw: this trace is empty. Run a scenario (for "
                      "example lab.client.sign_in()) and capture it with lab.trace("
                      "name).", "ladder")
    if highlight is not None and not 0 <= highlight < len(exchanges):
        raise ConfigError(f"highlight must be an index 0-{len(exchanges) - 1} of this trace "
                          f"(got {highlight})")
    shown = exchanges[:MAX_LADDER_HOPS]
    lanes = lane_order(shown)
    col = {n: k for k, n in enumerate(lanes)}
    n = len(shown)
    t0 = shown[0].started_ms
    fig = new_figure(title, max(300, 110 + 30 * n),
                  margin={"l": 90, "r": 30, "t": 110, "b": 30}, showlegend=False,
                  hovermode="closest",
                  meta={"view": "ladder", "lanes": lanes, "count": n, "total": len(exchanges),
                        "highlight": highlight})
    for k in range(len(lanes)):
        fig.add_shape(type="line", x0=k, x1=k, y0=-0.8, y1=n - 0.2, layer="below",
                      line={"color": "#b0b0b0", "width": 1, "dash": "dot"})
    if highlight is not None and highlight < n:
        fig.add_shape(type="rect", x0=-0.5, x1=len(lanes) - 0.5, y0=highlight - 0.5,
                      y1=highlight + 0.5, layer="below", line={"width": 0},
                      fillcolor=HIGHLIGHT_FILL)
    mids, labels, hovers, label_colors = [], [], [], []
    traces: list[dict[str, Any]] = []
    for i, ex in enumerate(shown):
        short, _, color = _outcome(ex)
        hover = _hover(i, ex, t0)
        xs, xd = col[ex.src], col[ex.dst]
        if xs == xd:  # a node calling itself: a small loop to the right
            x, y = [xs, xs + 0.35, xs + 0.35, xs], [i - 0.15, i - 0.15, i + 0.15, i + 0.15]
        else:
            x, y = [xs, xd], [i, i]
        emphasis = highlight is None or highlight == i
        traces.append(dict(
            type="scatter", x=x, y=y, mode="lines+markers", name=f"#{i + 1} {ex.src} → {ex.dst}",
            line={"color": color, "width": 3.5 if highlight == i else 1.8,
                  "dash": "dash" if color == TRANSPORT_COLOR else "solid"},
            marker={"symbol": ["circle"] + ["arrow"] * (len(x) - 1), "angleref": "previous",
                    "size": [5] + [13] * (len(x) - 1), "color": color},
            opacity=1.0 if emphasis else 0.35, customdata=[i] * len(x),
            hovertext=[hover] * len(x), hoverinfo="text", meta={"role": "arrow", "index": i}))
        mids.append((min(x) + max(x)) / 2 if xs != xd else xs + 0.2)
        label = esc(f"{ex.request.method} {_short_path(ex)} -> {short}")
        labels.append(f"<b>{label}</b>" if highlight == i else label)
        hovers.append(hover)
        label_colors.append(color if emphasis else "#a8a8a8")
    traces.append(dict(
        type="scatter", x=mids, y=[i - 0.12 for i in range(n)], mode="text", text=labels,
        textposition="top center", textfont={"size": 11, "color": label_colors},
        customdata=list(range(n)), hovertext=hovers, hoverinfo="text", name="labels",
        meta={"role": "labels"}))
    # One figure built from plain trace dicts without plotly's per-property validation: ten
    # times faster for a login's two dozen arrows (a widget redraws it on every click).
    # tests/uclab/workbook/views/test_ladder.py proves the result is a valid figure by
    # re-validating it.
    fig = go.Figure(data=traces, layout=fig.layout, _validate=False)
    fig.update_xaxes(range=[-0.6, len(lanes) - 0.4], side="top", tickmode="array",
                     tickvals=list(range(len(lanes))), showline=False, fixedrange=True,
                     ticktext=[f"<b>{esc(lane)}</b><br>{esc(_role(lane))}"
                               for lane in lanes])
    fig.update_yaxes(range=[n - 0.3, -1.0], tickmode="array", tickvals=list(range(n)),
                     ticktext=[f"{i + 1}  {_elapsed(ex.started_ms - t0)}"
                               for i, ex in enumerate(shown)],
                     tickfont={"size": 10, "color": "#666666"})
    if len(exchanges) > n:
        fig.add_annotation(text=f"showing the first {n} of {len(exchanges)} exchanges; pass a "
                                "slice to see the rest", x=0, y=0, xref="paper", yref="paper",
                           yanchor="top", showarrow=False, font={"size": 11, "color": "#555555"})
    return fig
