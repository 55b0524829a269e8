"""A fault: what it is, where the fact comes from, what breaks, and the admin fix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from uclab.lab import Lab
from uclab.sim.jabber.client import Outcome

Probe = Callable[[Lab], Outcome]


@dataclass(frozen=True)
class Fault:
    """One misconfiguration: what it is, where the fact comes from, what breaks, the fix."""

    id: str
    title: str
    component: str
    description: str
    source: str
    symptom: str
    fix: str
    apply: Callable[[Lab], None] = field(repr=False)
    repair: Callable[[Lab], None] = field(repr=False)
    probe: Probe = field(repr=False)
    shows: Callable[[Lab, Outcome], bool] = field(repr=False)
    lab_options: tuple[tuple[str, str], ...] = ()
    weakens: str = ""
    #: the uclab.diagnose rule that recognises this fault from the logs alone
    signature: str = ""

    def build(self, seed: int | str | None = 1) -> Lab:
        """A configured lab of ``seed`` with this fault in place."""
        lab = Lab(seed=seed, **dict(self.lab_options))
        lab.configure_oauth()
        self.apply(lab)
        return lab
