"""Probes of notebook 00, the tour: who Jabber talks to first, and who holds keys."""

from __future__ import annotations

from uclab.core.errors import ConfigError
from uclab.workbook.probes.labs import signed_in_at, working_lab
from uclab.workbook.probes.registry import probe


@probe
def first_contact_from_internet(seed: int) -> str:
    """The role (as the ladder names it) of the first node Jabber talks to from outside."""
    from uclab.workbook.views import LANE_ROLES

    lab, client, start = signed_in_at(seed)
    first = next(ex for ex in lab.exchanges[start:] if ex.src == client.name)
    return LANE_ROLES[first.dst]


@probe
def srv_record_to_edge(seed: int) -> str:
    """The SRV record (without the domain) whose answer named Expressway-E."""
    from uclab.sim.dns import parse_answers

    lab, client, start = signed_in_at(seed)
    for ex in lab.exchanges[start:]:
        if ex.src == client.name and ex.request.method == "SRV" and ex.response is not None:
            if any(r.target == lab.edge.host for r in parse_answers(ex.response)):
                return ex.request.path.lstrip("/").removesuffix(f".{lab.domain}")
    raise ConfigError("no SRV answer named Expressway-E")


@probe
def login_exchanges_reaching_cucm(seed: int) -> int:
    """How many exchanges of one MRA sign-in are received by a CUCM node."""
    lab, client, start = signed_in_at(seed)
    cucm = {node.host.split(".")[0] for node in lab.cucm.nodes}
    hops = [ex for ex in lab.exchanges[start:] if ex.dst in cucm]
    if any(ex.src == client.name for ex in hops):
        raise ConfigError("Jabber reached CUCM directly over MRA")
    return len(hops)


@probe
def keyless_nodes(seed: int) -> list[str]:
    """The deployment map's boxes that hold no AuthZ keys, by the names the exercise uses (the
    map draws :func:`uclab.workbook.inventory.key_copies`)."""
    from uclab.workbook.inventory import key_copies
    from uclab.workbook.views import LANE_ROLES

    names = {"jabber": "Jabber", **LANE_ROLES}
    return sorted(names[c.key] for c in key_copies(working_lab(seed)) if c.status == "nokeys")
