"""A drill's scene: its lab, the user's action (the fault's probe), where the drill began, and
the nodes each tool can run on (by short host name)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from uclab import facts
from uclab.core.errors import ConfigError, UclabError
from uclab.lab import Lab
from uclab.sim.jabber.client import Outcome


@dataclass
class Scene:
    """A drill's lab, the user's action (the fault's probe) and where the drill began."""

    lab: Lab
    probe: Callable[[Lab], Outcome]
    since_log: int = 0
    since_exchange: int = 0
    #: the window of the last reproduction: (first log index, first exchange index)
    window: tuple[int, int] = (0, 0)
    outcomes: list[Outcome] = field(default_factory=list)
    #: the user who reported the problem (the probe's Jabber user)
    user: str = "alice"

    def reproduce(self) -> Outcome:
        """The user tries again (the fault's own probe); a lab error is a failed outcome."""
        self.window = (len(self.lab.logs), len(self.lab.exchanges))
        try:
            outcome = self.probe(self.lab)
        except UclabError as exc:
            outcome = Outcome(False, "error", str(exc))
        self.outcomes.append(outcome)
        users = [h.split(".")[0].removeprefix("jabber-") for h in
                 {ln.host for ln in self.lab.logs[self.window[0]:]
                  if ln.dialect == facts.PRT_LOG_NAME}]
        if users:
            self.user = sorted(users)[0]
        return outcome



def short(host: str) -> str:
    return host.split(".")[0]


# -- which nodes each tool takes ------------------------------------------------------------------
def uc_nodes(lab: Lab) -> list[str]:
    """CUCM nodes of every cluster and the IM&P nodes (where ``show key authz`` runs, S5)."""
    hosts = [n.host for c in lab.clusters for n in c.nodes] + [lab.imp.host]
    if lab.central_imp is not None:
        hosts.append(lab.central_imp.publisher.host)
    return [short(h) for h in dict.fromkeys(hosts)]


def ntp_nodes(lab: Lab) -> list[str]:
    return [*uc_nodes(lab), short(lab.unity.host), short(lab.expc.host), short(lab.edge.host)]


def expressway_nodes(lab: Lab) -> list[str]:
    return [short(lab.expc.host), short(lab.edge.host)]


def imp_nodes(lab: Lab) -> list[str]:
    hosts = [lab.imp.host] + ([lab.central_imp.publisher.host] if lab.central_imp else [])
    return [short(h) for h in hosts]


def host_of(lab: Lab, node: str) -> str:
    for host in [n.host for c in lab.clusters for n in c.nodes] + \
            [lab.imp.host, lab.unity.host, lab.expc.host, lab.edge.host] + \
            ([lab.central_imp.publisher.host] if lab.central_imp else []):
        if node in (host, short(host)):
            return host
    raise ConfigError(f"unknown node {node!r}")


