"""The triage map, computed from the catalogue: what the user sees -> which step failed ->
which faults can cause it -> which investigations tell them apart.

Each fault is run once (its own ``build`` and ``probe``); the step is where the probe's
:class:`~uclab.sim.jabber.client.Outcome` stopped, and the user's words are the lab's wording
for that step (:mod:`uclab.facts.drill`). The distinguishing investigations are
:func:`uclab.drill.evidence.shortest_path` against the faults a user reports in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from uclab import facts
from uclab.core.errors import UclabError
from uclab.drill.evidence import Probe, label, shortest_path
from uclab.drill.tools import step_of
from uclab.faults import FAULTS, Fault
from uclab.sim.jabber.client import Outcome

#: what the user says, by the step where the login stopped (lab wording)
USER_SAYS = {"network": facts.USER_SAYS_NO_CONNECTION, "discovery": facts.USER_SAYS_DISCOVERY,
             "sign-in": facts.USER_SAYS_AFTER_PASSWORD, "refresh": facts.USER_SAYS_SIGNED_OUT,
             "xmpp": facts.USER_SAYS_NO_IM, "uds": facts.USER_SAYS_NO_CONTACTS,
             "voicemail": facts.USER_SAYS_NO_VOICEMAIL,
             "sip-register": facts.USER_SAYS_NO_PHONE}


def user_says(outcome: Outcome) -> str:
    """What the user tells the help desk about this outcome (lab wording)."""
    if outcome:
        return "Everything works for me now."
    said = USER_SAYS.get(outcome.stage) or USER_SAYS.get(step_of(outcome.stage))
    return str(said or facts.USER_SAYS_OTHER)


@lru_cache(maxsize=64)
def symptom(fault_id: str, seed: int | str | None = 1) -> tuple[str, str]:
    """(what the user says, the stage where the login stopped) for a fresh lab with the fault."""
    fault: Fault = FAULTS[fault_id]
    lab = fault.build(seed)
    try:
        outcome = fault.probe(lab)
    except UclabError as exc:
        outcome = Outcome(False, "error", str(exc))
    return user_says(outcome), outcome.stage if not outcome else "none"


def rivals(fault_id: str, seed: int | str | None = 1) -> list[str]:
    """Every fault (this one included) whose user report reads the same."""
    said = symptom(fault_id, seed)[0]
    return [f for f in FAULTS if symptom(f, seed)[0] == said]


@dataclass(frozen=True)
class TriageRow:
    """One row of the map: a user's words, the step, the faults, and per fault its tools."""

    number: int
    user_says: str
    step: str
    faults: tuple[str, ...]
    tools: dict[str, tuple[Probe, ...]]

    @property
    def name(self) -> str:
        return f"row {self.number}: {self.user_says} (step: {self.step})"


def _groups(seed: int | str | None) -> dict[tuple[str, str], list[str]]:
    groups: dict[tuple[str, str], list[str]] = {}
    for fid in FAULTS:
        groups.setdefault(symptom(fid, seed), []).append(fid)
    return groups


@lru_cache(maxsize=256)
def path_for(fault_id: str, seed: int | str | None = 1) -> tuple[Probe, ...]:
    """The fault's shortest path against the faults a user reports in the same words."""
    return shortest_path(fault_id, rivals(fault_id, seed), seed)


@lru_cache(maxsize=8)
def triage_map(seed: int | str | None = 1) -> tuple[TriageRow, ...]:
    """The map's rows, one per (user report, failed step), in catalogue order."""
    rows = []
    for number, ((said, step), fids) in enumerate(_groups(seed).items(), start=1):
        tools = {f: path_for(f, seed) for f in fids}
        rows.append(TriageRow(number, said, step, tuple(fids), tools))
    return tuple(rows)


def row_of(fault_id: str, seed: int | str | None = 1) -> TriageRow:
    """The map's row of ``fault_id`` (only that fault's tools are computed)."""
    for number, ((said, step), fids) in enumerate(_groups(seed).items(), start=1):
        if fault_id in fids:
            return TriageRow(number, said, step, tuple(fids),
                             {fault_id: path_for(fault_id, seed)})
    raise KeyError(fault_id)


def triage_text(seed: int | str | None = 1) -> str:
    """The map as text: one block per row, each fault with the investigations that show it."""
    out = []
    for row in triage_map(seed):
        out.append(row.name)
        for fid in row.faults:
            path = ", ".join(label(p) for p in row.tools[fid]) or "(no tool shows it)"
            out.append(f"  {fid:<28} <- {path}")
    return "\n".join(out)
