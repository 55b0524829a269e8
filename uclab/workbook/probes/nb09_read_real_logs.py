"""Probes of notebook 09: reading real logs with :mod:`uclab.diagnose`."""

from __future__ import annotations

from uclab import faults
from uclab.diagnose import diagnose, excerpts
from uclab.workbook.probes.registry import probe

#: the bundled excerpts the exercises use (data/real/)
ROLE_EXCERPT = "jabber-uds-403-end-user-role-missing.log"
SEED_EXCERPT = "seed-jabber-xmpp-no-sasl-mechanism.log"


def _report(name: str):
    path = excerpts()[name]
    return diagnose(text={name: path.read_text(encoding="utf-8")})


def simulated_logs(fault_id: str, seed: int) -> dict[str, str]:
    """Every host's log of a lab with the fault in place, after its probe ran, by host."""
    fault = faults.get(fault_id)
    lab = fault.build(seed)
    fault.probe(lab)
    return {f"{h}.log": lab.render_logs(host=h) for h in sorted({ln.host for ln in lab.logs})}


@probe
def real_excerpt_failing_step(seed: int) -> str:
    """The first failing login step of the bundled TAC 221845 excerpt."""
    return str(_report(ROLE_EXCERPT).failing_step)


@probe
def real_excerpt_is_oauth(seed: int) -> str:
    """Whether the bundled TAC 221845 excerpt's failure is an OAuth problem."""
    first = _report(ROLE_EXCERPT).first
    return "yes" if first is not None and first.oauth else "no"


@probe
def fault_like_the_seed(seed: int) -> str:
    """The simulator's fault whose logs give the same first finding as the seed excerpt."""
    rule = _report(SEED_EXCERPT).first.rule
    for fault in faults.FAULTS.values():
        first = diagnose(text=simulated_logs(fault.id, seed)).first
        if first is not None and first.rule == rule:
            return fault.id
    return "none"
