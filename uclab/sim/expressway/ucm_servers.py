"""Expressway-C's inside servers: the Unified CM servers page with "Refresh servers", and the
IM and Presence Service and Unity Connection nodes it is given.

"Refresh servers" is what gives Expressway-C its copy of the CUCM keys (S6, S7, S2).
edgeconfigprovision finds a user's home cluster through UDS clusterUser (UDSSYS; seed article).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote

from uclab.core.errors import ConfigError
from uclab.core.wire import Request
from uclab.facts import (
    CUCM_HTTPS_PORT,
    MOD_ECP,
    OAUTH_REFRESH,
    OAUTH_TOKEN,
    REFRESH_SERVERS,
    UCM_PAGE,
    UCM_STATUS_ACTIVE,
    UCM_STATUS_NOT_REFRESHED,
    UCM_STATUS_REFUSED,
    UCM_STATUS_UNREACHABLE,
    UDS_CLUSTER_USER,
    USER_CREDS,
)
from uclab.facts.releases import supports_refresh
from uclab.protocols.keys import AuthzKeys
from uclab.protocols.uds import UdsFormatError, parse_cluster_user
from uclab.sim.expressway.node import Expressway

if TYPE_CHECKING:
    from uclab.sim.cucm.cluster import CucmCluster
    from uclab.sim.expressway.settings import MraAccessControl

#: :mod:`.core` re-exports the page's names from here.
__all__ = ["AUTH_METHODS", "REFRESH_SERVERS", "UCM_PAGE", "UcmServer", "UcmServers"]

AUTH_METHODS = (str(OAUTH_REFRESH), str(OAUTH_TOKEN), str(USER_CREDS))


@dataclass
class UcmServer:
    """One row of the Unified CM servers page, with what "Refresh servers" learnt."""

    address: str
    username: str
    password: str = field(repr=False)
    version: str = ""
    methods: tuple[str, ...] = ()
    keys: AuthzKeys | None = field(default=None, repr=False)
    cluster: CucmCluster | None = field(default=None, repr=False)
    status: str = str(UCM_STATUS_NOT_REFRESHED)


class UcmServers(Expressway):
    """The admin pages of Expressway-C's inside servers (part of
    :class:`~uclab.sim.expressway.core.ExpresswayC`)."""

    access: MraAccessControl
    ucm_servers: list[UcmServer]
    imp_servers: dict[str, bool]  # host -> realm data fresh
    unity_servers: list[str]
    edge_host: str | None

    def own_edge_host(self) -> str:
        """The Expressway-E this Expressway-C is paired with (its traversal zone's other end)."""
        if self.edge_host is not None:
            return self.edge_host
        edge = self.ctx.peers.get("expe")
        return edge.host if edge is not None else ""

    def add_ucm_server(self, address: str, username: str, password: str) -> UcmServer:
        """Unified CM servers > New: publisher address and an account that can reach it."""
        if any(s.address == address for s in self.ucm_servers):
            raise ConfigError(f"{address} is already a Unified CM server")
        server = UcmServer(address, username, password)
        self.ucm_servers.append(server)
        return server

    def refresh_servers(self) -> list[UcmServer]:
        """Unified CM servers > Refresh servers: discover each cluster and fetch its keys."""
        from uclab.sim.cucm.node import CucmNode

        for server in self.ucm_servers:
            node = self.ctx.network.nodes.get(server.address.lower())
            if not isinstance(node, CucmNode):
                server.status = UCM_STATUS_UNREACHABLE.format(host=server.address)
                server.keys = None
                continue
            cluster = node.cluster
            account = cluster.users.authenticate(server.username, server.password)
            if account is None or not account.application_user:
                server.status, server.keys = str(UCM_STATUS_REFUSED), None
                continue
            server.cluster, server.version = cluster, str(cluster.version)
            methods = [str(USER_CREDS)]
            if "implicit" in cluster.grant_flows():
                methods.insert(0, str(OAUTH_TOKEN))
            if supports_refresh(cluster.version) and cluster.params.refresh_enabled:
                methods.insert(0, str(OAUTH_REFRESH))
            server.methods = tuple(methods)
            # the keys come with a refresh made while OAuth with refresh is On (S6, S7)
            wanted = self.access.authorize_by_oauth_token_with_refresh
            server.keys = cluster.fetch_keys() if wanted and supports_refresh(cluster.version) \
                else None
            server.status = str(UCM_STATUS_ACTIVE)
        from uclab.sim.expressway.sip_relay import after_refresh

        after_refresh(self)  # CEOAuth zones and the AXL push of SIP OAuth (S6, S10)
        return self.ucm_servers

    def add_imp_server(self, host: str) -> None:
        """IM and Presence Service nodes > New (realm data arrives with Refresh servers)."""
        self.imp_servers[host] = False

    def refresh_imp_servers(self) -> None:
        for host in self.imp_servers:
            self.imp_servers[host] = True

    def add_unity_server(self, host: str) -> None:
        if host not in self.unity_servers:
            self.unity_servers.append(host)

    @property
    def keys(self) -> list[AuthzKeys]:
        """The AuthZ key copies Expressway-C holds, one per refreshed cluster."""
        return [s.keys for s in self.ucm_servers if s.keys is not None]

    def server_table(self) -> list[dict[str, str]]:
        """The Unified CM servers page after a refresh."""
        return [{"Unified CM": s.address, "Version": s.version or "-", "Status": s.status,
                 "Authorization methods": ", ".join(s.methods) or "-",
                 "Keys": (s.keys.signing_checksum[:12] + "…") if s.keys else "none"}
                for s in self.ucm_servers]

    # -- which cluster ----------------------------------------------------------------------------
    def _home_server(self, user: str) -> UcmServer | None:
        """edgeconfigprovision: ask UDS clusterUser which cluster is the user's home (UDSSYS,
        seed article), of the first refreshed Unified CM server that answers (UDS there fans
        out to the other clusters), and take the Unified CM server whose cluster's publisher
        the answer names. An answer that is not the documented form, or a home cluster not on
        this Expressway-C's Unified CM servers page, finds no home [U lab model]."""
        for server in self.ucm_servers:
            if server.cluster is None:
                continue
            url = (f"https://{server.address}:{CUCM_HTTPS_PORT}{UDS_CLUSTER_USER}"
                   f"?username={quote(user, safe='')}")
            req = Request.make("GET", url, {"Accept": "application/xml"})
            self.log.http_send(MOD_ECP, req, [])
            ex = self.ctx.network.send(self.name, req)
            if ex.response is None:
                continue
            self.log.http_received(MOD_ECP, url, ex.response, [])
            if ex.response.status != 200:
                return None
            try:
                answer = parse_cluster_user(ex.response.body)
            except UdsFormatError:
                return None
            if not answer.found:
                return None
            for candidate in self.ucm_servers:
                if candidate.cluster is not None and \
                        candidate.cluster.publisher.host == answer.home:
                    return candidate
            return None
        return None

    def _cluster_by_id(self, cluster_id: str) -> CucmCluster | None:
        for server in self.ucm_servers:
            if server.cluster is not None and server.cluster.cluster_id == cluster_id:
                return server.cluster
        return None

    def allowed_inside(self, host: str) -> bool:
        """The hosts Expressway-C will proxy to: servers it discovered or was given."""
        known = {n.host for s in self.ucm_servers if s.cluster for n in s.cluster.nodes}
        return host in known or host in self.imp_servers or host in self.unity_servers
