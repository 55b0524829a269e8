"""The labs probes start from: a working lab, alice signed in, and "exactly one fix works"."""

from __future__ import annotations

from collections.abc import Callable

from uclab.core.errors import ConfigError
from uclab.faults import FAULTS
from uclab.lab import Lab
from uclab.sim.jabber.client import Jabber


def working_lab(seed: int) -> Lab:
    """A lab of ``seed`` configured as the guides say (Lab.configure_oauth)."""
    lab = Lab(seed=seed)
    lab.configure_oauth()
    return lab


def signed_in(seed: int) -> tuple[Lab, Jabber]:
    lab = working_lab(seed)
    client = lab.client
    if not client.sign_in():
        raise ConfigError("the working lab did not sign in")
    return lab, client



def signed_in_at(seed: int) -> tuple[Lab, Jabber, int]:
    """A working lab, and the index of the first exchange of alice's sign-in."""
    lab = working_lab(seed)
    start = len(lab.exchanges)
    if not lab.client.sign_in():
        raise ConfigError("the working lab did not sign in")
    return lab, lab.client, start


def the_one_fix(fault_id: str, candidates: dict[str, Callable[[Lab], object]],
                 seed: int) -> str:
    """Apply each candidate fix to a fresh lab with the fault; exactly one must work."""
    fault = FAULTS[fault_id]
    working = []
    for text, action in candidates.items():
        lab = fault.build(seed)
        action(lab)
        if fault.probe(lab):
            working.append(text)
    if len(working) != 1:
        raise ConfigError(f"expected exactly one working fix, got {working}")
    return working[0]
