"""Plotly pictures of the lab: a ladder diagram of a trace, the deployment map with key
checksums, and the token timeline of days of use.

Every builder *returns* a ``plotly.graph_objects.Figure`` and never displays it. Figures use
the small explicit :data:`TEMPLATE` (no plotly default template, so a plotly patch release does
not change them), carry no random ids, and are identical for identical input (same seed, same
``fig.to_dict()``). ``layout.meta`` says which view a figure is and what it shows, so widgets and
tests need not parse labels. Bad input raises :class:`~uclab.core.errors.ConfigError` naming what
was
expected; empty input gives a figure with an explanatory annotation.

Only ``plotly.graph_objects`` is used (``plotly.express`` needs numpy; NOTEBOOK-TOOLING.md
finding 7). Used in: notebooks/00, 03, 05, 07, 08.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from datetime import UTC, datetime
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go

from uclab.core.errors import ConfigError, InvalidRequest
from uclab.core.wire import Exchange
from uclab.protocols.edge_urls import unb64url
from uclab.protocols.keys import AuthzKeys
from uclab.trace.file import Trace
from uclab.workbook.usage import UsageEvent

if TYPE_CHECKING:
    from uclab.lab import Lab
    from uclab.sim.cucm.node import CucmCluster

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

#: Lanes that always come in this order (after the clients), when they take part.
LANE_ORDER = ("public-dns", "expe", "expc", "cucm-pub", "cucm-sub1", "imp-pub", "cuc-pub")
LANE_ROLES = {"public-dns": "public DNS", "dns": "inside DNS", "expe": "Expressway-E",
              "expc": "Expressway-C", "cucm-pub": "CUCM publisher",
              "cucm-sub1": "CUCM subscriber", "imp-pub": "IM&P", "cuc-pub": "Unity Connection",
              "idp": "SAML IdP", "learner": "your session"}
#: A ladder draws at most this many exchanges (pass a slice to see the rest).
MAX_LADDER_HOPS = 400
#: Query parameters whose values never appear in a picture.
_SECRET_PARAMS = ("code", "access_token", "refresh_token", "password", "client_secret",
                  "token", "id_token", "assertion", "samlresponse")
_SECRET_RE = re.compile(r"(?i)(^|[?&])(" + "|".join(_SECRET_PARAMS) + r")=([^&#]*)")
_DOMAIN_RE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+(/https?/[a-z0-9.-]+/\d{1,5})?$", re.I)

# deployment-map trace names (legend entries)
MAP_CURRENT = "current (matches its CUCM publisher)"
MAP_STALE = "stale or none"
MAP_NOKEYS = "holds no keys"
MAP_TRAFFIC = "MRA path to Expressway-C"
MAP_KEYFLOW = "where a key copy comes from"


# == shared helpers ===============================================================================
def _figure(title: str, height: int, **layout: Any) -> go.Figure:
    return go.Figure(layout=go.Layout(template=TEMPLATE, title={"text": _esc(title)},
                                      height=height, **layout))


def _empty(title: str, message: str, view: str) -> go.Figure:
    """A figure with nothing but an explanation (empty input is not an error)."""
    fig = _figure(title, 260, margin={"l": 40, "r": 40, "t": 60, "b": 40}, meta={"view": view,
                                                                                  "empty": True})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(text=_esc(message), x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font={"size": 13, "color": "#555555"})
    return fig


def _esc(text: str) -> str:
    """Escape for plotly's pseudo-HTML: only ``&`` and ``<`` matter (``->`` stays readable)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;")


def _wrap(text: str, width: int = 90) -> str:
    """Escape for plotly's pseudo-HTML and break long lines with ``<br>``."""
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]
    return "<br>".join(_esc(line) for line in lines)


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


