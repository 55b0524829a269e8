"""The ladder (sequence) diagram of a trace: one lane per participant, a request arrow and a
response arrow per exchange, time going down, the first failure marked with what failed;
query-string secrets concealed, MRA edge prefixes decoded (S18)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import plotly.graph_objects as go

from uclab.core.errors import ConfigError
from uclab.core.wire import Exchange
from uclab.sim.cucm.authz.decisions import AuthzDecisions
from uclab.trace import hop_text as hop_labels
from uclab.trace.file import Trace
from uclab.trace.redact import redact
from uclab.workbook.views.figure import (
    DIMMED_COLOR,
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
LANE_ORDER = ("public-dns", "expe", "expc", "expe2", "expc2", "cucm-pub", "cucm-sub1",
              "cucm2-pub", "imp-pub", "cuc-pub")
LANE_ROLES = {"public-dns": "public DNS", "dns": "inside DNS", "expe": "Expressway-E",
              "expc": "Expressway-C", "cucm-pub": "CUCM publisher",
              "cucm-sub1": "CUCM subscriber", "imp-pub": "IM&P", "cuc-pub": "Unity Connection",
              "idp": "SAML IdP", "learner": "your session",
              # a second Expressway pair and a second CUCM cluster (uclab.sim.topology)
              "expe2": "Expressway-E 2", "expc2": "Expressway-C 2",
              "cucm2-pub": "CUCM 2 publisher"}
#: A ladder draws at most this many exchanges (pass a slice to see the rest).
MAX_LADDER_HOPS = 400


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
    """The ladder's participants, left to right: browsers (user agents, each in a lane of its
    own), Jabber clients and a learner's session, then :data:`LANE_ORDER`, then everyone else
    in the order first seen."""
    seen: list[str] = []
    for ex in exchanges:
        for name in (ex.src, ex.dst):
            if name not in seen:
                seen.append(name)
    browsers = [n for n in seen if _is_browser(n)]
    clients = [n for n in seen if n.startswith("jabber-") or n == "learner"]
    fixed = [n for n in LANE_ORDER if n in seen]
    first = browsers + clients + fixed
    return first + [n for n in seen if n not in first]


def _is_browser(lane: str) -> bool:
    return "browser" in lane.casefold()


def _role(lane: str) -> str:
    if lane in LANE_ROLES:
        return LANE_ROLES[lane]
    if lane.startswith("jabber-"):
        return "Jabber"
    return "browser (user agent)" if _is_browser(lane) else ""


def _conceal(target: str) -> str:
    """A request target with its secrets concealed (:func:`uclab.trace.redact.redact`)."""
    return redact(target)


def _color(out: hop_labels.HopOutcome) -> str:
    if out.transport_error:
        return TRANSPORT_COLOR
    return ERROR_COLOR if out.failed else OK_COLOR


def _hover(i: int, ex: Exchange, t0: int) -> str:
    req = ex.request
    if hop_labels.is_xmpp(ex):
        sent = f"XMPP to {req.host}:{req.port}: {hop_labels.xmpp_request_label(ex)}"
    elif hop_labels.is_sip(ex):
        sent = f"{hop_labels.request_label(ex)} to {req.host}:{req.port}"
    else:
        sent = f"{req.method} {_conceal(req.target)}"
    lines = [f"<b>#{i + 1}</b> {esc(ex.src)} → {esc(ex.dst)}", wrap(sent),
             esc(f"Host: {req.host}" + (f":{req.port}" if req.port else ""))]
    prefix = None if hop_labels.is_xmpp(ex) or hop_labels.is_sip(ex) else \
        hop_labels.edge_prefix(req.path)
    if prefix is not None:
        first = req.path.lstrip("/").split("/", 1)[0]
        lines.append(wrap(f"edge prefix {first} = base64url('{prefix}')"))
    out = hop_labels.outcome(ex)
    lines.append("← " + wrap(out.long))
    if out.failed:
        lines.append("<b>failed:</b> " + wrap(out.reason))
    lines.append(esc(f"at {_utc(ex.started_ms)} ({_elapsed(ex.started_ms - t0)})"))
    return "<br>".join(lines + _decision_lines(ex))


def _decision_lines(ex: Exchange) -> list[str]:
    """The hop's AuthZ decision log (:mod:`uclab.sim.cucm.authz.decisions`), if it has one:
    what CUCM's AuthZ checked, refused or ignored, and under which profile."""
    log = AuthzDecisions.from_meta(ex.metadata)
    if log is None or not log.decisions:
        return []
    head = f"<b>AuthZ {esc(log.endpoint)} decisions</b>, {wrap(log.profile)}:"
    return [head] + [wrap(str(d)) for d in log.decisions]


