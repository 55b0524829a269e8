"""Which node holds which copy of the AuthZ keys, and whether each copy is current.

The troubleshooting step "compare ``show key authz`` everywhere" as data (S5, S6, S3, S12): CUCM
creates the keys on the publisher and replicates them to its cluster; Expressway-C, IM&P (its
database, and the copy the running XCP Authentication Service loaded) and Unity Connection hold
copies fetched by an admin action, each compared here with its cluster publisher's current keys.
Expressway-E and Jabber hold no keys. :func:`uclab.workbook.views.deployment_map` draws this
list; nothing here draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.protocols.keys import AuthzKeys

if TYPE_CHECKING:
    from uclab.lab import Lab
    from uclab.sim.cucm.cluster import CucmCluster

#: the two keys of a copy, in ``show key authz`` order
KEY_KINDS = ("signing", "encryption")
#: tiers, Internet to inside: the client, the DMZ, Expressway-C, CUCM, IM&P and Unity Connection
CLIENT, DMZ, EXPRESSWAY_C, CUCM, APPLICATIONS = range(5)


@dataclass(frozen=True)
class KeyCopy:
    """One key copy (or a node that holds none) with the checksums it holds and should hold.

    ``key`` names the copy uniquely (``"expc:cucm-pub"``, ``"imp-pub:xcp:cucm-pub"``); checksums
    are the 64-hex ``show key authz`` values (None: no copy held); ``expected_*`` are the
    cluster publisher's current ones (None: no publisher known); ``origin`` is the ``key`` of
    the copy this one is taken from; ``fix`` is the admin action that refreshes it.
    """

    key: str
    tier: int
    role: str
    where: str
    signing: str | None = None
    encryption: str | None = None
    expected_signing: str | None = None
    expected_encryption: str | None = None
    holds_keys: bool = True
    note: str = ""
    fix: str = ""
    reference: bool = False
    origin: str = ""

    @property
    def status(self) -> str:
        """``nokeys`` (holds none by design), ``none`` (should hold a copy and has none),
        ``stale`` (differs from the publisher's current keys) or ``current``."""
        if not self.holds_keys:
            return "nokeys"
        if self.signing is None:
            return "none"
        return "stale" if self.stale_kinds else "current"

    @property
    def stale_kinds(self) -> tuple[str, ...]:
        """The keys of this copy that differ from the publisher's (``KEY_KINDS`` order)."""
        if not self.holds_keys or self.signing is None:
            return ()
        return tuple(kind for kind in KEY_KINDS
                     if self.checksum(kind) != self.expected(kind))

    def checksum(self, kind: str) -> str | None:
        """The held checksum of ``kind`` (``"signing"`` or ``"encryption"``)."""
        return self.signing if kind == "signing" else self.encryption

    def expected(self, kind: str) -> str | None:
        """The publisher's current checksum of ``kind``."""
        return self.expected_signing if kind == "signing" else self.expected_encryption


def _copy(key: str, tier: int, role: str, where: str, keys: AuthzKeys | None,
          ref: AuthzKeys | None, **kw: object) -> KeyCopy:
    return KeyCopy(key, tier, role, where,
                   keys.signing_checksum if keys else None,
                   keys.encryption_checksum if keys else None,
                   ref.signing_checksum if ref else None,
                   ref.encryption_checksum if ref else None, **kw)  # type: ignore[arg-type]


def cluster_of(lab: Lab, address: str) -> CucmCluster | None:
    """The CUCM cluster one of whose nodes is ``address`` (case-insensitive), or None."""
    for cluster in getattr(lab, "clusters", [lab.cucm]):
        if address.lower() in {n.host for n in cluster.nodes}:
            return cluster
    return None


def _last(menu_path: str) -> str:
    """The page a GUI menu path ends on (``... > Unified CM servers``)."""
    return menu_path.rsplit(" > ", 1)[-1]


def short(host: str) -> str:
    """A host's first label (``cucm-pub`` for ``cucm-pub.example.com``)."""
    return host.split(".")[0]


def key_copies(lab: Lab) -> list[KeyCopy]:
    """Every node and key copy of the deployment, Internet to inside (under ``lab.lock``).

    Reads ``lab._client`` rather than ``lab.client``: taking the inventory creates no client.
    """
    from uclab.lab import Lab

    if not isinstance(lab, Lab):
        raise ConfigError(f"key_copies needs a uclab.Lab (got {type(lab).__name__})")
    with lab.lock:
        return _edge_copies(lab) + _cucm_copies(lab) + _imp_copies(lab) + _unity_copies(lab)


def _edge_copies(lab: Lab) -> list[KeyCopy]:
    copies: list[KeyCopy] = []
    client = getattr(lab, "_client", None)
    copies.append(KeyCopy("jabber", CLIENT, "Jabber",
                          client.name if client else "the user's client", holds_keys=False,
                          note=f"holds tokens, not keys; {client.state}" if client
                          else "holds tokens, not keys"))
    edge = getattr(lab, "edge", None)
    if edge is not None:
        copies.append(KeyCopy("expe", DMZ, "Expressway-E", short(edge.host), holds_keys=False,
                              note="no keys: relays to Expressway-C"))
    expc = getattr(lab, "expc", None)
    if expc is not None:
        for server in expc.ucm_servers:
            cluster = server.cluster or cluster_of(lab, server.address)
            copies.append(_copy(
                f"expc:{short(server.address)}", EXPRESSWAY_C, "Expressway-C",
                f"copy for {short(server.address)}", server.keys,
                cluster.publisher.keys if cluster else None,
                fix=f"{_last(facts.UCM_PAGE)} > {facts.REFRESH_SERVERS} on Expressway-C",
                origin=short(cluster.publisher.host) if cluster else ""))
        if not expc.ucm_servers:
            copies.append(KeyCopy("expc:-", EXPRESSWAY_C, "Expressway-C",
                                  "no Unified CM server",
                                  fix="add the CUCM publisher, then Refresh servers"))
    return copies


def _cucm_copies(lab: Lab) -> list[KeyCopy]:
    copies: list[KeyCopy] = []
    for cluster in getattr(lab, "clusters", [lab.cucm]):
        pub = cluster.publisher
        copies.append(_copy(short(pub.host), CUCM, "CUCM publisher", short(pub.host), pub.keys,
                            pub.keys, reference=True))
        for node in cluster.subscribers:
            copies.append(_copy(short(node.host), CUCM, "CUCM subscriber", short(node.host),
                                node.keys, pub.keys, origin=short(pub.host),
                                fix="the publisher replicates its keys to the cluster"))
    return copies


def _imp_copies(lab: Lab) -> list[KeyCopy]:
    imp = getattr(lab, "imp", None)
    if imp is None:
        return []
    copies: list[KeyCopy] = []
    name = short(imp.host)
    db = {c.cluster.publisher.host: c for c in imp.database_keys()}
    xcp = {c.cluster.publisher.host: c for c in imp.xcp_auth_keys()}
    for host in dict.fromkeys([*db, *xcp]):
        cluster = (db.get(host) or xcp[host]).cluster
        tag = short(host)
        home = cluster is imp.home
        copies.append(_copy(
            f"{name}:db:{tag}", APPLICATIONS, "IM&P database", f"{name}, copy of {tag}",
            db[host].keys if host in db else None, cluster.publisher.keys, origin=tag,
            fix="CUCM pushes new keys to its IM&P nodes" if home
            else f"{facts.BUTTON_SAVE_SYNC} on the centralized IM&P cluster"))
        copies.append(_copy(
            f"{name}:xcp:{tag}", APPLICATIONS, "IM&P XCP Authentication Service",
            f"{name}, running copy of {tag}", xcp[host].keys if host in xcp else None,
            cluster.publisher.keys, origin=f"{name}:db:{tag}",
            fix=f"restart {facts.SVC_XCP_AUTH} on IM&P"))
    return copies


def _unity_copies(lab: Lab) -> list[KeyCopy]:
    unity = getattr(lab, "unity", None)
    if unity is None:
        return []
    copies: list[KeyCopy] = []
    name = short(unity.host)
    for server in unity.authz_servers:
        cluster = server.cluster or cluster_of(lab, server.server_node_address)
        copies.append(_copy(
            f"{name}:{server.display_name}", APPLICATIONS, "Unity Connection",
            f"{name}, Authz server {server.display_name}", server.keys,
            cluster.publisher.keys if cluster else None,
            origin=short(cluster.publisher.host) if cluster else "",
            fix=f"{_last(facts.PAGE_AUTHZ_SERVERS)} > {facts.ACTION_SYNC_KEYS} on Unity "
            "Connection"))
    if not unity.authz_servers:
        copies.append(KeyCopy(f"{name}:-", APPLICATIONS, "Unity Connection", name,
                              fix="Authz Servers > Add New (the CUCM publisher)"))
    return copies
