"""Probes of notebook 08, the troubleshooting drill: each answer is read off a drill of the
exercise's seed (:mod:`uclab.drill`), so the key cannot drift from what the drill does."""

from __future__ import annotations

from uclab import drill
from uclab.drill.evidence import label
from uclab.workbook.probes.registry import probe

#: the fault of notebook 08's "which tool" question
NB08_TOOL_FAULT = "expressway-ntp"


@probe
def drill_failed_stage(seed: int) -> str:
    """Where the drill's user's login stopped (the Outcome stage of what the user did)."""
    return drill.start(seed).report_outcome.stage


@probe
def drill_herring_is_the_cause(seed: int) -> str:
    """Whether reverting the drill's red herring repairs the login ("yes" / "no")."""
    first = drill.start(seed)
    first.answer(next(iter(drill.session.FAULTS)), "F1")
    if first.herring is None:
        return "no"
    revert = next(f for f in drill.FIXES.values() if f.herring == first.herring.id)
    return "yes" if drill.start(seed).answer(first.fault.id, revert.id).login_works else "no"


@probe
def drill_cheapest_tool(seed: int) -> str:
    """The investigation that tells NB08_TOOL_FAULT apart from its rivals at the least cost."""
    return ", ".join(label(p) for p in drill.path_for(NB08_TOOL_FAULT, seed))