def _failure_note(exchanges: Sequence[Exchange], shown: int,
                  result: Any) -> tuple[int, str] | None:
    """Where the first failure is drawn, and its text: the first failing hop; or, when every
    hop was answered but the client's action failed (``result``, a Jabber outcome), the last
    hop the client itself sent."""
    first = hop_labels.first_failure(list(exchanges[:shown]))
    failed_result = result is not None and not bool(result)
    if first is not None:
        text = hop_labels.outcome(exchanges[first]).reason
        if failed_result:
            text += f"\n(Jabber: {result})"
        return first, text
    if failed_result:
        own = [i for i, ex in enumerate(exchanges[:shown]) if ex.src.startswith("jabber-")]
        return (own[-1] if own else shown - 1), f"every hop was answered, but Jabber: {result}"
    return None


def _arrow(i: int, ex: Exchange, role: str, x: list[float], y: list[float], color: str,
           width: float, opacity: float, hover: str, dash: str) -> dict[str, Any]:
    back = role == "response"
    ends = (ex.dst, ex.src) if back else (ex.src, ex.dst)
    return dict(
        type="scatter", x=x, y=y, mode="lines+markers", name=f"#{i + 1} {ends[0]} → {ends[1]}",
        line={"color": color, "width": width, "dash": dash},
        marker={"symbol": ["circle"] + ["arrow"] * (len(x) - 1), "angleref": "previous",
                "size": [4] + [11] * (len(x) - 1), "color": color},
        opacity=opacity, customdata=[i] * len(x), hovertext=[hover] * len(x),
        hoverinfo="text", meta={"role": role, "index": i})


