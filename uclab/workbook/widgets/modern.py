"""The modern-OAuth panel: pick an OAuth profile of CUCM's AuthZ (``cisco`` or the lab-only
``rfc9700``) and an attack; the panel runs it on a fresh lab, redraws the ladder (each AuthZ
hop's decision log in its hover) and prints the decision log beneath
(:mod:`uclab.workbook.probes.nb11_modern` does the work). Used in: notebooks/11, section 7.
"""

from __future__ import annotations

import threading
from typing import Any

import ipywidgets as widgets

from uclab import facts
from uclab.core.errors import UclabError
from uclab.sim.cucm.authz.profiles import PROFILES
from uclab.workbook.probes.nb11_modern import ATTACKS, WRONG_VERIFIER, Attempt, attempt
from uclab.workbook.widgets.output import set_status, show_ladder, show_text


class ModernOAuthPanel(widgets.VBox):
    """Switch profile and attack; the ladder and the decision log redraw on every change.

    Drive it without clicks: ``select(profile=..., attack=...)``; read ``result`` (the
    :class:`~uclab.workbook.probes.nb11_modern.Attempt`), ``figure`` and ``status``.
    """

    def __init__(self, seed: int = 1, profile: str = str(facts.PROFILE_CISCO),
                 attack: str = WRONG_VERIFIER) -> None:
        self.seed = seed
        self.lock = threading.RLock()
        self.result: Attempt | None = None
        self.figure: Any = None
        self.profile = widgets.ToggleButtons(options=list(PROFILES), value=None,
                                             description="Profile")
        self.attack = widgets.Dropdown(options=list(ATTACKS), value=None, description="Attack",
                                       layout=widgets.Layout(width="auto"))
        self.status = widgets.HTML()
        self.ladder_output = widgets.Output()
        self.log_output = widgets.Output()
        super().__init__(children=[self.profile, self.attack, self.status, self.ladder_output,
                                   self.log_output])
        if not self.select(profile, attack):
            self.select(str(facts.PROFILE_CISCO), WRONG_VERIFIER)
        for w in (self.profile, self.attack):
            w.observe(lambda _change: self.update(), names="value")

    def __repr__(self) -> str:
        return (f"ModernOAuthPanel(profile={self.profile.value!r}, "
                f"attack={self.attack.value!r}, seed={self.seed!r})")

    def select(self, profile: str | None = None, attack: str | None = None) -> bool:
        """Pick a profile and/or an attack (``None`` keeps the current one) and redraw; an
        unknown name is named in the status and changes nothing."""
        with self.lock:
            for value, choices, what in ((profile, PROFILES, "profile"),
                                         (attack, ATTACKS, "attack")):
                if value is not None and (not isinstance(value, str) or value not in choices):
                    set_status(self.status, f"Unknown {what} {str(value)[:40]!r}; choose one of "
                                            f"{', '.join(choices)}", ok=False)
                    return False
            self._quiet = True
            try:
                if profile is not None:
                    self.profile.value = profile
                if attack is not None:
                    self.attack.value = attack
            finally:
                self._quiet = False
            return self.update() is not None

    def update(self) -> Attempt | None:
        """Run the selected attack against the selected profile and redraw."""
        if getattr(self, "_quiet", False) or self.profile.value is None \
                or self.attack.value is None:
            return None
        with self.lock:
            try:
                result = attempt(self.profile.value, self.attack.value, self.seed)
            except UclabError as exc:
                self.result = None
                set_status(self.status, str(exc), ok=False)
                return None
            self.result = result
            with result.lab.lock:
                self.figure = show_ladder(self.ladder_output, result.exchanges,
                                          title=f"{result.attack}: profile {result.profile} "
                                                "(hover an AuthZ hop for its decisions)")
            show_text(self.log_output, result.decision_table())
            set_status(self.status, result.summary(), ok=not result.succeeded)
            return result


def modern_oauth_panel(seed: int = 1, profile: str = str(facts.PROFILE_CISCO),
                       attack: str = WRONG_VERIFIER) -> ModernOAuthPanel:
    """The profile and attack switch of notebook 11's modern-OAuth section."""
    return ModernOAuthPanel(seed, profile, attack)
