"""Sync Keys and EvtAuthzKeyRotation: how Unity Connection fetches the AuthZ keys from an Authz
server, and what it does when they change on CUCM (S12, S13; S1 for the AXL role).

Order of the checks, as a TLS client meets them: name and port, Tomcat certificate, an Authz key
service behind the port (CUCM 11.5(1)SU3 or later), credentials, AXL access. Cisco Tomcat
stopped on CUCM (S12) is modelled as the node gone from the network: the connectivity error.
When the CUCM keys change, CUC raises EvtAuthzKeyRotation in CiscoSyslog and keeps its old copy
until an admin clicks Sync Keys (S12); the change is noticed at once (a listener on the
cluster), as how real CUC notices is not documented [U].
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from uclab import facts
from uclab.core.clock import Clock
from uclab.facts import (
    ALARM_KEY_ROTATION_TEXT,
    ERR_CONNECT,
    ERR_CONNECT_NETWORK,
    ERR_NOT_AUTHORIZED,
    FIELD_ADDRESS,
    FIELD_PORT,
    FIELD_USERNAME,
    SYNC_FAILED,
    SYNC_PASSED,
    TRACE_AUTHZ,
    XML_ITEM,
    Fact,
)
from uclab.facts.releases import REFRESH_FROM, supports_refresh
from uclab.protocols.keys import AuthzKeys
from uclab.sim.cucm.cluster import CucmCluster
from uclab.sim.cucm.node import CucmNode
from uclab.sim.network import Network
from uclab.sim.unity.authz_servers import AuthzServer, SyncResult, format_sync_status
from uclab.sim.unity.tomcat_trust import TomcatTrust
from uclab.trace.dialects.unity import UnityLog


def contact(server: AuthzServer, network: Network, trust: TomcatTrust,
            clock: Clock) -> tuple[CucmCluster | None, Fact | None, str]:
    """What CUC meets when it fetches the keys: (cluster, S12 message or None, detail)."""
    host = server.server_node_address.lower()
    node = network.nodes.get(host)
    if node is None:
        return None, ERR_CONNECT_NETWORK, f"could not resolve {host} (no such node)"
    if server.port not in node.ports:
        return None, ERR_CONNECT_NETWORK, f"{host} does not listen on port {server.port}"
    cert_error, cert_detail = trust.check(host, server.ignore_certificate_errors, clock.now())
    if cert_error is not None:
        return None, cert_error, cert_detail
    if not isinstance(node, CucmNode) or not supports_refresh(node.cluster.version):
        what = f"CUCM {node.cluster.version}" if isinstance(node, CucmNode) else "not CUCM"
        return None, ERR_CONNECT, (f"{host} offers no Authz key service ({what}; needs "
                                   f"CUCM {REFRESH_FROM} or later)")
    return node.cluster, *check_account(node.cluster, server)


def check_account(cluster: CucmCluster, server: AuthzServer) -> tuple[Fact | None, str]:
    """The account must log in to CUCM and hold AXL access (S1; S13: an admin account)."""
    user = cluster.users.authenticate(server.server_username, server.password)
    if user is None:
        return ERR_NOT_AUTHORIZED, f"CUCM rejected the credentials of " \
                                   f"{server.server_username!r}"
    if str(facts.ROLE_AXL) not in user.roles:
        return ERR_NOT_AUTHORIZED, (f"{server.server_username!r} has no "
                                    f"'{facts.ROLE_AXL}' role on CUCM")
    return None, "account accepted"


def sync(server: AuthzServer, network: Network, trust: TomcatTrust, clock: Clock,
         log: UnityLog) -> SyncResult:
    """Fetch ``server``'s keys once and trace it. On success the copy is replaced; a failed
    sync keeps the old keys and sets LastSyncStatus to ``Failed - <date>`` [U]."""
    cluster, message, detail = contact(server, network, trust, clock)
    ms = clock.ms
    if message is None:
        assert cluster is not None
        server.keys = cluster.fetch_keys()
        server.cluster = cluster
        server.last_sync_status = format_sync_status(SYNC_PASSED, ms)
        detail = (f"signing key checksum {server.keys.signing_checksum}, encryption key "
                  f"checksum {server.keys.encryption_checksum}")
    else:
        server.last_sync_status = format_sync_status(SYNC_FAILED, ms)
    result = SyncResult(server.display_name, message is None, server.last_sync_status,
                        message, detail)
    log.trace(TRACE_AUTHZ, ("Action", "SyncKeys"), (XML_ITEM, server.display_name),
              (FIELD_ADDRESS, server.server_node_address),
              (FIELD_PORT, server.port), (FIELD_USERNAME, server.server_username),
              ("Result", SYNC_PASSED if result.ok else SYNC_FAILED),
              *((("Message", message),) if message else ()), ("Detail", detail),
              secret=server.password)
    return result


class KeyRotationWatch:
    """CUC's listener on each CUCM cluster it holds keys of: a key change raises
    EvtAuthzKeyRotation for each Authz server of that cluster, whose stale copy CUC keeps (S12).

    ``servers()`` gives the configured Authz servers; ``log`` writes the alert; ``lock`` is the
    deployment's lock (CUCM may change its keys from a widget callback's thread).
    """

    def __init__(self, servers: Callable[[], Iterable[AuthzServer]], log: UnityLog,
                 lock: threading.RLock) -> None:
        self._servers = servers
        self._log = log
        self._lock = lock
        self._listeners: dict[int, Callable[[str, AuthzKeys], None]] = {}

    def watch(self, cluster: CucmCluster | None) -> None:
        """Listen on ``cluster`` (once however many servers point at it)."""
        if cluster is None or id(cluster) in self._listeners:
            return

        def listener(kind: str, new_keys: AuthzKeys) -> None:
            self._on_key_change(cluster, kind, new_keys)

        self._listeners[id(cluster)] = listener
        cluster.key_listeners.append(listener)

    def unwatch(self, cluster: CucmCluster | None) -> None:
        """Stop listening on ``cluster`` once no configured server points at it."""
        if cluster is None or any(s.cluster is cluster for s in self._servers()):
            return
        listener = self._listeners.pop(id(cluster), None)
        if listener is not None and listener in cluster.key_listeners:
            cluster.key_listeners.remove(listener)

    def _on_key_change(self, cluster: CucmCluster, kind: str, new_keys: AuthzKeys) -> None:
        """CUCM keys changed: raise EvtAuthzKeyRotation, keep the stale copy (S12)."""
        with self._lock:
            for server in self._servers():
                if server.cluster is cluster and server.keys is not new_keys:
                    self._log.key_rotation(server.display_name, server.server_node_address,
                                           kind, ALARM_KEY_ROTATION_TEXT)