def ladder(source: Trace | Sequence[Exchange], *, title: str = "",
           highlight: int | None = None, outcome: Any = None) -> go.Figure:
    """A sequence (ladder) diagram of ``source``: one lane per participant (a browser in a lane
    of its own), time going down; each exchange is a request arrow from ``src`` to ``dst`` and
    a response arrow back (dotted).

    Hops are numbered from 1 (the y axis and the hover). Request arrows are labelled with the
    request (``GET …/get_edge_sso``, ``XMPP <auth mechanism='OAUTHBEARER'>``), response arrows
    with the answer in its own protocol (``200``, ``<stream:features> PLAIN``,
    ``<success/>``, ``<failure/>``; :mod:`uclab.trace.hop_text`). The first failing hop
    (HTTP 4xx/5xx, an error redirect, a SASL failure, no answer at all) is drawn in
    :data:`ERROR_COLOR`, what failed is written beside it inside the figure, and the hops
    after it are dimmed.
    ``outcome`` (what ``client.sign_in()`` returned) marks a failure that no hop shows, as in
    the seed article's case. Each arrow trace and its label carry ``customdata`` = the
    exchange's index in ``source``, so a click or a player step maps back to the raw HTTP.
    ``highlight`` (a hop number, from 1) emphasises one hop. At most :data:`MAX_LADDER_HOPS`
    exchanges are drawn. Secrets in query strings are shown as ``<CONCEALED>``.
    """
    exchanges, name = _exchanges_of(source)
    title = title or (f"Ladder: {name}" if name else "Ladder")
    if highlight is not None and (isinstance(highlight, bool) or not isinstance(highlight, int)):
        raise ConfigError(f"highlight must be a hop number (an int, from 1) or None (got "
                          f"{highlight!r})")
    if not exchanges:
        return empty_figure(title, "No exchanges to draw: this trace is empty. Run a scenario "
                            "(for example lab.client.sign_in()) and capture it with lab.trace("
                            "name).", "ladder")
    if highlight is not None and not 1 <= highlight <= len(exchanges):
        raise ConfigError(f"highlight must be a hop number 1-{len(exchanges)} of this trace "
                          f"(got {highlight})")
    lit = None if highlight is None else highlight - 1
    shown = exchanges[:MAX_LADDER_HOPS]
    lanes = lane_order(shown)
    col = {n: k for k, n in enumerate(lanes)}
    n = len(shown)
    t0 = shown[0].started_ms
    note = _failure_note(exchanges, n, outcome)
    failed_at = note[0] if note else None
    fig = new_figure(title, max(320, 120 + 46 * n),
                     margin={"l": 90, "r": 20, "t": 110, "b": 30}, showlegend=False,
                     hovermode="closest",
                     meta={"view": "ladder", "lanes": lanes, "count": n,
                           "total": len(exchanges), "highlight": highlight,
                           "failed_hop": None if failed_at is None else failed_at + 1,
                           "failure": note[1] if note else None})
    for k in range(len(lanes)):
        fig.add_shape(type="line", x0=k, x1=k, y0=-0.8, y1=n - 0.2, layer="below",
                      line={"color": "#b0b0b0", "width": 1, "dash": "dot"})
    if lit is not None and lit < n:
        fig.add_shape(type="rect", x0=-0.5, x1=len(lanes) - 0.5, y0=lit - 0.5,
                      y1=lit + 0.5, layer="below", line={"width": 0},
                      fillcolor=HIGHLIGHT_FILL)
    req: dict[str, list[Any]] = {"x": [], "y": [], "text": [], "color": []}
    res: dict[str, list[Any]] = {"x": [], "y": [], "text": [], "color": []}
    hovers: list[str] = []
    traces: list[dict[str, Any]] = []
    for i, ex in enumerate(shown):
        out = hop_labels.outcome(ex)
        color = _color(out)
        if failed_at is not None and i > failed_at and color == OK_COLOR:
            color = DIMMED_COLOR
        if i == failed_at and not out.transport_error:
            color = ERROR_COLOR
        hover = _hover(i, ex, t0)
        hovers.append(hover)
        xs, xd = col[ex.src], col[ex.dst]
        opacity = 1.0 if lit is None or lit == i else 0.35
        width = 3.5 if i in (lit, failed_at) else 1.8
        if xs == xd:  # a node calling itself: a small loop to the right
            there = ([xs, xs + 0.35, xs + 0.35], [i - 0.18, i - 0.18, i])
            back = ([xs + 0.35, xs + 0.35, xs], [i, i + 0.18, i + 0.18])
        else:
            there, back = ([xs, xd], [i - 0.18, i - 0.18]), ([xd, xs], [i + 0.18, i + 0.18])
        dash = "dash" if out.transport_error else "solid"
        traces.append(_arrow(i, ex, "arrow", *there, color, width, opacity, hover, dash))
        response = _arrow(i, ex, "response", *back, color, max(width - 0.6, 1.2), opacity,
                          hover, "dot")
        if out.transport_error:
            response["visible"] = False  # nothing came back
        traces.append(response)
        mid = (xs + xd) / 2 if xs != xd else xs + 0.2
        shade = color if opacity == 1.0 else "#a8a8a8"
        label, answer = esc(hop_labels.request_label(ex)), esc(out.short)
        req["x"].append(mid)
        req["y"].append(i - 0.22)
        req["text"].append(f"<b>{label}</b>" if lit == i else label)
        req["color"].append("#222222" if shade == OK_COLOR else shade)
        res["x"].append(mid)
        res["y"].append(i + 0.2)
        res["text"].append(f"<b>{answer}</b>" if i == failed_at else answer)
        res["color"].append(shade)
    for part, name_, position, size in ((req, "labels", "top center", 11),
                                        (res, "responses", "bottom center", 10)):
        traces.append(dict(
            type="scatter", x=part["x"], y=part["y"], mode="text", text=part["text"],
            textposition=position, textfont={"size": size, "color": part["color"]},
            customdata=list(range(n)), hovertext=hovers, hoverinfo="text", name=name_,
            meta={"role": name_}))
    # One figure built from plain trace dicts without plotly's per-property validation: ten
    # times faster for a login's two dozen arrows (a widget redraws it on every click).
    # tests/uclab/workbook/views/test_ladder.py proves the result is a valid figure by
    # re-validating it.
    fig = go.Figure(data=traces, layout=fig.layout, _validate=False)
    # the failure note gets a column of its own at the right, inside the plot
    fig.update_xaxes(range=[-0.6, len(lanes) - 0.4 + (2.9 if note else 0)], side="top",
                     tickmode="array", tickvals=list(range(len(lanes))), showline=False,
                     fixedrange=True,
                     ticktext=[f"<b>{esc(lane)}</b><br>{esc(_role(lane))}" for lane in lanes])
    fig.update_yaxes(range=[n - 0.3, -1.0], tickmode="array", tickvals=list(range(n)),
                     ticktext=[f"{i + 1}  {_elapsed(ex.started_ms - t0)}"
                               for i, ex in enumerate(shown)],
                     tickfont={"size": 10, "color": "#666666"})
    if note:
        at, text = note
        fig.add_annotation(
            text=f"<b>✗ hop {at + 1} failed</b><br>" + "<br>".join(
                wrap(part, 38) for part in text.split("\n")),
            x=len(lanes) - 0.3, y=at, xref="x", yref="y", xanchor="left", yanchor="middle",
            align="left", showarrow=False, bgcolor="#fdecea", bordercolor=ERROR_COLOR,
            borderwidth=1, font={"size": 11, "color": ERROR_COLOR}, name="failure")
    if len(exchanges) > n:
        fig.add_annotation(text=f"showing the first {n} of {len(exchanges)} exchanges; pass a "
                                "slice to see the rest", x=0, y=0, xref="paper", yref="paper",
                           yanchor="top", showarrow=False, font={"size": 11, "color": "#555555"})
    return fig
