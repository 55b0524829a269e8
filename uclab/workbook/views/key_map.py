"""The deployment map: the deployment left (Internet) to right (inside), with each node's AuthZ
key copies as cards. What is held where, and whether it is current, is
:func:`uclab.workbook.inventory.key_copies`; this module only draws it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import plotly.graph_objects as go

from uclab.core.errors import ConfigError
from uclab.workbook.inventory import KEY_KINDS, KeyCopy, key_copies
from uclab.workbook.views.figure import (
    CURRENT_COLOR,
    NOKEYS_COLOR,
    STALE_COLOR,
    esc,
    new_figure,
)

if TYPE_CHECKING:
    from uclab.lab import Lab

# deployment-map trace names (legend entries)
MAP_CURRENT = "current (matches its CUCM publisher)"
MAP_STALE = "stale or none"
MAP_NOKEYS = "holds no keys"
MAP_TRAFFIC = "MRA path to Expressway-C"
MAP_KEYFLOW = "where a key copy comes from"
_CARD_STYLE = {"current": (CURRENT_COLOR, "#f1f8f1"), "stale": (STALE_COLOR, "#fdeeee"),
               "none": (STALE_COLOR, "#fdeeee"), "nokeys": (NOKEYS_COLOR, "#f6f6f6")}


def _card_lines(c: KeyCopy) -> list[tuple[str, bool]]:
    """The card's lines below the title, each with "is this line a problem?"."""
    if c.status == "nokeys":
        return [(c.note or "holds no keys", False)]
    if c.status == "none":
        return [(f"{kind} none", True) for kind in KEY_KINDS]
    stale = c.stale_kinds
    return [(f"{kind} {str(c.checksum(kind))[:8]}" + (" stale" if kind in stale else ""),
             kind in stale) for kind in KEY_KINDS]


def _hover_lines(c: KeyCopy) -> list[str]:
    if c.status == "nokeys":
        return [esc(c.note or "holds no keys")]
    if c.status == "none":
        return [esc("no AuthZ keys held" + (f"; fix: {c.fix}" if c.fix else ""))]
    lines = []
    for kind in KEY_KINDS:
        lines.append(esc(f"show key authz {kind}: {c.checksum(kind)}"))
        if kind in c.stale_kinds:
            lines.append(esc(f"   the publisher has {c.expected(kind) or 'no keys'}"))
    lines.append(esc(
        "the reference: every other copy is compared with it" if c.reference
        else f"stale; fix: {c.fix}" if c.status == "stale" and c.fix
        else "stale" if c.status == "stale" else "matches the publisher's current keys"))
    return lines


def _card(c: KeyCopy) -> str:
    """The card: role, where, then one line per key (problem lines in red)."""
    body = [f'<span style="color:{STALE_COLOR}">{esc(t)}</span>' if bad else esc(t)
            for t, bad in _card_lines(c)]
    return "<br>".join([f"<b>{esc(c.role)}</b>", esc(c.where), *body])


def _hover(c: KeyCopy) -> str:
    return "<br>".join([f"<b>{esc(c.role)}</b> {esc(c.where)}", *_hover_lines(c)])


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
    copies = key_copies(lab)
    columns: dict[int, list[int]] = {}
    for i, c in enumerate(copies):
        columns.setdefault(c.tier, []).append(i)
    tallest = max(len(v) for v in columns.values())
    y = [0.0] * len(copies)  # each copy's height in its column, centred
    for items in columns.values():
        for k, i in enumerate(items):
            y[i] = (len(items) - 1) / 2 - k
    bad = [c for c in copies if c.status in ("stale", "none")]
    summary = ("every key copy matches its CUCM publisher" if not bad else
               f"{len(bad)} cop{'y' if len(bad) == 1 else 'ies'} stale or missing: " +
               ", ".join(f"{c.role} ({c.where})" for c in bad))
    top = (tallest - 1) / 2 + 0.75
    fig = new_figure("Deployment map: show key authz, everywhere", 170 + 100 * tallest,
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
    _map_links(fig, copies, y)
    for name, status, color in ((MAP_CURRENT, "current", CURRENT_COLOR),
                                (MAP_STALE, "stale", STALE_COLOR),
                                (MAP_NOKEYS, "nokeys", NOKEYS_COLOR)):
        chosen = [i for i, c in enumerate(copies)
                  if c.status == status or (status == "stale" and c.status == "none")]
        fig.add_trace(go.Scatter(
            x=[copies[i].tier for i in chosen], y=[y[i] for i in chosen], mode="markers",
            name=name,
            marker={"symbol": "square", "size": 14, "color": color,
                    "line": {"color": "#ffffff", "width": 1}},
            text=[_card(copies[i]) for i in chosen],
            hovertext=[_hover(copies[i]) for i in chosen], hoverinfo="text",
            customdata=[copies[i].key for i in chosen], meta={"role": status}))
    for c, at in zip(copies, y, strict=True):  # the cards, above the links: lines pass behind
        border, fill = _CARD_STYLE[c.status]
        fig.add_annotation(text=_card(c), x=c.tier + 0.06, y=at, xanchor="left",
                           yanchor="middle",
                           align="left", showarrow=False, bgcolor=fill, bordercolor=border,
                           borderwidth=1, borderpad=4, font={"size": 10},
                           hovertext=_hover(c), name=c.key)
    fig.add_annotation(text=esc(summary), x=0, y=1.0, xref="paper", yref="paper",
                       xanchor="left", yanchor="bottom", showarrow=False,
                       font={"size": 12, "color": STALE_COLOR if bad else CURRENT_COLOR},
                       name="summary")
    fig.update_xaxes(visible=False, range=[-0.15, 5.0], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-top, top], fixedrange=True)
    return fig


def _map_links(fig: go.Figure, copies: list[KeyCopy], y: list[float]) -> None:
    """The MRA path from the Internet to Expressway-C (solid), and where each key copy comes
    from (dotted)."""
    by_key = {c.key: i for i, c in enumerate(copies)}
    expcs = [i for i, c in enumerate(copies) if c.key.startswith("expc:")]
    traffic = [(by_key["jabber"], by_key["expe"])] if "expe" in by_key else []
    if "expe" in by_key and expcs:
        traffic.append((by_key["expe"], expcs[0]))
    keyflow = [(by_key[c.origin], i) for i, c in enumerate(copies) if c.origin in by_key]
    for name, pairs, style in ((MAP_TRAFFIC, traffic, {"color": "#9aa5b1", "width": 2}),
                               (MAP_KEYFLOW, keyflow,
                                {"color": "#6a8caf", "width": 1.2, "dash": "dot"})):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for a, b in pairs:
            xs += [copies[a].tier, copies[b].tier, None]
            ys += [y[a], y[b], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=name, line=style,
                                 hoverinfo="skip", meta={"role": "links"}))
