"""More than one cluster: the nodes a second Expressway-C/E pair or a second CUCM cluster adds to
a deployment, as :class:`~uclab.lab.Lab` assembles them (``Lab(expressway_clusters=2)``,
``Lab(cucm_clusters=2)``).

* A second **Expressway cluster** (its own Expressway-C and Expressway-E) in front of the same
  CUCM cluster: the peers of one Expressway cluster share their configuration, replicated from
  the primary (Expressway Cluster Creation and Maintenance Deployment Guide X14.3, "Clustering
  Basics"), so a separate cluster has its own MRA Access Control page, its own Unified CM
  servers list and its own key copy from its own "Refresh servers" (S6, S7) — the lab's reading
  that nothing is shared between separate clusters [U]. Both edges answer
  ``_collab-edge._tls.<domain>`` at the same priority and weight (:mod:`uclab.sim.dns` says how
  a client ends up at one of them).
* A second **CUCM cluster** whose users are homed there (the End User "Home Cluster" check box,
  UDSPROD): Expressway-C knows it as one more Unified CM server, and finds a user's home through
  UDS clusterUser, which "first scans the local cluster and then fans out to search remote
  clusters" (UDSSYS). Which remote clusters a real UDS searches comes from ILS (UDSPROD: ask the
  ILS hub publisher); the lab's UDS searches every telephony cluster of the deployment [U].
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from uclab import facts
from uclab.sim.expressway import ExpresswayC, ExpresswayE

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext
    from uclab.sim.cucm.cluster import CucmCluster
    from uclab.sim.dns import DnsServer
    from uclab.sim.imp import ImpNode
    from uclab.sim.unity import UnityConnection

__all__ = ["SECOND_EDGE", "SECOND_HOME_USER", "add_edge_pair"]

#: the second pair's short names and addresses (documentation ranges, RFC 5737)
SECOND_EDGE = {"expc2": "192.0.2.21", "expe2": "203.0.113.21"}
#: the sample user homed on the second CUCM cluster
SECOND_HOME_USER = "dave"


def add_edge_pair(ctx: NodeContext, public_dns: DnsServer, clusters: list[CucmCluster],
                  imp: ImpNode, unity: UnityConnection, account: tuple[str, str]
                  ) -> tuple[ExpresswayC, ExpresswayE]:
    """A second Expressway-C/E pair as installed: MRA on with the Access Control defaults, the
    publishers added as Unified CM servers, IM&P and Unity Connection given, no Refresh servers
    yet; its edge published beside the first one in ``_collab-edge._tls``."""
    domain = ctx.domain
    core = ExpresswayC(ctx, f"expc2.{domain}", name="expc2")
    edge = ExpresswayE(ctx, f"expe2.{domain}", core, name="expe2")
    core.edge_host = edge.host
    for node, name in ((core, "expc2"), (edge, "expe2")):
        ctx.network.attach(node, name)
        ctx.network.addresses[name] = SECOND_EDGE[name]
    public_dns.add_srv(f"{facts.SRV_COLLAB_EDGE}.{domain}", edge.host, facts.EDGE_HTTPS_PORT)
    for cluster in clusters:
        core.add_ucm_server(cluster.publisher.host, *account)
    core.add_imp_server(imp.host)
    imp.sasl_hosts.add(edge.host)
    core.add_unity_server(unity.host)
    return core, edge
