"""The SSO-over-MRA switcher of notebook 11 (section 3): pick the IdP profile (AD FS, Entra
ID) or one of the SAML faults, and the ladder of Alice's MRA sign-in redraws - her embedded
browser in its own lane, Jabber's back channel in another - with the outcome and the log lines
that show it (secrets concealed). The logic is :mod:`uclab.workbook.probes.nb11_sso`.

Drive it without clicks: ``select(variant)``; read ``outcome``, ``exchanges``, ``figure``.
"""

from __future__ import annotations

import threading
from typing import Any

import ipywidgets as widgets

from uclab import facts
from uclab.core.errors import UclabError
from uclab.core.wire import Exchange
from uclab.workbook.probes.nb11_sso import VARIANTS, mra_sign_in
from uclab.workbook.widgets.output import set_status, show_ladder, show_text


class SsoSwitcher(widgets.VBox):
    """A dropdown of :data:`~uclab.workbook.probes.nb11_sso.VARIANTS` and the ladder."""

    def __init__(self, seed: int = 1, variant: str = "AD FS") -> None:
        self.seed = seed
        self.lock = threading.RLock()
        self.outcome: Any = None
        self.exchanges: list[Exchange] = []
        self.figure: Any = None
        self.dropdown = widgets.Dropdown(options=list(VARIANTS), value=None,
                                         description="IdP / fault")
        self.status = widgets.HTML()
        self.ladder_output = widgets.Output()
        self.logs_output = widgets.Output(layout=widgets.Layout(max_height="300px",
                                                                overflow="auto"))
        logs = widgets.Accordion(children=[self.logs_output],
                                 titles=("SAML log lines of the sign-in (secrets concealed)",))
        super().__init__(children=[self.dropdown, self.status, self.ladder_output, logs])
        self.dropdown.observe(lambda change: self.select(change["new"]), names="value")
        self.dropdown.value = variant if variant in VARIANTS else "AD FS"

    def __repr__(self) -> str:
        return f"SsoSwitcher(variant={self.dropdown.value!r}, seed={self.seed!r})"

    def select(self, variant: str) -> bool:
        """Run Alice's MRA sign-in in ``variant`` and redraw; an unknown one is named."""
        with self.lock:
            if variant not in VARIANTS:
                set_status(self.status, f"unknown variant {variant!r}", ok=False)
                return False
            if self.dropdown.value != variant:
                self.dropdown.value = variant  # observes back into select
                return True
            try:
                lab, self.outcome, start = mra_sign_in(self.seed, variant)
            except UclabError as exc:
                set_status(self.status, str(exc), ok=False)
                return False
            self.exchanges = list(lab.exchanges[start:])
            set_status(self.status, f"{variant}: {self.outcome}", ok=bool(self.outcome))
            self.figure = show_ladder(self.ladder_output, self.exchanges,
                                      title=f"SSO over MRA: {variant}", outcome=self.outcome)
            wanted = (str(facts.EVENT_SSO), "cucm-ssosp")
            lines = [ln.render() for ln in lab.logs
                     if ln.dialect == "cucm-ssosp" or ln.get("Event") in wanted]
            show_text(self.logs_output, "\n".join(lines) or "(no SAML log lines)")
            return True


def sso_switcher(seed: int = 1, variant: str = "AD FS") -> SsoSwitcher:
    """The SSO-over-MRA switcher (notebook 11, section 3)."""
    return SsoSwitcher(seed, variant)
