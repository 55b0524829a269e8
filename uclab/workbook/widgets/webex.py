"""The renewal panel of notebook 11 section 5: Jabber or the Webex app, CUCM 14 or 15, the
refresh token renewal on or off in CUCM and in the app; each change reruns 100 days of use
(:func:`uclab.workbook.probes.nb11_webex.renewal_usage`) and redraws the token timeline, where a
renewal is a green line (S3)."""

from __future__ import annotations

import threading

import ipywidgets as widgets

from uclab import facts
from uclab.core.errors import UclabError
from uclab.workbook.probes import nb11_webex
from uclab.workbook.views.timeline import renewals, token_timeline
from uclab.workbook.widgets.output import set_status, show_figure


class RenewalPanel(widgets.VBox):
    """Switch client, CUCM release and the two renewal settings; see the token timeline."""

    def __init__(self, seed: int = 1, *, days: int = 100) -> None:
        self.seed, self.days = seed, days
        self.lock = threading.RLock()
        self.events: list = []
        self.figure = None
        style = {"description_width": "initial"}
        self.client = widgets.Dropdown(options=[(v, k) for k, v in
                                                nb11_webex.CLIENT_LABELS.items()],
                                       value="webex", description="client", style=style)
        self.cucm = widgets.Dropdown(options=(nb11_webex.CUCM_BEFORE, nb11_webex.CUCM_WITH),
                                     value=nb11_webex.CUCM_WITH, description="CUCM",
                                     style=style)
        self.on_cucm = widgets.Checkbox(value=True, description=f"{facts.RENEWAL_FEATURE} on "
                                        "in CUCM", style=style)
        self.on_app = widgets.Checkbox(value=True, description=f"{facts.RENEWAL_FEATURE} on "
                                       "in the app", style=style)
        self.status = widgets.HTML()
        self.output = widgets.Output()
        row = widgets.Layout(flex_flow="row wrap")
        super().__init__(children=[widgets.HBox([self.client, self.cucm], layout=row),
                                   widgets.HBox([self.on_cucm, self.on_app], layout=row),
                                   self.status, self.output])
        for w in (self.client, self.cucm, self.on_cucm, self.on_app):
            w.observe(lambda change: self.update(), names="value")
        self.update()

    def choose(self, *, client: str | None = None, cucm: str | None = None,
               on_cucm: bool | None = None, on_app: bool | None = None) -> str:
        """Set any of the four controls at once (one redraw) and return :meth:`summary`."""
        with self.lock, self.hold_trait_notifications():
            for widget, value in ((self.client, client), (self.cucm, cucm),
                                  (self.on_cucm, on_cucm), (self.on_app, on_app)):
                if value is not None:
                    widget.unobserve_all("value")
                    widget.value = value
                    widget.observe(lambda change: self.update(), names="value")
        self.update()
        return self.summary()

    def update(self) -> None:
        with self.lock:
            try:
                self.events = nb11_webex.renewal_usage(
                    self.seed, days=self.days, client=self.client.value,
                    cucm_version=self.cucm.value, cucm_renewal=self.on_cucm.value,
                    client_renewal=self.on_app.value)
            except UclabError as exc:
                self.events, self.figure = [], None
                set_status(self.status, f"Not a setting the product has: {exc}", ok=False)
                show_figure(self.output, None)
                return
            label = nb11_webex.CLIENT_LABELS[self.client.value]
            self.figure = token_timeline(self.events, title=f"{self.days} days of {label} on "
                                         f"CUCM {self.cucm.value}")
            show_figure(self.output, self.figure)
            set_status(self.status, self.summary(), ok=not self._relogins())

    def _relogins(self) -> int:
        return sum(e.kind == "re-login" for e in self.events)

    def summary(self) -> str:
        """One line: renewals and forced re-logins of the current run."""
        if not self.events:
            return "no run (see the error above)"
        days = [f"{e.day:.2f}" for e in renewals(self.events)]
        renewed = f"refresh token renewed on day {', '.join(days)}" if days else \
            "no renewal: the first refresh token is kept"
        return f"{renewed}; forced re-logins: {self._relogins()}"


def renewal_panel(seed: int = 1) -> RenewalPanel:
    return RenewalPanel(seed)
