"""An IM&P central cluster: System > Centralized Deployment (S15).

An IM&P *central cluster* gets the keys of each remote telephony cluster only through System >
Centralized Deployment > Save and Synchronize (S15), and keeps them until an admin repeats it;
as for local keys, the running Cisco XCP Authentication Service reads them at its next
restart [U].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.facts import (
    AXL_AUTH_FAILED,
    BUTTON_SAVE_SYNC,
    FIELD_AXL_PASSWORD,
    FIELD_AXL_USERNAME,
    FIELD_PEER_ADDRESS,
    MENU_CENTRALIZED,
    STATUS_SYNCHRONIZED,
    STATUS_UNSYNCHRONIZED,
    UNSYNC_UP_TO,
)
from uclab.facts.releases import Version
from uclab.sim.cucm.cluster import CucmCluster
from uclab.sim.cucm.node import CucmNode
from uclab.sim.imp.node import ImpNode

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext

_UNSYNC_UP_TO = Version.parse(UNSYNC_UP_TO)


@dataclass
class PeerEntry:
    """One row of System > Centralized Deployment on the central IM&P publisher (S15)."""

    peer_address: str
    axl_username: str
    axl_password: str = field(repr=False)
    cluster: CucmCluster = field(repr=False)
    status: str = ""
    synced_at: int | None = None
    signing_checksum: str | None = None


class CentralImpCluster:
    """An IM&P central cluster (S15): a local, non-telephony CUCM and an IM&P publisher whose
    System > Centralized Deployment page lists the remote telephony CUCM publishers.

    "Save and Synchronize" copies a telephony cluster's AuthZ keys into the central cluster's
    database (Synchronized), or shows Unsynchronized for a CUCM at 11.5(1)SU3 or earlier (S15).
    After a key regeneration on a telephony cluster the central cluster keeps the old keys until
    Save and Synchronize is repeated (S15); what happens meanwhile is not documented — uclab's
    [U] model: XMPP OAuth logins of that cluster's users fail. As everywhere in uclab, the
    running Cisco XCP Authentication Service picks up new keys when it is restarted (S3, S15).
    """

    def __init__(self, ctx: NodeContext, imp_host: str, local_cucm: CucmCluster, *,
                 name: str | None = None) -> None:
        self.ctx = ctx
        self.local_cucm = local_cucm
        self.publisher = ImpNode(ctx, imp_host, local_cucm, name=name)
        self.entries: dict[str, PeerEntry] = {}

    def __repr__(self) -> str:
        return f"CentralImpCluster({self.publisher.host!r}, {len(self.entries)} peer(s))"

    def add_new(self, peer_address: str, axl_username: str, axl_password: str) -> PeerEntry:
        """Add New, fill Peer Address / AXL Username / AXL Password, Save and Synchronize."""
        with self.ctx.lock:
            address = _clean_address(peer_address)
            if address in self.entries:
                raise ConfigError(f"{FIELD_PEER_ADDRESS} {address!r} is already listed under "
                                  f"{MENU_CENTRALIZED}; use {BUTTON_SAVE_SYNC} on it")
            cluster = self._resolve(address)
            self._check_axl(address, cluster, axl_username, axl_password)
            entry = PeerEntry(address, axl_username, axl_password, cluster)
            self.entries[address] = entry
            return self._sync(entry)

    def save_and_synchronize(self, peer_address: str, *, axl_username: str | None = None,
                             axl_password: str | None = None) -> PeerEntry:
        """Save and Synchronize on an existing entry, optionally with new AXL credentials; then
        restart Cisco XCP Authentication Service for the running service to use the keys."""
        with self.ctx.lock:
            entry = self.entry(peer_address)
            user = entry.axl_username if axl_username is None else axl_username
            password = entry.axl_password if axl_password is None else axl_password
            self._check_axl(entry.peer_address, entry.cluster, user, password)
            entry.axl_username, entry.axl_password = user, password
            return self._sync(entry)

    def entry(self, peer_address: str) -> PeerEntry:
        address = _clean_address(peer_address)
        if address not in self.entries:
            raise ConfigError(f"no {MENU_CENTRALIZED} entry for {address!r} (entries: "
                              f"{', '.join(self.entries) or 'none'})")
        return self.entries[address]

    def status(self, peer_address: str) -> str:
        return self.entry(peer_address).status

    def table(self) -> str:
        """The Centralized Deployment list: Peer Address, AXL Username, status."""
        rows = [str(MENU_CENTRALIZED),
                f"  {FIELD_PEER_ADDRESS:<32} {FIELD_AXL_USERNAME:<16} Status"]
        rows += [f"  {e.peer_address:<32} {e.axl_username:<16} {e.status}"
                 for e in self.entries.values()]
        return "\n".join(rows)

    # -- steps ------------------------------------------------------------------------------------
    def _resolve(self, address: str) -> CucmCluster:
        """The Peer Address must be a telephony cluster's CUCM publisher on the lab network."""
        node = self.ctx.network.nodes.get(address)
        if node is None:
            raise ConfigError(f"{FIELD_PEER_ADDRESS} {address!r} does not resolve: no such node "
                              "in this lab")
        if not isinstance(node, CucmNode):
            raise ConfigError(f"{FIELD_PEER_ADDRESS} {address!r} is a {type(node).__name__}, not a "
                              "Unified CM publisher")
        if not node.is_publisher:
            raise ConfigError(f"{FIELD_PEER_ADDRESS} {address!r} is a subscriber; enter its "
                              f"publisher {node.cluster.publisher.host!r} (S15)")
        if node.cluster is self.local_cucm:
            raise ConfigError(f"{address!r} is the central cluster's own CUCM, not a remote "
                              "telephony cluster")
        return node.cluster

    def _check_axl(self, address: str, cluster: CucmCluster, user: str, password: str) -> None:
        account = cluster.users.authenticate(user, password) if isinstance(user, str) else None
        if account is None:
            raise ConfigError(AXL_AUTH_FAILED.format(
                peer=address, detail=f"{FIELD_AXL_USERNAME} {user!r} or {FIELD_AXL_PASSWORD} is "
                "wrong"))
        if str(facts.ROLE_AXL) not in account.roles:
            raise ConfigError(AXL_AUTH_FAILED.format(
                peer=address, detail=f"{user!r} lacks the role {facts.ROLE_AXL!r}"))

    def _sync(self, entry: PeerEntry) -> PeerEntry:
        cluster = entry.cluster
        entry.synced_at = self.ctx.clock.now()
        if cluster.version <= _UNSYNC_UP_TO:
            entry.status, entry.signing_checksum = str(STATUS_UNSYNCHRONIZED), None
            self.publisher.key_copies.set_peer_keys(cluster, None, False)
            return entry
        keys = cluster.fetch_keys()
        self.publisher.key_copies.set_peer_keys(cluster, keys, cluster.params.refresh_enabled)
        entry.status, entry.signing_checksum = str(STATUS_SYNCHRONIZED), keys.signing_checksum
        return entry


def _clean_address(address: str) -> str:
    if not isinstance(address, str) or not address.strip() or " " in address.strip():
        raise ConfigError(f"{FIELD_PEER_ADDRESS} must be a host name (got {address!r})")
    return address.strip().lower()
