"""The Unity Connection publisher node: its parameters, tomcat-trust, Authz Servers, key copies
and REST API, put together (S12, S13, S14)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.core.wire import Request, Response
from uclab.facts import (
    ACTION_ADD_NEW,
    HTTPS_DEFAULT_PORT,
    PAGE_AUTHZ_SERVERS,
    ROLE_SYSTEM_ADMIN,
    TRACE_AUTHZ,
    UNITY_AUTHZ_DEFAULT_PORT,
    UNITY_HTTPS_PORT,
    XML_ITEM,
)
from uclab.facts.releases import REFRESH_FROM, Version, supports_refresh
from uclab.protocols.keys import AuthzKeys
from uclab.protocols.validation import Validation
from uclab.sim.cucm.users import Directory
from uclab.sim.unity import key_sync, rest_api, tokens
from uclab.sim.unity.authz_servers import (
    AuthzServer,
    AuthzServerError,
    SyncResult,
    new_authz_server,
    require_text,
)
from uclab.sim.unity.params import unity_parameters
from uclab.sim.unity.rest_api import CUC_ADMIN
from uclab.sim.unity.tomcat_trust import TomcatTrust, TrustedCertificate
from uclab.trace.dialects.unity import UnityLog

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext


class UnityConnection:
    """A Unity Connection publisher: Authz Servers, its key copies and a voicemail REST API.

    Cisco docs: Unity Connection System Administration Guide, "Authz Server" (S13); CUPI API,
    "Authorization Server" (S14); Troubleshooting Guide for Cisco Unity Connection 14,
    "Troubleshooting Authorization Code Grant Flow" (S12).
    """

    def __init__(self, ctx: NodeContext, host: str = "cuc-pub.example.com",
                 version: str = "14.0(1)", *, admin_password: str) -> None:
        self.ctx = ctx
        self.host = require_text(host, "host", 253).lower()
        self.version = Version.parse(version)
        self.ports: tuple[int, ...] = (HTTPS_DEFAULT_PORT, UNITY_HTTPS_PORT)
        self.entropy = ctx.entropy.child(f"cuc/{self.host}")
        self.params = unity_parameters(self.version)
        self.admins = Directory(self.entropy.child("users"))
        self.admins.add_application_user(CUC_ADMIN, admin_password, (str(ROLE_SYSTEM_ADMIN),))
        self.log = UnityLog(self.host, lambda: ctx.clock.ms, ctx.log)
        self._servers: dict[str, AuthzServer] = {}
        self._trust = TomcatTrust()
        self._keys_watch = key_sync.KeyRotationWatch(self._servers.values, self.log, ctx.lock)
        ctx.network.attach(self, self.host.split(".")[0])

    def __repr__(self) -> str:
        return (f"UnityConnection({self.host!r}, {self.version}, "
                f"authz_servers={[s.display_name for s in self._servers.values()]}, "
                f"oauth={'on' if self.refresh_enabled else 'off'})")

    # -- enterprise parameters --------------------------------------------------------------------
    def set_parameter(self, name: str, value: str) -> None:
        """System Settings > Enterprise Parameters > SSO and OAuth Configuration (S13)."""
        self.params.set(name, value)

    def enable_refresh_logins(self, enabled: bool = True) -> None:
        """Set "OAuth with Refresh Login Flow" to Enabled (or Disabled) on CUC (S13, S6, S9)."""
        self.params.set(str(facts.PARAM_REFRESH_FLOW),
                        str(facts.ENABLED if enabled else facts.DISABLED))

    @property
    def refresh_enabled(self) -> bool:
        return self.params.refresh_enabled

    # -- tomcat-trust -----------------------------------------------------------------------------
    def upload_tomcat_trust(self, host: str, *, valid_from: int | None = None,
                            valid_until: int | None = None) -> TrustedCertificate:
        """Upload a CUCM node's Tomcat certificate to CUC's tomcat-trust (S12: Cisco Unified
        OS Administration > Security > Certificate Management > Upload Certificate).

        ``valid_from``/``valid_until`` are epoch seconds; by default the certificate is valid
        from now for 5 years [U lab value].
        """
        name = require_text(host, "host", 253).lower()
        cert = TomcatTrust.certificate(name, self.ctx.clock.now(), valid_from, valid_until)
        with self.ctx.lock:
            self._trust.add(cert)
        return cert

    @property
    def tomcat_trust(self) -> dict[str, TrustedCertificate]:
        """CUC's tomcat-trust: CUCM host -> uploaded certificate (starts empty)."""
        return self._trust.as_dict()

    # -- Authz Servers ----------------------------------------------------------------------------
    @property
    def authz_servers(self) -> list[AuthzServer]:
        """The rows of Search Authz Servers."""
        return list(self._servers.values())

    def authz_server(self, display_name: str) -> AuthzServer:
        server = self._servers.get(display_name.lower()) if isinstance(display_name, str) \
            else None
        if server is None:
            known = ", ".join(repr(s.display_name) for s in self._servers.values()) or "none"
            raise ConfigError(f"no Authz server is called {display_name!r} (configured: {known})")
        return server

    def add_authz_server(self, display_name: str, server_node_address: str, username: str,
                         password: str, port: int = int(UNITY_AUTHZ_DEFAULT_PORT),
                         ignore_certificate_errors: bool = False) -> AuthzServer:
        """Add New on System Settings > Authz Servers, then Save (S13).

        Saving fetches the keys from CUCM; on failure nothing is saved and
        :class:`AuthzServerError` carries the S12 message [U lab choice, see
        :mod:`uclab.sim.unity`].
        """
        if not supports_refresh(self.version):
            raise ConfigError(f"{PAGE_AUTHZ_SERVERS} exists from Unity Connection "
                              f"{REFRESH_FROM} (this server runs {self.version})")
        server = new_authz_server(self.entropy, display_name, server_node_address, username,
                                  password, port, ignore_certificate_errors)
        with self.ctx.lock:
            if server.display_name.lower() in self._servers:
                raise ConfigError(f"an Authz server called {server.display_name!r} already "
                                  "exists")
            result = self._sync(server)
            if not result.ok:
                assert result.message is not None
                raise AuthzServerError(result.message, server.display_name, result.detail)
            self._servers[server.display_name.lower()] = server
            self._keys_watch.watch(server.cluster)
        return server

    def delete_authz_servers(self, *display_names: str) -> list[str]:
        """Delete Selected (S13): removes the servers and CUC's copies of their keys."""
        if not display_names:
            raise ConfigError("select at least one Authz server to delete")
        chosen = [self.authz_server(name) for name in display_names]
        with self.ctx.lock:
            for server in chosen:
                self._servers.pop(server.display_name.lower(), None)
                self._keys_watch.unwatch(server.cluster)
                self.log.trace(TRACE_AUTHZ, ("Action", "Delete"),
                               (XML_ITEM, server.display_name))
        return [s.display_name for s in chosen]

    def sync_keys(self, display_name: str | None = None) -> list[SyncResult]:
        """Sync Keys on Search Authz Servers (S12, S13): fetch the keys again.

        ``display_name=None`` syncs every server [U]. A failed sync keeps the old keys and
        sets LastSyncStatus to ``Failed - <date>`` [U].
        """
        if display_name is None:
            chosen = self.authz_servers
            if not chosen:
                raise ConfigError(f"no Authz server is configured; use {ACTION_ADD_NEW} first")
        else:
            chosen = [self.authz_server(display_name)]
        with self.ctx.lock:
            return [self._sync(server) for server in chosen]

    def _sync(self, server: AuthzServer) -> SyncResult:
        return key_sync.sync(server, self.ctx.network, self._trust, self.ctx.clock, self.log)

    def held_keys(self) -> list[AuthzKeys]:
        """CUC's own key copies, one per synced Authz server."""
        return tokens.held_keys(self._servers.values())

    # -- token validation and HTTP ----------------------------------------------------------------
    def validate(self, token: Any) -> Validation:
        """Validate a Jabber access token with CUC's own key copies (the shared validator).

        The user-active check asks the CUCM cluster whose keys signed the token (S2 order).
        """
        return tokens.validate_with_copies(token, self.authz_servers, self.ctx.clock.now(),
                                           self.host)

    def handle(self, req: Request) -> Response:
        """Route ``/vmrest/authz/server[/<id>]`` (S14) and the voicemail inbox (lab path)."""
        return rest_api.handle(self, req)

    def authz_servers_xml(self) -> str:
        """The S14 listing: ``<AuthzServers total="n"><AuthzServer>...``."""
        return rest_api.authz_servers_xml(self.authz_servers)
