"""The push panel of notebook 11 section 4: alice's iPhone app in the foreground or suspended,
push configured or not, the IM arriving 30 minutes or 2 hours after her last use; each change
reruns :func:`uclab.workbook.probes.nb11_apns.ios_im` and redraws the ladder of what happened
from the IM on (lab model of IMPPUSH14; :mod:`uclab.sim.push`)."""

from __future__ import annotations

import threading

import ipywidgets as widgets

from uclab.core.errors import UclabError
from uclab.trace.hop_text import summary
from uclab.workbook.probes import nb11_apns
from uclab.workbook.widgets.output import set_status, show_ladder, show_text

STATES = ("foreground", "suspended")


class PushPanel(widgets.VBox):
    """Switch the app state, push, and the time since the last use; see the ladder."""

    def __init__(self, seed: int = 1) -> None:
        self.seed = seed
        self.lock = threading.RLock()
        self.delivery = None
        self.exchanges: list = []
        self.figure = None
        style = {"description_width": "initial"}
        self.state = widgets.ToggleButtons(options=STATES, value="suspended",
                                           description="app", style=style)
        self.push = widgets.Checkbox(value=True, description="push configured (IM&P, and "
                                     "Expressway-C refreshed and restarted)", style=style)
        self.hours = widgets.Dropdown(options=nb11_apns.HOURS_AWAY, value=2.0,
                                      description="hours since the last use", style=style)
        self.status = widgets.HTML()
        self.hops = widgets.Output()
        self.ladder = widgets.Output()
        super().__init__(children=[self.state, widgets.HBox([self.push, self.hours]),
                                   self.status, self.hops, self.ladder])
        for w in (self.state, self.push, self.hours):
            w.observe(lambda change: self.update(), names="value")
        self.update()

    def choose(self, *, state: str | None = None, push: bool | None = None,
               hours: float | None = None) -> str:
        """Set the controls at once and return the hops as text."""
        with self.lock:
            for widget, value in ((self.state, state), (self.push, push), (self.hours, hours)):
                if value is not None:
                    widget.unobserve_all("value")
                    widget.value = value
                    widget.observe(lambda change: self.update(), names="value")
        self.update()
        return self.text()

    def update(self) -> None:
        with self.lock:
            try:
                lab, self.delivery = nb11_apns.ios_im(
                    self.seed, suspended=self.state.value == "suspended",
                    push=self.push.value, hours=self.hours.value)
            except UclabError as exc:
                set_status(self.status, str(exc), ok=False)
                return
            self.exchanges = nb11_apns.delivery_exchanges(lab, self.delivery)
            set_status(self.status, f"IM from bob: {self.delivery.path}",
                       ok=bool(self.delivery))
            show_text(self.hops, self.text())
            if self.exchanges:
                self.figure = show_ladder(self.ladder, self.exchanges,
                                          title=f"IM for a {self.state.value} iPhone app")
            else:
                self.figure = None
                show_text(self.ladder, "no new exchange: nothing to draw")

    def text(self) -> str:
        lines = [f"delivered: {'yes' if self.delivery else 'no'} ({self.delivery.path})"
                 if self.delivery is not None else "no run"]
        lines += [f"  {i:>2}  {summary(ex)}" for i, ex in enumerate(self.exchanges, 1)]
        return "\n".join(lines)


def push_panel(seed: int = 1) -> PushPanel:
    return PushPanel(seed)
