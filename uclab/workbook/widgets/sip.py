"""The SIP OAuth panel of notebook 11 (section 1): switch the variant (SIP OAuth off / on /
port mismatch / unknown CA on the MRA port) and the REGISTER leg's ladder redraws, with what
Jabber's registration returned. The logic is :func:`uclab.workbook.probes.nb11_sip.run_variant`.
Used in: notebooks/11.
"""

from __future__ import annotations

import threading

import ipywidgets as widgets

from uclab.core.errors import UclabError
from uclab.workbook.probes.nb11_sip import NB11_SIP_VARIANTS, SipRun, run_variant
from uclab.workbook.widgets.output import set_status, show_ladder


class SipOAuthPanel(widgets.VBox):
    """Variant buttons, a status line and the ladder of the registration (device config file,
    then the REGISTER hops); :meth:`run` works without a frontend."""

    def __init__(self, variant: str = "SIP OAuth on", seed: int = 1) -> None:
        self.lock = threading.RLock()
        self.seed = seed
        self.last: SipRun | None = None
        labels = list(NB11_SIP_VARIANTS)
        self.choice = widgets.ToggleButtons(options=labels, value=variant
                                            if variant in labels else labels[1],
                                            description="Variant",
                                            style={"button_width": "auto"})
        self.status = widgets.HTML()
        self.out = widgets.Output()
        super().__init__(children=[self.choice, self.status, self.out])
        self.choice.observe(lambda change: self.run(change["new"]), names="value")
        self.run(self.choice.value)

    def __repr__(self) -> str:
        return f"SipOAuthPanel(variant={self.choice.value!r}, seed={self.seed})"

    def run(self, variant: str) -> SipRun | None:
        """Build the variant's lab, register alice's line, redraw the ladder."""
        with self.lock:
            try:
                run = run_variant(variant, self.seed)
            except UclabError as exc:
                set_status(self.status, str(exc), False)
                return None
            self.last = run
            with run.lab.lock:
                set_status(self.status, f"{variant}: Jabber {run.outcome}", bool(run.outcome))
                show_ladder(self.out, run.exchanges, title=f"SIP OAuth: {variant}",
                            outcome=run.outcome)
            return run


def sip_oauth_panel(variant: str = "SIP OAuth on", seed: int = 1) -> SipOAuthPanel:
    """The panel (module docstring), showing ``variant`` first."""
    return SipOAuthPanel(variant, seed)
