"""Notebook 11, section 2 "More than one cluster": the variants its widget switches between, and
the probes of its exercises (``uclab/workbook/exercises/11-clusters.toml``).

Each variant is a seeded lab (``Lab(expressway_clusters=2)``, ``Lab(cucm_clusters=2)``) with
OAuth configured the way the guides give it (S9, S6), then the sign-ins that show it; what each
Expressway-C was told is read from its own pages (:func:`told`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from uclab import facts, faults
from uclab.core.errors import ConfigError
from uclab.core.wire import Exchange
from uclab.faults import clusters as cluster_faults
from uclab.lab import Lab
from uclab.protocols.uds import parse_cluster_user
from uclab.sim.jabber.client import Outcome
from uclab.sim.topology import SECOND_HOME_USER
from uclab.workbook.probes.labs import the_one_fix
from uclab.workbook.probes.registry import probe

__all__ = ["FIX_CHOICES", "VARIANTS", "Variant", "run_variant", "told"]

#: the variants the section's widget switches between, in its order
VARIANTS = ("one Expressway cluster, one CUCM cluster",
            "two Expressway clusters, both refreshed",
            "two Expressway clusters, the second not refreshed",
            "two CUCM clusters: the home cluster through UDS clusterUser")


@dataclass
class Variant:
    """One variant run: its lab, each sign-in's outcome, and the exchanges of the last one."""

    name: str
    lab: Lab
    outcomes: list[tuple[str, str, Outcome]] = field(default_factory=list)  # user, edge, outcome
    exchanges: list[Exchange] = field(default_factory=list)

    @property
    def last(self) -> Outcome:
        return self.outcomes[-1][2]

    def summary(self) -> str:
        return "\n".join(f"{user:6} via {edge:22} {outcome}"
                         for user, edge, outcome in self.outcomes)


def _sign_in(variant: Variant, user: str, *, xmpp: bool = True) -> None:
    lab = variant.lab
    start = len(lab.exchanges)
    client = lab.jabber(user)
    outcome = client.sign_in(xmpp=xmpp)
    if outcome:
        outcome = client.use_service("uds")
    edge = (client.edge or "-").split(":")[0]
    variant.outcomes.append((user, edge, outcome))
    variant.exchanges = list(lab.exchanges[start:])


def run_variant(name: str, seed: int = 1) -> Variant:
    """Build the variant's lab of ``seed`` and sign its users in, one after the other."""
    if name not in VARIANTS:
        raise ConfigError(f"unknown variant {name!r}; one of: {'; '.join(VARIANTS)}")
    if name == VARIANTS[2]:
        lab = faults.get("expc-cluster-not-refreshed").build(seed)
    else:
        lab = Lab(seed=seed, expressway_clusters=2 if name in VARIANTS[1:3] else 1,
                  cucm_clusters=2 if name == VARIANTS[3] else 1)
        lab.configure_oauth()
    variant = Variant(name, lab)
    if name == VARIANTS[3]:
        _sign_in(variant, "alice", xmpp=False)
        _sign_in(variant, SECOND_HOME_USER, xmpp=False)  # cucm2's IM&P is not in the lab
    elif name == VARIANTS[0]:
        _sign_in(variant, "alice")
    else:
        for user in cluster_faults.PROBE_USERS:
            _sign_in(variant, user)
    return variant


def told(lab: Lab) -> str:
    """What each Expressway-C was told: its MRA Access Control row that matters and its
    Unified CM servers page (the keys it holds come from its own Refresh servers)."""
    lines = []
    for expc, edge in lab.edge_pairs:
        on = facts.ON if expc.access.authorize_by_oauth_token_with_refresh else facts.OFF
        lines.append(f"{expc.host} (its edge {edge.host}): {facts.OAUTH_REFRESH} = {on}")
        for row in expc.server_table():
            lines.append("  " + " | ".join(f"{k}: {v}" for k, v in row.items()))
    return "\n".join(lines)


# -- the exercises' probes ----------------------------------------------------------------------
@probe
def clusters_failing_stage(seed: int) -> str:
    """Two Expressway clusters, the second not refreshed: at which stage does the user whose
    lookup reaches the second edge fail?"""
    variant = run_variant(VARIANTS[2], seed)
    failed = [o for _, _, o in variant.outcomes if not o]
    if len(failed) != 1:
        raise ConfigError(f"expected one failing user, got {variant.summary()}")
    return failed[0].stage


@probe
def clusters_home_named(seed: int) -> str:
    """Two CUCM clusters: which host does the clusterUser answer for dave name in
    <homeCluster>?"""
    lab = Lab(seed=seed, cucm_clusters=2)
    resp = lab.session("tester").get(
        f"https://{lab.cucm.publisher.host}:{facts.CUCM_HTTPS_PORT}{facts.UDS_CLUSTER_USER}",
        params={"username": SECOND_HOME_USER})
    return parse_cluster_user(resp.text).home


#: the fixes exercise 11-clusters-fix offers, each the admin action it stands for
FIX_CHOICES = {
    "Refresh servers on the second Expressway-C":
        lambda lab: lab.edge_pairs[1][0].refresh_servers(),
    "Refresh servers on the first Expressway-C":
        lambda lab: lab.edge_pairs[0][0].refresh_servers(),
    "Regenerate the CUCM signing key": lambda lab: lab.cucm.publisher.cli(
        str(facts.CLI_REGEN_SIGNING), confirm=True),
    "Restart the second Expressway-E": lambda lab: None,
}


@probe
def clusters_fix(seed: int) -> str:
    """Which one action makes both users sign in?"""
    return the_one_fix("expc-cluster-not-refreshed", FIX_CHOICES, seed)
