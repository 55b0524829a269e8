"""The token timeline: days of Jabber use (:func:`uclab.workbook.usage.simulate_usage`) as
sign-ins, token validity bars, silent refreshes and uses, with each refresh-token expiry and
forced re-login marked, and each refresh that also renewed the refresh token (CUCM 15, Webex
clients, S3)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from itertools import pairwise

import plotly.graph_objects as go

from uclab.core.errors import ConfigError
from uclab.workbook.usage import UsageEvent
from uclab.workbook.views.figure import (
    CURRENT_COLOR,
    OK_COLOR,
    STALE_COLOR,
    empty_figure,
    new_figure,
    wrap,
)

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


def renewals(events: Sequence[UsageEvent]) -> list[UsageEvent]:
    """The successful refreshes that brought a new refresh token (CUCM 15's renewal, S3): the
    client's refresh-token expiry changed at a refresh, not at a sign-in."""
    found, held = [], 0
    for e in events:
        if e.ok and e.kind == "refresh" and held and e.refresh_expires_at \
                and e.refresh_expires_at != held:
            found.append(e)
        if e.ok and e.refresh_expires_at:
            held = e.refresh_expires_at
    return found


def _iso_s(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")


def token_timeline(events: Sequence[UsageEvent], *, title: str = "") -> go.Figure:
    """A timeline of ``events`` (from :func:`uclab.workbook.usage.simulate_usage`) over days of use.

    Rows, top to bottom: sign-ins and re-logins; the refresh token's validity (one bar per
    refresh token); each access token's validity; silent refreshes (and failed ones, red);
    uses of a service (failed uses red). A dashed line marks each refresh-token expiry and an
    arrow points at each forced re-login. x is days since the run started. A refresh that
    renewed the refresh token (:func:`renewals`) ends the old token's bar there (the client
    holds the new one), gets a green line and a label, and the figure's ``meta`` counts it.
    """
    items = _events_of(events)
    title = title or "Tokens over days of use"
    if not items:
        return empty_figure(title, "No usage events to draw: run uclab.workbook.usage."
                      "simulate_usage(lab) and pass its result.", "token_timeline")
    origin = items[0].at - round(items[0].day * 86400)

    def day(seconds: int) -> float:
        return round((seconds - origin) / 86400, 6)

    end = max(e.day for e in items)
    pad = max(0.015 * end, 0.02)
    right = end + 2 * pad
    renewed = renewals(items)
    meta = {"view": "token_timeline",
            "counts": {k: sum(e.kind == k for e in items) for k in _EVENT_STYLE}}
    if renewed:
        meta["renewals"] = [e.day for e in renewed]
    fig = new_figure(title, 430, margin={"l": 110, "r": 30, "t": 70, "b": 120},
                  hovermode="closest", barmode="overlay",
                  legend={"orientation": "h", "x": 0, "y": -0.3, "yanchor": "top"},
                  meta=meta)
    issued = [e for e in items if e.ok and e.kind in ("sign-in", "re-login", "refresh")]
    refresh_tokens: list[UsageEvent] = []
    for e in issued:
        if e.refresh_expires_at and (not refresh_tokens or
                                     e.refresh_expires_at != refresh_tokens[-1].refresh_expires_at):
            refresh_tokens.append(e)
    # a renewed token's bar ends where the client took the new one (lab: the old one stays
    # valid until it expires, but the client no longer holds it)
    held_until = {id(old): new.at for old, new in pairwise(refresh_tokens)
                  if any(new is r for r in renewed)}
    for row, name, chosen, expiry, colors in (
            ("refresh token", "refresh token valid", refresh_tokens,
             lambda e: held_until.get(id(e), e.refresh_expires_at), ("#9ecae1", "#6baed6")),
            ("access token", "access token valid", [e for e in issued if e.access_expires_at],
             lambda e: e.access_expires_at, ("#31708f",))):
        fig.add_trace(go.Bar(
            orientation="h", base=[e.day for e in chosen],
            x=[round(day(expiry(e)) - e.day, 6) for e in chosen],
            y=[_TIMELINE_ROWS[row]] * len(chosen), width=0.55, name=name,
            marker={"color": [colors[k % len(colors)] for k in range(len(chosen))],
                    "line": {"width": 0}},
            hovertext=[f"<b>{name}</b><br>from day {e.day:.2f} ({_iso_s(e.at)})<br>"
                       + ("replaced by a renewed one" if row == "refresh token"
                          and id(e) in held_until else "expires")
                       + f" day {day(expiry(e)):.2f} ({_iso_s(expiry(e))})"
                       for e in chosen], hoverinfo="text", meta={"role": row}))
    for kind, (name, symbol, color, size) in _EVENT_STYLE.items():
        chosen = [e for e in items if e.kind == kind]
        fig.add_trace(go.Scatter(
            x=[e.day for e in chosen], y=[_TIMELINE_ROWS[kind]] * len(chosen), mode="markers",
            name=name, marker={"symbol": symbol, "size": size,
                               "color": [color if e.ok else STALE_COLOR for e in chosen]},
            hovertext=[f"<b>{kind}</b> day {e.day:.2f} ({_iso_s(e.at)})<br>{wrap(e.outcome)}"
                       for e in chosen], hoverinfo="text",
            customdata=[k for k, e in enumerate(items) if e.kind == kind],
            meta={"role": kind}))
    for e in renewed:
        fig.add_shape(type="line", x0=e.day, x1=e.day, y0=-0.5, y1=4.5, layer="below",
                      line={"color": OK_COLOR, "width": 1.5})
        fig.add_annotation(text=f"refresh token renewed (day {e.day:.2f})", x=e.day, y=3.45,
                           xanchor="left", yanchor="bottom", showarrow=False,
                           font={"size": 10, "color": OK_COLOR})
    for e in refresh_tokens:
        if id(e) in held_until:
            continue  # renewed before it ran out: no expiry the client meets
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
