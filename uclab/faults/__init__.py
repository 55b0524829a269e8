"""The fault registry: misconfigurations of real deployments, each a *state* of the lab.

A fault puts a working lab (:meth:`Lab.configure_oauth`) into a broken state using only real
admin actions or product state (a parameter, a key copy, a clock, a client build); nothing in
the token code asks "is fault X on?". Each entry says where the fact comes from, what a user
sees, and the admin action that fixes it; :func:`check` proves both by running the probe before
and after the fix. Widgets, docs tables and tests are generated from :data:`FAULTS`.
"""

from __future__ import annotations

from dataclasses import dataclass

from uclab.core.errors import ConfigError
from uclab.faults.catalogue import FAULTS
from uclab.faults.model import Fault, Probe
from uclab.faults.probes import keep_using, sign_in_and_use, sign_in_and_use_no_xmpp
from uclab.sim.jabber.client import Outcome

__all__ = ["FAULTS", "Fault", "FaultCheck", "Probe", "check", "get", "keep_using",
           "sign_in_and_use", "sign_in_and_use_no_xmpp", "table"]


def get(fault_id: str) -> Fault:
    """The fault with this id; an unknown id names the known ones."""
    fault = FAULTS.get(fault_id) if isinstance(fault_id, str) else None
    if fault is None:
        raise ConfigError(f"unknown fault {fault_id!r}; known faults: {', '.join(FAULTS)}")
    return fault


@dataclass
class FaultCheck:
    """Symptom with the fault in place, and the outcome after the fix."""

    fault: Fault
    before: Outcome
    symptom_seen: bool
    after: Outcome

    @property
    def proven(self) -> bool:
        return self.symptom_seen and bool(self.after)


def check(fault_id: str, seed: int | str | None = 1) -> FaultCheck:
    """Build the faulty lab, probe it, apply the fix, probe again."""
    fault = get(fault_id)
    lab = fault.build(seed)
    before = fault.probe(lab)
    seen = fault.shows(lab, before)
    fault.repair(lab)
    after = fault.probe(lab)
    return FaultCheck(fault, before, seen, after)


def table() -> list[dict[str, str]]:
    """The registry as rows (id, title, component, symptom, fix, source)."""
    return [{"id": f.id, "title": f.title, "component": f.component, "symptom": f.symptom,
             "fix": f.fix, "source": f.source} for f in FAULTS.values()]