# == ladder =======================================================================================
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
    return _SECRET_RE.sub(lambda m: f"{m[1]}{m[2]}=<CONCEALED>", target)


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
    lines = [f"<b>#{i + 1}</b> {_esc(ex.src)} → {_esc(ex.dst)}",
             _wrap(f"{req.method} {_conceal(req.target)}"),
             _esc(f"Host: {req.host}" + (f":{req.port}" if req.port else ""))]
    prefix = _edge_prefix(req.path)
    if prefix is not None:
        first = req.path.lstrip("/").split("/", 1)[0]
        lines.append(_wrap(f"edge prefix {first} = base64url('{prefix}')"))
    lines.append("→ " + _wrap(_outcome(ex)[1]))
    lines.append(_esc(f"at {_utc(ex.started_ms)} ({_elapsed(ex.started_ms - t0)})"))
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
        return _empty(title, "No exchanges to draw: this trace is empty. Run a scenario (for "
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
    fig = _figure(title, max(300, 110 + 30 * n),
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
        label = _esc(f"{ex.request.method} {_short_path(ex)} -> {short}")
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
    # tests/uclab/test_views.py proves the result is a valid figure by re-validating it.
    fig = go.Figure(data=traces, layout=fig.layout, _validate=False)
    fig.update_xaxes(range=[-0.6, len(lanes) - 0.4], side="top", tickmode="array",
                     tickvals=list(range(len(lanes))), showline=False, fixedrange=True,
                     ticktext=[f"<b>{_esc(lane)}</b><br>{_esc(_role(lane))}"
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


# == deployment map ===============================================================================
class _Copy:
    """One key copy (or keyless node) on the map: a status marker and a card beside it."""

    def __init__(self, key: str, x: float, role: str, where: str,
                 keys: AuthzKeys | None, ref: AuthzKeys | None, *, holds_keys: bool = True,
                 fix: str = "", note: str = "", reference: bool = False,
                 origin: str = "") -> None:
        self.key, self.x, self.role, self.where = key, x, role, where
        self.origin = origin
        self.y = 0.0
        #: the card's lines below the title, each with "is this line a problem?"
        self.lines: list[tuple[str, bool]] = []
        self.hover_lines: list[str] = []
        if not holds_keys:
            self.status = "nokeys"
            self.lines = [(note or "holds no keys", False)]
            self.hover_lines = [_esc(note or "holds no keys")]
            return
        if keys is None:
            self.status = "none"
            self.lines = [("signing none", True), ("encryption none", True)]
            self.hover_lines = [_esc("no AuthZ keys held" + (f"; fix: {fix}" if fix else ""))]
            return
        stale = []
        for kind, mine, theirs in (
                ("signing", keys.signing_checksum, ref.signing_checksum if ref else None),
                ("encryption", keys.encryption_checksum,
                 ref.encryption_checksum if ref else None)):
            bad = mine != theirs
            stale.append(bad)
            self.lines.append((f"{kind} {mine[:8]}" + (" stale" if bad else ""), bad))
            self.hover_lines.append(_esc(f"show key authz {kind}: {mine}"))
            if bad:
                self.hover_lines.append(_esc(f"   the publisher has {theirs or 'no keys'}"))
        self.status = "stale" if any(stale) else "current"
        self.hover_lines.append(_esc(
            "the reference: every other copy is compared with it" if reference
            else f"stale; fix: {fix}" if self.status == "stale" and fix
            else "stale" if self.status == "stale" else "matches the publisher's current keys"))

    @property
    def text(self) -> str:
        """The card: role, where, then one line per key (problem lines in red)."""
        body = [f'<span style="color:{STALE_COLOR}">{_esc(t)}</span>' if bad else _esc(t)
                for t, bad in self.lines]
        return "<br>".join([f"<b>{_esc(self.role)}</b>", _esc(self.where), *body])

    @property
    def hover(self) -> str:
        return "<br>".join([f"<b>{_esc(self.role)}</b> {_esc(self.where)}", *self.hover_lines])


def _cluster_of(lab: Lab, address: str) -> CucmCluster | None:
    for cluster in getattr(lab, "clusters", [lab.cucm]):
        if address.lower() in {n.host for n in cluster.nodes}:
            return cluster
    return None


def _short(host: str) -> str:
    return host.split(".")[0]


def _map_copies(lab: Lab) -> list[_Copy]:
    """Every node and key copy of the deployment, in map order (left to right)."""
    copies: list[_Copy] = []
    client = getattr(lab, "_client", None)  # not lab.client: drawing must not create one
    copies.append(_Copy("jabber", 0, "Jabber", client.name if client else "the user's client",
                        None, None, holds_keys=False,
                        note=f"holds tokens, not keys; {client.state}" if client
                        else "holds tokens, not keys"))
    edge = getattr(lab, "edge", None)
    if edge is not None:
        copies.append(_Copy("expe", 1, "Expressway-E", _short(edge.host), None, None,
                            holds_keys=False, note="no keys: relays to Expressway-C"))
    expc = getattr(lab, "expc", None)
    if expc is not None:
        for server in expc.ucm_servers:
            cluster = server.cluster or _cluster_of(lab, server.address)
            copies.append(_Copy(
                f"expc:{_short(server.address)}", 2, "Expressway-C",
                f"copy for {_short(server.address)}", server.keys,
                cluster.publisher.keys if cluster else None,
                fix="Unified CM servers > Refresh servers on Expressway-C",
                origin=_short(cluster.publisher.host) if cluster else ""))
        if not expc.ucm_servers:
            copies.append(_Copy("expc:-", 2, "Expressway-C", "no Unified CM server", None, None,
                                fix="add the CUCM publisher, then Refresh servers"))
    for cluster in getattr(lab, "clusters", [lab.cucm]):
        pub = cluster.publisher
        copies.append(_Copy(_short(pub.host), 3, "CUCM publisher", _short(pub.host), pub.keys,
                            pub.keys, reference=True))
        for node in cluster.subscribers:
            copies.append(_Copy(_short(node.host), 3, "CUCM subscriber", _short(node.host),
                                node.keys, pub.keys, origin=_short(pub.host),
                                fix="the publisher replicates its keys to the cluster"))
    imp = getattr(lab, "imp", None)
    if imp is not None:
        name = _short(imp.host)
        db = {c.cluster.publisher.host: c for c in imp.database_keys()}
        xcp = {c.cluster.publisher.host: c for c in imp.xcp_auth_keys()}
        for host in dict.fromkeys([*db, *xcp]):
            cluster = (db.get(host) or xcp[host]).cluster
            tag = _short(host)
            home = cluster is imp.home
            copies.append(_Copy(
                f"{name}:db:{tag}", 4, "IM&P database", f"{name}, copy of {tag}",
                db[host].keys if host in db else None, cluster.publisher.keys, origin=tag,
                fix="CUCM pushes new keys to its IM&P nodes" if home
                else "Save and Synchronize on the centralized IM&P cluster"))
            copies.append(_Copy(
                f"{name}:xcp:{tag}", 4, "IM&P XCP Authentication Service",
                f"{name}, running copy of {tag}", xcp[host].keys if host in xcp else None,
                cluster.publisher.keys, origin=f"{name}:db:{tag}",
                fix="restart Cisco XCP Authentication Service on IM&P"))
    unity = getattr(lab, "unity", None)
    if unity is not None:
        name = _short(unity.host)
        for server in unity.authz_servers:
            cluster = server.cluster or _cluster_of(lab, server.server_node_address)
            copies.append(_Copy(
                f"{name}:{server.display_name}", 4, "Unity Connection",
                f"{name}, Authz server {server.display_name}", server.keys,
                cluster.publisher.keys if cluster else None,
                origin=_short(cluster.publisher.host) if cluster else "",
                fix="Authz Servers > Sync Keys on Unity Connection"))
        if not unity.authz_servers:
            copies.append(_Copy(f"{name}:-", 4, "Unity Connection", name, None, None,
                                fix="Authz Servers > Add New (the CUCM publisher)"))
    return copies


_CARD_STYLE = {"current": (CURRENT_COLOR, "#f1f8f1"), "stale": (STALE_COLOR, "#fdeeee"),
               "none": (STALE_COLOR, "#fdeeee"), "nokeys": (NOKEYS_COLOR, "#f6f6f6")}


def deployment_map(lab: Lab) -> go.Figure:
    """The deployment left (Internet) to right (inside), with each node's AuthZ key copies.

    Each copy is a square marker with a card beside it: the first 8 hex characters of its
    signing and encryption checksums (``show key authz``). A copy that differs from its CUCM
    publisher's current keys says "stale", a missing one "none"; both are red
    (:data:`STALE_COLOR`), and the hover names the fix. Expressway-E and Jabber hold no keys
    (grey). Solid lines are the MRA path to Expressway-C, dotted ones where each copy comes from.
    This is the troubleshooting step "compare show key authz everywhere" as a picture (S5, S6,
    S3, S12). Marker ``customdata`` and ``layout.meta["copies"]`` name each copy.
    """
    from uclab.lab import Lab

    if not isinstance(lab, Lab):
        raise ConfigError(f"deployment_map needs a uclab.Lab (got {type(lab).__name__})")
    with lab.lock:
        copies = _map_copies(lab)
    columns: dict[float, list[_Copy]] = {}
    for c in copies:
        columns.setdefault(c.x, []).append(c)
    tallest = max(len(v) for v in columns.values())
    for items in columns.values():
        for k, c in enumerate(items):
            c.y = (len(items) - 1) / 2 - k
    bad = [c for c in copies if c.status in ("stale", "none")]
    summary = ("every key copy matches its CUCM publisher" if not bad else
               f"{len(bad)} cop{'y' if len(bad) == 1 else 'ies'} stale or missing: " +
               ", ".join(f"{c.role} ({c.where})" for c in bad))
    top = (tallest - 1) / 2 + 0.75
    fig = _figure("Deployment map: show key authz, everywhere", 170 + 100 * tallest,
                  margin={"l": 10, "r": 10, "t": 80, "b": 40}, hovermode="closest",
                  meta={"view": "deployment_map", "stale": [c.key for c in bad],
                        "copies": {c.key: c.status for c in copies}})
    for x0, x1, zone, fill in ((-0.15, 0.95, "Internet", "#f3f6fa"),
                               (0.95, 1.95, "DMZ", "#fbf5ea"),
                               (1.95, 5.0, "Inside", "#f4f9f4")):
        fig.add_shape(type="rect", x0=x0, x1=x1, y0=-top, y1=top, layer="below",
                      line={"width": 0}, fillcolor=fill)
        fig.add_annotation(text=f"<b>{zone}</b>", x=(x0 + x1) / 2, y=top, yanchor="top",
                           showarrow=False, font={"size": 12, "color": "#666666"})
    _map_links(fig, copies)
    for name, status, color in ((MAP_CURRENT, "current", CURRENT_COLOR),
                                (MAP_STALE, "stale", STALE_COLOR),
                                (MAP_NOKEYS, "nokeys", NOKEYS_COLOR)):
        chosen = [c for c in copies
                  if c.status == status or (status == "stale" and c.status == "none")]
        fig.add_trace(go.Scatter(
            x=[c.x for c in chosen], y=[c.y for c in chosen], mode="markers", name=name,
            marker={"symbol": "square", "size": 14, "color": color,
                    "line": {"color": "#ffffff", "width": 1}},
            text=[c.text for c in chosen], hovertext=[c.hover for c in chosen],
            hoverinfo="text", customdata=[c.key for c in chosen], meta={"role": status}))
    for c in copies:  # the cards, drawn above the links so that lines pass behind them
        border, fill = _CARD_STYLE[c.status]
        fig.add_annotation(text=c.text, x=c.x + 0.06, y=c.y, xanchor="left", yanchor="middle",
                           align="left", showarrow=False, bgcolor=fill, bordercolor=border,
                           borderwidth=1, borderpad=4, font={"size": 10},
                           hovertext=c.hover, name=c.key)
    fig.add_annotation(text=_esc(summary), x=0, y=1.0, xref="paper", yref="paper",
                       xanchor="left", yanchor="bottom", showarrow=False,
                       font={"size": 12, "color": STALE_COLOR if bad else CURRENT_COLOR},
                       name="summary")
    fig.update_xaxes(visible=False, range=[-0.15, 5.0], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-top, top], fixedrange=True)
    return fig


def _map_links(fig: go.Figure, copies: list[_Copy]) -> None:
    """The MRA path from the Internet to Expressway-C (solid), and where each key copy comes
    from (dotted)."""
    by_key = {c.key: c for c in copies}
    expcs = [c for c in copies if c.key.startswith("expc:")]
    traffic = [(by_key["jabber"], by_key["expe"])] if "expe" in by_key else []
    if "expe" in by_key and expcs:
        traffic.append((by_key["expe"], expcs[0]))
    keyflow = [(by_key[c.origin], c) for c in copies if c.origin in by_key]
    for name, pairs, style in ((MAP_TRAFFIC, traffic, {"color": "#9aa5b1", "width": 2}),
                               (MAP_KEYFLOW, keyflow,
                                {"color": "#6a8caf", "width": 1.2, "dash": "dot"})):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for a, b in pairs:
            xs += [a.x, b.x, None]
            ys += [a.y, b.y, None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=name, line=style,
                                 hoverinfo="skip", meta={"role": "links"}))


# == token timeline ===============================================================================
_TIMELINE_ROWS = {"sign-in": 4, "re-login": 4, "refresh token": 3, "access token": 2,
                  "refresh": 1, "refresh-failed": 1, "use": 0}
_TIMELINE_TICKS = ["uses", "refreshes", "access tokens", "refresh token", "sign-ins"]
_EVENT_STYLE = {  # kind -> (legend name, symbol, colour, size)
    "sign-in": ("sign-in", "star", CURRENT_COLOR, 13),
    "re-login": ("re-login (user types the password again)", "diamond", "#e67e22", 12),
    "refresh": ("silent refresh", "triangle-right", OK_COLOR, 8),
    "refresh-failed": ("refresh failed", "x", STALE_COLOR, 11),
    "use": ("use of a service", "circle", "#7f7f7f", 5),
}


def _events_of(events: object) -> list[UsageEvent]:
    if not isinstance(events, list | tuple):
        raise ConfigError("token_timeline needs the list of UsageEvent that uclab.workbook.usage."
                          f"simulate_usage(lab) returns (got {type(events).__name__})")
    for i, ev in enumerate(events):
        if not isinstance(ev, UsageEvent):
            raise ConfigError(f"token_timeline needs UsageEvent objects; item {i} is a "
                              f"{type(ev).__name__}")
    return list(events)


def _iso_s(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")


def token_timeline(events: Sequence[UsageEvent], *, title: str = "") -> go.Figure:
    """A timeline of ``events`` (from :func:`uclab.workbook.usage.simulate_usage`) over days of use.

    Rows, top to bottom: sign-ins and re-logins; the refresh token's validity (one bar per
    refresh token); each access token's validity; silent refreshes (and failed ones, red);
    uses of a service (failed uses red). A dashed line marks each refresh-token expiry and an
    arrow points at each forced re-login. x is days since the run started.
    """
    items = _events_of(events)
    title = title or "Tokens over days of use"
    if not items:
        return _empty(title, "No usage events to draw: run uclab.workbook.usage."
                      "simulate_usage(lab) and pass its result.", "token_timeline")
    origin = items[0].at - round(items[0].day * 86400)

    def day(seconds: int) -> float:
        return round((seconds - origin) / 86400, 6)

    end = max(e.day for e in items)
    pad = max(0.015 * end, 0.02)
    right = end + 2 * pad
    fig = _figure(title, 430, margin={"l": 110, "r": 30, "t": 70, "b": 120},
                  hovermode="closest", barmode="overlay",
                  legend={"orientation": "h", "x": 0, "y": -0.3, "yanchor": "top"},
                  meta={"view": "token_timeline",
                        "counts": {k: sum(e.kind == k for e in items) for k in _EVENT_STYLE}})
    issued = [e for e in items if e.ok and e.kind in ("sign-in", "re-login", "refresh")]
    refresh_tokens: list[UsageEvent] = []
    for e in issued:
        if e.refresh_expires_at and (not refresh_tokens or
                                     e.refresh_expires_at != refresh_tokens[-1].refresh_expires_at):
            refresh_tokens.append(e)
    for row, name, chosen, expiry, colors in (
            ("refresh token", "refresh token valid", refresh_tokens,
             lambda e: e.refresh_expires_at, ("#9ecae1", "#6baed6")),
            ("access token", "access token valid", [e for e in issued if e.access_expires_at],
             lambda e: e.access_expires_at, ("#31708f",))):
        fig.add_trace(go.Bar(
            orientation="h", base=[e.day for e in chosen],
            x=[round(day(expiry(e)) - e.day, 6) for e in chosen],
            y=[_TIMELINE_ROWS[row]] * len(chosen), width=0.55, name=name,
            marker={"color": [colors[k % len(colors)] for k in range(len(chosen))],
                    "line": {"width": 0}},
            hovertext=[f"<b>{name}</b><br>from day {e.day:.2f} ({_iso_s(e.at)})<br>"
                       f"expires day {day(expiry(e)):.2f} ({_iso_s(expiry(e))})"
                       for e in chosen], hoverinfo="text", meta={"role": row}))
    for kind, (name, symbol, color, size) in _EVENT_STYLE.items():
        chosen = [e for e in items if e.kind == kind]
        fig.add_trace(go.Scatter(
            x=[e.day for e in chosen], y=[_TIMELINE_ROWS[kind]] * len(chosen), mode="markers",
            name=name, marker={"symbol": symbol, "size": size,
                               "color": [color if e.ok else STALE_COLOR for e in chosen]},
            hovertext=[f"<b>{kind}</b> day {e.day:.2f} ({_iso_s(e.at)})<br>{_wrap(e.outcome)}"
                       for e in chosen], hoverinfo="text",
            customdata=[k for k, e in enumerate(items) if e.kind == kind],
            meta={"role": kind}))
    for e in refresh_tokens:
        x = day(e.refresh_expires_at)
        if x > right:  # expires after the run: say so at the right edge instead
            fig.add_annotation(text=f"valid until day {x:.2f} →", x=right, y=3,
                               xanchor="right", showarrow=False,
                               font={"size": 10, "color": "#08306b"})
            continue
        fig.add_shape(type="line", x0=x, x1=x, y0=-0.5, y1=4.5, layer="below",
                      line={"color": STALE_COLOR, "width": 1, "dash": "dash"})
        fig.add_annotation(text=f"refresh token expires (day {x:.2f})", x=x, y=4.5,
                           xanchor="right", yanchor="bottom", showarrow=False,
                           font={"size": 10, "color": STALE_COLOR})
    for k, e in enumerate(items):
        if e.kind == "re-login" and k and items[k - 1].kind == "refresh-failed":
            fig.add_annotation(text=f"forced re-login, day {e.day:.2f}", x=e.day, y=4,
                               ax=-45, ay=0, xanchor="right", showarrow=True, arrowhead=2,
                               font={"size": 11, "color": "#e67e22"}, arrowcolor="#e67e22")
    fig.update_xaxes(title={"text": "days since the first sign-in"},
                     range=[-pad, right], showgrid=True, gridcolor="#eeeeee",
                     zeroline=False)
    fig.update_yaxes(tickmode="array", tickvals=list(range(5)), ticktext=_TIMELINE_TICKS,
                     range=[-0.7, 5.0], fixedrange=True)
    return fig
