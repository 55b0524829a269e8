"""The release selector: pick CUCM, Jabber and Expressway releases and two settings, and see
which flow Jabber gets over MRA and why (:func:`uclab.workbook.compat.which_flow`, fact sheet
1.1). Used in: notebooks/04.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Sequence

import ipywidgets as widgets

from uclab import facts
from uclab.core.errors import ConfigError, UclabError
from uclab.workbook import compat
from uclab.workbook.widgets.output import BAD

#: the release lists of the selector (fact sheet 1.1 boundaries on both sides of each rule):
#: each boundary is its registry entry, the releases beside them are the lab's choice
CUCM_RELEASES = ("10.0(1)", str(facts.RELEASE_IMPLICIT), "11.5(1)SU2", str(facts.RELEASE_REFRESH),
                 "12.0(1)", str(facts.RELEASE_REFRESH_RANGE_365), "14.0(1)", "15.0(1)")
JABBER_RELEASES = ("10.5", str(facts.JABBER_IMPLICIT), "11.8", str(facts.JABBER_REFRESH), "12.8",
                   "14.3")
EXPRESSWAY_RELEASES = ("X8.9", str(facts.EXPRESSWAY_REFRESH_ALT), "X12.5.7", "X14.3")


class ReleaseSelector(widgets.VBox):
    """Pick CUCM, Jabber and Expressway releases and two settings; see which flow Jabber gets
    over MRA and why (:func:`uclab.workbook.compat.which_flow`), updated on every change."""

    def __init__(self, cucm: str = "12.5(1)", jabber: str = "12.8",
                 expressway: str = "X12.5.7", *, sso: bool = False,
                 refresh_enabled: bool = True) -> None:
        self.lock = threading.RLock()
        self.answer: compat.FlowAnswer | None = None
        self.error = ""
        # "initial": a label as wide as its text, never cut ("CUCM / IM…"); each dropdown
        # sizes itself, and the row wraps on a narrow screen
        style = {"description_width": "initial"}
        fit = widgets.Layout(width="auto", min_width="max-content", margin="0 12px 4px 0")
        self.cucm = widgets.Dropdown(options=CUCM_RELEASES, value=_pick(cucm, CUCM_RELEASES),
                                     description="CUCM / IM&P / CUC", style=style, layout=fit)
        self.jabber = widgets.Dropdown(options=JABBER_RELEASES,
                                       value=_pick(jabber, JABBER_RELEASES),
                                       description="Jabber", style=style, layout=fit)
        self.expressway = widgets.Dropdown(options=EXPRESSWAY_RELEASES,
                                           value=_pick(expressway, EXPRESSWAY_RELEASES),
                                           description="Expressway", style=style, layout=fit)
        self.sso = widgets.Checkbox(value=bool(sso), description=str(compat.SSO_IMPLICIT),
                                    style=style)
        self.refresh = widgets.Checkbox(
            value=bool(refresh_enabled), style=style,
            description=f"{facts.PARAM_REFRESH_FLOW} = {facts.ENABLED}")
        self.result = widgets.HTML()
        wrap = widgets.Layout(flex_flow="row wrap")
        super().__init__(children=[
            widgets.HBox([self.cucm, self.jabber, self.expressway], layout=wrap),
            widgets.HBox([self.sso, self.refresh], layout=wrap), self.result])
        for w in (self.cucm, self.jabber, self.expressway, self.sso, self.refresh):
            w.observe(lambda change: self.update(), names="value")
        self.update()

    def __repr__(self) -> str:
        return (f"ReleaseSelector(cucm={self.cucm.value!r}, jabber={self.jabber.value!r}, "
                f"expressway={self.expressway.value!r}, sso={self.sso.value}, "
                f"refresh_enabled={self.refresh.value})")

    def update(self) -> compat.FlowAnswer | None:
        """Recompute the answer from the current selection."""
        with self.lock:
            try:
                self.answer = compat.which_flow(self.cucm.value, self.jabber.value,
                                                self.expressway.value, sso=self.sso.value,
                                                refresh_enabled=self.refresh.value)
                self.error = ""
            except UclabError as exc:
                self.answer, self.error = None, str(exc)
                self.result.value = f"<span style='color:{BAD}'>{html.escape(self.error)}</span>"
                return None
            a = self.answer
            items = "".join(f"<li>{html.escape(r)}</li>" for r in a.reasons)
            unsure = "".join(f"<li><i>{html.escape(u)}</i></li>" for u in a.uncertain)
            self.result.value = (f"<b>{html.escape(a.flow)}</b><ul>{items}</ul>"
                                 + (f"Uncertain:<ul>{unsure}</ul>" if unsure else ""))
            return a


def _pick(value: str, options: Sequence[str]) -> str:
    if value not in options:
        raise ConfigError(f"{value!r} is not in the list; choose one of {', '.join(options)}")
    return value


def release_selector(cucm: str = "12.5(1)", jabber: str = "12.8", expressway: str = "X12.5.7",
                     *, sso: bool = False, refresh_enabled: bool = True) -> ReleaseSelector:
    """Dropdowns for the releases, checkboxes for SAML SSO and the refresh flow, and the
    answer of :func:`uclab.workbook.compat.which_flow` with its reasons and sources."""
    return ReleaseSelector(cucm, jabber, expressway, sso=sso, refresh_enabled=refresh_enabled)
